/*
 * tables.h - the food tables dietbal knows by name (usda-sr24, ifct2017):
 * the file each is read from, the id prefix that marks its foods, and the
 * order of preference a person gives them.  Plain data and string work:
 * no files are opened here, nothing is printed.
 */
#ifndef DIETBAL_TABLES_H
#define DIETBAL_TABLES_H

#include <stddef.h>

/* Room for an order of every known table, "ifct2017,usda-sr24". */
#define TABLES_ORDER_LEN 128

struct table_def {
    const char *name;   /* "ifct2017": what the user types */
    const char *file;   /* "ifct2017.xml.gz", under the foods directory */
    const char *prefix; /* "ifct:": the ids of its foods start so */
    const char *title;  /* "Indian Food Composition Tables 2017 (NIN)" */
    const char *build;  /* how to make the file when it is not shipped, or NULL */
    /* foods/synonyms.txt rewrites what people type into this table's words
     * ("paneer" -> "queso fresco", SR24's nearest food); the everyday
     * phrases of other tables are the words as typed */
    int synonyms;
};

size_t tables_count(void);
const struct table_def *tables_get(size_t i);

/* The table named name, or NULL. */
const struct table_def *tables_find(const char *name);

/* The table whose foods an id belongs to ("ifct:A010"), or NULL. */
const struct table_def *tables_of_id(const char *id);

/*
 * Check an order of preference, "ifct2017,usda-sr24" (names separated by
 * commas, each known and given once), and write it normalised (no spaces)
 * to out.  0, or -1 with err saying which name is wrong.
 */
int tables_parse_order(const char *text, char *out, size_t len, char *err, size_t errlen);

/*
 * Where the food id's table stands in order: 0 for the first table named.
 * Tables the order leaves out come after it, in the built-in order (USDA
 * first, the table dietbal ships); NULL or "" is that built-in order.
 * Ids of no known table come last.
 */
int tables_rank(const char *order, const char *id);

/* Every known table, most preferred first under order; at most max are
 * written to out.  Returns how many were. */
size_t tables_in_order(const char *order, const struct table_def **out, size_t max);

#endif
