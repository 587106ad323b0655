/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_templates.c: the answer templates screen's model (see
 * model_templates.h).
 */
#include "model_templates.h"

#include <stdio.h>
#include <string.h>

#include "model_keys.h"
#include "text.h"

enum cs_rc
model_templates_load(struct model_templates *m, struct cs_db *db,
                     int64_t cons_id, const char *code, int width,
                     struct cs_error *err)
{
    struct cs_template_list *l = NULL;
    enum cs_rc rc;

    if ((rc = cs_template_list(db, cons_id, &l, err)) != CS_OK)
        return rc;
    cs_template_list_free(m->list);
    m->list = l;
    m->db = db;
    m->cons_id = cons_id;
    m->width = width;
    snprintf(m->code, sizeof m->code, "%s", code ? code : "");
    if (m->sel >= CS_TEMPLATE_MAX)
        m->sel = 0;
    return CS_OK;
}

void
model_templates_free(struct model_templates *m)
{
    cs_template_list_free(m->list);
    memset(m, 0, sizeof *m);
}

void
model_templates_apply(struct model_templates *m, enum tui_action a)
{
    switch (a) {
    case TUI_ACT_UP:
        if (m->sel > 0)
            m->sel--;
        break;
    case TUI_ACT_DOWN:
        if (m->sel + 1 < CS_TEMPLATE_MAX)
            m->sel++;
        break;
    case TUI_ACT_HOME:
    case TUI_ACT_PGUP:
        m->sel = 0;
        break;
    case TUI_ACT_END:
    case TUI_ACT_PGDN:
        m->sel = CS_TEMPLATE_MAX - 1;
        break;
    default:
        break;
    }
}

int
model_templates_number(const struct model_templates *m)
{
    return (int)m->sel + 1;
}

const struct cs_template *
model_templates_get(const struct model_templates *m, int n)
{
    for (size_t i = 0; m->list && i < m->list->count; i++)
        if (m->list->items[i].number == n)
            return &m->list->items[i];
    return NULL;
}

static enum cs_rc
reload(struct model_templates *m, struct cs_error *err)
{
    char code[40];

    snprintf(code, sizeof code, "%s", m->code);
    return model_templates_load(m, m->db, m->cons_id, code, m->width, err);
}

enum cs_rc
model_templates_set(struct model_templates *m, int n, const char *title,
                    const char *body, struct cs_error *err)
{
    enum cs_rc rc = cs_template_set(m->db, m->cons_id, n, title, body, err);

    return rc == CS_OK ? reload(m, err) : rc;
}

enum cs_rc
model_templates_delete(struct model_templates *m, int n,
                       struct cs_error *err)
{
    enum cs_rc rc = cs_template_delete(m->db, m->cons_id, n, err);

    return rc == CS_OK ? reload(m, err) : rc;
}

void
model_templates_header(const struct model_templates *m, char *buf,
                       size_t size)
{
    char line[TUI_ROW_BYTES];

    snprintf(line, sizeof line, _("Answer templates  |  %s  |  %zu of %d"),
             m->code, m->list ? m->list->count : 0, CS_TEMPLATE_MAX);
    tui_fit(buf, size, line, m->width, true);
}

size_t
model_templates_rows(const struct model_templates *m, struct tui_row *rows,
                     size_t max, int *cursor)
{
    size_t n = 0;

    *cursor = (int)m->sel;
    for (int k = 1; k <= CS_TEMPLATE_MAX && n < max; k++, n++) {
        const struct cs_template *t = model_templates_get(m, k);
        char title[64], line[TUI_ROW_BYTES * 2];
        bool sel = (size_t)(k - 1) == m->sel;

        if (t != NULL) {
            tui_fit(title, sizeof title, t->title, 24, true);
            snprintf(line, sizeof line, "%s %d  %s  %s", sel ? ">" : " ", k,
                     title, t->body);
        } else {
            snprintf(line, sizeof line, "%s %d  %s", sel ? ">" : " ", k,
                     _("(free)"));
        }
        tui_fit(rows[n].text, sizeof rows[n].text, line, m->width, true);
        rows[n].style = sel ? TUI_STYLE_SELECTED
                      : t ? TUI_STYLE_NORMAL : TUI_STYLE_DIM;
        rows[n].id = k;
    }
    return n;
}

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */

static const struct tui_binding templates_bindings[] = {
    TUI_HELP_BINDING,
    { TUI_ACT_OPEN, 2, { TUI_KEY_ENTER, 'e' }, NC_("bar", "Edit"),
      N_("edit"), N_("Write or change the selected template: its title, "
                     "then its text"), CS_OP_TEMPLATES },
    { TUI_ACT_DELETE, 8, { 'x', TUI_KEY_DELETE }, NC_("bar", "Delete"),
      N_("delete"), N_("Delete the selected template"), CS_OP_TEMPLATES },
    TUI_BACK_BINDING,
    TUI_QUIT_BINDING,
    TUI_MOVE_BINDINGS,
    TUI_REDRAW_BINDING,
};

static const struct tui_route templates_routes[] = {
    { &model_ideas_keys, TUI_ACT_MARK_NONE, TUI_OPEN_CONS,
      { TUI_ACT_TEMPLATES, 0, { 'A' }, NULL, NULL,
        N_("Answer templates of this consultation"), CS_OP_ANY } },
    { &model_triage_keys, TUI_ACT_TAG, TUI_OPEN_CONS,
      { TUI_ACT_TEMPLATES, 0, { 'A' }, NULL, NULL,
        N_("Answer templates of this consultation"), CS_OP_ANY } },
};

const struct tui_keymap model_templates_keys =
    TUI_SCREEN_KEYMAP(N_("Answer templates"), templates_bindings,
                      templates_routes, NULL);
