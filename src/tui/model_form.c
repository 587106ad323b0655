/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_form.c: the entry form's model (see model_form.h). Every rule
 * (what a participant needs, a reference taken, what is very similar, who
 * may correct what) is the core's; this file keeps the typed values, the
 * focus and the order of the checks, and lays the form out.
 */
#define _POSIX_C_SOURCE 200809L

#include "model_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model_keys.h"
#include "text.h"

#define LABEL_COLS 20           /* the labels' column, at most */
#define FIELD_MAX 4000          /* bytes of a one-line field */
#define TEXT_MAX 60000          /* bytes of the text */

/* The idea record's field each form field is (what err->field and a
 * batch's layout name). */
static const char *const field_names[FORM_FIELDS] = {
    [FORM_THEME] = "theme", [FORM_REF] = "form_ref",
    [FORM_NAME] = "author_name", [FORM_SERVICE] = "service",
    [FORM_EMAIL] = "email", [FORM_POSTAL] = "postal",
    [FORM_PHONE] = "phone", [FORM_CONSENT] = "consent",
    [FORM_TITLE] = "title", [FORM_TEXT] = "body",
    [FORM_DATE] = "submitted_at",
};

static const char *const labels[FORM_FIELDS] = {
    [FORM_THEME] = N_("Theme"), [FORM_REF] = N_("Form reference"),
    [FORM_NAME] = N_("Name"), [FORM_SERVICE] = N_("Service"),
    [FORM_EMAIL] = N_("Email"), [FORM_POSTAL] = N_("Postal address"),
    [FORM_PHONE] = N_("Phone"), [FORM_CONSENT] = N_("Consent to contact"),
    [FORM_TITLE] = N_("Title (optional)"), [FORM_TEXT] = N_("Text"),
    [FORM_DATE] = N_("Date on the form"),
};

const char *
model_form_label(enum form_field f)
{
    return (unsigned)f < FORM_FIELDS ? _(labels[f]) : "";
}

static int64_t
mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t
now_ms(const struct model_form *m)
{
    return m->clock_ms ? m->clock_ms() : mono_ms();
}

static void
today(char *buf, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;

    localtime_r(&t, &tm);
    strftime(buf, size, "%d/%m/%Y", &tm);
}

/* ---------------------------------------------------------------- themes */

static void
themes_narrow(struct model_form *m)
{
    const char *typed = tui_edit_text(&m->edit[FORM_THEME]);

    m->nmatch = 0;
    m->match_sel = 0;
    for (size_t i = 0; m->themes && i < m->themes->count
                       && m->nmatch < sizeof m->match / sizeof *m->match;
         i++)
        /* A retired theme keeps its ideas but takes no new one. */
        if (!m->themes->items[i].retired
            && cs_theme_matches(&m->themes->items[i], typed))
            m->match[m->nmatch++] = i;
    /* The theme taken stays selected while it still matches. */
    for (size_t k = 0; k < m->nmatch; k++)
        if (m->themes->items[m->match[k]].id == m->theme_id)
            m->match_sel = k;
}

/* Take the selected matching theme; false when none matches. */
static bool
theme_take(struct model_form *m)
{
    const struct cs_theme *t;

    if (m->nmatch == 0) {
        snprintf(m->note, sizeof m->note,
                 _("No theme starts with \"%s\": type a code or the first "
                   "letters of a title."), tui_edit_text(&m->edit[FORM_THEME]));
        return false;
    }
    t = &m->themes->items[m->match[m->match_sel]];
    m->theme_id = t->id;
    tui_edit_set(&m->edit[FORM_THEME], t->code);
    themes_narrow(m);
    return true;
}

static const struct cs_theme *
theme_of(const struct model_form *m, int64_t id)
{
    for (size_t i = 0; m->themes && i < m->themes->count; i++)
        if (m->themes->items[i].id == id)
            return &m->themes->items[i];
    return NULL;
}

/* ---------------------------------------------------------------- life */

enum cs_rc
model_form_open(struct model_form *m, struct cs_db *db, int64_t cons_id,
                const char *cons_code, struct cs_error *err)
{
    char date[32];
    enum cs_rc rc;

    memset(m, 0, sizeof *m);
    m->db = db;
    m->cons_id = cons_id;
    snprintf(m->cons_code, sizeof m->cons_code, "%s",
             cons_code ? cons_code : "");
    m->err_field = -1;
    for (int f = 0; f < FORM_FIELDS; f++) {
        tui_edit_init(&m->edit[f], f == FORM_TEXT,
                      f == FORM_TEXT ? TEXT_MAX : FIELD_MAX);
        m->present[f] = true;
    }
    /* A closed consultation takes late paper forms, dated on or before
     * its closing date or undated: today's date would be refused. */
    if (cs_consultation_is_late(db, cons_id, 0, CS_CHANNEL_PAPER, NULL,
                                &m->undated, NULL) != CS_OK)
        m->undated = false;
    if (!m->undated) {
        today(date, sizeof date);
        tui_edit_set(&m->edit[FORM_DATE], date);
    }
    rc = cs_theme_list(db, cons_id, &m->themes, err);
    themes_narrow(m);
    m->focus = FORM_THEME;
    m->opened_ms = now_ms(m);
    return rc;
}

void
model_form_free(struct model_form *m)
{
    cs_batch_clear(&m->batch);
    m->batch_id = 0;
    for (int f = 0; f < FORM_FIELDS; f++)
        tui_edit_clear(&m->edit[f]);
    cs_theme_list_free(m->themes);
    m->themes = NULL;
}

void
model_form_set_layout(struct model_form *m, const char *fields)
{
    const char *p = fields;
    bool all = fields == NULL || fields[0] == '\0';

    for (int f = 0; f < FORM_FIELDS; f++)
        m->present[f] = all;
    while (p && *p) {
        size_t len = strcspn(p, ",");
        char name[64];

        if (len < sizeof name) {
            int f;

            memcpy(name, p, len);
            name[len] = '\0';
            if ((f = model_form_field_of(name)) >= 0)
                m->present[f] = true;
        }
        p += len;
        if (*p)
            p++;
    }
    m->present[FORM_THEME] = m->present[FORM_TEXT] = true;
    if (!m->present[m->focus])
        model_form_focus(m, m->focus);
}

int
model_form_field_of(const char *name)
{
    static const struct { const char *name; int field; } also[] = {
        { "name", FORM_NAME }, { "ref", FORM_NAME },
        { "author_ref", FORM_NAME }, { "voter", FORM_NAME },
        { "participant_name", FORM_NAME }, { "date", FORM_DATE },
        { "text", FORM_TEXT }, { "idea", FORM_TEXT },
    };
    const char *s = name;

    if (name == NULL || name[0] == '\0')
        return -1;
    while (*s == ' ')
        s++;
    for (int f = 0; f < FORM_FIELDS; f++)
        if (strcmp(s, field_names[f]) == 0)
            return f;
    for (size_t i = 0; i < sizeof also / sizeof *also; i++)
        if (strcmp(s, also[i].name) == 0)
            return also[i].field;
    return -1;
}

void
model_form_focus(struct model_form *m, enum form_field f)
{
    int i = (int)f;

    if (i < 0)
        i = 0;
    while (i < FORM_FIELDS && !m->present[i])
        i++;
    if (i >= FORM_FIELDS)
        i = FORM_THEME;
    m->focus = (enum form_field)i;
    if (m->focus == FORM_THEME)
        themes_narrow(m);
}

/* Read the batch again (its count) and propose its next reference. */
static void
batch_refresh(struct model_form *m)
{
    struct cs_batch b;
    struct cs_error err;

    m->proposed_ref[0] = '\0';
    if (m->batch_id == 0)
        return;
    if (cs_batch_get(m->db, m->batch_id, &b, &err) == CS_OK) {
        cs_batch_clear(&m->batch);
        m->batch = b;
    }
    /* Proposed even when the paper has no reference of its own: the form
     * gets the batch's next one. */
    if (cs_batch_next_ref(m->db, m->batch_id, m->proposed_ref,
                          sizeof m->proposed_ref, &err) != CS_OK)
        m->proposed_ref[0] = '\0';
    if (m->proposed_ref[0])
        tui_edit_set(&m->edit[FORM_REF], m->proposed_ref);
}

enum cs_rc
model_form_set_batch(struct model_form *m, int64_t batch_id,
                     struct cs_error *err)
{
    struct cs_batch b;
    enum cs_rc rc;

    if (batch_id == 0) {
        /* No batch: every field, no reference proposed. */
        cs_batch_clear(&m->batch);
        m->batch_id = 0;
        model_form_set_layout(m, NULL);
        model_form_blank(m);
        return CS_OK;
    }
    if ((rc = cs_batch_get(m->db, batch_id, &b, err)) != CS_OK)
        return rc;
    if (b.consultation_id != m->cons_id) {
        cs_batch_clear(&b);
        return cs_error_field(err, CS_EINVAL, "batch",
                              _("Batch %lld is not one of consultation %s."),
                              (long long)batch_id, m->cons_code);
    }
    cs_batch_clear(&m->batch);
    m->batch = b;
    m->batch_id = batch_id;
    model_form_set_layout(m, b.fields);
    model_form_blank(m);
    return CS_OK;
}

enum cs_rc
model_form_batch_choices(const struct model_form *m, struct model_menu *mm,
                         struct cs_error *err)
{
    struct cs_batch_list *l = NULL;
    char label[200];
    enum cs_rc rc;

    if ((rc = cs_batch_list(m->db, m->cons_id, &l, err)) != CS_OK)
        return rc;
    model_menu_add(mm, _("(no batch)"), 0);
    for (size_t i = 0; i < l->count; i++) {
        const struct cs_batch *b = &l->items[i];

        if (b->closed_at != NULL)
            continue;
        /* TRANSLATORS: a paper batch to key into: its number, label,
         * forms keyed of expected, and "twice" for double entry. */
        snprintf(label, sizeof label, _("%lld %s (%lld/%lld)%s"),
                 (long long)b->id, b->label, (long long)b->keyed,
                 (long long)b->expected,
                 b->double_entry ? _(", keyed twice") : "");
        model_menu_add(mm, label, b->id);
    }
    model_menu_select_value(mm, m->batch_id);
    cs_batch_list_free(l);
    return CS_OK;
}

void
model_form_blank(struct model_form *m)
{
    for (int f = 0; f < FORM_FIELDS; f++)
        if (f != FORM_THEME && f != FORM_DATE)
            tui_edit_set(&m->edit[f], "");
    if (tui_edit_is_blank(&m->edit[FORM_DATE]) && !m->undated) {
        char date[32];

        today(date, sizeof date);
        tui_edit_set(&m->edit[FORM_DATE], date);
    }
    m->edit[FORM_DATE].changed = false;
    m->edit[FORM_THEME].changed = false;
    m->consent = false;
    m->editing_id = 0;
    m->editing_version = 0;
    m->editing_ref[0] = '\0';
    m->err_field = -1;
    m->warn_id = 0;
    m->note[0] = '\0';
    m->opened_ms = now_ms(m);
    batch_refresh(m);
    themes_narrow(m);
    /* A proposed reference is usually right: the focus goes past it. */
    model_form_focus(m, !m->theme_id ? FORM_THEME
                        : m->proposed_ref[0] ? FORM_NAME : FORM_REF);
}

/* ---------------------------------------------------------------- values */

const char *
model_form_value(const struct model_form *m, enum form_field f)
{
    if (f == FORM_CONSENT)
        return m->consent ? "yes" : "";
    return (unsigned)f < FORM_FIELDS ? tui_edit_text(&m->edit[f]) : "";
}

void
model_form_set_value(struct model_form *m, enum form_field f,
                     const char *text)
{
    if (f == FORM_CONSENT) {
        m->consent = text && strcmp(text, "yes") == 0;
        return;
    }
    if ((unsigned)f >= FORM_FIELDS)
        return;
    tui_edit_set(&m->edit[f], text ? text : "");
    m->edit[f].changed = true;
    if (f == FORM_THEME) {
        m->theme_id = 0;
        themes_narrow(m);
        if (m->nmatch == 1 || (m->nmatch > 0 && text && text[0]))
            theme_take(m);
    }
}

bool
model_form_is_dirty(const struct model_form *m)
{
    /* A form read to be corrected: what was changed since. */
    if (m->editing_id != 0) {
        for (int f = 0; f < FORM_FIELDS; f++)
            if (m->edit[f].changed)
                return true;
        return m->consent != m->editing_consent;
    }
    for (int f = 0; f < FORM_FIELDS; f++) {
        if (f == FORM_THEME || f == FORM_DATE || !m->present[f]
            || tui_edit_is_blank(&m->edit[f]))
            continue;
        if (f == FORM_REF && m->proposed_ref[0]
            && strcmp(tui_edit_text(&m->edit[f]), m->proposed_ref) == 0)
            continue;
        return true;
    }
    return m->consent;
}

double
model_form_average_s(const struct model_form *m)
{
    return m->saved_count > 0
           ? (double)m->keying_ms / 1000.0 / m->saved_count : 0.0;
}

const char *
model_form_note(const struct model_form *m)
{
    return m->note;
}

/* ---------------------------------------------------------------- keys */

static bool
is_one_line(enum form_field f)
{
    return f != FORM_TEXT && f != FORM_CONSENT;
}

/* Leave the focused field for the next (dir 1) or previous (-1) present
 * one; a theme typed is taken first. */
static bool
move(struct model_form *m, int dir)
{
    int i = (int)m->focus;

    if (m->focus == FORM_THEME && !tui_edit_is_blank(&m->edit[FORM_THEME])
        && !theme_take(m))
        return true;
    do {
        i += dir;
        if (i >= FORM_FIELDS)
            i = 0;
        if (i < 0)
            i = FORM_FIELDS - 1;
    } while (!m->present[i]);
    m->focus = (enum form_field)i;
    if (m->focus == FORM_THEME)
        themes_narrow(m);
    return true;
}

bool
model_form_key(struct model_form *m, enum tui_action act, int key,
               int width, int height)
{
    struct tui_edit *e = &m->edit[m->focus];

    if (width <= 0)
        width = m->view_w > 0 ? m->view_w : 40;
    if (height <= 0)
        height = m->box_h > 0 ? m->box_h : 4;
    m->note[0] = '\0';
    if (act == TUI_ACT_NEXT_SECTION) {
        if (m->focus == FORM_TEXT && key == TUI_KEY_ENTER)
            return tui_edit_key(e, key, width, height);
        return move(m, 1);
    }
    if (act == TUI_ACT_PREV_SECTION)
        return move(m, -1);
    if (m->focus == FORM_CONSENT) {
        if (key == ' ') {
            m->consent = !m->consent;
            return true;
        }
        if (key == TUI_KEY_UP || key == TUI_KEY_DOWN)
            return move(m, key == TUI_KEY_UP ? -1 : 1);
        return false;
    }
    if (m->focus == FORM_THEME && (key == TUI_KEY_UP || key == TUI_KEY_DOWN)
        && m->nmatch > 0 && !tui_edit_is_blank(e)) {
        if (key == TUI_KEY_UP && m->match_sel > 0)
            m->match_sel--;
        else if (key == TUI_KEY_DOWN && m->match_sel + 1 < m->nmatch)
            m->match_sel++;
        return true;
    }
    if (is_one_line(m->focus)
        && (key == TUI_KEY_UP || key == TUI_KEY_DOWN))
        return move(m, key == TUI_KEY_UP ? -1 : 1);
    if (!tui_edit_key(e, key, width, is_one_line(m->focus) ? 1 : height))
        return false;
    if (m->focus == FORM_THEME) {
        m->theme_id = 0;
        themes_narrow(m);
    }
    if ((int)m->focus == m->err_field)
        m->err_field = -1;
    return true;
}

/* ---------------------------------------------------------------- saving */

static const char *
given(const struct model_form *m, enum form_field f)
{
    const char *s;

    if (!m->present[f])
        return NULL;
    s = tui_edit_text(&m->edit[f]);
    return tui_edit_is_blank(&m->edit[f]) ? NULL : s;
}

static void
person_of(const struct model_form *m, struct cs_person *p)
{
    memset(p, 0, sizeof *p);
    p->name = given(m, FORM_NAME);
    p->service = given(m, FORM_SERVICE);
    p->email = given(m, FORM_EMAIL);
    p->postal = given(m, FORM_POSTAL);
    p->phone = given(m, FORM_PHONE);
    p->consent = m->present[FORM_CONSENT] && m->consent;
    p->channel = CS_CHANNEL_PAPER;
}

bool
model_form_has_person(const struct model_form *m)
{
    return given(m, FORM_NAME) != NULL;
}

/* Not written: the field named gets the focus; the values stay. */
static enum form_step
failed(struct model_form *m, struct cs_error *err)
{
    int f = err ? model_form_field_of(err->field) : -1;

    m->err_field = f;
    if (f >= 0) {
        m->present[f] = true;
        m->focus = (enum form_field)f;
        if (m->focus == FORM_THEME)
            themes_narrow(m);
    }
    return FORM_FAILED;
}

static enum form_step
done(struct model_form *m, int64_t id)
{
    int64_t now = now_ms(m);

    m->saved_id = id;
    m->saved_count++;
    m->keying_ms += now > m->opened_ms ? now - m->opened_ms : 0;
    model_form_blank(m);
    return FORM_SAVED;
}

/* The theme: taken, or typed and found now. */
static enum cs_rc
theme_check(struct model_form *m, struct cs_error *err)
{
    if (m->theme_id == 0 && !tui_edit_is_blank(&m->edit[FORM_THEME]))
        theme_take(m);
    if (m->theme_id != 0)
        return CS_OK;
    return cs_error_field(err, CS_EINVAL, "theme", "%s",
                          m->note[0] ? m->note
                          : _("Choose the theme: type its code or the "
                              "first letters of its title."));
}

enum form_step
model_form_save(struct model_form *m, bool anyway, struct cs_error *err)
{
    struct cs_person author;
    const char *ref = m->present[FORM_REF] ? given(m, FORM_REF)
                      : m->proposed_ref[0] ? m->proposed_ref : NULL;
    const char *title = given(m, FORM_TITLE);
    const char *body = given(m, FORM_TEXT), *date = given(m, FORM_DATE);
    bool has_author;
    int64_t id = 0;
    enum cs_rc rc;

    cs_error_clear(err);
    m->err_field = -1;
    if (theme_check(m, err) != CS_OK)
        return failed(m, err);
    if (body == NULL) {
        cs_error_field(err, CS_EINVAL, "body", "%s",
                       _("An idea needs a text."));
        return failed(m, err);
    }
    person_of(m, &author);
    has_author = cs_person_is_given(&author) || author.consent;

    if (m->editing_id != 0) {
        struct cs_idea_change ch;

        memset(&ch, 0, sizeof ch);
        ch.theme_id = m->theme_id;
        ch.title = title ? title : "";
        ch.body = body;
        ch.form_ref = ref ? ref : (m->editing_ref[0] ? "" : NULL);
        ch.submitted_at = date;
        ch.set_author = true;
        ch.author = has_author ? &author : NULL;
        rc = cs_idea_update(m->db, m->editing_id, m->editing_version, &ch,
                            err);
        if (rc != CS_OK)
            return failed(m, err);
        return done(m, m->editing_id);
    }

    /* In a double-entry batch the second entry of a form repeats the
     * first by design: the core pairs them. */
    if (!(m->batch_id && m->batch.double_entry) && ref
        && cs_idea_find_ref(m->db, m->cons_id, ref, &id, err) == CS_OK) {
        m->warn_id = id;
        m->focus = FORM_REF;
        return FORM_WARN_REF;
    }
    cs_error_clear(err);
    if (!anyway && !(m->batch_id && m->batch.double_entry)) {
        int percent = 0;

        rc = cs_search_very_similar(m->db, m->cons_id, 0, title, body, &id,
                                    &percent, err);
        if (rc != CS_OK)
            return failed(m, err);
        if (id != 0) {
            m->warn_id = id;
            m->warn_percent = percent;
            return FORM_WARN_SIMILAR;
        }
    }
    {
        struct cs_idea_new in;

        memset(&in, 0, sizeof in);
        in.consultation_id = m->cons_id;
        in.theme_id = m->theme_id;
        in.kind = CS_KIND_IDEA;
        in.title = title;
        in.body = body;
        in.channel = CS_CHANNEL_PAPER;
        in.form_ref = ref;
        in.submitted_at = date;
        in.author = has_author ? &author : NULL;
        if (m->batch_id)
            rc = cs_batch_key_form(m->db, m->batch_id, &in, &id,
                                   &m->outcome, err);
        else
            rc = cs_idea_add(m->db, &in, &id, err);
    }
    if (rc != CS_OK)
        return failed(m, err);
    return done(m, id);
}

enum form_step
model_form_support(struct model_form *m, struct cs_error *err)
{
    struct cs_person who;
    const char *title = given(m, FORM_TITLE), *body = given(m, FORM_TEXT);
    char *remark = NULL;
    int64_t vote = 0;
    enum cs_rc rc;

    cs_error_clear(err);
    if (!model_form_has_person(m)) {
        cs_error_field(err, CS_EINVAL, "author_name", "%s",
                       _("A support needs the person's name."));
        return failed(m, err);
    }
    person_of(m, &who);
    /* The title typed is part of what the person wrote. */
    if (title && body) {
        size_t n = strlen(title) + strlen(body) + 3;

        if ((remark = malloc(n)) != NULL)
            snprintf(remark, n, "%s\n\n%s", title, body);
    }
    rc = cs_vote_add_with_remark(m->db, m->warn_id, &who, CS_CHANNEL_PAPER,
                                 given(m, FORM_DATE),
                                 remark ? remark : body ? body : title,
                                 &vote, NULL, err);
    free(remark);
    if (rc != CS_OK)
        return failed(m, err);
    return done(m, m->warn_id);
}

/* ---------------------------------------------------------------- loading */

enum cs_rc
model_form_load(struct model_form *m, int64_t id, struct cs_error *err)
{
    struct cs_idea idea;
    struct cs_participant p;
    const struct cs_theme *t;
    char date[16];
    enum cs_rc rc;

    if ((rc = cs_idea_get(m->db, id, &idea, err)) != CS_OK)
        return rc;
    if ((rc = cs_participant_of_idea(m->db, id, &p, err)) != CS_OK) {
        cs_idea_clear(&idea);
        return rc;
    }
    model_form_blank(m);
    for (int f = 0; f < FORM_FIELDS; f++)
        m->present[f] = true;
    m->editing_id = id;
    m->editing_version = idea.version;
    snprintf(m->editing_ref, sizeof m->editing_ref, "%s",
             idea.form_ref ? idea.form_ref : "");
    m->theme_id = idea.theme_id;
    t = theme_of(m, idea.theme_id);
    tui_edit_set(&m->edit[FORM_THEME], t ? t->code : "");
    tui_edit_set(&m->edit[FORM_REF], idea.form_ref ? idea.form_ref : "");
    tui_edit_set(&m->edit[FORM_NAME], p.name ? p.name : "");
    tui_edit_set(&m->edit[FORM_SERVICE], p.service ? p.service : "");
    tui_edit_set(&m->edit[FORM_EMAIL], p.email ? p.email : "");
    tui_edit_set(&m->edit[FORM_POSTAL], p.postal ? p.postal : "");
    tui_edit_set(&m->edit[FORM_PHONE], p.phone ? p.phone : "");
    m->consent = m->editing_consent = p.consent;
    tui_edit_set(&m->edit[FORM_TITLE], idea.title ? idea.title : "");
    tui_edit_set(&m->edit[FORM_TEXT], idea.body ? idea.body : "");
    /* The date as typed on a form: DD/MM/YYYY. */
    if (idea.submitted_at && strlen(idea.submitted_at) >= 10) {
        snprintf(date, sizeof date, "%.2s/%.2s/%.4s", idea.submitted_at + 8,
                 idea.submitted_at + 5, idea.submitted_at);
        tui_edit_set(&m->edit[FORM_DATE], date);
    }
    cs_participant_clear(&p);
    cs_idea_clear(&idea);
    themes_narrow(m);
    m->focus = FORM_THEME;
    return CS_OK;
}

enum cs_rc
model_form_load_ref(struct model_form *m, const char *ref,
                    struct cs_error *err)
{
    int64_t id = 0;
    enum cs_rc rc = cs_idea_find_ref(m->db, m->cons_id, ref, &id, err);

    if (rc == CS_ENOTFOUND)
        return cs_error_field(err, CS_ENOTFOUND, "form_ref",
                              _("No form \"%s\" in consultation %s."),
                              ref ? ref : "", m->cons_code);
    if (rc != CS_OK)
        return rc;
    return model_form_load(m, id, err);
}

/* ---------------------------------------------------------------- layout */

void
model_form_header(const struct model_form *m, char *buf, size_t size)
{
    char what[384], pace[128];

    if (m->editing_id)
        snprintf(what, sizeof what, _("Correcting idea %lld"),
                 (long long)m->editing_id);
    else
        snprintf(what, sizeof what, "%s", _("New form"));
    pace[0] = '\0';
    if (m->batch_id)
        snprintf(pace, sizeof pace, _("batch %lld"), (long long)m->batch_id);
    snprintf(buf, size, " %s %s - %s%s%s", _("Entry form:"), m->cons_code,
             what, pace[0] ? " - " : "", pace);
}

/* The status line under the form: the batch's count and next reference,
 * this session's pace. */
static void
status_line(const struct model_form *m, char *buf, size_t size)
{
    size_t o = 0;

    buf[0] = '\0';
    if (m->batch_id) {
        /* TRANSLATORS: a paper batch's label, the forms keyed into it and
         * the number counted by hand. */
        o += (size_t)snprintf(buf, size, _("Batch %s: %lld / %lld keyed"),
                              m->batch.label ? m->batch.label : "",
                              (long long)m->batch.keyed,
                              (long long)m->batch.expected);
        if (!m->present[FORM_REF] && m->proposed_ref[0] && o < size)
            o += (size_t)snprintf(buf + o, size - o,
                                  _(", this form is %s"), m->proposed_ref);
    }
    if (m->saved_count > 0 && o < size)
        o += (size_t)snprintf(buf + o, size - o, "%s", o ? " - " : "");
    if (m->saved_count > 0 && o < size)
        snprintf(buf + o, size - o,
                 ngettext("%d form keyed here, %.0f s per form",
                          "%d forms keyed here, %.0f s per form",
                          (unsigned long)m->saved_count),
                 m->saved_count, model_form_average_s(m));
}

static void
add_row(struct tui_row *rows, size_t max, size_t *n, const char *text,
        int width, enum tui_style style)
{
    if (*n >= max)
        return;
    tui_fit(rows[*n].text, sizeof rows[*n].text, text, width, true);
    rows[*n].style = style;
    rows[*n].id = 0;
    (*n)++;
}

/* "Label:" fitted to `lw` columns, with "!" before it when the core
 * refused that field (a mark, not only a style). */
static void
label_of(const struct model_form *m, int f, int lw, char *buf, size_t size)
{
    char text[128], colon[112];

    /* TRANSLATORS: a field's label before its value ("Name:"); French
     * puts a space before the colon. */
    snprintf(colon, sizeof colon, _("%s:"),
             model_form_label((enum form_field)f));
    snprintf(text, sizeof text, "%s%s", f == m->err_field ? "!" : " ",
             colon);
    tui_fit(buf, size, text, lw, true);
}

size_t
model_form_rows(struct model_form *m, int width, int height,
                struct tui_row *rows, size_t max, int *cy, int *cx)
{
    struct tui_edit_line one, *box = NULL;
    char label[256], line[TUI_ROW_BYTES + 1024];
    int lw = LABEL_COLS, vw, fixed = 0, listed = 0, boxh;
    size_t n = 0;

    for (int f = 0; f < FORM_FIELDS; f++) {
        int w = tui_width(model_form_label((enum form_field)f)) + 2;

        if (w > lw && w <= width / 3)
            lw = w;
    }
    vw = width - lw - 1;
    if (vw < 10)
        vw = 10;
    for (int f = 0; f < FORM_FIELDS; f++)
        if (m->present[f] && f != FORM_TEXT)
            fixed++;
    if (m->focus == FORM_THEME)
        listed = (int)(m->nmatch < FORM_THEME_ROWS ? m->nmatch
                                                   : FORM_THEME_ROWS);
    boxh = height - fixed - listed - 1;     /* the status line */
    if (boxh < 2)
        boxh = 2;
    m->view_w = vw;
    m->box_h = boxh;
    *cy = 0;
    *cx = lw + 1;
    for (int f = 0; f < FORM_FIELDS; f++) {
        int row = 0, col = 0;
        bool focused = (int)m->focus == f;

        if (!m->present[f])
            continue;
        label_of(m, f, lw, label, sizeof label);
        if (f == FORM_CONSENT) {
            snprintf(line, sizeof line, "%s [%s] %s", label,
                     m->consent ? "x" : " ",
                     m->consent ? _("yes, may be contacted")
                                : _("no (Space ticks)"));
            if (focused) {
                *cy = (int)n;
                *cx = lw + 2;
            }
            add_row(rows, max, &n, line, width,
                    focused ? TUI_STYLE_SELECTED : TUI_STYLE_NORMAL);
            continue;
        }
        if (f == FORM_TEXT) {
            int total;

            if ((box = calloc((size_t)boxh, sizeof *box)) == NULL)
                continue;
            total = (int)tui_edit_view(&m->edit[f], vw, boxh, box, &row,
                                       &col);
            (void)total;
            for (int i = 0; i < boxh; i++) {
                snprintf(line, sizeof line, "%s %s", i == 0 ? label : "",
                         box[i].text);
                if (i > 0) {
                    char pad[128];

                    tui_fit(pad, sizeof pad, "", lw, true);
                    snprintf(line, sizeof line, "%s %s", pad, box[i].text);
                }
                add_row(rows, max, &n, line, width,
                        focused ? TUI_STYLE_SELECTED : TUI_STYLE_NORMAL);
            }
            if (focused) {
                *cy = (int)n - boxh + row;
                *cx = lw + 1 + col;
            }
            free(box);
            box = NULL;
            continue;
        }
        tui_edit_view(&m->edit[f], vw, 1, &one, &row, &col);
        snprintf(line, sizeof line, "%s %s", label, one.text);
        if (f == FORM_THEME && m->theme_id != 0) {
            const struct cs_theme *t = theme_of(m, m->theme_id);

            if (t && !focused)
                snprintf(line, sizeof line, "%s %s  %s", label, t->code,
                         t->title);
        }
        if (focused) {
            *cy = (int)n;
            *cx = lw + 1 + col;
        }
        add_row(rows, max, &n, line, width,
                focused ? TUI_STYLE_SELECTED : TUI_STYLE_NORMAL);
        if (f == FORM_THEME && focused) {
            size_t first = m->match_sel >= (size_t)listed && listed > 0
                           ? m->match_sel - (size_t)listed + 1 : 0;

            for (int i = 0; i < listed; i++) {
                const struct cs_theme *t =
                    &m->themes->items[m->match[first + (size_t)i]];
                bool sel = first + (size_t)i == m->match_sel;
                char pad[128];

                tui_fit(pad, sizeof pad, "", lw, true);
                snprintf(line, sizeof line, "%s %s %s  %s", pad,
                         sel ? ">" : " ", t->code, t->title);
                add_row(rows, max, &n, line, width,
                        sel ? TUI_STYLE_MARKED : TUI_STYLE_DIM);
            }
        }
    }
    status_line(m, line, sizeof line);
    add_row(rows, max, &n, line, width, TUI_STYLE_DIM);
    return n;
}

void
model_form_warning(const struct model_form *m, enum form_step step,
                   int width, char *buf, size_t size)
{
    struct cs_idea idea;
    struct cs_error err;
    const struct cs_theme *t;
    struct tui_span spans[12];
    char line[TUI_ROW_BYTES];
    size_t o = 0, ns;

    buf[0] = '\0';
    if (cs_idea_get(m->db, m->warn_id, &idea, &err) != CS_OK) {
        snprintf(buf, size, "%s", err.msg);
        return;
    }
#define PUT(...) do { \
        int k_ = snprintf(buf + o, o < size ? size - o : 0, __VA_ARGS__); \
        if (k_ > 0) o += (size_t)k_; \
        if (o >= size) o = size - 1; \
    } while (0)
    if (step == FORM_WARN_REF)
        PUT(_("Form %s is already in this consultation: idea %lld. Change "
              "the reference, or correct that form (Ctrl-O)."),
            idea.form_ref ? idea.form_ref : "", (long long)idea.id);
    else
        PUT(_("A very similar idea is already there: idea %lld (%d %% of "
              "the words in common)."), (long long)idea.id,
            m->warn_percent);
    PUT("\n\n");
    t = theme_of(m, idea.theme_id);
    snprintf(line, sizeof line, "  %s %s  %s", _("Theme:"),
             t ? t->code : "", t ? t->title : "");
    PUT("%s\n", line);
    if (idea.form_ref)
        PUT("  %s %s\n", _("Form reference:"), idea.form_ref);
    PUT("  %s %.10s\n", _("Date:"), idea.submitted_at ? idea.submitted_at
                                                      : "");
    PUT("  %s %s\n", _("Title:"), idea.title ? idea.title : "");
    ns = tui_wrap_display(idea.body ? idea.body : "",
                          idea.body ? strlen(idea.body) : 0,
                          width > 8 ? width - 4 : 4, spans,
                          sizeof spans / sizeof *spans);
    for (size_t i = 0; i < ns && i < sizeof spans / sizeof *spans; i++) {
        tui_span_text(line, sizeof line, idea.body, &spans[i]);
        PUT("    %s\n", line);
    }
#undef PUT
    cs_idea_clear(&idea);
}

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */

/* The entry form: letters are text, so every action is an F-key or a
 * control key (Ctrl-G for help, as in nano). */
static const struct tui_binding form_bindings[] = {
    { TUI_ACT_HELP, 1, { TUI_CTRL('g') }, NC_("bar", "Help"), N_("help"),
      N_("Show the keys of the entry form"), CS_OP_ANY },
    { TUI_ACT_SAVE, 2, { TUI_CTRL('s') }, NC_("bar", "Save"), N_("save"),
      N_("Save the form and open the next blank one (theme, batch and "
         "date kept)"), CS_OP_ADD_IDEA },
    { TUI_ACT_OPEN, 3, { TUI_CTRL('o') }, NC_("bar", "Open"), NULL,
      N_("Open a form keyed earlier, by its reference, to correct it"),
      CS_OP_ADD_IDEA },
    { FORM_ACT_PICK_BATCH, 4, { TUI_CTRL('b') }, NC_("bar", "Batch"),
      N_("batch"),
      N_("Choose the paper batch the forms are keyed into (or none)"),
      CS_OP_ADD_IDEA },
    { TUI_ACT_NEXT_SECTION, 0, { TUI_KEY_TAB, TUI_KEY_ENTER }, NULL,
      N_("next field"),
      N_("Go to the next field (in the text, Enter adds a line and Tab "
         "leaves)"), CS_OP_ANY },
    { TUI_ACT_PREV_SECTION, 0, { TUI_KEY_BTAB }, NULL, NULL,
      N_("Go back to the previous field"), CS_OP_ANY },
    { TUI_ACT_BACK, 9, { TUI_KEY_ESC }, NC_("bar", "Back"), N_("leave"),
      N_("Leave the form (asks first when something is typed)"),
      CS_OP_ANY },
    { TUI_ACT_QUIT, 10, { 0 }, NC_("bar", "Quit"), NULL,
      N_("Quit consult (asks first when something is typed)"), CS_OP_ANY },
    TUI_REDRAW_BINDING,
};

/* A blank form from the ideas list, or the selected idea's form to
 * correct it. */
static const struct tui_route form_routes[] = {
    { &model_ideas_keys, TUI_ACT_OPEN, TUI_OPEN_CONS,
      { TUI_ACT_ADD, 0, { 'a' }, NULL, NC_("hint", "add"),
        N_("Key in paper forms: open a blank entry form"),
        CS_OP_ADD_IDEA } },
    { &model_ideas_keys, TUI_ACT_TEMPLATES,
      TUI_OPEN_SELECTED | TUI_OPEN_CONS,
      { TUI_ACT_EDIT, 0, { 'e' }, NULL, NULL,
        N_("Correct the selected idea's form in the entry form (an agent: "
           "the forms it keyed)"), CS_OP_ADD_IDEA } },
};

/* A form very like an idea already there: three ways on. */
#define SIMILAR_SAVE \
    { TUI_ACT_APPLY_ANYWAY, 2, { 's' }, NC_("bar", "Save"), \
      N_("save anyway"), N_("Save the form as a new idea anyway"), \
      CS_OP_ADD_IDEA }
#define SIMILAR_BACK \
    { TUI_ACT_CANCEL, 9, { 'b', TUI_KEY_ESC }, NC_("bar", "Back"), \
      N_("back to the form"), \
      N_("Go back to the form; nothing is saved"), CS_OP_ANY }
static const struct tui_binding similar_bindings[] = {
    SIMILAR_SAVE,
    { TUI_ACT_SUPPORT, 3, { 'v' }, NC_("bar", "Vote"),
      N_("support it instead"),
      N_("Record this person's support for the idea shown instead, the "
         "text typed kept as their remark on it"), CS_OP_VOTE },
    SIMILAR_BACK,
    TUI_QUIT_BINDING,
    TUI_REDRAW_BINDING,
};

/* The same for an anonymous form: no one's support to record. */
static const struct tui_binding similar_anon_bindings[] = {
    SIMILAR_SAVE,
    SIMILAR_BACK,
    TUI_QUIT_BINDING,
    TUI_REDRAW_BINDING,
};

/* The form's reference is already in the consultation. */
static const struct tui_binding ref_taken_bindings[] = {
    { TUI_ACT_EDIT, 4, { 'e' }, NC_("bar", "Edit"), N_("correct that form"),
      N_("Open the form shown, to correct it (what was typed here is "
         "dropped)"), CS_OP_ADD_IDEA },
    { TUI_ACT_CANCEL, 9, { 'b', TUI_KEY_ESC, TUI_KEY_ENTER },
      NC_("bar", "Back"), N_("back to the form"),
      N_("Go back to the form to change the reference"), CS_OP_ANY },
    TUI_QUIT_BINDING,
    TUI_REDRAW_BINDING,
};

const struct tui_keymap model_form_similar_keys =
    TUI_KEYMAP(N_("A very similar idea"), similar_bindings);
const struct tui_keymap model_form_similar_anon_keys =
    TUI_KEYMAP(N_("A very similar idea (anonymous form)"),
               similar_anon_bindings);
const struct tui_keymap model_form_ref_taken_keys =
    TUI_KEYMAP(N_("Form reference taken"), ref_taken_bindings);

static const struct tui_keymap *const form_dialogs[] = {
    &model_form_similar_keys, &model_form_similar_anon_keys,
    &model_form_ref_taken_keys, NULL,
};

const struct tui_keymap model_form_keys =
    TUI_SCREEN_KEYMAP(N_("Entry form"), form_bindings, form_routes,
                      form_dialogs);
