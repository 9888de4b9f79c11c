/*
 * cramp.c - rules about cramp diary entries: the clot red flags and the
 * pregnancy warning signs (nutrition-science.md 5.5 and 0.4), and the runs
 * of days with pain that does not ease.  Shared by `dietbal cramp add` and
 * the analysis, so that both say the same; and what an entry may hold.
 * No I/O.
 */
#include "dietbal/cramp.h"

#include "dietbal/date.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const cramp_sites[] = {"calf", "foot", "thigh", "other", NULL};
const char *const cramp_sides[] = {"left", "right", "both", NULL};

/* "" (not given), or one of the words. */
static int empty_or_one_of(const char *v, const char *const *words) {
    if (!v[0])
        return 1;
    for (; *words; words++)
        if (strcmp(v, *words) == 0)
            return 1;
    return 0;
}

/* "a, b, c" */
static void list_words(const char *const *words, char *out, size_t len) {
    size_t at = 0;
    out[0] = '\0';
    for (size_t i = 0; words[i] && at < len; i++) {
        int n = snprintf(out + at, len - at, "%s%s", i ? ", " : "", words[i]);
        at += n > 0 ? (size_t)n : 0;
    }
}

/* "WHAT: 'VALUE' is not one of a, b, c" into err; -1. */
static int not_one_of(const char *what, const char *v, const char *const *words, char *err,
                      size_t len) {
    char list[64];
    list_words(words, list, sizeof(list));
    snprintf(err, len, "%s: '%s' is not one of %s", what, v, list);
    return -1;
}

int cramp_check(const struct cramp *c, char *err, size_t len) {
    char canon[11];
    long day;

    /* the date as date_format writes it: "today" is not a stored date */
    if (date_parse(c->date, 0, &day) == 0)
        date_format(day, canon);
    else
        canon[0] = '\0';
    if (strcmp(canon, c->date) != 0 || !c->date[0]) {
        snprintf(err, len, "--date: '%s' is not a date (use YYYY-MM-DD)", c->date);
        return -1;
    }
    if (c->severity != 0 &&
        (c->severity < CRAMP_SEVERITY_MIN || c->severity > CRAMP_SEVERITY_MAX)) {
        snprintf(err, len, "--severity: '%d' is not a whole number from %d to %d", c->severity,
                 CRAMP_SEVERITY_MIN, CRAMP_SEVERITY_MAX);
        return -1;
    }
    if (!isnan(c->duration_min) &&
        !(c->duration_min >= 0 && c->duration_min <= CRAMP_DURATION_MAX_MIN)) {
        snprintf(err, len, "--duration-min: '%g' is not a number of minutes (0 to %d)",
                 c->duration_min, CRAMP_DURATION_MAX_MIN);
        return -1;
    }
    if (!empty_or_one_of(c->site, cramp_sites))
        return not_one_of("--site", c->site, cramp_sites, err, len);
    if (!empty_or_one_of(c->side, cramp_sides))
        return not_one_of("--side", c->side, cramp_sides, err, len);
    return 0;
}

/* Any one of these signs is enough (product.md "Cramp diary";
 * nutrition-science.md 5.5: swelling, redness, warmth, difficulty walking). */
int cramp_has_red_flag(const struct cramp *c) {
    return c->swelling || c->redness || c->warmth || c->hard_to_walk;
}

/* NHS pre-eclampsia guidance (nutrition-science.md 0.4): sudden swelling of
 * the face, hands or feet, severe headache, vision problems, pain just below
 * the ribs.  "Swelling of both legs is therefore not only a clot sign": it
 * counts here too. */
int cramp_has_preeclampsia_sign(const struct cramp *c) {
    return c->sudden_swelling || c->headache || c->vision_problems || c->pain_below_ribs ||
           (c->swelling && strcmp(c->side, "both") == 0);
}

int cramp_is_episode(const struct cramp *c) {
    int cramp_detail = c->severity > 0 || c->duration_min >= 0 || c->site[0] || c->side[0] ||
                       c->night || c->pain_persists || cramp_has_red_flag(c);
    return cramp_detail || !cramp_has_preeclampsia_sign(c);
}

unsigned cramp_pain_legs(const struct cramp *c) {
    if (!c->pain_persists)
        return 0;
    if (strcmp(c->side, "left") == 0)
        return CRAMP_LEG_LEFT;
    if (strcmp(c->side, "right") == 0)
        return CRAMP_LEG_RIGHT;
    if (strcmp(c->side, "both") == 0)
        return CRAMP_LEG_BOTH;
    /* Side not given: it cannot rule out one leg, so it counts for each
     * (safety first). */
    return CRAMP_LEG_LEFT | CRAMP_LEG_RIGHT;
}

/* The legs with persistent pain on day. */
static unsigned legs_on(const struct cramp *c, size_t n, long day) {
    char ds[11];
    unsigned legs = 0;

    date_format(day, ds);
    for (size_t i = 0; i < n; i++)
        if (strcmp(c[i].date, ds) == 0)
            legs |= cramp_pain_legs(&c[i]);
    return legs;
}

struct cramp_pain_runs cramp_pain_runs_on(const struct cramp *c, size_t n, long day) {
    struct cramp_pain_runs r = {0, 0};
    int left = 1, right = 1, run_l = 0, run_r = 0;

    for (long d = day;; d--) {
        unsigned legs = legs_on(c, n, d);
        if (!legs)
            break;
        r.any++;
        /* a run in one leg stops at the first day without pain there */
        left = left && (legs & CRAMP_LEG_LEFT);
        right = right && (legs & CRAMP_LEG_RIGHT);
        run_l += left;
        run_r += right;
    }
    r.one_leg = run_l > run_r ? run_l : run_r;
    return r;
}

int cramp_pain_is_red_flag(struct cramp_pain_runs r) {
    return r.any >= CRAMP_PERSISTENT_PAIN_DAYS || r.one_leg >= CRAMP_ONE_LEG_PAIN_DAYS;
}
