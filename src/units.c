/*
 * units.c - quantity × unit -> grams of one food: generic masses, volumes
 * through the food's density, and the food's own household portions.
 *
 * Pure computation on a struct food: no database, no printing.  Character
 * tests are ASCII-only on purpose, so the result never depends on the
 * locale main() sets up.
 */
#include "dietbal/units.h"

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

/*
 * The portion a bare number counts: the first one that is a thing ("large",
 * "slice", "medium"), not a measure ("cup", "tbsp", "oz").  USDA often lists
 * a cup first ("Egg, whole": "cup (4.86 large eggs)" before "large"), and
 * "2 egg" means two eggs, not two cups of egg.  A "medium" one is preferred.  A food whose portions are
 * all measures counts its first portion (product.md, "Entries").
 */
static int first_portion(const struct food *f)
{
    int first = -1, thing = -1;
    for (size_t i = 0; i < f->n_portions; i++) {
        const struct portion *p = &f->portions[i];
        if (!portion_ok(p))
            continue;
        if (first < 0)
            first = (int)i;
        if (portion_measure(p, NULL) != 0 || mass_portion(p))
            continue;
        /* USDA lists sizes smallest or largest first ("extra small",
         * "extra large"); a plain count means an ordinary one */
        if (word_prefix(p->name, "medium", 0))
            return (int)i;
        if (thing < 0)
            thing = (int)i;
    }
    return thing >= 0 ? thing : first;
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

int units_to_grams(const struct food *f, double quantity, const char *unit, int force,
                   struct units_result *out, char *err, size_t errlen)
{
    struct units_result r;
    char accepted[512], qs[32], tot[32];
    const struct units_def *d = NULL;
    int idx;

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
    fmt_num(qs, sizeof(qs), quantity);

    if (!unit || !*unit) {
        idx = first_portion(f);
        if (idx < 0) {
            units_accepted(f, accepted, sizeof(accepted));
            bufprintf(err, errlen, "%s has no portion to count; give a unit: %s", food_label(f),
                      accepted);
            return UNITS_ENOPORTION;
        }
        const struct portion *p = &f->portions[idx];
        r.how = UNITS_BY_FIRST_PORTION;
        r.portion = idx;
        r.grams = quantity * p->grams / p->amount;
        describe_portion(&r, quantity, p, 1, r.grams);
    } else if ((d = units_generic(unit)) && d->kind == UNITS_MASS) {
        r.how = UNITS_BY_MASS;
        r.grams = quantity * d->factor;
        fmt_num(tot, sizeof(tot), r.grams);
        if (d == &defs[U_G])
            bufprintf(r.text, sizeof(r.text), "%s g", tot);
        else
            bufprintf(r.text, sizeof(r.text), "%s %s = %s g", qs, d->name, tot);
    } else if (d) {
        idx = density_portion(f);
        if (idx < 0) {
            units_accepted(f, accepted, sizeof(accepted));
            bufprintf(err, errlen,
                      "'%s' is a volume and %s has no cup, fl oz, tbsp or tsp portion to "
                      "convert it with; it takes %s",
                      unit, food_label(f), accepted);
            return UNITS_ENOVOLUME;
        }
        const struct portion *p = &f->portions[idx];
        double measure_ml = portion_measure(p, NULL);
        r.how = UNITS_BY_VOLUME;
        r.portion = idx;
        if (measure_ml == d->factor) {
            /* the unit is the portion's own measure: no detour through ml */
            r.grams = quantity * p->grams / p->amount;
            describe_portion(&r, quantity, p, 0, r.grams);
        } else {
            char ml[32], dens[32], am[32], pg[32];
            double density = p->grams / (p->amount * measure_ml);
            double vol = quantity * d->factor;
            r.grams = vol * density;
            fmt_num(ml, sizeof(ml), vol);
            fmt_num(dens, sizeof(dens), density);
            fmt_num(am, sizeof(am), p->amount);
            fmt_num(pg, sizeof(pg), p->grams);
            fmt_num(tot, sizeof(tot), r.grams);
            if (d == &defs[U_ML])
                bufprintf(r.text, sizeof(r.text), "%s ml × %s g/ml (from %s %s = %s g) = %s g", ml,
                          dens, am, p->name, pg, tot);
            else
                bufprintf(r.text, sizeof(r.text),
                          "%s %s = %s ml × %s g/ml (from %s %s = %s g) = %s g", qs, d->name, ml,
                          dens, am, p->name, pg, tot);
        }
    } else {
        idx = units_find_portion(f, unit);
        if (idx < 0) {
            units_accepted(f, accepted, sizeof(accepted));
            bufprintf(err, errlen, "'%s' is not a unit of %s; it takes %s", unit, food_label(f),
                      accepted);
            return UNITS_EUNIT;
        }
        const struct portion *p = &f->portions[idx];
        r.how = UNITS_BY_PORTION;
        r.portion = idx;
        r.grams = quantity * p->grams / p->amount;
        describe_portion(&r, quantity, p, 0, r.grams);
    }

    if (!isfinite(r.grams) || r.grams <= 0) {
        bufprintf(err, errlen, "%s gives no usable weight", r.text);
        return UNITS_EINVAL;
    }
    if (r.grams > UNITS_MAX_FORCED_GRAMS) {
        bufprintf(err, errlen, "%s is more than anyone eats at once (at most %.0f kg)", r.text,
                  UNITS_MAX_FORCED_GRAMS / 1000);
        return UNITS_ETOOMUCH;
    }
    if (r.grams > UNITS_MAX_GRAMS && !force) {
        bufprintf(err, errlen, "%s is more than %.0f g in one entry; pass --force if that is right",
                  r.text, UNITS_MAX_GRAMS);
        return UNITS_ETOOMUCH;
    }
    *out = r;
    return UNITS_OK;
}
