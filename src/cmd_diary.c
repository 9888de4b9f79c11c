/*
 * cmd_diary.c - `dietbal log` and `dietbal rm`: list and remove diary
 * entries.  (`dietbal add` lives in cmd_add.c.)
 */
#include "cmd.h"

#include "dietbal/date.h"
#include "dietbal/jsonout.h"

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

int cmd_log(int argc, char **argv, struct cmd_ctx *ctx) {
    static const struct option opts[] = {{"date", required_argument, NULL, 'd'},
                                         {"from", required_argument, NULL, 'f'},
                                         {"to", required_argument, NULL, 't'},
                                         CMD_COMMON_OPTIONS,
                                         {0, 0, 0, 0}};
    char from[11] = "", to[11] = "";
    struct entry *e = NULL;
    size_t n = 0;
    store *s = NULL;
    int c, rc;

    optind = 1;
    while ((c = getopt_long(argc, argv, "hd:", opts, NULL)) != -1) {
        if (cmd_common_option(c, ctx))
            continue;
        switch (c) {
        case 'd':
            if (cmd_parse_date("--date", optarg, from) != 0)
                return EXIT_USAGE;
            memcpy(to, from, sizeof(to));
            break;
        case 'f':
            if (cmd_parse_date("--from", optarg, from) != 0)
                return EXIT_USAGE;
            break;
        case 't':
            if (cmd_parse_date("--to", optarg, to) != 0)
                return EXIT_USAGE;
            break;
        case 'h':
            printf("usage: dietbal log [--date D | --from D --to D] [--json]\n"
                   "List diary entries with their ids (default: today): foods in grams,\n"
                   "supplements in units (\"2 capsules of ...\", grams '-').\n");
            return EXIT_OK;
        default:
            return cmd_bad_option("log");
        }
    }
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
        store_close(s);
        return EXIT_RUNTIME;
    }
    if (ctx->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(arr, entry_json(&e[i]));
        rc = json_print(arr, stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
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
    store_entries_free(e, n);
    store_close(s);
    return rc;
}

int cmd_rm(int argc, char **argv, struct cmd_ctx *ctx) {
    static const struct option opts[] = {CMD_COMMON_OPTIONS, {0, 0, 0, 0}};
    store *s = NULL;
    int c, rc;
    int64_t *ids = NULL;
    int n = 0;

    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cmd_common_option(c, ctx))
            continue;
        if (c == 'h') {
            printf("usage: dietbal rm ID...\nRemove diary entries (ids from 'dietbal log').\n");
            return EXIT_OK;
        }
        return cmd_bad_option("rm");
    }
    if (optind >= argc) {
        cmd_error("rm", "which entries? give their ids (see 'dietbal log')");
        return EXIT_USAGE;
    }
    ids = calloc((size_t)(argc - optind), sizeof(*ids));
    if (!ids) {
        cmd_error("rm", "out of memory");
        return EXIT_RUNTIME;
    }
    for (int i = optind; i < argc; i++) {
        char *end = argv[i];
        int seen = 0;
        errno = 0;
        /* digits only: strtoll would also take " 1" and "+2" */
        long long v = argv[i][0] >= '0' && argv[i][0] <= '9' ? strtoll(argv[i], &end, 10) : 0;
        if (errno || v <= 0 || *end) {
            cmd_error_arg(argv[i], "not an entry id (a positive whole number)");
            free(ids);
            return EXIT_USAGE;
        }
        for (int k = 0; k < n; k++)
            seen |= ids[k] == (int64_t)v;
        if (!seen) /* "rm 3 3" removes entry 3 once */
            ids[n++] = (int64_t)v;
    }
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK) {
        free(ids);
        return rc;
    }
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
