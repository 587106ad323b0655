/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_merge.h: the merge flow as a model, without curses: choose the
 * idea to merge into (type any idea's number and Enter, or choose one of
 * the similar ideas with the arrows and Enter), see its number and title,
 * and confirm. The flow then holds the target and the screen that opened
 * it makes the merge (which U undoes on the idea's page).
 *
 * A number that names no idea, or the idea itself, is refused in the
 * dialog with a note, and what was typed stays to be corrected. No (n or
 * Esc) at the confirmation goes back to the choice; Esc there leaves.
 */
#ifndef CONSULT_TUI_MODEL_MERGE_H
#define CONSULT_TUI_MODEL_MERGE_H

#include <stdbool.h>
#include <stdint.h>

#include "consult/consult.h"
#include "model_dialog.h"

#define MODEL_MERGE_SUGGESTIONS 5   /* similar ideas offered */

enum merge_step {
    MERGE_NONE = 0,     /* not started, or cancelled */
    MERGE_CHOOSE,       /* a number typed or a similar idea chosen */
    MERGE_CONFIRM,      /* "merge idea 51 into idea 46?" */
    MERGE_DONE          /* confirmed: `into` is the target */
};

struct merge_suggestion {
    int64_t id;                 /* a similar idea */
    char label[200];            /* "idea 46, new, support 6: its title" */
};

struct model_merge {
    struct cs_db *db;           /* borrowed */
    int64_t id;                 /* the idea to merge */
    char title[256];            /* its title */
    struct merge_suggestion sugg[MODEL_MERGE_SUGGESTIONS];
    size_t sugg_count;
    int64_t into;               /* the idea chosen to merge into, or 0 */
    char into_title[256];       /* its title */
    enum merge_step step;
    struct dialog dlg;          /* the current step's dialog */
};

/* An idle flow (MERGE_NONE). */
void model_merge_init(struct model_merge *mm);
/* Free what it holds; it is idle after. */
void model_merge_free(struct model_merge *mm);

/*
 * Start merging `idea` (copied what is needed of it): the choice, with
 * the ideas of `similar` (may be NULL; at most MODEL_MERGE_SUGGESTIONS
 * are offered) and the selection on `preselect` when it is one of them.
 */
void model_merge_start(struct model_merge *mm, struct cs_db *db,
                       const struct cs_idea *idea,
                       const struct cs_idea_list *similar,
                       int64_t preselect);

/* The current dialog was answered with `r` (DLG_OK or DLG_CANCEL): go to
 * the next step and return it. A target refused stays at MERGE_CHOOSE
 * with a note in the dialog. */
enum merge_step model_merge_answer(struct model_merge *mm,
                                   enum dlg_result r);
/* Feed one key to the current dialog, and answer it when the key did. */
enum merge_step model_merge_key(struct model_merge *mm, enum cs_role role,
                                int key, int width, int height);

#endif /* CONSULT_TUI_MODEL_MERGE_H */
