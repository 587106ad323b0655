/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_export.c: the export screen, opened from the ideas list (E). A
 * line per choice (kind, consultation, what goes out, profile, Excel,
 * French headers, file name); Enter or Space changes the line on the
 * cursor (a list to choose from, a box to tick, the name to type); s
 * exports what the ideas list shows (its filters, search and order), or
 * everything again; F2 or e writes the file and its manifest, and says
 * where it is and how many rows it holds; v checks it against its
 * manifest. Every rule is the core's: the model (model_export.c) calls
 * cs_export_file and cs_export_verify.
 */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "model_export.h"
#include "model_ideas.h"
#include "term.h"

enum export_ask { ASK_KIND, ASK_CONS, ASK_PROFILE, ASK_FILE };

struct export_screen {
    struct model_export m;
    struct dialog dlg;
    enum export_ask asking;
};

static void
export_open(struct app *a, void *st, int64_t arg)
{
    struct export_screen *s = st;
    const struct model_ideas_view *view;
    struct cs_error err;

    (void)arg;
    dialog_init(&s->dlg);
    model_export_init(&s->m, a->db, a->cons_code, a->cols);
    /* What the ideas list showed when E was pressed. */
    view = app_memo(a, tui_ideas_screen);
    cs_error_clear(&err);
    if (view && view->kept && view->cons_id == a->cons_id
        && model_export_view(&s->m, view, a->cons_code, &err) != CS_OK)
        app_error(a, &err);
}

static void
export_close(struct app *a, void *st)
{
    struct export_screen *s = st;

    (void)a;
    model_export_free(&s->m);
    dialog_clear(&s->dlg);
}

static void
export_resize(struct app *a, void *st)
{
    struct export_screen *s = st;

    s->m.width = a->cols;
}

static void asked(struct app *a, void *owner, enum dlg_result r);

static void
ask(struct app *a, struct export_screen *s, enum export_ask what)
{
    struct cs_error err;

    s->asking = what;
    switch (what) {
    case ASK_KIND:
        dialog_pick(&s->dlg, _("Which export?"), DLG_DIGITS_LINE, NULL);
        model_export_kind_menu(&s->m, &s->dlg.menu);
        break;
    case ASK_CONS:
        dialog_pick(&s->dlg, _("Of which consultation?"), DLG_DIGITS_LINE,
                    NULL);
        cs_error_clear(&err);
        if (model_export_cons_menu(&s->m, &s->dlg.menu, &err) != CS_OK) {
            dialog_clear(&s->dlg);
            app_error(a, &err);
            return;
        }
        break;
    case ASK_PROFILE:
        dialog_pick(&s->dlg, _("Which personal data go out?"),
                    DLG_DIGITS_LINE, NULL);
        model_export_profile_menu(&s->m, &s->dlg.menu);
        break;
    case ASK_FILE:
        dialog_line(&s->dlg, _("File name: "), s->m.file);
        break;
    }
    app_dialog(a, &s->dlg, s, asked);
}

static void
asked(struct app *a, void *owner, enum dlg_result r)
{
    struct export_screen *s = owner;

    (void)a;
    if (r == DLG_CANCEL) {
        dialog_clear(&s->dlg);
        return;
    }
    if (r != DLG_OK)
        return;
    switch (s->asking) {
    case ASK_KIND:
        model_export_set_kind(&s->m,
                              (enum cs_export_kind)dialog_value(&s->dlg));
        break;
    case ASK_CONS:
        model_export_cons_chosen(&s->m, dialog_value(&s->dlg));
        break;
    case ASK_PROFILE:
        model_export_set_profile(&s->m,
            (enum cs_export_profile)dialog_value(&s->dlg));
        break;
    case ASK_FILE:
        model_export_set_file(&s->m, dialog_text(&s->dlg));
        break;
    }
    dialog_clear(&s->dlg);
}

static void
change(struct app *a, struct export_screen *s)
{
    switch ((enum model_export_line)s->m.line) {
    case EXPORT_LINE_KIND:
        ask(a, s, ASK_KIND);
        return;
    case EXPORT_LINE_CONS:
        ask(a, s, ASK_CONS);
        return;
    case EXPORT_LINE_PROFILE:
        ask(a, s, ASK_PROFILE);
        return;
    case EXPORT_LINE_FILE:
        ask(a, s, ASK_FILE);
        return;
    case EXPORT_LINE_WHAT:
        if (!model_export_toggle(&s->m))
            app_message(a, "%s", _("Open the export from the ideas list "
                                   "(E) to export what it shows."));
        return;
    default:
        model_export_toggle(&s->m);
        return;
    }
}

static void
export_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct export_screen *s = st;
    struct cs_error err;

    (void)key;
    cs_error_clear(&err);
    switch (act) {
    case TUI_ACT_BACK:
        app_pop(a);
        return;
    case TUI_ACT_OPEN:
        change(a, s);
        return;
    case EXPORT_ACT_SHOWN:
        if (!model_export_toggle_shown(&s->m))
            app_message(a, "%s", _("Open the export from the ideas list "
                                   "(E) to export what it shows."));
        return;
    case EXPORT_ACT_RUN:
        if (model_export_run(&s->m, &err) != CS_OK)
            app_error(a, &err);
        else
            app_message(a, "%s", _("Exported. v checks the file against "
                                   "its manifest."));
        return;
    case EXPORT_ACT_VERIFY:
        if (model_export_verify(&s->m, &err) != CS_OK)
            app_error(a, &err);
        else
            app_message(a, "%s", s->m.check_msg);
        return;
    default:
        model_export_apply(&s->m, act);
        return;
    }
}

static void
export_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct export_screen *s = st;
    struct tui_row rows[32];
    char line[TUI_ROW_BYTES];
    int cursor = 0;
    size_t n;

    model_export_header(&s->m, line, sizeof line);
    n = model_export_rows(&s->m, rows,
                          app_rows_shown(a, sizeof rows / sizeof rows[0]),
                          &cursor);
    app_draw_rows(a, line, rows, n);
    *cy = 1 + cursor;
    *cx = 0;
}

const struct screen screen_export = {
    .size = sizeof(struct export_screen),
    .open = export_open,
    .key = export_key,
    .draw = export_draw,
    .resize = export_resize,
    .close = export_close,
};
