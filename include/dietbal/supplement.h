/*
 * supplement.h - a dietary supplement as dietbal holds it (a prenatal
 * multivitamin, a calcium or magnesium tablet): amounts per unit (tablet,
 * capsule, softgel, sachet, scoop, ml, drop) from its label, and the
 * supplement side of `dietbal add` ("1 tablet prenatal", "2 @supp:ID").
 *
 * Supplements are not foods.  A label declares what the product contains,
 * so a nutrient it does not declare is a real zero for that product (a
 * food table's absent value is unknown); supplements are counted in units,
 * never grams, and they never enter a food's completeness.  Ids live in
 * the `supp:` namespace, shared with food ids: one id is a food or a
 * supplement, never both.
 *
 * No printing, never exits; supplement_resolve() reads the store.
 */
#ifndef DIETBAL_SUPPLEMENT_H
#define DIETBAL_SUPPLEMENT_H

#include <stddef.h>

typedef struct store store; /* store.h */

#define SUPPLEMENT_ID_PREFIX "supp:"
/* Longest id, prefix included (the food-table schema's 64). */
#define SUPPLEMENT_ID_MAX 64
/* A dose form's name fits ("softgel"). */
#define SUPPLEMENT_UNIT_MAX 16
/* More units than this in one entry is a typo unless --force says not. */
#define SUPPLEMENT_UNITS_MAX 100.0

struct supplement {
    char *id;                       /* "supp:prenatal" */
    char *name;                     /* "Prenatal multivitamin" */
    char unit[SUPPLEMENT_UNIT_MAX]; /* dose form (label.h): "tablet" */
    double *values;                 /* nutrients_count() entries per unit, standard units;
                                       NAN: not on the label, which counts as zero */
};

/* A new supplement with no value declared, or NULL when out of memory. */
struct supplement *supplement_new(void);
void supplement_free(struct supplement *p);

/* A declared value, or 0 for one the label does not declare. */
double supplement_amount(const struct supplement *p, int nutrient);

/*
 * The stored id of an id given on the command line: "prenatal" becomes
 * "supp:prenatal", "supp:prenatal" stays.  The part after the prefix is
 * 1 or more of A-Z a-z 0-9 . _ - and the whole at most SUPPLEMENT_ID_MAX
 * bytes.  0 and out filled, or -1 with the reason in err.
 */
int supplement_make_id(const char *given, char out[SUPPLEMENT_ID_MAX + 1], char *err,
                       size_t errlen);

/* Is id in the supplements' namespace (starts with "supp:")? */
int supplement_is_id(const char *id);

/*
 * A supplement from the command line: id as given (supplement_make_id),
 * name, unit (a dose form or an everyday word for one: "capsules" is
 * "capsule", "pill" is "tablet") and label amounts "TAG=AMOUNT"
 * (label_parse; a tag given twice is refused).  0 and *out (free with
 * supplement_free), or -1 with the reason in err.
 */
int supplement_from_label(const char *id, const char *name, const char *unit, char *const *amounts,
                          size_t n, struct supplement **out, char *err, size_t errlen);

/* One logged dose: which supplement, how many units. */
struct supplement_dose {
    struct supplement *supp; /* owned: supplement_free */
    double units;
    char text[64]; /* "2 capsules" */
};

enum supplement_resolution {
    SUPPLEMENT_FOUND = 0, /* *out filled */
    SUPPLEMENT_NOT_ONE,   /* not a supplement entry: try it as a food;
                             err may hold a hint to add to a food error */
    SUPPLEMENT_EINPUT,    /* a supplement entry that is wrong (exit 2) */
    SUPPLEMENT_ERUNTIME,  /* the store failed (exit 1) */
};

/*
 * The supplement side of `add`, given an entry's parsed quantity, its
 * candidate unit word ("tablet", "pills", "" when none) and its food text
 * ("prenatal", "@supp:magnesium-citrate"):
 *  - "@supp:ID": that supplement, counted in units; a unit word must name
 *    its dose form (or be "pill" for a solid one);
 *  - a dose-form word: the one supplement whose id or name the text
 *    matches (each word a prefix of a word of the name or id, any case);
 *    several: SUPPLEMENT_EINPUT listing them; none: SUPPLEMENT_NOT_ONE
 *    (a food may have such a portion: "1 packet sugar");
 *  - anything else: SUPPLEMENT_NOT_ONE.
 * More than SUPPLEMENT_UNITS_MAX units needs force.
 */
int supplement_resolve(store *s, double quantity, const char *unit_word, const char *text,
                       int force, struct supplement_dose *out, char *err, size_t errlen);

#endif
