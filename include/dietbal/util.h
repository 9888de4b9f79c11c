/*
 * util.h - the small helpers every module needs, each written once: an
 * error-buffer printf and its allocating twin, ASCII character classes, the length of a UTF-8
 * sequence, the FNV-1a hash, array growth and the atomic replacement of a
 * file.
 *
 * A leaf: it includes no other dietbal header, touches no database and
 * never prints.  Character classes are ASCII only, so the locale cannot
 * change what a parser accepts.  What is called per byte or per element
 * (the classes, UTF-8, FNV-1a, growth when there is room) is inline.
 */
#ifndef DIETBAL_UTIL_H
#define DIETBAL_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* --- error buffer ---------------------------------------------------------- */

/* printf into err (errlen bytes), cut to fit; a NULL err or errlen 0 is
 * allowed and writes nothing. */
void util_errf(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "PATH: " and the printf into err, as util_errf; a path too long to read
 * (over 160 bytes) keeps its first 100 and last 40, so that the reason
 * still fits. */
void util_errf_path(char *err, size_t errlen, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The two with a va_list, for a function of the same shape (left to the
 * caller to va_end). */
void util_verrf(char *err, size_t errlen, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
void util_verrf_path(char *err, size_t errlen, const char *path, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

/* printf into a new string (the caller frees it); NULL when out of memory
 * or fmt cannot be formatted.  util_vxprintf leaves ap to the caller. */
char *util_xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *util_vxprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* --- ASCII character classes (locale-free) --------------------------------- */

static inline int util_isspace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline int util_isdigit(int c) { return c >= '0' && c <= '9'; }

static inline int util_isalpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static inline int util_isalnum(int c) { return util_isalpha(c) || util_isdigit(c); }

static inline int util_isupper(int c) { return c >= 'A' && c <= 'Z'; }

/* c lower-cased when it is an ASCII capital, else c. */
static inline int util_tolower(int c) { return util_isupper(c) ? c - 'A' + 'a' : c; }

/* c upper-cased when it is an ASCII small letter, else c. */
static inline int util_toupper(int c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; }

/* --- UTF-8 ----------------------------------------------------------------- */

/*
 * Bytes in the well-formed UTF-8 sequence at p, n bytes available: 1 for
 * an ASCII byte (NUL included), 2-4 for a multi-byte character, 0 when p
 * starts none (n == 0, a stray continuation byte, a sequence cut short, an
 * overlong form, a surrogate or a code point above U+10FFFF: RFC 3629).
 */
static inline size_t util_utf8_len(const unsigned char *p, size_t n) {
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

/* --- hashing --------------------------------------------------------------- */

/* FNV-1a, 64 bits (Fowler, Noll, Vo; draft-eastlake-fnv): the offset basis
 * to start from, and h continued over n bytes.  Values are stored in
 * databases, so the function never changes. */
#define UTIL_FNV1A64_INIT 0xcbf29ce484222325ULL
static inline uint64_t util_fnv1a64(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = p;

    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL; /* the 64-bit FNV prime, 2^40 + 2^8 + 0xb3 */
    }
    return h;
}

/* --- array growth ---------------------------------------------------------- */

/*
 * Make room for at least n elements of size bytes in *(void **)pp, whose
 * capacity is *cap: the capacity at least doubles (16 at first), so n
 * appends cost O(n).  0, or -1 on overflow or out of memory with the array
 * and *cap untouched.  Use UTIL_GROW.
 */
int util_grow_slow(void *pp, size_t *cap, size_t n, size_t size);
static inline int util_grow(void *pp, size_t *cap, size_t n, size_t size) {
    return n <= *cap ? 0 : util_grow_slow(pp, cap, n, size); /* the common case inline */
}

/* UTIL_GROW(arr, cap, n): room for n elements in the array arr (any
 * pointer type, NULL at first) of capacity cap (a size_t). */
#define UTIL_GROW(arr, cap, n) util_grow(&(arr), &(cap), (n), sizeof(*(arr)))

/* --- atomic file replacement ----------------------------------------------- */

/*
 * A file is replaced whole or not at all: written to a temporary file
 * beside it (same directory, so a rename cannot cross file systems),
 * synced, put in place, the directory synced.
 *
 * util_atomic_tmp: a new, empty temporary file (mode 0600) in target's
 * directory, named ".BASE.dietbal-XXXXXX"; its descriptor, open for
 * writing, with *tmp its name (a new string); or -1 with errno set.
 */
int util_atomic_tmp(const char *target, char **tmp);

enum util_place {
    UTIL_PLACE_OK = 0,
    UTIL_PLACE_ESYNC,  /* the temporary file could not be synced */
    UTIL_PLACE_EPLACE, /* rename or link failed (EEXIST: target exists) */
    UTIL_PLACE_EDIR,   /* in place, but its directory could not be synced */
};

/*
 * Put the closed, fully written temporary file tmp in place as target:
 * sync it, rename it over target (overwrite) or link it to target, which
 * must not exist then, sync the directory.  Whatever happens, tmp is gone
 * afterwards (placed or removed).  UTIL_PLACE_OK, or the step that failed
 * with errno set.
 */
enum util_place util_atomic_place(const char *tmp, const char *target, int overwrite);

#endif
