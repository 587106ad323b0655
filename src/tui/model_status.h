/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_status.h: the status flow as a model, without curses: choose a
 * status, then (when that status needs one) start the official answer from
 * a template of the consultation and type it, or type the reason for
 * hiding; the flow then holds the status and the text, and the screen
 * that opened it makes the change. Each step is a dialog
 * (model_dialog.h) that the shell draws and feeds keys to.
 *
 * The answer editor says which idea is answered (its number and title);
 * Esc there asks before throwing a typed answer away. When the change
 * fails only because the database was busy, the flow opens the text step
 * again with what was typed.
 */
#ifndef CONSULT_TUI_MODEL_STATUS_H
#define CONSULT_TUI_MODEL_STATUS_H

#include <stdbool.h>
#include <stdint.h>

#include "consult/consult.h"
#include "model_dialog.h"

enum status_step {
    STATUS_NONE = 0,    /* not started, or cancelled */
    STATUS_CHOOSE,      /* the list of statuses */
    STATUS_TEMPLATE,    /* the template the answer starts from */
    STATUS_TEXT,        /* the official answer (editor), the reason (line) */
    STATUS_DONE         /* answered: `to` and `text` hold the change */
};

struct model_status {
    struct cs_db *db;           /* borrowed */
    int64_t cons_id;            /* the templates are this consultation's */
    char what[128];             /* "idea 12", "3 marked ideas" */
    char about[512];            /* "Idea 12: its title"; "" for several */
    int64_t fill_id;            /* the idea templates are filled for; 0:
                                   several ideas (placeholders kept) */
    enum cs_status to;          /* the status chosen */
    char *text;                 /* owned: the text the next step starts
                                   from; at STATUS_DONE the text typed,
                                   NULL when the status takes none */
    enum status_step step;
    struct dialog dlg;          /* the current step's dialog */
};

/* An idle flow (STATUS_NONE). */
void model_status_init(struct model_status *f);
/* Free what it holds; it is idle after. */
void model_status_free(struct model_status *f);

/*
 * Start with the list of statuses (on `current` when >= 0; merged is not
 * offered: merges have their own key). `what` names the ideas concerned
 * in the titles ("idea 12", "3 marked ideas"); `fill_id` is the one idea
 * concerned, or 0 for several. An answer starts from `prefill` (the
 * current one) when it is not empty, else from a template chosen, else
 * blank. Texts are copied.
 */
void model_status_start(struct model_status *f, struct cs_db *db,
                        int64_t cons_id, const char *what, int64_t fill_id,
                        int current, const char *prefill);
/* The same with status `to` chosen already: the text step, or STATUS_DONE
 * at once when `to` takes no text. Returns the step. */
enum status_step model_status_start_to(struct model_status *f,
                                       struct cs_db *db, int64_t cons_id,
                                       const char *what, int64_t fill_id,
                                       enum cs_status to,
                                       const char *prefill);

/* The current dialog was answered with `r` (DLG_OK or DLG_CANCEL): go to
 * the next step and return it. */
enum status_step model_status_answer(struct model_status *f,
                                     enum dlg_result r);
/* Feed one key to the current dialog (dialog_key), and answer it when the
 * key did. Returns the step. */
enum status_step model_status_key(struct model_status *f, enum cs_role role,
                                  int key, int width, int height);

/* The change made with the flow's answer failed with `err`. When the
 * database was only busy and a text was typed, the text step opens again
 * with it (returns true); otherwise the flow ends (false). */
bool model_status_retry(struct model_status *f, const struct cs_error *err);

#endif /* CONSULT_TUI_MODEL_STATUS_H */
