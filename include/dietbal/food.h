/*
 * food.h - one food as dietbal holds it in memory: identity, household
 * portions and nutrient values per 100 g of edible portion.
 *
 * The value array is dense and indexed by nutrient id (nutrients.h); a value
 * that is not known is NAN, never 0.  Shared by the importer (which fills
 * foods from XML) and the store (which saves and loads them).  A search hit
 * (struct food_hit) is the short form of a food a ranking needs: identity
 * and the core values only.
 */
#ifndef DIETBAL_FOOD_H
#define DIETBAL_FOOD_H

#include "dietbal/nutrients.h"

#include <stddef.h>

struct portion {
    char *name;    /* "cup", "slice", "large" */
    double amount; /* how many of `name` weigh `grams` ("0.5 fillet") */
    double grams;
};

/* Another name people use for the food ("courgette" for zucchini). */
struct alias {
    char *name;
    char *lang; /* BCP 47 tag ("en-GB"), or NULL */
};

struct food {
    char *id; /* "usda:01077" */
    char *name;
    char *group; /* may be NULL */
    struct portion *portions;
    size_t n_portions;
    struct alias *aliases;
    size_t n_aliases;
    double *values; /* nutrients_count() entries, standard units, NAN unknown */
    /* the spread the table gives with each value (IFCT 2017's standard
     * deviation), same indexing and unit; NAN when the table gives none.
     * Shown, not used in any statistic. */
    double *spread;
    int measured; /* the portions were weighed by the person (a recipe's
                     serving and whole): they win over the container
                     table's usual sizes (units.c) */
};

/* A food found by a search (store_food_search) or walked over for a
 * ranking: what ranking and listing candidates need, without the portions
 * and the full value array. */
struct food_hit {
    char *id;
    char *name;
    char *group;
    double score;                  /* higher is better */
    double per100[NUT_CORE_COUNT]; /* core values per 100 g, NAN unknown */
};

/* A new empty food with every value unknown, or NULL when out of memory. */
struct food *food_new(void);

/* Forget identity, portions and values, keeping the allocations' owner. */
void food_clear(struct food *f);

/* Free a food and everything it owns; NULL is a no-op. */
void food_free(struct food *f);

/* Append a portion (copies name).  0 on success, -1 when out of memory. */
int food_add_portion(struct food *f, const char *name, double amount, double grams);

/* Append an alias (copies; lang may be NULL).  0, or -1 when out of memory. */
int food_add_alias(struct food *f, const char *name, const char *lang);

/* Set a string field (copies); 0 on success, -1 when out of memory. */
int food_set_str(char **field, const char *value);

#endif
