/*
 * test_export.c - the diary as CSV and JSON (export.c): the columns, the
 * order of food and cramp records, unknown values as empty cells, RFC 4180
 * quoting, and cells that a spreadsheet would run as formulas neutralised.
 * Expected rows are written out by hand from the records below.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dietbal/export.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What f wrote, as a new string. */
static char *captured(FILE *f) {
    long n = ftell(f);
    char *s = calloc((size_t)n + 1, 1);
    assert_non_null(s);
    rewind(f);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return s;
}

static char *cell(const char *text) {
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(export_csv_cell(f, text), 0);
    return captured(f);
}

static void test_cells_neutralised(void **state) {
    (void)state;
    /* OWASP CSV injection: = + - @ tab CR at the start get an apostrophe */
    static const struct {
        const char *in, *out;
    } t[] = {
        {"Milk, whole", "\"Milk, whole\""},
        {"=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""},
        {"+1", "'+1"},
        {"-2+3", "'-2+3"},
        {"@SUM(A1)", "'@SUM(A1)"},
        {"\tx", "'\tx"},
        {"\rx", "\"'\rx\""},
        {"a=b", "a=b"}, /* only at the start */
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        char *got = cell(t[i].in);
        assert_string_equal(got, t[i].out);
        free(got);
    }
    char *got = cell(NULL);
    assert_string_equal(got, "");
    free(got);
}

static struct entry food(int64_t id, const char *date, const char *time, const char *name,
                         double grams, double ca_per_100g) {
    struct entry e;
    memset(&e, 0, sizeof(e));
    e.id = id;
    snprintf(e.date, sizeof(e.date), "%s", date);
    snprintf(e.time, sizeof(e.time), "%s", time);
    snprintf(e.meal, sizeof(e.meal), "lunch");
    e.food_id = (char *)"test:x";
    e.food_name = (char *)name;
    e.grams = grams;
    for (int k = 0; k < NUT_CORE_COUNT; k++)
        e.values[k] = NAN;
    e.values[NUT_CALCIUM] = ca_per_100g * grams / 100;
    e.values[NUT_PROTEIN] = 3.0 * grams / 100;
    return e;
}

/* Two tablets of 200 mg calcium (and nothing else declared: 0). */
static struct entry tablets(int64_t id, const char *date, const char *time) {
    struct entry e;
    memset(&e, 0, sizeof(e));
    e.id = id;
    snprintf(e.date, sizeof(e.date), "%s", date);
    snprintf(e.time, sizeof(e.time), "%s", time);
    e.food_id = (char *)"supp:prenatal";
    e.food_name = (char *)"Prenatal";
    e.grams = NAN;
    e.supplement = 1;
    e.units = 2;
    snprintf(e.unit, sizeof(e.unit), "tablet");
    e.values[NUT_CALCIUM] = 2 * 200.0;
    return e;
}

static struct cramp cramp(int64_t id, const char *date, const char *time) {
    struct cramp c;
    memset(&c, 0, sizeof(c));
    c.id = id;
    snprintf(c.date, sizeof(c.date), "%s", date);
    snprintf(c.time, sizeof(c.time), "%s", time);
    c.duration_min = NAN;
    return c;
}

static void test_csv_rows(void **state) {
    (void)state;
    struct entry e[3] = {food(1, "2026-11-20", "", "Milk", 300, 120),
                         food(2, "2026-11-20", "12:30", "=cmd|' /C calc'!A0", 50, 100),
                         food(3, "2026-11-21", "08:00", "Bread", 100, 100)};
    struct cramp c[2] = {cramp(7, "2026-11-20", "03:10"), cramp(8, "2026-11-21", "")};
    c[0].severity = 6;
    c[0].duration_min = 2;
    snprintf(c[0].site, sizeof(c[0].site), "calf");
    snprintf(c[0].side, sizeof(c[0].side), "left");
    c[0].night = 1;
    c[1].headache = 1;
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(export_csv(f, e, 3, c, 2), 0);
    char *s = captured(f);
    const char *want =
        "record,id,date,time,meal,food_id,food,grams,energy_kcal,protein_g,calcium_mg,"
        "magnesium_mg,phosphorus_mg,potassium_mg,sodium_mg,water_g,severity,duration_min,site,"
        "side,night,swelling,redness,warmth,hard_to_walk,pain_persists,sudden_swelling,"
        "headache,vision_problems,pain_below_ribs,units,unit\r\n"
        /* the entry without a time first; 300 g x 120 / 100 = 360 mg,
         * protein 9 g; the other nutrients unknown: empty; no units */
        "food,1,2026-11-20,,lunch,test:x,Milk,300.0,,9.00,360.0,,,,,,,,,,,,,,,,,,,,,\r\n"
        /* 03:10 before 12:30 */
        "cramp,7,2026-11-20,03:10,,,,,,,,,,,,,6,2.0,calf,left,1,0,0,0,0,0,0,0,0,0,,\r\n"
        /* a name that is a formula: neutralised */
        "food,2,2026-11-20,12:30,lunch,test:x,'=cmd|' /C calc'!A0,50.0,,1.50,50.0,,,,,,,,,,,,,,,"
        ",,,,,,\r\n"
        /* on the 21st the cramp without a time comes before 08:00 */
        "cramp,8,2026-11-21,,,,,,,,,,,,,,,,,,0,0,0,0,0,0,0,1,0,0,,\r\n"
        "food,3,2026-11-21,08:00,lunch,test:x,Bread,100.0,,3.00,100.0,,,,,,,,,,,,,,,,,,,,,\r\n";
    assert_string_equal(s, want);
    /* every row has the header's 32 columns */
    for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n")) {
        int commas = 0;
        for (char *p = line; *p; p++)
            commas += *p == ',';
        assert_int_equal(commas, 31);
    }
    free(s);
}

static void test_json(void **state) {
    (void)state;
    struct entry e[1] = {food(1, "2026-11-20", "", "Milk", 300, 120)};
    struct cramp c[1] = {cramp(7, "2026-11-20", "03:10")};
    c[0].vision_problems = 1;
    json_t *o = export_json("2026-11-20", NULL, e, 1, c, 1);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "from")), "2026-11-20");
    assert_true(json_is_null(json_object_get(o, "to")));
    json_t *x = json_array_get(json_object_get(o, "entries"), 0);
    assert_int_equal(json_integer_value(json_object_get(x, "id")), 1);
    assert_true(json_is_null(json_object_get(x, "time")));
    assert_string_equal(json_string_value(json_object_get(x, "meal")), "lunch");
    assert_float_equal(json_number_value(json_object_get(x, "calcium_mg")), 360, 1e-9);
    assert_float_equal(json_number_value(json_object_get(x, "grams")), 300, 1e-9);
    /* unknown is null, never 0 */
    assert_true(json_is_null(json_object_get(x, "sodium_mg")));
    json_t *y = json_array_get(json_object_get(o, "cramps"), 0);
    assert_true(json_is_true(json_object_get(y, "vision_problems")));
    assert_true(json_is_null(json_object_get(y, "severity")));
    /* a sign without a cramp detail is no cramp episode */
    assert_true(json_is_false(json_object_get(y, "episode")));
    json_decref(o);
    /* nothing: empty lists */
    o = export_json(NULL, NULL, NULL, 0, NULL, 0);
    assert_int_equal(json_array_size(json_object_get(o, "entries")), 0);
    assert_int_equal(json_array_size(json_object_get(o, "cramps")), 0);
    json_decref(o);
}

/* A supplement entry is its own record: no grams, its units and dose
 * form in the last two columns; its undeclared nutrients are 0 (a label
 * lists what the product holds). */
static void test_supplement_record(void **state) {
    (void)state;
    struct entry e[2] = {food(1, "2026-11-20", "08:00", "Milk", 300, 120),
                         tablets(2, "2026-11-20", "08:05")};
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(export_csv(f, e, 2, NULL, 0), 0);
    char *s = captured(f);
    assert_non_null(strstr(s, "\r\nsupplement,2,2026-11-20,08:05,,supp:prenatal,Prenatal,,"
                              "0.0,0.00,400.0,0.0,0.0,0.0,0.0,0.0,,,,,,,,,,,,,,,2.00,tablet\r\n"));
    free(s);
    json_t *o = export_json(NULL, NULL, e, 2, NULL, 0);
    assert_non_null(o);
    json_t *x = json_array_get(json_object_get(o, "entries"), 0);
    assert_string_equal(json_string_value(json_object_get(x, "kind")), "food");
    assert_null(json_object_get(x, "units"));
    x = json_array_get(json_object_get(o, "entries"), 1);
    assert_string_equal(json_string_value(json_object_get(x, "kind")), "supplement");
    assert_true(json_is_null(json_object_get(x, "grams")));
    assert_float_equal(json_number_value(json_object_get(x, "units")), 2, 0);
    assert_string_equal(json_string_value(json_object_get(x, "unit")), "tablet");
    assert_float_equal(json_number_value(json_object_get(x, "calcium_mg")), 400, 1e-9);
    json_decref(o);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells_neutralised),
        cmocka_unit_test(test_csv_rows),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_supplement_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
