/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_idea.c: an idea's page: keys to model calls (scrolling, sections,
 * status with an official answer, tags, hiding, remarks, merging into any
 * idea, undoing a merge) and the page's lines to the screen (page_idea.h
 * holds what the triage desk shares).
 */
#include "screen.h"

#include <stdio.h>

#include "page_idea.h"
#include "term.h"

struct idea_screen {
    struct idea_page page;
};

static void
apply_status(struct app *a, struct idea_page *p)
{
    struct cs_error err;
    enum cs_status to = p->status.to;

    cs_error_clear(&err);
    if (model_idea_set_status(&p->idea, to, p->status.text, &err) != CS_OK) {
        idea_page_status_failed(a, p, &err);
        return;
    }
    app_message(a, _("Idea %lld is now %s."), (long long)p->idea.id,
                cs_status_label(to));
    model_status_free(&p->status);
}

static void
apply_merge(struct app *a, struct idea_page *p)
{
    struct cs_error err;
    int64_t into = p->merge.into;

    cs_error_clear(&err);
    if (model_idea_merge(&p->idea, into, &err) != CS_OK) {
        if (!idea_page_refused(a, p, &err, STALE_MERGE, 0, NULL, into))
            app_error(a, &err);
    } else
        app_message(a, _("Idea %lld merged into idea %lld: its support "
                         "counts there now. U undoes the merge."),
                    (long long)p->idea.id, (long long)into);
    model_merge_free(&p->merge);
}

/* "Apply anyway": the refused decision on the version now shown. */
static void
redo(struct app *a, struct idea_page *p)
{
    struct cs_error err;
    enum stale_op op = p->stale.op;
    enum cs_status to = p->stale.to;
    int64_t into = p->stale.into;

    cs_error_clear(&err);
    switch (model_idea_redo(&p->idea, &p->stale, &err)) {
    case CS_OK:
        break;
    case CS_ESTALE:
        /* Changed once more: the refusal shows the newest change. */
        idea_page_show_refusal(a, p, &err);
        return;
    default:
        app_error(a, &err);
        return;
    }
    if (op == STALE_STATUS)
        app_message(a, _("Saved anyway: idea %lld is now %s."),
                    (long long)p->idea.id, cs_status_label(to));
    else if (op == STALE_MERGE)
        app_message(a, _("Saved anyway: idea %lld merged into idea %lld."),
                    (long long)p->idea.id, (long long)into);
    else
        app_message(a, _("Saved anyway on idea %lld."),
                    (long long)p->idea.id);
}

static void
idea_refresh(struct app *a, void *st)
{
    struct idea_screen *s = st;

    idea_page_refresh(a, &s->page);
}

static void
idea_open(struct app *a, void *st, int64_t id)
{
    struct idea_screen *s = st;
    struct cs_error err;

    idea_page_init(&s->page, apply_status, apply_merge, redo, s);
    if (model_idea_open(&s->page.idea, a->db, id, a->cols,
                        app_body_rows(a, 1), &err) != CS_OK)
        app_error(a, &err);
}

static void
idea_enter(struct app *a, void *st)
{
    struct idea_screen *s = st;
    struct cs_error err;

    if (s->page.idea.loaded && model_idea_reload(&s->page.idea, &err)
        != CS_OK)
        app_error(a, &err);
}

static void
idea_close(struct app *a, void *st)
{
    struct idea_screen *s = st;

    (void)a;
    idea_page_free(&s->page);
}

static void
idea_resize(struct app *a, void *st)
{
    struct idea_screen *s = st;

    if (s->page.idea.loaded)
        model_idea_resize(&s->page.idea, a->cols, app_body_rows(a, 1));
}

static void
idea_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct idea_screen *s = st;
    struct model_idea *m = &s->page.idea;
    struct cs_error err;

    (void)key;
    if (act == TUI_ACT_BACK) {
        app_pop(a);
        return;
    }
    if (!m->loaded || idea_page_key(a, &s->page, act))
        return;
    switch (act) {
    case TUI_ACT_REFRESH:
        if (model_idea_reload(m, &err) != CS_OK)
            app_error(a, &err);
        else
            app_message(a, "%s", _("Read again from the database."));
        break;
    case TUI_ACT_STATUS:
        idea_page_ask_status(a, &s->page, -1, NULL);
        break;
    default:
        break;
    }
}

static void
idea_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct idea_screen *s = st;
    char line[TUI_ROW_BYTES];

    model_idea_header(&s->page.idea, line, sizeof line);
    term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
    idea_page_draw(a, &s->page, cy, cx);
}

static void
idea_click(struct app *a, void *st, int line)
{
    struct idea_screen *s = st;

    idea_page_click(a, &s->page, line);
}

/* The similar idea on the cursor's line, or 0: another page opens on it. */
static int64_t
idea_selected(struct app *a, void *st)
{
    struct idea_screen *s = st;

    (void)a;
    return s->page.idea.loaded ? model_idea_link(&s->page.idea) : 0;
}

const struct screen screen_idea = {
    .size = sizeof(struct idea_screen),
    .open = idea_open,
    .enter = idea_enter,
    .key = idea_key,
    .draw = idea_draw,
    .resize = idea_resize,
    .refresh = idea_refresh,
    .click = idea_click,
    .selected = idea_selected,
    .close = idea_close,
};
