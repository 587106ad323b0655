/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * vote.c: individual votes and anonymous tallies, and the counts they
 * maintain on ideas.
 *
 * A vote or tally stays recorded on the idea it was given for (idea.votes,
 * idea.tallies) and counts for that idea's root, the idea it is merged
 * into if any (idea.support). One person supports a group of merged ideas
 * once: a vote is refused if the voter has a vote anywhere in the root's
 * group. One tally per idea and source, the source compared case- and
 * accent-insensitively, so that a workshop's stickers are never counted
 * twice.
 */
#include "consult/vote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "i18n.h"
#include "idea_priv.h"
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

/* vote_insert's work, inside its savepoint. */
static enum cs_rc
vote_insert_rows(struct cs_db *db, int64_t idea_id,
                 const struct cs_person *voter, enum cs_channel channel,
                 const char *voted_at, int64_t batch_id, int64_t *id,
                 struct cs_error *err)
{
    struct stmt st = STMT_INIT;
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
    if ((rc = support_target(db, idea_id, &root, err)) != CS_OK)
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
    stmt_prepare(&st, db,
        "INSERT INTO vote(idea_id, participant_id, channel, voted_at,"
        " batch_id, entered_at, entered_by)"
        " VALUES (:idea, :p, :channel, :when, :batch, :now, :login)");
    stmt_bind_int64(&st, ":idea", idea_id);
    stmt_bind_int64(&st, ":p", pid);
    stmt_bind_text(&st, ":channel", cs_channel_name(channel));
    stmt_bind_text(&st, ":when", when);
    stmt_bind_id(&st, ":batch", batch_id);
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    rc = stmt_run(&st, err);
    new_id = stmt_last_id(&st);
    stmt_finish(&st);
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
        rc = comment_insert(db, idea_id, voter, remark, 0, &cid, err);
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

/* tally_insert's work, inside its savepoint. */
static enum cs_rc
tally_insert_rows(struct cs_db *db, int64_t idea_id, int64_t count,
                  const char *source, const char *counted_at,
                  int64_t batch_id, int64_t *id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char when[32], now[32];
    char *src = NULL, *key = NULL;
    int64_t root = 0, other = 0, new_id = 0;
    enum cs_rc rc;

    if (count < 0)
        return cs_error_field(err, CS_EINVAL, "count", "%s",
                              _("A tally cannot be negative."));
    if (util_is_blank(source))
        return cs_error_field(err, CS_EINVAL, "source", "%s",
            _("A tally needs its source (the workshop or ballot box)."));
    if (util_text_check(source, "source", err) != CS_OK)
        return CS_EINVAL;
    if ((rc = date_or_now(counted_at, "counted_at", when, err)) != CS_OK)
        return rc;
    if ((src = util_trim_dup(source)) == NULL)
        return no_memory(err);
    if ((rc = util_fold(src, &key, err)) != CS_OK)
        goto out;
    if ((rc = support_target(db, idea_id, &root, err)) != CS_OK)
        goto out;

    stmt_prepare(&st, db, "SELECT id, source FROM tally"
                          " WHERE idea_id = :idea AND source_key = :key");
    stmt_bind_int64(&st, ":idea", idea_id);
    stmt_bind_text(&st, ":key", key);
    if (stmt_row(&st)) {
        other = stmt_int64(&st, 0);
        rc = cs_error_field(err, CS_ECONFLICT, "source",
            _("Idea %lld already has a tally from \"%s\" (tally %lld): "
              "correct that tally instead of adding another."),
            (long long)idea_id, stmt_text(&st, 1), (long long)other);
    } else {
        rc = stmt_status(&st, err);
    }
    stmt_finish(&st);
    if (rc != CS_OK)
        goto out;

    util_now(now);
    stmt_prepare(&st, db,
        "INSERT INTO tally(idea_id, count, source, source_key, counted_at,"
        " batch_id, entered_at, entered_by)"
        " VALUES (:idea, :count, :source, :key, :when, :batch, :now, :login)");
    stmt_bind_int64(&st, ":idea", idea_id);
    stmt_bind_int64(&st, ":count", count);
    stmt_bind_text(&st, ":source", src);
    stmt_bind_text(&st, ":key", key);
    stmt_bind_text(&st, ":when", when);
    stmt_bind_id(&st, ":batch", batch_id);
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    rc = stmt_run(&st, err);
    new_id = stmt_last_id(&st);
    stmt_finish(&st);
    if (rc != CS_OK
        || (rc = count_add(db, sql_tallies_add, idea_id, count, err))
           != CS_OK
        || (rc = count_add(db, sql_support_add, root, count, err)) != CS_OK)
        goto out;
    rc = audit_write(db, "add", "tally", new_id, idea_id, NULL, err);
out:
    free(src);
    free(key);
    if (rc == CS_OK && id)
        *id = new_id;
    return rc;
}

enum cs_rc
tally_insert(struct cs_db *db, int64_t idea_id, int64_t count,
             const char *source, const char *counted_at, int64_t batch_id,
             int64_t *id, struct cs_error *err)
{
    int64_t new_id = 0;
    enum cs_rc rc;

    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    rc = tally_insert_rows(db, idea_id, count, source, counted_at, batch_id,
                           &new_id, err);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && id)
        *id = new_id;
    return rc;
}

enum cs_rc
cs_tally_add(struct cs_db *db, int64_t idea_id, int64_t count,
             const char *source, const char *counted_at, int64_t *id,
             struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_VOTE, err)) != CS_OK)
        return rc;
    return tally_insert(db, idea_id, count, source, counted_at, 0, id, err);
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

enum cs_rc
cs_tally_list(struct cs_db *db, int64_t idea_id, struct cs_tally_list **out,
              struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_tally_list *list;
    size_t cap = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((list = calloc(1, sizeof *list)) == NULL)
        return no_memory(err);
    stmt_prepare(&st, db,
        "SELECT id, idea_id, count, source, counted_at, entered_by"
        " FROM tally WHERE idea_id = :idea ORDER BY source_key, id");
    stmt_bind_int64(&st, ":idea", idea_id);
    while (stmt_row(&st)) {
        struct cs_tally *t;

        void *grown = util_grow(list->items, &cap, list->count,
                                sizeof *list->items);

        if (grown == NULL) {
            rc = no_memory(err);
            goto out;
        }
        list->items = grown;
        t = &list->items[list->count++];
        t->id = stmt_int64(&st, 0);
        t->idea_id = stmt_int64(&st, 1);
        t->count = stmt_int64(&st, 2);
        t->source = stmt_text_dup(&st, 3);
        t->counted_at = stmt_text_dup(&st, 4);
        t->entered_by = stmt_text_dup(&st, 5);
    }
    rc = stmt_status(&st, err);
out:
    stmt_finish(&st);
    if (rc != CS_OK) {
        cs_tally_list_free(list);
        return rc;
    }
    *out = list;
    return CS_OK;
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
