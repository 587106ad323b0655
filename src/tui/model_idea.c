/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_idea.c: an idea's page (see model_idea.h): reading everything the
 * page shows through the public API, laying it out in lines for the
 * width, moving the cursor line, and the actions.
 */
#include "model_idea.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult/search.h"
#include "model_keys.h"
#include "model_menu.h"
#include "text.h"

#define LABEL_MAX 16            /* columns of the field labels at most */

/* ---------------------------------------------------------------- reading */

/* The value of `key` in a flat JSON object from the journal, as text
 * ("" when absent or null). Enough for display: values the core wrote. */
static void
json_value(const char *json, const char *key, char *out, size_t size)
{
    char pat[64];
    const char *p;
    size_t o = 0;

    out[0] = '\0';
    if (json == NULL || size == 0)
        return;
    snprintf(pat, sizeof pat, "\"%s\":", key);
    if ((p = strstr(json, pat)) == NULL)
        return;
    p += strlen(pat);
    if (*p == '"') {
        for (p++; *p && *p != '"' && o + 1 < size; p++) {
            if (*p == '\\' && p[1]) {
                p++;
                out[o++] = *p == 'n' ? ' ' : *p;
            } else {
                out[o++] = *p;
            }
        }
    } else {
        while (*p && *p != ',' && *p != '}' && o + 1 < size)
            out[o++] = *p++;
        if (o == 4 && strncmp(out, "null", 4) == 0)
            o = 0;
    }
    out[o] = '\0';
}

/* What a journal row about an idea did, in the user's language. */
static const char *
event_action(const char *tbl, const char *action)
{
    static const struct {
        const char *tbl, *action, *text;
    } names[] = {
        { "idea", "add", N_("entered the idea") },
        { "idea", "update", N_("edited the idea") },
        { "idea", "status", N_("changed the status") },
        { "idea", "hide", N_("hid the idea") },
        { "idea", "merge", N_("merged the idea") },
        { "idea", "unmerge", N_("undid the merge") },
        { "idea_tag", "tag", N_("added the tag") },
        { "idea_tag", "untag", N_("removed the tag") },
        { "comment", "add", N_("added a comment") },
        { "comment", "hide", N_("hid a comment") },
        { "tally", "add", N_("added a tally") },
        { "tally", "update", N_("changed a tally") },
    };

    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(tbl, names[i].tbl) == 0
            && strcmp(action, names[i].action) == 0)
            return _(names[i].text);
    return NULL;
}

/* A status as stored ("reviewing"), in the user's language. */
static const char *
status_text(const char *name)
{
    for (int s = 0; s < CS_STATUS_COUNT; s++)
        if (strcmp(name, cs_status_name((enum cs_status)s)) == 0)
            return cs_status_label((enum cs_status)s);
    return name;
}

struct event_walk {
    struct model_idea *m;
    size_t cap;
    bool failed;
};

static int
on_event(const struct cs_audit_entry *e, void *arg)
{
    struct event_walk *w = arg;
    struct model_idea *m = w->m;
    char what[300] = "", a[100], b[100];
    struct model_idea_event *ev;

    if (strcmp(e->tbl, "vote") == 0) {
        /* Votes can be thousands: counted, not listed. */
        m->votes_logged++;
        return 0;
    }
    if (strcmp(e->tbl, "idea") == 0 && (strcmp(e->action, "status") == 0
                                        || strcmp(e->action, "hide") == 0)) {
        json_value(e->before, "status", a, sizeof a);
        json_value(e->after, "status", b, sizeof b);
        snprintf(what, sizeof what, "%s -> %s", status_text(a),
                 status_text(b));
    } else if (strcmp(e->action, "merge") == 0) {
        json_value(e->after, "merged_into", a, sizeof a);
        snprintf(what, sizeof what, _("into idea %s"), a);
    } else if (strcmp(e->tbl, "idea_tag") == 0) {
        json_value(e->action[0] == 'u' ? e->before : e->after, "tag", a,
                   sizeof a);
        snprintf(what, sizeof what, "%s", a);
    } else if (strcmp(e->tbl, "tally") == 0) {
        json_value(e->after, "source", a, sizeof a);
        json_value(e->after, "count", b, sizeof b);
        /* TRANSLATORS: a tally in an idea's history: source, count. */
        snprintf(what, sizeof what, _("%s: %s"), a, b);
    } else {
        what[0] = '\0';
    }
    if (m->event_count == w->cap) {
        /* Keep the newest: drop the oldest half once full. */
        if (w->cap >= MODEL_IDEA_HISTORY) {
            size_t keep = w->cap / 2;

            memmove(m->events, m->events + (m->event_count - keep),
                    keep * sizeof *m->events);
            m->event_count = keep;
        } else {
            size_t ncap = w->cap ? w->cap * 2 : 16;
            void *p = realloc(m->events, ncap * sizeof *m->events);

            if (p == NULL) {
                w->failed = true;
                return 1;
            }
            m->events = p;
            w->cap = ncap;
        }
    }
    ev = &m->events[m->event_count++];
    {
        const char *act = event_action(e->tbl, e->action);
        char raw[200];

        if (act == NULL) {
            snprintf(raw, sizeof raw, "%s %s", e->action, e->tbl);
            act = raw;
        }
        /* A long tag or source is cut at the end of the line. */
        if (snprintf(ev->text, sizeof ev->text, "%.10s %.5s  %s  %s%s%s",
                     e->at, strlen(e->at) > 11 ? e->at + 11 : "", e->actor,
                     act, what[0] ? "  " : "", what) < 0)
            ev->text[0] = '\0';
    }
    return 0;
}

static void
unload(struct model_idea *m)
{
    if (m->loaded)
        cs_idea_clear(&m->idea);
    m->loaded = false;
    free(m->tags);
    m->tags = NULL;
    cs_tally_list_free(m->tallies);
    m->tallies = NULL;
    cs_comment_list_free(m->comments);
    m->comments = NULL;
    cs_idea_list_free(m->similar);
    m->similar = NULL;
    cs_idea_answer_list_free(m->answers);
    m->answers = NULL;
    free(m->events);
    m->events = NULL;
    m->event_count = 0;
    m->votes_logged = 0;
}

static enum cs_rc
load(struct model_idea *m, struct cs_error *err)
{
    struct cs_audit_filter af = { NULL, NULL, m->id };
    struct event_walk w = { m, 0, false };
    struct cs_theme theme;
    enum cs_rc rc;

    unload(m);
    if ((rc = cs_idea_get(m->db, m->id, &m->idea, err)) != CS_OK)
        return rc;
    m->loaded = true;
    m->theme_title[0] = '\0';
    if (cs_theme_get(m->db, m->idea.theme_id, &theme, NULL) == CS_OK) {
        snprintf(m->theme_title, sizeof m->theme_title, "%s", theme.title);
        cs_theme_clear(&theme);
    }
    if (m->idea.author_id == 0) {
        snprintf(m->author, sizeof m->author, "%s", _("anonymous"));
    } else if (cs_db_can(m->db, CS_OP_SEE_PERSONAL)) {
        struct cs_participant p;

        if ((rc = cs_participant_get(m->db, m->idea.author_id, &p, err))
            != CS_OK)
            return rc;
        if (p.anonymised || p.name == NULL)
            snprintf(m->author, sizeof m->author, "%s", _("anonymised"));
        else if (p.service)
            snprintf(m->author, sizeof m->author, "%s, %s", p.name,
                     p.service);
        else
            snprintf(m->author, sizeof m->author, "%s", p.name);
        cs_participant_clear(&p);
    } else {
        /* Names are for administrators; others learn only that there
         * is one. */
        snprintf(m->author, sizeof m->author, "%s",
                 _("a participant (shown to admins and coordinators)"));
    }
    if ((rc = cs_idea_tags(m->db, m->id, ", ", &m->tags, err)) != CS_OK
        || (rc = cs_tally_list(m->db, m->id, &m->tallies, err)) != CS_OK
        || (rc = cs_tally_against(m->db, m->id, &m->against, err)) != CS_OK
        || (rc = cs_idea_answers(m->db, m->id, &m->answers, err)) != CS_OK
        || (rc = cs_comment_list(m->db, m->id, CS_COMMENTS_ALLOWED,
                                 &m->comments, err)) != CS_OK
        || (rc = cs_search_similar(m->db, m->id, MODEL_IDEA_SIMILAR,
                                   &m->similar, err)) != CS_OK
        || (rc = cs_audit_list(m->db, &af, on_event, &w, err)) != CS_OK)
        return rc;
    if (w.failed)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    return CS_OK;
}

/* ---------------------------------------------------------------- layout */

static bool
add_line(struct model_idea *m, const char *text, enum tui_style style,
         int64_t id)
{
    if (m->count == m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 64;
        void *p = realloc(m->lines, ncap * sizeof *m->lines);

        if (p == NULL)
            return false;
        m->lines = p;
        m->cap = ncap;
    }
    {
        /* A margin: the cursor's line shows ">" there. */
        char line[TUI_ROW_BYTES + 2];

        snprintf(line, sizeof line, " %s", text);
        tui_fit(m->lines[m->count].text, sizeof m->lines[0].text, line,
                m->width, true);
    }
    m->lines[m->count].style = style;
    m->lines[m->count].id = id;
    m->count++;
    return true;
}

/* `text` wrapped in the columns after `indent` blanks, or after `first`
 * (a label `indent` columns wide) on the first line. */
static bool
add_wrapped(struct model_idea *m, const char *first, int indent,
            const char *text, enum tui_style style, int64_t id)
{
    size_t n = strlen(text ? text : ""), lines;
    struct tui_span *sp;
    bool ok = true;

    if (text == NULL)
        text = "";
    /* The margin, the label and a blank come first. */
    lines = tui_wrap_display(text, n, m->width - indent - 2, NULL, 0);
    if ((sp = calloc(lines, sizeof *sp)) == NULL)
        return false;
    tui_wrap_display(text, n, m->width - indent - 2, sp, lines);
    for (size_t i = 0; i < lines && ok; i++) {
        char col[200], part[TUI_ROW_BYTES - 200], line[TUI_ROW_BYTES];

        tui_span_text(part, sizeof part, text, &sp[i]);
        if (indent > 0) {
            tui_fit(col, sizeof col, i == 0 && first ? first : "", indent,
                    true);
            snprintf(line, sizeof line, "%s %s", col, part);
        } else {
            snprintf(line, sizeof line, "%s", part);
        }
        ok = add_line(m, line, style, id);
    }
    free(sp);
    return ok;
}

static int
label_width(void)
{
    const char *labels[] = {
        _("Status"), _("Theme"), _("Kind"), _("Channel"), _("Form"),
        _("Author"), _("Submitted"), _("Entered"), _("Support"),
        _("Merged into"), _("Hidden"),
    };
    int w = 0;

    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (tui_width(labels[i]) > w)
            w = tui_width(labels[i]);
    return w < LABEL_MAX ? w : LABEL_MAX;
}

static bool
layout(struct model_idea *m)
{
    const struct cs_idea *i = &m->idea;
    int lw = label_width();
    char v[TUI_ROW_BYTES];
    bool ok = true;

    m->count = 0;
    if (!m->loaded)
        return true;
#define FIELD(label, text) \
    (ok = ok && add_wrapped(m, (label), lw, (text), TUI_STYLE_NORMAL, 0))
    ok = add_wrapped(m, "", 0, i->title, TUI_STYLE_HEADING, 0);
    /* The version too: what a refused decision names. */
    snprintf(v, sizeof v, _("%s, since %.10s (version %lld)"),
             cs_status_label(i->status),
             i->status_changed_at ? i->status_changed_at : "",
             (long long)i->version);
    FIELD(_("Status"), v);
    snprintf(v, sizeof v, "%s  %s", i->theme_code ? i->theme_code : "",
             m->theme_title);
    FIELD(_("Theme"), v);
    FIELD(_("Kind"), cs_kind_label(i->kind));
    FIELD(_("Channel"), cs_channel_label(i->channel));
    FIELD(_("Form"), i->form_ref ? i->form_ref : "-");
    FIELD(_("Author"), m->author);
    FIELD(_("Submitted"), i->submitted_at);
    snprintf(v, sizeof v, _("%.10s by %s"),
             i->entered_at ? i->entered_at : "",
             i->entered_by ? i->entered_by : "");
    FIELD(_("Entered"), v);
    if (i->status == CS_STATUS_MERGED)
        snprintf(v, sizeof v, _("counts for idea %lld (individual votes: "
                                "%lld, tallies: %lld)"),
                 (long long)i->merged_into, (long long)i->votes,
                 (long long)i->tallies);
    else if (i->support > i->votes + i->tallies)
        snprintf(v, sizeof v, _("%lld (individual votes: %lld, tallies: "
                                "%lld, the rest from merged ideas)"),
                 (long long)i->support, (long long)i->votes,
                 (long long)i->tallies);
    else
        snprintf(v, sizeof v, _("%lld (individual votes: %lld, tallies: "
                                "%lld)"),
                 (long long)i->support, (long long)i->votes,
                 (long long)i->tallies);
    FIELD(_("Support"), v);
    if (m->against > 0) {
        /* Beside the support, never taken from it. */
        snprintf(v, sizeof v, _("%lld (from tallies; not taken from the "
                                "support)"), (long long)m->against);
        FIELD(_("Against"), v);
    }
    if (i->status == CS_STATUS_MERGED) {
        snprintf(v, sizeof v, _("idea %lld (Enter opens it)"),
                 (long long)i->merged_into);
        ok = ok && add_wrapped(m, _("Merged into"), lw, v, TUI_STYLE_NORMAL,
                               i->merged_into);
    }
    if (i->hidden_reason)
        FIELD(_("Hidden"), i->hidden_reason);
#undef FIELD
    ok = ok && add_line(m, "", TUI_STYLE_NORMAL, 0);
    ok = ok && add_line(m, _("Text"), TUI_STYLE_HEADING, 0);
    ok = ok && add_wrapped(m, "", 1, i->body, TUI_STYLE_NORMAL, 0);
    if (i->answer) {
        ok = ok && add_line(m, "", TUI_STYLE_NORMAL, 0);
        ok = ok && add_line(m, _("Official answer"), TUI_STYLE_HEADING, 0);
        ok = ok && add_wrapped(m, "", 1, i->answer, TUI_STYLE_NORMAL, 0);
    }
    /* Answers are history: every one given, oldest first, the current
     * one included, and those a reopening took off. */
    if (m->answers && m->answers->count > 0) {
        ok = ok && add_line(m, "", TUI_STYLE_NORMAL, 0);
        snprintf(v, sizeof v, _("Answers given (%zu)"), m->answers->count);
        ok = ok && add_line(m, v, TUI_STYLE_HEADING, 0);
        for (size_t k = 0; k < m->answers->count; k++) {
            const struct cs_idea_answer *an = &m->answers->items[k];
            char text[TUI_ROW_BYTES * 4];

            /* TRANSLATORS: an answer given: date, time, login, status,
             * text. */
            snprintf(text, sizeof text, _("%.10s %.5s  %s  %s: %s"),
                     an->given_at,
                     strlen(an->given_at) > 11 ? an->given_at + 11 : "",
                     an->given_by, cs_status_label(an->status), an->answer);
            ok = ok && add_wrapped(m, "", 1, text, TUI_STYLE_NORMAL, 0);
        }
    }

    ok = ok && add_line(m, "", TUI_STYLE_NORMAL, 0);
    ok = ok && add_line(m, _("Votes and tallies"), TUI_STYLE_HEADING, 0);
    snprintf(v, sizeof v, _("Individual votes: %lld"), (long long)i->votes);
    ok = ok && add_wrapped(m, "", 1, v, TUI_STYLE_NORMAL, 0);
    for (size_t k = 0; m->tallies && k < m->tallies->count; k++) {
        const struct cs_tally *t = &m->tallies->items[k];

        if (t->against > 0)
            /* TRANSLATORS: a tally: source, for, against, day. */
            snprintf(v, sizeof v, _("Tally \"%s\": %lld for, %lld against "
                                    "(counted %.10s)"),
                     t->source, (long long)t->count, (long long)t->against,
                     t->counted_at ? t->counted_at : "");
        else
            snprintf(v, sizeof v, _("Tally \"%s\": %lld (counted %.10s)"),
                     t->source, (long long)t->count,
                     t->counted_at ? t->counted_at : "");
        ok = ok && add_wrapped(m, "", 1, v, TUI_STYLE_NORMAL, 0);
    }

    ok = ok && add_line(m, "", TUI_STYLE_NORMAL, 0);
    ok = ok && add_line(m, _("Tags"), TUI_STYLE_HEADING, 0);
    /* TRANSLATORS: an idea without tags (French: "aucune"). */
    ok = ok && add_wrapped(m, "", 1, m->tags && m->tags[0]
                               ? m->tags : tui_pgettext(NC_("tags", "none")),
                           TUI_STYLE_NORMAL, 0);

    ok = ok && add_line(m, "", TUI_STYLE_NORMAL, 0);
    snprintf(v, sizeof v, _("Comments (%zu)"),
             m->comments ? m->comments->count : 0);
    ok = ok && add_line(m, v, TUI_STYLE_HEADING, 0);
    for (size_t k = 0; m->comments && k < m->comments->count; k++) {
        const struct cs_comment *c = &m->comments->items[k];
        char text[TUI_ROW_BYTES * 4];

        if (c->hidden)
            snprintf(text, sizeof text, _("%.10s %s [hidden: %s]: %s"),
                     c->created_at, c->author_name ? c->author_name
                                                   : _("anonymous"),
                     c->hidden_reason ? c->hidden_reason : "", c->body);
        else
            snprintf(text, sizeof text, "%.10s %s: %s", c->created_at,
                     c->author_name ? c->author_name : _("anonymous"),
                     c->body);
        ok = ok && add_wrapped(m, "", 1, text,
                               c->hidden ? TUI_STYLE_DIM : TUI_STYLE_NORMAL,
                               0);
    }

    ok = ok && add_line(m, "", TUI_STYLE_NORMAL, 0);
    ok = ok && add_line(m, _("Similar ideas"), TUI_STYLE_HEADING, 0);
    if (m->similar == NULL || m->similar->count == 0)
        ok = ok && add_wrapped(m, "", 1, _("none found"), TUI_STYLE_NORMAL,
                               0);
    for (size_t k = 0; m->similar && k < m->similar->count; k++) {
        const struct cs_idea *s = &m->similar->items[k];

        /* TRANSLATORS: a similar idea offered as a merge target: number,
         * status, support, title. */
        snprintf(v, sizeof v, _("idea %lld, %s, support %lld: %s"),
                 (long long)s->id, cs_status_label(s->status),
                 (long long)s->support, s->title);
        ok = ok && add_line(m, v, TUI_STYLE_NORMAL, s->id);
    }

    ok = ok && add_line(m, "", TUI_STYLE_NORMAL, 0);
    ok = ok && add_line(m, _("History"), TUI_STYLE_HEADING, 0);
    for (size_t k = 0; k < m->event_count; k++)
        ok = ok && add_wrapped(m, "", 1, m->events[k].text,
                               TUI_STYLE_NORMAL, 0);
    if (m->votes_logged) {
        snprintf(v, sizeof v, dngettext(TUI_TEXTDOMAIN,
                                        "and %zu vote entry in the journal",
                                        "and %zu vote entries in the journal",
                                        (unsigned long)m->votes_logged),
                 m->votes_logged);
        ok = ok && add_wrapped(m, "", 1, v, TUI_STYLE_NORMAL, 0);
    }
    return ok;
}

static enum cs_rc
relayout(struct model_idea *m, struct cs_error *err)
{
    if (!layout(m))
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    model_list_clamp(&m->cur, &m->top, m->count, m->height);
    return CS_OK;
}

/* ---------------------------------------------------------------- public */

enum cs_rc
model_idea_open(struct model_idea *m, struct cs_db *db, int64_t id,
                int width, int height, struct cs_error *err)
{
    enum cs_rc rc;

    model_idea_free(m);
    m->db = db;
    m->role = cs_db_role(db);
    m->id = id;
    m->width = width;
    m->height = height;
    if ((rc = load(m, err)) != CS_OK)
        return rc;
    return relayout(m, err);
}

void
model_idea_free(struct model_idea *m)
{
    unload(m);
    free(m->lines);
    memset(m, 0, sizeof *m);
}

enum cs_rc
model_idea_reload(struct model_idea *m, struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = load(m, err)) != CS_OK)
        return rc;
    return relayout(m, err);
}

enum cs_rc
model_idea_refresh(struct model_idea *m, char *note, size_t size,
                   struct cs_error *err)
{
    int64_t was = m->loaded ? m->idea.version : 0;
    struct cs_idea_decision d;
    enum cs_rc rc;

    note[0] = '\0';
    if ((rc = model_idea_reload(m, err)) != CS_OK)
        return rc;
    if (was == 0 || m->idea.version == was
        || cs_idea_last_decision(m->db, m->id, &d, NULL) != CS_OK)
        return CS_OK;
    /* TRANSLATORS: "Idea 82 changed meanwhile: status changed by mdupont
     * at 14:03 UTC; now rejected (version 3)." */
    snprintf(note, size, _("Idea %lld changed meanwhile: %s by %s at %.5s "
                           "UTC; now %s (version %lld)."),
             (long long)m->id, cs_idea_decision_label(d.action), d.by,
             strlen(d.at) > 11 ? d.at + 11 : "", cs_status_label(d.status),
             (long long)d.version);
    return CS_OK;
}

void
model_idea_resize(struct model_idea *m, int width, int height)
{
    m->width = width;
    m->height = height;
    relayout(m, NULL);
}

void
model_idea_apply(struct model_idea *m, enum tui_action a)
{
    size_t i;

    switch (a) {
    case TUI_ACT_NEXT_SECTION:
        for (i = m->cur + 1; i < m->count; i++)
            if (m->lines[i].style == TUI_STYLE_HEADING)
                break;
        if (i < m->count) {
            m->cur = i;
            /* A section starts at the top of the view. */
            m->top = i;
        }
        break;
    case TUI_ACT_PREV_SECTION:
        for (i = m->cur; i-- > 0;)
            if (m->lines[i].style == TUI_STYLE_HEADING)
                break;
        if (i < m->count) {
            m->cur = i;
            m->top = i;
        }
        break;
    default:
        model_list_move(&m->cur, &m->top, m->count, m->height, a);
        return;
    }
    model_list_clamp(&m->cur, &m->top, m->count, m->height);
}

void
model_idea_click(struct model_idea *m, int line)
{
    if (line >= 0 && m->top + (size_t)line < m->count)
        m->cur = m->top + (size_t)line;
}

int64_t
model_idea_link(const struct model_idea *m)
{
    return m->cur < m->count ? m->lines[m->cur].id : 0;
}

int64_t
model_idea_similar(const struct model_idea *m, int n)
{
    if (m->similar == NULL || n < 1 || (size_t)n > m->similar->count)
        return 0;
    return m->similar->items[n - 1].id;
}

enum cs_rc
model_idea_set_status(struct model_idea *m, enum cs_status to,
                      const char *text, struct cs_error *err)
{
    enum cs_rc rc = cs_idea_set_status(m->db, m->id, m->idea.version, to,
                                       text, err);

    return rc == CS_OK ? model_idea_reload(m, err) : rc;
}

enum cs_rc
model_idea_merge(struct model_idea *m, int64_t into, struct cs_error *err)
{
    enum cs_rc rc = cs_idea_merge(m->db, m->id, m->idea.version, into,
                                  err);

    return rc == CS_OK ? model_idea_reload(m, err) : rc;
}

enum cs_rc
model_idea_unmerge(struct model_idea *m, struct cs_error *err)
{
    enum cs_rc rc = cs_idea_unmerge(m->db, m->id, m->idea.version, err);

    return rc == CS_OK ? model_idea_reload(m, err) : rc;
}

enum cs_rc
model_idea_tag(struct model_idea *m, const char *tag, bool remove,
               struct cs_error *err)
{
    enum cs_rc rc = cs_idea_tag(m->db, m->id, m->idea.version, tag,
                                remove, err);

    return rc == CS_OK ? model_idea_reload(m, err) : rc;
}

enum cs_rc
model_idea_redo(struct model_idea *m, struct model_stale *s,
                struct cs_error *err)
{
    int64_t v = s->d.version;
    enum cs_rc rc = CS_OK;

    switch (s->op) {
    case STALE_STATUS:
        rc = cs_idea_set_status(m->db, m->id, v, s->to, s->text, err);
        break;
    case STALE_MERGE:
        rc = cs_idea_merge(m->db, m->id, v, s->into, err);
        break;
    case STALE_UNMERGE:
        rc = cs_idea_unmerge(m->db, m->id, v, err);
        break;
    case STALE_TAG:
    case STALE_UNTAG:
        rc = cs_idea_tag(m->db, m->id, v, s->text ? s->text : "",
                         s->op == STALE_UNTAG, err);
        break;
    }
    if (rc == CS_ESTALE) {
        /* Changed once more: the refusal shows that change now, and the
         * page the idea as it is. */
        model_stale_refused(s, m->db, m->id, v, s->op, s->to, s->text,
                            s->into, NULL);
        model_idea_reload(m, NULL);
        return CS_ESTALE;
    }
    if (rc != CS_OK)
        return rc;
    model_stale_forget(s);
    return model_idea_reload(m, err);
}

enum cs_rc
model_idea_comment(struct model_idea *m, const char *text,
                   struct cs_error *err)
{
    enum cs_rc rc = cs_comment_add(m->db, m->id, NULL, text, NULL, err);

    return rc == CS_OK ? model_idea_reload(m, err) : rc;
}

void
model_idea_header(const struct model_idea *m, char *buf, size_t size)
{
    char line[TUI_ROW_BYTES];

    if (!m->loaded) {
        tui_fit(buf, size, "", m->width, true);
        return;
    }
    snprintf(line, sizeof line, _("Idea %lld  |  %s  |  %s  |  support "
                                  "%lld"), (long long)m->id,
             cs_status_label(m->idea.status),
             m->idea.theme_code ? m->idea.theme_code : "",
             (long long)m->idea.support);
    tui_fit(buf, size, line, m->width, true);
}

size_t
model_idea_rows(struct model_idea *m, struct tui_row *rows, size_t max,
                int *cursor)
{
    size_t n = 0;

    model_list_clamp(&m->cur, &m->top, m->count, m->height);
    *cursor = 0;
    for (size_t i = m->top; i < m->count && n < max
                            && n < (size_t)m->height; i++, n++) {
        rows[n] = m->lines[i];
        if (i == m->cur) {
            /* The cursor's line is marked in text too. */
            if (rows[n].text[0] == ' ')
                rows[n].text[0] = '>';
            rows[n].style = TUI_STYLE_SELECTED;
            *cursor = (int)n;
        }
    }
    return n;
}

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */

static const struct tui_binding idea_bindings[] = {
    TUI_HELP_BINDING,
    { TUI_ACT_STATUS, 2, { 's' }, NC_("bar", "Status"), N_("status"),
      N_("Set the status, with the official answer when it needs one"),
      CS_OP_SET_STATUS },
    { TUI_ACT_TAG, 3, { 't' }, NC_("bar", "Tag"), N_("tag"),
      N_("Add a tag"), CS_OP_TAG },
    { TUI_ACT_HIDE, 4, { 'x' }, NC_("bar", "Hide"), NULL,
      N_("Hide the idea (moderation), giving the reason"), CS_OP_HIDE },
    { TUI_ACT_REFRESH, 5, { 'r', TUI_CTRL('r') }, NC_("bar", "Reload"),
      NULL, N_("Read the idea again"), CS_OP_ANY },
    { TUI_ACT_COMMENT, 6, { 'c' }, NC_("bar", "Remark"), N_("remark"),
      N_("Add a remark (a comment) to the idea"), CS_OP_COMMENT },
    { TUI_ACT_VOTE, 0, { 'v' }, NULL, N_("vote"),
      N_("Add a person's vote: find them as you type, or enter a new "
         "person"), CS_OP_VOTE },
    { TUI_ACT_MERGE, 7, { 'm' }, NC_("bar", "Merge"), N_("merge"),
      N_("Merge into another idea: type its number or choose a similar "
         "one, then confirm"), CS_OP_MERGE },
    { TUI_ACT_UNTAG, 8, { 'T' }, NC_("bar", "Untag"), NULL,
      N_("Take a tag off"), CS_OP_TAG },
    TUI_BACK_BINDING,
    TUI_QUIT_BINDING,
    { TUI_ACT_UNMERGE, 0, { 'U' }, NULL, NULL,
      N_("Undo the merge of this idea"), CS_OP_MERGE },
    { TUI_ACT_NEXT_SECTION, 0, { TUI_KEY_TAB }, NULL, NULL,
      N_("Go to the next section"), CS_OP_ANY },
    { TUI_ACT_PREV_SECTION, 0, { TUI_KEY_BTAB }, NULL, NULL,
      N_("Go to the previous section"), CS_OP_ANY },
    TUI_MOVE_BINDINGS,
    TUI_REDRAW_BINDING,
};

/* Opened on the ideas list's selected idea, and on the similar idea on a
 * page's cursor line. */
static const struct tui_route idea_routes[] = {
    { &model_ideas_keys, TUI_ACT_HELP, TUI_OPEN_SELECTED,
      { TUI_ACT_OPEN, 0, { TUI_KEY_ENTER, TUI_KEY_RIGHT }, NULL,
        NC_("hint", "open"), N_("Open the selected idea's page"),
        CS_OP_ANY } },
    { &model_idea_keys, TUI_ACT_QUIT, TUI_OPEN_SELECTED,
      { TUI_ACT_OPEN, 0, { TUI_KEY_ENTER }, NULL, NULL,
        N_("Open the similar idea on the cursor's line"), CS_OP_ANY } },
};

static const struct tui_keymap *const idea_dialogs[] = {
    &model_stale_keys, NULL,
};

const struct tui_keymap model_idea_keys =
    TUI_SCREEN_KEYMAP(N_("An idea's page"), idea_bindings, idea_routes,
                      idea_dialogs);
