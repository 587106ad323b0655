/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * textedit.c: the line and text editor used by every prompt and form of
 * the terminal interface (see textedit.h). Pure text handling: keys in,
 * lines and a cursor position out.
 */
#include "textedit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "tui.h"

void
tui_edit_init(struct tui_edit *e, bool multiline, size_t max)
{
    memset(e, 0, sizeof *e);
    e->multiline = multiline;
    e->max = max;
    e->goal = -1;
}

void
tui_edit_clear(struct tui_edit *e)
{
    free(e->buf);
    e->buf = NULL;
    e->len = e->cap = e->cur = 0;
    e->top = 0;
    e->goal = -1;
}

static bool
reserve(struct tui_edit *e, size_t need)
{
    if (need + 1 <= e->cap)
        return true;
    {
        size_t ncap = (need + 1) * 2;
        char *p = realloc(e->buf, ncap);

        if (p == NULL)
            return false;
        if (e->buf == NULL)
            p[0] = '\0';       /* a first buffer holds the empty text */
        e->buf = p;
        e->cap = ncap;
        return true;
    }
}

const char *
tui_edit_text(const struct tui_edit *e)
{
    return e->buf ? e->buf : "";
}

bool
tui_edit_is_blank(const struct tui_edit *e)
{
    for (size_t i = 0; i < e->len; i++)
        if (e->buf[i] != ' ' && e->buf[i] != '\t' && e->buf[i] != '\n'
            && e->buf[i] != '\r')
            return false;
    return true;
}

bool
tui_edit_set(struct tui_edit *e, const char *text)
{
    size_t n = text ? strlen(text) : 0;

    if (e->max && n > e->max) {
        n = e->max;
        /* Never cut a character in two. */
        while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
            n--;
    }
    if (!reserve(e, n))
        return false;
    if (n)
        memcpy(e->buf, text, n);
    e->buf[n] = '\0';
    if (!e->multiline)
        for (size_t i = 0; i < n; i++)
            if (e->buf[i] == '\n' || e->buf[i] == '\r' || e->buf[i] == '\t')
                e->buf[i] = ' ';
    e->len = n;
    e->cur = n;
    e->top = 0;
    e->goal = -1;
    e->changed = false;
    return true;
}

bool
tui_edit_insert(struct tui_edit *e, const char *s)
{
    size_t n = strlen(s);

    if (n == 0)
        return true;
    if (e->max && e->len + n > e->max)
        return false;
    if (!reserve(e, e->len + n))
        return false;
    memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
    memcpy(e->buf + e->cur, s, n);
    e->len += n;
    e->cur += n;
    e->changed = true;
    return true;
}

static void
erase(struct tui_edit *e, size_t from, size_t to)
{
    if (to <= from)
        return;
    memmove(e->buf + from, e->buf + to, e->len - to + 1);
    e->len -= to - from;
    e->cur = from;
    e->changed = true;
}

/* ---------------------------------------------------------------- moves */

static uint32_t
cp_at(const struct tui_edit *e, size_t i)
{
    uint32_t cp;

    tui_u8_next(e->buf + i, e->len - i, &cp);
    return cp;
}

/* The start of the character (with its combining marks) after `i`. */
static size_t
char_right(const struct tui_edit *e, size_t i)
{
    uint32_t cp;

    if (i >= e->len)
        return e->len;
    i += tui_u8_next(e->buf + i, e->len - i, &cp);
    while (i < e->len) {
        size_t n = tui_u8_next(e->buf + i, e->len - i, &cp);

        if (cp == '\n' || tui_cp_width(cp) != 0)
            break;
        i += n;
    }
    return i;
}

/* The start of the character (with its combining marks) before `i`. */
static size_t
char_left(const struct tui_edit *e, size_t i)
{
    while (i > 0) {
        size_t n = tui_u8_prev(e->buf, i);
        uint32_t cp = cp_at(e, i - n);

        i -= n;
        if (cp == '\n' || tui_cp_width(cp) != 0)
            break;
    }
    return i;
}

static bool
is_word(uint32_t cp)
{
    return cp >= 0x80 || (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z')
           || (cp >= 'A' && cp <= 'Z') || cp == '_';
}

/* Words are walked a character (with its combining marks) at a time, so
 * that the cursor never stops between a letter and its accent. */
static size_t
word_left(const struct tui_edit *e, size_t i)
{
    while (i > 0 && !is_word(cp_at(e, char_left(e, i))))
        i = char_left(e, i);
    while (i > 0 && is_word(cp_at(e, char_left(e, i))))
        i = char_left(e, i);
    return i;
}

static size_t
word_right(const struct tui_edit *e, size_t i)
{
    while (i < e->len && !is_word(cp_at(e, i)))
        i = char_right(e, i);
    while (i < e->len && is_word(cp_at(e, i)))
        i = char_right(e, i);
    return i;
}

static size_t
line_start(const struct tui_edit *e, size_t i)
{
    while (i > 0 && e->buf[i - 1] != '\n')
        i--;
    return i;
}

static size_t
line_end(const struct tui_edit *e, size_t i)
{
    while (i < e->len && e->buf[i] != '\n')
        i++;
    return i;
}

/* ---------------------------------------------------------------- layout */

struct layout {
    struct tui_span *spans;     /* owned */
    size_t count;
    size_t row;                 /* the cursor's line */
    int col;                    /* the cursor's column */
};

/* Multi-line text wraps one column short of the width, so the cursor
 * after the last character of a full line still shows. */
static int
wrap_width(int width)
{
    return width > 2 ? width - 1 : 1;
}

static bool
layout(const struct tui_edit *e, int width, struct layout *l)
{
    const char *s = tui_edit_text(e);
    int ww = wrap_width(width);

    l->count = tui_wrap(s, e->len, ww, NULL, 0);
    if ((l->spans = calloc(l->count, sizeof *l->spans)) == NULL)
        return false;
    tui_wrap(s, e->len, ww, l->spans, l->count);
    l->row = 0;
    for (size_t i = 0; i < l->count; i++)
        if (l->spans[i].start <= e->cur)
            l->row = i;
    l->col = tui_width_n(s + l->spans[l->row].start,
                         e->cur - l->spans[l->row].start);
    if (l->col > ww)
        l->col = ww;
    return true;
}

/* The offset in line `row` closest to column `goal`, staying on it. */
static size_t
offset_at(const struct tui_edit *e, const struct layout *l, size_t row,
          int goal)
{
    const struct tui_span *sp = &l->spans[row];
    size_t i = sp->start, end = sp->start + sp->len;
    bool soft = row + 1 < l->count && l->spans[row + 1].start == end;
    int col = 0;

    /* At a soft break, the end of this line is the start of the next. */
    if (soft && end > sp->start)
        end = char_left(e, end);
    while (i < end) {
        size_t next = char_right(e, i);
        int w = tui_width_n(e->buf + i, next - i);

        if (col + w > goal)
            break;
        col += w;
        i = next;
    }
    return i;
}

static bool
move_lines(struct tui_edit *e, int width, long delta)
{
    struct layout l;
    long row;

    if (!layout(e, width, &l))
        return false;
    if (e->goal < 0)
        e->goal = l.col;
    row = (long)l.row + delta;
    if (row < 0)
        e->cur = 0;
    else if (row >= (long)l.count)
        e->cur = e->len;
    else
        e->cur = offset_at(e, &l, (size_t)row, e->goal);
    free(l.spans);
    return true;
}

/* ---------------------------------------------------------------- keys */

static size_t
encode(uint32_t cp, char out[5])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        out[1] = '\0';
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3f));
        out[2] = '\0';
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        out[3] = '\0';
        return 3;
    }
    out[0] = (char)(0xf0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    out[4] = '\0';
    return 4;
}

bool
tui_edit_key(struct tui_edit *e, int key, int width, int height)
{
    bool vertical = key == TUI_KEY_UP || key == TUI_KEY_DOWN
                    || key == TUI_KEY_PGUP || key == TUI_KEY_PGDN;

    if (!vertical)
        e->goal = -1;
    if (!reserve(e, e->len))
        return false;
    if (height < 1)
        height = 1;
    switch (key) {
    case TUI_KEY_LEFT:
        e->cur = char_left(e, e->cur);
        return true;
    case TUI_KEY_RIGHT:
        e->cur = char_right(e, e->cur);
        return true;
    case TUI_KEY_CTRL_LEFT:
        e->cur = word_left(e, e->cur);
        return true;
    case TUI_KEY_CTRL_RIGHT:
        e->cur = word_right(e, e->cur);
        return true;
    case TUI_KEY_HOME:
    case TUI_CTRL('a'):
        e->cur = line_start(e, e->cur);
        return true;
    case TUI_KEY_END:
    case TUI_CTRL('e'):
        e->cur = line_end(e, e->cur);
        return true;
    case TUI_KEY_BACKSPACE:
        erase(e, char_left(e, e->cur), e->cur);
        return true;
    case TUI_KEY_DELETE:
    case TUI_CTRL('d'):
        erase(e, e->cur, char_right(e, e->cur));
        return true;
    case TUI_CTRL('k'):
        if (e->cur < e->len && e->buf[e->cur] == '\n')
            erase(e, e->cur, e->cur + 1);
        else
            erase(e, e->cur, line_end(e, e->cur));
        return true;
    case TUI_CTRL('u'):
        erase(e, line_start(e, e->cur), e->cur);
        return true;
    case TUI_CTRL('w'):
        erase(e, word_left(e, e->cur), e->cur);
        return true;
    case TUI_KEY_UP:
    case TUI_KEY_DOWN:
    case TUI_KEY_PGUP:
    case TUI_KEY_PGDN:
        if (!e->multiline)
            return false;
        return move_lines(e, width, key == TUI_KEY_UP ? -1
                                    : key == TUI_KEY_DOWN ? 1
                                    : key == TUI_KEY_PGUP ? -(height - 1 > 0
                                                              ? height - 1 : 1)
                                    : (height - 1 > 0 ? height - 1 : 1));
    case TUI_KEY_ENTER:
        if (!e->multiline)
            return false;
        tui_edit_insert(e, "\n");
        return true;
    default:
        break;
    }
    if (key >= 0x20 && key != 0x7f && key < TUI_KEY_BASE
        && !(key >= 0xd800 && key <= 0xdfff)) {
        char s[5];

        encode((uint32_t)key, s);
        tui_edit_insert(e, s);
        return true;
    }
    return false;
}

/* ---------------------------------------------------------------- view */

/* Write bytes [from, to) of the text, trailing blanks dropped, fitted to
 * `width` columns. */
static void
put_line(const struct tui_edit *e, size_t from, size_t to, int width,
         char *out, size_t size)
{
    char tmp[1024];
    size_t n = to - from;

    while (n > 0 && (e->buf[from + n - 1] == ' '
                     || e->buf[from + n - 1] == '\t'))
        n--;
    if (n >= sizeof tmp)
        n = sizeof tmp - 1;
    while (n > 0 && ((unsigned char)e->buf[from + n] & 0xc0) == 0x80
           && from + n < e->len)
        n--;        /* do not cut a character */
    memcpy(tmp, e->buf + from, n);
    tmp[n] = '\0';
    tui_fit(out, size, tmp, width, false);
}

size_t
tui_edit_view(struct tui_edit *e, int width, int height,
              struct tui_edit_line *lines, int *row, int *col)
{
    if (!reserve(e, e->len)) {
        *row = *col = 0;
        return 0;
    }
    if (height < 1)
        height = 1;
    if (width < 1)
        width = 1;
    if (!e->multiline) {
        /* e->top is the first byte shown; keep the cursor in view with
         * a column to spare for it at the end. */
        size_t top = (size_t)e->top;

        if (top > e->cur)
            top = e->cur;
        while (top < e->cur
               && tui_width_n(e->buf + top, e->cur - top) > width - 1)
            top = char_right(e, top);
        /* A cursor inside a character (text that is not UTF-8) is never
         * passed. */
        if (top > e->cur)
            top = e->cur;
        e->top = (int)top;
        tui_fit(lines[0].text, sizeof lines[0].text, e->buf + top, width,
                false);
        for (int i = 1; i < height; i++)
            lines[i].text[0] = '\0';
        *row = 0;
        *col = tui_width_n(e->buf + top, e->cur - top);
        return 1;
    } else {
        struct layout l;
        size_t count;

        if (!layout(e, width, &l)) {
            *row = *col = 0;
            return 0;
        }
        if ((size_t)e->top > l.row)
            e->top = (int)l.row;
        if (l.row >= (size_t)e->top + (size_t)height)
            e->top = (int)(l.row - (size_t)height + 1);
        if (e->top > 0 && (size_t)e->top + (size_t)height > l.count)
            e->top = l.count > (size_t)height ? (int)(l.count - height) : 0;
        for (int i = 0; i < height; i++) {
            size_t r = (size_t)e->top + (size_t)i;

            if (r < l.count)
                put_line(e, l.spans[r].start,
                         l.spans[r].start + l.spans[r].len, width,
                         lines[i].text, sizeof lines[i].text);
            else
                lines[i].text[0] = '\0';
        }
        *row = (int)(l.row - (size_t)e->top);
        *col = l.col;
        count = l.count;
        free(l.spans);
        return count;
    }
}
