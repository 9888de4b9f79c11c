/*
 * cramp.c - rules about cramp episodes.
 */
#include "dietbal/cramp.h"

/* Any one of these signs is enough (product.md "Cramp diary";
 * nutrition-science.md 5.5: swelling, redness, warmth, difficulty walking). */
int cramp_has_red_flag(const struct cramp *c)
{
    return c->swelling || c->redness || c->warmth || c->hard_to_walk;
}
