/*
 * cmd_common.c - what every command needs: common options, error printing,
 * the database path and the bundled data directory.
 */
#include "cmd.h"

#include "dietbal/date.h"
#include "dietbal/store.h"
#include "dietbal/textesc.h"
#include "dietbal/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* "dietbal: CMD: bad usage" for an unknown option or a missing value. */
static int bad_option(const char *cmd) {
    fprintf(stderr, "dietbal: %s: bad usage (try 'dietbal %s --help')\n", cmd, cmd);
    return EXIT_USAGE;
}

void cmd_common_options(struct opt common[CMD_COMMON_N], struct cmd_ctx *ctx) {
    const struct opt t[CMD_COMMON_N] = {
        {"db", 0, OPT_STRING, &ctx->db_path, .arg = "PATH", .complete = "@file",
         .help = "the database file (default $DIETBAL_DB)"},
        {"json", 0, OPT_FLAG, &ctx->json, .help = "print data as JSON"},
        {"quiet", 'q', OPT_FLAG, &ctx->quiet, .help = "print only what was asked for and errors"},
        {0}};
    memcpy(common, t, sizeof(t));
}

bool cmd_options(const struct opt_spec *spec, int argc, char **argv, struct cmd_ctx *ctx, int *rc) {
    struct opt common[CMD_COMMON_N];
    struct opt_spec full = *spec;
    struct opt_error err = {0};

    cmd_common_options(common, ctx);
    full.common = common;
    switch (opt_parse(&full, argc, argv, &err)) {
    case OPT_OK:
        *rc = EXIT_OK;
        return true;
    case OPT_HELP:
        opt_usage(stdout, &full);
        *rc = EXIT_OK;
        break;
    case OPT_COMPLETION:
        opt_complete(stdout, &full);
        *rc = EXIT_OK;
        break;
    case OPT_BAD_VALUE:
        cmd_opt_error(&err);
        *rc = EXIT_USAGE;
        break;
    case OPT_NO_MEMORY:
        cmd_opt_error(&err);
        *rc = EXIT_RUNTIME;
        break;
    case OPT_UNKNOWN:
    case OPT_MISSING_VALUE:
        *rc = bad_option(spec->name);
        break;
    }
    return false;
}

int cmd_usage_error(const struct opt_spec *spec) {
    struct cmd_ctx unused = {0};
    struct opt common[CMD_COMMON_N];
    struct opt_spec full = *spec;

    cmd_common_options(common, &unused);
    full.common = common;
    opt_usage(stderr, &full);
    return EXIT_USAGE;
}

void cmd_opt_error(const struct opt_error *err) {
    if (err->value)
        cmd_error(err->what, "'%s' %s", err->value, err->why);
    else
        cmd_error(err->what, "%s", err->why);
}

/* --- error messages ---------------------------------------------------------
 *
 * Messages quote what the user gave, and that may be anything: a 128 KB
 * argument, an escape sequence that retitles the terminal or a byte that is
 * not UTF-8.  So every message goes out through put_text: bytes a terminal
 * could take for a command are shown as \xHH, and a line too long to read
 * keeps its start and its end (where the reason is) around a count of the
 * bytes left out.
 */

/* Shown of a long line: its first and last bytes. */
#define LINE_HEAD 200
#define LINE_TAIL 160
#define WHAT_HEAD 100
#define WHAT_TAIL 40

/* s[0..n) with control characters (C0 but tab, DEL, C1) and bytes that are
 * not UTF-8 written as \xHH. */
static void put_clean(FILE *f, const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        size_t len = p[i] < 0x80 ? 1 : util_utf8_len(p + i, n - i);
        int control = (p[i] < 0x20 && p[i] != '\t') || p[i] == 0x7F ||
                      (len == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0); /* U+0080..U+009F */
        unsigned long c = 0;
        if (len > 1 && textesc_utf8(p + i, len, &c) == len && textesc_is_format(c)) {
            fprintf(f, "\\u{%04lX}", c); /* BiDi and other invisible format characters */
            i += len;
        } else if (len == 0 || control) {
            for (size_t k = 0; k < (len ? len : 1); k++)
                fprintf(f, "\\x%02X", p[i + k]);
            i += len ? len : 1;
        } else {
            fwrite(p + i, 1, len, f);
            i += len;
        }
    }
}

/* One line: whole if short, else its head and tail (cut between characters). */
static void put_line(FILE *f, const char *s, size_t n, size_t head, size_t tail) {
    if (n <= head + tail + 32) {
        put_clean(f, s, n);
        return;
    }
    size_t h = head, t = n - tail;
    while (h > 0 && ((unsigned char)s[h] & 0xC0) == 0x80)
        h--;
    while (t < n && ((unsigned char)s[t] & 0xC0) == 0x80)
        t++;
    put_clean(f, s, h);
    fprintf(f, " [... %zu bytes ...] ", t - h);
    put_clean(f, s + t, n - t);
}

/* A message: each line on its own (lists of candidates are several lines). */
static void put_text(FILE *f, const char *s) {
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        put_line(f, s, n, LINE_HEAD, LINE_TAIL);
        if (!nl)
            return;
        fputc('\n', f);
        s = nl + 1;
    }
}

static void put_error(const char *what, int quote, const char *fmt, va_list ap) {
    char *out = NULL;
    size_t len = 0;
    /* stderr is unbuffered: build the message, then write it at once
     * (a write per byte made 300,000 warnings take a minute) */
    char *msg = util_vxprintf(fmt, ap);
    FILE *f = open_memstream(&out, &len);

    if (!f)
        f = stderr;
    fputs("dietbal: ", f);
    if (what) {
        if (quote || !*what) /* an empty argument shows as "" */
            fputc('"', f);
        /* a name stays on one line: its newlines are shown as \x0A */
        put_line(f, what, strlen(what), WHAT_HEAD, WHAT_TAIL);
        fputs(quote || !*what ? "\": " : ": ", f);
    }
    put_text(f, msg ? msg : fmt);
    fputc('\n', f);
    if (f != stderr && fclose(f) == 0)
        fwrite(out, 1, len, stderr);
    free(out);
    free(msg);
}

void cmd_error(const char *what, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    put_error(what, 0, fmt, ap);
    va_end(ap);
}

void cmd_error_arg(const char *arg, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    put_error(arg, 1, fmt, ap);
    va_end(ap);
}

void cmd_error_msg(const char *msg) { cmd_error(NULL, "%s", msg); }

int cmd_store_failed(store *s, const char *what) {
    cmd_error(what, "%s", store_errmsg(s));
    store_close(s);
    return EXIT_RUNTIME;
}

const char *cmd_db_path(const struct cmd_ctx *ctx, char *buf, size_t len) {
    const char *env;
    int n;

    if (ctx->db_path && *ctx->db_path)
        return ctx->db_path;
    if ((env = getenv("DIETBAL_DB")) && *env)
        return env;
    /* a relative XDG_DATA_HOME is ignored (XDG Base Directory spec) */
    if ((env = getenv("XDG_DATA_HOME")) && *env == '/')
        n = snprintf(buf, len, "%s/dietbal/dietbal.db", env);
    else if ((env = getenv("HOME")) && *env)
        n = snprintf(buf, len, "%s/.local/share/dietbal/dietbal.db", env);
    else
        return NULL;
    return n > 0 && (size_t)n < len ? buf : NULL;
}

int cmd_open_store(const struct cmd_ctx *ctx, enum store_open_mode mode, store **out) {
    char buf[4096], err[512];
    const char *path;
    int rc;

    if (ctx->db_path && !*ctx->db_path) {
        cmd_error("--db", "the path is empty");
        return EXIT_USAGE;
    }
    if (!(path = cmd_db_path(ctx, buf, sizeof(buf)))) {
        cmd_error("database", "no path: set --db, DIETBAL_DB or HOME");
        return EXIT_RUNTIME;
    }
    if ((rc = store_open_mode(path, mode, out, err, sizeof(err))) != STORE_OK) {
        cmd_error_msg(err);
        /* a directory, a device or a file that is not a dietbal database */
        return rc == STORE_EINPUT ? EXIT_USAGE : EXIT_RUNTIME;
    }
    return EXIT_OK;
}

/* The value of option opt (a name with its dashes, "--date") as its kind
 * says, the error printed; 0 or -1. */
static int parse_as(const char *opt, enum opt_kind kind, const char *const *choices,
                    const char *text, void *out) {
    struct opt o = {opt, 0, kind, out, .choices = choices};
    struct opt_error err = {0};

    if (opt_value(&o, text, &err) == 0)
        return 0;
    /* the name as given: "--due-date", or "day" for an operand */
    snprintf(err.what, sizeof(err.what), "%s", opt);
    cmd_opt_error(&err);
    return -1;
}

int cmd_parse_date(const char *opt, const char *text, char out[11]) {
    return parse_as(opt, OPT_DATE, NULL, text, out);
}

static int is_file(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

const char *cmd_foods_dir(void) {
    static char dir[4096];
    const char *env = getenv("DIETBAL_FOODS_DIR");

    if (env && *env)
        return env;
    /* Run from the source tree: ./dietbal next to foods/. */
    if (is_file("foods/foodtable.xsd"))
        return "foods";
    snprintf(dir, sizeof(dir), "%s/foods", DIETBAL_DATADIR);
    return dir;
}

const char *cmd_locale_measures(void) {
    static const char *const vars[] = {"LC_ALL", "LC_MEASUREMENT", "LANG"};
    for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return v;
    }
    return NULL;
}

int cmd_words_load(store *s, struct cmd_words *w) {
    char err[512], path[4200];
    struct profile p;
    enum profile_units u;

    memset(w, 0, sizeof(*w));
    if (store_profile_get(s, &p) != STORE_OK) {
        cmd_error("profile", "%s", store_errmsg(s));
        return EXIT_RUNTIME;
    }
    u = profile_units_in_force(&p, cmd_locale_measures());
    memcpy(w->tables, p.tables, sizeof(w->tables));
    /* metric English is closer to British than to American food words;
     * its pints are nobody's */
    w->vocab_dialect = u == PROFILE_UNITS_US ? VOCAB_US : VOCAB_UK;
    w->containers_dialect = u == PROFILE_UNITS_US   ? CONTAINERS_US
                            : u == PROFILE_UNITS_UK ? CONTAINERS_UK
                                                    : CONTAINERS_ANY;
    snprintf(path, sizeof(path), "%s/containers.txt", cmd_foods_dir());
    if (vocab_load(cmd_foods_dir(), &w->vocab, err, sizeof(err)) != 0 ||
        containers_load(path, &w->containers, err, sizeof(err)) != 0) {
        cmd_error_msg(err);
        cmd_words_free(w);
        return EXIT_RUNTIME;
    }
    return EXIT_OK;
}

void cmd_words_free(struct cmd_words *w) {
    vocab_free(w->vocab);
    containers_free(w->containers);
    w->vocab = NULL;
    w->containers = NULL;
}

int cmd_need_foods(store *s, const char *what) {
    int any = 0;
    if (store_food_any(s, &any) != STORE_OK) {
        cmd_error(what, "%s", store_errmsg(s));
        return EXIT_RUNTIME;
    }
    if (any)
        return EXIT_OK;
    cmd_error(what, "no food table yet: run 'dietbal init' first");
    return EXIT_USAGE;
}

const char *cmd_schema_path(void) {
    static char path[4200];
    snprintf(path, sizeof(path), "%s/foodtable.xsd", cmd_foods_dir());
    return path;
}

/* The strings cmd_tx handed out; each slot is reused, oldest first. */
#define TX_SLOTS 16
static char *tx_slot[TX_SLOTS];
static size_t tx_next;

const char *cmd_tx(const char *s) {
    char *t = textesc_term(s ? s : "");
    size_t i = tx_next++ % TX_SLOTS;

    free(tx_slot[i]);
    tx_slot[i] = t;
    return t ? t : "?";
}

void cmd_tx_free(void) {
    for (size_t i = 0; i < TX_SLOTS; i++) {
        free(tx_slot[i]);
        tx_slot[i] = NULL;
    }
}
