/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_person.c: the participant page, opened from the ideas list on
 * the selected idea's author (W, admins): their contact and consent, and
 * everything held on them. c gives or withdraws the consent (asking
 * first), e, a, p and s change the email, postal address, phone and
 * service; each is the core's call, audited without the values.
 */
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_person.h"
#include "term.h"

struct person_screen {
    struct model_person m;
    struct dialog dlg;
    bool asking_consent;
    enum person_field field;
};

static bool
person_can_open(struct app *a, int64_t idea)
{
    struct cs_error err;
    int64_t id = 0;

    cs_error_clear(&err);
    if (model_person_author(a->db, idea, &id, &err) != CS_OK) {
        app_error(a, &err);
        return false;
    }
    if (id == 0) {
        app_message(a, _("Idea %lld is anonymous: no one is held on it."),
                    (long long)idea);
        return false;
    }
    return true;
}

static void
person_open(struct app *a, void *st, int64_t idea)
{
    struct person_screen *s = st;
    struct cs_error err;
    int64_t id = 0;

    dialog_init(&s->dlg);
    cs_error_clear(&err);
    if (model_person_author(a->db, idea, &id, &err) != CS_OK
        || model_person_load(&s->m, a->db, id, a->cols, &err) != CS_OK)
        app_error(a, &err);
}

static void
person_read(struct app *a, void *st)
{
    struct person_screen *s = st;
    struct cs_error err;

    cs_error_clear(&err);
    if (s->m.held
        && model_person_load(&s->m, a->db, s->m.id, a->cols, &err) != CS_OK)
        app_error(a, &err);
}

static void
person_close(struct app *a, void *st)
{
    struct person_screen *s = st;

    (void)a;
    model_person_free(&s->m);
    dialog_clear(&s->dlg);
}

static void
person_resize(struct app *a, void *st)
{
    struct person_screen *s = st;

    s->m.width = a->cols;
}

/* A postal address's lines, shown " / " apart on one line, and back. */
static void
lines_to_slashes(const char *in, char *out, size_t size)
{
    size_t k = 0;

    for (; *in && k + 4 < size; in++) {
        if (*in == '\n') {
            memcpy(out + k, " / ", 3);
            k += 3;
        } else if (*in != '\r') {
            out[k++] = *in;
        }
    }
    out[k] = '\0';
}

static char *
slashes_to_lines(const char *in)
{
    char *out = malloc(strlen(in) + 1), *o = out;

    if (out == NULL)
        return NULL;
    while (*in) {
        if (strncmp(in, " / ", 3) == 0) {
            *o++ = '\n';
            in += 3;
        } else {
            *o++ = *in++;
        }
    }
    *o = '\0';
    return out;
}

static void
asked(struct app *a, void *owner, enum dlg_result r)
{
    struct person_screen *s = owner;
    struct cs_error err;
    char *value = NULL;
    enum cs_rc rc;

    if (r != DLG_OK) {
        dialog_clear(&s->dlg);
        app_message(a, "%s", _("Nothing changed."));
        return;
    }
    cs_error_clear(&err);
    if (s->asking_consent) {
        rc = model_person_toggle_consent(&s->m, &err);
    } else if (s->field == PERSON_POSTAL
               && (value = slashes_to_lines(dialog_text(&s->dlg))) == NULL) {
        rc = cs_error_set(&err, CS_ENOMEM, "%s", _("Out of memory."));
    } else {
        rc = model_person_set(&s->m, s->field,
                              value ? value : dialog_text(&s->dlg), &err);
    }
    free(value);
    if (rc != CS_OK && dialog_keep_after(&s->dlg, &err)) {
        /* Busy or read-only: the text stays, to try again. */
        app_error(a, &err);
        app_dialog(a, &s->dlg, s, asked);
        return;
    }
    dialog_clear(&s->dlg);
    if (rc != CS_OK)
        app_error(a, &err);
    else if (s->asking_consent)
        app_message(a, "%s", s->m.held->person.consent
                                 ? _("Consent given: this person may be "
                                     "contacted.")
                                 : _("Consent withdrawn: this person is "
                                     "no longer contacted by email."));
    else
        app_message(a, "%s", _("Saved."));
}

static void
ask_field(struct app *a, struct person_screen *s, enum person_field f)
{
    static const char *const labels[] = {
        N_("Email: "),
        N_("Postal address (\" / \" between lines): "),
        N_("Phone: "),
        N_("Service: "),
    };
    char now[1024];

    lines_to_slashes(model_person_value(&s->m, f), now, sizeof now);
    s->asking_consent = false;
    s->field = f;
    dialog_line(&s->dlg, _(labels[f]), now);
    app_dialog(a, &s->dlg, s, asked);
}

static void
person_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct person_screen *s = st;
    const struct cs_participant *p = s->m.held ? &s->m.held->person : NULL;
    char title[256];

    (void)key;
    if (act == TUI_ACT_BACK) {
        app_pop(a);
        return;
    }
    if (p == NULL)
        return;
    switch (act) {
    case TUI_ACT_REFRESH:
        person_read(a, st);
        return;
    case PERSON_ACT_CONSENT:
        s->asking_consent = true;
        snprintf(title, sizeof title, p->consent
                     ? _("Withdraw the consent of participant %lld?")
                     : _("Record the consent of participant %lld?"),
                 (long long)p->id);
        dialog_confirm(&s->dlg, title, p->consent
                           ? _("They will no longer be contacted by email; "
                               "answers go by post or internal mail.")
                           : _("They agreed to be contacted (the box ticked "
                               "on the form, or asked since)."),
                       p->consent ? _("Withdraw it?") : _("Record it?"),
                       false);
        app_dialog(a, &s->dlg, s, asked);
        return;
    case PERSON_ACT_EMAIL:
        ask_field(a, s, PERSON_EMAIL);
        return;
    case PERSON_ACT_POSTAL:
        ask_field(a, s, PERSON_POSTAL);
        return;
    case PERSON_ACT_PHONE:
        ask_field(a, s, PERSON_PHONE);
        return;
    case PERSON_ACT_SERVICE:
        ask_field(a, s, PERSON_SERVICE);
        return;
    default:
        model_person_apply(&s->m, act, app_body_rows(a, 10));
        return;
    }
}

static void
person_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct person_screen *s = st;
    struct tui_row rows[128];
    char line[TUI_ROW_BYTES];
    int cursor = 0;
    size_t n;

    model_person_header(&s->m, line, sizeof line);
    n = model_person_rows(&s->m, rows,
                          app_rows_shown(a, sizeof rows / sizeof rows[0]),
                          &cursor);
    app_draw_rows(a, line, rows, n);
    *cy = 1 + cursor;
    *cx = 0;
}

const struct screen screen_person = {
    .size = sizeof(struct person_screen),
    .open = person_open,
    .enter = person_read,
    .key = person_key,
    .draw = person_draw,
    .resize = person_resize,
    .refresh = person_read,
    .can_open = person_can_open,
    .close = person_close,
};
