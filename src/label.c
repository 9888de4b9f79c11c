/*
 * label.c - supplement labels: "TAG=AMOUNT" in the label's units, the dose
 * forms and their everyday words, and the limits of an amount per unit.
 *
 * A label states what a product contains, so an amount it does not state
 * is a real zero for that product (unlike a food table, where an absent
 * value is unknown); that rule lives with the analysis, not here.  This
 * module only reads text and checks numbers: no SQL, no printing.
 */
#include "dietbal/label.h"

#include "dietbal/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Longest tag accepted (the food-table schema allows 32 characters). */
#define TAG_MAX 32
/* A plain decimal: at most this many digits (as opt_decimal). */
#define DIGITS_MAX 15

/* --- dose forms ------------------------------------------------------------ */

static const char *const forms[] = {"tablet", "capsule", "softgel", "sachet",
                                    "scoop",  "ml",      "drop",    NULL};

/* Everyday words for the forms (singular; a trailing "s" is also taken). */
static const struct {
    const char *word;
    const char *form;
} words[] = {
    {"tablet", "tablet"},  {"tab", "tablet"},      {"caplet", "tablet"},   {"capsule", "capsule"},
    {"cap", "capsule"},    {"vegicap", "capsule"}, {"softgel", "softgel"}, {"soft-gel", "softgel"},
    {"gelcap", "softgel"}, {"sachet", "sachet"},   {"packet", "sachet"},   {"scoop", "scoop"},
    {"ml", "ml"},          {"millilitre", "ml"},   {"milliliter", "ml"},   {"drop", "drop"},
};

const char *const *label_dose_forms(void) { return forms; }

static int is_solid(const char *form) {
    return strcmp(form, "tablet") == 0 || strcmp(form, "capsule") == 0 ||
           strcmp(form, "softgel") == 0;
}

/* word equals w, or w + "s", ignoring ASCII case */
static int word_is(const char *word, const char *w) {
    size_t n = strlen(w);
    if (strncasecmp(word, w, n) != 0)
        return 0;
    return word[n] == '\0' || ((word[n] == 's' || word[n] == 'S') && word[n + 1] == '\0');
}

const char *label_dose_form(const char *word, int *generic) {
    if (generic)
        *generic = 0;
    if (!word || !*word)
        return NULL;
    if (word_is(word, "pill")) {
        if (generic)
            *generic = 1;
        return "tablet";
    }
    for (size_t i = 0; i < COUNT(words); i++)
        if (word_is(word, words[i].word))
            return words[i].form;
    return NULL;
}

int label_form_matches(const char *word, const char *form) {
    int generic = 0;
    const char *f = label_dose_form(word, &generic);

    if (!f || !form)
        return 0;
    return generic ? is_solid(form) : strcmp(f, form) == 0;
}

int label_form_is_food_unit(const char *form) {
    return form &&
           (strcmp(form, "ml") == 0 || strcmp(form, "scoop") == 0 || strcmp(form, "sachet") == 0);
}

/* --- amounts --------------------------------------------------------------- */

int label_is_mineral(int nutrient) {
    static const char *const minerals[] = {"CA", "MG", "P",  "K",  "NA", "FE",
                                           "CU", "MN", "SE", "ZN", "FD"};
    const struct nutrient_def *d = nutrients_get(nutrient);

    for (size_t i = 0; d && i < COUNT(minerals); i++)
        if (strcmp(d->tag, minerals[i]) == 0)
            return 1;
    return 0;
}

/* Grams in one of a mass unit; NAN for the others. */
static double grams_per(enum unit u) {
    return u == UNIT_G ? 1.0 : u == UNIT_MG ? 1e-3 : u == UNIT_UG ? 1e-6 : NAN;
}

int label_check(int nutrient, double value, char *err, size_t errlen) {
    const struct nutrient_def *d = nutrients_get(nutrient);

    if (!d)
        return util_errf(err, errlen, "unknown nutrient"), LABEL_EINPUT;
    if (!isfinite(value))
        return util_errf(err, errlen, "%s amount is not a finite number", d->tag), LABEL_EINPUT;
    if (value < 0)
        return util_errf(err, errlen, "%s amount %g is negative", d->tag, value), LABEL_EINPUT;
    if (nutrient == NUT_ENERGY && value > LABEL_ENERGY_MAX_KCAL)
        return util_errf(err, errlen,
                         "%s %g kcal in one unit is more than %.0f kcal (100 g of fat)", d->tag,
                         value, LABEL_ENERGY_MAX_KCAL),
               LABEL_EINPUT;
    double g = value * grams_per(d->unit);
    if (isnan(g))
        return LABEL_OK;
    if (label_is_mineral(nutrient) && g > LABEL_MINERAL_MAX_G)
        return util_errf(err, errlen,
                         "%s %g g in one unit is more than %.0f g of a mineral: check the label's "
                         "unit (mg or ug?)",
                         d->tag, g, LABEL_MINERAL_MAX_G),
               LABEL_EINPUT;
    if (g > LABEL_MASS_MAX_G)
        return util_errf(err, errlen, "%s %g g in one unit is more than %.0f g: check the unit",
                         d->tag, g, LABEL_MASS_MAX_G),
               LABEL_EINPUT;
    return LABEL_OK;
}

/* A plain decimal at the start of s: digits and at most one '.', at most
 * DIGITS_MAX digits.  Returns the characters used (0: none) and *out. */
static size_t parse_number(const char *s, double *out) {
    size_t i = 0, digits = 0, dots = 0;
    char buf[DIGITS_MAX + 3];

    for (; s[i] && (util_isdigit((unsigned char)s[i]) || s[i] == '.'); i++) {
        if (s[i] == '.')
            dots++;
        else
            digits++;
    }
    if (digits == 0 || dots > 1 || digits > DIGITS_MAX)
        return 0;
    memcpy(buf, s, i);
    buf[i] = '\0';
    *out = strtod(buf, NULL);
    return i;
}

/* The unit of a label amount, any case for the ASCII names. */
static int parse_unit(const char *s, enum unit *out) {
    static const struct {
        const char *name;
        enum unit unit;
    } names[] = {{"g", UNIT_G},   {"mg", UNIT_MG},     {"ug", UNIT_UG}, {"mcg", UNIT_UG},
                 {"iu", UNIT_IU}, {"kcal", UNIT_KCAL}, {"kj", UNIT_KJ}};

    for (size_t i = 0; i < COUNT(names); i++)
        if (strcasecmp(s, names[i].name) == 0) {
            *out = names[i].unit;
            return 0;
        }
    return unit_parse(s, out); /* µg, μg */
}

/* Copy the tag part (before '=') upper-cased into tag; 0 or -1. */
static int read_tag(const char *text, const char *eq, char tag[TAG_MAX + 1]) {
    size_t n = (size_t)(eq - text);

    if (n == 0 || n > TAG_MAX)
        return -1;
    for (size_t i = 0; i < n; i++)
        tag[i] = (char)util_toupper((unsigned char)text[i]);
    tag[n] = '\0';
    return 0;
}

int label_parse(const char *text, struct label_amount *out, char *err, size_t errlen) {
    char tag[TAG_MAX + 1];
    const char *eq = text ? strchr(text, '=') : NULL, *p;
    struct label_amount a;
    enum unit unit;
    size_t used;
    int id;

    if (!eq)
        return util_errf(err, errlen, "not TAG=AMOUNT (e.g. CA=200mg, VITD=400IU)"), LABEL_EINPUT;
    if (read_tag(text, eq, tag) != 0)
        return util_errf(err, errlen, "no nutrient tag before '=' (e.g. CA=200mg)"), LABEL_EINPUT;
    if ((id = nutrients_lookup(tag, NULL)) < 0)
        return util_errf(
                   err, errlen,
                   "unknown nutrient tag '%s' (INFOODS tags such as CA calcium, MG magnesium, "
                   "VITD vitamin D, FOL folate, FE iron, ZN zinc, P phosphorus)",
                   tag),
               LABEL_EINPUT;
    p = eq + 1;
    if (strchr(p, ','))
        return util_errf(err, errlen, "%s: write the amount without a comma (1000, 0.4)", tag),
               LABEL_EINPUT;
    if (*p == '-' || *p == '+')
        return util_errf(err, errlen, "%s: an amount has no sign", tag), LABEL_EINPUT;
    if (!(used = parse_number(p, &a.given)))
        return util_errf(err, errlen, "%s: '%s' is not an amount (a number and a unit: 200mg)", tag,
                         p),
               LABEL_EINPUT;
    p += used;
    while (*p == ' ')
        p++;
    if (!*p)
        return util_errf(err, errlen, "%s=%.*s: give the unit from the label (g, mg, ug or IU)",
                         tag, (int)used, eq + 1),
               LABEL_EINPUT;
    if (parse_unit(p, &unit) != 0)
        return util_errf(err, errlen, "%s: unknown unit '%s' (g, mg, ug, mcg or IU)", tag, p),
               LABEL_EINPUT;
    if (nutrients_convert(id, a.given, unit, &a.value) != 0) {
        const struct nutrient_def *d = nutrients_get(id);
        if (unit == UNIT_IU)
            return util_errf(err, errlen, "%s: IU is converted for vitamin D only; give %s in %s",
                             tag, d->name, unit_name(d->unit)),
                   LABEL_EINPUT;
        return util_errf(err, errlen, "%s: %s is not a unit of %s (%s)", tag, unit_name(unit),
                         d->name, unit_name(d->unit)),
               LABEL_EINPUT;
    }
    if (label_check(id, a.value, err, errlen) != LABEL_OK)
        return LABEL_EINPUT;
    a.nutrient = id;
    a.unit = unit;
    *out = a;
    return LABEL_OK;
}
