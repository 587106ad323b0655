/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * comment.c: participants' remarks on an idea, and their moderation.
 *
 * A hidden comment stays in the database with the moderator's reason; lists
 * leave it out unless asked. The author's name is personal data: like
 * cs_participant_get, only an admin reads it (other roles see the comment
 * with author_name NULL and the participant id).
 */
#include "consult/comment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "cons_state.h"
#include "consult/types.h"
#include "i18n.h"
#include "idea_priv.h"
#include "participant_priv.h"
#include "stmt.h"

static enum cs_rc
no_memory(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
}

/* comment_insert's work, inside its savepoint. */
static enum cs_rc
comment_insert_rows(struct cs_db *db, int64_t idea_id,
                    const struct cs_person *author, const char *body,
                    int channel, int64_t batch_id, int64_t *id,
                    struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char now[32];
    char *text = NULL;
    int64_t pid = 0, new_id = 0;
    bool found = false;
    enum cs_rc rc;

    if (util_is_blank(body))
        return cs_error_field(err, CS_EINVAL, "body", "%s",
                              _("A comment needs a text."));
    if ((rc = util_text_check(body, "body", err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT 1 FROM idea WHERE id = :id");
    stmt_bind_int64(&st, ":id", idea_id);
    found = stmt_row(&st);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = cs_error_field(err, CS_ENOTFOUND, "idea", _("No idea %lld."),
                            (long long)idea_id);
    /* The desk's remarks go on after the call closes: only an archived
     * consultation refuses a comment. */
    if (rc == CS_OK && batch_id == 0)
        rc = cons_write_check_idea(db, idea_id, CONS_WRITE_WORK, channel,
                                   NULL, NULL, err);
    if (rc != CS_OK)
        return rc;
    if (author && (rc = participant_resolve(db, author, &pid, NULL, err))
                  != CS_OK)
        return rc;
    if ((text = util_trim_dup(body)) == NULL)
        return no_memory(err);
    util_now(now);
    stmt_prepare(&st, db,
        "INSERT INTO comment(idea_id, participant_id, body, created_at,"
        " entered_by, batch_id, channel) VALUES (:idea, :p, :body, :now,"
        " :login, :batch, :channel)");
    stmt_bind_int64(&st, ":idea", idea_id);
    stmt_bind_id(&st, ":p", pid);
    stmt_bind_text(&st, ":body", text);
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    stmt_bind_id(&st, ":batch", batch_id);
    stmt_bind_text(&st, ":channel", cs_channel_name((enum cs_channel)channel));
    rc = stmt_run(&st, err);
    new_id = stmt_last_id(&st);
    stmt_finish(&st);
    free(text);
    if (rc == CS_OK)
        rc = audit_write(db, "add", "comment", new_id, idea_id, NULL, err);
    if (rc == CS_OK && id)
        *id = new_id;
    return rc;
}

enum cs_rc
comment_insert(struct cs_db *db, int64_t idea_id,
               const struct cs_person *author, const char *body,
               int channel, int64_t batch_id, int64_t *id,
               struct cs_error *err)
{
    int64_t new_id = 0;
    enum cs_rc rc;

    if ((unsigned)channel >= CS_CHANNEL_COUNT)
        return cs_error_field(err, CS_EINVAL, "channel", "%s",
                              _("Unknown channel."));
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    rc = comment_insert_rows(db, idea_id, author, body, channel, batch_id,
                             &new_id, err);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && id)
        *id = new_id;
    return rc;
}

enum cs_rc
cs_comment_add(struct cs_db *db, int64_t idea_id,
               const struct cs_person *author, const char *body, int64_t *id,
               struct cs_error *err)
{
    return cs_comment_add_via(db, idea_id, author, body, CS_CHANNEL_PAPER,
                              id, err);
}

enum cs_rc
cs_comment_add_via(struct cs_db *db, int64_t idea_id,
                   const struct cs_person *author, const char *body,
                   int channel, int64_t *id, struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_COMMENT, err)) != CS_OK)
        return rc;
    return comment_insert(db, idea_id, author, body, channel, 0, id, err);
}

enum cs_rc
cs_comment_hide(struct cs_db *db, int64_t id, const char *reason,
                struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *before = NULL, *why = NULL;
    int64_t idea_id = 0;
    bool found = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_HIDE, err)) != CS_OK)
        return rc;
    if (util_is_blank(reason))
        return cs_error_field(err, CS_EINVAL, "reason", "%s",
                              _("Hiding a comment needs a reason."));
    if ((rc = util_text_check(reason, "reason", err)) != CS_OK)
        return rc;
    if ((why = util_trim_dup(reason)) == NULL)
        return no_memory(err);
    if ((rc = txn_begin_write(db, err)) != CS_OK) {
        free(why);
        return rc;
    }
    stmt_prepare(&st, db, "SELECT idea_id FROM comment WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        found = true;
        idea_id = stmt_int64(&st, 0);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = cs_error_set(err, CS_ENOTFOUND, _("No comment %lld."),
                          (long long)id);
    if (rc != CS_OK
        || (rc = cons_write_check_idea(db, idea_id, CONS_WRITE_WORK, -1,
                                       NULL, NULL, err)) != CS_OK
        || (rc = audit_snapshot(db, "comment", id, &before, err)) != CS_OK)
        goto out;
    stmt_prepare(&st, db, "UPDATE comment SET hidden = 1, hidden_reason = :r"
                          " WHERE id = :id");
    stmt_bind_text(&st, ":r", why);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) == CS_OK)
        rc = audit_write(db, "hide", "comment", id, idea_id, before, err);
out:
    stmt_finish(&st);
    free(before);
    free(why);
    return txn_end(db, rc, err);
}

enum cs_rc
cs_comment_list(struct cs_db *db, int64_t idea_id,
                enum cs_comment_scope scope, struct cs_comment_list **out,
                struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_comment_list *list;
    size_t cap = 0;
    bool names = cs_db_can(db, CS_OP_SEE_PERSONAL);
    bool hidden = scope != CS_COMMENTS_VISIBLE
                  && cs_db_can(db, CS_OP_SEE_HIDDEN);
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK
        || (scope == CS_COMMENTS_ALL
            && (rc = op_require(db, CS_OP_SEE_HIDDEN, err)) != CS_OK))
        return rc;
    if ((list = calloc(1, sizeof *list)) == NULL)
        return no_memory(err);
    stmt_prepare(&st, db,
        "SELECT c.id, c.idea_id, coalesce(c.participant_id, 0), p.name,"
        " c.body, c.created_at, c.entered_by, c.hidden, c.hidden_reason,"
        " coalesce(c.parent_id, 0), c.channel, c.form_ref"
        " FROM comment c LEFT JOIN participant p ON p.id = c.participant_id"
        " WHERE c.idea_id = :idea AND (:all OR c.hidden = 0) ORDER BY c.id");
    stmt_bind_int64(&st, ":idea", idea_id);
    stmt_bind_int64(&st, ":all", hidden ? 1 : 0);
    while (stmt_row(&st)) {
        struct cs_comment *c;

        void *grown = util_grow(list->items, &cap, list->count,
                                sizeof *list->items);

        if (grown == NULL) {
            rc = no_memory(err);
            goto out;
        }
        list->items = grown;
        c = &list->items[list->count++];
        memset(c, 0, sizeof *c);
        c->id = stmt_int64(&st, 0);
        c->idea_id = stmt_int64(&st, 1);
        c->participant_id = stmt_int64(&st, 2);
        c->author_name = names ? stmt_text_dup(&st, 3) : NULL;
        c->body = stmt_text_dup(&st, 4);
        c->created_at = stmt_text_dup(&st, 5);
        c->entered_by = stmt_text_dup(&st, 6);
        c->hidden = stmt_int64(&st, 7) != 0;
        c->hidden_reason = stmt_text_dup(&st, 8);
        c->parent_id = stmt_int64(&st, 9);
        c->channel = CS_CHANNEL_PAPER;
        cs_channel_parse(stmt_text(&st, 10), (enum cs_channel *)&c->channel,
                         NULL);
        c->form_ref = stmt_text_dup(&st, 11);
    }
    rc = stmt_status(&st, err);
out:
    stmt_finish(&st);
    if (rc != CS_OK) {
        cs_comment_list_free(list);
        return rc;
    }
    *out = list;
    return CS_OK;
}

void
cs_comment_list_free(struct cs_comment_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].author_name);
        free(list->items[i].body);
        free(list->items[i].created_at);
        free(list->items[i].entered_by);
        free(list->items[i].hidden_reason);
        free(list->items[i].form_ref);
    }
    free(list->items);
    free(list);
}
