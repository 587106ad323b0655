/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * audit.h: the append-only, hash-chained journal of every write.
 *
 * Every write made through libconsult adds one row in the same transaction:
 * who (login), when, what action on which table and row, and the row's
 * values before and after as JSON. Triggers make SQLite itself refuse any
 * UPDATE or DELETE of the journal. Each row carries the SHA-256 of its
 * content chained with the previous row's hash, so that an edit of the file
 * made outside consult is detected by cs_audit_verify.
 */
#ifndef CONSULT_AUDIT_H
#define CONSULT_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"

#define CS_HASH_HEX 65          /* 64 hex digits and a NUL */

struct cs_audit_entry {
    int64_t id;
    char *at;                   /* UTC, "YYYY-MM-DDTHH:MM:SS.mmmZ" */
    char *actor;                /* login */
    char *action;               /* "add", "update", "status", "merge"... */
    char *tbl;                  /* table name */
    int64_t row_id;             /* row in that table, 0 when none */
    char *before;               /* JSON object, NULL for an addition */
    char *after;                /* JSON object, NULL for a deletion */
    char hash[CS_HASH_HEX];     /* this row's chained hash */
};

struct cs_audit_filter {
    const char *since;          /* cs_date_parse forms, or NULL */
    const char *actor;          /* login, or NULL */
    int64_t idea_id;            /* rows about this idea, its votes, tallies,
                                   comments and tags; 0: any */
};

/* Called once per entry, oldest first; return non-zero to stop early. */
typedef int (*cs_audit_fn)(const struct cs_audit_entry *e, void *arg);

/*
 * Walk the journal rows matching `f` (NULL: all), oldest first, calling `fn`
 * for each; the entry is borrowed for the duration of the call. Viewer or
 * above. Returns CS_OK (also when `fn` stopped early), CS_EINVAL (bad
 * date), CS_EPERM.
 */
enum cs_rc cs_audit_list(struct cs_db *db, const struct cs_audit_filter *f,
                         cs_audit_fn fn, void *arg, struct cs_error *err);

/*
 * Recompute the hash chain from the first row. On success writes the number
 * of rows checked to `*rows` and the head hash to `head` (may be NULL).
 * Returns CS_OK when every row matches; CS_ECONFLICT with `*bad_id` set to
 * the first row whose content or link does not match (err->msg says which);
 * CS_EPERM. `rows`, `bad_id` and `head` may be NULL.
 */
enum cs_rc cs_audit_verify(struct cs_db *db, int64_t *rows, int64_t *bad_id,
                           char head[CS_HASH_HEX], struct cs_error *err);

#endif /* CONSULT_AUDIT_H */
