/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * textedit_fuzz.c: libFuzzer target for the terminal interface's text
 * editor (src/tui/textedit.c): keys typed into it, texts put in and
 * inserted, and views drawn at changing sizes.
 *
 * The input is a script:
 *   byte 0   bit 0: multi-line; bits 1-7: the byte limit / 4 (0: none)
 *   then one step per byte b:
 *     0x00-0x1f   that control key (Ctrl-A, Ctrl-K, Ctrl-U, Ctrl-W...)
 *     0x20-0x7e   that character
 *     0x7f-0x9f   a named key (arrows, PgUp, Home, Enter, Backspace, F1...)
 *     0xa0-0xdf   a character outside ASCII: the next byte picks it in a
 *                 block (accents, combining marks, CJK wide, emoji, €)
 *     0xe0-0xe7   tui_edit_set with the next (b & 7) * 4 bytes
 *     0xe8-0xef   tui_edit_insert with the next (b & 7) * 4 bytes
 *     0xf0-0xff   the size changes: the next byte, width 1-64 and height
 *                 1-8 (one line: 1)
 *   and after each step, tui_edit_view at the current size.
 *
 * Besides crashes and sanitizer reports, it stops when the editor's
 * state breaks its own rules: len is the text's length, the cursor is
 * within it and on a character's first byte, the limit is kept, no key
 * puts a newline into a one-line editor (a text inserted may hold one, as
 * a paste does), and the view's cursor lies inside the box.
 */
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "textedit.h"
#include "tui.h"

#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setlocale(LC_ALL, "C.UTF-8");
    return 0;
}

static const int named[] = {
    TUI_KEY_UP, TUI_KEY_DOWN, TUI_KEY_LEFT, TUI_KEY_RIGHT, TUI_KEY_PGUP,
    TUI_KEY_PGDN, TUI_KEY_HOME, TUI_KEY_END, TUI_KEY_ENTER, TUI_KEY_ESC,
    TUI_KEY_TAB, TUI_KEY_BTAB, TUI_KEY_BACKSPACE, TUI_KEY_DELETE,
    TUI_KEY_CTRL_LEFT, TUI_KEY_CTRL_RIGHT, TUI_KEY_RESIZE, TUI_KEY_MOUSE,
    TUI_KEY_WHEEL_UP, TUI_KEY_WHEEL_DOWN, TUI_KEY_F(1), TUI_KEY_F(10),
    0x7f
};

/* Blocks of code points: Latin-1 letters, combining marks, Greek, CJK
 * (two columns wide), emoji (wide, four bytes), punctuation (€, no-break
 * spaces, zero width ones). */
static const int blocks[] = { 0xc0, 0x300, 0x390, 0x4e00, 0x1f600, 0x2000 };

/* A valid UTF-8 string's character starts: the cursor must sit on one.
 * Valid as the editor's own decoder (text.c) reads it: no overlong form,
 * no surrogate, nothing above U+10FFFF; a bad byte decodes as U+FFFD in
 * one byte (a real U+FFFD takes three). */
static bool
valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = tui_u8_next(s + i, n - i, &cp);

        if (cp == 0xfffd && k == 1)
            return false;
        i += k;
    }
    return true;
}

/* A text with a line break was inserted since the last tui_edit_set. */
static bool inserted_break;

static void
check(const struct tui_edit *e, bool utf8)
{
    const char *t = tui_edit_text(e);

    CHECK(t != NULL);
    CHECK(strlen(t) == e->len);
    CHECK(e->cur <= e->len);
    if (e->max)
        CHECK(e->len <= e->max);
    /* No key puts a line break into a one-line editor (a text inserted
     * may hold one, as a paste does: the core refuses it on saving). */
    if (!e->multiline && !inserted_break)
        CHECK(memchr(t, '\n', e->len) == NULL);
    if (utf8 && valid_utf8(t, e->len))
        CHECK(e->cur == e->len
              || ((unsigned char)t[e->cur] & 0xc0) != 0x80);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct tui_edit_line lines[8];
    struct tui_edit e;
    int width = 20, height = 1;
    bool utf8 = true;       /* only valid text went in */
    size_t i = 1;

    if (size == 0)
        return 0;
    tui_edit_init(&e, data[0] & 1, (size_t)(data[0] >> 1) * 4);
    inserted_break = false;
    if (e.multiline)
        height = 4;
    while (i < size) {
        uint8_t b = data[i++];
        int row = -1, col = -1;

        if (b < 0x7f) {
            tui_edit_key(&e, b, width, height);
        } else if (b <= 0x9f) {
            tui_edit_key(&e, named[(b - 0x7f) % (sizeof named
                                                 / sizeof *named)],
                         width, height);
        } else if (b <= 0xdf) {
            int base = blocks[(b - 0xa0) % (sizeof blocks / sizeof *blocks)];

            tui_edit_key(&e, base + (i < size ? data[i++] : 0), width,
                         height);
        } else if (b <= 0xef) {
            size_t n = (size_t)(b & 7) * 4;
            char buf[32];

            if (n > size - i)
                n = size - i;
            memcpy(buf, data + i, n);
            buf[n] = '\0';
            i += n;
            /* The text used ends at a NUL, if any: its validity is that
             * of what goes in. */
            if (!valid_utf8(buf, strlen(buf)))
                utf8 = false;
            if (b <= 0xe7) {
                tui_edit_set(&e, buf);
                inserted_break = false;
            } else if (tui_edit_insert(&e, buf) && strchr(buf, '\n')) {
                inserted_break = true;
            }
        } else if (i < size) {
            uint8_t s = data[i++];

            width = 1 + (s & 63);
            height = e.multiline ? 1 + (s >> 6) * 2 + (b & 1) : 1;
        }
        check(&e, utf8);
        tui_edit_view(&e, width, height, lines, &row, &col);
        CHECK(row >= 0 && row < height);
        CHECK(col >= 0 && col <= width);
        check(&e, utf8);
    }
    tui_edit_clear(&e);
    return 0;
}
