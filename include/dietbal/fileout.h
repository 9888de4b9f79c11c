/*
 * fileout.h - the one way dietbal writes a file the user named (report
 * --output, the HTML report, backup): never the database, its -wal, -shm
 * or -journal, or a link to them; a FIFO, a character device or standard
 * output written as they are, not replaced; a regular file replaced whole
 * or not at all (a temporary file beside it, synced, renamed into place,
 * the directory synced), mode 0600.  Library code: it never prints.
 */
#ifndef DIETBAL_FILEOUT_H
#define DIETBAL_FILEOUT_H

#include <stddef.h>
#include <stdio.h>

enum {
    FILEOUT_OK = 0,
    FILEOUT_ERROR = 1,  /* a run-time failure: disk full, permission */
    FILEOUT_EINPUT = 2, /* the target may not be written: the database, a
                           directory, an existing file without overwrite */
};

enum fileout_kind {
    FILEOUT_REPLACE, /* a regular file (or none yet): replaced atomically */
    FILEOUT_DIRECT,  /* a FIFO, a character device: written as it is */
    FILEOUT_FD,      /* /dev/stdout, /dev/fd/N, /proc/self/fd/N */
};

struct fileout {
    FILE *f; /* write here between open and commit */
    enum fileout_kind kind;
    char *target; /* where the bytes go (symbolic links followed) */
    char *tmp;    /* FILEOUT_REPLACE: the temporary file */
};

/*
 * Where path leads and whether it may be written: *kind, and *target (a
 * new string: path with its symbolic links followed, or NULL for
 * FILEOUT_FD).  database: the live database file (NULL: none), refused
 * with its SQLite files and anything that is the same file.  An existing
 * regular file is refused unless overwrite.  FILEOUT_OK, or an error code
 * with err set ("PATH: why").
 */
int fileout_check(const char *path, const char *database, int overwrite, enum fileout_kind *kind,
                  char **target, char *err, size_t errlen);

/* Check path as above and open it for writing into fo->f. */
int fileout_open(struct fileout *fo, const char *path, const char *database, int overwrite,
                 char *err, size_t errlen);

/* Flush and sync what was written and put it in place; fo is then closed.
 * On failure nothing is put in place (the temporary file is removed). */
int fileout_commit(struct fileout *fo, char *err, size_t errlen);

/* Give up: the temporary file is removed, the target left as it was. */
void fileout_abort(struct fileout *fo);

#endif
