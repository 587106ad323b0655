/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_person.h: the participant page's model, without curses: everything
 * held on the author of an idea (cs_participant_held): their contact and
 * consent, then what they wrote and voted and the answers prepared for
 * them, by date. The contact and the consent are changed here, each one
 * call to the core (cs_participant_edit, audited without the values),
 * followed by a fresh read. For a person who asks what is held on them,
 * or who moved, or who withdraws their consent.
 */
#ifndef CONSULT_TUI_MODEL_PERSON_H
#define CONSULT_TUI_MODEL_PERSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "tui.h"

/* The participant page's own actions (see tui.h). */
#define PERSON_ACT_CONSENT TUI_ACT_OWN1     /* give or withdraw consent */
#define PERSON_ACT_EMAIL TUI_ACT_OWN2       /* change a contact detail */
#define PERSON_ACT_POSTAL TUI_ACT_OWN3
#define PERSON_ACT_PHONE TUI_ACT_OWN4
#define PERSON_ACT_SERVICE TUI_ACT_OWN5

/* A contact detail the page changes. */
enum person_field {
    PERSON_EMAIL = 0,
    PERSON_POSTAL,
    PERSON_PHONE,
    PERSON_SERVICE
};

struct model_person {
    struct cs_db *db;           /* borrowed */
    int64_t id;                 /* the participant */
    struct cs_held *held;       /* owned */
    size_t sel, top;            /* the item selected, the first shown */
    int width;
};

/* The author of idea `idea_id`: *id, 0 when the idea is anonymous. The
 * codes of cs_participant_of_idea. */
enum cs_rc model_person_author(struct cs_db *db, int64_t idea_id,
                               int64_t *id, struct cs_error *err);

/* Read what is held on participant `id`. The codes of
 * cs_participant_held (CS_EPERM: not an admin). */
enum cs_rc model_person_load(struct model_person *m, struct cs_db *db,
                             int64_t id, int width, struct cs_error *err);
void model_person_free(struct model_person *m);

/* UP, DOWN, PGUP, PGDN (by `page`), HOME, END over the items. */
void model_person_apply(struct model_person *m, enum tui_action a,
                        int page);

/* The value of `f` now ("" when none). */
const char *model_person_value(const struct model_person *m,
                               enum person_field f);
/* Set `f` to `value` ("" erases it), or give or withdraw the consent;
 * then read again. The codes of cs_participant_edit. */
enum cs_rc model_person_set(struct model_person *m, enum person_field f,
                            const char *value, struct cs_error *err);
enum cs_rc model_person_toggle_consent(struct model_person *m,
                                       struct cs_error *err);

void model_person_header(const struct model_person *m, char *buf,
                         size_t size);
/* The page's lines, at most `max`; `*cursor` is the selected item's. */
size_t model_person_rows(struct model_person *m, struct tui_row *rows,
                         size_t max, int *cursor);

#endif /* CONSULT_TUI_MODEL_PERSON_H */
