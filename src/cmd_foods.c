/*
 * cmd_foods.c - `dietbal foods search TEXT`, `dietbal foods show ID` and
 * `dietbal foods forget WORDS` (a choice remembered at add's prompt).
 */
#include "cmd.h"

#include "dietbal/foodsearch.h"
#include "dietbal/jsonout.h"
#include "dietbal/store.h"
#include "dietbal/words.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_value(double v, int width, int decimals) {
    if (isnan(v))
        printf(" %*s", width, "-");
    else
        printf(" %*.*f", width, decimals, v);
}

static char *join_args(int argc, char **argv) {
    size_t len = 1;
    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *s = malloc(len);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i)
            strcat(s, " ");
        strcat(s, argv[i]);
    }
    return s;
}

static int foods_search(store *s, const char *text, long limit, const struct cmd_ctx *ctx) {
    struct food_hit *hits = NULL;
    struct cmd_words words = {0};
    char key[WORDS_MAX], rew[WORDS_MAX];
    size_t n = 0, found;
    int rc;

    if ((rc = cmd_need_foods(s, "foods search")) != EXIT_OK ||
        (rc = cmd_words_load(s, &words)) != EXIT_OK)
        return rc;
    /* the words as written, else as the synonyms read them ("courgette");
     * a wider set ranked than shown, so the everyday choice can rise */
    foodsearch_key(text, key, sizeof(key));
    vocab_rewrite(words.vocab, words.vocab_dialect, key, rew, sizeof(rew));
    if (store_food_search(s, text, FOODSEARCH_DEPTH, &hits, &n) != STORE_OK ||
        (n == 0 && strcmp(rew, key) != 0 &&
         store_food_search(s, rew, FOODSEARCH_DEPTH, &hits, &n) != STORE_OK)) {
        cmd_error("foods search", "%s", store_errmsg(s));
        cmd_words_free(&words);
        return EXIT_RUNTIME;
    }
    foodsearch_rank_order(words.vocab, words.tables, text, hits, n);
    cmd_words_free(&words);
    found = n;
    if ((size_t)limit < n)
        n = (size_t)limit;
    if (ctx->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *o = json_pack(
                "{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", jstr(hits[i].id), "name",
                jstr(hits[i].name), "group", jstr(hits[i].group), "energy_kcal",
                jnum(hits[i].per100[NUT_ENERGY]), "protein_g", jnum(hits[i].per100[NUT_PROTEIN]),
                "calcium_mg", jnum(hits[i].per100[NUT_CALCIUM]), "magnesium_mg",
                jnum(hits[i].per100[NUT_MAGNESIUM]), "phosphorus_mg",
                jnum(hits[i].per100[NUT_PHOSPHORUS]));
            json_array_append_new(arr, o);
        }
        if (json_print(arr, stdout) != 0)
            rc = EXIT_RUNTIME;
    } else if (n == 0) {
        cmd_error("foods search", "nothing matches '%s'", text);
        rc = EXIT_RUNTIME;
    } else {
        printf("%-11s %6s %6s %6s %6s  %s\n", "id", "Ca mg", "Mg mg", "P mg", "prot g",
               "name (per 100 g)");
        for (size_t i = 0; i < n; i++) {
            printf("%-11s", cmd_tx(hits[i].id));
            print_value(hits[i].per100[NUT_CALCIUM], 6, 0);
            print_value(hits[i].per100[NUT_MAGNESIUM], 6, 0);
            print_value(hits[i].per100[NUT_PHOSPHORUS], 6, 0);
            print_value(hits[i].per100[NUT_PROTEIN], 6, 1);
            printf("  %.60s\n", cmd_tx(hits[i].name));
        }
    }
    store_food_hits_free(hits, found);
    return rc;
}

static json_t *food_json(const struct food *f) {
    json_t *portions = json_array(), *nutrients = json_object();
    for (size_t i = 0; i < f->n_portions; i++)
        json_array_append_new(
            portions, json_pack("{s:o, s:o, s:o}", "name", jstr(f->portions[i].name), "amount",
                                jnum(f->portions[i].amount), "grams", jnum(f->portions[i].grams)));
    for (size_t k = 0; k < nutrients_count(); k++) {
        const struct nutrient_def *d = nutrients_get((int)k);
        if (isnan(f->values[k]))
            continue;
        json_t *v =
            json_pack("{s:o, s:s}", "value", jnum(f->values[k]), "unit", unit_name(d->unit));
        if (v && !isnan(f->spread[k]))
            json_object_set_new(v, "spread", jnum(f->spread[k]));
        json_object_set_new(nutrients, d->tag, v);
    }
    json_t *aliases = json_array();
    for (size_t i = 0; i < f->n_aliases; i++)
        json_array_append_new(aliases, json_pack("{s:o, s:o}", "name", jstr(f->aliases[i].name),
                                                 "lang", jstr(f->aliases[i].lang)));
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "id", jstr(f->id), "name", jstr(f->name),
                     "group", jstr(f->group), "aliases", aliases, "portions", portions, "nutrients",
                     nutrients);
}

static int foods_show(store *s, const char *id, const struct cmd_ctx *ctx) {
    struct food *f = NULL;
    int rc = store_food_get(s, id, &f);

    if (rc == STORE_NOTFOUND) {
        cmd_error(id, "no such food (find ids with 'dietbal foods search TEXT')");
        return EXIT_USAGE;
    }
    if (rc != STORE_OK) {
        cmd_error("foods show", "%s", store_errmsg(s));
        return EXIT_RUNTIME;
    }
    if (ctx->json) {
        rc = json_print(food_json(f), stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
        food_free(f);
        return rc;
    }
    printf("%s  %s\n", cmd_tx(f->id), cmd_tx(f->name));
    if (f->group)
        printf("group: %s\n", cmd_tx(f->group));
    for (size_t i = 0; i < f->n_aliases; i++)
        printf("%s%s%s%s%s", i ? ", " : "also: ", cmd_tx(f->aliases[i].name),
               f->aliases[i].lang ? " (" : "", f->aliases[i].lang ? cmd_tx(f->aliases[i].lang) : "",
               f->aliases[i].lang ? ")" : "");
    if (f->n_aliases)
        printf("\n");
    int spread = 0;
    for (size_t k = 0; k < nutrients_count(); k++)
        spread |= !isnan(f->values[k]) && !isnan(f->spread[k]);
    printf("\n%-32s %12s", "nutrient", "per 100 g");
    if (spread)
        printf(" %10s", "spread (±)");
    size_t shown = f->n_portions < 3 ? f->n_portions : 3;
    /* cppcheck-suppress knownConditionTrueFalse ; n_portions comes from the store */
    for (size_t i = 0; i < shown; i++) {
        char head[32];
        snprintf(head, sizeof(head), "%g %.8s", f->portions[i].amount, cmd_tx(f->portions[i].name));
        printf(" %12.12s", head);
    }
    printf("\n");
    for (size_t k = 0; k < nutrients_count(); k++) {
        const struct nutrient_def *d = nutrients_get((int)k);
        char label[64];
        if (isnan(f->values[k]))
            continue;
        snprintf(label, sizeof(label), "%s (%s)", d->name, unit_name(d->unit));
        printf("%-32.32s %12.4g", label, f->values[k]);
        if (spread && isnan(f->spread[k]))
            printf(" %10s", "");
        else if (spread)
            printf(" %10.4g", f->spread[k]);
        /* cppcheck-suppress knownConditionTrueFalse */
        for (size_t i = 0; i < shown; i++)
            printf(" %12.4g", f->values[k] * f->portions[i].grams / 100.0);
        printf("\n");
    }
    if (spread)
        printf("\nspread: the table's ± figure for each value (IFCT 2017: the standard "
               "deviation across its samples); dietbal's statistics do not use it yet\n");
    if (f->n_portions) {
        printf("\nportions:\n");
        for (size_t i = 0; i < f->n_portions; i++)
            printf("  %g %s = %g g\n", f->portions[i].amount, cmd_tx(f->portions[i].name),
                   f->portions[i].grams);
    } else {
        printf("\nno household portions: log it in g, kg, mg, oz or lb\n");
    }
    food_free(f);
    return EXIT_OK;
}

/* Forget the food chosen for these words: the next add asks again. */
static int foods_forget(store *s, const char *text, const struct cmd_ctx *ctx) {
    char key[WORDS_MAX];
    int removed = 0;

    foodsearch_key(text, key, sizeof(key));
    if (!key[0]) {
        cmd_error("foods forget", "no word to forget (letters or digits)");
        return EXIT_USAGE;
    }
    if (store_begin(s) != STORE_OK || store_choice_forget(s, key, &removed) != STORE_OK ||
        store_commit(s) != STORE_OK) {
        cmd_error("foods forget", "%s", store_errmsg(s));
        store_rollback(s);
        return EXIT_RUNTIME;
    }
    if (!removed) {
        cmd_error("foods forget", "no food was chosen for '%s'", key);
        return EXIT_USAGE;
    }
    if (!ctx->quiet)
        printf("forgot the food chosen for '%s': the next 'add' asks again\n", key);
    return EXIT_OK;
}

/* Any word the search can take in args: letters and digits (store_food_search). */
static int has_word(int n, char **args) {
    for (int i = 0; i < n; i++)
        for (const unsigned char *p = (const unsigned char *)args[i]; *p; p++)
            if ((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') ||
                *p >= 0x80)
                return 1;
    return 0;
}

/* The subcommands of foods. */
static const char *const foods_subs[] = {"search", "show", "forget", NULL};

int cmd_foods(int argc, char **argv, struct cmd_ctx *ctx) {
    long limit = 10;
    const struct opt opts[] = {{"limit", 'n', OPT_INT, &limit, .min = 1, .max = 200, .arg = "N",
                                .help = "how many foods search shows (1 to 200, default 10)"},
                               {0}};
    const struct opt_spec spec = {
        .name = "foods",
        .usage = "foods search [--limit N] [--json] TEXT...\n"
                 "foods show [--json] ID\n"
                 "foods forget WORDS...",
        .about = "Values are per 100 g of edible portion; '-' means not known.  forget: the\n"
                 "food chosen for WORDS at a prompt of 'dietbal add' is asked about again.\n",
        .opts = opts,
        .subs = foods_subs};
    store *s = NULL;
    char *text = NULL;
    int rc;

    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (optind >= argc)
        return cmd_usage_error(&spec);
    const char *sub = argv[optind++];
    if (strcmp(sub, "search") != 0 && strcmp(sub, "show") != 0 && strcmp(sub, "forget") != 0) {
        cmd_error("foods", "unknown subcommand '%s' (search, show or forget)", sub);
        return EXIT_USAGE;
    }
    if (optind >= argc || (strcmp(sub, "show") == 0 && optind + 1 != argc))
        return cmd_usage_error(&spec);
    if (strcmp(sub, "search") == 0 && !has_word(argc - optind, argv + optind)) {
        cmd_error("foods search", "no word to search for (letters or digits)");
        return EXIT_USAGE;
    }
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if (strcmp(sub, "show") == 0) {
        const char *id = argv[optind];
        rc = cmd_need_foods(s, "foods show");
        if (rc == EXIT_OK)
            rc = foods_show(s, id[0] == '@' ? id + 1 : id, ctx);
        goto out;
    }
    if (!(text = join_args(argc - optind, argv + optind))) {
        rc = EXIT_RUNTIME;
        goto out;
    }
    if (strcmp(sub, "forget") == 0)
        rc = foods_forget(s, text, ctx);
    else
        rc = foods_search(s, text, limit, ctx);
out:
    free(text);
    store_close(s);
    return rc;
}
