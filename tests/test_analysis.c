/*
 * test_analysis.c - the analysis on day totals built by hand (no database):
 * descriptive statistics, completeness, probabilities, ratios, PRAL, every
 * warning rule at its threshold and just either side, DATA_SPARSE, the
 * cramp red flags, the cramp relation and trends.
 *
 * Expected values are computed by hand in the comments (Phi is the standard
 * normal CDF; the figures were checked with a pocket calculator's erf), or
 * read off nutrition-science.md, never taken from the program's output.
 *
 * The person of most tests is worked example 3 of nutrition-science.md 2.6:
 * pregnant, 29 y, 3rd trimester, 65 kg.  Her reference values (1.2 b,
 * 19-30 y): calcium EAR 800 / RDA 1000 / UL 2500, SDr 100, SDw 325;
 * magnesium EAR 290 / RDA 350, SDr 29, SDw 86; phosphorus EAR 580 / RDA 700
 * / UL 3500, SDr 58, SDw 410; protein EAR 0.88 x 65 = 57.2 g, RDA 71.5 g,
 * SDr 0.12 x 57.2 = 6.864, SDw 0.42 x mean (placeholder); potassium AI
 * 2900, sodium AI 1500 / CDRR 2300, water AI 3000 g, SDw 0.40 x mean.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/advice.h"
#include "dietbal/analysis.h"
#include "dietbal/date.h"

#include "testlib.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAXD 40

enum {
    E = NUT_ENERGY,
    PR = NUT_PROTEIN,
    CA = NUT_CALCIUM,
    MG = NUT_MAGNESIUM,
    P = NUT_PHOSPHORUS,
    K = NUT_POTASSIUM,
    NA = NUT_SODIUM,
    W = NUT_WATER
};

/* --- the fixture foods (tests/fixtures/weeks/foods.xml), per 100 g -------
 *             kcal  prot    Ca    Mg     P     K    Na  water */
struct tfood {
    const char *id;
    double v[NUT_CORE_COUNT];
};
static const struct tfood MILK = {"test:milk", {60, 3.0, 120, 10, 90, 150, 40, 88}};
static const struct tfood YOGHURT = {"test:yoghurt", {60, 4.0, 150, 15, 120, 200, 50, 85}};
static const struct tfood BEEF = {"test:beef", {200, 26.0, 10, 20, 200, 300, 60, 65}};
static const struct tfood BREAD = {"test:bread", {250, 9.0, 100, 40, 100, 120, 450, 38}};
static const struct tfood SPINACH = {"test:spinach", {25, 3.0, 100, 80, 50, 560, 80, 91}};
static const struct tfood LENTILS = {"test:lentils", {120, 9.0, 20, 40, 180, 370, 2, 70}};
static const struct tfood ALMONDS = {"test:almonds", {580, 21.0, 270, 270, 480, 730, 1, 4}};
static const struct tfood BANANA = {"test:banana", {90, 1.0, 5, 27, 22, 360, 1, 75}};
static const struct tfood WATER = {"test:water", {0, 0, 0, 0, 0, 0, 0, 100}};
/* only energy and protein known */
static const struct tfood MYSTERY = {"test:mystery", {100, 5.0, NAN, NAN, NAN, NAN, NAN, NAN}};

/* An empty logged-day record (no entry yet). */
static void day_init(struct day_totals *d, long day) {
    memset(d, 0, sizeof(*d));
    date_format(day, d->date);
    for (int k = 0; k < NUT_CORE_COUNT; k++)
        d->total[k] = NAN;
}

/* Log grams of a food, summing as store_day_totals does: a total sums the
 * entries with a known value; known_grams counts their grams. */
static void eat(struct day_totals *d, const struct tfood *f, double grams) {
    d->entries++;
    d->grams += grams;
    for (int k = 0; k < NUT_CORE_COUNT; k++) {
        if (isnan(f->v[k]))
            continue;
        if (isnan(d->total[k]))
            d->total[k] = 0;
        d->total[k] += f->v[k] * grams / 100.0;
        d->known_grams[k] += grams;
    }
}

/* A day whose totals are given directly (1000 g, everything known). */
static void day_values(struct day_totals *d, long day, const double v[NUT_CORE_COUNT]) {
    day_init(d, day);
    d->entries = 1;
    d->grams = 1000;
    for (int k = 0; k < NUT_CORE_COUNT; k++) {
        d->total[k] = v[k];
        d->known_grams[k] = 1000;
    }
}

/* Worked example 3's person; the period 2026-11-16 .. 2026-11-22 is in
 * her 3rd trimester (due 2027-01-10: 55 to 49 days before the due date,
 * gestational weeks 32-33) and she is 29. */
#define WEEK_FROM "2026-11-16"
#define WEEK_TO "2026-11-22"

static struct analysis *run(long from, long to, const struct profile *p, const struct day_totals *d,
                            size_t n, const struct cramp *c, size_t nc) {
    struct analysis_input in = {from, to, p, d, n, c, nc, NULL, 0};
    struct analysis *a = NULL;
    char err[256] = "";
    if (analysis_run(&in, &a, err, sizeof(err)) != 0)
        fail_msg("analysis_run: %s", err);
    return a;
}

/* 7 days of the same totals v, in the test week. */
static struct analysis *week_of(const double v[NUT_CORE_COUNT], const struct profile *p) {
    struct day_totals d[7];
    long from = day_of(WEEK_FROM);
    for (int i = 0; i < 7; i++)
        day_values(&d[i], from + i, v);
    return run(from, from + 6, p, d, 7, NULL, 0);
}

/* A day near her references that sets off no rule:
 * protein 80 g = 16 % of 2000 kcal; calcium 1100; magnesium 380;
 * phosphorus 1200; potassium 3500 > AI 2900; sodium 1800 < CDRR 2300;
 * water 3300 > AI 3000; PRAL = 0.49x80 + 0.037x1200 - 0.021x3500
 * - 0.026x380 - 0.013x1100 = 39.2 + 44.4 - 73.5 - 9.88 - 14.3 = -14.08. */
static const double BASE[NUT_CORE_COUNT] = {2000, 80, 1100, 380, 1200, 3500, 1800, 3300};

/* Every occurrence of word in text is denied ("not ... word" within the
 * 40 characters before it): no claim that diet causes or prevents cramps. */
static int only_denied(const char *text, const char *word) {
    for (const char *s = strstr(text, word); s; s = strstr(s + 1, word)) {
        size_t back = (size_t)(s - text) < 40 ? (size_t)(s - text) : 40;
        char before[48];
        memcpy(before, s - back, back);
        before[back] = '\0';
        if (!strstr(before, "not ") && !strstr(before, "no "))
            return 0;
    }
    return 1;
}

static int has(const struct analysis *a, const char *code) {
    return analysis_warning_find(a, code) != NULL;
}

/* Words for dairy food, none of which ACID_LOAD_HIGH may name. */
static const char *const DAIRY_WORDS[] = {"cheese", "dairy", "milk", "yoghurt", "yogurt", NULL};

/* Every '|'-separated word of list (NULL: none) appears in text (case
 * ignored). */
static int words_in(const char *list, const char *text_any_case) {
    char text[1024];
    snprintf(text, sizeof(text), "%s", text_any_case);
    for (char *c = text; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    while (list && *list) {
        char word[64];
        size_t n = strcspn(list, "|");
        if (n >= sizeof(word))
            return 0;
        memcpy(word, list, n);
        word[n] = '\0';
        if (!strstr(text, word)) {
            print_message("'%s' not in '%s'\n", word, text);
            return 0;
        }
        list += n + (list[n] == '|');
    }
    return 1;
}

/* Whether the '|'-separated lists x and y share a word. */
static int share_word(const char *x, const char *y) {
    while (x && *x && y) {
        size_t n = strcspn(x, "|");
        for (const char *p = y; *p;) {
            size_t m = strcspn(p, "|");
            if (m == n && strncmp(p, x, n) == 0)
                return 1;
            p += m + (p[m] == '|');
        }
        x += n + (x[n] == '|');
    }
    return 0;
}

/* No warning of a report advises less of what another advises more of
 * (nutrition-science.md 0.5). */
static void assert_no_contradiction(const struct analysis *a) {
    for (size_t i = 0; i < a->n_warnings; i++)
        for (size_t j = 0; j < a->n_warnings; j++)
            if (i != j && share_word(a->warnings[i].less, a->warnings[j].more))
                fail_msg("%s advises less of '%s', %s more of '%s'", a->warnings[i].code,
                         a->warnings[i].less, a->warnings[j].code, a->warnings[j].more);
}

static enum analysis_severity sev(const struct analysis *a, const char *code) {
    const struct analysis_warning *w = analysis_warning_find(a, code);
    if (!w)
        fail_msg("no %s warning", code);
    return w->severity;
}

/* The codes present, space-separated, in output order. */
static void codes(const struct analysis *a, char *buf, size_t len) {
    buf[0] = '\0';
    for (size_t i = 0; i < a->n_warnings; i++) {
        size_t l = strlen(buf);
        snprintf(buf + l, len - l, "%s%s", i ? " " : "", a->warnings[i].code);
    }
}

#define assert_codes(a, want)                                                                      \
    do {                                                                                           \
        char got_[512];                                                                            \
        codes(a, got_, sizeof(got_));                                                              \
        assert_string_equal(got_, want);                                                           \
    } while (0)

/* --- descriptive statistics and completeness ------------------------------ */

static void test_describe_and_completeness(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[5];
    long from = day_of(WEEK_FROM);
    /* 7-day period, 5 logged days (Tue 17 and Sat 21 not logged).
     * Calcium per day: 300 g milk = 360; 500 g = 600; 250 g = 300;
     * 400 g = 480; day 5: 500 g milk (600) + 200 g mystery (unknown). */
    const double milk_g[5] = {300, 500, 250, 400, 500};
    const int offset[5] = {0, 2, 3, 4, 6};
    for (int i = 0; i < 5; i++) {
        day_init(&d[i], from + offset[i]);
        eat(&d[i], &MILK, milk_g[i]);
    }
    eat(&d[4], &MYSTERY, 200);
    struct analysis *a = run(from, from + 6, &p, d, 5, NULL, 0);

    assert_int_equal(a->days, 7);
    assert_int_equal(a->days_logged, 5);
    assert_false(a->logged[1]);
    assert_false(a->logged[5]);
    const struct analysis_nutrient *ca = &a->nutrients[CA];
    assert_string_equal(ca->key, "calcium");
    assert_string_equal(ca->unit, "mg");
    assert_nan(ca->daily[1]);
    assert_nan(ca->daily[5]);
    assert_near(ca->daily[0], 360, 1e-9);
    assert_near(ca->daily[6], 600, 1e-9);
    /* 360 600 300 480 600: n 5, mean 2340/5 = 468; deviations -108 132
     * -168 12 132, squares 11664 17424 28224 144 17424 = 74880; sample
     * variance 74880/4 = 18720, SD 136.821; min 300, max 600 */
    assert_int_equal(ca->desc.n, 5);
    assert_near(ca->desc.mean, 468, 1e-9);
    assert_near(ca->desc.sd, sqrt(18720.0), 1e-9);
    assert_near(ca->desc.min, 300, 1e-9);
    assert_near(ca->desc.max, 600, 1e-9);
    /* completeness: known grams 300+500+250+400+500 = 1950 of 2150 */
    assert_near(ca->completeness, 1950.0 / 2150.0, 1e-12);
    assert_near(ca->daily_completeness[6], 500.0 / 700.0, 1e-12);
    assert_near(ca->daily_completeness[0], 1.0, 0);
    /* day 5 (0.714) is below 0.8: 4 days enter the probabilities, mean
     * (360+600+300+480)/4 = 435 */
    assert_int_equal(ca->n_assess, 4);
    assert_int_equal(ca->n_incomplete, 1);
    assert_near(ca->assess_mean, 435, 1e-9);
    /* energy and protein are known for the mystery food: complete */
    assert_near(a->nutrients[E].completeness, 1.0, 0);
    assert_int_equal(a->nutrients[PR].n_assess, 5);
    /* energy day 5: 500 g milk 300 kcal + 200 g mystery 200 kcal */
    assert_near(a->nutrients[E].daily[6], 500, 1e-9);
    assert_true(has(a, "DATA_INCOMPLETE"));
    assert_int_equal(sev(a, "DATA_INCOMPLETE"), ANALYSIS_INFO);
    analysis_free(a);
}

static void test_unknown_total_is_nan(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[1];
    long from = day_of(WEEK_FROM);
    /* a day of mystery food only: calcium unknown, not zero */
    day_init(&d[0], from);
    eat(&d[0], &MYSTERY, 300);
    struct analysis *a = run(from, from, &p, d, 1, NULL, 0);
    assert_int_equal(a->days_logged, 1);
    assert_nan(a->nutrients[CA].daily[0]);
    assert_near(a->nutrients[CA].completeness, 0.0, 0);
    assert_int_equal(a->nutrients[CA].desc.n, 0);
    assert_nan(a->nutrients[CA].desc.mean);
    assert_nan(a->nutrients[CA].p_adequate);
    assert_false(has(a, "CALCIUM_LOW"));
    assert_nan(a->balance.ca_p_ratio.value);
    assert_int_equal(a->balance.ca_p_ratio.position, ANALYSIS_POS_UNKNOWN);
    assert_nan(a->balance.pral_meq.value);
    /* protein 15 g of energy 300 kcal = 20 % */
    assert_near(a->balance.protein_energy_pct.value, 20.0, 1e-9);
    analysis_free(a);
}

/* --- probabilities: worked example 3 (nutrition-science.md 2.6) ----------- */

static void test_worked_example_3(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[7];
    long from = day_of(WEEK_FROM);
    /* calcium days summing to 5084.1: mean 726.3 */
    const double ca[7] = {812.0, 640.5, 700, 750, 726.3, 680, 775.3};
    for (int i = 0; i < 7; i++) {
        double v[NUT_CORE_COUNT];
        memcpy(v, BASE, sizeof(v));
        v[CA] = ca[i];
        v[MG] = 320;
        v[PR] = 80;
        day_values(&d[i], from + i, v);
    }
    struct analysis *a = run(from, from + 6, &p, d, 7, NULL, 0);
    assert_true(a->has_profile);
    assert_int_equal(a->stage.table, DRI_TABLE_PREGNANCY);
    assert_int_equal(a->stage.trimester, 3);
    assert_int_equal(a->stage.age_years, 29);

    /* Magnesium: D = 30, SD_D = sqrt(29^2 + 86^2/7) = 43.56, z = 0.689,
     * P = 0.754 (science page) */
    assert_near(a->nutrients[MG].p_adequate, 0.754, 0.0005);
    assert_true(a->nutrients[MG].sdw_verified);
    /* Calcium: D = -73.7, SD_D = 158.4, z = -0.465, P = 0.321 */
    assert_near(a->nutrients[CA].assess_mean, 726.3, 1e-9);
    assert_near(a->nutrients[CA].p_adequate, 0.321, 0.0005);
    /* against the UL: z = (726.3 - 2500) / (325 / sqrt 7) = -14.4 -> 0 */
    assert_near(a->nutrients[CA].p_above_ul, 0.0, 1e-9);
    /* Protein: the science page's table uses SDw 26.2 g; dri.c's
     * placeholder for women 19-50 is CV 42 % of the mean (2.5), 33.6 g:
     * SD_D = sqrt(6.864^2 + 33.6^2/7) = sqrt(47.11 + 161.28) = 14.436,
     * z = 22.8 / 14.436 = 1.579, P = 0.943 (0.971 with 26.2) */
    assert_near(a->nutrients[PR].ref.ear, 57.2, 1e-9);
    assert_near(a->nutrients[PR].p_adequate, 0.9429, 0.0005);
    assert_false(a->nutrients[PR].sdw_verified);
    assert_true(a->nutrients[PR].approximate);
    assert_false(a->nutrients[CA].approximate);
    assert_true(has(a, "CALCIUM_LOW"));
    assert_false(has(a, "MAGNESIUM_LOW"));
    assert_false(has(a, "PROTEIN_LOW"));
    analysis_free(a);
}

static void test_which_probabilities(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct analysis *a = week_of(BASE, &p);
    /* EAR nutrients have p_adequate; AI nutrients p_above_ai instead */
    assert_false(isnan(a->nutrients[CA].p_adequate));
    assert_false(isnan(a->nutrients[MG].p_adequate));
    assert_false(isnan(a->nutrients[P].p_adequate));
    assert_false(isnan(a->nutrients[PR].p_adequate));
    for (int k = K; k <= W; k++) {
        assert_nan(a->nutrients[k].p_adequate);
        assert_false(isnan(a->nutrients[k].p_above_ai));
    }
    /* UL: calcium, phosphorus; magnesium never for food; none for
     * protein, potassium, sodium, water; sodium against the CDRR */
    assert_false(isnan(a->nutrients[CA].p_above_ul));
    assert_false(isnan(a->nutrients[P].p_above_ul));
    assert_nan(a->nutrients[MG].p_above_ul);
    assert_true(a->nutrients[MG].ref.ul_supplement_only);
    assert_nan(a->nutrients[PR].p_above_ul);
    assert_nan(a->nutrients[K].p_above_ul);
    assert_nan(a->nutrients[NA].p_above_ul);
    assert_false(isnan(a->nutrients[NA].p_above_cdrr));
    /* energy: no reference, no probability */
    for (int k = 0; k < 1; k++) {
        assert_nan(a->nutrients[E].p_adequate);
        assert_nan(a->nutrients[E].p_above_ai);
        assert_nan(a->nutrients[E].target);
    }
    /* Potassium 3500, AI 2900, SDw 0.4 x 3500 = 1400 (placeholder):
     * z = 600 / (1400 / sqrt 7) = 600 / 529.15 = 1.134, P = 0.8716 */
    assert_near(a->nutrients[K].p_above_ai, 0.8716, 0.0005);
    assert_true(a->nutrients[K].approximate);
    /* Sodium 1800 vs CDRR 2300, SDw 720: z = -500 / 272.13 = -1.837,
     * P = 0.0331 */
    assert_near(a->nutrients[NA].p_above_cdrr, 0.0331, 0.0005);
    /* targets: RDA, else AI */
    assert_string_equal(a->nutrients[CA].target_name, "RDA");
    assert_near(a->nutrients[CA].target, 1000, 0);
    assert_string_equal(a->nutrients[K].target_name, "AI");
    assert_near(a->nutrients[W].target, 3000, 1e-9);
    assert_int_equal(a->n_warnings, 0);
    analysis_free(a);
}

/* nutrition-science.md 0.1: a probability for every intake.  The old
 * rule (SDw / the person's mean > 0.6) withheld it for calcium below
 * 542 mg; the rule is the nutrient's survey CV (0.43 for calcium). */
static void test_low_intake_probability(void **state) {
    (void)state;
    struct profile p = pregnant();
    double v[NUT_CORE_COUNT];
    memcpy(v, BASE, sizeof(v));
    /* calcium 437 mg/day, 7 days, EAR 800, SDr 100, SDw 325:
     * SD_D = sqrt(10000 + 105625 / 7) = 158.40, z = -363 / 158.40 =
     * -2.2917, P = 0.01096; with SDw = 0.43 x 437 = 187.91, SD_D = 122.66,
     * z = -2.959, P = 0.00154. */
    v[CA] = 437;
    struct analysis *a = week_of(v, &p);
    const struct analysis_nutrient *ca = &a->nutrients[CA];
    assert_false(ca->cv_unreliable);
    assert_false(ca->no_intake);
    assert_near(ca->table_cv, 0.43, 0);
    assert_near(ca->p_adequate, 0.011, 0.0005);
    assert_near(ca->p_adequate_scaled, 0.0015, 0.0002);
    /* firm: 0.011 <= 0.15, no more days needed */
    assert_int_equal(ca->firmness, ANALYSIS_FIRM_YES);
    assert_int_equal(ca->days_needed, -1);
    /* the UL test is computed too: (437 - 2500) / (325 / sqrt 7) = -16.8 */
    assert_near(ca->p_above_ul, 0, 1e-9);
    assert_true(has(a, "CALCIUM_LOW"));
    const char *m = analysis_warning_find(a, "CALCIUM_LOW")->message;
    assert_non_null(strstr(m, "probability that usual intake is adequate 0.01"));
    assert_non_null(strstr(m, "(0.002 if day-to-day variation scales with intake)"));
    analysis_free(a);

    /* phosphorus 300 and magnesium 120, far under the old cut-offs (683,
     * 143 mg): a probability each.  P: SD_D = sqrt(58^2 + 410^2 / 7) =
     * 165.46, z = -280 / 165.46 = -1.692, P = 0.0453.  Mg: SD_D = 43.56,
     * z = -170 / 43.56 = -3.90, P = 0.00005. */
    memcpy(v, BASE, sizeof(v));
    v[P] = 300;
    v[MG] = 120;
    a = week_of(v, &p);
    assert_near(a->nutrients[P].p_adequate, 0.0453, 0.0005);
    assert_near(a->nutrients[MG].p_adequate, 0.00005, 0.00002);
    analysis_free(a);
}

/* No probability only when nothing was taken in (mean <= 0), worded so. */
static void test_no_intake(void **state) {
    (void)state;
    struct profile p = pregnant();
    double v[NUT_CORE_COUNT];
    memcpy(v, BASE, sizeof(v));
    v[CA] = 0;
    struct analysis *a = week_of(v, &p);
    const struct analysis_nutrient *ca = &a->nutrients[CA];
    assert_true(ca->no_intake);
    assert_nan(ca->p_adequate);
    assert_nan(ca->p_above_ul);
    assert_int_equal(ca->firmness, ANALYSIS_FIRM_NA);
    /* the mean (0) is below the EAR: CALCIUM_LOW, saying why no figure */
    assert_true(has(a, "CALCIUM_LOW"));
    assert_non_null(strstr(analysis_warning_find(a, "CALCIUM_LOW")->message,
                           "no probability: none of it was logged on any day"));
    analysis_free(a);
}

/* nutrition-science.md 0.9: how many more days for a firm verdict. */
static void test_days_needed(void **state) {
    (void)state;
    struct profile p = pregnant();
    double v[NUT_CORE_COUNT];
    memcpy(v, BASE, sizeof(v));
    /* calcium 650, 7 days: P = Phi(-150 / 158.40) = Phi(-0.947) = 0.172,
     * uncertain; n >= 105625 / (144.73^2 - 100^2) = 9.650 -> 10 days, 3
     * more.  Calcium 700: P = Phi(-0.631) = 0.264, and T = 96.5 < SDr:
     * never firm. */
    v[CA] = 650;
    struct analysis *a = week_of(v, &p);
    assert_near(a->nutrients[CA].p_adequate, 0.172, 0.0005);
    assert_int_equal(a->nutrients[CA].firmness, ANALYSIS_FIRM_MORE_DAYS);
    assert_int_equal(a->nutrients[CA].days_needed, 3);
    assert_non_null(strstr(analysis_warning_find(a, "CALCIUM_LOW")->message,
                           "log 3 more days at this mean for a firm answer"));
    analysis_free(a);
    v[CA] = 700;
    a = week_of(v, &p);
    assert_near(a->nutrients[CA].p_adequate, 0.264, 0.0005);
    assert_int_equal(a->nutrients[CA].firmness, ANALYSIS_FIRM_NEVER);
    assert_int_equal(a->nutrients[CA].days_needed, -1);
    assert_non_null(strstr(analysis_warning_find(a, "CALCIUM_LOW")->message,
                           "more days at this mean would not make it firm"));
    analysis_free(a);
    /* above the EAR and uncertain, no warning: magnesium 310 (EAR 290,
     * SDr 29, SDw 86): P = Phi(20 / 43.56) = 0.677; T = 20 / 1.0364 =
     * 19.3 < 29: never.  Firm ones need nothing: BASE calcium 1100, P =
     * Phi(300 / 158.4) = 0.971. */
    memcpy(v, BASE, sizeof(v));
    v[MG] = 310;
    a = week_of(v, &p);
    assert_int_equal(a->nutrients[MG].firmness, ANALYSIS_FIRM_NEVER);
    assert_int_equal(a->nutrients[CA].firmness, ANALYSIS_FIRM_YES);
    /* no P(adequate): no verdict on firmness (energy, potassium) */
    assert_int_equal(a->nutrients[E].firmness, ANALYSIS_FIRM_NA);
    assert_int_equal(a->nutrients[K].firmness, ANALYSIS_FIRM_NA);
    analysis_free(a);
}

/* --- the constructed weeks ----------------------------------------------- */

/* Week A, low calcium, high meat.  Each day: 400 g beef, 200 g bread,
 * 300 g milk, 2500 g water:
 *            kcal  prot    Ca   Mg     P     K    Na  water
 *   beef      800   104    40   80   800  1200   240   260
 *   bread     500    18   200   80   200   240   900    76
 *   milk      180     9   360   30   270   450   120   264
 *   water       0     0     0    0     0     0     0  2500
 *   day      1480   131   600  190  1270  1890  1260  3100 */
static void meat_day(struct day_totals *d, long day) {
    day_init(d, day);
    eat(d, &BEEF, 400);
    eat(d, &BREAD, 200);
    eat(d, &MILK, 300);
    eat(d, &WATER, 2500);
}

static void test_week_low_calcium_meat(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[7];
    long from = day_of(WEEK_FROM);
    for (int i = 0; i < 7; i++)
        meat_day(&d[i], from + i);
    struct analysis *a = run(from, from + 6, &p, d, 7, NULL, 0);

    assert_near(a->nutrients[CA].desc.mean, 600, 1e-9);
    assert_near(a->nutrients[CA].desc.sd, 0, 1e-9);
    assert_near(a->nutrients[PR].desc.mean, 131, 1e-9);
    /* Calcium: z = -200 / 158.396 = -1.2627, P = 0.1034 -> CALCIUM_LOW */
    assert_near(a->nutrients[CA].p_adequate, 0.1034, 0.0005);
    /* Magnesium: z = -100 / 43.561 = -2.2956, P = 0.0108 */
    assert_near(a->nutrients[MG].p_adequate, 0.0108, 0.0005);
    /* Potassium: SDw 756, z = -1010 / (756/sqrt 7) = -3.535, P = 0.0002 */
    assert_near(a->nutrients[K].p_above_ai, 0.0002, 0.0001);
    /* Water: SDw 1240, z = 100 / 468.67 = 0.213, P = 0.584: no WATER_LOW */
    assert_near(a->nutrients[W].p_above_ai, 0.5845, 0.0005);
    /* Balance: Ca:P 600/1270 = 0.472 (< 1000/700 = 1.429); Ca:Mg
     * 600/190 = 3.158; protein 4 x 131 / 1480 = 35.41 % (> 35); 131/65 =
     * 2.015 g/kg; PRAL 64.19 + 46.99 - 39.69 - 4.94 - 7.80 = 58.75 */
    assert_near(a->balance.ca_p_ratio.value, 0.4724, 0.0001);
    assert_near(a->balance.ca_p_ratio.low, 1000.0 / 700.0, 1e-12);
    assert_int_equal(a->balance.ca_p_ratio.position, ANALYSIS_POS_BELOW);
    assert_near(a->balance.ca_mg_ratio.value, 3.1579, 0.0001);
    assert_int_equal(a->balance.ca_mg_ratio.position, ANALYSIS_POS_ABOVE);
    assert_near(a->balance.protein_energy_pct.value, 35.405, 0.001);
    assert_int_equal(a->balance.protein_energy_pct.position, ANALYSIS_POS_ABOVE);
    assert_near(a->balance.protein_g_per_kg.value, 2.0154, 0.0001);
    assert_near(a->balance.pral_meq.value, 58.75, 1e-6);
    assert_near(a->daily_pral[3], 58.75, 1e-6);

    assert_codes(a, "CALCIUM_LOW MAGNESIUM_LOW PROTEIN_EXCESS CA_P_RATIO_LOW CA_MG_RATIO_HIGH "
                    "ACID_LOAD_HIGH POTASSIUM_LOW");
    assert_int_equal(sev(a, "CALCIUM_LOW"), ANALYSIS_WARNING);
    assert_int_equal(sev(a, "MAGNESIUM_LOW"), ANALYSIS_WARNING);
    assert_int_equal(sev(a, "PROTEIN_EXCESS"), ANALYSIS_WARNING);
    assert_int_equal(sev(a, "CA_P_RATIO_LOW"), ANALYSIS_INFO);
    assert_int_equal(sev(a, "CA_MG_RATIO_HIGH"), ANALYSIS_INFO);
    assert_int_equal(sev(a, "ACID_LOAD_HIGH"), ANALYSIS_INFO);
    assert_int_equal(sev(a, "POTASSIUM_LOW"), ANALYSIS_INFO);
    /* messages carry the figures; the potassium one never claims a deficiency */
    const struct analysis_warning *w = analysis_warning_find(a, "CALCIUM_LOW");
    assert_non_null(strstr(w->message, "600 mg"));
    assert_non_null(strstr(w->message, "EAR 800 mg"));
    assert_non_null(strstr(w->message, "0.10"));
    assert_non_null(w->why);
    assert_non_null(w->advice);
    w = analysis_warning_find(a, "POTASSIUM_LOW");
    assert_non_null(strstr(w->message, "not shown to reach the AI"));
    assert_null(strstr(w->message, "deficien"));
    /* nothing says the diet causes cramps or detects an imbalance */
    for (size_t i = 0; i < a->n_warnings; i++) {
        const struct analysis_warning *x = &a->warnings[i];
        assert_null(strstr(x->message, "electrolyte imbalance"));
    }
    /* the short nutrients to suggest foods for */
    int ids[NUT_CORE_COUNT];
    size_t n = analysis_short_nutrients(a, ids, NUT_CORE_COUNT);
    assert_int_equal(n, 3);
    assert_int_equal(ids[0], CA);
    assert_int_equal(ids[1], MG);
    assert_int_equal(ids[2], K);
    analysis_free(a);
}

/* Week B, balanced.  Each day: 500 g milk, 200 g yoghurt, 250 g bread,
 * 200 g spinach, 200 g lentils, 30 g almonds, 300 g banana, 100 g beef,
 * 1800 g water:
 *            kcal   prot    Ca   Mg     P     K      Na   water
 *   milk      300   15.0   600   50   450   750   200.0   440.0
 *   yoghurt   120    8.0   300   30   240   400   100.0   170.0
 *   bread     625   22.5   250  100   250   300  1125.0    95.0
 *   spinach    50    6.0   200  160   100  1120   160.0   182.0
 *   lentils   240   18.0    40   80   360   740     4.0   140.0
 *   almonds   174    6.3    81   81   144   219     0.3     1.2
 *   banana    270    3.0    15   81    66  1080     3.0   225.0
 *   beef      200   26.0    10   20   200   300    60.0    65.0
 *   water       0    0.0     0    0     0     0     0.0  1800.0
 *   day      1979  104.8  1496  602  1810  4909  1652.3  3118.2
 * Protein 4 x 104.8 / 1979 = 21.2 % (< 25); PRAL 51.35 + 66.97 - 103.09
 * - 15.65 - 19.45 = -19.87; Ca:Mg 2.49; calcium P = 1.000, magnesium
 * P = 1.000, protein P = 0.996; water z = 118.2 / (1247.3 / sqrt 7) = 0.251,
 * P = 0.599; potassium and sodium well inside. */
static void balanced_day(struct day_totals *d, long day) {
    day_init(d, day);
    eat(d, &MILK, 500);
    eat(d, &YOGHURT, 200);
    eat(d, &BREAD, 250);
    eat(d, &SPINACH, 200);
    eat(d, &LENTILS, 200);
    eat(d, &ALMONDS, 30);
    eat(d, &BANANA, 300);
    eat(d, &BEEF, 100);
    eat(d, &WATER, 1800);
}

static void test_week_balanced(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[7];
    long from = day_of(WEEK_FROM);
    for (int i = 0; i < 7; i++)
        balanced_day(&d[i], from + i);
    struct analysis *a = run(from, from + 6, &p, d, 7, NULL, 0);
    assert_near(a->nutrients[CA].desc.mean, 1496, 1e-9);
    assert_near(a->nutrients[W].desc.mean, 3118.2, 1e-9);
    assert_near(a->balance.pral_meq.value, -19.867, 1e-6);
    assert_near(a->balance.protein_energy_pct.value, 21.182, 0.001);
    assert_near(a->nutrients[W].p_above_ai, 0.599, 0.0005);
    assert_near(a->nutrients[PR].p_adequate, 0.9959, 0.0005);
    assert_codes(a, "");
    int ids[NUT_CORE_COUNT];
    assert_int_equal(analysis_short_nutrients(a, ids, NUT_CORE_COUNT), 0);
    assert_int_equal(a->cramps.episodes, 0);
    assert_false(a->cramps.red_flag);
    analysis_free(a);
}

/* Two-day week: 2 of 7 days logged, each a meat day.  n = 2:
 * calcium SD_D = sqrt(100^2 + 325^2/2) = 250.62, z = -0.798, P = 0.212;
 * magnesium SD_D = sqrt(29^2 + 86^2/2) = 67.37, z = -1.484, P = 0.069;
 * potassium z = -1010 / (756 / sqrt 2) = -1.889, P = 0.029; water z =
 * 100 / (1240 / sqrt 2) = 0.114, P = 0.545 (no WATER_LOW).  Everything the
 * meat week raised is raised again, but tentative and as info. */
static void test_week_two_days(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[2];
    long from = day_of(WEEK_FROM);
    meat_day(&d[0], from + 1);
    meat_day(&d[1], from + 4);
    struct analysis *a = run(from, from + 6, &p, d, 2, NULL, 0);
    assert_int_equal(a->days_logged, 2);
    assert_near(a->nutrients[CA].p_adequate, 0.2124, 0.0005);
    assert_near(a->nutrients[MG].p_adequate, 0.0689, 0.0005);
    assert_near(a->nutrients[K].p_above_ai, 0.0294, 0.0005);
    assert_near(a->nutrients[W].p_above_ai, 0.5454, 0.0005);
    assert_codes(a, "DATA_SPARSE CALCIUM_LOW MAGNESIUM_LOW PROTEIN_EXCESS CA_P_RATIO_LOW "
                    "CA_MG_RATIO_HIGH ACID_LOAD_HIGH POTASSIUM_LOW");
    for (size_t i = 0; i < a->n_warnings; i++) {
        assert_int_equal(a->warnings[i].severity, ANALYSIS_INFO);
        if (strcmp(a->warnings[i].code, "DATA_SPARSE") != 0) {
            assert_true(a->warnings[i].tentative);
            assert_non_null(strstr(a->warnings[i].message, "Tentative (2 days logged)"));
        }
    }
    analysis_free(a);
}

static void test_data_sparse_threshold(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[3];
    long from = day_of(WEEK_FROM);
    for (int i = 0; i < 3; i++)
        balanced_day(&d[i], from + i);
    /* 3 days: enough */
    struct analysis *a = run(from, from + 6, &p, d, 3, NULL, 0);
    assert_false(has(a, "DATA_SPARSE"));
    analysis_free(a);
    /* 2 days: sparse */
    a = run(from, from + 6, &p, d, 2, NULL, 0);
    assert_codes(a, "DATA_SPARSE");
    analysis_free(a);
    /* none: sparse, nothing else */
    a = run(from, from + 6, &p, NULL, 0, NULL, 0);
    assert_codes(a, "DATA_SPARSE");
    assert_int_equal(a->days_logged, 0);
    assert_non_null(strstr(a->warnings[0].message, "No day logged"));
    analysis_free(a);
}

/* Week D: the balanced week with three cramps, one with swelling. */
static void test_week_red_flag(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[7];
    struct cramp c[3];
    long from = day_of(WEEK_FROM);
    for (int i = 0; i < 7; i++)
        balanced_day(&d[i], from + i);
    memset(c, 0, sizeof(c));
    for (int i = 0; i < 3; i++) {
        date_format(from + 2 * i, c[i].date);
        c[i].severity = 4 + i;
        c[i].night = 1;
        c[i].duration_min = NAN;
    }
    c[2].swelling = 1;
    c[2].night = 0;
    struct analysis *a = run(from, from + 6, &p, d, 7, c, 3);
    assert_codes(a, "CRAMP_RED_FLAG");
    assert_int_equal(sev(a, "CRAMP_RED_FLAG"), ANALYSIS_ALERT);
    const struct analysis_warning *w = analysis_warning_find(a, "CRAMP_RED_FLAG");
    assert_non_null(strstr(w->message, ADVICE_RED_FLAG));
    assert_non_null(strstr(w->message, "2026-11-20"));
    assert_non_null(strstr(w->message, "swelling"));
    assert_string_equal(w->advice, ADVICE_EMERGENCY);
    /* the diary: 3 episodes on 3 days, 2 at night, severities 4 5 6 */
    assert_int_equal(a->cramps.episodes, 3);
    assert_int_equal(a->cramps.days_with_cramps, 3);
    assert_int_equal(a->cramps.night_episodes, 2);
    assert_near(a->cramps.mean_severity, 5.0, 1e-12);
    assert_int_equal(a->cramps.max_severity, 6);
    assert_int_equal(a->cramps.per_day[0], 1);
    assert_int_equal(a->cramps.per_day[1], 0);
    assert_int_equal(a->cramps.per_day[4], 1);
    assert_true(a->cramps.red_flag);
    assert_int_equal(a->cramps.sign_episodes, 1);
    /* 7 logged days: too few to relate cramps to intake */
    assert_int_equal(a->cramps.relation, ANALYSIS_REL_TOO_FEW_DAYS);
    analysis_free(a);
}

/* --- red flags ----------------------------------------------------------- */

/* Cramps on dates (pain[i]: pain that did not ease), all on `side` ("" not
 * given); sign >= 0 gives that one warmth. */
static struct analysis *cramps_side(const char *const *dates, size_t n, const int *pain, int sign,
                                    const char *side) {
    static struct profile p;
    struct cramp c[8];
    p = pregnant();
    assert_true(n <= 8);
    memset(c, 0, sizeof(c));
    for (size_t i = 0; i < n; i++) {
        snprintf(c[i].date, sizeof(c[i].date), "%s", dates[i]);
        snprintf(c[i].side, sizeof(c[i].side), "%s", side);
        c[i].duration_min = NAN;
        c[i].pain_persists = pain[i];
    }
    if (sign >= 0)
        c[sign].warmth = 1;
    return run(day_of(WEEK_FROM), day_of(WEEK_TO), &p, NULL, 0, c, n);
}

static struct analysis *cramps_only(const char *const *dates, size_t n, const int *pain, int sign) {
    return cramps_side(dates, n, pain, sign, "both");
}

static void test_red_flag_single_sign(void **state) {
    (void)state;
    const char *dates[] = {"2026-11-18"};
    const int pain[] = {0};
    struct analysis *a = cramps_only(dates, 1, pain, 0);
    assert_true(a->cramps.red_flag);
    assert_true(has(a, "CRAMP_RED_FLAG"));
    assert_non_null(strstr(analysis_warning_find(a, "CRAMP_RED_FLAG")->message, "warmth"));
    /* never softened by DATA_SPARSE */
    assert_int_equal(sev(a, "CRAMP_RED_FLAG"), ANALYSIS_ALERT);
    analysis_free(a);
    /* the same cramp without the sign */
    a = cramps_only(dates, 1, pain, -1);
    assert_false(a->cramps.red_flag);
    assert_false(has(a, "CRAMP_RED_FLAG"));
    analysis_free(a);
}

static void test_red_flag_persistent_pain(void **state) {
    (void)state;
    /* soreness in both legs: three days running with pain that does not
     * ease (the design rule kept for both legs, 0.4) */
    const char *three[] = {"2026-11-18", "2026-11-19", "2026-11-20"};
    const int pain3[] = {1, 1, 1};
    struct analysis *a = cramps_only(three, 3, pain3, -1);
    assert_int_equal(a->cramps.persistent_run, 3);
    assert_int_equal(a->cramps.persistent_run_end, day_of("2026-11-20"));
    assert_int_equal(a->cramps.one_leg_run, 0);
    assert_true(has(a, "CRAMP_RED_FLAG"));
    assert_non_null(strstr(analysis_warning_find(a, "CRAMP_RED_FLAG")->message,
                           "3 days running, up to 2026-11-20"));
    analysis_free(a);

    /* two days running in both legs: not enough */
    a = cramps_only(three, 2, pain3, -1);
    assert_int_equal(a->cramps.persistent_run, 2);
    assert_false(has(a, "CRAMP_RED_FLAG"));
    analysis_free(a);

    /* three days with a gap: runs of 1 and 2 */
    const char *gap[] = {"2026-11-17", "2026-11-19", "2026-11-20"};
    a = cramps_only(gap, 3, pain3, -1);
    assert_int_equal(a->cramps.persistent_run, 2);
    assert_false(has(a, "CRAMP_RED_FLAG"));
    analysis_free(a);

    /* three days running, but the pain eased on the middle one */
    const int eased[] = {1, 0, 1};
    a = cramps_only(three, 3, eased, -1);
    assert_false(has(a, "CRAMP_RED_FLAG"));
    analysis_free(a);

    /* a run that began before the period (lookback) and ends in it */
    const char *across[] = {"2026-11-14", "2026-11-15", "2026-11-16"};
    a = cramps_only(across, 3, pain3, -1);
    assert_int_equal(a->cramps.persistent_run, 3);
    assert_true(has(a, "CRAMP_RED_FLAG"));
    /* only the episode inside the period is counted */
    assert_int_equal(a->cramps.episodes, 1);
    analysis_free(a);

    /* a run that ended before the period is not this period's red flag */
    const char *before[] = {"2026-11-12", "2026-11-13", "2026-11-14"};
    a = cramps_only(before, 3, pain3, -1);
    assert_int_equal(a->cramps.persistent_run, 0);
    assert_int_equal(a->cramps.episodes, 0);
    assert_false(has(a, "CRAMP_RED_FLAG"));
    analysis_free(a);
}

/* nutrition-science.md 0.4: cramping pain in one leg that persists into the
 * next day is an alert (NHS: a DVT symptom). */
static void test_red_flag_one_leg(void **state) {
    (void)state;
    const char *two[] = {"2026-11-19", "2026-11-20"};
    const int pain2[] = {1, 1};
    /* the left leg on two days running */
    struct analysis *a = cramps_side(two, 2, pain2, -1, "left");
    assert_int_equal(a->cramps.one_leg_run, 2);
    assert_int_equal(a->cramps.one_leg_run_end, day_of("2026-11-20"));
    assert_true(a->cramps.red_flag);
    assert_int_equal(sev(a, "CRAMP_RED_FLAG"), ANALYSIS_ALERT);
    assert_non_null(strstr(analysis_warning_find(a, "CRAMP_RED_FLAG")->message,
                           "Pain in one leg that did not ease, logged on 2 days running up to "
                           "2026-11-20"));
    analysis_free(a);
    /* side not given: it may be one leg, so the same */
    a = cramps_side(two, 2, pain2, -1, "");
    assert_int_equal(a->cramps.one_leg_run, 2);
    assert_true(has(a, "CRAMP_RED_FLAG"));
    analysis_free(a);
    /* one day only: the pain has not persisted into the next day */
    a = cramps_side(two, 1, pain2, -1, "right");
    assert_int_equal(a->cramps.one_leg_run, 1);
    assert_false(has(a, "CRAMP_RED_FLAG"));
    analysis_free(a);
    /* left one day, right the next: no leg with pain two days running */
    static struct profile p;
    struct cramp c[2];
    p = pregnant();
    memset(c, 0, sizeof(c));
    for (int i = 0; i < 2; i++) {
        snprintf(c[i].date, sizeof(c[i].date), "%s", two[i]);
        snprintf(c[i].side, sizeof(c[i].side), "%s", i ? "right" : "left");
        c[i].duration_min = NAN;
        c[i].pain_persists = 1;
    }
    a = run(day_of(WEEK_FROM), day_of(WEEK_TO), &p, NULL, 0, c, 2);
    assert_int_equal(a->cramps.one_leg_run, 1);
    assert_int_equal(a->cramps.persistent_run, 2);
    assert_false(has(a, "CRAMP_RED_FLAG"));
    analysis_free(a);
    /* a one-leg run from the day before the period into it */
    const char *across[] = {"2026-11-15", "2026-11-16"};
    a = cramps_side(across, 2, pain2, -1, "left");
    assert_int_equal(a->cramps.one_leg_run, 2);
    assert_true(has(a, "CRAMP_RED_FLAG"));
    analysis_free(a);
}

/* A cramp diary entry with pregnancy warning signs (0.4). */
static struct cramp sign_entry(const char *date) {
    struct cramp c;
    memset(&c, 0, sizeof(c));
    snprintf(c.date, sizeof(c.date), "%s", date);
    c.duration_min = NAN;
    return c;
}

static void test_preeclampsia_signs(void **state) {
    (void)state;
    struct profile p = pregnant();
    static const char *const words[] = {"sudden swelling", "severe headache", "vision problems",
                                        "pain below the ribs"};
    /* each sign on its own, with no cramp: the alert, first, with the
     * words of the sign and "call your midwife or maternity unit now" */
    for (int k = 0; k < 4; k++) {
        struct cramp c = sign_entry("2026-11-19");
        c.sudden_swelling = k == 0;
        c.headache = k == 1;
        c.vision_problems = k == 2;
        c.pain_below_ribs = k == 3;
        struct day_totals d[7];
        long from = day_of(WEEK_FROM);
        for (int i = 0; i < 7; i++)
            day_values(&d[i], from + i, BASE);
        struct analysis *a = run(from, from + 6, &p, d, 7, &c, 1);
        assert_true(a->cramps.preeclampsia);
        assert_codes(a, "PREECLAMPSIA_SIGNS");
        const struct analysis_warning *w = &a->warnings[0];
        assert_int_equal(w->severity, ANALYSIS_ALERT);
        assert_non_null(strstr(w->message, words[k]));
        assert_non_null(strstr(w->message, "on 2026-11-19"));
        assert_non_null(strstr(w->message, "Call your midwife or maternity unit now"));
        assert_non_null(strstr(w->message, ADVICE_PREECLAMPSIA));
        /* signs alone are not a cramp episode, nor a clot red flag */
        assert_int_equal(a->cramps.episodes, 0);
        assert_false(a->cramps.red_flag);
        assert_int_equal(a->cramps.preeclampsia_per_day[3], 1);
        analysis_free(a);
    }
    /* swelling of both legs is not only a clot sign: both alerts, the
     * pre-eclampsia one first; with a cramp, so an episode */
    struct cramp c = sign_entry("2026-11-20");
    c.swelling = 1;
    snprintf(c.side, sizeof(c.side), "both");
    c.severity = 6;
    struct analysis *a = run(day_of(WEEK_FROM), day_of(WEEK_TO), &p, NULL, 0, &c, 1);
    assert_codes(a, "PREECLAMPSIA_SIGNS CRAMP_RED_FLAG DATA_SPARSE");
    assert_int_equal(a->cramps.sudden_swelling, 1);
    assert_int_equal(a->cramps.episodes, 1);
    analysis_free(a);
    /* swelling of one leg: the clot red flag only */
    snprintf(c.side, sizeof(c.side), "left");
    a = run(day_of(WEEK_FROM), day_of(WEEK_TO), &p, NULL, 0, &c, 1);
    assert_false(a->cramps.preeclampsia);
    assert_codes(a, "CRAMP_RED_FLAG DATA_SPARSE");
    analysis_free(a);
    /* signs on two days: the span */
    struct cramp two[2] = {sign_entry("2026-11-17"), sign_entry("2026-11-21")};
    two[0].headache = 1;
    two[1].vision_problems = 1;
    a = run(day_of(WEEK_FROM), day_of(WEEK_TO), &p, NULL, 0, two, 2);
    assert_non_null(strstr(a->warnings[0].message,
                           "from 2026-11-17 to 2026-11-21 (severe headache, vision problems)"));
    analysis_free(a);
}

/* --- every rule at its threshold and just either side --------------------- */

/* The week of BASE with one nutrient set to v. */
static struct analysis *base_with(int id, double v) {
    struct profile p = pregnant();
    double day[NUT_CORE_COUNT];
    memcpy(day, BASE, sizeof(day));
    day[id] = v;
    return week_of(day, &p);
}

/* Rule `code` fires for below, not at, not for above (or the reverse). */
static void threshold(const char *code, int id, double at, double step, int fires_below) {
    struct analysis *a = base_with(id, at - step);
    if (has(a, code) != fires_below)
        fail_msg("%s at %g: fired %d", code, at - step, has(a, code));
    analysis_free(a);
    a = base_with(id, at);
    if (has(a, code))
        fail_msg("%s fired at its threshold %g", code, at);
    analysis_free(a);
    a = base_with(id, at + step);
    if (has(a, code) == fires_below)
        fail_msg("%s at %g: fired %d", code, at + step, has(a, code));
    analysis_free(a);
}

static void test_threshold_ear_rules(void **state) {
    (void)state;
    /* p_adequate < 0.5 <=> mean < EAR (P = 0.5 exactly at the EAR) */
    threshold("CALCIUM_LOW", CA, 800, 1, 1);
    threshold("MAGNESIUM_LOW", MG, 290, 1, 1);
    /* phosphorus near 580: 410 / 580 = 0.71 withheld the probability under
     * the old rule; now it is computed (0.1) and is 0.5 at the EAR */
    threshold("PHOSPHORUS_LOW", P, 580, 1, 1);
    struct analysis *a = base_with(P, 579);
    assert_false(a->nutrients[P].cv_unreliable);
    assert_true(a->nutrients[P].p_adequate < 0.5 && a->nutrients[P].p_adequate > 0.49);
    analysis_free(a);
    a = base_with(CA, 799);
    assert_int_equal(sev(a, "CALCIUM_LOW"), ANALYSIS_WARNING);
    analysis_free(a);
    /* far below: still a warning, never an alert (alert is for red flags).
     * Calcium 600: P = 0.103 */
    a = base_with(CA, 600);
    assert_int_equal(sev(a, "CALCIUM_LOW"), ANALYSIS_WARNING);
    analysis_free(a);
}

static void test_threshold_protein_low(void **state) {
    (void)state;
    /* 75 kg: EAR 0.88 x 75 = 66.0 g (exact in binary, so the mean of 7
     * equal days is exactly the EAR and P = 0.5) */
    struct profile p = pregnant();
    p.weight_kg = 75;
    const double g[3] = {65.9, 66.0, 66.1};
    const int fires[3] = {1, 0, 0};
    for (int i = 0; i < 3; i++) {
        double v[NUT_CORE_COUNT];
        memcpy(v, BASE, sizeof(v));
        v[PR] = g[i];
        struct analysis *a = week_of(v, &p);
        assert_near(a->nutrients[PR].ref.ear, 66.0, 0);
        if (has(a, "PROTEIN_LOW") != fires[i])
            fail_msg("PROTEIN_LOW at %g g: fired %d", g[i], has(a, "PROTEIN_LOW"));
        analysis_free(a);
    }
}

static void test_threshold_limit_rules(void **state) {
    (void)state;
    /* p_above_ul > 0.5 <=> mean > UL */
    threshold("CALCIUM_HIGH", CA, 2500, 1, 0);
    threshold("PHOSPHORUS_HIGH", P, 3500, 1, 0);
    threshold("SODIUM_HIGH", NA, 2300, 1, 0);
    struct analysis *a = base_with(CA, 2501);
    assert_int_equal(sev(a, "CALCIUM_HIGH"), ANALYSIS_WARNING);
    analysis_free(a);
    a = base_with(NA, 2301);
    assert_int_equal(sev(a, "SODIUM_HIGH"), ANALYSIS_INFO);
    analysis_free(a);
    /* food magnesium far above 350 never gives MAGNESIUM_SUPPLEMENT_UL */
    a = base_with(MG, 900);
    assert_false(has(a, "MAGNESIUM_SUPPLEMENT_UL"));
    assert_nan(a->nutrients[MG].p_above_ul);
    analysis_free(a);
}

static void test_threshold_ai_rules(void **state) {
    (void)state;
    /* p_above_ai < 0.5 <=> mean < AI */
    threshold("POTASSIUM_LOW", K, 2900, 1, 1);
    threshold("WATER_LOW", W, 3000, 1, 1);
    struct analysis *a = base_with(W, 2999);
    assert_int_equal(sev(a, "WATER_LOW"), ANALYSIS_INFO);
    analysis_free(a);
}

static void test_threshold_protein_excess(void **state) {
    (void)state;
    /* energy 2000 kcal: protein g = pct x 2000 / 400 = pct x 5 */
    struct analysis *a = base_with(PR, 175.5); /* 35.1 % */
    assert_int_equal(sev(a, "PROTEIN_EXCESS"), ANALYSIS_WARNING);
    assert_non_null(strstr(analysis_warning_find(a, "PROTEIN_EXCESS")->message, "AMDR"));
    analysis_free(a);
    a = base_with(PR, 175); /* 35 % exactly: the bound itself is within the AMDR */
    assert_near(a->balance.protein_energy_pct.value, 35.0, 0);
    assert_int_equal(sev(a, "PROTEIN_EXCESS"), ANALYSIS_INFO);
    analysis_free(a);
    a = base_with(PR, 174.5); /* 34.9 % */
    assert_int_equal(sev(a, "PROTEIN_EXCESS"), ANALYSIS_INFO);
    analysis_free(a);
    a = base_with(PR, 125.5); /* 25.1 % */
    assert_int_equal(sev(a, "PROTEIN_EXCESS"), ANALYSIS_INFO);
    analysis_free(a);
    a = base_with(PR, 125); /* 25 % exactly: WHO's "high-protein" starts at 25 % */
    assert_int_equal(sev(a, "PROTEIN_EXCESS"), ANALYSIS_INFO);
    const char *m = analysis_warning_find(a, "PROTEIN_EXCESS")->message;
    assert_non_null(strstr(m, "WHO"));
    assert_non_null(strstr(m, "extrapolation"));
    analysis_free(a);
    a = base_with(PR, 124.5); /* 24.9 % */
    assert_false(has(a, "PROTEIN_EXCESS"));
    analysis_free(a);
}

static void test_threshold_protein_excess_teen(void **state) {
    (void)state;
    /* a pregnant 17-year-old: AMDR 10-30 % (ages 4-18) */
    struct profile p = pregnant();
    snprintf(p.birth_date, sizeof(p.birth_date), "2009-05-01");
    double v[NUT_CORE_COUNT];
    memcpy(v, BASE, sizeof(v));
    v[PR] = 150.5; /* 30.1 % */
    struct analysis *a = week_of(v, &p);
    assert_int_equal(a->stage.band, DRI_BAND_14_18);
    assert_int_equal(sev(a, "PROTEIN_EXCESS"), ANALYSIS_WARNING);
    analysis_free(a);
    v[PR] = 150; /* 30 % */
    a = week_of(v, &p);
    assert_int_equal(sev(a, "PROTEIN_EXCESS"), ANALYSIS_INFO);
    analysis_free(a);
}

static void test_threshold_ca_p_ratio(void **state) {
    (void)state;
    struct profile p = pregnant();
    double v[NUT_CORE_COUNT];
    memcpy(v, BASE, sizeof(v));
    /* calcium 700 (P adequate = Phi(-100/158.4) = 0.264, short); ratio
     * against 1000/700: phosphorus 490 gives exactly 10/7 */
    v[CA] = 700;
    v[P] = 490;
    struct analysis *a = week_of(v, &p);
    assert_int_equal(a->balance.ca_p_ratio.position, ANALYSIS_POS_WITHIN);
    assert_false(has(a, "CA_P_RATIO_LOW"));
    analysis_free(a);
    v[P] = 491; /* 1.4257 < 1.4286 */
    a = week_of(v, &p);
    assert_int_equal(sev(a, "CA_P_RATIO_LOW"), ANALYSIS_INFO);
    analysis_free(a);
    v[P] = 489;
    a = week_of(v, &p);
    assert_false(has(a, "CA_P_RATIO_LOW"));
    analysis_free(a);
    /* a low ratio with calcium adequate: no warning (4.1) */
    v[CA] = 1100;
    v[P] = 1200;
    a = week_of(v, &p);
    assert_int_equal(a->balance.ca_p_ratio.position, ANALYSIS_POS_BELOW);
    assert_false(has(a, "CA_P_RATIO_LOW"));
    analysis_free(a);
}

static void test_threshold_ca_mg_ratio(void **state) {
    (void)state;
    struct profile p = pregnant();
    double v[NUT_CORE_COUNT];
    memcpy(v, BASE, sizeof(v));
    /* magnesium 280 (P = Phi(-10/43.56) = 0.409, short); Ca 784 / 280 = 2.8 */
    v[MG] = 280;
    v[CA] = 784;
    struct analysis *a = week_of(v, &p);
    assert_false(has(a, "CA_MG_RATIO_HIGH"));
    analysis_free(a);
    v[CA] = 785; /* 2.8036 */
    a = week_of(v, &p);
    assert_int_equal(sev(a, "CA_MG_RATIO_HIGH"), ANALYSIS_INFO);
    analysis_free(a);
    v[CA] = 783;
    a = week_of(v, &p);
    assert_false(has(a, "CA_MG_RATIO_HIGH"));
    analysis_free(a);
    /* a high ratio with magnesium adequate: no warning (4.2) */
    v[MG] = 380;
    v[CA] = 1500;
    a = week_of(v, &p);
    assert_false(has(a, "CA_MG_RATIO_HIGH"));
    analysis_free(a);
}

static void test_threshold_acid_load(void **state) {
    (void)state;
    struct profile p = pregnant();
    /* minerals zero, PRAL = 0.49 x protein: 15 / 0.49 g gives 15.0 */
    double v[NUT_CORE_COUNT] = {2000, 15.0 / 0.49, 0, 0, 0, 0, 0, 3300};
    struct analysis *a = week_of(v, &p);
    assert_near(a->balance.pral_meq.value, 15.0, 1e-12);
    assert_false(has(a, "ACID_LOAD_HIGH"));
    analysis_free(a);
    v[PR] = 15.1 / 0.49;
    a = week_of(v, &p);
    assert_int_equal(sev(a, "ACID_LOAD_HIGH"), ANALYSIS_INFO);
    analysis_free(a);
    v[PR] = 14.9 / 0.49;
    a = week_of(v, &p);
    assert_false(has(a, "ACID_LOAD_HIGH"));
    analysis_free(a);
}

static void test_threshold_data_incomplete(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[7];
    long from = day_of(WEEK_FROM);
    /* 800 g milk + 200 g mystery: calcium known for 0.8 of the grams */
    for (int i = 0; i < 7; i++) {
        day_init(&d[i], from + i);
        eat(&d[i], &MILK, 800);
        eat(&d[i], &MYSTERY, 200);
    }
    struct analysis *a = run(from, from + 6, &p, d, 7, NULL, 0);
    assert_near(a->nutrients[CA].completeness, 0.8, 1e-12);
    assert_int_equal(a->nutrients[CA].n_assess, 7);
    assert_false(has(a, "DATA_INCOMPLETE"));
    analysis_free(a);
    /* one day 790 g milk + 210 g mystery: 0.79, below */
    day_init(&d[3], from + 3);
    eat(&d[3], &MILK, 790);
    eat(&d[3], &MYSTERY, 210);
    a = run(from, from + 6, &p, d, 7, NULL, 0);
    assert_int_equal(a->nutrients[CA].n_assess, 6);
    assert_int_equal(a->nutrients[CA].n_incomplete, 1);
    assert_int_equal(sev(a, "DATA_INCOMPLETE"), ANALYSIS_INFO);
    assert_non_null(strstr(analysis_warning_find(a, "DATA_INCOMPLETE")->message, "calcium"));
    analysis_free(a);
    /* 810 g + 190 g: 0.81, above */
    day_init(&d[3], from + 3);
    eat(&d[3], &MILK, 810);
    eat(&d[3], &MYSTERY, 190);
    a = run(from, from + 6, &p, d, 7, NULL, 0);
    assert_false(has(a, "DATA_INCOMPLETE"));
    analysis_free(a);
}

/* --- cramps and the previous day's intake -------------------------------- */

/* 15 logged days (2026-11-02 .. 16).  Calcium 600 on days 0-5 and 1200 on
 * days 6-14; cramps on days 1, 2, 3, 4 and 10.  Pairs (day i - 1, day i),
 * i = 1..14: previous-day calcium below the EAR 800 on pairs 1-6.
 *                 cramp  none
 *   below EAR       4      2      (i = 1-4 | 5, 6)
 *   not below       1      7      (i = 10 | 7-9, 11-14)
 * Hypergeometric: 5 cramp pairs, 9 others, 6 drawn; C(14,6) = 3003;
 * P(X=k) x 3003 = 84, 630, 1260, 840, 180, 9 for k = 0..5.  Observed a = 4
 * (180): two-sided p = (84 + 180 + 9) / 3003 = 273/3003 = 1/11 = 0.0909;
 * P(X >= 4) = 189/3003 = 0.0629; odds ratio 4x7 / (2x1) = 14.
 * Means before cramp days: (4 x 600 + 1200) / 5 = 720; before others
 * (2 x 600 + 7 x 1200) / 9 = 1066.67.  With a two-valued intake the
 * point-biserial r equals minus the phi coefficient of the table:
 * (4x7 - 2x1) / sqrt(6 x 8 x 5 x 9) = 26 / 46.476 = 0.5594. */
static void test_relation_fisher(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[15];
    struct cramp c[5];
    const int cramp_days[5] = {1, 2, 3, 4, 10};
    long from = day_of("2026-11-02");
    for (int i = 0; i < 15; i++) {
        double v[NUT_CORE_COUNT];
        memcpy(v, BASE, sizeof(v));
        v[CA] = i <= 5 ? 600 : 1200;
        day_values(&d[i], from + i, v);
    }
    memset(c, 0, sizeof(c));
    for (int i = 0; i < 5; i++) {
        date_format(from + cramp_days[i], c[i].date);
        c[i].duration_min = NAN;
    }
    struct analysis *a = run(from, from + 14, &p, d, 15, c, 5);
    const struct analysis_cramps *cr = &a->cramps;
    assert_int_equal(cr->relation, ANALYSIS_REL_DONE);
    assert_int_equal(cr->relation_pairs, 14);
    assert_true(cr->fisher_done);
    assert_int_equal(cr->fisher_table[0], 4);
    assert_int_equal(cr->fisher_table[1], 2);
    assert_int_equal(cr->fisher_table[2], 1);
    assert_int_equal(cr->fisher_table[3], 7);
    assert_near(cr->fisher.p_two_sided, 1.0 / 11.0, 1e-9);
    assert_near(cr->fisher.p_greater, 189.0 / 3003.0, 1e-9);
    assert_near(cr->fisher.odds_ratio, 14.0, 1e-12);
    assert_string_equal(cr->items[0].key, "calcium");
    assert_int_equal(cr->items[0].n_cramp, 5);
    assert_int_equal(cr->items[0].n_other, 9);
    assert_near(cr->items[0].mean_cramp, 720, 1e-9);
    assert_near(cr->items[0].mean_other, 9600.0 / 9.0, 1e-9);
    assert_near(cr->items[0].r_point_biserial, -26.0 / sqrt(2160.0), 1e-9);
    /* magnesium is constant: no correlation can be computed */
    assert_string_equal(cr->items[1].key, "magnesium");
    assert_near(cr->items[1].mean_cramp, 380, 1e-9);
    assert_nan(cr->items[1].r_point_biserial);
    assert_string_equal(cr->items[3].key, "pral");
    assert_int_equal(cr->items[3].n_cramp + cr->items[3].n_other, 14);
    /* trend with 15 days: calcium jumps from 600 to 1200, slope > 0 */
    assert_true(a->nutrients[CA].has_trend);
    assert_true(a->nutrients[CA].trend.slope_per_week > 0);
    analysis_free(a);
}

static void test_relation_too_few_days(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[13];
    struct cramp c[1];
    long from = day_of("2026-11-02");
    /* 14-day period, 13 logged: too few */
    for (int i = 0; i < 13; i++)
        balanced_day(&d[i], from + i);
    memset(c, 0, sizeof(c));
    date_format(from + 5, c[0].date);
    c[0].duration_min = NAN;
    struct analysis *a = run(from, from + 13, &p, d, 13, c, 1);
    assert_int_equal(a->cramps.relation, ANALYSIS_REL_TOO_FEW_DAYS);
    assert_false(a->cramps.fisher_done);
    assert_nan(a->cramps.items[0].mean_cramp);
    assert_false(a->nutrients[CA].has_trend);
    analysis_free(a);
}

static void test_relation_no_contrast(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[14];
    long from = day_of("2026-11-02");
    for (int i = 0; i < 14; i++)
        balanced_day(&d[i], from + i);
    /* 14 logged days, no cramp: nothing to compare */
    struct analysis *a = run(from, from + 13, &p, d, 14, NULL, 0);
    assert_int_equal(a->cramps.relation, ANALYSIS_REL_NO_CONTRAST);
    assert_false(a->cramps.fisher_done);
    assert_true(a->nutrients[CA].has_trend);
    assert_near(a->nutrients[CA].trend.slope_per_week, 0, 1e-9);
    analysis_free(a);
}

static void test_trend(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[14];
    long from = day_of("2026-11-02");
    /* calcium 800 + 10 i: slope 10 mg/day = 70 mg/week */
    for (int i = 0; i < 14; i++) {
        double v[NUT_CORE_COUNT];
        memcpy(v, BASE, sizeof(v));
        v[CA] = 800 + 10 * i;
        day_values(&d[i], from + i, v);
    }
    struct analysis *a = run(from, from + 13, &p, d, 14, NULL, 0);
    assert_true(a->nutrients[CA].has_trend);
    assert_near(a->nutrients[CA].trend.slope_per_week, 70, 1e-9);
    assert_int_equal(a->nutrients[CA].trend.n, 14);
    analysis_free(a);
}

/* --- profile and life stage ---------------------------------------------- */

static void test_no_profile(void **state) {
    (void)state;
    double v[NUT_CORE_COUNT];
    memcpy(v, BASE, sizeof(v));
    v[CA] = 600;
    struct analysis *a = week_of(v, NULL);
    assert_false(a->has_profile);
    assert_true(a->approximate);
    assert_true(a->stage.approximate);
    assert_non_null(strstr(a->profile_note, "dietbal profile set"));
    /* female 19-30 non-pregnant: calcium EAR 800, magnesium EAR 255,
     * potassium AI 2600, water AI 2700; protein from the g/day figure */
    assert_near(a->nutrients[CA].ref.ear, 800, 0);
    assert_near(a->nutrients[MG].ref.ear, 255, 0);
    assert_near(a->nutrients[K].ref.ai, 2600, 0);
    assert_near(a->nutrients[W].ref.ai, 2700, 1e-9);
    assert_near(a->nutrients[PR].ref.ear, 37.6, 1e-9);
    assert_nan(a->balance.protein_g_per_kg.value);
    /* SDw flagged as not verified: everything approximate */
    assert_false(a->nutrients[CA].sdw_verified);
    assert_true(a->nutrients[CA].approximate);
    assert_true(has(a, "CALCIUM_LOW"));
    assert_non_null(strstr(analysis_warning_find(a, "CALCIUM_LOW")->message, "approximate"));
    analysis_free(a);

    /* a profile without an age is no better */
    struct profile p;
    profile_init(&p);
    p.pregnant = 1;
    a = week_of(BASE, &p);
    assert_false(a->has_profile);
    analysis_free(a);
}

static void test_weight_unknown(void **state) {
    (void)state;
    struct profile p = pregnant();
    p.weight_kg = NAN;
    struct analysis *a = week_of(BASE, &p);
    /* pregnancy g/day fallback: EAR 59 g, RDA 71 g (1.3) */
    assert_near(a->nutrients[PR].ref.ear, 59.0, 1e-9);
    assert_near(a->nutrients[PR].ref.rda, 71.0, 1e-9);
    assert_nan(a->balance.protein_g_per_kg.value);
    assert_int_equal(a->balance.protein_g_per_kg.position, ANALYSIS_POS_UNKNOWN);
    analysis_free(a);
}

/* nutrition-science.md 0.3: a period spanning a stage change gets the
 * day-weighted mean of the daily reference values. */
static void test_stage_day_weighted(void **state) {
    (void)state;
    /* due 2027-05-20: 2026-11-18 is 183 days before (gestational day 97,
     * week 13, trimester 1); 2026-11-19 is 182 before (day 98, week 14,
     * trimester 2).  16-18: trimester 1 (3 days), 19-22: trimester 2 (4).
     * Protein EAR = 65 x (3 x 0.66 + 4 x 0.88) / 7 = 65 x 5.50 / 7 =
     * 51.0714 g; RDA 65 x (3 x 0.80 + 4 x 1.1) / 7 = 63.1429 g; SDr 0.12 x
     * 51.0714 = 6.1286 g.  (The majority stage would give 57.2 g.) */
    struct profile p = pregnant();
    snprintf(p.due_date, sizeof(p.due_date), "2027-05-20");
    struct analysis *a = week_of(BASE, &p);
    assert_true(a->stage_mixed);
    assert_near(a->nutrients[PR].ref.ear, 51.0714, 0.0001);
    assert_near(a->nutrients[PR].ref.rda, 63.1429, 0.0001);
    assert_near(a->nutrients[PR].ref.sdr, 6.1286, 0.0001);
    assert_near(a->nutrients[PR].ref.ear_g_per_kg, 5.50 / 7, 1e-9);
    assert_non_null(strstr(a->nutrients[PR].ref.note, "day-weighted mean over 7 days"));
    /* the other nutrients' values do not change with the trimester */
    assert_near(a->nutrients[MG].ref.ear, 290, 0);
    /* the stage shown is the last day's; the note names both */
    assert_int_equal(a->stage.trimester, 2);
    assert_int_equal(a->stage_days, 4);
    assert_int_equal(a->n_notes, 1);
    assert_non_null(strstr(a->notes[0], "trimester 1 on 3 days"));
    assert_non_null(strstr(a->notes[0], "trimester 2 on 4 days"));
    assert_non_null(strstr(a->notes[0], "day-weighted mean"));
    analysis_free(a);

    /* one day later due date: 16-17 trimester 1, 18-22 trimester 2, EAR
     * 65 x (2 x 0.66 + 5 x 0.88) / 7 = 53.1143: a one-day shift moves the
     * week's EAR by 0.22 x 65 / 7 = 2.04 g, not 14.3 g */
    snprintf(p.due_date, sizeof(p.due_date), "2027-05-19");
    a = week_of(BASE, &p);
    assert_near(a->nutrients[PR].ref.ear, 53.1143, 0.0001);
    analysis_free(a);

    /* the days that judge a nutrient: only the two trimester-1 days are
     * logged, so their values (0.66 x 65) */
    struct day_totals d[2];
    long from = day_of(WEEK_FROM);
    day_values(&d[0], from, BASE);
    day_values(&d[1], from + 1, BASE);
    a = run(from, from + 6, &p, d, 2, NULL, 0);
    assert_int_equal(a->stage.trimester, 1);
    assert_false(a->stage_mixed);
    assert_near(a->nutrients[PR].ref.ear, 0.66 * 65, 1e-9);
    analysis_free(a);

    /* the assessed days of the nutrient: protein known on all 7 days, but
     * the trimester-2 days lack calcium values - calcium is judged on the
     * trimester-1 days only (equal values there, but protein's EAR is the
     * 7-day mean) */
    struct day_totals w[7];
    for (int i = 0; i < 7; i++) {
        day_values(&w[i], from + i, BASE);
        if (i >= 2)
            w[i].known_grams[CA] = 0;
    }
    a = run(from, from + 6, &p, w, 7, NULL, 0);
    assert_near(a->nutrients[PR].ref.ear, 53.1143, 0.0001);
    assert_int_equal(a->nutrients[CA].n_assess, 2);
    analysis_free(a);
}

/* nutrition-science.md 0.2: past the due date she stays pregnant for the
 * reference values, with a note; never the lower non-pregnant values. */
static void test_past_due_date(void **state) {
    (void)state;
    /* due 2026-11-14, two days before the week: days 16-22 are 2-8 days
     * past it, all before 42+0 (2026-11-28): pregnancy values */
    struct profile p = pregnant();
    snprintf(p.due_date, sizeof(p.due_date), "2026-11-14");
    struct analysis *a = week_of(BASE, &p);
    assert_int_equal(a->stage.table, DRI_TABLE_PREGNANCY);
    assert_int_equal(a->stage.trimester, 3);
    assert_false(a->stage.approximate);
    assert_near(a->nutrients[MG].ref.ear, 290, 0);          /* not 255 */
    assert_near(a->nutrients[PR].ref.ear, 0.88 * 65, 1e-9); /* not 0.66 x 65 */
    assert_near(a->nutrients[W].ref.ai, 3000, 0);           /* not 2700 */
    assert_int_equal(a->n_notes, 1);
    assert_non_null(strstr(a->notes[0], "Past the due date (2026-11-14)"));
    assert_non_null(strstr(a->notes[0], "update the profile after the birth"));
    analysis_free(a);

    /* due 2026-10-31: the week is 16-22 days past it, past 42+0
     * (2026-11-14): pregnancy values, approximate, noted */
    snprintf(p.due_date, sizeof(p.due_date), "2026-10-31");
    a = week_of(BASE, &p);
    assert_int_equal(a->stage.table, DRI_TABLE_PREGNANCY);
    assert_true(a->stage.approximate);
    assert_true(a->nutrients[MG].approximate);
    assert_near(a->nutrients[MG].ref.ear, 290, 0);
    assert_non_null(strstr(a->notes[0], "More than 42 weeks"));
    analysis_free(a);
    /* ... and lactating: lactation values (magnesium EAR 255, water 3800) */
    p.lactating = 1;
    a = week_of(BASE, &p);
    assert_int_equal(a->stage.table, DRI_TABLE_LACTATION);
    assert_near(a->nutrients[MG].ref.ear, 255, 0);
    assert_near(a->nutrients[W].ref.ai, 3800, 0);
    assert_non_null(strstr(a->notes[0], "lactation values are used"));
    analysis_free(a);
}

/* Where each nutrient came from: one food row per food of the period. */
static struct period_source food_row(const char *id, const char *name, const struct tfood *f,
                                     double grams) {
    struct period_source x;
    memset(&x, 0, sizeof(x));
    x.id = (char *)id;
    x.name = (char *)name;
    x.grams = grams;
    x.units = NAN;
    for (int k = 0; k < NUT_CORE_COUNT; k++)
        x.amount[k] = f->v[k] * grams / 100.0;
    x.amount[NUT_SLOT_VITAMIN_D] = NAN; /* the test foods have no vitamin D value */
    return x;
}

static void test_sources(void **state) {
    (void)state;
    struct profile p = pregnant();
    /* A week of 7 x (300 g milk, 200 g bread, 100 g beef, 100 g mystery):
     * milk 2100 g, bread 1400 g, beef 700 g, mystery 700 g.  Calcium:
     * milk 2520, bread 1400, beef 70 mg = 3990 known (mystery unknown):
     * shares 0.6316, 0.3509, 0.0175, summing to 1.  Protein: milk 63,
     * bread 126, beef 182, mystery 35 g = 406: beef 0.4483 first. */
    struct period_source src[4] = {
        food_row("test:milk", "Test milk", &MILK, 2100),
        food_row("test:bread", "Test bread", &BREAD, 1400),
        food_row("test:beef", "Test beef", &BEEF, 700),
        food_row("test:mystery", "Test mystery", &MYSTERY, 700),
    };
    struct analysis_input in = {day_of(WEEK_FROM), day_of(WEEK_TO), &p, NULL, 0, NULL, 0, src, 4};
    struct analysis *a = NULL;
    char err[128];
    assert_int_equal(analysis_run(&in, &a, err, sizeof(err)), 0);
    const struct analysis_nutrient *ca = &a->nutrients[CA];
    assert_int_equal(ca->n_sources, 3);
    assert_string_equal(ca->sources[0].id, "test:milk");
    assert_string_equal(ca->sources[1].id, "test:bread");
    assert_string_equal(ca->sources[2].id, "test:beef");
    assert_near(ca->sources_total, 3990, 1e-9);
    assert_near(ca->sources[0].amount, 2520, 1e-9);
    assert_near(ca->sources[0].grams, 2100, 0);
    assert_near(ca->sources[0].share, 2520.0 / 3990, 1e-12);
    assert_near(ca->sources[2].share, 70.0 / 3990, 1e-12);
    assert_near(ca->sources[0].share + ca->sources[1].share + ca->sources[2].share, 1, 1e-12);
    const struct analysis_nutrient *pr = &a->nutrients[PR];
    assert_int_equal(pr->n_sources, 4);
    assert_string_equal(pr->sources[0].id, "test:beef");
    assert_near(pr->sources[0].share, 182.0 / 406, 1e-12);
    assert_string_equal(pr->sources[3].id, "test:mystery");
    /* water: milk 1848, bread 532, beef 455 (mystery unknown) */
    assert_string_equal(a->nutrients[W].sources[0].id, "test:milk");
    analysis_free(a);

    /* more than five foods: the five largest, largest first, ties by id;
     * shares still of the whole known total.  Seven foods of 100..700 mg
     * calcium (as bread, 100 mg/100 g): total 2800 mg. */
    struct period_source many[7];
    static const char *const ids[7] = {"t:a", "t:b", "t:c", "t:d", "t:e", "t:f", "t:g"};
    for (int i = 0; i < 7; i++)
        many[i] = food_row(ids[i], ids[i], &BREAD, 100.0 * (i + 1));
    in.sources = many;
    in.n_sources = 7;
    assert_int_equal(analysis_run(&in, &a, err, sizeof(err)), 0);
    ca = &a->nutrients[CA];
    assert_int_equal(ca->n_sources, ANALYSIS_MAX_SOURCES);
    assert_string_equal(ca->sources[0].id, "t:g");
    assert_string_equal(ca->sources[4].id, "t:c");
    assert_near(ca->sources[0].share, 700.0 / 2800, 1e-12);
    analysis_free(a);

    /* nothing logged: no sources, total unknown */
    in.sources = NULL;
    in.n_sources = 0;
    assert_int_equal(analysis_run(&in, &a, err, sizeof(err)), 0);
    assert_int_equal(a->nutrients[CA].n_sources, 0);
    assert_nan(a->nutrients[CA].sources_total);
    analysis_free(a);
}

/* nutrition-science.md 0.5: no warning advises what another warns against.
 * The week: ACID_LOAD_HIGH and CALCIUM_LOW together. */
static void test_advice_consistent(void **state) {
    (void)state;
    struct profile p = pregnant();
    /* Week A's day (400 g beef, 200 g bread, 300 g milk, 2500 g water):
     * calcium 600 (P = 0.103), PRAL 58.75, protein 35.4 % of energy. */
    double v[NUT_CORE_COUNT] = {1480, 131, 600, 190, 1270, 1890, 1260, 3100};
    struct analysis *a = week_of(v, &p);
    assert_true(has(a, "ACID_LOAD_HIGH"));
    assert_true(has(a, "CALCIUM_LOW"));
    assert_true(has(a, "PROTEIN_EXCESS"));
    assert_no_contradiction(a);
    const struct analysis_warning *acid = analysis_warning_find(a, "ACID_LOAD_HIGH");
    for (const char *const *w = DAIRY_WORDS; *w; w++)
        assert_null(strstr(acid->advice, *w));
    /* calcium's advice names the dairy foods the acid advice must not cut */
    assert_non_null(strstr(analysis_warning_find(a, "CALCIUM_LOW")->advice, "cheese"));
    assert_non_null(strstr(acid->advice, "less meat"));
    analysis_free(a);

    /* ACID_LOAD_HIGH with protein short: no "less meat" either.  Protein
     * 40 g (< EAR 57.2), P 1000, K 1000, Mg 200, Ca 500: PRAL = 19.6 + 37
     * - 21 - 5.2 - 6.5 = 23.9 > 15. */
    double w[NUT_CORE_COUNT] = {2000, 40, 500, 200, 1000, 1000, 1500, 3300};
    a = week_of(w, &p);
    assert_true(has(a, "ACID_LOAD_HIGH"));
    assert_true(has(a, "PROTEIN_LOW"));
    assert_true(has(a, "CALCIUM_LOW"));
    assert_no_contradiction(a);
    acid = analysis_warning_find(a, "ACID_LOAD_HIGH");
    assert_null(strstr(acid->advice, "meat"));
    assert_null(acid->less);
    analysis_free(a);
}

/* --- the rule table and errors ------------------------------------------- */

static void test_rule_table(void **state) {
    (void)state;
    /* product.md "Warning codes", each exactly once */
    static const char *const product[] = {
        "CALCIUM_LOW",    "CALCIUM_HIGH",       "MAGNESIUM_LOW",  "MAGNESIUM_SUPPLEMENT_UL",
        "PHOSPHORUS_LOW", "PHOSPHORUS_HIGH",    "PROTEIN_LOW",    "PROTEIN_EXCESS",
        "CA_P_RATIO_LOW", "CA_MG_RATIO_HIGH",   "ACID_LOAD_HIGH", "POTASSIUM_LOW",
        "SODIUM_HIGH",    "WATER_LOW",          "DATA_SPARSE",    "DATA_INCOMPLETE",
        "CRAMP_RED_FLAG", "PREECLAMPSIA_SIGNS", "VITAMIN_D_LOW",  "VITAMIN_D_HIGH",
    };
    size_t n = 0;
    const struct analysis_rule *r = analysis_rules(&n);
    assert_int_equal(n, sizeof(product) / sizeof(product[0]));
    for (size_t i = 0; i < n; i++) {
        int found = 0;
        for (size_t j = 0; j < n; j++)
            found += strcmp(r[j].code, product[i]) == 0;
        if (found != 1)
            fail_msg("%s appears %d times in the rule table", product[i], found);
        assert_non_null(r[i].condition);
        assert_non_null(r[i].source);
        assert_non_null(r[i].why);
        assert_non_null(r[i].advice);
        assert_non_null(r[i].check);
        /* 5.3: never that diet causes or prevents cramps, never an
         * "electrolyte imbalance", never a dose */
        assert_null(strstr(r[i].why, "electrolyte imbalance"));
        assert_true(only_denied(r[i].why, "cause cramps"));
        assert_true(only_denied(r[i].why, "causes cramps"));
        assert_true(only_denied(r[i].why, "prevent cramps"));
        assert_true(only_denied(r[i].why, "stop cramps"));
        assert_null(strstr(r[i].advice, "will stop"));
        assert_null(strstr(r[i].advice, " mg"));
        assert_null(strstr(r[i].advice, " ug"));
        assert_null(strstr(r[i].advice, " IU"));
        assert_null(strstr(r[i].advice, "quinine"));
        /* alert is for what needs a clinician today only */
        if (r[i].severity == ANALYSIS_ALERT && strcmp(r[i].code, "PREECLAMPSIA_SIGNS") != 0)
            assert_string_equal(r[i].code, "CRAMP_RED_FLAG");
        /* the food classes a rule declares are the ones its advice names */
        assert_true(words_in(r[i].more, r[i].advice));
        assert_true(words_in(r[i].less, r[i].advice));
    }
    /* 0.5: ACID_LOAD_HIGH never names dairy; PROTEIN_EXCESS never says less
     * fish (it says to keep eating it) */
    const struct analysis_rule *acid = NULL, *pe = NULL;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(r[i].code, "ACID_LOAD_HIGH") == 0)
            acid = &r[i];
        if (strcmp(r[i].code, "PROTEIN_EXCESS") == 0)
            pe = &r[i];
    }
    assert_non_null(acid);
    assert_non_null(pe);
    for (const char *const *w = DAIRY_WORDS; *w; w++)
        if (strstr(acid->advice, *w))
            fail_msg("ACID_LOAD_HIGH advice names %s: %s", *w, acid->advice);
    assert_null(strstr(pe->less, "fish"));
    assert_non_null(strstr(pe->advice, "low-mercury fish"));
    assert_string_equal(analysis_severity_name(ANALYSIS_ALERT), "alert");
    assert_string_equal(analysis_nutrient_key(NUT_WATER), "water");
    assert_null(analysis_nutrient_key(NUT_CORE_COUNT));
    assert_string_equal(analysis_nutrient_key(NUT_VITAMIN_D), "vitamin_d");
}

/* --- supplements and vitamin D ---------------------------------------------- */

#define VD NUT_SLOT_VITAMIN_D

/* 7 days of BASE with calcium food_ca (all known), vitamin D from food
 * food_vd ug (all known; NAN: no food has a value) and, each day, supp[]
 * from supplements (per slot; NULL: none). */
static struct analysis *week_supp(double food_ca, double food_vd,
                                  const double supp[NUT_REPORTED_COUNT], const struct profile *p) {
    struct day_totals d[7];
    long from = day_of(WEEK_FROM);
    for (int i = 0; i < 7; i++) {
        day_values(&d[i], from + i, BASE);
        d[i].total[NUT_CALCIUM] = food_ca;
        d[i].total[VD] = food_vd;
        d[i].known_grams[VD] = isnan(food_vd) ? 0 : 1000;
        for (int k = 0; supp && k < NUT_REPORTED_COUNT; k++)
            d[i].supplement[k] = supp[k];
        d[i].supplement_entries = supp ? 1 : 0;
    }
    return run(from, from + 6, p, d, 7, NULL, 0);
}

/* A calcium supplement moves calcium's mean and P(adequate) by exactly its
 * amount (the SDw of calcium is the survey's 325 mg, not the person's).
 * Her stage: pregnancy 19-30 y, EAR 800, SDr 100, n = 7:
 * SD_D = sqrt(100^2 + 325^2 / 7) = sqrt(10000 + 15089.29) = 158.396.
 * Food 600 mg: z = -200 / 158.396 = -1.2627, P = 0.1034.
 * Food 600 + 500 mg from one tablet a day: mean 1100,
 * z = 300 / 158.396 = 1.8940, P = 0.9709. */
static void test_supplement_calcium(void **state) {
    (void)state;
    struct profile p = pregnant();
    double supp[NUT_REPORTED_COUNT] = {0};
    struct analysis *a = week_supp(600, NAN, NULL, &p);
    const struct analysis_nutrient *ca = &a->nutrients[NUT_CALCIUM];

    assert_near(ca->desc.mean, 600, 1e-9);
    assert_near(ca->p_adequate, 0.1034, 0.0005);
    assert_near(ca->from_supplements, 0, 0);
    assert_true(has(a, "CALCIUM_LOW"));
    analysis_free(a);

    supp[NUT_CALCIUM] = 500;
    a = week_supp(600, NAN, supp, &p);
    ca = &a->nutrients[NUT_CALCIUM];
    assert_near(ca->desc.mean, 1100, 1e-9);
    assert_near(ca->assess_mean, 1100, 1e-9);
    assert_near(ca->daily[3], 1100, 1e-9);
    assert_near(ca->daily_supplement[3], 500, 1e-9);
    assert_near(ca->from_supplements, 500, 1e-9);
    assert_near(ca->supp_assess_mean, 500, 1e-9);
    assert_near(ca->p_adequate, 0.9709, 0.0005);
    assert_near(ca->sdw, 325, 0);
    /* supplements never touch completeness (food grams only) */
    assert_near(ca->completeness, 1.0, 0);
    assert_false(has(a, "CALCIUM_LOW"));
    /* the other nutrients are untouched: 0 from supplements */
    assert_near(a->nutrients[NUT_MAGNESIUM].from_supplements, 0, 0);
    assert_near(a->nutrients[NUT_MAGNESIUM].desc.mean, 380, 1e-9);
    analysis_free(a);
}

/* MAGNESIUM_SUPPLEMENT_UL tests supplemental magnesium only (IOM 1997):
 * 500 mg/day from food alone never fires it; 400 mg/day from supplements
 * (above the 350 mg UL) does, with the figures behind it. */
static void test_magnesium_supplement_ul(void **state) {
    (void)state;
    struct profile p = pregnant();
    double base[NUT_CORE_COUNT], supp[NUT_REPORTED_COUNT] = {0};
    struct day_totals d[7];
    long from = day_of(WEEK_FROM);
    struct analysis *a;

    memcpy(base, BASE, sizeof(base));
    base[NUT_MAGNESIUM] = 500;
    a = week_of(base, &p);
    assert_false(has(a, "MAGNESIUM_SUPPLEMENT_UL"));
    assert_nan(a->nutrients[NUT_MAGNESIUM].p_above_ul);
    analysis_free(a);

    supp[NUT_MAGNESIUM] = 400;
    for (int i = 0; i < 7; i++) {
        day_values(&d[i], from + i, base);
        memcpy(d[i].supplement, supp, sizeof(supp));
        d[i].supplement_entries = 1;
    }
    a = run(from, from + 6, &p, d, 7, NULL, 0);
    const struct analysis_warning *w = analysis_warning_find(a, "MAGNESIUM_SUPPLEMENT_UL");
    assert_non_null(w);
    assert_int_equal(w->severity, ANALYSIS_WARNING);
    assert_int_equal(w->nutrient, NUT_MAGNESIUM);
    assert_string_equal(w->figures[0].name, "supplement_mean");
    assert_near(w->figures[0].value, 400, 1e-9);
    assert_near(w->figures[1].value, 350, 0);
    assert_near(w->figures[3].value, 7, 0); /* days above */
    assert_non_null(strstr(w->message, "400 mg/day"));
    /* the total (900 mg) is still never tested against the UL */
    assert_near(a->nutrients[NUT_MAGNESIUM].desc.mean, 900, 1e-9);
    assert_nan(a->nutrients[NUT_MAGNESIUM].p_above_ul);
    analysis_free(a);

    /* 350 mg/day exactly is not above the UL */
    supp[NUT_MAGNESIUM] = 350;
    for (int i = 0; i < 7; i++)
        memcpy(d[i].supplement, supp, sizeof(supp));
    a = run(from, from + 6, &p, d, 7, NULL, 0);
    assert_false(has(a, "MAGNESIUM_SUPPLEMENT_UL"));
    analysis_free(a);
}

/* Vitamin D (IOM 2011: EAR 10, RDA 15, UL 100 ug; SDr 2.5 approximate;
 * SDw placeholder 0.4 x the mean from food). */
static void test_vitamin_d(void **state) {
    (void)state;
    struct profile p = pregnant();
    double supp[NUT_REPORTED_COUNT] = {0};
    struct analysis *a = week_supp(1100, 3, NULL, &p);
    const struct analysis_nutrient *vd = &a->nutrients[VD];

    assert_int_equal(vd->id, NUT_VITAMIN_D);
    assert_string_equal(vd->key, "vitamin_d");
    assert_string_equal(vd->unit, "ug");
    assert_near(vd->ref.ear, 10, 0);
    assert_near(vd->ref.rda, 15, 0);
    assert_near(vd->ref.ul, 100, 0);
    assert_false(vd->ref.ul_supplement_only);
    assert_true(analysis_nutrient_of(a, NUT_VITAMIN_D) == vd);
    /* food 3 ug: SDw 1.2, SD_D = sqrt(6.25 + 1.44 / 7) = 2.5408,
     * z = -7 / 2.5408 = -2.7550, P = 0.0029; approximate */
    assert_near(vd->sdw, 1.2, 1e-9);
    assert_near(vd->p_adequate, 0.0029, 0.0005);
    assert_true(vd->approximate);
    assert_true(has(a, "VITAMIN_D_LOW"));
    assert_false(has(a, "VITAMIN_D_HIGH"));
    analysis_free(a);

    /* food 6 + a 10 ug softgel: mean 16; SDw from the food part only,
     * 0.4 x 6 = 2.4: SD_D = sqrt(6.25 + 5.76 / 7) = 2.6595,
     * z = 6 / 2.6595 = 2.2561, P = 0.9880 */
    supp[VD] = 10;
    a = week_supp(1100, 6, supp, &p);
    vd = &a->nutrients[VD];
    assert_near(vd->desc.mean, 16, 1e-9);
    assert_near(vd->from_supplements, 10, 1e-9);
    assert_near(vd->sdw, 2.4, 1e-9);
    assert_near(vd->p_adequate, 0.9880, 0.0005);
    assert_false(has(a, "VITAMIN_D_LOW"));
    analysis_free(a);

    /* food 5 + 125 ug (5000 IU) from supplements: 130 > UL 100 on the
     * total; z = 30 / (2 / sqrt 7) = 39.7, P(above) = 1 */
    supp[VD] = 125;
    a = week_supp(1100, 5, supp, &p);
    vd = &a->nutrients[VD];
    assert_near(vd->p_above_ul, 1.0, 1e-9);
    const struct analysis_warning *w = analysis_warning_find(a, "VITAMIN_D_HIGH");
    assert_non_null(w);
    assert_int_equal(w->nutrient, NUT_VITAMIN_D);
    assert_non_null(strstr(w->message, "Vitamin D: mean 130.0 ug/day"));
    analysis_free(a);

    /* 125 ug from supplements, no food value: too incomplete for a
     * probability, but the supplements alone pass the UL of the total */
    a = week_supp(1100, NAN, supp, &p);
    vd = &a->nutrients[VD];
    assert_int_equal(vd->n_assess, 0);
    assert_nan(vd->p_above_ul);
    w = analysis_warning_find(a, "VITAMIN_D_HIGH");
    assert_non_null(w);
    assert_non_null(strstr(w->message, "supplements alone give 125.0 ug/day"));
    analysis_free(a);

    /* no food value and no supplement: unknown, no verdict */
    a = week_supp(1100, NAN, NULL, &p);
    vd = &a->nutrients[VD];
    assert_nan(vd->daily[0]);
    assert_nan(vd->desc.mean);
    assert_near(vd->completeness, 0, 0);
    assert_false(has(a, "VITAMIN_D_LOW"));
    /* vitamin D's completeness is shown, not flagged as DATA_INCOMPLETE */
    assert_false(has(a, "DATA_INCOMPLETE"));
    analysis_free(a);
    /* no food value, a 10 ug supplement: the day's total is at least that,
     * shown with completeness 0 and left out of the probability */
    supp[VD] = 10;
    a = week_supp(1100, NAN, supp, &p);
    vd = &a->nutrients[VD];
    assert_near(vd->daily[0], 10, 1e-9);
    assert_int_equal(vd->n_assess, 0);
    assert_nan(vd->p_adequate);
    analysis_free(a);
}

/* Issue 14's figures for vitamin D and with supplements (merged with issue
 * 12).  Vitamin D from food 13 ug a day, 7 days: SDw 0.4 x 13 = 5.2,
 * SD_D = sqrt(2.5^2 + 5.2^2 / 7) = 3.1801, z = 3 / 3.1801 = 0.9434,
 * P = 0.8273: uncertain.  Firm (0.85) needs sqrt(6.25 + 27.04 / n) <=
 * 3 / 1.0364 = 2.8945: n >= 12.70, 13 days, 6 more.  The sensitivity
 * figure uses SDw = table CV x the mean from food, as SDw itself does:
 * food 6 + 10 ug supplement: 0.4 x 6 = 2.4, P = 0.9880 (with the total,
 * 0.4 x 16 = 6.4, it would be 0.9577).  Calcium 600 food + 500 tablet:
 * SDw stays 325; scaled 0.43 x 600 = 258, SD_D = sqrt(100^2 + 258^2 / 7)
 * = 139.675, z = 300 / 139.675 = 2.1478, P = 0.9841 (0.9285 with the
 * total). */
static void test_vitamin_d_days_needed_and_sensitivity(void **state) {
    (void)state;
    struct profile p = pregnant();
    double supp[NUT_REPORTED_COUNT] = {0};
    struct analysis *a = week_supp(1100, 13, NULL, &p);
    const struct analysis_nutrient *vd = &a->nutrients[VD];

    assert_near(vd->table_cv, 0.40, 0);
    assert_false(vd->cv_unreliable);
    assert_near(vd->p_adequate, 0.8273, 0.0005);
    assert_near(vd->p_adequate_scaled, 0.8273, 0.0005); /* 0.4 x 13 is SDw itself */
    assert_int_equal(vd->firmness, ANALYSIS_FIRM_MORE_DAYS);
    assert_int_equal(vd->days_needed, 6);
    assert_true(vd->approximate);
    analysis_free(a);

    supp[VD] = 10;
    a = week_supp(1100, 6, supp, &p);
    vd = &a->nutrients[VD];
    assert_near(vd->p_adequate_scaled, 0.9880, 0.0005);
    assert_int_equal(vd->firmness, ANALYSIS_FIRM_YES);
    assert_int_equal(vd->days_needed, -1);
    analysis_free(a);

    memset(supp, 0, sizeof(supp));
    supp[NUT_CALCIUM] = 500;
    a = week_supp(600, NAN, supp, &p);
    assert_near(a->nutrients[NUT_CALCIUM].sdw, 325, 0);
    assert_near(a->nutrients[NUT_CALCIUM].p_adequate_scaled, 0.9841, 0.0005);
    analysis_free(a);
}

/* Supplements are sources beside the foods (issue 14 "the foods (and
 * supplements, once they exist)"): a week of 2100 g milk (2520 mg calcium)
 * and 7 prenatal tablets of 200 mg (1400 mg) and 10 ug vitamin D (70 ug):
 * calcium 3920 mg known, shares 2520 / 3920 = 0.6429 and 1400 / 3920 =
 * 0.3571; vitamin D comes from the tablets alone (the test milk has no
 * value): share 1. */
static void test_supplement_sources(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct period_source src[2];
    src[0] = food_row("test:milk", "Test milk", &MILK, 2100);
    memset(&src[1], 0, sizeof(src[1]));
    src[1].id = (char *)"supp:prenatal";
    src[1].name = (char *)"Prenatal";
    src[1].grams = NAN;
    src[1].units = 7;
    snprintf(src[1].unit, sizeof(src[1].unit), "tablet");
    src[1].amount[NUT_CALCIUM] = 1400;
    src[1].amount[VD] = 70;
    struct analysis_input in = {day_of(WEEK_FROM), day_of(WEEK_TO), &p, NULL, 0, NULL, 0, src, 2};
    struct analysis *a = NULL;
    char err[128];
    assert_int_equal(analysis_run(&in, &a, err, sizeof(err)), 0);
    const struct analysis_nutrient *ca = &a->nutrients[CA];
    assert_int_equal(ca->n_sources, 2);
    assert_string_equal(ca->sources[1].id, "supp:prenatal");
    assert_near(ca->sources[0].share, 2520.0 / 3920, 1e-12);
    assert_near(ca->sources[1].share, 1400.0 / 3920, 1e-12);
    assert_nan(ca->sources[1].grams);
    assert_near(ca->sources[1].units, 7, 0);
    assert_string_equal(ca->sources[1].unit, "tablet");
    assert_true(isnan(ca->sources[0].units) && ca->sources[0].unit[0] == '\0');
    const struct analysis_nutrient *vd = &a->nutrients[VD];
    assert_int_equal(vd->n_sources, 1);
    assert_string_equal(vd->sources[0].id, "supp:prenatal");
    assert_near(vd->sources[0].share, 1, 0);
    assert_near(vd->sources_total, 70, 0);
    /* nothing of magnesium or phosphorus from either: the tablet's 0 is no
     * source, the milk's is */
    assert_int_equal(a->nutrients[NUT_PHOSPHORUS].n_sources, 1);
    analysis_free(a);
}

/* A day with supplements but no food is not a logged day. */
static void test_supplement_only_day(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[2];
    long from = day_of(WEEK_FROM);

    day_values(&d[0], from, BASE);
    day_init(&d[1], from + 1);
    d[1].supplement_entries = 1;
    d[1].supplement[NUT_CALCIUM] = 500;
    struct analysis *a = run(from, from + 1, &p, d, 2, NULL, 0);
    assert_int_equal(a->days_logged, 1);
    assert_false(a->logged[1]);
    assert_nan(a->nutrients[NUT_CALCIUM].daily[1]);
    assert_near(a->nutrients[NUT_CALCIUM].desc.mean, 1100, 1e-9);
    assert_near(a->nutrients[NUT_CALCIUM].from_supplements, 0, 0);
    analysis_free(a);
}

static void test_errors(void **state) {
    (void)state;
    struct analysis *a = NULL;
    char err[128];
    struct analysis_input in = {
        day_of("2026-11-20"), day_of("2026-11-19"), NULL, NULL, 0, NULL, 0, NULL, 0};
    assert_int_equal(analysis_run(&in, &a, err, sizeof(err)), -1);
    assert_null(a);
    /* 366 days is the limit: 2026-01-01 .. 2027-01-01 is 366 */
    in.from = day_of("2026-01-01");
    in.to = day_of("2027-01-01");
    assert_int_equal(analysis_run(&in, &a, err, sizeof(err)), 0);
    assert_int_equal(a->days, 366);
    analysis_free(a);
    a = NULL;
    in.to++;
    assert_int_equal(analysis_run(&in, &a, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "366"));
    analysis_free(NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_describe_and_completeness),
        cmocka_unit_test(test_unknown_total_is_nan),
        cmocka_unit_test(test_worked_example_3),
        cmocka_unit_test(test_which_probabilities),
        cmocka_unit_test(test_low_intake_probability),
        cmocka_unit_test(test_no_intake),
        cmocka_unit_test(test_days_needed),
        cmocka_unit_test(test_week_low_calcium_meat),
        cmocka_unit_test(test_week_balanced),
        cmocka_unit_test(test_week_two_days),
        cmocka_unit_test(test_data_sparse_threshold),
        cmocka_unit_test(test_week_red_flag),
        cmocka_unit_test(test_red_flag_single_sign),
        cmocka_unit_test(test_red_flag_persistent_pain),
        cmocka_unit_test(test_red_flag_one_leg),
        cmocka_unit_test(test_preeclampsia_signs),
        cmocka_unit_test(test_threshold_ear_rules),
        cmocka_unit_test(test_threshold_protein_low),
        cmocka_unit_test(test_threshold_limit_rules),
        cmocka_unit_test(test_threshold_ai_rules),
        cmocka_unit_test(test_threshold_protein_excess),
        cmocka_unit_test(test_threshold_protein_excess_teen),
        cmocka_unit_test(test_threshold_ca_p_ratio),
        cmocka_unit_test(test_threshold_ca_mg_ratio),
        cmocka_unit_test(test_threshold_acid_load),
        cmocka_unit_test(test_threshold_data_incomplete),
        cmocka_unit_test(test_relation_fisher),
        cmocka_unit_test(test_supplement_calcium),
        cmocka_unit_test(test_magnesium_supplement_ul),
        cmocka_unit_test(test_vitamin_d),
        cmocka_unit_test(test_vitamin_d_days_needed_and_sensitivity),
        cmocka_unit_test(test_supplement_sources),
        cmocka_unit_test(test_supplement_only_day),
        cmocka_unit_test(test_relation_too_few_days),
        cmocka_unit_test(test_relation_no_contrast),
        cmocka_unit_test(test_trend),
        cmocka_unit_test(test_no_profile),
        cmocka_unit_test(test_weight_unknown),
        cmocka_unit_test(test_stage_day_weighted),
        cmocka_unit_test(test_past_due_date),
        cmocka_unit_test(test_sources),
        cmocka_unit_test(test_advice_consistent),
        cmocka_unit_test(test_rule_table),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
