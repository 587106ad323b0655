/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * memrows.c: consult_rows, rows of C arrays as a table (memrows.h).
 *
 * An eponymous-only virtual table: it exists in every connection once
 * registered, creates nothing in the database, and reads the rows a
 * pointer bound to its hidden column `src` names (sqlite3_bind_pointer,
 * typed so that no other pointer, and no SQL value, can pass for one).
 * Without that argument it has no plan: a query naming consult_rows
 * without `src` fails to prepare.
 */
#include "memrows.h"

#include <stdlib.h>
#include <string.h>

#define MEMROWS_TYPE "consult_memrows"

enum { COL_T0 = MEMROWS_INTS, COL_SRC };

struct mr_cursor {
    sqlite3_vtab_cursor base;
    const struct memrows *rows;
    size_t i;
};

static int
mr_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
           sqlite3_vtab **out, char **errmsg)
{
    sqlite3_vtab *t;
    int rc;

    (void)aux;
    (void)argc;
    (void)argv;
    (void)errmsg;
    rc = sqlite3_declare_vtab(db, "CREATE TABLE x(c0 INTEGER, c1 INTEGER,"
                                  " c2 INTEGER, c3 INTEGER, t0 TEXT,"
                                  " src HIDDEN)");
    if (rc != SQLITE_OK)
        return rc;
    if ((t = sqlite3_malloc(sizeof *t)) == NULL)
        return SQLITE_NOMEM;
    memset(t, 0, sizeof *t);
    *out = t;
    return SQLITE_OK;
}

static int
mr_disconnect(sqlite3_vtab *t)
{
    sqlite3_free(t);
    return SQLITE_OK;
}

/* The one plan: `src` given, the rows read in their order. */
static int
mr_best_index(sqlite3_vtab *t, sqlite3_index_info *info)
{
    (void)t;
    for (int i = 0; i < info->nConstraint; i++) {
        const struct sqlite3_index_constraint *c = &info->aConstraint[i];

        if (c->iColumn == COL_SRC && c->op == SQLITE_INDEX_CONSTRAINT_EQ
            && c->usable) {
            info->aConstraintUsage[i].argvIndex = 1;
            info->aConstraintUsage[i].omit = 1;
            info->idxNum = 1;
            info->estimatedCost = 1000.0;
            info->estimatedRows = 1000;
            return SQLITE_OK;
        }
    }
    return SQLITE_CONSTRAINT;
}

static int
mr_open(sqlite3_vtab *t, sqlite3_vtab_cursor **out)
{
    struct mr_cursor *c;

    (void)t;
    if ((c = sqlite3_malloc(sizeof *c)) == NULL)
        return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    *out = &c->base;
    return SQLITE_OK;
}

static int
mr_close(sqlite3_vtab_cursor *cur)
{
    sqlite3_free(cur);
    return SQLITE_OK;
}

static int
mr_filter(sqlite3_vtab_cursor *cur, int idx_num, const char *idx_str,
          int argc, sqlite3_value **argv)
{
    struct mr_cursor *c = (struct mr_cursor *)cur;

    (void)idx_str;
    c->rows = idx_num == 1 && argc == 1
              ? sqlite3_value_pointer(argv[0], MEMROWS_TYPE) : NULL;
    c->i = 0;
    return SQLITE_OK;
}

static int
mr_next(sqlite3_vtab_cursor *cur)
{
    ((struct mr_cursor *)cur)->i++;
    return SQLITE_OK;
}

static int
mr_eof(sqlite3_vtab_cursor *cur)
{
    const struct mr_cursor *c = (const struct mr_cursor *)cur;

    return c->rows == NULL || c->i >= c->rows->n;
}

static int
mr_column(sqlite3_vtab_cursor *cur, sqlite3_context *cx, int col)
{
    const struct mr_cursor *c = (const struct mr_cursor *)cur;
    const struct memrows *r = c->rows;

    if (col < MEMROWS_INTS) {
        int64_t v = r->ints[c->i * MEMROWS_INTS + (size_t)col];

        if (v == MEMROWS_NULL)
            sqlite3_result_null(cx);
        else
            sqlite3_result_int64(cx, v);
    } else if (col == COL_T0 && r->texts != NULL
               && r->texts[c->i] != NULL) {
        sqlite3_result_text(cx, r->texts[c->i], -1, SQLITE_STATIC);
    } else {
        sqlite3_result_null(cx);
    }
    return SQLITE_OK;
}

static int
mr_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
    *rowid = (sqlite3_int64)((const struct mr_cursor *)cur)->i;
    return SQLITE_OK;
}

static const sqlite3_module memrows_module = {
    .iVersion = 0,
    .xCreate = NULL,            /* eponymous only */
    .xConnect = mr_connect,
    .xBestIndex = mr_best_index,
    .xDisconnect = mr_disconnect,
    .xDestroy = mr_disconnect,
    .xOpen = mr_open,
    .xClose = mr_close,
    .xFilter = mr_filter,
    .xNext = mr_next,
    .xEof = mr_eof,
    .xColumn = mr_column,
    .xRowid = mr_rowid,
};

int
memrows_register(sqlite3 *sql)
{
    return sqlite3_create_module_v2(sql, "consult_rows", &memrows_module,
                                    NULL, NULL);
}

int
memrows_bind_at(sqlite3_stmt *st, int idx, const struct memrows *rows)
{
    return sqlite3_bind_pointer(st, idx, (void *)rows, MEMROWS_TYPE, NULL);
}

int
memrows_bind(sqlite3_stmt *st, const char *name, const struct memrows *rows)
{
    int idx = sqlite3_bind_parameter_index(st, name);

    return idx == 0 ? SQLITE_RANGE : memrows_bind_at(st, idx, rows);
}
