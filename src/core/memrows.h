/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * memrows.h: rows held in C arrays, read by SQL as a table.
 *
 * consult_rows(:rows) is a table-valued function (an eponymous virtual
 * table, SQLite's vtab interface) over a struct memrows bound with
 * memrows_bind: columns c0 to c3 (integers) and t0 (text). An import that
 * has its rows in memory already, sorted as it wants them, hands them to
 * one INSERT ... SELECT without copying them into a temporary table
 * first (import_pb.c). The rows stay the caller's: they must outlive the
 * statement's run.
 */
#ifndef CONSULT_MEMROWS_H
#define CONSULT_MEMROWS_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#define MEMROWS_INTS 4
#define MEMROWS_NULL INT64_MIN  /* an integer read as NULL */

struct memrows {
    size_t n;                   /* rows */
    const int64_t *ints;        /* n * MEMROWS_INTS, row after row */
    const char *const *texts;   /* n texts (t0), or NULL: all NULL */
};

/* Make consult_rows known to `sql` (once per connection). */
int memrows_register(sqlite3 *sql);

/* Bind `rows` to parameter `name` of `st` (for consult_rows(name)). */
int memrows_bind(sqlite3_stmt *st, const char *name,
                 const struct memrows *rows);
/* The same, the parameter given by its index. */
int memrows_bind_at(sqlite3_stmt *st, int idx, const struct memrows *rows);

#endif /* CONSULT_MEMROWS_H */
