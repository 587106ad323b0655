/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_idea.h: an idea's page, without curses: what it says (title, text
 * wrapped to the width), where it stands (status, official answer, theme,
 * kind, channel, form reference, dates), who wrote it (name and service
 * for administrators only), its support (individual votes, and tallies by
 * source), tags, comments, similar ideas (offered as merge targets) and
 * its history from the journal; and the actions on it, each one
 * call to the core followed by a fresh read.
 *
 * The page is a list of lines with a cursor line: Up and Down move it, the
 * view follows, Tab goes to the next section; the cursor's line may link
 * to another idea (a similar one, the idea it was merged into).
 */
#ifndef CONSULT_TUI_MODEL_IDEA_H
#define CONSULT_TUI_MODEL_IDEA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "model_stale.h"
#include "tui.h"

#define MODEL_IDEA_SIMILAR 5        /* similar ideas listed, keys 1..5 */
#define MODEL_IDEA_HISTORY 100      /* journal rows listed, newest kept */

struct model_idea_event {
    char text[512];                 /* "2021-03-02 10:14  alice  status ..." */
};

struct model_idea {
    struct cs_db *db;               /* borrowed */
    enum cs_role role;
    int64_t id;
    struct cs_idea idea;            /* owned fields */
    bool loaded;
    char theme_title[200];
    char author[300];               /* what the page says of the author */
    char *tags;                     /* owned, ", "-separated, "" if none */
    struct cs_tally_list *tallies;  /* owned */
    int64_t against;                /* votes against of its tallies and
                                       of its merged ideas' */
    struct cs_comment_list *comments;   /* owned */
    struct cs_idea_list *similar;   /* owned, at most MODEL_IDEA_SIMILAR */
    struct cs_idea_answer_list *answers;    /* owned: every answer given */
    struct model_idea_event *events;    /* owned: the history shown */
    size_t event_count;
    size_t votes_logged;            /* vote and tally rows summed up */

    struct tui_row *lines;          /* owned: the page laid out */
    size_t count, cap;
    size_t cur;                     /* the cursor's line */
    size_t top;                     /* first line shown */
    int width, height;
};

/* Read idea `id` for a `width` x `height` page. Returns CS_OK,
 * CS_ENOTFOUND, CS_EPERM, CS_ENOMEM. */
enum cs_rc model_idea_open(struct model_idea *m, struct cs_db *db,
                           int64_t id, int width, int height,
                           struct cs_error *err);
void model_idea_free(struct model_idea *m);
/* Read it again (another terminal's changes), keeping the cursor's line. */
enum cs_rc model_idea_reload(struct model_idea *m, struct cs_error *err);
void model_idea_resize(struct model_idea *m, int width, int height);
/* Read it again because the database changed; when the idea itself
 * changed (its version), write to `note` who changed it, when and to
 * what, else "". Returns the codes of model_idea_reload. */
enum cs_rc model_idea_refresh(struct model_idea *m, char *note, size_t size,
                              struct cs_error *err);

/* UP, DOWN, PGUP, PGDN, HOME, END, NEXT_SECTION, PREV_SECTION. */
void model_idea_apply(struct model_idea *m, enum tui_action a);
void model_idea_click(struct model_idea *m, int line);
/* The idea the cursor's line links to, or 0. */
int64_t model_idea_link(const struct model_idea *m);
/* Similar idea number `n` (1..), or 0. */
int64_t model_idea_similar(const struct model_idea *m, int n);

/* Actions: each calls the core once (which checks the role and the rules)
 * and reads the page again on success. They return the core's code with
 * its message in `err`. Each is decided on the version the page shows
 * (m->idea.version): when the idea changed since, the core refuses with
 * CS_ESTALE and nothing is saved (see model_stale.h). */
enum cs_rc model_idea_set_status(struct model_idea *m, enum cs_status to,
                                 const char *text, struct cs_error *err);
/* Merge this idea into idea `into` (any idea: the merge flow,
 * model_merge.h, chooses it); cs_idea_merge's codes. */
enum cs_rc model_idea_merge(struct model_idea *m, int64_t into,
                            struct cs_error *err);
enum cs_rc model_idea_unmerge(struct model_idea *m, struct cs_error *err);
enum cs_rc model_idea_tag(struct model_idea *m, const char *tag,
                          bool remove, struct cs_error *err);
/* Make again the decision `s` refused, on the version whose change it
 * shows (s->d.version): applied anyway, unless the idea changed once more
 * (CS_ESTALE again, with `s` then showing that change). */
enum cs_rc model_idea_redo(struct model_idea *m, struct model_stale *s,
                           struct cs_error *err);
/* A remark by the acting login (no participant). */
enum cs_rc model_idea_comment(struct model_idea *m, const char *text,
                              struct cs_error *err);

/* The title line. */
void model_idea_header(const struct model_idea *m, char *buf, size_t size);
/* The lines shown; `*cursor` is the cursor's line among them. */
size_t model_idea_rows(struct model_idea *m, struct tui_row *rows,
                       size_t max, int *cursor);

#endif /* CONSULT_TUI_MODEL_IDEA_H */
