/*
 * opt.h - the options of a command, declared once in a table (as libgit2's
 * src/cli/opt.h and git's parse-options.h).  One table gives the parsing
 * (getopt_long with the long options and the short string built from it),
 * the checks of each value with one message format, the option list of
 * -h, and the words of shell completion (--completion-helper).
 *
 * Private to the commands: nothing here opens the database.  opt_parse
 * prints nothing either; it says what happened and the command layer
 * (cmd_common.c) prints the error, the usage or the completion words.
 */
#ifndef DIETBAL_OPT_H
#define DIETBAL_OPT_H

#include <stdio.h>

/* What an option takes, and so what its target points to. */
enum opt_kind {
    OPT_END = 0, /* ends a table */
    OPT_FLAG,    /* no value: int *target set to 1 */
    OPT_INT,     /* a whole number (strtol, base 10): long *target */
    OPT_DECIMAL, /* a plain decimal, "1.5" (opt_decimal): double *target */
    OPT_DATE,    /* YYYY-MM-DD, today, yesterday: char target[11], YYYY-MM-DD */
    OPT_TIME,    /* HH:MM, 00:00 to 23:59: char target[6] */
    OPT_CHOICE,  /* one of choices[]: int *target set to its index */
    OPT_STRING,  /* any text: const char **target set to it (argv's, not copied) */
};

/* What opt_parse found. */
enum opt_status {
    OPT_OK,            /* every option read: operands start at optind */
    OPT_HELP,          /* -h or --help: the caller prints opt_usage, exits 0 */
    OPT_COMPLETION,    /* --completion-helper: the caller prints opt_complete */
    OPT_BAD_VALUE,     /* a value refused: see struct opt_error */
    OPT_UNKNOWN,       /* an option not in the tables: err->what is the word */
    OPT_NO_MEMORY,     /* the tables could not be built: a run-time failure */
    OPT_MISSING_VALUE, /* an option without its value: err->what is its name
                        * (reported as OPT_UNKNOWN unless spec->own_errors) */
};

/* A value refused: shown as "dietbal: WHAT: 'VALUE' WHY" (value given) or
 * "dietbal: WHAT: WHY".  value points into argv: the whole text, however
 * long, reaches the printer (which shortens long lines itself). */
struct opt_error {
    char what[64];     /* "--limit" */
    const char *value; /* the text refused, or NULL when why says it all */
    char why[512];     /* "is not a number from 1 to 200" */
};

struct opt;

/* A further check of a value the kind accepted, or the whole handling of
 * a repeated option (--table A --table B): 0, or -1 with err filled (its
 * what is already set).  o->data is the command's. */
typedef int (*opt_check_fn)(const struct opt *o, const char *text, struct opt_error *err);

/* Another word for a choice, accepted but not listed ("md": "markdown"). */
struct opt_alias {
    const char *alias;
    const char *word;
};

/*
 * One option.  Tables end with {0} (kind OPT_END) and are usually written
 * with designated initialisers after the first three fields:
 *     {"limit", 'n', OPT_INT, &limit, .min = 1, .max = 200, .arg = "N",
 *      .help = "how many foods (1 to 200)"}
 */
struct opt {
    const char *name; /* long name, without "--" */
    int short_name;   /* 'n' for -n, or 0 */
    enum opt_kind kind;
    void *target;                    /* as the kind says; may be NULL when check does the work */
    double min, max;                 /* OPT_INT, OPT_DECIMAL: the range, when min < max */
    const char *const *choices;      /* OPT_CHOICE: the words, NULL-terminated */
    const struct opt_alias *aliases; /* OPT_CHOICE: other words, {NULL}-terminated */
    const char *arg;                 /* the value's name in the usage: "N", "D", "FILE" */
    const char *help;                /* one line for -h */
    /* The refusal after 'VALUE' when it differs from the kind's own (which
     * is "is not a number from MIN to MAX", "is not one of A, B, C", ...);
     * a "%s" in it stands for the choices, "a, b, c". */
    const char *why;
    opt_check_fn check; /* run after the kind's parse succeeded */
    void *data;         /* for check */
    int *seen;          /* counted up each time the option is given */
    /* Completion of the value when the kind does not say: "@file" for file
     * names, or words separated by spaces. */
    const char *complete;
    int hidden; /* accepted but left out of -h and completion */
};

/* A command (or a subcommand, "profile set") and its options. */
struct opt_spec {
    const char *name;         /* "foods", "profile set": for messages */
    const char *usage;        /* the synopsis after "usage: dietbal ", lines
                               * joined by "\n" ("foods search TEXT...\nfoods show ID") */
    const char *about;        /* the prose after the synopsis, or NULL */
    const struct opt *opts;   /* the command's own options */
    const struct opt *common; /* those every command takes (cmd_common.c), or NULL */
    const char *const *subs;  /* subcommand words (for completion), or NULL */
    const char *operands;     /* completion of operands: "@file", words, or NULL */
    int stop_at_operand;      /* options end at the first operand (a
                               * dispatcher whose subcommands parse theirs) */
    int own_errors;           /* getopt_long prints nothing: the caller words
                               * OPT_UNKNOWN and OPT_MISSING_VALUE itself */
};

/* The hidden option that prints the completion words (as git's
 * --git-completion-helper). */
#define OPT_COMPLETION_HELPER "completion-helper"

/*
 * Parse argv[1..] (argv[0] is the command's name) by spec: each value
 * checked and stored in its target.  Options may come after operands
 * (getopt_long permutes), unless spec->stop_at_operand.  On OPT_OK optind
 * is the first operand.  Unless spec->own_errors, getopt_long itself
 * reports an unknown option or a missing value on stderr, as it always
 * has, and both come back as OPT_UNKNOWN.
 */
enum opt_status opt_parse(const struct opt_spec *spec, int argc, char **argv,
                          struct opt_error *err);

/* The value text for o checked and stored, as opt_parse does; for an
 * operand that is one of the kinds (day DATE).  0, or -1 with err filled. */
int opt_value(const struct opt *o, const char *text, struct opt_error *err);

/* "usage: dietbal SYNOPSIS", the about text, then one line per option of
 * both tables and -h. */
void opt_usage(FILE *out, const struct opt_spec *spec);

/*
 * The words for shell completion, one per line:
 *     opt --NAME            a flag
 *     opt --NAME -          a value with nothing to offer (a number, a time)
 *     opt --NAME @file      a file name
 *     opt --NAME W1 W2...   one of the words
 *     sub WORD              a subcommand
 *     arg @file | W1 W2...  what the operands are
 */
void opt_complete(FILE *out, const struct opt_spec *spec);

/* A plain decimal ("65", "1.5", ".5"): no sign, exponent, hex, inf or nan,
 * at most 15 digits.  0 and *out, or -1. */
int opt_decimal(const char *text, double *out);

#endif
