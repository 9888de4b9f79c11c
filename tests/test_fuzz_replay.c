/*
 * test_fuzz_replay.c - every input of the fuzz corpora (tests/fuzz/corpus/
 * TARGET/) through its harness, without a fuzzer: the seeds and every input
 * that once crashed dietbal stay regression tests wherever make check runs.
 * A broken promise aborts (see tests/fuzz/fuzz.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fuzz/fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Feed every file of dir to fn; the number of files. */
static size_t replay(const char *dir, int (*fn)(const uint8_t *, size_t)) {
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t files = 0;

    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        if (de->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        uint8_t *buf = malloc((size_t)st.st_size + 1);
        assert_non_null(buf);
        size_t n = fread(buf, 1, (size_t)st.st_size, f);
        fclose(f);
        assert_int_equal(n, (size_t)st.st_size);
        fn(buf, n);
        free(buf);
        files++;
    }
    closedir(d);
    return files;
}

static void test_foodtable_corpus(void **state) {
    (void)state;
    /* the seeds: the fixtures, and the crashes found since */
    assert_true(replay("tests/fuzz/corpus/foodtable", fuzz_foodtable) >= 20);
}

static void test_entry_corpus(void **state) {
    (void)state;
    assert_true(replay("tests/fuzz/corpus/entry", fuzz_entry) >= 20);
}

static void test_database_corpus(void **state) {
    (void)state;
    assert_true(replay("tests/fuzz/corpus/database", fuzz_database) >= 5);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_foodtable_corpus),
        cmocka_unit_test(test_entry_corpus),
        cmocka_unit_test(test_database_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
