/*
 * export.h - the diary of a period as it was logged, for a dietitian or a
 * spreadsheet (`dietbal export`): one record per food entry (date, time,
 * meal, food id and name, grams, and the 8 core nutrients of those grams),
 * one per supplement entry (the same with the supplement's id and name, no
 * grams, its units and dose form), and one per cramp diary entry, in date
 * and time order.  Reads plain arrays the store filled (diary.h, cramp.h);
 * never queries it, never decides anything.
 *
 * CSV (RFC 4180: header row, CRLF, fields quoted when they hold a comma,
 * quote, CR or LF).  A cell that begins with = + - @ (or a tab or CR) is
 * neutralised with a leading apostrophe, so that no spreadsheet runs it
 * as a formula (OWASP "CSV injection").  Unknown is an empty cell, never
 * 0 and never "NA" (sodium's INFOODS tag).
 */
#ifndef DIETBAL_EXPORT_H
#define DIETBAL_EXPORT_H

#include "dietbal/cramp.h"
#include "dietbal/diary.h"

#include <jansson.h>
#include <stdio.h>

/* The CSV header, one record a line: `record` is "food", "supplement" or
 * "cramp"; the columns units and unit (a supplement's) come last. */
int export_csv(FILE *out, const struct entry *e, size_t n, const struct cramp *c, size_t nc);

/* {"from", "to", "entries": [...], "cramps": [...]}; from and to may be
 * NULL (the whole diary).  NULL when out of memory; the caller owns it. */
json_t *export_json(const char *from, const char *to, const struct entry *e, size_t n,
                    const struct cramp *c, size_t nc);

/* One CSV cell, neutralised and quoted as above (NULL: empty). */
int export_csv_cell(FILE *out, const char *s);

#endif
