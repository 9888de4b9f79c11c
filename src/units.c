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

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
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

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

/* snprintf that accepts truncation (text is cut at len) and tolerates a NULL
 * buffer; used for messages and descriptions. */
static void bufprintf(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void bufprintf(char *buf, size_t len, const char *fmt, ...)
{
    va_list ap;
    if (!buf || len == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, len, fmt, ap);
    va_end(ap);
}

/* Lower case, whitespace runs as one space, trimmed, dots dropped when
 * drop_dots.  -1 when the result would not fit in TOKEN_MAX bytes. */
static int normalise(const char *s, int drop_dots, char out[TOKEN_MAX])
{
    size_t n = 0;
    int pending_space = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (is_space(c)) {
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
        out[n++] = (char)lower(c);
    }
    out[n] = '\0';
    return 0;
}

const struct units_def *units_generic(const char *token)
{
    char t[TOKEN_MAX];
    if (!token || normalise(token, 1, t) < 0 || !*t)
        return NULL;
    for (size_t i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++)
        if (strcmp(t, spellings[i].spelling) == 0)
            return &defs[spellings[i].def];
    return NULL;
}

static int portion_ok(const struct portion *p)
{
    return p->name && isfinite(p->amount) && p->amount > 0 && isfinite(p->grams) && p->grams > 0;
}

/* Does name start with word (case-insensitive), followed by the end or
 * ' ', ',' or '('?  With plural_ok an 's' may come between. */
static int word_prefix(const char *name, const char *word, int plural_ok)
{
    size_t n = strlen(word);
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)name[i]) != lower((unsigned char)word[i]))
            return 0; /* also stops at name's '\0', which no word holds */
    const char *rest = name + n;
    if (plural_ok && lower((unsigned char)*rest) == 's')
        rest++;
    return *rest == '\0' || *rest == ' ' || *rest == ',' || *rest == '(';
}

/* The ml of the measure a portion's name starts with, 0 when none; *rank
 * gets its place in the order of preference. */
static double portion_measure(const struct portion *p, int *rank)
{
    for (size_t i = 0; i < sizeof(measures) / sizeof(measures[0]); i++)
        if (word_prefix(p->name, measures[i].name, 1)) {
            if (rank)
                *rank = measures[i].rank;
            return measures[i].ml;
        }
    return 0;
}

/* The portion that gives f's density, or -1. */
static int density_portion(const struct food *f)
{
    for (int r = 0; r < N_RANKS; r++)
        for (size_t i = 0; i < f->n_portions; i++) {
            int rank = -1;
            if (portion_ok(&f->portions[i]) && portion_measure(&f->portions[i], &rank) > 0 &&
                rank == r)
                return (int)i;
        }
    return -1;
}

/* Is a portion a weight rather than a thing one counts ("oz", "lb")? */
static int mass_portion(const struct portion *p)
{
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
static int bulk_portion(const struct portion *p)
{
    static const char *const bulk[] = {
        "cubic inch", "package", "pkg", "container", "jar", "can", "bottle", "box",
        "bag", "carton", "packet", "recipe", "batch", "yield", "quart", "pint",
        "gallon", "loaf", "head", "bunch", "whole", "pie", "cake", "pizza",
    };
    for (size_t i = 0; i < sizeof(bulk) / sizeof(bulk[0]); i++)
        if (word_prefix(p->name, bulk[i], 1))
            return 1;
    /* a whole cake, pie, melon or pizza under another name */
    return p->grams / p->amount > UNITS_COUNT_MAX_G;
}

static int serving_portion(const struct portion *p)
{
    return word_prefix(p->name, "serving", 1) || word_prefix(p->name, "NLEA serving", 0);
}

/* Is the portion a thing one counts: not a measure, a weight, a pack or a
 * serving? */
static int countable(const struct portion *p)
{
    return portion_ok(p) && portion_measure(p, NULL) == 0 && !mass_portion(p) &&
           !bulk_portion(p) && !serving_portion(p);
}

int units_has_countable(const struct food *f)
{
    for (size_t i = 0; f && i < f->n_portions; i++)
        if (countable(&f->portions[i]))
            return 1;
    return 0;
}

/* Does the portion's name hold word as a whole word ("fillet, medium")? */
static int name_has_word(const char *name, const char *word)
{
    for (const char *p = name; *p; p++) {
        if (p != name && (lower((unsigned char)p[-1]) >= 'a' && lower((unsigned char)p[-1]) <= 'z'))
            continue;
        if (word_prefix(p, word, 1))
            return 1;
    }
    return 0;
}

/*
 * The portion a bare number counts, in this order: the size the container
 * table prefers for the food's kind ("large" eggs); a countable portion
 * called medium; the first countable portion ("slice", "fillet", "link");
 * the food's serving; the first portion that is not a pack; the first.
 * With prefer_serving (no quantity was written at all) the serving comes
 * first.  USDA often lists a cup first ("Egg, whole": "cup (4.86 large
 * eggs)" before "large"), and "2 egg" means two eggs, not two cups.
 */
static int first_portion(const struct food *f, const char *size_word, int prefer_serving)
{
    int first = -1, thing = -1, medium = -1, sized = -1, serving = -1, unpacked = -1;
    for (size_t i = 0; i < f->n_portions; i++) {
        const struct portion *p = &f->portions[i];
        if (!portion_ok(p))
            continue;
        /* a cubic inch is never what a number counts, even as a last resort
         * (a kipper of 17 g, a rice cake of 4 g): better to ask for a unit */
        if (first < 0 && !word_prefix(p->name, "cubic inch", 0))
            first = (int)i;
        if (serving < 0 && serving_portion(p))
            serving = (int)i;
        if (unpacked < 0 && !bulk_portion(p))
            unpacked = (int)i;
        if (!countable(p))
            continue;
        if (thing < 0)
            thing = (int)i;
        /* "large" before "extra large, whole": a name that starts with the
         * word wins over one that only holds it */
        if (name_has_word(p->name, "medium") &&
            (medium < 0 || (word_prefix(p->name, "medium", 0) &&
                            !word_prefix(f->portions[medium].name, "medium", 0))))
            medium = (int)i;
        if (size_word && name_has_word(p->name, size_word) &&
            (sized < 0 || (word_prefix(p->name, size_word, 0) &&
                           !word_prefix(f->portions[sized].name, size_word, 0))))
            sized = (int)i;
    }
    if (prefer_serving && serving >= 0)
        return serving;
    return sized >= 0 ? sized : medium >= 0 ? medium : thing >= 0 ? thing : serving >= 0 ? serving
                                                                : unpacked >= 0 ? unpacked : first;
}

/* Singular forms of a lower-case token, the token itself first.  Returns the
 * number of forms written (at most 5). */
static int singulars(const char *t, char forms[5][TOKEN_MAX])
{
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

int units_find_portion(const struct food *f, const char *token)
{
    char t[TOKEN_MAX];
    char forms[5][TOKEN_MAX];
    if (!f || !token || normalise(token, 0, t) < 0 || !*t)
        return -1;
    int k = singulars(t, forms);
    for (size_t i = 0; i < f->n_portions; i++) {
        if (!portion_ok(&f->portions[i]))
            continue;
        for (int j = 0; j < k; j++)
            if (word_prefix(f->portions[i].name, forms[j], 0))
                return (int)i;
    }
    return -1;
}

/* A number for people: four significant digits, no exponent, no trailing
 * zeros ("257.4", "42.52", "0.0005", "4536"). */
static void fmt_num(char *buf, size_t len, double v)
{
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

static const char *food_label(const struct food *f)
{
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

static void sb_add(struct sbuf *b, const char *s)
{
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

void units_accepted(const struct food *f, char *buf, size_t len)
{
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
                             int is_first, double grams)
{
    char qs[32], per[32], tot[32], am[32], pg[32], note[160];
    fmt_num(qs, sizeof(qs), q);
    fmt_num(per, sizeof(per), p->grams / p->amount);
    fmt_num(tot, sizeof(tot), grams);
    fmt_num(am, sizeof(am), p->amount);
    fmt_num(pg, sizeof(pg), p->grams);
    note[0] = '\0';
    if (p->amount != 1.0)
        bufprintf(note, sizeof(note), "%sfrom %s %s = %s g", is_first ? "default portion, " : "", am,
                  p->name, pg);
    else if (is_first)
        bufprintf(note, sizeof(note), "default portion");
    if (q == 1.0 && note[0])
        bufprintf(r->text, sizeof(r->text), "1 %s (%s) = %s g", p->name, note, tot);
    else if (q == 1.0)
        bufprintf(r->text, sizeof(r->text), "1 %s = %s g", p->name, tot);
    else if (note[0])
        bufprintf(r->text, sizeof(r->text), "%s × %s (%s g, %s) = %s g", qs, p->name, per, note,
                  tot);
    else
        bufprintf(r->text, sizeof(r->text), "%s × %s (%s g) = %s g", qs, p->name, per, tot);
}

/* No unit: the food's default portion (see first_portion). */
static int by_count(const struct food *f, double quantity, const struct units_opts *o,
                    struct units_result *r, char *err, size_t errlen)
{
    const char *size_word = containers_default_size(o->containers, f);
    int idx = first_portion(f, size_word, o->implied);
    if (idx < 0) {
        char accepted[512];
        units_accepted(f, accepted, sizeof(accepted));
        bufprintf(err, errlen, "%s has no portion to count; give a unit: %s", food_label(f),
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

static void by_mass(double quantity, const struct units_def *d, struct units_result *r)
{
    char qs[32], tot[32];
    fmt_num(qs, sizeof(qs), quantity);
    r->how = UNITS_BY_MASS;
    r->grams = quantity * d->factor;
    fmt_num(tot, sizeof(tot), r->grams);
    if (d == &defs[U_G])
        bufprintf(r->text, sizeof(r->text), "%s g", tot);
    else
        bufprintf(r->text, sizeof(r->text), "%s %s = %s g", qs, d->name, tot);
}

static int by_volume(const struct food *f, double quantity, const char *unit,
                     const struct units_def *d, struct units_result *r, char *err, size_t errlen)
{
    char qs[32], tot[32], ml[32], dens[32], am[32], pg[32];
    int idx = density_portion(f);
    if (idx < 0) {
        char accepted[512];
        units_accepted(f, accepted, sizeof(accepted));
        bufprintf(err, errlen,
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
        bufprintf(r->text, sizeof(r->text), "%s ml × %s g/ml (from %s %s = %s g) = %s g", ml,
                  dens, am, p->name, pg, tot);
    else
        bufprintf(r->text, sizeof(r->text), "%s %s = %s ml × %s g/ml (from %s %s = %s g) = %s g",
                  qs, d->name, ml, dens, am, p->name, pg, tot);
    return UNITS_OK;
}

/* "1 tin" of a food with a "can (3.75 oz)" portion: the portion, said so. */
static void by_container_portion(const struct food *f, double quantity, const char *unit,
                                 int idx, struct units_result *r)
{
    char qs[32], tot[32], per[32];
    const struct portion *p = &f->portions[idx];
    r->how = UNITS_BY_CONTAINER;
    r->portion = idx;
    r->grams = quantity * p->grams / p->amount;
    fmt_num(qs, sizeof(qs), quantity);
    fmt_num(per, sizeof(per), p->grams / p->amount);
    fmt_num(tot, sizeof(tot), r->grams);
    if (quantity == 1.0)
        bufprintf(r->text, sizeof(r->text), "1 %s (the food's '%s') = %s g", unit, p->name, tot);
    else
        bufprintf(r->text, sizeof(r->text), "%s × %s (the food's '%s', %s g) = %s g", qs, unit,
                  p->name, per, tot);
}

/* A container's default size: weighed ("40 g"), or a volume through the
 * food's density (water's, 1 g/ml, said so, when the food has none). */
static void by_container_size(const struct food *f, double quantity, const char *unit,
                              const struct container *c, struct units_result *r)
{
    char qs[32], tot[32], ml[32], dens[32];
    fmt_num(qs, sizeof(qs), quantity);
    r->how = UNITS_BY_CONTAINER;
    if (c->size == CONTAINER_MASS) {
        char each[32];
        r->grams = quantity * c->amount;
        fmt_num(each, sizeof(each), c->amount);
        fmt_num(tot, sizeof(tot), r->grams);
        if (quantity == 1.0)
            bufprintf(r->text, sizeof(r->text), "1 %s = %s g (default %s)", unit, tot, c->name);
        else
            bufprintf(r->text, sizeof(r->text), "%s × %s (%s g, default %s) = %s g", qs, unit, each,
                      c->name, tot);
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
        bufprintf(r->text, sizeof(r->text), "1 %s = %s ml (default %s) × %s g/ml%s = %s g", unit,
                  ml, c->name, dens, idx >= 0 ? "" : " (water's: the food has no volume portion)",
                  tot);
    else
        bufprintf(r->text, sizeof(r->text), "%s × %s = %s ml (default %s) × %s g/ml%s = %s g", qs,
                  unit, ml, c->name, dens, idx >= 0 ? "" : " (water's: no volume portion)", tot);
}

/* The food's portion named by one of a container line's names ("tin" ->
 * "can"), or by one of a portion: size's names; -1 if none. */
static int container_portion(const struct food *f, const char *list, int sep)
{
    char name[TOKEN_MAX];
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, sep == '/' ? "/" : ",");
        while (n > 0 && is_space((unsigned char)*p))
            p++, n--;
        if (n > 0 && n < sizeof(name)) {
            memcpy(name, p, n);
            name[n] = '\0';
            int idx = units_find_portion(f, name);
            if (idx >= 0)
                return idx;
        }
        p += n;
        if (*p)
            p++;
    }
    return -1;
}

/* A container word: the first line of the table that applies to f. */
static int by_container(const struct food *f, double quantity, const char *unit,
                        const struct units_opts *o, struct units_result *r)
{
    const struct container *c;
    size_t pos = 0;
    while ((c = containers_next(o->containers, unit, f, (enum containers_dialect)o->dialect, &pos))) {
        int idx = container_portion(f, c->names, '/');
        if (idx >= 0) {
            by_container_portion(f, quantity, unit, idx, r);
            return UNITS_OK;
        }
        if (c->size == CONTAINER_PORTION) {
            if ((idx = container_portion(f, c->portions, ',')) < 0)
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
        by_container_size(f, quantity, unit, c, r);
        return UNITS_OK;
    }
    return UNITS_EUNIT;
}

/* A word that is neither generic nor a portion name as written: a size
 * word in other words ("big" -> large), a container, or a container with
 * a size word before it ("large bowl" -> bowl, said so). */
static int by_other_word(const struct food *f, double quantity, const char *unit,
                         const struct units_opts *o, struct units_result *r, char *err,
                         size_t errlen)
{
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
    /* "large bowl": the container without its size word */
    const char *sp = strchr(unit, ' ');
    if (sp && strlen(sp + 1) < sizeof(base)) {
        snprintf(base, sizeof(base), "%s", sp + 1);
        if (units_find_portion(f, base) < 0 && by_container(f, quantity, base, o, r) == UNITS_OK) {
            size_t n = strlen(r->text);
            bufprintf(r->text + n, sizeof(r->text) - n, " ('%.*s' not counted)",
                      (int)(sp - unit), unit);
            return UNITS_OK;
        }
    }
    containers_dialects(o->containers, unit, f, why, sizeof(why));
    if (why[0] && o->dialect == CONTAINERS_ANY) {
        bufprintf(err, errlen,
                  "'%s' is %s; say which with 'dietbal profile set --units us' (or uk), or give "
                  "ml",
                  unit, why);
        return UNITS_EUNIT;
    }
    units_accepted(f, accepted, sizeof(accepted));
    bufprintf(err, errlen, "'%s' is not a unit of %s; it takes %s", unit, food_label(f), accepted);
    return UNITS_EUNIT;
}

/* The limits every conversion answers to. */
static int check_grams(const struct units_result *r, int force, char *err, size_t errlen)
{
    if (!isfinite(r->grams) || r->grams <= 0) {
        bufprintf(err, errlen, "%s gives no usable weight", r->text);
        return UNITS_EINVAL;
    }
    if (r->grams > UNITS_MAX_FORCED_GRAMS) {
        bufprintf(err, errlen, "%s is more than anyone eats at once (at most %.0f kg)", r->text,
                  UNITS_MAX_FORCED_GRAMS / 1000);
        return UNITS_ETOOMUCH;
    }
    if (r->grams > UNITS_MAX_GRAMS && !force) {
        bufprintf(err, errlen, "%s is more than %.0f g in one entry; pass --force if that is right",
                  r->text, UNITS_MAX_GRAMS);
        return UNITS_ETOOMUCH;
    }
    return UNITS_OK;
}

int units_convert(const struct food *f, double quantity, const char *unit,
                  const struct units_opts *opts, struct units_result *out, char *err,
                  size_t errlen)
{
    static const struct units_opts none = {0, NULL, CONTAINERS_ANY, 0};
    const struct units_opts *o = opts ? opts : &none;
    struct units_result r;
    const struct units_def *d = NULL;
    int idx, rc;

    memset(&r, 0, sizeof(r));
    r.portion = -1;
    if (!f) {
        bufprintf(err, errlen, "no food given");
        return UNITS_EINVAL;
    }
    if (!isfinite(quantity) || quantity <= 0) {
        bufprintf(err, errlen, "the quantity must be a positive number");
        return UNITS_EINVAL;
    }
    while (unit && is_space((unsigned char)*unit))
        unit++;

    if (!unit || !*unit) {
        rc = by_count(f, quantity, o, &r, err, errlen);
    } else if ((d = units_generic(unit)) && d->kind == UNITS_MASS) {
        by_mass(quantity, d, &r);
        rc = UNITS_OK;
    } else if (d) {
        rc = by_volume(f, quantity, unit, d, &r, err, errlen);
    } else if ((idx = units_find_portion(f, unit)) >= 0) {
        r.how = UNITS_BY_PORTION;
        r.portion = idx;
        r.grams = quantity * f->portions[idx].grams / f->portions[idx].amount;
        describe_portion(&r, quantity, &f->portions[idx], 0, r.grams);
        rc = UNITS_OK;
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
                   struct units_result *out, char *err, size_t errlen)
{
    struct units_opts o = {force, NULL, CONTAINERS_ANY, 0};
    return units_convert(f, quantity, unit, &o, out, err, errlen);
}

int units_takes(const struct food *f, const char *word, const struct units_opts *opts)
{
    struct units_result r;
    return f && word && units_convert(f, 1, word, opts, &r, NULL, 0) == UNITS_OK;
}
