/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_list.h: the screens of the terminal interface, the one it opens
 * on first. A new screen is its model file, its screen file and one line
 * here: SCREEN(name) names screen_<name>, the screen (screen_<name>.c),
 * and model_<name>_keys, its keys and how it is opened (model_<name>.c),
 * with its own actions named in its model header from TUI_ACT_OWN1 on
 * (tui.h), so that nothing else changes.
 * The shell (screen_list.c) and the key tables' list (model_keys.c) are
 * both made from this one list, so a screen cannot have one without the
 * other.
 */
#ifndef CONSULT_TUI_SCREEN_LIST_H
#define CONSULT_TUI_SCREEN_LIST_H

#define TUI_SCREENS(SCREEN) \
    SCREEN(cons)        /* first: the consultations */ \
    SCREEN(ideas) \
    SCREEN(idea) \
    SCREEN(triage) \
    SCREEN(stats) \
    SCREEN(templates) \
    SCREEN(themes) \
    SCREEN(tally) \
    SCREEN(help) \
    SCREEN(form) \
    SCREEN(sessions) \
    SCREEN(person) \
    SCREEN(batches) \
    SCREEN(disputes) \
    SCREEN(export) \
    SCREEN(import) \
    /* a new screen: one line above this one */

#endif /* CONSULT_TUI_SCREEN_LIST_H */
