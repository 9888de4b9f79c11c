/*
 * diary.h - what a person logged, as plain data: a diary row (a food in
 * grams or a supplement in units), one day's totals, what supplied the
 * nutrients over a period, and a saved meal.
 *
 * The store fills these and the analysis, the export and the commands read
 * them; nothing here opens the database, runs SQL or prints, so a module
 * that only reads a diary includes this header and never store.h.  (The
 * text parser of an ENTRY argument is entry.h.)
 */
#ifndef DIETBAL_DIARY_H
#define DIETBAL_DIARY_H

#include "dietbal/nutrients.h"
#include "dietbal/supplement.h"

#include <stddef.h>
#include <stdint.h>

/* One diary row, a food or a supplement entry. */
struct entry {
    int64_t id;
    char date[11];
    char time[6];                   /* "" when not given */
    char meal[12];                  /* "" when not given */
    char *food_id;                  /* a supplement entry: the supplement's id */
    char *food_name;                /* a supplement entry: its name */
    double grams;                   /* NAN for a supplement entry */
    double values[NUT_CORE_COUNT];  /* for the grams (units) logged; NAN unknown
                                       (a supplement's undeclared value is 0) */
    int supplement;                 /* 1: a supplement entry */
    double units;                   /* a supplement entry's units; NAN for a food */
    char unit[SUPPLEMENT_UNIT_MAX]; /* its dose form; "" for a food */
};

/* One day's totals, per reported nutrient slot (nutrients.h).  Foods:
 * total[k] sums the food entries whose food has a known value of the
 * nutrient; known_grams[k] is the grams of those entries; entries and
 * grams count food entries only.  Supplements apart: supplement[k] is the
 * day's amount from supplement entries (0 when none; a value a label does
 * not declare counts as 0), supplement_entries their number. */
struct day_totals {
    char date[11];
    int entries;
    double grams;
    double total[NUT_REPORTED_COUNT];
    double known_grams[NUT_REPORTED_COUNT];
    int supplement_entries;
    double supplement[NUT_REPORTED_COUNT];
};

/*
 * What supplied the nutrients over a period: one row per source, a food or
 * a supplement.  A food has the grams eaten; a supplement has no weight
 * (grams NAN) but the units taken (units, unit: "tablet"; NAN and "" for a
 * food).  amount[k] is the amount of reported nutrient slot k
 * (nutrients.h) it supplied over the period, NAN when a food has no value
 * for it (a supplement's undeclared amount is 0, as everywhere).
 */
struct period_source {
    char *id;
    char *name;
    double grams;
    double units;
    char unit[SUPPLEMENT_UNIT_MAX];
    double amount[NUT_REPORTED_COUNT];
};

/* One entry of a saved meal: a food in grams or a supplement in units. */
struct saved_item {
    int supplement; /* 1: food_id is a supplement's id, units counts */
    char *food_id;
    double grams; /* NAN for a supplement */
    double units; /* NAN for a food */
    char *text;   /* as typed or logged: "1 cup whole milk" */
};

struct saved_meal {
    char *name; /* the key: a slug (recipe_slug) */
    struct saved_item *items;
    size_t n;
};

/* Free a saved meal and everything it owns; NULL is a no-op. */
void saved_meal_free(struct saved_meal *m);

#endif
