/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_triage.c: triage mode's queue (see model_triage.h).
 */
#include "model_triage.h"

#include <stdio.h>
#include <string.h>

#include "consult/search.h"
#include "model_keys.h"
#include "model_stale.h"
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

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */

static const struct tui_binding triage_bindings[] = {
    TUI_HELP_BINDING,
    { TRIAGE_ACT_REVIEW, 2, { 'v' }, NC_("bar", "Review"), N_("review"),
      N_("Move it to \"reviewing\" and go to the next"), CS_OP_SET_STATUS },
    { TRIAGE_ACT_ACCEPT, 3, { 'a' }, NC_("bar", "Accept"), N_("accept"),
      N_("Accept it, with an official answer"), CS_OP_SET_STATUS },
    { TRIAGE_ACT_REJECT, 4, { 'r' }, NC_("bar", "Reject"), N_("reject"),
      N_("Reject it, with an official answer"), CS_OP_SET_STATUS },
    { TRIAGE_ACT_IMPLEMENT, 5, { 'i' }, NC_("bar", "Done"), N_("done"),
      N_("Mark it implemented, with an official answer"), CS_OP_SET_STATUS },
    { TUI_ACT_HIDE, 6, { 'x' }, NC_("bar", "Hide"), N_("hide"),
      N_("Hide it (moderation), giving the reason"), CS_OP_HIDE },
    { TUI_ACT_MERGE, 7, { 'm' }, NC_("bar", "Merge"), N_("merge"),
      N_("Merge it into the idea it duplicates: type its number or "
         "choose a similar one, then confirm"), CS_OP_MERGE },
    { TRIAGE_ACT_SKIP, 8, { 'n', ' ' }, NC_("bar", "Skip"), N_("skip"),
      N_("Leave it new and go to the next"), CS_OP_ANY },
    TUI_BACK_BINDING,
    TUI_QUIT_BINDING,
    { TUI_ACT_TAG, 0, { 't' }, NULL, NULL, N_("Add a tag"), CS_OP_TAG },
    { TUI_ACT_COMMENT, 0, { 'c' }, NULL, NULL,
      N_("Add a remark (a comment)"), CS_OP_COMMENT },
    { TUI_ACT_NEXT_SECTION, 0, { TUI_KEY_TAB }, NULL, NULL,
      N_("Go to the next section"), CS_OP_ANY },
    { TUI_ACT_PREV_SECTION, 0, { TUI_KEY_BTAB }, NULL, NULL,
      N_("Go to the previous section"), CS_OP_ANY },
    TUI_MOVE_BINDINGS,
    TUI_REDRAW_BINDING,
};

static const struct tui_route triage_routes[] = {
    { &model_cons_keys, TUI_ACT_REFRESH, TUI_OPEN_SELECTED | TUI_OPEN_CONS,
      { TUI_ACT_TRIAGE, 7, { 't' }, NC_("bar", "Triage"), N_("triage"),
        N_("Triage the new ideas of the selected consultation one by one"),
        CS_OP_SET_STATUS } },
    { &model_ideas_keys, TUI_ACT_SORT, TUI_OPEN_CONS,
      { TUI_ACT_TRIAGE, 7, { 't' }, NC_("bar", "Triage"), NULL,
        N_("Triage the new ideas one by one"), CS_OP_SET_STATUS } },
};

static const struct tui_keymap *const triage_dialogs[] = {
    &model_stale_keys, NULL,
};

const struct tui_keymap model_triage_keys =
    TUI_SCREEN_KEYMAP(N_("Triage"), triage_bindings, triage_routes,
                      triage_dialogs);
