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
#include "dietbal/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole range of dates the store can hold. */
#define FIRST_DATE "0000-01-01"
#define LAST_DATE "9999-12-31"

/* The words of --format. */
static const char *const export_formats[] = {"csv", "json", NULL};
enum { EXPORT_CSV, EXPORT_JSON };

/* What export was asked for. */
struct export_args {
    char from[11], to[11]; /* "" when not given */
    int format, has_format;
    int json; /* --json or --format json */
};

/* The options read, checked against each other; true to go on. */
static bool parse(int argc, char **argv, struct cmd_ctx *ctx, struct export_args *x, int *rc) {
    const struct opt opts[] = {
        {"from", 0, OPT_DATE, x->from, .arg = "D",
         .help = "the first day (default: the first entry)"},
        {"to", 0, OPT_DATE, x->to, .arg = "D", .help = "the last day (default: the last entry)"},
        {"format", 0, OPT_CHOICE, &x->format, .choices = export_formats, .seen = &x->has_format,
         .arg = "FORMAT", .help = "csv (the default) or json"},
        {0}};
    const struct opt_spec spec = {
        .name = "export",
        .usage = "export [--from D] [--to D] [--format csv|json] [--json]",
        .about = "The diary as logged: one record per food entry (date, time, meal, food,\n"
                 "grams, energy, protein, calcium, magnesium, phosphorus, potassium, sodium,\n"
                 "water) and per cramp entry, on standard output.  Default: the whole diary,\n"
                 "as CSV.  --json is --format json.  Dates: YYYY-MM-DD, today or yesterday.\n",
        .opts = opts};

    if (!cmd_options(&spec, argc, argv, ctx, rc))
        return false;
    *rc = EXIT_USAGE;
    if (optind < argc) {
        cmd_error("export", "unexpected argument '%s' (try 'dietbal export --help')", argv[optind]);
        return false;
    }
    if (ctx->json && x->has_format && x->format == EXPORT_CSV) {
        cmd_error("--json", "conflicts with --format csv");
        return false;
    }
    x->json = ctx->json || (x->has_format && x->format == EXPORT_JSON);
    if (x->from[0] && x->to[0] && strcmp(x->from, x->to) > 0) {
        cmd_error("--from", "%s is after --to %s", x->from, x->to);
        return false;
    }
    *rc = EXIT_OK;
    return true;
}

int cmd_export(int argc, char **argv, struct cmd_ctx *ctx) {
    struct export_args x;
    struct entry *e = NULL;
    struct cramp *c = NULL;
    size_t n = 0, nc = 0;
    store *s = NULL;
    int rc;

    memset(&x, 0, sizeof(x));
    if (!parse(argc, argv, ctx, &x, &rc))
        return rc;
    const char *from = x.from[0] ? x.from : FIRST_DATE;
    const char *to = x.to[0] ? x.to : LAST_DATE;
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        goto out;
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
