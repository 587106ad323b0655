/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_stats.c: the statistics screen: the consultation's figures and
 * bar charts, read again with "r" and on every visit.
 */
#include "screen.h"

#include "model_keys.h"
#include "term.h"

static void
stats_enter(struct app *a)
{
    struct cs_error err;

    if (model_stats_load(&a->stats, a->db, a->cons_id, a->cons_code,
                         a->cols, app_body_rows(a, 1), &err) != CS_OK)
        app_error(a, &err);
}

static void
stats_resize(struct app *a)
{
    if (a->stats.stats)
        model_stats_resize(&a->stats, a->cols, app_body_rows(a, 1));
}

static void
stats_act(struct app *a, enum tui_action act, int key)
{
    struct cs_error err;

    (void)key;
    switch (act) {
    case TUI_ACT_BACK:
        app_pop(a);
        break;
    case TUI_ACT_REFRESH:
        stats_enter(a);
        if (a->msg[0] == '\0')
            app_message(a, "%s", _("Counted again."));
        break;
    case TUI_ACT_WEEKS:
        if (model_stats_weeks(&a->stats, a->db, &err) != CS_OK) {
            app_error(a, &err);
        } else {
            app_message(a, "%s", _("Counted week by week."));
            model_stats_apply(&a->stats, TUI_ACT_END);
        }
        break;
    default:
        model_stats_apply(&a->stats, act);
        break;
    }
}

static void
stats_draw(struct app *a, int *cy, int *cx)
{
    struct tui_row rows[256];
    char line[TUI_ROW_BYTES];
    size_t n = model_stats_rows(&a->stats, rows, 256);

    model_stats_header(&a->stats, line, sizeof line);
    term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
    for (size_t i = 0; i < n; i++)
        term_text(1 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
    /* Figures to read: the cursor on the first line shown. */
    *cy = 1;
    *cx = 0;
}

const struct screen screen_stats = {
    &tui_keys_stats, stats_enter, stats_act, stats_resize, stats_draw,
    NULL,
};
