/*
 * units.c - quantity × unit -> grams of one food: generic masses, volumes
 * through the food's density, and the food's own household portions.
 *
 * Pure computation on a struct food: no database, no printing.  Character
 * tests are ASCII-only on purpose, so the result never depends on the
 * locale main() sets up.
 */
#include "dietbal/units.h"

#include "dietbal/containers.h"
#include "dietbal/util.h"
#include "dietbal/words.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest token worth looking at: "fluid ounces" and portion words are short. */
#define TOKEN_MAX 64

static const struct units_def defs[] = {
    {"g", UNITS_MASS, 1.0},
    {"kg", UNITS_MASS, 1000.0},
    {"mg", UNITS_MASS, 0.001},
    {"oz", UNITS_MASS, UNITS_OZ_G},
    {"lb", UNITS_MASS, UNITS_LB_G},
    {"ml", UNITS_VOLUME, 1.0},
    {"l", UNITS_VOLUME, 1000.0},
    {"dl", UNITS_VOLUME, 100.0},
    {"cup", UNITS_VOLUME, UNITS_CUP_ML},
    {"tbsp", UNITS_VOLUME, UNITS_TBSP_ML},
    {"tsp", UNITS_VOLUME, UNITS_TSP_ML},
    {"fl oz", UNITS_VOLUME, UNITS_FLOZ_ML},
};

enum { U_G, U_KG, U_MG, U_OZ, U_LB, U_ML, U_L, U_DL, U_CUP, U_TBSP, U_TSP, U_FLOZ };

/* Spellings after normalising (lower case, no dots, single spaces). */
static const struct {
    const char *spelling;
    int def;
} spellings[] = {
    {"g", U_G},
    {"gram", U_G},
    {"grams", U_G},
    {"gramme", U_G},
    {"grammes", U_G},
    {"kg", U_KG},
    {"kilogram", U_KG},
    {"kilograms", U_KG},
    {"kilogramme", U_KG},
    {"kilogrammes", U_KG},
    {"kilo", U_KG},
    {"kilos", U_KG},
    {"mg", U_MG},
    {"milligram", U_MG},
    {"milligrams", U_MG},
    {"milligramme", U_MG},
    {"milligrammes", U_MG},
    {"oz", U_OZ},
    {"ounce", U_OZ},
    {"ounces", U_OZ},
    {"lb", U_LB},
    {"lbs", U_LB},
    {"pound", U_LB},
    {"pounds", U_LB},
    {"ml", U_ML},
    {"milliliter", U_ML},
    {"milliliters", U_ML},
    {"millilitre", U_ML},
    {"millilitres", U_ML},
    {"l", U_L},
    {"liter", U_L},
    {"liters", U_L},
    {"litre", U_L},
    {"litres", U_L},
    {"dl", U_DL},
    {"deciliter", U_DL},
    {"deciliters", U_DL},
    {"decilitre", U_DL},
    {"decilitres", U_DL},
    {"cup", U_CUP},
    {"cups", U_CUP},
    {"tbsp", U_TBSP},
    {"tbsps", U_TBSP},
    {"tbs", U_TBSP},
    {"tablespoon", U_TBSP},
    {"tablespoons", U_TBSP},
    {"tsp", U_TSP},
    {"tsps", U_TSP},
    {"teaspoon", U_TSP},
    {"teaspoons", U_TSP},
    {"fl oz", U_FLOZ},
    {"floz", U_FLOZ},
    {"fl ounce", U_FLOZ},
    {"fl ounces", U_FLOZ},
    {"fluid oz", U_FLOZ},
    {"fluid ounce", U_FLOZ},
    {"fluid ounces", U_FLOZ},
};

/*
 * Portion names that give a food's density, biggest measure first (product.md:
 * a bigger measure is more precise).  Entries with the same rank are equally
 * good; the food's own order decides between them.
 */
static const struct {
    const char *name;
    int rank;
    double ml;
} measures[] = {
    {"cup", 0, UNITS_CUP_ML},         {"fl oz", 1, UNITS_FLOZ_ML}, {"tbsp", 2, UNITS_TBSP_ML},
    {"tablespoon", 2, UNITS_TBSP_ML}, {"tsp", 3, UNITS_TSP_ML},    {"teaspoon", 3, UNITS_TSP_ML},
};
#define N_RANKS 4

/* Lower case, whitespace runs as one space, trimmed, dots dropped when
 * drop_dots.  -1 when the result would not fit in TOKEN_MAX bytes. */
static int normalise(const char *s, int drop_dots, char out[TOKEN_MAX]) {
    size_t n = 0;
    int pending_space = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (util_isspace(c)) {
            pending_space = n > 0;
            continue;
        }
        if (c == '.' && drop_dots)
            continue;
        if (pending_space) {
            if (n + 1 >= TOKEN_MAX)
                return -1;
            out[n++] = ' ';
            pending_space = 0;
        }
        if (n + 1 >= TOKEN_MAX)
            return -1;
        out[n++] = (char)util_tolower(c);
    }
    out[n] = '\0';
    return 0;
}

const struct units_def *units_generic(const char *token) {
    char t[TOKEN_MAX];
    if (!token || normalise(token, 1, t) < 0 || !*t)
        return NULL;
    for (size_t i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++)
        if (strcmp(t, spellings[i].spelling) == 0)
            return &defs[spellings[i].def];
    return NULL;
}

static int portion_ok(const struct portion *p) {
    return p->name && isfinite(p->amount) && p->amount > 0 && isfinite(p->grams) && p->grams > 0;
}

/* Does name start with word (case-insensitive), followed by the end or
 * ' ', ',' or '('?  With plural_ok an 's' may come between. */
static int word_prefix(const char *name, const char *word, int plural_ok) {
    size_t n = strlen(word);
    for (size_t i = 0; i < n; i++)
        if (util_tolower((unsigned char)name[i]) != util_tolower((unsigned char)word[i]))
            return 0; /* also stops at name's '\0', which no word holds */
    const char *rest = name + n;
    if (plural_ok && util_tolower((unsigned char)*rest) == 's')
        rest++;
    return *rest == '\0' || *rest == ' ' || *rest == ',' || *rest == '(';
}

/* The ml of the measure a portion's name starts with, 0 when none; *rank
 * gets its place in the order of preference. */
/* A number at *s ("2", "1/2", "1.5", "1 1/2"); 0 when none.  *s moves past it. */
static double read_number(const char **s) {
    char *end;
    double v = strtod(*s, &end), d;
    if (end == *s || !(v > 0) || !isfinite(v))
        return 0;
    if (*end == '/' && (d = strtod(end + 1, &end)) > 0)
        v /= d;
    else if (*end == ' ' && util_isdigit((unsigned char)end[1]) && strchr(end + 1, '/')) {
        const char *f = end + 1;
        double n = strtod(f, &end);
        if (*end == '/' && (d = strtod(end + 1, &end)) > 0 && n < d)
            v += n / d;
        else
            end = (char *)f - 1;
    }
    *s = end;
    return v;
}

/* USDA's "serving 1/2 cup", "serving 2 TBSP", "serving (1 cup)": a measure
 * with its amount; the ml of the whole portion, or 0. */
static double serving_measure(const struct portion *p, int *rank) {
    const char *s = p->name;
    if (!word_prefix(s, "serving", 0))
        return 0;
    s += strlen("serving");
    while (*s == ' ' || *s == '(')
        s++;
    double n = read_number(&s);
    while (*s == ' ')
        s++;
    for (size_t i = 0; n > 0 && i < sizeof(measures) / sizeof(measures[0]); i++)
        if (word_prefix(s, measures[i].name, 1)) {
            if (rank)
                *rank = measures[i].rank;
            return n * measures[i].ml;
        }
    return 0;
}

/* The ml in one `amount` unit of a volume portion ("cup, chopped" 236.6,
 * "serving 1/2 cup" 118.3), 0 for any other portion; *rank gets its place
 * in the order of preference: the measures product.md names first (cup,
 * fl oz, tbsp, tsp), then USDA's servings given as a measure, in the same
 * order. */
static double portion_measure(const struct portion *p, int *rank) {
    for (size_t i = 0; i < sizeof(measures) / sizeof(measures[0]); i++)
        if (word_prefix(p->name, measures[i].name, 1)) {
            if (rank)
                *rank = measures[i].rank;
            return measures[i].ml;
        }
    double ml = serving_measure(p, rank);
    if (ml > 0 && rank)
        *rank += N_RANKS;
    return ml;
}

/* The portion that gives f's density, or -1. */
static int density_portion(const struct food *f) {
    for (int r = 0; r < 2 * N_RANKS; r++)
        for (size_t i = 0; i < f->n_portions; i++) {
            int rank = -1;
            if (portion_ok(&f->portions[i]) && portion_measure(&f->portions[i], &rank) > 0 &&
                rank == r)
                return (int)i;
        }
    return -1;
}

/* Is a portion a weight rather than a thing one counts ("oz", "lb")? */
static int mass_portion(const struct portion *p) {
    static const char *const masses[] = {"oz", "ounce", "lb", "pound", "g", "gram", "kg"};
    for (size_t i = 0; i < sizeof(masses) / sizeof(masses[0]); i++)
        if (word_prefix(p->name, masses[i], 1))
            return 1;
    return 0;
}

/* Portions that are a whole pack or a block, never what a bare count
 * means: "1 kipper" is not a cubic inch of kipper, "1 pizza" not a whole
 * 14-inch pizza (issue: a bare count never means a cubic inch, an ounce, a
 * package or an NLEA serving when a countable portion exists). */
static int bulk_portion(const struct portion *p) {
    static const char *const bulk[] = {
        "cubic inch", "package", "pkg",    "container", "jar",   "can",   "bottle", "box",
        "bag",        "carton",  "packet", "recipe",    "batch", "yield", "quart",  "pint",
        "gallon",     "loaf",    "head",   "bunch",     "whole", "pie",   "cake",   "pizza",
    };
    for (size_t i = 0; i < sizeof(bulk) / sizeof(bulk[0]); i++)
        if (word_prefix(p->name, bulk[i], 1))
            return 1;
    /* a whole cake, pie, melon or pizza under another name */
    return p->grams / p->amount > UNITS_COUNT_MAX_G;
}

static int serving_portion(const struct portion *p) {
    return word_prefix(p->name, "serving", 1) || word_prefix(p->name, "NLEA serving", 0);
}

/* Is the portion a thing one counts: not a measure, a weight, a pack or a
 * serving? */
static int countable(const struct portion *p) {
    return portion_ok(p) && portion_measure(p, NULL) == 0 && !mass_portion(p) && !bulk_portion(p) &&
           !serving_portion(p);
}

int units_has_countable(const struct food *f) {
    for (size_t i = 0; f && i < f->n_portions; i++)
        if (countable(&f->portions[i]))
            return 1;
    return 0;
}

/* Does the portion's name hold word as a whole word ("fillet, medium")? */
static int name_has_word(const char *name, const char *word) {
    for (const char *p = name; *p; p++) {
        if (p != name && util_isalpha((unsigned char)p[-1]))
            continue;
        if (word_prefix(p, word, 1))
            return 1;
    }
    return 0;
}

/* Singular forms of a lower-case token, the token itself first.  Returns the
 * number of forms written (at most 5). */
static int singulars(const char *t, char forms[5][TOKEN_MAX]) {
    size_t n = strlen(t);
    int k = 0;
    memcpy(forms[k++], t, n + 1);
    if (n > 3 && strcmp(t + n - 3, "ies") == 0)
        snprintf(forms[k++], TOKEN_MAX, "%.*sy", (int)(n - 3), t);
    if (n > 3 && strcmp(t + n - 3, "ves") == 0) {
        snprintf(forms[k++], TOKEN_MAX, "%.*sf", (int)(n - 3), t);
        snprintf(forms[k++], TOKEN_MAX, "%.*sfe", (int)(n - 3), t);
    }
    if (n > 2 && strcmp(t + n - 2, "es") == 0)
        snprintf(forms[k++], TOKEN_MAX, "%.*s", (int)(n - 2), t);
    if (n > 1 && t[n - 1] == 's' && t[n - 2] != 's')
        snprintf(forms[k++], TOKEN_MAX, "%.*s", (int)(n - 1), t);
    return k;
}

/* Is portion p named by token (any of its singular forms)? */
static int portion_named(const struct portion *p, const char *token) {
    char t[TOKEN_MAX];
    char forms[5][TOKEN_MAX];
    if (!token || normalise(token, 0, t) < 0 || !*t || !portion_ok(p))
        return 0;
    int k = singulars(t, forms);
    /* "box" names "individual box (2 oz)" too: a packing or size word may
     * come first */
    static const char *const lead[] = {"individual ", "single ", "small ", "medium ",  "large ",
                                       "snack ",      "fun ",    "mini ",  "regular ", "whole "};
    const char *name = p->name;
    for (size_t i = 0; i < sizeof(lead) / sizeof(lead[0]); i++)
        if (word_prefix(name, lead[i], 0) || strncmp(name, lead[i], strlen(lead[i])) == 0) {
            name += strlen(lead[i]);
            break;
        }
    for (int j = 0; j < k; j++)
        if (word_prefix(p->name, forms[j], 0) || word_prefix(name, forms[j], 0))
            return 1;
    /* "slice" names "slices (6 per 6-oz pkg.)" too: the first words meet
     * once both are singular (words.h) */
    char first[TOKEN_MAX], a[TOKEN_MAX], b[TOKEN_MAX];
    size_t n = strcspn(p->name, " ,(");
    if (n == 0 || n >= sizeof(first) || strchr(t, ' '))
        return 0;
    memcpy(first, p->name, n);
    first[n] = '\0';
    words_normalise(first, a, sizeof(a));
    words_normalise(t, b, sizeof(b));
    return a[0] && strcmp(a, b) == 0;
}

/* Words that make a portion other than the ordinary one of its name. */
static int odd_size(const char *name) {
    static const char *const odd[] = {"mini", "miniature", "small", "large", "extra", "jumbo",
                                      "king", "fun",       "snack", "bite",  "giant", "family",
                                      "thin", "thick",     "very",  "crust"};
    for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
        if (name_has_word(name, odd[i]))
            return 1;
    return 0;
}

static int by_grams(const void *a, const void *b) {
    const struct portion *x = *(const struct portion *const *)a,
                         *y = *(const struct portion *const *)b;
    double gx = x->grams / x->amount, gy = y->grams / y->amount;
    return gx < gy ? -1 : gx > gy;
}

/* Of a set of portions, the one a size word means: small the lightest,
 * large the heaviest, else the middle one (the lighter of two).  The set
 * is sorted in place. */
static int by_size(const struct food *f, const char *size, const struct portion **set, size_t n) {
    if (n == 0)
        return -1;
    qsort(set, n, sizeof(*set), by_grams);
    if (size && strcmp(size, "small") == 0)
        return (int)(set[0] - f->portions);
    if (size && strcmp(size, "large") == 0)
        return (int)(set[n - 1] - f->portions);
    return (int)(set[(n - 1) / 2] - f->portions);
}

/*
 * Of the food's portions named by token, the ordinary one: of those with no
 * size word other than medium ("bar (1.55 oz)", not "bar, miniature";
 * "croissant, medium", not mini, small or large) the middle one by weight,
 * the lighter of two ("biscuit (2-1/2" dia)" of 60 and 101 g); else the
 * middle one of all.  -1 when none is named so.
 */
static int pick_named(const struct food *f, const char *token, const char *size) {
    const struct portion *plain[64], *all[64];
    size_t np = 0, na = 0;
    for (size_t i = 0; f && i < f->n_portions && na < 64; i++) {
        const struct portion *p = &f->portions[i];
        if (!portion_named(p, token))
            continue;
        if (size && name_has_word(p->name, size))
            return (int)i; /* "1 large tortilla": the one called large */
        all[na++] = p;
        if (!odd_size(p->name))
            plain[np++] = p;
    }
    if (na == 0)
        return -1;
    return by_size(f, size, np ? plain : all, np ? np : na);
}

/* A single-serve pack ("container (6 oz)" of yoghurt, "packet" of
 * crisps) counts when nothing else does; a bigger one is a family pack. */
static int small_pack(const struct portion *p) {
    static const char *const packs[] = {"container", "package", "pkg", "packet", "bag",
                                        "box",       "carton",  "can", "bottle", "jar",
                                        "pouch",     "pot",     "tub"};
    for (size_t i = 0; i < sizeof(packs) / sizeof(packs[0]); i++)
        if (word_prefix(p->name, packs[i], 1))
            return portion_ok(p) && p->grams / p->amount <= UNITS_PACK_MAX_G;
    return 0;
}

struct count_choice {
    int noun, sized, medium, thing, serving, pack, first, unpacked;
};

static void count_candidates(const struct food *f, const char *size_word, struct count_choice *c) {
    memset(c, 0xff, sizeof(*c)); /* every index -1 */
    for (size_t i = 0; i < f->n_portions; i++) {
        const struct portion *p = &f->portions[i];
        int k = (int)i;
        if (!portion_ok(p))
            continue;
        /* a cubic inch is never what a number counts, even as a last resort
         * (a kipper of 17 g, a rice cake of 4 g): better to ask for a unit */
        if (c->first < 0 && !word_prefix(p->name, "cubic inch", 0))
            c->first = k;
        if (c->serving < 0 && serving_portion(p))
            c->serving = k;
        if (c->unpacked < 0 && !bulk_portion(p))
            c->unpacked = k;
        if (c->pack < 0 && small_pack(p))
            c->pack = k;
        if (!countable(p))
            continue;
        if (c->thing < 0)
            c->thing = k;

        /* "large" before "extra large, whole": a name that starts with the
         * word wins over one that only holds it */
        if (name_has_word(p->name, "medium") &&
            (c->medium < 0 || (word_prefix(p->name, "medium", 0) &&
                               !word_prefix(f->portions[c->medium].name, "medium", 0))))
            c->medium = k;
        if (size_word && name_has_word(p->name, size_word) &&
            (c->sized < 0 || (word_prefix(p->name, size_word, 0) &&
                              !word_prefix(f->portions[c->sized].name, size_word, 0))))
            c->sized = k;
    }
}

/*
 * The portion a bare number counts, in this order: the portion the food's
 * own noun names ("6 fish sticks": "stick", not "portion"); the size the
 * container table prefers for the food's kind ("large" eggs); a countable
 * portion called medium; the first countable portion ("slice", "fillet",
 * "link"); the food's serving; a single-serve pack (a pot of yoghurt); the
 * food's biggest volume measure (a cup of milk); the first portion that is
 * not a pack; the first.  With prefer_serving (no quantity was written at
 * all) the serving comes first.  USDA often lists a cup first ("Egg,
 * whole": "cup (4.86 large eggs)" before "large"), and "2 egg" means two
 * eggs, not two cups.
 */
static int first_portion(const struct food *f, const char *size_word, const char *noun,
                         const char *size, int prefer_serving) {
    struct count_choice c;
    int measure = density_portion(f);
    count_candidates(f, size ? size : size_word, &c);
    if (prefer_serving && c.serving >= 0)
        return c.serving;
    /* the noun's portion, unless no number was written ("fries" is not
     * one fry) */
    if (noun && !prefer_serving && (c.noun = pick_named(f, noun, size)) >= 0 &&
        !countable(&f->portions[c.noun]))
        c.noun = -1;
    /* "1 large tortilla" with no portion called large: the heaviest thing */
    if (size && c.sized < 0 && c.noun < 0 && c.thing >= 0) {
        const struct portion *set[64] = {NULL};
        size_t n = 0;
        for (size_t i = 0; i < f->n_portions && n < 64; i++)
            if (countable(&f->portions[i]))
                set[n++] = &f->portions[i];
        c.sized = by_size(f, size, set, n);
    }
    const int order[] = {c.noun, c.sized, c.medium,   c.thing, c.serving,
                         c.pack, measure, c.unpacked, c.first};
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
        if (order[i] >= 0)
            return order[i];
    return -1;
}

int units_find_portion(const struct food *f, const char *token) {
    return pick_named(f, token, NULL);
}

/* A number for people: four significant digits, no exponent, no trailing
 * zeros ("257.4", "42.52", "0.0005", "4536"). */
static void fmt_num(char *buf, size_t len, double v) {
    int dec = 0;
    double a = fabs(v);
    if (a >= 1e15) { /* only reachable with force; keep it readable */
        snprintf(buf, len, "%.4g", v);
        return;
    }
    if (a > 0 && a < 1000) {
        dec = 3 - (int)floor(log10(a));
        if (dec > 6)
            dec = 6;
    }
    snprintf(buf, len, "%.*f", dec, v);
    if (strchr(buf, '.')) {
        char *e = buf + strlen(buf) - 1;
        while (*e == '0')
            *e-- = '\0';
        if (*e == '.')
            *e = '\0';
    }
}

static const char *food_label(const struct food *f) {
    if (f->name && *f->name)
        return f->name;
    if (f->id && *f->id)
        return f->id;
    return "this food";
}

/* Appends to a fixed buffer, silently truncating. */
struct sbuf {
    char *buf;
    size_t len, pos;
};

static void sb_add(struct sbuf *b, const char *s) {
    if (b->len == 0)
        return;
    size_t room = b->len - 1 - b->pos;
    size_t n = strlen(s);
    if (n > room)
        n = room;
    memcpy(b->buf + b->pos, s, n);
    b->pos += n;
    b->buf[b->pos] = '\0';
}

void units_accepted(const struct food *f, char *buf, size_t len) {
    struct sbuf b = {buf, len, 0};
    if (len == 0)
        return;
    buf[0] = '\0';
    sb_add(&b, "g, kg, mg, oz, lb");
    if (f && density_portion(f) >= 0)
        sb_add(&b, ", ml, l, dl, cup, tbsp, tsp, fl oz");
    int first = 1;
    for (size_t i = 0; f && i < f->n_portions; i++) {
        if (!portion_ok(&f->portions[i]))
            continue;
        sb_add(&b, first ? " or a portion: '" : ", '");
        sb_add(&b, f->portions[i].name);
        sb_add(&b, "'");
        first = 0;
    }
}

/* "1 large = 50 g", "2 × large (50 g) = 100 g", with the notes that say the
 * portion was the default or that its grams are for another amount. */
static void describe_portion(struct units_result *r, double q, const struct portion *p,
                             int is_first, double grams) {
    char qs[32], per[32], tot[32], am[32], pg[32], note[160];
    fmt_num(qs, sizeof(qs), q);
    fmt_num(per, sizeof(per), p->grams / p->amount);
    fmt_num(tot, sizeof(tot), grams);
    fmt_num(am, sizeof(am), p->amount);
    fmt_num(pg, sizeof(pg), p->grams);
    note[0] = '\0';
    if (p->amount != 1.0)
        util_errf(note, sizeof(note), "%sfrom %s %s = %s g", is_first ? "default portion, " : "",
                  am, p->name, pg);
    else if (is_first)
        util_errf(note, sizeof(note), "default portion");
    if (q == 1.0 && note[0])
        util_errf(r->text, sizeof(r->text), "1 %s (%s) = %s g", p->name, note, tot);
    else if (q == 1.0)
        util_errf(r->text, sizeof(r->text), "1 %s = %s g", p->name, tot);
    else if (note[0])
        util_errf(r->text, sizeof(r->text), "%s × %s (%s g, %s) = %s g", qs, p->name, per, note,
                  tot);
    else
        util_errf(r->text, sizeof(r->text), "%s × %s (%s g) = %s g", qs, p->name, per, tot);
}

/* No unit: the food's default portion (see first_portion). */
static int by_count(const struct food *f, double quantity, const struct units_opts *o,
                    struct units_result *r, char *err, size_t errlen) {
    const char *size_word = containers_default_size(o->containers, f);
    int idx = first_portion(f, size_word, o->noun, o->size, o->implied);
    if (idx < 0) {
        char accepted[512];
        units_accepted(f, accepted, sizeof(accepted));
        util_errf(err, errlen, "%s has no portion to count; give a unit: %s", food_label(f),
                  accepted);
        return UNITS_ENOPORTION;
    }
    const struct portion *p = &f->portions[idx];
    r->how = UNITS_BY_FIRST_PORTION;
    r->portion = idx;
    r->grams = quantity * p->grams / p->amount;
    describe_portion(r, quantity, p, 1, r->grams);
    return UNITS_OK;
}

static void by_mass(double quantity, const struct units_def *d, struct units_result *r) {
    char qs[32], tot[32];
    fmt_num(qs, sizeof(qs), quantity);
    r->how = UNITS_BY_MASS;
    r->grams = quantity * d->factor;
    fmt_num(tot, sizeof(tot), r->grams);
    if (d == &defs[U_G])
        util_errf(r->text, sizeof(r->text), "%s g", tot);
    else
        util_errf(r->text, sizeof(r->text), "%s %s = %s g", qs, d->name, tot);
}

static int by_volume(const struct food *f, double quantity, const char *unit,
                     const struct units_def *d, struct units_result *r, char *err, size_t errlen) {
    char qs[32], tot[32], ml[32], dens[32], am[32], pg[32];
    int idx = density_portion(f);
    if (idx < 0) {
        char accepted[512];
        units_accepted(f, accepted, sizeof(accepted));
        util_errf(err, errlen,
                  "'%s' is a volume and %s has no cup, fl oz, tbsp or tsp portion to "
                  "convert it with; it takes %s",
                  unit, food_label(f), accepted);
        return UNITS_ENOVOLUME;
    }
    const struct portion *p = &f->portions[idx];
    double measure_ml = portion_measure(p, NULL);
    r->how = UNITS_BY_VOLUME;
    r->portion = idx;
    if (measure_ml == d->factor) {
        /* the unit is the portion's own measure: no detour through ml */
        r->grams = quantity * p->grams / p->amount;
        describe_portion(r, quantity, p, 0, r->grams);
        return UNITS_OK;
    }
    double density = p->grams / (p->amount * measure_ml);
    double vol = quantity * d->factor;
    r->grams = vol * density;
    fmt_num(qs, sizeof(qs), quantity);
    fmt_num(ml, sizeof(ml), vol);
    fmt_num(dens, sizeof(dens), density);
    fmt_num(am, sizeof(am), p->amount);
    fmt_num(pg, sizeof(pg), p->grams);
    fmt_num(tot, sizeof(tot), r->grams);
    if (d == &defs[U_ML])
        util_errf(r->text, sizeof(r->text), "%s ml × %s g/ml (from %s %s = %s g) = %s g", ml, dens,
                  am, p->name, pg, tot);
    else
        util_errf(r->text, sizeof(r->text), "%s %s = %s ml × %s g/ml (from %s %s = %s g) = %s g",
                  qs, d->name, ml, dens, am, p->name, pg, tot);
    return UNITS_OK;
}

/* "1 tin" of a food with a "can (3.75 oz)" portion: the portion, said so. */
static void by_container_portion(const struct food *f, double quantity, const char *unit, int idx,
                                 struct units_result *r) {
    char qs[32], tot[32], per[32];
    const struct portion *p = &f->portions[idx];
    r->how = UNITS_BY_CONTAINER;
    r->portion = idx;
    r->grams = quantity * p->grams / p->amount;
    fmt_num(qs, sizeof(qs), quantity);
    fmt_num(per, sizeof(per), p->grams / p->amount);
    fmt_num(tot, sizeof(tot), r->grams);
    if (quantity == 1.0)
        util_errf(r->text, sizeof(r->text), "1 %s (the food's '%s') = %s g", unit, p->name, tot);
    else
        util_errf(r->text, sizeof(r->text), "%s × %s (the food's '%s', %s g) = %s g", qs, unit,
                  p->name, per, tot);
}

/* A container's default size: weighed ("40 g"), or a volume through the
 * food's density (water's, 1 g/ml, said so, when the food has none). */
static void by_container_size(const struct food *f, double quantity, const char *unit,
                              const struct container *c, struct units_result *r) {
    char word[TOKEN_MAX]; /* the container as the person named it: "tin", not "can" */
    if (!words_normalise(unit, word, sizeof(word)))
        snprintf(word, sizeof(word), "%s", c->name);
    char qs[32], tot[32], ml[32], dens[32];
    fmt_num(qs, sizeof(qs), quantity);
    r->how = UNITS_BY_CONTAINER;
    if (c->size == CONTAINER_MASS) {
        char each[32];
        r->grams = quantity * c->amount;
        fmt_num(each, sizeof(each), c->amount);
        fmt_num(tot, sizeof(tot), r->grams);
        if (quantity == 1.0)
            util_errf(r->text, sizeof(r->text), "1 %s = %s g (default %s)", unit, tot, word);
        else
            util_errf(r->text, sizeof(r->text), "%s × %s (%s g, default %s) = %s g", qs, unit, each,
                      word, tot);
        return;
    }
    int idx = density_portion(f);
    double density = 1.0;
    if (idx >= 0) {
        const struct portion *p = &f->portions[idx];
        density = p->grams / (p->amount * portion_measure(p, NULL));
        r->portion = idx;
    }
    r->grams = quantity * c->amount * density;
    fmt_num(ml, sizeof(ml), quantity * c->amount);
    fmt_num(dens, sizeof(dens), density);
    fmt_num(tot, sizeof(tot), r->grams);
    if (quantity == 1.0)
        util_errf(r->text, sizeof(r->text), "1 %s = %s ml (default %s) × %s g/ml%s = %s g", unit,
                  ml, word, dens, idx >= 0 ? "" : " (water's: the food has no volume portion)",
                  tot);
    else
        util_errf(r->text, sizeof(r->text), "%s × %s = %s ml (default %s) × %s g/ml%s = %s g", qs,
                  unit, ml, word, dens, idx >= 0 ? "" : " (water's: no volume portion)", tot);
}

/* Is portion p named by the unit word or by one of a list of names
 * ("can/cans/tin/tins", '/'; "serving,NLEA serving", ',')? */
static int named_in(const struct portion *p, const char *unit, const char *list, int sep) {
    char name[TOKEN_MAX];
    if (unit && portion_named(p, unit))
        return 1;
    for (const char *s = list; s && *s;) {
        size_t n = strcspn(s, sep == '/' ? "/" : ",");
        while (n > 0 && util_isspace((unsigned char)*s))
            s++, n--;
        if (n > 0 && n < sizeof(name)) {
            memcpy(name, s, n);
            name[n] = '\0';
            if (portion_named(p, name))
                return 1;
        }
        s += n;
        if (*s)
            s++;
    }
    return 0;
}

/* The grams of one of container c for food f (volumes through its
 * density, water's when it has none). */
static double container_grams(const struct food *f, const struct container *c) {
    int idx;
    if (c->size == CONTAINER_MASS)
        return c->amount;
    idx = density_portion(f);
    if (idx < 0)
        return c->amount;
    const struct portion *p = &f->portions[idx];
    return c->amount * p->grams / (p->amount * portion_measure(p, NULL));
}

/*
 * A container line with a size, for a food that has portions of that name:
 * USDA's portion is the thing weighed, so it is taken when it is the size
 * the word usually means (within a quarter of the table's size); the one
 * nearest that size of several ("can or bottle (12 fl oz)" before "(16 fl
 * oz)").  A USDA pack far from it is another pack ("bag (8 oz)" of crisps,
 * "can (20 oz)" of soup): the table's size then, said so.  -1 if the food
 * has no portion of those names.
 */
static int nearest_pack(const struct food *f, const char *unit, const struct container *c,
                        const char *size, double *ratio) {
    double target = container_grams(f, c), best = INFINITY;
    int idx = -1;
    for (size_t i = 0; i < f->n_portions; i++) {
        const struct portion *p = &f->portions[i];
        if (!named_in(p, unit, c->names, '/'))
            continue;
        double g = p->grams / p->amount;
        /* "a small can": the smallest of USDA's cans, "a large" the largest */
        double d = !size || !strcmp(size, "medium") ? fabs(log(g / target))
                   : !strcmp(size, "small")         ? g
                                                    : -g;
        if (d < best) {
            best = d;
            idx = (int)i;
            *ratio = p->grams / p->amount / target;
        }
    }
    return idx;
}

/* USDA's own portion stands when within this factor of the table's size
 * (the same pack, give or take its label's rounding): a UK can of soft
 * drink is 330 ml, USDA's 12 fl oz can 372 g is another. */
#define PACK_TOLERANCE 1.1

/* A container word: the first line of the table that applies to f.
 * UNITS_EUNIT when none does. */
static int by_container(const struct food *f, double quantity, const char *unit,
                        const struct units_opts *o, struct units_result *r) {
    const struct container *c;
    size_t pos = 0;
    while (
        (c = containers_next(o->containers, unit, f, (enum containers_dialect)o->dialect, &pos))) {
        double ratio = 1;
        int idx;
        if (c->size == CONTAINER_PORTION) {
            for (idx = 0; idx < (int)f->n_portions; idx++)
                if (named_in(&f->portions[idx], unit, c->portions, ','))
                    break;
            if (idx == (int)f->n_portions)
                continue; /* the food has no such portion: the next line may fit */
            by_container_portion(f, quantity, unit, idx, r);
            return UNITS_OK;
        }
        if (c->size == CONTAINER_COUNT) {
            struct units_opts plain = *o;
            plain.implied = 0;
            if (by_count(f, quantity, &plain, r, NULL, 0) != UNITS_OK)
                continue;
            r->how = UNITS_BY_CONTAINER;
            return UNITS_OK;
        }
        idx = nearest_pack(f, unit, c, o->size, &ratio);
        /* a portion the person weighed is hers, whatever the usual size */
        if (idx >= 0 && (f->measured || (o->size && strcmp(o->size, "medium") != 0) ||
                         (ratio <= PACK_TOLERANCE && ratio >= 1 / PACK_TOLERANCE))) {
            by_container_portion(f, quantity, unit, idx, r);
            return UNITS_OK;
        }
        by_container_size(f, quantity, unit, c, r);
        if (idx >= 0) {
            size_t n = strlen(r->text);
            char g[32];
            fmt_num(g, sizeof(g), f->portions[idx].grams / f->portions[idx].amount);
            util_errf(r->text + n, sizeof(r->text) - n, " (USDA's '%s' is %s g)",
                      f->portions[idx].name, g);
        }
        return UNITS_OK;
    }
    return UNITS_EUNIT;
}

/* A word that is neither generic nor a portion name as written: a size
 * word in other words ("big" -> large), a container, or a container with
 * a size word before it ("large bowl" -> bowl, said so). */
static int by_other_word(const struct food *f, double quantity, const char *unit,
                         const struct units_opts *o, struct units_result *r, char *err,
                         size_t errlen) {
    char accepted[512], base[TOKEN_MAX], why[160];
    const char *same = containers_same(o->containers, unit);
    int idx = same ? units_find_portion(f, same) : -1;

    if (idx >= 0) {
        r->how = UNITS_BY_PORTION;
        r->portion = idx;
        r->grams = quantity * f->portions[idx].grams / f->portions[idx].amount;
        describe_portion(r, quantity, &f->portions[idx], 0, r->grams);
        return UNITS_OK;
    }
    if (by_container(f, quantity, unit, o, r) == UNITS_OK)
        return UNITS_OK;
    /* "large bowl": the container without its size word (which still
     * chooses among USDA's packs: "a small can") */
    const char *sp = strchr(unit, ' ');
    if (sp && strlen(sp + 1) < sizeof(base)) {
        struct units_opts sized = *o;
        char first[TOKEN_MAX];
        snprintf(base, sizeof(base), "%s", sp + 1);
        snprintf(first, sizeof(first), "%.*s", (int)(sp - unit), unit);
        sized.size = units_size_word(o->containers, first);
        if (!sized.size)
            sized.size = o->size;
        if (units_find_portion(f, base) < 0 &&
            by_container(f, quantity, base, &sized, r) == UNITS_OK) {
            size_t n = strlen(r->text);
            util_errf(r->text + n, sizeof(r->text) - n, " ('%.*s' not counted)", (int)(sp - unit),
                      unit);
            return UNITS_OK;
        }
    }
    containers_dialects(o->containers, unit, f, why, sizeof(why));
    if (why[0] && o->dialect == CONTAINERS_ANY) {
        util_errf(err, errlen,
                  "'%s' is %s; say which with 'dietbal profile set --units us' (or uk), or give "
                  "ml",
                  unit, why);
        return UNITS_EUNIT;
    }
    units_accepted(f, accepted, sizeof(accepted));
    util_errf(err, errlen, "'%s' is not a unit of %s; it takes %s", unit, food_label(f), accepted);
    return UNITS_EUNIT;
}

/* The limits every conversion answers to. */
static int check_grams(const struct units_result *r, int force, char *err, size_t errlen) {
    if (!isfinite(r->grams) || r->grams <= 0) {
        util_errf(err, errlen, "%s gives no usable weight", r->text);
        return UNITS_EINVAL;
    }
    if (r->grams > UNITS_MAX_FORCED_GRAMS) {
        util_errf(err, errlen, "%s is more than anyone eats at once (at most %.0f kg)", r->text,
                  UNITS_MAX_FORCED_GRAMS / 1000);
        return UNITS_ETOOMUCH;
    }
    if (r->grams > UNITS_MAX_GRAMS && !force) {
        util_errf(err, errlen, "%s is more than %.0f g in one entry; pass --force if that is right",
                  r->text, UNITS_MAX_GRAMS);
        return UNITS_ETOOMUCH;
    }
    return UNITS_OK;
}

int units_convert(const struct food *f, double quantity, const char *unit,
                  const struct units_opts *opts, struct units_result *out, char *err,
                  size_t errlen) {
    static const struct units_opts none = {0, NULL, CONTAINERS_ANY, 0, NULL, NULL};
    const struct units_opts *o = opts ? opts : &none;
    struct units_result r;
    const struct units_def *d = NULL;
    int idx, rc;

    memset(&r, 0, sizeof(r));
    r.portion = -1;
    if (!f) {
        util_errf(err, errlen, "no food given");
        return UNITS_EINVAL;
    }
    if (!isfinite(quantity) || quantity <= 0) {
        util_errf(err, errlen, "the quantity must be a positive number");
        return UNITS_EINVAL;
    }
    while (unit && util_isspace((unsigned char)*unit))
        unit++;

    if (!unit || !*unit) {
        rc = by_count(f, quantity, o, &r, err, errlen);
    } else if ((d = units_generic(unit)) && d->kind == UNITS_MASS) {
        by_mass(quantity, d, &r);
        rc = UNITS_OK;
    } else if (d) {
        rc = by_volume(f, quantity, unit, d, &r, err, errlen);
    } else if ((idx = pick_named(f, unit, o->size)) >= 0 &&
               (!containers_names(o->containers, unit) || f->measured ||
                by_container(f, quantity, unit, o, &r) != UNITS_OK)) {
        memset(&r, 0, sizeof(r));
        r.how = UNITS_BY_PORTION;
        r.portion = idx;
        r.grams = quantity * f->portions[idx].grams / f->portions[idx].amount;
        describe_portion(&r, quantity, &f->portions[idx], 0, r.grams);
        rc = UNITS_OK;
    } else if (idx >= 0) {
        rc = UNITS_OK; /* a container line settled it */
    } else if (units_size_word(o->containers, unit)) {
        /* "1 large tortilla": the food's portion of that size */
        struct units_opts sized = *o;
        sized.size = units_size_word(o->containers, unit);
        rc = by_count(f, quantity, &sized, &r, err, errlen);
    } else {
        rc = by_other_word(f, quantity, unit, o, &r, err, errlen);
    }
    if (rc == UNITS_OK)
        rc = check_grams(&r, o->force, err, errlen);
    if (rc == UNITS_OK)
        *out = r;
    return rc;
}

int units_to_grams(const struct food *f, double quantity, const char *unit, int force,
                   struct units_result *out, char *err, size_t errlen) {
    struct units_opts o = {force, NULL, CONTAINERS_ANY, 0, NULL, NULL};
    return units_convert(f, quantity, unit, &o, out, err, errlen);
}

const char *units_size_word(const struct containers *c, const char *word) {
    static const struct {
        const char *word, *size;
    } sizes[] = {{"small", "small"},   {"mini", "small"},     {"little", "small"},
                 {"medium", "medium"}, {"regular", "medium"}, {"average", "medium"},
                 {"large", "large"},   {"big", "large"},      {"jumbo", "large"},
                 {"giant", "large"},   {"king", "large"}};
    char t[TOKEN_MAX];
    const char *same = containers_same(c, word);
    if (!word || normalise(same ? same : word, 1, t) < 0)
        return NULL;
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
        if (strcmp(t, sizes[i].word) == 0)
            return sizes[i].size;
    return NULL;
}

int units_counts(const struct food *f, const char *word, const struct units_opts *opts) {
    const struct container *c;
    size_t pos = 0;
    int idx;
    if (!f || !word || units_generic(word))
        return 0;
    if ((idx = units_find_portion(f, word)) >= 0)
        return countable(&f->portions[idx]);
    c = opts ? containers_next(opts->containers, word, f, (enum containers_dialect)opts->dialect,
                               &pos)
             : NULL;
    return c != NULL;
}

int units_takes(const struct food *f, const char *word, const struct units_opts *opts) {
    struct units_result r;
    return f && word && units_convert(f, 1, word, opts, &r, NULL, 0) == UNITS_OK;
}
