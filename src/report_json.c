/*
 * report_json.c - the analysis as the JSON object of product.md ("JSON
 * keys"), written with jansson.  Every key of product.md is present with its
 * name unchanged; keys are only ever added.  Unknown is null.  Rounding:
 * mg and kcal 1 decimal, grams 2 (protein) or 1 (water), probabilities and
 * completeness 3, ratios 2, percentages 1, PRAL 1.
 *
 * Added from 2026-12 (product.md): nutrients.*.sources/days_needed,
 * profile.notes, cramps.preeclampsia_signs.
 *
 * Added keys (beyond product.md): profile.group/approximate/note;
 * nutrients.*.ai/cdrr/ul_supplements/p_above_ai/p_above_cdrr/n_days/
 * assess_mean/sdw/sdw_verified/approximate/cv_unreliable/
 * completeness_daily/days_incomplete/target/target_name/trend_per_week/
 * table_cv/no_intake/p_adequate_scaled/firmness/sources_total/
 * daily_from_supplements; nutrients.*.sources[].kind/units/unit (a
 * supplement's);
 * balance_ranges; warnings[].why/advice/tentative/figures; cramps.night_
 * episodes/mean_severity/max_severity/red_flag_signs/persistent_pain_days/
 * one_leg_pain_days/preeclampsia/preeclampsia_advice/relation;
 * unlogged_dates; suggestions; not_medical_advice.
 *
 * Magnesium: "ul" is null, because its UL (350 mg) is for supplements only
 * and food intake must never be compared with it; the value is under
 * "ul_supplements".
 *
 * Supplements (product.md, from 2026-12): every total is food +
 * supplements; "from_supplements" is the mean per logged day from
 * supplements (0 when none) and "daily_from_supplements" (added) its daily
 * values; nutrients.vitamin_d (ug) has the same fields as the others.
 */
#include "dietbal/report.h"

#include "dietbal/advice.h"
#include "dietbal/date.h"
#include "dietbal/jsonout.h"

#include <math.h>
#include <string.h>

/* Decimals for a nutrient's amounts. */
static int decimals(int nutrient) { return nutrient == NUT_PROTEIN ? 2 : 1; }

/* json_object_set_new that remembers a failure (a NULL value or no memory). */
static void put(json_t *obj, const char *key, json_t *v, int *bad) {
    if (!v || json_object_set_new(obj, key, v) != 0)
        *bad = 1;
}

static void push(json_t *arr, json_t *v, int *bad) {
    if (!v || json_array_append_new(arr, v) != 0)
        *bad = 1;
}

static json_t *date_json(long day) {
    char d[11];
    date_format(day, d);
    return jstr(d);
}

static json_t *profile_json(const struct analysis *a, int *bad) {
    json_t *p = json_object();
    if (!p) {
        *bad = 1;
        return NULL;
    }
    const struct life_stage *st = &a->stage;
    put(p, "life_stage", jstr(a->has_profile ? dri_table_name(st->table) : "unknown"), bad);
    put(p, "age", a->has_profile ? json_integer(st->age_years) : json_null(), bad);
    put(p, "trimester", a->has_profile && st->pregnant ? json_integer(st->trimester) : json_null(),
        bad);
    put(p, "weight_kg", jround(a->weight_kg, 1), bad);
    put(p, "group", jstr(st->group), bad);
    put(p, "approximate", json_boolean(st->approximate), bad);
    put(p, "note", jstr(a->has_profile ? NULL : a->profile_note), bad);
    put(p, "stage_days", json_integer((json_int_t)a->stage_days), bad);
    put(p, "stage_mixed", json_boolean(a->stage_mixed), bad);
    json_t *notes = json_array();
    for (size_t i = 0; notes && i < a->n_notes; i++)
        push(notes, jstr(a->notes[i]), bad);
    put(p, "notes", notes, bad);
    return p;
}

/* sources: [{"id", "name", "grams", "amount", "share"}], largest first;
 * grams null for a source without a weight (a supplement), which has
 * (added) "kind": "supplement", "units" (taken over the period) and "unit"
 * (its dose form) instead; amount is always of the nutrient, in its unit. */
static json_t *sources_json(const struct analysis_nutrient *nu, int dec, int *bad) {
    json_t *list = json_array();
    if (!list) {
        *bad = 1;
        return NULL;
    }
    for (size_t j = 0; j < nu->n_sources; j++) {
        const struct analysis_source *src = &nu->sources[j];
        json_t *x = json_object();
        if (!x) {
            *bad = 1;
            break;
        }
        put(x, "id", jstr(src->id), bad);
        put(x, "name", jstr(src->name), bad);
        put(x, "grams", jround(src->grams, 1), bad);
        put(x, "amount", jround(src->amount, dec), bad);
        put(x, "share", jround(src->share, 4), bad);
        if (!isfinite(src->grams) && isfinite(src->units)) {
            put(x, "kind", jstr("supplement"), bad);
            put(x, "units", jround(src->units, 2), bad);
            put(x, "unit", jstr(src->unit), bad);
        }
        push(list, x, bad);
    }
    return list;
}

static json_t *firmness_json(enum analysis_firmness f) {
    switch (f) {
    case ANALYSIS_FIRM_YES:
        return jstr("firm");
    case ANALYSIS_FIRM_MORE_DAYS:
        return jstr("more_days");
    case ANALYSIS_FIRM_NEVER:
        return jstr("not_with_more_days");
    case ANALYSIS_FIRM_NA:
        break;
    }
    return json_null();
}

static json_t *nutrient_json(const struct analysis *a, int k, int *bad) {
    const struct analysis_nutrient *nu = &a->nutrients[k];
    const struct dri_ref *r = &nu->ref;
    int dec = decimals(k);
    json_t *o = json_object(), *daily = json_array(), *comp = json_array(), *supp = json_array();

    if (!o || !daily || !comp || !supp) {
        json_decref(o);
        json_decref(daily);
        json_decref(comp);
        json_decref(supp);
        *bad = 1;
        return NULL;
    }
    for (size_t i = 0; i < a->days; i++) {
        push(daily, jround(nu->daily[i], dec), bad);
        push(comp, jround(nu->daily_completeness[i], 3), bad);
        push(supp, jround(nu->daily_supplement[i], dec), bad);
    }
    put(o, "unit", jstr(nu->unit), bad);
    put(o, "daily", daily, bad);
    put(o, "mean", jround(nu->desc.mean, dec), bad);
    put(o, "sd", jround(nu->desc.sd, dec), bad);
    put(o, "min", jround(nu->desc.min, dec), bad);
    put(o, "max", jround(nu->desc.max, dec), bad);
    put(o, "completeness", jround(nu->completeness, 3), bad);
    put(o, "ear", jround(r->ear, 2), bad);
    put(o, "rda", jround(r->rda, 2), bad);
    put(o, "ul", r->ul_supplement_only ? json_null() : jround(r->ul, 2), bad);
    put(o, "p_adequate", jround(nu->p_adequate, 3), bad);
    put(o, "p_above_ul", jround(nu->p_above_ul, 3), bad);
    /* added keys */
    put(o, "ai", jround(r->ai, 2), bad);
    put(o, "cdrr", jround(r->cdrr, 2), bad);
    if (r->ul_supplement_only)
        put(o, "ul_supplements", jround(r->ul, 2), bad);
    put(o, "p_above_ai", jround(nu->p_above_ai, 3), bad);
    put(o, "p_above_cdrr", jround(nu->p_above_cdrr, 3), bad);
    put(o, "target", jround(nu->target, 2), bad);
    put(o, "target_name", jstr(nu->target_name), bad);
    put(o, "n_days", json_integer((json_int_t)nu->n_assess), bad);
    put(o, "assess_mean", jround(nu->assess_mean, dec), bad);
    put(o, "sdw", jround(nu->sdw, dec), bad);
    put(o, "sdw_verified", json_boolean(nu->sdw_verified), bad);
    put(o, "approximate", json_boolean(nu->approximate), bad);
    put(o, "cv_unreliable", json_boolean(nu->n_assess > 0 && nu->cv_unreliable), bad);
    put(o, "completeness_daily", comp, bad);
    put(o, "days_incomplete", json_integer((json_int_t)nu->n_incomplete), bad);
    put(o, "trend_per_week", nu->has_trend ? jround(nu->trend.slope_per_week, dec) : json_null(),
        bad);
    put(o, "sources", sources_json(nu, dec, bad), bad);
    put(o, "sources_total", jround(nu->sources_total, dec), bad);
    put(o, "days_needed",
        nu->firmness == ANALYSIS_FIRM_MORE_DAYS ? json_integer(nu->days_needed) : json_null(), bad);
    put(o, "firmness", firmness_json(nu->firmness), bad);
    put(o, "p_adequate_scaled", jround(nu->p_adequate_scaled, 3), bad);
    put(o, "table_cv", jround(nu->table_cv, 2), bad);
    put(o, "no_intake", json_boolean(nu->n_assess > 0 && nu->no_intake), bad);
    /* supplements: totals above are food + supplements */
    put(o, "from_supplements", jround(nu->from_supplements, dec), bad);
    put(o, "daily_from_supplements", supp, bad);
    return o;
}

static json_t *range_json(const struct analysis_measure *m, int *bad) {
    json_t *o = json_object();
    if (!o) {
        *bad = 1;
        return NULL;
    }
    put(o, "low", jround(m->low, 2), bad);
    put(o, "high", jround(m->high, 2), bad);
    put(o, "position", jstr(analysis_position_name(m->position)), bad);
    put(o, "range", jstr(m->range), bad);
    return o;
}

static json_t *warning_json(const struct analysis_warning *w, int *bad) {
    json_t *o = json_object(), *fig = json_object();
    if (!o || !fig) {
        json_decref(o);
        json_decref(fig);
        *bad = 1;
        return NULL;
    }
    put(o, "code", jstr(w->code), bad);
    put(o, "severity", jstr(analysis_severity_name(w->severity)), bad);
    put(o, "message", jstr(w->message), bad);
    put(o, "why", jstr(w->why), bad);
    put(o, "advice", jstr(w->advice), bad);
    put(o, "tentative", json_boolean(w->tentative), bad);
    put(o, "nutrient", jstr(analysis_nutrient_key(w->nutrient)), bad);
    for (size_t i = 0; i < w->n_figures; i++) {
        const char *name = w->figures[i].name;
        int dec = strncmp(name, "p_", 2) == 0 || strcmp(name, "threshold") == 0 ||
                          strcmp(name, "completeness_min") == 0
                      ? 3
                      : 2;
        put(fig, name, jround(w->figures[i].value, dec), bad);
    }
    put(o, "figures", fig, bad);
    return o;
}

static json_t *relation_json(const struct analysis *a, int *bad) {
    static const char *const state[] = {"too_few_days", "no_contrast", "done"};
    const struct analysis_cramps *c = &a->cramps;
    json_t *o = json_object(), *items = json_array();
    char note[512];

    if (!o || !items) {
        json_decref(o);
        json_decref(items);
        *bad = 1;
        return NULL;
    }
    put(o, "state", jstr(state[c->relation]), bad);
    put(o, "note", jstr(report_relation_note(a, note, sizeof(note))), bad);
    put(o, "min_days", json_integer(ANALYSIS_RELATION_MIN_DAYS), bad);
    put(o, "pairs", json_integer((json_int_t)c->relation_pairs), bad);
    if (c->relation != ANALYSIS_REL_TOO_FEW_DAYS) {
        for (int k = 0; k < ANALYSIS_RELATION_ITEMS; k++) {
            const struct analysis_relation_item *it = &c->items[k];
            json_t *x = json_object();
            if (!x) {
                *bad = 1;
                break;
            }
            put(x, "previous_day", jstr(it->key), bad);
            put(x, "unit", jstr(it->unit), bad);
            put(x, "mean_before_cramp_days", jround(it->mean_cramp, 1), bad);
            put(x, "n_cramp_days", json_integer((json_int_t)it->n_cramp), bad);
            put(x, "mean_before_other_days", jround(it->mean_other, 1), bad);
            put(x, "n_other_days", json_integer((json_int_t)it->n_other), bad);
            put(x, "r_point_biserial", jround(it->r_point_biserial, 3), bad);
            push(items, x, bad);
        }
    }
    put(o, "items", items, bad);
    if (c->fisher_done) {
        json_t *f = json_pack(
            "{s:s, s:[[i,i],[i,i]], s:o, s:o, s:o}", "test",
            "previous-day calcium below the EAR x cramp day", "table", (int)c->fisher_table[0],
            (int)c->fisher_table[1], (int)c->fisher_table[2], (int)c->fisher_table[3],
            "p_two_sided", jround(c->fisher.p_two_sided, 4), "p_greater",
            jround(c->fisher.p_greater, 4), "odds_ratio", jround(c->fisher.odds_ratio, 2));
        put(o, "fisher", f, bad);
    } else {
        put(o, "fisher", json_null(), bad);
    }
    return o;
}

static json_t *cramps_json(const struct analysis *a, int *bad) {
    const struct analysis_cramps *c = &a->cramps;
    json_t *o = json_object(), *signs = json_object();
    if (!o || !signs) {
        json_decref(o);
        json_decref(signs);
        *bad = 1;
        return NULL;
    }
    put(o, "episodes", json_integer(c->episodes), bad);
    put(o, "days_with_cramps", json_integer(c->days_with_cramps), bad);
    put(o, "red_flag", json_boolean(c->red_flag), bad);
    put(o, "night_episodes", json_integer(c->night_episodes), bad);
    put(o, "mean_severity", jround(c->mean_severity, 1), bad);
    put(o, "max_severity", c->severity_n ? json_integer(c->max_severity) : json_null(), bad);
    put(signs, "swelling", json_integer(c->swelling), bad);
    put(signs, "redness", json_integer(c->redness), bad);
    put(signs, "warmth", json_integer(c->warmth), bad);
    put(signs, "hard_to_walk", json_integer(c->hard_to_walk), bad);
    put(o, "red_flag_signs", signs, bad);
    put(o, "persistent_pain_days", json_integer(c->persistent_run), bad);
    put(o, "one_leg_pain_days", json_integer(c->one_leg_run), bad);
    put(o, "preeclampsia_signs", json_boolean(c->preeclampsia), bad);
    put(o, "preeclampsia",
        json_pack("{s:i, s:i, s:i, s:i}", "sudden_swelling", c->sudden_swelling, "headache",
                  c->headache, "vision_problems", c->vision_problems, "pain_below_ribs",
                  c->pain_below_ribs),
        bad);
    if (c->preeclampsia)
        put(o, "preeclampsia_advice", jstr(ADVICE_PREECLAMPSIA), bad);
    put(o, "relation", relation_json(a, bad), bad);
    if (c->red_flag) {
        put(o, "red_flag_advice", jstr(ADVICE_RED_FLAG), bad);
        put(o, "emergency_advice", jstr(ADVICE_EMERGENCY), bad);
    }
    if (c->episodes > 0) {
        json_t *care = json_array();
        for (size_t i = 0; care && ADVICE_CRAMP_CARE[i]; i++)
            push(care, jstr(ADVICE_CRAMP_CARE[i]), bad);
        put(o, "self_care", care, bad);
    }
    return o;
}

static json_t *suggestions_json(const struct report_opts *o, int *bad) {
    json_t *all = json_object();
    if (!all) {
        *bad = 1;
        return NULL;
    }
    for (size_t i = 0; o && i < o->n_suggestions; i++) {
        const struct report_suggestions *sg = &o->suggestions[i];
        const char *key = analysis_nutrient_key(sg->nutrient);
        json_t *list = json_array();
        if (!key || !list) {
            json_decref(list);
            continue;
        }
        for (size_t j = 0; j < sg->n; j++) {
            const struct suggestion *s = &sg->items[j];
            json_t *x = json_object();
            if (!x) {
                *bad = 1;
                break;
            }
            put(x, "id", jstr(s->id), bad);
            put(x, "name", jstr(s->name), bad);
            put(x, "portion", jstr(s->portion), bad);
            put(x, "portion_g", jround(s->portion_g, 1), bad);
            put(x, "amount", jround(s->per_portion, decimals(sg->nutrient)), bad);
            put(x, "per_100kcal", jround(s->per_100kcal, 1), bad);
            push(list, x, bad);
        }
        put(all, key, list, bad);
    }
    return all;
}

json_t *report_json_object(const struct analysis *a, const struct report_opts *o) {
    json_t *root = json_object(), *nut = json_object(), *bal = json_object(),
           *ranges = json_object(), *warn = json_array(), *unlogged = json_array();
    int bad = !root || !nut || !bal || !ranges || !warn || !unlogged;

    if (bad) {
        json_decref(root);
        json_decref(nut);
        json_decref(bal);
        json_decref(ranges);
        json_decref(warn);
        json_decref(unlogged);
        return NULL;
    }
    put(root, "from", date_json(a->from), &bad);
    put(root, "to", date_json(a->to), &bad);
    put(root, "days", json_integer((json_int_t)a->days), &bad);
    put(root, "days_logged", json_integer((json_int_t)a->days_logged), &bad);
    put(root, "profile", profile_json(a, &bad), &bad);
    for (int k = 0; k < NUT_REPORTED_COUNT; k++)
        put(nut, a->nutrients[k].key, nutrient_json(a, k, &bad), &bad);
    put(root, "nutrients", nut, &bad);

    const struct analysis_balance *b = &a->balance;
    put(bal, "ca_p_ratio", jround(b->ca_p_ratio.value, 2), &bad);
    put(bal, "ca_mg_ratio", jround(b->ca_mg_ratio.value, 2), &bad);
    put(bal, "protein_energy_pct", jround(b->protein_energy_pct.value, 1), &bad);
    put(bal, "protein_g_per_kg", jround(b->protein_g_per_kg.value, 2), &bad);
    put(bal, "pral_meq", jround(b->pral_meq.value, 1), &bad);
    put(root, "balance", bal, &bad);
    put(ranges, "ca_p_ratio", range_json(&b->ca_p_ratio, &bad), &bad);
    put(ranges, "ca_mg_ratio", range_json(&b->ca_mg_ratio, &bad), &bad);
    put(ranges, "protein_energy_pct", range_json(&b->protein_energy_pct, &bad), &bad);
    put(ranges, "protein_g_per_kg", range_json(&b->protein_g_per_kg, &bad), &bad);
    put(ranges, "pral_meq", range_json(&b->pral_meq, &bad), &bad);
    put(root, "balance_ranges", ranges, &bad);

    for (size_t i = 0; i < a->n_warnings; i++)
        push(warn, warning_json(&a->warnings[i], &bad), &bad);
    put(root, "warnings", warn, &bad);
    put(root, "cramps", cramps_json(a, &bad), &bad);

    for (size_t i = 0; i < a->days; i++)
        if (!a->logged[i])
            push(unlogged, date_json(a->from + (long)i), &bad);
    put(root, "unlogged_dates", unlogged, &bad);
    put(root, "suggestions", suggestions_json(o, &bad), &bad);
    put(root, "approximate", json_boolean(a->approximate), &bad);
    put(root, "not_medical_advice", jstr(ADVICE_NOT_MEDICAL), &bad);
    if (bad) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int report_json(FILE *out, const struct analysis *a, const struct report_opts *o) {
    json_t *root = report_json_object(a, o);
    if (!root)
        return -1;
    return json_print(root, out) == 0 && fflush(out) == 0 ? 0 : -1;
}
