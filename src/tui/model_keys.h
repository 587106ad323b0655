/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_keys.h: what the screens' key tables share. Each screen declares
 * its own keys, and how it is opened (from which screen, by which key),
 * in its model file, as model_<name>_keys (see screen_list.h); the
 * dialogs' tables are in their models (model_dialog.c, model_stale.c,
 * model_form.c). Here: the bindings every screen has, and the list of
 * every table, so that the tests can check them all (labels within six
 * columns, no key with two meanings, help and quit everywhere) and the
 * manual's key list can be checked against them.
 */
#ifndef CONSULT_TUI_MODEL_KEYS_H
#define CONSULT_TUI_MODEL_KEYS_H

#include "keymap.h"
#include "screen_list.h"

#define TUI_KEYS_DECLARE(name) \
    extern const struct tui_keymap model_##name##_keys;
TUI_SCREENS(TUI_KEYS_DECLARE)

/* Every screen's table, in the order of screen_list.h, NULL-terminated:
 * tui_screen_keymaps[i] is the table of tui_screens[i]. */
extern const struct tui_keymap *const tui_screen_keymaps[];

/* The keys of the screen whose table is `km` as the user has them: its
 * own and those that open other screens from it (tui_keys_compose over
 * tui_screen_keymaps). False if some were left out, or `km` is no
 * registered screen's (`k` then has its own keys alone). */
bool tui_screen_keys(struct tui_keys *k, const struct tui_keymap *km);

/* Every dialog's table: those the screens show (their `dialogs`), then
 * the shared ones (model_dialog.c), each once. Writes at most `max` and
 * returns how many there are. */
size_t tui_dialog_keymaps(const struct tui_keymap **out, size_t max);

/* The bindings most screens share. Order matters: the bar, the hint line
 * and the help screen list the bindings in table order, and the first
 * binding of a key wins. Every action with an F-key also has a letter
 * (or other) key, since terminals and desktops take some F-keys for
 * themselves. Bar labels are at most six columns in every language.
 * Each binding names the operation it performs (enum cs_op); who has it
 * is the core's table (cs_role_can), not the screens'. */
#define TUI_HELP_BINDING \
    { TUI_ACT_HELP, 1, { '?', 'h' }, NC_("bar", "Help"), N_("help"), \
      N_("Show the keys of this screen"), CS_OP_ANY }
#define TUI_QUIT_BINDING \
    { TUI_ACT_QUIT, 10, { 'q' }, NC_("bar", "Quit"), N_("quit"), \
      N_("Quit consult"), CS_OP_ANY }
#define TUI_BACK_BINDING \
    { TUI_ACT_BACK, 9, { TUI_KEY_ESC, TUI_KEY_BACKSPACE, TUI_KEY_LEFT }, \
      NC_("bar", "Back"), N_("back"), \
      N_("Go back to the previous screen"), CS_OP_ANY }
#define TUI_REDRAW_BINDING \
    { TUI_ACT_REDRAW, 0, { TUI_CTRL('l') }, NULL, NULL, \
      N_("Repaint the whole terminal"), CS_OP_ANY }
#define TUI_MOVE_BINDINGS \
    { TUI_ACT_UP, 0, { TUI_KEY_UP, 'k' }, NULL, NULL, \
      N_("Move up one line"), CS_OP_ANY }, \
    { TUI_ACT_DOWN, 0, { TUI_KEY_DOWN, 'j' }, NULL, NULL, \
      N_("Move down one line"), CS_OP_ANY }, \
    { TUI_ACT_PGUP, 0, { TUI_KEY_PGUP }, NULL, NULL, \
      N_("Move up one page"), CS_OP_ANY }, \
    { TUI_ACT_PGDN, 0, { TUI_KEY_PGDN }, NULL, NULL, \
      N_("Move down one page"), CS_OP_ANY }, \
    { TUI_ACT_HOME, 0, { TUI_KEY_HOME }, NULL, NULL, \
      N_("Go to the first line"), CS_OP_ANY }, \
    { TUI_ACT_END, 0, { TUI_KEY_END }, NULL, NULL, \
      N_("Go to the last line"), CS_OP_ANY }
/* A dialog's quit: letters are text or answers there, so F10 alone. */
#define TUI_DIALOG_QUIT_BINDING \
    { TUI_ACT_QUIT, 10, { 0 }, NC_("bar", "Quit"), NULL, \
      N_("Quit consult (asks first when text would be lost)"), CS_OP_ANY }

#endif /* CONSULT_TUI_MODEL_KEYS_H */
