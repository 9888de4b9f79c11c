/*
 * fuzz_common.c - what the fuzz harnesses share.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

void fuzz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz: broken promise: %s%s%.200s\n", what, detail ? ": " : "",
            detail ? detail : "");
    abort();
}
