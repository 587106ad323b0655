/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_help.c: the help screen's lines (see model_help.h).
 */
#include "model_help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_keys.h"
#include "text.h"

#define KEYS_COLS 18            /* the keys column */

static bool
add(struct model_help *h, const char *text, enum tui_style style)
{
    if (h->count == h->cap) {
        size_t ncap = h->cap ? h->cap * 2 : 64;
        void *p = realloc(h->lines, ncap * sizeof *h->lines);

        if (p == NULL)
            return false;
        h->lines = p;
        h->cap = ncap;
    }
    tui_fit(h->lines[h->count].text, sizeof h->lines[0].text, text,
            h->width, true);
    h->lines[h->count].style = style;
    h->lines[h->count].id = 0;
    h->count++;
    return true;
}

/* Add `text` wrapped after a first column `first` (`indent` columns wide,
 * blank on the lines that follow). */
static bool
add_wrapped(struct model_help *h, const char *first, int indent,
            const char *text)
{
    struct tui_span sp[32];
    size_t n = tui_wrap_display(text, strlen(text), h->width - indent - 1,
                                sp, 32);
    char col[128], line[TUI_ROW_BYTES + 130], part[TUI_ROW_BYTES];

    if (n > 32)
        n = 32;
    for (size_t i = 0; i < n; i++) {
        tui_fit(col, sizeof col, i == 0 ? first : "", indent, true);
        tui_span_text(part, sizeof part, text, &sp[i]);
        snprintf(line, sizeof line, "%s %s", col, part);
        if (!add(h, line, TUI_STYLE_NORMAL))
            return false;
    }
    return true;
}

bool
model_help_build(struct model_help *h, const struct tui_keymap *km,
                 enum cs_role role, int width, int height)
{
    struct tui_help_line lines[64];
    size_t n = tui_keymap_help(km, role, lines, 64);
    char title[256];
    static const char *const general[] = {
        N_("Esc then a digit, or Alt and a digit, works as F1 to F10 (0 is "
           "F10), for terminals that keep the function keys for "
           "themselves. Esc alone goes back after a moment; Esc Esc goes "
           "back at once."),
        N_("In a text being typed: Left, Right, Home, End, Backspace, Del; "
           "Ctrl-Left and Ctrl-Right move by words; Ctrl-K cuts to the end "
           "of the line, Ctrl-U to its start, Ctrl-W the word before; F2 or "
           "Ctrl-S saves; Esc cancels."),
        N_("The mouse: a click selects a line or presses a key of the "
           "bottom bar; to select text to copy, hold Shift while dragging."),
        N_("Every action here also exists as a command: see "
           "\"consult --help\" and consult(1)."),
    };

    model_help_free(h);
    h->width = width;
    h->height = height;
    if (n > 64)
        n = 64;
    snprintf(title, sizeof title, _("Keys of the screen \"%s\""),
             _(km->title));
    if (!add(h, title, TUI_STYLE_HEADING) || !add(h, "", TUI_STYLE_NORMAL))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!add_wrapped(h, lines[i].keys, KEYS_COLS, lines[i].text))
            return false;
    if (!add(h, "", TUI_STYLE_NORMAL)
        || !add(h, _("Everywhere"), TUI_STYLE_HEADING)
        || !add(h, "", TUI_STYLE_NORMAL))
        return false;
    for (size_t i = 0; i < sizeof general / sizeof *general; i++)
        if (!add_wrapped(h, "", 1, _(general[i])))
            return false;
    return true;
}

void
model_help_free(struct model_help *h)
{
    free(h->lines);
    memset(h, 0, sizeof *h);
}

void
model_help_apply(struct model_help *h, enum tui_action a)
{
    size_t page = h->height > 1 ? (size_t)h->height - 1 : 1;
    size_t last = h->count > (size_t)h->height ? h->count - (size_t)h->height
                                               : 0;

    switch (a) {
    case TUI_ACT_UP: if (h->top > 0) h->top--; break;
    case TUI_ACT_DOWN: if (h->top < last) h->top++; break;
    case TUI_ACT_PGUP: h->top = h->top > page ? h->top - page : 0; break;
    case TUI_ACT_PGDN:
        h->top = h->top + page < last ? h->top + page : last;
        break;
    case TUI_ACT_HOME: h->top = 0; break;
    case TUI_ACT_END: h->top = last; break;
    default: break;
    }
}

size_t
model_help_rows(const struct model_help *h, struct tui_row *rows, size_t max)
{
    size_t n = 0;

    for (size_t i = h->top; i < h->count && n < max
                            && n < (size_t)h->height; i++)
        rows[n++] = h->lines[i];
    return n;
}

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */

static const struct tui_binding help_bindings[] = {
    TUI_BACK_BINDING,
    TUI_QUIT_BINDING,
    TUI_MOVE_BINDINGS,
    TUI_REDRAW_BINDING,
};

/* Opened by every screen's help key (the shell's). */
const struct tui_keymap model_help_keys =
    TUI_KEYMAP(N_("Help"), help_bindings);
