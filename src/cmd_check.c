/*
 * cmd_check.c - `dietbal check` and `dietbal backup FILE`: is the diary
 * sound, and a consistent copy of it while it is in use.
 *
 * Neither creates a database: there must be one at the path in force.
 * The SQL and the backup itself are store_integrity_check and store_backup.
 */
#include "cmd.h"

#include "dietbal/jsonout.h"
#include "dietbal/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Open the database at the path in force, which must exist. */
static int open_existing(const struct cmd_ctx *ctx, store **s) {
    return cmd_open_store(ctx, STORE_OPEN_EXISTING, s);
}

/* What check found (problems: one per line, or NULL; schema: they are
 * parts of the schema missing), as text or JSON; the exit status. */
static int print_problems(const struct cmd_ctx *ctx, const char *path, char *problems, int schema) {
    int rc = EXIT_OK;

    size_t count = 0;
    for (const char *p = problems; p && *p; p++)
        count += *p == '\n';
    if (ctx->json) {
        json_t *list = json_array();
        for (char *line = problems, *nl; line && *line; line = nl + 1) {
            if (!(nl = strchr(line, '\n')))
                break; /* every line ends with one */
            *nl = '\0';
            json_array_append_new(list, jstr(line));
        }
        if (json_print(json_pack("{s:s, s:b, s:o}", "database", path, "ok", problems == NULL,
                                 "problems", list),
                       stdout) != 0)
            rc = EXIT_RUNTIME;
    } else if (problems) {
        fputs(problems, stdout);
    } else if (!ctx->quiet) {
        printf("%s: ok (integrity_check, foreign_key_check, schema)\n", path);
    }
    if (problems) {
        if (schema && !strstr(problems, "restore a backup"))
            cmd_error(path,
                      "%zu part%s of the schema missing; 'dietbal check --repair' makes "
                      "them again (no data is lost)",
                      count, count == 1 ? "" : "s");
        else
            cmd_error(path, "the database is damaged (%zu problem%s); restore a backup", count,
                      count == 1 ? "" : "s");
        rc = EXIT_RUNTIME;
    }
    return rc;
}

/* The lines of what --repair made again, each said on stderr. */
static void print_repaired(char *repaired) {
    for (char *line = repaired, *nl; line && *line; line = nl + 1) {
        if (!(nl = strchr(line, '\n')))
            break;
        *nl = '\0';
        cmd_error("repaired", "%s", line);
    }
}

int cmd_check(int argc, char **argv, struct cmd_ctx *ctx) {
    int repair = 0;
    const struct opt opts[] = {{"repair", 0, OPT_FLAG, &repair,
                                .help = "make missing indexes and triggers again (never data)"},
                               {0}};
    const struct opt_spec spec = {
        .name = "check",
        .usage = "check [--repair] [--json]",
        .about = "Check the database: SQLite's integrity_check and foreign_key_check, and\n"
                 "every table, index, trigger and the full-text index the schema needs.\n"
                 "--repair makes missing indexes and triggers again and rebuilds the\n"
                 "full-text index (never user data).  Exit status 1 when anything is wrong.\n",
        .opts = opts};
    char buf[4096], *problems = NULL, *schema = NULL, *repaired = NULL;
    store *s = NULL;
    int rc = EXIT_OK;

    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (optind < argc) {
        cmd_error("check", "unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if ((rc = open_existing(ctx, &s)) != EXIT_OK)
        goto out;
    /* the WAL's pages into the database first: the check reads the file
     * as a backup would, and the WAL kept between runs is emptied */
    store_checkpoint(s);
    /* the schema only on a sound file: repairs write to it */
    if (store_integrity_check(s, &problems) != STORE_OK ||
        (!problems && store_schema_check(s, repair, &schema, &repaired) != STORE_OK)) {
        cmd_error("check", "%s", store_errmsg(s));
        rc = EXIT_RUNTIME;
        goto out;
    }
    store_close(s);
    s = NULL;
    print_repaired(repaired);
    rc = print_problems(ctx, cmd_db_path(ctx, buf, sizeof(buf)), schema ? schema : problems,
                        schema != NULL);
out:
    store_close(s);
    free(problems);
    free(schema);
    free(repaired);
    return rc;
}

int cmd_backup(int argc, char **argv, struct cmd_ctx *ctx) {
    int force = 0;
    const struct opt opts[] = {{"force", 'f', OPT_FLAG, &force, .help = "replace an existing FILE"},
                               {0}};
    const struct opt_spec spec = {
        .name = "backup",
        .usage = "backup [--force] FILE",
        .about = "Copy the database to FILE (mode 0600), consistent even while entries\n"
                 "are being added.  An existing FILE is replaced only with --force.\n",
        .opts = opts,
        .operands = "@file"};
    char buf[4096];
    store *s = NULL;
    int rc;

    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (optind + 1 != argc)
        return cmd_usage_error(&spec);
    const char *file = argv[optind];
    if (!*file) {
        cmd_error("backup", "the file name is empty");
        return EXIT_USAGE;
    }
    if ((rc = open_existing(ctx, &s)) != EXIT_OK)
        return rc;
    int r = store_backup(s, file, force);
    if (r != STORE_OK) {
        cmd_error_msg(store_errmsg(s));
        rc = r == STORE_EINPUT ? EXIT_USAGE : EXIT_RUNTIME;
    } else if (!ctx->quiet) {
        printf("%s: backed up to %s\n", cmd_db_path(ctx, buf, sizeof(buf)), file);
    }
    store_close(s);
    return rc;
}
