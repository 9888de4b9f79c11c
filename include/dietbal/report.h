/*
 * report.h - the renderers of an analysis: text (80 columns, optional
 * colour), Markdown, HTML (one self-contained page with SVG charts), JSON
 * (the keys of product.md) and CSV (one row per day).  A renderer only reads a struct analysis and
 * the food suggestions it is handed; it never queries the database (it cannot see store.h: `make
 * lint` checks that no src/report_*.c reaches it) and never decides anything the analysis did not.
 *
 * Each returns 0, or -1 when writing failed (out of memory, or a write
 * error on out).
 */
#ifndef DIETBAL_REPORT_H
#define DIETBAL_REPORT_H

#include "dietbal/analysis.h"
#include "dietbal/suggest.h"

#include <jansson.h>
#include <stdio.h>

/* Foods suggested for one short nutrient (suggest_foods). */
struct report_suggestions {
    int nutrient; /* enum nutrient_id */
    const struct suggestion *items;
    size_t n;
};

struct report_opts {
    const struct report_suggestions *suggestions; /* may be NULL */
    size_t n_suggestions;
    int color; /* text: ANSI colours (the caller checks for a terminal and NO_COLOR) */
};

/* Text lines are at most this many columns (bytes: wider UTF-8 text only
 * ever takes fewer columns than bytes). */
#define REPORT_TEXT_WIDTH 80

int report_text(FILE *out, const struct analysis *a, const struct report_opts *o);
int report_markdown(FILE *out, const struct analysis *a, const struct report_opts *o);

/*
 * One self-contained HTML page: inline CSS and SVG, no script, no link to
 * anything outside the file.  Charts of calcium, magnesium, phosphorus,
 * protein, potassium and water by day against their reference values, and
 * of the Ca:P and Ca:Mg ratios by day; each with a text alternative and a
 * data table.  Every text is HTML-escaped.
 */
int report_html(FILE *out, const struct analysis *a, const struct report_opts *o);

/* The JSON object of product.md ("JSON keys"), with added keys; NULL when
 * out of memory.  Caller owns the reference. */
json_t *report_json_object(const struct analysis *a, const struct report_opts *o);
int report_json(FILE *out, const struct analysis *a, const struct report_opts *o);

/* One row per day of the period: date, logged, each nutrient's total
 * (empty when unknown or not logged), each nutrient's completeness, cramp
 * episodes, entries with pregnancy warning signs.  RFC 4180: CRLF line ends, fields quoted when
 * they hold a comma, quote, CR or LF.  An unknown value is an empty cell, never "NA" (sodium's
 * INFOODS tag). */
int report_csv(FILE *out, const struct analysis *a);

/* One CSV field, quoted per RFC 4180 when needed (NULL: empty). */
int report_csv_field(FILE *out, const char *s);

/* --- shared by the renderers (report_text.c) ------------------------------- */

/* "726 mg", "80.2 g", "1979 kcal", "3118 g"; "-" when not finite.  Same
 * precision as the warnings' messages. */
const char *report_amount(char buf[40], double v, int nutrient);

/* The sentence on cramps and the previous day's intake when it cannot be
 * computed, or the caveat that goes with it when it can. */
const char *report_relation_note(const struct analysis *a, char *buf, size_t len);

/* Human description of the period's life stage ("pregnancy 19-30 y,
 * trimester 3, age 29, 65 kg"). */
const char *report_profile_line(const struct analysis *a, char *buf, size_t len);

/* --- shared by the renderers (report_common.c) ----------------------------- */

/* Heading of the red-flag advice (the text report writes it in capitals). */
#define REPORT_RED_FLAG_TITLE "See a clinician today: possible blood clot"

/* Heading of the pregnancy warning-sign advice, first in every report. */
#define REPORT_PREECLAMPSIA_TITLE "Call your midwife or maternity unit now: possible pre-eclampsia"

/* The more logged days an uncertain P(adequate) needs (nutrition-science.md
 * 0.9): "log 3 more days at this mean for a firm answer", "more days at
 * this mean would not make it firm: ...", or "" when firm or no
 * probability. */
const char *report_firmness(const struct analysis_nutrient *nu, char *buf, size_t len);

/* One source of a nutrient: "45 % from Test milk [test:milk] (2100 g,
 * 2520 mg)"; a supplement has its units instead of grams: "20 % from
 * Prenatal multivitamin [supp:prenatal] (6 tablets, 1200 mg)". */
const char *report_source_line(const struct analysis_source *src, int nutrient, char *buf,
                               size_t len);

/* A supplement's units: "7 tablets", "1 softgel", "10 ml". */
const char *report_units(char buf[40], double units, const char *unit);

/* A nutrient's value without unit, at the precision of report_amount
 * ("726", "80.2"); "-" when not finite. */
const char *report_number(char buf[24], double v, int nutrient);

/* A probability cell: "-" when it does not apply or is unknown, "none" when
 * nothing of the nutrient was logged (0.1), "n/a" when the nutrient's
 * survey CV is too large for the method (never for the core ones), else
 * "0.31" followed by approx_mark (may be NULL) when the figure is
 * approximate. */
const char *report_probability(char buf[24], double p, const struct analysis_nutrient *nu,
                               int applies, const char *approx_mark);

/* The day's target of a reference: "1000 RDA", "2900 AI", or "-". */
const char *report_target(char buf[48], const struct dri_ref *r, int nutrient);

/* The upper-limit cell: "2500", "350" followed by supplements_mark (" (supplements
 * only)") for a UL that covers supplements only, "2300 CDRR", or "-". */
const char *report_limit(char buf[64], const struct dri_ref *r, int nutrient,
                         const char *supplements_mark);

/* Whether intake from food has a limit: a UL that is not for supplements
 * only, or a CDRR. */
int report_limit_applies(const struct dri_ref *r);

/* The probability of intake above that limit (the CDRR's when there is
 * one, else the UL's). */
double report_p_above_limit(const struct analysis_nutrient *nu);

/* "2 episodes on 2 days (2 at night); severity mean 6.5, max 7 of 10.", or
 * "No cramps logged in the period." */
const char *report_cramp_summary(const struct analysis *a, char *buf, size_t len);

/* The days not logged, "2026-11-17, 2026-11-19" ("" when none; ", ..." when
 * they do not fit in len). */
const char *report_unlogged_days(const struct analysis *a, char *buf, size_t len);

/* The Fisher's exact test sentence of the cramp relation; "" when the test
 * was not done. */
const char *report_fisher_note(const struct analysis *a, char *buf, size_t len);

/* The cells of one nutrient's row of the reference-value tables, as the
 * text, Markdown and HTML reports show them: the period's figures, the
 * reference values (the limit with limit_suffix where it is for
 * supplements only), n ("-" for energy, which has no reference value) and
 * the probabilities, star marking an approximate one. */
struct report_nutrient_cells {
    char mean[24], sd[24], min[24], max[24], complete[16], ear[24], target[48], limit[64], n[24],
        p_adequate[24], p_above_ai[24], p_above_limit[24], supplements[24];
};
void report_nutrient_cells(const struct analysis_nutrient *nu, const char *limit_suffix,
                           const char *star, struct report_nutrient_cells *c);

/* The cells of one row of the cramp relation: the mean on cramp days and
 * on other days with its unit ("-" when there is none) and r ("-" when it
 * could not be computed).  with_n: each mean followed by its day count in
 * brackets, "610 mg (3)", "- (0)". */
void report_relation_cells(const struct analysis_relation_item *it, int with_n, char m1[48],
                           char m2[48], char r[16]);

#endif
