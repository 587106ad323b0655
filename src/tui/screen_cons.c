/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_cons.c: the consultations screen: one line per consultation;
 * Enter opens its ideas, "g" its statistics, "t" its triage.
 */
#include "screen.h"

#include <stdio.h>

#include "model_keys.h"
#include "term.h"

static void
cons_enter(struct app *a)
{
    struct cs_error err;

    if (!a->cons_open) {
        if (model_cons_init(&a->cons, a->db, a->cols, app_body_rows(a, 2),
                            &err) != CS_OK) {
            app_error(a, &err);
            return;
        }
        a->cons_open = true;
    } else if (model_cons_reload(&a->cons, &err) != CS_OK) {
        app_error(a, &err);
    }
    model_cons_select(&a->cons, a->cons_id);
}

static void
cons_resize(struct app *a)
{
    if (a->cons_open)
        model_cons_resize(&a->cons, a->cols, app_body_rows(a, 2));
}

/* Make the selected consultation the one worked on. */
static bool
choose(struct app *a)
{
    const struct cs_consultation *c = model_cons_selected(&a->cons);

    if (c == NULL) {
        app_message(a, "%s", _("There is no consultation yet."));
        return false;
    }
    if (a->ideas_open && a->cons_id != c->id) {
        model_ideas_free(&a->ideas);
        a->ideas_open = false;
    }
    a->cons_id = c->id;
    snprintf(a->cons_code, sizeof a->cons_code, "%s", c->code);
    return true;
}

static void
cons_act(struct app *a, enum tui_action act, int key)
{
    (void)key;
    if (!a->cons_open)
        return;
    switch (act) {
    case TUI_ACT_OPEN:
        if (choose(a))
            app_push(a, SCR_IDEAS);
        break;
    case TUI_ACT_TRIAGE:
        if (choose(a))
            app_push(a, SCR_TRIAGE);
        break;
    case TUI_ACT_STATS:
        if (choose(a))
            app_push(a, SCR_STATS);
        break;
    case TUI_ACT_REFRESH:
        cons_enter(a);
        break;
    default:
        model_cons_apply(&a->cons, act);
        break;
    }
}

static void
cons_draw(struct app *a, int *cy, int *cx)
{
    struct tui_row rows[256];
    char line[TUI_ROW_BYTES];
    int cur = 0;
    size_t n = 0;

    if (a->cons_open) {
        model_cons_header(&a->cons, line, sizeof line);
        term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
        model_cons_columns(&a->cons, line, sizeof line);
        term_text(1, 0, line, a->cols, TUI_STYLE_HEADING);
        n = model_cons_rows(&a->cons, rows, 256, &cur);
    } else {
        term_text(0, 0, _("Consultations"), a->cols, TUI_STYLE_TITLE);
    }
    for (size_t i = 0; i < n; i++)
        term_text(2 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
    *cy = 2 + cur;
    *cx = 0;
}

static void
cons_click(struct app *a, int line)
{
    if (a->cons_open && line >= 2)
        model_cons_click(&a->cons, line - 2);
}

const struct screen screen_cons = {
    &tui_keys_cons, cons_enter, cons_act, cons_resize, cons_draw,
    cons_click,
};
