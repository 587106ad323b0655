/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_triage.h: triage mode's queue, without curses: the new ideas of a
 * consultation, oldest first, one at a time. A decision (reviewing,
 * accepted, rejected, implemented, hidden, merged) or a skip moves on to
 * the next new idea after the current one, read with a keyset query from
 * where the queue stands, so that a queue of 300 ideas, or of 300,000,
 * costs one short query per idea. Ideas that others decide meanwhile are
 * no longer new and drop out by themselves.
 */
#ifndef CONSULT_TUI_MODEL_TRIAGE_H
#define CONSULT_TUI_MODEL_TRIAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "tui.h"

/* The triage screen's own actions (see tui.h). */
#define TRIAGE_ACT_REVIEW TUI_ACT_OWN1
#define TRIAGE_ACT_ACCEPT TUI_ACT_OWN2
#define TRIAGE_ACT_REJECT TUI_ACT_OWN3
#define TRIAGE_ACT_IMPLEMENT TUI_ACT_OWN4
#define TRIAGE_ACT_SKIP TUI_ACT_OWN5

struct model_triage {
    struct cs_db *db;               /* borrowed */
    int64_t cons_id;
    struct cs_idea_cursor after;    /* the queue goes on after this */
    int64_t current;                /* the idea to decide, 0: none left */
    int64_t left;                   /* new ideas left (capped count) */
    size_t decided;                 /* decisions made in this sitting */
    size_t skipped;                 /* ideas passed over */
};

/* Start the queue of consultation `cons_id` at its oldest new idea.
 * Returns the codes of cs_idea_list. */
enum cs_rc model_triage_start(struct model_triage *t, struct cs_db *db,
                              int64_t cons_id, struct cs_error *err);

/* Go to the next new idea after the current one; `skip` counts the
 * current one as passed over. */
enum cs_rc model_triage_next(struct model_triage *t, bool skip,
                             struct cs_error *err);

/* Decide the current idea: move it to `to` with `text` (the answer or
 * reason) and go to the next. `if_version` is the version of the idea the
 * screen showed (0: no check). On a refusal (CS_ESTALE when it changed
 * since) the queue stays on it and the core's code and message come
 * back. */
enum cs_rc model_triage_decide(struct model_triage *t, int64_t if_version,
                               enum cs_status to, const char *text,
                               struct cs_error *err);

/* Record that the current idea was decided another way (merged from its
 * page) and go to the next. */
enum cs_rc model_triage_done(struct model_triage *t, struct cs_error *err);

/* Start again from the oldest new idea (the skipped ones come back). */
enum cs_rc model_triage_restart(struct model_triage *t,
                                struct cs_error *err);

#endif /* CONSULT_TUI_MODEL_TRIAGE_H */
