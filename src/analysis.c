/*
 * analysis.c - a period of the diary turned into one struct analysis:
 * descriptive statistics, completeness, reference values, IOM 2000
 * probabilities, balance (ratios, protein share, PRAL), warnings, the cramp
 * diary with its red flags and its relation to the previous day's intake,
 * and trends.
 *
 * Every formula comes from nutrition-science.md through stats.c and dri.c.
 * Every warning rule and threshold is in the one table `rules[]` below, with
 * its source; thresholds that are design choices say so.
 *
 * What this module must not do: run SQL, print, exit, or say more than the
 * evidence allows.  Messages speak of intake against reference values, never
 * of a detected "electrolyte imbalance", never that the diet causes cramps
 * or that a food will stop them, and never of supplement doses
 * (nutrition-science.md 5.3).
 */
#include "analysis_int.h"

#include "dietbal/advice.h"
#include "dietbal/date.h"
#include "dietbal/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STR_(x) #x
#define XSTR(x) STR_(x)

/* ------------------------------------------------------------------------
 * Thresholds.  Each is used by the rule table below and nowhere else.
 * ------------------------------------------------------------------------ */

/* EAR nutrients are flagged when the probability that usual intake is
 * adequate is below one half: usual intake is then more likely below the
 * EAR than above.  IOM 2000 ch. 3 (pp. 56-57): intake below the EAR "very
 * likely needs improving" (nutrition-science.md 2.2).  Severity stays
 * `warning` however low the probability: `alert` is kept for what needs a
 * clinician today (CRAMP_RED_FLAG), so that people learn to act on it.
 * (Design choice.) */
#define P_ADEQUATE_LOW 0.5

/* UL (and sodium CDRR) flagged when usual intake is more likely above the
 * limit than below (z > 0).  The test is IOM 2000 ch. 3, Table 3-4 / App. B
 * Table B-6; the 0.5 cut is a design choice. */
#define P_ABOVE_LIMIT 0.5

/* AI nutrients: flagged as "not shown to reach the AI" when the confidence
 * that usual intake exceeds the AI is below one half, i.e. the mean itself
 * is below the AI.  IOM 2000 (p. 60, Table B-6) gives no failure threshold,
 * and a failed test shows nothing about inadequacy (nutrition-science.md
 * 2.3); 0.5 keeps the message for intakes actually below the AI.  (Design
 * choice.) */
#define P_ABOVE_AI_LOW 0.5

/* Ca:Mg mass ratio above which CA_MG_RATIO_HIGH may fire (with magnesium
 * short): upper end of the observational ranges of interest, 1.7-2.5/2.8
 * (Adv Nutr 2021;12(2):291-297, Table 1; nutrition-science.md 4.2).  The
 * lower end is shown as the range only.  (Design choice, ❓.) */
#define CA_MG_RATIO_MAX 2.8
#define CA_MG_RATIO_MIN 1.7

/* Weekly mean PRAL above which ACID_LOAD_HIGH (info) fires: about one SD
 * above the mean of Chinese pregnant women, 0.8 +- 11.3 mEq/day (Zhao et
 * al., Front Nutr 2022; nutrition-science.md 3.1).  No outcome-validated
 * cut-off exists (design choice, ❓).  Configurable at build time:
 * make CFLAGS+=-DDIETBAL_PRAL_HIGH_MEQ=20 */
#ifndef DIETBAL_PRAL_HIGH_MEQ
#define DIETBAL_PRAL_HIGH_MEQ 15.0
#endif

/* Tests against a UL or the CDRR use the pooled survey SDw, which may be
 * too small at high intakes: the SD of daily intake rises with the mean
 * (IOM 2000 p. 65).  Said, not withheld (nutrition-science.md 0.1). */
#define HIGH_INTAKE_SDW_NOTE                                                                       \
    " (at intakes this high the survey's day-to-day SD may be too small, which makes the "         \
    "probability look more certain than it is; IOM 2000 p. 65)"

/* Period completeness below which DATA_INCOMPLETE fires; the same cut as
 * the per-day one (ANALYSIS_DAY_COMPLETENESS_MIN).  Why 0.8: with at most a
 * fifth of a day's grams unaccounted for, the bias of that day's total is
 * of the order of a fifth, well within the day-to-day CV of 35-40 % the
 * probability method already allows for (nutrition-science.md 2.5); below
 * that the bias dominates.  product.md says low completeness is flagged but
 * gives no number.  (Design choice.) */
#define COMPLETENESS_MIN ANALYSIS_DAY_COMPLETENESS_MIN

/* ------------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------------ */

/* By slot (nutrients.h): the core nutrients, then vitamin D. */
static const char *const nutrient_keys[NUT_REPORTED_COUNT] = {
    "energy",    "protein", "calcium", "magnesium", "phosphorus",
    "potassium", "sodium",  "water",   "vitamin_d",
};

const char *analysis_nutrient_key(int id) {
    int slot = nutrients_reported_slot(id);
    return slot >= 0 ? nutrient_keys[slot] : NULL;
}

const struct analysis_nutrient *analysis_nutrient_of(const struct analysis *a, int id) {
    int slot = nutrients_reported_slot(id);
    return a && slot >= 0 ? &a->nutrients[slot] : NULL;
}

/* The same, writable, for the rules (id is always a reported one). */
static struct analysis_nutrient *nutrient_by_id(struct analysis *a, int id) {
    return &a->nutrients[nutrients_reported_slot(id)];
}

const char *analysis_severity_name(enum analysis_severity s) {
    switch (s) {
    case ANALYSIS_INFO:
        return "info";
    case ANALYSIS_WARNING:
        return "warning";
    case ANALYSIS_ALERT:
        return "alert";
    }
    return "?";
}

const char *analysis_position_name(enum analysis_position p) {
    switch (p) {
    case ANALYSIS_POS_UNKNOWN:
        return "unknown";
    case ANALYSIS_POS_BELOW:
        return "below";
    case ANALYSIS_POS_WITHIN:
        return "within";
    case ANALYSIS_POS_ABOVE:
        return "above";
    }
    return "?";
}

/* An amount with its unit, as people read it: mg and kcal whole, grams to
 * one decimal (water whole). */
static const char *amount(char buf[40], double v, const struct analysis_nutrient *nu) {
    if (!isfinite(v))
        snprintf(buf, 40, "unknown");
    else if (strcmp(nu->unit, "g") == 0 && nu->id != NUT_WATER)
        snprintf(buf, 40, "%.1f g", v);
    else if (nu->id == NUT_VITAMIN_D)
        snprintf(buf, 40, "%.1f ug", v);
    else
        snprintf(buf, 40, "%.0f %s", v, nu->unit);
    return buf;
}

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

/* "Calcium", "Vitamin D": a nutrient's key as the start of a sentence. */
static const char *title(char buf[24], const struct analysis_nutrient *nu) {
    if (nu->id == NUT_VITAMIN_D)
        return "Vitamin D";
    snprintf(buf, 24, "%c%s", nu->key[0] - 'a' + 'A', nu->key + 1);
    return buf;
}

/* ------------------------------------------------------------------------
 * Warnings
 * ------------------------------------------------------------------------ */

/* Codes never softened by DATA_SPARSE: they are not judgements on intake. */
static int is_intake_rule(const char *code) {
    return strcmp(code, "DATA_SPARSE") != 0 && strcmp(code, "DATA_INCOMPLETE") != 0 &&
           strcmp(code, "CRAMP_RED_FLAG") != 0 && strcmp(code, "PREECLAMPSIA_SIGNS") != 0;
}

/*
 * Append a warning; message is taken over (freed on failure).  With fewer
 * than ANALYSIS_MIN_DAYS logged days an intake warning is softened: shown as
 * tentative, severity info (nutrition-science.md 2.7; design choice: the
 * probabilities already widen with few days, but a verdict from one or two
 * days should not read as confident).
 */
static struct analysis_warning *add_warning(struct analysis *a, const struct analysis_rule *rule,
                                            enum analysis_severity sev, int nutrient, char *message,
                                            int *failed) {
    struct analysis_warning *grown, *w;

    if (!message) {
        *failed = 1;
        return NULL;
    }
    int tentative = a->days_logged < ANALYSIS_MIN_DAYS && is_intake_rule(rule->code);
    if (tentative) {
        char *soft = util_xprintf("Tentative (%zu day%s logged): %s", a->days_logged,
                                  plural(a->days_logged), message);
        free(message);
        message = soft;
        sev = ANALYSIS_INFO;
    }
    grown = message ? realloc(a->warnings, (a->n_warnings + 1) * sizeof(*grown)) : NULL;
    if (!grown) {
        free(message);
        *failed = 1;
        return NULL;
    }
    a->warnings = grown;
    w = &a->warnings[a->n_warnings++];
    memset(w, 0, sizeof(*w));
    w->code = rule->code;
    w->severity = sev;
    w->message = message;
    w->why = rule->why;
    w->advice = rule->advice;
    w->more = rule->more;
    w->less = rule->less;
    w->nutrient = nutrient;
    w->tentative = tentative;
    return w;
}

static void figure(struct analysis_warning *w, const char *name, double value, const char *unit) {
    if (!w || w->n_figures >= ANALYSIS_MAX_FIGURES)
        return;
    w->figures[w->n_figures].name = name;
    w->figures[w->n_figures].value = value;
    w->figures[w->n_figures].unit = unit;
    w->n_figures++;
}

/* The probability was withheld on purpose: no intake logged (mean <= 0),
 * or a table CV over 60 % (never for the core nutrients); nutrition-
 * science.md 0.1. */
static int withheld(const struct analysis_nutrient *nu) {
    return nu->no_intake || nu->cv_unreliable;
}

/* Short against the EAR: the probability of adequacy is below
 * P_ADEQUATE_LOW, or, when the probability is withheld (0.1), the mean
 * itself is below the EAR. */
static int ear_short(const struct analysis_nutrient *nu) {
    if (nu->n_assess == 0 || !nu->ref.has_ear || !isfinite(nu->ref.ear))
        return 0;
    if (isfinite(nu->p_adequate))
        return nu->p_adequate < P_ADEQUATE_LOW;
    return withheld(nu) && nu->assess_mean < nu->ref.ear;
}

/* Above a limit: p above P_ABOVE_LIMIT, or (probability withheld) the mean
 * above the limit. */
static int limit_exceeded(const struct analysis_nutrient *nu, double p, double limit) {
    if (nu->n_assess == 0 || !isfinite(limit))
        return 0;
    if (isfinite(p))
        return p > P_ABOVE_LIMIT;
    return withheld(nu) && nu->assess_mean > limit;
}

/* AI not shown to be reached. */
static int ai_not_reached(const struct analysis_nutrient *nu) {
    if (nu->n_assess == 0 || !isfinite(nu->ref.ai))
        return 0;
    if (isfinite(nu->p_above_ai))
        return nu->p_above_ai < P_ABOVE_AI_LOW;
    return withheld(nu) && nu->assess_mean < nu->ref.ai;
}

static const char *approx_note(const struct analysis_nutrient *nu) {
    return nu->approximate ? " (approximate)" : "";
}

/* "probability that usual intake is adequate 0.12" or why it is withheld
 * (0.1: only when nothing was taken in). */
static void prob_text(char *buf, size_t len, const char *what, double p,
                      const struct analysis_nutrient *nu) {
    if (isfinite(p))
        snprintf(buf, len, "%s %.2f", what, p);
    else if (nu->no_intake)
        snprintf(buf, len, "no probability: none of it was logged on any day");
    else
        snprintf(buf, len, "no probability (day-to-day variation too large for the method)");
}

/* "calcium probability of adequacy 0.12", or, when it is withheld,
 * "calcium mean below the EAR" (the reason ear_short() gave). */
static void short_text(char *buf, size_t len, const char *name, double p) {
    if (isfinite(p))
        snprintf(buf, len, "%s probability of adequacy %.2f", name, p);
    else
        snprintf(buf, len, "mean %s intake below the EAR", name);
}

/* The figures a verdict on P(adequate) adds: the sensitivity figure with
 * SDw scaled to the mean (0.1), and how many more days would make an
 * uncertain one firm (0.9).  "" when there is nothing to add. */
static void ear_extra(char *buf, size_t len, const struct analysis_nutrient *nu) {
    size_t n = 0;

    buf[0] = '\0';
    if (isfinite(nu->p_adequate_scaled))
        n = (size_t)snprintf(buf, len, " (%.3f if day-to-day variation scales with intake)",
                             nu->p_adequate_scaled);
    if (n >= len)
        return;
    if (nu->firmness == ANALYSIS_FIRM_MORE_DAYS)
        snprintf(buf + n, len - n, "; log %ld more day%s at this mean for a firm answer",
                 nu->days_needed, nu->days_needed == 1 ? "" : "s");
    else if (nu->firmness == ANALYSIS_FIRM_NEVER)
        snprintf(buf + n, len - n, "; more days at this mean would not make it firm");
}

static void check_ear_low(struct analysis *a, const struct analysis_rule *rule, int *failed,
                          int id) {
    struct analysis_nutrient *nu = nutrient_by_id(a, id);
    char m[40], e[40], r[40], p[96], x[160], t[24];
    struct analysis_warning *w;

    if (!ear_short(nu))
        return;
    prob_text(p, sizeof(p), "probability that usual intake is adequate", nu->p_adequate, nu);
    ear_extra(x, sizeof(x), nu);
    w = add_warning(a, rule, ANALYSIS_WARNING, id,
                    util_xprintf("%s: mean %s/day over %zu day%s, below the EAR %s (RDA %s); "
                                 "%s%s%s.",
                                 title(t, nu), amount(m, nu->assess_mean, nu), nu->n_assess,
                                 plural(nu->n_assess), amount(e, nu->ref.ear, nu),
                                 amount(r, nu->ref.rda, nu), p, x, approx_note(nu)),
                    failed);
    figure(w, "mean", nu->assess_mean, nu->unit);
    figure(w, "n_days", (double)nu->n_assess, "");
    figure(w, "ear", nu->ref.ear, nu->unit);
    figure(w, "rda", nu->ref.rda, nu->unit);
    figure(w, "p_adequate", nu->p_adequate, "");
    if (nu->firmness == ANALYSIS_FIRM_MORE_DAYS)
        figure(w, "days_needed", (double)nu->days_needed, "");
    figure(w, "from_supplements", nu->supp_assess_mean, nu->unit);
}

/*
 * A UL on the total is passed by the supplements alone: the total can only
 * be higher, so this holds even when the foods' values are too incomplete
 * for the probability (a vitamin D supplement with foods that have no
 * vitamin D value).  The mean per logged day from supplements decides.
 */
static void check_supplements_over_ul(struct analysis *a, const struct analysis_rule *rule,
                                      int *failed, const struct analysis_nutrient *nu) {
    char s[40], u[40], t[24];
    struct analysis_warning *w;

    if (!isfinite(nu->ref.ul) || a->days_logged == 0 || !(nu->from_supplements > nu->ref.ul))
        return;
    w = add_warning(
        a, rule, ANALYSIS_WARNING, nu->id,
        util_xprintf("%s: supplements alone give %s/day over %zu logged day%s, above the "
                     "UL %s for food and supplements together.",
                     title(t, nu), amount(s, nu->from_supplements, nu), a->days_logged,
                     plural(a->days_logged), amount(u, nu->ref.ul, nu)),
        failed);
    figure(w, "from_supplements", nu->from_supplements, nu->unit);
    figure(w, "n_days", (double)a->days_logged, "");
    figure(w, "ul", nu->ref.ul, nu->unit);
}

static void check_ul_high(struct analysis *a, const struct analysis_rule *rule, int *failed,
                          int id) {
    struct analysis_nutrient *nu = nutrient_by_id(a, id);
    char m[40], u[40], p[96], t[24];
    struct analysis_warning *w;

    if (nu->ref.ul_supplement_only)
        return;
    if (!limit_exceeded(nu, nu->p_above_ul, nu->ref.ul)) {
        check_supplements_over_ul(a, rule, failed, nu);
        return;
    }
    prob_text(p, sizeof(p), "probability that usual intake is above it", nu->p_above_ul, nu);
    w = add_warning(a, rule, ANALYSIS_WARNING, id,
                    util_xprintf("%s: mean %s/day over %zu day%s, above the UL %s; %s%s%s.",
                                 title(t, nu), amount(m, nu->assess_mean, nu), nu->n_assess,
                                 plural(nu->n_assess), amount(u, nu->ref.ul, nu), p,
                                 HIGH_INTAKE_SDW_NOTE, approx_note(nu)),
                    failed);
    figure(w, "mean", nu->assess_mean, nu->unit);
    figure(w, "n_days", (double)nu->n_assess, "");
    figure(w, "ul", nu->ref.ul, nu->unit);
    figure(w, "p_above_ul", nu->p_above_ul, "");
    figure(w, "from_supplements", nu->supp_assess_mean, nu->unit);
}

static void check_ai_low(struct analysis *a, const struct analysis_rule *rule, int *failed, int id,
                         const char *what) {
    struct analysis_nutrient *nu = nutrient_by_id(a, id);
    char m[40], ai[40], p[96];
    struct analysis_warning *w;

    if (!ai_not_reached(nu))
        return;
    prob_text(p, sizeof(p), "confidence that usual intake is above the AI", nu->p_above_ai, nu);
    w = add_warning(a, rule, ANALYSIS_INFO, id,
                    util_xprintf("%s not shown to reach the AI: mean %s/day over %zu day%s, AI %s; "
                                 "%s%s. An AI test cannot show a shortfall.",
                                 what, amount(m, nu->assess_mean, nu), nu->n_assess,
                                 plural(nu->n_assess), amount(ai, nu->ref.ai, nu), p,
                                 approx_note(nu)),
                    failed);
    figure(w, "mean", nu->assess_mean, nu->unit);
    figure(w, "n_days", (double)nu->n_assess, "");
    figure(w, "ai", nu->ref.ai, nu->unit);
    figure(w, "p_above_ai", nu->p_above_ai, "");
}

/* --- the checks, one per rule ------------------------------------------------ */

static void rule_calcium_low(struct analysis *a, const struct analysis_rule *r, int *failed) {
    check_ear_low(a, r, failed, NUT_CALCIUM);
}

static void rule_calcium_high(struct analysis *a, const struct analysis_rule *r, int *failed) {
    check_ul_high(a, r, failed, NUT_CALCIUM);
}

static void rule_magnesium_low(struct analysis *a, const struct analysis_rule *r, int *failed) {
    check_ear_low(a, r, failed, NUT_MAGNESIUM);
}

/* The magnesium UL (350 mg) applies to supplements and medicines only
 * (IOM 1997; nutrition-science.md 1.2 note *, 0.8): the mean daily
 * magnesium from supplements over the logged days is compared with it, and
 * food magnesium never is.  A supplement's dose is known exactly and hardly
 * varies from day to day, so no probability is computed (the survey SDw is
 * for food, 2.7): the mean itself decides. */
static void rule_magnesium_supplement_ul(struct analysis *a, const struct analysis_rule *r,
                                         int *failed) {
    const struct analysis_nutrient *nu = &a->nutrients[NUT_MAGNESIUM];
    struct analysis_warning *w;
    size_t above = 0, days = 0;

    if (!nu->ref.ul_supplement_only || !isfinite(nu->ref.ul) || a->days_logged == 0 ||
        !(nu->from_supplements > nu->ref.ul))
        return;
    for (size_t i = 0; i < a->days; i++) {
        if (!a->logged[i])
            continue;
        days++;
        above += nu->daily_supplement[i] > nu->ref.ul;
    }
    w = add_warning(
        a, r, ANALYSIS_WARNING, NUT_MAGNESIUM,
        util_xprintf("Magnesium from supplements: mean %.0f mg/day over %zu logged day%s, "
                     "above the UL of %.0f mg/day, which applies to supplements and "
                     "medicines only (IOM 1997); above it on %zu of %zu days. Magnesium "
                     "from food is not counted against this limit.",
                     nu->from_supplements, days, plural(days), nu->ref.ul, above, days),
        failed);
    figure(w, "supplement_mean", nu->from_supplements, "mg");
    figure(w, "ul_supplements", nu->ref.ul, "mg");
    figure(w, "n_days", (double)days, "");
    figure(w, "days_above", (double)above, "");
}

static void rule_phosphorus_low(struct analysis *a, const struct analysis_rule *r, int *failed) {
    check_ear_low(a, r, failed, NUT_PHOSPHORUS);
}

static void rule_phosphorus_high(struct analysis *a, const struct analysis_rule *r, int *failed) {
    check_ul_high(a, r, failed, NUT_PHOSPHORUS);
}

static void rule_protein_low(struct analysis *a, const struct analysis_rule *r, int *failed) {
    check_ear_low(a, r, failed, NUT_PROTEIN);
}

static void rule_protein_excess(struct analysis *a, const struct analysis_rule *r, int *failed) {
    const struct analysis_measure *pe = &a->balance.protein_energy_pct;
    double max = a->nutrients[NUT_PROTEIN].ref.amdr_max_pct;
    struct analysis_warning *w;

    if (!isfinite(pe->value) || !isfinite(max))
        return;
    if (pe->value > max) {
        w = add_warning(a, r, ANALYSIS_WARNING, NUT_PROTEIN,
                        util_xprintf("Protein supplies %.1f %% of energy, above the upper bound of "
                                     "the acceptable range (AMDR %.0f-%.0f %%, IOM 2002/2005).",
                                     pe->value, DRI_PROTEIN_AMDR_MIN_PCT, max),
                        failed);
    } else if (pe->value >= DRI_WHO_HIGH_PROTEIN_SUPPLEMENT_PCT) {
        w = add_warning(
            a, r, ANALYSIS_INFO, NUT_PROTEIN,
            util_xprintf("Protein supplies %.1f %% of energy: within the AMDR "
                         "(%.0f-%.0f %%) but above the %.0f %% share WHO uses to define "
                         "high-protein supplements. That figure describes supplements; "
                         "applying it to a whole diet is an extrapolation.",
                         pe->value, DRI_PROTEIN_AMDR_MIN_PCT, max,
                         DRI_WHO_HIGH_PROTEIN_SUPPLEMENT_PCT),
            failed);
    } else {
        return;
    }
    figure(w, "protein_energy_pct", pe->value, "%");
    figure(w, "amdr_max_pct", max, "%");
    figure(w, "who_supplement_pct", DRI_WHO_HIGH_PROTEIN_SUPPLEMENT_PCT, "%");
}

static void rule_ca_p_ratio_low(struct analysis *a, const struct analysis_rule *r, int *failed) {
    const struct analysis_measure *m = &a->balance.ca_p_ratio;
    const struct analysis_nutrient *ca = &a->nutrients[NUT_CALCIUM];
    struct analysis_warning *w;
    char p[96];

    if (m->position != ANALYSIS_POS_BELOW || !ear_short(ca))
        return;
    short_text(p, sizeof(p), "calcium", ca->p_adequate);
    w = add_warning(
        a, r, ANALYSIS_INFO, NUT_CALCIUM,
        util_xprintf("Calcium is low relative to phosphorus-rich foods: Ca:P mass ratio "
                     "%.2f, below %.2f (the ratio of the RDAs), with %s.",
                     m->value, m->low, p),
        failed);
    figure(w, "ca_p_ratio", m->value, "");
    figure(w, "rda_ratio", m->low, "");
    figure(w, "p_adequate_calcium", ca->p_adequate, "");
}

static void rule_ca_mg_ratio_high(struct analysis *a, const struct analysis_rule *r, int *failed) {
    const struct analysis_measure *m = &a->balance.ca_mg_ratio;
    const struct analysis_nutrient *mg = &a->nutrients[NUT_MAGNESIUM];
    struct analysis_warning *w;
    char p[96];

    if (!isfinite(m->value) || !(m->value > CA_MG_RATIO_MAX) || !ear_short(mg))
        return;
    short_text(p, sizeof(p), "magnesium", mg->p_adequate);
    w = add_warning(
        a, r, ANALYSIS_INFO, NUT_MAGNESIUM,
        util_xprintf("Magnesium is low relative to calcium: Ca:Mg mass ratio %.2f, above "
                     "%.1f, with %s.",
                     m->value, CA_MG_RATIO_MAX, p),
        failed);
    figure(w, "ca_mg_ratio", m->value, "");
    figure(w, "ratio_max", CA_MG_RATIO_MAX, "");
    figure(w, "p_adequate_magnesium", mg->p_adequate, "");
}

/* ACID_LOAD_HIGH without "less meat", for a week in which protein or
 * phosphorus is short: no warning may advise less of what another advises
 * more of (nutrition-science.md 0.5).  Dairy is never named: it must not be
 * cut while calcium is below the EAR, and PRAL is no reason to cut it. */
#define ACID_ADVICE_MORE_ONLY "More vegetables, fruit and pulses lower the acid load."

static void rule_acid_load_high(struct analysis *a, const struct analysis_rule *r, int *failed) {
    const struct analysis_measure *m = &a->balance.pral_meq;
    struct analysis_warning *w;

    if (!isfinite(m->value) || !(m->value > DIETBAL_PRAL_HIGH_MEQ))
        return;
    w = add_warning(a, r, ANALYSIS_INFO, -1,
                    util_xprintf("Mean acid load (PRAL) %+.1f mEq/day, above %+.0f mEq/day (a "
                                 "dietbal threshold; no validated cut-off exists).",
                                 m->value, (double)DIETBAL_PRAL_HIGH_MEQ),
                    failed);
    if (w && (ear_short(&a->nutrients[NUT_PROTEIN]) || ear_short(&a->nutrients[NUT_PHOSPHORUS]))) {
        w->advice = ACID_ADVICE_MORE_ONLY;
        w->less = NULL;
    }
    figure(w, "pral_meq", m->value, "mEq");
    figure(w, "threshold", DIETBAL_PRAL_HIGH_MEQ, "mEq");
}

static void rule_potassium_low(struct analysis *a, const struct analysis_rule *r, int *failed) {
    check_ai_low(a, r, failed, NUT_POTASSIUM, "Potassium intake");
}

static void rule_sodium_high(struct analysis *a, const struct analysis_rule *r, int *failed) {
    struct analysis_nutrient *nu = &a->nutrients[NUT_SODIUM];
    char m[40], c[40], p[96];
    struct analysis_warning *w;

    if (!limit_exceeded(nu, nu->p_above_cdrr, nu->ref.cdrr))
        return;
    prob_text(p, sizeof(p), "probability that usual intake is above it", nu->p_above_cdrr, nu);
    w = add_warning(a, r, ANALYSIS_INFO, NUT_SODIUM,
                    util_xprintf("Sodium: mean %s/day over %zu day%s, above %s, the intake above "
                                 "which less sodium lowers chronic-disease risk (CDRR; not a "
                                 "toxicity limit); %s%s%s.",
                                 amount(m, nu->assess_mean, nu), nu->n_assess, plural(nu->n_assess),
                                 amount(c, nu->ref.cdrr, nu), p, HIGH_INTAKE_SDW_NOTE,
                                 approx_note(nu)),
                    failed);
    figure(w, "mean", nu->assess_mean, nu->unit);
    figure(w, "n_days", (double)nu->n_assess, "");
    figure(w, "cdrr", nu->ref.cdrr, nu->unit);
    figure(w, "p_above_cdrr", nu->p_above_cdrr, "");
}

static void rule_water_low(struct analysis *a, const struct analysis_rule *r, int *failed) {
    check_ai_low(a, r, failed, NUT_WATER, "Total water (from the food and drinks logged)");
}

static void rule_vitamin_d_low(struct analysis *a, const struct analysis_rule *r, int *failed) {
    check_ear_low(a, r, failed, NUT_VITAMIN_D);
}

static void rule_vitamin_d_high(struct analysis *a, const struct analysis_rule *r, int *failed) {
    check_ul_high(a, r, failed, NUT_VITAMIN_D);
}

static void rule_data_sparse(struct analysis *a, const struct analysis_rule *r, int *failed) {
    struct analysis_warning *w;

    if (a->days_logged >= ANALYSIS_MIN_DAYS)
        return;
    if (a->days_logged == 0)
        w = add_warning(
            a, r, ANALYSIS_INFO, -1,
            util_xprintf("No day logged in the %zu-day period: nothing to assess.", a->days),
            failed);
    else
        w = add_warning(
            a, r, ANALYSIS_INFO, -1,
            util_xprintf("Only %zu day%s logged of %zu: with fewer than %d the "
                         "probabilities are very uncertain, so intake warnings are shown "
                         "as tentative information.",
                         a->days_logged, plural(a->days_logged), a->days, ANALYSIS_MIN_DAYS),
            failed);
    figure(w, "days_logged", (double)a->days_logged, "");
    figure(w, "days_needed", ANALYSIS_MIN_DAYS, "");
}

static void rule_data_incomplete(struct analysis *a, const struct analysis_rule *r, int *failed) {
    char list[512] = "";
    size_t len = 0, worst_left_out = 0;
    double worst = 1.0;
    struct analysis_warning *w;

    /* the core nutrients: vitamin D's completeness is shown with it, but
     * half the USDA table has no vitamin D value, so it would flag almost
     * every period and drown the gaps that matter here */
    for (int k = 0; k < NUT_CORE_COUNT; k++) {
        const struct analysis_nutrient *nu = &a->nutrients[k];
        if (!isfinite(nu->completeness))
            continue;
        if (!(nu->completeness < COMPLETENESS_MIN) && nu->n_incomplete == 0)
            continue;
        if (nu->completeness < worst)
            worst = nu->completeness;
        if (nu->n_incomplete > worst_left_out)
            worst_left_out = nu->n_incomplete;
        if (len < sizeof(list)) {
            int n =
                snprintf(list + len, sizeof(list) - len, "%s%s %.0f %% (%zu day%s below %.0f %%)",
                         len ? "; " : "", nu->key, 100.0 * nu->completeness, nu->n_incomplete,
                         plural(nu->n_incomplete), 100.0 * COMPLETENESS_MIN);
            if (n > 0)
                len += (size_t)n;
        }
    }
    if (len == 0)
        return;
    w = add_warning(a, r, ANALYSIS_INFO, -1,
                    util_xprintf("Values are missing for part of the food logged; share of grams "
                                 "with a known value: %s. Days below %.0f %% are left out of the "
                                 "probabilities, and totals are underestimates.",
                                 list, 100.0 * COMPLETENESS_MIN),
                    failed);
    figure(w, "completeness_min", worst, "");
    figure(w, "days_left_out_max", (double)worst_left_out, "");
    figure(w, "threshold", COMPLETENESS_MIN, "");
}

static void rule_cramp_red_flag(struct analysis *a, const struct analysis_rule *r, int *failed) {
    const struct analysis_cramps *c = &a->cramps;
    char part1[256] = "", part2[160] = "";
    struct analysis_warning *w;

    if (!c->red_flag)
        return;
    if (c->sign_episodes > 0) {
        char signs[96], first[11], last[11];
        snprintf(signs, sizeof(signs), "%s%s%s%s", c->swelling ? ", swelling" : "",
                 c->redness ? ", redness" : "", c->warmth ? ", warmth" : "",
                 c->hard_to_walk ? ", difficulty walking" : "");
        date_format(c->first_sign_day, first);
        date_format(c->last_sign_day, last);
        if (c->first_sign_day == c->last_sign_day)
            snprintf(part1, sizeof(part1),
                     "Warning signs logged with %d cramp episode%s on %s "
                     "(%s). ",
                     c->sign_episodes, c->sign_episodes == 1 ? "" : "s", first, signs + 2);
        else
            snprintf(part1, sizeof(part1),
                     "Warning signs logged with %d cramp episodes "
                     "from %s to %s (%s). ",
                     c->sign_episodes, first, last, signs + 2);
    }
    if (c->one_leg_run >= ANALYSIS_ONE_LEG_PAIN_DAYS) {
        char end[11];
        date_format(c->one_leg_run_end, end);
        snprintf(part2, sizeof(part2),
                 "Pain in one leg that did not ease, logged on %d days running up to %s: it "
                 "persisted into the next day. ",
                 c->one_leg_run, end);
    } else if (c->persistent_run >= ANALYSIS_PERSISTENT_PAIN_DAYS) {
        char end[11];
        date_format(c->persistent_run_end, end);
        snprintf(part2, sizeof(part2),
                 "Leg pain that did not ease logged on %d days running, up to %s. ",
                 c->persistent_run, end);
    }
    w = add_warning(a, r, ANALYSIS_ALERT, -1, util_xprintf("%s%s%s", part1, part2, ADVICE_RED_FLAG),
                    failed);
    figure(w, "sign_episodes", c->sign_episodes, "");
    figure(w, "persistent_pain_days", c->persistent_run, "");
    figure(w, "one_leg_pain_days", c->one_leg_run, "");
}

static void rule_preeclampsia_signs(struct analysis *a, const struct analysis_rule *r,
                                    int *failed) {
    const struct analysis_cramps *c = &a->cramps;
    char signs[160], first[11], last[11], when[48];
    struct analysis_warning *w;

    if (!c->preeclampsia)
        return;
    snprintf(signs, sizeof(signs), "%s%s%s%s", c->sudden_swelling ? ", sudden swelling" : "",
             c->headache ? ", severe headache" : "", c->vision_problems ? ", vision problems" : "",
             c->pain_below_ribs ? ", pain below the ribs" : "");
    date_format(c->first_preeclampsia_day, first);
    date_format(c->last_preeclampsia_day, last);
    if (c->first_preeclampsia_day == c->last_preeclampsia_day)
        snprintf(when, sizeof(when), "on %s", first);
    else
        snprintf(when, sizeof(when), "from %s to %s", first, last);
    w = add_warning(a, r, ANALYSIS_ALERT, -1,
                    util_xprintf("Pregnancy warning signs logged %s (%s). %s", when, signs + 2,
                                 ADVICE_PREECLAMPSIA),
                    failed);
    figure(w, "sudden_swelling", c->sudden_swelling, "");
    figure(w, "headache", c->headache, "");
    figure(w, "vision_problems", c->vision_problems, "");
    figure(w, "pain_below_ribs", c->pain_below_ribs, "");
}

/* ------------------------------------------------------------------------
 * THE RULE TABLE: every warning of product.md, its condition, severity and
 * source.  Checked in this order; the report lists warnings most severe
 * first and in this order within a severity.
 * ------------------------------------------------------------------------ */

#define P_LOW_TXT XSTR(P_ADEQUATE_LOW)
#define P_LIM_TXT XSTR(P_ABOVE_LIMIT)

static const struct analysis_rule rules[] = {
    {"PREECLAMPSIA_SIGNS", ANALYSIS_ALERT,
     "any entry in the period with sudden swelling (face, hands or feet), a severe headache, "
     "vision problems or pain below the ribs, or with swelling of both legs",
     "nutrition-science.md 0.4 (NHS pre-eclampsia guidance)",
     "These can be signs of pre-eclampsia, which needs checking the same day; they are not "
     "cramp symptoms.",
     ADVICE_PREECLAMPSIA_EMERGENCY, NULL, NULL, rule_preeclampsia_signs},
    {"CRAMP_RED_FLAG", ANALYSIS_ALERT,
     "any cramp in the period with swelling, redness, warmth or difficulty walking; pain in one "
     "leg that does not ease on " XSTR(
         ANALYSIS_ONE_LEG_PAIN_DAYS) " days running (it "
                                     "persists into the next day); or pain that does not ease "
                                     "on " XSTR(
                                         ANALYSIS_PERSISTENT_PAIN_DAYS) " or more days running in "
                                                                        "both legs (run ending in "
                                                                        "the period)",
     "nutrition-science.md 5.5 (CDC, HSE, NHS GGC) and 0.4 (NHS: cramping pain in one leg); "
     "the 3-day rule for both legs is a design choice (product.md)",
     "These signs can come from a blood clot in the leg (deep vein thrombosis), not an "
     "ordinary cramp.",
     ADVICE_EMERGENCY, NULL, NULL, rule_cramp_red_flag},
    {"DATA_SPARSE", ANALYSIS_INFO,
     "fewer than " XSTR(ANALYSIS_MIN_DAYS) " logged days; intake warnings are then "
                                           "softened to info and marked tentative",
     "nutrition-science.md 2.7 (n < 3); softening is a design choice",
     "A few days say little about usual intake, so every figure is very uncertain.",
     "Log everything you eat and drink for at least 3 days, ideally 7 or more.", NULL, NULL,
     rule_data_sparse},
    {"DATA_INCOMPLETE", ANALYSIS_INFO,
     "a core nutrient's period completeness below " XSTR(
         ANALYSIS_DAY_COMPLETENESS_MIN) ", or "
                                        "any logged day below it (such days are left out of the "
                                        "probabilities); vitamin D's "
                                        "completeness is shown but not flagged here (half the USDA "
                                        "foods lack it)",
     "product.md (completeness); nutrition-science.md 2.7; the 0.8 cut is a design choice",
     "Foods without values make totals look lower than they are.",
     "Prefer foods with complete values; 'dietbal foods show ID' lists a food's values.", NULL,
     NULL, rule_data_incomplete},
    {"CALCIUM_LOW", ANALYSIS_WARNING,
     "calcium p_adequate < " P_LOW_TXT " (or, when the probability is withheld because "
     "nothing was logged, mean < EAR)",
     "IOM 2000 ch. 3 pp. 56-57 and App. B (nutrition-science.md 2.2, 0.1)",
     "Calcium below the EAR is worth correcting for health in general; small trials of calcium "
     "supplements for cramps gave weak evidence, and no diet has been shown to prevent cramps.",
     "Have calcium-rich foods at meals: milk, yoghurt, cheese, calcium-set tofu, fortified "
     "plant drinks, canned fish with bones, kale.",
     "milk|yoghurt|cheese|tofu|fortified plant drinks|fish|kale", NULL, rule_calcium_low},
    {"CALCIUM_HIGH", ANALYSIS_WARNING,
     "calcium p_above_ul > " P_LIM_TXT " (or, probability withheld, mean > UL); or the mean "
     "from supplements alone > UL",
     "IOM 2000 ch. 3 Table 3-4, App. B Table B-6 (2.4); UL IOM 2011; 0.5 a design choice",
     "High calcium is not known to prevent cramps; usual intake above the UL may cause harm.",
     "Check calcium supplements and fortified foods with your midwife, doctor or dietitian.", NULL,
     NULL, rule_calcium_high},
    {"MAGNESIUM_LOW", ANALYSIS_WARNING,
     "magnesium p_adequate < " P_LOW_TXT " (or, probability withheld, mean < EAR)",
     "IOM 2000 ch. 3 (2.2); EAR IOM 1997",
     "Magnesium below the EAR is worth correcting in general; trials of magnesium supplements "
     "for pregnancy leg cramps gave mixed, low-certainty results.",
     "Eat magnesium-rich foods: pulses, nuts, seeds, whole grains and green leafy vegetables.",
     "pulses|nuts|seeds|whole grains|green leafy vegetables", NULL, rule_magnesium_low},
    {"MAGNESIUM_SUPPLEMENT_UL", ANALYSIS_WARNING,
     "mean magnesium from supplements over the logged days > the UL (350 mg/day); food "
     "magnesium is never compared with the UL",
     "IOM 1997 (UL for supplements and medicines only; nutrition-science.md 1.2 note *)",
     "The UL for supplemental magnesium was set to avoid side effects; whether magnesium helps "
     "cramps is uncertain.",
     "Talk to your midwife or doctor about the supplement.", NULL, NULL,
     rule_magnesium_supplement_ul},
    {"PHOSPHORUS_LOW", ANALYSIS_WARNING,
     "phosphorus p_adequate < " P_LOW_TXT " (or, probability withheld, mean < EAR)",
     "IOM 2000 ch. 3 (2.2); EAR IOM 1997",
     "Phosphorus has not been linked to leg cramps; intake below the EAR is uncommon and worth "
     "correcting in general.",
     "Dairy, fish, meat, eggs, pulses, nuts and whole grains supply phosphorus.",
     "dairy|fish|meat|eggs|pulses|nuts|whole grains", NULL, rule_phosphorus_low},
    {"PHOSPHORUS_HIGH", ANALYSIS_WARNING,
     "phosphorus p_above_ul > " P_LIM_TXT " (or, probability withheld, mean > UL); or the "
     "mean from supplements alone > UL",
     "IOM 2000 Table 3-4 (2.4); UL IOM 1997 p. 188; 0.5 a design choice",
     "Phosphorus has not been shown to cause cramps; usual intake above the UL is worth "
     "lowering in general.",
     "Eat fewer processed meats, cola drinks and processed foods with phosphate additives.", NULL,
     "processed meats|cola drinks|phosphate additives", rule_phosphorus_high},
    {"PROTEIN_LOW", ANALYSIS_WARNING,
     "protein p_adequate < " P_LOW_TXT " (EAR in g from g/kg x weight, else the g/day figure)",
     "IOM 2000 ch. 3 (2.2); EAR IOM 2002/2005 (nutrition-science.md 1.3)",
     "Protein has not been linked to leg cramps; intake below the EAR is worth correcting, all "
     "the more in later pregnancy.",
     "Add a protein food to each meal: pulses, eggs, dairy, fish, meat, tofu or nuts.",
     "pulses|eggs|dairy|fish|meat|tofu|nuts", NULL, rule_protein_low},
    {"PROTEIN_EXCESS", ANALYSIS_WARNING,
     "warning: protein > AMDR upper bound (35 % of energy; 30 % at 14-18 y); info: from "
     "25 % up to the bound",
     "AMDR IOM 2002/2005; 25 %: WHO eLENA / Imdad & Bhutta 2011 (supplements, extrapolated); "
     "the bands are the design of nutrition-science.md 1.3; the advice 0.5",
     "High protein is not known to cause cramps or to drain calcium (it raises calcium in urine "
     "but also its absorption); high-protein supplements in pregnancy showed no benefit in "
     "trials.",
     "Swap some processed meat or protein shakes for vegetables, fruit, whole grains and "
     "pulses; keep eating 2-3 portions of low-mercury fish a week, as pregnancy guidance "
     "advises.",
     "vegetables|fruit|whole grains|pulses|fish", "processed meat|protein shakes",
     rule_protein_excess},
    {"CA_P_RATIO_LOW", ANALYSIS_INFO,
     "Ca:P mass ratio of the period means below the ratio of the RDAs (1.43; 1.04 at 14-18 y) "
     "and calcium short (as CALCIUM_LOW)",
     "nutrition-science.md 4.1 (IOM 1997 p. 154; no adult cut-off exists: design choice)",
     "This is not a measured imbalance, and the ratio has not been linked to cramps.",
     "Raise calcium (dairy, fortified drinks, calcium-set tofu) rather than cutting protein "
     "foods.",
     "dairy|fortified drinks|tofu", NULL, rule_ca_p_ratio_low},
    {"CA_MG_RATIO_HIGH", ANALYSIS_INFO,
     "Ca:Mg mass ratio of the period means > " XSTR(CA_MG_RATIO_MAX) " and magnesium short "
                                                                     "(as MAGNESIUM_LOW)",
     "nutrition-science.md 4.2 (observational ranges, Adv Nutr 2021 Table 1; design choice)",
     "The ratio ranges come from observational studies, none of them about cramps.",
     "Eat magnesium-rich foods (pulses, nuts, seeds, whole grains, green vegetables); do not "
     "cut calcium.",
     "pulses|nuts|seeds|whole grains|green vegetables", NULL, rule_ca_mg_ratio_high},
    {"ACID_LOAD_HIGH", ANALYSIS_INFO,
     "mean daily PRAL > " XSTR(DIETBAL_PRAL_HIGH_MEQ) " mEq/day (build-time constant "
                                                      "DIETBAL_PRAL_HIGH_MEQ); without \"less "
                                                      "meat\" while protein or phosphorus is short",
     "Remer & Manz 1995 (PRAL); threshold about 1 SD above Zhao et al. 2022's pregnancy mean: "
     "design choice, no validated cut-off (nutrition-science.md 3.1); advice 0.5",
     "PRAL estimates the acid load of the diet on the kidneys; there is no evidence linking it "
     "to leg cramps.",
     "More vegetables, fruit and pulses, and somewhat less meat, lower the acid load.",
     "vegetables|fruit|pulses", "meat", rule_acid_load_high},
    {"POTASSIUM_LOW", ANALYSIS_INFO,
     "potassium p_above_ai < " XSTR(
         P_ABOVE_AI_LOW) " (the mean is below the AI); worded "
                         "\"not shown to reach the AI\", never a deficiency",
     "IOM 2000 p. 60, Table B-6 (nutrition-science.md 2.3); AI NASEM 2019; 0.5 a design "
     "choice",
     "Intake says nothing about blood potassium, and potassium has not been shown to affect "
     "leg cramps.",
     "Fruit, vegetables, potatoes, pulses, dairy and nuts supply potassium.",
     "fruit|vegetables|potatoes|pulses|dairy|nuts", NULL, rule_potassium_low},
    {"SODIUM_HIGH", ANALYSIS_INFO,
     "sodium p_above_cdrr > " P_LIM_TXT " against the CDRR 2,300 mg (or, probability "
     "withheld, mean > CDRR); info because the CDRR is not a toxicity limit",
     "NASEM 2019 (CDRR; pregnancy row not read, unverified); test form of IOM 2000 Table B-6 "
     "(design "
     "choice, nutrition-science.md 2.4)",
     "Sodium has not been linked to leg cramps; intake above the CDRR is worth lowering for "
     "long-term health.",
     "Eat fewer salty processed foods (cured meats, ready meals, salty snacks) and add less "
     "salt.",
     NULL, "cured meats|ready meals|salty snacks|salt", rule_sodium_high},
    {"WATER_LOW", ANALYSIS_INFO,
     "total water p_above_ai < " XSTR(P_ABOVE_AI_LOW) " (AI test, as POTASSIUM_LOW)",
     "IOM 2000 Table B-6 (2.3); AI IOM 2005",
     "Drinking enough is common advice for cramps, though untested in trials; drinks that are "
     "not logged are not counted.",
     "Drink water through the day, and log drinks so that they count.", "water", NULL,
     rule_water_low},
    {"VITAMIN_D_LOW", ANALYSIS_WARNING,
     "vitamin D (food + supplements) p_adequate < " P_LOW_TXT " (or, probability withheld, "
     "mean < EAR); the probability is approximate (SDr from (RDA - EAR) / 2)",
     "IOM 2000 ch. 3 (2.2); EAR 10 ug, RDA 15 ug IOM 2011 (nutrition-science.md 0.8)",
     "Vitamin D helps the body absorb calcium; it has not been shown to prevent leg cramps. "
     "Many foods in the tables have no vitamin D value, so the total may be an underestimate.",
     "Oily fish, eggs and fortified milk, spreads and cereals supply some vitamin D; whether "
     "you need a vitamin D supplement is a question for your midwife or doctor.",
     "fish|eggs|milk|spreads|cereals", NULL, rule_vitamin_d_low},
    {"VITAMIN_D_HIGH", ANALYSIS_WARNING,
     "vitamin D (food + supplements) p_above_ul > " P_LIM_TXT " against the UL 100 ug (or, "
     "probability withheld, mean > UL); or the mean from supplements alone > UL (the total "
     "can only be higher, however incomplete the foods' values)",
     "IOM 2000 Table 3-4 (2.4); UL 100 ug (4,000 IU) IOM 2011 pp. 445-446 "
     "(nutrition-science.md 0.8)",
     "Usual intake above the UL may cause harm (high blood calcium); it comes almost always "
     "from supplements, not food.",
     "Check the labels of all the supplements you take and talk to your midwife or doctor "
     "before changing them.",
     NULL, NULL, rule_vitamin_d_high},
};

#define N_RULES (sizeof(rules) / sizeof(rules[0]))

const struct analysis_rule *analysis_rules(size_t *n) {
    if (n)
        *n = N_RULES;
    return rules;
}

/* ------------------------------------------------------------------------
 * Nutrients
 * ------------------------------------------------------------------------ */

/* A day's total of slot k: the food entries' known part plus the
 * supplements'.  Unknown (NAN) when no food entry has a value and no
 * supplement supplied any: a sum over nothing is not zero. */
static double day_total(const struct day_totals *d, int k) {
    double food = d->known_grams[k] > 0 ? d->total[k] : NAN;
    double supp = d->supplement[k];

    if (isnan(food))
        return supp > 0 ? supp : NAN;
    return food + supp;
}

/* The slot k's daily values of in, completeness and descriptive
 * statistics (k is the slot: day totals are by slot). */
static int nutrient_fill(struct analysis *a, int k, const struct analysis_input *in) {
    struct analysis_nutrient *nu = &a->nutrients[k];
    double known = 0, grams = 0, sum = 0, supp_sum = 0, supp_all = 0;
    const int id = k; /* day_totals are indexed by slot too */

    nu->daily = malloc(a->days * sizeof(double));
    nu->daily_completeness = malloc(a->days * sizeof(double));
    nu->daily_supplement = malloc(a->days * sizeof(double));
    if (!nu->daily || !nu->daily_completeness || !nu->daily_supplement)
        return -1;
    for (size_t i = 0; i < a->days; i++)
        nu->daily[i] = nu->daily_completeness[i] = nu->daily_supplement[i] = NAN;
    for (size_t j = 0; j < in->n_days; j++) {
        const struct day_totals *d = &in->days[j];
        long day;
        if (date_parse(d->date, 0, &day) != 0 || day < a->from || day > a->to)
            continue;
        size_t i = (size_t)(day - a->from);
        if (!a->logged[i] || !isnan(nu->daily_completeness[i]))
            continue; /* no entry, or the date given twice */
        /* a day whose entries all lack the value has an unknown total */
        nu->daily[i] = day_total(d, id);
        nu->daily_supplement[i] = d->supplement[id];
        supp_all += d->supplement[id];
        nu->daily_completeness[i] = d->grams > 0 ? d->known_grams[id] / d->grams : NAN;
        known += d->known_grams[id];
        grams += d->grams;
    }
    nu->completeness = grams > 0 ? known / grams : NAN;

    memset(&nu->desc, 0, sizeof(nu->desc));
    nu->desc.mean = nu->desc.sd = nu->desc.min = nu->desc.max = NAN;
    if (stats_describe(nu->daily, a->days, &nu->desc) != 0) {
        memset(&nu->desc, 0, sizeof(nu->desc));
        nu->desc.mean = nu->desc.sd = nu->desc.min = nu->desc.max = NAN;
    }

    /* days complete enough to enter the probabilities (2.7) */
    nu->n_assess = 0;
    nu->n_incomplete = 0;
    for (size_t i = 0; i < a->days; i++) {
        if (!a->logged[i])
            continue;
        if (isfinite(nu->daily[i]) && nu->daily_completeness[i] >= ANALYSIS_DAY_COMPLETENESS_MIN) {
            sum += nu->daily[i];
            supp_sum += nu->daily_supplement[i];
            nu->n_assess++;
        } else {
            nu->n_incomplete++;
        }
    }
    nu->assess_mean = nu->n_assess ? sum / (double)nu->n_assess : NAN;
    nu->supp_assess_mean = nu->n_assess ? supp_sum / (double)nu->n_assess : NAN;
    nu->from_supplements = a->days_logged ? supp_all / (double)a->days_logged : 0.0;
    return 0;
}

/* The part of the assessed mean that came from food: what the day-to-day
 * spread of intake scales with (a daily supplement hardly varies). */
static double food_mean(const struct analysis_nutrient *nu) {
    double supp = isfinite(nu->supp_assess_mean) ? nu->supp_assess_mean : 0.0;
    return fmax(0.0, nu->assess_mean - supp);
}

/* The IOM 2000 tests of an assessed mean (nutrition-science.md 2.2-2.4). */
static void nutrient_probabilities(struct analysis_nutrient *nu) {
    struct stats_adequacy ad;
    struct stats_ztest zt;

    if (nu->ref.has_ear && stats_p_adequate(nu->assess_mean, nu->ref.ear, nu->ref.sdr, nu->sdw,
                                            nu->n_assess, &ad) == 0)
        nu->p_adequate = ad.p;
    /* The sensitivity figure of 0.1: SDw = table CV x the person's mean,
     * since the SD of daily intake rises with the mean (IOM 2000 p. 65);
     * the mean from food, as for SDw itself (a daily supplement adds to
     * the mean but hardly to the spread). */
    if (nu->ref.has_ear && stats_p_adequate(nu->assess_mean, nu->ref.ear, nu->ref.sdr,
                                            nu->table_cv * food_mean(nu), nu->n_assess, &ad) == 0)
        nu->p_adequate_scaled = ad.p;
    if (isfinite(nu->ref.ai) &&
        stats_above_ai(nu->assess_mean, nu->ref.ai, nu->sdw, nu->n_assess, &zt) == 0)
        nu->p_above_ai = zt.p;
    /* Magnesium's UL is for supplements only: the total is never tested
     * (MAGNESIUM_SUPPLEMENT_UL tests the supplements alone). */
    if (isfinite(nu->ref.ul) && !nu->ref.ul_supplement_only &&
        stats_above_ul(nu->assess_mean, nu->ref.ul, nu->sdw, nu->n_assess, &zt) == 0)
        nu->p_above_ul = zt.p;
    if (isfinite(nu->ref.cdrr) &&
        stats_above_ul(nu->assess_mean, nu->ref.cdrr, nu->sdw, nu->n_assess, &zt) == 0)
        nu->p_above_cdrr = zt.p;
}

/* How firm P(adequate) is, and the more logged days at the same mean that
 * would make it firm (nutrition-science.md 0.9): towards 0.85 above the
 * EAR, towards 0.15 below it. */
static void nutrient_firmness(struct analysis_nutrient *nu) {
    long n_total = 0;

    nu->days_needed = -1;
    if (!isfinite(nu->p_adequate)) {
        nu->firmness = ANALYSIS_FIRM_NA;
        return;
    }
    if (nu->p_adequate <= ANALYSIS_FIRM_LOW || nu->p_adequate >= ANALYSIS_FIRM_HIGH) {
        nu->firmness = ANALYSIS_FIRM_YES;
        return;
    }
    long max = (long)nu->n_assess + ANALYSIS_DAYS_NEEDED_MAX;
    if (stats_days_needed(nu->assess_mean, nu->ref.ear, nu->ref.sdr, nu->sdw, ANALYSIS_FIRM_HIGH,
                          max, &n_total) != 0 ||
        n_total <= (long)nu->n_assess) {
        /* none is enough (or, at the boundary, rounding says so) */
        nu->firmness = ANALYSIS_FIRM_NEVER;
        return;
    }
    nu->firmness = ANALYSIS_FIRM_MORE_DAYS;
    nu->days_needed = n_total - (long)nu->n_assess;
}

/* Slot k's reference values, SDw, probabilities and firmness. */
static void nutrient_assess(struct analysis *a, int k) {
    struct analysis_nutrient *nu = &a->nutrients[k];
    const int id = nu->id;
    int approx = 0;

    nu->sdw = nu->table_cv = NAN;
    nu->p_adequate = nu->p_adequate_scaled = nu->p_above_ai = nu->p_above_ul = NAN;
    nu->p_above_cdrr = NAN;
    nu->firmness = ANALYSIS_FIRM_NA;
    nu->days_needed = -1;
    if (analysis_period_ref(a, id, &nu->ref, &approx) != 0)
        return;
    nu->approximate = approx;
    nu->unit = nu->ref.unit;
    if (isfinite(nu->ref.rda)) {
        nu->target = nu->ref.rda;
        nu->target_name = "RDA";
    } else if (isfinite(nu->ref.ai)) {
        nu->target = nu->ref.ai;
        nu->target_name = "AI";
    }
    /* Energy: no reference value, no verdict from intake (1.4). */
    if (id == NUT_ENERGY || nu->n_assess == 0)
        return;
    /* SDw of the stage shown (the last assessed day's age band).  SDw is
     * the day-to-day spread of food intake (IOM's survey tables are food
     * only); a supplement taken daily adds to the mean but hardly to that
     * spread (2.7), so a placeholder CV applies to the food part. */
    if (dri_sdw(&a->stage, id, food_mean(nu), &nu->sdw, &nu->sdw_verified, &nu->sdw_source) != 0) {
        nu->sdw = NAN;
        nu->sdw_verified = 0;
    }
    if (!nu->sdw_verified || nu->ref.approximate)
        nu->approximate = 1;
    /* 0.1: a probability is withheld only when the nutrient's survey CV
     * is over 60 % (none of dietbal's nutrients is, vitamin D included),
     * or nothing was taken in. */
    int cv_verified = 0;
    if (dri_table_cv(id, &nu->table_cv, &cv_verified, NULL) != 0)
        nu->table_cv = NAN;
    nu->cv_unreliable = stats_cv_unreliable(nu->table_cv);
    nu->no_intake = !(nu->assess_mean > 0);
    if (nu->cv_unreliable || nu->no_intake)
        return;
    nutrient_probabilities(nu);
    nutrient_firmness(nu);
}

/* ------------------------------------------------------------------------
 * Balance
 * ------------------------------------------------------------------------ */

static void measure(struct analysis_measure *m, double value, double low, double high,
                    const char *range) {
    m->value = value;
    m->low = low;
    m->high = high;
    m->range = range;
    if (!isfinite(value))
        m->position = ANALYSIS_POS_UNKNOWN;
    else if (isfinite(low) && value < low)
        m->position = ANALYSIS_POS_BELOW;
    else if (isfinite(high) && value > high)
        m->position = ANALYSIS_POS_ABOVE;
    else
        m->position = ANALYSIS_POS_WITHIN;
}

static double mean_of(const struct analysis *a, int id) { return a->nutrients[id].desc.mean; }

static void balance_fill(struct analysis *a) {
    const struct analysis_nutrient *n = a->nutrients;
    double sum = 0;
    size_t cnt = 0;

    for (size_t i = 0; i < a->days; i++) {
        a->daily_pral[i] = stats_pral(n[NUT_PROTEIN].daily[i], n[NUT_PHOSPHORUS].daily[i],
                                      n[NUT_POTASSIUM].daily[i], n[NUT_MAGNESIUM].daily[i],
                                      n[NUT_CALCIUM].daily[i]);
        if (isfinite(a->daily_pral[i])) {
            sum += a->daily_pral[i];
            cnt++;
        }
    }
    /* Ca:P against the ratio of the RDAs (1.43 at 19-50, 1.04 at 14-18):
     * descriptive only, no adult cut-off exists (4.1). */
    measure(&a->balance.ca_p_ratio,
            stats_ca_p_ratio(mean_of(a, NUT_CALCIUM), mean_of(a, NUT_PHOSPHORUS)),
            stats_ratio(n[NUT_CALCIUM].ref.rda, n[NUT_PHOSPHORUS].ref.rda), NAN,
            "at or above the ratio of the calcium and phosphorus RDAs; no adult cut-off exists "
            "(IOM 1997 p. 154)");
    measure(&a->balance.ca_mg_ratio,
            stats_ca_mg_ratio(mean_of(a, NUT_CALCIUM), mean_of(a, NUT_MAGNESIUM)), CA_MG_RATIO_MIN,
            CA_MG_RATIO_MAX,
            "ranges of interest in observational studies, not a target (Adv Nutr 2021 Table 1)");
    measure(&a->balance.protein_energy_pct,
            stats_protein_energy_pct(mean_of(a, NUT_PROTEIN), mean_of(a, NUT_ENERGY)),
            n[NUT_PROTEIN].ref.amdr_min_pct, n[NUT_PROTEIN].ref.amdr_max_pct,
            "AMDR (IOM 2002/2005)");
    measure(&a->balance.protein_g_per_kg,
            stats_protein_g_per_kg(mean_of(a, NUT_PROTEIN), a->weight_kg),
            n[NUT_PROTEIN].ref.rda_g_per_kg, NAN, "at or above the RDA in g/kg (IOM 2002/2005)");
    measure(&a->balance.pral_meq, cnt ? sum / (double)cnt : NAN, NAN, DIETBAL_PRAL_HIGH_MEQ,
            "at or below the dietbal threshold; no validated cut-off (Remer & Manz 1995)");
}

/* ------------------------------------------------------------------------
 * Cramps
 * ------------------------------------------------------------------------ */

/* An episode with a red-flag sign on day. */
static void count_signs(struct analysis_cramps *c, const struct cramp *x, long day) {
    c->sign_episodes++;
    c->swelling += x->swelling != 0;
    c->redness += x->redness != 0;
    c->warmth += x->warmth != 0;
    c->hard_to_walk += x->hard_to_walk != 0;
    if (c->first_sign_day < 0 || day < c->first_sign_day)
        c->first_sign_day = day;
    if (day > c->last_sign_day)
        c->last_sign_day = day;
}

/* An entry with pregnancy warning signs on day (0.4); swelling of both
 * legs counts as sudden swelling. */
static void count_preeclampsia(struct analysis_cramps *c, const struct cramp *x, long day) {
    c->preeclampsia = 1;
    c->sudden_swelling += x->sudden_swelling || (x->swelling && strcmp(x->side, "both") == 0);
    c->headache += x->headache != 0;
    c->vision_problems += x->vision_problems != 0;
    c->pain_below_ribs += x->pain_below_ribs != 0;
    if (c->first_preeclampsia_day < 0 || day < c->first_preeclampsia_day)
        c->first_preeclampsia_day = day;
    if (day > c->last_preeclampsia_day)
        c->last_preeclampsia_day = day;
}

static void count_episode(struct analysis_cramps *c, const struct cramp *x, size_t i,
                          int *sev_sum) {
    c->episodes++;
    c->per_day[i]++;
    c->night_episodes += x->night != 0;
    if (x->severity > 0) {
        c->severity_n++;
        *sev_sum += x->severity;
        if (x->severity > c->max_severity)
            c->max_severity = x->severity;
    }
}

/* The longest runs of days with pain that did not ease (pain[k]: the legs
 * of day base + k, cramp_pain_legs) that end inside the period: in any leg,
 * and in one leg (left or right) throughout. */
static void pain_runs(struct analysis *a, const unsigned char *pain, size_t span, long base) {
    struct analysis_cramps *c = &a->cramps;
    int run = 0, left = 0, right = 0;

    for (size_t k = 0; k < span; k++) {
        long day = base + (long)k;
        run = pain[k] ? run + 1 : 0;
        left = pain[k] & CRAMP_LEG_LEFT ? left + 1 : 0;
        right = pain[k] & CRAMP_LEG_RIGHT ? right + 1 : 0;
        int one = left > right ? left : right;
        if (day < a->from)
            continue;
        if (run > 0 && run >= c->persistent_run) {
            c->persistent_run = run;
            c->persistent_run_end = day;
        }
        if (one > 0 && one >= c->one_leg_run) {
            c->one_leg_run = one;
            c->one_leg_run_end = day;
        }
    }
}

static int cramps_fill(struct analysis *a, const struct analysis_input *in) {
    struct analysis_cramps *c = &a->cramps;
    /* days from - LOOKBACK .. to: the legs with pain that did not ease */
    size_t span = a->days + ANALYSIS_CRAMP_LOOKBACK_DAYS;
    long base = a->from - ANALYSIS_CRAMP_LOOKBACK_DAYS;
    unsigned char *pain = calloc(span, 1);
    int sev_sum = 0;

    c->per_day = calloc(a->days, sizeof(int));
    c->preeclampsia_per_day = calloc(a->days, sizeof(int));
    if (!pain || !c->per_day || !c->preeclampsia_per_day) {
        free(pain);
        return -1;
    }
    c->first_sign_day = c->last_sign_day = c->persistent_run_end = c->one_leg_run_end = -1;
    c->first_preeclampsia_day = c->last_preeclampsia_day = -1;
    c->mean_severity = NAN;
    for (size_t j = 0; j < in->n_cramps; j++) {
        const struct cramp *x = &in->cramps[j];
        long day;
        if (date_parse(x->date, 0, &day) != 0 || day < base || day > a->to)
            continue;
        pain[day - base] |= (unsigned char)cramp_pain_legs(x);
        if (day < a->from)
            continue;
        if (cramp_is_episode(x))
            count_episode(c, x, (size_t)(day - a->from), &sev_sum);
        if (cramp_has_red_flag(x))
            count_signs(c, x, day);
        if (cramp_has_preeclampsia_sign(x)) {
            count_preeclampsia(c, x, day);
            c->preeclampsia_per_day[day - a->from]++;
        }
    }
    if (c->severity_n)
        c->mean_severity = (double)sev_sum / c->severity_n;
    for (size_t i = 0; i < a->days; i++)
        c->days_with_cramps += c->per_day[i] > 0;
    pain_runs(a, pain, span, base);
    c->red_flag = c->sign_episodes > 0 || c->persistent_run >= ANALYSIS_PERSISTENT_PAIN_DAYS ||
                  c->one_leg_run >= ANALYSIS_ONE_LEG_PAIN_DAYS;
    free(pain);
    return 0;
}

/* A day's value for the relation: known and complete enough. */
static double complete_value(const struct analysis *a, int id, size_t i) {
    const struct analysis_nutrient *nu = &a->nutrients[id];
    return nu->daily_completeness[i] >= ANALYSIS_DAY_COMPLETENESS_MIN ? nu->daily[i] : NAN;
}

static double complete_pral(const struct analysis *a, size_t i) {
    static const int in_pral[] = {NUT_PROTEIN, NUT_PHOSPHORUS, NUT_POTASSIUM, NUT_MAGNESIUM,
                                  NUT_CALCIUM};
    for (size_t k = 0; k < sizeof(in_pral) / sizeof(in_pral[0]); k++)
        if (!isfinite(complete_value(a, in_pral[k], i)))
            return NAN;
    return a->daily_pral[i];
}

/*
 * Cramp days against the previous day's intake: exploratory and
 * descriptive, never causal (nutrition-science.md 5.3).  A pair is (day
 * i - 1 logged, day i observed); a day is observed when it has food or a
 * cramp logged, and an observed day without a cramp entry counts as a day
 * without cramps (design choice: days with nothing logged at all are left
 * out, since we cannot tell whether the diary was kept).
 */
static int relation_fill(struct analysis *a) {
    struct analysis_cramps *c = &a->cramps;
    static const int ids[ANALYSIS_RELATION_ITEMS] = {NUT_CALCIUM, NUT_MAGNESIUM, NUT_PROTEIN, -1};
    double *group = NULL, *values = NULL;
    size_t cramp_pairs = 0, other_pairs = 0;
    double ear = a->nutrients[NUT_CALCIUM].ref.ear;
    int rc = -1;

    for (int k = 0; k < ANALYSIS_RELATION_ITEMS; k++) {
        struct analysis_relation_item *it = &c->items[k];
        it->key = ids[k] >= 0 ? nutrient_keys[ids[k]] : "pral";
        it->unit = ids[k] >= 0 ? a->nutrients[ids[k]].unit : "mEq";
        it->mean_cramp = it->mean_other = it->r_point_biserial = NAN;
    }
    c->relation = ANALYSIS_REL_TOO_FEW_DAYS;
    if (a->days_logged < ANALYSIS_RELATION_MIN_DAYS)
        return 0;
    group = malloc(a->days * sizeof(double));
    values = malloc(a->days * sizeof(double));
    if (!group || !values)
        goto out;
    for (size_t i = 1; i < a->days; i++) {
        if (!a->logged[i - 1] || !(a->logged[i] || c->per_day[i] > 0))
            continue;
        c->relation_pairs++;
        if (c->per_day[i] > 0)
            cramp_pairs++;
        else
            other_pairs++;
    }
    c->relation = cramp_pairs && other_pairs ? ANALYSIS_REL_DONE : ANALYSIS_REL_NO_CONTRAST;
    for (int k = 0; k < ANALYSIS_RELATION_ITEMS; k++) {
        struct analysis_relation_item *it = &c->items[k];
        double sum_c = 0, sum_o = 0, r;
        size_t m = 0;
        for (size_t i = 1; i < a->days; i++) {
            if (!a->logged[i - 1] || !(a->logged[i] || c->per_day[i] > 0))
                continue;
            double v = ids[k] >= 0 ? complete_value(a, ids[k], i - 1) : complete_pral(a, i - 1);
            if (!isfinite(v))
                continue;
            int cramp = c->per_day[i] > 0;
            if (cramp) {
                sum_c += v;
                it->n_cramp++;
            } else {
                sum_o += v;
                it->n_other++;
            }
            group[m] = cramp;
            values[m] = v;
            m++;
            if (ids[k] == NUT_CALCIUM && isfinite(ear))
                c->fisher_table[(v < ear ? 0 : 2) + (cramp ? 0 : 1)]++;
        }
        it->mean_cramp = it->n_cramp ? sum_c / (double)it->n_cramp : NAN;
        it->mean_other = it->n_other ? sum_o / (double)it->n_other : NAN;
        if (m > 0 && stats_point_biserial(group, values, m, &r) == 0)
            it->r_point_biserial = r;
    }
    if (c->relation == ANALYSIS_REL_DONE &&
        stats_fisher_exact(c->fisher_table[0], c->fisher_table[1], c->fisher_table[2],
                           c->fisher_table[3], &c->fisher) == 0)
        c->fisher_done = 1;
    rc = 0;
out:
    free(group);
    free(values);
    return rc;
}

/* ------------------------------------------------------------------------
 * The whole analysis
 * ------------------------------------------------------------------------ */

static void sort_warnings(struct analysis *a) {
    /* insertion sort: stable, few items */
    for (size_t i = 1; i < a->n_warnings; i++) {
        struct analysis_warning w = a->warnings[i];
        size_t j = i;
        while (j > 0 && a->warnings[j - 1].severity < w.severity) {
            a->warnings[j] = a->warnings[j - 1];
            j--;
        }
        a->warnings[j] = w;
    }
}

static int analysis_start(struct analysis *a, const struct analysis_input *in) {
    a->from = in->from;
    a->to = in->to;
    a->days = (size_t)(in->to - in->from + 1);
    a->weight_kg = in->profile && isfinite(in->profile->weight_kg) && in->profile->weight_kg > 0
                       ? in->profile->weight_kg
                       : NAN;
    a->logged = calloc(a->days, 1);
    a->daily_pral = malloc(a->days * sizeof(double));
    if (!a->logged || !a->daily_pral)
        return -1;
    for (size_t j = 0; j < in->n_days; j++) {
        long day;
        if (date_parse(in->days[j].date, 0, &day) != 0 || day < a->from || day > a->to ||
            in->days[j].entries <= 0)
            continue;
        if (!a->logged[day - a->from]) {
            a->logged[day - a->from] = 1;
            a->days_logged++;
        }
    }
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        a->nutrients[k].id = nutrients_reported_id(k);
        a->nutrients[k].key = nutrient_keys[k];
        a->nutrients[k].unit = unit_name(nutrients_get(a->nutrients[k].id)->unit);
        a->nutrients[k].target = NAN;
        if (nutrient_fill(a, k, in) != 0)
            return -1;
    }
    return 0;
}

int analysis_run(const struct analysis_input *in, struct analysis **out, char *err, size_t errlen) {
    struct analysis *a = NULL;
    int failed = 0;

    if (!in || !out || (in->n_days && !in->days) || (in->n_cramps && !in->cramps) ||
        (in->n_sources && !in->sources)) {
        util_errf(err, errlen, "no input");
        return -1;
    }
    if (in->to < in->from) {
        util_errf(err, errlen, "the period ends before it starts");
        return -1;
    }
    if (in->to - in->from + 1 > ANALYSIS_MAX_DAYS) {
        util_errf(err, errlen, "the period is %ld days long; at most %d days can be analysed",
                  in->to - in->from + 1, ANALYSIS_MAX_DAYS);
        return -1;
    }
    if (!(a = calloc(1, sizeof(*a))) || analysis_start(a, in) != 0 ||
        analysis_stage_fill(a, in->profile) != 0)
        goto oom;
    a->approximate = a->stage.approximate;
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        nutrient_assess(a, k);
        if (a->nutrients[k].approximate && a->nutrients[k].n_assess > 0)
            a->approximate = 1;
        if (a->days_logged >= ANALYSIS_RELATION_MIN_DAYS &&
            stats_trend(a->nutrients[k].daily, a->days, &a->nutrients[k].trend) == 0)
            a->nutrients[k].has_trend = 1;
    }
    if (analysis_sources_fill(a, in->sources, in->n_sources) != 0)
        goto oom;
    balance_fill(a);
    if (cramps_fill(a, in) != 0 || relation_fill(a) != 0)
        goto oom;
    for (size_t r = 0; r < N_RULES && !failed; r++)
        rules[r].check(a, &rules[r], &failed);
    if (failed)
        goto oom;
    sort_warnings(a);
    *out = a;
    return 0;
oom:
    util_errf(err, errlen, "out of memory");
    analysis_free(a);
    return -1;
}

void analysis_free(struct analysis *a) {
    if (!a)
        return;
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        free(a->nutrients[k].daily);
        free(a->nutrients[k].daily_completeness);
        free(a->nutrients[k].daily_supplement);
    }
    analysis_sources_free(a);
    for (size_t i = 0; i < a->n_warnings; i++)
        free(a->warnings[i].message);
    free(a->warnings);
    free(a->cramps.per_day);
    free(a->cramps.preeclampsia_per_day);
    free(a->daily_pral);
    free(a->day_stage);
    free(a->logged);
    free(a);
}

const struct analysis_warning *analysis_warning_find(const struct analysis *a, const char *code) {
    for (size_t i = 0; a && i < a->n_warnings; i++)
        if (strcmp(a->warnings[i].code, code) == 0)
            return &a->warnings[i];
    return NULL;
}

size_t analysis_short_nutrients(const struct analysis *a, int *ids, size_t max) {
    static const struct {
        const char *code;
        int id;
    } shorts[] = {
        {"PROTEIN_LOW", NUT_PROTEIN},     {"CALCIUM_LOW", NUT_CALCIUM},
        {"MAGNESIUM_LOW", NUT_MAGNESIUM}, {"CA_MG_RATIO_HIGH", NUT_MAGNESIUM},
        {"POTASSIUM_LOW", NUT_POTASSIUM}, {"WATER_LOW", NUT_WATER},
    };
    /* Not phosphorus: it comes with protein foods, most diets have plenty,
     * and suggest.c does not suggest foods for it (nor for sodium or
     * energy); PHOSPHORUS_LOW's advice names the foods instead. */
    unsigned char seen[NUT_CORE_COUNT] = {0};
    size_t n = 0;

    for (size_t k = 0; k < sizeof(shorts) / sizeof(shorts[0]); k++)
        if (analysis_warning_find(a, shorts[k].code))
            seen[shorts[k].id] = 1;
    for (int id = 0; id < NUT_CORE_COUNT && n < max; id++)
        if (seen[id])
            ids[n++] = id;
    return n;
}
