/*
 * store.h - the SQLite database of one person: food table, diary, profile,
 * cramp diary.  Every SQL statement of dietbal lives in the store's files
 * (src/store*.c); callers see plain structs, declared with their modules
 * (food.h, diary.h, profile.h, cramp.h, recipe.h, supplement.h) so that
 * code which only reads them need not include this header.  Functions return STORE_OK or an error
 * code, and leave a message for store_errmsg(); they never print.
 */
#ifndef DIETBAL_STORE_H
#define DIETBAL_STORE_H

#include "dietbal/cramp.h"
#include "dietbal/diary.h"
#include "dietbal/food.h"
#include "dietbal/profile.h"
#include "dietbal/recipe.h"
#include "dietbal/supplement.h"

#include <stddef.h>
#include <stdint.h>

typedef struct store store;

enum {
    STORE_OK = 0,
    STORE_ERROR = 1,    /* SQLite or system failure */
    STORE_NOTFOUND = 2, /* no such food / entry */
    STORE_EINPUT = 3,   /* store_open: the path is a directory, a device, or a
                           file that is not a dietbal database */
    STORE_CONFLICT = 4, /* the id is taken by the other kind: a food's id for
                           a supplement, a supplement's for a food */
};

/*
 * Open (creating when missing) the database at path; ":memory:" gives a
 * private in-memory one.  A new file's directory is created 0700 and the
 * file 0600.  The schema is migrated to the current version.  On failure
 * *out is untouched and err holds "PATH: why"; STORE_EINPUT when the path
 * names something that is not a dietbal database (a directory, a device, a
 * file that is not SQLite, another program's SQLite database), else
 * STORE_ERROR.
 */
int store_open(const char *path, store **out, char *err, size_t errlen);

/* dietbal's PRAGMA application_id, "DBAL"; 0 is accepted from older
 * versions (and set when they are migrated). */
#define STORE_APPLICATION_ID 0x4442414C

/* What store_open_mode may make of the path. */
enum store_open_mode {
    STORE_OPEN_EXISTING, /* a database must be there: nothing is created */
    STORE_OPEN_CREATE,   /* a missing file is created (and its directory) */
    STORE_OPEN_INIT,     /* that, and an empty file becomes a database */
};

/*
 * As store_open (which is STORE_OPEN_INIT), and the file is judged before
 * anything is written to it: missing (EXISTING), empty (all but INIT), not
 * SQLite, another program's application_id, a schema version below 0 or
 * above this dietbal's, all STORE_EINPUT with the file untouched.  A file
 * others may read is made 0600, or refused (STORE_EINPUT).
 */
int store_open_mode(const char *path, enum store_open_mode mode, store **out, char *err,
                    size_t errlen);
void store_close(store *s);

/* Copy the WAL into the database and empty it (check, backup, after an
 * import).  STORE_OK or STORE_ERROR (a reader holds it: try later). */
int store_checkpoint(store *s);

/* The schema version store_open migrates to (the number of migrations). */
int store_schema_version(void);

/* The message of the last failure on this handle. */
const char *store_errmsg(const store *s);

/* Did the last failure on this handle come from a full disk? */
int store_disk_full(const store *s);

/*
 * PRAGMA integrity_check and PRAGMA foreign_key_check.  STORE_OK when both
 * ran: *problems is then NULL if the database is sound, else a new string
 * (free it) with one problem a line, at most 100 of each check.
 */
int store_integrity_check(store *s, char **problems);

/*
 * Every table, index, trigger and the full-text index the schema version
 * requires (every migration run on an empty database is the reference),
 * and a full-text index that holds one row a food.  *problems: NULL, or
 * one line a missing object, by name (free it).  With repair, indexes,
 * triggers and the full-text index are made again in one transaction
 * (user data is never touched; a missing table is reported, not made) and
 * *repaired lists what was.  STORE_OK when the check ran.
 */
int store_schema_check(store *s, int repair, char **problems, char **repaired);

/*
 * Copy the database to path with SQLite's online backup API: one consistent
 * state of it while other processes go on writing.  The copy is a single
 * file (rollback journal, no -wal) of mode 0600.  An existing path is
 * replaced only with overwrite.  STORE_EINPUT when path exists (without
 * overwrite), is a directory or is the database itself; STORE_ERROR on a
 * run-time failure.  A failure leaves no file behind.
 */
int store_backup(store *s, const char *path, int overwrite);

/* Transactions: store_begin takes the write lock at once (BEGIN IMMEDIATE). */
int store_begin(store *s);
int store_commit(store *s);
int store_rollback(store *s);

/* A transaction for a bulk import of foods (store_food_upsert): as
 * store_begin, but the full-text index of food names is brought up to date
 * once, by store_commit, instead of row by row.  Searches inside the
 * transaction do not see the foods it added or changed; store_rollback
 * leaves the database exactly as it was. */
int store_import_begin(store *s);

/* Inside an import: remember that food id was met on line of file number
 * `file`; *first_line is 0 when the id is new in that file, else the line
 * where it was first met.  Kept on disk, not in memory. */
int store_import_seen(store *s, int file, const char *id, unsigned long line,
                      unsigned long *first_line);

/* Inside an import of several files: an id met in two of them (the first
 * such pair, by the later file's line), *id a new string, or *id NULL when
 * every id is in one file only. */
int store_import_duplicate(store *s, char **id, int *file_a, unsigned long *line_a, int *file_b,
                           unsigned long *line_b);

/* Check the database file and that the full-text index agrees with the
 * food table; STORE_OK, or STORE_ERROR with what is wrong. */
int store_check(store *s);

/* --- foods --------------------------------------------------------------- */

enum { STORE_FOOD_ADDED = 1, STORE_FOOD_UPDATED = 2, STORE_FOOD_UNCHANGED = 3 };

/* Insert or replace a food (and its portions and values) by id; *what
 * (may be NULL) says which of STORE_FOOD_* happened.  A food that is already
 * stored with the same content is left alone.  Diary entries keep pointing
 * at a food that is updated.  STORE_CONFLICT when a supplement has the id. */
int store_food_upsert(store *s, const struct food *f, int *what);

/* Load a food by id into a new food (caller frees with food_free). */
int store_food_get(store *s, const char *id, struct food **out);
/* The same with only the values of the n nutrients listed (ids; the others
 * stay unknown): name and portions for a ranking that has the rest. */
int store_food_get_some(store *s, const char *id, const int *nutrients, size_t n,
                        struct food **out);

/* Number of foods. */
int store_food_count(store *s, long *out);

/* Ranked full-text search over food names and groups, at most limit hits.
 * No hit: *hits is NULL and *n 0.  Free with store_food_hits_free. */
int store_food_search(store *s, const char *text, size_t limit, struct food_hit **hits, size_t *n);
void store_food_hits_free(struct food_hit *hits, size_t n);

/* How many foods the full-text search finds for text (all its words),
 * counted up to STORE_MATCH_COUNT_MAX: past it a word says no more about
 * what was meant, and counting every match of a common word in a table of a
 * million foods would cost more than the search itself. */
#define STORE_MATCH_COUNT_MAX 10000
int store_food_match_count(store *s, const char *text, long *out);

/* Whether the food table holds any food (*any 1 or 0); cheaper than
 * store_food_count on a big table. */
int store_food_any(store *s, int *any);

/* --- remembered choices ---------------------------------------------------- */

/* The food a person chose for her words (query: the words normalised, as
 * foodsearch keys them): STORE_OK and *food_id (free it), STORE_NOTFOUND. */
int store_choice_get(store *s, const char *query, char **food_id);
/* Remember (or change) the choice; STORE_ERROR if the food does not exist. */
int store_choice_put(store *s, const char *query, const char *food_id);
/* Forget it; *removed is 1 when there was one, else 0. */
int store_choice_forget(store *s, const char *query, int *removed);

/* Call fn for every food with a known energy value, with its core values,
 * in the order they were stored; the hit (score 0) is valid during the call
 * only.  A non-zero return from fn stops the walk, which still returns
 * STORE_OK.  fn may use the store (but not change the food table).  Memory
 * stays flat however large the table: suggest.c ranks it as it streams. */
int store_foods_core_each(store *s, int (*fn)(const struct food_hit *, void *), void *ctx);

/* --- suggestion lists ------------------------------------------------------ */

/*
 * The ranked food suggestions for a nutrient, kept with the food table:
 * suggest.c makes them, an import stores them before it commits, and any
 * change to the foods drops them.  `rules` is suggest.c's fingerprint of
 * the rules that made a list; `asked` the length it was made for.
 */
struct stored_suggestion {
    struct food_hit food; /* id, name, group, core values; score: the list's */
    char *portion;        /* the serving's label, "1 cup" */
    double portion_g;
};

/* The first limit suggestions of the list for nutrient made by rules.
 * STORE_NOTFOUND when the store cannot answer: no such list, or one that
 * stops at its asked length, shorter than limit.  A list that lists every
 * family may hold fewer than limit. */
int store_suggestions_get(store *s, int nutrient, int64_t rules, size_t limit,
                          struct stored_suggestion **list, size_t *n);
/* Replace the list for nutrient (n rows, made for asked, n <= asked). */
int store_suggestions_put(store *s, int nutrient, int64_t rules, size_t asked,
                          const struct stored_suggestion *list, size_t n);
void store_suggestions_free(struct stored_suggestion *list, size_t n);

/* --- diary (diary.h) ------------------------------------------------------ */

int store_entry_add(store *s, const char *date, const char *time, const char *meal,
                    const char *food_id, double grams, int64_t *id);
/* A supplement entry: units of the supplement with that id (STORE_NOTFOUND
 * when there is none). */
int store_supplement_entry_add(store *s, const char *date, const char *time, const char *meal,
                               const char *supplement_id, double units, int64_t *id);
/* Entries (foods and supplements) with from <= date <= to, by date, time, id. */
int store_entries_list(store *s, const char *from, const char *to, struct entry **out, size_t *n);
void store_entries_free(struct entry *e, size_t n);
int store_entry_remove(store *s, int64_t id);

/* Totals for every day in [from, to] that has at least one entry (food or
 * supplement), by date. */
int store_day_totals(store *s, const char *from, const char *to, struct day_totals **out,
                     size_t *n);

/* The foods eaten and the supplements taken in [from, to], each once with
 * its grams (units) and amounts: the foods by id, then the supplements by
 * id.  Free with store_period_sources_free. */
int store_period_foods(store *s, const char *from, const char *to, struct period_source **out,
                       size_t *n);
void store_period_sources_free(struct period_source *src, size_t n);

/* --- supplements ------------------------------------------------------- */

/* Insert or update a supplement by id (its values replaced); *what (may be
 * NULL) is one of STORE_FOOD_ADDED, _UPDATED, _UNCHANGED.  Entries keep
 * pointing at a supplement that is updated.  STORE_CONFLICT when a food has
 * the id. */
int store_supplement_upsert(store *s, const struct supplement *p, int *what);

/* Load a supplement by id (supplement_free); STORE_NOTFOUND when none. */
int store_supplement_get(store *s, const char *id, struct supplement **out);

/* Every supplement, by id; *list is NULL and *n 0 when there is none.
 * Free with store_supplements_free. */
int store_supplements_list(store *s, struct supplement ***list, size_t *n);
void store_supplements_free(struct supplement **list, size_t n);

/* Does a food with this id exist? */
int store_food_exists(store *s, const char *id, int *exists);

/* --- recipes (recipe.h) ------------------------------------------------ */

/* Inside a transaction: store food f (recipe_compute's) and make it the
 * recipe r, its ingredients replacing any it had.  *what as for
 * store_food_upsert.  STORE_NOTFOUND when an ingredient's food is not
 * stored; STORE_CONFLICT when a supplement has the id. */
int store_recipe_put(store *s, const struct recipe *r, const struct food *f, int *what);

/* Recipe id (recipe_free); STORE_NOTFOUND when it is no recipe. */
int store_recipe_get(store *s, const char *id, struct recipe **out);

/* Every recipe, by id (recipe_free each, then free the array). */
int store_recipes_list(store *s, struct recipe ***out, size_t *n);

/* The recipes that have food id as a direct ingredient (ids; free each,
 * then the array). */
int store_recipe_dependents(store *s, const char *id, char ***ids, size_t *n);

/* Does the food from hold food target: is it target, or a recipe with
 * target among its ingredients however deep? */
int store_recipe_reaches(store *s, const char *from, const char *target, int *yes);

/* What uses food id: diary entries, recipes (as an ingredient) and saved
 * meals. */
int store_food_users(store *s, const char *id, long *entries, long *recipes, long *meals);

/*
 * Remove recipe id (STORE_NOTFOUND when it is none).  Without freeze its
 * food goes too, and the caller must have checked that nothing uses it
 * (else STORE_CONFLICT).  With freeze the food stays, with its values as
 * they are, under the id "removed:SLUG" (a number appended when taken)
 * and its name followed by " (removed recipe)"; *frozen_id (free it; may
 * be NULL) gets the new id.  Entries, recipes and meals that used it keep
 * its values.
 */
int store_recipe_remove(store *s, const char *id, int freeze, char **frozen_id);

/* --- saved meals (diary.h) ------------------------------------------------ */

/* Save meal m (inside a transaction).  A meal of that name is replaced
 * only with replace, else STORE_CONFLICT.  STORE_NOTFOUND when a food or a
 * supplement of it is not stored. */
int store_meal_put(store *s, const struct saved_meal *m, int replace);
/* STORE_NOTFOUND when there is no meal of that name. */
int store_meal_get(store *s, const char *name, struct saved_meal **out);
int store_meals_list(store *s, struct saved_meal ***out, size_t *n);
int store_meal_remove(store *s, const char *name);

/* --- profile and cramps -------------------------------------------------- */

int store_profile_get(store *s, struct profile *out);
int store_profile_put(store *s, const struct profile *p);

int store_cramp_add(store *s, const struct cramp *c, int64_t *id);
int store_cramps_list(store *s, const char *from, const char *to, struct cramp **out, size_t *n);

#endif
