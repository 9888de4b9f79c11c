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

static const char cramp_about[] =
    "Log a leg-cramp episode.  --swelling, --redness, --warmth and --hard-to-walk are\n"
    "signs of a possible blood clot: see a clinician now; so is pain that does not\n"
    "ease (--pain-persists) on two days running in one leg, or three in both.\n"
    "The last four are pregnancy warning signs (sudden swelling of the face, hands\n"
    "or feet; severe headache; blurred sight or flashing lights; pain just below the\n"
    "ribs): call your midwife or maternity unit now.  They need no cramp.\n";

static const char cramp_usage[] =
    "cramp add [--date D] [--time HH:MM] [--severity N] [--duration-min N]\n"
    "                  [--site SITE] [--side SIDE] [--night]\n"
    "                  [--swelling] [--redness] [--warmth] [--hard-to-walk]\n"
    "                  [--pain-persists] [--sudden-swelling] [--headache]\n"
    "                  [--vision-problems] [--pain-below-ribs]";

static const char *const cramp_subs[] = {"add", NULL};

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

/* The options of cramp add: into c, but the severity, and the site and
 * side as indexes into cramp_sites and cramp_sides (-1: not given); the
 * help lines and refusals that name the module's limits and words. */
struct cramp_args {
    struct cramp c;
    long severity;
    int site, side;
    char severity_why[64], duration_why[64], severity_help[64], site_help[64], side_help[64];
};

static void cramp_args_init(struct cramp_args *a) {
    char words[48];

    memset(a, 0, sizeof(*a));
    a->site = a->side = -1;
    a->c.duration_min = NAN;
    date_format(date_today(), a->c.date);
    snprintf(a->severity_why, sizeof(a->severity_why), "is not a whole number from %d to %d",
             CRAMP_SEVERITY_MIN, CRAMP_SEVERITY_MAX);
    snprintf(a->duration_why, sizeof(a->duration_why), "is not a number of minutes (0 to %d)",
             CRAMP_DURATION_MAX_MIN);
    snprintf(a->severity_help, sizeof(a->severity_help),
             "how bad, from %d (mild) to %d (the worst)", CRAMP_SEVERITY_MIN, CRAMP_SEVERITY_MAX);
    snprintf(a->site_help, sizeof(a->site_help), "where: %s",
             cmd_choice_join(cramp_sites, ", ", " or ", words, sizeof(words)));
    snprintf(a->side_help, sizeof(a->side_help), "which leg: %s",
             cmd_choice_join(cramp_sides, ", ", " or ", words, sizeof(words)));
}

int cmd_cramp(int argc, char **argv, struct cmd_ctx *ctx) {
    struct cramp_args a;
    struct cramp *c = &a.c;
    const struct opt opts[] = {
        {"date", 0, OPT_DATE, c->date, .arg = "D", .help = "the day (default today)"},
        {"time", 0, OPT_TIME, c->time, .arg = "HH:MM", .help = "the time it began"},
        {"severity", 0, OPT_INT, &a.severity, .min = CRAMP_SEVERITY_MIN, .max = CRAMP_SEVERITY_MAX,
         .why = a.severity_why, .arg = "N", .help = a.severity_help},
        {"duration-min", 0, OPT_DECIMAL, &c->duration_min, .min = 0, .max = CRAMP_DURATION_MAX_MIN,
         .why = a.duration_why, .arg = "N", .help = "how long it lasted, in minutes"},
        {"site", 0, OPT_CHOICE, &a.site, .choices = cramp_sites, .arg = "SITE",
         .help = a.site_help},
        {"side", 0, OPT_CHOICE, &a.side, .choices = cramp_sides, .arg = "SIDE",
         .help = a.side_help},
        {"night", 0, OPT_FLAG, &c->night, .help = "it woke her at night"},
        {"swelling", 0, OPT_FLAG, &c->swelling, .help = "the leg is swollen (clot sign)"},
        {"redness", 0, OPT_FLAG, &c->redness, .help = "the skin is red (clot sign)"},
        {"warmth", 0, OPT_FLAG, &c->warmth, .help = "the skin is warm (clot sign)"},
        {"hard-to-walk", 0, OPT_FLAG, &c->hard_to_walk, .help = "walking is hard (clot sign)"},
        {"pain-persists", 0, OPT_FLAG, &c->pain_persists,
         .help = "the pain does not ease after stretching"},
        {"sudden-swelling", 0, OPT_FLAG, &c->sudden_swelling,
         .help = "of the face, hands or feet (pregnancy warning sign)"},
        {"headache", 0, OPT_FLAG, &c->headache,
         .help = "a severe headache (pregnancy warning sign)"},
        {"vision-problems", 0, OPT_FLAG, &c->vision_problems,
         .help = "blurred sight, flashing lights (pregnancy warning sign)"},
        {"pain-below-ribs", 0, OPT_FLAG, &c->pain_below_ribs,
         .help = "pain just below the ribs (pregnancy warning sign)"},
        {0}};
    const struct opt_spec spec = {.name = "cramp",
                                  .usage = cramp_usage,
                                  .about = cramp_about,
                                  .opts = opts,
                                  .subs = cramp_subs};
    struct cramp *recent = NULL;
    size_t n_recent = 0;
    store *s = NULL;
    int64_t id = 0;
    int rc;
    char err[256];

    cramp_args_init(&a);
    /* "cramp -h" and the completion words: the options are add's */
    if (argc >= 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
                      strcmp(argv[1], "--" OPT_COMPLETION_HELPER) == 0)) {
        cmd_options(&spec, 2, argv, ctx, &rc);
        return rc;
    }
    if (argc < 2 || strcmp(argv[1], "add") != 0)
        return cmd_usage_error(&spec);
    if (!cmd_options(&spec, argc - 1, argv + 1, ctx, &rc))
        return rc;
    if (optind < argc - 1) {
        cmd_error("cramp add", "unexpected argument '%s'", argv[optind + 1]);
        return EXIT_USAGE;
    }
    c->severity = (int)a.severity;
    if (a.site >= 0)
        snprintf(c->site, sizeof(c->site), "%s", cramp_sites[a.site]);
    if (a.side >= 0)
        snprintf(c->side, sizeof(c->side), "%s", cramp_sides[a.side]);
    if (cramp_check(c, err, sizeof(err)) != 0) {
        cmd_error(NULL, "%s", err);
        return EXIT_USAGE;
    }
    if ((rc = cmd_open_store(ctx, STORE_OPEN_CREATE, &s)) != EXIT_OK)
        return rc;
    if (store_cramp_add(s, c, &id) != STORE_OK) {
        cmd_error("cramp add", "%s", store_errmsg(s));
        rc = EXIT_RUNTIME;
        goto out;
    }
    /* look back far enough for the persistent-pain rule */
    long day;
    char from[11];
    date_parse(c->date, 0, &day);
    date_format(day - 30, from);
    if (store_cramps_list(s, from, c->date, &recent, &n_recent) != STORE_OK) {
        cmd_error("cramp add", "%s", store_errmsg(s));
        rc = EXIT_RUNTIME;
        goto out;
    }
    struct cramp_pain_runs runs = cramp_pain_runs_on(recent, n_recent, day);
    int red = cramp_has_red_flag(c) || cramp_pain_is_red_flag(runs);
    int pre = cramp_has_preeclampsia_sign(c);
    if (ctx->json) {
        json_print(json_pack("{s:I, s:s, s:b, s:i, s:i, s:b, s:b}", "id", (json_int_t)id, "date",
                             c->date, "red_flag", red, "persistent_pain_days", runs.any,
                             "one_leg_pain_days", runs.one_leg, "preeclampsia_signs", pre,
                             "episode", cramp_is_episode(c)),
                   stdout);
    } else if (!ctx->quiet) {
        printf("logged %s %" PRId64 " on %s\n", cramp_is_episode(c) ? "cramp" : "warning signs", id,
               c->date);
    }
    warn_now(c, runs);
out:
    free(recent);
    store_close(s);
    return rc;
}
