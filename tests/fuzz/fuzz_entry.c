/*
 * fuzz_entry.c - fuzz the ENTRY parser and what follows it: entry_parse,
 * entry_resolve (with a lookup over three made-up foods, no database) and
 * units_convert with a small container table.  The first byte chooses
 * --force (bit 0), the dialect (bits 1-2) and an implied serving (bit 3);
 * the rest is the entry.
 */
#include "fuzz.h"

#include "dietbal/containers.h"
#include "dietbal/entry.h"
#include "dietbal/units.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INPUT 4096

static struct food *make_food(const char *id, const char *name) {
    struct food *f = food_new();
    if (!f || food_set_str(&f->id, id) || food_set_str(&f->name, name))
        fuzz_fail("out of memory", NULL);
    return f;
}

/* Every kind of container line, for the conversions to meet. */
static const char container_text[] = "kind drink = word:milk; word:juice\n"
                                     "kind egg = word:egg\n"
                                     "glass/glasses | drink | * | 250 ml | test\n"
                                     "pint | * | us | 473.18 ml | test\n"
                                     "pint | * | uk | 568.26 ml | test\n"
                                     "bowl | * | * | 40 g | test\n"
                                     "can/tin | * | * | portion:can,jar | test\n"
                                     "piece | * | * | count | test\n"
                                     "default large | egg | test\n"
                                     "same big = large\n";

static const struct containers *table(void) {
    static struct containers *c;
    char err[256];
    if (!c && containers_parse(container_text, "fuzz", &c, err, sizeof(err)) != 0)
        fuzz_fail("the container table does not parse", err);
    return c;
}

static int takes(void *ctx, const struct food *f, const char *word) {
    return units_takes(f, word, ctx);
}

static int counts(void *ctx, const struct food *f, const char *word) {
    return units_counts(f, word, ctx);
}

/* milk: cup and fl oz; egg: large, medium; salt: no portion. */
static enum entry_lookup lookup(void *ctx, const char *text, int by_id, int relaxed,
                                struct food **out, char *err, size_t errlen) {
    struct food *f = NULL;

    (void)ctx;
    if (!text || (by_id && relaxed))
        fuzz_fail("a lookup of no text", NULL);
    if (by_id ? strcmp(text, "t:milk") == 0 : strstr(text, "milk") != NULL) {
        f = make_food("t:milk", "Milk");
        food_add_portion(f, "cup", 1, 244);
        food_add_portion(f, "fl oz", 1, 30.5);
    } else if (by_id ? strcmp(text, "t:egg") == 0 : strstr(text, "egg") != NULL) {
        f = make_food("t:egg", "Egg");
        food_add_portion(f, "large", 1, 50);
        food_add_portion(f, "medium", 0.5, 22);
    } else if (by_id ? strcmp(text, "t:salt") == 0 : strstr(text, "salt") != NULL) {
        f = make_food("t:salt", "Salt");
    } else if (!by_id && strstr(text, "juice")) {
        snprintf(err, errlen, "'%s' matches several foods", text);
        return ENTRY_LOOKUP_AMBIGUOUS;
    } else if (!by_id && strstr(text, "broken")) {
        snprintf(err, errlen, "the database is on fire");
        return ENTRY_LOOKUP_ERROR;
    } else {
        snprintf(err, errlen, "no food matches '%s'", text);
        return ENTRY_LOOKUP_NOTFOUND;
    }
    *out = f;
    return ENTRY_LOOKUP_FOUND;
}

int fuzz_entry(const uint8_t *data, size_t size) {
    char text[MAX_INPUT + 1], err[2048];
    struct entry_spec *e = malloc(sizeof(*e));
    struct units_opts opts = {0, NULL, 0, 0, NULL, NULL};
    struct entry_resolver rv = {lookup, takes, &opts, NULL, counts};
    struct entry_found got = {NULL, NULL, NULL};
    struct food *food = NULL;
    const char *unit = NULL;
    struct units_result r;
    int force, rc;

    if (!e)
        fuzz_fail("out of memory", NULL);
    if (size == 0 || size > MAX_INPUT) {
        free(e);
        return 0;
    }
    force = data[0] & 1;
    opts.force = force;
    opts.containers = table();
    opts.dialect = (data[0] >> 1) & 3;
    opts.implied = (data[0] >> 3) & 1;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';

    err[0] = '\0';
    rc = entry_parse(text, e, err, sizeof(err));
    if (rc != ENTRY_OK) {
        if (rc != ENTRY_EQUANTITY && rc != ENTRY_ESYNTAX)
            fuzz_fail("entry_parse: an unknown status", err);
        if (!err[0])
            fuzz_fail("entry_parse: a failure without a message", text);
        free(e);
        return 0;
    }
    if (!(e->quantity >= ENTRY_QUANTITY_MIN && e->quantity <= ENTRY_QUANTITY_MAX))
        fuzz_fail("entry_parse: a quantity out of range", e->quantity_text);
    if (!e->food[0] || strlen(e->food) > ENTRY_MAX_LEN || strlen(e->text) > ENTRY_MAX_LEN)
        fuzz_fail("entry_parse: no food, or too long", e->food);
    if (!fuzz_clean_text(e->food, 0) || !fuzz_clean_text(e->unit, 0) ||
        !fuzz_clean_text(e->text, 0))
        fuzz_fail("entry_parse: a control character or bad UTF-8 let through", text);
    if (e->unit_generic != (e->unit[0] && units_generic(e->unit) != NULL))
        fuzz_fail("entry_parse: unit_generic is wrong", e->unit);

    err[0] = '\0';
    rc = entry_resolve(e, &rv, &got, err, sizeof(err));
    if (got.text && !(got.text >= (const char *)e && got.text < (const char *)(e + 1)))
        fuzz_fail("entry_resolve: the text does not point into the entry", got.text);
    food = got.food;
    unit = got.unit;
    if (rc != ENTRY_OK) {
        if (!err[0])
            fuzz_fail("entry_resolve: a failure without a message", text);
        free(e);
        return 0;
    }
    if (!food)
        fuzz_fail("entry_resolve: no food", text);
    if (unit && !(unit >= (const char *)e && unit < (const char *)(e + 1)))
        fuzz_fail("entry_resolve: the unit does not point into the entry", unit);

    err[0] = '\0';
    rc = units_convert(food, e->quantity, unit, &opts, &r, err, sizeof(err));
    if (rc == UNITS_OK) {
        if (!isfinite(r.grams) || r.grams <= 0 || r.grams > UNITS_MAX_FORCED_GRAMS ||
            (!force && r.grams > UNITS_MAX_GRAMS))
            fuzz_fail("units_to_grams: an impossible weight", r.text);
        if (!memchr(r.text, '\0', sizeof(r.text)) || !r.text[0])
            fuzz_fail("units_to_grams: no text", NULL);
    } else if (!err[0]) {
        fuzz_fail("units_to_grams: a failure without a message", text);
    }
    food_free(food);
    free(e);
    return 0;
}

#ifndef FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_entry(data, size); }
#endif
