/*
 * suggest.h - foods that raise one nutrient while keeping the balance
 * (for calcium: plenty per portion and per 100 kcal, a high Ca:P ratio and
 * a small protein load).  Reads the store; prints nothing.
 */
#ifndef DIETBAL_SUGGEST_H
#define DIETBAL_SUGGEST_H

#include <stddef.h>

typedef struct store store; /* store.h */

struct suggestion {
    char *id;
    char *name;
    char *portion;      /* "1 cup" (the food's first portion), or "100 g" */
    double portion_g;   /* grams in that portion */
    double per_portion; /* the nutrient in that portion, its standard unit */
    double per_100kcal; /* the nutrient per 100 kcal of the food */
    double per_100g;
    double ca_p_ratio; /* of the food, NAN when unknown */
    double protein_g;  /* protein in the portion, NAN when unknown */
    double pral_meq;   /* PRAL of the portion, NAN when an input is unknown */
    double score;      /* higher is better; the ranking */
};

/*
 * Up to limit foods for nutrient id (a core nutrient: NUT_CALCIUM,
 * NUT_MAGNESIUM, NUT_POTASSIUM, NUT_PROTEIN, NUT_WATER ...), best first:
 * from the list the last import stored when it was made by these rules and
 * is long enough, else by ranking the table (the same list either way).
 * On failure returns -1 with err filled.  Free with suggest_free.
 */
int suggest_foods(store *s, int nutrient, size_t limit, struct suggestion **out, size_t *n,
                  char *err, size_t errlen);
void suggest_free(struct suggestion *list, size_t n);

/* The longest list `dietbal suggest --limit` asks for, and the length of
 * the lists an import stores. */
#define SUGGEST_LIST_MAX 100

/*
 * Rank the food table for every nutrient dietbal suggests and store the
 * first SUGGEST_LIST_MAX of each with it (store_suggestions_put), so that
 * suggest_foods reads them instead of ranking the whole table again.  Run
 * by an import inside its transaction, after the last food.  Returns 0, or
 * -1 with err filled.
 */
int suggest_store_lists(store *s, char *err, size_t errlen);

/* 1 when dietbal suggests foods to raise this nutrient (calcium,
 * magnesium, potassium, protein, water); 0 for the others (energy,
 * phosphorus, sodium: most diets have enough, and suggest_foods refuses). */
int suggest_supported(int nutrient);

/* Why a food of this name and group (NULL when it has none) is never
 * suggested ("infant formula and baby foods", "baking powder" ...), or NULL
 * when it may be.  A food with alcohol is also left out, by its value. */
const char *suggest_exclusion(const char *name, const char *group);

/* The core nutrient named by a word ("calcium", "ca", "magnesium", "mg",
 * "protein" ...), or -1.  Case is ignored.  Also names
 * the nutrients that are not suggested ("sodium", "p", "energy"), so that a
 * caller can say why it refuses them. */
int suggest_nutrient_by_name(const char *name);

#endif
