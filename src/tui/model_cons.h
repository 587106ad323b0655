/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_cons.h: the consultations screen's model: each consultation's
 * code, title, kind, dates, state and counts of ideas and votes, one per
 * line, and the selection. Consultations are few (a handful a year), so
 * the list is read whole; their counts, which on a national consultation
 * add up a million rows, are made in steps between keystrokes
 * (model_cons_count_step), the first with the list.
 */
#ifndef CONSULT_TUI_MODEL_CONS_H
#define CONSULT_TUI_MODEL_CONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "tui.h"

#define MODEL_CONS_COUNT_STEP 20000     /* idea ids per counting step */

struct model_cons {
    struct cs_db *db;                       /* borrowed */
    struct cs_consultation_list *list;      /* owned; counts -1 until
                                               counted */
    bool counting;                          /* counts not finished */
    size_t count_i;                         /* consultation being counted */
    int64_t count_next, count_last;         /* ids counted, the last id */
    size_t sel;                             /* selected line */
    size_t top;                             /* first line shown */
    int width, height;                      /* the list's size on screen */
};

/* Read the consultations. Returns CS_OK, CS_EPERM, CS_ENOMEM. */
enum cs_rc model_cons_init(struct model_cons *m, struct cs_db *db, int width,
                           int height, struct cs_error *err);
void model_cons_free(struct model_cons *m);
/* Read them again, keeping the selected one selected. */
enum cs_rc model_cons_reload(struct model_cons *m, struct cs_error *err);
void model_cons_resize(struct model_cons *m, int width, int height);
/* Count the next step of ids, if counts are being made. */
enum cs_rc model_cons_count_step(struct model_cons *m, struct cs_error *err);
/* UP, DOWN, PGUP, PGDN, HOME, END. */
void model_cons_apply(struct model_cons *m, enum tui_action a);
void model_cons_click(struct model_cons *m, int line);
/* The selected consultation, or NULL when there is none. */
const struct cs_consultation *model_cons_selected(const struct model_cons *m);
/* Select the consultation `id` if it is listed. */
void model_cons_select(struct model_cons *m, int64_t id);

void model_cons_header(const struct model_cons *m, char *buf, size_t size);
void model_cons_columns(const struct model_cons *m, char *buf, size_t size);
/* The lines shown; `*cursor` is the selected one's line. */
size_t model_cons_rows(struct model_cons *m, struct tui_row *rows,
                       size_t max, int *cursor);

#endif /* CONSULT_TUI_MODEL_CONS_H */
