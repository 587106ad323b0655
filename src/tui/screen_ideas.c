/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_ideas.c: the ideas list, the triage desk: keys to model calls
 * (moves, search as you type, filters, sorts, marks, bulk status) and the
 * model's rows to the screen.
 */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "model_keys.h"
#include "term.h"

enum {
    P_FILTER = 1,
    P_THEME,
    P_STATUS,
    P_CHANNEL,
    P_TAG,
    P_CLEAR
};

static char search_before[256];     /* the search when the prompt opened */

static void
check(struct app *a, enum cs_rc rc, const struct cs_error *err)
{
    if (rc != CS_OK)
        app_error(a, err);
}

static void
ideas_enter(struct app *a)
{
    struct cs_error err;

    if (!a->ideas_open) {
        if (model_ideas_init(&a->ideas, a->db, a->cons_id, a->cons_code,
                             a->cols, app_body_rows(a, 2), &err) != CS_OK) {
            app_error(a, &err);
            model_ideas_free(&a->ideas);
            return;
        }
        a->ideas_open = true;
        return;
    }
    /* Back on the list: what others changed meanwhile shows. */
    check(a, model_ideas_apply(&a->ideas, TUI_ACT_REFRESH, &err), &err);
}

static void
ideas_resize(struct app *a)
{
    struct cs_error err;

    if (a->ideas_open)
        check(a, model_ideas_resize(&a->ideas, a->cols, app_body_rows(a, 2),
                                    &err), &err);
}

/* ---------------------------------------------------------------- search */

/* Each keystroke only notes the text: the search runs when no key is
 * waiting (screen_app.c's idle steps), so fast typing never waits for a
 * search it has already typed past. */
static void
search_changed(struct app *a)
{
    snprintf(a->search_text, sizeof a->search_text, "%s",
             tui_edit_text(&a->dlg.edit));
    a->search_pending = true;
}

enum cs_rc
screen_ideas_search_now(struct app *a, struct cs_error *err)
{
    a->search_pending = false;
    return model_ideas_search(&a->ideas, a->search_text, err);
}

static void
search_done(struct app *a, bool ok)
{
    struct cs_error err;

    if (!ok) {
        a->search_pending = false;
        check(a, model_ideas_search(&a->ideas, search_before, &err), &err);
    } else if (a->search_pending) {
        check(a, screen_ideas_search_now(a, &err), &err);
    }
}

/* ---------------------------------------------------------------- filters */

static void
filter_value_done(struct app *a, bool ok)
{
    struct cs_error err;
    int64_t v = model_menu_value(&a->dlg.menu);
    enum cs_rc rc = CS_OK;

    if (!ok)
        return;
    switch (a->dlg.purpose) {
    case P_THEME:
        rc = model_ideas_filter_theme(&a->ideas, v, &err);
        break;
    case P_STATUS:
        rc = model_ideas_filter_status(&a->ideas, (int)v, &err);
        break;
    case P_CHANNEL:
        rc = model_ideas_filter_channel(&a->ideas, (int)v, &err);
        break;
    default:
        break;
    }
    check(a, rc, &err);
}

static void
tag_done(struct app *a, bool ok)
{
    struct cs_error err;

    if (ok)
        check(a, model_ideas_filter_tag(&a->ideas,
                                        tui_edit_text(&a->dlg.edit), &err),
              &err);
}

static void
filter_done(struct app *a, bool ok)
{
    struct cs_error err;
    int64_t what = model_menu_value(&a->dlg.menu);

    if (!ok)
        return;
    switch (what) {
    case P_THEME:
        if (model_ideas_themes(&a->ideas, &err) != CS_OK) {
            app_error(a, &err);
            return;
        }
        app_menu(a, _("Show the ideas of theme"), P_THEME, 0,
                 filter_value_done);
        model_menu_add(&a->dlg.menu, _("(every theme)"), 0);
        for (size_t i = 0; i < a->ideas.theme_count; i++)
            model_menu_add(&a->dlg.menu, a->ideas.themes[i].code,
                           a->ideas.themes[i].id);
        model_menu_select_value(&a->dlg.menu, a->ideas.filter.theme_id);
        break;
    case P_STATUS:
        app_menu(a, _("Show the ideas with status"), P_STATUS, 0,
                 filter_value_done);
        model_menu_add(&a->dlg.menu, _("(every status)"), -1);
        for (int s = 0; s < CS_STATUS_COUNT; s++)
            model_menu_add(&a->dlg.menu, cs_status_label((enum cs_status)s),
                           s);
        model_menu_select_value(&a->dlg.menu, a->ideas.filter.status);
        break;
    case P_CHANNEL:
        app_menu(a, _("Show the ideas that came through"), P_CHANNEL, 0,
                 filter_value_done);
        model_menu_add(&a->dlg.menu, _("(every channel)"), -1);
        for (int c = 0; c < CS_CHANNEL_COUNT; c++)
            model_menu_add(&a->dlg.menu,
                           cs_channel_label((enum cs_channel)c), c);
        model_menu_select_value(&a->dlg.menu, a->ideas.filter.channel);
        break;
    case P_TAG:
        app_prompt(a, _("Tag (empty: any): "), a->ideas.tag, 0, 0, tag_done,
                   NULL);
        break;
    default:
        check(a, model_ideas_apply(&a->ideas, TUI_ACT_CLEAR_FILTERS, &err),
              &err);
        break;
    }
}

static void
open_filter_menu(struct app *a)
{
    app_menu(a, _("Filter the ideas by"), P_FILTER, 0, filter_done);
    model_menu_add(&a->dlg.menu, _("Theme"), P_THEME);
    model_menu_add(&a->dlg.menu, _("Status"), P_STATUS);
    model_menu_add(&a->dlg.menu, _("Channel"), P_CHANNEL);
    model_menu_add(&a->dlg.menu, _("Tag"), P_TAG);
    model_menu_add(&a->dlg.menu, _("No filter, no search"), P_CLEAR);
}

/* ---------------------------------------------------------------- status */

static void
apply_status(struct app *a, enum cs_status to, const char *text)
{
    struct cs_error err;
    size_t changed = 0, refused = 0;
    enum cs_rc rc;

    cs_error_clear(&err);
    rc = model_ideas_set_status(&a->ideas, to, text, &changed, &refused,
                                &err);
    (void)refused;                  /* all or none: the error says it */
    if (rc != CS_OK) {
        app_error(a, &err);
    } else {
        app_message(a, dngettext(TUI_TEXTDOMAIN, "%zu idea is now %s.",
                                 "%zu ideas are now %s.", changed),
                    changed, cs_status_label(to));
    }
}

static void
ask_status(struct app *a)
{
    char what[128];
    int current = -1;

    if (a->ideas.mark_count) {
        snprintf(what, sizeof what,
                 dngettext(TUI_TEXTDOMAIN, "%zu marked idea",
                           "%zu marked ideas", a->ideas.mark_count),
                 a->ideas.mark_count);
    } else if (a->ideas.count) {
        snprintf(what, sizeof what, _("idea %lld"),
                 (long long)model_ideas_selected(&a->ideas));
        current = a->ideas.rows[a->ideas.sel].status;
    } else {
        app_message(a, "%s", _("No idea is selected."));
        return;
    }
    app_ask_status(a, what, current, NULL,
                   a->ideas.mark_count ? 0
                                       : model_ideas_selected(&a->ideas),
                   apply_status);
}

/* ---------------------------------------------------------------- keys */

static void
ideas_act(struct app *a, enum tui_action act, int key)
{
    struct cs_error err;

    (void)key;
    if (!a->ideas_open)
        return;
    switch (act) {
    case TUI_ACT_OPEN:
        if (model_ideas_selected(&a->ideas) == 0)
            app_message(a, "%s", _("No idea is selected."));
        else
            app_push_arg(a, SCR_IDEA, model_ideas_selected(&a->ideas));
        break;
    case TUI_ACT_SEARCH:
        snprintf(search_before, sizeof search_before, "%s", a->ideas.query);
        app_prompt(a, _("Search: "), a->ideas.query, 0, 0, search_done,
                   search_changed);
        break;
    case TUI_ACT_BACK:
        if (a->ideas.query[0])
            check(a, model_ideas_search(&a->ideas, "", &err), &err);
        break;
    case TUI_ACT_FILTER:
        open_filter_menu(a);
        break;
    case TUI_ACT_STATUS:
        ask_status(a);
        break;
    case TUI_ACT_CONSULTATIONS:
        app_reset(a, SCR_CONS);
        break;
    case TUI_ACT_TEMPLATES:
        if (a->cons_id == 0)
            app_message(a, "%s", _("Choose a consultation first."));
        else
            app_push(a, SCR_TEMPLATES);
        break;
    case TUI_ACT_STATS:
        if (a->cons_id == 0)
            app_message(a, "%s", _("Choose a consultation first."));
        else
            app_push(a, SCR_STATS);
        break;
    case TUI_ACT_TRIAGE:
        if (a->cons_id == 0)
            app_message(a, "%s", _("Choose a consultation first."));
        else
            app_push(a, SCR_TRIAGE);
        break;
    case TUI_ACT_REFRESH:
        if (model_ideas_apply(&a->ideas, act, &err) != CS_OK)
            app_error(a, &err);
        else
            app_message(a, "%s", _("Read again from the database."));
        break;
    default:
        check(a, model_ideas_apply(&a->ideas, act, &err), &err);
        break;
    }
}

static void
ideas_draw(struct app *a, int *cy, int *cx)
{
    struct tui_row rows[256];
    char line[TUI_ROW_BYTES];
    size_t n;

    *cy = 2;
    *cx = 0;
    if (!a->ideas_open) {
        term_text(0, 0, a->cons_code, a->cols, TUI_STYLE_TITLE);
        return;
    }
    model_ideas_header(&a->ideas, line, sizeof line);
    term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
    model_ideas_columns(&a->ideas, line, sizeof line);
    term_text(1, 0, line, a->cols, TUI_STYLE_HEADING);
    n = model_ideas_rows(&a->ideas, rows, 256);
    for (size_t i = 0; i < n; i++)
        term_text(2 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
    if (n == 0)
        term_text(2, 2, a->ideas.query[0] || a->ideas.filter.status != -1
                        || a->ideas.filter.theme_id
                        || a->ideas.filter.channel != -1 || a->ideas.tag[0]
                        ? _("No idea matches. Press x to clear the search "
                            "and the filters.")
                        : _("No idea yet."), a->cols - 2, TUI_STYLE_NORMAL);
    *cy = 2 + (int)a->ideas.sel;
}

static void
ideas_click(struct app *a, int line)
{
    if (a->ideas_open && line >= 2)
        model_ideas_click(&a->ideas, line - 2);
}

const struct screen screen_ideas = {
    &tui_keys_ideas, ideas_enter, ideas_act, ideas_resize, ideas_draw,
    ideas_click,
};
