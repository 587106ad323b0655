/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * textedit.h: the one line editor and multi-line text editor of the
 * terminal interface (search field, tag, reason, official answer,
 * comment). No curses: it takes tui_key values and gives the text, the
 * visible lines and the cursor's place for a given width; the screens
 * draw that.
 *
 * The text is UTF-8. The cursor moves by characters (a character and the
 * combining marks that follow it move and are deleted together), by words
 * with Ctrl-Left and Ctrl-Right, and, in a multi-line editor, by lines of
 * the word-wrapped text, keeping its column.
 *
 * Keys: characters insert; Left, Right, Home (Ctrl-A), End (Ctrl-E),
 * Backspace, Delete (Ctrl-D), Ctrl-K (to the end of the line), Ctrl-U (to
 * its start), Ctrl-W (the word before); in multi-line, Up, Down, PgUp,
 * PgDn, and Enter for a new line.
 */
#ifndef CONSULT_TUI_TEXTEDIT_H
#define CONSULT_TUI_TEXTEDIT_H

#include <stdbool.h>
#include <stddef.h>

struct tui_edit {
    char *buf;              /* UTF-8, NUL-terminated; owned */
    size_t len;             /* bytes in buf */
    size_t cap;             /* bytes allocated */
    size_t cur;             /* cursor: byte offset, on a character start */
    size_t max;             /* most bytes accepted, 0: no limit */
    bool multiline;         /* Enter inserts a newline */
    bool changed;           /* edited since init / tui_edit_set */
    int goal;               /* column Up/Down aim for, -1: the cursor's */
    int top;                /* first line shown (multi-line) or first
                               column shown (one line) */
};

/* Start an empty editor (`max` bytes at most, 0: no limit). */
void tui_edit_init(struct tui_edit *e, bool multiline, size_t max);
/* Free the text. */
void tui_edit_clear(struct tui_edit *e);

/* Replace the text (copied; newlines dropped in a one-line editor) and
 * put the cursor at its end; `changed` is reset. False when out of
 * memory. */
bool tui_edit_set(struct tui_edit *e, const char *text);
/* The text; borrowed until the next change. Never NULL. */
const char *tui_edit_text(const struct tui_edit *e);
/* True when the text holds only blanks. */
bool tui_edit_is_blank(const struct tui_edit *e);

/* Insert `s` at the cursor. False when out of memory or beyond `max`. */
bool tui_edit_insert(struct tui_edit *e, const char *s);

/*
 * Apply key `key` (a tui_key) for an editor `width` columns wide and
 * `height` lines high (multi-line; 1 otherwise). Returns true when the key
 * was the editor's (it moved the cursor or changed the text), false when
 * it was not (Esc, F-keys, Tab, Enter in a one-line editor...), so the
 * caller can act on it.
 */
bool tui_edit_key(struct tui_edit *e, int key, int width, int height);

/* One line of the editor as shown. */
struct tui_edit_line {
    char text[1024];        /* UTF-8, fitted to the width */
};

/*
 * What a `width` x `height` editor shows: writes `height` lines (blank
 * ones past the text) and the cursor's row and column in that box, and
 * scrolls (e->top) so the cursor is visible. A one-line editor scrolls
 * sideways. Returns the number of lines the whole text takes.
 */
size_t tui_edit_view(struct tui_edit *e, int width, int height,
                     struct tui_edit_line *lines, int *row, int *col);

#endif /* CONSULT_TUI_TEXTEDIT_H */
