/*
 * stats.c - statistics of nutrition-science.md sections 2 (IOM 2000 intake
 * assessment), 3 (PRAL, NEAP) and 4 (mineral ratios), plus the association
 * and trend tools the report needs, on top of GSL.
 *
 * Every input is validated before it reaches GSL: GSL's default error
 * handler aborts, and library code must never end the program.  Nothing
 * here prints, allocates beyond a scratch copy, or knows about the store.
 */
#include "dietbal/stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_statistics_double.h>

#include <math.h>
#include <stdlib.h>

/* Copy the non-NAN entries of values into a new array (free it); *m is
 * their count and *bad is set on an infinite entry.  NULL when n is 0 or
 * memory runs out. */
static double *finite_copy(const double *values, size_t n, size_t *m, int *bad) {
    double *buf;
    *m = 0;
    *bad = 0;
    if (!values || n == 0)
        return NULL;
    buf = malloc(n * sizeof(*buf));
    if (!buf)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (isnan(values[i]))
            continue;
        if (isinf(values[i]))
            *bad = 1;
        buf[(*m)++] = values[i];
    }
    return buf;
}

int stats_describe(const double *values, size_t n, struct stats_summary *out) {
    struct stats_summary s;
    size_t m;
    int bad, rc = -1;
    double *x = finite_copy(values, n, &m, &bad);

    if (!x || bad || m == 0 || !out)
        goto out;
    s.n = m;
    s.mean = gsl_stats_mean(x, 1, m);
    /* sample SD (divisor m - 1); one day has no spread to estimate */
    s.sd = m > 1 ? gsl_stats_sd_m(x, 1, m, s.mean) : NAN;
    gsl_stats_minmax(&s.min, &s.max, x, 1, m);
    *out = s;
    rc = 0;
out:
    free(x);
    return rc;
}

/* --- IOM 2000 individual assessment ----------------------------------------- */

int stats_cv_unreliable(double table_cv) {
    return !(isfinite(table_cv) && table_cv >= 0 && table_cv <= STATS_CV_UNRELIABLE);
}

/* SD_D = sqrt(SDr^2 + SDw^2 / n) (NAP 9956 ch. 3 and App. B; 2.2). */
static double sd_of_difference(double sdr, double sdw, size_t n_days) {
    return sqrt(sdr * sdr + sdw * sdw / (double)n_days);
}

static int valid_sds(double sdr, double sdw, size_t n_days) {
    return isfinite(sdr) && sdr >= 0 && isfinite(sdw) && sdw >= 0 && n_days > 0;
}

int stats_p_adequate(double mean, double ear, double sdr, double sdw, size_t n_days,
                     struct stats_adequacy *out) {
    struct stats_adequacy a;

    if (!out || !isfinite(mean) || !isfinite(ear) || !valid_sds(sdr, sdw, n_days))
        return -1;
    a.sd_d = sd_of_difference(sdr, sdw, n_days);
    if (!(a.sd_d > 0))
        return -1;
    a.d = mean - ear;
    a.z = a.d / a.sd_d;
    a.p = gsl_cdf_ugaussian_P(a.z);
    *out = a;
    return 0;
}

double stats_intake_needed(double ear, double sdr, double sdw, size_t n_days, double confidence) {
    /* Pinv(0) and Pinv(1) are infinite; outside (0, 1) it is meaningless. */
    if (!isfinite(ear) || !valid_sds(sdr, sdw, n_days) || !(confidence > 0 && confidence < 1))
        return NAN;
    return ear + gsl_cdf_ugaussian_Pinv(confidence) * sd_of_difference(sdr, sdw, n_days);
}

/*
 * nutrition-science.md 0.9: n is the unknown of z = D / sqrt(SDr^2 +
 * SDw^2 / n).  With T = |D| / Phi^-1(firm), the verdict is firm once
 * SDr^2 + SDw^2 / n <= T^2, i.e. n >= SDw^2 / (T^2 - SDr^2); when
 * T <= SDr no n is enough.
 */
int stats_days_needed(double mean, double ear, double sdr, double sdw, double firm, long max_days,
                      long *n_total) {
    if (!n_total || !isfinite(mean) || !isfinite(ear) || !valid_sds(sdr, sdw, 1) ||
        !(firm > 0.5 && firm < 1) || max_days < 1)
        return -1;
    double t = fabs(mean - ear) / gsl_cdf_ugaussian_Pinv(firm);
    double room = t * t - sdr * sdr;
    if (!(t > sdr) || !(room > 0))
        return 1;
    double n = sdw * sdw / room;
    if (!(n <= (double)max_days))
        return 1;
    *n_total = n <= 1 ? 1 : (long)ceil(n);
    return 0;
}

/* z = (mean - ref) / (SDw / sqrt(n)) (NAP 9956 p. 60, p. 199, Table B-6). */
static int z_test(double mean, double ref, double sdw, size_t n_days, struct stats_ztest *out) {
    struct stats_ztest t;

    if (!out || !isfinite(mean) || !isfinite(ref) || !isfinite(sdw) || !(sdw > 0) || n_days == 0)
        return -1;
    t.z = (mean - ref) / (sdw / sqrt((double)n_days));
    t.p = gsl_cdf_ugaussian_P(t.z);
    *out = t;
    return 0;
}

int stats_above_ai(double mean, double ai, double sdw, size_t n_days, struct stats_ztest *out) {
    return z_test(mean, ai, sdw, n_days, out);
}

int stats_above_ul(double mean, double ul, double sdw, size_t n_days, struct stats_ztest *out) {
    return z_test(mean, ul, sdw, n_days, out);
}

/* --- acid load ---------------------------------------------------------------- */

static int known_amount(double x) { return isfinite(x) && x >= 0; }

/* Remer T, Manz F. J Am Diet Assoc 1995;95:791-797 (nutrition-science.md 3.1). */
#define PRAL_PROTEIN 0.49
#define PRAL_PHOSPHORUS 0.037
#define PRAL_POTASSIUM 0.021
#define PRAL_MAGNESIUM 0.026
#define PRAL_CALCIUM 0.013

double stats_pral(double protein_g, double phosphorus_mg, double potassium_mg, double magnesium_mg,
                  double calcium_mg) {
    if (!known_amount(protein_g) || !known_amount(phosphorus_mg) || !known_amount(potassium_mg) ||
        !known_amount(magnesium_mg) || !known_amount(calcium_mg))
        return NAN;
    return PRAL_PROTEIN * protein_g + PRAL_PHOSPHORUS * phosphorus_mg -
           PRAL_POTASSIUM * potassium_mg - PRAL_MAGNESIUM * magnesium_mg -
           PRAL_CALCIUM * calcium_mg;
}

/* Frassetto LA et al. Am J Clin Nutr 1998;68:576-583 (nutrition-science.md
 * 3.2; coefficients ⚠️ not read in the paper itself). */
#define NEAP_SLOPE 54.5
#define NEAP_INTERCEPT (-10.2)
/* Potassium is monovalent: 1 mEq = 1 mmol = 39.1 mg (atomic mass 39.10). */
#define K_MG_PER_MEQ 39.1

double stats_neap(double protein_g, double potassium_mg) {
    if (!known_amount(protein_g) || !known_amount(potassium_mg) || potassium_mg <= 0)
        return NAN;
    return NEAP_SLOPE * protein_g / (potassium_mg / K_MG_PER_MEQ) + NEAP_INTERCEPT;
}

/* --- ratios ------------------------------------------------------------------- */

double stats_ratio(double num, double den) {
    if (!known_amount(num) || !known_amount(den) || den == 0)
        return NAN;
    return num / den;
}

double stats_ca_p_ratio(double calcium_mg, double phosphorus_mg) {
    return stats_ratio(calcium_mg, phosphorus_mg);
}

double stats_ca_mg_ratio(double calcium_mg, double magnesium_mg) {
    return stats_ratio(calcium_mg, magnesium_mg);
}

/* 4 kcal/g: metabolisable energy of protein (IOM 1990, Nutrition During
 * Pregnancy, protein chapter; nutrition-science.md 1.3). */
#define PROTEIN_KCAL_PER_G 4.0

double stats_protein_energy_pct(double protein_g, double energy_kcal) {
    return 100.0 * stats_ratio(PROTEIN_KCAL_PER_G * protein_g, energy_kcal);
}

double stats_protein_g_per_kg(double protein_g, double weight_kg) {
    return stats_ratio(protein_g, weight_kg);
}

/* --- Fisher's exact test ------------------------------------------------------ */

/* Tables are counts of days or episodes; the two-sided sum loops over the
 * support, so keep it bounded. */
#define FISHER_MAX_TOTAL 1000000UL

/* Relative tolerance for "no more likely than the observed table", so that
 * tables of equal probability are not lost to rounding (R's fisher.test
 * uses the same 1 + 1e-7). */
#define FISHER_REL_TOL (1.0 + 1e-7)

int stats_fisher_exact(unsigned a, unsigned b, unsigned c, unsigned d, struct stats_fisher *out) {
    struct stats_fisher f;
    unsigned long total = (unsigned long)a + b + c + d;

    if (!out || total == 0 || total > FISHER_MAX_TOTAL)
        return -1;
    /* X = a ~ hypergeometric: n1 = a + c "outcome" items, n2 = b + d
     * others, t = a + b drawn (the exposed row). */
    unsigned n1 = a + c, n2 = b + d, t = a + b;
    unsigned lo = t > n2 ? t - n2 : 0;
    unsigned hi = t < n1 ? t : n1;

    f.p_less = gsl_cdf_hypergeometric_P(a, n1, n2, t);
    f.p_greater = a > lo ? gsl_cdf_hypergeometric_Q(a - 1, n1, n2, t) : 1.0;
    double p_obs = gsl_ran_hypergeometric_pdf(a, n1, n2, t);
    double sum = 0;
    for (unsigned k = lo; k <= hi; k++) {
        double pk = gsl_ran_hypergeometric_pdf(k, n1, n2, t);
        if (pk <= p_obs * FISHER_REL_TOL)
            sum += pk;
    }
    f.p_two_sided = sum > 1.0 ? 1.0 : sum;
    if (f.p_less > 1.0)
        f.p_less = 1.0;
    if (f.p_greater > 1.0)
        f.p_greater = 1.0;
    double ad = (double)a * d, bc = (double)b * c;
    f.odds_ratio = bc > 0 ? ad / bc : ad > 0 ? INFINITY : NAN;
    *out = f;
    return 0;
}

/* --- point-biserial correlation ------------------------------------------------ */

int stats_point_biserial(const double *group, const double *values, size_t n, double *r) {
    double *x = NULL, *y = NULL, rr;
    size_t m = 0, ones = 0;
    int rc = -1;

    if (!group || !values || !r || n == 0)
        goto out;
    x = malloc(n * sizeof(*x));
    y = malloc(n * sizeof(*y));
    if (!x || !y)
        goto out;
    for (size_t i = 0; i < n; i++) {
        if (isnan(group[i]) || isnan(values[i]))
            continue;
        if ((group[i] != 0.0 && group[i] != 1.0) || isinf(values[i]))
            goto out;
        ones += group[i] == 1.0;
        x[m] = group[i];
        y[m] = values[i];
        m++;
    }
    if (m < 3 || ones == 0 || ones == m)
        goto out;
    rr = gsl_stats_correlation(x, 1, y, 1, m);
    if (!isfinite(rr)) /* constant values: 0 / 0 */
        goto out;
    *r = rr;
    rc = 0;
out:
    free(x);
    free(y);
    return rc;
}

/* --- trend --------------------------------------------------------------------- */

int stats_trend(const double *values, size_t n, struct stats_trend *out) {
    double *x = NULL, *y = NULL;
    double c0, c1, cov00, cov01, cov11, sumsq;
    size_t m = 0;
    int rc = -1;

    if (!values || !out || n == 0)
        goto out;
    x = malloc(n * sizeof(*x));
    y = malloc(n * sizeof(*y));
    if (!x || !y)
        goto out;
    for (size_t i = 0; i < n; i++) {
        if (isnan(values[i]))
            continue;
        if (isinf(values[i]))
            goto out;
        x[m] = (double)i;
        y[m] = values[i];
        m++;
    }
    /* Two points fit exactly and leave no residual to estimate the SE. */
    if (m < 3)
        goto out;
    gsl_fit_linear(x, 1, y, 1, m, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
    (void)cov00;
    (void)cov01;
    (void)sumsq;
    out->n = m;
    out->slope_per_week = 7.0 * c1;
    out->se_per_week = 7.0 * sqrt(cov11);
    out->intercept = c0;
    rc = 0;
out:
    free(x);
    free(y);
    return rc;
}
