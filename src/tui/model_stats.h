/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_stats.h: the statistics screen's model, without curses: a
 * consultation's figures (cs_stats_get, from counts the core maintains)
 * as lines of text and horizontal bar charts: support per theme, ideas
 * per status, contributions per channel, and, on demand (it reads every
 * vote: seconds on a national consultation), contributions per week from
 * cs_stats_weeks (the figures of the participation export's week rows). Every bar has its number and its
 * percentage printed beside it; bars are Unicode eighth blocks in a UTF-8
 * locale and "#" otherwise, decoration next to figures a screen reader
 * can say.
 */
#ifndef CONSULT_TUI_MODEL_STATS_H
#define CONSULT_TUI_MODEL_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "tui.h"

/* The statistics screen's own action (see tui.h): count week by week. */
#define STATS_ACT_WEEKS TUI_ACT_OWN1

struct model_stats_week {
    char start[16];                 /* the Monday, YYYY-MM-DD */
    int64_t contributions;          /* ideas, votes and comments */
};

struct model_stats {
    struct cs_stats *stats;         /* owned */
    struct model_stats_week *weeks; /* owned, NULL until counted */
    size_t week_count;
    char code[40];                  /* the consultation's code */
    struct tui_row *lines;          /* owned: laid out for the width */
    size_t count, cap;
    size_t top;                     /* first line shown */
    int width, height;
};

/* Read the figures of consultation `cons_id` (code `code`) and lay them
 * out. Returns the codes of cs_stats_get. */
enum cs_rc model_stats_load(struct model_stats *m, struct cs_db *db,
                            int64_t cons_id, const char *code, int width,
                            int height, struct cs_error *err);
void model_stats_free(struct model_stats *m);
/* Count the contributions per week (cs_stats_weeks) and add their chart.
 * Call after model_stats_load. Returns the codes of cs_stats_weeks. */
enum cs_rc model_stats_weeks(struct model_stats *m, struct cs_db *db,
                             struct cs_error *err);
void model_stats_resize(struct model_stats *m, int width, int height);
/* UP, DOWN, PGUP, PGDN, HOME, END scroll. */
void model_stats_apply(struct model_stats *m, enum tui_action a);
size_t model_stats_rows(const struct model_stats *m, struct tui_row *rows,
                        size_t max);
void model_stats_header(const struct model_stats *m, char *buf,
                        size_t size);

/* A bar for `value` out of `max` in `width` columns: eighth blocks when
 * `utf8`, else "#" (whole columns, a non-zero value gets at least a
 * sliver). Padded with blanks to `width` columns. */
void model_stats_bar(char *out, size_t size, int64_t value, int64_t max,
                     int width, bool utf8);

#endif /* CONSULT_TUI_MODEL_STATS_H */
