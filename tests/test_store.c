/*
 * test_store.c - the SQLite store on an in-memory database (and one real
 * file for the permissions).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dietbal/store.h"

#include "testlib.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Milk as USDA SR24 gives it (per 100 g): Ca 113, P 84, Mg 10, protein 3.15. */
static struct food *milk(void) {
    struct food *f = food_new();
    assert_non_null(f);
    assert_int_equal(food_set_str(&f->id, "usda:01077"), 0);
    assert_int_equal(food_set_str(&f->name, "Milk, whole, 3.25% milkfat"), 0);
    assert_int_equal(food_set_str(&f->group, "Dairy and Egg Products"), 0);
    assert_int_equal(food_add_portion(f, "cup", 1, 244), 0);
    assert_int_equal(food_add_portion(f, "fl oz", 1, 30.5), 0);
    f->values[NUT_ENERGY] = 61;
    f->values[NUT_PROTEIN] = 3.15;
    f->values[NUT_CALCIUM] = 113;
    f->values[NUT_MAGNESIUM] = 10;
    f->values[NUT_PHOSPHORUS] = 84;
    return f;
}

/* A food with no calcium value: calcium unknown, not zero. */
static struct food *mystery(void) {
    struct food *f = food_new();
    assert_int_equal(food_set_str(&f->id, "test:1"), 0);
    assert_int_equal(food_set_str(&f->name, "Mystery stew"), 0);
    f->values[NUT_ENERGY] = 100;
    f->values[NUT_PROTEIN] = 5;
    return f;
}

static void test_food_roundtrip(void **state) {
    store *s = *state;
    struct food *f = milk(), *g = NULL;
    int what = 0;

    assert_int_equal(store_food_upsert(s, f, &what), STORE_OK);
    assert_int_equal(what, STORE_FOOD_ADDED);
    assert_int_equal(store_food_get(s, "usda:01077", &g), STORE_OK);
    assert_string_equal(g->name, "Milk, whole, 3.25% milkfat");
    assert_string_equal(g->group, "Dairy and Egg Products");
    assert_int_equal(g->n_portions, 2);
    assert_string_equal(g->portions[0].name, "cup");
    assert_float_equal(g->portions[0].grams, 244, 1e-9);
    assert_float_equal(g->portions[1].grams, 30.5, 1e-9);
    assert_float_equal(g->values[NUT_CALCIUM], 113, 1e-9);
    assert_float_equal(g->values[NUT_PROTEIN], 3.15, 1e-12);
    assert_true(isnan(g->values[NUT_SODIUM])); /* never given: unknown */
    food_free(g);
    g = NULL;
    assert_int_equal(store_food_get(s, "usda:99999", &g), STORE_NOTFOUND);
    assert_null(g);
    food_free(f);
}

/* A value's spread is stored beside it and read back; a new spread alone
 * is a change; a value without one reads as none (NAN). */
static void test_spread_roundtrip(void **state) {
    store *s = *state;
    struct food *f = milk(), *g = NULL;
    int what = 0;

    f->spread[NUT_CALCIUM] = 5.8;
    assert_int_equal(store_food_upsert(s, f, &what), STORE_OK);
    assert_int_equal(store_food_get(s, "usda:01077", &g), STORE_OK);
    assert_float_equal(g->spread[NUT_CALCIUM], 5.8, 1e-12);
    assert_true(isnan(g->spread[NUT_PROTEIN])); /* a value with no spread */
    assert_true(isnan(g->spread[NUT_SODIUM]));  /* no value at all */
    food_free(g);
    g = NULL;
    assert_int_equal(store_food_upsert(s, f, &what), STORE_OK);
    assert_int_equal(what, STORE_FOOD_UNCHANGED);
    f->spread[NUT_CALCIUM] = 6;
    assert_int_equal(store_food_upsert(s, f, &what), STORE_OK);
    assert_int_equal(what, STORE_FOOD_UPDATED);
    f->spread[NUT_CALCIUM] = NAN;
    assert_int_equal(store_food_upsert(s, f, &what), STORE_OK);
    assert_int_equal(what, STORE_FOOD_UPDATED);
    assert_int_equal(store_food_get(s, "usda:01077", &g), STORE_OK);
    assert_true(isnan(g->spread[NUT_CALCIUM]));
    food_free(g);
    food_free(f);
}

static void test_upsert_unchanged_and_updated(void **state) {
    store *s = *state;
    struct food *f = milk(), *g = NULL;
    int what = 0;
    long n = -1;

    assert_int_equal(store_food_upsert(s, f, &what), STORE_OK);
    assert_int_equal(store_food_upsert(s, f, &what), STORE_OK);
    assert_int_equal(what, STORE_FOOD_UNCHANGED);
    f->values[NUT_CALCIUM] = 120;
    assert_int_equal(store_food_upsert(s, f, &what), STORE_OK);
    assert_int_equal(what, STORE_FOOD_UPDATED);
    assert_int_equal(store_food_count(s, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_food_get(s, "usda:01077", &g), STORE_OK);
    assert_float_equal(g->values[NUT_CALCIUM], 120, 1e-9);
    assert_int_equal(g->n_portions, 2); /* replaced, not doubled */
    food_free(g);
    food_free(f);
}

static void test_entries_survive_update(void **state) {
    store *s = *state;
    struct food *f = milk();
    struct entry *e = NULL;
    size_t n = 0;
    int64_t id = 0;

    assert_int_equal(store_food_upsert(s, f, NULL), STORE_OK);
    assert_int_equal(store_entry_add(s, "2026-11-20", "08:00", "breakfast", "usda:01077", 244, &id),
                     STORE_OK);
    f->values[NUT_CALCIUM] = 120;
    assert_int_equal(store_food_upsert(s, f, NULL), STORE_OK);
    assert_int_equal(store_entries_list(s, "2026-11-20", "2026-11-20", &e, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(e[0].id, id);
    assert_string_equal(e[0].food_id, "usda:01077");
    assert_string_equal(e[0].meal, "breakfast");
    assert_string_equal(e[0].time, "08:00");
    /* 244 g x 120 mg / 100 g = 292.8 mg */
    assert_float_equal(e[0].values[NUT_CALCIUM], 292.8, 1e-9);
    assert_true(isnan(e[0].values[NUT_SODIUM]));
    store_entries_free(e, n);
    food_free(f);
}

static void test_entry_errors(void **state) {
    store *s = *state;
    int64_t id = 0;
    assert_int_equal(store_entry_add(s, "2026-11-20", NULL, NULL, "usda:404", 10, &id),
                     STORE_NOTFOUND);
    assert_int_equal(store_entry_remove(s, 12345), STORE_NOTFOUND);
}

static void test_day_totals_completeness(void **state) {
    store *s = *state;
    struct food *a = milk(), *b = mystery();
    struct day_totals *d = NULL;
    size_t n = 0;

    assert_int_equal(store_food_upsert(s, a, NULL), STORE_OK);
    assert_int_equal(store_food_upsert(s, b, NULL), STORE_OK);
    assert_int_equal(store_entry_add(s, "2026-11-20", NULL, NULL, "usda:01077", 200, NULL),
                     STORE_OK);
    assert_int_equal(store_entry_add(s, "2026-11-20", NULL, NULL, "test:1", 100, NULL), STORE_OK);
    assert_int_equal(store_entry_add(s, "2026-11-22", NULL, NULL, "test:1", 50, NULL), STORE_OK);
    assert_int_equal(store_entry_add(s, "2026-11-25", NULL, NULL, "test:1", 50, NULL), STORE_OK);
    assert_int_equal(store_day_totals(s, "2026-11-20", "2026-11-22", &d, &n), STORE_OK);
    assert_int_equal(n, 2);
    assert_string_equal(d[0].date, "2026-11-20");
    assert_int_equal(d[0].entries, 2);
    assert_float_equal(d[0].grams, 300, 1e-9);
    /* calcium: 200 g x 113/100 = 226 mg, known for 200 of 300 g */
    assert_float_equal(d[0].total[NUT_CALCIUM], 226, 1e-9);
    assert_float_equal(d[0].known_grams[NUT_CALCIUM], 200, 1e-9);
    /* protein: 200 x 3.15/100 + 100 x 5/100 = 6.3 + 5 = 11.3 g, all known */
    assert_float_equal(d[0].total[NUT_PROTEIN], 11.3, 1e-9);
    assert_float_equal(d[0].known_grams[NUT_PROTEIN], 300, 1e-9);
    /* 2026-11-22: only the stew: calcium unknown, not zero */
    assert_string_equal(d[1].date, "2026-11-22");
    assert_true(isnan(d[1].total[NUT_CALCIUM]));
    assert_float_equal(d[1].known_grams[NUT_CALCIUM], 0, 0);
    free(d);
    food_free(a);
    food_free(b);
}

static void test_search(void **state) {
    store *s = *state;
    struct food *a = milk(), *b = mystery();
    struct food_hit *h = NULL;
    size_t n = 0;

    assert_int_equal(store_food_upsert(s, a, NULL), STORE_OK);
    assert_int_equal(store_food_upsert(s, b, NULL), STORE_OK);
    assert_int_equal(store_food_search(s, "milks", 10, &h, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].id, "usda:01077");
    assert_float_equal(h[0].per100[NUT_CALCIUM], 113, 1e-9);
    store_food_hits_free(h, n);
    /* FTS5 syntax in the text is only ever words */
    assert_int_equal(store_food_search(s, "stew\" OR name:* NEAR(", 10, &h, &n), STORE_OK);
    assert_int_equal(n, 0);
    store_food_hits_free(h, n);
    assert_int_equal(store_food_search(s, "'; DROP TABLE food; --", 10, &h, &n), STORE_OK);
    store_food_hits_free(h, n);
    long count = 0;
    assert_int_equal(store_food_count(s, &count), STORE_OK);
    assert_int_equal(count, 2);
    food_free(a);
    food_free(b);
}

static void test_rollback_leaves_nothing(void **state) {
    store *s = *state;
    struct food *a = milk();
    long count = -1;
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_food_upsert(s, a, NULL), STORE_OK);
    assert_int_equal(store_rollback(s), STORE_OK);
    assert_int_equal(store_food_count(s, &count), STORE_OK);
    assert_int_equal(count, 0);
    food_free(a);
}

/* Number of foods a full-text search finds (at most 10). */
static size_t found(store *s, const char *text) {
    struct food_hit *h = NULL;
    size_t n = 0;
    assert_int_equal(store_food_search(s, text, 10, &h, &n), STORE_OK);
    store_food_hits_free(h, n);
    return n;
}

/* An import transaction indexes its foods once, at commit: new foods, a
 * renamed food (old words gone), a food added then changed in the same
 * import; and the index agrees with the table afterwards. */
static void test_import_indexes_at_commit(void **state) {
    store *s = *state;
    struct food *a = milk(), *b = mystery();
    int what = 0;

    assert_int_equal(store_import_begin(s), STORE_OK);
    assert_int_equal(store_food_upsert(s, a, &what), STORE_OK);
    assert_int_equal(what, STORE_FOOD_ADDED);
    assert_int_equal(store_food_upsert(s, b, NULL), STORE_OK);
    /* a second file of the same import changes the new food */
    assert_int_equal(food_set_str(&b->name, "Mystery soup"), 0);
    assert_int_equal(store_food_upsert(s, b, &what), STORE_OK);
    assert_int_equal(what, STORE_FOOD_UPDATED);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_int_equal(store_check(s), STORE_OK);
    assert_int_equal(found(s, "milk"), 1);
    assert_int_equal(found(s, "soup"), 1);
    assert_int_equal(found(s, "stew"), 0);

    /* a later import renames a food that is in the index, twice */
    assert_int_equal(store_import_begin(s), STORE_OK);
    assert_int_equal(food_set_str(&a->name, "Milk, goat"), 0);
    assert_int_equal(store_food_upsert(s, a, &what), STORE_OK);
    assert_int_equal(what, STORE_FOOD_UPDATED);
    assert_int_equal(food_set_str(&a->name, "Milk, sheep"), 0);
    assert_int_equal(store_food_upsert(s, a, &what), STORE_OK);
    assert_int_equal(store_food_upsert(s, b, &what), STORE_OK);
    assert_int_equal(what, STORE_FOOD_UNCHANGED);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_int_equal(store_check(s), STORE_OK);
    assert_int_equal(found(s, "sheep"), 1);
    assert_int_equal(found(s, "goat"), 0);
    assert_int_equal(found(s, "whole"), 0);
    assert_int_equal(found(s, "milk"), 1);

    /* outside an import the triggers are back: row by row again */
    assert_int_equal(food_set_str(&b->name, "Mystery pie"), 0);
    assert_int_equal(store_food_upsert(s, b, NULL), STORE_OK);
    assert_int_equal(found(s, "pie"), 1);
    assert_int_equal(found(s, "soup"), 0);
    assert_int_equal(store_check(s), STORE_OK);
    food_free(a);
    food_free(b);
}

/* A rolled-back import leaves foods, index and triggers as they were. */
static void test_import_rollback(void **state) {
    store *s = *state;
    struct food *a = milk(), *b = mystery();
    long count = -1;

    assert_int_equal(store_food_upsert(s, a, NULL), STORE_OK);
    assert_int_equal(store_import_begin(s), STORE_OK);
    assert_int_equal(store_food_upsert(s, b, NULL), STORE_OK);
    assert_int_equal(food_set_str(&a->name, "Milk, goat"), 0);
    assert_int_equal(store_food_upsert(s, a, NULL), STORE_OK);
    assert_int_equal(store_rollback(s), STORE_OK);
    assert_int_equal(store_food_count(s, &count), STORE_OK);
    assert_int_equal(count, 1);
    assert_int_equal(found(s, "whole"), 1);
    assert_int_equal(found(s, "goat"), 0);
    assert_int_equal(store_check(s), STORE_OK);
    /* the triggers came back with the rollback */
    assert_int_equal(store_food_upsert(s, b, NULL), STORE_OK);
    assert_int_equal(found(s, "stew"), 1);
    assert_int_equal(store_check(s), STORE_OK);
    food_free(a);
    food_free(b);
}

/* The ids of an import, per file: the first line of a repeated id. */
static void test_import_seen(void **state) {
    store *s = *state;
    unsigned long first = 99;

    assert_int_equal(store_import_begin(s), STORE_OK);
    assert_int_equal(store_import_seen(s, 0, "usda:01077", 3, &first), STORE_OK);
    assert_int_equal(first, 0);
    assert_int_equal(store_import_seen(s, 0, "usda:01078", 9, &first), STORE_OK);
    assert_int_equal(first, 0);
    assert_int_equal(store_import_seen(s, 0, "usda:01077", 14, &first), STORE_OK);
    assert_int_equal(first, 3);
    /* another file of the same import may hold the same food */
    assert_int_equal(store_import_seen(s, 1, "usda:01077", 5, &first), STORE_OK);
    assert_int_equal(first, 0);
    assert_int_equal(store_commit(s), STORE_OK);
    /* a new import starts afresh */
    assert_int_equal(store_import_begin(s), STORE_OK);
    assert_int_equal(store_import_seen(s, 0, "usda:01077", 7, &first), STORE_OK);
    assert_int_equal(first, 0);
    assert_int_equal(store_rollback(s), STORE_OK);
}

/* Values of every nutrient, more than one statement's worth, come back. */
static void test_many_values(void **state) {
    store *s = *state;
    struct food *a = milk(), *g = NULL;
    size_t n = nutrients_count();

    for (size_t k = 0; k < n; k++)
        a->values[k] = (double)k / 4;
    assert_int_equal(store_food_upsert(s, a, NULL), STORE_OK);
    assert_int_equal(store_food_get(s, "usda:01077", &g), STORE_OK);
    for (size_t k = 0; k < n; k++)
        assert_float_equal(g->values[k], (double)k / 4, 0);
    food_free(g);
    g = NULL;
    /* and a food with none at all */
    for (size_t k = 0; k < n; k++)
        a->values[k] = NAN;
    assert_int_equal(store_food_upsert(s, a, NULL), STORE_OK);
    assert_int_equal(store_food_get(s, "usda:01077", &g), STORE_OK);
    for (size_t k = 0; k < n; k++)
        assert_true(isnan(g->values[k]));
    food_free(g);
    food_free(a);
}

static void test_profile_and_cramps(void **state) {
    store *s = *state;
    struct profile p, q;
    struct cramp c, *list = NULL;
    size_t n = 0;

    profile_init(&p);
    p.age = 29;
    strcpy(p.age_set_on, "2026-11-01");
    p.sex = SEX_FEMALE;
    p.weight_kg = 65;
    p.pregnant = 1;
    strcpy(p.due_date, "2027-02-15");
    strcpy(p.tables, "ifct2017,usda-sr24");
    assert_int_equal(store_profile_put(s, &p), STORE_OK);
    assert_int_equal(store_profile_get(s, &q), STORE_OK);
    assert_string_equal(q.tables, "ifct2017,usda-sr24");
    assert_int_equal(q.age, 29);
    assert_int_equal(q.sex, SEX_FEMALE);
    assert_float_equal(q.weight_kg, 65, 0);
    assert_int_equal(q.pregnant, 1);
    assert_string_equal(q.due_date, "2027-02-15");
    assert_string_equal(q.birth_date, "");

    memset(&c, 0, sizeof(c));
    strcpy(c.date, "2026-11-20");
    c.severity = 7;
    c.duration_min = 2;
    strcpy(c.site, "calf");
    strcpy(c.side, "left");
    c.night = 1;
    c.swelling = 1;
    assert_int_equal(store_cramp_add(s, &c, NULL), STORE_OK);
    assert_int_equal(store_cramps_list(s, "2026-11-01", "2026-11-30", &list, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].severity, 7);
    assert_string_equal(list[0].site, "calf");
    assert_true(list[0].swelling);
    assert_true(cramp_has_red_flag(&list[0]));
    /* the pregnancy warning signs (migration 4) are stored too, and an
     * entry may hold only them: no severity, duration, site or side */
    assert_false(list[0].headache);
    free(list);
    list = NULL;
    memset(&c, 0, sizeof(c));
    strcpy(c.date, "2026-11-21");
    c.duration_min = NAN;
    c.sudden_swelling = 1;
    c.headache = 1;
    c.vision_problems = 1;
    c.pain_below_ribs = 1;
    assert_int_equal(store_cramp_add(s, &c, NULL), STORE_OK);
    assert_int_equal(store_cramps_list(s, "2026-11-21", "2026-11-21", &list, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].severity, 0);
    assert_true(isnan(list[0].duration_min));
    assert_string_equal(list[0].site, "");
    assert_true(list[0].sudden_swelling && list[0].headache && list[0].vision_problems &&
                list[0].pain_below_ribs);
    assert_false(list[0].swelling);
    free(list);
}

/* The foods of a period with their grams and amounts: what the report's
 * "where it came from" is made of. */
static void test_period_foods(void **state) {
    store *s = *state;
    struct food *a = milk(), *b = mystery();
    struct period_source *f = NULL;
    size_t n = 0;

    assert_int_equal(store_food_upsert(s, a, NULL), STORE_OK);
    assert_int_equal(store_food_upsert(s, b, NULL), STORE_OK);
    assert_int_equal(store_entry_add(s, "2026-11-20", NULL, NULL, "usda:01077", 200, NULL),
                     STORE_OK);
    assert_int_equal(store_entry_add(s, "2026-11-21", NULL, NULL, "usda:01077", 50, NULL),
                     STORE_OK);
    assert_int_equal(store_entry_add(s, "2026-11-21", NULL, NULL, "test:1", 100, NULL), STORE_OK);
    assert_int_equal(store_entry_add(s, "2026-11-25", NULL, NULL, "usda:01077", 1000, NULL),
                     STORE_OK);
    assert_int_equal(store_period_foods(s, "2026-11-20", "2026-11-22", &f, &n), STORE_OK);
    /* by id: test:1 before usda:01077; the 25th is outside */
    assert_int_equal(n, 2);
    assert_string_equal(f[0].id, "test:1");
    assert_string_equal(f[0].name, "Mystery stew");
    assert_float_equal(f[0].grams, 100, 0);
    assert_float_equal(f[0].amount[NUT_PROTEIN], 5, 1e-9);
    assert_true(isnan(f[0].amount[NUT_CALCIUM])); /* unknown, not zero */
    /* milk: 250 g x 113 / 100 = 282.5 mg calcium, 250 x 3.15 / 100 = 7.875 g */
    assert_string_equal(f[1].id, "usda:01077");
    assert_float_equal(f[1].grams, 250, 1e-9);
    assert_float_equal(f[1].amount[NUT_CALCIUM], 282.5, 1e-9);
    assert_float_equal(f[1].amount[NUT_PROTEIN], 7.875, 1e-9);
    store_period_sources_free(f, n);
    /* a period with nothing logged */
    f = NULL;
    assert_int_equal(store_period_foods(s, "2026-12-01", "2026-12-07", &f, &n), STORE_OK);
    assert_int_equal(n, 0);
    store_period_sources_free(f, n);
    food_free(a);
    food_free(b);
}

/* A diary made before migration 4 (no pregnancy warning signs in the
 * cramp table) is migrated in place: its cramps keep every field and read
 * the new signs as 0. */
static void test_migration_cramp_signs(void **state) {
    (void)state;
    char dir[] = "/tmp/dietbal-test-XXXXXX", path[256];
    store *s = NULL;
    sqlite3 *db = NULL;
    struct cramp *list = NULL;
    size_t n = 0;
    char err[256];

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/old.db", dir);
    assert_int_equal(store_open(path, &s, err, sizeof(err)), STORE_OK);
    store_close(s);
    /* back to schema 3 by hand: the cramp table before the warning signs,
     * (migration 5 undone) no supplements, the entry table of schema 1,
     * (migration 6 undone) no spread beside a food's values, and
     * (migration 7 undone) no recipes or saved meals */
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "ALTER TABLE food_value DROP COLUMN spread;"
                                  "ALTER TABLE cramp DROP COLUMN sudden_swelling;"
                                  "ALTER TABLE cramp DROP COLUMN headache;"
                                  "ALTER TABLE cramp DROP COLUMN vision_problems;"
                                  "ALTER TABLE cramp DROP COLUMN pain_below_ribs;"
                                  "INSERT INTO cramp(date, severity, side, swelling, pain_persists)"
                                  " VALUES ('2026-11-20', 5, 'left', 1, 1);"
                                  "DROP TABLE saved_meal_item; DROP TABLE saved_meal;"
                                  "DROP TABLE recipe_ingredient; DROP TABLE recipe;"
                                  "DROP TABLE entry; DROP TABLE supplement_value;"
                                  "DROP TABLE supplement;"
                                  "CREATE TABLE entry (id INTEGER PRIMARY KEY,"
                                  "  date TEXT NOT NULL, time TEXT, meal TEXT,"
                                  "  food INTEGER NOT NULL REFERENCES food(rowid),"
                                  "  grams REAL NOT NULL CHECK (grams > 0),"
                                  "  created TEXT NOT NULL DEFAULT 'x');"
                                  "CREATE INDEX entry_by_date ON entry(date, time, id);"
                                  "CREATE INDEX entry_by_food ON entry(food);"
                                  "PRAGMA user_version = 3;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(store_open(path, &s, err, sizeof(err)), STORE_OK);
    assert_int_equal(store_cramps_list(s, "2026-11-20", "2026-11-20", &list, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].severity, 5);
    assert_string_equal(list[0].side, "left");
    assert_true(list[0].swelling && list[0].pain_persists);
    assert_false(list[0].sudden_swelling || list[0].headache || list[0].vision_problems ||
                 list[0].pain_below_ribs);
    free(list);
    store_close(s);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    /* migrated to the current schema: 4 (the signs), 5 (supplements), 6 (spreads),
     * 7 (recipes and saved meals) */
    assert_int_equal(sqlite3_column_int(st, 0), store_schema_version());
    sqlite3_finalize(st);
    sqlite3_close(db);
    unlink(path);
    snprintf(path, sizeof(path), "%s/old.db-wal", dir);
    unlink(path);
    snprintf(path, sizeof(path), "%s/old.db-shm", dir);
    unlink(path);
    assert_int_equal(rmdir(dir), 0);
}

static void test_file_modes(void **state) {
    (void)state;
    char dir[] = "/tmp/dietbal-test-XXXXXX", path[256], sub[200], err[256];
    store *s = NULL;
    struct stat st;

    assert_non_null(mkdtemp(dir));
    snprintf(sub, sizeof(sub), "%s/a/b", dir);
    snprintf(path, sizeof(path), "%s/diary.db", sub);
    mode_t old = umask(022);
    assert_int_equal(store_open(path, &s, err, sizeof(err)), STORE_OK);
    umask(old);
    store_close(s);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(stat(sub, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    /* reopen: the schema is there, nothing to migrate */
    assert_int_equal(store_open(path, &s, err, sizeof(err)), STORE_OK);
    store_close(s);
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* What is not a dietbal database is refused as bad input, and left alone. */
static void test_open_not_a_database(void **state) {
    (void)state;
    char dir[] = "/tmp/dietbal-test-XXXXXX", path[256], err[256], cmd[300];
    store *s = NULL;
    FILE *f;

    assert_non_null(mkdtemp(dir));
    /* a directory */
    assert_int_equal(store_open(dir, &s, err, sizeof(err)), STORE_EINPUT);
    assert_non_null(strstr(err, ": is a directory"));
    /* a device */
    assert_int_equal(store_open("/dev/null", &s, err, sizeof(err)), STORE_EINPUT);
    assert_string_equal(err, "/dev/null: not a regular file");
    /* a text file */
    snprintf(path, sizeof(path), "%s/notes.txt", dir);
    assert_non_null(f = fopen(path, "w"));
    fputs("These are not the droids you are looking for.\n", f);
    fclose(f);
    assert_int_equal(store_open(path, &s, err, sizeof(err)), STORE_EINPUT);
    assert_non_null(strstr(err, "file is not a database"));
    /* another program's SQLite database: not given dietbal's tables */
    snprintf(path, sizeof(path), "%s/other.db", dir);
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "CREATE TABLE mine(x); CREATE TABLE yours(y)", NULL, NULL, NULL),
        SQLITE_OK);
    assert_int_equal(store_open(path, &s, err, sizeof(err)), STORE_EINPUT);
    assert_non_null(strstr(err, "not a dietbal database (it holds 2 other tables)"));
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT group_concat(name) FROM sqlite_master", -1, &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "mine,yours");
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_null(s);
    /* a path too long for the system: the reason survives a shortened path */
    char longpath[5000];
    memset(longpath, 'x', sizeof(longpath) - 1);
    longpath[0] = '/';
    longpath[sizeof(longpath) - 1] = '\0';
    assert_int_equal(store_open(longpath, &s, err, sizeof(err)), STORE_EINPUT);
    assert_non_null(strstr(err, "...xxxx"));
    assert_non_null(strstr(err, ": File name too long"));
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* A search with no hit gives no array to free (it used to leak 19 KB). */
static void test_search_no_hit(void **state) {
    store *s = *state;
    struct food *f = milk();
    struct food_hit *hits = (struct food_hit *)&hits;
    size_t n = 99;

    assert_int_equal(store_food_upsert(s, f, NULL), STORE_OK);
    food_free(f);
    assert_int_equal(store_food_search(s, "zzqxjv", 200, &hits, &n), STORE_OK);
    assert_null(hits);
    assert_int_equal(n, 0);
}

/* A new temporary directory and a database file in it, with milk and one
 * entry.  The caller closes the store and removes the directory (rm_dir). */
static store *file_store(char *dir, char *path, size_t len) {
    char err[256];
    store *s = NULL;
    struct food *f = milk();

    assert_non_null(mkdtemp(dir));
    snprintf(path, len, "%s/diary.db", dir);
    assert_int_equal(store_open(path, &s, err, sizeof(err)), STORE_OK);
    assert_int_equal(store_food_upsert(s, f, NULL), STORE_OK);
    food_free(f);
    assert_int_equal(store_entry_add(s, "2026-11-20", NULL, NULL, "usda:01077", 244, NULL),
                     STORE_OK);
    return s;
}

static void rm_dir(const char *dir) {
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* SHA-free fingerprint of a file: its bytes, for "untouched". */
static char *file_bytes(const char *path, long *len) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    rewind(f);
    assert_non_null(buf = malloc((size_t)*len + 1));
    assert_int_equal(fread(buf, 1, (size_t)*len, f), (size_t)*len);
    fclose(f);
    return buf;
}

/* Issue 16: the file is judged before anything is written to it. */
static void test_open_modes_and_versions(void **state) {
    (void)state;
    char dir[] = "/tmp/dietbal-test-XXXXXX", path[256], err[512], sql[128];
    store *s = NULL;
    struct stat st;
    FILE *f;
    /* a version below 0 once indexed the migrations at -1 */
    static const long versions[] = {-1, -2, -100000, -2147483648L, 1000};

    assert_non_null(mkdtemp(dir));
    /* missing: EXISTING creates nothing */
    snprintf(path, sizeof(path), "%s/sub/diary.db", dir);
    assert_int_equal(store_open_mode(path, STORE_OPEN_EXISTING, &s, err, sizeof(err)),
                     STORE_EINPUT);
    assert_non_null(strstr(err, "run 'dietbal init'"));
    snprintf(sql, sizeof(sql), "%s/sub", dir);
    assert_int_equal(access(sql, F_OK), -1);
    /* empty: only INIT makes a database of it */
    snprintf(path, sizeof(path), "%s/empty.db", dir);
    assert_non_null(f = fopen(path, "w"));
    fclose(f);
    assert_int_equal(store_open_mode(path, STORE_OPEN_EXISTING, &s, err, sizeof(err)),
                     STORE_EINPUT);
    assert_int_equal(store_open_mode(path, STORE_OPEN_CREATE, &s, err, sizeof(err)), STORE_EINPUT);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 0);
    assert_int_equal(store_open_mode(path, STORE_OPEN_INIT, &s, err, sizeof(err)), STORE_OK);
    store_close(s);
    /* a file others may read is made 0600 */
    assert_int_equal(chmod(path, 0644), 0);
    assert_int_equal(store_open_mode(path, STORE_OPEN_EXISTING, &s, err, sizeof(err)), STORE_OK);
    store_close(s);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* versions dietbal never writes: refused, the file byte for byte as it was */
    for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
        sqlite3 *db = NULL;
        long before_len = 0, after_len = 0;
        snprintf(sql, sizeof(sql), "PRAGMA journal_mode = DELETE; PRAGMA user_version = %ld",
                 versions[i]);
        assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
        char *before = file_bytes(path, &before_len);
        assert_int_equal(store_open_mode(path, STORE_OPEN_CREATE, &s, err, sizeof(err)),
                         STORE_EINPUT);
        assert_non_null(strstr(err, "schema version"));
        char *after = file_bytes(path, &after_len);
        assert_int_equal(before_len, after_len);
        assert_memory_equal(before, after, (size_t)before_len);
        free(before);
        free(after);
    }
    rm_dir(dir);
}

static void test_integrity_ok(void **state) {
    store *s = *state;
    char *problems = (char *)"not set";
    struct food *f = milk();

    assert_int_equal(store_food_upsert(s, f, NULL), STORE_OK);
    food_free(f);
    assert_int_equal(store_integrity_check(s, &problems), STORE_OK);
    assert_null(problems);
}

/* Rows whose food is gone, written behind dietbal's back (foreign keys off). */
static void test_integrity_foreign_keys(void **state) {
    (void)state;
    char dir[] = "/tmp/dietbal-test-XXXXXX", path[256];
    store *s = file_store(dir, path, sizeof(path));
    char *problems = NULL;
    sqlite3 *db = NULL;

    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(
            db,
            "PRAGMA foreign_keys = OFF;"
            "INSERT INTO entry(id, date, food, grams) VALUES (7, '2026-11-21', 999, 10);"
            "INSERT INTO portion(food, seq, name, amount, grams) VALUES (888, 0, 'x', 1, 1);",
            NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(store_integrity_check(s, &problems), STORE_OK);
    assert_non_null(problems);
    assert_non_null(
        strstr(problems, "foreign_key_check: entry row 7 refers to a missing row of food\n"));
    assert_non_null(
        strstr(problems, "foreign_key_check: a row of portion refers to a missing row of food\n"));
    free(problems);
    store_close(s);
    rm_dir(dir);
}

/* Garbage over a b-tree page: integrity_check says so. */
static void test_integrity_corrupt(void **state) {
    (void)state;
    char dir[] = "/tmp/dietbal-test-XXXXXX", path[256], err[256];
    store *s = file_store(dir, path, sizeof(path));
    char *problems = NULL;
    long page = 0, pages = 0;
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;

    /* many entries, so that the entry table has leaf pages of its own */
    assert_int_equal(store_begin(s), STORE_OK);
    for (int i = 0; i < 2000; i++)
        assert_int_equal(store_entry_add(s, "2026-11-20", NULL, NULL, "usda:01077", 1 + i, NULL),
                         STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    store_close(s);
    /* the root page of entry_by_date (4096 bytes a page): scribble over it */
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT rootpage, (SELECT page_count FROM pragma_page_count)"
                           " FROM sqlite_master WHERE name = 'entry_by_date'",
                           -1, &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    page = sqlite3_column_int64(st, 0);
    pages = sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_true(page > 1 && page <= pages);
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, (page - 1) * 4096, SEEK_SET), 0);
    for (int i = 0; i < 4096; i++)
        fputc(0xA5, f);
    fclose(f);

    assert_int_equal(store_open(path, &s, err, sizeof(err)), STORE_OK);
    assert_int_equal(store_integrity_check(s, &problems), STORE_OK);
    assert_non_null(problems);
    assert_non_null(strstr(problems, "integrity_check: "));
    free(problems);
    store_close(s);
    rm_dir(dir);
}

static void test_backup(void **state) {
    (void)state;
    char dir[] = "/tmp/dietbal-test-XXXXXX", path[256], copy[300], err[256];
    store *s = file_store(dir, path, sizeof(path)), *c = NULL;
    struct entry *e = NULL;
    struct stat st;
    size_t n = 0;

    snprintf(copy, sizeof(copy), "%s/copy.db", dir);
    mode_t old = umask(0);
    assert_int_equal(store_backup(s, copy, 0), STORE_OK);
    umask(old);
    assert_int_equal(stat(copy, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600); /* whatever the umask */
    /* the copy is a dietbal database with the entry */
    assert_int_equal(store_open(copy, &c, err, sizeof(err)), STORE_OK);
    assert_int_equal(store_entries_list(c, "2026-11-20", "2026-11-20", &e, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].food_id, "usda:01077");
    assert_float_equal(e[0].grams, 244, 1e-9);
    store_entries_free(e, n);
    store_close(c);

    /* no overwrite without being told; the copy stays as it was */
    assert_int_equal(store_entry_add(s, "2026-11-21", NULL, NULL, "usda:01077", 100, NULL),
                     STORE_OK);
    assert_int_equal(store_backup(s, copy, 0), STORE_EINPUT);
    assert_non_null(strstr(store_errmsg(s), "exists (--force replaces it)"));
    assert_int_equal(store_open(copy, &c, err, sizeof(err)), STORE_OK);
    assert_int_equal(store_entries_list(c, "2026-01-01", "2026-12-31", &e, &n), STORE_OK);
    assert_int_equal(n, 1);
    store_entries_free(e, n);
    store_close(c);
    /* with overwrite: the new state */
    assert_int_equal(store_backup(s, copy, 1), STORE_OK);
    assert_int_equal(store_open(copy, &c, err, sizeof(err)), STORE_OK);
    assert_int_equal(store_entries_list(c, "2026-01-01", "2026-12-31", &e, &n), STORE_OK);
    assert_int_equal(n, 2);
    store_entries_free(e, n);
    store_close(c);

    /* never over the database itself, a directory, or into nowhere */
    assert_int_equal(store_backup(s, path, 1), STORE_EINPUT);
    assert_int_equal(store_backup(s, dir, 1), STORE_EINPUT);
    snprintf(copy, sizeof(copy), "%s/no/such/dir/copy.db", dir);
    assert_int_equal(store_backup(s, copy, 0), STORE_ERROR);
    store_close(s);
    /* nothing left behind: the directory holds the database and the copy
     * (and the WAL files SQLite keeps beside each between runs) */
    char cmd[400];
    snprintf(
        cmd, sizeof(cmd),
        "test \"$(ls '%s' | grep -v -e '-wal$' -e '-shm$' | tr '\\n' ' ')\" = 'copy.db diary.db '",
        dir);
    assert_int_equal(system(cmd), 0);
    rm_dir(dir);
}

static void test_backup_memory(void **state) {
    store *s = *state;
    assert_int_equal(store_backup(s, "/tmp/dietbal-never.db", 0), STORE_ERROR);
    assert_int_equal(access("/tmp/dietbal-never.db", F_OK), -1);
}

/* Suggestion lists: stored by food id, read back in rank order with the
 * foods' values; a list that stops at its asked length cannot answer for
 * more; a failed put leaves the old list. */
static void test_suggestion_lists(void **state) {
    store *s = *state;
    struct food *a = milk(), *b = mystery();
    struct stored_suggestion rows[3], *got = NULL;
    size_t n = 0;

    assert_int_equal(store_food_upsert(s, a, NULL), STORE_OK);
    assert_int_equal(store_food_upsert(s, b, NULL), STORE_OK);
    /* nothing stored yet */
    assert_int_equal(store_suggestions_get(s, NUT_CALCIUM, 42, 3, &got, &n), STORE_NOTFOUND);
    assert_null(got);

    memset(rows, 0, sizeof(rows));
    rows[0].food.id = a->id;
    rows[0].food.score = 0.5;
    rows[0].portion = "1 cup";
    rows[0].portion_g = 244;
    rows[1].food.id = b->id;
    rows[1].food.score = 0.25;
    rows[1].portion = "100 g";
    rows[1].portion_g = 100;
    /* two rows of a list asked for 3: every family is listed */
    assert_int_equal(store_suggestions_put(s, NUT_CALCIUM, 42, 3, rows, 2), STORE_OK);
    assert_int_equal(store_suggestions_get(s, NUT_CALCIUM, 42, 10, &got, &n), STORE_OK);
    assert_int_equal(n, 2);
    assert_string_equal(got[0].food.id, "usda:01077");
    assert_string_equal(got[0].food.name, "Milk, whole, 3.25% milkfat");
    assert_string_equal(got[0].food.group, "Dairy and Egg Products");
    assert_float_equal(got[0].food.score, 0.5, 0);
    assert_float_equal(got[0].food.per100[NUT_CALCIUM], 113, 0);
    assert_float_equal(got[0].food.per100[NUT_PHOSPHORUS], 84, 0);
    assert_true(isnan(got[0].food.per100[NUT_SODIUM])); /* unknown, not 0 */
    assert_string_equal(got[0].portion, "1 cup");
    assert_float_equal(got[0].portion_g, 244, 0);
    assert_string_equal(got[1].food.id, "test:1");
    assert_null(got[1].food.group);
    assert_true(isnan(got[1].food.per100[NUT_CALCIUM]));
    store_suggestions_free(got, n);
    /* other rules, another nutrient: not this list */
    assert_int_equal(store_suggestions_get(s, NUT_CALCIUM, 43, 1, &got, &n), STORE_NOTFOUND);
    assert_int_equal(store_suggestions_get(s, NUT_MAGNESIUM, 42, 1, &got, &n), STORE_NOTFOUND);

    /* a full list of 2 asked for 2: it answers for 1 or 2, not 3 */
    assert_int_equal(store_suggestions_put(s, NUT_CALCIUM, 42, 2, rows, 2), STORE_OK);
    assert_int_equal(store_suggestions_get(s, NUT_CALCIUM, 42, 3, &got, &n), STORE_NOTFOUND);
    assert_int_equal(store_suggestions_get(s, NUT_CALCIUM, 42, 1, &got, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_string_equal(got[0].food.id, "usda:01077");
    store_suggestions_free(got, n);

    /* a food that is not in the table: an error, and the old list stays */
    rows[2] = rows[1];
    rows[2].food.id = "no:such";
    rows[1].portion = "changed";
    assert_int_equal(store_suggestions_put(s, NUT_CALCIUM, 42, 3, rows, 3), STORE_ERROR);
    assert_non_null(strstr(store_errmsg(s), "no food with id 'no:such'"));
    assert_int_equal(store_suggestions_get(s, NUT_CALCIUM, 42, 2, &got, &n), STORE_OK);
    assert_int_equal(n, 2);
    assert_string_equal(got[1].portion, "100 g");
    store_suggestions_free(got, n);
    /* more rows than asked for is refused */
    assert_int_equal(store_suggestions_put(s, NUT_CALCIUM, 42, 1, rows, 2), STORE_ERROR);

    /* a changed food drops every list */
    a->values[NUT_CALCIUM] = 120;
    assert_int_equal(store_food_upsert(s, a, NULL), STORE_OK);
    assert_int_equal(store_suggestions_get(s, NUT_CALCIUM, 42, 1, &got, &n), STORE_NOTFOUND);
    food_free(a);
    food_free(b);
}

/* Only the values asked for are loaded by store_food_get_some. */
static void test_food_get_some(void **state) {
    store *s = *state;
    struct food *a = milk(), *g = NULL;
    const int some[] = {NUT_CALCIUM, NUT_SODIUM, 99999};

    assert_int_equal(store_food_upsert(s, a, NULL), STORE_OK);
    assert_int_equal(store_food_get_some(s, "usda:01077", some, 3, &g), STORE_OK);
    assert_string_equal(g->name, "Milk, whole, 3.25% milkfat");
    assert_int_equal(g->n_portions, 2);
    assert_string_equal(g->portions[0].name, "cup");
    assert_float_equal(g->portions[0].grams, 244, 0);
    assert_float_equal(g->values[NUT_CALCIUM], 113, 0);
    assert_true(isnan(g->values[NUT_SODIUM]));     /* not in the table */
    assert_true(isnan(g->values[NUT_PHOSPHORUS])); /* not asked for */
    food_free(g);
    g = NULL;
    assert_int_equal(store_food_get_some(s, "no:such", some, 1, &g), STORE_NOTFOUND);
    assert_null(g);
    food_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_food_roundtrip, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_upsert_unchanged_and_updated, store_setup,
                                        store_teardown),
        cmocka_unit_test_setup_teardown(test_spread_roundtrip, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_entries_survive_update, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_entry_errors, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_day_totals_completeness, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_search, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_rollback_leaves_nothing, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_import_indexes_at_commit, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_import_rollback, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_import_seen, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_many_values, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_profile_and_cramps, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_period_foods, store_setup, store_teardown),
        cmocka_unit_test(test_migration_cramp_signs),
        cmocka_unit_test(test_file_modes),
        cmocka_unit_test(test_open_not_a_database),
        cmocka_unit_test(test_open_modes_and_versions),
        cmocka_unit_test_setup_teardown(test_search_no_hit, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_integrity_ok, store_setup, store_teardown),
        cmocka_unit_test(test_integrity_foreign_keys),
        cmocka_unit_test(test_integrity_corrupt),
        cmocka_unit_test(test_backup),
        cmocka_unit_test_setup_teardown(test_backup_memory, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_suggestion_lists, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_food_get_some, store_setup, store_teardown),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
