/*
 * store_int.h - the insides of the store, shared by its files and by nothing
 * else (as SQLite's btreeInt.h is by btree.c and backup.c).
 *
 *   store.c          open and close, pragmas, migrations, the statement
 *                    cache, transactions, errors, the row-list helper
 *   store_import.c   the import: food rows written, the full-text index
 *                    brought up to date at commit
 *   store_food.c     foods read back, the search, remembered choices,
 *                    supplements (label definitions)
 *   store_diary.c    diary entries, day and period totals, recipes, saved
 *                    meals, profile, cramps
 *   store_backup.c   the file checks before open, check and --repair, backup
 *   store_suggest.c  the stored suggestion lists
 *
 * include/dietbal/store.h stays the one public face; nothing outside the
 * store*.c files may include this header.
 */
#ifndef DIETBAL_STORE_INT_H
#define DIETBAL_STORE_INT_H

#include "dietbal/store.h"

#include <math.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Statements kept for the life of the handle (the hot paths: the import,
 * the food loads of the suggestions, the search); their SQL is store.c's
 * cached_sql[]. */
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

/* A food's values go in VALUES_BATCH rows to a statement (see values_insert). */
#define VALUES_BATCH 32
/* How long a dietbal waits for another one that holds the database. */
#define BUSY_TIMEOUT_MS 10000

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
 * once at the end (store_import_begin, store_commit), so they are
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

/* --- foods (store_food.c) ---------------------------------------------------- */

/* The rowid of the food with that id: STORE_OK, STORE_NOTFOUND (message
 * set) or STORE_ERROR. */
int store_food_rowid(store *s, const char *id, sqlite3_int64 *rowid);

/* --- errors (store.c) -------------------------------------------------------- */

/* The message for store_errmsg(), printf-style; returns STORE_ERROR. */
int store_fail(store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "what: SQLite's reason" (or the disk is full, or who holds the lock). */
int store_fail_db(store *s, const char *what);

/* --- statements (store.c) ---------------------------------------------------- */

/* Run SQL without parameters (one statement or several). */
int store_exec(store *s, const char *sql);
/* Prepare sql into *st; the caller finalizes it. */
int store_prepare(store *s, const char *sql, sqlite3_stmt **st);
/* Prepare the kept statement which (ST_*) the first time it is asked for. */
int store_cache_prepare(store *s, int which);

/* Step a statement that returns no row. */
static inline int store_step_done(store *s, sqlite3_stmt *st, const char *what) {
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail_db(s, what);
    return STORE_OK;
}

/* A cached statement, reset and with bindings cleared; NULL on failure
 * (message set).  Inline: the import and the food loads ask for several
 * a food. */
static inline sqlite3_stmt *store_cached(store *s, int which) {
    if (!s->st[which] && store_cache_prepare(s, which) != STORE_OK)
        return NULL;
    sqlite3_reset(s->st[which]);
    sqlite3_clear_bindings(s->st[which]);
    return s->st[which];
}

/* A column's text, copied (NULL for NULL or out of memory). */
static inline char *store_column_strdup(sqlite3_stmt *st, int col) {
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? strdup((const char *)t) : NULL;
}

/* A column's number; NULL is unknown (NAN), not 0. */
static inline double store_column_value(sqlite3_stmt *st, int col) {
    return sqlite3_column_type(st, col) == SQLITE_NULL ? NAN : sqlite3_column_double(st, col);
}

/* A column's text into a fixed buffer ("" for NULL). */
static inline void store_copy_col(sqlite3_stmt *st, int col, char *buf, size_t len) {
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(buf, len, "%s", t ? (const char *)t : "");
}

/* --- lists of rows (store.c) ------------------------------------------------- */

/* An array that store_rows grows a row at a time: n items of size bytes,
 * room for cap.  Start it as {.size = sizeof(item)}. */
struct store_list {
    void *items;
    size_t n, cap, size;
};

/* Fill item (zeroed) from the current row of st: STORE_OK, or a failure
 * with the message set (what the item holds by then is still freed). */
typedef int store_row_fn(store *s, sqlite3_stmt *st, void *item);
/* Free what one item holds, not the item itself. */
typedef void store_item_free_fn(void *item);

/*
 * Step st (prepared and bound) to its end, one item appended to list a row,
 * then finalize it.  On failure ("what: why", or out of memory, or row's
 * own) every item of the list is freed with item_free (NULL: they hold
 * nothing), the array too, and the list is left empty.
 */
int store_rows(store *s, sqlite3_stmt *st, const char *what, store_row_fn *row,
               store_item_free_fn *item_free, struct store_list *list);
/* store_rows over sql, which has no parameter. */
int store_rows_sql(store *s, const char *sql, const char *what, store_row_fn *row,
                   store_item_free_fn *item_free, struct store_list *list);
/* n items of size bytes, each freed with item_free, then the array. */
void store_items_free(void *items, size_t n, size_t size, store_item_free_fn *item_free);

/* --- shared by the files ----------------------------------------------------- */

/* A monotonic clock in milliseconds, for waits bounded by BUSY_TIMEOUT_MS. */
long long store_now_ms(void);
/* Every migration run on an empty in-memory database (store.c owns the
 * migrations); 0, or -1 when it cannot be built. */
int store_reference_schema(sqlite3 **out);
/* Judge the file at path before SQLite opens it (store_backup.c). */
int store_precheck(const char *path, enum store_open_mode mode, char *err, size_t errlen);
/* Make a new database at path, which does not exist: built under a
 * temporary name and linked into place (store.c).  STORE_OK when a file is
 * there afterwards (this one, or another process's), else STORE_ERROR with
 * err set. */
int store_create(const char *path, char *err, size_t errlen);
/* The import's end: the index work, then foreign keys back on (store_import.c). */
int store_import_finish(store *s);
void store_import_end(store *s);
/* Foods are about to change: the stored suggestion lists go (store_suggest.c). */
int store_suggestions_drop(store *s);

#endif
