/*
 * test_supplement.c - supplements on an in-memory store: ids in the supp:
 * namespace, a supplement from its label, storing and redefining it, the
 * one-id-one-kind rule with foods, resolving `add` entries ("1 tablet
 * prenatal", "2 @supp:ID", "1 pill ..."), and supplement entries in the
 * diary and the day totals (a label's undeclared amount is a real zero,
 * and supplements never touch the food grams or completeness).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dietbal/label.h"
#include "dietbal/store.h"
#include "dietbal/supplement.h"

#include "testlib.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct supplement *from_label(const char *id, const char *name, const char *unit,
                                     char *const *amounts, size_t n) {
    struct supplement *p = NULL;
    char err[256] = "";
    if (supplement_from_label(id, name, unit, amounts, n, &p, err, sizeof(err)) != 0)
        fail_msg("%s: %s", id, err);
    return p;
}

/* Prenatal: CA 200 mg, MG 100 mg, VITD 400 IU = 10 ug, FOL 400 ug, FE 17 mg. */
static struct supplement *prenatal(void) {
    char *a[] = {"CA=200mg", "MG=100mg", "VITD=400IU", "FOL=400ug", "FE=17mg"};
    return from_label("prenatal", "Prenatal multivitamin", "tablet", a, 5);
}

static struct supplement *magnesium(void) {
    char *a[] = {"MG=200mg"};
    return from_label("supp:magnesium-citrate", "Magnesium citrate 200 mg", "capsules", a, 1);
}

static void put(store *s, struct supplement *p, int want) {
    int what = 0;
    assert_int_equal(store_supplement_upsert(s, p, &what), STORE_OK);
    assert_int_equal(what, want);
    supplement_free(p);
}

static void test_ids(void **state) {
    char id[SUPPLEMENT_ID_MAX + 1], err[128];
    (void)state;
    assert_int_equal(supplement_make_id("prenatal", id, err, sizeof(err)), 0);
    assert_string_equal(id, "supp:prenatal");
    assert_int_equal(supplement_make_id("supp:prenatal", id, err, sizeof(err)), 0);
    assert_string_equal(id, "supp:prenatal");
    assert_int_equal(supplement_make_id("Mag_2.5-x", id, err, sizeof(err)), 0);
    assert_string_equal(id, "supp:Mag_2.5-x");
    assert_int_equal(supplement_make_id("", id, err, sizeof(err)), -1);
    assert_int_equal(supplement_make_id("supp:", id, err, sizeof(err)), -1);
    assert_int_equal(supplement_make_id("usda:01077", id, err, sizeof(err)), -1);
    assert_int_equal(supplement_make_id("two words", id, err, sizeof(err)), -1);
    /* 59 characters after the prefix fit in 64; 60 do not */
    char longest[61];
    memset(longest, 'a', 60);
    longest[60] = '\0';
    assert_int_equal(supplement_make_id(longest, id, err, sizeof(err)), -1);
    longest[59] = '\0';
    assert_int_equal(supplement_make_id(longest, id, err, sizeof(err)), 0);
    assert_int_equal(strlen(id), 64);
    assert_true(supplement_is_id("supp:x"));
    assert_false(supplement_is_id("usda:01077"));
}

static void test_from_label(void **state) {
    struct supplement *p = prenatal(), *q = NULL;
    char err[256];
    char *twice[] = {"CA=200mg", "ca=0.1g"};
    char *bad[] = {"CA=200mg", "VITD=10"};
    (void)state;
    assert_string_equal(p->id, "supp:prenatal");
    assert_string_equal(p->unit, "tablet");
    assert_true(p->values[NUT_CALCIUM] == 200);
    /* 400 IU / 40 = 10 ug */
    assert_true(fabs(p->values[NUT_VITAMIN_D] - 10) < 1e-12);
    /* undeclared: NAN in the struct, 0 as an amount */
    assert_true(isnan(p->values[NUT_PHOSPHORUS]));
    assert_true(supplement_amount(p, NUT_PHOSPHORUS) == 0);
    assert_true(supplement_amount(p, NUT_MAGNESIUM) == 100);
    supplement_free(p);
    /* "pill" and plurals become the dose form */
    p = from_label("x", "X", "pills", twice, 1);
    assert_string_equal(p->unit, "tablet");
    supplement_free(p);
    assert_int_equal(supplement_from_label("x", "X", "tablet", twice, 2, &q, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "given twice"));
    assert_int_equal(supplement_from_label("x", "X", "tablet", bad, 2, &q, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "VITD=10"));
    assert_int_equal(supplement_from_label("x", "X", "cup", twice, 1, &q, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "not a dose form"));
    assert_int_equal(supplement_from_label("x", "", "tablet", twice, 1, &q, err, sizeof(err)), -1);
    assert_int_equal(supplement_from_label("x", "X", "tablet", twice, 0, &q, err, sizeof(err)), -1);
    assert_int_equal(supplement_from_label("x", "a\nb", "tablet", twice, 1, &q, err, sizeof(err)),
                     -1);
    assert_null(q);
}

static void test_store_and_redefine(void **state) {
    store *s = *state;
    struct supplement *p = NULL, **list = NULL;
    size_t n = 0;
    char *less[] = {"CA=250mg"};

    put(s, prenatal(), STORE_FOOD_ADDED);
    put(s, prenatal(), STORE_FOOD_UNCHANGED);
    put(s, magnesium(), STORE_FOOD_ADDED);
    assert_int_equal(store_supplement_get(s, "supp:prenatal", &p), STORE_OK);
    assert_string_equal(p->name, "Prenatal multivitamin");
    assert_true(p->values[NUT_CALCIUM] == 200);
    assert_true(fabs(p->values[NUT_VITAMIN_D] - 10) < 1e-12);
    assert_true(isnan(p->values[NUT_PHOSPHORUS]));
    supplement_free(p);
    /* redefined: updated in place, the old values gone */
    put(s, from_label("prenatal", "Prenatal (new label)", "capsule", less, 1), STORE_FOOD_UPDATED);
    assert_int_equal(store_supplement_get(s, "supp:prenatal", &p), STORE_OK);
    assert_string_equal(p->unit, "capsule");
    assert_true(p->values[NUT_CALCIUM] == 250);
    assert_true(isnan(p->values[NUT_MAGNESIUM]));
    supplement_free(p);
    assert_int_equal(store_supplement_get(s, "supp:none", &p), STORE_NOTFOUND);
    assert_int_equal(store_supplements_list(s, &list, &n), STORE_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list[0]->id, "supp:magnesium-citrate");
    assert_string_equal(list[1]->id, "supp:prenatal");
    store_supplements_free(list, n);
}

static void test_one_id_one_kind(void **state) {
    store *s = *state;
    struct food *f = food_new();
    struct supplement *p = magnesium();
    char *a[] = {"CA=1mg"};
    int exists = -1;

    assert_int_equal(food_set_str(&f->id, "supp:magnesium-citrate"), 0);
    assert_int_equal(food_set_str(&f->name, "A food"), 0);
    /* a food first: the supplement may not take its id */
    assert_int_equal(store_food_upsert(s, f, NULL), STORE_OK);
    assert_int_equal(store_food_exists(s, "supp:magnesium-citrate", &exists), STORE_OK);
    assert_int_equal(exists, 1);
    assert_int_equal(store_supplement_upsert(s, p, NULL), STORE_CONFLICT);
    assert_non_null(strstr(store_errmsg(s), "is a food"));
    supplement_free(p);
    /* a supplement first: a food may not take its id */
    put(s, from_label("calcium", "Calcium", "tablet", a, 1), STORE_FOOD_ADDED);
    free(f->id);
    f->id = strdup("supp:calcium");
    assert_int_equal(store_food_upsert(s, f, NULL), STORE_CONFLICT);
    assert_non_null(strstr(store_errmsg(s), "is a supplement"));
    assert_int_equal(store_food_exists(s, "supp:calcium", &exists), STORE_OK);
    assert_int_equal(exists, 0);
    food_free(f);
}

/* Resolve one entry; the code, and *d on success. */
static int resolve(store *s, double q, const char *unit, const char *text, int force,
                   struct supplement_dose *d, char *err) {
    return supplement_resolve(s, q, unit, text, force, d, err, 512);
}

static void test_resolve(void **state) {
    store *s = *state;
    struct supplement_dose d;
    char err[512];

    put(s, prenatal(), STORE_FOOD_ADDED);
    put(s, magnesium(), STORE_FOOD_ADDED);
    assert_int_equal(resolve(s, 1, "tablet", "prenatal", 0, &d, err), SUPPLEMENT_FOUND);
    assert_string_equal(d.supp->id, "supp:prenatal");
    assert_true(d.units == 1);
    assert_string_equal(d.text, "1 tablet");
    supplement_free(d.supp);
    assert_int_equal(resolve(s, 2, "", "@supp:magnesium-citrate", 0, &d, err), SUPPLEMENT_FOUND);
    assert_string_equal(d.text, "2 capsules");
    supplement_free(d.supp);
    /* everyday words; a word of the name, any case */
    assert_int_equal(resolve(s, 2, "caps", "Magnesium", 0, &d, err), SUPPLEMENT_FOUND);
    assert_string_equal(d.supp->id, "supp:magnesium-citrate");
    supplement_free(d.supp);
    assert_int_equal(resolve(s, 1, "pill", "prenatal", 0, &d, err), SUPPLEMENT_FOUND);
    supplement_free(d.supp);
    assert_int_equal(resolve(s, 0.5, "tablets", "prenatal multi", 0, &d, err), SUPPLEMENT_FOUND);
    assert_string_equal(d.text, "0.5 tablets");
    supplement_free(d.supp);
    /* the wrong dose form for that supplement */
    assert_int_equal(resolve(s, 1, "capsule", "prenatal", 0, &d, err), SUPPLEMENT_EINPUT);
    assert_non_null(strstr(err, "counted in tablets"));
    assert_int_equal(resolve(s, 1, "scoop", "@supp:prenatal", 0, &d, err), SUPPLEMENT_EINPUT);
    /* "1 g @supp:prenatal": a supplement is not weighed */
    assert_int_equal(resolve(s, 1, "g", "@supp:prenatal", 0, &d, err), SUPPLEMENT_EINPUT);
    /* unknown id */
    assert_int_equal(resolve(s, 1, "", "@supp:nothing", 0, &d, err), SUPPLEMENT_EINPUT);
    assert_non_null(strstr(err, "no supplement with id 'supp:nothing'"));
    /* a dose-form word and no supplement of that name: maybe a food */
    assert_int_equal(resolve(s, 1, "packet", "sugar", 0, &d, err), SUPPLEMENT_NOT_ONE);
    assert_non_null(strstr(err, "no supplement matches 'sugar'"));
    /* no dose form, no @supp: a food entry */
    assert_int_equal(resolve(s, 1, "cup", "milk", 0, &d, err), SUPPLEMENT_NOT_ONE);
    assert_int_equal(resolve(s, 2, "", "@usda:01077", 0, &d, err), SUPPLEMENT_NOT_ONE);
    /* too many units without --force */
    assert_int_equal(resolve(s, 101, "tablets", "prenatal", 0, &d, err), SUPPLEMENT_EINPUT);
    assert_int_equal(resolve(s, 101, "tablets", "prenatal", 1, &d, err), SUPPLEMENT_FOUND);
    supplement_free(d.supp);
}

static void test_resolve_ambiguous(void **state) {
    store *s = *state;
    struct supplement_dose d;
    char err[512];
    char *a[] = {"MG=100mg"};

    put(s, magnesium(), STORE_FOOD_ADDED);
    put(s, from_label("magnesium-oxide", "Magnesium oxide", "capsule", a, 1), STORE_FOOD_ADDED);
    assert_int_equal(resolve(s, 1, "capsule", "magnesium", 0, &d, err), SUPPLEMENT_EINPUT);
    assert_non_null(strstr(err, "matches several supplements"));
    assert_non_null(strstr(err, "@supp:magnesium-citrate"));
    assert_non_null(strstr(err, "@supp:magnesium-oxide"));
    /* one more word settles it; the id alone too */
    assert_int_equal(resolve(s, 1, "capsule", "magnesium oxide", 0, &d, err), SUPPLEMENT_FOUND);
    supplement_free(d.supp);
    assert_int_equal(resolve(s, 1, "capsule", "magnesium-citrate", 0, &d, err), SUPPLEMENT_FOUND);
    supplement_free(d.supp);
}

/* Milk per 100 g: Ca 113, Mg 10, VITD 1.3 ug; 244 g logged. */
static void add_milk(store *s) {
    struct food *f = food_new();
    assert_int_equal(food_set_str(&f->id, "usda:01077"), 0);
    assert_int_equal(food_set_str(&f->name, "Milk"), 0);
    f->values[NUT_CALCIUM] = 113;
    f->values[NUT_MAGNESIUM] = 10;
    f->values[NUT_VITAMIN_D] = 1.3;
    assert_int_equal(store_food_upsert(s, f, NULL), STORE_OK);
    food_free(f);
}

static void test_diary(void **state) {
    store *s = *state;
    struct entry *e = NULL;
    struct day_totals *d = NULL;
    size_t n = 0;
    int64_t id = 0;

    add_milk(s);
    put(s, prenatal(), STORE_FOOD_ADDED);
    assert_int_equal(store_entry_add(s, "2026-11-20", "08:00", NULL, "usda:01077", 244, NULL),
                     STORE_OK);
    assert_int_equal(
        store_supplement_entry_add(s, "2026-11-20", "08:05", "breakfast", "supp:prenatal", 2, &id),
        STORE_OK);
    assert_true(id > 0);
    /* a day with the tablet only */
    assert_int_equal(
        store_supplement_entry_add(s, "2026-11-21", NULL, NULL, "supp:prenatal", 1, NULL),
        STORE_OK);
    assert_int_equal(store_supplement_entry_add(s, "2026-11-21", NULL, NULL, "supp:none", 1, NULL),
                     STORE_NOTFOUND);

    assert_int_equal(store_entries_list(s, "2026-11-20", "2026-11-21", &e, &n), STORE_OK);
    assert_int_equal(n, 3);
    assert_int_equal(e[0].supplement, 0);
    assert_true(isnan(e[0].units));
    assert_true(fabs(e[0].values[NUT_CALCIUM] - 275.72) < 1e-9); /* 244 x 1.13 */
    assert_int_equal(e[1].supplement, 1);
    assert_int_equal(e[1].id, id);
    assert_string_equal(e[1].food_id, "supp:prenatal");
    assert_string_equal(e[1].food_name, "Prenatal multivitamin");
    assert_string_equal(e[1].unit, "tablet");
    assert_string_equal(e[1].meal, "breakfast");
    assert_true(e[1].units == 2);
    assert_true(isnan(e[1].grams));
    /* 2 tablets x 200 mg = 400 mg; phosphorus not on the label: 0 */
    assert_true(e[1].values[NUT_CALCIUM] == 400);
    assert_true(e[1].values[NUT_PHOSPHORUS] == 0);
    store_entries_free(e, n);

    assert_int_equal(store_day_totals(s, "2026-11-20", "2026-11-21", &d, &n), STORE_OK);
    assert_int_equal(n, 2);
    /* day 1: food 244 g apart from the 2 tablets */
    assert_int_equal(d[0].entries, 1);
    assert_true(d[0].grams == 244);
    assert_true(fabs(d[0].total[NUT_CALCIUM] - 275.72) < 1e-9);
    assert_true(d[0].known_grams[NUT_CALCIUM] == 244);
    assert_int_equal(d[0].supplement_entries, 1);
    assert_true(d[0].supplement[NUT_CALCIUM] == 400);
    assert_true(d[0].supplement[NUT_PHOSPHORUS] == 0);
    /* vitamin D: food 244 x 1.3 / 100 = 3.172 ug; tablets 2 x 10 = 20 ug */
    assert_true(fabs(d[0].total[NUT_SLOT_VITAMIN_D] - 3.172) < 1e-9);
    assert_true(d[0].known_grams[NUT_SLOT_VITAMIN_D] == 244);
    assert_true(fabs(d[0].supplement[NUT_SLOT_VITAMIN_D] - 20) < 1e-9);
    /* day 2: supplements only; no food, food totals unknown */
    assert_string_equal(d[1].date, "2026-11-21");
    assert_int_equal(d[1].entries, 0);
    assert_true(d[1].grams == 0);
    assert_true(isnan(d[1].total[NUT_CALCIUM]));
    assert_int_equal(d[1].supplement_entries, 1);
    assert_true(d[1].supplement[NUT_MAGNESIUM] == 100);
    free(d);

    /* entries keep pointing at a supplement that is redefined */
    char *more[] = {"CA=300mg"};
    put(s, from_label("prenatal", "Prenatal v2", "tablet", more, 1), STORE_FOOD_UPDATED);
    assert_int_equal(store_day_totals(s, "2026-11-20", "2026-11-20", &d, &n), STORE_OK);
    assert_true(d[0].supplement[NUT_CALCIUM] == 600);
    assert_true(d[0].supplement[NUT_MAGNESIUM] == 0);
    free(d);
    /* and can be removed like any entry */
    assert_int_equal(store_entry_remove(s, id), STORE_OK);
    assert_int_equal(store_day_totals(s, "2026-11-20", "2026-11-20", &d, &n), STORE_OK);
    assert_int_equal(d[0].supplement_entries, 0);
    free(d);
}

/* The period's sources (issue 14's "where it came from") hold the
 * supplements too: no grams, the units taken, amounts = units x the
 * label's amount per unit (0 where it declares none); vitamin D by slot. */
static void test_period_sources(void **state) {
    store *s = *state;
    struct period_source *src = NULL;
    size_t n = 0;

    add_milk(s);
    put(s, prenatal(), STORE_FOOD_ADDED);
    put(s, magnesium(), STORE_FOOD_ADDED);
    assert_int_equal(store_entry_add(s, "2026-11-20", NULL, NULL, "usda:01077", 244, NULL),
                     STORE_OK);
    assert_int_equal(store_entry_add(s, "2026-11-21", NULL, NULL, "usda:01077", 56, NULL),
                     STORE_OK);
    assert_int_equal(
        store_supplement_entry_add(s, "2026-11-20", NULL, NULL, "supp:prenatal", 1, NULL),
        STORE_OK);
    assert_int_equal(
        store_supplement_entry_add(s, "2026-11-21", NULL, NULL, "supp:prenatal", 1.5, NULL),
        STORE_OK);
    /* outside the period */
    assert_int_equal(
        store_supplement_entry_add(s, "2026-11-25", NULL, NULL, "supp:magnesium-citrate", 2, NULL),
        STORE_OK);
    assert_int_equal(store_period_foods(s, "2026-11-20", "2026-11-22", &src, &n), STORE_OK);
    /* the foods first, then the supplements, each by id */
    assert_int_equal(n, 2);
    /* milk: 300 g; Ca 300 x 1.13 = 339 mg; vitamin D 300 x 1.3 / 100 = 3.9 ug;
     * phosphorus unknown (no value), not zero */
    assert_string_equal(src[0].id, "usda:01077");
    assert_true(src[0].grams == 300);
    assert_true(isnan(src[0].units));
    assert_string_equal(src[0].unit, "");
    assert_true(fabs(src[0].amount[NUT_CALCIUM] - 339) < 1e-9);
    assert_true(fabs(src[0].amount[NUT_SLOT_VITAMIN_D] - 3.9) < 1e-9);
    assert_true(isnan(src[0].amount[NUT_PHOSPHORUS]));
    /* prenatal: 2.5 tablets; Ca 2.5 x 200 = 500, Mg 250, vitamin D 25 ug,
     * phosphorus not on the label: 0 */
    assert_string_equal(src[1].id, "supp:prenatal");
    assert_string_equal(src[1].name, "Prenatal multivitamin");
    assert_true(isnan(src[1].grams));
    assert_true(src[1].units == 2.5);
    assert_string_equal(src[1].unit, "tablet");
    assert_true(src[1].amount[NUT_CALCIUM] == 500);
    assert_true(src[1].amount[NUT_MAGNESIUM] == 250);
    assert_true(src[1].amount[NUT_SLOT_VITAMIN_D] == 25);
    assert_true(src[1].amount[NUT_PHOSPHORUS] == 0);
    store_period_sources_free(src, n);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_from_label),
        cmocka_unit_test_setup_teardown(test_store_and_redefine, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_one_id_one_kind, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_resolve, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_resolve_ambiguous, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_diary, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_period_sources, store_setup, store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
