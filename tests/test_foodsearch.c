/*
 * test_foodsearch.c - the food a person meant: ranking of full-text
 * matches, the "similar enough" test, and whole lookups against a small
 * in-memory food table (synonyms, everyday phrases, relaxed matching,
 * ambiguity, remembered choices, baby foods kept out).
 *
 * Food values are USDA SR24's per 100 g (energy kcal, protein g, Ca, Mg,
 * P mg), copied from the table for the foods named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dietbal/foodsearch.h"
#include "dietbal/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct food_hit hit(const char *id, const char *name, const char *group, double bm25) {
    struct food_hit h;
    memset(&h, 0, sizeof(h));
    h.id = (char *)id;
    h.name = (char *)name;
    h.group = (char *)group;
    h.score = bm25;
    for (int k = 0; k < NUT_CORE_COUNT; k++)
        h.per100[k] = NAN;
    return h;
}

/* "Cheese, feta" beats "Crackers, cheese" and a baby food for "feta
 * cheese": the query covers its first segment and all of its lead. */
static void test_first_segment_wins(void **state) {
    (void)state;
    struct food_hit h[3] = {
        hit("x:1", "Crackers, cheese, regular", "Baked Products", 9.0),
        hit("x:2", "Babyfood, feta cheese dinner", "Baby Foods", 9.5),
        hit("x:3", "Cheese, feta", "Dairy and Egg Products", 8.0),
    };
    foodsearch_rank(NULL, "feta cheese", h, 3);
    /* x:3: bm25 8; the one-word first segment "cheese" is covered: +8;
     * both words in the first two segments: +3 x 2, and all of them: +4;
     * the phrase "feta cheese" is nowhere in the name; no word beyond the
     * query's; 12 characters: -0.48.  8 + 8 + 6 + 4 - 0.48 = 25.52 */
    assert_string_equal(h[0].id, "x:3");
    assert_float_equal(h[0].score, 25.52, 1e-9);
    assert_true(foodsearch_clear_winner(h, 3));
}

/* The plain food before its processed forms and restaurant versions. */
static void test_prior_prefers_plain_food(void **state) {
    (void)state;
    struct food_hit h[4] = {
        hit("x:1", "Beans, liquid from stewed kidney beans", "Legumes and Legume Products", 12),
        hit("x:2", "DENNY'S, kidney bean chili", "Restaurant Foods", 12),
        hit("x:3", "Beans, kidney, all types, mature seeds, raw", "Legumes and Legume Products",
            12),
        hit("x:4", "Beans, kidney, all types, mature seeds, cooked, boiled, without salt",
            "Legumes and Legume Products", 10),
    };
    foodsearch_rank(NULL, "kidney beans", h, 4);
    assert_string_equal(h[0].id, "x:4"); /* cooked, as eaten */
    assert_string_equal(h[1].id, "x:3"); /* raw legumes: what the cook buys */
    assert_string_equal(h[3].id, "x:2"); /* restaurant, branded */
}

static void test_close_scores_are_not_a_clear_win(void **state) {
    (void)state;
    struct food_hit h[2] = {
        hit("x:1", "Juice, apple", "Fruits", 5.0),
        hit("x:2", "Juice, grape", "Fruits", 5.0),
    };
    foodsearch_rank(NULL, "juice", h, 2);
    assert_false(foodsearch_clear_winner(h, 2));
    assert_true(foodsearch_clear_winner(h, 1)); /* the only match */
    assert_false(foodsearch_clear_winner(h, 0));
}

/* Per serving, within a tenth of the day-to-day SD (Ca 32.5, Mg 8.6,
 * P 41 mg, protein 2.62 g) and a quarter of it for energy (157 kcal). */
static void test_similar(void **state) {
    (void)state;
    /* kcal, protein g, Ca, Mg, P mg per 100 g (USDA SR24); K, Na, water unknown */
    const double raw[8] = {57, 0.36, 9, 7, 12, NAN, NAN, NAN};      /* Pears, raw */
    const double asian[8] = {42, 0.5, 4, 8, 11, NAN, NAN, NAN};     /* Pears, asian, raw */
    const double dried[8] = {262, 1.87, 34, 33, 59, NAN, NAN, NAN}; /* Pears, dried */
    /* a medium pear, 178 g: energy 15 x 1.78 = 26.7 kcal, Ca 5 x 1.78 = 8.9 mg ... */
    assert_true(foodsearch_similar(raw, asian, 178));
    /* dried: Ca 25 x 1.78 = 44.5 mg > 32.5 */
    assert_false(foodsearch_similar(raw, dried, 178));
    /* the calcium limit itself: 32.5 mg per serving is similar, 32.6 is not */
    const double a[8] = {0, 0, 100, 0, 0, NAN, NAN, NAN}, b[8] = {0, 0, 132.5, 0, 0, NAN, NAN, NAN},
                 c[8] = {0, 0, 132.6, 0, 0, NAN, NAN, NAN};
    assert_true(foodsearch_similar(a, b, 100));
    assert_false(foodsearch_similar(a, c, 100));
    /* energy: 157 kcal per serving is similar (0.25 x 628), 158 is not */
    const double e1[8] = {100, 0, 0, 0, 0, NAN, NAN, NAN}, e2[8] = {257, 0, 0, 0, 0, NAN, NAN, NAN},
                 e3[8] = {258, 0, 0, 0, 0, NAN, NAN, NAN};
    assert_true(foodsearch_similar(e1, e2, 100));
    assert_false(foodsearch_similar(e1, e3, 100));
    /* one known and one unknown value: not the same figures */
    const double u[8] = {57, 0.36, NAN, 7, 12, NAN, NAN, NAN};
    assert_false(foodsearch_similar(raw, u, 178));
}

/* ------------------------------------------------------------------------- */
/* whole lookups against a small table */

struct fdef {
    const char *id, *name, *group;
    double v[5]; /* kcal, protein, Ca, Mg, P per 100 g */
    const char *portion;
    double grams;
};

static const struct fdef foods[] = {
    {"usda:09252", "Pears, raw", "Fruits and Fruit Juices", {57, 0.36, 9, 7, 12}, "medium", 178},
    {"usda:09340",
     "Pears, asian, raw",
     "Fruits and Fruit Juices",
     {42, 0.5, 4, 8, 11},
     "medium",
     122},
    {"usda:09259",
     "Pears, dried, sulfured, uncooked",
     "Fruits and Fruit Juices",
     {262, 1.87, 34, 33, 59},
     "half",
     18},
    {"usda:19297", "Jams and preserves", "Sweets", {278, 0.37, 20, 4, 20}, "tbsp", 20},
    {"usda:01077",
     "Milk, whole, 3.25% milkfat, with added vitamin D",
     "Dairy and Egg Products",
     {61, 3.15, 113, 10, 84},
     "cup",
     244},
    {"usda:19120", "Candies, milk chocolate", "Sweets", {535, 7.65, 189, 63, 208}, "bar", 44},
    {"usda:16028",
     "Beans, kidney, all types, mature seeds, cooked, boiled, without salt",
     "Legumes and Legume Products",
     {127, 8.67, 35, 45, 142},
     "cup",
     177},
    {"usda:16033",
     "Beans, kidney, red, mature seeds, cooked, boiled, without salt",
     "Legumes and Legume Products",
     {127, 8.67, 28, 42, 142},
     "cup",
     177},
    {"usda:16029",
     "Beans, kidney, all types, mature seeds, canned",
     "Legumes and Legume Products",
     {84, 5.22, 33, 31, 93},
     "cup",
     256},
    {"usda:11477",
     "Squash, summer, zucchini, includes skin, raw",
     "Vegetables and Vegetable Products",
     {17, 1.21, 16, 18, 38},
     "medium",
     196},
    {"usda:03127",
     "Babyfood, vegetables, spinach, creamed, strained",
     "Baby Foods",
     {37, 2.5, 89, 55, 54},
     "jar",
     78},
    {"usda:11457",
     "Spinach, raw",
     "Vegetables and Vegetable Products",
     {23, 2.86, 99, 79, 49},
     "cup",
     30},
    /* a second table (IFCT 2017 figures: kJ / 4.184, g x 1000 for minerals) */
    {"ifct:C033", "Spinach", "Green Leafy Vegetables", {25.3, 2.14, 82, 87, 33}, "g", 1},
    {"ifct:L002", "Milk, whole, Cow", "Milk and Milk Products", {72.9, 3.26, 118, 12, 97}, "g", 1},
    {"ifct:L003", "Paneer", "Milk and Milk Products", {257.9, 18.86, 476, 27, 330}, "g", 1},
    {"usda:01228",
     "Cheese, fresh, queso fresco",
     "Dairy and Egg Products",
     {299, 18.09, 566, 24, 385},
     "cup",
     122},
};

static struct food *make(const struct fdef *d) {
    static const int ks[5] = {NUT_ENERGY, NUT_PROTEIN, NUT_CALCIUM, NUT_MAGNESIUM, NUT_PHOSPHORUS};
    struct food *f = food_new();
    assert_non_null(f);
    assert_int_equal(food_set_str(&f->id, d->id), 0);
    assert_int_equal(food_set_str(&f->name, d->name), 0);
    assert_int_equal(food_set_str(&f->group, d->group), 0);
    assert_int_equal(food_add_portion(f, d->portion, 1, d->grams), 0);
    for (int i = 0; i < 5; i++)
        f->values[ks[i]] = d->v[i];
    return f;
}

struct fixture {
    store *s;
    struct vocab *v;
    struct foodsearch *fs;
};

static int setup(void **state) {
    struct fixture *fx = calloc(1, sizeof(*fx));
    char err[256];
    assert_non_null(fx);
    assert_int_equal(store_open(":memory:", &fx->s, err, sizeof(err)), STORE_OK);
    assert_int_equal(store_begin(fx->s), STORE_OK);
    for (size_t i = 0; i < sizeof(foods) / sizeof(foods[0]); i++) {
        struct food *f = make(&foods[i]);
        assert_int_equal(store_food_upsert(fx->s, f, NULL), STORE_OK);
        food_free(f);
    }
    assert_int_equal(store_commit(fx->s), STORE_OK);
    fx->v = vocab_new();
    assert_int_equal(vocab_add_synonyms(fx->v, "courgette = zucchini\nuk: biscuit = cookie\n",
                                        "syn", err, sizeof(err)),
                     0);
    assert_int_equal(vocab_add_synonyms(fx->v, "paneer = queso fresco\n", "syn2", err, sizeof(err)),
                     0);
    assert_int_equal(vocab_add_everyday(fx->v,
                                        "usda:01077 = milk; whole milk\n"
                                        "ifct:L002 = milk; doodh\n"
                                        "ifct:L003 = paneer\n",
                                        "every", err, sizeof(err)),
                     0);
    fx->fs = foodsearch_new(fx->s, fx->v, VOCAB_UK);
    assert_non_null(fx->fs);
    *state = fx;
    return 0;
}

static int teardown(void **state) {
    struct fixture *fx = *state;
    foodsearch_free(fx->fs);
    vocab_free(fx->v);
    store_close(fx->s);
    free(fx);
    return 0;
}

/* Look up text; the food's id on success, else NULL with *res set. */
static const char *look(struct fixture *fx, const char *text, int relaxed, enum entry_lookup *res,
                        char *err, size_t errlen) {
    static char id[64];
    struct food *f = NULL;
    *res = foodsearch_lookup(fx->fs, text, 0, relaxed, &f, err, errlen);
    if (*res != ENTRY_LOOKUP_FOUND)
        return NULL;
    snprintf(id, sizeof(id), "%s", f->id);
    food_free(f);
    return id;
}

static void test_lookup_similar_rivals(void **state) {
    struct fixture *fx = *state;
    enum entry_lookup res;
    char err[1024];
    /* "Pears, raw" leads "Pears, asian, raw" by less than the margin, but
     * they report the same figures for a 178 g pear (test_similar); the
     * dried pear is far behind */
    assert_string_equal(look(fx, "pear", 0, &res, err, sizeof(err)), "usda:09252");
    assert_non_null(strstr(foodsearch_note(fx->fs, "pear"), "chosen over 1 similar food"));
}

static void test_lookup_ambiguous_lists_candidates(void **state) {
    struct fixture *fx = *state;
    enum entry_lookup res;
    char err[1024];
    size_t n = 0;
    /* canned kidney beans differ in protein by (8.67 - 5.22) x 1.77 = 6.1 g
     * a cup from the boiled ones: more than 2.62 g */
    assert_null(look(fx, "kidney beans", 0, &res, err, sizeof(err)));
    assert_int_equal(res, ENTRY_LOOKUP_AMBIGUOUS);
    assert_non_null(strstr(err, "'kidney beans' matches several foods"));
    const struct food_hit *c = foodsearch_candidates(fx->fs, "kidney beans", &n);
    assert_non_null(c);
    assert_int_equal(n, 3);
    int canned = 0;
    for (size_t i = 0; i < n; i++)
        canned |= strcmp(c[i].id, "usda:16029") == 0;
    assert_true(canned);
}

/* Two tables: her order decides an everyday phrase both name and a near
 * tie of the search; the words as typed find another table's food before
 * the synonyms turn them into USDA's nearest ("paneer" -> "queso fresco"). */
static void test_lookup_table_order(void **state) {
    struct fixture *fx = *state;
    enum entry_lookup res;
    char err[1024];
    assert_string_equal(look(fx, "milk", 0, &res, err, sizeof(err)), "usda:01077");
    assert_string_equal(look(fx, "doodh", 0, &res, err, sizeof(err)), "ifct:L002");
    assert_string_equal(look(fx, "paneer", 0, &res, err, sizeof(err)), "ifct:L003");
    assert_string_equal(look(fx, "spinach", 0, &res, err, sizeof(err)), "usda:11457");
    foodsearch_prefer(fx->fs, "ifct2017,usda-sr24");
    assert_string_equal(look(fx, "milk", 0, &res, err, sizeof(err)), "ifct:L002");
    assert_string_equal(look(fx, "spinach", 0, &res, err, sizeof(err)), "ifct:C033");
    assert_string_equal(look(fx, "paneer", 0, &res, err, sizeof(err)), "ifct:L003");
    foodsearch_prefer(fx->fs, "usda-sr24");
    assert_string_equal(look(fx, "milk", 0, &res, err, sizeof(err)), "usda:01077");
    assert_string_equal(look(fx, "spinach", 0, &res, err, sizeof(err)), "usda:11457");
}

static void test_lookup_pin_and_synonym(void **state) {
    struct fixture *fx = *state;
    enum entry_lookup res;
    char err[1024];
    assert_string_equal(look(fx, "Whole Milk", 0, &res, err, sizeof(err)), "usda:01077");
    assert_string_equal(look(fx, "milk", 0, &res, err, sizeof(err)), "usda:01077");
    assert_string_equal(look(fx, "milk chocolate", 0, &res, err, sizeof(err)), "usda:19120");
    assert_string_equal(look(fx, "courgettes", 0, &res, err, sizeof(err)), "usda:11477");
    assert_string_equal(foodsearch_note(fx->fs, "courgettes"), "'courgette' read as 'zucchini'");
}

static void test_lookup_relaxed(void **state) {
    struct fixture *fx = *state;
    enum entry_lookup res;
    char err[1024];
    /* strict: no food has "strawberry" */
    assert_null(look(fx, "strawberry jam", 0, &res, err, sizeof(err)));
    assert_int_equal(res, ENTRY_LOOKUP_NOTFOUND);
    assert_string_equal(err, "no food matches 'strawberry jam' (try 'dietbal foods search WORD')");
    /* relaxed: the head word "jam" is kept */
    assert_string_equal(look(fx, "strawberry jam", 1, &res, err, sizeof(err)), "usda:19297");
    assert_string_equal(foodsearch_note(fx->fs, "strawberry jam"),
                        "taken as \"Jams and preserves\" (no \"strawberry jam\" in the table)");
}

static void test_lookup_keeps_baby_food_out(void **state) {
    struct fixture *fx = *state;
    enum entry_lookup res;
    char err[1024];
    /* only the baby food has both words; it is not what "baby spinach" means */
    assert_null(look(fx, "baby spinach", 0, &res, err, sizeof(err)));
    assert_string_equal(look(fx, "baby spinach", 1, &res, err, sizeof(err)), "usda:11457");
    /* asked for by name, it is found */
    assert_string_equal(look(fx, "babyfood spinach", 0, &res, err, sizeof(err)), "usda:03127");
}

static void test_lookup_remembered_choice(void **state) {
    struct fixture *fx = *state;
    enum entry_lookup res;
    char err[1024];
    int removed = 0;
    /* a choice made at the prompt holds at once, and once saved, for good */
    assert_int_equal(foodsearch_choose(fx->fs, "Kidney beans", "usda:16029"), 0);
    assert_string_equal(look(fx, "kidney beans", 0, &res, err, sizeof(err)), "usda:16029");
    assert_int_equal(store_begin(fx->s), STORE_OK);
    assert_int_equal(foodsearch_save(fx->fs), STORE_OK);
    assert_int_equal(store_commit(fx->s), STORE_OK);
    struct foodsearch *fresh = foodsearch_new(fx->s, fx->v, VOCAB_UK);
    struct food *f = NULL;
    assert_int_equal(foodsearch_lookup(fresh, "kidney bean", 0, 0, &f, err, sizeof(err)),
                     ENTRY_LOOKUP_FOUND);
    assert_string_equal(f->id, "usda:16029");
    assert_non_null(strstr(foodsearch_note(fresh, "kidney bean"), "your choice"));
    food_free(f);
    foodsearch_free(fresh);
    /* forgotten: ambiguous again */
    assert_int_equal(store_choice_forget(fx->s, "kidney bean", &removed), STORE_OK);
    assert_int_equal(removed, 1);
    fresh = foodsearch_new(fx->s, fx->v, VOCAB_UK);
    assert_int_equal(foodsearch_lookup(fresh, "kidney beans", 0, 0, &f, err, sizeof(err)),
                     ENTRY_LOOKUP_AMBIGUOUS);
    foodsearch_free(fresh);
}

static void test_lookup_empty_table(void **state) {
    (void)state;
    store *s = NULL;
    char err[256];
    struct food *f = NULL;
    assert_int_equal(store_open(":memory:", &s, err, sizeof(err)), STORE_OK);
    struct foodsearch *fs = foodsearch_new(s, NULL, VOCAB_US);
    assert_int_equal(foodsearch_lookup(fs, "milk", 0, 1, &f, err, sizeof(err)),
                     ENTRY_LOOKUP_NOTFOUND);
    assert_string_equal(err, "no food table yet: run 'dietbal init' first");
    foodsearch_free(fs);
    store_close(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_segment_wins),
        cmocka_unit_test(test_prior_prefers_plain_food),
        cmocka_unit_test(test_close_scores_are_not_a_clear_win),
        cmocka_unit_test(test_similar),
        cmocka_unit_test_setup_teardown(test_lookup_similar_rivals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookup_ambiguous_lists_candidates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookup_pin_and_synonym, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookup_table_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookup_relaxed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookup_keeps_baby_food_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookup_remembered_choice, setup, teardown),
        cmocka_unit_test(test_lookup_empty_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
