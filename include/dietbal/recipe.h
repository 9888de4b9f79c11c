/*
 * recipe.h - home cooking as foods: a recipe is a food (id "recipe:SLUG")
 * whose values per 100 g come from its ingredients and its cooked weight.
 *
 * The arithmetic (recipe_compute) is pure: the ingredients' grams and
 * their foods' values in, the recipe's food out.  recipe_save puts a
 * recipe in the store inside the caller's transaction and brings every
 * recipe that uses it as an ingredient up to date.  Nothing here prints.
 *
 * Values: a nutrient's amount in the pot is the sum over the ingredients
 * of grams x value / 100; per 100 g of the recipe it is that amount / yield
 * x 100.  It is known only when every ingredient's value is known (unknown
 * is not zero); its completeness is the share of the ingredients' grams
 * whose food has the value.  Water is the exception the cooking itself
 * makes: the weight lost between the raw ingredients and the yield is
 * water boiled off (or the weight gained, water taken up), as in the USDA
 * recipe calculation (USDA Agricultural Handbook 102, "Food Yields
 * Summarized by Different Stages of Preparation", 1975, and the method of
 * the USDA Table of Nutrient Retention Factors, release 6, 2007: moisture
 * change is applied to water alone).
 */
#ifndef DIETBAL_RECIPE_H
#define DIETBAL_RECIPE_H

#include "dietbal/food.h"

#include <stddef.h>

#define RECIPE_PREFIX "recipe:"
#define RECIPE_SLUG_MAX 64
/* A yield outside [MIN, MAX] x the ingredients' weight needs force: less
 * than a tenth is a typo for a unit ("1.6 g"), more than ten times is
 * water that was not listed as an ingredient. */
#define RECIPE_YIELD_MIN_SHARE 0.1
#define RECIPE_YIELD_MAX_SHARE 10.0
/* How many ingredients one recipe takes, and how deep recipes nest. */
#define RECIPE_MAX_INGREDIENTS 200
#define RECIPE_MAX_DEPTH 16
/* The food group recipes are filed under (foods search shows it). */
#define RECIPE_GROUP "Recipes"

struct recipe_ingredient {
    char *text;    /* as typed: "500 g pork spareribs" */
    char *food_id; /* what it was resolved to */
    double grams;
};

struct recipe {
    char *id;       /* "recipe:pork-rib-soup" */
    char *name;     /* as given: "pork rib soup" */
    double yield_g; /* cooked weight; NAN: the ingredients' weight */
    double serves;  /* servings in the whole; NAN when not said */
    struct recipe_ingredient *ing;
    size_t n_ing;
};

/* A new empty recipe (NULL when out of memory); free with recipe_free. */
struct recipe *recipe_new(void);
void recipe_free(struct recipe *r);
/* Append an ingredient (strings copied).  0, or -1 when out of memory. */
int recipe_add_ingredient(struct recipe *r, const char *text, const char *food_id, double grams);

/* The slug of a name: lower-case ASCII letters and digits, every other
 * run of characters one '-', none at either end ("Grandma's rib soup" ->
 * "grandma-s-rib-soup").  0, or -1 when it is empty or longer than
 * RECIPE_SLUG_MAX (out untouched). */
int recipe_slug(const char *name, char *out, size_t len);

/* The ingredients' weight in grams. */
double recipe_ingredients_g(const struct recipe *r);
/* The yield in force: yield_g, or the ingredients' weight. */
double recipe_yield_g(const struct recipe *r);

enum recipe_status {
    RECIPE_OK = 0,
    RECIPE_EINPUT,   /* bad input: the reason is in err (exit 2) */
    RECIPE_ERUNTIME, /* the store or memory failed (exit 1) */
};

/* Is the yield sensible for these ingredients?  RECIPE_OK, or
 * RECIPE_EINPUT with the reason (a yield not above 0 always; outside the
 * shares above unless force). */
int recipe_check_yield(const struct recipe *r, int force, char *err, size_t errlen);

/*
 * The recipe as a food: foods[i] is ingredient i's food (values per 100 g,
 * NAN unknown).  out (a food_new() food, cleared first) gets the id, the
 * name, the group RECIPE_GROUP, the values per 100 g and the portions
 * "serving" (when serves is said) and "recipe" (the whole).  completeness
 * (may be NULL; nutrients_count() entries) gets each nutrient's share of
 * the ingredients' grams with a known value.  0, or -1 when out of memory
 * or the recipe has no ingredient or no yield.
 */
int recipe_compute(const struct recipe *r, struct food *const *foods, struct food *out,
                   double *completeness);

/* --- in the store ----------------------------------------------------- */

typedef struct store store;

/*
 * Put r in the store, inside the caller's transaction: its food (made by
 * recipe_compute from the stored ingredient foods) and its ingredients,
 * replacing a recipe of the same id; then every recipe that has it as an
 * ingredient, however deep, is computed again.  *what (may be NULL) is
 * STORE_FOOD_ADDED, _UPDATED or _UNCHANGED.  RECIPE_EINPUT (err says why)
 * for a recipe that contains itself, directly or through another recipe,
 * an ingredient that is no stored food, a yield recipe_check_yield refuses.
 */
int recipe_save(store *s, const struct recipe *r, int force, int *what, char *err, size_t errlen);

/* Recipe id with its ingredients' foods (*foods: n_ing foods, free with
 * recipe_foods_free).  RECIPE_EINPUT when there is no such recipe. */
int recipe_load(store *s, const char *id, struct recipe **r, struct food ***foods, char *err,
                size_t errlen);
void recipe_foods_free(struct food **foods, size_t n);

#endif
