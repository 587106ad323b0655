/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_sessions.c: the committee sessions screen's model (see
 * model_sessions.h).
 */
#include "model_sessions.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model_keys.h"
#include "model_menu.h"
#include "text.h"

static enum cs_rc
read_detail(struct model_sessions *m, int64_t id, struct cs_error *err)
{
    struct cs_session_detail *d = NULL;
    struct cs_letters_options o = { .session_id = id };
    struct cs_answer_figures f;
    enum cs_rc rc;

    if ((rc = cs_session_get(m->db, id, &d, err)) != CS_OK)
        return rc;
    if ((rc = cs_letters_figures(m->db, &o, &f, err)) != CS_OK) {
        cs_session_detail_free(d);
        return rc;
    }
    cs_session_detail_free(m->detail);
    m->detail = d;
    m->figures = f;
    if (m->item >= d->item_count)
        m->item = d->item_count ? d->item_count - 1 : 0;
    return CS_OK;
}

enum cs_rc
model_sessions_load(struct model_sessions *m, struct cs_db *db,
                    int64_t cons_id, const char *code, int width,
                    struct cs_error *err)
{
    struct cs_session_list *l = NULL;
    int64_t keep = 0;
    enum cs_rc rc;

    if (m->list && m->sel < m->list->count)
        keep = m->list->items[m->sel].id;
    if ((rc = cs_session_list(db, cons_id, &l, err)) != CS_OK)
        return rc;
    cs_session_list_free(m->list);
    m->list = l;
    m->db = db;
    m->cons_id = cons_id;
    m->width = width;
    if (code != m->code)
        snprintf(m->code, sizeof m->code, "%s", code ? code : "");
    /* The newest session first comes last in date order: start there. */
    if (keep == 0)
        m->sel = l->count ? l->count - 1 : 0;
    for (size_t i = 0; keep && i < l->count; i++)
        if (l->items[i].id == keep)
            m->sel = i;
    if (m->sel >= l->count)
        m->sel = l->count ? l->count - 1 : 0;
    if (m->detail)
        return read_detail(m, m->detail->session.id, err);
    return CS_OK;
}

void
model_sessions_free(struct model_sessions *m)
{
    cs_session_list_free(m->list);
    cs_session_detail_free(m->detail);
    memset(m, 0, sizeof *m);
}

const struct cs_session *
model_sessions_selected(const struct model_sessions *m)
{
    if (m->detail)
        return &m->detail->session;
    if (m->list == NULL || m->sel >= m->list->count)
        return NULL;
    return &m->list->items[m->sel];
}

const struct cs_agenda_item *
model_sessions_item(const struct model_sessions *m)
{
    if (m->detail == NULL || m->item >= m->detail->item_count)
        return NULL;
    return &m->detail->items[m->item];
}

static enum cs_rc
none_selected(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOTFOUND, "%s",
                        _("This consultation has no sessions yet: add one "
                          "with n."));
}

enum cs_rc
model_sessions_open(struct model_sessions *m, struct cs_error *err)
{
    const struct cs_session *s = model_sessions_selected(m);

    if (s == NULL)
        return none_selected(err);
    m->item = 0;
    m->item_top = 0;
    return read_detail(m, s->id, err);
}

bool
model_sessions_back(struct model_sessions *m)
{
    if (m->detail == NULL)
        return false;
    cs_session_detail_free(m->detail);
    m->detail = NULL;
    memset(&m->figures, 0, sizeof m->figures);
    return true;
}

void
model_sessions_apply(struct model_sessions *m, enum tui_action a, int page)
{
    if (m->detail)
        model_list_move(&m->item, &m->item_top, m->detail->item_count,
                        page + 1, a);
    else if (m->list)
        model_list_move(&m->sel, &m->top, m->list->count, page + 1, a);
}

enum cs_rc
model_sessions_add(struct model_sessions *m, enum cs_body body,
                   const char *date, const char *title, size_t *carried,
                   struct cs_error *err)
{
    struct cs_session_new in = { m->cons_id, body, date, title };
    int64_t id = 0;
    enum cs_rc rc;

    if ((rc = cs_session_add(m->db, &in, &id, carried, err)) != CS_OK)
        return rc;
    model_sessions_back(m);
    if ((rc = model_sessions_load(m, m->db, m->cons_id, m->code, m->width,
                                  err)) != CS_OK)
        return rc;
    for (size_t i = 0; i < m->list->count; i++)
        if (m->list->items[i].id == id)
            m->sel = i;
    return CS_OK;
}

enum cs_rc
model_sessions_decide(struct model_sessions *m, enum cs_decision d,
                      const char *answer, const char *reason,
                      struct cs_error *err)
{
    const struct cs_agenda_item *it = model_sessions_item(m);
    size_t at = m->item;
    enum cs_rc rc;

    if (it == NULL)
        return cs_error_set(err, CS_ENOTFOUND, "%s",
                            _("Open a session with an agenda first."));
    if ((rc = cs_session_decide(m->db, m->detail->session.id, it->idea_id,
                                d, answer, reason, err)) != CS_OK)
        return rc;
    if ((rc = model_sessions_load(m, m->db, m->cons_id, m->code, m->width,
                                  err)) != CS_OK)
        return rc;
    /* On to the next item still to decide, after this one, then from the
     * top; stay when every one is decided. */
    for (size_t k = 1; k <= m->detail->item_count; k++) {
        size_t i = (at + k) % m->detail->item_count;

        if (m->detail->items[i].decision < 0) {
            m->item = i;
            break;
        }
    }
    return CS_OK;
}

enum cs_rc
model_sessions_close(struct model_sessions *m, size_t *carried,
                     struct cs_error *err)
{
    const struct cs_session *s = model_sessions_selected(m);
    enum cs_rc rc;

    if (s == NULL)
        return none_selected(err);
    if ((rc = cs_session_close(m->db, s->id, carried, err)) != CS_OK)
        return rc;
    return model_sessions_load(m, m->db, m->cons_id, m->code, m->width, err);
}

enum cs_rc
model_sessions_publish(struct model_sessions *m, int64_t *count,
                       struct cs_error *err)
{
    const struct cs_session *s = model_sessions_selected(m);
    enum cs_rc rc;

    if (s == NULL)
        return none_selected(err);
    if ((rc = cs_session_publish(m->db, s->id, count, err)) != CS_OK)
        return rc;
    return model_sessions_load(m, m->db, m->cons_id, m->code, m->width, err);
}

/* ---------------------------------------------------------------- drawing */

/* "open", "closed", "closed, answers published". */
static const char *
state_of(const struct cs_session *s)
{
    if (!s->closed)
        return _("open");
    return s->published_at ? _("closed, answers published")
                           : _("closed, answers held");
}

void
model_sessions_header(const struct model_sessions *m, char *buf,
                      size_t size)
{
    char line[TUI_ROW_BYTES];
    const struct cs_session *s = m->detail ? &m->detail->session : NULL;

    if (s)
        snprintf(line, sizeof line, _("Session %" PRId64 "  |  %s  |  %s "
                                      "%s  |  %s"),
                 s->id, m->code, cs_body_label(s->body), s->held_on,
                 state_of(s));
    else
        snprintf(line, sizeof line, _("Committee sessions  |  %s  |  %zu"),
                 m->code, m->list ? m->list->count : 0);
    tui_fit(buf, size, line, m->width, true);
}

static void
put(struct tui_row *r, const char *text, enum tui_style style, int64_t id,
    int width)
{
    tui_fit(r->text, sizeof r->text, text, width, true);
    r->style = style;
    r->id = id;
}

static size_t
list_rows(struct model_sessions *m, struct tui_row *rows, size_t max,
          int *cursor)
{
    size_t n = m->list ? m->list->count : 0, k = 0;
    char line[TUI_ROW_BYTES * 2], body[64];

    put(&rows[k++], _("  Number  Date        Body          Decided  State  "
                      "Title"), TUI_STYLE_HEADING, 0, m->width);
    if (n == 0) {
        if (k < max)
            put(&rows[k++], _("  No sessions yet: n adds one."),
                TUI_STYLE_DIM, 0, m->width);
        return k;
    }
    if (m->sel < m->top)
        m->top = m->sel;
    if (m->sel >= m->top + (max - 1))
        m->top = m->sel - (max - 2);
    for (size_t i = m->top; i < n && k < max; i++, k++) {
        const struct cs_session *s = &m->list->items[i];
        bool sel = i == m->sel;

        tui_fit(body, sizeof body, cs_body_label(s->body), 13, true);
        snprintf(line, sizeof line, "%s %6" PRId64 "  %-10s  %s %3" PRId64
                 "/%-3" PRId64 "  %s  %s", sel ? ">" : " ", s->id,
                 s->held_on, body, s->decided, s->items, state_of(s),
                 s->title ? s->title : "");
        put(&rows[k], line, sel ? TUI_STYLE_SELECTED
                            : s->closed ? TUI_STYLE_DIM : TUI_STYLE_NORMAL,
            s->id, m->width);
        if (sel)
            *cursor = (int)k;
    }
    return k;
}

static size_t
agenda_rows(struct model_sessions *m, struct tui_row *rows, size_t max,
            int *cursor)
{
    const struct cs_session_detail *d = m->detail;
    const struct cs_answer_figures *f = &m->figures;
    size_t n = d->item_count, k = 0, first;
    char line[TUI_ROW_BYTES * 2], theme[16], status[32];

    if (d->session.title && k < max)
        put(&rows[k++], d->session.title, TUI_STYLE_NORMAL, 0, m->width);
    if (k < max) {
        snprintf(line, sizeof line, _("%" PRId64 " of %zu items decided."),
                 d->session.decided, n);
        put(&rows[k++], line, TUI_STYLE_NORMAL, 0, m->width);
    }
    if (k < max) {
        /* TRANSLATORS: who the session's published answers reach. */
        snprintf(line, sizeof line, _("Answers: email %" PRId64 ", post %"
                                      PRId64 ", internal mail %" PRId64
                                      ", unreachable %" PRId64
                                      "; prepared %" PRId64),
                 f->by_reach[CS_REACH_EMAIL], f->by_reach[CS_REACH_POST],
                 f->by_reach[CS_REACH_INTERNAL], f->by_reach[CS_REACH_NONE],
                 f->prepared);
        put(&rows[k++], line, TUI_STYLE_NORMAL, 0, m->width);
    }
    if (k < max)
        put(&rows[k++], _("     #   Idea  Theme  Support  Status      "
                          "Decision"), TUI_STYLE_HEADING, 0, m->width);
    if (n == 0) {
        if (k < max)
            put(&rows[k++], _("  Nothing on the agenda: put ideas on it "
                              "with consult session agenda."),
                TUI_STYLE_DIM, 0, m->width);
        return k;
    }
    first = k;
    if (max <= first)
        return k;
    if (m->item < m->item_top)
        m->item_top = m->item;
    if (m->item >= m->item_top + (max - first))
        m->item_top = m->item - (max - first - 1);
    for (size_t i = m->item_top; i < n && k < max; i++, k++) {
        const struct cs_agenda_item *it = &d->items[i];
        bool sel = i == m->item;
        char decision[TUI_ROW_BYTES];

        tui_fit(theme, sizeof theme, it->theme_code ? it->theme_code : "",
                5, true);
        tui_fit(status, sizeof status, cs_status_label(it->idea_status), 10,
                true);
        if (it->decision < 0)
            snprintf(decision, sizeof decision, "%s", _("(to decide)"));
        else
            snprintf(decision, sizeof decision, "%s%s%s",
                     cs_decision_label((enum cs_decision)it->decision),
                     it->answer ? ": " : "", it->answer ? it->answer : "");
        snprintf(line, sizeof line, "%s %3" PRId64 "  %5" PRId64 "  %s  %7"
                 PRId64 "  %s  %s  %s", sel ? ">" : " ", it->position,
                 it->idea_id, theme, it->support, status, decision,
                 it->idea_title ? it->idea_title : "");
        put(&rows[k], line, sel ? TUI_STYLE_SELECTED
                            : it->decision >= 0 ? TUI_STYLE_DIM
                                                : TUI_STYLE_NORMAL,
            it->idea_id, m->width);
        if (sel)
            *cursor = (int)k;
    }
    return k;
}

size_t
model_sessions_rows(struct model_sessions *m, struct tui_row *rows,
                    size_t max, int *cursor)
{
    *cursor = 0;
    if (max == 0)
        return 0;
    return m->detail ? agenda_rows(m, rows, max, cursor)
                     : list_rows(m, rows, max, cursor);
}

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */
static const struct tui_binding sessions_bindings[] = {
    TUI_HELP_BINDING,
    { TUI_ACT_OPEN, 0, { TUI_KEY_ENTER, TUI_KEY_RIGHT }, NULL,
      NC_("hint", "open"),
      N_("Open the selected session: its agenda and decisions"),
      CS_OP_READ },
    { SESSIONS_ACT_NEW, 2, { 'n' }, NC_("bar", "New"), N_("new"),
      N_("Add a session: its body, date and title"), CS_OP_SESSIONS },
    { SESSIONS_ACT_ACCEPT, 3, { 'a' }, NC_("bar", "Accept"), N_("accept"),
      N_("Decide the item on the cursor: accepted, with the official "
         "answer"), CS_OP_SET_STATUS },
    { SESSIONS_ACT_REJECT, 4, { 'r' }, NC_("bar", "Reject"), N_("reject"),
      N_("Decide it: rejected, with the official answer"),
      CS_OP_SET_STATUS },
    { SESSIONS_ACT_IMPLEMENT, 0, { 'i' }, NULL, N_("done"),
      N_("Decide it: implemented, with the official answer"),
      CS_OP_SET_STATUS },
    { SESSIONS_ACT_POSTPONE, 6, { 'p' }, NC_("bar", "Later"),
      N_("postpone"), N_("Decide it: postponed (it stays under review and "
                         "goes to the next session's agenda)"),
      CS_OP_SET_STATUS },
    { SESSIONS_ACT_CLOSE, 7, { 'C' }, NC_("bar", "Close"), N_("close"),
      N_("Close the session: its decisions set the ideas' statuses, in "
         "one go"), CS_OP_SET_STATUS },
    { SESSIONS_ACT_PUBLISH, 0, { 'P' }, NULL, N_("publish"),
      N_("Publish the answers the closed session holds"), CS_OP_PUBLISH },
    { TUI_ACT_REFRESH, 5, { TUI_CTRL('r') }, NC_("bar", "Reload"), NULL,
      N_("Read the sessions again"), CS_OP_ANY },
    TUI_BACK_BINDING,
    TUI_QUIT_BINDING,
    TUI_MOVE_BINDINGS,
    TUI_REDRAW_BINDING,
};

/* Opened from the ideas list, after its themes key. */
static const struct tui_route sessions_routes[] = {
    { &model_ideas_keys, TUI_ACT_THEMES, TUI_OPEN_CONS,
      { TUI_ACT_GO, 0, { 'S' }, NULL, NULL,
        N_("Committee sessions of this consultation: agendas, decisions, "
           "closing, publishing"), CS_OP_ANY } },
};

const struct tui_keymap model_sessions_keys =
    TUI_SCREEN_KEYMAP(N_("Committee sessions"), sessions_bindings,
                      sessions_routes, NULL);
