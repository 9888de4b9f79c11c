/*
 * test_profile.c - the rules a profile keeps (profile.c): what a change
 * may say on its own (profile_check), what the profile must be once
 * changed (profile_apply), and what a change leaves alone.  The limits
 * are product.md's ("profile set"): ages 14 to 120, 25 to 350 kg, a due
 * date at most 42 weeks ahead and at most a year ago.  The day is fixed:
 * 2026-11-20.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/date.h"
#include "dietbal/profile.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static long day_of(const char *s) {
    long d = 0;
    assert_int_equal(date_parse(s, 0, &d), 0);
    return d;
}

#define TODAY day_of("2026-11-20")

/* profile_check's message for c, "" when c passes. */
static const char *check(const struct profile_change *c) {
    static char err[512];
    err[0] = '\0';
    int rc = profile_check(c, TODAY, err, sizeof(err));
    assert_int_equal(rc, err[0] ? -1 : 0);
    return err;
}

static void set(char dst[11], const char *s) { snprintf(dst, 11, "%s", s); }

/* Nothing given passes; each range holds its edges and refuses one past
 * them. */
static void test_check_ranges(void **state) {
    (void)state;
    struct profile_change c;
    profile_change_init(&c);
    assert_string_equal(check(&c), "");
    c.age = 14;
    assert_string_equal(check(&c), "");
    c.age = 120;
    assert_string_equal(check(&c), "");
    c.age = 13;
    assert_string_equal(check(&c), "--age: '13' is not a number from 14 to 120");
    c.age = 121;
    assert_string_equal(check(&c), "--age: '121' is not a number from 14 to 120");
    profile_change_init(&c);
    c.weight_kg = 25;
    assert_string_equal(check(&c), "");
    c.weight_kg = 350;
    assert_string_equal(check(&c), "");
    c.weight_kg = 24.5;
    assert_string_equal(check(&c), "--weight-kg: '24.5' is not a number from 25 to 350");
    c.weight_kg = 350.5;
    assert_string_equal(check(&c), "--weight-kg: '350.5' is not a number from 25 to 350");
}

/* Options that contradict each other. */
static void test_check_conflicts(void **state) {
    (void)state;
    struct profile_change c;
    profile_change_init(&c);
    c.age = 30;
    set(c.birth_date, "1996-05-01");
    assert_string_equal(check(&c), "profile set: give --age or --birth-date, not both");

    const char *none_with = "--none: cannot be combined with --pregnant, --due-date or --lactating";
    profile_change_init(&c);
    c.none = 1;
    assert_string_equal(check(&c), "");
    c.pregnant = 1;
    assert_string_equal(check(&c), none_with);
    c.pregnant = 0;
    c.lactating = 1;
    assert_string_equal(check(&c), none_with);
    c.lactating = 0;
    set(c.due_date, "2027-02-15");
    assert_string_equal(check(&c), none_with);
}

/* 42 weeks is 294 days: from 2026-11-20, 10 days to the end of November,
 * 31 + 31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 = 274 to the end of August,
 * and 10 into September: 2027-09-10.  A year ago is 2025-11-20, 365 days
 * (no 29 February between). */
static void test_check_due_date(void **state) {
    (void)state;
    struct profile_change c;
    profile_change_init(&c);
    set(c.due_date, "2027-09-10");
    assert_string_equal(check(&c), "");
    set(c.due_date, "2027-09-11");
    assert_string_equal(check(&c), "--due-date: 2027-09-11 is more than 42 weeks away");
    set(c.due_date, "2025-11-20"); /* 365 days ago */
    assert_string_equal(check(&c), "");
    set(c.due_date, "2025-11-19");
    assert_string_equal(check(&c), "--due-date: 2025-11-19 is more than a year ago");
    set(c.due_date, "2026-02-30");
    assert_string_equal(check(&c), "--due-date: '2026-02-30' is not a date (use YYYY-MM-DD)");
}

/* The age a birth date gives on the day must be in range too. */
static void test_check_birth_date(void **state) {
    (void)state;
    struct profile_change c;
    profile_change_init(&c);
    set(c.birth_date, "2012-11-20"); /* 14 today */
    assert_string_equal(check(&c), "");
    set(c.birth_date, "2012-11-21"); /* 14 tomorrow */
    assert_string_equal(check(&c), "--birth-date: 2012-11-21 gives an age of 13; dietbal's "
                                   "reference values are for ages 14 and over");
    set(c.birth_date, "1906-11-20"); /* 120 */
    assert_string_equal(check(&c), "");
    set(c.birth_date, "1905-11-20"); /* 121 */
    assert_string_equal(check(&c), "--birth-date: 1905-11-20 gives an age of 121; dietbal's "
                                   "reference values are for ages 14 and over");
    set(c.birth_date, "today");
    assert_string_equal(check(&c), "--birth-date: 'today' is not a date (use YYYY-MM-DD)");
}

/* Only what is given changes; an age and a birth date replace each other. */
static void test_apply_changes_only_what_is_given(void **state) {
    (void)state;
    struct profile p;
    struct profile_change c;
    char err[512] = "";

    profile_init(&p);
    profile_change_init(&c);
    c.age = 29;
    c.sex = SEX_FEMALE;
    c.weight_kg = 65;
    assert_int_equal(profile_apply(&p, &c, TODAY, err, sizeof(err)), 0);
    assert_int_equal(p.age, 29);
    assert_string_equal(p.age_set_on, "2026-11-20");
    assert_int_equal(p.sex, SEX_FEMALE);
    assert_true(p.weight_kg == 65);

    profile_change_init(&c);
    c.pregnant = 1;
    set(c.due_date, "2027-02-15");
    c.units = PROFILE_UNITS_UK;
    assert_int_equal(profile_apply(&p, &c, TODAY, err, sizeof(err)), 0);
    assert_int_equal(p.age, 29); /* kept */
    assert_true(p.weight_kg == 65);
    assert_int_equal(p.pregnant, 1);
    assert_string_equal(p.due_date, "2027-02-15");
    assert_int_equal(p.units, PROFILE_UNITS_UK);

    profile_change_init(&c);
    set(c.birth_date, "1997-05-01");
    assert_int_equal(profile_apply(&p, &c, TODAY, err, sizeof(err)), 0);
    assert_int_equal(p.age, -1);
    assert_string_equal(p.age_set_on, "");
    assert_string_equal(p.birth_date, "1997-05-01");

    /* --none ends the pregnancy and clears the due date */
    profile_change_init(&c);
    c.none = 1;
    assert_int_equal(profile_apply(&p, &c, TODAY, err, sizeof(err)), 0);
    assert_int_equal(p.pregnant, 0);
    assert_int_equal(p.lactating, 0);
    assert_string_equal(p.due_date, "");
    assert_string_equal(p.birth_date, "1997-05-01");
}

/* The result as a whole: pregnant needs a due date, given now or kept. */
static void test_apply_pregnant_needs_due_date(void **state) {
    (void)state;
    struct profile p, before;
    struct profile_change c;
    char err[512] = "";

    profile_init(&p);
    profile_change_init(&c);
    c.age = 30;
    c.pregnant = 1;
    assert_int_equal(profile_apply(&p, &c, TODAY, err, sizeof(err)), -1);
    assert_string_equal(err, "--pregnant: needs --due-date D (the trimester depends on it)");
    assert_int_equal(p.age, -1); /* untouched */
    assert_int_equal(p.pregnant, 0);

    set(c.due_date, "2027-02-15");
    assert_int_equal(profile_apply(&p, &c, TODAY, err, sizeof(err)), 0);
    /* a later change without a due date keeps the stored one */
    profile_change_init(&c);
    c.pregnant = 1;
    assert_int_equal(profile_apply(&p, &c, TODAY, err, sizeof(err)), 0);
    assert_string_equal(p.due_date, "2027-02-15");

    /* profile_apply keeps profile_check's rules and changes nothing then */
    before = p;
    profile_change_init(&c);
    c.age = 12;
    assert_int_equal(profile_apply(&p, &c, TODAY, err, sizeof(err)), -1);
    assert_string_equal(err, "--age: '12' is not a number from 14 to 120");
    assert_int_equal(memcmp(&before, &p, sizeof(p)), 0);
}

/* A profile with an age must give a life stage: an age given years ago
 * has advanced past 120 (an age given without a birth date counts up from
 * the day it was given, dri.c). */
static void test_apply_needs_life_stage(void **state) {
    (void)state;
    struct profile p;
    struct profile_change c;
    char err[512] = "";

    profile_init(&p);
    profile_change_init(&c);
    c.sex = SEX_FEMALE; /* no age: no life stage needed */
    assert_int_equal(profile_apply(&p, &c, TODAY, err, sizeof(err)), 0);

    profile_init(&p);
    p.age = 14;
    set(p.age_set_on, "2027-11-20"); /* given a year from now: 13 today */
    profile_change_init(&c);
    c.weight_kg = 60;
    assert_int_equal(profile_apply(&p, &c, TODAY, err, sizeof(err)), -1);
    assert_true(strncmp(err, "profile set: ", 13) == 0);
    assert_true(isnan(p.weight_kg)); /* untouched */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_ranges),
        cmocka_unit_test(test_check_conflicts),
        cmocka_unit_test(test_check_due_date),
        cmocka_unit_test(test_check_birth_date),
        cmocka_unit_test(test_apply_changes_only_what_is_given),
        cmocka_unit_test(test_apply_pregnant_needs_due_date),
        cmocka_unit_test(test_apply_needs_life_stage),
    };
    return cmocka_run_group_tests_name("profile", tests, NULL, NULL);
}
