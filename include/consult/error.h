/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * error.h: status codes and the error record every fallible call fills.
 *
 * Every fallible public call returns an `enum cs_rc` (CS_OK == 0) and takes a
 * `struct cs_error *err` (which may be NULL) as its last parameter. The
 * message lives in a fixed buffer inside the record: nothing to free, no
 * allocation on the failure path. Only the front ends turn codes into exit
 * statuses or message bars.
 */
#ifndef CONSULT_ERROR_H
#define CONSULT_ERROR_H

#include <stddef.h>

#if defined(__GNUC__)
#define CS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CS_PRINTF(f, a)
#endif

enum cs_rc {
    CS_OK = 0,
    CS_EINVAL,      /* bad input: a value the caller (or a user) gave */
    CS_ENOTFOUND,   /* the record named does not exist */
    CS_ECONFLICT,   /* refused by a rule: duplicate, transition, unique */
    CS_EPERM,       /* the acting user's role does not allow it */
    CS_EBUSY,       /* database locked beyond the busy timeout */
    CS_ENOMEM,      /* out of memory */
    CS_EIO,         /* a file could not be read or written */
    CS_ECREATE,     /* a database or file could not be created */
    CS_ENOTDB,      /* the file is not a consult database */
    CS_EVERSION,    /* the database comes from a newer consult */
    CS_ECANCELED,   /* stopped by the caller (progress callback) */
    CS_EINTERNAL,   /* a bug or an unexpected SQLite failure */
    CS_ESTALE,      /* the record changed since the caller read it: a
                       decision made on an older version is refused */
    CS_EREADONLY    /* the database cannot be written: a read-only file,
                       directory or file system, or a full disk (the
                       message names which) */
};

struct cs_error {
    enum cs_rc code;    /* CS_OK while nothing has failed */
    char msg[256];      /* one translated sentence, no trailing newline;
                           valid UTF-8: a longer one is cut between two
                           characters and ends with "…" */
    char field[32];     /* form field or CSV column at fault, or "" */
    long line;          /* CSV line at fault, or 0 */
};

/* Reset `err` (which may be NULL) to "no error". */
void cs_error_clear(struct cs_error *err);

/* Record a failure in `err` (which may be NULL) and return `code`. */
enum cs_rc cs_error_set(struct cs_error *err, enum cs_rc code,
                        const char *fmt, ...) CS_PRINTF(3, 4);

/* The same, naming the form field or CSV column at fault. */
enum cs_rc cs_error_field(struct cs_error *err, enum cs_rc code,
                          const char *field, const char *fmt, ...)
                          CS_PRINTF(4, 5);

/* A short, untranslated name for `rc` ("CS_EPERM"), for logs and tests. */
const char *cs_rc_name(enum cs_rc rc);

#endif /* CONSULT_ERROR_H */
