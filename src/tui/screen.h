/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen.h: what the screens (screen_*.c) and the shell (screen_app.c)
 * share: the screen interface, the shell's state that every screen may
 * read (database, role, size, the consultation worked on, the message
 * line), and what the shell does for screens (the stack, messages,
 * dialogs).
 *
 * A screen owns its state, as a tig view does through view_ops: the shell
 * allocates `size` zeroed bytes each time the screen is pushed, calls its
 * hooks with them, and frees them when it is popped. The shell names no
 * screen: it opens on the first of tui_screens (screen_list.h), and every
 * other screen is opened by the keys it declares (see struct tui_route),
 * which the shell adds to the keys of the screen it is opened from.
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
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "keymap.h"
#include "model_dialog.h"
#include "tui.h"

#define APP_MIN_ROWS 20     /* below this, only a notice is shown */
#define APP_MIN_COLS 80
#define APP_HINT_ROWS 23    /* below this, the key hint line is hidden */
#define APP_STACK 8
#define APP_MEMOS 16

struct app;

/* A screen's keys, and how it is opened (from which screen, by which
 * key), are declared in its model file (model_<name>_keys, see
 * screen_list.h): the shell adds to each screen's keys those that open
 * other screens from it, and opens them itself. */
struct screen {
    bool typing;                /* text is typed on it: the cursor is
                                   shown even with --no-cursor */
    size_t size;                /* bytes of state, zeroed, per opening */
    size_t memo_size;           /* bytes the shell keeps for the screen
                                   from one opening to the next (zeroed
                                   at first; app_memo), 0: none */
    /* Pushed on the stack, about record `arg` (an idea page's idea; 0 for
     * most): read what it shows. */
    void (*open)(struct app *a, void *st, int64_t arg);
    /* Back on top after the screen above it closed: read again what it
     * shows (other terminals' changes appear). NULL: nothing to do. */
    void (*enter)(struct app *a, void *st);
    /* Act on `act` (TUI_ACT_NONE: `key` matched no binding). */
    void (*key)(struct app *a, void *st, enum tui_action act, int key);
    /* Draw the title line and the body; write the cursor's place. */
    void (*draw)(struct app *a, void *st, int *cy, int *cx);
    /* Do one short step of the work left between keys (a count, a search
     * typed); true while work is left. NULL: never any. */
    bool (*idle)(struct app *a, void *st);
    /* The terminal changed size. NULL: nothing to lay out again. */
    void (*resize)(struct app *a, void *st);
    /* Others wrote to the database (its change mark moved) while this
     * screen is on top with no dialog open: read again what it shows.
     * NULL: nothing to read again. */
    void (*refresh)(struct app *a, void *st);
    /* A click on line `line` of the terminal. NULL: clicks do nothing. */
    void (*click)(struct app *a, void *st, int line);
    /* True when the screen holds something typed and not saved, which
     * quitting would lose (the shell asks first). NULL: never. */
    bool (*unsaved)(struct app *a, void *st);
    /* The record on the cursor's line, which a screen opened from this
     * one about it is about (TUI_OPEN_SELECTED): the selected idea; the
     * consultations list makes the selected consultation the one worked
     * on. 0, having said why when it matters: nothing opens. NULL:
     * never any. */
    int64_t (*selected)(struct app *a, void *st);
    /* Asked before the screen is opened by a key, about record `arg`:
     * false, having said why, keeps it closed. NULL: it always opens. */
    bool (*can_open)(struct app *a, int64_t arg);
    /* Another screen is opening above this one by one of its keys: note
     * in its memo (app_memo) what it shows, which the screen opened may
     * read (the export takes the ideas list's view). NULL: nothing. */
    void (*leave)(struct app *a, void *st);
    /* Popped: free what the state holds (not the state itself). */
    void (*close)(struct app *a, void *st);
};

/* The screens, the one the interface opens on first; NULL-terminated
 * (screen_list.h: a new screen is one line there). */
extern const struct screen *const tui_screens[];
/* The screens `consult enter` opens straight on: the ideas list of the
 * consultation, then the entry form above it. */
extern const struct screen *const tui_ideas_screen;
extern const struct screen *const tui_form_screen;
/* The screen the help key opens (it explains app_keys_below). */
extern const struct screen *const tui_help_screen;

/* Called with a dialog's answer (DLG_OK, DLG_CANCEL, or DLG_CHANGED while
 * a line is typed); `owner` is what the opener gave. */
typedef void (*app_dialog_fn)(struct app *a, void *owner,
                              enum dlg_result r);

struct app_frame {
    const struct screen *screen;
    void *st;                   /* owned: the screen's state */
};

struct app {
    struct cs_db *db;           /* borrowed */
    enum cs_role role;
    int rows, cols;             /* the terminal's size */
    bool too_small;             /* below 80x20: only a notice is shown */
    struct app_frame stack[APP_STACK];
    int depth;
    struct dialog *dlg;         /* the open dialog (borrowed from its
                                   owner), or NULL */
    void *dlg_owner;
    app_dialog_fn dlg_done;
    char msg[256];              /* the message line */
    bool msg_error;             /* ...is a refusal or failure */
    bool quit;
    bool ask_quit;              /* "quit anyway?" waits for y or n */
    bool repaint;               /* repaint the whole terminal next frame */
    bool accent_note;           /* an accented letter was typed outside a
                                   UTF-8 locale: said until the dialog
                                   closes */
    bool idle_work;             /* the top screen may have work between
                                   keys */
    struct tui_bar bar;         /* as last drawn, for clicks */
    struct tui_keys *keys;      /* owned: the keys of tui_screens[i] */
    int64_t change_mark;        /* cs_db_change_mark when last read */

    int64_t cons_id;            /* the consultation worked on, or 0 */
    char cons_code[40];
    int64_t start_batch;        /* `consult enter --batch`: the entry
                                   form's paper batch, taken by the form
                                   when it opens; 0: none */

    struct {
        const struct screen *screen;
        void *data;             /* owned, screen->memo_size bytes */
    } memos[APP_MEMOS];         /* what screens keep between openings */
};

/* ---------------------------------------------------------------- stack */

/* Push screen `s` about record `arg` (0 for most screens): its state is
 * made and its open hook runs. The deepest pages are forgotten past
 * APP_STACK, the first screen is kept. */
void app_push(struct app *a, const struct screen *s, int64_t arg);
/* Pop the screen on top (never the first): its close hook runs, and the
 * one below comes back (its enter hook runs). */
void app_pop(struct app *a);
/* Pop every screen above the first, which comes back. */
void app_home(struct app *a);
/* The keys of the screen below the top one (what the help screen
 * explains), or NULL. */
const struct tui_keymap *app_keys_below(const struct app *a);

/* What screen `s` keeps between its openings (s->memo_size bytes, zeroed
 * the first time; freed when the interface ends), or NULL (none, or out
 * of memory). */
void *app_memo(struct app *a, const struct screen *s);

/* Body lines: from line `top` (1, or 2 below column headings) to the
 * message line (which is above the hint line, hidden below
 * APP_HINT_ROWS lines, and the F-key bar). */
int app_body_rows(const struct app *a, int top);

/* A screen of a title line and rows below it: how many rows it shows (the
 * body's, at most `max`), then draw the title and the `n` rows. */
size_t app_rows_shown(const struct app *a, size_t max);
void app_draw_rows(struct app *a, const char *title,
                   const struct tui_row *rows, size_t n);

/* Draw the frame now, for a screen that shows the progress of long work
 * done within one of its keys (an import). */
void app_draw(struct app *a);

/* Put a message on the message line; an error shows err->msg. */
void app_message(struct app *a, const char *fmt, ...) CS_PRINTF(2, 3);
void app_error(struct app *a, const struct cs_error *err);

/* Show dialog `d` (owned by the caller, opened with model_dialog.h) and
 * give it the keys; each answer goes to `done` with `owner`. After
 * DLG_OK or DLG_CANCEL the dialog closes unless `done` opened one (the
 * same or another) with app_dialog. */
void app_dialog(struct app *a, struct dialog *d, void *owner,
                app_dialog_fn done);
/* Stop showing a dialog (its owner clears it). */
void app_dialog_close(struct app *a);

#endif /* CONSULT_TUI_SCREEN_H */
