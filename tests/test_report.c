/*
 * test_report.c - the renderers on small hand-built analyses: the JSON
 * object has exactly the keys of product.md ("JSON keys") with the right
 * types, nulls and rounding (parsed back with jansson); CSV quoting, empty
 * cells and CRLF rows (RFC 4180); every text line at most 80 columns; the
 * order of safety texts; colour only on request; Markdown tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/advice.h"
#include "dietbal/analysis.h"
#include "dietbal/date.h"
#include "dietbal/report.h"

#include "testlib.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void day_values(struct day_totals *d, long day, const double v[NUT_CORE_COUNT]) {
    memset(d, 0, sizeof(*d));
    date_format(day, d->date);
    d->entries = 1;
    d->grams = 1000;
    for (int k = 0; k < NUT_CORE_COUNT; k++) {
        d->total[k] = v[k];
        d->known_grams[k] = isnan(v[k]) ? 0 : 1000;
    }
}

/* Worked example 3's person (test_analysis.c): pregnant, 29, trimester 3
 * in November 2026, 65 kg. */
/* A low-calcium, high-meat day (test_analysis.c week A):
 * kcal 1480, protein 131 g, Ca 600, Mg 190, P 1270, K 1890, Na 1260,
 * water 3100 g. */
static const double MEAT[NUT_CORE_COUNT] = {1480, 131, 600, 190, 1270, 1890, 1260, 3100};

/* The small analysis: 2026-11-16 .. 22, the 17th not logged, a cramp with
 * swelling on the 20th. */
static struct analysis *small(const struct profile *p) {
    struct day_totals d[6];
    struct cramp c[2];
    struct analysis *a = NULL;
    long from = day_of("2026-11-16");
    size_t n = 0;
    char err[128];

    for (int i = 0; i < 7; i++)
        if (i != 1)
            day_values(&d[n++], from + i, MEAT);
    memset(c, 0, sizeof(c));
    snprintf(c[0].date, sizeof(c[0].date), "2026-11-18");
    c[0].severity = 5;
    c[0].night = 1;
    c[0].duration_min = 2;
    snprintf(c[1].date, sizeof(c[1].date), "2026-11-20");
    c[1].swelling = 1;
    c[1].duration_min = NAN;
    struct analysis_input in = {from, from + 6, p, d, n, c, 2, NULL, 0};
    assert_int_equal(analysis_run(&in, &a, err, sizeof(err)), 0);
    return a;
}

/* 15 days with a relation and trends: calcium 600 then 1200, cramps. */
static struct analysis *long_period(void) {
    struct profile p = pregnant();
    struct day_totals d[15];
    struct cramp c[5];
    const int cramp_days[5] = {1, 2, 3, 4, 10};
    struct analysis *a = NULL;
    long from = day_of("2026-11-02");
    char err[128];

    for (int i = 0; i < 15; i++) {
        double v[NUT_CORE_COUNT];
        memcpy(v, MEAT, sizeof(v));
        v[NUT_CALCIUM] = i <= 5 ? 600 : 1200;
        day_values(&d[i], from + i, v);
    }
    memset(c, 0, sizeof(c));
    for (int i = 0; i < 5; i++) {
        date_format(from + cramp_days[i], c[i].date);
        c[i].duration_min = NAN;
        c[i].severity = 3;
    }
    struct analysis_input in = {from, from + 14, &p, d, 15, c, 5, NULL, 0};
    assert_int_equal(analysis_run(&in, &a, err, sizeof(err)), 0);
    assert_int_equal(a->cramps.relation, ANALYSIS_REL_DONE);
    return a;
}

/* What nutrition-science.md 0.1-0.9 added, in one week: due 2026-11-14
 * (the week is past it: pregnancy values with a note), calcium 650 mg on
 * 7 days (P = 0.172, 3 more days for a firm answer: test_analysis.c), a
 * severe headache on the 19th (no cramp) and a cramp with a swollen left
 * leg on the 20th, and where the nutrients came from: 2100 g of milk
 * (120 mg Ca / 100 g) = 2520 mg, 1400 g of bread (100) = 1400 mg, 700 g of
 * an unknown dish. */
static struct analysis *rich(void) {
    static struct period_source src[3];
    struct profile p = pregnant();
    struct day_totals d[7];
    struct cramp c[2];
    struct analysis *a = NULL;
    long from = day_of("2026-11-16");
    char err[128];

    snprintf(p.due_date, sizeof(p.due_date), "2026-11-14");
    for (int i = 0; i < 7; i++) {
        double v[NUT_CORE_COUNT];
        memcpy(v, MEAT, sizeof(v));
        v[NUT_CALCIUM] = 650;
        day_values(&d[i], from + i, v);
    }
    memset(c, 0, sizeof(c));
    snprintf(c[0].date, sizeof(c[0].date), "2026-11-19");
    c[0].headache = 1;
    c[0].duration_min = NAN;
    snprintf(c[1].date, sizeof(c[1].date), "2026-11-20");
    snprintf(c[1].side, sizeof(c[1].side), "left");
    c[1].swelling = 1;
    c[1].duration_min = NAN;
    static const char *const ids[3] = {"test:milk", "test:bread", "test:dish"};
    static const char *const names[3] = {"Milk | whole", "Bread", "Dish <unknown>"};
    static const double grams[3] = {2100, 1400, 700}, ca[3] = {120, 100, NAN};
    for (int i = 0; i < 3; i++) {
        src[i].id = (char *)ids[i];
        src[i].name = (char *)names[i];
        src[i].grams = grams[i];
        src[i].units = NAN;
        for (int k = 0; k < NUT_REPORTED_COUNT; k++)
            src[i].amount[k] = NAN;
        src[i].amount[NUT_CALCIUM] = ca[i] * grams[i] / 100;
    }
    struct analysis_input in = {from, from + 6, &p, d, 7, c, 2, src, 3};
    assert_int_equal(analysis_run(&in, &a, err, sizeof(err)), 0);
    return a;
}

/* Suggestions with a long name and characters that need escaping. */
static const struct suggestion CA_FOODS[] = {
    {(char *)"usda:01117",
     (char *)"Yogurt, plain, low fat, 12 grams protein per 8 ounce, with "
             "a name long enough to need wrapping | and a pipe",
     (char *)"1 cup", 245, 448, 70, 183, 1.3, 12.9, -2.1, 1.0},
    {(char *)"usda:01270", (char *)"Cheese, cheddar", (char *)"1 oz", 28.35, 204, 50, 721, 1.4, 7.0,
     6.8, 0.9},
};

static const struct report_suggestions SUGG[] = {{NUT_CALCIUM, CA_FOODS, 2}};

/* Render into a string (free it). */
typedef int (*render_fn)(FILE *, const struct analysis *, const struct report_opts *);

static char *render(render_fn fn, const struct analysis *a, const struct report_opts *o) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(fn(f, a, o), 0);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static int csv_render(FILE *f, const struct analysis *a, const struct report_opts *o) {
    (void)o;
    return report_csv(f, a);
}

/* --- JSON ---------------------------------------------------------------------- */

static json_t *parsed(const struct analysis *a, const struct report_opts *o) {
    char *text = render(report_json, a, o);
    json_error_t e;
    json_t *root = json_loads(text, 0, &e);
    if (!root)
        fail_msg("JSON does not parse: %s at %d:%d", e.text, e.line, e.column);
    free(text);
    return root;
}

static void has_keys(json_t *obj, const char *const *keys, size_t n, const char *where) {
    assert_true(json_is_object(obj));
    for (size_t i = 0; i < n; i++)
        if (!json_object_get(obj, keys[i]))
            fail_msg("%s lacks key \"%s\"", where, keys[i]);
}

#define KEYS(obj, where, ...)                                                                      \
    do {                                                                                           \
        static const char *const k_[] = {__VA_ARGS__};                                             \
        has_keys(obj, k_, sizeof(k_) / sizeof(k_[0]), where);                                      \
    } while (0)

/* v has at most `dec` decimals */
static void rounded(json_t *v, int dec) {
    if (json_is_null(v))
        return;
    assert_true(json_is_number(v));
    double x = json_number_value(v) * pow(10, dec);
    assert_near(x, round(x), 1e-6);
}

static void test_json_keys(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct analysis *a = small(&p);
    struct report_opts o = {SUGG, 1, 0};
    json_t *root = parsed(a, &o);

    /* product.md "JSON keys", every one */
    KEYS(root, "top level", "from", "to", "days", "days_logged", "profile", "nutrients", "balance",
         "warnings", "cramps");
    KEYS(json_object_get(root, "profile"), "profile", "life_stage", "age", "trimester",
         "weight_kg");
    KEYS(json_object_get(root, "balance"), "balance", "ca_p_ratio", "ca_mg_ratio",
         "protein_energy_pct", "protein_g_per_kg", "pral_meq");
    KEYS(json_object_get(root, "cramps"), "cramps", "episodes", "days_with_cramps", "red_flag");

    /* nutrients: exactly the 8 keys and vitamin_d (added 2026-12), each
     * with the product's keys */
    static const char *const names[] = {"energy",     "protein",   "calcium", "magnesium",
                                        "phosphorus", "potassium", "sodium",  "water"};
    static const char *const units[] = {"kcal", "g", "mg", "mg", "mg", "mg", "mg", "g"};
    json_t *nut = json_object_get(root, "nutrients");
    assert_int_equal(json_object_size(nut), 9);
    json_t *vd = json_object_get(nut, "vitamin_d");
    KEYS(vd, "vitamin_d", "unit", "daily", "mean", "sd", "min", "max", "completeness", "ear", "rda",
         "ul", "p_adequate", "p_above_ul", "from_supplements");
    assert_string_equal(json_string_value(json_object_get(vd, "unit")), "ug");
    assert_int_equal(json_array_size(json_object_get(vd, "daily")), 7);
    /* IOM 2011: EAR 10, RDA 15, UL 100 ug */
    assert_true(json_number_value(json_object_get(vd, "ear")) == 10);
    assert_true(json_number_value(json_object_get(vd, "rda")) == 15);
    assert_true(json_number_value(json_object_get(vd, "ul")) == 100);
    for (int k = 0; k < 8; k++) {
        json_t *x = json_object_get(nut, names[k]);
        if (!x)
            fail_msg("nutrients lacks %s", names[k]);
        KEYS(x, names[k], "unit", "daily", "mean", "sd", "min", "max", "completeness", "ear", "rda",
             "ul", "p_adequate", "p_above_ul", "from_supplements");
        /* no supplement logged: 0 from supplements */
        assert_true(json_number_value(json_object_get(x, "from_supplements")) == 0);
        assert_string_equal(json_string_value(json_object_get(x, "unit")), units[k]);
        json_t *daily = json_object_get(x, "daily");
        assert_int_equal(json_array_size(daily), 7);
        /* one entry per day, null for the day not logged */
        assert_true(json_is_null(json_array_get(daily, 1)));
        assert_true(json_is_number(json_array_get(daily, 0)));
        rounded(json_object_get(x, "p_adequate"), 3);
        rounded(json_object_get(x, "p_above_ul"), 3);
        rounded(json_object_get(x, "completeness"), 3);
    }

    assert_string_equal(json_string_value(json_object_get(root, "from")), "2026-11-16");
    assert_string_equal(json_string_value(json_object_get(root, "to")), "2026-11-22");
    assert_int_equal(json_integer_value(json_object_get(root, "days")), 7);
    assert_int_equal(json_integer_value(json_object_get(root, "days_logged")), 6);

    json_t *prof = json_object_get(root, "profile");
    assert_string_equal(json_string_value(json_object_get(prof, "life_stage")), "pregnancy");
    assert_int_equal(json_integer_value(json_object_get(prof, "age")), 29);
    assert_int_equal(json_integer_value(json_object_get(prof, "trimester")), 3);
    assert_near(json_number_value(json_object_get(prof, "weight_kg")), 65, 0);

    /* calcium: references of pregnancy 19-30; mean 600; 6 days:
     * SD_D = sqrt(100^2 + 325^2/6) = 166.15, z = -1.2038, P = 0.1144 -> 0.114 */
    json_t *ca = json_object_get(nut, "calcium");
    assert_near(json_number_value(json_object_get(ca, "ear")), 800, 0);
    assert_near(json_number_value(json_object_get(ca, "rda")), 1000, 0);
    assert_near(json_number_value(json_object_get(ca, "ul")), 2500, 0);
    assert_near(json_number_value(json_object_get(ca, "mean")), 600, 0);
    assert_near(json_number_value(json_object_get(ca, "p_adequate")), 0.114, 0);
    assert_near(json_number_value(json_object_get(ca, "completeness")), 1, 0);
    /* potassium: AI only; p_adequate null, p_above_ai a number */
    json_t *k = json_object_get(nut, "potassium");
    assert_true(json_is_null(json_object_get(k, "ear")));
    assert_true(json_is_null(json_object_get(k, "rda")));
    assert_true(json_is_null(json_object_get(k, "ul")));
    assert_true(json_is_null(json_object_get(k, "p_adequate")));
    assert_near(json_number_value(json_object_get(k, "ai")), 2900, 0);
    assert_true(json_is_number(json_object_get(k, "p_above_ai")));
    /* magnesium: food never against the (supplement) UL */
    json_t *mg = json_object_get(nut, "magnesium");
    assert_true(json_is_null(json_object_get(mg, "ul")));
    assert_true(json_is_null(json_object_get(mg, "p_above_ul")));
    assert_near(json_number_value(json_object_get(mg, "ul_supplements")), 350, 0);
    /* sodium: CDRR */
    json_t *na = json_object_get(nut, "sodium");
    assert_near(json_number_value(json_object_get(na, "cdrr")), 2300, 0);
    assert_true(json_is_number(json_object_get(na, "p_above_cdrr")));
    /* energy: no references */
    json_t *en = json_object_get(nut, "energy");
    assert_true(json_is_null(json_object_get(en, "ear")));
    assert_true(json_is_null(json_object_get(en, "p_adequate")));

    /* balance rounded to 2 (ratios) and 1 (pct, PRAL): Ca:P 600/1270 =
     * 0.4724 -> 0.47; protein 35.405 -> 35.4; PRAL 58.75 sits on a rounding
     * edge (58.7 or 58.8 by binary noise), so only one decimal is checked */
    json_t *bal = json_object_get(root, "balance");
    assert_near(json_number_value(json_object_get(bal, "ca_p_ratio")), 0.47, 0);
    assert_near(json_number_value(json_object_get(bal, "ca_mg_ratio")), 3.16, 0);
    assert_near(json_number_value(json_object_get(bal, "protein_energy_pct")), 35.4, 0);
    assert_near(json_number_value(json_object_get(bal, "protein_g_per_kg")), 2.02, 0);
    assert_near(json_number_value(json_object_get(bal, "pral_meq")), 58.75, 0.051);
    rounded(json_object_get(bal, "pral_meq"), 1);

    /* where each figure sits: Ca:P below the RDA ratio, Ca:Mg above 2.8,
     * protein above 35 %, g/kg above the RDA (open above: within), PRAL
     * above +15 */
    json_t *rg = json_object_get(root, "balance_ranges");
    static const char *const where[][2] = {
        {"ca_p_ratio", "below"},        {"ca_mg_ratio", "above"}, {"protein_energy_pct", "above"},
        {"protein_g_per_kg", "within"}, {"pral_meq", "above"},
    };
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(
            json_string_value(json_object_get(json_object_get(rg, where[i][0]), "position")),
            where[i][1]);

    /* warnings: code, severity, message; the red flag first */
    json_t *warn = json_object_get(root, "warnings");
    assert_true(json_array_size(warn) > 0);
    for (size_t i = 0; i < json_array_size(warn); i++) {
        json_t *w = json_array_get(warn, i);
        KEYS(w, "warning", "code", "severity", "message");
        const char *sev = json_string_value(json_object_get(w, "severity"));
        assert_true(strcmp(sev, "info") == 0 || strcmp(sev, "warning") == 0 ||
                    strcmp(sev, "alert") == 0);
        assert_true(json_is_string(json_object_get(w, "message")));
    }
    json_t *w0 = json_array_get(warn, 0);
    assert_string_equal(json_string_value(json_object_get(w0, "code")), "CRAMP_RED_FLAG");
    assert_string_equal(json_string_value(json_object_get(w0, "severity")), "alert");
    assert_non_null(strstr(json_string_value(json_object_get(w0, "message")), ADVICE_RED_FLAG));

    json_t *cr = json_object_get(root, "cramps");
    assert_int_equal(json_integer_value(json_object_get(cr, "episodes")), 2);
    assert_int_equal(json_integer_value(json_object_get(cr, "days_with_cramps")), 2);
    assert_true(json_is_true(json_object_get(cr, "red_flag")));
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(cr, "relation"), "state")),
        "too_few_days");

    /* added keys */
    json_t *un = json_object_get(root, "unlogged_dates");
    assert_int_equal(json_array_size(un), 1);
    assert_string_equal(json_string_value(json_array_get(un, 0)), "2026-11-17");
    assert_string_equal(json_string_value(json_object_get(root, "not_medical_advice")),
                        ADVICE_NOT_MEDICAL);
    json_t *sg = json_object_get(json_object_get(root, "suggestions"), "calcium");
    assert_int_equal(json_array_size(sg), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(sg, 1), "id")),
                        "usda:01270");

    json_decref(root);
    analysis_free(a);
}

/* The keys added from 2026-12 (product.md): sources, days_needed,
 * profile.notes, cramps.preeclampsia_signs, and PREECLAMPSIA_SIGNS first. */
static void test_json_added_keys(void **state) {
    (void)state;
    struct analysis *a = rich();
    json_t *root = parsed(a, NULL);
    json_t *ca = json_object_get(json_object_get(root, "nutrients"), "calcium");
    json_t *src = json_object_get(ca, "sources");
    /* milk 2520 and bread 1400 of the known 3920 mg: 0.6429 and 0.3571 */
    assert_int_equal(json_array_size(src), 2);
    json_t *s0 = json_array_get(src, 0), *s1 = json_array_get(src, 1);
    KEYS(s0, "source", "id", "name", "grams", "amount", "share");
    assert_string_equal(json_string_value(json_object_get(s0, "id")), "test:milk");
    assert_string_equal(json_string_value(json_object_get(s0, "name")), "Milk | whole");
    assert_near(json_number_value(json_object_get(s0, "grams")), 2100, 0);
    assert_near(json_number_value(json_object_get(s0, "amount")), 2520, 0);
    assert_near(json_number_value(json_object_get(s0, "share")), 0.6429, 0);
    assert_near(json_number_value(json_object_get(s1, "share")), 0.3571, 0);
    /* 3 more days for a firm answer; a nutrient without a verdict: null */
    assert_int_equal(json_integer_value(json_object_get(ca, "days_needed")), 3);
    json_t *en = json_object_get(json_object_get(root, "nutrients"), "energy");
    assert_true(json_is_null(json_object_get(en, "days_needed")));
    assert_int_equal(json_array_size(json_object_get(en, "sources")), 0);
    /* past the due date: pregnancy values and the note */
    json_t *prof = json_object_get(root, "profile");
    assert_string_equal(json_string_value(json_object_get(prof, "life_stage")), "pregnancy");
    json_t *notes = json_object_get(prof, "notes");
    assert_int_equal(json_array_size(notes), 1);
    assert_non_null(strstr(json_string_value(json_array_get(notes, 0)), "Past the due date"));
    /* the signs: true, counted, advised, and their alert first */
    json_t *cr = json_object_get(root, "cramps");
    assert_true(json_is_true(json_object_get(cr, "preeclampsia_signs")));
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(cr, "preeclampsia"), "headache")), 1);
    assert_string_equal(json_string_value(json_object_get(cr, "preeclampsia_advice")),
                        ADVICE_PREECLAMPSIA);
    /* the headache alone is no cramp episode: 1 episode (the 20th) */
    assert_int_equal(json_integer_value(json_object_get(cr, "episodes")), 1);
    json_t *warn = json_object_get(root, "warnings");
    assert_string_equal(json_string_value(json_object_get(json_array_get(warn, 0), "code")),
                        "PREECLAMPSIA_SIGNS");
    assert_string_equal(json_string_value(json_object_get(json_array_get(warn, 1), "code")),
                        "CRAMP_RED_FLAG");
    json_decref(root);
    analysis_free(a);
    /* and without any: false */
    struct profile p = pregnant();
    a = small(&p);
    root = parsed(a, NULL);
    assert_true(
        json_is_false(json_object_get(json_object_get(root, "cramps"), "preeclampsia_signs")));
    assert_int_equal(json_array_size(json_object_get(json_object_get(root, "profile"), "notes")),
                     0);
    json_decref(root);
    analysis_free(a);
}

/* Text and Markdown show the same: the pre-eclampsia box first, the note,
 * the firm-answer line, where calcium came from. */
static void test_text_markdown_added(void **state) {
    (void)state;
    struct analysis *a = rich();
    char *t = render(report_text, a, NULL);
    const char *pre = strstr(t, "CALL YOUR MIDWIFE OR MATERNITY UNIT NOW");
    const char *clot = strstr(t, "SEE A CLINICIAN TODAY");
    assert_non_null(pre);
    assert_non_null(clot);
    assert_true(pre < clot);
    assert_non_null(strstr(t, "Note: Past the due date (2026-11-14)"));
    assert_non_null(strstr(t, "calcium: log 3 more days at this mean for a firm answer."));
    assert_non_null(strstr(t, "  - 64 % from Milk | whole [test:milk] (2100 g, 2520 mg)"));
    assert_non_null(strstr(t, "  - 36 % from Bread [test:bread] (1400 g, 1400 mg)"));
    assert_non_null(strstr(t, "energy: nothing with a known value logged"));
    /* the foot exercises, hedged */
    assert_non_null(strstr(t, "Foot exercises may help"));
    for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n"))
        if (strlen(line) > REPORT_TEXT_WIDTH)
            fail_msg("line over %d columns: %s", REPORT_TEXT_WIDTH, line);
    free(t);
    char *m = render(report_markdown, a, NULL);
    pre = strstr(m, "> **" REPORT_PREECLAMPSIA_TITLE ".**");
    clot = strstr(m, "> **See a clinician today");
    assert_non_null(pre);
    assert_true(pre < clot);
    assert_non_null(strstr(m, "- Note: Past the due date (2026-11-14)"));
    assert_non_null(strstr(m, "- calcium: log 3 more days at this mean for a firm answer."));
    /* the pipe of the name escaped so the table holds */
    assert_non_null(
        strstr(m, "| calcium | 64 % | Milk \\| whole | test:milk | 2100 g | 2520 mg |"));
    assert_non_null(strstr(m, "|  | 36 % | Bread | test:bread | 1400 g | 1400 mg |"));
    free(m);
    analysis_free(a);
}

static void test_json_no_profile(void **state) {
    (void)state;
    struct analysis *a = small(NULL);
    json_t *root = parsed(a, NULL);
    json_t *prof = json_object_get(root, "profile");
    assert_string_equal(json_string_value(json_object_get(prof, "life_stage")), "unknown");
    assert_true(json_is_null(json_object_get(prof, "age")));
    assert_true(json_is_null(json_object_get(prof, "trimester")));
    assert_true(json_is_null(json_object_get(prof, "weight_kg")));
    assert_true(json_is_true(json_object_get(prof, "approximate")));
    assert_non_null(strstr(json_string_value(json_object_get(prof, "note")), "profile set"));
    assert_true(
        json_is_null(json_object_get(json_object_get(root, "balance"), "protein_g_per_kg")));
    json_decref(root);
    analysis_free(a);
}

static void test_json_relation(void **state) {
    (void)state;
    struct analysis *a = long_period();
    json_t *root = parsed(a, NULL);
    json_t *rel = json_object_get(json_object_get(root, "cramps"), "relation");
    assert_string_equal(json_string_value(json_object_get(rel, "state")), "done");
    json_t *f = json_object_get(rel, "fisher");
    /* 273/3003 = 1/11 = 0.0909 (test_analysis.c) */
    assert_near(json_number_value(json_object_get(f, "p_two_sided")), 0.0909, 0);
    json_t *items = json_object_get(rel, "items");
    assert_int_equal(json_array_size(items), 4);
    json_t *ca = json_array_get(items, 0);
    assert_string_equal(json_string_value(json_object_get(ca, "previous_day")), "calcium");
    assert_near(json_number_value(json_object_get(ca, "mean_before_cramp_days")), 720, 0);
    assert_int_equal(json_integer_value(json_object_get(ca, "n_cramp_days")), 5);
    json_t *trend = json_object_get(json_object_get(json_object_get(root, "nutrients"), "calcium"),
                                    "trend_per_week");
    assert_true(json_is_number(trend));
    json_decref(root);
    analysis_free(a);
}

/* --- CSV ------------------------------------------------------------------------ */

static void test_csv_field_quoting(void **state) {
    (void)state;
    struct {
        const char *in, *out;
    } cases[] = {
        {"plain", "plain"},
        {"NA", "NA"}, /* sodium's tag is a value, written as is */
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\nlines", "\"two\nlines\""},
        {"cr\rhere", "\"cr\rhere\""},
        {"", ""},
        {NULL, ""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        assert_int_equal(report_csv_field(f, cases[i].in), 0);
        fclose(f);
        assert_string_equal(buf, cases[i].out);
        free(buf);
    }
}

static void test_csv_rows(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct analysis *a = small(&p);
    char *text = render(csv_render, a, NULL);
    const char *header =
        "date,logged,energy_kcal,protein_g,calcium_mg,magnesium_mg,phosphorus_mg,"
        "potassium_mg,sodium_mg,water_g,energy_completeness,protein_completeness,"
        "calcium_completeness,magnesium_completeness,phosphorus_completeness,"
        "potassium_completeness,sodium_completeness,water_completeness,cramp_episodes,"
        "preeclampsia_signs,"
        "vitamin_d_ug,vitamin_d_completeness,energy_from_supplements_kcal,"
        "protein_from_supplements_g,calcium_from_supplements_mg,magnesium_from_supplements_mg,"
        "phosphorus_from_supplements_mg,potassium_from_supplements_mg,"
        "sodium_from_supplements_mg,water_from_supplements_g,vitamin_d_from_supplements_ug\r\n";
    assert_memory_equal(text, header, strlen(header));
    /* 1 header + 7 days, each ending CRLF, no bare LF */
    size_t crlf = 0;
    for (const char *s = text; *s; s++) {
        if (*s == '\n') {
            assert_true(s > text && s[-1] == '\r');
            crlf++;
        }
    }
    assert_int_equal(crlf, 8);
    /* the day not logged: logged 0, 16 empty cells, no cramps, no signs,
     * then 11 empty cells (vitamin D, its completeness, 9 supplement parts) */
    assert_non_null(strstr(text, "\r\n2026-11-17,0,,,,,,,,,,,,,,,,,0,0,,,,,,,,,,,\r\n"));
    /* a logged day: totals at 1 decimal (protein 2), completeness 3, the
     * cramp on the 18th; no food with vitamin D (empty, completeness 0);
     * nothing from supplements (0) */
    assert_non_null(strstr(text, "\r\n2026-11-18,1,1480.0,131.00,600.0,190.0,1270.0,1890.0,"
                                 "1260.0,3100.0,1.000,1.000,1.000,1.000,1.000,1.000,1.000,"
                                 "1.000,1,0,,0.000,0.0,0.00,0.0,0.0,0.0,0.0,0.0,0.0,0.0\r\n"));
    /* no cell is NA */
    for (char *line = strtok(text, "\r\n"); line; line = strtok(NULL, "\r\n")) {
        char *save = NULL;
        for (char *cell = strtok_r(line, ",", &save); cell; cell = strtok_r(NULL, ",", &save))
            assert_string_not_equal(cell, "NA");
    }
    free(text);
    analysis_free(a);
}

static void test_csv_unknown_is_empty(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[1];
    struct analysis *a = NULL;
    char err[128];
    double v[NUT_CORE_COUNT];
    memcpy(v, MEAT, sizeof(v));
    v[NUT_SODIUM] = NAN; /* no food of the day has a sodium value */
    day_values(&d[0], day_of("2026-11-16"), v);
    struct analysis_input in = {
        day_of("2026-11-16"), day_of("2026-11-16"), &p, d, 1, NULL, 0, NULL, 0};
    assert_int_equal(analysis_run(&in, &a, err, sizeof(err)), 0);
    char *text = render(csv_render, a, NULL);
    /* sodium total empty, sodium completeness 0 */
    assert_non_null(strstr(text, "\r\n2026-11-16,1,1480.0,131.00,600.0,190.0,1270.0,1890.0,,"
                                 "3100.0,1.000,1.000,1.000,1.000,1.000,1.000,0.000,1.000,0,0,"));
    free(text);
    analysis_free(a);
}

/* --- text ------------------------------------------------------------------------ */

static void check_width(const char *text) {
    size_t lineno = 1;
    for (const char *s = text; *s; lineno++) {
        size_t len = strcspn(s, "\n");
        if (len > REPORT_TEXT_WIDTH)
            fail_msg("line %zu is %zu columns: %.*s", lineno, len, (int)len, s);
        s += len;
        if (*s)
            s++;
    }
}

static void test_text_width(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct report_opts o = {SUGG, 1, 0};
    struct analysis *as[3] = {small(&p), small(NULL), long_period()};
    for (int i = 0; i < 3; i++) {
        char *t = render(report_text, as[i], &o);
        check_width(t);
        assert_null(strchr(t, '\033'));
        char *m = render(report_markdown, as[i], &o);
        assert_non_null(strstr(m, "| date |"));
        free(m);
        free(t);
        analysis_free(as[i]);
    }
}

static void test_text_content(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct report_opts o = {SUGG, 1, 0};
    struct analysis *a = small(&p);
    char *t = render(report_text, a, &o);

    assert_non_null(strstr(t, "dietbal report: 2026-11-16 to 2026-11-22 (7 days, 6 logged)"));
    assert_non_null(strstr(t, "Not logged: 2026-11-17"));
    /* red-flag advice first, before any table */
    char *red = strstr(t, "SEE A CLINICIAN TODAY");
    char *daily = strstr(t, "Daily totals");
    assert_non_null(red);
    assert_non_null(daily);
    assert_true(red < daily);
    assert_non_null(strstr(t, "deep vein"));
    /* warnings with their reasons and figures */
    assert_non_null(strstr(t, "CALCIUM_LOW"));
    assert_non_null(strstr(t, "Why: "));
    assert_non_null(strstr(t, "What to do: "));
    /* cramps logged: the self-care advice */
    assert_non_null(strstr(t, "What may help:"));
    assert_non_null(strstr(t, "Too few days to say anything"));
    /* placeholders marked */
    assert_non_null(strstr(t, "approximate"));
    /* suggestions, wrapped */
    assert_non_null(strstr(t, "Foods to consider"));
    assert_non_null(strstr(t, "usda:01270"));
    /* bars against the target */
    assert_non_null(strstr(t, "calcium    ["));
    assert_non_null(strstr(t, "60% of RDA 1000 mg"));
    /* balance rows say where the figure sits */
    assert_non_null(
        strstr(t, "Ca:P (mass)                0.47  >= 1.43 (ratio of the RDAs)      below"));
    assert_non_null(strstr(t, "PRAL, mEq/day"));
    assert_non_null(strstr(t, "(dietbal threshold)       above"));
    /* the not-medical-advice note is last */
    const char *last = strstr(t, "dietbal is not medical advice.");
    assert_non_null(last);
    const char *end = t + strlen(t);
    while (end > t && end[-1] == '\n')
        end--;
    assert_non_null(strstr(last, "supplements."));
    assert_true(strstr(last, "supplements.") + strlen("supplements.") == end);
    free(t);

    /* colour only when asked */
    o.color = 1;
    t = render(report_text, a, &o);
    assert_non_null(strchr(t, '\033'));
    free(t);
    analysis_free(a);
}

static void test_text_relation_table(void **state) {
    (void)state;
    struct analysis *a = long_period();
    char *t = render(report_text, a, NULL);
    assert_non_null(strstr(t, "Descriptive only"));
    assert_non_null(strstr(t, "720 mg (5)"));
    assert_non_null(strstr(t, "p = 0.091"));
    assert_non_null(strstr(t, "Trend"));
    free(t);
    analysis_free(a);
}

static void test_text_day(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[1];
    struct analysis *a = NULL;
    char err[128];
    day_values(&d[0], day_of("2026-11-18"), MEAT);
    struct analysis_input in = {
        day_of("2026-11-18"), day_of("2026-11-18"), &p, d, 1, NULL, 0, NULL, 0};
    assert_int_equal(analysis_run(&in, &a, err, sizeof(err)), 0);
    char *t = render(report_text, a, NULL);
    check_width(t);
    assert_non_null(strstr(t, "dietbal day: 2026-11-18 (logged)"));
    assert_non_null(strstr(t, "No cramps logged"));
    assert_null(strstr(t, "What may help"));
    free(t);
    analysis_free(a);
}

static void test_markdown(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct report_opts o = {SUGG, 1, 0};
    struct analysis *a = small(&p);
    char *m = render(report_markdown, a, &o);
    assert_non_null(strstr(m, "# dietbal report: 2026-11-16 to 2026-11-22"));
    assert_non_null(strstr(m, "> **See a clinician today"));
    assert_non_null(strstr(m, "## Nutrients"));
    assert_non_null(strstr(m, "| calcium | mg | 600 |"));
    assert_non_null(strstr(m, "### CALCIUM_LOW (warning)"));
    /* a pipe in a food name is escaped, not a new cell */
    assert_non_null(strstr(m, "\\| and a pipe"));
    assert_true(strstr(m, "*dietbal is not medical advice.") > strstr(m, "## Foods to consider"));
    free(m);
    analysis_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_keys),
        cmocka_unit_test(test_json_no_profile),
        cmocka_unit_test(test_json_relation),
        cmocka_unit_test(test_csv_field_quoting),
        cmocka_unit_test(test_csv_rows),
        cmocka_unit_test(test_csv_unknown_is_empty),
        cmocka_unit_test(test_text_width),
        cmocka_unit_test(test_text_content),
        cmocka_unit_test(test_text_relation_table),
        cmocka_unit_test(test_text_day),
        cmocka_unit_test(test_markdown),
        cmocka_unit_test(test_json_added_keys),
        cmocka_unit_test(test_text_markdown_added),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
