/*
 * test_textesc.c - text from the database made safe for a terminal and
 * for JSON: controls, C1, Unicode format characters, bytes that are not
 * UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/textesc.h"

#include <stdlib.h>
#include <string.h>

static void check_term(const char *in, const char *want) {
    char *got = textesc_term(in);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_term_plain_text_unchanged(void **state) {
    (void)state;
    check_term("Milk, whole, 3.25% milkfat", "Milk, whole, 3.25% milkfat");
    check_term("Crème fraîche\tépaisse", "Crème fraîche\tépaisse"); /* tab kept */
    check_term("", "");
    check_term(NULL, "");
}

static void test_term_controls(void **state) {
    (void)state;
    check_term("Milk \x1b[2J", "Milk \\u{001B}[2J");
    check_term("a\x1b]8;;http://x\x07link", "a\\u{001B}]8;;http://x\\u{0007}link");
    check_term("line\nbreak\r", "line\\u{000A}break\\u{000D}");
    check_term("del\x7f", "del\\u{007F}");
    check_term("c1 \xc2\x9b"
               "2J",
               "c1 \\u{009B}2J"); /* CSI as one character */
}

static void test_term_format_characters(void **state) {
    (void)state;
    /* U+202E RIGHT-TO-LEFT OVERRIDE: "1890 mg" would show as "gm 0981" */
    check_term("\xe2\x80\xae"
               "1890 mg",
               "\\u{202E}1890 mg");
    check_term("zero\xe2\x80\x8bwidth", "zero\\u{200B}width");
    check_term("\xef\xbb\xbf"
               "bom",
               "\\u{FEFF}bom");
    check_term("iso\xe2\x81\xa6late", "iso\\u{2066}late");
    check_term("tag\xf3\xa0\x80\x81", "tag\\u{E0001}");
    assert_true(textesc_is_format(0x202E));
    assert_true(textesc_is_format(0x00AD));
    assert_false(textesc_is_format(0x00E9));
    assert_false(textesc_is_format('a'));
}

static void test_term_invalid_utf8(void **state) {
    (void)state;
    check_term("Cod\xff fish", "Cod\\xFF fish");
    check_term("cut \xc3", "cut \\xC3");                 /* truncated sequence */
    check_term("over\xc0\xaf", "over\\xC0\\xAF");        /* overlong "/" */
    check_term("sur\xed\xa0\x80", "sur\\xED\\xA0\\x80"); /* a surrogate */
    /* a name's own backslash cannot pass for an escape */
    check_term("a\\x1B b\\u{202E}", "a\\\\x1B b\\\\u{202E}");
    check_term("C:\\path", "C:\\path");
}

static void test_fputs_limit(void **state) {
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    (void)state;

    assert_non_null(f);
    assert_true(textesc_fputs("crème\x1b", 3, f) != EOF); /* è is not cut in two */
    fclose(f);
    assert_string_equal(out, "cr");
    free(out);
}

static void test_utf8_repair(void **state) {
    char *got;
    (void)state;

    assert_non_null(got = textesc_utf8_repair("Cod\xff \xc3"));
    assert_string_equal(got, "Cod\xef\xbf\xbd \xef\xbf\xbd");
    free(got);
    assert_non_null(got = textesc_utf8_repair("Crème \xe2\x80\xae ok"));
    assert_string_equal(got, "Crème \xe2\x80\xae ok"); /* valid UTF-8 kept: JSON escapes it */
    free(got);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_term_plain_text_unchanged),
        cmocka_unit_test(test_term_controls),
        cmocka_unit_test(test_term_format_characters),
        cmocka_unit_test(test_term_invalid_utf8),
        cmocka_unit_test(test_fputs_limit),
        cmocka_unit_test(test_utf8_repair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
