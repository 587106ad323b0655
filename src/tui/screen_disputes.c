/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_disputes.c: the disputed forms of a double-entry batch, field
 * by field, the two entries' values side by side with who keyed each
 * (model_disputes.h). 1 settles the field on the cursor with the first
 * value, 2 with the second, t with another value typed; each is the
 * core's call (cs_batch_resolve), which checks who may and audits it.
 * Opened from the paper batches screen about the selected batch.
 */
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_disputes.h"
#include "term.h"

#define DISPUTE_ROWS 128

struct disputes_screen {
    struct model_disputes m;
    struct dialog dlg;          /* another value, typed */
    bool loaded;
};

static void
disputes_open(struct app *a, void *st, int64_t arg)
{
    struct disputes_screen *s = st;
    struct cs_error err;

    dialog_init(&s->dlg);
    cs_error_clear(&err);
    if (model_disputes_load(&s->m, a->db, arg, &err) != CS_OK) {
        app_error(a, &err);
        return;
    }
    s->loaded = true;
    if (s->m.batch.double_entry && model_disputes_count(&s->m) > 0)
        app_message(a, "%s", _("1 takes the first value, 2 the second, t "
                               "another you type."));
}

static void
disputes_reload(struct app *a, void *st)
{
    struct disputes_screen *s = st;
    struct cs_error err;

    if (!s->loaded)
        return;
    cs_error_clear(&err);
    if (model_disputes_reload(&s->m, &err) != CS_OK)
        app_error(a, &err);
}

static void
disputes_close(struct app *a, void *st)
{
    struct disputes_screen *s = st;

    (void)a;
    model_disputes_free(&s->m);
    dialog_clear(&s->dlg);
}

/* Say what settling did: the next field, or the batch done. */
static void
settled(struct app *a, struct disputes_screen *s, const char *field,
        const char *ref)
{
    if (model_disputes_count(&s->m) == 0)
        app_message(a, _("%s of form %s settled: nothing is left to settle "
                         "in this batch."), field, ref);
    else
        app_message(a, _("%s of form %s settled; %zu left."), field, ref,
                    model_disputes_count(&s->m));
}

static void
settle(struct app *a, struct disputes_screen *s, enum dispute_pick pick,
       const char *value)
{
    const struct cs_batch_diff_item *it = model_disputes_selected(&s->m);
    char field[128], ref[128];
    struct cs_error err;

    if (it == NULL) {
        app_message(a, "%s", _("No field is left to settle in this "
                               "batch."));
        return;
    }
    snprintf(field, sizeof field, "%s", model_disputes_label(it->field));
    snprintf(ref, sizeof ref, "%s", it->form_ref);
    cs_error_clear(&err);
    if (model_disputes_settle(&s->m, pick, value, &err) != CS_OK)
        app_error(a, &err);
    else
        settled(a, s, field, ref);
}

static void
typed_done(struct app *a, void *owner, enum dlg_result r)
{
    struct disputes_screen *s = owner;
    const struct cs_batch_diff_item *it = model_disputes_selected(&s->m);
    char field[128], ref[128], *value;
    struct cs_error err;

    if (r != DLG_OK || it == NULL) {
        dialog_clear(&s->dlg);
        app_message(a, "%s", _("Nothing settled."));
        return;
    }
    snprintf(field, sizeof field, "%s", model_disputes_label(it->field));
    snprintf(ref, sizeof ref, "%s", it->form_ref);
    value = strdup(dialog_text(&s->dlg));
    if (value == NULL) {
        app_message(a, "%s", _("Out of memory."));
        return;
    }
    cs_error_clear(&err);
    if (model_disputes_settle(&s->m, DISPUTE_OTHER, value, &err) != CS_OK) {
        /* What was typed stays, to correct it. */
        char title[sizeof s->dlg.title];

        app_error(a, &err);
        if (s->dlg.kind == DLG_EDITOR) {
            snprintf(title, sizeof title, "%s", s->dlg.title);
            dialog_editor(&s->dlg, title, NULL, value);
        } else {
            snprintf(title, sizeof title, "%s", s->dlg.label);
            dialog_line(&s->dlg, title, value);
        }
        snprintf(s->dlg.note, sizeof s->dlg.note, "%s", err.msg);
        app_dialog(a, &s->dlg, s, typed_done);
    } else {
        dialog_clear(&s->dlg);
        settled(a, s, field, ref);
    }
    free(value);
}

/* Another value: a line, or the editor for the text. */
static void
ask_other(struct app *a, struct disputes_screen *s)
{
    const struct cs_batch_diff_item *it = model_disputes_selected(&s->m);
    char label[256];

    if (it == NULL) {
        app_message(a, "%s", _("No field is left to settle in this "
                               "batch."));
        return;
    }
    if (strcmp(it->field, "body") == 0) {
        snprintf(label, sizeof label, _("Text of form %s"), it->form_ref);
        dialog_editor(&s->dlg, label, NULL, it->first);
    } else {
        snprintf(label, sizeof label, _("%s of form %s: "),
                 model_disputes_label(it->field), it->form_ref);
        dialog_line(&s->dlg, label, it->first);
    }
    app_dialog(a, &s->dlg, s, typed_done);
}

static int
body_rows(const struct app *a)
{
    int h = app_body_rows(a, 1);

    return h > 0 ? h : 1;
}

static void
disputes_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct disputes_screen *s = st;

    (void)key;
    switch (act) {
    case TUI_ACT_BACK:
        app_pop(a);
        return;
    case TUI_ACT_REFRESH:
        disputes_reload(a, s);
        return;
    case DISPUTES_ACT_FIRST:
        settle(a, s, DISPUTE_FIRST, NULL);
        return;
    case DISPUTES_ACT_SECOND:
        settle(a, s, DISPUTE_SECOND, NULL);
        return;
    case DISPUTES_ACT_OTHER:
        ask_other(a, s);
        return;
    default:
        model_disputes_apply(&s->m, act, body_rows(a) / 2);
        return;
    }
}

static void
disputes_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct disputes_screen *s = st;
    static struct tui_row rows[DISPUTE_ROWS];
    char line[TUI_ROW_BYTES];
    int cursor = 0, h = body_rows(a);
    size_t n;

    model_disputes_header(&s->m, line, sizeof line);
    term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
    n = model_disputes_rows(&s->m, a->cols,
                            h < DISPUTE_ROWS ? h : DISPUTE_ROWS, rows,
                            DISPUTE_ROWS, &cursor);
    for (size_t i = 0; i < n && (int)i < h; i++)
        term_text(1 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
    *cy = 1 + cursor;
    *cx = 0;
}

const struct screen screen_disputes = {
    .size = sizeof(struct disputes_screen),
    .open = disputes_open,
    .enter = disputes_reload,
    .key = disputes_key,
    .draw = disputes_draw,
    .refresh = disputes_reload,
    .close = disputes_close,
};
