/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * db.c: opening a consult database, and the names of roles.
 *
 * A database is one SQLite file in WAL mode (several terminals at once),
 * with foreign keys on and a busy timeout. cs_db_open checks that the file
 * is ours (PRAGMA application_id) and not from a newer consult, then brings
 * its schema up to date in one transaction. The acting login is the OS
 * login of the real uid; the login that creates a database is its
 * first admin.
 */
#include "consult/db.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "audit_priv.h"
#include "db_priv.h"
#include "i18n.h"
#include "schema.h"
#include "stmt.h"

#define DEFAULT_BUSY_MS 10000
#define AUDIT_KEY_VERSION 8     /* the schema of keyed journals */

const char *
cs_version(void)
{
    return CONSULT_VERSION;
}

/* ---------------------------------------------------------------- roles */

const char *
cs_role_name(enum cs_role role)
{
    switch (role) {
    case CS_ROLE_ADMIN:  return "admin";
    case CS_ROLE_COORDINATOR: return "coordinator";
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
        { "lecteur", CS_ROLE_VIEWER }, { "coordinator", CS_ROLE_COORDINATOR },
        { "coordinateur", CS_ROLE_COORDINATOR },
        { "coordinatrice", CS_ROLE_COORDINATOR },
    };

    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++) {
        if (strcasecmp(name, names[i].name) == 0) {
            *out = names[i].role;
            return CS_OK;
        }
    }
    return cs_error_field(err, CS_EINVAL, "role",
        _("Unknown role \"%s\": use admin, coordinator, agent or viewer."),
        name ? name : "");
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

enum cs_rc
cs_db_change_mark(struct cs_db *db, int64_t *mark, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    int64_t v = 0;
    enum cs_rc rc;

    /* The largest rowid: one step down the table's b-tree. */
    stmt_prepare(&st, db, "SELECT coalesce(max(id), 0) FROM audit");
    if (stmt_row(&st))
        v = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK)
        *mark = v;
    return rc;
}

enum cs_readonly
cs_db_readonly(const struct cs_db *db)
{
    return db->readonly;
}

bool
cs_db_is_writable(const struct cs_db *db)
{
    return db->readonly == CS_READONLY_NO;
}

const char *
cs_db_readonly_reason(const struct cs_db *db)
{
    return db->readonly_reason;
}

int
cs_db_version_found(const struct cs_db *db)
{
    return db->version_found;
}

enum cs_rc
cs_db_id(struct cs_db *db, char out[CS_DB_ID_HEX], struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char id[CS_DB_ID_HEX] = "";
    enum cs_rc rc;

    stmt_prepare(&st, db, "SELECT value FROM meta WHERE key = 'database_id'");
    if (stmt_row(&st))
        snprintf(id, sizeof id, "%s", stmt_text(&st, 0));
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK)
        memcpy(out, id, sizeof id);
    return rc;
}

static char *
os_login(void)
{
    /* The real uid: in a consult installed setgid (consult/host.h) it is
     * who runs it, whatever the environment says. */
    struct passwd *pw = getpwuid(getuid());
    char buf[32];

    if (pw != NULL && pw->pw_name != NULL && pw->pw_name[0] != '\0')
        return strdup(pw->pw_name);
    snprintf(buf, sizeof buf, "uid%ld", (long)getuid());
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
        /* A new database, or one from before keyed journals, gets its
         * key: its journal is keyed from the next row on. */
        if (rc == CS_OK && version < AUDIT_KEY_VERSION)
            rc = audit_key_create(db, err);
        if (rc == CS_OK && version == 0)
            rc = db_first_admin(db, err);
        /* An upgrade may rewrite rows: the journal records them as it
         * left them. */
        if (rc == CS_OK && version > 0)
            rc = audit_touch_all(db, err);
        if (rc == CS_OK)
            rc = audit_write_raw(db, "migrate", "meta", 0, 0, NULL, NULL, err);
    }
    return txn_end(db, rc, err);
}

/* ---------------------------------------------------------------- read-only */

/* The directory holding `path` ("." for a bare name) into `buf`. */
static void
dir_of(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');

    if (slash == NULL)
        snprintf(buf, size, ".");
    else if (slash == path)
        snprintf(buf, size, "/");
    else
        snprintf(buf, size, "%.*s", (int)(slash - path), path);
}

/* Whether the effective user may write `path` (0) or why not (an errno:
 * EROFS, EACCES...). The effective ids are the ones SQLite will use, also
 * in a setgid consult. */
static int
write_denied(const char *path)
{
    if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0)
        return 0;
    return errno;
}

/* Why the database at `path` cannot be written, before opening it: the
 * file, its directory (where SQLite must create the -wal and -shm files)
 * or the file system. */
static enum cs_readonly
readonly_probe(const char *path)
{
    char dir[4096];
    int e;

    if ((e = write_denied(path)) != 0)
        return e == EROFS ? CS_READONLY_FS : CS_READONLY_FILE;
    dir_of(path, dir, sizeof dir);
    if ((e = write_denied(dir)) != 0)
        return e == EROFS ? CS_READONLY_FS : CS_READONLY_DIR;
    return CS_READONLY_NO;
}

/* True if the file system holding `path` has no room left for the pages
 * SQLite needs to read in WAL mode (the -shm file's 32 KiB). */
static bool
disk_is_full(const char *path)
{
    struct statvfs vs;

    if (statvfs(path, &vs) != 0)
        return false;
    return (unsigned long long)vs.f_bavail * vs.f_frsize < 64 * 1024;
}

static void
readonly_set(struct cs_db *db, enum cs_readonly why)
{
    char dir[4096];

    db->readonly = why;
    switch (why) {
    case CS_READONLY_ASKED:
        snprintf(db->readonly_reason, sizeof db->readonly_reason, "%s",
                 _("it was opened read-only"));
        break;
    case CS_READONLY_FILE:
        snprintf(db->readonly_reason, sizeof db->readonly_reason,
                 _("the database file %s is read-only"), db->path);
        break;
    case CS_READONLY_DIR:
        dir_of(db->path, dir, sizeof dir);
        snprintf(db->readonly_reason, sizeof db->readonly_reason,
                 _("its directory %s is read-only (SQLite must create its "
                   "-wal and -shm files there)"), dir);
        break;
    case CS_READONLY_FS:
        snprintf(db->readonly_reason, sizeof db->readonly_reason,
                 _("the file system holding %s is read-only"), db->path);
        break;
    case CS_READONLY_FULL:
        snprintf(db->readonly_reason, sizeof db->readonly_reason,
                 _("the disk holding %s is full"), db->path);
        break;
    default:
        db->readonly_reason[0] = '\0';
        break;
    }
}

/*
 * The URI that opens `path` read-only. A database that cannot be written
 * here (not merely asked read-only) whose -wal file is absent or empty is
 * opened immutable: SQLite then reads the file alone and creates no -shm
 * file, which a read-only directory or a full disk would refuse and which,
 * left behind read-only beside a read-only file, would keep the database
 * read-only for everyone after its file is made writable again. A -wal
 * with content means a writer is at work: it is read through, with the
 * -shm it keeps. Returns NULL when out of memory; the caller frees.
 */
static char *
readonly_uri(const char *path, bool immutable_ok)
{
    size_t n = strlen(path);
    char *wal = malloc(n + 5), *uri = malloc(3 * n + 48), *o;
    struct stat sb;
    bool immutable = false;

    if (wal == NULL || uri == NULL) {
        free(wal);
        free(uri);
        return NULL;
    }
    snprintf(wal, n + 5, "%s-wal", path);
    if (immutable_ok)
        immutable = stat(wal, &sb) != 0 || sb.st_size == 0;
    free(wal);
    o = uri + sprintf(uri, "file:%s", path[0] == '/' ? "//" : "");
    for (const char *p = path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            o += sprintf(o, "%%%02X", (unsigned char)*p);
        else
            *o++ = *p;
    }
    sprintf(o, "?mode=ro%s", immutable ? "&immutable=1" : "");
    return uri;
}

/*
 * What SQLite is told once, before its first connection.
 * - A statement's journal (what undoes that statement alone inside a
 *   transaction), and the journal of the temporary tables, stay in memory
 *   up to STMT_JOURNAL_SPILL bytes, then go to a temporary file: SQLite's
 *   own default, said here so that nobody raises it. A larger size is
 *   worse: with SQLite 3.40, the first spill of a journal kept in memory
 *   past about 128 KiB fails with SQLITE_FULL ("the disk is full") on a
 *   disk with room to spare, and an import of 200,000 votes, whose staged
 *   stretch goes in as one statement, stopped there
 *   (tests/cli/import_large.sh). Never spilling (a negative size) costs
 *   such an import up to a quarter more processor time, and memory (the
 *   journal of each stretch: 79 MiB at its peak for a million votes);
 *   adding an idea to 2,000,000 (the entry form's put) stays under the
 *   default and opens no file either way.
 * - The heap keeps up to TRIM_KEEP bytes free at its top. Those journals
 *   are allocated in chunks of 1 KiB as they grow and freed when their
 *   statement ends; glibc gives the top of the heap back to the system
 *   as soon as 128 KiB of it is free, and takes it again at the next
 *   statement, each page faulted in anew: an import of 50,000 ideas spent
 *   9.4 s in the kernel that way (0.7 s with the threshold below) and
 *   took 51 s instead of 8.
 * Too late once SQLite is in use elsewhere in the process (sqlite3_config
 * then refuses, and nothing changes).
 */
#define STMT_JOURNAL_SPILL (64 << 10)
#define TRIM_KEEP (16 << 20)

static void
db_configure(void)
{
    static bool done;

    if (!done) {
        done = true;
        sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, STMT_JOURNAL_SPILL);
#ifdef M_TRIM_THRESHOLD
        mallopt(M_TRIM_THRESHOLD, TRIM_KEEP);
#endif
    }
}

/* Open the SQLite connection of `db` (writable unless db->readonly says
 * otherwise) and read its marks into `*version`. */
static enum cs_rc
db_connect(struct cs_db *db, int busy_ms, int *version, struct cs_error *err)
{
    char *uri = NULL;
    int src;

    db_configure();

    if (db->readonly == CS_READONLY_NO) {
        src = sqlite3_open_v2(db->path, &db->sql,
                              SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                              NULL);
    } else {
        if ((uri = readonly_uri(db->path,
                                db->readonly != CS_READONLY_ASKED)) == NULL)
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        src = sqlite3_open_v2(uri, &db->sql, SQLITE_OPEN_READONLY
                              | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
        free(uri);
    }
    if (src != SQLITE_OK)
        return db_error(db, src, err);
    sqlite3_extended_result_codes(db->sql, 1);
    sqlite3_busy_timeout(db->sql, busy_ms > 0 ? busy_ms : DEFAULT_BUSY_MS);
    return db_check_ours(db, version, err);
}

enum cs_rc
cs_db_open(struct cs_db **out, const char *path,
           const struct cs_open_opts *opts, struct cs_error *err)
{
    struct cs_open_opts def = { 0, 0, NULL };
    struct cs_db *db;
    struct stat sb;
    bool created = false;
    int version = 0;
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

    readonly_set(db, (opts->flags & CS_OPEN_READONLY) ? CS_READONLY_ASKED
                     : created ? CS_READONLY_NO : readonly_probe(path));
    rc = db_connect(db, opts->busy_timeout_ms, &version, err);
    if ((rc == CS_EIO || rc == CS_EREADONLY) && !created
        && db->readonly == CS_READONLY_NO && disk_is_full(path)) {
        /* A full disk cannot take the -shm file that reading in WAL mode
         * needs: read without it. */
        sqlite3_close(db->sql);
        db->sql = NULL;
        readonly_set(db, CS_READONLY_FULL);
        cs_error_clear(err);
        rc = db_connect(db, opts->busy_timeout_ms, &version, err);
    }
    if (rc != CS_OK)
        goto fail;
    db->version_found = version;
    if ((rc = audit_open(db, NULL, err)) != CS_OK)
        goto fail;

    if (db->readonly == CS_READONLY_NO) {
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
        if (db->readonly == CS_READONLY_ASKED) {
            rc = cs_error_set(err, CS_EVERSION,
                _("%s needs an upgrade, which a read-only open cannot do."),
                path);
            goto fail;
        }
        if (db->readonly != CS_READONLY_NO) {
            rc = cs_error_set(err, CS_EREADONLY,
                _("%s needs an upgrade, which cannot be written: %s."),
                path, db->readonly_reason);
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
    if (created)
        audit_key_discard(db);
    cs_db_close(db);
    if (created)
        unlink(path);
    return rc;
}

enum cs_rc
db_scratch_open(struct cs_db *db, struct cs_db **out, struct cs_error *err)
{
    struct cs_db *s;
    sqlite3_backup *b;
    enum cs_rc rc;
    int src;

    if ((s = calloc(1, sizeof *s)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    s->path = strdup(db->path);
    s->login = strdup(db->login);
    if (s->path == NULL || s->login == NULL) {
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        goto fail;
    }
    s->role = db->role;
    s->version_found = db->version_found;
    s->readonly = CS_READONLY_NO;
    src = sqlite3_open_v2(":memory:", &s->sql, SQLITE_OPEN_READWRITE
                          | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (src != SQLITE_OK) {
        rc = db_error(s, src, err);
        goto fail;
    }
    sqlite3_extended_result_codes(s->sql, 1);
    if ((b = sqlite3_backup_init(s->sql, "main", db->sql, "main")) == NULL) {
        rc = db_error(s, sqlite3_errcode(s->sql), err);
        goto fail;
    }
    src = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (src != SQLITE_DONE) {
        rc = db_error(s, src, err);
        goto fail;
    }
    /* The journal's key is the database's own (path.key): read, never
     * written. */
    if ((rc = audit_open(s, NULL, err)) != CS_OK
        || (rc = db_exec(s, "PRAGMA foreign_keys = ON;", err)) != CS_OK)
        goto fail;
    *out = s;
    return CS_OK;

fail:
    cs_db_close(s);
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
    audit_close(db);
    free(db->path);
    free(db->login);
    free(db);
}
