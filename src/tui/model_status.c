/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_status.c: the status flow (see model_status.h): the list of
 * statuses, the templates, the answer or the reason, as dialogs.
 */
#include "model_status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult/template.h"
#include "text.h"

void
model_status_init(struct model_status *f)
{
    memset(f, 0, sizeof *f);
    dialog_init(&f->dlg);
}

void
model_status_free(struct model_status *f)
{
    free(f->text);
    dialog_clear(&f->dlg);
    model_status_init(f);
}

static void
set_text(struct model_status *f, const char *text)
{
    char *copy = text ? strdup(text) : NULL;

    free(f->text);
    f->text = copy;
}

/* What the flow is about: "Idea 12: its title" for one idea. */
static void
begin(struct model_status *f, struct cs_db *db, int64_t cons_id,
      const char *what, int64_t fill_id, const char *prefill)
{
    struct cs_idea idea;

    model_status_free(f);
    f->db = db;
    f->cons_id = cons_id;
    f->fill_id = fill_id;
    snprintf(f->what, sizeof f->what, "%s", what);
    f->about[0] = '\0';        /* several ideas: the title names them */
    if (fill_id && cs_idea_get(db, fill_id, &idea, NULL) == CS_OK) {
        /* TRANSLATORS: the idea an answer is typed for: number, title. */
        snprintf(f->about, sizeof f->about, _("Idea %lld: %s"),
                 (long long)fill_id, idea.title ? idea.title : "");
        cs_idea_clear(&idea);
    }
    set_text(f, prefill);
}

static void
open_editor(struct model_status *f)
{
    char title[256];

    /* TRANSLATORS: "Official answer (accepted) for idea 12". */
    snprintf(title, sizeof title, _("Official answer (%s) for %s"),
             cs_status_label(f->to), f->what);
    dialog_editor(&f->dlg, title, f->about, f->text ? f->text : "");
    f->step = STATUS_TEXT;
}

/* Offer the consultation's templates before the editor. False: none. */
static bool
open_templates(struct model_status *f)
{
    struct cs_template_list *l = NULL;
    char title[256];

    if (cs_template_list(f->db, f->cons_id, &l, NULL) != CS_OK
        || l->count == 0) {
        cs_template_list_free(l);
        return false;
    }
    snprintf(title, sizeof title, _("Start the official answer (%s) for %s "
                                    "from"), cs_status_label(f->to),
             f->what);
    dialog_pick(&f->dlg, title, DLG_DIGITS_VALUE, NULL);
    model_menu_add(&f->dlg.menu, _("0  a blank answer"), 0);
    for (size_t i = 0; i < l->count; i++) {
        char label[200];

        snprintf(label, sizeof label, "%d  %s", l->items[i].number,
                 l->items[i].title);
        model_menu_add(&f->dlg.menu, label, l->items[i].number);
    }
    cs_template_list_free(l);
    f->step = STATUS_TEMPLATE;
    return true;
}

/* The step after the status is known. */
static enum status_step
after_status(struct model_status *f)
{
    switch (cs_status_text(f->to)) {
    case CS_TEXT_REASON:
        dialog_line(&f->dlg, _("Reason for hiding: "),
                    f->text ? f->text : "");
        f->step = STATUS_TEXT;
        break;
    case CS_TEXT_ANSWER:
        /* An answer being changed starts from itself; a new one may start
         * from a template. */
        if ((f->text && f->text[0]) || !open_templates(f))
            open_editor(f);
        break;
    default:
        set_text(f, NULL);
        dialog_clear(&f->dlg);
        f->step = STATUS_DONE;
        break;
    }
    return f->step;
}

void
model_status_start(struct model_status *f, struct cs_db *db,
                   int64_t cons_id, const char *what, int64_t fill_id,
                   int current, const char *prefill)
{
    char title[256];

    begin(f, db, cons_id, what, fill_id, prefill);
    snprintf(title, sizeof title, _("New status for %s"), what);
    dialog_pick(&f->dlg, title, DLG_DIGITS_LINE, NULL);
    for (int s = 0; s < CS_STATUS_COUNT; s++) {
        char label[200], name[64];

        if (s == CS_STATUS_MERGED)
            continue;           /* merges have their own key */
        /* Padded by display width, not bytes: "réalisée" is 8 columns. */
        tui_fit(name, sizeof name, cs_status_label((enum cs_status)s), 14,
                true);
        snprintf(label, sizeof label, "%s %s", name,
                 cs_status_text((enum cs_status)s) == CS_TEXT_ANSWER
                     ? _("(with an official answer)")
                 : cs_status_text((enum cs_status)s) == CS_TEXT_REASON
                     ? _("(with a reason)") : "");
        model_menu_add(&f->dlg.menu, label, s);
    }
    if (current >= 0)
        model_menu_select_value(&f->dlg.menu, current);
    f->step = STATUS_CHOOSE;
}

enum status_step
model_status_start_to(struct model_status *f, struct cs_db *db,
                      int64_t cons_id, const char *what, int64_t fill_id,
                      enum cs_status to, const char *prefill)
{
    begin(f, db, cons_id, what, fill_id, prefill);
    f->to = to;
    return after_status(f);
}

/* A template chosen: its text, filled for the idea when there is one
 * (for several, each idea's placeholders are filled as it changes). */
static void
use_template(struct model_status *f, int64_t n)
{
    struct cs_template_list *l = NULL;

    set_text(f, NULL);
    if (n > 0 && cs_template_list(f->db, f->cons_id, &l, NULL) == CS_OK) {
        for (size_t i = 0; i < l->count; i++) {
            struct cs_idea idea;
            char *filled = NULL;

            if (l->items[i].number != n)
                continue;
            if (f->fill_id
                && cs_idea_get(f->db, f->fill_id, &idea, NULL) == CS_OK) {
                if (cs_template_fill(l->items[i].body, &idea, &filled,
                                     NULL) == CS_OK)
                    set_text(f, filled);
                free(filled);
                cs_idea_clear(&idea);
            } else {
                set_text(f, l->items[i].body);
            }
        }
    }
    cs_template_list_free(l);
    open_editor(f);
}

enum status_step
model_status_answer(struct model_status *f, enum dlg_result r)
{
    if (r != DLG_OK && r != DLG_CANCEL)
        return f->step;
    if (r == DLG_CANCEL) {
        dialog_clear(&f->dlg);
        f->step = STATUS_NONE;
        return f->step;
    }
    switch (f->step) {
    case STATUS_CHOOSE:
        f->to = (enum cs_status)dialog_value(&f->dlg);
        return after_status(f);
    case STATUS_TEMPLATE:
        use_template(f, dialog_value(&f->dlg));
        return f->step;
    case STATUS_TEXT:
        set_text(f, dialog_text(&f->dlg));
        dialog_clear(&f->dlg);
        f->step = STATUS_DONE;
        return f->step;
    default:
        return f->step;
    }
}

enum status_step
model_status_key(struct model_status *f, enum cs_role role, int key,
                 int width, int height)
{
    return model_status_answer(f, dialog_key(&f->dlg, role, key, width,
                                             height));
}

bool
model_status_retry(struct model_status *f, const struct cs_error *err)
{
    /* Another user writing for longer than the busy timeout, or a disk
     * that filled up, must not cost the answer typed: the dialog opens
     * again with it, ready to save once more. A refusal by a rule only
     * shows its message. */
    if (f->step == STATUS_DONE
        && (err->code == CS_EBUSY || err->code == CS_EREADONLY)
        && f->text != NULL
        && f->text[0] != '\0') {
        after_status(f);
        if (f->step == STATUS_TEXT) {
            f->dlg.edit.changed = true;     /* not saved: Esc asks */
            return true;
        }
    }
    dialog_clear(&f->dlg);
    f->step = STATUS_NONE;
    return false;
}
