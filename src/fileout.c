/*
 * fileout.c - writing a file the user named without ever losing the diary
 * (see fileout.h).
 *
 * A mistyped --output can name the database, its WAL, a hard link or a
 * symbolic link to either; each is refused, by name (for SQLite files that
 * do not exist yet) and by device and inode (for every other way of
 * reaching the same file).  A FIFO or a device is opened and written like
 * a shell redirection would: renaming a regular file over /dev/null would
 * replace the system's /dev/null.
 */
#define _XOPEN_SOURCE 700 /* realpath, readlink */
#include "dietbal/fileout.h"

#include "dietbal/util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Links followed at most (as the kernel's ELOOP). */
#define MAX_LINKS 40

#define DATABASE_REFUSED                                                                           \
    "is the database itself, one of its -wal, -shm, -journal files or a link to them "             \
    "(refused: it would destroy the diary)"

static const char *const sqlite_suffix[] = {"", "-wal", "-shm", "-journal"};
#define N_SUFFIX (sizeof(sqlite_suffix) / sizeof(sqlite_suffix[0]))

/* "PATH: why" into err, and code. */
#define say(err, errlen, code, path, ...) (util_errf_path(err, errlen, path, __VA_ARGS__), (code))

/* dir/base, a new string. */
static char *join(const char *dir, const char *base) {
    size_t d = strlen(dir), b = strlen(base);
    char *out = malloc(d + b + 2);
    if (!out)
        return NULL;
    memcpy(out, dir, d);
    out[d] = '/';
    memcpy(out + d + 1, base, b + 1);
    if (d == 1 && dir[0] == '/')
        memmove(out + 1, out + 2, b + 1); /* "/" + "x" is "/x" */
    return out;
}

/* path made absolute with its directory resolved and every symbolic link
 * of its last part followed, even a dangling one (it may point at a -wal
 * that does not exist yet).  A new string, or NULL with errno set. */
static char *resolve(const char *path) {
    char *cur = strdup(path);

    for (int hops = 0; cur; hops++) {
        struct stat st;
        char *slash = strrchr(cur, '/'), *dir, *real, *out;
        const char *base = slash ? slash + 1 : cur;

        if (lstat(cur, &st) == 0 && S_ISLNK(st.st_mode)) {
            char link[PATH_MAX];
            ssize_t n = readlink(cur, link, sizeof(link) - 1);
            if (n < 0 || hops >= MAX_LINKS) {
                if (n >= 0)
                    errno = ELOOP;
                free(cur);
                return NULL;
            }
            link[n] = '\0';
            if (link[0] == '/' || !slash) {
                out = strdup(link);
            } else {
                slash[1] = '\0';
                out = malloc(strlen(cur) + (size_t)n + 1);
                if (out)
                    sprintf(out, "%s%s", cur, link);
            }
            free(cur);
            cur = out;
            continue;
        }
        /* the last part is not a link: resolve its directory */
        dir = slash ? strndup(cur, slash == cur ? 1 : (size_t)(slash - cur)) : strdup(".");
        real = dir ? realpath(dir, NULL) : NULL;
        out = real && *base ? join(real, base) : NULL;
        if (real && !*base)
            errno = EISDIR;
        free(dir);
        free(real);
        free(cur);
        return out;
    }
    return NULL;
}

/* Is st (or the resolved name `name`) the database or one of its files? */
static int is_database(const struct stat *st, const char *name, const char *database) {
    char *db = database ? resolve(database) : NULL;
    int hit = 0;

    for (size_t i = 0; db && i < N_SUFFIX && !hit; i++) {
        char file[PATH_MAX + 16];
        struct stat ds;
        snprintf(file, sizeof(file), "%s%s", db, sqlite_suffix[i]);
        if (name && strcmp(name, file) == 0)
            hit = 1;
        if (st && stat(file, &ds) == 0 && ds.st_dev == st->st_dev && ds.st_ino == st->st_ino)
            hit = 1;
        /* the database named through another path to it */
        snprintf(file, sizeof(file), "%s%s", database, sqlite_suffix[i]);
        if (st && stat(file, &ds) == 0 && ds.st_dev == st->st_dev && ds.st_ino == st->st_ino)
            hit = 1;
    }
    free(db);
    return hit;
}

/* /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: the descriptor, or -1. */
static int fd_name(const char *path) {
    static const char *const prefix[] = {"/dev/fd/", "/proc/self/fd/"};
    if (strcmp(path, "/dev/stdout") == 0)
        return STDOUT_FILENO;
    if (strcmp(path, "/dev/stderr") == 0)
        return STDERR_FILENO;
    for (size_t i = 0; i < sizeof(prefix) / sizeof(prefix[0]); i++) {
        size_t n = strlen(prefix[i]);
        if (strncmp(path, prefix[i], n) == 0 && util_isdigit((unsigned char)path[n])) {
            char *end;
            long fd = strtol(path + n, &end, 10);
            if (*end == '\0' && fd >= 0 && fd < INT_MAX)
                return (int)fd;
        }
    }
    return -1;
}

int fileout_check(const char *path, const char *database, int overwrite, enum fileout_kind *kind,
                  char **target, char *err, size_t errlen) {
    struct stat st;
    char *real = NULL;
    int fd = fd_name(path), rc = FILEOUT_OK;

    *target = NULL;
    if (!*path)
        return say(err, errlen, FILEOUT_EINPUT, "\"\"", "not a file name");
    if (fd >= 0) {
        if (fstat(fd, &st) != 0)
            return say(err, errlen, FILEOUT_EINPUT, path, "%s", strerror(errno));
        if (is_database(&st, NULL, database))
            return say(err, errlen, FILEOUT_EINPUT, path, DATABASE_REFUSED);
        *kind = FILEOUT_FD;
        return FILEOUT_OK;
    }
    if (!(real = resolve(path))) {
        int e = errno; /* a missing directory or no permission: at run time */
        return say(err, errlen,
                   e == ENOMEM || e == ENOENT || e == EACCES ? FILEOUT_ERROR : FILEOUT_EINPUT, path,
                   "%s", e == EISDIR ? "not a file name" : strerror(e));
    }
    if (stat(real, &st) != 0) {
        if (errno != ENOENT) {
            rc = say(err, errlen, FILEOUT_EINPUT, path, "%s", strerror(errno));
        } else if (is_database(NULL, real, database)) {
            rc = say(err, errlen, FILEOUT_EINPUT, path, DATABASE_REFUSED);
        } else {
            *kind = FILEOUT_REPLACE;
        }
    } else if (is_database(&st, real, database)) {
        rc = say(err, errlen, FILEOUT_EINPUT, path, DATABASE_REFUSED);
    } else if (S_ISDIR(st.st_mode)) {
        rc = say(err, errlen, FILEOUT_EINPUT, path, "is a directory, not a file name");
    } else if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
        *kind = FILEOUT_DIRECT;
    } else if (!S_ISREG(st.st_mode)) {
        rc = say(err, errlen, FILEOUT_EINPUT, path, "is neither a file, a FIFO nor a device");
    } else if (st.st_nlink > 1) {
        /* replacing one name of several would leave the others stale */
        rc = say(err, errlen, FILEOUT_EINPUT, path, "has other hard links; give another name");
    } else if (!overwrite) {
        rc = say(err, errlen, FILEOUT_EINPUT, path, "exists (--force replaces it)");
    } else {
        *kind = FILEOUT_REPLACE;
    }
    if (rc == FILEOUT_OK)
        *target = real;
    else
        free(real);
    return rc;
}

int fileout_open(struct fileout *fo, const char *path, const char *database, int overwrite,
                 char *err, size_t errlen) {
    int fd = -1, rc;

    memset(fo, 0, sizeof(*fo));
    if ((rc = fileout_check(path, database, overwrite, &fo->kind, &fo->target, err, errlen)) !=
        FILEOUT_OK)
        return rc;
    switch (fo->kind) {
    case FILEOUT_FD:
        fflush(stdout);
        if ((fd = dup(fd_name(path))) < 0 || !(fo->f = fdopen(fd, "w"))) {
            rc = say(err, errlen, FILEOUT_ERROR, path, "%s", strerror(errno));
            goto fail;
        }
        return FILEOUT_OK;
    case FILEOUT_DIRECT:
        if ((fd = open(fo->target, O_WRONLY | O_NOCTTY | O_CLOEXEC)) < 0 ||
            !(fo->f = fdopen(fd, "w"))) {
            rc = say(err, errlen, FILEOUT_ERROR, path, "%s", strerror(errno));
            goto fail;
        }
        return FILEOUT_OK;
    case FILEOUT_REPLACE:
        break;
    }
    /* a hidden temporary file in the target's own directory */
    if ((fd = util_atomic_tmp(fo->target, &fo->tmp)) < 0) {
        rc = say(err, errlen, FILEOUT_ERROR, path, "%s",
                 errno == ENOMEM ? "out of memory" : strerror(errno));
        goto fail;
    }
    if (!(fo->f = fdopen(fd, "w"))) {
        rc = say(err, errlen, FILEOUT_ERROR, path, "%s", strerror(errno));
        goto fail;
    }
    return FILEOUT_OK;
fail:
    if (fd >= 0 && !fo->f)
        close(fd);
    fileout_abort(fo);
    return rc;
}

int fileout_commit(struct fileout *fo, char *err, size_t errlen) {
    const char *name = fo->target ? fo->target : "standard output";
    int failed = fflush(fo->f) != 0 || ferror(fo->f), rc = FILEOUT_OK;

    if (fclose(fo->f) != 0)
        failed = 1;
    fo->f = NULL;
    if (failed) {
        rc = say(err, errlen, FILEOUT_ERROR, name, "write failed: %s",
                 strerror(errno ? errno : EIO));
    } else if (fo->kind == FILEOUT_REPLACE) {
        /* synced, renamed into place, the directory synced; the
         * temporary file is gone either way */
        enum util_place placed = util_atomic_place(fo->tmp, fo->target, 1);
        int e = errno;
        free(fo->tmp);
        fo->tmp = NULL;
        if (placed == UTIL_PLACE_ESYNC)
            rc = say(err, errlen, FILEOUT_ERROR, name, "write failed: %s", strerror(e ? e : EIO));
        else if (placed == UTIL_PLACE_EPLACE)
            rc = say(err, errlen, FILEOUT_ERROR, name, "%s", strerror(e));
        else if (placed == UTIL_PLACE_EDIR)
            rc = say(err, errlen, FILEOUT_ERROR, name, "sync: %s", strerror(e));
    }
    fileout_abort(fo);
    return rc;
}

void fileout_abort(struct fileout *fo) {
    if (fo->f)
        fclose(fo->f);
    if (fo->tmp)
        unlink(fo->tmp);
    free(fo->tmp);
    free(fo->target);
    memset(fo, 0, sizeof(*fo));
}
