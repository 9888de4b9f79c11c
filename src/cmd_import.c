/*
 * cmd_import.c - `dietbal init` and `dietbal import FILE...`: stream food
 * tables into the store.
 *
 * All files of one command go into one transaction: if any file is bad,
 * nothing is imported and the database is exactly as it was.
 */
#include "cmd.h"

#include "dietbal/foodtable.h"
#include "dietbal/store.h"
#include "dietbal/suggest.h"
#include "dietbal/tables.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Unknown tags named one by one; the rest are counted. */
#define UNKNOWN_SHOWN 20

struct import_ctx {
    store *s;
    const char *path;
    int file; /* its number in the command */
    unsigned long added, updated, unchanged;
    unsigned long supp_added, supp_updated, supp_unchanged;
    int einput;   /* a callback refused the file's content (exit 2) */
    int progress; /* draw a bar on stderr */
    int last_pct;
};

static int on_food(const struct food *f, void *vctx, char *err, size_t errlen) {
    struct import_ctx *ic = vctx;
    int what = 0;

    int rc = store_food_upsert(ic->s, f, &what);
    if (rc != STORE_OK) {
        snprintf(err, errlen, "%s: food %s: %s", ic->path, f->id, store_errmsg(ic->s));
        ic->einput |= rc == STORE_CONFLICT;
        return -1;
    }
    if (what == STORE_FOOD_ADDED)
        ic->added++;
    else if (what == STORE_FOOD_UPDATED)
        ic->updated++;
    else
        ic->unchanged++;
    return 0;
}

/* A food that is a recipe (dietbal recipe export): its values as the
 * table gives them, and its ingredients kept, which must be foods of the
 * database (earlier in the file, or imported before) and must not hold
 * the recipe itself. */
static int on_recipe(const struct food *f, const struct recipe *r, void *vctx, char *err,
                     size_t errlen) {
    struct import_ctx *ic = vctx;
    int rc, inside = 0;

    for (size_t i = 0; i < r->n_ing; i++) {
        if ((rc = store_recipe_reaches(ic->s, r->ing[i].food_id, r->id, &inside)) != STORE_OK) {
            snprintf(err, errlen, "%s: food %s: %s", ic->path, f->id, store_errmsg(ic->s));
            return -1;
        }
        if (inside) {
            snprintf(err, errlen,
                     "%s: food %s: its ingredient %s contains it; a recipe cannot "
                     "contain itself",
                     ic->path, f->id, r->ing[i].food_id);
            ic->einput = 1;
            return -1;
        }
    }
    if ((rc = store_recipe_put(ic->s, r, f, NULL)) != STORE_OK) {
        snprintf(err, errlen, "%s: food %s: %s%s", ic->path, f->id, store_errmsg(ic->s),
                 rc == STORE_NOTFOUND ? " (an ingredient must be in the database: import its "
                                        "table first)"
                                      : "");
        ic->einput |= rc == STORE_NOTFOUND || rc == STORE_CONFLICT;
        return -1;
    }
    return 0;
}

/* A supplement (amounts per unit): added or updated in place. */
static int on_supplement(const struct supplement *p, void *vctx, char *err, size_t errlen) {
    struct import_ctx *ic = vctx;
    int what = 0, rc = store_supplement_upsert(ic->s, p, &what);

    if (rc != STORE_OK) {
        snprintf(err, errlen, "%s: supplement %s: %s", ic->path, p->id, store_errmsg(ic->s));
        ic->einput |= rc == STORE_CONFLICT;
        return -1;
    }
    if (what == STORE_FOOD_ADDED)
        ic->supp_added++;
    else if (what == STORE_FOOD_UPDATED)
        ic->supp_updated++;
    else
        ic->supp_unchanged++;
    return 0;
}

/* The ids met so far live in the store (on disk), not in memory. */
static int id_seen(const char *id, unsigned long line, unsigned long *first_line, void *vctx,
                   char *err, size_t errlen) {
    struct import_ctx *ic = vctx;
    unsigned long first = 0;

    if (store_import_seen(ic->s, ic->file, id, line, &first) != STORE_OK) {
        snprintf(err, errlen, "%s: food %s: %s", ic->path, id, store_errmsg(ic->s));
        return -1;
    }
    if (!first)
        return 0;
    *first_line = first;
    return 1;
}

static void on_progress(unsigned long long done, unsigned long long total, void *vctx) {
    struct import_ctx *ic = vctx;
    int pct = total ? (int)(done * 100 / total) : 100;
    const int width = 30;

    if (!ic->progress || pct == ic->last_pct)
        return;
    ic->last_pct = pct;
    int fill = pct * width / 100;
    fprintf(stderr, "\r%-.40s [", ic->path);
    for (int i = 0; i < width; i++)
        fputc(i < fill ? '#' : '.', stderr);
    fprintf(stderr, "] %3d%%", pct);
    fflush(stderr);
}

/* Import every file into the open store inside one transaction. */
static int import_files(store *s, char **files, int n, const struct cmd_ctx *ctx) {
    struct foodtable_stats stats;
    char err[1024];
    int rc = EXIT_OK;
    unsigned long added = 0, updated = 0, unchanged = 0;

    if (store_import_begin(s) != STORE_OK) {
        cmd_error("import", "%s", store_errmsg(s));
        return EXIT_RUNTIME;
    }
    for (int i = 0; i < n && rc == EXIT_OK; i++) {
        struct import_ctx ic = {.s = s, .path = files[i], .file = i, .last_pct = -1};
        struct foodtable_opts opts = {
            .schema_path = cmd_schema_path(),
            .on_food = on_food,
            .on_progress = on_progress,
            .ctx = &ic,
            .id_seen = id_seen,
            .on_supplement = on_supplement,
            .on_recipe = on_recipe,
        };
        ic.progress = !ctx->quiet && isatty(STDERR_FILENO);
        memset(&stats, 0, sizeof(stats));
        err[0] = '\0';
        int frc = foodtable_read(files[i], &opts, &stats, err, sizeof(err));
        if (ic.progress)
            fputc('\n', stderr);
        if (frc != FOODTABLE_OK) {
            cmd_error_msg(err);
            if (frc == FOODTABLE_EINPUT || ic.einput)
                rc = EXIT_USAGE;
            else
                rc = EXIT_RUNTIME;
        } else {
            /* one line a tag, for the first few */
            for (size_t k = 0; k < stats.n_unknown && k < UNKNOWN_SHOWN; k++)
                cmd_error(files[i], "warning: unknown tag %s skipped (%lu food%s)",
                          stats.unknown[k].tag, stats.unknown[k].count,
                          stats.unknown[k].count == 1 ? "" : "s");
            if (stats.n_unknown > UNKNOWN_SHOWN)
                cmd_error(files[i], "warning: %zu more unknown tags skipped",
                          stats.n_unknown - UNKNOWN_SHOWN);
            if (!ctx->quiet && (stats.foods || !stats.supplements))
                printf("%s: %lu foods: %lu added, %lu updated, %lu unchanged"
                       " (%lu portions, %lu values)\n",
                       files[i], stats.foods, ic.added, ic.updated, ic.unchanged, stats.portions,
                       stats.values);
            if (!ctx->quiet && stats.supplements)
                printf("%s: %lu supplements: %lu added, %lu updated, %lu unchanged\n", files[i],
                       stats.supplements, ic.supp_added, ic.supp_updated, ic.supp_unchanged);
            added += ic.added;
            updated += ic.updated;
            unchanged += ic.unchanged;
        }
        foodtable_stats_free(&stats);
    }
    /* the same food in two files would silently be the last one's */
    if (rc == EXIT_OK && n > 1) {
        char *id = NULL;
        int fa = 0, fb = 0;
        unsigned long la = 0, lb = 0;
        if (store_import_duplicate(s, &id, &fa, &la, &fb, &lb) != STORE_OK) {
            cmd_error("import", "%s", store_errmsg(s));
            rc = EXIT_RUNTIME;
        } else if (id) {
            cmd_error(files[fb],
                      "line %lu: %s is also in %s (line %lu); one import takes "
                      "each food from one file only",
                      lb, id, files[fa], la);
            rc = EXIT_USAGE;
        }
        free(id);
    }
    /* the suggestion lists of the new table, in the same transaction */
    if (rc == EXIT_OK && suggest_store_lists(s, err, sizeof(err)) != 0) {
        cmd_error("import", "food suggestions: %s", err);
        rc = EXIT_RUNTIME;
    }
    if (rc != EXIT_OK) {
        store_rollback(s);
        fprintf(stderr, "dietbal: import: nothing was imported\n");
        return rc;
    }
    if (store_commit(s) != STORE_OK) {
        cmd_error("import", "%s", store_errmsg(s));
        store_rollback(s);
        return EXIT_RUNTIME;
    }
    if (!ctx->quiet && n > 1)
        printf("total: %lu added, %lu updated, %lu unchanged\n", added, updated, unchanged);
    return EXIT_OK;
}

/* The tables named with --table, as files of the foods directory. */
#define TABLES_MAX 8
struct table_args {
    const struct table_def *t[TABLES_MAX];
    char path[TABLES_MAX][4200];
    size_t n;
};

/* Table t (one of tables_find's) added, once.  0, or -1 with err's why. */
static int table_add(struct table_args *ta, const struct table_def *t, struct opt_error *err) {
    err->value = NULL;
    for (size_t i = 0; i < ta->n; i++)
        if (ta->t[i] == t) {
            snprintf(err->why, sizeof(err->why), "%s is named twice", t->name);
            return -1;
        }
    if (ta->n == TABLES_MAX) {
        snprintf(err->why, sizeof(err->why), "too many tables");
        return -1;
    }
    ta->t[ta->n] = t;
    snprintf(ta->path[ta->n], sizeof(ta->path[0]), "%s/%s", cmd_foods_dir(), t->file);
    ta->n++;
    return 0;
}

/* --table NAME, after the choice was checked: o->data is the table_args. */
static int table_option(const struct opt *o, const char *text, struct opt_error *err) {
    return table_add(o->data, tables_find(text), err);
}

/* Every named table's file is there: else say where it should be and how
 * a table that is not shipped is made.  Before the database is touched. */
static int tables_present(const struct table_args *ta) {
    for (size_t i = 0; i < ta->n; i++) {
        if (access(ta->path[i], R_OK) == 0)
            continue;
        if (ta->t[i]->build)
            cmd_error(ta->t[i]->name, "%s: %s; %s", ta->path[i], strerror(errno), ta->t[i]->build);
        else
            cmd_error(ta->path[i], "%s (the bundled food table is missing)", strerror(errno));
        return EXIT_RUNTIME;
    }
    return EXIT_OK;
}

/* The options of import and init: --table NAME, repeated, into ta (names
 * gets the known tables' names, the choices). */
static void table_opts(struct opt opts[2], const char *names[TABLES_MAX + 1],
                       struct table_args *ta) {
    const struct opt t[2] = {{"table", 0, OPT_CHOICE, NULL, .choices = names, .arg = "NAME",
                              .why = "is not a food table (known: %s)", .check = table_option,
                              .data = ta,
                              .help = "an installed food table by name (again for several)"},
                             {0}};
    size_t i = 0;

    for (; i < tables_count() && i < TABLES_MAX; i++)
        names[i] = tables_get(i)->name;
    names[i] = NULL;
    memset(ta, 0, sizeof(*ta));
    memcpy(opts, t, sizeof(t));
}

int cmd_import(int argc, char **argv, struct cmd_ctx *ctx) {
    struct opt_spec spec = {
        .name = "import",
        .usage = "import [--quiet] [--table NAME]... [FILE]...",
        .about = "Import food tables (dietbal XML format version 1, plain or .gz), with\n"
                 "any <supplement> they hold.  A food or supplement whose id exists is\n"
                 "updated; all files or none are imported.  --table takes an installed\n"
                 "table by name: usda-sr24 or ifct2017.\n",
        .operands = "@file"};
    struct table_args ta;
    const char *names[TABLES_MAX + 1];
    struct opt opts[2];
    char **files = NULL;
    store *s = NULL;
    int rc, nfiles;

    table_opts(opts, names, &ta);
    spec.opts = opts;
    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (optind >= argc && !ta.n)
        return cmd_usage_error(&spec);
    /* A missing file is bad input: say so before touching the database. */
    for (int i = optind; i < argc; i++) {
        if (access(argv[i], R_OK) != 0) {
            cmd_error(argv[i], "%s", strerror(errno));
            return EXIT_USAGE;
        }
    }
    if ((rc = tables_present(&ta)) != EXIT_OK)
        return rc;
    nfiles = (int)ta.n + (argc - optind);
    if (!(files = calloc((size_t)nfiles, sizeof(*files)))) {
        cmd_error("import", "out of memory");
        return EXIT_RUNTIME;
    }
    for (size_t i = 0; i < ta.n; i++)
        files[i] = ta.path[i];
    for (int i = optind; i < argc; i++)
        files[ta.n + (size_t)(i - optind)] = argv[i];
    if ((rc = cmd_open_store(ctx, STORE_OPEN_CREATE, &s)) != EXIT_OK)
        goto out;
    rc = import_files(s, files, nfiles, ctx);
out:
    store_close(s);
    free(files);
    return rc;
}

/* Remove a database init made and could not finish, with SQLite's files. */
static void remove_database(const char *path) {
    static const char *const suffix[] = {"-wal", "-shm", "-journal", ""};
    char name[4200];

    for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++)
        if (snprintf(name, sizeof(name), "%s%s", path, suffix[i]) < (int)sizeof(name))
            unlink(name);
}

/* init --table A --table B: A before B when a food is in both, unless
 * she has already said (profile set --tables). */
static int keep_order(store *s, const struct table_args *ta) {
    struct profile p;
    char order[TABLES_ORDER_LEN] = "";
    size_t used = 0;

    if (store_profile_get(s, &p) != STORE_OK)
        return STORE_ERROR;
    if (p.tables[0] || ta->n < 2)
        return STORE_OK;
    for (size_t i = 0; i < ta->n; i++)
        used += (size_t)snprintf(order + used, sizeof(order) - used, "%s%s", i ? "," : "",
                                 ta->t[i]->name);
    snprintf(p.tables, sizeof(p.tables), "%s", order);
    if (store_begin(s) != STORE_OK)
        return STORE_ERROR;
    if (store_profile_put(s, &p) != STORE_OK) {
        store_rollback(s);
        return STORE_ERROR;
    }
    return store_commit(s);
}

int cmd_init(int argc, char **argv, struct cmd_ctx *ctx) {
    struct opt_spec spec = {
        .name = "init",
        .usage = "init [--db PATH] [--table NAME]...",
        .about = "Create the database (file mode 0600) and import food tables: the bundled\n"
                 "USDA SR24 (usda-sr24) by default, or those named with --table (usda-sr24,\n"
                 "ifct2017), in one transaction.  The order of several --table is kept as\n"
                 "the order of preference unless the profile already has one.\n"};
    struct table_args ta;
    const char *names[TABLES_MAX + 1];
    struct opt opts[2];
    struct opt_error err = {"init", NULL, ""};
    char *files[TABLES_MAX];
    store *s = NULL;
    int rc;
    long foods = 0;

    table_opts(opts, names, &ta);
    spec.opts = opts;
    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (optind < argc) {
        cmd_error("init", "unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if (!ta.n && table_add(&ta, tables_find("usda-sr24"), &err) != 0) {
        cmd_opt_error(&err);
        return EXIT_USAGE;
    }
    if ((rc = tables_present(&ta)) != EXIT_OK)
        return rc;
    for (size_t i = 0; i < ta.n; i++)
        files[i] = ta.path[i];
    /* a database this init makes is removed again if init fails (a full
     * disk): no half-made database, no WAL left filling the disk */
    char buf[4096];
    const char *path = cmd_db_path(ctx, buf, sizeof(buf));
    struct stat st;
    int fresh = path && (stat(path, &st) != 0 ? errno == ENOENT : st.st_size == 0);
    if ((rc = cmd_open_store(ctx, STORE_OPEN_INIT, &s)) != EXIT_OK)
        goto out;
    rc = import_files(s, files, (int)ta.n, ctx);
    if (rc == EXIT_OK && keep_order(s, &ta) != STORE_OK) {
        cmd_error("init", "%s", store_errmsg(s));
        rc = EXIT_RUNTIME;
    }
    if (rc == EXIT_OK && store_food_count(s, &foods) == STORE_OK && !ctx->quiet)
        printf("database %s holds %ld foods\n", path, foods);
    if (rc != EXIT_OK && store_disk_full(s))
        cmd_error(path, "the disk is full: %s",
                  fresh ? "no database was made" : "nothing was imported");
    if (rc == EXIT_USAGE) /* the tables init reads are dietbal's own: not her input */
        rc = EXIT_RUNTIME;
out:
    store_close(s);
    if (rc != EXIT_OK && fresh)
        remove_database(path);
    return rc;
}
