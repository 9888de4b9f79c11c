/*
 * foodsearch.h - choose the food a person meant from everyday words.
 *
 * A lookup for entry.h's resolver.  In order: her remembered choice for
 * the words; the synonyms (vocab.h) and the everyday phrase they make; the
 * full-text search of the store, re-ranked by how common and how plainly
 * eaten each food is; when nothing has every word, the search again
 * without the least informative words, saying what was assumed.  The best
 * candidate is taken when it clearly wins, or when its rivals would change
 * nothing dietbal reports; otherwise the candidates are the answer.
 *
 * No SQL (the store's functions do that) and no printing: what was assumed
 * is kept as a note the command prints.
 */
#ifndef DIETBAL_FOODSEARCH_H
#define DIETBAL_FOODSEARCH_H

#include "dietbal/entry.h"
#include "dietbal/food.h"
#include "dietbal/vocab.h"

#include <stddef.h>

typedef struct store store; /* store.h */

/* How many full-text matches are ranked to find the everyday choice. */
#define FOODSEARCH_DEPTH 200
/* How many candidates an ambiguous lookup lists. */
#define FOODSEARCH_CANDIDATES 6
/* A lead of this many points is a clear win (a whole first-segment word). */
#define FOODSEARCH_MARGIN 4.0

struct foodsearch;

/* A search over store s with vocabulary v (may be NULL) for dialect d.
 * NULL when out of memory.  The store and vocabulary must outlive it. */
struct foodsearch *foodsearch_new(store *s, const struct vocab *v, enum vocab_dialect d);
void foodsearch_free(struct foodsearch *fs);

/* entry_lookup_fn (entry.h) over a struct foodsearch. */
enum entry_lookup foodsearch_lookup(void *fs, const char *text, int by_id, int relaxed,
                                    struct food **out, char *err, size_t errlen);

/* What the entry about to be resolved says of its amount: its unit word
 * ("slices" of "2 slices of pizza", "ml" of "custard 100 ml"), sure when
 * it cannot be a word of the name (a generic unit, "UNIT of FOOD"), or
 * bare_count when there is none ("1 rice cake").  Candidates with a portion
 * of that name, or with a portion one counts, rank higher; with a sure
 * unit, those that cannot take it at all rank far lower and an everyday
 * phrase's food that cannot is passed over. */
void foodsearch_hint(struct foodsearch *fs, const char *unit, int sure, int bare_count);

/* Does any food's name (or alias) hold word?  For entry_resolver.name_word. */
int foodsearch_name_word(void *fs, const char *word);

/* How to tell whether a food takes the entry's unit (units_takes with the
 * command's containers): a pinned food that does not is passed over for
 * the search, and candidates that do not rank far below those that do. */
void foodsearch_units(struct foodsearch *fs,
                      int (*takes)(void *ctx, const struct food *f, const char *unit), void *ctx);

/* What the last lookup of text assumed ("'courgette' read as 'zucchini'",
 * "taken as ... (no 'x' in the table)"); "" when nothing. */
const char *foodsearch_note(const struct foodsearch *fs, const char *text);

/* The candidates of the last lookup of text, when it was ambiguous (ids,
 * names, core values per 100 g); NULL and *n = 0 otherwise. */
const struct food_hit *foodsearch_candidates(const struct foodsearch *fs, const char *text,
                                             size_t *n);

/* From now on text means food_id (a choice made at a prompt).  Kept in
 * memory until foodsearch_save.  0, or -1 when out of memory. */
int foodsearch_choose(struct foodsearch *fs, const char *text, const char *food_id);

/* Remember the choices made in the person's database (inside the caller's
 * transaction).  STORE_OK or the store's error. */
int foodsearch_save(struct foodsearch *fs);

/* The key a choice is remembered under: the words normalised (words.h). */
void foodsearch_key(const char *text, char *out, size_t len);

/* Re-score and sort hits for the query text, best first (foods search uses
 * it too).  v may be NULL. */
void foodsearch_rank(const struct vocab *v, const char *text, struct food_hit *hits, size_t n);

/* The same with her order of tables ("ifct2017,usda-sr24"; NULL or "" the
 * built-in order): of the everyday foods a phrase names in several tables,
 * her first table's ranks first. */
void foodsearch_rank_order(const struct vocab *v, const char *order, const char *text,
                           struct food_hit *hits, size_t n);

/* Her order of tables (tables.h; copied).  A near tie between foods of two
 * tables goes to the one she puts first, and is then no ambiguity; an
 * everyday phrase takes her first table's food where there are several. */
void foodsearch_prefer(struct foodsearch *fs, const char *order);

/* After foodsearch_rank: 1 when hits[0] leads hits[1] by the margin. */
int foodsearch_clear_winner(const struct food_hit *hits, size_t n);

/* Do two foods differ, per serving of serving_g grams, by less than a
 * tenth of the day-to-day SD of intake in energy, protein, calcium,
 * magnesium and phosphorus (the figures dietbal reports)? */
int foodsearch_similar(const double *a_per100, const double *b_per100, double serving_g);

#endif
