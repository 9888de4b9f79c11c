/*
 * stats.h - the statistics of nutrition-science.md sections 2-4, on plain
 * numbers: descriptive daily statistics, probability of adequacy against an
 * EAR, tests against an AI or UL (IOM 2000), PRAL and NEAP acid load,
 * mineral ratios, Fisher's exact test, point-biserial correlation and a
 * linear trend.  Built on GSL.
 *
 * Nothing here knows about foods, profiles or the store; reference values
 * come from dri.h.  Unknown is NAN, never zero: an unknown input gives an
 * unknown (NAN) result.  Functions returning int give 0 on success and -1
 * on invalid input, and write their out-parameter only on success.  No
 * function prints or exits, and inputs are checked before GSL sees them so
 * that GSL's error handler (which aborts) is never reached.
 */
#ifndef DIETBAL_STATS_H
#define DIETBAL_STATS_H

#include <stddef.h>

/* --- descriptive statistics ------------------------------------------------ */

struct stats_summary {
    size_t n;    /* values used (NAN entries are skipped) */
    double mean; /* gsl_stats_mean */
    double sd;   /* sample SD (n - 1), NAN when n == 1 */
    double min, max;
};

/* Mean, SD, min and max of the finite entries of values[0..n-1]; NAN
 * entries (days not logged) are skipped.  -1 when no entry is left, when an
 * entry is infinite, or when memory runs out. */
int stats_describe(const double *values, size_t n, struct stats_summary *out);

/* --- one person's intake against reference values (IOM 2000) --------------- */

/* Within-person CV above which daily intakes are too skewed for the normal
 * approximation: report the mean only (IOM 2000, footnote to Tables B-2 to
 * B-5: "about 60-70 %"; the lower end is used).  The CV is the nutrient's
 * in the survey tables (dri_table_cv), never SDw over one person's own
 * mean (nutrition-science.md 0.1; IOM 2000 App. B p. 190, ch. 3 p. 65). */
#define STATS_CV_UNRELIABLE 0.60

/* 1 when the nutrient's survey-table CV is above STATS_CV_UNRELIABLE or
 * unknown: a probability would be unreliable.  None of dietbal's nutrients
 * comes near it (0.1). */
int stats_cv_unreliable(double table_cv);

struct stats_adequacy {
    double d;    /* mean - EAR */
    double sd_d; /* sqrt(SDr^2 + SDw^2 / n) */
    double z;    /* d / sd_d */
    double p;    /* Phi(z): probability that usual intake is adequate */
};

/*
 * Probability of adequacy (EAR method, nutrition-science.md 2.2) for a mean
 * intake over n_days days.  SDw is the survey within-person SD (dri_sdw), not
 * the SD of the person's own days.  -1 on a non-finite input, negative SD,
 * n_days == 0 or SD_D == 0.
 */
int stats_p_adequate(double mean, double ear, double sdr, double sdw, size_t n_days,
                     struct stats_adequacy *out);

/* Mean observed intake over n_days needed for confidence c (0 < c < 1) that
 * usual intake is adequate: EAR + Phi^-1(c) x SD_D.  NAN on invalid input. */
double stats_intake_needed(double ear, double sdr, double sdw, size_t n_days, double confidence);

/*
 * How many logged days at the same mean would make P(adequate) reach
 * `firm` (0.5 < firm < 1: at least firm when the mean is above the EAR, at
 * most 1 - firm when below) - nutrition-science.md 0.9: the smallest n
 * with sqrt(SDr^2 + SDw^2 / n) <= |mean - EAR| / Phi^-1(firm).
 * Returns 0 with *n_total (the whole number of days, which may be no more
 * than the days already logged when the verdict is firm already); 1 when no
 * number of days is enough, because |mean - EAR| / Phi^-1(firm) <= SDr (the
 * spread of the requirement itself decides) or n would pass max_days; -1 on
 * invalid input.
 */
int stats_days_needed(double mean, double ear, double sdr, double sdw, double firm, long max_days,
                      long *n_total);

struct stats_ztest {
    double z; /* (mean - reference) / (SDw / sqrt(n)) */
    double p; /* Phi(z), see each function */
};

/* AI test (2.3): p = confidence that usual intake exceeds the AI.  A low p
 * shows nothing about inadequacy.  -1 on non-finite input, sdw <= 0 or
 * n_days == 0. */
int stats_above_ai(double mean, double ai, double sdw, size_t n_days, struct stats_ztest *out);

/* UL test (2.4), also usable against the sodium CDRR: p = probability that
 * usual intake is above the UL; 1 - p is the confidence it is below. */
int stats_above_ul(double mean, double ul, double sdw, size_t n_days, struct stats_ztest *out);

/* --- acid load (section 3) ------------------------------------------------- */

/* PRAL, mEq/day (Remer & Manz 1995): 0.49 protein_g + 0.037 P_mg
 * - 0.021 K_mg - 0.026 Mg_mg - 0.013 Ca_mg.  NAN if any input is unknown. */
double stats_pral(double protein_g, double phosphorus_mg, double potassium_mg, double magnesium_mg,
                  double calcium_mg);

/* NEAP, mEq/day (Frassetto et al. 1998): 54.5 x protein_g / K_mEq - 10.2,
 * K_mEq = K_mg / 39.1.  NAN if unknown or potassium is not > 0. */
double stats_neap(double protein_g, double potassium_mg);

/* --- ratios (section 4; mass ratios) --------------------------------------- */

/* num / den; NAN when either is unknown or negative, or den is 0. */
double stats_ratio(double num, double den);
double stats_ca_p_ratio(double calcium_mg, double phosphorus_mg);
double stats_ca_mg_ratio(double calcium_mg, double magnesium_mg);
/* 100 x 4 x protein_g / energy_kcal (4 kcal/g, nutrition-science.md 1.3). */
double stats_protein_energy_pct(double protein_g, double energy_kcal);
double stats_protein_g_per_kg(double protein_g, double weight_kg);

/* --- association and trend -------------------------------------------------- */

/*
 * Fisher's exact test on the 2x2 table
 *              outcome   no outcome
 *   exposed       a          b
 *   unexposed     c          d
 * by the hypergeometric distribution of a given the margins.
 */
struct stats_fisher {
    double p_less;      /* P(X <= a): exposure goes with less outcome */
    double p_greater;   /* P(X >= a): exposure goes with more outcome */
    double p_two_sided; /* sum of P(X = k) over tables no more likely than a */
    double odds_ratio;  /* sample odds ratio ad / bc (INFINITY, NAN for 0/0) */
};
/* -1 when the table is empty or its total exceeds 1,000,000. */
int stats_fisher_exact(unsigned a, unsigned b, unsigned c, unsigned d, struct stats_fisher *out);

/*
 * Point-biserial correlation: Pearson r between group[i] (0 or 1) and
 * values[i] (gsl_stats_correlation).  Pairs with a NAN in either are
 * skipped.  -1 when a group value is not 0/1/NAN, either group is empty,
 * the values are constant, fewer than 3 pairs are left, or memory runs out.
 */
int stats_point_biserial(const double *group, const double *values, size_t n, double *r);

struct stats_trend {
    size_t n;              /* days used */
    double slope_per_week; /* least-squares slope per day x 7 */
    double se_per_week;    /* its standard error x 7 */
    double intercept;      /* fitted value at day index 0 */
};

/* Linear trend of values[i] against day index i (gsl_fit_linear); NAN
 * entries (days not logged) are skipped.  -1 with fewer than 3 values left,
 * an infinite value, or when memory runs out. */
int stats_trend(const double *values, size_t n, struct stats_trend *out);

#endif
