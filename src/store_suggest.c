/*
 * store_suggest.c - the suggestion lists kept in the database: per nutrient,
 * the foods suggest.c ranked at the last import, with the rules that ranked
 * them.  A cache: any change to the foods drops it, and suggest.c ranks the
 * table itself when a list is missing or made by other rules.
 */
#include "store_int.h"

/* Foods are about to change: the stored suggestion lists (made from the
 * old table) go.  An import makes them afresh before it commits
 * (cmd_import.c); until then suggest.c ranks the table itself. */
int store_suggestions_drop(store *s) {
    return store_exec(s, "DELETE FROM suggestion; DELETE FROM suggestion_list");
}

int store_suggestions_get(store *s, int nutrient, int64_t rules, size_t limit,
                          struct stored_suggestion **out, size_t *n) {
    sqlite3_stmt *st = NULL;
    struct stored_suggestion *list = NULL;
    size_t count = 0, want;
    sqlite3_int64 asked = 0, held = 0;
    int rc, step, found = 0;

    *out = NULL;
    *n = 0;
    rc = store_prepare(
        s,
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
        rc = store_fail_db(s, "suggestions");
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
        return store_fail(s, "out of memory");
    rc = store_prepare(
        s,
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
        x->food.id = store_column_strdup(st, 0);
        x->food.name = store_column_strdup(st, 1);
        x->food.group = store_column_strdup(st, 2);
        x->food.score = sqlite3_column_double(st, 3);
        for (int k = 0; k < NUT_CORE_COUNT; k++)
            x->food.per100[k] = store_column_value(st, 4 + k);
        x->portion = store_column_strdup(st, 4 + NUT_CORE_COUNT);
        x->portion_g = sqlite3_column_double(st, 5 + NUT_CORE_COUNT);
        if (!x->food.id || !x->food.name || !x->portion)
            rc = store_fail(s, "out of memory");
    }
    if (rc == STORE_OK && step != SQLITE_DONE && step != SQLITE_ROW)
        rc = store_fail_db(s, "suggestions");
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
    int rc = store_prepare(s, sql, &st);

    for (int i = 0; i < n && rc == STORE_OK; i++)
        sqlite3_bind_int64(st, i + 1, v[i]);
    if (rc == STORE_OK)
        rc = store_step_done(s, st, what);
    sqlite3_finalize(st);
    return rc;
}

int store_suggestions_put(store *s, int nutrient, int64_t rules, size_t asked,
                          const struct stored_suggestion *list, size_t n) {
    const sqlite3_int64 head[] = {nutrient, (sqlite3_int64)rules, (sqlite3_int64)asked};
    sqlite3_stmt *st = NULL;
    int rc;

    if (asked == 0 || n > asked)
        return store_fail(s, "suggestions: %zu rows for a list of %zu", n, asked);
    if (store_exec(s, "SAVEPOINT suggestion_put") != STORE_OK)
        return STORE_ERROR;
    rc = exec_ints(s, "DELETE FROM suggestion WHERE nutrient = ?1", head, 1, "suggestions");
    if (rc == STORE_OK)
        rc = exec_ints(s,
                       "INSERT OR REPLACE INTO suggestion_list(nutrient, rules, asked)"
                       " VALUES (?1, ?2, ?3)",
                       head, 3, "suggestions");
    if (rc == STORE_OK)
        rc = store_prepare(s,
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
        rc = store_step_done(s, st, "suggestions");
        if (rc == STORE_OK && sqlite3_changes(s->db) != 1)
            rc = store_fail(s, "suggestions: no food with id '%s'", list[i].food.id);
    }
    sqlite3_finalize(st);
    if (rc == STORE_OK)
        return store_exec(s, "RELEASE suggestion_put");
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
