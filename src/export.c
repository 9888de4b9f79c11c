/*
 * export.c - the diary as CSV or JSON (export.h).  The records come from
 * store_entries_list and store_cramps_list, both in date, time, id order;
 * they are merged in that order (an entry without a time comes first in its
 * day, as in the store).  Formatting only.
 */
#include "dietbal/export.h"

#include "dietbal/jsonout.h"
#include "dietbal/textesc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The nutrient columns: the report's keys with their units. */
static const char *const NUTRIENT_COLUMNS[NUT_CORE_COUNT] = {
    "energy_kcal",   "protein_g",    "calcium_mg", "magnesium_mg",
    "phosphorus_mg", "potassium_mg", "sodium_mg",  "water_g",
};

/* Protein to 2 decimals as in the report's CSV, the others to 1. */
static int decimals(int k) { return k == NUT_PROTEIN ? 2 : 1; }

int export_csv_cell(FILE *out, const char *s) {
    if (!s || !*s)
        return 0;
    /* a formula prefix: = + - @, and tab and CR, which some spreadsheets
     * strip before looking for one */
    int formula = strchr("=+-@\t\r", s[0]) != NULL;
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote && fputc('"', out) == EOF)
        return -1;
    if (formula && fputc('\'', out) == EOF)
        return -1;
    for (; *s; s++) {
        if (*s == '"' && quote && fputc('"', out) == EOF)
            return -1;
        if (fputc(*s, out) == EOF)
            return -1;
    }
    return quote && fputc('"', out) == EOF ? -1 : 0;
}

static void number(FILE *out, double v, int dec) {
    fputc(',', out);
    if (isfinite(v))
        fprintf(out, "%.*f", dec, v);
}

/* A cell from the database: no control or format character reaches a
 * terminal or a spreadsheet raw (textesc_term). */
static void text(FILE *out, const char *s) {
    char *safe = s ? textesc_term(s) : NULL;
    fputc(',', out);
    export_csv_cell(out, safe ? safe : "");
    free(safe);
}

static void flag(FILE *out, int v) { fprintf(out, ",%d", v ? 1 : 0); }

static const char *const CRAMP_COLUMNS =
    "severity,duration_min,site,side,night,swelling,redness,warmth,hard_to_walk,pain_persists,"
    "sudden_swelling,headache,vision_problems,pain_below_ribs";

/* A food entry, or a supplement entry (no grams; its units and dose form
 * in the last two columns). */
static void entry_row(FILE *out, const struct entry *e) {
    char id[24];
    snprintf(id, sizeof(id), "%lld", (long long)e->id);
    fputs(e->supplement ? "supplement" : "food", out);
    text(out, id);
    text(out, e->date);
    text(out, e->time);
    text(out, e->meal);
    text(out, e->food_id);
    text(out, e->food_name);
    number(out, e->grams, 1);
    for (int k = 0; k < NUT_CORE_COUNT; k++)
        number(out, e->values[k], decimals(k));
    /* the cramp columns, empty */
    for (const char *c = CRAMP_COLUMNS; *c; c++)
        if (*c == ',')
            fputc(',', out);
    fputc(',', out);
    if (e->supplement) {
        number(out, e->units, 2);
        text(out, e->unit);
    } else {
        fputs(",,", out);
    }
    fputs("\r\n", out);
}

static void cramp_row(FILE *out, const struct cramp *c) {
    char id[24];
    snprintf(id, sizeof(id), "%lld", (long long)c->id);
    fputs("cramp", out);
    text(out, id);
    text(out, c->date);
    text(out, c->time);
    fputs(",,,,", out); /* meal, food_id, food, grams */
    for (int k = 0; k < NUT_CORE_COUNT; k++)
        fputc(',', out);
    fputc(',', out);
    if (c->severity > 0)
        fprintf(out, "%d", c->severity);
    number(out, c->duration_min, 1);
    text(out, c->site);
    text(out, c->side);
    flag(out, c->night);
    flag(out, c->swelling);
    flag(out, c->redness);
    flag(out, c->warmth);
    flag(out, c->hard_to_walk);
    flag(out, c->pain_persists);
    flag(out, c->sudden_swelling);
    flag(out, c->headache);
    flag(out, c->vision_problems);
    flag(out, c->pain_below_ribs);
    fputs(",,\r\n", out); /* units, unit */
}

/* Whether entry e comes before cramp c: by date, then time (none
 * first), entries before cramps at the same time. */
static int entry_first(const struct entry *e, const struct cramp *c) {
    int d = strcmp(e->date, c->date);
    if (d != 0)
        return d < 0;
    if (!e->time[0] || !c->time[0])
        return !e->time[0];
    return strcmp(e->time, c->time) <= 0;
}

int export_csv(FILE *out, const struct entry *e, size_t n, const struct cramp *c, size_t nc) {
    size_t i = 0, j = 0;

    fputs("record,id,date,time,meal,food_id,food,grams", out);
    for (int k = 0; k < NUT_CORE_COUNT; k++)
        fprintf(out, ",%s", NUTRIENT_COLUMNS[k]);
    fprintf(out, ",%s,units,unit\r\n", CRAMP_COLUMNS);
    while (i < n || j < nc) {
        if (j >= nc || (i < n && entry_first(&e[i], &c[j])))
            entry_row(out, &e[i++]);
        else
            cramp_row(out, &c[j++]);
    }
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

/* json_object_set_new that remembers a failure. */
static void put(json_t *o, const char *key, json_t *v, int *bad) {
    if (!v || json_object_set_new(o, key, v) != 0)
        *bad = 1;
}

static json_t *entry_json(const struct entry *e, int *bad) {
    json_t *o = json_object();
    if (!o) {
        *bad = 1;
        return NULL;
    }
    put(o, "id", json_integer((json_int_t)e->id), bad);
    put(o, "date", jstr(e->date), bad);
    put(o, "time", jstr(e->time[0] ? e->time : NULL), bad);
    put(o, "meal", jstr(e->meal[0] ? e->meal : NULL), bad);
    put(o, "food_id", jstr(e->food_id), bad);
    put(o, "food", jstr(e->food_name), bad);
    put(o, "grams", jround(e->grams, 2), bad);
    for (int k = 0; k < NUT_CORE_COUNT; k++)
        put(o, NUTRIENT_COLUMNS[k], jround(e->values[k], decimals(k)), bad);
    put(o, "kind", jstr(e->supplement ? "supplement" : "food"), bad);
    if (e->supplement) {
        put(o, "units", jround(e->units, 2), bad);
        put(o, "unit", jstr(e->unit), bad);
    }
    return o;
}

static json_t *cramp_json(const struct cramp *c, int *bad) {
    json_t *o = json_object();
    if (!o) {
        *bad = 1;
        return NULL;
    }
    put(o, "id", json_integer((json_int_t)c->id), bad);
    put(o, "date", jstr(c->date), bad);
    put(o, "time", jstr(c->time[0] ? c->time : NULL), bad);
    put(o, "severity", c->severity > 0 ? json_integer(c->severity) : json_null(), bad);
    put(o, "duration_min", jround(c->duration_min, 1), bad);
    put(o, "site", jstr(c->site[0] ? c->site : NULL), bad);
    put(o, "side", jstr(c->side[0] ? c->side : NULL), bad);
    put(o, "night", json_boolean(c->night), bad);
    put(o, "swelling", json_boolean(c->swelling), bad);
    put(o, "redness", json_boolean(c->redness), bad);
    put(o, "warmth", json_boolean(c->warmth), bad);
    put(o, "hard_to_walk", json_boolean(c->hard_to_walk), bad);
    put(o, "pain_persists", json_boolean(c->pain_persists), bad);
    put(o, "sudden_swelling", json_boolean(c->sudden_swelling), bad);
    put(o, "headache", json_boolean(c->headache), bad);
    put(o, "vision_problems", json_boolean(c->vision_problems), bad);
    put(o, "pain_below_ribs", json_boolean(c->pain_below_ribs), bad);
    put(o, "episode", json_boolean(cramp_is_episode(c)), bad);
    return o;
}

json_t *export_json(const char *from, const char *to, const struct entry *e, size_t n,
                    const struct cramp *c, size_t nc) {
    json_t *root = json_object(), *entries = json_array(), *cramps = json_array();
    int bad = !root || !entries || !cramps;

    for (size_t i = 0; !bad && i < n; i++) {
        json_t *x = entry_json(&e[i], &bad);
        if (!x || json_array_append_new(entries, x) != 0)
            bad = 1;
    }
    for (size_t j = 0; !bad && j < nc; j++) {
        json_t *x = cramp_json(&c[j], &bad);
        if (!x || json_array_append_new(cramps, x) != 0)
            bad = 1;
    }
    if (!bad) {
        put(root, "from", jstr(from), &bad);
        put(root, "to", jstr(to), &bad);
        put(root, "entries", entries, &bad);
        entries = NULL;
        put(root, "cramps", cramps, &bad);
        cramps = NULL;
    }
    json_decref(entries);
    json_decref(cramps);
    if (bad) {
        json_decref(root);
        return NULL;
    }
    return root;
}
