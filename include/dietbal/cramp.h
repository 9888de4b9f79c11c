/*
 * cramp.h - one leg-cramp episode from the cramp diary.
 */
#ifndef DIETBAL_CRAMP_H
#define DIETBAL_CRAMP_H

#include <stddef.h>
#include <stdint.h>

/* What an entry may say: a severity on a scale of 1 to 10 (0: not given), a
 * duration of at most a day, a site and a side from these lists (NULL at
 * the end; "": not given).  The schema's CHECKs on the cramp table say the
 * same. */
#define CRAMP_SEVERITY_MIN 1
#define CRAMP_SEVERITY_MAX 10
#define CRAMP_DURATION_MAX_MIN (24 * 60)
extern const char *const cramp_sites[]; /* calf foot thigh other */
extern const char *const cramp_sides[]; /* left right both */

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
    int pain_persists; /* pain that does not ease after stretching */
    /* pregnancy warning signs (possible pre-eclampsia, 0.4): logged with a
     * cramp or on their own */
    int sudden_swelling; /* of the face, hands or feet */
    int headache;        /* severe */
    int vision_problems; /* blurring, flashing lights */
    int pain_below_ribs;
};

/* Cramps with pain that does not ease on this many days running call for
 * care now.  A design choice: no published threshold exists
 * (product.md "Cramp diary"; nutrition-science.md 5.5 and 7, item 11).
 * Since 0.4 (NHS: cramping pain in one leg is a DVT symptom) this rule is
 * kept for soreness in both legs only: */
#define CRAMP_PERSISTENT_PAIN_DAYS 3
/* in one leg, pain that persists into the next day (two days running) is
 * enough (nutrition-science.md 0.4). */
#define CRAMP_ONE_LEG_PAIN_DAYS 2

/* Whether c may be logged: a real date (YYYY-MM-DD), and the severity,
 * duration, site and side above.  0, or -1 with "WHAT: why" in
 * err (len bytes), WHAT the option of `dietbal cramp add` at fault. */
int cramp_check(const struct cramp *c, char *err, size_t len);

/* True when the episode carries any single red-flag sign (swelling, redness,
 * warmth, hard to walk).  Pain that does not ease counts only over days
 * running; those rules look at the whole diary (cramp_pain_runs). */
int cramp_has_red_flag(const struct cramp *c);

/* True when the entry carries a pregnancy warning sign (sudden swelling,
 * severe headache, vision problems, pain below the ribs), or swelling of
 * both legs, which is not only a clot sign (nutrition-science.md 0.4). */
int cramp_has_preeclampsia_sign(const struct cramp *c);

/* False for an entry that only records pregnancy warning signs (no cramp
 * detail, no clot sign): it is not a cramp episode. */
int cramp_is_episode(const struct cramp *c);

/* Persistent pain of an entry: CRAMP_LEG_LEFT or CRAMP_LEG_RIGHT for one
 * leg, both bits when the side is not given (either leg may be the one),
 * CRAMP_LEG_BOTH for soreness in both legs; 0 when the entry has no pain
 * that does not ease. */
#define CRAMP_LEG_LEFT 1u
#define CRAMP_LEG_RIGHT 2u
#define CRAMP_LEG_BOTH 4u
unsigned cramp_pain_legs(const struct cramp *c);

/* Runs of days with pain that does not ease, ending on one day. */
struct cramp_pain_runs {
    int any;     /* days running with such pain, in any leg */
    int one_leg; /* days running with it in the same leg (left, or right) */
};

/* The runs ending on day (a day number, date.h) among the n entries of c
 * (any order; other days are ignored). */
struct cramp_pain_runs cramp_pain_runs_on(const struct cramp *c, size_t n, long day);

/* Whether runs call for care now: any >= CRAMP_PERSISTENT_PAIN_DAYS, or
 * one_leg >= CRAMP_ONE_LEG_PAIN_DAYS. */
int cramp_pain_is_red_flag(struct cramp_pain_runs r);

#endif
