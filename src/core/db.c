/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * db.c: opening a consult database, transactions, roles.
 *
 * A database is one SQLite file in WAL mode (several terminals at once),
 * with foreign keys on and a busy timeout. cs_db_open checks that the file
 * is ours (PRAGMA application_id) and not from a newer consult, then brings
 * its schema up to date in one transaction. The acting login is the OS
 * login of the effective uid; the login that creates a database is its
 * first admin.
 */
#include "consult/db.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit_priv.h"
#include "i18n.h"
#include "schema.h"
#include "stmt.h"

#define DEFAULT_BUSY_MS 10000

const char *
cs_version(void)
{
    return CONSULT_VERSION;
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

const char *
cs_role_name(enum cs_role role)
{
    switch (role) {
    case CS_ROLE_ADMIN:  return "admin";
    case CS_ROLE_AGENT:  return "agent";
    case CS_ROLE_VIEWER: return "viewer";
    default:             return "none";
    }
}

enum cs_rc
cs_role_parse(const char *name, enum cs_role *out, struct cs_error *err)
{
    static const struct { const char *name; enum cs_role role; } names[] = {
        { "admin", CS_ROLE_ADMIN }, { "agent", CS_ROLE_AGENT },
        { "viewer", CS_ROLE_VIEWER }, { "administrateur", CS_ROLE_ADMIN },
        { "lecteur", CS_ROLE_VIEWER },
    };

    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++) {
        if (strcasecmp(name, names[i].name) == 0) {
            *out = names[i].role;
            return CS_OK;
        }
    }
    return cs_error_field(err, CS_EINVAL, "role",
        _("Unknown role \"%s\": use admin, agent or viewer."),
        name ? name : "");
}

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

/* The one table of who may do what: each operation's least role and its
 * name. Roles are ordered (viewer < agent < admin), so the least role is
 * enough to answer for every role. */
static const struct {
    enum cs_role role;
    const char *name;
} ops[CS_OP_COUNT] = {
    [CS_OP_ANY] = { CS_ROLE_NONE, "any" },
    [CS_OP_READ] = { CS_ROLE_VIEWER, "read" },
    [CS_OP_ADD_IDEA] = { CS_ROLE_AGENT, "add-idea" },
    [CS_OP_EDIT_IDEA] = { CS_ROLE_AGENT, "edit-idea" },
    [CS_OP_VOTE] = { CS_ROLE_AGENT, "vote" },
    [CS_OP_COMMENT] = { CS_ROLE_AGENT, "comment" },
    [CS_OP_IMPORT] = { CS_ROLE_AGENT, "import" },
    [CS_OP_SET_STATUS] = { CS_ROLE_ADMIN, "set-status" },
    [CS_OP_HIDE] = { CS_ROLE_ADMIN, "hide" },
    [CS_OP_MERGE] = { CS_ROLE_ADMIN, "merge" },
    [CS_OP_TAG] = { CS_ROLE_ADMIN, "tag" },
    [CS_OP_SEE_HIDDEN] = { CS_ROLE_ADMIN, "see-hidden" },
    [CS_OP_SEE_PERSONAL] = { CS_ROLE_ADMIN, "see-personal" },
    [CS_OP_EXPORT_PERSONAL] = { CS_ROLE_ADMIN, "export-personal" },
    [CS_OP_UNDO_IMPORT] = { CS_ROLE_ADMIN, "undo-import" },
    [CS_OP_TEMPLATES] = { CS_ROLE_ADMIN, "templates" },
    [CS_OP_CONSULTATIONS] = { CS_ROLE_ADMIN, "consultations" },
    [CS_OP_MANAGE_USERS] = { CS_ROLE_ADMIN, "manage-users" },
    [CS_OP_ANONYMISE] = { CS_ROLE_ADMIN, "anonymise" },
};

enum cs_role
cs_op_role(enum cs_op op)
{
    /* An operation this build does not know is nobody's. */
    return (unsigned)op < CS_OP_COUNT ? ops[op].role : CS_ROLE_ADMIN + 1;
}

const char *
cs_op_name(enum cs_op op)
{
    return (unsigned)op < CS_OP_COUNT ? ops[op].name : "?";
}

bool
cs_role_can(enum cs_role role, enum cs_op op)
{
    return (unsigned)op < CS_OP_COUNT && role >= ops[op].role;
}

bool
cs_db_can(const struct cs_db *db, enum cs_op op)
{
    return cs_role_can(db->role, op);
}

enum cs_rc
op_require(struct cs_db *db, enum cs_op op, struct cs_error *err)
{
    if (cs_db_can(db, op))
        return CS_OK;
    return role_require(db, cs_op_role(op), err);
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
    if (db->role < CS_ROLE_AGENT)
        return role_require(db, CS_ROLE_AGENT, err);
    return cs_error_set(err, CS_EPERM,
        _("Permission denied: an agent may change only what it entered "
          "(this was entered by \"%s\")."), entered_by ? entered_by : "?");
}

enum cs_rc
role_reload(struct cs_db *db, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    db->role = CS_ROLE_NONE;
    stmt_prepare(&st, db, "SELECT role FROM user WHERE login = :login");
    stmt_bind_text(&st, ":login", db->login);
    if (stmt_row(&st))
        cs_role_parse(stmt_text(&st, 0), &db->role, NULL);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* ---------------------------------------------------------------- open */

const char *
cs_db_login(const struct cs_db *db)
{
    return db->login;
}

enum cs_role
cs_db_role(const struct cs_db *db)
{
    return db->role;
}

const char *
cs_db_path(const struct cs_db *db)
{
    return db->path;
}

int
cs_db_version_found(const struct cs_db *db)
{
    return db->version_found;
}

static char *
os_login(void)
{
    struct passwd *pw = getpwuid(geteuid());
    char buf[32];

    if (pw != NULL && pw->pw_name != NULL && pw->pw_name[0] != '\0')
        return strdup(pw->pw_name);
    snprintf(buf, sizeof buf, "uid%ld", (long)geteuid());
    return strdup(buf);
}

static enum cs_rc
pragma_int(struct cs_db *db, const char *sql, int *out, struct cs_error *err)
{
    sqlite3_stmt *st = NULL;
    int src = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);

    if (src == SQLITE_OK) {
        src = sqlite3_step(st);
        if (src == SQLITE_ROW) {
            *out = sqlite3_column_int(st, 0);
            src = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return src == SQLITE_OK ? CS_OK : db_error(db, src, err);
}

/* Create the file ourselves so that its mode is exactly 0600 or 0660,
 * whatever the umask, before SQLite opens it. */
static enum cs_rc
db_create_file(const char *path, bool shared, bool *created,
               struct cs_error *err)
{
    mode_t mode = shared ? 0660 : 0600;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);

    *created = false;
    if (fd < 0) {
        if (errno == EEXIST)
            return CS_OK;
        return cs_error_set(err, CS_ECREATE, _("Cannot create %s: %s"),
                            path, strerror(errno));
    }
    if (fchmod(fd, mode) != 0) {
        int e = errno;
        close(fd);
        unlink(path);
        return cs_error_set(err, CS_ECREATE, _("Cannot create %s: %s"),
                            path, strerror(e));
    }
    close(fd);
    *created = true;
    return CS_OK;
}

/* Is this file one of ours? A new, empty database (no tables, version 0)
 * is; so is any file with our application id. */
static enum cs_rc
db_check_ours(struct cs_db *db, int *version, struct cs_error *err)
{
    int app = 0, tables = 0;
    enum cs_rc rc;

    /* Reading the header is the first real access: a non-SQLite file fails
     * here with SQLITE_NOTADB. */
    if ((rc = pragma_int(db, "PRAGMA application_id", &app, err)) != CS_OK)
        return rc;
    if ((rc = pragma_int(db, "PRAGMA user_version", version, err)) != CS_OK)
        return rc;
    if ((rc = pragma_int(db, "SELECT count(*) FROM sqlite_schema", &tables,
                         err)) != CS_OK)
        return rc;
    if (app == 0 && *version == 0 && tables == 0)
        return CS_OK;   /* new or empty file */
    if (app != SCHEMA_APPLICATION_ID)
        return cs_error_set(err, CS_ENOTDB,
            _("%s is an SQLite database, but not a consult database."),
            db->path);
    if (*version > CS_SCHEMA_VERSION)
        return cs_error_set(err, CS_EVERSION,
            _("%s was written by a newer consult (schema %d; this one "
              "knows up to %d): upgrade consult to open it."),
            db->path, *version, CS_SCHEMA_VERSION);
    return CS_OK;
}

static enum cs_rc
db_first_admin(struct cs_db *db, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char now[32];
    enum cs_rc rc;

    util_now(now);
    stmt_prepare(&st, db, "INSERT INTO user(login, role, created_at,"
                          " created_by) VALUES (:login, 'admin', :now, :login)");
    stmt_bind_text(&st, ":login", db->login);
    stmt_bind_text(&st, ":now", now);
    rc = stmt_run(&st, err);
    if (rc == CS_OK)
        rc = audit_write(db, "add", "user", stmt_last_id(&st), 0, NULL, err);
    stmt_finish(&st);
    return rc;
}

static enum cs_rc
db_migrate(struct cs_db *db, struct cs_error *err)
{
    enum cs_rc rc;
    int version = 0;

    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    /* Read again under the write lock: another process may have
     * created or upgraded the schema meanwhile. */
    rc = db_check_ours(db, &version, err);
    if (rc == CS_OK && version < CS_SCHEMA_VERSION) {
        rc = schema_migrate(db, version, err);
        if (rc == CS_OK && version == 0)
            rc = db_first_admin(db, err);
        if (rc == CS_OK)
            rc = audit_write_raw(db, "migrate", "meta", 0, 0, NULL, NULL, err);
    }
    return txn_end(db, rc, err);
}

enum cs_rc
cs_db_open(struct cs_db **out, const char *path,
           const struct cs_open_opts *opts, struct cs_error *err)
{
    struct cs_open_opts def = { 0, 0, NULL };
    struct cs_db *db;
    struct stat sb;
    bool created = false;
    int flags, src, version = 0;
    enum cs_rc rc;

    if (opts == NULL)
        opts = &def;
    if (path == NULL || path[0] == '\0')
        return cs_error_set(err, CS_EINVAL, "%s", _("No database path."));
    if (stat(path, &sb) != 0) {
        if (errno != ENOENT)
            return cs_error_set(err, CS_EIO, _("Cannot open %s: %s"), path,
                                strerror(errno));
        if (!(opts->flags & CS_OPEN_CREATE))
            return cs_error_set(err, CS_ENOTFOUND,
                _("No database at %s (create one with: consult init)."),
                path);
        rc = db_create_file(path, opts->flags & CS_OPEN_SHARED, &created, err);
        if (rc != CS_OK)
            return rc;
    } else if (S_ISDIR(sb.st_mode)) {
        return cs_error_set(err, CS_ENOTDB, _("%s is a directory."), path);
    }

    if ((db = calloc(1, sizeof *db)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    db->path = strdup(path);
    db->login = opts->login ? strdup(opts->login) : os_login();
    if (db->path == NULL || db->login == NULL) {
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        goto fail;
    }

    flags = (opts->flags & CS_OPEN_READONLY) ? SQLITE_OPEN_READONLY
                                            : SQLITE_OPEN_READWRITE;
    src = sqlite3_open_v2(path, &db->sql, flags | SQLITE_OPEN_NOMUTEX, NULL);
    if (src != SQLITE_OK) {
        rc = db_error(db, src, err);
        goto fail;
    }
    sqlite3_extended_result_codes(db->sql, 1);
    sqlite3_busy_timeout(db->sql, opts->busy_timeout_ms > 0
                                      ? opts->busy_timeout_ms
                                      : DEFAULT_BUSY_MS);
    if ((rc = db_check_ours(db, &version, err)) != CS_OK)
        goto fail;
    db->version_found = version;

    if (!(opts->flags & CS_OPEN_READONLY)) {
        /* WAL so that readers and one writer work at once; synchronous
         * NORMAL is durable across application crashes in WAL mode. */
        rc = db_exec(db, "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = NORMAL;", err);
        if (rc != CS_OK)
            goto fail;
    }
    /* secure_delete: erased personal data (anonymisation) is overwritten
     * in the file, not left in free pages. */
    if ((rc = db_exec(db, "PRAGMA foreign_keys = ON;"
                          "PRAGMA secure_delete = ON;", err)) != CS_OK)
        goto fail;
    if (version < CS_SCHEMA_VERSION) {
        if (opts->flags & CS_OPEN_READONLY) {
            rc = cs_error_set(err, CS_EVERSION,
                _("%s needs an upgrade, which a read-only open cannot do."),
                path);
            goto fail;
        }
        if ((rc = db_migrate(db, err)) != CS_OK)
            goto fail;
    }
    if ((rc = role_reload(db, err)) != CS_OK)
        goto fail;
    *out = db;
    return CS_OK;

fail:
    cs_db_close(db);
    if (created)
        unlink(path);
    return rc;
}

void
cs_db_close(struct cs_db *db)
{
    if (db == NULL)
        return;
    for (int i = 0; i < DB_STMT_CACHE; i++)
        sqlite3_finalize(db->cache[i].st);
    sqlite3_close(db->sql);
    free(db->path);
    free(db->login);
    free(db);
}
