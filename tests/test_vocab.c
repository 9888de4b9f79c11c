/*
 * test_vocab.c - the synonym and everyday-food files: the loader (and
 * every refusal with its line), dialects, longest match first, one pass,
 * phrases and the everyday list; and the files shipped in foods/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/vocab.h"
#include "dietbal/words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *rewrite(const struct vocab *v, enum vocab_dialect d, const char *text) {
    static char out[WORDS_MAX];
    char norm[WORDS_MAX];
    words_normalise(text, norm, sizeof(norm));
    vocab_rewrite(v, d, norm, out, sizeof(out));
    return out;
}

static struct vocab *syn(const char *text) {
    struct vocab *v = vocab_new();
    char err[256] = "";
    assert_non_null(v);
    if (vocab_add_synonyms(v, text, "syn.txt", err, sizeof(err)) != 0)
        fail_msg("%s", err);
    return v;
}

static void test_synonyms(void **state) {
    (void)state;
    struct vocab *v = syn("# British words\n"
                          "courgette = zucchini\n"
                          "Semi-skimmed milk = milk reduced fat   # longer wins\n"
                          "semi skimmed = reduced fat\n"
                          "uk: biscuit = cookie\n"
                          "us: biscuit = biscuit plain\n"
                          "homemade =\n"
                          "zucchini = marrow\n");
    assert_int_equal(vocab_synonym_count(v), 7);
    assert_string_equal(rewrite(v, VOCAB_UK, "Courgettes"), "zucchini");
    /* one pass: zucchini is not rewritten again to marrow */
    assert_string_equal(rewrite(v, VOCAB_UK, "grilled courgette"), "grilled zucchini");
    /* the longest FROM wins at a position */
    assert_string_equal(rewrite(v, VOCAB_UK, "semi-skimmed milk"), "milk reduced fat");
    assert_string_equal(rewrite(v, VOCAB_UK, "semi skimmed yoghurt"), "reduced fat yoghurt");
    /* dialect lines only on their side */
    assert_string_equal(rewrite(v, VOCAB_UK, "chocolate biscuits"), "chocolate cooky");
    assert_string_equal(rewrite(v, VOCAB_US, "biscuits"), "biscuit plain");
    /* an empty TO drops the words */
    assert_string_equal(rewrite(v, VOCAB_US, "homemade soup"), "soup");
    assert_string_equal(rewrite(NULL, VOCAB_US, "soup"), "soup");
    vocab_free(v);
}

static void expect_bad_syn(const char *text, const char *want) {
    struct vocab *v = vocab_new();
    char err[256] = "";
    assert_int_equal(vocab_add_synonyms(v, text, "syn.txt", err, sizeof(err)), -1);
    assert_string_equal(err, want);
    vocab_free(v);
}

static void test_synonym_refusals(void **state) {
    (void)state;
    expect_bad_syn("\ncourgette zucchini\n", "syn.txt:2: expected FROM = TO");
    expect_bad_syn("= zucchini\n", "syn.txt:1: nothing before '='");
    expect_bad_syn("a = b\nA = c\n", "syn.txt: 'a' has two synonyms ('b' and 'c')");
    /* two spellings that normalise alike, with one meaning: one line */
    struct vocab *w = syn("butty = sandwich\nbuttie = sandwich\n");
    assert_int_equal(vocab_synonym_count(w), 1);
    vocab_free(w);
    /* the same word for two dialects is fine */
    struct vocab *v = syn("uk: chips = french fries\nus: chips = potato chips\nchips = chips\n");
    assert_string_equal(rewrite(v, VOCAB_UK, "chips"), "french fry");
    vocab_free(v);
}

static void test_everyday(void **state) {
    (void)state;
    struct vocab *v = vocab_new();
    char err[256] = "";
    assert_int_equal(vocab_add_everyday(v,
                                        "usda:01077 = milk; Whole Milk   # Milk, whole\n"
                                        "usda:09040 = banana;\n"
                                        "usda:11124\n",
                                        "every.txt", err, sizeof(err)),
                     0);
    assert_string_equal(vocab_pin(v, VOCAB_US, "milk"), "usda:01077");
    assert_string_equal(vocab_pin(v, VOCAB_UK, "whole milk"), "usda:01077");
    assert_string_equal(vocab_pin(v, VOCAB_US, "banana"), "usda:09040");
    assert_null(vocab_pin(v, VOCAB_US, "carrot"));
    assert_true(vocab_is_everyday(v, "usda:11124"));
    assert_true(vocab_is_everyday(v, "usda:01077"));
    assert_false(vocab_is_everyday(v, "usda:99999"));
    assert_int_equal(vocab_everyday_count(v), 3);
    /* a dialect's phrase wins on its side only */
    assert_int_equal(
        vocab_add_everyday(v, "usda:16006 = uk: beans\n", "more.txt", err, sizeof(err)), 0);
    assert_string_equal(vocab_pin(v, VOCAB_UK, "bean"), "usda:16006"); /* normalised */
    assert_null(vocab_pin(v, VOCAB_US, "bean"));
    assert_int_equal(vocab_add_everyday(v, "usda:1 = milk\n", "more.txt", err, sizeof(err)), -1);
    assert_string_equal(err, "more.txt: 'milk' stands for two foods of one table "
                             "(usda:01077 and usda:1)");
    assert_int_equal(vocab_add_everyday(v, "usda:2 milk\n", "more.txt", err, sizeof(err)), -1);
    assert_string_equal(err, "more.txt:1: expected '=' after the id");
    vocab_free(v);
}

/* A phrase may name one food in each table; each table's dialect phrase
 * wins over its phrase for everyone, and vocab_pin keeps the built-in
 * order (USDA first). */
static void test_everyday_tables(void **state) {
    (void)state;
    struct vocab *v = vocab_new();
    const char *ids[4];
    char err[256] = "";
    assert_int_equal(vocab_add_everyday(v,
                                        "usda:01077 = milk; curd\n"
                                        "ifct:L002 = milk; us: curd\n"
                                        "ifct:L001 = uk: curd\n"
                                        "usda:01116 = uk: curd\n",
                                        "every.txt", err, sizeof(err)),
                     0);
    assert_int_equal(vocab_pins(v, VOCAB_US, "milk", ids, 4), 2);
    assert_string_equal(ids[0], "ifct:L002"); /* by table prefix */
    assert_string_equal(ids[1], "usda:01077");
    assert_string_equal(vocab_pin(v, VOCAB_US, "milk"), "usda:01077");
    assert_int_equal(vocab_pins(v, VOCAB_UK, "curd", ids, 4), 2);
    assert_string_equal(ids[0], "ifct:L001");
    assert_string_equal(ids[1], "usda:01116");
    assert_int_equal(vocab_pins(v, VOCAB_US, "curd", ids, 4), 2);
    assert_string_equal(ids[0], "ifct:L002");
    assert_string_equal(ids[1], "usda:01077");
    assert_int_equal(vocab_pins(v, VOCAB_US, "curd", ids, 1), 1); /* at most max */
    assert_int_equal(vocab_pins(v, VOCAB_US, "cheese", ids, 4), 0);
    vocab_free(v);
}

/* The shipped files load, and say what the issue asks of them. */
static void test_shipped_files(void **state) {
    (void)state;
    struct vocab *v = NULL;
    char err[512] = "";
    const char *dir = getenv("DIETBAL_FOODS_DIR");
    if (vocab_load(dir && *dir ? dir : "foods", &v, err, sizeof(err)) != 0)
        fail_msg("%s", err);
    assert_true(vocab_synonym_count(v) >= 300);
    assert_true(vocab_everyday_count(v) >= 300);
    assert_string_equal(rewrite(v, VOCAB_UK, "courgette"), "zucchini");
    assert_string_equal(rewrite(v, VOCAB_UK, "aubergine"), "eggplant");
    assert_non_null(vocab_pin(v, VOCAB_US, "milk"));
    /* in the UK "beans" are baked beans; in the US they are no one food */
    assert_string_equal(vocab_pin(v, VOCAB_UK, "bean"), "usda:16006");
    assert_null(vocab_pin(v, VOCAB_US, "bean"));
    vocab_free(v);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_synonyms),         cmocka_unit_test(test_everyday_tables),
        cmocka_unit_test(test_synonym_refusals), cmocka_unit_test(test_everyday),
        cmocka_unit_test(test_shipped_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
