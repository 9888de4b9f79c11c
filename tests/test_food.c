/*
 * test_food.c - the in-memory food: a new food knows nothing, portions and
 * aliases are copied and kept in order, fields are replaced and cleared,
 * and clearing a food forgets everything while keeping it usable.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/food.h"
#include "dietbal/nutrients.h"

#include "testlib.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Every value and spread unknown, nothing else set. */
static void assert_empty(const struct food *f) {
    assert_null(f->id);
    assert_null(f->name);
    assert_null(f->group);
    assert_null(f->portions);
    assert_int_equal(f->n_portions, 0);
    assert_null(f->aliases);
    assert_int_equal(f->n_aliases, 0);
    assert_int_equal(f->measured, 0);
    for (size_t k = 0; k < nutrients_count(); k++) {
        assert_nan(f->values[k]);
        assert_nan(f->spread[k]);
    }
}

static void test_new_food_knows_nothing(void **state) {
    struct food *f = food_new();
    (void)state;

    assert_non_null(f);
    assert_non_null(f->values);
    assert_non_null(f->spread);
    assert_empty(f); /* unknown is NAN, never 0 */
    food_free(f);
    food_free(NULL); /* a no-op */
}

static void test_portions_copied_in_order(void **state) {
    struct food *f = food_new();
    char name[16] = "cup";
    (void)state;

    assert_non_null(f);
    assert_int_equal(food_add_portion(f, name, 1, 244), 0);
    strcpy(name, "fl oz");
    assert_int_equal(food_add_portion(f, name, 1, 30.5), 0);
    assert_int_equal(food_add_portion(f, "fillet", 0.5, 154), 0);
    strcpy(name, "changed");
    assert_int_equal(f->n_portions, 3);
    /* the names are the food's own copies */
    assert_string_equal(f->portions[0].name, "cup");
    assert_string_equal(f->portions[1].name, "fl oz");
    assert_string_equal(f->portions[2].name, "fillet");
    assert_true(f->portions[0].name != name);
    assert_near(f->portions[0].amount, 1, 0);
    assert_near(f->portions[0].grams, 244, 0);
    assert_near(f->portions[1].grams, 30.5, 0);
    assert_near(f->portions[2].amount, 0.5, 0);
    assert_near(f->portions[2].grams, 154, 0);
    food_free(f);
}

static void test_many_portions(void **state) {
    struct food *f = food_new();
    char name[16];
    (void)state;

    assert_non_null(f);
    for (int i = 0; i < 1000; i++) {
        snprintf(name, sizeof(name), "p%d", i);
        assert_int_equal(food_add_portion(f, name, 1, i + 1), 0);
    }
    assert_int_equal(f->n_portions, 1000);
    assert_string_equal(f->portions[999].name, "p999");
    assert_near(f->portions[999].grams, 1000, 0);
    assert_string_equal(f->portions[0].name, "p0");
    food_free(f);
}

static void test_aliases(void **state) {
    struct food *f = food_new();
    (void)state;

    assert_non_null(f);
    assert_int_equal(food_add_alias(f, "courgette", "en-GB"), 0);
    assert_int_equal(food_add_alias(f, "zucchini", NULL), 0);
    assert_int_equal(f->n_aliases, 2);
    assert_string_equal(f->aliases[0].name, "courgette");
    assert_string_equal(f->aliases[0].lang, "en-GB");
    assert_string_equal(f->aliases[1].name, "zucchini");
    assert_null(f->aliases[1].lang); /* no language, not "" */
    food_free(f);
}

static void test_set_str(void **state) {
    struct food *f = food_new();
    char text[32] = "usda:01077";
    (void)state;

    assert_non_null(f);
    assert_int_equal(food_set_str(&f->id, text), 0);
    strcpy(text, "overwritten");
    assert_string_equal(f->id, "usda:01077"); /* copied */
    assert_int_equal(food_set_str(&f->name, "Milk, whole, 3.25% milkfat"), 0);
    assert_int_equal(food_set_str(&f->name, "Milk, whole"), 0); /* replaced */
    assert_string_equal(f->name, "Milk, whole");
    assert_int_equal(food_set_str(&f->group, "Dairy and Egg Products"), 0);
    assert_int_equal(food_set_str(&f->group, NULL), 0); /* cleared */
    assert_null(f->group);
    assert_int_equal(food_set_str(&f->group, ""), 0); /* empty is not absent */
    assert_non_null(f->group);
    assert_string_equal(f->group, "");
    food_free(f);
}

static void test_clear_forgets_and_stays_usable(void **state) {
    struct food *f = food_new();
    double *values;
    (void)state;

    assert_non_null(f);
    values = f->values;
    assert_int_equal(food_set_str(&f->id, "t:1"), 0);
    assert_int_equal(food_set_str(&f->name, "Salmon"), 0);
    assert_int_equal(food_set_str(&f->group, "Finfish"), 0);
    assert_int_equal(food_add_portion(f, "fillet", 0.5, 154), 0);
    assert_int_equal(food_add_alias(f, "saumon", "fr"), 0);
    f->values[0] = 12.5;
    f->values[nutrients_count() - 1] = 0; /* a known zero */
    f->spread[0] = 1.5;
    f->measured = 1;

    food_clear(f);
    assert_empty(f);
    assert_ptr_equal(f->values, values); /* the value array is kept */

    /* and the food takes new contents */
    assert_int_equal(food_set_str(&f->id, "t:2"), 0);
    assert_int_equal(food_add_portion(f, "cup", 1, 240), 0);
    assert_int_equal(f->n_portions, 1);
    assert_string_equal(f->portions[0].name, "cup");
    food_free(f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_food_knows_nothing),
        cmocka_unit_test(test_portions_copied_in_order),
        cmocka_unit_test(test_many_portions),
        cmocka_unit_test(test_aliases),
        cmocka_unit_test(test_set_str),
        cmocka_unit_test(test_clear_forgets_and_stays_usable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
