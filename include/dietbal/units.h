/*
 * units.h - turn "QUANTITY UNIT" into grams of one food.
 *
 * A unit is either generic (a mass or a volume, the same for every food) or
 * the name of one of the food's household portions ("slice", "large").
 * Generic units are matched first, so "oz" is always 28.349523125 g even for
 * a food with its own "oz" portion.  Nothing here reads the database or
 * prints; failures fill a caller-provided message buffer.
 *
 * Generic units (case-insensitive; dots are ignored, so "oz." and
 * "fl. oz." work):
 *   g     gram grams gramme grammes
 *   kg    kilogram kilograms kilogramme kilogrammes kilo kilos
 *   mg    milligram milligrams milligramme milligrammes
 *   oz    ounce ounces
 *   lb    lbs pound pounds
 *   ml    milliliter milliliters millilitre millilitres
 *   l     liter liters litre litres
 *   dl    deciliter deciliters decilitre decilitres
 *   cup   cups
 *   tbsp  tbsps tbs tablespoon tablespoons
 *   tsp   tsps teaspoon teaspoons
 *   fl oz floz "fluid ounce" "fluid ounces" "fl ounce" "fl ounces" "fluid oz"
 * The one-letter cook's abbreviations "T" and "t" are deliberately not
 * units: they differ only by case and "2 t bone steak" would silently become
 * teaspoons.
 */
#ifndef DIETBAL_UNITS_H
#define DIETBAL_UNITS_H

#include "dietbal/food.h"

#include <stddef.h>

struct containers;

/* Masses in grams: oz and lb are the international avoirdupois definitions. */
#define UNITS_OZ_G 28.349523125
#define UNITS_LB_G 453.59237

/* US customary volumes in ml, as product.md ("Commands", "Entries") fixes them. */
#define UNITS_CUP_ML 236.6
#define UNITS_FLOZ_ML 29.57
#define UNITS_TBSP_ML 14.79
#define UNITS_TSP_ML 4.93

/* More than this in one entry is refused unless the caller forces it. */
#define UNITS_MAX_GRAMS 5000.0

/* More than this is refused even when forced: no one eats 100 kg at once,
 * and "100000 cup" (24 tonnes of milk) is a slip, not a meal. */
#define UNITS_MAX_FORCED_GRAMS 100000.0

/* A "portion" heavier than this is a whole cake, pie, melon or pizza, not
 * what a bare count means ("1 pizza" is a slice's worth, not 853 g). */
#define UNITS_COUNT_MAX_G 500.0

/* A pack up to this weight is one person's (a 6 oz pot of yoghurt, a bag
 * of crisps); a bigger one is a family pack no bare count means. */
#define UNITS_PACK_MAX_G 250.0

enum units_kind { UNITS_MASS, UNITS_VOLUME };

struct units_def {
    const char *name; /* canonical: "g", "fl oz" */
    enum units_kind kind;
    double factor; /* grams (mass) or millilitres (volume) in one unit */
};

/*
 * The generic unit a token names, or NULL when it is none.  The token may
 * be two words ("fl oz", "fluid ounces"); runs of spaces count as one.
 */
const struct units_def *units_generic(const char *token);

/*
 * Index of the first portion of f (in the food's order) that the token
 * names, or -1.  Case-insensitive; a portion matches when its name equals
 * the token, or starts with it followed by ' ', ',' or '(' ("slice"
 * matches "slice (1 oz)", "cup" matches "cup, chopped", "large" does not
 * match "extra large").  Plural tokens are tried in their singular forms
 * too: -ies -> -y (patties), -ves -> -f and -fe (leaves, loaves, knives),
 * -es -> drop (dashes, tomatoes), -s -> drop (slices, pieces).  Portions
 * with an amount or grams that is not a positive finite number are ignored.
 */
int units_find_portion(const struct food *f, const char *token);

enum units_how {
    UNITS_BY_MASS,          /* a generic mass unit */
    UNITS_BY_VOLUME,        /* a generic volume, through the food's density */
    UNITS_BY_PORTION,       /* one of the food's portions, by name */
    UNITS_BY_FIRST_PORTION, /* no unit: the food's default portion */
    UNITS_BY_CONTAINER,     /* a household container's default size (containers.h) */
};

struct units_result {
    double grams;
    enum units_how how;
    int portion;    /* f->portions index used (named, first, or density source); -1 for a mass */
    char text[256]; /* what to print: "2 × large (50 g) = 100 g" */
};

enum units_status {
    UNITS_OK = 0,
    UNITS_EUNIT,      /* the token is neither a generic unit nor a portion of the food */
    UNITS_ENOVOLUME,  /* a volume, but the food has no volume portion to give a density */
    UNITS_ENOPORTION, /* no unit given and the food has no portion to count */
    UNITS_ETOOMUCH,   /* more than UNITS_MAX_GRAMS without force, or
                         UNITS_MAX_FORCED_GRAMS */
    UNITS_EINVAL,     /* quantity not a positive finite number, or f is NULL */
};

/*
 * Grams of quantity × unit of food f.  unit NULL or "" counts the food's
 * first portion.  A volume becomes grams through the density of the food's
 * volume portion: the first portion named cup, else fl oz, else tbsp or
 * tablespoon, else tsp or teaspoon (a bigger measure is more precise), each
 * name taken as a whole word ("cup, chopped" and "cups" count, "cupcake"
 * does not).  A portion's grams are for its amount: "0.5 fillet = 198 g"
 * makes one fillet 396 g.  Over UNITS_MAX_GRAMS is refused unless force is
 * non-zero; over UNITS_MAX_FORCED_GRAMS always.
 *
 * UNITS_OK fills *out; anything else leaves *out alone and writes a reason
 * into err (errlen bytes; err may be NULL) that names the units the food
 * takes where that helps.  Every failure is bad input (exit status 2).
 */
int units_to_grams(const struct food *f, double quantity, const char *unit, int force,
                   struct units_result *out, char *err, size_t errlen);

/* How a conversion may go beyond the food's own portions. */
struct units_opts {
    int force;                           /* allow more than UNITS_MAX_GRAMS */
    const struct containers *containers; /* household containers, or NULL */
    int dialect;                         /* enum containers_dialect: whose pints */
    int implied;                         /* no quantity was written: the food's serving */
    const char *noun;                    /* the entry's last word ("sticks"), or NULL */
    const char *size;                    /* "small", "medium", "large" said of it, or NULL */
};

/*
 * units_to_grams with containers, the preferred size of the food's kind
 * for a bare count ("2 eggs" are large ones) and the serving for an entry
 * with no quantity.  The order for a unit word: a generic unit; one of the
 * food's portions; a size word the table maps ("big" -> "large"); a
 * container whose line fits the food (the food's own portion of one of the
 * line's names first: "tin" -> "can"); the same with a leading size word
 * dropped ("large bowl", said so).  opts NULL: as units_to_grams, no force.
 */
int units_convert(const struct food *f, double quantity, const char *unit,
                  const struct units_opts *opts, struct units_result *out, char *err,
                  size_t errlen);

/* Has f a portion one counts ("medium", "slice", "fillet"), not only
 * measures, weights, packs and servings? */
int units_has_countable(const struct food *f);

/* Does word count whole things of f: one of its countable portions
 * ("fillet", "stick", "slice"; not a pack, a measure or a whole pie), or a
 * container line that fits it? */
int units_counts(const struct food *f, const char *word, const struct units_opts *opts);

/* The size a word says ("big" -> "large", "mini" -> "small", "regular"
 * -> "medium"), or NULL when it is no size word.  c may be NULL. */
const char *units_size_word(const struct containers *c, const char *word);

/* Does f take word as a unit (any quantity aside)? */
int units_takes(const struct food *f, const char *word, const struct units_opts *opts);

/*
 * The units food f takes, for messages: the masses, the volumes when it has
 * a volume portion, then its portions quoted, as in
 * "g, kg, mg, oz, lb, ml, l, dl, cup, tbsp, tsp, fl oz or a portion: 'cup', 'fl oz'".
 * Truncated to len bytes (always terminated when len > 0).
 */
void units_accepted(const struct food *f, char *buf, size_t len);

#endif
