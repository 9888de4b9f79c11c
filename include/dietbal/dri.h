/*
 * dri.h - Dietary Reference Intakes by life stage: who the person is on a
 * given day (age band, pregnancy and trimester, lactation) and the reference
 * values and within-person SDs that apply to her for the 8 core nutrients
 * and vitamin D.
 *
 * Every number comes from /work/shared/docs/nutrition-science.md (sections
 * 1 and 2.5) and carries its source.  The module is pure: no SQL, no
 * printing, never exits.  Out-parameters are written only on success.
 *
 * Conventions (design choices, see dri.c for the reasoning):
 *  - Pregnant on `day` when the profile says pregnant, a due date is set
 *    and -14 <= due - day <= 280: pregnancy values up to 42+0 weeks, past
 *    the due date too (noted).  Later than that, lactation values when the
 *    profile says lactating, else pregnancy values marked approximate,
 *    noted either way: never the non-pregnant values, the lowest set
 *    (nutrition-science.md 0.2).  Gestational age = 280 - (due - day)
 *    days, week = days / 7 (completed weeks).  Trimester 1: weeks 0-13,
 *    2: weeks 14-27, 3: week 28 on.
 *  - Age < 14: refused.  Age 51+: 31-50 y values, flagged approximate.
 *  - The tables are for females.  Sex male or unknown: the female tables
 *    are used and flagged approximate.
 *  - Pregnant and lactating on the same day: pregnancy values, approximate.
 */
#ifndef DIETBAL_DRI_H
#define DIETBAL_DRI_H

#include "dietbal/profile.h"

#include <stddef.h>

/* Which table of nutrition-science.md 1.2 applies. */
enum dri_table {
    DRI_TABLE_NONPREGNANT = 0, /* 1.2 (a) non-pregnant, non-lactating females */
    DRI_TABLE_PREGNANCY,       /* 1.2 (b) */
    DRI_TABLE_LACTATION,       /* 1.2 (c) */
};

/* Age band of the tables. */
enum dri_band {
    DRI_BAND_14_18 = 0,
    DRI_BAND_19_30,
    DRI_BAND_31_50,
};

/* Bits of life_stage.flags.  DRI_APPROX_* make the stage approximate. */
#define DRI_APPROX_AGE 0x01u       /* age 51+: the 31-50 y values are used */
#define DRI_APPROX_SEX 0x02u       /* sex not female: the female tables are used */
#define DRI_APPROX_PREG_LACT 0x04u /* pregnant and lactating: pregnancy table used */
#define DRI_APPROX_PAST_TERM 0x08u /* past 42+0 weeks, not lactating: pregnancy values */
#define DRI_APPROX_MASK 0x0fu
#define DRI_NOTE_NO_DUE_DATE 0x10u /* pregnant flag without due date: not pregnant */
#define DRI_NOTE_PAST_DUE 0x20u    /* pregnant flag, day after the due date (to 42+0) */
#define DRI_NOTE_PAST_TERM 0x100u  /* pregnant flag, past 42+0 weeks (due date + 14) */
#define DRI_NOTE_BEFORE_PREG 0x40u /* pregnant flag, day > 280 days before due */
#define DRI_NOTE_AGE_UNDATED 0x80u /* age given without a date: not advanced */

struct life_stage {
    int age_years;        /* age on the day */
    enum sex sex;         /* as in the profile */
    int pregnant;         /* 1 when pregnant on the day */
    int gest_days;        /* gestational age in days, -1 when not pregnant */
    int gest_week;        /* completed weeks (gest_days / 7), -1 when not pregnant */
    int trimester;        /* 1-3, 0 when not pregnant */
    int lactating;        /* profile's lactating flag */
    enum dri_table table; /* table the values come from */
    enum dri_band band;   /* age band the values come from */
    unsigned flags;       /* DRI_APPROX_* | DRI_NOTE_* */
    int approximate;      /* (flags & DRI_APPROX_MASK) != 0 */
    char group[64];       /* "pregnancy 19-30 y, trimester 3", "female 31-50 y" */
};

/*
 * The life stage of profile p on day (a day number, date.h).  Age: the
 * birth date wins; else p->age advanced by the whole years elapsed since
 * p->age_set_on (not advanced when that date is empty).  Returns 0, or -1
 * with a message in err (age unknown, under 14, unparsable date).
 */
int dri_stage(const struct profile *p, long day, struct life_stage *out, char *err, size_t errlen);

/* Pregnancy values are kept up to 42+0 weeks: this many days past the due
 * date (nutrition-science.md 0.2). */
#define DRI_POST_TERM_DAYS 14

/*
 * The note a report and `profile show` give for a stage (past the due
 * date, past 42 weeks, pregnant without a due date), in words for people,
 * with due_date (the profile's, "YYYY-MM-DD") in it; "" when none.
 */
const char *dri_stage_note(const struct life_stage *st, const char *due_date, char *buf,
                           size_t len);

/* "non-pregnant", "pregnancy", "lactation" (the JSON life_stage value). */
const char *dri_table_name(enum dri_table t);

/* "14-18", "19-30", "31-50". */
const char *dri_band_name(enum dri_band b);

/*
 * Reference values of one core nutrient for one life stage.  A value that
 * does not exist is NAN and its source NULL.  Units are those of
 * nutrients.h (kcal, g, mg; water in g).
 */
struct dri_ref {
    int nutrient;     /* enum nutrient_id */
    const char *unit; /* "kcal", "g", "mg" */
    double ear, rda, ai, ul, cdrr;
    double sdr; /* SD of requirement (same unit), NAN without EAR */
    const char *ear_src, *rda_src, *ai_src, *ul_src, *cdrr_src, *sdr_src;
    int has_ear;            /* an EAR exists: the probability method applies */
    int approximate;        /* a value is an approximation (vitamin D's SDr):
                               probabilities from it are marked approximate */
    int ul_supplement_only; /* magnesium: compare supplemental intake only */
    /* Protein only (NAN otherwise): the g/kg figures, and whether ear/rda
     * were computed from the weight (1) or are the g/day fallback (0). */
    double ear_g_per_kg, rda_g_per_kg;
    int weight_based;
    /* Protein only (NAN otherwise): AMDR, % of energy. */
    double amdr_min_pct, amdr_max_pct;
    const char *amdr_src;
    char note[256]; /* caveats ("; "-separated), "" when none */
};

/*
 * Fill out for nutrient (NUT_ENERGY .. NUT_WATER, NUT_VITAMIN_D).
 * weight_kg may be NAN: protein then uses the g/day figures.  Returns 0, or
 * -1 for a nutrient that is not reported (nutrients_reported_slot).
 */
int dri_values(const struct life_stage *st, double weight_kg, int nutrient, struct dri_ref *out);

/*
 * Within-person SD of daily intake (SDw, nutrition-science.md 2.5) for
 * nutrient, in its unit.  Some entries are placeholders given as a CV of the
 * person's mean intake `mean` (same unit); *verified is 1 only for values
 * read in (or reliably back-calculated from) IOM 2000.  *source may be NULL.
 * Returns 0, or -1 for a nutrient outside the core set, or when the value
 * needs the mean and mean is not a finite number >= 0.
 */
int dri_sdw(const struct life_stage *st, int nutrient, double mean, double *sdw, int *verified,
            const char **source);

/*
 * Within-person CV of daily intake of nutrient in the survey tables (IOM
 * 2000 App. B, Tables B-2 to B-5): the figure IOM's 60-70 % caveat is
 * about, and the factor of the sensitivity figure SDw = CV x mean
 * (nutrition-science.md 0.1).  *verified is 1 only for a CV read in the
 * tables; *source may be NULL.  Returns 0, or -1 for a nutrient that is
 * not reported (the core set and vitamin D).
 */
int dri_table_cv(int nutrient, double *cv, int *verified, const char **source);

/* Protein energy: 4 kcal per g (IOM 1990, Nutrition During Pregnancy,
 * protein chapter; nutrition-science.md 1.3). */
#define DRI_PROTEIN_KCAL_PER_G 4.0

/* Protein AMDR, % of energy (IOM 2002/2005, AMDR summary table;
 * nutrition-science.md 1.3): 10-35 % for adults, 10-30 % for ages 4-18. */
#define DRI_PROTEIN_AMDR_MIN_PCT 10.0
#define DRI_PROTEIN_AMDR_MAX_PCT_ADULT 35.0
#define DRI_PROTEIN_AMDR_MAX_PCT_4_18 30.0
#define DRI_PROTEIN_AMDR_SRC "IOM 2002/2005, AMDR summary table"

/* Protein supplying >= 25 % of a supplement's energy makes it a
 * "high-protein" supplement (WHO eLENA; Imdad & Bhutta, BMC Public Health
 * 2011;11 Suppl 3:S17).  It describes a supplement, not a whole diet:
 * applying it to total diet is an extrapolation (nutrition-science.md 1.3). */
#define DRI_WHO_HIGH_PROTEIN_SUPPLEMENT_PCT 25.0
#define DRI_WHO_HIGH_PROTEIN_SUPPLEMENT_SRC                                                        \
    "WHO eLENA; Imdad & Bhutta, BMC Public Health 2011;11 Suppl 3:S17 (supplements)"

/* Upper bound of the protein AMDR for the stage: 30 at 14-18, else 35. */
double dri_protein_amdr_max_pct(const struct life_stage *st);

#endif
