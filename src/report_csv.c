/*
 * report_csv.c - one row per day of the period, RFC 4180: a header row,
 * CRLF line ends, a field quoted (quotes doubled) when it holds a comma,
 * a quote, CR or LF.
 *
 * Columns: date, logged (0/1), <nutrient>_<unit> for the 8 core nutrients
 * (the day's total, food + supplements; empty when the day is not logged
 * or nothing logged that day has a value), <nutrient>_completeness (share
 * of the day's food grams with a value, 0-1; empty when not logged),
 * cramp_episodes, preeclampsia_signs (entries with a pregnancy warning
 * sign that day); then, added at the end so that the columns before keep
 * their places (columns are only ever appended): vitamin_d_ug,
 * vitamin_d_completeness, and <nutrient>_from_supplements_<unit> for all 9
 * (the part of the day's total from supplements, 0 when none).
 *
 * A missing value is an empty cell and never "NA": NA is sodium's INFOODS
 * tag, and tools reading "NA" as missing would make the two ambiguous
 * (nutrition-science.md 6.1).
 */
#include "dietbal/report.h"

#include "dietbal/date.h"

#include <math.h>
#include <string.h>

int report_csv_field(FILE *out, const char *s) {
    if (!s)
        return 0;
    if (!strpbrk(s, ",\"\r\n"))
        return fputs(s, out) == EOF ? -1 : 0;
    if (fputc('"', out) == EOF)
        return -1;
    for (; *s; s++) {
        if (*s == '"' && fputc('"', out) == EOF)
            return -1;
        if (fputc(*s, out) == EOF)
            return -1;
    }
    return fputc('"', out) == EOF ? -1 : 0;
}

/* A number cell: empty when unknown. */
static void number(FILE *out, double v, int decimals) {
    fputc(',', out);
    if (isfinite(v))
        fprintf(out, "%.*f", decimals, v);
}

int report_csv(FILE *out, const struct analysis *a) {
    char name[64];

    report_csv_field(out, "date");
    fputs(",logged", out);
    for (int k = 0; k < NUT_CORE_COUNT; k++) {
        snprintf(name, sizeof(name), "%s_%s", a->nutrients[k].key, a->nutrients[k].unit);
        fputc(',', out);
        report_csv_field(out, name);
    }
    for (int k = 0; k < NUT_CORE_COUNT; k++) {
        snprintf(name, sizeof(name), "%s_completeness", a->nutrients[k].key);
        fputc(',', out);
        report_csv_field(out, name);
    }
    fputs(",cramp_episodes,preeclampsia_signs", out);
    /* added columns: vitamin D, then the supplement parts */
    snprintf(name, sizeof(name), "%s_%s", a->nutrients[NUT_SLOT_VITAMIN_D].key,
             a->nutrients[NUT_SLOT_VITAMIN_D].unit);
    fputc(',', out);
    report_csv_field(out, name);
    snprintf(name, sizeof(name), "%s_completeness", a->nutrients[NUT_SLOT_VITAMIN_D].key);
    fputc(',', out);
    report_csv_field(out, name);
    for (int k = 0; k < NUT_REPORTED_COUNT; k++) {
        snprintf(name, sizeof(name), "%s_from_supplements_%s", a->nutrients[k].key,
                 a->nutrients[k].unit);
        fputc(',', out);
        report_csv_field(out, name);
    }
    fputs("\r\n", out);

    for (size_t i = 0; i < a->days; i++) {
        char d[11];
        date_format(a->from + (long)i, d);
        report_csv_field(out, d);
        fprintf(out, ",%d", a->logged[i] ? 1 : 0);
        for (int k = 0; k < NUT_CORE_COUNT; k++)
            number(out, a->nutrients[k].daily[i], k == NUT_PROTEIN ? 2 : 1);
        for (int k = 0; k < NUT_CORE_COUNT; k++)
            number(out, a->nutrients[k].daily_completeness[i], 3);
        fprintf(out, ",%d,%d", a->cramps.per_day[i], a->cramps.preeclampsia_per_day[i]);
        number(out, a->nutrients[NUT_SLOT_VITAMIN_D].daily[i], 2);
        number(out, a->nutrients[NUT_SLOT_VITAMIN_D].daily_completeness[i], 3);
        for (int k = 0; k < NUT_REPORTED_COUNT; k++)
            number(out, a->nutrients[k].daily_supplement[i], k == NUT_PROTEIN ? 2 : 1);
        fputs("\r\n", out);
    }
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
