/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_export.c: the export screen's model (see model_export.h).
 */
#include "model_export.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "model_keys.h"
#include "model_menu.h"
#include "text.h"

/* What each kind holds, for the kind's line and its menu. */
static const char *const kind_about[CS_EXPORT_KIND_COUNT] = {
    [CS_EXPORT_IDEAS] = N_("one row per idea or finding"),
    [CS_EXPORT_VOTES] = N_("one row per vote"),
    [CS_EXPORT_TALLIES] = N_("one row per tally"),
    [CS_EXPORT_COMMENTS] = N_("one row per comment"),
    [CS_EXPORT_PARTICIPANTS] = N_("one row per participant (admin only)"),
    [CS_EXPORT_AUDIT] = N_("the journal, for an inspector"),
    [CS_EXPORT_DECISIONS] = N_("the ideas accepted, rejected, implemented"),
    [CS_EXPORT_SUMMARY] = N_("the committee's table: one row per theme"),
    [CS_EXPORT_PARTICIPATION] = N_("who took part, how and when"),
    [CS_EXPORT_ANSWERS] = N_("official answers and whom to send them"),
};

static const char *const profile_about[CS_PROFILE_COUNT] = {
    [CS_PROFILE_DEFAULT] = N_("the kind's own"),
    [CS_PROFILE_OPEN_DATA] = N_("no personal data, hidden content left out"),
    [CS_PROFILE_CODIR] = N_("a pseudonym per person"),
    [CS_PROFILE_INTERNAL_CONTACT] = N_("names and contacts (admin only, "
                                       "journaled)"),
};

/* The kinds that exist for one consultation only. */
static bool
needs_cons(enum cs_export_kind k)
{
    return k == CS_EXPORT_SUMMARY || k == CS_EXPORT_PARTICIPATION;
}

/* Kinds that take no consultation filter. */
static bool
takes_cons(enum cs_export_kind k)
{
    return k != CS_EXPORT_AUDIT;
}

/* The file name made from the kind and the consultation, unless typed. */
static void
make_file(struct model_export *m)
{
    if (m->file_typed)
        return;
    if (m->cons[0] && takes_cons(m->kind))
        snprintf(m->file, sizeof m->file, "%s-%s.csv",
                 cs_export_kind_name(m->kind), m->cons);
    else
        snprintf(m->file, sizeof m->file, "%s.csv",
                 cs_export_kind_name(m->kind));
}

/* A new choice: the last result no longer says what the lines say. */
static void
changed(struct model_export *m)
{
    m->written = false;
    m->checked = false;
    make_file(m);
}

void
model_export_init(struct model_export *m, struct cs_db *db,
                  const char *cons, int width)
{
    memset(m, 0, sizeof *m);
    m->db = db;
    m->width = width;
    m->kind = CS_EXPORT_IDEAS;
    m->profile = CS_PROFILE_DEFAULT;
    m->view_status = -1;
    m->view_channel = -1;
    snprintf(m->cons, sizeof m->cons, "%s", cons ? cons : "");
    make_file(m);
}

enum cs_rc
model_export_view(struct model_export *m, const struct model_ideas_view *v,
                  const char *cons, struct cs_error *err)
{
    struct cs_idea_filter f = v->filter;
    bool searching = v->query[0] != '\0';
    enum cs_rc rc;

    m->view_theme[0] = '\0';
    if (f.theme_id != 0) {
        struct cs_theme t;

        if ((rc = cs_theme_get(m->db, f.theme_id, &t, err)) != CS_OK)
            return rc;
        snprintf(m->view_theme, sizeof m->view_theme, "%s", t.code);
        cs_theme_clear(&t);
    }
    snprintf(m->view_cons, sizeof m->view_cons, "%s", cons ? cons : "");
    m->view_status = f.status;
    m->view_channel = f.channel;
    m->view_batch = f.paper_batch_id;
    snprintf(m->view_tag, sizeof m->view_tag, "%s", v->tag);
    snprintf(m->view_query, sizeof m->view_query, "%s", v->query);
    m->view_order = searching ? v->search_order : f.order;
    m->view_desc = f.descending;
    /* The list sorts at most MODEL_IDEAS_SORT_MAX matches of a search;
     * past that they come by number, and so does the export. */
    if (searching && m->view_order != CS_ORDER_ID) {
        int64_t n = 0;

        f.tag = v->tag[0] ? v->tag : NULL;
        if ((rc = cs_search_count(m->db, &f, v->query,
                                  MODEL_IDEAS_SORT_MAX + 1, &n, err))
            != CS_OK)
            return rc;
        if (n > MODEL_IDEAS_SORT_MAX)
            m->view_order = CS_ORDER_ID;
    }
    m->has_view = true;
    m->shown = false;
    model_export_toggle_shown(m);
    return CS_OK;
}

void
model_export_apply(struct model_export *m, enum tui_action a)
{
    switch (a) {
    case TUI_ACT_UP:
        if (m->line > 0)
            m->line--;
        break;
    case TUI_ACT_DOWN:
        if (m->line + 1 < EXPORT_LINE_COUNT)
            m->line++;
        break;
    case TUI_ACT_HOME:
    case TUI_ACT_PGUP:
        m->line = 0;
        break;
    case TUI_ACT_END:
    case TUI_ACT_PGDN:
        m->line = EXPORT_LINE_COUNT - 1;
        break;
    default:
        break;
    }
}

void
model_export_set_kind(struct model_export *m, enum cs_export_kind k)
{
    if ((unsigned)k >= CS_EXPORT_KIND_COUNT)
        return;
    m->kind = k;
    if (k != CS_EXPORT_IDEAS)
        m->shown = false;
    changed(m);
}

void
model_export_set_cons(struct model_export *m, const char *code)
{
    snprintf(m->cons, sizeof m->cons, "%s", code ? code : "");
    if (strcmp(m->cons, m->view_cons) != 0)
        m->shown = false;
    changed(m);
}

void
model_export_set_profile(struct model_export *m, enum cs_export_profile p)
{
    if ((unsigned)p >= CS_PROFILE_COUNT)
        return;
    m->profile = p;
    changed(m);
}

void
model_export_set_file(struct model_export *m, const char *name)
{
    size_t len;

    while (name && (*name == ' ' || *name == '\t'))
        name++;
    m->file_typed = name != NULL && name[0] != '\0';
    if (m->file_typed) {
        snprintf(m->file, sizeof m->file, "%s", name);
        len = strlen(m->file);
        while (len > 0 && (m->file[len - 1] == ' '
                           || m->file[len - 1] == '\t'))
            m->file[--len] = '\0';
    }
    changed(m);
}

bool
model_export_toggle_shown(struct model_export *m)
{
    if (!m->has_view)
        return false;
    m->shown = !m->shown;
    if (m->shown) {
        m->kind = CS_EXPORT_IDEAS;
        snprintf(m->cons, sizeof m->cons, "%s", m->view_cons);
    }
    changed(m);
    return true;
}

bool
model_export_toggle(struct model_export *m)
{
    if (m->line == EXPORT_LINE_EXCEL)
        m->excel = !m->excel;
    else if (m->line == EXPORT_LINE_FRENCH)
        m->french = !m->french;
    else if (m->line == EXPORT_LINE_WHAT)
        return model_export_toggle_shown(m);
    else
        return false;
    changed(m);
    return true;
}

void
model_export_options(const struct model_export *m,
                     struct cs_export_options *o)
{
    cs_export_options_init(o);
    o->kind = m->kind;
    o->profile = m->profile;
    if (m->cons[0] && takes_cons(m->kind))
        o->consultation = m->cons;
    o->french_headers = m->french;
    if (m->excel) {
        o->csv.bom = true;
        o->csv.crlf = true;
        o->csv.delimiter = ';';
    }
    if (m->shown && m->kind == CS_EXPORT_IDEAS) {
        o->theme = m->view_theme[0] ? m->view_theme : NULL;
        o->status = m->view_status;
        o->channel = m->view_channel;
        o->paper_batch_id = m->view_batch;
        o->tag = m->view_tag[0] ? m->view_tag : NULL;
        o->search = m->view_query[0] ? m->view_query : NULL;
        o->order = m->view_order;
        o->descending = m->view_desc;
    }
}

/* Where `file` is: itself when absolute, else under the current
 * directory. */
static void
absolute(const char *file, char *out, size_t size)
{
    char cwd[1024];

    if (file[0] == '/' || getcwd(cwd, sizeof cwd) == NULL)
        snprintf(out, size, "%s", file);
    else
        snprintf(out, size, "%s%s%s", cwd,
                 cwd[strlen(cwd) - 1] == '/' ? "" : "/", file);
}

enum cs_rc
model_export_run(struct model_export *m, struct cs_error *err)
{
    struct cs_export_options o;
    enum cs_rc rc;

    m->written = false;
    m->checked = false;
    if (m->file[0] == '\0')
        return cs_error_set(err, CS_EINVAL, "%s",
                            _("Type a file name first."));
    if (needs_cons(m->kind) && m->cons[0] == '\0')
        return cs_error_set(err, CS_EINVAL,
                            _("The %s export is made for one consultation: "
                              "choose it."), cs_export_kind_name(m->kind));
    model_export_options(m, &o);
    absolute(m->file, m->path, sizeof m->path);
    rc = cs_export_file(m->db, &o, m->path, NULL, NULL, &m->res, err);
    if (rc == CS_OK)
        m->written = true;
    return rc;
}

enum cs_rc
model_export_verify(struct model_export *m, struct cs_error *err)
{
    struct cs_export_check chk;
    enum cs_rc rc;

    if (!m->written)
        return cs_error_set(err, CS_ENOTFOUND, "%s",
                            _("Nothing exported yet: export first (F2)."));
    m->checked = true;
    m->check_ok = false;
    rc = cs_export_verify(m->path, NULL, &chk, err);
    if (rc == CS_OK)
        rc = cs_export_check_journal(m->db, &chk, err);
    if (rc != CS_OK) {
        snprintf(m->check_msg, sizeof m->check_msg, _("Does NOT match its "
                 "manifest: %s"), err->msg);
        return rc;
    }
    m->check_ok = true;
    snprintf(m->check_msg, sizeof m->check_msg,
             dngettext(TUI_TEXTDOMAIN,
                       "Matches its manifest: %" PRId64 " row, SHA-256 "
                       "%.12s…, journal row %" PRId64 ".",
                       "Matches its manifest: %" PRId64 " rows, SHA-256 "
                       "%.12s…, journal row %" PRId64 ".",
                       (unsigned long)chk.rows),
             chk.rows, chk.sha256, chk.audit_id);
    return CS_OK;
}

/* ---------------------------------------------------------------- lines */

void
model_export_header(const struct model_export *m, char *buf, size_t size)
{
    char line[TUI_ROW_BYTES];

    snprintf(line, sizeof line, "%s", _("Export to a CSV file"));
    tui_fit(buf, size, line, m->width, true);
}

static const char *
order_word(enum cs_idea_order o, bool desc)
{
    switch (o) {
    case CS_ORDER_DATE:
        return desc ? _("newest first") : _("oldest first");
    case CS_ORDER_SUPPORT:
        return desc ? _("most supported first") : _("least supported first");
    case CS_ORDER_RELEVANCE:
        return desc ? _("best match first") : _("worst match first");
    case CS_ORDER_ID:
    default:
        return desc ? _("highest number first") : _("by number");
    }
}

/* What the list shows, in words: "theme MOB, status new, "vélo", most
 * supported first". */
static void
view_words(const struct model_export *m, char *buf, size_t size)
{
    size_t n = 0;

#define ADD(...) do { \
        if (n < size) \
            n += (size_t)snprintf(buf + n, size - n, __VA_ARGS__); \
    } while (0)
    buf[0] = '\0';
    if (m->view_theme[0])
        ADD(_("theme %s, "), m->view_theme);
    if (m->view_status >= 0)
        ADD(_("status %s, "), cs_status_label((enum cs_status)m->view_status));
    if (m->view_channel >= 0)
        ADD(_("channel %s, "),
            cs_channel_label((enum cs_channel)m->view_channel));
    if (m->view_batch > 0)
        ADD(_("paper batch %" PRId64 ", "), m->view_batch);
    if (m->view_tag[0])
        ADD(_("tag %s, "), m->view_tag);
    if (m->view_query[0])
        ADD(_("search \"%s\", "), m->view_query);
    if (n == 0)
        ADD("%s", _("no filter, "));
    ADD("%s", order_word(m->view_order, m->view_desc));
#undef ADD
}

static void
put(struct tui_row *r, const char *text, enum tui_style style, int width)
{
    tui_fit(r->text, sizeof r->text, text, width, true);
    r->style = style;
    r->id = 0;
}

size_t
model_export_rows(const struct model_export *m, struct tui_row *rows,
                  size_t max, int *cursor)
{
    char line[4096], value[TUI_ROW_BYTES], words[600];
    size_t k = 0;

    *cursor = 0;
    for (size_t i = 0; i < EXPORT_LINE_COUNT && k < max; i++) {
        const char *label = "";

        switch ((enum model_export_line)i) {
        case EXPORT_LINE_KIND:
            label = _("Kind");
            snprintf(value, sizeof value, "%s: %s",
                     cs_export_kind_name(m->kind), _(kind_about[m->kind]));
            break;
        case EXPORT_LINE_CONS:
            label = _("Consultation");
            snprintf(value, sizeof value, "%s",
                     !takes_cons(m->kind) ? _("(every one: the journal)")
                     : m->cons[0] ? m->cons : _("(every one)"));
            break;
        case EXPORT_LINE_WHAT:
            label = _("What");
            if (m->shown) {
                snprintf(value, sizeof value, "%s", _("[x] what the ideas "
                         "list shows:"));
            } else if (m->has_view && m->kind == CS_EXPORT_IDEAS) {
                snprintf(value, sizeof value, "%s", _("[ ] everything "
                         "(s: what the ideas list shows)"));
            } else {
                snprintf(value, sizeof value, "%s", _("everything"));
            }
            break;
        case EXPORT_LINE_PROFILE:
            label = _("Profile");
            if (m->profile == CS_PROFILE_DEFAULT)
                snprintf(value, sizeof value, _("default: %s"),
                         cs_export_profile_name(
                             cs_export_default_profile(m->kind)));
            else
                snprintf(value, sizeof value, "%s: %s",
                         cs_export_profile_name(m->profile),
                         _(profile_about[m->profile]));
            break;
        case EXPORT_LINE_EXCEL:
            label = _("Excel");
            snprintf(value, sizeof value, "%s %s", m->excel ? "[x]" : "[ ]",
                     _("byte order mark, \";\" and CRLF"));
            break;
        case EXPORT_LINE_FRENCH:
            label = _("French headers");
            snprintf(value, sizeof value, "%s %s",
                     m->french ? "[x]" : "[ ]",
                     _("French column names and words"));
            break;
        case EXPORT_LINE_FILE:
            label = _("File");
            snprintf(value, sizeof value, "%s", m->file);
            break;
        case EXPORT_LINE_COUNT:
            break;
        }
        {
            char lab[64];

            tui_fit(lab, sizeof lab, label, 18, true);
            snprintf(line, sizeof line, "%s %s  %s",
                     i == m->line ? ">" : " ", lab, value);
        }
        put(&rows[k], line, i == m->line ? TUI_STYLE_SELECTED
                                         : TUI_STYLE_NORMAL, m->width);
        if (i == m->line)
            *cursor = (int)k;
        k++;
        if (i == EXPORT_LINE_WHAT && m->shown && k < max) {
            view_words(m, words, sizeof words);
            snprintf(line, sizeof line, "%22s%s", "", words);
            put(&rows[k++], line, TUI_STYLE_NORMAL, m->width);
        }
    }
    if (k < max) {
        put(&rows[k++], "", TUI_STYLE_NORMAL, m->width);
    }
    if (m->written && k < max) {
        snprintf(line, sizeof line,
                 dngettext(TUI_TEXTDOMAIN, "Written: %" PRId64 " row (%s "
                           "export, %s profile), in:",
                           "Written: %" PRId64 " rows (%s export, %s "
                           "profile), in:", (unsigned long)m->res.rows),
                 m->res.rows, cs_export_kind_name(m->res.kind),
                 cs_export_profile_name(m->res.profile));
        put(&rows[k++], line, TUI_STYLE_HEADING, m->width);
        if (k < max) {
            snprintf(line, sizeof line, "  %s", m->path);
            put(&rows[k++], line, TUI_STYLE_NORMAL, m->width);
        }
        if (k < max) {
            const char *base = strrchr(m->path, '/');

            snprintf(line, sizeof line, _("Its manifest beside it: "
                     "%s.manifest (v checks the file)."),
                     base ? base + 1 : m->path);
            put(&rows[k++], line, TUI_STYLE_NORMAL, m->width);
        }
    }
    if (m->checked && k < max)
        put(&rows[k++], m->check_msg,
            m->check_ok ? TUI_STYLE_HEADING : TUI_STYLE_ERROR, m->width);
    return k;
}

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */
static const struct tui_binding export_bindings[] = {
    TUI_HELP_BINDING,
    { TUI_ACT_OPEN, 0, { TUI_KEY_ENTER, ' ' }, NULL, N_("change"),
      N_("Change the line on the cursor: choose from a list, tick or "
         "untick, or type the file name"), CS_OP_READ },
    { EXPORT_ACT_RUN, 2, { 'e' }, NC_("bar", "Export"), N_("export"),
      N_("Write the file, and its manifest beside it"), CS_OP_READ },
    { EXPORT_ACT_SHOWN, 3, { 's' }, NC_("bar", "Shown"), N_("as shown"),
      N_("Export what the ideas list shows (its filters, search and "
         "order), or everything"), CS_OP_READ },
    { EXPORT_ACT_VERIFY, 4, { 'v' }, NC_("bar", "Verify"), N_("verify"),
      N_("Check the file written against its manifest and the journal"),
      CS_OP_READ },
    TUI_BACK_BINDING,
    TUI_QUIT_BINDING,
    TUI_MOVE_BINDINGS,
    TUI_REDRAW_BINDING,
};

/* Opened from the ideas list, last of its keys. */
static const struct tui_route export_routes[] = {
    { &model_ideas_keys, TUI_ACT_NONE, 0,
      { TUI_ACT_GO, 0, { 'E' }, NULL, NULL,
        N_("Export to a CSV file: any kind, or what the list shows"),
        CS_OP_READ } },
};

const struct tui_keymap model_export_keys =
    TUI_SCREEN_KEYMAP(N_("Export"), export_bindings, export_routes, NULL);

/* ---------------------------------------------------------------- menus */

void
model_export_kind_menu(const struct model_export *m, struct model_menu *mm)
{
    char label[200];

    for (int k = 0; k < CS_EXPORT_KIND_COUNT; k++) {
        snprintf(label, sizeof label, "%-13s %s",
                 cs_export_kind_name((enum cs_export_kind)k),
                 _(kind_about[k]));
        model_menu_add(mm, label, k);
    }
    model_menu_select_value(mm, m->kind);
}

void
model_export_profile_menu(const struct model_export *m,
                          struct model_menu *mm)
{
    char label[200];

    for (int p = 0; p < CS_PROFILE_COUNT; p++) {
        snprintf(label, sizeof label, "%-17s %s",
                 cs_export_profile_name((enum cs_export_profile)p),
                 _(profile_about[p]));
        model_menu_add(mm, label, p);
    }
    model_menu_select_value(mm, m->profile);
}

enum cs_rc
model_export_cons_menu(struct model_export *m, struct model_menu *mm,
                       struct cs_error *err)
{
    struct cs_consultation_list *l = NULL;
    char label[200];
    enum cs_rc rc;

    if ((rc = cs_consultation_list(m->db, &l, err)) != CS_OK)
        return rc;
    cs_consultation_list_free(m->conses);
    m->conses = l;
    model_menu_add(mm, _("(every consultation)"), 0);
    for (size_t i = 0; i < l->count; i++) {
        snprintf(label, sizeof label, "%-10s %s", l->items[i].code,
                 l->items[i].title ? l->items[i].title : "");
        model_menu_add(mm, label, (int64_t)i + 1);
        if (strcmp(l->items[i].code, m->cons) == 0)
            model_menu_select_value(mm, (int64_t)i + 1);
    }
    return CS_OK;
}

void
model_export_cons_chosen(struct model_export *m, int64_t value)
{
    if (value <= 0 || m->conses == NULL
        || (size_t)value > m->conses->count)
        model_export_set_cons(m, NULL);
    else
        model_export_set_cons(m, m->conses->items[value - 1].code);
}

void
model_export_free(struct model_export *m)
{
    cs_consultation_list_free(m->conses);
    m->conses = NULL;
}
