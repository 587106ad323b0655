/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * term.h: the terminal under the interface. term.c is the only file that
 * starts and stops curses; it reads keys (as tui_key values, with Esc-digit
 * and Alt-digit made F-keys), and draws text lines, the F-key bar and the
 * cursor for the screens, which make no decisions of their own.
 */
#ifndef CONSULT_TUI_TERM_H
#define CONSULT_TUI_TERM_H

#include <stdbool.h>

#include "keymap.h"
#include "tui.h"

struct term_opts {
    bool mouse;             /* report clicks and the wheel */
    bool cursor;            /* show the hardware cursor in lists too
                               (the default; --no-cursor hides it) */
};

/* Set the locale, start curses (ncursesw, keypad, raw keys, a short Esc
 * delay unless ESCDELAY is set, PuTTY's F1..F5 codes, colours unless
 * NO_COLOR is set). False if the terminal cannot be used. */
bool term_start(const struct term_opts *o);
/* Why term_start failed (translated, no trailing newline), or "". */
const char *term_start_error(void);
/* Give the terminal back as it was. Safe to call twice. */
void term_stop(void);

/* Whether the terminal shows UTF-8 (the locale's character set). */
bool term_is_utf8(void);
/* The terminal's size. */
void term_size(int *rows, int *cols);

/* Wait for the next key, at most `timeout_ms` (-1: as long as it takes),
 * and return it as a tui_key, or TUI_KEY_NONE when none came in time.
 * After TUI_KEY_MOUSE, term_mouse() gives where the click was. */
int term_read_key(int timeout_ms);
/* Drop the keys typed and not read yet (those pressed while a long
 * operation could not read them). */
void term_flush_input(void);
void term_mouse(int *y, int *x);
/* True once, after the first key that is not ASCII came in a locale that
 * is not UTF-8: the key was kept (the terminal's UTF-8 decoded, or a
 * Latin-1 byte), but such letters show as "?": say that accents need a
 * UTF-8 locale. */
bool term_take_accent_note(void);

/* ---------------------------------------------------------------- drawing */

/* Start a frame: erase the virtual screen (nothing is sent yet). With
 * `repaint`, the next update repaints the whole terminal (Ctrl-L, a
 * resize). */
void term_begin(bool repaint);
/* Draw UTF-8 `text` at (y, x), fitted to `width` columns and padded, in
 * `style`. */
void term_text(int y, int x, const char *text, int width,
               enum tui_style style);
/* Draw the F-key bar on line `y`: key numbers plain, labels in reverse. */
void term_bar(int y, const struct tui_bar *bar);
/* End a frame: place the hardware cursor at (y, x), show it if `visible`
 * (or if the options keep it visible), and send the changes. */
void term_end(int y, int x, bool visible);

#endif /* CONSULT_TUI_TERM_H */
