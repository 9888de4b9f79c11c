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

void util_errf(char *err, size_t errlen, const char *fmt, ...) {
    va_list ap;

    if (!err || errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

size_t util_utf8_len(const unsigned char *p, size_t n) {
    size_t len;

    if (n == 0)
        return 0;
    if (p[0] < 0x80)
        return 1;
    len = p[0] < 0xC2 ? 0 : p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : p[0] < 0xF5 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0) || /* overlong, surrogate */
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90)) /* overlong, > U+10FFFF */
        return 0;
    return len;
}

uint64_t util_fnv1a64(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = p;

    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL; /* the 64-bit FNV prime, 2^40 + 2^8 + 0xb3 */
    }
    return h;
}

int util_grow(void *pp, size_t *cap, size_t n, size_t size) {
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
