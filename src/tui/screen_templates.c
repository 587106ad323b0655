/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_templates.c: the answer templates of the consultation: nine
 * numbered slots; Enter writes or changes one (its title in a prompt,
 * then its text in the editor), x deletes it.
 */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "model_templates.h"
#include "term.h"

struct templates_screen {
    struct model_templates templates;
    struct dialog dlg;          /* the title, then the text */
    int number;                 /* the template being written */
    char new_title[200];        /* between the title and the text */
};

static void
templates_open(struct app *a, void *st, int64_t arg)
{
    struct templates_screen *s = st;
    struct cs_error err;

    (void)arg;
    dialog_init(&s->dlg);
    if (model_templates_load(&s->templates, a->db, a->cons_id, a->cons_code,
                             a->cols, &err) != CS_OK)
        app_error(a, &err);
}

static void
templates_close(struct app *a, void *st)
{
    struct templates_screen *s = st;

    (void)a;
    model_templates_free(&s->templates);
    dialog_clear(&s->dlg);
}

static void
templates_resize(struct app *a, void *st)
{
    struct templates_screen *s = st;

    s->templates.width = a->cols;
}

static void
text_done(struct app *a, void *owner, enum dlg_result r)
{
    struct templates_screen *s = owner;
    struct cs_error err;

    if (r != DLG_OK) {
        app_message(a, "%s", _("Nothing changed."));
    } else {
        cs_error_clear(&err);
        if (model_templates_set(&s->templates, s->number, s->new_title,
                                dialog_text(&s->dlg), &err) != CS_OK) {
            app_error(a, &err);
            /* What was typed stays, ready to save again. */
            if (dialog_keep_after(&s->dlg, &err)) {
                app_dialog(a, &s->dlg, s, text_done);
                return;
            }
        } else
            app_message(a, _("Template %d saved."), s->number);
    }
    dialog_clear(&s->dlg);
}

static void
title_done(struct app *a, void *owner, enum dlg_result r)
{
    struct templates_screen *s = owner;
    const struct cs_template *t;
    char title[256];

    if (r != DLG_OK) {
        app_message(a, "%s", _("Nothing changed."));
        dialog_clear(&s->dlg);
        return;
    }
    snprintf(s->new_title, sizeof s->new_title, "%s", dialog_text(&s->dlg));
    t = model_templates_get(&s->templates, s->number);
    /* TRANSLATORS: the placeholders stay in English: they are what is
     * typed in a template. */
    snprintf(title, sizeof title, _("Template %d: {title} {id} {theme} "
                                    "{date} {consultation} are filled in"),
             s->number);
    dialog_editor(&s->dlg, title, NULL, t ? t->body : "");
    app_dialog(a, &s->dlg, s, text_done);
}

static void
templates_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct templates_screen *s = st;
    struct cs_error err;
    int n = model_templates_number(&s->templates);
    const struct cs_template *t = model_templates_get(&s->templates, n);
    char label[64];

    (void)key;
    switch (act) {
    case TUI_ACT_BACK:
        app_pop(a);
        break;
    case TUI_ACT_OPEN:
        s->number = n;
        snprintf(label, sizeof label, _("Title of template %d: "), n);
        dialog_line(&s->dlg, label, t ? t->title : "");
        app_dialog(a, &s->dlg, s, title_done);
        break;
    case TUI_ACT_DELETE:
        cs_error_clear(&err);
        if (model_templates_delete(&s->templates, n, &err) != CS_OK)
            app_error(a, &err);
        else
            app_message(a, _("Template %d deleted."), n);
        break;
    default:
        model_templates_apply(&s->templates, act);
        break;
    }
}

static void
templates_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct templates_screen *s = st;
    struct tui_row rows[CS_TEMPLATE_MAX];
    char line[TUI_ROW_BYTES];
    int cursor = 0;
    size_t n;

    model_templates_header(&s->templates, line, sizeof line);
    term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
    n = model_templates_rows(&s->templates, rows, CS_TEMPLATE_MAX, &cursor);
    for (size_t i = 0; i < n; i++)
        term_text(1 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
    term_text(2 + (int)n, 0,
              _("When an answer is needed, the number picks the template; "
                "its text is then yours to change."), a->cols,
              TUI_STYLE_NORMAL);
    *cy = 1 + cursor;
    *cx = 0;
}

static void
templates_click(struct app *a, void *st, int line)
{
    struct templates_screen *s = st;

    (void)a;
    if (line >= 1 && line <= CS_TEMPLATE_MAX)
        s->templates.sel = (size_t)(line - 1);
}

const struct screen screen_templates = {
    .size = sizeof(struct templates_screen),
    .open = templates_open,
    .key = templates_key,
    .draw = templates_draw,
    .resize = templates_resize,
    .click = templates_click,
    .close = templates_close,
};
