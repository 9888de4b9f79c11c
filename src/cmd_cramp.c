/*
 * cmd_cramp.c - `dietbal cramp add`: the cramp diary.
 *
 * Any red-flag sign (swelling, redness, warmth, hard to walk), or cramps on
 * three or more days running with pain that does not ease, prints advice to
 * seek care now (product.md "Cramp diary"; nutrition-science.md 5.5).
 */
#include "dietbal/cmd.h"

#include "dietbal/advice.h"
#include "dietbal/date.h"
#include "dietbal/jsonout.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void cramp_usage(FILE *out)
{
    fprintf(out,
            "usage: dietbal cramp add [--date D] [--time HH:MM] [--severity 1-10]\n"
            "           [--duration-min N] [--site calf|foot|thigh|other]\n"
            "           [--side left|right|both] [--night]\n"
            "           [--swelling] [--redness] [--warmth] [--hard-to-walk] [--pain-persists]\n"
            "Log a leg-cramp episode.  The last five are warning signs: any of the first\n"
            "four, or pain that does not ease on three days running, means see a clinician "
            "now.\n");
}

static int one_of(const char *v, const char *const *allowed)
{
    for (; *allowed; allowed++)
        if (strcmp(v, *allowed) == 0)
            return 1;
    return 0;
}

/* Days running, ending on `date`, with a cramp whose pain did not ease. */
static int persistent_pain_days(const struct cramp *c, size_t n, const char *date)
{
    long day, d;
    int run = 0;
    if (date_parse(date, 0, &day) != 0)
        return 0;
    for (d = day;; d--) {
        char ds[11];
        int found = 0;
        date_format(d, ds);
        for (size_t i = 0; i < n; i++)
            if (c[i].pain_persists && strcmp(c[i].date, ds) == 0)
                found = 1;
        if (!found)
            break;
        run++;
    }
    return run;
}

int cmd_cramp(int argc, char **argv, struct cmd_ctx *ctx)
{
    static const char *const sites[] = {"calf", "foot", "thigh", "other", NULL};
    static const char *const sides[] = {"left", "right", "both", NULL};
    static const struct option opts[] = {{"date", required_argument, NULL, 'd'},
                                         {"time", required_argument, NULL, 't'},
                                         {"severity", required_argument, NULL, 's'},
                                         {"duration-min", required_argument, NULL, 'm'},
                                         {"site", required_argument, NULL, 'S'},
                                         {"side", required_argument, NULL, 'L'},
                                         {"night", no_argument, NULL, 'n'},
                                         {"swelling", no_argument, NULL, 1},
                                         {"redness", no_argument, NULL, 2},
                                         {"warmth", no_argument, NULL, 3},
                                         {"hard-to-walk", no_argument, NULL, 4},
                                         {"pain-persists", no_argument, NULL, 5},
                                         CMD_COMMON_OPTIONS,
                                         {0, 0, 0, 0}};
    struct cramp c;
    struct cramp *recent = NULL;
    size_t n_recent = 0;
    store *s = NULL;
    int64_t id = 0;
    int opt, rc;
    char *end;

    memset(&c, 0, sizeof(c));
    c.duration_min = NAN;
    date_format(date_today(), c.date);
    if (argc < 2 || strcmp(argv[1], "add") != 0) {
        if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
            cramp_usage(stdout);
            return EXIT_OK;
        }
        cramp_usage(stderr);
        return EXIT_USAGE;
    }
    argc--;
    argv++;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cmd_common_option(opt, ctx))
            continue;
        switch (opt) {
        case 'd':
            if (cmd_parse_date("--date", optarg, c.date) != 0)
                return EXIT_USAGE;
            break;
        case 't':
            if (cmd_parse_time("--time", optarg, c.time) != 0)
                return EXIT_USAGE;
            break;
        case 's': {
            long v = strtol(optarg, &end, 10);
            if (*end || end == optarg || v < 1 || v > 10) {
                cmd_error("--severity", "'%s' is not a whole number from 1 to 10", optarg);
                return EXIT_USAGE;
            }
            c.severity = (int)v;
            break;
        }
        case 'm': {
            double v = NAN;
            if (cmd_parse_decimal(optarg, &v) != 0 || !(v >= 0 && v <= 24 * 60)) {
                cmd_error("--duration-min", "'%s' is not a number of minutes (0 to 1440)",
                          optarg);
                return EXIT_USAGE;
            }
            c.duration_min = v;
            break;
        }
        case 'S':
            if (!one_of(optarg, sites)) {
                cmd_error("--site", "'%s' is not one of calf, foot, thigh, other", optarg);
                return EXIT_USAGE;
            }
            snprintf(c.site, sizeof(c.site), "%s", optarg);
            break;
        case 'L':
            if (!one_of(optarg, sides)) {
                cmd_error("--side", "'%s' is not one of left, right, both", optarg);
                return EXIT_USAGE;
            }
            snprintf(c.side, sizeof(c.side), "%s", optarg);
            break;
        case 'n': c.night = 1; break;
        case 1: c.swelling = 1; break;
        case 2: c.redness = 1; break;
        case 3: c.warmth = 1; break;
        case 4: c.hard_to_walk = 1; break;
        case 5: c.pain_persists = 1; break;
        case 'h': cramp_usage(stdout); return EXIT_OK;
        default: return cmd_bad_option("cramp");
        }
    }
    if (optind < argc) {
        cmd_error("cramp add", "unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if ((rc = cmd_open_store(ctx, &s)) != EXIT_OK)
        return rc;
    if (store_cramp_add(s, &c, &id) != STORE_OK) {
        cmd_error("cramp add", "%s", store_errmsg(s));
        store_close(s);
        return EXIT_RUNTIME;
    }
    /* look back far enough for the persistent-pain rule */
    long day;
    char from[11];
    date_parse(c.date, 0, &day);
    date_format(day - 30, from);
    if (store_cramps_list(s, from, c.date, &recent, &n_recent) != STORE_OK) {
        cmd_error("cramp add", "%s", store_errmsg(s));
        store_close(s);
        return EXIT_RUNTIME;
    }
    int run = persistent_pain_days(recent, n_recent, c.date);
    int red = cramp_has_red_flag(&c) || run >= CRAMP_PERSISTENT_PAIN_DAYS;
    if (ctx->json) {
        json_print(json_pack("{s:I, s:s, s:b, s:i}", "id", (json_int_t)id, "date", c.date,
                             "red_flag", red, "persistent_pain_days", run),
                   stdout);
    } else if (!ctx->quiet) {
        printf("logged cramp %" PRId64 " on %s\n", id, c.date);
    }
    if (red) {
        /* always shown, even with --quiet or --json: this is a safety message */
        fprintf(stderr, "\n*** %s\n*** %s\n", ADVICE_RED_FLAG, ADVICE_EMERGENCY);
        if (run >= CRAMP_PERSISTENT_PAIN_DAYS)
            fprintf(stderr, "*** (pain that did not ease logged on %d days running)\n", run);
    }
    free(recent);
    store_close(s);
    return EXIT_OK;
}
