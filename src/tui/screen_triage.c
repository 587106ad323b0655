/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_triage.c: triage mode: the new ideas of the consultation one by
 * one, each on its own page, one key per decision (reviewing, accept,
 * reject, implemented with the answer editor, hide with a reason, merge
 * into a similar idea, skip), then straight on to the next.
 */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "model_keys.h"
#include "term.h"

/* Show the queue's current idea on the page. */
static void
show_current(struct app *a)
{
    struct cs_error err;

    if (a->triage.current == 0) {
        model_idea_free(&a->idea);
        return;
    }
    if (model_idea_open(&a->idea, a->db, a->triage.current, a->cols,
                        app_body_rows(a, 1), &err) != CS_OK)
        app_error(a, &err);
}

static void
triage_enter(struct app *a)
{
    struct cs_error err;

    if (!a->triage_open || a->triage.cons_id != a->cons_id) {
        if (model_triage_start(&a->triage, a->db, a->cons_id, &err)
            != CS_OK) {
            app_error(a, &err);
            return;
        }
        a->triage_open = true;
    }
    show_current(a);
}

static void
triage_resize(struct app *a)
{
    if (a->triage_open && a->idea.loaded)
        model_idea_resize(&a->idea, a->cols, app_body_rows(a, 1));
}

static void
moved_on(struct app *a, int64_t was, const char *done)
{
    show_current(a);
    if (a->triage.current)
        app_message(a, _("Idea %lld %s; here is idea %lld."),
                    (long long)was, done, (long long)a->triage.current);
    else
        app_message(a, _("Idea %lld %s; no new idea is left."),
                    (long long)was, done);
}

static void
decided(struct app *a, enum cs_status to, const char *text)
{
    struct cs_error err;
    int64_t was = a->triage.current;
    char done[128];

    cs_error_clear(&err);
    /* Decided on the page shown: its version. */
    if (model_triage_decide(&a->triage,
                            a->idea.loaded && a->idea.id == was
                                ? a->idea.idea.version : 0,
                            to, text, &err) != CS_OK) {
        app_status_failed(a, &err, to, text);
        return;
    }
    /* TRANSLATORS: completes "Idea 12 ...; here is idea 13." */
    snprintf(done, sizeof done, _("is now %s"), cs_status_label(to));
    moved_on(a, was, done);
}

void
screen_triage_redo(struct app *a)
{
    struct cs_error err;
    int64_t was = a->triage.current;
    enum stale_op op = a->stale.op;
    enum cs_rc rc;
    char done[128];

    cs_error_clear(&err);
    if (op == STALE_STATUS)
        rc = model_triage_decide(&a->triage, a->stale.d.version,
                                 a->stale.to, a->stale.text, &err);
    else
        rc = model_idea_redo(&a->idea, &a->stale, &err);
    if (rc == CS_ESTALE) {
        if (op == STALE_STATUS) {
            int64_t tried = a->stale.d.version;

            /* Changed once more: show the newest change. */
            model_idea_reload(&a->idea, NULL);
            app_stale(a, &err, op, a->stale.to, a->stale.text, 0,
                      screen_triage_redo);
            a->stale.shown = tried;
        } else {
            a->dlg.kind = DLG_STALE;
            model_stale_title(&a->stale, a->dlg.title, sizeof a->dlg.title);
            app_error(a, &err);
        }
        return;
    }
    if (rc != CS_OK) {
        app_error(a, &err);
        return;
    }
    if (op == STALE_STATUS) {
        /* TRANSLATORS: completes "Idea 12 ...; here is idea 13." */
        snprintf(done, sizeof done, _("is now %s"),
                 cs_status_label(a->stale.to));
        model_stale_forget(&a->stale);
        moved_on(a, was, done);
    } else if (op == STALE_MERGE) {
        if (model_triage_done(&a->triage, &err) != CS_OK)
            app_error(a, &err);
        else
            moved_on(a, was, _("is merged"));
    } else {
        app_message(a, _("Saved anyway on idea %lld."), (long long)was);
    }
}

static void
decide(struct app *a, enum cs_status to)
{
    char what[64];

    snprintf(what, sizeof what, _("idea %lld"),
             (long long)a->triage.current);
    app_ask_text(a, what, to, NULL, a->triage.current, decided);
}

static void
triage_act(struct app *a, enum tui_action act, int key)
{
    struct cs_error err;
    int64_t was = a->triage.current;

    if (!a->triage_open) {
        if (act == TUI_ACT_BACK)
            app_pop(a);
        return;
    }
    if (a->merge_pending) {
        if (screen_idea_merge_key(a, key)) {
            if (model_triage_done(&a->triage, &err) != CS_OK)
                app_error(a, &err);
            else
                moved_on(a, was, _("is merged"));
        }
        return;
    }
    if (act == TUI_ACT_BACK) {
        app_pop(a);
        return;
    }
    if (a->triage.current == 0) {
        /* The queue is done: Enter (or Skip) starts it again. */
        if (act == TUI_ACT_OPEN || act == TUI_ACT_SKIP) {
            if (model_triage_restart(&a->triage, &err) != CS_OK)
                app_error(a, &err);
            show_current(a);
        }
        return;
    }
    switch (act) {
    case TUI_ACT_REVIEW:
        decided(a, CS_STATUS_REVIEWING, NULL);
        break;
    case TUI_ACT_ACCEPT:
        decide(a, CS_STATUS_ACCEPTED);
        break;
    case TUI_ACT_REJECT:
        decide(a, CS_STATUS_REJECTED);
        break;
    case TUI_ACT_IMPLEMENT:
        decide(a, CS_STATUS_IMPLEMENTED);
        break;
    case TUI_ACT_HIDE:
        decide(a, CS_STATUS_HIDDEN);
        break;
    case TUI_ACT_TEMPLATES:
        app_push(a, SCR_TEMPLATES);
        break;
    case TUI_ACT_SKIP:
        if (model_triage_next(&a->triage, true, &err) != CS_OK)
            app_error(a, &err);
        else
            moved_on(a, was, _("stays new"));
        break;
    default:
        screen_idea_common(a, act);
        break;
    }
}

static void
triage_draw(struct app *a, int *cy, int *cx)
{
    char line[TUI_ROW_BYTES];

    *cy = 1;
    *cx = 0;
    if (!a->triage_open) {
        term_text(0, 0, _("Triage"), a->cols, TUI_STYLE_TITLE);
        return;
    }
    if (a->triage.current == 0) {
        snprintf(line, sizeof line, _("Triage %s  |  done  |  %zu decided, "
                                      "%zu skipped"), a->cons_code,
                 a->triage.decided, a->triage.skipped);
        term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
        term_text(1, 0, _("No new idea is left in this consultation."),
                  a->cols, TUI_STYLE_HEADING);
        if (a->triage.skipped)
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
             a->cons_code, (long long)a->triage.current,
             (long long)a->triage.left, a->triage.decided,
             a->triage.skipped);
    term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
    screen_idea_draw_page(a, cy, cx);
}

static void
triage_click(struct app *a, int line)
{
    if (a->triage_open && a->idea.loaded && line >= 1)
        model_idea_click(&a->idea, line - 1);
}

const struct screen screen_triage = {
    &tui_keys_triage, triage_enter, triage_act, triage_resize, triage_draw,
    triage_click,
};
