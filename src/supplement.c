/*
 * supplement.c - supplements: ids in the supp: namespace, a supplement
 * made from its label on the command line, and the supplement side of
 * `dietbal add` (which supplement an entry names, how many units).
 *
 * A supplement is counted in units and its undeclared amounts are zeros;
 * the food side (grams, portions, unknown values) never applies.  This
 * module reads the store but runs no SQL of its own, prints nothing and
 * never exits.
 */
#include "dietbal/supplement.h"

#include "dietbal/label.h"
#include "dietbal/nutrients.h"
#include "dietbal/store.h"
#include "dietbal/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* How many candidates an ambiguous name lists. */
#define CANDIDATES_SHOWN 6

struct supplement *supplement_new(void) {
    struct supplement *p = calloc(1, sizeof(*p));
    size_t n = nutrients_count();

    if (!p || !(p->values = malloc(n * sizeof(double)))) {
        free(p);
        return NULL;
    }
    for (size_t k = 0; k < n; k++)
        p->values[k] = NAN;
    return p;
}

void supplement_free(struct supplement *p) {
    if (!p)
        return;
    free(p->id);
    free(p->name);
    free(p->values);
    free(p);
}

double supplement_amount(const struct supplement *p, int nutrient) {
    if (!p || nutrient < 0 || (size_t)nutrient >= nutrients_count() || isnan(p->values[nutrient]))
        return 0.0;
    return p->values[nutrient];
}

int supplement_is_id(const char *id) {
    return id && strncmp(id, SUPPLEMENT_ID_PREFIX, strlen(SUPPLEMENT_ID_PREFIX)) == 0;
}

static int id_char(unsigned char c) { return util_isalnum(c) || c == '.' || c == '_' || c == '-'; }

int supplement_make_id(const char *given, char out[SUPPLEMENT_ID_MAX + 1], char *err,
                       size_t errlen) {
    const char *rest = supplement_is_id(given) ? given + strlen(SUPPLEMENT_ID_PREFIX) : given;
    size_t n = rest ? strlen(rest) : 0;

    if (n == 0)
        return util_errf(err, errlen, "a supplement id is needed (e.g. prenatal)"), -1;
    if (n + strlen(SUPPLEMENT_ID_PREFIX) > SUPPLEMENT_ID_MAX)
        return util_errf(err, errlen, "a supplement id has at most %d characters",
                         SUPPLEMENT_ID_MAX - (int)strlen(SUPPLEMENT_ID_PREFIX)),
               -1;
    for (size_t i = 0; i < n; i++)
        if (!id_char((unsigned char)rest[i]) || (unsigned char)rest[i] >= 0x80)
            return util_errf(err, errlen,
                             "'%s' is not a supplement id (letters, digits, '.', '_' and '-' only)",
                             given),
                   -1;
    snprintf(out, SUPPLEMENT_ID_MAX + 1, "%s%s", SUPPLEMENT_ID_PREFIX, rest);
    return 0;
}

/* Set id, name and unit of p; 0 or -1 with err. */
static int identity(struct supplement *p, const char *id, const char *name, const char *unit,
                    char *err, size_t errlen) {
    char full[SUPPLEMENT_ID_MAX + 1];
    const char *form = label_dose_form(unit, NULL);

    if (supplement_make_id(id, full, err, errlen) != 0)
        return -1;
    if (!name || !*name)
        return util_errf(err, errlen, "--name is needed (the product's name on its label)"), -1;
    if (strlen(name) > 1024)
        return util_errf(err, errlen, "the name is longer than 1024 bytes"), -1;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++)
        if (*c < 0x20 || *c == 0x7f)
            return util_errf(err, errlen, "the name contains a control character"), -1;
    if (!form)
        return util_errf(
                   err, errlen,
                   "'%s' is not a dose form (tablet, capsule, softgel, sachet, scoop, ml, drop)",
                   unit ? unit : ""),
               -1;
    snprintf(p->unit, sizeof(p->unit), "%s", form);
    if (!(p->id = strdup(full)) || !(p->name = strdup(name)))
        return util_errf(err, errlen, "out of memory"), -1;
    return 0;
}

int supplement_from_label(const char *id, const char *name, const char *unit, char *const *amounts,
                          size_t n, struct supplement **out, char *err, size_t errlen) {
    struct supplement *p = supplement_new();
    char why[256];

    if (!p)
        return util_errf(err, errlen, "out of memory"), -1;
    if (identity(p, id, name, unit, err, errlen) != 0)
        goto fail;
    if (n == 0) {
        util_errf(err, errlen, "no amount given: TAG=AMOUNT from the label (e.g. CA=200mg)");
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        struct label_amount a;
        if (label_parse(amounts[i], &a, why, sizeof(why)) != LABEL_OK) {
            util_errf(err, errlen, "%s: %s", amounts[i], why);
            goto fail;
        }
        if (!isnan(p->values[a.nutrient])) {
            util_errf(err, errlen, "%s: %s is given twice", amounts[i],
                      nutrients_get(a.nutrient)->tag);
            goto fail;
        }
        p->values[a.nutrient] = a.value;
    }
    *out = p;
    return 0;
fail:
    supplement_free(p);
    return -1;
}

/* --- resolving an entry ------------------------------------------------------ */

/* Does every word of text start a word of hay (letters and digits, any
 * ASCII case)? */
static int words_match(const char *text, const char *hay) {
    const char *t = text;
    int any = 0;

    while (*t) {
        while (*t && !util_isalnum((unsigned char)*t))
            t++;
        size_t n = 0;
        while (util_isalnum((unsigned char)t[n]))
            n++;
        if (!n)
            break;
        int found = 0;
        for (const char *h = hay; *h && !found; h++) {
            if (h != hay && util_isalnum((unsigned char)h[-1]))
                continue;
            found = strncasecmp(h, t, n) == 0;
        }
        if (!found)
            return 0;
        any = 1;
        t += n;
    }
    return any;
}

/* Does text name p: its id (with or without "supp:"), or every word of
 * text starts a word of its name or id? */
static int names(const struct supplement *p, const char *text) {
    const char *short_id = p->id + strlen(SUPPLEMENT_ID_PREFIX);
    return strcasecmp(text, p->id) == 0 || strcasecmp(text, short_id) == 0 ||
           words_match(text, p->name) || words_match(text, short_id);
}

/* The one supplement text names; SUPPLEMENT_* and *out. */
static int find_by_name(store *s, const char *text, const char *word, struct supplement **out,
                        char *err, size_t errlen) {
    struct supplement **list = NULL;
    size_t n = 0, hits = 0, pick = 0;
    int rc = SUPPLEMENT_NOT_ONE;

    if (store_supplements_list(s, &list, &n) != STORE_OK) {
        util_errf(err, errlen, "%s", store_errmsg(s));
        return SUPPLEMENT_ERUNTIME;
    }
    /* an exact id wins over names: the user's own supp:prenatal over
     * supp:example-prenatal for "prenatal" */
    for (size_t i = 0; i < n && !hits; i++)
        if (strcasecmp(text, list[i]->id + strlen(SUPPLEMENT_ID_PREFIX)) == 0) {
            pick = i;
            hits = 1;
        }
    for (size_t i = 0, exact = hits; i < n && !exact; i++)
        if (names(list[i], text) && hits++ == 0)
            pick = i;
    if (hits == 1) {
        *out = list[pick];
        list[pick] = NULL;
        rc = SUPPLEMENT_FOUND;
    } else if (hits > 1) {
        size_t used = (size_t)snprintf(
            err, errlen, "'%s' matches several supplements; say which with @ID:", text);
        for (size_t i = 0, shown = 0; i < n && shown < CANDIDATES_SHOWN && used < errlen; i++)
            if (names(list[i], text)) {
                used += (size_t)snprintf(err + used, errlen - used, "\n    @%-24s %.60s",
                                         list[i]->id, list[i]->name);
                shown++;
            }
        rc = SUPPLEMENT_EINPUT;
    } else {
        util_errf(err, errlen,
                  "no supplement matches '%s' either ('dietbal supplement list'; "
                  "'%s' counts supplements)",
                  text, word);
    }
    store_supplements_free(list, n);
    return rc;
}

/* The units of a dose and its text ("2 capsules"); -1 with err. */
static int dose_units(struct supplement_dose *d, double quantity, int force, char *err,
                      size_t errlen) {
    if (!(quantity > 0) || !isfinite(quantity))
        return util_errf(err, errlen, "a supplement is counted in whole or part units (1, 2, 1/2)"),
               -1;
    if (quantity > SUPPLEMENT_UNITS_MAX && !force)
        return util_errf(err, errlen,
                         "%g %ss of %s in one entry is more than %.0f; check the number "
                         "(--force logs it)",
                         quantity, d->supp->unit, d->supp->name, SUPPLEMENT_UNITS_MAX),
               -1;
    d->units = quantity;
    snprintf(d->text, sizeof(d->text), "%g %s%s", quantity, d->supp->unit,
             quantity == 1 || strcmp(d->supp->unit, "ml") == 0 ? "" : "s");
    return 0;
}

int supplement_resolve(store *s, double quantity, const char *unit_word, const char *text,
                       int force, struct supplement_dose *out, char *err, size_t errlen) {
    struct supplement_dose d = {NULL, 0, ""};
    int by_id = text && text[0] == '@' && supplement_is_id(text + 1);
    int rc;

    if (err && errlen)
        err[0] = '\0';
    if (!text || (!by_id && !label_dose_form(unit_word, NULL)))
        return SUPPLEMENT_NOT_ONE;
    if (by_id) {
        rc = store_supplement_get(s, text + 1, &d.supp);
        if (rc != STORE_OK) {
            util_errf(err, errlen, "%s%s", store_errmsg(s),
                      rc == STORE_NOTFOUND ? " ('dietbal supplement list' shows them)" : "");
            return rc == STORE_NOTFOUND ? SUPPLEMENT_EINPUT : SUPPLEMENT_ERUNTIME;
        }
    } else if ((rc = find_by_name(s, text, unit_word, &d.supp, err, errlen)) != SUPPLEMENT_FOUND) {
        return rc;
    }
    if (unit_word && *unit_word && !label_form_matches(unit_word, d.supp->unit)) {
        util_errf(err, errlen, "%s (%s) is counted in %ss, not '%s'", d.supp->name, d.supp->id,
                  d.supp->unit, unit_word);
        supplement_free(d.supp);
        return SUPPLEMENT_EINPUT;
    }
    if (dose_units(&d, quantity, force, err, errlen) != 0) {
        supplement_free(d.supp);
        return SUPPLEMENT_EINPUT;
    }
    *out = d;
    return SUPPLEMENT_FOUND;
}
