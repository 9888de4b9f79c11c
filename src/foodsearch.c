/*
 * foodsearch.c - ranking of food-name matches for everyday words.
 *
 * USDA names run from general to particular ("Milk, whole, 3.25% milkfat"),
 * so a query word that is the name's first segment is the strongest sign of
 * the food meant; bm25 and shorter names break ties.  A small table of
 * everyday names pins the usual choice where ranking alone cannot know it
 * (plain "bread" is a loaf, not a bread crumb).
 */
#include "dietbal/foodsearch.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Everyday names and the USDA SR24 food each one means. */
static const struct {
    const char *name;
    const char *id;
} everyday[] = {
    {"milk", "usda:01077"},           {"whole milk", "usda:01077"},
    {"skim milk", "usda:01085"},      {"low fat milk", "usda:01082"},
    {"egg", "usda:01123"},            {"boiled egg", "usda:01129"},
    {"hard boiled egg", "usda:01129"}, {"fried egg", "usda:01128"},
    {"bread", "usda:18075"},          {"whole wheat bread", "usda:18075"},
    {"white bread", "usda:18069"},    {"rye bread", "usda:18060"},
    {"oatmeal", "usda:08121"},        {"porridge", "usda:08121"},
    {"oats", "usda:08120"},           {"salmon", "usda:15237"},
    {"yogurt", "usda:01116"},         {"yoghurt", "usda:01116"},
    {"cheese", "usda:01009"},         {"cheddar", "usda:01009"},
    {"cottage cheese", "usda:01012"}, {"mozzarella", "usda:01026"},
    {"parmesan", "usda:01032"},       {"banana", "usda:09040"},
    {"apple", "usda:09003"},          {"orange", "usda:09200"},
    {"orange juice", "usda:09206"},   {"rice", "usda:20045"},
    {"white rice", "usda:20045"},     {"brown rice", "usda:20037"},
    {"chicken", "usda:05064"},        {"chicken breast", "usda:05064"},
    {"almonds", "usda:12061"},        {"almond", "usda:12061"},
    {"walnuts", "usda:12155"},        {"spinach", "usda:11457"},
    {"broccoli", "usda:11090"},       {"kale", "usda:11233"},
    {"carrot", "usda:11124"},         {"tomato", "usda:11529"},
    {"potato", "usda:11674"},         {"butter", "usda:01001"},
    {"water", "usda:14411"},          {"coffee", "usda:14209"},
    {"tea", "usda:14355"},            {"tofu", "usda:16126"},
    {"lentils", "usda:16070"},        {"chickpeas", "usda:16057"},
    {"black beans", "usda:16015"},    {"pasta", "usda:20121"},
    {"spaghetti", "usda:20121"},      {"peanut butter", "usda:16098"},
    {"ground beef", "usda:23567"},    {"beef", "usda:23567"},
    {"tuna", "usda:15121"},           {"avocado", "usda:09037"},
    {"strawberries", "usda:09316"},   {"grapes", "usda:09132"},
    {"dark chocolate", "usda:19904"}, {"olive oil", "usda:04053"},
    {"pumpkin seeds", "usda:12016"},  {"onion", "usda:11282"},
    {"cucumber", "usda:11205"},       {"lettuce", "usda:11252"},
    {"bagel", "usda:18001"},          {"cheerios", "usda:08013"},
    {"flour", "usda:20081"},
};

/* Lower-case words of s, joined by single spaces, punctuation dropped,
 * a trailing English plural removed from each word. */
static void normalise(const char *s, char *out, size_t len)
{
    size_t o = 0;
    while (*s && o + 1 < len) {
        while (*s && !isalnum((unsigned char)*s))
            s++;
        if (!*s)
            break;
        if (o)
            out[o++] = ' ';
        size_t start = o;
        while (*s && isalnum((unsigned char)*s) && o + 1 < len)
            out[o++] = (char)tolower((unsigned char)*s++);
        while (*s && isalnum((unsigned char)*s))
            s++; /* truncated word */
        size_t n = o - start;
        if (n > 4 && strncmp(out + o - 3, "ies", 3) == 0) {
            o -= 3;
            out[o++] = 'y';
        } else if (n > 4 && strncmp(out + o - 3, "oes", 3) == 0) {
            o -= 2;
        } else if (n > 3 && out[o - 1] == 's' && out[o - 2] != 's') {
            o -= 1;
        }
    }
    out[o] = '\0';
}

const char *foodsearch_everyday(const char *text)
{
    char q[256], name[256];
    normalise(text, q, sizeof(q));
    for (size_t i = 0; i < sizeof(everyday) / sizeof(everyday[0]); i++) {
        normalise(everyday[i].name, name, sizeof(name));
        if (strcmp(q, name) == 0)
            return everyday[i].id;
    }
    return NULL;
}

/* Is word w (normalised) one of the space-separated words of s? */
static int has_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = s; (p = strstr(p, w)); p++) {
        if ((p == s || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return 1;
    }
    return 0;
}

/* Groups that everyday words should not land in first. */
static int niche_group(const char *g)
{
    static const char *const niche[] = {"Baby Foods", "Fast Foods", "Restaurant Foods",
                                        "American Indian/Alaska Native Foods"};
    if (!g)
        return 0;
    for (size_t i = 0; i < sizeof(niche) / sizeof(niche[0]); i++)
        if (strcmp(g, niche[i]) == 0)
            return 1;
    return 0;
}

static double score(const char *q, const struct food_hit *h)
{
    char first[256], lead[512], word[64];
    const char *comma = strchr(h->name, ',');
    size_t flen = comma ? (size_t)(comma - h->name) : strlen(h->name);
    double sc = h->score; /* bm25, higher better */

    /* the first segment, and the first two segments together */
    char seg[256];
    snprintf(seg, sizeof(seg), "%.*s", (int)(flen < 255 ? flen : 255), h->name);
    normalise(seg, first, sizeof(first));
    const char *second_end = comma ? strchr(comma + 1, ',') : NULL;
    size_t llen = second_end ? (size_t)(second_end - h->name) : strlen(h->name);
    snprintf(seg, sizeof(seg), "%.*s", (int)(llen < 255 ? llen : 255), h->name);
    normalise(seg, lead, sizeof(lead));

    int words = 0, in_first = 0, in_lead = 0;
    for (const char *p = q; *p;) {
        size_t n = strcspn(p, " ");
        snprintf(word, sizeof(word), "%.*s", (int)(n < 63 ? n : 63), p);
        words++;
        in_first += has_word(first, word);
        in_lead += has_word(lead, word);
        p += n;
        while (*p == ' ')
            p++;
    }
    if (words && strcmp(first, q) == 0)
        sc += 12; /* "Milk, ..." for "milk" */
    /* the words as a phrase within one segment: "milk chocolate" in
     * "Candies, milk chocolate" but not in "Milk, chocolate beverage" */
    for (const char *p = h->name; words > 1 && *p;) {
        size_t n = strcspn(p, ",");
        char part[256], norm[256];
        snprintf(part, sizeof(part), "%.*s", (int)(n < 255 ? n : 255), p);
        normalise(part, norm, sizeof(norm));
        if (has_word(norm, q)) {
            sc += 8; /* as strong as a first-segment match */
            break;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    /* the query covering the first segment counts, not a word lost in a
     * long one ("Chocolate-flavor beverage mix for milk") */
    int first_words = 1;
    for (const char *p = first; *p; p++)
        first_words += *p == ' ';
    sc += 8.0 * in_first / first_words + 3.0 * in_lead;
    if (words && in_lead == words)
        sc += 4;
    if (niche_group(h->group))
        sc -= 6;
    sc -= 0.04 * (double)strlen(h->name);
    return sc;
}

struct scored {
    double score;
    size_t index;
};

static int by_score(const void *a, const void *b)
{
    const struct scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

void foodsearch_rank(const char *text, struct food_hit *hits, size_t n)
{
    char q[256];
    const char *pin = foodsearch_everyday(text);
    struct scored *sc;
    struct food_hit *copy;

    if (n < 2 && !pin)
        return;
    sc = malloc(n * sizeof(*sc));
    copy = malloc(n * sizeof(*copy));
    if (!sc || !copy) {
        free(sc);
        free(copy);
        return; /* keep bm25 order */
    }
    normalise(text, q, sizeof(q));
    for (size_t i = 0; i < n; i++) {
        sc[i].score = score(q, &hits[i]);
        if (pin && strcmp(hits[i].id, pin) == 0)
            sc[i].score += 1000;
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

int foodsearch_clear_winner(const char *text, const struct food_hit *hits, size_t n)
{
    const char *pin = foodsearch_everyday(text);
    if (n == 0)
        return 0;
    if (n == 1 || (pin && strcmp(hits[0].id, pin) == 0))
        return 1;
    /* a margin of a whole first-segment word match or more */
    return hits[0].score - hits[1].score >= 4.0;
}
