/*
 * test_fileout.c - writing a file the user named: never the database or
 * its SQLite files however named, FIFOs and devices written as they are,
 * regular files replaced whole or left as they were.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/fileout.h"

#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct fixture {
    char dir[64];
    char db[128];
};

static int setup(void **state) {
    struct fixture *fx = calloc(1, sizeof(*fx));
    FILE *f;

    if (!fx)
        return -1;
    if (!test_tmpdir(fx->dir, sizeof(fx->dir), "fileout"))
        return -1;
    snprintf(fx->db, sizeof(fx->db), "%s/diary.db", fx->dir);
    if (!(f = fopen(fx->db, "w")))
        return -1;
    fputs("the diary", f);
    fclose(f);
    *state = fx;
    return 0;
}

static int teardown(void **state) {
    struct fixture *fx = *state;
    test_rmtree(fx->dir);
    free(fx);
    return 0;
}

static char *slurp(const char *path) {
    static char buf[256];
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    return buf;
}

static int write_to(const char *path, const char *db, int overwrite, const char *text) {
    struct fileout fo;
    char err[512];
    int rc = fileout_open(&fo, path, db, overwrite, err, sizeof(err));
    if (rc != FILEOUT_OK)
        return rc;
    fputs(text, fo.f);
    return fileout_commit(&fo, err, sizeof(err));
}

static void test_database_refused(void **state) {
    struct fixture *fx = *state;
    char path[200], err[512], *target = NULL;
    enum fileout_kind kind;
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};

    for (size_t i = 0; i < 4; i++) { /* existing or not */
        snprintf(path, sizeof(path), "%s%s", fx->db, suffix[i]);
        assert_int_equal(fileout_check(path, fx->db, 1, &kind, &target, err, sizeof(err)),
                         FILEOUT_EINPUT);
        assert_non_null(strstr(err, "would destroy the diary"));
        assert_null(target);
    }
    /* another name of the same directory */
    snprintf(path, sizeof(path), "%s/../%s/./diary.db", fx->dir, strrchr(fx->dir, '/') + 1);
    assert_int_equal(write_to(path, fx->db, 1, "report"), FILEOUT_EINPUT);
    /* a hard link and a symbolic link */
    snprintf(path, sizeof(path), "%s/hard", fx->dir);
    assert_int_equal(link(fx->db, path), 0);
    assert_int_equal(write_to(path, fx->db, 1, "report"), FILEOUT_EINPUT);
    snprintf(path, sizeof(path), "%s/soft", fx->dir);
    assert_int_equal(symlink("diary.db", path), 0);
    assert_int_equal(write_to(path, fx->db, 1, "report"), FILEOUT_EINPUT);
    /* a dangling link to the journal that does not exist yet */
    snprintf(path, sizeof(path), "%s/soft-journal", fx->dir);
    assert_int_equal(symlink("diary.db-journal", path), 0);
    assert_int_equal(write_to(path, fx->db, 1, "report"), FILEOUT_EINPUT);
    assert_string_equal(slurp(fx->db), "the diary");
}

static void test_regular_file_replaced_whole(void **state) {
    struct fixture *fx = *state;
    char path[200], link_path[200], err[512];
    struct fileout fo;
    struct stat st;

    snprintf(path, sizeof(path), "%s/report.txt", fx->dir);
    assert_int_equal(write_to(path, fx->db, 0, "first"), FILEOUT_OK);
    assert_string_equal(slurp(path), "first");
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* without overwrite an existing file is kept */
    assert_int_equal(write_to(path, fx->db, 0, "second"), FILEOUT_EINPUT);
    assert_string_equal(slurp(path), "first");
    /* abandoned: the old file stays, no temporary file is left */
    assert_int_equal(fileout_open(&fo, path, fx->db, 1, err, sizeof(err)), FILEOUT_OK);
    fputs("half", fo.f);
    fileout_abort(&fo);
    assert_string_equal(slurp(path), "first");
    /* through a symbolic link: the link stays, its target is replaced */
    snprintf(link_path, sizeof(link_path), "%s/latest", fx->dir);
    assert_int_equal(symlink("report.txt", link_path), 0);
    assert_int_equal(write_to(link_path, fx->db, 1, "third"), FILEOUT_OK);
    assert_int_equal(lstat(link_path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_string_equal(slurp(path), "third");
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "test -z \"$(ls -A '%s' | grep dietbal-)\"", fx->dir);
    assert_int_equal(system(cmd), 0);
}

static void test_fifo_and_directory(void **state) {
    struct fixture *fx = *state;
    char path[200], err[512], *target = NULL;
    enum fileout_kind kind;
    struct stat st;

    snprintf(path, sizeof(path), "%s/fifo", fx->dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(fileout_check(path, fx->db, 0, &kind, &target, err, sizeof(err)), FILEOUT_OK);
    assert_int_equal(kind, FILEOUT_DIRECT); /* written into, not replaced */
    free(target);
    assert_int_equal(fileout_check("/dev/null", fx->db, 0, &kind, &target, err, sizeof(err)),
                     FILEOUT_OK);
    assert_int_equal(kind, FILEOUT_DIRECT);
    free(target);
    assert_int_equal(write_to("/dev/null", fx->db, 0, "gone"), FILEOUT_OK);
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_int_equal(fileout_check("/dev/stdout", fx->db, 0, &kind, &target, err, sizeof(err)),
                     FILEOUT_OK);
    assert_int_equal(kind, FILEOUT_FD);
    assert_int_equal(fileout_check(fx->dir, fx->db, 1, &kind, &target, err, sizeof(err)),
                     FILEOUT_EINPUT);
    assert_int_equal(fileout_check("", fx->db, 1, &kind, &target, err, sizeof(err)),
                     FILEOUT_EINPUT);
    snprintf(path, sizeof(path), "%s/no/such/dir/x", fx->dir);
    assert_int_equal(fileout_check(path, fx->db, 1, &kind, &target, err, sizeof(err)),
                     FILEOUT_ERROR);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_database_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_regular_file_replaced_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fifo_and_directory, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
