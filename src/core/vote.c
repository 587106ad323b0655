/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * vote.c: individual votes and anonymous tallies, and the counts they
 * maintain on ideas.
 *
 * A vote or tally stays recorded on the idea it was given for (idea.votes,
 * idea.tallies) and counts for that idea's root, the idea it is merged
 * into if any (idea.support). One person supports a group of merged ideas
 * once: a vote is refused if the voter has a vote anywhere in the root's
 * group. One tally per idea, source and day (a session), the source
 * compared case- and accent-insensitively, so that a workshop's stickers
 * are never counted twice: keying a session again replaces its counts.
 * A tally's votes against are kept beside its votes for and never
 * subtracted from any count.
 */
#include "consult/vote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "cons_state.h"
#include "i18n.h"
#include "idea_priv.h"
#include "memrows.h"
#include "participant_priv.h"
#include "stmt.h"

static enum cs_rc
no_memory(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
}

/* The label of stored status `name` if it refuses support (withdrawn,
 * hidden), else NULL. */
static const char *
refuses_support(const char *name)
{
    if (strcmp(name, cs_status_name(CS_STATUS_WITHDRAWN)) == 0)
        return cs_status_label(CS_STATUS_WITHDRAWN);
    if (strcmp(name, cs_status_name(CS_STATUS_HIDDEN)) == 0)
        return cs_status_label(CS_STATUS_HIDDEN);
    return NULL;
}

/*
 * The root of idea `idea_id` (the idea its support counts for), refusing
 * withdrawn and hidden ideas: neither the idea nor its root may be one.
 */
static enum cs_rc
support_target(struct cs_db *db, int64_t idea_id, int64_t *root,
               struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_status root_status;
    const char *label = NULL;
    enum cs_rc rc;

    if ((rc = idea_root(db, idea_id, root, &root_status, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT status FROM idea WHERE id = :id");
    stmt_bind_int64(&st, ":id", idea_id);
    if (stmt_row(&st) && (label = refuses_support(stmt_text(&st, 0))))
        rc = cs_error_field(err, CS_ECONFLICT, "idea",
            _("Idea %lld is %s: it cannot receive votes or tallies."),
            (long long)idea_id, label);
    else
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && (root_status == CS_STATUS_WITHDRAWN
                        || root_status == CS_STATUS_HIDDEN))
        rc = cs_error_field(err, CS_ECONFLICT, "idea",
            _("Idea %lld counts for idea %lld, which is %s: it cannot "
              "receive votes or tallies."), (long long)idea_id,
            (long long)*root, cs_status_label(root_status));
    return rc;
}

/* Add `delta` to one maintained count ("votes", "tallies" or "support")
 * of idea `id`. */
static enum cs_rc
count_add(struct cs_db *db, const char *sql, int64_t id, int64_t delta,
          struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, sql);
    stmt_bind_int64(&st, ":delta", delta);
    stmt_bind_int64(&st, ":id", id);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    return rc;
}

static const char sql_votes_add[] =
    "UPDATE idea SET votes = votes + :delta WHERE id = :id";
static const char sql_tallies_add[] =
    "UPDATE idea SET tallies = tallies + :delta WHERE id = :id";
static const char sql_support_add[] =
    "UPDATE idea SET support = support + :delta WHERE id = :id";

/* A date given by the user, or now; `field` names it in errors. */
static enum cs_rc
date_or_now(const char *s, const char *field, char out[32],
            struct cs_error *err)
{
    enum cs_rc rc;

    if (util_is_blank(s)) {
        util_now(out);
        return CS_OK;
    }
    if ((rc = cs_date_parse(s, out, 32, err)) != CS_OK)
        return error_rename_field(err, field, rc);
    return CS_OK;
}

/* ---------------------------------------------------------------- votes */

/* The parameters of the stage and of the one INSERT INTO vote, in idx[]
 * order. */
static const char *const put_params[11] = {
    ":idea", ":p", ":channel", ":when", ":points", ":batch", ":now", ":login",
    ":memory", ":rows", ":rows_when"
};

/* The channels' names, for votes read from memory (their number there). */
static const char *const put_channels[] = {
    ":ch0", ":ch1", ":ch2", ":ch3", ":ch4", ":ch5"
};

static enum cs_rc
put_prepare_one(struct cs_db *db, const char *sql, sqlite3_stmt **out,
                struct cs_error *err)
{
    int src = sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT,
                                 out, NULL);

    if (src != SQLITE_OK) {
        sqlite3_finalize(*out);
        *out = NULL;
        return db_error(db, src, err);
    }
    return CS_OK;
}

/*
 * The one INSERT INTO vote. The stage is keyed (idea, participant): read in
 * that order with no sort; or, with :memory, rows in memory
 * (vote_put_run_rows). Prepared twice: with RETURNING, which says which
 * went in, for a caller that wants each vote added; without, where SQLite
 * need not keep every row added to hand it back (7% of the instructions
 * of a .pb import).
 */
#define PUT_VOTES \
    "INSERT INTO vote(idea_id, participant_id, channel, voted_at," \
    " batch_id, entered_at, entered_by, points)" \
    " SELECT idea_id, participant_id, channel, voted_at, :batch," \
    " :now, :login, points FROM (SELECT idea_id, participant_id," \
    " channel, voted_at, points FROM temp.vote_stage" \
    " WHERE :memory = 0 UNION ALL SELECT c0, c1, CASE c3" \
    " WHEN 0 THEN :ch0 WHEN 1 THEN :ch1 WHEN 2 THEN :ch2" \
    " WHEN 3 THEN :ch3 WHEN 4 THEN :ch4 WHEN 5 THEN :ch5 END," \
    " coalesce(t0, :rows_when), c2 FROM consult_rows(:rows)" \
    " WHERE :memory = 1) WHERE true" \
    " ON CONFLICT (idea_id, participant_id) DO NOTHING"

/* Bind what stays the same from run to run: the channels' names, and
 * the stage as the source. */
static void
put_bind_fixed(sqlite3_stmt *st, int memory_idx)
{
    _Static_assert(sizeof put_channels / sizeof put_channels[0]
                   == CS_CHANNEL_COUNT, "one name per channel");
    for (int i = 0; i < CS_CHANNEL_COUNT; i++)
        sqlite3_bind_text(st, sqlite3_bind_parameter_index(st,
                              put_channels[i]),
                          cs_channel_name((enum cs_channel)i), -1,
                          SQLITE_STATIC);
    sqlite3_bind_int(st, memory_idx, 0);
}

enum cs_rc
vote_put_prepare(struct cs_db *db, struct vote_put *vp, struct cs_error *err)
{
    enum cs_rc rc;

    memset(vp, 0, sizeof *vp);
    if ((rc = db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS vote_stage("
                      "idea_id INTEGER, participant_id INTEGER, channel TEXT,"
                      " voted_at TEXT, points INTEGER,"
                      " PRIMARY KEY (idea_id, participant_id)) WITHOUT ROWID;"
                      "DELETE FROM temp.vote_stage;", err)) != CS_OK)
        return rc;
    if ((rc = put_prepare_one(db,
            "INSERT OR IGNORE INTO temp.vote_stage(idea_id, participant_id,"
            " channel, voted_at, points)"
            " VALUES (:idea, :p, :channel, :when, :points)", &vp->stage,
            err)) != CS_OK
        || (rc = put_prepare_one(db, PUT_VOTES " RETURNING id, idea_id",
                                 &vp->run, err)) != CS_OK
        || (rc = put_prepare_one(db, PUT_VOTES, &vp->quiet, err)) != CS_OK
        || (rc = put_prepare_one(db, "DELETE FROM temp.vote_stage",
                                 &vp->clear, err)) != CS_OK) {
        vote_put_finish(vp);
        return rc;
    }
    for (int i = 0; i < 5; i++)
        vp->idx[i] = sqlite3_bind_parameter_index(vp->stage, put_params[i]);
    /* The same text: the same parameters in both. */
    for (int i = 5; i < 11; i++)
        vp->idx[i] = sqlite3_bind_parameter_index(vp->run, put_params[i]);
    put_bind_fixed(vp->run, vp->idx[8]);
    put_bind_fixed(vp->quiet, vp->idx[8]);
    return CS_OK;
}

enum cs_rc
vote_put_stage(struct cs_db *db, struct vote_put *vp, int64_t idea_id,
               int64_t participant_id, enum cs_channel channel,
               const char *voted_at, int points, bool *fresh,
               struct cs_error *err)
{
    sqlite3_stmt *st = vp->stage;
    const int *x = vp->idx;
    int src;

    sqlite3_bind_int64(st, x[0], idea_id);
    sqlite3_bind_int64(st, x[1], participant_id);
    sqlite3_bind_text(st, x[2], cs_channel_name(channel), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, x[3], voted_at, -1, SQLITE_STATIC);
    if (points >= 0)
        sqlite3_bind_int(st, x[4], points);
    else
        sqlite3_bind_null(st, x[4]);
    src = sqlite3_step(st);
    sqlite3_reset(st);
    if (src != SQLITE_DONE)
        return db_error(db, src, err);
    if (sqlite3_changes(db->sql) == 0) {
        if (fresh)
            *fresh = false;
        return CS_OK;
    }
    vp->staged++;
    if (fresh)
        *fresh = true;
    return CS_OK;
}

/* vote_put_run's work, on statement `st` (with RETURNING when `each`). */
static enum cs_rc
put_run(struct cs_db *db, struct vote_put *vp, sqlite3_stmt *st,
        int64_t batch_id, const char *now,
        void (*each)(void *arg, int64_t id, int64_t idea_id), void *arg,
        long *added, struct cs_error *err)
{
    const int *x = vp->idx;
    long n = 0;
    int src;

    if (batch_id != 0)
        sqlite3_bind_int64(st, x[5], batch_id);
    else
        sqlite3_bind_null(st, x[5]);
    sqlite3_bind_text(st, x[6], now, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, x[7], db->login, -1, SQLITE_STATIC);
    while ((src = sqlite3_step(st)) == SQLITE_ROW) {
        if (each)
            each(arg, sqlite3_column_int64(st, 0),
                 sqlite3_column_int64(st, 1));
        n++;
    }
    if (st == vp->quiet && src == SQLITE_DONE)
        n = sqlite3_changes(db->sql);
    sqlite3_reset(st);
    if (src != SQLITE_DONE)
        return db_error(db, src, err);
    if (added)
        *added = n;
    return CS_OK;
}

enum cs_rc
vote_put_run_rows(struct cs_db *db, struct vote_put *vp,
                  const struct memrows *rows, const char *voted_at,
                  int64_t batch_id, const char *now, long *added,
                  struct cs_error *err)
{
    sqlite3_stmt *st = vp->quiet;
    enum cs_rc rc;
    int src;

    if ((src = sqlite3_bind_int(st, vp->idx[8], 1)) != SQLITE_OK
        || (src = memrows_bind_at(st, vp->idx[9], rows)) != SQLITE_OK
        || (src = sqlite3_bind_text(st, vp->idx[10], voted_at, -1,
                                    SQLITE_STATIC)) != SQLITE_OK)
        rc = db_error(db, src, err);
    else
        rc = put_run(db, vp, st, batch_id, now, NULL, NULL, added, err);
    /* The stage again for the next run. */
    sqlite3_bind_int(st, vp->idx[8], 0);
    sqlite3_bind_null(st, vp->idx[9]);
    sqlite3_bind_null(st, vp->idx[10]);
    return rc;
}

enum cs_rc
vote_put_run(struct cs_db *db, struct vote_put *vp, int64_t batch_id,
             const char *now, void (*each)(void *arg, int64_t id,
                                           int64_t idea_id),
             void *arg, long *added, struct cs_error *err)
{
    return put_run(db, vp, each ? vp->run : vp->quiet, batch_id, now, each,
                   arg, added, err);
}

enum cs_rc
vote_put_clear(struct cs_db *db, struct vote_put *vp, struct cs_error *err)
{
    int src = sqlite3_step(vp->clear);

    sqlite3_reset(vp->clear);
    if (src != SQLITE_DONE)
        return db_error(db, src, err);
    vp->staged = 0;
    return CS_OK;
}

void
vote_put_finish(struct vote_put *vp)
{
    sqlite3_finalize(vp->stage);
    sqlite3_finalize(vp->run);
    sqlite3_finalize(vp->quiet);
    sqlite3_finalize(vp->clear);
    vp->stage = vp->run = vp->quiet = vp->clear = NULL;
    vp->staged = 0;
}

/* vote_insert_rows's: the id of the one vote added. */
static void
put_one(void *arg, int64_t id, int64_t idea_id)
{
    (void)idea_id;
    *(int64_t *)arg = id;
}

/* vote_insert's work, inside its savepoint. */
static enum cs_rc
vote_insert_rows(struct cs_db *db, int64_t idea_id,
                 const struct cs_person *voter, enum cs_channel channel,
                 const char *voted_at, int64_t batch_id, int64_t *id,
                 struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct vote_put vp;
    char when[32], now[32];
    int64_t root = 0, pid = 0, other = 0, new_id = 0;
    enum cs_rc rc;

    if (voter == NULL)
        return cs_error_field(err, CS_EINVAL, "voter", "%s",
                              _("A vote needs a voter."));
    if ((unsigned)channel >= CS_CHANNEL_COUNT)
        return cs_error_field(err, CS_EINVAL, "channel", "%s",
                              _("Invalid channel."));
    if ((rc = date_or_now(voted_at, "voted_at", when, err)) != CS_OK)
        return rc;
    if ((rc = support_target(db, idea_id, &root, err)) != CS_OK
        || (batch_id == 0   /* an import's rows: not yet */
            && (rc = cons_write_check_idea(db, idea_id, CONS_WRITE_CONTRIB,
                                           (int)channel,
                                           util_is_blank(voted_at)
                                           ? NULL : when, NULL, err))
               != CS_OK))
        return rc;
    if ((rc = participant_resolve(db, voter, &pid, NULL, err)) != CS_OK)
        return rc;

    stmt_prepare(&st, db,
        "WITH RECURSIVE grp(id) AS ("
        "  SELECT :root UNION"
        "  SELECT i.id FROM idea i JOIN grp ON i.merged_into = grp.id)"
        " SELECT v.idea_id FROM vote v"
        " WHERE v.participant_id = :p AND v.idea_id IN grp LIMIT 1");
    stmt_bind_int64(&st, ":root", root);
    stmt_bind_int64(&st, ":p", pid);
    if (stmt_row(&st))
        other = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        return rc;
    if (other == idea_id)
        return cs_error_field(err, CS_ECONFLICT, "voter",
            _("This person already supports idea %lld: a second vote is "
              "not counted."), (long long)idea_id);
    if (other != 0)
        return cs_error_field(err, CS_ECONFLICT, "voter",
            _("This person already supports idea %lld, merged with idea "
              "%lld: a second vote is not counted."), (long long)other,
            (long long)idea_id);

    util_now(now);
    if ((rc = vote_put_prepare(db, &vp, err)) != CS_OK)
        return rc;
    if ((rc = vote_put_stage(db, &vp, idea_id, pid, channel, when, -1, NULL,
                             err)) == CS_OK
        && (rc = vote_put_run(db, &vp, batch_id, now, put_one, &new_id,
                              NULL, err)) == CS_OK)
        rc = vote_put_clear(db, &vp, err);
    vote_put_finish(&vp);
    /* The group check above saw no vote of this person here: it went in,
     * and new_id is its id. */
    if (rc != CS_OK
        || (rc = count_add(db, sql_votes_add, idea_id, 1, err)) != CS_OK
        || (rc = count_add(db, sql_support_add, root, 1, err)) != CS_OK
        || (rc = audit_write(db, "add", "vote", new_id, idea_id, NULL, err))
           != CS_OK)
        return rc;
    if (id)
        *id = new_id;
    return CS_OK;
}

enum cs_rc
vote_insert(struct cs_db *db, int64_t idea_id, const struct cs_person *voter,
            enum cs_channel channel, const char *voted_at, int64_t batch_id,
            int64_t *id, struct cs_error *err)
{
    int64_t new_id = 0;
    enum cs_rc rc;

    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    rc = vote_insert_rows(db, idea_id, voter, channel, voted_at, batch_id,
                          &new_id, err);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && id)
        *id = new_id;
    return rc;
}

enum cs_rc
cs_vote_add(struct cs_db *db, int64_t idea_id, const struct cs_person *voter,
            enum cs_channel channel, const char *voted_at, int64_t *id,
            struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_VOTE, err)) != CS_OK)
        return rc;
    return vote_insert(db, idea_id, voter, channel, voted_at, 0, id, err);
}

enum cs_rc
cs_vote_add_with_remark(struct cs_db *db, int64_t idea_id,
                        const struct cs_person *voter,
                        enum cs_channel channel, const char *voted_at,
                        const char *remark, int64_t *vote_id,
                        int64_t *comment_id, struct cs_error *err)
{
    int64_t vid = 0, cid = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_VOTE, err)) != CS_OK
        || (!util_is_blank(remark)
            && (rc = op_require(db, CS_OP_COMMENT, err)) != CS_OK))
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    rc = vote_insert(db, idea_id, voter, channel, voted_at, 0, &vid, err);
    if (rc == CS_OK && !util_is_blank(remark))
        rc = comment_insert(db, idea_id, voter, remark, (int)channel, 0,
                            &cid, err);
    rc = txn_end(db, rc, err);
    if (rc != CS_OK)
        return rc;
    if (vote_id)
        *vote_id = vid;
    if (comment_id)
        *comment_id = cid;
    return CS_OK;
}

enum cs_rc
cs_vote_delete(struct cs_db *db, int64_t id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *entered_by = NULL, *before = NULL;
    int64_t idea_id = 0, root = 0;
    bool found = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_VOTE, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT idea_id, entered_by FROM vote"
                          " WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        found = true;
        idea_id = stmt_int64(&st, 0);
        entered_by = stmt_text_dup(&st, 1);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = cs_error_set(err, CS_ENOTFOUND, _("No vote %lld."),
                          (long long)id);
    if (rc != CS_OK
        || (rc = role_require_owner(db, entered_by, err)) != CS_OK
        || (rc = cons_write_check_idea(db, idea_id, CONS_WRITE_WORK, -1,
                                       NULL, NULL, err)) != CS_OK
        || (rc = idea_root(db, idea_id, &root, NULL, err)) != CS_OK
        || (rc = audit_snapshot(db, "vote", id, &before, err)) != CS_OK)
        goto out;
    stmt_prepare(&st, db, "DELETE FROM vote WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    /* The voter may have voted for another idea of the group before the
     * merge: only a recount says whether the root loses a supporter. */
    if ((rc = count_add(db, sql_votes_add, idea_id, -1, err)) != CS_OK
        || (rc = idea_support_recompute(db, root, err)) != CS_OK)
        goto out;
    rc = audit_write_raw(db, "delete", "vote", id, idea_id, before, NULL,
                         err);
out:
    stmt_finish(&st);
    free(entered_by);
    free(before);
    return txn_end(db, rc, err);
}

/* ---------------------------------------------------------------- tallies */

/* A count of a tally, `field` naming it in errors. */
static enum cs_rc
count_check(int64_t n, const char *field, struct cs_error *err)
{
    if (n < 0)
        return cs_error_field(err, CS_EINVAL, field, "%s",
                              _("A tally cannot be negative."));
    return CS_OK;
}

/* The session's source, trimmed, and its key (`*src` and `*key` owned). */
static enum cs_rc
source_key(const char *source, char **src, char **key, struct cs_error *err)
{
    enum cs_rc rc;

    *src = *key = NULL;
    if (util_is_blank(source))
        return cs_error_field(err, CS_EINVAL, "source", "%s",
            _("A tally needs its source (the workshop or ballot box)."));
    if (util_line_check(source, "source", err) != CS_OK)
        return CS_EINVAL;
    if ((*src = util_trim_dup(source)) == NULL)
        return no_memory(err);
    if ((rc = util_fold(*src, key, err)) != CS_OK) {
        free(*src);
        *src = NULL;
    }
    return rc;
}

/* The tally of one session, as tally_put_rows finds it. */
struct session {
    int64_t id;                 /* 0: none yet */
    int64_t count, against;
    char *entered_by;           /* owned */
};

static enum cs_rc
session_find(struct cs_db *db, int64_t idea_id, const char *key,
             const char *when, struct session *s, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    memset(s, 0, sizeof *s);
    /* The unique index tally_session: (idea, source key, day). */
    stmt_prepare(&st, db, "SELECT id, count, against, entered_by FROM tally"
                          " WHERE idea_id = :idea AND source_key = :key"
                          " AND substr(counted_at, 1, 10) ="
                          " substr(:when, 1, 10)");
    stmt_bind_int64(&st, ":idea", idea_id);
    stmt_bind_text(&st, ":key", key);
    stmt_bind_text(&st, ":when", when);
    if (stmt_row(&st)) {
        s->id = stmt_int64(&st, 0);
        s->count = stmt_int64(&st, 1);
        s->against = stmt_int64(&st, 2);
        s->entered_by = stmt_text_dup(&st, 3);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* The session's counts replaced by `count` and `against`, audited. */
static enum cs_rc
session_replace(struct cs_db *db, int64_t idea_id, int64_t root,
                const struct session *s, int64_t count, int64_t against,
                const char *src, int64_t batch_id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *before = NULL;
    enum cs_rc rc;

    if ((rc = role_require_owner(db, s->entered_by, err)) != CS_OK) {
        /* An import refuses the row and goes on. */
        if (batch_id != 0 && rc == CS_EPERM)
            rc = cs_error_field(err, CS_ECONFLICT, "source",
                _("Idea %lld already has a tally from \"%s\" that day, "
                  "entered by \"%s\": only an admin or that agent may "
                  "replace it."), (long long)idea_id, src,
                s->entered_by ? s->entered_by : "?");
        return rc;
    }
    if ((rc = audit_snapshot(db, "tally", s->id, &before, err)) != CS_OK)
        return rc;
    /* The source keeps the spelling it was first keyed with. */
    stmt_prepare(&st, db, "UPDATE tally SET count = :count,"
                          " against = :against WHERE id = :id");
    stmt_bind_int64(&st, ":count", count);
    stmt_bind_int64(&st, ":against", against);
    stmt_bind_int64(&st, ":id", s->id);
    if ((rc = stmt_run(&st, err)) == CS_OK
        && (rc = count_add(db, sql_tallies_add, idea_id, count - s->count,
                           err)) == CS_OK
        && (rc = count_add(db, sql_support_add, root, count - s->count,
                           err)) == CS_OK)
        rc = audit_write(db, "update", "tally", s->id, idea_id, before, err);
    stmt_finish(&st);
    free(before);
    return rc;
}

/* tally_insert's work, inside the caller's transaction. */
static enum cs_rc
tally_put_rows(struct cs_db *db, int64_t idea_id, int64_t count,
               int64_t against, const char *source, const char *counted_at,
               int64_t batch_id, struct cs_tally_result *res,
               struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct session s = { 0 };
    char when[32], now[32];
    char *src = NULL, *key = NULL;
    int64_t root = 0;
    enum cs_rc rc;

    memset(res, 0, sizeof *res);
    if ((rc = count_check(count, "count", err)) != CS_OK
        || (rc = count_check(against, "against", err)) != CS_OK
        || (rc = source_key(source, &src, &key, err)) != CS_OK)
        return rc;
    if ((batch_id == 0
         && (rc = cons_write_check_idea(db, idea_id, CONS_WRITE_TALLY, -1,
                                        NULL, NULL, err)) != CS_OK)
        || (rc = date_or_now(counted_at, "counted_at", when, err)) != CS_OK
        || (rc = support_target(db, idea_id, &root, err)) != CS_OK
        || (rc = session_find(db, idea_id, key, when, &s, err)) != CS_OK)
        goto out;

    if (s.id != 0) {
        res->id = s.id;
        res->was_count = s.count;
        res->was_against = s.against;
        if (s.count == count && s.against == against) {
            res->outcome = CS_TALLY_UNCHANGED;
            goto out;
        }
        res->outcome = CS_TALLY_REPLACED;
        rc = session_replace(db, idea_id, root, &s, count, against, src,
                             batch_id, err);
        goto out;
    }

    util_now(now);
    stmt_prepare(&st, db,
        "INSERT INTO tally(idea_id, count, against, source, source_key,"
        " counted_at, batch_id, entered_at, entered_by)"
        " VALUES (:idea, :count, :against, :source, :key, :when, :batch,"
        " :now, :login)");
    stmt_bind_int64(&st, ":idea", idea_id);
    stmt_bind_int64(&st, ":count", count);
    stmt_bind_int64(&st, ":against", against);
    stmt_bind_text(&st, ":source", src);
    stmt_bind_text(&st, ":key", key);
    stmt_bind_text(&st, ":when", when);
    stmt_bind_id(&st, ":batch", batch_id);
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    rc = stmt_run(&st, err);
    res->id = stmt_last_id(&st);
    res->outcome = CS_TALLY_ADDED;
    stmt_finish(&st);
    if (rc != CS_OK
        || (rc = count_add(db, sql_tallies_add, idea_id, count, err))
           != CS_OK
        || (rc = count_add(db, sql_support_add, root, count, err)) != CS_OK)
        goto out;
    rc = audit_write(db, "add", "tally", res->id, idea_id, NULL, err);
out:
    free(s.entered_by);
    free(src);
    free(key);
    return rc;
}

enum cs_rc
tally_insert(struct cs_db *db, int64_t idea_id, int64_t count,
             int64_t against, const char *source, const char *counted_at,
             int64_t batch_id, struct cs_tally_result *res,
             struct cs_error *err)
{
    struct cs_tally_result r;
    enum cs_rc rc;

    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    rc = tally_put_rows(db, idea_id, count, against, source, counted_at,
                        batch_id, &r, err);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && res)
        *res = r;
    return rc;
}

/*
 * A platform's vote count: one tally per idea and platform, whatever the
 * day. A newer export's count replaces the one there (the row takes the
 * new batch and date), never adds to it. Inside the import's transaction;
 * the batch's journal row covers the row (no row of its own).
 */
enum cs_rc
tally_platform_put(struct cs_db *db, int64_t idea_id, int64_t count,
                   const char *source, const char *counted_at,
                   int64_t batch_id, struct cs_tally_result *res,
                   struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char when[32], now[32];
    char *src = NULL, *key = NULL;
    int64_t root = 0, old_id = 0, old = 0;
    enum cs_rc rc;

    memset(res, 0, sizeof *res);
    if ((rc = count_check(count, "count", err)) != CS_OK
        || (rc = source_key(source, &src, &key, err)) != CS_OK)
        return rc;
    if ((rc = date_or_now(counted_at, "counted_at", when, err)) != CS_OK
        || (rc = support_target(db, idea_id, &root, err)) != CS_OK)
        goto out;
    stmt_prepare(&st, db, "SELECT id, count FROM tally WHERE idea_id = :idea"
                          " AND source_key = :key ORDER BY counted_at DESC,"
                          " id DESC LIMIT 1");
    stmt_bind_int64(&st, ":idea", idea_id);
    stmt_bind_text(&st, ":key", key);
    if (stmt_row(&st)) {
        old_id = stmt_int64(&st, 0);
        old = stmt_int64(&st, 1);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        goto out;
    util_now(now);
    res->id = old_id;
    res->was_count = old;
    if (old_id != 0 && old == count) {
        res->outcome = CS_TALLY_UNCHANGED;
        goto out;
    }
    if (old_id != 0) {
        stmt_prepare(&st, db, "UPDATE tally SET count = :count,"
                              " counted_at = :when, batch_id = :batch,"
                              " entered_at = :now, entered_by = :login"
                              " WHERE id = :id");
        stmt_bind_int64(&st, ":id", old_id);
        res->outcome = CS_TALLY_REPLACED;
    } else {
        stmt_prepare(&st, db,
            "INSERT INTO tally(idea_id, count, against, source, source_key,"
            " counted_at, batch_id, entered_at, entered_by)"
            " VALUES (:idea, :count, 0, :source, :key, :when, :batch, :now,"
            " :login)");
        stmt_bind_int64(&st, ":idea", idea_id);
        stmt_bind_text(&st, ":source", src);
        stmt_bind_text(&st, ":key", key);
        res->outcome = CS_TALLY_ADDED;
    }
    stmt_bind_int64(&st, ":count", count);
    stmt_bind_text(&st, ":when", when);
    stmt_bind_id(&st, ":batch", batch_id);
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    rc = stmt_run(&st, err);
    if (old_id == 0)
        res->id = stmt_last_id(&st);
    stmt_finish(&st);
    if (rc == CS_OK
        && (rc = count_add(db, sql_tallies_add, idea_id, count - old, err))
           == CS_OK)
        rc = count_add(db, sql_support_add, root, count - old, err);
out:
    free(src);
    free(key);
    return rc;
}

enum cs_rc
cs_tally_put(struct cs_db *db, int64_t idea_id, int64_t count,
             int64_t against, const char *source, const char *counted_at,
             struct cs_tally_result *res, struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_VOTE, err)) != CS_OK)
        return rc;
    return tally_insert(db, idea_id, count, against, source, counted_at, 0,
                        res, err);
}

enum cs_rc
cs_tally_add(struct cs_db *db, int64_t idea_id, int64_t count,
             const char *source, const char *counted_at, int64_t *id,
             struct cs_error *err)
{
    struct cs_tally_result r;
    enum cs_rc rc;

    rc = cs_tally_put(db, idea_id, count, 0, source, counted_at, &r, err);
    if (rc == CS_OK && id)
        *id = r.id;
    return rc;
}

enum cs_rc
cs_tally_sheet_save(struct cs_db *db, const char *source,
                    const char *counted_at,
                    const struct cs_tally_line *lines, size_t n,
                    struct cs_tally_sheet_result *res, struct cs_error *err)
{
    struct cs_tally_sheet_result sum = { 0 };
    struct cs_tally_result r;
    char when[32];
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_VOTE, err)) != CS_OK)
        return rc;
    /* The same day for every line, even across midnight. */
    if ((rc = date_or_now(counted_at, "counted_at", when, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    for (size_t i = 0; i < n && rc == CS_OK; i++) {
        rc = tally_put_rows(db, lines[i].idea_id, lines[i].count,
                            lines[i].against, source, when, 0, &r, err);
        if (rc != CS_OK) {
            if (err)
                err->line = (long)(i + 1);
            break;
        }
        switch (r.outcome) {
        case CS_TALLY_ADDED:     sum.added++; break;
        case CS_TALLY_REPLACED:  sum.replaced++; break;
        case CS_TALLY_UNCHANGED: sum.unchanged++; break;
        }
    }
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && res)
        *res = sum;
    return rc;
}

enum cs_rc
cs_tally_against(struct cs_db *db, int64_t idea_id, int64_t *against,
                 struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    int64_t n = -1;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    /* Summed where shown: a handful of tallies per idea, read through
     * the index that starts with the idea. */
    stmt_prepare(&st, db,
        "WITH RECURSIVE grp(id) AS ("
        "  SELECT id FROM idea WHERE id = :id UNION"
        "  SELECT i.id FROM idea i JOIN grp ON i.merged_into = grp.id)"
        " SELECT (SELECT count(*) FROM grp),"
        " (SELECT coalesce(sum(t.against), 0) FROM tally t"
        "  WHERE t.idea_id IN grp)");
    stmt_bind_int64(&st, ":id", idea_id);
    if (stmt_row(&st) && stmt_int64(&st, 0) > 0)
        n = stmt_int64(&st, 1);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && n < 0)
        rc = cs_error_set(err, CS_ENOTFOUND, _("No idea %lld."),
                          (long long)idea_id);
    if (rc == CS_OK)
        *against = n;
    return rc;
}

enum cs_rc
cs_tally_update(struct cs_db *db, int64_t id, int64_t count,
                struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *entered_by = NULL, *before = NULL;
    int64_t idea_id = 0, old = 0, root = 0;
    bool found = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_VOTE, err)) != CS_OK)
        return rc;
    if (count < 0)
        return cs_error_field(err, CS_EINVAL, "count", "%s",
                              _("A tally cannot be negative."));
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT idea_id, count, entered_by FROM tally"
                          " WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        found = true;
        idea_id = stmt_int64(&st, 0);
        old = stmt_int64(&st, 1);
        entered_by = stmt_text_dup(&st, 2);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = cs_error_set(err, CS_ENOTFOUND, _("No tally %lld."),
                          (long long)id);
    if (rc != CS_OK
        || (rc = role_require_owner(db, entered_by, err)) != CS_OK
        || (rc = cons_write_check_idea(db, idea_id, CONS_WRITE_TALLY, -1,
                                       NULL, NULL, err)) != CS_OK
        || (rc = idea_root(db, idea_id, &root, NULL, err)) != CS_OK
        || (rc = audit_snapshot(db, "tally", id, &before, err)) != CS_OK)
        goto out;
    stmt_prepare(&st, db, "UPDATE tally SET count = :count WHERE id = :id");
    stmt_bind_int64(&st, ":count", count);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) != CS_OK
        || (rc = count_add(db, sql_tallies_add, idea_id, count - old, err))
           != CS_OK
        || (rc = count_add(db, sql_support_add, root, count - old, err))
           != CS_OK)
        goto out;
    rc = audit_write(db, "update", "tally", id, idea_id, before, err);
out:
    stmt_finish(&st);
    free(entered_by);
    free(before);
    return txn_end(db, rc, err);
}

#define TALLY_LIST_COLS \
    "t.id, t.idea_id, t.count, t.source, t.counted_at, t.entered_by," \
    " t.against"

/* The rows of `st` (TALLY_LIST_COLS) as a list; finishes `st`. */
static enum cs_rc
tally_list_read(struct stmt *st, struct cs_tally_list **out,
                struct cs_error *err)
{
    struct cs_tally_list *list;
    size_t cap = 0;
    enum cs_rc rc;

    if ((list = calloc(1, sizeof *list)) == NULL) {
        stmt_finish(st);
        return no_memory(err);
    }
    while (stmt_row(st)) {
        struct cs_tally *t;
        void *grown = util_grow(list->items, &cap, list->count,
                                sizeof *list->items);

        if (grown == NULL) {
            rc = no_memory(err);
            goto out;
        }
        list->items = grown;
        t = &list->items[list->count++];
        t->id = stmt_int64(st, 0);
        t->idea_id = stmt_int64(st, 1);
        t->count = stmt_int64(st, 2);
        t->source = stmt_text_dup(st, 3);
        t->counted_at = stmt_text_dup(st, 4);
        t->entered_by = stmt_text_dup(st, 5);
        t->against = stmt_int64(st, 6);
    }
    rc = stmt_status(st, err);
out:
    stmt_finish(st);
    if (rc != CS_OK) {
        cs_tally_list_free(list);
        return rc;
    }
    *out = list;
    return CS_OK;
}

enum cs_rc
cs_tally_list(struct cs_db *db, int64_t idea_id, struct cs_tally_list **out,
              struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db,
        "SELECT " TALLY_LIST_COLS " FROM tally t WHERE t.idea_id = :idea"
        " ORDER BY t.source_key, t.counted_at, t.id");
    stmt_bind_int64(&st, ":idea", idea_id);
    return tally_list_read(&st, out, err);
}

enum cs_rc
cs_tally_session_list(struct cs_db *db, int64_t consultation_id,
                      const char *source, const char *counted_at,
                      struct cs_tally_list **out, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char when[32];
    char *src = NULL, *key = NULL;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK
        || (rc = date_or_now(counted_at, "counted_at", when, err)) != CS_OK
        || (rc = source_key(source, &src, &key, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db,
        "SELECT " TALLY_LIST_COLS " FROM tally t"
        " JOIN idea i ON i.id = t.idea_id"
        " WHERE i.consultation_id = :c AND t.source_key = :key"
        " AND substr(t.counted_at, 1, 10) = substr(:when, 1, 10)"
        " ORDER BY t.idea_id");
    stmt_bind_int64(&st, ":c", consultation_id);
    stmt_bind_text(&st, ":key", key);
    stmt_bind_text(&st, ":when", when);
    rc = tally_list_read(&st, out, err);
    free(src);
    free(key);
    return rc;
}

void
cs_tally_list_free(struct cs_tally_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].source);
        free(list->items[i].counted_at);
        free(list->items[i].entered_by);
    }
    free(list->items);
    free(list);
}
