/*
 * date.h - calendar dates as "YYYY-MM-DD" strings and day numbers.
 *
 * A day number counts days since 1970-01-01 in the proleptic Gregorian
 * calendar; no time zones are involved.  "today" is the local date.
 */
#ifndef DIETBAL_DATE_H
#define DIETBAL_DATE_H

/* The years a date may have: a diary of a life, with room either side. */
#define DATE_YEAR_MIN 1900
#define DATE_YEAR_MAX 2200

/* Parse "YYYY-MM-DD" (a real calendar date, years 1900-2200), "today" or
 * "yesterday" relative to day number `today`.  0 and *day on success, -1 on
 * anything else (2026-02-30, 2026-2-3, trailing text). */
int date_parse(const char *s, long today, long *day);

/* Write day as "YYYY-MM-DD" into out (at least 11 bytes). */
void date_format(long day, char out[11]);

/* Today's local date as a day number.  DIETBAL_TODAY=YYYY-MM-DD in the
 * environment overrides it (for tests and reproducible reports). */
long date_today(void);

/* Parse an ISO week "YYYY-Www" to the day numbers of its Monday and Sunday. */
int date_parse_iso_week(const char *s, long *monday, long *sunday);

/* Whole years from birth to day (age on that day). */
int date_years_between(long birth, long day);

#endif
