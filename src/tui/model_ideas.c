/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_ideas.c: the ideas list's model (see model_ideas.h): a window of
 * rows moved with keyset pages, filters, search, order, marks, the bulk
 * status change, and the rows laid out for the width.
 */
#include "model_ideas.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult/search.h"
#include "consult/template.h"
#include "model_keys.h"
#include "text.h"

/* ---------------------------------------------------------------- window */

static void
cursor_of(const struct cs_idea *i, struct cs_idea_cursor *c)
{
    memset(c, 0, sizeof *c);
    c->valid = true;
    c->id = i->id;
    c->support = i->support;
    snprintf(c->date, sizeof c->date, "%s",
             i->submitted_at ? i->submitted_at : "");
}

static bool
searching(const struct model_ideas *m)
{
    char *match = NULL;
    bool yes;

    if (m->query[0] == '\0'
        || cs_search_match(m->query, &match, NULL) != CS_OK)
        return false;
    yes = match != NULL;
    free(match);
    return yes;
}

/* Read up to `limit` rows after `from` (NULL: from the start), in the
 * list's order, or against it when `backward`. */
static enum cs_rc
fetch(const struct model_ideas *m, const struct cs_idea *from, bool backward,
      size_t limit, struct cs_idea_list **out, struct cs_error *err)
{
    struct cs_idea_filter f = m->filter;
    struct cs_idea_cursor c;

    memset(&c, 0, sizeof c);
    if (from != NULL)
        cursor_of(from, &c);
    f.tag = m->tag[0] ? m->tag : NULL;
    if (backward)
        f.descending = !f.descending;
    if (searching(m)) {
        f.order = m->sort_capped ? CS_ORDER_ID : m->search_order;
        return cs_search_ideas(m->db, &f, m->query, &c, limit, out, err);
    }
    return cs_idea_list(m->db, &f, &c, limit, out, err);
}

static size_t
page(const struct model_ideas *m)
{
    return m->height > 0 ? (size_t)m->height : 1;
}

static void
window_clear(struct model_ideas *m)
{
    for (size_t i = 0; i < m->count; i++)
        cs_idea_clear(&m->rows[i]);
    m->count = 0;
}

/* Make room for a window of `page` rows. */
static enum cs_rc
window_reserve(struct model_ideas *m, struct cs_error *err)
{
    void *p = realloc(m->rows, (page(m) + 1) * sizeof *m->rows);

    if (p == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    m->rows = p;
    return CS_OK;
}

/* Take the rows of `l` (in that order, or reversed) as the whole window;
 * frees `l`. */
static void
window_take(struct model_ideas *m, struct cs_idea_list *l, bool reversed)
{
    window_clear(m);
    for (size_t i = 0; i < l->count && i < page(m); i++)
        m->rows[m->count++] = l->items[reversed ? l->count - 1 - i : i];
    for (size_t i = m->count; i < l->count; i++)
        cs_idea_clear(&l->items[reversed ? l->count - 1 - i : i]);
    l->count = 0;
    cs_idea_list_free(l);
}

/* Append the rows of `l` at the end, dropping as many from the start as
 * needed; frees `l`. Returns how many came. */
static size_t
window_append(struct model_ideas *m, struct cs_idea_list *l)
{
    size_t k = l->count, h = page(m);

    for (size_t i = 0; i < k; i++) {
        if (m->count == h) {
            cs_idea_clear(&m->rows[0]);
            memmove(m->rows, m->rows + 1, (m->count - 1) * sizeof *m->rows);
            m->count--;
        }
        m->rows[m->count++] = l->items[i];
    }
    l->count = 0;
    cs_idea_list_free(l);
    return k;
}

/* Prepend the rows of `l` (which come nearest first) at the start,
 * dropping as many from the end as needed; frees `l`. */
static size_t
window_prepend(struct model_ideas *m, struct cs_idea_list *l)
{
    size_t k = l->count, h = page(m);

    for (size_t i = 0; i < k; i++) {
        if (m->count == h) {
            cs_idea_clear(&m->rows[m->count - 1]);
            m->count--;
        }
        memmove(m->rows + 1, m->rows, m->count * sizeof *m->rows);
        m->rows[0] = l->items[i];
        m->count++;
    }
    l->count = 0;
    cs_idea_list_free(l);
    return k;
}

/* A window shorter than the screen while rows exist before it (after a
 * refresh that lost rows at the end): fill it from above. */
static enum cs_rc
window_fill(struct model_ideas *m, struct cs_error *err)
{
    struct cs_idea_list *l = NULL;
    size_t k;
    enum cs_rc rc;

    if (m->count >= page(m))
        return CS_OK;
    rc = fetch(m, m->count ? &m->rows[0] : NULL, true, page(m) - m->count,
               &l, err);
    if (rc != CS_OK)
        return rc;
    k = window_prepend(m, l);
    m->sel += k;
    if (m->count < page(m))
        m->at_top = true;
    return CS_OK;
}

enum cs_rc
model_ideas_count_step(struct model_ideas *m, struct cs_error *err)
{
    struct cs_idea_filter f = m->filter;
    int64_t hi = m->count_next + MODEL_IDEAS_COUNT_STEP, n = 0;
    enum cs_rc rc;

    if (!m->counting)
        return CS_OK;
    f.tag = m->tag[0] ? m->tag : NULL;
    rc = cs_search_count_range(m->db, &f, searching(m) ? m->query : NULL,
                               m->count_next, hi, &n, err);
    if (rc != CS_OK) {
        m->counting = false;
        return rc;
    }
    m->total += n;
    m->count_next = hi;
    if (hi >= m->count_last)
        m->counting = false;
    return CS_OK;
}

/* Start counting again. When the window holds every match, that is the
 * count; without a search, a tag or an author, the core's kept figures
 * give it at once. Otherwise the first step comes at once (a small
 * database has its count with its first page), except for a search, whose
 * steps cost more: the keystroke shows its results first, and the count
 * follows. */
static enum cs_rc
count_total(struct model_ideas *m, bool all_here, struct cs_error *err)
{
    struct cs_idea_filter f = m->filter;
    bool known = false;
    enum cs_rc rc;

    m->total = 0;
    m->count_next = 0;
    m->counting = false;
    if (all_here) {
        m->total = (int64_t)m->count;
        return CS_OK;
    }
    f.tag = m->tag[0] ? m->tag : NULL;
    if (!searching(m)
        && ((rc = cs_search_count_kept(m->db, &f, &m->total, &known, err))
            != CS_OK || known))
        return rc;
    if ((rc = cs_search_last_id(m->db, &m->count_last, err)) != CS_OK)
        return rc;
    m->counting = true;
    return searching(m) ? CS_OK : model_ideas_count_step(m, err);
}

/* A search in another order than by number sorts every match: count
 * them first, up to m->sort_max and one, and sort only that many (*known: the count is `n`, the whole count). */
static enum cs_rc
sort_check(struct model_ideas *m, int64_t *n, bool *known,
           struct cs_error *err)
{
    struct cs_idea_filter f = m->filter;
    enum cs_rc rc;

    m->sort_capped = false;
    *known = false;
    if (!searching(m) || m->search_order == CS_ORDER_ID)
        return CS_OK;
    f.tag = m->tag[0] ? m->tag : NULL;
    if ((rc = cs_search_count(m->db, &f, m->query, m->sort_max + 1, n,
                              err)) != CS_OK)
        return rc;
    m->sort_capped = *n > m->sort_max;
    *known = !m->sort_capped;
    return CS_OK;
}

static enum cs_rc
load_start(struct model_ideas *m, struct cs_error *err)
{
    struct cs_idea_list *l = NULL;
    int64_t n = 0;
    enum cs_rc rc;
    bool more, known;

    if ((rc = window_reserve(m, err)) != CS_OK
        || (rc = sort_check(m, &n, &known, err)) != CS_OK
        || (rc = fetch(m, NULL, false, page(m), &l, err)) != CS_OK)
        return rc;
    more = l->next.valid;
    window_take(m, l, false);
    m->sel = 0;
    m->at_top = true;
    if ((rc = count_total(m, !more, err)) != CS_OK || !known)
        return rc;
    /* Counted already, to sort. */
    m->total = n;
    m->counting = false;
    return CS_OK;
}

static enum cs_rc
load_end(struct model_ideas *m, struct cs_error *err)
{
    struct cs_idea_list *l = NULL;
    enum cs_rc rc;

    if ((rc = fetch(m, NULL, true, page(m), &l, err)) != CS_OK)
        return rc;
    window_take(m, l, true);
    m->sel = m->count ? m->count - 1 : 0;
    m->at_top = m->count < page(m);
    return CS_OK;
}

/* Read the window from row `first` (NULL: from the top) as it was: the
 * row before it, then a page after that one (`first` itself may be gone,
 * and at the top ideas added since come into view). Select idea `keep`
 * if it is there, else line `line`. */
static enum cs_rc
reload_from(struct model_ideas *m, const struct cs_idea *first, int64_t keep,
            size_t line, struct cs_error *err)
{
    struct cs_idea_list *prev = NULL, *l = NULL;
    enum cs_rc rc;

    if (first != NULL
        && (rc = fetch(m, first, true, 1, &prev, err)) != CS_OK)
        return rc;
    rc = fetch(m, prev && prev->count ? &prev->items[0] : NULL, false,
               page(m), &l, err);
    m->at_top = prev == NULL || prev->count == 0;
    cs_idea_list_free(prev);
    if (rc != CS_OK)
        return rc;
    window_take(m, l, false);
    m->sel = line;
    if ((rc = window_fill(m, err)) != CS_OK)
        return rc;
    if (m->sel >= m->count)
        m->sel = m->count ? m->count - 1 : 0;
    for (size_t i = 0; i < m->count; i++)
        if (m->rows[i].id == keep)
            m->sel = i;
    return count_total(m, m->at_top && m->count < page(m), err);
}

/* Read the window again from where it starts; keep the selected idea
 * selected if it is still there, else the same line. */
static enum cs_rc
reload(struct model_ideas *m, struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = window_reserve(m, err)) != CS_OK)
        return rc;
    if (m->count == 0)
        return load_start(m, err);
    return reload_from(m, m->at_top ? NULL : &m->rows[0],
                       model_ideas_selected(m), m->sel, err);
}

static enum cs_rc
move_down(struct model_ideas *m, size_t n, struct cs_error *err)
{
    struct cs_idea_list *l = NULL;
    size_t k, h = page(m);
    enum cs_rc rc;

    if (m->count == 0)
        return CS_OK;
    if (n == 1 && m->sel + 1 < m->count) {
        m->sel++;
        return CS_OK;
    }
    if ((rc = fetch(m, &m->rows[m->count - 1], false, n, &l, err)) != CS_OK)
        return rc;
    k = window_append(m, l);
    if (k > 0 && m->count == page(m))
        m->at_top = false;
    /* The window slid k rows; the selection goes the rest of the way. */
    if (n > k)
        m->sel += n - k;
    if (m->sel >= m->count)
        m->sel = m->count - 1;
    (void)h;
    return CS_OK;
}

static enum cs_rc
move_up(struct model_ideas *m, size_t n, struct cs_error *err)
{
    struct cs_idea_list *l = NULL;
    size_t k;
    enum cs_rc rc;

    if (m->count == 0)
        return CS_OK;
    if (n == 1 && m->sel > 0) {
        m->sel--;
        return CS_OK;
    }
    if ((rc = fetch(m, &m->rows[0], true, n, &l, err)) != CS_OK)
        return rc;
    k = window_prepend(m, l);
    if (k < n)
        m->at_top = true;
    m->sel = n > k ? (m->sel > n - k ? m->sel - (n - k) : 0) : m->sel;
    return CS_OK;
}

/* ---------------------------------------------------------------- public */

enum cs_rc
model_ideas_themes(struct model_ideas *m, struct cs_error *err)
{
    struct cs_theme_list *themes = NULL;
    enum cs_rc rc;

    if (m->themes != NULL || m->cons_id == 0)
        return CS_OK;
    if ((rc = cs_theme_list(m->db, m->cons_id, &themes, err)) != CS_OK)
        return rc;
    m->themes = calloc(themes->count ? themes->count : 1, sizeof *m->themes);
    if (m->themes == NULL) {
        cs_theme_list_free(themes);
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    for (size_t i = 0; i < themes->count; i++) {
        m->themes[i].id = themes->items[i].id;
        snprintf(m->themes[i].code, sizeof m->themes[i].code, "%s",
                 themes->items[i].code);
    }
    m->theme_count = themes->count;
    cs_theme_list_free(themes);
    return CS_OK;
}

enum cs_rc
model_ideas_init(struct model_ideas *m, struct cs_db *db, int64_t cons_id,
                 const char *cons_code, int width, int height,
                 struct cs_error *err)
{
    memset(m, 0, sizeof *m);
    m->db = db;
    m->cons_id = cons_id;
    m->width = width;
    m->height = height;
    cs_idea_filter_init(&m->filter);
    m->filter.consultation_id = cons_id;
    m->filter.order = CS_ORDER_DATE;
    m->filter.descending = true;
    m->search_order = CS_ORDER_RELEVANCE;
    m->sort_max = MODEL_IDEAS_SORT_MAX;
    snprintf(m->cons_code, sizeof m->cons_code, "%s",
             cons_code ? cons_code : "");
    return load_start(m, err);
}

void
model_ideas_free(struct model_ideas *m)
{
    window_clear(m);
    free(m->rows);
    free(m->marks);
    free(m->mark_versions);
    free(m->themes);
    memset(m, 0, sizeof *m);
}

enum cs_rc
model_ideas_resize(struct model_ideas *m, int width, int height,
                   struct cs_error *err)
{
    m->width = width;
    if (height == m->height)
        return CS_OK;
    m->height = height;
    /* Keep the selected row and those that still fit around it (below
     * it first), then read the window again from its first row. */
    while (m->count > page(m) && m->sel + 1 < m->count) {
        cs_idea_clear(&m->rows[m->count - 1]);
        m->count--;
    }
    while (m->count > page(m)) {
        cs_idea_clear(&m->rows[0]);
        memmove(m->rows, m->rows + 1, (m->count - 1) * sizeof *m->rows);
        m->count--;
        m->sel--;
        m->at_top = false;
    }
    return reload(m, err);
}

int64_t
model_ideas_selected(const struct model_ideas *m)
{
    return m->count ? m->rows[m->sel].id : 0;
}

bool
model_ideas_is_marked(const struct model_ideas *m, int64_t id)
{
    for (size_t i = 0; i < m->mark_count; i++)
        if (m->marks[i] == id)
            return true;
    return false;
}

static bool
toggle_mark(struct model_ideas *m, int64_t id, int64_t version)
{
    for (size_t i = 0; i < m->mark_count; i++) {
        if (m->marks[i] == id) {
            memmove(m->marks + i, m->marks + i + 1,
                    (m->mark_count - i - 1) * sizeof *m->marks);
            memmove(m->mark_versions + i, m->mark_versions + i + 1,
                    (m->mark_count - i - 1) * sizeof *m->mark_versions);
            m->mark_count--;
            return true;
        }
    }
    if (m->mark_count == m->mark_cap) {
        size_t ncap = m->mark_cap ? m->mark_cap * 2 : 16;
        int64_t *p = realloc(m->marks, ncap * sizeof *m->marks), *q;

        if (p == NULL)
            return false;
        m->marks = p;
        if ((q = realloc(m->mark_versions, ncap * sizeof *q)) == NULL)
            return false;
        m->mark_versions = q;
        m->mark_cap = ncap;
    }
    m->mark_versions[m->mark_count] = version;
    m->marks[m->mark_count++] = id;
    return true;
}

/* After a refusal: unmark the ideas changed since they were marked. */
static void
unmark_changed(struct model_ideas *m)
{
    size_t k = 0;

    for (size_t i = 0; i < m->mark_count; i++) {
        struct cs_idea now;
        bool same;

        if (cs_idea_get(m->db, m->marks[i], &now, NULL) != CS_OK) {
            continue;               /* gone: unmarked too */
        }
        same = now.version == m->mark_versions[i];
        cs_idea_clear(&now);
        if (!same)
            continue;
        m->marks[k] = m->marks[i];
        m->mark_versions[k++] = m->mark_versions[i];
    }
    m->mark_count = k;
}

enum cs_rc
model_ideas_apply(struct model_ideas *m, enum tui_action a,
                  struct cs_error *err)
{
    switch (a) {
    case TUI_ACT_DOWN:
        return move_down(m, 1, err);
    case TUI_ACT_UP:
        return move_up(m, 1, err);
    case TUI_ACT_PGDN:
        return move_down(m, page(m), err);
    case TUI_ACT_PGUP:
        return move_up(m, page(m), err);
    case TUI_ACT_HOME:
        return load_start(m, err);
    case TUI_ACT_END:
        return load_end(m, err);
    case TUI_ACT_REFRESH:
        return reload(m, err);
    case TUI_ACT_MARK:
        if (m->count == 0)
            return CS_OK;
        if (!toggle_mark(m, m->rows[m->sel].id, m->rows[m->sel].version))
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        return move_down(m, 1, err);
    case TUI_ACT_MARK_NONE:
        m->mark_count = 0;
        return CS_OK;
    case TUI_ACT_SORT:
        if (searching(m)) {
            /* A search: relevance, date, support, number. */
            m->search_order =
                m->search_order == CS_ORDER_RELEVANCE ? CS_ORDER_DATE
                : m->search_order == CS_ORDER_DATE ? CS_ORDER_SUPPORT
                : m->search_order == CS_ORDER_SUPPORT ? CS_ORDER_ID
                : CS_ORDER_RELEVANCE;
            m->filter.descending = true;
            return load_start(m, err);
        }
        m->filter.order = m->filter.order == CS_ORDER_DATE ? CS_ORDER_SUPPORT
                        : m->filter.order == CS_ORDER_SUPPORT ? CS_ORDER_ID
                        : CS_ORDER_DATE;
        m->filter.descending = true;
        return load_start(m, err);
    case TUI_ACT_REVERSE:
        m->filter.descending = !m->filter.descending;
        return load_start(m, err);
    case TUI_ACT_CLEAR_FILTERS:
        m->query[0] = '\0';
        m->tag[0] = '\0';
        m->filter.theme_id = 0;
        m->filter.status = -1;
        m->filter.channel = -1;
        m->filter.paper_batch_id = 0;
        return load_start(m, err);
    default:
        return CS_OK;
    }
}

void
model_ideas_click(struct model_ideas *m, int line)
{
    if (line >= 0 && (size_t)line < m->count)
        m->sel = (size_t)line;
}

void
model_ideas_keep(const struct model_ideas *m, struct model_ideas_view *v)
{
    memset(v, 0, sizeof *v);
    v->kept = true;
    v->cons_id = m->cons_id;
    v->filter = m->filter;
    v->filter.tag = NULL;
    snprintf(v->tag, sizeof v->tag, "%s", m->tag);
    snprintf(v->query, sizeof v->query, "%s", m->query);
    v->search_order = m->search_order;
    v->at_top = m->at_top || m->count == 0;
    if (!v->at_top) {
        v->first_id = m->rows[0].id;
        v->first_support = m->rows[0].support;
        snprintf(v->first_date, sizeof v->first_date, "%s",
                 m->rows[0].submitted_at ? m->rows[0].submitted_at : "");
    }
    v->selected = model_ideas_selected(m);
}

enum cs_rc
model_ideas_restore(struct model_ideas *m, const struct model_ideas_view *v,
                    struct cs_error *err)
{
    struct cs_idea first;
    int64_t n = 0;
    bool known;
    enum cs_rc rc;

    if (!v->kept || v->cons_id != m->cons_id)
        return CS_OK;
    m->filter = v->filter;
    m->filter.tag = NULL;
    snprintf(m->tag, sizeof m->tag, "%s", v->tag);
    snprintf(m->query, sizeof m->query, "%s", v->query);
    m->search_order = v->search_order;
    /* The header names the theme filtered on. */
    if (m->filter.theme_id != 0 && (rc = model_ideas_themes(m, err)) != CS_OK)
        return rc;
    if ((rc = window_reserve(m, err)) != CS_OK
        || (rc = sort_check(m, &n, &known, err)) != CS_OK)
        return rc;
    if (v->at_top)
        return reload_from(m, NULL, v->selected, 0, err);
    memset(&first, 0, sizeof first);
    first.id = v->first_id;
    first.support = v->first_support;
    first.submitted_at = (char *)v->first_date;
    return reload_from(m, &first, v->selected, 0, err);
}

enum cs_rc
model_ideas_search(struct model_ideas *m, const char *text,
                   struct cs_error *err)
{
    snprintf(m->query, sizeof m->query, "%s", text ? text : "");
    return load_start(m, err);
}

enum cs_rc
model_ideas_filter_theme(struct model_ideas *m, int64_t theme_id,
                         struct cs_error *err)
{
    m->filter.theme_id = theme_id;
    return load_start(m, err);
}

enum cs_rc
model_ideas_filter_status(struct model_ideas *m, int status,
                          struct cs_error *err)
{
    m->filter.status = status;
    return load_start(m, err);
}

enum cs_rc
model_ideas_filter_channel(struct model_ideas *m, int channel,
                           struct cs_error *err)
{
    m->filter.channel = channel;
    return load_start(m, err);
}

enum cs_rc
model_ideas_filter_batch(struct model_ideas *m, int64_t batch_id,
                         struct cs_error *err)
{
    m->filter.paper_batch_id = batch_id;
    return load_start(m, err);
}

enum cs_rc
model_ideas_filter_tag(struct model_ideas *m, const char *tag,
                       struct cs_error *err)
{
    snprintf(m->tag, sizeof m->tag, "%s", tag ? tag : "");
    return load_start(m, err);
}

/* `text` with its template placeholders filled for idea `id` (NULL when
 * it has none: use `text`). */
static enum cs_rc
fill_for(const struct model_ideas *m, int64_t id, const char *text,
         char **out, struct cs_error *err)
{
    struct cs_idea idea;
    enum cs_rc rc;

    *out = NULL;
    if (text == NULL || strchr(text, '{') == NULL)
        return CS_OK;
    for (size_t i = 0; i < m->count; i++)
        if (m->rows[i].id == id)
            return cs_template_fill(text, &m->rows[i], out, err);
    if ((rc = cs_idea_get(m->db, id, &idea, err)) != CS_OK)
        return rc;
    rc = cs_template_fill(text, &idea, out, err);
    cs_idea_clear(&idea);
    return rc;
}

enum cs_rc
model_ideas_set_status(struct model_ideas *m, enum cs_status to,
                       const char *text, size_t *changed, size_t *refused,
                       struct cs_error *err)
{
    int64_t one = model_ideas_selected(m);
    size_t n = m->mark_count ? m->mark_count : (one ? 1 : 0), i;
    struct cs_status_item *items;
    char **filled;
    enum cs_rc rc = CS_OK;

    *changed = *refused = 0;
    if (n == 0)
        return CS_OK;
    items = calloc(n, sizeof *items);
    filled = calloc(n, sizeof *filled);
    if (items == NULL || filled == NULL) {
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        goto out;
    }
    for (i = 0; i < n && rc == CS_OK; i++) {
        items[i].id = m->mark_count ? m->marks[i] : one;
        /* Decided on the version marked, or shown. */
        items[i].if_version = m->mark_count ? m->mark_versions[i]
                                            : m->rows[m->sel].version;
        rc = fill_for(m, items[i].id, text, &filled[i], err);
        items[i].text = filled[i];      /* NULL: `text` as it is */
    }
    /* One decision for all of them: the core takes them all or none. */
    if (rc == CS_OK)
        rc = cs_idea_set_status_many(m->db, items, n, to, text, NULL, err);
    if (rc == CS_OK) {
        *changed = n;
        m->mark_count = 0;
    } else {
        *refused = n;
    }
out:
    for (i = 0; filled != NULL && i < n; i++)
        free(filled[i]);
    free(filled);
    free(items);
    if (rc == CS_ESTALE) {
        /* What changed shows, and is unmarked: nothing is decided on
         * what the user did not see. The refusal's message stays. */
        unmark_changed(m);
        reload(m, NULL);
        return rc;
    }
    if (rc != CS_OK)
        return rc;
    return reload(m, err);
}

/* ---------------------------------------------------------------- layout */

struct cols {
    int id, status, theme, support, channel, date, title;
    bool show_theme, show_channel, show_date;
};

static int
max_int(int a, int b)
{
    return a > b ? a : b;
}

static int
digits(int64_t v)
{
    int d = 1;

    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

static void
layout(const struct model_ideas *m, struct cols *c)
{
    int64_t max_id = 0, max_support = 0;
    int used;

    for (size_t i = 0; i < m->count; i++) {
        if (m->rows[i].id > max_id)
            max_id = m->rows[i].id;
        if (m->rows[i].support > max_support)
            max_support = m->rows[i].support;
    }
    /* TRANSLATORS: column headings of the ideas list; "No." is the
     * idea's number. */
    c->id = max_int(max_int(tui_width(_("No.")), digits(max_id)), 3);
    c->status = tui_width(_("Status"));
    for (int s = 0; s < CS_STATUS_COUNT; s++)
        c->status = max_int(c->status,
                            tui_width(cs_status_label((enum cs_status)s)));
    if (c->status > 14)
        c->status = 14;
    /* Theme codes are short (typed on paper forms): the heading's width,
     * at least four columns. */
    c->theme = max_int(tui_width(_("Theme")), 4);
    if (c->theme > 8)
        c->theme = 8;
    c->support = max_int(tui_width(_("Support")), digits(max_support));
    c->channel = tui_width(_("Channel"));
    for (int ch = 0; ch < CS_CHANNEL_COUNT; ch++)
        c->channel = max_int(c->channel,
                             tui_width(cs_channel_label((enum cs_channel)ch)));
    if (c->channel > 10)
        c->channel = 10;
    c->date = max_int(tui_width(_("Date")), 10);
    c->show_theme = c->show_channel = c->show_date = true;
    for (;;) {
        used = 2 + c->id + 1 + c->status + 1 + c->support + 1;
        if (c->show_theme)
            used += c->theme + 1;
        if (c->show_channel)
            used += c->channel + 1;
        if (c->show_date)
            used += c->date + 1;
        c->title = m->width - used;
        if (c->title >= 20 || (!c->show_channel && !c->show_date
                               && !c->show_theme))
            break;
        if (c->show_channel)
            c->show_channel = false;
        else if (c->show_date)
            c->show_date = false;
        else
            c->show_theme = false;
    }
    if (c->title < 1)
        c->title = 1;
}

/* Append `s` fitted to `w` columns (right-aligned if `right`) and a blank
 * to the line. */
static void
cell(char *line, size_t size, const char *s, int w, bool right, bool last)
{
    char part[512];
    size_t len = strlen(line);

    if (right)
        tui_fit_right(part, sizeof part, s, w);
    else
        tui_fit(part, sizeof part, s, w, true);
    /* A blank after every column but the last. */
    snprintf(line + len, size - len, "%s%s", part, last ? "" : " ");
}

void
model_ideas_columns(const struct model_ideas *m, char *buf, size_t size)
{
    struct cols c;
    char line[TUI_ROW_BYTES] = "  ";

    layout(m, &c);
    cell(line, sizeof line, _("No."), c.id, true, false);
    cell(line, sizeof line, _("Status"), c.status, false, false);
    if (c.show_theme)
        cell(line, sizeof line, _("Theme"), c.theme, false, false);
    cell(line, sizeof line, _("Support"), c.support, true, false);
    if (c.show_channel)
        cell(line, sizeof line, _("Channel"), c.channel, false, false);
    if (c.show_date)
        cell(line, sizeof line, _("Date"), c.date, false, false);
    cell(line, sizeof line, _("Title"), c.title, false, true);
    tui_fit(buf, size, line, m->width, true);
}

size_t
model_ideas_rows(const struct model_ideas *m, struct tui_row *rows,
                 size_t max)
{
    struct cols c;
    size_t n = 0;

    layout(m, &c);
    for (size_t i = 0; i < m->count && n < max; i++, n++) {
        const struct cs_idea *it = &m->rows[i];
        bool sel = i == m->sel, marked = model_ideas_is_marked(m, it->id);
        char line[TUI_ROW_BYTES], num[32], date[16];

        /* Beside the number: marked, else disputed (its two paper
         * entries differ), which no colour alone may say. */
        snprintf(line, sizeof line, "%s%s", sel ? ">" : " ",
                 marked ? "*"
                 : it->entry_check && strcmp(it->entry_check, "disputed") == 0
                 ? "!" : " ");
        snprintf(num, sizeof num, "%lld", (long long)it->id);
        cell(line, sizeof line, num, c.id, true, false);
        cell(line, sizeof line, cs_status_label(it->status), c.status,
             false, false);
        if (c.show_theme)
            cell(line, sizeof line, it->theme_code ? it->theme_code : "",
                 c.theme, false, false);
        snprintf(num, sizeof num, "%lld", (long long)it->support);
        cell(line, sizeof line, num, c.support, true, false);
        if (c.show_channel)
            cell(line, sizeof line, cs_channel_label(it->channel), c.channel,
                 false, false);
        if (c.show_date) {
            snprintf(date, sizeof date, "%.10s",
                     it->submitted_at ? it->submitted_at : "");
            cell(line, sizeof line, date, c.date, false, false);
        }
        cell(line, sizeof line, it->title ? it->title : "", c.title, false,
             true);
        tui_fit(rows[n].text, sizeof rows[n].text, line, m->width, true);
        rows[n].id = it->id;
        if (sel)
            rows[n].style = marked ? TUI_STYLE_SELECTED_MARKED
                                   : TUI_STYLE_SELECTED;
        else if (marked)
            rows[n].style = TUI_STYLE_MARKED;
        else if (it->status == CS_STATUS_MERGED
                 || it->status == CS_STATUS_HIDDEN
                 || it->status == CS_STATUS_WITHDRAWN)
            rows[n].style = TUI_STYLE_DIM;
        else
            rows[n].style = TUI_STYLE_NORMAL;
    }
    return n;
}

static const char *
theme_code(const struct model_ideas *m, int64_t id)
{
    for (size_t i = 0; i < m->theme_count; i++)
        if (m->themes[i].id == id)
            return m->themes[i].code;
    return "?";
}

static void
add_part(char *buf, size_t size, const char *part)
{
    size_t len = strlen(buf);

    snprintf(buf + len, size - len, "%s%s", len ? "  |  " : "", part);
}

void
model_ideas_header(const struct model_ideas *m, char *buf, size_t size)
{
    char line[TUI_ROW_BYTES] = "", part[300];
    bool s = searching(m);
    enum cs_idea_order order;

    snprintf(part, sizeof part, "%s",
             m->cons_code[0] ? m->cons_code : _("All consultations"));
    add_part(line, sizeof line, part);
    if (m->counting)
        snprintf(part, sizeof part, "%s", _("counting ideas..."));
    else
        snprintf(part, sizeof part, dngettext(TUI_TEXTDOMAIN, "%lld idea",
                                              "%lld ideas",
                                              (unsigned long)m->total),
                 (long long)m->total);
    add_part(line, sizeof line, part);
    if (s) {
        snprintf(part, sizeof part, _("search \"%s\""), m->query);
        add_part(line, sizeof line, part);
    }
    if (m->filter.theme_id) {
        snprintf(part, sizeof part, _("theme %s"),
                 theme_code(m, m->filter.theme_id));
        add_part(line, sizeof line, part);
    }
    if (m->filter.status != -1) {
        snprintf(part, sizeof part, _("status %s"),
                 cs_status_label((enum cs_status)m->filter.status));
        add_part(line, sizeof line, part);
    }
    if (m->filter.channel != -1) {
        snprintf(part, sizeof part, _("channel %s"),
                 cs_channel_label((enum cs_channel)m->filter.channel));
        add_part(line, sizeof line, part);
    }
    if (m->tag[0]) {
        snprintf(part, sizeof part, _("tag %s"), m->tag);
        add_part(line, sizeof line, part);
    }
    if (m->filter.paper_batch_id) {
        snprintf(part, sizeof part, _("paper batch %lld"),
                 (long long)m->filter.paper_batch_id);
        add_part(line, sizeof line, part);
    }
    order = s ? m->search_order : m->filter.order;
    if (s && m->sort_capped) {
        snprintf(part, sizeof part,
                 _("by number: over %lld found, too many to sort"),
                 (long long)m->sort_max);
        add_part(line, sizeof line, part);
    } else if (order == CS_ORDER_RELEVANCE)
        add_part(line, sizeof line, m->filter.descending
                 ? _("by relevance, best first")
                 : _("by relevance, least first"));
    else if (order == CS_ORDER_DATE)
        add_part(line, sizeof line, m->filter.descending
                 ? _("by date, newest first") : _("by date, oldest first"));
    else if (order == CS_ORDER_SUPPORT)
        add_part(line, sizeof line, m->filter.descending
                 ? _("by support, most first") : _("by support, least first"));
    else
        add_part(line, sizeof line, m->filter.descending
                 ? _("by number, highest first")
                 : _("by number, lowest first"));
    if (m->mark_count) {
        snprintf(part, sizeof part, _("%zu marked"), m->mark_count);
        add_part(line, sizeof line, part);
    }
    tui_fit(buf, size, line, m->width, true);
}

/* ---------------------------------------------------------------- keys */

enum cs_rc
model_ideas_to_agenda(struct model_ideas *m, int64_t session_id,
                      size_t *added, struct cs_error *err)
{
    int64_t one = model_ideas_selected(m);
    size_t n = m->mark_count ? m->mark_count : (one ? 1 : 0);
    enum cs_rc rc;

    *added = 0;
    if (n == 0)
        return CS_OK;
    rc = cs_session_agenda_add(m->db, session_id,
                               m->mark_count ? m->marks : &one, n, added,
                               err);
    if (rc == CS_OK)
        m->mark_count = 0;
    return rc;
}

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */

static const struct tui_binding ideas_bindings[] = {
    TUI_HELP_BINDING,
    { TUI_ACT_MARK, 0, { ' ' }, NULL, N_("mark"),
      N_("Mark or unmark the selected idea, then move down"),
      CS_OP_SET_STATUS },
    { TUI_ACT_STATUS, 2, { 's' }, NC_("bar", "Status"), N_("status"),
      N_("Set the status of the marked ideas (or the selected one)"),
      CS_OP_SET_STATUS },
    { TUI_ACT_SEARCH, 3, { '/' }, NC_("bar", "Search"), N_("search"),
      N_("Search titles and texts as you type (accents and case do not "
         "matter)"), CS_OP_ANY },
    { TUI_ACT_FILTER, 4, { 'f' }, NC_("bar", "Filter"), N_("filter"),
      N_("Filter by theme, status, channel, tag or paper batch"),
      CS_OP_ANY },
    { TUI_ACT_REFRESH, 5, { 'r', TUI_CTRL('r') }, NC_("bar", "Reload"),
      NULL, N_("Read the database again (other terminals' changes)"),
      CS_OP_ANY },
    { TUI_ACT_SORT, 6, { 'o' }, NC_("bar", "Sort"), N_("sort"),
      N_("Sort by date, then support, then number"), CS_OP_ANY },
    { TUI_ACT_CONSULTATIONS, 9, { 'c' }, NC_("bar", "Consul"), NULL,
      N_("Go to the list of consultations"), CS_OP_ANY },
    TUI_QUIT_BINDING,
    { TUI_ACT_REVERSE, 0, { 'O' }, NULL, NULL,
      N_("Reverse the order"), CS_OP_ANY },
    { TUI_ACT_CLEAR_FILTERS, 0, { 'x' }, NULL, NULL,
      N_("Clear the search and every filter"), CS_OP_ANY },
    { TUI_ACT_MARK_NONE, 0, { 'u' }, NULL, NULL,
      N_("Unmark every idea"), CS_OP_SET_STATUS },
    { IDEAS_ACT_AGENDA, 0, { 'G' }, NULL, NULL,
      N_("Put the marked ideas (or the selected one) on the agenda of an "
         "open committee session"), CS_OP_SESSIONS },
    { TUI_ACT_BACK, 0, { TUI_KEY_ESC }, NULL, NULL,
      N_("Clear the search"), CS_OP_ANY },
    TUI_MOVE_BINDINGS,
    TUI_REDRAW_BINDING,
};

static const struct tui_route ideas_routes[] = {
    { &model_cons_keys, TUI_ACT_HELP, TUI_OPEN_SELECTED,
      { TUI_ACT_OPEN, 3, { TUI_KEY_ENTER, TUI_KEY_RIGHT },
        NC_("bar", "Open"), N_("ideas"),
        N_("Open the ideas of the selected consultation"), CS_OP_ANY } },
};

const struct tui_keymap model_ideas_keys =
    TUI_SCREEN_KEYMAP(N_("Ideas"), ideas_bindings, ideas_routes, NULL);
