/*
 * test_tables.c - the known food tables and a person's order of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dietbal/tables.h"

#include <string.h>

static void test_find(void **state) {
    (void)state;
    assert_int_equal(tables_count(), 2);
    assert_string_equal(tables_find("ifct2017")->prefix, "ifct:");
    assert_string_equal(tables_find("usda-sr24")->file, "usda-sr24.xml.gz");
    assert_null(tables_find("ifct"));
    assert_null(tables_find(NULL));
    assert_string_equal(tables_of_id("ifct:A010")->name, "ifct2017");
    assert_string_equal(tables_of_id("usda:01077")->name, "usda-sr24");
    assert_null(tables_of_id("recipe:dal"));
    assert_null(tables_of_id("ifct"));
    /* only the shipped table has a build hint of none, and synonyms */
    assert_null(tables_find("usda-sr24")->build);
    assert_non_null(strstr(tables_find("ifct2017")->build, "make foods"));
    assert_true(tables_find("usda-sr24")->synonyms);
    assert_false(tables_find("ifct2017")->synonyms);
}

static void test_parse_order(void **state) {
    (void)state;
    char out[TABLES_ORDER_LEN], err[128];
    assert_int_equal(
        tables_parse_order(" ifct2017, usda-sr24 ", out, sizeof(out), err, sizeof(err)), 0);
    assert_string_equal(out, "ifct2017,usda-sr24");
    assert_int_equal(tables_parse_order("usda-sr24", out, sizeof(out), err, sizeof(err)), 0);
    assert_string_equal(out, "usda-sr24");
    strcpy(out, "kept");
    assert_int_equal(tables_parse_order("ifct2017,usda", out, sizeof(out), err, sizeof(err)), -1);
    assert_string_equal(err, "'usda' is not a food table (known: usda-sr24, ifct2017)");
    assert_string_equal(out, "kept"); /* written only on success */
    assert_int_equal(tables_parse_order("ifct2017,ifct2017", out, sizeof(out), err, sizeof(err)),
                     -1);
    assert_string_equal(err, "ifct2017 is named twice");
    assert_int_equal(tables_parse_order(" , ", out, sizeof(out), err, sizeof(err)), -1);
    assert_int_equal(tables_parse_order("ifct2017,usda-sr24", out, 10, err, sizeof(err)), -1);
    /* no message buffer: still refused */
    assert_int_equal(tables_parse_order("nope", out, sizeof(out), NULL, 0), -1);
}

static void test_rank(void **state) {
    (void)state;
    const struct table_def *t[4];
    /* built-in: USDA, then IFCT, then ids of no table */
    assert_true(tables_rank(NULL, "usda:01077") < tables_rank(NULL, "ifct:L002"));
    assert_true(tables_rank("", "ifct:L002") < tables_rank("", "recipe:x"));
    assert_int_equal(tables_rank("ifct2017,usda-sr24", "ifct:L002"), 0);
    assert_int_equal(tables_rank("ifct2017,usda-sr24", "usda:01077"), 1);
    /* a table the order leaves out comes after those it names */
    assert_true(tables_rank("ifct2017", "usda:01077") > tables_rank("ifct2017", "ifct:L002"));
    assert_int_equal(tables_in_order("ifct2017", t, 4), 2);
    assert_string_equal(t[0]->name, "ifct2017");
    assert_string_equal(t[1]->name, "usda-sr24");
    assert_int_equal(tables_in_order(NULL, t, 4), 2);
    assert_string_equal(t[0]->name, "usda-sr24");
    assert_int_equal(tables_in_order(NULL, t, 1), 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_parse_order),
        cmocka_unit_test(test_rank),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
