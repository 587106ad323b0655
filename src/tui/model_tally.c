/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_tally.c: the tally sheet as a model (see model_tally.h): the
 * consultation's ideas and the session's counts read from the core, the
 * cells typed, and one call to the core to save them.
 */
#include "model_tally.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_keys.h"
#include "text.h"

#define PAGE_IDEAS 500          /* ideas read per call */

void
model_tally_init(struct model_tally *m)
{
    memset(m, 0, sizeof *m);
}

void
model_tally_free(struct model_tally *m)
{
    free(m->lines);
    model_tally_init(m);
}

static bool
takes_tallies(const struct cs_idea *i)
{
    return i->status != CS_STATUS_MERGED && i->status != CS_STATUS_WITHDRAWN
           && i->status != CS_STATUS_HIDDEN;
}

/* Room for one more line; NULL when out of memory (said in `err`). */
static struct tally_line *
new_line(struct model_tally *m, size_t *cap, struct cs_error *err)
{
    struct tally_line *t;

    if (m->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        void *grown = realloc(m->lines, ncap * sizeof *m->lines);

        if (grown == NULL) {
            cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
            return NULL;
        }
        m->lines = grown;
        *cap = ncap;
    }
    t = &m->lines[m->count++];
    memset(t, 0, sizeof *t);
    return t;
}

/* The consultation's ideas (of a batch, of a tag), in number order. */
static enum cs_rc
read_ideas(struct model_tally *m, int64_t batch_id, const char *tag,
           struct cs_error *err)
{
    struct cs_idea_filter f = { .consultation_id = m->cons_id,
                                .status = -1, .channel = -1, .kind = -1,
                                .order = CS_ORDER_ID,
                                .paper_batch_id = batch_id,
                                .tag = tag && tag[0] ? tag : NULL };
    struct cs_idea_cursor after = { .valid = false };
    size_t cap = 0;
    enum cs_rc rc = CS_OK;

    m->by_number = true;
    for (;;) {
        struct cs_idea_list *l = NULL;

        if ((rc = cs_idea_list(m->db, &f, &after, PAGE_IDEAS, &l, err))
            != CS_OK)
            return rc;
        for (size_t i = 0; i < l->count; i++) {
            const struct cs_idea *it = &l->items[i];
            struct tally_line *t;

            if (!takes_tallies(it))
                continue;
            if (m->count == TALLY_MAX_LINES) {
                m->more = true;
                break;
            }
            if ((t = new_line(m, &cap, err)) == NULL) {
                cs_idea_list_free(l);
                return CS_ENOMEM;
            }
            t->idea_id = it->id;
            snprintf(t->title, sizeof t->title, "%s",
                     it->title ? it->title : "");
        }
        after = l->next;
        cs_idea_list_free(l);
        if (!after.valid || m->more)
            break;
    }
    return rc;
}

/* Ideas `ids`, in the order given: each of the consultation, taking
 * tallies, once. */
static enum cs_rc
read_chosen(struct model_tally *m, const int64_t *ids, size_t n,
            struct cs_error *err)
{
    size_t cap = 0;
    enum cs_rc rc;

    m->by_number = false;
    if (n == 0)
        return cs_error_field(err, CS_EINVAL, "ideas", "%s",
                              _("Type the numbers of the ideas on the "
                                "sheet."));
    if (n > TALLY_MAX_LINES)
        return cs_error_field(err, CS_EINVAL, "ideas",
                              _("A sheet has %d lines at most."),
                              TALLY_MAX_LINES);
    for (size_t i = 0; i < n; i++) {
        struct cs_idea it;
        struct tally_line *t;

        for (size_t j = 0; j < i; j++)
            if (ids[j] == ids[i])
                return cs_error_field(err, CS_EINVAL, "ideas",
                                      _("Idea %lld is on the sheet "
                                        "twice."), (long long)ids[i]);
        if ((rc = cs_idea_get(m->db, ids[i], &it, err)) != CS_OK
            && rc != CS_ENOTFOUND)
            return rc;
        if (rc == CS_ENOTFOUND || it.consultation_id != m->cons_id) {
            if (rc == CS_OK)
                cs_idea_clear(&it);
            return cs_error_field(err, CS_ENOTFOUND, "ideas",
                                  _("No idea %lld in consultation %s."),
                                  (long long)ids[i], m->code);
        }
        if (!takes_tallies(&it)) {
            cs_error_field(err, CS_EINVAL, "ideas",
                           _("Idea %lld is %s: it takes no tally."),
                           (long long)ids[i], cs_status_label(it.status));
            cs_idea_clear(&it);
            return CS_EINVAL;
        }
        if ((t = new_line(m, &cap, err)) == NULL) {
            cs_idea_clear(&it);
            return CS_ENOMEM;
        }
        t->idea_id = it.id;
        snprintf(t->title, sizeof t->title, "%s", it.title ? it.title : "");
        cs_idea_clear(&it);
    }
    return CS_OK;
}

enum cs_rc
model_tally_parse_ids(const char *text, int64_t **ids, size_t *n,
                      struct cs_error *err)
{
    int64_t *out = NULL;
    size_t count = 0, cap = 0;
    const char *p = text ? text : "";

    for (;;) {
        long long lo, hi;
        char *end;

        while (*p == ' ' || *p == ',' || *p == ';' || *p == '\t')
            p++;
        if (*p == '\0')
            break;
        if (*p < '0' || *p > '9')
            goto bad;
        lo = strtoll(p, &end, 10);
        p = end;
        hi = lo;
        if (*p == '-') {
            p++;
            if (*p < '0' || *p > '9')
                goto bad;
            hi = strtoll(p, &end, 10);
            p = end;
        }
        if (*p != '\0' && *p != ' ' && *p != ',' && *p != ';' && *p != '\t')
            goto bad;
        if (lo < 1 || hi < lo || hi - lo >= TALLY_MAX_LINES
            || count + (size_t)(hi - lo + 1) > TALLY_MAX_LINES) {
            free(out);
            return cs_error_field(err, CS_EINVAL, "ideas",
                                  _("A sheet has %d lines at most, "
                                    "numbered from 1; a range goes up "
                                    "(7-9)."), TALLY_MAX_LINES);
        }
        for (long long v = lo; v <= hi; v++) {
            if (count == cap) {
                size_t ncap = cap ? cap * 2 : 16;
                void *grown = realloc(out, ncap * sizeof *out);

                if (grown == NULL) {
                    free(out);
                    return cs_error_set(err, CS_ENOMEM, "%s",
                                        _("Out of memory."));
                }
                out = grown;
                cap = ncap;
            }
            out[count++] = (int64_t)v;
        }
    }
    if (count == 0) {
        free(out);
        return cs_error_field(err, CS_EINVAL, "ideas", "%s",
                              _("Type the numbers of the ideas on the "
                                "sheet."));
    }
    *ids = out;
    *n = count;
    return CS_OK;
bad:
    free(out);
    return cs_error_field(err, CS_EINVAL, "ideas", "%s",
                          _("Idea numbers are digits, ranges like 7-9, "
                            "between blanks or commas."));
}

static struct tally_line *
line_of(struct model_tally *m, int64_t idea_id)
{
    size_t lo = 0, hi = m->count;

    if (!m->by_number) {
        for (size_t i = 0; i < m->count; i++)
            if (m->lines[i].idea_id == idea_id)
                return &m->lines[i];
        return NULL;
    }

    /* The lines are in number order. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (m->lines[mid].idea_id < idea_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->count && m->lines[lo].idea_id == idea_id ? &m->lines[lo]
                                                            : NULL;
}

/* What the session records, on each line. */
static enum cs_rc
read_session(struct model_tally *m, struct cs_error *err)
{
    struct cs_tally_list *l = NULL;
    enum cs_rc rc;

    rc = cs_tally_session_list(m->db, m->cons_id, m->source,
                               m->date[0] ? m->date : NULL, &l, err);
    if (rc != CS_OK)
        return rc;
    for (size_t i = 0; i < m->count; i++)
        m->lines[i].saved = false;
    for (size_t i = 0; i < l->count; i++) {
        struct tally_line *t = line_of(m, l->items[i].idea_id);

        if (t == NULL)
            continue;
        t->saved = true;
        t->saved_for = l->items[i].count;
        t->saved_against = l->items[i].against;
    }
    cs_tally_list_free(l);
    return CS_OK;
}

enum cs_rc
model_tally_open(struct model_tally *m, struct cs_db *db, int64_t cons_id,
                 const char *code, const char *source, const char *date,
                 struct cs_error *err)
{
    return model_tally_open_scope(m, db, cons_id, code, source, date, NULL,
                                  err);
}

enum cs_rc
model_tally_open_scope(struct model_tally *m, struct cs_db *db,
                       int64_t cons_id, const char *code, const char *source,
                       const char *date, const struct tally_scope *scope,
                       struct cs_error *err)
{
    static const struct tally_scope every = { 0 };
    struct cs_tally_list *probe = NULL;
    enum cs_rc rc;

    if (scope == NULL)
        scope = &every;
    /* The source and the day first: nothing is read if they are bad. */
    if ((rc = cs_tally_session_list(db, cons_id, source, date, &probe, err))
        != CS_OK)
        return rc;
    cs_tally_list_free(probe);
    model_tally_free(m);
    m->db = db;
    m->cons_id = cons_id;
    snprintf(m->code, sizeof m->code, "%s", code ? code : "");
    snprintf(m->source, sizeof m->source, "%s", source);
    snprintf(m->date, sizeof m->date, "%s", date ? date : "");
    if (scope->ids) {
        rc = read_chosen(m, scope->ids, scope->id_count, err);
        /* TRANSLATORS: a tally sheet's short list: ideas typed by
         * number. */
        snprintf(m->scope, sizeof m->scope,
                 ngettext("%zu idea chosen", "%zu ideas chosen",
                          scope->id_count), scope->id_count);
    } else {
        rc = read_ideas(m, scope->batch_id, scope->tag, err);
        if (scope->batch_id)
            snprintf(m->scope, sizeof m->scope, _("paper batch %lld"),
                     (long long)scope->batch_id);
        else if (scope->tag && scope->tag[0])
            snprintf(m->scope, sizeof m->scope, _("tag %s"), scope->tag);
        if (rc == CS_OK && m->count == 0 && m->scope[0])
            rc = cs_error_field(err, CS_ENOTFOUND, "ideas",
                                _("No idea of %s can receive tallies in "
                                  "consultation %s."), m->scope, m->code);
    }
    if (rc == CS_OK)
        rc = read_session(m, err);
    if (rc != CS_OK)
        model_tally_free(m);
    return rc;
}

enum cs_rc
model_tally_reread(struct model_tally *m, struct cs_error *err)
{
    if (m->db == NULL)
        return CS_OK;
    return read_session(m, err);
}

/* ---------------------------------------------------------------- keys */

static void
move_to(struct model_tally *m, size_t line, int height)
{
    if (m->count == 0)
        return;
    if (line >= m->count)
        line = m->count - 1;
    m->sel = line;
    if (height < 1)
        height = 1;
    if (m->sel < m->top)
        m->top = m->sel;
    else if (m->sel >= m->top + (size_t)height)
        m->top = m->sel - (size_t)height + 1;
}

static void
next_cell(struct model_tally *m, int height)
{
    if (m->cell == TALLY_FOR) {
        m->cell = TALLY_AGAINST;
    } else if (m->sel + 1 < m->count) {
        m->cell = TALLY_FOR;
        move_to(m, m->sel + 1, height);
    }
}

static void
prev_cell(struct model_tally *m, int height)
{
    if (m->cell == TALLY_AGAINST) {
        m->cell = TALLY_FOR;
    } else if (m->sel > 0) {
        m->cell = TALLY_AGAINST;
        move_to(m, m->sel - 1, height);
    }
}

bool
model_tally_key(struct model_tally *m, int key, int height)
{
    char *cell;
    size_t len;

    if (m->count == 0)
        return false;
    cell = m->lines[m->sel].typed[m->cell];
    len = strlen(cell);
    switch (key) {
    case TUI_KEY_TAB:
    case TUI_KEY_ENTER:
        next_cell(m, height);
        return true;
    case TUI_KEY_BTAB:
        prev_cell(m, height);
        return true;
    case TUI_KEY_UP:
        move_to(m, m->sel > 0 ? m->sel - 1 : 0, height);
        return true;
    case TUI_KEY_DOWN:
        move_to(m, m->sel + 1, height);
        return true;
    case TUI_KEY_PGUP:
        move_to(m, m->sel > (size_t)height ? m->sel - (size_t)height : 0,
                height);
        return true;
    case TUI_KEY_PGDN:
        move_to(m, m->sel + (size_t)(height > 0 ? height : 1), height);
        return true;
    case TUI_KEY_HOME:
        move_to(m, 0, height);
        return true;
    case TUI_KEY_END:
        move_to(m, m->count - 1, height);
        return true;
    case TUI_KEY_BACKSPACE:
        if (len > 0)
            cell[len - 1] = '\0';
        return true;
    default:
        break;
    }
    if (key >= '0' && key <= '9') {
        /* A leading zero is kept as "0" alone. */
        if (len == 1 && cell[0] == '0')
            len = 0;
        if (len < TALLY_CELL_DIGITS) {
            cell[len] = (char)key;
            cell[len + 1] = '\0';
        }
        return true;
    }
    return false;
}

static bool
line_typed(const struct tally_line *t)
{
    return t->typed[TALLY_FOR][0] != '\0'
           || t->typed[TALLY_AGAINST][0] != '\0';
}

size_t
model_tally_typed(const struct model_tally *m)
{
    size_t n = 0;

    for (size_t i = 0; i < m->count; i++)
        if (line_typed(&m->lines[i]))
            n++;
    return n;
}

/* A cell's value: typed, else what the session had, else 0. */
static int64_t
cell_value(const struct tally_line *t, enum tally_cell c)
{
    if (t->typed[c][0] != '\0')
        return strtoll(t->typed[c], NULL, 10);
    if (t->saved)
        return c == TALLY_FOR ? t->saved_for : t->saved_against;
    return 0;
}

enum cs_rc
model_tally_save(struct model_tally *m, struct cs_tally_sheet_result *res,
                 struct cs_error *err)
{
    struct cs_tally_sheet_result r = { 0 };
    struct cs_tally_line *lines;
    size_t *where, n = 0, typed = model_tally_typed(m);
    enum cs_rc rc;

    if (typed == 0) {
        if (res)
            *res = r;
        return CS_OK;
    }
    lines = calloc(typed, sizeof *lines);
    where = calloc(typed, sizeof *where);
    if (lines == NULL || where == NULL) {
        free(lines);
        free(where);
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    for (size_t i = 0; i < m->count; i++) {
        const struct tally_line *t = &m->lines[i];

        if (!line_typed(t))
            continue;
        lines[n].idea_id = t->idea_id;
        lines[n].count = cell_value(t, TALLY_FOR);
        lines[n].against = cell_value(t, TALLY_AGAINST);
        where[n++] = i;
    }
    if (err)
        err->line = 0;
    rc = cs_tally_sheet_save(m->db, m->source, m->date[0] ? m->date : NULL,
                             lines, n, &r, err);
    if (rc != CS_OK) {
        /* The line refused gets the cursor; what was typed stays. */
        if (err && err->line > 0 && (size_t)err->line <= n) {
            m->sel = where[err->line - 1];
            m->cell = TALLY_FOR;
            if (m->sel < m->top)
                m->top = m->sel;
        }
    } else {
        for (size_t i = 0; i < m->count; i++)
            m->lines[i].typed[TALLY_FOR][0] =
                m->lines[i].typed[TALLY_AGAINST][0] = '\0';
        rc = read_session(m, err);
        if (res)
            *res = r;
    }
    free(lines);
    free(where);
    return rc;
}

/* ---------------------------------------------------------------- rows */

void
model_tally_header(const struct model_tally *m, char *buf, size_t size)
{
    size_t typed = model_tally_typed(m);
    char day[32];
    size_t len;

    snprintf(day, sizeof day, "%s", m->date[0] ? m->date : _("today"));
    /* TRANSLATORS: the tally sheet's title line: consultation, source,
     * day; then its short list if any, and the lines typed. */
    snprintf(buf, size, _("%s  |  Tally sheet: %s, %s"), m->code, m->source,
             day);
    len = strlen(buf);
    if (m->scope[0] && len < size) {
        snprintf(buf + len, size - len, "  |  %s", m->scope);
        len = strlen(buf);
    }
    /* TRANSLATORS: how many lines of a tally sheet are typed and not
     * saved. */
    if (len < size) {
        snprintf(buf + len, size - len,
                 ngettext("  |  %zu line typed", "  |  %zu lines typed",
                          typed), typed);
        len = strlen(buf);
    }
    if (m->more && len < size)
        snprintf(buf + len, size - len, _("  |  first %d ideas"),
                 TALLY_MAX_LINES);
}

/* Columns: number, title, saved, for, against. */
#define COL_NO 6
#define COL_SAVED 10
#define COL_FOR 7
#define COL_AGAINST 9

static int
title_width(int width)
{
    int w = width - COL_NO - COL_SAVED - COL_FOR - COL_AGAINST - 4;

    return w > 8 ? w : 8;
}

void
model_tally_heading(const struct model_tally *m, int width, char *buf,
                    size_t size)
{
    char no[64], title[512], saved[64], f[64], ag[64];

    (void)m;
    tui_fit_right(no, sizeof no, _("No."), COL_NO - 1);
    tui_fit(title, sizeof title, _("Title"), title_width(width), true);
    /* TRANSLATORS: what the session records already, "12/3". */
    tui_fit_right(saved, sizeof saved, _("Recorded"), COL_SAVED);
    tui_fit_right(f, sizeof f, _("For"), COL_FOR);
    tui_fit_right(ag, sizeof ag, _("Against"), COL_AGAINST);
    snprintf(buf, size, " %s %s %s %s %s", no, title, saved, f, ag);
}

size_t
model_tally_rows(struct model_tally *m, int width, struct tui_row *rows,
                 size_t max, int *cy, int *cx)
{
    size_t n = 0;
    int tw = title_width(width);

    *cy = 0;
    *cx = 0;
    if (m->sel < m->top)
        m->top = m->sel;
    if (max > 0 && m->sel >= m->top + max)
        m->top = m->sel - max + 1;
    for (size_t i = m->top; i < m->count && n < max; i++, n++) {
        const struct tally_line *t = &m->lines[i];
        char no[32], title[512], saved[64], f[32], ag[32], tmp[64];
        bool here = i == m->sel;

        snprintf(tmp, sizeof tmp, "%lld", (long long)t->idea_id);
        tui_fit_right(no, sizeof no, tmp, COL_NO - 1);
        tui_fit(title, sizeof title, t->title, tw, true);
        if (t->saved)
            snprintf(tmp, sizeof tmp, "%lld/%lld", (long long)t->saved_for,
                     (long long)t->saved_against);
        else
            snprintf(tmp, sizeof tmp, "-");
        tui_fit_right(saved, sizeof saved, tmp, COL_SAVED);
        /* Cells as brackets, so an empty one is seen (and said). */
        snprintf(tmp, sizeof tmp, "[%*s]", COL_FOR - 2,
                 t->typed[TALLY_FOR]);
        tui_fit_right(f, sizeof f, tmp, COL_FOR);
        snprintf(tmp, sizeof tmp, "[%*s]", COL_AGAINST - 2,
                 t->typed[TALLY_AGAINST]);
        tui_fit_right(ag, sizeof ag, tmp, COL_AGAINST);
        snprintf(rows[n].text, sizeof rows[n].text, "%c%s %s %s %s %s",
                 here ? '>' : ' ', no, title, saved, f, ag);
        rows[n].style = here ? TUI_STYLE_SELECTED : TUI_STYLE_NORMAL;
        rows[n].id = t->idea_id;
        if (here) {
            *cy = (int)n;
            /* On the cell's last column before its closing bracket. */
            *cx = 1 + (COL_NO - 1) + 1 + tw + 1 + COL_SAVED + 1
                  + (m->cell == TALLY_FOR ? COL_FOR - 1
                                          : COL_FOR + 1 + COL_AGAINST - 1);
        }
    }
    return n;
}

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */

/* A tally sheet: digits are counts; letters and the other keys act. */
static const struct tui_binding tally_bindings[] = {
    TUI_HELP_BINDING,
    { TUI_ACT_SAVE, 2, { TUI_CTRL('s') }, NC_("bar", "Save"), N_("save"),
      N_("Save every line typed, in one go"), CS_OP_VOTE },
    { TALLY_ACT_LIST, 4, { 'l' }, NC_("bar", "List"), N_("short list"),
      N_("Choose the ideas on the sheet: every one, or a short list (a "
         "paper batch's, a tag's, numbers typed)"), CS_OP_ANY },
    { TUI_ACT_BACK, 9, { TUI_KEY_ESC }, NC_("bar", "Back"), N_("back"),
      N_("Go back to the ideas (asks first when lines typed are not "
         "saved)"), CS_OP_ANY },
    { TUI_ACT_QUIT, 10, { 'q' }, NC_("bar", "Quit"), NULL,
      N_("Quit consult (asks first when lines typed are not saved)"),
      CS_OP_ANY },
    { TUI_ACT_NEXT_SECTION, 0, { TUI_KEY_TAB, TUI_KEY_ENTER }, NULL,
      N_("next count"),
      N_("Go to the next count: for, then against, then the next line"),
      CS_OP_ANY },
    { TUI_ACT_PREV_SECTION, 0, { TUI_KEY_BTAB }, NULL, NULL,
      N_("Go back to the previous count"), CS_OP_ANY },
    { TUI_ACT_DELETE, 0, { TUI_KEY_BACKSPACE }, NULL, NULL,
      N_("Take the last digit off the count"), CS_OP_ANY },
    { TUI_ACT_UP, 0, { TUI_KEY_UP }, NULL, NULL,
      N_("Move up one line"), CS_OP_ANY },
    { TUI_ACT_DOWN, 0, { TUI_KEY_DOWN }, NULL, NULL,
      N_("Move down one line"), CS_OP_ANY },
    { TUI_ACT_PGUP, 0, { TUI_KEY_PGUP }, NULL, NULL,
      N_("Move up one page"), CS_OP_ANY },
    { TUI_ACT_PGDN, 0, { TUI_KEY_PGDN }, NULL, NULL,
      N_("Move down one page"), CS_OP_ANY },
    { TUI_ACT_HOME, 0, { TUI_KEY_HOME }, NULL, NULL,
      N_("Go to the first line"), CS_OP_ANY },
    { TUI_ACT_END, 0, { TUI_KEY_END }, NULL, NULL,
      N_("Go to the last line"), CS_OP_ANY },
    TUI_REDRAW_BINDING,
};

/* After the list's quit: on its hint line where there is room (an
 * agent's). */
static const struct tui_route tally_routes[] = {
    { &model_ideas_keys, TUI_ACT_QUIT, TUI_OPEN_CONS,
      { TUI_ACT_TALLY_SHEET, 0, { 'v' }, NULL, N_("tally sheet"),
        N_("Key a tally sheet: a workshop's or ballot box's votes for and "
           "against, idea by idea"), CS_OP_VOTE } },
};

const struct tui_keymap model_tally_keys =
    TUI_SCREEN_KEYMAP(N_("Tally sheet"), tally_bindings, tally_routes, NULL);
