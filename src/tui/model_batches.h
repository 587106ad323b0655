/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_batches.h: the paper batches screen's model, without curses: the
 * paper batches of a consultation with their counts (forms keyed against
 * the control total, and for a double-entry batch the forms verified and
 * disputed), a selection, and closing the selected batch through the
 * core (with a reason when its count differs: an admin's). Each change is
 * one call to the core followed by a fresh read, the selection staying on
 * its batch.
 */
#ifndef CONSULT_TUI_MODEL_BATCHES_H
#define CONSULT_TUI_MODEL_BATCHES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "tui.h"

/* The batches screen's own action (see tui.h): close the selected batch. */
#define BATCHES_ACT_CLOSE TUI_ACT_OWN1

struct model_batches {
    struct cs_db *db;                   /* borrowed */
    int64_t cons_id;
    char code[40];                      /* the consultation's code */
    struct cs_batch_list *list;         /* owned */
    size_t sel;                         /* selected batch */
    size_t top;                         /* first batch shown */
};

/* Read the paper batches of consultation `cons_id`. Returns the codes of
 * cs_batch_list. */
enum cs_rc model_batches_load(struct model_batches *m, struct cs_db *db,
                              int64_t cons_id, const char *code,
                              struct cs_error *err);
void model_batches_free(struct model_batches *m);

/* Read them again (other desks' forms counted), the selection staying on
 * its batch. */
enum cs_rc model_batches_reload(struct model_batches *m,
                                struct cs_error *err);

/* UP, DOWN, PGUP, PGDN (by `page` lines), HOME, END. True if the action
 * was a move. */
bool model_batches_apply(struct model_batches *m, enum tui_action a,
                         int page);

/* The selected batch, or NULL when there is none. */
const struct cs_batch *model_batches_selected(const struct model_batches *m);

/* True when closing the selected batch needs a reason: it is open and its
 * keyed count differs from the expected one (only an admin may give
 * one: the core says). */
bool model_batches_needs_reason(const struct model_batches *m);

/* Close the selected batch with `reason` (NULL or "": none) through
 * cs_batch_close, then read again. Returns its codes; CS_ENOTFOUND (with a
 * message) when no batch is selected. */
enum cs_rc model_batches_close(struct model_batches *m, const char *reason,
                               struct cs_error *err);

/* The title line: the consultation, the batches, those still open. */
void model_batches_header(const struct model_batches *m, char *buf,
                          size_t size);

/* The column headings, then up to `max` batch lines from the first shown
 * (`max` counts the headings), kept so that the selected one is among
 * them, each `width` columns; `*cursor` is the selected line's index in
 * `rows` (headings at 0). Returns the rows written. */
size_t model_batches_rows(struct model_batches *m, int width,
                          struct tui_row *rows, size_t max, int *cursor);

#endif /* CONSULT_TUI_MODEL_BATCHES_H */
