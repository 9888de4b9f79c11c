/*
 * cmd_suggest.c - `dietbal suggest NUTRIENT [--limit N] [--json]`: foods
 * that raise a nutrient while keeping the balance, best first.  The
 * ranking is suggest.c's; this file parses, refuses what dietbal does not
 * suggest, and prints.  Foods only: never supplements or doses
 * (nutrition-science.md 5.2, 5.3).
 */
#include "cmd.h"

#include "dietbal/jsonout.h"
#include "dietbal/store.h"
#include "dietbal/suggest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUGGEST_DEFAULT_LIMIT 10

/* Why dietbal refuses to suggest raising a nutrient it knows. */
static const char *refusal(int nutrient) {
    switch (nutrient) {
    case NUT_SODIUM:
        return "dietbal does not suggest raising sodium: most diets have more than "
               "enough, and the aim is to stay under 2,300 mg a day";
    case NUT_PHOSPHORUS:
        return "dietbal does not suggest raising phosphorus: ordinary diets have plenty "
               "(it comes with protein foods); try 'dietbal suggest calcium'";
    case NUT_ENERGY:
        return "dietbal does not suggest raising energy: eat to appetite, and ask your "
               "midwife or doctor about weight gain";
    default:
        return "dietbal does not suggest foods for this nutrient";
    }
}

static json_t *suggestion_json(const struct suggestion *sg, const char *unit) {
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o}", "id", jstr(sg->id),
                     "name", jstr(sg->name), "portion", jstr(sg->portion), "portion_g",
                     jround(sg->portion_g, 1), "per_portion", jround(sg->per_portion, 1), "unit",
                     unit, "per_100kcal", jround(sg->per_100kcal, 1), "ca_p_ratio",
                     jround(sg->ca_p_ratio, 2), "protein_g", jround(sg->protein_g, 1), "pral_meq",
                     jround(sg->pral_meq, 1), "score", jround(sg->score, 4));
}

static int print_json(const struct suggestion *l, size_t n, const char *unit) {
    json_t *arr = json_array();
    if (!arr)
        return EXIT_RUNTIME;
    for (size_t i = 0; i < n; i++) {
        json_t *o = suggestion_json(&l[i], unit);
        if (!o || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return EXIT_RUNTIME;
        }
    }
    return json_print(arr, stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

static void print_value(double v, int width, int decimals) {
    if (isnan(v))
        printf(" %*s", width, "-");
    else
        printf(" %*.*f", width, decimals, v);
}

static void print_text(const struct suggestion *l, size_t n, int nutrient) {
    const struct nutrient_def *d = nutrients_get(nutrient);
    const char *unit = unit_name(d->unit);
    int decimals = nutrient == NUT_PROTEIN ? 1 : 0;
    /* Ca:P is part of the ranking for calcium and protein */
    int show_ratio = nutrient == NUT_CALCIUM || nutrient == NUT_PROTEIN;
    char head[32], dens[32];

    snprintf(head, sizeof(head), "%s %s", d->name, unit);
    snprintf(dens, sizeof(dens), "%s/100kcal", unit);
    printf("Foods that raise %s while keeping the balance, best first:\n\n", d->name);
    printf("%-11s %-24s %12s %12s%s  %s\n", "id", "portion", head, dens,
           show_ratio ? "   Ca:P" : "", "name");
    for (size_t i = 0; i < n; i++) {
        printf("%-11s %-24.24s", cmd_tx(l[i].id), cmd_tx(l[i].portion));
        print_value(l[i].per_portion, 12, decimals);
        print_value(l[i].per_100kcal, 12, decimals);
        if (show_ratio)
            print_value(l[i].ca_p_ratio, 6, 2);
        printf("  %.60s\n", cmd_tx(l[i].name));
    }
    printf("\nServings: the food's first household portion, at most 250 kcal and 250 g.\n"
           "These are foods, not supplements: dietbal gives no supplement doses.\n"
           "Whether to take a supplement is a question for your midwife or doctor.\n");
}

int cmd_suggest(int argc, char **argv, struct cmd_ctx *ctx) {
    long limit = SUGGEST_DEFAULT_LIMIT;
    char limit_help[64];
    snprintf(limit_help, sizeof(limit_help), "how many foods (1 to %d, default %d)",
             SUGGEST_LIST_MAX, SUGGEST_DEFAULT_LIMIT);
    const struct opt opts[] = {{"limit", 'n', OPT_INT, &limit, .min = 1, .max = SUGGEST_LIST_MAX,
                                .arg = "N", .help = limit_help},
                               {0}};
    const struct opt_spec spec = {
        .name = "suggest",
        .usage = "suggest [--limit N] [--json] NUTRIENT",
        .about = "Foods that raise NUTRIENT while keeping the balance, best first.\n"
                 "NUTRIENT: calcium (ca), magnesium (mg), potassium (k), protein, water.\n"
                 "Each food is shown with a realistic serving (its first household portion,\n"
                 "at most 250 kcal and 250 g), the nutrient in it and per 100 kcal.  --json:\n"
                 "an array of objects: id name portion portion_g per_portion unit\n"
                 "per_100kcal ca_p_ratio protein_g pral_meq score.\n"
                 "These are foods, not supplements; dietbal gives no supplement doses.\n",
        .opts = opts,
        .operands = "calcium magnesium potassium protein water"};
    struct suggestion *list = NULL;
    size_t n = 0;
    store *s = NULL;
    long count = 0;
    int rc, nutrient;
    char err[512];

    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (optind + 1 != argc)
        return cmd_usage_error(&spec);
    const char *word = argv[optind];
    nutrient = suggest_nutrient_by_name(word);
    if (nutrient < 0) {
        cmd_error(word, "unknown nutrient (try calcium, magnesium, potassium, protein, water)");
        return EXIT_USAGE;
    }
    if (!suggest_supported(nutrient)) {
        cmd_error(word, "%s", refusal(nutrient));
        return EXIT_USAGE;
    }

    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        goto out;
    if (store_food_count(s, &count) != STORE_OK) {
        cmd_error("suggest", "%s", store_errmsg(s));
        rc = EXIT_RUNTIME;
        goto out;
    }
    if (count == 0) {
        cmd_error("suggest", "the database has no foods (run 'dietbal init' to import the "
                             "bundled USDA table)");
        rc = EXIT_RUNTIME;
        goto out;
    }
    if (suggest_foods(s, nutrient, (size_t)limit, &list, &n, err, sizeof(err)) != 0) {
        cmd_error("suggest", "%s", err);
        rc = EXIT_RUNTIME;
        goto out;
    }
    if (ctx->json) {
        rc = print_json(list, n, unit_name(nutrients_get(nutrient)->unit));
    } else if (n == 0) {
        cmd_error("suggest", "no food in the database raises %s", nutrients_get(nutrient)->name);
        rc = EXIT_RUNTIME;
    } else {
        print_text(list, n, nutrient);
        rc = EXIT_OK;
    }
out:
    suggest_free(list, n);
    store_close(s);
    return rc;
}
