/*
 * main.c - global options, then dispatch to a command (as git's git.c).
 */
#include "cmd.h"

#include "dietbal/date.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    cmd_fn fn;
    const char *help;
} commands[] = {
    {"init", cmd_init, "create the database and import the bundled USDA table"},
    {"import", cmd_import, "import food tables (XML or XML.gz)"},
    {"foods", cmd_foods, "search or show foods: foods search TEXT, foods show ID"},
    {"profile", cmd_profile, "set or show age, sex, weight, pregnancy, lactation"},
    {"add", cmd_add, "log food: add [--date D] [--meal M] \"QUANTITY [UNIT] FOOD\"..."},
    {"supplement", cmd_supplement, "define, list or show supplements from their labels"},
    {"recipe", cmd_recipe, "define, show, list, remove or export recipes (foods made of foods)"},
    {"meal", cmd_meal, "save, define, list, show or remove saved meals (@meal:NAME in add)"},
    {"copy", cmd_copy, "copy a day's or a meal's entries to another day"},
    {"log", cmd_log, "list diary entries with their ids"},
    {"rm", cmd_rm, "remove diary entries by id"},
    {"day", cmd_day, "one day's totals against the reference values"},
    {"cramp", cmd_cramp, "log a leg-cramp episode: cramp add ..."},
    {"report", cmd_report, "the nutrient-balance report for a period"},
    {"suggest", cmd_suggest, "foods that raise a nutrient while keeping the balance"},
    {"export", cmd_export, "the diary as CSV or JSON, for a dietitian or a spreadsheet"},
    {"check", cmd_check, "check the database: integrity and foreign keys"},
    {"backup", cmd_backup, "copy the database to FILE, safely while it is in use"},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* The command names, for the completion words. */
static const char *command_names[N_COMMANDS + 1];

/* The global options, before the command (which takes them too): the
 * common ones and --version. */
static void global_spec(struct opt_spec *spec, struct opt opts[2], struct opt common[CMD_COMMON_N],
                        struct cmd_ctx *ctx, int *version) {
    const struct opt t[2] = {{"version", 0, OPT_FLAG, version, .help = "the version of dietbal"},
                             {0}};

    memcpy(opts, t, sizeof(t));
    cmd_common_options(common, ctx);
    for (size_t i = 0; i < N_COMMANDS; i++)
        command_names[i] = commands[i].name;
    *spec = (struct opt_spec){.name = "dietbal",
                              .usage = "[--db PATH] [--json] [--quiet] COMMAND [ARGS]\n"
                                       "--help | --version",
                              .opts = opts,
                              .common = common,
                              .subs = command_names,
                              .stop_at_operand = 1,
                              .own_errors = 1};
}

static void usage(FILE *out, const struct opt_spec *spec) {
    opt_usage(out, spec);
    fprintf(out, "\ncommands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].help);
    fprintf(out, "\n'dietbal COMMAND --help' describes a command.  See dietbal(1).\n"
                 "dietbal is not medical advice.\n");
}

/* The global options: true to go on to the command at argv[optind], else
 * *rc is the exit status (help, version, completion words or an error). */
static bool global_options(int argc, char **argv, struct cmd_ctx *ctx, int *rc) {
    struct opt_spec spec;
    struct opt opts[2], common[CMD_COMMON_N];
    struct opt_error err;
    int version = 0;

    global_spec(&spec, opts, common, ctx, &version);
    *rc = EXIT_OK;
    switch (opt_parse(&spec, argc, argv, &err)) {
    case OPT_OK:
        if (version) {
            printf("dietbal %s\n", DIETBAL_VERSION);
            return false;
        }
        if (optind < argc)
            return true;
        usage(stderr, &spec);
        *rc = EXIT_USAGE;
        return false;
    case OPT_HELP:
        usage(stdout, &spec);
        return false;
    case OPT_COMPLETION:
        opt_complete(stdout, &spec);
        return false;
    case OPT_BAD_VALUE:
        cmd_opt_error(&err);
        break;
    case OPT_NO_MEMORY:
        cmd_opt_error(&err);
        *rc = EXIT_RUNTIME;
        return false;
    case OPT_MISSING_VALUE:
        cmd_error(err.what, "needs a path"); /* --db: the one global option with a value */
        break;
    case OPT_UNKNOWN:
        cmd_error(err.what, "unknown option (try 'dietbal --help')");
        break;
    }
    *rc = EXIT_USAGE;
    return false;
}

/*
 * The exit status tells the truth about standard output: what a command
 * printed is only written when the buffer is flushed, and a full disk or
 * a closed pipe shows then.  A command that succeeded but whose output
 * was lost exits 1.
 */
static int stdout_done(int rc) {
    int failed = fflush(stdout) != 0 || ferror(stdout);
    int e = errno;

    if (fclose(stdout) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    if (!failed)
        return rc;
    if (rc == EXIT_OK || !(e == EPIPE)) /* a closed pipe after an error: one message is enough */
        cmd_error("standard output", "write error: %s", strerror(e ? e : EIO));
    return rc == EXIT_OK ? EXIT_RUNTIME : rc;
}

int main(int argc, char **argv) {
    struct cmd_ctx ctx = {0};
    int rc;

    setlocale(LC_CTYPE, "");
    if (!global_options(argc, argv, &ctx, &rc))
        return rc == EXIT_OK ? stdout_done(rc) : rc;
    int i = optind;
    /* a DIETBAL_TODAY that is not a date would silently be today */
    const char *today = getenv("DIETBAL_TODAY");
    long day;
    if (today && *today && date_parse(today, 0, &day) != 0) {
        cmd_error("DIETBAL_TODAY", "'%s' is not a date (use YYYY-MM-DD)", today);
        return EXIT_USAGE;
    }
    for (size_t k = 0; k < N_COMMANDS; k++) {
        if (strcmp(argv[i], commands[k].name) == 0) {
            rc = stdout_done(commands[k].fn(argc - i, argv + i, &ctx));
            cmd_tx_free();
            return rc;
        }
    }
    cmd_error(argv[i], "unknown command (try 'dietbal --help')");
    return EXIT_USAGE;
}
