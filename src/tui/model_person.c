/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_person.c: the participant page's model (see model_person.h).
 */
#include "model_person.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model_keys.h"
#include "model_menu.h"
#include "text.h"

enum cs_rc
model_person_author(struct cs_db *db, int64_t idea_id, int64_t *id,
                    struct cs_error *err)
{
    struct cs_participant p;
    enum cs_rc rc;

    memset(&p, 0, sizeof p);
    *id = 0;
    if ((rc = cs_participant_of_idea(db, idea_id, &p, err)) != CS_OK)
        return rc;
    *id = p.id;
    cs_participant_clear(&p);
    return CS_OK;
}

enum cs_rc
model_person_load(struct model_person *m, struct cs_db *db, int64_t id,
                  int width, struct cs_error *err)
{
    struct cs_held *h = NULL;
    enum cs_rc rc;

    if ((rc = cs_participant_held(db, id, &h, err)) != CS_OK)
        return rc;
    cs_held_free(m->held);
    m->held = h;
    m->db = db;
    m->id = id;
    m->width = width;
    if (m->sel >= h->count)
        m->sel = h->count ? h->count - 1 : 0;
    return CS_OK;
}

void
model_person_free(struct model_person *m)
{
    cs_held_free(m->held);
    memset(m, 0, sizeof *m);
}

void
model_person_apply(struct model_person *m, enum tui_action a, int page)
{
    if (m->held)
        model_list_move(&m->sel, &m->top, m->held->count, page + 1, a);
}

const char *
model_person_value(const struct model_person *m, enum person_field f)
{
    const struct cs_participant *p;
    const char *v = NULL;

    if (m->held == NULL)
        return "";
    p = &m->held->person;
    switch (f) {
    case PERSON_EMAIL: v = p->email; break;
    case PERSON_POSTAL: v = p->postal; break;
    case PERSON_PHONE: v = p->phone; break;
    case PERSON_SERVICE: v = p->service; break;
    }
    return v ? v : "";
}

static enum cs_rc
edit(struct model_person *m, const struct cs_participant_edit *e,
     struct cs_error *err)
{
    enum cs_rc rc;

    if (m->held == NULL)
        return cs_error_set(err, CS_ENOTFOUND, "%s",
                            _("No participant is shown."));
    if ((rc = cs_participant_edit(m->db, m->id, e, err)) != CS_OK)
        return rc;
    return model_person_load(m, m->db, m->id, m->width, err);
}

enum cs_rc
model_person_set(struct model_person *m, enum person_field f,
                 const char *value, struct cs_error *err)
{
    struct cs_participant_edit e = { NULL, NULL, NULL, NULL, -1 };

    switch (f) {
    case PERSON_EMAIL: e.email = value; break;
    case PERSON_POSTAL: e.postal = value; break;
    case PERSON_PHONE: e.phone = value; break;
    case PERSON_SERVICE: e.service = value; break;
    }
    return edit(m, &e, err);
}

enum cs_rc
model_person_toggle_consent(struct model_person *m, struct cs_error *err)
{
    struct cs_participant_edit e = { NULL, NULL, NULL, NULL, -1 };

    if (m->held)
        e.consent = m->held->person.consent ? 0 : 1;
    return edit(m, &e, err);
}

/* ---------------------------------------------------------------- drawing */

void
model_person_header(const struct model_person *m, char *buf, size_t size)
{
    char line[TUI_ROW_BYTES];
    const struct cs_participant *p = m->held ? &m->held->person : NULL;

    if (p == NULL)
        snprintf(line, sizeof line, "%s", _("Participant"));
    else
        snprintf(line, sizeof line, _("Participant %" PRId64 "  |  %s  |  "
                                      "%zu held"),
                 p->id, p->anonymised ? _("(anonymised)")
                        : p->name ? p->name : p->ref ? p->ref : "",
                 m->held->count);
    tui_fit(buf, size, line, m->width, true);
}

static void
put(struct tui_row *r, const char *text, enum tui_style style, int64_t id,
    int width)
{
    tui_fit(r->text, sizeof r->text, text, width, true);
    r->style = style;
    r->id = id;
}

/* One line of the contact block: "Label     value" ("-" when none), the
 * line breaks of a postal address shown as " / ". */
static void
field(struct tui_row *r, const char *label, const char *value, int width)
{
    char line[TUI_ROW_BYTES], lab[64];
    size_t k;

    tui_fit(lab, sizeof lab, label, 12, true);
    k = (size_t)snprintf(line, sizeof line, " %s ", lab);
    for (const char *v = value && *value ? value : "-";
         *v && k + 4 < sizeof line; v++) {
        if (*v == '\n') {
            memcpy(line + k, " / ", 3);
            k += 3;
        } else if (*v != '\r') {
            line[k++] = *v;
        }
    }
    line[k] = '\0';
    put(r, line, TUI_STYLE_NORMAL, 0, width);
}

/* A stored status ("accepted") as the user reads it. */
static const char *
status_label(const char *stored)
{
    enum cs_status st;

    if (stored == NULL)
        return "";
    return cs_status_parse(stored, &st, NULL) == CS_OK ? cs_status_label(st)
                                                       : stored;
}

static const char *
kind_label(enum cs_held_kind k)
{
    switch (k) {
    case CS_HELD_IDEA: return _("idea");
    case CS_HELD_VOTE: return _("vote");
    case CS_HELD_COMMENT: return _("comment");
    case CS_HELD_ANSWER_SENT: return _("answer sent");
    }
    return "";
}

size_t
model_person_rows(struct model_person *m, struct tui_row *rows, size_t max,
                  int *cursor)
{
    const struct cs_participant *p;
    size_t k = 0, n, first;
    char line[TUI_ROW_BYTES * 2], kind[32], date[16];

    *cursor = 0;
    if (m->held == NULL || max == 0)
        return 0;
    p = &m->held->person;
    n = m->held->count;
    {
        const struct { const char *label; const char *value; } f[] = {
            { _("Reference"), p->ref },
            { _("Name"), p->name },
            { _("Service"), p->service },
            { _("Email"), p->email },
            { _("Postal"), p->postal },
            { _("Phone"), p->phone },
            { _("Consent"), p->consent ? _("given: may be contacted")
                                       : _("not given") },
        };

        for (size_t i = 0; i < sizeof f / sizeof f[0] && k < max; i++)
            field(&rows[k++], f[i].label, f[i].value, m->width);
    }
    if (k < max) {
        snprintf(line, sizeof line, _("  Held: ideas %" PRId64 ", votes %"
                                      PRId64 "; %zu lines in all"),
                 p->idea_count, p->vote_count, n);
        put(&rows[k++], line, TUI_STYLE_HEADING, 0, m->width);
    }
    first = k;
    if (n == 0 || first >= max)
        return k;
    if (m->sel < m->top)
        m->top = m->sel;
    if (m->sel >= m->top + (max - first))
        m->top = m->sel - (max - first - 1);
    for (size_t i = m->top; i < n && k < max; i++, k++) {
        const struct cs_held_item *it = &m->held->items[i];
        bool sel = i == m->sel;

        tui_fit(kind, sizeof kind, kind_label(it->kind), 12, true);
        snprintf(date, sizeof date, "%.10s", it->date ? it->date : "");
        snprintf(line, sizeof line, "%s %s %-10s  %-9s #%-6" PRId64 " %s%s%s",
                 sel ? ">" : " ", kind, date,
                 it->consultation ? it->consultation : "", it->idea_id,
                 it->title ? it->title : "",
                 it->status || it->channel ? "  " : "",
                 it->kind == CS_HELD_ANSWER_SENT
                     ? (it->channel ? it->channel : "")
                     : status_label(it->status));
        put(&rows[k], line, sel ? TUI_STYLE_SELECTED : TUI_STYLE_NORMAL,
            it->idea_id, m->width);
        if (sel)
            *cursor = (int)k;
    }
    return k;
}

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */
static const struct tui_binding person_bindings[] = {
    TUI_HELP_BINDING,
    { PERSON_ACT_CONSENT, 2, { 'c' }, NC_("bar", "Consnt"), N_("consent"),
      N_("Give or withdraw the consent to be contacted"),
      CS_OP_ANONYMISE },
    { PERSON_ACT_EMAIL, 3, { 'e' }, NC_("bar", "Email"), N_("email"),
      N_("Change the email (empty: erase it)"), CS_OP_ANONYMISE },
    { PERSON_ACT_POSTAL, 4, { 'a' }, NC_("bar", "Postal"), N_("address"),
      N_("Change the postal address, its lines separated by \" / \" "
         "(empty: erase it)"), CS_OP_ANONYMISE },
    { PERSON_ACT_PHONE, 6, { 'p' }, NC_("bar", "Phone"), N_("phone"),
      N_("Change the phone number (empty: erase it)"), CS_OP_ANONYMISE },
    { PERSON_ACT_SERVICE, 7, { 's' }, NC_("bar", "Servic"), NULL,
      N_("Change the service (empty: erase it)"), CS_OP_ANONYMISE },
    { TUI_ACT_REFRESH, 5, { 'r', TUI_CTRL('r') }, NC_("bar", "Reload"),
      NULL, N_("Read what is held again"), CS_OP_ANY },
    TUI_BACK_BINDING,
    TUI_QUIT_BINDING,
    TUI_MOVE_BINDINGS,
    TUI_REDRAW_BINDING,
};

/* Opened from the ideas list on the selected idea's author, after the
 * sessions key. */
static const struct tui_route person_routes[] = {
    { &model_ideas_keys, TUI_ACT_NONE, TUI_OPEN_SELECTED,
      { TUI_ACT_GO, 0, { 'W' }, NULL, NULL,
        N_("Who wrote the selected idea: their contact and consent, and "
           "all that is held on them"), CS_OP_SEE_PERSONAL } },
};

const struct tui_keymap model_person_keys =
    TUI_SCREEN_KEYMAP(N_("Participant"), person_bindings, person_routes,
                      NULL);
