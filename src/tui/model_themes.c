/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_themes.c: the themes screen's model (see model_themes.h).
 */
#include "model_themes.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model_keys.h"
#include "text.h"

enum cs_rc
model_themes_load(struct model_themes *m, struct cs_db *db, int64_t cons_id,
                  const char *code, int width, struct cs_error *err)
{
    struct cs_theme_list *l = NULL;
    enum cs_rc rc;

    if ((rc = cs_theme_list(db, cons_id, &l, err)) != CS_OK)
        return rc;
    cs_theme_list_free(m->list);
    m->list = l;
    m->db = db;
    m->cons_id = cons_id;
    m->width = width;
    if (code != m->code)
        snprintf(m->code, sizeof m->code, "%s", code ? code : "");
    if (m->sel >= l->count)
        m->sel = l->count ? l->count - 1 : 0;
    return CS_OK;
}

void
model_themes_free(struct model_themes *m)
{
    cs_theme_list_free(m->list);
    memset(m, 0, sizeof *m);
}

void
model_themes_apply(struct model_themes *m, enum tui_action a, int page)
{
    size_t n = m->list ? m->list->count : 0;
    size_t step = page > 1 ? (size_t)page : 1;

    if (n == 0)
        return;
    switch (a) {
    case TUI_ACT_UP:
        if (m->sel > 0)
            m->sel--;
        break;
    case TUI_ACT_DOWN:
        if (m->sel + 1 < n)
            m->sel++;
        break;
    case TUI_ACT_PGUP:
        m->sel = m->sel > step ? m->sel - step : 0;
        break;
    case TUI_ACT_PGDN:
        m->sel = m->sel + step < n ? m->sel + step : n - 1;
        break;
    case TUI_ACT_HOME:
        m->sel = 0;
        break;
    case TUI_ACT_END:
        m->sel = n - 1;
        break;
    default:
        break;
    }
}

const struct cs_theme *
model_themes_selected(const struct model_themes *m)
{
    if (m->list == NULL || m->sel >= m->list->count)
        return NULL;
    return &m->list->items[m->sel];
}

/* Read again, the selection on theme `id` (where it was if it is gone). */
static enum cs_rc
reload(struct model_themes *m, int64_t id, struct cs_error *err)
{
    enum cs_rc rc = model_themes_load(m, m->db, m->cons_id, m->code,
                                      m->width, err);

    for (size_t i = 0; rc == CS_OK && i < m->list->count; i++)
        if (m->list->items[i].id == id)
            m->sel = i;
    return rc;
}

static enum cs_rc
none_selected(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOTFOUND, "%s",
                        _("This consultation has no themes."));
}

enum cs_rc
model_themes_update(struct model_themes *m, const char *code,
                    const char *title, struct cs_error *err)
{
    const struct cs_theme *t = model_themes_selected(m);
    int64_t id;
    enum cs_rc rc;

    if (t == NULL)
        return none_selected(err);
    id = t->id;
    if ((rc = cs_theme_update(m->db, id, code, title, err)) != CS_OK)
        return rc;
    return reload(m, id, err);
}

enum cs_rc
model_themes_toggle_retired(struct model_themes *m, struct cs_error *err)
{
    const struct cs_theme *t = model_themes_selected(m);
    int64_t id;
    enum cs_rc rc;

    if (t == NULL)
        return none_selected(err);
    id = t->id;
    if ((rc = cs_theme_retire(m->db, id, !t->retired, err)) != CS_OK)
        return rc;
    return reload(m, id, err);
}

enum cs_rc
model_themes_delete(struct model_themes *m, struct cs_error *err)
{
    const struct cs_theme *t = model_themes_selected(m);
    enum cs_rc rc;

    if (t == NULL)
        return none_selected(err);
    if ((rc = cs_theme_delete(m->db, t->id, err)) != CS_OK)
        return rc;
    return reload(m, 0, err);
}

void
model_themes_header(const struct model_themes *m, char *buf, size_t size)
{
    char line[TUI_ROW_BYTES];
    size_t retired = 0, n = m->list ? m->list->count : 0;

    for (size_t i = 0; i < n; i++)
        retired += m->list->items[i].retired;
    snprintf(line, sizeof line, _("Themes  |  %s  |  %zu, %zu retired"),
             m->code, n, retired);
    tui_fit(buf, size, line, m->width, true);
}

size_t
model_themes_rows(struct model_themes *m, struct tui_row *rows, size_t max,
                  int *cursor)
{
    size_t n = m->list ? m->list->count : 0, k = 0;
    char code[64], line[TUI_ROW_BYTES * 2];

    *cursor = 0;
    if (max == 0)
        return 0;
    /* TRANSLATORS: column headings of the themes screen: the code takes
     * 12 columns, the number of ideas 6. */
    snprintf(line, sizeof line, "  %-12s %6s  %s", _("Code"), _("Ideas"),
             _("Title"));
    tui_fit(rows[0].text, sizeof rows[0].text, line, m->width, true);
    rows[0].style = TUI_STYLE_HEADING;
    rows[0].id = 0;
    k = 1;
    if (n == 0) {
        tui_fit(rows[1].text, sizeof rows[1].text,
                _("  No themes yet: add them with consult theme add."),
                m->width, true);
        rows[1].style = TUI_STYLE_DIM;
        rows[1].id = 0;
        return max > 1 ? 2 : 1;
    }
    if (m->sel < m->top)
        m->top = m->sel;
    if (m->sel >= m->top + (max - 1))
        m->top = m->sel - (max - 2);
    for (size_t i = m->top; i < n && k < max; i++, k++) {
        const struct cs_theme *t = &m->list->items[i];
        bool sel = i == m->sel;

        tui_fit(code, sizeof code, t->code, 12, true);
        snprintf(line, sizeof line, "%s %s %6" PRId64 "  %s%s%s",
                 sel ? ">" : " ", code, t->idea_count, t->title,
                 t->retired ? "  " : "", t->retired ? _("(retired)") : "");
        tui_fit(rows[k].text, sizeof rows[k].text, line, m->width, true);
        rows[k].style = sel ? TUI_STYLE_SELECTED
                      : t->retired ? TUI_STYLE_DIM : TUI_STYLE_NORMAL;
        rows[k].id = t->id;
        if (sel)
            *cursor = (int)k;
    }
    return k;
}

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */
static const struct tui_binding themes_bindings[] = {
    TUI_HELP_BINDING,
    { TUI_ACT_OPEN, 2, { TUI_KEY_ENTER, 'e' }, NC_("bar", "Title"),
      N_("title"), N_("Give the selected theme a new title"),
      CS_OP_CONSULTATIONS },
    { THEMES_ACT_CODE, 3, { 'c' }, NC_("bar", "Code"), N_("code"),
      N_("Give the selected theme a new code"), CS_OP_CONSULTATIONS },
    { THEMES_ACT_RETIRE, 4, { 'x' }, NC_("bar", "Retire"), N_("retire"),
      N_("Retire the selected theme (its ideas keep it; the entry form "
         "no longer offers it), or offer it again"), CS_OP_CONSULTATIONS },
    { TUI_ACT_REFRESH, 5, { 'r', TUI_CTRL('r') }, NC_("bar", "Reload"),
      NULL, N_("Read the themes again"), CS_OP_ANY },
    { TUI_ACT_DELETE, 8, { TUI_KEY_DELETE, 'd' }, NC_("bar", "Delete"),
      N_("delete"), N_("Delete the selected theme, if it has no ideas"),
      CS_OP_CONSULTATIONS },
    TUI_BACK_BINDING,
    TUI_QUIT_BINDING,
    TUI_MOVE_BINDINGS,
    TUI_REDRAW_BINDING,
};

/* Opened from the ideas list, after its templates key. */
static const struct tui_route themes_routes[] = {
    { &model_ideas_keys, TUI_ACT_TEMPLATES, TUI_OPEN_CONS,
      { TUI_ACT_THEMES, 0, { 'T' }, NULL, NULL,
        N_("Themes of this consultation: edit, retire or delete them"),
        CS_OP_ANY } },
};

const struct tui_keymap model_themes_keys =
    TUI_SCREEN_KEYMAP(N_("Themes"), themes_bindings, themes_routes, NULL);
