/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_triage.c: triage mode's queue (see model_triage.h).
 */
#include "model_triage.h"

#include <stdio.h>
#include <string.h>

#include "consult/search.h"
#include "tui.h"

static void
queue_filter(const struct model_triage *t, struct cs_idea_filter *f)
{
    cs_idea_filter_init(f);
    f->consultation_id = t->cons_id;
    f->status = CS_STATUS_NEW;
    f->order = CS_ORDER_DATE;
    f->descending = false;
}

/* Read the first new idea after t->after and how many are left. */
static enum cs_rc
load_next(struct model_triage *t, struct cs_error *err)
{
    struct cs_idea_filter f;
    struct cs_idea_list *l = NULL;
    enum cs_rc rc;

    queue_filter(t, &f);
    if ((rc = cs_idea_list(t->db, &f, &t->after, 1, &l, err)) != CS_OK)
        return rc;
    if (l->count == 0) {
        t->current = 0;
    } else {
        const struct cs_idea *i = &l->items[0];

        t->current = i->id;
        t->after.valid = true;
        t->after.id = i->id;
        t->after.support = i->support;
        snprintf(t->after.date, sizeof t->after.date, "%s",
                 i->submitted_at ? i->submitted_at : "");
    }
    cs_idea_list_free(l);
    return cs_search_count(t->db, &f, NULL, 100000, &t->left, err);
}

enum cs_rc
model_triage_start(struct model_triage *t, struct cs_db *db, int64_t cons_id,
                   struct cs_error *err)
{
    memset(t, 0, sizeof *t);
    t->db = db;
    t->cons_id = cons_id;
    return load_next(t, err);
}

enum cs_rc
model_triage_next(struct model_triage *t, bool skip, struct cs_error *err)
{
    if (t->current == 0)
        return CS_OK;
    if (skip)
        t->skipped++;
    return load_next(t, err);
}

enum cs_rc
model_triage_decide(struct model_triage *t, int64_t if_version,
                    enum cs_status to, const char *text,
                    struct cs_error *err)
{
    enum cs_rc rc;

    if (t->current == 0)
        return cs_error_set(err, CS_ENOTFOUND, "%s",
                            _("No new idea is left to decide."));
    if ((rc = cs_idea_set_status(t->db, t->current, if_version, to, text,
                                 err))
        != CS_OK)
        return rc;
    return model_triage_done(t, err);
}

enum cs_rc
model_triage_done(struct model_triage *t, struct cs_error *err)
{
    t->decided++;
    return load_next(t, err);
}

enum cs_rc
model_triage_restart(struct model_triage *t, struct cs_error *err)
{
    memset(&t->after, 0, sizeof t->after);
    t->skipped = 0;
    return load_next(t, err);
}
