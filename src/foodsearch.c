/*
 * foodsearch.c - the food a person meant (foodsearch.h).
 *
 * USDA names run from general to particular ("Milk, whole, 3.25%
 * milkfat"), so a query word that is the name's first segment is the
 * strongest sign of the food meant; bm25 and shorter names break ties.  A
 * prior then puts the plain food people eat (raw fruit, cooked meat, the
 * everyday list) before branded, restaurant, baby, dried and "liquid from"
 * items.  No SQL and no printing here.
 */
#include "dietbal/foodsearch.h"

#include "dietbal/recipe.h"
#include "dietbal/store.h"

#include "dietbal/dri.h"
#include "dietbal/tables.h"
#include "dietbal/units.h"
#include "dietbal/words.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many of the best candidates are weighed by their portions. */
#define PORTION_WINDOW 12
/* ... and what a fitting portion is worth: the unit named, or something
 * to count for a bare number */
#define BONUS_NAMED_PORTION 5.0
#define BONUS_COUNTABLE 3.0
/* ... and what a food that cannot take the entry's unit loses: more than
 * any lead short of a pinned phrase */
#define PENALTY_NO_UNIT 20.0

/* Lookups remembered for one entry's notes and candidates. */
#define RECORDS 8
/* Most content words the relaxed search considers. */
#define RELAX_MAX_WORDS 8

struct record {
    char text[WORDS_MAX];
    char note[512];
    struct food_hit *cands;
    size_t n_cands;
};

struct choice {
    char key[WORDS_MAX];
    char *id;
};

struct foodsearch {
    store *s;
    const struct vocab *v;
    enum vocab_dialect d;
    struct record rec[RECORDS];
    size_t next_rec;
    struct choice *choices;
    size_t n_choices;
    char hint_unit[64];
    int hint_bare;
    int hint_sure; /* the unit is surely one: generic, or "UNIT of FOOD" */
    int (*takes)(void *ctx, const struct food *f, const char *unit);
    void *takes_ctx;
    char order[TABLES_ORDER_LEN]; /* her tables, preferred first; "" built-in */
};

static void bufprintf(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void bufprintf(char *buf, size_t len, const char *fmt, ...) {
    va_list ap;
    if (!buf || len == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, len, fmt, ap);
    va_end(ap);
}

struct foodsearch *foodsearch_new(store *s, const struct vocab *v, enum vocab_dialect d) {
    struct foodsearch *fs = calloc(1, sizeof(*fs));
    if (fs) {
        fs->s = s;
        fs->v = v;
        fs->d = d;
    }
    return fs;
}

static void record_clear(struct record *r) {
    store_food_hits_free(r->cands, r->n_cands);
    memset(r, 0, sizeof(*r));
}

void foodsearch_free(struct foodsearch *fs) {
    if (!fs)
        return;
    for (size_t i = 0; i < RECORDS; i++)
        record_clear(&fs->rec[i]);
    for (size_t i = 0; i < fs->n_choices; i++)
        free(fs->choices[i].id);
    free(fs->choices);
    free(fs);
}

void foodsearch_key(const char *text, char *out, size_t len) { words_normalise(text, out, len); }

void foodsearch_prefer(struct foodsearch *fs, const char *order) {
    snprintf(fs->order, sizeof(fs->order), "%s", order ? order : "");
}

/* The everyday foods a phrase stands for, her first table's first. */
static size_t pins_in_order(const struct vocab *v, enum vocab_dialect d, const char *order,
                            const char *norm, const char **ids, size_t max) {
    size_t n = vocab_pins(v, d, norm, ids, max);
    for (size_t i = 1; i < n; i++) /* a handful: insertion sort */
        for (size_t j = i; j > 0 && tables_rank(order, ids[j]) < tables_rank(order, ids[j - 1]);
             j--) {
            const char *t = ids[j];
            ids[j] = ids[j - 1];
            ids[j - 1] = t;
        }
    return n;
}

void foodsearch_units(struct foodsearch *fs,
                      int (*takes)(void *ctx, const struct food *f, const char *unit), void *ctx) {
    fs->takes = takes;
    fs->takes_ctx = ctx;
}

/* Can f be logged in the entry's unit?  Yes when nothing says otherwise. */
static int fits_unit(const struct foodsearch *fs, const struct food *f) {
    return !fs->hint_sure || !fs->hint_unit[0] || !fs->takes ||
           fs->takes(fs->takes_ctx, f, fs->hint_unit);
}

void foodsearch_hint(struct foodsearch *fs, const char *unit, int sure, int bare_count) {
    snprintf(fs->hint_unit, sizeof(fs->hint_unit), "%s", unit ? unit : "");
    fs->hint_sure = sure;
    fs->hint_bare = bare_count;
}

/* The record for text: its own if one exists, else the oldest, cleared. */
static struct record *record_for(struct foodsearch *fs, const char *text) {
    for (size_t i = 0; i < RECORDS; i++)
        if (strcmp(fs->rec[i].text, text) == 0) {
            record_clear(&fs->rec[i]);
            snprintf(fs->rec[i].text, sizeof(fs->rec[i].text), "%s", text);
            return &fs->rec[i];
        }
    struct record *r = &fs->rec[fs->next_rec];
    fs->next_rec = (fs->next_rec + 1) % RECORDS;
    record_clear(r);
    snprintf(r->text, sizeof(r->text), "%s", text);
    return r;
}

static const struct record *record_find(const struct foodsearch *fs, const char *text) {
    for (size_t i = 0; fs && text && i < RECORDS; i++)
        if (fs->rec[i].text[0] && strcmp(fs->rec[i].text, text) == 0)
            return &fs->rec[i];
    return NULL;
}

int foodsearch_name_word(void *ctx, const char *word) {
    struct foodsearch *fs = ctx;
    long n = 0;
    return store_food_match_count(fs->s, word, &n) == STORE_OK && n > 0;
}

const char *foodsearch_note(const struct foodsearch *fs, const char *text) {
    const struct record *r = record_find(fs, text);
    return r ? r->note : "";
}

const struct food_hit *foodsearch_candidates(const struct foodsearch *fs, const char *text,
                                             size_t *n) {
    const struct record *r = record_find(fs, text);
    *n = r ? r->n_cands : 0;
    return r && r->n_cands ? r->cands : NULL;
}

int foodsearch_choose(struct foodsearch *fs, const char *text, const char *food_id) {
    struct choice *c = realloc(fs->choices, (fs->n_choices + 1) * sizeof(*c));
    if (!c)
        return -1;
    fs->choices = c;
    c = &fs->choices[fs->n_choices];
    foodsearch_key(text, c->key, sizeof(c->key));
    if (!(c->id = strdup(food_id)))
        return -1;
    fs->n_choices++;
    return 0;
}

int foodsearch_save(struct foodsearch *fs) {
    for (size_t i = 0; i < fs->n_choices; i++) {
        int rc = store_choice_put(fs->s, fs->choices[i].key, fs->choices[i].id);
        if (rc != STORE_OK)
            return rc;
    }
    return STORE_OK;
}

/* ------------------------------------------------------------------------- */
/* ranking */

/* Groups that everyday words should not land in first. */
static int niche_group(const char *g) {
    static const char *const niche[] = {"Fast Foods", "Restaurant Foods",
                                        "American Indian/Alaska Native Foods"};
    for (size_t i = 0; g && i < sizeof(niche) / sizeof(niche[0]); i++)
        if (strcmp(g, niche[i]) == 0)
            return 1;
    return 0;
}

/* Groups of foods eaten cooked (a "raw" one is what the cook buys). */
static int cooked_group(const char *g) {
    static const char *const cooked[] = {"Beef Products",
                                         "Pork Products",
                                         "Poultry Products",
                                         "Lamb, Veal, and Game Products",
                                         "Finfish and Shellfish Products",
                                         "Legumes and Legume Products",
                                         "Cereal Grains and Pasta",
                                         "Sausages and Luncheon Meats"};
    for (size_t i = 0; g && i < sizeof(cooked) / sizeof(cooked[0]); i++)
        if (strcmp(g, cooked[i]) == 0)
            return 1;
    return 0;
}

static int produce_group(const char *g) {
    return g && (strcmp(g, "Fruits and Fruit Juices") == 0 ||
                 strcmp(g, "Vegetables and Vegetable Products") == 0);
}

/* Does the query ask for baby food? */
static int wants_baby_food(const char *q) {
    return words_has(q, "babyfood") || words_has_phrase(q, "baby food") || words_has(q, "infant") ||
           words_has(q, "toddler") || words_has(q, "formula");
}

/* A branded food: words in capitals ("KRAFT", "GENERAL MILLS, CHEERIOS"),
 * none of which the query named. */
static int branded(const char *name, const char *q) {
    int caps = 0;
    for (const char *p = name; *p;) {
        size_t n = 0;
        while (p[n] >= 'A' && p[n] <= 'Z')
            n++;
        if (n >= 3) {
            char w[64], norm[64];
            snprintf(w, sizeof(w), "%.*s", (int)(n < 63 ? n : 63), p);
            words_normalise(w, norm, sizeof(norm));
            if (words_has(q, norm))
                return 0;
            caps = 1;
        }
        p += n ? n : 1;
    }
    return caps;
}

/* First segments that only name a category, the food itself coming next:
 * "Fish, salmon, ...", "Beef, top sirloin, ...", "Snacks, rice cakes". */
static int category_segment(const char *seg_norm) {
    static const char *const cat[] = {"fish",
                                      "crustacean",
                                      "mollusk",
                                      "beef",
                                      "pork",
                                      "lamb",
                                      "veal",
                                      "game meat",
                                      "beverage",
                                      "snack",
                                      "spice",
                                      "candy",
                                      "cereal ready to eat",
                                      "alcoholic beverage",
                                      "squash"};
    for (size_t i = 0; i < sizeof(cat) / sizeof(cat[0]); i++)
        if (strcmp(seg_norm, cat[i]) == 0)
            return 1;
    return 0;
}

/* Words of a name that say it is not the food as usually eaten, and what
 * each costs when the query does not ask for it. */
static const struct {
    const char *phrase; /* normalised */
    double cost;
} off_words[] = {
    {"liquid from", 10},    {"dry mix", 5},      {"mix", 2},
    {"powder", 4},          {"concentrate", 4},  {"dehydrated", 4},
    {"imitation", 5},       {"meatless", 6},     {"substitute", 4},
    {"unprepared", 3},      {"dry form", 3},     {"frozen", 1},
    {"canned", 1},          {"low sodium", 1},   {"without salt", 0.5},
    {"babyfood", 10},       {"school lunch", 4}, {"reduced sodium", 1},
    {"infant formula", 10}, {"dried", 4},        {"baby", 3},
    {"fish oil", 8},        {"oil", 1},          {"sulfured", 1},
    {"candied", 3},         {"stewed", 1},       {"heavy syrup", 1},
    {"juice pack", 1},      {"flour", 3},        {"dry", 2},
    {"uncooked", 2},        {"sprouted", 6},     {"fried", 1},
    {"batter", 1},          {"breaded", 1},      {"commodity", 2},
    {"rendered", 8},
};

/* Words of USDA names that only say how the everyday food is prepared or
 * graded: a name made of these and the query's words is the plain food. */
static int plain_word(const char *w) {
    static const char *const plain[] = {
        "raw",          "cooked",   "boiled",  "drained",    "baked",      "roasted",
        "broiled",      "steamed",  "fresh",   "whole",      "plain",      "regular",
        "all",          "type",     "variety", "commercial", "average",    "year",
        "round",        "prepared", "ready",   "eat",        "serve",      "without",
        "with",         "salt",     "added",   "and",        "or",         "of",
        "in",           "the",      "meat",    "only",       "edible",     "portion",
        "commercially", "n",        "s",       "as",         "to",         "mature",
        "seed",         "kernel",   "include", "enriched",   "unenriched", "fluid",
        "solid",        "vitamin",  "a",       "d",          "fortified",  "skin",
        "flesh",        "trimmed",  "lean",    "fat",        "separable",  "choice",
        "select",       "grade",    "from",    "made",       "recipe",     "home",
        "kind",         "form",     "heated",  "unheated",   "ns",         "usda"};
    for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
        if (strcmp(w, plain[i]) == 0)
            return 1;
    return 0;
}

/* Words of the name that neither the query nor plain_word accounts for:
 * "Pears, asian, raw" has one more than "Pears, raw" for "pear". */
static int extra_words(const char *name_norm, const char *q) {
    int n = 0;
    for (const char *p = name_norm; *p;) {
        size_t k = strcspn(p, " ");
        char w[64];
        snprintf(w, sizeof(w), "%.*s", (int)(k < 63 ? k : 63), p);
        if (!words_is_digit((unsigned char)w[0]) && !plain_word(w) && !words_has(q, w))
            n++;
        p += k;
        while (*p == ' ')
            p++;
    }
    return n < 6 ? n : 6;
}

/* How the food's form fits what people eat, as a score adjustment. */
static double prior(const char *q, const char *name_norm, const struct food_hit *h,
                    const struct vocab *v) {
    double sc = -1.0 * extra_words(name_norm, q);
    if (vocab_is_everyday(v, h->id))
        sc += 6;
    if (niche_group(h->group))
        sc -= 15;
    if (branded(h->name, q))
        sc -= 6;
    for (size_t i = 0; i < sizeof(off_words) / sizeof(off_words[0]); i++)
        if (words_has_phrase(name_norm, off_words[i].phrase) &&
            !words_has_phrase(q, off_words[i].phrase))
            sc -= off_words[i].cost;
    if (!words_has(q, "raw")) {
        int raw = words_has(name_norm, "raw");
        if (cooked_group(h->group))
            sc += raw ? -4 : words_has(name_norm, "cooked") ? 1 : 0;
        else if (produce_group(h->group) && raw && !words_has(q, "cooked") &&
                 !words_has(q, "boiled"))
            sc += 2;
    }
    return sc;
}

static double score(const char *q, const struct food_hit *h, const struct vocab *v) {
    char first[WORDS_MAX], lead[WORDS_MAX], word[64], seg[256], name_norm[WORDS_MAX];
    const char *comma = strchr(h->name, ',');
    size_t flen = comma ? (size_t)(comma - h->name) : strlen(h->name);
    double sc = h->score; /* bm25, higher better */

    /* the first segment, and the first two segments together; a category
     * segment ("Fish, salmon") gives way to the one after it */
    snprintf(seg, sizeof(seg), "%.*s", (int)(flen < 255 ? flen : 255), h->name);
    words_normalise(seg, first, sizeof(first));
    const char *second_end = comma ? strchr(comma + 1, ',') : NULL;
    if (comma && category_segment(first)) {
        size_t n = second_end ? (size_t)(second_end - comma - 1) : strlen(comma + 1);
        snprintf(seg, sizeof(seg), "%.*s", (int)(n < 255 ? n : 255), comma + 1);
        words_normalise(seg, first, sizeof(first));
        if (second_end)
            second_end = strchr(second_end + 1, ',');
    }
    size_t llen = second_end ? (size_t)(second_end - h->name) : strlen(h->name);
    snprintf(seg, sizeof(seg), "%.*s", (int)(llen < 255 ? llen : 255), h->name);
    words_normalise(seg, lead, sizeof(lead));
    words_normalise(h->name, name_norm, sizeof(name_norm));

    int words = 0, in_first = 0, in_lead = 0;
    for (const char *p = q; *p;) {
        size_t n = strcspn(p, " ");
        snprintf(word, sizeof(word), "%.*s", (int)(n < 63 ? n : 63), p);
        words++;
        in_first += words_has(first, word);
        in_lead += words_has(lead, word);
        p += n;
        while (*p == ' ')
            p++;
    }
    if (words && strcmp(first, q) == 0)
        sc += 12; /* "Milk, ..." for "milk" */
    /* the words as a phrase within one segment: "milk chocolate" in
     * "Candies, milk chocolate" more than in "Milk, chocolate beverage";
     * across segments it counts for half ("Beef, top sirloin, steak") */
    if (words > 1 && words_has_phrase(name_norm, q))
        sc += 4;
    for (const char *p = h->name; words > 1 && *p;) {
        size_t n = strcspn(p, ",");
        char part[256], norm[256];
        snprintf(part, sizeof(part), "%.*s", (int)(n < 255 ? n : 255), p);
        words_normalise(part, norm, sizeof(norm));
        if (words_has_phrase(norm, q)) {
            sc += 4; /* with the 4 above, as strong as a first-segment match */
            break;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    /* the query covering the first segment counts, not a word lost in a
     * long one ("Chocolate-flavor beverage mix for milk") */
    sc += 8.0 * in_first / (double)(words_count(first) ? words_count(first) : 1) + 3.0 * in_lead;
    if (words && in_lead == words)
        sc += 4;
    sc += prior(q, name_norm, h, v);
    sc -= 0.04 * (double)strlen(h->name);
    return sc;
}

struct scored {
    double score;
    size_t index;
};

static int by_score(const void *a, const void *b) {
    const struct scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

void foodsearch_rank(const struct vocab *v, const char *text, struct food_hit *hits, size_t n) {
    foodsearch_rank_order(v, NULL, text, hits, n);
}

void foodsearch_rank_order(const struct vocab *v, const char *order, const char *text,
                           struct food_hit *hits, size_t n) {
    char q[WORDS_MAX], rew[WORDS_MAX];
    const char *pins[8];
    size_t n_pins;
    struct scored *sc;
    struct food_hit *copy;

    if (n == 0)
        return;
    words_normalise(text, q, sizeof(q));
    vocab_rewrite(v, VOCAB_US, q, rew, sizeof(rew));
    n_pins = pins_in_order(v, VOCAB_US, order, rew, pins, sizeof(pins) / sizeof(pins[0]));
    sc = malloc(n * sizeof(*sc));
    copy = malloc(n * sizeof(*copy));
    if (!sc || !copy) {
        free(sc);
        free(copy);
        return; /* keep bm25 order */
    }
    for (size_t i = 0; i < n; i++) {
        sc[i].score = score(q, &hits[i], v);
        /* the phrase's everyday food; of several tables', hers first */
        for (size_t k = 0; k < n_pins; k++)
            if (strcmp(hits[i].id, pins[k]) == 0)
                sc[i].score += 1000 - 100.0 * (double)k;
        sc[i].index = i;
    }
    qsort(sc, n, sizeof(*sc), by_score);
    memcpy(copy, hits, n * sizeof(*copy));
    for (size_t i = 0; i < n; i++) {
        hits[i] = copy[sc[i].index];
        hits[i].score = sc[i].score;
    }
    free(copy);
    free(sc);
}

int foodsearch_clear_winner(const struct food_hit *hits, size_t n) {
    if (n == 0)
        return 0;
    return n == 1 || hits[0].score - hits[1].score >= FOODSEARCH_MARGIN;
}

/* A tenth of the survey day-to-day SD of intake (IOM 2000; dri_sdw): a
 * choice that moves a day's total by less cannot change a verdict, since
 * a single day already varies ten times as much.  The absolute values of
 * the 14-18 band (Ca 325, Mg 86, P 410 mg; protein 26.2 g, energy 628 kcal,
 * IOM 2000 Tables B-2 and B-5) serve for everyone: a tolerance, not a
 * statistic of this person.  Energy gets a quarter (157 kcal): dietbal
 * judges no energy intake, it only divides protein by it, and 157 kcal in
 * a 2,000 kcal day moves protein's share of energy by under a point. */
#define TOLERANCE_SDW 0.1
#define TOLERANCE_SDW_ENERGY 0.25

static double tolerance(int nutrient) {
    struct life_stage st;
    double sdw = NAN;
    int verified;
    memset(&st, 0, sizeof(st));
    st.band = DRI_BAND_14_18;
    if (dri_sdw(&st, nutrient, 0, &sdw, &verified, NULL) != 0 || !isfinite(sdw))
        return NAN;
    return (nutrient == NUT_ENERGY ? TOLERANCE_SDW_ENERGY : TOLERANCE_SDW) * sdw;
}

int foodsearch_similar(const double *a, const double *b, double serving_g) {
    static const int ks[] = {NUT_ENERGY, NUT_PROTEIN, NUT_CALCIUM, NUT_MAGNESIUM, NUT_PHOSPHORUS};
    for (size_t i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
        int k = ks[i];
        double tol = tolerance(k);
        if (isnan(a[k]) != isnan(b[k]))
            return 0; /* one is unknown: they differ in what can be said */
        if (isnan(a[k]))
            continue;
        if (!(fabs(a[k] - b[k]) * serving_g / 100.0 <= tol))
            return 0;
    }
    return 1;
}

/* ------------------------------------------------------------------------- */
/* lookups */

static enum entry_lookup load(struct foodsearch *fs, const char *id, struct food **out, char *err,
                              size_t errlen) {
    int rc = store_food_get(fs->s, id, out);
    if (rc == STORE_OK)
        return ENTRY_LOOKUP_FOUND;
    bufprintf(err, errlen, "%s", store_errmsg(fs->s));
    return rc == STORE_NOTFOUND ? ENTRY_LOOKUP_NOTFOUND : ENTRY_LOOKUP_ERROR;
}

/* Her choice for these words: made at a prompt in this run, or stored. */
static int remembered(struct foodsearch *fs, const char *key, char **id) {
    for (size_t i = fs->n_choices; i-- > 0;)
        if (strcmp(fs->choices[i].key, key) == 0)
            return (*id = strdup(fs->choices[i].id)) ? STORE_OK : STORE_ERROR;
    return store_choice_get(fs->s, key, id);
}

/* Free what one hit owns, not the array it sits in. */
static void hit_clear(struct food_hit *h) {
    free(h->id);
    free(h->name);
    free(h->group);
    h->id = h->name = h->group = NULL;
}

/* The search hits for normalised text, baby foods out unless asked for. */
static int search(struct foodsearch *fs, const char *q, struct food_hit **hits, size_t *n) {
    size_t k = 0;
    if (store_food_search(fs->s, q, FOODSEARCH_DEPTH, hits, n) != STORE_OK)
        return -1;
    if (wants_baby_food(q))
        return 0;
    for (size_t i = 0; i < *n; i++) {
        struct food_hit *h = &(*hits)[i];
        if (h->group && strcmp(h->group, "Baby Foods") == 0) {
            hit_clear(h);
            continue;
        }
        (*hits)[k++] = *h;
    }
    *n = k;
    if (k == 0) {
        free(*hits);
        *hits = NULL;
    }
    return 0;
}

static int by_hit_score(const void *a, const void *b) {
    const struct food_hit *x = a, *y = b;
    return x->score > y->score ? -1 : x->score < y->score;
}

/* The entry's unit fits some candidates better: "slices" a food with a
 * slice, a bare count a food with something to count.  Re-sorts the head
 * of the ranked list. */
static void weigh_portions(struct foodsearch *fs, struct food_hit *hits, size_t n) {
    static const int none[1] = {0};
    size_t k = PORTION_WINDOW;
    if ((!fs->hint_unit[0] && !fs->hint_bare) || n < 2)
        return;
    int unfit[PORTION_WINDOW] = {0};
    if (n < k)
        k = n;
    for (size_t i = 0; i < k; i++) {
        struct food *f = NULL;
        if (store_food_get_some(fs->s, hits[i].id, none, 0, &f) != STORE_OK)
            continue;
        if (!fits_unit(fs, f)) {
            hits[i].score -= PENALTY_NO_UNIT; /* "100 ml custard" of a food with no volume */
            unfit[i] = 1;
        } else if (fs->hint_unit[0] && !units_generic(fs->hint_unit) &&
                   units_find_portion(f, fs->hint_unit) >= 0)
            hits[i].score += BONUS_NAMED_PORTION;
        else if (fs->hint_bare)
            hits[i].score += units_has_countable(f) ? BONUS_COUNTABLE : -BONUS_COUNTABLE;
        food_free(f);
    }
    /* a food that cannot take the unit at all cannot be logged as typed:
     * when its name still leads, the best one that can takes its place
     * ("1 tbsp mustard oil": IFCT's oil has no volume, USDA's has a tbsp) */
    for (size_t i = 1; unfit[0] && i < k; i++)
        if (!unfit[i] && hits[i].score < hits[0].score) {
            hits[i].score = hits[0].score + PENALTY_NO_UNIT; /* the place it had */
            break;
        }
    qsort(hits, k, sizeof(*hits), by_hit_score);
}

/* Grams of the top food's default serving, the yardstick of "similar". */
static double serving_of(const struct food *f) {
    struct units_result r;
    if (units_convert(f, 1, NULL, NULL, &r, NULL, 0) == UNITS_OK)
        return r.grams;
    return 100.0;
}

/* Keep the candidates of an ambiguous lookup and say what they are. */
static enum entry_lookup ambiguous(struct record *r, const char *text, struct food_hit *hits,
                                   size_t n, char *err, size_t errlen) {
    size_t used, keep = FOODSEARCH_CANDIDATES;
    if (n < keep)
        keep = n;
    used = (size_t)snprintf(err, errlen, "'%s' matches several foods; say which with @ID:", text);
    for (size_t i = 0; i < keep && used < errlen; i++)
        used += (size_t)snprintf(err + used, errlen - used, "\n    @%-11s %.60s", hits[i].id,
                                 hits[i].name);
    for (size_t i = keep; i < n; i++)
        hit_clear(&hits[i]);
    r->cands = hits;
    r->n_cands = keep;
    return ENTRY_LOOKUP_AMBIGUOUS;
}

/*
 * A near tie between tables goes to the one she prefers: of the hits within
 * the margin of the best, the best of her first table takes the lead (with
 * the best score, so that the margin is still measured from the top).
 */
static void prefer_table(const char *order, struct food_hit *hits, size_t n) {
    size_t best = 0;
    int best_rank = n ? tables_rank(order, hits[0].id) : 0;

    for (size_t i = 1; i < n && hits[0].score - hits[i].score < FOODSEARCH_MARGIN; i++) {
        int r = tables_rank(order, hits[i].id);
        if (r < best_rank) {
            best = i;
            best_rank = r;
        }
    }
    if (best == 0)
        return;
    struct food_hit h = hits[best];
    h.score = hits[0].score;
    memmove(&hits[1], &hits[0], best * sizeof(*hits));
    hits[0] = h;
}

/*
 * Rank the hits and take the best when it clearly wins or its close
 * rivals would report the same figures; else the lookup is ambiguous.
 * Takes ownership of hits.
 */
static enum entry_lookup decide(struct foodsearch *fs, struct record *r, const char *text,
                                const char *q, struct food_hit *hits, size_t n, struct food **out,
                                char *err, size_t errlen) {
    enum entry_lookup res;
    struct food *top = NULL;
    size_t rivals = 0, alike = 0;

    foodsearch_rank_order(fs->v, fs->order, q, hits, n);
    weigh_portions(fs, hits, n);
    prefer_table(fs->order, hits, n);
    int top_rank = tables_rank(fs->order, hits[0].id);
    res = load(fs, hits[0].id, &top, err, errlen);
    if (res != ENTRY_LOOKUP_FOUND) {
        store_food_hits_free(hits, n);
        return res;
    }
    double serving_g = serving_of(top);
    for (size_t i = 1; i < n && hits[0].score - hits[i].score < FOODSEARCH_MARGIN; i++) {
        if (tables_rank(fs->order, hits[i].id) > top_rank)
            continue; /* a table she puts after this one's: she has chosen */
        rivals++;
        alike += foodsearch_similar(hits[0].per100, hits[i].per100, serving_g) != 0;
    }
    if (rivals > alike) {
        food_free(top);
        return ambiguous(r, text, hits, n, err, errlen);
    }
    if (rivals) {
        size_t used = strlen(r->note);
        bufprintf(r->note + used, sizeof(r->note) - used,
                  "%schosen over %zu similar food%s: their values differ by less than a tenth "
                  "of a day's usual variation",
                  used ? "; " : "", rivals, rivals == 1 ? "" : "s");
    }
    store_food_hits_free(hits, n);
    *out = top;
    return ENTRY_LOOKUP_FOUND;
}

/* The everyday food of normalised text q in her first table that has it
 * and can take the entry's measure ("a glass of milk" of a table that only
 * weighs milk, "1 banana" of one with nothing to count, go to the next
 * table's): 1 found (res set), 0 none, -1 error (err set).  typed: q is
 * the words before the synonyms, which only other tables' phrases are. */
static int try_pins(struct foodsearch *fs, const char *q, int typed, struct food **out,
                    enum entry_lookup *res, char *err, size_t errlen) {
    const char *pins[8];
    size_t n_pins = pins_in_order(fs->v, fs->d, fs->order, q, pins, sizeof(pins) / sizeof(pins[0]));

    if (typed) { /* the words as typed: only the tables the synonyms are not for */
        size_t o = 0;
        for (size_t k = 0; k < n_pins; k++) {
            const struct table_def *t = tables_of_id(pins[k]);
            if (!t || !t->synonyms)
                pins[o++] = pins[k];
        }
        n_pins = o;
    }
    for (size_t k = 0; k < n_pins; k++) {
        *res = load(fs, pins[k], out, err, errlen);
        /* the everyday food has no such measure ("custard 100 ml" of a
         * custard USDA only weighs): the next table's, or the search, may
         * find one that has; a bare count that the food cannot count
         * gives way only to another table's pin */
        if (*res == ENTRY_LOOKUP_FOUND &&
            (!fits_unit(fs, *out) ||
             (k + 1 < n_pins && fs->hint_bare && !units_has_countable(*out)))) {
            food_free(*out);
            *out = NULL;
            *res = ENTRY_LOOKUP_NOTFOUND;
        }
        if (*res != ENTRY_LOOKUP_NOTFOUND)
            return *res == ENTRY_LOOKUP_ERROR ? -1 : 1;
        /* a pin to a food the database lacks: the next, else search */
    }
    return 0;
}

/* The pin or the search for one normalised text: 1 found/ambiguous (res
 * set), 0 nothing, -1 error (err set). */
static int try_text(struct foodsearch *fs, struct record *r, const char *text, const char *q,
                    struct food **out, enum entry_lookup *res, char *err, size_t errlen) {
    struct food_hit *hits = NULL;
    size_t n = 0;
    int t = try_pins(fs, q, 0, out, res, err, errlen);

    if (t != 0)
        return t;
    if (search(fs, q, &hits, &n) != 0) {
        bufprintf(err, errlen, "%s", store_errmsg(fs->s));
        *res = ENTRY_LOOKUP_ERROR;
        return -1;
    }
    if (n == 0)
        return 0;
    *res = decide(fs, r, text, q, hits, n, out, err, errlen);
    return *res == ENTRY_LOOKUP_ERROR ? -1 : 1;
}

/* Words for the shape a food is cut or served in, not the food ("mango
 * chunks", "stuffing balls", "fish fingers"). */
static int form_word(const char *w) {
    static const char *const forms[] = {"chunk",   "piece",   "slice", "cube",   "wedge",  "ball",
                                        "finger",  "strip",   "stick", "bite",   "half",   "ring",
                                        "segment", "floret",  "spear", "square", "fillet", "nugget",
                                        "portion", "serving", "bit",   "round"};
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
        if (strcmp(w, forms[i]) == 0)
            return 1;
    return 0;
}

/* The head of a phrase: its last word before "with", "in", "on" or "and"
 * ("chicken" of "chicken in white sauce"), else its last word; a word for
 * a shape gives way to the word before it ("mango" of "mango chunks"). */
static size_t head_index(char words[][64], size_t n, const int *joiner) {
    size_t h = n - 1;
    for (size_t i = 1; i < n; i++)
        if (joiner[i]) {
            h = i - 1;
            break;
        }
    while (h > 0 && form_word(words[h]))
        h--;
    return h;
}

static int content_word(const char *w) {
    static const char *const stop[] = {"of",  "the", "a",   "an", "with", "in",  "on",
                                       "and", "or",  "for", "to", "my",   "some"};
    for (size_t i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
        if (strcmp(w, stop[i]) == 0)
            return 0;
    return 1;
}

static size_t bits(unsigned m) {
    size_t n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}

struct subset {
    unsigned mask;
    int has_head;
    double idf;
};

static int by_subset(const void *a, const void *b) {
    const struct subset *x = a, *y = b;
    if (x->has_head != y->has_head)
        return y->has_head - x->has_head;
    if (x->idf != y->idf)
        return x->idf > y->idf ? -1 : 1;
    return x->mask < y->mask ? -1 : x->mask > y->mask;
}

/* Is the food a processed form the words did not ask for (a dry mix, a
 * concentrate, baby food)?  Such an answer of the relaxed search is kept
 * only when fewer words find nothing better ("lemon drizzle cake" is not
 * "Cake, white, dry mix, special dietary (includes lemon-flavored)"). */
static int weak(const char *q, const char *name) {
    char name_norm[WORDS_MAX];
    words_normalise(name, name_norm, sizeof(name_norm));
    for (size_t i = 0; i < sizeof(off_words) / sizeof(off_words[0]); i++)
        if (off_words[i].cost >= 4 && words_has_phrase(name_norm, off_words[i].phrase) &&
            !words_has_phrase(q, off_words[i].phrase))
            return 1;
    return 0;
}

/* The content words of q with their joiners ("with", "in", "on", "and"
 * before them); the count. */
static size_t relax_words(const char *q, char words[][64], int *joiner) {
    size_t n = 0;
    int pending = 0;
    for (const char *p = q; *p && n < RELAX_MAX_WORDS;) {
        size_t k = strcspn(p, " ");
        char w[64];
        snprintf(w, sizeof(w), "%.*s", (int)(k < 63 ? k : 63), p);
        if (content_word(w)) {
            snprintf(words[n], sizeof(words[n]), "%s", w);
            joiner[n++] = pending;
            pending = 0;
        } else if (!strcmp(w, "with") || !strcmp(w, "in") || !strcmp(w, "on") ||
                   !strcmp(w, "and")) {
            pending = 1;
        }
        p += k;
        while (*p == ' ')
            p++;
    }
    return n;
}

/* The subsets of `size` of the n words worth a search (no word that no
 * food has), best first; the count. */
static size_t relax_subsets(size_t n, size_t size, size_t head, const double *idf,
                            struct subset *sets) {
    size_t ns = 0;
    for (unsigned m = 1; m < (1u << n); m++) {
        if (bits(m) != size)
            continue;
        struct subset s = {m, (m >> head) & 1, 0};
        int dead = 0;
        for (size_t i = 0; i < n; i++)
            if (m >> i & 1) {
                dead |= idf[i] < 0;
                s.idf += idf[i];
            }
        if (!dead)
            sets[ns++] = s;
    }
    qsort(sets, ns, sizeof(*sets), by_subset);
    return ns;
}

struct relaxed {
    struct food *weak; /* a weak answer kept in reserve */
    char weak_words[WORDS_MAX];
};

/* One subset tried: 1 settled (an answer or an ambiguity), 0 go on,
 * -1 error. */
static int relax_try(struct foodsearch *fs, struct record *r, const char *text, const char *sub,
                     struct relaxed *rx, struct food **out, enum entry_lookup *res, char *err,
                     size_t errlen) {
    struct food *f = NULL;
    int t = try_text(fs, r, text, sub, &f, res, err, errlen);
    if (t <= 0)
        return t;
    if (*res == ENTRY_LOOKUP_FOUND && weak(sub, f->name)) {
        if (!rx->weak) {
            rx->weak = f;
            snprintf(rx->weak_words, sizeof(rx->weak_words), "%s", sub);
        } else {
            food_free(f);
        }
        return 0;
    }
    if (*res == ENTRY_LOOKUP_FOUND)
        *out = f;
    return 1;
}

/*
 * No food has every word: try fewer, most informative first.  Larger sets
 * first; among them those that keep the phrase's head word ("jam" of
 * "strawberry jam", "tomatoes" of "cherry tomatoes"), then the rarest words
 * in the table (highest inverse document frequency).  At most half of the
 * words, and never more than two, are left out, but for the head word
 * alone of three; the head word is never left out.  A processed form the
 * words did not ask for is the answer only if nothing better turns up.
 */
static int relax(struct foodsearch *fs, struct record *r, const char *text, const char *q,
                 struct food **out, enum entry_lookup *res, char *err, size_t errlen) {
    char words[RELAX_MAX_WORDS][64];
    int joiner[RELAX_MAX_WORDS] = {0}, t = 0;
    double idf[RELAX_MAX_WORDS];
    struct relaxed rx = {NULL, ""};
    size_t n = relax_words(q, words, joiner), head;
    /* idf against the counting cap, not the table's size: subsets are
     * compared at one size, where log(size) is the same for every word */
    const long total = STORE_MATCH_COUNT_MAX;

    if (n < 2)
        return 0;
    head = head_index(words, n, joiner);
    for (size_t i = 0; i < n; i++) {
        long df = 0;
        if (store_food_match_count(fs->s, words[i], &df) != STORE_OK)
            return 0;
        idf[i] = df > 0 ? log((double)(total + 1) / (double)df) : -1;
    }
    /* the head word always stays ("mini babybels" is no mini muffin); at
     * most half the words, and at most two, may go: past that the answer
     * is a guess ("milk' DROP TABLE entry" is no gum drop); of three words
     * the head alone may stay ("cake" of "lemon drizzle cake") */
    size_t half = n - (n / 2 < 2 ? n / 2 : 2), min_size = n == 3 ? 1 : half;
    for (size_t size = n - 1; t == 0 && size >= min_size && size >= 1; size--) {
        struct subset sets[1 << RELAX_MAX_WORDS] = {{0, 0, 0}};
        size_t ns = relax_subsets(n, size, head, idf, sets);
        for (size_t j = 0; t == 0 && j < ns && sets[j].has_head; j++) {
            char sub[WORDS_MAX] = "";
            for (size_t i = 0; i < n; i++)
                if (sets[j].mask >> i & 1)
                    snprintf(sub + strlen(sub), sizeof(sub) - strlen(sub), "%s%s",
                             sub[0] ? " " : "", words[i]);
            t = relax_try(fs, r, text, sub, &rx, out, res, err, errlen);
        }
    }
    if (t < 0) {
        food_free(rx.weak);
        return -1;
    }
    if (t == 0 && rx.weak) {
        *out = rx.weak;
        *res = ENTRY_LOOKUP_FOUND;
        rx.weak = NULL;
        t = 1;
    }
    food_free(rx.weak);
    if (t > 0 && *res == ENTRY_LOOKUP_FOUND) {
        size_t used = strlen(r->note);
        bufprintf(r->note + used, sizeof(r->note) - used,
                  "%staken as \"%s\" (no \"%s\" in the table)", used ? "; " : "", (*out)->name,
                  text);
    }
    return t;
}

static enum entry_lookup not_found(struct foodsearch *fs, const char *text, char *err,
                                   size_t errlen) {
    int any = 1;
    if (store_food_any(fs->s, &any) == STORE_OK && !any)
        bufprintf(err, errlen, "no food table yet: run 'dietbal init' first");
    else
        bufprintf(err, errlen, "no food matches '%s' (try 'dietbal foods search WORD')", text);
    return ENTRY_LOOKUP_NOTFOUND;
}

/* The recipe whose name is text (its slug: "Pork rib soup" is
 * recipe:pork-rib-soup): 1 with *res set (found or an error), 0 when
 * there is no such recipe. */
static int own_recipe(struct foodsearch *fs, const char *text, struct food **out,
                      enum entry_lookup *res, char *err, size_t errlen) {
    char slug[RECIPE_SLUG_MAX + 1], id[sizeof(RECIPE_PREFIX) + RECIPE_SLUG_MAX];
    int exists = 0;

    if (recipe_slug(text, slug, sizeof(slug)) != 0)
        return 0;
    snprintf(id, sizeof(id), "%s%s", RECIPE_PREFIX, slug);
    if (store_food_exists(fs->s, id, &exists) != STORE_OK) {
        bufprintf(err, errlen, "%s", store_errmsg(fs->s));
        *res = ENTRY_LOOKUP_ERROR;
        return 1;
    }
    if (!exists)
        return 0;
    *res = load(fs, id, out, err, errlen);
    return 1;
}

enum entry_lookup foodsearch_lookup(void *ctx, const char *text, int by_id, int relaxed,
                                    struct food **out, char *err, size_t errlen) {
    struct foodsearch *fs = ctx;
    char key[WORDS_MAX], rew[WORDS_MAX], *id = NULL;
    enum entry_lookup res = ENTRY_LOOKUP_NOTFOUND;
    struct record *r;
    int rc, t;

    if (by_id)
        return load(fs, text, out, err, errlen);
    r = record_for(fs, text);
    foodsearch_key(text, key, sizeof(key));
    if ((rc = remembered(fs, key, &id)) == STORE_OK) {
        res = load(fs, id, out, err, errlen);
        if (res == ENTRY_LOOKUP_FOUND)
            bufprintf(r->note, sizeof(r->note),
                      "your choice for '%s' (to choose again: dietbal foods forget %s)", key, key);
        free(id);
        if (res != ENTRY_LOOKUP_NOTFOUND)
            return res;
    } else if (rc != STORE_NOTFOUND) {
        bufprintf(err, errlen, "%s", store_errmsg(fs->s));
        return ENTRY_LOOKUP_ERROR;
    }
    /* her own recipe called by its name ("stew" is her stew, not USDA's) */
    if (own_recipe(fs, text, out, &res, err, errlen))
        return res;
    /* her words as typed may be an everyday phrase of a table that has the
     * food under that name ("paneer" in IFCT 2017) before the synonyms turn
     * them into USDA's words for the nearest food ("queso fresco") */
    vocab_rewrite(fs->v, fs->d, key, rew, sizeof(rew));
    if (strcmp(rew, key) != 0 && (t = try_pins(fs, key, 1, out, &res, err, errlen)) != 0)
        return res;
    if (strcmp(rew, key) != 0)
        bufprintf(r->note, sizeof(r->note), "'%s' read as '%s'", key, rew);
    t = rew[0] ? try_text(fs, r, text, rew, out, &res, err, errlen) : 0;
    if (t == 0 && strcmp(rew, key) != 0) {
        r->note[0] = '\0';
        t = try_text(fs, r, text, key, out, &res, err, errlen);
    }
    if (t == 0 && relaxed)
        t = relax(fs, r, text, rew[0] ? rew : key, out, &res, err, errlen);
    if (t != 0)
        return res;
    r->note[0] = '\0';
    return not_found(fs, text, err, errlen);
}
