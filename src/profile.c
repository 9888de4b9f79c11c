/*
 * profile.c - the person's profile as plain data.  Only initialisation
 * lives here: the store saves a profile, dri.c interprets it.
 */
#include "dietbal/profile.h"

#include <math.h>
#include <string.h>

void profile_init(struct profile *p)
{
    memset(p, 0, sizeof(*p)); /* strings empty, pregnant/lactating 0 */
    p->age = -1;
    p->sex = SEX_UNKNOWN;
    p->weight_kg = NAN; /* unknown is not zero (c-style.md) */
}
