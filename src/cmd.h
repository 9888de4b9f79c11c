/*
 * cmd.h - the command-line layer: one cmd_* function per command family,
 * each parsing its own options and returning an exit status (0 success,
 * 1 run-time failure, 2 bad usage or bad input).  Only main() exits.
 * Private to the commands (src/cmd_*.c and main.c): nothing outside
 * them includes it.
 */
#ifndef DIETBAL_CMD_H
#define DIETBAL_CMD_H

#include "dietbal/containers.h"
#include "dietbal/store.h"
#include "dietbal/units.h"
#include "dietbal/vocab.h"
#include "dietbal/supplement.h"
#include "dietbal/tables.h"
#include "opt.h"

#include <getopt.h> /* optind: where each command's operands start */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define DIETBAL_VERSION "0.1.0"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

struct cmd_ctx {
    const char *db_path; /* --db, or NULL for $DIETBAL_DB / XDG default */
    int json;            /* --json */
    int quiet;           /* --quiet */
};

typedef int (*cmd_fn)(int argc, char **argv, struct cmd_ctx *ctx);

int cmd_init(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_import(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_foods(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_profile(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_add(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_log(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_rm(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_day(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_cramp(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_report(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_suggest(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_export(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_check(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_backup(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_supplement(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_recipe(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_meal(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_copy(int argc, char **argv, struct cmd_ctx *ctx);

/* --- shared by the commands (cmd_common.c) -------------------------------- */

/*
 * The options of a command, by its table (opt.h) with the options every
 * command takes (--db PATH, --json, --quiet/-q; -h and --help are
 * opt.c's): true when the command goes on, operands from optind.  Else
 * *rc is the status to return: EXIT_OK after the usage or the completion
 * words were printed on stdout (-h, --completion-helper), EXIT_USAGE after
 * the error was printed.
 */
bool cmd_options(const struct opt_spec *spec, int argc, char **argv, struct cmd_ctx *ctx, int *rc);

/* The options every command and dietbal itself take, declared once:
 * --db PATH, --json, --quiet (-q), over ctx; the table ends with {0}. */
#define CMD_COMMON_N 4
void cmd_common_options(struct opt common[CMD_COMMON_N], struct cmd_ctx *ctx);

/* The usage of spec (with the common options) on stderr; EXIT_USAGE. */
int cmd_usage_error(const struct opt_spec *spec);

/* "dietbal: WHAT: 'VALUE' WHY" for a value opt.c refused. */
void cmd_opt_error(const struct opt_error *err);

/* "dietbal: what: why" on stderr.  Control characters and bytes that are
 * not UTF-8 are shown as \xHH; a very long line (a 128 KB argument quoted)
 * keeps its start and its end.  what may be NULL: "dietbal: why". */
void cmd_error(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The same with an argument the user gave, in quotes: dietbal: "ARG": why */
void cmd_error_arg(const char *arg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "dietbal: MSG" for a message a module wrote ("PATH:LINE: why"). */
void cmd_error_msg(const char *msg);

/* Text from the database or a file (a food name, an id, a meal) as a
 * terminal may show it: control and format characters as \u{202E},
 * bytes that are not UTF-8 as \xHH (textesc_term).  The string stays
 * valid for the next 15 calls; main frees them (cmd_tx_free). */
const char *cmd_tx(const char *s);
void cmd_tx_free(void);

/* A store call failed: "dietbal: WHAT: the store's message", the store
 * closed; EXIT_RUNTIME. */
int cmd_store_failed(store *s, const char *what);

/* The database path in force: --db, $DIETBAL_DB, $XDG_DATA_HOME/dietbal/dietbal.db,
 * ~/.local/share/dietbal/dietbal.db.  Writes into buf; NULL when no path. */
const char *cmd_db_path(const struct cmd_ctx *ctx, char *buf, size_t len);

/* Open the store, printing the error; EXIT_OK, EXIT_USAGE (not a dietbal
 * database, or none where mode says there must be one) or EXIT_RUNTIME.
 * Each command says what it may make: STORE_OPEN_EXISTING for those that
 * only read (nothing is created), STORE_OPEN_CREATE for those that store. */
int cmd_open_store(const struct cmd_ctx *ctx, enum store_open_mode mode, store **out);

/* The kinds of opt.h for a value the commands check themselves (an
 * operand, an option not yet in a table): the error printed as
 * "dietbal: OPTION: 'TEXT' why".  A date (YYYY-MM-DD, today, yesterday)
 * into YYYY-MM-DD; 0 or -1. */
int cmd_parse_date(const char *opt, const char *text, char out[11]);

/* The words and measures of everyday entries: the synonyms and everyday
 * foods, the container table, and the person's side of the Atlantic. */
struct cmd_words {
    struct vocab *vocab;
    struct containers *containers;
    enum vocab_dialect vocab_dialect;
    enum containers_dialect containers_dialect;
    char tables[TABLES_ORDER_LEN]; /* her order of food tables, "" built-in */
};

/* Load them from the foods directory and the profile in s; EXIT_OK, or
 * EXIT_RUNTIME with the error printed (a data file that is malformed). */
int cmd_words_load(store *s, struct cmd_words *w);
void cmd_words_free(struct cmd_words *w);

/* EXIT_OK when the database holds foods, else "run dietbal init" printed
 * and EXIT_USAGE (or EXIT_RUNTIME when the count failed). */
int cmd_need_foods(store *s, const char *what);

/* The locale that decides measures when the profile does not:
 * $LC_ALL, else $LC_MEASUREMENT, else $LANG (NULL when none is set). */
const char *cmd_locale_measures(void);

/* The directory holding the bundled food tables and the schema. */
const char *cmd_foods_dir(void);

/* Path of the schema foods/foodtable.xsd (static buffer). */
const char *cmd_schema_path(void);

/* --- supplement entries, for add (cmd_supplement.c) ----------------------- */

/* What was stored (dry_run: would be stored) for a supplement entry, as
 * add prints it. */
void cmd_dose_print(const struct supplement_dose *d, int64_t id, int dry_run, const char *date,
                    const char *meal);
/* The same as one JSON object (new reference; "id" null when dry_run). */
json_t *cmd_dose_json(const struct supplement_dose *d, int64_t id, int dry_run, const char *date,
                      const char *meal);

/* --- entries as people type them (cmd_entry.c) ----------------------------- */

/* One entry read: a food in grams, or a supplement's dose. */
struct cmd_item {
    struct food *food;           /* a food entry (owned); NULL for a supplement */
    struct units_result conv;    /* its grams and how they were reached */
    char note[768];              /* what was assumed, "" when nothing */
    struct supplement_dose supp; /* a supplement entry: supp.supp set (owned) */
    char *text;                  /* the entry as typed (owned) */
    char meal[12], time[6];      /* its own meal and time ("": the command's) */
    int64_t id;                  /* the diary entry, once stored */
};

/*
 * The one way entries are read, for add, recipe define and meal define:
 * the entry grammar (entry.h), the food search with remembered choices
 * (foodsearch.h), the units with containers and dialect (units.h), the
 * supplements (supplement.h), and "@meal:NAME" for every entry of a saved
 * meal ("2 @meal:NAME" twice each).  Read entries pile up in items.
 */
struct cmd_entries {
    store *s;
    struct cmd_words words;
    struct foodsearch *fs;
    struct units_opts opts;
    int interactive; /* ask at the terminal which food was meant */
    int meals;       /* @meal:NAME is allowed (default 1) */
    int supplements; /* supplement entries are allowed (default 1) */
    struct cmd_item *items;
    size_t n, cap;
};

/* Set up over store s (which must outlive it); EXIT_OK or an exit status
 * with the error printed.  cmd_entries_close even after a failure. */
int cmd_entries_open(struct cmd_entries *e, store *s, int force, int interactive);
void cmd_entries_close(struct cmd_entries *e);
/* Read ENTRY arg, appending one item (several for @meal:); EXIT_OK, or an
 * exit status with the error printed and nothing appended. */
int cmd_entries_add(struct cmd_entries *e, const char *arg);
/* Append an entry already resolved: amount grams of food id, or amount
 * units of supplement id (a saved meal's, a copied day's); text is what
 * it says, note (may be NULL) printed with it.  EXIT_OK, or an exit status
 * printed and nothing appended. */
int cmd_entries_add_stored(struct cmd_entries *e, const char *text, int supplement, const char *id,
                           double amount, const char *note);
/* Keep the choices made at the prompt, inside the caller's transaction. */
int cmd_entries_save_choices(struct cmd_entries *e);
/* Store every item as a diary entry (their ids set), all or none, in one
 * transaction with the choices; EXIT_OK or EXIT_RUNTIME (printed as what). */
int cmd_entries_store(struct cmd_entries *e, const char *date, const char *time, const char *meal,
                      const char *what);
/* What was stored (dry_run: would be), as add prints it, or as JSON. */
void cmd_items_print(const struct cmd_item *items, size_t n, const char *date, const char *meal,
                     int dry_run);
int cmd_items_json(const struct cmd_item *items, size_t n, const char *date, const char *meal,
                   int dry_run);

/* --- the words of choices (cmd_choice.c) ----------------------------------- */

/* words (NULL-terminated) joined into buf: sep between them, last before
 * the last one ("a, b or c" with ", " and " or "; "a b c" with " " twice).
 * Returns buf, cut short when len is too small. */
const char *cmd_choice_join(const char *const *words, const char *sep, const char *last, char *buf,
                            size_t len);

/* The --meal option of add, meal save and copy (short_name, or 0 for
 * none): one of entry_meals (entry.h), its index into *meal, which the
 * caller sets to -1 for "not given".  help is room for its help line. */
#define CMD_MEAL_HELP_LEN 96
struct opt cmd_meal_option(int short_name, int *meal, char help[CMD_MEAL_HELP_LEN]);
/* The meal of that index: its name, or "" for -1 (not given). */
const char *cmd_meal_name(int meal);

#endif
