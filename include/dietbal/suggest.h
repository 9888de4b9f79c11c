/*
 * suggest.h - foods that raise one nutrient while keeping the balance
 * (for calcium: plenty per portion and per 100 kcal, a high Ca:P ratio and
 * a small protein load).  Reads the store; prints nothing.
 */
#ifndef DIETBAL_SUGGEST_H
#define DIETBAL_SUGGEST_H

#include "dietbal/store.h"

#include <stddef.h>

struct suggestion {
    char *id;
    char *name;
    char *portion;        /* "1 cup" (the food's first portion), or "100 g" */
    double portion_g;     /* grams in that portion */
    double per_portion;   /* the nutrient in that portion, its standard unit */
    double per_100kcal;   /* the nutrient per 100 kcal of the food */
    double per_100g;
    double ca_p_ratio;    /* of the food, NAN when unknown */
    double protein_g;     /* protein in the portion, NAN when unknown */
    double pral_meq;      /* PRAL of the portion, NAN when an input is unknown */
    double score;         /* higher is better; the ranking */
};

/*
 * Up to limit foods for nutrient id (a core nutrient: NUT_CALCIUM,
 * NUT_MAGNESIUM, NUT_POTASSIUM, NUT_PROTEIN, NUT_WATER ...), best first.
 * On failure returns -1 with err filled.  Free with suggest_free.
 */
int suggest_foods(store *s, int nutrient, size_t limit, struct suggestion **out, size_t *n,
                  char *err, size_t errlen);
void suggest_free(struct suggestion *list, size_t n);

/* The core nutrient named by a word ("calcium", "ca", "magnesium", "mg",
 * "protein" ...), or -1. */
int suggest_nutrient_by_name(const char *name);

#endif
