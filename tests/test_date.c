/*
 * test_date.c - calendar dates: parsing, leap years, the accepted range,
 * formatting, ISO weeks and ages.  Every day number is worked out by hand
 * in a comment from 1970-01-01 = day 0 (a Thursday).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/date.h"

#include "testlib.h"

#include <stdlib.h>
#include <string.h>

/* date_parse's result, or a sentinel no valid date has, for refusals. */
#define REFUSED (-999999L)
static long parsed(const char *s, long today) {
    long day = REFUSED;
    if (date_parse(s, today, &day) != 0)
        return REFUSED;
    return day;
}

static void test_epoch_and_neighbours(void **state) {
    (void)state;
    assert_int_equal(parsed("1970-01-01", 0), 0);
    assert_int_equal(parsed("1970-01-02", 0), 1);
    assert_int_equal(parsed("1969-12-31", 0), -1);
    assert_int_equal(parsed("1970-02-01", 0), 31);
    assert_int_equal(parsed("1971-01-01", 0), 365); /* 1970 is no leap year */
}

static void test_known_days(void **state) {
    (void)state;
    /* 1970..1999: 30 years, 7 leap (1972 ... 1996): 30 * 365 + 7 = 10957 */
    assert_int_equal(parsed("2000-01-01", 0), 10957);
    /* + January 31 + February 29 (2000 divides by 400) */
    assert_int_equal(parsed("2000-03-01", 0), 10957 + 31 + 29);
    /* 1970..2025: 56 years, 14 leap (1972 ... 2024): 56 * 365 + 14 = 20454 */
    assert_int_equal(parsed("2026-01-01", 0), 20454);
    /* January to November: 31+28+31+30+31+30+31+31+30+31+30 = 334 days */
    assert_int_equal(parsed("2026-12-02", 0), 20454 + 334 + 1);
    /* 1900..1969: 70 years, 17 leap (1904 ... 1968; 1900 is not) */
    assert_int_equal(parsed("1900-01-01", 0), -(70 * 365 + 17));
}

static void test_leap_years(void **state) {
    (void)state;
    /* divisible by 4: leap */
    assert_int_equal(parsed("2024-02-29", 0), parsed("2024-02-28", 0) + 1);
    assert_int_equal(parsed("2024-03-01", 0), parsed("2024-02-29", 0) + 1);
    /* divisible by 400: leap */
    assert_int_equal(parsed("2000-02-29", 0), parsed("2000-02-28", 0) + 1);
    /* divisible by 100 but not 400: not */
    assert_int_equal(parsed("1900-02-29", 0), REFUSED);
    assert_int_equal(parsed("2100-02-29", 0), REFUSED);
    assert_int_equal(parsed("2100-03-01", 0), parsed("2100-02-28", 0) + 1);
    /* not divisible by 4: not */
    assert_int_equal(parsed("2026-02-29", 0), REFUSED);
    assert_int_equal(parsed("2027-02-29", 0), REFUSED);
    /* a leap year has 366 days, others 365 */
    assert_int_equal(parsed("2025-01-01", 0) - parsed("2024-01-01", 0), 366);
    assert_int_equal(parsed("2027-01-01", 0) - parsed("2026-01-01", 0), 365);
    assert_int_equal(parsed("2101-01-01", 0) - parsed("2100-01-01", 0), 365);
}

static void test_month_lengths(void **state) {
    static const char *const last[] = {"2026-01-31", "2026-03-31", "2026-04-30", "2026-05-31",
                                       "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30",
                                       "2026-10-31", "2026-11-30", "2026-12-31"};
    static const char *const past[] = {"2026-01-32", "2026-03-32", "2026-04-31", "2026-05-32",
                                       "2026-06-31", "2026-07-32", "2026-08-32", "2026-09-31",
                                       "2026-10-32", "2026-11-31", "2026-12-32"};
    (void)state;
    for (size_t i = 0; i < sizeof(last) / sizeof(last[0]); i++) {
        assert_int_not_equal(parsed(last[i], 0), REFUSED);
        assert_int_equal(parsed(past[i], 0), REFUSED);
    }
    assert_int_equal(parsed("2026-02-28", 0), parsed("2026-03-01", 0) - 1);
    assert_int_equal(parsed("2026-02-30", 0), REFUSED);
}

static void test_range(void **state) {
    (void)state;
    assert_int_not_equal(parsed("1900-01-01", 0), REFUSED);
    assert_int_not_equal(parsed("2200-12-31", 0), REFUSED);
    assert_int_equal(parsed("1899-12-31", 0), REFUSED);
    assert_int_equal(parsed("2201-01-01", 0), REFUSED);
    assert_int_equal(parsed("0000-01-01", 0), REFUSED);
    assert_int_equal(parsed("9999-12-31", 0), REFUSED);
    /* the whole range: 301 years, 73 of them leap (1904 ... 2196 is 74
     * multiples of 4, less 2100; 1900 and 2200 are not leap) */
    assert_int_equal(parsed("2200-12-31", 0) - parsed("1900-01-01", 0) + 1, 301 * 365 + 73);
}

static void test_refused_spellings(void **state) {
    static const char *const bad[] = {"",           "2026-2-3",    "2026-02-3",   "26-02-03",
                                      "2026/02/03", "2026-02-03x", " 2026-02-03", "2026-02-03 ",
                                      "2026-13-01", "2026-00-10",  "2026-01-00",  "20260203",
                                      "2026-O2-03", "+026-02-03",  "-026-02-03",  "2026-02-03\n",
                                      "Today",      "tomorrow",    "2026-W01",    "2026-02",
                                      "２026-02-03"};
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        long day = 12345;
        assert_int_equal(date_parse(bad[i], 0, &day), -1);
        assert_int_equal(day, 12345); /* written only on success */
    }
    assert_int_equal(date_parse(NULL, 0, NULL), -1);
}

static void test_today_and_yesterday(void **state) {
    (void)state;
    assert_int_equal(parsed("today", 20789), 20789);
    assert_int_equal(parsed("yesterday", 20789), 20788);
    assert_int_equal(parsed("yesterday", 0), -1);
}

static void test_date_today_from_environment(void **state) {
    const char *old = getenv("DIETBAL_TODAY");
    char *saved = old ? strdup(old) : NULL;
    (void)state;

    assert_int_equal(setenv("DIETBAL_TODAY", "2026-11-16", 1), 0);
    /* 20454 + January to October (304 days) + 15 */
    assert_int_equal(date_today(), 20454 + 304 + 15);
    assert_int_equal(setenv("DIETBAL_TODAY", "2024-02-29", 1), 0);
    assert_int_equal(date_today(), parsed("2024-02-29", 0));
    if (saved)
        setenv("DIETBAL_TODAY", saved, 1);
    else
        unsetenv("DIETBAL_TODAY");
    free(saved);
}

static void check_format(long day, const char *want) {
    char out[11];
    date_format(day, out);
    assert_string_equal(out, want);
    assert_int_equal(parsed(out, 0), day);
}

static void test_format(void **state) {
    (void)state;
    check_format(0, "1970-01-01");
    check_format(-1, "1969-12-31");
    check_format(10957 + 31 + 28, "2000-02-29");
    check_format(20454 + 334 + 1, "2026-12-02");
    check_format(-(70 * 365 + 17), "1900-01-01");
    /* every day of the range goes there and back */
    for (long d = parsed("1900-01-01", 0); d <= parsed("2200-12-31", 0); d += 1) {
        char out[11];
        date_format(d, out);
        assert_int_equal(parsed(out, 0), d);
    }
}

static void check_week(const char *week, long monday) {
    long mon = REFUSED, sun = REFUSED;
    assert_int_equal(date_parse_iso_week(week, &mon, &sun), 0);
    assert_int_equal(mon, monday);
    assert_int_equal(sun, monday + 6);
    assert_int_equal(((mon % 7) + 7 + 3) % 7, 0); /* day 0 was a Thursday */
}

static void test_iso_weeks(void **state) {
    long mon = REFUSED, sun = REFUSED;
    (void)state;

    /* 2026-01-01 (day 20454) is a Thursday, so week 1 (the week of 4
     * January) runs Monday 2025-12-29 to Sunday 2026-01-04 */
    check_week("2026-W01", 20454 - 3);
    check_week("2026-W02", 20454 - 3 + 7);
    /* a year that starts on a Thursday has 53 weeks: Monday 2026-12-28
     * (20454 + 361) to Sunday 2027-01-03 */
    check_week("2026-W53", 20454 + 361);
    /* 2025-01-01 (20454 - 365 = 20089) is a Wednesday: week 1 starts on
     * Monday 2024-12-30; 2025 has 52 weeks */
    check_week("2025-W01", 20089 - 2);
    check_week("2025-W52", 20089 - 2 + 51 * 7);
    assert_int_equal(date_parse_iso_week("2025-W53", &mon, &sun), -1);
    /* 2020 is leap and starts on a Wednesday: 53 weeks */
    assert_int_equal(date_parse_iso_week("2020-W53", &mon, &sun), 0);
    assert_int_equal(sun - mon, 6);
    /* week 1 of a year follows the last week of the one before */
    check_week("2026-W01", parsed("2025-12-29", 0));
    {
        long m1 = 0, s1 = 0, m2 = 0, s2 = 0;
        assert_int_equal(date_parse_iso_week("2025-W52", &m1, &s1), 0);
        assert_int_equal(date_parse_iso_week("2026-W01", &m2, &s2), 0);
        assert_int_equal(m2 - m1, 7);
        assert_int_equal(m2, s1 + 1);
    }
}

static void test_iso_weeks_refused(void **state) {
    static const char *const bad[] = {"2026-W00",  "2026-W54", "2026-W1",  "2026W01", "2026-w01",
                                      "2026-W01x", "1899-W52", "2201-W01", "",        "2026-01-01"};
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        long mon = 12345, sun = 12345;
        assert_int_equal(date_parse_iso_week(bad[i], &mon, &sun), -1);
        assert_int_equal(mon, 12345);
        assert_int_equal(sun, 12345);
    }
    assert_int_equal(date_parse_iso_week(NULL, NULL, NULL), -1);
}

static void test_years_between(void **state) {
    (void)state;
    /* the birthday itself counts, the day before does not */
    assert_int_equal(date_years_between(day_of("1996-03-15"), day_of("2026-03-14")), 29);
    assert_int_equal(date_years_between(day_of("1996-03-15"), day_of("2026-03-15")), 30);
    assert_int_equal(date_years_between(day_of("1996-03-15"), day_of("1996-03-15")), 0);
    /* born on 29 February: a year older on 1 March of a common year */
    assert_int_equal(date_years_between(day_of("2004-02-29"), day_of("2026-02-28")), 21);
    assert_int_equal(date_years_between(day_of("2004-02-29"), day_of("2026-03-01")), 22);
    assert_int_equal(date_years_between(day_of("2004-02-29"), day_of("2028-02-29")), 24);
    /* end of year */
    assert_int_equal(date_years_between(day_of("1997-12-31"), day_of("2026-12-30")), 28);
    assert_int_equal(date_years_between(day_of("1997-12-31"), day_of("2026-12-31")), 29);
    assert_int_equal(date_years_between(day_of("1997-12-31"), day_of("2027-01-01")), 29);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_epoch_and_neighbours),
        cmocka_unit_test(test_known_days),
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_month_lengths),
        cmocka_unit_test(test_range),
        cmocka_unit_test(test_refused_spellings),
        cmocka_unit_test(test_today_and_yesterday),
        cmocka_unit_test(test_date_today_from_environment),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_iso_weeks),
        cmocka_unit_test(test_iso_weeks_refused),
        cmocka_unit_test(test_years_between),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
