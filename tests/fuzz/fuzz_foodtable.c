/*
 * fuzz_foodtable.c - fuzz the streaming food-table reader.
 *
 * foodtable_read takes a path, so the input goes to one temporary file
 * (rewritten for each input).  Inputs whose last byte is odd are also
 * validated against the schema (FUZZ_SCHEMA, default foods/foodtable.xsd,
 * when it exists): both paths through the reader are exercised, and the
 * schema is parsed only for half of the inputs.
 */
#include "fuzz.h"

#include "dietbal/foodtable.h"
#include "dietbal/nutrients.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[4096];
static int fd = -1;

static void remove_tmp(void) {
    if (fd >= 0) {
        close(fd);
        unlink(path);
    }
}

/* Every food passed on is physically possible (foodtable.h, product.md). */
static int on_food(const struct food *f, void *ctx, char *err, size_t errlen) {
    unsigned long *count = ctx;
    double proximates = 0;

    (void)err;
    (void)errlen;
    if (!f->id || !*f->id || !f->name || !*f->name)
        fuzz_fail("a food without id or name", f->id);
    /* names reach terminals: no control character (XML allows some) */
    if (!fuzz_clean_text(f->id, 0) || !fuzz_clean_text(f->name, 0) ||
        (f->group && !fuzz_clean_text(f->group, 0)))
        fuzz_fail("a control character in a food's id, name or group", f->id);
    for (size_t i = 0; i < f->n_portions; i++) {
        const struct portion *p = &f->portions[i];
        if (!p->name || !*p->name || !fuzz_clean_text(p->name, 0) || !(p->grams > 0) ||
            !(p->amount > 0) || !(p->grams / p->amount <= 100000.0))
            fuzz_fail("an impossible portion", f->id);
    }
    for (size_t k = 0; k < nutrients_count(); k++) {
        double v = f->values[k];
        const struct nutrient_def *d = nutrients_get((int)k);
        if (isnan(v))
            continue;
        if (!isfinite(v) || v < 0)
            fuzz_fail("a negative or infinite value", d->tag);
        if ((d->unit == UNIT_G && v > 100) || (d->unit == UNIT_MG && v > 100e3) ||
            (d->unit == UNIT_UG && v > 100e6))
            fuzz_fail("more than 100 g per 100 g", d->tag);
        if (d->proximate)
            proximates += v;
    }
    if (proximates > FOODTABLE_PROXIMATE_MAX_G)
        fuzz_fail("proximates over the limit", f->id);
    if (!isnan(f->values[NUT_ENERGY]) && f->values[NUT_ENERGY] > FOODTABLE_ENERGY_MAX_KCAL)
        fuzz_fail("energy over the limit", f->id);
    (*count)++;
    return 0;
}

int fuzz_foodtable(const uint8_t *data, size_t size) {
    static const char *schema;
    struct foodtable_stats stats;
    unsigned long foods = 0;
    char err[1024];

    if (fd < 0) {
        const char *tmp = getenv("TMPDIR");
        snprintf(path, sizeof(path), "%s/dietbal-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if ((fd = mkstemp(path)) < 0)
            fuzz_fail("cannot make a temporary file", path);
        atexit(remove_tmp);
        schema = getenv("FUZZ_SCHEMA");
        if (!schema)
            schema = "foods/foodtable.xsd";
        if (access(schema, R_OK) != 0)
            schema = NULL;
    }
    if (ftruncate(fd, 0) != 0 || (size && pwrite(fd, data, size, 0) != (ssize_t)size))
        fuzz_fail("cannot write the temporary file", path);

    struct foodtable_opts opts = {
        .schema_path = size && (data[size - 1] & 1) ? schema : NULL,
        .on_food = on_food,
        .ctx = &foods,
    };
    memset(err, 0x55, sizeof(err));
    int rc = foodtable_read(path, &opts, &stats, err, sizeof(err));

    if (!memchr(err, '\0', sizeof(err)))
        fuzz_fail("the message is not terminated", NULL);
    if (rc == FOODTABLE_OK) {
        if (err[0])
            fuzz_fail("a message on success", err);
        if (stats.foods != foods)
            fuzz_fail("stats.foods differs from the foods passed on", NULL);
    } else {
        /* "PATH:LINE:COL: why" or "PATH: why" */
        size_t n = strlen(path);
        if (strncmp(err, path, n) != 0 || err[n] != ':' || strlen(err) < n + 3)
            fuzz_fail("a failure without 'PATH: why'", err);
        if (rc != FOODTABLE_EINPUT && !(rc == FOODTABLE_EIO && strstr(err, "out of memory")))
            fuzz_fail("a bad table not reported as bad input", err);
    }
    for (size_t i = 0; i < stats.n_unknown; i++)
        if (!stats.unknown[i].tag || !stats.unknown[i].count)
            fuzz_fail("an empty unknown-tag count", NULL);
    foodtable_stats_free(&stats);
    return 0;
}

#ifndef FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_foodtable(data, size); }
#endif
