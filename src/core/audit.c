/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * audit.c: the append-only, hash-chained journal.
 *
 * Row n's hash is SHA-256 (nettle) over a canonical, length-prefixed
 * encoding of its fields and row n-1's hash, so editing, removing or
 * reordering any row outside consult breaks the chain from that row on.
 * The first row chains to 64 zeros.
 */
#include "consult/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "audit_priv.h"
#include "consult/types.h"
#include "i18n.h"
#include "stmt.h"

static const char zero_hash[CS_HASH_HEX] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* One field into the digest: its length, a colon, its bytes, a newline;
 * NULL is written as "-" so that it differs from "". */
static void
hash_field(struct sha256_ctx *ctx, const char *s)
{
    char len[24];
    int n;

    if (s == NULL) {
        sha256_update(ctx, 2, (const uint8_t *)"-\n");
        return;
    }
    n = snprintf(len, sizeof len, "%zu:", strlen(s));
    sha256_update(ctx, (size_t)n, (const uint8_t *)len);
    sha256_update(ctx, strlen(s), (const uint8_t *)s);
    sha256_update(ctx, 1, (const uint8_t *)"\n");
}

static void
hash_row(int64_t id, const char *at, const char *actor, const char *action,
         const char *tbl, int64_t row_id, int64_t idea_id, const char *before,
         const char *after, const char *prev, char out[CS_HASH_HEX])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    char num[3][24];

    snprintf(num[0], sizeof num[0], "%lld", (long long)id);
    snprintf(num[1], sizeof num[1], "%lld", (long long)row_id);
    snprintf(num[2], sizeof num[2], "%lld", (long long)idea_id);
    sha256_init(&ctx);
    hash_field(&ctx, "consult-audit-1");
    hash_field(&ctx, prev);
    hash_field(&ctx, num[0]);
    hash_field(&ctx, at);
    hash_field(&ctx, actor);
    hash_field(&ctx, action);
    hash_field(&ctx, tbl);
    hash_field(&ctx, num[1]);
    hash_field(&ctx, num[2]);
    hash_field(&ctx, before);
    hash_field(&ctx, after);
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

enum cs_rc
audit_write_raw(struct cs_db *db, const char *action, const char *tbl,
                int64_t row_id, int64_t idea_id, const char *before,
                const char *after, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char prev[CS_HASH_HEX], hash[CS_HASH_HEX], now[32];
    int64_t id = 1;
    enum cs_rc rc;

    memcpy(prev, zero_hash, sizeof prev);
    stmt_prepare(&st, db, "SELECT id, hash FROM audit ORDER BY id DESC"
                          " LIMIT 1");
    if (stmt_row(&st)) {
        id = stmt_int64(&st, 0) + 1;
        snprintf(prev, sizeof prev, "%s", stmt_text(&st, 1));
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        return rc;

    util_now(now);
    hash_row(id, now, db->login, action, tbl, row_id, idea_id, before, after,
             prev, hash);
    stmt_prepare(&st, db,
        "INSERT INTO audit(id, at, actor, action, tbl, row_id, idea_id,"
        " before, after, prev_hash, hash) VALUES (:id, :at, :actor, :action,"
        " :tbl, :row_id, :idea_id, :before, :after, :prev, :hash)");
    stmt_bind_int64(&st, ":id", id);
    stmt_bind_text(&st, ":at", now);
    stmt_bind_text(&st, ":actor", db->login);
    stmt_bind_text(&st, ":action", action);
    stmt_bind_text(&st, ":tbl", tbl);
    stmt_bind_int64(&st, ":row_id", row_id);
    stmt_bind_id(&st, ":idea_id", idea_id);
    stmt_bind_text(&st, ":before", before);
    stmt_bind_text(&st, ":after", after);
    stmt_bind_text(&st, ":prev", prev);
    stmt_bind_text(&st, ":hash", hash);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    return rc;
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
          " hold_answers) FROM consultation WHERE id = :id" },
        { "theme", "SELECT json_object('consultation_id', consultation_id,"
                   " 'code', code, 'title', title, 'position', position)"
                   " FROM theme WHERE id = :id" },
        /* No personal data in the journal: it cannot be erased, and
         * anonymising a participant must leave nothing behind. */
        { "participant",
          "SELECT json_object('has_ref', ref IS NOT NULL, 'has_name',"
          " name IS NOT NULL, 'service', service, 'has_email',"
          " email IS NOT NULL, 'has_postal', postal IS NOT NULL, 'consent',"
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
                     " 'batch_id', batch_id) FROM comment WHERE id = :id" },
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
cs_audit_verify(struct cs_db *db, int64_t *rows, int64_t *bad_id,
                char head[CS_HASH_HEX], struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    return audit_verify_chain(db, rows, bad_id, head, err);
}

enum cs_rc
audit_verify_chain(struct cs_db *db, int64_t *rows, int64_t *bad_id,
                   char head[CS_HASH_HEX], struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char prev[CS_HASH_HEX], want[CS_HASH_HEX];
    int64_t n = 0, expect_id = 1, bad = 0;
    enum cs_rc rc = CS_OK;

    memcpy(prev, zero_hash, sizeof prev);
    stmt_prepare(&st, db,
        "SELECT id, at, actor, action, tbl, row_id, idea_id, before, after,"
        " prev_hash, hash FROM audit ORDER BY id");
    while (stmt_row(&st)) {
        int64_t id = stmt_int64(&st, 0);
        const char *before = stmt_is_null(&st, 7) ? NULL : stmt_text(&st, 7);
        const char *after = stmt_is_null(&st, 8) ? NULL : stmt_text(&st, 8);

        if (id != expect_id) {
            bad = expect_id;
            rc = cs_error_set(err, CS_ECONFLICT,
                _("Audit row %lld is missing: the journal was edited "
                  "outside consult."), (long long)expect_id);
            break;
        }
        hash_row(id, stmt_text(&st, 1), stmt_text(&st, 2), stmt_text(&st, 3),
                 stmt_text(&st, 4), stmt_int64(&st, 5), stmt_int64(&st, 6),
                 before, after, prev, want);
        if (strcmp(stmt_text(&st, 9), prev) != 0
            || strcmp(stmt_text(&st, 10), want) != 0) {
            bad = id;
            rc = cs_error_set(err, CS_ECONFLICT,
                _("Audit row %lld does not match its hash: the journal was "
                  "edited outside consult."), (long long)id);
            break;
        }
        memcpy(prev, want, sizeof prev);
        n++;
        expect_id++;
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rows)
        *rows = n;
    if (bad_id)
        *bad_id = bad;
    if (rc == CS_OK && head)
        memcpy(head, prev, CS_HASH_HEX);
    return rc;
}
