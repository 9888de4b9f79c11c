/*
 * test_cramp.c - the rules about cramp diary entries (cramp.c): the clot
 * red flags, the pregnancy warning signs, what counts as a cramp episode,
 * and the runs of days with pain that does not ease (nutrition-science.md
 * 5.5 and 0.4).  Every expectation is read off those sections.  Then
 * what an entry may hold (cramp_check): the ranges and words of product.md
 * "Cramp diary" and the schema's CHECKs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/cramp.h"
#include "dietbal/date.h"

#include "testlib.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static struct cramp entry(const char *date, const char *side) {
    struct cramp c;
    memset(&c, 0, sizeof(c));
    snprintf(c.date, sizeof(c.date), "%s", date);
    snprintf(c.side, sizeof(c.side), "%s", side);
    c.duration_min = NAN;
    return c;
}

static void test_red_flag_signs(void **state) {
    (void)state;
    struct cramp c = entry("2026-11-20", "left");
    assert_false(cramp_has_red_flag(&c));
    c.swelling = 1;
    assert_true(cramp_has_red_flag(&c));
    c = entry("2026-11-20", "");
    c.redness = 1;
    assert_true(cramp_has_red_flag(&c));
    c = entry("2026-11-20", "");
    c.warmth = 1;
    assert_true(cramp_has_red_flag(&c));
    c = entry("2026-11-20", "");
    c.hard_to_walk = 1;
    assert_true(cramp_has_red_flag(&c));
    /* pain that does not ease is a rule over days, not a sign */
    c = entry("2026-11-20", "");
    c.pain_persists = 1;
    assert_false(cramp_has_red_flag(&c));
}

/* 0.4: sudden swelling of the face, hands or feet, severe headache, vision
 * problems, pain below the ribs; and swelling of both legs. */
static void test_preeclampsia_signs(void **state) {
    (void)state;
    struct cramp c = entry("2026-11-20", "");
    assert_false(cramp_has_preeclampsia_sign(&c));
    c.sudden_swelling = 1;
    assert_true(cramp_has_preeclampsia_sign(&c));
    c = entry("2026-11-20", "");
    c.headache = 1;
    assert_true(cramp_has_preeclampsia_sign(&c));
    c = entry("2026-11-20", "");
    c.vision_problems = 1;
    assert_true(cramp_has_preeclampsia_sign(&c));
    c = entry("2026-11-20", "");
    c.pain_below_ribs = 1;
    assert_true(cramp_has_preeclampsia_sign(&c));
    /* swelling of both legs: not only a clot sign */
    c = entry("2026-11-20", "both");
    c.swelling = 1;
    assert_true(cramp_has_preeclampsia_sign(&c));
    assert_true(cramp_has_red_flag(&c));
    /* of one leg, or a side not given: the clot sign only */
    c = entry("2026-11-20", "right");
    c.swelling = 1;
    assert_false(cramp_has_preeclampsia_sign(&c));
    c = entry("2026-11-20", "");
    c.swelling = 1;
    assert_false(cramp_has_preeclampsia_sign(&c));
}

static void test_is_episode(void **state) {
    (void)state;
    /* signs only: no cramp */
    struct cramp c = entry("2026-11-20", "");
    c.headache = 1;
    assert_false(cramp_is_episode(&c));
    /* a sign with a cramp detail: a cramp */
    c.severity = 4;
    assert_true(cramp_is_episode(&c));
    c = entry("2026-11-20", "");
    c.vision_problems = 1;
    c.night = 1;
    assert_true(cramp_is_episode(&c));
    c = entry("2026-11-20", "");
    c.vision_problems = 1;
    c.duration_min = 0;
    assert_true(cramp_is_episode(&c));
    /* `cramp add` with nothing else was always a cramp, and stays one */
    c = entry("2026-11-20", "");
    assert_true(cramp_is_episode(&c));
}

static void test_pain_legs(void **state) {
    (void)state;
    struct cramp c = entry("2026-11-20", "left");
    assert_int_equal(cramp_pain_legs(&c), 0);
    c.pain_persists = 1;
    assert_int_equal(cramp_pain_legs(&c), CRAMP_LEG_LEFT);
    c = entry("2026-11-20", "right");
    c.pain_persists = 1;
    assert_int_equal(cramp_pain_legs(&c), CRAMP_LEG_RIGHT);
    c = entry("2026-11-20", "both");
    c.pain_persists = 1;
    assert_int_equal(cramp_pain_legs(&c), CRAMP_LEG_BOTH);
    c = entry("2026-11-20", "");
    c.pain_persists = 1;
    assert_int_equal(cramp_pain_legs(&c), CRAMP_LEG_LEFT | CRAMP_LEG_RIGHT);
}

/* Days running ending on one day: one leg needs 2 (the pain persisted into
 * the next day), both legs 3. */
static void test_pain_runs(void **state) {
    (void)state;
    struct cramp c[4] = {entry("2026-11-18", "both"), entry("2026-11-19", "left"),
                         entry("2026-11-20", "left"), entry("2026-11-22", "left")};
    for (int i = 0; i < 4; i++)
        c[i].pain_persists = 1;
    struct cramp_pain_runs r = cramp_pain_runs_on(c, 4, day_of("2026-11-20"));
    assert_int_equal(r.any, 3);
    assert_int_equal(r.one_leg, 2);
    assert_true(cramp_pain_is_red_flag(r));
    /* the 19th: any 2 (18 both, 19 left), left 1 */
    r = cramp_pain_runs_on(c, 4, day_of("2026-11-19"));
    assert_int_equal(r.any, 2);
    assert_int_equal(r.one_leg, 1);
    assert_false(cramp_pain_is_red_flag(r));
    /* the 22nd after a day without: 1 */
    r = cramp_pain_runs_on(c, 4, day_of("2026-11-22"));
    assert_int_equal(r.any, 1);
    assert_false(cramp_pain_is_red_flag(r));
    /* a day without any entry */
    r = cramp_pain_runs_on(c, 4, day_of("2026-11-21"));
    assert_int_equal(r.any, 0);
    assert_int_equal(r.one_leg, 0);
    /* both legs three days: the red flag by the 3-day rule only */
    struct cramp b[3] = {entry("2026-11-18", "both"), entry("2026-11-19", "both"),
                         entry("2026-11-20", "both")};
    for (int i = 0; i < 3; i++)
        b[i].pain_persists = 1;
    r = cramp_pain_runs_on(b, 2, day_of("2026-11-19"));
    assert_int_equal(r.any, 2);
    assert_int_equal(r.one_leg, 0);
    assert_false(cramp_pain_is_red_flag(r));
    r = cramp_pain_runs_on(b, 3, day_of("2026-11-20"));
    assert_int_equal(r.any, 3);
    assert_true(cramp_pain_is_red_flag(r));
    /* left then right: no one leg two days running */
    struct cramp lr[2] = {entry("2026-11-19", "left"), entry("2026-11-20", "right")};
    lr[0].pain_persists = lr[1].pain_persists = 1;
    r = cramp_pain_runs_on(lr, 2, day_of("2026-11-20"));
    assert_int_equal(r.one_leg, 1);
    assert_false(cramp_pain_is_red_flag(r));
    /* side not given then right: may be the right leg both days */
    snprintf(lr[0].side, sizeof(lr[0].side), "%s", "");
    r = cramp_pain_runs_on(lr, 2, day_of("2026-11-20"));
    assert_int_equal(r.one_leg, 2);
    assert_true(cramp_pain_is_red_flag(r));
}

/* cramp_check's message for c, "" when c passes. */
static const char *check(const struct cramp *c) {
    static char err[256];
    err[0] = '\0';
    int rc = cramp_check(c, err, sizeof(err));
    assert_int_equal(rc, err[0] ? -1 : 0);
    return err;
}

/* An entry as `cramp add` makes it with no option but the date passes;
 * the edges of every range pass, one step outside fails naming the
 * option. */
static void test_check_ranges(void **state) {
    (void)state;
    struct cramp c = entry("2026-11-20", "");
    assert_string_equal(check(&c), "");
    c.severity = 1;
    assert_string_equal(check(&c), "");
    c.severity = 10;
    assert_string_equal(check(&c), "");
    c.severity = 11;
    assert_string_equal(check(&c), "--severity: '11' is not a whole number from 1 to 10");
    c.severity = -1;
    assert_string_equal(check(&c), "--severity: '-1' is not a whole number from 1 to 10");
    c = entry("2026-11-20", "");
    c.duration_min = 0;
    assert_string_equal(check(&c), "");
    c.duration_min = 1440; /* a whole day */
    assert_string_equal(check(&c), "");
    c.duration_min = 1440.5;
    assert_string_equal(check(&c),
                        "--duration-min: '1440.5' is not a number of minutes (0 to 1440)");
    c.duration_min = -0.5;
    assert_string_equal(check(&c), "--duration-min: '-0.5' is not a number of minutes (0 to 1440)");
}

/* The date is the diary's key: a real day, written as the store keeps it. */
static void test_check_date(void **state) {
    (void)state;
    struct cramp c = entry("2026-02-29", "");
    assert_string_equal(check(&c), "--date: '2026-02-29' is not a date (use YYYY-MM-DD)");
    c = entry("2028-02-29", "");
    assert_string_equal(check(&c), "");
    c = entry("today", "");
    assert_string_equal(check(&c), "--date: 'today' is not a date (use YYYY-MM-DD)");
    c = entry("", "");
    assert_string_equal(check(&c), "--date: '' is not a date (use YYYY-MM-DD)");
}

/* Sites and sides: each listed word, nothing else (not even in capitals). */
static void test_check_words(void **state) {
    (void)state;
    struct cramp c = entry("2026-11-20", "");
    size_t n = 0;
    for (const char *const *w = cramp_sites; *w; w++, n++) {
        snprintf(c.site, sizeof(c.site), "%s", *w);
        assert_string_equal(check(&c), "");
    }
    assert_int_equal(n, 4);
    snprintf(c.site, sizeof(c.site), "%s", "Calf");
    assert_string_equal(check(&c), "--site: 'Calf' is not one of calf, foot, thigh, other");
    snprintf(c.site, sizeof(c.site), "%s", "knee");
    assert_string_equal(check(&c), "--site: 'knee' is not one of calf, foot, thigh, other");
    c = entry("2026-11-20", "");
    n = 0;
    for (const char *const *w = cramp_sides; *w; w++, n++) {
        snprintf(c.side, sizeof(c.side), "%s", *w);
        assert_string_equal(check(&c), "");
    }
    assert_int_equal(n, 3);
    c = entry("2026-11-20", "middle");
    assert_string_equal(check(&c), "--side: 'middle' is not one of left, right, both");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_red_flag_signs), cmocka_unit_test(test_preeclampsia_signs),
        cmocka_unit_test(test_is_episode),     cmocka_unit_test(test_pain_legs),
        cmocka_unit_test(test_pain_runs),      cmocka_unit_test(test_check_ranges),
        cmocka_unit_test(test_check_date),     cmocka_unit_test(test_check_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
