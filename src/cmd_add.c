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
 * scoop ice cream").  Both kinds share the transaction.
 */
#include "dietbal/cmd.h"

#include "dietbal/date.h"
#include "dietbal/entry.h"
#include "dietbal/foodsearch.h"
#include "dietbal/jsonout.h"
#include "dietbal/units.h"
#include "dietbal/words.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How often one entry may be asked about before giving up (each answer
 * settles one ambiguous name; an entry has at most a few). */
#define MAX_PROMPTS 3

struct pending {
    struct food *food;
    struct units_result conv;
    char note[768]; /* what was assumed, "" when nothing */
    int64_t id;
    struct supplement_dose supp; /* a supplement entry: supp.supp set, food NULL */
};

/* What entry_resolve's callbacks need: the search and the unit test; and
 * the store, for the supplements. */
struct add_ctx {
    store *s;
    struct foodsearch *fs;
    struct units_opts opts;
    const struct vocab *vocab;
    enum vocab_dialect dialect;
};

static void add_usage(FILE *out)
{
    fprintf(out,
            "usage: dietbal add [--date D] [--time HH:MM] [--meal M] [--force] [--dry-run] ENTRY...\n"
            "ENTRY is what was eaten, as people say it: \"1 cup whole milk\", \"a glass of\n"
            "orange juice\", \"2 slices of pizza\", \"half an avocado\", \"steak 8 oz\",\n"
            "\"250 ml @usda:01077\".  Units: g kg mg oz lb ml l dl cup tbsp tsp \"fl oz\", a\n"
            "portion of the food (slice, large, ...) or a container (glass, mug, bowl,\n"
            "handful, tin, pint ...).  No unit counts the food's usual portion; no\n"
            "quantity is one.  @ID takes a food by id.  Meals: breakfast lunch dinner\n"
            "snack.  More than 5 kg in one entry needs --force.  --dry-run stores nothing.\n"
            "Supplements are counted in units: \"1 tablet prenatal\", \"2 capsules magnesium\",\n"
            "\"1 pill prenatal\", \"2 @supp:ID\" ('dietbal supplement list').\n");
}

static enum entry_lookup lookup(void *ctx, const char *text, int by_id, int relaxed,
                                struct food **out, char *err, size_t errlen)
{
    struct add_ctx *a = ctx;
    return foodsearch_lookup(a->fs, text, by_id, relaxed, out, err, errlen);
}

static int takes(void *ctx, const struct food *f, const char *word)
{
    struct add_ctx *a = ctx;
    return units_takes(f, word, &a->opts);
}

static int counts(void *ctx, const struct food *f, const char *word)
{
    struct add_ctx *a = ctx;
    return units_counts(f, word, &a->opts);
}

static int name_word(void *ctx, const char *word)
{
    struct add_ctx *a = ctx;
    return foodsearch_name_word(a->fs, word);
}

/* Ask which of the candidates was meant; the chosen index, or -1. */
static int prompt_choice(const char *arg, const char *text, const struct food_hit *c, size_t n)
{
    char line[64];
    fprintf(stderr, "dietbal: \"%s\": '%s' could be:\n", arg, text);
    for (size_t i = 0; i < n; i++) {
        fprintf(stderr, "  %zu) %.70s (%s)\n     per 100 g:", i + 1, cmd_tx(c[i].name),
                cmd_tx(c[i].id));
        if (!isnan(c[i].per100[NUT_CALCIUM]))
            fprintf(stderr, " Ca %.0f mg", c[i].per100[NUT_CALCIUM]);
        if (!isnan(c[i].per100[NUT_PROTEIN]))
            fprintf(stderr, " protein %.1f g", c[i].per100[NUT_PROTEIN]);
        if (!isnan(c[i].per100[NUT_ENERGY]))
            fprintf(stderr, " %.0f kcal", c[i].per100[NUT_ENERGY]);
        fprintf(stderr, "\n");
    }
    fprintf(stderr, "Which one? [1-%zu, Enter for none]: ", n);
    fflush(stderr);
    if (!fgets(line, sizeof(line), stdin))
        return -1;
    char *end = NULL;
    long k = strtol(line, &end, 10);
    if (end == line || k < 1 || (size_t)k > n)
        return -1;
    return (int)k - 1;
}

/* The thing counted: the last word of the entry's text as the synonyms
 * read it ("stick" of "fish fingers"), in buf. */
static const char *counted_noun(const struct add_ctx *a, const char *text, char *buf, size_t len)
{
    char norm[WORDS_MAX];
    words_normalise(text, norm, sizeof(norm));
    vocab_rewrite(a->vocab, a->dialect, norm, buf, len);
    const char *sp = strrchr(buf, ' ');
    return sp ? sp + 1 : buf;
}

/* The size the entry says ("1 large flour tortilla", "a small can of
 * juice"): its first word after the amount, if that is a size word. */
static const char *size_said(const struct add_ctx *a, const struct entry_spec *spec)
{
    char first[64];
    size_t n = strcspn(spec->text, " ");
    if (n >= sizeof(first))
        return NULL;
    memcpy(first, spec->text, n);
    first[n] = '\0';
    return units_size_word(a->opts.containers, first);
}

/* Does the text end in a plural ("grapes", "fries"), not a thing one
 * counts singly ("banana") or a mass ("rice", "hummus")? */
static int plural(const char *text)
{
    char norm[WORDS_MAX], last[64];
    const char *sp = strrchr(text, ' ');
    const char *w = sp ? sp + 1 : text;
    size_t n = strlen(w) < sizeof(last) - 1 ? strlen(w) : sizeof(last) - 1;
    memcpy(last, w, n);
    last[n] = '\0';
    words_normalise(last, norm, sizeof(norm));
    for (char *c = last; *c; c++)
        *c = (char)words_lower((unsigned char)*c);
    return norm[0] && strcmp(norm, last) != 0;
}

/* A supplement entry: a dose form or @supp:ID (supplement.h).  0 when
 * *p holds the dose; 1 when the entry is a food's (hint may then say why
 * no supplement took it); else an exit status, the error printed. */
static int resolve_supplement(const char *arg, const struct entry_spec *spec,
                              const struct add_ctx *a, struct pending *p, char *hint,
                              size_t len)
{
    int sr = supplement_resolve(a->s, spec->quantity, spec->unit, spec->food, a->opts.force,
                                &p->supp, hint, len);
    if (sr == SUPPLEMENT_FOUND)
        return 0;
    if (sr == SUPPLEMENT_NOT_ONE)
        return 1;
    cmd_error_arg(arg, "%s", hint);
    return sr == SUPPLEMENT_ERUNTIME ? EXIT_RUNTIME : EXIT_USAGE;
}

/* Parse, resolve and convert one ENTRY into *p; an exit status. */
static int resolve_entry(const char *arg, struct add_ctx *a, int interactive, struct pending *p)
{
    struct entry_spec *spec = malloc(sizeof(*spec));
    struct entry_resolver rv = {lookup, takes, a, name_word, counts};
    struct entry_found got = {NULL, NULL, NULL};
    char err[2048], noun[WORDS_MAX], hint[512] = "";
    int r, rc = EXIT_OK;

    if (!spec) {
        cmd_error("add", "out of memory");
        return EXIT_RUNTIME;
    }
    r = entry_parse(arg, spec, err, sizeof(err));
    if (r == ENTRY_OK && (rc = resolve_supplement(arg, spec, a, p, hint, sizeof(hint))) != 1)
        goto out; /* a supplement's dose, or its error */
    rc = EXIT_OK;
    if (r == ENTRY_OK)
        foodsearch_hint(a->fs, spec->unit, spec->unit_generic || spec->unit_of, !spec->unit[0]);
    for (int asked = 0; r == ENTRY_OK || r == ENTRY_EAMBIGUOUS; asked++) {
        r = entry_resolve(spec, &rv, &got, err, sizeof(err));
        size_t n = 0;
        const struct food_hit *c = got.text ? foodsearch_candidates(a->fs, got.text, &n) : NULL;
        if (r != ENTRY_EAMBIGUOUS || !interactive || !c || asked == MAX_PROMPTS)
            break;
        int k = prompt_choice(arg, got.text, c, n);
        if (k < 0) {
            cmd_error_arg(arg, "no food chosen; nothing was stored");
            rc = EXIT_USAGE;
            goto out;
        }
        fprintf(stderr, "dietbal: '%s' will mean %s (%s) from now on (undo: dietbal foods forget %s)\n",
                cmd_tx(got.text), cmd_tx(c[k].name), cmd_tx(c[k].id), cmd_tx(got.text));
        if (foodsearch_choose(a->fs, got.text, c[k].id) != 0) {
            cmd_error("add", "out of memory");
            rc = EXIT_RUNTIME;
            goto out;
        }
    }
    if (r != ENTRY_OK) {
        cmd_error_arg(arg, "%s%s%s", err, hint[0] ? "; " : "", hint);
        rc = r == ENTRY_ERUNTIME ? EXIT_RUNTIME : EXIT_USAGE;
        goto out;
    }
    p->food = got.food;
    snprintf(p->note, sizeof(p->note), "%s", foodsearch_note(a->fs, got.text));
    a->opts.noun = counted_noun(a, spec->text, noun, sizeof(noun));
    a->opts.size = size_said(a, spec);
    r = UNITS_EUNIT;
    if (spec->implied && !got.unit && (plural(spec->text) || !units_has_countable(p->food)))
        /* "grapes", "fries", "rice": a portion of the kind of food */
        r = units_convert(p->food, 1, "portion", &a->opts, &p->conv, NULL, 0);
    if (r != UNITS_OK) /* "banana": one of them */
        r = units_convert(p->food, spec->quantity, got.unit, &a->opts, &p->conv, err, sizeof(err));
    a->opts.noun = NULL;
    a->opts.size = NULL;
    if (r != UNITS_OK) {
        cmd_error_arg(arg, "%s (%s)%s%s", err, p->food->name, hint[0] ? "; " : "", hint);
        rc = EXIT_USAGE;
        goto out;
    }
    if (spec->implied) {
        size_t used = strlen(p->note);
        snprintf(p->note + used, sizeof(p->note) - used, "%sno quantity given: one portion",
                 used ? "; " : "");
    }
out:
    free(spec);
    return rc;
}

/* Store them all or none, with the choices made at the prompt. */
static int store_all(store *s, struct foodsearch *fs, struct pending *items, int n,
                     const char *date, const char *time, const char *meal)
{
    if (store_begin(s) != STORE_OK) {
        cmd_error("add", "%s; nothing was stored", store_errmsg(s));
        return EXIT_RUNTIME;
    }
    for (int i = 0; i < n; i++) {
        const struct supplement_dose *d = &items[i].supp;
        if (d->supp ? store_supplement_entry_add(s, date, time, meal, d->supp->id, d->units,
                                                 &items[i].id) != STORE_OK
                    : store_entry_add(s, date, time, meal, items[i].food->id,
                                      items[i].conv.grams, &items[i].id) != STORE_OK)
            goto fail;
    }
    if (foodsearch_save(fs) != STORE_OK || store_commit(s) != STORE_OK)
        goto fail;
    return EXIT_OK;
fail:
    cmd_error("add", "%s; nothing was stored", store_errmsg(s));
    store_rollback(s);
    return EXIT_RUNTIME;
}

static void print_amount(const char *label, double v, const char *unit)
{
    if (isnan(v))
        printf("  %s ? %s", label, unit);
    else
        printf("  %s %.*f %s", label, v < 10 ? 1 : 0, v, unit);
}

static int print_json(const struct pending *items, int n, const char *date, const char *meal,
                      int dry_run)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        if (items[i].supp.supp) {
            json_array_append_new(
                arr, cmd_dose_json(&items[i].supp, items[i].id, dry_run, date, meal));
            continue;
        }
        const double *v = items[i].food->values, g = items[i].conv.grams / 100.0;
        json_t *o = json_pack(
            "{s:o, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
            dry_run ? json_null() : json_integer((json_int_t)items[i].id), "date", date, "meal",
            jstr(meal[0] ? meal : NULL), "kind", "food", "food_id", jstr(items[i].food->id), "food",
            jstr(items[i].food->name), "grams", jround(items[i].conv.grams, 2), "conversion",
            jstr(items[i].conv.text), "energy_kcal", jround(v[NUT_ENERGY] * g, 1), "protein_g",
            jround(v[NUT_PROTEIN] * g, 2), "calcium_mg", jround(v[NUT_CALCIUM] * g, 1),
            "magnesium_mg", jround(v[NUT_MAGNESIUM] * g, 1), "phosphorus_mg",
            jround(v[NUT_PHOSPHORUS] * g, 1), "note",
            jstr(items[i].note[0] ? items[i].note : NULL));
        json_array_append_new(arr, o);
    }
    return json_print(arr, stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

static void print_text(const struct pending *items, int n, const char *date, const char *meal,
                       int dry_run)
{
    for (int i = 0; i < n; i++) {
        if (items[i].supp.supp) {
            cmd_dose_print(&items[i].supp, items[i].id, dry_run, date, meal);
            continue;
        }
        const double *v = items[i].food->values, g = items[i].conv.grams / 100.0;
        if (dry_run)
            printf("would store %s", date);
        else
            printf("#%" PRId64 " %s", items[i].id, date);
        printf("%s%s: %s\n    %s (%s)\n", meal[0] ? " " : "", cmd_tx(meal),
               cmd_tx(items[i].conv.text), cmd_tx(items[i].food->name), cmd_tx(items[i].food->id));
        if (items[i].note[0])
            printf("    (%s)\n", cmd_tx(items[i].note));
        printf("   ");
        print_amount("Ca", v[NUT_CALCIUM] * g, "mg");
        print_amount("Mg", v[NUT_MAGNESIUM] * g, "mg");
        print_amount("P", v[NUT_PHOSPHORUS] * g, "mg");
        print_amount("protein", v[NUT_PROTEIN] * g, "g");
        printf("\n");
    }
}

struct add_args {
    char date[11], time[6], meal[12];
    int force, dry_run;
};

/* The options; -1 to go on with argv[optind...] as the entries. */
static int parse_add_options(int argc, char **argv, struct cmd_ctx *ctx, struct add_args *a)
{
    static const char *const meals[] = {"breakfast", "lunch", "dinner", "snack", NULL};
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
        case 'm': {
            int ok = 0;
            for (int i = 0; meals[i]; i++)
                ok |= strcmp(optarg, meals[i]) == 0;
            if (!ok) {
                cmd_error("--meal", "'%s' is not one of breakfast, lunch, dinner, snack", optarg);
                return EXIT_USAGE;
            }
            snprintf(a->meal, sizeof(a->meal), "%s", optarg);
            break;
        }
        case 'f': a->force = 1; break;
        case 'n': a->dry_run = 1; break;
        case 'h': add_usage(stdout); return EXIT_OK;
        default: return cmd_bad_option("add");
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

int cmd_add(int argc, char **argv, struct cmd_ctx *ctx)
{
    struct add_args args;
    struct cmd_words words = {0};
    struct add_ctx a;
    struct pending *items = NULL;
    store *s = NULL;
    int rc, n = 0, interactive;

    memset(&args, 0, sizeof(args));
    memset(&a, 0, sizeof(a));
    if ((rc = parse_add_options(argc, argv, ctx, &args)) >= 0)
        return rc;
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if ((rc = cmd_need_foods(s, "add")) != EXIT_OK || (rc = cmd_words_load(s, &words)) != EXIT_OK)
        goto out;
    a.fs = foodsearch_new(s, words.vocab, words.vocab_dialect);
    if (a.fs)
        foodsearch_prefer(a.fs, words.tables);
    items = calloc((size_t)(argc - optind), sizeof(*items));
    if (!a.fs || !items) {
        cmd_error("add", "out of memory");
        rc = EXIT_RUNTIME;
        goto out;
    }
    a.s = s;
    a.opts.force = args.force;
    a.opts.containers = words.containers;
    a.opts.dialect = words.containers_dialect;
    foodsearch_units(a.fs, takes, &a);
    a.vocab = words.vocab;
    a.dialect = words.vocab_dialect;
    interactive = isatty(STDIN_FILENO) && isatty(STDERR_FILENO) && !ctx->json;

    /* 1: resolve everything; nothing is stored yet */
    for (int i = optind; i < argc; i++, n++)
        if ((rc = resolve_entry(argv[i], &a, interactive, &items[n])) != EXIT_OK)
            goto out;
    /* 2: store them all or none */
    if (!args.dry_run && (rc = store_all(s, a.fs, items, n, args.date, args.time, args.meal)) != EXIT_OK)
        goto out;
    /* 3: say exactly what was (or would be) stored */
    if (ctx->json)
        rc = print_json(items, n, args.date, args.meal, args.dry_run);
    else if (!ctx->quiet || args.dry_run)
        print_text(items, n, args.date, args.meal, args.dry_run);
out:
    for (int i = 0; items && i <= n && i < argc - optind; i++) {
        food_free(items[i].food);
        supplement_free(items[i].supp.supp);
    }
    free(items);
    foodsearch_free(a.fs);
    cmd_words_free(&words);
    store_close(s);
    return rc;
}
