/*
 * foodtable.c - stream a dietbal food table (XML or XML.gz) into foods.
 *
 * The file is read with libxml2's xmlTextReader, validated against the XSD
 * while it streams, and checked for physical sense (no negative mass, no
 * more than 100 g per 100 g, no more than ~900 kcal).  Memory stays flat:
 * one struct food is reused, and only the ids seen are kept (to name the
 * first line of a duplicate), by the caller when it gives opts->id_seen.  This module knows nothing
 * of SQL or output; it never prints and never exits.
 *
 * Positions.  The reader lags the parser (it parses ahead in chunks) and
 * keeps no columns, and libxml2 caps node line numbers at 65535.  So the
 * bytes are scanned on their way in (scan_bytes) and the position of every
 * start tag is queued; the reader returns elements in the same order, so
 * each element pops its own exact LINE:COL.
 *
 * Entities.  The same scanner sees a <!DOCTYPE before libxml2 can parse
 * it, and the read stops there: no entity is declared, so none can be
 * expanded (billion laughs) or loaded (XXE).  External loading is also
 * refused outright (see below) and XML_PARSE_NOENT/DTDLOAD are never set.
 * So that the scanner sees what libxml2 will parse, only encodings it can
 * follow are read: those in which each ASCII character is its own byte
 * (UTF-8, ISO-8859-n, windows-125n), and UTF-16, scanned through a copy
 * transcoded on the fly (scan_utf16).  UTF-7, which would hide a DTD as
 * "+ADw-!DOCTYPE", UTF-32 and EBCDIC are refused before libxml2 reads a
 * byte of them.
 *
 * The schema.  foods/foodtable.xsd is used as it is, except for its
 * xs:unique on food ids, which is checked here instead (see
 * drop_unique_food_id).  The validator runs inside the parser, ahead of
 * the reader; its errors give way to ours when ours come first in the
 * file (see fail), and no food is passed on once any error is known.
 *
 * libxml2 state.  Its error handlers are global.  xmlTextReader's own
 * structured handler cannot be used with schema validation in libxml2 2.9:
 * the validator's SAX plug replaces the parser's user data, and the reader
 * handler then reads the plug as a parser context and crashes (seen with
 * 2.9.14 on an entity error).  So foodtable_read installs a global
 * structured handler, a silent generic handler and an entity loader that
 * refuses everything for the duration of the read and restores all three
 * before returning.  Not thread-safe; dietbal is single-threaded.
 */
#include "dietbal/foodtable.h"
#include "dietbal/textesc.h"

#include "dietbal/label.h"

#include "dietbal/nutrients.h"
#include "dietbal/util.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <zlib.h>

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The physical limits are public (foodtable.h): tests check them too. */
#define PROXIMATE_MAX_G FOODTABLE_PROXIMATE_MAX_G
#define MASS_MAX_G FOODTABLE_MASS_MAX_G
#define ENERGY_MAX_KCAL FOODTABLE_ENERGY_MAX_KCAL

/* A household measure, not a silo: USDA SR24's heaviest portion is a whole
 * turkey of 8.4 kg.  A portion weighing more per unit is a typo or worse
 * (1e308 g made entries of infinite calcium). */
#define PORTION_MAX_G 100000.0

/* The least mass one IU of vitamin A can be: 0.3 ug of retinol (IOM 2001,
 * Dietary Reference Intakes for vitamin A, ch. 4; beta-carotene is 0.6 ug).
 * Used only to hold an IU value to the 100 g limit. */
#define VITA_UG_PER_IU 0.3

/* Report progress at most this often: often enough for a progress bar,
 * rare enough to cost nothing. */
#define PROGRESS_STEP (1024ULL * 1024ULL)

#define PROGRESS_PROBE (64ULL * 1024ULL)

/* zlib's input buffer: bigger than its 8 KiB default for throughput. */
#define GZ_BUFFER (128U * 1024U)

/* --- a position in the file ---------------------------------------------- */

struct pos {
    unsigned long line; /* 0: unknown */
    unsigned long col;  /* 0: unknown */
};

static int pos_le(struct pos a, struct pos b) {
    return a.line < b.line || (a.line == b.line && a.col <= b.col);
}

/* --- string arena and string map (food ids, nutrient tags) --------------- */

struct arena_block {
    struct arena_block *next;
    size_t used, size;
    char data[];
};

struct arena {
    struct arena_block *head;
};

static char *arena_strdup(struct arena *a, const char *s) {
    size_t n = strlen(s) + 1;
    struct arena_block *b = a->head;

    if (!b || b->size - b->used < n) {
        size_t size = n > 65536 ? n : 65536;
        b = malloc(sizeof(*b) + size);
        if (!b)
            return NULL;
        b->next = a->head;
        b->used = 0;
        b->size = size;
        a->head = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n);
    b->used += n;
    return p;
}

static void arena_free(struct arena *a) {
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

struct slot {
    const char *key; /* in the arena; NULL: empty */
    unsigned long val;
};

/* Open addressing, linear probing, at most half full. */
struct strmap {
    struct slot *slots;
    size_t cap, len;
    struct arena arena;
};

static struct slot *strmap_slot(struct slot *slots, size_t cap, const char *key) {
    size_t i = (size_t)util_fnv1a64(UTIL_FNV1A64_INIT, key, strlen(key)) & (cap - 1);
    while (slots[i].key && strcmp(slots[i].key, key) != 0)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* 1 and *val when key is present, else 0. */
static int strmap_get(const struct strmap *m, const char *key, unsigned long *val) {
    if (!m->cap)
        return 0;
    const struct slot *s = strmap_slot(m->slots, m->cap, key);
    if (!s->key)
        return 0;
    *val = s->val;
    return 1;
}

/* Add a key that is not present; its stored copy, or NULL when out of memory. */
static const char *strmap_add(struct strmap *m, const char *key, unsigned long val) {
    if (2 * (m->len + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 64;
        struct slot *slots = calloc(cap, sizeof(*slots));
        if (!slots)
            return NULL;
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key)
                *strmap_slot(slots, cap, m->slots[i].key) = m->slots[i];
        free(m->slots);
        m->slots = slots;
        m->cap = cap;
    }
    const char *copy = arena_strdup(&m->arena, key);
    if (!copy)
        return NULL;
    struct slot *s = strmap_slot(m->slots, m->cap, key);
    s->key = copy;
    s->val = val;
    m->len++;
    return copy;
}

static void strmap_free(struct strmap *m) {
    free(m->slots);
    arena_free(&m->arena);
    memset(m, 0, sizeof(*m));
}

/* --- the byte scanner: positions of start tags --------------------------- */

enum scan_state {
    S_TEXT,    /* character data */
    S_LT,      /* just after '<' */
    S_TAG,     /* in a start tag */
    S_QUOTE,   /* in an attribute value */
    S_SKIP,    /* in an end tag or another declaration, up to '>' */
    S_PI,      /* in a processing instruction */
    S_BANG,    /* after "<!", deciding what it opens */
    S_COMMENT, /* in a comment */
    S_CDATA,   /* in a CDATA section */
};

struct scanner {
    enum scan_state state;
    unsigned char quote;
    int run;      /* '-', ']' or '?' just seen, for "-->", "]]>", "?>" */
    char bang[8]; /* what follows "<!" */
    size_t nbang;
    unsigned long line;            /* of the next byte */
    unsigned long long line_start; /* offset of the first byte of that line */
    unsigned long cont;            /* UTF-8 continuation bytes in it so far */
    unsigned long long off;        /* bytes seen */
    unsigned char prev;            /* the last byte seen ("/>" ends an empty element) */
    struct pos lt;                 /* the '<' being classified */
    long depth;                    /* elements open (to tell a file that was cut short) */
    struct pos *q;                 /* start tags the reader has not reached */
    size_t qcap, qhead, qlen;
    int doctype; /* a <!DOCTYPE was seen, at doctype_pos */
    struct pos doctype_pos;
    int off_positions;       /* not ASCII-compatible (UTF-16...): no positions */
    int bom;                 /* bytes of a UTF-8 byte order mark the file starts with */
    int utf16;               /* 0, or UTF16_LE / UTF16_BE: scan a transcoded copy */
    int odd;                 /* UTF-16: a byte of a code unit split between reads, or -1 */
    const char *unsupported; /* an encoding that is not read, as detected */
    int seen_any;            /* the first bytes were looked at */
    int decl;                /* the XML declaration: DECL_* */
    char decl_text[256];     /* its bytes, between "<?" and "?>" */
    int decl_long;           /* longer than decl_text: cannot be checked */
    size_t ndecl;
    int oom;
};

enum { UTF16_LE = 1, UTF16_BE = 2 };
enum { DECL_NOT_YET, DECL_IN, DECL_DONE, DECL_NONE };

static void scan_push(struct scanner *s, struct pos p) {
    if (s->off_positions)
        return; /* never popped: do not let the queue grow */
    if (s->qlen == s->qcap) {
        size_t cap = s->qcap ? 2 * s->qcap : 256;
        struct pos *q = malloc(cap * sizeof(*q));
        if (!q) {
            s->oom = 1;
            return;
        }
        for (size_t i = 0; i < s->qlen; i++)
            q[i] = s->q[(s->qhead + i) % s->qcap];
        free(s->q);
        s->q = q;
        s->qcap = cap;
        s->qhead = 0;
    }
    s->q[(s->qhead + s->qlen) % s->qcap] = p;
    s->qlen++;
}

static int scan_pop(struct scanner *s, struct pos *p) {
    if (s->off_positions || !s->qlen)
        return 0;
    *p = s->q[s->qhead];
    s->qhead = (s->qhead + 1) % s->qcap;
    s->qlen--;
    return 1;
}

/* The queued start tag that begins last on `line` no later than `col`. */
static int scan_find(const struct scanner *s, unsigned long line, unsigned long col,
                     struct pos *p) {
    if (s->off_positions)
        return 0;
    for (size_t i = s->qlen; i-- > 0;) {
        struct pos t = s->q[(s->qhead + i) % s->qcap];
        if (t.line == line && (col == 0 || t.col <= col)) {
            *p = t;
            return 1;
        }
    }
    return 0;
}

static int is_prefix(const char *have, size_t n, const char *of) {
    return n <= strlen(of) && memcmp(have, of, n) == 0;
}

static void scan_bang(struct scanner *s, unsigned char c) {
    s->bang[s->nbang++] = (char)c;
    if (s->nbang == 2 && memcmp(s->bang, "--", 2) == 0) {
        s->state = S_COMMENT;
        s->run = 0;
    } else if (s->nbang == 7 && memcmp(s->bang, "[CDATA[", 7) == 0) {
        s->state = S_CDATA;
        s->run = 0;
    } else if (s->nbang == 7 && memcmp(s->bang, "DOCTYPE", 7) == 0) {
        if (!s->doctype) {
            s->doctype = 1;
            s->doctype_pos = s->lt;
        }
        s->state = S_SKIP;
    } else if (!is_prefix(s->bang, s->nbang, "--") && !is_prefix(s->bang, s->nbang, "[CDATA[") &&
               !is_prefix(s->bang, s->nbang, "DOCTYPE")) {
        s->state = c == '>' ? S_TEXT : S_SKIP;
    }
}

/* Bytes a scanner state must look at, besides non-ASCII ones. */
#define STOP_NL (1ULL << '\n')
#define STOP_TEXT (STOP_NL | 1ULL << '<')
#define STOP_TAG (STOP_NL | 1ULL << '>' | 1ULL << '"' | 1ULL << '\'')

/*
 * Follow the bytes on their way to libxml2.  Columns count characters, as
 * libxml2's do: a byte's column is its distance from the start of its line
 * less the UTF-8 continuation bytes before it on that line.  Each state
 * first skips the bytes it has no interest in (most of them), so the cost
 * is a few instructions a byte.
 */
static void scan_ascii(struct scanner *s, const unsigned char *p, size_t n) {
    size_t i = 0;

    if (s->off == 0 && !s->utf16 && n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        i = s->line_start = s->bom = 3; /* a UTF-8 byte order mark is no character */
    if (n == 0)
        return;

    /* Locals, not s->...: stores through s could alias p (unsigned char
     * aliases everything) and would make every byte reload the state. */
    enum scan_state state = s->state;
    unsigned long line = s->line, cont = s->cont;
    unsigned long long base = s->off, line_start = s->line_start;
    unsigned char quote = s->quote, c;
    int run = s->run;
    long depth = s->depth;

    for (; i < n; i++) {
        /* Skip ASCII bytes that are not in the state's stop set (all of
         * them below 64: a bit mask does it). */
        uint64_t stop = state == S_TEXT                     ? STOP_TEXT
                        : state == S_QUOTE                  ? STOP_NL | 1ULL << quote
                        : state == S_TAG || state == S_SKIP ? STOP_TAG
                                                            : 0;
        if (stop)
            while (i < n && (c = p[i]) < 0x80 && (c >= 64 || !(stop >> c & 1)))
                i++;
        if (i == n)
            break;
        c = p[i];
        if (c == '\n') {
            line++;
            line_start = base + i + 1;
            cont = 0;
        } else if ((c & 0xC0) == 0x80) {
            cont++;
        }
        switch (state) {
        case S_TEXT:
            if (c == '<') {
                s->lt.line = line;
                s->lt.col = (unsigned long)(base + i - line_start) - cont + 1;
                state = S_LT;
                /* only "<?" at the very start is the XML declaration */
                if (s->decl == DECL_NOT_YET && !(line == 1 && base + i == line_start))
                    s->decl = DECL_NONE;
            }
            break;
        case S_LT:
            if (c != '?' && s->decl == DECL_NOT_YET)
                s->decl = DECL_NONE;
            if (c == '!') {
                s->nbang = 0;
                state = S_BANG;
            } else if (c == '?') {
                run = 0;
                state = S_PI;
                if (s->decl == DECL_NOT_YET)
                    s->decl = DECL_IN;
            } else if (c == '/') {
                depth--;
                state = S_SKIP;
            } else {
                scan_push(s, s->lt);
                state = c == '>' ? S_TEXT : S_TAG;
            }
            break;
        case S_TAG:
            if (c == '"' || c == '\'') {
                quote = c;
                state = S_QUOTE;
            } else if (c == '>') {
                depth += (i ? p[i - 1] : s->prev) != '/';
                state = S_TEXT;
            }
            break;
        case S_QUOTE:
            if (c == quote)
                state = S_TAG;
            break;
        case S_SKIP:
            if (c == '>')
                state = S_TEXT;
            break;
        case S_PI:
            if (c == '>' && run) {
                state = S_TEXT;
                if (s->decl == DECL_IN)
                    s->decl = DECL_DONE;
            } else if (s->decl == DECL_IN) {
                if (s->ndecl < sizeof(s->decl_text) - 1)
                    s->decl_text[s->ndecl++] = (char)c;
                else
                    s->decl_long = 1;
            }
            run = c == '?';
            break;
        case S_BANG:
            s->state = state;
            scan_bang(s, c);
            state = s->state;
            run = s->run;
            break;
        case S_COMMENT:
        case S_CDATA:
            if (c == '>' && run >= 2)
                state = S_TEXT;
            else if (c == (state == S_COMMENT ? '-' : ']'))
                run++;
            else
                run = 0;
            break;
        }
    }
    s->state = state;
    s->line = line;
    s->line_start = line_start;
    s->cont = cont;
    s->quote = quote;
    s->prev = p[n - 1];
    s->run = run;
    s->depth = depth;
    s->off = base + n;
}

/*
 * What the first bytes say about the encoding (XML 1.0 appendix F).
 * UTF-16 is read: the scanner then follows a copy where each code unit
 * below 0x80 is that byte and any other is one non-ASCII byte, enough to
 * see every "<!DOCTYPE"; positions then come from libxml2.  UTF-32 and
 * EBCDIC are refused: the scanner could not see a DTD in them.
 */
static void scan_detect(struct scanner *s, const unsigned char *p, size_t n) {
    static const unsigned char ucs4[][4] = {
        {0, 0, 0, '<'},     {'<', 0, 0, 0},     {0, 0, '<', 0},     {0, '<', 0, 0},
        {0, 0, 0xFE, 0xFF}, {0xFF, 0xFE, 0, 0}, {0, 0, 0xFF, 0xFE}, {0xFE, 0xFF, 0, 0},
    };
    static const unsigned char ebcdic[4] = {0x4C, 0x6F, 0xA7, 0x94}; /* "<?xm" */

    s->odd = -1;
    for (size_t k = 0; n >= 4 && k < sizeof(ucs4) / sizeof(ucs4[0]); k++)
        if (memcmp(p, ucs4[k], 4) == 0)
            s->unsupported = "UTF-32 (UCS-4)";
    if (n >= 4 && memcmp(p, ebcdic, 4) == 0)
        s->unsupported = "EBCDIC";
    if (s->unsupported)
        return;
    if ((p[0] == 0xFE && p[1] == 0xFF) || p[0] == 0)
        s->utf16 = UTF16_BE;
    else if ((p[0] == 0xFF && p[1] == 0xFE) || p[1] == 0)
        s->utf16 = UTF16_LE;
    s->off_positions = s->utf16 != 0;
}

static void scan_utf16(struct scanner *s, const unsigned char *p, size_t n) {
    unsigned char copy[2048];
    size_t m = 0, i = 0;

    while (i < n) {
        unsigned char pair[2];
        if (s->odd >= 0) {
            pair[0] = (unsigned char)s->odd;
            pair[1] = p[i++];
            s->odd = -1;
        } else if (i + 1 < n) {
            pair[0] = p[i];
            pair[1] = p[i + 1];
            i += 2;
        } else {
            s->odd = p[i++];
            break;
        }
        unsigned unit = s->utf16 == UTF16_BE ? (unsigned)pair[0] << 8 | pair[1]
                                             : (unsigned)pair[1] << 8 | pair[0];
        if (unit == 0xFEFF && s->off == 0 && m == 0)
            continue; /* a byte order mark is no character */
        copy[m++] = unit < 0x80 ? (unsigned char)unit : 0xC2;
        if (m == sizeof(copy)) {
            scan_ascii(s, copy, m);
            m = 0;
        }
    }
    scan_ascii(s, copy, m);
}

/* Follow the bytes on their way to libxml2 (see scan_ascii). */
static void scan_bytes(struct scanner *s, const unsigned char *p, size_t n) {
    if (n == 0 || s->unsupported)
        return;
    if (!s->seen_any) {
        s->seen_any = 1;
        if (n >= 2)
            scan_detect(s, p, n);
        if (s->unsupported)
            return;
    }
    if (s->utf16)
        scan_utf16(s, p, n);
    else
        scan_ascii(s, p, n);
}

static int ascii_casecmp_prefix(const char *s, const char *prefix) {
    for (; *prefix; s++, prefix++) {
        if (util_toupper((unsigned char)*s) != (unsigned char)*prefix)
            return 1;
    }
    return 0;
}

/*
 * The encoding the XML declaration names, into enc; "" when it names none.
 * 0, or -1 when libxml2 would read it in a way the scanner cannot follow:
 * only encodings in which every ASCII character is its own single byte
 * (or UTF-16, in a UTF-16 file) are read.  UTF-7 would hide "<!DOCTYPE"
 * as "+ADw-!DOCTYPE".
 */
static int decl_encoding(const struct scanner *s, char *enc, size_t len) {
    static const char *const ascii_safe[] = {"UTF-8",       "UTF8",     "US-ASCII",  "ASCII",
                                             "ISO-8859-",   "ISO8859-", "ISO_8859-", "LATIN",
                                             "WINDOWS-125", "CP125",    NULL};
    static const char *const utf16[] = {"UTF-16", "UTF16", "UCS-2", NULL};
    const char *d = s->decl_text, *v;
    size_t n = 0;
    char quote;

    enc[0] = '\0';
    if (!(v = strstr(d, "encoding")))
        return 0;
    v += strlen("encoding");
    while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
        v++;
    if (*v++ != '=')
        return 0; /* malformed: libxml2 will say so */
    while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
        v++;
    quote = *v++;
    if (quote != '"' && quote != '\'')
        return 0;
    while (v[n] && v[n] != quote && n + 1 < len) {
        enc[n] = v[n];
        n++;
    }
    enc[n] = '\0';
    for (const char *const *a = s->utf16 ? utf16 : ascii_safe; *a; a++)
        if (ascii_casecmp_prefix(enc, *a) == 0)
            return 0;
    return -1;
}

/* --- the read ------------------------------------------------------------- */

/* What the read knows about one tag seen in <nutrient tag="...">. */
struct taginfo {
    int id;                  /* nutrient id, -1 when unknown */
    enum unit unit;          /* the unit a value without one is in */
    int canonical;           /* the table's own tag, not an alias */
    const char *tag;         /* in the map's arena */
    size_t unknown;          /* index in stats->unknown when id < 0 */
    unsigned long last_food; /* serial of the last food counted for it */
};

/* Attribute values of the current element (see read_attrs). */
struct attr {
    const char *name;
    const char *val; /* NULL: absent */
    char *buf;       /* for a value that had to be copied */
    size_t cap;
};

struct ctx {
    const char *path; /* in messages: the table, or the schema while it loads */
    const struct foodtable_opts *opts;
    struct foodtable_stats *stats;
    char *err;
    size_t errlen;

    int rc;          /* FOODTABLE_* of the error kept, 0 while none */
    struct pos epos; /* where it is */
    int pending;     /* a schema error ahead of the reader: an error of ours
                        found before it (in document order) replaces it */
    int dtd;         /* the error kept is the DTD one */

    xmlTextReaderPtr reader;
    gzFile gz;
    int eof; /* all bytes read */
    unsigned long long size, reported, since_progress;
    struct scanner scan;

    struct food *food;
    struct recipe *recipe;   /* the food's <recipe>, NULL when it has none */
    struct supplement *supp; /* the <supplement> being read */
    int in_supp;
    char item[96];             /* "food ID" or "supplement ID", for messages */
    unsigned long food_serial; /* foods started */
    struct pos food_pos;
    int in_food;
    size_t *src; /* per nutrient id: 1 + the taginfo index of the tag its value came from,
                  * 0 for none (an index, not a pointer: taginfo moves as it grows) */
    unsigned long *src_line;

    struct strmap ids;  /* food id -> line */
    struct strmap tags; /* tag -> index in taginfo */
    struct taginfo *taginfo;
    size_t n_taginfo, cap_taginfo;

    struct attr attrs[4];
    int seen_root;
    int encoding_checked; /* the XML declaration's encoding was looked at */
};

static void vfail(struct ctx *c, int rc, struct pos p, const char *fmt, va_list ap) {
    int n;

    c->rc = rc;
    c->epos = p;
    c->pending = 0;
    c->dtd = 0;
    if (!c->err || !c->errlen)
        return;
    if (p.line && p.col)
        n = snprintf(c->err, c->errlen, "%s:%lu:%lu: ", c->path, p.line, p.col);
    else if (p.line)
        n = snprintf(c->err, c->errlen, "%s:%lu: ", c->path, p.line);
    else
        n = snprintf(c->err, c->errlen, "%s: ", c->path);
    if (n >= 0 && (size_t)n < c->errlen)
        vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
}

/*
 * Keep the first error, except that a schema error the validator found
 * ahead of the reader gives way to an error at or before its position:
 * errors then come in document order, and ours name the food.
 */
static void fail(struct ctx *c, int rc, struct pos p, const char *fmt, ...) {
    va_list ap;

    if (c->rc && !(c->pending && p.line && pos_le(p, c->epos)))
        return;
    va_start(ap, fmt);
    vfail(c, rc, p, fmt, ap);
    va_end(ap);
}

static void fail_nomem(struct ctx *c) {
    struct pos none = {0, 0};

    if (c->rc && !c->pending)
        return;
    c->rc = 0;
    fail(c, FOODTABLE_EIO, none, "out of memory");
}

/* A DTD overrides every other error: whatever else went wrong, it is why. */
static void fail_dtd(struct ctx *c) {
    if (c->dtd || c->rc == FOODTABLE_ECALLBACK)
        return;
    c->rc = 0;
    fail(c, FOODTABLE_EINPUT, c->scan.doctype_pos,
         "DTDs and entities are not allowed in a food table (remove the <!DOCTYPE>)");
    c->dtd = 1;
}

/* --- libxml2 hooks --------------------------------------------------------- */

static void silent_generic_error(void *ctx, const char *msg, ...) {
    (void)ctx;
    (void)msg;
}

/* Nothing outside the document itself is ever loaded. */
static xmlParserInputPtr refuse_entity_loader(const char *url, const char *id,
                                              xmlParserCtxtPtr ctxt) {
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

static void on_xml_error(void *arg, xmlErrorPtr e) {
    struct ctx *c = arg;
    struct pos p = {0, 0};
    char msg[512];
    size_t n;

    if (!e || e->level == XML_ERR_NONE || e->level == XML_ERR_WARNING)
        return;
    /* The scanner sees bytes before the parser: any error in a document
     * with a DTD (an entity loop, an external entity) is the DTD's. */
    if (c->scan.doctype) {
        fail_dtd(c);
        return;
    }
    if (c->rc && !c->pending)
        return;

    /* One line: libxml2 puts the bytes of an encoding error on a second. */
    snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "unknown XML error");
    n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    for (char *q = msg; *q; q++)
        if (*q == '\n')
            *q = q[1] == ' ' ? ';' : ' ';

    /* libxml2 2.9 reports text past its 10 MB limit as out of memory
     * ("xmlSAX2Characters: huge text node"): that is the file's fault. */
    if ((e->domain == XML_FROM_MEMORY || e->code == XML_ERR_NO_MEMORY) && !strstr(msg, "huge")) {
        fail_nomem(c);
        return;
    }
    if (e->line > 0)
        p.line = (unsigned long)e->line;
    if (e->domain == XML_FROM_SCHEMASV) {
        /* The validator reports the line where the start tag ends (or of
         * the end tag) and no column: point at the element's '<'. */
        unsigned long col = 0;
        if (c->reader && xmlTextReaderGetParserColumnNumber(c->reader) > 0)
            col = (unsigned long)xmlTextReaderGetParserColumnNumber(c->reader);
        if (!scan_find(&c->scan, p.line, col, &p))
            p.col = col;
        fail(c, FOODTABLE_EINPUT, p, "%s", msg);
        if (c->rc == FOODTABLE_EINPUT && c->epos.line == p.line && c->epos.col == p.col)
            c->pending = 1;
        return;
    }
    if (e->int2 > 0)
        p.col = (unsigned long)e->int2;
    /* libxml2 2.9's words for a name, value or text past its 10 MB limit */
    if (strstr(msg, "Huge input lookup") || strstr(msg, "huge text"))
        snprintf(msg, sizeof(msg), "a name, value or text is too long (more than 10 MB)");
    /* libxml2 says "Extra content at the end of the document" both for an
     * empty file and for one that stops with elements open: say what it is. */
    if (c->eof && c->scan.off == (unsigned long long)c->scan.bom) {
        struct pos none = {0, 0};
        fail(c, FOODTABLE_EINPUT, none, "the file is empty");
    } else if (c->eof && c->scan.depth > 0 && !c->scan.off_positions &&
               e->code != XML_ERR_TAG_NAME_MISMATCH) {
        fail(c, FOODTABLE_EINPUT, p,
             "the file ends before its elements are closed: is it "
             "truncated? (%s)",
             msg);
    } else {
        fail(c, FOODTABLE_EINPUT, p, "%s", msg);
    }
}

/* I/O over zlib: plain files pass through gzread unchanged. */
static int io_read(void *arg, char *buf, int len) {
    struct ctx *c = arg;
    struct pos none = {0, 0};
    int n = gzread(c->gz, buf, (unsigned)len);
    int zerr = Z_OK;

    if (n <= 0) {
        const char *zmsg = gzerror(c->gz, &zerr);
        if (strncmp(zmsg, "<fd:", 4) == 0 && strstr(zmsg, ": "))
            zmsg = strstr(zmsg, ": ") + 2; /* gzdopen names the file "<fd:N>" */
        if (n < 0 || (zerr != Z_OK && zerr != Z_STREAM_END)) {
            if (zerr == Z_ERRNO)
                fail(c, FOODTABLE_EIO, none, "%s", strerror(errno));
            else if (zerr == Z_BUF_ERROR)
                fail(c, FOODTABLE_EINPUT, none, "compressed data ends early (truncated .gz file)");
            else if (zerr == Z_MEM_ERROR)
                fail_nomem(c);
            else
                fail(c, FOODTABLE_EINPUT, none, "corrupt compressed data (%s)", zmsg);
            return -1;
        }
        c->eof = 1;
        return 0;
    }
    scan_bytes(&c->scan, (const unsigned char *)buf, (size_t)n);
    if (c->scan.oom) {
        fail_nomem(c);
        return -1;
    }
    /* Nothing reaches libxml2 in an encoding the scanner cannot follow. */
    if (c->scan.unsupported) {
        fail(c, FOODTABLE_EINPUT, none,
             "the file is in %s; dietbal reads UTF-8, UTF-16, ISO-8859-n and windows-125n "
             "(save it as UTF-8)",
             c->scan.unsupported);
        return -1;
    }
    if (c->scan.decl_long) { /* its encoding could not be checked */
        struct pos first = {1, 1};
        fail(c, FOODTABLE_EINPUT, first, "the XML declaration is too long");
        return -1;
    }
    if (c->scan.decl == DECL_DONE && !c->encoding_checked) {
        struct pos first = {1, 1};
        char enc[64];
        c->encoding_checked = 1;
        if (decl_encoding(&c->scan, enc, sizeof(enc)) != 0) {
            fail(c, FOODTABLE_EINPUT, first,
                 "encoding '%s' is not supported; dietbal reads UTF-8, UTF-16, ISO-8859-n and "
                 "windows-125n (save the table as UTF-8)",
                 enc);
            return -1;
        }
    }
    /* A DTD is refused before libxml2 sees it whole: no entity is ever
     * declared, let alone expanded or loaded.  (Letting the parser meet
     * an entity also makes libxml2 2.9's validator leak its xs:unique
     * state.) */
    if (c->scan.doctype) {
        fail_dtd(c);
        return -1;
    }
    /* gzoffset costs an lseek: ask it only every 64 KiB of output. */
    c->since_progress += (unsigned long long)n;
    if (c->opts && c->opts->on_progress && c->since_progress >= PROGRESS_PROBE) {
        z_off_t done = gzoffset(c->gz);
        c->since_progress = 0;
        if (done >= 0 && (unsigned long long)done >= c->reported + PROGRESS_STEP) {
            c->reported = (unsigned long long)done;
            c->opts->on_progress(c->reported, c->size, c->opts->ctx);
        }
    }
    return n;
}

static int io_close(void *arg) {
    (void)arg; /* the gzFile is closed by foodtable_read */
    return 0;
}

/* --- numbers and attributes -------------------------------------------------- */

static int is_xml_space(int ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

static int word_is(const char *s, size_t len, const char *word) {
    return len == strlen(word) && memcmp(s, word, len) == 0;
}

/*
 * Plain decimals ("88.32", "-3", "0.113") the quick way: with at most 15
 * digits the digits are an exact integer m < 2^53 and 10^k (k <= 22) is an
 * exact double, so m / 10^k is correctly rounded, the same double strtod
 * gives (Clinger 1990).  1 when it applies.
 */
static int parse_decimal(const char *s, size_t len, double *out) {
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    uint64_t m = 0;
    int digits = 0, frac = -1, neg = 0;
    size_t i = 0;

    if (i < len && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    for (; i < len; i++) {
        if (util_isdigit((unsigned char)s[i])) {
            if (++digits > 15)
                return 0;
            m = m * 10 + (uint64_t)(s[i] - '0');
            if (frac >= 0)
                frac++;
        } else if (s[i] == '.' && frac < 0) {
            frac = 0;
        } else {
            return 0;
        }
    }
    if (digits == 0)
        return 0;
    *out = (double)m / pow10[frac > 0 ? frac : 0];
    if (neg)
        *out = -*out;
    return 1;
}

/*
 * Parse an xs:double ("1.5", "-3", "1e-3", "INF", "NaN") with optional
 * white space around it.  strtod alone would also take hex and
 * "infinity", which xs:double does not; it runs in the C locale (set by
 * foodtable_read) so a decimal comma locale cannot change the result.
 * 0 and *out, or -1 when s is not a number at all.
 */
static int parse_double(const char *s, double *out) {
    size_t len;
    char *stop;

    while (is_xml_space((unsigned char)*s))
        s++;
    len = strlen(s);
    while (len > 0 && is_xml_space((unsigned char)s[len - 1]))
        len--;
    if (word_is(s, len, "INF") || word_is(s, len, "+INF")) {
        *out = INFINITY;
        return 0;
    }
    if (word_is(s, len, "-INF")) {
        *out = -INFINITY;
        return 0;
    }
    if (word_is(s, len, "NaN")) {
        *out = NAN;
        return 0;
    }
    if (len == 0 || strspn(s, "0123456789+-.eE") < len)
        return -1;
    if (parse_decimal(s, len, out))
        return 0;
    *out = strtod(s, &stop);
    return stop == s + len ? 0 : -1;
}

/*
 * Point c->attrs[0..n) at the values of the element's attributes of those
 * names (NULL: absent), straight from the reader's tree: no copies, and
 * none of the reader's attribute cursor.  The values live until the reader
 * moves on, and each element's handler is done with them by then.  A
 * prefixed attribute never matches (its qualified name is not one of
 * ours), as through the reader's own API.  A value that is not one text
 * node (the parser always makes it one) is copied out.
 */
static int read_attrs(struct ctx *c, size_t n) {
    const xmlNode *el = xmlTextReaderCurrentNode(c->reader);

    for (size_t i = 0; i < n; i++)
        c->attrs[i].val = NULL;
    if (!el || el->type != XML_ELEMENT_NODE)
        return 0;
    for (const xmlAttr *at = el->properties; at; at = at->next) {
        const char *name = (const char *)at->name;
        if (at->ns || !name)
            continue;
        for (size_t i = 0; i < n; i++) {
            struct attr *a = &c->attrs[i];
            if (name[0] != a->name[0] || strcmp(name, a->name) != 0)
                continue;
            const xmlNode *text = at->children;
            if (!text) {
                a->val = "";
            } else if (text->type == XML_TEXT_NODE && !text->next && text->content) {
                a->val = (const char *)text->content;
            } else {
                xmlChar *v = xmlNodeListGetString(el->doc, text, 1);
                size_t len = v ? strlen((const char *)v) : 0;
                if (UTIL_GROW(a->buf, a->cap, len + 1) != 0) {
                    xmlFree(v);
                    return -1;
                }
                memcpy(a->buf, v ? (const char *)v : "", len + 1);
                xmlFree(v);
                a->val = a->buf;
            }
            break;
        }
    }
    return 0;
}

static void set_attr_names(struct ctx *c, const char *a, const char *b, const char *d) {
    c->attrs[0].name = a;
    c->attrs[1].name = b;
    c->attrs[2].name = d;
    c->attrs[3].name = "";
}

/* --- elements ----------------------------------------------------------------- */

static const char *food_id(const struct ctx *c) { return c->food->id ? c->food->id : "?"; }

static void start_root(struct ctx *c, struct pos p) {
    const char *name = (const char *)xmlTextReaderConstName(c->reader);

    c->seen_root = 1;
    if (!name || strcmp(name, "foodtable") != 0 || xmlTextReaderConstNamespaceUri(c->reader)) {
        fail(c, FOODTABLE_EINPUT, p,
             "the root element is <%.64s>, not <foodtable>: this is not a dietbal food table",
             name ? name : "?");
        return;
    }
    set_attr_names(c, "version", "source", "");
    if (read_attrs(c, 1)) {
        fail_nomem(c);
        return;
    }
    if (!c->attrs[0].val)
        fail(c, FOODTABLE_EINPUT, p,
             "<foodtable> has no version attribute (this dietbal reads version 1)");
    else if (strcmp(c->attrs[0].val, "1") != 0)
        fail(c, FOODTABLE_EINPUT, p,
             "unsupported food table version '%.32s' (this dietbal reads version 1)",
             c->attrs[0].val);
}

/* Has this id come before in the file?  1 and *first when it has, 0 when
 * not (it is remembered now), -1 on an error kept in c.  The caller's
 * id_seen keeps the ids out of memory; otherwise they go in c->ids. */
static int id_seen(struct ctx *c, const char *id, struct pos p, unsigned long *first) {
    if (c->opts && c->opts->id_seen) {
        /* the callback's own buffer: an error the validator already kept
         * in c->err (it reads ahead) must not be wiped */
        char why[512] = "";
        int r = c->opts->id_seen(id, p.line, first, c->opts->ctx, why, sizeof(why));
        if (r >= 0)
            return r > 0;
        if (!c->rc) {
            if (why[0] && c->err && c->errlen)
                snprintf(c->err, c->errlen, "%s", why);
            else
                fail(c, FOODTABLE_ECALLBACK, p, "food %.64s: the importer could not keep its id",
                     id);
            c->rc = FOODTABLE_ECALLBACK;
        }
        c->pending = 0;
        return -1;
    }
    if (strmap_get(&c->ids, id, first))
        return 1;
    if (!strmap_add(&c->ids, id, p.line)) {
        fail_nomem(c);
        return -1;
    }
    return 0;
}

/* The first control character a text holds, which a terminal could obey
 * or which would break a line of output: C0 (tab, newline and carriage
 * return reach an attribute as &#9; &#10; &#13;), DEL or a C1 control
 * (U+0080..U+009F; XML allows them, and U+009B starts an escape
 * sequence).  0 when there is none. */
static unsigned control_char(const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            return *p;
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0)
            return p[1];
    }
    return 0;
}

/* The first invisible format character (Unicode Cf: U+202E reverses what
 * follows, U+200B, U+FEFF hide in a name) a text holds; 0 when none. */
static unsigned long format_char(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    size_t n = s ? strlen(s) : 0;

    for (size_t i = 0; i < n;) {
        unsigned long cp = 0;
        size_t len = textesc_utf8(p + i, n - i, &cp);
        if (len > 0 && textesc_is_format(cp))
            return cp;
        i += len ? len : 1;
    }
    return 0;
}

/* Refuse a text attribute that holds a control or format character; 0
 * when clean. */
static int check_text(struct ctx *c, struct pos p, const char *what, const char *text) {
    unsigned u = control_char(text);
    unsigned long f;

    if (u) {
        fail(c, FOODTABLE_EINPUT, p, "%s contains a control character (U+%04X)", what, u);
        return -1;
    }
    if ((f = format_char(text)) != 0) {
        fail(c, FOODTABLE_EINPUT, p,
             "%s contains an invisible format character (U+%04lX) that changes how text is shown",
             what, f);
        return -1;
    }
    return 0;
}

static void start_food(struct ctx *c, struct pos p) {
    unsigned long first;
    unsigned long max = c->opts && c->opts->max_foods ? c->opts->max_foods : FOODTABLE_MAX_FOODS;

    c->in_food = 1;
    c->food_pos = p;
    if (c->food_serial >= max) {
        fail(c, FOODTABLE_EINPUT, p, "more than %lu foods in one table (split it)", max);
        return;
    }
    c->food_serial++;
    food_clear(c->food);
    recipe_free(c->recipe);
    c->recipe = NULL;
    memset(c->src, 0, nutrients_count() * sizeof(*c->src));

    set_attr_names(c, "id", "name", "group");
    if (read_attrs(c, 3)) {
        fail_nomem(c);
        return;
    }
    if (!c->attrs[0].val || !*c->attrs[0].val) {
        fail(c, FOODTABLE_EINPUT, p, "<food> has no id");
        return;
    }
    if (!c->attrs[1].val || !*c->attrs[1].val) {
        fail(c, FOODTABLE_EINPUT, p, "food %.64s has no name", c->attrs[0].val);
        return;
    }
    if (check_text(c, p, "<food> id", c->attrs[0].val) ||
        check_text(c, p, "<food> name", c->attrs[1].val) ||
        (c->attrs[2].val && check_text(c, p, "<food> group", c->attrs[2].val)))
        return;
    int dup = id_seen(c, c->attrs[0].val, p, &first);
    if (dup < 0)
        return;
    if (dup) {
        fail(c, FOODTABLE_EINPUT, p, "duplicate food id '%.64s' (first at line %lu)",
             c->attrs[0].val, first);
        return;
    }
    if (food_set_str(&c->food->id, c->attrs[0].val) ||
        food_set_str(&c->food->name, c->attrs[1].val) ||
        food_set_str(&c->food->group, c->attrs[2].val))
        fail_nomem(c);
    snprintf(c->item, sizeof(c->item), "food %.64s", c->attrs[0].val);
}

/* <supplement id name unit>: amounts per unit from a label.  Its id must be
 * in the supp: namespace (a food's id never is one); it shares the file's
 * ids with the foods. */
static void start_supplement(struct ctx *c, struct pos p) {
    char id[SUPPLEMENT_ID_MAX + 1], why[160];
    unsigned long first;
    const char *form;

    c->in_supp = 1;
    c->food_pos = p;
    c->food_serial++;
    memset(c->src, 0, nutrients_count() * sizeof(*c->src));
    for (size_t k = 0; k < nutrients_count(); k++)
        c->supp->values[k] = NAN;
    set_attr_names(c, "id", "name", "unit");
    if (read_attrs(c, 3)) {
        fail_nomem(c);
        return;
    }
    const char *given = c->attrs[0].val, *name = c->attrs[1].val, *unit = c->attrs[2].val;
    snprintf(c->item, sizeof(c->item), "supplement %.64s", given ? given : "?");
    if (!given || !supplement_is_id(given) || supplement_make_id(given, id, why, sizeof(why))) {
        fail(c, FOODTABLE_EINPUT, p, "%s: a supplement's id is supp: and a name (supp:prenatal)",
             c->item);
        return;
    }
    if (!name || !*name) {
        fail(c, FOODTABLE_EINPUT, p, "%s has no name", c->item);
        return;
    }
    if (check_text(c, p, "<supplement> name", name))
        return;
    if (!(form = label_dose_form(unit, NULL)) || strcmp(form, unit) != 0) {
        fail(c, FOODTABLE_EINPUT, p,
             "%s: unit '%.32s' is not a dose form (tablet, capsule, softgel, sachet, scoop, ml, "
             "drop)",
             c->item, unit ? unit : "");
        return;
    }
    int dup = id_seen(c, id, p, &first);
    if (dup < 0)
        return;
    if (dup) {
        fail(c, FOODTABLE_EINPUT, p, "duplicate id '%.64s' (first at line %lu)", id, first);
        return;
    }
    free(c->supp->id);
    free(c->supp->name);
    c->supp->id = strdup(id);
    c->supp->name = strdup(name);
    snprintf(c->supp->unit, sizeof(c->supp->unit), "%s", form);
    if (!c->supp->id || !c->supp->name)
        fail_nomem(c);
}

/* Check a positive measure of a portion: grams, amount. */
static int check_portion_number(struct ctx *c, struct pos p, const char *portion, const char *what,
                                const char *text, double *out) {
    const char *id = food_id(c);

    if (parse_double(text, out))
        fail(c, FOODTABLE_EINPUT, p, "food %s: portion '%.64s' %s '%.32s' is not a number", id,
             portion, what, text);
    else if (isnan(*out))
        fail(c, FOODTABLE_EINPUT, p, "food %s: portion '%.64s' %s is NaN", id, portion, what);
    else if (isinf(*out))
        fail(c, FOODTABLE_EINPUT, p, "food %s: portion '%.64s' %s %.32s is infinite", id, portion,
             what, text);
    else if (*out <= 0)
        fail(c, FOODTABLE_EINPUT, p, "food %s: portion '%.64s' %s %.32s is not positive", id,
             portion, what, text);
    else
        return 0;
    return -1;
}

static void start_portion(struct ctx *c, struct pos p) {
    double amount = 1, grams;

    set_attr_names(c, "name", "amount", "grams");
    if (read_attrs(c, 3)) {
        fail_nomem(c);
        return;
    }
    const char *name = c->attrs[0].val;
    if (!name || !*name) {
        fail(c, FOODTABLE_EINPUT, p, "food %s: <portion> has no name", food_id(c));
        return;
    }
    if (!c->attrs[2].val) {
        fail(c, FOODTABLE_EINPUT, p, "food %s: portion '%.64s' has no grams", food_id(c), name);
        return;
    }
    if (check_text(c, p, "<portion> name", name))
        return;
    if (c->food->n_portions >= FOODTABLE_MAX_PORTIONS) {
        fail(c, FOODTABLE_EINPUT, p, "food %s: more than %d portions", food_id(c),
             FOODTABLE_MAX_PORTIONS);
        return;
    }
    if (c->attrs[1].val && check_portion_number(c, p, name, "amount", c->attrs[1].val, &amount))
        return;
    if (check_portion_number(c, p, name, "grams", c->attrs[2].val, &grams))
        return;
    if (grams / amount > PORTION_MAX_G) {
        fail(c, FOODTABLE_EINPUT, p,
             "food %s: portion '%.64s' weighs %g g per %s, more than %.0f kg", food_id(c), name,
             grams / amount, c->attrs[1].val ? "unit of its amount" : "portion",
             PORTION_MAX_G / 1000);
        return;
    }
    if (food_add_portion(c->food, name, amount, grams))
        fail_nomem(c);
}

/* A number of a <recipe> or an <ingredient>: positive and finite. */
static int check_recipe_number(struct ctx *c, struct pos p, const char *what, const char *text,
                               double *out) {
    if (parse_double(text, out) || !isfinite(*out) || *out <= 0) {
        fail(c, FOODTABLE_EINPUT, p, "food %s: %s '%.32s' is not a positive number", food_id(c),
             what, text);
        return -1;
    }
    return 0;
}

/* <recipe yield="1600" serves="4">: the food is a recipe (recipe.h); its
 * values are those the table gives, the ingredients are kept with it. */
static void start_recipe(struct ctx *c, struct pos p) {
    set_attr_names(c, "yield", "serves", "");
    if (read_attrs(c, 2)) {
        fail_nomem(c);
        return;
    }
    if (c->recipe) {
        fail(c, FOODTABLE_EINPUT, p, "food %s: more than one <recipe>", food_id(c));
        return;
    }
    if (!(c->recipe = recipe_new())) {
        fail_nomem(c);
        return;
    }
    if (c->attrs[0].val &&
        check_recipe_number(c, p, "recipe yield", c->attrs[0].val, &c->recipe->yield_g))
        return;
    if (c->attrs[1].val &&
        check_recipe_number(c, p, "recipe serves", c->attrs[1].val, &c->recipe->serves))
        return;
}

/* <ingredient food="usda:10089" grams="500" text="500 g pork spareribs"/> */
static void start_ingredient(struct ctx *c, struct pos p) {
    double grams;

    set_attr_names(c, "food", "grams", "text");
    if (read_attrs(c, 3)) {
        fail_nomem(c);
        return;
    }
    const char *id = c->attrs[0].val, *text = c->attrs[2].val;
    if (!id || !*id || !c->attrs[1].val) {
        fail(c, FOODTABLE_EINPUT, p, "food %s: <ingredient> needs food and grams", food_id(c));
        return;
    }
    if (check_text(c, p, "<ingredient> food", id) ||
        (text && check_text(c, p, "<ingredient> text", text)) ||
        check_recipe_number(c, p, "ingredient grams", c->attrs[1].val, &grams))
        return;
    if (c->recipe->n_ing >= RECIPE_MAX_INGREDIENTS) {
        fail(c, FOODTABLE_EINPUT, p, "food %s: more than %d ingredients", food_id(c),
             RECIPE_MAX_INGREDIENTS);
        return;
    }
    if (recipe_add_ingredient(c->recipe, text ? text : id, id, grams))
        fail_nomem(c);
}

/* <alias name="courgette" lang="en-GB"/>: another name for the food, found
 * by the search like its own. */
static void start_alias(struct ctx *c, struct pos p) {
    set_attr_names(c, "name", "lang", "");
    if (read_attrs(c, 2)) {
        fail_nomem(c);
        return;
    }
    const char *name = c->attrs[0].val, *lang = c->attrs[1].val;
    if (!name || !*name) {
        fail(c, FOODTABLE_EINPUT, p, "food %s: <alias> has no name", food_id(c));
        return;
    }
    if (check_text(c, p, "<alias> name", name) || (lang && check_text(c, p, "<alias> lang", lang)))
        return;
    if (c->food->n_aliases >= FOODTABLE_MAX_ALIASES) {
        fail(c, FOODTABLE_EINPUT, p, "food %s: more than %d aliases", food_id(c),
             FOODTABLE_MAX_ALIASES);
        return;
    }
    if (food_add_alias(c->food, name, lang && *lang ? lang : NULL))
        fail_nomem(c);
}

/* The taginfo of a tag, looked up in the nutrient table once per file. */
static struct taginfo *tag_info(struct ctx *c, const char *tag) {
    unsigned long idx;
    enum unit unit = UNIT_G;
    const char *key;

    if (strmap_get(&c->tags, tag, &idx))
        return &c->taginfo[idx];
    if (UTIL_GROW(c->taginfo, c->cap_taginfo, c->n_taginfo + 1) != 0)
        return NULL;
    if (!(key = strmap_add(&c->tags, tag, (unsigned long)c->n_taginfo)))
        return NULL;
    struct taginfo *t = &c->taginfo[c->n_taginfo++];
    t->id = nutrients_lookup(tag, &unit);
    t->unit = unit;
    t->canonical = t->id >= 0 && strcmp(nutrients_get(t->id)->tag, tag) == 0;
    t->tag = key;
    t->unknown = 0;
    t->last_food = 0;
    return t;
}

/* An unknown tag: count the food once, however often the tag appears in it. */
static void count_unknown(struct ctx *c, struct taginfo *t, struct pos p) {
    struct foodtable_stats *st = c->stats;

    if (t->last_food == c->food_serial)
        return;
    if (t->last_food == 0 && st->n_unknown >= FOODTABLE_MAX_UNKNOWN_TAGS) {
        fail(c, FOODTABLE_EINPUT, p,
             "more than %d different unknown nutrient tags (is this a dietbal food table?)",
             FOODTABLE_MAX_UNKNOWN_TAGS);
        return;
    }
    if (t->last_food == 0) {
        struct foodtable_unknown_tag *u =
            realloc(st->unknown, (st->n_unknown + 1) * sizeof(*st->unknown));
        if (!u) {
            fail_nomem(c);
            return;
        }
        st->unknown = u;
        u[st->n_unknown].tag = strdup(t->tag);
        u[st->n_unknown].count = 0;
        if (!u[st->n_unknown].tag) {
            fail_nomem(c);
            return;
        }
        t->unknown = st->n_unknown++;
    }
    t->last_food = c->food_serial;
    st->unknown[t->unknown].count++;
}

static const char *unit_kind(enum unit u) {
    switch (u) {
    case UNIT_G:
    case UNIT_MG:
    case UNIT_UG:
        return "mass";
    case UNIT_KCAL:
    case UNIT_KJ:
        return "energy";
    case UNIT_IU:
        return "international units";
    }
    return "?";
}

static double grams_per_unit(enum unit u) {
    return u == UNIT_G ? 1.0 : u == UNIT_MG ? 1e-3 : u == UNIT_UG ? 1e-6 : NAN;
}

/* An amount per unit of a supplement past the limits of label.h: the
 * error is kept in c and 1 returned. */
static int supplement_amount_fails(struct ctx *c, struct pos p, int nutrient, const char *text,
                                   enum unit unit, double std) {
    char why[256];

    if (label_check(nutrient, std, why, sizeof(why)) == LABEL_OK)
        return 0;
    fail(c, FOODTABLE_EINPUT, p, "%s: %.32s %s per %s: %s", c->item, text, unit_name(unit),
         c->supp->unit, why);
    return 1;
}

static void start_nutrient(struct ctx *c, struct pos p) {
    const char *id = c->item;
    struct taginfo *t;
    enum unit unit;
    double value, std;

    set_attr_names(c, "tag", "value", "unit");
    c->attrs[3].name = "spread";
    if (read_attrs(c, 4)) {
        fail_nomem(c);
        return;
    }
    const char *tag = c->attrs[0].val, *text = c->attrs[1].val, *utext = c->attrs[2].val;
    const char *stext = c->attrs[3].val;
    double spread = NAN;
    if (!tag || !*tag) {
        fail(c, FOODTABLE_EINPUT, p, "%s: <nutrient> has no tag", id);
        return;
    }
    if (!text) {
        fail(c, FOODTABLE_EINPUT, p, "%s: %.32s has no value", id, tag);
        return;
    }
    if (!(t = tag_info(c, tag))) {
        fail_nomem(c);
        return;
    }
    if (t->id < 0 && c->in_supp) {
        /* a supplement's unlisted amount counts as zero: skipping one
         * would silently drop it */
        fail(c, FOODTABLE_EINPUT, p, "%s: unknown nutrient tag '%.32s'", id, tag);
        return;
    }
    if (t->id < 0) {
        count_unknown(c, t, p);
        return;
    }
    const struct nutrient_def *def = nutrients_get(t->id);

    if (parse_double(text, &value)) {
        fail(c, FOODTABLE_EINPUT, p, "%s: %s value '%.32s' is not a number", id, tag, text);
        return;
    }
    if (isnan(value)) {
        fail(c, FOODTABLE_EINPUT, p, "%s: %s value is NaN (not a number)", id, tag);
        return;
    }
    if (isinf(value)) {
        fail(c, FOODTABLE_EINPUT, p, "%s: %s value %.32s is infinite", id, tag, text);
        return;
    }
    if (value < 0) {
        fail(c, FOODTABLE_EINPUT, p, "%s: %s value %.32s is negative", id, tag, text);
        return;
    }
    unit = t->unit;
    if (utext && unit_parse(utext, &unit)) {
        fail(c, FOODTABLE_EINPUT, p, "%s: %s has an unknown unit '%.32s'", id, tag, utext);
        return;
    }
    if (nutrients_convert(t->id, value, unit, &std)) {
        if (unit == UNIT_IU)
            fail(c, FOODTABLE_EINPUT, p,
                 "%s: %s value %.32s is in IU, which dietbal converts only for vitamin D "
                 "(%s is in %s)",
                 id, tag, text, def->name, unit_name(def->unit));
        else
            fail(c, FOODTABLE_EINPUT, p,
                 "%s: %s value %.32s has unit %s, a unit of %s, but %s is measured in %s", id, tag,
                 text, unit_name(unit), unit_kind(unit), def->name, unit_name(def->unit));
        return;
    }
    /* A value can still overflow on conversion (1e308 ug is finite). */
    if (!isfinite(std)) {
        fail(c, FOODTABLE_EINPUT, p, "%s: %s value %.32s is out of range", id, tag, text);
        return;
    }
    /* a supplement's amount is per unit, and held to a label's limits */
    if (c->in_supp && supplement_amount_fails(c, p, t->id, text, unit, std))
        return;
    /* the spread: in the value's unit, converted with it */
    if (stext && c->in_supp) {
        fail(c, FOODTABLE_EINPUT, p, "%s: %s: a supplement's label amount has no spread", id, tag);
        return;
    }
    if (stext && (parse_double(stext, &spread) || !isfinite(spread) || spread < 0 ||
                  nutrients_convert(t->id, spread, unit, &spread) || !isfinite(spread))) {
        fail(c, FOODTABLE_EINPUT, p,
             "%s: %s spread '%.32s' is not a number of zero or more in the value's unit", id, tag,
             stext);
        return;
    }
    double g = std * grams_per_unit(def->unit);
    if (def->unit == UNIT_IU) /* vitamin A in IU: its least mass (see VITA_UG_PER_IU) */
        g = std * VITA_UG_PER_IU * 1e-6;
    if (!isnan(g) && g > MASS_MAX_G) {
        fail(c, FOODTABLE_EINPUT, p,
             "%s: %s value %.32s %s is %g g, more than the 100 g per 100 g it is part of", id, tag,
             text, unit_name(unit), g);
        return;
    }
    /* Only metabolisable energy (ENERC): gross energy (ENERA), measured by
     * burning the food, is ~940 kcal/100 g for fat and is not checked. */
    if (t->id == NUT_ENERGY && std > ENERGY_MAX_KCAL) {
        /* %.1f of 1e308 would print 309 digits */
        char kcal[32];
        snprintf(kcal, sizeof(kcal), std < 1e9 ? "%.1f" : "%.3g", std);
        fail(c, FOODTABLE_EINPUT, p,
             "%s: %s value %.32s %s is %s kcal per 100 g, more than %.0f kcal "
             "(pure fat has about 900)",
             id, tag, text, unit_name(unit), kcal, ENERGY_MAX_KCAL);
        return;
    }

    /* The same nutrient twice: the table's own tag wins over an alias
     * (ENERC_KCAL is exact where ENERC_KJ was converted and rounded); the
     * same tag twice is a mistake in the file. */
    size_t t_idx = (size_t)(t - c->taginfo);
    const struct taginfo *prev = c->src[t->id] ? &c->taginfo[c->src[t->id] - 1] : NULL;
    if (prev == t) {
        fail(c, FOODTABLE_EINPUT, p, "%s: %s given twice (first at line %lu)", id, tag,
             c->src_line[t->id]);
        return;
    }
    if (prev && (prev->canonical || !t->canonical))
        return;
    c->src[t->id] = t_idx + 1;
    c->src_line[t->id] = p.line;
    (c->in_supp ? c->supp->values : c->food->values)[t->id] = std;
    if (!c->in_supp)
        c->food->spread[t->id] = spread;
}

/* Before a callback: an empty message, so that its own can be told apart. */
static void clear_err(struct ctx *c) {
    if (c->err && c->errlen)
        c->err[0] = '\0';
}

/* A callback refused the food: its message stands; if it gave none, say
 * where. */
static void rejected(struct ctx *c, const struct food *f) {
    if (c->err && c->errlen && !c->err[0])
        fail(c, FOODTABLE_ECALLBACK, c->food_pos, "food %s: rejected by the importer", f->id);
    c->rc = FOODTABLE_ECALLBACK;
    c->pending = 0;
}

static void end_food(struct ctx *c) {
    const struct food *f = c->food;
    size_t n = nutrients_count(), nvalues = 0;
    double proximates = 0;

    c->in_food = 0;
    if (c->rc)
        return; /* never pass on a food after any error (see fail) */
    for (size_t i = 0; i < n; i++) {
        if (isnan(f->values[i]))
            continue;
        nvalues++;
        if (nutrients_get((int)i)->proximate)
            proximates += f->values[i];
    }
    if (proximates > PROXIMATE_MAX_G) {
        fail(c, FOODTABLE_EINPUT, c->food_pos,
             "food %s: water, protein, fat, carbohydrate, ash and alcohol add up to %g g "
             "per 100 g, more than %.0f g",
             f->id, proximates, PROXIMATE_MAX_G);
        return;
    }
    if (c->opts && c->opts->on_food) {
        clear_err(c);
        if (c->opts->on_food(f, c->opts->ctx, c->err, c->errlen)) {
            rejected(c, f);
            return;
        }
    }
    if (c->recipe && c->opts && c->opts->on_recipe) {
        if (food_set_str(&c->recipe->id, f->id) || food_set_str(&c->recipe->name, f->name)) {
            fail_nomem(c);
            return;
        }
        clear_err(c);
        if (c->opts->on_recipe(f, c->recipe, c->opts->ctx, c->err, c->errlen)) {
            rejected(c, f);
            return;
        }
    }
    c->stats->foods++;
    c->stats->recipes += c->recipe != NULL;
    c->stats->portions += f->n_portions;
    c->stats->values += nvalues;
}

static void end_supplement(struct ctx *c) {
    const struct supplement *sp = c->supp;
    unsigned long nvalues = 0;

    c->in_supp = 0;
    if (c->rc)
        return; /* never pass on an item after any error (see fail) */
    for (size_t i = 0; i < nutrients_count(); i++)
        nvalues += !isnan(sp->values[i]);
    if (c->opts && c->opts->on_supplement) {
        if (c->err && c->errlen)
            c->err[0] = '\0';
        if (c->opts->on_supplement(sp, c->opts->ctx, c->err, c->errlen)) {
            if (c->err && c->errlen && !c->err[0])
                fail(c, FOODTABLE_ECALLBACK, c->food_pos, "%s: rejected by the importer", c->item);
            c->rc = FOODTABLE_ECALLBACK;
            c->pending = 0;
            return;
        }
    }
    c->stats->supplements++;
    c->stats->values += nvalues;
}

static void on_element(struct ctx *c) {
    struct pos p = {0, 0};
    int depth = xmlTextReaderDepth(c->reader);
    const char *name = (const char *)xmlTextReaderConstName(c->reader);
    int empty = xmlTextReaderIsEmptyElement(c->reader) == 1;

    if (!scan_pop(&c->scan, &p)) {
        long line = xmlGetLineNo(xmlTextReaderCurrentNode(c->reader));
        p.line = line > 0 ? (unsigned long)line : 0;
    }
    /* A schema error ahead of us: stop once the reader has passed it. */
    if (c->rc && c->pending && !pos_le(p, c->epos)) {
        c->pending = 0;
        return;
    }
    if (!name)
        name = "?";
    if (depth == 0) {
        start_root(c, p);
    } else if (depth == 1 && strcmp(name, "food") == 0) {
        start_food(c, p);
        if (empty)
            end_food(c);
    } else if (depth == 1 && strcmp(name, "supplement") == 0) {
        start_supplement(c, p);
        if (empty)
            end_supplement(c);
    } else if (depth == 2 && c->in_food && strcmp(name, "portion") == 0) {
        start_portion(c, p);
    } else if (depth == 2 && c->in_food && strcmp(name, "alias") == 0) {
        start_alias(c, p);
    } else if (depth == 2 && c->in_food && strcmp(name, "recipe") == 0) {
        start_recipe(c, p);
    } else if (depth == 3 && c->in_food && c->recipe && strcmp(name, "ingredient") == 0) {
        start_ingredient(c, p);
    } else if (depth == 2 && (c->in_food || c->in_supp) && strcmp(name, "nutrient") == 0) {
        start_nutrient(c, p);
    } else {
        fail(c, FOODTABLE_EINPUT, p, "unexpected element <%.64s>", name);
    }
}

/* Text where only elements belong.  The schema says so too, with the
 * column (text nodes carry only a line): its message, when it has one,
 * stands. */
static void on_text(struct ctx *c) {
    const char *s = (const char *)xmlTextReaderConstValue(c->reader);
    long line = xmlGetLineNo(xmlTextReaderCurrentNode(c->reader));
    struct pos p = {line > 0 ? (unsigned long)line : 0, 0};

    if (c->rc)
        return;

    for (; s && *s; s++) {
        if (!is_xml_space((unsigned char)*s)) {
            fail(c, FOODTABLE_EINPUT, p, "unexpected text in a food table");
            return;
        }
    }
}

/* Walk the document: 0 at its end or on an error kept in c, -1 when the
 * reader fails (its error went to on_xml_error). */
static int read_nodes(struct ctx *c) {
    for (;;) {
        if (c->rc && !c->pending)
            return 0;
        int ret = xmlTextReaderRead(c->reader);
        if (ret != 1)
            return ret;
        switch (xmlTextReaderNodeType(c->reader)) {
        case XML_READER_TYPE_ELEMENT:
            on_element(c);
            break;
        case XML_READER_TYPE_END_ELEMENT:
            if (xmlTextReaderDepth(c->reader) == 1 && c->in_food)
                end_food(c);
            else if (xmlTextReaderDepth(c->reader) == 1 && c->in_supp)
                end_supplement(c);
            break;
        case XML_READER_TYPE_DOCUMENT_TYPE:
        case XML_READER_TYPE_ENTITY_REFERENCE:
        case XML_READER_TYPE_ENTITY:
            fail_dtd(c);
            break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
            on_text(c);
            break;
        default: /* comments, processing instructions, white space */
            break;
        }
    }
}

/* Open path for reading through zlib; 0, or an error in c. */
static int open_input(struct ctx *c) {
    struct pos none = {0, 0};
    struct stat st;
    int fd = open(c->path, O_RDONLY);

    if (fd < 0) {
        fail(c, FOODTABLE_EIO, none, "%s", strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        int e = S_ISDIR(st.st_mode) ? EISDIR : errno;
        close(fd);
        fail(c, FOODTABLE_EIO, none, "%s", strerror(e));
        return -1;
    }
    c->size = S_ISREG(st.st_mode) ? (unsigned long long)st.st_size : 0;
    c->gz = gzdopen(fd, "rb");
    if (!c->gz) {
        close(fd);
        fail_nomem(c);
        return -1;
    }
    gzbuffer(c->gz, GZ_BUFFER);
    return 0;
}

#define XSD_NS "http://www.w3.org/2001/XMLSchema"

static int is_xsd(const xmlNode *n, const char *name) {
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           strcmp((const char *)n->ns->href, XSD_NS) == 0 &&
           strcmp((const char *)n->name, name) == 0;
}

/* An xs:selector or xs:field with exactly this xpath. */
static int has_xpath(const xmlNode *n, const char *xpath) {
    xmlChar *v = xmlGetProp(n, BAD_CAST "xpath");
    int same = v && strcmp((const char *)v, xpath) == 0;
    xmlFree(v);
    return same;
}

/* <xs:unique><xs:selector xpath="food|supplement"/><xs:field xpath="@id"/></xs:unique>
 * (or the selector "food" of older schemas) */
static int is_unique_food_id(const xmlNode *n) {
    int selector = 0, fields = 0, id_field = 0;

    if (!is_xsd(n, "unique"))
        return 0;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (is_xsd(k, "selector"))
            selector += has_xpath(k, "food") || has_xpath(k, "food|supplement");
        else if (is_xsd(k, "field")) {
            fields++;
            id_field += has_xpath(k, "@id");
        }
    }
    return selector == 1 && fields == 1 && id_field == 1;
}

/*
 * Drop the schema's uniqueness of food ids: this module checks it itself
 * (naming the line of the first food), and libxml2 2.9's version of it
 * costs ~330 bytes per food for the whole read and leaks its state when
 * parsing stops at a syntax error inside the table.  Every other rule of
 * the schema stays.
 */
static void drop_unique_food_id(xmlNode *n) {
    while (n) {
        xmlNode *next = n->next;
        if (is_unique_food_id(n)) {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        } else if (n->type == XML_ELEMENT_NODE) {
            drop_unique_food_id(n->children);
        }
        n = next;
    }
}

/*
 * Parse the schema; NULL on failure with the error in c.  A schema that
 * cannot be read or parsed is an installation problem (EIO), and its
 * messages name the schema file, not the table.  *doc is the schema's
 * document, to free after the schema.
 */
static xmlSchemaPtr load_schema(struct ctx *c, const char *path, xmlDocPtr *doc) {
    struct pos none = {0, 0};
    xmlSchemaParserCtxtPtr pctxt = NULL;
    xmlSchemaPtr schema = NULL;
    const char *table = c->path;
    FILE *f = fopen(path, "r");

    c->path = path;
    if (!f) {
        fail(c, FOODTABLE_EIO, none, "%s", strerror(errno));
        goto out;
    }
    fclose(f);
    *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    if (*doc) {
        drop_unique_food_id(xmlDocGetRootElement(*doc));
        pctxt = xmlSchemaNewDocParserCtxt(*doc);
    }
    if (pctxt)
        schema = xmlSchemaParse(pctxt);
    if (!schema)
        fail(c, FOODTABLE_EIO, none, "not a valid XML schema");
    c->rc = c->rc ? FOODTABLE_EIO : 0;
out:
    xmlSchemaFreeParserCtxt(pctxt);
    c->path = table;
    return schema;
}

int foodtable_read(const char *path, const struct foodtable_opts *opts,
                   struct foodtable_stats *stats, char *err, size_t errlen) {
    struct ctx c;
    struct foodtable_stats own_stats;
    xmlSchemaPtr schema = NULL;
    xmlDocPtr schema_doc = NULL;
    xmlGenericErrorFunc old_generic = xmlGenericError;
    void *old_generic_ctx = xmlGenericErrorContext;
    xmlStructuredErrorFunc old_structured = xmlStructuredError;
    void *old_structured_ctx = xmlStructuredErrorContext;
    xmlExternalEntityLoader old_loader = xmlGetExternalEntityLoader();
    locale_t c_locale = (locale_t)0, old_locale = (locale_t)0;
    size_t n = nutrients_count();

    memset(&c, 0, sizeof(c));
    if (!stats)
        stats = &own_stats;
    memset(stats, 0, sizeof(*stats));
    c.path = path;
    c.opts = opts;
    c.stats = stats;
    c.err = err;
    c.errlen = errlen;
    c.scan.line = 1;
    if (err && errlen)
        err[0] = '\0';

    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, silent_generic_error);
    xmlSetStructuredErrorFunc(&c, on_xml_error);

    c.food = food_new();
    c.supp = supplement_new();
    c.src = calloc(n, sizeof(*c.src));
    c.src_line = calloc(n, sizeof(*c.src_line));
    c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (!c.food || !c.supp || !c.src || !c.src_line || !c_locale) {
        fail_nomem(&c);
        goto out;
    }
    old_locale = uselocale(c_locale);

    if (open_input(&c))
        goto out;
    if (opts && opts->schema_path && !(schema = load_schema(&c, opts->schema_path, &schema_doc)))
        goto out;

    /* From here on nothing outside the document itself is loaded. */
    xmlSetExternalEntityLoader(refuse_entity_loader);
    c.reader =
        xmlReaderForIO(io_read, io_close, &c, path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    if (!c.reader) {
        fail_nomem(&c);
        goto out;
    }
    if (schema && xmlTextReaderSetSchema(c.reader, schema) != 0) {
        struct pos none = {0, 0};
        fail(&c, FOODTABLE_EIO, none, "cannot validate against the schema %s", opts->schema_path);
        goto out;
    }

    int ret = read_nodes(&c);
    if (c.rc)
        goto out;
    if (ret != 0 || !c.seen_root) {
        struct pos none = {0, 0};
        fail(&c, FOODTABLE_EINPUT, none, "not a food table (unreadable XML)");
        goto out;
    }
    if (schema && xmlTextReaderIsValid(c.reader) != 1) {
        struct pos none = {0, 0};
        fail(&c, FOODTABLE_EINPUT, none, "the file does not follow the schema %s",
             opts->schema_path);
        goto out;
    }
    if (opts && opts->on_progress)
        opts->on_progress(c.size, c.size, opts->ctx);

out:
    xmlFreeTextReader(c.reader);
    xmlSchemaFree(schema);
    xmlFreeDoc(schema_doc);
    if (c.gz)
        gzclose(c.gz);
    xmlSetExternalEntityLoader(old_loader);
    xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
    xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
    if (old_locale)
        uselocale(old_locale);
    if (c_locale)
        freelocale(c_locale);
    food_free(c.food);
    recipe_free(c.recipe);
    supplement_free(c.supp);
    free(c.src);
    free(c.src_line);
    strmap_free(&c.ids);
    strmap_free(&c.tags);
    free(c.taginfo);
    free(c.scan.q);
    for (size_t i = 0; i < sizeof(c.attrs) / sizeof(c.attrs[0]); i++)
        free(c.attrs[i].buf);
    if (stats == &own_stats)
        foodtable_stats_free(stats);
    return c.rc;
}

void foodtable_stats_free(struct foodtable_stats *stats) {
    if (!stats)
        return;
    for (size_t i = 0; i < stats->n_unknown; i++)
        free(stats->unknown[i].tag);
    free(stats->unknown);
    stats->unknown = NULL;
    stats->n_unknown = 0;
}
