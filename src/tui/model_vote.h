/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_vote.h: adding a person's vote on an idea's page, as a flow of
 * dialogs without curses.
 *
 * The voter is found as their name or reference is typed (the core's
 * participant search fills the list at each change), or entered as a new
 * person: the name typed so far, then the service. Choosing saves the
 * vote through the core (cs_vote_add). Nothing typed is lost: Esc goes
 * back one step, a refusal (this person already supports the idea, the
 * idea is withdrawn...) opens the step again with its text and the
 * core's message, and what was typed to find the person stays for the
 * next time the flow is opened on this page.
 */
#ifndef CONSULT_TUI_MODEL_VOTE_H
#define CONSULT_TUI_MODEL_VOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "model_dialog.h"

#define VOTE_FOUND_MAX 50       /* people listed at most */

enum vote_step {
    VOTE_CLOSED = 0,
    VOTE_FIND,                  /* the list of people found */
    VOTE_NAME,                  /* a new person's name */
    VOTE_SERVICE                /* ...and service */
};

/* What an answer to the flow's dialog led to. */
enum vote_next {
    VOTE_GOING = 0,             /* the dialog (the same or the next) is
                                   open: give it the keys */
    VOTE_CANCELLED,             /* closed without a vote */
    VOTE_SAVED                  /* the vote is recorded (vote_id) */
};

struct model_vote {
    struct cs_db *db;           /* borrowed */
    int64_t idea_id;
    enum vote_step step;
    struct dialog dlg;          /* the open step */
    char query[200];            /* typed to find the person */
    char name[200];             /* a new person's */
    char service[200];
    struct cs_participant_list *found;  /* owned: the people listed */
    int64_t vote_id;            /* the vote saved */
    char who[420];              /* who it is, for the message */
};

void model_vote_init(struct model_vote *m);
void model_vote_free(struct model_vote *m);

/*
 * Open the flow on idea `idea_id`: the list of people found for what was
 * typed last time on this idea (nothing the first time). The dialog to
 * show is m->dlg. Returns the codes of cs_participant_search.
 */
enum cs_rc model_vote_start(struct model_vote *m, struct cs_db *db,
                            int64_t idea_id, struct cs_error *err);

/*
 * The dialog answered `r` (DLG_CHANGED: the text typed to find changed).
 * Moves to the next step, or saves the vote. On a refusal the step opens
 * again with the core's message in m->dlg.note (and in `err`), and
 * VOTE_GOING is returned.
 */
enum vote_next model_vote_answer(struct model_vote *m, enum dlg_result r,
                                 struct cs_error *err);

#endif /* CONSULT_TUI_MODEL_VOTE_H */
