/*
 * store_diary.c - what a person records: diary entries (foods in grams,
 * supplements in units), day and period totals, recipes and saved meals,
 * the profile, and the cramp diary.
 */
#include "store_int.h"

/* --- diary ----------------------------------------------------------------- */

/* Bind the dates of a range [from, to] to ?1 and ?2. */
static void bind_range(sqlite3_stmt *st, const char *from, const char *to) {
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
}

/* Insert a diary entry by sql, whose ?1..?5 are date, time, meal, the id
 * of the food or supplement (kind names it) and the amount. */
static int entry_insert(store *s, const char *sql, const char *kind, const char *date,
                        const char *time, const char *meal, const char *id, double amount,
                        int64_t *out) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, sql, &st);

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, time && *time ? time : NULL, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, meal && *meal ? meal : NULL, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, id, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 5, amount);
    if (sqlite3_step(st) != SQLITE_DONE) {
        rc = store_fail_db(s, "add entry");
    } else if (sqlite3_changes(s->db) == 0) {
        store_fail(s, "no %s with id '%s'", kind, id);
        rc = STORE_NOTFOUND;
    } else if (out) {
        *out = sqlite3_last_insert_rowid(s->db);
    }
    sqlite3_finalize(st);
    return rc;
}

int store_entry_add(store *s, const char *date, const char *time, const char *meal,
                    const char *food_id, double grams, int64_t *id) {
    return entry_insert(s,
                        "INSERT INTO entry(date, time, meal, food, grams)"
                        " SELECT ?1, ?2, ?3, rowid, ?5 FROM food WHERE id = ?4",
                        "food", date, time, meal, food_id, grams, id);
}

int store_supplement_entry_add(store *s, const char *date, const char *time, const char *meal,
                               const char *supplement_id, double units, int64_t *id) {
    return entry_insert(s,
                        "INSERT INTO entry(date, time, meal, kind, supplement, units)"
                        " SELECT ?1, ?2, ?3, 'supplement', rowid, ?5 FROM supplement WHERE id = ?4",
                        "supplement", date, time, meal, supplement_id, units, id);
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

/* One row of store_entries_list's statement into item (a struct entry). */
static int entry_row(store *s, sqlite3_stmt *st, void *item) {
    struct entry *x = item;
    x->id = sqlite3_column_int64(st, 0);
    store_copy_col(st, 1, x->date, sizeof(x->date));
    store_copy_col(st, 2, x->time, sizeof(x->time));
    store_copy_col(st, 3, x->meal, sizeof(x->meal));
    x->food_id = store_column_strdup(st, 4);
    x->food_name = store_column_strdup(st, 5);
    x->supplement = sqlite3_column_int(st, 6);
    x->grams = store_column_value(st, 7);
    x->units = store_column_value(st, 8);
    store_copy_col(st, 9, x->unit, sizeof(x->unit));
    for (int k = 0; k < NUT_CORE_COUNT; k++)
        x->values[k] = x->supplement ? sqlite3_column_double(st, 10 + NUT_CORE_COUNT + k) * x->units
                                     : store_column_value(st, 10 + k) * x->grams / 100.0;
    return x->food_id && x->food_name ? STORE_OK : store_fail(s, "out of memory");
}

static void entry_item_free(void *item) {
    struct entry *e = item;
    free(e->food_id);
    free(e->food_name);
}

int store_entries_list(store *s, const char *from, const char *to, struct entry **out, size_t *n) {
    sqlite3_stmt *st = NULL;
    struct store_list list = {.size = sizeof(**out)};
    int rc;

    rc = store_prepare(s,
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
    bind_range(st, from, to);
    if ((rc = store_rows(s, st, "list entries", entry_row, entry_item_free, &list)) == STORE_OK) {
        *out = list.items;
        *n = list.n;
    }
    return rc;
}

void store_entries_free(struct entry *e, size_t n) {
    store_items_free(e, n, sizeof(*e), entry_item_free);
}

int store_entry_remove(store *s, int64_t id) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "DELETE FROM entry WHERE id = ?1", &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "remove entry");
    else if (sqlite3_changes(s->db) == 0) {
        store_fail(s, "no entry with id %lld", (long long)id);
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
/* m(k) for each reported nutrient k, sep between them */
#define REPORTED(m, sep)                                                                           \
    m(0) sep m(1) sep m(2) sep m(3) sep m(4) sep m(5) sep m(6) sep m(7) sep m(38)
_Static_assert(NUT_VITAMIN_D == 38 && NUT_REPORTED_COUNT == 9,
               "REPORTED() names the core and vitamin D");

/* Per-day sums of the supplement entries, units * amount per unit. */
#define SUPP_DAY_SUM(k) "sum(e.units * " SUPP_VALUE_SQL("p", k) ")"

/* One row of supplement_days' statement into item (a struct day_totals). */
static int supplement_day_row(store *s, sqlite3_stmt *st, void *item) {
    struct day_totals *x = item;
    (void)s;
    store_copy_col(st, 0, x->date, sizeof(x->date));
    x->supplement_entries = sqlite3_column_int(st, 1);
    for (int k = 0; k < NUT_REPORTED_COUNT; k++)
        x->supplement[k] = sqlite3_column_double(st, 2 + k);
    return STORE_OK;
}

/* The days of [from, to] with supplement entries: date, count, amounts. */
static int supplement_days(store *s, const char *from, const char *to, struct store_list *days) {
    sqlite3_stmt *st = NULL;
    int rc;

    rc = store_prepare(
        s,
        "SELECT e.date, count(*), " REPORTED(
            SUPP_DAY_SUM, ",") " FROM entry e JOIN supplement p ON p.rowid = e.supplement"
                               " WHERE e.kind = 'supplement' AND e.date BETWEEN ?1 AND ?2"
                               " GROUP BY e.date ORDER BY e.date",
        &st);
    if (rc != STORE_OK)
        return rc;
    bind_range(st, from, to);
    return store_rows(s, st, "day totals", supplement_day_row, NULL, days);
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

/* One row of store_day_totals' statement into item (a struct day_totals). */
static int food_day_row(store *s, sqlite3_stmt *st, void *item) {
    struct day_totals *x = item;
    (void)s;
    store_copy_col(st, 0, x->date, sizeof(x->date));
    x->entries = sqlite3_column_int(st, 1);
    x->grams = sqlite3_column_double(st, 2);
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        /* no entry with a known value: the total is unknown */
        x->known_grams[k] = sqlite3_column_type(st, 4 + 2 * k) == SQLITE_NULL
                                ? 0.0
                                : sqlite3_column_double(st, 4 + 2 * k);
        x->total[k] = store_column_value(st, 3 + 2 * k);
    }
    return STORE_OK;
}

int store_day_totals(store *s, const char *from, const char *to, struct day_totals **out,
                     size_t *n) {
    sqlite3_stmt *st = NULL;
    struct store_list food = {.size = sizeof(**out)}, supp = {.size = sizeof(**out)};
    int rc;

    rc = store_prepare(
        s,
        "SELECT e.date, count(*), sum(e.grams), " REPORTED(DAY_SUM, ",") " FROM entry e" REPORTED(
            DAY_JOIN, ) " WHERE e.kind = 'food' AND e.date BETWEEN ?1 AND ?2"
                        " GROUP BY e.date ORDER BY e.date",
        &st);
    if (rc != STORE_OK)
        return rc;
    bind_range(st, from, to);
    if ((rc = store_rows(s, st, "day totals", food_day_row, NULL, &food)) != STORE_OK)
        return rc;
    if ((rc = supplement_days(s, from, to, &supp)) == STORE_OK &&
        merge_days(food.items, food.n, supp.items, supp.n, out, n) != 0)
        rc = store_fail(s, "out of memory");
    if (rc != STORE_OK)
        free(food.items);
    free(supp.items);
    return rc;
}

static void period_source_free(void *item) {
    struct period_source *x = item;
    free(x->id);
    free(x->name);
}

/* One row of period_foods' statement into item (a struct period_source). */
static int period_food_row(store *s, sqlite3_stmt *st, void *item) {
    struct period_source *x = item;
    x->id = store_column_strdup(st, 0);
    x->name = store_column_strdup(st, 1);
    x->grams = sqlite3_column_double(st, 2);
    x->units = NAN;
    for (int k = 0; k < NUT_REPORTED_COUNT; k++)
        x->amount[k] = store_column_value(st, 3 + k) * x->grams / 100.0;
    return x->id && x->name ? STORE_OK : store_fail(s, "out of memory");
}

/* The foods of [from, to]: a food's values are per 100 g, so its amount
 * over the period is value x (sum of its grams) / 100; a missing value
 * stays NULL (NAN). */
static int period_foods(store *s, const char *from, const char *to, struct store_list *list) {
    sqlite3_stmt *st = NULL;
    int rc;

    rc = store_prepare(
        s,
        "SELECT f.id, f.name, g.grams, " CORE_VALUES_SQL(
            "f") ", (SELECT value FROM food_value WHERE food = f.rowid AND nutrient = 38)"
                 " FROM (SELECT food, sum(grams) AS grams FROM entry"
                 " WHERE kind = 'food' AND date BETWEEN ?1 AND ?2 GROUP BY food) g"
                 " JOIN food f ON f.rowid = g.food ORDER BY f.id",
        &st);
    if (rc != STORE_OK)
        return rc;
    bind_range(st, from, to);
    return store_rows(s, st, "period foods", period_food_row, period_source_free, list);
}

/* One row of period_supplements' statement into item (a struct period_source). */
static int period_supplement_row(store *s, sqlite3_stmt *st, void *item) {
    struct period_source *x = item;
    x->id = store_column_strdup(st, 0);
    x->name = store_column_strdup(st, 1);
    store_copy_col(st, 2, x->unit, sizeof(x->unit));
    x->grams = NAN;
    x->units = sqlite3_column_double(st, 3);
    for (int k = 0; k < NUT_REPORTED_COUNT; k++)
        x->amount[k] = sqlite3_column_double(st, 4 + k) * x->units;
    return x->id && x->name ? STORE_OK : store_fail(s, "out of memory");
}

/* The supplements of [from, to]: units taken x the label's amount per
 * unit (an undeclared amount is 0). */
static int period_supplements(store *s, const char *from, const char *to, struct store_list *list) {
    sqlite3_stmt *st = NULL;
    int rc;

    rc = store_prepare(
        s,
        "SELECT p.id, p.name, p.unit, g.units, " SUPP_CORE_VALUES_SQL("p") "," SUPP_VALUE_SQL(
            "p", 38) " FROM (SELECT supplement, sum(units) AS units FROM entry"
                     " WHERE kind = 'supplement' AND date BETWEEN ?1 AND ?2"
                     " GROUP BY supplement) g"
                     " JOIN supplement p ON p.rowid = g.supplement ORDER BY p.id",
        &st);
    if (rc != STORE_OK)
        return rc;
    bind_range(st, from, to);
    return store_rows(s, st, "period supplements", period_supplement_row, period_source_free, list);
}

int store_period_foods(store *s, const char *from, const char *to, struct period_source **out,
                       size_t *n) {
    struct store_list list = {.size = sizeof(**out)};
    int rc = period_foods(s, from, to, &list);

    /* a failure frees the list: the foods' rows too */
    if (rc == STORE_OK && (rc = period_supplements(s, from, to, &list)) == STORE_OK) {
        *out = list.items;
        *n = list.n;
    }
    return rc;
}

void store_period_sources_free(struct period_source *src, size_t n) {
    store_items_free(src, n, sizeof(*src), period_source_free);
}

/* --- recipes ----------------------------------------------------------------- */

/* Run a statement with an int64 and maybe a text and a double bound. */
static int exec_bound(store *s, const char *sql, sqlite3_int64 a, const char *text, double d,
                      const char *what) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, sql, &st);
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
    rc = store_step_done(s, st, what);
    sqlite3_finalize(st);
    return rc;
}

int store_recipe_put(store *s, const struct recipe *r, const struct food *f, int *what) {
    sqlite3_stmt *st = NULL;
    sqlite3_int64 rowid = 0, ing;
    int rc;

    if ((rc = store_food_upsert(s, f, what)) != STORE_OK)
        return rc;
    if ((rc = store_food_rowid(s, r->id, &rowid)) != STORE_OK)
        return rc;
    rc = store_prepare(s,
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
    rc = store_step_done(s, st, "recipe");
    sqlite3_finalize(st);
    st = NULL;
    if (rc != STORE_OK)
        return rc;
    if ((rc = exec_bound(s, "DELETE FROM recipe_ingredient WHERE recipe = ?1", rowid, NULL, NAN,
                         "recipe ingredients")) != STORE_OK)
        return rc;
    rc = store_prepare(s,
                       "INSERT INTO recipe_ingredient(recipe, seq, text, food, grams)"
                       " VALUES (?1, ?2, ?3, ?4, ?5)",
                       &st);
    for (size_t i = 0; rc == STORE_OK && i < r->n_ing; i++) {
        if ((rc = store_food_rowid(s, r->ing[i].food_id, &ing)) != STORE_OK)
            break;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, rowid);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_text(st, 3, r->ing[i].text, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, ing);
        sqlite3_bind_double(st, 5, r->ing[i].grams);
        rc = store_step_done(s, st, "recipe ingredient");
    }
    sqlite3_finalize(st);
    return rc;
}

/* The recipe of a row (food rowid, id, name, yield_g, serves) with its
 * ingredients, into *(struct recipe **)out (a store_row_fn). */
static int recipe_row(store *s, sqlite3_stmt *head, void *out) {
    sqlite3_stmt *st = NULL;
    struct recipe *r = recipe_new();
    int rc, step;

    if (!r)
        return store_fail(s, "out of memory");
    r->id = store_column_strdup(head, 1);
    r->name = store_column_strdup(head, 2);
    r->yield_g = store_column_value(head, 3);
    r->serves = store_column_value(head, 4);
    if (!r->id || !r->name) {
        rc = store_fail(s, "out of memory");
        goto out;
    }
    if ((rc = store_prepare(s,
                            "SELECT i.text, f.id, i.grams FROM recipe_ingredient i"
                            " JOIN food f ON f.rowid = i.food WHERE i.recipe = ?1 ORDER BY i.seq",
                            &st)) != STORE_OK)
        goto out;
    sqlite3_bind_int64(st, 1, sqlite3_column_int64(head, 0));
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if (recipe_add_ingredient(r, (const char *)sqlite3_column_text(st, 0),
                                  (const char *)sqlite3_column_text(st, 1),
                                  sqlite3_column_double(st, 2)) != 0) {
            rc = store_fail(s, "out of memory");
            goto out;
        }
    if (step != SQLITE_DONE) {
        rc = store_fail_db(s, "recipe ingredients");
        goto out;
    }
    *(struct recipe **)out = r;
    r = NULL;
out:
    sqlite3_finalize(st);
    recipe_free(r);
    return rc;
}

static void recipe_item_free(void *item) { recipe_free(*(struct recipe **)item); }

#define RECIPE_SELECT                                                                              \
    "SELECT f.rowid, f.id, r.name, r.yield_g, r.serves FROM recipe r"                              \
    " JOIN food f ON f.rowid = r.food"

int store_recipe_get(store *s, const char *id, struct recipe **out) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, RECIPE_SELECT " WHERE f.id = ?1", &st), step;

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        rc = recipe_row(s, st, out);
    else if (step == SQLITE_DONE)
        rc = STORE_NOTFOUND, store_fail(s, "no recipe with id '%s'", id);
    else
        rc = store_fail_db(s, "recipe");
    sqlite3_finalize(st);
    return rc;
}

int store_recipes_list(store *s, struct recipe ***out, size_t *n) {
    struct store_list list = {.size = sizeof(**out)};
    int rc = store_rows_sql(s, RECIPE_SELECT " ORDER BY f.id", "recipes", recipe_row,
                            recipe_item_free, &list);
    if (rc == STORE_OK) {
        *out = list.items;
        *n = list.n;
    }
    return rc;
}

/* A column 0's text into item (a char *). */
static int text_row(store *s, sqlite3_stmt *st, void *item) {
    char **text = item;
    return (*text = store_column_strdup(st, 0)) ? STORE_OK : store_fail(s, "out of memory");
}

static void text_item_free(void *item) { free(*(char **)item); }

int store_recipe_dependents(store *s, const char *id, char ***ids, size_t *n) {
    sqlite3_stmt *st = NULL;
    struct store_list list = {.size = sizeof(**ids)};
    int rc = store_prepare(s,
                           "SELECT DISTINCT r.id FROM recipe_ingredient i"
                           " JOIN food r ON r.rowid = i.recipe JOIN food f ON f.rowid = i.food"
                           " WHERE f.id = ?1 ORDER BY r.id",
                           &st);

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    if ((rc = store_rows(s, st, "recipes", text_row, text_item_free, &list)) == STORE_OK) {
        *ids = list.items;
        *n = list.n;
    }
    return rc;
}

int store_recipe_reaches(store *s, const char *from, const char *target, int *yes) {
    sqlite3_stmt *st = NULL;
    int rc, step;

    if (strcmp(from, target) == 0) {
        *yes = 1;
        return STORE_OK;
    }
    rc = store_prepare(
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
        rc = store_fail_db(s, "recipe ingredients");
    sqlite3_finalize(st);
    return rc;
}

int store_food_users(store *s, const char *id, long *entries, long *recipes, long *meals) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(
            s,
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
        store_fail(s, "no food with id '%s'", id);
    } else {
        rc = store_fail_db(s, "food");
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
        return store_fail(s, "out of memory");
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
    return store_fail(s, "no free id for the removed recipe %s", id);
}

int store_recipe_remove(store *s, const char *id, int freeze, char **frozen) {
    sqlite3_stmt *st = NULL;
    sqlite3_int64 rowid = 0;
    char *new_id = NULL;
    long entries = 0, recipes = 0, meals = 0;
    int rc, is_recipe = 0;

    if ((rc = store_food_rowid(s, id, &rowid)) == STORE_OK)
        rc = store_prepare(s, "SELECT 1 FROM recipe WHERE food = ?1", &st);
    if (rc == STORE_OK) {
        sqlite3_bind_int64(st, 1, rowid);
        is_recipe = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        st = NULL;
    }
    if (rc == STORE_OK && !is_recipe) {
        store_fail(s, "no recipe with id '%s'", id);
        rc = STORE_NOTFOUND;
    }
    if (rc != STORE_OK)
        return rc;
    if (!freeze) {
        if ((rc = store_food_users(s, id, &entries, &recipes, &meals)) != STORE_OK)
            return rc;
        if (entries || recipes || meals) {
            store_fail(s, "%s is in use", id);
            return STORE_CONFLICT;
        }
        if ((rc = store_suggestions_drop(s)) != STORE_OK)
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

static void saved_item_free(void *item) {
    struct saved_item *it = item;
    free(it->food_id);
    free(it->text);
}

void saved_meal_free(struct saved_meal *m) {
    if (!m)
        return;
    store_items_free(m->items, m->n, sizeof(*m->items), saved_item_free);
    free(m->name);
    free(m);
}

int store_meal_put(store *s, const struct saved_meal *m, int replace) {
    sqlite3_stmt *st = NULL;
    sqlite3_int64 rowid;
    int rc, step;

    rc = store_prepare(s, "SELECT rowid FROM saved_meal WHERE name = ?1", &st);
    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, m->name, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    sqlite3_finalize(st);
    st = NULL;
    if (step == SQLITE_ROW && !replace) {
        store_fail(s, "a saved meal called '%s' exists", m->name);
        return STORE_CONFLICT;
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return store_fail_db(s, "saved meal");
    if (step == SQLITE_ROW && (rc = store_meal_remove(s, m->name)) != STORE_OK)
        return rc;
    if ((rc = store_prepare(s, "INSERT INTO saved_meal(name) VALUES (?1)", &st)) != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, m->name, -1, SQLITE_STATIC);
    rc = store_step_done(s, st, "saved meal");
    sqlite3_finalize(st);
    st = NULL;
    if (rc != STORE_OK)
        return rc;
    rowid = sqlite3_last_insert_rowid(s->db);
    rc =
        store_prepare(s,
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
        if ((rc = store_step_done(s, st, "saved meal entry")) == STORE_OK &&
            sqlite3_changes(s->db) == 0) {
            store_fail(s, "no %s with id '%s'", it->supplement ? "supplement" : "food",
                       it->food_id);
            rc = STORE_NOTFOUND;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* One row of meal_load's statement into item (a struct saved_item). */
static int meal_item_row(store *s, sqlite3_stmt *st, void *item) {
    struct saved_item *it = item;
    it->supplement = sqlite3_column_int(st, 0);
    it->food_id = store_column_strdup(st, 1);
    it->grams = store_column_value(st, 2);
    it->units = store_column_value(st, 3);
    it->text = store_column_strdup(st, 4);
    return it->food_id && it->text ? STORE_OK : store_fail(s, "out of memory");
}

/* The meal of that rowid and name, with its entries. */
static int meal_load(store *s, sqlite3_int64 rowid, const char *name, struct saved_meal **out) {
    sqlite3_stmt *st = NULL;
    struct saved_meal *m = calloc(1, sizeof(*m));
    struct store_list items = {.size = sizeof(*m->items)};
    int rc;

    if (!m || !(m->name = strdup(name))) {
        free(m);
        return store_fail(s, "out of memory");
    }
    rc = store_prepare(
        s,
        "SELECT i.supplement IS NOT NULL, coalesce(f.id, p.id), i.grams, i.units, i.text"
        " FROM saved_meal_item i LEFT JOIN food f ON f.rowid = i.food"
        " LEFT JOIN supplement p ON p.rowid = i.supplement"
        " WHERE i.meal = ?1 ORDER BY i.seq",
        &st);
    if (rc == STORE_OK) {
        sqlite3_bind_int64(st, 1, rowid);
        rc = store_rows(s, st, "saved meal", meal_item_row, saved_item_free, &items);
    }
    if (rc != STORE_OK) {
        saved_meal_free(m);
        return rc;
    }
    m->items = items.items;
    m->n = items.n;
    *out = m;
    return STORE_OK;
}

int store_meal_get(store *s, const char *name, struct saved_meal **out) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "SELECT rowid FROM saved_meal WHERE name = ?1", &st), step;

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        rc = meal_load(s, sqlite3_column_int64(st, 0), name, out);
    else if (step == SQLITE_DONE)
        rc = STORE_NOTFOUND, store_fail(s, "no saved meal called '%s'", name);
    else
        rc = store_fail_db(s, "saved meal");
    sqlite3_finalize(st);
    return rc;
}

/* A saved meal from a row (rowid, name), into *(struct saved_meal **)out. */
static int meal_row(store *s, sqlite3_stmt *st, void *out) {
    return meal_load(s, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1), out);
}

static void meal_item_free(void *item) { saved_meal_free(*(struct saved_meal **)item); }

int store_meals_list(store *s, struct saved_meal ***out, size_t *n) {
    struct store_list list = {.size = sizeof(**out)};
    int rc = store_rows_sql(s, "SELECT rowid, name FROM saved_meal ORDER BY name", "saved meals",
                            meal_row, meal_item_free, &list);
    if (rc == STORE_OK) {
        *out = list.items;
        *n = list.n;
    }
    return rc;
}

int store_meal_remove(store *s, const char *name) {
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "DELETE FROM saved_meal WHERE name = ?1", &st);

    if (rc != STORE_OK)
        return rc;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    if ((rc = store_step_done(s, st, "remove saved meal")) == STORE_OK &&
        sqlite3_changes(s->db) == 0) {
        store_fail(s, "no saved meal called '%s'", name);
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
    rc = store_prepare(s, "SELECT key, value FROM profile", &st);
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
        rc = store_fail_db(s, "profile");
    else
        *out = p;
    sqlite3_finalize(st);
    return rc;
}

int store_profile_put(store *s, const struct profile *p) {
    sqlite3_stmt *st = NULL;
    int rc;
    const char *sex = p->sex == SEX_FEMALE ? "female" : p->sex == SEX_MALE ? "male" : NULL;

    if ((rc = store_exec(s, "DELETE FROM profile")) != STORE_OK)
        return rc;
    if ((rc = store_prepare(s, "INSERT INTO profile(key, value) VALUES (?1, ?2)", &st)) != STORE_OK)
        return rc;
#define PUT(key, bind)                                                                             \
    do {                                                                                           \
        sqlite3_reset(st);                                                                         \
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);                                          \
        bind;                                                                                      \
        if (sqlite3_step(st) != SQLITE_DONE) {                                                     \
            rc = store_fail_db(s, "profile");                                                      \
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
    int rc =
        store_prepare(s,
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
        rc = store_fail_db(s, "add cramp");
    else if (id)
        *id = sqlite3_last_insert_rowid(s->db);
    sqlite3_finalize(st);
    return rc;
}

/* One row of store_cramps_list's statement into item (a struct cramp). */
static int cramp_row(store *s, sqlite3_stmt *st, void *item) {
    struct cramp *x = item;
    (void)s;
    x->id = sqlite3_column_int64(st, 0);
    store_copy_col(st, 1, x->date, sizeof(x->date));
    store_copy_col(st, 2, x->time, sizeof(x->time));
    x->severity = sqlite3_column_int(st, 3);
    x->duration_min = store_column_value(st, 4);
    store_copy_col(st, 5, x->site, sizeof(x->site));
    store_copy_col(st, 6, x->side, sizeof(x->side));
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
    return STORE_OK;
}

int store_cramps_list(store *s, const char *from, const char *to, struct cramp **out, size_t *n) {
    sqlite3_stmt *st = NULL;
    struct store_list list = {.size = sizeof(**out)};
    int rc;

    rc = store_prepare(s,
                       "SELECT id, date, time, severity, duration_min, site, side, night, swelling,"
                       " redness, warmth, hard_to_walk, pain_persists, sudden_swelling, headache,"
                       " vision_problems, pain_below_ribs FROM cramp"
                       " WHERE date BETWEEN ?1 AND ?2 ORDER BY date, time IS NOT NULL, time, id",
                       &st);
    if (rc != STORE_OK)
        return rc;
    bind_range(st, from, to);
    if ((rc = store_rows(s, st, "list cramps", cramp_row, NULL, &list)) == STORE_OK) {
        *out = list.items;
        *n = list.n;
    }
    return rc;
}
