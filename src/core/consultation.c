/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * consultation.c: adding, finding and listing consultations.
 */
#include "consult/consultation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "cons_state.h"
#include "i18n.h"
#include "stmt.h"

/* Codes are typed on forms and in files: letters, digits, - and _. */

enum cs_rc
cs_consultation_add(struct cs_db *db, const struct cs_consultation_new *c,
                    int64_t *id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char opens[32] = "", closes[32] = "", now[32];
    int64_t new_id = 0;
    enum cs_rc rc;

    if (!util_code_ok(c->code, "-_"))
        return cs_error_field(err, CS_EINVAL, "code",
            _("The code \"%s\" is not valid: 1 to 32 letters, digits, - or _."),
            c->code ? c->code : "");
    if (util_is_blank(c->title))
        return cs_error_field(err, CS_EINVAL, "title", "%s",
                              _("A consultation needs a title."));
    if (util_line_check(c->title, "title", err) != CS_OK
        || util_text_check(c->description, "description", err) != CS_OK)
        return CS_EINVAL;
    if (c->opens_on && (rc = cs_date_parse(c->opens_on, opens, sizeof opens,
                                           err)) != CS_OK)
        return error_rename_field(err, "opens", rc);
    if (c->closes_on && (rc = cs_date_parse(c->closes_on, closes,
                                            sizeof closes, err)) != CS_OK)
        return error_rename_field(err, "closes", rc);
    if (opens[0] && closes[0] && strcmp(closes, opens) < 0)
        return cs_error_field(err, CS_EINVAL, "closes", "%s",
            _("The closing date is before the opening date."));
    if ((unsigned)c->kind >= CS_CONS_KIND_COUNT
        || (unsigned)c->audience >= CS_AUDIENCE_COUNT
        || (unsigned)c->state >= CS_STATE_COUNT)
        return cs_error_set(err, CS_EINVAL, "%s", _("Invalid value."));
    if ((rc = op_require(db, CS_OP_CONSULTATIONS, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;

    stmt_prepare(&st, db, "SELECT 1 FROM consultation WHERE code = :code");
    stmt_bind_text(&st, ":code", c->code);
    if (stmt_row(&st)) {
        rc = cs_error_field(err, CS_ECONFLICT, "code",
            _("There is already a consultation with code \"%s\"."), c->code);
        goto out;
    }
    if ((rc = stmt_status(&st, err)) != CS_OK)
        goto out;
    stmt_finish(&st);

    util_now(now);
    stmt_prepare(&st, db,
        "INSERT INTO consultation(code, title, description, kind, audience,"
        " opens_on, closes_on, state, created_at, created_by)"
        " VALUES (:code, :title, :descr, :kind, :aud, :opens, :closes,"
        " :state, :now, :login)");
    stmt_bind_text(&st, ":code", c->code);
    stmt_bind_text(&st, ":title", c->title);
    stmt_bind_text(&st, ":descr", c->description ? c->description : "");
    stmt_bind_text(&st, ":kind", cs_cons_kind_name(c->kind));
    stmt_bind_text(&st, ":aud", cs_audience_name(c->audience));
    stmt_bind_text_or_null(&st, ":opens", opens);
    stmt_bind_text_or_null(&st, ":closes", closes);
    stmt_bind_text(&st, ":state", cs_state_name(c->state));
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    new_id = stmt_last_id(&st);
    rc = audit_write(db, "add", "consultation", new_id, 0, NULL, err);
out:
    stmt_finish(&st);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && id)
        *id = new_id;
    return rc;
}

/*
 * One setting of consultation `id` changed by `sql` (a literal, with :v
 * and :id; :v is `text`, or `num` when `text` is NULL), journaled as
 * `action` with the row as it was. With `work`, the consultation's state
 * must take the desk's work (not archived) first.
 */
static enum cs_rc
set_one(struct cs_db *db, int64_t id, const char *action, const char *sql,
        const char *text, int64_t num, bool work, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *before = NULL;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_CONSULTATIONS, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    if ((rc = audit_snapshot(db, "consultation", id, &before, err)) != CS_OK)
        goto out;
    if (before == NULL) {
        rc = cs_error_set(err, CS_ENOTFOUND, _("No consultation %lld."),
                          (long long)id);
        goto out;
    }
    if (work && (rc = cons_check_work(db, id, err)) != CS_OK)
        goto out;
    stmt_prepare(&st, db, sql);
    if (text)
        stmt_bind_text(&st, ":v", text);
    else
        stmt_bind_int64(&st, ":v", num);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) == CS_OK)
        rc = audit_write(db, action, "consultation", id, 0, before, err);
out:
    stmt_finish(&st);
    free(before);
    return txn_end(db, rc, err);
}

enum cs_rc
cs_consultation_set_state(struct cs_db *db, int64_t id,
                          enum cs_cons_state state, struct cs_error *err)
{
    if ((unsigned)state >= CS_STATE_COUNT)
        return cs_error_field(err, CS_EINVAL, "state", "%s",
                              _("Invalid state."));
    /* Always allowed: an archived consultation is reopened this way. */
    return set_one(db, id, "state", "UPDATE consultation SET state = :v"
                                    " WHERE id = :id",
                   cs_state_name(state), 0, false, err);
}

enum cs_rc
cs_consultation_set_hold_answers(struct cs_db *db, int64_t id, bool hold,
                                 struct cs_error *err)
{
    return set_one(db, id, "update", "UPDATE consultation"
                                     " SET hold_answers = :v WHERE id = :id",
                   NULL, hold, true, err);
}

enum cs_rc
cs_consultation_set_retention(struct cs_db *db, int64_t id, int months,
                              struct cs_error *err)
{
    if (months < 0 || months > 1200)
        return cs_error_field(err, CS_EINVAL, "retention", "%s",
                              _("A retention is a number of months from 1 "
                                "to 1200, or 0 for none."));
    /* Allowed on an archived consultation, as its state is: the
     * consultations whose people are due are mostly archived. */
    return set_one(db, id, "update", "UPDATE consultation SET"
                   " retention_months = nullif(:v, 0) WHERE id = :id",
                   NULL, months, false, err);
}

enum cs_rc
cs_consultation_publish(struct cs_db *db, int64_t id, int64_t *count,
                        struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char now[32], after[64];
    int64_t n = 0;
    bool found = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_PUBLISH, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT 1 FROM consultation WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    found = stmt_row(&st);
    if ((rc = stmt_status(&st, err)) != CS_OK)
        goto out;
    stmt_finish(&st);
    if (!found) {
        rc = cs_error_set(err, CS_ENOTFOUND, _("No consultation %lld."),
                          (long long)id);
        goto out;
    }
    if ((rc = cons_check_work(db, id, err)) != CS_OK)
        goto out;
    util_now(now);
    stmt_prepare(&st, db,
        "UPDATE idea_answer SET published_at = :now, published_by = :login"
        " WHERE published_at IS NULL AND idea_id IN"
        "  (SELECT id FROM idea WHERE consultation_id = :id)");
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    n = stmt_changes(&st);
    stmt_finish(&st);
    stmt_prepare(&st, db,
        "UPDATE committee_session SET published_at = :now,"
        " published_by = :login WHERE consultation_id = :id"
        " AND state = 'closed' AND published_at IS NULL");
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    snprintf(after, sizeof after, "{\"published\":%lld}", (long long)n);
    rc = audit_write_raw(db, "publish", "consultation", id, 0, NULL, after,
                         err);
out:
    stmt_finish(&st);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && count)
        *count = n;
    return rc;
}

#define CONSULTATION_COLUMNS \
    "SELECT c.id, c.code, c.title, c.description, c.kind, c.audience," \
    " c.opens_on, c.closes_on, c.state, c.created_at," \
    " (SELECT coalesce(sum(k.ideas), 0) FROM theme t" \
    "   JOIN idea_count k ON k.theme_id = t.id" \
    "   WHERE t.consultation_id = c.id)," \
    " (SELECT coalesce(sum(k.votes), 0) FROM theme t" \
    "   JOIN idea_count k ON k.theme_id = t.id" \
    "   WHERE t.consultation_id = c.id)," \
    " (SELECT coalesce(sum(k.tallies), 0) FROM theme t" \
    "   JOIN idea_count k ON k.theme_id = t.id" \
    "   WHERE t.consultation_id = c.id), c.hold_answers," \
    " coalesce(c.retention_months, 0)" \
    " FROM consultation c"

static void
consultation_from_row(struct stmt *st, struct cs_consultation *c)
{
    memset(c, 0, sizeof *c);
    c->id = stmt_int64(st, 0);
    c->code = stmt_text_dup(st, 1);
    c->title = stmt_text_dup(st, 2);
    c->description = stmt_text_dup(st, 3);
    cs_cons_kind_parse(stmt_text(st, 4), &c->kind, NULL);
    cs_audience_parse(stmt_text(st, 5), &c->audience, NULL);
    c->opens_on = stmt_text_dup(st, 6);
    c->closes_on = stmt_text_dup(st, 7);
    cs_state_parse(stmt_text(st, 8), &c->state, NULL);
    c->created_at = stmt_text_dup(st, 9);
    c->idea_count = stmt_int64(st, 10);
    c->vote_count = stmt_int64(st, 11);
    c->tally_total = stmt_int64(st, 12);
    c->hold_answers = stmt_int64(st, 13) != 0;
    c->retention_months = (int)stmt_int64(st, 14);
}

static enum cs_rc
consultation_one(struct cs_db *db, struct stmt *st, const char *what,
                 struct cs_consultation *out, struct cs_error *err)
{
    struct cs_consultation c;
    enum cs_rc rc;

    if (stmt_row(st)) {
        consultation_from_row(st, &c);
        if ((rc = stmt_status(st, err)) != CS_OK) {
            cs_consultation_clear(&c);
            return rc;
        }
        *out = c;
        return CS_OK;
    }
    if ((rc = stmt_status(st, err)) != CS_OK)
        return rc;
    (void)db;
    return cs_error_field(err, CS_ENOTFOUND, "consultation",
                          _("No consultation \"%s\"."), what);
}

enum cs_rc
cs_consultation_lookup(struct cs_db *db, const char *code, int64_t *id,
                       struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    bool found = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT id FROM consultation WHERE code = :code");
    stmt_bind_text(&st, ":code", code ? code : "");
    if (stmt_row(&st)) {
        *id = stmt_int64(&st, 0);
        found = true;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = cs_error_field(err, CS_ENOTFOUND, "consultation",
                            _("No consultation \"%s\"."), code ? code : "");
    return rc;
}

enum cs_rc
cs_consultation_find(struct cs_db *db, const char *code,
                     struct cs_consultation *out, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, CONSULTATION_COLUMNS " WHERE c.code = :code");
    stmt_bind_text(&st, ":code", code ? code : "");
    rc = consultation_one(db, &st, code ? code : "", out, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
cs_consultation_get(struct cs_db *db, int64_t id, struct cs_consultation *out,
                    struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char what[24];
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    snprintf(what, sizeof what, "%lld", (long long)id);
    stmt_prepare(&st, db, CONSULTATION_COLUMNS " WHERE c.id = :id");
    stmt_bind_int64(&st, ":id", id);
    rc = consultation_one(db, &st, what, out, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
cs_consultation_list(struct cs_db *db, struct cs_consultation_list **out,
                     struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_consultation_list *list;
    size_t cap = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((list = calloc(1, sizeof *list)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    stmt_prepare(&st, db, CONSULTATION_COLUMNS " ORDER BY c.code");
    while (stmt_row(&st)) {
        void *grown = util_grow(list->items, &cap, list->count,
                                sizeof *list->items);

        if (grown == NULL) {
            rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
            goto out;
        }
        list->items = grown;
        consultation_from_row(&st, &list->items[list->count++]);
    }
    rc = stmt_status(&st, err);
out:
    stmt_finish(&st);
    if (rc != CS_OK) {
        cs_consultation_list_free(list);
        return rc;
    }
    *out = list;
    return CS_OK;
}

void
cs_consultation_clear(struct cs_consultation *c)
{
    if (c == NULL)
        return;
    free(c->code);
    free(c->title);
    free(c->description);
    free(c->opens_on);
    free(c->closes_on);
    free(c->created_at);
    memset(c, 0, sizeof *c);
}

void
cs_consultation_list_free(struct cs_consultation_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        cs_consultation_clear(&list->items[i]);
    free(list->items);
    free(list);
}
