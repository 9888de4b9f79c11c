/*
 * date.c - calendar arithmetic on day numbers (days since 1970-01-01).
 *
 * The conversions are Howard Hinnant's civil-from-days algorithms, written
 * out here; they are exact for the proleptic Gregorian calendar.
 */
#include "dietbal/date.h"

#include "dietbal/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long days_from_civil(long y, unsigned m, unsigned d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (*m <= 2);
}

static int is_leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static unsigned days_in_month(long y, unsigned m) {
    static const unsigned dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

static int digits(const char *s, int n) {
    for (int i = 0; i < n; i++)
        if (!util_isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

int date_parse(const char *s, long today, long *day) {
    if (!s)
        return -1;
    if (strcmp(s, "today") == 0) {
        *day = today;
        return 0;
    }
    if (strcmp(s, "yesterday") == 0) {
        *day = today - 1;
        return 0;
    }
    if (strlen(s) != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
        !digits(s + 8, 2))
        return -1;
    long y = strtol(s, NULL, 10);
    unsigned m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
    unsigned d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
    if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX || m < 1 || m > 12 || d < 1 ||
        d > days_in_month(y, m))
        return -1;
    *day = days_from_civil(y, m, d);
    return 0;
}

void date_format(long day, char out[11]) {
    long y;
    unsigned m, d;
    civil_from_days(day, &y, &m, &d);
    /* years are 1900-2200 by construction; digits written by hand so the
     * compiler can see the 10 characters */
    unsigned yy = (unsigned)(y < 0 ? 0 : y % 10000);
    out[0] = (char)('0' + yy / 1000);
    out[1] = (char)('0' + yy / 100 % 10);
    out[2] = (char)('0' + yy / 10 % 10);
    out[3] = (char)('0' + yy % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

long date_today(void) {
    const char *env = getenv("DIETBAL_TODAY");
    long day;
    if (env && *env && date_parse(env, 0, &day) == 0)
        return day;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return days_from_civil(tm.tm_year + 1900L, (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday);
}

/* ISO 8601: weekday of a day number, Monday = 0 (1970-01-01 was a Thursday). */
static int weekday(long day) {
    long w = (day + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

int date_parse_iso_week(const char *s, long *monday, long *sunday) {
    if (!s || strlen(s) != 8 || !digits(s, 4) || s[4] != '-' || s[5] != 'W' || !digits(s + 6, 2))
        return -1;
    long y = strtol(s, NULL, 10);
    int w = (s[6] - '0') * 10 + (s[7] - '0');
    if (y < 1900 || y > 2200 || w < 1)
        return -1;
    /* Week 1 is the week with 4 January in it. */
    long jan4 = days_from_civil(y, 1, 4);
    long week1 = jan4 - weekday(jan4);
    long next_week1 = days_from_civil(y + 1, 1, 4);
    next_week1 -= weekday(next_week1);
    long mon = week1 + (long)(w - 1) * 7;
    if (mon >= next_week1)
        return -1; /* 2025-W53 does not exist (2026-W53 does) */
    *monday = mon;
    *sunday = mon + 6;
    return 0;
}

int date_years_between(long birth, long day) {
    long by, y;
    unsigned bm, bd, m, d;
    civil_from_days(birth, &by, &bm, &bd);
    civil_from_days(day, &y, &m, &d);
    int years = (int)(y - by);
    if (m < bm || (m == bm && d < bd))
        years--;
    return years;
}
