/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import.c: cs_import_file, from a CSV file to an import batch.
 *
 * The steps, in order:
 *   1. the file's SHA-256 (nettle), read once before anything else;
 *   2. its dialect and header (csv.h), matched to the kind's fields
 *      (import_map.c): a missing required column stops here, before any
 *      row and before any write;
 *   3. one write transaction (BEGIN IMMEDIATE): if a batch with the same
 *      checksum imported rows and was not undone, nothing more is done;
 *      else the batch row, then each row checked and written
 *      (import_rows.c), refused rows to the reject file, then the counts
 *      kept in memory, the full-text index of the new ideas, the batch's
 *      totals and its audit row;
 *   4. COMMIT, or ROLLBACK for a dry run, a refusal under --all-or-nothing,
 *      a cancel or any failure. A process killed on the way leaves a
 *      journal that SQLite rolls back at the next open.
 *
 * While the transaction runs the page cache is larger (PRAGMA cache_size):
 * index pages of a large table are then found in memory rather than read
 * again; it stays bounded, and is put back afterwards. The database stays
 * in WAL mode: measured on the benchmark's files, a rollback journal
 * brought nothing once the per-row costs were gone, and WAL lets others
 * read during an import.
 */
#include "consult/import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>
#include <unistr.h>

#include "audit_priv.h"
#include "db_priv.h"
#include "consult/consultation.h"
#include "consult/theme.h"
#include "consult/types.h"
#include "i18n.h"
#include "host_priv.h"
#include "idea_priv.h"
#include "export_manifest.h"
#include "outfile.h"
#include "import_shared.h"
#include "participant_priv.h"
#include "stmt.h"

/* Page cache while importing, in KiB. SQLite's sorter (the ORDER BY and
 * GROUP BY of a vote import) may take as much again: with the importer's
 * own tables this keeps a million-vote import under 32 MiB (measured with
 * bench/import.sh). */
#define IMPORT_CACHE_KIB 8192

void
cs_import_report_init(struct cs_import_report *r)
{
    memset(r, 0, sizeof *r);
    r->looks_like = CS_IMPORT_KIND_COUNT;
}

void
cs_import_report_clear(struct cs_import_report *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->unknown_count; i++)
        free(r->unknown_columns[i]);
    free(r->unknown_columns);
    free(r->rejects_path);
    for (size_t i = 0; i < r->nmissing_themes; i++)
        free(r->missing_themes[i].title);
    free(r->missing_themes);
    memset(r, 0, sizeof *r);
    r->looks_like = CS_IMPORT_KIND_COUNT;
}

/* ---------------------------------------------------------------- checksum */

static enum cs_rc
file_sha256(const char *path, char out[65], struct cs_error *err)
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    unsigned char *buf;
    struct stat sb;
    FILE *fp;
    size_t n;
    int e;

    if (stat(path, &sb) != 0) {
        e = errno;
        if (e == ENOENT || e == ENOTDIR)
            return cs_error_set(err, CS_ENOTFOUND, _("No file %s."), path);
        return cs_error_set(err, CS_EIO, _("Cannot read %s: %s"), path,
                            strerror(e));
    }
    if (!S_ISREG(sb.st_mode))
        return cs_error_set(err, CS_EINVAL,
            _("%s is not a file that can be imported (a directory, a "
              "pipe...)."), path);
    if ((fp = host_user_fopen(path, "rb")) == NULL) {
        e = errno;
        return cs_error_set(err, CS_EIO, _("Cannot read %s: %s"), path,
                            strerror(e));
    }
    if ((buf = malloc(65536)) == NULL) {
        fclose(fp);
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    sha256_init(&ctx);
    while ((n = fread(buf, 1, 65536, fp)) > 0)
        sha256_update(&ctx, n, buf);
    e = ferror(fp) ? errno : 0;
    free(buf);
    fclose(fp);
    if (e != 0)
        return cs_error_set(err, CS_EIO, _("Cannot read %s: %s"), path,
                            strerror(e));
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(out + 2 * i, 3, "%02x", digest[i]);
    return CS_OK;
}

/* ---------------------------------------------------------------- rejects */

struct rejects {
    char *path;                 /* where the file goes */
    struct outfile out;         /* open once a row is refused */
    bool opened;
    mode_t mode;                /* 0600, or 0660 shared */
    struct cs_csv_writer *w;
    struct cs_csv_writer_options wopt;
    const struct imp_columns *cols;
    long count;
};

/* The reject file's default name: the input's, extension replaced. */
static char *
rejects_default(const char *path)
{
    static const char *const exts[] = { ".csv", ".txt", ".tsv" };
    size_t n = strlen(path);
    char *out = malloc(n + sizeof ".rejects.csv");

    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t k = strlen(exts[i]);
        const char *slash = strrchr(path, '/');

        if (n > k && strcasecmp(path + n - k, exts[i]) == 0
            && (slash == NULL || (size_t)(slash - path) < n - k - 1)) {
            n -= k;
            break;
        }
    }
    memcpy(out, path, n);
    memcpy(out + n, ".rejects.csv", sizeof ".rejects.csv");
    return out;
}

static enum cs_rc
rejects_open(struct rejects *rj, struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = outfile_open(&rj->out, rj->path, rj->mode, err)) != CS_OK)
        return rc;
    rj->opened = true;
    if ((rc = cs_csv_writer_open(rj->out.fp, &rj->wopt, &rj->w, err))
        != CS_OK)
        return rc;
    /* TRANSLATORS: column names of a reject file; the importer ignores
     * them when the file is imported again (in English, or in French as
     * "ligne_import" and "erreur_import"): keep the pair recognisable. */
    cs_csv_writer_cell(rj->w, _("import_line"));
    cs_csv_writer_cell(rj->w, _("import_error"));
    for (size_t i = 0; i < rj->cols->ncols; i++)
        cs_csv_writer_cell(rj->w, rj->cols->names[i]);
    return cs_csv_writer_end_row(rj->w);
}

/* `n` bytes of `s` as valid UTF-8 without NUL: anything else becomes
 * U+FFFD. Caller frees; NULL when out of memory. */
static char *
text_or_replacement(const char *s, size_t n)
{
    const uint8_t *p = (const uint8_t *)s;
    char *out = malloc(n * 3 + 1);
    size_t o = 0;

    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < n;) {
        ucs4_t uc;
        int k = u8_mbtoucr(&uc, p + i, n - i);

        if (k <= 0 || uc == 0) {
            memcpy(out + o, "\xef\xbf\xbd", 3);
            o += 3;
            i++;
            continue;
        }
        memcpy(out + o, p + i, (size_t)k);
        o += (size_t)k;
        i += (size_t)k;
    }
    out[o] = '\0';
    return out;
}

/* One refused record: its line, the reason, then its cells as read (or,
 * for a record that could not be read as cells, its text). */
static enum cs_rc
rejects_add(struct rejects *rj, const struct cs_csv_record *rec,
            const char *reason, struct cs_error *err)
{
    enum cs_rc rc;

    if (rj->w == NULL && (rc = rejects_open(rj, err)) != CS_OK)
        return rc;
    cs_csv_writer_int64(rj->w, rec->line);
    cs_csv_writer_cell(rj->w, reason);
    if (rec->nfields > 0) {
        for (size_t i = 0; i < rec->nfields; i++)
            cs_csv_writer_field(rj->w, rec->fields[i].s, rec->fields[i].len);
    } else {
        /* A record that could not be read as cells: its text in one cell,
         * what is not text (a NUL, bytes not valid in its encoding) shown
         * as U+FFFD, so that the reject file itself reads back. */
        char *clean = text_or_replacement(rec->raw ? rec->raw : "",
                                          rec->raw_len);

        if (clean == NULL)
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        cs_csv_writer_cell(rj->w, clean);
        free(clean);
    }
    if ((rc = cs_csv_writer_end_row(rj->w)) != CS_OK)
        return cs_error_set(err, rc, _("Cannot write the reject file %s."),
                            rj->path);
    rj->count++;
    return CS_OK;
}

/* Write the reject file out (before the import commits: a reject file
 * that cannot be written stops the import). */
static enum cs_rc
rejects_finish(struct rejects *rj, struct cs_error *err)
{
    enum cs_rc rc = CS_OK;

    if (rj->w != NULL)
        rc = cs_csv_writer_close(rj->w, err);
    rj->w = NULL;
    if (rj->opened)
        rc = outfile_finish(&rj->out, rc, err);
    if (rc != CS_OK && err != NULL) {
        char why[sizeof err->msg];

        snprintf(why, sizeof why, "%s", err->msg);
        cs_error_set(err, rc, _("Cannot write the reject file %s: %s"),
                     rj->path, why);
    }
    return rc;
}

/* Keep the reject file (put in place) or throw it away, then forget it. */
static enum cs_rc
rejects_close(struct rejects *rj, bool keep, struct cs_error *err)
{
    enum cs_rc rc = CS_OK;

    if (rj->w != NULL)
        cs_csv_writer_close(rj->w, NULL);
    rj->w = NULL;
    if (rj->opened) {
        if (keep)
            rc = outfile_commit(&rj->out, CS_OK, err);
        outfile_drop(&rj->out);
        rj->opened = false;
    }
    return rc;
}

/* ---------------------------------------------------------------- fts */

/*
 * Full-text indexing and the kept figures per theme (idea_count) of
 * imported ideas in one statement each at the end rather than by their
 * insert triggers row by row: a trigger makes each row's INSERT open a
 * statement journal (and SQLite 3.40's FTS5 writes its pending terms out
 * at every statement that opens a savepoint), so row-by-row work for
 * 100,000 ideas takes many times longer than one INSERT ... SELECT
 * (measured: the idea_count trigger alone, 1.5 to 2 s of a 100,000-idea
 * import; one GROUP BY at the end, a fraction of that). imp_fts_defer
 * drops both insert triggers inside the import's transaction (keeping
 * their SQL); imp_counts_finish adds the batch's ideas to idea_count and
 * puts that trigger back, before anything in the batch's ideas changes
 * (the merges at the end), so the update trigger sees them counted;
 * imp_fts_finish indexes them and puts the other back. All of it happens
 * in the transaction: a rollback or a crash restores the triggers.
 */
struct imp_defer {
    char *trigger_sql;          /* owned; NULL when nothing was deferred */
    char *count_sql;            /* owned; idea_count's insert trigger */
    char *update_sql;           /* owned; idea_count's update trigger (a
                                   vote import: see imp_kept_finish) */
    char *people_sql;           /* owned; participation's insert trigger
                                   on idea or vote (imp_people_defer) */
};

/* The SQL of trigger `name` into *sql (NULL when there is none), then the
 * trigger dropped. */
static enum cs_rc
trigger_put_aside(struct cs_db *db, const char *name, char **sql,
                  struct cs_error *err)
{
    static const char drop_fts[] = "DROP TRIGGER idea_fts_ai";
    static const char drop_count[] = "DROP TRIGGER idea_count_ai";
    static const char drop_update[] = "DROP TRIGGER idea_count_au";
    static const char drop_author[] = "DROP TRIGGER participation_idea_ai";
    static const char drop_voter[] = "DROP TRIGGER participation_vote_ai";
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *sql = NULL;
    stmt_prepare(&st, db, "SELECT sql FROM sqlite_schema"
                          " WHERE type = 'trigger' AND name = :name");
    stmt_bind_text(&st, ":name", name);
    if (stmt_row(&st))
        *sql = stmt_text_dup(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK || *sql == NULL)
        return rc;      /* no such trigger: nothing to put aside */
    /* Names cannot be bound: one literal per trigger. */
    return db_exec(db, strcmp(name, "idea_fts_ai") == 0 ? drop_fts
                       : strcmp(name, "idea_count_ai") == 0 ? drop_count
                       : strcmp(name, "participation_idea_ai") == 0
                       ? drop_author
                       : strcmp(name, "participation_vote_ai") == 0
                       ? drop_voter : drop_update, err);
}

/* A platform's export also changes the counts of its ideas as it goes
 * (their tallies, votes): their insert trigger then stays (`counts`
 * false), so that the update trigger finds them counted. */
static enum cs_rc
imp_fts_defer(struct cs_db *db, struct imp_defer *f, bool counts,
              struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = trigger_put_aside(db, "idea_fts_ai", &f->trigger_sql, err))
        != CS_OK || !counts)
        return rc;
    return trigger_put_aside(db, "idea_count_ai", &f->count_sql, err);
}

static enum cs_rc
imp_counts_finish(struct cs_db *db, struct imp_defer *f, int64_t batch_id,
                  struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    if (f->count_sql == NULL)
        return CS_OK;
    stmt_prepare(&st, db,
        "INSERT INTO idea_count SELECT theme_id, kind, status, channel,"
        " count(*), sum(votes), sum(tallies) FROM idea"
        " WHERE batch_id = :batch GROUP BY 1, 2, 3, 4"
        " ON CONFLICT DO UPDATE SET ideas = ideas + excluded.ideas,"
        " votes = votes + excluded.votes,"
        " tallies = tallies + excluded.tallies");
    stmt_bind_int64(&st, ":batch", batch_id);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK)
        rc = db_exec(db, f->count_sql, err);
    if (rc == CS_OK) {
        free(f->count_sql);
        f->count_sql = NULL;
    }
    return rc;
}

/*
 * Who took part (participation, schema version 4) is kept by an insert
 * trigger on idea and one on vote, each a statement journal per row like
 * the others: an import of ideas or votes puts its kind's aside
 * (imp_people_defer) and imp_people_finish adds the batch's authors or
 * voters in one INSERT ... SELECT, then puts it back, in the transaction.
 */
static enum cs_rc
imp_people_defer(struct cs_db *db, enum cs_import_kind kind,
                 struct imp_defer *f, struct cs_error *err)
{
    if (kind == CS_IMPORT_IDEAS)
        return trigger_put_aside(db, "participation_idea_ai",
                                 &f->people_sql, err);
    if (kind == CS_IMPORT_VOTES)
        return trigger_put_aside(db, "participation_vote_ai",
                                 &f->people_sql, err);
    return CS_OK;
}

static enum cs_rc
imp_people_finish(struct cs_db *db, enum cs_import_kind kind,
                  struct imp_defer *f, int64_t batch_id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    if (f->people_sql == NULL)
        return CS_OK;
    /* New rows of participation count the people in (its own trigger);
     * those already there take the batch's contributions. */
    stmt_prepare(&st, db, kind == CS_IMPORT_IDEAS
        ? "INSERT INTO participation SELECT author_id, consultation_id,"
          " count(*) FROM idea WHERE batch_id = :batch"
          " AND author_id IS NOT NULL GROUP BY 1, 2"
          " ON CONFLICT DO UPDATE"
          " SET contributions = contributions + excluded.contributions"
        : "INSERT INTO participation SELECT v.participant_id,"
          " i.consultation_id, count(*) FROM vote v"
          " JOIN idea i ON i.id = v.idea_id WHERE v.batch_id = :batch"
          " GROUP BY 1, 2 ON CONFLICT DO UPDATE"
          " SET contributions = contributions + excluded.contributions");
    stmt_bind_int64(&st, ":batch", batch_id);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK)
        rc = db_exec(db, f->people_sql, err);
    if (rc == CS_OK) {
        free(f->people_sql);
        f->people_sql = NULL;
    }
    return rc;
}

/* FTS5's memory for terms waiting to be written, while the batch is
 * indexed (its default is 1 MiB): fewer, larger segments to write and
 * merge; measured 11% off a 100,000-idea import for 3 MiB more. */
#define FTS_HASHSIZE (4 * 1024 * 1024)
#define FTS_HASHSIZE_DEFAULT (1024 * 1024)

static enum cs_rc
fts_hashsize(struct cs_db *db, int64_t v, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, "INSERT INTO idea_fts(idea_fts, rank)"
                          " VALUES ('hashsize', :v)");
    stmt_bind_int64(&st, ":v", v);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    return rc;
}

/* The rows the batch wrote, for its journal row to record (the tags,
 * and people found again and completed, are named as they are written):
 * its answers, idea by idea, and the rest by the tables' batch_id. */
static enum cs_rc
imp_touch(struct cs_db *db, int64_t batch_id, struct cs_error *err)
{
    static const char *const tables[] = {
        "idea", "vote", "tally", "participant", "comment",
    };
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, "INSERT OR IGNORE INTO temp.audit_touch"
                          " SELECT DISTINCT 'idea_answer', idea_id"
                          " FROM idea_answer WHERE idea_id IN"
                          " (SELECT id FROM idea WHERE batch_id = :batch)");
    stmt_bind_int64(&st, ":batch", batch_id);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    for (size_t i = 0; rc == CS_OK && i < sizeof tables / sizeof tables[0];
         i++)
        rc = audit_touch_batch(db, tables[i], batch_id, err);
    return rc;
}

/* Answers are history: an answer imported is the idea's first one,
 * published at once unless the consultation holds its answers. */
static enum cs_rc
imp_answers_finish(struct cs_db *db, int64_t batch_id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "INSERT INTO idea_answer(idea_id, status, answer, given_at, given_by,"
        " published_at, published_by)"
        " SELECT i.id, i.status, i.answer, i.status_changed_at,"
        " i.status_changed_by,"
        " CASE WHEN c.hold_answers THEN NULL ELSE i.status_changed_at END,"
        " CASE WHEN c.hold_answers THEN NULL ELSE i.status_changed_by END"
        " FROM idea i JOIN consultation c ON c.id = i.consultation_id"
        " WHERE i.batch_id = :batch AND i.answer IS NOT NULL"
        " AND i.status IN ('accepted', 'rejected', 'implemented')"
        " ORDER BY i.id");
    stmt_bind_int64(&st, ":batch", batch_id);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    return rc;
}

static enum cs_rc
imp_fts_finish(struct cs_db *db, struct imp_defer *f, int64_t batch_id,
               struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    int64_t old = FTS_HASHSIZE_DEFAULT;
    enum cs_rc rc;

    if (f->trigger_sql == NULL)
        return CS_OK;
    /* The setting is kept in the index's config table: read it to put it
     * back (as it was, or FTS5's default written out). */
    stmt_prepare(&st, db, "SELECT v FROM idea_fts_config"
                          " WHERE k = 'hashsize'");
    if (stmt_row(&st))
        old = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK || (rc = fts_hashsize(db, FTS_HASHSIZE, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db,
        "INSERT INTO idea_fts(rowid, title, body)"
        " SELECT id, title, body FROM idea WHERE batch_id = :batch");
    stmt_bind_int64(&st, ":batch", batch_id);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK)
        rc = fts_hashsize(db, old, err);
    if (rc == CS_OK)
        rc = db_exec(db, f->trigger_sql, err);
    return rc;
}

/*
 * A vote import changes every idea it adds votes to, one UPDATE each; the
 * idea_count update trigger would make each open a statement journal
 * (measured: 1.5 s of the counts of a million votes, against 0.4 s
 * without). imp_kept_defer puts it aside and sets x->kept_deferred: the
 * changes are then summed in memory (a few rows: themes x kinds x
 * statuses x channels) and imp_kept_finish writes them and puts the
 * trigger back, in the transaction.
 */
static enum cs_rc
imp_kept_defer(struct imp_ctx *x, struct imp_defer *f, struct cs_error *err)
{
    enum cs_rc rc;

    rc = trigger_put_aside(x->db, "idea_count_au", &f->update_sql, err);
    if (rc == CS_OK)
        x->kept_deferred = f->update_sql != NULL;
    return rc;
}

static enum cs_rc
imp_kept_finish(struct imp_ctx *x, struct imp_defer *f, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc = CS_OK;

    if (f->update_sql == NULL)
        return CS_OK;
    stmt_prepare(&st, x->db,
        "UPDATE idea_count SET votes = votes + :n WHERE theme_id = :theme"
        " AND kind = :kind AND status = :status AND channel = :channel");
    for (size_t i = 0; i < x->kept_count && rc == CS_OK; i++) {
        const struct imp_kept *k = &x->kept[i];

        stmt_bind_int64(&st, ":n", k->votes);
        stmt_bind_int64(&st, ":theme", k->theme_id);
        stmt_bind_text(&st, ":kind", k->kind);
        stmt_bind_text(&st, ":status", k->status);
        stmt_bind_text(&st, ":channel", k->channel);
        rc = stmt_run(&st, err);
        stmt_reset(&st);
    }
    stmt_finish(&st);
    if (rc == CS_OK)
        rc = db_exec(x->db, f->update_sql, err);
    if (rc == CS_OK) {
        free(f->update_sql);
        f->update_sql = NULL;
        x->kept_deferred = false;
    }
    return rc;
}

static void
imp_fts_clear(struct imp_defer *f)
{
    free(f->trigger_sql);
    free(f->count_sql);
    free(f->update_sql);
    free(f->people_sql);
    f->people_sql = NULL;
    f->trigger_sql = NULL;
    f->count_sql = NULL;
    f->update_sql = NULL;
}

/* ---------------------------------------------------------------- tuning */

static int
pragma_get(struct cs_db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int v = 0;

    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void
cache_size_set(struct cs_db *db, int v)
{
    char sql[64];

    /* PRAGMA values cannot be bound; this is our own integer. */
    snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", v);
    sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
}

/* ---------------------------------------------------------------- batch */

/* A batch of this file that imported something and was not undone. */
static enum cs_rc
batch_previous(struct cs_db *db, enum cs_import_kind kind,
               const char *checksum, int64_t *id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *id = 0;
    stmt_prepare(&st, db, "SELECT id FROM import_batch WHERE checksum = :sum"
                          " AND kind = :kind AND undone_at IS NULL"
                          " AND accepted > 0 ORDER BY id LIMIT 1");
    stmt_bind_text(&st, ":sum", checksum);
    stmt_bind_text(&st, ":kind", cs_import_kind_name(kind));
    if (stmt_row(&st))
        *id = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

static enum cs_rc
batch_add(struct cs_db *db, enum cs_import_kind kind, const char *path,
          const char *checksum, const char *now, int64_t *id,
          struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "INSERT INTO import_batch(kind, file_name, checksum, imported_by,"
        " imported_at) VALUES (:kind, :file, :sum, :login, :now)");
    stmt_bind_text(&st, ":kind", cs_import_kind_name(kind));
    stmt_bind_text(&st, ":file", path);
    stmt_bind_text(&st, ":sum", checksum);
    stmt_bind_text(&st, ":login", cs_db_login(db));
    stmt_bind_text(&st, ":now", now);
    if ((rc = stmt_run(&st, err)) == CS_OK)
        *id = stmt_last_id(&st);
    stmt_finish(&st);
    return rc;
}

static enum cs_rc
batch_totals(struct cs_db *db, int64_t id, int64_t consultation_id,
             const struct cs_import_report *r, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "UPDATE import_batch SET consultation_id = :c, rows_read = :read,"
        " accepted = :ok, rejected = :bad, duplicates = :dup WHERE id = :id");
    stmt_bind_id(&st, ":c", consultation_id > 0 ? consultation_id : 0);
    stmt_bind_int64(&st, ":read", r->rows_read);
    stmt_bind_int64(&st, ":ok", r->imported);
    stmt_bind_int64(&st, ":bad", r->rejected);
    stmt_bind_int64(&st, ":dup", r->duplicates);
    stmt_bind_int64(&st, ":id", id);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    return rc;
}

/* The authors of a batch's ideas that no answer can reach: no email
 * with consent, no postal address, no service (letters.c's channels). */
static enum cs_rc
count_unanswerable(struct cs_db *db, int64_t batch, long *n,
                   struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "SELECT count(DISTINCT p.id) FROM idea i"
        " JOIN participant p ON p.id = i.author_id"
        " WHERE i.batch_id = :b AND p.anonymised = 0"
        " AND NOT (coalesce(p.email, '') <> '' AND p.consent)"
        " AND coalesce(p.postal, '') = '' AND coalesce(p.service, '') = ''");
    stmt_bind_int64(&st, ":b", batch);
    *n = stmt_row(&st) ? (long)stmt_int64(&st, 0) : 0;
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* ---------------------------------------------------------------- the import */

struct progress {
    const struct cs_import_options *opt;
    struct cs_import_progress p;
};

static bool
on_progress(void *ctx, uint64_t done, uint64_t total)
{
    struct progress *pr = ctx;

    pr->p.bytes = done;
    pr->p.total = total;
    return pr->opt->progress(pr->opt->progress_ctx, &pr->p);
}

/* Between the steps of an import's end: the caller's progress callback,
 * with everything read; CS_ECANCELED when it says stop. */
static enum cs_rc
still_going(const struct cs_import_options *opt, struct progress *pr,
            struct cs_error *err)
{
    if (opt->progress == NULL)
        return CS_OK;
    pr->p.bytes = pr->p.total;
    if (opt->progress(opt->progress_ctx, &pr->p))
        return CS_OK;
    return cs_error_set(err, CS_ECANCELED, "%s",
                        _("The import was stopped: nothing of it was kept."));
}

/* Cells beyond the header's: refused unless all empty (the trailing
 * delimiters spreadsheets leave). */
static bool
ragged(const struct cs_csv_record *rec, size_t ncols)
{
    for (size_t i = ncols; i < rec->nfields; i++)
        for (size_t k = 0; k < rec->fields[i].len; k++)
            if (rec->fields[i].s[k] != ' ' && rec->fields[i].s[k] != '\t')
                return true;
    return false;
}

/* Move the unknown column names into the report. */
static void
report_unknown(struct cs_import_report *r, struct imp_columns *c)
{
    r->unknown_columns = c->unknown;
    r->unknown_count = c->unknown_count;
    c->unknown = NULL;
    c->unknown_count = 0;
}

/* The paper batch the ideas go into: open, keyed once, and of the
 * default consultation, which it gives when there is none. */
static enum cs_rc
check_paper_batch(struct imp_ctx *x, int64_t id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    int64_t cons = 0;
    enum cs_rc rc;

    if (x->kind != CS_IMPORT_IDEAS)
        return cs_error_field(err, CS_EINVAL, "batch", "%s",
                              _("Only ideas are keyed into a paper batch."));
    stmt_prepare(&st, x->db, "SELECT consultation_id FROM paper_batch"
                             " WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st))
        cons = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        return rc;
    if (x->consultation_id == 0 && cons != 0)
        x->consultation_id = cons;
    if ((rc = idea_paper_batch_check(x->db, x->consultation_id, id, false,
                                     err)) != CS_OK)
        return rc;
    x->paper_batch_id = id;
    x->paper_cons = cons;
    return CS_OK;
}

/* The themes the rows named that are missing, into the report. */
static enum cs_rc
report_missing(struct cs_import_report *r, const struct theme_needs *n,
               struct cs_error *err)
{
    size_t k = 0;

    for (size_t i = 0; i < n->count; i++)
        k += n->items[i].theme_id == 0;
    if (k == 0)
        return CS_OK;
    if ((r->missing_themes = calloc(k, sizeof *r->missing_themes)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    for (size_t i = 0; i < n->count; i++) {
        struct cs_import_missing_theme *m;

        if (n->items[i].theme_id != 0)
            continue;
        m = &r->missing_themes[r->nmissing_themes++];
        m->rows = n->items[i].rows;
        if ((m->title = strdup(n->items[i].title)) == NULL)
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    return CS_OK;
}

/* A row of a file another database exported (its manifest says so):
 * its idea numbers name that database's ideas, so a vote, tally or
 * comment finds its idea here by the form reference alone. False, with
 * the reason in `err`, when the row gives none. */
static bool
foreign_idea(enum cs_import_kind as, struct imp_row *row,
             struct cs_error *err)
{
    if (as != CS_IMPORT_VOTES && as != CS_IMPORT_TALLIES
        && as != CS_IMPORT_COMMENTS)
        return true;
    row->v[CS_F_IDEA_ID] = NULL;
    row->len[CS_F_IDEA_ID] = 0;
    if (row->v[CS_F_IDEA_FORM_REF] != NULL)
        return true;
    cs_error_field(err, CS_EINVAL, "idea_form_ref", "%s",
        _("The file comes from another database (its manifest says so), "
          "whose idea numbers are not this one's: a row names its idea by "
          "its form reference (idea_form_ref), and this row has none."));
    return false;
}

/* The default consultation and theme, checked before any row. */
static enum cs_rc
check_defaults(struct imp_ctx *x, const struct cs_import_options *opt,
               struct cs_error *err)
{
    struct cs_theme t;
    enum cs_rc rc;

    if (opt->consultation != NULL && opt->consultation[0] != '\0'
        && (rc = cs_consultation_lookup(x->db, opt->consultation,
                                  &x->consultation_id, err)) != CS_OK)
        return rc;
    /* An archived consultation takes no import at all: said before any
     * row is read. */
    if (x->consultation_id != 0 && x->kind != CS_IMPORT_PARTICIPANTS
        && (rc = cons_check_work(x->db, x->consultation_id, err)) != CS_OK)
        return rc;
    if (opt->paper_batch_id != 0
        && (rc = check_paper_batch(x, opt->paper_batch_id, err)) != CS_OK)
        return rc;
    if (opt->channel != NULL && opt->channel[0] != '\0') {
        enum cs_channel c;

        if (x->kind == CS_IMPORT_TALLIES)
            return cs_error_field(err, CS_EINVAL, "channel", "%s",
                _("Tallies have no channel: --channel goes with ideas, "
                  "votes, participants and comments."));
        if ((rc = cs_channel_parse(opt->channel, &c, err)) != CS_OK)
            return rc;
        x->default_channel = cs_channel_name(c);
    } else if (opt->from != CS_PLATFORM_NONE) {
        x->default_channel = cs_channel_name(CS_CHANNEL_WEB);
    }
    x->create_themes = opt->create_themes;
    x->keep_duplicates = opt->keep_duplicates;
    /* Creating themes is an admin's: refused before any row. */
    if (opt->create_themes
        && (rc = op_require(x->db, CS_OP_CONSULTATIONS, err)) != CS_OK)
        return rc;
    if (opt->theme != NULL && opt->theme[0] != '\0') {
        x->default_theme = opt->theme;
        if (x->consultation_id != 0) {
            rc = cs_theme_find(x->db, x->consultation_id, opt->theme, &t,
                               err);
            if (rc != CS_OK)
                return rc == CS_ENOTFOUND
                    ? cs_error_field(err, CS_ENOTFOUND, "theme",
                          _("No theme \"%s\" in consultation %s."),
                          opt->theme, opt->consultation)
                    : rc;
            cs_theme_clear(&t);
        }
    }
    return CS_OK;
}

enum cs_rc
cs_import_file(struct cs_db *db, enum cs_import_kind kind, const char *path,
               const struct cs_import_options *opt,
               struct cs_import_report *report, struct cs_error *err)
{
    static const struct cs_import_options none;
    struct cs_error local, rowerr;
    struct cs_csv_options copt;
    struct cs_csv_reader *rd = NULL;
    struct cs_csv_record rec;
    struct cs_csv_info info;
    struct imp_columns cols;
    struct imp_row row;
    struct imp_ctx x;
    struct imp_defer fts = { NULL, NULL, NULL, NULL };
    struct rejects rj;
    struct progress pr;
    struct imp_preset *preset = NULL;
    enum cs_import_kind as = kind;
    const char **names = NULL;
    bool in_txn = false, ctx_ready = false, refused = false;
    bool cache_changed = false, fk_off = false;
    int old_cache = 0;
    enum imp_outcome outcome;
    char from_db[CS_DB_ID_HEX], own_db[CS_DB_ID_HEX];
    bool foreign;
    enum cs_rc rc;

    if (err == NULL)
        err = &local;
    cs_error_clear(err);
    if (opt == NULL)
        opt = &none;
    if (report == NULL)
        return cs_error_set(err, CS_EINVAL, "%s", _("Nothing to import."));
    memset(&cols, 0, sizeof cols);
    memset(&row, 0, sizeof row);
    memset(&rj, 0, sizeof rj);
    memset(&x, 0, sizeof x);
    cs_import_report_clear(report);
    report->kind = kind;
    report->dry_run = opt->dry_run;

    if ((rc = op_require(db, CS_OP_IMPORT, err)) != CS_OK)
        return rc;
    if ((unsigned)kind >= CS_IMPORT_KIND_COUNT || path == NULL)
        return cs_error_set(err, CS_EINVAL, "%s", _("Nothing to import."));
    if (opt->from != CS_PLATFORM_NONE && kind != CS_IMPORT_IDEAS
        && kind != CS_IMPORT_COMMENTS)
        return cs_error_field(err, CS_EINVAL, "from", "%s",
            _("--from goes with import ideas and import comments."));
    if ((unsigned)opt->from >= CS_PLATFORM_COUNT)
        return cs_error_set(err, CS_EINVAL, "%s", _("Nothing to import."));
    if (opt->create_themes && kind != CS_IMPORT_IDEAS)
        return cs_error_set(err, CS_EINVAL, "%s",
                            _("--create-themes goes with ideas only."));
    if (opt->keep_duplicates && kind != CS_IMPORT_IDEAS)
        return cs_error_set(err, CS_EINVAL, "%s",
                            _("--keep-duplicates goes with ideas only."));
    /* A dry run writes nothing: on a database that cannot be written (a
     * read-only file or directory, a full disk) it runs on a copy. */
    if (opt->dry_run && db->readonly != CS_READONLY_NO) {
        struct cs_db *scratch = NULL;

        if ((rc = db_scratch_open(db, &scratch, err)) != CS_OK)
            return rc;
        rc = cs_import_file(scratch, kind, path, opt, report, err);
        cs_db_close(scratch);
        return rc;
    }
    if ((rc = file_sha256(path, report->checksum, err)) != CS_OK)
        return rc;
    /* A manifest beside the file: the file is checked against it, and
     * the database it names says whose idea numbers the file holds. */
    if ((rc = manifest_import_check(path, opt->no_verify, from_db, err))
        != CS_OK
        || (rc = cs_db_id(db, own_db, err)) != CS_OK)
        return rc;
    foreign = from_db[0] != '\0' && strcmp(from_db, own_db) != 0;

    /* The dialect and the header. */
    memset(&copt, 0, sizeof copt);
    copt.encoding = opt->encoding;
    copt.delimiter = opt->delimiter;
    if (opt->progress) {
        memset(&pr, 0, sizeof pr);
        pr.opt = opt;
        copt.progress = on_progress;
        copt.progress_ctx = &pr;
    }
    if ((rc = cs_csv_reader_open(path, &copt, &rd, err)) != CS_OK)
        return rc;
    cs_csv_reader_info(rd, &info);
    report->encoding = info.encoding;
    report->encoding_detected = info.encoding_detected;
    report->delimiter = info.delimiter;
    report->delimiter_sniffed = info.delimiter_sniffed;
    do {
        rc = cs_csv_reader_next(rd, &rec, err);
    } while (rc == CS_OK && cs_csv_record_is_empty(&rec));
    if (rc == CS_ENOTFOUND) {
        rc = cs_error_set(err, CS_EINVAL,
            _("%s is empty: a CSV file to import starts with a line of "
              "column names."), path);
        goto out;
    }
    if (rc == CS_EINVAL) {
        /* The reader's reason goes into the same buffer: copy it first. */
        char why[sizeof err->msg];

        memcpy(why, err->msg, sizeof why);
        rc = cs_error_set(err, CS_EINVAL,
            _("The line of column names (line %ld) cannot be read: %s"),
            rec.line, why);
        goto out;
    }
    if (rc != CS_OK)
        goto out;
    if ((names = calloc(rec.nfields, sizeof *names)) == NULL) {
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        goto out;
    }
    for (size_t i = 0; i < rec.nfields; i++)
        names[i] = rec.fields[i].s;
    if (opt->from != CS_PLATFORM_NONE)
        rc = opt->nmap > 0
            ? cs_error_field(err, CS_EINVAL, "map", "%s",
                  _("--from reads the platform's own columns: it goes "
                    "without --map."))
            : imp_preset_new(opt->from, kind, names, rec.nfields, &cols,
                             &preset, err);
    else
        rc = imp_columns_match(kind, names, rec.nfields, opt->map, opt->nmap,
                               (opt->consultation && opt->consultation[0])
                               || opt->paper_batch_id != 0,
                               opt->theme && opt->theme[0], &cols, err);
    /* A file of another kind given by mistake: an ideas file imported as
     * votes would make each author a voter for their own idea. What a
     * --map says is taken as it is. */
    if (preset == NULL && (rc == CS_OK || rc == CS_EINVAL)
        && !opt->force_kind && opt->nmap == 0) {
        long fed = rc == CS_OK ? (long)(rec.nfields - cols.unknown_count)
                               : -1;

        report->looks_like = imp_columns_guess(kind, names, rec.nfields,
                                               fed);
        if (report->looks_like != CS_IMPORT_KIND_COUNT) {
            if (rc == CS_OK)
                imp_columns_clear(&cols);
            rc = cs_error_set(err, CS_EINVAL,
                _("%s looks like a file of %s, not of %s: its columns fit "
                  "that kind better. Import it with \"consult import %s\", "
                  "or add --force-kind to import it as %s all the same."),
                path, cs_import_kind_name(report->looks_like),
                cs_import_kind_name(kind),
                cs_import_kind_name(report->looks_like),
                cs_import_kind_name(kind));
        }
    }
    free(names);
    if (rc != CS_OK)
        goto out;
    report_unknown(report, &cols);

    if ((rc = imp_ctx_init(&x, db, kind, err)) != CS_OK)
        goto out;
    ctx_ready = true;
    x.row_ids = kind == CS_IMPORT_IDEAS && cols.col[CS_F_ROW_ID] >= 0
                && cols.col[CS_F_MERGED_INTO] >= 0;
    x.platform = opt->from;
    x.preset = preset;
    x.direct_votes = preset != NULL;
    if ((rc = check_defaults(&x, opt, err)) != CS_OK)
        goto out;
    rj.cols = &cols;
    rj.wopt.delimiter = info.delimiter;
    rj.wopt.crlf = info.eol == CS_CSV_EOL_CRLF;
    /* A spreadsheet user gets a file their spreadsheet reads as UTF-8. */
    rj.wopt.bom = info.bom || info.encoding != CS_CSV_ENC_UTF8;
    rj.path = opt->rejects_path && opt->rejects_path[0]
            ? strdup(opt->rejects_path) : rejects_default(path);
    if (rj.path == NULL) {
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        goto out;
    }
    rj.mode = OUTFILE_MODE(opt->shared);

    /* One transaction for the whole file. */
    old_cache = pragma_get(db, "PRAGMA cache_size");
    cache_size_set(db, -IMPORT_CACHE_KIB);
    cache_changed = true;
    /* Every reference the import writes (idea, participant, theme, batch)
     * comes from a lookup or an insert made in this same transaction, so
     * SQLite's own foreign key checks would only repeat them: one random
     * read of the wide idea table per vote, the largest cost of a large
     * vote import. They are off for this transaction only (the pragma
     * cannot change inside one) and back on at the end. */
    if (db->txn_depth == 0) {
        sqlite3_exec(db->sql, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
        fk_off = true;
    }
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        goto out;
    in_txn = true;
    if ((rc = batch_previous(db, kind, report->checksum,
                             &report->previous_batch, err)) != CS_OK
        || report->previous_batch != 0)
        goto out;
    if ((rc = batch_add(db, kind, path, report->checksum, x.now,
                        &x.batch_id, err)) != CS_OK)
        goto out;
    if (kind == CS_IMPORT_IDEAS
        && (rc = imp_fts_defer(db, &fts, preset == NULL, err)) != CS_OK)
        goto out;
    if (kind == CS_IMPORT_VOTES && (rc = imp_kept_defer(&x, &fts, err))
                                   != CS_OK)
        goto out;
    if ((rc = imp_people_defer(db, kind, &fts, err)) != CS_OK)
        goto out;

    for (;;) {
        cs_error_clear(&rowerr);
        rc = cs_csv_reader_next(rd, &rec, &rowerr);
        if (rc == CS_ENOTFOUND)
            break;
        if (rc == CS_EINVAL) {
            /* A record the reader could not trust: refused whole. */
            report->rows_read++;
            report->rejected++;
            if ((rc = rejects_add(&rj, &rec, rowerr.msg, err)) != CS_OK)
                goto out;
            continue;
        }
        if (rc != CS_OK) {
            *err = rowerr;
            goto out;
        }
        if (cs_csv_record_is_empty(&rec))
            continue;
        report->rows_read++;
        if (ragged(&rec, cols.ncols)) {
            cs_error_set(&rowerr, CS_EINVAL,
                _("The line has %zu cells where the header has %zu: a "
                  "quote or a delimiter is probably missing."),
                rec.nfields, cols.ncols);
            outcome = IMP_REJECTED;
        } else if ((rc = preset
                    ? imp_preset_row(preset, rec.fields, rec.nfields, &row,
                                     &as, &rowerr)
                    : imp_row_fill(&row, &cols, rec.fields, rec.nfields,
                                   info.eol == CS_CSV_EOL_CR, &rowerr))
                   != CS_OK) {
            if (rc != CS_EINVAL) {
                *err = rowerr;
                goto out;
            }
            outcome = IMP_REJECTED;
        } else {
            row.line = rec.line;
            if (x.default_channel && row.v[CS_F_CHANNEL] == NULL) {
                row.v[CS_F_CHANNEL] = x.default_channel;
                row.len[CS_F_CHANNEL] = strlen(x.default_channel);
            }
            if (foreign && !foreign_idea(as, &row, &rowerr))
                outcome = IMP_REJECTED;
            else if ((rc = imp_row_import_as(&x, as, &row, &outcome,
                                             &rowerr)) != CS_OK) {
                *err = rowerr;
                err->line = rec.line;
                goto out;
            }
            /* A row naming an archived consultation refuses the file. */
            if (outcome == IMP_REJECTED && x.states.archived) {
                *err = rowerr;
                err->line = rec.line;
                rc = CS_ECONFLICT;
                goto out;
            }
        }
        switch (outcome) {
        case IMP_ADDED:
            report->imported++;
            break;
        case IMP_DUPLICATE:
            report->duplicates++;
            break;
        case IMP_REJECTED:
            report->rejected++;
            if ((rc = rejects_add(&rj, &rec, rowerr.msg, err)) != CS_OK)
                goto out;
            break;
        }
        if (opt->progress) {
            pr.p.rows = report->rows_read;
            pr.p.imported = report->imported;
            pr.p.rejected = report->rejected;
            pr.p.duplicates = report->duplicates;
        }
    }
    rc = CS_OK;

    /* What waited until the end. */
    if ((rc = imp_flush_staged(&x, err)) != CS_OK)
        goto out;
    report->imported += x.more_added - x.late_duplicates;
    report->duplicates += x.more_duplicates + x.late_duplicates;
    report->several_ideas = x.several_ideas;
    report->late = x.states.late;
    report->same_text = x.same_text;
    report->themes_created = x.themes_created;
    if ((rc = report_missing(report, &x.missing, err)) != CS_OK)
        goto out;
    /* The work that waited for the end can take as long as the reading
     * of a large file: the caller may still stop it between its steps. */
    if ((rc = imp_flush_counts(&x, err)) != CS_OK
        || (rc = imp_platform_finish(&x, err)) != CS_OK
        || (rc = still_going(opt, &pr, err)) != CS_OK
        || (rc = imp_counts_finish(db, &fts, x.batch_id, err)) != CS_OK
        || (rc = imp_kept_finish(&x, &fts, err)) != CS_OK
        || (rc = imp_people_finish(db, kind, &fts, x.batch_id, err))
           != CS_OK
        || (rc = still_going(opt, &pr, err)) != CS_OK
        || (rc = imp_answers_finish(db, x.batch_id, err)) != CS_OK
        || (rc = imp_merges_finish(&x, err)) != CS_OK
        || (rc = imp_fts_finish(db, &fts, x.batch_id, err)) != CS_OK
        || (rc = still_going(opt, &pr, err)) != CS_OK
        || (rc = batch_totals(db, x.batch_id, x.batch_consultation, report,
                              err)) != CS_OK
        || (rc = imp_touch(db, x.batch_id, err)) != CS_OK
        || (rc = audit_write(db, "add", "import_batch", x.batch_id, 0, NULL,
                             err)) != CS_OK
        || (rc = still_going(opt, &pr, err)) != CS_OK)
        goto out;
    report->consents_withdrawn = participant_batch_withdrawn(x.people);
    /* A paper file without a consent column: say who cannot be answered. */
    if (kind == CS_IMPORT_IDEAS && preset == NULL
        && cols.col[CS_F_CONSENT] < 0) {
        report->no_consent_column = true;
        if ((rc = count_unanswerable(db, x.batch_id, &report->unanswerable,
                                     err)) != CS_OK)
            goto out;
    }
    if (opt->all_or_nothing && report->rejected > 0) {
        refused = true;
        rc = cs_error_set(err, CS_EINVAL,
            _("%ld of %ld rows were refused (see the reject file): nothing "
              "was imported, as --all-or-nothing asks."),
            report->rejected, report->rows_read);
        goto out;
    }

out:
    /* The reject file is written out before anything commits: an import
     * whose reject file cannot be written (a full disk, /dev/full) does
     * not commit, and reports the write's failure. */
    if (rj.path != NULL && (rc == CS_OK || refused)
        && report->previous_batch == 0) {
        enum cs_rc rc2 = rejects_finish(&rj, err);

        if (rc2 != CS_OK) {
            rc = rc2;
            refused = false;
        }
    }
    /* Commit only a real import that went through; roll back a dry run, a
     * file already imported, a refusal and any failure. */
    if (in_txn) {
        if (rc == CS_OK && !opt->dry_run && report->previous_batch == 0)
            rc = txn_end(db, CS_OK, err);
        else
            txn_end(db, CS_ECANCELED, NULL);
    }
    if (cache_changed)
        cache_size_set(db, old_cache);
    if (fk_off)
        sqlite3_exec(db->sql, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    /* The reject file is kept when it tells the truth: after an import,
     * a dry run or a refusal; not after a failure, where nothing it says
     * about the rows holds. */
    if (rj.path != NULL) {
        bool keep = (rc == CS_OK || refused) && report->previous_batch == 0;
        enum cs_rc rc2 = rejects_close(&rj, keep, rc == CS_OK ? err : NULL);

        if (rc == CS_OK && rc2 != CS_OK)
            rc = rc2;
        else if (keep && rj.count > 0 && rc2 == CS_OK)
            report->rejects_path = strdup(rj.path);
        free(rj.path);
    }
    if (rc == CS_OK && !opt->dry_run && report->previous_batch == 0)
        report->batch_id = x.batch_id;
    if (rc != CS_OK) {
        /* Nothing was imported; a refusal still says what it refused. */
        report->imported = 0;
        if (!refused)
            report->rejected = report->duplicates = 0;
    }
    report->participants_created = rc == CS_OK ? x.participants_created : 0;
    if (rc != CS_OK)
        report->consents_withdrawn = report->unanswerable = 0;
    report->counts_replaced = rc == CS_OK ? x.counts_replaced : 0;
    if (rc != CS_OK)
        report->late = 0;
    imp_preset_free(preset);
    imp_fts_clear(&fts);
    imp_row_free(&row);
    imp_columns_clear(&cols);
    if (ctx_ready)
        imp_ctx_free(&x);
    cs_csv_reader_close(rd);
    return rc;
}
