/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_disputes.h: the disputed forms of a double-entry paper batch,
 * without curses. Each form whose two entries differ is shown field by
 * field, the first entry's value beside the second's, with who keyed
 * each; the field on the cursor's line is shown whole below, the two
 * values side by side. An admin or a third agent settles the field with
 * one key: the first value, the second, or another value typed; each
 * settlement is one call to the core (cs_batch_resolve: applied to the
 * idea and audited), then the list is read again and the cursor is on the
 * next field to settle. Once no field of a form is left, the form is
 * verified and leaves the list.
 */
#ifndef CONSULT_TUI_MODEL_DISPUTES_H
#define CONSULT_TUI_MODEL_DISPUTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "tui.h"

/* The disputed forms' own actions (see tui.h): settle the field on the
 * cursor with the first entry's value, the second's, or one typed. */
#define DISPUTES_ACT_FIRST TUI_ACT_OWN1
#define DISPUTES_ACT_SECOND TUI_ACT_OWN2
#define DISPUTES_ACT_OTHER TUI_ACT_OWN3

/* Which value settles a field. */
enum dispute_pick {
    DISPUTE_FIRST = 0,          /* the first entry's */
    DISPUTE_SECOND,             /* the second entry's */
    DISPUTE_OTHER               /* a value typed */
};

struct model_disputes {
    struct cs_db *db;                   /* borrowed */
    int64_t batch_id;
    struct cs_batch batch;              /* as last read (owned fields) */
    bool has_batch;                     /* `batch` holds one */
    struct cs_batch_diff *diff;         /* owned: the fields to settle */
    size_t sel;                         /* the item on the cursor */
    size_t top;                         /* first list line shown (form
                                           headings count as lines) */
    size_t settled;                     /* fields settled on this screen */
};

/* Read batch `batch_id` and the fields its forms' entries differ on, not
 * yet settled. Returns the codes of cs_batch_get and cs_batch_diff. */
enum cs_rc model_disputes_load(struct model_disputes *m, struct cs_db *db,
                               int64_t batch_id, struct cs_error *err);
void model_disputes_free(struct model_disputes *m);

/* Read them again (another desk may have settled some), the cursor
 * staying on its field when it is still to settle. */
enum cs_rc model_disputes_reload(struct model_disputes *m,
                                 struct cs_error *err);

/* UP, DOWN, PGUP, PGDN (by `page` lines), HOME, END. True if it moved. */
bool model_disputes_apply(struct model_disputes *m, enum tui_action a,
                          int page);

/* The field on the cursor, or NULL when none is left. */
const struct cs_batch_diff_item *
model_disputes_selected(const struct model_disputes *m);

/* Fields left to settle, and the forms they belong to. */
size_t model_disputes_count(const struct model_disputes *m);
size_t model_disputes_forms(const struct model_disputes *m);

/*
 * Settle the field on the cursor with the first value, the second, or
 * `value` (DISPUTE_OTHER) through cs_batch_resolve, then read again: the
 * cursor goes to the next field left. Returns its codes (CS_EPERM: one of
 * the two keyers; CS_EINVAL: a value the field refuses, err->field);
 * CS_ENOTFOUND (with a message) when no field is selected. Nothing
 * changes on a refusal.
 */
enum cs_rc model_disputes_settle(struct model_disputes *m,
                                 enum dispute_pick pick, const char *value,
                                 struct cs_error *err);

/* A field's label ("Name", "Text"), translated, from its canonical
 * name; the name itself when it has none. */
const char *model_disputes_label(const char *field);

/* The title line: the consultation and batch, forms and fields left. */
void model_disputes_header(const struct model_disputes *m, char *buf,
                           size_t size);

/*
 * The screen's body, `width` x `height`: column headings, the fields to
 * settle grouped under their form (its reference, its idea, who keyed
 * each entry), the selected one kept in view; then, at the bottom, the
 * selected field's two values whole, side by side. At most `max` rows;
 * `*cursor` gets the selected line's index in `rows`.
 */
size_t model_disputes_rows(struct model_disputes *m, int width, int height,
                           struct tui_row *rows, size_t max, int *cursor);

#endif /* CONSULT_TUI_MODEL_DISPUTES_H */
