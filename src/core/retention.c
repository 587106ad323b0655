/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * retention.c: anonymising the participants whose contributions all
 * belong to consultations past their retention (retention.h).
 *
 * Who is due is one query: the people who contributed (wrote an idea,
 * voted, commented) to a consultation past its retention, less those with
 * a contribution anywhere else. The service's anonymous participant (a
 * service and nothing personal) is never due: it holds no one's data, and
 * the figures per service count it. A run reads the list, then in the
 * same write transaction erases each one's personal fields as
 * cs_participant_anonymise does, the service too, writes the journal row
 * (without the erased values). The answered log's rows keep the
 * participant's number, the consultation, the channel and the date: that
 * someone was answered, when and how, and, the row erased, not who.
 */
#include "consult/retention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "dbpriv.h"
#include "i18n.h"
#include "stmt.h"

/* The consultations past their retention: closed or archived, with a
 * closing date and a retention, the date plus the months reached. */
#define PAST \
    "SELECT id FROM consultation WHERE retention_months IS NOT NULL" \
    " AND closes_on IS NOT NULL AND state IN ('closed', 'archived')" \
    " AND date(closes_on, '+' || retention_months || ' months')" \
    "     <= date('now')"

/* The participants due: id, ref, name, service. */
static const char due_sql[] =
    "WITH past(id) AS (" PAST "),"
    " cand(pid) AS ("
    "  SELECT i.author_id FROM idea i WHERE i.consultation_id IN past"
    "   AND i.author_id IS NOT NULL"
    "  UNION SELECT v.participant_id FROM vote v"
    "   JOIN idea i ON i.id = v.idea_id WHERE i.consultation_id IN past"
    "  UNION SELECT c.participant_id FROM comment c"
    "   JOIN idea i ON i.id = c.idea_id WHERE i.consultation_id IN past"
    "   AND c.participant_id IS NOT NULL)"
    " SELECT p.id, p.ref, p.name, p.service FROM participant p"
    " JOIN cand ON cand.pid = p.id"
    " WHERE p.anonymised = 0"
    " AND (p.ref IS NOT NULL OR p.name IS NOT NULL OR p.email IS NOT NULL"
    "      OR p.postal IS NOT NULL OR p.phone IS NOT NULL)"
    " AND NOT EXISTS (SELECT 1 FROM idea i WHERE i.author_id = p.id"
    "      AND i.consultation_id NOT IN past)"
    " AND NOT EXISTS (SELECT 1 FROM vote v JOIN idea i ON i.id = v.idea_id"
    "      WHERE v.participant_id = p.id AND i.consultation_id NOT IN past)"
    " AND NOT EXISTS (SELECT 1 FROM comment c"
    "      JOIN idea i ON i.id = c.idea_id"
    "      WHERE c.participant_id = p.id AND i.consultation_id NOT IN past)"
    " ORDER BY p.id";

static enum cs_rc
no_memory(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
}

void
cs_retention_report_clear(struct cs_retention_report *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->count; i++) {
        free(r->people[i].ref);
        free(r->people[i].name);
        free(r->people[i].service);
    }
    free(r->people);
    memset(r, 0, sizeof *r);
}

/* Whether some consultation is past its retention: most databases have
 * none, and the interface asks at each opening, so the search of the
 * contributions (all the votes) is made only when one is. */
static enum cs_rc
any_past(struct cs_db *db, bool *any, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, PAST " LIMIT 1");
    *any = stmt_row(&st);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
cs_retention_due_count(struct cs_db *db, int64_t *count, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    int64_t n = 0;
    bool any;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_ANONYMISE, err)) != CS_OK
        || (rc = any_past(db, &any, err)) != CS_OK)
        return rc;
    if (!any) {
        *count = 0;
        return CS_OK;
    }
    stmt_prepare(&st, db, due_sql);
    while (stmt_row(&st))
        n++;
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK)
        *count = n;
    return rc;
}

/* Read the participants due into `r`. */
static enum cs_rc
due_read(struct cs_db *db, struct cs_retention_report *r,
         struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    size_t cap = 0;
    bool any;
    enum cs_rc rc;

    if ((rc = any_past(db, &any, err)) != CS_OK || !any)
        return rc;
    stmt_prepare(&st, db, due_sql);
    while (stmt_row(&st)) {
        struct cs_retention_person *p;

        if (r->count == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct cs_retention_person *np =
                realloc(r->people, ncap * sizeof *np);

            if (np == NULL) {
                rc = no_memory(err);
                break;
            }
            r->people = np;
            cap = ncap;
        }
        p = &r->people[r->count++];
        memset(p, 0, sizeof *p);
        p->id = stmt_int64(&st, 0);
        p->ref = stmt_text_dup(&st, 1);
        p->name = stmt_text_dup(&st, 2);
        p->service = stmt_text_dup(&st, 3);
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* Add to `*n` the count of `sql` (one :p parameter) for participant
 * `id`. */
static enum cs_rc
count_add(struct cs_db *db, const char *sql, int64_t id, int64_t *n,
          struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, sql);
    stmt_bind_int64(&st, ":p", id);
    if (stmt_row(&st))
        *n += stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* What participant `id` holds that is kept: added to `r`'s counts. */
static enum cs_rc
kept_count(struct cs_db *db, int64_t id, struct cs_retention_report *r,
           struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = count_add(db, "SELECT count(*) FROM idea WHERE author_id = :p",
                        id, &r->ideas, err)) != CS_OK
        || (rc = count_add(db, "SELECT count(*) FROM vote"
                               " WHERE participant_id = :p",
                           id, &r->votes, err)) != CS_OK
        || (rc = count_add(db, "SELECT count(*) FROM comment"
                               " WHERE participant_id = :p",
                           id, &r->comments, err)) != CS_OK)
        return rc;
    return count_add(db, "SELECT count(*) FROM answer_sent"
                         " WHERE participant_id = :p",
                     id, &r->answers_logged, err);
}

/* Erase participant `id`'s personal fields, in the journal. Their rows
 * of the answered log stay as they are: they name the participant's
 * number, which no longer leads to anyone. */
static enum cs_rc
anonymise_one(struct cs_db *db, int64_t id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "UPDATE participant SET ref = NULL, name = NULL, name_key = NULL,"
        " service = NULL, service_key = '', email = NULL, postal = NULL,"
        " phone = NULL, consent = 0, anonymised = 1 WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    /* The journal must not keep what was erased: the act, and the row as
     * it now is. */
    if (rc == CS_OK)
        rc = audit_write(db, "anonymise", "participant", id, 0, NULL, err);
    return rc;
}

enum cs_rc
cs_retention_run(struct cs_db *db, bool dry_run,
                 struct cs_retention_report *out, struct cs_error *err)
{
    struct cs_retention_report r;
    bool in_txn = false;
    enum cs_rc rc;

    memset(&r, 0, sizeof r);
    r.dry_run = dry_run;
    if ((rc = op_require(db, CS_OP_ANONYMISE, err)) != CS_OK)
        return rc;
    /* A dry run only reads; a run reads who is due in the transaction
     * that anonymises them, so that no contribution slips in between. */
    if (!dry_run) {
        if ((rc = txn_begin_write(db, err)) != CS_OK)
            return rc;
        in_txn = true;
    }
    if ((rc = due_read(db, &r, err)) != CS_OK)
        goto out;
    for (size_t i = 0; i < r.count && rc == CS_OK; i++)
        rc = kept_count(db, r.people[i].id, &r, err);
    for (size_t i = 0; !dry_run && i < r.count && rc == CS_OK; i++)
        rc = anonymise_one(db, r.people[i].id, err);
out:
    if (in_txn) {
        rc = txn_end(db, rc, err);
        /* The erased values also sit in the WAL until a checkpoint copies
         * the pages back: checkpoint now, best effort. */
        if (rc == CS_OK && r.count > 0 && db->txn_depth == 0)
            sqlite3_wal_checkpoint_v2(db->sql, NULL,
                                      SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    }
    if (rc != CS_OK) {
        cs_retention_report_clear(&r);
        return rc;
    }
    *out = r;
    return CS_OK;
}
