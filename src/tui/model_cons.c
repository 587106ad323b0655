/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_cons.c: the consultations screen's model (see model_cons.h).
 */
#include "model_cons.h"

#include <stdio.h>
#include <string.h>

#include "consult/search.h"
#include "model_keys.h"
#include "model_menu.h"
#include "text.h"

enum cs_rc
model_cons_count_step(struct model_cons *m, struct cs_error *err)
{
    struct cs_consultation *c;
    int64_t hi = m->count_next + MODEL_CONS_COUNT_STEP, n, v, t;
    enum cs_rc rc;

    if (!m->counting)
        return CS_OK;
    c = &m->list->items[m->count_i];
    if ((rc = cs_search_totals_range(m->db, c->id, m->count_next, hi, &n, &v,
                                     &t, err)) != CS_OK) {
        m->counting = false;
        return rc;
    }
    if (c->idea_count < 0)
        c->idea_count = c->vote_count = c->tally_total = 0;
    c->idea_count += n;
    c->vote_count += v;
    c->tally_total += t;
    m->count_next = hi;
    if (hi >= m->count_last) {
        m->count_next = 0;
        if (++m->count_i == m->list->count)
            m->counting = false;
    }
    return CS_OK;
}

/* Read the list (without counts) and count one step for each
 * consultation: on a small database, every count is done. */
static enum cs_rc
read_list(struct model_cons *m, struct cs_consultation_list **out,
          struct cs_error *err)
{
    struct cs_consultation_list *l = NULL;
    enum cs_rc rc;

    if ((rc = cs_search_consultations(m->db, &l, err)) != CS_OK
        || (rc = cs_search_last_id(m->db, &m->count_last, err)) != CS_OK) {
        cs_consultation_list_free(l);
        return rc;
    }
    cs_consultation_list_free(m->list);
    m->list = l;
    m->count_i = 0;
    m->count_next = 0;
    m->counting = l->count > 0;
    for (size_t i = 0; i < l->count && m->counting; i++)
        if ((rc = model_cons_count_step(m, err)) != CS_OK)
            return rc;
    *out = l;
    return CS_OK;
}

enum cs_rc
model_cons_init(struct model_cons *m, struct cs_db *db, int width,
                int height, struct cs_error *err)
{
    struct cs_consultation_list *l;

    memset(m, 0, sizeof *m);
    m->db = db;
    m->width = width;
    m->height = height;
    return read_list(m, &l, err);
}

void
model_cons_free(struct model_cons *m)
{
    cs_consultation_list_free(m->list);
    memset(m, 0, sizeof *m);
}

const struct cs_consultation *
model_cons_selected(const struct model_cons *m)
{
    if (m->list == NULL || m->list->count == 0)
        return NULL;
    return &m->list->items[m->sel < m->list->count ? m->sel : 0];
}

void
model_cons_select(struct model_cons *m, int64_t id)
{
    for (size_t i = 0; m->list && i < m->list->count; i++)
        if (m->list->items[i].id == id)
            m->sel = i;
    model_list_clamp(&m->sel, &m->top, m->list ? m->list->count : 0,
                     m->height);
}

enum cs_rc
model_cons_reload(struct model_cons *m, struct cs_error *err)
{
    const struct cs_consultation *c = model_cons_selected(m);
    int64_t keep = c ? c->id : 0;
    struct cs_consultation_list *l = NULL;
    enum cs_rc rc;

    if ((rc = read_list(m, &l, err)) != CS_OK)
        return rc;
    model_cons_select(m, keep);
    return CS_OK;
}

void
model_cons_resize(struct model_cons *m, int width, int height)
{
    m->width = width;
    m->height = height;
    model_list_clamp(&m->sel, &m->top, m->list ? m->list->count : 0,
                     height);
}

void
model_cons_apply(struct model_cons *m, enum tui_action a)
{
    model_list_move(&m->sel, &m->top, m->list ? m->list->count : 0,
                    m->height, a);
}

void
model_cons_click(struct model_cons *m, int line)
{
    size_t n = m->list ? m->list->count : 0;

    if (line >= 0 && m->top + (size_t)line < n)
        m->sel = m->top + (size_t)line;
}

/* Column widths: code, kind, dates, state, ideas, votes; the title takes
 * what is left. */
struct cols {
    int code, kind, dates, state, ideas, votes, title;
};

static int
imax(int a, int b)
{
    return a > b ? a : b;
}

static int
digits(int64_t v)
{
    int d = 1;

    if (v < 0)
        return 3;       /* "..." while counting */
    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

static void
layout(const struct model_cons *m, struct cols *c)
{
    c->code = tui_width(_("Code"));
    for (size_t i = 0; m->list && i < m->list->count; i++)
        c->code = imax(c->code, tui_width(m->list->items[i].code));
    if (c->code > 12)
        c->code = 12;
    c->kind = imax(tui_width(_("Kind")), imax(tui_width(_("ideas")),
                                              tui_width(_("findings"))));
    c->dates = imax(tui_width(_("Dates")), 21);
    c->state = tui_width(_("State"));
    for (int s = 0; s < CS_STATE_COUNT; s++)
        c->state = imax(c->state,
                        tui_width(cs_state_label((enum cs_cons_state)s)));
    c->ideas = tui_width(_("Ideas"));
    c->votes = tui_width(_("Votes"));
    for (size_t i = 0; m->list && i < m->list->count; i++) {
        const struct cs_consultation *k = &m->list->items[i];

        c->ideas = imax(c->ideas, digits(k->idea_count));
        c->votes = imax(c->votes, digits(k->vote_count + k->tally_total));
    }
    c->title = m->width - (2 + c->code + 1 + c->kind + 1 + c->dates + 1
                           + c->state + 1 + c->ideas + 1 + c->votes + 1);
    if (c->title < 10) {
        /* Narrow: the dates go first. */
        c->title += c->dates + 1;
        c->dates = 0;
    }
    if (c->title < 1)
        c->title = 1;
}

static void
cell(char *line, size_t size, const char *s, int w, bool right, bool last)
{
    char part[512];
    size_t len = strlen(line);

    if (w <= 0)
        return;
    if (right)
        tui_fit_right(part, sizeof part, s, w);
    else
        tui_fit(part, sizeof part, s, w, true);
    /* A blank after every column but the last. */
    snprintf(line + len, size - len, "%s%s", part, last ? "" : " ");
}

void
model_cons_columns(const struct model_cons *m, char *buf, size_t size)
{
    struct cols c;
    char line[TUI_ROW_BYTES] = "  ";

    layout(m, &c);
    /* TRANSLATORS: column headings of the consultations screen. */
    cell(line, sizeof line, _("Code"), c.code, false, false);
    cell(line, sizeof line, _("Title"), c.title, false, false);
    cell(line, sizeof line, _("Kind"), c.kind, false, false);
    cell(line, sizeof line, _("Dates"), c.dates, false, false);
    cell(line, sizeof line, _("State"), c.state, false, false);
    cell(line, sizeof line, _("Ideas"), c.ideas, true, false);
    cell(line, sizeof line, _("Votes"), c.votes, true, true);
    tui_fit(buf, size, line, m->width, true);
}

void
model_cons_header(const struct model_cons *m, char *buf, size_t size)
{
    char line[256];
    size_t n = m->list ? m->list->count : 0;

    snprintf(line, sizeof line, "%s  |  %s", _("Consultations"),
             n == 0 ? _("none yet: create one with "
                        "\"consult consultation add\"")
                    : "");
    if (n > 0)
        snprintf(line, sizeof line, "%s  |  %zu%s", _("Consultations"), n,
                 m->counting ? _("  |  counting...") : "");
    tui_fit(buf, size, line, m->width, true);
}

size_t
model_cons_rows(struct model_cons *m, struct tui_row *rows, size_t max,
                int *cursor)
{
    struct cols c;
    size_t count = m->list ? m->list->count : 0, n = 0;

    *cursor = 0;
    model_list_clamp(&m->sel, &m->top, count, m->height);
    layout(m, &c);
    for (size_t i = m->top; i < count && n < max && n < (size_t)m->height;
         i++, n++) {
        const struct cs_consultation *k = &m->list->items[i];
        char line[TUI_ROW_BYTES], dates[64], num[32];
        bool sel = i == m->sel;

        snprintf(line, sizeof line, "%s ", sel ? ">" : " ");
        cell(line, sizeof line, k->code, c.code, false, false);
        cell(line, sizeof line, k->title, c.title, false, false);
        cell(line, sizeof line, k->kind == CS_CONS_FINDINGS ? _("findings")
                                                            : _("ideas"),
             c.kind, false, false);
        if (k->opens_on == NULL && k->closes_on == NULL)
            snprintf(dates, sizeof dates, "-");
        else
            snprintf(dates, sizeof dates, "%-10s %s",
                     k->opens_on ? k->opens_on : "-",
                     k->closes_on ? k->closes_on : "-");
        cell(line, sizeof line, dates, c.dates, false, false);
        cell(line, sizeof line, cs_state_label(k->state), c.state, false,
             false);
        /* "..." while the count is being made. */
        snprintf(num, sizeof num, k->idea_count < 0 ? "..." : "%lld",
                 (long long)k->idea_count);
        cell(line, sizeof line, num, c.ideas, true, false);
        snprintf(num, sizeof num, k->idea_count < 0 ? "..." : "%lld",
                 (long long)(k->vote_count + k->tally_total));
        cell(line, sizeof line, num, c.votes, true, true);
        tui_fit(rows[n].text, sizeof rows[n].text, line, m->width, true);
        rows[n].style = sel ? TUI_STYLE_SELECTED : TUI_STYLE_NORMAL;
        rows[n].id = k->id;
        if (sel)
            *cursor = (int)n;
    }
    return n;
}

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */

static const struct tui_binding cons_bindings[] = {
    TUI_HELP_BINDING,
    { TUI_ACT_REFRESH, 5, { 'r', TUI_CTRL('r') }, NC_("bar", "Reload"),
      NULL, N_("Read the database again"), CS_OP_ANY },
    TUI_QUIT_BINDING,
    TUI_MOVE_BINDINGS,
    TUI_REDRAW_BINDING,
};

/* The first screen: opened by no key. */
const struct tui_keymap model_cons_keys =
    TUI_KEYMAP(N_("Consultations"), cons_bindings);
