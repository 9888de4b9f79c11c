/*
 * cmd_report.c - `dietbal report` (a period) and `dietbal day` (one day):
 * read the period's day totals, cramps and profile from the store, run the
 * analysis, look up food suggestions for the nutrients that are short, and
 * render in the chosen format to stdout or, atomically and 0600, to
 * --output FILE.
 *
 * Parsing, loading and writing only; every judgement is in analysis.c and
 * every layout in report_*.c.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cmd.h"

#include "dietbal/fileout.h"

#include "dietbal/analysis.h"
#include "dietbal/date.h"
#include "dietbal/report.h"
#include "dietbal/store.h"
#include "dietbal/suggest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Foods suggested per short nutrient (product.md "Report"). */
#define SUGGESTIONS_PER_NUTRIENT 3

/* The default period: the 7 days ending today (product.md). */
#define DEFAULT_DAYS 7

/* HTML goes to a file by default (product.md): HTML_DIR/dietbal-<from>_<to>.html
 * under the current directory, the directory created when missing. */
#define HTML_DIR "reports"

enum format { FMT_TEXT, FMT_MARKDOWN, FMT_HTML, FMT_JSON, FMT_CSV };

/*
 * Food suggestions for one nutrient.  suggest.c is its own module (and
 * branch); the report reaches it only through this function.
 */
static int fetch_suggestions(store *s, int nutrient, struct suggestion **out, size_t *n, char *err,
                             size_t errlen) {
    return suggest_foods(s, nutrient, SUGGESTIONS_PER_NUTRIENT, out, n, err, errlen);
}

/* Profile, day totals, the foods eaten and cramps of [from, to] (cramps
 * from a few days earlier, for the persistent-pain rules), then the
 * analysis. */
static int load_and_analyse(store *s, long from, long to, struct analysis **out) {
    struct profile p;
    struct day_totals *days = NULL;
    struct cramp *cramps = NULL;
    struct period_source *foods = NULL;
    size_t n_days = 0, n_cramps = 0, n_foods = 0;
    char f[11], t[11], lookback[11], err[256];
    int rc = EXIT_RUNTIME;

    date_format(from, f);
    date_format(to, t);
    date_format(from - ANALYSIS_CRAMP_LOOKBACK_DAYS, lookback);
    if (store_profile_get(s, &p) != STORE_OK ||
        store_day_totals(s, f, t, &days, &n_days) != STORE_OK ||
        store_period_foods(s, f, t, &foods, &n_foods) != STORE_OK ||
        store_cramps_list(s, lookback, t, &cramps, &n_cramps) != STORE_OK) {
        cmd_error("report", "%s", store_errmsg(s));
        goto out;
    }
    struct analysis_input in = {from, to, &p, days, n_days, cramps, n_cramps, foods, n_foods};
    if (analysis_run(&in, out, err, sizeof(err)) != 0) {
        cmd_error("report", "%s", err);
        goto out;
    }
    rc = EXIT_OK;
out:
    free(days);
    free(cramps);
    store_period_sources_free(foods, n_foods);
    return rc;
}

static int render(FILE *f, enum format fmt, const struct analysis *a, const struct report_opts *o) {
    switch (fmt) {
    case FMT_TEXT:
        return report_text(f, a, o);
    case FMT_MARKDOWN:
        return report_markdown(f, a, o);
    case FMT_JSON:
        return report_json(f, a, o);
    case FMT_CSV:
        return report_csv(f, a);
    case FMT_HTML:
        return report_html(f, a, o);
    }
    return -1;
}

/*
 * Write to path the one safe way (fileout.c): never the database or its
 * files, a FIFO or a device written as it is, a regular file replaced
 * whole (mode 0600: health data) or left as it was.
 */
static int write_file(const struct cmd_ctx *ctx, const char *path, enum format fmt,
                      const struct analysis *a, const struct report_opts *o) {
    char buf[4096], err[1024];
    struct fileout fo;
    int rc = fileout_open(&fo, path, cmd_db_path(ctx, buf, sizeof(buf)), 1, err, sizeof(err));

    if (rc != FILEOUT_OK) {
        cmd_error("--output", "%s", err);
        return rc == FILEOUT_EINPUT ? EXIT_USAGE : EXIT_RUNTIME;
    }
    if (render(fo.f, fmt, a, o) != 0) {
        cmd_error(path, "write failed: %s", strerror(errno ? errno : EIO));
        fileout_abort(&fo);
        return EXIT_RUNTIME;
    }
    if (fileout_commit(&fo, err, sizeof(err)) != FILEOUT_OK) {
        cmd_error_msg(err);
        return EXIT_RUNTIME;
    }
    return EXIT_OK;
}

/* Colour only on a terminal, and never with NO_COLOR set (no-color.org). */
static int want_color(void) {
    const char *nc = getenv("NO_COLOR");
    return isatty(STDOUT_FILENO) && !(nc && *nc);
}

/* HTML_DIR in the current directory, created (0700: health data) when
 * missing. */
static int make_html_dir(void) {
    struct stat st;
    if (mkdir(HTML_DIR, 0700) != 0 && errno != EEXIST) {
        cmd_error(HTML_DIR, "cannot create the directory: %s", strerror(errno));
        return EXIT_RUNTIME;
    }
    if (stat(HTML_DIR, &st) != 0 || !S_ISDIR(st.st_mode)) {
        cmd_error(HTML_DIR, "not a directory (give --output FILE)");
        return EXIT_RUNTIME;
    }
    /* a linked reports/ may lead anywhere: say where the report goes */
    if (lstat(HTML_DIR, &st) == 0 && S_ISLNK(st.st_mode)) {
        char *real = realpath(HTML_DIR, NULL);
        cmd_error(HTML_DIR, "is a symbolic link: the report goes to %s", real ? real : "?");
        free(real);
    }
    return EXIT_OK;
}

/* Analyse [from, to] and write it: the common tail of report and day.
 * make_dir: output is the default HTML path, whose directory may be
 * missing. */
static int run_report(const struct cmd_ctx *ctx, long from, long to, enum format fmt,
                      const char *output, int suggestions, int make_dir) {
    store *s = NULL;
    struct analysis *a = NULL;
    struct report_suggestions sg[NUT_CORE_COUNT];
    struct suggestion *lists[NUT_CORE_COUNT] = {NULL};
    size_t lens[NUT_CORE_COUNT] = {0}, n_sg = 0;
    int ids[NUT_CORE_COUNT], rc;

    if ((rc = cmd_open_store(ctx, STORE_OPEN_EXISTING, &s)) != EXIT_OK)
        return rc;
    if ((rc = load_and_analyse(s, from, to, &a)) != EXIT_OK)
        goto out;
    if (suggestions) {
        size_t n_ids = analysis_short_nutrients(a, ids, NUT_CORE_COUNT);
        for (size_t i = 0; i < n_ids; i++) {
            char err[256] = "";
            if (fetch_suggestions(s, ids[i], &lists[n_sg], &lens[n_sg], err, sizeof(err)) != 0) {
                /* the report stands without them */
                cmd_error("suggestions", "%s", err);
                continue;
            }
            sg[n_sg].nutrient = ids[i];
            sg[n_sg].items = lists[n_sg];
            sg[n_sg].n = lens[n_sg];
            n_sg++;
        }
    }
    struct report_opts o = {sg, n_sg, 0};
    if (output) {
        if (make_dir && (rc = make_html_dir()) != EXIT_OK)
            goto out;
        rc = write_file(ctx, output, fmt, a, &o);
        if (rc == EXIT_OK && fmt == FMT_HTML && !ctx->quiet)
            printf("HTML report written to %s\n", output);
    } else {
        o.color = fmt == FMT_TEXT && want_color();
        if (render(stdout, fmt, a, &o) != 0) {
            cmd_error("report", "cannot write to standard output");
            rc = EXIT_RUNTIME;
        }
    }
out:
    for (size_t i = 0; i < n_sg; i++)
        suggest_free(lists[i], lens[i]);
    analysis_free(a);
    store_close(s);
    return rc;
}

/* The words of --format, in the order of enum format. */
static const char *const format_names[] = {"text", "markdown", "html", "json", "csv", NULL};
static const struct opt_alias format_aliases[] = {{"md", "markdown"}, {NULL, NULL}};

/* What report was asked for. */
struct report_args {
    char from[11], to[11]; /* --from, --to: "" when not given */
    long week_from, week_to;
    int has_week, has_format, format;
    const char *output;
};

/* --week YYYY-Www: its Monday to Sunday (o->data: the report_args). */
static int iso_week(const struct opt *o, const char *text, struct opt_error *err) {
    struct report_args *r = o->data;
    if (date_parse_iso_week(text, &r->week_from, &r->week_to) == 0)
        return 0;
    snprintf(err->why, sizeof(err->why), "is not an ISO week (use YYYY-Www, e.g. 2026-W47)");
    return -1;
}

/* The day number of date (YYYY-MM-DD, as opt.c wrote it). */
static long day_of(const char *date) {
    long day = 0;
    date_parse(date, 0, &day);
    return day;
}

/* The period asked for, checked, into from and to; EXIT_OK or EXIT_USAGE
 * with the error said. */
static int report_period(const struct report_args *r, long *from, long *to) {
    if (r->has_week && (r->from[0] || r->to[0])) {
        cmd_error("--week", "give either --week or --from/--to, not both");
        return EXIT_USAGE;
    }
    if (r->has_week) {
        *from = r->week_from;
        *to = r->week_to;
    } else if (r->from[0] && !r->to[0]) {
        *from = day_of(r->from);
        *to = date_today();
        if (*from > *to) {
            cmd_error("--from", "the date is after today; give --to as well");
            return EXIT_USAGE;
        }
    } else {
        *to = r->to[0] ? day_of(r->to) : date_today();
        *from = r->from[0] ? day_of(r->from) : *to - (DEFAULT_DAYS - 1);
    }
    if (*from > *to) {
        char f[11], t[11];
        date_format(*from, f);
        date_format(*to, t);
        cmd_error("--from", "%s is after --to %s", f, t);
        return EXIT_USAGE;
    }
    if (*to - *from + 1 > ANALYSIS_MAX_DAYS) {
        cmd_error("report", "the period is %ld days long; at most %d days can be reported",
                  *to - *from + 1, ANALYSIS_MAX_DAYS);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* The synopsis and prose of report -h. */
#define STR_(x) #x
#define STR(x) STR_(x)
static const char
    report_about[] = "The nutrient-balance report for a period: by default the " STR(DEFAULT_DAYS) " days ending today.\n--from alone runs to today; --to alone covers the " STR(
        DEFAULT_DAYS) " days ending then.  At most\n" STR(ANALYSIS_MAX_DAYS) " days.  --json is "
                                                                             "--format json.  "
                                                                             "--output writes FILE "
                                                                             "(mode 0600) instead "
                                                                             "of\n"
                                                                             "standard output; "
                                                                             "html always goes to "
                                                                             "a file, by "
                                                                             "default\n" HTML_DIR
                                                                             "/dietbal-FROM_TO."
                                                                             "html.  Dates: "
                                                                             "YYYY-MM-DD, today or "
                                                                             "yesterday.\n";

int cmd_report(int argc, char **argv, struct cmd_ctx *ctx) {
    struct report_args r = {.format = FMT_TEXT};
    const struct opt opts[] = {
        {"week", 0, OPT_STRING, NULL, .check = iso_week, .data = &r, .seen = &r.has_week,
         .arg = "YYYY-Www", .help = "an ISO week, Monday to Sunday"},
        {"from", 0, OPT_DATE, r.from, .arg = "D", .help = "the first day"},
        {"to", 0, OPT_DATE, r.to, .arg = "D", .help = "the last day"},
        {"format", 0, OPT_CHOICE, &r.format, .choices = format_names, .aliases = format_aliases,
         .seen = &r.has_format, .arg = "FORMAT", .help = "text, markdown, html, json or csv"},
        {"output", 'o', OPT_STRING, &r.output, .arg = "FILE", .complete = "@file",
         .help = "write FILE (mode 0600) instead of standard output"},
        {0}};
    const struct opt_spec spec = {
        .name = "report",
        .usage = "report [--week YYYY-Www | --from D [--to D] | --to D]\n"
                 "               [--format text|markdown|html|json|csv] [--output FILE]\n"
                 "               [--json]",
        .about = report_about,
        .opts = opts};
    long from = 0, to = 0;
    int rc;

    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (optind < argc) {
        cmd_error("report", "unexpected argument '%s' (try 'dietbal report --help')", argv[optind]);
        return EXIT_USAGE;
    }
    enum format fmt = (enum format)r.format;
    if (ctx->json) {
        if (r.has_format && fmt != FMT_JSON) {
            cmd_error("--json", "conflicts with --format other than json");
            return EXIT_USAGE;
        }
        fmt = FMT_JSON;
    }
    if ((rc = report_period(&r, &from, &to)) != EXIT_OK)
        return rc;
    char html_path[sizeof(HTML_DIR "/dietbal-YYYY-MM-DD_YYYY-MM-DD.html")];
    int make_dir = 0;
    if (fmt == FMT_HTML && !r.output) {
        char f[11], t[11];
        date_format(from, f);
        date_format(to, t);
        snprintf(html_path, sizeof(html_path), HTML_DIR "/dietbal-%s_%s.html", f, t);
        r.output = html_path;
        make_dir = 1;
    }
    return run_report(ctx, from, to, fmt, r.output, 1, make_dir);
}

int cmd_day(int argc, char **argv, struct cmd_ctx *ctx) {
    const struct opt_spec spec = {
        .name = "day",
        .usage = "day [DATE] [--json]",
        .about = "One day's totals against the reference values of that day (default today).\n",
        .operands = "today yesterday"};
    long day = date_today();
    int rc;

    if (!cmd_options(&spec, argc, argv, ctx, &rc))
        return rc;
    if (argc - optind > 1) {
        cmd_error("day", "unexpected argument '%s' (try 'dietbal day --help')", argv[optind + 1]);
        return EXIT_USAGE;
    }
    if (optind < argc) {
        char date[11];
        if (cmd_parse_date("day", argv[optind], date) != 0)
            return EXIT_USAGE;
        day = day_of(date);
    }
    return run_report(ctx, day, day, ctx->json ? FMT_JSON : FMT_TEXT, NULL, 0, 0);
}
