/*
 * test_util.c - the small shared helpers: error buffer, ASCII classes,
 * UTF-8 lengths, FNV-1a, array growth, atomic file replacement.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* --- error buffer ---------------------------------------------------------- */

static void test_errf_writes_and_cuts(void **state) {
    char err[8];
    (void)state;

    util_errf(err, sizeof(err), "%s: %d", "ab", 12);
    assert_string_equal(err, "ab: 12");
    util_errf(err, sizeof(err), "%s", "a long message");
    assert_string_equal(err, "a long "); /* cut to 7 bytes and a NUL */
    memset(err, 'x', sizeof(err));
    util_errf(err, 1, "%s", "gone");
    assert_int_equal(err[0], '\0');
    assert_int_equal(err[1], 'x');
}

static void test_errf_tolerates_no_buffer(void **state) {
    char err[4] = "abc";
    (void)state;

    util_errf(NULL, 0, "%s", "nothing");
    util_errf(NULL, 100, "%s", "nothing");
    util_errf(err, 0, "%s", "nothing");
    assert_string_equal(err, "abc");
}

/* --- ASCII classes ---------------------------------------------------------- */

/* Every byte, against the classes written out as strings. */
static void test_ctype_every_byte(void **state) {
    const char *space = " \t\n\r\f\v", *digit = "0123456789";
    const char *upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", *lower = "abcdefghijklmnopqrstuvwxyz";
    (void)state;

    for (int c = 1; c < 256; c++) {
        int is_space = strchr(space, c) != NULL, is_digit = strchr(digit, c) != NULL;
        int is_upper = strchr(upper, c) != NULL, is_lower = strchr(lower, c) != NULL;
        assert_int_equal(!!util_isspace(c), is_space);
        assert_int_equal(!!util_isdigit(c), is_digit);
        assert_int_equal(!!util_isupper(c), is_upper);
        assert_int_equal(!!util_isalpha(c), is_upper || is_lower);
        assert_int_equal(!!util_isalnum(c), is_upper || is_lower || is_digit);
        assert_int_equal(util_tolower(c), is_upper ? lower[strchr(upper, c) - upper] : c);
        assert_int_equal(util_toupper(c), is_lower ? upper[strchr(lower, c) - lower] : c);
    }
    assert_false(util_isspace(0) || util_isdigit(0) || util_isalnum(0));
    assert_int_equal(util_tolower(0), 0);
    /* bytes of UTF-8 sequences are no letters, whatever the locale says */
    assert_false(util_isalpha(0xE9)); /* é in Latin-1 */
    assert_int_equal(util_tolower(0xC9), 0xC9);
}

/* --- UTF-8 ----------------------------------------------------------------- */

static size_t len_of(const char *s, size_t n) { return util_utf8_len((const unsigned char *)s, n); }

static void test_utf8_well_formed(void **state) {
    (void)state;
    assert_int_equal(len_of("a", 1), 1);
    assert_int_equal(len_of("\0", 1), 1);
    assert_int_equal(len_of("\x7F", 1), 1);
    assert_int_equal(len_of("\xC2\x80", 2), 2);         /* U+0080, the first of two bytes */
    assert_int_equal(len_of("\xC3\xA9", 2), 2);         /* é */
    assert_int_equal(len_of("\xDF\xBF", 2), 2);         /* U+07FF */
    assert_int_equal(len_of("\xE0\xA0\x80", 3), 3);     /* U+0800 */
    assert_int_equal(len_of("\xE2\x82\xAC", 3), 3);     /* € */
    assert_int_equal(len_of("\xED\x9F\xBF", 3), 3);     /* U+D7FF, below the surrogates */
    assert_int_equal(len_of("\xEE\x80\x80", 3), 3);     /* U+E000, above them */
    assert_int_equal(len_of("\xEF\xBF\xBF", 3), 3);     /* U+FFFF */
    assert_int_equal(len_of("\xF0\x90\x80\x80", 4), 4); /* U+10000 */
    assert_int_equal(len_of("\xF0\x9F\x98\x80", 4), 4); /* 😀 */
    assert_int_equal(len_of("\xF4\x8F\xBF\xBF", 4), 4); /* U+10FFFF, the last */
    /* only the first character counts */
    assert_int_equal(len_of("\xC3\xA9t\xC3\xA9", 5), 2);
}

static void test_utf8_malformed(void **state) {
    (void)state;
    assert_int_equal(len_of("a", 0), 0);    /* nothing left */
    assert_int_equal(len_of("\x80", 1), 0); /* a stray continuation */
    assert_int_equal(len_of("\xBF", 1), 0);
    assert_int_equal(len_of("\xC0\x80", 2), 0);         /* overlong NUL */
    assert_int_equal(len_of("\xC1\xBF", 2), 0);         /* overlong U+007F */
    assert_int_equal(len_of("\xE0\x9F\xBF", 3), 0);     /* overlong U+07FF */
    assert_int_equal(len_of("\xED\xA0\x80", 3), 0);     /* surrogate U+D800 */
    assert_int_equal(len_of("\xED\xBF\xBF", 3), 0);     /* surrogate U+DFFF */
    assert_int_equal(len_of("\xF0\x8F\xBF\xBF", 4), 0); /* overlong U+FFFF */
    assert_int_equal(len_of("\xF4\x90\x80\x80", 4), 0); /* U+110000 */
    assert_int_equal(len_of("\xF5\x80\x80\x80", 4), 0); /* no such lead byte */
    assert_int_equal(len_of("\xFF", 1), 0);
    assert_int_equal(len_of("\xC3", 1), 0); /* cut short by n */
    assert_int_equal(len_of("\xE2\x82\xAC", 2), 0);
    assert_int_equal(len_of("\xF0\x9F\x98\x80", 3), 0);
    assert_int_equal(len_of("\xC3\0", 2), 0); /* cut short by the NUL */
    assert_int_equal(len_of("\xE2\x82"
                            "a",
                            3),
                     0); /* a letter in place of the third */
}

/* --- FNV-1a ---------------------------------------------------------------- */

/* The test vectors of the FNV reference code (test_fnv.c, fnv1a64). */
static void test_fnv1a64_vectors(void **state) {
    (void)state;
    assert_true(UTIL_FNV1A64_INIT == 0xcbf29ce484222325ULL);
    assert_true(util_fnv1a64(UTIL_FNV1A64_INIT, "", 0) == 0xcbf29ce484222325ULL);
    assert_true(util_fnv1a64(UTIL_FNV1A64_INIT, "a", 1) == 0xaf63dc4c8601ec8cULL);
    assert_true(util_fnv1a64(UTIL_FNV1A64_INIT, "foobar", 6) == 0x85944171f73967e8ULL);
    assert_true(util_fnv1a64(UTIL_FNV1A64_INIT, "chongo was here!\n", 17) == 0x46810940eff5f915ULL);
}

/* Continuing a hash is hashing the concatenation: callers hash field by field. */
static void test_fnv1a64_continues(void **state) {
    uint64_t h;
    (void)state;

    h = util_fnv1a64(UTIL_FNV1A64_INIT, "foo", 3);
    h = util_fnv1a64(h, "bar", 3);
    assert_true(h == 0x85944171f73967e8ULL);
}

/* --- array growth ---------------------------------------------------------- */

static void test_grow_from_empty(void **state) {
    int *a = NULL;
    size_t cap = 0;
    (void)state;

    assert_int_equal(UTIL_GROW(a, cap, 0), 0); /* nothing needed, nothing done */
    assert_null(a);
    assert_int_equal(cap, 0);
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(UTIL_GROW(a, cap, (size_t)i + 1), 0);
        assert_true(cap >= (size_t)i + 1);
        a[i] = i;
    }
    for (int i = 0; i < 1000; i++)
        assert_int_equal(a[i], i);
    free(a);
}

/* The capacity doubles: 1000 appends reallocate about log2(1000) times. */
static void test_grow_doubles(void **state) {
    double *a = NULL;
    size_t cap = 0, grows = 0, last = 0;
    (void)state;

    for (size_t i = 1; i <= 1000; i++) {
        assert_int_equal(UTIL_GROW(a, cap, i), 0);
        if (cap != last) {
            if (last)
                assert_true(cap >= 2 * last);
            grows++;
            last = cap;
        }
    }
    assert_true(grows <= 8); /* 16, 32, ..., 1024: 7 */
    /* asked for much more at once, it gets at least that */
    assert_int_equal(UTIL_GROW(a, cap, 100000), 0);
    assert_true(cap >= 100000);
    a[99999] = 1.5;
    free(a);
}

static void test_grow_overflow(void **state) {
    uint64_t *a = NULL;
    char *b = NULL;
    size_t cap = 0, bcap = 0;
    (void)state;

    assert_int_equal(UTIL_GROW(a, cap, 4), 0);
    a[0] = 42;
    {
        uint64_t *before = a;
        size_t cap_before = cap;
        /* n elements of 8 bytes would need more than SIZE_MAX bytes */
        assert_int_equal(UTIL_GROW(a, cap, SIZE_MAX / sizeof(*a) + 1), -1);
        assert_ptr_equal(a, before);
        assert_int_equal(cap, cap_before);
        assert_int_equal(a[0], 42);
        /* doubling the capacity past SIZE_MAX */
        assert_int_equal(UTIL_GROW(b, bcap, SIZE_MAX), -1);
        assert_null(b);
        assert_int_equal(bcap, 0);
    }
    free(a);
}

/* --- atomic file replacement ----------------------------------------------- */

struct dir {
    char path[64];
};

static int dir_setup(void **state) {
    struct dir *d = calloc(1, sizeof(*d));
    if (!d)
        return -1;
    strcpy(d->path, "/tmp/dietbal-test-util.XXXXXX");
    if (!mkdtemp(d->path)) {
        free(d);
        return -1;
    }
    *state = d;
    return 0;
}

static int dir_teardown(void **state) {
    struct dir *d = *state;
    DIR *dh = opendir(d->path);
    struct dirent *e;
    char file[400];

    while (dh && (e = readdir(dh))) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(file, sizeof(file), "%s/%s", d->path, e->d_name);
            unlink(file);
        }
    }
    if (dh)
        closedir(dh);
    rmdir(d->path);
    free(d);
    return 0;
}

/* Entries in the directory but . and .., their names joined by spaces. */
static size_t listing(const char *dir, char *names, size_t len) {
    DIR *dh = opendir(dir);
    struct dirent *e;
    size_t n = 0;

    names[0] = '\0';
    assert_non_null(dh);
    while ((e = readdir(dh))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        n++;
        strncat(names, e->d_name, len - strlen(names) - 1);
        strncat(names, " ", len - strlen(names) - 1);
    }
    closedir(dh);
    return n;
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void assert_file(const char *path, const char *text) {
    char buf[256] = "";
    FILE *f = fopen(path, "r");
    size_t n;
    assert_non_null(f);
    n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_string_equal(buf, text);
}

/* Write text through a temporary file beside target and place it. */
static enum util_place put(const char *target, const char *text, int overwrite) {
    char *tmp = NULL;
    int fd = util_atomic_tmp(target, &tmp);
    enum util_place rc;
    int e;
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    assert_int_equal(close(fd), 0);
    rc = util_atomic_place(tmp, target, overwrite);
    e = errno;
    assert_int_equal(access(tmp, F_OK), -1); /* gone, placed or removed */
    free(tmp);
    errno = e;
    return rc;
}

static void test_atomic_tmp_beside_target(void **state) {
    struct dir *d = *state;
    char target[128], *tmp = NULL, names[256], want[160];
    struct stat st;
    int fd;

    snprintf(target, sizeof(target), "%s/report.txt", d->path);
    fd = util_atomic_tmp(target, &tmp);
    assert_true(fd >= 0);
    snprintf(want, sizeof(want), "%s/.report.txt.dietbal-", d->path);
    assert_int_equal(strncmp(tmp, want, strlen(want)), 0);
    assert_int_equal(strlen(tmp), strlen(want) + 6);
    assert_int_equal(fstat(fd, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(st.st_size, 0);
    close(fd);
    assert_int_equal(listing(d->path, names, sizeof(names)), 1);
    unlink(tmp);
    free(tmp);
}

static void test_atomic_new_and_replace(void **state) {
    struct dir *d = *state;
    char target[128], names[256];
    struct stat st;

    snprintf(target, sizeof(target), "%s/out.txt", d->path);
    assert_int_equal(put(target, "first\n", 0), UTIL_PLACE_OK);
    assert_file(target, "first\n");
    assert_int_equal(stat(target, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(st.st_nlink, 1); /* the temporary name is gone */
    assert_int_equal(put(target, "second\n", 1), UTIL_PLACE_OK);
    assert_file(target, "second\n");
    assert_int_equal(listing(d->path, names, sizeof(names)), 1);
    assert_string_equal(names, "out.txt ");
}

/* Without overwrite an existing target stays as it was, and no temporary
 * file is left behind. */
static void test_atomic_no_overwrite_fails_clean(void **state) {
    struct dir *d = *state;
    char target[128], names[256];

    snprintf(target, sizeof(target), "%s/kept.txt", d->path);
    write_file(target, "precious\n");
    errno = 0;
    assert_int_equal(put(target, "other\n", 0), UTIL_PLACE_EPLACE);
    assert_int_equal(errno, EEXIST);
    assert_file(target, "precious\n");
    assert_int_equal(listing(d->path, names, sizeof(names)), 1);
    assert_string_equal(names, "kept.txt ");
}

/* A rename that cannot happen (the target is a non-empty directory)
 * leaves the directory and no temporary file. */
static void test_atomic_rename_fails_clean(void **state) {
    struct dir *d = *state;
    char target[128], inside[160], names[256];

    snprintf(target, sizeof(target), "%s/sub", d->path);
    assert_int_equal(mkdir(target, 0700), 0);
    snprintf(inside, sizeof(inside), "%s/x", target);
    write_file(inside, "x");
    assert_int_equal(put(target, "data", 1), UTIL_PLACE_EPLACE);
    assert_int_equal(listing(d->path, names, sizeof(names)), 1);
    assert_string_equal(names, "sub ");
    unlink(inside);
    rmdir(target);
}

/* A temporary file that is not there cannot be synced: ESYNC, no file. */
static void test_atomic_missing_tmp(void **state) {
    struct dir *d = *state;
    char target[128], tmp[160], names[256];

    snprintf(target, sizeof(target), "%s/t.txt", d->path);
    snprintf(tmp, sizeof(tmp), "%s/.t.txt.dietbal-000000", d->path);
    errno = 0;
    assert_int_equal(util_atomic_place(tmp, target, 1), UTIL_PLACE_ESYNC);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(listing(d->path, names, sizeof(names)), 0);
}

/* No directory, no temporary file: -1 and errno. */
static void test_atomic_tmp_no_directory(void **state) {
    struct dir *d = *state;
    char target[128], *tmp = NULL;

    snprintf(target, sizeof(target), "%s/missing/out.txt", d->path);
    errno = 0;
    assert_int_equal(util_atomic_tmp(target, &tmp), -1);
    assert_int_equal(errno, ENOENT);
    assert_null(tmp);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errf_writes_and_cuts),
        cmocka_unit_test(test_errf_tolerates_no_buffer),
        cmocka_unit_test(test_ctype_every_byte),
        cmocka_unit_test(test_utf8_well_formed),
        cmocka_unit_test(test_utf8_malformed),
        cmocka_unit_test(test_fnv1a64_vectors),
        cmocka_unit_test(test_fnv1a64_continues),
        cmocka_unit_test(test_grow_from_empty),
        cmocka_unit_test(test_grow_doubles),
        cmocka_unit_test(test_grow_overflow),
        cmocka_unit_test_setup_teardown(test_atomic_tmp_beside_target, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_atomic_new_and_replace, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_atomic_no_overwrite_fails_clean, dir_setup,
                                        dir_teardown),
        cmocka_unit_test_setup_teardown(test_atomic_rename_fails_clean, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_atomic_missing_tmp, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_atomic_tmp_no_directory, dir_setup, dir_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
