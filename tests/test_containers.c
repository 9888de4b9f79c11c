/*
 * test_containers.c - the container table: parsing (and each refusal with
 * its line), kinds of food, dialects, and the conversions units_convert
 * makes with it ("a glass of milk", "a bowl of cereal", "a tin of
 * sardines", a UK pint, "2 eggs" as large ones, no quantity as a serving).
 *
 * Grams are worked out by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/containers.h"
#include "dietbal/food.h"
#include "dietbal/units.h"

#include "testlib.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char table_text[] = "# a test table\n"
                                 "kind cereal = group:Breakfast Cereals\n"
                                 "kind drink = group:Beverages; word:juice; word:milk\n"
                                 "kind fish = group:Finfish and Shellfish Products\n"
                                 "kind egg = word:egg\n"
                                 "glass/glasses | drink | * | 250 ml | BDA\n"
                                 "large glass | drink | * | 350 ml | BDA\n"
                                 "bowl/bowls | cereal | * | 40 g | FDA RACC\n"
                                 "bowl/bowls | * | * | 300 ml | FSA\n"
                                 "can/cans/tin/tins | fish | uk | 100 g | pack\n"
                                 "pint/pints | * | us | 16 fl oz | US pint\n"
                                 "pint/pints | * | uk | 568.26 ml | Weights and Measures Act 1985\n"
                                 "piece/pieces | * | * | count | -\n"
                                 "serving/portion | * | * | portion:serving,NLEA serving | USDA\n"
                                 "default large | egg | USDA convention\n"
                                 "same big = large\n";

struct pdef {
    const char *name;
    double amount, grams;
};

static struct food *mkfood(const char *name, const char *group, size_t n, const struct pdef *p) {
    struct food *f = food_new();
    assert_non_null(f);
    assert_int_equal(food_set_str(&f->id, "t:1"), 0);
    assert_int_equal(food_set_str(&f->name, name), 0);
    assert_int_equal(food_set_str(&f->group, group), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(food_add_portion(f, p[i].name, p[i].amount, p[i].grams), 0);
    return f;
}

#define MK(name, group, ...)                                                                       \
    mkfood(name, group, sizeof((struct pdef[]){__VA_ARGS__}) / sizeof(struct pdef),                \
           (struct pdef[]){__VA_ARGS__})

static struct containers *table(void) {
    struct containers *c = NULL;
    char err[256] = "";
    if (containers_parse(table_text, "t", &c, err, sizeof(err)) != 0)
        fail_msg("%s", err);
    return c;
}

static void test_parse(void **state) {
    (void)state;
    struct containers *c = table();
    assert_int_equal(containers_count(c), 9);
    assert_true(containers_names(c, "Glasses"));
    assert_true(containers_names(c, "tin"));
    assert_false(containers_names(c, "bucket"));
    assert_string_equal(containers_same(c, "BIG"), "large");
    assert_null(containers_same(c, "small"));
    containers_free(c);
    containers_free(NULL);
}

static void expect_bad(const char *text, const char *want) {
    struct containers *c = NULL;
    char err[256] = "";
    assert_int_equal(containers_parse(text, "f.txt", &c, err, sizeof(err)), -1);
    assert_null(c);
    assert_string_equal(err, want);
}

static void test_parse_refusals(void **state) {
    (void)state;
    expect_bad("glass | drink | * | 250 ml | x\n", "f.txt:1: kind 'drink' is not defined above");
    expect_bad("\n# c\nglass | * | fr | 250 ml | x\n", "f.txt:3: dialect 'fr' is not us, uk or *");
    expect_bad("glass | * | * | 250 | x\n",
               "f.txt:1: size '250': '' is not a unit (g, ml, oz, fl oz ...)");
    expect_bad("glass | * | * | -5 ml | x\n",
               "f.txt:1: size '-5 ml' is not a positive amount, portion:NAME or count");
    expect_bad("glass | * | * | 250 ml |\n", "f.txt:1: every size needs a source");
    expect_bad("glass | * | * | 250 ml\n",
               "f.txt:1: expected NAME | KIND | DIALECT | SIZE | SOURCE");
    expect_bad("kind a = word:x\nkind a = word:y\n", "f.txt:2: kind 'a' defined twice");
    expect_bad("kind a = colour:red\n",
               "f.txt:1: 'colour:red' is neither group:GROUP nor word:WORD");
    expect_bad("same big\n", "f.txt:1: expected 'same WORD = WORD'");
    expect_bad("default large | egg | x\n", "f.txt:1: kind 'egg' is not defined above");
}

static void test_kinds(void **state) {
    (void)state;
    struct containers *c = table();
    struct food *oj = MK("Orange juice, raw", "Fruits and Fruit Juices", {"cup", 1, 248});
    struct food *flakes =
        MK("Cereals ready-to-eat, corn flakes", "Breakfast Cereals", {"cup", 1, 28});
    assert_true(containers_food_is(c, "drink", oj)); /* by the word "juice" */
    assert_false(containers_food_is(c, "cereal", oj));
    assert_true(containers_food_is(c, "cereal", flakes)); /* by its group */
    assert_true(containers_food_is(c, "*", flakes));
    assert_false(containers_food_is(c, "nosuchkind", flakes));
    /* the first line that fits: a bowl of cereal is weighed, of juice a volume */
    size_t pos = 0;
    const struct container *k = containers_next(c, "bowls", flakes, CONTAINERS_US, &pos);
    assert_non_null(k);
    assert_int_equal(k->size, CONTAINER_MASS);
    assert_near(k->amount, 40, 0);
    pos = 0;
    k = containers_next(c, "bowl", oj, CONTAINERS_US, &pos);
    assert_int_equal(k->size, CONTAINER_VOLUME);
    assert_near(k->amount, 300, 0);
    assert_string_equal(k->source, "FSA");
    food_free(oj);
    food_free(flakes);
    containers_free(c);
}

static struct units_result conv(const struct food *f, double q, const char *unit, int dialect,
                                int implied, const struct containers *c) {
    struct units_opts o = {0, c, dialect, implied, NULL, NULL};
    struct units_result r;
    char err[512] = "";
    if (units_convert(f, q, unit, &o, &r, err, sizeof(err)) != UNITS_OK)
        fail_msg("%g %s: %s", q, unit ? unit : "(none)", err);
    return r;
}

static void test_volumes(void **state) {
    (void)state;
    struct containers *c = table();
    /* whole milk: 1 cup = 244 g, 244 / 236.6 = 1.0313 g/ml */
    struct food *milk = MK("Milk, whole", "Dairy and Egg Products", {"cup", 1, 244});
    /* 250 ml x 244 / 236.6 = 257.819 g */
    struct units_result r = conv(milk, 1, "glass", CONTAINERS_US, 0, c);
    assert_near(r.grams, 250.0 * 244 / 236.6, 1e-9);
    assert_int_equal(r.how, UNITS_BY_CONTAINER);
    assert_string_equal(r.text, "1 glass = 250 ml (default glass) × 1.031 g/ml = 257.8 g");
    /* a large glass: 350 ml x 1.0313 = 360.95 g */
    r = conv(milk, 1, "large glass", CONTAINERS_US, 0, c);
    assert_near(r.grams, 350.0 * 244 / 236.6, 1e-9);
    /* US pint 16 fl oz = 473.12 ml; UK pint 568.26 ml */
    r = conv(milk, 1, "pint", CONTAINERS_US, 0, c);
    assert_near(r.grams, 16 * 29.57 * 244 / 236.6, 1e-9);
    r = conv(milk, 2, "pints", CONTAINERS_UK, 0, c);
    assert_near(r.grams, 2 * 568.26 * 244 / 236.6, 1e-9);
    /* metric: no pint of its own; the message says both */
    struct units_opts o = {0, c, CONTAINERS_ANY, 0, NULL, NULL};
    char err[512];
    assert_int_equal(units_convert(milk, 1, "pint", &o, &r, err, sizeof(err)), UNITS_EUNIT);
    assert_string_equal(err, "'pint' is 16 fl oz in the US, 568.26 ml in the UK; say which with "
                             "'dietbal profile set --units us' (or uk), or give ml");
    food_free(milk);
    /* no volume portion: water's density, said so */
    struct food *odd = MK("Juice, odd", "Beverages", {"bottle", 1, 500});
    r = conv(odd, 1, "glass", CONTAINERS_US, 0, c);
    assert_near(r.grams, 250, 1e-9);
    assert_non_null(strstr(r.text, "water's"));
    food_free(odd);
    containers_free(c);
}

static void test_masses_and_portions(void **state) {
    (void)state;
    struct containers *c = table();
    struct food *flakes =
        MK("Cereals ready-to-eat, corn flakes", "Breakfast Cereals", {"cup", 1, 28});
    /* a bowl of cereal: 2 x 40 g */
    struct units_result r = conv(flakes, 2, "bowls", CONTAINERS_UK, 0, c);
    assert_near(r.grams, 80, 1e-12);
    assert_string_equal(r.text, "2 × bowls (40 g, default bowl) = 80 g");
    food_free(flakes);
    /* a tin of sardines: the food's own "can" portion (92 g, within a
     * quarter of the table's 100 g) */
    struct food *sard =
        MK("Fish, sardine, Atlantic, canned in oil", "Finfish and Shellfish Products",
           {"cup, drained", 1, 149}, {"can (3.75 oz)", 1, 92});
    r = conv(sard, 1, "tin", CONTAINERS_UK, 0, c);
    assert_near(r.grams, 92, 1e-12);
    assert_string_equal(r.text, "1 tin (the food's 'can (3.75 oz)') = 92 g");
    food_free(sard);
    /* without one, the UK default 100 g; in the US no line fits */
    struct food *tuna =
        MK("Fish, tuna, light, canned in water", "Finfish and Shellfish Products", {"cup", 1, 154});
    r = conv(tuna, 1, "tin", CONTAINERS_UK, 0, c);
    assert_near(r.grams, 100, 1e-12);
    food_free(tuna);
    /* a USDA can far from the usual tin (165 g: 1.65 x 100 g) is another
     * pack: the table's size, said so */
    tuna = MK("Fish, tuna, light, canned in water", "Finfish and Shellfish Products",
              {"cup", 1, 154}, {"can", 1, 165});
    r = conv(tuna, 1, "tin", CONTAINERS_UK, 0, c);
    assert_near(r.grams, 100, 1e-12);
    assert_string_equal(r.text, "1 tin = 100 g (default tin) (USDA's 'can' is 165 g)");
    struct units_opts o = {0, c, CONTAINERS_US, 0, NULL, NULL};
    char err[512];
    assert_int_equal(units_convert(tuna, 1, "tin", &o, &r, err, sizeof(err)), UNITS_EUNIT);
    food_free(tuna);
    /* a portion: the food's NLEA serving */
    struct food *pie =
        MK("Pie, apple", "Baked Products", {"pie (9\" dia)", 1, 1100}, {"NLEA serving", 1, 125});
    r = conv(pie, 1, "portion", CONTAINERS_US, 0, c);
    assert_near(r.grams, 125, 1e-12);
    food_free(pie);
    containers_free(c);
}

static void test_counts(void **state) {
    (void)state;
    struct containers *c = table();
    /* USDA egg: "2 eggs" are two large ones, 2 x 50 = 100 g, not extra large */
    struct food *egg =
        MK("Egg, whole, raw, fresh", "Dairy and Egg Products", {"cup (4.86 large eggs)", 1, 243},
           {"extra large", 1, 56}, {"jumbo", 1, 63}, {"large", 1, 50}, {"medium", 1, 44});
    struct units_result r = conv(egg, 2, NULL, CONTAINERS_US, 0, c);
    assert_near(r.grams, 100, 1e-12);
    /* "big" is "large" */
    r = conv(egg, 2, "big", CONTAINERS_US, 0, c);
    assert_near(r.grams, 100, 1e-12);
    /* "a piece" counts like a number */
    r = conv(egg, 1, "piece", CONTAINERS_US, 0, c);
    assert_near(r.grams, 50, 1e-12);
    food_free(egg);
    /* no quantity at all: the serving (126 g) before the medium banana (118 g) */
    struct food *banana = MK("Bananas, raw", "Fruits and Fruit Juices", {"cup, sliced", 1, 150},
                             {"medium (7\" to 7-7/8\" long)", 1, 118}, {"NLEA serving", 1, 126});
    r = conv(banana, 1, NULL, CONTAINERS_US, 1, c);
    assert_near(r.grams, 126, 1e-12);
    r = conv(banana, 1, NULL, CONTAINERS_US, 0, c);
    assert_near(r.grams, 118, 1e-12);
    food_free(banana);
    /* a bare count never means a whole pizza (853 g) or a cubic inch */
    struct food *pizza = MK("Pizza, cheese", "Fast Foods", {"pizza", 1, 853}, {"slice", 1, 107});
    r = conv(pizza, 2, NULL, CONTAINERS_US, 0, c);
    assert_near(r.grams, 214, 1e-12);
    food_free(pizza);
    struct food *kipper =
        MK("Fish, herring, kippered", "Finfish and Shellfish Products", {"oz, boneless", 1, 28.35},
           {"cubic inch, boneless", 1, 17}, {"fillet, large", 1, 65}, {"fillet, medium", 1, 40});
    r = conv(kipper, 1, NULL, CONTAINERS_US, 0, c);
    assert_near(r.grams, 40, 1e-12);
    food_free(kipper);
    struct food *cake = MK("Rice cake, cracker", "Snacks", {"cubic inch", 1, 4.2});
    struct units_opts o = {0, c, CONTAINERS_US, 0, NULL, NULL};
    char err[512];
    assert_int_equal(units_convert(cake, 1, NULL, &o, &r, err, sizeof(err)), UNITS_ENOPORTION);
    food_free(cake);
    containers_free(c);
}

static void test_load_missing_file(void **state) {
    (void)state;
    struct containers *c = NULL;
    char err[256];
    assert_int_equal(containers_load("/nonexistent/containers.txt", &c, err, sizeof(err)), 0);
    assert_int_equal(containers_count(c), 0);
    containers_free(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_parse_refusals),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_volumes),
        cmocka_unit_test(test_masses_and_portions),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_load_missing_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
