/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * stmt.h: prepared statements with a sticky error.
 *
 * Each call does nothing once an error is recorded, and stmt_done() (or
 * stmt_run) reports the first one, so a sequence of prepare/bind/step calls
 * checks for failure once. Parameters are bound by name (":id"); values are
 * never pasted into SQL. Statements come from a per-handle cache keyed by
 * the SQL literal's address, so a statement run in a loop is prepared once;
 * stmt_finish hands it back (reset, bindings cleared) on every path.
 */
#ifndef CONSULT_STMT_H
#define CONSULT_STMT_H

#include <stdbool.h>
#include <stdint.h>

#include "dbpriv.h"

struct stmt {
    struct cs_db *db;
    sqlite3_stmt *st;       /* NULL until prepared */
    int slot;               /* cache slot, or -1 if prepared outside it */
    int src;                /* first SQLite failure, SQLITE_OK if none */
    enum cs_rc rc;          /* its cs_rc */
    char msg[200];          /* its message */
};

#define STMT_INIT { NULL, NULL, -1, SQLITE_OK, CS_OK, "" }

/* Prepare `sql`, which must be a string literal (its address is the cache
 * key). */
void stmt_prepare(struct stmt *st, struct cs_db *db, const char *sql);

void stmt_bind_int64(struct stmt *st, const char *name, int64_t v);
/* Binds NULL when `v` is NULL. Copied (SQLITE_TRANSIENT). */
void stmt_bind_text(struct stmt *st, const char *name, const char *v);
/* Binds `len` bytes of `v` as a BLOB, NULL when `v` is NULL. Copied. */
void stmt_bind_blob(struct stmt *st, const char *name, const void *v,
                    int len);
/* Like stmt_bind_text, but binds NULL for "" and blank strings too. */
void stmt_bind_text_or_null(struct stmt *st, const char *name, const char *v);
void stmt_bind_null(struct stmt *st, const char *name);
/* Rows in memory, for consult_rows(name) (memrows.h); they must outlive
 * the statement's run. */
struct memrows;
void stmt_bind_rows(struct stmt *st, const char *name,
                    const struct memrows *rows);
/* Binds NULL when `v` is 0 (an absent foreign key). */
void stmt_bind_id(struct stmt *st, const char *name, int64_t v);
/* True if the prepared statement has parameter `name` (binding a name it
 * does not have is an error). */
bool stmt_has_param(const struct stmt *st, const char *name);

/* Step once: true if a row is ready, false when done or failed. */
bool stmt_row(struct stmt *st);

/* Step until done (for statements without results); report. */
enum cs_rc stmt_run(struct stmt *st, struct cs_error *err);

/* The first failure recorded, copied into `err`; CS_OK if none. */
enum cs_rc stmt_status(const struct stmt *st, struct cs_error *err);

/* Make the statement ready to run again with new bindings. */
void stmt_reset(struct stmt *st);

/* Give the statement back; safe if never prepared or after a failure. */
void stmt_finish(struct stmt *st);

int64_t stmt_int64(struct stmt *st, int col);
bool stmt_is_null(struct stmt *st, int col);
/* A BLOB column: borrowed until the next step, reset or finish; NULL (and
 * `*len` 0) for SQL NULL. */
const void *stmt_blob(struct stmt *st, int col, int *len);
/* Borrowed until the next step, reset or finish; "" for NULL. */
const char *stmt_text(struct stmt *st, int col);
/* An owned copy, NULL for SQL NULL; records CS_ENOMEM on failure. */
char *stmt_text_dup(struct stmt *st, int col);

/* The rowid of the last INSERT on this connection. */
int64_t stmt_last_id(struct stmt *st);
/* Rows changed by the last statement. */
int stmt_changes(struct stmt *st);

#endif /* CONSULT_STMT_H */
