/*
 * textesc.c - text from the database made safe for a terminal or for JSON
 * (see textesc.h).
 */
#include "dietbal/textesc.h"

#include "dietbal/util.h"

#include <stdlib.h>
#include <string.h>

/* Unicode 15.0 general category Cf, and Zl, Zp (U+2028, U+2029): code
 * points that draw nothing but change what the text around them shows. */
static const struct {
    unsigned long lo, hi;
} format_ranges[] = {
    {0x00AD, 0x00AD},   {0x0600, 0x0605},   {0x061C, 0x061C},   {0x06DD, 0x06DD},
    {0x070F, 0x070F},   {0x0890, 0x0891},   {0x08E2, 0x08E2},   {0x180E, 0x180E},
    {0x200B, 0x200F},   {0x2028, 0x202E},   {0x2060, 0x2064},   {0x2066, 0x206F},
    {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
    {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001},
    {0xE0020, 0xE007F},
};

int textesc_is_format(unsigned long c) {
    for (size_t i = 0; i < sizeof(format_ranges) / sizeof(format_ranges[0]); i++)
        if (c >= format_ranges[i].lo && c <= format_ranges[i].hi)
            return 1;
    return 0;
}

size_t textesc_utf8(const unsigned char *p, size_t n, unsigned long *c) {
    size_t len = util_utf8_len(p, n);

    if (len == 0)
        return 0;
    if (len == 1) {
        *c = p[0];
        return 1;
    }
    *c = p[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++)
        *c = *c << 6 | (p[i] & 0x3F);
    return len;
}

/* A growing string. */
struct buf {
    char *s;
    size_t len, cap;
    int failed;
};

static void put(struct buf *b, const void *p, size_t n) {
    if (b->failed)
        return;
    if (UTIL_GROW(b->s, b->cap, b->len + n + 1) != 0) {
        b->failed = 1;
        return;
    }
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static char *done(struct buf *b) {
    if (!b->failed && !b->s)
        put(b, "", 0);
    if (b->failed) {
        free(b->s);
        return NULL;
    }
    return b->s;
}

/* At most max bytes of s (0: all) for a terminal, into b. */
static void term(struct buf *b, const char *s, size_t max) {
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    char esc[24];

    if (max && n > max) {
        n = max;
        while (n > 0 && (p[n] & 0xC0) == 0x80) /* cut between characters */
            n--;
    }
    while (i < n) {
        unsigned long c = 0;
        size_t len = textesc_utf8(p + i, n - i, &c);
        if (len == 0) {
            snprintf(esc, sizeof(esc), "\\x%02X", p[i]);
            put(b, esc, strlen(esc));
            i++;
            continue;
        }
        if ((c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0) || textesc_is_format(c)) {
            snprintf(esc, sizeof(esc), "\\u{%04lX}", c);
            put(b, esc, strlen(esc));
        } else if (c == '\\' && i + 1 < n && (p[i + 1] == 'x' || p[i + 1] == 'u')) {
            put(b, "\\\\", 2); /* a name's own "\x1B" is not taken for an escape */
        } else {
            put(b, p + i, len);
        }
        i += len;
    }
}

char *textesc_term(const char *s) {
    struct buf b = {0};
    term(&b, s ? s : "", 0);
    return done(&b);
}

int textesc_fputs(const char *s, size_t max, FILE *f) {
    struct buf b = {0};
    char *t;
    int rc;

    term(&b, s ? s : "", max);
    if (!(t = done(&b)))
        return EOF;
    rc = fputs(t, f);
    free(t);
    return rc;
}

char *textesc_utf8_repair(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    struct buf b = {0};

    while (i < n) {
        unsigned long c;
        size_t len = textesc_utf8(p + i, n - i, &c);
        if (len == 0) {
            put(&b, "\xEF\xBF\xBD", 3); /* U+FFFD REPLACEMENT CHARACTER */
            i++;
        } else {
            put(&b, p + i, len);
            i += len;
        }
    }
    return done(&b);
}
