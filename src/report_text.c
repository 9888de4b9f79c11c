/*
 * report_text.c - the analysis as plain text for a terminal: every line at
 * most 80 columns, aligned tables, a one-line bar per nutrient against its
 * target, colour only when the caller asks for it (a terminal, NO_COLOR
 * unset).  Also the helpers the other renderers share.
 *
 * It only reads the analysis: no database, no decisions.  Red-flag advice
 * comes first when there is a red flag; the not-medical-advice note comes
 * last, always.
 */
#include "dietbal/report.h"
#include "dietbal/textesc.h"

#include "dietbal/advice.h"
#include "dietbal/date.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH REPORT_TEXT_WIDTH

/* Bars: BAR_LEN characters stand for BAR_MAX times the target, so the
 * target mark sits at BAR_LEN / BAR_MAX. */
#define BAR_LEN 30
#define BAR_MAX 1.5

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_ALERT "\033[1;31m"
#define C_WARN "\033[1;33m"
#define C_INFO "\033[36m"
#define C_OK "\033[32m"

/* --- shared helpers --------------------------------------------------------- */

const char *report_amount(char buf[40], double v, int nutrient) {
    const struct nutrient_def *def = nutrients_get(nutrient);
    if (!isfinite(v) || !def)
        snprintf(buf, 40, "-");
    else if (nutrient == NUT_PROTEIN || nutrient == NUT_VITAMIN_D)
        snprintf(buf, 40, "%.1f %s", v, unit_name(def->unit));
    else
        snprintf(buf, 40, "%.0f %s", v, unit_name(def->unit));
    return buf;
}

const char *report_relation_note(const struct analysis *a, char *buf, size_t len) {
    switch (a->cramps.relation) {
    case ANALYSIS_REL_TOO_FEW_DAYS:
        snprintf(buf, len,
                 "Too few days to say anything about cramps and the previous day's intake: "
                 "%zu day%s logged, %d needed.",
                 a->days_logged, a->days_logged == 1 ? "" : "s", ANALYSIS_RELATION_MIN_DAYS);
        break;
    case ANALYSIS_REL_NO_CONTRAST:
        snprintf(buf, len,
                 "Nothing to compare: the days that follow a logged day need to include both "
                 "days with cramps and days without.");
        break;
    case ANALYSIS_REL_DONE:
        snprintf(buf, len,
                 "Descriptive only: this shows how the days before cramp days differed from "
                 "the days before other days in your diary; it cannot show that intake causes "
                 "or prevents cramps.");
        break;
    }
    return buf;
}

const char *report_profile_line(const struct analysis *a, char *buf, size_t len) {
    char weight[32];
    if (isfinite(a->weight_kg))
        snprintf(weight, sizeof(weight), "%.1f kg", a->weight_kg);
    else
        snprintf(weight, sizeof(weight), "weight not set");
    if (!a->has_profile)
        snprintf(buf, len, "unknown (no usable profile); %s", weight);
    else
        snprintf(buf, len, "%s; age %d; %s", a->stage.group, a->stage.age_years, weight);
    return buf;
}

/* --- text helpers ------------------------------------------------------------ */

static const char *pen(const struct report_opts *o, const char *code) {
    return o && o->color ? code : "";
}

/* Print prefix and text, wrapped at WIDTH; continuation lines are
 * indented by `indent` spaces.  Breaks at spaces; a word longer than a line
 * is cut, never inside a UTF-8 sequence. */
static void wrap(FILE *out, const char *prefix, size_t indent, const char *text) {
    size_t col = strlen(prefix);
    int fresh = 1;

    fputs(prefix, out);
    for (const char *next = text; *next;) {
        if (*next == ' ' || *next == '\n') {
            next++;
            continue;
        }
        /* one word, escaped for the terminal: the text holds food names */
        size_t raw = strcspn(next, " \n");
        char *word = strndup(next, raw), *safe = word ? textesc_term(word) : NULL;
        const char *p = safe ? safe : "?";
        size_t len = strlen(p);
        next += raw;
        free(word);
        if (!fresh && col + 1 + len > WIDTH) {
            fprintf(out, "\n%*s", (int)indent, "");
            col = indent;
            fresh = 1;
        }
        if (!fresh) {
            fputc(' ', out);
            col++;
        }
        while (col + len > WIDTH) {
            size_t room = WIDTH - col;
            while (room > 0 && ((unsigned char)p[room] & 0xC0) == 0x80)
                room--;
            if (room == 0)
                room = WIDTH - col;
            fwrite(p, 1, room, out);
            fprintf(out, "\n%*s", (int)indent, "");
            col = indent;
            p += room;
            len -= room;
        }
        fwrite(p, 1, len, out);
        col += len;
        fresh = 0;
        free(safe);
    }
    fputc('\n', out);
}

static void heading(FILE *out, const struct report_opts *o, const char *title) {
    fprintf(out, "\n%s%s%s\n", pen(o, C_BOLD), title, pen(o, C_RESET));
}

static const char *severity_pen(const struct report_opts *o, enum analysis_severity s) {
    switch (s) {
    case ANALYSIS_ALERT:
        return pen(o, C_ALERT);
    case ANALYSIS_WARNING:
        return pen(o, C_WARN);
    case ANALYSIS_INFO:
        return pen(o, C_INFO);
    }
    return "";
}

/* Does any warning concern this nutrient? */
static int flagged(const struct analysis *a, int id) {
    for (size_t i = 0; i < a->n_warnings; i++)
        if (a->warnings[i].nutrient == id && a->warnings[i].severity >= ANALYSIS_WARNING)
            return 1;
    return 0;
}

/* --- sections ---------------------------------------------------------------- */

static void section_header(FILE *out, const struct analysis *a, const struct report_opts *o) {
    char from[11], to[11], line[512];

    date_format(a->from, from);
    date_format(a->to, to);
    if (a->days == 1)
        fprintf(out, "%sdietbal day: %s%s (%s)\n", pen(o, C_BOLD), from, pen(o, C_RESET),
                a->days_logged ? "logged" : "not logged");
    else
        fprintf(out, "%sdietbal report: %s to %s%s (%zu days, %zu logged)\n", pen(o, C_BOLD), from,
                to, pen(o, C_RESET), a->days, a->days_logged);
    report_profile_line(a, line, sizeof(line));
    wrap(out, "Profile: ", 2, line);
    for (size_t i = 0; i < a->n_notes; i++)
        wrap(out, "Note: ", 2, a->notes[i]);
    if (a->days > 1 && a->days_logged < a->days) {
        char list[4096] = "";
        size_t len = 0;
        for (size_t i = 0; i < a->days && len + 16 < sizeof(list); i++) {
            if (a->logged[i])
                continue;
            char d[11];
            date_format(a->from + (long)i, d);
            len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", len ? ", " : "", d);
        }
        wrap(out, "Not logged: ", 2, list);
    }
}

static void section_preeclampsia(FILE *out, const struct analysis *a, const struct report_opts *o) {
    const struct analysis_warning *w = analysis_warning_find(a, "PREECLAMPSIA_SIGNS");
    if (!w)
        return;
    fprintf(out, "\n%s!!! CALL YOUR MIDWIFE OR MATERNITY UNIT NOW: POSSIBLE PRE-ECLAMPSIA !!!%s\n",
            pen(o, C_ALERT), pen(o, C_RESET));
    wrap(out, "", 0, w->message);
    wrap(out, "", 0, ADVICE_PREECLAMPSIA_EMERGENCY);
}

static void section_red_flag(FILE *out, const struct analysis *a, const struct report_opts *o) {
    const struct analysis_warning *w = analysis_warning_find(a, "CRAMP_RED_FLAG");
    if (!w)
        return;
    fprintf(out, "\n%s!!! SEE A CLINICIAN TODAY: POSSIBLE BLOOD CLOT !!!%s\n", pen(o, C_ALERT),
            pen(o, C_RESET));
    wrap(out, "", 0, w->message);
    wrap(out, "", 0, ADVICE_EMERGENCY);
}

/* Column widths of the daily table: 9 nutrients within 80 columns. */
static const int daily_width[NUT_REPORTED_COUNT] = {6, 6, 6, 6, 6, 6, 6, 7, 6};

/* Did the day have anything from supplements? */
static int supplemented(const struct analysis *a, size_t i) {
    for (int k = 0; k < NUT_REPORTED_COUNT; k++)
        if (a->nutrients[k].daily_supplement[i] > 0)
            return 1;
    return 0;
}

/* The row under a day with supplements: the part of each total from them. */
static void daily_supplement_row(FILE *out, const struct analysis *a, size_t i) {
    fprintf(out, "%-10s", "  suppl.");
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        const struct analysis_nutrient *nu = &a->nutrients[k];
        char v[24];
        fprintf(out, " %*s", daily_width[k],
                nu->daily_supplement[i] > 0 ? report_number(v, nu->daily_supplement[i], nu->id)
                                            : "-");
    }
    fputc('\n', out);
}

static void section_daily(FILE *out, const struct analysis *a, const struct report_opts *o) {
    static const char *const head[NUT_REPORTED_COUNT] = {
        "kcal", "prot g", "Ca mg", "Mg mg", "P mg", "K mg", "Na mg", "water g", "D ug"};
    int any_low = 0, any_supp = 0;

    heading(out, o, a->days == 1 ? "Totals" : "Daily totals");
    fprintf(out, "%-10s", "date");
    for (int k = 0; k < NUT_REPORTED_COUNT; k++)
        fprintf(out, " %*s", daily_width[k], head[k]);
    fputc('\n', out);
    for (size_t i = 0; i < a->days; i++) {
        char d[11];
        date_format(a->from + (long)i, d);
        fprintf(out, "%-10s", d);
        if (!a->logged[i]) {
            fprintf(out, "  not logged\n");
            continue;
        }
        for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
            const struct analysis_nutrient *nu = &a->nutrients[k];
            char v[24], cell[32];
            int low = nu->daily_completeness[i] < ANALYSIS_DAY_COMPLETENESS_MIN;
            any_low |= low;
            snprintf(cell, sizeof(cell), "%s%s",
                     isfinite(nu->daily[i]) ? report_number(v, nu->daily[i], nu->id) : "?",
                     low ? "~" : "");
            fprintf(out, " %*s", daily_width[k], cell);
        }
        fputc('\n', out);
        if (supplemented(a, i)) {
            daily_supplement_row(out, a, i);
            any_supp = 1;
        }
    }
    if (any_low)
        wrap(out, "", 2,
             "~ fewer than 80 % of that day's grams have a value for the nutrient (left out "
             "of the probabilities); ? no value at all.");
    if (any_supp)
        wrap(out, "", 2,
             "Totals are food + supplements; suppl.: the part from supplements (- none). "
             "Supplements do not count in the share of grams with a value.");
}

static void section_summary(FILE *out, const struct analysis *a, const struct report_opts *o) {
    heading(out, o, "Over the logged days");
    fprintf(out, "%-11s %-4s %8s %8s %8s %8s %6s %8s\n", "nutrient", "unit", "mean", "SD", "min",
            "max", "known", "suppl.");
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        const struct analysis_nutrient *nu = &a->nutrients[k];
        char m[24], s[24], lo[24], hi[24], c[16], sp[24];
        int id = nu->id;
        if (isfinite(nu->completeness))
            snprintf(c, sizeof(c), "%.0f%%", 100.0 * nu->completeness);
        else
            snprintf(c, sizeof(c), "-");
        fprintf(out, "%-11s %-4s %8s %8s %8s %8s %6s %8s\n", nu->key, nu->unit,
                report_number(m, nu->desc.mean, id), report_number(s, nu->desc.sd, id),
                report_number(lo, nu->desc.min, id), report_number(hi, nu->desc.max, id), c,
                report_number(sp, nu->from_supplements, id));
    }
    wrap(out, "", 2,
         "mean, SD, min, max: food + supplements; suppl.: mean per day from supplements; "
         "known: share of the food grams with a value.");
}

static void section_reference(FILE *out, const struct analysis *a, const struct report_opts *o) {
    int any_cv = 0, any_approx = 0, any_none = 0;

    heading(out, o, "Reference values and assessment");
    fprintf(out, "%-10s %7s %10s %10s %3s %8s %7s %7s\n", "nutrient", "EAR", "RDA/AI", "UL", "n",
            "P(adeq)", "P(>AI)", "P(>UL)");
    for (int s = 0; s < NUT_REPORTED_COUNT; s++) {
        const struct analysis_nutrient *nu = &a->nutrients[s];
        const int k = nu->id;
        struct report_nutrient_cells c;
        report_nutrient_cells(nu, " suppl", "*", &c);
        fprintf(out, "%-10s %7s %10s %10s %3s %8s %7s %7s\n", nu->key, c.ear, c.target, c.limit,
                c.n, c.p_adequate, c.p_above_ai, c.p_above_limit);
        any_cv |= nu->n_assess > 0 && nu->cv_unreliable && k != NUT_ENERGY;
        any_none |= nu->n_assess > 0 && nu->no_intake && k != NUT_ENERGY;
        any_approx |= nu->approximate && nu->n_assess > 0 && k != NUT_ENERGY;
    }
    wrap(out, "", 2,
         "P(adeq): probability that usual intake meets the requirement (EAR method, IOM 2000). "
         "P(>AI): confidence that usual intake is above the AI; a low value does not show a "
         "shortfall. P(>UL): probability that usual intake is above the UL (sodium: above the "
         "CDRR, a chronic-disease risk level, not a toxicity limit). n: days with complete "
         "values. Energy has no reference value: needs depend on height and activity.");
    if (a->nutrients[NUT_MAGNESIUM].ref.ul_supplement_only)
        wrap(out, "", 2,
             "suppl: the magnesium UL is for supplements and medicines only; magnesium from "
             "food is never compared with it (MAGNESIUM_SUPPLEMENT_UL tests the supplements). "
             "The other figures count food and supplements together.");
    if (any_approx)
        wrap(out, "", 2,
             "* approximate: a placeholder day-to-day SD (IOM tables not yet checked) or an "
             "approximate life stage was used.");
    if (any_cv)
        wrap(out, "", 2,
             "n/a: no probability; the nutrient's day-to-day variation is too large for the "
             "method (survey CV over 60 %), so only the mean is reported.");
    if (any_none)
        wrap(out, "", 2, "none: nothing of it was logged on any day, so there is no probability.");
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        char firm[160], line[200];
        if (!*report_firmness(&a->nutrients[k], firm, sizeof(firm)))
            continue;
        snprintf(line, sizeof(line), "%s: %s.", a->nutrients[k].key, firm);
        wrap(out, "", 2, line);
    }
}

static void section_bars(FILE *out, const struct analysis *a, const struct report_opts *o) {
    int any_supp = 0;

    heading(out, o, "Mean intake against the target (| marks the RDA or AI)");
    for (int s = 0; s < NUT_REPORTED_COUNT; s++) {
        const struct analysis_nutrient *nu = &a->nutrients[s];
        const int k = nu->id;
        char bar[BAR_LEN + 1], t[40];
        if (!isfinite(nu->target) || !(nu->target > 0))
            continue;
        if (!isfinite(nu->desc.mean)) {
            fprintf(out, "%-10s no value logged\n", nu->key);
            continue;
        }
        double ratio = nu->desc.mean / nu->target;
        int mark = (int)lround(BAR_LEN / BAR_MAX);
        int fill = (int)lround(ratio / BAR_MAX * BAR_LEN);
        if (fill > BAR_LEN)
            fill = BAR_LEN;
        /* the part from supplements: '+' at the end of the bar */
        int food = (int)lround(fmax(0.0, nu->desc.mean - nu->from_supplements) / nu->target /
                               BAR_MAX * BAR_LEN);
        for (int i = 0; i < BAR_LEN; i++)
            bar[i] = i < fill ? (i < food ? '#' : '+') : '.';
        any_supp |= fill > food;
        if (ratio > BAR_MAX)
            bar[BAR_LEN - 1] = '>';
        bar[mark] = '|';
        bar[BAR_LEN] = '\0';
        const char *c = flagged(a, k) ? pen(o, C_WARN) : pen(o, C_OK);
        fprintf(out, "%-10s [%s%s%s] %4.0f%% of %s %s\n", nu->key, c, bar, pen(o, C_RESET),
                100.0 * ratio, nu->target_name, report_amount(t, nu->target, k));
    }
    if (any_supp)
        wrap(out, "", 2, "# from food, + from supplements.");
}

static void section_sources(FILE *out, const struct analysis *a, const struct report_opts *o) {
    heading(out, o, "Where it came from (share of the period's known total)");
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        const struct analysis_nutrient *nu = &a->nutrients[k];
        char line[512];
        if (nu->n_sources == 0) {
            fprintf(out, "%s: nothing with a known value logged\n", nu->key);
            continue;
        }
        fprintf(out, "%s:\n", nu->key);
        for (size_t j = 0; j < nu->n_sources; j++)
            wrap(out, "  - ", 4, report_source_line(&nu->sources[j], nu->id, line, sizeof(line)));
    }
}

static void balance_row(FILE *out, const char *name, const struct analysis_measure *m,
                        const char *value_fmt, const char *range) {
    char v[24];
    if (isfinite(m->value))
        snprintf(v, sizeof(v), value_fmt, m->value);
    else
        snprintf(v, sizeof(v), "-");
    fprintf(out, "%-22s %8s  %-32s %s\n", name, v, range, analysis_position_name(m->position));
}

static void section_balance(FILE *out, const struct analysis *a, const struct report_opts *o) {
    const struct analysis_balance *b = &a->balance;
    char r[5][64];

    heading(out, o, "Balance");
    fprintf(out, "%-22s %8s  %s\n", "", "value", "range");
    if (isfinite(b->ca_p_ratio.low))
        snprintf(r[0], sizeof(r[0]), ">= %.2f (ratio of the RDAs)", b->ca_p_ratio.low);
    else
        snprintf(r[0], sizeof(r[0]), "-");
    snprintf(r[1], sizeof(r[1]), "%.1f-%.1f (observational)", b->ca_mg_ratio.low,
             b->ca_mg_ratio.high);
    snprintf(r[2], sizeof(r[2]), "%.0f-%.0f %% (AMDR)", b->protein_energy_pct.low,
             b->protein_energy_pct.high);
    if (isfinite(b->protein_g_per_kg.low))
        snprintf(r[3], sizeof(r[3]), ">= %.2f (RDA)", b->protein_g_per_kg.low);
    else
        snprintf(r[3], sizeof(r[3]), "-");
    snprintf(r[4], sizeof(r[4]), "<= %+.0f (dietbal threshold)", b->pral_meq.high);
    balance_row(out, "Ca:P (mass)", &b->ca_p_ratio, "%.2f", r[0]);
    balance_row(out, "Ca:Mg (mass)", &b->ca_mg_ratio, "%.2f", r[1]);
    balance_row(out, "Protein, % of energy", &b->protein_energy_pct, "%.1f", r[2]);
    balance_row(out, "Protein, g/kg", &b->protein_g_per_kg, "%.2f", r[3]);
    balance_row(out, "PRAL, mEq/day", &b->pral_meq, "%+.1f", r[4]);
    wrap(out, "", 2,
         "Ratios are of the period's means and only describe the diet: no adult Ca:P or Ca:Mg "
         "target exists, and no PRAL cut-off has been validated.");
}

static void section_warnings(FILE *out, const struct analysis *a, const struct report_opts *o) {
    heading(out, o, "Warnings");
    if (a->n_warnings == 0) {
        fprintf(out, "None.\n");
        return;
    }
    for (size_t i = 0; i < a->n_warnings; i++) {
        const struct analysis_warning *w = &a->warnings[i];
        char label[16];
        snprintf(label, sizeof(label), "%s", analysis_severity_name(w->severity));
        for (char *c = label; *c; c++)
            *c = (char)(*c - 'a' + 'A');
        fprintf(out, "%s%-8s%s %s\n", severity_pen(o, w->severity), label, pen(o, C_RESET),
                w->code);
        wrap(out, "  ", 2, w->message);
        wrap(out, "  Why: ", 2, w->why);
        wrap(out, "  What to do: ", 2, w->advice);
    }
}

static void section_cramps(FILE *out, const struct analysis *a, const struct report_opts *o) {
    const struct analysis_cramps *c = &a->cramps;
    char line[512];

    heading(out, o, "Cramp diary");
    if (c->episodes == 0) {
        fprintf(out, "No cramps logged in the period.\n");
    } else {
        int n = snprintf(line, sizeof(line), "%d episode%s on %d day%s (%d at night)", c->episodes,
                         c->episodes == 1 ? "" : "s", c->days_with_cramps,
                         c->days_with_cramps == 1 ? "" : "s", c->night_episodes);
        if (c->severity_n > 0 && n > 0 && (size_t)n < sizeof(line))
            snprintf(line + n, sizeof(line) - (size_t)n, "; severity mean %.1f, max %d of 10.",
                     c->mean_severity, c->max_severity);
        else if (n > 0 && (size_t)n < sizeof(line))
            snprintf(line + n, sizeof(line) - (size_t)n, ".");
        wrap(out, "", 2, line);
    }
    report_relation_note(a, line, sizeof(line));
    wrap(out, "", 2, line);
    if (c->relation == ANALYSIS_REL_DONE) {
        fprintf(out, "%-12s %22s %22s %7s\n", "day before", "cramp days (n)", "other days (n)",
                "r");
        for (int k = 0; k < ANALYSIS_RELATION_ITEMS; k++) {
            const struct analysis_relation_item *it = &c->items[k];
            char m1[48], m2[48], r[16];
            report_relation_cells(it, 1, m1, m2, r);
            fprintf(out, "%-12s %22s %22s %7s\n", strcmp(it->key, "pral") ? it->key : "PRAL", m1,
                    m2, r);
        }
        if (c->fisher_done) {
            snprintf(line, sizeof(line),
                     "Calcium below the EAR the day before: %u of %u cramp days, %u of %u other "
                     "days (Fisher's exact test, two-sided p = %.3f). r: point-biserial "
                     "correlation with having a cramp the next day.",
                     c->fisher_table[0], c->fisher_table[0] + c->fisher_table[2],
                     c->fisher_table[1], c->fisher_table[1] + c->fisher_table[3],
                     c->fisher.p_two_sided);
            wrap(out, "", 2, line);
        }
    }
    if (c->episodes > 0) {
        fprintf(out, "What may help:\n");
        for (size_t i = 0; ADVICE_CRAMP_CARE[i]; i++)
            wrap(out, "  - ", 4, ADVICE_CRAMP_CARE[i]);
    }
}

static void section_trends(FILE *out, const struct analysis *a, const struct report_opts *o) {
    int any = 0;
    for (int k = 0; k < NUT_REPORTED_COUNT; k++)
        any |= a->nutrients[k].has_trend;
    if (!any)
        return;
    heading(out, o, "Trend (least-squares slope per week over the logged days)");
    for (int s = 0; s < NUT_REPORTED_COUNT; s++) {
        const struct analysis_nutrient *nu = &a->nutrients[s];
        const int k = nu->id;
        if (!nu->has_trend)
            continue;
        const char *fmt = k == NUT_PROTEIN || k == NUT_VITAMIN_D
                              ? "%-10s %+9.1f %s/week (SE %.1f, %zu days)\n"
                              : "%-10s %+9.0f %s/week (SE %.0f, %zu days)\n";
        fprintf(out, fmt, nu->key, nu->trend.slope_per_week, nu->unit, nu->trend.se_per_week,
                nu->trend.n);
    }
}

static void section_suggestions(FILE *out, const struct analysis *a, const struct report_opts *o) {
    if (!o || o->n_suggestions == 0)
        return;
    heading(out, o, "Foods to consider");
    for (size_t i = 0; i < o->n_suggestions; i++) {
        const struct report_suggestions *sg = &o->suggestions[i];
        const char *key = analysis_nutrient_key(sg->nutrient);
        if (!key || sg->n == 0)
            continue;
        fprintf(out, "%s:\n", key);
        for (size_t j = 0; j < sg->n; j++) {
            const struct suggestion *s = &sg->items[j];
            char line[768], amt[40], portion[160];
            const char *pn = s->portion ? s->portion : "100 g";
            size_t pl = strlen(pn);
            /* "1 cup, 245 g", but "100 g" rather than "100 g, 100 g" */
            if (pl >= 2 && strcmp(pn + pl - 2, " g") == 0)
                snprintf(portion, sizeof(portion), "%s", pn);
            else
                snprintf(portion, sizeof(portion), "%s, %.0f g", pn, s->portion_g);
            snprintf(line, sizeof(line), "%s [%s] (%s): %s", s->name ? s->name : "?",
                     s->id ? s->id : "?", portion,
                     report_amount(amt, s->per_portion, sg->nutrient));
            wrap(out, "  - ", 4, line);
        }
    }
    (void)a;
}

int report_text(FILE *out, const struct analysis *a, const struct report_opts *o) {
    section_header(out, a, o);
    section_preeclampsia(out, a, o);
    section_red_flag(out, a, o);
    section_daily(out, a, o);
    if (a->days > 1)
        section_summary(out, a, o);
    section_reference(out, a, o);
    section_bars(out, a, o);
    section_sources(out, a, o);
    section_balance(out, a, o);
    section_warnings(out, a, o);
    section_cramps(out, a, o);
    section_trends(out, a, o);
    section_suggestions(out, a, o);
    fputc('\n', out);
    wrap(out, "", 0, ADVICE_NOT_MEDICAL);
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
