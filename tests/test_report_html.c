/*
 * test_report_html.c - the HTML renderer on small hand-built analyses: the
 * page is self-contained (no script, no URL, no external resource), every
 * outside text is escaped, one <svg class="chart"> per chart with its text
 * alternative, the tags nest, the red-flag box appears only with a red
 * flag, the not-medical-advice note is always there; plus the shared
 * wording helpers of report_common.c.
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

#include <ctype.h>
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

/* Pregnant, 29, trimester 3 in November 2026, 65 kg (test_report.c). */
/* A low-calcium, high-meat day: kcal 1480, protein 131 g, Ca 600, Mg 190,
 * P 1270, K 1890, Na 1260, water 3100 g.  Per day Ca:P = 600/1270 = 0.47
 * (below 1.43), Ca:Mg = 600/190 = 3.16 (above 2.8). */
static const double MEAT[NUT_CORE_COUNT] = {1480, 131, 600, 190, 1270, 1890, 1260, 3100};

/* 2026-11-16 .. 22, the 17th not logged; a night cramp on the 18th and,
 * when red is set, a cramp with swelling on the 20th (else a plain one). */
static struct analysis *week(const struct profile *p, int red) {
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
    c[1].swelling = red;
    c[1].severity = 3;
    c[1].duration_min = NAN;
    struct analysis_input in = {from, from + 6, p, d, n, c, 2, NULL, 0};
    assert_int_equal(analysis_run(&in, &a, err, sizeof(err)), 0);
    assert_int_equal(a->cramps.red_flag, red);
    return a;
}

/* Names with every character that means something in HTML. */
static const struct suggestion CA_FOODS[] = {
    {(char *)"x:<1>&\"2\"'", (char *)"Yoghurt <script>alert(\"x\")</script> & 'cream' \x01",
     (char *)"1 <cup>", 245, 448, 70, 183, 1.3, 12.9, -2.1, 1.0},
    {(char *)"usda:01270", (char *)"Cheese, cheddar", (char *)"1 oz", 28.35, 204, 50, 721, 1.4, 7.0,
     6.8, 0.9},
};

static const struct report_suggestions SUGG[] = {{NUT_CALCIUM, CA_FOODS, 2}};

static char *render(const struct analysis *a, const struct report_opts *o) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(report_html(f, a, o), 0);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(strlen(buf), len); /* no NUL inside */
    return buf;
}

static size_t count(const char *hay, const char *needle) {
    size_t n = 0;
    for (const char *s = strstr(hay, needle); s; s = strstr(s + 1, needle))
        n++;
    return n;
}

/* Case-insensitive strstr, for "<SCRIPT" and "HTTP:". */
static const char *find_nocase(const char *hay, const char *needle) {
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] &&
               tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return hay;
    }
    return NULL;
}

/*
 * Every element closed in order: a small tag checker.  Skips the doctype,
 * comments and the contents of <style>; void elements (meta) and
 * self-closed SVG elements (<line .../>) need no end tag.  Attribute
 * values are always quoted with " and never hold a raw '>' (escaped).
 */
static void check_nesting(const char *html);

/* No "nan" or "inf" as a number (inside words such as "info" they are
 * fine). */
static void no_bad_numbers(const char *h) {
    static const char *const bad[] = {"nan", "inf"};
    for (size_t b = 0; b < 2; b++)
        for (const char *s = find_nocase(h, bad[b]); s; s = find_nocase(s + 1, bad[b])) {
            int word_before = s > h && isalpha((unsigned char)s[-1]);
            int word_after = isalpha((unsigned char)s[3]);
            if (!word_before && !word_after)
                fail_msg("a number printed as %s: %.40s", bad[b], s > h + 20 ? s - 20 : h);
        }
}

static void check_nesting(const char *html) {
    static const char *const voids[] = {"meta", "br", "hr", "img", "input", "link", "col"};
    char stack[64][16];
    size_t depth = 0;

    for (const char *s = strchr(html, '<'); s; s = strchr(s, '<')) {
        if (strncmp(s, "<!DOCTYPE", 9) == 0 || strncmp(s, "<!--", 4) == 0) {
            s = strchr(s, '>');
            assert_non_null(s);
            continue;
        }
        int closing = s[1] == '/';
        const char *name = s + 1 + closing;
        size_t len = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
        assert_true(len > 0 && len < 16);
        const char *end = name + len;
        int in_quote = 0;
        for (; *end && (in_quote || *end != '>'); end++) {
            if (*end == '"')
                in_quote = !in_quote;
            else if (in_quote && *end == '<')
                fail_msg("raw '<' in an attribute near: %.60s", s);
        }
        assert_int_equal(*end, '>');
        /* no event-handler attribute (onload=, onclick= ...) */
        for (const char *q = name + len; q + 3 < end; q++)
            if (q[0] == ' ' && tolower((unsigned char)q[1]) == 'o' &&
                tolower((unsigned char)q[2]) == 'n' && isalpha((unsigned char)q[3]))
                fail_msg("event handler in %.60s", s);
        if (closing) {
            if (depth == 0)
                fail_msg("</%.*s> closes nothing", (int)len, name);
            depth--;
            if (strlen(stack[depth]) != len || strncmp(stack[depth], name, len) != 0)
                fail_msg("</%.*s> closes <%s>", (int)len, name, stack[depth]);
        } else if (end[-1] != '/') {
            int is_void = 0;
            for (size_t i = 0; i < sizeof(voids) / sizeof(voids[0]); i++)
                is_void |= strlen(voids[i]) == len && strncmp(voids[i], name, len) == 0;
            if (!is_void) {
                assert_true(depth < 64);
                memcpy(stack[depth], name, len);
                stack[depth][len] = '\0';
                depth++;
            }
            if (len == 5 && strncmp(name, "style", 5) == 0) {
                end = strstr(end, "</style>");
                assert_non_null(end);
                end--; /* the loop goes on from the '<' of </style> */
            }
        }
        s = end + 1;
    }
    if (depth != 0)
        fail_msg("<%s> never closed", stack[depth - 1]);
}

/* --- the page is self-contained and safe -------------------------------------- */

static void test_escaping(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct report_opts o = {SUGG, 1, 0};
    struct analysis *a = week(&p, 1);
    char *h = render(a, &o);

    /* the food name, id and portion, every special character escaped */
    assert_non_null(strstr(h, "Yoghurt &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                              "&#39;cream&#39;"));
    assert_non_null(strstr(h, "x:&lt;1&gt;&amp;&quot;2&quot;&#39;"));
    assert_non_null(strstr(h, "1 &lt;cup&gt; (245 g)"));
    /* never raw */
    assert_null(strstr(h, "<script"));
    assert_null(strstr(h, "<1>"));
    assert_null(strstr(h, "'cream'"));
    assert_null(strstr(h, "<cup>"));
    /* a control character does not reach the page */
    assert_null(strchr(h, '\x01'));
    check_nesting(h);
    free(h);
    analysis_free(a);
}

static void test_self_contained(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct report_opts o = {SUGG, 1, 0};
    struct analysis *as[2] = {week(&p, 1), week(NULL, 0)};

    for (int i = 0; i < 2; i++) {
        char *h = render(as[i], &o);
        assert_true(strncmp(h, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
        assert_non_null(strstr(h, "<meta charset=\"utf-8\">"));
        assert_non_null(strstr(h, "name=\"viewport\""));
        /* no script, no URL, nothing fetched */
        assert_null(find_nocase(h, "<script"));
        assert_null(find_nocase(h, "http://"));
        assert_null(find_nocase(h, "https://"));
        assert_null(find_nocase(h, "src="));
        assert_null(find_nocase(h, "href="));
        assert_null(find_nocase(h, "@import"));
        assert_null(find_nocase(h, "javascript:"));
        /* url() only for the patterns of the same page */
        for (const char *u = strstr(h, "url("); u; u = strstr(u + 1, "url("))
            assert_int_equal(u[4], '#');
        /* print and phone widths */
        assert_non_null(strstr(h, "@media print"));
        assert_non_null(strstr(h, "@media (max-width:"));
        /* the note, always, after everything else */
        const char *note = strstr(h, ADVICE_NOT_MEDICAL);
        assert_non_null(note);
        assert_true(note > strstr(h, "Foods to consider"));
        assert_true(note > strstr(h, "All figures"));
        check_nesting(h);
        free(h);
        analysis_free(as[i]);
    }
}

/* --- charts -------------------------------------------------------------------- */

static void test_charts(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct analysis *a = week(&p, 1);
    char *h = render(a, NULL);
    static const char *const ids[] = {"chart-calcium",   "chart-magnesium", "chart-phosphorus",
                                      "chart-protein",   "chart-potassium", "chart-water",
                                      "chart-vitamin_d", "chart-ratios"};

    /* seven nutrients (vitamin D added) and the ratios: one chart each,
     * with a text alternative */
    assert_int_equal(count(h, "<svg class=\"chart\""), 8);
    assert_int_equal(count(h, "role=\"img\""), 8);
    assert_int_equal(count(h, "</svg>"), count(h, "<svg"));
    for (size_t i = 0; i < 8; i++) {
        char want[64];
        snprintf(want, sizeof(want), "id=\"%s\"", ids[i]);
        const char *fig = strstr(h, want);
        if (!fig)
            fail_msg("no %s", ids[i]);
        const char *svg = strstr(fig, "<svg class=\"chart\"");
        const char *end = strstr(fig, "</figure>");
        assert_non_null(svg);
        assert_true(svg < end);
        assert_non_null(strstr(svg, "viewBox=\"0 0 "));
        assert_true(strstr(svg, "<title id=") < end);
        assert_true(strstr(svg, "<desc id=") < end);
        /* and its data table */
        assert_true(strstr(svg, "<table") < end);
    }
    /* the text alternative of the calcium chart: every day, the gap, the
     * references (pregnancy 19-30: EAR 800, RDA 1000, UL 2500), cramps */
    assert_non_null(strstr(h,
                           "Calcium by day, 2026-11-16 to 2026-11-22: 600, not logged, 600, 600, "
                           "600, 600, 600 mg; EAR 800, RDA 1000, UL 2500 mg. Below the EAR on "
                           "6 of 6 logged days. Cramps on 2026-11-18, 2026-11-20 (red flag)."));
    /* magnesium: the supplement UL is not drawn as a food limit */
    assert_non_null(strstr(h, "Magnesium by day, 2026-11-16 to 2026-11-22: 190, not logged"));
    assert_non_null(strstr(h, "(UL 350 mg for supplements only, not compared with food)"));
    /* potassium: AI only, no day is "low" */
    assert_non_null(strstr(h, "1890 mg; AI 2900 mg."));
    /* ratios of the daily totals: 600/1270 = 0.47, 600/190 = 3.16 */
    assert_non_null(strstr(h, "Ca:P by day: 0.47, not logged, 0.47, 0.47, 0.47, 0.47, 0.47; "
                              "range at least 1.43; period 0.47 (below)."));
    assert_non_null(strstr(h, "Ca:Mg by day: 3.16, not logged, 3.16"));
    assert_non_null(strstr(h, "range 1.70-2.80; period 3.16 (above)"));
    /* the unlogged day is a labelled gap, in each of the 8 charts (the
     * ratio chart has two panels) */
    assert_int_equal(count(h, "rotate(-90)\">not logged</text>"), 9);
    /* below the EAR: hatched and marked by a symbol, not only by colour */
    assert_non_null(strstr(h, "style=\"fill:url(#c-calcium-low)\""));
    assert_non_null(strstr(h, "\xe2\x96\xbc"
                              "600</text>"));
    /* cramp on the 18th, red flag (swelling) on the 20th */
    assert_int_equal(count(h, "<g class=\"cramp-mark\"><title>2026-11-18: 1 cramp episode</title>"),
                     8);
    assert_int_equal(
        count(h, "<g class=\"flag-mark\"><title>2026-11-20: 1 cramp episode, red flag</title>"), 8);
    /* no value label for a day not logged; day labels with weekdays
     * (2026-11-16 is a Monday) */
    assert_non_null(strstr(h, ">Mon</text>"));
    assert_non_null(strstr(h, ">11-16</text>"));
    free(h);
    analysis_free(a);
}

/* --- the safety texts ---------------------------------------------------------- */

static void test_red_flag_box(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct analysis *a = week(&p, 1);
    char *h = render(a, NULL);

    const char *box = strstr(h, "<section class=\"redflag\" role=\"alert\"");
    assert_non_null(box);
    assert_int_equal(count(h, "class=\"redflag\""), 1);
    assert_non_null(strstr(box, REPORT_RED_FLAG_TITLE));
    assert_non_null(strstr(box, "swelling"));
    assert_non_null(strstr(box, "deep vein thrombosis"));
    assert_non_null(strstr(box, "emergency services"));
    /* at the top: before the first chart and the warnings */
    assert_true(box < strstr(h, "<svg class=\"chart\""));
    assert_true(box < strstr(h, "id=\"warnings-h\""));
    /* the warning is listed too, with its severity in words */
    assert_non_null(strstr(h, "<article class=\"warning sev-alert\" id=\"w-CRAMP_RED_FLAG\">"));
    assert_non_null(strstr(h, "!! alert</span><code>CRAMP_RED_FLAG</code>"));
    /* cramps were logged: the self-care advice */
    assert_non_null(strstr(h, "What may help"));
    assert_non_null(strstr(h, "straighten the knee"));
    free(h);
    analysis_free(a);

    a = week(&p, 0);
    h = render(a, NULL);
    assert_null(strstr(h, "class=\"redflag\""));
    assert_null(strstr(h, REPORT_RED_FLAG_TITLE));
    assert_null(strstr(h, "CRAMP_RED_FLAG"));
    assert_null(strstr(h, "flag-mark\"><title>"));
    assert_non_null(strstr(h, "What may help"));
    assert_non_null(strstr(h, ADVICE_NOT_MEDICAL));
    free(h);
    analysis_free(a);
}

/* Where each nutrient came from, as a bar and a list; the pregnancy warning
 * signs in their own box, first; the past-due note (0.2, 0.4, issue 14). */
static void test_sources_signs_notes(void **state) {
    (void)state;
    struct profile p = pregnant();
    snprintf(p.due_date, sizeof(p.due_date), "2026-11-14");
    struct day_totals d[7];
    long from = day_of("2026-11-16");
    for (int i = 0; i < 7; i++)
        day_values(&d[i], from + i, MEAT);
    /* calcium from 6 foods of 100..600 mg over the week (2100 mg): the
     * five largest, 600 / 2100 = 28.57 % first, and the smallest (100 mg,
     * 4.76 %) as "other foods" */
    static const char *const ids[6] = {"t:1", "t:2", "t:3", "t:4", "t:5", "t:6"};
    static const char *const names[6] = {"Food one",  "Food two",  "Food three",
                                         "Food four", "Food five", "Food <six> & co"};
    struct period_source src[6];
    for (int i = 0; i < 6; i++) {
        src[i].id = (char *)ids[i];
        src[i].name = (char *)names[i];
        src[i].grams = 100.0 * (i + 1);
        src[i].units = NAN;
        src[i].unit[0] = '\0';
        for (int k = 0; k < NUT_REPORTED_COUNT; k++)
            src[i].amount[k] = NAN;
        src[i].amount[NUT_CALCIUM] = 100.0 * (i + 1);
    }
    struct cramp c[2];
    memset(c, 0, sizeof(c));
    snprintf(c[0].date, sizeof(c[0].date), "2026-11-19");
    c[0].vision_problems = 1;
    c[0].duration_min = NAN;
    snprintf(c[1].date, sizeof(c[1].date), "2026-11-20");
    c[1].warmth = 1;
    c[1].duration_min = NAN;
    struct analysis_input in = {from, from + 6, &p, d, 7, c, 2, src, 6};
    struct analysis *a = NULL;
    char err[128];
    assert_int_equal(analysis_run(&in, &a, err, sizeof(err)), 0);
    char *h = render(a, NULL);
    check_nesting(h);
    no_bad_numbers(h);

    const char *pre = strstr(h, "<section class=\"redflag\" role=\"alert\" "
                                "aria-labelledby=\"preeclampsia-h\">");
    const char *clot = strstr(h, "aria-labelledby=\"redflag-h\"");
    assert_non_null(pre);
    assert_non_null(clot);
    assert_true(pre < clot);
    assert_non_null(strstr(pre, REPORT_PREECLAMPSIA_TITLE));
    assert_non_null(strstr(pre, "vision problems"));
    assert_non_null(strstr(h, "<b>Note:</b> Past the due date (2026-11-14)"));

    /* one bar (only calcium has sources), five segments and the rest */
    assert_int_equal(count(h, "<svg class=\"srcbar\""), 1);
    assert_non_null(strstr(h, "<rect class=\"s1\" x=\"0.00\" y=\"0\" width=\"28.57\""));
    /* s5 starts at 28.57 + 23.81 + 19.05 + 14.29 = 85.71; the rest is
     * 100 - 85.71 - 9.52 = 4.76 % from other foods, shown as 5 % */
    assert_non_null(strstr(h, "<rect class=\"s5\" x=\"85.71\" y=\"0\" width=\"9.52\""));
    assert_non_null(strstr(h, "<rect class=\"s0\" x=\"95.24\" y=\"0\" width=\"4.76\""));
    assert_non_null(strstr(h, "5 % from other foods"));
    /* names escaped in the list and the bar's label */
    assert_non_null(strstr(h, "29 % from Food &lt;six&gt; &amp; co [t:6] (600 g, 600 mg)"));
    assert_null(strstr(h, "Food <six>"));
    /* the other nutrients (vitamin D too) say there is nothing to show */
    assert_int_equal(count(h, "Nothing with a known value logged."), NUT_REPORTED_COUNT - 1);
    free(h);
    analysis_free(a);
}

static void test_warnings_panel(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct analysis *a = week(&p, 0);
    char *h = render(a, NULL);

    /* every warning of the analysis, with code, severity, figures, why and
     * what to do */
    assert_true(a->n_warnings > 0);
    for (size_t i = 0; i < a->n_warnings; i++) {
        char want[128];
        const struct analysis_warning *w = &a->warnings[i];
        snprintf(want, sizeof(want), "<article class=\"warning sev-%s\" id=\"w-%s\">",
                 analysis_severity_name(w->severity), w->code);
        const char *art = strstr(h, want);
        if (!art)
            fail_msg("no %s", want);
        const char *end = strstr(art, "</article>");
        assert_true(strstr(art, "<b>Why:</b>") < end);
        assert_true(strstr(art, "<b>What to do:</b>") < end);
    }
    /* CALCIUM_LOW: mean 600 of 6 days, EAR 800 */
    const char *ca = strstr(h, "id=\"w-CALCIUM_LOW\"");
    assert_non_null(ca);
    assert_non_null(strstr(ca, "warning</span><code>CALCIUM_LOW</code>"));
    assert_non_null(strstr(ca, "<li>mean <b>600</b> mg</li>"));
    assert_non_null(strstr(ca, "<li>ear <b>800</b> mg</li>"));
    /* the tile of calcium names it */
    assert_non_null(strstr(h, "<li class=\"tile sev-warning\"><div class=\"k\">calcium</div>"
                              "<div class=\"v\">600 mg</div><div class=\"s\">60 % of the RDA"));
    free(h);
    analysis_free(a);
}

/* --- other periods --------------------------------------------------------------- */

static void test_one_day_and_long_period(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct day_totals d[1];
    struct analysis *a = NULL;
    char err[128];

    /* one day, no cramps: no advice on cramps, no red flag */
    day_values(&d[0], day_of("2026-11-18"), MEAT);
    struct analysis_input in = {
        day_of("2026-11-18"), day_of("2026-11-18"), &p, d, 1, NULL, 0, NULL, 0};
    assert_int_equal(analysis_run(&in, &a, err, sizeof(err)), 0);
    char *h = render(a, NULL);
    assert_non_null(strstr(h, "<title>dietbal day: 2026-11-18</title>"));
    assert_non_null(strstr(h, "No cramps logged in the period."));
    assert_null(strstr(h, "What may help"));
    assert_int_equal(count(h, "<svg class=\"chart\""), 8);
    check_nesting(h);
    free(h);
    analysis_free(a);

    /* the longest period, one day logged in the middle, unknown sodium */
    long from = day_of("2026-01-01");
    double v[NUT_CORE_COUNT];
    memcpy(v, MEAT, sizeof(v));
    v[NUT_SODIUM] = NAN;
    day_values(&d[0], from + 100, v);
    struct analysis_input in2 = {from, from + ANALYSIS_MAX_DAYS - 1, &p, d, 1, NULL, 0, NULL, 0};
    assert_int_equal(analysis_run(&in2, &a, err, sizeof(err)), 0);
    h = render(a, NULL);
    assert_int_equal(count(h, "<svg class=\"chart\""), 8);
    /* bars too narrow for value labels and gap texts */
    assert_null(strstr(h, "rotate(-90)\">not logged</text>"));
    assert_non_null(strstr(h, "class=\"gap-tick\""));
    no_bad_numbers(h);
    check_nesting(h);
    free(h);
    analysis_free(a);
}

static void test_no_profile(void **state) {
    (void)state;
    struct analysis *a = week(NULL, 0);
    char *h = render(a, NULL);
    assert_non_null(strstr(h, "unknown (no usable profile)"));
    assert_non_null(strstr(h, "profile set"));
    no_bad_numbers(h);
    check_nesting(h);
    free(h);
    analysis_free(a);
}

/* --- shared wording (report_common.c) ------------------------------------------ */

static void test_common_helpers(void **state) {
    (void)state;
    struct profile p = pregnant();
    struct analysis *a = week(&p, 1);
    char buf[256], small[20], n[24];

    assert_string_equal(report_cramp_summary(a, buf, sizeof(buf)),
                        "2 episodes on 2 days (1 at night); severity mean 4.0, max 5 of 10.");
    assert_string_equal(report_unlogged_days(a, buf, sizeof(buf)), "2026-11-17");
    /* too small for the date: cut with an ellipsis, still terminated */
    report_unlogged_days(a, small, 12);
    assert_string_equal(small, "...");
    assert_string_equal(report_fisher_note(a, buf, sizeof(buf)), "");
    assert_string_equal(report_number(n, 131.04, NUT_PROTEIN), "131.0");
    assert_string_equal(report_number(n, 600.4, NUT_CALCIUM), "600");
    assert_string_equal(report_number(n, NAN, NUT_CALCIUM), "-");
    assert_string_equal(report_probability(n, 0.1144, &a->nutrients[NUT_CALCIUM], 1, "*"),
                        a->nutrients[NUT_CALCIUM].approximate ? "0.11*" : "0.11");
    assert_string_equal(report_probability(n, 0.5, &a->nutrients[NUT_CALCIUM], 0, "*"), "-");
    analysis_free(a);

    a = week(&p, 0);
    a->cramps.episodes = 0;
    assert_string_equal(report_cramp_summary(a, buf, sizeof(buf)),
                        "No cramps logged in the period.");
    analysis_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_self_contained),
        cmocka_unit_test(test_charts),
        cmocka_unit_test(test_red_flag_box),
        cmocka_unit_test(test_warnings_panel),
        cmocka_unit_test(test_one_day_and_long_period),
        cmocka_unit_test(test_no_profile),
        cmocka_unit_test(test_common_helpers),
        cmocka_unit_test(test_sources_signs_notes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
