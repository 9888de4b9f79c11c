/*
 * fuzz_common.c - what the fuzz harnesses share.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

void fuzz_fail(const char *what, const char *detail) {
    fprintf(stderr, "fuzz: broken promise: %s%s%.200s\n", what, detail ? ": " : "",
            detail ? detail : "");
    abort();
}

int fuzz_clean_text(const char *s, int tab) {
    const unsigned char *p = (const unsigned char *)s;

    while (*p) {
        size_t len = p[0] < 0x80   ? 1
                     : p[0] < 0xC2 ? 0
                     : p[0] < 0xE0 ? 2
                     : p[0] < 0xF0 ? 3
                     : p[0] < 0xF5 ? 4
                                   : 0;
        if (len == 0 || (p[0] < 0x20 && !(tab && p[0] == '\t')) || p[0] == 0x7F)
            return 0;
        for (size_t i = 1; i < len; i++)
            if ((p[i] & 0xC0) != 0x80)
                return 0;
        if (len > 1 && ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0) ||
                        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90) ||
                        (p[0] == 0xC2 && p[1] < 0xA0)))
            return 0;
        p += len;
    }
    return 1;
}
