/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * stmt.c: prepared statements with a sticky error and a per-handle cache.
 */
#include "stmt.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "memrows.h"

static void
stmt_fail(struct stmt *st, int src)
{
    if (st->src != SQLITE_OK || st->rc != CS_OK)
        return;
    st->src = src;
    st->rc = db_error(st->db, src, NULL);
    snprintf(st->msg, sizeof st->msg, "%s", sqlite3_errmsg(st->db->sql));
}

static bool
stmt_ok(const struct stmt *st)
{
    return st->src == SQLITE_OK && st->rc == CS_OK && st->st != NULL;
}

void
stmt_prepare(struct stmt *st, struct cs_db *db, const char *sql)
{
    int free_slot = -1;
    int src;

    st->db = db;
    if (st->src != SQLITE_OK || st->rc != CS_OK)
        return;
    for (int i = 0; i < DB_STMT_CACHE; i++) {
        if (db->cache[i].sql == sql && db->cache[i].st != NULL) {
            st->st = db->cache[i].st;
            st->slot = i;
            db->cache[i].st = NULL;     /* checked out */
            return;
        }
        if (free_slot < 0 && db->cache[i].sql == NULL)
            free_slot = i;
    }
    src = sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT,
                             &st->st, NULL);
    if (src != SQLITE_OK) {
        st->st = NULL;
        stmt_fail(st, src);
        return;
    }
    if (free_slot >= 0) {
        db->cache[free_slot].sql = sql;     /* reserve the slot */
        st->slot = free_slot;
    } else {
        st->slot = -1;
    }
}

static int
stmt_index(struct stmt *st, const char *name)
{
    int i = sqlite3_bind_parameter_index(st->st, name);

    if (i == 0) {
        st->rc = CS_EINTERNAL;
        snprintf(st->msg, sizeof st->msg, "no SQL parameter %s", name);
    }
    return i;
}

bool
stmt_has_param(const struct stmt *st, const char *name)
{
    return st->st != NULL && sqlite3_bind_parameter_index(st->st, name) != 0;
}

void
stmt_bind_int64(struct stmt *st, const char *name, int64_t v)
{
    int i, src;

    if (!stmt_ok(st) || (i = stmt_index(st, name)) == 0)
        return;
    if ((src = sqlite3_bind_int64(st->st, i, v)) != SQLITE_OK)
        stmt_fail(st, src);
}

void
stmt_bind_text(struct stmt *st, const char *name, const char *v)
{
    int i, src;

    if (!stmt_ok(st) || (i = stmt_index(st, name)) == 0)
        return;
    if (v == NULL)
        src = sqlite3_bind_null(st->st, i);
    else
        src = sqlite3_bind_text(st->st, i, v, -1, SQLITE_TRANSIENT);
    if (src != SQLITE_OK)
        stmt_fail(st, src);
}

void
stmt_bind_rows(struct stmt *st, const char *name, const struct memrows *rows)
{
    int i, src;

    if (!stmt_ok(st) || (i = stmt_index(st, name)) == 0)
        return;
    if ((src = memrows_bind(st->st, name, rows)) != SQLITE_OK)
        stmt_fail(st, src);
}

void
stmt_bind_blob(struct stmt *st, const char *name, const void *v, int len)
{
    int i, src;

    if (!stmt_ok(st) || (i = stmt_index(st, name)) == 0)
        return;
    if (v == NULL)
        src = sqlite3_bind_null(st->st, i);
    else
        src = sqlite3_bind_blob(st->st, i, v, len, SQLITE_TRANSIENT);
    if (src != SQLITE_OK)
        stmt_fail(st, src);
}

void
stmt_bind_text_or_null(struct stmt *st, const char *name, const char *v)
{
    stmt_bind_text(st, name, util_is_blank(v) ? NULL : v);
}

void
stmt_bind_null(struct stmt *st, const char *name)
{
    stmt_bind_text(st, name, NULL);
}

void
stmt_bind_id(struct stmt *st, const char *name, int64_t v)
{
    if (v == 0)
        stmt_bind_null(st, name);
    else
        stmt_bind_int64(st, name, v);
}

bool
stmt_row(struct stmt *st)
{
    int src;

    if (!stmt_ok(st))
        return false;
    src = sqlite3_step(st->st);
    if (src == SQLITE_ROW)
        return true;
    if (src != SQLITE_DONE)
        stmt_fail(st, src);
    return false;
}

enum cs_rc
stmt_status(const struct stmt *st, struct cs_error *err)
{
    if (st->rc == CS_OK)
        return CS_OK;
    if (st->rc == CS_ECONFLICT)
        return cs_error_set(err, st->rc, "%s", st->msg);
    if (st->rc == CS_EBUSY)
        return cs_error_set(err, st->rc, "%s",
            _("The database is busy (another user is writing); "
              "try again in a moment."));
    return cs_error_set(err, st->rc, _("Database error: %s"), st->msg);
}

enum cs_rc
stmt_run(struct stmt *st, struct cs_error *err)
{
    while (stmt_row(st))
        ;
    return stmt_status(st, err);
}

void
stmt_reset(struct stmt *st)
{
    if (st->st == NULL)
        return;
    sqlite3_reset(st->st);
    sqlite3_clear_bindings(st->st);
}

void
stmt_finish(struct stmt *st)
{
    if (st->st == NULL)
        return;
    if (st->slot >= 0) {
        sqlite3_reset(st->st);
        sqlite3_clear_bindings(st->st);
        st->db->cache[st->slot].st = st->st;
    } else {
        sqlite3_finalize(st->st);
    }
    st->st = NULL;
}

int64_t
stmt_int64(struct stmt *st, int col)
{
    return st->st ? sqlite3_column_int64(st->st, col) : 0;
}

bool
stmt_is_null(struct stmt *st, int col)
{
    return st->st == NULL || sqlite3_column_type(st->st, col) == SQLITE_NULL;
}

const void *
stmt_blob(struct stmt *st, int col, int *len)
{
    const void *p;

    *len = 0;
    if (!stmt_ok(st) || sqlite3_column_type(st->st, col) == SQLITE_NULL)
        return NULL;
    p = sqlite3_column_blob(st->st, col);
    *len = sqlite3_column_bytes(st->st, col);
    return p;
}

const char *
stmt_text(struct stmt *st, int col)
{
    const unsigned char *t = st->st ? sqlite3_column_text(st->st, col) : NULL;

    return t ? (const char *)t : "";
}

char *
stmt_text_dup(struct stmt *st, int col)
{
    const unsigned char *t;
    char *copy;

    if (stmt_is_null(st, col))
        return NULL;
    t = sqlite3_column_text(st->st, col);
    if (t == NULL || (copy = strdup((const char *)t)) == NULL) {
        if (st->rc == CS_OK) {
            st->rc = CS_ENOMEM;
            snprintf(st->msg, sizeof st->msg, "out of memory");
        }
        return NULL;
    }
    return copy;
}

int64_t
stmt_last_id(struct stmt *st)
{
    return sqlite3_last_insert_rowid(st->db->sql);
}

int
stmt_changes(struct stmt *st)
{
    return sqlite3_changes(st->db->sql);
}
