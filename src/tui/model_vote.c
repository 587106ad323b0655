/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_vote.c: a person's vote on an idea's page as a flow of dialogs
 * (see model_vote.h).
 */
#include "model_vote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NEW_PERSON (-1)         /* the list's line for a new person */

void
model_vote_init(struct model_vote *m)
{
    memset(m, 0, sizeof *m);
    dialog_init(&m->dlg);
}

void
model_vote_free(struct model_vote *m)
{
    dialog_clear(&m->dlg);
    cs_participant_list_free(m->found);
    model_vote_init(m);
}

static void
copy(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

/* The people found for m->query, listed in the open find dialog. */
static enum cs_rc
fill(struct model_vote *m, struct cs_error *err)
{
    struct cs_participant_list *found = NULL;
    struct model_menu *mm = &m->dlg.menu;
    char line[sizeof mm->items[0].label];
    enum cs_rc rc;

    if ((rc = cs_participant_search(m->db, m->query, VOTE_FOUND_MAX, &found,
                                    err)) != CS_OK)
        return rc;
    cs_participant_list_free(m->found);
    m->found = found;
    model_menu_free(mm);
    model_menu_init(mm, m->dlg.title);
    for (size_t i = 0; i < found->count; i++) {
        const struct cs_participant *p = &found->items[i];

        snprintf(line, sizeof line, "%s%s%s%s%s",
                 p->name ? p->name : "", p->service ? "  -  " : "",
                 p->service ? p->service : "", p->ref ? "  -  " : "",
                 p->ref ? p->ref : "");
        model_menu_add(mm, line, (int64_t)i + 1);
    }
    if (m->query[0])
        /* TRANSLATORS: the last line of the voters found: the name typed
         * is a person not known yet. */
        snprintf(line, sizeof line, _("+ A new person: %s"), m->query);
    else
        snprintf(line, sizeof line, "%s", _("+ A new person"));
    model_menu_add(mm, line, NEW_PERSON);
    return CS_OK;
}

static enum cs_rc
open_find(struct model_vote *m, struct cs_error *err)
{
    char title[256];

    snprintf(title, sizeof title, _("Vote for idea %lld: who votes?"),
             (long long)m->idea_id);
    dialog_pick(&m->dlg, title, DLG_DIGITS_TEXT, _("Name or reference: "));
    tui_edit_set(&m->dlg.edit, m->query);
    m->step = VOTE_FIND;
    return fill(m, err);
}

static void
open_name(struct model_vote *m)
{
    dialog_line(&m->dlg, _("New person's name: "), m->name);
    m->step = VOTE_NAME;
}

static void
open_service(struct model_vote *m)
{
    dialog_line(&m->dlg, _("Their service: "), m->service);
    m->step = VOTE_SERVICE;
}

enum cs_rc
model_vote_start(struct model_vote *m, struct cs_db *db, int64_t idea_id,
                 struct cs_error *err)
{
    /* What was typed for this idea stays; another idea starts afresh. */
    if (m->idea_id != idea_id) {
        m->query[0] = m->name[0] = m->service[0] = '\0';
        m->idea_id = idea_id;
    }
    m->db = db;
    m->vote_id = 0;
    return open_find(m, err);
}

/* Save the vote of `who`; on a refusal, the step `again` opens again
 * with the core's message. */
static enum vote_next
save(struct model_vote *m, const struct cs_person *who, enum vote_step again,
     struct cs_error *err)
{
    struct cs_error e;
    enum cs_rc rc;

    cs_error_clear(&e);
    rc = cs_vote_add(m->db, m->idea_id, who, CS_CHANNEL_PAPER, NULL,
                     &m->vote_id, &e);
    if (err)
        *err = e;
    if (rc == CS_OK) {
        snprintf(m->who, sizeof m->who, "%s%s%s",
                 who->name ? who->name : (who->ref ? who->ref : ""),
                 who->service ? ", " : "", who->service ? who->service : "");
        m->query[0] = m->name[0] = m->service[0] = '\0';
        dialog_clear(&m->dlg);
        m->step = VOTE_CLOSED;
        return VOTE_SAVED;
    }
    if (again == VOTE_FIND)
        open_find(m, NULL);
    else
        open_service(m);
    copy(m->dlg.note, sizeof m->dlg.note, e.msg);
    return VOTE_GOING;
}

enum vote_next
model_vote_answer(struct model_vote *m, enum dlg_result r,
                  struct cs_error *err)
{
    struct cs_person who;
    int64_t v;

    memset(&who, 0, sizeof who);
    who.channel = CS_CHANNEL_PAPER;
    switch (m->step) {
    case VOTE_FIND:
        if (r == DLG_CHANGED) {
            copy(m->query, sizeof m->query, dialog_text(&m->dlg));
            if (fill(m, err) != CS_OK && err)
                copy(m->dlg.note, sizeof m->dlg.note, err->msg);
            return VOTE_GOING;
        }
        if (r != DLG_OK) {
            dialog_clear(&m->dlg);
            m->step = VOTE_CLOSED;
            return VOTE_CANCELLED;
        }
        v = dialog_value(&m->dlg);
        if (v == NEW_PERSON || m->found == NULL || v < 1
            || (size_t)v > m->found->count) {
            /* A new person: the name typed so far, then the service. */
            if (m->name[0] == '\0')
                copy(m->name, sizeof m->name, m->query);
            open_name(m);
            return VOTE_GOING;
        }
        {
            const struct cs_participant *p = &m->found->items[v - 1];

            /* Found again by reference where there is one, else by name
             * and service, as the core identifies people. */
            who.ref = p->ref;
            who.name = p->ref ? NULL : p->name;
            who.service = p->ref ? NULL : p->service;
            if (p->ref && p->name) {
                enum vote_next next;
                char label[420];

                next = save(m, &who, VOTE_FIND, err);
                if (next == VOTE_SAVED) {
                    snprintf(label, sizeof label, "%s (%s)", p->name,
                             p->ref);
                    copy(m->who, sizeof m->who, label);
                }
                return next;
            }
            return save(m, &who, VOTE_FIND, err);
        }
    case VOTE_NAME:
        if (r == DLG_CHANGED)
            return VOTE_GOING;
        copy(m->name, sizeof m->name, dialog_text(&m->dlg));
        if (r != DLG_OK) {
            /* Back to the people found, with the name kept. */
            open_find(m, NULL);
            return VOTE_GOING;
        }
        open_service(m);
        return VOTE_GOING;
    case VOTE_SERVICE:
        if (r == DLG_CHANGED)
            return VOTE_GOING;
        copy(m->service, sizeof m->service, dialog_text(&m->dlg));
        if (r != DLG_OK) {
            open_name(m);
            return VOTE_GOING;
        }
        who.name = m->name;
        who.service = m->service[0] ? m->service : NULL;
        return save(m, &who, VOTE_SERVICE, err);
    case VOTE_CLOSED:
    default:
        return VOTE_CANCELLED;
    }
}
