/*
 * profile.c - the person's profile as plain data.  Only initialisation
 * lives here: the store saves a profile, dri.c interprets it.
 */
#include "dietbal/profile.h"

#include <math.h>
#include <string.h>

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
