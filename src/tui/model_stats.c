/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_stats.c: the statistics screen's lines and bars (see
 * model_stats.h).
 */
#include "model_stats.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_keys.h"
#include "text.h"

#define LABEL_COLS 28       /* the widest a bar's label may be */

void
model_stats_bar(char *out, size_t size, int64_t value, int64_t max,
                int width, bool utf8)
{
    /* U+258F LEFT ONE EIGHTH BLOCK .. U+2589 SEVEN EIGHTHS, U+2588 FULL */
    static const char *const eighths[8] = {
        "", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d", "\xe2\x96\x8c",
        "\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89",
    };
    size_t o = 0;
    int cols = 0;

    if (size == 0)
        return;
    out[0] = '\0';
    if (width < 0)
        width = 0;
    if (max > 0 && value > 0) {
        int64_t units = utf8 ? 8 : 1;
        int64_t n = value * width * units / max;

        if (n == 0)
            n = 1;              /* a non-zero value is never invisible */
        for (int64_t i = 0; i < n / units && o + 4 < size; i++, cols++) {
            const char *full = utf8 ? "\xe2\x96\x88" : "#";

            memcpy(out + o, full, strlen(full));
            o += strlen(full);
        }
        if (utf8 && n % 8 && o + 4 < size) {
            memcpy(out + o, eighths[n % 8], 3);
            o += 3;
            cols++;
        }
    }
    while (cols < width && o + 1 < size) {
        out[o++] = ' ';
        cols++;
    }
    out[o] = '\0';
}

static bool
add(struct model_stats *m, const char *text, enum tui_style style)
{
    if (m->count == m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 64;
        void *p = realloc(m->lines, ncap * sizeof *m->lines);

        if (p == NULL)
            return false;
        m->lines = p;
        m->cap = ncap;
    }
    tui_fit(m->lines[m->count].text, sizeof m->lines[0].text, text,
            m->width, true);
    m->lines[m->count].style = style;
    m->lines[m->count].id = 0;
    m->count++;
    return true;
}

struct bar_item {
    char label[200];
    int64_t value;
};

/* A chart: a heading, then one line per item: label, bar, number and
 * percentage of the total. */
static bool
chart(struct model_stats *m, const char *title, const struct bar_item *it,
      size_t n)
{
    int64_t max = 0, total = 0;
    int lw = 0, nw = 1, bw;
    bool ok;

    for (size_t i = 0; i < n; i++) {
        if (it[i].value > max)
            max = it[i].value;
        total += it[i].value;
        if (tui_width(it[i].label) > lw)
            lw = tui_width(it[i].label);
    }
    if (lw > LABEL_COLS)
        lw = LABEL_COLS;
    for (int64_t v = max; v >= 10; v /= 10)
        nw++;
    /* " label  bar  number  100.0 %" */
    bw = m->width - (1 + lw + 2 + 2 + nw + 2 + 7);
    if (bw < 5)
        bw = 5;
    ok = add(m, "", TUI_STYLE_NORMAL) && add(m, title, TUI_STYLE_HEADING);
    for (size_t i = 0; i < n && ok; i++) {
        char label[TUI_ROW_BYTES], bar[TUI_ROW_BYTES], line[TUI_ROW_BYTES * 3];
        double pct = total ? 100.0 * (double)it[i].value / (double)total : 0;

        tui_fit(label, sizeof label, it[i].label, lw, true);
        model_stats_bar(bar, sizeof bar, it[i].value, max, bw,
                        tui_text_is_utf8());
        snprintf(line, sizeof line, " %s  %s  %*lld  %5.1f %%", label, bar,
                 nw, (long long)it[i].value, pct);
        ok = add(m, line, TUI_STYLE_NORMAL);
    }
    return ok;
}

static bool
layout(struct model_stats *m)
{
    const struct cs_stats *s = m->stats;
    struct bar_item items[(int)CS_STATUS_COUNT + (int)CS_CHANNEL_COUNT];
    struct bar_item *themes;
    char line[TUI_ROW_BYTES];
    bool ok;

    m->count = 0;
    if (s == NULL)
        return true;
    snprintf(line, sizeof line, _(" Ideas: %lld   findings: %lld   "
                                  "votes: %lld   tally votes: %lld"),
             (long long)s->ideas, (long long)s->findings,
             (long long)s->votes, (long long)s->tally_votes);
    ok = add(m, line, TUI_STYLE_NORMAL);
    snprintf(line, sizeof line, _(" Comments: %lld   participants: %lld "
                                  "(without email: %lld)"),
             (long long)s->comments, (long long)s->participants,
             (long long)s->participants_without_email);
    ok = ok && add(m, line, TUI_STYLE_NORMAL);

    if ((themes = calloc(s->theme_count ? s->theme_count : 1,
                         sizeof *themes)) == NULL)
        return false;
    for (size_t i = 0; i < s->theme_count; i++) {
        snprintf(themes[i].label, sizeof themes[i].label, "%s %s",
                 s->themes[i].code, s->themes[i].title);
        themes[i].value = s->themes[i].votes + s->themes[i].tally_votes;
    }
    ok = ok && chart(m, _("Support per theme (votes and tallies)"), themes,
                     s->theme_count);
    free(themes);

    for (int i = 0; i < CS_STATUS_COUNT; i++) {
        snprintf(items[i].label, sizeof items[i].label, "%s",
                 cs_status_label((enum cs_status)i));
        items[i].value = s->by_status[i];
    }
    ok = ok && chart(m, _("Ideas and findings per status"), items,
                     CS_STATUS_COUNT);

    for (int i = 0; i < CS_CHANNEL_COUNT; i++) {
        snprintf(items[i].label, sizeof items[i].label, "%s",
                 cs_channel_label((enum cs_channel)i));
        items[i].value = s->by_channel[i];
    }
    ok = ok && chart(m, _("Contributions per channel"), items,
                     CS_CHANNEL_COUNT);
    if (m->weeks == NULL) {
        ok = ok && add(m, "", TUI_STYLE_NORMAL)
             && add(m, _("Contributions per week: press w to count them "
                         "(this reads every vote)."), TUI_STYLE_NORMAL);
    } else {
        struct bar_item *w = calloc(m->week_count ? m->week_count : 1,
                                    sizeof *w);

        if (w == NULL)
            return false;
        for (size_t i = 0; i < m->week_count; i++) {
            snprintf(w[i].label, sizeof w[i].label, _("week of %s"),
                     m->weeks[i].start);
            w[i].value = m->weeks[i].contributions;
        }
        ok = ok && chart(m, _("Contributions per week (ideas, votes, "
                              "comments)"), w, m->week_count);
        free(w);
    }
    return ok;
}

enum cs_rc
model_stats_load(struct model_stats *m, struct cs_db *db, int64_t cons_id,
                 const char *code, int width, int height,
                 struct cs_error *err)
{
    struct cs_stats *s = NULL;
    enum cs_rc rc;

    if ((rc = cs_stats_get(db, cons_id, &s, err)) != CS_OK)
        return rc;
    cs_stats_free(m->stats);
    m->stats = s;
    free(m->weeks);             /* counted again only when asked */
    m->weeks = NULL;
    m->week_count = 0;
    snprintf(m->code, sizeof m->code, "%s", code ? code : "");
    m->width = width;
    m->height = height;
    if (!layout(m))
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    return CS_OK;
}

enum cs_rc
model_stats_weeks(struct model_stats *m, struct cs_db *db,
                  struct cs_error *err)
{
    struct cs_week_list *l = NULL;
    enum cs_rc rc;

    assert(m->stats != NULL);           /* model_stats_load came first */
    if ((rc = cs_stats_weeks(db, m->stats->consultation_id, &l, err))
        != CS_OK)
        return rc;
    free(m->weeks);
    m->week_count = 0;
    /* One element at least: counted, even when there is none. */
    if ((m->weeks = calloc(l->count ? l->count : 1, sizeof *m->weeks))
        == NULL) {
        cs_week_list_free(l);
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    for (size_t i = 0; i < l->count; i++) {
        snprintf(m->weeks[i].start, sizeof m->weeks[i].start, "%s",
                 l->items[i].start);
        m->weeks[i].contributions = l->items[i].ideas + l->items[i].votes
                                    + l->items[i].comments;
    }
    m->week_count = l->count;
    cs_week_list_free(l);
    if (!layout(m))
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    return CS_OK;
}

void
model_stats_free(struct model_stats *m)
{
    free(m->weeks);
    cs_stats_free(m->stats);
    free(m->lines);
    memset(m, 0, sizeof *m);
}

void
model_stats_resize(struct model_stats *m, int width, int height)
{
    m->width = width;
    m->height = height;
    layout(m);
    model_stats_apply(m, TUI_ACT_NONE);
}

void
model_stats_apply(struct model_stats *m, enum tui_action a)
{
    size_t page = m->height > 1 ? (size_t)m->height - 1 : 1;
    size_t last = m->count > (size_t)m->height ? m->count - (size_t)m->height
                                               : 0;

    switch (a) {
    case TUI_ACT_UP: if (m->top > 0) m->top--; break;
    case TUI_ACT_DOWN: if (m->top < last) m->top++; break;
    case TUI_ACT_PGUP: m->top = m->top > page ? m->top - page : 0; break;
    case TUI_ACT_PGDN:
        m->top = m->top + page < last ? m->top + page : last;
        break;
    case TUI_ACT_HOME: m->top = 0; break;
    case TUI_ACT_END: m->top = last; break;
    default: break;
    }
    if (m->top > last)
        m->top = last;
}

size_t
model_stats_rows(const struct model_stats *m, struct tui_row *rows,
                 size_t max)
{
    size_t n = 0;

    for (size_t i = m->top; i < m->count && n < max
                            && n < (size_t)m->height; i++)
        rows[n++] = m->lines[i];
    return n;
}

void
model_stats_header(const struct model_stats *m, char *buf, size_t size)
{
    char line[TUI_ROW_BYTES];

    snprintf(line, sizeof line, _("Statistics  |  %s"), m->code);
    tui_fit(buf, size, line, m->width, true);
}

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */

static const struct tui_binding stats_bindings[] = {
    TUI_HELP_BINDING,
    { TUI_ACT_REFRESH, 5, { 'r', TUI_CTRL('r') }, NC_("bar", "Reload"),
      N_("reload"), N_("Count again"), CS_OP_ANY },
    { STATS_ACT_WEEKS, 6, { 'w' }, NC_("bar", "Weeks"), N_("weeks"),
      N_("Count the contributions week by week (reads every vote)"),
      CS_OP_ANY },
    TUI_BACK_BINDING,
    TUI_QUIT_BINDING,
    TUI_MOVE_BINDINGS,
    TUI_REDRAW_BINDING,
};

static const struct tui_route stats_routes[] = {
    { &model_cons_keys, TUI_ACT_TRIAGE, TUI_OPEN_SELECTED | TUI_OPEN_CONS,
      { TUI_ACT_STATS, 8, { 'g' }, NC_("bar", "Stats"), N_("statistics"),
        N_("Show the statistics of the selected consultation"),
        CS_OP_ANY } },
    { &model_ideas_keys, TUI_ACT_TRIAGE, TUI_OPEN_CONS,
      { TUI_ACT_STATS, 8, { 'g' }, NC_("bar", "Stats"), NULL,
        N_("Show the statistics of this consultation"), CS_OP_ANY } },
};

const struct tui_keymap model_stats_keys =
    TUI_SCREEN_KEYMAP(N_("Statistics"), stats_bindings, stats_routes, NULL);
