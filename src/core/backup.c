/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * backup.c: copies of the live database and checked restores (see
 * backup.h).
 *
 * Both directions use SQLite's online backup (sqlite3_backup_*) in one
 * step: copying out, it reads every page in one read transaction, which in
 * WAL mode never stops writers, so the copy is one consistent moment;
 * copying in, it writes through the live database's own locks, so other
 * connections see the restored content at their next transaction instead
 * of a file renamed under their feet. The manifest uses the export
 * manifests' "key: value" format (export_manifest.c).
 */
#include "consult/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audit_priv.h"
#include "db_priv.h"
#include "export_manifest.h"
#include "consult/host.h"
#include "host_priv.h"
#include "i18n.h"
#include "outfile.h"
#include "stmt.h"

#define BACKUP_FORMAT "consult-backup-manifest 1"
#define BUSY_TRIES 100          /* lock waits of a backup step, 100 ms each */

/* ---------------------------------------------------------------- copying */

static enum cs_rc
sql_error(sqlite3 *s, int src, const char *what, struct cs_error *err)
{
    const char *m = s ? sqlite3_errmsg(s) : sqlite3_errstr(src);

    switch (src & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return cs_error_set(err, CS_EBUSY,
            _("The database is busy (another user is writing); "
              "try again in a moment."));
    case SQLITE_NOMEM:
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    default:
        /* TRANSLATORS: %s: a file, then SQLite's message. */
        return cs_error_set(err, CS_EIO, _("Cannot copy %s: %s."), what, m);
    }
}

/* Copy every page of database `from` into `to` in one step, waiting for
 * locks (a writer committing, a checkpoint) as a busy handler would. */
static enum cs_rc
copy_pages(sqlite3 *to, sqlite3 *from, const char *what, struct cs_error *err)
{
    sqlite3_backup *bk = sqlite3_backup_init(to, "main", from, "main");
    int src, tries = 0;

    if (bk == NULL)
        return sql_error(to, sqlite3_errcode(to), what, err);
    do {
        src = sqlite3_backup_step(bk, -1);
        if (src == SQLITE_BUSY || src == SQLITE_LOCKED)
            sqlite3_sleep(100);
    } while ((src == SQLITE_BUSY || src == SQLITE_LOCKED)
             && ++tries < BUSY_TRIES);
    sqlite3_backup_finish(bk);
    if (src != SQLITE_DONE)
        return sql_error(to, src, what, err);
    return CS_OK;
}

/* The last audit row of `s` (0 and "" when none) and its schema version. */
static enum cs_rc
read_head(sqlite3 *s, struct cs_backup_info *info, const char *what,
          struct cs_error *err)
{
    sqlite3_stmt *st = NULL;
    int src;

    info->audit_id = 0;
    info->audit_head[0] = '\0';
    src = sqlite3_prepare_v2(s, "SELECT id, hash FROM audit"
                                " ORDER BY id DESC LIMIT 1", -1, &st, NULL);
    if (src == SQLITE_OK && (src = sqlite3_step(st)) == SQLITE_ROW) {
        info->audit_id = sqlite3_column_int64(st, 0);
        snprintf(info->audit_head, sizeof info->audit_head, "%s",
                 (const char *)sqlite3_column_text(st, 1));
        src = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    if (src != SQLITE_DONE)
        return sql_error(s, src, what, err);
    src = sqlite3_prepare_v2(s, "PRAGMA user_version", -1, &st, NULL);
    if (src == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        info->schema = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return CS_OK;
}

/*
 * Copy database `from` into a new file `path` (mode `mode`): written under
 * a temporary name beside it, made a file of its own (rollback journal:
 * nothing to carry with it), synced, then renamed over `path`. The
 * copy's audit head and schema go to `info` (may be NULL).
 */
static enum cs_rc
copy_to_file(sqlite3 *from, const char *path, mode_t mode,
             struct cs_backup_info *info, struct cs_error *err)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16), *journal = malloc(n + 32);
    sqlite3 *to = NULL;
    struct cs_backup_info mine;
    enum cs_rc rc = CS_OK;
    int fd = -1, src;

    if (tmp == NULL || journal == NULL) {
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        goto out;
    }
    snprintf(tmp, n + 16, "%s.tmp-XXXXXX", path);
    if ((fd = mkstemp(tmp)) < 0) {
        tmp[0] = '\0';
        rc = cs_error_set(err, CS_ECREATE, _("Cannot create %s: %s"), path,
                          strerror(errno));
        goto out;
    }
    snprintf(journal, n + 32, "%s-journal", tmp);
    if (fchmod(fd, mode) != 0) {
        rc = cs_error_set(err, CS_ECREATE, _("Cannot create %s: %s"), path,
                          strerror(errno));
        goto out;
    }
    src = sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE
                          | SQLITE_OPEN_NOMUTEX, NULL);
    if (src != SQLITE_OK) {
        rc = sql_error(to, src, path, err);
        goto out;
    }
    if ((rc = copy_pages(to, from, path, err)) != CS_OK)
        goto out;
    /* The pages say WAL, as the live file does: a backup is one file. */
    src = sqlite3_exec(to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    if (src != SQLITE_OK) {
        rc = sql_error(to, src, path, err);
        goto out;
    }
    if ((rc = read_head(to, info ? info : &mine, path, err)) != CS_OK)
        goto out;
    src = sqlite3_close(to);
    to = NULL;
    if (src != SQLITE_OK || fsync(fd) != 0) {
        rc = cs_error_set(err, CS_EIO, _("Cannot write %s: %s."), path,
                          strerror(errno));
        goto out;
    }
    if (rename(tmp, path) != 0) {
        rc = cs_error_set(err, CS_ECREATE, _("Cannot create %s: %s"), path,
                          strerror(errno));
        goto out;
    }
    tmp[0] = '\0';
out:
    sqlite3_close(to);
    if (fd >= 0)
        close(fd);
    if (tmp && tmp[0]) {
        unlink(tmp);
        unlink(journal);
    }
    free(tmp);
    free(journal);
    return rc;
}

/* ---------------------------------------------------------------- manifest */

static const char *
base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

static enum cs_rc
manifest_write(const char *path, mode_t mode,
               const struct cs_backup_info *in, struct cs_error *err)
{
    char *name = export_manifest_path(path);
    struct outfile f;
    enum cs_rc rc;

    if (name == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    if ((rc = outfile_open(&f, name, mode, err)) == CS_OK) {
        fputs("# " BACKUP_FORMAT ": checked by `consult restore FILE`\n",
              f.fp);
        manifest_put(f.fp, "format", BACKUP_FORMAT);
        manifest_put(f.fp, "file", base_name(path));
        manifest_put_int(f.fp, "bytes", (int64_t)in->bytes);
        manifest_put(f.fp, "sha256", in->sha256);
        manifest_put_int(f.fp, "audit_id", in->audit_id);
        manifest_put(f.fp, "audit_head", in->audit_head);
        manifest_put_int(f.fp, "schema", in->schema);
        manifest_put(f.fp, "created_by", in->by);
        manifest_put(f.fp, "created_at", in->at);
        manifest_put(f.fp, "consult_version", cs_version());
        rc = outfile_finish(&f, CS_OK, err);
        rc = outfile_commit(&f, rc, err);
        outfile_drop(&f);
    }
    free(name);
    return rc;
}

static bool
parse_num(const char *v, int64_t *out)
{
    char *end;
    long long n;

    errno = 0;
    n = strtoll(v, &end, 10);
    if (errno || end == v || *end || n < 0)
        return false;
    *out = n;
    return true;
}

enum { HAS_BYTES = 1, HAS_SHA = 2, HAS_ID = 4, HAS_HEAD = 8 };

static enum cs_rc
manifest_read(const char *path, struct cs_backup_info *m,
              struct cs_error *err)
{
    char *name = export_manifest_path(path);
    char line[1024], format[64] = "";
    unsigned seen = 0;
    bool bad = false;
    int64_t num = 0;
    FILE *fp;

    memset(m, 0, sizeof *m);
    if (name == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    if ((fp = host_user_fopen(name, "r")) == NULL) {
        enum cs_rc rc = cs_error_set(err,
            errno == ENOENT ? CS_ENOTFOUND : CS_EIO,
            _("Cannot read the manifest %s: %s."), name, strerror(errno));
        free(name);
        return rc;
    }
    while (!bad && fgets(line, sizeof line, fp)) {
        char *v;

        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if ((v = strstr(line, ": ")) == NULL) {
            if ((v = strchr(line, ':')) == NULL || v[1] != '\0') {
                bad = true;
                break;
            }
            *v++ = '\0';
        } else {
            *v = '\0';
            v += 2;
        }
        manifest_unescape(v);
        if (strcmp(line, "format") == 0) {
            snprintf(format, sizeof format, "%s", v);
        } else if (strcmp(line, "bytes") == 0) {
            bad = !parse_num(v, &num);
            m->bytes = (uint64_t)num;
            seen |= HAS_BYTES;
        } else if (strcmp(line, "sha256") == 0) {
            snprintf(m->sha256, sizeof m->sha256, "%s", v);
            seen |= HAS_SHA;
        } else if (strcmp(line, "audit_id") == 0) {
            bad = !parse_num(v, &m->audit_id);
            seen |= HAS_ID;
        } else if (strcmp(line, "audit_head") == 0) {
            snprintf(m->audit_head, sizeof m->audit_head, "%s", v);
            seen |= HAS_HEAD;
        } else if (strcmp(line, "schema") == 0) {
            bad = !parse_num(v, &num) || num > 1000000;
            m->schema = (int)num;
        } else if (strcmp(line, "created_by") == 0) {
            snprintf(m->by, sizeof m->by, "%s", v);
        } else if (strcmp(line, "created_at") == 0) {
            snprintf(m->at, sizeof m->at, "%s", v);
        }
    }
    fclose(fp);
    if (bad || strcmp(format, BACKUP_FORMAT) != 0
        || seen != (HAS_BYTES | HAS_SHA | HAS_ID | HAS_HEAD)) {
        enum cs_rc rc = cs_error_set(err, CS_EINVAL,
            _("%s is not a consult backup manifest."), name);
        free(name);
        return rc;
    }
    free(name);
    return CS_OK;
}

/* ---------------------------------------------------------------- backup */

/* True if `a` and `b` name the same file (both exist). */
static bool
same_file(const char *a, const char *b)
{
    struct stat sa, sb;

    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev
           && sa.st_ino == sb.st_ino;
}

enum cs_rc
cs_backup_write(struct cs_db *db, const char *path, bool shared,
                struct cs_backup_info *info, struct cs_error *err)
{
    struct cs_backup_info in;
    struct stat sb;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_BACKUP, err)) != CS_OK)
        return rc;
    if (path == NULL || path[0] == '\0')
        return cs_error_set(err, CS_EINVAL, "%s", _("No backup file given."));
    if (same_file(path, db->path))
        return cs_error_set(err, CS_EINVAL,
            _("%s is the database itself: give the backup another name."),
            path);
    if (strcmp(path, "-") == 0 || outfile_is_stream(path)
        || (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)))
        return cs_error_set(err, CS_EINVAL,
            _("%s is not a regular file: a backup is a database file."),
            path);
    memset(&in, 0, sizeof in);
    util_now(in.at);
    snprintf(in.by, sizeof in.by, "%s", db->login);
    /* The user's file, with the user's rights (consult/host.h). */
    if (host_user_begin() != 0)
        return cs_error_set(err, CS_ECREATE, _("Cannot create %s: %s"), path,
                            strerror(errno));
    rc = copy_to_file(db->sql, path, OUTFILE_MODE(shared), &in, err);
    host_user_end();
    if (rc != CS_OK)
        return rc;
    if ((rc = manifest_file_digest(path, in.sha256, &in.bytes, err)) != CS_OK
        || (rc = manifest_write(path, OUTFILE_MODE(shared), &in, err))
           != CS_OK)
        return rc;
    /* The journal's key goes with the copy, so that checking the backup
     * proves its keyed rows (FILE.key, beside it). */
    {
        char *key = malloc(strlen(path) + 5);

        if (key == NULL)
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        strcpy(key, path);
        strcat(key, ".key");
        rc = audit_key_copy(db, key, OUTFILE_MODE(shared), err);
        free(key);
        if (rc != CS_OK)
            return rc;
    }
    if (info)
        *info = in;
    return CS_OK;
}

/* ---------------------------------------------------------------- check */

/* PRAGMA integrity_check on the file at `path`, opened read-only. */
static enum cs_rc
integrity(const char *path, struct cs_error *err)
{
    sqlite3 *s = NULL;
    sqlite3_stmt *st = NULL;
    char first[200] = "";
    int src;
    enum cs_rc rc = CS_OK;

    src = sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY
                          | SQLITE_OPEN_NOMUTEX, NULL);
    if (src == SQLITE_OK)
        src = sqlite3_prepare_v2(s, "PRAGMA integrity_check", -1, &st,
                                 NULL);
    if (src == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        snprintf(first, sizeof first, "%s",
                 (const char *)sqlite3_column_text(st, 0));
    else if (src == SQLITE_OK)
        src = sqlite3_errcode(s);
    if (src != SQLITE_OK)
        snprintf(first, sizeof first, "%s",
                 s ? sqlite3_errmsg(s) : sqlite3_errstr(src));
    if (strcmp(first, "ok") != 0)
        rc = cs_error_set(err, CS_ECONFLICT,
            _("%s fails SQLite's integrity check: %s."), path, first);
    sqlite3_finalize(st);
    sqlite3_close(s);
    return rc;
}

static enum cs_rc backup_check(const char *path,
                               struct cs_backup_info *info,
                               struct cs_error *err);

/* A backup is the user's file: read with the user's rights. */
enum cs_rc
cs_backup_check(const char *path, struct cs_backup_info *info,
                struct cs_error *err)
{
    enum cs_rc rc;

    if (host_user_begin() != 0)
        return cs_error_set(err, CS_EIO, _("Cannot open %s: %s"), path,
                            strerror(errno));
    rc = backup_check(path, info, err);
    host_user_end();
    return rc;
}

static enum cs_rc
backup_check(const char *path, struct cs_backup_info *info,
             struct cs_error *err)
{
    struct cs_open_opts o = { CS_OPEN_READONLY, 0, NULL };
    struct cs_backup_info m;
    struct cs_db *copy = NULL;
    char sha[CS_HASH_HEX], head[CS_HASH_HEX] = "";
    uint64_t bytes = 0;
    int64_t rows = 0;
    enum cs_rc rc;

    if (path == NULL || path[0] == '\0')
        return cs_error_set(err, CS_EINVAL, "%s", _("No backup file given."));
    if ((rc = manifest_read(path, &m, err)) != CS_OK)
        return rc;
    if (info)
        *info = m;
    if ((rc = manifest_file_digest(path, sha, &bytes, err)) != CS_OK)
        return rc;
    if (bytes != m.bytes)
        return cs_error_set(err, CS_ECONFLICT,
            _("%s does not match its manifest: %llu bytes where the "
              "manifest says %llu."), path, (unsigned long long)bytes,
            (unsigned long long)m.bytes);
    if (strcmp(sha, m.sha256) != 0)
        return cs_error_set(err, CS_ECONFLICT,
            _("%s does not match its manifest: the SHA-256 differs."), path);
    if ((rc = integrity(path, err)) != CS_OK)
        return rc;
    if ((rc = cs_db_open(&copy, path, &o, err)) != CS_OK)
        return rc;
    rc = audit_verify_chain(copy, &rows, NULL, head, err);
    cs_db_close(copy);
    if (rc == CS_ECONFLICT) {
        char why[sizeof err->msg];

        snprintf(why, sizeof why, "%s", err->msg);
        return cs_error_set(err, CS_ECONFLICT,
                            _("The audit log of %s is broken: %s"), path, why);
    }
    if (rc != CS_OK)
        return rc;
    if (rows != m.audit_id || (rows > 0 && strcmp(head, m.audit_head) != 0))
        return cs_error_set(err, CS_ECONFLICT,
            _("The audit log of %s ends at row %lld, not at row %lld with "
              "the hash its manifest records."), path, (long long)rows,
            (long long)m.audit_id);
    return CS_OK;
}

/* ---------------------------------------------------------------- restore */

/* "DB.before-restore-YYYYMMDD-HHMMSS", with "-2", "-3"... if taken. */
static enum cs_rc
kept_name(const char *db_path, char *out, size_t size, struct cs_error *err)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    struct stat sb;

    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    for (int i = 1; i < 100; i++) {
        int n = i == 1
            ? snprintf(out, size, "%s.before-restore-%s", db_path, stamp)
            : snprintf(out, size, "%s.before-restore-%s-%d", db_path, stamp,
                       i);

        if (n < 0 || (size_t)n >= size)
            break;
        if (stat(out, &sb) != 0 && errno == ENOENT)
            return CS_OK;
    }
    return cs_error_set(err, CS_ECREATE,
                        _("No name left to keep %s before the restore."),
                        db_path);
}

enum cs_rc
cs_backup_restore(struct cs_db *db, const char *path, char *kept,
                  size_t kept_size, struct cs_error *err)
{
    struct cs_backup_info m, was;
    struct stat sb;
    sqlite3 *from = NULL;
    char *json = NULL;
    enum cs_rc rc;
    int src;

    if ((rc = op_require(db, CS_OP_RESTORE, err)) != CS_OK)
        return rc;
    /* Its kept copy goes beside the database, where the user may not
     * write: the system's administrator restores a shared host. */
    if (cs_host_mode())
        return cs_error_set(err, CS_EPERM, "%s",
            _("A shared host's database is not restored through consult: "
              "its system administrator puts the backup in its place (see "
              "SECURITY.md)."));
    if (db->readonly != CS_READONLY_NO)
        return cs_error_set(err, CS_EREADONLY, _("Cannot write: %s."),
                            db->readonly_reason);
    if (path && same_file(path, db->path))
        return cs_error_set(err, CS_EINVAL,
            _("%s is the database itself: give the backup another name."),
            path);
    if ((rc = cs_backup_check(path, &m, err)) != CS_OK)
        return rc;
    if (stat(db->path, &sb) != 0)
        return cs_error_set(err, CS_EIO, _("Cannot open %s: %s"), db->path,
                            strerror(errno));
    /* The database as it is, first, as a backup with its manifest: a
     * restore is undone by restoring it. */
    memset(&was, 0, sizeof was);
    util_now(was.at);
    snprintf(was.by, sizeof was.by, "%s", db->login);
    if ((rc = kept_name(db->path, kept, kept_size, err)) != CS_OK
        || (rc = copy_to_file(db->sql, kept, sb.st_mode & 0777, &was, err))
           != CS_OK
        || (rc = manifest_file_digest(kept, was.sha256, &was.bytes, err))
           != CS_OK
        || (rc = manifest_write(kept, sb.st_mode & 0777, &was, err))
           != CS_OK)
        return rc;
    src = sqlite3_open_v2(path, &from, SQLITE_OPEN_READONLY
                          | SQLITE_OPEN_NOMUTEX, NULL);
    if (src != SQLITE_OK) {
        rc = sql_error(from, src, path, err);
        sqlite3_close(from);
        return rc;
    }
    rc = copy_pages(db->sql, from, db->path, err);
    sqlite3_close(from);
    if (rc != CS_OK)
        return rc;
    if ((rc = role_reload(db, err)) != CS_OK)
        return rc;
    /* The restored journal says so, and from what. */
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    {
        struct stmt st = STMT_INIT;

        stmt_prepare(&st, db, "SELECT json_object('file', :file, 'sha256',"
                              " :sha, 'audit_id', :id, 'kept', :kept)");
        stmt_bind_text(&st, ":file", path);
        stmt_bind_text(&st, ":sha", m.sha256);
        stmt_bind_int64(&st, ":id", m.audit_id);
        stmt_bind_text(&st, ":kept", kept);
        if (stmt_row(&st))
            json = stmt_text_dup(&st, 0);
        rc = stmt_status(&st, err);
        stmt_finish(&st);
    }
    if (rc == CS_OK)
        rc = audit_write_raw(db, "restore", "meta", 0, 0, NULL, json, err);
    free(json);
    return txn_end(db, rc, err);
}
