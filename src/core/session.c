/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * session.c: committee sessions: adding and reading them, their agendas
 * (by id and by filter), attendees, decisions, the close that sets the
 * ideas' statuses in one transaction, the carrying of postponed items to
 * the next session, and the publication of held answers.
 *
 * Every status a close sets goes through idea_status_apply (idea.c), the
 * path cs_idea_set_status takes: the same transition rules, answer
 * history, held answers and journal rows, with the session named.
 */
#include "consult/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "cons_state.h"
#include "i18n.h"
#include "idea_priv.h"
#include "idea_row.h"
#include "stmt.h"

/* ---------------------------------------------------------------- names */

static const char *const body_names[CS_BODY_COUNT] = {
    "steering", "codir", "college",
};

const char *
cs_body_name(enum cs_body b)
{
    return (unsigned)b < CS_BODY_COUNT ? body_names[b] : "steering";
}

const char *
cs_body_label(enum cs_body b)
{
    switch (b) {
    case CS_BODY_CODIR:   return _("CODIR");
    case CS_BODY_COLLEGE: return _("college");
    default:              return _("steering committee");
    }
}

/* Folded (util_fold) words for `s`, the first that matches; -1 if none. */
static int
fold_match(const char *s, const char *const *words, const int *values,
           size_t n)
{
    char *key = NULL;
    int found = -1;

    if (s == NULL || util_fold(s, &key, NULL) != CS_OK)
        return -1;
    for (size_t i = 0; i < n && found < 0; i++)
        if (strcmp(key, words[i]) == 0)
            found = values[i];
    free(key);
    return found;
}

enum cs_rc
cs_body_parse(const char *s, enum cs_body *out, struct cs_error *err)
{
    static const char *const w[] = {
        "steering", "steering committee", "copil", "comite de pilotage",
        "codir", "college",
    };
    static const int v[] = {
        CS_BODY_STEERING, CS_BODY_STEERING, CS_BODY_STEERING,
        CS_BODY_STEERING, CS_BODY_CODIR, CS_BODY_COLLEGE,
    };
    int b = fold_match(s, w, v, sizeof w / sizeof w[0]);

    if (b < 0)
        return cs_error_field(err, CS_EINVAL, "body",
            _("Unknown body \"%s\": use steering, codir or college."),
            s ? s : "");
    *out = (enum cs_body)b;
    return CS_OK;
}

static const char *const decision_names[CS_DECISION_COUNT] = {
    "accepted", "rejected", "implemented", "postponed",
};

const char *
cs_decision_name(enum cs_decision d)
{
    return (unsigned)d < CS_DECISION_COUNT ? decision_names[d] : "postponed";
}

const char *
cs_decision_label(enum cs_decision d)
{
    switch (d) {
    case CS_DECISION_ACCEPTED:    return cs_status_label(CS_STATUS_ACCEPTED);
    case CS_DECISION_REJECTED:    return cs_status_label(CS_STATUS_REJECTED);
    case CS_DECISION_IMPLEMENTED:
        return cs_status_label(CS_STATUS_IMPLEMENTED);
    default:                      return _("postponed");
    }
}

enum cs_status
cs_decision_status(enum cs_decision d)
{
    switch (d) {
    case CS_DECISION_ACCEPTED:    return CS_STATUS_ACCEPTED;
    case CS_DECISION_REJECTED:    return CS_STATUS_REJECTED;
    case CS_DECISION_IMPLEMENTED: return CS_STATUS_IMPLEMENTED;
    default:                      return CS_STATUS_REVIEWING;
    }
}

enum cs_rc
cs_decision_parse(const char *s, enum cs_decision *out, struct cs_error *err)
{
    static const char *const w[] = {
        "postponed", "postpone", "reporte", "reportee", "ajourne",
        "ajournee",
    };
    static const int v[] = { 1, 1, 1, 1, 1, 1 };
    enum cs_status st;

    if (fold_match(s, w, v, sizeof w / sizeof w[0]) > 0) {
        *out = CS_DECISION_POSTPONED;
        return CS_OK;
    }
    if (cs_status_parse(s, &st, NULL) == CS_OK) {
        switch (st) {
        case CS_STATUS_ACCEPTED:    *out = CS_DECISION_ACCEPTED; return CS_OK;
        case CS_STATUS_REJECTED:    *out = CS_DECISION_REJECTED; return CS_OK;
        case CS_STATUS_IMPLEMENTED:
            *out = CS_DECISION_IMPLEMENTED;
            return CS_OK;
        default: break;
        }
    }
    return cs_error_field(err, CS_EINVAL, "decision",
        _("Unknown decision \"%s\": use accepted, rejected, implemented or "
          "postponed."), s ? s : "");
}

static int
decision_stored(const char *name)
{
    if (name == NULL)
        return -1;
    for (int d = 0; d < CS_DECISION_COUNT; d++)
        if (strcmp(name, decision_names[d]) == 0)
            return d;
    return -1;
}

static enum cs_body
body_stored(const char *name)
{
    for (int b = 0; b < CS_BODY_COUNT; b++)
        if (name && strcmp(name, body_names[b]) == 0)
            return (enum cs_body)b;
    return CS_BODY_STEERING;
}

/* ---------------------------------------------------------------- helpers */

static enum cs_rc
no_memory(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
}

static enum cs_rc
no_session(struct cs_error *err, int64_t id)
{
    return cs_error_field(err, CS_ENOTFOUND, "session", _("No session %lld."),
                          (long long)id);
}

/* What the writes need to know of a session. */
struct session_head {
    int64_t consultation_id;
    char body[16];              /* stored name */
    char held_on[16];           /* "YYYY-MM-DD" */
    bool closed;
};

static enum cs_rc
head_read(struct cs_db *db, int64_t id, struct session_head *h,
          struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    bool found = false;
    enum cs_rc rc;

    memset(h, 0, sizeof *h);
    stmt_prepare(&st, db, "SELECT consultation_id, body, held_on, state"
                          " FROM committee_session WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        found = true;
        h->consultation_id = stmt_int64(&st, 0);
        snprintf(h->body, sizeof h->body, "%s", stmt_text(&st, 1));
        snprintf(h->held_on, sizeof h->held_on, "%s", stmt_text(&st, 2));
        h->closed = strcmp(stmt_text(&st, 3), "closed") == 0;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = no_session(err, id);
    /* Every write to a session reads its head first: an archived
     * consultation's sessions are not changed. */
    if (rc == CS_OK)
        rc = cons_check_work(db, h->consultation_id, err);
    return rc;
}

/* The session, if it may still be edited (it is open). */
static enum cs_rc
head_open(struct cs_db *db, int64_t id, struct session_head *h,
          struct cs_error *err)
{
    enum cs_rc rc = head_read(db, id, h, err);

    if (rc == CS_OK && h->closed)
        rc = cs_error_set(err, CS_ECONFLICT,
            _("Session %lld is closed: it is not changed any more."),
            (long long)id);
    return rc;
}

/* Name idea `id` in the message of a failure among several. */
static enum cs_rc
name_idea(struct cs_error *err, int64_t id, enum cs_rc rc)
{
    char msg[sizeof err->msg];

    if (err != NULL) {
        snprintf(msg, sizeof msg, "%s", err->msg);
        snprintf(err->msg, sizeof err->msg, _("Idea %lld: %s"),
                 (long long)id, msg);
    }
    return rc;
}

/* An idea's consultation and status. */
static enum cs_rc
idea_read(struct cs_db *db, int64_t idea, int64_t *cons,
          enum cs_status *status, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    bool found = false;
    enum cs_rc rc;

    stmt_prepare(&st, db, "SELECT consultation_id, status FROM idea"
                          " WHERE id = :id");
    stmt_bind_int64(&st, ":id", idea);
    if (stmt_row(&st)) {
        found = true;
        *cons = stmt_int64(&st, 0);
        *status = idea_stored_status(stmt_text(&st, 1));
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = cs_error_field(err, CS_ENOTFOUND, "idea", _("No idea %lld."),
                            (long long)idea);
    return rc;
}

/*
 * Put idea `idea` at the end of the agenda of session `id`, unless it is
 * there already (`*added` tells which); `*item` (may be NULL) gets the
 * agenda item either way. Inside the caller's write transaction.
 */
static enum cs_rc
agenda_put(struct cs_db *db, int64_t id, int64_t idea, bool *added,
           int64_t *item, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    int64_t found = 0;
    enum cs_rc rc;

    *added = false;
    stmt_prepare(&st, db, "SELECT id FROM agenda_item"
                          " WHERE session_id = :s AND idea_id = :i");
    stmt_bind_int64(&st, ":s", id);
    stmt_bind_int64(&st, ":i", idea);
    if (stmt_row(&st))
        found = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK || found) {
        if (item)
            *item = found;
        return rc;
    }
    stmt_prepare(&st, db,
        "INSERT INTO agenda_item(session_id, idea_id, position)"
        " SELECT :s, :i, coalesce(max(position), 0) + 1 FROM agenda_item"
        " WHERE session_id = :s");
    stmt_bind_int64(&st, ":s", id);
    stmt_bind_int64(&st, ":i", idea);
    if ((rc = stmt_run(&st, err)) == CS_OK) {
        found = stmt_last_id(&st);
        rc = audit_write(db, "add", "agenda_item", found, idea, NULL, err);
    }
    stmt_finish(&st);
    if (rc == CS_OK) {
        *added = true;
        if (item)
            *item = found;
    }
    return rc;
}

/* agenda_put for an idea named by a user: it must be an idea of the
 * session's consultation, and not merged. */
static enum cs_rc
agenda_put_checked(struct cs_db *db, int64_t id, const struct session_head *h,
                   int64_t idea, size_t *added, struct cs_error *err)
{
    enum cs_status status;
    int64_t cons;
    bool put;
    enum cs_rc rc;

    if ((rc = idea_read(db, idea, &cons, &status, err)) != CS_OK)
        return rc;
    if (cons != h->consultation_id)
        return cs_error_field(err, CS_EINVAL, "idea",
            _("Idea %lld is not an idea of the session's consultation."),
            (long long)idea);
    if (status == CS_STATUS_MERGED)
        return cs_error_field(err, CS_EINVAL, "idea",
            _("Idea %lld is merged into another: put that one on the "
              "agenda."), (long long)idea);
    if ((rc = agenda_put(db, id, idea, &put, NULL, err)) == CS_OK && put)
        (*added)++;
    return rc;
}

/*
 * Carry to session `target` the postponed and undecided items of the
 * closed sessions of consultation `cons` and body `body` dated on or
 * before `day` (only session `source`'s when it is not 0) that are not
 * carried yet, for ideas still new or under review. Inside the caller's
 * write transaction. Adds the number carried to `*carried`.
 */
static enum cs_rc
carry_into(struct cs_db *db, int64_t target, int64_t cons, const char *body,
           const char *day, int64_t source, size_t *carried,
           struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    int64_t (*rows)[2] = NULL;
    size_t n = 0, cap = 0;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "SELECT a.id, a.idea_id FROM committee_session s"
        " JOIN agenda_item a ON a.session_id = s.id"
        " JOIN idea i ON i.id = a.idea_id"
        " WHERE s.consultation_id = :cons AND s.body = :body"
        " AND s.state = 'closed' AND s.held_on <= :day AND s.id <> :target"
        " AND (:source IS NULL OR s.id = :source)"
        " AND a.carried_to IS NULL"
        " AND (a.decision IS NULL OR a.decision = 'postponed')"
        " AND i.status IN ('new', 'reviewing')"
        " ORDER BY s.held_on, s.id, a.position");
    stmt_bind_int64(&st, ":cons", cons);
    stmt_bind_text(&st, ":body", body);
    stmt_bind_text(&st, ":day", day);
    stmt_bind_int64(&st, ":target", target);
    stmt_bind_id(&st, ":source", source);
    while (stmt_row(&st)) {
        void *grown = util_grow(rows, &cap, n, sizeof *rows);

        if (grown == NULL) {
            stmt_finish(&st);
            free(rows);
            return no_memory(err);
        }
        rows = grown;
        rows[n][0] = stmt_int64(&st, 0);
        rows[n][1] = stmt_int64(&st, 1);
        n++;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    for (size_t k = 0; k < n && rc == CS_OK; k++) {
        char *before = NULL;
        bool put;

        if ((rc = agenda_put(db, target, rows[k][1], &put, NULL, err))
            != CS_OK
            || (rc = audit_snapshot(db, "agenda_item", rows[k][0], &before,
                                    err)) != CS_OK)
            break;
        stmt_prepare(&st, db, "UPDATE agenda_item SET carried_to = :t"
                              " WHERE id = :id");
        stmt_bind_int64(&st, ":t", target);
        stmt_bind_int64(&st, ":id", rows[k][0]);
        if ((rc = stmt_run(&st, err)) == CS_OK)
            rc = audit_write(db, "carry", "agenda_item", rows[k][0],
                             rows[k][1], before, err);
        stmt_finish(&st);
        free(before);
        if (rc == CS_OK)
            (*carried)++;
    }
    free(rows);
    return rc;
}

/* ---------------------------------------------------------------- add */

enum cs_rc
cs_session_add(struct cs_db *db, const struct cs_session_new *in,
               int64_t *id, size_t *carried, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char day[32], now[32];
    char *title = NULL;
    int64_t new_id = 0;
    size_t n = 0;
    bool found;
    enum cs_rc rc;

    if (in == NULL)
        return cs_error_set(err, CS_EINVAL, "%s", _("No session given."));
    if ((unsigned)in->body >= CS_BODY_COUNT)
        return cs_error_field(err, CS_EINVAL, "body", "%s",
                              _("Invalid body."));
    if (util_is_blank(in->held_on))
        return cs_error_field(err, CS_EINVAL, "date", "%s",
                              _("A session needs a date."));
    if ((rc = cs_date_parse(in->held_on, day, sizeof day, err)) != CS_OK)
        return error_rename_field(err, "date", rc);
    day[10] = '\0';                     /* the day of a date and time */
    if ((rc = util_line_check(in->title, "title", err)) != CS_OK)
        return rc;
    if ((rc = op_require(db, CS_OP_SESSIONS, err)) != CS_OK)
        return rc;
    if (!util_is_blank(in->title) && (title = util_trim_dup(in->title))
                                     == NULL)
        return no_memory(err);
    if ((rc = txn_begin_write(db, err)) != CS_OK) {
        free(title);
        return rc;
    }
    stmt_prepare(&st, db, "SELECT 1 FROM consultation WHERE id = :id");
    stmt_bind_int64(&st, ":id", in->consultation_id);
    found = stmt_row(&st);
    if ((rc = stmt_status(&st, err)) != CS_OK)
        goto out;
    stmt_finish(&st);
    if (!found) {
        rc = cs_error_field(err, CS_ENOTFOUND, "consultation",
                            _("No consultation %lld."),
                            (long long)in->consultation_id);
        goto out;
    }
    if ((rc = cons_check_work(db, in->consultation_id, err)) != CS_OK)
        goto out;
    util_now(now);
    stmt_prepare(&st, db,
        "INSERT INTO committee_session(consultation_id, body, held_on, title,"
        " created_at, created_by) VALUES (:cons, :body, :day, :title, :now,"
        " :login)");
    stmt_bind_int64(&st, ":cons", in->consultation_id);
    stmt_bind_text(&st, ":body", cs_body_name(in->body));
    stmt_bind_text(&st, ":day", day);
    stmt_bind_text(&st, ":title", title);
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    new_id = stmt_last_id(&st);
    stmt_finish(&st);
    if ((rc = audit_write(db, "add", "committee_session", new_id, 0, NULL,
                          err)) != CS_OK)
        goto out;
    rc = carry_into(db, new_id, in->consultation_id, cs_body_name(in->body),
                    day, 0, &n, err);
out:
    stmt_finish(&st);
    free(title);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK) {
        if (id)
            *id = new_id;
        if (carried)
            *carried = n;
    }
    return rc;
}

/* ---------------------------------------------------------------- read */

#define SESSION_COLUMNS \
    "SELECT s.id, s.consultation_id, c.code, s.body, s.held_on, s.title," \
    " s.state, s.closed_at, s.closed_by, s.published_at, s.published_by," \
    " s.created_at, s.created_by," \
    " (SELECT count(*) FROM agenda_item a WHERE a.session_id = s.id)," \
    " (SELECT count(a.decision) FROM agenda_item a" \
    "  WHERE a.session_id = s.id)" \
    " FROM committee_session s JOIN consultation c" \
    " ON c.id = s.consultation_id"

static void
session_from_row(struct stmt *st, struct cs_session *s)
{
    memset(s, 0, sizeof *s);
    s->id = stmt_int64(st, 0);
    s->consultation_id = stmt_int64(st, 1);
    s->consultation_code = stmt_text_dup(st, 2);
    s->body = body_stored(stmt_text(st, 3));
    s->held_on = stmt_text_dup(st, 4);
    s->title = stmt_text_dup(st, 5);
    s->closed = strcmp(stmt_text(st, 6), "closed") == 0;
    s->closed_at = stmt_text_dup(st, 7);
    s->closed_by = stmt_text_dup(st, 8);
    s->published_at = stmt_text_dup(st, 9);
    s->published_by = stmt_text_dup(st, 10);
    s->created_at = stmt_text_dup(st, 11);
    s->created_by = stmt_text_dup(st, 12);
    s->items = stmt_int64(st, 13);
    s->decided = stmt_int64(st, 14);
}

void
cs_session_clear(struct cs_session *s)
{
    if (s == NULL)
        return;
    free(s->consultation_code);
    free(s->held_on);
    free(s->title);
    free(s->closed_at);
    free(s->closed_by);
    free(s->published_at);
    free(s->published_by);
    free(s->created_at);
    free(s->created_by);
    memset(s, 0, sizeof *s);
}

enum cs_rc
cs_session_list(struct cs_db *db, int64_t consultation_id,
                struct cs_session_list **out, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_session_list *l;
    size_t cap = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((l = calloc(1, sizeof *l)) == NULL)
        return no_memory(err);
    stmt_prepare(&st, db, SESSION_COLUMNS
        " WHERE :cons IS NULL OR s.consultation_id = :cons"
        " ORDER BY s.held_on, s.id");
    stmt_bind_id(&st, ":cons", consultation_id);
    while (stmt_row(&st)) {
        void *grown = util_grow(l->items, &cap, l->count, sizeof *l->items);

        if (grown == NULL) {
            rc = no_memory(err);
            goto out;
        }
        l->items = grown;
        session_from_row(&st, &l->items[l->count++]);
    }
    rc = stmt_status(&st, err);
out:
    stmt_finish(&st);
    if (rc != CS_OK) {
        cs_session_list_free(l);
        return rc;
    }
    *out = l;
    return CS_OK;
}

void
cs_session_list_free(struct cs_session_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        cs_session_clear(&list->items[i]);
    free(list->items);
    free(list);
}

static enum cs_rc
detail_items(struct cs_db *db, int64_t id, struct cs_session_detail *d,
             struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    size_t cap = 0;

    stmt_prepare(&st, db,
        "SELECT a.id, a.idea_id, a.position, i.title, t.code, i.support,"
        " i.status, a.decision, a.reason, a.answer, a.decided_at,"
        " a.decided_by, coalesce(a.carried_to, 0)"
        " FROM agenda_item a JOIN idea i ON i.id = a.idea_id"
        " JOIN theme t ON t.id = i.theme_id"
        " WHERE a.session_id = :id ORDER BY a.position, a.id");
    stmt_bind_int64(&st, ":id", id);
    while (stmt_row(&st)) {
        struct cs_agenda_item *it;
        void *grown = util_grow(d->items, &cap, d->item_count,
                                sizeof *d->items);

        if (grown == NULL) {
            stmt_finish(&st);
            return no_memory(err);
        }
        d->items = grown;
        it = &d->items[d->item_count++];
        memset(it, 0, sizeof *it);
        it->id = stmt_int64(&st, 0);
        it->idea_id = stmt_int64(&st, 1);
        it->position = stmt_int64(&st, 2);
        it->idea_title = stmt_text_dup(&st, 3);
        it->theme_code = stmt_text_dup(&st, 4);
        it->support = stmt_int64(&st, 5);
        it->idea_status = idea_stored_status(stmt_text(&st, 6));
        it->decision = stmt_is_null(&st, 7)
            ? -1 : decision_stored(stmt_text(&st, 7));
        it->reason = stmt_text_dup(&st, 8);
        it->answer = stmt_text_dup(&st, 9);
        it->decided_at = stmt_text_dup(&st, 10);
        it->decided_by = stmt_text_dup(&st, 11);
        it->carried_to = stmt_int64(&st, 12);
    }
    {
        enum cs_rc rc = stmt_status(&st, err);

        stmt_finish(&st);
        return rc;
    }
}

static enum cs_rc
detail_attendees(struct cs_db *db, int64_t id, struct cs_session_detail *d,
                 struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    size_t cap = 0;
    enum cs_rc rc;

    stmt_prepare(&st, db, "SELECT id, name, role FROM session_attendee"
                          " WHERE session_id = :id ORDER BY id");
    stmt_bind_int64(&st, ":id", id);
    while (stmt_row(&st)) {
        struct cs_session_attendee *a;
        void *grown = util_grow(d->attendees, &cap, d->attendee_count,
                                sizeof *d->attendees);

        if (grown == NULL) {
            stmt_finish(&st);
            return no_memory(err);
        }
        d->attendees = grown;
        a = &d->attendees[d->attendee_count++];
        a->id = stmt_int64(&st, 0);
        a->name = stmt_text_dup(&st, 1);
        a->role = stmt_text_dup(&st, 2);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
cs_session_get(struct cs_db *db, int64_t id, struct cs_session_detail **out,
               struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_session_detail *d;
    bool found = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((d = calloc(1, sizeof *d)) == NULL)
        return no_memory(err);
    stmt_prepare(&st, db, SESSION_COLUMNS " WHERE s.id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        session_from_row(&st, &d->session);
        found = true;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = no_session(err, id);
    if (rc == CS_OK)
        rc = detail_items(db, id, d, err);
    if (rc == CS_OK)
        rc = detail_attendees(db, id, d, err);
    if (rc != CS_OK) {
        cs_session_detail_free(d);
        return rc;
    }
    *out = d;
    return CS_OK;
}

void
cs_session_detail_free(struct cs_session_detail *d)
{
    if (d == NULL)
        return;
    cs_session_clear(&d->session);
    for (size_t i = 0; i < d->item_count; i++) {
        free(d->items[i].idea_title);
        free(d->items[i].theme_code);
        free(d->items[i].reason);
        free(d->items[i].answer);
        free(d->items[i].decided_at);
        free(d->items[i].decided_by);
    }
    free(d->items);
    for (size_t i = 0; i < d->attendee_count; i++) {
        free(d->attendees[i].name);
        free(d->attendees[i].role);
    }
    free(d->attendees);
    free(d);
}

/* ---------------------------------------------------------------- agenda */

enum cs_rc
cs_session_agenda_add(struct cs_db *db, int64_t id, const int64_t *ideas,
                      size_t n, size_t *added, struct cs_error *err)
{
    struct session_head h;
    size_t count = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_SESSIONS, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    if ((rc = head_open(db, id, &h, err)) == CS_OK)
        for (size_t i = 0; i < n && rc == CS_OK; i++)
            rc = agenda_put_checked(db, id, &h, ideas[i], &count, err);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && added)
        *added = count;
    return rc;
}

enum cs_rc
cs_session_agenda_filter(struct cs_db *db, int64_t id,
                         const struct cs_idea_filter *f, int64_t min_support,
                         size_t *added, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct idea_filter v;
    struct session_head h;
    int64_t *ids = NULL;
    size_t n = 0, cap = 0, count = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_SESSIONS, err)) != CS_OK)
        return rc;
    if ((rc = idea_filter_from(f, &v, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK) {
        idea_filter_clear(&v);
        return rc;
    }
    if ((rc = head_open(db, id, &h, err)) != CS_OK)
        goto out;
    v.cons = h.consultation_id;
    stmt_prepare(&st, db,
        "SELECT i.id FROM idea i WHERE i.consultation_id = :cons"
        IDEA_FILTERS
        " AND i.support >= :min"
        " AND (:status IS NOT NULL"
        "  OR i.status NOT IN ('merged', 'withdrawn', 'hidden'))"
        " ORDER BY i.support DESC, i.id");
    idea_filter_bind(&st, &v);
    stmt_bind_int64(&st, ":min", min_support);
    while (stmt_row(&st)) {
        void *grown = util_grow(ids, &cap, n, sizeof *ids);

        if (grown == NULL) {
            rc = no_memory(err);
            goto out;
        }
        ids = grown;
        ids[n++] = stmt_int64(&st, 0);
    }
    if ((rc = stmt_status(&st, err)) != CS_OK)
        goto out;
    stmt_finish(&st);
    for (size_t i = 0; i < n && rc == CS_OK; i++)
        rc = agenda_put_checked(db, id, &h, ids[i], &count, err);
out:
    stmt_finish(&st);
    idea_filter_clear(&v);
    free(ids);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && added)
        *added = count;
    return rc;
}

/* ---------------------------------------------------------------- attendees */

enum cs_rc
cs_session_attendee_add(struct cs_db *db, int64_t id, const char *name,
                        const char *role, int64_t *attendee,
                        struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct session_head h;
    char *n = NULL, *r = NULL;
    int64_t new_id = 0;
    enum cs_rc rc;

    if (util_is_blank(name))
        return cs_error_field(err, CS_EINVAL, "name", "%s",
                              _("An attendee needs a name."));
    if ((rc = util_line_check(name, "name", err)) != CS_OK
        || (rc = util_line_check(role, "role", err)) != CS_OK)
        return rc;
    if ((rc = op_require(db, CS_OP_SESSIONS, err)) != CS_OK)
        return rc;
    n = util_trim_dup(name);
    r = util_trim_dup(role ? role : "");
    if (n == NULL || r == NULL) {
        free(n);
        free(r);
        return no_memory(err);
    }
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        goto done;
    if ((rc = head_open(db, id, &h, err)) != CS_OK)
        goto out;
    stmt_prepare(&st, db, "INSERT INTO session_attendee(session_id, name,"
                          " role) VALUES (:s, :name, :role)");
    stmt_bind_int64(&st, ":s", id);
    stmt_bind_text(&st, ":name", n);
    stmt_bind_text(&st, ":role", r);
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    new_id = stmt_last_id(&st);
    rc = audit_write(db, "add", "session_attendee", new_id, 0, NULL, err);
out:
    stmt_finish(&st);
    rc = txn_end(db, rc, err);
done:
    free(n);
    free(r);
    if (rc == CS_OK && attendee)
        *attendee = new_id;
    return rc;
}

/* ---------------------------------------------------------------- decide */

enum cs_rc
cs_session_decide(struct cs_db *db, int64_t id, int64_t idea,
                  enum cs_decision d, const char *answer, const char *reason,
                  struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct session_head h;
    enum cs_status status, to;
    char *before = NULL, *ans = NULL, *why = NULL;
    char now[32];
    int64_t item = 0, cons;
    enum cs_rc rc;

    if ((unsigned)d >= CS_DECISION_COUNT)
        return cs_error_field(err, CS_EINVAL, "decision", "%s",
                              _("Invalid decision."));
    to = cs_decision_status(d);
    if (d != CS_DECISION_POSTPONED
        && (rc = cs_status_text_check(to, answer, err)) != CS_OK)
        return rc;
    if ((rc = util_text_check(reason, "reason", err)) != CS_OK)
        return rc;
    if ((rc = op_require(db, CS_OP_SET_STATUS, err)) != CS_OK)
        return rc;
    if ((d != CS_DECISION_POSTPONED && (ans = util_trim_dup(answer)) == NULL)
        || (!util_is_blank(reason) && (why = util_trim_dup(reason)) == NULL)) {
        free(ans);
        return no_memory(err);
    }
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        goto done;
    if ((rc = head_open(db, id, &h, err)) != CS_OK)
        goto out;
    stmt_prepare(&st, db, "SELECT id FROM agenda_item"
                          " WHERE session_id = :s AND idea_id = :i");
    stmt_bind_int64(&st, ":s", id);
    stmt_bind_int64(&st, ":i", idea);
    if (stmt_row(&st))
        item = stmt_int64(&st, 0);
    if ((rc = stmt_status(&st, err)) != CS_OK)
        goto out;
    stmt_finish(&st);
    if (item == 0) {
        rc = cs_error_field(err, CS_ENOTFOUND, "idea",
            _("Idea %lld is not on the agenda of session %lld."),
            (long long)idea, (long long)id);
        goto out;
    }
    /* Said now rather than at the close: the close would refuse it. */
    if ((rc = idea_read(db, idea, &cons, &status, err)) != CS_OK)
        goto out;
    if (d != CS_DECISION_POSTPONED && !cs_status_transition_ok(status, to)) {
        rc = cs_error_set(err, CS_ECONFLICT,
            _("Cannot move idea %lld from %s to %s."), (long long)idea,
            cs_status_label(status), cs_status_label(to));
        goto out;
    }
    if ((rc = audit_snapshot(db, "agenda_item", item, &before, err)) != CS_OK)
        goto out;
    util_now(now);
    stmt_prepare(&st, db,
        "UPDATE agenda_item SET decision = :d, reason = :reason,"
        " answer = :answer, decided_at = :now, decided_by = :login"
        " WHERE id = :id");
    stmt_bind_text(&st, ":d", cs_decision_name(d));
    stmt_bind_text(&st, ":reason", why);
    stmt_bind_text(&st, ":answer", ans);
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    stmt_bind_int64(&st, ":id", item);
    if ((rc = stmt_run(&st, err)) == CS_OK)
        rc = audit_write(db, "decide", "agenda_item", item, idea, before, err);
out:
    stmt_finish(&st);
    rc = txn_end(db, rc, err);
done:
    free(before);
    free(ans);
    free(why);
    return rc;
}

/* ---------------------------------------------------------------- close */

/* One decided item of a session being closed. */
struct close_item {
    int64_t idea;
    int decision;               /* enum cs_decision, -1: none */
    char *answer;               /* owned; NULL for postponed */
};

static void
close_items_free(struct close_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i].answer);
    free(items);
}

static enum cs_rc
close_items_read(struct cs_db *db, int64_t id, struct close_item **out,
                 size_t *count, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct close_item *items = NULL;
    size_t n = 0, cap = 0;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "SELECT idea_id, decision, answer FROM agenda_item"
        " WHERE session_id = :id AND decision IS NOT NULL"
        " ORDER BY position, id");
    stmt_bind_int64(&st, ":id", id);
    while (stmt_row(&st)) {
        void *grown = util_grow(items, &cap, n, sizeof *items);

        if (grown == NULL) {
            stmt_finish(&st);
            close_items_free(items, n);
            return no_memory(err);
        }
        items = grown;
        items[n].idea = stmt_int64(&st, 0);
        items[n].decision = decision_stored(stmt_text(&st, 1));
        items[n].answer = stmt_text_dup(&st, 2);
        n++;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK) {
        close_items_free(items, n);
        return rc;
    }
    *out = items;
    *count = n;
    return CS_OK;
}

/* Set the status of each decided idea, as the session decided. */
static enum cs_rc
close_apply(struct cs_db *db, int64_t id, const struct close_item *items,
            size_t n, struct cs_error *err)
{
    enum cs_rc rc = CS_OK;

    for (size_t i = 0; i < n && rc == CS_OK; i++) {
        const struct close_item *it = &items[i];
        enum cs_status status;
        int64_t cons;

        if (it->decision == CS_DECISION_POSTPONED) {
            /* Under review from now on; any other status stays. */
            if ((rc = idea_read(db, it->idea, &cons, &status, err)) == CS_OK
                && status == CS_STATUS_NEW)
                rc = idea_status_apply(db, it->idea, 0, CS_STATUS_REVIEWING,
                                       NULL, id, err);
        } else if (it->decision >= 0) {
            rc = idea_status_apply(db, it->idea, 0,
                                   cs_decision_status(
                                       (enum cs_decision)it->decision),
                                   it->answer, id, err);
        }
        if (rc != CS_OK)
            rc = name_idea(err, it->idea, rc);
    }
    return rc;
}

enum cs_rc
cs_session_close(struct cs_db *db, int64_t id, size_t *carried,
                 struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct session_head h;
    struct close_item *items = NULL;
    char *before = NULL;
    char now[32];
    int64_t next = 0;
    size_t n = 0, moved = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_SET_STATUS, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    if ((rc = head_read(db, id, &h, err)) != CS_OK)
        goto out;
    if (h.closed) {
        rc = cs_error_set(err, CS_ECONFLICT,
                          _("Session %lld is closed already."),
                          (long long)id);
        goto out;
    }
    if ((rc = audit_snapshot(db, "committee_session", id, &before, err))
        != CS_OK
        || (rc = close_items_read(db, id, &items, &n, err)) != CS_OK
        || (rc = close_apply(db, id, items, n, err)) != CS_OK)
        goto out;
    /* Without held answers, the answers went out with the close. */
    util_now(now);
    stmt_prepare(&st, db,
        "UPDATE committee_session SET state = 'closed', closed_at = :now,"
        " closed_by = :login,"
        " published_at = CASE WHEN c.hold_answers THEN NULL ELSE :now END,"
        " published_by = CASE WHEN c.hold_answers THEN NULL ELSE :login END"
        " FROM consultation c WHERE c.id = committee_session.consultation_id"
        " AND committee_session.id = :id");
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    stmt_finish(&st);
    if ((rc = audit_write(db, "close", "committee_session", id, 0, before,
                          err)) != CS_OK)
        goto out;
    stmt_prepare(&st, db,
        "SELECT id FROM committee_session WHERE consultation_id = :cons"
        " AND body = :body AND state = 'open' AND id <> :id"
        " AND held_on >= :day ORDER BY held_on, id LIMIT 1");
    stmt_bind_int64(&st, ":cons", h.consultation_id);
    stmt_bind_text(&st, ":body", h.body);
    stmt_bind_int64(&st, ":id", id);
    stmt_bind_text(&st, ":day", h.held_on);
    if (stmt_row(&st))
        next = stmt_int64(&st, 0);
    if ((rc = stmt_status(&st, err)) != CS_OK)
        goto out;
    stmt_finish(&st);
    if (next != 0) {
        struct session_head nh;

        if ((rc = head_read(db, next, &nh, err)) == CS_OK)
            rc = carry_into(db, next, h.consultation_id, h.body, nh.held_on,
                            id, &moved, err);
    }
out:
    stmt_finish(&st);
    close_items_free(items, n);
    free(before);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && carried)
        *carried = moved;
    return rc;
}

/* ---------------------------------------------------------------- publish */

enum cs_rc
cs_session_publish(struct cs_db *db, int64_t id, int64_t *count,
                   struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct session_head h;
    char *before = NULL;
    char now[32];
    int64_t n = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_PUBLISH, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    if ((rc = head_read(db, id, &h, err)) != CS_OK)
        goto out;
    if (!h.closed) {
        rc = cs_error_set(err, CS_ECONFLICT,
            _("Session %lld is still open: its answers are given when it "
              "closes."), (long long)id);
        goto out;
    }
    if ((rc = audit_snapshot(db, "committee_session", id, &before, err))
        != CS_OK)
        goto out;
    util_now(now);
    stmt_prepare(&st, db,
        "UPDATE idea_answer SET published_at = :now, published_by = :login"
        " WHERE session_id = :id AND published_at IS NULL");
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    n = stmt_changes(&st);
    stmt_finish(&st);
    stmt_prepare(&st, db,
        "UPDATE committee_session SET published_at = :now,"
        " published_by = :login WHERE id = :id");
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) == CS_OK)
        rc = audit_write(db, "publish", "committee_session", id, 0, before,
                         err);
out:
    stmt_finish(&st);
    free(before);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && count)
        *count = n;
    return rc;
}
