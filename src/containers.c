/*
 * containers.c - the container table (containers.h): parsing
 * foods/containers.txt and finding the size of "a bowl" of a food.
 *
 * No database, no printing.  A few hundred lines at most: linear scans.
 */
#include "dietbal/containers.h"

#include "dietbal/units.h"
#include "dietbal/util.h"
#include "dietbal/words.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONTAINERS_FILE_MAX (1024 * 1024)

/* One condition of a kind: a USDA group, or a word of the food's name. */
struct cond {
    int is_group;
    char *text; /* group as written, or a normalised word or phrase */
};

struct kind {
    char *name;
    struct cond *conds;
    size_t n;
};

struct line {
    struct container c; /* public view; strings point into the fields below */
    char **names;       /* normalised names */
    size_t n_names;
    char *raw_names, *norm_first, *kind, *size_text, *portions, *source;
};

struct dflt {
    char *size_word, *kind;
};

struct same {
    char *from, *to; /* normalised */
};

struct containers {
    struct kind *kinds;
    size_t n_kinds;
    struct line *lines;
    size_t n_lines;
    struct dflt *dflts;
    size_t n_dflts;
    struct same *sames;
    size_t n_sames;
};

/* A trimmed copy of s[0..n). */
static char *trim_dup(const char *s, size_t n) {
    while (n > 0 && util_isspace((unsigned char)*s))
        s++, n--;
    while (n > 0 && util_isspace((unsigned char)s[n - 1]))
        n--;
    return strndup(s, n);
}

static void free_line(struct line *l) {
    for (size_t i = 0; i < l->n_names; i++)
        free(l->names[i]);
    free(l->names);
    free(l->raw_names);
    free(l->norm_first);
    free(l->kind);
    free(l->size_text);
    free(l->portions);
    free(l->source);
}

void containers_free(struct containers *c) {
    if (!c)
        return;
    for (size_t i = 0; i < c->n_kinds; i++) {
        for (size_t j = 0; j < c->kinds[i].n; j++)
            free(c->kinds[i].conds[j].text);
        free(c->kinds[i].conds);
        free(c->kinds[i].name);
    }
    for (size_t i = 0; i < c->n_lines; i++)
        free_line(&c->lines[i]);
    for (size_t i = 0; i < c->n_dflts; i++) {
        free(c->dflts[i].size_word);
        free(c->dflts[i].kind);
    }
    for (size_t i = 0; i < c->n_sames; i++) {
        free(c->sames[i].from);
        free(c->sames[i].to);
    }
    free(c->kinds);
    free(c->lines);
    free(c->dflts);
    free(c->sames);
    free(c);
}

size_t containers_count(const struct containers *c) { return c ? c->n_lines : 0; }

/* Split s on sep into up to max trimmed fields; the count. */
static size_t split(char *s, int sep, char **fields, size_t max) {
    size_t n = 0;
    for (char *p = s; n < max;) {
        char *e = strchr(p, sep);
        fields[n++] = p;
        if (!e)
            break;
        *e = '\0';
        p = e + 1;
    }
    for (size_t i = 0; i < n; i++) {
        char *f = fields[i];
        while (util_isspace((unsigned char)*f))
            f++;
        size_t k = strlen(f);
        while (k > 0 && util_isspace((unsigned char)f[k - 1]))
            f[--k] = '\0';
        fields[i] = f;
    }
    return n;
}

static const struct kind *find_kind(const struct containers *c, const char *name) {
    for (size_t i = 0; i < c->n_kinds; i++)
        if (words_casecmp(c->kinds[i].name, name) == 0)
            return &c->kinds[i];
    return NULL;
}

/* "kind NAME = group:G; word:W ..." */
static int parse_kind(struct containers *c, char *s, char *err, size_t errlen) {
    char *eq = strchr(s, '='), *conds[256];
    struct kind k = {0};
    size_t n;

    if (!eq) {
        util_errf(err, errlen, "expected 'kind NAME = group:...; word:...'");
        return -1;
    }
    *eq = '\0';
    k.name = trim_dup(s, strlen(s));
    n = split(eq + 1, ';', conds, sizeof(conds) / sizeof(conds[0]));
    k.conds = calloc(n, sizeof(*k.conds));
    if (!k.name || !k.conds)
        goto oom;
    if (!*k.name || find_kind(c, k.name)) {
        util_errf(err, errlen, *k.name ? "kind '%s' defined twice" : "a kind needs a name%s",
                  k.name);
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        int g = strncmp(conds[i], "group:", 6) == 0;
        if (!g && strncmp(conds[i], "word:", 5) != 0) {
            if (!*conds[i])
                continue; /* "word:a; word:b;" */
            util_errf(err, errlen, "'%s' is neither group:GROUP nor word:WORD", conds[i]);
            goto fail;
        }
        const char *t = conds[i] + (g ? 6 : 5);
        k.conds[k.n].is_group = g;
        k.conds[k.n].text = g ? trim_dup(t, strlen(t)) : words_normalise_dup(t, strlen(t));
        if (!k.conds[k.n].text)
            goto oom;
        if (!*k.conds[k.n].text) {
            free(k.conds[k.n].text);
            continue;
        }
        k.n++;
    }
    c->kinds[c->n_kinds++] = k;
    return 0;
oom:
    util_errf(err, errlen, "out of memory");
fail:
    for (size_t i = 0; i < k.n; i++)
        free(k.conds[i].text);
    free(k.conds);
    free(k.name);
    return -1;
}

/* SIZE: "250 ml", "40 g", "12 fl oz", "portion:a,b", "count" */
static int parse_size(struct line *l, char *err, size_t errlen) {
    const char *s = l->size_text;
    char *end = NULL;
    const struct units_def *d;

    if (strcmp(s, "count") == 0) {
        l->c.size = CONTAINER_COUNT;
        return 0;
    }
    if (strncmp(s, "portion:", 8) == 0) {
        l->c.size = CONTAINER_PORTION;
        if (!(l->portions = trim_dup(s + 8, strlen(s + 8))))
            return util_errf(err, errlen, "out of memory"), -1;
        if (!*l->portions)
            return util_errf(err, errlen, "'portion:' needs portion names"), -1;
        return 0;
    }
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno || !isfinite(v) || v <= 0) {
        util_errf(err, errlen, "size '%s' is not a positive amount, portion:NAME or count", s);
        return -1;
    }
    while (util_isspace((unsigned char)*end))
        end++;
    if (!(d = units_generic(end))) {
        util_errf(err, errlen, "size '%s': '%s' is not a unit (g, ml, oz, fl oz ...)", s, end);
        return -1;
    }
    l->c.size = d->kind == UNITS_MASS ? CONTAINER_MASS : CONTAINER_VOLUME;
    l->c.amount = v * d->factor;
    return 0;
}

/* "NAME/NAME | KIND | DIALECT | SIZE | SOURCE" */
static int parse_container(struct containers *c, char *s, unsigned long no, char *err,
                           size_t errlen) {
    char *f[6], *names[32];
    struct line l;
    size_t n = split(s, '|', f, 6), nn;

    memset(&l, 0, sizeof(l));
    if (n != 5) {
        util_errf(err, errlen, "expected NAME | KIND | DIALECT | SIZE | SOURCE");
        return -1;
    }
    if (strcmp(f[1], "*") != 0 && !find_kind(c, f[1])) {
        util_errf(err, errlen, "kind '%s' is not defined above", f[1]);
        return -1;
    }
    if (strcmp(f[2], "*") && strcmp(f[2], "us") && strcmp(f[2], "uk")) {
        util_errf(err, errlen, "dialect '%s' is not us, uk or *", f[2]);
        return -1;
    }
    if (!*f[4]) {
        util_errf(err, errlen, "every size needs a source");
        return -1;
    }
    l.raw_names = strdup(f[0]);
    l.kind = strdup(f[1]);
    l.size_text = strdup(f[3]);
    l.source = strdup(f[4]);
    if (!l.raw_names || !l.kind || !l.size_text || !l.source)
        goto oom;
    nn = split(f[0], '/', names, sizeof(names) / sizeof(names[0]));
    if (!(l.names = calloc(nn, sizeof(*l.names))))
        goto oom;
    for (size_t i = 0; i < nn; i++) {
        if (!(l.names[l.n_names] = words_normalise_dup(names[i], strlen(names[i]))))
            goto oom;
        if (*l.names[l.n_names])
            l.n_names++;
        else
            free(l.names[l.n_names]);
    }
    if (l.n_names == 0) {
        util_errf(err, errlen, "a container needs a name");
        goto fail;
    }
    if (parse_size(&l, err, errlen) != 0)
        goto fail;
    l.c.names = l.raw_names;
    l.c.name = l.names[0];
    l.c.kind = l.kind;
    l.c.dialect = strcmp(f[2], "us") == 0   ? CONTAINERS_US
                  : strcmp(f[2], "uk") == 0 ? CONTAINERS_UK
                                            : 0;
    l.c.size_text = l.size_text;
    l.c.portions = l.portions;
    l.c.source = l.source;
    l.c.line = no;
    c->lines[c->n_lines++] = l;
    return 0;
oom:
    util_errf(err, errlen, "out of memory");
fail:
    free_line(&l);
    return -1;
}

/* "default SIZEWORD | KIND | SOURCE" */
static int parse_default(struct containers *c, char *s, char *err, size_t errlen) {
    char *f[4];
    if (split(s, '|', f, 4) != 3 || !*f[0] || !*f[2]) {
        util_errf(err, errlen, "expected 'default SIZEWORD | KIND | SOURCE'");
        return -1;
    }
    if (strcmp(f[1], "*") != 0 && !find_kind(c, f[1])) {
        util_errf(err, errlen, "kind '%s' is not defined above", f[1]);
        return -1;
    }
    struct dflt *d = &c->dflts[c->n_dflts];
    d->size_word = words_normalise_dup(f[0], strlen(f[0]));
    d->kind = strdup(f[1]);
    if (!d->size_word || !d->kind) {
        free(d->size_word);
        free(d->kind);
        util_errf(err, errlen, "out of memory");
        return -1;
    }
    c->n_dflts++;
    return 0;
}

/* "same WORD = WORD" */
static int parse_same(struct containers *c, char *s, char *err, size_t errlen) {
    char *eq = strchr(s, '=');
    if (!eq) {
        util_errf(err, errlen, "expected 'same WORD = WORD'");
        return -1;
    }
    struct same *m = &c->sames[c->n_sames];
    m->from = words_normalise_dup(s, (size_t)(eq - s));
    m->to = words_normalise_dup(eq + 1, strlen(eq + 1));
    if (!m->from || !m->to || !*m->from || !*m->to) {
        util_errf(err, errlen, m->from && m->to ? "expected 'same WORD = WORD'" : "out of memory");
        free(m->from);
        free(m->to);
        return -1;
    }
    c->n_sames++;
    return 0;
}

static int parse_line(struct containers *c, char *s, unsigned long no, char *err, size_t errlen) {
    if (strncmp(s, "kind ", 5) == 0)
        return parse_kind(c, s + 5, err, errlen);
    if (strncmp(s, "default ", 8) == 0)
        return parse_default(c, s + 8, err, errlen);
    if (strncmp(s, "same ", 5) == 0)
        return parse_same(c, s + 5, err, errlen);
    return parse_container(c, s, no, err, errlen);
}

/* Room for every line of text as any item: the arrays never grow. */
static int reserve(struct containers *c, size_t lines) {
    c->kinds = calloc(lines, sizeof(*c->kinds));
    c->lines = calloc(lines, sizeof(*c->lines));
    c->dflts = calloc(lines, sizeof(*c->dflts));
    c->sames = calloc(lines, sizeof(*c->sames));
    return c->kinds && c->lines && c->dflts && c->sames ? 0 : -1;
}

int containers_parse(const char *text, const char *name, struct containers **out, char *err,
                     size_t errlen) {
    struct containers *c = calloc(1, sizeof(*c));
    size_t lines = 1;
    unsigned long no = 0;
    char msg[512], buf[2048];

    text = text ? text : "";
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    if (!c || reserve(c, lines) != 0) {
        util_errf(err, errlen, "%s: out of memory", name);
        containers_free(c);
        return -1;
    }
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n"), k = strcspn(p, "#\n");
        no++;
        if (k >= sizeof(buf)) {
            util_errf(err, errlen, "%s:%lu: line too long", name, no);
            containers_free(c);
            return -1;
        }
        memcpy(buf, p, k);
        buf[k] = '\0';
        p += n + (p[n] == '\n');
        char *s = buf;
        while (util_isspace((unsigned char)*s))
            s++;
        if (!*s)
            continue;
        if (parse_line(c, s, no, msg, sizeof(msg)) != 0) {
            util_errf(err, errlen, "%s:%lu: %s", name, no, msg);
            containers_free(c);
            return -1;
        }
    }
    *out = c;
    return 0;
}

int containers_load(const char *path, struct containers **out, char *err, size_t errlen) {
    FILE *f = fopen(path, "rb");
    char *buf;
    size_t n;
    int rc;

    if (!f) {
        if (errno == ENOENT)
            return containers_parse("", path, out, err, errlen);
        util_errf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (!(buf = malloc(CONTAINERS_FILE_MAX + 1))) {
        fclose(f);
        util_errf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    n = fread(buf, 1, CONTAINERS_FILE_MAX + 1, f);
    if (ferror(f) || n > CONTAINERS_FILE_MAX) {
        util_errf(err, errlen, "%s: %s", path, ferror(f) ? "read error" : "file too large");
        rc = -1;
    } else {
        buf[n] = '\0';
        rc = containers_parse(buf, path, out, err, errlen);
    }
    free(buf);
    fclose(f);
    return rc;
}

/* The first two comma-separated segments of a name, normalised: where a
 * USDA name says what the food is ("Cheese, mozzarella"), before how it
 * was made ("part skim milk", "prepared with water"). */
static void lead_segments(const char *name, char *out, size_t len) {
    char buf[WORDS_MAX * 2];
    const char *c1 = strchr(name, ',');
    const char *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
    size_t n = c2 ? (size_t)(c2 - name) : strlen(name);
    if (n >= sizeof(buf))
        n = sizeof(buf) - 1;
    memcpy(buf, name, n);
    buf[n] = '\0';
    words_normalise(buf, out, len);
}

int containers_food_is(const struct containers *c, const char *kind, const struct food *f) {
    const struct kind *k;
    char name[WORDS_MAX];

    if (!kind || strcmp(kind, "*") == 0)
        return 1;
    if (!c || !f || !(k = find_kind(c, kind)))
        return 0;
    lead_segments(f->name ? f->name : "", name, sizeof(name));
    for (size_t i = 0; i < k->n; i++) {
        const struct cond *d = &k->conds[i];
        if (d->is_group ? f->group && words_casecmp(f->group, d->text) == 0
                        : words_has_phrase(name, d->text))
            return 1;
    }
    return 0;
}

static int line_named(const struct line *l, const char *norm) {
    for (size_t i = 0; i < l->n_names; i++)
        if (strcmp(l->names[i], norm) == 0)
            return 1;
    return 0;
}

const struct container *containers_next(const struct containers *c, const char *word,
                                        const struct food *f, enum containers_dialect d,
                                        size_t *pos) {
    char norm[WORDS_MAX];
    if (!c || !word || !pos)
        return NULL;
    words_normalise(word, norm, sizeof(norm));
    for (; *pos < c->n_lines; (*pos)++) {
        const struct line *l = &c->lines[*pos];
        if (!line_named(l, norm) || (l->c.dialect && l->c.dialect != (int)d) ||
            !containers_food_is(c, l->c.kind, f))
            continue;
        (*pos)++;
        return &l->c;
    }
    return NULL;
}

int containers_names(const struct containers *c, const char *word) {
    char norm[WORDS_MAX];
    if (!c || !word)
        return 0;
    words_normalise(word, norm, sizeof(norm));
    for (size_t i = 0; i < c->n_lines; i++)
        if (line_named(&c->lines[i], norm))
            return 1;
    return 0;
}

void containers_dialects(const struct containers *c, const char *word, const struct food *f,
                         char *buf, size_t len) {
    char norm[WORDS_MAX];
    size_t o = 0;
    int seen[3] = {0, 0, 0};
    if (len == 0)
        return;
    buf[0] = '\0';
    if (!c || !word)
        return;
    words_normalise(word, norm, sizeof(norm));
    for (size_t i = 0; i < c->n_lines && o < len; i++) {
        const struct line *l = &c->lines[i];
        if (!l->c.dialect || seen[l->c.dialect] || !line_named(l, norm) ||
            !containers_food_is(c, l->c.kind, f))
            continue;
        seen[l->c.dialect] = 1;
        int w = snprintf(buf + o, len - o, "%s%s in the %s", o ? ", " : "", l->c.size_text,
                         l->c.dialect == CONTAINERS_US ? "US" : "UK");
        if (w < 0)
            break;
        o += (size_t)w;
    }
}

const char *containers_default_size(const struct containers *c, const struct food *f) {
    for (size_t i = 0; c && i < c->n_dflts; i++)
        if (containers_food_is(c, c->dflts[i].kind, f))
            return c->dflts[i].size_word;
    return NULL;
}

const char *containers_same(const struct containers *c, const char *word) {
    char norm[WORDS_MAX];
    if (!c || !word)
        return NULL;
    words_normalise(word, norm, sizeof(norm));
    for (size_t i = 0; i < c->n_sames; i++)
        if (strcmp(c->sames[i].from, norm) == 0)
            return c->sames[i].to;
    return NULL;
}
