/*
 * cmd_add.c - `dietbal add`: log what was eaten.
 *
 * Every ENTRY is parsed, its food resolved and its quantity converted to
 * grams before anything is stored; then all entries go in one transaction.
 * One bad entry stores nothing.
 */
#include "dietbal/cmd.h"

#include "dietbal/date.h"
#include "dietbal/entry.h"
#include "dietbal/foodsearch.h"
#include "dietbal/jsonout.h"
#include "dietbal/units.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many candidates an ambiguous match lists. */
#define CANDIDATES_SHOWN 6
/* How many full-text matches are ranked to find the everyday choice. */
#define SEARCH_DEPTH 200

struct pending {
    struct food *food;
    struct units_result conv;
    int64_t id;
    struct supplement_dose supp; /* a supplement entry: supp.supp set, food NULL */
};

static void add_usage(FILE *out)
{
    fprintf(out,
            "usage: dietbal add [--date D] [--time HH:MM] [--meal M] [--force] ENTRY...\n"
            "ENTRY is \"QUANTITY [UNIT] FOOD\": \"1 cup whole milk\", \"2 slices bread\",\n"
            "\"1 1/2 cup oatmeal\", \"150 g salmon\", \"250 ml @usda:01077\".\n"
            "Units: g kg mg oz lb ml l dl cup tbsp tsp \"fl oz\", or a portion of the food\n"
            "(slice, large, ...).  No unit counts the food's first portion.  @ID takes a\n"
            "food by id.  Meals: breakfast lunch dinner snack.  More than 5 kg in one\n"
            "entry needs --force.\n"
            "Supplements are counted in units: \"1 tablet prenatal\", \"2 capsules magnesium\",\n"
            "\"1 pill prenatal\", \"2 @supp:ID\" ('dietbal supplement list').\n");
}

/* entry_resolve's lookup: by id, or the everyday choice among the
 * full-text matches when it clearly wins. */
static enum entry_lookup lookup(void *ctx, const char *text, int by_id, struct food **out,
                                char *err, size_t errlen)
{
    store *s = ctx;
    struct food_hit *hits = NULL;
    size_t n = 0;
    int rc;

    if (by_id) {
        rc = store_food_get(s, text, out);
        if (rc == STORE_OK)
            return ENTRY_LOOKUP_FOUND;
        snprintf(err, errlen, "%s", store_errmsg(s));
        return rc == STORE_NOTFOUND ? ENTRY_LOOKUP_NOTFOUND : ENTRY_LOOKUP_ERROR;
    }
    /* an everyday name stands for one food even when its USDA name lacks
     * the word ("oatmeal" is "Cereals, oats, ... cooked with water") */
    const char *pin = foodsearch_everyday(text);
    if (pin && (rc = store_food_get(s, pin, out)) != STORE_NOTFOUND) {
        if (rc == STORE_OK)
            return ENTRY_LOOKUP_FOUND;
        snprintf(err, errlen, "%s", store_errmsg(s));
        return ENTRY_LOOKUP_ERROR;
    }
    if (store_food_search(s, text, SEARCH_DEPTH, &hits, &n) != STORE_OK) {
        snprintf(err, errlen, "%s", store_errmsg(s));
        return ENTRY_LOOKUP_ERROR;
    }
    if (n == 0) {
        store_food_hits_free(hits, n);
        long foods = 0;
        if (store_food_count(s, &foods) == STORE_OK && foods == 0)
            snprintf(err, errlen, "no food table yet: run 'dietbal init' first");
        else
            snprintf(err, errlen, "no food matches '%s' (try 'dietbal foods search WORD')", text);
        return ENTRY_LOOKUP_NOTFOUND;
    }
    foodsearch_rank(text, hits, n);
    if (!foodsearch_clear_winner(text, hits, n)) {
        size_t used = (size_t)snprintf(err, errlen,
                                       "'%s' matches several foods; say which with @ID:", text);
        for (size_t i = 0; i < n && i < CANDIDATES_SHOWN && used < errlen; i++)
            used += (size_t)snprintf(err + used, errlen - used, "\n    @%-11s %.60s",
                                     hits[i].id, hits[i].name);
        store_food_hits_free(hits, n);
        return ENTRY_LOOKUP_AMBIGUOUS;
    }
    rc = store_food_get(s, hits[0].id, out);
    if (rc != STORE_OK)
        snprintf(err, errlen, "%s", store_errmsg(s));
    store_food_hits_free(hits, n);
    return rc == STORE_OK ? ENTRY_LOOKUP_FOUND : ENTRY_LOOKUP_ERROR;
}

static void print_amount(const char *label, double v, const char *unit)
{
    if (isnan(v))
        printf("  %s ? %s", label, unit);
    else
        printf("  %s %.*f %s", label, v < 10 ? 1 : 0, v, unit);
}

int cmd_add(int argc, char **argv, struct cmd_ctx *ctx)
{
    static const char *const meals[] = {"breakfast", "lunch", "dinner", "snack", NULL};
    static const struct option opts[] = {{"date", required_argument, NULL, 'd'},
                                         {"time", required_argument, NULL, 't'},
                                         {"meal", required_argument, NULL, 'm'},
                                         {"force", no_argument, NULL, 'f'},
                                         CMD_COMMON_OPTIONS,
                                         {0, 0, 0, 0}};
    char date[11], time[6] = "", meal[12] = "", err[2048], hint[512];
    struct pending *items = NULL;
    struct entry_spec *spec = NULL;
    store *s = NULL;
    int c, rc = EXIT_OK, force = 0, n = 0;

    date_format(date_today(), date);
    optind = 1;
    while ((c = getopt_long(argc, argv, "hd:t:m:", opts, NULL)) != -1) {
        if (cmd_common_option(c, ctx))
            continue;
        switch (c) {
        case 'd':
            if (cmd_parse_date("--date", optarg, date) != 0)
                return EXIT_USAGE;
            break;
        case 't':
            if (cmd_parse_time("--time", optarg, time) != 0)
                return EXIT_USAGE;
            break;
        case 'm': {
            int ok = 0;
            for (int i = 0; meals[i]; i++)
                ok |= strcmp(optarg, meals[i]) == 0;
            if (!ok) {
                cmd_error("--meal", "'%s' is not one of breakfast, lunch, dinner, snack", optarg);
                return EXIT_USAGE;
            }
            snprintf(meal, sizeof(meal), "%s", optarg);
            break;
        }
        case 'f': force = 1; break;
        case 'h': add_usage(stdout); return EXIT_OK;
        default: return cmd_bad_option("add");
        }
    }
    if (optind >= argc) {
        cmd_error("add", "what was eaten? e.g. dietbal add \"1 cup whole milk\"");
        return EXIT_USAGE;
    }
    /* a diary is about what happened: no entries in the future */
    {
        char today[11];
        date_format(date_today(), today);
        if (strcmp(date, today) > 0) {
            cmd_error("--date", "%s is in the future", date);
            return EXIT_USAGE;
        }
    }
    if ((rc = cmd_open_store(ctx, &s)) != EXIT_OK)
        return rc;
    items = calloc((size_t)(argc - optind), sizeof(*items));
    spec = malloc(sizeof(*spec));
    if (!items || !spec) {
        cmd_error("add", "out of memory");
        rc = EXIT_RUNTIME;
        goto out;
    }

    /* 1: resolve everything; nothing is stored yet */
    for (int i = optind; i < argc; i++, n++) {
        const char *unit = NULL;
        int r = entry_parse(argv[i], spec, err, sizeof(err));
        /* -- supplements (supplement.c): a dose form or @supp:ID, in units -- */
        hint[0] = '\0';
        if (r == ENTRY_OK) {
            int sr = supplement_resolve(s, spec->quantity, spec->unit, spec->food, force,
                                        &items[n].supp, hint, sizeof(hint));
            if (sr == SUPPLEMENT_FOUND)
                continue;
            if (sr != SUPPLEMENT_NOT_ONE) {
                cmd_error_arg(argv[i], "%s", hint);
                rc = sr == SUPPLEMENT_ERUNTIME ? EXIT_RUNTIME : EXIT_USAGE;
                goto out;
            }
            /* -- end of supplements: a food from here on -- */
            r = entry_resolve(spec, lookup, s, &items[n].food, &unit, err, sizeof(err));
        }
        if (r != ENTRY_OK) {
            cmd_error_arg(argv[i], "%s%s%s", err, hint[0] ? "; " : "", hint);
            rc = r == ENTRY_ERUNTIME ? EXIT_RUNTIME : EXIT_USAGE;
            goto out;
        }
        r = units_to_grams(items[n].food, spec->quantity, unit, force, &items[n].conv, err,
                           sizeof(err));
        if (r != UNITS_OK) {
            cmd_error_arg(argv[i], "%s (%s)", err, items[n].food->name);
            rc = EXIT_USAGE;
            n++;
            goto out;
        }
    }

    /* 2: store them all or none */
    if (store_begin(s) != STORE_OK) {
        cmd_error("add", "%s", store_errmsg(s));
        rc = EXIT_RUNTIME;
        goto out;
    }
    for (int i = 0; i < n; i++) {
        if (items[i].supp.supp
                ? store_supplement_entry_add(s, date, time, meal, items[i].supp.supp->id,
                                             items[i].supp.units, &items[i].id) != STORE_OK
                : store_entry_add(s, date, time, meal, items[i].food->id, items[i].conv.grams,
                                  &items[i].id) != STORE_OK) {
            cmd_error("add", "%s; nothing was stored", store_errmsg(s));
            store_rollback(s);
            rc = EXIT_RUNTIME;
            goto out;
        }
    }
    if (store_commit(s) != STORE_OK) {
        cmd_error("add", "%s; nothing was stored", store_errmsg(s));
        store_rollback(s);
        rc = EXIT_RUNTIME;
        goto out;
    }

    /* 3: say exactly what was stored */
    if (ctx->json) {
        json_t *arr = json_array();
        for (int i = 0; i < n; i++) {
            if (items[i].supp.supp) {
                json_array_append_new(arr, cmd_dose_json(&items[i].supp, items[i].id, date));
                continue;
            }
            const double *v = items[i].food->values, g = items[i].conv.grams / 100.0;
            json_array_append_new(
                arr, json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o}", "id",
                               (json_int_t)items[i].id, "date", date, "food_id",
                               items[i].food->id, "food", items[i].food->name, "grams",
                               jround(items[i].conv.grams, 2), "conversion", items[i].conv.text,
                               "energy_kcal", jround(v[NUT_ENERGY] * g, 1), "protein_g",
                               jround(v[NUT_PROTEIN] * g, 2), "calcium_mg",
                               jround(v[NUT_CALCIUM] * g, 1), "magnesium_mg",
                               jround(v[NUT_MAGNESIUM] * g, 1), "phosphorus_mg",
                               jround(v[NUT_PHOSPHORUS] * g, 1)));
        }
        if (json_print(arr, stdout) != 0)
            rc = EXIT_RUNTIME;
    } else if (!ctx->quiet) {
        for (int i = 0; i < n; i++) {
            if (items[i].supp.supp) {
                cmd_dose_print(&items[i].supp, items[i].id, date, meal);
                continue;
            }
            const double *v = items[i].food->values, g = items[i].conv.grams / 100.0;
            printf("#%" PRId64 " %s%s%s: %s\n    %s (%s)\n   ", items[i].id, date,
                   meal[0] ? " " : "", meal, items[i].conv.text, items[i].food->name,
                   items[i].food->id);
            print_amount("Ca", v[NUT_CALCIUM] * g, "mg");
            print_amount("Mg", v[NUT_MAGNESIUM] * g, "mg");
            print_amount("P", v[NUT_PHOSPHORUS] * g, "mg");
            print_amount("protein", v[NUT_PROTEIN] * g, "g");
            printf("\n");
        }
    }
out:
    for (int i = 0; items && i < n; i++) {
        food_free(items[i].food);
        supplement_free(items[i].supp.supp);
    }
    free(items);
    free(spec);
    store_close(s);
    return rc;
}
