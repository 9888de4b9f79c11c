/*
 * cmd_recipe.c - `dietbal recipe define|show|list|rm|export`: home cooking
 * as foods.  A recipe's ingredients are entries read exactly as `add`
 * reads them (cmd_entry.c); its values come from recipe.c; it is stored
 * as the food "recipe:SLUG" that `add`, `foods search` and the reports
 * see like any other.  Past entries follow a recipe that is defined
 * again (they hold grams of the food; its values are read when a day is
 * added up).
 */
#include "cmd.h"

#include "dietbal/jsonout.h"
#include "dietbal/recipe.h"
#include "dietbal/store.h"

#include <libxml/xmlwriter.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* More servings than this is a typo (a canteen's pot is not a recipe). */
#define SERVES_MAX 1000.0

static const char recipe_about[] =
    "A recipe is a food made of other foods: each ENTRY is an ingredient written\n"
    "as for 'dietbal add' (\"500 g pork spareribs\", \"1.5 l water\", \"1 medium\n"
    "carrot\").  --yield is the cooked weight (\"1.6kg\", \"1600 g\"; default: the\n"
    "ingredients' weight); --serves gives it a 'serving' portion.  A yield below a\n"
    "tenth or above ten times the ingredients' weight needs --force.  The food is\n"
    "recipe:SLUG (\"Grandma's rib soup\" is recipe:grandma-s-rib-soup); log it with\n"
    "\"1 serving pork rib soup\", \"1 bowl @recipe:pork-rib-soup\" or \"1/4 recipe\n"
    "pork rib soup\".  Defining it again replaces it, and the entries already\n"
    "logged follow.  rm refuses while entries, recipes or saved meals use it;\n"
    "--force keeps them, with the values it has now, under removed:SLUG.\n"
    "export writes the recipes (and the recipes they use) as a dietbal food\n"
    "table with their ingredients; 'dietbal import' reads it on another machine.\n";

static const char *const recipe_subs[] = {"define", "show", "list", "rm", "export", NULL};

/* "pork-rib-soup", "recipe:pork-rib-soup", "@recipe:..." or the name: the
 * id into out; -1 with the error printed. */
static int recipe_id(const char *given, char *out, size_t len) {
    char slug[RECIPE_SLUG_MAX + 1];
    const char *p = given[0] == '@' ? given + 1 : given;
    if (strncmp(p, RECIPE_PREFIX, strlen(RECIPE_PREFIX)) == 0)
        p += strlen(RECIPE_PREFIX);
    if (recipe_slug(p, slug, sizeof(slug)) != 0) {
        cmd_error_arg(given,
                      "a recipe's name needs a letter or a digit, and at most %d of "
                      "them",
                      RECIPE_SLUG_MAX);
        return -1;
    }
    snprintf(out, len, "%s%s", RECIPE_PREFIX, slug);
    return 0;
}

/* --yield: a weight, "1.6kg", "1.6 kg", "1600 g", "3 lb"; a bare number
 * is grams.  Into the double o->data. */
static int parse_yield(const struct opt *o, const char *text, struct opt_error *err) {
    char num[64];
    size_t n = strspn(text, "0123456789.");
    const char *unit = text + n;
    const struct units_def *u = NULL;
    double v, *grams = o->data;

    while (*unit == ' ')
        unit++;
    if (n == 0 || n >= sizeof(num))
        goto bad;
    memcpy(num, text, n);
    num[n] = '\0';
    if (opt_decimal(num, &v) != 0)
        goto bad;
    if (*unit && (!(u = units_generic(unit)) || u->kind != UNITS_MASS)) {
        snprintf(err->why, sizeof(err->why),
                 "is not a weight (use g, kg, oz or lb: the cooked dish weighed)");
        return -1;
    }
    *grams = v * (u ? u->factor : 1.0);
    if (!(*grams > 0)) {
        /* "'0 g': the yield ...": a short text, a number and a unit */
        snprintf(err->why, sizeof(err->why), "'%s': the yield must be a weight above 0", text);
        err->value = NULL;
        return -1;
    }
    return 0;
bad:
    snprintf(err->why, sizeof(err->why), "is not a weight (e.g. 1.6kg, 1600 g)");
    return -1;
}

/* --serves: a number of servings above 0, at most SERVES_MAX. */
static int check_serves(const struct opt *o, const char *text, struct opt_error *err) {
    double v = *(double *)o->target;
    (void)text;
    if (v > 0 && v <= SERVES_MAX)
        return 0;
    snprintf(err->why, sizeof(err->why), "%s", o->why);
    return -1;
}

static const int reported[] = {NUT_ENERGY,    NUT_PROTEIN,    NUT_CALCIUM,
                               NUT_MAGNESIUM, NUT_PHOSPHORUS, NUT_POTASSIUM,
                               NUT_SODIUM,    NUT_WATER,      NUT_VITAMIN_D};
#define N_REPORTED (sizeof(reported) / sizeof(reported[0]))

/* One recipe's figures: the stored food and each nutrient's completeness. */
struct shown {
    struct recipe *r;
    struct food **foods; /* the ingredients' */
    struct food *food;   /* the recipe's, as stored */
    double *complete;
};

static void shown_free(struct shown *w) {
    if (w->r)
        recipe_foods_free(w->foods, w->r->n_ing);
    recipe_free(w->r);
    food_free(w->food);
    free(w->complete);
}

/* Load recipe id with its ingredients; an exit status, printed. */
static int shown_load(store *s, const char *id, struct shown *w) {
    char err[512];
    struct food *computed = food_new();
    int rc;

    memset(w, 0, sizeof(*w));
    if (!computed || !(w->complete = calloc(nutrients_count(), sizeof(double)))) {
        food_free(computed);
        cmd_error(NULL, "out of memory");
        return EXIT_RUNTIME;
    }
    rc = recipe_load(s, id, &w->r, &w->foods, err, sizeof(err));
    if (rc != RECIPE_OK) {
        food_free(computed);
        cmd_error(id, "%s%s", err,
                  rc == RECIPE_EINPUT ? " ('dietbal recipe list' shows them)" : "");
        return rc == RECIPE_EINPUT ? EXIT_USAGE : EXIT_RUNTIME;
    }
    rc = recipe_compute(w->r, w->foods, computed, w->complete);
    food_free(computed);
    if (rc != 0 || store_food_get(s, id, &w->food) != STORE_OK) {
        cmd_error(id, "%s", rc != 0 ? "out of memory" : store_errmsg(s));
        return EXIT_RUNTIME;
    }
    return EXIT_OK;
}

static double serving_g(const struct recipe *r) {
    return isnan(r->serves) ? NAN : recipe_yield_g(r) / r->serves;
}

static json_t *recipe_json(const struct shown *w) {
    const struct recipe *r = w->r;
    json_t *ing = json_array(), *nut = json_object();
    double yield = recipe_yield_g(r), serving = serving_g(r);

    for (size_t i = 0; i < r->n_ing; i++)
        json_array_append_new(ing,
                              json_pack("{s:o, s:o, s:o, s:o}", "text", jstr(r->ing[i].text),
                                        "food_id", jstr(r->ing[i].food_id), "food",
                                        jstr(w->foods[i]->name), "grams", jnum(r->ing[i].grams)));
    for (size_t k = 0; k < nutrients_count(); k++) {
        const struct nutrient_def *d = nutrients_get((int)k);
        double v = w->food->values[k];
        if (isnan(v) && w->complete[k] == 0)
            continue;
        json_object_set_new(nut, d->tag,
                            json_pack("{s:o, s:s, s:o, s:o, s:o}", "value", jnum(v), "unit",
                                      unit_name(d->unit), "per_serving", jnum(v * serving / 100.0),
                                      "per_recipe", jnum(v * yield / 100.0), "completeness",
                                      jround(w->complete[k], 3)));
    }
    return json_pack("{s:o, s:o, s:o, s:o, s:b, s:o, s:o, s:o, s:o}", "id", jstr(r->id), "name",
                     jstr(r->name), "yield_g", jnum(yield), "ingredients_g",
                     jnum(recipe_ingredients_g(r)), "yield_given", !isnan(r->yield_g), "serves",
                     jnum(r->serves), "serving_g", jnum(serving), "ingredients", ing, "nutrients",
                     nut);
}

static void print_cell(double v) {
    if (isnan(v))
        printf(" %12s", "?");
    else
        printf(" %12.4g", v);
}

static void print_recipe(const struct shown *w) {
    const struct recipe *r = w->r;
    double yield = recipe_yield_g(r), serving = serving_g(r);

    printf("%s  %s\n", cmd_tx(r->id), cmd_tx(r->name));
    printf("yield %.0f g (%s; the ingredients weigh %.0f g)", yield,
           isnan(r->yield_g) ? "the ingredients' weight" : "weighed", recipe_ingredients_g(r));
    if (!isnan(serving))
        printf(", serves %g: a serving is %.0f g", r->serves, serving);
    printf("\n\ningredients:\n");
    for (size_t i = 0; i < r->n_ing; i++)
        printf("  %8.1f g  %s\n             %.60s (%s)\n", r->ing[i].grams, cmd_tx(r->ing[i].text),
               cmd_tx(w->foods[i]->name), cmd_tx(r->ing[i].food_id));
    printf("\n%-26s %12s", "nutrient", "per 100 g");
    if (!isnan(serving))
        printf(" %12s", "per serving");
    printf(" %12s  %s\n", "whole recipe", "complete");
    for (size_t j = 0; j < N_REPORTED; j++) {
        const struct nutrient_def *d = nutrients_get(reported[j]);
        double v = w->food->values[reported[j]];
        char label[64];
        snprintf(label, sizeof(label), "%s (%s)", d->name, unit_name(d->unit));
        printf("%-26.26s", label);
        print_cell(v);
        if (!isnan(serving))
            print_cell(v * serving / 100.0);
        print_cell(v * yield / 100.0);
        printf("  %3.0f %%\n", w->complete[reported[j]] * 100.0);
    }
    for (size_t j = 0; j < N_REPORTED; j++) {
        int k = reported[j];
        if (!isnan(w->food->values[k]))
            continue;
        printf("%s is not known: ", nutrients_get(k)->name);
        const char *sep = "no value for ";
        for (size_t i = 0; i < r->n_ing; i++)
            if (isnan(w->foods[i]->values[k])) {
                printf("%s'%s'", sep, cmd_tx(r->ing[i].text));
                sep = ", ";
            }
        printf(" (%.0f %% of the weight has one)\n", w->complete[k] * 100.0);
    }
}

/* Read the ingredients and store the recipe; an exit status. */
static int define(int argc, char **argv, double yield, double serves, int force,
                  const struct cmd_ctx *ctx) {
    char id[sizeof(RECIPE_PREFIX) + RECIPE_SLUG_MAX], err[1024];
    struct cmd_entries e;
    struct recipe *r = NULL;
    struct shown w;
    store *s = NULL;
    int rc, what = 0;

    memset(&e, 0, sizeof(e));
    memset(&w, 0, sizeof(w));
    if (argc < 2) {
        cmd_error("recipe define", "a name and at least one ingredient, e.g. dietbal recipe "
                                   "define \"pork rib soup\" \"500 g pork spareribs\" ...");
        return EXIT_USAGE;
    }
    if (recipe_id(argv[0], id, sizeof(id)) != 0)
        return EXIT_USAGE;
    if (argc - 1 > RECIPE_MAX_INGREDIENTS) {
        cmd_error("recipe define", "at most %d ingredients", RECIPE_MAX_INGREDIENTS);
        return EXIT_USAGE;
    }
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if ((rc = cmd_need_foods(s, "recipe define")) != EXIT_OK ||
        (rc = cmd_entries_open(
             &e, s, force, isatty(STDIN_FILENO) && isatty(STDERR_FILENO) && !ctx->json)) != EXIT_OK)
        goto out;
    e.meals = 0;
    e.supplements = 0;
    for (int i = 1; i < argc; i++)
        if ((rc = cmd_entries_add(&e, argv[i])) != EXIT_OK)
            goto out;
    if (!(r = recipe_new()) || !(r->id = strdup(id)) || !(r->name = strdup(argv[0]))) {
        cmd_error(NULL, "out of memory");
        rc = EXIT_RUNTIME;
        goto out;
    }
    r->yield_g = yield;
    r->serves = serves;
    for (size_t i = 0; i < e.n; i++)
        if (recipe_add_ingredient(r, e.items[i].text, e.items[i].food->id, e.items[i].conv.grams) !=
            0) {
            cmd_error(NULL, "out of memory");
            rc = EXIT_RUNTIME;
            goto out;
        }
    if (store_begin(s) != STORE_OK) {
        cmd_error("recipe define", "%s; nothing was changed", store_errmsg(s));
        rc = EXIT_RUNTIME;
        goto out;
    }
    rc = recipe_save(s, r, force, &what, err, sizeof(err));
    if (rc == RECIPE_OK && cmd_entries_save_choices(&e) != STORE_OK) {
        snprintf(err, sizeof(err), "%s", store_errmsg(s));
        rc = RECIPE_ERUNTIME;
    }
    if (rc == RECIPE_OK && store_commit(s) != STORE_OK) {
        snprintf(err, sizeof(err), "%s", store_errmsg(s));
        rc = RECIPE_ERUNTIME;
    }
    if (rc != RECIPE_OK) {
        store_rollback(s);
        cmd_error_arg(argv[0], "%s; nothing was changed", err);
        rc = rc == RECIPE_EINPUT ? EXIT_USAGE : EXIT_RUNTIME;
        goto out;
    }
    if ((rc = shown_load(s, id, &w)) != EXIT_OK)
        goto out;
    if (ctx->json) {
        rc = json_print(recipe_json(&w), stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
    } else if (!ctx->quiet) {
        printf("%s %s\n\n", id,
               what == STORE_FOOD_ADDED     ? "defined"
               : what == STORE_FOOD_UPDATED ? "replaced (entries already logged follow it)"
                                            : "unchanged");
        print_recipe(&w);
    }
out:
    shown_free(&w);
    recipe_free(r);
    cmd_entries_close(&e);
    store_close(s);
    return rc;
}

static int show(const char *given, const struct cmd_ctx *ctx) {
    char id[sizeof(RECIPE_PREFIX) + RECIPE_SLUG_MAX];
    struct shown w;
    store *s = NULL;
    int rc;

    memset(&w, 0, sizeof(w));
    if (recipe_id(given, id, sizeof(id)) != 0)
        return EXIT_USAGE;
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if ((rc = shown_load(s, id, &w)) == EXIT_OK) {
        if (ctx->json)
            rc = json_print(recipe_json(&w), stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
        else
            print_recipe(&w);
    }
    shown_free(&w);
    store_close(s);
    return rc;
}

static int list(const struct cmd_ctx *ctx) {
    struct recipe **l = NULL;
    size_t n = 0;
    store *s = NULL;
    json_t *arr = NULL;
    int rc;

    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if (store_recipes_list(s, &l, &n) != STORE_OK)
        return cmd_store_failed(s, "recipe list");
    if (ctx->json)
        arr = json_array();
    else if (n == 0 && !ctx->quiet)
        printf("no recipes yet: 'dietbal recipe define NAME ENTRY...' makes one\n");
    for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
        struct shown w;
        if ((rc = shown_load(s, l[i]->id, &w)) == EXIT_OK) {
            if (arr) {
                json_array_append_new(arr, recipe_json(&w));
            } else {
                double serving = serving_g(w.r);
                printf("%-32s %s\n    %zu ingredient%s, yield %.0f g", cmd_tx(w.r->id),
                       cmd_tx(w.r->name), w.r->n_ing, w.r->n_ing == 1 ? "" : "s",
                       recipe_yield_g(w.r));
                if (!isnan(serving))
                    printf(", serves %g (%.0f g)", w.r->serves, serving);
                printf("; per 100 g:");
                const int k[] = {NUT_CALCIUM, NUT_MAGNESIUM, NUT_PHOSPHORUS, NUT_PROTEIN};
                const char *label[] = {"Ca", "Mg", "P", "protein"};
                for (size_t j = 0; j < 4; j++) {
                    double v = w.food->values[k[j]];
                    if (isnan(v))
                        printf(" %s ?", label[j]);
                    else
                        printf(" %s %.*f", label[j], j == 3 ? 1 : 0, v);
                }
                printf("\n");
            }
        }
        shown_free(&w);
    }
    if (arr && rc == EXIT_OK)
        rc = json_print(arr, stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
    else if (arr)
        json_decref(arr);
    for (size_t i = 0; i < n; i++)
        recipe_free(l[i]);
    free(l);
    store_close(s);
    return rc;
}

static int rm(const char *given, int force, const struct cmd_ctx *ctx) {
    char id[sizeof(RECIPE_PREFIX) + RECIPE_SLUG_MAX];
    char *frozen = NULL;
    long entries = 0, recipes = 0, meals = 0;
    store *s = NULL;
    int rc, src;

    if (recipe_id(given, id, sizeof(id)) != 0)
        return EXIT_USAGE;
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if (store_begin(s) != STORE_OK) {
        cmd_error("recipe rm", "%s; nothing was changed", store_errmsg(s));
        rc = EXIT_RUNTIME;
        goto out;
    }
    src = store_food_users(s, id, &entries, &recipes, &meals);
    if (src == STORE_OK && (entries || recipes || meals) && !force) {
        store_rollback(s);
        cmd_error(id,
                  "is used by %ld diary entr%s, %ld other recipe%s and %ld saved meal%s; "
                  "nothing was removed (--force removes the recipe and keeps them with "
                  "the values it has now)",
                  entries, entries == 1 ? "y" : "ies", recipes, recipes == 1 ? "" : "s", meals,
                  meals == 1 ? "" : "s");
        rc = EXIT_USAGE;
        goto out;
    }
    if (src == STORE_OK)
        src = store_recipe_remove(s, id, entries || recipes || meals, &frozen);
    if (src != STORE_OK || store_commit(s) != STORE_OK) {
        cmd_error(id, "%s%s", store_errmsg(s),
                  src == STORE_NOTFOUND ? " ('dietbal recipe list' shows them)" : "");
        store_rollback(s);
        rc = src == STORE_NOTFOUND ? EXIT_USAGE : EXIT_RUNTIME;
        goto out;
    }
    if (!ctx->quiet) {
        if (frozen)
            printf("%s removed; the entries, recipes and meals that used it keep its values "
                   "as the food %s\n",
                   id, frozen);
        else
            printf("%s removed\n", id);
    }
out:
    free(frozen);
    store_close(s);
    return rc;
}

/* --- export ---------------------------------------------------------------- */

/* The recipes to export, each after the recipes it is made of. */
struct export_list {
    char **ids;
    size_t n;
};

static int export_has(const struct export_list *l, const char *id) {
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->ids[i], id) == 0)
            return 1;
    return 0;
}

/* Add recipe id after its own recipe ingredients; an exit status. */
static int export_add(store *s, const char *id, struct export_list *l, int depth) {
    struct recipe *r = NULL;
    char **grown;
    int rc = EXIT_OK, src;

    if (export_has(l, id))
        return EXIT_OK;
    if (depth > RECIPE_MAX_DEPTH) {
        cmd_error(id, "recipes nest more than %d deep", RECIPE_MAX_DEPTH);
        return EXIT_USAGE;
    }
    if ((src = store_recipe_get(s, id, &r)) != STORE_OK) {
        cmd_error(id, "%s%s", store_errmsg(s),
                  src == STORE_NOTFOUND ? " ('dietbal recipe list' shows them)" : "");
        return src == STORE_NOTFOUND ? EXIT_USAGE : EXIT_RUNTIME;
    }
    for (size_t i = 0; i < r->n_ing && rc == EXIT_OK; i++) {
        struct recipe *sub = NULL;
        src = store_recipe_get(s, r->ing[i].food_id, &sub);
        recipe_free(sub);
        if (src == STORE_OK)
            rc = export_add(s, r->ing[i].food_id, l, depth + 1);
        else if (src != STORE_NOTFOUND) {
            cmd_error(id, "%s", store_errmsg(s));
            rc = EXIT_RUNTIME;
        }
    }
    recipe_free(r);
    if (rc != EXIT_OK)
        return rc;
    if (!(grown = realloc(l->ids, (l->n + 1) * sizeof(*grown))) ||
        !((l->ids = grown)[l->n] = strdup(id))) {
        cmd_error(NULL, "out of memory");
        return EXIT_RUNTIME;
    }
    l->n++;
    return EXIT_OK;
}

/* A double written so that reading it back gives the same double. */
static int write_num(xmlTextWriterPtr w, const char *name, double v) {
    return xmlTextWriterWriteFormatAttribute(w, BAD_CAST name, "%.17g", v) < 0 ? -1 : 0;
}

/* One <food> with its <recipe>; 0 or -1. */
static int write_food(xmlTextWriterPtr w, const struct food *f, const struct recipe *r) {
    if (xmlTextWriterStartElement(w, BAD_CAST "food") < 0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST f->id) < 0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST f->name) < 0 ||
        (f->group && xmlTextWriterWriteAttribute(w, BAD_CAST "group", BAD_CAST f->group) < 0))
        return -1;
    for (size_t i = 0; i < f->n_portions; i++)
        if (xmlTextWriterStartElement(w, BAD_CAST "portion") < 0 ||
            xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST f->portions[i].name) < 0 ||
            write_num(w, "amount", f->portions[i].amount) ||
            write_num(w, "grams", f->portions[i].grams) || xmlTextWriterEndElement(w) < 0)
            return -1;
    for (size_t k = 0; k < nutrients_count(); k++) {
        const struct nutrient_def *d = nutrients_get((int)k);
        if (isnan(f->values[k]))
            continue;
        if (xmlTextWriterStartElement(w, BAD_CAST "nutrient") < 0 ||
            xmlTextWriterWriteAttribute(w, BAD_CAST "tag", BAD_CAST d->tag) < 0 ||
            write_num(w, "value", f->values[k]) ||
            xmlTextWriterWriteAttribute(w, BAD_CAST "unit", BAD_CAST unit_name(d->unit)) < 0 ||
            xmlTextWriterEndElement(w) < 0)
            return -1;
    }
    if (xmlTextWriterStartElement(w, BAD_CAST "recipe") < 0 ||
        (!isnan(r->yield_g) && write_num(w, "yield", r->yield_g)) ||
        (!isnan(r->serves) && write_num(w, "serves", r->serves)))
        return -1;
    for (size_t i = 0; i < r->n_ing; i++)
        if (xmlTextWriterStartElement(w, BAD_CAST "ingredient") < 0 ||
            xmlTextWriterWriteAttribute(w, BAD_CAST "food", BAD_CAST r->ing[i].food_id) < 0 ||
            write_num(w, "grams", r->ing[i].grams) ||
            xmlTextWriterWriteAttribute(w, BAD_CAST "text", BAD_CAST r->ing[i].text) < 0 ||
            xmlTextWriterEndElement(w) < 0)
            return -1;
    return xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

static int export(int argc, char **argv, const struct cmd_ctx *ctx) {
    char id[sizeof(RECIPE_PREFIX) + RECIPE_SLUG_MAX];
    struct export_list l = {NULL, 0};
    xmlBufferPtr buf = NULL;
    xmlTextWriterPtr w = NULL;
    store *s = NULL;
    int rc;

    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    for (int i = 0; i < argc && rc == EXIT_OK; i++)
        if (recipe_id(argv[i], id, sizeof(id)) != 0)
            rc = EXIT_USAGE;
        else
            rc = export_add(s, id, &l, 0);
    if (rc != EXIT_OK)
        goto out;
    if (!(buf = xmlBufferCreate()) || !(w = xmlNewTextWriterMemory(buf, 0)) ||
        xmlTextWriterSetIndent(w, 1) < 0 ||
        xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ||
        xmlTextWriterStartElement(w, BAD_CAST "foodtable") < 0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "1") < 0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "source", BAD_CAST "dietbal recipe export") < 0)
        goto oom;
    for (size_t i = 0; i < l.n; i++) {
        struct recipe *r = NULL;
        struct food *f = NULL;
        int bad = store_recipe_get(s, l.ids[i], &r) != STORE_OK ||
                  store_food_get(s, l.ids[i], &f) != STORE_OK;
        if (bad) {
            cmd_error(l.ids[i], "%s", store_errmsg(s));
            rc = EXIT_RUNTIME;
        } else if (write_food(w, f, r) != 0) {
            rc = EXIT_RUNTIME;
        }
        recipe_free(r);
        food_free(f);
        if (rc != EXIT_OK) {
            if (!bad)
                goto oom;
            goto out;
        }
    }
    if (xmlTextWriterEndDocument(w) < 0)
        goto oom;
    xmlFreeTextWriter(w);
    w = NULL;
    if (fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), stdout) !=
            (size_t)xmlBufferLength(buf) ||
        fflush(stdout) != 0) {
        cmd_error("recipe export", "cannot write to standard output");
        rc = EXIT_RUNTIME;
    }
    goto out;
oom:
    cmd_error("recipe export", "out of memory");
    rc = EXIT_RUNTIME;
out:
    if (w)
        xmlFreeTextWriter(w);
    if (buf)
        xmlBufferFree(buf);
    for (size_t i = 0; i < l.n; i++)
        free(l.ids[i]);
    free(l.ids);
    store_close(s);
    return rc;
}

int cmd_recipe(int argc, char **argv, struct cmd_ctx *ctx) {
    double yield = NAN, serves = NAN;
    int force = 0, yield_given = 0, serves_given = 0, rc;
    char serves_why[64];
    const struct opt opts[] = {
        {"yield", 0, OPT_STRING, NULL, .check = parse_yield, .data = &yield, .seen = &yield_given,
         .arg = "WEIGHT", .help = "define: the cooked weight (1.6kg, 1600 g, 3 lb)"},
        {"serves", 0, OPT_DECIMAL, &serves, .why = serves_why, .check = check_serves,
         .seen = &serves_given, .arg = "N", .help = "define: how many servings it makes"},
        {"force", 0, OPT_FLAG, &force,
         .help = "define: an odd yield; rm: a recipe in use (kept as removed:SLUG)"},
        {0}};
    const struct opt_spec spec = {
        .name = "recipe",
        .usage = "recipe define NAME [--yield WEIGHT] [--serves N] [--force] ENTRY...\n"
                 "recipe show ID [--json]\n"
                 "recipe list [--json]\n"
                 "recipe rm ID [--force]\n"
                 "recipe export ID... > FILE.xml",
        .about = recipe_about,
        .opts = opts,
        .subs = recipe_subs};

    snprintf(serves_why, sizeof(serves_why), "is not a number of servings (1 to %.0f)", SERVES_MAX);
    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (optind >= argc)
        return cmd_usage_error(&spec);
    const char *sub = argv[optind++];
    int rest = argc - optind;
    char **args = argv + optind;
    if (strcmp(sub, "define") == 0)
        return define(rest, args, yield, serves, force, ctx);
    if (yield_given || serves_given) {
        cmd_error("recipe", "--yield and --serves go with 'define'");
        return EXIT_USAGE;
    }
    if (strcmp(sub, "show") == 0 && rest == 1)
        return show(args[0], ctx);
    if (strcmp(sub, "list") == 0 && rest == 0)
        return list(ctx);
    if (strcmp(sub, "rm") == 0 && rest == 1)
        return rm(args[0], force, ctx);
    if (strcmp(sub, "export") == 0 && rest >= 1)
        return export(rest, args, ctx);
    if (strcmp(sub, "show") != 0 && strcmp(sub, "list") != 0 && strcmp(sub, "rm") != 0 &&
        strcmp(sub, "export") != 0) {
        cmd_error("recipe", "unknown subcommand '%s' (define, show, list, rm or export)", sub);
        return EXIT_USAGE;
    }
    return cmd_usage_error(&spec);
}
