/*
 * cmd_add.c - `dietbal add`: log what was eaten, and the supplements taken.
 *
 * Every ENTRY is parsed, its food resolved and its quantity converted to
 * grams before anything is stored; then all entries go in one transaction.
 * One bad entry stores nothing.  On a terminal an ambiguous food is asked
 * about (and the answer remembered); in a script it is an error listing
 * the candidates.  --dry-run shows what would be stored and stores nothing.
 *
 * An entry whose unit word is a dose form ("1 tablet prenatal", "2
 * capsules magnesium", "1 pill prenatal") or whose food is @supp:ID is a
 * supplement entry, counted in units (supplement_resolve, supplement.h);
 * a dose form that names no supplement falls through to the foods ("1
 * scoop ice cream").  Both kinds share the transaction.  "@meal:NAME" is
 * every entry of a saved meal (cmd_meal.c), printed one by one.  Entries
 * are read by cmd_entry.c, the same way as a recipe's ingredients.
 */
#include "cmd.h"

#include "dietbal/date.h"
#include "dietbal/store.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void add_usage(FILE *out) {
    fprintf(
        out,
        "usage: dietbal add [--date D] [--time HH:MM] [--meal M] [--force] [--dry-run] ENTRY...\n"
        "ENTRY is what was eaten, as people say it: \"1 cup whole milk\", \"a glass of\n"
        "orange juice\", \"2 slices of pizza\", \"half an avocado\", \"steak 8 oz\",\n"
        "\"250 ml @usda:01077\".  Units: g kg mg oz lb ml l dl cup tbsp tsp \"fl oz\", a\n"
        "portion of the food (slice, large, ...) or a container (glass, mug, bowl,\n"
        "handful, tin, pint ...).  No unit counts the food's usual portion; no\n"
        "quantity is one.  @ID takes a food by id.  Meals: breakfast lunch dinner\n"
        "snack.  More than 5 kg in one entry needs --force.  --dry-run stores nothing.\n"
        "Supplements are counted in units: \"1 tablet prenatal\", \"2 capsules magnesium\",\n"
        "\"1 pill prenatal\", \"2 @supp:ID\" ('dietbal supplement list').\n"
        "A recipe is a food: \"1 serving pork rib soup\", \"1 bowl @recipe:pork-rib-soup\".\n"
        "@meal:NAME logs every entry of a saved meal ('dietbal meal list').\n");
}

struct add_args {
    char date[11], time[6], meal[12];
    int force, dry_run;
};

/* The options; -1 to go on with argv[optind...] as the entries. */
static int parse_add_options(int argc, char **argv, struct cmd_ctx *ctx, struct add_args *a) {
    static const struct option opts[] = {{"date", required_argument, NULL, 'd'},
                                         {"time", required_argument, NULL, 't'},
                                         {"meal", required_argument, NULL, 'm'},
                                         {"force", no_argument, NULL, 'f'},
                                         {"dry-run", no_argument, NULL, 'n'},
                                         CMD_COMMON_OPTIONS,
                                         {0, 0, 0, 0}};
    char today[11];
    int c;

    date_format(date_today(), a->date);
    optind = 1;
    while ((c = getopt_long(argc, argv, "hd:t:m:n", opts, NULL)) != -1) {
        if (cmd_common_option(c, ctx))
            continue;
        switch (c) {
        case 'd':
            if (cmd_parse_date("--date", optarg, a->date) != 0)
                return EXIT_USAGE;
            break;
        case 't':
            if (cmd_parse_time("--time", optarg, a->time) != 0)
                return EXIT_USAGE;
            break;
        case 'm':
            if (cmd_parse_meal("--meal", optarg, a->meal) != 0)
                return EXIT_USAGE;
            break;
        case 'f':
            a->force = 1;
            break;
        case 'n':
            a->dry_run = 1;
            break;
        case 'h':
            add_usage(stdout);
            return EXIT_OK;
        default:
            return cmd_bad_option("add");
        }
    }
    if (optind >= argc) {
        cmd_error("add", "what was eaten? e.g. dietbal add \"1 cup whole milk\"");
        return EXIT_USAGE;
    }
    /* a diary is about what happened: no entries in the future */
    date_format(date_today(), today);
    if (strcmp(a->date, today) > 0) {
        cmd_error("--date", "%s is in the future", a->date);
        return EXIT_USAGE;
    }
    return -1;
}

int cmd_add(int argc, char **argv, struct cmd_ctx *ctx) {
    struct add_args args;
    struct cmd_entries e;
    store *s = NULL;
    int rc;

    memset(&args, 0, sizeof(args));
    memset(&e, 0, sizeof(e));
    if ((rc = parse_add_options(argc, argv, ctx, &args)) >= 0)
        return rc;
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if ((rc = cmd_need_foods(s, "add")) != EXIT_OK ||
        (rc = cmd_entries_open(&e, s, args.force,
                               isatty(STDIN_FILENO) && isatty(STDERR_FILENO) && !ctx->json)) !=
            EXIT_OK)
        goto out;

    /* 1: resolve everything; nothing is stored yet */
    for (int i = optind; i < argc; i++)
        if ((rc = cmd_entries_add(&e, argv[i])) != EXIT_OK)
            goto out;
    /* 2: store them all or none */
    if (!args.dry_run &&
        (rc = cmd_entries_store(&e, args.date, args.time, args.meal, "add")) != EXIT_OK)
        goto out;
    /* 3: say exactly what was (or would be) stored */
    if (ctx->json)
        rc = cmd_items_json(e.items, e.n, args.date, args.meal, args.dry_run);
    else if (!ctx->quiet || args.dry_run)
        cmd_items_print(e.items, e.n, args.date, args.meal, args.dry_run);
out:
    cmd_entries_close(&e);
    store_close(s);
    return rc;
}
