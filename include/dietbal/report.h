/*
 * report.h - the renderers of an analysis: text (80 columns, optional
 * colour), Markdown, JSON (the keys of product.md) and CSV (one row per
 * day).  A renderer only reads a struct analysis and the food suggestions
 * it is handed; it never queries the database and never decides anything
 * the analysis did not.
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

/* The JSON object of product.md ("JSON keys"), with added keys; NULL when
 * out of memory.  Caller owns the reference. */
json_t *report_json_object(const struct analysis *a, const struct report_opts *o);
int report_json(FILE *out, const struct analysis *a, const struct report_opts *o);

/* One row per day of the period: date, logged, each nutrient's total
 * (empty when unknown or not logged), each nutrient's completeness, cramp
 * episodes.  RFC 4180: CRLF line ends, fields quoted when they hold a
 * comma, quote, CR or LF.  An unknown value is an empty cell, never "NA"
 * (sodium's INFOODS tag). */
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

#endif
