/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_keys.h: the key tables of every screen and dialog of the terminal
 * interface. They live here, without curses, rather than in each
 * screen_*.c, so that the tests can check them all (labels within six
 * columns, no key with two meanings, help and quit everywhere) and the
 * manual's key list can be checked against them.
 */
#ifndef CONSULT_TUI_MODEL_KEYS_H
#define CONSULT_TUI_MODEL_KEYS_H

#include "keymap.h"

extern const struct tui_keymap tui_keys_cons;       /* consultations */
extern const struct tui_keymap tui_keys_ideas;      /* the ideas list */
extern const struct tui_keymap tui_keys_idea;       /* an idea's page */
extern const struct tui_keymap tui_keys_triage;     /* triage mode */
extern const struct tui_keymap tui_keys_stats;      /* statistics */
extern const struct tui_keymap tui_keys_templates;  /* answer templates */
extern const struct tui_keymap tui_keys_themes;     /* the themes */
extern const struct tui_keymap tui_keys_help;       /* the help screen */
extern const struct tui_keymap tui_keys_tally;      /* a tally sheet */
extern const struct tui_keymap tui_keys_find;       /* a list found as a
                                                       name is typed */
extern const struct tui_keymap tui_keys_menu;       /* a list to choose from */
extern const struct tui_keymap tui_keys_editor;     /* a text being typed */
extern const struct tui_keymap tui_keys_confirm;    /* a yes or no question */
extern const struct tui_keymap tui_keys_stale;      /* a decision refused:
                                                       the idea changed */

extern const struct tui_keymap tui_keys_form;      /* the entry form */
extern const struct tui_keymap tui_keys_similar;   /* a form like an idea */
extern const struct tui_keymap tui_keys_similar_anon; /* ...an anonymous
                                                         one */
extern const struct tui_keymap tui_keys_ref_taken; /* its reference taken */

/* Every table above, NULL-terminated. */
extern const struct tui_keymap *const tui_keymaps[];

#endif /* CONSULT_TUI_MODEL_KEYS_H */
