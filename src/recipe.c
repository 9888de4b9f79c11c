/*
 * recipe.c - a recipe's values per 100 g from its ingredients and yield,
 * and keeping recipes (and the recipes made from them) in the store.
 * See recipe.h for the arithmetic and where it comes from.
 */
#include "dietbal/recipe.h"

#include "dietbal/nutrients.h"
#include "dietbal/store.h"
#include "dietbal/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct recipe *recipe_new(void) {
    struct recipe *r = calloc(1, sizeof(*r));
    if (r) {
        r->yield_g = NAN;
        r->serves = NAN;
    }
    return r;
}

void recipe_free(struct recipe *r) {
    if (!r)
        return;
    for (size_t i = 0; i < r->n_ing; i++) {
        free(r->ing[i].text);
        free(r->ing[i].food_id);
    }
    free(r->ing);
    free(r->id);
    free(r->name);
    free(r);
}

int recipe_add_ingredient(struct recipe *r, const char *text, const char *food_id, double grams) {
    struct recipe_ingredient *grown = realloc(r->ing, (r->n_ing + 1) * sizeof(*r->ing));
    if (!grown)
        return -1;
    r->ing = grown;
    struct recipe_ingredient *i = &r->ing[r->n_ing];
    i->text = strdup(text ? text : "");
    i->food_id = strdup(food_id ? food_id : "");
    i->grams = grams;
    if (!i->text || !i->food_id) {
        free(i->text);
        free(i->food_id);
        return -1;
    }
    r->n_ing++;
    return 0;
}

int recipe_slug(const char *name, char *out, size_t len) {
    char buf[RECIPE_SLUG_MAX + 1];
    size_t n = 0;
    int dash = 0;

    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        unsigned char c = (unsigned char)util_tolower(*p);
        if (util_isalnum(c)) {
            if (dash && n > 0) {
                if (n >= RECIPE_SLUG_MAX)
                    return -1;
                buf[n++] = '-';
            }
            dash = 0;
            if (n >= RECIPE_SLUG_MAX)
                return -1;
            buf[n++] = (char)c;
        } else {
            dash = 1;
        }
    }
    if (n == 0 || n + 1 > len)
        return -1;
    buf[n] = '\0';
    memcpy(out, buf, n + 1);
    return 0;
}

double recipe_ingredients_g(const struct recipe *r) {
    double sum = 0;
    for (size_t i = 0; i < r->n_ing; i++)
        sum += r->ing[i].grams;
    return sum;
}

double recipe_yield_g(const struct recipe *r) {
    return isnan(r->yield_g) ? recipe_ingredients_g(r) : r->yield_g;
}

int recipe_check_yield(const struct recipe *r, int force, char *err, size_t errlen) {
    double total = recipe_ingredients_g(r), y = r->yield_g;

    if (isnan(y))
        return RECIPE_OK;
    if (!(y > 0) || !isfinite(y)) {
        snprintf(err, errlen, "the yield must be a weight above 0");
        return RECIPE_EINPUT;
    }
    if (force)
        return RECIPE_OK;
    if (y < RECIPE_YIELD_MIN_SHARE * total || y > RECIPE_YIELD_MAX_SHARE * total) {
        snprintf(err, errlen,
                 "a yield of %.0f g from %.0f g of ingredients is %s; check the unit, or give "
                 "--force if it is right",
                 y, total,
                 y < total ? "less than a tenth of their weight"
                           : "more than ten times their weight (is water missing from the list?)");
        return RECIPE_EINPUT;
    }
    return RECIPE_OK;
}

int recipe_compute(const struct recipe *r, struct food *const *foods, struct food *out,
                   double *completeness) {
    size_t nk = nutrients_count();
    double total = recipe_ingredients_g(r), yield = recipe_yield_g(r);

    if (r->n_ing == 0 || !(total > 0) || !(yield > 0))
        return -1;
    food_clear(out);
    if (food_set_str(&out->id, r->id) != 0 || food_set_str(&out->name, r->name) != 0 ||
        food_set_str(&out->group, RECIPE_GROUP) != 0)
        return -1;
    for (size_t k = 0; k < nk; k++) {
        double sum = 0, known_g = 0;
        for (size_t i = 0; i < r->n_ing; i++) {
            double v = foods[i]->values[k];
            if (isnan(v))
                continue;
            sum += r->ing[i].grams * v / 100.0;
            known_g += r->ing[i].grams;
        }
        if (completeness)
            completeness[k] = known_g / total;
        if (known_g < total) {
            out->values[k] = NAN;
            continue;
        }
        /* the weight the pot lost (or gained) in the cooking is water */
        if ((int)k == NUT_WATER) {
            sum += yield - total;
            if (sum < 0)
                sum = 0;
        }
        out->values[k] = sum / yield * 100.0;
    }
    out->measured = 1;
    if (!isnan(r->serves) && food_add_portion(out, "serving", 1, yield / r->serves) != 0)
        return -1;
    if (food_add_portion(out, "recipe", 1, yield) != 0)
        return -1;
    return 0;
}

void recipe_foods_free(struct food **foods, size_t n) {
    if (!foods)
        return;
    for (size_t i = 0; i < n; i++)
        food_free(foods[i]);
    free(foods);
}

/* The foods of r's ingredients, from the store. */
static int load_foods(store *s, const struct recipe *r, struct food ***out, char *err,
                      size_t errlen) {
    struct food **foods = calloc(r->n_ing ? r->n_ing : 1, sizeof(*foods));
    int rc = RECIPE_OK;

    if (!foods) {
        snprintf(err, errlen, "out of memory");
        return RECIPE_ERUNTIME;
    }
    for (size_t i = 0; i < r->n_ing; i++) {
        int src = store_food_get(s, r->ing[i].food_id, &foods[i]);
        if (src != STORE_OK) {
            snprintf(err, errlen, "%s", store_errmsg(s));
            rc = src == STORE_NOTFOUND ? RECIPE_EINPUT : RECIPE_ERUNTIME;
            break;
        }
    }
    if (rc != RECIPE_OK) {
        recipe_foods_free(foods, r->n_ing);
        return rc;
    }
    *out = foods;
    return RECIPE_OK;
}

int recipe_load(store *s, const char *id, struct recipe **r, struct food ***foods, char *err,
                size_t errlen) {
    struct recipe *got = NULL;
    int src = store_recipe_get(s, id, &got), rc;

    if (src != STORE_OK) {
        snprintf(err, errlen, "%s", store_errmsg(s));
        return src == STORE_NOTFOUND ? RECIPE_EINPUT : RECIPE_ERUNTIME;
    }
    if ((rc = load_foods(s, got, foods, err, errlen)) != RECIPE_OK) {
        recipe_free(got);
        return rc;
    }
    *r = got;
    return RECIPE_OK;
}

/* Compute r from its stored ingredients and store it. */
static int put(store *s, const struct recipe *r, int *what, char *err, size_t errlen) {
    struct food **foods = NULL;
    struct food *f = food_new();
    int rc, src;

    if (!f) {
        snprintf(err, errlen, "out of memory");
        return RECIPE_ERUNTIME;
    }
    if ((rc = load_foods(s, r, &foods, err, errlen)) != RECIPE_OK)
        goto out;
    if (recipe_compute(r, foods, f, NULL) != 0) {
        snprintf(err, errlen, "out of memory");
        rc = RECIPE_ERUNTIME;
        goto out;
    }
    if ((src = store_recipe_put(s, r, f, what)) != STORE_OK) {
        snprintf(err, errlen, "%s", store_errmsg(s));
        rc = src == STORE_CONFLICT || src == STORE_NOTFOUND ? RECIPE_EINPUT : RECIPE_ERUNTIME;
    }
out:
    recipe_foods_free(foods, r->n_ing);
    food_free(f);
    return rc;
}

static int same_recipe(const struct recipe *a, const struct recipe *b) {
    if (strcmp(a->name, b->name) != 0 || a->n_ing != b->n_ing ||
        !(a->yield_g == b->yield_g || (isnan(a->yield_g) && isnan(b->yield_g))) ||
        !(a->serves == b->serves || (isnan(a->serves) && isnan(b->serves))))
        return 0;
    for (size_t i = 0; i < a->n_ing; i++)
        if (strcmp(a->ing[i].text, b->ing[i].text) != 0 ||
            strcmp(a->ing[i].food_id, b->ing[i].food_id) != 0 || a->ing[i].grams != b->ing[i].grams)
            return 0;
    return 1;
}

/* Compute again every recipe that has id as an ingredient, then theirs. */
static int update_users(store *s, const char *id, int depth, char *err, size_t errlen) {
    char **ids = NULL;
    size_t n = 0;
    int rc = RECIPE_OK;

    if (depth > RECIPE_MAX_DEPTH) {
        snprintf(err, errlen, "recipes nest more than %d deep", RECIPE_MAX_DEPTH);
        return RECIPE_EINPUT;
    }
    if (store_recipe_dependents(s, id, &ids, &n) != STORE_OK) {
        snprintf(err, errlen, "%s", store_errmsg(s));
        return RECIPE_ERUNTIME;
    }
    for (size_t i = 0; rc == RECIPE_OK && i < n; i++) {
        struct recipe *r = NULL;
        if (store_recipe_get(s, ids[i], &r) != STORE_OK) {
            snprintf(err, errlen, "%s", store_errmsg(s));
            rc = RECIPE_ERUNTIME;
            break;
        }
        if ((rc = put(s, r, NULL, err, errlen)) == RECIPE_OK)
            rc = update_users(s, ids[i], depth + 1, err, errlen);
        recipe_free(r);
    }
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    return rc;
}

int recipe_save(store *s, const struct recipe *r, int force, int *what, char *err, size_t errlen) {
    struct recipe *old = NULL;
    int rc, src, inside = 0, got = 0;

    if (r->n_ing == 0 || r->n_ing > RECIPE_MAX_INGREDIENTS) {
        snprintf(err, errlen, "a recipe takes 1 to %d ingredients", RECIPE_MAX_INGREDIENTS);
        return RECIPE_EINPUT;
    }
    if ((rc = recipe_check_yield(r, force, err, errlen)) != RECIPE_OK)
        return rc;
    for (size_t i = 0; i < r->n_ing; i++) {
        if (store_recipe_reaches(s, r->ing[i].food_id, r->id, &inside) != STORE_OK) {
            snprintf(err, errlen, "%s", store_errmsg(s));
            return RECIPE_ERUNTIME;
        }
        if (inside) {
            if (strcmp(r->ing[i].food_id, r->id) == 0)
                snprintf(err, errlen, "'%s' is the recipe itself; a recipe cannot contain itself",
                         r->ing[i].text);
            else
                snprintf(err, errlen, "'%s' (%s) contains %s; a recipe cannot contain itself",
                         r->ing[i].text, r->ing[i].food_id, r->id);
            return RECIPE_EINPUT;
        }
    }
    src = store_recipe_get(s, r->id, &old);
    if (src != STORE_OK && src != STORE_NOTFOUND) {
        snprintf(err, errlen, "%s", store_errmsg(s));
        return RECIPE_ERUNTIME;
    }
    if ((rc = put(s, r, &got, err, errlen)) == RECIPE_OK)
        rc = update_users(s, r->id, 0, err, errlen);
    if (rc == RECIPE_OK && what)
        *what = !old                                                 ? STORE_FOOD_ADDED
                : got == STORE_FOOD_UNCHANGED && same_recipe(old, r) ? STORE_FOOD_UNCHANGED
                                                                     : STORE_FOOD_UPDATED;
    recipe_free(old);
    return rc;
}
