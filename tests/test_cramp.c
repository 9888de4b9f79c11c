/*
 * test_cramp.c - the rules about cramp diary entries (cramp.c): the clot
 * red flags, the pregnancy warning signs, what counts as a cramp episode,
 * and the runs of days with pain that does not ease (nutrition-science.md
 * 5.5 and 0.4).  Every expectation is read off those sections.
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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_red_flag_signs), cmocka_unit_test(test_preeclampsia_signs),
        cmocka_unit_test(test_is_episode),     cmocka_unit_test(test_pain_legs),
        cmocka_unit_test(test_pain_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
