/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_help.h: the help screen's text, made from a screen's key table
 * (so it always says what the keys really do) and the rules that hold
 * everywhere (Esc then a digit for F-keys, Shift+drag to copy), wrapped
 * to the width, and scrolled.
 */
#ifndef CONSULT_TUI_MODEL_HELP_H
#define CONSULT_TUI_MODEL_HELP_H

#include <stddef.h>

#include "consult/db.h"
#include "keymap.h"
#include "tui.h"

struct model_help {
    struct tui_row *lines;      /* owned */
    size_t count, cap;
    size_t top;                 /* first line shown */
    int width, height;
};

/* Lay out the help of keymap `km` for `role` in `width` columns. False
 * when out of memory. */
bool model_help_build(struct model_help *h, const struct tui_keymap *km,
                      enum cs_role role, int width, int height);
void model_help_free(struct model_help *h);
/* UP, DOWN, PGUP, PGDN, HOME, END scroll. */
void model_help_apply(struct model_help *h, enum tui_action a);
/* The lines shown (at most `max`). */
size_t model_help_rows(const struct model_help *h, struct tui_row *rows,
                       size_t max);

#endif /* CONSULT_TUI_MODEL_HELP_H */
