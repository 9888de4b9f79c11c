/*
 * cramp.h - one leg-cramp episode from the cramp diary.
 */
#ifndef DIETBAL_CRAMP_H
#define DIETBAL_CRAMP_H

#include <stdint.h>

struct cramp {
    int64_t id;
    char date[11];       /* YYYY-MM-DD */
    char time[6];        /* HH:MM or "" */
    int severity;        /* 1-10, or 0 when not given */
    double duration_min; /* NAN when not given */
    char site[8];        /* calf foot thigh other, or "" */
    char side[8];        /* left right both, or "" */
    int night;
    /* red-flag signs (nutrition-science.md 5.5) */
    int swelling;
    int redness;
    int warmth;
    int hard_to_walk;
    int pain_persists;   /* pain that does not ease after stretching */
};

/* Cramps with pain that does not ease on this many days running call for
 * care now.  A design choice: no published threshold exists
 * (product.md "Cramp diary"; nutrition-science.md 5.5 and 7, item 11). */
#define CRAMP_PERSISTENT_PAIN_DAYS 3

/* True when the episode carries any single red-flag sign (swelling, redness,
 * warmth, hard to walk).  Pain that does not ease counts only over three or
 * more days running; that rule looks at the whole diary. */
int cramp_has_red_flag(const struct cramp *c);

#endif
