/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_idea.c: an idea's page: keys to model calls (scrolling, sections,
 * status with an official answer, tags, hiding, remarks, merging into a
 * similar idea with "m" and its number) and the page's lines to the
 * screen. The actions shared with triage mode are here too.
 */
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_keys.h"
#include "term.h"

static void
idea_enter(struct app *a)
{
    struct cs_error err;
    int64_t id = app_top_arg(a);

    if (a->idea.id == id && a->idea.loaded) {
        if (model_idea_reload(&a->idea, &err) != CS_OK)
            app_error(a, &err);
        return;
    }
    if (model_idea_open(&a->idea, a->db, id, a->cols, app_body_rows(a, 1),
                        &err) != CS_OK)
        app_error(a, &err);
}

static void
idea_resize(struct app *a)
{
    if (a->idea.loaded)
        model_idea_resize(&a->idea, a->cols, app_body_rows(a, 1));
}

/* ---------------------------------------------------------------- actions */

/* "Apply anyway" for the page on top (an idea's page or triage mode). */
static void (*
redo_here(const struct app *a))(struct app *)
{
    return app_top(a) == SCR_TRIAGE ? screen_triage_redo : screen_idea_redo;
}

void
screen_idea_redo(struct app *a)
{
    struct cs_error err;
    enum stale_op op = a->stale.op;
    enum cs_status to = a->stale.to;
    int64_t into = a->stale.into;

    cs_error_clear(&err);
    switch (model_idea_redo(&a->idea, &a->stale, &err)) {
    case CS_OK:
        break;
    case CS_ESTALE:
        /* Changed once more: the refusal shows the newest change. */
        a->dlg.kind = DLG_STALE;
        model_stale_title(&a->stale, a->dlg.title, sizeof a->dlg.title);
        app_error(a, &err);
        return;
    default:
        app_error(a, &err);
        return;
    }
    if (op == STALE_STATUS)
        app_message(a, _("Saved anyway: idea %lld is now %s."),
                    (long long)a->idea.id, cs_status_label(to));
    else if (op == STALE_MERGE)
        app_message(a, _("Saved anyway: idea %lld merged into idea %lld."),
                    (long long)a->idea.id, (long long)into);
    else
        app_message(a, _("Saved anyway on idea %lld."),
                    (long long)a->idea.id);
}

static void
status_done(struct app *a, enum cs_status to, const char *text)
{
    struct cs_error err;

    cs_error_clear(&err);
    if (model_idea_set_status(&a->idea, to, text, &err) != CS_OK)
        app_status_failed(a, &err, to, text);
    else
        app_message(a, _("Idea %lld is now %s."), (long long)a->idea.id,
                    cs_status_label(to));
}

static void
tag_done(struct app *a, bool ok)
{
    struct cs_error err;
    bool remove = a->dlg.purpose == 1;
    char tag[200];

    if (!ok)
        return;
    snprintf(tag, sizeof tag, "%s", remove
             ? a->dlg.menu.count ? a->dlg.menu.items[a->dlg.menu.sel].label
                                 : ""
             : tui_edit_text(&a->dlg.edit));
    cs_error_clear(&err);
    if (model_idea_tag(&a->idea, tag, remove, &err) != CS_OK) {
        if (err.code == CS_ESTALE)
            app_stale(a, &err, remove ? STALE_UNTAG : STALE_TAG, 0, tag, 0,
                      redo_here(a));
        else
            app_error(a, &err);
    }
    else
        app_message(a, remove ? _("Tag \"%s\" taken off.")
                              : _("Tagged \"%s\"."), tag);
}

static void
untag(struct app *a)
{
    const char *t = a->idea.tags;

    if (t == NULL || t[0] == '\0') {
        app_message(a, "%s", _("This idea has no tag."));
        return;
    }
    app_menu(a, _("Take off the tag"), 1, 0, tag_done);
    while (*t) {
        const char *end = strstr(t, ", ");
        size_t n = end ? (size_t)(end - t) : strlen(t);
        char one[200];

        snprintf(one, sizeof one, "%.*s", (int)n, t);
        model_menu_add(&a->dlg.menu, one, 0);
        t += n + (end ? 2 : 0);
    }
}

static void
comment_done(struct app *a, bool ok)
{
    struct cs_error err;

    if (!ok) {
        app_message(a, "%s", _("Nothing changed."));
        return;
    }
    cs_error_clear(&err);
    if (model_idea_comment(&a->idea, tui_edit_text(&a->dlg.edit), &err)
        != CS_OK)
        app_error(a, &err);
    else
        app_message(a, "%s", _("Remark added."));
}

/* The second key of a merge: the number of a similar idea. */
static bool
merge_key(struct app *a, int key)
{
    struct cs_error err;
    int64_t into = 0, id = a->idea.id;

    a->merge_pending = false;
    if (key < '1' || key > '9') {
        app_message(a, "%s", _("No merge."));
        return false;
    }
    cs_error_clear(&err);
    if (model_idea_merge(&a->idea, key - '0', &into, &err) != CS_OK) {
        if (err.code == CS_ESTALE)
            app_stale(a, &err, STALE_MERGE, 0, NULL,
                      model_idea_similar(&a->idea, key - '0'),
                      redo_here(a));
        else
            app_error(a, &err);
        return false;
    }
    app_message(a, _("Idea %lld merged into idea %lld: its support counts "
                     "there now."), (long long)id, (long long)into);
    return true;
}

bool
screen_idea_common(struct app *a, enum tui_action act)
{
    struct cs_error err;
    char what[64];

    snprintf(what, sizeof what, _("idea %lld"), (long long)a->idea.id);
    switch (act) {
    case TUI_ACT_TAG:
        app_prompt(a, _("Tag: "), "", 0, 0, tag_done, NULL);
        return true;
    case TUI_ACT_UNTAG:
        untag(a);
        return true;
    case TUI_ACT_HIDE:
        app_ask_text(a, what, CS_STATUS_HIDDEN, a->idea.idea.hidden_reason,
                     a->idea.id, status_done);
        return true;
    case TUI_ACT_COMMENT:
        {
            char title[128];

            snprintf(title, sizeof title, _("Remark on idea %lld"),
                     (long long)a->idea.id);
            app_editor(a, title, "", 0, 0, comment_done);
        }
        return true;
    case TUI_ACT_MERGE:
        if (a->idea.similar == NULL || a->idea.similar->count == 0) {
            app_message(a, "%s", _("No similar idea to merge into."));
            return true;
        }
        a->merge_pending = true;
        return true;
    case TUI_ACT_UNMERGE:
        cs_error_clear(&err);
        if (model_idea_unmerge(&a->idea, &err) != CS_OK) {
            if (err.code == CS_ESTALE)
                app_stale(a, &err, STALE_UNMERGE, 0, NULL, 0, redo_here(a));
            else
                app_error(a, &err);
        }
        else
            app_message(a, _("Idea %lld is no longer merged."),
                        (long long)a->idea.id);
        return true;
    case TUI_ACT_UP: case TUI_ACT_DOWN: case TUI_ACT_PGUP: case TUI_ACT_PGDN:
    case TUI_ACT_HOME: case TUI_ACT_END: case TUI_ACT_NEXT_SECTION:
    case TUI_ACT_PREV_SECTION:
        model_idea_apply(&a->idea, act);
        return true;
    default:
        return false;
    }
}

bool
screen_idea_merge_key(struct app *a, int key)
{
    return merge_key(a, key);
}

static void
idea_act(struct app *a, enum tui_action act, int key)
{
    struct cs_error err;
    char what[64];

    if (a->merge_pending) {
        merge_key(a, key);
        return;
    }
    if (!a->idea.loaded) {
        if (act == TUI_ACT_BACK)
            app_pop(a);
        return;
    }
    if (screen_idea_common(a, act))
        return;
    switch (act) {
    case TUI_ACT_BACK:
        app_pop(a);
        break;
    case TUI_ACT_OPEN:
        if (model_idea_link(&a->idea))
            app_push_arg(a, SCR_IDEA, model_idea_link(&a->idea));
        break;
    case TUI_ACT_REFRESH:
        if (model_idea_reload(&a->idea, &err) != CS_OK)
            app_error(a, &err);
        else
            app_message(a, "%s", _("Read again from the database."));
        break;
    case TUI_ACT_STATUS:
        snprintf(what, sizeof what, _("idea %lld"), (long long)a->idea.id);
        app_ask_status(a, what, a->idea.idea.status, a->idea.idea.answer,
                       a->idea.id, status_done);
        break;
    default:
        break;
    }
}

void
screen_idea_draw_page(struct app *a, int *cy, int *cx)
{
    struct tui_row rows[256];
    int cur = 0;
    size_t n = model_idea_rows(&a->idea, rows, 256, &cur);

    for (size_t i = 0; i < n; i++)
        term_text(1 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
    *cy = 1 + cur;
    *cx = 0;
}

static void
idea_draw(struct app *a, int *cy, int *cx)
{
    char line[TUI_ROW_BYTES];

    model_idea_header(&a->idea, line, sizeof line);
    term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
    screen_idea_draw_page(a, cy, cx);
}

static void
idea_click(struct app *a, int line)
{
    if (a->idea.loaded && line >= 1)
        model_idea_click(&a->idea, line - 1);
}

const struct screen screen_idea = {
    &tui_keys_idea, idea_enter, idea_act, idea_resize, idea_draw,
    idea_click,
};
