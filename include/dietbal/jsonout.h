/*
 * jsonout.h - small helpers over jansson for dietbal's JSON output.
 */
#ifndef DIETBAL_JSONOUT_H
#define DIETBAL_JSONOUT_H

#include <jansson.h>
#include <stdio.h>

/* A number, or null when v is NAN or infinite; integral values print
 * without a fraction ("113", not "113.0"). */
json_t *jnum(double v);

/* A number rounded to `decimals` places (or null when not finite). */
json_t *jround(double v, int decimals);

/* A string, or null when s is NULL. */
json_t *jstr(const char *s);

/* Print one JSON value and a newline to out; takes ownership of v.
 * 0 on success, -1 when out of memory or on a write error. */
int json_print(json_t *v, FILE *out);

#endif
