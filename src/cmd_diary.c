/*
 * cmd_diary.c - `dietbal log` and `dietbal rm`: list and remove diary
 * entries.  (`dietbal add` lives in cmd_add.c.)
 */
#include "cmd.h"

#include "dietbal/date.h"
#include "dietbal/jsonout.h"
#include "dietbal/store.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *entry_json_core(const struct entry *e);

static json_t *entry_json(const struct entry *e) {
    json_t *o = entry_json_core(e);

    /* added keys: the kind of entry; a supplement's units */
    if (o) {
        json_object_set_new(o, "kind", jstr(e->supplement ? "supplement" : "food"));
        if (e->supplement) {
            json_object_set_new(o, "units", jnum(e->units));
            json_object_set_new(o, "unit", jstr(e->unit));
        }
    }
    return o;
}

/* A supplement's dose as the log shows it: "2 capsules". */
static const char *dose_text(const struct entry *e, char *buf, size_t len) {
    snprintf(buf, len, "%g %s%s", e->units, e->unit,
             e->units == 1 || strcmp(e->unit, "ml") == 0 ? "" : "s");
    return buf;
}

static json_t *entry_json_core(const struct entry *e) {
    return json_pack(
        "{s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)e->id,
        "date", e->date, "time", jstr(e->time[0] ? e->time : NULL), "meal",
        jstr(e->meal[0] ? e->meal : NULL), "food_id", jstr(e->food_id), "food", jstr(e->food_name),
        "grams", jround(e->grams, 2), "energy_kcal", jround(e->values[NUT_ENERGY], 1), "protein_g",
        jround(e->values[NUT_PROTEIN], 2), "calcium_mg", jround(e->values[NUT_CALCIUM], 1),
        "magnesium_mg", jround(e->values[NUT_MAGNESIUM], 1), "phosphorus_mg",
        jround(e->values[NUT_PHOSPHORUS], 1));
}

static void print_num(double v, int width, int decimals) {
    if (isnan(v))
        printf(" %*s", width, "?");
    else
        printf(" %*.*f", width, decimals, v);
}

/* The entries e[0..n) of from..to, as the log shows them. */
static int print_log(const struct entry *e, size_t n, const char *from, const char *to,
                     const struct cmd_ctx *ctx) {
    if (ctx->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(arr, entry_json(&e[i]));
        return json_print(arr, stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
    } else if (n == 0) {
        if (!ctx->quiet)
            printf("no entries from %s to %s\n", from, to);
    } else {
        printf("%5s %-10s %-5s %-9s %7s %6s %6s %6s %6s  %s\n", "id", "date", "time", "meal",
               "grams", "Ca mg", "Mg mg", "P mg", "prot g", "food");
        for (size_t i = 0; i < n; i++) {
            printf("%5" PRId64 " %-10s %-5s %-9s", e[i].id, cmd_tx(e[i].date), cmd_tx(e[i].time),
                   cmd_tx(e[i].meal));
            if (e[i].supplement)
                printf(" %7s", "-");
            else
                printf(" %7.1f", e[i].grams);
            print_num(e[i].values[NUT_CALCIUM], 6, 0);
            print_num(e[i].values[NUT_MAGNESIUM], 6, 0);
            print_num(e[i].values[NUT_PHOSPHORUS], 6, 0);
            print_num(e[i].values[NUT_PROTEIN], 6, 1);
            if (e[i].supplement) {
                char dose[48];
                printf("  %s of %.40s (%s)\n", cmd_tx(dose_text(&e[i], dose, sizeof(dose))),
                       cmd_tx(e[i].food_name), cmd_tx(e[i].food_id));
            } else {
                printf("  %.40s (%s)\n", cmd_tx(e[i].food_name), cmd_tx(e[i].food_id));
            }
        }
    }
    return EXIT_OK;
}

/* --date D: the one day, from and to (the option's data). */
static int one_day(const struct opt *o, const char *text, struct opt_error *err) {
    (void)text;
    (void)err;
    memcpy(o->data, o->target, 11);
    return 0;
}

int cmd_log(int argc, char **argv, struct cmd_ctx *ctx) {
    char from[11] = "", to[11] = "";
    const struct opt opts[] = {{"date", 'd', OPT_DATE, from, .check = one_day, .data = to,
                                .arg = "D", .help = "one day (default today)"},
                               {"from", 0, OPT_DATE, from, .arg = "D", .help = "the first day"},
                               {"to", 0, OPT_DATE, to, .arg = "D", .help = "the last day"},
                               {0}};
    const struct opt_spec spec = {
        .name = "log",
        .usage = "log [--date D | --from D --to D] [--json]",
        .about = "List diary entries with their ids (default: today): foods in grams,\n"
                 "supplements in units (\"2 capsules of ...\", grams '-').\n",
        .opts = opts};
    struct entry *e = NULL;
    size_t n = 0;
    store *s = NULL;
    int rc;

    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (optind < argc) {
        cmd_error("log", "unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if (!from[0] && !to[0]) {
        date_format(date_today(), from);
        memcpy(to, from, sizeof(to));
    } else if (!from[0] || !to[0]) {
        memcpy(from[0] ? to : from, from[0] ? from : to, 11);
    }
    if (strcmp(from, to) > 0) {
        cmd_error("log", "--from %s is after --to %s", from, to);
        return EXIT_USAGE;
    }
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if (store_entries_list(s, from, to, &e, &n) != STORE_OK) {
        cmd_error("log", "%s", store_errmsg(s));
        rc = EXIT_RUNTIME;
        goto out;
    }
    rc = print_log(e, n, from, to, ctx);
out:
    store_entries_free(e, n);
    store_close(s);
    return rc;
}

/* The entry ids in args, each once ("rm 3 3" removes entry 3 once), into
 * *out (the caller frees it); EXIT_OK, or the status with the error said. */
static int read_ids(int nargs, char **args, int64_t **out, int *n) {
    int64_t *ids = calloc((size_t)nargs, sizeof(*ids));

    *n = 0;
    *out = ids;
    if (!ids) {
        cmd_error("rm", "out of memory");
        return EXIT_RUNTIME;
    }
    for (int i = 0; i < nargs; i++) {
        char *end = args[i];
        int seen = 0;
        errno = 0;
        /* digits only: strtoll would also take " 1" and "+2" */
        long long v = args[i][0] >= '0' && args[i][0] <= '9' ? strtoll(args[i], &end, 10) : 0;
        if (errno || v <= 0 || *end) {
            cmd_error_arg(args[i], "not an entry id (a positive whole number)");
            return EXIT_USAGE;
        }
        for (int k = 0; k < *n; k++)
            seen |= ids[k] == (int64_t)v;
        if (!seen)
            ids[(*n)++] = (int64_t)v;
    }
    return EXIT_OK;
}

int cmd_rm(int argc, char **argv, struct cmd_ctx *ctx) {
    const struct opt_spec spec = {.name = "rm",
                                  .usage = "rm ID...",
                                  .about = "Remove diary entries (ids from 'dietbal log').\n"};
    store *s = NULL;
    int rc;
    int64_t *ids = NULL;
    int n = 0;

    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (optind >= argc) {
        cmd_error("rm", "which entries? give their ids (see 'dietbal log')");
        return EXIT_USAGE;
    }
    if ((rc = read_ids(argc - optind, argv + optind, &ids, &n)) != EXIT_OK)
        goto out;
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        goto out;
    /* all or nothing: an unknown id removes none */
    if (store_begin(s) != STORE_OK) {
        cmd_error("rm", "%s", store_errmsg(s));
        rc = EXIT_RUNTIME;
        goto out;
    }
    for (int i = 0; i < n; i++) {
        int r = store_entry_remove(s, ids[i]);
        if (r != STORE_OK) {
            cmd_error("rm", "%s%s", store_errmsg(s),
                      r == STORE_NOTFOUND ? "; nothing was removed" : "");
            store_rollback(s);
            rc = r == STORE_NOTFOUND ? EXIT_USAGE : EXIT_RUNTIME;
            goto out;
        }
    }
    if (store_commit(s) != STORE_OK) {
        cmd_error("rm", "%s", store_errmsg(s));
        store_rollback(s);
        rc = EXIT_RUNTIME;
        goto out;
    }
    if (!ctx->quiet)
        printf("removed %d entr%s\n", n, n == 1 ? "y" : "ies");
out:
    store_close(s);
    free(ids);
    return rc;
}
