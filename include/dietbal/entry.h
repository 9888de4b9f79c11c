/*
 * entry.h - one diary ENTRY argument, "QUANTITY [UNIT] FOOD", taken apart.
 *
 * The parser cannot know the food yet, so it cannot tell alone whether the
 * word after the quantity is a unit or part of the food's name ("2 large
 * eggs", "2 whole-wheat bread").  entry_parse() therefore returns the
 * quantity, a candidate unit and the text on either side of it;
 * entry_resolve() then settles the question with a food lookup supplied by
 * the caller, and units_to_grams() (units.h) gives the grams.  Nothing here
 * touches the database or prints.
 *
 * A command logging one ENTRY argument:
 *
 *     struct entry_spec e;
 *     struct food *f = NULL;
 *     const char *unit;
 *     struct units_result r;
 *     char err[512];
 *     if (entry_parse(arg, &e, err, sizeof(err)) != ENTRY_OK)
 *         -> print "dietbal: ARG: err", exit status 2
 *     rc = entry_resolve(&e, my_lookup, store, &f, &unit, err, sizeof(err));
 *     if (rc != ENTRY_OK)
 *         -> print err; exit status 1 for ENTRY_ERUNTIME, else 2
 *     if (units_to_grams(f, e.quantity, unit, force, &r, err, sizeof(err)) != UNITS_OK)
 *         -> print err, exit status 2
 *     store r.grams of f->id; print r.text; food_free(f)
 *
 * QUANTITY is one of
 *   decimal        1  1.5  .5  1.          (digits and one '.', at most 15 digits)
 *   fraction       1/2  3/4                (whole numbers)
 *   mixed number   1 1/2                   (whole number, space, fraction below 1)
 *   vulgar         ½  1½  1 ½              (½ ¼ ¾ ⅓ ⅔ ⅕ ⅖ ⅗ ⅘ ⅙ ⅚ ⅛ ⅜ ⅝ ⅞)
 * and must lie in [ENTRY_QUANTITY_MIN, ENTRY_QUANTITY_MAX].  Signs,
 * exponents, hex, inf, nan, decimal commas, x/0 and numbers with too many
 * digits are refused with the reason.  A generic unit (units.h) may be
 * glued to the number: "100g", "1/2cup", "3fl oz".
 *
 * The candidate unit is the word after the quantity, or the two words when
 * together they are a generic unit ("fl oz", "fluid ounces").  There is no
 * candidate (unit "") when the food is a single word ("2 eggs") or begins
 * with '@'.  A generic unit with nothing after it ("100 g") is an error.
 *
 * FOOD "@ID" names a food by id; it must be one word and the last one
 * ("250 ml @usda:01077", "2 large @usda:01123", "2 @usda:01123").
 */
#ifndef DIETBAL_ENTRY_H
#define DIETBAL_ENTRY_H

#include "dietbal/food.h"

#include <stddef.h>

#define ENTRY_MAX_LEN 1000          /* bytes in one ENTRY argument */
#define ENTRY_QUANTITY_MIN 0.001    /* "1/1000 cup" is as fine as anyone measures */
#define ENTRY_QUANTITY_MAX 100000.0 /* 100000 mg is 100 g; more is a typo */

struct entry_spec {
    double quantity;
    int implied;                  /* no quantity was written: 1 of the default portion */
    char quantity_text[64];       /* as written, spaces normalised: "1 1/2", "½", "a couple of" */
    char unit[ENTRY_MAX_LEN + 1]; /* candidate unit as written: "cup", "fl oz", "large", "" */
    int unit_generic;             /* unit is a generic unit (units_generic() != NULL) */
    int unit_of;                  /* written "UNIT of FOOD": the unit is surely one */
    char food[ENTRY_MAX_LEN + 1]; /* the text after the candidate unit; whole text when none */
    char text[ENTRY_MAX_LEN + 1]; /* all the text after the quantity, no unit taken */
    char head[ENTRY_MAX_LEN + 1]; /* food without its last word ("salmon" of "salmon fillet"), */
    char tail[ENTRY_MAX_LEN + 1]; /* and that word; both "" for a one-word food or an @ID */
};

enum entry_status {
    ENTRY_OK = 0,
    ENTRY_ERUNTIME,   /* the lookup failed for a reason other than the input (exit 1) */
    ENTRY_EQUANTITY,  /* quantity missing, malformed or out of range */
    ENTRY_ESYNTAX,    /* empty or too long, no food, malformed @ID */
    ENTRY_ENOTFOUND,  /* no food matches */
    ENTRY_EAMBIGUOUS, /* several foods match and none clearly wins */
};

/*
 * Take an ENTRY argument apart.  Whitespace runs count as one space.
 * ENTRY_OK fills *out; otherwise *out is untouched and err (errlen bytes,
 * may be NULL) says why, quoting the offending part.
 */
int entry_parse(const char *s, struct entry_spec *out, char *err, size_t errlen);

/* The id in a food text "@ID" (the part after '@'), or NULL for search text. */
const char *entry_food_id(const char *food_text);

enum entry_lookup {
    ENTRY_LOOKUP_FOUND,     /* *out set to a new food the caller of entry_resolve owns */
    ENTRY_LOOKUP_NOTFOUND,  /* err says so */
    ENTRY_LOOKUP_AMBIGUOUS, /* err lists the candidates */
    ENTRY_LOOKUP_ERROR,     /* err says what failed (database, memory) */
};

/*
 * Find one food.  by_id: text is an id (without the '@'), look it up
 * exactly; otherwise text is search text, and the best match is taken only
 * when it clearly wins.  relaxed: when no food has every word, the lookup
 * may leave words out (and say so); 0 asks for every word.  On
 * ENTRY_LOOKUP_FOUND *out is a food allocated with food_new(); on anything
 * else *out is untouched and err is filled.
 */
typedef enum entry_lookup (*entry_lookup_fn)(void *ctx, const char *text, int by_id, int relaxed,
                                             struct food **out, char *err, size_t errlen);

/* Does food f take word as a unit (a portion, a container...)? */
typedef int (*entry_takes_fn)(void *ctx, const struct food *f, const char *word);

/* Is word found in some food's name ("fresh", "ripe": a word of names the
 * search may leave out), as against a word no food has ("buckets")? */
typedef int (*entry_name_word_fn)(void *ctx, const char *word);

struct entry_resolver {
    entry_lookup_fn lookup;
    entry_takes_fn takes; /* NULL: the food's portion names only (units_find_portion) */
    void *ctx;
    entry_name_word_fn name_word; /* NULL: every word is */
    /* Does word count whole things of f ("fillet", "stick", "slice"), not
     * a pack or a measure?  Then a name's last word is its unit when no
     * other was given ("1 salmon fillet").  NULL: never. */
    entry_takes_fn counts;
};

struct entry_found {
    struct food *food; /* the caller's, after ENTRY_OK (free with food_free) */
    const char *unit;  /* into the spec, or NULL for "count the default portion" */
    const char *text;  /* the text whose lookup gave the food or the failure (into the spec) */
};

/*
 * Decide the food and the unit of a parsed entry.
 *
 * No candidate unit, or a generic one ("1 cup milk" is always a cup of
 * "milk"): the food text; when no food has all its words, its head with
 * the last word as unit ("1 salmon fillet"); then the relaxed lookup.
 *
 * A candidate WORD before REST ("2 slices bread", "2 large eggs", "2
 * whole-wheat bread"):
 *   1. REST, when found and WORD is a unit of it (or REST is an @ID);
 *   2. the whole text "WORD REST" as the name, with WORD as its unit if it
 *      is one, else none ("2 whole-wheat bread" counts loaves' slices);
 *   3. the whole text's ambiguity, if it was ambiguous;
 *   4. REST found but WORD no unit of it: the name's last word as its unit
 *      ("1 salmon fillet"); the relaxed whole text ("2 fresh bananas"),
 *      unless it is REST again and WORD is no word of any food's name, or
 *      was written "WORD of REST" (then WORD was meant as a unit); else
 *      REST with WORD (the conversion then says WORD is not one of its
 *      units: "2 buckets milk");
 *   5. REST's ambiguity;
 *   6. neither found: the name's last word as unit, then the relaxed REST
 *      with WORD as unit, then the relaxed whole text; else the whole
 *      text's not-found.
 *
 * ENTRY_OK fills *out; otherwise out->text alone is set (the text whose
 * message err holds) and err says why.  A lookup error stops at once
 * (ENTRY_ERUNTIME).
 */
int entry_resolve(const struct entry_spec *e, const struct entry_resolver *rv,
                  struct entry_found *out, char *err, size_t errlen);

/* The meals a diary entry may belong to, in the order of a day, NULL at the
 * end: the one list `--meal` accepts and offers for completion, and the one
 * the schema's CHECK on entry.meal holds.  The schema's migrations are
 * history and are not built from this list: a meal added here needs a
 * migration that rebuilds that CHECK (tests/test_entry.c holds the two
 * together). */
extern const char *const entry_meals[];

#endif
