/*
 * test_nutrients.c - the nutrient table: tags and aliases, unit names,
 * unit conversion.  Expected values are worked by hand in the comments.
 */
#include "dietbal/nutrients.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "testlib.h"

/* The core ids are part of every database: they must never move. */
static void test_core_ids_are_stable(void **state) {
    (void)state;
    assert_string_equal(nutrients_get(NUT_ENERGY)->tag, "ENERC_KCAL");
    assert_string_equal(nutrients_get(NUT_PROTEIN)->tag, "PROCNT");
    assert_string_equal(nutrients_get(NUT_CALCIUM)->tag, "CA");
    assert_string_equal(nutrients_get(NUT_MAGNESIUM)->tag, "MG");
    assert_string_equal(nutrients_get(NUT_PHOSPHORUS)->tag, "P");
    assert_string_equal(nutrients_get(NUT_POTASSIUM)->tag, "K");
    assert_string_equal(nutrients_get(NUT_SODIUM)->tag, "NA");
    assert_string_equal(nutrients_get(NUT_WATER)->tag, "WATER");
    assert_true(nutrients_count() > NUT_CORE_COUNT);
}

/* Vitamin D is reported with the core nutrients: its id is VITD's index
 * in the table (38, fixed forever) and it takes the slot after water. */
static void test_reported_slots(void **state) {
    (void)state;
    assert_string_equal(nutrients_get(NUT_VITAMIN_D)->tag, "VITD");
    assert_int_equal(nutrients_get(NUT_VITAMIN_D)->unit, UNIT_UG);
    assert_int_equal(NUT_REPORTED_COUNT, NUT_CORE_COUNT + 1);
    for (int k = 0; k < NUT_CORE_COUNT; k++) {
        assert_int_equal(nutrients_reported_id(k), k);
        assert_int_equal(nutrients_reported_slot(k), k);
    }
    assert_int_equal(nutrients_reported_id(NUT_SLOT_VITAMIN_D), NUT_VITAMIN_D);
    assert_int_equal(nutrients_reported_slot(NUT_VITAMIN_D), NUT_SLOT_VITAMIN_D);
    assert_int_equal(nutrients_reported_id(NUT_REPORTED_COUNT), -1);
    assert_int_equal(nutrients_reported_id(-1), -1);
    assert_int_equal(nutrients_reported_slot(nutrients_lookup("FAT", NULL)), -1);
}

static void test_get_out_of_range(void **state) {
    (void)state;
    assert_null(nutrients_get(-1));
    assert_null(nutrients_get((int)nutrients_count()));
    assert_non_null(nutrients_get((int)nutrients_count() - 1));
}

/* Every tag is unique and looks itself up. */
static void test_every_tag_round_trips(void **state) {
    (void)state;
    for (size_t i = 0; i < nutrients_count(); i++) {
        const struct nutrient_def *d = nutrients_get((int)i);
        enum unit u = (enum unit) - 1;
        assert_non_null(d->tag);
        assert_non_null(d->name);
        assert_int_equal(nutrients_lookup(d->tag, &u), (int)i);
        assert_int_equal(u, d->unit);
    }
}

static void test_lookup(void **state) {
    enum unit u = UNIT_IU;

    (void)state;
    assert_int_equal(nutrients_lookup("CA", &u), NUT_CALCIUM);
    assert_int_equal(u, UNIT_MG);
    assert_int_equal(nutrients_lookup("ENERC_KCAL", &u), NUT_ENERGY);
    assert_int_equal(u, UNIT_KCAL);
    assert_int_equal(nutrients_lookup("SE", &u), id_of("SE"));
    assert_int_equal(u, UNIT_UG);
    assert_int_equal(nutrients_lookup("LUT+ZEA", &u), id_of("LUT+ZEA"));
    assert_int_equal(u, UNIT_UG);
    assert_int_equal(nutrients_lookup("VITA_IU", &u), id_of("VITA_IU"));
    assert_int_equal(u, UNIT_IU);
    /* default_unit may be NULL */
    assert_int_equal(nutrients_lookup("PROCNT", NULL), NUT_PROTEIN);
}

/* ENERC (INFOODS) and ENERC_KJ (USDA) are energy in kJ unless told. */
static void test_lookup_aliases(void **state) {
    enum unit u = UNIT_G;

    (void)state;
    assert_int_equal(nutrients_lookup("ENERC", &u), NUT_ENERGY);
    assert_int_equal(u, UNIT_KJ);
    u = UNIT_G;
    assert_int_equal(nutrients_lookup("ENERC_KJ", &u), NUT_ENERGY);
    assert_int_equal(u, UNIT_KJ);
    /* Related components are their own entries, never the energy. */
    assert_true(id_of("ENERA") >= 0 && id_of("ENERA") != NUT_ENERGY);
    assert_true(id_of("PRO-") >= 0 && id_of("PRO-") != NUT_PROTEIN);
}

static void test_lookup_unknown(void **state) {
    enum unit u = UNIT_IU;

    (void)state;
    assert_int_equal(nutrients_lookup("XYZ", &u), -1);
    assert_int_equal(u, UNIT_IU);                       /* untouched */
    assert_int_equal(nutrients_lookup("ca", NULL), -1); /* tags are case-sensitive */
    assert_int_equal(nutrients_lookup("", NULL), -1);
    assert_int_equal(nutrients_lookup("CA ", NULL), -1);
}

/* The six proximate components, and only they, count towards 100 g. */
static void test_proximates(void **state) {
    static const char *const prox[] = {"PROCNT", "FAT", "CHOCDF", "WATER", "ASH", "ALC"};
    size_t n = 0;

    (void)state;
    for (size_t i = 0; i < sizeof(prox) / sizeof(prox[0]); i++) {
        assert_true(id_of(prox[i]) >= 0);
        assert_true(nutrients_get(id_of(prox[i]))->proximate);
        assert_int_equal(nutrients_get(id_of(prox[i]))->unit, UNIT_G);
    }
    for (size_t i = 0; i < nutrients_count(); i++)
        n += nutrients_get((int)i)->proximate != 0;
    assert_int_equal(n, 6);
    assert_false(nutrients_get(NUT_CALCIUM)->proximate);
    assert_false(nutrients_get(id_of("FIBTG"))->proximate); /* part of CHOCDF */
}

static void test_unit_parse(void **state) {
    static const struct {
        const char *text;
        enum unit unit;
    } ok[] = {
        {"g", UNIT_G},          {"mg", UNIT_MG},
        {"ug", UNIT_UG},        {"\xc2\xb5g", UNIT_UG}, /* µg, micro sign U+00B5 */
        {"\xce\xbcg", UNIT_UG},                         /* μg, Greek mu U+03BC */
        {"mcg", UNIT_UG},       {"kcal", UNIT_KCAL},
        {"kJ", UNIT_KJ},        {"IU", UNIT_IU},
    };
    static const char *const bad[] = {"", "G", "kj", "KJ", "iu", "mg ", " mg", "grams", "u"};
    enum unit u;

    (void)state;
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        u = (enum unit) - 1;
        assert_int_equal(unit_parse(ok[i].text, &u), 0);
        assert_int_equal(u, ok[i].unit);
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        u = UNIT_IU;
        assert_int_equal(unit_parse(bad[i], &u), -1);
        assert_int_equal(u, UNIT_IU); /* untouched */
    }
}

static void test_unit_name_round_trips(void **state) {
    (void)state;
    for (int u = UNIT_G; u <= UNIT_IU; u++) {
        enum unit back = (enum unit) - 1;
        assert_int_equal(unit_parse(unit_name((enum unit)u), &back), 0);
        assert_int_equal(back, u);
    }
    assert_string_equal(unit_name(UNIT_UG), "ug");
    assert_string_equal(unit_name(UNIT_KJ), "kJ");
    assert_string_equal(unit_name((enum unit)42), "?");
}

static void test_convert_mass(void **state) {
    double out;

    (void)state;
    /* calcium is in mg: 1 g = 1000 mg; 500 ug = 0.5 mg; 0.113 g = 113 mg */
    assert_int_equal(nutrients_convert(NUT_CALCIUM, 1.0, UNIT_G, &out), 0);
    assert_float_equal(out, 1000.0, 1e-9);
    assert_int_equal(nutrients_convert(NUT_CALCIUM, 500.0, UNIT_UG, &out), 0);
    assert_float_equal(out, 0.5, 1e-12);
    assert_int_equal(nutrients_convert(NUT_CALCIUM, 0.113, UNIT_G, &out), 0);
    assert_float_equal(out, 113.0, 1e-9);
    /* protein is in g: 500 mg = 0.5 g */
    assert_int_equal(nutrients_convert(NUT_PROTEIN, 500.0, UNIT_MG, &out), 0);
    assert_float_equal(out, 0.5, 1e-12);
    /* selenium is in ug: 0.0376 mg = 37.6 ug */
    assert_int_equal(nutrients_convert(id_of("SE"), 0.0376, UNIT_MG, &out), 0);
    assert_float_equal(out, 37.6, 1e-9);
    /* the standard unit itself: unchanged, exactly */
    assert_int_equal(nutrients_convert(NUT_CALCIUM, 113.0, UNIT_MG, &out), 0);
    assert_true(out == 113.0);
    assert_int_equal(nutrients_convert(NUT_CALCIUM, 0.0, UNIT_G, &out), 0);
    assert_true(out == 0.0);
}

static void test_convert_energy(void **state) {
    double out;

    (void)state;
    /* 418 kJ / 4.184 kJ per kcal = 99.9044 kcal */
    assert_int_equal(nutrients_convert(NUT_ENERGY, 418.0, UNIT_KJ, &out), 0);
    assert_float_equal(out, 99.904398, 1e-6);
    /* 4.184 kJ = 1 kcal */
    assert_int_equal(nutrients_convert(NUT_ENERGY, 4.184, UNIT_KJ, &out), 0);
    assert_float_equal(out, 1.0, 1e-12);
    assert_int_equal(nutrients_convert(NUT_ENERGY, 61.0, UNIT_KCAL, &out), 0);
    assert_true(out == 61.0);
    /* gross energy is stored in kJ: 100 kcal = 418.4 kJ */
    assert_int_equal(nutrients_convert(id_of("ENERA"), 100.0, UNIT_KCAL, &out), 0);
    assert_float_equal(out, 418.4, 1e-9);
}

static void test_convert_iu(void **state) {
    double out;

    (void)state;
    /* vitamin D: 40 IU = 1 ug (IOM 2011); 526 IU = 13.15 ug */
    assert_int_equal(nutrients_convert(id_of("VITD"), 40.0, UNIT_IU, &out), 0);
    assert_float_equal(out, 1.0, 1e-12);
    assert_int_equal(nutrients_convert(id_of("VITD"), 526.0, UNIT_IU, &out), 0);
    assert_float_equal(out, 13.15, 1e-12);
    /* and VITD from mass as usual: 0.001 mg = 1 ug */
    assert_int_equal(nutrients_convert(id_of("VITD"), 0.001, UNIT_MG, &out), 0);
    assert_float_equal(out, 1.0, 1e-12);
    /* a tag stored in IU takes IU as it is */
    assert_int_equal(nutrients_convert(id_of("VITA_IU"), 162.0, UNIT_IU, &out), 0);
    assert_true(out == 162.0);
}

/* Units of another kind, and IU without a factor, are refused; *out is
 * then left alone. */
static void test_convert_refused(void **state) {
    static const struct {
        const char *tag;
        enum unit from;
    } bad[] = {
        /* energy for a mass */
        {"CA", UNIT_KCAL},
        {"CA", UNIT_KJ},
        {"PROCNT", UNIT_KCAL},
        /* mass for energy */
        {"ENERC_KCAL", UNIT_G},
        {"ENERC_KCAL", UNIT_MG},
        /* IU converts only for vitamin D (VITD), not even for D3 alone */
        {"CA", UNIT_IU},
        {"VITA_RAE", UNIT_IU},
        {"CHOCAL", UNIT_IU},
        {"ENERC_KCAL", UNIT_IU},
        /* a tag kept in IU has no mass or energy */
        {"VITA_IU", UNIT_UG},
        {"VITA_IU", UNIT_KCAL},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        double out = -7.0;
        assert_int_equal(nutrients_convert(id_of(bad[i].tag), 1.0, bad[i].from, &out), -1);
        assert_true(out == -7.0);
    }
    {
        double out = -7.0;
        assert_int_equal(nutrients_convert(-1, 1.0, UNIT_G, &out), -1);
        assert_int_equal(nutrients_convert((int)nutrients_count(), 1.0, UNIT_G, &out), -1);
        assert_int_equal(nutrients_convert(NUT_CALCIUM, 1.0, (enum unit)42, &out), -1);
        assert_true(out == -7.0);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_core_ids_are_stable),
        cmocka_unit_test(test_reported_slots),
        cmocka_unit_test(test_get_out_of_range),
        cmocka_unit_test(test_every_tag_round_trips),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_lookup_aliases),
        cmocka_unit_test(test_lookup_unknown),
        cmocka_unit_test(test_proximates),
        cmocka_unit_test(test_unit_parse),
        cmocka_unit_test(test_unit_name_round_trips),
        cmocka_unit_test(test_convert_mass),
        cmocka_unit_test(test_convert_energy),
        cmocka_unit_test(test_convert_iu),
        cmocka_unit_test(test_convert_refused),
    };
    return cmocka_run_group_tests_name("nutrients", tests, NULL, NULL);
}
