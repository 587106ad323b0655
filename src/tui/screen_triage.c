/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_triage.c: triage mode: the new ideas of the consultation one by
 * one, each on its own page, one key per decision (reviewing, accept,
 * reject, implemented with the answer editor, hide with a reason, merge
 * into another idea, skip), then straight on to the next.
 */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "model_triage.h"
#include "page_idea.h"
#include "term.h"


struct triage_screen {
    struct model_triage triage; /* the queue */
    bool open;                  /* the queue was read */
    struct idea_page page;      /* the current idea's page */
};

/* Show the queue's current idea on the page. */
static void
show_current(struct app *a, struct triage_screen *s)
{
    struct cs_error err;

    model_idea_free(&s->page.idea);
    if (s->triage.current == 0)
        return;
    if (model_idea_open(&s->page.idea, a->db, s->triage.current, a->cols,
                        app_body_rows(a, 1), &err) != CS_OK)
        app_error(a, &err);
}

static void
moved_on(struct app *a, struct triage_screen *s, int64_t was,
         const char *done)
{
    show_current(a, s);
    if (s->triage.current)
        app_message(a, _("Idea %lld %s; here is idea %lld."),
                    (long long)was, done, (long long)s->triage.current);
    else
        app_message(a, _("Idea %lld %s; no new idea is left."),
                    (long long)was, done);
}

static void
apply_status(struct app *a, struct idea_page *p)
{
    struct triage_screen *s = p->owner;
    struct cs_error err;
    int64_t was = s->triage.current;
    enum cs_status to = p->status.to;
    char done[128];

    cs_error_clear(&err);
    /* Decided on the page shown: its version. */
    if (model_triage_decide(&s->triage,
                            p->idea.loaded && p->idea.id == was
                                ? p->idea.idea.version : 0,
                            to, p->status.text, &err) != CS_OK) {
        idea_page_status_failed(a, p, &err);
        return;
    }
    model_status_free(&p->status);
    /* TRANSLATORS: completes "Idea 12 ...; here is idea 13." */
    snprintf(done, sizeof done, _("is now %s"), cs_status_label(to));
    moved_on(a, s, was, done);
}

static void
apply_merge(struct app *a, struct idea_page *p)
{
    struct triage_screen *s = p->owner;
    struct cs_error err;
    int64_t was = s->triage.current, into = p->merge.into;
    char done[128];

    model_merge_free(&p->merge);
    cs_error_clear(&err);
    if (model_idea_merge(&p->idea, into, &err) != CS_OK) {
        if (!idea_page_refused(a, p, &err, STALE_MERGE, 0, NULL, into))
            app_error(a, &err);
        return;
    }
    if (model_triage_done(&s->triage, &err) != CS_OK) {
        app_error(a, &err);
        return;
    }
    /* TRANSLATORS: completes "Idea 12 ...; here is idea 13." */
    snprintf(done, sizeof done, _("is merged into idea %lld"),
             (long long)into);
    moved_on(a, s, was, done);
}

/* "Apply anyway" in triage mode: a status decides and moves on. */
static void
redo(struct app *a, struct idea_page *p)
{
    struct triage_screen *s = p->owner;
    struct cs_error err;
    int64_t was = s->triage.current;
    enum stale_op op = p->stale.op;
    enum cs_status to = p->stale.to;
    int64_t into = p->stale.into;
    enum cs_rc rc;
    char done[128];

    cs_error_clear(&err);
    if (op == STALE_STATUS)
        rc = model_triage_decide(&s->triage, p->stale.d.version, to,
                                 p->stale.text, &err);
    else
        rc = model_idea_redo(&p->idea, &p->stale, &err);
    if (rc == CS_ESTALE) {
        if (op == STALE_STATUS) {
            int64_t tried = p->stale.d.version;

            /* Changed once more: show the newest change. */
            model_idea_reload(&p->idea, NULL);
            model_stale_refused(&p->stale, a->db, p->idea.id, tried, op,
                                to, p->stale.text, 0, NULL);
        }
        idea_page_show_refusal(a, p, &err);
        return;
    }
    if (rc != CS_OK) {
        app_error(a, &err);
        return;
    }
    if (op == STALE_STATUS) {
        /* TRANSLATORS: completes "Idea 12 ...; here is idea 13." */
        snprintf(done, sizeof done, _("is now %s"), cs_status_label(to));
        model_stale_forget(&p->stale);
        moved_on(a, s, was, done);
    } else if (op == STALE_MERGE) {
        if (model_triage_done(&s->triage, &err) != CS_OK) {
            app_error(a, &err);
            return;
        }
        /* TRANSLATORS: completes "Idea 12 ...; here is idea 13." */
        snprintf(done, sizeof done, _("is merged into idea %lld"),
                 (long long)into);
        moved_on(a, s, was, done);
    } else {
        app_message(a, _("Saved anyway on idea %lld."), (long long)was);
    }
}

static void
triage_refresh(struct app *a, void *st)
{
    struct triage_screen *s = st;

    if (s->open)
        idea_page_refresh(a, &s->page);
}

static void
triage_open(struct app *a, void *st, int64_t arg)
{
    struct triage_screen *s = st;
    struct cs_error err;

    (void)arg;
    idea_page_init(&s->page, apply_status, apply_merge, redo, s);
    if (model_triage_start(&s->triage, a->db, a->cons_id, &err) != CS_OK) {
        app_error(a, &err);
        return;
    }
    s->open = true;
    show_current(a, s);
}

static void
triage_enter(struct app *a, void *st)
{
    struct triage_screen *s = st;

    if (s->open)
        show_current(a, s);
}

static void
triage_close(struct app *a, void *st)
{
    struct triage_screen *s = st;

    (void)a;
    idea_page_free(&s->page);
}

static void
triage_resize(struct app *a, void *st)
{
    struct triage_screen *s = st;

    if (s->page.idea.loaded)
        model_idea_resize(&s->page.idea, a->cols, app_body_rows(a, 1));
}

static void
triage_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct triage_screen *s = st;
    struct cs_error err;
    int64_t was = s->triage.current;

    (void)key;
    if (act == TUI_ACT_BACK) {
        app_pop(a);
        return;
    }
    if (!s->open)
        return;
    if (s->triage.current == 0) {
        /* The queue is done: Enter (or Skip) starts it again. */
        if (act == TUI_ACT_OPEN || act == TRIAGE_ACT_SKIP) {
            if (model_triage_restart(&s->triage, &err) != CS_OK)
                app_error(a, &err);
            show_current(a, s);
        }
        return;
    }
    switch (act) {
    case TRIAGE_ACT_REVIEW:
        idea_page_ask_status(a, &s->page, CS_STATUS_REVIEWING, NULL);
        break;
    case TRIAGE_ACT_ACCEPT:
        idea_page_ask_status(a, &s->page, CS_STATUS_ACCEPTED, NULL);
        break;
    case TRIAGE_ACT_REJECT:
        idea_page_ask_status(a, &s->page, CS_STATUS_REJECTED, NULL);
        break;
    case TRIAGE_ACT_IMPLEMENT:
        idea_page_ask_status(a, &s->page, CS_STATUS_IMPLEMENTED, NULL);
        break;
    case TUI_ACT_HIDE:
        idea_page_ask_status(a, &s->page, CS_STATUS_HIDDEN, NULL);
        break;
    case TRIAGE_ACT_SKIP:
        if (model_triage_next(&s->triage, true, &err) != CS_OK)
            app_error(a, &err);
        else
            moved_on(a, s, was, _("stays new"));
        break;
    default:
        if (s->page.idea.loaded)
            idea_page_key(a, &s->page, act);
        break;
    }
}

static void
triage_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct triage_screen *s = st;
    struct model_triage *t = &s->triage;
    char line[TUI_ROW_BYTES];

    *cy = 1;
    *cx = 0;
    if (!s->open) {
        term_text(0, 0, _("Triage"), a->cols, TUI_STYLE_TITLE);
        return;
    }
    if (t->current == 0) {
        snprintf(line, sizeof line, _("Triage %s  |  done  |  %zu decided, "
                                      "%zu skipped"), a->cons_code,
                 t->decided, t->skipped);
        term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
        term_text(1, 0, _("No new idea is left in this consultation."),
                  a->cols, TUI_STYLE_HEADING);
        if (t->skipped)
            term_text(2, 0, _("Press Enter to go through the skipped ones "
                              "again, or Esc to go back."), a->cols,
                      TUI_STYLE_NORMAL);
        else
            term_text(2, 0, _("Press Esc to go back."), a->cols,
                      TUI_STYLE_NORMAL);
        return;
    }
    snprintf(line, sizeof line, _("Triage %s  |  idea %lld  |  %lld new "
                                  "left  |  %zu decided, %zu skipped"),
             a->cons_code, (long long)t->current, (long long)t->left,
             t->decided, t->skipped);
    term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
    idea_page_draw(a, &s->page, cy, cx);
}

static void
triage_click(struct app *a, void *st, int line)
{
    struct triage_screen *s = st;

    if (s->open)
        idea_page_click(a, &s->page, line);
}

const struct screen screen_triage = {
    .size = sizeof(struct triage_screen),
    .open = triage_open,
    .enter = triage_enter,
    .key = triage_key,
    .draw = triage_draw,
    .resize = triage_resize,
    .refresh = triage_refresh,
    .click = triage_click,
    .close = triage_close,
};
