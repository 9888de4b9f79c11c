/*
 * profile.c - the person's profile as plain data, and the rules a profile
 * keeps: what `profile set` may store.  The store saves a profile, dri.c
 * interprets it; nothing here prints or touches the database.
 */
#include "dietbal/profile.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dietbal/date.h"
#include "dietbal/dri.h"
#include "dietbal/words.h"

void profile_init(struct profile *p) {
    memset(p, 0, sizeof(*p)); /* strings empty, pregnant/lactating 0 */
    p->age = -1;
    p->sex = SEX_UNKNOWN;
    p->weight_kg = NAN; /* unknown is not zero (c-style.md) */
}

enum profile_units profile_units_from_locale(const char *locale) {
    /* "ll_CC[.charset][@modifier]": the country decides the measures */
    if (!locale || !*locale || strcmp(locale, "C") == 0 || strcmp(locale, "POSIX") == 0 ||
        strncmp(locale, "C.", 2) == 0)
        return PROFILE_UNITS_US;
    const char *cc = strchr(locale, '_');
    if (!cc || strlen(cc) < 3)
        return PROFILE_UNITS_METRIC;
    /* the US customary system: the United States, Liberia, Myanmar */
    if (strncmp(cc + 1, "US", 2) == 0 || strncmp(cc + 1, "LR", 2) == 0 ||
        strncmp(cc + 1, "MM", 2) == 0)
        return PROFILE_UNITS_US;
    /* imperial pints and British food words */
    if (strncmp(cc + 1, "GB", 2) == 0 || strncmp(cc + 1, "IE", 2) == 0)
        return PROFILE_UNITS_UK;
    return PROFILE_UNITS_METRIC;
}

enum profile_units profile_units_in_force(const struct profile *p, const char *locale) {
    if (p && p->units != PROFILE_UNITS_DEFAULT)
        return p->units;
    return profile_units_from_locale(locale);
}

static const char *const units_names[] = {"default", "us", "uk", "metric"};

const char *profile_units_name(enum profile_units u) {
    return (unsigned)u < sizeof(units_names) / sizeof(units_names[0]) ? units_names[u] : "default";
}

int profile_units_parse(const char *s, enum profile_units *out) {
    for (size_t i = 1; s && i < sizeof(units_names) / sizeof(units_names[0]); i++)
        if (words_casecmp(s, units_names[i]) == 0) {
            *out = (enum profile_units)i;
            return 0;
        }
    return -1;
}

const char *const profile_sex_names[] = {"female", "male", NULL};

const char *profile_sex_name(enum sex s) {
    return s == SEX_FEMALE || s == SEX_MALE ? profile_sex_names[s - SEX_FEMALE] : NULL;
}

void profile_change_init(struct profile_change *c) {
    memset(c, 0, sizeof(*c)); /* dates and tables "", flags 0 */
    c->age = -1;
    c->sex = SEX_UNKNOWN;
    c->weight_kg = NAN;
    c->units = PROFILE_UNITS_DEFAULT;
}

/* day of the date d ("YYYY-MM-DD"); -1 with "WHAT: ..." in err. */
static int day_of(const char *what, const char *d, long *day, char *err, size_t len) {
    if (date_parse(d, 0, day) == 0 && strlen(d) == 10)
        return 0;
    snprintf(err, len, "%s: '%s' is not a date (use YYYY-MM-DD)", what, d);
    return -1;
}

int profile_check(const struct profile_change *c, long today, char *err, size_t len) {
    long day;

    if (c->age >= 0 && (c->age < PROFILE_AGE_MIN || c->age > PROFILE_AGE_MAX)) {
        snprintf(err, len, "--age: '%d' is not a number from %d to %d", c->age, PROFILE_AGE_MIN,
                 PROFILE_AGE_MAX);
        return -1;
    }
    if (!isnan(c->weight_kg) &&
        !(c->weight_kg >= PROFILE_WEIGHT_KG_MIN && c->weight_kg <= PROFILE_WEIGHT_KG_MAX)) {
        snprintf(err, len, "--weight-kg: '%g' is not a number from %d to %d", c->weight_kg,
                 PROFILE_WEIGHT_KG_MIN, PROFILE_WEIGHT_KG_MAX);
        return -1;
    }
    if (c->age >= 0 && c->birth_date[0]) {
        snprintf(err, len, "profile set: give --age or --birth-date, not both");
        return -1;
    }
    if (c->none && (c->pregnant || c->lactating || c->due_date[0])) {
        snprintf(err, len, "--none: cannot be combined with --pregnant, --due-date or --lactating");
        return -1;
    }
    if (c->due_date[0]) {
        if (day_of("--due-date", c->due_date, &day, err, len) != 0)
            return -1;
        if (day - today > PROFILE_WEEKS_TO_DUE_MAX * 7) {
            snprintf(err, len, "--due-date: %s is more than %d weeks away", c->due_date,
                     PROFILE_WEEKS_TO_DUE_MAX);
            return -1;
        }
        if (today - day > PROFILE_DAYS_PAST_DUE_MAX) {
            snprintf(err, len, "--due-date: %s is more than a year ago", c->due_date);
            return -1;
        }
    }
    if (c->birth_date[0]) {
        if (day_of("--birth-date", c->birth_date, &day, err, len) != 0)
            return -1;
        int age = date_years_between(day, today);
        if (age < PROFILE_AGE_MIN || age > PROFILE_AGE_MAX) {
            snprintf(err, len,
                     "--birth-date: %s gives an age of %d; dietbal's reference values are for "
                     "ages %d and over",
                     c->birth_date, age, PROFILE_AGE_MIN);
            return -1;
        }
    }
    return 0;
}

int profile_apply(struct profile *p, const struct profile_change *c, long today, char *err,
                  size_t len) {
    struct profile q = *p;
    struct life_stage st;
    char why[256];

    if (profile_check(c, today, err, len) != 0)
        return -1;
    if (c->age >= 0) {
        q.age = c->age;
        date_format(today, q.age_set_on);
        q.birth_date[0] = '\0';
    }
    if (c->birth_date[0]) {
        memcpy(q.birth_date, c->birth_date, sizeof(q.birth_date));
        q.age = -1;
        q.age_set_on[0] = '\0';
    }
    if (c->sex != SEX_UNKNOWN)
        q.sex = c->sex;
    if (!isnan(c->weight_kg))
        q.weight_kg = c->weight_kg;
    if (c->none) {
        q.pregnant = q.lactating = 0;
        q.due_date[0] = '\0';
    }
    if (c->pregnant)
        q.pregnant = 1;
    if (c->due_date[0])
        memcpy(q.due_date, c->due_date, sizeof(q.due_date));
    if (c->lactating)
        q.lactating = 1;
    if (c->units != PROFILE_UNITS_DEFAULT)
        q.units = c->units;
    if (c->tables[0])
        memcpy(q.tables, c->tables, sizeof(q.tables));
    if (q.pregnant && !q.due_date[0]) {
        snprintf(err, len, "--pregnant: needs --due-date D (the trimester depends on it)");
        return -1;
    }
    /* a profile that says her age must give a life stage today */
    if ((q.age >= 0 || q.birth_date[0]) && dri_stage(&q, today, &st, why, sizeof(why)) != 0) {
        snprintf(err, len, "profile set: %s", why);
        return -1;
    }
    *p = q;
    return 0;
}
