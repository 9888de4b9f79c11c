/*
 * profile.h - the person whose diary this is: what the reference values
 * depend on.  Plain data; the store saves it and dri.c interprets it.
 */
#ifndef DIETBAL_PROFILE_H
#define DIETBAL_PROFILE_H

#include "dietbal/tables.h"

enum sex { SEX_UNKNOWN = 0, SEX_FEMALE, SEX_MALE };

/* Which household measures and words the person uses: US or UK pints,
 * "biscuit" as a cookie or a scone-like bread.  PROFILE_UNITS_DEFAULT
 * follows the locale (profile_units_from_locale). */
enum profile_units {
    PROFILE_UNITS_DEFAULT = 0,
    PROFILE_UNITS_US,
    PROFILE_UNITS_UK,
    PROFILE_UNITS_METRIC
};

struct profile {
    int age;             /* years at the time of `set`, -1 unknown */
    char age_set_on[11]; /* date the age was given (so it can advance) */
    char birth_date[11]; /* YYYY-MM-DD or "" (wins over age) */
    enum sex sex;
    double weight_kg; /* NAN unknown */
    int pregnant;
    char due_date[11]; /* YYYY-MM-DD or "" */
    int lactating;
    enum profile_units units;
    /* the food tables in her order of preference ("ifct2017,usda-sr24"),
     * or "" for the built-in order (tables.h) */
    char tables[TABLES_ORDER_LEN];
};

/* A profile with everything unknown. */
void profile_init(struct profile *p);

/* The measures a locale name implies ("en_GB.UTF-8" -> UK, "en_US" -> US,
 * "de_DE" -> metric); US for NULL, "", "C" and "POSIX" (the USDA table's
 * own measures). */
enum profile_units profile_units_from_locale(const char *locale);

/* The measures in force: the profile's, else the locale's. */
enum profile_units profile_units_in_force(const struct profile *p, const char *locale);

/* "us", "uk", "metric" (and "default"); parse: 0, or -1 for another word. */
const char *profile_units_name(enum profile_units u);
int profile_units_parse(const char *s, enum profile_units *out);

#endif
