/*
 * report_markdown.c - the content of the text report as Markdown, for
 * pasting into notes or sharing with a dietitian: the same sections, with
 * tables as GitHub-flavoured Markdown tables.  Text from outside (food
 * names) is escaped so that it cannot break a table.
 *
 * Only reads the analysis; red-flag advice first when there is a red flag,
 * the not-medical-advice note last.
 */
#include "dietbal/report.h"
#include "dietbal/textesc.h"

#include "dietbal/advice.h"
#include "dietbal/date.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Text with the characters that mean something in a Markdown table or
 * inline markup backslash-escaped; newlines become spaces. */
static void md_text(FILE *out, const char *text) {
    /* Markdown is read in terminals too: controls and format characters
     * escaped first (textesc_term), then Markdown's own characters */
    char *safe = text ? textesc_term(text) : NULL;

    for (const char *s = safe ? safe : "?"; text && *s; s++) {
        if (strchr("\\|*_`[]<>#", *s))
            fputc('\\', out);
        fputc(*s, out);
    }
    free(safe);
}

static void md_header(FILE *out, const struct analysis *a) {
    char from[11], to[11], line[512];

    date_format(a->from, from);
    date_format(a->to, to);
    if (a->days == 1)
        fprintf(out, "# dietbal day: %s\n\n", from);
    else
        fprintf(out, "# dietbal report: %s to %s\n\n", from, to);
    fprintf(out, "- Days: %zu, logged: %zu\n", a->days, a->days_logged);
    fprintf(out, "- Profile: ");
    md_text(out, report_profile_line(a, line, sizeof(line)));
    fputc('\n', out);
    for (size_t i = 0; i < a->n_notes; i++) {
        fprintf(out, "- Note: ");
        md_text(out, a->notes[i]);
        fputc('\n', out);
    }
    if (a->days_logged < a->days && a->days > 1) {
        int first = 1;
        fprintf(out, "- Not logged: ");
        for (size_t i = 0; i < a->days; i++) {
            char d[11];
            if (a->logged[i])
                continue;
            date_format(a->from + (long)i, d);
            fprintf(out, "%s%s", first ? "" : ", ", d);
            first = 0;
        }
        fputc('\n', out);
    }
}

static void md_preeclampsia(FILE *out, const struct analysis *a) {
    const struct analysis_warning *w = analysis_warning_find(a, "PREECLAMPSIA_SIGNS");
    if (!w)
        return;
    fprintf(out, "\n> **" REPORT_PREECLAMPSIA_TITLE ".**\n>\n> ");
    md_text(out, w->message);
    fprintf(out, "\n>\n> ");
    md_text(out, ADVICE_PREECLAMPSIA_EMERGENCY);
    fputc('\n', out);
}

static void md_red_flag(FILE *out, const struct analysis *a) {
    const struct analysis_warning *w = analysis_warning_find(a, "CRAMP_RED_FLAG");
    if (!w)
        return;
    fprintf(out, "\n> **See a clinician today: possible blood clot.**\n>\n> ");
    md_text(out, w->message);
    fprintf(out, "\n>\n> ");
    md_text(out, ADVICE_EMERGENCY);
    fputc('\n', out);
}

static void md_daily(FILE *out, const struct analysis *a) {
    int any_supp = 0;

    fprintf(out, "\n## %s\n\n| date |", a->days == 1 ? "Totals" : "Daily totals");
    for (int k = 0; k < NUT_REPORTED_COUNT; k++)
        fprintf(out, " %s (%s) |", a->nutrients[k].key, a->nutrients[k].unit);
    fprintf(out, "\n| --- |");
    for (int k = 0; k < NUT_REPORTED_COUNT; k++)
        fprintf(out, " ---: |");
    fputc('\n', out);
    for (size_t i = 0; i < a->days; i++) {
        char d[11], v[24];
        int supp = 0;
        date_format(a->from + (long)i, d);
        fprintf(out, "| %s |", d);
        for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
            const struct analysis_nutrient *nu = &a->nutrients[k];
            supp |= a->logged[i] && nu->daily_supplement[i] > 0;
            if (!a->logged[i])
                fprintf(out, " %s |", k == 0 ? "not logged" : "");
            else
                fprintf(out, " %s%s |",
                        isfinite(nu->daily[i]) ? report_number(v, nu->daily[i], nu->id) : "?",
                        nu->daily_completeness[i] < ANALYSIS_DAY_COMPLETENESS_MIN ? " ~" : "");
        }
        fputc('\n', out);
        if (!supp)
            continue;
        any_supp = 1;
        fprintf(out, "| of which supplements |");
        for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
            const struct analysis_nutrient *nu = &a->nutrients[k];
            fprintf(out, " %s |",
                    nu->daily_supplement[i] > 0 ? report_number(v, nu->daily_supplement[i], nu->id)
                                                : "-");
        }
        fputc('\n', out);
    }
    fprintf(out, "\n~ fewer than 80 %% of the day's grams have a value for the nutrient; "
                 "? no value at all.\n");
    if (any_supp)
        fprintf(out, "\nTotals are food + supplements; \"of which supplements\" is the part "
                     "from supplements (- none), which never counts in the share of grams with "
                     "a value.\n");
}

static void md_nutrients(FILE *out, const struct analysis *a) {
    fprintf(out, "\n## Nutrients\n\n"
                 "| nutrient | unit | mean | SD | min | max | known | EAR | RDA/AI | UL | n | "
                 "P(adequate) | P(>AI) | P(>UL) | from supplements |\n"
                 "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
                 "---: | ---: | ---: | ---: |\n");
    for (int slot = 0; slot < NUT_REPORTED_COUNT; slot++) {
        const struct analysis_nutrient *nu = &a->nutrients[slot];
        struct report_nutrient_cells c;
        report_nutrient_cells(nu, " (supplements only)", "\\*", &c);
        fprintf(out,
                "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %zu | %s | %s | %s | %s |\n",
                nu->key, nu->unit, c.mean, c.sd, c.min, c.max, c.complete, c.ear, c.target, c.limit,
                nu->n_assess, c.p_adequate, c.p_above_ai, c.p_above_limit, c.supplements);
    }
    fprintf(out, "\nP(adequate): probability that usual intake meets the requirement (EAR "
                 "method, IOM 2000). P(>AI): confidence that usual intake is above the AI; a low "
                 "value does not show a shortfall. P(>UL): probability that usual intake is above "
                 "the UL (sodium: above the CDRR, not a toxicity limit). n: days with complete "
                 "values. \\* approximate (placeholder day-to-day SD or approximate life stage). "
                 "none: nothing of it was logged, so no probability. n/a: the nutrient's "
                 "day-to-day variation is too large for a probability; mean only. The magnesium "
                 "UL is for supplements only; food magnesium is never compared with it. Means "
                 "count food and supplements; from supplements: mean per day from them.\n");
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        char firm[160];
        if (*report_firmness(&a->nutrients[k], firm, sizeof(firm)))
            fprintf(out, "\n- %s: %s.", a->nutrients[k].key, firm);
    }
    fputc('\n', out);
}

static void md_sources(FILE *out, const struct analysis *a) {
    fprintf(out, "\n## Where it came from\n\nThe foods and supplements that supplied most of "
                 "each nutrient over the period, with their share of its known total.\n\n"
                 "| nutrient | share | food or supplement | id | grams or units | amount |\n"
                 "| --- | ---: | --- | --- | ---: | ---: |\n");
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        const struct analysis_nutrient *nu = &a->nutrients[k];
        if (nu->n_sources == 0)
            fprintf(out, "| %s | - | nothing with a known value logged | | | |\n", nu->key);
        for (size_t j = 0; j < nu->n_sources; j++) {
            const struct analysis_source *src = &nu->sources[j];
            char amt[40], u[40];
            fprintf(out, "| %s | %.0f %% | ", j == 0 ? nu->key : "", 100.0 * src->share);
            md_text(out, src->name);
            fprintf(out, " | ");
            md_text(out, src->id);
            if (isfinite(src->grams))
                fprintf(out, " | %.0f g", src->grams);
            else if (isfinite(src->units))
                fprintf(out, " | %s", report_units(u, src->units, src->unit));
            else
                fprintf(out, " | -");
            fprintf(out, " | %s |\n", report_amount(amt, src->amount, nu->id));
        }
    }
}

static void md_balance(FILE *out, const struct analysis *a) {
    const struct analysis_balance *b = &a->balance;
    const struct {
        const char *name;
        const struct analysis_measure *m;
        const char *fmt;
    } rows[] = {
        {"Ca:P (mass)", &b->ca_p_ratio, "%.2f"},
        {"Ca:Mg (mass)", &b->ca_mg_ratio, "%.2f"},
        {"Protein, % of energy", &b->protein_energy_pct, "%.1f"},
        {"Protein, g/kg", &b->protein_g_per_kg, "%.2f"},
        {"PRAL, mEq/day", &b->pral_meq, "%+.1f"},
    };
    fprintf(out, "\n## Balance\n\n| measure | value | low | high | position | range |\n"
                 "| --- | ---: | ---: | ---: | --- | --- |\n");
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        char v[24], lo[24], hi[24];
        const struct analysis_measure *m = rows[i].m;
        if (isfinite(m->value))
            snprintf(v, sizeof(v), rows[i].fmt, m->value);
        else
            snprintf(v, sizeof(v), "-");
        if (isfinite(m->low))
            snprintf(lo, sizeof(lo), "%.2f", m->low);
        else
            snprintf(lo, sizeof(lo), "-");
        if (isfinite(m->high))
            snprintf(hi, sizeof(hi), "%.2f", m->high);
        else
            snprintf(hi, sizeof(hi), "-");
        fprintf(out, "| %s | %s | %s | %s | %s | ", rows[i].name, v, lo, hi,
                analysis_position_name(m->position));
        md_text(out, m->range);
        fprintf(out, " |\n");
    }
}

static void md_warnings(FILE *out, const struct analysis *a) {
    fprintf(out, "\n## Warnings\n\n");
    if (a->n_warnings == 0) {
        fprintf(out, "None.\n");
        return;
    }
    for (size_t i = 0; i < a->n_warnings; i++) {
        const struct analysis_warning *w = &a->warnings[i];
        fprintf(out, "### %s (%s)\n\n", w->code, analysis_severity_name(w->severity));
        md_text(out, w->message);
        fprintf(out, "\n\n- Why: ");
        md_text(out, w->why);
        fprintf(out, "\n- What to do: ");
        md_text(out, w->advice);
        fprintf(out, "\n\n");
    }
}

static void md_cramps(FILE *out, const struct analysis *a) {
    const struct analysis_cramps *c = &a->cramps;
    char note[512];

    fprintf(out, "\n## Cramp diary\n\n");
    if (c->episodes == 0)
        fprintf(out, "No cramps logged in the period.\n\n");
    else {
        fprintf(out, "%d episode%s on %d day%s (%d at night)", c->episodes,
                c->episodes == 1 ? "" : "s", c->days_with_cramps,
                c->days_with_cramps == 1 ? "" : "s", c->night_episodes);
        if (c->severity_n)
            fprintf(out, "; severity mean %.1f, max %d of 10", c->mean_severity, c->max_severity);
        fprintf(out, ".\n\n");
    }
    md_text(out, report_relation_note(a, note, sizeof(note)));
    fprintf(out, "\n");
    if (c->relation == ANALYSIS_REL_DONE) {
        fprintf(out, "\n| day before | cramp days: mean | n | other days: mean | n | r |\n"
                     "| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (int k = 0; k < ANALYSIS_RELATION_ITEMS; k++) {
            const struct analysis_relation_item *it = &c->items[k];
            char m1[48], m2[48], r[16];
            report_relation_cells(it, 0, m1, m2, r);
            fprintf(out, "| %s | %s | %zu | %s | %zu | %s |\n",
                    strcmp(it->key, "pral") ? it->key : "PRAL", m1, it->n_cramp, m2, it->n_other,
                    r);
        }
        if (c->fisher_done)
            fprintf(out,
                    "\nCalcium below the EAR the day before: %u of %u cramp days, %u of %u "
                    "other days (Fisher's exact test, two-sided p = %.3f).\n",
                    c->fisher_table[0], c->fisher_table[0] + c->fisher_table[2], c->fisher_table[1],
                    c->fisher_table[1] + c->fisher_table[3], c->fisher.p_two_sided);
    }
    if (c->episodes > 0) {
        fprintf(out, "\nWhat may help:\n\n");
        for (size_t i = 0; ADVICE_CRAMP_CARE[i]; i++) {
            fprintf(out, "- ");
            md_text(out, ADVICE_CRAMP_CARE[i]);
            fputc('\n', out);
        }
    }
}

static void md_trends(FILE *out, const struct analysis *a) {
    int any = 0;
    for (int k = 0; k < NUT_REPORTED_COUNT; k++)
        any |= a->nutrients[k].has_trend;
    if (!any)
        return;
    fprintf(out, "\n## Trend\n\nLeast-squares slope per week over the logged days.\n\n"
                 "| nutrient | slope per week | SE | days |\n| --- | ---: | ---: | ---: |\n");
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        const struct analysis_nutrient *nu = &a->nutrients[k];
        if (nu->has_trend)
            fprintf(out, "| %s | %+.1f %s | %.1f | %zu |\n", nu->key, nu->trend.slope_per_week,
                    nu->unit, nu->trend.se_per_week, nu->trend.n);
    }
}

static void md_suggestions(FILE *out, const struct report_opts *o) {
    if (!o || o->n_suggestions == 0)
        return;
    fprintf(out, "\n## Foods to consider\n\n| nutrient | food | id | portion | grams | amount |\n"
                 "| --- | --- | --- | --- | ---: | ---: |\n");
    for (size_t i = 0; i < o->n_suggestions; i++) {
        const struct report_suggestions *sg = &o->suggestions[i];
        const char *key = analysis_nutrient_key(sg->nutrient);
        for (size_t j = 0; key && j < sg->n; j++) {
            const struct suggestion *s = &sg->items[j];
            char amt[40];
            fprintf(out, "| %s | ", key);
            md_text(out, s->name);
            fprintf(out, " | ");
            md_text(out, s->id);
            fprintf(out, " | ");
            md_text(out, s->portion ? s->portion : "100 g");
            fprintf(out, " | %.0f g | %s |\n", s->portion_g,
                    report_amount(amt, s->per_portion, sg->nutrient));
        }
    }
}

int report_markdown(FILE *out, const struct analysis *a, const struct report_opts *o) {
    md_header(out, a);
    md_preeclampsia(out, a);
    md_red_flag(out, a);
    md_daily(out, a);
    md_nutrients(out, a);
    md_sources(out, a);
    md_balance(out, a);
    md_warnings(out, a);
    md_cramps(out, a);
    md_trends(out, a);
    md_suggestions(out, o);
    fprintf(out, "\n---\n\n*");
    md_text(out, ADVICE_NOT_MEDICAL);
    fprintf(out, "*\n");
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
