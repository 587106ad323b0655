/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * handle.c: what every core module does with an open handle: turning
 * SQLite results into a cs_rc, running plain SQL, write transactions
 * (BEGIN IMMEDIATE or a savepoint inside one) and the role checks.
 *
 * It sits at the bottom of the core, under stmt.c, schema.c and audit.c,
 * and calls none of them: opening a database (db.c) is built on top.
 * Declared in dbpriv.h, with the handle itself.
 */
#include <stdio.h>
#include <string.h>

#include "dbpriv.h"
#include "i18n.h"

/* ---------------------------------------------------------------- errors */

enum cs_rc
db_error(struct cs_db *db, int src, struct cs_error *err)
{
    const char *m = db && db->sql ? sqlite3_errmsg(db->sql)
                                  : sqlite3_errstr(src);

    switch (src & 0xff) {
    case SQLITE_OK:
        return CS_OK;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return cs_error_set(err, CS_EBUSY,
            _("The database is busy (another user is writing); "
              "try again in a moment."));
    case SQLITE_CONSTRAINT:
        return cs_error_set(err, CS_ECONFLICT, "%s", m);
    case SQLITE_NOMEM:
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    case SQLITE_NOTADB:
        return cs_error_set(err, CS_ENOTDB, "%s",
                            _("This file is not a consult database."));
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return cs_error_set(err, CS_EPERM, _("Cannot write: %s"), m);
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_CORRUPT:
        return cs_error_set(err, CS_EIO, _("Database file error: %s"), m);
    default:
        return cs_error_set(err, CS_EINTERNAL, _("Database error: %s"), m);
    }
}

enum cs_rc
db_exec(struct cs_db *db, const char *sql, struct cs_error *err)
{
    int src = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);

    return src == SQLITE_OK ? CS_OK : db_error(db, src, err);
}

/* ---------------------------------------------------------------- transactions */

enum cs_rc
txn_begin_write(struct cs_db *db, struct cs_error *err)
{
    char sql[48];
    enum cs_rc rc;

    if (db->txn_depth == 0) {
        rc = db_exec(db, "BEGIN IMMEDIATE", err);
    } else {
        snprintf(sql, sizeof sql, "SAVEPOINT s%d", db->txn_depth);
        rc = db_exec(db, sql, err);
    }
    if (rc == CS_OK)
        db->txn_depth++;
    return rc;
}

enum cs_rc
txn_end(struct cs_db *db, enum cs_rc rc, struct cs_error *err)
{
    char sql[80];
    enum cs_rc rc2;

    if (db->txn_depth <= 0)
        return rc;
    db->txn_depth--;
    if (db->txn_depth == 0) {
        if (rc == CS_OK) {
            rc2 = db_exec(db, "COMMIT", err);
            if (rc2 != CS_OK) {
                sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
                return rc2;
            }
            return CS_OK;
        }
        if (!sqlite3_get_autocommit(db->sql))
            sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    if (rc == CS_OK) {
        snprintf(sql, sizeof sql, "RELEASE s%d", db->txn_depth);
        return db_exec(db, sql, err);
    }
    snprintf(sql, sizeof sql, "ROLLBACK TO s%d; RELEASE s%d",
             db->txn_depth, db->txn_depth);
    sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
    return rc;
}

/* ---------------------------------------------------------------- roles */

static const char *
role_label(enum cs_role role)
{
    switch (role) {
    case CS_ROLE_ADMIN:  return _("admin");
    case CS_ROLE_AGENT:  return _("agent");
    case CS_ROLE_VIEWER: return _("viewer");
    default:             return _("no role");
    }
}

enum cs_rc
role_require(struct cs_db *db, enum cs_role role, struct cs_error *err)
{
    if (db->role >= role)
        return CS_OK;
    if (db->role == CS_ROLE_NONE)
        return cs_error_set(err, CS_EPERM,
            _("Login \"%s\" is not a user of this database; an admin can "
              "add it with: consult user add %s --role agent"),
            db->login, db->login);
    return cs_error_set(err, CS_EPERM,
        _("Permission denied: this needs the %s role, and login \"%s\" "
          "is %s."), role_label(role), db->login, role_label(db->role));
}

enum cs_rc
role_require_owner(struct cs_db *db, const char *entered_by,
                   struct cs_error *err)
{
    if (db->role == CS_ROLE_ADMIN)
        return CS_OK;
    if (db->role == CS_ROLE_AGENT && entered_by != NULL
        && strcmp(entered_by, db->login) == 0)
        return CS_OK;
    if (db->role < CS_ROLE_AGENT)
        return role_require(db, CS_ROLE_AGENT, err);
    return cs_error_set(err, CS_EPERM,
        _("Permission denied: an agent may change only what it entered "
          "(this was entered by \"%s\")."), entered_by ? entered_by : "?");
}
