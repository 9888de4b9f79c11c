/*
 * cmd_profile.c - `dietbal profile set ...` and `dietbal profile show`.
 *
 * `set` changes only what it is given; the rest of the profile stays.
 */
#include "cmd.h"

#include "dietbal/date.h"
#include "dietbal/dri.h"
#include "dietbal/jsonout.h"
#include "dietbal/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* By slot (nutrients.h): the core nutrients, then vitamin D. */
static const char *const core_keys[NUT_REPORTED_COUNT] = {
    "energy",    "protein", "calcium", "magnesium", "phosphorus",
    "potassium", "sodium",  "water",   "vitamin_d",
};

static const char profile_about[] =
    "--none: neither pregnant nor lactating.  --units: US or UK household measures\n"
    "and words (a pint is 473 or 568 ml); the default follows the locale.\n"
    "--tables: the food tables in order of preference (ifct2017,usda-sr24): when\n"
    "several have the food you name, the first one's is taken.\n"
    "Only the options given change.\n";

#define SET_USAGE                                                                                  \
    "profile set [--age N | --birth-date D] [--sex SEX]\n"                                         \
    "                    [--weight-kg W] [--pregnant --due-date D]\n"                              \
    "                    [--lactating] [--none] [--units UNITS]\n"                                 \
    "                    [--tables TABLE,TABLE...]"
#define SHOW_USAGE "profile show [--json]"

static const char *const profile_subs[] = {"set", "show", NULL};

/* `profile` itself: its usage, and the subcommands for completion. */
static const struct opt_spec profile_spec = {.name = "profile",
                                             .usage = SET_USAGE "\n" SHOW_USAGE,
                                             .about = profile_about,
                                             .subs = profile_subs};

/* What `profile set` reads into the change, and the words its options
 * take, from profile.c and tables.c. */
struct set_args {
    struct profile_change ch;
    double age;
    int sex;
    const char *units[4];
    char sex_help[64], sex_why[64], units_why[64], units_words[64], tables_words[512];
};

/* --age: a whole number of years. */
static int whole_years(const struct opt *o, const char *text, struct opt_error *err) {
    (void)text;
    if (*(double *)o->target == floor(*(double *)o->target))
        return 0;
    snprintf(err->why, sizeof(err->why), "is not a whole number of years");
    return -1;
}

/* --units: us, uk or metric, in any case. */
static int units_check(const struct opt *o, const char *text, struct opt_error *err) {
    struct set_args *a = o->data;
    if (profile_units_parse(text, &a->ch.units) == 0)
        return 0;
    snprintf(err->why, sizeof(err->why), "%s", a->units_why);
    return -1;
}

/* --tables: an order of known tables; tables.c says what is wrong. */
static int tables_check(const struct opt *o, const char *text, struct opt_error *err) {
    struct set_args *a = o->data;
    if (tables_parse_order(text, a->ch.tables, sizeof(a->ch.tables), err->why, sizeof(err->why)) ==
        0)
        return 0;
    err->value = NULL; /* the message quotes the name at fault */
    return -1;
}

/* The words: each table, and each order of two ("ifct2017,usda-sr24"). */
static void tables_words(char *buf, size_t len) {
    size_t n = tables_count(), used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < n && used < len; i++) {
        int k = snprintf(buf + used, len - used, "%s%s", used ? " " : "", tables_get(i)->name);
        used += k > 0 ? (size_t)k : 0;
        for (size_t j = 0; j < n && used < len; j++) {
            if (j == i)
                continue;
            k = snprintf(buf + used, len - used, " %s,%s", tables_get(i)->name,
                         tables_get(j)->name);
            used += k > 0 ? (size_t)k : 0;
        }
    }
}

static void set_args_init(struct set_args *a) {
    memset(a, 0, sizeof(*a));
    profile_change_init(&a->ch);
    a->age = NAN;
    a->sex = -1;
    for (int u = PROFILE_UNITS_US; u <= PROFILE_UNITS_METRIC; u++)
        a->units[u - PROFILE_UNITS_US] = profile_units_name((enum profile_units)u);
    a->units[3] = NULL;
    snprintf(a->sex_why, sizeof(a->sex_why), "is not ");
    cmd_choice_join(profile_sex_names, ", ", " or ", a->sex_why + strlen(a->sex_why),
                    sizeof(a->sex_why) - strlen(a->sex_why));
    cmd_choice_join(profile_sex_names, ", ", " or ", a->sex_help, sizeof(a->sex_help));
    snprintf(a->units_why, sizeof(a->units_why), "is not ");
    cmd_choice_join(a->units, ", ", " or ", a->units_why + strlen(a->units_why),
                    sizeof(a->units_why) - strlen(a->units_why));
    cmd_choice_join(a->units, " ", " ", a->units_words, sizeof(a->units_words));
    tables_words(a->tables_words, sizeof(a->tables_words));
}

static int profile_set(int argc, char **argv, struct cmd_ctx *ctx) {
    struct set_args a;
    struct profile_change *ch = &a.ch;
    const struct opt opts[] = {
        {"age", 0, OPT_DECIMAL, &a.age, .min = PROFILE_AGE_MIN, .max = PROFILE_AGE_MAX,
         .check = whole_years, .arg = "N", .help = "her age in years"},
        {"birth-date", 0, OPT_DATE, ch->birth_date, .arg = "D",
         .help = "her birth date (the age then follows it)"},
        {"sex", 0, OPT_CHOICE, &a.sex, .choices = profile_sex_names, .why = a.sex_why, .arg = "SEX",
         .help = a.sex_help},
        {"weight-kg", 0, OPT_DECIMAL, &ch->weight_kg, .min = PROFILE_WEIGHT_KG_MIN,
         .max = PROFILE_WEIGHT_KG_MAX, .arg = "W", .help = "her weight (protein per kg)"},
        {"pregnant", 0, OPT_FLAG, &ch->pregnant, .help = "she is pregnant (needs --due-date)"},
        {"due-date", 0, OPT_DATE, ch->due_date, .arg = "D", .help = "the baby's due date"},
        {"lactating", 0, OPT_FLAG, &ch->lactating, .help = "she is breastfeeding"},
        {"none", 0, OPT_FLAG, &ch->none, .help = "neither pregnant nor lactating"},
        {"units", 0, OPT_STRING, NULL, .check = units_check, .data = &a, .complete = a.units_words,
         .arg = "UNITS", .help = "her household measures"},
        {"tables", 0, OPT_STRING, NULL, .check = tables_check, .data = &a,
         .complete = a.tables_words, .arg = "TABLE,TABLE...",
         .help = "the food tables, the one preferred first"},
        {0}};
    const struct opt_spec spec = {
        .name = "profile", .usage = SET_USAGE, .about = profile_about, .opts = opts};
    struct profile p;
    store *s = NULL;
    int rc;
    char err[512];
    long t = date_today();

    set_args_init(&a);
    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (optind < argc) {
        cmd_error("profile set", "unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if (!isnan(a.age))
        ch->age = (int)a.age;
    if (a.sex >= 0)
        ch->sex = (enum sex)(SEX_FEMALE + a.sex);
    /* bad input creates no database: check before opening it */
    if (profile_check(ch, t, err, sizeof(err)) != 0) {
        cmd_error(NULL, "%s", err);
        return EXIT_USAGE;
    }
    if ((rc = cmd_open_store(ctx, STORE_OPEN_CREATE, &s)) != EXIT_OK)
        return rc;
    if (store_profile_get(s, &p) != STORE_OK) {
        cmd_error("profile", "%s", store_errmsg(s));
        rc = EXIT_RUNTIME;
        goto out;
    }
    if (profile_apply(&p, ch, t, err, sizeof(err)) != 0) {
        cmd_error(NULL, "%s", err);
        rc = EXIT_USAGE;
        goto out;
    }
    if (store_begin(s) != STORE_OK || store_profile_put(s, &p) != STORE_OK ||
        store_commit(s) != STORE_OK) {
        cmd_error("profile", "%s", store_errmsg(s));
        store_rollback(s);
        rc = EXIT_RUNTIME;
        goto out;
    }
    if (!ctx->quiet)
        printf("profile saved; see it with 'dietbal profile show'\n");
out:
    store_close(s);
    return rc;
}

static void print_ref(const char *label, double v) {
    if (isnan(v))
        printf(" %8s", "-");
    else
        printf(" %8.*f", v < 10 ? 1 : 0, v);
    (void)label;
}

/* What `profile show` prints, gathered once for both of its forms. */
struct shown {
    struct profile p;
    struct life_stage st;
    int have_stage; /* else err says why there are no reference values */
    char err[256], today[11];
    char note[512];                      /* past the due date, past 42 weeks, no due date (0.2) */
    const struct table_def *in_order[8]; /* every known table, as the search prefers them */
    size_t n_tables;
};

static int show_json(const struct shown *v) {
    json_t *o = json_object(), *refs = json_object();
    json_object_set_new(o, "date", jstr(v->today));
    json_object_set_new(o, "age", v->have_stage ? json_integer(v->st.age_years) : json_null());
    json_object_set_new(o, "birth_date", jstr(v->p.birth_date[0] ? v->p.birth_date : NULL));
    json_object_set_new(o, "sex", jstr(profile_sex_name(v->p.sex)));
    json_object_set_new(o, "weight_kg", jnum(v->p.weight_kg));
    json_object_set_new(o, "pregnant", json_boolean(v->p.pregnant));
    json_object_set_new(o, "due_date", jstr(v->p.due_date[0] ? v->p.due_date : NULL));
    json_object_set_new(o, "lactating", json_boolean(v->p.lactating));
    json_object_set_new(
        o, "units", jstr(profile_units_name(profile_units_in_force(&v->p, cmd_locale_measures()))));
    json_t *order = json_array();
    for (size_t i = 0; i < v->n_tables; i++)
        json_array_append_new(order, jstr(v->in_order[i]->name));
    json_object_set_new(o, "tables", order);
    json_object_set_new(o, "life_stage", jstr(v->have_stage ? v->st.group : NULL));
    json_object_set_new(o, "trimester",
                        v->have_stage && v->st.pregnant ? json_integer(v->st.trimester)
                                                        : json_null());
    json_object_set_new(o, "gestational_week",
                        v->have_stage && v->st.pregnant ? json_integer(v->st.gest_week)
                                                        : json_null());
    json_t *notes = json_array();
    if (v->note[0])
        json_array_append_new(notes, jstr(v->note));
    json_object_set_new(o, "notes", notes);
    for (int k = 0; v->have_stage && k < NUT_REPORTED_COUNT; k++) {
        struct dri_ref r;
        if (dri_values(&v->st, v->p.weight_kg, nutrients_reported_id(k), &r) != 0)
            continue;
        json_object_set_new(refs, core_keys[k],
                            json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}", "unit", r.unit, "ear",
                                      jround(r.ear, 1), "rda", jround(r.rda, 1), "ai",
                                      jround(r.ai, 1), "ul", jround(r.ul, 1), "cdrr",
                                      jround(r.cdrr, 1)));
    }
    json_object_set_new(o, "reference_values", refs);
    return json_print(o, stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

static int show_text(const struct shown *v) {
    printf("age:        ");
    if (v->p.birth_date[0])
        printf("born %s", cmd_tx(v->p.birth_date));
    else if (v->p.age >= 0)
        printf("%d (given on %s)", v->p.age, v->p.age_set_on[0] ? cmd_tx(v->p.age_set_on) : "?");
    else
        printf("not set");
    printf("\nsex:        %s\n",
           profile_sex_name(v->p.sex) ? profile_sex_name(v->p.sex) : "not set");
    if (isnan(v->p.weight_kg))
        printf("weight:     not set (protein targets use g/day figures)\n");
    else
        printf("weight:     %g kg\n", v->p.weight_kg);
    printf("pregnant:   %s", v->p.pregnant ? "yes" : "no");
    if (v->p.pregnant)
        printf(", due %s", v->p.due_date);
    printf("\nlactating:  %s\n", v->p.lactating ? "yes" : "no");
    printf("units:      %s%s\n",
           profile_units_name(profile_units_in_force(&v->p, cmd_locale_measures())),
           v->p.units == PROFILE_UNITS_DEFAULT ? " (from the locale; set with --units)" : "");
    printf("tables:     ");
    for (size_t i = 0; i < v->n_tables; i++)
        printf("%s%s", i ? ", " : "", v->in_order[i]->name);
    printf("%s\n",
           v->p.tables[0] ? " (preferred in this order)" : " (built-in order; set with --tables)");
    if (!v->have_stage) {
        printf("\nNo reference values: %s.\nSet them with 'dietbal profile set --age N "
               "--sex female ...'.\n",
               v->err);
        return EXIT_OK;
    }
    printf("\nlife stage on %s: %s", v->today, v->st.group);
    if (v->st.pregnant)
        printf(" (week %d)", v->st.gest_week);
    printf("\n");
    if (v->note[0])
        printf("v->note: %s\n", v->note);
    printf("\nreference values per day    EAR  RDA/AI       UL\n");
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        struct dri_ref r;
        char label[32];
        if (dri_values(&v->st, v->p.weight_kg, nutrients_reported_id(k), &r) != 0)
            continue;
        snprintf(label, sizeof(label), "%s (%s)", core_keys[k], r.unit);
        printf("  %-18s", label);
        print_ref("ear", r.ear);
        print_ref("rda", isnan(r.rda) ? r.ai : r.rda);
        print_ref("ul", isnan(r.ul) ? r.cdrr : r.ul);
        if (!isnan(r.ai))
            printf("  (AI)");
        if (!isnan(r.cdrr))
            printf("  (CDRR)");
        if (r.ul_supplement_only)
            printf("  (UL: supplements only)");
        printf("\n");
    }
    printf("\nSources: IOM/NASEM Dietary Reference Intakes (see dietbal(1)).\n");
    return EXIT_OK;
}

static int profile_show(int argc, char **argv, struct cmd_ctx *ctx) {
    const struct opt_spec spec = {.name = "profile", .usage = SHOW_USAGE, .about = profile_about};
    struct shown v = {0};
    store *s = NULL;
    int rc;
    long t = date_today();

    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    rc = store_profile_get(s, &v.p);
    store_close(s);
    if (rc != STORE_OK) {
        cmd_error("profile", "could not read the profile");
        return EXIT_RUNTIME;
    }
    date_format(t, v.today);
    v.have_stage = dri_stage(&v.p, t, &v.st, v.err, sizeof(v.err)) == 0;
    if (v.have_stage)
        dri_stage_note(&v.st, v.p.due_date, v.note, sizeof(v.note));
    v.n_tables =
        tables_in_order(v.p.tables, v.in_order, sizeof(v.in_order) / sizeof(v.in_order[0]));
    return ctx->json ? show_json(&v) : show_text(&v);
}

int cmd_profile(int argc, char **argv, struct cmd_ctx *ctx) {
    int rc;

    if (argc < 2)
        return cmd_usage_error(&profile_spec);
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "--" OPT_COMPLETION_HELPER) == 0) {
        cmd_options(&profile_spec, 2, argv, ctx, &rc);
        return rc;
    }
    if (strcmp(argv[1], "set") == 0)
        return profile_set(argc - 1, argv + 1, ctx);
    if (strcmp(argv[1], "show") == 0)
        return profile_show(argc - 1, argv + 1, ctx);
    cmd_error("profile", "unknown subcommand '%s' (set or show)", argv[1]);
    return EXIT_USAGE;
}
