/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_cons.c: the consultations screen: one line per consultation;
 * Enter opens its ideas, "g" its statistics, "t" its triage. With a
 * single consultation, its ideas open at once (Esc or "c" comes back).
 */
#include "screen.h"

#include <stdio.h>

#include "model_cons.h"
#include "term.h"

struct cons_screen {
    struct model_cons cons;
    bool open;                  /* the list was read */
};

static void
cons_enter(struct app *a, void *st)
{
    struct cons_screen *s = st;
    struct cs_error err;

    if (!s->open) {
        if (model_cons_init(&s->cons, a->db, a->cols, app_body_rows(a, 2),
                            &err) != CS_OK) {
            app_error(a, &err);
            return;
        }
        s->open = true;
    } else if (model_cons_reload(&s->cons, &err) != CS_OK) {
        app_error(a, &err);
    }
    model_cons_select(&s->cons, a->cons_id);
}

/* Make the selected consultation the one worked on. */
static bool
choose(struct app *a, struct cons_screen *s)
{
    const struct cs_consultation *c = model_cons_selected(&s->cons);

    if (c == NULL) {
        app_message(a, "%s", _("There is no consultation yet."));
        return false;
    }
    a->cons_id = c->id;
    snprintf(a->cons_code, sizeof a->cons_code, "%s", c->code);
    return true;
}

static void
cons_open(struct app *a, void *st, int64_t arg)
{
    struct cons_screen *s = st;

    (void)arg;
    cons_enter(a, st);
    /* One consultation: straight to its ideas. */
    if (s->open && s->cons.list->count == 1 && choose(a, s))
        app_push(a, tui_ideas_screen, 0);
}

/* The screens opened from here are about the selected consultation: it
 * becomes the one worked on. */
static int64_t
cons_selected(struct app *a, void *st)
{
    struct cons_screen *s = st;

    return s->open && choose(a, s) ? a->cons_id : 0;
}

static void
cons_close(struct app *a, void *st)
{
    struct cons_screen *s = st;

    (void)a;
    if (s->open)
        model_cons_free(&s->cons);
}

static void
cons_resize(struct app *a, void *st)
{
    struct cons_screen *s = st;

    if (s->open)
        model_cons_resize(&s->cons, a->cols, app_body_rows(a, 2));
}

static bool
cons_idle(struct app *a, void *st)
{
    struct cons_screen *s = st;
    struct cs_error err;

    if (!s->open || !s->cons.counting)
        return false;
    if (model_cons_count_step(&s->cons, &err) != CS_OK)
        app_error(a, &err);
    return s->cons.counting;
}

static void
cons_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct cons_screen *s = st;

    (void)key;
    if (!s->open)
        return;
    switch (act) {
    case TUI_ACT_REFRESH:
        cons_enter(a, st);
        break;
    default:
        model_cons_apply(&s->cons, act);
        break;
    }
}

static void
cons_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct cons_screen *s = st;
    struct tui_row rows[256];
    char line[TUI_ROW_BYTES];
    int cur = 0;
    size_t n = 0;

    if (s->open) {
        model_cons_header(&s->cons, line, sizeof line);
        term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
        model_cons_columns(&s->cons, line, sizeof line);
        term_text(1, 0, line, a->cols, TUI_STYLE_HEADING);
        n = model_cons_rows(&s->cons, rows, 256, &cur);
    } else {
        term_text(0, 0, _("Consultations"), a->cols, TUI_STYLE_TITLE);
    }
    for (size_t i = 0; i < n; i++)
        term_text(2 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
    *cy = 2 + cur;
    *cx = 0;
}

static void
cons_click(struct app *a, void *st, int line)
{
    struct cons_screen *s = st;

    (void)a;
    if (s->open && line >= 2)
        model_cons_click(&s->cons, line - 2);
}

const struct screen screen_cons = {
    .size = sizeof(struct cons_screen),
    .open = cons_open,
    .enter = cons_enter,
    .key = cons_key,
    .draw = cons_draw,
    .idle = cons_idle,
    .resize = cons_resize,
    .click = cons_click,
    .selected = cons_selected,
    .close = cons_close,
};
