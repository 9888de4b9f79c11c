/*
 * foodsearch.h - choose the food a person meant from everyday words.
 *
 * The store's full-text search finds candidates; this module re-ranks them
 * for everyday use ("milk" is whole milk, not milk chocolate) and decides
 * whether the best one clearly wins.  No SQL and no printing here.
 */
#ifndef DIETBAL_FOODSEARCH_H
#define DIETBAL_FOODSEARCH_H

#include "dietbal/store.h"

#include <stddef.h>

/* The food id an everyday name stands for ("milk" -> "usda:01077"), or NULL. */
const char *foodsearch_everyday(const char *text);

/* Re-score and sort hits for the query text, best first. */
void foodsearch_rank(const char *text, struct food_hit *hits, size_t n);

/* After foodsearch_rank: 1 when hits[0] clearly beats hits[1]. */
int foodsearch_clear_winner(const char *text, const struct food_hit *hits, size_t n);

#endif
