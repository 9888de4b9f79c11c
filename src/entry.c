/*
 * entry.c - "1 1/2 cup milk" -> quantity, candidate unit, food text; and
 * the order in which a command's food lookups settle what the words mean.
 *
 * It must not know about the database or print: lookups come in as a
 * callback, failures go out as a code and a message.  Character tests are
 * ASCII-only so the locale main() sets cannot change what parses.
 */
#include "dietbal/entry.h"

#include "dietbal/units.h"
#include "dietbal/util.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* More digits than a double holds exactly is never a real quantity. */
#define MAX_DIGITS 15

/* What entry_resolve keeps of a lookup's message while it tries another. */
#define MSG_MAX 1024

static const struct {
    const char *utf8;
    int num, den;
} vulgars[] = {
    {"\xC2\xBD", 1, 2},     /* ½ U+00BD */
    {"\xC2\xBC", 1, 4},     /* ¼ U+00BC */
    {"\xC2\xBE", 3, 4},     /* ¾ U+00BE */
    {"\xE2\x85\x93", 1, 3}, /* ⅓ U+2153 */
    {"\xE2\x85\x94", 2, 3}, /* ⅔ */
    {"\xE2\x85\x95", 1, 5}, /* ⅕ */
    {"\xE2\x85\x96", 2, 5}, /* ⅖ */
    {"\xE2\x85\x97", 3, 5}, /* ⅗ */
    {"\xE2\x85\x98", 4, 5}, /* ⅘ */
    {"\xE2\x85\x99", 1, 6}, /* ⅙ */
    {"\xE2\x85\x9A", 5, 6}, /* ⅚ */
    {"\xE2\x85\x9B", 1, 8}, /* ⅛ */
    {"\xE2\x85\x9C", 3, 8}, /* ⅜ */
    {"\xE2\x85\x9D", 5, 8}, /* ⅝ */
    {"\xE2\x85\x9E", 7, 8}, /* ⅞ U+215E */
};

/* ------------------------------------------------------------------------- */
/* numbers */

enum num_kind { NUM_NONE, NUM_INT, NUM_DEC, NUM_FRAC, NUM_VULGAR };
enum scan_status { SCAN_OK, SCAN_TOO_MANY_DIGITS, SCAN_DIV_ZERO };

struct num {
    enum num_kind kind;
    double value;
    int proper; /* a fraction below 1 with no whole part: may end a mixed number */
    size_t len; /* bytes of the word the number takes */
};

/* Read a run of digits: its value (exact below MAX_DIGITS digits) and count. */
static size_t digits(const char *w, size_t n, uint64_t *value) {
    size_t i = 0;
    *value = 0;
    for (; i < n && util_isdigit((unsigned char)w[i]); i++)
        if (i < MAX_DIGITS)
            *value = *value * 10 + (uint64_t)(w[i] - '0');
    return i;
}

static double pow10i(size_t k) {
    double p = 1;
    while (k--)
        p *= 10;
    return p;
}

/*
 * The number at the start of word w (n bytes): decimal, fraction, or a
 * vulgar fraction with an optional whole part.  kind NUM_NONE when w does
 * not start with one.  Whatever follows the number is the caller's to judge.
 */
static enum scan_status scan_num(const char *w, size_t n, struct num *out) {
    uint64_t a, b;
    size_t da = digits(w, n, &a), i = da;

    memset(out, 0, sizeof(*out));
    if (i < n && w[i] == '.') {
        size_t db = digits(w + i + 1, n - i - 1, &b);
        if (da + db == 0)
            return SCAN_OK; /* "." or ".x" */
        if (da + db > MAX_DIGITS)
            return SCAN_TOO_MANY_DIGITS;
        /* one integer below 2^53 divided by a power of ten: one rounding */
        out->value = (double)(a * (uint64_t)pow10i(db) + b) / pow10i(db);
        out->kind = NUM_DEC;
        out->len = da + 1 + db;
        return SCAN_OK;
    }
    if (da > 0 && i < n && w[i] == '/') {
        size_t dc = digits(w + i + 1, n - i - 1, &b);
        if (dc > 0) {
            if (da > MAX_DIGITS || dc > MAX_DIGITS)
                return SCAN_TOO_MANY_DIGITS;
            if (b == 0)
                return SCAN_DIV_ZERO;
            out->value = (double)a / (double)b;
            out->kind = NUM_FRAC;
            out->proper = a < b;
            out->len = da + 1 + dc;
            return SCAN_OK;
        }
        /* "1/" or "1/x": the number is "1", the rest is junk for the caller */
    }
    for (size_t k = 0; k < sizeof(vulgars) / sizeof(vulgars[0]); k++) {
        size_t vl = strlen(vulgars[k].utf8);
        if (n - i >= vl && memcmp(w + i, vulgars[k].utf8, vl) == 0) {
            if (da > MAX_DIGITS)
                return SCAN_TOO_MANY_DIGITS;
            out->value = (double)a + (double)vulgars[k].num / vulgars[k].den;
            out->kind = NUM_VULGAR;
            out->proper = da == 0;
            out->len = i + vl;
            return SCAN_OK;
        }
    }
    if (da == 0)
        return SCAN_OK;
    if (da > MAX_DIGITS)
        return SCAN_TOO_MANY_DIGITS;
    out->value = (double)a;
    out->kind = NUM_INT;
    out->len = da;
    return SCAN_OK;
}

/* ------------------------------------------------------------------------- */
/* words */

struct word {
    const char *p;
    size_t n;
};

/* Is "a b" (or "a" when b is NULL) a generic unit? */
static int generic2(const char *a, size_t an, const struct word *b) {
    char t[80];
    if (b) {
        if (an + 1 + b->n >= sizeof(t))
            return 0;
        memcpy(t, a, an);
        t[an] = ' ';
        memcpy(t + an + 1, b->p, b->n);
        t[an + 1 + b->n] = '\0';
    } else {
        if (an >= sizeof(t))
            return 0;
        memcpy(t, a, an);
        t[an] = '\0';
    }
    return units_generic(t) != NULL;
}

/*
 * Does the word read as a number: one that scans (or fails to, "3/0"), and
 * is followed by nothing, a non-letter ("1/2.5") or a generic unit ("100g")?
 * "7up" does not: a name may begin with digits.
 */
static int is_number_word(const struct word *w) {
    struct num m;
    if (scan_num(w->p, w->n, &m) != SCAN_OK)
        return 1;
    if (m.kind == NUM_NONE)
        return 0;
    return m.len == w->n || !util_isalpha((unsigned char)w->p[m.len]) ||
           generic2(w->p + m.len, w->n - m.len, NULL);
}

static int has_digit(const char *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (util_isdigit((unsigned char)p[i]))
            return 1;
    return 0;
}

static void copy_span(char *dst, const char *from, const char *to) {
    size_t n = (size_t)(to - from);
    memcpy(dst, from, n);
    dst[n] = '\0';
}

#define USAGE_HINT "an entry is QUANTITY [UNIT] FOOD, as in '1 cup milk'"

static int quantity_error(const struct word *w, enum scan_status st, char *err, size_t errlen) {
    if (st == SCAN_TOO_MANY_DIGITS)
        util_errf(err, errlen, "quantity '%.*s' has too many digits (at most %d)", (int)w->n, w->p,
                  MAX_DIGITS);
    else if (st == SCAN_DIV_ZERO)
        util_errf(err, errlen, "quantity '%.*s' divides by zero", (int)w->n, w->p);
    return ENTRY_EQUANTITY;
}

/* The parser's working state: the normalised text cut into words. */
struct parse {
    char buf[ENTRY_MAX_LEN + 1]; /* whitespace runs as one space, trimmed */
    size_t len;
    struct word w[ENTRY_MAX_LEN / 2 + 1]; /* 1000 bytes hold at most 500 words */
    size_t nw;
    size_t next; /* first word not yet taken */
    size_t end;  /* one past the last word of the food (an amount after it cut off) */
    double quantity;
    int implied; /* no quantity written: one of the food's default portion */
    char qtext[64];
    const char *glued, *glued_end;   /* text glued to the number: "g" of "100g" */
    const char *unit_from, *unit_to; /* the candidate unit */
    int trailing;                    /* the amount came after the food */
    int unit_of;                     /* the unit was written "UNIT of FOOD" */
};

/* Brackets and semicolons only group words, and so does a comma that is
 * not inside a number ("steak, 8 oz", "steak (8 oz)"; "1,5" stays for its
 * own message). */
static int is_separator(const char *p, const char *start) {
    if (*p == '(' || *p == ')' || *p == '[' || *p == ']' || *p == ';')
        return 1;
    return *p == ',' &&
           !(p > start && util_isdigit((unsigned char)p[-1]) && util_isdigit((unsigned char)p[1]));
}

/* Check one byte sequence of the entry; its length, or 0 with err set. */
static size_t check_char(const char *p, char *err, size_t errlen) {
    unsigned char c = (unsigned char)*p;
    size_t n;
    if (c < 0x20 || c == 0x7f) {
        util_errf(err, errlen, "entry contains a control character (byte %u)", c);
        return 0;
    }
    if (c < 0x80)
        return 1;
    /* text a terminal or the search could misread: not UTF-8, or a C1
     * control (U+0080..U+009F, "\xC2\x9B" is an escape) */
    n = util_utf8_len((const unsigned char *)p, strnlen(p, 4)); /* a NUL cuts it short */
    if (n == 0) {
        util_errf(err, errlen, "entry is not valid UTF-8 (byte 0x%02X)", c);
        return 0;
    }
    if (c == 0xC2 && (unsigned char)p[1] < 0xA0) {
        util_errf(err, errlen, "entry contains a control character (U+%04X)", (unsigned char)p[1]);
        return 0;
    }
    return n;
}

static int split_words(const char *s, struct parse *ps, char *err, size_t errlen) {
    if (!s) {
        util_errf(err, errlen, "no entry; " USAGE_HINT);
        return ENTRY_ESYNTAX;
    }
    if (strlen(s) > ENTRY_MAX_LEN) {
        util_errf(err, errlen, "entry is too long (%zu bytes, at most %d)", strlen(s),
                  ENTRY_MAX_LEN);
        return ENTRY_ESYNTAX;
    }
    ps->len = 0;
    for (const char *p = s; *p; p++) {
        if (util_isspace((unsigned char)*p) || is_separator(p, s)) {
            if (ps->len > 0 && ps->buf[ps->len - 1] != ' ')
                ps->buf[ps->len++] = ' ';
            continue;
        }
        size_t n = check_char(p, err, errlen);
        if (n == 0)
            return ENTRY_ESYNTAX;
        memcpy(ps->buf + ps->len, p, n);
        ps->len += n;
        p += n - 1;
    }
    if (ps->len > 0 && ps->buf[ps->len - 1] == ' ')
        ps->len--;
    ps->buf[ps->len] = '\0';
    if (ps->len == 0) {
        util_errf(err, errlen, "empty entry; " USAGE_HINT);
        return ENTRY_ESYNTAX;
    }
    ps->nw = 0;
    for (char *p = ps->buf; *p;) {
        char *e = strchr(p, ' ');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        ps->w[ps->nw].p = p;
        ps->w[ps->nw].n = n;
        ps->nw++;
        p += n + (e != NULL);
    }
    ps->end = ps->nw;
    return ENTRY_OK;
}

/* Is word w, case-insensitively, the ASCII word s? */
static int word_is(const struct word *w, const char *s) {
    size_t n = strlen(s);
    if (w->n != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int a = (unsigned char)w->p[i], b = (unsigned char)s[i];
        if (util_tolower(a) != b)
            return 0;
    }
    return 1;
}

/* Does the word look like an attempt at a number, so that it must be read
 * as one or refused ("1/0", "-1", ".5", "inf")?  A word that only ends in
 * a per cent sign ("2%" of "2% milk") is part of a name. */
static int looks_numeric(const struct word *w) {
    unsigned char c = (unsigned char)w->p[0];
    if (w->p[w->n - 1] == '%')
        return 0;
    if (util_isdigit(c) || c == '.' || c == '+' || c == '-')
        return 1;
    if (memcmp(w->p, "\xE2\x88\x92", w->n < 3 ? w->n : 3) == 0 && w->n >= 3)
        return 1; /* U+2212 MINUS SIGN */
    for (size_t k = 0; k < sizeof(vulgars) / sizeof(vulgars[0]); k++)
        if (strncmp(w->p, vulgars[k].utf8, strlen(vulgars[k].utf8)) == 0)
            return 1;
    return word_is(w, "inf") || word_is(w, "infinity") || word_is(w, "nan");
}

/* Quantities written as words, longest first where one begins another.
 * "a few" is taken as three. */
static const struct {
    const char *words;
    double value;
} qwords[] = {
    {"one and a half", 1.5},
    {"a couple of", 2},
    {"couple of", 2},
    {"a couple", 2},
    {"half a dozen", 6},
    {"a dozen", 12},
    {"dozen", 12},
    {"a few", 3},
    {"few", 3},
    {"a quarter of a", 0.25},
    {"a quarter of an", 0.25},
    {"quarter of a", 0.25},
    {"quarter of an", 0.25},
    {"a quarter of", 0.25},
    {"a quarter", 0.25},
    {"quarter", 0.25},
    {"a third of a", 1.0 / 3},
    {"a third of", 1.0 / 3},
    {"a third", 1.0 / 3},
    {"half of a", 0.5},
    {"half of an", 0.5},
    {"half of", 0.5},
    {"half a", 0.5},
    {"half an", 0.5},
    {"a half", 0.5},
    {"half", 0.5},
    {"a", 1},
    {"an", 1},
    {"one", 1},
    {"two", 2},
    {"three", 3},
    {"four", 4},
    {"five", 5},
    {"six", 6},
    {"seven", 7},
    {"eight", 8},
    {"nine", 9},
    {"ten", 10},
    {"eleven", 11},
    {"twelve", 12},
};

/* How many words of the phrase s match the words from w[i]; 0 if not all. */
static size_t phrase_at(const struct parse *ps, size_t i, const char *s) {
    size_t k = 0;
    while (*s) {
        char word[16];
        size_t n = strcspn(s, " ");
        struct word w;
        if (i + k >= ps->end || n >= sizeof(word))
            return 0;
        memcpy(word, s, n);
        word[n] = '\0';
        w = ps->w[i + k];
        if (!word_is(&w, word))
            return 0;
        k++;
        s += n;
        while (*s == ' ')
            s++;
    }
    return k;
}

/* "and a half" after a quantity ("two and a half cups", "1 and a half"). */
static void read_and_a_half(struct parse *ps) {
    size_t k = phrase_at(ps, ps->next, "and a half");
    if (k && ps->next + k < ps->end) {
        ps->quantity += 0.5;
        snprintf(ps->qtext + strlen(ps->qtext), sizeof(ps->qtext) - strlen(ps->qtext),
                 " and a half");
        ps->next += k;
    }
}

/* A quantity in words at the start; 1 when one was read.  "half and half"
 * (the cream) is a name, not a half. */
static int read_word_quantity(struct parse *ps) {
    for (size_t i = 0; i < sizeof(qwords) / sizeof(qwords[0]); i++) {
        size_t k = phrase_at(ps, 0, qwords[i].words);
        if (!k || (k < ps->end && word_is(&ps->w[k], "and") && !phrase_at(ps, k, "and a half")))
            continue;
        ps->quantity = qwords[i].value;
        snprintf(ps->qtext, sizeof(ps->qtext), "%.*s",
                 (int)(ps->w[k - 1].p + ps->w[k - 1].n - ps->w[0].p), ps->w[0].p);
        ps->next = k;
        read_and_a_half(ps);
        return 1;
    }
    return 0;
}

/* A multiplier word: "x2", "×2", "2x": the number's value, or -1. */
static double multiplier(const struct word *w) {
    struct num m;
    const char *p = w->p;
    size_t n = w->n;
    if (n > 1 && (p[0] == 'x' || p[0] == 'X')) {
        p++, n--;
    } else if (n > 2 && memcmp(p, "\xC3\x97", 2) == 0) { /* U+00D7 × */
        p += 2, n -= 2;
    } else if (n > 1 && (p[n - 1] == 'x' || p[n - 1] == 'X')) {
        n--;
    } else {
        return -1;
    }
    if (scan_num(p, n, &m) != SCAN_OK || m.kind == NUM_NONE || m.len != n)
        return -1;
    return m.value;
}

/* Is the word a lone multiplication sign ("2 x eggs")? */
static int is_times(const struct word *w) {
    return word_is(w, "x") || (w->n == 2 && memcmp(w->p, "\xC3\x97", 2) == 0);
}

/* The quantity at word i0: one word, or two for a mixed number; notes a
 * glued unit.  Sets next past it. */
static int read_quantity(struct parse *ps, size_t i0, char *err, size_t errlen) {
    const struct word *w = ps->w + i0;
    size_t left = ps->end - i0;
    struct num q, f;
    enum scan_status st;

    if ((w[0].p[0] == '-' || w[0].p[0] == '+') && w[0].n > 1 &&
        (scan_num(w[0].p + 1, w[0].n - 1, &q) != SCAN_OK || q.kind != NUM_NONE)) {
        util_errf(err, errlen, "quantity '%.*s' %s", (int)w[0].n, w[0].p,
                  w[0].p[0] == '-' ? "is negative" : "must be a plain number, no sign");
        return ENTRY_EQUANTITY;
    }
    st = scan_num(w[0].p, w[0].n, &q);
    if (st != SCAN_OK)
        return quantity_error(&w[0], st, err, errlen);
    if (q.kind == NUM_NONE) {
        util_errf(err, errlen, "'%.*s' is not a quantity; " USAGE_HINT, (int)w[0].n, w[0].p);
        return ENTRY_EQUANTITY;
    }
    ps->next = i0 + 1;
    ps->glued = NULL;
    if (q.kind == NUM_INT && q.len == w[0].n && left > 1) {
        /* a mixed number: "1 1/2", "1 ½", a unit perhaps glued ("1 1/2cup") */
        st = scan_num(w[1].p, w[1].n, &f);
        if (st != SCAN_OK) {
            struct word both = {w[0].p, (size_t)(w[1].p + w[1].n - w[0].p)};
            return quantity_error(&both, st, err, errlen);
        }
        if ((f.kind == NUM_FRAC || (f.kind == NUM_VULGAR && f.proper)) &&
            (f.len == w[1].n || util_isalpha((unsigned char)w[1].p[f.len]))) {
            if (!f.proper) {
                util_errf(err, errlen,
                          "quantity '%.*s %.*s': the fraction of a mixed number must be below 1",
                          (int)w[0].n, w[0].p, (int)f.len, w[1].p);
                return ENTRY_EQUANTITY;
            }
            q.value += f.value;
            snprintf(ps->qtext, sizeof(ps->qtext), "%.*s %.*s", (int)w[0].n, w[0].p, (int)f.len,
                     w[1].p);
            if (f.len < w[1].n) {
                ps->glued = w[1].p + f.len;
                ps->glued_end = w[1].p + w[1].n;
            }
            ps->next = i0 + 2;
        }
    }
    if (ps->next == i0 + 1) {
        snprintf(ps->qtext, sizeof(ps->qtext), "%.*s", (int)q.len, w[0].p);
        if (q.len < w[0].n) {
            ps->glued = w[0].p + q.len;
            ps->glued_end = w[0].p + w[0].n;
        }
    }
    ps->quantity = q.value;
    if (!ps->glued && ps->next < ps->end && is_times(&ps->w[ps->next]))
        ps->next++; /* "2 x eggs" */
    if (!ps->glued)
        read_and_a_half(ps);
    if (!ps->glued && ps->next < ps->end && is_number_word(&ps->w[ps->next])) {
        util_errf(err, errlen, "'%.*s': two numbers in a row; write one quantity, as in 1 1/2",
                  (int)(ps->w[ps->next].p + ps->w[ps->next].n - w[0].p), w[0].p);
        return ENTRY_EQUANTITY;
    }
    return ENTRY_OK;
}

static int check_range(const struct parse *ps, char *err, size_t errlen) {
    if (ps->quantity <= 0) {
        util_errf(err, errlen, "quantity '%s' is zero", ps->qtext);
        return ENTRY_EQUANTITY;
    }
    if (ps->quantity < ENTRY_QUANTITY_MIN) {
        util_errf(err, errlen, "quantity '%s' is too small (at least %g)", ps->qtext,
                  ENTRY_QUANTITY_MIN);
        return ENTRY_EQUANTITY;
    }
    if (ps->quantity > ENTRY_QUANTITY_MAX) {
        util_errf(err, errlen, "quantity '%s' is too large (at most %.0f)", ps->qtext,
                  ENTRY_QUANTITY_MAX);
        return ENTRY_EQUANTITY;
    }
    return ENTRY_OK;
}

/* Text glued to the number must be a generic unit, perhaps of two words
 * ("3fl oz"), or a multiplication sign ("2x"). */
static int read_glued_unit(struct parse *ps, char *err, size_t errlen) {
    const char *g = ps->glued;
    size_t gn = (size_t)(ps->glued_end - g);
    const struct word *qw = &ps->w[ps->next - 1];
    struct word gw = {g, gn};

    if (is_times(&gw)) {
        ps->glued = NULL;
        return ENTRY_OK;
    }
    if (util_isalpha((unsigned char)g[0]) && ps->next < ps->end &&
        generic2(g, gn, &ps->w[ps->next])) {
        ps->unit_from = g;
        ps->unit_to = ps->w[ps->next].p + ps->w[ps->next].n;
        ps->next++;
        return ENTRY_OK;
    }
    if (util_isalpha((unsigned char)g[0]) && generic2(g, gn, NULL)) {
        ps->unit_from = g;
        ps->unit_to = ps->glued_end;
        return ENTRY_OK;
    }
    if (g[0] == ',' && util_isdigit((unsigned char)g[1]))
        util_errf(err, errlen, "quantity '%.*s': use a decimal point, as in 1.5", (int)qw->n,
                  qw->p);
    else if (util_isalpha((unsigned char)g[0]) && !has_digit(g, gn))
        util_errf(err, errlen,
                  "'%.*s' is not a quantity; put a space after the number unless a unit "
                  "follows it (100g)",
                  (int)qw->n, qw->p);
    else
        util_errf(err, errlen,
                  "'%.*s' is not a quantity; use a decimal (1.5), a fraction (1/2) or a "
                  "mixed number (1 1/2)",
                  (int)qw->n, qw->p);
    return ENTRY_EQUANTITY;
}

/*
 * An amount after the food: "steak 8 oz", "milk 200ml", "eggs x2",
 * "eggs 2", "coffee 2 mugs", "milk 1 1/2 cups".  1 when one was read (the
 * food then ends before it), 0 when there is none; a malformed number at
 * the end is simply part of the name.
 */
static int read_trailing_quantity(struct parse *ps) {
    size_t nw = ps->nw;
    double m = -1;

    if (nw < 2)
        return 0;
    if ((m = multiplier(&ps->w[nw - 1])) >= 0) {
        ps->end = nw - 1; /* "eggs x2", "eggs 2x" */
    } else if (nw > 2 && is_times(&ps->w[nw - 2])) {
        struct num q; /* "eggs x 2" */
        if (scan_num(ps->w[nw - 1].p, ps->w[nw - 1].n, &q) != SCAN_OK || q.kind == NUM_NONE ||
            q.len != ps->w[nw - 1].n)
            return 0;
        m = q.value;
        ps->end = nw - 2;
    }
    if (m >= 0) {
        ps->quantity = m;
        snprintf(ps->qtext, sizeof(ps->qtext), "%g", m);
        ps->next = 0;
        return 1;
    }
    /* a number, perhaps a mixed one, then at most one unit (two words for
     * "fl oz"); the number starts at word k */
    for (size_t k = nw - 1; k >= 1 && k + 3 >= nw; k--) {
        struct parse t = *ps;
        char err[8];
        if (!looks_numeric(&ps->w[k]) || looks_numeric(&ps->w[k - 1]))
            continue;
        t.end = nw;
        t.unit_from = t.unit_to = NULL;
        if (read_quantity(&t, k, err, sizeof(err)) != ENTRY_OK)
            continue;
        if (t.glued) {
            if (read_glued_unit(&t, err, sizeof(err)) != ENTRY_OK)
                continue;
        } else if (t.next < nw) {
            if (t.next + 2 == nw && generic2(t.w[t.next].p, t.w[t.next].n, &t.w[t.next + 1])) {
                t.unit_from = t.w[t.next].p;
                t.unit_to = t.w[nw - 1].p + t.w[nw - 1].n;
            } else if (t.next + 1 == nw && util_isalpha((unsigned char)t.w[t.next].p[0])) {
                t.unit_from = t.w[t.next].p;
                t.unit_to = t.w[t.next].p + t.w[t.next].n;
            } else {
                continue;
            }
            t.next = nw;
        }
        if (t.next != nw)
            continue;
        t.glued = NULL;
        t.end = k;
        t.next = 0;
        t.trailing = 1;
        *ps = t;
        return 1;
    }
    return 0;
}

/* "UNIT of FOOD": up to three words before an "of" with words after it
 * ("a glass of milk", "2 slices of pizza", "a large glass of juice"). */
static int read_unit_of(struct parse *ps) {
    size_t i = ps->next;
    for (size_t j = i + 1; j <= i + 3 && j + 1 < ps->end; j++) {
        if (ps->w[j - 1].p[0] == '@')
            return 0;
        if (!word_is(&ps->w[j], "of"))
            continue;
        ps->unit_from = ps->w[i].p;
        ps->unit_to = ps->w[j - 1].p + ps->w[j - 1].n;
        ps->next = j + 1;
        ps->unit_of = 1;
        return 1;
    }
    return 0;
}

/* The candidate unit: "UNIT of", one word, or two that make a generic unit;
 * none when the food is one word or an @ID. */
static void read_unit(struct parse *ps) {
    const struct word *w = ps->w;
    size_t i = ps->next;

    if (i >= ps->end || w[i].p[0] == '@')
        return;
    if (read_unit_of(ps))
        return;
    if (i + 1 < ps->end && generic2(w[i].p, w[i].n, &w[i + 1])) {
        ps->unit_from = w[i].p;
        ps->unit_to = w[i + 1].p + w[i + 1].n;
        ps->next += 2;
    } else if (i + 1 < ps->end || generic2(w[i].p, w[i].n, NULL)) {
        ps->unit_from = w[i].p;
        ps->unit_to = w[i].p + w[i].n;
        ps->next++;
    }
    /* "1 cup of milk": the unit was generic, "of" belongs to neither */
    if (ps->unit_from && ps->next + 1 < ps->end && word_is(&w[ps->next], "of"))
        ps->next++;
}

/* Something must be left for the food, and an @ID must be alone. */
static int check_food(const struct parse *ps, char *err, size_t errlen) {
    const struct word *w = ps->w;
    size_t i = ps->next;

    if (i >= ps->end) {
        if (ps->unit_from)
            util_errf(err, errlen, "no food after '%s %.*s'; " USAGE_HINT, ps->qtext,
                      (int)(ps->unit_to - ps->unit_from), ps->unit_from);
        else
            util_errf(err, errlen, "no food after '%s'; " USAGE_HINT, ps->qtext);
        return ENTRY_ESYNTAX;
    }
    if (w[i].p[0] == '@' && w[i].n == 1) {
        util_errf(err, errlen, "'@' needs a food id after it, as in '@usda:01077'");
        return ENTRY_ESYNTAX;
    }
    if (w[i].p[0] == '@' && i + 1 < ps->end) {
        util_errf(err, errlen, "'%s': nothing may follow a food id", w[i].p);
        return ENTRY_ESYNTAX;
    }
    return ENTRY_OK;
}

/* The quantity, wherever it is: a number or words at the start, an amount
 * at the end, else one (implied). */
static int read_any_quantity(struct parse *ps, char *err, size_t errlen) {
    double m;

    /* "a 20 oz bottle of water": the article before an amount says nothing */
    size_t first = ps->nw > 2 && (word_is(&ps->w[0], "a") || word_is(&ps->w[0], "an")) &&
                   looks_numeric(&ps->w[1]);
    if (looks_numeric(&ps->w[first])) {
        int rc = read_quantity(ps, first, err, errlen);
        if (rc != ENTRY_OK)
            return rc;
        return ps->glued ? read_glued_unit(ps, err, errlen) : ENTRY_OK;
    }
    if ((m = multiplier(&ps->w[0])) >= 0) { /* "x2 eggs" */
        ps->quantity = m;
        snprintf(ps->qtext, sizeof(ps->qtext), "%.*s", (int)ps->w[0].n, ps->w[0].p);
        ps->next = 1;
        return ENTRY_OK;
    }
    if (read_word_quantity(ps))
        return ENTRY_OK;
    if (read_trailing_quantity(ps))
        return ENTRY_OK;
    /* "some grapes", "banana": one of the food's default portion */
    ps->quantity = 1;
    ps->implied = 1;
    snprintf(ps->qtext, sizeof(ps->qtext), "1");
    ps->next = word_is(&ps->w[0], "some") && ps->nw > 1;
    return ENTRY_OK;
}

/* The index of the word that starts at p. */
static size_t word_index(const struct parse *ps, const char *p) {
    size_t i = 0;
    while (i + 1 < ps->nw && ps->w[i].p != p)
        i++;
    return i;
}

/* Copy words [from, to) of ps into dst, one space between words. */
static void copy_words(const struct parse *ps, size_t from, size_t to, char *dst) {
    if (from >= to) {
        dst[0] = '\0';
        return;
    }
    copy_span(dst, ps->w[from].p, ps->w[to - 1].p + ps->w[to - 1].n);
}

int entry_parse(const char *s, struct entry_spec *out, char *err, size_t errlen) {
    struct parse ps;
    const char *text_start;
    size_t food_from;
    int rc;

    memset(&ps, 0, sizeof(ps));
    if ((rc = split_words(s, &ps, err, errlen)) != ENTRY_OK ||
        (rc = read_any_quantity(&ps, err, errlen)) != ENTRY_OK ||
        (rc = check_range(&ps, err, errlen)) != ENTRY_OK)
        return rc;
    text_start = ps.unit_from && !ps.trailing ? ps.unit_from
                 : ps.next < ps.end           ? ps.w[ps.next].p
                                              : ps.buf + ps.len;
    if (!ps.unit_from)
        read_unit(&ps);
    /* "a slice of the pizza" */
    if (ps.next + 1 < ps.end && word_is(&ps.w[ps.next], "the"))
        ps.next++;
    if ((rc = check_food(&ps, err, errlen)) != ENTRY_OK)
        return rc;
    food_from = ps.next;

    memset(out, 0, sizeof(*out));
    out->quantity = ps.quantity;
    out->implied = ps.implied;
    memcpy(out->quantity_text, ps.qtext, sizeof(ps.qtext));
    if (ps.unit_from)
        copy_span(out->unit, ps.unit_from, ps.unit_to);
    out->unit_generic = ps.unit_from && units_generic(out->unit) != NULL;
    out->unit_of = ps.unit_of;
    copy_words(&ps, food_from, ps.end, out->food);
    if (ps.trailing) {
        /* "pizza 2 slices": the words in the order "slices pizza" */
        size_t un = strlen(out->unit), fn = strlen(out->food); /* both from one entry: fit */
        memcpy(out->text, out->unit, un);
        if (un)
            out->text[un++] = ' ';
        memcpy(out->text + un, out->food, fn + 1);
    } else {
        copy_span(out->text, text_start, ps.w[ps.end - 1].p + ps.w[ps.end - 1].n);
    }
    /* the name's words: the food's, or with a candidate unit that may be
     * the name's first word ("salmon" of "1 salmon fillet") all of them */
    if (ps.unit_from && !out->unit_generic && !ps.unit_of && !ps.trailing)
        food_from = word_index(&ps, ps.unit_from);
    if (ps.end - food_from > 1 && out->food[0] != '@') {
        copy_words(&ps, food_from, ps.end - 1, out->head);
        copy_words(&ps, ps.end - 1, ps.end, out->tail);
    }
    return ENTRY_OK;
}

const char *entry_food_id(const char *food_text) {
    if (!food_text || food_text[0] != '@' || !food_text[1])
        return NULL;
    return food_text + 1;
}

/* ------------------------------------------------------------------------- */
/* resolution */

/* One lookup, its answer as an entry status; msg always says why not. */
static int look(const struct entry_resolver *rv, const char *text, int relaxed, struct food **out,
                char *msg, size_t msglen) {
    const char *id = entry_food_id(text);
    struct food *f = NULL;
    enum entry_lookup r;

    msg[0] = '\0';
    r = rv->lookup(rv->ctx, id ? id : text, id != NULL, relaxed, &f, msg, msglen);
    switch (r) {
    case ENTRY_LOOKUP_FOUND:
        if (!f) {
            util_errf(msg, msglen, "the food lookup for '%s' returned no food", text);
            return ENTRY_ERUNTIME;
        }
        *out = f;
        return ENTRY_OK;
    case ENTRY_LOOKUP_NOTFOUND:
        if (!msg[0])
            util_errf(msg, msglen, "no food matches '%s'", text);
        return ENTRY_ENOTFOUND;
    case ENTRY_LOOKUP_AMBIGUOUS:
        if (!msg[0])
            util_errf(msg, msglen, "several foods match '%s'", text);
        return ENTRY_EAMBIGUOUS;
    case ENTRY_LOOKUP_ERROR:
        break;
    }
    if (!msg[0])
        util_errf(msg, msglen, "the food lookup for '%s' failed", text);
    return ENTRY_ERUNTIME;
}

/* Does food f take word as its unit?  The resolver's own test, else the
 * food's portion names. */
static int takes(const struct entry_resolver *rv, const struct food *f, const char *word) {
    if (rv->takes)
        return rv->takes(rv->ctx, f, word);
    return units_find_portion(f, word) >= 0;
}

static int name_word(const struct entry_resolver *rv, const char *word) {
    return rv->name_word ? rv->name_word(rv->ctx, word) : 1;
}

/* The state of one resolution: the answer so far and the message of the
 * lookup that decides a failure. */
struct resolution {
    const struct entry_spec *e;
    const struct entry_resolver *rv;
    struct entry_found *out;
    char *err;
    size_t errlen;
};

static int found(struct resolution *rs, struct food *f, const char *unit, const char *text) {
    const struct entry_resolver *rv = rs->rv;
    /* "1 salmon fillet", "3 fish sticks": the name's last word counts it */
    if ((!unit || !*unit) && rs->e->tail[0] && rv->counts && rv->counts(rv->ctx, f, rs->e->tail))
        unit = rs->e->tail;
    rs->out->food = f;
    rs->out->unit = unit && *unit ? unit : NULL;
    rs->out->text = text;
    return ENTRY_OK;
}

static int failed(struct resolution *rs, int rc, const char *msg, const char *text) {
    util_errf(rs->err, rs->errlen, "%s", msg);
    rs->out->text = text;
    return rc;
}

/* "salmon fillet": the name without its last word, which is a unit of it. */
static int head_and_tail(struct resolution *rs, const char *unit, int *rc) {
    const struct entry_spec *e = rs->e;
    char msg[MSG_MAX];
    struct food *f = NULL;

    if (!e->head[0])
        return 0;
    *rc = look(rs->rv, e->head, 0, &f, msg, sizeof(msg));
    if (*rc == ENTRY_ERUNTIME) {
        failed(rs, *rc, msg, e->head);
        return 1;
    }
    if (*rc == ENTRY_OK && takes(rs->rv, f, e->tail)) {
        *rc = found(rs, f, unit && *unit ? unit : e->tail, e->head);
        return 1;
    }
    food_free(f);
    return 0;
}

/* No candidate unit, or a generic one: the food text is the name. */
static int resolve_name(struct resolution *rs) {
    const struct entry_spec *e = rs->e;
    char msg[MSG_MAX], msg2[MSG_MAX];
    struct food *f = NULL;
    int rc = look(rs->rv, e->food, 0, &f, msg, sizeof(msg)), rc2;

    if (rc == ENTRY_OK)
        return found(rs, f, e->unit, e->food);
    if (rc != ENTRY_ENOTFOUND || entry_food_id(e->food))
        return failed(rs, rc, msg, e->food);
    if (head_and_tail(rs, e->unit, &rc2))
        return rc2;
    rc2 = look(rs->rv, e->food, 1, &f, msg2, sizeof(msg2));
    if (rc2 == ENTRY_OK)
        return found(rs, f, e->unit, e->food);
    return failed(rs, rc2 == ENTRY_ENOTFOUND ? rc : rc2, rc2 == ENTRY_ENOTFOUND ? msg : msg2,
                  e->food);
}

/* Both readings of "WORD REST" failed to name a food: the last word as a
 * unit, then what the relaxed search makes of REST and of the whole. */
static int resolve_loosely(struct resolution *rs, const char *msg_whole, int rc_whole) {
    const struct entry_spec *e = rs->e;
    char msg[MSG_MAX];
    struct food *f = NULL;
    int rc;

    if (head_and_tail(rs, NULL, &rc))
        return rc;
    rc = look(rs->rv, e->food, 1, &f, msg, sizeof(msg));
    if (rc == ENTRY_ERUNTIME)
        return failed(rs, rc, msg, e->food);
    if (rc == ENTRY_OK && takes(rs->rv, f, e->unit))
        return found(rs, f, e->unit, e->food);
    food_free(f);
    f = NULL;
    rc = look(rs->rv, e->text, 1, &f, msg, sizeof(msg));
    if (rc == ENTRY_OK)
        return found(rs, f, takes(rs->rv, f, e->unit) ? e->unit : NULL, e->text);
    if (rc == ENTRY_ENOTFOUND)
        return failed(rs, rc_whole, msg_whole, e->text);
    return failed(rs, rc, msg, e->text);
}

/* "WORD REST": WORD may be a unit of REST, or the first word of the name. */
static int resolve_word_rest(struct resolution *rs) {
    const struct entry_spec *e = rs->e;
    char msg_rest[MSG_MAX], msg_whole[MSG_MAX];
    struct food *by_rest = NULL, *by_whole = NULL;
    int rc_rest, rc_whole;

    rc_rest = look(rs->rv, e->food, 0, &by_rest, msg_rest, sizeof(msg_rest));
    if (rc_rest == ENTRY_ERUNTIME)
        return failed(rs, rc_rest, msg_rest, e->food);
    if (rc_rest == ENTRY_OK && (entry_food_id(e->food) || takes(rs->rv, by_rest, e->unit)))
        return found(rs, by_rest, e->unit, e->food);
    if (rc_rest != ENTRY_OK && entry_food_id(e->food))
        return failed(rs, rc_rest, msg_rest, e->food);

    rc_whole = look(rs->rv, e->text, 0, &by_whole, msg_whole, sizeof(msg_whole));
    if (rc_whole == ENTRY_OK) {
        food_free(by_rest);
        return found(rs, by_whole, takes(rs->rv, by_whole, e->unit) ? e->unit : NULL, e->text);
    }
    if (rc_whole == ENTRY_ERUNTIME || rc_whole == ENTRY_EAMBIGUOUS) {
        food_free(by_rest);
        return failed(rs, rc_whole, msg_whole, e->text);
    }
    if (rc_rest == ENTRY_OK) {
        /* WORD is no unit of REST: the name's last word may be ("1 salmon
         * fillet"), or WORD a word of the name the table lacks ("2 fresh
         * bananas") if the relaxed search finds the whole */
        char msg[MSG_MAX];
        struct food *f = NULL;
        int rc;
        if (head_and_tail(rs, NULL, &rc)) {
            food_free(by_rest);
            return rc;
        }
        rc = look(rs->rv, e->text, 1, &f, msg, sizeof(msg));
        /* REST again: fine when WORD only qualified the name ("fresh");
         * not when it was meant as an amount ("2 slices of pizza", "2
         * buckets milk"), which must not pass unseen */
        int same = rc == ENTRY_OK && strcmp(f->id, by_rest->id) == 0;
        if (rc == ENTRY_OK && !(same && (e->unit_of || !name_word(rs->rv, e->unit)))) {
            food_free(by_rest);
            return found(rs, f, takes(rs->rv, f, e->unit) ? e->unit : NULL, e->text);
        }
        food_free(f);
        if (rc == ENTRY_ERUNTIME) {
            food_free(by_rest);
            return failed(rs, rc, msg, e->text);
        }
        return found(rs, by_rest, e->unit, e->food); /* units will say WORD is no unit */
    }
    if (rc_rest == ENTRY_EAMBIGUOUS)
        return failed(rs, rc_rest, msg_rest, e->food);
    return resolve_loosely(rs, msg_whole, rc_whole);
}

int entry_resolve(const struct entry_spec *e, const struct entry_resolver *rv,
                  struct entry_found *out, char *err, size_t errlen) {
    struct entry_found res = {NULL, NULL, NULL};
    struct resolution rs = {e, rv, &res, err, errlen};
    int rc;

    if (!e || !rv || !rv->lookup || !out) {
        util_errf(err, errlen, "entry_resolve: missing argument");
        return ENTRY_ERUNTIME;
    }
    if (!e->unit[0] || e->unit_generic)
        rc = resolve_name(&rs);
    else
        rc = resolve_word_rest(&rs);
    if (rc == ENTRY_OK)
        *out = res;
    else
        out->text = res.text;
    return rc;
}

/* The CHECK on entry.meal in store.c's migrations 1 and 5 lists these. */
const char *const entry_meals[] = {"breakfast", "lunch", "dinner", "snack", NULL};
