/*
 * store_food.c - foods read back: a food with its portions, values and
 * aliases, the full-text search and its match counts, the choices a person
 * made for her words, and the supplements (the label definitions that the
 * diary takes units of).
 *
 * Read-only but for the choices and the supplement definitions; the food
 * rows are written by store_import.c.
 */
#include "store_int.h"

#include "dietbal/util.h"
#include "dietbal/words.h"

/* --- foods ------------------------------------------------------------------- */

/* Load a food's values into f: every one (which == NULL), or those of the
 * n nutrients of which. */
static int food_values_load(store *s, sqlite3_int64 rowid, const int *which, size_t n,
                            struct food *f) {
    sqlite3_stmt *st;
    int step;

    if (which) {
        if (!(st = store_cached(s, ST_FOOD_GET_VALUE)))
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
                return store_fail_db(s, "values");
        }
        sqlite3_reset(st);
        return STORE_OK;
    }
    if (!(st = store_cached(s, ST_FOOD_GET_VALUES)))
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
    return step == SQLITE_DONE ? STORE_OK : store_fail_db(s, "values");
}

static int food_aliases_load(store *s, sqlite3_int64 rowid, struct food *f) {
    sqlite3_stmt *st = store_cached(s, ST_FOOD_GET_ALIASES);
    int step;
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int64(st, 1, rowid);
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if (food_add_alias(f, (const char *)sqlite3_column_text(st, 0),
                           (const char *)sqlite3_column_text(st, 1)) != 0) {
            sqlite3_reset(st);
            return store_fail(s, "out of memory");
        }
    sqlite3_reset(st);
    return step == SQLITE_DONE ? STORE_OK : store_fail_db(s, "aliases");
}

static int food_load(store *s, const char *id, const int *which, size_t n, struct food **out) {
    sqlite3_stmt *st;
    struct food *f = NULL;
    sqlite3_int64 rowid;
    int rc = STORE_ERROR, step;

    if (!(st = store_cached(s, ST_FOOD_GET)))
        return STORE_ERROR;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    step = sqlite3_step(st);
    if (step == SQLITE_DONE) {
        store_fail(s, "no food with id '%s'", id);
        rc = STORE_NOTFOUND;
        goto out;
    }
    if (step != SQLITE_ROW) {
        store_fail_db(s, "food");
        goto out;
    }
    if (!(f = food_new()))
        goto oom;
    rowid = sqlite3_column_int64(st, 0);
    f->id = store_column_strdup(st, 1);
    f->name = store_column_strdup(st, 2);
    f->group = store_column_strdup(st, 3);
    f->measured = sqlite3_column_int(st, 4);
    if (!f->id || !f->name)
        goto oom;
    sqlite3_reset(st);

    if (!(st = store_cached(s, ST_FOOD_GET_PORTIONS)))
        goto out;
    sqlite3_bind_int64(st, 1, rowid);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (food_add_portion(f, (const char *)sqlite3_column_text(st, 0),
                             sqlite3_column_double(st, 1), sqlite3_column_double(st, 2)) != 0)
            goto oom;
    }
    if (step != SQLITE_DONE) {
        store_fail_db(s, "portions");
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
    store_fail(s, "out of memory");
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

/* The first column of the one row sql gives, as an integer. */
static int query_int64(store *s, const char *sql, const char *what, sqlite3_int64 *out) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, sql, &st);

    if (rc == STORE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            *out = sqlite3_column_int64(st, 0);
        else
            rc = store_fail_db(s, what);
    }
    sqlite3_finalize(st);
    return rc;
}

int store_food_any(store *s, int *any) {
    sqlite3_int64 v = 0;
    int rc = query_int64(s, "SELECT EXISTS (SELECT 1 FROM food)", "count foods", &v);
    if (rc == STORE_OK)
        *any = (int)v;
    return rc;
}

int store_food_count(store *s, long *out) {
    sqlite3_int64 v = 0;
    int rc = query_int64(s, "SELECT count(*) FROM food", "count foods", &v);
    if (rc == STORE_OK)
        *out = (long)v;
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
        if (!util_isdigit((unsigned char)w[i]))
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

/* Run a statement whose columns are id, name, grp, score, core values. */
static int collect_hits(store *s, sqlite3_stmt *st, size_t limit, struct food_hit **hits,
                        size_t *n) {
    struct food_hit *h = NULL;
    size_t count = 0;
    int step;

    if (limit && !(h = calloc(limit, sizeof(*h))))
        return store_fail(s, "out of memory");
    while (count < limit && (step = sqlite3_step(st)) == SQLITE_ROW) {
        struct food_hit *x = &h[count++];
        x->id = store_column_strdup(st, 0);
        x->name = store_column_strdup(st, 1);
        x->group = store_column_strdup(st, 2);
        x->score = sqlite3_column_double(st, 3);
        for (int k = 0; k < NUT_CORE_COUNT; k++)
            x->per100[k] = store_column_value(st, 4 + k);
        if (!x->id || !x->name) {
            store_food_hits_free(h, count);
            return store_fail(s, "out of memory");
        }
    }
    if (count < limit && step != SQLITE_DONE) {
        store_food_hits_free(h, count);
        return store_fail_db(s, "search");
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
    if ((st = store_cached(s, ST_FOOD_SEARCH))) {
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
    if ((st = store_cached(s, ST_FOOD_MATCH_COUNT))) {
        sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, STORE_MATCH_COUNT_MAX);
        rc = STORE_OK;
        if (sqlite3_step(st) == SQLITE_ROW)
            *out = (long)sqlite3_column_int64(st, 0);
        else
            rc = store_fail_db(s, "search");
        sqlite3_reset(st);
    }
    free(q);
    return rc;
}

/* --- remembered choices ---------------------------------------------------- */

int store_choice_get(store *s, const char *query, char **food_id) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "SELECT f.id FROM choice c JOIN food f ON f.rowid = c.food"
                           " WHERE c.query = ?1",
                           &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    switch (sqlite3_step(st)) {
    case SQLITE_ROW:
        if (!(*food_id = store_column_strdup(st, 0)))
            rc = store_fail(s, "out of memory");
        break;
    case SQLITE_DONE:
        rc = STORE_NOTFOUND;
        break;
    default:
        rc = store_fail_db(s, "choice");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_choice_put(store *s, const char *query, const char *food_id) {
    sqlite3_stmt *st = NULL;
    int rc =
        store_prepare(s,
                      "INSERT INTO choice(query, food) SELECT ?1, rowid FROM food WHERE id = ?2"
                      " ON CONFLICT(query) DO UPDATE SET food = excluded.food,"
                      "   created = excluded.created",
                      &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, food_id, -1, SQLITE_STATIC);
    rc = store_step_done(s, st, "remember the choice");
    if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
        rc = store_fail(s, "no food with id '%s'", food_id);
    sqlite3_finalize(st);
    return rc;
}

int store_choice_forget(store *s, const char *query, int *removed) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "DELETE FROM choice WHERE query = ?1", &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    rc = store_step_done(s, st, "forget the choice");
    if (rc == STORE_OK)
        *removed = sqlite3_changes(s->db);
    sqlite3_finalize(st);
    return rc;
}

int store_foods_core_each(store *s, int (*fn)(const struct food_hit *, void *), void *ctx) {
    sqlite3_stmt *st = NULL;
    int rc, step = SQLITE_DONE, stop = 0;

    rc = store_prepare(s,
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
            rc = store_fail(s, "out of memory");
            break;
        }
        for (int k = 0; k < NUT_CORE_COUNT; k++)
            h.per100[k] = store_column_value(st, 3 + k);
        stop = fn(&h, ctx);
    }
    if (rc == STORE_OK && !stop && step != SQLITE_DONE)
        rc = store_fail_db(s, "foods");
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

/* --- supplements ------------------------------------------------------------ */

int store_food_rowid(store *s, const char *id, sqlite3_int64 *rowid) {
    sqlite3_stmt *st;
    int step;

    if (!(st = store_cached(s, ST_FOOD_FIND)))
        return STORE_ERROR;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *rowid = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (step == SQLITE_DONE) {
        store_fail(s, "no food with id '%s'", id);
        return STORE_NOTFOUND;
    }
    return step == SQLITE_ROW ? STORE_OK : store_fail_db(s, "food");
}

int store_food_exists(store *s, const char *id, int *exists) {
    sqlite3_int64 rowid;
    int rc = store_food_rowid(s, id, &rowid);

    if (rc == STORE_ERROR)
        return rc;
    *exists = rc == STORE_OK;
    return STORE_OK;
}

/* The values of the supplement with that rowid into p. */
static int supplement_values_load(store *s, sqlite3_int64 rowid, struct supplement *p) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "SELECT nutrient, value FROM supplement_value WHERE supplement = ?1",
                           &st),
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
        rc = store_fail_db(s, "supplement values");
    sqlite3_finalize(st);
    return rc;
}

/* A supplement from a row (rowid, id, name, unit) and its values, into
 * *(struct supplement **)out (a store_row_fn). */
static int supplement_row(store *s, sqlite3_stmt *st, void *out) {
    struct supplement *p = supplement_new();
    int rc = STORE_OK;

    if (!p)
        return store_fail(s, "out of memory");
    p->id = store_column_strdup(st, 1);
    p->name = store_column_strdup(st, 2);
    store_copy_col(st, 3, p->unit, sizeof(p->unit));
    if (!p->id || !p->name)
        rc = store_fail(s, "out of memory");
    else
        rc = supplement_values_load(s, sqlite3_column_int64(st, 0), p);
    if (rc != STORE_OK) {
        supplement_free(p);
        return rc;
    }
    *(struct supplement **)out = p;
    return STORE_OK;
}

static void supplement_item_free(void *item) { supplement_free(*(struct supplement **)item); }

int store_supplement_get(store *s, const char *id, struct supplement **out) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "SELECT rowid, id, name, unit FROM supplement WHERE id = ?1", &st),
        step;

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        rc = supplement_row(s, st, out);
    } else if (step == SQLITE_DONE) {
        store_fail(s, "no supplement with id '%s'", id);
        rc = STORE_NOTFOUND;
    } else {
        rc = store_fail_db(s, "supplement");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_supplements_list(store *s, struct supplement ***list, size_t *n) {
    struct store_list l = {.size = sizeof(**list)};
    int rc = store_rows_sql(s, "SELECT rowid, id, name, unit FROM supplement ORDER BY id",
                            "supplements", supplement_row, supplement_item_free, &l);
    if (rc == STORE_OK) {
        *list = l.items;
        *n = l.n;
    }
    return rc;
}

void store_supplements_free(struct supplement **list, size_t n) {
    store_items_free(list, n, sizeof(*list), supplement_item_free);
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
    int rc =
        store_prepare(s,
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
        rc = store_fail_db(s, "write supplement");
    if (rc == STORE_OK && sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "write supplement");
    sqlite3_finalize(st);
    return rc;
}

/* Replace the values of supplement rowid with p's declared ones. */
static int supplement_values_write(store *s, sqlite3_int64 rowid, const struct supplement *p) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "DELETE FROM supplement_value WHERE supplement = ?1", &st);

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_int64(st, 1, rowid);
    rc = store_step_done(s, st, "write supplement values");
    sqlite3_finalize(st);
    st = NULL;
    if (rc != STORE_OK ||
        (rc = store_prepare(s,
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
        rc = store_step_done(s, st, "write supplement values");
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
        store_fail(s, "%s is a food; a supplement cannot take a food's id", p->id);
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
