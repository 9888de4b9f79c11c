/*
 * cmd_common.c - what every command needs: common options, error printing,
 * the database path and the bundled data directory.
 */
#include "dietbal/cmd.h"

#include "dietbal/date.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cmd_common_option(int c, struct cmd_ctx *ctx)
{
    switch (c) {
    case 0x100: ctx->db_path = optarg; return 1;
    case 0x101: ctx->json = 1; return 1;
    case 0x102: ctx->quiet = 1; return 1;
    default: return 0;
    }
}

void cmd_error(const char *what, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "dietbal: %s: ", what);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cmd_bad_option(const char *cmd)
{
    fprintf(stderr, "dietbal: %s: bad usage (try 'dietbal %s --help')\n", cmd, cmd);
    return EXIT_USAGE;
}

const char *cmd_db_path(const struct cmd_ctx *ctx, char *buf, size_t len)
{
    const char *env;
    int n;

    if (ctx->db_path && *ctx->db_path)
        return ctx->db_path;
    if ((env = getenv("DIETBAL_DB")) && *env)
        return env;
    if ((env = getenv("XDG_DATA_HOME")) && *env)
        n = snprintf(buf, len, "%s/dietbal/dietbal.db", env);
    else if ((env = getenv("HOME")) && *env)
        n = snprintf(buf, len, "%s/.local/share/dietbal/dietbal.db", env);
    else
        return NULL;
    return n > 0 && (size_t)n < len ? buf : NULL;
}

int cmd_open_store(const struct cmd_ctx *ctx, store **out)
{
    char buf[4096], err[512];
    const char *path = cmd_db_path(ctx, buf, sizeof(buf));

    if (!path) {
        cmd_error("database", "no path: set --db, DIETBAL_DB or HOME");
        return EXIT_RUNTIME;
    }
    if (store_open(path, out, err, sizeof(err)) != STORE_OK) {
        fprintf(stderr, "dietbal: %s\n", err);
        return EXIT_RUNTIME;
    }
    return EXIT_OK;
}

int cmd_parse_date(const char *opt, const char *text, char out[11])
{
    long day;
    if (date_parse(text, date_today(), &day) != 0) {
        cmd_error(opt, "'%s' is not a date (use YYYY-MM-DD, today or yesterday)", text);
        return -1;
    }
    date_format(day, out);
    return 0;
}

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

const char *cmd_foods_dir(void)
{
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

const char *cmd_schema_path(void)
{
    static char path[4200];
    snprintf(path, sizeof(path), "%s/foodtable.xsd", cmd_foods_dir());
    return path;
}

int cmd_parse_time(const char *opt, const char *text, char out[6])
{
    if (strlen(text) == 5 && text[2] == ':' && text[0] >= '0' && text[0] <= '2' &&
        text[1] >= '0' && text[1] <= '9' && text[3] >= '0' && text[3] <= '5' && text[4] >= '0' &&
        text[4] <= '9' && (text[0] - '0') * 10 + (text[1] - '0') < 24) {
        memcpy(out, text, 6);
        return 0;
    }
    cmd_error(opt, "'%s' is not a time of day (use HH:MM, 00:00 to 23:59)", text);
    return -1;
}
