/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_list.c: the screens of the terminal interface. The shell opens
 * the first; the others are pushed by the screens that lead to them. A
 * new screen is its model file, its screen file and one line here.
 */
#include "screen.h"

extern const struct screen screen_cons, screen_ideas, screen_idea,
    screen_triage, screen_stats, screen_templates, screen_tally, screen_help,
    screen_form, screen_themes;

const struct screen *const tui_screens[] = {
    &screen_cons,               /* first: the consultations */
    &screen_ideas,
    &screen_idea,
    &screen_triage,
    &screen_stats,
    &screen_templates,
    &screen_tally,
    &screen_help,
    &screen_form,
    &screen_themes,
    NULL,
};

const struct screen *const tui_help_screen = &screen_help;
const struct screen *const tui_ideas_screen = &screen_ideas;
const struct screen *const tui_form_screen = &screen_form;
