/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * audit.c: the append-only, hash-chained journal, and the digests of the
 * data it covers.
 *
 * Row n's hash is taken over a canonical, length-prefixed encoding of its
 * fields, the hash of its digests (rows_hash) and row n-1's hash, so that
 * editing, removing or reordering any row outside consult breaks the chain
 * from that row on. The first row chains to 64 zeros. Rows are in one of
 * three forms (audit.format): 1, a SHA-256 without digests (journals
 * written before digests existed); 2, a SHA-256 with them; 3, an
 * HMAC-SHA-256 under the key kept in a file beside the database. A
 * journal moves forward only: the first row written with a key is a "key"
 * row recording the key's fingerprint and the digest of every row then in
 * the data, and every later row is keyed; the first row with digests (in
 * a journal older than them) records every row the same way.
 *
 * Each journal row's digests (audit_row) are SHA-256 of a row's columns
 * that consult writes, or, under a key, HMAC-SHA-256 with a key derived
 * from it, so that the journal keeps no digest of personal data that
 * anyone could confirm by guessing. Counts kept by the core or by
 * triggers (idea.votes, tallies, support, version; the count tables) are
 * left out: they change with other rows, and audit_check.c checks them
 * against their sources instead.
 *
 * The digests are computed in SQL by two functions registered on each
 * handle: consult_digest(col, ...) for a row and consult_digest_rows(col,
 * ...), an aggregate, for a set of rows (an idea's tags or answers).
 */
#include "consult/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/hmac.h>
#include <nettle/sha2.h>

#include "audit_priv.h"
#include "memrows.h"
#include "consult/types.h"
#include "i18n.h"
#include "host_priv.h"
#include "stmt.h"

#define KEY_BYTES 32

struct audit_state {
    char *key_path;             /* the key file */
    enum audit_key_state key_state;
    char note[256];             /* why the key cannot be used */
    char key_id[17];            /* fingerprint, "" without a key */
    uint8_t key[KEY_BYTES];     /* the key itself, when OK */
    struct hmac_sha256_ctx chain;   /* keyed with the key */
    struct hmac_sha256_ctx rows;    /* keyed with the rows' derived key */
    bool digest_keyed;          /* consult_digest uses `rows` */
    bool key_created;           /* audit_key_create made the file */
};

/* ---------------------------------------------------------------- hashing */

/* A SHA-256 or an HMAC-SHA-256, fed alike. */
struct hasher {
    bool mac;
    struct sha256_ctx sha;
    struct hmac_sha256_ctx hmac;
};

static void
h_init(struct hasher *h, const struct hmac_sha256_ctx *keyed)
{
    h->mac = keyed != NULL;
    if (keyed)
        h->hmac = *keyed;       /* a keyed context, ready for a message */
    else
        sha256_init(&h->sha);
}

static void
h_update(struct hasher *h, size_t len, const void *data)
{
    if (h->mac)
        hmac_sha256_update(&h->hmac, len, data);
    else
        sha256_update(&h->sha, len, data);
}

static void
h_digest(struct hasher *h, uint8_t out[SHA256_DIGEST_SIZE])
{
    if (h->mac)
        hmac_sha256_digest(&h->hmac, SHA256_DIGEST_SIZE, out);
    else
        sha256_digest(&h->sha, SHA256_DIGEST_SIZE, out);
}

static void
to_hex(const uint8_t *b, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";

    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * n] = '\0';
}

/*
 * Bytes on their way into a hasher, gathered so that a row's fields go in
 * with one update rather than three each (an import digests every row it
 * writes: hundreds of thousands).
 */
struct feed {
    struct hasher *h;
    size_t n;
    char buf[512];
};

static void
feed_flush(struct feed *f)
{
    if (f->n > 0)
        h_update(f->h, f->n, f->buf);
    f->n = 0;
}

static void
feed_put(struct feed *f, const void *p, size_t len)
{
    if (f->n + len > sizeof f->buf) {
        feed_flush(f);
        if (len > sizeof f->buf) {
            h_update(f->h, len, p);
            return;
        }
    }
    memcpy(f->buf + f->n, p, len);
    f->n += len;
}

/* The decimal digits of `v` at `p` (at most 20); how many. What "%llu"
 * writes, without printf's cost. */
static size_t
put_u64(char *p, uint64_t v)
{
    char tmp[20];
    size_t n = 0;

    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        p[i] = tmp[n - 1 - i];
    return n;
}

/* What "%lld" writes (at most 20 characters). */
static size_t
put_i64(char *p, int64_t v)
{
    if (v >= 0)
        return put_u64(p, (uint64_t)v);
    p[0] = '-';
    return 1 + put_u64(p + 1, (uint64_t)0 - (uint64_t)v);
}

/* One field into the digest: its length, a colon, its bytes, a newline;
 * NULL is written as "-" so that it differs from "". */
static void
hash_field(struct feed *f, const char *s)
{
    char len[24];
    size_t n, slen;

    if (s == NULL) {
        feed_put(f, "-\n", 2);
        return;
    }
    slen = strlen(s);
    n = put_u64(len, slen);
    len[n++] = ':';
    feed_put(f, len, n);
    feed_put(f, s, slen);
    feed_put(f, "\n", 1);
}

void
audit_hash_row(const struct cs_db *db, int format, int64_t id,
               const char *at, const char *actor, const char *action,
               const char *tbl, int64_t row_id, int64_t idea_id,
               const char *before, const char *after, const char *rows_hash,
               const char *prev, char out[CS_HASH_HEX])
{
    static const char *const labels[] = {
        "consult-audit-1", "consult-audit-1", "consult-audit-2",
        "consult-audit-3",
    };
    struct hasher h;
    struct feed fd = { &h, 0, { 0 } };
    uint8_t digest[SHA256_DIGEST_SIZE];
    char num[3][24];

    num[0][put_i64(num[0], id)] = '\0';
    num[1][put_i64(num[1], row_id)] = '\0';
    num[2][put_i64(num[2], idea_id)] = '\0';
    h_init(&h, format == 3 ? &db->audit->chain : NULL);
    hash_field(&fd, labels[format >= 1 && format <= 3 ? format : 0]);
    hash_field(&fd, prev);
    hash_field(&fd, num[0]);
    hash_field(&fd, at);
    hash_field(&fd, actor);
    hash_field(&fd, action);
    hash_field(&fd, tbl);
    hash_field(&fd, num[1]);
    hash_field(&fd, num[2]);
    hash_field(&fd, before);
    hash_field(&fd, after);
    if (format >= 2)
        hash_field(&fd, rows_hash);
    feed_flush(&fd);
    h_digest(&h, digest);
    to_hex(digest, sizeof digest, out);
}

void
audit_rows_hash_init(struct audit_rows_hash *h)
{
    sha256_init(&h->ctx);
    h->n = 0;
}

void
audit_rows_hash_add(struct audit_rows_hash *h, const char *tbl,
                    int64_t row_id, const void *digest, int len)
{
    struct hasher w;
    struct feed fd = { &w, 0, { 0 } };
    char num[24], hex[2 * SHA256_DIGEST_SIZE + 1];

    w.mac = false;
    w.sha = h->ctx;
    num[put_i64(num, row_id)] = '\0';
    hash_field(&fd, tbl);
    hash_field(&fd, num);
    if (digest == NULL || len <= 0 || len > SHA256_DIGEST_SIZE) {
        hash_field(&fd, NULL);
    } else {
        to_hex(digest, (size_t)len, hex);
        hash_field(&fd, hex);
    }
    feed_flush(&fd);
    h->ctx = w.sha;
    h->n++;
}

void
audit_rows_hash_end(struct audit_rows_hash *h, char out[CS_HASH_HEX])
{
    uint8_t digest[SHA256_DIGEST_SIZE];

    if (h->n == 0) {
        out[0] = '\0';
        return;
    }
    sha256_digest(&h->ctx, sizeof digest, digest);
    to_hex(digest, sizeof digest, out);
}

/* ---------------------------------------------------------------- digests */

/* One SQL value into a digest: its type, its length, its bytes. */
static void
h_value(struct feed *f, sqlite3_value *v)
{
    char buf[48];
    size_t n;

    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
        buf[0] = 'i';
        n = 1 + put_i64(buf + 1, (int64_t)sqlite3_value_int64(v));
        buf[n++] = '\n';
        feed_put(f, buf, n);
        break;
    case SQLITE_FLOAT: {
        int k = snprintf(buf, sizeof buf, "f%.17g\n",
                         sqlite3_value_double(v));

        feed_put(f, buf, (size_t)k);
        break;
    }
    case SQLITE_TEXT:
    case SQLITE_BLOB: {
        bool text = sqlite3_value_type(v) == SQLITE_TEXT;
        const void *p = text ? (const void *)sqlite3_value_text(v)
                             : sqlite3_value_blob(v);
        int len = sqlite3_value_bytes(v);

        buf[0] = text ? 't' : 'b';
        n = 1 + put_u64(buf + 1, (uint64_t)(len > 0 ? len : 0));
        buf[n++] = ':';
        feed_put(f, buf, n);
        if (len > 0)
            feed_put(f, p, (size_t)len);
        feed_put(f, "\n", 1);
        break;
    }
    default:
        feed_put(f, "n\n", 2);
        break;
    }
}

static const struct hmac_sha256_ctx *
digest_key(sqlite3_context *cx)
{
    const struct cs_db *db = sqlite3_user_data(cx);

    return db->audit->digest_keyed ? &db->audit->rows : NULL;
}

/* consult_digest(v, ...): the digest of one row's values. */
static void
fn_digest(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    struct hasher h;
    struct feed fd = { &h, 0, { 0 } };
    uint8_t out[SHA256_DIGEST_SIZE];

    h_init(&h, digest_key(cx));
    feed_put(&fd, "row\n", 4);
    for (int i = 0; i < argc; i++)
        h_value(&fd, argv[i]);
    feed_flush(&fd);
    h_digest(&h, out);
    sqlite3_result_blob(cx, out, sizeof out, SQLITE_TRANSIENT);
}

/* consult_digest_rows(v, ...): the digest of a set of rows, fed in the
 * order the query gives them; NULL for no row. */
static void
fn_rows_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    struct { bool started; struct hasher h; } *a;
    struct feed fd = { NULL, 0, { 0 } };

    if ((a = sqlite3_aggregate_context(cx, sizeof *a)) == NULL) {
        sqlite3_result_error_nomem(cx);
        return;
    }
    if (!a->started) {
        h_init(&a->h, digest_key(cx));
        h_update(&a->h, 5, "rows\n");
        a->started = true;
    }
    fd.h = &a->h;
    feed_put(&fd, "r\n", 2);
    for (int i = 0; i < argc; i++)
        h_value(&fd, argv[i]);
    feed_flush(&fd);
}

static void
fn_rows_final(sqlite3_context *cx)
{
    struct { bool started; struct hasher h; } *a;
    uint8_t out[SHA256_DIGEST_SIZE];

    a = sqlite3_aggregate_context(cx, 0);
    if (a == NULL || !a->started) {
        sqlite3_result_null(cx);
        return;
    }
    h_digest(&a->h, out);
    sqlite3_result_blob(cx, out, sizeof out, SQLITE_TRANSIENT);
}

void
audit_digest_keyed(struct cs_db *db, bool keyed)
{
    db->audit->digest_keyed = keyed && db->audit->key_state == AUDIT_KEY_OK;
}

/*
 * The tables the journal covers, sorted by name (audit_check.c walks them
 * beside the journal's entries in that order). A table is one line: its
 * name and the columns consult writes, less the counts it keeps (checked
 * from their sources instead). idea_tag and idea_answer are covered per
 * idea: all of an idea's tags, or answers, are one digest.
 */
#define COVER_SQL(name, cols) \
    "SELECT consult_digest(" cols ") FROM " name " WHERE id = :id", \
    "SELECT id, consult_digest(" cols ") FROM " name " ORDER BY id", \
    "INSERT OR IGNORE INTO temp.audit_touch SELECT '" name "', id FROM " \
    name, \
    "INSERT INTO audit_row(audit_id, tbl, row_id, digest)" \
    " SELECT :aid, t.tbl, t.row_id, CASE WHEN r.id IS NULL THEN NULL" \
    " ELSE consult_digest(" cols ") END FROM temp.audit_touch t" \
    " LEFT JOIN " name " r ON r.id = t.row_id" \
    " WHERE t.tbl = '" name "' ORDER BY t.row_id"
#define COVER(name, cols) { name, false, COVER_SQL(name, cols), NULL }
/* A table an import batch writes (its rows have a batch_id): the batch's
 * rows digested through the table's index on batch_id, after the rows
 * touched one by one (some may be the batch's too). */
#define COVER_BATCH(name, cols) { name, false, COVER_SQL(name, cols), \
    "INSERT OR IGNORE INTO audit_row(audit_id, tbl, row_id, digest)" \
    " SELECT :aid, '" name "', id, consult_digest(" cols ") FROM " name \
    " WHERE batch_id = :batch" }
#define COVER_BY_IDEA(name, cols, order) { name, true, \
    "SELECT consult_digest_rows(" cols ") FROM (SELECT " cols " FROM " name \
    " WHERE idea_id = :id ORDER BY " order ")", \
    "SELECT idea_id, consult_digest_rows(" cols ") FROM (SELECT idea_id, " \
    cols " FROM " name " ORDER BY idea_id, " order ") GROUP BY idea_id" \
    " ORDER BY idea_id", \
    "INSERT OR IGNORE INTO temp.audit_touch SELECT DISTINCT '" name "'," \
    " idea_id FROM " name, \
    "INSERT INTO audit_row(audit_id, tbl, row_id, digest)" \
    " SELECT :aid, t.tbl, t.row_id, (SELECT consult_digest_rows(" cols ")" \
    " FROM (SELECT " cols " FROM " name " WHERE idea_id = t.row_id" \
    " ORDER BY " order ")) FROM temp.audit_touch t" \
    " WHERE t.tbl = '" name "' ORDER BY t.row_id", NULL }

static const struct audit_cover covered[] = {
    COVER("answer_template", "consultation_id, number, title, body"),
    COVER_BATCH("comment", "idea_id, participant_id, body, created_at,"
                " entered_by, batch_id, hidden, hidden_reason"),
    COVER("consultation", "code, title, description, kind, audience,"
          " opens_on, closes_on, state, created_at, created_by"),
    COVER_BATCH("idea", "consultation_id, theme_id, kind, title, body,"
                " author_id, channel, form_ref, batch_id, submitted_at,"
                " entered_at, entered_by, status, status_before,"
                " status_changed_at, status_changed_by, answer, merged_into,"
                " hidden_reason, paper_batch_id, entry_check"),
    COVER_BY_IDEA("idea_answer", "id, status, answer, given_at, given_by",
                  "id"),
    COVER_BY_IDEA("idea_tag", "tag_id", "tag_id"),
    COVER("import_batch", "kind, consultation_id, file_name, checksum,"
          " rows_read, accepted, rejected, duplicates, imported_by,"
          " imported_at, undone_at, undone_by"),
    COVER("paper_batch", "consultation_id, label, point, received_on, keyer,"
          " expected, fields, prefix, double_entry, closed_at, closed_by,"
          " close_reason, created_at, created_by"),
    COVER("paper_entry", "batch_id, form_ref, pass, idea_id, fields,"
          " resolved, keyed_at, keyed_by"),
    COVER_BATCH("participant", "ref, name, name_key, service, service_key,"
                " email, postal, phone, consent, channel, anonymised,"
                " batch_id, created_at, created_by"),
    COVER("tag", "name, name_key"),
    COVER_BATCH("tally", "idea_id, count, against, source, source_key,"
                " counted_at, batch_id, entered_at, entered_by"),
    COVER("theme", "consultation_id, code, title, title_key, position,"
          " retired"),
    COVER("user", "login, role, created_at, created_by"),
    COVER_BATCH("vote", "idea_id, participant_id, channel, voted_at,"
                " batch_id, entered_at, entered_by"),
};

#undef COVER
#undef COVER_BATCH
#undef COVER_SQL
#undef COVER_BY_IDEA

const struct audit_cover *
audit_covered(size_t *n)
{
    *n = sizeof covered / sizeof covered[0];
    return covered;
}

static const struct audit_cover *
cover_of(const char *tbl)
{
    for (size_t i = 0; tbl && i < sizeof covered / sizeof covered[0]; i++)
        if (strcmp(covered[i].tbl, tbl) == 0)
            return &covered[i];
    return NULL;
}

/* ---------------------------------------------------------------- touches */

enum cs_rc
audit_touch(struct cs_db *db, const char *tbl, int64_t row_id,
            struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, "INSERT OR IGNORE INTO temp.audit_touch(tbl,"
                          " row_id) VALUES (:tbl, :row)");
    stmt_bind_text(&st, ":tbl", tbl);
    stmt_bind_int64(&st, ":row", row_id);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
audit_touch_batch(struct cs_db *db, const char *tbl, int64_t batch_id,
                  struct cs_error *err)
{
    const struct audit_cover *c = cover_of(tbl);
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    if (c == NULL || c->batch_sql == NULL)
        return cs_error_set(err, CS_EINTERNAL, "%s",
                            _("The journal keeps no import batch of that"
                              " table."));
    stmt_prepare(&st, db, "INSERT OR IGNORE INTO temp.audit_touch_batch"
                          "(tbl, batch_id) VALUES (:tbl, :batch)");
    stmt_bind_text(&st, ":tbl", c->tbl);
    stmt_bind_int64(&st, ":batch", batch_id);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
audit_touch_all(struct cs_db *db, struct cs_error *err)
{
    enum cs_rc rc = CS_OK;

    for (size_t i = 0; rc == CS_OK && i < sizeof covered / sizeof covered[0];
         i++) {
        struct stmt st = STMT_INIT;

        stmt_prepare(&st, db, covered[i].touch_sql);
        rc = stmt_run(&st, err);
        stmt_finish(&st);
    }
    return rc;
}

/* The rows a journal row names by itself: the row, the idea it is about
 * (a vote, a comment, a paper entry's settling), and for a decision on an
 * idea (its row or its tags) the idea's tags and answers too. */
static enum cs_rc
touch_named(struct cs_db *db, const char *tbl, int64_t row_id,
            int64_t idea_id, struct cs_error *err)
{
    const struct audit_cover *c = cover_of(tbl);
    enum cs_rc rc = CS_OK;

    if (c != NULL && !c->by_idea && row_id != 0)
        rc = audit_touch(db, tbl, row_id, err);
    if (rc == CS_OK && idea_id != 0)
        rc = audit_touch(db, "idea", idea_id, err);
    if (rc == CS_OK && idea_id != 0 && tbl != NULL
        && (strcmp(tbl, "idea") == 0 || strcmp(tbl, "idea_tag") == 0)) {
        if ((rc = audit_touch(db, "idea_tag", idea_id, err)) == CS_OK)
            rc = audit_touch(db, "idea_answer", idea_id, err);
    }
    return rc;
}

/*
 * Record the digest of every touched row under journal row `aid`, feeding
 * them into `rows_hash`, and clear the touches. One INSERT ... SELECT per
 * covered table (an import touches every row it writes: a statement per
 * row took a third of a 65,000-ballot import), then the rows recorded,
 * read back in (table, row) order, make `rows_hash`. Touches of a table
 * the journal does not cover are dropped.
 */
static enum cs_rc
record_touched(struct cs_db *db, int64_t aid, char rows_hash[CS_HASH_HEX],
               struct cs_error *err)
{
    struct stmt st = STMT_INIT, put = STMT_INIT;
    struct audit_rows_hash rh;
    bool any = false;
    enum cs_rc rc = CS_OK;

    audit_rows_hash_init(&rh);
    /* The tables touched (a form's save touches two or three). */
    stmt_prepare(&st, db, "SELECT DISTINCT tbl FROM temp.audit_touch");
    while (rc == CS_OK && stmt_row(&st)) {
        const struct audit_cover *c = cover_of(stmt_text(&st, 0));

        any = true;
        if (c == NULL)
            continue;
        stmt_prepare(&put, db, c->put_sql);
        stmt_bind_int64(&put, ":aid", aid);
        rc = stmt_run(&put, err);
        stmt_finish(&put);
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    /* Then the import batches' rows (audit_touch_batch knows the table). */
    if (rc == CS_OK)
        stmt_prepare(&st, db, "SELECT tbl, batch_id"
                              " FROM temp.audit_touch_batch");
    while (rc == CS_OK && stmt_row(&st)) {
        const struct audit_cover *c = cover_of(stmt_text(&st, 0));

        any = true;
        if (c == NULL || c->batch_sql == NULL)
            continue;
        stmt_prepare(&put, db, c->batch_sql);
        stmt_bind_int64(&put, ":aid", aid);
        stmt_bind_int64(&put, ":batch", stmt_int64(&st, 1));
        rc = stmt_run(&put, err);
        stmt_finish(&put);
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && any) {
        stmt_prepare(&st, db, "SELECT tbl, row_id, digest FROM audit_row"
                              " WHERE audit_id = :aid ORDER BY tbl, row_id");
        stmt_bind_int64(&st, ":aid", aid);
        while (stmt_row(&st)) {
            int len = 0;
            const void *d = stmt_blob(&st, 2, &len);

            audit_rows_hash_add(&rh, stmt_text(&st, 0), stmt_int64(&st, 1),
                                d, len);
        }
        rc = stmt_status(&st, err);
        stmt_finish(&st);
        if (rc == CS_OK) {
            stmt_prepare(&st, db, "DELETE FROM temp.audit_touch");
            rc = stmt_run(&st, err);
            stmt_finish(&st);
        }
        if (rc == CS_OK) {
            stmt_prepare(&st, db, "DELETE FROM temp.audit_touch_batch");
            rc = stmt_run(&st, err);
            stmt_finish(&st);
        }
    }
    if (rc == CS_OK)
        audit_rows_hash_end(&rh, rows_hash);
    return rc;
}

/* ---------------------------------------------------------------- writing */

/* The journal's last row. */
struct last_row {
    int64_t id;                 /* 0: empty journal */
    char hash[CS_HASH_HEX];
    int format;                 /* 0: empty journal */
};

static enum cs_rc
last_row(struct cs_db *db, struct last_row *l, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    l->id = 0;
    l->format = 0;
    memcpy(l->hash, AUDIT_ZERO_HASH, CS_HASH_HEX);
    stmt_prepare(&st, db, "SELECT id, hash, format FROM audit"
                          " ORDER BY id DESC LIMIT 1");
    if (stmt_row(&st)) {
        l->id = stmt_int64(&st, 0);
        snprintf(l->hash, sizeof l->hash, "%s", stmt_text(&st, 1));
        l->format = (int)stmt_int64(&st, 2);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* Append one row in `format` after `l` (updated), with the digests of the
 * rows it names, the touched ones, and, if `all`, every covered row. */
static enum cs_rc
append(struct cs_db *db, struct last_row *l, int format, bool all,
       const char *action, const char *tbl, int64_t row_id, int64_t idea_id,
       const char *before, const char *after, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char hash[CS_HASH_HEX], rows_hash[CS_HASH_HEX], now[32];
    int64_t id = l->id + 1;
    enum cs_rc rc;

    audit_digest_keyed(db, format == 3);
    if ((rc = touch_named(db, tbl, row_id, idea_id, err)) != CS_OK
        || (all && (rc = audit_touch_all(db, err)) != CS_OK)
        || (rc = record_touched(db, id, rows_hash, err)) != CS_OK)
        return rc;

    util_now(now);
    audit_hash_row(db, format, id, now, db->login, action, tbl, row_id,
                   idea_id, before, after, rows_hash[0] ? rows_hash : NULL,
                   l->hash, hash);
    stmt_prepare(&st, db,
        "INSERT INTO audit(id, at, actor, action, tbl, row_id, idea_id,"
        " before, after, prev_hash, hash, format, rows_hash) VALUES (:id,"
        " :at, :actor, :action, :tbl, :row_id, :idea_id, :before, :after,"
        " :prev, :hash, :format, :rows_hash)");
    stmt_bind_int64(&st, ":id", id);
    stmt_bind_text(&st, ":at", now);
    stmt_bind_text(&st, ":actor", db->login);
    stmt_bind_text(&st, ":action", action);
    stmt_bind_text(&st, ":tbl", tbl);
    stmt_bind_int64(&st, ":row_id", row_id);
    stmt_bind_id(&st, ":idea_id", idea_id);
    stmt_bind_text(&st, ":before", before);
    stmt_bind_text(&st, ":after", after);
    stmt_bind_text(&st, ":prev", l->hash);
    stmt_bind_text(&st, ":hash", hash);
    stmt_bind_int64(&st, ":format", format);
    stmt_bind_text(&st, ":rows_hash", rows_hash[0] ? rows_hash : NULL);
    rc = stmt_run(&st, err);
    /* The before and after texts are JSON consult wrote: a CHECK refusing
     * them means SQLite's json_valid() could not run, which it reports as
     * "not valid" when it runs out of memory (SQLite 3.40). */
    if (rc == CS_ECONFLICT
        && sqlite3_extended_errcode(db->sql) == SQLITE_CONSTRAINT_CHECK)
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    stmt_finish(&st);
    if (rc == CS_OK) {
        l->id = id;
        memcpy(l->hash, hash, CS_HASH_HEX);
        l->format = format;
    }
    return rc;
}

enum cs_rc
audit_write_raw(struct cs_db *db, const char *action, const char *tbl,
                int64_t row_id, int64_t idea_id, const char *before,
                const char *after, struct cs_error *err)
{
    struct audit_state *a = db->audit;
    struct last_row l;
    char json[64];
    enum cs_rc rc;

    if ((rc = last_row(db, &l, err)) != CS_OK)
        return rc;
    if (a->key_state == AUDIT_KEY_OK) {
        /* Keying begins here: a row says so, with the key's fingerprint,
         * and records every row as it stands under the key. */
        if (l.format < 3) {
            snprintf(json, sizeof json, "{\"key_id\":\"%s\"}", a->key_id);
            if ((rc = append(db, &l, 3, true, "key", "meta", 0, 0, NULL,
                             json, err)) != CS_OK)
                return rc;
        }
        return append(db, &l, 3, false, action, tbl, row_id, idea_id, before,
                      after, err);
    }
    if (l.format == 3) {
        if (a->key_state == AUDIT_KEY_NONE)
            return cs_error_set(err, CS_EPERM,
                _("The journal is keyed, but its key file %s is missing: "
                  "nothing is written without it, so that the journal "
                  "stays whole."), a->key_path);
        return cs_error_set(err, CS_EPERM,
            _("The journal is keyed, but its key file %s cannot be used "
              "(%s): nothing is written without it, so that the journal "
              "stays whole."), a->key_path, a->note);
    }
    /* The first row with digests records every row as it stands. */
    return append(db, &l, 2, l.format < 2, action, tbl, row_id, idea_id,
                  before, after, err);
}

/* The JSON shape of each audited table. Table and column names are ours,
 * fixed here; only the row id is a parameter. */
static const char *
snapshot_sql(const char *tbl)
{
    static const struct { const char *tbl; const char *sql; } q[] = {
        { "user", "SELECT json_object('login', login, 'role', role)"
                  " FROM user WHERE id = :id" },
        { "consultation",
          "SELECT json_object('code', code, 'title', title, 'description',"
          " description, 'kind', kind, 'audience', audience, 'opens_on',"
          " opens_on, 'closes_on', closes_on, 'state', state, 'hold_answers',"
          " hold_answers, 'retention_months', retention_months)"
          " FROM consultation WHERE id = :id" },
        { "theme", "SELECT json_object('consultation_id', consultation_id,"
                   " 'code', code, 'title', title, 'position', position,"
                   " 'retired', retired)"
                   " FROM theme WHERE id = :id" },
        /* No personal data in the journal: it cannot be erased, and
         * anonymising a participant must leave nothing behind. */
        { "participant",
          "SELECT json_object('has_ref', ref IS NOT NULL, 'has_name',"
          " name IS NOT NULL, 'service', service, 'has_email',"
          " email IS NOT NULL, 'has_postal', postal IS NOT NULL, 'has_phone',"
          " phone IS NOT NULL, 'consent',"
          " consent, 'channel', channel, 'anonymised', anonymised)"
          " FROM participant WHERE id = :id" },
        { "idea",
          "SELECT json_object('consultation_id', consultation_id,"
          " 'theme_id', theme_id, 'kind', kind, 'title', title, 'body', body,"
          " 'author_id', author_id, 'channel', channel, 'form_ref', form_ref,"
          " 'batch_id', batch_id, 'submitted_at', submitted_at, 'status',"
          " status, 'answer', answer, 'merged_into', merged_into,"
          " 'hidden_reason', hidden_reason, 'votes', votes, 'tallies',"
          " tallies, 'support', support, 'entered_at', entered_at,"
          " 'entered_by', entered_by, 'status_changed_at',"
          " status_changed_at, 'status_changed_by', status_changed_by,"
          " 'paper_batch_id', paper_batch_id, 'entry_check', entry_check)"
          " FROM idea WHERE id = :id" },
        /* The entry times too: an as-of export (export_asof.c) rebuilds
         * the rows from these snapshots alone, byte for byte. */
        { "vote", "SELECT json_object('idea_id', idea_id, 'participant_id',"
                  " participant_id, 'channel', channel, 'voted_at', voted_at,"
                  " 'batch_id', batch_id, 'entered_at', entered_at,"
                  " 'entered_by', entered_by) FROM vote WHERE id = :id" },
        { "tally", "SELECT json_object('idea_id', idea_id, 'count', count,"
                   " 'against', against, 'source', source, 'counted_at', counted_at, 'batch_id',"
                   " batch_id, 'entered_at', entered_at, 'entered_by',"
                   " entered_by) FROM tally WHERE id = :id" },
        { "comment", "SELECT json_object('idea_id', idea_id,"
                     " 'participant_id', participant_id, 'body', body,"
                     " 'hidden', hidden, 'hidden_reason', hidden_reason,"
                     " 'created_at', created_at, 'entered_by', entered_by,"
                     " 'batch_id', batch_id, 'channel', channel, 'form_ref',"
                     " form_ref, 'parent_id', parent_id)"
                     " FROM comment WHERE id = :id" },
        { "import_batch",
          "SELECT json_object('kind', kind, 'consultation_id',"
          " consultation_id, 'file_name', file_name, 'checksum', checksum,"
          " 'rows_read', rows_read, 'accepted', accepted, 'rejected',"
          " rejected, 'duplicates', duplicates, 'undone_at', undone_at)"
          " FROM import_batch WHERE id = :id" },
        { "paper_batch",
          "SELECT json_object('consultation_id', consultation_id, 'label',"
          " label, 'point', point, 'received_on', received_on, 'keyer',"
          " keyer, 'expected', expected, 'fields', fields, 'prefix', prefix,"
          " 'double_entry', double_entry, 'closed_at', closed_at,"
          " 'closed_by', closed_by, 'close_reason', close_reason)"
          " FROM paper_batch WHERE id = :id" },
        /* What was keyed names people: not in the journal (see
         * participant), only which form, which pass and who keyed it. */
        { "paper_entry",
          "SELECT json_object('batch_id', batch_id, 'form_ref', form_ref,"
          " 'pass', pass, 'idea_id', idea_id, 'keyed_at', keyed_at,"
          " 'keyed_by', keyed_by) FROM paper_entry WHERE id = :id" },
        { "committee_session",
          "SELECT json_object('consultation_id', consultation_id, 'body',"
          " body, 'held_on', held_on, 'title', title, 'state', state,"
          " 'closed_at', closed_at, 'closed_by', closed_by, 'published_at',"
          " published_at, 'published_by', published_by)"
          " FROM committee_session WHERE id = :id" },
        { "agenda_item",
          "SELECT json_object('session_id', session_id, 'idea_id', idea_id,"
          " 'position', position, 'decision', decision, 'reason', reason,"
          " 'answer', answer, 'decided_at', decided_at, 'decided_by',"
          " decided_by, 'carried_to', carried_to)"
          " FROM agenda_item WHERE id = :id" },
        /* An attendee's name is in the minutes, not in the journal. */
        { "session_attendee",
          "SELECT json_object('session_id', session_id, 'role', role)"
          " FROM session_attendee WHERE id = :id" },
        /* Who was answered is the log itself; the journal says that an
         * answer was prepared, by which channel, with how many ideas. */
        { "answer_sent",
          "SELECT json_object('participant_id', participant_id,"
          " 'consultation_id', consultation_id, 'session_id', session_id,"
          " 'channel', channel, 'ideas', ideas)"
          " FROM answer_sent WHERE id = :id" },
        { "letter_setting",
          "SELECT json_object('language', language, 'sender', sender,"
          " 'opening', opening, 'closing', closing, 'signature', signature)"
          " FROM letter_setting WHERE consultation_id = :id" },
    };

    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        if (strcmp(q[i].tbl, tbl) == 0)
            return q[i].sql;
    return NULL;
}

enum cs_rc
audit_snapshot(struct cs_db *db, const char *tbl, int64_t row_id, char **json,
               struct cs_error *err)
{
    const char *sql = snapshot_sql(tbl);
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *json = NULL;
    if (sql == NULL)
        return CS_OK;
    stmt_prepare(&st, db, sql);
    stmt_bind_int64(&st, ":id", row_id);
    if (stmt_row(&st))
        *json = stmt_text_dup(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
audit_write(struct cs_db *db, const char *action, const char *tbl,
            int64_t row_id, int64_t idea_id, const char *before,
            struct cs_error *err)
{
    char *after = NULL;
    enum cs_rc rc = audit_snapshot(db, tbl, row_id, &after, err);

    if (rc == CS_OK)
        rc = audit_write_raw(db, action, tbl, row_id, idea_id, before, after,
                             err);
    free(after);
    return rc;
}

/* ---------------------------------------------------------------- the key */

static void
key_use(struct audit_state *a, const uint8_t key[KEY_BYTES])
{
    struct sha256_ctx sha;
    uint8_t fp[SHA256_DIGEST_SIZE], sub[SHA256_DIGEST_SIZE];

    memcpy(a->key, key, KEY_BYTES);
    hmac_sha256_set_key(&a->chain, KEY_BYTES, key);
    /* The rows' digests take a key of their own, derived from it. */
    hmac_sha256_update(&a->chain, 19, (const uint8_t *)"consult-audit-rows\n");
    hmac_sha256_digest(&a->chain, sizeof sub, sub);
    hmac_sha256_set_key(&a->rows, sizeof sub, sub);
    sha256_init(&sha);
    sha256_update(&sha, 21, (const uint8_t *)"consult-audit-key-id\n");
    sha256_update(&sha, KEY_BYTES, key);
    sha256_digest(&sha, sizeof fp, fp);
    to_hex(fp, 8, a->key_id);
    memset(sub, 0, sizeof sub);
    a->key_state = AUDIT_KEY_OK;
    a->note[0] = '\0';
}

static int
hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Read the key file: 64 hex digits and an optional newline. */
static void
key_load(struct audit_state *a)
{
    char buf[80];
    uint8_t key[KEY_BYTES];
    ssize_t n;
    int fd, e;

    a->key_state = AUDIT_KEY_NONE;
    a->key_id[0] = '\0';
    a->note[0] = '\0';
    if ((fd = open(a->key_path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0) {
        e = errno;
        if (e == ENOENT)
            return;
        a->key_state = AUDIT_KEY_UNREADABLE;
        snprintf(a->note, sizeof a->note, "%s", strerror(e));
        return;
    }
    n = read(fd, buf, sizeof buf);
    e = errno;
    close(fd);
    if (n < 0) {
        a->key_state = AUDIT_KEY_UNREADABLE;
        snprintf(a->note, sizeof a->note, "%s", strerror(e));
        return;
    }
    if (n == 2 * KEY_BYTES + 1 && buf[2 * KEY_BYTES] == '\n')
        n--;
    for (ssize_t i = 0; n == 2 * KEY_BYTES && i < KEY_BYTES; i++) {
        int hi = hex_value(buf[2 * i]), lo = hex_value(buf[2 * i + 1]);

        if (hi < 0 || lo < 0) {
            n = 0;
            break;
        }
        key[i] = (uint8_t)(hi << 4 | lo);
    }
    if (n != 2 * KEY_BYTES) {
        a->key_state = AUDIT_KEY_BAD;
        snprintf(a->note, sizeof a->note, "%s",
                 _("it is not a consult key (64 hexadecimal digits)"));
        return;
    }
    key_use(a, key);
    memset(key, 0, sizeof key);
    memset(buf, 0, sizeof buf);
}

static bool
random_bytes(uint8_t *b, size_t n)
{
    size_t got = 0;
    int fd;

    while (got < n) {
        ssize_t r = getrandom(b + got, n - got, 0);

        if (r < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        got += (size_t)r;
    }
    if (got == n)
        return true;
    /* No getrandom (an old kernel): the device. */
    if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) < 0)
        return false;
    got = 0;
    while (got < n) {
        ssize_t r = read(fd, b + got, n - got);

        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    return got == n;
}

enum cs_rc
audit_key_create(struct cs_db *db, struct cs_error *err)
{
    struct audit_state *a = db->audit;
    uint8_t key[KEY_BYTES];
    char hex[2 * KEY_BYTES + 2];
    struct stat sb;
    mode_t mode = 0600;
    ssize_t n;
    int fd, e;

    if (a->key_state != AUDIT_KEY_NONE)
        return CS_OK;           /* there already, usable or not */
    /* The database's group may write it: let the group read the key. */
    if (stat(db->path, &sb) == 0 && (sb.st_mode & S_IWGRP))
        mode = 0640;
    fd = open(a->key_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW
              | O_NOCTTY, mode);
    if (fd < 0) {
        e = errno;
        if (e == EEXIST) {
            key_load(a);
            return CS_OK;
        }
        /* A directory we may not write: the journal stays unkeyed, and
         * `audit verify` says so. */
        if (e == EACCES || e == EPERM || e == EROFS)
            return CS_OK;
        return cs_error_set(err, CS_EIO, _("Cannot create the key file %s: "
                                           "%s"), a->key_path, strerror(e));
    }
    if (fchmod(fd, mode) != 0 || !random_bytes(key, sizeof key)) {
        e = errno;
        close(fd);
        unlink(a->key_path);
        return cs_error_set(err, CS_EIO, _("Cannot create the key file %s: "
                                           "%s"), a->key_path, strerror(e));
    }
    to_hex(key, sizeof key, hex);
    hex[2 * KEY_BYTES] = '\n';
    n = write(fd, hex, 2 * KEY_BYTES + 1);
    e = errno;
    if (n == 2 * KEY_BYTES + 1 && fsync(fd) != 0) {
        e = errno;
        n = -1;
    }
    if (close(fd) != 0 && n == 2 * KEY_BYTES + 1) {
        e = errno;
        n = -1;
    }
    memset(hex, 0, sizeof hex);
    if (n != 2 * KEY_BYTES + 1) {
        unlink(a->key_path);
        memset(key, 0, sizeof key);
        return cs_error_set(err, CS_EIO, _("Cannot write the key file %s: "
                                           "%s"), a->key_path,
                            n < 0 ? strerror(e) : _("short write"));
    }
    key_use(a, key);
    memset(key, 0, sizeof key);
    a->key_created = true;
    return CS_OK;
}

enum cs_rc
audit_key_copy(const struct cs_db *db, const char *path, mode_t mode,
               struct cs_error *err)
{
    const struct audit_state *a = db->audit;
    char hex[2 * KEY_BYTES + 2];
    ssize_t n;
    int fd, e;

    if (a->key_state != AUDIT_KEY_OK)
        return CS_OK;
    /* The group may read it, never write it. */
    mode &= 0640;
    fd = host_user_open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW
              | O_NOCTTY, mode);
    if (fd < 0)
        return cs_error_set(err, CS_ECREATE, _("Cannot create the key file "
                                               "%s: %s"), path,
                            strerror(errno));
    to_hex(a->key, KEY_BYTES, hex);
    hex[2 * KEY_BYTES] = '\n';
    n = fchmod(fd, mode) == 0 ? write(fd, hex, 2 * KEY_BYTES + 1) : -1;
    e = errno;
    if (n == 2 * KEY_BYTES + 1 && fsync(fd) != 0) {
        e = errno;
        n = -1;
    }
    if (close(fd) != 0 && n == 2 * KEY_BYTES + 1) {
        e = errno;
        n = -1;
    }
    memset(hex, 0, sizeof hex);
    if (n != 2 * KEY_BYTES + 1) {
        host_user_unlink(path);
        return cs_error_set(err, CS_EIO, _("Cannot write the key file %s: "
                                           "%s"), path,
                            n < 0 ? strerror(e) : _("short write"));
    }
    return CS_OK;
}

void
audit_key_discard(struct cs_db *db)
{
    if (db && db->audit && db->audit->key_created) {
        unlink(db->audit->key_path);
        db->audit->key_created = false;
    }
}

enum audit_key_state
audit_key_state(const struct cs_db *db, const char **path, const char **note)
{
    if (path)
        *path = db->audit->key_path;
    if (note)
        *note = db->audit->note;
    return db->audit->key_state;
}

void
audit_key_id(const struct cs_db *db, char out[17])
{
    snprintf(out, 17, "%s", db->audit->key_state == AUDIT_KEY_OK
                            ? db->audit->key_id : "");
}

/* ---------------------------------------------------------------- handle */

enum cs_rc
audit_open(struct cs_db *db, const char *key_path, struct cs_error *err)
{
    struct audit_state *a;
    int src;

    if ((a = calloc(1, sizeof *a)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    db->audit = a;
    if (key_path != NULL) {
        a->key_path = strdup(key_path);
    } else if ((a->key_path = malloc(strlen(db->path) + 5)) != NULL) {
        strcpy(a->key_path, db->path);
        strcat(a->key_path, ".key");
    }
    if (a->key_path == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    key_load(a);

    src = sqlite3_create_function_v2(db->sql, "consult_digest", -1,
                                     SQLITE_UTF8, db, fn_digest, NULL, NULL,
                                     NULL);
    if (src == SQLITE_OK)
        src = sqlite3_create_function_v2(db->sql, "consult_digest_rows", -1,
                                         SQLITE_UTF8, db, NULL, fn_rows_step,
                                         fn_rows_final, NULL);
    /* And consult_rows, which imports read their rows from. */
    if (src == SQLITE_OK)
        src = memrows_register(db->sql);
    if (src != SQLITE_OK)
        return db_error(db, src, err);
    return db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS audit_touch ("
                       "  tbl TEXT NOT NULL, row_id INTEGER NOT NULL,"
                       "  PRIMARY KEY (tbl, row_id)) WITHOUT ROWID;"
                       "CREATE TEMP TABLE IF NOT EXISTS audit_touch_batch ("
                       "  tbl TEXT NOT NULL, batch_id INTEGER NOT NULL,"
                       "  PRIMARY KEY (tbl, batch_id)) WITHOUT ROWID;", err);
}

void
audit_close(struct cs_db *db)
{
    if (db == NULL || db->audit == NULL)
        return;
    free(db->audit->key_path);
    memset(db->audit, 0, sizeof *db->audit);
    free(db->audit);
    db->audit = NULL;
}

/* ---------------------------------------------------------------- reading */

static void
entry_from_row(struct stmt *st, struct cs_audit_entry *e)
{
    e->id = stmt_int64(st, 0);
    e->at = (char *)stmt_text(st, 1);
    e->actor = (char *)stmt_text(st, 2);
    e->action = (char *)stmt_text(st, 3);
    e->tbl = (char *)stmt_text(st, 4);
    e->row_id = stmt_int64(st, 5);
    e->before = stmt_is_null(st, 7) ? NULL : (char *)stmt_text(st, 7);
    e->after = stmt_is_null(st, 8) ? NULL : (char *)stmt_text(st, 8);
    snprintf(e->hash, sizeof e->hash, "%s", stmt_text(st, 10));
}

enum cs_rc
cs_audit_list(struct cs_db *db, const struct cs_audit_filter *f,
              cs_audit_fn fn, void *arg, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_audit_entry e;
    char since[32] = "";
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if (f && f->since && (rc = cs_date_parse(f->since, since, sizeof since,
                                              err)) != CS_OK)
        return rc;
    /* Rows carry milliseconds ("...:05.120Z") and '.' sorts before 'Z':
     * compare with "...:05.000Z" so that the rows written during the
     * second asked for are included. */
    if (strlen(since) == 20 && since[19] == 'Z')
        memcpy(since + 19, ".000Z", 6);
    stmt_prepare(&st, db,
        "SELECT id, at, actor, action, tbl, row_id, idea_id, before, after,"
        " prev_hash, hash FROM audit"
        " WHERE (:since IS NULL OR at >= :since)"
        "   AND (:actor IS NULL OR actor = :actor)"
        "   AND (:idea IS NULL OR idea_id = :idea)"
        " ORDER BY id");
    stmt_bind_text(&st, ":since", since[0] ? since : NULL);
    stmt_bind_text(&st, ":actor", f ? f->actor : NULL);
    stmt_bind_id(&st, ":idea", f ? f->idea_id : 0);
    while (stmt_row(&st)) {
        entry_from_row(&st, &e);
        if (fn(&e, arg) != 0)
            break;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
cs_audit_head(struct cs_db *db, struct cs_audit_head *out,
              struct cs_error *err)
{
    struct last_row l;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK
        || (rc = last_row(db, &l, err)) != CS_OK)
        return rc;
    out->id = l.id;
    memcpy(out->hash, l.hash, CS_HASH_HEX);
    return CS_OK;
}
