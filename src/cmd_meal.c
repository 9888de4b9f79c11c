/*
 * cmd_meal.c - saved meals and copying: `dietbal meal save|define|list|
 * show|rm` (a named list of entries, logged again with `add @meal:NAME`)
 * and `dietbal copy --from D [--meal M] [--to D]` (a day or one meal of it
 * logged again on another day).  Every change is one transaction.
 */
#include "cmd.h"

#include "dietbal/date.h"
#include "dietbal/jsonout.h"
#include "dietbal/recipe.h"
#include "dietbal/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const meal_subs[] = {"save", "define", "list", "show", "rm", NULL};

/* A meal name as given -> its slug; -1 with the error printed. */
static int meal_name(const char *given, char out[RECIPE_SLUG_MAX + 1]) {
    const char *p = strncmp(given, "@meal:", 6) == 0 ? given + 6 : given;
    if (recipe_slug(p, out, RECIPE_SLUG_MAX + 1) != 0) {
        cmd_error_arg(given, "a meal's name needs a letter or a digit, and at most %d of them",
                      RECIPE_SLUG_MAX);
        return -1;
    }
    return 0;
}

/* Every entry of meal name, read as add would log it once. */
static int meal_items(store *s, const char *name, struct cmd_entries *e) {
    char ref[RECIPE_SLUG_MAX + 8];
    int rc = cmd_entries_open(e, s, 1, 0);
    if (rc != EXIT_OK)
        return rc;
    snprintf(ref, sizeof(ref), "@meal:%s", name);
    return cmd_entries_add(e, ref);
}

static double item_amount(const struct cmd_item *it, int k) {
    if (it->supp.supp)
        return it->supp.units * supplement_amount(it->supp.supp, k);
    return it->food->values[k] * it->conv.grams / 100.0;
}

static const int shown_k[] = {NUT_CALCIUM, NUT_MAGNESIUM, NUT_PHOSPHORUS, NUT_PROTEIN};
static const char *const shown_label[] = {"calcium_mg", "magnesium_mg", "phosphorus_mg",
                                          "protein_g"};

static void print_meal(const char *name, const struct cmd_entries *e) {
    double total[4] = {0, 0, 0, 0};
    int unknown[4] = {0, 0, 0, 0};

    printf("@meal:%s  %zu entr%s\n", cmd_tx(name), e->n, e->n == 1 ? "y" : "ies");
    for (size_t i = 0; i < e->n; i++) {
        const struct cmd_item *it = &e->items[i];
        printf("  %-30s %s (%s)\n", cmd_tx(it->text),
               cmd_tx(it->supp.supp ? it->supp.supp->name : it->food->name),
               cmd_tx(it->supp.supp ? it->supp.supp->id : it->food->id));
        for (int j = 0; j < 4; j++) {
            double v = item_amount(it, shown_k[j]);
            if (isnan(v))
                unknown[j] = 1;
            else
                total[j] += v;
        }
    }
    printf("  together: Ca %.0f%s mg  Mg %.0f%s mg  P %.0f%s mg  protein %.1f%s g\n", total[0],
           unknown[0] ? "+?" : "", total[1], unknown[1] ? "+?" : "", total[2],
           unknown[2] ? "+?" : "", total[3], unknown[3] ? "+?" : "");
}

static json_t *meal_json(const char *name, const struct cmd_entries *e) {
    json_t *items = json_array();
    for (size_t i = 0; i < e->n; i++) {
        const struct cmd_item *it = &e->items[i];
        json_t *o = json_pack("{s:o, s:s, s:o, s:o}", "text", jstr(it->text), "kind",
                              it->supp.supp ? "supplement" : "food", "id",
                              jstr(it->supp.supp ? it->supp.supp->id : it->food->id), "name",
                              jstr(it->supp.supp ? it->supp.supp->name : it->food->name));
        if (it->supp.supp)
            json_object_set_new(o, "units", jnum(it->supp.units));
        else
            json_object_set_new(o, "grams", jround(it->conv.grams, 2));
        for (int j = 0; j < 4; j++)
            json_object_set_new(o, shown_label[j], jround(item_amount(it, shown_k[j]), 2));
        json_array_append_new(items, o);
    }
    return json_pack("{s:o, s:o}", "name", jstr(name), "entries", items);
}

/* Show meal name, from a store already open; an exit status. */
static int show_open(store *s, const char *name, const struct cmd_ctx *ctx) {
    struct cmd_entries e;
    int rc;

    memset(&e, 0, sizeof(e));
    if ((rc = meal_items(s, name, &e)) == EXIT_OK) {
        if (ctx->json)
            rc = json_print(meal_json(name, &e), stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
        else if (!ctx->quiet)
            print_meal(name, &e);
    }
    cmd_entries_close(&e);
    return rc;
}

/* Store meal m in a transaction (with the choices made at a prompt while
 * reading e's entries; e may be NULL) and show it; an exit status. */
static int put(store *s, const struct saved_meal *m, int replace, struct cmd_entries *e,
               const struct cmd_ctx *ctx) {
    int src;

    if (store_begin(s) != STORE_OK) {
        cmd_error("meal", "%s; nothing was changed", store_errmsg(s));
        return EXIT_RUNTIME;
    }
    src = store_meal_put(s, m, replace);
    if (src == STORE_OK && e && cmd_entries_save_choices(e) != STORE_OK)
        src = STORE_ERROR;
    if (src != STORE_OK || store_commit(s) != STORE_OK) {
        if (src == STORE_CONFLICT)
            cmd_error(m->name,
                      "a saved meal has that name; nothing was changed (--replace "
                      "replaces it, 'dietbal meal show %s' shows it)",
                      m->name);
        else
            cmd_error(m->name, "%s; nothing was changed", store_errmsg(s));
        store_rollback(s);
        return src == STORE_CONFLICT || src == STORE_NOTFOUND ? EXIT_USAGE : EXIT_RUNTIME;
    }
    if (!ctx->quiet && !ctx->json)
        printf("saved ");
    return show_open(s, m->name, ctx);
}

static int item_set(struct saved_item *it, int supplement, const char *id, double amount,
                    const char *text) {
    it->supplement = supplement;
    it->grams = supplement ? NAN : amount;
    it->units = supplement ? amount : NAN;
    it->food_id = strdup(id);
    it->text = strdup(text);
    return it->food_id && it->text ? 0 : -1;
}

static int save(const char *given, const char *date, const char *meal, int replace,
                const struct cmd_ctx *ctx) {
    struct saved_meal m = {NULL, NULL, 0};
    struct entry *l = NULL;
    size_t n = 0;
    char name[RECIPE_SLUG_MAX + 1];
    store *s = NULL;
    int rc;

    if (meal_name(given, name) != 0)
        return EXIT_USAGE;
    if (!date) {
        cmd_error("meal save", "--date is needed: the day whose entries are saved");
        return EXIT_USAGE;
    }
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if (store_entries_list(s, date, date, &l, &n) != STORE_OK) {
        cmd_error("meal save", "%s", store_errmsg(s));
        rc = EXIT_RUNTIME;
        goto out;
    }
    m.name = name;
    if (!(m.items = calloc(n ? n : 1, sizeof(*m.items)))) {
        cmd_error(NULL, "out of memory");
        rc = EXIT_RUNTIME;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        char text[256];
        if (meal[0] && strcmp(l[i].meal, meal) != 0)
            continue;
        if (l[i].supplement)
            snprintf(text, sizeof(text), "%g @%s", l[i].units, l[i].food_id);
        else
            snprintf(text, sizeof(text), "%g g @%s", l[i].grams, l[i].food_id);
        if (item_set(&m.items[m.n++], l[i].supplement, l[i].food_id,
                     l[i].supplement ? l[i].units : l[i].grams, text) != 0) {
            cmd_error(NULL, "out of memory");
            rc = EXIT_RUNTIME;
            goto out;
        }
    }
    if (m.n == 0) {
        cmd_error("meal save", "nothing was logged on %s%s%s; nothing was saved", date,
                  meal[0] ? " for " : "", meal);
        rc = EXIT_USAGE;
        goto out;
    }
    rc = put(s, &m, replace, NULL, ctx);
out:
    for (size_t i = 0; i < m.n; i++) {
        free(m.items[i].food_id);
        free(m.items[i].text);
    }
    free(m.items);
    store_entries_free(l, n);
    store_close(s);
    return rc;
}

static int define(int argc, char **argv, int replace, const struct cmd_ctx *ctx) {
    struct saved_meal m = {NULL, NULL, 0};
    struct cmd_entries e;
    char name[RECIPE_SLUG_MAX + 1];
    store *s = NULL;
    int rc;

    memset(&e, 0, sizeof(e));
    if (argc < 2) {
        cmd_error("meal define", "a name and at least one entry, e.g. dietbal meal define "
                                 "usual-breakfast \"1 cup whole milk\" \"2 slices toast\"");
        return EXIT_USAGE;
    }
    if (meal_name(argv[0], name) != 0)
        return EXIT_USAGE;
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if ((rc = cmd_need_foods(s, "meal define")) != EXIT_OK ||
        (rc = cmd_entries_open(
             &e, s, 0, isatty(STDIN_FILENO) && isatty(STDERR_FILENO) && !ctx->json)) != EXIT_OK)
        goto out;
    for (int i = 1; i < argc; i++)
        if ((rc = cmd_entries_add(&e, argv[i])) != EXIT_OK)
            goto out;
    m.name = name;
    if (!(m.items = calloc(e.n, sizeof(*m.items)))) {
        cmd_error(NULL, "out of memory");
        rc = EXIT_RUNTIME;
        goto out;
    }
    for (size_t i = 0; i < e.n; i++) {
        const struct cmd_item *it = &e.items[i];
        if (item_set(&m.items[m.n++], it->supp.supp != NULL,
                     it->supp.supp ? it->supp.supp->id : it->food->id,
                     it->supp.supp ? it->supp.units : it->conv.grams, it->text) != 0) {
            cmd_error(NULL, "out of memory");
            rc = EXIT_RUNTIME;
            goto out;
        }
    }
    rc = put(s, &m, replace, &e, ctx);
out:
    for (size_t i = 0; i < m.n; i++) {
        free(m.items[i].food_id);
        free(m.items[i].text);
    }
    free(m.items);
    cmd_entries_close(&e);
    store_close(s);
    return rc;
}

static int show(const char *given, const struct cmd_ctx *ctx) {
    char name[RECIPE_SLUG_MAX + 1];
    store *s = NULL;
    int rc;

    if (meal_name(given, name) != 0)
        return EXIT_USAGE;
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    rc = show_open(s, name, ctx);
    store_close(s);
    return rc;
}

static int list(const struct cmd_ctx *ctx) {
    struct saved_meal **l = NULL;
    size_t n = 0;
    store *s = NULL;
    int rc;

    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if (store_meals_list(s, &l, &n) != STORE_OK)
        return cmd_store_failed(s, "meal list");
    if (ctx->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *items = json_array();
            for (size_t j = 0; j < l[i]->n; j++)
                json_array_append_new(items, jstr(l[i]->items[j].text));
            json_array_append_new(
                arr, json_pack("{s:o, s:o}", "name", jstr(l[i]->name), "entries", items));
        }
        rc = json_print(arr, stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
    } else if (n == 0) {
        if (!ctx->quiet)
            printf("no saved meals yet: 'dietbal meal save NAME --date D' or 'dietbal meal "
                   "define NAME ENTRY...'\n");
    } else {
        for (size_t i = 0; i < n; i++) {
            printf("@meal:%s\n", cmd_tx(l[i]->name));
            for (size_t j = 0; j < l[i]->n; j++)
                printf("    %s\n", cmd_tx(l[i]->items[j].text));
        }
    }
    for (size_t i = 0; i < n; i++)
        saved_meal_free(l[i]);
    free(l);
    store_close(s);
    return rc;
}

static int rm(const char *given, const struct cmd_ctx *ctx) {
    char name[RECIPE_SLUG_MAX + 1];
    store *s = NULL;
    int rc, src;

    if (meal_name(given, name) != 0)
        return EXIT_USAGE;
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    src = store_meal_remove(s, name);
    if (src != STORE_OK) {
        cmd_error(name, "%s%s", store_errmsg(s),
                  src == STORE_NOTFOUND ? " ('dietbal meal list' shows them)" : "");
        rc = src == STORE_NOTFOUND ? EXIT_USAGE : EXIT_RUNTIME;
    } else if (!ctx->quiet) {
        printf("@meal:%s removed (entries logged from it stay)\n", name);
    }
    store_close(s);
    return rc;
}

int cmd_meal(int argc, char **argv, struct cmd_ctx *ctx) {
    char date[11] = "", meal_help[CMD_MEAL_HELP_LEN];
    int meal = -1, replace = 0, rc;
    const struct opt opts[] = {
        {"date", 0, OPT_DATE, date, .arg = "D", .help = "save: the day whose entries are saved"},
        cmd_meal_option(0, &meal, meal_help),
        {"replace", 0, OPT_FLAG, &replace, .help = "save, define: replace a meal of that name"},
        {0}};
    const struct opt_spec spec = {
        .name = "meal",
        .usage = "meal save NAME --date D [--meal M] [--replace]\n"
                 "meal define NAME [--replace] ENTRY...\n"
                 "meal list [--json]\n"
                 "meal show NAME [--json]\n"
                 "meal rm NAME",
        .about = "A saved meal is a named list of entries: 'save' takes what was logged on a\n"
                 "day (one meal of it with --meal), 'define' takes entries written as for\n"
                 "'dietbal add'.  Log it with dietbal add @meal:NAME (\"2 @meal:NAME\" twice\n"
                 "it), all its entries in one go.  NAME is kept as a slug (\"Usual breakfast\"\n"
                 "is usual-breakfast); a name in use needs --replace.\n",
        .opts = opts,
        .subs = meal_subs};

    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (optind >= argc)
        return cmd_usage_error(&spec);
    const char *sub = argv[optind++];
    int rest = argc - optind;
    char **args = argv + optind;
    if ((date[0] || meal >= 0) && strcmp(sub, "save") != 0) {
        cmd_error("meal", "--date and --meal go with 'save'");
        return EXIT_USAGE;
    }
    if (replace && strcmp(sub, "save") != 0 && strcmp(sub, "define") != 0) {
        cmd_error("meal", "--replace goes with 'save' and 'define'");
        return EXIT_USAGE;
    }
    if (strcmp(sub, "save") == 0 && rest == 1)
        return save(args[0], date[0] ? date : NULL, cmd_meal_name(meal), replace, ctx);
    if (strcmp(sub, "define") == 0)
        return define(rest, args, replace, ctx);
    if (strcmp(sub, "list") == 0 && rest == 0)
        return list(ctx);
    if (strcmp(sub, "show") == 0 && rest == 1)
        return show(args[0], ctx);
    if (strcmp(sub, "rm") == 0 && rest == 1)
        return rm(args[0], ctx);
    if (strcmp(sub, "save") != 0 && strcmp(sub, "list") != 0 && strcmp(sub, "show") != 0 &&
        strcmp(sub, "rm") != 0) {
        cmd_error("meal", "unknown subcommand '%s' (save, define, list, show or rm)", sub);
        return EXIT_USAGE;
    }
    return cmd_usage_error(&spec);
}

int cmd_copy(int argc, char **argv, struct cmd_ctx *ctx) {
    char from[11] = "", to[11], today[11], note[64], meal_help[CMD_MEAL_HELP_LEN];
    int meal = -1;
    const struct opt opts[] = {
        {"from", 0, OPT_DATE, from, .arg = "D", .help = "the day to copy"},
        {"to", 0, OPT_DATE, to, .arg = "D", .help = "the day to log it on (default today)"},
        cmd_meal_option(0, &meal, meal_help),
        {0}};
    const struct opt_spec spec = {
        .name = "copy",
        .usage = "copy --from D [--meal M] [--to D]",
        .about = "Log the entries of day D (or of its meal M) again on another day (default\n"
                 "today), with their meals and times; all of them or, on a failure, none.\n",
        .opts = opts};
    struct cmd_entries e;
    struct entry *l = NULL;
    size_t n = 0;
    store *s = NULL;
    int rc;

    memset(&e, 0, sizeof(e));
    date_format(date_today(), today);
    memcpy(to, today, sizeof(to));
    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (optind < argc) {
        cmd_error("copy", "unexpected '%s' (the days go in --from and --to)", argv[optind]);
        return EXIT_USAGE;
    }
    if (!from[0]) {
        cmd_error("copy", "--from is needed: the day to copy, e.g. --from yesterday");
        return EXIT_USAGE;
    }
    if (strcmp(to, today) > 0) {
        cmd_error("--to", "%s is in the future", to);
        return EXIT_USAGE;
    }
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if (store_entries_list(s, from, from, &l, &n) != STORE_OK) {
        cmd_error("copy", "%s", store_errmsg(s));
        rc = EXIT_RUNTIME;
        goto out;
    }
    if ((rc = cmd_entries_open(&e, s, 1, 0)) != EXIT_OK)
        goto out;
    snprintf(note, sizeof(note), "copied from %s", from);
    for (size_t i = 0; i < n; i++) {
        char text[256];
        if (meal >= 0 && strcmp(l[i].meal, cmd_meal_name(meal)) != 0)
            continue;
        snprintf(text, sizeof(text), "%g %s@%s", l[i].supplement ? l[i].units : l[i].grams,
                 l[i].supplement ? "" : "g ", l[i].food_id);
        if ((rc = cmd_entries_add_stored(&e, text, l[i].supplement, l[i].food_id,
                                         l[i].supplement ? l[i].units : l[i].grams, note)) !=
            EXIT_OK)
            goto out;
        struct cmd_item *it = &e.items[e.n - 1];
        snprintf(it->meal, sizeof(it->meal), "%s", l[i].meal);
        snprintf(it->time, sizeof(it->time), "%s", l[i].time);
    }
    if (e.n == 0) {
        cmd_error("copy", "nothing was logged on %s%s%s; nothing was copied", from,
                  meal >= 0 ? " for " : "", cmd_meal_name(meal));
        rc = EXIT_USAGE;
        goto out;
    }
    if ((rc = cmd_entries_store(&e, to, NULL, NULL, "copy")) != EXIT_OK)
        goto out;
    if (ctx->json)
        rc = cmd_items_json(e.items, e.n, to, NULL, 0);
    else if (!ctx->quiet)
        cmd_items_print(e.items, e.n, to, NULL, 0);
out:
    cmd_entries_close(&e);
    store_entries_free(l, n);
    store_close(s);
    return rc;
}
