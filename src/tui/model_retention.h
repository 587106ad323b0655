/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_retention.h: the question the terminal interface asks an admin
 * when it opens and participants are past their consultations' retention
 * (retention.h), without curses: how many are due, what is erased and
 * what is kept, "anonymise them now?", and the run on yes.
 */
#ifndef CONSULT_TUI_MODEL_RETENTION_H
#define CONSULT_TUI_MODEL_RETENTION_H

#include <stdbool.h>
#include <stdint.h>

#include "consult/consult.h"
#include "model_dialog.h"

struct model_retention {
    struct cs_db *db;           /* borrowed */
    int64_t due;                /* participants due when asked */
    struct dialog dlg;          /* the question, owned */
    char result[256];           /* what the answer did, for the message
                                   line; "" before */
    bool failed;                /* ...and it is a failure */
};

/* A model asking nothing yet. */
void model_retention_init(struct model_retention *m);
void model_retention_clear(struct model_retention *m);

/*
 * When the acting user is an admin and the database can be written, count
 * the participants due; when there are some, open the question in m->dlg
 * and return true. False otherwise (nothing to ask, or the count failed:
 * the interface opens as usual).
 */
bool model_retention_ask(struct model_retention *m, struct cs_db *db);

/*
 * The answer to the question: on DLG_OK, run the retention
 * (cs_retention_run) and say in m->result how many were anonymised, or
 * why not (m->failed); on DLG_CANCEL, say nothing was done.
 */
void model_retention_answer(struct model_retention *m, enum dlg_result r);

#endif /* CONSULT_TUI_MODEL_RETENTION_H */
