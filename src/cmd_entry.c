/*
 * cmd_entry.c - the entries people type, read the one way for every
 * command that takes them: `add`, `recipe define` (ingredients) and `meal
 * define`.  Each ENTRY is parsed (entry.c), its food chosen (foodsearch.c,
 * with her remembered choices), its amount made grams (units.c, with the
 * containers and her side of the Atlantic); a dose form or @supp:ID is a
 * supplement (supplement.c); @meal:NAME is every entry of a saved meal.
 * On a terminal an ambiguous food is asked about (and the answer kept for
 * foodsearch_save); in a script it is an error listing the candidates.
 * Nothing is stored here but by cmd_entries_store, all or nothing.
 */
#include "cmd.h"

#include "dietbal/entry.h"
#include "dietbal/foodsearch.h"
#include "dietbal/jsonout.h"
#include "dietbal/recipe.h"
#include "dietbal/store.h"
#include "dietbal/words.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How often one entry may be asked about before giving up (each answer
 * settles one ambiguous name; an entry has at most a few). */
#define MAX_PROMPTS 3
/* The prefix of a saved meal in an entry. */
#define MEAL_REF "@meal:"

static enum entry_lookup lookup(void *ctx, const char *text, int by_id, int relaxed,
                                struct food **out, char *err, size_t errlen) {
    struct cmd_entries *a = ctx;
    return foodsearch_lookup(a->fs, text, by_id, relaxed, out, err, errlen);
}

static int takes(void *ctx, const struct food *f, const char *word) {
    struct cmd_entries *a = ctx;
    return units_takes(f, word, &a->opts);
}

static int counts(void *ctx, const struct food *f, const char *word) {
    struct cmd_entries *a = ctx;
    return units_counts(f, word, &a->opts);
}

static int name_word(void *ctx, const char *word) {
    struct cmd_entries *a = ctx;
    return foodsearch_name_word(a->fs, word);
}

int cmd_entries_open(struct cmd_entries *e, store *s, int force, int interactive) {
    int rc;

    memset(e, 0, sizeof(*e));
    e->s = s;
    if ((rc = cmd_words_load(s, &e->words)) != EXIT_OK)
        return rc;
    if (!(e->fs = foodsearch_new(s, e->words.vocab, e->words.vocab_dialect))) {
        cmd_error(NULL, "out of memory");
        return EXIT_RUNTIME;
    }
    foodsearch_prefer(e->fs, e->words.tables); /* her order of food tables */
    e->opts.force = force;
    e->opts.containers = e->words.containers;
    e->opts.dialect = e->words.containers_dialect;
    foodsearch_units(e->fs, takes, e);
    e->interactive = interactive;
    e->meals = 1;
    e->supplements = 1;
    return EXIT_OK;
}

void cmd_entries_close(struct cmd_entries *e) {
    for (size_t i = 0; i < e->n; i++) {
        food_free(e->items[i].food);
        supplement_free(e->items[i].supp.supp);
        free(e->items[i].text);
    }
    free(e->items);
    foodsearch_free(e->fs);
    cmd_words_free(&e->words);
    memset(e, 0, sizeof(*e));
}

/* A new item at the end, zeroed, its text a copy of text; NULL when out of
 * memory (printed). */
static struct cmd_item *item_new(struct cmd_entries *e, const char *text) {
    if (e->n == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 8;
        struct cmd_item *grown = realloc(e->items, cap * sizeof(*grown));
        if (!grown) {
            cmd_error(NULL, "out of memory");
            return NULL;
        }
        e->items = grown;
        e->cap = cap;
    }
    struct cmd_item *p = &e->items[e->n];
    memset(p, 0, sizeof(*p));
    if (!(p->text = strdup(text))) {
        cmd_error(NULL, "out of memory");
        return NULL;
    }
    e->n++;
    return p;
}

/* Forget the last item (an entry that failed). */
static void item_drop(struct cmd_entries *e) {
    struct cmd_item *p = &e->items[--e->n];
    food_free(p->food);
    supplement_free(p->supp.supp);
    free(p->text);
}

/* Ask which of the candidates was meant; the chosen index, or -1. */
static int prompt_choice(const char *arg, const char *text, const struct food_hit *c, size_t n) {
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
static const char *counted_noun(const struct cmd_entries *a, const char *text, char *buf,
                                size_t len) {
    char norm[WORDS_MAX];
    words_normalise(text, norm, sizeof(norm));
    vocab_rewrite(a->words.vocab, a->words.vocab_dialect, norm, buf, len);
    const char *sp = strrchr(buf, ' ');
    return sp ? sp + 1 : buf;
}

/* The size the entry says ("1 large flour tortilla", "a small can of
 * juice"): its first word after the amount, if that is a size word. */
static const char *size_said(const struct cmd_entries *a, const struct entry_spec *spec) {
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
static int plural(const char *text) {
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
                              const struct cmd_entries *a, struct cmd_item *p, char *hint,
                              size_t len) {
    int sr = supplement_resolve(a->s, spec->quantity, spec->unit, spec->food, a->opts.force,
                                &p->supp, hint, len);
    if (sr == SUPPLEMENT_FOUND)
        return 0;
    if (sr == SUPPLEMENT_NOT_ONE)
        return 1;
    cmd_error_arg(arg, "%s", hint);
    return sr == SUPPLEMENT_ERUNTIME ? EXIT_RUNTIME : EXIT_USAGE;
}

int cmd_entries_add_stored(struct cmd_entries *a, const char *text, int supplement, const char *id,
                           double amount, const char *note) {
    struct cmd_item *p = item_new(a, text);
    char err[512];
    int rc = EXIT_OK, src;

    if (!p)
        return EXIT_RUNTIME;
    snprintf(p->note, sizeof(p->note), "%s", note ? note : "");
    if (supplement) {
        char ref[SUPPLEMENT_ID_MAX + 2];
        snprintf(ref, sizeof(ref), "@%s", id);
        src = supplement_resolve(a->s, amount, "", ref, a->opts.force, &p->supp, err, sizeof(err));
        if (src != SUPPLEMENT_FOUND) {
            cmd_error_arg(text, "%s", err);
            rc = src == SUPPLEMENT_ERUNTIME ? EXIT_RUNTIME : EXIT_USAGE;
        }
    } else if ((src = store_food_get(a->s, id, &p->food)) != STORE_OK) {
        cmd_error_arg(text, "%s", store_errmsg(a->s));
        rc = src == STORE_NOTFOUND ? EXIT_USAGE : EXIT_RUNTIME;
    } else if (units_convert(p->food, amount, "g", &a->opts, &p->conv, err, sizeof(err)) !=
               UNITS_OK) {
        cmd_error_arg(text, "%s (%s)", err, p->food->name);
        rc = EXIT_USAGE;
    }
    if (rc != EXIT_OK)
        item_drop(a);
    return rc;
}

/* "@meal:NAME": every entry of the saved meal, times the quantity. */
static int expand_meal(const char *arg, struct cmd_entries *a, const struct entry_spec *spec) {
    struct saved_meal *m = NULL;
    char name[RECIPE_SLUG_MAX + 1], note[512];
    int rc = EXIT_OK, src;

    if (!a->meals) {
        cmd_error_arg(arg, "a saved meal cannot be used here");
        return EXIT_USAGE;
    }
    if (spec->unit[0]) {
        cmd_error_arg(arg, "a saved meal takes a number only (\"2 @meal:NAME\" is twice it)");
        return EXIT_USAGE;
    }
    if (recipe_slug(spec->food + strlen(MEAL_REF), name, sizeof(name)) != 0) {
        cmd_error_arg(arg, "no saved meal is called that ('dietbal meal list' shows them)");
        return EXIT_USAGE;
    }
    src = store_meal_get(a->s, name, &m);
    if (src != STORE_OK) {
        cmd_error_arg(arg, "%s%s", store_errmsg(a->s),
                      src == STORE_NOTFOUND ? " ('dietbal meal list' shows them)" : "");
        return src == STORE_NOTFOUND ? EXIT_USAGE : EXIT_RUNTIME;
    }
    size_t before = a->n;
    for (size_t i = 0; i < m->n && rc == EXIT_OK; i++) {
        const struct saved_item *it = &m->items[i];
        double amount = (it->supplement ? it->units : it->grams) * spec->quantity;
        char text[256];
        /* "2 @meal:NAME": each entry's amount doubled, and said so */
        if (spec->quantity == 1)
            snprintf(text, sizeof(text), "%s", it->text);
        else
            snprintf(text, sizeof(text), "%g %s@%s", amount, it->supplement ? "" : "g ",
                     it->food_id);
        snprintf(note, sizeof(note), "@meal:%s: %s", m->name, it->text);
        rc = cmd_entries_add_stored(a, text, it->supplement, it->food_id, amount, note);
    }
    while (rc != EXIT_OK && a->n > before)
        item_drop(a);
    saved_meal_free(m);
    return rc;
}

/* Parse, resolve and convert one ENTRY into *p; an exit status. */
static int resolve_one(const char *arg, struct cmd_entries *a, struct entry_spec *spec,
                       struct cmd_item *p) {
    struct entry_resolver rv = {lookup, takes, a, name_word, counts};
    struct entry_found got = {NULL, NULL, NULL};
    char err[2048], noun[WORDS_MAX], hint[512] = "";
    int r = ENTRY_OK, rc;

    if ((rc = resolve_supplement(arg, spec, a, p, hint, sizeof(hint))) != 1) {
        if (rc == 0 && !a->supplements) {
            cmd_error_arg(arg, "%s is a supplement, counted in units; it cannot be an ingredient",
                          p->supp.supp->name);
            return EXIT_USAGE;
        }
        return rc; /* a supplement's dose, or its error */
    }
    foodsearch_hint(a->fs, spec->unit, spec->unit_generic || spec->unit_of, !spec->unit[0]);
    for (int asked = 0; r == ENTRY_OK || r == ENTRY_EAMBIGUOUS; asked++) {
        r = entry_resolve(spec, &rv, &got, err, sizeof(err));
        size_t n = 0;
        const struct food_hit *c = got.text ? foodsearch_candidates(a->fs, got.text, &n) : NULL;
        if (r != ENTRY_EAMBIGUOUS || !a->interactive || !c || asked == MAX_PROMPTS)
            break;
        int k = prompt_choice(arg, got.text, c, n);
        if (k < 0) {
            cmd_error_arg(arg, "no food chosen; nothing was stored");
            return EXIT_USAGE;
        }
        fprintf(stderr,
                "dietbal: '%s' will mean %s (%s) from now on (undo: dietbal foods forget %s)\n",
                cmd_tx(got.text), cmd_tx(c[k].name), cmd_tx(c[k].id), cmd_tx(got.text));
        if (foodsearch_choose(a->fs, got.text, c[k].id) != 0) {
            cmd_error(NULL, "out of memory");
            return EXIT_RUNTIME;
        }
    }
    if (r != ENTRY_OK) {
        cmd_error_arg(arg, "%s%s%s", err, hint[0] ? "; " : "", hint);
        return r == ENTRY_ERUNTIME ? EXIT_RUNTIME : EXIT_USAGE;
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
        return EXIT_USAGE;
    }
    if (spec->implied) {
        size_t used = strlen(p->note);
        snprintf(p->note + used, sizeof(p->note) - used, "%sno quantity given: one portion",
                 used ? "; " : "");
    }
    return EXIT_OK;
}

int cmd_entries_add(struct cmd_entries *a, const char *arg) {
    struct entry_spec *spec = malloc(sizeof(*spec));
    struct cmd_item *p;
    char err[2048];
    int rc;

    if (!spec) {
        cmd_error(NULL, "out of memory");
        return EXIT_RUNTIME;
    }
    if (entry_parse(arg, spec, err, sizeof(err)) != ENTRY_OK) {
        cmd_error_arg(arg, "%s", err);
        rc = EXIT_USAGE;
    } else if (strncmp(spec->food, MEAL_REF, strlen(MEAL_REF)) == 0) {
        rc = expand_meal(arg, a, spec);
    } else if (!(p = item_new(a, arg))) {
        rc = EXIT_RUNTIME;
    } else if ((rc = resolve_one(arg, a, spec, p)) != EXIT_OK) {
        item_drop(a);
    }
    free(spec);
    return rc;
}

int cmd_entries_save_choices(struct cmd_entries *e) { return foodsearch_save(e->fs); }

int cmd_entries_store(struct cmd_entries *e, const char *date, const char *time, const char *meal,
                      const char *what) {
    store *s = e->s;
    if (store_begin(s) != STORE_OK) {
        cmd_error(what, "%s; nothing was stored", store_errmsg(s));
        return EXIT_RUNTIME;
    }
    for (size_t i = 0; i < e->n; i++) {
        struct cmd_item *it = &e->items[i];
        const struct supplement_dose *d = &it->supp;
        const char *m = it->meal[0] ? it->meal : meal, *t = it->time[0] ? it->time : time;
        if (d->supp
                ? store_supplement_entry_add(s, date, t, m, d->supp->id, d->units, &it->id) !=
                      STORE_OK
                : store_entry_add(s, date, t, m, it->food->id, it->conv.grams, &it->id) != STORE_OK)
            goto fail;
    }
    if (foodsearch_save(e->fs) != STORE_OK || store_commit(s) != STORE_OK)
        goto fail;
    return EXIT_OK;
fail:
    cmd_error(what, "%s; nothing was stored", store_errmsg(s));
    store_rollback(s);
    return EXIT_RUNTIME;
}

static void print_amount(const char *label, double v, const char *unit) {
    if (isnan(v))
        printf("  %s ? %s", label, unit);
    else
        printf("  %s %.*f %s", label, v < 10 ? 1 : 0, v, unit);
}

int cmd_items_json(const struct cmd_item *items, size_t n, const char *date, const char *meal,
                   int dry_run) {
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const char *m = items[i].meal[0] ? items[i].meal : meal;
        if (items[i].supp.supp) {
            json_array_append_new(arr,
                                  cmd_dose_json(&items[i].supp, items[i].id, dry_run, date, m));
            continue;
        }
        const double *v = items[i].food->values, g = items[i].conv.grams / 100.0;
        json_t *o = json_pack(
            "{s:o, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
            dry_run ? json_null() : json_integer((json_int_t)items[i].id), "date", date, "meal",
            jstr(m && m[0] ? m : NULL), "kind", "food", "food_id", jstr(items[i].food->id), "food",
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

void cmd_items_print(const struct cmd_item *items, size_t n, const char *date, const char *meal,
                     int dry_run) {
    for (size_t i = 0; i < n; i++) {
        const char *m = items[i].meal[0] ? items[i].meal : meal ? meal : "";
        if (items[i].supp.supp) {
            cmd_dose_print(&items[i].supp, items[i].id, dry_run, date, m);
            continue;
        }
        const double *v = items[i].food->values, g = items[i].conv.grams / 100.0;
        if (dry_run)
            printf("would store %s", date);
        else
            printf("#%" PRId64 " %s", items[i].id, date);
        printf("%s%s: %s\n    %s (%s)\n", m[0] ? " " : "", cmd_tx(m), cmd_tx(items[i].conv.text),
               cmd_tx(items[i].food->name), cmd_tx(items[i].food->id));
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
