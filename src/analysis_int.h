/*
 * analysis_int.h - what the files of the analysis module share and nothing
 * else sees (analysis.h is the module's only public face): analysis.c
 * (statistics, rules), analysis_stage.c (life stages, reference values,
 * notes), analysis_sources.c (where each nutrient came from).
 */
#ifndef DIETBAL_ANALYSIS_INT_H
#define DIETBAL_ANALYSIS_INT_H

#include "dietbal/analysis.h"

#include <stddef.h>

/*
 * Each day's life stage (a->day_stage), the stage shown (a->stage),
 * stage_days, stage_mixed, has_profile, profile_note and the life-stage
 * notes.  Needs a->logged.  Returns 0, or -1 when out of memory.
 */
int analysis_stage_fill(struct analysis *a, const struct profile *p);

/*
 * The reference values of nutrient id for the period: each the day-weighted
 * mean of the daily values over the days that judge it (its assessed days,
 * else the logged days, else every day), nutrition-science.md 0.3.  Notes,
 * sources and flags are those of the last of those days.  *approximate is
 * set when any of those days' stage is approximate.  Needs daily values.
 */
int analysis_period_ref(const struct analysis *a, int id, struct dri_ref *out, int *approximate);

/* Append a note (profile.notes); silently dropped when the list is full. */
void analysis_add_note(struct analysis *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Rank the sources of every nutrient (nu->sources); -1 when out of memory. */
int analysis_sources_fill(struct analysis *a, const struct period_source *src, size_t n);

/* Free what analysis_sources_fill allocated. */
void analysis_sources_free(struct analysis *a);

#endif
