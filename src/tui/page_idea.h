/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * page_idea.h: an idea's page as a part of a screen: the idea's lines in
 * the body, and the actions an idea's page and the triage desk share (tag,
 * untag, hide, remark, merge, unmerge, a person's vote, moves, the status
 * flow). The screen
 * that holds the page (screen_idea.c, screen_triage.c) says what an
 * answered status flow and a confirmed merge do there.
 */
#ifndef CONSULT_TUI_PAGE_IDEA_H
#define CONSULT_TUI_PAGE_IDEA_H

#include <stdbool.h>
#include <stdint.h>

#include "model_dialog.h"
#include "model_idea.h"
#include "model_merge.h"
#include "model_stale.h"
#include "model_status.h"
#include "model_vote.h"
#include "screen.h"

struct idea_page;

/* What the holding screen does with an answered status flow (p->status at
 * STATUS_DONE) or a confirmed merge (p->merge at MERGE_DONE). */
typedef void (*idea_page_fn)(struct app *a, struct idea_page *p);

struct idea_page {
    struct model_idea idea;     /* the idea shown */
    struct dialog dlg;          /* tag, untag, remark */
    int purpose;                /* what dlg asks for */
    struct model_status status; /* the status flow */
    struct model_merge merge;   /* the merge flow */
    struct model_vote vote;     /* a person's vote */
    struct model_stale stale;   /* the last decision refused because the
                                   idea changed meanwhile */
    struct dialog refusal;      /* ...shown, with its two ways on */
    idea_page_fn apply_status;
    idea_page_fn apply_merge;
    idea_page_fn redo;          /* "apply anyway" (p->stale holds it) */
    void *owner;                /* the holding screen's state */
};

void idea_page_init(struct idea_page *p, idea_page_fn apply_status,
                    idea_page_fn apply_merge, idea_page_fn redo,
                    void *owner);
void idea_page_free(struct idea_page *p);

/* The shared actions on p->idea. True if `act` was one. */
bool idea_page_key(struct app *a, struct idea_page *p, enum tui_action act);

/* Open the status flow: the list of statuses (`to` < 0, on the current
 * one, from the current answer), or the text for status `to` (from
 * `prefill`). A status that needs no text is applied at once. */
void idea_page_ask_status(struct app *a, struct idea_page *p, int to,
                          const char *prefill);
/* The status change failed with `err`: show it; when the database was
 * only busy, the text dialog opens again with what was typed. */
void idea_page_status_failed(struct app *a, struct idea_page *p,
                             const struct cs_error *err);

/* A decision on p->idea failed with `err`: when the idea changed since
 * the page showed it (CS_ESTALE), open the refusal (who changed it, when,
 * to what) with its two ways on, keeping `text`, and return true. */
bool idea_page_refused(struct app *a, struct idea_page *p,
                       const struct cs_error *err, enum stale_op op,
                       enum cs_status to, const char *text, int64_t into);
/* Open the refusal again (after "apply anyway" was refused once more). */
void idea_page_show_refusal(struct app *a, struct idea_page *p,
                            const struct cs_error *err);
/* Others changed the database: read the idea again, saying what changed. */
void idea_page_refresh(struct app *a, struct idea_page *p);

/* Draw the idea's lines in the body (from line 1); write the cursor's
 * place. */
void idea_page_draw(struct app *a, struct idea_page *p, int *cy, int *cx);
void idea_page_click(struct app *a, struct idea_page *p, int line);

#endif /* CONSULT_TUI_PAGE_IDEA_H */
