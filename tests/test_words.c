/*
 * test_words.c - the shared normalisation: case, punctuation, and singular
 * and plural meeting in one stem.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/words.h"

#include <string.h>

static const char *norm(const char *s) {
    static char out[WORDS_MAX];
    words_normalise(s, out, sizeof(out));
    return out;
}

static void test_case_and_punctuation(void **state) {
    (void)state;
    assert_string_equal(norm("  Whole-Wheat  BREAD, sliced! "), "whole wheat bread sliced");
    assert_string_equal(norm("2% milk"), "2 milk");
    assert_string_equal(norm(""), "");
    assert_string_equal(norm("...,;"), "");
    /* UTF-8 letters stay letters */
    assert_string_equal(norm("Crème fraîche"), "crème fraîch"); /* "-che" as "-ches" */
}

/* singular and plural must meet, whichever the person types */
static void test_plurals_meet(void **state) {
    (void)state;
    static const char *const pairs[][2] = {
        {"egg", "eggs"},
        {"berry", "berries"},
        {"cookie", "cookies"},
        {"tomato", "tomatoes"},
        {"peach", "peaches"},
        {"quiche", "quiches"},
        {"dish", "dishes"},
        {"box", "boxes"},
        {"glass", "glasses"},
        {"pie", "pies"},
        {"pea", "peas"},
        {"slice", "slices"},
        {"sandwich", "sandwiches"},
        {"smoothie", "smoothies"},
        {"oat", "oats"},
        {"dry", "dried"},
        {"fry", "fried"},
    };
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        char a[WORDS_MAX];
        words_normalise(pairs[i][0], a, sizeof(a));
        if (strcmp(a, norm(pairs[i][1])) != 0)
            fail_msg("'%s' -> '%s' but '%s' -> '%s'", pairs[i][0], a, pairs[i][1],
                     norm(pairs[i][1]));
    }
    /* words that only look plural stay whole */
    assert_string_equal(norm("glass"), "glass");
    assert_string_equal(norm("hummus"), "hummus");
    assert_string_equal(norm("asparagus"), "asparagus");
    assert_string_equal(norm("gas"), "gas");
}

static void test_truncation_at_a_word(void **state) {
    (void)state;
    char out[12];
    /* "alpha beta" fits in 12 bytes with its NUL; "gamma" does not */
    assert_int_equal(words_normalise("alpha beta gamma", out, sizeof(out)), 10);
    assert_string_equal(out, "alpha beta");
    assert_int_equal(words_normalise("x", out, 0), 0);
}

static void test_phrases(void **state) {
    (void)state;
    assert_true(words_has("cheese cheddar", "cheddar"));
    assert_false(words_has("cheese cheddar", "cheddarx"));
    assert_false(words_has("cheese cheddar", "chees"));
    assert_true(words_has_phrase("candy milk chocolate", "milk chocolate"));
    assert_false(words_has_phrase("milk chocolate beverage", "chocolate milk"));
    assert_false(words_has_phrase("abc", ""));
    assert_int_equal(words_count("a b  c"), 3);
    assert_int_equal(words_count(""), 0);
    assert_int_equal(words_casecmp("Milk", "mILK"), 0);
    assert_true(words_casecmp("a", "b") < 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_and_punctuation),
        cmocka_unit_test(test_plurals_meet),
        cmocka_unit_test(test_truncation_at_a_word),
        cmocka_unit_test(test_phrases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
