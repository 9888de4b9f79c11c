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

/* A pregnancy lasts about 40 weeks; a due date further off than 42 weeks
 * cannot be right (issue: "due date more than 42 weeks away"). */
#define MAX_WEEKS_TO_DUE 42

/* By slot (nutrients.h): the core nutrients, then vitamin D. */
static const char *const core_keys[NUT_REPORTED_COUNT] = {
    "energy",    "protein", "calcium", "magnesium", "phosphorus",
    "potassium", "sodium",  "water",   "vitamin_d",
};

static void profile_usage(FILE *out) {
    fprintf(out, "usage: dietbal profile set [--age N | --birth-date D] [--sex female|male]\n"
                 "                           [--weight-kg W] [--pregnant --due-date D]\n"
                 "                           [--lactating] [--none] [--units us|uk|metric]\n"
                 "                           [--tables TABLE,TABLE...]\n"
                 "       dietbal profile show [--json]\n"
                 "--none: neither pregnant nor lactating.  --units: US or UK household measures\n"
                 "and words (a pint is 473 or 568 ml); the default follows the locale.\n"
                 "--tables: the food tables in order of preference (ifct2017,usda-sr24): when\n"
                 "several have the food you name, the first one's is taken.\n"
                 "Only the options given change.\n");
}

static int parse_number(const char *opt, const char *text, double lo, double hi, double *out) {
    double v = NAN;
    if (cmd_parse_decimal(text, &v) != 0 || !(v >= lo && v <= hi)) {
        cmd_error(opt, "'%s' is not a number from %g to %g", text, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

static int profile_set(int argc, char **argv, struct cmd_ctx *ctx) {
    static const struct option opts[] = {{"age", required_argument, NULL, 'a'},
                                         {"birth-date", required_argument, NULL, 'b'},
                                         {"sex", required_argument, NULL, 's'},
                                         {"weight-kg", required_argument, NULL, 'w'},
                                         {"pregnant", no_argument, NULL, 'p'},
                                         {"due-date", required_argument, NULL, 'd'},
                                         {"lactating", no_argument, NULL, 'l'},
                                         {"none", no_argument, NULL, 'n'},
                                         {"units", required_argument, NULL, 'u'},
                                         {"tables", required_argument, NULL, 't'},
                                         CMD_COMMON_OPTIONS,
                                         {0, 0, 0, 0}};
    struct profile p;
    struct life_stage st;
    store *s = NULL;
    int c, rc, set_age = -1, pregnant = 0, lactating = 0, none = 0, sex = -1;
    enum profile_units units = PROFILE_UNITS_DEFAULT;
    double weight = NAN, v;
    char birth[11] = "", due[11] = "", err[256], today[11], tables[TABLES_ORDER_LEN] = "";
    long t = date_today(), day;

    date_format(t, today);
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cmd_common_option(c, ctx))
            continue;
        switch (c) {
        case 'a':
            if (parse_number("--age", optarg, 14, 120, &v) != 0)
                return EXIT_USAGE;
            if (v != floor(v)) {
                cmd_error("--age", "'%s' is not a whole number of years", optarg);
                return EXIT_USAGE;
            }
            set_age = (int)v;
            break;
        case 'b':
            if (cmd_parse_date("--birth-date", optarg, birth) != 0)
                return EXIT_USAGE;
            break;
        case 's':
            if (strcmp(optarg, "female") == 0)
                sex = SEX_FEMALE;
            else if (strcmp(optarg, "male") == 0)
                sex = SEX_MALE;
            else {
                cmd_error("--sex", "'%s' is not female or male", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'w':
            if (parse_number("--weight-kg", optarg, 25, 350, &weight) != 0)
                return EXIT_USAGE;
            break;
        case 'p':
            pregnant = 1;
            break;
        case 'd':
            if (cmd_parse_date("--due-date", optarg, due) != 0)
                return EXIT_USAGE;
            break;
        case 'l':
            lactating = 1;
            break;
        case 'n':
            none = 1;
            break;
        case 'u':
            if (profile_units_parse(optarg, &units) != 0) {
                cmd_error("--units", "'%s' is not us, uk or metric", optarg);
                return EXIT_USAGE;
            }
            break;
        case 't':
            if (tables_parse_order(optarg, tables, sizeof(tables), err, sizeof(err)) != 0) {
                cmd_error("--tables", "%s", err);
                return EXIT_USAGE;
            }
            break;
        case 'h':
            profile_usage(stdout);
            return EXIT_OK;
        default:
            return cmd_bad_option("profile");
        }
    }
    if (optind < argc) {
        cmd_error("profile set", "unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if (set_age >= 0 && birth[0]) {
        cmd_error("profile set", "give --age or --birth-date, not both");
        return EXIT_USAGE;
    }
    if (none && (pregnant || lactating || due[0])) {
        cmd_error("--none", "cannot be combined with --pregnant, --due-date or --lactating");
        return EXIT_USAGE;
    }
    if (due[0]) {
        date_parse(due, t, &day);
        if (day - t > MAX_WEEKS_TO_DUE * 7) {
            cmd_error("--due-date", "%s is more than %d weeks away", due, MAX_WEEKS_TO_DUE);
            return EXIT_USAGE;
        }
        if (t - day > 365) {
            cmd_error("--due-date", "%s is more than a year ago", due);
            return EXIT_USAGE;
        }
    }
    if (birth[0]) {
        date_parse(birth, t, &day);
        int age = date_years_between(day, t);
        if (age < 14 || age > 120) {
            cmd_error("--birth-date",
                      "%s gives an age of %d; dietbal's reference values are "
                      "for ages 14 and over",
                      birth, age);
            return EXIT_USAGE;
        }
    }

    if ((rc = cmd_open_store(ctx, STORE_OPEN_CREATE, &s)) != EXIT_OK)
        return rc;
    if (store_profile_get(s, &p) != STORE_OK) {
        cmd_error("profile", "%s", store_errmsg(s));
        store_close(s);
        return EXIT_RUNTIME;
    }
    if (set_age >= 0) {
        p.age = set_age;
        memcpy(p.age_set_on, today, sizeof(today));
        p.birth_date[0] = '\0';
    }
    if (birth[0]) {
        memcpy(p.birth_date, birth, sizeof(birth));
        p.age = -1;
        p.age_set_on[0] = '\0';
    }
    if (sex >= 0)
        p.sex = (enum sex)sex;
    if (!isnan(weight))
        p.weight_kg = weight;
    if (none) {
        p.pregnant = p.lactating = 0;
        p.due_date[0] = '\0';
    }
    if (pregnant)
        p.pregnant = 1;
    if (due[0])
        memcpy(p.due_date, due, sizeof(due));
    if (lactating)
        p.lactating = 1;
    if (units != PROFILE_UNITS_DEFAULT)
        p.units = units;
    if (tables[0])
        memcpy(p.tables, tables, sizeof(tables));
    if (p.pregnant && !p.due_date[0]) {
        cmd_error("--pregnant", "needs --due-date D (the trimester depends on it)");
        store_close(s);
        return EXIT_USAGE;
    }
    /* the profile must give a life stage today, or it is not stored */
    if (dri_stage(&p, t, &st, err, sizeof(err)) != 0 && (p.age >= 0 || p.birth_date[0])) {
        cmd_error("profile set", "%s", err);
        store_close(s);
        return EXIT_USAGE;
    }
    if (store_begin(s) != STORE_OK || store_profile_put(s, &p) != STORE_OK ||
        store_commit(s) != STORE_OK) {
        cmd_error("profile", "%s", store_errmsg(s));
        store_rollback(s);
        store_close(s);
        return EXIT_RUNTIME;
    }
    store_close(s);
    if (!ctx->quiet)
        printf("profile saved; see it with 'dietbal profile show'\n");
    return EXIT_OK;
}

static void print_ref(const char *label, double v) {
    if (isnan(v))
        printf(" %8s", "-");
    else
        printf(" %8.*f", v < 10 ? 1 : 0, v);
    (void)label;
}

static int profile_show(int argc, char **argv, struct cmd_ctx *ctx) {
    static const struct option opts[] = {CMD_COMMON_OPTIONS, {0, 0, 0, 0}};
    struct profile p;
    struct life_stage st;
    store *s = NULL;
    int c, rc, have_stage;
    char err[256], today[11];
    long t = date_today();

    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cmd_common_option(c, ctx))
            continue;
        if (c == 'h') {
            profile_usage(stdout);
            return EXIT_OK;
        }
        return cmd_bad_option("profile");
    }
    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    rc = store_profile_get(s, &p);
    store_close(s);
    if (rc != STORE_OK) {
        cmd_error("profile", "could not read the profile");
        return EXIT_RUNTIME;
    }
    date_format(t, today);
    have_stage = dri_stage(&p, t, &st, err, sizeof(err)) == 0;
    /* past the due date, past 42 weeks, no due date (0.2) */
    char note[512] = "";
    if (have_stage)
        dri_stage_note(&st, p.due_date, note, sizeof(note));

    /* every known table, in the order the search prefers them */
    const struct table_def *in_order[8];
    size_t n_tables = tables_in_order(p.tables, in_order, sizeof(in_order) / sizeof(in_order[0]));

    if (ctx->json) {
        json_t *o = json_object(), *refs = json_object();
        json_object_set_new(o, "date", jstr(today));
        json_object_set_new(o, "age", have_stage ? json_integer(st.age_years) : json_null());
        json_object_set_new(o, "birth_date", jstr(p.birth_date[0] ? p.birth_date : NULL));
        json_object_set_new(o, "sex",
                            jstr(p.sex == SEX_FEMALE ? "female"
                                 : p.sex == SEX_MALE ? "male"
                                                     : NULL));
        json_object_set_new(o, "weight_kg", jnum(p.weight_kg));
        json_object_set_new(o, "pregnant", json_boolean(p.pregnant));
        json_object_set_new(o, "due_date", jstr(p.due_date[0] ? p.due_date : NULL));
        json_object_set_new(o, "lactating", json_boolean(p.lactating));
        json_object_set_new(
            o, "units",
            jstr(profile_units_name(profile_units_in_force(&p, cmd_locale_measures()))));
        json_t *order = json_array();
        for (size_t i = 0; i < n_tables; i++)
            json_array_append_new(order, jstr(in_order[i]->name));
        json_object_set_new(o, "tables", order);
        json_object_set_new(o, "life_stage", jstr(have_stage ? st.group : NULL));
        json_object_set_new(o, "trimester",
                            have_stage && st.pregnant ? json_integer(st.trimester) : json_null());
        json_object_set_new(o, "gestational_week",
                            have_stage && st.pregnant ? json_integer(st.gest_week) : json_null());
        json_t *notes = json_array();
        if (note[0])
            json_array_append_new(notes, jstr(note));
        json_object_set_new(o, "notes", notes);
        for (int k = 0; have_stage && k < NUT_REPORTED_COUNT; k++) {
            struct dri_ref r;
            if (dri_values(&st, p.weight_kg, nutrients_reported_id(k), &r) != 0)
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

    printf("age:        ");
    if (p.birth_date[0])
        printf("born %s", cmd_tx(p.birth_date));
    else if (p.age >= 0)
        printf("%d (given on %s)", p.age, p.age_set_on[0] ? cmd_tx(p.age_set_on) : "?");
    else
        printf("not set");
    printf("\nsex:        %s\n", p.sex == SEX_FEMALE ? "female"
                                 : p.sex == SEX_MALE ? "male"
                                                     : "not set");
    if (isnan(p.weight_kg))
        printf("weight:     not set (protein targets use g/day figures)\n");
    else
        printf("weight:     %g kg\n", p.weight_kg);
    printf("pregnant:   %s", p.pregnant ? "yes" : "no");
    if (p.pregnant)
        printf(", due %s", p.due_date);
    printf("\nlactating:  %s\n", p.lactating ? "yes" : "no");
    printf("units:      %s%s\n",
           profile_units_name(profile_units_in_force(&p, cmd_locale_measures())),
           p.units == PROFILE_UNITS_DEFAULT ? " (from the locale; set with --units)" : "");
    printf("tables:     ");
    for (size_t i = 0; i < n_tables; i++)
        printf("%s%s", i ? ", " : "", in_order[i]->name);
    printf("%s\n",
           p.tables[0] ? " (preferred in this order)" : " (built-in order; set with --tables)");
    if (!have_stage) {
        printf("\nNo reference values: %s.\nSet them with 'dietbal profile set --age N "
               "--sex female ...'.\n",
               err);
        return EXIT_OK;
    }
    printf("\nlife stage on %s: %s", today, st.group);
    if (st.pregnant)
        printf(" (week %d)", st.gest_week);
    printf("\n");
    if (note[0])
        printf("note: %s\n", note);
    printf("\nreference values per day    EAR  RDA/AI       UL\n");
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        struct dri_ref r;
        char label[32];
        if (dri_values(&st, p.weight_kg, nutrients_reported_id(k), &r) != 0)
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

int cmd_profile(int argc, char **argv, struct cmd_ctx *ctx) {
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        profile_usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    if (strcmp(argv[1], "set") == 0)
        return profile_set(argc - 1, argv + 1, ctx);
    if (strcmp(argv[1], "show") == 0)
        return profile_show(argc - 1, argv + 1, ctx);
    cmd_error("profile", "unknown subcommand '%s' (set or show)", argv[1]);
    return EXIT_USAGE;
}
