/*
 * test_opt.c - option tables (src/opt.c): every kind, range edges, bad
 * values, unknown options, repeated options, -h and the completion words.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "opt.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The targets of the test table, reset by each test. */
static struct {
    int flag, choice, seen_flag;
    long limit, count;
    double weight;
    char date[11], time[6];
    const char *name;
    const char *repeated[4];
    size_t n_repeated;
} t;

static const char *const sites[] = {"calf", "foot", "thigh", NULL};
static const char *const formats[] = {"text", "markdown", "csv", NULL};
static const struct opt_alias format_aliases[] = {{"md", "markdown"}, {NULL, NULL}};

/* --tag X, repeated: each kept, "bad" refused with the option's name. */
static int keep_tag(const struct opt *o, const char *text, struct opt_error *err) {
    (void)o;
    if (strcmp(text, "bad") == 0) {
        snprintf(err->why, sizeof(err->why), "is a bad tag");
        return -1;
    }
    if (t.n_repeated == 4) {
        err->value = NULL;
        snprintf(err->why, sizeof(err->why), "too many tags");
        return -1;
    }
    t.repeated[t.n_repeated++] = text;
    return 0;
}

static const struct opt opts[] = {
    {"flag", 'f', OPT_FLAG, &t.flag, .seen = &t.seen_flag, .help = "a flag"},
    {"limit", 'n', OPT_INT, &t.limit, .min = 1, .max = 200, .arg = "N", .help = "1 to 200"},
    {"count", 0, OPT_INT, &t.count, .arg = "N", .help = "any whole number"},
    {"weight-kg", 0, OPT_DECIMAL, &t.weight, .min = 30, .max = 250, .arg = "W", .help = "kg"},
    {"date", 'd', OPT_DATE, t.date, .arg = "D", .help = "a date"},
    {"time", 0, OPT_TIME, t.time, .arg = "HH:MM", .help = "a time"},
    {"site", 0, OPT_CHOICE, &t.choice, .choices = sites, .arg = "SITE", .help = "where"},
    {"format", 0, OPT_CHOICE, &t.choice, .choices = formats, .aliases = format_aliases, .arg = "F",
     .why = "is not a format I know (%s)", .help = "how"},
    {"name", 0, OPT_STRING, &t.name, .arg = "NAME", .help = "any text"},
    {"output", 'o', OPT_STRING, &t.name, .arg = "FILE", .complete = "@file", .help = "a file"},
    {"tag", 0, OPT_STRING, NULL, .check = keep_tag, .arg = "TAG", .help = "again for more"},
    {"secret", 0, OPT_FLAG, &t.flag, .hidden = 1},
    {0}};

static int common_json;
static const struct opt common[] = {{"json", 0, OPT_FLAG, &common_json, .help = "JSON"}, {0}};
static const char *const subs[] = {"search", "show", NULL};

static const struct opt_spec spec = {.name = "demo",
                                     .usage = "demo [--flag] ARG\ndemo show ID",
                                     .about = "A demonstration.\n",
                                     .opts = opts,
                                     .common = common,
                                     .subs = subs,
                                     .operands = "@file"};

static int setup(void **state) {
    (void)state;
    memset(&t, 0, sizeof(t));
    common_json = 0;
    setenv("DIETBAL_TODAY", "2026-03-10", 1);
    opterr = 0; /* getopt_long's own message would only clutter the output */
    return 0;
}

/* Parse the words (argv[0] "demo" added); the status, err filled. */
#define MAX_ARGS 16
static enum opt_status parse(struct opt_error *err, const char *first, ...) {
    static char *argv[MAX_ARGS + 2];
    int argc = 0;
    va_list ap;

    argv[argc++] = (char *)"demo";
    va_start(ap, first);
    for (const char *a = first; a && argc <= MAX_ARGS; a = va_arg(ap, const char *))
        argv[argc++] = (char *)a;
    va_end(ap);
    argv[argc] = NULL;
    return opt_parse(&spec, argc, argv, err);
}

static void test_flags_and_operands(void **state) {
    (void)state;
    struct opt_error err;
    assert_int_equal(parse(&err, "x", "--flag", "--json", "y", NULL), OPT_OK);
    assert_int_equal(t.flag, 1);
    assert_int_equal(t.seen_flag, 1);
    assert_int_equal(common_json, 1);
    assert_int_equal(optind, 3); /* operands permuted to the end: x y */
    setup(NULL);
    assert_int_equal(parse(&err, "-f", "-f", NULL), OPT_OK);
    assert_int_equal(t.seen_flag, 2);
    setup(NULL);
    assert_int_equal(parse(&err, NULL), OPT_OK);
    assert_int_equal(t.flag, 0);
    assert_int_equal(optind, 1);
}

static void test_int_range(void **state) {
    (void)state;
    struct opt_error err;
    assert_int_equal(parse(&err, "--limit", "1", NULL), OPT_OK);
    assert_int_equal(t.limit, 1);
    assert_int_equal(parse(&err, "-n", "200", NULL), OPT_OK);
    assert_int_equal(t.limit, 200);
    assert_int_equal(parse(&err, "--limit=37", NULL), OPT_OK);
    assert_int_equal(t.limit, 37);
    const char *bad[] = {"0", "201", "", "5x", "1.5", "abc", "-3"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(parse(&err, "--limit", bad[i], NULL), OPT_BAD_VALUE);
        assert_string_equal(err.what, "--limit");
        assert_string_equal(err.value, bad[i]);
        assert_string_equal(err.why, "is not a number from 1 to 200");
    }
    assert_int_equal(t.limit, 37); /* a refused value leaves the target */
    /* no range: any whole number */
    assert_int_equal(parse(&err, "--count", "-12", NULL), OPT_OK);
    assert_int_equal(t.count, -12);
    assert_int_equal(parse(&err, "--count", "twelve", NULL), OPT_BAD_VALUE);
    assert_string_equal(err.why, "is not a whole number");
}

static void test_decimal(void **state) {
    (void)state;
    struct opt_error err;
    assert_int_equal(parse(&err, "--weight-kg", "30", NULL), OPT_OK);
    assert_true(t.weight == 30.0);
    assert_int_equal(parse(&err, "--weight-kg", "62.5", NULL), OPT_OK);
    assert_true(t.weight == 62.5);
    assert_int_equal(parse(&err, "--weight-kg", "250", NULL), OPT_OK);
    const char *bad[] = {"29.99", "250.01", "-60", "6e1", "0x40", "inf", "nan", "", ".", "1.2.3"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(parse(&err, "--weight-kg", bad[i], NULL), OPT_BAD_VALUE);
        assert_string_equal(err.why, "is not a number from 30 to 250");
    }
    double v = 0;
    assert_int_equal(opt_decimal(".5", &v), 0);
    assert_true(v == 0.5);
    assert_int_equal(opt_decimal("123456789012345", &v), 0);
    assert_int_equal(opt_decimal("1234567890123456", &v), -1); /* 16 digits */
    assert_int_equal(opt_decimal("+1", &v), -1);
    assert_int_equal(opt_decimal(" 1", &v), -1);
}

static void test_date(void **state) {
    (void)state;
    struct opt_error err;
    assert_int_equal(parse(&err, "--date", "2026-02-28", NULL), OPT_OK);
    assert_string_equal(t.date, "2026-02-28");
    assert_int_equal(parse(&err, "-d", "today", NULL), OPT_OK);
    assert_string_equal(t.date, "2026-03-10");
    assert_int_equal(parse(&err, "--date", "yesterday", NULL), OPT_OK);
    assert_string_equal(t.date, "2026-03-09");
    assert_int_equal(parse(&err, "--date", "2026-02-30", NULL), OPT_BAD_VALUE);
    assert_string_equal(err.what, "--date");
    assert_string_equal(err.why, "is not a date (use YYYY-MM-DD, today or yesterday)");
    assert_int_equal(parse(&err, "--date", "tomorrow", NULL), OPT_BAD_VALUE);
    assert_string_equal(err.why, "is not a date (use YYYY-MM-DD, today or yesterday)");
    /* well-formed, outside the years kept */
    assert_int_equal(parse(&err, "--date", "1899-12-31", NULL), OPT_BAD_VALUE);
    assert_string_equal(err.why, "is outside the years 1900 to 2200");
    assert_int_equal(parse(&err, "--date", "2201-01-01", NULL), OPT_BAD_VALUE);
    assert_string_equal(err.why, "is outside the years 1900 to 2200");
    assert_int_equal(parse(&err, "--date", "1900-01-01", NULL), OPT_OK);
    assert_int_equal(parse(&err, "--date", "2200-12-31", NULL), OPT_OK);
}

static void test_time(void **state) {
    (void)state;
    struct opt_error err;
    assert_int_equal(parse(&err, "--time", "00:00", NULL), OPT_OK);
    assert_string_equal(t.time, "00:00");
    assert_int_equal(parse(&err, "--time", "23:59", NULL), OPT_OK);
    assert_string_equal(t.time, "23:59");
    const char *bad[] = {"24:00", "7:30", "07:60", "0730", "07:30:00", "", "ab:cd"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(parse(&err, "--time", bad[i], NULL), OPT_BAD_VALUE);
        assert_string_equal(err.why, "is not a time of day (use HH:MM, 00:00 to 23:59)");
    }
    assert_string_equal(t.time, "23:59");
}

static void test_choice(void **state) {
    (void)state;
    struct opt_error err;
    assert_int_equal(parse(&err, "--site", "thigh", NULL), OPT_OK);
    assert_int_equal(t.choice, 2);
    assert_int_equal(parse(&err, "--site", "Calf", NULL), OPT_BAD_VALUE);
    assert_string_equal(err.what, "--site");
    assert_string_equal(err.value, "Calf");
    assert_string_equal(err.why, "is not one of calf, foot, thigh");
    /* an alias is accepted, never listed; the option's own wording */
    assert_int_equal(parse(&err, "--format", "md", NULL), OPT_OK);
    assert_int_equal(t.choice, 1);
    assert_int_equal(parse(&err, "--format", "pdf", NULL), OPT_BAD_VALUE);
    assert_string_equal(err.why, "is not a format I know (text, markdown, csv)");
}

static void test_string_and_repeated(void **state) {
    (void)state;
    struct opt_error err;
    assert_int_equal(parse(&err, "--name", "", NULL), OPT_OK);
    assert_string_equal(t.name, "");
    assert_int_equal(parse(&err, "-o", "week.html", NULL), OPT_OK);
    assert_string_equal(t.name, "week.html");
    assert_int_equal(parse(&err, "--tag", "a", "--tag", "b", "--tag", "c", NULL), OPT_OK);
    assert_int_equal(t.n_repeated, 3);
    assert_string_equal(t.repeated[2], "c");
    assert_int_equal(parse(&err, "--tag", "bad", NULL), OPT_BAD_VALUE);
    assert_string_equal(err.what, "--tag");
    assert_string_equal(err.value, "bad");
    assert_string_equal(err.why, "is a bad tag");
    assert_int_equal(parse(&err, "--tag", "d", "--tag", "e", NULL), OPT_BAD_VALUE);
    assert_null(err.value);
    assert_string_equal(err.why, "too many tags");
}

static void test_unknown_and_missing(void **state) {
    (void)state;
    struct opt_error err;
    assert_int_equal(parse(&err, "--bogus", NULL), OPT_UNKNOWN);
    assert_int_equal(parse(&err, "-x", NULL), OPT_UNKNOWN);
    assert_int_equal(parse(&err, "--limit", NULL), OPT_UNKNOWN); /* no value */
    assert_int_equal(parse(&err, "-n", NULL), OPT_UNKNOWN);
    assert_int_equal(parse(&err, "--flag=1", NULL), OPT_UNKNOWN); /* a flag takes none */
    /* the first problem stops the parse */
    assert_int_equal(parse(&err, "--limit", "0", "--bogus", NULL), OPT_BAD_VALUE);
    /* the word that was not known */
    assert_int_equal(parse(&err, "--bogus=3", NULL), OPT_UNKNOWN);
    assert_string_equal(err.what, "--bogus");
    assert_int_equal(parse(&err, "-fx", NULL), OPT_UNKNOWN);
    assert_string_equal(err.what, "-x");
    /* a hidden option is still an option */
    assert_int_equal(parse(&err, "--secret", NULL), OPT_OK);
    assert_int_equal(t.flag, 1);
}

/* A caller that words the errors itself: a missing value said apart. */
static void test_own_errors(void **state) {
    (void)state;
    struct opt_error err;
    struct opt_spec own = spec;
    char *argv[] = {"demo", "--limit", NULL};
    char *argv2[] = {"demo", "-fn", NULL};
    char *argv3[] = {"demo", "--bogus", NULL};

    own.own_errors = 1;
    assert_int_equal(opt_parse(&own, 2, argv, &err), OPT_MISSING_VALUE);
    assert_string_equal(err.what, "--limit");
    assert_int_equal(opt_parse(&own, 2, argv2, &err), OPT_MISSING_VALUE);
    assert_string_equal(err.what, "--limit");
    assert_int_equal(t.flag, 1);
    assert_int_equal(opt_parse(&own, 2, argv3, &err), OPT_UNKNOWN);
    assert_string_equal(err.what, "--bogus");
}

/* Options end at the first operand: a dispatcher leaves the rest. */
static void test_stop_at_operand(void **state) {
    (void)state;
    struct opt_error err;
    struct opt_spec stop = spec;
    char *argv[] = {"demo", "-f", "show", "--limit", "0", NULL};

    stop.stop_at_operand = 1;
    assert_int_equal(opt_parse(&stop, 5, argv, &err), OPT_OK);
    assert_int_equal(optind, 2);
    assert_string_equal(argv[optind], "show");
    assert_int_equal(t.limit, 0);
    /* getopt_long reset the old way (optind = 1) permutes again */
    char *argv2[] = {"demo", "x", "-f", NULL};
    static const struct option longs[] = {{"flag", no_argument, NULL, 'f'}, {0, 0, 0, 0}};
    optind = 1;
    assert_int_equal(getopt_long(3, argv2, "f", longs, NULL), 'f');
}

static void test_help_and_helper(void **state) {
    (void)state;
    struct opt_error err;
    assert_int_equal(parse(&err, "-h", NULL), OPT_HELP);
    assert_int_equal(parse(&err, "x", "--help", NULL), OPT_HELP);
    assert_int_equal(parse(&err, "--completion-helper", NULL), OPT_COMPLETION);
}

/* What a writer printed, as a string the caller frees. */
static char *printed(void (*fn)(FILE *, const struct opt_spec *)) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    fn(f, &spec);
    fclose(f);
    return buf;
}

static void test_usage(void **state) {
    (void)state;
    char *u = printed(opt_usage);
    assert_non_null(strstr(u, "usage: dietbal demo [--flag] ARG\n"
                              "       dietbal demo show ID\n"
                              "A demonstration.\n\noptions:\n"));
    assert_non_null(strstr(u, "\n  -f, --flag              a flag\n"));
    assert_non_null(strstr(u, "\n  -n, --limit N           1 to 200\n"));
    assert_non_null(strstr(u, "\n      --weight-kg W       kg\n"));
    assert_non_null(strstr(u, "\n      --json              JSON\n"));
    assert_non_null(strstr(u, "\n  -h, --help              this help\n"));
    assert_null(strstr(u, "secret"));
    assert_null(strstr(u, "completion-helper"));
    free(u);
}

static void test_complete(void **state) {
    (void)state;
    char *c = printed(opt_complete);
    assert_string_equal(c, "opt --flag\n"
                           "opt --limit -\n"
                           "opt --count -\n"
                           "opt --weight-kg -\n"
                           "opt --date today yesterday\n"
                           "opt --time -\n"
                           "opt --site calf foot thigh\n"
                           "opt --format text markdown csv\n"
                           "opt --name -\n"
                           "opt --output @file\n"
                           "opt --tag -\n"
                           "opt --json\n"
                           "opt --help\n"
                           "sub search\n"
                           "sub show\n"
                           "arg @file\n");
    free(c);
}

/* opt_value alone: an operand checked as an option would be. */
static void test_value(void **state) {
    (void)state;
    struct opt_error err;
    char day[11];
    struct opt o = {"day", 0, OPT_DATE, day, .arg = "D"};
    assert_int_equal(opt_value(&o, "2026-01-05", &err), 0);
    assert_string_equal(day, "2026-01-05");
    assert_int_equal(opt_value(&o, "soon", &err), -1);
    assert_string_equal(err.what, "--day");
    assert_string_equal(err.value, "soon");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_flags_and_operands, setup),
        cmocka_unit_test_setup(test_int_range, setup),
        cmocka_unit_test_setup(test_decimal, setup),
        cmocka_unit_test_setup(test_date, setup),
        cmocka_unit_test_setup(test_time, setup),
        cmocka_unit_test_setup(test_choice, setup),
        cmocka_unit_test_setup(test_string_and_repeated, setup),
        cmocka_unit_test_setup(test_unknown_and_missing, setup),
        cmocka_unit_test_setup(test_own_errors, setup),
        cmocka_unit_test_setup(test_stop_at_operand, setup),
        cmocka_unit_test_setup(test_help_and_helper, setup),
        cmocka_unit_test_setup(test_usage, setup),
        cmocka_unit_test_setup(test_complete, setup),
        cmocka_unit_test_setup(test_value, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
