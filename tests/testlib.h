/*
 * testlib.h - what the unit tests share: assertions on numbers, scratch
 * directories and files, the fixture directory, and fixtures for the
 * modules a test uses.
 *
 * Include it after <cmocka.h> and after the dietbal headers the test
 * needs: the fixtures of a module (an in-memory store, a day number from
 * a date, a profile, a nutrient id) are defined only when that module's
 * header came first, so a test that never opens a store sees nothing of
 * it.  Everything here is static inline: a test takes what it uses.
 */
#ifndef DIETBAL_TESTLIB_H
#define DIETBAL_TESTLIB_H

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The fixture files, relative to the repository (tests run from there). */
#define FIXTURES "tests/fixtures/"

/* --- numbers ------------------------------------------------------------- */

/* got within eps of want (eps 0: exactly); a NAN never is. */
#define assert_near(got, want, eps)                                                                \
    do {                                                                                           \
        double got_ = (got), want_ = (want), eps_ = (eps);                                         \
        if (!(fabs(got_ - want_) <= eps_))                                                         \
            fail_msg("%s = %.17g, expected %.17g (± %g)", #got, got_, want_, eps_);                \
    } while (0)

#define assert_nan(a) assert_true(isnan(a))

/* --- scratch directories and files --------------------------------------- */

/* A new directory /tmp/dietbal-test-NAME.XXXXXX into dir (len bytes, 64
 * are enough for a short name); dir, or NULL when it cannot be made. */
static inline char *test_tmpdir(char *dir, size_t len, const char *name) {
    if ((size_t)snprintf(dir, len, "/tmp/dietbal-test-%s.XXXXXX", name) >= len)
        return NULL;
    return mkdtemp(dir);
}

/* Remove dir and everything in it (files and directories below). */
static inline void test_rmtree(const char *dir) {
    DIR *dh = opendir(dir);
    struct dirent *e;

    while (dh && (e = readdir(dh))) {
        char path[4096];
        struct stat st;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= sizeof(path))
            continue;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            test_rmtree(path);
        else
            unlink(path);
    }
    if (dh)
        closedir(dh);
    rmdir(dir);
}

/* Write text to path (replacing it), or fail the test. */
static inline void test_write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

/* The whole of path as a new string (the caller frees it), or NULL when it
 * cannot be read. */
static inline char *test_read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    size_t len = 0;
    int fail = 1;

    if (f && fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (text = malloc((size_t)n + 1))) {
            len = fread(text, 1, (size_t)n, f);
            text[len] = '\0';
            fail = ferror(f);
        }
    }
    if (f)
        fclose(f);
    if (fail) {
        free(text);
        return NULL;
    }
    return text;
}

/* --- dates (date.h) ---------------------------------------------------------- */

#ifdef DIETBAL_DATE_H
/* The day number of a "YYYY-MM-DD" the test knows to be valid. */
static inline long day_of(const char *s) {
    long d = 0;
    assert_int_equal(date_parse(s, 0, &d), 0);
    return d;
}
#endif

/* --- nutrients (nutrients.h) ------------------------------------------------- */

#ifdef DIETBAL_NUTRIENTS_H
/* The id of a nutrient tag ("CA"), -1 when unknown. */
static inline int id_of(const char *tag) { return nutrients_lookup(tag, NULL); }
#endif

/* --- profiles (profile.h) ---------------------------------------------------- */

#ifdef DIETBAL_PROFILE_H
/* A pregnant woman of 65 kg born 1997-05-01, due 2027-01-10. */
static inline struct profile pregnant(void) {
    struct profile p;
    profile_init(&p);
    p.sex = SEX_FEMALE;
    snprintf(p.birth_date, sizeof(p.birth_date), "1997-05-01");
    p.weight_kg = 65;
    p.pregnant = 1;
    snprintf(p.due_date, sizeof(p.due_date), "2027-01-10");
    return p;
}
#endif

/* --- the store (store.h) ----------------------------------------------------- */

#ifdef DIETBAL_STORE_H
/* cmocka setup and teardown: *state is a new in-memory store. */
static inline int store_setup(void **state) {
    store *s = NULL;
    char err[256];
    if (store_open(":memory:", &s, err, sizeof(err)) != STORE_OK)
        return -1;
    *state = s;
    return 0;
}

static inline int store_teardown(void **state) {
    store_close(*state);
    return 0;
}

/* A database file, NAME.XXXXXX/diary.db under /tmp, not yet created. */
struct test_db {
    char dir[64];
    char path[96];
};

/* 0, or -1 when the directory cannot be made. */
static inline int test_db_make(struct test_db *t, const char *name) {
    if (!test_tmpdir(t->dir, sizeof(t->dir), name))
        return -1;
    snprintf(t->path, sizeof(t->path), "%s/diary.db", t->dir);
    return 0;
}

/* The database, its -wal, -shm and -journal, and the directory removed. */
static inline void test_db_remove(struct test_db *t) { test_rmtree(t->dir); }
#endif

#endif
