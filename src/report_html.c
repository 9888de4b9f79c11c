/*
 * report_html.c - the analysis as one self-contained HTML page, to open in
 * any browser, print, or send to a dietitian: inline CSS and SVG drawn
 * here, no script, no external font, image or link.  Same content and
 * wording as the text report (the shared helpers of report.h, advice.h),
 * plus charts:
 *  - calcium, magnesium, phosphorus, protein, potassium and water by day,
 *    as bars against the EAR-RDA band (or the AI line) and the UL line;
 *  - the Ca:P and Ca:Mg ratios by day (of the daily totals) against the
 *    ranges of the analysis;
 *  - days not logged left as labelled gaps, cramp days and red-flag days
 *    marked on the day axis.
 * Each chart has a text alternative (role="img", <title>, <desc>) and a
 * data table; colour is never the only signal (patterns, symbols, words).
 *
 * It only reads the analysis: no database, no judgement of its own beyond
 * placing a day's value against the reference values shown.  Every text
 * that is not a literal here is HTML-escaped.  The red-flag advice comes
 * first when there is a red flag; the not-medical-advice note last, always.
 */
#include "dietbal/report.h"

#include "dietbal/advice.h"
#include "dietbal/date.h"
#include "dietbal/stats.h"
#include "dietbal/util.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The nutrients charted by day, in this order (the list: the
 * minerals at the centre of the analysis, then protein, potassium, water). */
static const int CHART_NUTRIENTS[] = {NUT_CALCIUM,   NUT_MAGNESIUM, NUT_PHOSPHORUS, NUT_PROTEIN,
                                      NUT_POTASSIUM, NUT_WATER,     NUT_VITAMIN_D};
#define N_CHARTS (sizeof(CHART_NUTRIENTS) / sizeof(CHART_NUTRIENTS[0]))

/* Chart geometry, in SVG user units (the viewBox; the page scales it to
 * the width available).  Margins hold the y-axis labels on the left, the
 * reference-value labels on the right, day labels and cramp marks below. */
#define SVG_W 480.0
#define SVG_H 300.0
#define PAD_L 46.0
#define PAD_R 80.0
#define PAD_T 28.0
#define PAD_B 66.0
#define DAY_LABEL_DY 17.0 /* first day-label line below the axis */
#define CRAMP_ROW_DY 52.0 /* cramp marks below the axis */
#define BAR_FILL 0.64     /* share of a day's slot the bar takes */
#define BAR_MAX_W 44.0
#define LABEL_GAP 14.0 /* least vertical distance between two side labels */

/* Ratio chart: two panels (Ca:P above, Ca:Mg below) on one day axis. */
#define RATIO_H 386.0
#define RATIO_PANEL_H 122.0
#define RATIO_PANEL1_TOP 34.0
#define RATIO_PANEL2_TOP 198.0

/* Scales: the top is the largest value shown times HEADROOM, rounded up to
 * a whole number of about TICKS steps.  A UL more than UL_STRETCH times
 * that top is not drawn to scale (it would flatten the bars) but named
 * above the chart. */
#define HEADROOM 1.12
#define TICKS 4.0
#define UL_STRETCH 1.6

/* Value labels above the bars and points only while they fit. */
#define VALUE_LABEL_MAX_DAYS 10
/* Beyond this many days, day labels are thinned to about this many. */
#define DAY_LABELS_MAX 8

/* --- escaping and small writers ---------------------------------------------- */

/* Text for an HTML element or a quoted attribute: & < > " ' escaped,
 * control characters (not allowed in HTML) turned into spaces. */
static void esc(FILE *out, const char *s) {
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&#39;", out);
            break;
        default:
            fputc((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ? ' ' : c, out);
        }
    }
}

/* Formatted, then escaped (for short texts built here). */
static void escf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void escf(FILE *out, const char *fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    esc(out, buf);
}

/* A growing string (open_memstream), for the text alternatives. */
struct sbuf {
    char *text;
    size_t len;
    FILE *f;
};

static int sbuf_open(struct sbuf *b) {
    b->text = NULL;
    b->len = 0;
    b->f = open_memstream(&b->text, &b->len);
    return b->f ? 0 : -1;
}

/* Close and return the text (caller frees); NULL when out of memory. */
static char *sbuf_close(struct sbuf *b) {
    if (!b->f)
        return NULL;
    int bad = ferror(b->f);
    if (fclose(b->f) != 0 || bad) {
        free(b->text);
        return NULL;
    }
    return b->text;
}

static int ul_applies(const struct dri_ref *r) { return isfinite(r->ul) && !r->ul_supplement_only; }

/* "Calcium" from "calcium", "Vitamin D" from "vitamin_d". */
static void title_case(FILE *out, const char *key) {
    if (!key || !*key)
        return;
    if (strcmp(key, "vitamin_d") == 0) {
        fputs("Vitamin D", out);
        return;
    }
    fputc(util_toupper((unsigned char)key[0]), out);
    esc(out, key + 1);
}

static const char *severity_symbol(enum analysis_severity s) {
    switch (s) {
    case ANALYSIS_ALERT:
        return "!!";
    case ANALYSIS_WARNING:
        return "!";
    case ANALYSIS_INFO:
        return "i";
    }
    return "";
}

/* A warning figure at the precision the messages use: whole numbers from
 * 100 (368), one decimal from 10 (26.2), two below (0.09, 1.43). */
static const char *figure_value(char buf[32], double v) {
    if (v == floor(v) || fabs(v) >= 100)
        snprintf(buf, 32, "%.0f", v);
    else if (fabs(v) >= 10)
        snprintf(buf, 32, "%.1f", v);
    else
        snprintf(buf, 32, "%.2f", v);
    return buf;
}

/* Day of the week of a day number (1970-01-01 was a Thursday). */
static const char *weekday(long day) {
    static const char *const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return names[((day + 3) % 7 + 7) % 7];
}

/* A day with a red-flag sign, or in a run of pain that did not ease long
 * enough to be a red flag.  The analysis keeps the first and last sign
 * days of the period and the longest run, so days between two sign days
 * are not marked unless they are one of those. */
static int red_flag_day(const struct analysis *a, long day) {
    const struct analysis_cramps *c = &a->cramps;
    if (c->first_sign_day >= 0 && (day == c->first_sign_day || day == c->last_sign_day))
        return 1;
    return c->persistent_run >= ANALYSIS_PERSISTENT_PAIN_DAYS && day <= c->persistent_run_end &&
           day > c->persistent_run_end - c->persistent_run;
}

/* --- charts: geometry ---------------------------------------------------------- */

struct plot {
    double x0, x1;    /* left and right of the plot area */
    double top, base; /* y of the top and of the zero line */
    double vmax;      /* value at the top */
    double step;      /* between grid lines */
    size_t days;
};

/* 1, 2, 2.5 or 5 times a power of ten, at least raw. */
static double nice_step(double raw) {
    if (!(raw > 0) || !isfinite(raw))
        return 1;
    double p = pow(10, floor(log10(raw)));
    double f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

static void plot_scale(struct plot *p, double need) {
    if (!(need > 0) || !isfinite(need))
        need = 1;
    p->step = nice_step(need / TICKS);
    p->vmax = ceil(need / p->step - 1e-9) * p->step;
}

static double px(const struct plot *p, size_t i) {
    return p->x0 + (p->x1 - p->x0) * ((double)i + 0.5) / (double)p->days;
}

static double py(const struct plot *p, double v) {
    if (v > p->vmax)
        v = p->vmax;
    if (v < 0)
        v = 0;
    return p->base - (p->base - p->top) * v / p->vmax;
}

static double slot(const struct plot *p) { return (p->x1 - p->x0) / (double)p->days; }

/* Decimals that show the grid step exactly (0, 1 or 2). */
static int step_decimals(double step) {
    if (fabs(step - round(step)) < 1e-9)
        return 0;
    if (fabs(step * 10 - round(step * 10)) < 1e-9)
        return 1;
    return 2;
}

static void grid(FILE *out, const struct plot *p, const char *unit) {
    int dec = step_decimals(p->step);
    for (double v = 0; v <= p->vmax + p->step / 2; v += p->step) {
        double y = py(p, v);
        fprintf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                p->x0, y, p->x1, y);
        fprintf(out, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%.*f</text>", p->x0 - 6, y + 4,
                dec, v);
    }
    if (unit) {
        fprintf(out, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">", p->x0 - 6, p->top - 12);
        esc(out, unit);
        fputs("</text>", out);
    }
    fprintf(out, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", p->x0,
            p->base, p->x1, p->base);
}

/* Day labels under the axis: weekday and MM-DD while there is room, else
 * MM-DD for every few days. */
static void day_axis(FILE *out, const struct analysis *a, const struct plot *p) {
    size_t every =
        p->days <= VALUE_LABEL_MAX_DAYS ? 1 : (p->days + DAY_LABELS_MAX - 1) / DAY_LABELS_MAX;
    for (size_t i = 0; i < p->days; i += every) {
        char d[11];
        long day = a->from + (long)i;
        date_format(day, d);
        double x = px(p, i);
        if (every == 1)
            fprintf(out,
                    "<text class=\"day\" x=\"%.1f\" y=\"%.1f\">%s</text>"
                    "<text class=\"day\" x=\"%.1f\" y=\"%.1f\">%s</text>",
                    x, p->base + DAY_LABEL_DY, weekday(day), x, p->base + DAY_LABEL_DY + 15, d + 5);
        else
            fprintf(out, "<text class=\"day\" x=\"%.1f\" y=\"%.1f\">%s</text>", x,
                    p->base + DAY_LABEL_DY, d + 5);
    }
}

/* Dotted lines through the plot on cramp days (drawn behind the data). */
static void cramp_guides(FILE *out, const struct analysis *a, const struct plot *p) {
    for (size_t i = 0; i < p->days; i++)
        if (a->cramps.per_day[i] > 0)
            fprintf(out, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                    red_flag_day(a, a->from + (long)i) ? "flag-guide" : "cramp-guide", px(p, i),
                    p->top, px(p, i), p->base);
}

/* Cramp marks on the day axis: a diamond per cramp day (with the count
 * when more than one), a triangle with "!" on red-flag days. */
static void cramp_marks(FILE *out, const struct analysis *a, const struct plot *p, double y) {
    for (size_t i = 0; i < p->days; i++) {
        int n = a->cramps.per_day[i];
        long day = a->from + (long)i;
        char d[11];
        if (n <= 0)
            continue;
        double x = px(p, i);
        date_format(day, d);
        if (red_flag_day(a, day))
            fprintf(out,
                    "<g class=\"flag-mark\"><title>%s: %d cramp episode%s, red flag</title>"
                    "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"/>"
                    "<text x=\"%.1f\" y=\"%.1f\">!</text></g>",
                    d, n, n == 1 ? "" : "s", x, y - 8, x + 8, y + 6, x - 8, y + 6, x, y + 4.5);
        else
            fprintf(out,
                    "<g class=\"cramp-mark\"><title>%s: %d cramp episode%s</title>"
                    "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"/></g>",
                    d, n, n == 1 ? "" : "s", x, y - 7, x + 7, y, x, y + 7, x - 7, y);
        if (n > 1)
            fprintf(out, "<text class=\"cramp-n\" x=\"%.1f\" y=\"%.1f\">&#215;%d</text>", x + 10,
                    y + 4, n);
    }
}

/* Patterns for values outside the reference values: diagonal hatching
 * below, cross-hatching above, so that print in grey and colour-blind
 * eyes still see the difference.  Ids are prefixed per chart. */
static void patterns(FILE *out, const char *id) {
    fprintf(out,
            "<defs><pattern id=\"%s-low\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
            "patternTransform=\"rotate(45)\"><rect class=\"pat-low-bg\" width=\"6\" height=\"6\"/>"
            "<line class=\"pat-low\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\"/></pattern>"
            "<pattern id=\"%s-high\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
            "<rect class=\"pat-high-bg\" width=\"6\" height=\"6\"/>"
            "<path class=\"pat-high\" d=\"M0 0L6 6M6 0L0 6\"/></pattern></defs>",
            id, id);
}

/* Labels on the right of the plot, moved apart so that none overlaps. */
struct side_label {
    double y;
    const char *cls;
    char text[48];
};

static void side_labels(FILE *out, struct side_label *l, size_t n, double x, double top,
                        double bottom) {
    /* sort by y (a handful of labels: insertion sort) */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && l[j].y < l[j - 1].y; j--) {
            struct side_label t = l[j];
            l[j] = l[j - 1];
            l[j - 1] = t;
        }
    for (size_t i = 1; i < n; i++)
        if (l[i].y - l[i - 1].y < LABEL_GAP)
            l[i].y = l[i - 1].y + LABEL_GAP;
    if (n > 0 && l[n - 1].y > bottom) {
        l[n - 1].y = bottom;
        for (size_t i = n - 1; i > 0; i--)
            if (l[i].y - l[i - 1].y < LABEL_GAP)
                l[i - 1].y = l[i].y - LABEL_GAP;
    }
    for (size_t i = 0; i < n; i++) {
        double y = l[i].y < top ? top : l[i].y;
        fprintf(out, "<text class=\"ref %s\" x=\"%.1f\" y=\"%.1f\">", l[i].cls, x, y + 4);
        esc(out, l[i].text);
        fputs("</text>", out);
    }
}

static void hline(FILE *out, const char *cls, const struct plot *p, double v) {
    double y = py(p, v);
    fprintf(out, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", cls, p->x0,
            y, p->x1, y);
}

/* --- charts: a nutrient by day ------------------------------------------------- */

enum mark { MARK_NONE = 0, MARK_LOW, MARK_HIGH };

/* Where one day's value sits: below the EAR, above the UL (never the
 * supplement-only UL of magnesium), or neither.  AI nutrients have no
 * "low" day: an AI cannot show a shortfall. */
static enum mark day_mark(const struct dri_ref *r, double v) {
    if (!isfinite(v))
        return MARK_NONE;
    if (ul_applies(r) && v > r->ul)
        return MARK_HIGH;
    if (r->has_ear && isfinite(r->ear) && v < r->ear)
        return MARK_LOW;
    return MARK_NONE;
}

static const char *mark_symbol(enum mark m) {
    return m == MARK_LOW ? "\xe2\x96\xbc" : m == MARK_HIGH ? "\xe2\x96\xb2" : ""; /* ▼ ▲ */
}

static int incomplete(const struct analysis_nutrient *nu, size_t i) {
    return nu->daily_completeness[i] < ANALYSIS_DAY_COMPLETENESS_MIN;
}

/* The reference values of a nutrient in words: "EAR 800, RDA 1000, UL 2500 mg". */
static void refs_text(FILE *f, const struct analysis_nutrient *nu, int k) {
    const struct dri_ref *r = &nu->ref;
    char v[24];
    const char *sep = "";
    if (isfinite(r->ear)) {
        fprintf(f, "EAR %s", report_number(v, r->ear, k));
        sep = ", ";
    }
    if (isfinite(r->rda)) {
        fprintf(f, "%sRDA %s", sep, report_number(v, r->rda, k));
        sep = ", ";
    } else if (isfinite(r->ai)) {
        fprintf(f, "%sAI %s", sep, report_number(v, r->ai, k));
        sep = ", ";
    }
    if (ul_applies(r)) {
        fprintf(f, "%sUL %s", sep, report_number(v, r->ul, k));
        sep = ", ";
    }
    fprintf(f, "%s%s", *sep ? " " : "no reference value", *sep ? nu->unit : "");
    if (r->ul_supplement_only && isfinite(r->ul))
        fprintf(f, " (UL %s %s for supplements only, not compared with food)",
                report_number(v, r->ul, k), nu->unit);
}

/* The text alternative of a nutrient chart. */
static char *nutrient_alt(const struct analysis *a, int k) {
    const struct analysis_nutrient *nu = analysis_nutrient_of(a, k);
    struct sbuf b;
    char v[24], from[11], to[11];
    size_t low = 0, high = 0, logged = 0;
    int first;

    if (sbuf_open(&b) != 0)
        return NULL;
    date_format(a->from, from);
    date_format(a->to, to);
    title_case(b.f, nu->key);
    fprintf(b.f, " by day, %s to %s: ", from, to);
    for (size_t i = 0; i < a->days; i++) {
        const char *sep = i ? ", " : "";
        if (!a->logged[i])
            fprintf(b.f, "%snot logged", sep);
        else if (!isfinite(nu->daily[i]))
            fprintf(b.f, "%sno value", sep);
        else
            fprintf(b.f, "%s%s%s", sep, report_number(v, nu->daily[i], k),
                    incomplete(nu, i) ? " (incomplete)" : "");
        if (a->logged[i]) {
            logged++;
            enum mark m = day_mark(&nu->ref, nu->daily[i]);
            low += m == MARK_LOW;
            high += m == MARK_HIGH;
        }
    }
    fprintf(b.f, " %s; ", nu->unit);
    refs_text(b.f, nu, k);
    fputs(".", b.f);
    if (nu->from_supplements > 0)
        fprintf(b.f, " Of the mean, %s %s a day came from supplements.",
                report_number(v, nu->from_supplements, k), nu->unit);
    if (nu->ref.has_ear && logged)
        fprintf(b.f, " Below the EAR on %zu of %zu logged days.", low, logged);
    if (ul_applies(&nu->ref) && high)
        fprintf(b.f, " Above the UL on %zu of %zu logged days.", high, logged);
    first = 1;
    for (size_t i = 0; i < a->days; i++) {
        char d[11];
        if (a->cramps.per_day[i] <= 0)
            continue;
        date_format(a->from + (long)i, d);
        fprintf(b.f, "%s%s%s", first ? " Cramps on " : ", ", d,
                red_flag_day(a, a->from + (long)i) ? " (red flag)" : "");
        first = 0;
    }
    if (!first)
        fputs(".", b.f);
    return sbuf_close(&b);
}

static void nutrient_table(FILE *out, const struct analysis *a, int k) {
    const struct analysis_nutrient *nu = analysis_nutrient_of(a, k);
    char v[24];

    fputs("<details><summary>Data table</summary><div class=\"scroll\"><table class=\"data\">"
          "<thead><tr><th scope=\"col\">date</th><th scope=\"col\" class=\"num\">",
          out);
    escf(out, "%s (%s)", nu->key, nu->unit);
    fputs("</th>", out);
    if (isfinite(nu->target))
        fprintf(out, "<th scope=\"col\" class=\"num\">%% of %s</th>", nu->target_name);
    fputs("<th scope=\"col\" class=\"num\">from supplements</th>"
          "<th scope=\"col\">against the reference</th><th scope=\"col\" class=\"num\">known"
          "</th><th scope=\"col\" class=\"num\">cramps</th></tr></thead><tbody>",
          out);
    for (size_t i = 0; i < a->days; i++) {
        char d[11];
        double x = nu->daily[i];
        date_format(a->from + (long)i, d);
        fprintf(out, "<tr><th scope=\"row\">%s %s</th>", weekday(a->from + (long)i), d);
        if (!a->logged[i]) {
            fprintf(out,
                    "<td class=\"num\">-</td>%s<td class=\"num\">-</td><td>not logged</td>"
                    "<td class=\"num\">-</td>",
                    isfinite(nu->target) ? "<td class=\"num\">-</td>" : "");
        } else {
            enum mark m = day_mark(&nu->ref, x);
            fprintf(out, "<td class=\"num\">%s%s</td>", isfinite(x) ? report_number(v, x, k) : "?",
                    incomplete(nu, i) ? " ~" : "");
            if (isfinite(nu->target))
                fprintf(out, "<td class=\"num\">%s</td>",
                        isfinite(x) && nu->target > 0
                            ? (snprintf(v, sizeof(v), "%.0f %%", 100.0 * x / nu->target), v)
                            : "-");
            fprintf(out, "<td class=\"num\">%s</td>",
                    nu->daily_supplement[i] > 0 ? report_number(v, nu->daily_supplement[i], k)
                                                : "-");
            fprintf(out, "<td>%s%s</td>",
                    !isfinite(x)           ? "no value"
                    : m == MARK_LOW        ? "\xe2\x96\xbc below the EAR"
                    : m == MARK_HIGH       ? "\xe2\x96\xb2 above the UL"
                    : nu->ref.has_ear      ? (isfinite(nu->ref.rda) && x >= nu->ref.rda
                                                  ? "at or above the RDA"
                                                  : "between the EAR and the RDA")
                    : isfinite(nu->ref.ai) ? (x >= nu->ref.ai ? "at or above the AI"
                                                              : "below the AI (not a shortfall)")
                                           : "-",
                    "");
            if (isfinite(nu->daily_completeness[i]))
                fprintf(out, "<td class=\"num\">%.0f %%</td>", 100.0 * nu->daily_completeness[i]);
            else
                fputs("<td class=\"num\">-</td>", out);
        }
        fprintf(out, "<td class=\"num\">%d%s</td></tr>", a->cramps.per_day[i],
                red_flag_day(a, a->from + (long)i) && a->cramps.per_day[i] ? " (red flag)" : "");
    }
    fputs("</tbody></table></div></details>", out);
}

/* The part of day i's bar that came from supplements, stacked on top of
 * the food part: its own colour and outline, and its amount in words. */
static void supplement_segment(FILE *out, const struct plot *p, const struct analysis_nutrient *nu,
                               size_t i, double x, double w, const char *date) {
    double supp = nu->daily_supplement[i], val = nu->daily[i];
    char amt[40];

    if (!(supp > 0) || !isfinite(val))
        return;
    double y = py(p, val), y1 = py(p, fmax(0.0, val - supp));
    fprintf(out,
            "<rect class=\"bar supp\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
            "<title>%s: %s from supplements</title></rect>",
            x, y, w, y1 - y, date, report_amount(amt, supp, nu->id));
}

/* One nutrient by day: bars, the EAR-RDA band or the AI line, the UL. */
static int chart_nutrient(FILE *out, const struct analysis *a, int k) {
    const struct analysis_nutrient *nu = analysis_nutrient_of(a, k);
    const struct dri_ref *r = &nu->ref;
    struct plot p = {PAD_L, SVG_W - PAD_R, PAD_T, SVG_H - PAD_B, 1, 1, a->days};
    struct side_label labels[4];
    size_t n_labels = 0;
    double need = 0;
    int ul_on = ul_applies(r), ul_off = 0;
    char id[32], v[40], amt[40];
    char *alt = nutrient_alt(a, k);

    if (!alt)
        return -1;
    snprintf(id, sizeof(id), "c-%s", nu->key);
    for (size_t i = 0; i < a->days; i++)
        if (a->logged[i] && isfinite(nu->daily[i]))
            need = fmax(need, nu->daily[i]);
    need = fmax(need, fmax(r->ear, fmax(r->rda, r->ai))) * HEADROOM;
    if (ul_on) {
        if (r->ul <= need * UL_STRETCH)
            need = fmax(need, r->ul * HEADROOM);
        else
            ul_off = 1;
    }
    plot_scale(&p, need);

    fprintf(out, "<figure class=\"chart-card\" id=\"chart-%s\"><figcaption><h3>", nu->key);
    title_case(out, nu->key);
    fprintf(out, " <span class=\"unit\">%s per day</span></h3><p class=\"sub\">", nu->unit);
    if (isfinite(nu->desc.mean)) {
        fprintf(out, "mean %s", report_amount(amt, nu->desc.mean, k));
        if (isfinite(nu->target) && nu->target > 0)
            fprintf(out, " &#183; %.0f %% of the %s (%s)", 100.0 * nu->desc.mean / nu->target,
                    nu->target_name, report_amount(v, nu->target, k));
    } else {
        fputs("no value logged", out);
    }
    fputs("</p></figcaption>", out);

    fprintf(out,
            "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
            "aria-labelledby=\"%s-t %s-d\"><title id=\"%s-t\">",
            SVG_W, SVG_H, id, id, id);
    title_case(out, nu->key);
    fprintf(out, " by day</title><desc id=\"%s-d\">", id);
    esc(out, alt);
    fputs("</desc>", out);
    patterns(out, id);

    /* grid, then the reference values, then the bars */
    grid(out, &p, nu->unit);
    if (r->has_ear && isfinite(r->ear) && isfinite(r->rda)) {
        fprintf(out, "<rect class=\"band\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                p.x0, py(&p, r->rda), p.x1 - p.x0, py(&p, r->ear) - py(&p, r->rda));
        hline(out, "ear", &p, r->ear);
        hline(out, "rda", &p, r->rda);
        labels[n_labels] = (struct side_label){py(&p, r->rda), "l-band", ""};
        snprintf(labels[n_labels++].text, 48, "RDA %s", report_number(v, r->rda, k));
        labels[n_labels] = (struct side_label){py(&p, r->ear), "l-band", ""};
        snprintf(labels[n_labels++].text, 48, "EAR %s", report_number(v, r->ear, k));
    } else if (isfinite(r->ai)) {
        hline(out, "ai", &p, r->ai);
        labels[n_labels] = (struct side_label){py(&p, r->ai), "l-ai", ""};
        snprintf(labels[n_labels++].text, 48, "AI %s", report_number(v, r->ai, k));
    }
    if (ul_on && !ul_off) {
        hline(out, "ul", &p, r->ul);
        labels[n_labels] = (struct side_label){py(&p, r->ul), "l-ul", ""};
        snprintf(labels[n_labels++].text, 48, "UL %s", report_number(v, r->ul, k));
    }
    cramp_guides(out, a, &p);

    /* the bars */
    double w = fmin(slot(&p) * BAR_FILL, BAR_MAX_W);
    int values = a->days <= VALUE_LABEL_MAX_DAYS;
    for (size_t i = 0; i < a->days; i++) {
        double x = px(&p, i), y0 = p.base;
        char d[11];
        date_format(a->from + (long)i, d);
        if (!a->logged[i] || !isfinite(nu->daily[i])) {
            const char *what = a->logged[i] ? "no value" : "not logged";
            if (slot(&p) >= 12)
                fprintf(out,
                        "<text class=\"gap\" transform=\"translate(%.1f %.1f) rotate(-90)\">%s"
                        "</text>",
                        x + 4, y0 - 6, what);
            else
                fprintf(
                    out,
                    "<line class=\"gap-tick\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x,
                    y0, x, y0 + 5);
            continue;
        }
        double val = nu->daily[i];
        enum mark m = day_mark(r, val);
        double y = py(&p, val);
        int part = incomplete(nu, i);
        fprintf(out, "<rect class=\"bar%s%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"",
                m == MARK_LOW    ? " low"
                : m == MARK_HIGH ? " high"
                                 : "",
                part ? " part" : "", x - w / 2, y, w, y0 - y);
        if (m != MARK_NONE)
            fprintf(out, " style=\"fill:url(#%s-%s)\"", id, m == MARK_LOW ? "low" : "high");
        fprintf(out, "><title>%s: %s%s%s</title></rect>", d, report_amount(amt, val, k),
                m == MARK_LOW    ? ", below the EAR"
                : m == MARK_HIGH ? ", above the UL"
                                 : "",
                part ? ", incomplete data" : "");
        supplement_segment(out, &p, nu, i, x - w / 2, w, d);
        if (values)
            fprintf(out, "<text class=\"val%s\" x=\"%.1f\" y=\"%.1f\">%s%s%s</text>",
                    m == MARK_LOW    ? " low"
                    : m == MARK_HIGH ? " high"
                                     : "",
                    x, y - 5, mark_symbol(m), report_number(v, val, k), part ? "~" : "");
    }
    if (ul_off) {
        fprintf(out,
                "<text class=\"ref l-ul off\" x=\"%.1f\" y=\"%.1f\">UL %s %s: above the "
                "scale &#8593;</text>",
                SVG_W - 4, PAD_T - 12, report_number(v, r->ul, k), nu->unit);
    }
    side_labels(out, labels, n_labels, p.x1 + 6, p.top, p.base);
    day_axis(out, a, &p);
    cramp_marks(out, a, &p, p.base + CRAMP_ROW_DY);
    fputs("</svg>", out);
    if (r->ul_supplement_only && isfinite(r->ul))
        fprintf(out,
                "<p class=\"note\">The UL of %s %s is for supplements and medicines only; "
                "magnesium from food is never compared with it.</p>",
                report_number(v, r->ul, k), nu->unit);
    nutrient_table(out, a, k);
    fputs("</figure>\n", out);
    free(alt);
    return 0;
}

/* --- charts: the ratios by day --------------------------------------------------- */

struct ratio_series {
    const char *name;                 /* "Ca:P" */
    const struct analysis_measure *m; /* the period's ratio and its range */
    double *daily;                    /* per day; NAN unknown */
};

static enum mark ratio_mark(const struct analysis_measure *m, double v) {
    if (!isfinite(v))
        return MARK_NONE;
    if (isfinite(m->low) && v < m->low)
        return MARK_LOW;
    if (isfinite(m->high) && v > m->high)
        return MARK_HIGH;
    return MARK_NONE;
}

static void ratio_range_text(char *buf, size_t len, const struct analysis_measure *m) {
    if (isfinite(m->low) && isfinite(m->high))
        snprintf(buf, len, "%.2f-%.2f", m->low, m->high);
    else if (isfinite(m->low))
        snprintf(buf, len, "at least %.2f", m->low);
    else if (isfinite(m->high))
        snprintf(buf, len, "at most %.2f", m->high);
    else
        snprintf(buf, len, "no range");
}

static void ratio_panel(FILE *out, const struct analysis *a, const struct ratio_series *s,
                        const struct plot *p, int square) {
    const struct analysis_measure *m = s->m;
    struct side_label labels[3];
    size_t n_labels = 0;
    int values = a->days <= VALUE_LABEL_MAX_DAYS;

    grid(out, p, NULL);
    fprintf(out, "<text class=\"panel\" x=\"%.1f\" y=\"%.1f\">", p->x0, p->top - 14);
    escf(out, "%s by day (mass ratio of the daily totals)", s->name);
    fputs("</text>", out);
    /* the range: a band, open-ended ranges run to the edge */
    double lo = isfinite(m->low) ? m->low : 0, hi = isfinite(m->high) ? m->high : p->vmax;
    if (isfinite(m->low) || isfinite(m->high))
        fprintf(out, "<rect class=\"band\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                p->x0, py(p, hi), p->x1 - p->x0, py(p, lo) - py(p, hi));
    if (isfinite(m->low)) {
        hline(out, "rda", p, m->low);
        labels[n_labels] = (struct side_label){py(p, m->low), "l-band", ""};
        snprintf(labels[n_labels++].text, 48, "%s %.2f", isfinite(m->high) ? "low" : "\xe2\x89\xa5",
                 m->low); /* ≥ */
    }
    if (isfinite(m->high)) {
        hline(out, "rda", p, m->high);
        labels[n_labels] = (struct side_label){py(p, m->high), "l-band", ""};
        snprintf(labels[n_labels++].text, 48, "high %.2f", m->high);
    }
    if (isfinite(m->value)) {
        hline(out, "period", p, m->value);
        labels[n_labels] = (struct side_label){py(p, m->value), "l-period", ""};
        snprintf(labels[n_labels++].text, 48, "period %.2f", m->value);
    }
    cramp_guides(out, a, p);

    /* line through consecutive known days, broken at gaps */
    int open = 0;
    for (size_t i = 0; i < a->days; i++) {
        if (!isfinite(s->daily[i])) {
            if (open)
                fputs("\"/>", out);
            open = 0;
            continue;
        }
        fprintf(out, "%s%.1f %.1f", open ? " " : "<polyline class=\"ratio-line\" points=\"",
                px(p, i), py(p, s->daily[i]));
        open = 1;
    }
    if (open)
        fputs("\"/>", out);

    for (size_t i = 0; i < a->days; i++) {
        double x = px(p, i), val = s->daily[i];
        char d[11];
        date_format(a->from + (long)i, d);
        if (!isfinite(val)) {
            if (slot(p) >= 12)
                fprintf(out,
                        "<text class=\"gap\" transform=\"translate(%.1f %.1f) rotate(-90)\">%s"
                        "</text>",
                        x + 4, p->base - 6, a->logged[i] ? "no value" : "not logged");
            continue;
        }
        enum mark mk = ratio_mark(m, val);
        double y = py(p, val);
        const char *cls = mk == MARK_LOW ? "pt low" : mk == MARK_HIGH ? "pt high" : "pt";
        if (square)
            fprintf(out, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\">", cls,
                    x - 4.5, y - 4.5);
        else
            fprintf(out, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\">", cls, x, y);
        fprintf(out, "<title>%s: %s %.2f%s</title>%s", d, s->name, val,
                mk == MARK_LOW    ? ", below the range"
                : mk == MARK_HIGH ? ", above the range"
                                  : "",
                square ? "</rect>" : "</circle>");
        if (values)
            fprintf(out, "<text class=\"val%s\" x=\"%.1f\" y=\"%.1f\">%s%.2f</text>",
                    mk == MARK_LOW    ? " low"
                    : mk == MARK_HIGH ? " high"
                                      : "",
                    x, y - 9, mark_symbol(mk), val);
    }
    side_labels(out, labels, n_labels, p->x1 + 6, p->top, p->base);
}

static void ratio_alt(FILE *f, const struct analysis *a, const struct ratio_series *s) {
    char range[48];
    fprintf(f, "%s by day: ", s->name);
    for (size_t i = 0; i < a->days; i++) {
        const char *sep = i ? ", " : "";
        if (isfinite(s->daily[i]))
            fprintf(f, "%s%.2f", sep, s->daily[i]);
        else
            fprintf(f, "%s%s", sep, a->logged[i] ? "no value" : "not logged");
    }
    ratio_range_text(range, sizeof(range), s->m);
    fprintf(f, "; range %s", range);
    if (isfinite(s->m->value))
        fprintf(f, "; period %.2f (%s)", s->m->value, analysis_position_name(s->m->position));
    fputs(". ", f);
}

static int chart_ratios(FILE *out, const struct analysis *a) {
    const struct analysis_nutrient *n = a->nutrients;
    struct ratio_series s[2] = {
        {"Ca:P", &a->balance.ca_p_ratio, NULL},
        {"Ca:Mg", &a->balance.ca_mg_ratio, NULL},
    };
    struct plot p[2];
    struct sbuf b;
    char *alt = NULL;
    int rc = -1;

    s[0].daily = malloc(a->days * sizeof(double));
    s[1].daily = malloc(a->days * sizeof(double));
    if (!s[0].daily || !s[1].daily)
        goto out;
    for (size_t i = 0; i < a->days; i++) {
        double ca = a->logged[i] ? n[NUT_CALCIUM].daily[i] : NAN;
        s[0].daily[i] = stats_ca_p_ratio(ca, n[NUT_PHOSPHORUS].daily[i]);
        s[1].daily[i] = stats_ca_mg_ratio(ca, n[NUT_MAGNESIUM].daily[i]);
    }
    for (int j = 0; j < 2; j++) {
        double need = 0;
        for (size_t i = 0; i < a->days; i++)
            if (isfinite(s[j].daily[i]))
                need = fmax(need, s[j].daily[i]);
        need = fmax(need, fmax(s[j].m->low, fmax(s[j].m->high, s[j].m->value))) * HEADROOM;
        double top = j == 0 ? RATIO_PANEL1_TOP : RATIO_PANEL2_TOP;
        p[j] = (struct plot){PAD_L, SVG_W - PAD_R, top, top + RATIO_PANEL_H, 1, 1, a->days};
        plot_scale(&p[j], need);
    }
    if (sbuf_open(&b) != 0)
        goto out;
    ratio_alt(b.f, a, &s[0]);
    ratio_alt(b.f, a, &s[1]);
    fputs("Ratios describe the diet only; no adult target exists.", b.f);
    if (!(alt = sbuf_close(&b)))
        goto out;

    fputs("<figure class=\"chart-card\" id=\"chart-ratios\"><figcaption><h3>Ca:P and Ca:Mg "
          "<span class=\"unit\">by day</span></h3><p class=\"sub\">",
          out);
    for (int j = 0; j < 2; j++) {
        char range[48];
        ratio_range_text(range, sizeof(range), s[j].m);
        if (j > 0)
            fputs(" &#183; ", out);
        if (isfinite(s[j].m->value))
            escf(out, "%s %.2f over the period (%s; range %s)", s[j].name, s[j].m->value,
                 analysis_position_name(s[j].m->position), range);
        else
            escf(out, "%s unknown over the period", s[j].name);
    }
    fputs("</p></figcaption>", out);
    fprintf(out,
            "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
            "aria-labelledby=\"c-ratios-t c-ratios-d\"><title id=\"c-ratios-t\">Ca:P and Ca:Mg "
            "ratios by day</title><desc id=\"c-ratios-d\">",
            SVG_W, RATIO_H);
    esc(out, alt);
    fputs("</desc>", out);
    ratio_panel(out, a, &s[0], &p[0], 0);
    ratio_panel(out, a, &s[1], &p[1], 1);
    day_axis(out, a, &p[1]);
    cramp_marks(out, a, &p[1], p[1].base + CRAMP_ROW_DY);
    fputs("</svg>", out);

    fputs("<details><summary>Data table</summary><div class=\"scroll\"><table class=\"data\">"
          "<thead><tr><th scope=\"col\">date</th><th scope=\"col\" class=\"num\">Ca:P</th>"
          "<th scope=\"col\" class=\"num\">Ca:Mg</th><th scope=\"col\" class=\"num\">cramps</th>"
          "</tr></thead><tbody>",
          out);
    for (size_t i = 0; i < a->days; i++) {
        char d[11];
        date_format(a->from + (long)i, d);
        fprintf(out, "<tr><th scope=\"row\">%s %s</th>", weekday(a->from + (long)i), d);
        for (int j = 0; j < 2; j++) {
            enum mark mk = ratio_mark(s[j].m, s[j].daily[i]);
            if (isfinite(s[j].daily[i]))
                fprintf(out, "<td class=\"num\">%s%.2f%s</td>", mark_symbol(mk), s[j].daily[i],
                        mk == MARK_LOW    ? " below"
                        : mk == MARK_HIGH ? " above"
                                          : "");
            else
                fprintf(out, "<td class=\"num\">%s</td>", a->logged[i] ? "?" : "not logged");
        }
        fprintf(out, "<td class=\"num\">%d</td></tr>", a->cramps.per_day[i]);
    }
    fputs("</tbody></table></div></details></figure>\n", out);
    rc = 0;
out:
    free(alt);
    free(s[0].daily);
    free(s[1].daily);
    return rc;
}

/* --- the page -------------------------------------------------------------------- */

static const char *const CSS[] = {
    ":root{--ink:#1c2430;--muted:#5a6473;--line:#d6dce4;--page:#f3f5f8;--card:#fff;"
    "--accent:#285a8c;--bar:#4f7fb8;--low:#d0711a;--high:#b3261e;--band:#d3ecd9;"
    "--band-line:#2e7d4a;--ai:#2e7d4a;--cramp:#6a4aa0;--alert:#b3261e;--warn:#9a5b00;"
    "--info:#285a8c}\n",
    "*{box-sizing:border-box}\n",
    "html{-webkit-text-size-adjust:100%}\n",
    "body{margin:0;background:var(--page);color:var(--ink);"
    "font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif}\n",
    "main{max-width:1080px;margin:0 auto;padding:20px 16px 40px}\n",
    "h1{font-size:1.7rem;line-height:1.2;margin:0 0 4px}\n",
    "h2{font-size:1.25rem;margin:0 0 12px}\n",
    "h3{font-size:1.05rem;margin:0}\n",
    "p{margin:6px 0}\n",
    "code{font-family:ui-monospace,\"DejaVu Sans Mono\",monospace;font-size:.9em}\n",
    ".brand{color:var(--accent);font-weight:700;letter-spacing:.06em;text-transform:uppercase;"
    "font-size:.8rem;margin:0}\n",
    "header.top{padding:4px 0 8px}\n",
    ".meta{color:var(--muted);margin:2px 0}\n",
    ".card{background:var(--card);border:1px solid var(--line);border-radius:10px;"
    "padding:16px 20px;margin:16px 0}\n",
    ".redflag{border:3px solid var(--alert);background:#fdecea;border-radius:10px;"
    "padding:16px 20px;margin:16px 0}\n",
    ".redflag h2{color:var(--alert);font-size:1.35rem}\n",
    ".redflag h2::before{content:\"\\26A0\\FE0E  \"}\n",
    ".redflag .emergency{font-weight:700}\n",
    ".tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,160px),1fr));"
    "gap:10px;margin:0;padding:0;list-style:none}\n",
    ".tile{border:1px solid var(--line);border-radius:8px;padding:10px 12px;"
    "border-top:4px solid var(--bar)}\n",
    ".tile .k{font-size:.85rem;color:var(--muted)}\n"
    ".tile .k::first-letter{text-transform:uppercase}\n",
    ".tile .v{font-size:1.35rem;font-weight:700;line-height:1.2}\n",
    ".tile .s{font-size:.85rem}\n",
    ".tile.sev-warning{border-top-color:var(--warn)}\n",
    ".tile.sev-alert{border-top-color:var(--alert)}\n",
    ".tile.sev-info{border-top-color:var(--info)}\n",
    ".warnings{display:grid;gap:10px}\n",
    ".warning{border:1px solid var(--line);border-left:6px solid var(--info);"
    "border-radius:8px;padding:10px 14px}\n",
    ".warning.sev-warning{border-left-color:var(--warn)}\n",
    ".warning.sev-alert{border-left-color:var(--alert)}\n",
    ".warning header{display:flex;flex-wrap:wrap;gap:8px;align-items:baseline}\n",
    ".badge{display:inline-block;border:1.5px solid currentColor;border-radius:999px;"
    "padding:0 8px;font-size:.78rem;font-weight:700;text-transform:uppercase;"
    "letter-spacing:.04em}\n",
    ".sev-info .badge{color:var(--info)}\n",
    ".sev-warning .badge{color:var(--warn)}\n",
    ".sev-alert .badge{color:var(--alert)}\n",
    ".warning code{font-weight:700}\n",
    ".tentative{color:var(--muted);font-size:.85rem}\n",
    ".figures{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0;padding:0;list-style:none}\n",
    ".figures li{border:1px solid var(--line);border-radius:6px;padding:0 6px;"
    "font-size:.82rem;color:var(--muted)}\n",
    ".figures b{color:var(--ink);font-weight:600}\n",
    ".why,.todo{margin:4px 0}\n",
    ".why b,.todo b{font-weight:600}\n",
    ".legend{display:flex;flex-wrap:wrap;gap:4px 16px;margin:0 0 12px;padding:0;"
    "list-style:none;font-size:.85rem;color:var(--muted)}\n",
    ".legend li{display:flex;align-items:center;gap:6px}\n",
    ".legend svg{width:28px;height:16px;flex:none}\n",
    ".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,340px),1fr));"
    "gap:16px}\n",
    ".chart-card{margin:0;border:1px solid var(--line);border-radius:8px;padding:12px;"
    "min-width:0}\n",
    ".pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,440px),1fr));"
    "gap:16px;align-items:start}\n",
    ".chart-card .sub{color:var(--muted);font-size:.88rem;margin:2px 0 6px}\n",
    ".unit{font-weight:400;color:var(--muted);font-size:.88rem}\n",
    "svg.chart{display:block;width:100%;max-width:640px;height:auto;margin:0 auto;"
    "font-family:inherit}\n",
    ".chart .grid{stroke:#e6e9ee;stroke-width:1}\n",
    ".chart .axis{stroke:#8b94a1;stroke-width:1.2}\n",
    ".chart .tick{font-size:13px;fill:var(--muted);text-anchor:end}\n",
    ".chart .day{font-size:13px;fill:var(--ink);text-anchor:middle}\n",
    ".chart .panel{font-size:14px;font-weight:700;fill:var(--ink)}\n",
    ".chart .band{fill:var(--band);opacity:.75}\n",
    ".chart .rda{stroke:var(--band-line);stroke-width:1.5}\n",
    ".chart .ear{stroke:var(--band-line);stroke-width:1.5;stroke-dasharray:5 3}\n",
    ".chart .ai{stroke:var(--ai);stroke-width:2;stroke-dasharray:8 4}\n",
    ".chart .ul{stroke:var(--high);stroke-width:2;stroke-dasharray:10 3 2 3}\n",
    ".chart .period{stroke:#59606b;stroke-width:1.2;stroke-dasharray:2 3}\n",
    ".chart .ref{font-size:13px;fill:var(--band-line);font-weight:600}\n",
    ".chart .ref.l-ul{fill:var(--high)}\n",
    ".chart .ref.l-ai{fill:var(--ai)}\n",
    ".chart .ref.off{text-anchor:end}\n",
    ".chart .ref.l-period{fill:#59606b;font-weight:400}\n",
    ".chart .bar{fill:var(--bar)}\n",
    ".chart .bar.part{opacity:.5}\n",
    ".chart .bar.supp{fill:#8fd1b8;stroke:#1d6b50;stroke-width:1.2;stroke-dasharray:3 2}\n",
    ".chart .pat-low-bg{fill:#f6d8bb}\n",
    ".chart .pat-low{stroke:var(--low);stroke-width:3}\n",
    ".chart .pat-high-bg{fill:#f3c9c5}\n",
    ".chart .pat-high{stroke:var(--high);stroke-width:1.6}\n",
    ".chart .bar.low{stroke:var(--low);stroke-width:1.2}\n",
    ".chart .bar.high{stroke:var(--high);stroke-width:1.2}\n",
    ".chart .val{font-size:12.5px;fill:var(--ink);text-anchor:middle}\n",
    ".chart .val.low{fill:#9a4f0d}\n",
    ".chart .val.high{fill:var(--high)}\n",
    ".chart .gap{font-size:12px;fill:var(--muted);font-style:italic}\n",
    ".chart .gap-tick{stroke:var(--muted)}\n",
    ".chart .cramp-guide{stroke:var(--cramp);stroke-width:1.2;stroke-dasharray:2 3;opacity:.7}\n",
    ".chart .flag-guide{stroke:var(--alert);stroke-width:1.6;stroke-dasharray:4 3}\n",
    ".chart .cramp-mark path{fill:var(--cramp)}\n",
    ".chart .flag-mark path{fill:var(--alert)}\n",
    ".chart .flag-mark text{font-size:11px;font-weight:700;fill:#fff;text-anchor:middle}\n",
    ".chart .cramp-n{font-size:11px;fill:var(--cramp)}\n",
    ".chart .ratio-line{fill:none;stroke:var(--bar);stroke-width:1.5}\n",
    ".chart .pt{fill:var(--bar);stroke:#fff;stroke-width:1.5}\n",
    ".chart .pt.low{fill:#fff;stroke:var(--low);stroke-width:2.5}\n",
    ".chart .pt.high{fill:#fff;stroke:var(--high);stroke-width:2.5}\n",
    ".note{color:var(--muted);font-size:.85rem}\n",
    ".sources{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,300px),1fr));"
    "gap:12px 20px}\n",
    ".src h3 .unit{margin-left:4px}\n",
    "svg.srcbar{display:block;width:100%;height:14px;margin:6px 0;border-radius:3px;"
    "background:#eef1f5}\n",
    ".srcbar rect{stroke:#fff;stroke-width:.5}\n",
    ".s1{fill:#285a8c;background:#285a8c}.s2{fill:#6a9bd1;background:#6a9bd1}"
    ".s3{fill:#2e7d4a;background:#2e7d4a}.s4{fill:#d0711a;background:#d0711a}"
    ".s5{fill:#6a4aa0;background:#6a4aa0}.s0{fill:#c3cad3;background:#c3cad3}\n",
    "ol.srclist{margin:0;padding:0;list-style:none;font-size:.88rem}\n",
    "ol.srclist li{margin:2px 0}\n",
    ".sw{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:6px;"
    "vertical-align:-1px}\n",
    "details{margin-top:6px}\n",
    "summary{cursor:pointer;color:var(--accent);font-size:.9rem}\n",
    ".scroll{overflow-x:auto}\n",
    "table{border-collapse:collapse;width:100%;font-size:.88rem;margin:6px 0}\n",
    "th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;"
    "vertical-align:top}\n",
    "thead th{border-bottom:2px solid #aab2bd;font-weight:600}\n",
    "th[scope=row]{font-weight:400;white-space:nowrap}\n",
    ".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n",
    "ul.advice{margin:6px 0;padding-left:1.2em}\n",
    "ul.ranges{margin:8px 0;padding-left:1.1em}\n",
    "ul.advice li{margin:3px 0}\n",
    ".notmedical{border:2px solid var(--accent);border-radius:10px;padding:14px 18px;"
    "margin:24px 0 0;background:#eaf1f8}\n",
    ".notmedical p{margin:0}\n",
    "footer .meta{font-size:.8rem;margin-top:10px}\n",
    "@media (max-width:600px){body{font-size:15px}main{padding:12px 10px 28px}"
    ".card,.redflag{padding:12px 10px}h1{font-size:1.4rem}.chart-card{padding:8px 4px}"
    ".chart-card figcaption{padding:0 4px}}\n",
    /* Paper: no backgrounds, two charts a row, the per-chart data tables
     * left out (the daily totals table under "All figures" has them all),
     * nothing cut in two. */
    "@media print{body{background:none;font-size:9.5pt}main{max-width:none;padding:0}"
    ".card{border:0;padding:0;margin:8px 0}.chart-card{padding:4px;margin:0}"
    ".chart-card,.warning,.tile,.redflag,.notmedical,tr{break-inside:avoid}"
    "h2,h3,figcaption{break-after:avoid}.charts,.pair{grid-template-columns:1fr 1fr;gap:8px}"
    ".chart-card details{display:none}.tiles{grid-template-columns:repeat(4,1fr)}"
    ".redflag,.notmedical{background:none}@page{margin:12mm}}\n",
    NULL,
};

static void page_head(FILE *out, const struct analysis *a) {
    char from[11], to[11];
    date_format(a->from, from);
    date_format(a->to, to);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"dietbal\">\n<title>",
          out);
    if (a->days == 1)
        fprintf(out, "dietbal day: %s", from);
    else
        fprintf(out, "dietbal report: %s to %s", from, to);
    fputs("</title>\n<style>\n", out);
    for (size_t i = 0; CSS[i]; i++)
        fputs(CSS[i], out);
    fputs("</style>\n</head>\n<body>\n<main>\n", out);
}

static void section_header(FILE *out, const struct analysis *a) {
    char from[11], to[11], line[512];

    date_format(a->from, from);
    date_format(a->to, to);
    fputs("<header class=\"top\"><p class=\"brand\">dietbal</p>", out);
    if (a->days == 1)
        fprintf(out, "<h1>Day report: %s %s</h1><p class=\"meta\">%s</p>", weekday(a->from), from,
                a->days_logged ? "logged" : "not logged");
    else
        fprintf(out,
                "<h1>Nutrient-balance report</h1><p class=\"meta\"><b>%s %s</b> to <b>%s %s"
                "</b> &#183; %zu days, %zu logged</p>",
                weekday(a->from), from, weekday(a->to), to, a->days, a->days_logged);
    fputs("<p class=\"meta\">Profile: ", out);
    esc(out, report_profile_line(a, line, sizeof(line)));
    fputs("</p>", out);
    for (size_t i = 0; i < a->n_notes; i++) {
        fputs("<p class=\"meta\"><b>Note:</b> ", out);
        esc(out, a->notes[i]);
        fputs("</p>", out);
    }
    if (a->days > 1 && a->days_logged < a->days) {
        char list[4096];
        fputs("<p class=\"meta\">Not logged: ", out);
        esc(out, report_unlogged_days(a, list, sizeof(list)));
        fputs("</p>", out);
    }
    fputs("</header>\n", out);
}

static void section_preeclampsia(FILE *out, const struct analysis *a) {
    const struct analysis_warning *w = analysis_warning_find(a, "PREECLAMPSIA_SIGNS");
    if (!w)
        return;
    fputs("<section class=\"redflag\" role=\"alert\" aria-labelledby=\"preeclampsia-h\">"
          "<h2 id=\"preeclampsia-h\">" REPORT_PREECLAMPSIA_TITLE "</h2><p>",
          out);
    esc(out, w->message);
    fputs("</p><p class=\"emergency\">", out);
    esc(out, ADVICE_PREECLAMPSIA_EMERGENCY);
    fputs("</p></section>\n", out);
}

static void section_red_flag(FILE *out, const struct analysis *a) {
    const struct analysis_warning *w = analysis_warning_find(a, "CRAMP_RED_FLAG");
    if (!w)
        return;
    fputs("<section class=\"redflag\" role=\"alert\" aria-labelledby=\"redflag-h\">"
          "<h2 id=\"redflag-h\">" REPORT_RED_FLAG_TITLE "</h2><p>",
          out);
    esc(out, w->message);
    fputs("</p><p class=\"emergency\">", out);
    esc(out, ADVICE_EMERGENCY);
    fputs("</p></section>\n", out);
}

/* The most severe warning that concerns nutrient k, or NULL. */
static const struct analysis_warning *nutrient_warning(const struct analysis *a, int k) {
    for (size_t i = 0; i < a->n_warnings; i++)
        if (a->warnings[i].nutrient == k)
            return &a->warnings[i];
    return NULL;
}

static void section_glance(FILE *out, const struct analysis *a) {
    char amt[40], line[512];

    fputs("<section class=\"card\" aria-labelledby=\"glance-h\"><h2 id=\"glance-h\">At a glance"
          "</h2><ul class=\"tiles\">",
          out);
    for (size_t j = 0; j < N_CHARTS; j++) {
        int k = CHART_NUTRIENTS[j];
        const struct analysis_nutrient *nu = analysis_nutrient_of(a, k);
        const struct analysis_warning *w = nutrient_warning(a, k);
        fprintf(out,
                "<li class=\"tile%s%s\"><div class=\"k\">%s</div><div class=\"v\">%s</div>"
                "<div class=\"s\">",
                w ? " sev-" : "", w ? analysis_severity_name(w->severity) : "",
                k == NUT_VITAMIN_D ? "vitamin D" : nu->key, report_amount(amt, nu->desc.mean, k));
        if (isfinite(nu->desc.mean) && isfinite(nu->target) && nu->target > 0)
            fprintf(out, "%.0f %% of the %s", 100.0 * nu->desc.mean / nu->target, nu->target_name);
        else
            fputs("mean per logged day", out);
        fputs("</div><div class=\"s\">", out);
        if (w)
            fprintf(out, "<span class=\"sev-%s\">%s <code>%s</code></span>",
                    analysis_severity_name(w->severity), severity_symbol(w->severity), w->code);
        else
            fputs("no warning", out);
        fputs("</div></li>", out);
    }
    fprintf(out,
            "<li class=\"tile%s\"><div class=\"k\">cramps</div><div class=\"v\">%d</div>"
            "<div class=\"s\">",
            a->cramps.red_flag || a->cramps.preeclampsia ? " sev-alert" : "", a->cramps.episodes);
    esc(out, report_cramp_summary(a, line, sizeof(line)));
    fputs("</div></li>", out);
    fprintf(out,
            "<li class=\"tile\"><div class=\"k\">days logged</div><div class=\"v\">%zu of "
            "%zu</div><div class=\"s\">statistics use logged days only</div></li>",
            a->days_logged, a->days);
    fputs("</ul></section>\n", out);
}

static void section_warnings(FILE *out, const struct analysis *a) {
    fputs("<section class=\"card\" aria-labelledby=\"warnings-h\"><h2 id=\"warnings-h\">"
          "Warnings</h2>",
          out);
    if (a->n_warnings == 0) {
        fputs("<p>None.</p></section>\n", out);
        return;
    }
    fputs("<div class=\"warnings\">", out);
    for (size_t i = 0; i < a->n_warnings; i++) {
        const struct analysis_warning *w = &a->warnings[i];
        const char *sev = analysis_severity_name(w->severity);
        fprintf(out,
                "<article class=\"warning sev-%s\" id=\"w-%s\"><header><span class=\"badge\">"
                "%s %s</span><code>%s</code>%s</header><p>",
                sev, w->code, severity_symbol(w->severity), sev, w->code,
                w->tentative ? "<span class=\"tentative\">tentative: few days logged</span>" : "");
        esc(out, w->message);
        fputs("</p>", out);
        if (w->n_figures > 0) {
            fputs("<ul class=\"figures\" aria-label=\"figures\">", out);
            for (size_t f = 0; f < w->n_figures && f < ANALYSIS_MAX_FIGURES; f++) {
                char v[32];
                if (!isfinite(w->figures[f].value))
                    continue; /* not computable: the message says so */
                fputs("<li>", out);
                for (const char *c = w->figures[f].name; c && *c; c++)
                    fputc(*c == '_' ? ' ' : *c, out);
                fprintf(out, " <b>%s</b>", figure_value(v, w->figures[f].value));
                if (w->figures[f].unit && *w->figures[f].unit) {
                    fputc(' ', out);
                    esc(out, w->figures[f].unit);
                }
                fputs("</li>", out);
            }
            fputs("</ul>", out);
        }
        fputs("<p class=\"why\"><b>Why:</b> ", out);
        esc(out, w->why);
        fputs("</p><p class=\"todo\"><b>What to do:</b> ", out);
        esc(out, w->advice);
        fputs("</p></article>\n", out);
    }
    fputs("</div></section>\n", out);
}

/* The legend shared by the charts, each entry a small drawing and words. */
static void legend(FILE *out) {
    fputs("<ul class=\"legend chart\" aria-label=\"legend\">"
          "<li><svg viewBox=\"0 0 28 16\" aria-hidden=\"true\"><rect class=\"bar\" x=\"8\" y=\"2\" "
          "width=\"12\" height=\"14\"/></svg>intake of the day</li>"
          "<li><svg viewBox=\"0 0 28 16\" aria-hidden=\"true\">",
          out);
    patterns(out, "lg");
    fputs(
        "<rect class=\"bar low\" x=\"8\" y=\"2\" width=\"12\" height=\"14\" "
        "style=\"fill:url(#lg-low)\"/>"
        "</svg>&#9660; below the EAR (hatched)</li>"
        "<li><svg viewBox=\"0 0 28 16\" aria-hidden=\"true\"><rect class=\"bar high\" x=\"8\" "
        "y=\"2\" width=\"12\" height=\"14\" style=\"fill:url(#lg-high)\"/></svg>&#9650; above the "
        "UL "
        "(cross-hatched)</li>"
        "<li><svg viewBox=\"0 0 28 16\" aria-hidden=\"true\"><rect class=\"band\" x=\"0\" y=\"3\" "
        "width=\"28\" height=\"10\"/><line class=\"rda\" x1=\"0\" y1=\"3\" x2=\"28\" y2=\"3\"/>"
        "<line class=\"ear\" x1=\"0\" y1=\"13\" x2=\"28\" y2=\"13\"/></svg>EAR to RDA (or the "
        "ratio's range)</li>"
        "<li><svg viewBox=\"0 0 28 16\" aria-hidden=\"true\"><line class=\"ai\" x1=\"0\" y1=\"8\" "
        "x2=\"28\" y2=\"8\"/></svg>AI</li>"
        "<li><svg viewBox=\"0 0 28 16\" aria-hidden=\"true\"><line class=\"ul\" x1=\"0\" y1=\"8\" "
        "x2=\"28\" y2=\"8\"/></svg>UL</li>"
        "<li><svg viewBox=\"0 0 28 16\" aria-hidden=\"true\"><g class=\"cramp-mark\"><path "
        "d=\"M14 1L21 8L14 15L7 8Z\"/></g></svg>cramp (dotted line)</li>"
        "<li><svg viewBox=\"0 0 28 16\" aria-hidden=\"true\"><g class=\"flag-mark\"><path "
        "d=\"M14 0L22 15L6 15Z\"/><text x=\"14\" y=\"13.5\">!</text></g></svg>red-flag sign"
        "</li>"
        "<li><svg viewBox=\"0 0 28 16\" aria-hidden=\"true\"><rect class=\"bar supp\" x=\"8\" "
        "y=\"2\" width=\"12\" height=\"14\"/></svg>from supplements (top of the bar, "
        "dashed)</li>"
        "<li>~ incomplete data (pale)</li><li><i>not logged</i>: gap</li></ul>",
        out);
}

static int section_charts(FILE *out, const struct analysis *a) {
    fputs("<section class=\"card\" aria-labelledby=\"charts-h\"><h2 id=\"charts-h\">Day by day"
          "</h2>",
          out);
    legend(out);
    fputs("<div class=\"charts\">\n", out);
    for (size_t j = 0; j < N_CHARTS; j++)
        if (chart_nutrient(out, a, CHART_NUTRIENTS[j]) != 0)
            return -1;
    fputs("</div>"
          "<p class=\"note\">Each day is compared with the reference values for the life stage; "
          "a single day below the EAR is not a deficiency. The statistics below judge the usual "
          "intake over the logged days.</p></section>\n",
          out);
    return 0;
}

/* The balance measures, in the order of the other reports. */
struct balance_item {
    const char *name;
    const struct analysis_measure *m;
    const char *fmt; /* the value and the ends of its range */
};

static void balance_items(const struct analysis *a, struct balance_item it[5]) {
    const struct analysis_balance *b = &a->balance;
    it[0] = (struct balance_item){"Ca:P (mass)", &b->ca_p_ratio, "%.2f"};
    it[1] = (struct balance_item){"Ca:Mg (mass)", &b->ca_mg_ratio, "%.2f"};
    it[2] = (struct balance_item){"Protein, % of energy", &b->protein_energy_pct, "%.1f"};
    it[3] = (struct balance_item){"Protein, g/kg", &b->protein_g_per_kg, "%.2f"};
    it[4] = (struct balance_item){"PRAL, mEq/day", &b->pral_meq, "%+.1f"};
}

static void balance_row(FILE *out, const struct balance_item *it) {
    const struct analysis_measure *m = it->m;
    char v[24], lo[24], hi[24];

    if (isfinite(m->value))
        snprintf(v, sizeof(v), it->fmt, m->value);
    else
        snprintf(v, sizeof(v), "-");
    snprintf(lo, sizeof(lo), it->fmt, m->low);
    snprintf(hi, sizeof(hi), it->fmt, m->high);
    fputs("<tr><th scope=\"row\">", out);
    esc(out, it->name);
    fprintf(out, "</th><td class=\"num\">%s</td><td class=\"num\">", v);
    if (isfinite(m->low) && isfinite(m->high))
        fprintf(out, "%s&#8211;%s", lo, hi);
    else if (isfinite(m->low))
        fprintf(out, "&#8805; %s", lo);
    else if (isfinite(m->high))
        fprintf(out, "&#8804; %s", hi);
    else
        fputs("-", out);
    fprintf(out, "</td><td>%s%s</td></tr>",
            m->position == ANALYSIS_POS_BELOW   ? "\xe2\x96\xbc "
            : m->position == ANALYSIS_POS_ABOVE ? "\xe2\x96\xb2 "
                                                : "",
            analysis_position_name(m->position));
}

static int section_balance(FILE *out, const struct analysis *a) {
    struct balance_item it[5];

    balance_items(a, it);
    fputs("<section class=\"card\" aria-labelledby=\"balance-h\"><h2 id=\"balance-h\">Balance"
          "</h2><div class=\"pair\">",
          out);
    if (chart_ratios(out, a) != 0)
        return -1;
    fputs("<div><div class=\"scroll\"><table><thead><tr><th scope=\"col\">measure</th>"
          "<th scope=\"col\" class=\"num\">period</th><th scope=\"col\" class=\"num\">range"
          "</th><th scope=\"col\">position</th></tr></thead><tbody>",
          out);
    for (size_t i = 0; i < 5; i++)
        balance_row(out, &it[i]);
    fputs("</tbody></table></div><ul class=\"ranges note\">", out);
    for (size_t i = 0; i < 5; i++) {
        fputs("<li><b>", out);
        esc(out, it[i].name);
        fputs(":</b> ", out);
        esc(out, it[i].m->range);
        fputs("</li>", out);
    }
    fputs("</ul><p class=\"note\">Ratios are of the period's means and only describe the diet: "
          "no adult Ca:P or Ca:Mg target exists, and no PRAL cut-off has been validated.</p>"
          "</div></div></section>\n",
          out);
    return 0;
}

static void section_cramps(FILE *out, const struct analysis *a) {
    const struct analysis_cramps *c = &a->cramps;
    char line[512];

    fputs("<section class=\"card\" aria-labelledby=\"cramps-h\"><h2 id=\"cramps-h\">Cramp diary"
          "</h2><p>",
          out);
    esc(out, report_cramp_summary(a, line, sizeof(line)));
    fputs("</p>", out);
    if (c->episodes > 0) {
        int first = 1;
        fputs("<p>Cramp days: ", out);
        for (size_t i = 0; i < a->days; i++) {
            char d[11];
            if (c->per_day[i] <= 0)
                continue;
            date_format(a->from + (long)i, d);
            fprintf(out, "%s%s %s (%d)%s", first ? "" : ", ", weekday(a->from + (long)i), d,
                    c->per_day[i], red_flag_day(a, a->from + (long)i) ? " <b>red flag</b>" : "");
            first = 0;
        }
        fputs("</p>", out);
    }
    fputs("<p>", out);
    esc(out, report_relation_note(a, line, sizeof(line)));
    fputs("</p>", out);
    if (c->relation == ANALYSIS_REL_DONE) {
        fputs("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">day before</th>"
              "<th scope=\"col\" class=\"num\">cramp days: mean</th><th scope=\"col\" "
              "class=\"num\">n</th><th scope=\"col\" class=\"num\">other days: mean</th>"
              "<th scope=\"col\" class=\"num\">n</th><th scope=\"col\" class=\"num\">r</th></tr>"
              "</thead><tbody>",
              out);
        for (int k = 0; k < ANALYSIS_RELATION_ITEMS; k++) {
            const struct analysis_relation_item *it = &c->items[k];
            char m1[48], m2[48], r[16];
            report_relation_cells(it, 0, m1, m2, r);
            fputs("<tr><th scope=\"row\">", out);
            esc(out, strcmp(it->key, "pral") ? it->key : "PRAL");
            fputs("</th><td class=\"num\">", out);
            esc(out, m1);
            fprintf(out, "</td><td class=\"num\">%zu</td><td class=\"num\">", it->n_cramp);
            esc(out, m2);
            fprintf(out, "</td><td class=\"num\">%zu</td><td class=\"num\">%s</td></tr>",
                    it->n_other, r);
        }
        fputs("</tbody></table></div>", out);
        if (c->fisher_done) {
            fputs("<p>", out);
            esc(out, report_fisher_note(a, line, sizeof(line)));
            fputs(" r: point-biserial correlation with having a cramp the next day.</p>", out);
        }
    }
    if (c->episodes > 0) {
        fputs("<h3>What may help</h3><ul class=\"advice\">", out);
        for (size_t i = 0; ADVICE_CRAMP_CARE[i]; i++) {
            fputs("<li>", out);
            esc(out, ADVICE_CRAMP_CARE[i]);
            fputs("</li>", out);
        }
        fputs("</ul>", out);
    }
    fputs("</section>\n", out);
}

/* One nutrient's sources: a bar of their shares (the rest grey) and the
 * list, in the same order, with the figures. */
static void sources_card(FILE *out, const struct analysis_nutrient *nu) {
    char line[512];
    double x = 0;

    fputs("<div class=\"src\"><h3>", out);
    title_case(out, nu->key);
    fprintf(out, "<span class=\"unit\">%s</span></h3>", nu->unit);
    if (nu->n_sources == 0) {
        fputs("<p class=\"note\">Nothing with a known value logged.</p></div>", out);
        return;
    }
    fputs("<svg class=\"srcbar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" "
          "role=\"img\" aria-label=\"",
          out);
    for (size_t j = 0; j < nu->n_sources; j++)
        escf(out, "%s%s %.0f %%", j ? ", " : "", nu->sources[j].name, 100.0 * nu->sources[j].share);
    fputs("\">", out);
    for (size_t j = 0; j < nu->n_sources; j++) {
        double w = 100.0 * nu->sources[j].share;
        fprintf(out,
                "<rect class=\"s%zu\" x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"10\">"
                "<title>",
                j + 1, x, w);
        escf(out, "%s: %.0f %%", nu->sources[j].name, w);
        fputs("</title></rect>", out);
        x += w;
    }
    if (x < 99.95)
        fprintf(out,
                "<rect class=\"s0\" x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"10\">"
                "<title>other foods: %.0f %%</title></rect>",
                x, 100.0 - x, 100.0 - x);
    fputs("</svg><ol class=\"srclist\">", out);
    for (size_t j = 0; j < nu->n_sources; j++) {
        fprintf(out, "<li><span class=\"sw s%zu\" aria-hidden=\"true\"></span>", j + 1);
        esc(out, report_source_line(&nu->sources[j], nu->id, line, sizeof(line)));
        fputs("</li>", out);
    }
    if (x < 99.95)
        fprintf(out,
                "<li><span class=\"sw s0\" aria-hidden=\"true\"></span>%.0f %% from other "
                "foods</li>",
                100.0 - x);
    fputs("</ol></div>", out);
}

static void section_sources(FILE *out, const struct analysis *a) {
    fputs("<section class=\"card\" aria-labelledby=\"sources-h\"><h2 id=\"sources-h\">Where it "
          "came from</h2><p class=\"note\">The foods and supplements that supplied most of "
          "each nutrient over the period, with their share of its known total (foods without a "
          "value for it are left out).</p><div class=\"sources\">",
          out);
    for (int k = 0; k < NUT_REPORTED_COUNT; k++)
        sources_card(out, &a->nutrients[k]);
    fputs("</div></section>\n", out);
}

static void section_suggestions(FILE *out, const struct report_opts *o) {
    if (!o || o->n_suggestions == 0)
        return;
    fputs("<section class=\"card\" aria-labelledby=\"foods-h\"><h2 id=\"foods-h\">Foods to "
          "consider</h2><p class=\"note\">Foods from the table that raise a nutrient that is "
          "short while keeping the balance; the amount is for the portion shown.</p>"
          "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">nutrient</th>"
          "<th scope=\"col\">food</th><th scope=\"col\">id</th><th scope=\"col\">portion</th>"
          "<th scope=\"col\" class=\"num\">amount</th></tr></thead><tbody>",
          out);
    for (size_t i = 0; i < o->n_suggestions; i++) {
        const struct report_suggestions *sg = &o->suggestions[i];
        const char *key = analysis_nutrient_key(sg->nutrient);
        for (size_t j = 0; key && j < sg->n; j++) {
            const struct suggestion *s = &sg->items[j];
            char amt[40];
            fprintf(out, "<tr><th scope=\"row\">%s</th><td>", j == 0 ? key : "");
            esc(out, s->name ? s->name : "?");
            fputs("</td><td><code>", out);
            esc(out, s->id ? s->id : "?");
            fputs("</code></td><td>", out);
            esc(out, s->portion ? s->portion : "100 g");
            fprintf(out, " (%.0f g)</td><td class=\"num\">%s</td></tr>", s->portion_g,
                    report_amount(amt, s->per_portion, sg->nutrient));
        }
    }
    fputs("</tbody></table></div></section>\n", out);
}

static void section_figures(FILE *out, const struct analysis *a) {
    int any_trend = 0;

    fputs("<section class=\"card\" aria-labelledby=\"figures-h\"><h2 id=\"figures-h\">All "
          "figures</h2><h3>Reference values and assessment</h3><div class=\"scroll\"><table>"
          "<thead><tr><th scope=\"col\">nutrient</th><th scope=\"col\">unit</th>"
          "<th scope=\"col\" class=\"num\">mean</th><th scope=\"col\" class=\"num\">SD</th>"
          "<th scope=\"col\" class=\"num\">min</th><th scope=\"col\" class=\"num\">max</th>"
          "<th scope=\"col\" class=\"num\">known</th><th scope=\"col\" class=\"num\">EAR</th>"
          "<th scope=\"col\" class=\"num\">RDA/AI</th><th scope=\"col\" class=\"num\">UL</th>"
          "<th scope=\"col\" class=\"num\">n</th><th scope=\"col\" class=\"num\">P(adequate)</th>"
          "<th scope=\"col\" class=\"num\">P(&gt;AI)</th><th scope=\"col\" class=\"num\">P(&gt;UL)"
          "</th><th scope=\"col\" class=\"num\">from supplements</th></tr></thead><tbody>",
          out);
    for (int x = 0; x < NUT_REPORTED_COUNT; x++) {
        const struct analysis_nutrient *nu = &a->nutrients[x];
        struct report_nutrient_cells c;
        report_nutrient_cells(nu, " (supplements only)", "*", &c);
        fprintf(out,
                "<tr><th scope=\"row\">%s</th><td>%s</td><td class=\"num\">%s</td>"
                "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                "</tr>",
                nu->key, nu->unit, c.mean, c.sd, c.min, c.max, c.complete, c.ear, c.target, c.limit,
                c.n, c.p_adequate, c.p_above_ai, c.p_above_limit, c.supplements);
        any_trend |= nu->has_trend;
    }
    fputs("</tbody></table></div><p class=\"note\">P(adequate): probability that usual intake "
          "meets the requirement (EAR method, IOM 2000). P(&gt;AI): confidence that usual intake "
          "is above the AI; a low value does not show a shortfall. P(&gt;UL): probability that "
          "usual intake is above the UL (sodium: above the CDRR, a chronic-disease risk level, "
          "not a toxicity limit). n: days with complete values. * approximate (placeholder "
          "day-to-day SD or approximate life stage). none: nothing of it was logged, so no "
          "probability. n/a: the nutrient's day-to-day variation is too large for a "
          "probability; mean only. The magnesium UL is for supplements only; food magnesium is "
          "never compared with it. Energy has no reference value: needs depend on height and "
          "activity. Means count food and supplements; from supplements: the mean per day from "
          "them.</p>",
          out);
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        char firm[160];
        if (!*report_firmness(&a->nutrients[k], firm, sizeof(firm)))
            continue;
        fputs("<p class=\"note\"><b>", out);
        title_case(out, a->nutrients[k].key);
        fputs(":</b> ", out);
        esc(out, firm);
        fputs(".</p>", out);
    }

    fputs("<h3>Daily totals</h3><div class=\"scroll\"><table><thead><tr><th scope=\"col\">date"
          "</th>",
          out);
    for (int k = 0; k < NUT_REPORTED_COUNT; k++)
        fprintf(out, "<th scope=\"col\" class=\"num\">%s (%s)</th>", a->nutrients[k].key,
                a->nutrients[k].unit);
    fputs("</tr></thead><tbody>", out);
    for (size_t i = 0; i < a->days; i++) {
        char d[11], v[24];
        date_format(a->from + (long)i, d);
        fprintf(out, "<tr><th scope=\"row\">%s %s</th>", weekday(a->from + (long)i), d);
        if (!a->logged[i]) {
            fprintf(out, "<td colspan=\"%d\"><i>not logged</i></td></tr>", NUT_REPORTED_COUNT);
            continue;
        }
        for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
            const struct analysis_nutrient *nu = &a->nutrients[k];
            char sv[24];
            fprintf(out, "<td class=\"num\">%s%s%s%s%s</td>",
                    isfinite(nu->daily[i]) ? report_number(v, nu->daily[i], nu->id) : "?",
                    incomplete(nu, i) ? " ~" : "", nu->daily_supplement[i] > 0 ? " (" : "",
                    nu->daily_supplement[i] > 0 ? report_number(sv, nu->daily_supplement[i], nu->id)
                                                : "",
                    nu->daily_supplement[i] > 0 ? " suppl.)" : "");
        }
        fputs("</tr>", out);
    }
    fputs("</tbody></table></div><p class=\"note\">~ fewer than 80 % of the day's grams have a "
          "value for the nutrient (left out of the probabilities); ? no value at all. Totals are "
          "food + supplements; (N suppl.): the part from supplements.</p>",
          out);

    if (any_trend) {
        fputs("<h3>Trend</h3><p class=\"note\">Least-squares slope per week over the logged "
              "days.</p><div class=\"scroll\"><table><thead><tr><th scope=\"col\">nutrient</th>"
              "<th scope=\"col\" class=\"num\">slope per week</th><th scope=\"col\" "
              "class=\"num\">SE</th><th scope=\"col\" class=\"num\">days</th></tr></thead><tbody>",
              out);
        for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
            const struct analysis_nutrient *nu = &a->nutrients[k];
            if (nu->has_trend)
                fprintf(out,
                        "<tr><th scope=\"row\">%s</th><td class=\"num\">%+.1f %s</td>"
                        "<td class=\"num\">%.1f</td><td class=\"num\">%zu</td></tr>",
                        nu->key, nu->trend.slope_per_week, nu->unit, nu->trend.se_per_week,
                        nu->trend.n);
        }
        fputs("</tbody></table></div>", out);
    }
    fputs("</section>\n", out);
}

static void page_foot(FILE *out) {
    fputs("<footer><section class=\"notmedical\" aria-label=\"not medical advice\"><p><b>", out);
    esc(out, ADVICE_NOT_MEDICAL);
    fputs("</b></p></section><p class=\"meta\">Made by dietbal from the diary and the food "
          "table; the reference values are the Dietary Reference Intakes (IOM). This file is "
          "health data: keep it private.</p></footer>\n</main>\n</body>\n</html>\n",
          out);
}

int report_html(FILE *out, const struct analysis *a, const struct report_opts *o) {
    page_head(out, a);
    section_header(out, a);
    section_preeclampsia(out, a);
    section_red_flag(out, a);
    section_glance(out, a);
    if (section_charts(out, a) != 0)
        return -1;
    section_warnings(out, a);
    section_sources(out, a);
    if (section_balance(out, a) != 0)
        return -1;
    section_cramps(out, a);
    section_suggestions(out, o);
    section_figures(out, a);
    page_foot(out);
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
