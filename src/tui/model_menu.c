/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_menu.c: list navigation and the choice menu (see model_menu.h).
 */
#include "model_menu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

void
model_list_clamp(size_t *sel, size_t *top, size_t count, int height)
{
    size_t h = height > 0 ? (size_t)height : 1;

    if (count == 0) {
        *sel = *top = 0;
        return;
    }
    if (*sel >= count)
        *sel = count - 1;
    if (*top > *sel)
        *top = *sel;
    if (*sel >= *top + h)
        *top = *sel - h + 1;
    /* No blank lines at the bottom while lines are hidden above. */
    if (*top + h > count)
        *top = count > h ? count - h : 0;
}

bool
model_list_move(size_t *sel, size_t *top, size_t count, int height,
                enum tui_action a)
{
    size_t h = height > 1 ? (size_t)height - 1 : 1;

    switch (a) {
    case TUI_ACT_UP:
        if (*sel > 0)
            (*sel)--;
        break;
    case TUI_ACT_DOWN:
        if (*sel + 1 < count)
            (*sel)++;
        break;
    case TUI_ACT_PGUP:
        *sel = *sel > h ? *sel - h : 0;
        break;
    case TUI_ACT_PGDN:
        *sel = *sel + h < count ? *sel + h : (count ? count - 1 : 0);
        break;
    case TUI_ACT_HOME:
        *sel = 0;
        break;
    case TUI_ACT_END:
        *sel = count ? count - 1 : 0;
        break;
    default:
        return false;
    }
    model_list_clamp(sel, top, count, height);
    return true;
}

void
model_menu_init(struct model_menu *mm, const char *title)
{
    memset(mm, 0, sizeof *mm);
    snprintf(mm->title, sizeof mm->title, "%s", title ? title : "");
}

void
model_menu_free(struct model_menu *mm)
{
    free(mm->items);
    memset(mm, 0, sizeof *mm);
}

bool
model_menu_add(struct model_menu *mm, const char *label, int64_t value)
{
    if (mm->count == mm->cap) {
        size_t ncap = mm->cap ? mm->cap * 2 : 16;
        void *p = realloc(mm->items, ncap * sizeof *mm->items);

        if (p == NULL)
            return false;
        mm->items = p;
        mm->cap = ncap;
    }
    snprintf(mm->items[mm->count].label, sizeof mm->items[0].label, "%s",
             label ? label : "");
    mm->items[mm->count].value = value;
    mm->count++;
    return true;
}

void
model_menu_select_value(struct model_menu *mm, int64_t value)
{
    for (size_t i = 0; i < mm->count; i++)
        if (mm->items[i].value == value) {
            mm->sel = i;
            return;
        }
}

bool
model_menu_apply(struct model_menu *mm, enum tui_action a, int height)
{
    return model_list_move(&mm->sel, &mm->top, mm->count, height, a);
}

bool
model_menu_click(struct model_menu *mm, int line, int height)
{
    model_list_clamp(&mm->sel, &mm->top, mm->count, height);
    if (line < 0 || mm->top + (size_t)line >= mm->count)
        return false;
    mm->sel = mm->top + (size_t)line;
    return true;
}

int64_t
model_menu_value(const struct model_menu *mm)
{
    return mm->count ? mm->items[mm->sel].value : 0;
}

size_t
model_menu_rows(struct model_menu *mm, int width, int height,
                struct tui_row *rows, int *cursor)
{
    size_t n = 0;

    model_list_clamp(&mm->sel, &mm->top, mm->count, height);
    *cursor = 0;
    for (size_t i = mm->top; i < mm->count && n < (size_t)height; i++, n++) {
        char line[TUI_ROW_BYTES];
        bool sel = i == mm->sel;

        snprintf(line, sizeof line, "%s %s", sel ? ">" : " ",
                 mm->items[i].label);
        tui_fit(rows[n].text, sizeof rows[n].text, line, width, true);
        rows[n].style = sel ? TUI_STYLE_SELECTED : TUI_STYLE_NORMAL;
        rows[n].id = mm->items[i].value;
        if (sel)
            *cursor = (int)n;
    }
    return n;
}
