/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * tui.h: what every part of the terminal interface shares, curses or not:
 * keys as the models see them, the actions keys are mapped to, the styles
 * rows are drawn in, and the translation macros.
 *
 * The models (model_*.c, text.c, textedit.c, keymap.c) never include
 * curses: term.c turns curses key codes into the tui_key values below, and
 * the screens (screen_*.c) turn styles into attributes. So every decision
 * is unit-tested without a terminal.
 */
#ifndef CONSULT_TUI_H
#define CONSULT_TUI_H

#include <libintl.h>
#include <stdint.h>

#define TUI_TEXTDOMAIN "consult"
#define _(s) dgettext(TUI_TEXTDOMAIN, s)
#define N_(s) (s)
/*
 * A message with a context, like gettext's pgettext: NC_("bar", "Help")
 * marks "Help" as the bar label (xgettext --keyword=NC_:1c,2), and
 * tui_pgettext translates it, falling back to the bare text.
 */
#define TUI_CTX_SEP "\004"
#define NC_(ctx, s) (ctx TUI_CTX_SEP s)
const char *tui_pgettext(const char *ctx_and_msgid);

/* Keys: a Unicode code point (control characters included, Ctrl-L is
 * 12), or one of these, above every code point. */
enum tui_key {
    TUI_KEY_NONE = 0,
    TUI_KEY_BASE = 0x110000,
    TUI_KEY_UP,
    TUI_KEY_DOWN,
    TUI_KEY_LEFT,
    TUI_KEY_RIGHT,
    TUI_KEY_PGUP,
    TUI_KEY_PGDN,
    TUI_KEY_HOME,
    TUI_KEY_END,
    TUI_KEY_ENTER,
    TUI_KEY_ESC,
    TUI_KEY_TAB,
    TUI_KEY_BTAB,           /* Shift-Tab */
    TUI_KEY_BACKSPACE,
    TUI_KEY_DELETE,
    TUI_KEY_CTRL_LEFT,
    TUI_KEY_CTRL_RIGHT,
    TUI_KEY_RESIZE,         /* the terminal changed size */
    TUI_KEY_MOUSE,          /* a click: see struct tui_mouse */
    TUI_KEY_WHEEL_UP,
    TUI_KEY_WHEEL_DOWN,
    TUI_KEY_F0 = TUI_KEY_BASE + 0x100   /* F(n) is TUI_KEY_F0 + n */
};
#define TUI_KEY_F(n) (TUI_KEY_F0 + (n))
#define TUI_CTRL(c) ((c) & 0x1f)

static inline int
tui_key_fnum(int key)
{
    return key > TUI_KEY_F0 && key <= TUI_KEY_F(10) ? key - TUI_KEY_F0 : 0;
}

/* What a key asks for; each screen's keymap says which keys mean what. */
enum tui_action {
    TUI_ACT_NONE = 0,
    /* moving */
    TUI_ACT_UP,
    TUI_ACT_DOWN,
    TUI_ACT_PGUP,
    TUI_ACT_PGDN,
    TUI_ACT_HOME,
    TUI_ACT_END,
    TUI_ACT_OPEN,           /* Enter: open what is selected */
    TUI_ACT_BACK,           /* Esc: back to the previous screen */
    /* everywhere */
    TUI_ACT_HELP,
    TUI_ACT_QUIT,
    TUI_ACT_REFRESH,        /* read the database again */
    TUI_ACT_REDRAW,         /* Ctrl-L: repaint the terminal */
    /* the ideas list */
    TUI_ACT_SEARCH,
    TUI_ACT_FILTER,
    TUI_ACT_CLEAR_FILTERS,
    TUI_ACT_SORT,
    TUI_ACT_REVERSE,
    TUI_ACT_MARK,
    TUI_ACT_MARK_NONE,
    TUI_ACT_STATUS,
    TUI_ACT_CONSULTATIONS,
    /* keys that open a screen (struct tui_route), named so that other
     * routes can go after them */
    TUI_ACT_TRIAGE,
    TUI_ACT_STATS,
    TUI_ACT_TEMPLATES,      /* the answer templates screen */
    TUI_ACT_TALLY_SHEET,    /* the tally sheet screen */
    TUI_ACT_THEMES,         /* the themes screen */
    TUI_ACT_GO,             /* any other: a new screen's route needs no
                               action of its own */
    /* an idea's page */
    TUI_ACT_TAG,
    TUI_ACT_UNTAG,
    TUI_ACT_HIDE,
    TUI_ACT_COMMENT,
    TUI_ACT_MERGE,          /* then a digit: into similar idea n */
    TUI_ACT_UNMERGE,
    TUI_ACT_NEXT_SECTION,
    TUI_ACT_PREV_SECTION,
    TUI_ACT_VOTE,           /* add a person's vote */
    TUI_ACT_DELETE,
    /* dialogs */
    TUI_ACT_SAVE,
    TUI_ACT_CANCEL,
    TUI_ACT_APPLY_ANYWAY,   /* a refused decision: save it over the change */
    TUI_ACT_LOOK_AGAIN,     /* ...or show the idea as it is now */
    /* the entry form */
    TUI_ACT_ADD,            /* the ideas list: open a blank entry form */
    TUI_ACT_EDIT,           /* ...or the selected idea's, to correct it */
    TUI_ACT_SUPPORT,        /* a form like an idea: support it instead */
    TUI_ACT_COUNT,
    /*
     * A screen's own actions, which no other screen and no shared code
     * (page_idea.c, the dialogs) acts on: the screen names the ones it
     * uses in its model header, so a new screen adds nothing here:
     *     #define THEMES_ACT_CODE TUI_ACT_OWN1
     * They mean something only in that screen's own bindings; two screens
     * use the same values for different things. A route (the key that
     * opens a screen from another, struct tui_route) never takes one, since
     * it is composed into the opener's keys.
     */
    TUI_ACT_OWN1 = 0x100,
    TUI_ACT_OWN2,
    TUI_ACT_OWN3,
    TUI_ACT_OWN4,
    TUI_ACT_OWN5,
    TUI_ACT_OWN6,
    TUI_ACT_OWN7,
    TUI_ACT_OWN8,
    TUI_ACT_OWN9,
    TUI_ACT_OWN10,
    TUI_ACT_OWN11,
    TUI_ACT_OWN12,
    TUI_ACT_OWN13,
    TUI_ACT_OWN14,
    TUI_ACT_OWN15,
    TUI_ACT_OWN16
};
#define TUI_ACT_IS_OWN(a) ((a) >= TUI_ACT_OWN1 && (a) <= TUI_ACT_OWN16)

/* How a row is drawn; the screens map these to attributes. Meaning never
 * rests on the style alone: the row's text says it too. */
enum tui_style {
    TUI_STYLE_NORMAL = 0,
    TUI_STYLE_SELECTED,     /* the row the cursor is on (reverse) */
    TUI_STYLE_MARKED,       /* a marked row (bold; "*" in its text) */
    TUI_STYLE_SELECTED_MARKED,
    TUI_STYLE_DIM,          /* merged, hidden, withdrawn */
    TUI_STYLE_HEADING,      /* column headings, section titles (bold) */
    TUI_STYLE_TITLE,        /* the top line (reverse) */
    TUI_STYLE_ERROR,        /* a refused action's message (bold) */
    TUI_STYLE_COUNT
};

/* One line of a screen as a model lays it out. */
#define TUI_ROW_BYTES 1024
struct tui_row {
    char text[TUI_ROW_BYTES];   /* UTF-8, fitted to the width already */
    enum tui_style style;
    int64_t id;                 /* the record on this line, or 0 */
};

#endif /* CONSULT_TUI_H */
