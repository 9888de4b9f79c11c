/*
 * cmd_supplement.c - `dietbal supplement define|list|show`: supplements
 * from their labels, amounts per unit (tablet, capsule, softgel, sachet,
 * scoop, ml, drop).  Logging them is `dietbal add` ("1 tablet prenatal").
 *
 * Parsing and printing only: labels are read by label.c and supplement.c,
 * stored by the store (store_food.c).
 */
#include "cmd.h"

#include "dietbal/jsonout.h"
#include "dietbal/label.h"
#include "dietbal/store.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const supplement_subs[] = {"define", "list", "show", NULL};

#define SUPPLEMENT_USAGE                                                                           \
    "supplement define ID --name NAME --unit UNIT TAG=AMOUNT...\n"                                 \
    "supplement list [--json]\n"                                                                   \
    "supplement show ID [--json]"

static const char supplement_about[] =
    "A supplement's amounts are per unit, as on its label: UNIT is tablet,\n"
    "capsule, softgel, sachet, scoop, ml or drop; AMOUNT is a number and g, mg,\n"
    "ug (mcg, \xc2\xb5g) or IU (vitamin D: 40 IU = 1 ug), e.g. CA=200mg MG=100mg\n"
    "VITD=400IU FOL=400ug FE=17mg.  A nutrient the label does not list is zero.\n"
    "ID gets the prefix supp: (prenatal is supp:prenatal); defining it again\n"
    "updates it, and entries already logged count the new amounts.\n"
    "Log one with dietbal add \"1 tablet prenatal\" or \"2 @supp:prenatal\".\n";

/* An amount with its standard unit, as few digits as it needs. */
static void print_amount(FILE *out, int k, double v) {
    const struct nutrient_def *d = nutrients_get(k);
    fprintf(out, "%s %.4g %s", d->tag, v, unit_name(d->unit));
}

static json_t *supplement_json(const struct supplement *p) {
    json_t *nutrients = json_object();

    for (size_t k = 0; nutrients && k < nutrients_count(); k++) {
        const struct nutrient_def *d = nutrients_get((int)k);
        if (isnan(p->values[k]))
            continue;
        json_object_set_new(
            nutrients, d->tag,
            json_pack("{s:o, s:s}", "value", jnum(p->values[k]), "unit", unit_name(d->unit)));
    }
    return json_pack("{s:o, s:o, s:o, s:o}", "id", jstr(p->id), "name", jstr(p->name), "unit",
                     jstr(p->unit), "nutrients", nutrients ? nutrients : json_null());
}

/* "per tablet: CA 200 mg, MG 100 mg, VITD 10 ug" */
static void print_label(const struct supplement *p) {
    const char *sep = "";
    printf("  per %s:", cmd_tx(p->unit));
    for (size_t k = 0; k < nutrients_count(); k++) {
        if (isnan(p->values[k]))
            continue;
        printf("%s ", sep);
        print_amount(stdout, (int)k, p->values[k]);
        sep = ",";
    }
    printf("\n");
}

/* The reported nutrients of a dose: units x amount per unit (0 when the
 * label does not list it). */
static double dose_amount(const struct supplement_dose *d, int nutrient) {
    return d->units * supplement_amount(d->supp, nutrient);
}

void cmd_dose_print(const struct supplement_dose *d, int64_t id, int dry_run, const char *date,
                    const char *meal) {
    if (dry_run)
        printf("would store %s", date);
    else
        printf("#%" PRId64 " %s", id, date);
    printf("%s%s: %s (supplement)\n    %s (%s)\n   ", meal && *meal ? " " : "", meal ? meal : "",
           cmd_tx(d->text), cmd_tx(d->supp->name), cmd_tx(d->supp->id));
    printf("  Ca %.0f mg  Mg %.0f mg  P %.0f mg  vitamin D %.1f ug\n", dose_amount(d, NUT_CALCIUM),
           dose_amount(d, NUT_MAGNESIUM), dose_amount(d, NUT_PHOSPHORUS),
           dose_amount(d, NUT_VITAMIN_D));
}

json_t *cmd_dose_json(const struct supplement_dose *d, int64_t id, int dry_run, const char *date,
                      const char *meal) {
    return json_pack("{s:o, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
                     "s:o}",
                     "id", dry_run ? json_null() : json_integer((json_int_t)id), "date", date,
                     "meal", jstr(meal && *meal ? meal : NULL), "kind", "supplement",
                     "supplement_id", jstr(d->supp->id), "supplement", jstr(d->supp->name), "units",
                     jnum(d->units), "unit", jstr(d->supp->unit), "conversion", jstr(d->text),
                     "energy_kcal", jround(dose_amount(d, NUT_ENERGY), 1), "protein_g",
                     jround(dose_amount(d, NUT_PROTEIN), 2), "calcium_mg",
                     jround(dose_amount(d, NUT_CALCIUM), 1), "magnesium_mg",
                     jround(dose_amount(d, NUT_MAGNESIUM), 1), "phosphorus_mg",
                     jround(dose_amount(d, NUT_PHOSPHORUS), 1), "vitamin_d_ug",
                     jround(dose_amount(d, NUT_VITAMIN_D), 2));
}

static int define(int argc, char **argv, const char *name, const char *unit,
                  const struct cmd_ctx *ctx) {
    struct supplement *p = NULL;
    store *s = NULL;
    char err[512];
    int rc, what = 0, food = 0, src;

    if (!name || !unit) {
        cmd_error("supplement define", "%s is needed (the label's %s)", name ? "--unit" : "--name",
                  name ? "dose form: tablet, capsule, softgel, sachet, scoop, ml, drop"
                       : "product name");
        return EXIT_USAGE;
    }
    if ((rc = cmd_open_store(ctx, STORE_OPEN_CREATE, &s)) != EXIT_OK)
        return rc;
    /* "supplement define usda:01077": that is a food's id */
    if (store_food_exists(s, argv[0], &food) != STORE_OK) {
        cmd_error("supplement define", "%s", store_errmsg(s));
        rc = EXIT_RUNTIME;
        goto out;
    }
    if (food) {
        cmd_error_arg(argv[0], "is a food's id; a food cannot be redefined as a supplement");
        rc = EXIT_USAGE;
        goto out;
    }
    if (supplement_from_label(argv[0], name, unit, argv + 1, (size_t)(argc - 1), &p, err,
                              sizeof(err)) != 0) {
        cmd_error_arg(argv[0], "%s", err);
        rc = EXIT_USAGE;
        goto out;
    }
    if (store_begin(s) != STORE_OK) {
        cmd_error("supplement define", "%s", store_errmsg(s));
        rc = EXIT_RUNTIME;
        goto out;
    }
    src = store_supplement_upsert(s, p, &what);
    if (src != STORE_OK || store_commit(s) != STORE_OK) {
        cmd_error_arg(argv[0], "%s; nothing was changed", store_errmsg(s));
        store_rollback(s);
        rc = src == STORE_CONFLICT ? EXIT_USAGE : EXIT_RUNTIME;
        goto out;
    }
    if (ctx->json) {
        rc = json_print(supplement_json(p), stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
    } else if (!ctx->quiet) {
        printf("%s %s: %s\n", cmd_tx(p->id),
               what == STORE_FOOD_ADDED     ? "defined"
               : what == STORE_FOOD_UPDATED ? "updated (entries logged count the new amounts)"
                                            : "unchanged",
               p->name);
        print_label(p);
    }
out:
    supplement_free(p);
    store_close(s);
    return rc;
}

static int list(const struct cmd_ctx *ctx) {
    struct supplement **l = NULL;
    size_t n = 0;
    store *s = NULL;
    int rc;

    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if (store_supplements_list(s, &l, &n) != STORE_OK)
        return cmd_store_failed(s, "supplement list");
    if (ctx->json) {
        json_t *arr = json_array();
        for (size_t i = 0; arr && i < n; i++)
            json_array_append_new(arr, supplement_json(l[i]));
        rc = json_print(arr, stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
    } else if (n == 0) {
        if (!ctx->quiet)
            printf("no supplements yet: 'dietbal supplement define' one from its label, or "
                   "import a table with <supplement> entries\n");
    } else {
        for (size_t i = 0; i < n; i++) {
            printf("%-28s %s\n", cmd_tx(l[i]->id), cmd_tx(l[i]->name));
            print_label(l[i]);
        }
    }
    store_supplements_free(l, n);
    store_close(s);
    return rc;
}

static int show(const char *given, const struct cmd_ctx *ctx) {
    struct supplement *p = NULL;
    char id[SUPPLEMENT_ID_MAX + 1], err[256];
    store *s = NULL;
    int rc;

    if (given[0] == '@')
        given++;
    if (supplement_make_id(given, id, err, sizeof(err)) != 0) {
        cmd_error_arg(given, "%s", err);
        return EXIT_USAGE;
    }
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    rc = store_supplement_get(s, id, &p);
    if (rc == STORE_NOTFOUND) {
        cmd_error(id, "no such supplement ('dietbal supplement list' shows them)");
        rc = EXIT_USAGE;
    } else if (rc != STORE_OK) {
        cmd_error("supplement show", "%s", store_errmsg(s));
        rc = EXIT_RUNTIME;
    } else if (ctx->json) {
        rc = json_print(supplement_json(p), stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
    } else {
        printf("%s  %s\nunit: %s\n\n%-32s %12s\n", cmd_tx(p->id), cmd_tx(p->name), cmd_tx(p->unit),
               "nutrient", "per unit");
        for (size_t k = 0; k < nutrients_count(); k++) {
            const struct nutrient_def *d = nutrients_get((int)k);
            char label[64];
            if (isnan(p->values[k]))
                continue;
            snprintf(label, sizeof(label), "%s (%s)", d->name, unit_name(d->unit));
            printf("%-32.32s %12.4g\n", label, p->values[k]);
        }
        printf("\nnutrients not listed: none in this product (a label lists what it holds)\n");
        rc = EXIT_OK;
    }
    supplement_free(p);
    store_close(s);
    return rc;
}

int cmd_supplement(int argc, char **argv, struct cmd_ctx *ctx) {
    const char *name = NULL, *unit = NULL;
    char units[96];
    const struct opt opts[] = {
        {"name", 0, OPT_STRING, &name, .arg = "NAME", .help = "define: the product's name"},
        {"unit", 0, OPT_STRING, &unit, .arg = "UNIT", .complete = units,
         .help = "define: the dose form the amounts are per"},
        {0}};
    const struct opt_spec spec = {.name = "supplement",
                                  .usage = SUPPLEMENT_USAGE,
                                  .about = supplement_about,
                                  .opts = opts,
                                  .subs = supplement_subs};
    int rc;

    cmd_choice_join(label_dose_forms(), " ", " ", units, sizeof(units));
    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (optind >= argc)
        return cmd_usage_error(&spec);
    const char *sub = argv[optind++];
    int rest = argc - optind;
    if (strcmp(sub, "define") == 0)
        return rest < 1 ? cmd_usage_error(&spec) : define(rest, argv + optind, name, unit, ctx);
    if ((name || unit)) {
        cmd_error("supplement", "--name and --unit go with 'define'");
        return EXIT_USAGE;
    }
    if (strcmp(sub, "list") == 0 && rest == 0)
        return list(ctx);
    if (strcmp(sub, "show") == 0 && rest == 1)
        return show(argv[optind], ctx);
    if (strcmp(sub, "list") != 0 && strcmp(sub, "show") != 0) {
        cmd_error("supplement", "unknown subcommand '%s' (define, list or show)", sub);
        return EXIT_USAGE;
    }
    return cmd_usage_error(&spec);
}
