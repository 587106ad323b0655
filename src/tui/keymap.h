/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * keymap.h: one table per screen says which keys do what; the bottom bar
 * of function keys, the one-line hint and the help screen are all made
 * from it, so none of them can advertise a key that does something else.
 *
 * A binding has an action, at most one function key (F1..F10, its slot on
 * the bar), letter and other keys, a bar label of at most 6 columns, a
 * short hint and a help line, and the operation it performs (enum cs_op):
 * whether a role has the action is asked of the core (cs_role_can), so a
 * viewer's bar and help show no action the core would refuse it.
 *
 * The key decoder turns "Esc then a digit" and "Alt+digit" (which arrives
 * as Esc then the digit) into F1..F10 (0 is F10), for terminals and ssh
 * clients that eat function keys.
 */
#ifndef CONSULT_TUI_KEYMAP_H
#define CONSULT_TUI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "consult/db.h"
#include "tui.h"

#define TUI_BAR_SLOTS 10
#define TUI_LABEL_COLS 6        /* the widest a bar label may be */
#define TUI_BINDING_KEYS 4

struct tui_binding {
    enum tui_action action;
    int fkey;                   /* 1..10: its F-key and bar slot; 0: none */
    int keys[TUI_BINDING_KEYS]; /* other keys, 0 after the last */
    const char *label;          /* bar label, NC_("bar", ...), or NULL */
    const char *hint;           /* a word or two for the hint line, N_(),
                                   or NULL: not on the hint line */
    const char *help;           /* one line for the help screen, N_() */
    enum cs_op op;              /* what it does, for cs_role_can: a
                                   role the core would refuse it does not
                                   see it */
};

/* How a screen is opened: declared by the screen opened, never by the
 * screen it is opened from. */
enum tui_open {
    TUI_OPEN_SELECTED = 1,      /* about the opener's selected record (an
                                   idea, a consultation): nothing opens
                                   when none is */
    TUI_OPEN_CONS = 2           /* needs a consultation worked on */
};

struct tui_route {
    const struct tui_keymap *from;  /* the opener, by its key table */
    enum tui_action after;      /* its key goes after the opener's key of
                                   this action (TUI_ACT_NONE: last), for
                                   the order of the hint and help lines */
    unsigned flags;             /* enum tui_open */
    struct tui_binding key;     /* the key, its label, hint, help and
                                   operation, as on the opener */
};

/* A screen's (or a dialog's) keys, declared in its model file. */
struct tui_keymap {
    const char *title;          /* the screen's name, N_() */
    const struct tui_binding *bindings;
    size_t count;
    const struct tui_route *routes;     /* how the screen is opened */
    size_t route_count;
    const struct tui_keymap *const *dialogs;    /* the tables of the
                                   dialogs only this screen shows,
                                   NULL-terminated, or NULL */
};

#define TUI_COUNT(a) (sizeof(a) / sizeof *(a))
/* A screen's table: its title, its bindings and how it is opened. */
#define TUI_KEYMAP(title, b) { title, b, TUI_COUNT(b), NULL, 0, NULL }
#define TUI_SCREEN_KEYMAP(title, b, r, d) \
    { title, b, TUI_COUNT(b), r, TUI_COUNT(r), d }

/* ---------------------------------------------------------- composed */

#define TUI_KEYS_MAX 80

/* What the user has on a screen: its own bindings with, each after the
 * key its route names, the keys that open other screens from it. The
 * bar, the hint, the help and the lookups use `map`. */
struct tui_keys {
    struct tui_keymap map;
    struct tui_binding bindings[TUI_KEYS_MAX];
    int opens[TUI_KEYS_MAX];    /* per binding: the index in `screens` of
                                   the screen it opens, or -1 */
    const struct tui_route *route[TUI_KEYS_MAX];    /* ...by this route */
};

/* Compose the keys of `screens[i]` (a NULL-terminated list of every
 * screen's table, in the order the screens are registered). False when
 * more than TUI_KEYS_MAX bindings would be needed (the rest are left
 * out). */
bool tui_keys_compose(struct tui_keys *k,
                      const struct tui_keymap *const *screens, size_t i);

/* The screen (index in the list composed from) that binding `b` of `k`
 * opens, or -1 when it is the screen's own; its route in `*route`. */
int tui_keys_opens(const struct tui_keys *k, const struct tui_binding *b,
                   const struct tui_route **route);

/* The action `key` has on a screen for `role`; TUI_ACT_NONE if none. */
enum tui_action tui_keymap_action(const struct tui_keymap *km,
                                  enum cs_role role, int key);

/* The binding `key` (a tui_key) triggers for `role`, or NULL: what
 * tui_keymap_action looks up, with the operation it performs. */
const struct tui_binding *tui_keymap_binding(const struct tui_keymap *km,
                                             enum cs_role role, int key);

/* The binding of `action` visible to `role`, or NULL. */
const struct tui_binding *tui_keymap_find(const struct tui_keymap *km,
                                          enum cs_role role,
                                          enum tui_action action);

/* A key's name as people read it: "F2", "Enter", "Esc", "Space", "Up",
 * "PgDn", "Ctrl-L", "s", "/". Translated where it is a word. */
void tui_key_name(int key, char *buf, size_t size);

/* ---------------------------------------------------------------- the bar */

struct tui_bar_slot {
    int x;                      /* first column of the slot */
    int width;                  /* columns of the slot */
    char num[4];                /* "1".."10" */
    char label[32];             /* translated, fitted, padded; "" if free */
};

struct tui_bar {
    struct tui_bar_slot slots[TUI_BAR_SLOTS];
};

/* Lay the bar out across `width` columns for `role`. */
void tui_keymap_bar(const struct tui_keymap *km, enum cs_role role,
                    int width, struct tui_bar *bar);

/* The F-key (1..10) of a click at column `x` on the bar, 0 if none. */
int tui_bar_hit(const struct tui_bar *bar, int x);

/* ---------------------------------------------------------- hint and help */

/* The one-line hint ("Enter open  Space mark  / search ...") fitted to
 * `width` columns, written to `buf`. */
void tui_keymap_hint(const struct tui_keymap *km, enum cs_role role,
                     int width, char *buf, size_t size);

/* One line of help: the keys ("F2 s"), then what they do. */
struct tui_help_line {
    char keys[48];              /* "F3 / " etc. */
    char text[200];             /* translated help line */
};

/* The help lines of the screen for `role`, at most `max`; returns how
 * many there are. */
size_t tui_keymap_help(const struct tui_keymap *km, enum cs_role role,
                       struct tui_help_line *out, size_t max);

/* ---------------------------------------------------------------- Esc digit */

struct tui_keydec {
    bool esc;                   /* an Esc is waiting for the next key */
    int pending;                /* a key to give after an Esc, or 0 */
};

/* Feed the next key read. Returns the key to act on, or TUI_KEY_NONE
 * while an Esc waits: Esc then 1..9 gives F1..F9, Esc then 0 gives F10
 * (so do Alt+digits, which terminals send so), Esc Esc gives Esc at once,
 * and Esc then another key gives Esc, then that key from
 * tui_keydec_pending: a quick Esc then s is "cancel, then status", never
 * an Esc lost. */
int tui_keydec_feed(struct tui_keydec *d, int key);

/* The key an Esc came before (then forgotten), or TUI_KEY_NONE: ask before
 * reading the next key. */
int tui_keydec_pending(struct tui_keydec *d);

/* No key came after an Esc in time: returns TUI_KEY_ESC (or TUI_KEY_NONE
 * if no Esc was waiting). */
int tui_keydec_timeout(struct tui_keydec *d);

#endif /* CONSULT_TUI_KEYMAP_H */
