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

static const char add_about[] =
    "ENTRY is what was eaten, as people say it: \"1 cup whole milk\", \"a glass of\n"
    "orange juice\", \"2 slices of pizza\", \"half an avocado\", \"steak 8 oz\",\n"
    "\"250 ml @usda:01077\".  Units: g kg mg oz lb ml l dl cup tbsp tsp \"fl oz\", a\n"
    "portion of the food (slice, large, ...) or a container (glass, mug, bowl,\n"
    "handful, tin, pint ...).  No unit counts the food's usual portion; no\n"
    "quantity is one.  @ID takes a food by id.  More than 5 kg in one entry needs\n"
    "--force.  --dry-run stores nothing.\n"
    "Supplements are counted in units: \"1 tablet prenatal\", \"2 capsules magnesium\",\n"
    "\"1 pill prenatal\", \"2 @supp:ID\" ('dietbal supplement list').\n"
    "A recipe is a food: \"1 serving pork rib soup\", \"1 bowl @recipe:pork-rib-soup\".\n"
    "@meal:NAME logs every entry of a saved meal ('dietbal meal list').\n";

int cmd_add(int argc, char **argv, struct cmd_ctx *ctx) {
    char date[11], time[6] = "", today[11], meal_help[CMD_MEAL_HELP_LEN];
    int meal = -1, force = 0, dry_run = 0;
    const struct opt opts[] = {
        {"date", 'd', OPT_DATE, date, .arg = "D", .help = "the day it was eaten (default today)"},
        {"time", 't', OPT_TIME, time, .arg = "HH:MM", .help = "the time it was eaten"},
        cmd_meal_option('m', &meal, meal_help),
        {"force", 0, OPT_FLAG, &force, .help = "store an entry of more than 5 kg"},
        {"dry-run", 'n', OPT_FLAG, &dry_run, .help = "show what would be stored, store nothing"},
        {0}};
    const struct opt_spec spec = {
        .name = "add",
        .usage = "add [--date D] [--time HH:MM] [--meal M] [--force] [--dry-run] ENTRY...",
        .about = add_about,
        .opts = opts};
    struct cmd_entries e;
    store *s = NULL;
    int rc;

    memset(&e, 0, sizeof(e));
    date_format(date_today(), date);
    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (optind >= argc) {
        cmd_error("add", "what was eaten? e.g. dietbal add \"1 cup whole milk\"");
        return EXIT_USAGE;
    }
    /* a diary is about what happened: no entries in the future */
    date_format(date_today(), today);
    if (strcmp(date, today) > 0) {
        cmd_error("--date", "%s is in the future", date);
        return EXIT_USAGE;
    }
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if ((rc = cmd_need_foods(s, "add")) != EXIT_OK ||
        (rc = cmd_entries_open(
             &e, s, force, isatty(STDIN_FILENO) && isatty(STDERR_FILENO) && !ctx->json)) != EXIT_OK)
        goto out;

    /* 1: resolve everything; nothing is stored yet */
    for (int i = optind; i < argc; i++)
        if ((rc = cmd_entries_add(&e, argv[i])) != EXIT_OK)
            goto out;
    /* 2: store them all or none */
    if (!dry_run && (rc = cmd_entries_store(&e, date, time, cmd_meal_name(meal), "add")) != EXIT_OK)
        goto out;
    /* 3: say exactly what was (or would be) stored */
    if (ctx->json)
        rc = cmd_items_json(e.items, e.n, date, cmd_meal_name(meal), dry_run);
    else if (!ctx->quiet || dry_run)
        cmd_items_print(e.items, e.n, date, cmd_meal_name(meal), dry_run);
out:
    cmd_entries_close(&e);
    store_close(s);
    return rc;
}
