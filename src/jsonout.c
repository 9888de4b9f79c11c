/*
 * jsonout.c - JSON values for dietbal's output.  Numbers that are unknown
 * become null (unknown is not zero); strings are escaped by jansson.
 */
#include "dietbal/jsonout.h"

#include "dietbal/textesc.h"

#include <math.h>
#include <stdlib.h>

json_t *jnum(double v) {
    if (!isfinite(v))
        return json_null();
    if (v == floor(v) && fabs(v) < 1e15)
        return json_integer((json_int_t)v);
    return json_real(v);
}

json_t *jround(double v, int decimals) {
    if (!isfinite(v))
        return json_null();
    double scale = pow(10.0, decimals);
    return jnum(round(v * scale) / scale);
}

json_t *jstr(const char *s) {
    json_t *v;
    char *fixed;

    if (!s)
        return json_null();
    if ((v = json_string(s)) != NULL)
        return v;
    /* not UTF-8 (a hand-edited database): the row is kept, the bad bytes
     * become U+FFFD */
    if (!(fixed = textesc_utf8_repair(s)))
        return NULL;
    v = json_string(fixed);
    free(fixed);
    return v;
}

int json_print(json_t *v, FILE *out) {
    int rc = -1;
    if (!v)
        return -1;
    /* 15 significant digits: enough for every figure, no binary noise */
    if (json_dumpf(v, out, JSON_REAL_PRECISION(15) | JSON_ENSURE_ASCII) == 0 &&
        fputc('\n', out) != EOF)
        rc = 0;
    json_decref(v);
    return rc;
}
