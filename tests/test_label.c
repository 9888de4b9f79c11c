/*
 * test_label.c - supplement labels: TAG=AMOUNT in the label's units (IU of
 * vitamin D divided by 40, IOM 2011), the per-unit limits, dose forms and
 * their everyday words.  Expected values are worked by hand in comments.
 */
#include "dietbal/label.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "testlib.h"

static struct label_amount parsed(const char *text) {
    struct label_amount a;
    char err[256] = "";
    if (label_parse(text, &a, err, sizeof(err)) != LABEL_OK)
        fail_msg("%s: %s", text, err);
    return a;
}

static void refused(const char *text, const char *why) {
    struct label_amount a = {.nutrient = -7};
    char err[256] = "";
    assert_int_equal(label_parse(text, &a, err, sizeof(err)), LABEL_EINPUT);
    assert_int_equal(a.nutrient, -7); /* untouched */
    if (!strstr(err, why))
        fail_msg("%s: '%s' does not say '%s'", text, err, why);
}

static void test_mass_units(void **state) {
    (void)state;
    /* calcium is kept in mg: 200 mg as is, 0.5 g = 500 mg */
    struct label_amount a = parsed("CA=200mg");
    assert_int_equal(a.nutrient, NUT_CALCIUM);
    assert_true(a.value == 200.0);
    assert_true(a.given == 200.0);
    assert_int_equal(a.unit, UNIT_MG);
    assert_true(fabs(parsed("CA=0.5g").value - 500.0) < 1e-9);
    /* folate is kept in ug: 400 ug, 400 mcg, 400 µg, 0.4 mg all 400 */
    assert_true(parsed("FOL=400ug").value == 400.0);
    assert_true(parsed("FOL=400mcg").value == 400.0);
    assert_true(parsed("FOL=400\xc2\xb5g").value == 400.0);
    assert_true(parsed("FOL=400\xce\xbcg").value == 400.0);
    assert_true(fabs(parsed("FOL=0.4mg").value - 400.0) < 1e-9);
    /* case and a space before the unit, as labels print them */
    assert_true(parsed("mg=100 MG").value == 100.0);
    assert_int_equal(parsed("mg=100 MG").nutrient, NUT_MAGNESIUM);
    assert_true(parsed("Fe=17 mg").value == 17.0);
    assert_true(parsed("CA=.5g").value == 500.0);
}

static void test_vitamin_d_iu(void **state) {
    (void)state;
    /* 1 ug = 40 IU (IOM 2011): 400 IU = 10 ug, 1000 IU = 25 ug,
     * 4000 IU = 100 ug (the UL), 600 IU = 15 ug (the RDA) */
    struct label_amount a = parsed("VITD=400IU");
    assert_int_equal(a.nutrient, NUT_VITAMIN_D);
    assert_true(fabs(a.value - 10.0) < 1e-12);
    assert_true(a.given == 400.0);
    assert_int_equal(a.unit, UNIT_IU);
    assert_true(fabs(parsed("VITD=1000 iu").value - 25.0) < 1e-12);
    assert_true(fabs(parsed("vitd=4000IU").value - 100.0) < 1e-12);
    assert_true(fabs(parsed("VITD=600IU").value - 15.0) < 1e-12);
    assert_true(parsed("VITD=10ug").value == 10.0);
    /* vitamin A as IU is its own tag, kept in IU */
    assert_true(parsed("VITA_IU=5000IU").value == 5000.0);
}

static void test_refused(void **state) {
    (void)state;
    refused("CA200mg", "TAG=AMOUNT");
    refused("=200mg", "no nutrient tag");
    refused("CALCIUM=200mg", "unknown nutrient tag 'CALCIUM'");
    refused("XYZ=1mg", "unknown nutrient tag");
    refused("CA=", "not an amount");
    refused("CA=-200mg", "no sign");
    refused("CA=+200mg", "no sign");
    refused("CA=1,000mg", "without a comma");
    refused("CA=0,5g", "without a comma");
    refused("CA=1e3mg", "unknown unit 'e3mg'");
    refused("CA=1.2.3mg", "not an amount");
    refused("CA=200", "give the unit");
    refused("CA=200 furlongs", "unknown unit");
    refused("CA=200IU", "IU is converted for vitamin D only");
    refused("CA=200kcal", "not a unit of calcium");
    refused("ENERC_KCAL=5mg", "not a unit of energy");
    refused("CA=1234567890123456mg", "not an amount");
    /* absurd: 12 g of calcium in one tablet (12000 mg) */
    refused("CA=12000mg", "more than 10 g of a mineral");
    refused("MG=11g", "more than 10 g of a mineral");
    refused("PROCNT=101g", "more than 100 g");
    refused("ENERC_KCAL=901kcal", "more than 900 kcal");
    /* 10 g exactly is the limit, and allowed; so is zero */
    assert_true(parsed("CA=10g").value == 10000.0);
    assert_true(parsed("MG=0mg").value == 0.0);
    /* a protein powder scoop: 25 g protein is no mineral */
    assert_true(parsed("PROCNT=25g").value == 25.0);
}

static void test_check(void **state) {
    char err[128];
    (void)state;
    assert_int_equal(label_check(NUT_CALCIUM, 500, err, sizeof(err)), LABEL_OK);
    assert_int_equal(label_check(NUT_CALCIUM, NAN, err, sizeof(err)), LABEL_EINPUT);
    assert_int_equal(label_check(NUT_CALCIUM, INFINITY, err, sizeof(err)), LABEL_EINPUT);
    assert_int_equal(label_check(NUT_CALCIUM, -1, err, sizeof(err)), LABEL_EINPUT);
    /* 10000 mg = 10 g: allowed; 10001 mg: refused */
    assert_int_equal(label_check(NUT_CALCIUM, 10000, err, sizeof(err)), LABEL_OK);
    assert_int_equal(label_check(NUT_CALCIUM, 10001, err, sizeof(err)), LABEL_EINPUT);
    /* selenium in ug: 10 g = 1e7 ug */
    assert_int_equal(label_check(id_of("SE"), 1e7, err, sizeof(err)), LABEL_OK);
    assert_int_equal(label_check(id_of("SE"), 1.1e7, err, sizeof(err)), LABEL_EINPUT);
    /* vitamin C (mg, not a mineral): 50 g passes the mineral rule, 101 g not */
    assert_int_equal(label_check(id_of("VITC"), 50000, err, sizeof(err)), LABEL_OK);
    assert_int_equal(label_check(id_of("VITC"), 101000, err, sizeof(err)), LABEL_EINPUT);
    assert_int_equal(label_check(-1, 1, err, sizeof(err)), LABEL_EINPUT);
    assert_true(label_is_mineral(NUT_MAGNESIUM));
    assert_true(label_is_mineral(id_of("ZN")));
    assert_false(label_is_mineral(NUT_VITAMIN_D));
    assert_false(label_is_mineral(NUT_PROTEIN));
}

static void test_dose_forms(void **state) {
    int generic = -1;
    (void)state;
    const char *const *f = label_dose_forms();
    const char *want[] = {"tablet", "capsule", "softgel", "sachet", "scoop", "ml", "drop"};
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        assert_non_null(f[i]);
        assert_string_equal(f[i], want[i]);
        /* each form names itself, and its plural */
        assert_string_equal(label_dose_form(want[i], NULL), want[i]);
    }
    assert_null(f[7]);
    assert_string_equal(label_dose_form("Tablets", &generic), "tablet");
    assert_int_equal(generic, 0);
    assert_string_equal(label_dose_form("tabs", NULL), "tablet");
    assert_string_equal(label_dose_form("caplet", NULL), "tablet");
    assert_string_equal(label_dose_form("capsules", NULL), "capsule");
    assert_string_equal(label_dose_form("caps", NULL), "capsule");
    assert_string_equal(label_dose_form("softgels", NULL), "softgel");
    assert_string_equal(label_dose_form("gelcap", NULL), "softgel");
    assert_string_equal(label_dose_form("packets", NULL), "sachet");
    assert_string_equal(label_dose_form("scoops", NULL), "scoop");
    assert_string_equal(label_dose_form("mL", NULL), "ml");
    assert_string_equal(label_dose_form("millilitres", NULL), "ml");
    assert_string_equal(label_dose_form("drops", NULL), "drop");
    assert_string_equal(label_dose_form("pill", &generic), "tablet");
    assert_int_equal(generic, 1);
    assert_string_equal(label_dose_form("PILLS", &generic), "tablet");
    assert_int_equal(generic, 1);
    assert_null(label_dose_form("cup", NULL));
    assert_null(label_dose_form("g", NULL));
    assert_null(label_dose_form("tabletss", NULL));
    assert_null(label_dose_form("", NULL));
    assert_null(label_dose_form(NULL, &generic));
}

static void test_form_matches(void **state) {
    (void)state;
    assert_true(label_form_matches("tablets", "tablet"));
    assert_true(label_form_matches("capsule", "capsule"));
    assert_false(label_form_matches("capsule", "tablet"));
    assert_false(label_form_matches("drops", "ml"));
    /* "pill" is any solid form one swallows, not a scoop or a drop */
    assert_true(label_form_matches("pill", "tablet"));
    assert_true(label_form_matches("pills", "capsule"));
    assert_true(label_form_matches("pill", "softgel"));
    assert_false(label_form_matches("pill", "scoop"));
    assert_false(label_form_matches("pill", "drop"));
    assert_false(label_form_matches("cup", "tablet"));
    assert_true(label_form_is_food_unit("ml"));
    assert_true(label_form_is_food_unit("scoop"));
    assert_true(label_form_is_food_unit("sachet"));
    assert_false(label_form_is_food_unit("tablet"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mass_units), cmocka_unit_test(test_vitamin_d_iu),
        cmocka_unit_test(test_refused),    cmocka_unit_test(test_check),
        cmocka_unit_test(test_dose_forms), cmocka_unit_test(test_form_matches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
