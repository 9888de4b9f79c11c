/*
 * profile.h - the person whose diary this is: what the reference values
 * depend on.  Plain data and the rules it keeps (profile_check); the store
 * saves it and dri.c interprets it.
 */
#ifndef DIETBAL_PROFILE_H
#define DIETBAL_PROFILE_H

#include "dietbal/tables.h"

enum sex { SEX_UNKNOWN = 0, SEX_FEMALE, SEX_MALE };

/* The ages dietbal has reference values for (the tables of dri.c start at
 * 14 years); an age above 120 is a typo. */
#define PROFILE_AGE_MIN 14
#define PROFILE_AGE_MAX 120
/* A body weight outside this range is a typo, not a person. */
#define PROFILE_WEIGHT_KG_MIN 25
#define PROFILE_WEIGHT_KG_MAX 350
/* A pregnancy lasts about 40 weeks: a due date further off than 42 weeks
 * cannot be right, and one more than a year ago is a pregnancy long over. */
#define PROFILE_WEEKS_TO_DUE_MAX 42
#define PROFILE_DAYS_PAST_DUE_MAX 365

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

/* "female", "male" (by enum sex from SEX_FEMALE), NULL at the end. */
extern const char *const profile_sex_names[];
/* The name of s, or NULL for SEX_UNKNOWN. */
const char *profile_sex_name(enum sex s);

/* A change to a profile, as `dietbal profile set` is given it: only what
 * is given changes, the rest of the profile stays. */
struct profile_change {
    int age;                       /* years, -1: not given */
    char birth_date[11];           /* YYYY-MM-DD, "": not given */
    enum sex sex;                  /* SEX_UNKNOWN: not given */
    double weight_kg;              /* NAN: not given */
    int pregnant;                  /* 1: she is pregnant (0: not given) */
    char due_date[11];             /* YYYY-MM-DD, "": not given */
    int lactating;                 /* 1: she is breastfeeding (0: not given) */
    int none;                      /* 1: neither pregnant nor lactating, no due date */
    enum profile_units units;      /* PROFILE_UNITS_DEFAULT: not given */
    char tables[TABLES_ORDER_LEN]; /* her order of food tables, "": not given */
};

/* A change with nothing given. */
void profile_change_init(struct profile_change *c);

/*
 * The rules a change keeps on its own, on day today (a day number,
 * date.h): an age from PROFILE_AGE_MIN to PROFILE_AGE_MAX whether given
 * or reached from a birth date, a weight in range, an age or a birth date
 * but not both, none without pregnant, lactating or a due date, a due
 * date at most PROFILE_WEEKS_TO_DUE_MAX weeks ahead and at most
 * PROFILE_DAYS_PAST_DUE_MAX days ago.  0, or -1 with "WHAT: why" in err
 * (len bytes), WHAT the option of `profile set` at fault.
 */
int profile_check(const struct profile_change *c, long today, char *err, size_t len);

/*
 * Apply change c to p on day today after profile_check, and check the
 * result as a whole: pregnant needs a due date (given or kept), and a
 * profile with an age must give a life stage (dri_stage).  0 with p
 * changed, or -1 with "WHAT: why" in err and p untouched.
 */
int profile_apply(struct profile *p, const struct profile_change *c, long today, char *err,
                  size_t len);

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
