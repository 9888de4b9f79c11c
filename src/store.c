/*
 * store.c - every SQL statement of dietbal: schema, migrations, foods,
 * diary, profile, cramps.
 *
 * One SQLite file per person (health data: directory 0700, file 0600).
 * Statements are prepared with bound parameters only; the hot import
 * statements are prepared once per handle and kept.  This module never
 * prints; failures leave a message for store_errmsg().
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "dietbal/store.h"

#include "dietbal/fileout.h"
#include "dietbal/words.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Statements kept for the life of the handle (the hot paths: the import,
 * the food loads of the suggestions). */
enum {
    ST_FOOD_FIND,
    ST_FOOD_INSERT,
    ST_FOOD_UPDATE,
    ST_PORTIONS_DELETE,
    ST_VALUES_DELETE,
    ST_PORTION_INSERT,
    ST_FTS_STALE,
    ST_IMPORT_ID,
    ST_IMPORT_ID_FIRST,
    ST_FOOD_GET,
    ST_FOOD_GET_PORTIONS,
    ST_FOOD_GET_VALUES,
    ST_FOOD_GET_VALUE,
    ST_ALIASES_DELETE,
    ST_ALIAS_INSERT,
    ST_FOOD_GET_ALIASES,
    ST_FOOD_SEARCH,
    ST_FOOD_MATCH_COUNT,
    ST_COUNT
};

/* The core values of a food per 100 g, as columns 0..NUT_CORE_COUNT-1 of a
 * select list; f is the food table's alias. */
#define CORE_VALUES_SQL(f)                                                                         \
    "(SELECT value FROM food_value WHERE food = " f ".rowid AND nutrient = 0),"                    \
    "(SELECT value FROM food_value WHERE food = " f ".rowid AND nutrient = 1),"                    \
    "(SELECT value FROM food_value WHERE food = " f ".rowid AND nutrient = 2),"                    \
    "(SELECT value FROM food_value WHERE food = " f ".rowid AND nutrient = 3),"                    \
    "(SELECT value FROM food_value WHERE food = " f ".rowid AND nutrient = 4),"                    \
    "(SELECT value FROM food_value WHERE food = " f ".rowid AND nutrient = 5),"                    \
    "(SELECT value FROM food_value WHERE food = " f ".rowid AND nutrient = 6),"                    \
    "(SELECT value FROM food_value WHERE food = " f ".rowid AND nutrient = 7)"

static const char *const cached_sql[ST_COUNT] = {
    [ST_FOOD_FIND] = "SELECT rowid, hash FROM food WHERE id = ?1",
    [ST_FOOD_INSERT] = "INSERT INTO food(id, name, grp, hash, alias) VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_FOOD_UPDATE] =
        "UPDATE food SET name = ?2, grp = ?3, hash = ?4, alias = ?5 WHERE rowid = ?1",
    [ST_PORTIONS_DELETE] = "DELETE FROM portion WHERE food = ?1",
    [ST_VALUES_DELETE] = "DELETE FROM food_value WHERE food = ?1",
    [ST_PORTION_INSERT] =
        "INSERT INTO portion(food, seq, name, amount, grams) VALUES (?1, ?2, ?3, ?4, ?5)",
    /* The text food_fts holds for a food about to change (see
     * store_import_begin); a food new in this import is not indexed yet. */
    [ST_FTS_STALE] = "INSERT OR IGNORE INTO temp.fts_stale(rowid, name, grp, alias)"
                     " SELECT rowid, name, grp, alias FROM food WHERE rowid = ?1 AND rowid <= ?2",
    [ST_IMPORT_ID] = "INSERT INTO temp.import_id(file, id, line) VALUES (?1, ?2, ?3)"
                     " ON CONFLICT DO NOTHING",
    [ST_IMPORT_ID_FIRST] = "SELECT line FROM temp.import_id WHERE file = ?1 AND id = ?2",
    /* store_food_get: suggestions load hundreds of foods in a row */
    [ST_FOOD_GET] = "SELECT rowid, id, name, grp,"
                    " EXISTS (SELECT 1 FROM recipe WHERE recipe.food = food.rowid)"
                    " FROM food WHERE id = ?1",
    [ST_FOOD_GET_PORTIONS] = "SELECT name, amount, grams FROM portion WHERE food = ?1 ORDER BY seq",
    [ST_FOOD_GET_VALUES] = "SELECT nutrient, value, spread FROM food_value WHERE food = ?1",
    [ST_FOOD_GET_VALUE] = "SELECT value FROM food_value WHERE food = ?1 AND nutrient = ?2",
    [ST_ALIASES_DELETE] = "DELETE FROM food_alias WHERE food = ?1",
    [ST_ALIAS_INSERT] = "INSERT INTO food_alias(food, seq, name, lang) VALUES (?1, ?2, ?3, ?4)",
    [ST_FOOD_GET_ALIASES] = "SELECT name, lang FROM food_alias WHERE food = ?1 ORDER BY seq",
    /* store_food_search: one add may search a dozen times (synonyms, the
     * relaxed subsets); parsing this once saves ~0.4 M instructions a search.
     * bm25: a match in the name or an alias weighs ten times one in the group. */
    [ST_FOOD_SEARCH] =
        "SELECT f.id, f.name, f.grp, -bm25(food_fts, 10.0, 1.0, 10.0), " CORE_VALUES_SQL(
            "f") " FROM food_fts JOIN food f ON f.rowid = food_fts.rowid"
                 " WHERE food_fts MATCH ?1 ORDER BY bm25(food_fts, 10.0, 1.0, 10.0)"
                 " LIMIT ?2",
    /* counted up to a cap (?2): past it a word tells the search nothing more */
    [ST_FOOD_MATCH_COUNT] = "SELECT count(*) FROM (SELECT 1 FROM food_fts WHERE food_fts MATCH ?1"
                            " LIMIT ?2)",
};

/* A food's values go in VALUES_BATCH rows to a statement (see values_insert). */
#define VALUES_BATCH 32
/* How long a dietbal waits for another one that holds the database. */
#define BUSY_TIMEOUT_MS 10000
/* The WAL kept between runs is emptied when it grows beyond this. */
#define WAL_LIMIT_BYTES (4L * 1024 * 1024)
#define WAL_LIMIT_BYTES_SQL "4194304"

struct store {
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT];
    sqlite3_stmt *values_st[VALUES_BATCH]; /* [n - 1] inserts n value rows */
    int importing;                         /* between store_import_begin and commit/rollback */
    int fk_off;                            /* foreign keys off for that transaction */
    sqlite3_int64 fts_from;                /* foods with a larger rowid are new in the import */
    int code;                              /* SQLite's extended result code of the last failure */
    int sys_errno; /* and the system's errno behind it (ENOSPC: disk full) */
    int einput;    /* the last failure is the file's: not a dietbal database */
    char msg[512];
};

/* The triggers that keep food_fts in step with food, row by row.  An
 * import drops them for its transaction and brings the index up to date
 * once at the end (store_import_begin, store_import_commit), so they are
 * spelt once, here, for the schema and for that.  FTS1_* are schema
 * version 1's, kept for that migration; version 3 indexes the aliases too. */
#define FTS_TOKENIZE "tokenize='unicode61 remove_diacritics 2'"
#define FTS1_TRIGGER_AI                                                                            \
    "CREATE TRIGGER food_ai AFTER INSERT ON food BEGIN"                                            \
    "  INSERT INTO food_fts(rowid, name, grp) VALUES (new.rowid, new.name, new.grp);"              \
    "END"
#define FTS1_TRIGGER_AU                                                                            \
    "CREATE TRIGGER food_au AFTER UPDATE OF name, grp ON food"                                     \
    "  WHEN old.name IS NOT new.name OR old.grp IS NOT new.grp BEGIN"                              \
    "  INSERT INTO food_fts(food_fts, rowid, name, grp)"                                           \
    "    VALUES ('delete', old.rowid, old.name, old.grp);"                                         \
    "  INSERT INTO food_fts(rowid, name, grp) VALUES (new.rowid, new.name, new.grp);"              \
    "END"
#define FTS_TRIGGER_AI                                                                             \
    "CREATE TRIGGER food_ai AFTER INSERT ON food BEGIN"                                            \
    "  INSERT INTO food_fts(rowid, name, grp, alias)"                                              \
    "    VALUES (new.rowid, new.name, new.grp, new.alias);"                                        \
    "END"
#define FTS_TRIGGER_AU                                                                             \
    "CREATE TRIGGER food_au AFTER UPDATE OF name, grp, alias ON food"                              \
    "  WHEN old.name IS NOT new.name OR old.grp IS NOT new.grp"                                    \
    "    OR old.alias IS NOT new.alias BEGIN"                                                      \
    "  INSERT INTO food_fts(food_fts, rowid, name, grp, alias)"                                    \
    "    VALUES ('delete', old.rowid, old.name, old.grp, old.alias);"                              \
    "  INSERT INTO food_fts(rowid, name, grp, alias)"                                              \
    "    VALUES (new.rowid, new.name, new.grp, new.alias);"                                        \
    "END"
#define FTS_TRIGGER_AD                                                                             \
    "CREATE TRIGGER food_ad AFTER DELETE ON food BEGIN"                                            \
    "  INSERT INTO food_fts(food_fts, rowid, name, grp, alias)"                                    \
    "    VALUES ('delete', old.rowid, old.name, old.grp, old.alias);"                              \
    "END"

/* Schema version 1.  Migrations append to this list; user_version counts
 * how many have run. */
static const char *const migrations[] = {
    /* 1: foods, diary, profile, cramps */
    "CREATE TABLE nutrient ("
    "  id INTEGER PRIMARY KEY,"
    "  tag TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  unit TEXT NOT NULL);"
    "CREATE TABLE food ("
    "  rowid INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  grp TEXT,"
    "  hash INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE portion ("
    "  food INTEGER NOT NULL REFERENCES food(rowid) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  name TEXT NOT NULL,"
    "  amount REAL NOT NULL CHECK (amount > 0),"
    "  grams REAL NOT NULL CHECK (grams > 0),"
    "  PRIMARY KEY (food, seq)) WITHOUT ROWID;"
    "CREATE TABLE food_value ("
    "  food INTEGER NOT NULL REFERENCES food(rowid) ON DELETE CASCADE,"
    "  nutrient INTEGER NOT NULL REFERENCES nutrient(id),"
    "  value REAL NOT NULL CHECK (value >= 0),"
    "  PRIMARY KEY (food, nutrient)) WITHOUT ROWID;"
    "CREATE VIRTUAL TABLE food_fts USING fts5("
    "  name, grp, content='food', content_rowid='rowid',"
    "  " FTS_TOKENIZE ");" FTS1_TRIGGER_AI ";"
    "CREATE TRIGGER food_ad AFTER DELETE ON food BEGIN"
    "  INSERT INTO food_fts(food_fts, rowid, name, grp)"
    "    VALUES ('delete', old.rowid, old.name, old.grp);"
    "END;" FTS1_TRIGGER_AU ";"
    "CREATE TABLE entry ("
    "  id INTEGER PRIMARY KEY,"
    "  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    "  time TEXT,"
    /* the meals of entry.h's entry_meals; test_entry.c holds them together */
    "  meal TEXT CHECK (meal IN ('breakfast', 'lunch', 'dinner', 'snack')),"
    "  food INTEGER NOT NULL REFERENCES food(rowid) ON DELETE RESTRICT,"
    "  grams REAL NOT NULL CHECK (grams > 0),"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));"
    "CREATE INDEX entry_by_date ON entry(date, time, id);"
    "CREATE INDEX entry_by_food ON entry(food);"
    "CREATE TABLE profile ("
    "  key TEXT PRIMARY KEY,"
    "  value) WITHOUT ROWID;"
    "CREATE TABLE cramp ("
    "  id INTEGER PRIMARY KEY,"
    "  date TEXT NOT NULL,"
    "  time TEXT,"
    "  severity INTEGER CHECK (severity BETWEEN 1 AND 10),"
    "  duration_min REAL CHECK (duration_min >= 0),"
    "  site TEXT CHECK (site IN ('calf', 'foot', 'thigh', 'other')),"
    "  side TEXT CHECK (side IN ('left', 'right', 'both')),"
    "  night INTEGER NOT NULL DEFAULT 0,"
    "  swelling INTEGER NOT NULL DEFAULT 0,"
    "  redness INTEGER NOT NULL DEFAULT 0,"
    "  warmth INTEGER NOT NULL DEFAULT 0,"
    "  hard_to_walk INTEGER NOT NULL DEFAULT 0,"
    "  pain_persists INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX cramp_by_date ON cramp(date);",
    /* 2: the food suggestions of the food table, made by each import
     * (suggest.c): a list per nutrient, the rules that made it, and the
     * length asked for (fewer rows than that: every family is listed) */
    "CREATE TABLE suggestion_list ("
    "  nutrient INTEGER PRIMARY KEY REFERENCES nutrient(id),"
    "  rules INTEGER NOT NULL,"
    "  asked INTEGER NOT NULL CHECK (asked > 0));"
    "CREATE TABLE suggestion ("
    "  nutrient INTEGER NOT NULL REFERENCES suggestion_list(nutrient) ON DELETE CASCADE,"
    "  rank INTEGER NOT NULL CHECK (rank >= 0),"
    "  food INTEGER NOT NULL REFERENCES food(rowid) ON DELETE CASCADE,"
    "  portion TEXT NOT NULL,"
    "  grams REAL NOT NULL CHECK (grams > 0),"
    "  score REAL NOT NULL,"
    "  PRIMARY KEY (nutrient, rank)) WITHOUT ROWID;",
    /* 3: other names of a food (<alias> in the XML), indexed for the search
     * with its name and group; and the foods a person chose for her words
     * ("milk" is her semi-skimmed), keyed by the words normalised */
    "ALTER TABLE food ADD COLUMN alias TEXT;"
    "CREATE TABLE food_alias ("
    "  food INTEGER NOT NULL REFERENCES food(rowid) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  name TEXT NOT NULL,"
    "  lang TEXT,"
    "  PRIMARY KEY (food, seq)) WITHOUT ROWID;"
    "DROP TRIGGER food_ai; DROP TRIGGER food_ad; DROP TRIGGER food_au;"
    "DROP TABLE food_fts;"
    "CREATE VIRTUAL TABLE food_fts USING fts5("
    "  name, grp, alias, content='food', content_rowid='rowid',"
    "  " FTS_TOKENIZE ");"
    "INSERT INTO food_fts(food_fts) VALUES ('rebuild');" FTS_TRIGGER_AI ";" FTS_TRIGGER_AD
    ";" FTS_TRIGGER_AU ";"
    "CREATE TABLE choice ("
    "  query TEXT PRIMARY KEY,"
    "  food INTEGER NOT NULL REFERENCES food(rowid) ON DELETE CASCADE,"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))) WITHOUT ROWID;",
    /* 4: pregnancy warning signs in the cramp diary (possible
     * pre-eclampsia, nutrition-science.md 0.4); an entry may hold only
     * these, with no cramp */
    "ALTER TABLE cramp ADD COLUMN sudden_swelling INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE cramp ADD COLUMN headache INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE cramp ADD COLUMN vision_problems INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE cramp ADD COLUMN pain_below_ribs INTEGER NOT NULL DEFAULT 0;",
    /* 5: supplements (amounts per unit from their labels), and diary
     * entries of two kinds: a food in grams or a supplement in units.  The
     * entry table is rebuilt because food and grams were NOT NULL; ids,
     * and so every entry's id, are kept. */
    "CREATE TABLE supplement ("
    "  rowid INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE CHECK (id GLOB 'supp:?*'),"
    "  name TEXT NOT NULL,"
    "  unit TEXT NOT NULL CHECK (unit IN ('tablet', 'capsule', 'softgel', 'sachet', 'scoop',"
    "    'ml', 'drop')));"
    "CREATE TABLE supplement_value ("
    "  supplement INTEGER NOT NULL REFERENCES supplement(rowid) ON DELETE CASCADE,"
    "  nutrient INTEGER NOT NULL REFERENCES nutrient(id),"
    "  value REAL NOT NULL CHECK (value >= 0),"
    "  PRIMARY KEY (supplement, nutrient)) WITHOUT ROWID;"
    "CREATE TABLE entry_v5 ("
    "  id INTEGER PRIMARY KEY,"
    "  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    "  time TEXT,"
    /* the meals of entry.h's entry_meals; test_entry.c holds them together */
    "  meal TEXT CHECK (meal IN ('breakfast', 'lunch', 'dinner', 'snack')),"
    "  food INTEGER REFERENCES food(rowid) ON DELETE RESTRICT,"
    "  grams REAL CHECK (grams > 0),"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  kind TEXT NOT NULL DEFAULT 'food' CHECK (kind IN ('food', 'supplement')),"
    "  supplement INTEGER REFERENCES supplement(rowid) ON DELETE RESTRICT,"
    "  units REAL CHECK (units > 0),"
    "  CHECK (kind = 'food' AND food IS NOT NULL AND grams IS NOT NULL"
    "         AND supplement IS NULL AND units IS NULL"
    "      OR kind = 'supplement' AND supplement IS NOT NULL AND units IS NOT NULL"
    "         AND food IS NULL AND grams IS NULL));"
    "INSERT INTO entry_v5(id, date, time, meal, food, grams, created, kind)"
    "  SELECT id, date, time, meal, food, grams, created, 'food' FROM entry;"
    "DROP TABLE entry;"
    "ALTER TABLE entry_v5 RENAME TO entry;"
    "CREATE INDEX entry_by_date ON entry(date, time, id);"
    "CREATE INDEX entry_by_food ON entry(food);"
    "CREATE INDEX entry_by_supplement ON entry(supplement);",
    /* 6: the spread a table gives with a value (IFCT 2017's standard
     * deviation), in the value's unit; NULL when it gives none */
    "ALTER TABLE food_value ADD COLUMN spread REAL CHECK (spread IS NULL OR spread >= 0);",
    /* 7: recipes (recipe.h), foods made from other foods: the cooked
     * weight, the servings and the ingredients as typed with the grams and
     * the food they were read as; and saved meals, named lists of entries */
    "CREATE TABLE recipe ("
    "  food INTEGER PRIMARY KEY REFERENCES food(rowid) ON DELETE CASCADE,"
    "  name TEXT NOT NULL,"
    "  yield_g REAL CHECK (yield_g > 0),"
    "  serves REAL CHECK (serves > 0));"
    "CREATE TABLE recipe_ingredient ("
    "  recipe INTEGER NOT NULL REFERENCES recipe(food) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  food INTEGER NOT NULL REFERENCES food(rowid) ON DELETE RESTRICT,"
    "  grams REAL NOT NULL CHECK (grams > 0),"
    "  PRIMARY KEY (recipe, seq)) WITHOUT ROWID;"
    "CREATE INDEX recipe_ingredient_by_food ON recipe_ingredient(food);"
    "CREATE TABLE saved_meal ("
    "  rowid INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));"
    "CREATE TABLE saved_meal_item ("
    "  meal INTEGER NOT NULL REFERENCES saved_meal(rowid) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  food INTEGER REFERENCES food(rowid) ON DELETE RESTRICT,"
    "  grams REAL CHECK (grams > 0),"
    "  supplement INTEGER REFERENCES supplement(rowid) ON DELETE RESTRICT,"
    "  units REAL CHECK (units > 0),"
    "  CHECK (food IS NOT NULL AND grams IS NOT NULL AND supplement IS NULL AND units IS NULL"
    "      OR supplement IS NOT NULL AND units IS NOT NULL AND food IS NULL AND grams IS NULL),"
    "  PRIMARY KEY (meal, seq)) WITHOUT ROWID;"
    "CREATE INDEX saved_meal_item_by_food ON saved_meal_item(food);"
    "CREATE INDEX saved_meal_item_by_supplement ON saved_meal_item(supplement);",
};

#define N_MIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int store_schema_version(void) { return N_MIGRATIONS; }

static int fail(store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(store *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->msg, sizeof(s->msg), fmt, ap);
    va_end(ap);
    return STORE_ERROR;
}

static int full(const store *s) {
    return (s->code & 0xff) == SQLITE_FULL || s->sys_errno == ENOSPC;
}

/* " (pid N, NAME)" of a process holding a lock on the database or its
 * shared memory, into buf ("" when none is seen). */
static void lock_holder(store *s, char *buf, size_t len) {
    const char *file = sqlite3_db_filename(s->db, "main");
    static const char *const suffix[] = {"-shm", ""};

    buf[0] = '\0';
    for (size_t i = 0; file && *file && i < sizeof(suffix) / sizeof(suffix[0]); i++) {
        char name[4200], comm[64] = "";
        struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
        int fd;
        snprintf(name, sizeof(name), "%s%s", file, suffix[i]);
        if ((fd = open(name, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0)
            continue;
        int got = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK && fl.l_pid > 0;
        close(fd);
        if (!got)
            continue;
        snprintf(name, sizeof(name), "/proc/%ld/comm", (long)fl.l_pid);
        FILE *f = fopen(name, "r");
        if (f) {
            if (fgets(comm, sizeof(comm), f))
                comm[strcspn(comm, "\n")] = '\0';
            fclose(f);
        }
        snprintf(buf, len, " (pid %ld%s%s)", (long)fl.l_pid, comm[0] ? ", " : "", comm);
        return;
    }
}

/* The message of a busy database: who holds it, for how long it was awaited. */
static int fail_busy(store *s, const char *what) {
    char who[128];
    lock_holder(s, who, sizeof(who));
    return fail(s, "%s%sthe database is in use by another process%s; waited %d s", what ? what : "",
                what ? ": " : "", who, BUSY_TIMEOUT_MS / 1000);
}

static int fail_db(store *s, const char *what) {
    s->code = sqlite3_extended_errcode(s->db);
    s->sys_errno = sqlite3_system_errno(s->db);
    if (full(s))
        return fail(s, "%s: the disk is full", what);
    if ((s->code & 0xff) == SQLITE_BUSY)
        return fail_busy(s, what);
    return fail(s, "%s: %s", what, sqlite3_errmsg(s->db));
}

int store_disk_full(const store *s) { return full(s); }

const char *store_errmsg(const store *s) { return s->msg; }

static int exec(store *s, const char *sql) {
    char *e = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &e) != SQLITE_OK) {
        s->code = sqlite3_extended_errcode(s->db);
        s->sys_errno = sqlite3_system_errno(s->db);
        if ((s->code & 0xff) == SQLITE_BUSY)
            fail_busy(s, NULL);
        else
            fail(s, "%s", full(s) ? "the disk is full" : e ? e : sqlite3_errmsg(s->db));
        sqlite3_free(e);
        return STORE_ERROR;
    }
    return STORE_OK;
}

static int prepare(store *s, const char *sql, sqlite3_stmt **st) {
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return fail_db(s, "prepare");
    return STORE_OK;
}

static int step_done(store *s, sqlite3_stmt *st, const char *what) {
    if (sqlite3_step(st) != SQLITE_DONE)
        return fail_db(s, what);
    return STORE_OK;
}

/* A cached statement, reset and with bindings cleared. */
static sqlite3_stmt *cached(store *s, int which) {
    if (!s->st[which] && prepare(s, cached_sql[which], &s->st[which]) != STORE_OK)
        return NULL;
    sqlite3_reset(s->st[which]);
    sqlite3_clear_bindings(s->st[which]);
    return s->st[which];
}

/* "PATH: why" into err; a path too long to read keeps its start and end,
 * so that the reason still fits. */
static void open_fail(char *err, size_t errlen, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void open_fail(char *err, size_t errlen, const char *path, const char *fmt, ...) {
    size_t len = strlen(path);
    va_list ap;
    int n;

    if (len > 160)
        n = snprintf(err, errlen, "%.100s...%s: ", path, path + len - 40);
    else
        n = snprintf(err, errlen, "%s: ", path);
    if (n < 0 || (size_t)n >= errlen)
        return;
    va_start(ap, fmt);
    vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
}

/* Make the parent directory (mode 0700) of a new database file. */
static int make_parent_dir(const char *path, char *err, size_t errlen) {
    char *dir = strdup(path);
    char *slash;
    int rc = 0;

    if (!dir) {
        open_fail(err, errlen, path, "out of memory");
        return -1;
    }
    slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = '\0';
        /* create each missing component */
        for (char *p = dir + 1; *p; p++) {
            if (*p != '/')
                continue;
            *p = '\0';
            if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
                open_fail(err, errlen, dir, "%s", strerror(errno));
                rc = -1;
                goto out;
            }
            *p = '/';
        }
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
            open_fail(err, errlen, dir, "%s", strerror(errno));
            rc = -1;
        }
    }
out:
    free(dir);
    return rc;
}

/*
 * PRAGMA user_version: the number of migrations run.  A file with tables
 * but no version is another program's database, which dietbal must not add
 * its tables to (a new file is empty).  One statement reads both, so that
 * another dietbal's migration cannot fall between them.
 */
static int read_version(store *s, int *version, int *app_id) {
    sqlite3_stmt *st = NULL;
    sqlite3_int64 tables = 0;
    int rc = prepare(s,
                     "SELECT v.user_version, a.application_id,"
                     " (SELECT count(*) FROM sqlite_master)"
                     " FROM pragma_user_version AS v, pragma_application_id AS a",
                     &st);

    if (rc != STORE_OK)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *version = sqlite3_column_int(st, 0);
        *app_id = sqlite3_column_int(st, 1);
        tables = sqlite3_column_int64(st, 2);
    } else {
        rc = fail_db(s, "schema version");
    }
    sqlite3_finalize(st);
    if (rc != STORE_OK)
        return rc;
    /* Every check here only reads: a file refused is left as it was. */
    s->einput = 1;
    if (*app_id != 0 && *app_id != STORE_APPLICATION_ID)
        return fail(s, "not a dietbal database (application_id 0x%08X is another program's)",
                    (unsigned)*app_id);
    if (*version < 0)
        return fail(s,
                    "schema version %d is not one dietbal writes (the file was edited or is "
                    "damaged; restore a backup)",
                    *version);
    if (*version > N_MIGRATIONS)
        return fail(s,
                    "database schema version %d is newer than this dietbal (%d); use a newer "
                    "dietbal",
                    *version, N_MIGRATIONS);
    if (*version == 0 && tables > 0)
        return fail(s, "not a dietbal database (it holds %lld other table%s)", (long long)tables,
                    tables == 1 ? "" : "s");
    s->einput = 0;
    return STORE_OK;
}

static int migrate(store *s) {
    sqlite3_stmt *st = NULL;
    int version = 0, app_id = 0, rc = STORE_ERROR;

    if (read_version(s, &version, &app_id) != STORE_OK)
        return STORE_ERROR;
    if (version == N_MIGRATIONS)
        return STORE_OK;
    if (exec(s, "BEGIN IMMEDIATE") != STORE_OK)
        return STORE_ERROR;
    /* Re-read under the write lock: another process may have migrated. */
    if (read_version(s, &version, &app_id) != STORE_OK)
        goto out;
    /* A new database says whose it is; one made by an older dietbal (0)
     * is marked when it is migrated. */
    if (app_id == 0) {
        char pragma[64];
        snprintf(pragma, sizeof(pragma), "PRAGMA application_id = %d", STORE_APPLICATION_ID);
        if (exec(s, pragma) != STORE_OK)
            goto out;
    }
    for (; version < N_MIGRATIONS; version++) {
        char pragma[64];
        if (exec(s, migrations[version]) != STORE_OK)
            goto out;
        snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", version + 1);
        if (exec(s, pragma) != STORE_OK)
            goto out;
    }
    /* The nutrient table mirrors nutrients.c; new entries are appended. */
    if (prepare(s,
                "INSERT INTO nutrient(id, tag, name, unit) VALUES (?1, ?2, ?3, ?4)"
                " ON CONFLICT(id) DO UPDATE SET name = excluded.name",
                &st) != STORE_OK)
        goto out;
    for (size_t i = 0; i < nutrients_count(); i++) {
        const struct nutrient_def *d = nutrients_get((int)i);
        sqlite3_reset(st);
        sqlite3_bind_int(st, 1, (int)i);
        sqlite3_bind_text(st, 2, d->tag, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, d->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, unit_name(d->unit), -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) {
            fail_db(s, "nutrient table");
            goto out;
        }
    }
    rc = STORE_OK;
out:
    sqlite3_finalize(st);
    if (rc == STORE_OK)
        rc = exec(s, "COMMIT");
    else
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* New nutrients appended to nutrients.c after a database was made. */
static int sync_nutrients(store *s) {
    sqlite3_stmt *st = NULL;
    long have = 0;
    int rc = STORE_OK;

    if (prepare(s, "SELECT count(*) FROM nutrient", &st) != STORE_OK)
        return STORE_ERROR;
    if (sqlite3_step(st) == SQLITE_ROW)
        have = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if ((size_t)have >= nutrients_count())
        return STORE_OK;
    if (exec(s, "BEGIN IMMEDIATE") != STORE_OK)
        return STORE_ERROR;
    if (prepare(s, "INSERT OR IGNORE INTO nutrient(id, tag, name, unit) VALUES (?1, ?2, ?3, ?4)",
                &st) != STORE_OK)
        rc = STORE_ERROR;
    for (size_t i = 0; i < nutrients_count() && rc == STORE_OK; i++) {
        const struct nutrient_def *d = nutrients_get((int)i);
        sqlite3_reset(st);
        sqlite3_bind_int(st, 1, (int)i);
        sqlite3_bind_text(st, 2, d->tag, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, d->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, unit_name(d->unit), -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = fail_db(s, "nutrient table");
    }
    sqlite3_finalize(st);
    if (rc == STORE_OK)
        return exec(s, "COMMIT");
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/*
 * Put a freshly opened handle in working order: WAL, the schema, the
 * nutrient table.  The busy timeout does not cover all of it: switching
 * to WAL, WAL recovery after a crash and a read that must become a write
 * return SQLITE_BUSY at once while another process does the same to a
 * new file (seen with four processes creating one database).  Every step
 * is idempotent, so on SQLITE_BUSY the whole set-up runs again, for up to
 * the busy timeout.
 */
static int setup(store *s, int memory) {
    long long start = now_ms();
    long wait_ms = 1;

    for (;;) {
        int version = 0, app_id = 0;
        s->code = SQLITE_OK;
        /* read and judge the file before anything is written to it */
        if (exec(s, "PRAGMA foreign_keys = ON") == STORE_OK &&
            read_version(s, &version, &app_id) == STORE_OK &&
            (memory || exec(s, "PRAGMA journal_mode = WAL") == STORE_OK) &&
            exec(s, "PRAGMA synchronous = FULL") == STORE_OK &&
            exec(s, "PRAGMA journal_size_limit = " WAL_LIMIT_BYTES_SQL) == STORE_OK &&
            migrate(s) == STORE_OK && sync_nutrients(s) == STORE_OK)
            return STORE_OK;
        if (s->einput || (s->code & 0xff) != SQLITE_BUSY || now_ms() - start > BUSY_TIMEOUT_MS)
            return STORE_ERROR;
        struct timespec pause = {0, wait_ms * 1000000L};
        nanosleep(&pause, NULL);
        if (wait_ms < 64)
            wait_ms *= 2;
    }
}

/* Does another process hold an SQLite lock on the file at path? */
static int locked_by_other(const char *path) {
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY), held;

    if (fd < 0)
        return 0;
    held = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
    close(fd);
    return held;
}

/*
 * An empty file is a database only for init, with one exception: another
 * dietbal that has just created it and is writing its schema (commands
 * that store may create a database, several at once).  That one holds
 * SQLite's lock on it, or takes it within moments of making the file; an
 * empty file of the user's does neither.  *st is updated.
 */
static int being_made(const char *path, struct stat *st) {
    for (int waited_ms = 0;; waited_ms += 10) {
        if (locked_by_other(path))
            return 1;
        if (stat(path, st) != 0 || st->st_size > 0)
            return 1; /* written meanwhile: judged by SQLite and read_version */
        if (waited_ms >= 2000 || time(NULL) - st->st_mtime > 2)
            return 0;
        struct timespec pause = {0, 10 * 1000000L};
        nanosleep(&pause, NULL);
    }
}

/*
 * Judge the file at path before SQLite opens it (which would write to it):
 * missing, empty, not SQLite, or readable by others.  A file dietbal keeps
 * is made 0600 (with its -wal and -shm) or refused.  0 to go on, else
 * STORE_EINPUT or STORE_ERROR with err set.
 */
static int precheck(const char *path, enum store_open_mode mode, char *err, size_t errlen) {
    static const char magic[16] = "SQLite format 3";
    struct stat st;
    int fd;

    if (stat(path, &st) != 0) {
        int e = errno;
        if (e != ENOENT) {
            open_fail(err, errlen, path, "%s", strerror(e));
            return e == ENAMETOOLONG ? STORE_EINPUT : STORE_ERROR;
        }
        if (mode == STORE_OPEN_EXISTING) {
            snprintf(err, errlen, "no database at %s: run 'dietbal init' first",
                     strlen(path) > 200 ? "that path" : path);
            return STORE_EINPUT;
        }
        if (make_parent_dir(path, err, errlen) != 0)
            return STORE_ERROR;
        /* Create the file ourselves so it is 0600 whatever the umask. */
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST) {
            open_fail(err, errlen, path, "%s", strerror(errno));
            return STORE_ERROR;
        }
        if (fd >= 0) {
            close(fd);
            return STORE_OK;
        }
        if (stat(path, &st) != 0) { /* made and removed by another process */
            open_fail(err, errlen, path, "%s", strerror(errno));
            return STORE_ERROR;
        }
    }
    if (S_ISDIR(st.st_mode)) {
        open_fail(err, errlen, path, "is a directory");
        return STORE_EINPUT;
    }
    if (!S_ISREG(st.st_mode)) {
        open_fail(err, errlen, path, "not a regular file");
        return STORE_EINPUT;
    }
    if (st.st_size == 0) {
        if (mode != STORE_OPEN_INIT && !being_made(path, &st)) {
            open_fail(err, errlen, path,
                      "an empty file, not a database ('dietbal init' makes one in it)");
            return STORE_EINPUT;
        }
    } else {
        unsigned char head[100];
        ssize_t got;
        if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0) {
            open_fail(err, errlen, path, "%s", strerror(errno));
            return errno == EACCES ? STORE_EINPUT : STORE_ERROR;
        }
        got = read(fd, head, sizeof(head));
        close(fd);
        if (got < (ssize_t)sizeof(head) || memcmp(head, magic, sizeof(magic)) != 0) {
            open_fail(err, errlen, path, "file is not a database (no SQLite header)");
            return STORE_EINPUT;
        }
    }
    /* health data: nobody else reads it */
    if (st.st_mode & 0077) {
        static const char *const suffix[] = {"", "-wal", "-shm"};
        for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
            char name[4200];
            int n = snprintf(name, sizeof(name), "%s%s", path, suffix[i]);
            if (n < 0 || (size_t)n >= sizeof(name) ||
                (chmod(name, 0600) != 0 && (i == 0 || errno != ENOENT))) {
                open_fail(err, errlen, path,
                          "mode %04o lets others read it, and it cannot be made 0600 (%s): "
                          "run 'chmod 600' on it",
                          (unsigned)(st.st_mode & 07777), strerror(errno));
                return STORE_EINPUT;
            }
        }
    }
    return STORE_OK;
}

int store_open(const char *path, store **out, char *err, size_t errlen) {
    return store_open_mode(path, STORE_OPEN_INIT, out, err, errlen);
}

int store_open_mode(const char *path, enum store_open_mode mode, store **out, char *err,
                    size_t errlen) {
    store *s = NULL;
    int memory = strcmp(path, ":memory:") == 0;
    int rc = STORE_ERROR;

    if (!memory && (rc = precheck(path, mode, err, errlen)) != STORE_OK)
        return rc;
    rc = STORE_ERROR;
    s = calloc(1, sizeof(*s));
    if (!s) {
        open_fail(err, errlen, path, "out of memory");
        return STORE_ERROR;
    }
    /* no SQLITE_OPEN_CREATE: precheck made the file where one may be made */
    if (sqlite3_open_v2(path, &s->db,
                        SQLITE_OPEN_READWRITE | (memory ? SQLITE_OPEN_CREATE : 0) |
                            SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        open_fail(err, errlen, path, "%s", s->db ? sqlite3_errmsg(s->db) : "out of memory");
        goto fail;
    }
    sqlite3_extended_result_codes(s->db, 1);
    /* Keep the WAL between runs: a commit then costs the WAL's fsync only,
     * not a checkpoint and the WAL's deletion at every close (store_close
     * checkpoints when it has grown). */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
    /* Another dietbal may be writing: wait for it rather than fail. */
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    if (setup(s, memory) != STORE_OK) {
        open_fail(err, errlen, path, "%s",
                  full(s) ? "the disk is full (free some space; nothing was changed)" : s->msg);
        if (s->einput || (s->code & 0xff) == SQLITE_NOTADB)
            rc = STORE_EINPUT;
        goto fail;
    }
    *out = s;
    return STORE_OK;
fail:
    store_close(s);
    return rc;
}

int store_checkpoint(store *s) {
    const char *file = sqlite3_db_filename(s->db, "main");
    if (!file || !*file)
        return STORE_OK;
    if (sqlite3_wal_checkpoint_v2(s->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) !=
        SQLITE_OK)
        return fail_db(s, "checkpoint");
    return STORE_OK;
}

void store_close(store *s) {
    if (!s)
        return;
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->st[i]);
    for (int i = 0; i < VALUES_BATCH; i++)
        sqlite3_finalize(s->values_st[i]);
    if (s->db) {
        /* The WAL is kept between runs, but not when it has grown: then
         * its pages go into the database and it is emptied (best effort:
         * a reader may hold it; the next close tries again). */
        const char *file = sqlite3_db_filename(s->db, "main");
        char wal[4200];
        struct stat st;
        if (file && *file && snprintf(wal, sizeof(wal), "%s-wal", file) < (int)sizeof(wal) &&
            stat(wal, &st) == 0 && st.st_size > WAL_LIMIT_BYTES)
            sqlite3_wal_checkpoint_v2(s->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    }
    sqlite3_close(s->db);
    free(s);
}

int store_begin(store *s) { return exec(s, "BEGIN IMMEDIATE"); }

/*
 * Bulk import.  Two kinds of per-row work are done once instead.
 *
 * The full-text index.  Row by row, the triggers write every new food to
 * food_fts; once the FTS5 table has joined the transaction, every later
 * statement of it (the value rows of each food) opens a savepoint on it,
 * and FTS5 3.40 flushes its pending terms to disk at each one: half the
 * cost of an import went there.  So an import drops the insert and update
 * triggers inside its own transaction and brings the index up to date in
 * one pass at commit (import_finish): foods with a rowid above the largest
 * one at the start are new (INTEGER PRIMARY KEY takes max + 1, and an
 * import deletes no food), and a changed food's old text is kept in
 * temp.fts_stale to take out of the index first.
 *
 * Foreign keys.  Checking them cost two lookups and two cursors per value
 * row, 13% of an import.  An import writes portion and value rows only for
 * the food row it has just written or found in the same transaction, with
 * nutrient ids below nutrients_count(), and deletes no food; so what the
 * checks would find is settled by one question asked here, under the write
 * lock that keeps anyone else from changing the answer: does the nutrient
 * table hold every one of those ids?  Enforcement is off for the import
 * transaction only (the pragma cannot change inside one) and back on when
 * it ends, either way.
 *
 * A rollback undoes the lot, triggers included.
 */
/* Foods are about to change: the stored suggestion lists (made from the
 * old table) go.  An import makes them afresh before it commits
 * (cmd_import.c); until then suggest.c ranks the table itself. */
static int suggestions_drop(store *s) {
    return exec(s, "DELETE FROM suggestion; DELETE FROM suggestion_list");
}

int store_import_begin(store *s) {
    sqlite3_stmt *st = NULL;

    if (exec(s, "PRAGMA foreign_keys = OFF") != STORE_OK)
        return STORE_ERROR;
    s->fk_off = 1;
    if (exec(s, "BEGIN IMMEDIATE") != STORE_OK || suggestions_drop(s) != STORE_OK)
        goto fail;
    if (prepare(s,
                "SELECT (SELECT count(*) FROM nutrient WHERE id >= 0 AND id < ?1),"
                " (SELECT coalesce(max(rowid), 0) FROM food)",
                &st) != STORE_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)nutrients_count());
    if (sqlite3_step(st) != SQLITE_ROW) {
        fail_db(s, "import");
        goto fail;
    }
    if (sqlite3_column_int64(st, 0) != (sqlite3_int64)nutrients_count()) {
        fail(s, "the nutrient table lacks %lld of dietbal's %zu nutrients",
             (long long)nutrients_count() - (long long)sqlite3_column_int64(st, 0),
             nutrients_count());
        goto fail;
    }
    s->fts_from = sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    st = NULL;
    if (exec(s, "CREATE TEMP TABLE IF NOT EXISTS import_id("
                "  file INTEGER, id TEXT, line INTEGER NOT NULL, PRIMARY KEY (file, id))"
                "  WITHOUT ROWID;"
                "DELETE FROM temp.import_id") != STORE_OK)
        goto fail;
    /* At the largest rowid SQLite picks free ones at random: keep the
     * triggers (a table of 2^63 foods will not happen, but stay right). */
    if (s->fts_from == INT64_MAX)
        return STORE_OK;
    if (exec(s, "DROP TRIGGER food_ai; DROP TRIGGER food_au;"
                "CREATE TEMP TABLE IF NOT EXISTS fts_stale("
                "  rowid INTEGER PRIMARY KEY, name TEXT, grp TEXT, alias TEXT);"
                "DELETE FROM temp.fts_stale") != STORE_OK)
        goto fail;
    s->importing = 1;
    return STORE_OK;
fail:
    sqlite3_finalize(st);
    store_rollback(s);
    return STORE_ERROR;
}

/* The index work the dropped triggers did not do, then the triggers. */
static int import_finish(store *s) {
    sqlite3_stmt *st = NULL;
    int rc;

    if (exec(s, "INSERT INTO food_fts(food_fts, rowid, name, grp, alias)"
                " SELECT 'delete', rowid, name, grp, alias FROM temp.fts_stale") != STORE_OK)
        return STORE_ERROR;
    rc = prepare(s,
                 "INSERT INTO food_fts(rowid, name, grp, alias)"
                 " SELECT rowid, name, grp, alias FROM food WHERE rowid > ?1",
                 &st);
    if (rc == STORE_OK) {
        sqlite3_bind_int64(st, 1, s->fts_from);
        rc = step_done(s, st, "full-text index");
    }
    sqlite3_finalize(st);
    if (rc != STORE_OK)
        return rc;
    if (exec(s, "INSERT INTO food_fts(rowid, name, grp, alias)"
                " SELECT f.rowid, f.name, f.grp, f.alias FROM temp.fts_stale x"
                " JOIN food f ON f.rowid = x.rowid;"
                "DELETE FROM temp.fts_stale;"
                "DELETE FROM temp.import_id;" FTS_TRIGGER_AI ";" FTS_TRIGGER_AU) != STORE_OK)
        return STORE_ERROR;
    s->importing = 0;
    return STORE_OK;
}

/*
 * The food ids of an import, per file, for its check that no id comes twice
 * in one file: in a temporary table, which SQLite keeps on disk beyond its
 * page cache, so that memory stays flat however big the table.
 */
int store_import_seen(store *s, int file, const char *id, unsigned long line,
                      unsigned long *first_line) {
    sqlite3_stmt *st = cached(s, ST_IMPORT_ID);

    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int(st, 1, file);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)line);
    if (step_done(s, st, "import") != STORE_OK)
        return STORE_ERROR;
    if (sqlite3_changes(s->db) == 1) {
        *first_line = 0;
        return STORE_OK;
    }
    if (!(st = cached(s, ST_IMPORT_ID_FIRST)))
        return STORE_ERROR;
    sqlite3_bind_int(st, 1, file);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW)
        return fail_db(s, "import");
    *first_line = (unsigned long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return STORE_OK;
}

int store_import_duplicate(store *s, char **id, int *file_a, unsigned long *line_a, int *file_b,
                           unsigned long *line_b) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT a.id, a.file, a.line, b.file, b.line FROM temp.import_id AS a"
                     " JOIN temp.import_id AS b ON b.file > a.file AND b.id = a.id"
                     " ORDER BY b.file, b.line LIMIT 1",
                     &st);

    *id = NULL;
    if (rc != STORE_OK)
        return rc;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *id = strdup((const char *)sqlite3_column_text(st, 0));
        *file_a = sqlite3_column_int(st, 1);
        *line_a = (unsigned long)sqlite3_column_int64(st, 2);
        *file_b = sqlite3_column_int(st, 3);
        *line_b = (unsigned long)sqlite3_column_int64(st, 4);
        if (!*id)
            rc = fail(s, "out of memory");
    } else if (step != SQLITE_DONE) {
        rc = fail_db(s, "import");
    }
    sqlite3_finalize(st);
    return rc;
}

/* Foreign keys back on after an import's transaction, however it ended. */
static void import_end(store *s) {
    s->importing = 0;
    if (s->fk_off && sqlite3_get_autocommit(s->db)) {
        sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
        s->fk_off = 0;
    }
}

int store_commit(store *s) {
    if (s->importing && import_finish(s) != STORE_OK)
        return STORE_ERROR;
    if (exec(s, "COMMIT") != STORE_OK)
        return STORE_ERROR;
    import_end(s);
    return STORE_OK;
}

int store_rollback(store *s) {
    int rc = STORE_OK;

    if (!sqlite3_get_autocommit(s->db))
        rc = exec(s, "ROLLBACK");
    import_end(s);
    return rc;
}

/*
 * The file's own consistency, and the full-text index against the food
 * table.  FTS5 3.40's 'integrity-check' looks only inside the index, so
 * the index is also compared, term by term and position by position, with
 * one built afresh from the food table; all of it inside a savepoint that
 * is rolled back.
 */
int store_check(store *s) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "PRAGMA integrity_check", &st);

    if (rc != STORE_OK)
        return rc;
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = fail_db(s, "integrity check");
    } else {
        const unsigned char *t = sqlite3_column_text(st, 0);
        if (!t || strcmp((const char *)t, "ok") != 0)
            rc = fail(s, "integrity check: %s", t ? (const char *)t : "no answer");
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != STORE_OK)
        return rc;
    if (prepare(s, "PRAGMA foreign_key_check", &st) != STORE_OK)
        return STORE_ERROR;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        rc = fail(s, "foreign key check: a row of %s points at a missing row of %s",
                  (const char *)sqlite3_column_text(st, 0),
                  (const char *)sqlite3_column_text(st, 2));
    else if (step != SQLITE_DONE)
        rc = fail_db(s, "foreign key check");
    sqlite3_finalize(st);
    st = NULL;
    if (rc != STORE_OK)
        return rc;
    /* and they are enforced, outside an import */
    if (prepare(s, "PRAGMA foreign_keys", &st) != STORE_OK)
        return STORE_ERROR;
    if (!s->fk_off && (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 1))
        rc = fail(s, "foreign keys are not enforced");
    sqlite3_finalize(st);
    st = NULL;
    if (rc != STORE_OK)
        return rc;
    if (exec(s, "INSERT INTO food_fts(food_fts) VALUES ('integrity-check')") != STORE_OK)
        return STORE_ERROR;
    if (exec(s,
             "SAVEPOINT store_check;"
             "CREATE VIRTUAL TABLE temp.fts_fresh USING fts5(name, grp, alias, " FTS_TOKENIZE ");"
             "INSERT INTO temp.fts_fresh(rowid, name, grp, alias)"
             "  SELECT rowid, name, grp, alias FROM food;"
             "CREATE VIRTUAL TABLE temp.fts_fresh_v USING fts5vocab(temp, fts_fresh, instance);"
             "CREATE VIRTUAL TABLE temp.fts_live_v USING fts5vocab(main, food_fts, instance)") !=
        STORE_OK) {
        rc = STORE_ERROR;
        goto out;
    }
    rc = prepare(s,
                 "SELECT (SELECT count(*) FROM (SELECT term, doc, col, offset FROM fts_live_v"
                 "  EXCEPT SELECT term, doc, col, offset FROM fts_fresh_v)),"
                 " (SELECT count(*) FROM (SELECT term, doc, col, offset FROM fts_fresh_v"
                 "  EXCEPT SELECT term, doc, col, offset FROM fts_live_v))",
                 &st);
    if (rc != STORE_OK)
        goto out;
    if (sqlite3_step(st) != SQLITE_ROW)
        rc = fail_db(s, "full-text index check");
    else if (sqlite3_column_int64(st, 0) || sqlite3_column_int64(st, 1))
        rc = fail(s, "full-text index: %lld entries not in the food table, %lld missing",
                  (long long)sqlite3_column_int64(st, 0), (long long)sqlite3_column_int64(st, 1));
out:
    sqlite3_finalize(st);
    sqlite3_exec(s->db, "ROLLBACK TO store_check; RELEASE store_check", NULL, NULL, NULL);
    return rc;
}

/* --- integrity and backup ------------------------------------------------- */

/* Append one line to a growing text; 0 or -1 when out of memory. */
static int append_line(char **text, size_t *len, const char *line) {
    size_t n = strlen(line);
    char *grown = realloc(*text, *len + n + 2);

    if (!grown)
        return -1;
    memcpy(grown + *len, line, n);
    grown[*len + n] = '\n';
    grown[*len + n + 1] = '\0';
    *text = grown;
    *len += n + 1;
    return 0;
}

/* After a failed step: 1 with the reason appended when the file is damaged
 * (SQLITE_CORRUPT, SQLITE_NOTADB), else 0. */
static int damaged(store *s, const char *check, char **text, size_t *len) {
    int code = sqlite3_errcode(s->db) & 0xff; /* extended codes are on */
    char line[512];

    if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB)
        return 0;
    snprintf(line, sizeof(line), "%s: %s", check, sqlite3_errmsg(s->db));
    return append_line(text, len, line) == 0;
}

/* How many problems of each check are listed; SQLite finds more at most. */
#define CHECK_MAX_LINES 100

int store_integrity_check(store *s, char **problems) {
    sqlite3_stmt *st = NULL;
    char *text = NULL, line[512];
    size_t len = 0;
    int rc = STORE_OK, step, lines = 0;

    /* integrity_check: one row "ok", or one row per problem */
    if ((rc = prepare(s, "PRAGMA integrity_check(100)", &st)) != STORE_OK)
        return rc;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *r = (const char *)sqlite3_column_text(st, 0);
        if (r && strcmp(r, "ok") == 0)
            continue;
        snprintf(line, sizeof(line), "integrity_check: %s", r ? r : "(null)");
        if (append_line(&text, &len, line)) {
            rc = fail(s, "out of memory");
            goto out;
        }
    }
    /* SQLite ends the list of a damaged file with SQLITE_CORRUPT: that is
     * one more thing wrong, not a failure of the check */
    if (step != SQLITE_DONE && !damaged(s, "integrity_check", &text, &len)) {
        rc = fail_db(s, "integrity_check");
        goto out;
    }
    sqlite3_finalize(st);
    st = NULL;

    /* foreign_key_check: table, rowid, parent table, constraint index */
    if ((rc = prepare(s, "PRAGMA foreign_key_check", &st)) != STORE_OK)
        goto out;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (++lines > CHECK_MAX_LINES)
            continue; /* count them all, list the first ones */
        const char *table = (const char *)sqlite3_column_text(st, 0);
        const char *parent = (const char *)sqlite3_column_text(st, 2);
        if (sqlite3_column_int64(st, 1) <= 0) /* a WITHOUT ROWID table: no rowid */
            snprintf(line, sizeof(line),
                     "foreign_key_check: a row of %s refers to a missing row of %s",
                     table ? table : "?", parent ? parent : "?");
        else
            snprintf(
                line, sizeof(line), "foreign_key_check: %s row %lld refers to a missing row of %s",
                table ? table : "?", (long long)sqlite3_column_int64(st, 1), parent ? parent : "?");
        if (append_line(&text, &len, line)) {
            rc = fail(s, "out of memory");
            goto out;
        }
    }
    if (step != SQLITE_DONE && !damaged(s, "foreign_key_check", &text, &len)) {
        rc = fail_db(s, "foreign_key_check");
        goto out;
    }
    if (lines > CHECK_MAX_LINES) {
        snprintf(line, sizeof(line), "foreign_key_check: %d more rows like these",
                 lines - CHECK_MAX_LINES);
        if (append_line(&text, &len, line)) {
            rc = fail(s, "out of memory");
            goto out;
        }
    }
    *problems = text;
    text = NULL;
out:
    sqlite3_finalize(st);
    free(text);
    return rc;
}

/*
 * The schema a database of this version must hold: every migration run on
 * an empty in-memory database.  Compared object by object with the file's,
 * so that nothing here lists names a migration could change.
 */
static int reference_schema(sqlite3 **out) {
    sqlite3 *ref = NULL;

    if (sqlite3_open_v2(":memory:", &ref, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        sqlite3_close(ref);
        return -1;
    }
    for (int i = 0; i < N_MIGRATIONS; i++)
        if (sqlite3_exec(ref, migrations[i], NULL, NULL, NULL) != SQLITE_OK) {
            sqlite3_close(ref);
            return -1;
        }
    *out = ref;
    return 0;
}

/* Does the database hold a table of this name? */
static int table_exists(store *s, const char *name) {
    sqlite3_stmt *st = NULL;
    int yes = 0;
    if (name && prepare(s, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", &st) ==
                    STORE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
        yes = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return yes;
}

/* The full-text index and its shadow tables: rebuilt from the food table. */
static int is_fts_object(const char *name) { return strncmp(name, "food_fts", 8) == 0; }

int store_schema_check(store *s, int repair, char **problems, char **repaired) {
    sqlite3 *ref = NULL;
    sqlite3_stmt *list = NULL, *have = NULL;
    char *text = NULL, *fixed = NULL, line[512];
    size_t len = 0, fixed_len = 0;
    int rc = STORE_ERROR, fts_broken = 0, step;
    sqlite3_int64 foods = 0, indexed = 0;

    *problems = NULL;
    *repaired = NULL;
    if (reference_schema(&ref) != 0)
        return fail(s, "schema check: cannot build the reference schema");
    if (sqlite3_prepare_v2(ref,
                           "SELECT type, name, sql, tbl_name FROM sqlite_master"
                           " WHERE name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY rowid",
                           -1, &list, NULL) != SQLITE_OK ||
        prepare(s, "SELECT count(*) FROM sqlite_master WHERE type = ?1 AND name = ?2", &have) !=
            STORE_OK) {
        fail(s, "schema check: %s", sqlite3_errmsg(ref));
        goto out;
    }
    if (repair && exec(s, "BEGIN IMMEDIATE") != STORE_OK)
        goto out;
    while ((step = sqlite3_step(list)) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(list, 0);
        const char *name = (const char *)sqlite3_column_text(list, 1);
        const char *sql = (const char *)sqlite3_column_text(list, 2);
        const char *table = (const char *)sqlite3_column_text(list, 3);
        int fixable;
        sqlite3_reset(have);
        sqlite3_bind_text(have, 1, type, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(have, 2, name, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(have) != SQLITE_ROW) {
            fail_db(s, "schema check");
            goto undo;
        }
        if (sqlite3_column_int64(have, 0) > 0)
            continue;
        if (is_fts_object(name)) {
            fts_broken = 1;
            snprintf(line, sizeof(line), "schema: %s %s of the full-text index is missing%s", type,
                     name, repair ? "" : " (dietbal check --repair rebuilds the index)");
        } else if ((strcmp(type, "index") == 0 || strcmp(type, "trigger") == 0) &&
                   table_exists(s, table)) {
            if (repair && sql && exec(s, sql) != STORE_OK)
                goto undo;
            snprintf(line, sizeof(line), "schema: %s %s is missing%s", type, name,
                     repair ? "" : " (dietbal check --repair makes it again)");
        } else {
            snprintf(line, sizeof(line),
                     "schema: %s %s is missing (it held data: restore a backup)", type, name);
        }
        fixable = !strstr(line, "restore");
        if (repair && fixable) {
            if (append_line(&fixed, &fixed_len, line))
                goto oom;
        } else if (append_line(&text, &len, line)) {
            goto oom;
        }
    }
    if (step != SQLITE_DONE) {
        fail(s, "schema check: %s", sqlite3_errmsg(ref));
        goto undo;
    }
    /* the index holds one row a food (a damaged or stale one does not) */
    if (!fts_broken && table_exists(s, "food") && table_exists(s, "food_fts_docsize")) {
        sqlite3_stmt *st = NULL;
        if (prepare(s,
                    "SELECT (SELECT count(*) FROM food), (SELECT count(*) FROM food_fts_docsize)",
                    &st) != STORE_OK)
            goto undo;
        if (sqlite3_step(st) == SQLITE_ROW) {
            foods = sqlite3_column_int64(st, 0);
            indexed = sqlite3_column_int64(st, 1);
        }
        sqlite3_finalize(st);
        if (foods != indexed) {
            fts_broken = 1;
            snprintf(line, sizeof(line),
                     "schema: the full-text index holds %lld foods, the food table %lld%s",
                     (long long)indexed, (long long)foods,
                     repair ? "" : " (dietbal check --repair rebuilds the index)");
            if (repair ? append_line(&fixed, &fixed_len, line) : append_line(&text, &len, line))
                goto oom;
        }
    }
    sqlite3_reset(have); /* no statement may be running while a table is dropped */
    if (repair && fts_broken) {
        /* the index is derived from the food table: dropped, made again
         * from the reference schema, refilled; user data is not touched */
        char *sql = NULL, drop[128];
        sqlite3_stmt *st = NULL;
        int whole = table_exists(s, "food_fts"), ok = 1;
        /* its shadow tables: made again where missing so that the index
         * can be dropped whole, or dropped where the index is gone */
        if (sqlite3_prepare_v2(ref,
                               "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                               " AND name LIKE 'food!_fts!_%' ESCAPE '!'",
                               -1, &st, NULL) != SQLITE_OK)
            ok = 0;
        while (ok && sqlite3_step(st) == SQLITE_ROW) {
            const char *shadow = (const char *)sqlite3_column_text(st, 0);
            snprintf(drop, sizeof(drop), "DROP TABLE IF EXISTS \"%s\"", shadow);
            if (whole ? !table_exists(s, shadow) &&
                            exec(s, (const char *)sqlite3_column_text(st, 1)) != STORE_OK
                      : exec(s, drop) != STORE_OK)
                ok = 0;
        }
        sqlite3_finalize(st);
        st = NULL;
        if (ok &&
            sqlite3_prepare_v2(ref, "SELECT sql FROM sqlite_master WHERE name = 'food_fts'", -1,
                               &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            sql = strdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        ok = ok && sql && exec(s, "DROP TABLE IF EXISTS food_fts") == STORE_OK &&
             exec(s, sql) == STORE_OK &&
             exec(s, "INSERT INTO food_fts(food_fts) VALUES ('rebuild')") == STORE_OK;
        free(sql);
        if (!ok)
            goto undo;
    }
    if (repair && exec(s, "COMMIT") != STORE_OK)
        goto undo;
    *problems = text;
    *repaired = fixed;
    text = fixed = NULL;
    rc = STORE_OK;
    goto out;
oom:
    fail(s, "out of memory");
undo:
    if (repair)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
out:
    sqlite3_finalize(list);
    sqlite3_finalize(have);
    sqlite3_close(ref);
    free(text);
    free(fixed);
    return rc;
}

/*
 * The copy is made in a new file beside the target (mkstemp: 0600), by
 * SQLite's online backup in one step: one read transaction on the source,
 * so the copy is one consistent state of it even while other processes
 * write (WAL lets them).  The copy is switched to a rollback journal, so
 * that it is one self-contained file, synced, and only then put in place:
 * link() where the target must not exist (fails if it appeared
 * meanwhile), rename() over it with overwrite.  A failure leaves no file.
 */
/* The copy failed: "FILE: why", and a full disk said plainly. */
static void backup_fail(store *s, const char *given, sqlite3 *dest) {
    int code = sqlite3_extended_errcode(dest) & 0xff;
    s->code = code;
    if (code == SQLITE_FULL)
        fail(s, "%s: the disk is full (nothing was written)", given);
    else
        fail(s, "%s: %s", given, sqlite3_errmsg(dest));
}

int store_backup(store *s, const char *given, int overwrite) {
    const char *live = sqlite3_db_filename(s->db, "main");
    size_t n;
    char *tmp = NULL, *path = NULL, err[1024];
    sqlite3 *dest = NULL;
    sqlite3_backup *b = NULL;
    enum fileout_kind kind;
    int rc = STORE_ERROR, fd = -1, made = 0, src, check;

    if (!live || !*live)
        return fail(s, "an in-memory database has no file to back up");
    /* the checks of every file dietbal writes (fileout.c): never the
     * database or its files, however named */
    check = fileout_check(given, live, overwrite, &kind, &path, err, sizeof(err));
    if (check != FILEOUT_OK) {
        fail(s, "%s", err);
        return check == FILEOUT_EINPUT ? STORE_EINPUT : STORE_ERROR;
    }
    if (kind != FILEOUT_REPLACE) {
        free(path);
        fail(s, "%s: not a regular file (a backup is a database file: give a file name)", given);
        return STORE_EINPUT;
    }
    /* the copy holds the WAL's pages; the WAL is emptied while at it */
    sqlite3_wal_checkpoint_v2(s->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    n = strlen(path);

    if (!(tmp = malloc(n + sizeof(".tmp-XXXXXX"))))
        return fail(s, "out of memory");
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp-XXXXXX", sizeof(".tmp-XXXXXX"));
    if ((fd = mkstemp(tmp)) < 0) {
        fail(s, "%s: %s", path, strerror(errno));
        goto out;
    }
    made = 1;
    fchmod(fd, 0600); /* mkstemp makes it 0600; say so whatever the libc */
    close(fd);
    fd = -1;

    if (sqlite3_open_v2(tmp, &dest, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        fail(s, "%s: %s", tmp, dest ? sqlite3_errmsg(dest) : "out of memory");
        goto out;
    }
    sqlite3_busy_timeout(dest, BUSY_TIMEOUT_MS);
    if (!(b = sqlite3_backup_init(dest, "main", s->db, "main"))) {
        backup_fail(s, given, dest);
        goto out;
    }
    /* -1: every page in one step; BUSY or LOCKED only while the source
     * is being recovered or checkpointed: wait and go on */
    long long start = now_ms();
    while ((src = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || src == SQLITE_LOCKED) {
        if (now_ms() - start > BUSY_TIMEOUT_MS)
            break;
        sqlite3_sleep(20);
    }
    if (sqlite3_backup_finish(b) != SQLITE_OK || src != SQLITE_DONE) {
        b = NULL;
        backup_fail(s, given, dest);
        goto out;
    }
    b = NULL;
    if (sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
        backup_fail(s, given, dest);
        goto out;
    }
    if (sqlite3_close(dest) != SQLITE_OK) {
        backup_fail(s, given, dest);
        goto out;
    }
    dest = NULL;
    if ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) < 0 || fsync(fd) != 0) {
        fail(s, "%s: %s", tmp, strerror(errno));
        goto out;
    }
    if (overwrite ? rename(tmp, path) != 0 : link(tmp, path) != 0) {
        int e = errno;
        fail(s, "%s: %s", path, e == EEXIST ? "exists (--force replaces it)" : strerror(e));
        rc = e == EEXIST ? STORE_EINPUT : STORE_ERROR;
        goto out;
    }
    if (!overwrite)
        unlink(tmp);
    made = 0;
    rc = STORE_OK;
    /* the new name lasts a power cut only once its directory is synced */
    close(fd);
    fd = -1;
    {
        char *slash = strrchr(path, '/');
        if (slash) {
            *slash = '\0';
            fd = open(*path ? path : "/", O_RDONLY | O_CLOEXEC);
            if (fd >= 0 && fsync(fd) != 0 && errno != EINVAL)
                rc = fail(s, "%s: sync: %s", given, strerror(errno));
        }
    }
out:
    if (fd >= 0)
        close(fd);
    if (b)
        sqlite3_backup_finish(b);
    sqlite3_close(dest);
    if (made)
        unlink(tmp);
    free(tmp);
    free(path);
    return rc;
}

/* --- foods ----------------------------------------------------------------- */

/* FNV-1a, 64 bit, over everything a food holds: an unchanged food is
 * recognised on re-import without reading its rows back. */
static void hash_bytes(uint64_t *h, const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        *h ^= b[i];
        *h *= 0x100000001b3ULL;
    }
}

static void hash_str(uint64_t *h, const char *s) {
    if (s)
        hash_bytes(h, s, strlen(s) + 1);
    else
        hash_bytes(h, "\xff", 1);
}

static sqlite3_int64 food_hash(const struct food *f) {
    uint64_t h = 0xcbf29ce484222325ULL;
    hash_str(&h, f->name);
    hash_str(&h, f->group);
    for (size_t i = 0; i < f->n_portions; i++) {
        hash_str(&h, f->portions[i].name);
        hash_bytes(&h, &f->portions[i].amount, sizeof(double));
        hash_bytes(&h, &f->portions[i].grams, sizeof(double));
    }
    for (size_t k = 0; k < nutrients_count(); k++) {
        if (isnan(f->values[k]))
            continue;
        hash_bytes(&h, &k, sizeof(k));
        hash_bytes(&h, &f->values[k], sizeof(double));
    }
    /* only foods with aliases hash them: every other food keeps the hash
     * it had before aliases existed, so a re-import changes nothing */
    if (f->n_aliases)
        hash_bytes(&h,
                   "\x01"
                   "aliases",
                   9); /* "\x01a..." would read as '\x1a' */
    for (size_t i = 0; i < f->n_aliases; i++) {
        hash_str(&h, f->aliases[i].name);
        hash_str(&h, f->aliases[i].lang);
    }
    /* likewise the spreads: only a food with one hashes them */
    for (size_t k = 0, marked = 0; k < nutrients_count(); k++) {
        if (isnan(f->spread[k]) || isnan(f->values[k]))
            continue;
        if (!marked++)
            hash_bytes(&h,
                       "\x02"
                       "spread",
                       7);
        hash_bytes(&h, &k, sizeof(k));
        hash_bytes(&h, &f->spread[k], sizeof(double));
    }
    return (sqlite3_int64)(h & 0x7fffffffffffffffULL);
}

/*
 * The statement that inserts n value rows of one food: (?1, ?2, ?3),
 * (?1, ?4, ?5), ...  A food has ~47 values; one statement per row spent
 * more on running statements (cursors opened and closed, foreign keys
 * looked up, the statement ended) than on the rows themselves.
 */
static sqlite3_stmt *values_stmt(store *s, size_t n) {
    sqlite3_stmt **st = &s->values_st[n - 1];

    if (!*st) {
        static const char head[] = "INSERT INTO food_value(food, nutrient, value, spread) VALUES ";
        size_t len = sizeof(head) + n * 40;
        char *sql = malloc(len), *w;
        int rc;

        if (!sql) {
            fail(s, "out of memory");
            return NULL;
        }
        w = sql + snprintf(sql, len, "%s", head);
        for (size_t i = 0; i < n; i++)
            w += snprintf(w, len - (size_t)(w - sql), "%s(?1, ?%zu, ?%zu, ?%zu)", i ? ", " : "",
                          3 * i + 2, 3 * i + 3, 3 * i + 4);
        rc = prepare(s, sql, st);
        free(sql);
        if (rc != STORE_OK)
            return NULL;
    }
    sqlite3_reset(*st);
    return *st;
}

/* Every known value of f, VALUES_BATCH rows to a statement. */
static int values_insert(store *s, sqlite3_int64 rowid, const struct food *f) {
    size_t count = nutrients_count(), k = 0;

    while (k < count) {
        int nutrient[VALUES_BATCH];
        size_t n = 0;
        for (; k < count && n < VALUES_BATCH; k++)
            if (!isnan(f->values[k]))
                nutrient[n++] = (int)k;
        if (n == 0)
            break;
        sqlite3_stmt *st = values_stmt(s, n);
        if (!st)
            return STORE_ERROR;
        sqlite3_bind_int64(st, 1, rowid);
        for (size_t i = 0; i < n; i++) {
            double sp = f->spread[nutrient[i]];
            sqlite3_bind_int(st, (int)(3 * i + 2), nutrient[i]);
            sqlite3_bind_double(st, (int)(3 * i + 3), f->values[nutrient[i]]);
            if (isnan(sp))
                sqlite3_bind_null(st, (int)(3 * i + 4));
            else
                sqlite3_bind_double(st, (int)(3 * i + 4), sp);
        }
        if (step_done(s, st, "insert values") != STORE_OK)
            return STORE_ERROR;
    }
    return STORE_OK;
}

/* The aliases of f as one text for the full-text index ("courgette;
 * zucchini"), or NULL when it has none; *buf is the caller's to free. */
static const char *alias_text(const struct food *f, char **buf) {
    size_t len = 1;
    *buf = NULL;
    if (!f->n_aliases)
        return NULL;
    for (size_t i = 0; i < f->n_aliases; i++)
        len += strlen(f->aliases[i].name) + 2;
    if (!(*buf = malloc(len)))
        return NULL;
    (*buf)[0] = '\0';
    for (size_t i = 0, o = 0; i < f->n_aliases; i++)
        o += (size_t)sprintf(*buf + o, "%s%s", i ? "; " : "", f->aliases[i].name);
    return *buf;
}

static int aliases_insert(store *s, sqlite3_int64 rowid, const struct food *f) {
    for (size_t i = 0; i < f->n_aliases; i++) {
        sqlite3_stmt *st = cached(s, ST_ALIAS_INSERT);
        if (!st)
            return STORE_ERROR;
        sqlite3_bind_int64(st, 1, rowid);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_text(st, 3, f->aliases[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, f->aliases[i].lang, -1, SQLITE_STATIC);
        if (step_done(s, st, "insert alias") != STORE_OK)
            return STORE_ERROR;
    }
    return STORE_OK;
}

/* Is id a supplement's?  Asked only for ids in the supp: namespace, so
 * that an import of ordinary foods pays nothing for it. */
static int supplement_holds(store *s, const char *id, int *held);

int store_food_upsert(store *s, const struct food *f, int *added) {
    sqlite3_stmt *st;
    sqlite3_int64 rowid = 0, hash = food_hash(f);
    int found = 0, held = 0, rc = STORE_ERROR;
    char *abuf = NULL;
    const char *aliases;

    if (supplement_is_id(f->id)) {
        if (supplement_holds(s, f->id, &held) != STORE_OK)
            return STORE_ERROR;
        if (held) {
            fail(s, "%s is a supplement; a food cannot take a supplement's id", f->id);
            return STORE_CONFLICT;
        }
    }
    aliases = alias_text(f, &abuf);
    if (f->n_aliases && !aliases)
        return fail(s, "out of memory");

    if (!(st = cached(s, ST_FOOD_FIND)))
        goto out;
    sqlite3_bind_text(st, 1, f->id, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        rowid = sqlite3_column_int64(st, 0);
        found = sqlite3_column_int64(st, 1) == hash ? 2 : 1;
    }
    sqlite3_reset(st);

    if (found == 2) {
        if (added)
            *added = STORE_FOOD_UNCHANGED;
        rc = STORE_OK;
        goto out;
    }
    /* outside an import (which dropped them at its start) */
    if (!s->fk_off && suggestions_drop(s) != STORE_OK)
        goto out;
    if (found) {
        if (s->importing) {
            if (!(st = cached(s, ST_FTS_STALE)))
                goto out;
            sqlite3_bind_int64(st, 1, rowid);
            sqlite3_bind_int64(st, 2, s->fts_from);
            if (step_done(s, st, "update food") != STORE_OK)
                goto out;
        }
        if (!(st = cached(s, ST_FOOD_UPDATE)))
            goto out;
        sqlite3_bind_int64(st, 1, rowid);
        sqlite3_bind_text(st, 2, f->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, f->group, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, hash);
        sqlite3_bind_text(st, 5, aliases, -1, SQLITE_STATIC);
        if (step_done(s, st, "update food") != STORE_OK)
            goto out;
        if (!(st = cached(s, ST_PORTIONS_DELETE)))
            goto out;
        sqlite3_bind_int64(st, 1, rowid);
        if (step_done(s, st, "update portions") != STORE_OK)
            goto out;
        if (!(st = cached(s, ST_VALUES_DELETE)))
            goto out;
        sqlite3_bind_int64(st, 1, rowid);
        if (step_done(s, st, "update values") != STORE_OK)
            goto out;
        if (!(st = cached(s, ST_ALIASES_DELETE)))
            goto out;
        sqlite3_bind_int64(st, 1, rowid);
        if (step_done(s, st, "update aliases") != STORE_OK)
            goto out;
    } else {
        if (!(st = cached(s, ST_FOOD_INSERT)))
            goto out;
        sqlite3_bind_text(st, 1, f->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, f->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, f->group, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, hash);
        sqlite3_bind_text(st, 5, aliases, -1, SQLITE_STATIC);
        if (step_done(s, st, "insert food") != STORE_OK)
            goto out;
        rowid = sqlite3_last_insert_rowid(s->db);
    }

    for (size_t i = 0; i < f->n_portions; i++) {
        if (!(st = cached(s, ST_PORTION_INSERT)))
            goto out;
        sqlite3_bind_int64(st, 1, rowid);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_text(st, 3, f->portions[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 4, f->portions[i].amount);
        sqlite3_bind_double(st, 5, f->portions[i].grams);
        if (step_done(s, st, "insert portion") != STORE_OK)
            goto out;
    }
    if (values_insert(s, rowid, f) != STORE_OK || aliases_insert(s, rowid, f) != STORE_OK)
        goto out;
    if (added)
        *added = found ? STORE_FOOD_UPDATED : STORE_FOOD_ADDED;
    rc = STORE_OK;
out:
    free(abuf);
    return rc;
}

static char *column_strdup(sqlite3_stmt *st, int col) {
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? strdup((const char *)t) : NULL;
}

/* Load a food's values into f: every one (which == NULL), or those of the
 * n nutrients of which. */
static int food_values_load(store *s, sqlite3_int64 rowid, const int *which, size_t n,
                            struct food *f) {
    sqlite3_stmt *st;
    int step;

    if (which) {
        if (!(st = cached(s, ST_FOOD_GET_VALUE)))
            return STORE_ERROR;
        for (size_t i = 0; i < n; i++) {
            if (which[i] < 0 || (size_t)which[i] >= nutrients_count())
                continue;
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, rowid);
            sqlite3_bind_int(st, 2, which[i]);
            step = sqlite3_step(st);
            if (step == SQLITE_ROW)
                f->values[which[i]] = sqlite3_column_double(st, 0);
            else if (step != SQLITE_DONE)
                return fail_db(s, "values");
        }
        sqlite3_reset(st);
        return STORE_OK;
    }
    if (!(st = cached(s, ST_FOOD_GET_VALUES)))
        return STORE_ERROR;
    sqlite3_bind_int64(st, 1, rowid);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int k = sqlite3_column_int(st, 0);
        if (k >= 0 && (size_t)k < nutrients_count()) {
            f->values[k] = sqlite3_column_double(st, 1);
            if (sqlite3_column_type(st, 2) != SQLITE_NULL)
                f->spread[k] = sqlite3_column_double(st, 2);
        }
    }
    sqlite3_reset(st);
    return step == SQLITE_DONE ? STORE_OK : fail_db(s, "values");
}

static int food_aliases_load(store *s, sqlite3_int64 rowid, struct food *f) {
    sqlite3_stmt *st = cached(s, ST_FOOD_GET_ALIASES);
    int step;
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int64(st, 1, rowid);
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if (food_add_alias(f, (const char *)sqlite3_column_text(st, 0),
                           (const char *)sqlite3_column_text(st, 1)) != 0) {
            sqlite3_reset(st);
            return fail(s, "out of memory");
        }
    sqlite3_reset(st);
    return step == SQLITE_DONE ? STORE_OK : fail_db(s, "aliases");
}

static int food_load(store *s, const char *id, const int *which, size_t n, struct food **out) {
    sqlite3_stmt *st;
    struct food *f = NULL;
    sqlite3_int64 rowid;
    int rc = STORE_ERROR, step;

    if (!(st = cached(s, ST_FOOD_GET)))
        return STORE_ERROR;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    step = sqlite3_step(st);
    if (step == SQLITE_DONE) {
        fail(s, "no food with id '%s'", id);
        rc = STORE_NOTFOUND;
        goto out;
    }
    if (step != SQLITE_ROW) {
        fail_db(s, "food");
        goto out;
    }
    if (!(f = food_new()))
        goto oom;
    rowid = sqlite3_column_int64(st, 0);
    f->id = column_strdup(st, 1);
    f->name = column_strdup(st, 2);
    f->group = column_strdup(st, 3);
    f->measured = sqlite3_column_int(st, 4);
    if (!f->id || !f->name)
        goto oom;
    sqlite3_reset(st);

    if (!(st = cached(s, ST_FOOD_GET_PORTIONS)))
        goto out;
    sqlite3_bind_int64(st, 1, rowid);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (food_add_portion(f, (const char *)sqlite3_column_text(st, 0),
                             sqlite3_column_double(st, 1), sqlite3_column_double(st, 2)) != 0)
            goto oom;
    }
    if (step != SQLITE_DONE) {
        fail_db(s, "portions");
        goto out;
    }
    sqlite3_reset(st);
    st = NULL;
    if (!which && (rc = food_aliases_load(s, rowid, f)) != STORE_OK)
        goto out;
    if ((rc = food_values_load(s, rowid, which, n, f)) != STORE_OK)
        goto out;
    *out = f;
    f = NULL;
    goto out;
oom:
    fail(s, "out of memory");
out:
    /* a kept statement left stepping would hold the read transaction */
    if (st)
        sqlite3_reset(st);
    food_free(f);
    return rc;
}

int store_food_get(store *s, const char *id, struct food **out) {
    return food_load(s, id, NULL, 0, out);
}

int store_food_get_some(store *s, const char *id, const int *nutrients, size_t n,
                        struct food **out) {
    return food_load(s, id, nutrients, n, out);
}

int store_food_any(store *s, int *any) {
    sqlite3_stmt *st = NULL;
    int rc = STORE_ERROR;
    if (prepare(s, "SELECT EXISTS (SELECT 1 FROM food)", &st) != STORE_OK)
        return STORE_ERROR;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *any = sqlite3_column_int(st, 0);
        rc = STORE_OK;
    } else {
        fail_db(s, "count foods");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_food_count(store *s, long *out) {
    sqlite3_stmt *st = NULL;
    int rc = STORE_ERROR;
    if (prepare(s, "SELECT count(*) FROM food", &st) != STORE_OK)
        return STORE_ERROR;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *out = (long)sqlite3_column_int64(st, 0);
        rc = STORE_OK;
    } else {
        fail_db(s, "count foods");
    }
    sqlite3_finalize(st);
    return rc;
}

/* Words that tie a name together but never pick a food. */
static int stopword(const char *w, size_t n) {
    static const char *const stop[] = {"of", "the", "a",   "an", "and", "with", "in",
                                       "on", "or",  "for", "to", "my",  "some"};
    for (size_t i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
        if (strlen(stop[i]) == n && memcmp(w, stop[i], n) == 0)
            return 1;
    return 0;
}

static int all_digits(const char *w, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (w[i] < '0' || w[i] > '9')
            return 0;
    return 1;
}

/*
 * Build an FTS5 query from free text: the words normalised (words.h), every
 * one required.  A word matches as a prefix ("egg" finds "eggs"), a number
 * only as itself ("2" of "2% milk" is not "25"), and a word whose stem ends
 * in y also as -ie ("berry" finds "berries", "cooky" finds "cookies").
 * Only letters, digits and UTF-8 pass into the query, each term quoted, so
 * no FTS5 syntax can be injected.  NULL when no word is left.
 */
static char *fts_query(const char *text) {
    char norm[WORDS_MAX];
    size_t len = words_normalise(text, norm, sizeof(norm));
    /* at most 4.5 bytes of query a byte of text: "b " -> "b"* AND, "berry " -> (...) AND */
    char *q = malloc(len * 6 + 64), *w = q;

    if (!q)
        return NULL;
    for (const char *p = norm; *p;) {
        size_t n = strcspn(p, " ");
        if (!stopword(p, n)) {
            if (w != q)
                w += sprintf(w, " AND ");
            if (all_digits(p, n))
                w += sprintf(w, "\"%.*s\"", (int)n, p);
            else if (n >= 4 && p[n - 1] == 'y')
                w += sprintf(w, "(\"%.*si\"* OR \"%.*s\"*)", (int)n - 1, p, (int)n, p);
            else
                w += sprintf(w, "\"%.*s\"*", (int)n, p);
        }
        p += n;
        while (*p == ' ')
            p++;
    }
    *w = '\0';
    if (w == q) {
        free(q);
        return NULL;
    }
    return q;
}

static double column_value(sqlite3_stmt *st, int col) {
    return sqlite3_column_type(st, col) == SQLITE_NULL ? NAN : sqlite3_column_double(st, col);
}

/* Run a statement whose columns are id, name, grp, score, core values. */
static int collect_hits(store *s, sqlite3_stmt *st, size_t limit, struct food_hit **hits,
                        size_t *n) {
    struct food_hit *h = NULL;
    size_t count = 0;
    int step;

    if (limit && !(h = calloc(limit, sizeof(*h))))
        return fail(s, "out of memory");
    while (count < limit && (step = sqlite3_step(st)) == SQLITE_ROW) {
        struct food_hit *x = &h[count++];
        x->id = column_strdup(st, 0);
        x->name = column_strdup(st, 1);
        x->group = column_strdup(st, 2);
        x->score = sqlite3_column_double(st, 3);
        for (int k = 0; k < NUT_CORE_COUNT; k++)
            x->per100[k] = column_value(st, 4 + k);
        if (!x->id || !x->name) {
            store_food_hits_free(h, count);
            return fail(s, "out of memory");
        }
    }
    if (count < limit && step != SQLITE_DONE) {
        store_food_hits_free(h, count);
        return fail_db(s, "search");
    }
    if (count == 0) {
        /* no hit: nothing for the caller to free (n == 0 tells callers
         * there is nothing to look at, and some do not free then) */
        free(h);
        h = NULL;
    }
    *hits = h;
    *n = count;
    return STORE_OK;
}

int store_food_search(store *s, const char *text, size_t limit, struct food_hit **hits, size_t *n) {
    sqlite3_stmt *st;
    char *q = fts_query(text);
    int rc = STORE_ERROR;

    if (!q) {
        *hits = NULL;
        *n = 0;
        return STORE_OK;
    }
    if ((st = cached(s, ST_FOOD_SEARCH))) {
        sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
        rc = collect_hits(s, st, limit, hits, n);
        sqlite3_reset(st); /* ends its read before q is freed */
    }
    free(q);
    return rc;
}

int store_food_match_count(store *s, const char *text, long *out) {
    sqlite3_stmt *st;
    char *q = fts_query(text);
    int rc = STORE_ERROR;

    if (!q) {
        *out = 0;
        return STORE_OK;
    }
    if ((st = cached(s, ST_FOOD_MATCH_COUNT))) {
        sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, STORE_MATCH_COUNT_MAX);
        rc = STORE_OK;
        if (sqlite3_step(st) == SQLITE_ROW)
            *out = (long)sqlite3_column_int64(st, 0);
        else
            rc = fail_db(s, "search");
        sqlite3_reset(st);
    }
    free(q);
    return rc;
}

/* --- remembered choices ---------------------------------------------------- */

int store_choice_get(store *s, const char *query, char **food_id) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT f.id FROM choice c JOIN food f ON f.rowid = c.food"
                     " WHERE c.query = ?1",
                     &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    switch (sqlite3_step(st)) {
    case SQLITE_ROW:
        if (!(*food_id = column_strdup(st, 0)))
            rc = fail(s, "out of memory");
        break;
    case SQLITE_DONE:
        rc = STORE_NOTFOUND;
        break;
    default:
        rc = fail_db(s, "choice");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_choice_put(store *s, const char *query, const char *food_id) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "INSERT INTO choice(query, food) SELECT ?1, rowid FROM food WHERE id = ?2"
                     " ON CONFLICT(query) DO UPDATE SET food = excluded.food,"
                     "   created = excluded.created",
                     &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, food_id, -1, SQLITE_STATIC);
    rc = step_done(s, st, "remember the choice");
    if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
        rc = fail(s, "no food with id '%s'", food_id);
    sqlite3_finalize(st);
    return rc;
}

int store_choice_forget(store *s, const char *query, int *removed) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "DELETE FROM choice WHERE query = ?1", &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    rc = step_done(s, st, "forget the choice");
    if (rc == STORE_OK)
        *removed = sqlite3_changes(s->db);
    sqlite3_finalize(st);
    return rc;
}

int store_foods_core_each(store *s, int (*fn)(const struct food_hit *, void *), void *ctx) {
    sqlite3_stmt *st = NULL;
    int rc, step = SQLITE_DONE, stop = 0;

    rc = prepare(s,
                 "SELECT f.id, f.name, f.grp, " CORE_VALUES_SQL(
                     "f") " FROM food f WHERE EXISTS (SELECT 1 FROM food_value e"
                          "   WHERE e.food = f.rowid AND e.nutrient = 0)"
                          " ORDER BY f.rowid",
                 &st);
    while (rc == STORE_OK && !stop && (step = sqlite3_step(st)) == SQLITE_ROW) {
        /* the row's own text, valid until the next step */
        struct food_hit h = {
            .id = (char *)sqlite3_column_text(st, 0),
            .name = (char *)sqlite3_column_text(st, 1),
            .group = (char *)sqlite3_column_text(st, 2),
        };
        if (!h.id || !h.name) {
            rc = fail(s, "out of memory");
            break;
        }
        for (int k = 0; k < NUT_CORE_COUNT; k++)
            h.per100[k] = column_value(st, 3 + k);
        stop = fn(&h, ctx);
    }
    if (rc == STORE_OK && !stop && step != SQLITE_DONE)
        rc = fail_db(s, "foods");
    sqlite3_finalize(st);
    return rc;
}

void store_food_hits_free(struct food_hit *hits, size_t n) {
    if (!hits)
        return;
    for (size_t i = 0; i < n; i++) {
        free(hits[i].id);
        free(hits[i].name);
        free(hits[i].group);
    }
    free(hits);
}

/* --- suggestion lists ------------------------------------------------------ */

int store_suggestions_get(store *s, int nutrient, int64_t rules, size_t limit,
                          struct stored_suggestion **out, size_t *n) {
    sqlite3_stmt *st = NULL;
    struct stored_suggestion *list = NULL;
    size_t count = 0, want;
    sqlite3_int64 asked = 0, held = 0;
    int rc, step, found = 0;

    *out = NULL;
    *n = 0;
    rc = prepare(s,
                 "SELECT l.asked, (SELECT count(*) FROM suggestion x WHERE x.nutrient = l.nutrient)"
                 " FROM suggestion_list l WHERE l.nutrient = ?1 AND l.rules = ?2",
                 &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_int(st, 1, nutrient);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)rules);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        found = 1;
        asked = sqlite3_column_int64(st, 0);
        held = sqlite3_column_int64(st, 1);
    } else if (step != SQLITE_DONE) {
        rc = fail_db(s, "suggestions");
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != STORE_OK)
        return rc;
    /* No list made by these rules, or a full one that is shorter than
     * asked (more foods may follow): the caller ranks the table itself. */
    if (!found || ((sqlite3_int64)limit > held && held >= asked))
        return STORE_NOTFOUND;
    want = (sqlite3_int64)limit < held ? limit : (size_t)held;
    if (want == 0)
        return STORE_OK;
    if (!(list = calloc(want, sizeof(*list))))
        return fail(s, "out of memory");
    rc = prepare(s,
                 "SELECT f.id, f.name, f.grp, x.score, " CORE_VALUES_SQL(
                     "f") ", x.portion, x.grams FROM suggestion x JOIN food f ON f.rowid = x.food"
                          " WHERE x.nutrient = ?1 ORDER BY x.rank LIMIT ?2",
                 &st);
    if (rc == STORE_OK) {
        sqlite3_bind_int(st, 1, nutrient);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)want);
    }
    while (rc == STORE_OK && (step = sqlite3_step(st)) == SQLITE_ROW && count < want) {
        struct stored_suggestion *x = &list[count++];
        x->food.id = column_strdup(st, 0);
        x->food.name = column_strdup(st, 1);
        x->food.group = column_strdup(st, 2);
        x->food.score = sqlite3_column_double(st, 3);
        for (int k = 0; k < NUT_CORE_COUNT; k++)
            x->food.per100[k] = column_value(st, 4 + k);
        x->portion = column_strdup(st, 4 + NUT_CORE_COUNT);
        x->portion_g = sqlite3_column_double(st, 5 + NUT_CORE_COUNT);
        if (!x->food.id || !x->food.name || !x->portion)
            rc = fail(s, "out of memory");
    }
    if (rc == STORE_OK && step != SQLITE_DONE && step != SQLITE_ROW)
        rc = fail_db(s, "suggestions");
    sqlite3_finalize(st);
    if (rc == STORE_OK && count != want)
        rc = STORE_NOTFOUND; /* a row lost its food: rank afresh */
    if (rc != STORE_OK) {
        store_suggestions_free(list, count);
        return rc;
    }
    *out = list;
    *n = count;
    return STORE_OK;
}

/* Run one statement with the n integers of v bound to ?1..?n. */
static int exec_ints(store *s, const char *sql, const sqlite3_int64 *v, int n, const char *what) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, sql, &st);

    for (int i = 0; i < n && rc == STORE_OK; i++)
        sqlite3_bind_int64(st, i + 1, v[i]);
    if (rc == STORE_OK)
        rc = step_done(s, st, what);
    sqlite3_finalize(st);
    return rc;
}

int store_suggestions_put(store *s, int nutrient, int64_t rules, size_t asked,
                          const struct stored_suggestion *list, size_t n) {
    const sqlite3_int64 head[] = {nutrient, (sqlite3_int64)rules, (sqlite3_int64)asked};
    sqlite3_stmt *st = NULL;
    int rc;

    if (asked == 0 || n > asked)
        return fail(s, "suggestions: %zu rows for a list of %zu", n, asked);
    if (exec(s, "SAVEPOINT suggestion_put") != STORE_OK)
        return STORE_ERROR;
    rc = exec_ints(s, "DELETE FROM suggestion WHERE nutrient = ?1", head, 1, "suggestions");
    if (rc == STORE_OK)
        rc = exec_ints(s,
                       "INSERT OR REPLACE INTO suggestion_list(nutrient, rules, asked)"
                       " VALUES (?1, ?2, ?3)",
                       head, 3, "suggestions");
    if (rc == STORE_OK)
        rc = prepare(s,
                     "INSERT INTO suggestion(nutrient, rank, food, portion, grams, score)"
                     " SELECT ?1, ?2, rowid, ?4, ?5, ?6 FROM food WHERE id = ?3",
                     &st);
    for (size_t i = 0; i < n && rc == STORE_OK; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int(st, 1, nutrient);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_text(st, 3, list[i].food.id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, list[i].portion, -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 5, list[i].portion_g);
        sqlite3_bind_double(st, 6, list[i].food.score);
        rc = step_done(s, st, "suggestions");
        if (rc == STORE_OK && sqlite3_changes(s->db) != 1)
            rc = fail(s, "suggestions: no food with id '%s'", list[i].food.id);
    }
    sqlite3_finalize(st);
    if (rc == STORE_OK)
        return exec(s, "RELEASE suggestion_put");
    sqlite3_exec(s->db, "ROLLBACK TO suggestion_put; RELEASE suggestion_put", NULL, NULL, NULL);
    return rc;
}

void store_suggestions_free(struct stored_suggestion *list, size_t n) {
    if (!list)
        return;
    for (size_t i = 0; i < n; i++) {
        free(list[i].food.id);
        free(list[i].food.name);
        free(list[i].food.group);
        free(list[i].portion);
    }
    free(list);
}

/* --- diary ----------------------------------------------------------------- */

int store_entry_add(store *s, const char *date, const char *time, const char *meal,
                    const char *food_id, double grams, int64_t *id) {
    sqlite3_stmt *st = NULL;
    int rc;

    rc = prepare(s,
                 "INSERT INTO entry(date, time, meal, food, grams)"
                 " SELECT ?1, ?2, ?3, rowid, ?5 FROM food WHERE id = ?4",
                 &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, time && *time ? time : NULL, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, meal && *meal ? meal : NULL, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, food_id, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 5, grams);
    if (sqlite3_step(st) != SQLITE_DONE) {
        rc = fail_db(s, "add entry");
    } else if (sqlite3_changes(s->db) == 0) {
        fail(s, "no food with id '%s'", food_id);
        rc = STORE_NOTFOUND;
    } else if (id) {
        *id = sqlite3_last_insert_rowid(s->db);
    }
    sqlite3_finalize(st);
    return rc;
}

/* list (cap items of size bytes, count used) with room for one more:
 * the same block, or a new one of twice the capacity (at least 16); NULL
 * when out of memory, list still valid. */
static void *grow(void *list, size_t *cap, size_t count, size_t size) {
    size_t want;
    void *grown;

    if (count < *cap)
        return list;
    want = *cap ? *cap * 2 : 16;
    if (want > SIZE_MAX / size || !(grown = realloc(list, want * size)))
        return NULL;
    *cap = want;
    return grown;
}

static void copy_col(sqlite3_stmt *st, int col, char *buf, size_t len) {
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(buf, len, "%s", t ? (const char *)t : "");
}

/* A supplement's amounts of the core nutrients per unit, as columns; p is
 * the supplement table's alias.  An amount the label does not declare is 0. */
#define SUPP_VALUE_SQL(p, k)                                                                       \
    "coalesce((SELECT value FROM supplement_value WHERE supplement = " p ".rowid"                  \
    " AND nutrient = " #k "), 0)"
#define SUPP_CORE_VALUES_SQL(p)                                                                    \
    SUPP_VALUE_SQL(p, 0)                                                                           \
    "," SUPP_VALUE_SQL(p, 1) "," SUPP_VALUE_SQL(p, 2) "," SUPP_VALUE_SQL(p, 3) "," SUPP_VALUE_SQL( \
        p, 4) "," SUPP_VALUE_SQL(p, 5) "," SUPP_VALUE_SQL(p, 6) "," SUPP_VALUE_SQL(p, 7)

/* One row of store_entries_list's statement into x. */
static int entry_row(sqlite3_stmt *st, struct entry *x) {
    memset(x, 0, sizeof(*x));
    x->id = sqlite3_column_int64(st, 0);
    copy_col(st, 1, x->date, sizeof(x->date));
    copy_col(st, 2, x->time, sizeof(x->time));
    copy_col(st, 3, x->meal, sizeof(x->meal));
    x->food_id = column_strdup(st, 4);
    x->food_name = column_strdup(st, 5);
    x->supplement = sqlite3_column_int(st, 6);
    x->grams = column_value(st, 7);
    x->units = column_value(st, 8);
    copy_col(st, 9, x->unit, sizeof(x->unit));
    for (int k = 0; k < NUT_CORE_COUNT; k++)
        x->values[k] = x->supplement ? sqlite3_column_double(st, 10 + NUT_CORE_COUNT + k) * x->units
                                     : column_value(st, 10 + k) * x->grams / 100.0;
    return x->food_id && x->food_name ? 0 : -1;
}

int store_entries_list(store *s, const char *from, const char *to, struct entry **out, size_t *n) {
    sqlite3_stmt *st = NULL;
    struct entry *e = NULL, *grown;
    size_t count = 0, cap = 0;
    int rc, step;

    rc = prepare(s,
                 "SELECT e.id, e.date, e.time, e.meal, coalesce(f.id, p.id),"
                 " coalesce(f.name, p.name), e.kind = 'supplement', e.grams, e.units, "
                 "p.unit, " CORE_VALUES_SQL("f") "," SUPP_CORE_VALUES_SQL(
                     "p") " FROM entry e LEFT JOIN food f ON f.rowid = e.food"
                          " LEFT JOIN supplement p ON p.rowid = e.supplement"
                          " WHERE e.date BETWEEN ?1 AND ?2"
                          " ORDER BY e.date, e.time IS NOT NULL, e.time, e.id",
                 &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (!(grown = grow(e, &cap, count, sizeof(*e)))) {
            rc = fail(s, "out of memory");
            goto out;
        }
        e = grown;
        if (entry_row(st, &e[count++]) != 0) {
            rc = fail(s, "out of memory");
            goto out;
        }
    }
    if (step != SQLITE_DONE) {
        rc = fail_db(s, "list entries");
        goto out;
    }
    *out = e;
    *n = count;
    e = NULL;
    count = 0;
out:
    store_entries_free(e, count);
    sqlite3_finalize(st);
    return rc;
}

void store_entries_free(struct entry *e, size_t n) {
    if (!e)
        return;
    for (size_t i = 0; i < n; i++) {
        free(e[i].food_id);
        free(e[i].food_name);
    }
    free(e);
}

int store_entry_remove(store *s, int64_t id) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "DELETE FROM entry WHERE id = ?1", &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = fail_db(s, "remove entry");
    else if (sqlite3_changes(s->db) == 0) {
        fail(s, "no entry with id %lld", (long long)id);
        rc = STORE_NOTFOUND;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Per-day sums of the food entries; for each reported nutrient k: the sum
 * of grams*value/100 over entries whose food has a value, and the grams of
 * those entries.  38 is NUT_VITAMIN_D (VITD), reported after the core. */
#define DAY_SUM(k)                                                                                 \
    "sum(e.grams * v" #k ".value) / 100.0, sum(CASE WHEN v" #k ".value IS NOT NULL"                \
    " THEN e.grams END)"
#define DAY_JOIN(k)                                                                                \
    " LEFT JOIN food_value v" #k " ON v" #k ".food = e.food AND v" #k ".nutrient = " #k
_Static_assert(NUT_VITAMIN_D == 38, "DAY_SUM(38) and SUPP_DAY_SUM(38) name vitamin D");

/* Per-day sums of the supplement entries, units * amount per unit. */
#define SUPP_DAY_SUM(k) "sum(e.units * " SUPP_VALUE_SQL("p", k) ")"

/* The days of [from, to] with supplement entries: date, count, amounts. */
static int supplement_days(store *s, const char *from, const char *to, struct day_totals **out,
                           size_t *n) {
    sqlite3_stmt *st = NULL;
    struct day_totals *d = NULL, *grown;
    size_t count = 0, cap = 0;
    int rc, step;

    rc = prepare(
        s,
        "SELECT e.date, count(*), " SUPP_DAY_SUM(0) "," SUPP_DAY_SUM(1) "," SUPP_DAY_SUM(2) "," SUPP_DAY_SUM(3) "," SUPP_DAY_SUM(
            4) "," SUPP_DAY_SUM(5) "," SUPP_DAY_SUM(6) "," SUPP_DAY_SUM(7) "," SUPP_DAY_SUM(38) " F"
                                                                                                "RO"
                                                                                                "M "
                                                                                                "en"
                                                                                                "tr"
                                                                                                "y "
                                                                                                "e "
                                                                                                "JO"
                                                                                                "IN"
                                                                                                " s"
                                                                                                "up"
                                                                                                "pl"
                                                                                                "em"
                                                                                                "en"
                                                                                                "t "
                                                                                                "p "
                                                                                                "ON"
                                                                                                " p"
                                                                                                ".r"
                                                                                                "ow"
                                                                                                "id"
                                                                                                " ="
                                                                                                " e"
                                                                                                ".s"
                                                                                                "up"
                                                                                                "pl"
                                                                                                "em"
                                                                                                "en"
                                                                                                "t"
                                                                                                " W"
                                                                                                "HE"
                                                                                                "RE"
                                                                                                " e"
                                                                                                ".k"
                                                                                                "in"
                                                                                                "d "
                                                                                                "= "
                                                                                                "'s"
                                                                                                "up"
                                                                                                "pl"
                                                                                                "em"
                                                                                                "en"
                                                                                                "t'"
                                                                                                " A"
                                                                                                "ND"
                                                                                                " e"
                                                                                                ".d"
                                                                                                "at"
                                                                                                "e "
                                                                                                "BE"
                                                                                                "TW"
                                                                                                "EE"
                                                                                                "N "
                                                                                                "?1"
                                                                                                " A"
                                                                                                "ND"
                                                                                                " ?"
                                                                                                "2"
                                                                                                " G"
                                                                                                "RO"
                                                                                                "UP"
                                                                                                " B"
                                                                                                "Y "
                                                                                                "e."
                                                                                                "da"
                                                                                                "te"
                                                                                                " O"
                                                                                                "RD"
                                                                                                "ER"
                                                                                                " B"
                                                                                                "Y "
                                                                                                "e."
                                                                                                "da"
                                                                                                "t"
                                                                                                "e",
        &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (!(grown = grow(d, &cap, count, sizeof(*d)))) {
            rc = fail(s, "out of memory");
            goto out;
        }
        d = grown;
        struct day_totals *x = &d[count++];
        memset(x, 0, sizeof(*x));
        copy_col(st, 0, x->date, sizeof(x->date));
        x->supplement_entries = sqlite3_column_int(st, 1);
        for (int k = 0; k < NUT_REPORTED_COUNT; k++)
            x->supplement[k] = sqlite3_column_double(st, 2 + k);
    }
    if (step != SQLITE_DONE) {
        rc = fail_db(s, "day totals");
        goto out;
    }
    *out = d;
    *n = count;
    d = NULL;
out:
    free(d);
    sqlite3_finalize(st);
    return rc;
}

/* The food days and the supplement days (each by date) as one list. */
static int merge_days(struct day_totals *food, size_t nf, const struct day_totals *supp, size_t ns,
                      struct day_totals **out, size_t *n) {
    struct day_totals *d = ns ? malloc((nf + ns) * sizeof(*d)) : food;
    size_t i = 0, j = 0, m = 0;

    if (!ns) {
        *out = food;
        *n = nf;
        return 0;
    }
    if (!d)
        return -1;
    while (i < nf || j < ns) {
        int c = i == nf ? 1 : j == ns ? -1 : strcmp(food[i].date, supp[j].date);
        if (c < 0) {
            d[m++] = food[i++];
            continue;
        }
        d[m] = c == 0 ? food[i++] : supp[j];
        if (c > 0) {
            for (int k = 0; k < NUT_REPORTED_COUNT; k++)
                d[m].total[k] = NAN;
        }
        d[m].supplement_entries = supp[j].supplement_entries;
        memcpy(d[m].supplement, supp[j].supplement, sizeof(d[m].supplement));
        m++;
        j++;
    }
    free(food);
    *out = d;
    *n = m;
    return 0;
}

int store_day_totals(store *s, const char *from, const char *to, struct day_totals **out,
                     size_t *n) {
    sqlite3_stmt *st = NULL;
    struct day_totals *d = NULL, *grown, *supp = NULL;
    size_t count = 0, cap = 0, n_supp = 0;
    int rc, step;

    rc = prepare(
        s,
        "SELECT e.date, count(*), sum(e.grams), " DAY_SUM(0) "," DAY_SUM(1) "," DAY_SUM(2) "," DAY_SUM(3) "," DAY_SUM(
            4) "," DAY_SUM(5) "," DAY_SUM(6) "," DAY_SUM(7) "," DAY_SUM(38) " FROM entry "
                                                                            "e" DAY_JOIN(0) DAY_JOIN(1)
                                                                                DAY_JOIN(2) DAY_JOIN(
                                                                                    3) DAY_JOIN(4)
                                                                                    DAY_JOIN(5) DAY_JOIN(
                                                                                        6) DAY_JOIN(7)
                                                                                        DAY_JOIN(
                                                                                            38) " W"
                                                                                                "HE"
                                                                                                "RE"
                                                                                                " e"
                                                                                                ".k"
                                                                                                "in"
                                                                                                "d "
                                                                                                "= "
                                                                                                "'f"
                                                                                                "oo"
                                                                                                "d'"
                                                                                                " A"
                                                                                                "ND"
                                                                                                " e"
                                                                                                ".d"
                                                                                                "at"
                                                                                                "e "
                                                                                                "BE"
                                                                                                "TW"
                                                                                                "EE"
                                                                                                "N "
                                                                                                "?1"
                                                                                                " A"
                                                                                                "ND"
                                                                                                " ?"
                                                                                                "2"
                                                                                                " G"
                                                                                                "RO"
                                                                                                "UP"
                                                                                                " B"
                                                                                                "Y "
                                                                                                "e."
                                                                                                "da"
                                                                                                "te"
                                                                                                " O"
                                                                                                "RD"
                                                                                                "ER"
                                                                                                " B"
                                                                                                "Y "
                                                                                                "e."
                                                                                                "da"
                                                                                                "t"
                                                                                                "e",
        &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (!(grown = grow(d, &cap, count, sizeof(*d)))) {
            rc = fail(s, "out of memory");
            goto out;
        }
        d = grown;
        struct day_totals *x = &d[count++];
        memset(x, 0, sizeof(*x));
        copy_col(st, 0, x->date, sizeof(x->date));
        x->entries = sqlite3_column_int(st, 1);
        x->grams = sqlite3_column_double(st, 2);
        for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
            /* no entry with a known value: the total is unknown */
            x->known_grams[k] = sqlite3_column_type(st, 4 + 2 * k) == SQLITE_NULL
                                    ? 0.0
                                    : sqlite3_column_double(st, 4 + 2 * k);
            x->total[k] = column_value(st, 3 + 2 * k);
        }
    }
    if (step != SQLITE_DONE) {
        rc = fail_db(s, "day totals");
        goto out;
    }
    if ((rc = supplement_days(s, from, to, &supp, &n_supp)) != STORE_OK)
        goto out;
    if (merge_days(d, count, supp, n_supp, out, n) != 0) {
        rc = fail(s, "out of memory");
        goto out;
    }
    d = NULL;
out:
    free(d);
    free(supp);
    sqlite3_finalize(st);
    return rc;
}

/* --- supplements ------------------------------------------------------------ */

static int supplement_holds(store *s, const char *id, int *held) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT 1 FROM supplement WHERE id = ?1", &st), step;

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW || step == SQLITE_DONE)
        *held = step == SQLITE_ROW;
    else
        rc = fail_db(s, "supplement");
    sqlite3_finalize(st);
    return rc;
}

int store_food_exists(store *s, const char *id, int *exists) {
    sqlite3_stmt *st;
    int step;

    if (!(st = cached(s, ST_FOOD_FIND)))
        return STORE_ERROR;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    step = sqlite3_step(st);
    sqlite3_reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return fail_db(s, "food");
    *exists = step == SQLITE_ROW;
    return STORE_OK;
}

/* The values of the supplement with that rowid into p. */
static int supplement_values_load(store *s, sqlite3_int64 rowid, struct supplement *p) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT nutrient, value FROM supplement_value WHERE supplement = ?1", &st),
        step;

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_int64(st, 1, rowid);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int k = sqlite3_column_int(st, 0);
        if (k >= 0 && (size_t)k < nutrients_count())
            p->values[k] = sqlite3_column_double(st, 1);
    }
    if (step != SQLITE_DONE)
        rc = fail_db(s, "supplement values");
    sqlite3_finalize(st);
    return rc;
}

/* A supplement from a row (rowid, id, name, unit) and its values. */
static int supplement_row(store *s, sqlite3_stmt *st, struct supplement **out) {
    struct supplement *p = supplement_new();
    int rc = STORE_OK;

    if (!p)
        return fail(s, "out of memory");
    p->id = column_strdup(st, 1);
    p->name = column_strdup(st, 2);
    copy_col(st, 3, p->unit, sizeof(p->unit));
    if (!p->id || !p->name)
        rc = fail(s, "out of memory");
    else
        rc = supplement_values_load(s, sqlite3_column_int64(st, 0), p);
    if (rc != STORE_OK) {
        supplement_free(p);
        return rc;
    }
    *out = p;
    return STORE_OK;
}

int store_supplement_get(store *s, const char *id, struct supplement **out) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT rowid, id, name, unit FROM supplement WHERE id = ?1", &st), step;

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        rc = supplement_row(s, st, out);
    } else if (step == SQLITE_DONE) {
        fail(s, "no supplement with id '%s'", id);
        rc = STORE_NOTFOUND;
    } else {
        rc = fail_db(s, "supplement");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_supplements_list(store *s, struct supplement ***list, size_t *n) {
    sqlite3_stmt *st = NULL;
    struct supplement **l = NULL, **grown;
    size_t count = 0, cap = 0;
    int rc = prepare(s, "SELECT rowid, id, name, unit FROM supplement ORDER BY id", &st), step;

    if (rc != STORE_OK)
        return rc;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (!(grown = grow(l, &cap, count, sizeof(*l)))) {
            rc = fail(s, "out of memory");
            goto out;
        }
        l = grown;
        if ((rc = supplement_row(s, st, &l[count])) != STORE_OK)
            goto out;
        count++;
    }
    if (step != SQLITE_DONE) {
        rc = fail_db(s, "supplements");
        goto out;
    }
    *list = l;
    *n = count;
    l = NULL;
    count = 0;
out:
    store_supplements_free(l, count);
    sqlite3_finalize(st);
    return rc;
}

void store_supplements_free(struct supplement **list, size_t n) {
    for (size_t i = 0; list && i < n; i++)
        supplement_free(list[i]);
    free(list);
}

/* Same name, unit and declared values? */
static int supplement_same(const struct supplement *a, const struct supplement *b) {
    if (strcmp(a->name, b->name) != 0 || strcmp(a->unit, b->unit) != 0)
        return 0;
    for (size_t k = 0; k < nutrients_count(); k++) {
        if (isnan(a->values[k]) != isnan(b->values[k]))
            return 0;
        if (!isnan(a->values[k]) && a->values[k] != b->values[k])
            return 0;
    }
    return 1;
}

/* Write p's row (insert or update by id) and put its rowid in *rowid. */
static int supplement_row_write(store *s, const struct supplement *p, sqlite3_int64 *rowid) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "INSERT INTO supplement(id, name, unit) VALUES (?1, ?2, ?3)"
                     " ON CONFLICT(id) DO UPDATE SET name = excluded.name, unit = excluded.unit"
                     " RETURNING rowid",
                     &st);

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, p->unit, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        *rowid = sqlite3_column_int64(st, 0);
    else
        rc = fail_db(s, "write supplement");
    if (rc == STORE_OK && sqlite3_step(st) != SQLITE_DONE)
        rc = fail_db(s, "write supplement");
    sqlite3_finalize(st);
    return rc;
}

/* Replace the values of supplement rowid with p's declared ones. */
static int supplement_values_write(store *s, sqlite3_int64 rowid, const struct supplement *p) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "DELETE FROM supplement_value WHERE supplement = ?1", &st);

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_int64(st, 1, rowid);
    rc = step_done(s, st, "write supplement values");
    sqlite3_finalize(st);
    st = NULL;
    if (rc != STORE_OK || (rc = prepare(s,
                                        "INSERT INTO supplement_value(supplement, nutrient, value)"
                                        " VALUES (?1, ?2, ?3)",
                                        &st)) != STORE_OK)
        return rc;
    for (size_t k = 0; k < nutrients_count() && rc == STORE_OK; k++) {
        if (isnan(p->values[k]))
            continue;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, rowid);
        sqlite3_bind_int(st, 2, (int)k);
        sqlite3_bind_double(st, 3, p->values[k]);
        rc = step_done(s, st, "write supplement values");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_supplement_upsert(store *s, const struct supplement *p, int *what) {
    struct supplement *old = NULL;
    sqlite3_int64 rowid = 0;
    int food = 0, rc;

    if ((rc = store_food_exists(s, p->id, &food)) != STORE_OK)
        return rc;
    if (food) {
        fail(s, "%s is a food; a supplement cannot take a food's id", p->id);
        return STORE_CONFLICT;
    }
    rc = store_supplement_get(s, p->id, &old);
    if (rc != STORE_OK && rc != STORE_NOTFOUND)
        return rc;
    if (old && supplement_same(old, p)) {
        supplement_free(old);
        if (what)
            *what = STORE_FOOD_UNCHANGED;
        return STORE_OK;
    }
    if ((rc = supplement_row_write(s, p, &rowid)) == STORE_OK &&
        (rc = supplement_values_write(s, rowid, p)) == STORE_OK && what)
        *what = old ? STORE_FOOD_UPDATED : STORE_FOOD_ADDED;
    supplement_free(old);
    return rc;
}

int store_supplement_entry_add(store *s, const char *date, const char *time, const char *meal,
                               const char *supplement_id, double units, int64_t *id) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "INSERT INTO entry(date, time, meal, kind, supplement, units)"
                     " SELECT ?1, ?2, ?3, 'supplement', rowid, ?5 FROM supplement WHERE id = ?4",
                     &st);

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, time && *time ? time : NULL, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, meal && *meal ? meal : NULL, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, supplement_id, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 5, units);
    if (sqlite3_step(st) != SQLITE_DONE) {
        rc = fail_db(s, "add entry");
    } else if (sqlite3_changes(s->db) == 0) {
        fail(s, "no supplement with id '%s'", supplement_id);
        rc = STORE_NOTFOUND;
    } else if (id) {
        *id = sqlite3_last_insert_rowid(s->db);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Append a zeroed row to the period's sources; NULL when out of memory. */
static struct period_source *source_append(struct period_source **list, size_t *cap,
                                           size_t *count) {
    struct period_source *grown = grow(*list, cap, *count, sizeof(**list));
    if (!grown)
        return NULL;
    *list = grown;
    memset(&grown[*count], 0, sizeof(grown[*count]));
    return &grown[(*count)++];
}

/* The foods of [from, to]: a food's values are per 100 g, so its amount
 * over the period is value x (sum of its grams) / 100; a missing value
 * stays NULL (NAN). */
static int period_foods(store *s, const char *from, const char *to, struct period_source **list,
                        size_t *cap, size_t *count) {
    sqlite3_stmt *st = NULL;
    int rc, step;

    rc = prepare(s,
                 "SELECT f.id, f.name, g.grams, " CORE_VALUES_SQL(
                     "f") ", (SELECT value FROM food_value WHERE food = f.rowid AND nutrient = 38)"
                          " FROM (SELECT food, sum(grams) AS grams FROM entry"
                          " WHERE kind = 'food' AND date BETWEEN ?1 AND ?2 GROUP BY food) g"
                          " JOIN food f ON f.rowid = g.food ORDER BY f.id",
                 &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct period_source *x = source_append(list, cap, count);
        if (!x) {
            rc = fail(s, "out of memory");
            goto out;
        }
        x->id = column_strdup(st, 0);
        x->name = column_strdup(st, 1);
        x->grams = sqlite3_column_double(st, 2);
        x->units = NAN;
        for (int k = 0; k < NUT_REPORTED_COUNT; k++)
            x->amount[k] = column_value(st, 3 + k) * x->grams / 100.0;
        if (!x->id || !x->name) {
            rc = fail(s, "out of memory");
            goto out;
        }
    }
    if (step != SQLITE_DONE)
        rc = fail_db(s, "period foods");
out:
    sqlite3_finalize(st);
    return rc;
}

/* The supplements of [from, to]: units taken x the label's amount per
 * unit (an undeclared amount is 0). */
static int period_supplements(store *s, const char *from, const char *to,
                              struct period_source **list, size_t *cap, size_t *count) {
    sqlite3_stmt *st = NULL;
    int rc, step;

    rc = prepare(
        s,
        "SELECT p.id, p.name, p.unit, g.units, " SUPP_CORE_VALUES_SQL("p") "," SUPP_VALUE_SQL(
            "p", 38) " FROM (SELECT supplement, sum(units) AS units FROM entry"
                     " WHERE kind = 'supplement' AND date BETWEEN ?1 AND ?2"
                     " GROUP BY supplement) g"
                     " JOIN supplement p ON p.rowid = g.supplement ORDER BY p.id",
        &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct period_source *x = source_append(list, cap, count);
        if (!x) {
            rc = fail(s, "out of memory");
            goto out;
        }
        x->id = column_strdup(st, 0);
        x->name = column_strdup(st, 1);
        copy_col(st, 2, x->unit, sizeof(x->unit));
        x->grams = NAN;
        x->units = sqlite3_column_double(st, 3);
        for (int k = 0; k < NUT_REPORTED_COUNT; k++)
            x->amount[k] = sqlite3_column_double(st, 4 + k) * x->units;
        if (!x->id || !x->name) {
            rc = fail(s, "out of memory");
            goto out;
        }
    }
    if (step != SQLITE_DONE)
        rc = fail_db(s, "period supplements");
out:
    sqlite3_finalize(st);
    return rc;
}

int store_period_foods(store *s, const char *from, const char *to, struct period_source **out,
                       size_t *n) {
    struct period_source *list = NULL;
    size_t count = 0, cap = 0;
    int rc = period_foods(s, from, to, &list, &cap, &count);

    if (rc == STORE_OK)
        rc = period_supplements(s, from, to, &list, &cap, &count);
    if (rc != STORE_OK) {
        store_period_sources_free(list, count);
        return rc;
    }
    *out = list;
    *n = count;
    return STORE_OK;
}

void store_period_sources_free(struct period_source *src, size_t n) {
    if (!src)
        return;
    for (size_t i = 0; i < n; i++) {
        free(src[i].id);
        free(src[i].name);
    }
    free(src);
}

/* --- recipes ----------------------------------------------------------------- */

/* The rowid of the food with that id: STORE_OK, STORE_NOTFOUND (message
 * set) or STORE_ERROR. */
static int food_rowid(store *s, const char *id, sqlite3_int64 *rowid) {
    sqlite3_stmt *st;
    int step;

    if (!(st = cached(s, ST_FOOD_FIND)))
        return STORE_ERROR;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *rowid = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (step == SQLITE_DONE) {
        fail(s, "no food with id '%s'", id);
        return STORE_NOTFOUND;
    }
    return step == SQLITE_ROW ? STORE_OK : fail_db(s, "food");
}

/* Run a statement with an int64 and maybe a text and a double bound. */
static int exec_bound(store *s, const char *sql, sqlite3_int64 a, const char *text, double d,
                      const char *what) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, sql, &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_int64(st, 1, a);
    if (sqlite3_bind_parameter_count(st) >= 2)
        sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(st) >= 3) {
        if (isnan(d))
            sqlite3_bind_null(st, 3);
        else
            sqlite3_bind_double(st, 3, d);
    }
    rc = step_done(s, st, what);
    sqlite3_finalize(st);
    return rc;
}

int store_recipe_put(store *s, const struct recipe *r, const struct food *f, int *what) {
    sqlite3_stmt *st = NULL;
    sqlite3_int64 rowid = 0, ing;
    int rc;

    if ((rc = store_food_upsert(s, f, what)) != STORE_OK)
        return rc;
    if ((rc = food_rowid(s, r->id, &rowid)) != STORE_OK)
        return rc;
    rc = prepare(s,
                 "INSERT INTO recipe(food, name, yield_g, serves) VALUES (?1, ?2, ?3, ?4)"
                 " ON CONFLICT(food) DO UPDATE SET name = excluded.name,"
                 " yield_g = excluded.yield_g, serves = excluded.serves",
                 &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_int64(st, 1, rowid);
    sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
    if (!isnan(r->yield_g))
        sqlite3_bind_double(st, 3, r->yield_g);
    if (!isnan(r->serves))
        sqlite3_bind_double(st, 4, r->serves);
    rc = step_done(s, st, "recipe");
    sqlite3_finalize(st);
    st = NULL;
    if (rc != STORE_OK)
        return rc;
    if ((rc = exec_bound(s, "DELETE FROM recipe_ingredient WHERE recipe = ?1", rowid, NULL, NAN,
                         "recipe ingredients")) != STORE_OK)
        return rc;
    rc = prepare(s,
                 "INSERT INTO recipe_ingredient(recipe, seq, text, food, grams)"
                 " VALUES (?1, ?2, ?3, ?4, ?5)",
                 &st);
    for (size_t i = 0; rc == STORE_OK && i < r->n_ing; i++) {
        if ((rc = food_rowid(s, r->ing[i].food_id, &ing)) != STORE_OK)
            break;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, rowid);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_text(st, 3, r->ing[i].text, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, ing);
        sqlite3_bind_double(st, 5, r->ing[i].grams);
        rc = step_done(s, st, "recipe ingredient");
    }
    sqlite3_finalize(st);
    return rc;
}

/* The recipe whose food has that rowid, with its ingredients. */
static int recipe_row(store *s, sqlite3_stmt *head, struct recipe **out) {
    sqlite3_stmt *st = NULL;
    struct recipe *r = recipe_new();
    int rc, step;

    if (!r)
        return fail(s, "out of memory");
    r->id = column_strdup(head, 1);
    r->name = column_strdup(head, 2);
    r->yield_g = column_value(head, 3);
    r->serves = column_value(head, 4);
    if (!r->id || !r->name) {
        rc = fail(s, "out of memory");
        goto out;
    }
    if ((rc = prepare(s,
                      "SELECT i.text, f.id, i.grams FROM recipe_ingredient i"
                      " JOIN food f ON f.rowid = i.food WHERE i.recipe = ?1 ORDER BY i.seq",
                      &st)) != STORE_OK)
        goto out;
    sqlite3_bind_int64(st, 1, sqlite3_column_int64(head, 0));
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if (recipe_add_ingredient(r, (const char *)sqlite3_column_text(st, 0),
                                  (const char *)sqlite3_column_text(st, 1),
                                  sqlite3_column_double(st, 2)) != 0) {
            rc = fail(s, "out of memory");
            goto out;
        }
    if (step != SQLITE_DONE) {
        rc = fail_db(s, "recipe ingredients");
        goto out;
    }
    *out = r;
    r = NULL;
out:
    sqlite3_finalize(st);
    recipe_free(r);
    return rc;
}

#define RECIPE_SELECT                                                                              \
    "SELECT f.rowid, f.id, r.name, r.yield_g, r.serves FROM recipe r"                              \
    " JOIN food f ON f.rowid = r.food"

int store_recipe_get(store *s, const char *id, struct recipe **out) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, RECIPE_SELECT " WHERE f.id = ?1", &st), step;

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        rc = recipe_row(s, st, out);
    else if (step == SQLITE_DONE)
        rc = STORE_NOTFOUND, fail(s, "no recipe with id '%s'", id);
    else
        rc = fail_db(s, "recipe");
    sqlite3_finalize(st);
    return rc;
}

int store_recipes_list(store *s, struct recipe ***out, size_t *n) {
    sqlite3_stmt *st = NULL;
    struct recipe **list = NULL, **grown;
    size_t count = 0, cap = 0;
    int rc = prepare(s, RECIPE_SELECT " ORDER BY f.id", &st), step;

    if (rc != STORE_OK)
        return rc;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (!(grown = grow(list, &cap, count, sizeof(*list)))) {
            rc = fail(s, "out of memory");
            goto out;
        }
        list = grown;
        if ((rc = recipe_row(s, st, &list[count])) != STORE_OK)
            goto out;
        count++;
    }
    if (step != SQLITE_DONE) {
        rc = fail_db(s, "recipes");
        goto out;
    }
    *out = list;
    *n = count;
    list = NULL;
    count = 0;
out:
    for (size_t i = 0; i < count; i++)
        recipe_free(list[i]);
    free(list);
    sqlite3_finalize(st);
    return rc;
}

int store_recipe_dependents(store *s, const char *id, char ***ids, size_t *n) {
    sqlite3_stmt *st = NULL;
    char **list = NULL, **grown;
    size_t count = 0, cap = 0;
    int rc = prepare(s,
                     "SELECT DISTINCT r.id FROM recipe_ingredient i"
                     " JOIN food r ON r.rowid = i.recipe JOIN food f ON f.rowid = i.food"
                     " WHERE f.id = ?1 ORDER BY r.id",
                     &st),
        step;

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (!(grown = grow(list, &cap, count, sizeof(*list))) ||
            !((list = grown)[count] = column_strdup(st, 0))) {
            rc = fail(s, "out of memory");
            goto out;
        }
        count++;
    }
    if (step != SQLITE_DONE) {
        rc = fail_db(s, "recipes");
        goto out;
    }
    *ids = list;
    *n = count;
    list = NULL;
    count = 0;
out:
    for (size_t i = 0; i < count; i++)
        free(list[i]);
    free(list);
    sqlite3_finalize(st);
    return rc;
}

int store_recipe_reaches(store *s, const char *from, const char *target, int *yes) {
    sqlite3_stmt *st = NULL;
    int rc, step;

    if (strcmp(from, target) == 0) {
        *yes = 1;
        return STORE_OK;
    }
    rc = prepare(
        s,
        "WITH RECURSIVE inside(food) AS ("
        "  SELECT rowid FROM food WHERE id = ?1"
        "  UNION SELECT i.food FROM recipe_ingredient i JOIN inside ON i.recipe = inside.food)"
        " SELECT 1 FROM inside JOIN food f ON f.rowid = inside.food WHERE f.id = ?2",
        &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, target, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW || step == SQLITE_DONE)
        *yes = step == SQLITE_ROW;
    else
        rc = fail_db(s, "recipe ingredients");
    sqlite3_finalize(st);
    return rc;
}

int store_food_users(store *s, const char *id, long *entries, long *recipes, long *meals) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT (SELECT count(*) FROM entry WHERE food = f.rowid),"
                     " (SELECT count(DISTINCT recipe) FROM recipe_ingredient WHERE food = f.rowid),"
                     " (SELECT count(DISTINCT meal) FROM saved_meal_item WHERE food = f.rowid)"
                     " FROM food f WHERE f.id = ?1",
                     &st),
        step;

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *entries = (long)sqlite3_column_int64(st, 0);
        *recipes = (long)sqlite3_column_int64(st, 1);
        *meals = (long)sqlite3_column_int64(st, 2);
    } else if (step == SQLITE_DONE) {
        rc = STORE_NOTFOUND;
        fail(s, "no food with id '%s'", id);
    } else {
        rc = fail_db(s, "food");
    }
    sqlite3_finalize(st);
    return rc;
}

/* A free id "removed:SLUG", "removed:SLUG-2", ... for a frozen recipe. */
static int frozen_id(store *s, const char *id, char **out) {
    const char *slug = strchr(id, ':') ? strchr(id, ':') + 1 : id;
    size_t len = strlen(slug) + 32;
    char *buf = malloc(len);
    int exists = 1;

    if (!buf)
        return fail(s, "out of memory");
    for (int k = 1; k < 1000; k++) {
        if (k == 1)
            snprintf(buf, len, "removed:%s", slug);
        else
            snprintf(buf, len, "removed:%s-%d", slug, k);
        if (store_food_exists(s, buf, &exists) != STORE_OK) {
            free(buf);
            return STORE_ERROR;
        }
        if (!exists) {
            *out = buf;
            return STORE_OK;
        }
    }
    free(buf);
    return fail(s, "no free id for the removed recipe %s", id);
}

int store_recipe_remove(store *s, const char *id, int freeze, char **frozen) {
    sqlite3_stmt *st = NULL;
    sqlite3_int64 rowid = 0;
    char *new_id = NULL;
    long entries = 0, recipes = 0, meals = 0;
    int rc, is_recipe = 0;

    if ((rc = food_rowid(s, id, &rowid)) == STORE_OK)
        rc = prepare(s, "SELECT 1 FROM recipe WHERE food = ?1", &st);
    if (rc == STORE_OK) {
        sqlite3_bind_int64(st, 1, rowid);
        is_recipe = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        st = NULL;
    }
    if (rc == STORE_OK && !is_recipe) {
        fail(s, "no recipe with id '%s'", id);
        rc = STORE_NOTFOUND;
    }
    if (rc != STORE_OK)
        return rc;
    if (!freeze) {
        if ((rc = store_food_users(s, id, &entries, &recipes, &meals)) != STORE_OK)
            return rc;
        if (entries || recipes || meals) {
            fail(s, "%s is in use", id);
            return STORE_CONFLICT;
        }
        if ((rc = suggestions_drop(s)) != STORE_OK)
            return rc;
        return exec_bound(s, "DELETE FROM food WHERE rowid = ?1", rowid, NULL, NAN,
                          "remove recipe");
    }
    if ((rc = frozen_id(s, id, &new_id)) != STORE_OK)
        return rc;
    if ((rc = exec_bound(s, "DELETE FROM recipe WHERE food = ?1", rowid, NULL, NAN,
                         "remove recipe")) == STORE_OK &&
        (rc = exec_bound(s,
                         "UPDATE food SET id = ?2, name = name || ' (removed recipe)',"
                         " hash = 0 WHERE rowid = ?1",
                         rowid, new_id, NAN, "remove recipe")) == STORE_OK &&
        frozen) {
        *frozen = new_id;
        new_id = NULL;
    }
    free(new_id);
    return rc;
}

/* --- saved meals --------------------------------------------------------- */

void saved_meal_free(struct saved_meal *m) {
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->items[i].food_id);
        free(m->items[i].text);
    }
    free(m->items);
    free(m->name);
    free(m);
}

int store_meal_put(store *s, const struct saved_meal *m, int replace) {
    sqlite3_stmt *st = NULL;
    sqlite3_int64 rowid;
    int rc, step;

    rc = prepare(s, "SELECT rowid FROM saved_meal WHERE name = ?1", &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, m->name, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    sqlite3_finalize(st);
    st = NULL;
    if (step == SQLITE_ROW && !replace) {
        fail(s, "a saved meal called '%s' exists", m->name);
        return STORE_CONFLICT;
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return fail_db(s, "saved meal");
    if (step == SQLITE_ROW && (rc = store_meal_remove(s, m->name)) != STORE_OK)
        return rc;
    if ((rc = prepare(s, "INSERT INTO saved_meal(name) VALUES (?1)", &st)) != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, m->name, -1, SQLITE_STATIC);
    rc = step_done(s, st, "saved meal");
    sqlite3_finalize(st);
    st = NULL;
    if (rc != STORE_OK)
        return rc;
    rowid = sqlite3_last_insert_rowid(s->db);
    rc = prepare(s,
                 "INSERT INTO saved_meal_item(meal, seq, text, food, grams, supplement, units)"
                 " SELECT ?1, ?2, ?3, f.rowid, ?5, p.rowid, ?6 FROM (SELECT 1)"
                 " LEFT JOIN food f ON f.id = ?4 AND NOT ?7"
                 " LEFT JOIN supplement p ON p.id = ?4 AND ?7"
                 " WHERE f.rowid IS NOT NULL OR p.rowid IS NOT NULL",
                 &st);
    for (size_t i = 0; rc == STORE_OK && i < m->n; i++) {
        const struct saved_item *it = &m->items[i];
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        sqlite3_bind_int64(st, 1, rowid);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_text(st, 3, it->text, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, it->food_id, -1, SQLITE_STATIC);
        if (it->supplement)
            sqlite3_bind_double(st, 6, it->units);
        else
            sqlite3_bind_double(st, 5, it->grams);
        sqlite3_bind_int(st, 7, it->supplement);
        if ((rc = step_done(s, st, "saved meal entry")) == STORE_OK &&
            sqlite3_changes(s->db) == 0) {
            fail(s, "no %s with id '%s'", it->supplement ? "supplement" : "food", it->food_id);
            rc = STORE_NOTFOUND;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* The meal of that rowid and name, with its entries. */
static int meal_load(store *s, sqlite3_int64 rowid, const char *name, struct saved_meal **out) {
    sqlite3_stmt *st = NULL;
    struct saved_meal *m = calloc(1, sizeof(*m));
    size_t cap = 0;
    int rc, step;

    if (!m || !(m->name = strdup(name))) {
        free(m);
        return fail(s, "out of memory");
    }
    rc = prepare(s,
                 "SELECT i.supplement IS NOT NULL, coalesce(f.id, p.id), i.grams, i.units, i.text"
                 " FROM saved_meal_item i LEFT JOIN food f ON f.rowid = i.food"
                 " LEFT JOIN supplement p ON p.rowid = i.supplement"
                 " WHERE i.meal = ?1 ORDER BY i.seq",
                 &st);
    if (rc != STORE_OK)
        goto out;
    sqlite3_bind_int64(st, 1, rowid);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct saved_item *grown = grow(m->items, &cap, m->n, sizeof(*m->items)), *it;
        if (!grown) {
            rc = fail(s, "out of memory");
            goto out;
        }
        m->items = grown;
        it = &m->items[m->n++];
        it->supplement = sqlite3_column_int(st, 0);
        it->food_id = column_strdup(st, 1);
        it->grams = column_value(st, 2);
        it->units = column_value(st, 3);
        it->text = column_strdup(st, 4);
        if (!it->food_id || !it->text) {
            rc = fail(s, "out of memory");
            goto out;
        }
    }
    if (step != SQLITE_DONE) {
        rc = fail_db(s, "saved meal");
        goto out;
    }
    *out = m;
    m = NULL;
out:
    sqlite3_finalize(st);
    saved_meal_free(m);
    return rc;
}

int store_meal_get(store *s, const char *name, struct saved_meal **out) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT rowid FROM saved_meal WHERE name = ?1", &st), step;

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        rc = meal_load(s, sqlite3_column_int64(st, 0), name, out);
    else if (step == SQLITE_DONE)
        rc = STORE_NOTFOUND, fail(s, "no saved meal called '%s'", name);
    else
        rc = fail_db(s, "saved meal");
    sqlite3_finalize(st);
    return rc;
}

int store_meals_list(store *s, struct saved_meal ***out, size_t *n) {
    sqlite3_stmt *st = NULL;
    struct saved_meal **list = NULL, **grown;
    size_t count = 0, cap = 0;
    int rc = prepare(s, "SELECT rowid, name FROM saved_meal ORDER BY name", &st), step;

    if (rc != STORE_OK)
        return rc;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (!(grown = grow(list, &cap, count, sizeof(*list)))) {
            rc = fail(s, "out of memory");
            goto out;
        }
        list = grown;
        if ((rc = meal_load(s, sqlite3_column_int64(st, 0),
                            (const char *)sqlite3_column_text(st, 1), &list[count])) != STORE_OK)
            goto out;
        count++;
    }
    if (step != SQLITE_DONE) {
        rc = fail_db(s, "saved meals");
        goto out;
    }
    *out = list;
    *n = count;
    list = NULL;
    count = 0;
out:
    for (size_t i = 0; i < count; i++)
        saved_meal_free(list[i]);
    free(list);
    sqlite3_finalize(st);
    return rc;
}

int store_meal_remove(store *s, const char *name) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "DELETE FROM saved_meal WHERE name = ?1", &st);

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    if ((rc = step_done(s, st, "remove saved meal")) == STORE_OK && sqlite3_changes(s->db) == 0) {
        fail(s, "no saved meal called '%s'", name);
        rc = STORE_NOTFOUND;
    }
    sqlite3_finalize(st);
    return rc;
}

/* --- profile --------------------------------------------------------------- */

int store_profile_get(store *s, struct profile *out) {
    sqlite3_stmt *st = NULL;
    struct profile p;
    int rc, step;

    profile_init(&p);
    rc = prepare(s, "SELECT key, value FROM profile", &st);
    if (rc != STORE_OK)
        return rc;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        const char *val = (const char *)sqlite3_column_text(st, 1);
        if (!key || !val)
            continue;
        if (strcmp(key, "age") == 0)
            p.age = sqlite3_column_int(st, 1);
        else if (strcmp(key, "age_set_on") == 0)
            snprintf(p.age_set_on, sizeof(p.age_set_on), "%s", val);
        else if (strcmp(key, "birth_date") == 0)
            snprintf(p.birth_date, sizeof(p.birth_date), "%s", val);
        else if (strcmp(key, "sex") == 0)
            p.sex = strcmp(val, "female") == 0 ? SEX_FEMALE
                    : strcmp(val, "male") == 0 ? SEX_MALE
                                               : SEX_UNKNOWN;
        else if (strcmp(key, "weight_kg") == 0)
            p.weight_kg = sqlite3_column_double(st, 1);
        else if (strcmp(key, "pregnant") == 0)
            p.pregnant = sqlite3_column_int(st, 1);
        else if (strcmp(key, "due_date") == 0)
            snprintf(p.due_date, sizeof(p.due_date), "%s", val);
        else if (strcmp(key, "lactating") == 0)
            p.lactating = sqlite3_column_int(st, 1);
        else if (strcmp(key, "units") == 0 && profile_units_parse(val, &p.units) != 0)
            p.units = PROFILE_UNITS_DEFAULT; /* a word from a newer dietbal */
        else if (strcmp(key, "tables") == 0 &&
                 tables_parse_order(val, p.tables, sizeof(p.tables), NULL, 0) != 0)
            p.tables[0] = '\0'; /* a table of a newer dietbal: the built-in order */
    }
    if (step != SQLITE_DONE)
        rc = fail_db(s, "profile");
    else
        *out = p;
    sqlite3_finalize(st);
    return rc;
}

int store_profile_put(store *s, const struct profile *p) {
    sqlite3_stmt *st = NULL;
    int rc;
    const char *sex = p->sex == SEX_FEMALE ? "female" : p->sex == SEX_MALE ? "male" : NULL;

    if ((rc = exec(s, "DELETE FROM profile")) != STORE_OK)
        return rc;
    if ((rc = prepare(s, "INSERT INTO profile(key, value) VALUES (?1, ?2)", &st)) != STORE_OK)
        return rc;
#define PUT(key, bind)                                                                             \
    do {                                                                                           \
        sqlite3_reset(st);                                                                         \
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);                                          \
        bind;                                                                                      \
        if (sqlite3_step(st) != SQLITE_DONE) {                                                     \
            rc = fail_db(s, "profile");                                                            \
            goto out;                                                                              \
        }                                                                                          \
    } while (0)
    if (p->age >= 0)
        PUT("age", sqlite3_bind_int(st, 2, p->age));
    if (p->age_set_on[0])
        PUT("age_set_on", sqlite3_bind_text(st, 2, p->age_set_on, -1, SQLITE_STATIC));
    if (p->birth_date[0])
        PUT("birth_date", sqlite3_bind_text(st, 2, p->birth_date, -1, SQLITE_STATIC));
    if (sex)
        PUT("sex", sqlite3_bind_text(st, 2, sex, -1, SQLITE_STATIC));
    if (!isnan(p->weight_kg))
        PUT("weight_kg", sqlite3_bind_double(st, 2, p->weight_kg));
    PUT("pregnant", sqlite3_bind_int(st, 2, p->pregnant));
    if (p->due_date[0])
        PUT("due_date", sqlite3_bind_text(st, 2, p->due_date, -1, SQLITE_STATIC));
    PUT("lactating", sqlite3_bind_int(st, 2, p->lactating));
    if (p->units != PROFILE_UNITS_DEFAULT)
        PUT("units", sqlite3_bind_text(st, 2, profile_units_name(p->units), -1, SQLITE_STATIC));
    if (p->tables[0])
        PUT("tables", sqlite3_bind_text(st, 2, p->tables, -1, SQLITE_STATIC));
#undef PUT
out:
    sqlite3_finalize(st);
    return rc;
}

/* --- cramps ---------------------------------------------------------------- */

int store_cramp_add(store *s, const struct cramp *c, int64_t *id) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "INSERT INTO cramp(date, time, severity, duration_min, site, side, night,"
                     " swelling, redness, warmth, hard_to_walk, pain_persists, sudden_swelling,"
                     " headache, vision_problems, pain_below_ribs)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                     " ?16)",
                     &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, c->date, -1, SQLITE_STATIC);
    if (c->time[0])
        sqlite3_bind_text(st, 2, c->time, -1, SQLITE_STATIC);
    if (c->severity > 0)
        sqlite3_bind_int(st, 3, c->severity);
    if (!isnan(c->duration_min))
        sqlite3_bind_double(st, 4, c->duration_min);
    if (c->site[0])
        sqlite3_bind_text(st, 5, c->site, -1, SQLITE_STATIC);
    if (c->side[0])
        sqlite3_bind_text(st, 6, c->side, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 7, c->night != 0);
    sqlite3_bind_int(st, 8, c->swelling != 0);
    sqlite3_bind_int(st, 9, c->redness != 0);
    sqlite3_bind_int(st, 10, c->warmth != 0);
    sqlite3_bind_int(st, 11, c->hard_to_walk != 0);
    sqlite3_bind_int(st, 12, c->pain_persists != 0);
    sqlite3_bind_int(st, 13, c->sudden_swelling != 0);
    sqlite3_bind_int(st, 14, c->headache != 0);
    sqlite3_bind_int(st, 15, c->vision_problems != 0);
    sqlite3_bind_int(st, 16, c->pain_below_ribs != 0);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = fail_db(s, "add cramp");
    else if (id)
        *id = sqlite3_last_insert_rowid(s->db);
    sqlite3_finalize(st);
    return rc;
}

int store_cramps_list(store *s, const char *from, const char *to, struct cramp **out, size_t *n) {
    sqlite3_stmt *st = NULL;
    struct cramp *c = NULL, *grown;
    size_t count = 0, cap = 0;
    int rc, step;

    rc = prepare(s,
                 "SELECT id, date, time, severity, duration_min, site, side, night, swelling,"
                 " redness, warmth, hard_to_walk, pain_persists, sudden_swelling, headache,"
                 " vision_problems, pain_below_ribs FROM cramp"
                 " WHERE date BETWEEN ?1 AND ?2 ORDER BY date, time IS NOT NULL, time, id",
                 &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (!(grown = grow(c, &cap, count, sizeof(*c)))) {
            rc = fail(s, "out of memory");
            goto out;
        }
        c = grown;
        struct cramp *x = &c[count++];
        memset(x, 0, sizeof(*x));
        x->id = sqlite3_column_int64(st, 0);
        copy_col(st, 1, x->date, sizeof(x->date));
        copy_col(st, 2, x->time, sizeof(x->time));
        x->severity = sqlite3_column_int(st, 3);
        x->duration_min = column_value(st, 4);
        copy_col(st, 5, x->site, sizeof(x->site));
        copy_col(st, 6, x->side, sizeof(x->side));
        x->night = sqlite3_column_int(st, 7);
        x->swelling = sqlite3_column_int(st, 8);
        x->redness = sqlite3_column_int(st, 9);
        x->warmth = sqlite3_column_int(st, 10);
        x->hard_to_walk = sqlite3_column_int(st, 11);
        x->pain_persists = sqlite3_column_int(st, 12);
        x->sudden_swelling = sqlite3_column_int(st, 13);
        x->headache = sqlite3_column_int(st, 14);
        x->vision_problems = sqlite3_column_int(st, 15);
        x->pain_below_ribs = sqlite3_column_int(st, 16);
    }
    if (step != SQLITE_DONE) {
        rc = fail_db(s, "list cramps");
        goto out;
    }
    *out = c;
    *n = count;
    c = NULL;
out:
    free(c);
    sqlite3_finalize(st);
    return rc;
}
