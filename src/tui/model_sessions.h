/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_sessions.h: the committee sessions screen's model, without curses.
 *
 * Two levels: the sessions of the consultation (date, body, title, items
 * decided, closed, published), and, opened with Enter, one session: its
 * figures (who its published answers reach, and for whom letters were
 * prepared), then its agenda, an item per line with the idea's support,
 * status and the decision recorded. Each change is one call to the core
 * (cs_session_add, cs_session_decide, cs_session_close,
 * cs_session_publish), which checks the role, followed by a fresh read;
 * the selection stays on its session or item, and after a decision moves
 * to the next item without one.
 */
#ifndef CONSULT_TUI_MODEL_SESSIONS_H
#define CONSULT_TUI_MODEL_SESSIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "consult/letters.h"
#include "tui.h"

/* The sessions screen's own actions (see tui.h). */
#define SESSIONS_ACT_NEW TUI_ACT_OWN1       /* add a session */
#define SESSIONS_ACT_ACCEPT TUI_ACT_OWN2    /* decide the item on the cursor */
#define SESSIONS_ACT_REJECT TUI_ACT_OWN3
#define SESSIONS_ACT_IMPLEMENT TUI_ACT_OWN4
#define SESSIONS_ACT_POSTPONE TUI_ACT_OWN5
#define SESSIONS_ACT_CLOSE TUI_ACT_OWN6     /* close the session */
#define SESSIONS_ACT_PUBLISH TUI_ACT_OWN7   /* publish its held answers */

struct model_sessions {
    struct cs_db *db;                   /* borrowed */
    int64_t cons_id;
    char code[40];                      /* the consultation's code */
    int width;
    struct cs_session_list *list;       /* owned */
    size_t sel, top;                    /* selected session, first shown */
    struct cs_session_detail *detail;   /* owned: the session opened, or
                                           NULL: the list is shown */
    struct cs_answer_figures figures;   /* ...who its answers reach */
    size_t item, item_top;              /* selected agenda item */
};

/* Read the sessions of consultation `cons_id` (and the one opened, if
 * any, again). Returns the codes of cs_session_list and cs_session_get. */
enum cs_rc model_sessions_load(struct model_sessions *m, struct cs_db *db,
                               int64_t cons_id, const char *code, int width,
                               struct cs_error *err);
void model_sessions_free(struct model_sessions *m);

/* Open the selected session: its agenda and figures. CS_ENOTFOUND when
 * the consultation has none. */
enum cs_rc model_sessions_open(struct model_sessions *m,
                               struct cs_error *err);
/* Back from a session to the list: false when the list was shown. */
bool model_sessions_back(struct model_sessions *m);

/* UP, DOWN, PGUP, PGDN (by `page` lines), HOME, END, in the list or the
 * agenda, whichever is shown. */
void model_sessions_apply(struct model_sessions *m, enum tui_action a,
                          int page);
/* The selected session (of the list, or the one opened), or NULL. */
const struct cs_session *model_sessions_selected(
    const struct model_sessions *m);
/* The agenda item on the cursor, or NULL (no session open, or none). */
const struct cs_agenda_item *model_sessions_item(
    const struct model_sessions *m);

/* Add a session of `body` on `date` with `title` (NULL: none), and select
 * it. The codes of cs_session_add. */
enum cs_rc model_sessions_add(struct model_sessions *m, enum cs_body body,
                              const char *date, const char *title,
                              size_t *carried, struct cs_error *err);
/* Record decision `d` on the item on the cursor, then go to the next item
 * without a decision (or stay). The codes of cs_session_decide, and
 * CS_ENOTFOUND when no item is selected. */
enum cs_rc model_sessions_decide(struct model_sessions *m,
                                 enum cs_decision d, const char *answer,
                                 const char *reason, struct cs_error *err);
/* Close, or publish, the session opened (or selected). */
enum cs_rc model_sessions_close(struct model_sessions *m, size_t *carried,
                                struct cs_error *err);
enum cs_rc model_sessions_publish(struct model_sessions *m, int64_t *count,
                                  struct cs_error *err);

/* The title line, fitted to the width. */
void model_sessions_header(const struct model_sessions *m, char *buf,
                           size_t size);
/* The body's lines, at most `max`; `*cursor` is the selected line's. */
size_t model_sessions_rows(struct model_sessions *m, struct tui_row *rows,
                           size_t max, int *cursor);

#endif /* CONSULT_TUI_MODEL_SESSIONS_H */
