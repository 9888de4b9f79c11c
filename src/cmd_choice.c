/*
 * cmd_choice.c - the words an option takes, joined for its help line, its
 * message or its completion ("breakfast, lunch, dinner or snack", "us uk
 * metric"), always from the one table that holds them (entry_meals,
 * profile_sex_names, label_dose_forms ...): no list of words is written
 * out a second time.
 */
#include "cmd.h"

#include <stdio.h>
#include <string.h>

const char *cmd_choice_join(const char *const *words, const char *sep, const char *last, char *buf,
                            size_t len) {
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; words[i] && used < len; i++) {
        const char *before = i == 0 ? "" : words[i + 1] ? sep : last;
        int n = snprintf(buf + used, len - used, "%s%s", before, words[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    return buf;
}
