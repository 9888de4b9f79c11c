/*
 * report_common.c - pieces of wording and number formatting shared by the
 * renderers, so that every format says the same thing in the same words:
 * a nutrient's value at report precision, a probability cell, the cramp
 * summary sentence, the list of days not logged, the Fisher's-test
 * sentence.  Pure formatting: no decisions, no output streams.
 */
#include "dietbal/report.h"

#include "dietbal/date.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *report_number(char buf[24], double v, int nutrient) {
    if (!isfinite(v))
        snprintf(buf, 24, "-");
    else if (nutrient == NUT_PROTEIN || nutrient == NUT_VITAMIN_D)
        snprintf(buf, 24, "%.1f", v);
    else
        snprintf(buf, 24, "%.0f", v);
    return buf;
}

const char *report_probability(char buf[24], double p, const struct analysis_nutrient *nu,
                               int applies, const char *approx_mark) {
    if (!applies)
        snprintf(buf, 24, "-");
    else if (nu->n_assess > 0 && nu->no_intake)
        snprintf(buf, 24, "none");
    else if (nu->n_assess > 0 && nu->cv_unreliable)
        snprintf(buf, 24, "n/a");
    else if (!isfinite(p))
        snprintf(buf, 24, "-");
    else
        snprintf(buf, 24, "%.2f%s", p, nu->approximate && approx_mark ? approx_mark : "");
    return buf;
}

const char *report_target(char buf[48], const struct dri_ref *r, int nutrient) {
    char v[24];

    if (isfinite(r->rda))
        snprintf(buf, 48, "%s RDA", report_number(v, r->rda, nutrient));
    else if (isfinite(r->ai))
        snprintf(buf, 48, "%s AI", report_number(v, r->ai, nutrient));
    else
        snprintf(buf, 48, "-");
    return buf;
}

const char *report_limit(char buf[64], const struct dri_ref *r, int nutrient,
                         const char *supplements_mark) {
    char v[24];

    if (r->ul_supplement_only)
        snprintf(buf, 64, "%s%s", report_number(v, r->ul, nutrient), supplements_mark);
    else if (isfinite(r->ul))
        snprintf(buf, 64, "%s", report_number(v, r->ul, nutrient));
    else if (isfinite(r->cdrr))
        snprintf(buf, 64, "%s CDRR", report_number(v, r->cdrr, nutrient));
    else
        snprintf(buf, 64, "-");
    return buf;
}

int report_limit_applies(const struct dri_ref *r) {
    return (isfinite(r->ul) && !r->ul_supplement_only) || isfinite(r->cdrr);
}

double report_p_above_limit(const struct analysis_nutrient *nu) {
    return isfinite(nu->ref.cdrr) ? nu->p_above_cdrr : nu->p_above_ul;
}

const char *report_cramp_summary(const struct analysis *a, char *buf, size_t len) {
    const struct analysis_cramps *c = &a->cramps;

    if (c->episodes == 0) {
        snprintf(buf, len, "No cramps logged in the period.");
        return buf;
    }
    int n = snprintf(buf, len, "%d episode%s on %d day%s (%d at night)", c->episodes,
                     c->episodes == 1 ? "" : "s", c->days_with_cramps,
                     c->days_with_cramps == 1 ? "" : "s", c->night_episodes);
    if (n < 0 || (size_t)n >= len)
        return buf;
    if (c->severity_n > 0)
        snprintf(buf + n, len - (size_t)n, "; severity mean %.1f, max %d of 10.", c->mean_severity,
                 c->max_severity);
    else
        snprintf(buf + n, len - (size_t)n, ".");
    return buf;
}

const char *report_unlogged_days(const struct analysis *a, char *buf, size_t len) {
    size_t used = 0;

    if (len == 0)
        return buf;
    buf[0] = '\0';
    for (size_t i = 0; i < a->days; i++) {
        char d[11];
        if (a->logged[i])
            continue;
        date_format(a->from + (long)i, d);
        /* room for ", YYYY-MM-DD", ", ..." and the NUL */
        if (used + 2 + 10 + 5 + 1 > len) {
            snprintf(buf + used, len - used, "%s...", used ? ", " : "");
            break;
        }
        used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "", d);
    }
    return buf;
}

const char *report_fisher_note(const struct analysis *a, char *buf, size_t len) {
    const struct analysis_cramps *c = &a->cramps;

    if (!c->fisher_done) {
        snprintf(buf, len, "%s", "");
        return buf;
    }
    snprintf(buf, len,
             "Calcium below the EAR the day before: %u of %u cramp days, %u of %u other days "
             "(Fisher's exact test, two-sided p = %.3f).",
             c->fisher_table[0], c->fisher_table[0] + c->fisher_table[2], c->fisher_table[1],
             c->fisher_table[1] + c->fisher_table[3], c->fisher.p_two_sided);
    return buf;
}

const char *report_firmness(const struct analysis_nutrient *nu, char *buf, size_t len) {
    switch (nu->firmness) {
    case ANALYSIS_FIRM_MORE_DAYS:
        snprintf(buf, len, "log %ld more day%s at this mean for a firm answer", nu->days_needed,
                 nu->days_needed == 1 ? "" : "s");
        break;
    case ANALYSIS_FIRM_NEVER:
        snprintf(buf, len,
                 "more days at this mean would not make it firm: the mean is too close to the "
                 "EAR for the spread of requirements");
        break;
    case ANALYSIS_FIRM_NA:
    case ANALYSIS_FIRM_YES:
        snprintf(buf, len, "%s", "");
        break;
    }
    return buf;
}

const char *report_units(char buf[40], double units, const char *unit) {
    snprintf(buf, 40, "%g %s%s", units, unit, units == 1 || strcmp(unit, "ml") == 0 ? "" : "s");
    return buf;
}

const char *report_source_line(const struct analysis_source *src, int nutrient, char *buf,
                               size_t len) {
    char amt[40], u[40];

    report_amount(amt, src->amount, nutrient);
    if (isfinite(src->grams))
        snprintf(buf, len, "%.0f %% from %s [%s] (%.0f g, %s)", 100.0 * src->share, src->name,
                 src->id, src->grams, amt);
    else if (isfinite(src->units))
        snprintf(buf, len, "%.0f %% from %s [%s] (%s, %s)", 100.0 * src->share, src->name, src->id,
                 report_units(u, src->units, src->unit), amt);
    else
        snprintf(buf, len, "%.0f %% from %s [%s] (%s)", 100.0 * src->share, src->name, src->id,
                 amt);
    return buf;
}

/* One mean of the relation as a cell (see report_relation_cells). */
static void relation_mean(char out[48], double mean, const char *unit, size_t n, int with_n) {
    int grams = strcmp(unit, "g") == 0;
    if (!isfinite(mean))
        snprintf(out, 48, "%s", with_n ? "- (0)" : "-");
    else if (with_n)
        snprintf(out, 48, grams ? "%.1f %s (%zu)" : "%.0f %s (%zu)", mean, unit, n);
    else
        snprintf(out, 48, grams ? "%.1f %s" : "%.0f %s", mean, unit);
}

void report_nutrient_cells(const struct analysis_nutrient *nu, const char *limit_suffix,
                           const char *star, struct report_nutrient_cells *c) {
    const struct dri_ref *r = &nu->ref;
    const int k = nu->id;

    report_number(c->mean, nu->desc.mean, k);
    report_number(c->sd, nu->desc.sd, k);
    report_number(c->min, nu->desc.min, k);
    report_number(c->max, nu->desc.max, k);
    if (isfinite(nu->completeness))
        snprintf(c->complete, sizeof(c->complete), "%.0f %%", 100.0 * nu->completeness);
    else
        snprintf(c->complete, sizeof(c->complete), "-");
    report_number(c->ear, r->ear, k);
    report_target(c->target, r, k);
    report_limit(c->limit, r, k, limit_suffix);
    if (k == NUT_ENERGY)
        snprintf(c->n, sizeof(c->n), "-");
    else
        snprintf(c->n, sizeof(c->n), "%zu", nu->n_assess);
    report_probability(c->p_adequate, nu->p_adequate, nu, r->has_ear, star);
    report_probability(c->p_above_ai, nu->p_above_ai, nu, isfinite(r->ai), star);
    report_probability(c->p_above_limit, report_p_above_limit(nu), nu, report_limit_applies(r),
                       star);
    report_number(c->supplements, nu->from_supplements, k);
}

void report_relation_cells(const struct analysis_relation_item *it, int with_n, char m1[48],
                           char m2[48], char r[16]) {
    relation_mean(m1, it->mean_cramp, it->unit, it->n_cramp, with_n);
    relation_mean(m2, it->mean_other, it->unit, it->n_other, with_n);
    if (isfinite(it->r_point_biserial))
        snprintf(r, 16, "%+.2f", it->r_point_biserial);
    else
        snprintf(r, 16, "-");
}
