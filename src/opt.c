/*
 * opt.c - a command's option table turned into getopt_long's arguments,
 * each value checked by its kind, the -h option list and the completion
 * words (opt.h).  Prints only where the caller says (opt_usage and
 * opt_complete write to the FILE they are given).
 */
#include "opt.h"

#include "dietbal/date.h"

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* getopt_long's codes past every char: the completion helper, then option
 * i of the tables as CODE_BASE + i. */
#define HELPER_CODE (UCHAR_MAX + 1)
#define CODE_BASE (UCHAR_MAX + 2)

/* Width of the option column in the usage. */
#define USAGE_COLUMN 26

static size_t table_len(const struct opt *t) {
    size_t n = 0;
    while (t && t[n].kind != OPT_END)
        n++;
    return n;
}

/* Option i of the two tables taken as one. */
static const struct opt *nth(const struct opt_spec *spec, size_t i) {
    size_t own = table_len(spec->opts);
    return i < own ? &spec->opts[i] : &spec->common[i - own];
}

static size_t spec_len(const struct opt_spec *spec) {
    return table_len(spec->opts) + table_len(spec->common);
}

static int takes_value(const struct opt *o) { return o->kind != OPT_FLAG; }

static int has_range(const struct opt *o) { return o->min < o->max; }

/* "a, b, c": the words of a choice, into buf. */
static void choice_list(const struct opt *o, char *buf, size_t len) {
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; o->choices && o->choices[i] && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? ", " : "", o->choices[i]);
}

/* err->why: o->why with its "%s" standing for the choices, else dflt. */
static void set_why(const struct opt *o, struct opt_error *err, const char *dflt) {
    const char *w = o->why ? o->why : dflt;
    const char *mark = strstr(w, "%s");
    char list[256];

    if (!mark) {
        snprintf(err->why, sizeof(err->why), "%s", w);
        return;
    }
    choice_list(o, list, sizeof(list));
    snprintf(err->why, sizeof(err->why), "%.*s%s%s", (int)(mark - w), w, list, mark + 2);
}

int opt_decimal(const char *text, double *out) {
    size_t digits = 0, points = 0;

    for (const char *p = text; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p == '.')
            points++;
        else
            return -1; /* signs, exponents, hex, "inf", "nan", spaces */
    }
    if (digits == 0 || digits > 15 || points > 1)
        return -1;
    *out = strtod(text, NULL); /* LC_NUMERIC is "C": main sets LC_CTYPE only */
    return 0;
}

/* "is not a number from 1 to 200", or the option's own words. */
static int refuse_number(const struct opt *o, struct opt_error *err, const char *unranged) {
    char why[128];
    if (has_range(o))
        snprintf(why, sizeof(why), "is not a number from %.15g to %.15g", o->min, o->max);
    else
        snprintf(why, sizeof(why), "%s", unranged);
    set_why(o, err, why);
    return -1;
}

static int value_int(const struct opt *o, const char *text, struct opt_error *err) {
    char *end;
    long v = strtol(text, &end, 10);

    if (end == text || *end || (has_range(o) && (v < o->min || v > o->max)))
        return refuse_number(o, err, "is not a whole number");
    if (o->target)
        *(long *)o->target = v;
    return 0;
}

static int value_decimal(const struct opt *o, const char *text, struct opt_error *err) {
    double v;

    if (opt_decimal(text, &v) != 0 || (has_range(o) && (v < o->min || v > o->max)))
        return refuse_number(o, err, "is not a number");
    if (o->target)
        *(double *)o->target = v;
    return 0;
}

/* NNNN-NN-NN */
static int is_ymd(const char *t) {
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? t[i] != '-' : t[i] < '0' || t[i] > '9')
            return 0;
    return t[10] == '\0';
}

static int value_date(const struct opt *o, const char *text, struct opt_error *err) {
    long day;
    char why[128];

    if (date_parse(text, date_today(), &day) == 0) {
        if (o->target)
            date_format(day, o->target);
        return 0;
    }
    /* a well-formed date outside the years dietbal keeps */
    int ymd = is_ymd(text);
    int y = ymd ? atoi(text) : DATE_YEAR_MIN, m = ymd ? atoi(text + 5) : 0,
        d = ymd ? atoi(text + 8) : 0;
    if ((y < DATE_YEAR_MIN || y > DATE_YEAR_MAX) && m >= 1 && m <= 12 && d >= 1 && d <= 31)
        snprintf(why, sizeof(why), "is outside the years %d to %d", DATE_YEAR_MIN, DATE_YEAR_MAX);
    else
        snprintf(why, sizeof(why), "is not a date (use YYYY-MM-DD, today or yesterday)");
    set_why(o, err, why);
    return -1;
}

static int value_time(const struct opt *o, const char *text, struct opt_error *err) {
    const char *t = text;
    if (strlen(t) == 5 && t[2] == ':' && t[0] >= '0' && t[0] <= '2' && t[1] >= '0' && t[1] <= '9' &&
        t[3] >= '0' && t[3] <= '5' && t[4] >= '0' && t[4] <= '9' &&
        (t[0] - '0') * 10 + (t[1] - '0') < 24) {
        if (o->target)
            memcpy(o->target, t, 6);
        return 0;
    }
    set_why(o, err, "is not a time of day (use HH:MM, 00:00 to 23:59)");
    return -1;
}

static int value_choice(const struct opt *o, const char *text, struct opt_error *err) {
    const char *word = text;

    for (size_t i = 0; o->aliases && o->aliases[i].alias; i++)
        if (strcmp(text, o->aliases[i].alias) == 0)
            word = o->aliases[i].word;
    for (int i = 0; o->choices && o->choices[i]; i++)
        if (strcmp(word, o->choices[i]) == 0) {
            if (o->target)
                *(int *)o->target = i;
            return 0;
        }
    set_why(o, err, "is not one of %s");
    return -1;
}

int opt_value(const struct opt *o, const char *text, struct opt_error *err) {
    int rc = 0;

    snprintf(err->what, sizeof(err->what), "--%s", o->name);
    err->value = text;
    err->why[0] = '\0';
    switch (o->kind) {
    case OPT_FLAG:
        if (o->target)
            *(int *)o->target = 1;
        break;
    case OPT_INT:
        rc = value_int(o, text, err);
        break;
    case OPT_DECIMAL:
        rc = value_decimal(o, text, err);
        break;
    case OPT_DATE:
        rc = value_date(o, text, err);
        break;
    case OPT_TIME:
        rc = value_time(o, text, err);
        break;
    case OPT_CHOICE:
        rc = value_choice(o, text, err);
        break;
    case OPT_STRING:
        if (o->target)
            *(const char **)o->target = text;
        break;
    case OPT_END:
        break;
    }
    if (rc == 0 && o->check)
        rc = o->check(o, text, err);
    if (rc == 0 && o->seen)
        (*o->seen)++;
    return rc;
}

/* getopt_long's tables for spec: longs (n + 3: help, the helper, the end)
 * and the short string.  0, or -1 when out of memory. */
static int build(const struct opt_spec *spec, struct option **longs, char **shorts) {
    size_t n = spec_len(spec), k = 0;

    *longs = calloc(n + 3, sizeof(**longs));
    *shorts = calloc(2 * n + 5, 1);
    if (!*longs || !*shorts)
        return -1;
    if (spec->stop_at_operand)
        (*shorts)[k++] = '+';
    if (spec->own_errors)
        (*shorts)[k++] = ':';
    for (size_t i = 0; i < n; i++) {
        const struct opt *o = nth(spec, i);
        (*longs)[i] = (struct option){o->name, takes_value(o) ? required_argument : no_argument,
                                      NULL, CODE_BASE + (int)i};
        if (o->short_name) {
            (*shorts)[k++] = (char)o->short_name;
            if (takes_value(o))
                (*shorts)[k++] = ':';
        }
    }
    (*shorts)[k] = 'h';
    (*longs)[n] = (struct option){"help", no_argument, NULL, 'h'};
    (*longs)[n + 1] = (struct option){OPT_COMPLETION_HELPER, no_argument, NULL, HELPER_CODE};
    return 0;
}

/* The option whose short name is c, or NULL. */
static const struct opt *by_short(const struct opt_spec *spec, int c) {
    for (size_t i = 0, n = spec_len(spec); i < n; i++)
        if (nth(spec, i)->short_name == c)
            return nth(spec, i);
    return NULL;
}

/*
 * getopt_long started over in its default order (options and operands
 * mixed), optind kept: code that resets it with optind = 1 (not 0) keeps
 * the order of the last start, which after a '+' would stop it at the
 * first operand.
 */
static void restart_getopt(void) {
    char name[] = "", *none[] = {name, NULL}; /* glibc returns at once for argc 0 */
    int first = optind;

    optind = 0;
    getopt(1, none, "");
    optind = first;
}

/* The option getopt_long's code c stands for, or NULL. */
static const struct opt *by_code(const struct opt_spec *spec, int c) {
    if (c >= CODE_BASE && (size_t)(c - CODE_BASE) < spec_len(spec))
        return nth(spec, (size_t)(c - CODE_BASE));
    return by_short(spec, c);
}

/* err for an option not in the tables (word: the last argument read). */
static enum opt_status unknown(const char *word, struct opt_error *err) {
    if (optopt > 0 && optopt <= UCHAR_MAX)
        snprintf(err->what, sizeof(err->what), "-%c", optopt);
    else
        snprintf(err->what, sizeof(err->what), "%.*s", (int)strcspn(word, "="), word);
    return OPT_UNKNOWN;
}

/* err for an option given without its value. */
static enum opt_status missing(const struct opt_spec *spec, struct opt_error *err) {
    const struct opt *o = by_code(spec, optopt);
    snprintf(err->what, sizeof(err->what), "--%s", o ? o->name : "?");
    snprintf(err->why, sizeof(err->why), "needs a value");
    return OPT_MISSING_VALUE;
}

enum opt_status opt_parse(const struct opt_spec *spec, int argc, char **argv,
                          struct opt_error *err) {
    struct option *longs = NULL;
    char *shorts = NULL;
    int c;
    enum opt_status st = OPT_OK;

    memset(err, 0, sizeof(*err));
    if (build(spec, &longs, &shorts) != 0) {
        snprintf(err->what, sizeof(err->what), "%s", spec->name);
        snprintf(err->why, sizeof(err->why), "out of memory");
        st = OPT_NO_MEMORY;
        goto out;
    }
    optind = 0; /* 0, not 1: glibc reads the '+' of shorts only when it starts over */
    while (st == OPT_OK && (c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        const struct opt *o = NULL;
        if (c == 'h')
            st = OPT_HELP;
        else if (c == HELPER_CODE)
            st = OPT_COMPLETION;
        else if (c == ':')
            st = missing(spec, err);
        else if (c == '?' || !(o = by_code(spec, c)))
            st = unknown(argv[optind - 1], err); /* getopt_long may have said so */
        if (o && opt_value(o, takes_value(o) ? optarg : NULL, err) != 0)
            st = OPT_BAD_VALUE;
    }
out:
    free(longs);
    free(shorts);
    restart_getopt();
    return st;
}

/* -h and --help, opt_parse's own: in the usage as any other. */
static const struct opt help = {"help", 'h', OPT_FLAG, NULL, .help = "this help"};

/* "-n, --limit N" */
static void usage_line(FILE *out, const struct opt *o) {
    char names[64];
    int n;

    if (o->short_name)
        n = snprintf(names, sizeof(names), "-%c, --%s", o->short_name, o->name);
    else
        n = snprintf(names, sizeof(names), "    --%s", o->name);
    if (takes_value(o) && n > 0 && (size_t)n < sizeof(names))
        snprintf(names + n, sizeof(names) - (size_t)n, " %s", o->arg ? o->arg : "VALUE");
    if (strlen(names) + 2 < USAGE_COLUMN)
        fprintf(out, "  %-*s%s\n", USAGE_COLUMN - 2, names, o->help ? o->help : "");
    else
        fprintf(out, "  %s\n  %-*s%s\n", names, USAGE_COLUMN - 2, "", o->help ? o->help : "");
}

void opt_usage(FILE *out, const struct opt_spec *spec) {
    const char *u = spec->usage ? spec->usage : spec->name;
    int first = 1;

    /* each line of the synopsis: "usage: dietbal ..." then aligned under
     * it; a line that starts with a space continues the one before */
    while (*u) {
        const char *nl = strchr(u, '\n');
        size_t len = nl ? (size_t)(nl - u) : strlen(u);
        if (*u == ' ') /* the line before, continued */
            fprintf(out, "       %.*s\n", (int)len, u);
        else
            fprintf(out, "%s dietbal %.*s\n", first ? "usage:" : "      ", (int)len, u);
        first = 0;
        u += len + (nl != NULL);
    }
    if (spec->about)
        fprintf(out, "%s", spec->about);
    fprintf(out, "\noptions:\n");
    for (size_t i = 0, n = spec_len(spec); i < n; i++)
        if (!nth(spec, i)->hidden)
            usage_line(out, nth(spec, i));
    usage_line(out, &help);
}

/* Print words (space-separated) one by one after the prefix. */
static void complete_value(FILE *out, const struct opt *o) {
    switch (o->kind) {
    case OPT_FLAG:
        return;
    case OPT_DATE:
        fprintf(out, " today yesterday");
        return;
    case OPT_CHOICE:
        for (size_t i = 0; o->choices && o->choices[i]; i++)
            fprintf(out, " %s", o->choices[i]);
        return;
    default:
        fprintf(out, " %s", o->complete ? o->complete : "-");
        return;
    }
}

void opt_complete(FILE *out, const struct opt_spec *spec) {
    for (size_t i = 0, n = spec_len(spec); i < n; i++) {
        const struct opt *o = nth(spec, i);
        if (o->hidden)
            continue;
        fprintf(out, "opt --%s", o->name);
        complete_value(out, o);
        fputc('\n', out);
    }
    fprintf(out, "opt --help\n");
    for (size_t i = 0; spec->subs && spec->subs[i]; i++)
        fprintf(out, "sub %s\n", spec->subs[i]);
    if (spec->operands)
        fprintf(out, "arg %s\n", spec->operands);
}
