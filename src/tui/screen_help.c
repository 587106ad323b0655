/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_help.c: the help screen: the keys of the screen it was opened
 * from, made from that screen's key table, and the rules that hold
 * everywhere.
 */
#include "screen.h"

#include <stdio.h>

#include "model_help.h"
#include "model_keys.h"
#include "term.h"

struct help_screen {
    struct model_help help;
    const struct tui_keymap *keys;  /* the keys explained */
};

static void
help_build(struct app *a, struct help_screen *s)
{
    if (!model_help_build(&s->help, s->keys, a->role, a->cols,
                          app_body_rows(a, 1)))
        app_message(a, "%s", _("Out of memory."));
}

static void
help_open(struct app *a, void *st, int64_t arg)
{
    struct help_screen *s = st;

    (void)arg;
    s->keys = app_keys_below(a) ? app_keys_below(a) : &model_help_keys;
    help_build(a, s);
}

static void
help_close(struct app *a, void *st)
{
    struct help_screen *s = st;

    (void)a;
    model_help_free(&s->help);
}

static void
help_resize(struct app *a, void *st)
{
    struct help_screen *s = st;

    if (s->help.lines != NULL)
        help_build(a, s);
}

static void
help_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct help_screen *s = st;

    (void)key;
    if (act == TUI_ACT_BACK) {
        app_pop(a);
        return;
    }
    model_help_apply(&s->help, act);
}

static void
help_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct help_screen *s = st;
    struct tui_row rows[256];
    size_t n = model_help_rows(&s->help, rows, 256);
    char title[256];

    /* The screen's title is a msgid of its own key table (N_ there). */
    snprintf(title, sizeof title, "%s  |  %s", _("Help"), _(s->keys->title));
    term_text(0, 0, title, a->cols, TUI_STYLE_TITLE);
    for (size_t i = 0; i < n; i++)
        term_text(1 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
    /* A text to read: the cursor sits on its first line shown. */
    *cy = 1;
    *cx = 0;
}

const struct screen screen_help = {
    .size = sizeof(struct help_screen),
    .open = help_open,
    .key = help_key,
    .draw = help_draw,
    .resize = help_resize,
    .close = help_close,
};
