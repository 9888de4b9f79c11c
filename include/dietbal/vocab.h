/*
 * vocab.h - the everyday vocabulary of food, as data: synonyms that turn
 * what people type into the words of the food table ("courgette" ->
 * "zucchini", UK "biscuit" -> "cookie"), and the curated everyday foods
 * (the food a dietitian takes for "milk", and the foods a search should
 * rank before rarer ones).
 *
 * The data are text files shipped under foods/ (synonyms.txt,
 * everyday.txt; their headers give the format).  Every phrase is compared
 * after words_normalise() (words.h), on both sides.  Nothing here touches
 * the database or prints; a malformed file is reported as "FILE:LINE: why".
 */
#ifndef DIETBAL_VOCAB_H
#define DIETBAL_VOCAB_H

#include <stddef.h>

struct vocab;

/* Which side of the Atlantic the words come from. */
enum vocab_dialect { VOCAB_US = 1, VOCAB_UK = 2 };

/* An empty vocabulary, or NULL when out of memory. */
struct vocab *vocab_new(void);
void vocab_free(struct vocab *v);

/*
 * Add the lines of a synonyms file (text, named name in messages):
 *     FROM = TO          for everyone
 *     uk: FROM = TO      only for UK English (us: likewise)
 * '#' starts a comment.  TO may be empty (the words are dropped).  The same
 * FROM twice for the same dialect is an error.  0, or -1 with err filled.
 */
int vocab_add_synonyms(struct vocab *v, const char *text, const char *name, char *err,
                       size_t errlen);

/*
 * Add the lines of an everyday-foods file:
 *     ID = PHRASE; PHRASE; ...     the food these phrases mean
 *     ID                           an everyday food with no phrase of its own
 * A phrase may carry a dialect, "uk: beans" (the whole phrase means this
 * food in UK English only); it wins over the same phrase for everyone.
 * A phrase may name one food in each table (the id's prefix, "usda:",
 * "ifct:"); on two lines of one table for one dialect it is an error.
 * 0, or -1 with err.
 */
int vocab_add_everyday(struct vocab *v, const char *text, const char *name, char *err,
                       size_t errlen);

/*
 * Load dir/synonyms.txt and dir/everyday.txt into a new vocabulary.  A
 * missing file adds nothing (an older installation still works, with fewer
 * words); an unreadable or malformed one fails.  0 and *out, or -1 with err.
 */
int vocab_load(const char *dir, struct vocab **out, char *err, size_t errlen);

/*
 * Rewrite the normalised text with the synonyms of dialect d: at each word,
 * the longest FROM that matches whole words is replaced by its TO, left to
 * right, in one pass.  Writes the result (normalised) to out (len bytes)
 * and returns the number of replacements.  v may be NULL (a plain copy).
 */
size_t vocab_rewrite(const struct vocab *v, enum vocab_dialect d, const char *norm, char *out,
                     size_t len);

/* The food id an everyday phrase (normalised) stands for in dialect d (its
 * own phrase first, then everyone's), or NULL.  When the phrase names a
 * food in several tables, the one of the built-in order (tables.h). */
const char *vocab_pin(const struct vocab *v, enum vocab_dialect d, const char *norm);

/* Every food the phrase stands for in dialect d, one per table (the
 * dialect's own phrase first, then everyone's), at most max; returns how
 * many were written to ids.  The ids belong to v. */
size_t vocab_pins(const struct vocab *v, enum vocab_dialect d, const char *norm, const char **ids,
                  size_t max);

/* Is the food id one of the everyday foods? */
int vocab_is_everyday(const struct vocab *v, const char *id);

/* Counts, for tests and messages. */
size_t vocab_synonym_count(const struct vocab *v);
size_t vocab_everyday_count(const struct vocab *v);

#endif
