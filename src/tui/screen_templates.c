/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_templates.c: the answer templates of the consultation: nine
 * numbered slots; Enter writes or changes one (its title in a prompt,
 * then its text in the editor), x deletes it.
 */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "model_keys.h"
#include "term.h"

static char new_title[200];     /* between the title prompt and the text */

static void
templates_enter(struct app *a)
{
    struct cs_error err;

    if (model_templates_load(&a->templates, a->db, a->cons_id, a->cons_code,
                             a->cols, &err) != CS_OK)
        app_error(a, &err);
}

static void
templates_resize(struct app *a)
{
    a->templates.width = a->cols;
}

static void
text_done(struct app *a, bool ok)
{
    struct cs_error err;
    int n = (int)a->dlg.arg;

    if (!ok) {
        app_message(a, "%s", _("Nothing changed."));
        return;
    }
    cs_error_clear(&err);
    if (model_templates_set(&a->templates, n, new_title,
                            tui_edit_text(&a->dlg.edit), &err) != CS_OK)
        app_error(a, &err);
    else
        app_message(a, _("Template %d saved."), n);
}

static void
title_done(struct app *a, bool ok)
{
    const struct cs_template *t;
    char title[256];
    int n = (int)a->dlg.arg;

    if (!ok) {
        app_message(a, "%s", _("Nothing changed."));
        return;
    }
    snprintf(new_title, sizeof new_title, "%s", tui_edit_text(&a->dlg.edit));
    t = model_templates_get(&a->templates, n);
    /* TRANSLATORS: the placeholders stay in English: they are what is
     * typed in a template. */
    snprintf(title, sizeof title, _("Template %d: {title} {id} {theme} "
                                    "{date} {consultation} are filled in"),
             n);
    app_editor(a, title, t ? t->body : "", 0, n, text_done);
}

static void
templates_act(struct app *a, enum tui_action act, int key)
{
    struct cs_error err;
    int n = model_templates_number(&a->templates);
    const struct cs_template *t = model_templates_get(&a->templates, n);
    char label[64];

    (void)key;
    switch (act) {
    case TUI_ACT_BACK:
        app_pop(a);
        break;
    case TUI_ACT_OPEN:
        snprintf(label, sizeof label, _("Title of template %d: "), n);
        app_prompt(a, label, t ? t->title : "", 0, n, title_done, NULL);
        break;
    case TUI_ACT_DELETE:
        cs_error_clear(&err);
        if (model_templates_delete(&a->templates, n, &err) != CS_OK)
            app_error(a, &err);
        else
            app_message(a, _("Template %d deleted."), n);
        break;
    default:
        model_templates_apply(&a->templates, act);
        break;
    }
}

static void
templates_draw(struct app *a, int *cy, int *cx)
{
    struct tui_row rows[CS_TEMPLATE_MAX];
    char line[TUI_ROW_BYTES];
    int cursor = 0;
    size_t n;

    model_templates_header(&a->templates, line, sizeof line);
    term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
    n = model_templates_rows(&a->templates, rows, CS_TEMPLATE_MAX, &cursor);
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
templates_click(struct app *a, int line)
{
    if (line >= 1 && line <= CS_TEMPLATE_MAX)
        a->templates.sel = (size_t)(line - 1);
}

const struct screen screen_templates = {
    &tui_keys_templates, templates_enter, templates_act, templates_resize,
    templates_draw, templates_click,
};
