/*
 * foodtable.h - stream a dietbal food table (XML or XML.gz, format version 1)
 * into foods, one at a time, validating against foods/foodtable.xsd while
 * reading and checking physical limits.  Knows nothing of SQL or output.
 */
#ifndef DIETBAL_FOODTABLE_H
#define DIETBAL_FOODTABLE_H

#include "dietbal/food.h"
#include "dietbal/recipe.h"
#include "dietbal/supplement.h"

#include <stddef.h>

/* Physical limits, per 100 g of food. */

/* Water, protein, fat, carbohydrate, ash and alcohol are each measured,
 * often on different samples, and rounded on their own, so their sum may
 * pass 100 g.  In USDA SR24 it reaches 106.46 g (usda:15210, chinook
 * salmon, cooked; 3 foods are over 105 g, 44 over 102 g), so 110 g: it
 * takes the real data and still catches a value in the wrong unit or
 * column, which lands far above. */
#define FOODTABLE_PROXIMATE_MAX_G 110.0

/* No single component can weigh more than the 100 g it is part of. */
#define FOODTABLE_MASS_MAX_G 100.0

/* Pure fat gives 9 kcal/g (Atwater), so no food passes ~900 kcal/100 g;
 * 2 kcal of slack for rounding: USDA SR24 lists fish oils and lard at
 * exactly 902 (most plant oils at 884). */
#define FOODTABLE_ENERGY_MAX_KCAL 902.0

/* Return codes. */
enum {
    FOODTABLE_OK = 0,
    FOODTABLE_EIO = 1,       /* could not read: run-time failure (exit 1) */
    FOODTABLE_EINPUT = 2,    /* the file is wrong: bad input (exit 2) */
    FOODTABLE_ECALLBACK = 3, /* on_food returned non-zero; its message kept */
};

/* A tag that is not known, with the number of foods that carried it. */
struct foodtable_unknown_tag {
    char *tag;
    unsigned long count;
};

struct foodtable_stats {
    unsigned long foods;       /* foods passed to on_food */
    unsigned long supplements; /* supplements passed to on_supplement */
    unsigned long recipes;     /* foods with a <recipe> (counted in foods too) */
    unsigned long portions;
    unsigned long values;                  /* nutrient values kept */
    struct foodtable_unknown_tag *unknown; /* owned; foodtable_stats_free */
    size_t n_unknown;
};

/* What one table may hold, so that memory stays bounded whatever the file:
 * the reader keeps every food id (to name a duplicate's first line), one
 * food's portions and each distinct tag.  USDA SR24 has 8,858 foods and at
 * most a few dozen portions a food; USDA's branded-food table ~450,000. */
#define FOODTABLE_MAX_FOODS 1000000UL
#define FOODTABLE_MAX_PORTIONS 1000
/* ... and aliases in one food */
#define FOODTABLE_MAX_ALIASES 100
#define FOODTABLE_MAX_UNKNOWN_TAGS 1000

struct foodtable_opts {
    const char *schema_path; /* foods/foodtable.xsd; NULL skips validation */
    /*
     * Called once per valid food; the food and its strings are only valid
     * during the call.  Return 0 to go on; non-zero stops the read with
     * FOODTABLE_ECALLBACK, and the callback's message (written to err,
     * errlen) is passed back to the caller unchanged.
     */
    int (*on_food)(const struct food *food, void *ctx, char *err, size_t errlen);
    /* Optional: bytes of the file consumed so far and its size on disk. */
    void (*on_progress)(unsigned long long done, unsigned long long total, void *ctx);
    void *ctx;
    /*
     * Optional: where the ids of the foods read so far are kept, for the
     * check that no id comes twice in one file.  Without it they are kept
     * in memory, ~55 bytes a food (55 MB for a million).  Called once per
     * food, before on_food: return 0 when the id is new in this file, 1
     * with *first_line set when it was met before, -1 on failure with a
     * message in err (the read stops with FOODTABLE_ECALLBACK).
     */
    int (*id_seen)(const char *id, unsigned long line, unsigned long *first_line, void *ctx,
                   char *err, size_t errlen);
    unsigned long max_foods; /* 0: FOODTABLE_MAX_FOODS (a smaller one for tests) */
    /*
     * Optional: called once per valid <supplement> (amounts per unit from
     * a label, checked against label.h's limits; an id in the supp:
     * namespace), as on_food.  Without it supplements are read and counted
     * but not passed on.
     */
    int (*on_supplement)(const struct supplement *supp, void *ctx, char *err, size_t errlen);
    /*
     * Optional: called after on_food for a food that holds a <recipe>
     * (recipe.h: the yield, the servings and the ingredients as dietbal
     * exported them; r's id and name are the food's).  Without it the
     * food is passed on as any other, its recipe left out.
     */
    int (*on_recipe)(const struct food *food, const struct recipe *r, void *ctx, char *err,
                     size_t errlen);
};

/*
 * Read the table at path.  On failure err holds "PATH:LINE:COL: what is
 * wrong" (or "PATH: why" when there is no position).  stats is filled as far
 * as the read went; free it with foodtable_stats_free in every case.
 */
/*
 * More of the contract:
 * - opts and stats may be NULL (no schema, no callbacks; no counts).
 * - A missing or unreadable file (or schema) is FOODTABLE_EIO with
 *   "PATH: strerror"; anything wrong inside the table, including a DTD
 *   (<!DOCTYPE ...>: refused before it is parsed), malformed XML, bad
 *   UTF-8, an encoding other than UTF-8, UTF-16, ISO-8859-n and
 *   windows-125n, or a cut .gz, is FOODTABLE_EINPUT.
 * - Once any error is known no more foods are passed on; the validator
 *   parses a little ahead, so on_food may stop a few foods short of the
 *   position in err.
 * - on_progress comes at most every MiB of the file (compressed bytes for
 *   a .gz) and once more with done == total when the read succeeds.
 * - More than max_foods foods, FOODTABLE_MAX_PORTIONS portions in a food
 *   or FOODTABLE_MAX_UNKNOWN_TAGS different unknown tags is FOODTABLE_EINPUT.
 * - libxml2's global error handlers and external entity loader are
 *   replaced during the call and restored before it returns: not for use
 *   from several threads at once.
 */
int foodtable_read(const char *path, const struct foodtable_opts *opts,
                   struct foodtable_stats *stats, char *err, size_t errlen);

void foodtable_stats_free(struct foodtable_stats *stats);

#endif
