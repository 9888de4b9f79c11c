/*
 * store.c - the store's core: open and close, pragmas, the schema and its
 * migrations, the statement cache, transactions, errors, and the helper
 * that reads a statement's rows into a list.
 *
 * One SQLite file per person (health data: directory 0700, file 0600).
 * Every SQL statement of dietbal lives in this file or another store*.c
 * (store_int.h lists them), prepared with bound parameters only; the hot
 * statements are prepared once per handle and kept.  The store never
 * prints; failures leave a message for store_errmsg().
 */
#include "store_int.h"

#include "dietbal/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

/* The WAL kept between runs is emptied when it grows beyond this. */
#define WAL_LIMIT_BYTES (4L * 1024 * 1024)
#define WAL_LIMIT_BYTES_SQL "4194304"

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

int store_fail(store *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    util_verrf(s->msg, sizeof(s->msg), fmt, ap);
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
    return store_fail(s, "%s%sthe database is in use by another process%s; waited %d s",
                      what ? what : "", what ? ": " : "", who, BUSY_TIMEOUT_MS / 1000);
}

int store_fail_db(store *s, const char *what) {
    s->code = sqlite3_extended_errcode(s->db);
    s->sys_errno = sqlite3_system_errno(s->db);
    if (full(s))
        return store_fail(s, "%s: the disk is full", what);
    if ((s->code & 0xff) == SQLITE_BUSY)
        return fail_busy(s, what);
    return store_fail(s, "%s: %s", what, sqlite3_errmsg(s->db));
}

int store_disk_full(const store *s) { return full(s); }

const char *store_errmsg(const store *s) { return s->msg; }

int store_exec(store *s, const char *sql) {
    char *e = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &e) != SQLITE_OK) {
        s->code = sqlite3_extended_errcode(s->db);
        s->sys_errno = sqlite3_system_errno(s->db);
        if ((s->code & 0xff) == SQLITE_BUSY)
            fail_busy(s, NULL);
        else
            store_fail(s, "%s", full(s) ? "the disk is full" : e ? e : sqlite3_errmsg(s->db));
        sqlite3_free(e);
        return STORE_ERROR;
    }
    return STORE_OK;
}

int store_prepare(store *s, const char *sql, sqlite3_stmt **st) {
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return store_fail_db(s, "prepare");
    return STORE_OK;
}

int store_cache_prepare(store *s, int which) {
    return store_prepare(s, cached_sql[which], &s->st[which]);
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
    int rc = store_prepare(s,
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
        rc = store_fail_db(s, "schema version");
    }
    sqlite3_finalize(st);
    if (rc != STORE_OK)
        return rc;
    /* Every check here only reads: a file refused is left as it was. */
    s->einput = 1;
    if (*app_id != 0 && *app_id != STORE_APPLICATION_ID)
        return store_fail(s, "not a dietbal database (application_id 0x%08X is another program's)",
                          (unsigned)*app_id);
    if (*version < 0)
        return store_fail(s,
                          "schema version %d is not one dietbal writes (the file was edited or is "
                          "damaged; restore a backup)",
                          *version);
    if (*version > N_MIGRATIONS)
        return store_fail(s,
                          "database schema version %d is newer than this dietbal (%d); use a newer "
                          "dietbal",
                          *version, N_MIGRATIONS);
    if (*version == 0 && tables > 0)
        return store_fail(s, "not a dietbal database (it holds %lld other table%s)",
                          (long long)tables, tables == 1 ? "" : "s");
    s->einput = 0;
    return STORE_OK;
}

/* Every nutrient of nutrients.c, by sql with ?1..?4 its id, tag, name, unit. */
static int nutrients_write(store *s, const char *sql) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, sql, &st);

    for (size_t i = 0; i < nutrients_count() && rc == STORE_OK; i++) {
        const struct nutrient_def *d = nutrients_get((int)i);
        sqlite3_reset(st);
        sqlite3_bind_int(st, 1, (int)i);
        sqlite3_bind_text(st, 2, d->tag, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, d->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, unit_name(d->unit), -1, SQLITE_STATIC);
        rc = store_step_done(s, st, "nutrient table");
    }
    sqlite3_finalize(st);
    return rc;
}

static int migrate(store *s) {
    int version = 0, app_id = 0, rc = STORE_ERROR;

    if (read_version(s, &version, &app_id) != STORE_OK)
        return STORE_ERROR;
    if (version == N_MIGRATIONS)
        return STORE_OK;
    if (store_exec(s, "BEGIN IMMEDIATE") != STORE_OK)
        return STORE_ERROR;
    /* Re-read under the write lock: another process may have migrated. */
    if (read_version(s, &version, &app_id) != STORE_OK)
        goto out;
    /* A new database says whose it is; one made by an older dietbal (0)
     * is marked when it is migrated. */
    if (app_id == 0) {
        char pragma[64];
        snprintf(pragma, sizeof(pragma), "PRAGMA application_id = %d", STORE_APPLICATION_ID);
        if (store_exec(s, pragma) != STORE_OK)
            goto out;
    }
    for (; version < N_MIGRATIONS; version++) {
        char pragma[64];
        if (store_exec(s, migrations[version]) != STORE_OK)
            goto out;
        snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", version + 1);
        if (store_exec(s, pragma) != STORE_OK)
            goto out;
    }
    /* The nutrient table mirrors nutrients.c; new entries are appended. */
    rc = nutrients_write(s, "INSERT INTO nutrient(id, tag, name, unit) VALUES (?1, ?2, ?3, ?4)"
                            " ON CONFLICT(id) DO UPDATE SET name = excluded.name");
out:
    if (rc == STORE_OK)
        rc = store_exec(s, "COMMIT");
    else
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* New nutrients appended to nutrients.c after a database was made. */
static int sync_nutrients(store *s) {
    sqlite3_stmt *st = NULL;
    long have = 0;
    int rc = STORE_OK;

    if (store_prepare(s, "SELECT count(*) FROM nutrient", &st) != STORE_OK)
        return STORE_ERROR;
    if (sqlite3_step(st) == SQLITE_ROW)
        have = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if ((size_t)have >= nutrients_count())
        return STORE_OK;
    if (store_exec(s, "BEGIN IMMEDIATE") != STORE_OK)
        return STORE_ERROR;
    rc = nutrients_write(s, "INSERT OR IGNORE INTO nutrient(id, tag, name, unit)"
                            " VALUES (?1, ?2, ?3, ?4)");
    if (rc == STORE_OK)
        return store_exec(s, "COMMIT");
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

long long store_now_ms(void) {
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
    long long start = store_now_ms();
    long wait_ms = 1;

    for (;;) {
        int version = 0, app_id = 0;
        s->code = SQLITE_OK;
        /* read and judge the file before anything is written to it */
        if (store_exec(s, "PRAGMA foreign_keys = ON") == STORE_OK &&
            read_version(s, &version, &app_id) == STORE_OK &&
            (memory || store_exec(s, "PRAGMA journal_mode = WAL") == STORE_OK) &&
            store_exec(s, "PRAGMA synchronous = FULL") == STORE_OK &&
            store_exec(s, "PRAGMA journal_size_limit = " WAL_LIMIT_BYTES_SQL) == STORE_OK &&
            migrate(s) == STORE_OK && sync_nutrients(s) == STORE_OK)
            return STORE_OK;
        if (s->einput || (s->code & 0xff) != SQLITE_BUSY ||
            store_now_ms() - start > BUSY_TIMEOUT_MS)
            return STORE_ERROR;
        struct timespec pause = {0, wait_ms * 1000000L};
        nanosleep(&pause, NULL);
        if (wait_ms < 64)
            wait_ms *= 2;
    }
}

int store_open(const char *path, store **out, char *err, size_t errlen) {
    return store_open_mode(path, STORE_OPEN_INIT, out, err, errlen);
}

/* Open the database in file, named shown in messages (they differ while a
 * new database is made under a temporary name: store_create). */
static int open_file(const char *file, const char *shown, enum store_open_mode mode, store **out,
                     char *err, size_t errlen) {
    store *s = NULL;
    int memory = strcmp(file, ":memory:") == 0;
    int rc = STORE_ERROR;
    const char *path = shown;

    if (!memory && (rc = store_precheck(file, mode, err, errlen)) != STORE_OK)
        return rc;
    rc = STORE_ERROR;
    s = calloc(1, sizeof(*s));
    if (!s) {
        util_errf_path(err, errlen, path, "out of memory");
        return STORE_ERROR;
    }
    /* no SQLITE_OPEN_CREATE: store_precheck made the file where one may be made */
    if (sqlite3_open_v2(file, &s->db,
                        SQLITE_OPEN_READWRITE | (memory ? SQLITE_OPEN_CREATE : 0) |
                            SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        util_errf_path(err, errlen, path, "%s", s->db ? sqlite3_errmsg(s->db) : "out of memory");
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
        util_errf_path(err, errlen, path, "%s",
                       full(s) ? "the disk is full (free some space; nothing was changed)"
                               : s->msg);
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

int store_open_mode(const char *path, enum store_open_mode mode, store **out, char *err,
                    size_t errlen) {
    return open_file(path, path, mode, out, err, errlen);
}

/* A temporary database older than this was left by a dietbal that was
 * killed while making it (making one takes well under a second). */
#define STALE_TMP_S 60

/* Remove what killed makings of path left: util_atomic_tmp's names
 * ".BASE.dietbal-XXXXXX" beside it, with SQLite's -journal, -wal, -shm. */
static void sweep_stale(const char *path) {
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    char prefix[300], name[4200];
    size_t plen;
    DIR *d;
    struct dirent *e;
    struct stat st;

    if (!dir)
        return;
    if ((size_t)snprintf(prefix, sizeof(prefix), ".%s.dietbal-", slash ? slash + 1 : path) >=
            sizeof(prefix) ||
        !(d = opendir(dir))) {
        free(dir);
        return;
    }
    plen = strlen(prefix);
    while ((e = readdir(d)) != NULL) {
        const char *rest = e->d_name + plen;
        if (strncmp(e->d_name, prefix, plen) != 0 || strlen(rest) < 6 ||
            (rest[6] && strcmp(rest + 6, "-journal") != 0 && strcmp(rest + 6, "-wal") != 0 &&
             strcmp(rest + 6, "-shm") != 0))
            continue;
        if (snprintf(name, sizeof(name), "%s/%s", dir, e->d_name) >= (int)sizeof(name))
            continue;
        if (lstat(name, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
            time(NULL) - st.st_mtime > STALE_TMP_S)
            unlink(name);
    }
    closedir(d);
    free(dir);
}

/*
 * A new database is made under a temporary name beside path (schema,
 * nutrient table, WAL mode, all in the main file) and only then linked into
 * place, so that a dietbal killed while making it leaves nothing at path:
 * not an empty file, which every later command would refuse.  A link that
 * finds path taken (another process made it meanwhile) is no failure: that
 * file is judged like any other.
 */
int store_create(const char *path, char *err, size_t errlen) {
    static const char *const side[] = {"-wal", "-shm"};
    char *tmp = NULL, name[4200];
    store *s = NULL;
    int fd, rc;

    sweep_stale(path);
    if ((fd = util_atomic_tmp(path, &tmp)) < 0) {
        util_errf_path(err, errlen, path, "%s", strerror(errno));
        return STORE_ERROR;
    }
    close(fd);
    rc = open_file(tmp, path, STORE_OPEN_INIT, &s, err, errlen);
    if (rc == STORE_OK && store_checkpoint(s) != STORE_OK) {
        util_errf_path(err, errlen, path, "%s",
                       full(s) ? "the disk is full (free some space; nothing was changed)"
                               : s->msg);
        rc = STORE_ERROR;
    }
    store_close(s);
    for (size_t i = 0; i < sizeof(side) / sizeof(side[0]); i++)
        if (snprintf(name, sizeof(name), "%s%s", tmp, side[i]) < (int)sizeof(name))
            unlink(name);
    if (rc != STORE_OK) {
        unlink(tmp);
    } else {
        enum util_place placed = util_atomic_place(tmp, path, 0);
        if (placed == UTIL_PLACE_ESYNC || (placed == UTIL_PLACE_EPLACE && errno != EEXIST)) {
            util_errf_path(err, errlen, path, "%s", strerror(errno));
            rc = STORE_ERROR;
        }
    }
    free(tmp);
    return rc;
}

int store_checkpoint(store *s) {
    const char *file = sqlite3_db_filename(s->db, "main");
    if (!file || !*file)
        return STORE_OK;
    if (sqlite3_wal_checkpoint_v2(s->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) !=
        SQLITE_OK)
        return store_fail_db(s, "checkpoint");
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

int store_begin(store *s) { return store_exec(s, "BEGIN IMMEDIATE"); }

int store_commit(store *s) {
    if (s->importing && store_import_finish(s) != STORE_OK)
        return STORE_ERROR;
    if (store_exec(s, "COMMIT") != STORE_OK)
        return STORE_ERROR;
    store_import_end(s);
    return STORE_OK;
}

int store_rollback(store *s) {
    int rc = STORE_OK;

    if (!sqlite3_get_autocommit(s->db))
        rc = store_exec(s, "ROLLBACK");
    store_import_end(s);
    return rc;
}

/*
 * The schema a database of this version must hold: every migration run on
 * an empty in-memory database.  Compared object by object with the file's,
 * so that nothing here lists names a migration could change.
 */
int store_reference_schema(sqlite3 **out) {
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

/* Grow list by one zeroed item; NULL when out of memory (list unchanged). */
static void *list_append(struct store_list *list) {
    if (util_grow(&list->items, &list->cap, list->n + 1, list->size) != 0)
        return NULL;
    return memset((char *)list->items + list->n++ * list->size, 0, list->size);
}

int store_rows(store *s, sqlite3_stmt *st, const char *what, store_row_fn *row,
               store_item_free_fn *item_free, struct store_list *list) {
    int rc = STORE_OK, step;

    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        void *item = list_append(list);
        if (!item) {
            rc = store_fail(s, "out of memory");
            break;
        }
        if ((rc = row(s, st, item)) != STORE_OK)
            break;
    }
    if (rc == STORE_OK && step != SQLITE_DONE)
        rc = store_fail_db(s, what);
    sqlite3_finalize(st);
    if (rc != STORE_OK) {
        store_items_free(list->items, list->n, list->size, item_free);
        list->items = NULL;
        list->n = list->cap = 0;
    }
    return rc;
}

int store_rows_sql(store *s, const char *sql, const char *what, store_row_fn *row,
                   store_item_free_fn *item_free, struct store_list *list) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, sql, &st);

    return rc == STORE_OK ? store_rows(s, st, what, row, item_free, list) : rc;
}

void store_items_free(void *items, size_t n, size_t size, store_item_free_fn *item_free) {
    for (size_t i = 0; items && item_free && i < n; i++)
        item_free((char *)items + i * size);
    free(items);
}
