/*
 * textesc.h - text from the database or a file, made safe for where it is
 * printed.  A food name may hold anything a hand-edited database, another
 * program or a table someone sent put there: escape sequences that move
 * the cursor or clear the screen, OSC 8 links, BiDi controls that show
 * "1890 mg" as "gm 0981", bytes that are not UTF-8.  One function per
 * destination; HTML and Markdown escape in their own writers.
 */
#ifndef DIETBAL_TEXTESC_H
#define DIETBAL_TEXTESC_H

#include <stddef.h>
#include <stdio.h>

/* Is code point c one that changes how text around it is shown but is
 * itself invisible: Unicode general category Cf (U+200B, U+202E, U+FEFF,
 * U+2066...), and the line and paragraph separators U+2028, U+2029? */
int textesc_is_format(unsigned long c);

/* Bytes in the well-formed UTF-8 sequence at p (n bytes left) and its
 * code point in *c; 0 when the bytes are not UTF-8. */
size_t textesc_utf8(const unsigned char *p, size_t n, unsigned long *c);

/*
 * s for a terminal, as a new string (NULL when out of memory): C0 controls
 * but tab, DEL and C1 controls, and the format characters above, as
 * \u{202E}; bytes that are not UTF-8 as \xHH; a backslash that would start
 * such an escape as \\.  Everything else as it is.
 */
char *textesc_term(const char *s);

/* textesc_term written to f, at most max bytes of s (0: all); the number
 * of columns is not counted.  fputs's result. */
int textesc_fputs(const char *s, size_t max, FILE *f);

/* s with every byte that is not UTF-8 replaced by U+FFFD, as a new string
 * (NULL when out of memory): for JSON, where a row must never be dropped
 * because its name is not UTF-8. */
char *textesc_utf8_repair(const char *s);

#endif
