/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_sessions.c: the committee sessions of the consultation, and one
 * session's agenda. n adds a session (body, date, title); Enter opens the
 * selected one; on its agenda a, r, i and p decide the item on the cursor
 * (accepted, rejected, implemented with the official answer typed in the
 * editor; postponed), each with an optional reason, and the cursor goes
 * on to the next item to decide; C closes the session (its decisions set
 * the ideas' statuses, in one go) and P publishes the answers it holds.
 * Each is the core's call, which checks the role; Esc goes back from a
 * session to the list, then to the ideas.
 */
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_sessions.h"
#include "term.h"

enum sessions_ask {
    ASK_BODY,           /* a new session: its body, */
    ASK_DATE,           /* ...its date, */
    ASK_TITLE,          /* ...its title */
    ASK_ANSWER,         /* a decision: its official answer, */
    ASK_REASON,         /* ...its reason */
    ASK_CLOSE,
    ASK_PUBLISH
};

struct sessions_screen {
    struct model_sessions m;
    struct dialog dlg;
    enum sessions_ask asking;
    enum cs_body body;
    char date[32];
    enum cs_decision decision;
    char *answer;               /* owned: typed, kept while the reason is */
};

static void
sessions_read(struct app *a, void *st)
{
    struct sessions_screen *s = st;
    struct cs_error err;

    cs_error_clear(&err);
    if (model_sessions_load(&s->m, a->db, a->cons_id, a->cons_code, a->cols,
                            &err) != CS_OK)
        app_error(a, &err);
}

static void
sessions_open(struct app *a, void *st, int64_t arg)
{
    struct sessions_screen *s = st;

    (void)arg;
    dialog_init(&s->dlg);
    sessions_read(a, st);
}

static void
sessions_close(struct app *a, void *st)
{
    struct sessions_screen *s = st;

    (void)a;
    model_sessions_free(&s->m);
    dialog_clear(&s->dlg);
    free(s->answer);
    s->answer = NULL;
}

static void
sessions_resize(struct app *a, void *st)
{
    struct sessions_screen *s = st;

    s->m.width = a->cols;
}

static void asked(struct app *a, void *owner, enum dlg_result r);

static void
ask(struct app *a, struct sessions_screen *s, enum sessions_ask what)
{
    const struct cs_agenda_item *it = model_sessions_item(&s->m);
    const struct cs_session *ses = model_sessions_selected(&s->m);
    char title[256], about[1024];

    s->asking = what;
    switch (what) {
    case ASK_BODY:
        dialog_pick(&s->dlg, _("A session of which body?"), DLG_DIGITS_LINE,
                    NULL);
        for (int b = 0; b < CS_BODY_COUNT; b++)
            model_menu_add(&s->dlg.menu, cs_body_label((enum cs_body)b), b);
        break;
    case ASK_DATE:
        dialog_line(&s->dlg, _("Date of the session (YYYY-MM-DD): "), "");
        break;
    case ASK_TITLE:
        dialog_line(&s->dlg, _("Title (Enter: none): "), "");
        break;
    case ASK_ANSWER:
        snprintf(title, sizeof title, _("Official answer: %s"),
                 cs_decision_label(s->decision));
        snprintf(about, sizeof about, "#%lld %s", (long long)it->idea_id,
                 it->idea_title ? it->idea_title : "");
        dialog_editor(&s->dlg, title, about,
                      it->answer && it->decision == (int)s->decision
                          ? it->answer : "");
        break;
    case ASK_REASON:
        dialog_line(&s->dlg, _("Reason, for the minutes (Enter: none): "),
                    it && it->reason ? it->reason : "");
        break;
    case ASK_CLOSE:
        snprintf(title, sizeof title, _("Close session %lld?"),
                 (long long)ses->id);
        dialog_confirm(&s->dlg, title, _("Its decisions set the ideas' "
                                         "statuses, all in one go; the "
                                         "postponed and undecided items go "
                                         "to the next session. A closed "
                                         "session is not edited again."),
                       _("Close it?"), false);
        break;
    case ASK_PUBLISH:
        snprintf(title, sizeof title, _("Publish the answers of session "
                                        "%lld?"), (long long)ses->id);
        dialog_confirm(&s->dlg, title, _("Exports, letters and open data "
                                         "show them from now on."),
                       _("Publish them?"), false);
        break;
    }
    app_dialog(a, &s->dlg, s, asked);
}

static void
done(struct app *a, struct sessions_screen *s, enum cs_rc rc,
     const struct cs_error *err)
{
    dialog_clear(&s->dlg);
    free(s->answer);
    s->answer = NULL;
    if (rc != CS_OK)
        app_error(a, err);
}

static void
asked(struct app *a, void *owner, enum dlg_result r)
{
    struct sessions_screen *s = owner;
    struct cs_error err;
    size_t carried = 0;
    int64_t count = 0;
    enum cs_rc rc;

    if (r != DLG_OK) {
        if (r == DLG_CANCEL) {
            done(a, s, CS_OK, NULL);
            app_message(a, "%s", _("Nothing changed."));
        }
        return;
    }
    cs_error_clear(&err);
    switch (s->asking) {
    case ASK_BODY:
        s->body = (enum cs_body)dialog_value(&s->dlg);
        ask(a, s, ASK_DATE);
        return;
    case ASK_DATE:
        snprintf(s->date, sizeof s->date, "%s", dialog_text(&s->dlg));
        ask(a, s, ASK_TITLE);
        return;
    case ASK_TITLE:
        rc = model_sessions_add(&s->m, s->body, s->date,
                                dialog_text(&s->dlg), &carried, &err);
        done(a, s, rc, &err);
        if (rc == CS_OK)
            app_message(a, dngettext(TUI_TEXTDOMAIN,
                                     "Session %lld added; %lu item carried "
                                     "from earlier sessions.",
                                     "Session %lld added; %lu items carried "
                                     "from earlier sessions.", carried),
                        (long long)model_sessions_selected(&s->m)->id,
                        (unsigned long)carried);
        return;
    case ASK_ANSWER:
        free(s->answer);
        s->answer = strdup(dialog_text(&s->dlg));
        ask(a, s, ASK_REASON);
        return;
    case ASK_REASON:
        rc = model_sessions_decide(&s->m, s->decision, s->answer,
                                   dialog_text(&s->dlg), &err);
        done(a, s, rc, &err);
        if (rc == CS_OK)
            app_message(a, "%s", _("Decision recorded: the idea's status "
                                   "changes when the session closes."));
        return;
    case ASK_CLOSE:
        rc = model_sessions_close(&s->m, &carried, &err);
        done(a, s, rc, &err);
        if (rc == CS_OK)
            app_message(a, _("Session closed: the ideas' statuses are set; "
                             "%zu items carried to the next session."),
                        carried);
        return;
    case ASK_PUBLISH:
        rc = model_sessions_publish(&s->m, &count, &err);
        done(a, s, rc, &err);
        if (rc == CS_OK)
            app_message(a, dngettext(TUI_TEXTDOMAIN, "%lld answer published.",
                                     "%lld answers published.", count),
                        (long long)count);
        return;
    }
}

static void
decide(struct app *a, struct sessions_screen *s, enum cs_decision d)
{
    const struct cs_session *ses = model_sessions_selected(&s->m);

    if (s->m.detail && ses->closed) {
        /* Said before an answer is typed for nothing. */
        app_message(a, _("Session %lld is closed: its decisions stand; put "
                         "the idea on the next session's agenda."),
                    (long long)ses->id);
        return;
    }
    if (model_sessions_item(&s->m) == NULL) {
        app_message(a, "%s", s->m.detail
                                 ? _("This session's agenda is empty.")
                                 : _("Open a session first (Enter)."));
        return;
    }
    s->decision = d;
    free(s->answer);
    s->answer = NULL;
    ask(a, s, d == CS_DECISION_POSTPONED ? ASK_REASON : ASK_ANSWER);
}

static void
sessions_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct sessions_screen *s = st;
    struct cs_error err;

    (void)key;
    cs_error_clear(&err);
    switch (act) {
    case TUI_ACT_BACK:
        if (!model_sessions_back(&s->m))
            app_pop(a);
        return;
    case TUI_ACT_REFRESH:
        sessions_read(a, st);
        return;
    case TUI_ACT_OPEN:
        if (s->m.detail == NULL
            && model_sessions_open(&s->m, &err) != CS_OK)
            app_error(a, &err);
        return;
    case SESSIONS_ACT_NEW:
        ask(a, s, ASK_BODY);
        return;
    case SESSIONS_ACT_ACCEPT:
        decide(a, s, CS_DECISION_ACCEPTED);
        return;
    case SESSIONS_ACT_REJECT:
        decide(a, s, CS_DECISION_REJECTED);
        return;
    case SESSIONS_ACT_IMPLEMENT:
        decide(a, s, CS_DECISION_IMPLEMENTED);
        return;
    case SESSIONS_ACT_POSTPONE:
        decide(a, s, CS_DECISION_POSTPONED);
        return;
    case SESSIONS_ACT_CLOSE:
    case SESSIONS_ACT_PUBLISH:
        if (model_sessions_selected(&s->m) == NULL) {
            app_message(a, "%s", _("This consultation has no sessions yet: "
                                   "add one with n."));
            return;
        }
        ask(a, s, act == SESSIONS_ACT_CLOSE ? ASK_CLOSE : ASK_PUBLISH);
        return;
    default:
        model_sessions_apply(&s->m, act, app_body_rows(a, 2) - 1);
        return;
    }
}

static void
sessions_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct sessions_screen *s = st;
    struct tui_row rows[128];
    char line[TUI_ROW_BYTES];
    int cursor = 0;
    size_t n;

    model_sessions_header(&s->m, line, sizeof line);
    n = model_sessions_rows(&s->m, rows,
                            app_rows_shown(a, sizeof rows / sizeof rows[0]),
                            &cursor);
    app_draw_rows(a, line, rows, n);
    *cy = 1 + cursor;
    *cx = 0;
}

const struct screen screen_sessions = {
    .size = sizeof(struct sessions_screen),
    .open = sessions_open,
    .enter = sessions_read,
    .key = sessions_key,
    .draw = sessions_draw,
    .resize = sessions_resize,
    .refresh = sessions_read,
    .close = sessions_close,
};
