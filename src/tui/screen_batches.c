/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_batches.c: the paper batches of the consultation, each with its
 * forms keyed against the control total and, for a double-entry batch,
 * those verified and disputed. Enter shows the selected batch's disputed
 * forms (screen_disputes.c), a keys its forms in the entry form, c closes
 * it: a batch whose count differs closes only with a reason, which only
 * an admin may give (the core says). Opened from the ideas list.
 */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "model_batches.h"
#include "term.h"

struct batches_screen {
    struct model_batches batches;
    struct dialog dlg;          /* close? or its reason */
    bool loaded;
};

static void
batches_load(struct app *a, struct batches_screen *s)
{
    struct cs_error err;

    cs_error_clear(&err);
    if (!s->loaded) {
        if (model_batches_load(&s->batches, a->db, a->cons_id, a->cons_code,
                               &err) != CS_OK) {
            app_error(a, &err);
            return;
        }
        s->loaded = true;
    } else if (model_batches_reload(&s->batches, &err) != CS_OK) {
        app_error(a, &err);
    }
}

static void
batches_open(struct app *a, void *st, int64_t arg)
{
    struct batches_screen *s = st;

    (void)arg;
    dialog_init(&s->dlg);
    batches_load(a, s);
    if (s->loaded && s->batches.list->count == 0)
        app_message(a, "%s", _("No paper batch yet: `consult batch add` "
                               "makes one."));
}

static void
batches_reload(struct app *a, void *st)
{
    batches_load(a, st);
}

static void
batches_close(struct app *a, void *st)
{
    struct batches_screen *s = st;

    (void)a;
    model_batches_free(&s->batches);
    dialog_clear(&s->dlg);
}

static void
closed(struct app *a, struct batches_screen *s, const char *reason)
{
    const struct cs_batch *b = model_batches_selected(&s->batches);
    struct cs_error err;
    int64_t id = b ? b->id : 0;

    cs_error_clear(&err);
    if (model_batches_close(&s->batches, reason, &err) != CS_OK)
        app_error(a, &err);
    else
        app_message(a, _("Batch %lld closed: no form is keyed into it "
                         "now."), (long long)id);
}

static void
close_done(struct app *a, void *owner, enum dlg_result r)
{
    struct batches_screen *s = owner;
    char reason[512] = "";
    bool line = s->dlg.kind == DLG_LINE;

    if (r != DLG_OK) {
        dialog_clear(&s->dlg);
        app_message(a, "%s", _("The batch stays open."));
        return;
    }
    if (line)
        snprintf(reason, sizeof reason, "%s", dialog_text(&s->dlg));
    dialog_clear(&s->dlg);
    closed(a, s, line ? reason : NULL);
}

/* Close the selected batch: a yes or no when its count matches, its
 * reason otherwise (an admin's: anyone else is told at once). */
static void
ask_close(struct app *a, struct batches_screen *s)
{
    const struct cs_batch *b = model_batches_selected(&s->batches);
    char about[512];

    if (b == NULL) {
        app_message(a, "%s", _("This consultation has no paper batch."));
        return;
    }
    if (b->closed_at) {
        app_message(a, _("Batch %lld is closed already."),
                    (long long)b->id);
        return;
    }
    if (!model_batches_needs_reason(&s->batches)) {
        snprintf(about, sizeof about, _("Close batch %lld? (y/n) "),
                 (long long)b->id);
        dialog_confirm(&s->dlg, "", NULL, about, false);
        app_dialog(a, &s->dlg, s, close_done);
        return;
    }
    if (!cs_db_can(a->db, CS_OP_BATCH_CLOSE_DIFF)) {
        app_message(a, _("Batch %lld has %lld forms keyed of %lld: only an "
                         "admin may close it, with a reason."),
                    (long long)b->id, (long long)b->keyed,
                    (long long)b->expected);
        a->msg_error = true;
        return;
    }
    snprintf(about, sizeof about,
             _("%lld keyed of %lld: why close batch %lld? "),
             (long long)b->keyed, (long long)b->expected, (long long)b->id);
    dialog_line(&s->dlg, about, "");
    app_dialog(a, &s->dlg, s, close_done);
}

static void
batches_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct batches_screen *s = st;
    const struct cs_batch *b = model_batches_selected(&s->batches);

    (void)key;
    switch (act) {
    case TUI_ACT_BACK:
        app_pop(a);
        return;
    case TUI_ACT_REFRESH:
        batches_load(a, s);
        return;
    case BATCHES_ACT_CLOSE:
        ask_close(a, s);
        return;
    case TUI_ACT_ADD:
        if (b == NULL) {
            app_message(a, "%s", _("This consultation has no paper "
                                   "batch."));
            return;
        }
        if (b->closed_at) {
            app_message(a, _("Batch %lld is closed: no form is keyed into "
                             "it."), (long long)b->id);
            a->msg_error = true;
            return;
        }
        /* The entry form takes the batch when it opens. */
        a->start_batch = b->id;
        app_push(a, tui_form_screen, 0);
        return;
    default:
        model_batches_apply(&s->batches, act, app_body_rows(a, 2));
        return;
    }
}

static void
batches_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct batches_screen *s = st;
    struct tui_row rows[128];
    char line[TUI_ROW_BYTES];
    int cursor = 0;
    size_t n;

    model_batches_header(&s->batches, line, sizeof line);
    n = model_batches_rows(&s->batches, a->cols, rows,
                           app_rows_shown(a, sizeof rows / sizeof rows[0]),
                           &cursor);
    app_draw_rows(a, line, rows, n);
    if (n <= 1)
        term_text(2, 0, _("This consultation has no paper batch."), a->cols,
                  TUI_STYLE_NORMAL);
    *cy = 1 + cursor;
    *cx = 0;
}

static int64_t
batches_selected(struct app *a, void *st)
{
    struct batches_screen *s = st;
    const struct cs_batch *b = model_batches_selected(&s->batches);

    if (b == NULL)
        app_message(a, "%s", _("This consultation has no paper batch."));
    return b ? b->id : 0;
}

static void
batches_click(struct app *a, void *st, int line)
{
    struct batches_screen *s = st;
    size_t i;

    (void)a;
    if (line < 2 || s->batches.list == NULL)
        return;
    i = s->batches.top + (size_t)(line - 2);
    if (i < s->batches.list->count)
        s->batches.sel = i;
}

const struct screen screen_batches = {
    .size = sizeof(struct batches_screen),
    .open = batches_open,
    .enter = batches_reload,
    .key = batches_key,
    .draw = batches_draw,
    .refresh = batches_reload,
    .click = batches_click,
    .selected = batches_selected,
    .close = batches_close,
};
