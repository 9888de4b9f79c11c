/*
 * test_stats.c - the statistics against the worked examples of
 * nutrition-science.md 2.6 and 3.2 and against hand-computed values.  The
 * arithmetic is written out in the comments; tolerances are those of the
 * printed figures (3 decimals for z and P, 0.1 for SD_D, 1 mg for the
 * intake thresholds IOM prints to the mg).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/date.h"
#include "dietbal/dri.h"
#include "dietbal/nutrients.h"
#include "dietbal/profile.h"
#include "dietbal/stats.h"

#include "testlib.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Percentage as IOM prints it: nearest whole per cent. */
static int pct(double p) { return (int)lround(100.0 * p); }

/* Phi(2) = 0.97725: the confidence at which Phi^-1 gives z = 2. */
#define CONF_Z2 0.9772498680518208

/* --- descriptive statistics ---------------------------------------------------- */

static void test_describe(void **state) {
    (void)state;
    /* 2 4 4 4 5 5 7 9: sum 40, mean 5; squared deviations 9+1+1+1+0+0+4+16
     * = 32; sample variance 32/7 = 4.5714, SD 2.13809; min 2, max 9.  The
     * NANs (days not logged) are skipped. */
    const double v[] = {2, NAN, 4, 4, 4, 5, 5, NAN, 7, 9};
    struct stats_summary s;
    assert_int_equal(stats_describe(v, sizeof(v) / sizeof(v[0]), &s), 0);
    assert_int_equal(s.n, 8);
    assert_near(s.mean, 5.0, 1e-12);
    assert_near(s.sd, sqrt(32.0 / 7.0), 1e-12);
    assert_near(s.sd, 2.13809, 1e-5);
    assert_near(s.min, 2, 0);
    assert_near(s.max, 9, 0);
}

static void test_describe_edges(void **state) {
    (void)state;
    struct stats_summary s;
    const double one[] = {NAN, 812.0};
    assert_int_equal(stats_describe(one, 2, &s), 0);
    assert_int_equal(s.n, 1);
    assert_near(s.mean, 812.0, 0);
    assert_nan(s.sd); /* one day: no SD */
    assert_near(s.min, 812.0, 0);
    assert_near(s.max, 812.0, 0);

    const double none[] = {NAN, NAN};
    s.n = 99;
    assert_int_equal(stats_describe(none, 2, &s), -1);
    assert_int_equal(s.n, 99); /* untouched on failure */
    const double inf[] = {1, INFINITY};
    assert_int_equal(stats_describe(inf, 2, &s), -1);
    assert_int_equal(stats_describe(NULL, 0, &s), -1);
}

/* --- 2.6 (1): IOM's own magnesium example ---------------------------------------- */

static void test_iom_magnesium_example(void **state) {
    (void)state;
    /* Woman of 40, 3 days, mean 320 mg; EAR 265, SDr 26.5, SDw 86.
     * D = 55; SD_D = sqrt(26.5^2 + 86^2/3) = sqrt(702.25 + 2465.33) =
     * sqrt(3167.58) = 56.28; z = 55 / 56.28 = 0.977; Phi = 0.836. */
    struct stats_adequacy a;
    assert_int_equal(stats_p_adequate(320, 265, 26.5, 86, 3, &a), 0);
    assert_near(a.d, 55, 1e-12);
    assert_near(a.sd_d, 56.3, 0.05);
    assert_near(a.z, 0.977, 0.0005);
    assert_near(a.p, 0.836, 0.0005);

    /* Intake needed for z = 2:
     *  1 day:  265 + 2 sqrt(702.25 + 7396)     = 265 + 2 x 89.99 = 445.0
     *  3 days: 265 + 2 x 56.28                 = 377.6 (IOM: 377)
     *  7 days: 265 + 2 sqrt(702.25 + 1056.57)  = 265 + 2 x 41.94 = 348.9
     *  1 day, SDw +25 % (107.5): 265 + 2 sqrt(702.25 + 11556.25) = 486.4 */
    assert_near(stats_intake_needed(265, 26.5, 86, 1, CONF_Z2), 445, 1);
    assert_near(stats_intake_needed(265, 26.5, 86, 3, CONF_Z2), 377, 1);
    assert_near(stats_intake_needed(265, 26.5, 86, 7, CONF_Z2), 349, 1);
    assert_near(stats_intake_needed(265, 26.5, 86 * 1.25, 1, CONF_Z2), 486, 1);
    /* and the exact values */
    assert_near(stats_intake_needed(265, 26.5, 86, 1, CONF_Z2), 265 + 2 * sqrt(8098.25), 1e-6);
}

/* --- 2.6 (2): AI arithmetic (IOM Table 3-2) ---------------------------------------- */

static void test_ai_example(void **state) {
    (void)state;
    /* Calcium mean 1,200, AI 1,000, SDw 325:
     *  1 day:  200 / 325             = 0.615 -> 0.62, Phi = 0.731 -> 73 %
     *  3 days: 200 / (325 / sqrt 3)  = 1.066 -> 1.07, Phi = 0.857 -> 86 %
     *  7 days: 200 / (325 / sqrt 7)  = 1.628 -> 1.63, Phi = 0.948 -> 95 %
     * (IOM prints 1.69 for 7 days; the exact arithmetic gives 1.63.) */
    struct stats_ztest t;
    assert_int_equal(stats_above_ai(1200, 1000, 325, 1, &t), 0);
    assert_near(t.z, 200.0 / 325.0, 1e-12);
    assert_near(round(t.z * 100) / 100, 0.62, 1e-9);
    assert_int_equal(pct(t.p), 73);
    assert_int_equal(stats_above_ai(1200, 1000, 325, 3, &t), 0);
    assert_near(t.z, 1.065877, 1e-6);
    assert_near(round(t.z * 100) / 100, 1.07, 1e-9);
    assert_int_equal(pct(t.p), 86);
    assert_int_equal(stats_above_ai(1200, 1000, 325, 7, &t), 0);
    assert_near(t.z, 1.628155, 1e-6); /* 200 x 2.6457513 / 325 */
    assert_near(round(t.z * 100) / 100, 1.63, 1e-9);
    assert_int_equal(pct(t.p), 95);
}

/* --- 2.6 (3): pregnant woman, 29 y, 3rd trimester, 65 kg, 7 days ------------------ */

static void pregnant_woman(struct life_stage *st) {
    struct profile p;
    long day;
    char err[128];
    profile_init(&p);
    p.sex = SEX_FEMALE;
    p.weight_kg = 65;
    snprintf(p.birth_date, sizeof(p.birth_date), "1997-03-10");
    p.pregnant = 1;
    snprintf(p.due_date, sizeof(p.due_date), "2027-02-15");
    assert_int_equal(date_parse("2026-12-20", 0, &day), 0);
    assert_int_equal(dri_stage(&p, day, st, err, sizeof(err)), 0);
    assert_int_equal(st->age_years, 29);
    assert_int_equal(st->trimester, 3);
}

static void test_pregnant_woman_example(void **state) {
    (void)state;
    struct life_stage st;
    struct dri_ref r;
    struct stats_adequacy a;
    double sdw;
    int verified;
    pregnant_woman(&st);

    /* Magnesium: 320 mg; EAR 290, SDr 29, SDw 86; D = +30;
     * SD_D = sqrt(841 + 7396/7) = sqrt(841 + 1056.6) = 43.6; z = 0.689;
     * P = 0.754. */
    assert_int_equal(dri_values(&st, 65, NUT_MAGNESIUM, &r), 0);
    assert_int_equal(dri_sdw(&st, NUT_MAGNESIUM, 320, &sdw, &verified, NULL), 0);
    assert_int_equal(stats_p_adequate(320, r.ear, r.sdr, sdw, 7, &a), 0);
    assert_near(a.d, 30, 1e-9);
    assert_near(a.sd_d, 43.6, 0.05);
    assert_near(a.z, 0.689, 0.0005);
    assert_near(a.p, 0.754, 0.0005);
    /* Intake needed for z = 2 with 7 days: 290 + 2 x 43.6 = 377 mg. */
    assert_near(stats_intake_needed(r.ear, r.sdr, sdw, 7, CONF_Z2), 377, 1);

    /* Calcium: 726.3 mg; EAR 800, SDr 100, SDw 325; D = -73.7;
     * SD_D = sqrt(10000 + 105625/7) = sqrt(25089.3) = 158.4; z = -0.465;
     * P = 0.321. */
    assert_int_equal(dri_values(&st, 65, NUT_CALCIUM, &r), 0);
    assert_int_equal(dri_sdw(&st, NUT_CALCIUM, 726.3, &sdw, &verified, NULL), 0);
    assert_int_equal(stats_p_adequate(726.3, r.ear, r.sdr, sdw, 7, &a), 0);
    assert_near(a.d, -73.7, 1e-9);
    assert_near(a.sd_d, 158.4, 0.05);
    assert_near(a.z, -0.465, 0.0005);
    assert_near(a.p, 0.321, 0.0005);
    /* Against the UL 2,500: z = (726.3 - 2500) / (325 / sqrt 7) =
     * -1773.7 / 122.84 = -14.4; P above UL ~ 0. */
    struct stats_ztest t;
    assert_int_equal(stats_above_ul(726.3, r.ul, sdw, 7, &t), 0);
    assert_near(t.z, -14.4, 0.05);
    assert_true(t.p < 1e-10);

    /* Protein: 80 g; EAR 0.88 x 65 = 57.2 g, SDr 0.12 x 57.2 = 6.864;
     * the example uses SDw 26.2 (placeholder); D = 22.8;
     * SD_D = sqrt(47.11 + 686.44/7) = sqrt(145.17) = 12.05; z = 1.892;
     * P = 0.971. */
    assert_int_equal(dri_values(&st, 65, NUT_PROTEIN, &r), 0);
    assert_near(r.ear, 57.2, 1e-9);
    assert_near(r.sdr, 6.864, 1e-9);
    assert_int_equal(stats_p_adequate(80, r.ear, r.sdr, 26.2, 7, &a), 0);
    assert_near(a.d, 22.8, 1e-9);
    assert_near(a.sd_d, 12.05, 0.005);
    assert_near(a.z, 1.892, 0.0005);
    assert_near(a.p, 0.971, 0.0005);

    /* The section 2.5 placeholder rule (CV 42 % of the mean for women) that
     * dri_sdw applies gives a larger SDw than the example's 26.2:
     * 0.42 x 80 = 33.6; SD_D = sqrt(47.11 + 1128.96/7) = sqrt(208.39) =
     * 14.44; z = 22.8 / 14.44 = 1.579; P = 0.943. */
    assert_int_equal(dri_sdw(&st, NUT_PROTEIN, 80, &sdw, &verified, NULL), 0);
    assert_near(sdw, 33.6, 1e-9);
    assert_int_equal(verified, 0);
    assert_int_equal(stats_p_adequate(80, r.ear, r.sdr, sdw, 7, &a), 0);
    assert_near(a.sd_d, 14.44, 0.005);
    assert_near(a.z, 1.579, 0.0005);
    assert_near(a.p, 0.943, 0.0005);
}

/* --- 2.6 (4): UL test (IOM Table 3-4 set-up) ---------------------------------------- */

static void test_ul_example(void **state) {
    (void)state;
    /* Phosphorus mean 3.8 g, UL 4.0 g, SDw 0.41 g (worked in mg):
     *  1 day:  z = -200 / 410            = -0.488; below: Phi(0.488) = 0.687 -> 69 %
     *  3 days: z = -200 / (410 / sqrt 3) = -0.845; 0.801 -> 80 %
     *  7 days: z = -200 / (410 / sqrt 7) = -1.291; 0.902 -> 90 % */
    struct stats_ztest t;
    assert_int_equal(stats_above_ul(3800, 4000, 410, 1, &t), 0);
    assert_near(t.z, -0.4878, 0.0001);
    assert_int_equal(pct(1 - t.p), 69);
    assert_int_equal(stats_above_ul(3800, 4000, 410, 3, &t), 0);
    assert_near(t.z, -0.8449, 0.0001);
    assert_int_equal(pct(1 - t.p), 80);
    assert_int_equal(stats_above_ul(3800, 4000, 410, 7, &t), 0);
    assert_near(t.z, -1.2906, 0.0001);
    assert_int_equal(pct(1 - t.p), 90);
}

static void test_cv_rule_and_invalid(void **state) {
    (void)state;
    struct stats_adequacy a;
    struct stats_ztest t;
    /* nutrition-science.md 0.1: the rule is on the nutrient's survey CV,
     * not SDw over the person's mean.  0.6 is not above; 0.61 is. */
    assert_int_equal(stats_cv_unreliable(0.43), 0);
    assert_int_equal(stats_cv_unreliable(0.60), 0);
    assert_int_equal(stats_cv_unreliable(0.61), 1);
    assert_int_equal(stats_cv_unreliable(NAN), 1);
    assert_int_equal(stats_cv_unreliable(-0.1), 1);
    /* The low intake the old rule refused (325 / 437 = 0.74 > 0.6):
     * 0.1's example, calcium 437 mg, 7 days, EAR 800, SDr 100, SDw 325:
     * SD_D = sqrt(100^2 + 325^2 / 7) = sqrt(10000 + 15089.29) = 158.40,
     * z = -363 / 158.40 = -2.2917, Phi = 0.01096. */
    assert_int_equal(stats_p_adequate(437, 800, 100, 325, 7, &a), 0);
    assert_near(a.z, -2.2917, 0.0005);
    assert_near(a.p, 0.011, 0.0005);
    /* Sensitivity, SDw = 0.43 x 437 = 187.91: SD_D = sqrt(10000 +
     * 35310.2 / 7) = 122.66, z = -2.9594, Phi = 0.00154 -> 0.002. */
    assert_int_equal(stats_p_adequate(437, 800, 100, 0.43 * 437, 7, &a), 0);
    assert_near(a.p, 0.0015, 0.0002);

    a.p = -1;
    assert_int_equal(stats_p_adequate(320, 265, 26.5, 86, 0, &a), -1);
    assert_int_equal(stats_p_adequate(NAN, 265, 26.5, 86, 3, &a), -1);
    assert_int_equal(stats_p_adequate(320, 265, -1, 86, 3, &a), -1);
    assert_int_equal(stats_p_adequate(320, 265, 0, 0, 3, &a), -1);
    assert_near(a.p, -1, 0); /* untouched */
    assert_int_equal(stats_above_ai(1200, 1000, 0, 3, &t), -1);
    assert_int_equal(stats_above_ul(1200, NAN, 325, 3, &t), -1);
    assert_nan(stats_intake_needed(265, 26.5, 86, 3, 1.0));
    assert_nan(stats_intake_needed(265, 26.5, 86, 3, 0.0));
    assert_nan(stats_intake_needed(265, 26.5, 86, 0, 0.9));
}

/* --- 3: PRAL and NEAP --------------------------------------------------------------- */

static void test_pral_neap_example(void **state) {
    (void)state;
    /* NEAP: protein 90 g, potassium 2,600 mg = 2600 / 39.1 = 66.50 mEq;
     * 54.5 x 90 / 66.50 - 10.2 = 73.76 - 10.2 = 63.6 mEq/day. */
    assert_near(stats_neap(90, 2600), 63.6, 0.05);
    assert_near(stats_neap(90, 2600), 54.5 * 90 * 39.1 / 2600 - 10.2, 1e-9);
    /* PRAL: 0.49 x 90 + 0.037 x 1400 - 0.021 x 2600 - 0.026 x 300
     *       - 0.013 x 900 = 44.1 + 51.8 - 54.6 - 7.8 - 11.7 = +21.8. */
    assert_near(stats_pral(90, 1400, 2600, 300, 900), 21.8, 1e-9);
}

static void test_pral_neap_unknown(void **state) {
    (void)state;
    /* Unknown is not zero: any unknown input gives an unknown result. */
    assert_nan(stats_pral(NAN, 1400, 2600, 300, 900));
    assert_nan(stats_pral(90, NAN, 2600, 300, 900));
    assert_nan(stats_pral(90, 1400, NAN, 300, 900));
    assert_nan(stats_pral(90, 1400, 2600, NAN, 900));
    assert_nan(stats_pral(90, 1400, 2600, 300, NAN));
    assert_nan(stats_neap(NAN, 2600));
    assert_nan(stats_neap(90, NAN));
    assert_nan(stats_neap(90, 0));
    /* A real zero is a value: 0.49 x 0 + ... - 0.013 x 0 = 0. */
    assert_near(stats_pral(0, 0, 0, 0, 0), 0, 0);
}

/* --- 4: ratios ---------------------------------------------------------------------- */

static void test_ratios(void **state) {
    (void)state;
    /* RDA-implied ratios (section 4): 1000 / 700 = 1.43, 1000 / 350 = 2.86. */
    assert_near(stats_ca_p_ratio(1000, 700), 1.428571, 1e-6);
    assert_near(stats_ca_mg_ratio(1000, 350), 2.857143, 1e-6);
    assert_nan(stats_ca_p_ratio(1000, 0));
    assert_nan(stats_ca_p_ratio(1000, NAN));
    assert_nan(stats_ca_mg_ratio(NAN, 350));
    assert_nan(stats_ca_mg_ratio(1000, 0));
    assert_near(stats_ca_p_ratio(0, 700), 0, 0);
    /* 100 x 4 x 80 / 2000 = 16 %; 80 / 65 = 1.2308 g/kg. */
    assert_near(stats_protein_energy_pct(80, 2000), 16.0, 1e-12);
    assert_nan(stats_protein_energy_pct(80, 0));
    assert_nan(stats_protein_energy_pct(NAN, 2000));
    assert_near(stats_protein_g_per_kg(80, 65), 1.230769, 1e-6);
    assert_nan(stats_protein_g_per_kg(80, NAN));
    assert_nan(stats_protein_g_per_kg(80, 0));
}

/* --- Fisher's exact test ------------------------------------------------------------ */

/* --- 0.9: how many more days ------------------------------------------------------ */

static void test_days_needed(void **state) {
    (void)state;
    long n = -1;
    /* Phi^-1(0.85) = 1.036433.  IOM's magnesium example (mean 320, EAR
     * 265, SDr 26.5, SDw 86): T = 55 / 1.036433 = 53.067, T^2 - SDr^2 =
     * 2816.06 - 702.25 = 2113.81, n >= 7396 / 2113.81 = 3.499 -> 4.
     * Check: 3 days give P = 0.836 (< 0.85), 4 days sqrt(702.25 + 1849) =
     * 50.51, z = 1.089, P = 0.862. */
    assert_int_equal(stats_days_needed(320, 265, 26.5, 86, 0.85, 365, &n), 0);
    assert_int_equal(n, 4);
    /* Below the EAR, towards 0.15: calcium 650, EAR 800, SDr 100, SDw 325:
     * T = 150 / 1.036433 = 144.73, T^2 - 100^2 = 10946, n >= 105625 /
     * 10946 = 9.650 -> 10 (9 days: P = 0.1545; 10 days: 0.148). */
    assert_int_equal(stats_days_needed(650, 800, 100, 325, 0.85, 365, &n), 0);
    assert_int_equal(n, 10);
    /* No number of days: calcium 700, T = 100 / 1.036433 = 96.5 <= SDr
     * 100; the mean at the EAR; more than max_days. */
    n = -1;
    assert_int_equal(stats_days_needed(700, 800, 100, 325, 0.85, 365, &n), 1);
    assert_int_equal(stats_days_needed(800, 800, 100, 325, 0.85, 365, &n), 1);
    assert_int_equal(stats_days_needed(650, 800, 100, 325, 0.85, 9, &n), 1);
    assert_int_equal(n, -1); /* untouched */
    /* invalid input */
    assert_int_equal(stats_days_needed(650, 800, 100, 325, 0.5, 365, &n), -1);
    assert_int_equal(stats_days_needed(NAN, 800, 100, 325, 0.85, 365, &n), -1);
    assert_int_equal(stats_days_needed(650, 800, -1, 325, 0.85, 365, &n), -1);
    assert_int_equal(stats_days_needed(650, 800, 100, 325, 0.85, 0, &n), -1);
}

static void test_fisher_tea(void **state) {
    (void)state;
    /* Table 3 1 / 1 3: margins n1 = a + c = 4, n2 = 4, t = a + b = 4;
     * P(X = k) = C(4,k) C(4,4-k) / C(8,4) = 1, 16, 36, 16, 1 over 70.
     * P(X >= 3) = 17/70; P(X <= 3) = 69/70; two-sided: tables no more
     * likely than 16/70 are k = 0, 1, 3, 4: 34/70. */
    struct stats_fisher f;
    assert_int_equal(stats_fisher_exact(3, 1, 1, 3, &f), 0);
    assert_near(f.p_greater, 17.0 / 70.0, 1e-12);
    assert_near(f.p_less, 69.0 / 70.0, 1e-12);
    assert_near(f.p_two_sided, 34.0 / 70.0, 1e-12);
    assert_near(f.odds_ratio, 9.0, 1e-12);
}

static void test_fisher_asymmetric(void **state) {
    (void)state;
    /* Table 1 11 / 9 3: n1 = 10, n2 = 14, t = 12, N = 24, C(24,12) =
     * 2,704,156.  P(X = k) x C(24,12) = C(10,k) C(14,12-k):
     * k=0: 1 x 91 = 91; k=1: 10 x 364 = 3640; k=2: 45 x 1001 = 45045; ...
     * k=9: 10 x 364 = 3640; k=10: 1 x 91 = 91.
     * P(X <= 1) = 3731 / 2704156; two-sided (k = 0, 1, 9, 10; k = 9 ties
     * the observed table exactly) = 7462 / 2704156 = 0.0027594. */
    struct stats_fisher f;
    assert_int_equal(stats_fisher_exact(1, 11, 9, 3, &f), 0);
    assert_near(f.p_less, 3731.0 / 2704156.0, 1e-12);
    assert_near(f.p_greater, 1.0 - 91.0 / 2704156.0, 1e-12);
    assert_near(f.p_two_sided, 7462.0 / 2704156.0, 1e-12);
    assert_near(f.odds_ratio, 3.0 / 99.0, 1e-12);
}

static void test_fisher_edges(void **state) {
    (void)state;
    /* 0 5 / 5 0: support 0..5, P(X = 0) = P(X = 5) = 1 / C(10,5) = 1/252. */
    struct stats_fisher f;
    assert_int_equal(stats_fisher_exact(0, 5, 5, 0, &f), 0);
    assert_near(f.p_less, 1.0 / 252.0, 1e-12);
    assert_near(f.p_greater, 1.0, 1e-12);
    assert_near(f.p_two_sided, 2.0 / 252.0, 1e-12);
    assert_near(f.odds_ratio, 0, 0);
    assert_int_equal(stats_fisher_exact(5, 0, 0, 5, &f), 0);
    assert_true(isinf(f.odds_ratio));
    /* Nothing but one cell: the only possible table, p = 1. */
    assert_int_equal(stats_fisher_exact(4, 0, 0, 0, &f), 0);
    assert_near(f.p_two_sided, 1, 1e-12);
    assert_nan(f.odds_ratio);
    assert_int_equal(stats_fisher_exact(0, 0, 0, 0, &f), -1);
}

/* --- point-biserial correlation ----------------------------------------------------- */

static void test_point_biserial(void **state) {
    (void)state;
    /* group 0 0 1 1, values 1 2 3 4: means 0.5 and 2.5; sum of cross
     * products 0.75 + 0.25 + 0.25 + 0.75 = 2; sums of squares 1 and 5;
     * r = 2 / sqrt(5) = 0.894427.  The NAN pairs are skipped. */
    const double g[] = {0, 0, NAN, 1, 1, 1};
    const double v[] = {1, 2, 7, 3, 4, NAN};
    double r = 0;
    assert_int_equal(stats_point_biserial(g, v, 6, &r), 0);
    assert_near(r, 2.0 / sqrt(5.0), 1e-12);

    const double bad[] = {0, 2, 1, 1};
    assert_int_equal(stats_point_biserial(bad, v, 4, &r), -1);
    const double same[] = {1, 1, 1, 1};
    assert_int_equal(stats_point_biserial(same, v, 4, &r), -1);
    const double flat[] = {5, 5, 5, 5};
    const double g4[] = {0, 1, 0, 1};
    assert_int_equal(stats_point_biserial(g4, flat, 4, &r), -1);
}

/* --- trend -------------------------------------------------------------------------- */

static void test_trend(void **state) {
    (void)state;
    /* y = 1 3 2 5 4 6 at x = 0..5: x mean 2.5, Sxx = 17.5; y mean 3.5,
     * Sxy = 6.25 + 0.75 + 0.75 + 0.75 + 0.75 + 6.25 = 15.5;
     * slope = 15.5 / 17.5 = 0.885714 per day = 6.2 per week;
     * intercept = 3.5 - 0.885714 x 2.5 = 1.285714;
     * residual SS = Syy - Sxy^2 / Sxx = 17.5 - 13.728571 = 3.771429;
     * s^2 = 3.771429 / 4 = 0.942857; SE = sqrt(0.942857 / 17.5) =
     * 0.232115 per day = 1.624807 per week. */
    const double y[] = {1, 3, 2, 5, 4, 6};
    struct stats_trend t;
    assert_int_equal(stats_trend(y, 6, &t), 0);
    assert_int_equal(t.n, 6);
    assert_near(t.slope_per_week, 6.2, 1e-9);
    assert_near(t.se_per_week, 1.624807, 1e-6);
    assert_near(t.intercept, 1.285714, 1e-6);

    /* A gap keeps the day index: 0, -, 2, 3 at x = 0, 2, 3 is the line
     * y = x: 7 per week, SE 0. */
    const double gap[] = {0, NAN, 2, 3};
    assert_int_equal(stats_trend(gap, 4, &t), 0);
    assert_int_equal(t.n, 3);
    assert_near(t.slope_per_week, 7, 1e-9);
    assert_near(t.se_per_week, 0, 1e-9);

    const double two[] = {1, NAN, 2};
    assert_int_equal(stats_trend(two, 3, &t), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_describe),
        cmocka_unit_test(test_describe_edges),
        cmocka_unit_test(test_iom_magnesium_example),
        cmocka_unit_test(test_ai_example),
        cmocka_unit_test(test_pregnant_woman_example),
        cmocka_unit_test(test_ul_example),
        cmocka_unit_test(test_cv_rule_and_invalid),
        cmocka_unit_test(test_pral_neap_example),
        cmocka_unit_test(test_pral_neap_unknown),
        cmocka_unit_test(test_ratios),
        cmocka_unit_test(test_days_needed),
        cmocka_unit_test(test_fisher_tea),
        cmocka_unit_test(test_fisher_asymmetric),
        cmocka_unit_test(test_fisher_edges),
        cmocka_unit_test(test_point_biserial),
        cmocka_unit_test(test_trend),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
