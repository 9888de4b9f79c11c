/*
 * cmd_export.c - `dietbal export [--from D] [--to D] [--format csv|json]`:
 * the diary as logged, one record per food entry and per cramp diary
 * entry, on standard output (product.md "Commands").  Without dates the
 * whole diary; --from alone runs to the last entry, --to alone from the
 * first.  Parsing and loading only; the layout is export.c's.
 */
#include "cmd.h"

#include "dietbal/export.h"
#include "dietbal/jsonout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole range of dates the store can hold. */
#define FIRST_DATE "0000-01-01"
#define LAST_DATE "9999-12-31"

static void export_usage(FILE *out) {
    fprintf(out, "usage: dietbal export [--from D] [--to D] [--format csv|json] [--json]\n"
                 "The diary as logged: one record per food entry (date, time, meal, food,\n"
                 "grams, energy, protein, calcium, magnesium, phosphorus, potassium, sodium,\n"
                 "water) and per cramp entry, on standard output.  Default: the whole diary,\n"
                 "as CSV.  --json is --format json.  Dates: YYYY-MM-DD, today or yesterday.\n");
}

struct export_args {
    char from[11], to[11];
    int json;
};

static int parse(int argc, char **argv, struct cmd_ctx *ctx, struct export_args *x) {
    static const struct option opts[] = {{"from", required_argument, NULL, 'f'},
                                         {"to", required_argument, NULL, 't'},
                                         {"format", required_argument, NULL, 'F'},
                                         CMD_COMMON_OPTIONS,
                                         {0, 0, 0, 0}};
    int c, format = -1;

    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cmd_common_option(c, ctx))
            continue;
        switch (c) {
        case 'f':
            if (cmd_parse_date("--from", optarg, x->from) != 0)
                return EXIT_USAGE;
            break;
        case 't':
            if (cmd_parse_date("--to", optarg, x->to) != 0)
                return EXIT_USAGE;
            break;
        case 'F':
            if (strcmp(optarg, "csv") != 0 && strcmp(optarg, "json") != 0) {
                cmd_error("--format", "'%s' is not one of csv, json", optarg);
                return EXIT_USAGE;
            }
            format = strcmp(optarg, "json") == 0;
            break;
        case 'h':
            export_usage(stdout);
            return EXIT_OK;
        default:
            return cmd_bad_option("export");
        }
    }
    if (optind < argc) {
        cmd_error("export", "unexpected argument '%s' (try 'dietbal export --help')", argv[optind]);
        return EXIT_USAGE;
    }
    if (ctx->json && format == 0) {
        cmd_error("--json", "conflicts with --format csv");
        return EXIT_USAGE;
    }
    x->json = ctx->json || format == 1;
    if (x->from[0] && x->to[0] && strcmp(x->from, x->to) > 0) {
        cmd_error("--from", "%s is after --to %s", x->from, x->to);
        return EXIT_USAGE;
    }
    return -1;
}

int cmd_export(int argc, char **argv, struct cmd_ctx *ctx) {
    struct export_args x;
    struct entry *e = NULL;
    struct cramp *c = NULL;
    size_t n = 0, nc = 0;
    store *s = NULL;
    int rc;

    memset(&x, 0, sizeof(x));
    if ((rc = parse(argc, argv, ctx, &x)) >= 0)
        return rc;
    const char *from = x.from[0] ? x.from : FIRST_DATE;
    const char *to = x.to[0] ? x.to : LAST_DATE;
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if (store_entries_list(s, from, to, &e, &n) != STORE_OK ||
        store_cramps_list(s, from, to, &c, &nc) != STORE_OK) {
        cmd_error("export", "%s", store_errmsg(s));
        rc = EXIT_RUNTIME;
        goto out;
    }
    if (x.json)
        rc = json_print(export_json(x.from[0] ? x.from : NULL, x.to[0] ? x.to : NULL, e, n, c, nc),
                        stdout);
    else
        rc = export_csv(stdout, e, n, c, nc);
    if (rc != 0) {
        cmd_error("export", "cannot write to standard output");
        rc = EXIT_RUNTIME;
    }
out:
    store_entries_free(e, n);
    free(c);
    store_close(s);
    return rc;
}
