/*
 * analysis.h - one period of the diary turned into one analysis: daily
 * values and descriptive statistics of the 8 core nutrients and vitamin D
 * (food + supplements, the supplement share apart), completeness,
 * the reference values of the period's life stages, the IOM 2000
 * probabilities (nutrition-science.md 2 and 0.1) with the days still needed
 * for a firm verdict (0.9), where each nutrient came from (foods and
 * supplements), mineral ratios, protein share and PRAL (3, 4), the
 * warnings, the cramp diary summary with its red flags and pregnancy
 * warning signs and, with enough days, how cramp days relate to the
 * previous day's intake, and trends.
 *
 * Inputs are plain arrays (the store's day totals and per-food totals,
 * diary.h; the cramp list; the profile); the module runs no SQL, does not
 * see the store's API, prints nothing and never exits.  The renderers
 * (report.h) only read the struct it builds.  It is split over analysis.c
 * (statistics, rules), analysis_stage.c (life stages, reference values,
 * notes) and analysis_sources.c (sources).
 *
 * Conventions (design choices; the reasons are in the .c files):
 *  - Unknown is NAN, never zero.  A nutrient's daily value is NAN on a day
 *    not logged, and on a logged day where no entry's food has a value for
 *    it.
 *  - Reference values of a period: each is the day-weighted mean of the
 *    values of the days it judges (the nutrient's assessed days; else the
 *    logged days; else every day), nutrition-science.md 0.3.  `stage` is
 *    the life stage of the last of those days, the one shown.
 *  - No usable profile (no age, or reference values unavailable): the
 *    non-pregnant female 19-30 y values are used, every figure is marked
 *    approximate, life stage is "unknown", and profile_note says to run
 *    `dietbal profile set`.
 *  - Probabilities use only days whose completeness for the nutrient is at
 *    least ANALYSIS_DAY_COMPLETENESS_MIN (nutrition-science.md 2.7).
 *  - Supplements: a day counts as logged when food is logged on it; its
 *    supplements add to its totals (never to its grams or completeness).
 *    Supplements on a day with no food are not assessed.
 */
#ifndef DIETBAL_ANALYSIS_H
#define DIETBAL_ANALYSIS_H

#include "dietbal/cramp.h"
#include "dietbal/diary.h"
#include "dietbal/dri.h"
#include "dietbal/nutrients.h"
#include "dietbal/profile.h"
#include "dietbal/stats.h"
#include "dietbal/supplement.h"

#include <stddef.h>

/* Longest period analysed (the report command refuses longer ones). */
#define ANALYSIS_MAX_DAYS 366

/* profile.notes: at most this many, each at most this long. */
#define ANALYSIS_MAX_NOTES 6
#define ANALYSIS_NOTE_LEN 512

/* Cramps on this many days running with pain that does not ease make a
 * red flag (product.md "Cramp diary"; a design choice with no published
 * threshold, nutrition-science.md 5.5 and 7 item 11); in one leg, pain that
 * persists into the next day does (0.4).  Same rules as `dietbal cramp
 * add`. */
#define ANALYSIS_PERSISTENT_PAIN_DAYS CRAMP_PERSISTENT_PAIN_DAYS
#define ANALYSIS_ONE_LEG_PAIN_DAYS CRAMP_ONE_LEG_PAIN_DAYS

/* The caller passes cramps from this many days before the period, so that
 * a run of persistent pain that started before it is seen whole. */
#define ANALYSIS_CRAMP_LOOKBACK_DAYS (ANALYSIS_PERSISTENT_PAIN_DAYS - 1)

/* A logged day enters the probabilities for a nutrient only when at least
 * this share of its grams has a known value of the nutrient (2.7). */
#define ANALYSIS_DAY_COMPLETENESS_MIN 0.8

/* Fewer logged days than this: DATA_SPARSE (nutrition-science.md 2.7). */
#define ANALYSIS_MIN_DAYS 3

/* Logged days needed before cramp days are related to intake and before
 * trends are computed (product.md "Report": 14 days or more). */
#define ANALYSIS_RELATION_MIN_DAYS 14

enum analysis_severity { ANALYSIS_INFO = 0, ANALYSIS_WARNING = 1, ANALYSIS_ALERT = 2 };

/* "info", "warning", "alert". */
const char *analysis_severity_name(enum analysis_severity s);

/* "energy" ... "water", "vitamin_d" (the JSON keys of product.md) of a
 * nutrient id, NULL for one that is not reported. */
const char *analysis_nutrient_key(int id);

struct analysis_input {
    long from, to;                 /* day numbers (date.h), from <= to */
    const struct profile *profile; /* NULL: no profile */
    const struct day_totals *days; /* logged days in [from, to], any order */
    size_t n_days;
    const struct cramp *cramps; /* [from - LOOKBACK, to]; others ignored */
    size_t n_cramps;
    /* What supplied the nutrients over [from, to], one row per food and
     * per supplement (store_period_foods); may be NULL. */
    const struct period_source *sources;
    size_t n_sources;
};

/* At most this many sources are kept per nutrient, largest first
 * (product.md, JSON `sources`). */
#define ANALYSIS_MAX_SOURCES 5

/* One of the foods or supplements that supplied a nutrient over the
 * period. */
struct analysis_source {
    char *id;                       /* owned */
    char *name;                     /* owned */
    double grams;                   /* eaten over the period; NAN for a source without a
                                       weight (a supplement) */
    double units;                   /* a supplement's units taken over the period; NAN for a food */
    char unit[SUPPLEMENT_UNIT_MAX]; /* its dose form ("tablet"); "" for a food */
    double amount;                  /* of the nutrient over the period, in its unit */
    double share;                   /* amount / the period's known total of the nutrient */
};

/* A verdict on P(adequate) is firm at or beyond these (the 0.15 and
 * 0.85; IOM 2000 Table B-1: z = 1 gives 0.85). */
#define ANALYSIS_FIRM_LOW 0.15
#define ANALYSIS_FIRM_HIGH 0.85

/* More days than this are not offered as "log N more days" (a year). */
#define ANALYSIS_DAYS_NEEDED_MAX 365

enum analysis_firmness {
    ANALYSIS_FIRM_NA = 0,    /* no P(adequate) */
    ANALYSIS_FIRM_YES,       /* P <= 0.15 or >= 0.85 */
    ANALYSIS_FIRM_MORE_DAYS, /* days_needed more logged days would make it firm */
    ANALYSIS_FIRM_NEVER,     /* no number of days would (0.9), or over a year */
};

struct analysis_nutrient {
    int id;           /* nutrient id (nutrients.h); a->nutrients[] is by slot */
    const char *key;  /* "calcium" */
    const char *unit; /* "mg" */

    /* Per day of the period (a->days entries). */
    double *daily;              /* total, food + supplements; NAN not logged or unknown */
    double *daily_completeness; /* known grams / logged grams of food; NAN not logged */
    double *daily_supplement;   /* the part from supplements; NAN not logged */

    /* Supplements: a label's undeclared amount is a real zero, and they
     * never count in completeness (food grams only). */
    double from_supplements; /* mean per logged day from supplements (0 when none) */
    double supp_assess_mean; /* the part of assess_mean from supplements */

    struct stats_summary desc; /* over logged days with a known total; n 0: none */
    double completeness;       /* sum known grams / sum logged grams; NAN: none logged */
    size_t n_incomplete;       /* logged days below ANALYSIS_DAY_COMPLETENESS_MIN */

    struct dri_ref ref;      /* the period's life stage (dri_values) */
    double target;           /* RDA, else AI; NAN when neither (energy) */
    const char *target_name; /* "RDA", "AI" or NULL */

    /* IOM 2000 assessment over the complete-enough days. */
    size_t n_assess;
    double assess_mean; /* NAN when n_assess is 0 */
    double sdw;         /* NAN when not needed or not computable */
    int sdw_verified;   /* 0: placeholder ("approximate") */
    const char *sdw_source;
    double table_cv;          /* the nutrient's survey CV (dri_table_cv) */
    int cv_unreliable;        /* table CV > STATS_CV_UNRELIABLE: no probability
                                 (never for the core nutrients, 0.1) */
    int no_intake;            /* assessed mean <= 0: no probability (0.1) */
    int approximate;          /* placeholder SDw or approximate stage */
    double p_adequate;        /* EAR nutrients; NAN otherwise or not computable */
    double p_adequate_scaled; /* the same with SDw = table CV x mean: the
                                 sensitivity figure of 0.1 */
    double p_above_ai;        /* AI nutrients (potassium, sodium, water) */
    double p_above_ul;        /* calcium, phosphorus, vitamin D on the total
                                 (magnesium: never; MAGNESIUM_SUPPLEMENT_UL tests
                                 supplemental magnesium alone) */
    double p_above_cdrr;      /* sodium against the CDRR */

    /* How firm P(adequate) is, and the more logged days at the same mean
     * that would make it firm (-1 unless ANALYSIS_FIRM_MORE_DAYS). */
    enum analysis_firmness firmness;
    long days_needed;

    /* Where it came from over the period, largest first. */
    struct analysis_source sources[ANALYSIS_MAX_SOURCES];
    size_t n_sources;
    double sources_total; /* the known total the shares are of; NAN none */

    int has_trend; /* ANALYSIS_RELATION_MIN_DAYS logged days and a fit */
    struct stats_trend trend;
};

/* Where a balance figure sits against its range. */
enum analysis_position {
    ANALYSIS_POS_UNKNOWN = -2, /* the figure is unknown */
    ANALYSIS_POS_BELOW = -1,
    ANALYSIS_POS_WITHIN = 0,
    ANALYSIS_POS_ABOVE = 1,
};

/* "unknown", "below", "within", "above". */
const char *analysis_position_name(enum analysis_position p);

struct analysis_measure {
    double value;     /* NAN unknown */
    double low, high; /* the range; NAN for an open end */
    enum analysis_position position;
    const char *range; /* what the range is and where it comes from */
};

struct analysis_balance {
    struct analysis_measure ca_p_ratio;         /* mass ratio of the period means */
    struct analysis_measure ca_mg_ratio;        /* mass ratio of the period means */
    struct analysis_measure protein_energy_pct; /* 100 x 4 x protein / energy */
    struct analysis_measure protein_g_per_kg;   /* NAN without a weight */
    struct analysis_measure pral_meq;           /* mean daily PRAL, mEq/day */
};

#define ANALYSIS_MAX_FIGURES 8

struct analysis_figure {
    const char *name; /* JSON key: "mean", "ear", "p_adequate" ... */
    double value;
    const char *unit; /* "mg", "g", "%", "" */
};

struct analysis_warning {
    const char *code; /* product.md warning code */
    enum analysis_severity severity;
    char *message;      /* the figures behind it (owned) */
    const char *why;    /* one line on why it matters (cramps) */
    const char *advice; /* what to eat or change */
    /* The food classes the advice says to eat more of and less of,
     * '|'-separated ("milk|cheese"), NULL for none: no warning of a report
     * may advise less of what another advises more of (0.5). */
    const char *more, *less;
    int nutrient;  /* the nutrient concerned, or -1 */
    int tentative; /* softened by DATA_SPARSE */
    size_t n_figures;
    struct analysis_figure figures[ANALYSIS_MAX_FIGURES];
};

/* Previous-day intake before cramp days and before other days. */
struct analysis_relation_item {
    const char *key;  /* "calcium", "magnesium", "protein", "pral" */
    const char *unit; /* "mg", "g", "mEq" */
    size_t n_cramp, n_other;
    double mean_cramp, mean_other; /* NAN when its n is 0 */
    double r_point_biserial;       /* NAN when not computable */
};

enum analysis_relation_state {
    ANALYSIS_REL_TOO_FEW_DAYS = 0, /* fewer than ANALYSIS_RELATION_MIN_DAYS logged */
    ANALYSIS_REL_NO_CONTRAST,      /* no cramp day, or no day without */
    ANALYSIS_REL_DONE,
};

#define ANALYSIS_RELATION_ITEMS 4

struct analysis_cramps {
    int episodes; /* in the period */
    int days_with_cramps;
    int night_episodes;
    int severity_n;       /* episodes with a severity */
    double mean_severity; /* NAN when none has one */
    int max_severity;     /* 0 when none has one */
    int *per_day;         /* episodes per day of the period */

    int red_flag;                                /* CRAMP_RED_FLAG */
    int sign_episodes;                           /* episodes with a single red-flag sign */
    long first_sign_day, last_sign_day;          /* -1 when none */
    int swelling, redness, warmth, hard_to_walk; /* episodes with each sign */
    int persistent_run;                          /* longest run of days with pain that did not ease,
                                                    ending in the period (lookback included) */
    long persistent_run_end;                     /* its last day, -1 when none */
    int one_leg_run;                             /* the same in one leg (cramp.h) */
    long one_leg_run_end;                        /* its last day, -1 when none */

    /* Pregnancy warning signs (PREECLAMPSIA_SIGNS, nutrition-science.md 0.4):
     * entries with each sign in the period; leg swelling on both sides
     * counts as sudden swelling too. */
    int preeclampsia;          /* any of them */
    int *preeclampsia_per_day; /* entries with a sign, per day of the period */
    int sudden_swelling, headache, vision_problems, pain_below_ribs;
    long first_preeclampsia_day, last_preeclampsia_day; /* -1 when none */

    /* Relation to the previous day's intake (exploratory, descriptive). */
    enum analysis_relation_state relation;
    size_t relation_pairs; /* (previous day logged, day observed) pairs */
    struct analysis_relation_item items[ANALYSIS_RELATION_ITEMS];
    /* Fisher's exact test, previous-day calcium below the EAR x cramp day:
     *   a = below & cramp, b = below & none, c = not below & cramp,
     *   d = not below & none. */
    int fisher_done;
    unsigned fisher_table[4];
    struct stats_fisher fisher;
};

struct analysis {
    long from, to;
    size_t days; /* to - from + 1 */
    size_t days_logged;
    unsigned char *logged; /* [days]: 1 when the day has an entry */

    int has_profile;              /* reference values are the person's own */
    char profile_note[512];       /* why not, and what to do; "" when has_profile */
    struct life_stage stage;      /* of the last logged day (last day when none) */
    struct life_stage *day_stage; /* [days]: each day's (the default stage
                                     for all without a usable profile) */
    size_t stage_days;            /* logged days (all days when none) in `stage` */
    int stage_mixed;              /* those days span more than one stage */

    /* What a reader must know about the life stage: no profile, past the
     * due date, past 42 weeks, a period spanning stages (profile.notes). */
    char notes[ANALYSIS_MAX_NOTES][ANALYSIS_NOTE_LEN];
    size_t n_notes;
    double weight_kg; /* NAN unknown */
    int approximate;  /* anything shown is approximate */

    struct analysis_nutrient nutrients[NUT_REPORTED_COUNT]; /* by slot (nutrients.h) */
    double *daily_pral;                                     /* [days], NAN unknown */
    struct analysis_balance balance;

    struct analysis_warning *warnings; /* most severe first, table order within */
    size_t n_warnings;

    struct analysis_cramps cramps;
};

/*
 * Analyse in.  On success *out is a new analysis (analysis_free) and 0 is
 * returned; on failure (from > to, a period longer than ANALYSIS_MAX_DAYS,
 * out of memory) -1 with a message in err.
 */
int analysis_run(const struct analysis_input *in, struct analysis **out, char *err, size_t errlen);
void analysis_free(struct analysis *a);

/* The nutrient of that id (a reported one), or NULL. */
const struct analysis_nutrient *analysis_nutrient_of(const struct analysis *a, int id);

/* The warning of that code, or NULL. */
const struct analysis_warning *analysis_warning_find(const struct analysis *a, const char *code);

/*
 * Nutrients that are short (PROTEIN_LOW, CALCIUM_LOW, MAGNESIUM_LOW or
 * CA_MG_RATIO_HIGH, POTASSIUM_LOW, WATER_LOW), each once, in nutrient
 * order: the ones to suggest foods for.  Phosphorus is left out (see
 * analysis.c).
 * Returns how many were written to ids (at most max).
 */
size_t analysis_short_nutrients(const struct analysis *a, int *ids, size_t max);

/*
 * The warning rules, for documentation and tests: one entry per product.md
 * warning code, in the order they are checked.
 */
struct analysis_rule {
    const char *code;
    enum analysis_severity severity; /* the most severe it can give */
    const char *condition;           /* when it fires, with its thresholds */
    const char *source;              /* where the threshold comes from */
    const char *why;
    const char *advice;
    const char *more, *less; /* as in struct analysis_warning */
    void (*check)(struct analysis *a, const struct analysis_rule *rule, int *failed);
};

const struct analysis_rule *analysis_rules(size_t *n);

#endif
