/*
 * test_recipe.c - recipes: the slug of a name, the yield rule, the values
 * per 100 g from the ingredients (a weighted sum over the yield; unknown
 * when one ingredient's value is; water for the weight cooked off), and on
 * an in-memory store: saving, redefining (entries follow, recipes made
 * from it are computed again), a recipe that contains itself, removing
 * (refused while used; frozen with force) and saved meals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dietbal/nutrients.h"
#include "dietbal/recipe.h"
#include "dietbal/store.h"

#include "testlib.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A food with calcium, protein and water per 100 g (NAN: unknown). */
static struct food *food(const char *id, double ca, double prot, double water) {
    struct food *f = food_new();
    assert_non_null(f);
    assert_int_equal(food_set_str(&f->id, id), 0);
    assert_int_equal(food_set_str(&f->name, id), 0);
    f->values[NUT_CALCIUM] = ca;
    f->values[NUT_PROTEIN] = prot;
    f->values[NUT_WATER] = water;
    return f;
}

static void put_food(store *s, const char *id, double ca, double prot, double water) {
    struct food *f = food(id, ca, prot, water);
    assert_int_equal(store_food_upsert(s, f, NULL), STORE_OK);
    food_free(f);
}

static struct recipe *recipe(const char *id, double yield, double serves) {
    struct recipe *r = recipe_new();
    assert_non_null(r);
    r->id = strdup(id);
    r->name = strdup(id + strlen(RECIPE_PREFIX));
    r->yield_g = yield;
    r->serves = serves;
    return r;
}

static void test_slug(void **state) {
    char out[RECIPE_SLUG_MAX + 1], big[200];
    (void)state;
    assert_int_equal(recipe_slug("Grandma's rib soup", out, sizeof(out)), 0);
    assert_string_equal(out, "grandma-s-rib-soup");
    assert_int_equal(recipe_slug("  Pork  rib -- soup!! ", out, sizeof(out)), 0);
    assert_string_equal(out, "pork-rib-soup");
    assert_int_equal(recipe_slug("Soupe à l'oignon 2", out, sizeof(out)), 0);
    assert_string_equal(out, "soupe-l-oignon-2");
    assert_int_equal(recipe_slug("!!! ???", out, sizeof(out)), -1);
    assert_int_equal(recipe_slug("", out, sizeof(out)), -1);
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    assert_int_equal(recipe_slug(big, out, sizeof(out)), -1);
}

static void test_yield_rule(void **state) {
    struct recipe *r = recipe("recipe:x", NAN, NAN);
    char err[256];
    (void)state;
    assert_int_equal(recipe_add_ingredient(r, "500 g a", "a", 500), 0);
    assert_int_equal(recipe_add_ingredient(r, "500 g b", "b", 500), 0);
    assert_float_equal(recipe_ingredients_g(r), 1000, 1e-9);
    assert_float_equal(recipe_yield_g(r), 1000, 1e-9);
    assert_int_equal(recipe_check_yield(r, 0, err, sizeof(err)), RECIPE_OK);
    r->yield_g = 100; /* a tenth: still sensible */
    assert_int_equal(recipe_check_yield(r, 0, err, sizeof(err)), RECIPE_OK);
    r->yield_g = 99;
    assert_int_equal(recipe_check_yield(r, 0, err, sizeof(err)), RECIPE_EINPUT);
    assert_non_null(strstr(err, "--force"));
    assert_int_equal(recipe_check_yield(r, 1, err, sizeof(err)), RECIPE_OK);
    r->yield_g = 10001;
    assert_int_equal(recipe_check_yield(r, 0, err, sizeof(err)), RECIPE_EINPUT);
    r->yield_g = 0;
    assert_int_equal(recipe_check_yield(r, 1, err, sizeof(err)), RECIPE_EINPUT);
    recipe_free(r);
}

/* 300 g of A (Ca 100, protein 20, water 60) and 200 g of B (Ca 50,
 * protein unknown, water 90) cooked down to 400 g, 4 servings. */
static void test_compute(void **state) {
    struct recipe *r = recipe("recipe:ab", 400, 4);
    struct food *a = food("a", 100, 20, 60), *b = food("b", 50, NAN, 90);
    struct food *foods[2] = {a, b}, *out = food_new();
    double *complete = calloc(nutrients_count(), sizeof(double));
    (void)state;
    assert_int_equal(recipe_add_ingredient(r, "300 g a", "a", 300), 0);
    assert_int_equal(recipe_add_ingredient(r, "200 g b", "b", 200), 0);
    assert_int_equal(recipe_compute(r, foods, out, complete), 0);
    assert_string_equal(out->id, "recipe:ab");
    assert_string_equal(out->group, RECIPE_GROUP);
    assert_true(out->measured);
    /* (300 x 100 + 200 x 50) / 100 mg in 400 g */
    assert_float_equal(out->values[NUT_CALCIUM], (300.0 + 100.0) / 400.0 * 100.0, 1e-9);
    assert_float_equal(complete[NUT_CALCIUM], 1.0, 1e-12);
    /* B's protein is unknown: so is the recipe's; 300 of 500 g known */
    assert_true(isnan(out->values[NUT_PROTEIN]));
    assert_float_equal(complete[NUT_PROTEIN], 0.6, 1e-12);
    /* water: 180 + 180 g, less the 100 g cooked off, in 400 g */
    assert_float_equal(out->values[NUT_WATER], (360.0 - 100.0) / 400.0 * 100.0, 1e-9);
    /* a nutrient no ingredient has stays unknown, completeness 0 */
    assert_true(isnan(out->values[NUT_MAGNESIUM]));
    assert_float_equal(complete[NUT_MAGNESIUM], 0.0, 1e-12);
    /* portions: the serving, then the whole */
    assert_int_equal(out->n_portions, 2);
    assert_string_equal(out->portions[0].name, "serving");
    assert_float_equal(out->portions[0].grams, 100, 1e-9);
    assert_string_equal(out->portions[1].name, "recipe");
    assert_float_equal(out->portions[1].grams, 400, 1e-9);

    /* no yield: the ingredients' weight, no water change, no serving */
    r->yield_g = NAN;
    r->serves = NAN;
    assert_int_equal(recipe_compute(r, foods, out, NULL), 0);
    assert_float_equal(out->values[NUT_CALCIUM], 400.0 / 500.0 * 100.0, 1e-9);
    assert_float_equal(out->values[NUT_WATER], 360.0 / 500.0 * 100.0, 1e-9);
    assert_int_equal(out->n_portions, 1);
    assert_float_equal(out->portions[0].grams, 500, 1e-9);
    /* a yield above the weight: the water taken up */
    r->yield_g = 600;
    assert_int_equal(recipe_compute(r, foods, out, NULL), 0);
    assert_float_equal(out->values[NUT_WATER], 460.0 / 600.0 * 100.0, 1e-9);
    free(complete);
    food_free(out);
    food_free(a);
    food_free(b);
    recipe_free(r);
}

static double value_of(store *s, const char *id, int k) {
    struct food *f = NULL;
    assert_int_equal(store_food_get(s, id, &f), STORE_OK);
    double v = f->values[k];
    food_free(f);
    return v;
}

static void test_save_and_redefine(void **state) {
    store *s = *state;
    struct recipe *soup = recipe("recipe:soup", NAN, 2), *pie = recipe("recipe:pie", NAN, NAN);
    struct recipe *got = NULL;
    struct entry *e = NULL;
    size_t n = 0;
    char err[256];
    int what = 0;

    put_food(s, "a", 100, 20, 60);
    put_food(s, "b", 50, 10, 90);
    assert_int_equal(recipe_add_ingredient(soup, "100 g a", "a", 100), 0);
    assert_int_equal(recipe_add_ingredient(soup, "100 g b", "b", 100), 0);
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(recipe_save(s, soup, 0, &what, err, sizeof(err)), RECIPE_OK);
    assert_int_equal(what, STORE_FOOD_ADDED);
    /* a pie made with the soup */
    assert_int_equal(recipe_add_ingredient(pie, "100 g soup", "recipe:soup", 100), 0);
    assert_int_equal(recipe_add_ingredient(pie, "100 g a", "a", 100), 0);
    assert_int_equal(recipe_save(s, pie, 0, &what, err, sizeof(err)), RECIPE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_float_equal(value_of(s, "recipe:soup", NUT_CALCIUM), 75, 1e-9);
    assert_float_equal(value_of(s, "recipe:pie", NUT_CALCIUM), (75.0 + 100.0) / 2, 1e-9);
    assert_int_equal(store_entry_add(s, "2026-11-02", NULL, NULL, "recipe:soup", 200, NULL),
                     STORE_OK);

    /* the same again: unchanged */
    assert_int_equal(recipe_save(s, soup, 0, &what, err, sizeof(err)), RECIPE_OK);
    assert_int_equal(what, STORE_FOOD_UNCHANGED);
    /* redefined with only a: the entry follows, so does the pie */
    recipe_free(soup);
    soup = recipe("recipe:soup", NAN, 2);
    assert_int_equal(recipe_add_ingredient(soup, "100 g a", "a", 100), 0);
    assert_int_equal(recipe_save(s, soup, 0, &what, err, sizeof(err)), RECIPE_OK);
    assert_int_equal(what, STORE_FOOD_UPDATED);
    assert_float_equal(value_of(s, "recipe:pie", NUT_CALCIUM), 100, 1e-9);
    assert_int_equal(store_entries_list(s, "2026-11-02", "2026-11-02", &e, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_float_equal(e[0].values[NUT_CALCIUM], 200.0, 1e-9);
    store_entries_free(e, n);

    /* stored and read back */
    assert_int_equal(store_recipe_get(s, "recipe:pie", &got), STORE_OK);
    assert_int_equal(got->n_ing, 2);
    assert_string_equal(got->ing[0].food_id, "recipe:soup");
    assert_string_equal(got->ing[0].text, "100 g soup");
    assert_true(isnan(got->yield_g));
    recipe_free(got);
    assert_int_equal(store_recipe_get(s, "a", &got), STORE_NOTFOUND);

    /* the soup with the pie in it contains itself */
    assert_int_equal(recipe_add_ingredient(soup, "50 g pie", "recipe:pie", 50), 0);
    assert_int_equal(recipe_save(s, soup, 0, &what, err, sizeof(err)), RECIPE_EINPUT);
    assert_non_null(strstr(err, "contain itself"));
    recipe_free(soup);
    soup = recipe("recipe:soup", NAN, NAN);
    assert_int_equal(recipe_add_ingredient(soup, "50 g soup", "recipe:soup", 50), 0);
    assert_int_equal(recipe_save(s, soup, 0, &what, err, sizeof(err)), RECIPE_EINPUT);
    recipe_free(soup);
    /* an ingredient that is no food */
    soup = recipe("recipe:soup", NAN, NAN);
    assert_int_equal(recipe_add_ingredient(soup, "50 g x", "nosuch:1", 50), 0);
    assert_int_equal(recipe_save(s, soup, 0, &what, err, sizeof(err)), RECIPE_EINPUT);
    recipe_free(soup);
    recipe_free(pie);
}

static void test_remove(void **state) {
    store *s = *state;
    struct recipe *soup = recipe("recipe:soup", NAN, NAN);
    char err[256], *frozen = NULL;
    long entries, recipes, meals;
    int exists = 1;

    put_food(s, "a", 100, 20, 60);
    assert_int_equal(recipe_add_ingredient(soup, "100 g a", "a", 100), 0);
    assert_int_equal(recipe_save(s, soup, 0, NULL, err, sizeof(err)), RECIPE_OK);
    assert_int_equal(store_entry_add(s, "2026-11-02", NULL, NULL, "recipe:soup", 200, NULL),
                     STORE_OK);
    assert_int_equal(store_food_users(s, "recipe:soup", &entries, &recipes, &meals), STORE_OK);
    assert_int_equal(entries, 1);
    assert_int_equal(store_recipe_remove(s, "recipe:soup", 0, NULL), STORE_CONFLICT);
    assert_int_equal(store_recipe_remove(s, "recipe:soup", 1, &frozen), STORE_OK);
    assert_string_equal(frozen, "removed:soup");
    free(frozen);
    assert_float_equal(value_of(s, "removed:soup", NUT_CALCIUM), 100, 1e-9);
    assert_int_equal(store_food_exists(s, "recipe:soup", &exists), STORE_OK);
    assert_false(exists);
    assert_int_equal(store_recipe_remove(s, "removed:soup", 1, NULL), STORE_NOTFOUND);
    /* defined and removed again: the next frozen id */
    assert_int_equal(recipe_save(s, soup, 0, NULL, err, sizeof(err)), RECIPE_OK);
    assert_int_equal(store_entry_add(s, "2026-11-03", NULL, NULL, "recipe:soup", 100, NULL),
                     STORE_OK);
    assert_int_equal(store_recipe_remove(s, "recipe:soup", 1, &frozen), STORE_OK);
    assert_string_equal(frozen, "removed:soup-2");
    free(frozen);
    /* unused: gone with its food */
    assert_int_equal(recipe_save(s, soup, 0, NULL, err, sizeof(err)), RECIPE_OK);
    assert_int_equal(store_recipe_remove(s, "recipe:soup", 0, NULL), STORE_OK);
    assert_int_equal(store_food_exists(s, "recipe:soup", &exists), STORE_OK);
    assert_false(exists);
    recipe_free(soup);
}

static void test_meals(void **state) {
    store *s = *state;
    struct saved_item items[2] = {{0, "a", 150, NAN, "150 g a"}, {0, "b", 50, NAN, "50 g b"}};
    struct saved_meal m = {"usual-breakfast", items, 2}, *got = NULL, **list = NULL;
    size_t n = 0;

    put_food(s, "a", 100, 20, 60);
    put_food(s, "b", 50, 10, 90);
    assert_int_equal(store_meal_put(s, &m, 0), STORE_OK);
    assert_int_equal(store_meal_put(s, &m, 0), STORE_CONFLICT);
    items[1].grams = 70;
    assert_int_equal(store_meal_put(s, &m, 1), STORE_OK);
    assert_int_equal(store_meal_get(s, "usual-breakfast", &got), STORE_OK);
    assert_int_equal(got->n, 2);
    assert_string_equal(got->items[1].food_id, "b");
    assert_float_equal(got->items[1].grams, 70, 1e-9);
    assert_string_equal(got->items[0].text, "150 g a");
    saved_meal_free(got);
    assert_int_equal(store_meals_list(s, &list, &n), STORE_OK);
    assert_int_equal(n, 1);
    saved_meal_free(list[0]);
    free(list);
    /* a food that is not stored: refused */
    items[1].food_id = "nosuch";
    m.name = "other";
    assert_int_equal(store_meal_put(s, &m, 0), STORE_NOTFOUND);
    assert_int_equal(store_meal_remove(s, "usual-breakfast"), STORE_OK);
    assert_int_equal(store_meal_remove(s, "usual-breakfast"), STORE_NOTFOUND);
    assert_int_equal(store_meal_get(s, "usual-breakfast", &got), STORE_NOTFOUND);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slug),
        cmocka_unit_test(test_yield_rule),
        cmocka_unit_test(test_compute),
        cmocka_unit_test_setup_teardown(test_save_and_redefine, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_remove, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_meals, store_setup, store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
