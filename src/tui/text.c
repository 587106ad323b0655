/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * text.c: display widths, fitting and wrapping of UTF-8 text for the
 * terminal interface's models (see text.h). Widths come from wcwidth, as
 * in ncursesw, so a row fitted here fills exactly the columns curses will
 * give it.
 */
#define _XOPEN_SOURCE 700     /* wcwidth */
#include "text.h"

#include <string.h>
#include <wchar.h>

#include "tui.h"

static bool text_utf8 = true;

const char *
tui_pgettext(const char *ctx_and_msgid)
{
    const char *t = dgettext(TUI_TEXTDOMAIN, ctx_and_msgid);
    const char *sep;

    if (t != ctx_and_msgid)
        return t;
    sep = strchr(ctx_and_msgid, TUI_CTX_SEP[0]);
    return sep ? sep + 1 : ctx_and_msgid;
}

void
tui_text_set_utf8(bool on)
{
    text_utf8 = on;
}

bool
tui_text_is_utf8(void)
{
    return text_utf8;
}

size_t
tui_u8_next(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len;
    uint32_t c, min;

    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if (u[0] >= 0xc2 && u[0] <= 0xdf) {
        len = 2, c = u[0] & 0x1f, min = 0x80;
    } else if (u[0] >= 0xe0 && u[0] <= 0xef) {
        len = 3, c = u[0] & 0x0f, min = 0x800;
    } else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
        len = 4, c = u[0] & 0x07, min = 0x10000;
    } else {
        *cp = 0xfffd;
        return 1;
    }
    if (len > n) {
        *cp = 0xfffd;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xc0) != 0x80) {
            *cp = 0xfffd;
            return 1;
        }
        c = (c << 6) | (u[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
        *cp = 0xfffd;
        return 1;
    }
    *cp = c;
    return len;
}

size_t
tui_u8_prev(const char *s, size_t i)
{
    size_t j = i;

    if (i == 0)
        return 0;
    /* Back over at most three continuation bytes to a lead byte. */
    while (j > 0 && i - j < 4) {
        j--;
        if (((unsigned char)s[j] & 0xc0) != 0x80)
            break;
    }
    {
        uint32_t cp;
        size_t len = tui_u8_next(s + j, i - j, &cp);

        if (j + len == i)
            return i - j;
    }
    return 1;       /* a stray byte */
}

int
tui_cp_width(uint32_t cp)
{
    int w;

    if (cp == '\r')
        return 0;
    if (cp < 0x20 || cp == 0x7f)
        return 1;
    if (cp < 0x80)
        return 1;
    if (!text_utf8)
        return 1;
    w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : w;
}

int
tui_width_n(const char *s, size_t n)
{
    size_t i = 0;
    int w = 0;

    while (i < n) {
        uint32_t cp;

        i += tui_u8_next(s + i, n - i, &cp);
        w += tui_cp_width(cp);
    }
    return w;
}

int
tui_width(const char *s)
{
    return s ? tui_width_n(s, strlen(s)) : 0;
}

/* Append the bytes that draw `cp` (taken from `src`, `len` bytes) to dst;
 * false when dst is full. */
static bool
put_char(char *dst, size_t size, size_t *o, uint32_t cp, const char *src,
         size_t len)
{
    char sub[1];

    if (cp == '\n' || cp == '\t' || cp < 0x20 || cp == 0x7f) {
        sub[0] = ' ';
        src = sub, len = 1;
    } else if (cp >= 0x80 && (!text_utf8 || cp == 0xfffd
                              || wcwidth((wchar_t)cp) < 0)) {
        sub[0] = '?';
        src = sub, len = 1;
    }
    if (*o + len + 1 > size)
        return false;
    memcpy(dst + *o, src, len);
    *o += len;
    return true;
}

int
tui_fit(char *dst, size_t size, const char *s, int width, bool pad)
{
    const char *ell = text_utf8 ? "\xe2\x80\xa6" : "~";
    size_t n = s ? strlen(s) : 0, i = 0, o = 0;
    int col = 0, room;
    bool cut;

    if (size == 0)
        return 0;
    if (width < 0)
        width = 0;
    cut = tui_width_n(s ? s : "", n) > width;
    room = cut ? width - 1 : width;
    while (i < n) {
        uint32_t cp;
        size_t len = tui_u8_next(s + i, n - i, &cp);
        int w = tui_cp_width(cp);

        if (cp == '\r') {
            i += len;
            continue;
        }
        if (col + w > room)
            break;
        if (!put_char(dst, size, &o, cp, s + i, len))
            break;
        col += w;
        i += len;
    }
    if (cut && width > 0 && o + strlen(ell) + 1 <= size) {
        memcpy(dst + o, ell, strlen(ell));
        o += strlen(ell);
        col++;
    }
    while (pad && col < width && o + 2 <= size) {
        dst[o++] = ' ';
        col++;
    }
    dst[o] = '\0';
    return col;
}

int
tui_fit_right(char *dst, size_t size, const char *s, int width)
{
    char tmp[512];
    int w = tui_fit(tmp, sizeof tmp, s, width, false);
    size_t o = 0, len = strlen(tmp);

    if (size == 0)
        return 0;
    for (int i = w; i < width && o + 1 < size; i++)
        dst[o++] = ' ';
    if (o + len + 1 > size)
        len = size - o - 1;
    memcpy(dst + o, tmp, len);
    dst[o + len] = '\0';
    return width > w ? width : w;
}

static void
emit(struct tui_span *out, size_t max, size_t *count, size_t start,
     size_t end)
{
    if (*count < max) {
        out[*count].start = start;
        out[*count].len = end - start;
    }
    (*count)++;
}

static bool
is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* The columns a tab takes when it starts at column `col`. */
static int
tab_width(int col)
{
    return TUI_TAB_STOP - col % TUI_TAB_STOP;
}

/* Emit line [start, end); for display, without the blanks that end it. */
static void
emit_line(struct tui_span *out, size_t max, size_t *count, const char *s,
          size_t start, size_t end, bool display)
{
    while (display && end > start && is_blank(s[end - 1]))
        end--;
    emit(out, max, count, start, end);
}

/* tui_wrap and tui_wrap_display: with `display`, tabs reach the next tab
 * stop and the blanks ending a line are left out of its span. */
static size_t
wrap(const char *s, size_t n, int width, bool display, struct tui_span *out,
     size_t max)
{
    size_t count = 0, pos = 0;

    if (width < 1)
        width = 1;
    for (;;) {
        size_t start = pos, i = pos, brk = 0;
        int col = 0;

        for (;;) {
            uint32_t cp;
            size_t len;
            int w;

            if (i == n) {
                emit_line(out, max, &count, s, start, i, display);
                return count;
            }
            if (s[i] == '\n') {
                emit_line(out, max, &count, s, start, i, display);
                pos = i + 1;
                break;
            }
            len = tui_u8_next(s + i, n - i, &cp);
            w = display && cp == '\t' ? tab_width(col) : tui_cp_width(cp);
            if (cp == ' ' || cp == '\t') {
                /* Blanks may run past the width; a word may start
                 * after them. */
                col += w;
                i += len;
                brk = i;
                continue;
            }
            if (col + w > width && i > start) {
                if (brk > start) {
                    emit_line(out, max, &count, s, start, brk, display);
                    pos = brk;
                } else {
                    emit_line(out, max, &count, s, start, i, display);
                    pos = i;                    /* cut the word */
                }
                break;
            }
            col += w;
            i += len;
        }
    }
}

size_t
tui_wrap(const char *s, size_t n, int width, struct tui_span *out,
         size_t max)
{
    return wrap(s, n, width, false, out, max);
}

size_t
tui_wrap_display(const char *s, size_t n, int width, struct tui_span *out,
                 size_t max)
{
    return wrap(s, n, width, true, out, max);
}

size_t
tui_span_text(char *dst, size_t size, const char *s,
              const struct tui_span *sp)
{
    size_t i = sp->start, end = sp->start + sp->len, o = 0;
    int col = 0;

    if (size == 0)
        return 0;
    while (i < end) {
        uint32_t cp;
        size_t len = tui_u8_next(s + i, end - i, &cp);

        if (cp == '\t') {
            int w = tab_width(col);

            if (o + (size_t)w + 1 > size)
                break;
            memset(dst + o, ' ', (size_t)w);
            o += (size_t)w;
            col += w;
        } else {
            if (o + len + 1 > size)
                break;              /* never half a character */
            memcpy(dst + o, s + i, len);
            o += len;
            col += tui_cp_width(cp);
        }
        i += len;
    }
    dst[o] = '\0';
    return o;
}
