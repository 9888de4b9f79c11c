/*
 * profile.h - the person whose diary this is: what the reference values
 * depend on.  Plain data; the store saves it and dri.c interprets it.
 */
#ifndef DIETBAL_PROFILE_H
#define DIETBAL_PROFILE_H

enum sex { SEX_UNKNOWN = 0, SEX_FEMALE, SEX_MALE };

struct profile {
    int age;              /* years at the time of `set`, -1 unknown */
    char age_set_on[11];  /* date the age was given (so it can advance) */
    char birth_date[11];  /* YYYY-MM-DD or "" (wins over age) */
    enum sex sex;
    double weight_kg;     /* NAN unknown */
    int pregnant;
    char due_date[11];    /* YYYY-MM-DD or "" */
    int lactating;
};

/* A profile with everything unknown. */
void profile_init(struct profile *p);

#endif
