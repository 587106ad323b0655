/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_ideas.c: the ideas list, the triage desk: keys to model calls
 * (moves, search as you type, filters, sorts, marks, bulk status) and the
 * model's rows to the screen.
 */
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_ideas.h"
#include "model_status.h"
#include "term.h"

extern const struct screen screen_ideas;  /* below: its memo */

enum {
    P_SEARCH = 1,
    P_FILTER,
    P_THEME,
    P_STATUS,
    P_CHANNEL,
    P_TAG,
    P_BATCH,
    P_CLEAR,
    P_AGENDA            /* which open session's agenda */
};

struct ideas_screen {
    struct model_ideas ideas;
    bool open;                  /* the list was read */
    struct dialog dlg;          /* search, filter menus, tag */
    int purpose;                /* what dlg asks for (P_*) */
    char search_before[256];    /* the search when the prompt opened */
    char search_text[256];      /* the search typed, not yet run... */
    bool search_pending;        /* ...while this is true */
    struct model_status status; /* the status flow */
    char *kept_text;            /* owned: the answer typed for a decision
                                   refused as made on old versions */
};

static void
check(struct app *a, enum cs_rc rc, const struct cs_error *err)
{
    if (rc != CS_OK)
        app_error(a, err);
}

static void
ideas_open(struct app *a, void *st, int64_t arg)
{
    struct ideas_screen *s = st;
    struct model_ideas_view *view;
    struct cs_error err;

    (void)arg;
    dialog_init(&s->dlg);
    model_status_init(&s->status);
    if (model_ideas_init(&s->ideas, a->db, a->cons_id, a->cons_code,
                         a->cols, app_body_rows(a, 2), &err) != CS_OK) {
        app_error(a, &err);
        model_ideas_free(&s->ideas);
        return;
    }
    s->open = true;
    /* Back from the consultations: the list as it was left. */
    if ((view = app_memo(a, &screen_ideas)) != NULL)
        check(a, model_ideas_restore(&s->ideas, view, &err), &err);
}

static void
ideas_enter(struct app *a, void *st)
{
    struct ideas_screen *s = st;
    struct cs_error err;

    /* Back on the list: what others changed meanwhile shows. */
    if (s->open)
        check(a, model_ideas_apply(&s->ideas, TUI_ACT_REFRESH, &err), &err);
}

static void
ideas_refresh(struct app *a, void *st)
{
    struct ideas_screen *s = st;
    struct cs_error err;

    if (s->open)
        check(a, model_ideas_apply(&s->ideas, TUI_ACT_REFRESH, &err), &err);
}

static void
ideas_close(struct app *a, void *st)
{
    struct ideas_screen *s = st;
    struct model_ideas_view *view;

    if (s->open && (view = app_memo(a, &screen_ideas)) != NULL)
        model_ideas_keep(&s->ideas, view);
    if (s->open)
        model_ideas_free(&s->ideas);
    dialog_clear(&s->dlg);
    model_status_free(&s->status);
    free(s->kept_text);
}

/* A screen opens above the list: what it shows is noted, for the export
 * of what the list shows. */
static void
ideas_leave(struct app *a, void *st)
{
    struct ideas_screen *s = st;
    struct model_ideas_view *view;

    if (s->open && (view = app_memo(a, &screen_ideas)) != NULL)
        model_ideas_keep(&s->ideas, view);
}

static void
ideas_resize(struct app *a, void *st)
{
    struct ideas_screen *s = st;
    struct cs_error err;

    if (s->open)
        check(a, model_ideas_resize(&s->ideas, a->cols, app_body_rows(a, 2),
                                    &err), &err);
}

/* Each keystroke of a search only notes the text: the search runs when
 * no key is waiting, so fast typing never waits for a search it has
 * already typed past; so does counting a long list. */
static bool
ideas_idle(struct app *a, void *st)
{
    struct ideas_screen *s = st;
    struct cs_error err;
    enum cs_rc rc;

    if (!s->open)
        return false;
    if (s->search_pending) {
        s->search_pending = false;
        rc = model_ideas_search(&s->ideas, s->search_text, &err);
    } else if (s->ideas.counting) {
        rc = model_ideas_count_step(&s->ideas, &err);
    } else {
        return false;
    }
    if (rc != CS_OK)
        app_error(a, &err);
    return s->search_pending || s->ideas.counting;
}

/* ---------------------------------------------------------------- dialogs */

static void dialog_done(struct app *a, void *owner, enum dlg_result r);
static void put_on_agenda(struct app *a, struct ideas_screen *s,
                          int64_t session);

static void
ask(struct app *a, struct ideas_screen *s, int purpose)
{
    s->purpose = purpose;
    app_dialog(a, &s->dlg, s, dialog_done);
}

static void
open_filter_menu(struct app *a, struct ideas_screen *s)
{
    dialog_pick(&s->dlg, _("Filter the ideas by"), DLG_DIGITS_LINE, NULL);
    model_menu_add(&s->dlg.menu, _("Theme"), P_THEME);
    model_menu_add(&s->dlg.menu, _("Status"), P_STATUS);
    model_menu_add(&s->dlg.menu, _("Channel"), P_CHANNEL);
    model_menu_add(&s->dlg.menu, _("Tag"), P_TAG);
    model_menu_add(&s->dlg.menu, _("Paper batch"), P_BATCH);
    model_menu_add(&s->dlg.menu, _("No filter, no search"), P_CLEAR);
    ask(a, s, P_FILTER);
}

/* The filter chosen: the list of its values, or the tag prompt. */
static void
filter_chosen(struct app *a, struct ideas_screen *s, int64_t what)
{
    struct model_ideas *m = &s->ideas;
    struct model_menu *mm = &s->dlg.menu;
    struct cs_error err;

    switch (what) {
    case P_THEME:
        if (model_ideas_themes(m, &err) != CS_OK) {
            app_error(a, &err);
            return;
        }
        dialog_pick(&s->dlg, _("Show the ideas of theme"), DLG_DIGITS_LINE,
                    NULL);
        model_menu_add(mm, _("(every theme)"), 0);
        for (size_t i = 0; i < m->theme_count; i++)
            model_menu_add(mm, m->themes[i].code, m->themes[i].id);
        model_menu_select_value(mm, m->filter.theme_id);
        break;
    case P_STATUS:
        dialog_pick(&s->dlg, _("Show the ideas with status"),
                    DLG_DIGITS_LINE, NULL);
        model_menu_add(mm, _("(every status)"), -1);
        for (int st = 0; st < CS_STATUS_COUNT; st++)
            model_menu_add(mm, cs_status_label((enum cs_status)st), st);
        model_menu_select_value(mm, m->filter.status);
        break;
    case P_CHANNEL:
        dialog_pick(&s->dlg, _("Show the ideas that came through"),
                    DLG_DIGITS_LINE, NULL);
        model_menu_add(mm, _("(every channel)"), -1);
        for (int c = 0; c < CS_CHANNEL_COUNT; c++)
            model_menu_add(mm, cs_channel_label((enum cs_channel)c), c);
        model_menu_select_value(mm, m->filter.channel);
        break;
    case P_TAG:
        dialog_line(&s->dlg, _("Tag (empty: any): "), m->tag);
        break;
    case P_BATCH: {
        struct cs_batch_list *bl = NULL;
        char label[160];

        if (cs_batch_list(m->db, m->cons_id, &bl, &err) != CS_OK) {
            app_error(a, &err);
            return;
        }
        dialog_pick(&s->dlg, _("Show the ideas of paper batch"),
                    DLG_DIGITS_LINE, NULL);
        model_menu_add(mm, _("(every batch)"), 0);
        for (size_t i = 0; i < bl->count; i++) {
            snprintf(label, sizeof label, "%lld %s (%lld/%lld)",
                     (long long)bl->items[i].id, bl->items[i].label,
                     (long long)bl->items[i].keyed,
                     (long long)bl->items[i].expected);
            for (char *c = label; *c; c++)
                if (*c == '\n' || *c == '\t' || *c == '\r')
                    *c = ' ';   /* one line in the menu */
            model_menu_add(mm, label, bl->items[i].id);
        }
        cs_batch_list_free(bl);
        model_menu_select_value(mm, m->filter.paper_batch_id);
        break;
    }
    default:
        check(a, model_ideas_apply(m, TUI_ACT_CLEAR_FILTERS, &err), &err);
        return;
    }
    ask(a, s, (int)what);
}

static void
dialog_done(struct app *a, void *owner, enum dlg_result r)
{
    struct ideas_screen *s = owner;
    struct model_ideas *m = &s->ideas;
    struct cs_error err;
    int64_t v = dialog_value(&s->dlg);
    enum cs_rc rc = CS_OK;

    if (s->purpose == P_SEARCH) {
        if (r == DLG_CHANGED) {
            snprintf(s->search_text, sizeof s->search_text, "%s",
                     dialog_text(&s->dlg));
            s->search_pending = true;
            return;
        }
        if (r == DLG_CANCEL) {
            s->search_pending = false;
            rc = model_ideas_search(m, s->search_before, &err);
        } else if (s->search_pending) {
            s->search_pending = false;
            rc = model_ideas_search(m, s->search_text, &err);
        }
        check(a, rc, &err);
        dialog_clear(&s->dlg);
        return;
    }
    if (r != DLG_OK) {
        dialog_clear(&s->dlg);
        return;
    }
    switch (s->purpose) {
    case P_FILTER:
        filter_chosen(a, s, v);
        return;
    case P_AGENDA:
        dialog_clear(&s->dlg);
        put_on_agenda(a, s, v);
        return;
    case P_THEME:
        rc = model_ideas_filter_theme(m, v, &err);
        break;
    case P_STATUS:
        rc = model_ideas_filter_status(m, (int)v, &err);
        break;
    case P_CHANNEL:
        rc = model_ideas_filter_channel(m, (int)v, &err);
        break;
    case P_TAG:
        rc = model_ideas_filter_tag(m, dialog_text(&s->dlg), &err);
        break;
    case P_BATCH:
        rc = model_ideas_filter_batch(m, v, &err);
        break;
    default:
        break;
    }
    check(a, rc, &err);
    dialog_clear(&s->dlg);
}

/* ---------------------------------------------------------------- status */

static void
apply_status(struct app *a, struct ideas_screen *s)
{
    struct cs_error err;
    size_t changed = 0, refused = 0;
    enum cs_status to = s->status.to;
    enum cs_rc rc;

    cs_error_clear(&err);
    rc = model_ideas_set_status(&s->ideas, to, s->status.text, &changed,
                                &refused, &err);
    (void)refused;                  /* all or none: the error says it */
    free(s->kept_text);
    s->kept_text = NULL;
    if (rc == CS_ESTALE) {
        /* Nothing typed is lost: the next status change starts from it. */
        if (s->status.text != NULL)
            s->kept_text = strdup(s->status.text);
        app_message(a, "%s %s", err.msg,
                    _("Changed ideas unmarked; your text is kept."));
        a->msg_error = true;
    } else if (rc != CS_OK) {
        app_error(a, &err);
    } else {
        app_message(a, dngettext(TUI_TEXTDOMAIN, "%zu idea is now %s.",
                                 "%zu ideas are now %s.", changed),
                    changed, cs_status_label(to));
    }
    model_status_free(&s->status);
}

static void
status_done(struct app *a, void *owner, enum dlg_result r)
{
    struct ideas_screen *s = owner;

    switch (model_status_answer(&s->status, r)) {
    case STATUS_DONE:
        apply_status(a, s);
        break;
    case STATUS_NONE:
        app_message(a, "%s", _("Nothing changed."));
        break;
    default:
        app_dialog(a, &s->status.dlg, s, status_done);
        break;
    }
}

static void
ask_status(struct app *a, struct ideas_screen *s)
{
    struct model_ideas *m = &s->ideas;
    char what[128];
    int current = -1;

    if (m->mark_count) {
        snprintf(what, sizeof what,
                 dngettext(TUI_TEXTDOMAIN, "%zu marked idea",
                           "%zu marked ideas", m->mark_count),
                 m->mark_count);
    } else if (m->count) {
        snprintf(what, sizeof what, _("idea %lld"),
                 (long long)model_ideas_selected(m));
        current = m->rows[m->sel].status;
    } else {
        app_message(a, "%s", _("No idea is selected."));
        return;
    }
    model_status_start(&s->status, a->db, a->cons_id, what,
                       m->mark_count ? 0 : model_ideas_selected(m), current,
                       s->kept_text);
    app_dialog(a, &s->status.dlg, s, status_done);
}

/* ---------------------------------------------------------------- agenda */

static void
put_on_agenda(struct app *a, struct ideas_screen *s, int64_t session)
{
    size_t n = s->ideas.mark_count ? s->ideas.mark_count : 1, added = 0;
    struct cs_error err;

    cs_error_clear(&err);
    if (model_ideas_to_agenda(&s->ideas, session, &added, &err) != CS_OK) {
        app_error(a, &err);
        return;
    }
    if (added == n)
        app_message(a, dngettext(TUI_TEXTDOMAIN,
                                 "%zu idea put on the agenda of session "
                                 "%lld.",
                                 "%zu ideas put on the agenda of session "
                                 "%lld.", added),
                    added, (long long)session);
    else
        app_message(a, _("%zu of %zu ideas put on the agenda of session "
                         "%lld; the others were on it already."),
                    added, n, (long long)session);
}

/* The open sessions of the consultation: one takes the ideas at once;
 * among several, the user picks. */
static void
ask_agenda(struct app *a, struct ideas_screen *s)
{
    struct cs_session_list *l = NULL;
    struct cs_error err;
    size_t open = 0;
    int64_t only = 0;
    char label[300];

    if (model_ideas_selected(&s->ideas) == 0) {
        app_message(a, "%s", _("No idea is selected."));
        return;
    }
    cs_error_clear(&err);
    if (cs_session_list(a->db, a->cons_id, &l, &err) != CS_OK) {
        app_error(a, &err);
        return;
    }
    for (size_t i = 0; i < l->count; i++)
        if (!l->items[i].closed) {
            open++;
            only = l->items[i].id;
        }
    if (open == 0) {
        app_message(a, "%s", _("No open committee session: add one on the "
                               "sessions screen (S)."));
    } else if (open == 1) {
        put_on_agenda(a, s, only);
    } else {
        dialog_pick(&s->dlg, _("Put them on the agenda of session"),
                    DLG_DIGITS_LINE, NULL);
        for (size_t i = 0; i < l->count; i++) {
            const struct cs_session *x = &l->items[i];

            if (x->closed)
                continue;
            snprintf(label, sizeof label, "%lld  %s  %s  %s",
                     (long long)x->id, x->held_on, cs_body_label(x->body),
                     x->title ? x->title : "");
            for (char *c = label; *c; c++)
                if (*c == '\n' || *c == '\t' || *c == '\r')
                    *c = ' ';   /* one line in the menu */
            model_menu_add(&s->dlg.menu, label, x->id);
        }
        ask(a, s, P_AGENDA);
    }
    cs_session_list_free(l);
}

/* ---------------------------------------------------------------- keys */

static void
ideas_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct ideas_screen *s = st;
    struct model_ideas *m = &s->ideas;
    struct cs_error err;

    (void)key;
    if (!s->open) {
        if (act == TUI_ACT_CONSULTATIONS)
            app_home(a);
        return;
    }
    switch (act) {
    case TUI_ACT_SEARCH:
        snprintf(s->search_before, sizeof s->search_before, "%s", m->query);
        dialog_line(&s->dlg, _("Search: "), m->query);
        s->dlg.live = true;     /* the list follows the text typed */
        ask(a, s, P_SEARCH);
        break;
    case TUI_ACT_BACK:
        if (m->query[0])
            check(a, model_ideas_search(m, "", &err), &err);
        break;
    case TUI_ACT_FILTER:
        open_filter_menu(a, s);
        break;
    case TUI_ACT_STATUS:
        ask_status(a, s);
        break;
    case IDEAS_ACT_AGENDA:
        ask_agenda(a, s);
        break;
    case TUI_ACT_CONSULTATIONS:
        app_home(a);
        break;
    case TUI_ACT_REFRESH:
        if (model_ideas_apply(m, act, &err) != CS_OK)
            app_error(a, &err);
        else
            app_message(a, "%s", _("Read again from the database."));
        break;
    default:
        check(a, model_ideas_apply(m, act, &err), &err);
        break;
    }
}

/* The selected idea, which the screens opened from here are about. */
static int64_t
ideas_selected(struct app *a, void *st)
{
    struct ideas_screen *s = st;

    if (!s->open || model_ideas_selected(&s->ideas) == 0) {
        app_message(a, "%s", _("No idea is selected."));
        return 0;
    }
    return model_ideas_selected(&s->ideas);
}

static void
ideas_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct ideas_screen *s = st;
    struct model_ideas *m = &s->ideas;
    struct tui_row rows[256];
    char line[TUI_ROW_BYTES];
    size_t n;

    *cy = 2;
    *cx = 0;
    if (!s->open) {
        term_text(0, 0, a->cons_code, a->cols, TUI_STYLE_TITLE);
        return;
    }
    model_ideas_header(m, line, sizeof line);
    term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
    model_ideas_columns(m, line, sizeof line);
    term_text(1, 0, line, a->cols, TUI_STYLE_HEADING);
    n = model_ideas_rows(m, rows, 256);
    for (size_t i = 0; i < n; i++)
        term_text(2 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
    if (n == 0)
        term_text(2, 2, m->query[0] || m->filter.status != -1
                        || m->filter.theme_id || m->filter.channel != -1
                        || m->tag[0]
                        ? _("No idea matches. Press x to clear the search "
                            "and the filters.")
                        : _("No idea yet."), a->cols - 2, TUI_STYLE_NORMAL);
    *cy = 2 + (int)m->sel;
}

static void
ideas_click(struct app *a, void *st, int line)
{
    struct ideas_screen *s = st;

    (void)a;
    if (s->open && line >= 2)
        model_ideas_click(&s->ideas, line - 2);
}

const struct screen screen_ideas = {
    .size = sizeof(struct ideas_screen),
    .memo_size = sizeof(struct model_ideas_view),
    .open = ideas_open,
    .enter = ideas_enter,
    .key = ideas_key,
    .draw = ideas_draw,
    .idle = ideas_idle,
    .leave = ideas_leave,
    .resize = ideas_resize,
    .refresh = ideas_refresh,
    .click = ideas_click,
    .selected = ideas_selected,
    .close = ideas_close,
};
