/*
 * util.c - the small helpers written once (see util.h).
 *
 * A leaf: no other dietbal header, no database, no output but the files
 * util_atomic_* is asked to make.
 */
#include "dietbal/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The capacity of an array's first allocation. */
#define GROW_FIRST 16

void util_verrf(char *err, size_t errlen, const char *fmt, va_list ap) {
    if (err && errlen > 0)
        vsnprintf(err, errlen, fmt, ap);
}

void util_errf(char *err, size_t errlen, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    util_verrf(err, errlen, fmt, ap);
    va_end(ap);
}

void util_verrf_path(char *err, size_t errlen, const char *path, const char *fmt, va_list ap) {
    size_t len = strlen(path);
    int n;

    if (!err || errlen == 0)
        return;
    if (len > 160)
        n = snprintf(err, errlen, "%.100s...%s: ", path, path + len - 40);
    else
        n = snprintf(err, errlen, "%s: ", path);
    if (n >= 0 && (size_t)n < errlen)
        vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
}

void util_errf_path(char *err, size_t errlen, const char *path, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    util_verrf_path(err, errlen, path, fmt, ap);
    va_end(ap);
}

char *util_vxprintf(const char *fmt, va_list ap) {
    va_list again;
    char *s = NULL;
    int n;

    va_copy(again, ap);
    n = vsnprintf(NULL, 0, fmt, again);
    va_end(again);
    if (n >= 0 && (s = malloc((size_t)n + 1)) != NULL) {
        va_copy(again, ap);
        vsnprintf(s, (size_t)n + 1, fmt, again);
        va_end(again);
    }
    return s;
}

char *util_xprintf(const char *fmt, ...) {
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = util_vxprintf(fmt, ap);
    va_end(ap);
    return s;
}

int util_grow_slow(void *pp, size_t *cap, size_t n, size_t size) {
    void *old, *grown;
    size_t want;

    if (n <= *cap)
        return 0;
    want = *cap ? *cap : GROW_FIRST / 2;
    while (want < n) {
        if (want > SIZE_MAX / 2)
            return -1;
        want *= 2;
    }
    if (size && want > SIZE_MAX / size)
        return -1;
    /* the caller's pointer, whatever its type, read and written as bytes */
    memcpy(&old, pp, sizeof(old));
    if (!(grown = realloc(old, want * size)))
        return -1;
    memcpy(pp, &grown, sizeof(grown));
    *cap = want;
    return 0;
}

int util_atomic_tmp(const char *target, char **tmp) {
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    int dir = slash ? (int)(slash - target + 1) : 0, fd, e;
    char *name = malloc(strlen(target) + sizeof(".dietbal-XXXXXX") + 1);

    if (!name) {
        errno = ENOMEM;
        return -1;
    }
    sprintf(name, "%.*s.%s.dietbal-XXXXXX", dir, target, base);
    if ((fd = mkstemp(name)) < 0) {
        e = errno;
        free(name);
        errno = e;
        return -1;
    }
    /* mkstemp makes it 0600; say so whatever the libc */
    if (fchmod(fd, 0600) != 0) {
        e = errno;
        close(fd);
        unlink(name);
        free(name);
        errno = e;
        return -1;
    }
    *tmp = name;
    return fd;
}

/* fsync the directory holding path, so that a new name in it lasts. */
static int sync_dir(const char *path) {
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    int fd = dir ? open(dir, O_RDONLY | O_CLOEXEC) : -1, rc = -1;

    if (!dir)
        errno = ENOMEM;
    if (fd >= 0) {
        rc = fsync(fd);
        /* some file systems cannot sync a directory; the new name stands */
        if (rc != 0 && (errno == EINVAL || errno == EBADF))
            rc = 0;
        int e = errno;
        close(fd);
        errno = e;
    }
    free(dir);
    return rc;
}

enum util_place util_atomic_place(const char *tmp, const char *target, int overwrite) {
    int fd = open(tmp, O_RDONLY | O_CLOEXEC), e;

    if (fd < 0 || fsync(fd) != 0) {
        e = errno;
        if (fd >= 0)
            close(fd);
        unlink(tmp);
        errno = e;
        return UTIL_PLACE_ESYNC;
    }
    close(fd);
    if (overwrite ? rename(tmp, target) != 0 : link(tmp, target) != 0) {
        e = errno;
        unlink(tmp);
        errno = e;
        return UTIL_PLACE_EPLACE;
    }
    if (!overwrite)
        unlink(tmp);
    return sync_dir(target) != 0 ? UTIL_PLACE_EDIR : UTIL_PLACE_OK;
}
