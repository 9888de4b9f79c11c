/*
 * containers.h - household containers and their default sizes (a glass, a
 * bowl of cereal, a tin of beans, a UK pint), as data: foods/containers.txt.
 *
 * A container word is used only when the food has no portion of that name
 * (units.c decides the order).  The size may depend on the kind of food (a
 * bowl of cereal is weighed, a bowl of soup is a volume) and on the
 * person's side of the Atlantic (pints).  Every size carries its source.
 *
 * File format (one item a line, '#' starts a comment):
 *     kind NAME = group:USDA GROUP; word:WORD; ...
 *         a kind of food: its USDA group is one of the groups, or the first
 *         two segments of its name ("Cheese, mozzarella" of "Cheese,
 *         mozzarella, part skim milk") hold one of the words (whole words,
 *         plural-insensitive)
 *     NAME[/NAME...] | KIND | DIALECT | SIZE | SOURCE
 *         a container: KIND a kind or "*", DIALECT "us", "uk" or "*", SIZE
 *         "250 ml", "40 g", "12 fl oz" (any generic unit of units.h),
 *         "portion:NAME,NAME" (the food's own portion of that name) or
 *         "count" (the food's ordinary countable portion)
 *     default SIZEWORD | KIND | SOURCE
 *         a bare count of a food of KIND prefers its SIZEWORD portion
 *         ("2 eggs" are two large eggs)
 *     same WORD = WORD
 *         a word for a portion size that means another ("big" = "large")
 * For a word and a food the first container line in file order whose name,
 * kind and dialect match is taken, so specific kinds come before "*".
 *
 * Nothing here reads the database or prints.
 */
#ifndef DIETBAL_CONTAINERS_H
#define DIETBAL_CONTAINERS_H

#include "dietbal/food.h"

#include <stddef.h>

struct containers;

/* The side of the Atlantic whose measures apply; CONTAINERS_ANY takes only
 * lines meant for everyone (metric users). */
enum containers_dialect { CONTAINERS_ANY = 0, CONTAINERS_US = 1, CONTAINERS_UK = 2 };

enum container_size { CONTAINER_MASS, CONTAINER_VOLUME, CONTAINER_PORTION, CONTAINER_COUNT };

struct container {
    const char *names; /* as written: "can/cans/tin/tins" */
    const char *name;  /* the first of them, normalised: "can" */
    const char *kind;  /* "*" or the kind's name */
    int dialect;       /* 0 everyone, else enum containers_dialect */
    enum container_size size;
    double amount;         /* grams (MASS) or millilitres (VOLUME) */
    const char *size_text; /* "250 ml", "portion:serving,NLEA serving", "count" */
    const char *portions;  /* for CONTAINER_PORTION: "serving,NLEA serving" */
    const char *source;
    unsigned long line;
};

/* Parse a containers file held in text (named name in messages).  0 and
 * *out, or -1 with "NAME:LINE: why" in err. */
int containers_parse(const char *text, const char *name, struct containers **out, char *err,
                     size_t errlen);

/* Load path; a missing file gives an empty table.  0, or -1 with err. */
int containers_load(const char *path, struct containers **out, char *err, size_t errlen);

void containers_free(struct containers *c);

size_t containers_count(const struct containers *c);

/*
 * The container lines for word (as typed, any case or plural: "glasses")
 * that fit food f in dialect d, in file order: call with *pos = 0 first;
 * each call returns the next line, or NULL when there is none left.
 */
const struct container *containers_next(const struct containers *c, const char *word,
                                        const struct food *f, enum containers_dialect d,
                                        size_t *pos);

/* Does any line name word, whatever the food or dialect? */
int containers_names(const struct containers *c, const char *word);

/* The sizes word has in the other dialects, for a message ("473 ml in the
 * US, 568 ml in the UK"); "" when none. */
void containers_dialects(const struct containers *c, const char *word, const struct food *f,
                         char *buf, size_t len);

/* Is f of the kind named kind ("*" is every food)? */
int containers_food_is(const struct containers *c, const char *kind, const struct food *f);

/* The size word a bare count of f prefers ("large" for eggs), or NULL. */
const char *containers_default_size(const struct containers *c, const struct food *f);

/* The size word that word stands for ("big" -> "large"), or NULL. */
const char *containers_same(const struct containers *c, const char *word);

#endif
