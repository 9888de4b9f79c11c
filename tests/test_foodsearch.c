/*
 * test_foodsearch.c - ranking of full-text matches for everyday words.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dietbal/foodsearch.h"

#include <math.h>
#include <string.h>

static struct food_hit hit(const char *id, const char *name, const char *group, double bm25)
{
    struct food_hit h;
    memset(&h, 0, sizeof(h));
    h.id = (char *)id;
    h.name = (char *)name;
    h.group = (char *)group;
    h.score = bm25;
    for (int k = 0; k < NUT_CORE_COUNT; k++)
        h.per100[k] = NAN;
    return h;
}

static void test_everyday_names(void **state)
{
    (void)state;
    assert_string_equal(foodsearch_everyday("milk"), "usda:01077");
    assert_string_equal(foodsearch_everyday("Whole Milk"), "usda:01077");
    assert_string_equal(foodsearch_everyday("eggs"), "usda:01123"); /* plural */
    assert_string_equal(foodsearch_everyday("whole-wheat bread"), "usda:18075");
    assert_string_equal(foodsearch_everyday("oatmeal"), "usda:08121");
    assert_null(foodsearch_everyday("milk chocolate"));
    assert_null(foodsearch_everyday(""));
}

/* "cheese" alone is pinned; an unpinned query ranks by the first segment:
 * "Cheese, feta" beats "Crackers, cheese" and a baby food. */
static void test_first_segment_wins(void **state)
{
    (void)state;
    struct food_hit h[3] = {
        hit("x:1", "Crackers, cheese, regular", "Baked Products", 9.0),
        hit("x:2", "Babyfood, feta cheese dinner", "Baby Foods", 9.5),
        hit("x:3", "Cheese, feta", "Dairy and Egg Products", 8.0),
    };
    foodsearch_rank("feta cheese", h, 3);
    /* x:3: bm25 8; the query covers the one-word first segment "cheese":
     * +8 x 1/1; both words are in the first two segments: +3 x 2 = +6, and
     * that is all of them: +4; a name of 12 characters: -0.04 x 12 = -0.48.
     * 8 + 8 + 6 + 4 - 0.48 = 25.52 */
    assert_string_equal(h[0].id, "x:3");
    assert_float_equal(h[0].score, 25.52, 1e-9);
    assert_true(foodsearch_clear_winner("feta cheese", h, 3));
}

static void test_pinned_food_rises(void **state)
{
    (void)state;
    struct food_hit h[2] = {
        hit("usda:19120", "Candies, milk chocolate", "Sweets", 12.0),
        hit("usda:01077", "Milk, whole, 3.25% milkfat, with added vitamin D", "Dairy", 6.0),
    };
    foodsearch_rank("milk", h, 2);
    assert_string_equal(h[0].id, "usda:01077");
    assert_true(foodsearch_clear_winner("milk", h, 2));
}

static void test_close_scores_are_ambiguous(void **state)
{
    (void)state;
    struct food_hit h[2] = {
        hit("x:1", "Juice, apple", "Fruits", 5.0),
        hit("x:2", "Juice, grape", "Fruits", 5.0),
    };
    foodsearch_rank("juice", h, 2);
    assert_false(foodsearch_clear_winner("juice", h, 2));
    assert_true(foodsearch_clear_winner("juice", h, 1)); /* the only match */
    assert_false(foodsearch_clear_winner("juice", h, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_everyday_names),
        cmocka_unit_test(test_first_segment_wins),
        cmocka_unit_test(test_pinned_food_rises),
        cmocka_unit_test(test_close_scores_are_ambiguous),
    };
    return cmocka_run_group_tests_name("foodsearch", tests, NULL, NULL);
}
