/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * export_manifest.c: the manifest written beside every export file, and
 * checking a file against it.
 *
 * A manifest is plain text, one "key: value" per line, readable by a
 * person and by `consult export verify`: what was exported (kind, profile,
 * filters, as-of time, format), the journal position the data reflect and
 * that row's chained hash, the file's row count, size and SHA-256 (nettle),
 * who made it and when. Values are on one line: a backslash, CR or LF in
 * one is written \\, \r, \n.
 */
#include "consult/export.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <nettle/sha2.h>

#include "consult/types.h"
#include "export_manifest.h"
#include "i18n.h"
#include "host_priv.h"
#include "outfile.h"
#include "stmt.h"

#define MANIFEST_FORMAT "consult-export-manifest 1"

/* ---------------------------------------------------------------- writing */

/* The manifest is a file the export writes, not output to a person: plain
 * stdio calls on the caller's stream (no fprintf, which the core keeps
 * for nothing). */
void
manifest_put(FILE *fp, const char *key, const char *v)
{
    fputs(key, fp);
    fputs(": ", fp);
    for (const char *p = v ? v : ""; *p; p++) {
        if (*p == '\\')
            fputs("\\\\", fp);
        else if (*p == '\n')
            fputs("\\n", fp);
        else if (*p == '\r')
            fputs("\\r", fp);
        else
            fputc(*p, fp);
    }
    fputc('\n', fp);
}

void
manifest_put_int(FILE *fp, const char *key, int64_t v)
{
    char num[24];

    snprintf(num, sizeof num, "%" PRId64, v);
    manifest_put(fp, key, num);
}

static const char *
base_name(const char *path)
{
    const char *slash;

    if (path == NULL)
        return "-";
    slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static const char *
delimiter_word(char d, char buf[2])
{
    if (d == 0 || d == ',')
        return "comma";
    if (d == ';')
        return "semicolon";
    if (d == '\t')
        return "tab";
    buf[0] = d;
    buf[1] = '\0';
    return buf;
}

enum cs_rc
export_manifest_print(FILE *fp, const struct cs_export_options *opt,
                      const char *path, const char *top_path,
                      const struct cs_export_result *r, struct cs_error *err)
{
    char d[2], top[24];

    fputs("# " MANIFEST_FORMAT ": checked by `consult export verify FILE`\n",
          fp);
    manifest_put(fp, "format", MANIFEST_FORMAT);
    manifest_put(fp, "kind", cs_export_kind_name(r->kind));
    manifest_put(fp, "profile", cs_export_profile_name(r->profile));
    manifest_put(fp, "file", base_name(path));
    manifest_put_int(fp, "rows", r->rows);
    manifest_put_int(fp, "bytes", (int64_t)r->bytes);
    manifest_put(fp, "sha256", r->sha256);
    if (top_path) {
        manifest_put(fp, "top_file", base_name(top_path));
        manifest_put_int(fp, "top_rows", r->top_rows);
        manifest_put_int(fp, "top_bytes", (int64_t)r->top_bytes);
        manifest_put(fp, "top_sha256", r->top_sha256);
    }
    manifest_put(fp, "consultation", opt->consultation);
    manifest_put(fp, "theme", opt->theme);
    manifest_put(fp, "status", opt->status == -1 ? ""
              : cs_status_name((enum cs_status)opt->status));
    manifest_put(fp, "channel", opt->channel == -1 ? ""
              : cs_channel_name((enum cs_channel)opt->channel));
    manifest_put(fp, "since", opt->since);
    manifest_put(fp, "until", opt->until);
    /* Written only when given: manifests without it stay as they were. */
    if (opt->submitted_until)
        manifest_put(fp, "submitted_until", opt->submitted_until);
    if (opt->paper_batch_id != 0)
        manifest_put_int(fp, "paper_batch", opt->paper_batch_id);
    if (opt->tag)
        manifest_put(fp, "tag", opt->tag);
    if (opt->search)
        manifest_put(fp, "search", opt->search);
    if (opt->order != CS_ORDER_ID || opt->descending) {
        static const char *const orders[] = {
            [CS_ORDER_DATE] = "date", [CS_ORDER_ID] = "id",
            [CS_ORDER_SUPPORT] = "support",
            [CS_ORDER_RELEVANCE] = "relevance",
        };
        char sort[32];

        snprintf(sort, sizeof sort, "%s%s", orders[opt->order],
                 opt->descending ? " desc" : "");
        manifest_put(fp, "sort", sort);
    }
    manifest_put(fp, "as_of", r->as_of);
    snprintf(top, sizeof top, "%zu", opt->top);
    manifest_put(fp, "top", opt->top ? top : "");
    manifest_put(fp, "headers", opt->french_headers ? "fr" : "en");
    if (opt->kind == CS_EXPORT_SUMMARY)
        manifest_put(fp, "by", opt->by_channel ? "channel" : "theme");
    manifest_put(fp, "delimiter", delimiter_word(opt->csv.delimiter, d));
    manifest_put(fp, "line_ending", opt->csv.crlf ? "CRLF" : "LF");
    manifest_put(fp, "bom", opt->csv.bom ? "yes" : "no");
    manifest_put_int(fp, "audit_id", r->audit_id);
    manifest_put(fp, "audit_head", r->audit_head);
    manifest_put(fp, "audit_verified", r->audit_verified ? "yes" : "no");
    /* The database the rows come from: its idea numbers are its own. */
    if (r->database_id[0])
        manifest_put(fp, "database_id", r->database_id);
    manifest_put(fp, "created_by", r->by);
    manifest_put(fp, "created_at", r->at);
    manifest_put(fp, "consult_version", cs_version());
    if (ferror(fp))
        return cs_error_set(err, CS_EIO, _("Cannot write the manifest: %s."),
                            strerror(errno));
    return CS_OK;
}

enum cs_rc
cs_export_manifest_write(const char *manifest,
                         const struct cs_export_options *opt,
                         const char *path, const char *top_path,
                         const struct cs_export_result *res,
                         struct cs_error *err)
{
    struct outfile f;
    enum cs_rc rc;

    if (manifest == NULL || opt == NULL || res == NULL)
        return cs_error_set(err, CS_EINVAL, "%s", _("No manifest to write."));
    if ((rc = outfile_open(&f, manifest, OUTFILE_MODE(opt->shared), err))
        != CS_OK)
        return rc;
    if (path && strcmp(path, "-") == 0)
        path = NULL;
    if (top_path && strcmp(top_path, "-") == 0)
        top_path = NULL;
    rc = export_manifest_print(f.fp, opt, path, top_path, res, err);
    rc = outfile_finish(&f, rc, err);
    rc = outfile_commit(&f, rc, err);
    outfile_drop(&f);
    return rc;
}

/* ---------------------------------------------------------------- reading */

/* The values verify needs, unescaped. */
struct manifest {
    char format[64];
    char kind[32];
    char sha256[CS_HASH_HEX];
    int64_t rows;
    uint64_t bytes;
    char top_file[256];
    char top_sha256[CS_HASH_HEX];
    int64_t top_rows;
    uint64_t top_bytes;
    char delimiter;
    int64_t audit_id;
    char audit_head[CS_HASH_HEX];
    char database_id[CS_DB_ID_HEX];
    unsigned seen;          /* M_* bits */
};

enum { M_SHA = 1, M_ROWS = 2, M_BYTES = 4, M_TOP_SHA = 8, M_TOP_ROWS = 16,
       M_TOP_BYTES = 32 };

void
manifest_unescape(char *s)
{
    char *o = s;

    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *o++ = *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

static bool
parse_i64(const char *v, int64_t *out)
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

static enum cs_rc
manifest_read(const char *path, struct manifest *m, struct cs_error *err)
{
    char line[1024];
    FILE *fp;
    long n = 0;
    bool bad = false;

    memset(m, 0, sizeof *m);
    m->delimiter = ',';
    if ((fp = host_user_fopen(path, "r")) == NULL)
        return cs_error_set(err, errno == ENOENT ? CS_ENOTFOUND : CS_EIO,
                            _("Cannot read the manifest %s: %s."), path,
                            strerror(errno));
    while (!bad && fgets(line, sizeof line, fp)) {
        char *colon, *v;
        int64_t num = 0;

        n++;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if ((colon = strstr(line, ": ")) == NULL) {
            if ((colon = strchr(line, ':')) == NULL || colon[1] != '\0') {
                bad = true;
                break;
            }
            v = colon + 1;
        } else {
            v = colon + 2;
        }
        *colon = '\0';
        manifest_unescape(v);
        if (strcmp(line, "format") == 0)
            snprintf(m->format, sizeof m->format, "%s", v);
        else if (strcmp(line, "kind") == 0)
            snprintf(m->kind, sizeof m->kind, "%s", v);
        else if (strcmp(line, "sha256") == 0) {
            snprintf(m->sha256, sizeof m->sha256, "%s", v);
            m->seen |= M_SHA;
        } else if (strcmp(line, "rows") == 0) {
            bad = !parse_i64(v, &m->rows);
            m->seen |= M_ROWS;
        } else if (strcmp(line, "bytes") == 0) {
            bad = !parse_i64(v, &num);
            m->bytes = (uint64_t)num;
            m->seen |= M_BYTES;
        } else if (strcmp(line, "top_file") == 0)
            snprintf(m->top_file, sizeof m->top_file, "%s", v);
        else if (strcmp(line, "top_sha256") == 0) {
            snprintf(m->top_sha256, sizeof m->top_sha256, "%s", v);
            m->seen |= M_TOP_SHA;
        } else if (strcmp(line, "top_rows") == 0) {
            bad = !parse_i64(v, &m->top_rows);
            m->seen |= M_TOP_ROWS;
        } else if (strcmp(line, "top_bytes") == 0) {
            bad = !parse_i64(v, &num);
            m->top_bytes = (uint64_t)num;
            m->seen |= M_TOP_BYTES;
        } else if (strcmp(line, "delimiter") == 0) {
            m->delimiter = strcmp(v, "comma") == 0 ? ','
                : strcmp(v, "semicolon") == 0 ? ';'
                : strcmp(v, "tab") == 0 ? '\t' : v[0];
        } else if (strcmp(line, "audit_id") == 0) {
            bad = !parse_i64(v, &m->audit_id);
        } else if (strcmp(line, "audit_head") == 0) {
            snprintf(m->audit_head, sizeof m->audit_head, "%s", v);
        } else if (strcmp(line, "database_id") == 0) {
            snprintf(m->database_id, sizeof m->database_id, "%s", v);
        }
    }
    fclose(fp);
    if (bad || strcmp(m->format, MANIFEST_FORMAT) != 0
        || (m->seen & (M_SHA | M_ROWS | M_BYTES)) != (M_SHA | M_ROWS | M_BYTES)
        || (m->top_file[0] && (m->seen & (M_TOP_SHA | M_TOP_ROWS
                                          | M_TOP_BYTES))
                              != (M_TOP_SHA | M_TOP_ROWS | M_TOP_BYTES)))
        return cs_error_set(err, CS_EINVAL,
            _("%s is not a consult export manifest (line %ld)."), path, n);
    return CS_OK;
}

enum cs_rc
manifest_file_digest(const char *path, char hex[CS_HASH_HEX], uint64_t *bytes,
            struct cs_error *err)
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    char *buf;
    size_t n;
    FILE *fp;
    enum cs_rc rc = CS_OK;

    if ((fp = host_user_fopen(path, "rb")) == NULL)
        return cs_error_set(err, errno == ENOENT ? CS_ENOTFOUND : CS_EIO,
                            _("Cannot read %s: %s."), path, strerror(errno));
    if ((buf = malloc(65536)) == NULL) {
        fclose(fp);
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    sha256_init(&ctx);
    *bytes = 0;
    while ((n = fread(buf, 1, 65536, fp)) > 0) {
        sha256_update(&ctx, n, (const uint8_t *)buf);
        *bytes += n;
    }
    if (ferror(fp))
        rc = cs_error_set(err, CS_EIO, _("Cannot read %s: %s."), path,
                          strerror(errno));
    fclose(fp);
    free(buf);
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    return rc;
}

/* Data rows of the CSV file at `path` (its records less the header). */
static enum cs_rc
file_rows(const char *path, char delimiter, int64_t *rows,
          struct cs_error *err)
{
    struct cs_csv_options o;
    struct cs_csv_reader *r;
    struct cs_csv_record rec;
    struct cs_csv_info info;
    struct cs_error e;
    enum cs_rc rc;

    memset(&o, 0, sizeof o);
    o.delimiter = delimiter;
    o.allow_binary = true;          /* count whatever the file became */
    if ((rc = cs_csv_reader_open(path, &o, &r, err)) != CS_OK)
        return rc;
    /* A bad record (the file was edited into invalid text) still counts
     * as a row: it is one, and the digest already says the file differs. */
    while ((rc = cs_csv_reader_next(r, &rec, &e)) == CS_OK || rc == CS_EINVAL)
        ;
    cs_csv_reader_info(r, &info);
    cs_csv_reader_close(r);
    if (rc != CS_ENOTFOUND) {
        if (err)
            *err = e;
        return rc;
    }
    *rows = info.records > 0 ? info.records - 1 : 0;
    return CS_OK;
}

/* The path of `name` in the directory of `manifest`. */
static char *
beside(const char *manifest, const char *name)
{
    const char *slash = strrchr(manifest, '/');
    size_t dir = slash ? (size_t)(slash - manifest) + 1 : 0;
    char *s = malloc(dir + strlen(name) + 1);

    if (s) {
        memcpy(s, manifest, dir);
        strcpy(s + dir, name);
    }
    return s;
}

/* Append a clause to the "what differs" message. */
static void
say(char *msg, size_t n, const char *clause)
{
    size_t len = strlen(msg);

    /* TRANSLATORS: joins the reasons a file fails its manifest. */
    snprintf(msg + len, n - len, "%s%s", len ? _("; ") : "", clause);
}

char *
export_manifest_path(const char *path)
{
    char *p = malloc(strlen(path) + sizeof ".manifest");

    if (p != NULL)
        sprintf(p, "%s.manifest", path);
    return p;
}

enum cs_rc
cs_export_verify(const char *path, const char *manifest,
                 struct cs_export_check *out, struct cs_error *err)
{
    struct cs_export_check c;
    struct manifest *m;
    char *man_auto = NULL, *top = NULL;
    char what[256] = "", clause[128];
    enum cs_rc rc;

    if (path == NULL)
        return cs_error_set(err, CS_EINVAL, "%s", _("No file to verify."));
    if ((m = malloc(sizeof *m)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    memset(&c, 0, sizeof c);
    if (manifest == NULL) {
        if ((man_auto = export_manifest_path(path)) == NULL) {
            rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
            goto out;
        }
        manifest = man_auto;
    }
    if ((rc = manifest_read(manifest, m, err)) != CS_OK
        || (rc = manifest_file_digest(path, c.sha256, &c.bytes, err)) != CS_OK
        || (rc = file_rows(path, m->delimiter, &c.rows, err)) != CS_OK)
        goto out;
    snprintf(c.kind, sizeof c.kind, "%s", m->kind);
    snprintf(c.manifest_sha256, sizeof c.manifest_sha256, "%s", m->sha256);
    snprintf(c.audit_head, sizeof c.audit_head, "%s", m->audit_head);
    memcpy(c.database_id, m->database_id, sizeof c.database_id);
    c.audit_id = m->audit_id;
    c.manifest_rows = m->rows;
    c.manifest_bytes = m->bytes;
    c.sha256_ok = strcmp(c.sha256, m->sha256) == 0;
    c.rows_ok = c.rows == m->rows;
    c.bytes_ok = c.bytes == m->bytes;
    if (!c.sha256_ok)
        say(what, sizeof what, _("the SHA-256 differs"));
    if (!c.rows_ok) {
        snprintf(clause, sizeof clause,
                 _("%lld rows where the manifest says %lld"),
                 (long long)c.rows, (long long)m->rows);
        say(what, sizeof what, clause);
    }
    if (!c.bytes_ok) {
        snprintf(clause, sizeof clause,
                 _("%llu bytes where the manifest says %llu"),
                 (unsigned long long)c.bytes, (unsigned long long)m->bytes);
        say(what, sizeof what, clause);
    }
    if (m->top_file[0]) {
        char sha[CS_HASH_HEX];
        uint64_t bytes = 0;
        int64_t rows = 0;

        c.top_checked = true;
        if ((top = beside(manifest, m->top_file)) == NULL) {
            rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
            goto out;
        }
        if ((rc = manifest_file_digest(top, sha, &bytes, err)) != CS_OK
            || (rc = file_rows(top, m->delimiter, &rows, err)) != CS_OK)
            goto out;
        c.top_ok = strcmp(sha, m->top_sha256) == 0 && rows == m->top_rows
            && bytes == m->top_bytes;
        if (!c.top_ok) {
            snprintf(clause, sizeof clause, _("the top file %s differs"),
                     m->top_file);
            say(what, sizeof what, clause);
        }
    }
    if (what[0])
        rc = cs_error_set(err, CS_ECONFLICT,
                          _("%s does not match its manifest: %s."),
                          base_name(path), what);
out:
    if (out && (rc == CS_OK || rc == CS_ECONFLICT))
        *out = c;
    free(man_auto);
    free(top);
    free(m);
    return rc;
}

enum cs_rc
manifest_import_check(const char *path, bool no_verify,
                      char db_id[CS_DB_ID_HEX], struct cs_error *err)
{
    struct cs_export_check c;
    struct manifest *m;
    struct stat sb;
    char *man;
    enum cs_rc rc = CS_OK;

    db_id[0] = '\0';
    if ((man = export_manifest_path(path)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    if (stat(man, &sb) != 0) {
        free(man);              /* no manifest: nothing to check */
        return CS_OK;
    }
    if (no_verify) {
        /* Not checked, but its database still says whose idea numbers
         * the file holds. */
        if ((m = malloc(sizeof *m)) == NULL) {
            free(man);
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        }
        if (manifest_read(man, m, NULL) == CS_OK)
            memcpy(db_id, m->database_id, CS_DB_ID_HEX);
        free(m);
        free(man);
        return CS_OK;
    }
    rc = cs_export_verify(path, man, &c, err);
    if (rc == CS_OK) {
        memcpy(db_id, c.database_id, CS_DB_ID_HEX);
    } else if (err && (rc == CS_ECONFLICT || rc == CS_EINVAL)) {
        char why[sizeof err->msg];

        memcpy(why, err->msg, sizeof why);
        rc = cs_error_set(err, rc,
            _("%s Nothing was imported: a file changed since its export "
              "may no longer say what the desk that made it exported. "
              "Import it as it is with --no-verify, or without %s "
              "beside it."), why, base_name(man));
    }
    free(man);
    return rc;
}

enum cs_rc
cs_export_check_journal(struct cs_db *db, const struct cs_export_check *chk,
                        struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    bool same = false, found = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if (chk->audit_id == 0)
        return CS_OK;       /* made from an empty journal */
    stmt_prepare(&st, db, "SELECT hash FROM audit WHERE id = :id");
    stmt_bind_int64(&st, ":id", chk->audit_id);
    if (stmt_row(&st)) {
        found = true;
        same = strcmp(stmt_text(&st, 0), chk->audit_head) == 0;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !same)
        rc = cs_error_set(err, CS_ECONFLICT,
            found ? _("Journal row %lld of this database is not the "
                      "one the export was made at: another database, or "
                      "a journal edited outside consult.")
                  : _("This database's journal has no row %lld: "
                      "the export was made from another database."),
            (long long)chk->audit_id);
    return rc;
}
