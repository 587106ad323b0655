/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_themes.c: the themes of the consultation: each with its code,
 * its number of ideas and its title, retired ones marked. Enter gives the
 * selected theme a new title, c a new code, x retires it or offers it
 * again, Delete deletes it (an empty one only: the core says why not);
 * each is the core's call, which checks the role.
 */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "model_themes.h"
#include "term.h"

enum themes_ask { ASK_TITLE, ASK_CODE, ASK_DELETE };

struct themes_screen {
    struct model_themes themes;
    struct dialog dlg;
    enum themes_ask asking;
};

static void
themes_open(struct app *a, void *st, int64_t arg)
{
    struct themes_screen *s = st;
    struct cs_error err;

    (void)arg;
    dialog_init(&s->dlg);
    if (model_themes_load(&s->themes, a->db, a->cons_id, a->cons_code,
                          a->cols, &err) != CS_OK)
        app_error(a, &err);
}

static void
themes_reload(struct app *a, void *st)
{
    struct themes_screen *s = st;
    struct cs_error err;

    if (model_themes_load(&s->themes, a->db, a->cons_id, a->cons_code,
                          a->cols, &err) != CS_OK)
        app_error(a, &err);
}

static void
themes_close(struct app *a, void *st)
{
    struct themes_screen *s = st;

    (void)a;
    model_themes_free(&s->themes);
    dialog_clear(&s->dlg);
}

static void
themes_resize(struct app *a, void *st)
{
    struct themes_screen *s = st;

    s->themes.width = a->cols;
}

static void
asked(struct app *a, void *owner, enum dlg_result r)
{
    struct themes_screen *s = owner;
    const struct cs_theme *t = model_themes_selected(&s->themes);
    struct cs_error err;
    char code[40] = "";
    enum cs_rc rc;

    if (r != DLG_OK || t == NULL) {
        app_message(a, "%s", _("Nothing changed."));
        dialog_clear(&s->dlg);
        return;
    }
    snprintf(code, sizeof code, "%s", t->code);
    cs_error_clear(&err);
    switch (s->asking) {
    case ASK_TITLE:
        rc = model_themes_update(&s->themes, NULL, dialog_text(&s->dlg),
                                 &err);
        break;
    case ASK_CODE:
        rc = model_themes_update(&s->themes, dialog_text(&s->dlg), NULL,
                                 &err);
        break;
    default:
        rc = model_themes_delete(&s->themes, &err);
        break;
    }
    dialog_clear(&s->dlg);
    if (rc != CS_OK)
        app_error(a, &err);
    else if (s->asking == ASK_DELETE)
        app_message(a, _("Theme %s deleted."), code);
    else
        app_message(a, _("Theme %s saved."),
                    model_themes_selected(&s->themes)->code);
}

static void
themes_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct themes_screen *s = st;
    const struct cs_theme *t = model_themes_selected(&s->themes);
    struct cs_error err;
    char label[160];

    (void)key;
    switch (act) {
    case TUI_ACT_BACK:
        app_pop(a);
        return;
    case TUI_ACT_REFRESH:
        themes_reload(a, st);
        return;
    case TUI_ACT_OPEN:
    case THEMES_ACT_CODE:
    case TUI_ACT_DELETE:
        if (t == NULL) {
            app_message(a, "%s", _("This consultation has no themes."));
            return;
        }
        if (act == TUI_ACT_OPEN) {
            s->asking = ASK_TITLE;
            snprintf(label, sizeof label, _("Title of theme %s: "), t->code);
            dialog_line(&s->dlg, label, t->title);
        } else if (act == THEMES_ACT_CODE) {
            s->asking = ASK_CODE;
            snprintf(label, sizeof label, _("New code of theme %s: "),
                     t->code);
            dialog_line(&s->dlg, label, t->code);
        } else {
            s->asking = ASK_DELETE;
            snprintf(label, sizeof label, _("Delete theme %s?"), t->code);
            dialog_confirm(&s->dlg, label, t->title,
                           _("Only a theme without ideas can be deleted. "
                             "Delete it?"), false);
        }
        app_dialog(a, &s->dlg, s, asked);
        return;
    case THEMES_ACT_RETIRE:
        if (t == NULL) {
            app_message(a, "%s", _("This consultation has no themes."));
            return;
        }
        cs_error_clear(&err);
        if (model_themes_toggle_retired(&s->themes, &err) != CS_OK)
            app_error(a, &err);
        else if ((t = model_themes_selected(&s->themes))->retired)
            app_message(a, _("Theme %s retired: its ideas keep it; it is "
                             "offered for no new idea."), t->code);
        else
            app_message(a, _("Theme %s is offered again."), t->code);
        return;
    default:
        model_themes_apply(&s->themes, act, app_body_rows(a, 2) - 1);
        return;
    }
}

static void
themes_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct themes_screen *s = st;
    struct tui_row rows[128];
    char line[TUI_ROW_BYTES];
    int cursor = 0, body = app_body_rows(a, 1);
    size_t n, max = sizeof rows / sizeof rows[0];

    model_themes_header(&s->themes, line, sizeof line);
    term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
    if (body > 0 && (size_t)body < max)
        max = (size_t)body;
    n = model_themes_rows(&s->themes, rows, max, &cursor);
    for (size_t i = 0; i < n; i++)
        term_text(1 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
    *cy = 1 + cursor;
    *cx = 0;
}

static void
themes_click(struct app *a, void *st, int line)
{
    struct themes_screen *s = st;
    size_t i;

    (void)a;
    if (line < 2 || s->themes.list == NULL)
        return;
    i = s->themes.top + (size_t)(line - 2);
    if (i < s->themes.list->count)
        s->themes.sel = i;
}

const struct screen screen_themes = {
    .size = sizeof(struct themes_screen),
    .open = themes_open,
    .enter = themes_reload,
    .key = themes_key,
    .draw = themes_draw,
    .resize = themes_resize,
    .refresh = themes_reload,
    .click = themes_click,
    .close = themes_close,
};
