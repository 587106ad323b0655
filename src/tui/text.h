/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * text.h: UTF-8 text laid out in terminal columns: display widths (the
 * wcwidth of the C library, which ncursesw uses too, so our columns are
 * the terminal's), fitting a string to a width, and word wrapping.
 * No curses: the models use these to produce rows already fitted.
 *
 * Text from the database is always UTF-8. Outside a UTF-8 locale the
 * terminal cannot show it: every non-ASCII character then counts one
 * column and is drawn as "?" (tui_text_set_utf8(false)).
 */
#ifndef CONSULT_TUI_TEXT_H
#define CONSULT_TUI_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether the terminal shows UTF-8 (true until told otherwise). */
void tui_text_set_utf8(bool on);
bool tui_text_is_utf8(void);

/* Decode the character at `s` (at most `n` bytes, n >= 1): writes its code
 * point (U+FFFD for a bad byte) and returns its length in bytes (>= 1). */
size_t tui_u8_next(const char *s, size_t n, uint32_t *cp);

/* The length of the character that ends just before byte `i` of `s`. */
size_t tui_u8_prev(const char *s, size_t i);

/* Columns taken by code point `cp`: 0 for combining marks, 2 for wide
 * characters, 1 otherwise (control characters included: they are drawn
 * as a blank or "?"). */
int tui_cp_width(uint32_t cp);

/* Columns taken by the first `n` bytes of `s`. */
int tui_width_n(const char *s, size_t n);
/* Columns taken by `s`. */
int tui_width(const char *s);

/*
 * Write into `dst` (`size` bytes) the longest start of `s` that fits in
 * `width` columns; when `s` is cut, its last column shows an ellipsis
 * ("…", or "~" outside UTF-8). Newlines and tabs become blanks. With
 * `pad`, blanks fill the rest so the result takes exactly `width`
 * columns. Returns the columns written.
 */
int tui_fit(char *dst, size_t size, const char *s, int width, bool pad);

/* The same, right-aligned in `width` columns (for numbers). */
int tui_fit_right(char *dst, size_t size, const char *s, int width);

/* One line of wrapped text: bytes [start, start + len) of the text. */
struct tui_span {
    size_t start;           /* first byte */
    size_t len;             /* bytes, newline excluded */
};

/*
 * Cut `s` (`n` bytes) into lines of at most `width` columns: at newlines,
 * and between words where a line would be too long (a word longer than a
 * line is cut). The blanks at a soft break stay at the end of the line
 * before it, beyond the width (they are not drawn). Writes at most `max`
 * spans to `out` (which may be NULL with max 0) and returns how many lines
 * there are. Empty text, or text ending with a newline, ends with an
 * empty line.
 */
size_t tui_wrap(const char *s, size_t n, int width, struct tui_span *out,
                size_t max);

/* Tabs in text shown on screen reach the next multiple of this column. */
#define TUI_TAB_STOP 8

/*
 * Cut `s` as tui_wrap does, for showing it: a tab reaches the next tab
 * stop (TUI_TAB_STOP) counted from the start of its line, and the blanks
 * that end a line are left out of its span, so every span fits in `width`
 * columns once its tabs are expanded (tui_span_text), and no character
 * other than a blank is left out of every span.
 */
size_t tui_wrap_display(const char *s, size_t n, int width,
                        struct tui_span *out, size_t max);

/*
 * Write line `sp` of `s` into `dst` (`size` bytes, NUL-terminated) as it
 * is shown: each tab becomes the blanks up to the next tab stop. A line
 * that does not fit in `dst` stops before the first character that would
 * not (never half of one). Returns the bytes written.
 */
size_t tui_span_text(char *dst, size_t size, const char *s,
                     const struct tui_span *sp);

#endif /* CONSULT_TUI_TEXT_H */
