/*
 * cmd_cramp.c - `dietbal cramp add`: the cramp diary.
 *
 * Any red-flag sign (swelling, redness, warmth, hard to walk), pain in one
 * leg that does not ease on two days running, or on three days running in
 * both legs, prints advice to seek care now (product.md "Cramp diary";
 * nutrition-science.md 5.5, 0.4).  A pregnancy warning sign (sudden
 * swelling, severe headache, vision problems, pain below the ribs) prints
 * "call your midwife or maternity unit now" first (0.4); such an entry
 * needs no cramp.  The rules are cramp.c's, shared with the report.
 */
#include "cmd.h"

#include "dietbal/advice.h"
#include "dietbal/date.h"
#include "dietbal/jsonout.h"
#include "dietbal/store.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void cramp_usage(FILE *out) {
    fprintf(out,
            "usage: dietbal cramp add [--date D] [--time HH:MM] [--severity 1-10]\n"
            "           [--duration-min N] [--site calf|foot|thigh|other]\n"
            "           [--side left|right|both] [--night]\n"
            "           [--swelling] [--redness] [--warmth] [--hard-to-walk] [--pain-persists]\n"
            "           [--sudden-swelling] [--headache] [--vision-problems]\n"
            "           [--pain-below-ribs]\n"
            "Log a leg-cramp episode.  --swelling, --redness, --warmth and --hard-to-walk are\n"
            "signs of a possible blood clot: see a clinician now; so is pain that does not\n"
            "ease (--pain-persists) on two days running in one leg, or three in both.\n"
            "The last four are pregnancy warning signs (sudden swelling of the face, hands\n"
            "or feet; severe headache; blurred sight or flashing lights; pain just below the\n"
            "ribs): call your midwife or maternity unit now.  They need no cramp.\n");
}

static int one_of(const char *v, const char *const *allowed) {
    for (; *allowed; allowed++)
        if (strcmp(v, *allowed) == 0)
            return 1;
    return 0;
}

/* The safety messages, on stderr: always shown, even with --quiet or
 * --json.  Pre-eclampsia first: it is the more urgent call. */
static void warn_now(const struct cramp *c, struct cramp_pain_runs runs) {
    if (cramp_has_preeclampsia_sign(c))
        fprintf(stderr, "\n*** %s\n*** %s\n", ADVICE_PREECLAMPSIA, ADVICE_PREECLAMPSIA_EMERGENCY);
    if (!cramp_has_red_flag(c) && !cramp_pain_is_red_flag(runs))
        return;
    fprintf(stderr, "\n*** %s\n*** %s\n", ADVICE_RED_FLAG, ADVICE_EMERGENCY);
    if (runs.one_leg >= CRAMP_ONE_LEG_PAIN_DAYS)
        fprintf(stderr, "*** (pain in one leg that did not ease logged on %d days running)\n",
                runs.one_leg);
    else if (runs.any >= CRAMP_PERSISTENT_PAIN_DAYS)
        fprintf(stderr, "*** (pain that did not ease logged on %d days running)\n", runs.any);
}

int cmd_cramp(int argc, char **argv, struct cmd_ctx *ctx) {
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
                                         {"sudden-swelling", no_argument, NULL, 6},
                                         {"headache", no_argument, NULL, 7},
                                         {"vision-problems", no_argument, NULL, 8},
                                         {"pain-below-ribs", no_argument, NULL, 9},
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
                cmd_error("--duration-min", "'%s' is not a number of minutes (0 to 1440)", optarg);
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
        case 'n':
            c.night = 1;
            break;
        case 1:
            c.swelling = 1;
            break;
        case 2:
            c.redness = 1;
            break;
        case 3:
            c.warmth = 1;
            break;
        case 4:
            c.hard_to_walk = 1;
            break;
        case 5:
            c.pain_persists = 1;
            break;
        case 6:
            c.sudden_swelling = 1;
            break;
        case 7:
            c.headache = 1;
            break;
        case 8:
            c.vision_problems = 1;
            break;
        case 9:
            c.pain_below_ribs = 1;
            break;
        case 'h':
            cramp_usage(stdout);
            return EXIT_OK;
        default:
            return cmd_bad_option("cramp");
        }
    }
    if (optind < argc) {
        cmd_error("cramp add", "unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if ((rc = cmd_open_store(ctx, STORE_OPEN_CREATE, &s)) != EXIT_OK)
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
    struct cramp_pain_runs runs = cramp_pain_runs_on(recent, n_recent, day);
    int red = cramp_has_red_flag(&c) || cramp_pain_is_red_flag(runs);
    int pre = cramp_has_preeclampsia_sign(&c);
    if (ctx->json) {
        json_print(json_pack("{s:I, s:s, s:b, s:i, s:i, s:b, s:b}", "id", (json_int_t)id, "date",
                             c.date, "red_flag", red, "persistent_pain_days", runs.any,
                             "one_leg_pain_days", runs.one_leg, "preeclampsia_signs", pre,
                             "episode", cramp_is_episode(&c)),
                   stdout);
    } else if (!ctx->quiet) {
        printf("logged %s %" PRId64 " on %s\n", cramp_is_episode(&c) ? "cramp" : "warning signs",
               id, c.date);
    }
    warn_now(&c, runs);
    free(recent);
    store_close(s);
    return EXIT_OK;
}
