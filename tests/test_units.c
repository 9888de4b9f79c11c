/*
 * test_units.c - quantity × unit -> grams: masses, volumes through each kind
 * of volume portion, portion names and plurals, the first-portion default,
 * the 5 kg limit, and every refusal with its message.
 *
 * Expected grams are worked out by hand in the comments from the constants
 * product.md fixes (cup 236.6 ml, tbsp 14.79 ml, tsp 4.93 ml, fl oz 29.57
 * ml) and the avoirdupois ounce and pound.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/food.h"
#include "dietbal/units.h"

#include "testlib.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct pdef {
    const char *name;
    double amount, grams;
};

static struct food *mkfood(const char *id, const char *name, size_t n, const struct pdef *p) {
    struct food *f = food_new();
    assert_non_null(f);
    assert_int_equal(food_set_str(&f->id, id), 0);
    assert_int_equal(food_set_str(&f->name, name), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(food_add_portion(f, p[i].name, p[i].amount, p[i].grams), 0);
    return f;
}

/* cmocka 1.1.5 has no double comparison; assert_float_equal loses digits. */
#define MK(id, name, ...)                                                                          \
    mkfood(id, name, sizeof((struct pdef[]){__VA_ARGS__}) / sizeof(struct pdef),                   \
           (struct pdef[]){__VA_ARGS__})

static struct food *milk(void) {
    return MK("usda:01077", "Milk, whole", {"cup", 1, 244}, {"fl oz", 1, 30.5});
}

static struct food *salmon(void) {
    /* USDA gives half a fillet; no volume portion at all */
    return MK("usda:15076", "Salmon, Atlantic", {"fillet", 0.5, 198}, {"oz", 1, 28.35});
}

static struct food *eggs(void) {
    return MK("usda:01123", "Egg, whole, raw", {"large", 1, 50}, {"extra large", 1, 56},
              {"medium", 1, 44}, {"cup (4.86 large eggs)", 1, 243});
}

/* Convert and expect success; returns the result. */
static struct units_result ok(const struct food *f, double q, const char *unit, int force) {
    struct units_result r;
    char err[512] = "";
    int rc = units_to_grams(f, q, unit, force, &r, err, sizeof(err));
    if (rc != UNITS_OK)
        fail_msg("%g %s: %d %s", q, unit ? unit : "(none)", rc, err);
    return r;
}

/* Convert and expect failure rc; *out must stay untouched; returns the message. */
static const char *bad(const struct food *f, double q, const char *unit, int force, int want) {
    static char err[512];
    struct units_result r;
    memset(&r, 0x5a, sizeof(r));
    err[0] = '\0';
    int rc = units_to_grams(f, q, unit, force, &r, err, sizeof(err));
    assert_int_equal(rc, want);
    unsigned char *b = (unsigned char *)&r;
    for (size_t i = 0; i < sizeof(r); i++)
        assert_int_equal(b[i], 0x5a);
    assert_true(strlen(err) > 0);
    return err;
}

/* ------------------------------------------------------------------------- */

static void test_generic_spellings(void **state) {
    (void)state;
    const struct {
        const char *token, *canonical;
    } cases[] = {
        {"g", "g"},
        {"G", "g"},
        {"gram", "g"},
        {"grams", "g"},
        {"gramme", "g"},
        {"kg", "kg"},
        {"Kilogram", "kg"},
        {"kilos", "kg"},
        {"mg", "mg"},
        {"milligrams", "mg"},
        {"oz", "oz"},
        {"oz.", "oz"},
        {"ounce", "oz"},
        {"ounces", "oz"},
        {"lb", "lb"},
        {"lbs", "lb"},
        {"pound", "lb"},
        {"Pounds", "lb"},
        {"ml", "ml"},
        {"mL", "ml"},
        {"millilitre", "ml"},
        {"milliliters", "ml"},
        {"l", "l"},
        {"L", "l"},
        {"litre", "l"},
        {"liters", "l"},
        {"dl", "dl"},
        {"decilitres", "dl"},
        {"cup", "cup"},
        {"cups", "cup"},
        {"Cups", "cup"},
        {"tbsp", "tbsp"},
        {"Tbsp", "tbsp"},
        {"TBSP", "tbsp"},
        {"tbs", "tbsp"},
        {"tbsp.", "tbsp"},
        {"tablespoon", "tbsp"},
        {"tablespoons", "tbsp"},
        {"tsp", "tsp"},
        {"tsps", "tsp"},
        {"teaspoon", "tsp"},
        {"teaspoons", "tsp"},
        {"fl oz", "fl oz"},
        {"fl. oz.", "fl oz"},
        {"FL OZ", "fl oz"},
        {"fl   oz", "fl oz"},
        {"floz", "fl oz"},
        {"fluid ounces", "fl oz"},
        {"fluid ounce", "fl oz"},
        {" g ", "g"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct units_def *d = units_generic(cases[i].token);
        if (!d)
            fail_msg("'%s' should be a generic unit", cases[i].token);
        assert_string_equal(d->name, cases[i].canonical);
    }
}

static void test_generic_factors(void **state) {
    (void)state;
    assert_int_equal(units_generic("g")->kind, UNITS_MASS);
    assert_int_equal(units_generic("lb")->kind, UNITS_MASS);
    assert_int_equal(units_generic("ml")->kind, UNITS_VOLUME);
    assert_int_equal(units_generic("fl oz")->kind, UNITS_VOLUME);
    assert_near(units_generic("kg")->factor, 1000.0, 0);
    assert_near(units_generic("mg")->factor, 0.001, 0);
    assert_near(units_generic("oz")->factor, 28.349523125, 0);
    assert_near(units_generic("lb")->factor, 453.59237, 0);
    assert_near(units_generic("l")->factor, 1000.0, 0);
    assert_near(units_generic("dl")->factor, 100.0, 0);
    assert_near(units_generic("cup")->factor, 236.6, 0);
    assert_near(units_generic("tbsp")->factor, 14.79, 0);
    assert_near(units_generic("tsp")->factor, 4.93, 0);
    assert_near(units_generic("fl oz")->factor, 29.57, 0);
}

static void test_generic_not_units(void **state) {
    (void)state;
    const char *not_units[] = {"T",       "t", "slice", "large", "cupcake", "fl", "gr",    "ozs",
                               "grams x", "",  "   ",   "c",     "pint",    "cl", "fluid", "kgg"};
    for (size_t i = 0; i < sizeof(not_units) / sizeof(not_units[0]); i++)
        if (units_generic(not_units[i]))
            fail_msg("'%s' should not be a generic unit", not_units[i]);
    assert_null(units_generic(NULL));
    char longtok[200];
    memset(longtok, 'g', sizeof(longtok) - 1);
    longtok[sizeof(longtok) - 1] = '\0';
    assert_null(units_generic(longtok));
}

/* ------------------------------------------------------------------------- */

static void test_masses(void **state) {
    (void)state;
    struct food *f = salmon();
    struct units_result r;

    r = ok(f, 150, "g", 0); /* 150 g */
    assert_near(r.grams, 150.0, 1e-12);
    assert_int_equal(r.how, UNITS_BY_MASS);
    assert_int_equal(r.portion, -1);
    assert_string_equal(r.text, "150 g");

    r = ok(f, 0.25, "kg", 0); /* 0.25 × 1000 = 250 g */
    assert_near(r.grams, 250.0, 1e-12);
    assert_string_equal(r.text, "0.25 kg = 250 g");

    r = ok(f, 500, "mg", 0); /* 500 × 0.001 = 0.5 g */
    assert_near(r.grams, 0.5, 1e-12);
    assert_string_equal(r.text, "500 mg = 0.5 g");

    /* the generic ounce wins over the food's own "oz" portion (28.35 g):
     * 1.5 × 28.349523125 = 42.5242846875 g */
    r = ok(f, 1.5, "oz", 0);
    assert_near(r.grams, 42.5242846875, 1e-9);
    assert_int_equal(r.how, UNITS_BY_MASS);
    assert_string_equal(r.text, "1.5 oz = 42.52 g");

    r = ok(f, 2, "lb", 0); /* 2 × 453.59237 = 907.18474 g */
    assert_near(r.grams, 907.18474, 1e-9);
    assert_string_equal(r.text, "2 lb = 907.2 g");

    r = ok(f, 1, "pounds", 0); /* 453.59237 g */
    assert_near(r.grams, 453.59237, 1e-9);
    r = ok(f, 3, "Ounces", 0); /* 3 × 28.349523125 = 85.048569375 g */
    assert_near(r.grams, 85.048569375, 1e-9);
    r = ok(f, 2, "grams", 0);
    assert_near(r.grams, 2.0, 1e-12);
    r = ok(f, 1, "Kilogram", 0);
    assert_near(r.grams, 1000.0, 1e-12);
    food_free(f);
}

static void test_mass_without_portions(void **state) {
    (void)state;
    struct food *f = mkfood("x:1", "Plain", 0, NULL);
    struct units_result r = ok(f, 30, "g", 0);
    assert_near(r.grams, 30.0, 1e-12);
    food_free(f);
}

/* ------------------------------------------------------------------------- */
/* volumes */

static void test_volume_via_cup(void **state) {
    (void)state;
    struct food *f = milk(); /* density 244 g / 236.6 ml = 1.031276... g/ml */
    struct units_result r;

    r = ok(f, 1, "cup", 0); /* the cup portion itself: exactly 244 g */
    assert_near(r.grams, 244.0, 1e-12);
    assert_int_equal(r.how, UNITS_BY_VOLUME);
    assert_int_equal(r.portion, 0);
    assert_string_equal(r.text, "1 cup = 244 g");

    r = ok(f, 2, "cups", 0); /* 2 × 244 = 488 g */
    assert_near(r.grams, 488.0, 1e-12);
    assert_string_equal(r.text, "2 × cup (244 g) = 488 g");

    r = ok(f, 250, "ml", 0); /* 250 × 244 / 236.6 = 257.8191 g */
    assert_near(r.grams, 257.81910397, 1e-6);
    assert_string_equal(r.text, "250 ml × 1.031 g/ml (from 1 cup = 244 g) = 257.8 g");

    r = ok(f, 1, "l", 0); /* 1000 × 244 / 236.6 = 1031.2764 g */
    assert_near(r.grams, 1031.27641589, 1e-6);
    assert_string_equal(r.text, "1 l = 1000 ml × 1.031 g/ml (from 1 cup = 244 g) = 1031 g");

    r = ok(f, 1, "dl", 0); /* 100 × 244 / 236.6 = 103.1276 g */
    assert_near(r.grams, 103.12764159, 1e-6);

    /* 2 tbsp = 29.58 ml; × 244 / 236.6 = 30.5052 g */
    r = ok(f, 2, "tbsp", 0);
    assert_near(r.grams, 30.50515638, 1e-6);
    assert_int_equal(r.portion, 0);
    assert_string_equal(r.text, "2 tbsp = 29.58 ml × 1.031 g/ml (from 1 cup = 244 g) = 30.51 g");

    r = ok(f, 1, "tsp", 0); /* 4.93 × 244 / 236.6 = 5.0842 g */
    assert_near(r.grams, 5.08419273, 1e-6);

    /* cup outranks the food's own fl oz portion (30.5 g):
     * 3 × 29.57 × 244 / 236.6 = 91.4845 g, not 91.5 */
    r = ok(f, 3, "fl oz", 0);
    assert_near(r.grams, 91.48453085, 1e-6);
    assert_int_equal(r.portion, 0);
    food_free(f);
}

static void test_volume_via_fl_oz(void **state) {
    (void)state;
    /* no cup; fl oz outranks tbsp even when tbsp comes first */
    struct food *f = MK("x:2", "Juice", {"tbsp", 1, 15}, {"fl oz", 1, 31});
    struct units_result r;

    r = ok(f, 1, "cup", 0); /* 236.6 × 31 / 29.57 = 248.0419 g */
    assert_near(r.grams, 248.04193439, 1e-6);
    assert_int_equal(r.portion, 1);
    assert_int_equal(r.how, UNITS_BY_VOLUME);

    r = ok(f, 1, "tsp", 0); /* 152.83 / 29.57 = 5.16841 g */
    assert_near(r.grams, 4.93 * 31 / 29.57, 1e-9);
    assert_near(r.grams, 5.16841, 1e-5);

    r = ok(f, 2, "fl oz", 0); /* the portion's own measure: 2 × 31 = 62 g */
    assert_near(r.grams, 62.0, 1e-12);
    assert_string_equal(r.text, "2 × fl oz (31 g) = 62 g");
    food_free(f);
}

static void test_volume_via_tbsp_only(void **state) {
    (void)state;
    struct food *f = MK("x:3", "Oil", {"tbsp", 1, 15});
    struct units_result r;

    r = ok(f, 1, "tbsp", 0); /* 15 g */
    assert_near(r.grams, 15.0, 1e-12);
    assert_string_equal(r.text, "1 tbsp = 15 g");

    r = ok(f, 1, "cup", 0); /* 236.6 × 15 / 14.79 = 239.9594 g */
    assert_near(r.grams, 239.95943205, 1e-6);

    r = ok(f, 2, "tsp", 0); /* 2 × 4.93 = 9.86 ml; × 15 / 14.79 = 10.0000 g */
    assert_near(r.grams, 10.0, 1e-9);

    r = ok(f, 100, "ml", 0); /* 100 × 15 / 14.79 = 101.4199 g */
    assert_near(r.grams, 101.41987830, 1e-6);

    r = ok(f, 1, "tablespoon", 0);
    assert_near(r.grams, 15.0, 1e-12);
    food_free(f);

    /* spelt out as "tablespoon" in the food */
    f = MK("x:4", "Syrup", {"tablespoon", 1, 20});
    r = ok(f, 1, "tsp", 0); /* 4.93 × 20 / 14.79 = 6.6667 g */
    assert_near(r.grams, 4.93 * 20 / 14.79, 1e-9);
    assert_near(r.grams, 6.66667, 1e-5);
    assert_int_equal(r.portion, 0);
    food_free(f);
}

static void test_volume_via_tsp_only(void **state) {
    (void)state;
    struct food *f = MK("x:5", "Salt", {"tsp", 1, 5});
    struct units_result r;

    r = ok(f, 1, "tbsp", 0); /* 14.79 × 5 / 4.93 = 15.0000 g */
    assert_near(r.grams, 15.0, 1e-9);
    assert_string_equal(r.text, "1 tbsp = 14.79 ml × 1.014 g/ml (from 1 tsp = 5 g) = 15 g");

    r = ok(f, 1, "cup", 0); /* 236.6 × 5 / 4.93 = 239.9594 g */
    assert_near(r.grams, 239.95943205, 1e-6);

    r = ok(f, 3, "tsp", 0); /* 3 × 5 = 15 g */
    assert_near(r.grams, 15.0, 1e-12);
    food_free(f);

    f = MK("x:6", "Pepper", {"teaspoon, ground", 1, 2.3});
    r = ok(f, 1, "tbsp", 0); /* 14.79 × 2.3 / 4.93 = 6.9 g */
    assert_near(r.grams, 6.9, 1e-9);
    food_free(f);
}

static void test_volume_portion_amount_and_names(void **state) {
    (void)state;
    struct units_result r;
    /* "0.25 cup = 60 g": 240 g per cup; 1 tbsp = 14.79 × 60 / (0.25 × 236.6) = 15.0025 g */
    struct food *f = MK("x:7", "Yogurt", {"container", 1, 170}, {"cup", 0.25, 60});
    r = ok(f, 1, "tbsp", 0);
    assert_near(r.grams, 15.00253593, 1e-6);
    assert_int_equal(r.portion, 1);
    assert_string_equal(r.text, "1 tbsp = 14.79 ml × 1.014 g/ml (from 0.25 cup = 60 g) = 15 g");
    r = ok(f, 1, "cup", 0); /* 60 / 0.25 = 240 g */
    assert_near(r.grams, 240.0, 1e-12);
    assert_string_equal(r.text, "1 cup (from 0.25 cup = 60 g) = 240 g");
    food_free(f);

    /* "cup, chopped" is a cup; 1 tbsp = 14.79 × 160 / 236.6 = 10.0017 g */
    f = MK("x:8", "Onion", {"medium (2-1/2\" dia)", 1, 110}, {"cup, chopped", 1, 160});
    r = ok(f, 1, "tbsp", 0);
    assert_near(r.grams, 10.00169062, 1e-6);
    assert_int_equal(r.portion, 1);
    r = ok(f, 0.5, "cup", 0); /* 0.5 × 160 = 80 g */
    assert_near(r.grams, 80.0, 1e-12);
    assert_string_equal(r.text, "0.5 × cup, chopped (160 g) = 80 g");
    food_free(f);

    /* "cupcake" is not a cup; the tbsp gives the density.  "cups" is. */
    f = MK("x:9", "Frosting", {"cupcake (2-1/2\" dia)", 1, 40}, {"tbsp", 1, 12});
    r = ok(f, 1, "cup", 0); /* 236.6 × 12 / 14.79 = 191.9675 g */
    assert_near(r.grams, 236.6 * 12 / 14.79, 1e-9);
    assert_near(r.grams, 191.96755, 1e-5);
    assert_int_equal(r.portion, 1);
    food_free(f);

    f = MK("x:10", "Cereal", {"cups (8 oz)", 2, 100});
    r = ok(f, 1, "cup", 0); /* 100 g for 2 cups: 50 g */
    assert_near(r.grams, 50.0, 1e-12);
    food_free(f);

    /* case does not matter in portion names: "Tbsp" is a tbsp */
    f = MK("x:11", "Butter", {"pat", 1, 5}, {"Tbsp", 1, 14.2});
    r = ok(f, 2, "tsp", 0); /* 140.012 / 14.79 = 9.46667 g */
    assert_near(r.grams, 2 * 4.93 * 14.2 / 14.79, 1e-9);
    assert_near(r.grams, 9.46667, 1e-5);
    food_free(f);
}

static void test_volume_refused_without_volume_portion(void **state) {
    (void)state;
    struct food *f = salmon();
    const char *units[] = {"cup", "ml", "l", "dl", "tbsp", "tsp", "fl oz", "cups"};
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        const char *msg = bad(f, 1, units[i], 0, UNITS_ENOVOLUME);
        assert_non_null(strstr(msg, "is a volume"));
        assert_non_null(strstr(msg, "Salmon, Atlantic"));
        assert_non_null(strstr(msg, "g, kg, mg, oz, lb or a portion: 'fillet', 'oz'"));
        assert_null(strstr(msg, "ml,")); /* volumes are not offered */
    }
    assert_string_equal(bad(f, 1, "cup", 0, UNITS_ENOVOLUME),
                        "'cup' is a volume and Salmon, Atlantic has no cup, fl oz, tbsp or tsp "
                        "portion to convert it with; it takes g, kg, mg, oz, lb or a portion: "
                        "'fillet', 'oz'");
    /* force does not help: there is no density */
    bad(f, 1, "cup", 1, UNITS_ENOVOLUME);
    food_free(f);
}

/* ------------------------------------------------------------------------- */
/* portions */

static void test_portion_amount_not_one(void **state) {
    (void)state;
    struct food *f = salmon(); /* 0.5 fillet = 198 g, so 1 fillet = 396 g */
    struct units_result r;

    r = ok(f, 1, "fillet", 0);
    assert_near(r.grams, 396.0, 1e-12);
    assert_int_equal(r.how, UNITS_BY_PORTION);
    assert_int_equal(r.portion, 0);
    assert_string_equal(r.text, "1 fillet (from 0.5 fillet = 198 g) = 396 g");

    r = ok(f, 2, "fillets", 0); /* 2 × 396 = 792 g */
    assert_near(r.grams, 792.0, 1e-12);
    assert_string_equal(r.text, "2 × fillet (396 g, from 0.5 fillet = 198 g) = 792 g");

    r = ok(f, 0.5, "fillet", 0); /* 198 g */
    assert_near(r.grams, 198.0, 1e-12);
    food_free(f);
}

static void test_portion_names(void **state) {
    (void)state;
    struct food *f = eggs();
    struct units_result r;

    r = ok(f, 2, "large", 0); /* 2 × 50 = 100 g */
    assert_near(r.grams, 100.0, 1e-12);
    assert_int_equal(r.how, UNITS_BY_PORTION);
    assert_int_equal(r.portion, 0);
    assert_string_equal(r.text, "2 × large (50 g) = 100 g");

    r = ok(f, 1, "LARGE", 0); /* case-insensitive */
    assert_near(r.grams, 50.0, 1e-12);
    assert_string_equal(r.text, "1 large = 50 g");

    r = ok(f, 3, "medium", 0); /* 3 × 44 = 132 g */
    assert_near(r.grams, 132.0, 1e-12);
    assert_int_equal(r.portion, 2);

    r = ok(f, 1, "extra", 0); /* "extra" + space starts "extra large": 56 g */
    assert_near(r.grams, 56.0, 1e-12);
    assert_int_equal(r.portion, 1);

    r = ok(f, 1, "extra large", 0); /* a two-word token, from a caller that has one */
    assert_near(r.grams, 56.0, 1e-12);
    food_free(f);

    /* "large" does not match "extra large": the first portion that matches wins */
    f = MK("x:12", "Egg, other order", {"extra large", 1, 56}, {"large", 1, 50});
    assert_int_equal(units_find_portion(f, "large"), 1);
    food_free(f);

    /* USDA's messy names: the token is the head word */
    f = MK("x:13", "Bread, whole-wheat", {"slice (1 oz)", 1, 28}, {"slice, thin", 1, 19},
           {"oz", 1, 28.35});
    r = ok(f, 2, "slices", 0); /* first match is "slice (1 oz)": 2 × 28 = 56 g */
    assert_near(r.grams, 56.0, 1e-12);
    assert_int_equal(r.portion, 0);
    assert_string_equal(r.text, "2 × slice (1 oz) (28 g) = 56 g");
    assert_int_equal(units_find_portion(f, "slic"), -1); /* whole words only */
    assert_int_equal(units_find_portion(f, "slice, thin"), 1);
    food_free(f);

    f = MK("x:14", "Apple", {"cup, quartered or chopped", 1, 125}, {"medium (3\" dia)", 1, 182});
    r = ok(f, 2, "medium", 0); /* 2 × 182 = 364 g */
    assert_near(r.grams, 364.0, 1e-12);
    assert_int_equal(r.portion, 1);
    food_free(f);
}

static void test_portion_plurals(void **state) {
    (void)state;
    struct food *f = MK("x:15", "Plurals", {"leaf", 1, 10}, {"loaf", 1, 454}, {"patty", 1, 113},
                        {"dash", 1, 0.4}, {"piece", 1, 12}, {"tomato", 1, 123},
                        {"knife point", 1, 0.2}, {"glass", 1, 240}, {"box", 1, 300});
    const struct {
        const char *token;
        int portion;
    } cases[] = {
        {"leaf", 0},     {"leaves", 0},  {"loaf", 1},    {"loaves", 1}, {"patty", 2},
        {"patties", 2},  {"Patties", 2}, {"dashes", 3},  {"pieces", 4}, {"piece", 4},
        {"tomatoes", 5}, {"knives", 6},  {"glasses", 7}, {"boxes", 8},  {"leafs", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got = units_find_portion(f, cases[i].token);
        if (got != cases[i].portion)
            fail_msg("'%s': portion %d, expected %d", cases[i].token, got, cases[i].portion);
    }
    struct units_result r = ok(f, 3, "patties", 0); /* 3 × 113 = 339 g */
    assert_near(r.grams, 339.0, 1e-12);
    r = ok(f, 2, "loaves", 0); /* 2 × 454 = 908 g */
    assert_near(r.grams, 908.0, 1e-12);
    r = ok(f, 4, "leaves", 0); /* 4 × 10 = 40 g */
    assert_near(r.grams, 40.0, 1e-12);
    r = ok(f, 2, "dashes", 0); /* 2 × 0.4 = 0.8 g */
    assert_near(r.grams, 0.8, 1e-12);
    assert_string_equal(r.text, "2 × dash (0.4 g) = 0.8 g");

    assert_int_equal(units_find_portion(f, "glas"), -1);
    assert_int_equal(units_find_portion(f, "s"), -1);
    assert_int_equal(units_find_portion(f, ""), -1);
    assert_int_equal(units_find_portion(f, NULL), -1);
    assert_int_equal(units_find_portion(NULL, "leaf"), -1);
    food_free(f);
}

static void test_portion_unknown_lists_units(void **state) {
    (void)state;
    struct food *f = milk();
    assert_string_equal(bad(f, 1, "handful", 0, UNITS_EUNIT),
                        "'handful' is not a unit of Milk, whole; it takes g, kg, mg, oz, lb, ml, "
                        "l, dl, cup, tbsp, tsp, fl oz or a portion: 'cup', 'fl oz'");
    food_free(f);

    f = salmon();
    assert_string_equal(bad(f, 2, "slices", 0, UNITS_EUNIT),
                        "'slices' is not a unit of Salmon, Atlantic; it takes g, kg, mg, oz, lb "
                        "or a portion: 'fillet', 'oz'");
    food_free(f);

    /* no name: the id; neither: "this food" */
    f = MK("x:16", NULL, {"piece", 1, 5});
    assert_non_null(strstr(bad(f, 1, "bar", 0, UNITS_EUNIT), "not a unit of x:16;"));
    food_free(f);
    f = food_new();
    assert_non_null(strstr(bad(f, 1, "bar", 0, UNITS_EUNIT), "not a unit of this food;"));
    food_free(f);
}

/* ------------------------------------------------------------------------- */
/* no unit */

static void test_first_portion_default(void **state) {
    (void)state;
    struct food *f = eggs();
    struct units_result r;

    r = ok(f, 2, NULL, 0); /* a medium one is preferred: 2 × 44 g = 88 g */
    assert_near(r.grams, 88.0, 1e-12);
    assert_int_equal(r.how, UNITS_BY_FIRST_PORTION);
    assert_int_equal(r.portion, 2);
    assert_string_equal(r.text, "2 × medium (44 g, default portion) = 88 g");

    r = ok(f, 1, "", 0);
    assert_near(r.grams, 44.0, 1e-12);
    assert_string_equal(r.text, "1 medium (default portion) = 44 g");

    r = ok(f, 1, "  ", 0); /* blank is no unit */
    assert_int_equal(r.how, UNITS_BY_FIRST_PORTION);
    food_free(f);

    f = salmon(); /* first portion 0.5 fillet = 198 g: 1.5 fillets = 594 g */
    r = ok(f, 1.5, NULL, 0);
    assert_near(r.grams, 594.0, 1e-12);
    assert_string_equal(r.text,
                        "1.5 × fillet (396 g, default portion, from 0.5 fillet = 198 g) = 594 g");
    food_free(f);
}

static void test_default_skips_measures(void **state) {
    (void)state;
    /* USDA SR24 egg, whole, raw: "cup (4.86 large eggs)" 243 g comes first;
     * a bare "2" counts eggs, a medium one by preference: 2 × 44 g = 88 g,
     * not 486 g */
    struct food *f = MK("usda:01123", "Egg, whole, raw, fresh", {"cup (4.86 large eggs)", 1, 243},
                        {"extra large", 1, 56}, {"medium", 1, 44});
    struct units_result r = ok(f, 2, NULL, 0);
    assert_near(r.grams, 88.0, 1e-12);
    assert_int_equal(r.portion, 2);
    food_free(f);
    /* no medium: the first thing counted, 2 × extra large 56 g = 112 g */
    f = MK("x:29", "Egg", {"cup", 1, 243}, {"extra large", 1, 56}, {"large", 1, 50});
    r = ok(f, 2, NULL, 0);
    assert_near(r.grams, 112.0, 1e-12);
    food_free(f);
    /* weights are measures too, and a cubic inch is never what a number
     * counts: "oz", "cubic inch", then "piece" 28 g */
    f = MK("x:30", "Cheese", {"oz", 1, 28.35}, {"cubic inch", 1, 17.2}, {"piece", 1, 28});
    r = ok(f, 1, NULL, 0);
    assert_near(r.grams, 28.0, 1e-12);
    food_free(f);
    /* only measures: the first one is counted */
    f = MK("x:31", "Juice", {"cup", 1, 248}, {"fl oz", 1, 31});
    r = ok(f, 2, NULL, 0);
    assert_near(r.grams, 496.0, 1e-12);
    assert_int_equal(r.portion, 0);
    food_free(f);
}

static void test_no_portion_needs_unit(void **state) {
    (void)state;
    struct food *f = mkfood("x:17", "Spirulina", 0, NULL);
    assert_string_equal(bad(f, 2, NULL, 0, UNITS_ENOPORTION),
                        "Spirulina has no portion to count; give a unit: g, kg, mg, oz, lb");
    bad(f, 2, "", 0, UNITS_ENOPORTION);
    bad(f, 2, "cup", 0, UNITS_ENOVOLUME);
    bad(f, 2, "piece", 0, UNITS_EUNIT);
    food_free(f);
}

static void test_invalid_portions_ignored(void **state) {
    (void)state;
    /* a bad first portion is skipped for the default, the density and names */
    struct food *f =
        MK("x:18", "Odd", {"cup", 0, 240}, {"scoop", 1, NAN}, {"piece", 1, 30}, {"tbsp", 1, 15});
    struct units_result r = ok(f, 2, NULL, 0); /* piece: 2 × 30 = 60 g */
    assert_near(r.grams, 60.0, 1e-12);
    assert_int_equal(r.portion, 2);
    r = ok(f, 1, "cup", 0); /* from tbsp, not the 0-amount cup: 236.6 × 15 / 14.79 */
    assert_near(r.grams, 239.95943205, 1e-6);
    assert_int_equal(r.portion, 3);
    bad(f, 1, "scoop", 0, UNITS_EUNIT);
    char list[256];
    units_accepted(f, list, sizeof(list));
    assert_string_equal(list, "g, kg, mg, oz, lb, ml, l, dl, cup, tbsp, tsp, fl oz or a portion: "
                              "'piece', 'tbsp'");
    food_free(f);
}

/* ------------------------------------------------------------------------- */
/* limits */

static void test_five_kg_limit(void **state) {
    (void)state;
    struct food *f = milk();
    struct units_result r;

    r = ok(f, 5000, "g", 0); /* exactly the limit is fine */
    assert_near(r.grams, 5000.0, 1e-12);
    r = ok(f, 5, "kg", 0);
    assert_near(r.grams, 5000.0, 1e-12);
    r = ok(f, 11, "lb", 0); /* 11 × 453.59237 = 4989.51607 g */
    assert_near(r.grams, 4989.51607, 1e-6);

    assert_string_equal(bad(f, 5001, "g", 0, UNITS_ETOOMUCH),
                        "5001 g is more than 5000 g in one entry; pass --force if that is right");
    /* 12 × 453.59237 = 5443.10844 g */
    assert_non_null(strstr(bad(f, 12, "lb", 0, UNITS_ETOOMUCH), "12 lb = 5443 g is more"));
    /* 21 cups = 21 × 244 = 5124 g */
    bad(f, 21, "cups", 0, UNITS_ETOOMUCH);
    bad(f, 21, NULL, 0, UNITS_ETOOMUCH);

    r = ok(f, 12, "lb", 1);
    assert_near(r.grams, 5443.10844, 1e-6);
    r = ok(f, 21, "cup", 1);
    assert_near(r.grams, 5124.0, 1e-9);

    /* force stops at 100 kg: 100000 cups were 24,400 kg of milk */
    r = ok(f, 100, "kg", 1);
    assert_near(r.grams, 100000.0, 1e-9);
    assert_non_null(strstr(bad(f, 100000, "cup", 1, UNITS_ETOOMUCH),
                           "= 24400000 g is more than anyone eats at once (at most 100 kg)"));
    bad(f, 100.001, "kg", 1, UNITS_ETOOMUCH);
    food_free(f);
}

static void test_bad_quantity_and_food(void **state) {
    (void)state;
    struct food *f = milk();
    bad(f, 0, "g", 0, UNITS_EINVAL);
    bad(f, -1, "g", 0, UNITS_EINVAL);
    bad(f, NAN, "g", 0, UNITS_EINVAL);
    bad(f, INFINITY, "g", 1, UNITS_EINVAL);
    bad(NULL, 1, "g", 0, UNITS_EINVAL);
    /* a finite quantity whose grams overflow is refused even with force */
    bad(f, 1e308, "kg", 1, UNITS_EINVAL);

    /* err may be NULL or empty */
    struct units_result r;
    assert_int_equal(units_to_grams(f, 1, "handful", 0, &r, NULL, 0), UNITS_EUNIT);
    char one[1] = {'x'};
    assert_int_equal(units_to_grams(f, 1, "handful", 0, &r, one, 0), UNITS_EUNIT);
    assert_int_equal(one[0], 'x');
    food_free(f);
}

static void test_accepted_truncates(void **state) {
    (void)state;
    struct food *f = milk();
    char buf[8];
    units_accepted(f, buf, sizeof(buf));
    assert_string_equal(buf, "g, kg, ");
    char big[256];
    units_accepted(NULL, big, sizeof(big));
    assert_string_equal(big, "g, kg, mg, oz, lb");
    units_accepted(f, big, 0); /* no room: nothing written */
    food_free(f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generic_spellings),
        cmocka_unit_test(test_generic_factors),
        cmocka_unit_test(test_generic_not_units),
        cmocka_unit_test(test_masses),
        cmocka_unit_test(test_mass_without_portions),
        cmocka_unit_test(test_volume_via_cup),
        cmocka_unit_test(test_volume_via_fl_oz),
        cmocka_unit_test(test_volume_via_tbsp_only),
        cmocka_unit_test(test_volume_via_tsp_only),
        cmocka_unit_test(test_volume_portion_amount_and_names),
        cmocka_unit_test(test_volume_refused_without_volume_portion),
        cmocka_unit_test(test_portion_amount_not_one),
        cmocka_unit_test(test_portion_names),
        cmocka_unit_test(test_portion_plurals),
        cmocka_unit_test(test_portion_unknown_lists_units),
        cmocka_unit_test(test_first_portion_default),
        cmocka_unit_test(test_default_skips_measures),
        cmocka_unit_test(test_no_portion_needs_unit),
        cmocka_unit_test(test_invalid_portions_ignored),
        cmocka_unit_test(test_five_kg_limit),
        cmocka_unit_test(test_bad_quantity_and_food),
        cmocka_unit_test(test_accepted_truncates),
    };
    return cmocka_run_group_tests_name("units", tests, NULL, NULL);
}
