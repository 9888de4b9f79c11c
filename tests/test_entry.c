/*
 * test_entry.c - ENTRY arguments taken apart: every quantity form and each
 * rejection, candidate units (two-word "fl oz", glued "100g"), @ID, limits;
 * then entry_resolve's lookup order against a fake food table, and the
 * whole path ENTRY -> food -> grams.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/entry.h"
#include "dietbal/food.h"
#include "dietbal/store.h"
#include "dietbal/units.h"

#include "testlib.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* cmocka 1.1.5 has no double comparison; assert_float_equal loses digits. */
/* Parse and expect success. */
static struct entry_spec parse_ok(const char *s) {
    struct entry_spec e;
    char err[512] = "";
    int rc = entry_parse(s, &e, err, sizeof(err));
    if (rc != ENTRY_OK)
        fail_msg("'%s': %d %s", s, rc, err);
    return e;
}

/* Parse and expect failure rc with *out untouched; returns the message. */
static const char *parse_bad(const char *s, int want) {
    static char err[512];
    static struct entry_spec e;
    memset(&e, 0x5a, sizeof(e));
    err[0] = '\0';
    int rc = entry_parse(s, &e, err, sizeof(err));
    if (rc != want)
        fail_msg("'%s': status %d, expected %d (%s)", s ? s : "(null)", rc, want, err);
    const unsigned char *b = (const unsigned char *)&e;
    for (size_t i = 0; i < sizeof(e); i++)
        assert_int_equal(b[i], 0x5a);
    assert_true(strlen(err) > 0);
    return err;
}

static void expect(const char *s, double q, const char *qtext, const char *unit, int generic,
                   const char *food, const char *text) {
    struct entry_spec e = parse_ok(s);
    assert_near(e.quantity, q, 1e-12);
    assert_string_equal(e.quantity_text, qtext);
    assert_string_equal(e.unit, unit);
    assert_int_equal(e.unit_generic, generic);
    assert_string_equal(e.food, food);
    assert_string_equal(e.text, text);
}

/* ------------------------------------------------------------------------- */
/* quantities */

static void test_decimals(void **state) {
    (void)state;
    expect("1 cup whole milk", 1, "1", "cup", 1, "whole milk", "cup whole milk");
    expect("1.5 oz cheddar", 1.5, "1.5", "oz", 1, "cheddar", "oz cheddar");
    expect(".5 cup milk", 0.5, ".5", "cup", 1, "milk", "cup milk");
    expect("1. cup milk", 1, "1.", "cup", 1, "milk", "cup milk");
    expect("150 g salmon", 150, "150", "g", 1, "salmon", "g salmon");
    expect("0.1 l milk", 0.1, "0.1", "l", 1, "milk", "l milk");
    expect("007 g salt", 7, "007", "g", 1, "salt", "g salt");
    /* 15 digits are the most: 0.12345678901234 has 15 */
    expect("0.12345678901234 kg x", 0.12345678901234, "0.12345678901234", "kg", 1, "x", "kg x");
    expect("0.001 g salt", 0.001, "0.001", "g", 1, "salt", "g salt");       /* the least */
    expect("100000 mg salt", 100000, "100000", "mg", 1, "salt", "mg salt"); /* the most */
}

static void test_fractions(void **state) {
    (void)state;
    expect("1/2 cup oatmeal", 0.5, "1/2", "cup", 1, "oatmeal", "cup oatmeal");
    expect("3/4 tsp salt", 0.75, "3/4", "tsp", 1, "salt", "tsp salt");
    expect("5/4 cup flour", 1.25, "5/4", "cup", 1, "flour", "cup flour"); /* improper is fine */
    expect("1/3 cup rice", 1.0 / 3.0, "1/3", "cup", 1, "rice", "cup rice");
    expect("1/1000 cup rice", 0.001, "1/1000", "cup", 1, "rice", "cup rice");
}

static void test_mixed_numbers(void **state) {
    (void)state;
    expect("1 1/2 cup milk", 1.5, "1 1/2", "cup", 1, "milk", "cup milk");
    expect("2 3/4 cups flour", 2.75, "2 3/4", "cups", 1, "flour", "cups flour");
    /* 1 + 1/3 = 1.333... */
    expect("1 1/3 cup milk", 1.0 + 1.0 / 3.0, "1 1/3", "cup", 1, "milk", "cup milk");
    expect("0 1/2 cup milk", 0.5, "0 1/2", "cup", 1, "milk", "cup milk");
    expect("1  \t 1/2   cup   milk", 1.5, "1 1/2", "cup", 1, "milk", "cup milk");
}

static void test_vulgar_fractions(void **state) {
    (void)state;
    expect("½ cup milk", 0.5, "½", "cup", 1, "milk", "cup milk");
    expect("¼ cup milk", 0.25, "¼", "cup", 1, "milk", "cup milk");
    expect("¾ cup milk", 0.75, "¾", "cup", 1, "milk", "cup milk");
    expect("⅓ cup milk", 1.0 / 3.0, "⅓", "cup", 1, "milk", "cup milk");
    expect("⅔ cup milk", 2.0 / 3.0, "⅔", "cup", 1, "milk", "cup milk");
    expect("⅛ tsp salt", 0.125, "⅛", "tsp", 1, "salt", "tsp salt");
    expect("⅞ cup milk", 0.875, "⅞", "cup", 1, "milk", "cup milk");
    expect("1½ cups milk", 1.5, "1½", "cups", 1, "milk", "cups milk");
    expect("1 ½ cup milk", 1.5, "1 ½", "cup", 1, "milk", "cup milk");
    expect("2 ⅔ cup milk", 2.0 + 2.0 / 3.0, "2 ⅔", "cup", 1, "milk", "cup milk");
    expect("½cup milk", 0.5, "½", "cup", 1, "milk", "cup milk");
    expect("½ apple", 0.5, "½", "", 0, "apple", "apple");
}

static void test_quantity_rejected(void **state) {
    (void)state;
    assert_string_equal(parse_bad("0 cup milk", ENTRY_EQUANTITY), "quantity '0' is zero");
    assert_string_equal(parse_bad("0.0 g salt", ENTRY_EQUANTITY), "quantity '0.0' is zero");
    assert_string_equal(parse_bad("0/4 cup milk", ENTRY_EQUANTITY), "quantity '0/4' is zero");
    assert_string_equal(parse_bad("-1 cup milk", ENTRY_EQUANTITY), "quantity '-1' is negative");
    assert_string_equal(parse_bad("-.5 cup milk", ENTRY_EQUANTITY), "quantity '-.5' is negative");
    assert_string_equal(parse_bad("-1/2 cup milk", ENTRY_EQUANTITY), "quantity '-1/2' is negative");
    assert_string_equal(parse_bad("+1 cup milk", ENTRY_EQUANTITY),
                        "quantity '+1' must be a plain number, no sign");
    assert_string_equal(parse_bad("1/0 cup milk", ENTRY_EQUANTITY),
                        "quantity '1/0' divides by zero");
    assert_string_equal(parse_bad("1 1/0 cup milk", ENTRY_EQUANTITY),
                        "quantity '1 1/0' divides by zero");
    /* a word that tries to be a number must be one */
    assert_string_equal(parse_bad("inf g sugar", ENTRY_EQUANTITY),
                        "'inf' is not a quantity; an entry is QUANTITY [UNIT] FOOD, as in '1 "
                        "cup milk'");
    parse_bad("inf g sugar", ENTRY_EQUANTITY);
    parse_bad("nan g sugar", ENTRY_EQUANTITY);
    parse_bad("infinity g sugar", ENTRY_EQUANTITY);
    parse_bad("NaN g sugar", ENTRY_EQUANTITY);
    parse_bad(". g sugar", ENTRY_EQUANTITY);
    parse_bad("- g sugar", ENTRY_EQUANTITY);
    parse_bad("−1 g sugar", ENTRY_EQUANTITY); /* U+2212 minus: not a number at all */
    assert_string_equal(parse_bad("0x10 g sugar", ENTRY_EQUANTITY),
                        "'0x10' is not a quantity; use a decimal (1.5), a fraction (1/2) or a "
                        "mixed number (1 1/2)");
    assert_string_equal(parse_bad("1e3 g sugar", ENTRY_EQUANTITY),
                        "'1e3' is not a quantity; use a decimal (1.5), a fraction (1/2) or a "
                        "mixed number (1 1/2)");
    parse_bad("1E-3 g sugar", ENTRY_EQUANTITY);
    parse_bad("0x1p3 g sugar", ENTRY_EQUANTITY);
    assert_string_equal(parse_bad("1,5 cup milk", ENTRY_EQUANTITY),
                        "quantity '1,5': use a decimal point, as in 1.5");
    parse_bad("1.2.3 cup milk", ENTRY_EQUANTITY);
    parse_bad("1/2/3 cup milk", ENTRY_EQUANTITY);
    parse_bad("1/ cup milk", ENTRY_EQUANTITY);
    parse_bad("1/2.5 cup milk", ENTRY_EQUANTITY);
    parse_bad("1.5/2 cup milk", ENTRY_EQUANTITY);
    parse_bad("½½ cup milk", ENTRY_EQUANTITY);
    parse_bad("1½/2 cup milk", ENTRY_EQUANTITY);
    assert_string_equal(parse_bad("2eggs", ENTRY_EQUANTITY),
                        "'2eggs' is not a quantity; put a space after the number unless a unit "
                        "follows it (100g)");
    parse_bad("100grs rice", ENTRY_EQUANTITY);
}

static void test_quantity_mixed_rejected(void **state) {
    (void)state;
    assert_string_equal(parse_bad("1 3/2 cup milk", ENTRY_EQUANTITY),
                        "quantity '1 3/2': the fraction of a mixed number must be below 1");
    parse_bad("1 2/2 cup milk", ENTRY_EQUANTITY);
    assert_string_equal(parse_bad("1.5 1/2 cup milk", ENTRY_EQUANTITY),
                        "'1.5 1/2': two numbers in a row; write one quantity, as in 1 1/2");
    parse_bad("2 .5 cup milk", ENTRY_EQUANTITY);
    parse_bad("2 3 musketeers bar", ENTRY_EQUANTITY);
    parse_bad("1/2 1/2 cup milk", ENTRY_EQUANTITY);
    parse_bad("1½ 1/2 cup milk", ENTRY_EQUANTITY);
    assert_string_equal(parse_bad("1 1½ cup milk", ENTRY_EQUANTITY),
                        "'1 1½': two numbers in a row; write one quantity, as in 1 1/2");
    parse_bad("1 1/2.5 cup milk", ENTRY_EQUANTITY);
    parse_bad("2 100g rice", ENTRY_EQUANTITY);
    parse_bad("2 3/0 cups", ENTRY_EQUANTITY);
    /* a word that merely starts with digits is a name */
    expect("1 7up", 1, "1", "", 0, "7up", "7up");
    expect("2 7up cans", 2, "2", "7up", 0, "cans", "7up cans");
}

static void test_quantity_range(void **state) {
    (void)state;
    assert_string_equal(parse_bad("1234567890123456 g salt", ENTRY_EQUANTITY),
                        "quantity '1234567890123456' has too many digits (at most 15)");
    parse_bad("0.0000000000000001 g salt", ENTRY_EQUANTITY);
    parse_bad("1/1234567890123456 cup salt", ENTRY_EQUANTITY);
    parse_bad("99999999999999999999999999999999999999 g salt", ENTRY_EQUANTITY);
    assert_string_equal(parse_bad("0.0001 g salt", ENTRY_EQUANTITY),
                        "quantity '0.0001' is too small (at least 0.001)");
    parse_bad("1/1001 cup salt", ENTRY_EQUANTITY);
    assert_string_equal(parse_bad("200000 mg salt", ENTRY_EQUANTITY),
                        "quantity '200000' is too large (at most 100000)");
    parse_bad("100000.5 mg salt", ENTRY_EQUANTITY);
    parse_bad("999999999 g salt", ENTRY_EQUANTITY);
    parse_bad("100001/1 g salt", ENTRY_EQUANTITY);
}

/* ------------------------------------------------------------------------- */
/* units and food text */

static void test_unit_candidates(void **state) {
    (void)state;
    expect("2 slices whole-wheat bread", 2, "2", "slices", 0, "whole-wheat bread",
           "slices whole-wheat bread");
    expect("2 large eggs", 2, "2", "large", 0, "eggs", "large eggs");
    expect("2 egg", 2, "2", "", 0, "egg", "egg");
    expect("5 leaves lettuce", 5, "5", "leaves", 0, "lettuce", "leaves lettuce");
    expect("2 Tbsp honey", 2, "2", "Tbsp", 1, "honey", "Tbsp honey");
    expect("2 T honey", 2, "2", "T", 0, "honey", "T honey"); /* T is not a unit */
    expect("2 tablespoons honey", 2, "2", "tablespoons", 1, "honey", "tablespoons honey");
    expect("1 Cup Milk", 1, "1", "Cup", 1, "Milk", "Cup Milk");
    expect("  2\t large \n eggs  ", 2, "2", "large", 0, "eggs", "large eggs");
}

static void test_two_word_units(void **state) {
    (void)state;
    expect("3 fl oz orange juice", 3, "3", "fl oz", 1, "orange juice", "fl oz orange juice");
    expect("3 fl. oz. orange juice", 3, "3", "fl. oz.", 1, "orange juice", "fl. oz. orange juice");
    expect("3 FL OZ juice", 3, "3", "FL OZ", 1, "juice", "FL OZ juice");
    expect("2 fluid ounces juice", 2, "2", "fluid ounces", 1, "juice", "fluid ounces juice");
    /* "fl" alone is no unit: a candidate word like any other */
    expect("2 fl juice", 2, "2", "fl", 0, "juice", "fl juice");
    /* two words that are not one unit: the first is the candidate */
    expect("2 cup oz", 2, "2", "cup", 1, "oz", "cup oz");
}

static void test_glued_units(void **state) {
    (void)state;
    expect("100g rice", 100, "100", "g", 1, "rice", "g rice");
    expect("100G rice", 100, "100", "G", 1, "rice", "G rice");
    expect("250ml milk", 250, "250", "ml", 1, "milk", "ml milk");
    expect("1.5kg potatoes", 1.5, "1.5", "kg", 1, "potatoes", "kg potatoes");
    expect("1/2cup milk", 0.5, "1/2", "cup", 1, "milk", "cup milk");
    expect("1 1/2cup milk", 1.5, "1 1/2", "cup", 1, "milk", "cup milk");
    expect("3fl oz juice", 3, "3", "fl oz", 1, "juice", "fl oz juice");
    expect("100grams rice", 100, "100", "grams", 1, "rice", "grams rice");
    expect("2oz. cheese", 2, "2", "oz.", 1, "cheese", "oz. cheese");
}

static void test_missing_food(void **state) {
    (void)state;
    assert_string_equal(parse_bad("100 g", ENTRY_ESYNTAX),
                        "no food after '100 g'; an entry is QUANTITY [UNIT] FOOD, as in '1 cup "
                        "milk'");
    assert_string_equal(parse_bad("2", ENTRY_ESYNTAX),
                        "no food after '2'; an entry is QUANTITY [UNIT] FOOD, as in '1 cup milk'");
    parse_bad("100g", ENTRY_ESYNTAX);
    parse_bad("3 fl oz", ENTRY_ESYNTAX);
    parse_bad("3fl oz", ENTRY_ESYNTAX);
    parse_bad("1 1/2 cups", ENTRY_ESYNTAX);
    parse_bad("½ ", ENTRY_ESYNTAX);
    assert_string_equal(parse_bad("", ENTRY_ESYNTAX),
                        "empty entry; an entry is QUANTITY [UNIT] FOOD, as in '1 cup milk'");
    parse_bad(" \t\n ", ENTRY_ESYNTAX);
    parse_bad(NULL, ENTRY_ESYNTAX);
}

static void test_food_ids(void **state) {
    (void)state;
    struct entry_spec e;
    expect("250 ml @usda:01077", 250, "250", "ml", 1, "@usda:01077", "ml @usda:01077");
    e = parse_ok("250 ml @usda:01077");
    assert_string_equal(entry_food_id(e.food), "usda:01077");
    /* an @ID right after the quantity is never a unit */
    expect("2 @usda:01123", 2, "2", "", 0, "@usda:01123", "@usda:01123");
    expect("2 large @usda:01123", 2, "2", "large", 0, "@usda:01123", "large @usda:01123");
    expect("100g @x:1", 100, "100", "g", 1, "@x:1", "g @x:1");

    assert_string_equal(entry_food_id("@x"), "x");
    assert_null(entry_food_id("@"));
    assert_null(entry_food_id("milk"));
    assert_null(entry_food_id("milk @x"));
    assert_null(entry_food_id(""));
    assert_null(entry_food_id(NULL));
    /* '@' inside search text is text */
    e = parse_ok("1 cup milk @home");
    assert_string_equal(e.food, "milk @home");
    assert_null(entry_food_id(e.food));

    assert_string_equal(parse_bad("2 @", ENTRY_ESYNTAX),
                        "'@' needs a food id after it, as in '@usda:01077'");
    parse_bad("250 ml @", ENTRY_ESYNTAX);
    assert_string_equal(parse_bad("2 @usda:01077 extra", ENTRY_ESYNTAX),
                        "'@usda:01077 extra': nothing may follow a food id");
    parse_bad("2 large @usda:01123 eggs", ENTRY_ESYNTAX);
}

static void test_lengths(void **state) {
    (void)state;
    char s[ENTRY_MAX_LEN + 2];
    /* exactly 1000 bytes: "1 g " and 996 x */
    memset(s, 'x', ENTRY_MAX_LEN);
    memcpy(s, "1 g ", 4);
    s[ENTRY_MAX_LEN] = '\0';
    struct entry_spec e = parse_ok(s);
    assert_int_equal(strlen(e.food), 996);
    assert_int_equal(strlen(e.text), 998);

    /* one more is refused */
    s[ENTRY_MAX_LEN] = 'x';
    s[ENTRY_MAX_LEN + 1] = '\0';
    assert_string_equal(parse_bad(s, ENTRY_ESYNTAX),
                        "entry is too long (1001 bytes, at most 1000)");

    /* many short words fit */
    for (int i = 0; i < ENTRY_MAX_LEN; i++)
        s[i] = i % 2 ? ' ' : 'a';
    memcpy(s, "1 g ", 4);
    s[ENTRY_MAX_LEN - 1] = 'a';
    s[ENTRY_MAX_LEN] = '\0';
    e = parse_ok(s);
    assert_int_equal(strlen(e.food), 996);

    /* a long word is a food word, not a unit */
    memset(s, 'y', 300);
    memcpy(s, "2 ", 2);
    strcpy(s + 300, " z");
    e = parse_ok(s);
    assert_int_equal(strlen(e.unit), 298);
    assert_int_equal(e.unit_generic, 0);
}

static void test_control_characters(void **state) {
    (void)state;
    assert_string_equal(parse_bad("1 cup\x01milk", ENTRY_ESYNTAX),
                        "entry contains a control character (byte 1)");
    parse_bad("1 cup milk\x7f", ENTRY_ESYNTAX);
    parse_bad("1 cup \x1b[31mmilk", ENTRY_ESYNTAX);
    /* C1 controls: U+009B is a one-character escape (CSI) for a terminal */
    assert_string_equal(parse_bad("1 cup \xc2\x9b"
                                  "31mmilk",
                                  ENTRY_ESYNTAX),
                        "entry contains a control character (U+009B)");
}

/* Bytes that are not UTF-8 were searched as if they were letters. */
static void test_not_utf8(void **state) {
    (void)state;
    assert_string_equal(parse_bad("1 cup \xff\xfemilk", ENTRY_ESYNTAX),
                        "entry is not valid UTF-8 (byte 0xFF)");
    parse_bad("1 cup mil\xc3", ENTRY_ESYNTAX);              /* cut short */
    parse_bad("1 cup \xc0\xafmilk", ENTRY_ESYNTAX);         /* overlong '/' */
    parse_bad("1 cup \xed\xa0\x80milk", ENTRY_ESYNTAX);     /* a surrogate */
    parse_bad("1 cup \xf4\x90\x80\x80milk", ENTRY_ESYNTAX); /* above U+10FFFF */
    parse_bad("\x80 cup milk", ENTRY_ESYNTAX);              /* a lone continuation */
    /* real UTF-8 stays: crème, ½, a 4-byte emoji */
    struct entry_spec e = parse_ok("\xc2\xbd cup cr\xc3\xa8me fra\xc3\xae"
                                   "che \xf0\x9f\xa5\x9b");
    assert_string_equal(e.food, "cr\xc3\xa8me fra\xc3\xae"
                                "che \xf0\x9f\xa5\x9b");
}

static void test_err_buffer_optional(void **state) {
    (void)state;
    struct entry_spec e;
    assert_int_equal(entry_parse("0 cup milk", &e, NULL, 0), ENTRY_EQUANTITY);
    char small[8];
    assert_int_equal(entry_parse("0 cup milk", &e, small, sizeof(small)), ENTRY_EQUANTITY);
    assert_string_equal(small, "quantit");
}

/* ------------------------------------------------------------------------- */
/* everyday phrasing: words for quantities, the amount after the food,
 * "UNIT of FOOD", multipliers, no quantity at all */

static void expect_implied(const char *s, const char *unit, const char *food) {
    struct entry_spec e = parse_ok(s);
    assert_int_equal(e.implied, 1);
    assert_near(e.quantity, 1, 0);
    assert_string_equal(e.unit, unit);
    assert_string_equal(e.food, food);
}

static void test_word_quantities(void **state) {
    (void)state;
    expect("a glass of orange juice", 1, "a", "glass", 0, "orange juice", "glass of orange juice");
    expect("An apple", 1, "An", "", 0, "apple", "apple");
    expect("half an avocado", 0.5, "half an", "", 0, "avocado", "avocado");
    expect("half a cup of rice", 0.5, "half a", "cup", 1, "rice", "cup of rice");
    expect("a half cup rice", 0.5, "a half", "cup", 1, "rice", "cup rice");
    expect("two eggs", 2, "two", "", 0, "eggs", "eggs");
    expect("Twelve almonds", 12, "Twelve", "", 0, "almonds", "almonds");
    expect("a couple of slices of toast", 2, "a couple of", "slices", 0, "toast",
           "slices of toast");
    expect("a few strawberries", 3, "a few", "", 0, "strawberries", "strawberries");
    expect("half a dozen eggs", 6, "half a dozen", "", 0, "eggs", "eggs");
    expect("a quarter of a pizza", 0.25, "a quarter of a", "", 0, "pizza", "pizza");
    expect("quarter cup raisins", 0.25, "quarter", "cup", 1, "raisins", "cup raisins");
    expect("two and a half cups of milk", 2.5, "two and a half", "cups", 1, "milk", "cups of milk");
    /* an article before a number says nothing */
    expect("a 20 oz gatorade", 20, "20", "oz", 1, "gatorade", "oz gatorade");
    expect("an 8oz steak", 8, "8", "oz", 1, "steak", "oz steak");
    expect("1 and a half cups milk", 1.5, "1 and a half", "cups", 1, "milk", "cups milk");
    expect("one and a half bananas", 1.5, "one and a half", "", 0, "bananas", "bananas");
    /* "half and half" is the cream: no quantity in it */
    expect_implied("half and half", "half", "and half");
}

static void test_amount_after_food(void **state) {
    (void)state;
    expect("steak 8 oz", 8, "8", "oz", 1, "steak", "oz steak");
    expect("steak, 8 oz", 8, "8", "oz", 1, "steak", "oz steak");
    expect("steak (8 oz)", 8, "8", "oz", 1, "steak", "oz steak");
    expect("milk 200ml", 200, "200", "ml", 1, "milk", "ml milk");
    expect("orange juice 3 fl oz", 3, "3", "fl oz", 1, "orange juice", "fl oz orange juice");
    expect("milk 1 1/2 cups", 1.5, "1 1/2", "cups", 1, "milk", "cups milk");
    expect("pizza 2 slices", 2, "2", "slices", 0, "pizza", "slices pizza");
    expect("eggs 2", 2, "2", "", 0, "eggs", "eggs");
    /* a name that merely ends in a number-like word keeps it */
    expect_implied("milk 2%", "milk", "2%");
    expect_implied("2% milk", "2%", "milk");
}

static void test_multipliers(void **state) {
    (void)state;
    expect("eggs x2", 2, "2", "", 0, "eggs", "eggs");
    expect("eggs x 2", 2, "2", "", 0, "eggs", "eggs");
    expect("eggs 2x", 2, "2", "", 0, "eggs", "eggs");
    expect("x2 eggs", 2, "x2", "", 0, "eggs", "eggs");
    expect("2x eggs", 2, "2", "", 0, "eggs", "eggs");
    expect("2 x eggs", 2, "2", "", 0, "eggs", "eggs");
    expect("2 × slices bread", 2, "2", "slices", 0, "bread", "slices bread");
    parse_bad("x0 eggs", ENTRY_EQUANTITY);
}

static void test_unit_of_food(void **state) {
    (void)state;
    expect("1 tin of sardines", 1, "1", "tin", 0, "sardines", "tin of sardines");
    expect("2 slices of pizza", 2, "2", "slices", 0, "pizza", "slices of pizza");
    expect("1 cup of grapes", 1, "1", "cup", 1, "grapes", "cup of grapes");
    expect("3 fl oz of juice", 3, "3", "fl oz", 1, "juice", "fl oz of juice");
    expect("a large glass of milk", 1, "a", "large glass", 0, "milk", "large glass of milk");
    expect("a bowl of cream of mushroom soup", 1, "a", "bowl", 0, "cream of mushroom soup",
           "bowl of cream of mushroom soup");
    expect("a slice of the pizza", 1, "a", "slice", 0, "pizza", "slice of the pizza");
    /* a name with "of" in it: the resolver tries the whole text too */
    expect("1 cream of wheat", 1, "1", "cream", 0, "wheat", "cream of wheat");
    /* nothing after "of": "of" is the food's */
    expect("2 cups of", 2, "2", "cups", 1, "of", "cups of");
}

static void test_no_quantity(void **state) {
    (void)state;
    struct entry_spec e;
    expect_implied("banana", "", "banana");
    expect_implied("bok choy", "bok", "choy");
    expect_implied("some grapes", "", "grapes");
    expect_implied("cup milk", "cup", "milk");
    expect_implied("glass of milk", "glass", "milk");
    expect_implied("@usda:09040", "", "@usda:09040");
    e = parse_ok("2 eggs");
    assert_int_equal(e.implied, 0);
    /* the last word is kept apart for "salmon fillet", "pizza slices" */
    e = parse_ok("1 salmon fillet");
    assert_string_equal(e.head, "salmon");
    assert_string_equal(e.tail, "fillet");
    e = parse_ok("2 slices of whole wheat bread");
    assert_string_equal(e.head, "whole wheat");
    assert_string_equal(e.tail, "bread");
    e = parse_ok("1 apple");
    assert_string_equal(e.head, "");
    assert_string_equal(e.tail, "");
}

/* ------------------------------------------------------------------------- */
/* resolution, with a fake food table */

struct pdef {
    const char *name;
    double amount, grams;
};

static struct food *mkfood(const char *id, const char *name, size_t n, const struct pdef *p) {
    struct food *f = food_new();
    assert_non_null(f);
    assert_int_equal(food_set_str(&f->id, id), 0);
    assert_int_equal(food_set_str(&f->name, name), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(food_add_portion(f, p[i].name, p[i].amount, p[i].grams), 0);
    return f;
}

#define MK(id, name, ...)                                                                          \
    mkfood(id, name, sizeof((struct pdef[]){__VA_ARGS__}) / sizeof(struct pdef),                   \
           (struct pdef[]){__VA_ARGS__})

static struct food *build(const char *key) {
    if (strcmp(key, "milk") == 0)
        return MK("usda:01077", "Milk, whole", {"cup", 1, 244}, {"fl oz", 1, 30.5});
    if (strcmp(key, "egg") == 0)
        return MK("usda:01123", "Egg, whole, raw", {"large", 1, 50}, {"extra large", 1, 56},
                  {"medium", 1, 44});
    if (strcmp(key, "white bread") == 0)
        return MK("usda:18069", "Bread, white", {"slice", 1, 25}, {"loaf", 1, 454});
    if (strcmp(key, "wheat bread") == 0)
        return MK("usda:18075", "Bread, whole-wheat", {"slice (1 oz)", 1, 28});
    if (strcmp(key, "salmon") == 0)
        return MK("usda:15076", "Salmon, Atlantic", {"fillet", 0.5, 198});
    if (strcmp(key, "cheese") == 0)
        return MK("usda:01009", "Cheese, cheddar", {"slice (1 oz)", 1, 28}, {"cup, diced", 1, 132});
    fail_msg("no such test food %s", key);
    return NULL;
}

/* text (or id when by_id) -> outcome */
static const struct {
    const char *text;
    int by_id;
    enum entry_lookup result;
    const char *food;
} table[] = {
    {"whole milk", 0, ENTRY_LOOKUP_FOUND, "milk"},
    {"milk", 0, ENTRY_LOOKUP_FOUND, "milk"},
    {"egg", 0, ENTRY_LOOKUP_FOUND, "egg"},
    {"eggs", 0, ENTRY_LOOKUP_AMBIGUOUS, NULL},
    {"large eggs", 0, ENTRY_LOOKUP_FOUND, "egg"},
    {"bread", 0, ENTRY_LOOKUP_FOUND, "white bread"},
    {"whole-wheat bread", 0, ENTRY_LOOKUP_FOUND, "wheat bread"},
    {"salmon", 0, ENTRY_LOOKUP_FOUND, "salmon"},
    {"cheddar", 0, ENTRY_LOOKUP_AMBIGUOUS, NULL},
    {"sharp cheddar", 0, ENTRY_LOOKUP_AMBIGUOUS, NULL},
    {"cheese", 0, ENTRY_LOOKUP_FOUND, "cheese"},
    {"big cheese", 0, ENTRY_LOOKUP_ERROR, NULL},
    {"wheat bread", 0, ENTRY_LOOKUP_AMBIGUOUS, NULL},
    {"fail", 0, ENTRY_LOOKUP_ERROR, NULL},
    {"usda:01077", 1, ENTRY_LOOKUP_FOUND, "milk"},
    {"usda:01123", 1, ENTRY_LOOKUP_FOUND, "egg"},
};

struct fake {
    int n;             /* lookups made */
    char calls[8][64]; /* "text", "@id", "~text" (relaxed) */
    int found_null;    /* claim FOUND without a food */
    int quiet;         /* leave err empty */
};

static enum entry_lookup fake_lookup(void *ctx, const char *text, int by_id, int relaxed,
                                     struct food **out, char *err, size_t errlen) {
    struct fake *fk = ctx;
    /* a relaxed lookup is noted "~text"; this table has no relaxed answers */
    assert_true(fk->n < 8);
    snprintf(fk->calls[fk->n++], sizeof(fk->calls[0]), "%s%s%s", relaxed ? "~" : "",
             by_id ? "@" : "", text);
    if (fk->found_null)
        return ENTRY_LOOKUP_FOUND;
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (table[i].by_id != by_id || strcmp(table[i].text, text) != 0)
            continue;
        if (table[i].result == ENTRY_LOOKUP_FOUND)
            *out = build(table[i].food);
        else if (!fk->quiet && table[i].result == ENTRY_LOOKUP_AMBIGUOUS)
            snprintf(err, errlen, "several foods match '%s': ...", text);
        else if (!fk->quiet)
            snprintf(err, errlen, "database is locked");
        return table[i].result;
    }
    if (!fk->quiet)
        snprintf(err, errlen, "no food %s '%s'", by_id ? "has id" : "matches", text);
    return ENTRY_LOOKUP_NOTFOUND;
}

struct resolved {
    int rc;
    struct food *food;
    const char *unit;
    const char *text; /* the text whose lookup decided */
    char err[512];
    struct fake fk;
    struct entry_spec e;
};

/* Parse s, resolve it; on success the caller frees r->food. */
static void resolve(const char *s, struct resolved *r) {
    struct entry_resolver rv = {fake_lookup, NULL, NULL, NULL, NULL};
    struct entry_found got;
    memset(r, 0, sizeof(*r));
    r->e = parse_ok(s);
    rv.ctx = &r->fk;
    got.food = (struct food *)&r->fk; /* sentinels: untouched on failure */
    got.unit = "untouched";
    got.text = NULL;
    r->rc = entry_resolve(&r->e, &rv, &got, r->err, sizeof(r->err));
    r->text = got.text;
    if (r->rc != ENTRY_OK) {
        assert_ptr_equal(got.food, (struct food *)&r->fk);
        assert_string_equal(got.unit, "untouched");
        r->food = NULL;
        r->unit = NULL;
    } else {
        r->food = got.food;
        r->unit = got.unit;
    }
}

static void assert_calls(const struct resolved *r, int n, const char *first, const char *second) {
    assert_int_equal(r->fk.n, n);
    if (n > 0)
        assert_string_equal(r->fk.calls[0], first);
    if (n > 1)
        assert_string_equal(r->fk.calls[1], second);
}

static void test_resolve_generic_unit(void **state) {
    (void)state;
    struct resolved r;
    resolve("1 cup whole milk", &r);
    assert_int_equal(r.rc, ENTRY_OK);
    assert_string_equal(r.food->id, "usda:01077");
    assert_string_equal(r.unit, "cup");
    assert_calls(&r, 1, "whole milk", NULL);
    food_free(r.food);

    /* a generic unit is never retried as part of a name */
    resolve("1 cup nothing", &r);
    assert_int_equal(r.rc, ENTRY_ENOTFOUND);
    assert_string_equal(r.err, "no food matches 'nothing'");
    assert_calls(&r, 2, "nothing", "~nothing"); /* then the relaxed search */

    resolve("250 ml @usda:01077", &r);
    assert_int_equal(r.rc, ENTRY_OK);
    assert_string_equal(r.food->id, "usda:01077");
    assert_string_equal(r.unit, "ml");
    assert_calls(&r, 1, "@usda:01077", NULL);
    food_free(r.food);
}

static void test_resolve_no_unit(void **state) {
    (void)state;
    struct resolved r;
    resolve("2 egg", &r);
    assert_int_equal(r.rc, ENTRY_OK);
    assert_string_equal(r.food->id, "usda:01123");
    assert_null(r.unit);
    assert_calls(&r, 1, "egg", NULL);
    food_free(r.food);

    resolve("2 @usda:01123", &r);
    assert_int_equal(r.rc, ENTRY_OK);
    assert_null(r.unit);
    assert_calls(&r, 1, "@usda:01123", NULL);
    food_free(r.food);

    resolve("2 @usda:99999", &r);
    assert_int_equal(r.rc, ENTRY_ENOTFOUND);
    assert_string_equal(r.err, "no food has id 'usda:99999'");

    resolve("2 eggs", &r);
    assert_int_equal(r.rc, ENTRY_EAMBIGUOUS);
    assert_string_equal(r.err, "several foods match 'eggs': ...");
}

static void test_resolve_portion_of_rest(void **state) {
    (void)state;
    struct resolved r;
    /* "bread" is found and has a "slice": one lookup */
    resolve("2 slices bread", &r);
    assert_int_equal(r.rc, ENTRY_OK);
    assert_string_equal(r.food->id, "usda:18069");
    assert_string_equal(r.unit, "slices");
    assert_calls(&r, 1, "bread", NULL);
    food_free(r.food);

    resolve("2 large @usda:01123", &r);
    assert_int_equal(r.rc, ENTRY_OK);
    assert_string_equal(r.food->id, "usda:01123");
    assert_string_equal(r.unit, "large");
    assert_calls(&r, 1, "@usda:01123", NULL);
    food_free(r.food);
}

static void test_resolve_falls_back_to_whole_text(void **state) {
    (void)state;
    struct resolved r;
    /* "bread" is white bread, which has no "whole-wheat" portion; the whole
     * text names whole-wheat bread, counted by its first portion */
    resolve("2 whole-wheat bread", &r);
    assert_int_equal(r.rc, ENTRY_OK);
    assert_string_equal(r.food->id, "usda:18075");
    assert_null(r.unit);
    assert_calls(&r, 2, "bread", "whole-wheat bread");
    food_free(r.food);

    /* "eggs" alone is ambiguous; "large eggs" is one food with a "large" portion */
    resolve("2 large eggs", &r);
    assert_int_equal(r.rc, ENTRY_OK);
    assert_string_equal(r.food->id, "usda:01123");
    assert_string_equal(r.unit, "large");
    assert_calls(&r, 2, "eggs", "large eggs");
    food_free(r.food);
}

static void test_resolve_failures(void **state) {
    (void)state;
    struct resolved r;
    /* REST found without the portion, whole text unknown: REST with WORD,
     * and units_to_grams says WORD is not one of its units */
    resolve("2 handfuls salmon", &r);
    assert_int_equal(r.rc, ENTRY_OK);
    assert_string_equal(r.food->id, "usda:15076");
    assert_string_equal(r.unit, "handfuls");
    assert_calls(&r, 4, "salmon", "handfuls salmon"); /* then "handfuls", "~handfuls salmon" */
    struct units_result u;
    char err[512];
    assert_int_equal(units_to_grams(r.food, r.e.quantity, r.unit, 0, &u, err, sizeof(err)),
                     UNITS_EUNIT);
    assert_string_equal(err, "'handfuls' is not a unit of Salmon, Atlantic; it takes g, kg, mg, "
                             "oz, lb or a portion: 'fillet'");
    food_free(r.food);

    /* an @ID is never retried as a name */
    resolve("2 slices @usda:01077", &r);
    assert_int_equal(r.rc, ENTRY_OK);
    assert_string_equal(r.unit, "slices");
    assert_calls(&r, 1, "@usda:01077", NULL);
    food_free(r.food);
    resolve("2 large @nope", &r);
    assert_int_equal(r.rc, ENTRY_ENOTFOUND);
    assert_string_equal(r.err, "no food has id 'nope'");
    assert_calls(&r, 1, "@nope", NULL);

    /* neither reading exists: the whole text's message */
    resolve("2 xyz abc", &r);
    assert_int_equal(r.rc, ENTRY_ENOTFOUND);
    assert_string_equal(r.err, "no food matches 'xyz abc'");
    assert_calls(&r, 5, "abc", "xyz abc"); /* then "xyz", "~abc", "~xyz abc" */

    /* REST ambiguous, whole text unknown: REST's candidates */
    resolve("2 slices cheddar", &r);
    assert_int_equal(r.rc, ENTRY_EAMBIGUOUS);
    assert_string_equal(r.err, "several foods match 'cheddar': ...");
    assert_calls(&r, 2, "cheddar", "slices cheddar");

    /* both ambiguous: the whole text's candidates */
    resolve("2 sharp cheddar", &r);
    assert_int_equal(r.rc, ENTRY_EAMBIGUOUS);
    assert_string_equal(r.err, "several foods match 'sharp cheddar': ...");

    /* REST found without the portion, whole text ambiguous: the whole text's
     * candidates, since the word was likely part of the name */
    resolve("2 wheat bread", &r);
    assert_int_equal(r.rc, ENTRY_EAMBIGUOUS);
    assert_string_equal(r.err, "several foods match 'wheat bread': ...");
    assert_calls(&r, 2, "bread", "wheat bread");
}

static void test_resolve_runtime_errors(void **state) {
    (void)state;
    struct resolved r;
    resolve("2 fail", &r);
    assert_int_equal(r.rc, ENTRY_ERUNTIME);
    assert_string_equal(r.err, "database is locked");

    /* REST fails: stop at once */
    resolve("2 fresh fail", &r);
    assert_int_equal(r.rc, ENTRY_ERUNTIME);
    assert_calls(&r, 1, "fail", NULL);

    /* the whole text fails after REST was found: nothing leaks, error out */
    resolve("2 big cheese", &r);
    assert_int_equal(r.rc, ENTRY_ERUNTIME);
    assert_calls(&r, 2, "cheese", "big cheese");
    assert_string_equal(r.err, "database is locked");

    resolve("1 cup fail", &r);
    assert_int_equal(r.rc, ENTRY_ERUNTIME);
}

static void test_resolve_misbehaving_lookup(void **state) {
    (void)state;
    struct entry_spec e = parse_ok("2 slices xyz");
    struct fake fk;
    struct entry_resolver rv = {fake_lookup, NULL, &fk, NULL, NULL};
    struct entry_found got = {NULL, NULL, NULL};
    char err[256];

    /* FOUND without a food is the lookup's bug, not the user's */
    memset(&fk, 0, sizeof(fk));
    fk.found_null = 1;
    assert_int_equal(entry_resolve(&e, &rv, &got, err, sizeof(err)), ENTRY_ERUNTIME);
    assert_null(got.food);
    assert_string_equal(err, "the food lookup for 'xyz' returned no food");

    /* a lookup that leaves no message gets one */
    memset(&fk, 0, sizeof(fk));
    fk.quiet = 1;
    assert_int_equal(entry_resolve(&e, &rv, &got, err, sizeof(err)), ENTRY_ENOTFOUND);
    assert_string_equal(err, "no food matches 'slices xyz'");
    assert_string_equal(got.text, "slices xyz");
    e = parse_ok("1 cup eggs");
    memset(&fk, 0, sizeof(fk));
    fk.quiet = 1;
    assert_int_equal(entry_resolve(&e, &rv, &got, err, sizeof(err)), ENTRY_EAMBIGUOUS);
    assert_string_equal(err, "several foods match 'eggs'");
    assert_string_equal(got.text, "eggs");
    e = parse_ok("1 cup fail");
    memset(&fk, 0, sizeof(fk));
    fk.quiet = 1;
    assert_int_equal(entry_resolve(&e, &rv, &got, err, sizeof(err)), ENTRY_ERUNTIME);
    assert_string_equal(err, "the food lookup for 'fail' failed");

    /* missing arguments */
    assert_int_equal(entry_resolve(NULL, &rv, &got, err, sizeof(err)), ENTRY_ERUNTIME);
    assert_int_equal(entry_resolve(&e, NULL, &got, NULL, 0), ENTRY_ERUNTIME);
    rv.lookup = NULL;
    assert_int_equal(entry_resolve(&e, &rv, &got, NULL, 0), ENTRY_ERUNTIME);
    assert_null(got.food);
}

/* ENTRY -> food -> grams, as a command does it */
static double grams_of(const char *s, char *text, size_t len) {
    struct resolved r;
    struct units_result u;
    char err[512] = "";
    resolve(s, &r);
    if (r.rc != ENTRY_OK)
        fail_msg("'%s': %s", s, r.err);
    if (units_to_grams(r.food, r.e.quantity, r.unit, 0, &u, err, sizeof(err)) != UNITS_OK)
        fail_msg("'%s': %s", s, err);
    food_free(r.food);
    snprintf(text, len, "%s", u.text);
    return u.grams;
}

static void test_whole_path(void **state) {
    (void)state;
    char t[256];
    assert_near(grams_of("1 cup whole milk", t, sizeof(t)), 244.0, 1e-9);
    assert_string_equal(t, "1 cup = 244 g");
    /* 1.5 cups: 1.5 × 244 = 366 g */
    assert_near(grams_of("1 1/2 cup milk", t, sizeof(t)), 366.0, 1e-9);
    assert_near(grams_of("½ cup milk", t, sizeof(t)), 122.0, 1e-9);
    /* 250 × 244 / 236.6 = 257.8191 g */
    assert_near(grams_of("250 ml @usda:01077", t, sizeof(t)), 257.81910397, 1e-6);
    /* 3 × 29.57 × 244 / 236.6 = 91.4845 g */
    assert_near(grams_of("3 fl oz milk", t, sizeof(t)), 91.48453085, 1e-6);
    /* two large eggs: 2 × 50 = 100 g */
    assert_near(grams_of("2 large eggs", t, sizeof(t)), 100.0, 1e-9);
    assert_string_equal(t, "2 × large (50 g) = 100 g");
    /* no unit: a medium egg by preference, 2 × 44 = 88 g */
    assert_near(grams_of("2 egg", t, sizeof(t)), 88.0, 1e-9);
    assert_string_equal(t, "2 × medium (44 g, default portion) = 88 g");
    /* 2 slices white bread: 2 × 25 = 50 g; 2 whole-wheat (first portion 28 g) = 56 g */
    assert_near(grams_of("2 slices bread", t, sizeof(t)), 50.0, 1e-9);
    assert_near(grams_of("2 whole-wheat bread", t, sizeof(t)), 56.0, 1e-9);
    /* 1.5 oz = 1.5 × 28.349523125 = 42.524 g; 100 g */
    assert_near(grams_of("1.5 oz cheese", t, sizeof(t)), 42.5242846875, 1e-9);
    assert_near(grams_of("100g salmon", t, sizeof(t)), 100.0, 1e-9);
    /* a fillet is 2 × 198 = 396 g */
    assert_near(grams_of("1 fillet salmon", t, sizeof(t)), 396.0, 1e-9);
    /* cheese: 2 tbsp through its "cup, diced" 132 g: 29.58 ml × 132 / 236.6 = 3904.56 / 236.6
     * = 16.50279 g */
    assert_near(grams_of("2 tbsp cheese", t, sizeof(t)), 16.50279, 1e-5);
}

/* The meals --meal takes are exactly those the schema's CHECK on entry.meal
 * allows, in the same order: read off the CHECK of a database the store
 * has just made, at the latest schema. */
static void test_meals_match_schema(void **state) {
    (void)state;
    char dir[] = "/tmp/dietbal-test-XXXXXX", path[64], err[256];
    const char *const prefix = "meal TEXT CHECK (meal IN (";
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    store *s = NULL;
    size_t n = 0;

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/meals.db", dir);
    assert_int_equal(store_open(path, &s, err, sizeof(err)), STORE_OK);
    store_close(s);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT sql FROM sqlite_master WHERE type = 'table'"
                                        " AND name = 'entry'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *sql = (const char *)sqlite3_column_text(st, 0);
    assert_non_null(sql);
    const char *p = strstr(sql, prefix);
    if (!p)
        fail_msg("no meal CHECK in: %s", sql);
    /* 'breakfast', 'lunch', ...)) */
    for (p += strlen(prefix); *p == '\''; n++) {
        const char *end = strchr(p + 1, '\'');
        assert_non_null(end);
        if (!entry_meals[n])
            fail_msg("the CHECK allows %.*s, entry_meals has no more", (int)(end - p + 1), p);
        if (strlen(entry_meals[n]) != (size_t)(end - p - 1) ||
            strncmp(entry_meals[n], p + 1, (size_t)(end - p - 1)) != 0)
            fail_msg("meal %zu: the CHECK has %.*s, entry_meals '%s'", n, (int)(end - p + 1), p,
                     entry_meals[n]);
        p = end + 1;
        if (*p == ',')
            p += strspn(p + 1, " ") + 1;
    }
    if (strncmp(p, "))", 2) != 0)
        fail_msg("the meal CHECK goes on: %s", p);
    if (entry_meals[n])
        fail_msg("entry_meals has '%s', the CHECK does not", entry_meals[n]);
    assert_true(n > 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    unlink(path);
    snprintf(path, sizeof(path), "%s/meals.db-wal", dir);
    unlink(path);
    snprintf(path, sizeof(path), "%s/meals.db-shm", dir);
    unlink(path);
    assert_int_equal(rmdir(dir), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimals),
        cmocka_unit_test(test_fractions),
        cmocka_unit_test(test_mixed_numbers),
        cmocka_unit_test(test_vulgar_fractions),
        cmocka_unit_test(test_quantity_rejected),
        cmocka_unit_test(test_quantity_mixed_rejected),
        cmocka_unit_test(test_quantity_range),
        cmocka_unit_test(test_unit_candidates),
        cmocka_unit_test(test_two_word_units),
        cmocka_unit_test(test_glued_units),
        cmocka_unit_test(test_missing_food),
        cmocka_unit_test(test_food_ids),
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_not_utf8),
        cmocka_unit_test(test_err_buffer_optional),
        cmocka_unit_test(test_word_quantities),
        cmocka_unit_test(test_amount_after_food),
        cmocka_unit_test(test_multipliers),
        cmocka_unit_test(test_unit_of_food),
        cmocka_unit_test(test_no_quantity),
        cmocka_unit_test(test_resolve_generic_unit),
        cmocka_unit_test(test_resolve_no_unit),
        cmocka_unit_test(test_resolve_portion_of_rest),
        cmocka_unit_test(test_resolve_falls_back_to_whole_text),
        cmocka_unit_test(test_resolve_failures),
        cmocka_unit_test(test_resolve_runtime_errors),
        cmocka_unit_test(test_resolve_misbehaving_lookup),
        cmocka_unit_test(test_whole_path),
        cmocka_unit_test(test_meals_match_schema),
    };
    return cmocka_run_group_tests_name("entry", tests, NULL, NULL);
}
