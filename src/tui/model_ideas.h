/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_ideas.h: the ideas list, the triage desk, without curses.
 *
 * The model holds one window of ideas, as many as the screen shows, read
 * from the database with keyset pages (cs_idea_list, or cs_search_ideas
 * while a search is typed): moving down past the last row reads the next
 * row after it, PgDn the next page, End the last page read backwards. So
 * no action reads more than a page, however large the table.
 *
 * It also holds the filter (theme, status, channel, tag), the search text,
 * the order, the marked ideas, and the count shown in the header. Counting
 * a million rows takes longer than a keystroke may, so the count is made
 * in steps over ranges of ids: the first with the first page, the others
 * (model_ideas_count_step) while the user reads; the header says
 * "counting" until it is done. Rows come out already laid out for the
 * width: a selection mark ">", a "*" for marked ideas, then number,
 * status word, theme, support, channel, date and title, the title taking
 * what is left.
 */
#ifndef CONSULT_TUI_MODEL_IDEAS_H
#define CONSULT_TUI_MODEL_IDEAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "tui.h"

/* Ideas counted per step: a step takes a few milliseconds even on a
 * large table, so counting goes on between keystrokes. */
#define MODEL_IDEAS_COUNT_STEP 10000

/* A search sorted otherwise than by number reads and sorts every match:
 * past this many, it comes by number, and the header says why. */
#define MODEL_IDEAS_SORT_MAX 300

struct model_ideas_theme {
    int64_t id;
    char code[40];
};

/* The ideas list's own action (see tui.h): put the marked ideas on the
 * agenda of an open committee session. */
#define IDEAS_ACT_AGENDA TUI_ACT_OWN1

struct model_ideas {
    struct cs_db *db;               /* borrowed */
    int64_t cons_id;                /* the consultation shown */
    char cons_code[40];
    struct model_ideas_theme *themes;   /* owned: the consultation's, read
                                           by model_ideas_themes */
    size_t theme_count;

    struct cs_idea_filter filter;   /* order and filters; tag -> tag[] */
    char tag[80];                   /* tag filter, "" for none */
    char query[256];                /* search text, "" for none */
    enum cs_idea_order search_order;    /* while searching (the filter's
                                           own order is the list's) */
    int64_t sort_max;               /* MODEL_IDEAS_SORT_MAX (a test may
                                       set less) */
    bool sort_capped;               /* more matches than that: they come
                                       by number */

    struct cs_idea *rows;           /* owned: the window, `count` rows */
    size_t count;
    size_t sel;                     /* selected row in the window */
    int height;                     /* rows shown */
    bool at_top;                    /* no row comes before the window */
    int width;                      /* columns */

    int64_t *marks;                 /* owned: marked idea ids, in the
                                       order marked */
    int64_t *mark_versions;         /* owned: the version each was
                                       marked on (what it is decided on) */
    size_t mark_count, mark_cap;

    int64_t total;                  /* ideas matching (so far) */
    bool counting;                  /* the count is not finished */
    int64_t count_next;             /* ids counted up to here */
    int64_t count_last;             /* the highest id to count */
};

/* Open the list of consultation `cons_id` whose code is `cons_code` (0
 * and NULL: every consultation), newest first, for a `width` x `height`
 * window. Returns the codes of cs_idea_list (CS_EPERM...). */
enum cs_rc model_ideas_init(struct model_ideas *m, struct cs_db *db,
                            int64_t cons_id, const char *cons_code,
                            int width, int height, struct cs_error *err);
void model_ideas_free(struct model_ideas *m);

/*
 * What the list shows, kept while the list is closed (Esc to the
 * consultations, then back): the filters, the search and its order, and
 * where the window stood, so that coming back finds the list as it was
 * left, with what others changed meanwhile.
 */
struct model_ideas_view {
    bool kept;                      /* false: nothing kept yet */
    int64_t cons_id;                /* the consultation it was of */
    struct cs_idea_filter filter;   /* .tag is not kept: see tag */
    char tag[80];
    char query[256];
    enum cs_idea_order search_order;
    bool at_top;                    /* the window started at the top */
    int64_t first_id;               /* else its first row's place */
    int64_t first_support;
    char first_date[32];
    int64_t selected;               /* the selected idea, 0: none */
};

/* Note what `m` shows in `v`. */
void model_ideas_keep(const struct model_ideas *m,
                      struct model_ideas_view *v);

/* Show again what `v` noted (nothing when it was not kept or is of
 * another consultation): the same filters, search and order, the window
 * where it stood and the same idea selected if it still matches, else
 * the nearest line. */
enum cs_rc model_ideas_restore(struct model_ideas *m,
                               const struct model_ideas_view *v,
                               struct cs_error *err);

/* Read the consultation's themes (for the theme filter) if not yet
 * read: they count their ideas, which a first screen need not wait for. */
enum cs_rc model_ideas_themes(struct model_ideas *m, struct cs_error *err);

/* A new window size: the window is read again from its first row. */
enum cs_rc model_ideas_resize(struct model_ideas *m, int width, int height,
                              struct cs_error *err);

/*
 * Apply a list action: UP, DOWN, PGUP, PGDN, HOME, END, MARK (toggle the
 * selected idea and move down), MARK_NONE, REFRESH (read the window again
 * from its first row, keeping the selected idea; and the count), SORT
 * (date, then support, then number, each in its natural direction),
 * REVERSE, CLEAR_FILTERS (search and filters). Others are ignored.
 */
enum cs_rc model_ideas_apply(struct model_ideas *m, enum tui_action a,
                             struct cs_error *err);

/* Count the next MODEL_IDEAS_COUNT_STEP ids, if a count is going on. */
enum cs_rc model_ideas_count_step(struct model_ideas *m,
                                  struct cs_error *err);

/* Select the row on line `line` of the window (a click). */
void model_ideas_click(struct model_ideas *m, int line);

/* Change the search text ("" or NULL: no search) and go to the top. */
enum cs_rc model_ideas_search(struct model_ideas *m, const char *text,
                              struct cs_error *err);

/* Filters: a theme id (0: any), a status or channel (-1: any), a tag
 * (NULL or "": any). Each goes back to the top. */
enum cs_rc model_ideas_filter_theme(struct model_ideas *m, int64_t theme_id,
                                    struct cs_error *err);
enum cs_rc model_ideas_filter_status(struct model_ideas *m, int status,
                                     struct cs_error *err);
enum cs_rc model_ideas_filter_channel(struct model_ideas *m, int channel,
                                      struct cs_error *err);
enum cs_rc model_ideas_filter_tag(struct model_ideas *m, const char *tag,
                                  struct cs_error *err);
/* The ideas keyed into paper batch `batch_id` (batch.h); 0: any. */
enum cs_rc model_ideas_filter_batch(struct model_ideas *m, int64_t batch_id,
                                    struct cs_error *err);

/* The selected idea's id, 0 if the list is empty. */
int64_t model_ideas_selected(const struct model_ideas *m);
bool model_ideas_is_marked(const struct model_ideas *m, int64_t id);

/*
 * Move the marked ideas (or, with none marked, the selected one) to
 * `status` with `text` (the answer, or the reason for HIDDEN) in one
 * decision (cs_idea_set_status_many): all of them change, or none does.
 * Template placeholders ({title}...) in `text` are filled for each idea.
 * Writes how many changed and how many were refused (n and 0, or 0 and
 * n); on success the marks go and the window is read again.
 * Each idea is decided on the version it had when marked (the selected
 * one: as shown): when another desk changed one since, nothing is saved
 * (CS_ESTALE), the ideas changed since their marking lose their mark
 * (look at them, mark them again) and the window is read again.
 * Returns CS_OK, else the core's refusal, its message naming the idea at
 * fault when several were asked for.
 */
enum cs_rc model_ideas_set_status(struct model_ideas *m, enum cs_status to,
                                  const char *text, size_t *changed,
                                  size_t *refused, struct cs_error *err);

/*
 * Put the marked ideas (or, with none marked, the selected one) on the
 * agenda of committee session `session_id`, in the order marked
 * (cs_session_agenda_add: all of them or none; those on it already stay
 * where they are). Writes how many were put on; on success the marks go.
 * Returns CS_OK (nothing to put: 0 put on), else the core's refusal.
 */
enum cs_rc model_ideas_to_agenda(struct model_ideas *m, int64_t session_id,
                                 size_t *added, struct cs_error *err);

/* The header: consultation, count, filters, search, order, marks. */
void model_ideas_header(const struct model_ideas *m, char *buf, size_t size);
/* The column headings, aligned with the rows. */
void model_ideas_columns(const struct model_ideas *m, char *buf,
                         size_t size);
/* The rows of the window (at most `max`); returns how many. */
size_t model_ideas_rows(const struct model_ideas *m, struct tui_row *rows,
                        size_t max);

#endif /* CONSULT_TUI_MODEL_IDEAS_H */
