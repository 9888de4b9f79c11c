/*
 * analysis_stage.c - the life stages of a period and its reference values.
 *
 * Every day of the period has its own life stage (dri_stage).  A reference
 * value of the period is the day-weighted mean of the daily values over the
 * days it judges (nutrition-science.md 0.3): because D = mean - EAR is
 * linear, this is IOM's mean of (y_i - EAR_i), and a due date moved by one
 * day moves a week's protein EAR by a seventh of a day's change, not by the
 * whole of it.  SDr is averaged the same way: where it is a fraction of the
 * EAR that equals the fraction of the mean EAR, as 0.3 asks.
 *
 * Past the due date the stages come from dri.c, which never falls back to
 * the non-pregnant values (0.2); here they become notes for the reader.
 *
 * No SQL, no printing, no exit.
 */
#include "analysis_int.h"

#include "dietbal/date.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void analysis_add_note(struct analysis *a, const char *fmt, ...) {
    va_list ap;

    if (a->n_notes >= ANALYSIS_MAX_NOTES)
        return;
    va_start(ap, fmt);
    vsnprintf(a->notes[a->n_notes], ANALYSIS_NOTE_LEN, fmt, ap);
    va_end(ap);
    if (a->notes[a->n_notes][0])
        a->n_notes++;
}

static int same_stage(const struct life_stage *x, const struct life_stage *y) {
    return x->table == y->table && x->band == y->band && x->trimester == y->trimester &&
           (x->flags & DRI_APPROX_MASK) == (y->flags & DRI_APPROX_MASK);
}

/* No usable profile: the non-pregnant female 19-30 y values, approximate.
 * Design choice: dietbal's users need their numbers judged against
 * something; refusing every reference-based warning would hide a calcium
 * intake of 300 mg as well as one of 900.  These values are the lowest
 * reasonable default for most nutrients a pregnant woman needs (her
 * magnesium, potassium, water and protein needs are higher), so a shortfall
 * shown with them is real, and the report says that her own values may be
 * higher.  Everything is marked approximate. */
static void default_stage(struct life_stage *st) {
    memset(st, 0, sizeof(*st));
    st->age_years = -1;
    st->sex = SEX_UNKNOWN;
    st->gest_days = -1;
    st->gest_week = -1;
    st->table = DRI_TABLE_NONPREGNANT;
    st->band = DRI_BAND_19_30;
    st->flags = DRI_APPROX_SEX;
    st->approximate = 1;
    snprintf(st->group, sizeof(st->group), "unknown (female 19-30 y values, approximate)");
}

static void no_profile(struct analysis *a, const char *why) {
    if (why)
        snprintf(a->profile_note, sizeof(a->profile_note),
                 "Profile incomplete (%s): reference values are those of a non-pregnant woman "
                 "aged 19-30 and are approximate. Run 'dietbal profile set'.",
                 why);
    else
        snprintf(a->profile_note, sizeof(a->profile_note),
                 "No profile: reference values are those of a non-pregnant woman aged 19-30 "
                 "and are approximate (yours may be higher). Run 'dietbal profile set' with "
                 "your age, weight and pregnancy.");
    for (size_t i = 0; i < a->days; i++)
        default_stage(&a->day_stage[i]);
    a->stage = a->day_stage[a->days - 1];
    a->stage_days = a->days_logged ? a->days_logged : a->days;
    a->has_profile = 0;
    analysis_add_note(a, "%s", a->profile_note);
}

/* The days a stage is counted over: the logged ones, all when none is. */
static int counted(const struct analysis *a, size_t i) {
    return a->days_logged == 0 || a->logged[i];
}

/* The note of the latest day past the due date (or past 42 weeks, or
 * pregnant without a due date), most serious kind first. */
static void stage_note(struct analysis *a, const struct profile *p) {
    static const unsigned kinds[] = {DRI_NOTE_PAST_TERM, DRI_NOTE_PAST_DUE, DRI_NOTE_NO_DUE_DATE};
    char note[ANALYSIS_NOTE_LEN];

    for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
        for (size_t i = a->days; i-- > 0;)
            if (a->day_stage[i].flags & kinds[k]) {
                analysis_add_note(
                    a, "%s", dri_stage_note(&a->day_stage[i], p->due_date, note, sizeof(note)));
                return;
            }
}

/* "pregnancy 19-30 y, trimester 1 on 3 days; ... on 4 days" when the
 * counted days span more than one stage. */
static void mixed_note(struct analysis *a) {
    char list[ANALYSIS_NOTE_LEN] = "";
    size_t len = 0, n_kinds = 0;

    for (size_t i = 0; i < a->days; i++) {
        size_t n = 0;
        int seen = 0;
        if (!counted(a, i))
            continue;
        for (size_t j = 0; j < i && !seen; j++)
            seen = counted(a, j) && same_stage(&a->day_stage[j], &a->day_stage[i]);
        if (seen)
            continue;
        for (size_t j = i; j < a->days; j++)
            n += counted(a, j) && same_stage(&a->day_stage[j], &a->day_stage[i]);
        n_kinds++;
        if (len < sizeof(list)) {
            int w = snprintf(list + len, sizeof(list) - len, "%s%s on %zu day%s", len ? "; " : "",
                             a->day_stage[i].group, n, n == 1 ? "" : "s");
            len += w > 0 ? (size_t)w : 0;
        }
    }
    a->stage_mixed = n_kinds > 1;
    if (a->stage_mixed)
        analysis_add_note(a,
                          "The period spans more than one life stage (%s): each reference value "
                          "is the day-weighted mean of the daily values.",
                          list);
}

int analysis_stage_fill(struct analysis *a, const struct profile *p) {
    size_t last = a->days - 1;

    a->day_stage = calloc(a->days, sizeof(*a->day_stage));
    if (!a->day_stage)
        return -1;
    if (!p || (p->age < 0 && p->birth_date[0] == '\0')) {
        no_profile(a, NULL);
        return 0;
    }
    for (size_t i = 0; i < a->days; i++) {
        char why[200] = "";
        if (dri_stage(p, a->from + (long)i, &a->day_stage[i], why, sizeof(why)) != 0) {
            no_profile(a, why);
            return 0;
        }
        if (counted(a, i))
            last = i;
    }
    a->has_profile = 1;
    a->stage = a->day_stage[last];
    a->stage_days = 0;
    for (size_t i = 0; i < a->days; i++)
        a->stage_days += counted(a, i) && same_stage(&a->day_stage[i], &a->stage);
    stage_note(a, p);
    mixed_note(a);
    return 0;
}

/* Whether day i judges nutrient nu: 2 for an assessed day (logged, with a
 * known and complete-enough total), 1 for another logged day, 0 else. */
static int judge_level(const struct analysis *a, const struct analysis_nutrient *nu, size_t i) {
    if (!a->logged[i])
        return 0;
    return isfinite(nu->daily[i]) && nu->daily_completeness[i] >= ANALYSIS_DAY_COMPLETENESS_MIN ? 2
                                                                                                : 1;
}

/* Running sums of the numbers of a dri_ref. */
#define REF_FIELDS(X)                                                                              \
    X(ear)                                                                                         \
    X(rda) X(ai) X(ul) X(cdrr) X(sdr) X(ear_g_per_kg) X(rda_g_per_kg) X(amdr_min_pct)              \
        X(amdr_max_pct)

struct ref_sum {
#define DECL(f) double f;
    REF_FIELDS(DECL)
#undef DECL
};

int analysis_period_ref(const struct analysis *a, int id, struct dri_ref *out, int *approximate) {
    const struct analysis_nutrient *nu = analysis_nutrient_of(a, id);
    struct ref_sum sum = {0};
    struct dri_ref r, last;
    int level = 0, approx = 0, mixed = 0;
    size_t n = 0, first = a->days;

    memset(&last, 0, sizeof(last));
    if (!nu)
        return -1;
    for (size_t i = 0; i < a->days; i++) {
        int l = judge_level(a, nu, i);
        level = l > level ? l : level;
    }
    for (size_t i = 0; i < a->days; i++) {
        if (judge_level(a, nu, i) != level)
            continue;
        if (dri_values(&a->day_stage[i], a->weight_kg, id, &r) != 0)
            return -1;
#define ADD(f) sum.f += r.f;
        REF_FIELDS(ADD)
#undef ADD
        approx |= a->day_stage[i].approximate;
        if (first == a->days)
            first = i;
        else
            mixed |= !same_stage(&a->day_stage[first], &a->day_stage[i]);
        last = r;
        n++;
    }
    if (n == 0)
        return -1;
    if (mixed) {
        /* Only then: a mean of equal values could differ from them in the
         * last bit, and the EAR must be exact where P = 0.5. */
#define MEAN(f) last.f = sum.f / (double)n;
        REF_FIELDS(MEAN)
#undef MEAN
        size_t len = strlen(last.note);
        snprintf(last.note + len, sizeof(last.note) - len, "%sday-weighted mean over %zu days",
                 len ? "; " : "", n);
    }
    *out = last;
    *approximate = approx;
    return 0;
}
