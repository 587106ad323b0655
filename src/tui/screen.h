/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen.h: what the screens (screen_*.c) share: the application state
 * (database, role, screen stack, the open dialog, the message line, the
 * models), the screen interface, and the dialogs every screen opens (a
 * choice menu, a one-line prompt, a text editor).
 *
 * The screen layout, top to bottom: a title line (what is shown, filters,
 * count), the screen's body, a message line (results, the core's refusals,
 * or the open prompt), a one-line key hint, and the F-key bar. Screens
 * turn keys into model calls and draw the models' rows; every rule is in
 * the core and every decision in the models.
 */
#ifndef CONSULT_TUI_SCREEN_H
#define CONSULT_TUI_SCREEN_H

#include <stdbool.h>
#include <stdint.h>

#include "consult/consult.h"
#include "keymap.h"
#include "model_cons.h"
#include "model_help.h"
#include "model_idea.h"
#include "model_ideas.h"
#include "model_menu.h"
#include "model_stale.h"
#include "model_stats.h"
#include "model_templates.h"
#include "model_triage.h"
#include "textedit.h"
#include "tui.h"

#define APP_MIN_ROWS 20     /* below this, only a notice is shown */
#define APP_MIN_COLS 80
#define APP_HINT_ROWS 23    /* below this, the key hint line is hidden */
#define APP_STACK 8

enum screen_id {
    SCR_CONS = 0,
    SCR_IDEAS,
    SCR_IDEA,
    SCR_TRIAGE,
    SCR_STATS,
    SCR_HELP,
    SCR_TEMPLATES,
    SCR_COUNT
};

struct app;

struct screen {
    const struct tui_keymap *keys;
    /* The screen comes to the top, new or back from another: read what
     * it shows again (other terminals' changes appear). */
    void (*enter)(struct app *a);
    /* Act on `act` (TUI_ACT_NONE: `key` matched no binding). */
    void (*act)(struct app *a, enum tui_action act, int key);
    /* The terminal changed size. */
    void (*resize)(struct app *a);
    /* Draw the title line and the body; write the cursor's place. */
    void (*draw)(struct app *a, int *cy, int *cx);
    /* A click on line `line` of the body. */
    void (*click)(struct app *a, int line);
};

extern const struct screen screen_cons;
extern const struct screen screen_ideas;
extern const struct screen screen_idea;
extern const struct screen screen_triage;
extern const struct screen screen_stats;
extern const struct screen screen_help;
extern const struct screen screen_templates;

enum dlg_kind {
    DLG_NONE = 0,
    DLG_MENU,           /* choose a line */
    DLG_PROMPT,         /* one line of text, on the message line */
    DLG_EDITOR,         /* several lines of text, over the body */
    DLG_STALE           /* a decision refused: the idea changed */
};

struct dialog {
    enum dlg_kind kind;
    char title[256];            /* the title line while it is open */
    char label[64];             /* a prompt's label ("Search: ") */
    struct model_menu menu;
    struct tui_edit edit;
    /* Called once when the dialog closes: `ok` false on cancel. It may
     * open another dialog. */
    void (*done)(struct app *a, bool ok);
    /* A prompt: called after every change of the text. */
    void (*changed)(struct app *a);
    bool digit_values;          /* a menu: digits pick items by value */
    int purpose;                /* what the caller asked for */
    int64_t arg;                /* and about what */
};

struct app {
    struct cs_db *db;           /* borrowed */
    enum cs_role role;
    int rows, cols;             /* the terminal's size */
    bool too_small;             /* below 80x20: only a notice is shown */
    enum screen_id stack[APP_STACK];
    int64_t stack_arg[APP_STACK];   /* the idea an idea page shows */
    int depth;
    struct dialog dlg;
    char msg[256];              /* the message line */
    bool msg_error;             /* ...is a refusal or failure */
    bool quit;
    bool ask_quit;              /* "quit anyway?" waits for y or n */
    bool repaint;               /* repaint the whole terminal next frame */
    bool accent_note;           /* an accented letter was typed outside a
                                   UTF-8 locale: said until the dialog
                                   closes */
    bool merge_pending;         /* "m" typed: a digit picks the target */
    bool search_pending;        /* search text changed, not yet run */
    char search_text[256];      /* ...that text */
    struct tui_bar bar;         /* as last drawn, for clicks */
    struct model_stale stale;   /* the last decision refused as stale */
    void (*stale_redo)(struct app *a);  /* its "apply anyway" */
    int64_t change_mark;        /* cs_db_change_mark when last read */

    int64_t cons_id;            /* the consultation being worked on */
    char cons_code[40];
    struct model_cons cons;
    bool cons_open;
    struct model_ideas ideas;
    bool ideas_open;
    struct model_idea idea;     /* the idea page on top */
    bool idea_open;
    struct model_triage triage; /* triage mode's queue */
    bool triage_open;
    struct model_stats stats;   /* the statistics shown */
    struct model_templates templates;   /* the answer templates shown */
    struct model_help help;
    const struct tui_keymap *help_for;  /* the keys the help shows */
};

/* ---------------------------------------------------------------- app */

/* The screen on top, and its table. */
enum screen_id app_top(const struct app *a);
const struct screen *app_screen(enum screen_id id);

/* Push a screen (its enter runs); pop back to the one below (its enter
 * runs again); replace the whole stack with one screen. */
void app_push(struct app *a, enum screen_id id);
/* Push a screen about record `arg` (an idea page). */
void app_push_arg(struct app *a, enum screen_id id, int64_t arg);
/* The record the screen on top is about. */
int64_t app_top_arg(const struct app *a);
void app_pop(struct app *a);
void app_reset(struct app *a, enum screen_id id);

/* Body lines: from line `top` (1, or 2 below column headings) to the
 * message line (which is above the hint line, hidden below
 * APP_HINT_ROWS lines, and the F-key bar). */
int app_body_rows(const struct app *a, int top);

/* Put a message on the message line; an error shows err->msg. */
void app_message(struct app *a, const char *fmt, ...) CS_PRINTF(2, 3);
void app_error(struct app *a, const struct cs_error *err);

/* ---------------------------------------------------------------- dialogs */

/* Open a menu titled `title`; the caller then adds items to a->dlg.menu. */
void app_menu(struct app *a, const char *title, int purpose, int64_t arg,
              void (*done)(struct app *, bool));
/* Open a one-line prompt with `label` and starting text `text`. */
void app_prompt(struct app *a, const char *label, const char *text,
                int purpose, int64_t arg, void (*done)(struct app *, bool),
                void (*changed)(struct app *));
/* Open the text editor titled `title` with starting text `text`. */
void app_editor(struct app *a, const char *title, const char *text,
                int purpose, int64_t arg, void (*done)(struct app *, bool));

/* ---------------------------------------------------------- status flow */

/*
 * Ask for a new status (a menu, on `current` when >= 0), then for the
 * official answer or the reason when that status needs one, then call
 * `apply` with the status and text. An answer starts from `prefill` (the
 * current one), else from a template of the consultation if it has any
 * (chosen by its number; filled for idea `fill_id`, or left with its
 * placeholders when several ideas change: 0), else blank. `what` names
 * the ideas concerned in the titles ("idea 12", "3 marked ideas").
 */
typedef void (*app_status_fn)(struct app *a, enum cs_status to,
                              const char *text);
void app_ask_status(struct app *a, const char *what, int current,
                    const char *prefill, int64_t fill_id,
                    app_status_fn apply);
/* The same with the status chosen already. */
void app_ask_text(struct app *a, const char *what, enum cs_status to,
                  const char *prefill, int64_t fill_id, app_status_fn apply);

/* A status change failed with `err`: show it, and when the database was
 * only busy, open the answer (or reason) dialog again with `text`, so that
 * nothing typed is lost. When the idea changed since the screen showed it
 * (CS_ESTALE), open the refusal (app_stale) on the idea page and in
 * triage mode; elsewhere show the message, and keep `text` for the next
 * try. */
void app_status_failed(struct app *a, const struct cs_error *err,
                       enum cs_status to, const char *text);

/*
 * Decision `op` on idea a->idea (as in model_stale_refused) was refused
 * because the idea changed since its page showed it: open the refusal
 * (who changed it, when, to what) with its two ways on. "Apply anyway"
 * calls `redo`; "look again" reads the page again and keeps `text`
 * (model_stale_kept) for the next answer or reason dialog on that idea.
 */
void app_stale(struct app *a, const struct cs_error *err, enum stale_op op,
               enum cs_status to, const char *text, int64_t into,
               void (*redo)(struct app *a));

/* "Apply anyway" on an idea's page, and in triage mode. */
void screen_idea_redo(struct app *a);
void screen_triage_redo(struct app *a);

/* Run the search typed (a->search_text) now. */
enum cs_rc screen_ideas_search_now(struct app *a, struct cs_error *err);

/* ------------------------------------------------ idea page and triage */

/* The actions an idea's page and triage mode share (tag, untag, hide,
 * remark, merge, unmerge, moves) on a->idea. True if `act` was one. */
bool screen_idea_common(struct app *a, enum tui_action act);
/* The key after "m": a similar idea's number merges into it. True when
 * the merge was made. */
bool screen_idea_merge_key(struct app *a, int key);
/* Draw a->idea's lines in the body; write the cursor's place. */
void screen_idea_draw_page(struct app *a, int *cy, int *cx);

#endif /* CONSULT_TUI_SCREEN_H */
