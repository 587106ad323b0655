/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_themes.h: the themes screen's model, without curses: the themes
 * of a consultation (retired ones too, marked), a selection, and the
 * changes (title, code, retire or offer again, delete), each one call to
 * the core followed by a fresh read, the selection staying on its theme.
 */
#ifndef CONSULT_TUI_MODEL_THEMES_H
#define CONSULT_TUI_MODEL_THEMES_H

#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "tui.h"

/* The themes screen's own actions (see tui.h): give the selected theme a
 * new code; retire it, or offer it again. */
#define THEMES_ACT_CODE TUI_ACT_OWN1
#define THEMES_ACT_RETIRE TUI_ACT_OWN2

struct model_themes {
    struct cs_db *db;                   /* borrowed */
    int64_t cons_id;
    char code[40];                      /* the consultation's code */
    struct cs_theme_list *list;         /* owned */
    size_t sel;                         /* selected theme */
    size_t top;                         /* first theme shown */
    int width;
};

/* Read the themes of consultation `cons_id`. Returns the codes of
 * cs_theme_list. */
enum cs_rc model_themes_load(struct model_themes *m, struct cs_db *db,
                             int64_t cons_id, const char *code, int width,
                             struct cs_error *err);
void model_themes_free(struct model_themes *m);
/* UP, DOWN, PGUP, PGDN (by `page` lines), HOME, END. */
void model_themes_apply(struct model_themes *m, enum tui_action a,
                        int page);
/* The selected theme, or NULL when there is none. */
const struct cs_theme *model_themes_selected(const struct model_themes *m);

/* Through the core, then read again: the selected theme's new title and
 * or code (NULL: unchanged), retired or offered again (whichever it is
 * not), or deleted. */
enum cs_rc model_themes_update(struct model_themes *m, const char *code,
                               const char *title, struct cs_error *err);
enum cs_rc model_themes_toggle_retired(struct model_themes *m,
                                       struct cs_error *err);
enum cs_rc model_themes_delete(struct model_themes *m, struct cs_error *err);

void model_themes_header(const struct model_themes *m, char *buf,
                         size_t size);
/* The column headings, then up to `max` theme lines from the first
 * shown, kept so that the selected one is among them; `*cursor` is the
 * selected line's index in `rows` (headings at 0). */
size_t model_themes_rows(struct model_themes *m, struct tui_row *rows,
                         size_t max, int *cursor);

#endif /* CONSULT_TUI_MODEL_THEMES_H */
