/*
 * vocab.c - synonyms and everyday foods loaded from the foods/ text files (vocab.h).
 *
 * Small sorted arrays searched with bsearch: a few thousand phrases load
 * in well under a millisecond, which is cheaper than keeping them anywhere
 * else.  No database, no printing.
 */
#include "dietbal/vocab.h"

#include "dietbal/tables.h"
#include "dietbal/util.h"
#include "dietbal/words.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A data file larger than this is not one of ours. */
#define VOCAB_FILE_MAX (4 * 1024 * 1024)
/* Longest FROM phrase, in words, that a rewrite tries. */
#define VOCAB_MAX_PHRASE_WORDS 6

struct synonym {
    char *from, *to; /* normalised */
    int dialect;     /* 0 everyone, else enum vocab_dialect */
};

struct pin {
    char *phrase; /* normalised */
    char *id;
    int dialect; /* 0 everyone, else enum vocab_dialect */
};

struct vocab {
    struct synonym *syn;
    size_t n_syn, cap_syn;
    int syn_sorted;
    struct pin *pins;
    size_t n_pins, cap_pins;
    char **ids; /* everyday food ids, sorted, unique */
    size_t n_ids, cap_ids;
};

struct vocab *vocab_new(void) {
    return calloc(1, sizeof(struct vocab));
}

void vocab_free(struct vocab *v) {
    if (!v)
        return;
    for (size_t i = 0; i < v->n_syn; i++) {
        free(v->syn[i].from);
        free(v->syn[i].to);
    }
    for (size_t i = 0; i < v->n_pins; i++) {
        free(v->pins[i].phrase);
        free(v->pins[i].id);
    }
    for (size_t i = 0; i < v->n_ids; i++)
        free(v->ids[i]);
    free(v->syn);
    free(v->pins);
    free(v->ids);
    free(v);
}

/* One line at a time: the line's text without its comment, trimmed. */
struct lines {
    const char *p;
    unsigned long no;
    char line[1024];
};

static int next_line(struct lines *ls, char *err, size_t errlen, const char *name) {
    while (*ls->p) {
        size_t n = strcspn(ls->p, "\n");
        const char *start = ls->p;
        ls->p += n + (ls->p[n] == '\n');
        ls->no++;
        size_t c = strcspn(start, "#\n");
        if (c < n)
            n = c;
        while (n > 0 && util_isspace((unsigned char)start[n - 1]))
            n--;
        while (n > 0 && util_isspace((unsigned char)*start))
            start++, n--;
        if (n == 0)
            continue;
        if (n >= sizeof(ls->line)) {
            util_errf(err, errlen, "%s:%lu: line too long", name, ls->no);
            return -1;
        }
        memcpy(ls->line, start, n);
        ls->line[n] = '\0';
        return 1;
    }
    return 0;
}

/* "uk: beans": a dialect before a phrase or a FROM; 0 when none (and *s
 * is left alone). */
static int dialect_prefix(const char **s) {
    const char *p = *s;
    while (util_isspace((unsigned char)*p))
        p++;
    if (util_tolower((unsigned char)p[0]) == 'u' && p[1] &&
        strchr("ks", util_tolower((unsigned char)p[1])) && p[2] == ':') {
        *s = p + 3;
        return util_tolower((unsigned char)p[1]) == 'k' ? VOCAB_UK : VOCAB_US;
    }
    return 0;
}

static int syn_cmp(const void *a, const void *b) {
    const struct synonym *x = a, *y = b;
    int c = strcmp(x->from, y->from);
    return c ? c : x->dialect - y->dialect;
}

static int add_synonym(struct vocab *v, const char *line, const char *name, unsigned long no,
                       char *err, size_t errlen) {
    int dialect = dialect_prefix(&line);
    const char *eq;
    if (!(eq = strchr(line, '='))) {
        util_errf(err, errlen, "%s:%lu: expected FROM = TO", name, no);
        return -1;
    }
    if (UTIL_GROW(v->syn, v->cap_syn, v->n_syn + 1) != 0)
        goto oom;
    struct synonym *s = &v->syn[v->n_syn];
    s->from = words_normalise_dup(line, (size_t)(eq - line));
    s->to = words_normalise_dup(eq + 1, strlen(eq + 1));
    s->dialect = dialect;
    if (!s->from || !s->to) {
        free(s->from);
        free(s->to);
        goto oom;
    }
    if (!*s->from) {
        util_errf(err, errlen, "%s:%lu: nothing before '='", name, no);
        free(s->from);
        free(s->to);
        return -1;
    }
    v->n_syn++;
    v->syn_sorted = 0;
    return 0;
oom:
    util_errf(err, errlen, "%s:%lu: out of memory", name, no);
    return -1;
}

/* Sort the synonyms and refuse a FROM given two different TOs for one
 * dialect ("butty" and "buttie" meaning the same is one line twice). */
static int sort_synonyms(struct vocab *v, const char *name, char *err, size_t errlen) {
    size_t o = 0;
    qsort(v->syn, v->n_syn, sizeof(*v->syn), syn_cmp);
    for (size_t i = 0; i < v->n_syn; i++) {
        struct synonym *s = &v->syn[i];
        if (o > 0 && syn_cmp(&v->syn[o - 1], s) == 0) {
            if (strcmp(v->syn[o - 1].to, s->to) != 0) {
                util_errf(err, errlen, "%s: '%s' has two synonyms ('%s' and '%s')", name, s->from,
                          v->syn[o - 1].to, s->to);
                memmove(&v->syn[o], s, (v->n_syn - i) * sizeof(*s));
                v->n_syn = o + (v->n_syn - i);
                return -1;
            }
            free(s->from);
            free(s->to);
            continue;
        }
        v->syn[o++] = *s;
    }
    v->n_syn = o;
    v->syn_sorted = 1;
    return 0;
}

int vocab_add_synonyms(struct vocab *v, const char *text, const char *name, char *err,
                       size_t errlen) {
    struct lines ls = {text ? text : "", 0, ""};
    int r;
    while ((r = next_line(&ls, err, errlen, name)) > 0)
        if (add_synonym(v, ls.line, name, ls.no, err, errlen) != 0)
            return -1;
    if (r < 0)
        return -1;
    return sort_synonyms(v, name, err, errlen);
}

/* The length of an id's table prefix ("usda:" of "usda:01077"; 0 for an
 * id with none): a phrase may name one food in each table. */
static size_t table_len(const char *id) {
    const char *colon = strchr(id, ':');
    return colon ? (size_t)(colon - id) + 1 : 0;
}

static int table_cmp(const char *a, const char *b) {
    size_t la = table_len(a), lb = table_len(b);
    int c = strncmp(a, b, la < lb ? la : lb);
    return c ? c : (la > lb) - (la < lb);
}

/* Sorted by phrase, then table, then dialect. */
static int pin_cmp(const void *a, const void *b) {
    const struct pin *x = a, *y = b;
    int c = strcmp(x->phrase, y->phrase);
    if (!c)
        c = table_cmp(x->id, y->id);
    return c ? c : x->dialect - y->dialect;
}

static int str_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_id(struct vocab *v, const char *id, size_t n) {
    if (UTIL_GROW(v->ids, v->cap_ids, v->n_ids + 1) != 0)
        return -1;
    if (!(v->ids[v->n_ids] = strndup(id, n)))
        return -1;
    v->n_ids++;
    return 0;
}

static int add_pin(struct vocab *v, const char *phrase, size_t n, const char *id, size_t idn) {
    const char *start = phrase;
    int dialect = dialect_prefix(&start);
    if (UTIL_GROW(v->pins, v->cap_pins, v->n_pins + 1) != 0)
        return -1;
    struct pin *p = &v->pins[v->n_pins];
    n -= (size_t)(start - phrase);
    p->dialect = dialect;
    p->phrase = words_normalise_dup(start, n);
    p->id = strndup(id, idn);
    if (!p->phrase || !p->id) {
        free(p->phrase);
        free(p->id);
        return -1;
    }
    if (!*p->phrase) { /* "ID = milk;" : the empty piece is no phrase */
        free(p->phrase);
        free(p->id);
        return 0;
    }
    v->n_pins++;
    return 0;
}

static int add_everyday_line(struct vocab *v, const char *line, const char *name, unsigned long no,
                             char *err, size_t errlen) {
    size_t idn = strcspn(line, " \t=");
    const char *rest = line + idn;
    if (idn == 0) {
        util_errf(err, errlen, "%s:%lu: expected ID = PHRASE; PHRASE ...", name, no);
        return -1;
    }
    while (util_isspace((unsigned char)*rest))
        rest++;
    if (*rest && *rest != '=') {
        util_errf(err, errlen, "%s:%lu: expected '=' after the id", name, no);
        return -1;
    }
    if (add_id(v, line, idn) != 0)
        goto oom;
    if (*rest == '=')
        for (const char *p = rest + 1; *p;) {
            size_t n = strcspn(p, ";");
            if (add_pin(v, p, n, line, idn) != 0)
                goto oom;
            p += n + (p[n] == ';');
        }
    return 0;
oom:
    util_errf(err, errlen, "%s:%lu: out of memory", name, no);
    return -1;
}

static void dedup_ids(struct vocab *v) {
    size_t o = 0;
    qsort(v->ids, v->n_ids, sizeof(*v->ids), str_cmp);
    for (size_t i = 0; i < v->n_ids; i++) {
        if (o > 0 && strcmp(v->ids[o - 1], v->ids[i]) == 0) {
            free(v->ids[i]);
            continue;
        }
        v->ids[o++] = v->ids[i];
    }
    v->n_ids = o;
}

int vocab_add_everyday(struct vocab *v, const char *text, const char *name, char *err,
                       size_t errlen) {
    struct lines ls = {text ? text : "", 0, ""};
    int r;
    while ((r = next_line(&ls, err, errlen, name)) > 0)
        if (add_everyday_line(v, ls.line, name, ls.no, err, errlen) != 0)
            return -1;
    if (r < 0)
        return -1;
    qsort(v->pins, v->n_pins, sizeof(*v->pins), pin_cmp);
    size_t o = 0;
    for (size_t i = 0; i < v->n_pins; i++) {
        struct pin *p = &v->pins[i];
        if (o > 0 && pin_cmp(&v->pins[o - 1], p) == 0) {
            if (strcmp(v->pins[o - 1].id, p->id) != 0) {
                util_errf(err, errlen, "%s: '%s' stands for two foods of one table (%s and %s)",
                          name, p->phrase, v->pins[o - 1].id, p->id);
                v->n_pins = o + (v->n_pins - i); /* keep every pointer owned once */
                memmove(&v->pins[o], p, (v->n_pins - o) * sizeof(*p));
                return -1;
            }
            /* "almond; almonds": one phrase once normalised */
            free(p->phrase);
            free(p->id);
            continue;
        }
        v->pins[o++] = *p;
    }
    v->n_pins = o;
    dedup_ids(v);
    return 0;
}

/* The whole file at path in a new string; NULL with errno ENOENT when it
 * does not exist, NULL with err filled on another failure. */
static char *slurp(const char *path, char *err, size_t errlen) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0;

    if (!f) {
        if (errno != ENOENT)
            util_errf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    if (!(buf = malloc(VOCAB_FILE_MAX + 1))) {
        util_errf(err, errlen, "%s: out of memory", path);
        goto out;
    }
    n = fread(buf, 1, VOCAB_FILE_MAX + 1, f);
    if (ferror(f) || n > VOCAB_FILE_MAX) {
        util_errf(err, errlen, "%s: %s", path, ferror(f) ? "read error" : "file too large");
        free(buf);
        buf = NULL;
        goto out;
    }
    buf[n] = '\0';
out:
    fclose(f);
    return buf;
}

static int load_one(struct vocab *v, const char *dir, const char *file,
                    int (*add)(struct vocab *, const char *, const char *, char *, size_t),
                    char *err, size_t errlen) {
    char path[4096];
    char *text;
    int rc;

    snprintf(path, sizeof(path), "%s/%s", dir, file);
    errno = 0;
    if (err && errlen)
        err[0] = '\0';
    text = slurp(path, err, errlen);
    if (!text)
        return err && err[0] ? -1 : 0; /* missing: nothing to add */
    rc = add(v, text, path, err, errlen);
    free(text);
    return rc;
}

int vocab_load(const char *dir, struct vocab **out, char *err, size_t errlen) {
    struct vocab *v = vocab_new();
    if (!v) {
        util_errf(err, errlen, "out of memory");
        return -1;
    }
    if (load_one(v, dir, "synonyms.txt", vocab_add_synonyms, err, errlen) != 0 ||
        load_one(v, dir, "everyday.txt", vocab_add_everyday, err, errlen) != 0) {
        vocab_free(v);
        return -1;
    }
    *out = v;
    return 0;
}

/* The synonym for exactly this phrase in dialect d (its own line first). */
static const struct synonym *find_synonym(const struct vocab *v, enum vocab_dialect d,
                                          const char *phrase) {
    struct synonym key = {(char *)phrase, NULL, (int)d};
    const struct synonym *s = bsearch(&key, v->syn, v->n_syn, sizeof(*v->syn), syn_cmp);
    if (s)
        return s;
    key.dialect = 0;
    return bsearch(&key, v->syn, v->n_syn, sizeof(*v->syn), syn_cmp);
}

/* Append s (n bytes) to out as a word; 0, or -1 when it does not fit. */
static int put_word(char *out, size_t len, size_t *o, const char *s, size_t n) {
    if (n == 0)
        return 0;
    if (*o + (*o > 0) + n + 1 > len)
        return -1;
    if (*o)
        out[(*o)++] = ' ';
    memcpy(out + *o, s, n);
    *o += n;
    out[*o] = '\0';
    return 0;
}

size_t vocab_rewrite(const struct vocab *v, enum vocab_dialect d, const char *norm, char *out,
                     size_t len) {
    const char *w[WORDS_MAX / 2];
    size_t wn[WORDS_MAX / 2], nw = 0, o = 0, done = 0;

    if (len == 0)
        return 0;
    out[0] = '\0';
    for (const char *p = norm; *p && nw < sizeof(w) / sizeof(w[0]);) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        w[nw] = p;
        wn[nw] = strcspn(p, " ");
        p += wn[nw++];
    }
    for (size_t i = 0; i < nw;) {
        const struct synonym *best = NULL;
        size_t take = 1;
        for (size_t k = VOCAB_MAX_PHRASE_WORDS; v && v->n_syn && k >= 1 && !best; k--) {
            char phrase[WORDS_MAX];
            size_t bytes;
            if (i + k > nw)
                continue;
            bytes = (size_t)(w[i + k - 1] + wn[i + k - 1] - w[i]);
            if (bytes >= sizeof(phrase))
                continue;
            memcpy(phrase, w[i], bytes);
            phrase[bytes] = '\0';
            if ((best = find_synonym(v, d, phrase)))
                take = k;
        }
        if (best) {
            put_word(out, len, &o, best->to, strlen(best->to));
            done++;
        } else {
            put_word(out, len, &o, w[i], wn[i]);
        }
        i += take;
    }
    return done;
}

size_t vocab_pins(const struct vocab *v, enum vocab_dialect d, const char *norm, const char **ids,
                  size_t max) {
    size_t lo = 0, hi = v ? v->n_pins : 0, n = 0;

    /* the first pin of the phrase */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(v->pins[mid].phrase, norm) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* one food per table: the dialect's own pin, else everyone's */
    for (size_t i = lo; v && i < v->n_pins && strcmp(v->pins[i].phrase, norm) == 0; i++) {
        const struct pin *p = &v->pins[i];
        if (p->dialect && p->dialect != (int)d)
            continue;
        if (n && table_cmp(ids[n - 1], p->id) == 0) {
            if (p->dialect)
                ids[n - 1] = p->id; /* sorted after everyone's: it wins */
            continue;
        }
        if (n < max)
            ids[n++] = p->id;
    }
    return n;
}

const char *vocab_pin(const struct vocab *v, enum vocab_dialect d, const char *norm) {
    const char *ids[8], *best = NULL;
    size_t n = vocab_pins(v, d, norm, ids, sizeof(ids) / sizeof(ids[0]));
    for (size_t i = 0; i < n; i++)
        if (!best || tables_rank(NULL, ids[i]) < tables_rank(NULL, best))
            best = ids[i];
    return best;
}

int vocab_is_everyday(const struct vocab *v, const char *id) {
    if (!v || !v->n_ids || !id)
        return 0;
    return bsearch(&id, v->ids, v->n_ids, sizeof(*v->ids), str_cmp) != NULL;
}

size_t vocab_synonym_count(const struct vocab *v) { return v ? v->n_syn : 0; }

size_t vocab_everyday_count(const struct vocab *v) { return v ? v->n_ids : 0; }
