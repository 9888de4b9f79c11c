/*
 * analysis_sources.c - where each nutrient came from over the period: the
 * sources (foods and supplements) that supplied most of it, largest first,
 * each with its share of the period's known total.  This is what a
 * dietitian asks first about a shortfall (issue 14).
 *
 * The shares are of the known total: the sum over every source with a
 * value for the nutrient, which is the sum of the daily totals.  A source
 * without a value is left out (its amount is unknown, not zero), and so is
 * one that supplied none of it.
 *
 * No SQL, no printing, no exit.
 */
#include "analysis_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether source x ranks before y for nutrient slot k: more of it; on a tie the
 * smaller id, so that the order never depends on the input's. */
static int before(const struct period_source *x, const struct period_source *y, int k) {
    if (x->amount[k] != y->amount[k])
        return x->amount[k] > y->amount[k];
    return strcmp(x->id, y->id) < 0;
}

/* Rank the sources of slot k (period_source amounts are by slot). */
static int rank_nutrient(struct analysis_nutrient *nu, int k, const struct period_source *src,
                         size_t n) {
    const struct period_source *top[ANALYSIS_MAX_SOURCES];
    size_t m = 0;
    double total = 0;

    for (size_t i = 0; i < n; i++) {
        const struct period_source *x = &src[i];
        if (!isfinite(x->amount[k]) || !(x->amount[k] > 0))
            continue;
        total += x->amount[k];
        /* insert into the top list, kept sorted */
        size_t j = m < ANALYSIS_MAX_SOURCES ? m++ : m;
        if (j == ANALYSIS_MAX_SOURCES && !before(x, top[j - 1], k))
            continue;
        if (j == ANALYSIS_MAX_SOURCES)
            j--;
        while (j > 0 && before(x, top[j - 1], k)) {
            top[j] = top[j - 1];
            j--;
        }
        top[j] = x;
    }
    nu->sources_total = total > 0 ? total : NAN;
    for (size_t j = 0; j < m; j++) {
        struct analysis_source *s = &nu->sources[j];
        s->id = strdup(top[j]->id);
        s->name = strdup(top[j]->name);
        nu->n_sources = j + 1;
        if (!s->id || !s->name)
            return -1;
        s->grams = top[j]->grams;
        s->units = top[j]->units;
        snprintf(s->unit, sizeof(s->unit), "%s", top[j]->unit);
        s->amount = top[j]->amount[k];
        s->share = s->amount / total;
    }
    return 0;
}

int analysis_sources_fill(struct analysis *a, const struct period_source *src, size_t n) {
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        a->nutrients[k].sources_total = NAN;
        if (src && rank_nutrient(&a->nutrients[k], k, src, n) != 0)
            return -1;
    }
    return 0;
}

void analysis_sources_free(struct analysis *a) {
    for (int k = 0; k < NUT_REPORTED_COUNT; k++)
        for (size_t j = 0; j < a->nutrients[k].n_sources; j++) {
            free(a->nutrients[k].sources[j].id);
            free(a->nutrients[k].sources[j].name);
        }
}
