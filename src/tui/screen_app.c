/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_app.c: the terminal interface's shell: the main loop, the stack
 * of screens, the dialogs, and tui_run.
 *
 * Each turn reads one key, gives it to the open dialog or to the screen on
 * top (through that screen's key table and hooks), and draws one frame:
 * the screen, the message line, the hint and the bar made from the same
 * table, and the cursor on the selected line or in the field being typed.
 * Nothing is drawn between keys: no clock, no spinner. The shell names no
 * screen and holds no screen's state (see screen.h).
 */
#define _XOPEN_SOURCE 700

#include "screen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_keys.h"
#include "model_retention.h"
#include "term.h"
#include "text.h"
#include "tui_run.h"

/* ---------------------------------------------------------------- stack */

static struct app_frame *
top(struct app *a)
{
    return a->depth > 0 ? &a->stack[a->depth - 1] : NULL;
}

static void
frame_close(struct app *a, struct app_frame *f)
{
    if (f->screen && f->screen->close)
        f->screen->close(a, f->st);
    free(f->st);
    f->st = NULL;
    f->screen = NULL;
}

void
app_push(struct app *a, const struct screen *s, int64_t arg)
{
    struct app_frame *f;
    void *st = calloc(1, s->size ? s->size : 1);

    if (st == NULL) {
        app_message(a, "%s", _("Out of memory."));
        return;
    }
    if (a->depth == APP_STACK) {
        /* Deep chains of pages (similar of similar...) forget the
         * oldest page but keep the first screen. */
        frame_close(a, &a->stack[1]);
        memmove(a->stack + 1, a->stack + 2,
                (APP_STACK - 2) * sizeof *a->stack);
        a->depth--;
    }
    f = &a->stack[a->depth++];
    f->screen = s;
    f->st = st;
    a->idle_work = true;
    s->open(a, st, arg);
}

static void
back_on_top(struct app *a)
{
    struct app_frame *f = top(a);

    a->idle_work = true;
    if (f && f->screen->enter)
        f->screen->enter(a, f->st);
}

void
app_pop(struct app *a)
{
    if (a->depth <= 1)
        return;
    frame_close(a, &a->stack[--a->depth]);
    back_on_top(a);
}

void
app_home(struct app *a)
{
    while (a->depth > 1)
        frame_close(a, &a->stack[--a->depth]);
    back_on_top(a);
}

void *
app_memo(struct app *a, const struct screen *s)
{
    for (int i = 0; i < APP_MEMOS && s->memo_size > 0; i++) {
        if (a->memos[i].screen == s)
            return a->memos[i].data;
        if (a->memos[i].screen == NULL) {
            if ((a->memos[i].data = calloc(1, s->memo_size)) == NULL)
                return NULL;
            a->memos[i].screen = s;
            return a->memos[i].data;
        }
    }
    return NULL;
}

/* The keys of screen `s` as the user has them. */
static const struct tui_keys *
keys_of(const struct app *a, const struct screen *s)
{
    size_t i = 0;

    while (tui_screens[i + 1] != NULL && tui_screens[i] != s)
        i++;
    return &a->keys[i];
}

const struct tui_keymap *
app_keys_below(const struct app *a)
{
    return a->depth > 1 ? &keys_of(a, a->stack[a->depth - 2].screen)->map
                        : NULL;
}

/* Whether the terminal is tall enough for the key hint line. */
static bool
hint_shown(const struct app *a)
{
    return a->rows >= APP_HINT_ROWS;
}

/* The message line: above the hint line, or above the bar without it. */
static int
msg_row(const struct app *a)
{
    return a->rows - (hint_shown(a) ? 3 : 2);
}

int
app_body_rows(const struct app *a, int top_line)
{
    int n = msg_row(a) - top_line;

    return n > 1 ? n : 1;
}

void
app_message(struct app *a, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(a->msg, sizeof a->msg, fmt, ap);
    va_end(ap);
    a->msg_error = false;
}

void
app_error(struct app *a, const struct cs_error *err)
{
    snprintf(a->msg, sizeof a->msg, "%s",
             err->msg[0] ? err->msg : _("That did not work."));
    a->msg_error = true;
}

/* ---------------------------------------------------------------- dialogs */

void
app_dialog(struct app *a, struct dialog *d, void *owner, app_dialog_fn done)
{
    a->dlg = d;
    a->dlg_owner = owner;
    a->dlg_done = done;
}

void
app_dialog_close(struct app *a)
{
    a->dlg = NULL;
    a->dlg_owner = NULL;
    a->dlg_done = NULL;
}

/* Give an answer to the dialog's owner; an answer closes it unless the
 * owner opens the next one. */
static void
dialog_answer(struct app *a, enum dlg_result r)
{
    void *owner = a->dlg_owner;
    app_dialog_fn done = a->dlg_done;

    if (r == DLG_GOING)
        return;
    if (r != DLG_CHANGED)
        app_dialog_close(a);
    if (done)
        done(a, owner, r);
}

/* ---------------------------------------------------------------- keys */

static const struct tui_keymap *
active_keys(const struct app *a)
{
    if (a->dlg)
        return dialog_keys(a->dlg);
    return &keys_of(a, a->depth ? a->stack[a->depth - 1].screen
                                : tui_help_screen)->map;
}

/* Quit, asking first when typed text would be lost. */
static void
quit(struct app *a)
{
    struct app_frame *f = top(a);

    if ((a->dlg && dialog_has_typed_text(a->dlg))
        || (f && f->screen->unsaved && f->screen->unsaved(a, f->st))) {
        a->ask_quit = true;
        app_message(a, "%s", _("The text being typed would be lost. "
                               "Quit anyway? (y/n)"));
        return;
    }
    a->quit = true;
}

/* The answer to quit(): only an explicit yes quits. */
static void
quit_answer(struct app *a, int key)
{
    /* TRANSLATORS: the key that answers yes to "Quit anyway? (y/n)". */
    const char *yes = _("y");

    a->ask_quit = false;
    if (key == (unsigned char)yes[0] || key == 'y' || key == 'Y')
        a->quit = true;
    else
        app_message(a, "%s", _("Go on typing."));
}

static void
dialog_key_in(struct app *a, int key)
{
    enum tui_action act = tui_keymap_action(active_keys(a), a->role, key);
    int h = app_body_rows(a, a->dlg->heading[0] ? 2 : 1);

    if (act == TUI_ACT_QUIT) {
        quit(a);
        return;
    }
    if (act == TUI_ACT_REDRAW) {
        a->repaint = true;
        return;
    }
    if (a->dlg->kind == DLG_NUMBER || a->dlg->kind == DLG_LINE)
        h = 1;
    a->idle_work = true;
    dialog_answer(a, dialog_key(a->dlg, a->role, key, a->cols, h));
}

/* Open screen `s` by a key of the screen in `f`, as route `r` says. */
static void
open_by_key(struct app *a, struct app_frame *f, const struct screen *s,
            const struct tui_route *r)
{
    int64_t arg = 0;

    if (r->flags & TUI_OPEN_SELECTED) {
        if (f->screen->selected == NULL
            || (arg = f->screen->selected(a, f->st)) == 0)
            return;
    }
    if ((r->flags & TUI_OPEN_CONS) && a->cons_id == 0) {
        app_message(a, "%s", _("Choose a consultation first."));
        return;
    }
    if (s->can_open && !s->can_open(a, arg))
        return;
    if (f->screen->leave)
        f->screen->leave(a, f->st);
    a->idle_work = true;
    app_push(a, s, arg);
}

static void
screen_key(struct app *a, int key)
{
    struct app_frame *f = top(a);
    const struct tui_keys *k;
    const struct tui_binding *b;
    const struct tui_route *route;
    enum tui_action act;
    int opens;

    if (f == NULL)
        return;
    k = keys_of(a, f->screen);
    b = tui_keymap_binding(&k->map, a->role, key);
    act = b ? b->action : TUI_ACT_NONE;
    if (b && cs_op_writes(b->op) && !cs_db_is_writable(a->db)) {
        /* Said at the key, before anything is typed for nothing. */
        app_message(a, _("Changes are off: %s."),
                    cs_db_readonly_reason(a->db));
        a->msg_error = true;
        return;
    }
    switch (act) {
    case TUI_ACT_QUIT:
        quit(a);
        return;
    case TUI_ACT_REDRAW:
        a->repaint = true;
        return;
    case TUI_ACT_HELP:
        app_push(a, tui_help_screen, 0);
        return;
    default:
        if ((opens = tui_keys_opens(k, b, &route)) >= 0) {
            open_by_key(a, f, tui_screens[opens], route);
            return;
        }
        a->idle_work = true;
        f->screen->key(a, f->st, act, key);
    }
}

static void
any_key(struct app *a, int key)
{
    if (a->dlg)
        dialog_key_in(a, key);
    else
        screen_key(a, key);
}

static void
mouse_key(struct app *a)
{
    struct app_frame *f = top(a);
    int y, x;

    term_mouse(&y, &x);
    if (y == a->rows - 1) {
        int fk = tui_bar_hit(&a->bar, x);

        if (fk)
            any_key(a, TUI_KEY_F(fk));
        return;
    }
    if (a->dlg) {
        if (a->dlg->kind == DLG_PICK
            && model_menu_click(&a->dlg->menu, y - 1, app_body_rows(a, 1)))
            dialog_answer(a, DLG_OK);
        return;
    }
    if (f && f->screen->click)
        f->screen->click(a, f->st, y);
}

/* ---------------------------------------------------------------- frame */

/* Outside a UTF-8 locale, accented letters typed are kept but cannot be
 * shown. */
static const char *
accent_note_text(void)
{
    return _("Accented letters need a UTF-8 locale (LANG=fr_BE.UTF-8): "
             "kept, shown as ?");
}

static void
draw_too_small(struct app *a)
{
    char text[512];
    struct tui_span sp[16];
    size_t n;

    snprintf(text, sizeof text,
             _("consult needs a terminal of at least %d columns and %d "
               "lines; this one has %d columns and %d lines. Enlarge the "
               "window, or press q to quit."),
             APP_MIN_COLS, APP_MIN_ROWS, a->cols, a->rows);
    n = tui_wrap_display(text, strlen(text), a->cols > 1 ? a->cols - 1 : 1,
                         sp, 16);
    for (size_t i = 0; i < n && i < 16 && (int)i < a->rows; i++) {
        char line[512];

        tui_span_text(line, sizeof line, text, &sp[i]);
        term_text((int)i, 0, line, a->cols, TUI_STYLE_NORMAL);
    }
}

/* Text wrapped from line `y` down to line `last`; returns the next line. */
static int
draw_wrapped(struct app *a, int y, int last, const char *text,
             enum tui_style style)
{
    struct tui_span sp[64];
    size_t n = tui_wrap_display(text, strlen(text), a->cols - 2, sp, 64);

    for (size_t i = 0; i < n && i < 64 && y <= last; i++, y++) {
        char line[TUI_ROW_BYTES];

        tui_span_text(line, sizeof line, text, &sp[i]);
        term_text(y, 1, line, a->cols - 1, style);
    }
    return y;
}

/* A one-line field on the message line: its label, then the text; the
 * cursor goes to the text's cursor. */
static void
draw_field(struct app *a, const char *label, struct tui_edit *e, int *cy,
           int *cx)
{
    struct tui_edit_line line;
    int lw = tui_width(label), row, col;

    if (lw > a->cols / 2)
        lw = a->cols / 2;
    term_text(msg_row(a), 0, label, lw, TUI_STYLE_HEADING);
    tui_edit_view(e, a->cols - lw, 1, &line, &row, &col);
    term_text(msg_row(a), lw, line.text, a->cols - lw, TUI_STYLE_NORMAL);
    *cy = msg_row(a);
    *cx = lw + col;
}

/* True when the dialog takes the title line and the body. */
static bool
dialog_covers(const struct dialog *d)
{
    return d->kind == DLG_PICK || d->kind == DLG_EDITOR
           || d->kind == DLG_CHOICE
           || (d->kind == DLG_CONFIRM && d->title[0]);
}

/* Draw the open dialog: over the body (list, editor, question with a
 * title) and on the message line. True when the message line is drawn. */
static bool
draw_dialog(struct app *a, struct dialog *d, int *cy, int *cx,
            bool *visible)
{
    int body = 1;

    if (dialog_covers(d))
        term_text(0, 0, d->title, a->cols, TUI_STYLE_TITLE);
    switch (d->kind) {
    case DLG_PICK: {
        struct tui_row rows[256];
        int h = app_body_rows(a, 1), cur = 0;
        size_t n = model_menu_rows(&d->menu, a->cols, h < 256 ? h : 256,
                                   rows, &cur);

        if (d->digits == DLG_DIGITS_NUMBER && d->edit.len > 0
            && (size_t)cur < n) {
            /* A number typed is what Enter takes: no line is marked. */
            rows[cur].text[0] = ' ';
            rows[cur].style = TUI_STYLE_NORMAL;
        }
        for (size_t i = 0; i < n; i++)
            term_text((int)i + 1, 0, rows[i].text, a->cols, rows[i].style);
        *cy = 1 + cur;
        *cx = 0;
        if (d->digits != DLG_DIGITS_NUMBER && d->digits != DLG_DIGITS_TEXT)
            return false;
        draw_field(a, d->label, &d->edit, cy, cx);
        if (d->digits == DLG_DIGITS_TEXT) {
            /* What is typed goes to the field: the cursor stays there. */
            *visible = true;
        } else if (d->edit.len == 0) {
            /* Nothing typed: the cursor stays on the line chosen. */
            *cy = 1 + cur;
            *cx = 0;
        } else {
            *visible = true;
        }
        return true;
    }
    case DLG_CHOICE: {
        /* Lines laid out already: one a line, as they are. */
        const char *p = d->heading;
        int y = 1;

        while (*p && y < msg_row(a)) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            char line[TUI_ROW_BYTES];

            snprintf(line, sizeof line, "%.*s", (int)n, p);
            term_text(y++, 0, line, a->cols, TUI_STYLE_NORMAL);
            p += n + (nl ? 1 : 0);
        }
        *cy = 1;
        *cx = 0;
        return false;
    }
    case DLG_CONFIRM:
        if (d->title[0])
            draw_wrapped(a, 1, a->rows - 4, d->heading, TUI_STYLE_NORMAL);
        term_text(msg_row(a), 0, d->label, a->cols, TUI_STYLE_HEADING);
        *cy = msg_row(a);
        *cx = tui_width(d->label) < a->cols ? tui_width(d->label)
                                            : a->cols - 1;
        *visible = true;
        return true;
    case DLG_NUMBER:
    case DLG_LINE:
        draw_field(a, d->label, &d->edit, cy, cx);
        *visible = true;
        return true;
    case DLG_EDITOR: {
        int h, row = 0, col = 0;
        struct tui_edit_line *lines;

        if (d->heading[0]) {
            term_text(1, 0, d->heading, a->cols, TUI_STYLE_HEADING);
            body = 2;
        }
        h = app_body_rows(a, body);
        lines = calloc((size_t)h, sizeof *lines);
        if (lines != NULL) {
            tui_edit_view(&d->edit, a->cols, h, lines, &row, &col);
            for (int i = 0; i < h; i++)
                term_text(body + i, 0, lines[i].text, a->cols,
                          TUI_STYLE_NORMAL);
            free(lines);
        }
        *cy = body + row;
        *cx = col;
        *visible = true;
        if (d->asking) {
            const char *q = _("The text typed would be lost. Throw it "
                              "away? (y/n) ");

            term_text(msg_row(a), 0, q, a->cols, TUI_STYLE_ERROR);
            *cy = msg_row(a);
            *cx = tui_width(q) < a->cols ? tui_width(q) : a->cols - 1;
            return true;
        }
        if (a->msg[0] == '\0') {
            term_text(msg_row(a), 0,
                      _("Enter: new line   F2 or Ctrl-S: save   Esc: "
                        "cancel"), a->cols, TUI_STYLE_HEADING);
            return true;
        }
        return false;
    }
    default:
        return false;
    }
}

static void
draw(struct app *a)
{
    const struct tui_keymap *km;
    struct app_frame *f = top(a);
    char hint[TUI_ROW_BYTES];
    int cy = 0, cx = 0;
    bool visible = false, msg_drawn = false;

    term_begin(a->repaint);
    a->repaint = false;
    if (a->too_small) {
        draw_too_small(a);
        term_end(0, 0, true);
        return;
    }
    km = active_keys(a);
    if (f && (a->dlg == NULL || !dialog_covers(a->dlg)))
        f->screen->draw(a, f->st, &cy, &cx);
    if (a->dlg)
        msg_drawn = draw_dialog(a, a->dlg, &cy, &cx, &visible);
    else if (f && f->screen->typing)
        visible = true;
    if (a->dlg && a->dlg->note[0] && !hint_shown(a)) {
        /* A target refused in the dialog, and no hint line to say it. */
        term_text(msg_row(a), 0, a->dlg->note, a->cols, TUI_STYLE_ERROR);
    } else if (!msg_drawn && a->msg[0] == '\0' && !hint_shown(a)) {
        /* Say what a short terminal leaves out. */
        snprintf(hint, sizeof hint,
                 _("Key hints hidden: the terminal has %d lines, they "
                   "need %d. F1 lists the keys."),
                 a->rows, APP_HINT_ROWS);
        term_text(msg_row(a), 0, hint, a->cols, TUI_STYLE_DIM);
    } else if (!msg_drawn) {
        term_text(msg_row(a), 0, a->msg, a->cols,
                  a->msg_error ? TUI_STYLE_ERROR : TUI_STYLE_NORMAL);
    }
    if (a->dlg == NULL)
        a->accent_note = false;
    if (!hint_shown(a)) {
        /* No hint line. */
    } else if (a->accent_note) {
        term_text(a->rows - 2, 0, accent_note_text(), a->cols,
                  TUI_STYLE_DIM);
    } else if (a->dlg && a->dlg->note[0]) {
        /* A target refused in the dialog: said where the hint goes. */
        term_text(a->rows - 2, 0, a->dlg->note, a->cols, TUI_STYLE_ERROR);
    } else {
        if (!a->dlg || !dialog_hint(a->dlg, hint, sizeof hint))
            tui_keymap_hint(km, a->role, a->cols, hint, sizeof hint);
        term_text(a->rows - 2, 0, hint, a->cols, TUI_STYLE_DIM);
    }
    tui_keymap_bar(km, a->role, a->cols, &a->bar);
    term_bar(a->rows - 1, &a->bar);
    term_end(cy, cx, visible);
}

size_t
app_rows_shown(const struct app *a, size_t max)
{
    int body = app_body_rows(a, 1);

    return body > 0 && (size_t)body < max ? (size_t)body : max;
}

void
app_draw_rows(struct app *a, const char *title, const struct tui_row *rows,
              size_t n)
{
    term_text(0, 0, title, a->cols, TUI_STYLE_TITLE);
    for (size_t i = 0; i < n; i++)
        term_text(1 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
}

void
app_draw(struct app *a)
{
    draw(a);
}

static void
resize(struct app *a)
{
    term_size(&a->rows, &a->cols);
    a->too_small = a->rows < APP_MIN_ROWS || a->cols < APP_MIN_COLS;
    a->repaint = true;
    if (!a->too_small)
        for (int i = 0; i < a->depth; i++)
            if (a->stack[i].screen->resize)
                a->stack[i].screen->resize(a, a->stack[i].st);
}

/* ---------------------------------------------------------------- run */

/* Without a key, how often what others changed is looked for. */
#define REFRESH_MS 2000

/*
 * What others changed shows within REFRESH_MS, or after the next key: one
 * cheap query (cs_db_change_mark), and the top screen reads again only
 * when something was written. Never under an open dialog: a decision
 * being made stays on the version its screen showed (the core refuses it
 * if the idea moved on). True when the screen read again.
 */
static bool
refresh_if_changed(struct app *a)
{
    struct app_frame *f = top(a);
    int64_t mark = 0;

    if (a->too_small || a->dlg || a->ask_quit || f == NULL
        || f->screen->refresh == NULL)
        return false;
    if (cs_db_change_mark(a->db, &mark, NULL) != CS_OK
        || mark == a->change_mark)
        return false;
    a->change_mark = mark;
    f->screen->refresh(a, f->st);
    return true;
}

/* True while the screen on top may have work to finish between keys. */
static bool
busy(const struct app *a)
{
    if (a->too_small || a->depth == 0 || !a->idle_work)
        return false;
    /* No work under an editor: its keys come first, and nothing it shows
     * would change. */
    return a->dlg == NULL || a->dlg->kind != DLG_EDITOR;
}

static void
idle_step(struct app *a)
{
    struct app_frame *f = top(a);

    a->idle_work = f->screen->idle != NULL && f->screen->idle(a, f->st);
}

/* The retention question answered: what it did goes on the message
 * line. */
static void
retention_done(struct app *a, void *owner, enum dlg_result r)
{
    struct model_retention *m = owner;

    model_retention_answer(m, r);
    app_message(a, "%s", m->result);
    a->msg_error = m->failed;
}

int
tui_run(struct cs_db *db, const struct term_opts *o,
        const struct tui_start *start)
{
    struct model_retention retention;
    struct app a;
    size_t n;

    memset(&a, 0, sizeof a);
    a.db = db;
    a.role = cs_db_role(db);
    /* Each screen's keys with those that open other screens from it. */
    for (n = 0; tui_screens[n] != NULL; n++)
        ;
    if ((a.keys = calloc(n, sizeof *a.keys)) == NULL)
        return -1;
    for (size_t i = 0; i < n; i++)
        tui_screen_keys(&a.keys[i], tui_screen_keymaps[i]);
    if (!term_start(o)) {
        free(a.keys);
        return -1;
    }
    term_size(&a.rows, &a.cols);
    a.too_small = a.rows < APP_MIN_ROWS || a.cols < APP_MIN_COLS;
    cs_db_change_mark(db, &a.change_mark, NULL);
    app_push(&a, tui_screens[0], 0);
    if (start && start->cons_id) {
        /* Straight on the entry form, the ideas list below it. */
        a.cons_id = start->cons_id;
        snprintf(a.cons_code, sizeof a.cons_code, "%s", start->cons_code);
        a.start_batch = start->batch_id;
        app_push(&a, tui_ideas_screen, 0);
        app_push(&a, tui_form_screen, 0);
    }
    if (!cs_db_is_writable(db)) {
        app_message(&a, _("This database is read-only, changes are off: %s."),
                    cs_db_readonly_reason(db));
        a.msg_error = true;
    }
    /* An admin is asked first to anonymise who is past retention. */
    model_retention_init(&retention);
    if (model_retention_ask(&retention, db))
        app_dialog(&a, &retention.dlg, &retention, retention_done);
    while (!a.quit) {
        int key;

        draw(&a);
        /* Work left (a count, a search typed) goes on while no key
         * comes, one short step at a time; the screen is drawn again once
         * it is done. Idle, others' changes are looked for every
         * REFRESH_MS. */
        while ((key = term_read_key(busy(&a) ? 0 : REFRESH_MS))
               == TUI_KEY_NONE) {
            if (busy(&a)) {
                idle_step(&a);
                if (!busy(&a))
                    draw(&a);
            } else if (refresh_if_changed(&a)) {
                draw(&a);
            }
        }
        if (key == TUI_KEY_RESIZE) {
            resize(&a);
            continue;
        }
        if (a.too_small) {
            if (key == 'q' || key == TUI_KEY_F(10) || key == 'Q')
                a.quit = true;
            continue;
        }
        a.msg[0] = '\0';
        a.msg_error = false;
        if (term_take_accent_note()) {
            /* What was typed is kept: say why it shows as "?". */
            a.accent_note = true;
            app_message(&a, "%s", accent_note_text());
        }
        if (a.ask_quit) {
            quit_answer(&a, key);
            continue;
        }
        if (key == TUI_KEY_MOUSE) {
            mouse_key(&a);
            continue;
        }
        if (key == TUI_KEY_WHEEL_UP || key == TUI_KEY_WHEEL_DOWN) {
            for (int i = 0; i < 3; i++)
                any_key(&a, key == TUI_KEY_WHEEL_UP ? TUI_KEY_UP
                                                    : TUI_KEY_DOWN);
            continue;
        }
        any_key(&a, key);
        /* After the key, not before: it acts on what the screen showed. */
        refresh_if_changed(&a);
    }
    term_stop();
    app_dialog_close(&a);
    model_retention_clear(&retention);
    while (a.depth > 0)
        frame_close(&a, &a.stack[--a.depth]);
    for (int i = 0; i < APP_MEMOS; i++)
        free(a.memos[i].data);
    free(a.keys);
    return 0;
}
