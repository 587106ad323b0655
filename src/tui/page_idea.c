/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * page_idea.c: an idea's page as a part of a screen (see page_idea.h).
 */
#include "page_idea.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "term.h"

enum { P_TAG = 1, P_UNTAG, P_REMARK };

void
idea_page_init(struct idea_page *p, idea_page_fn apply_status,
               idea_page_fn apply_merge, idea_page_fn redo, void *owner)
{
    memset(p, 0, sizeof *p);
    dialog_init(&p->dlg);
    dialog_init(&p->refusal);
    model_status_init(&p->status);
    model_merge_init(&p->merge);
    model_vote_init(&p->vote);
    p->apply_status = apply_status;
    p->apply_merge = apply_merge;
    p->redo = redo;
    p->owner = owner;
}

void
idea_page_free(struct idea_page *p)
{
    model_idea_free(&p->idea);
    dialog_clear(&p->dlg);
    dialog_clear(&p->refusal);
    model_status_free(&p->status);
    model_merge_free(&p->merge);
    model_vote_free(&p->vote);
    model_stale_free(&p->stale);
}

/* ---------------------------------------------------------------- refusal */

static void
refusal_done(struct app *a, void *owner, enum dlg_result r)
{
    struct idea_page *p = owner;
    struct cs_error err;

    dialog_clear(&p->refusal);
    model_stale_close(&p->stale);
    if (r == DLG_OK) {
        p->redo(a, p);
        return;
    }
    cs_error_clear(&err);
    if (p->idea.loaded && model_idea_reload(&p->idea, &err) != CS_OK) {
        app_error(a, &err);
        return;
    }
    if (model_stale_kept(&p->stale, p->idea.id))
        app_message(a, _("Idea %lld as it is now (version %lld). What you "
                         "typed is kept for your next try."),
                    (long long)p->idea.id, (long long)p->idea.idea.version);
    else
        app_message(a, _("Idea %lld as it is now (version %lld)."),
                    (long long)p->idea.id, (long long)p->idea.idea.version);
}

void
idea_page_show_refusal(struct app *a, struct idea_page *p,
                       const struct cs_error *err)
{
    struct tui_row rows[64];
    char title[256], lines[4096];
    size_t n = model_stale_rows(&p->stale, a->cols, rows, 64), len = 0;

    lines[0] = '\0';
    for (size_t i = 0; i < n && i < 64 && len < sizeof lines; i++)
        len += (size_t)snprintf(lines + len, sizeof lines - len, "%s%s",
                                i ? "\n" : "", rows[i].text);
    model_stale_title(&p->stale, title, sizeof title);
    dialog_choice(&p->refusal, title, lines, &model_stale_keys,
                  TUI_ACT_APPLY_ANYWAY, TUI_ACT_LOOK_AGAIN);
    app_dialog(a, &p->refusal, p, refusal_done);
    app_error(a, err);
}

bool
idea_page_refused(struct app *a, struct idea_page *p,
                  const struct cs_error *err, enum stale_op op,
                  enum cs_status to, const char *text, int64_t into)
{
    if (err->code != CS_ESTALE || !p->idea.loaded
        || model_stale_refused(&p->stale, a->db, p->idea.id,
                               p->idea.idea.version, op, to, text, into,
                               NULL) != CS_OK)
        return false;
    idea_page_show_refusal(a, p, err);
    return true;
}

void
idea_page_refresh(struct app *a, struct idea_page *p)
{
    struct cs_error err;
    char note[256];

    if (!p->idea.loaded)
        return;
    cs_error_clear(&err);
    if (model_idea_refresh(&p->idea, note, sizeof note, &err) != CS_OK)
        app_error(a, &err);
    else if (note[0])
        app_message(a, "%s", note);
}

/* ---------------------------------------------------------------- dialogs */

/* An answer in the vote flow: the next step, or the vote saved. */
static void
vote_done(struct app *a, void *owner, enum dlg_result r)
{
    struct idea_page *p = owner;
    struct cs_error err;

    cs_error_clear(&err);
    switch (model_vote_answer(&p->vote, r, &err)) {
    case VOTE_GOING:
        app_dialog(a, &p->vote.dlg, p, vote_done);
        break;
    case VOTE_SAVED:
        /* TRANSLATORS: a vote added on an idea's page: its number, who,
         * the idea. */
        app_message(a, _("Vote %lld recorded: %s supports idea %lld."),
                    (long long)p->vote.vote_id, p->vote.who,
                    (long long)p->idea.id);
        cs_error_clear(&err);
        if (p->idea.loaded && model_idea_reload(&p->idea, &err) != CS_OK)
            app_error(a, &err);
        break;
    case VOTE_CANCELLED:
    default:
        app_message(a, "%s", _("No vote recorded."));
        break;
    }
}

static void
dialog_done(struct app *a, void *owner, enum dlg_result r)
{
    struct idea_page *p = owner;
    struct cs_error err;
    char tag[200];

    if (r != DLG_OK) {
        if (p->purpose == P_REMARK)
            app_message(a, "%s", _("Nothing changed."));
        dialog_clear(&p->dlg);
        return;
    }
    cs_error_clear(&err);
    switch (p->purpose) {
    case P_TAG:
    case P_UNTAG:
        snprintf(tag, sizeof tag, "%s", p->purpose == P_UNTAG
                 ? p->dlg.menu.count ? p->dlg.menu.items[p->dlg.menu.sel].label
                                     : ""
                 : dialog_text(&p->dlg));
        if (model_idea_tag(&p->idea, tag, p->purpose == P_UNTAG, &err)
            != CS_OK) {
            if (!idea_page_refused(a, p, &err, p->purpose == P_UNTAG
                                   ? STALE_UNTAG : STALE_TAG, 0, tag, 0))
                app_error(a, &err);
        }
        else
            app_message(a, p->purpose == P_UNTAG ? _("Tag \"%s\" taken off.")
                                                 : _("Tagged \"%s\"."), tag);
        break;
    case P_REMARK:
        if (model_idea_comment(&p->idea, dialog_text(&p->dlg), &err)
            != CS_OK) {
            /* What was typed stays, ready to save again. */
            if (dialog_keep_after(&p->dlg, &err)) {
                app_dialog(a, &p->dlg, p, dialog_done);
                app_error(a, &err);
                return;
            }
            app_error(a, &err);
        } else
            app_message(a, "%s", _("Remark added."));
        break;
    default:
        break;
    }
    dialog_clear(&p->dlg);
}

static void
ask(struct app *a, struct idea_page *p, int purpose)
{
    p->purpose = purpose;
    app_dialog(a, &p->dlg, p, dialog_done);
}

static void
untag(struct app *a, struct idea_page *p)
{
    const char *t = p->idea.tags;

    if (t == NULL || t[0] == '\0') {
        app_message(a, "%s", _("This idea has no tag."));
        return;
    }
    dialog_pick(&p->dlg, _("Take off the tag"), DLG_DIGITS_LINE, NULL);
    while (*t) {
        const char *end = strstr(t, ", ");
        size_t n = end ? (size_t)(end - t) : strlen(t);
        char one[200];

        snprintf(one, sizeof one, "%.*s", (int)n, t);
        model_menu_add(&p->dlg.menu, one, 0);
        t += n + (end ? 2 : 0);
    }
    ask(a, p, P_UNTAG);
}

/* ---------------------------------------------------------------- status */

static void
status_done(struct app *a, void *owner, enum dlg_result r)
{
    struct idea_page *p = owner;

    switch (model_status_answer(&p->status, r)) {
    case STATUS_DONE:
        p->apply_status(a, p);
        break;
    case STATUS_NONE:
        app_message(a, "%s", _("Nothing changed."));
        break;
    default:
        app_dialog(a, &p->status.dlg, p, status_done);
        break;
    }
}

void
idea_page_ask_status(struct app *a, struct idea_page *p, int to,
                     const char *prefill)
{
    char what[64];
    const char *kept = model_stale_kept(&p->stale, p->idea.id);
    char *text = kept ? strdup(kept) : NULL;

    /* What was typed for a decision refused on this idea comes back. */
    if (text) {
        prefill = text;
        model_stale_forget(&p->stale);
    }
    snprintf(what, sizeof what, _("idea %lld"), (long long)p->idea.id);
    if (to < 0) {
        model_status_start(&p->status, a->db, a->cons_id, what, p->idea.id,
                           p->idea.idea.status,
                           text ? text : p->idea.idea.answer);
        free(text);
    } else if (model_status_start_to(&p->status, a->db, a->cons_id, what,
                                     p->idea.id, (enum cs_status)to,
                                     prefill) == STATUS_DONE) {
        free(text);
        p->apply_status(a, p);
        return;
    } else {
        free(text);
    }
    app_dialog(a, &p->status.dlg, p, status_done);
}

void
idea_page_status_failed(struct app *a, struct idea_page *p,
                        const struct cs_error *err)
{
    if (idea_page_refused(a, p, err, STALE_STATUS, p->status.to,
                          p->status.text, 0)) {
        model_status_free(&p->status);
        return;
    }
    if (model_status_retry(&p->status, err))
        app_dialog(a, &p->status.dlg, p, status_done);
    app_error(a, err);
}

/* ---------------------------------------------------------------- merge */

static void
merge_done(struct app *a, void *owner, enum dlg_result r)
{
    struct idea_page *p = owner;

    switch (model_merge_answer(&p->merge, r)) {
    case MERGE_DONE:
        p->apply_merge(a, p);
        break;
    case MERGE_NONE:
        app_message(a, "%s", _("No merge."));
        break;
    default:
        app_dialog(a, &p->merge.dlg, p, merge_done);
        break;
    }
}

static void
ask_merge(struct app *a, struct idea_page *p)
{
    /* The cursor on a similar idea's line chooses it first. */
    model_merge_start(&p->merge, a->db, &p->idea.idea, p->idea.similar,
                      model_idea_link(&p->idea));
    app_dialog(a, &p->merge.dlg, p, merge_done);
}

/* ---------------------------------------------------------------- keys */

bool
idea_page_key(struct app *a, struct idea_page *p, enum tui_action act)
{
    struct cs_error err;
    char title[128], about[512];

    switch (act) {
    case TUI_ACT_TAG:
        dialog_line(&p->dlg, _("Tag: "), "");
        ask(a, p, P_TAG);
        return true;
    case TUI_ACT_UNTAG:
        untag(a, p);
        return true;
    case TUI_ACT_HIDE:
        idea_page_ask_status(a, p, CS_STATUS_HIDDEN,
                             p->idea.idea.hidden_reason);
        return true;
    case TUI_ACT_COMMENT:
        snprintf(title, sizeof title, _("Remark on idea %lld"),
                 (long long)p->idea.id);
        snprintf(about, sizeof about, _("Idea %lld: %s"),
                 (long long)p->idea.id,
                 p->idea.idea.title ? p->idea.idea.title : "");
        dialog_editor(&p->dlg, title, about, "");
        ask(a, p, P_REMARK);
        return true;
    case TUI_ACT_MERGE:
        ask_merge(a, p);
        return true;
    case TUI_ACT_VOTE:
        cs_error_clear(&err);
        if (model_vote_start(&p->vote, a->db, p->idea.id, &err) != CS_OK)
            app_error(a, &err);
        else
            app_dialog(a, &p->vote.dlg, p, vote_done);
        return true;
    case TUI_ACT_UNMERGE:
        cs_error_clear(&err);
        if (model_idea_unmerge(&p->idea, &err) != CS_OK) {
            if (!idea_page_refused(a, p, &err, STALE_UNMERGE, 0, NULL, 0))
                app_error(a, &err);
        } else
            app_message(a, _("Idea %lld is no longer merged."),
                        (long long)p->idea.id);
        return true;
    case TUI_ACT_UP: case TUI_ACT_DOWN: case TUI_ACT_PGUP: case TUI_ACT_PGDN:
    case TUI_ACT_HOME: case TUI_ACT_END: case TUI_ACT_NEXT_SECTION:
    case TUI_ACT_PREV_SECTION:
        model_idea_apply(&p->idea, act);
        return true;
    default:
        return false;
    }
}

/* ---------------------------------------------------------------- draw */

void
idea_page_draw(struct app *a, struct idea_page *p, int *cy, int *cx)
{
    struct tui_row rows[256];
    int cur = 0;
    size_t n = model_idea_rows(&p->idea, rows, 256, &cur);

    for (size_t i = 0; i < n; i++)
        term_text(1 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
    *cy = 1 + cur;
    *cx = 0;
}

void
idea_page_click(struct app *a, struct idea_page *p, int line)
{
    (void)a;
    if (p->idea.loaded && line >= 1)
        model_idea_click(&p->idea, line - 1);
}
