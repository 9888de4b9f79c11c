/*
 * words.h - everyday words made comparable: lower case, punctuation out,
 * English plurals reduced.  The one normalisation that the synonyms, the
 * everyday foods, the container table and the search ranking all share, so
 * that "Prawns," in an entry and "prawn" in a data file are the same word.
 *
 * It includes no other dietbal header, touches no database and never prints.  ASCII-only case
 * folding, so the locale cannot change what matches; bytes of UTF-8 sequences are kept as letters.
 */
#ifndef DIETBAL_WORDS_H
#define DIETBAL_WORDS_H

#include <stddef.h>

/* Longest normalised text the modules keep (longer input is cut at a word). */
#define WORDS_MAX 256

/*
 * Normalise s into out (len bytes): ASCII letters lower-cased; every byte
 * that is not an ASCII letter or digit or part of a UTF-8 sequence splits
 * words; words joined by single spaces; each word reduced to one stem for
 * its singular and plural: "-ies", "-ied" and "-ie" -> "-y" (berries and
 * berry -> berry, cookies and cookie -> cooky, dried and dry -> dry),
 * "-oes" -> "-o" (tomatoes),
 * "-ches"/"-che" -> "-ch" (peaches, quiche), "-shes", "-xes", "-sses" lose
 * "es" (dishes, boxes, glasses), else a final "s" is dropped (not after
 * "s" or "u": eggs -> egg, but glass and hummus stay).  The rules apply to
 * words of 5 letters or more, the last one to 4 or more (gas, pie stay).
 * Returns the length written (0 for no words); out is always terminated
 * when len > 0.
 */
size_t words_normalise(const char *s, char *out, size_t len);

/* Is the normalised word w one of the space-separated words of the
 * normalised text t? */
int words_has(const char *t, const char *w);

/* Is the normalised phrase p (one or more words) in the normalised text t,
 * on word boundaries? */
int words_has_phrase(const char *t, const char *p);

/* Number of words in a normalised text. */
size_t words_count(const char *t);

/* The first n bytes of s (at most 2 * WORDS_MAX), normalised as above, as
 * a new string; NULL when out of memory. */
char *words_normalise_dup(const char *s, size_t n);

/* Case-insensitive (ASCII) comparison of two strings, as strcmp. */
int words_casecmp(const char *a, const char *b);

#endif
