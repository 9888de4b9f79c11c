/*
 * fuzz.h - the fuzz harnesses of dietbal, one per parser of untrusted input.
 *
 * Each takes one input and checks what the parser promises (a message on
 * every failure, no impossible value on success); a broken promise aborts,
 * as a crash does.  libFuzzer drives them (tests/fuzz/fuzz_*.c define
 * LLVMFuzzerTestOneInput unless FUZZ_REPLAY is defined), and
 * tests/test_fuzz_replay.c replays the corpora through them in make check.
 */
#ifndef DIETBAL_FUZZ_H
#define DIETBAL_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* A food table (XML, or gzip-compressed XML) through foodtable_read. */
int fuzz_foodtable(const uint8_t *data, size_t size);

/* An ENTRY argument through entry_parse, entry_resolve and units_to_grams. */
int fuzz_entry(const uint8_t *data, size_t size);

/* Arbitrary bytes opened as a database file (store_open_mode), then
 * store_integrity_check, store_schema_check and a week's text report. */
int fuzz_database(const uint8_t *data, size_t size);

/* 1 when s is well-formed UTF-8 holding no control character (C0, DEL,
 * C1; tab excepted when tab is set), else 0. */
int fuzz_clean_text(const char *s, int tab);

/* Report a broken promise and abort. */
void fuzz_fail(const char *what, const char *detail);

#endif
