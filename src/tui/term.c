/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * term.c: curses itself (see term.h). The only file that calls initscr and
 * endwin.
 *
 * Conventions kept here for every screen (../shared/TERMINAL.md): the
 * locale is set before initscr and text is drawn with the wide functions;
 * NO_COLOR means attributes only (bold, reverse, underline); the Esc delay
 * is short unless ESCDELAY says otherwise, and a lone Esc waits a moment
 * more for a digit (Esc then 3 is F3; Esc Esc acts at once; Esc then
 * another key is Esc, then that key); PuTTY's
 * default F1..F4 codes and its "Linux" F1..F5 codes are defined; frames
 * are drawn with werase, wnoutrefresh and doupdate, never a clear except
 * on Ctrl-L and resize; and the hardware cursor is always placed (on the
 * selected row, the field being typed), never left where drawing stopped:
 * screen readers and braille displays follow it. leaveok is never set.
 */
#define _XOPEN_SOURCE 700
#define NCURSES_WIDECHAR 1

#include "term.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"

#define ESC_DELAY_MS 200        /* set when ESCDELAY is not */
#define ESC_FOLLOW_MS 250       /* after a lone Esc, wait for a digit */
#define UTF8_FOLLOW_MS 50       /* the rest of a character's bytes */

enum {
    PAIR_TITLE = 1,
    PAIR_BAR,
    PAIR_ERROR,
    PAIR_SELECTED
};

static bool started;
static SCREEN *screen;
static char start_error[256];   /* why term_start failed */
static bool colors;
static bool utf8;
static struct term_opts opts;
static int esc_follow_ms = ESC_FOLLOW_MS;
static struct tui_keydec decoder;
static int mouse_y, mouse_x;
static int cursor_shown;        /* as curs_set was last told */
static bool accent_noted;       /* a non-ASCII key came, outside UTF-8 */
static bool accent_note;        /* ...and nobody was told yet */

bool
term_is_utf8(void)
{
    return utf8;
}

void
term_size(int *rows, int *cols)
{
    getmaxyx(stdscr, *rows, *cols);
}

bool
term_start(const struct term_opts *o)
{
    const char *nc = getenv("NO_COLOR");

    if (started)
        return true;
    opts = *o;
    setlocale(LC_ALL, "");
    utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    tui_text_set_utf8(utf8);
    if (getenv("ESCDELAY") == NULL)
        set_escdelay(ESC_DELAY_MS);
    else
        esc_follow_ms = 10;     /* the user chose: no wait of ours */
    /* newterm, not initscr: an unknown terminal type is said, not an
     * exit from inside curses. */
    start_error[0] = '\0';
    if ((screen = newterm(NULL, stdout, stdin)) == NULL) {
        const char *t = getenv("TERM");

        snprintf(start_error, sizeof start_error,
                 _("the terminal type \"%s\" (TERM) is unknown on this "
                   "system; try TERM=xterm-256color or TERM=linux."),
                 t && t[0] ? t : "");
        return false;
    }
    /* A terminal that cannot place the cursor (TERM=dumb, a printer)
     * cannot show screens. */
    if (tigetstr("cup") == NULL || tigetstr("cup") == (char *)-1) {
        const char *t = getenv("TERM");

        endwin();
        delscreen(screen);
        screen = NULL;
        snprintf(start_error, sizeof start_error,
                 _("the terminal \"%s\" (TERM) cannot place the cursor; "
                   "use a full terminal, or the command line."),
                 t && t[0] ? t : "");
        return false;
    }
    started = true;
    raw();                      /* Ctrl-S, Ctrl-Q, Ctrl-C come to us */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    /* PuTTY's default function keys (ESC [11~ .. [14~) and its "Linux"
     * mode (ESC [[A .. [[E), which the xterm terminfo does not know. */
    define_key("\033[11~", KEY_F(1));
    define_key("\033[12~", KEY_F(2));
    define_key("\033[13~", KEY_F(3));
    define_key("\033[14~", KEY_F(4));
    define_key("\033[[A", KEY_F(1));
    define_key("\033[[B", KEY_F(2));
    define_key("\033[[C", KEY_F(3));
    define_key("\033[[D", KEY_F(4));
    define_key("\033[[E", KEY_F(5));
    colors = (nc == NULL || nc[0] == '\0') && has_colors();
    if (colors) {
        start_color();
        use_default_colors();
        init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
        init_pair(PAIR_BAR, COLOR_BLACK, COLOR_CYAN);
        init_pair(PAIR_ERROR, COLOR_RED, -1);
        init_pair(PAIR_SELECTED, COLOR_BLACK, COLOR_CYAN);
    }
    /* A click acts once: curses reports its press, or the press and the
     * release as one click when they come together; a lone release is
     * dropped (and a press after a press with no release in between is a
     * drag, dropped too). With --no-mouse the mask is empty, which turns
     * the terminal's reports off, and a report that comes anyway (mouse
     * reporting left on by another program) is still read whole and
     * dropped: its bytes must not act as keys (the space in ESC [ M SPACE
     * would mark an idea). */
    if (opts.mouse) {
        mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
                  | BUTTON5_PRESSED, NULL);
        mouseinterval(0);
    } else {
        mousemask(BUTTON1_PRESSED, NULL);   /* curses learns the reports */
        mousemask(0, NULL);                 /* and turns them off */
    }
    cursor_shown = opts.cursor ? 1 : 0;
    curs_set(cursor_shown);
    return true;
}

void
term_stop(void)
{
    if (!started)
        return;
    curs_set(1);
    endwin();
    delscreen(screen);
    screen = NULL;
    started = false;
}

const char *
term_start_error(void)
{
    return start_error;
}

/* ---------------------------------------------------------------- keys */

static int
translate(int r, wint_t ch)
{
    if (r == OK) {
        switch (ch) {
        case 27: return TUI_KEY_ESC;
        case '\r': case '\n': return TUI_KEY_ENTER;
        case '\t': return TUI_KEY_TAB;
        case 127: case 8: return TUI_KEY_BACKSPACE;
        default: return (int)ch;
        }
    }
    switch (ch) {
    case KEY_UP: return TUI_KEY_UP;
    case KEY_DOWN: return TUI_KEY_DOWN;
    case KEY_LEFT: return TUI_KEY_LEFT;
    case KEY_RIGHT: return TUI_KEY_RIGHT;
    case KEY_PPAGE: return TUI_KEY_PGUP;
    case KEY_NPAGE: return TUI_KEY_PGDN;
    case KEY_HOME: case KEY_A1: return TUI_KEY_HOME;
    case KEY_END: case KEY_C1: return TUI_KEY_END;
    case KEY_ENTER: return TUI_KEY_ENTER;
    case KEY_BTAB: return TUI_KEY_BTAB;
    case KEY_BACKSPACE: return TUI_KEY_BACKSPACE;
    case KEY_DC: return TUI_KEY_DELETE;
    case KEY_RESIZE: return TUI_KEY_RESIZE;
    case KEY_SLEFT: return TUI_KEY_CTRL_LEFT;
    case KEY_SRIGHT: return TUI_KEY_CTRL_RIGHT;
    case KEY_MOUSE: {
        MEVENT ev;

        if (getmouse(&ev) != OK)
            return TUI_KEY_NONE;
        mouse_y = ev.y;
        mouse_x = ev.x;
        if (ev.bstate & BUTTON4_PRESSED)
            return TUI_KEY_WHEEL_UP;
        if (ev.bstate & BUTTON5_PRESSED)
            return TUI_KEY_WHEEL_DOWN;
        if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))
            return TUI_KEY_MOUSE;
        return TUI_KEY_NONE;
    }
    default:
        break;
    }
    if (ch >= (wint_t)KEY_F(1) && ch <= (wint_t)KEY_F(10))
        return TUI_KEY_F((int)ch - KEY_F0);
    {
        /* xterm's Ctrl-Left and Ctrl-Right have no fixed codes: ask
         * terminfo's extended names. */
        const char *name = keyname((int)ch);

        if (name && strcmp(name, "kLFT5") == 0)
            return TUI_KEY_CTRL_LEFT;
        if (name && strcmp(name, "kRIT5") == 0)
            return TUI_KEY_CTRL_RIGHT;
    }
    return TUI_KEY_NONE;
}

/* A key read byte by byte, outside a UTF-8 locale: wget_wch would turn
 * down the bytes of an accented letter, and drop with them the keys
 * typed after it. The terminal most likely sends UTF-8 all the same:
 * decode it; a byte that starts no UTF-8 sequence is taken as Latin-1.
 * Returns what wget_wch would (OK, KEY_CODE_YES or ERR). */
static int
get_key_bytes(wint_t *ch)
{
    char b[4];
    int c = wgetch(stdscr), len;
    uint32_t cp;

    if (c == ERR)
        return ERR;
    *ch = (wint_t)c;
    if (c >= KEY_MIN)
        return KEY_CODE_YES;
    if (c < 0x80)
        return OK;
    b[0] = (char)c;
    len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
        : c >= 0xf0 && c <= 0xf4 ? 4 : 1;
    wtimeout(stdscr, UTF8_FOLLOW_MS);
    for (int i = 1; i < len; i++) {
        int d = wgetch(stdscr);

        if (d == ERR || d < 0x80 || d > 0xbf) {
            if (d != ERR)
                ungetch(d);
            len = 1;
            break;
        }
        b[i] = (char)d;
    }
    if (len > 1 && tui_u8_next(b, (size_t)len, &cp) == (size_t)len)
        *ch = (wint_t)cp;
    accent_note = accent_note || !accent_noted;
    accent_noted = true;
    return OK;
}

static int
get_key(wint_t *ch)
{
    return utf8 ? wget_wch(stdscr, ch) : get_key_bytes(ch);
}

bool
term_take_accent_note(void)
{
    bool note = accent_note;

    accent_note = false;
    return note;
}

void
term_flush_input(void)
{
    flushinp();
}

int
term_read_key(int timeout_ms)
{
    int pending = tui_keydec_pending(&decoder);

    if (pending != TUI_KEY_NONE)
        return pending;
    for (;;) {
        wint_t ch = 0;
        int r, key;

        if (decoder.esc) {
            wtimeout(stdscr, esc_follow_ms);
            r = get_key(&ch);
            wtimeout(stdscr, -1);
            if (r == ERR)
                return tui_keydec_timeout(&decoder);
        } else {
            wtimeout(stdscr, timeout_ms);
            r = get_key(&ch);
            wtimeout(stdscr, -1);
            if (r == ERR) {
                if (timeout_ms >= 0)
                    return TUI_KEY_NONE;
                continue;
            }
        }
        key = translate(r, ch);
        if (key == TUI_KEY_NONE)
            continue;
        /* A resize or a click between Esc and its digit: the Esc still
         * waits (the next call goes on waiting for it). */
        if (key == TUI_KEY_RESIZE || key == TUI_KEY_MOUSE)
            return key;
        key = tui_keydec_feed(&decoder, key);
        if (key != TUI_KEY_NONE)
            return key;
    }
}

void
term_mouse(int *y, int *x)
{
    *y = mouse_y;
    *x = mouse_x;
}

/* ---------------------------------------------------------------- drawing */

static attr_t
style_attr(enum tui_style s, short *pair)
{
    *pair = 0;
    switch (s) {
    case TUI_STYLE_SELECTED:
        if (colors)
            *pair = PAIR_SELECTED;
        return colors ? A_NORMAL : A_REVERSE;
    case TUI_STYLE_SELECTED_MARKED:
        if (colors)
            *pair = PAIR_SELECTED;
        return (colors ? A_NORMAL : A_REVERSE) | A_BOLD;
    case TUI_STYLE_MARKED:
        return A_BOLD;
    case TUI_STYLE_DIM:
        return A_DIM;
    case TUI_STYLE_HEADING:
        return A_BOLD;
    case TUI_STYLE_TITLE:
        if (colors)
            *pair = PAIR_TITLE;
        return colors ? A_BOLD : A_REVERSE;
    case TUI_STYLE_ERROR:
        if (colors)
            *pair = PAIR_ERROR;
        return A_BOLD;
    default:
        return A_NORMAL;
    }
}

/* UTF-8 to wide characters, at most `max` - 1 of them. */
static size_t
widen(const char *s, wchar_t *out, size_t max)
{
    size_t n = strlen(s), i = 0, o = 0;

    while (i < n && o + 1 < max) {
        uint32_t cp;

        i += tui_u8_next(s + i, n - i, &cp);
        out[o++] = (wchar_t)cp;
    }
    out[o] = L'\0';
    return o;
}

void
term_begin(bool repaint)
{
    if (repaint)
        clearok(curscr, TRUE);
    werase(stdscr);
}

void
term_text(int y, int x, const char *text, int width, enum tui_style style)
{
    char fitted[TUI_ROW_BYTES];
    wchar_t w[TUI_ROW_BYTES];
    short pair;
    attr_t a = style_attr(style, &pair);
    size_t n;

    if (width <= 0)
        return;
    tui_fit(fitted, sizeof fitted, text, width, true);
    n = widen(fitted, w, sizeof w / sizeof *w);
    wattr_set(stdscr, a, pair, NULL);
    mvwaddnwstr(stdscr, y, x, w, (int)n);
    wattr_set(stdscr, A_NORMAL, 0, NULL);
}

void
term_bar(int y, const struct tui_bar *bar)
{
    for (int s = 0; s < TUI_BAR_SLOTS; s++) {
        const struct tui_bar_slot *sl = &bar->slots[s];
        int nw = (int)strlen(sl->num);

        if (sl->width <= 0)
            continue;
        term_text(y, sl->x, sl->num, nw < sl->width ? nw : sl->width,
                  TUI_STYLE_NORMAL);
        if (sl->width > nw) {
            wchar_t w[64];
            char fitted[128];
            size_t n;
            short pair = colors ? PAIR_BAR : 0;

            /* The label is reverse video over the rest of the slot but
             * the last column, so slots stay apart without colour. */
            tui_fit(fitted, sizeof fitted, sl->label,
                    sl->width - nw - (s < TUI_BAR_SLOTS - 1 ? 1 : 0), true);
            n = widen(fitted, w, sizeof w / sizeof *w);
            wattr_set(stdscr, colors ? A_NORMAL : A_REVERSE, pair, NULL);
            mvwaddnwstr(stdscr, y, sl->x + nw, w, (int)n);
            wattr_set(stdscr, A_NORMAL, 0, NULL);
        }
    }
}

void
term_end(int y, int x, bool visible)
{
    int shown = visible || opts.cursor ? 1 : 0;

    /* Only a change is sent: a frame that moves the selection sends the
     * lines that changed and the cursor's move, nothing else. */
    if (shown != cursor_shown)
        curs_set(shown);
    cursor_shown = shown;
    wmove(stdscr, y, x);
    wnoutrefresh(stdscr);
    doupdate();
}
