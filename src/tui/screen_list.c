/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_list.c: the screens of the terminal interface, made from the
 * one list in screen_list.h. The shell opens the first; each other one
 * is opened by the keys its model file declares.
 */
#include "screen.h"
#include "screen_list.h"

#define SCREEN_DECLARE(name) extern const struct screen screen_##name;
TUI_SCREENS(SCREEN_DECLARE)

#define SCREEN_ENTRY(name) &screen_##name,
const struct screen *const tui_screens[] = {
    TUI_SCREENS(SCREEN_ENTRY)
    NULL,
};

const struct screen *const tui_help_screen = &screen_help;
const struct screen *const tui_ideas_screen = &screen_ideas;
const struct screen *const tui_form_screen = &screen_form;
