/*
 * cmd_import.c - `dietbal init` and `dietbal import FILE...`: stream food
 * tables into the store.
 *
 * All files of one command go into one transaction: if any file is bad,
 * nothing is imported and the database is exactly as it was.
 */
#include "dietbal/cmd.h"

#include "dietbal/foodtable.h"
#include "dietbal/suggest.h"

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

static int on_food(const struct food *f, void *vctx, char *err, size_t errlen)
{
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

/* A supplement (amounts per unit): added or updated in place. */
static int on_supplement(const struct supplement *p, void *vctx, char *err, size_t errlen)
{
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
                   char *err, size_t errlen)
{
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

static void on_progress(unsigned long long done, unsigned long long total, void *vctx)
{
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
static int import_files(store *s, char **files, int n, const struct cmd_ctx *ctx)
{
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
                       files[i], stats.foods, ic.added, ic.updated, ic.unchanged,
                       stats.portions, stats.values);
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
            cmd_error(files[fb], "line %lu: %s is also in %s (line %lu); one import takes "
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

static void import_usage(FILE *out)
{
    fprintf(out, "usage: dietbal import [--quiet] FILE...\n"
                 "Import food tables (dietbal XML format version 1, plain or .gz), with\n"
                 "any <supplement> they hold.  A food or supplement whose id exists is\n"
                 "updated; all files or none are imported.\n");
}

int cmd_import(int argc, char **argv, struct cmd_ctx *ctx)
{
    store *s = NULL;
    int rc;

    if ((rc = cmd_common_options_only(argc, argv, ctx, "import", import_usage)) >= 0)
        return rc;
    if (optind >= argc) {
        import_usage(stderr);
        return EXIT_USAGE;
    }
    /* A missing file is bad input: say so before touching the database. */
    for (int i = optind; i < argc; i++) {
        if (access(argv[i], R_OK) != 0) {
            cmd_error(argv[i], "%s", strerror(errno));
            return EXIT_USAGE;
        }
    }
    if ((rc = cmd_open_store(ctx, STORE_OPEN_CREATE, &s)) != EXIT_OK)
        return rc;
    rc = import_files(s, argv + optind, argc - optind, ctx);
    store_close(s);
    return rc;
}

/* Remove a database init made and could not finish, with SQLite's files. */
static void remove_database(const char *path)
{
    static const char *const suffix[] = {"-wal", "-shm", "-journal", ""};
    char name[4200];

    for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++)
        if (snprintf(name, sizeof(name), "%s%s", path, suffix[i]) < (int)sizeof(name))
            unlink(name);
}

static void init_usage(FILE *out)
{
    fprintf(out, "usage: dietbal init [--db PATH]\n"
                 "Create the database (file mode 0600) and import the bundled USDA SR24 "
                 "table.\n");
}

int cmd_init(int argc, char **argv, struct cmd_ctx *ctx)
{
    char table[4200];
    char *files[1] = {table};
    store *s = NULL;
    int rc;
    long foods = 0;

    if ((rc = cmd_common_options_only(argc, argv, ctx, "init", init_usage)) >= 0)
        return rc;
    if (optind < argc) {
        cmd_error("init", "unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    snprintf(table, sizeof(table), "%s/usda-sr24.xml.gz", cmd_foods_dir());
    if (access(table, R_OK) != 0) {
        cmd_error(table, "%s (the bundled food table is missing)", strerror(errno));
        return EXIT_RUNTIME;
    }
    /* a database this init makes is removed again if init fails (a full
     * disk): no half-made database, no WAL left filling the disk */
    char buf[4096];
    const char *path = cmd_db_path(ctx, buf, sizeof(buf));
    struct stat st;
    int fresh = path && (stat(path, &st) != 0 ? errno == ENOENT : st.st_size == 0);
    if ((rc = cmd_open_store(ctx, STORE_OPEN_INIT, &s)) != EXIT_OK) {
        if (fresh)
            remove_database(path);
        return rc;
    }
    rc = import_files(s, files, 1, ctx);
    if (rc == EXIT_OK && store_food_count(s, &foods) == STORE_OK && !ctx->quiet)
        printf("database %s holds %ld foods\n", path, foods);
    if (rc != EXIT_OK && store_disk_full(s))
        cmd_error(path, "the disk is full: %s", fresh ? "no database was made" : "nothing was imported");
    store_close(s);
    if (rc != EXIT_OK && fresh)
        remove_database(path);
    return rc == EXIT_USAGE ? EXIT_RUNTIME : rc;
}
