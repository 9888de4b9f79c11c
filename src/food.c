/*
 * food.c - the in-memory food: allocation and ownership only.
 */
#include "dietbal/food.h"

#include "dietbal/nutrients.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct food *food_new(void) {
    struct food *f = calloc(1, sizeof(*f));
    if (!f)
        return NULL;
    f->values = malloc(nutrients_count() * sizeof(*f->values));
    f->spread = malloc(nutrients_count() * sizeof(*f->spread));
    if (!f->values || !f->spread) {
        free(f->values);
        free(f->spread);
        free(f);
        return NULL;
    }
    food_clear(f);
    return f;
}

void food_clear(struct food *f) {
    free(f->id);
    free(f->name);
    free(f->group);
    f->id = f->name = f->group = NULL;
    for (size_t i = 0; i < f->n_portions; i++)
        free(f->portions[i].name);
    free(f->portions);
    f->portions = NULL;
    f->n_portions = 0;
    for (size_t i = 0; i < f->n_aliases; i++) {
        free(f->aliases[i].name);
        free(f->aliases[i].lang);
    }
    free(f->aliases);
    f->aliases = NULL;
    f->n_aliases = 0;
    f->measured = 0;
    for (size_t i = 0; i < nutrients_count(); i++)
        f->values[i] = f->spread[i] = NAN;
}

void food_free(struct food *f) {
    if (!f)
        return;
    food_clear(f);
    free(f->values);
    free(f->spread);
    free(f);
}

int food_add_portion(struct food *f, const char *name, double amount, double grams) {
    struct portion *p = realloc(f->portions, (f->n_portions + 1) * sizeof(*p));
    char *copy = strdup(name);
    if (!p || !copy) {
        if (p)
            f->portions = p;
        free(copy);
        return -1;
    }
    f->portions = p;
    p[f->n_portions].name = copy;
    p[f->n_portions].amount = amount;
    p[f->n_portions].grams = grams;
    f->n_portions++;
    return 0;
}

int food_add_alias(struct food *f, const char *name, const char *lang) {
    struct alias *a = realloc(f->aliases, (f->n_aliases + 1) * sizeof(*a));
    char *n = strdup(name), *l = lang ? strdup(lang) : NULL;
    if (a)
        f->aliases = a;
    if (!a || !n || (lang && !l)) {
        free(n);
        free(l);
        return -1;
    }
    a[f->n_aliases].name = n;
    a[f->n_aliases].lang = l;
    f->n_aliases++;
    return 0;
}

int food_set_str(char **field, const char *value) {
    char *copy = NULL;
    if (value && !(copy = strdup(value)))
        return -1;
    free(*field);
    *field = copy;
    return 0;
}
