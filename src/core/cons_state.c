/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cons_state.c: what a consultation's state lets in (cons_state.h).
 */
#include "cons_state.h"

#include <stdio.h>
#include <string.h>

#include "consult/consultation.h"
#include "consult/types.h"
#include "i18n.h"
#include "stmt.h"

enum cs_rc
cons_state_load(struct cs_db *db, int64_t id, struct cons_state *s,
                struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    bool found = false;
    enum cs_rc rc;

    memset(s, 0, sizeof *s);
    stmt_prepare(&st, db, "SELECT code, state, coalesce(closes_on, '')"
                          " FROM consultation WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        found = true;
        s->id = id;
        snprintf(s->code, sizeof s->code, "%s", stmt_text(&st, 0));
        if (cs_state_parse(stmt_text(&st, 1), &s->state, NULL) != CS_OK)
            s->state = CS_STATE_OPEN;
        snprintf(s->closes_on, sizeof s->closes_on, "%.10s",
                 stmt_text(&st, 2));
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = cs_error_field(err, CS_ENOTFOUND, "consultation",
                            _("No consultation %lld."), (long long)id);
    return rc;
}

enum cs_rc
cons_exists(struct cs_db *db, int64_t id, struct cs_error *err)
{
    struct cons_state s;

    return cons_state_load(db, id, &s, err);
}

/* Contributions a closed consultation still takes: those that came on
 * paper, at a workshop or by phone, keyed after the call ended. */
static bool
late_channel(int channel)
{
    return channel == CS_CHANNEL_PAPER || channel == CS_CHANNEL_WORKSHOP
        || channel == CS_CHANNEL_PHONE;
}

enum cs_rc
cons_state_check(const struct cons_state *s, enum cons_write w, int channel,
                 const char *date, bool *late, struct cs_error *err)
{
    if (late)
        *late = false;
    if (s->state == CS_STATE_ARCHIVED)
        return cs_error_field(err, CS_ECONFLICT, "consultation",
            _("Consultation %s is archived: it is read-only, and nothing "
              "in it can be changed (an admin may reopen it with: consult "
              "consultation edit %s --state closed)."), s->code, s->code);
    if (s->state != CS_STATE_CLOSED || w != CONS_WRITE_CONTRIB)
        return CS_OK;
    if (!late_channel(channel))
        return cs_error_field(err, CS_ECONFLICT, "channel",
            _("Consultation %s is closed: it takes only late paper, "
              "workshop and phone contributions, dated on or before its "
              "closing date."), s->code);
    /* An undated form from the envelope cannot be shown to be late: it
     * is taken. A dated one must be dated on or before the closing. */
    if (date != NULL && s->closes_on[0]
        && strncmp(date, s->closes_on, 10) > 0)
        return cs_error_field(err, CS_ECONFLICT, "date",
            _("Consultation %s closed on %s: a late contribution must be "
              "dated on or before that day (this one is dated %.10s)."),
            s->code, s->closes_on, date);
    if (late)
        *late = true;
    return CS_OK;
}

enum cs_rc
cons_write_check(struct cs_db *db, int64_t consultation_id, enum cons_write w,
                 int channel, const char *date, bool *late,
                 struct cs_error *err)
{
    struct cons_state s;
    enum cs_rc rc;

    if ((rc = cons_state_load(db, consultation_id, &s, err)) != CS_OK)
        return rc;
    return cons_state_check(&s, w, channel, date, late, err);
}

enum cs_rc
cons_write_check_idea(struct cs_db *db, int64_t idea_id, enum cons_write w,
                      int channel, const char *date, bool *late,
                      struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    int64_t cons = 0;
    enum cs_rc rc;

    stmt_prepare(&st, db, "SELECT consultation_id FROM idea WHERE id = :id");
    stmt_bind_int64(&st, ":id", idea_id);
    if (stmt_row(&st))
        cons = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    /* A missing idea is the caller's to report. */
    if (rc != CS_OK || cons == 0)
        return rc;
    return cons_write_check(db, cons, w, channel, date, late, err);
}

enum cs_rc
cons_check_work(struct cs_db *db, int64_t consultation_id,
                struct cs_error *err)
{
    return cons_write_check(db, consultation_id, CONS_WRITE_WORK, -1, NULL,
                            NULL, err);
}

enum cs_rc
cons_state_seen_check(struct cs_db *db, struct cons_state_seen *seen,
                      int64_t consultation_id, enum cons_write w,
                      int channel, const char *date, bool count_late,
                      struct cs_error *err)
{
    struct cons_state *s = NULL;
    bool late = false;
    enum cs_rc rc;

    for (size_t i = 0; i < seen->n && s == NULL; i++)
        if (seen->items[i].id == consultation_id)
            s = &seen->items[i];
    if (s == NULL) {
        if (seen->n == CONS_STATE_SEEN) {
            memmove(&seen->items[0], &seen->items[1],
                    (CONS_STATE_SEEN - 1) * sizeof seen->items[0]);
            seen->n--;
        }
        s = &seen->items[seen->n];
        if ((rc = cons_state_load(db, consultation_id, s, err)) != CS_OK)
            return rc;
        seen->n++;
    }
    rc = cons_state_check(s, w, channel, date, &late, err);
    if (rc != CS_OK && s->state == CS_STATE_ARCHIVED)
        seen->archived = true;
    if (rc == CS_OK && late && count_late)
        seen->late++;
    return rc;
}

enum cs_rc
cs_consultation_is_late(struct cs_db *db, int64_t consultation_id,
                        int64_t idea_id, enum cs_channel channel,
                        const char *date, bool *late, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cons_state s;
    char day[64];
    enum cs_rc rc;

    *late = false;
    if (date && date[0] && (rc = cs_date_parse(date, day, sizeof day, err))
                           != CS_OK)
        return rc;
    if (consultation_id == 0) {
        stmt_prepare(&st, db, "SELECT consultation_id FROM idea"
                              " WHERE id = :id");
        stmt_bind_int64(&st, ":id", idea_id);
        if (stmt_row(&st))
            consultation_id = stmt_int64(&st, 0);
        rc = stmt_status(&st, err);
        stmt_finish(&st);
        if (rc != CS_OK)
            return rc;
        if (consultation_id == 0)
            return cs_error_field(err, CS_ENOTFOUND, "idea",
                                  _("No idea %lld."), (long long)idea_id);
    }
    if ((rc = cons_state_load(db, consultation_id, &s, err)) != CS_OK)
        return rc;
    /* A write the state refuses is not late: the write says why. */
    if (cons_state_check(&s, CONS_WRITE_CONTRIB, (int)channel,
                         date && date[0] ? day : NULL, late, NULL) != CS_OK)
        *late = false;
    return CS_OK;
}
