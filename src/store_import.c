/*
 * store_import.c - foods written: the bulk import (store_import_begin to
 * store_commit or store_rollback) and store_food_upsert, which the import
 * and the recipes call for each food.
 *
 * The import's hot statements are kept in the statement cache (store.c);
 * the full-text index is brought up to date once, at commit.  A food's hash
 * is stored with it: it must not change between versions, or every food
 * would be rewritten by the next import.
 */
#include "store_int.h"

#include "dietbal/util.h"

#include <stdint.h>

/*
 * Bulk import.  Two kinds of per-row work are done once instead.
 *
 * The full-text index.  Row by row, the triggers write every new food to
 * food_fts; once the FTS5 table has joined the transaction, every later
 * statement of it (the value rows of each food) opens a savepoint on it,
 * and FTS5 3.40 flushes its pending terms to disk at each one: half the
 * cost of an import went there.  So an import drops the insert and update
 * triggers inside its own transaction and brings the index up to date in
 * one pass at commit (store_import_finish): foods with a rowid above the largest
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

int store_import_begin(store *s) {
    sqlite3_stmt *st = NULL;

    if (store_exec(s, "PRAGMA foreign_keys = OFF") != STORE_OK)
        return STORE_ERROR;
    s->fk_off = 1;
    if (store_exec(s, "BEGIN IMMEDIATE") != STORE_OK || store_suggestions_drop(s) != STORE_OK)
        goto fail;
    if (store_prepare(s,
                      "SELECT (SELECT count(*) FROM nutrient WHERE id >= 0 AND id < ?1),"
                      " (SELECT coalesce(max(rowid), 0) FROM food)",
                      &st) != STORE_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)nutrients_count());
    if (sqlite3_step(st) != SQLITE_ROW) {
        store_fail_db(s, "import");
        goto fail;
    }
    if (sqlite3_column_int64(st, 0) != (sqlite3_int64)nutrients_count()) {
        store_fail(s, "the nutrient table lacks %lld of dietbal's %zu nutrients",
                   (long long)nutrients_count() - (long long)sqlite3_column_int64(st, 0),
                   nutrients_count());
        goto fail;
    }
    s->fts_from = sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    st = NULL;
    if (store_exec(s, "CREATE TEMP TABLE IF NOT EXISTS import_id("
                      "  file INTEGER, id TEXT, line INTEGER NOT NULL, PRIMARY KEY (file, id))"
                      "  WITHOUT ROWID;"
                      "DELETE FROM temp.import_id") != STORE_OK)
        goto fail;
    /* At the largest rowid SQLite picks free ones at random: keep the
     * triggers (a table of 2^63 foods will not happen, but stay right). */
    if (s->fts_from == INT64_MAX)
        return STORE_OK;
    if (store_exec(s, "DROP TRIGGER food_ai; DROP TRIGGER food_au;"
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
int store_import_finish(store *s) {
    sqlite3_stmt *st = NULL;
    int rc;

    if (store_exec(s, "INSERT INTO food_fts(food_fts, rowid, name, grp, alias)"
                      " SELECT 'delete', rowid, name, grp, alias FROM temp.fts_stale") != STORE_OK)
        return STORE_ERROR;
    rc = store_prepare(s,
                       "INSERT INTO food_fts(rowid, name, grp, alias)"
                       " SELECT rowid, name, grp, alias FROM food WHERE rowid > ?1",
                       &st);
    if (rc == STORE_OK) {
        sqlite3_bind_int64(st, 1, s->fts_from);
        rc = store_step_done(s, st, "full-text index");
    }
    sqlite3_finalize(st);
    if (rc != STORE_OK)
        return rc;
    if (store_exec(s, "INSERT INTO food_fts(rowid, name, grp, alias)"
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
    sqlite3_stmt *st = store_cached(s, ST_IMPORT_ID);

    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int(st, 1, file);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)line);
    if (store_step_done(s, st, "import") != STORE_OK)
        return STORE_ERROR;
    if (sqlite3_changes(s->db) == 1) {
        *first_line = 0;
        return STORE_OK;
    }
    if (!(st = store_cached(s, ST_IMPORT_ID_FIRST)))
        return STORE_ERROR;
    sqlite3_bind_int(st, 1, file);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW)
        return store_fail_db(s, "import");
    *first_line = (unsigned long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return STORE_OK;
}

int store_import_duplicate(store *s, char **id, int *file_a, unsigned long *line_a, int *file_b,
                           unsigned long *line_b) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
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
            rc = store_fail(s, "out of memory");
    } else if (step != SQLITE_DONE) {
        rc = store_fail_db(s, "import");
    }
    sqlite3_finalize(st);
    return rc;
}

/* Foreign keys back on after an import's transaction, however it ended. */
void store_import_end(store *s) {
    s->importing = 0;
    if (s->fk_off && sqlite3_get_autocommit(s->db)) {
        sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
        s->fk_off = 0;
    }
}

/* --- food rows -------------------------------------------------------------- */

/* FNV-1a, 64 bit (util.h), over everything a food holds: an unchanged
 * food is recognised on re-import without reading its rows back.  The
 * values are stored: the bytes hashed and their order must not change. */
static void hash_bytes(uint64_t *h, const void *p, size_t n) { *h = util_fnv1a64(*h, p, n); }

static void hash_str(uint64_t *h, const char *s) {
    if (s)
        hash_bytes(h, s, strlen(s) + 1);
    else
        hash_bytes(h, "\xff", 1);
}

static sqlite3_int64 food_hash(const struct food *f) {
    uint64_t h = UTIL_FNV1A64_INIT;
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
            store_fail(s, "out of memory");
            return NULL;
        }
        w = sql + snprintf(sql, len, "%s", head);
        for (size_t i = 0; i < n; i++)
            w += snprintf(w, len - (size_t)(w - sql), "%s(?1, ?%zu, ?%zu, ?%zu)", i ? ", " : "",
                          3 * i + 2, 3 * i + 3, 3 * i + 4);
        rc = store_prepare(s, sql, st);
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
        if (store_step_done(s, st, "insert values") != STORE_OK)
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
        sqlite3_stmt *st = store_cached(s, ST_ALIAS_INSERT);
        if (!st)
            return STORE_ERROR;
        sqlite3_bind_int64(st, 1, rowid);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_text(st, 3, f->aliases[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, f->aliases[i].lang, -1, SQLITE_STATIC);
        if (store_step_done(s, st, "insert alias") != STORE_OK)
            return STORE_ERROR;
    }
    return STORE_OK;
}

/* Is id a supplement's?  Asked only for ids in the supp: namespace, so
 * that an import of ordinary foods pays nothing for it. */
static int supplement_holds(store *s, const char *id, int *held) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "SELECT 1 FROM supplement WHERE id = ?1", &st), step;

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW || step == SQLITE_DONE)
        *held = step == SQLITE_ROW;
    else
        rc = store_fail_db(s, "supplement");
    sqlite3_finalize(st);
    return rc;
}

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
            store_fail(s, "%s is a supplement; a food cannot take a supplement's id", f->id);
            return STORE_CONFLICT;
        }
    }
    aliases = alias_text(f, &abuf);
    if (f->n_aliases && !aliases)
        return store_fail(s, "out of memory");

    if (!(st = store_cached(s, ST_FOOD_FIND)))
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
    if (!s->fk_off && store_suggestions_drop(s) != STORE_OK)
        goto out;
    if (found) {
        if (s->importing) {
            if (!(st = store_cached(s, ST_FTS_STALE)))
                goto out;
            sqlite3_bind_int64(st, 1, rowid);
            sqlite3_bind_int64(st, 2, s->fts_from);
            if (store_step_done(s, st, "update food") != STORE_OK)
                goto out;
        }
        if (!(st = store_cached(s, ST_FOOD_UPDATE)))
            goto out;
        sqlite3_bind_int64(st, 1, rowid);
        sqlite3_bind_text(st, 2, f->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, f->group, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, hash);
        sqlite3_bind_text(st, 5, aliases, -1, SQLITE_STATIC);
        if (store_step_done(s, st, "update food") != STORE_OK)
            goto out;
        if (!(st = store_cached(s, ST_PORTIONS_DELETE)))
            goto out;
        sqlite3_bind_int64(st, 1, rowid);
        if (store_step_done(s, st, "update portions") != STORE_OK)
            goto out;
        if (!(st = store_cached(s, ST_VALUES_DELETE)))
            goto out;
        sqlite3_bind_int64(st, 1, rowid);
        if (store_step_done(s, st, "update values") != STORE_OK)
            goto out;
        if (!(st = store_cached(s, ST_ALIASES_DELETE)))
            goto out;
        sqlite3_bind_int64(st, 1, rowid);
        if (store_step_done(s, st, "update aliases") != STORE_OK)
            goto out;
    } else {
        if (!(st = store_cached(s, ST_FOOD_INSERT)))
            goto out;
        sqlite3_bind_text(st, 1, f->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, f->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, f->group, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, hash);
        sqlite3_bind_text(st, 5, aliases, -1, SQLITE_STATIC);
        if (store_step_done(s, st, "insert food") != STORE_OK)
            goto out;
        rowid = sqlite3_last_insert_rowid(s->db);
    }

    for (size_t i = 0; i < f->n_portions; i++) {
        if (!(st = store_cached(s, ST_PORTION_INSERT)))
            goto out;
        sqlite3_bind_int64(st, 1, rowid);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_text(st, 3, f->portions[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 4, f->portions[i].amount);
        sqlite3_bind_double(st, 5, f->portions[i].grams);
        if (store_step_done(s, st, "insert portion") != STORE_OK)
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
