/*
 * store_backup.c - the database file itself: the checks of a path before
 * SQLite opens it (missing, empty, not SQLite, readable by others), the
 * checks of an open file ('dietbal check': integrity, foreign keys, the
 * full-text index, the schema against the migrations, --repair), and the
 * backup copy.
 *
 * It must not change user data: a repair only makes again what is derived
 * (indexes, triggers, the full-text index).
 */
#include "store_int.h"

#include "dietbal/fileout.h"
#include "dietbal/util.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* --- the file before it is opened -------------------------------------------- */

/* Make the parent directory (mode 0700) of a new database file. */
static int make_parent_dir(const char *path, char *err, size_t errlen) {
    char *dir = strdup(path);
    char *slash;
    int rc = 0;

    if (!dir) {
        util_errf_path(err, errlen, path, "out of memory");
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
                util_errf_path(err, errlen, dir, "%s", strerror(errno));
                rc = -1;
                goto out;
            }
            *p = '/';
        }
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
            util_errf_path(err, errlen, dir, "%s", strerror(errno));
            rc = -1;
        }
    }
out:
    free(dir);
    return rc;
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
int store_precheck(const char *path, enum store_open_mode mode, char *err, size_t errlen) {
    static const char magic[16] = "SQLite format 3";
    struct stat st;

    if (stat(path, &st) != 0) {
        int e = errno;
        if (e != ENOENT) {
            util_errf_path(err, errlen, path, "%s", strerror(e));
            return e == ENAMETOOLONG ? STORE_EINPUT : STORE_ERROR;
        }
        if (mode == STORE_OPEN_EXISTING) {
            snprintf(err, errlen, "no database at %s: run 'dietbal init' first",
                     strlen(path) > 200 ? "that path" : path);
            return STORE_EINPUT;
        }
        if (make_parent_dir(path, err, errlen) != 0)
            return STORE_ERROR;
        /* made whole under another name, then linked into place (0600) */
        if (store_create(path, err, errlen) != STORE_OK)
            return STORE_ERROR;
        if (stat(path, &st) != 0) { /* made and removed by another process */
            util_errf_path(err, errlen, path, "%s", strerror(errno));
            return STORE_ERROR;
        }
    }
    if (S_ISDIR(st.st_mode)) {
        util_errf_path(err, errlen, path, "is a directory");
        return STORE_EINPUT;
    }
    if (!S_ISREG(st.st_mode)) {
        util_errf_path(err, errlen, path, "not a regular file");
        return STORE_EINPUT;
    }
    if (st.st_size == 0) {
        if (mode != STORE_OPEN_INIT && !being_made(path, &st)) {
            util_errf_path(err, errlen, path,
                           "an empty file, not a database ('dietbal init' makes one in it)");
            return STORE_EINPUT;
        }
    } else {
        unsigned char head[100];
        ssize_t got;
        int fd;
        if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0) {
            util_errf_path(err, errlen, path, "%s", strerror(errno));
            return errno == EACCES ? STORE_EINPUT : STORE_ERROR;
        }
        got = read(fd, head, sizeof(head));
        close(fd);
        if (got < (ssize_t)sizeof(head) || memcmp(head, magic, sizeof(magic)) != 0) {
            util_errf_path(err, errlen, path, "file is not a database (no SQLite header)");
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
                util_errf_path(err, errlen, path,
                               "mode %04o lets others read it, and it cannot be made 0600 (%s): "
                               "run 'chmod 600' on it",
                               (unsigned)(st.st_mode & 07777), strerror(errno));
                return STORE_EINPUT;
            }
        }
    }
    return STORE_OK;
}

/* --- check ------------------------------------------------------------------ */

/*
 * The file's own consistency, and the full-text index against the food
 * table.  FTS5 3.40's 'integrity-check' looks only inside the index, so
 * the index is also compared, term by term and position by position, with
 * one built afresh from the food table; all of it inside a savepoint that
 * is rolled back.
 */
int store_check(store *s) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "PRAGMA integrity_check", &st);

    if (rc != STORE_OK)
        return rc;
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = store_fail_db(s, "integrity check");
    } else {
        const unsigned char *t = sqlite3_column_text(st, 0);
        if (!t || strcmp((const char *)t, "ok") != 0)
            rc = store_fail(s, "integrity check: %s", t ? (const char *)t : "no answer");
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != STORE_OK)
        return rc;
    if (store_prepare(s, "PRAGMA foreign_key_check", &st) != STORE_OK)
        return STORE_ERROR;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        rc = store_fail(s, "foreign key check: a row of %s points at a missing row of %s",
                        (const char *)sqlite3_column_text(st, 0),
                        (const char *)sqlite3_column_text(st, 2));
    else if (step != SQLITE_DONE)
        rc = store_fail_db(s, "foreign key check");
    sqlite3_finalize(st);
    st = NULL;
    if (rc != STORE_OK)
        return rc;
    /* and they are enforced, outside an import */
    if (store_prepare(s, "PRAGMA foreign_keys", &st) != STORE_OK)
        return STORE_ERROR;
    if (!s->fk_off && (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 1))
        rc = store_fail(s, "foreign keys are not enforced");
    sqlite3_finalize(st);
    st = NULL;
    if (rc != STORE_OK)
        return rc;
    if (store_exec(s, "INSERT INTO food_fts(food_fts) VALUES ('integrity-check')") != STORE_OK)
        return STORE_ERROR;
    if (store_exec(
            s, "SAVEPOINT store_check;"
               "CREATE VIRTUAL TABLE temp.fts_fresh USING fts5(name, grp, alias, " FTS_TOKENIZE ");"
               "INSERT INTO temp.fts_fresh(rowid, name, grp, alias)"
               "  SELECT rowid, name, grp, alias FROM food;"
               "CREATE VIRTUAL TABLE temp.fts_fresh_v USING fts5vocab(temp, fts_fresh, instance);"
               "CREATE VIRTUAL TABLE temp.fts_live_v USING fts5vocab(main, food_fts, instance)") !=
        STORE_OK) {
        rc = STORE_ERROR;
        goto out;
    }
    rc = store_prepare(s,
                       "SELECT (SELECT count(*) FROM (SELECT term, doc, col, offset FROM fts_live_v"
                       "  EXCEPT SELECT term, doc, col, offset FROM fts_fresh_v)),"
                       " (SELECT count(*) FROM (SELECT term, doc, col, offset FROM fts_fresh_v"
                       "  EXCEPT SELECT term, doc, col, offset FROM fts_live_v))",
                       &st);
    if (rc != STORE_OK)
        goto out;
    if (sqlite3_step(st) != SQLITE_ROW)
        rc = store_fail_db(s, "full-text index check");
    else if (sqlite3_column_int64(st, 0) || sqlite3_column_int64(st, 1))
        rc = store_fail(s, "full-text index: %lld entries not in the food table, %lld missing",
                        (long long)sqlite3_column_int64(st, 0),
                        (long long)sqlite3_column_int64(st, 1));
out:
    sqlite3_finalize(st);
    sqlite3_exec(s->db, "ROLLBACK TO store_check; RELEASE store_check", NULL, NULL, NULL);
    return rc;
}

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
    if ((rc = store_prepare(s, "PRAGMA integrity_check(100)", &st)) != STORE_OK)
        return rc;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *r = (const char *)sqlite3_column_text(st, 0);
        if (r && strcmp(r, "ok") == 0)
            continue;
        snprintf(line, sizeof(line), "integrity_check: %s", r ? r : "(null)");
        if (append_line(&text, &len, line)) {
            rc = store_fail(s, "out of memory");
            goto out;
        }
    }
    /* SQLite ends the list of a damaged file with SQLITE_CORRUPT: that is
     * one more thing wrong, not a failure of the check */
    if (step != SQLITE_DONE && !damaged(s, "integrity_check", &text, &len)) {
        rc = store_fail_db(s, "integrity_check");
        goto out;
    }
    sqlite3_finalize(st);
    st = NULL;

    /* foreign_key_check: table, rowid, parent table, constraint index */
    if ((rc = store_prepare(s, "PRAGMA foreign_key_check", &st)) != STORE_OK)
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
            rc = store_fail(s, "out of memory");
            goto out;
        }
    }
    if (step != SQLITE_DONE && !damaged(s, "foreign_key_check", &text, &len)) {
        rc = store_fail_db(s, "foreign_key_check");
        goto out;
    }
    if (lines > CHECK_MAX_LINES) {
        snprintf(line, sizeof(line), "foreign_key_check: %d more rows like these",
                 lines - CHECK_MAX_LINES);
        if (append_line(&text, &len, line)) {
            rc = store_fail(s, "out of memory");
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

/* Does the database hold a table of this name? */
static int table_exists(store *s, const char *name) {
    sqlite3_stmt *st = NULL;
    int yes = 0;
    if (name && store_prepare(s, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                              &st) == STORE_OK) {
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
    if (store_reference_schema(&ref) != 0)
        return store_fail(s, "schema check: cannot build the reference schema");
    if (sqlite3_prepare_v2(ref,
                           "SELECT type, name, sql, tbl_name FROM sqlite_master"
                           " WHERE name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY rowid",
                           -1, &list, NULL) != SQLITE_OK ||
        store_prepare(s, "SELECT count(*) FROM sqlite_master WHERE type = ?1 AND name = ?2",
                      &have) != STORE_OK) {
        store_fail(s, "schema check: %s", sqlite3_errmsg(ref));
        goto out;
    }
    if (repair && store_exec(s, "BEGIN IMMEDIATE") != STORE_OK)
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
            store_fail_db(s, "schema check");
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
            if (repair && sql && store_exec(s, sql) != STORE_OK)
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
        store_fail(s, "schema check: %s", sqlite3_errmsg(ref));
        goto undo;
    }
    /* the index holds one row a food (a damaged or stale one does not) */
    if (!fts_broken && table_exists(s, "food") && table_exists(s, "food_fts_docsize")) {
        sqlite3_stmt *st = NULL;
        if (store_prepare(
                s, "SELECT (SELECT count(*) FROM food), (SELECT count(*) FROM food_fts_docsize)",
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
                            store_exec(s, (const char *)sqlite3_column_text(st, 1)) != STORE_OK
                      : store_exec(s, drop) != STORE_OK)
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
        ok = ok && sql && store_exec(s, "DROP TABLE IF EXISTS food_fts") == STORE_OK &&
             store_exec(s, sql) == STORE_OK &&
             store_exec(s, "INSERT INTO food_fts(food_fts) VALUES ('rebuild')") == STORE_OK;
        free(sql);
        if (!ok)
            goto undo;
    }
    if (repair && store_exec(s, "COMMIT") != STORE_OK)
        goto undo;
    *problems = text;
    *repaired = fixed;
    text = fixed = NULL;
    rc = STORE_OK;
    goto out;
oom:
    store_fail(s, "out of memory");
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

/* --- backup ----------------------------------------------------------------- */

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
        store_fail(s, "%s: the disk is full (nothing was written)", given);
    else
        store_fail(s, "%s: %s", given, sqlite3_errmsg(dest));
}

int store_backup(store *s, const char *given, int overwrite) {
    const char *live = sqlite3_db_filename(s->db, "main");
    char *tmp = NULL, *path = NULL, err[1024];
    sqlite3 *dest = NULL;
    sqlite3_backup *b = NULL;
    enum fileout_kind kind;
    int rc = STORE_ERROR, fd = -1, made = 0, src, check;

    if (!live || !*live)
        return store_fail(s, "an in-memory database has no file to back up");
    /* the checks of every file dietbal writes (fileout.c): never the
     * database or its files, however named */
    check = fileout_check(given, live, overwrite, &kind, &path, err, sizeof(err));
    if (check != FILEOUT_OK) {
        store_fail(s, "%s", err);
        return check == FILEOUT_EINPUT ? STORE_EINPUT : STORE_ERROR;
    }
    if (kind != FILEOUT_REPLACE) {
        free(path);
        store_fail(s, "%s: not a regular file (a backup is a database file: give a file name)",
                   given);
        return STORE_EINPUT;
    }
    /* the copy holds the WAL's pages; the WAL is emptied while at it */
    sqlite3_wal_checkpoint_v2(s->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    if ((fd = util_atomic_tmp(path, &tmp)) < 0) {
        store_fail(s, "%s: %s", path, strerror(errno));
        goto out;
    }
    made = 1;
    close(fd);
    fd = -1;

    if (sqlite3_open_v2(tmp, &dest, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        store_fail(s, "%s: %s", tmp, dest ? sqlite3_errmsg(dest) : "out of memory");
        goto out;
    }
    sqlite3_busy_timeout(dest, BUSY_TIMEOUT_MS);
    if (!(b = sqlite3_backup_init(dest, "main", s->db, "main"))) {
        backup_fail(s, given, dest);
        goto out;
    }
    /* -1: every page in one step; BUSY or LOCKED only while the source
     * is being recovered or checkpointed: wait and go on */
    long long start = store_now_ms();
    while ((src = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || src == SQLITE_LOCKED) {
        if (store_now_ms() - start > BUSY_TIMEOUT_MS)
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
    made = 0; /* placed or removed, whatever happens */
    switch (util_atomic_place(tmp, path, overwrite)) {
    case UTIL_PLACE_OK:
        rc = STORE_OK;
        break;
    case UTIL_PLACE_ESYNC:
        store_fail(s, "%s: %s", tmp, strerror(errno));
        break;
    case UTIL_PLACE_EPLACE: {
        int e = errno;
        store_fail(s, "%s: %s", path, e == EEXIST ? "exists (--force replaces it)" : strerror(e));
        rc = e == EEXIST ? STORE_EINPUT : STORE_ERROR;
        break;
    }
    case UTIL_PLACE_EDIR:
        store_fail(s, "%s: sync: %s", given, strerror(errno));
        break;
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
