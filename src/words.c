/*
 * words.c - the normalisation of everyday words (see words.h).
 *
 * Above util.h only: no other dietbal header, no I/O.
 */
#include "dietbal/words.h"

#include "dietbal/util.h"

#include <string.h>

char *words_normalise_dup(const char *s, size_t n) {
    char raw[WORDS_MAX * 2], out[WORDS_MAX];
    if (n >= sizeof(raw))
        n = sizeof(raw) - 1;
    memcpy(raw, s, n);
    raw[n] = '\0';
    words_normalise(raw, out, sizeof(out));
    return strdup(out);
}

int words_casecmp(const char *a, const char *b) {
    for (;; a++, b++) {
        int x = util_tolower((unsigned char)*a), y = util_tolower((unsigned char)*b);
        if (x != y || !x)
            return x - y;
    }
}

static int ends_with(const char *w, size_t n, const char *suffix) {
    size_t k = strlen(suffix);
    return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

/*
 * The singular length of the lower-case word w (n bytes); w may be
 * rewritten in place.  Both forms of a word must meet in one stem, so the
 * endings that English spells two ways meet too: berry and berries ->
 * "berry", cookie and cookies -> "cooky", quiche and quiches -> "quich",
 * peach and peaches -> "peach".
 */
static size_t singular(char *w, size_t n) {
    if (n > 4 && (ends_with(w, n, "ies") || ends_with(w, n, "ied"))) {
        w[n - 3] = 'y'; /* berries, dried, fried -> berry, dry, fry */
        return n - 2;
    }
    if (n > 4 && ends_with(w, n, "ie")) {
        w[n - 2] = 'y';
        return n - 1;
    }
    if (n > 4 && ends_with(w, n, "oes"))
        return n - 2;
    if (n > 4 && (ends_with(w, n, "ches") || ends_with(w, n, "shes") || ends_with(w, n, "xes") ||
                  ends_with(w, n, "sses")))
        return n - 2;
    if (n > 4 && ends_with(w, n, "che"))
        return n - 1;
    if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u')
        return n - 1;
    return n;
}

static int is_word_byte(unsigned char c) { return util_isalnum(c) || c >= 0x80; }

size_t words_normalise(const char *s, char *out, size_t len) {
    size_t o = 0;
    if (len == 0)
        return 0;
    while (*s) {
        while (*s && !is_word_byte((unsigned char)*s))
            s++;
        if (!*s)
            break;
        size_t n = 0;
        while (is_word_byte((unsigned char)s[n]))
            n++;
        if (o + (o > 0) + n + 1 > len)
            break; /* cut at a word */
        if (o)
            out[o++] = ' ';
        for (size_t i = 0; i < n; i++)
            out[o + i] = (char)util_tolower((unsigned char)s[i]);
        o += singular(out + o, n);
        s += n;
    }
    out[o] = '\0';
    return o;
}

int words_has_phrase(const char *t, const char *p) {
    size_t n = strlen(p);
    if (n == 0)
        return 0;
    for (const char *q = t; (q = strstr(q, p)); q++)
        if ((q == t || q[-1] == ' ') && (q[n] == ' ' || q[n] == '\0'))
            return 1;
    return 0;
}

int words_has(const char *t, const char *w) { return words_has_phrase(t, w); }

size_t words_count(const char *t) {
    size_t n = 0;
    for (const char *p = t; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        n++;
        while (*p && *p != ' ')
            p++;
    }
    return n;
}
