/*
 * test_foodtable.c - the food table reader against the fixtures in
 * tests/fixtures/ (see the README there) and a few files made on the fly.
 * Run from the top of the tree: paths are relative to it.
 */
#include "dietbal/foodtable.h"
#include "dietbal/nutrients.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "testlib.h"

#define SCHEMA "foods/foodtable.xsd"
#define MAX_FOODS 8

/* --- what on_food saw ------------------------------------------------------ */

struct ids;

struct seen_food {
    char *id, *name, *group;
    size_t n_portions;
    struct portion portions[4];
    double *values;
    double *spread;
};

struct seen {
    struct seen_food foods[MAX_FOODS];
    size_t n;       /* on_food calls */
    size_t stop_at; /* return non-zero on this call (1-based), 0: never */
    const char *stop_message;
    unsigned long progress_calls;
    unsigned long long last_done, last_total;
    int progress_backwards;
    struct ids *ids; /* for keep_id */
};

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static int on_food(const struct food *f, void *ctx, char *err, size_t errlen) {
    struct seen *s = ctx;

    s->n++;
    if (s->n <= MAX_FOODS) {
        struct seen_food *g = &s->foods[s->n - 1];
        g->id = dup_or_null(f->id);
        g->name = dup_or_null(f->name);
        g->group = dup_or_null(f->group);
        g->n_portions = f->n_portions;
        for (size_t i = 0; i < f->n_portions && i < 4; i++) {
            g->portions[i] = f->portions[i];
            g->portions[i].name = strdup(f->portions[i].name);
        }
        g->values = malloc(nutrients_count() * sizeof(double));
        memcpy(g->values, f->values, nutrients_count() * sizeof(double));
        g->spread = malloc(nutrients_count() * sizeof(double));
        memcpy(g->spread, f->spread, nutrients_count() * sizeof(double));
    }
    if (s->stop_at && s->n == s->stop_at) {
        if (s->stop_message)
            snprintf(err, errlen, "%s", s->stop_message);
        return 1;
    }
    return 0;
}

static void on_progress(unsigned long long done, unsigned long long total, void *ctx) {
    struct seen *s = ctx;

    if (done < s->last_done)
        s->progress_backwards = 1;
    s->progress_calls++;
    s->last_done = done;
    s->last_total = total;
}

static void seen_free(struct seen *s) {
    for (size_t i = 0; i < s->n && i < MAX_FOODS; i++) {
        struct seen_food *g = &s->foods[i];
        free(g->id);
        free(g->name);
        free(g->group);
        for (size_t j = 0; j < g->n_portions && j < 4; j++)
            free(g->portions[j].name);
        free(g->values);
        free(g->spread);
    }
    memset(s, 0, sizeof(*s));
}

struct run {
    int rc;
    char err[1024];
    struct foodtable_stats stats;
    struct seen seen;
};

static void run_file(struct run *r, const char *path, const char *schema) {
    struct foodtable_opts opts = {schema, on_food, on_progress, &r->seen, NULL, 0, NULL, NULL};
    r->rc = foodtable_read(path, &opts, &r->stats, r->err, sizeof(r->err));
}

static void run_free(struct run *r) {
    foodtable_stats_free(&r->stats);
    seen_free(&r->seen);
}

static int teardown_run(void **state) {
    struct run *r = *state;
    run_free(r);
    free(r);
    return 0;
}

static int setup_run(void **state) {
    *state = calloc(1, sizeof(struct run));
    return *state ? 0 : -1;
}

/* A scratch file under /tmp, removed by the test. */
static void tmp_path(char *buf, size_t len, const char *name) {
    snprintf(buf, len, "/tmp/dietbal-test-foodtable-%ld-%s", (long)getpid(), name);
}

/* --- the good table -------------------------------------------------------- */

static void check_good(struct run *r) {
    const struct seen_food *milk, *cod, *mac, *water;

    assert_int_equal(r->rc, FOODTABLE_OK);
    assert_string_equal(r->err, "");

    /* 4 foods; portions 2 + 1 + 1 + 0; values 8 + 5 + 2 + 0 (the unknown
     * XTESTA, XTESTB are not values). */
    assert_int_equal(r->seen.n, 4);
    assert_int_equal(r->stats.foods, 4);
    assert_int_equal(r->stats.portions, 4);
    assert_int_equal(r->stats.values, 15);

    /* XTESTA in cod and mac, XTESTB in mac: one entry per tag, counted in
     * foods, in the order first seen. */
    assert_int_equal(r->stats.n_unknown, 2);
    assert_string_equal(r->stats.unknown[0].tag, "XTESTA");
    assert_int_equal(r->stats.unknown[0].count, 2);
    assert_string_equal(r->stats.unknown[1].tag, "XTESTB");
    assert_int_equal(r->stats.unknown[1].count, 1);

    milk = &r->seen.foods[0];
    cod = &r->seen.foods[1];
    mac = &r->seen.foods[2];
    water = &r->seen.foods[3];

    assert_string_equal(milk->id, "test:milk");
    assert_string_equal(milk->name, "Milk, whole, 3.25% milkfat");
    assert_string_equal(milk->group, "Dairy and Egg Products");
    assert_int_equal(milk->n_portions, 2);
    assert_string_equal(milk->portions[0].name, "cup");
    assert_true(milk->portions[0].amount == 1.0); /* the default */
    assert_true(milk->portions[0].grams == 244.0);
    assert_string_equal(milk->portions[1].name, "fl oz");
    assert_true(milk->portions[1].amount == 1.0);
    assert_true(milk->portions[1].grams == 30.5);
    /* Already in standard units: kept as written. */
    assert_true(milk->values[NUT_ENERGY] == 61.0);
    assert_true(milk->values[NUT_PROTEIN] == 3.15);
    assert_true(milk->values[id_of("FAT")] == 3.25);
    assert_true(milk->values[id_of("CHOCDF")] == 4.8);
    assert_true(milk->values[NUT_WATER] == 88.32);
    assert_true(milk->values[NUT_CALCIUM] == 113.0);
    assert_true(milk->values[NUT_MAGNESIUM] == 10.0);
    assert_true(milk->values[id_of("VITD")] == 1.3); /* unit="µg" */
    /* Absent is unknown, not zero. */
    assert_true(isnan(milk->values[NUT_SODIUM]));
    assert_true(isnan(milk->values[id_of("SE")]));

    assert_string_equal(cod->id, "test:cod");
    assert_string_equal(cod->group, "Finfish");
    assert_int_equal(cod->n_portions, 1);
    assert_string_equal(cod->portions[0].name, "fillet");
    assert_true(cod->portions[0].amount == 0.5);
    assert_true(cod->portions[0].grams == 90.0);
    /* ENERC defaults to kJ: 418 kJ / 4.184 kJ/kcal = 99.904 kcal. */
    assert_float_equal(cod->values[NUT_ENERGY], 99.904398, 1e-5);
    /* 0.113 g = 113 mg */
    assert_float_equal(cod->values[NUT_CALCIUM], 113.0, 1e-9);
    /* vitamin D: 40 IU / (40 IU/ug) = 1 ug */
    assert_float_equal(cod->values[id_of("VITD")], 1.0, 1e-12);
    /* selenium: 0.0376 mg = 37.6 ug */
    assert_float_equal(cod->values[id_of("SE")], 37.6, 1e-9);
    /* mcg is ug */
    assert_float_equal(cod->values[id_of("VITB12")], 1.05, 1e-12);

    /* &amp; and &#232; decoded; no group is NULL, not "". */
    assert_string_equal(mac->id, "test:mac");
    assert_string_equal(mac->name, "Macaroni & cheese, cr\xc3\xa8me style");
    assert_null(mac->group);
    assert_true(mac->portions[0].amount == 0.5);
    assert_true(mac->values[NUT_ENERGY] == 164.0);
    /* 0.5 g sodium = 500 mg */
    assert_float_equal(mac->values[NUT_SODIUM], 500.0, 1e-9);

    assert_string_equal(water->id, "test:water");
    assert_string_equal(water->name, "Water, tap");
    assert_int_equal(water->n_portions, 0);
    for (size_t i = 0; i < nutrients_count(); i++)
        assert_true(isnan(water->values[i]));
}

static void test_good(void **state) {
    struct run *r = *state;
    struct stat st;

    run_file(r, FIXTURES "good.xml", SCHEMA);
    check_good(r);
    /* Once at the end, with the whole file done. */
    assert_int_equal(stat(FIXTURES "good.xml", &st), 0);
    assert_true(r->seen.progress_calls >= 1);
    assert_int_equal(r->seen.last_done, (unsigned long long)st.st_size);
    assert_int_equal(r->seen.last_total, (unsigned long long)st.st_size);
}

static void test_good_gz(void **state) {
    struct run *r = *state;
    struct stat st;

    run_file(r, FIXTURES "good.xml.gz", SCHEMA);
    check_good(r);
    /* Progress counts the compressed bytes, against the size on disk. */
    assert_int_equal(stat(FIXTURES "good.xml.gz", &st), 0);
    assert_int_equal(r->seen.last_total, (unsigned long long)st.st_size);
}

static void test_good_without_schema(void **state) {
    struct run *r = *state;

    run_file(r, FIXTURES "good.xml", NULL);
    check_good(r);
}

static void test_null_stats_and_callbacks(void **state) {
    char err[256];
    struct foodtable_opts opts = {SCHEMA, NULL, NULL, NULL, NULL, 0, NULL, NULL};

    (void)state;
    assert_int_equal(foodtable_read(FIXTURES "good.xml", &opts, NULL, err, sizeof(err)),
                     FOODTABLE_OK);
    assert_int_equal(foodtable_read(FIXTURES "bad-negative.xml", NULL, NULL, err, sizeof(err)),
                     FOODTABLE_EINPUT);
    assert_non_null(strstr(err, "is negative"));
}

/* --- the bad fixtures --------------------------------------------------------- */

struct bad {
    const char *file;
    const char *where; /* "LINE:COL: " or "LINE:" after the path */
    const char *says;  /* in the message */
    size_t foods;      /* on_food calls before the error */
};

static const struct bad bads[] = {
    {"bad-malformed.xml", "5:9: ", "mismatch", 0},
    {"bad-truncated.xml", "8:27: ", "truncated", 1},
    {"bad-schema.xml", "6:3: ", "food test:b has no name", 1},
    {"bad-negative.xml", "5:5: ", "food test:a: CA value -3 is negative", 0},
    {"bad-nan.xml", "5:5: ", "food test:a: CA value is NaN", 0},
    {"bad-inf.xml", "5:5: ", "food test:a: CA value INF is infinite", 0},
    {"bad-mass.xml", "5:5: ", "CA value 150000 mg is 150 g, more than the 100 g per 100 g", 0},
    {"bad-proximates.xml", "7:3: ",
     "food test:a: water, protein, fat, carbohydrate, ash and "
     "alcohol add up to 115 g per 100 g, more than 110 g",
     1},
    {"bad-energy.xml", "5:5: ",
     "ENERC_KCAL value 950 kcal is 950.0 kcal per 100 g, more than "
     "902 kcal",
     0},
    {"bad-portion.xml", "5:5: ", "food test:a: portion 'slice' grams 0 is not positive", 0},
    {"bad-amount.xml", "4:5: ", "food test:a: portion 'cup' amount 0 is not positive", 0},
    {"bad-duplicate.xml", "7:3: ", "duplicate food id 'test:a' (first at line 3)", 2},
    {"bad-version.xml", "3:1: ",
     "unsupported food table version '2' (this dietbal reads "
     "version 1)",
     0},
    {"bad-root.xml", "2:1: ", "the root element is <foods>, not <foodtable>", 0},
    {"bad-unit-kind.xml", "5:5: ",
     "CA value 10 has unit kcal, a unit of energy, but calcium "
     "is measured in mg",
     0},
    {"bad-xxe.xml", "2:1: ", "DTDs and entities are not allowed in a food table", 0},
    {"bad-entity-bomb.xml", "2:1: ", "DTDs and entities are not allowed in a food table", 0},
    {"bad-encoding.xml", "6:29: ", "not proper UTF-8", 0},
};

/*
 * Every bad fixture is bad input, with the path, the position of the
 * offending element and what is wrong, with and without the schema (our
 * own checks must hold when validation is skipped), and no food is passed
 * on from the point of the error.  With the schema the validator parses
 * ahead of the reader and may find the error before the foods in front of
 * it are passed on (the importer rolls back anyway): at most that many.
 * Nothing reaches stderr.
 */
static void test_bad_fixtures(void **state) {
    char path[256], want[512], errfile[128], failure[2048] = "";
    int saved = dup(2), fd;
    struct stat st;

    (void)state;
    /* Catch anything printed; assert only once stderr is back. */
    tmp_path(errfile, sizeof(errfile), "stderr");
    fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0 && saved >= 0);
    dup2(fd, 2);
    close(fd);

    for (int with_schema = 1; with_schema >= 0 && !failure[0]; with_schema--) {
        for (size_t i = 0; i < sizeof(bads) / sizeof(bads[0]) && !failure[0]; i++) {
            struct run r;
            memset(&r, 0, sizeof(r));
            snprintf(path, sizeof(path), FIXTURES "%s", bads[i].file);
            run_file(&r, path, with_schema ? SCHEMA : NULL);
            snprintf(want, sizeof(want), "%s:%s", path, bads[i].where);
            if (r.rc != FOODTABLE_EINPUT)
                snprintf(failure, sizeof(failure), "rc %d", r.rc);
            else if (strncmp(r.err, want, strlen(want)) != 0)
                snprintf(failure, sizeof(failure), "expected the position %s", want);
            else if (!strstr(r.err, bads[i].says))
                snprintf(failure, sizeof(failure), "expected \"%s\"", bads[i].says);
            else if (strchr(r.err, '\n'))
                snprintf(failure, sizeof(failure), "a new line in the message");
            else if (with_schema ? r.seen.n > bads[i].foods : r.seen.n != bads[i].foods)
                snprintf(failure, sizeof(failure), "%zu foods passed on", r.seen.n);
            else if (r.stats.foods != r.seen.n)
                snprintf(failure, sizeof(failure), "stats.foods %lu", r.stats.foods);
            if (failure[0]) {
                size_t n = strlen(failure);
                snprintf(failure + n, sizeof(failure) - n, " (schema %d): %s", with_schema, r.err);
            }
            run_free(&r);
        }
    }

    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    assert_int_equal(stat(errfile, &st), 0);
    unlink(errfile);
    if (failure[0])
        fail_msg("%s", failure);
    assert_int_equal(st.st_size, 0); /* the library printed nothing */
}

/* The external entity's target never shows up anywhere. */
static void test_xxe_does_not_leak(void **state) {
    struct run *r = *state;
    char host[256] = "";
    FILE *f = fopen("/etc/hostname", "r");

    if (f) {
        if (!fgets(host, sizeof(host), f))
            host[0] = '\0';
        fclose(f);
    }
    host[strcspn(host, "\n")] = '\0';

    run_file(r, FIXTURES "bad-xxe.xml", SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    assert_int_equal(r->seen.n, 0);
    if (host[0]) {
        assert_null(strstr(r->err, host));
    }
    assert_null(strstr(r->err, "&xxe;"));
}

static void test_missing_file(void **state) {
    struct run *r = *state;

    run_file(r, FIXTURES "no-such-file.xml", SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_EIO);
    assert_string_equal(r->err, FIXTURES "no-such-file.xml: No such file or directory");
    assert_int_equal(r->seen.n, 0);
}

static void test_directory(void **state) {
    struct run *r = *state;

    run_file(r, "tests/fixtures", SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_EIO);
    assert_string_equal(r->err, "tests/fixtures: Is a directory");
}

static void test_missing_schema(void **state) {
    struct run *r = *state;

    run_file(r, FIXTURES "good.xml", "foods/no-such-schema.xsd");
    assert_int_equal(r->rc, FOODTABLE_EIO);
    assert_string_equal(r->err, "foods/no-such-schema.xsd: No such file or directory");
    assert_int_equal(r->seen.n, 0);
}

static void test_empty_file(void **state) {
    struct run *r = *state;
    char path[128];

    tmp_path(path, sizeof(path), "empty.xml");
    test_write_file(path, "");
    run_file(r, path, SCHEMA);
    unlink(path);
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    assert_non_null(strstr(r->err, ": the file is empty"));
}

/* --- the callback -------------------------------------------------------------- */

static void test_callback_stops(void **state) {
    struct run *r = *state;

    r->seen.stop_at = 2;
    r->seen.stop_message = "store: disk full while adding test:cod";
    run_file(r, FIXTURES "good.xml", SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_ECALLBACK);
    /* The callback's message, unchanged. */
    assert_string_equal(r->err, "store: disk full while adding test:cod");
    /* It saw two foods; only the first counts as passed on. */
    assert_int_equal(r->seen.n, 2);
    assert_int_equal(r->stats.foods, 1);
    assert_int_equal(r->stats.portions, 2);
    assert_int_equal(r->stats.values, 8);
}

static void test_callback_stops_without_message(void **state) {
    struct run *r = *state;

    r->seen.stop_at = 1;
    run_file(r, FIXTURES "good.xml", SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_ECALLBACK);
    /* Silent callback: the reader says where it stopped. */
    assert_string_equal(r->err, FIXTURES "good.xml:4:3: food test:milk: rejected by the importer");
}

/* The caller keeps the ids (id_seen): a small list stands in for the
 * store's table.  fail_at makes the n-th call fail. */
struct ids {
    char id[8][32];
    unsigned long line[8];
    size_t n, calls, fail_at;
};

static int keep_id(const char *id, unsigned long line, unsigned long *first, void *ctx, char *err,
                   size_t errlen) {
    struct ids *k = ((struct seen *)ctx)->ids;
    if (++k->calls == k->fail_at) {
        snprintf(err, errlen, "no room for %s", id);
        return -1;
    }
    for (size_t i = 0; i < k->n; i++) {
        if (strcmp(k->id[i], id) == 0) {
            *first = k->line[i];
            return 1;
        }
    }
    assert_true(k->n < 8);
    snprintf(k->id[k->n], sizeof(k->id[0]), "%s", id);
    k->line[k->n++] = line;
    return 0;
}

static void test_ids_kept_by_caller(void **state) {
    struct run *r = *state;
    struct ids k = {.n = 0};
    struct foodtable_opts opts = {SCHEMA, on_food, on_progress, &r->seen, keep_id, 0, NULL, NULL};

    r->seen.ids = &k;
    r->rc = foodtable_read(FIXTURES "good.xml", &opts, &r->stats, r->err, sizeof(r->err));
    assert_int_equal(r->rc, FOODTABLE_OK);
    assert_int_equal(k.n, 4); /* every food's id, each once */
    assert_string_equal(k.id[0], "test:milk");
    assert_int_equal(k.line[0], 4);
    assert_int_equal(r->seen.n, 4);
    run_free(r);
    memset(r, 0, sizeof(*r));

    /* a duplicate found by the caller: the same message as without it */
    memset(&k, 0, sizeof(k));
    r->seen.ids = &k;
    r->rc = foodtable_read(FIXTURES "bad-duplicate.xml", &opts, &r->stats, r->err, sizeof(r->err));
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    assert_string_equal(r->err, FIXTURES "bad-duplicate.xml:7:3: duplicate food id 'test:a' "
                                         "(first at line 3)");
    run_free(r);
    memset(r, 0, sizeof(*r));

    /* the caller fails: its message stands and the read stops there */
    memset(&k, 0, sizeof(k));
    k.fail_at = 2;
    r->seen.ids = &k;
    r->rc = foodtable_read(FIXTURES "good.xml", &opts, &r->stats, r->err, sizeof(r->err));
    assert_int_equal(r->rc, FOODTABLE_ECALLBACK);
    assert_string_equal(r->err, "no room for test:cod");
    assert_true(r->seen.n <= 1);
}

/* --- files made on the fly ------------------------------------------------------ */

static const char *head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<foodtable version=\"1\">\n";

/* Read XML text (with head prepended) from a scratch file. */
static void run_text(struct run *r, const char *body, const char *schema) {
    char path[128];
    size_t n = strlen(head) + strlen(body) + 1;
    char *text = malloc(n);

    assert_non_null(text);
    snprintf(text, n, "%s%s", head, body);
    tmp_path(path, sizeof(path), "text.xml");
    test_write_file(path, text);
    free(text);
    run_file(r, path, schema);
    unlink(path);
}

/* A table with no food is a table. */
static void test_empty_table(void **state) {
    struct run *r = *state;

    run_text(r, "", SCHEMA); /* head ends with <foodtable version="1"> */
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    run_free(r);
    memset(r, 0, sizeof(*r));

    run_text(r, "</foodtable>\n", SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_OK);
    assert_int_equal(r->seen.n, 0);
    assert_int_equal(r->stats.foods, 0);
    assert_int_equal(r->stats.n_unknown, 0);
}

/* The table's own tag wins over an alias, whatever the order. */
static void test_alias_and_canonical(void **state) {
    struct run *r = *state;

    run_text(r,
             "  <food id=\"t:1\" name=\"kJ first\">\n"
             "    <nutrient tag=\"ENERC_KJ\" value=\"255\"/>\n"
             "    <nutrient tag=\"ENERC_KCAL\" value=\"61\"/>\n"
             "  </food>\n"
             "  <food id=\"t:2\" name=\"kcal first\">\n"
             "    <nutrient tag=\"ENERC_KCAL\" value=\"61\"/>\n"
             "    <nutrient tag=\"ENERC\" value=\"255\"/>\n"
             "  </food>\n"
             "  <food id=\"t:3\" name=\"kJ only\">\n"
             "    <nutrient tag=\"ENERC_KJ\" value=\"255\"/>\n"
             "  </food>\n"
             "</foodtable>\n",
             SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_OK);
    assert_int_equal(r->seen.n, 3);
    assert_true(r->seen.foods[0].values[NUT_ENERGY] == 61.0);
    assert_true(r->seen.foods[1].values[NUT_ENERGY] == 61.0);
    /* 255 kJ / 4.184 = 60.946 kcal */
    assert_float_equal(r->seen.foods[2].values[NUT_ENERGY], 60.946463, 1e-5);
    /* One energy value per food. */
    assert_int_equal(r->stats.values, 3);
}

/* The spread beside a value (IFCT 2017's standard deviation) is read in the
 * value's unit and converted with it; a value without one has none. */
static void test_spread(void **state) {
    struct run *r = *state;

    run_text(r,
             "  <food id=\"ifct:A010\" name=\"Ragi\">\n"
             "    <nutrient tag=\"ENERC\" value=\"1342\" unit=\"kJ\" spread=\"10\"/>\n"
             "    <nutrient tag=\"CA\" value=\"0.364\" unit=\"g\" spread=\"0.058\"/>\n"
             "    <nutrient tag=\"MG\" value=\"146\"/>\n"
             "  </food>\n"
             "</foodtable>\n",
             SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_OK);
    assert_int_equal(r->seen.n, 1);
    /* 0.364 g = 364 mg, 0.058 g = 58 mg; 10 kJ / 4.184 = 2.39 kcal */
    assert_float_equal(r->seen.foods[0].values[NUT_CALCIUM], 364, 1e-9);
    assert_float_equal(r->seen.foods[0].spread[NUT_CALCIUM], 58, 1e-9);
    assert_float_equal(r->seen.foods[0].spread[NUT_ENERGY], 2.390057, 1e-6);
    assert_true(isnan(r->seen.foods[0].spread[NUT_MAGNESIUM]));
    assert_true(isnan(r->seen.foods[0].spread[NUT_PHOSPHORUS]));
}

/* A supplement's label amount has no spread. */
static void test_spread_not_on_supplements(void **state) {
    struct run *r = *state;

    run_text(r,
             "  <supplement id=\"supp:x\" name=\"X\" unit=\"tablet\">\n"
             "    <nutrient tag=\"CA\" value=\"200\" unit=\"mg\" spread=\"5\"/>\n"
             "  </supplement>\n"
             "</foodtable>\n",
             SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    assert_non_null(strstr(r->err, ":4:5: supplement supp:x: CA: a supplement's label amount "
                                   "has no spread"));
}

static void test_same_tag_twice(void **state) {
    struct run *r = *state;

    run_text(r,
             "  <food id=\"t:1\" name=\"A\">\n"
             "    <nutrient tag=\"CA\" value=\"10\"/>\n"
             "    <nutrient tag=\"MG\" value=\"10\"/>\n"
             "    <nutrient tag=\"CA\" value=\"12\"/>\n"
             "  </food>\n"
             "</foodtable>\n",
             SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    assert_non_null(strstr(r->err, ":6:5: food t:1: CA given twice (first at line 4)"));
    assert_int_equal(r->seen.n, 0);
}

static void test_unknown_counted_once_per_food(void **state) {
    struct run *r = *state;

    run_text(r,
             "  <food id=\"t:1\" name=\"A\">\n"
             "    <nutrient tag=\"XNEW\" value=\"1\"/>\n"
             "    <nutrient tag=\"XNEW\" value=\"2\"/>\n"
             "  </food>\n"
             "  <food id=\"t:2\" name=\"B\">\n"
             "    <nutrient tag=\"XNEW\" value=\"-1\"/>\n"
             "  </food>\n"
             "</foodtable>\n",
             SCHEMA);
    /* Unknown values are skipped unread: even a negative one. */
    assert_int_equal(r->rc, FOODTABLE_OK);
    assert_int_equal(r->stats.values, 0);
    assert_int_equal(r->stats.n_unknown, 1);
    assert_string_equal(r->stats.unknown[0].tag, "XNEW");
    assert_int_equal(r->stats.unknown[0].count, 2);
}

static void test_iu_only_for_vitamin_d(void **state) {
    struct run *r = *state;

    run_text(r,
             "  <food id=\"t:1\" name=\"A\">\n"
             "    <nutrient tag=\"VITA_RAE\" value=\"500\" unit=\"IU\"/>\n"
             "  </food>\n"
             "</foodtable>\n",
             SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    assert_non_null(strstr(r->err, ":4:5: food t:1: VITA_RAE value 500 is in IU"));
}

static void test_bad_numbers(void **state) {
    static const struct {
        const char *nutrient;
        const char *says;
    } cases[] = {
        {"<nutrient tag=\"CA\" value=\"abc\"/>", "'abc'"},
        {"<nutrient tag=\"CA\" value=\"-INF\"/>", "CA value -INF is"},
        {"<nutrient tag=\"CA\" value=\"1e400\"/>", "CA value 1e400 is"},
        {"<nutrient tag=\"CA\" value=\"0x10\"/>", "'0x10'"},
        {"<nutrient tag=\"CA\" value=\"\"/>", "CA value"},
        {"<nutrient tag=\"CA\" value=\"1,5\"/>", "'1,5'"},
        /* Finite, but 1e308 ug is 1e302 g. */
        {"<nutrient tag=\"SE\" value=\"1e308\"/>", "more than the 100 g"},
        /* 1e308 g is out of range once in mg. */
        {"<nutrient tag=\"CA\" value=\"1e308\" unit=\"g\"/>", "out of range"},
        /* 3800 kJ = 908 kcal */
        {"<nutrient tag=\"ENERC_KJ\" value=\"3800\"/>", "908.2 kcal per 100 g"},
        /* 100.001 g of water per 100 g */
        {"<nutrient tag=\"WATER\" value=\"100.001\"/>", "more than the 100 g"},
        {"<nutrient tag=\"CA\" value=\"10\" unit=\"furlong\"/>", "unit"},
        /* a spread is a number of zero or more */
        {"<nutrient tag=\"CA\" value=\"10\" spread=\"-1\"/>", "CA spread '-1' is not a number"},
        {"<nutrient tag=\"CA\" value=\"10\" spread=\"wide\"/>", "CA spread 'wide'"},
        {"<nutrient tag=\"CA\" value=\"10\" spread=\"NaN\"/>", "CA spread 'NaN'"},
        /* vitamin A in IU: at least 0.3 ug an IU, so 1e308 IU is 3e301 g */
        {"<nutrient tag=\"VITA_IU\" value=\"1e308\"/>", "VITA_IU value 1e308 IU is 3e+301 g"},
        /* 100 g / 0.3 ug = 333,333,333.3 IU */
        {"<nutrient tag=\"VITA_IU\" value=\"333333334\"/>", "more than the 100 g"},
        /* the figure in the message stays short */
        {"<nutrient tag=\"ENERC_KCAL\" value=\"1e308\"/>", "is 1e+308 kcal per 100 g"},
        /* a portion of 1e308 g made entries of infinite calcium */
        {"<portion name=\"cup\" grams=\"1e308\"/>",
         "weighs 1e+308 g per portion, more than 100 kg"},
        {"<portion name=\"cup\" grams=\"100001\"/>", "weighs 100001 g per portion"},
        /* C1 controls are XML characters, and a terminal's escapes */
        {"<portion name=\"cup\xc2\x9b"
         "31m\" grams=\"1\"/>",
         "<portion> name contains a control character (U+009B)"},
        /* 1 g for 1e-6 cup is 1,000 kg a cup */
        {"<portion name=\"cup\" amount=\"1e-6\" grams=\"1\"/>", "weighs 1e+06 g per unit"},
    };
    char body[512];

    (void)state;
    for (int with_schema = 1; with_schema >= 0; with_schema--) {
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
            struct run r;
            memset(&r, 0, sizeof(r));
            snprintf(body, sizeof(body),
                     "  <food id=\"t:1\" name=\"A\">\n    %s\n  </food>\n</foodtable>\n",
                     cases[i].nutrient);
            run_text(&r, body, with_schema ? SCHEMA : NULL);
            if (r.rc != FOODTABLE_EINPUT || !strstr(r.err, ":4:") ||
                (!with_schema && !strstr(r.err, cases[i].says)))
                print_error("%s (schema %d): %s\n", cases[i].nutrient, with_schema, r.err);
            assert_int_equal(r.rc, FOODTABLE_EINPUT);
            assert_non_null(strstr(r.err, ":4:")); /* the line of the nutrient */
            /* Without the schema the messages are all ours. */
            if (!with_schema)
                assert_non_null(strstr(r.err, cases[i].says));
            assert_int_equal(r.seen.n, 0);
            run_free(&r);
        }
    }
}

/* Write text as UTF-16 (LE with a byte order mark, or BE without) and read it. */
static void run_utf16(struct run *r, const char *text, int big_endian) {
    char path[128];
    FILE *f;

    tmp_path(path, sizeof(path), "utf16.xml");
    f = fopen(path, "wb");
    assert_non_null(f);
    if (!big_endian) {
        fputc(0xFF, f);
        fputc(0xFE, f);
    }
    for (const char *p = text; *p; p++) {
        fputc(big_endian ? 0 : *p, f);
        fputc(big_endian ? *p : 0, f);
    }
    fclose(f);
    run_file(r, path, SCHEMA);
    unlink(path);
}

/*
 * A DTD in UTF-16 is refused like one in UTF-8, before libxml2 parses it:
 * the byte scanner follows a transcoded copy.  (It used to see only zero
 * bytes there, and left the entities to libxml2's own defences.)
 */
static void test_utf16_doctype(void **state) {
    const char *text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                       "<!DOCTYPE foodtable [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n"
                       "<foodtable version=\"1\"><food id=\"t:1\" name=\"&x;\"/></foodtable>\n";

    (void)state;
    for (int be = 0; be <= 1; be++) {
        struct run r;
        memset(&r, 0, sizeof(r));
        run_utf16(&r, text, be);
        assert_int_equal(r.rc, FOODTABLE_EINPUT);
        assert_non_null(strstr(r.err, "utf16.xml:2:1: DTDs and entities are not allowed"));
        assert_int_equal(r.seen.n, 0);
        run_free(&r);
    }
}

/*
 * Only encodings the scanner can follow are read: UTF-7 would hide
 * "<!DOCTYPE" as "+ADw-!DOCTYPE"; UTF-32 and EBCDIC likewise.
 */
static void test_encodings(void **state) {
    static const struct {
        const char *bytes;
        size_t len;
        int rc;
        const char *says;
    } cases[] = {
#define CASE(text, rc, says) {text, sizeof(text) - 1, rc, says}
        CASE(
            "<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n"
            "+ADw-!DOCTYPE foodtable +AFs- +ADw-!ENTITY x SYSTEM +ACI-file:///etc/passwd+ACI-+AD4- "
            "+AF0-+AD4-\n<foodtable version=\"1\"/>\n",
            FOODTABLE_EINPUT, ":1:1: encoding 'UTF-7' is not supported"),
        CASE("<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?><foodtable version=\"1\"/>",
             FOODTABLE_EINPUT, "encoding 'ISO-2022-JP' is not supported"),
        CASE("<?xml version='1.0' encoding = 'utf-7' ?><foodtable version=\"1\"/>",
             FOODTABLE_EINPUT, "encoding 'utf-7' is not supported"),
        /* the encoding far out of sight behind spaces */
        CASE("<?xml version=\"1.0\"                                                          "
             "                                                                                  "
             "                                                                                  "
             "                                      encoding=\"UTF-7\"?><foodtable version=\"1\"/>",
             FOODTABLE_EINPUT, ":1:1: the XML declaration is too long"),
        CASE("\x00\x00\x00<\x00\x00\x00?\x00\x00\x00x", FOODTABLE_EINPUT, "the file is in UTF-32"),
        CASE("\x4c\x6f\xa7\x94\x93\x40", FOODTABLE_EINPUT, "the file is in EBCDIC"),
        CASE("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
             "<foodtable version=\"1\"><food id=\"t:1\" name=\"caf\xe9\"/></foodtable>\n",
             FOODTABLE_OK, NULL),
        CASE("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n"
             "<foodtable version=\"1\"><food id=\"t:1\" name=\"caf\xe9\"/></foodtable>\n",
             FOODTABLE_OK, NULL),
        CASE("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<foodtable version=\"1\"/>\n",
             FOODTABLE_OK, NULL),
        /* a processing instruction that is not the declaration names no encoding */
        CASE("<?xml version=\"1.0\"?>\n<?x encoding=\"UTF-7\"?>\n<foodtable version=\"1\"/>\n",
             FOODTABLE_OK, NULL),
#undef CASE
    };
    char path[128];

    (void)state;
    tmp_path(path, sizeof(path), "enc.xml");
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct run r;
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(cases[i].bytes, 1, cases[i].len, f), cases[i].len);
        fclose(f);
        memset(&r, 0, sizeof(r));
        run_file(&r, path, SCHEMA);
        if (r.rc != cases[i].rc || (cases[i].says && !strstr(r.err, cases[i].says)))
            print_error("case %zu: rc %d: %s\n", i, r.rc, r.err);
        assert_int_equal(r.rc, cases[i].rc);
        if (cases[i].says)
            assert_non_null(strstr(r.err, cases[i].says));
        else if (r.seen.n == 1)
            assert_string_equal(r.seen.foods[0].name, "caf\xc3\xa9"); /* é in UTF-8 */
        run_free(&r);
    }
    unlink(path);
}

/* Past libxml2's 10 MB limit on a text node or a value: bad input, not
 * "out of memory" (libxml2 2.9 reports the text node as XML_ERR_NO_MEMORY). */
/* Food ids, names and groups hold no DEL or C1 control. */
static void test_control_in_names(void **state) {
    static const char *const foods[] = {
        "<food id=\"t:1\x7f\" name=\"A\"/>",
        "<food id=\"t:1\" name=\"A\xc2\x85\"/>",
        "<food id=\"t:1\" name=\"A\" group=\"\xc2\x9b"
        "2J\"/>",
        /* a newline by character reference: a second line of output */
        "<food id=\"t:1\" name=\"Milk&#10;dietbal: all is well\"/>",
        "<food id=\"t:1\" name=\"Milk&#9;\"/>",
    };
    char body[256];

    (void)state;
    for (size_t i = 0; i < sizeof(foods) / sizeof(foods[0]); i++) {
        struct run r;
        memset(&r, 0, sizeof(r));
        snprintf(body, sizeof(body), "  %s\n</foodtable>\n", foods[i]);
        run_text(&r, body, SCHEMA);
        assert_int_equal(r.rc, FOODTABLE_EINPUT);
        assert_non_null(strstr(r.err, ":3:3: <food> "));
        assert_non_null(strstr(r.err, "contains a control character (U+00"));
        assert_int_equal(r.seen.n, 0);
        run_free(&r);
    }
}

/* A food of N portions or N different unknown tags. */
static char *many(const char *element, int n) {
    size_t cap = 128 + (size_t)n * 64, len = 0;
    char *body = malloc(cap);

    assert_non_null(body);
    len += (size_t)snprintf(body + len, cap - len, "  <food id=\"t:1\" name=\"Many\">\n");
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(body + len, cap - len, element, i);
    snprintf(body + len, cap - len, "  </food>\n</foodtable>\n");
    return body;
}

/* What one table may hold is bounded, so is the memory it takes: a food of
 * 1,000,000 portions took 65 MB, 300,000 unknown tags 57 MB and a minute. */
static void test_limits_bound_memory(void **state) {
    static const struct {
        const char *element;
        int limit;
        const char *says;
    } cases[] = {
        {"    <portion name=\"p%d\" grams=\"1\"/>\n", FOODTABLE_MAX_PORTIONS,
         "food t:1: more than 1000 portions"},
        {"    <nutrient tag=\"X%d\" value=\"1\"/>\n", FOODTABLE_MAX_UNKNOWN_TAGS,
         "more than 1000 different unknown nutrient tags"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        for (int over = 0; over <= 1; over++) {
            struct run r;
            char *body = many(cases[i].element, cases[i].limit + over);
            memset(&r, 0, sizeof(r));
            run_text(&r, body, SCHEMA);
            free(body);
            if (over) {
                assert_int_equal(r.rc, FOODTABLE_EINPUT);
                assert_non_null(strstr(r.err, cases[i].says));
                assert_int_equal(r.seen.n, 0);
            } else {
                assert_int_equal(r.rc, FOODTABLE_OK);
                assert_int_equal(r.seen.n, 1);
            }
            run_free(&r);
        }
    }
}

/* opts.max_foods: a table of more foods is refused. */
static void test_max_foods(void **state) {
    struct run *r = *state;
    struct foodtable_opts opts = {SCHEMA, on_food, NULL, &r->seen, NULL, 3, NULL, NULL};

    r->rc = foodtable_read(FIXTURES "good.xml", &opts, &r->stats, r->err, sizeof(r->err));
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    assert_non_null(strstr(r->err, "good.xml:33:3: more than 3 foods in one table"));
    run_free(r);
    memset(r, 0, sizeof(*r));
    opts.ctx = &r->seen;
    opts.max_foods = 4; /* good.xml holds 4 */
    r->rc = foodtable_read(FIXTURES "good.xml", &opts, &r->stats, r->err, sizeof(r->err));
    assert_int_equal(r->rc, FOODTABLE_OK);
    assert_int_equal(r->seen.n, 4);
}

static void test_huge_text(void **state) {
    static const char *const wraps[][2] = {
        {"  <food id=\"t:1\" name=\"A\">", "</food>\n</foodtable>\n"},
        {"  <food id=\"t:1\" name=\"A\"><nutrient tag=\"CA\" value=\"",
         "\"/></food>\n</foodtable>\n"},
    };
    const size_t big = 10u * 1024 * 1024 + 1;

    (void)state;
    for (size_t i = 0; i < sizeof(wraps) / sizeof(wraps[0]); i++) {
        struct run r;
        size_t a = strlen(wraps[i][0]), b = strlen(wraps[i][1]);
        char *body = malloc(a + big + b + 1);

        assert_non_null(body);
        memcpy(body, wraps[i][0], a);
        memset(body + a, i == 0 ? 'x' : '1', big);
        memcpy(body + a + big, wraps[i][1], b + 1);
        memset(&r, 0, sizeof(r));
        run_text(&r, body, NULL);
        free(body);
        assert_int_equal(r.rc, FOODTABLE_EINPUT);
        assert_non_null(strstr(r.err, "too long (more than 10 MB)"));
        assert_true(strlen(r.err) < 200);
        assert_int_equal(r.seen.n, 0);
        run_free(&r);
    }
}

/* Exactly at the limits is fine: 100 g, 902 kcal, proximates 110 g, the
 * food of USDA SR24 with the largest proximate sum (106.46 g), portions of
 * 100 kg a unit, 333,333,333 IU of vitamin A (99.99999 g). */
static void test_limits_inclusive(void **state) {
    struct run *r = *state;

    run_text(r,
             "  <food id=\"t:1\" name=\"Sugar\">\n"
             "    <nutrient tag=\"CHOCDF\" value=\"100\"/>\n"
             "    <nutrient tag=\"SUGAR\" value=\"100000\" unit=\"mg\"/>\n"
             "  </food>\n"
             "  <food id=\"t:2\" name=\"Lard\">\n"
             "    <nutrient tag=\"FAT\" value=\"100\"/>\n"
             "    <nutrient tag=\"ENERC_KCAL\" value=\"902\"/>\n"
             "    <nutrient tag=\"WATER\" value=\"10\"/>\n"
             "  </food>\n"
             "  <food id=\"usda:15210\" name=\"Fish, salmon, chinook, cooked, dry heat\">\n"
             "    <nutrient tag=\"WATER\" value=\"65.6\"/>\n"
             "    <nutrient tag=\"PROCNT\" value=\"25.72\"/>\n"
             "    <nutrient tag=\"FAT\" value=\"13.38\"/>\n"
             "    <nutrient tag=\"ASH\" value=\"1.76\"/>\n"
             "    <nutrient tag=\"CHOCDF\" value=\"0\"/>\n"
             "  </food>\n"
             "  <food id=\"t:3\" name=\"Zero\">\n"
             "    <nutrient tag=\"CA\" value=\"0\"/>\n"
             "    <nutrient tag=\"MG\" value=\" 1.5E1 \"/>\n"
             "  </food>\n"
             "  <food id=\"t:4\" name=\"Heaviest\">\n"
             "    <portion name=\"whole\" grams=\"100000\"/>\n"
             "    <portion name=\"tiny\" amount=\"0.001\" grams=\"100\"/>\n"
             "    <nutrient tag=\"VITA_IU\" value=\"333333333\"/>\n"
             "  </food>\n"
             "</foodtable>\n",
             SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_OK);
    assert_int_equal(r->seen.n, 5);
    assert_true(r->seen.foods[3].values[NUT_CALCIUM] == 0.0); /* a real zero */
    assert_true(r->seen.foods[3].values[NUT_MAGNESIUM] == 15.0);
    /* 1 whole = 100 kg; 0.001 tiny = 100 g */
    assert_true(r->seen.foods[4].portions[0].grams == 100000.0);
}

/*
 * A problem the reader meets first wins over a schema error further on,
 * although the validator, parsing ahead, reports that one earlier.
 */
static void test_errors_in_document_order(void **state) {
    struct run *r = *state;

    run_text(r,
             "  <food id=\"t:1\" name=\"A\">\n"
             "    <nutrient tag=\"CA\" value=\"-1\"/>\n"
             "  </food>\n"
             "  <food id=\"t:2\">\n"
             "    <nutrient tag=\"bad tag\" value=\"1\"/>\n"
             "  </food>\n"
             "</foodtable>\n",
             SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    assert_non_null(strstr(r->err, ":4:5: food t:1: CA value -1 is negative"));
}

/* A schema-only rule (the tag pattern) reports the element's position. */
static void test_schema_error_position(void **state) {
    struct run *r = *state;

    run_text(r,
             "  <food id=\"t:1\" name=\"A\">\n"
             "    <nutrient tag=\"CA\" value=\"1\"/>\n"
             "  </food>\n"
             "  <food id=\"t:2\" name=\"B\">\n"
             "      <nutrient tag=\"bad tag\" value=\"1\"/>\n"
             "  </food>\n"
             "</foodtable>\n",
             SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    assert_non_null(strstr(r->err, ":7:7: Element 'nutrient', attribute 'tag'"));
    assert_true(r->seen.n <= 1); /* at most the good food before it */
}

static void test_text_and_stray_elements(void **state) {
    struct run *r = *state;

    run_text(r,
             "  <food id=\"t:1\" name=\"A\">\n"
             "    <vitamin tag=\"CA\" value=\"1\"/>\n"
             "  </food>\n"
             "</foodtable>\n",
             NULL);
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    assert_non_null(strstr(r->err, ":4:5: unexpected element <vitamin>"));
    run_free(r);
    memset(r, 0, sizeof(*r));

    /* Text in a food: ours without the schema, the schema's (with its
     * column) with it. */
    run_text(r, "  <food id=\"t:1\" name=\"A\">hello</food>\n</foodtable>\n", NULL);
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    assert_non_null(strstr(r->err, ":3: unexpected text in a food table"));
    run_free(r);
    memset(r, 0, sizeof(*r));
    run_text(r, "  <food id=\"t:1\" name=\"A\">hello</food>\n</foodtable>\n", SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    assert_non_null(strstr(r->err, ":3:3: Element 'food': Character content"));
}

/*
 * Beyond line 65535, where libxml2's node line numbers stop, positions are
 * still exact; and progress comes in steps, forwards, ending at the size.
 */
static void test_big_file_positions_and_progress(void **state) {
    struct run *r = *state;
    char path[128];
    struct stat st;
    FILE *f;
    unsigned long line = 2;
    const unsigned long foods = 20000;

    tmp_path(path, sizeof(path), "big.xml");
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(head, f);
    for (unsigned long i = 0; i < foods; i++) {
        fprintf(f, "  <food id=\"big:%lu\" name=\"Food %lu\">\n", i, i);
        fputs("    <portion name=\"cup\" grams=\"240\"/>\n", f);
        fputs("    <nutrient tag=\"CA\" value=\"120\"/>\n", f);
        fputs("    <nutrient tag=\"PROCNT\" value=\"3.3\"/>\n", f);
        fputs("  </food>\n", f);
        line += 5;
    }
    /* Line line+1 to line+3: a food with a negative value on line+2. */
    fputs("  <food id=\"big:last\" name=\"Last\">\n"
          "        <nutrient tag=\"MG\" value=\"-2\"/>\n"
          "  </food>\n</foodtable>\n",
          f);
    assert_int_equal(fclose(f), 0);
    assert_true(line + 2 > 65535);

    run_file(r, path, SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    char want[256];
    snprintf(want, sizeof(want), "%s:%lu:9: food big:last: MG value -2 is negative", path,
             line + 2);
    assert_string_equal(r->err, want);
    assert_int_equal(r->stats.foods, foods);
    assert_int_equal(r->stats.portions, foods);
    assert_int_equal(r->stats.values, 2 * foods);

    /* The file is ~3.4 MB: a few progress reports, never backwards.  (The
     * last one is not the total: the read failed.) */
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 3 * 1024 * 1024);
    assert_true(r->seen.progress_calls >= 2);
    assert_true(r->seen.progress_calls <= (unsigned long)(st.st_size / (1024 * 1024)) + 1);
    assert_false(r->seen.progress_backwards);
    assert_int_equal(r->seen.last_total, (unsigned long long)st.st_size);
    unlink(path);
}

/* A .gz cut short is bad input, said so; corrupt data too. */
static void test_truncated_gz(void **state) {
    struct run *r = *state;
    char path[128];
    FILE *in, *out;
    unsigned char buf[4096];
    size_t n;

    tmp_path(path, sizeof(path), "cut.xml.gz");
    in = fopen(FIXTURES "good.xml.gz", "rb");
    assert_non_null(in);
    n = fread(buf, 1, sizeof(buf), in);
    fclose(in);
    assert_true(n > 200);
    out = fopen(path, "wb");
    assert_non_null(out);
    fwrite(buf, 1, n / 2, out);
    fclose(out);

    run_file(r, path, SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    assert_non_null(strstr(r->err, "truncated"));
    run_free(r);
    memset(r, 0, sizeof(*r));

    /* Flip bytes in the middle of the deflate stream. */
    for (size_t i = n / 3; i < n / 3 + 16; i++)
        buf[i] ^= 0x5a;
    out = fopen(path, "wb");
    assert_non_null(out);
    fwrite(buf, 1, n, out);
    fclose(out);
    run_file(r, path, SCHEMA);
    unlink(path);
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    assert_non_null(strstr(r->err, "corrupt compressed data"));
    assert_null(strstr(r->err, "<fd:")); /* zlib's name for the stream */
    assert_int_equal(r->seen.n, 0);
}

/* UTF-16 is XML too: read it (positions then come from libxml2). */
static void test_utf16(void **state) {
    struct run *r = *state;
    const char *body = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                       "<foodtable version=\"1\">\n"
                       "  <food id=\"t:1\" name=\"A\">\n"
                       "    <nutrient tag=\"CA\" value=\"7\"/>\n"
                       "  </food>\n"
                       "</foodtable>\n";
    char path[128];
    FILE *f;

    tmp_path(path, sizeof(path), "utf16.xml");
    f = fopen(path, "wb");
    assert_non_null(f);
    fputc(0xFF, f);
    fputc(0xFE, f);
    for (const char *p = body; *p; p++) {
        fputc(*p, f);
        fputc(0, f);
    }
    fclose(f);
    run_file(r, path, SCHEMA);
    unlink(path);
    assert_int_equal(r->rc, FOODTABLE_OK);
    assert_int_equal(r->seen.n, 1);
    assert_true(r->seen.foods[0].values[NUT_CALCIUM] == 7.0);
}

/* A decimal-comma locale does not change how "3.15" reads.  Skipped
 * unless one is installed; without installing one:
 *   localedef -i de_DE -f UTF-8 /tmp/loc/de_DE.UTF-8
 *   LOCPATH=/tmp/loc build/tests/test_foodtable */
static void test_locale_independent(void **state) {
    struct run *r = *state;
    static const char *locales[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "nl_NL.UTF-8"};
    const char *set = NULL;

    for (size_t i = 0; !set && i < sizeof(locales) / sizeof(locales[0]); i++)
        set = setlocale(LC_NUMERIC, locales[i]);
    if (!set)
        skip(); /* no such locale installed */
    run_file(r, FIXTURES "good.xml", SCHEMA);
    setlocale(LC_NUMERIC, "C");
    check_good(r);
}

/* The handlers and entity loader of libxml2 are as they were. */
static int dummy_errors;
static void dummy_generic(void *ctx, const char *msg, ...) {
    (void)ctx;
    (void)msg;
    dummy_errors++;
}

static void test_restores_libxml_state(void **state) {
    struct run *r = *state;
    xmlExternalEntityLoader loader = xmlGetExternalEntityLoader();

    xmlSetGenericErrorFunc(&dummy_errors, dummy_generic);
    run_file(r, FIXTURES "bad-malformed.xml", SCHEMA);
    assert_int_equal(r->rc, FOODTABLE_EINPUT);
    assert_true(xmlGenericError == dummy_generic);
    assert_ptr_equal(xmlGenericErrorContext, &dummy_errors);
    assert_null(xmlStructuredError);
    assert_true(xmlGetExternalEntityLoader() == loader);
    assert_int_equal(dummy_errors, 0); /* and it was not used meanwhile */
    xmlSetGenericErrorFunc(NULL, NULL);
}

/* --- supplements -------------------------------------------------------------- */

struct supp_seen {
    int n;
    char id[3][64];
    char unit[3][16];
    double ca[3], mg[3], vitd[3], p[3];
};

static int on_supplement(const struct supplement *p, void *ctx, char *err, size_t errlen) {
    struct supp_seen *s = ctx;
    (void)err;
    (void)errlen;
    if (s->n < 3) {
        snprintf(s->id[s->n], sizeof(s->id[0]), "%s", p->id);
        snprintf(s->unit[s->n], sizeof(s->unit[0]), "%s", p->unit);
        s->ca[s->n] = p->values[NUT_CALCIUM];
        s->mg[s->n] = p->values[NUT_MAGNESIUM];
        s->vitd[s->n] = p->values[NUT_VITAMIN_D];
        s->p[s->n] = p->values[NUT_PHOSPHORUS];
    }
    s->n++;
    return 0;
}

/* Read text as a table with the schema; supplements go to *seen. */
static int read_supplements(const char *text, struct supp_seen *seen, struct foodtable_stats *st,
                            char *err, size_t errlen) {
    char path[256];
    struct foodtable_opts opts = {SCHEMA, NULL, NULL, seen, NULL, 0, on_supplement, NULL};
    tmp_path(path, sizeof(path), "supp.xml");
    test_write_file(path, text);
    memset(seen, 0, sizeof(*seen));
    int rc = foodtable_read(path, &opts, st, err, errlen);
    unlink(path);
    return rc;
}

static void test_supplements(void **state) {
    struct supp_seen seen;
    struct foodtable_stats st;
    char err[512] = "";
    (void)state;
    int rc =
        read_supplements("<?xml version=\"1.0\"?>\n<foodtable version=\"1\">\n"
                         "<food id=\"t:a\" name=\"A\"><nutrient tag=\"CA\" value=\"1\"/></food>\n"
                         "<supplement id=\"supp:pre\" name=\"Prenatal\" unit=\"tablet\">\n"
                         "  <nutrient tag=\"CA\" value=\"0.2\" unit=\"g\"/>\n"
                         "  <nutrient tag=\"MG\" value=\"100\" unit=\"mg\"/>\n"
                         "  <nutrient tag=\"VITD\" value=\"400\" unit=\"IU\"/>\n"
                         "</supplement>\n"
                         "<supplement id=\"supp:d\" name=\"D3\" unit=\"drop\">"
                         "<nutrient tag=\"VITD\" value=\"10\"/></supplement>\n"
                         "</foodtable>\n",
                         &seen, &st, err, sizeof(err));
    assert_int_equal(rc, FOODTABLE_OK);
    assert_int_equal(st.foods, 1);
    assert_int_equal(st.supplements, 2);
    assert_int_equal(seen.n, 2);
    assert_string_equal(seen.id[0], "supp:pre");
    assert_string_equal(seen.unit[0], "tablet");
    /* 0.2 g = 200 mg; 400 IU / 40 = 10 ug; P not on the label: NAN here,
     * a zero for the analysis (supplement_amount) */
    assert_true(fabs(seen.ca[0] - 200) < 1e-9);
    assert_true(seen.mg[0] == 100);
    assert_true(fabs(seen.vitd[0] - 10) < 1e-12);
    assert_true(isnan(seen.p[0]));
    /* no unit: the tag's own (VITD in ug) */
    assert_true(seen.vitd[1] == 10);
    assert_string_equal(seen.unit[1], "drop");
    foodtable_stats_free(&st);
}

static void test_supplements_refused(void **state) {
    static const struct {
        const char *body, *says;
    } cases[] = {
        {"<supplement id=\"supp:x\" name=\"X\" unit=\"tablet\">"
         "<nutrient tag=\"CA\" value=\"12\" unit=\"g\"/></supplement>",
         "more than 10 g of a mineral"},
        {"<supplement id=\"supp:x\" name=\"X\" unit=\"tablet\">"
         "<nutrient tag=\"CA\" value=\"-1\" unit=\"mg\"/></supplement>",
         "negative"},
        {"<supplement id=\"supp:x\" name=\"X\" unit=\"tablet\">"
         "<nutrient tag=\"XYZZY\" value=\"1\"/></supplement>",
         "unknown nutrient tag 'XYZZY'"},
        {"<supplement id=\"supp:x\" name=\"X\" unit=\"cup\">"
         "<nutrient tag=\"CA\" value=\"1\"/></supplement>",
         "cup"},
        {"<supplement id=\"t:food\" name=\"X\" unit=\"tablet\">"
         "<nutrient tag=\"CA\" value=\"1\"/></supplement>",
         "t:food"},
        {"<food id=\"supp:x\" name=\"F\"/><supplement id=\"supp:x\" name=\"X\" "
         "unit=\"tablet\"><nutrient tag=\"CA\" value=\"1\"/></supplement>",
         "supp:x"},
        {"<supplement id=\"supp:x\" name=\"X\" unit=\"tablet\"/>", ""},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct supp_seen seen;
        struct foodtable_stats st;
        char text[1024], err[512] = "";
        snprintf(text, sizeof(text),
                 "<?xml version=\"1.0\"?>\n<foodtable version=\"1\">\n%s\n</foodtable>\n",
                 cases[i].body);
        int rc = read_supplements(text, &seen, &st, err, sizeof(err));
        if (rc != FOODTABLE_EINPUT || !strstr(err, cases[i].says))
            fail_msg("case %zu: rc %d, '%s'", i, rc, err);
        assert_int_equal(seen.n, 0);
        foodtable_stats_free(&st);
    }
}

/* --- recipes ------------------------------------------------------------------ */

struct recipe_seen {
    int n;
    char id[2][64], first_food[2][64], first_text[2][64];
    double yield[2], serves[2], first_grams[2], ca[2];
    size_t n_ing[2];
};

static int on_recipe(const struct food *f, const struct recipe *r, void *ctx, char *err,
                     size_t errlen) {
    struct recipe_seen *s = ctx;
    (void)err;
    (void)errlen;
    if (s->n < 2) {
        snprintf(s->id[s->n], sizeof(s->id[0]), "%s", r->id);
        snprintf(s->first_food[s->n], sizeof(s->first_food[0]), "%s", r->ing[0].food_id);
        snprintf(s->first_text[s->n], sizeof(s->first_text[0]), "%s", r->ing[0].text);
        s->yield[s->n] = r->yield_g;
        s->serves[s->n] = r->serves;
        s->first_grams[s->n] = r->ing[0].grams;
        s->n_ing[s->n] = r->n_ing;
        s->ca[s->n] = f->values[NUT_CALCIUM];
    }
    s->n++;
    return 0;
}

static int read_recipes(const char *text, struct recipe_seen *seen, struct foodtable_stats *st,
                        char *err, size_t errlen) {
    char path[256];
    struct foodtable_opts opts = {SCHEMA, NULL, NULL, seen, NULL, 0, NULL, on_recipe};
    tmp_path(path, sizeof(path), "recipes.xml");
    test_write_file(path, text);
    memset(seen, 0, sizeof(*seen));
    memset(st, 0, sizeof(*st));
    int rc = foodtable_read(path, &opts, st, err, errlen);
    unlink(path);
    return rc;
}

static void test_recipes(void **state) {
    struct recipe_seen seen;
    struct foodtable_stats st;
    char err[512] = "";
    (void)state;
    int rc = read_recipes("<?xml version=\"1.0\"?>\n<foodtable version=\"1\">\n"
                          "<food id=\"t:a\" name=\"A\"><nutrient tag=\"CA\" value=\"1\"/></food>\n"
                          "<food id=\"recipe:soup\" name=\"soup\" group=\"Recipes\">\n"
                          "  <portion name=\"serving\" grams=\"400\"/>\n"
                          "  <nutrient tag=\"CA\" value=\"22.229145287404901\" unit=\"mg\"/>\n"
                          "  <recipe yield=\"1600\" serves=\"4\">\n"
                          "    <ingredient food=\"t:a\" grams=\"500\" text=\"500 g a &amp; b\"/>\n"
                          "    <ingredient food=\"t:b\" grams=\"6.0843617920541\"/>\n"
                          "  </recipe>\n"
                          "</food>\n"
                          "<food id=\"recipe:plain\" name=\"plain\"><recipe>"
                          "<ingredient food=\"t:a\" grams=\"100\"/></recipe></food>\n"
                          "</foodtable>\n",
                          &seen, &st, err, sizeof(err));
    assert_int_equal(rc, FOODTABLE_OK);
    assert_int_equal(st.foods, 3);
    assert_int_equal(st.recipes, 2);
    assert_int_equal(seen.n, 2);
    assert_string_equal(seen.id[0], "recipe:soup");
    assert_true(seen.yield[0] == 1600 && seen.serves[0] == 4);
    assert_int_equal(seen.n_ing[0], 2);
    assert_string_equal(seen.first_food[0], "t:a");
    assert_string_equal(seen.first_text[0], "500 g a & b");
    assert_true(seen.first_grams[0] == 500);
    /* the value as written, to the last bit */
    assert_true(seen.ca[0] == 22.229145287404901);
    /* no yield or servings: unknown; no text: the food's id */
    assert_true(isnan(seen.yield[1]) && isnan(seen.serves[1]));
    assert_string_equal(seen.first_text[1], "t:a");
    foodtable_stats_free(&st);

    /* an ingredient without grams, or with none that is positive: refused */
    rc = read_recipes("<?xml version=\"1.0\"?>\n<foodtable version=\"1\">\n"
                      "<food id=\"recipe:x\" name=\"x\"><recipe>"
                      "<ingredient food=\"t:a\" grams=\"0\"/></recipe></food>\n"
                      "</foodtable>\n",
                      &seen, &st, err, sizeof(err));
    assert_int_equal(rc, FOODTABLE_EINPUT);
    assert_int_equal(seen.n, 0);
    foodtable_stats_free(&st);
    rc = read_recipes("<?xml version=\"1.0\"?>\n<foodtable version=\"1\">\n"
                      "<food id=\"recipe:x\" name=\"x\"><recipe yield=\"-5\">"
                      "<ingredient food=\"t:a\" grams=\"10\"/></recipe></food>\n"
                      "</foodtable>\n",
                      &seen, &st, err, sizeof(err));
    assert_int_equal(rc, FOODTABLE_EINPUT);
    foodtable_stats_free(&st);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_good, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_good_gz, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_good_without_schema, setup_run, teardown_run),
        cmocka_unit_test(test_null_stats_and_callbacks),
        cmocka_unit_test(test_bad_fixtures),
        cmocka_unit_test_setup_teardown(test_xxe_does_not_leak, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_missing_file, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_directory, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_missing_schema, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_empty_file, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_callback_stops, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_callback_stops_without_message, setup_run,
                                        teardown_run),
        cmocka_unit_test_setup_teardown(test_ids_kept_by_caller, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_empty_table, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_alias_and_canonical, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_spread, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_spread_not_on_supplements, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_same_tag_twice, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_unknown_counted_once_per_food, setup_run,
                                        teardown_run),
        cmocka_unit_test_setup_teardown(test_iu_only_for_vitamin_d, setup_run, teardown_run),
        cmocka_unit_test(test_bad_numbers),
        cmocka_unit_test_setup_teardown(test_limits_inclusive, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_errors_in_document_order, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_schema_error_position, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_text_and_stray_elements, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_big_file_positions_and_progress, setup_run,
                                        teardown_run),
        cmocka_unit_test_setup_teardown(test_truncated_gz, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_utf16, setup_run, teardown_run),
        cmocka_unit_test(test_huge_text),
        cmocka_unit_test(test_limits_bound_memory),
        cmocka_unit_test_setup_teardown(test_max_foods, setup_run, teardown_run),
        cmocka_unit_test(test_control_in_names),
        cmocka_unit_test(test_utf16_doctype),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test_setup_teardown(test_locale_independent, setup_run, teardown_run),
        cmocka_unit_test_setup_teardown(test_restores_libxml_state, setup_run, teardown_run),
        cmocka_unit_test(test_supplements),
        cmocka_unit_test(test_supplements_refused),
        cmocka_unit_test(test_recipes),
    };
    return cmocka_run_group_tests_name("foodtable", tests, NULL, NULL);
}
