/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_menu.h: a short list to choose from (a status, a theme, a filter)
 * and the list navigation every list model shares.
 */
#ifndef CONSULT_TUI_MODEL_MENU_H
#define CONSULT_TUI_MODEL_MENU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tui.h"

/*
 * Move a selection `*sel` among `count` lines shown `height` at a time
 * from `*top`, for UP, DOWN, PGUP, PGDN, HOME and END; keeps the
 * selection in view. Returns true if the action was a move.
 */
bool model_list_move(size_t *sel, size_t *top, size_t count, int height,
                     enum tui_action a);
/* Keep `*sel` within `count` and in view from `*top`. */
void model_list_clamp(size_t *sel, size_t *top, size_t count, int height);

struct menu_item {
    char label[200];            /* UTF-8, shown as is */
    int64_t value;              /* what choosing it gives */
};

struct model_menu {
    char title[200];            /* what is being chosen */
    struct menu_item *items;    /* owned */
    size_t count, cap;
    size_t sel;                 /* selected item */
    size_t top;                 /* first item shown */
};

void model_menu_init(struct model_menu *mm, const char *title);
void model_menu_free(struct model_menu *mm);
/* Add an item (label copied). False when out of memory. */
bool model_menu_add(struct model_menu *mm, const char *label, int64_t value);
/* Put the selection on the item whose value is `value`, if any. */
void model_menu_select_value(struct model_menu *mm, int64_t value);
/* Move; returns true if `a` was a move. */
bool model_menu_apply(struct model_menu *mm, enum tui_action a, int height);
/* Select the item shown on line `line` of the list (a click). */
bool model_menu_click(struct model_menu *mm, int line, int height);
/* The selected item's value (0 when empty). */
int64_t model_menu_value(const struct model_menu *mm);

/* The lines shown, `height` at most, each fitted to `width`; the cursor's
 * line is written to `*cursor`. Returns the number of lines. */
size_t model_menu_rows(struct model_menu *mm, int width, int height,
                       struct tui_row *rows, int *cursor);

#endif /* CONSULT_TUI_MODEL_MENU_H */
