/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_stats.c: the statistics screen: the consultation's figures and
 * bar charts, read again with "r" and on every visit.
 */
#include "screen.h"

#include "model_stats.h"
#include "term.h"

static void
stats_open(struct app *a, void *st, int64_t arg)
{
    struct cs_error err;

    (void)arg;
    if (model_stats_load(st, a->db, a->cons_id, a->cons_code, a->cols,
                         app_body_rows(a, 1), &err) != CS_OK)
        app_error(a, &err);
}

static void
stats_enter(struct app *a, void *st)
{
    stats_open(a, st, 0);
}

static void
stats_close(struct app *a, void *st)
{
    (void)a;
    model_stats_free(st);
}

static void
stats_resize(struct app *a, void *st)
{
    struct model_stats *m = st;

    if (m->stats)
        model_stats_resize(m, a->cols, app_body_rows(a, 1));
}

static void
stats_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct model_stats *m = st;
    struct cs_error err;

    (void)key;
    switch (act) {
    case TUI_ACT_BACK:
        app_pop(a);
        break;
    case TUI_ACT_REFRESH:
        stats_open(a, st, 0);
        if (a->msg[0] == '\0')
            app_message(a, "%s", _("Counted again."));
        break;
    case STATS_ACT_WEEKS:
        if (model_stats_weeks(m, a->db, &err) != CS_OK) {
            app_error(a, &err);
        } else {
            app_message(a, "%s", _("Counted week by week."));
            model_stats_apply(m, TUI_ACT_END);
        }
        break;
    default:
        model_stats_apply(m, act);
        break;
    }
}

static void
stats_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct model_stats *m = st;
    struct tui_row rows[256];
    char line[TUI_ROW_BYTES];
    size_t n = model_stats_rows(m, rows, 256);

    model_stats_header(m, line, sizeof line);
    term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
    for (size_t i = 0; i < n; i++)
        term_text(1 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
    /* Figures to read: the cursor on the first line shown. */
    *cy = 1;
    *cx = 0;
}

const struct screen screen_stats = {
    .size = sizeof(struct model_stats),
    .open = stats_open,
    .enter = stats_enter,
    .key = stats_key,
    .draw = stats_draw,
    .resize = stats_resize,
    .close = stats_close,
};
