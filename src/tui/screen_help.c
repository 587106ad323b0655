/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_help.c: the help screen: the keys of the screen it was opened
 * from, made from that screen's key table, and the rules that hold
 * everywhere.
 */
#include "screen.h"

#include <stdio.h>

#include "model_keys.h"
#include "term.h"

static void
help_enter(struct app *a)
{
    const struct tui_keymap *km = a->help_for ? a->help_for
                                              : &tui_keys_ideas;

    if (!model_help_build(&a->help, km, a->role, a->cols,
                          app_body_rows(a, 1)))
        app_message(a, "%s", _("Out of memory."));
}

static void
help_resize(struct app *a)
{
    if (a->help.lines != NULL)
        help_enter(a);
}

static void
help_act(struct app *a, enum tui_action act, int key)
{
    (void)key;
    if (act == TUI_ACT_BACK) {
        app_pop(a);
        return;
    }
    model_help_apply(&a->help, act);
}

static void
help_draw(struct app *a, int *cy, int *cx)
{
    struct tui_row rows[256];
    size_t n = model_help_rows(&a->help, rows, 256);
    char title[256];

    /* The screen's title is a msgid of its own key table (N_ there). */
    snprintf(title, sizeof title, "%s  |  %s", _("Help"),
             a->help_for ? _(a->help_for->title) : "");
    term_text(0, 0, title, a->cols, TUI_STYLE_TITLE);
    for (size_t i = 0; i < n; i++)
        term_text(1 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
    /* A text to read: the cursor sits on its first line shown. */
    *cy = 1;
    *cx = 0;
}

const struct screen screen_help = {
    &tui_keys_help, help_enter, help_act, help_resize, help_draw, NULL,
};
