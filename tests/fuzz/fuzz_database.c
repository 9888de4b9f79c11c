/*
 * fuzz_database.c - arbitrary bytes opened as a dietbal database: the
 * checks made before anything is written (header, application_id, schema
 * version), then what check and a report do with whatever SQLite accepts.
 * The bytes go to a file in memory (/dev/shm when there is one); the
 * promises: every failure says why, nothing crashes, and the text report
 * holds no raw escape character whatever the names in the file.
 */
#include "fuzz.h"

#include "dietbal/analysis.h"
#include "dietbal/date.h"
#include "dietbal/report.h"
#include "dietbal/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A file of its own for this process, in memory when possible. */
static const char *db_path(void) {
    static char path[128];
    if (!path[0])
        snprintf(path, sizeof(path), "%s/dietbal-fuzz-db.%ld",
                 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", (long)getpid());
    return path;
}

static void remove_all(const char *path) {
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char name[160];
    for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
        snprintf(name, sizeof(name), "%s%s", path, suffix[i]);
        unlink(name);
    }
}

/* The report of one week, as text: no raw ESC, BEL or CSI may be in it. */
static void report(store *s) {
    struct profile p;
    struct day_totals *days = NULL;
    struct cramp *cramps = NULL;
    struct period_source *foods = NULL;
    struct analysis *a = NULL;
    size_t n_days = 0, n_cramps = 0, n_foods = 0, len = 0;
    char err[256], *out = NULL;
    long to = 0, from;
    FILE *f;

    date_parse("2026-11-22", 0, &to);
    from = to - 6;
    if (store_profile_get(s, &p) != STORE_OK ||
        store_day_totals(s, "2026-11-16", "2026-11-22", &days, &n_days) != STORE_OK ||
        store_period_foods(s, "2026-11-16", "2026-11-22", &foods, &n_foods) != STORE_OK ||
        store_cramps_list(s, "2026-11-01", "2026-11-22", &cramps, &n_cramps) != STORE_OK) {
        if (!store_errmsg(s)[0])
            fuzz_fail("a report's read failed without a message", NULL);
        goto out;
    }
    struct analysis_input in = {from, to, &p, days, n_days, cramps, n_cramps, foods, n_foods};
    if (analysis_run(&in, &a, err, sizeof(err)) != 0)
        goto out;
    struct report_opts o = {NULL, 0, 0};
    if (!(f = open_memstream(&out, &len)))
        fuzz_fail("out of memory", NULL);
    report_text(f, a, &o);
    fclose(f);
    for (size_t i = 0; i < len; i++)
        if (out[i] == 0x1B || out[i] == 0x07 ||
            ((unsigned char)out[i] == 0xC2 && i + 1 < len && (unsigned char)out[i + 1] == 0x9B))
            fuzz_fail("the text report holds a raw control character", NULL);
out:
    free(out);
    analysis_free(a);
    free(days);
    free(cramps);
    store_period_sources_free(foods, n_foods);
}

int fuzz_database(const uint8_t *data, size_t size) {
    const char *path = db_path();
    char err[1024] = "", *problems = NULL, *schema = NULL, *repaired = NULL;
    store *s = NULL;
    FILE *f;

    remove_all(path);
    if (!(f = fopen(path, "wb")) || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        fuzz_fail("cannot write the input file", path);
    if (store_open_mode(path, STORE_OPEN_EXISTING, &s, err, sizeof(err)) != STORE_OK) {
        if (!err[0])
            fuzz_fail("store_open: a failure without a message", NULL);
        remove_all(path);
        return 0;
    }
    if (store_integrity_check(s, &problems) == STORE_OK && !problems &&
        store_schema_check(s, 0, &schema, &repaired) == STORE_OK && !schema)
        report(s);
    free(problems);
    free(schema);
    free(repaired);
    store_close(s);
    remove_all(path);
    return 0;
}

#ifndef FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_database(data, size); }
#endif
