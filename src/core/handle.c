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
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dbpriv.h"
#include "i18n.h"

/* ---------------------------------------------------------------- errors */

static enum cs_rc
disk_full(struct cs_db *db, struct cs_error *err)
{
    /* TRANSLATORS: %s is the database file. */
    return cs_error_set(err, CS_EREADONLY,
                        _("Cannot write: the disk holding %s is full."),
                        db && db->path ? db->path : "?");
}

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
        if (db && db->readonly_reason[0])
            return cs_error_set(err, CS_EREADONLY, _("Cannot write: %s."),
                                db->readonly_reason);
        return cs_error_set(err, CS_EREADONLY,
            _("Cannot write: the database is read-only (%s)."), m);
    case SQLITE_FULL:
        return disk_full(db, err);
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return cs_error_set(err, CS_EPERM, _("Cannot write: %s"), m);
    case SQLITE_IOERR:
        /* Growing the -shm file of a full disk fails as an I/O error. */
        if (db && db->sql && sqlite3_system_errno(db->sql) == ENOSPC)
            return disk_full(db, err);
        /* fall through */
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

    if (db->readonly != CS_READONLY_NO)
        return cs_error_set(err, CS_EREADONLY, _("Cannot write: %s."),
                            db->readonly_reason);
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
    case CS_ROLE_ADMIN:       return _("admin");
    case CS_ROLE_COORDINATOR: return _("coordinator");
    case CS_ROLE_AGENT:       return _("agent");
    case CS_ROLE_VIEWER:      return _("viewer");
    default:                  return _("no role");
    }
}

/* Sets of roles, one bit each. */
#define R_VIEWER (1u << CS_ROLE_VIEWER)
#define R_COORD (1u << CS_ROLE_COORDINATOR)
#define R_AGENT (1u << CS_ROLE_AGENT)
#define R_ADMIN (1u << CS_ROLE_ADMIN)
#define R_ALL (R_VIEWER | R_COORD | R_AGENT | R_ADMIN)

/* The one table of who may do what: each operation's roles and its name.
 * The coordinator reads everything, personal data and hidden comments
 * included, prepares sessions and exports answers, letters and contact
 * lists; it keys in nothing (an agent's work) and decides nothing (an
 * admin's). */
static const struct {
    unsigned roles;
    const char *name;
} ops[CS_OP_COUNT] = {
    [CS_OP_ANY] = { R_ALL | 1u << CS_ROLE_NONE, "any" },
    [CS_OP_READ] = { R_ALL, "read" },
    [CS_OP_ADD_IDEA] = { R_AGENT | R_ADMIN, "add-idea" },
    [CS_OP_EDIT_IDEA] = { R_AGENT | R_ADMIN, "edit-idea" },
    [CS_OP_VOTE] = { R_AGENT | R_ADMIN, "vote" },
    [CS_OP_COMMENT] = { R_AGENT | R_ADMIN, "comment" },
    [CS_OP_IMPORT] = { R_AGENT | R_ADMIN, "import" },
    [CS_OP_SET_STATUS] = { R_ADMIN, "set-status" },
    [CS_OP_HIDE] = { R_ADMIN, "hide" },
    [CS_OP_MERGE] = { R_ADMIN, "merge" },
    [CS_OP_TAG] = { R_ADMIN, "tag" },
    [CS_OP_SEE_HIDDEN] = { R_COORD | R_ADMIN, "see-hidden" },
    [CS_OP_SEE_PERSONAL] = { R_COORD | R_ADMIN, "see-personal" },
    [CS_OP_EXPORT_PERSONAL] = { R_COORD | R_ADMIN, "export-personal" },
    [CS_OP_UNDO_IMPORT] = { R_ADMIN, "undo-import" },
    [CS_OP_TEMPLATES] = { R_ADMIN, "templates" },
    [CS_OP_CONSULTATIONS] = { R_ADMIN, "consultations" },
    [CS_OP_MANAGE_USERS] = { R_ADMIN, "manage-users" },
    [CS_OP_ANONYMISE] = { R_ADMIN, "anonymise" },
    [CS_OP_BATCHES] = { R_AGENT | R_ADMIN, "batches" },
    [CS_OP_BATCH_CLOSE_DIFF] = { R_ADMIN, "close-batch-differing" },
    /* A backup is the whole database, users and journal's key with it:
     * an admin's. */
    [CS_OP_BACKUP] = { R_ADMIN, "backup" },
    [CS_OP_RESTORE] = { R_ADMIN, "restore" },
    [CS_OP_SESSIONS] = { R_COORD | R_ADMIN, "sessions" },
    [CS_OP_PUBLISH] = { R_ADMIN, "publish" },
};

enum cs_role
cs_op_role(enum cs_op op)
{
    static const enum cs_role order[] = {
        CS_ROLE_NONE, CS_ROLE_VIEWER, CS_ROLE_COORDINATOR, CS_ROLE_AGENT,
        CS_ROLE_ADMIN,
    };

    /* An operation this build does not know is nobody's: say admin. */
    if ((unsigned)op >= CS_OP_COUNT)
        return CS_ROLE_ADMIN;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (ops[op].roles & 1u << order[i])
            return order[i];
    return CS_ROLE_ADMIN;
}

const char *
cs_op_name(enum cs_op op)
{
    return (unsigned)op < CS_OP_COUNT ? ops[op].name : "?";
}

bool
cs_op_writes(enum cs_op op)
{
    switch (op) {
    case CS_OP_ANY:
    case CS_OP_READ:
    case CS_OP_SEE_HIDDEN:
    case CS_OP_SEE_PERSONAL:
    case CS_OP_BACKUP:
        return false;
    default:
        /* Exporting personal data writes its journal row. */
        return true;
    }
}

bool
cs_role_can(enum cs_role role, enum cs_op op)
{
    return (unsigned)op < CS_OP_COUNT && (unsigned)role <= CS_ROLE_ADMIN
        && (ops[op].roles & 1u << role) != 0;
}

bool
cs_db_can(const struct cs_db *db, enum cs_op op)
{
    return cs_role_can(db->role, op);
}

/* The refusal: who the login is, and which role the work needs. */
static enum cs_rc
role_deny(struct cs_db *db, enum cs_role role, struct cs_error *err)
{
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
op_require(struct cs_db *db, enum cs_op op, struct cs_error *err)
{
    if (cs_db_can(db, op))
        return CS_OK;
    /* Nothing for a coordinator that an agent could do: name the agent. */
    if (db->role == CS_ROLE_COORDINATOR
        && cs_role_can(CS_ROLE_AGENT, op))
        return role_deny(db, CS_ROLE_AGENT, err);
    if (db->role != CS_ROLE_NONE && (unsigned)op < CS_OP_COUNT
        && ops[op].roles == (R_COORD | R_ADMIN))
        return cs_error_set(err, CS_EPERM,
            _("Permission denied: this needs the coordinator or admin role, "
              "and login \"%s\" is %s."), db->login, role_label(db->role));
    return role_deny(db, cs_op_role(op), err);
}

enum cs_rc
role_require(struct cs_db *db, enum cs_role role, struct cs_error *err)
{
    /* Only the ladder viewer < agent < admin is asked for here; the
     * coordinator stands beside the agent, not above it. */
    if (db->role == role || db->role == CS_ROLE_ADMIN
        || (role == CS_ROLE_VIEWER && db->role != CS_ROLE_NONE))
        return CS_OK;
    return role_deny(db, role, err);
}

bool
role_owns(const struct cs_db *db, const char *entered_by)
{
    if (db->role == CS_ROLE_ADMIN)
        return true;
    return db->role == CS_ROLE_AGENT && entered_by != NULL
        && strcmp(entered_by, db->login) == 0;
}

enum cs_rc
role_require_owner(struct cs_db *db, const char *entered_by,
                   struct cs_error *err)
{
    if (role_owns(db, entered_by))
        return CS_OK;
    if (db->role != CS_ROLE_AGENT)
        return role_require(db, CS_ROLE_AGENT, err);
    return cs_error_set(err, CS_EPERM,
        _("Permission denied: an agent may change only what it entered "
          "(this was entered by \"%s\")."), entered_by ? entered_by : "?");
}
