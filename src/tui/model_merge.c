/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_merge.c: the merge flow (see model_merge.h): the choice of the
 * target, then the confirmation naming it.
 */
#include "model_merge.h"

#include <stdio.h>
#include <string.h>

void
model_merge_init(struct model_merge *mm)
{
    memset(mm, 0, sizeof *mm);
    dialog_init(&mm->dlg);
}

void
model_merge_free(struct model_merge *mm)
{
    dialog_clear(&mm->dlg);
    model_merge_init(mm);
}

/* The choice: the suggestions, and a field for any idea's number. */
static void
open_choice(struct model_merge *mm, int64_t select)
{
    char title[512];

    /* TRANSLATORS: the title of the merge dialog: number and title of the
     * idea being merged. */
    snprintf(title, sizeof title, _("Merge idea %lld (%s) into"),
             (long long)mm->id, mm->title);
    dialog_pick(&mm->dlg, title, DLG_DIGITS_NUMBER,
                _("Number of the idea to merge into: "));
    for (size_t i = 0; i < mm->sugg_count; i++)
        model_menu_add(&mm->dlg.menu, mm->sugg[i].label, mm->sugg[i].id);
    if (select)
        model_menu_select_value(&mm->dlg.menu, select);
    mm->step = MERGE_CHOOSE;
}

void
model_merge_start(struct model_merge *mm, struct cs_db *db,
                  const struct cs_idea *idea,
                  const struct cs_idea_list *similar, int64_t preselect)
{
    model_merge_free(mm);
    mm->db = db;
    mm->id = idea->id;
    snprintf(mm->title, sizeof mm->title, "%s",
             idea->title ? idea->title : "");
    for (size_t i = 0; similar && i < similar->count
                       && mm->sugg_count < MODEL_MERGE_SUGGESTIONS; i++) {
        const struct cs_idea *s = &similar->items[i];
        struct merge_suggestion *g = &mm->sugg[mm->sugg_count++];

        g->id = s->id;
        /* TRANSLATORS: a similar idea offered as a merge target: number,
         * status, support, title. */
        snprintf(g->label, sizeof g->label, _("idea %lld, %s, support %lld: "
                                              "%s"),
                 (long long)s->id, cs_status_label(s->status),
                 (long long)s->support, s->title ? s->title : "");
    }
    open_choice(mm, preselect);
}

/* The target typed or chosen: check it names another idea, then ask. */
static enum merge_step
chosen(struct model_merge *mm)
{
    int64_t n = dialog_number_value(&mm->dlg);
    struct cs_idea target;
    struct cs_error err;
    char question[256];
    char about[1024];

    if (n == 0 && mm->dlg.edit.len == 0)
        n = dialog_value(&mm->dlg);
    if (n == 0) {
        snprintf(mm->dlg.note, sizeof mm->dlg.note, "%s",
                 _("Type the number of an idea, or choose one."));
        return mm->step;
    }
    if (n == mm->id) {
        snprintf(mm->dlg.note, sizeof mm->dlg.note, "%s",
                 _("An idea cannot be merged into itself."));
        return mm->step;
    }
    cs_error_clear(&err);
    if (cs_idea_get(mm->db, n, &target, &err) != CS_OK) {
        if (err.code == CS_ENOTFOUND)
            snprintf(mm->dlg.note, sizeof mm->dlg.note,
                     _("There is no idea %lld."), (long long)n);
        else
            snprintf(mm->dlg.note, sizeof mm->dlg.note, "%s", err.msg);
        return mm->step;
    }
    mm->into = n;
    snprintf(mm->into_title, sizeof mm->into_title, "%s",
             target.title ? target.title : "");
    cs_idea_clear(&target);

    /* TRANSLATORS: what a merge does, before it is confirmed: the idea
     * merged, the target, and how to undo it. */
    snprintf(about, sizeof about, _("Idea %lld: %s\nwill be merged into\n"
                                    "idea %lld: %s\n\nIts support will "
                                    "count there. U on the page of idea "
                                    "%lld undoes the merge."),
             (long long)mm->id, mm->title, (long long)mm->into,
             mm->into_title, (long long)mm->id);
    snprintf(question, sizeof question,
             _("Merge idea %lld into idea %lld? (y/n) "), (long long)mm->id,
             (long long)mm->into);
    {
        char title[128];

        snprintf(title, sizeof title, _("Merge idea %lld"),
                 (long long)mm->id);
        dialog_confirm(&mm->dlg, title, about, question, true);
    }
    mm->step = MERGE_CONFIRM;
    return mm->step;
}

enum merge_step
model_merge_answer(struct model_merge *mm, enum dlg_result r)
{
    if (r != DLG_OK && r != DLG_CANCEL)
        return mm->step;
    switch (mm->step) {
    case MERGE_CHOOSE:
        if (r == DLG_OK)
            return chosen(mm);
        break;
    case MERGE_CONFIRM:
        if (r == DLG_OK) {
            dialog_clear(&mm->dlg);
            mm->step = MERGE_DONE;
            return mm->step;
        }
        /* No: choose again, from the idea refused. */
        open_choice(mm, mm->into);
        mm->into = 0;
        return mm->step;
    default:
        break;
    }
    dialog_clear(&mm->dlg);
    mm->into = 0;
    mm->step = MERGE_NONE;
    return mm->step;
}

enum merge_step
model_merge_key(struct model_merge *mm, enum cs_role role, int key,
                int width, int height)
{
    return model_merge_answer(mm, dialog_key(&mm->dlg, role, key, width,
                                             height));
}
