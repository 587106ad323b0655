/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_app.c: the terminal interface's main loop, screen stack and
 * dialogs, and `consult tui`.
 *
 * Each turn reads one key, gives it to the open dialog or to the screen on
 * top (through that screen's key table), and draws one frame: the screen,
 * the message line, the hint and the bar made from the same table, and
 * the cursor on the selected line or in the field being typed. Nothing is
 * drawn between keys: no clock, no spinner.
 */
#define _XOPEN_SOURCE 700

#include "screen.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* cli.h spells the translation macros with gettext() (the program's
 * domain is "consult" too): take its spelling here. */
#undef _
#undef N_
#include "cli.h"
#include "consult/template.h"
#include "model_keys.h"
#include "term.h"
#include "text.h"
#include "tui_main.h"

/* ---------------------------------------------------------------- stack */

const struct screen *
app_screen(enum screen_id id)
{
    switch (id) {
    case SCR_IDEAS: return &screen_ideas;
    case SCR_IDEA: return &screen_idea;
    case SCR_TRIAGE: return &screen_triage;
    case SCR_STATS: return &screen_stats;
    case SCR_TEMPLATES: return &screen_templates;
    case SCR_HELP: return &screen_help;
    default: return &screen_cons;
    }
}

enum screen_id
app_top(const struct app *a)
{
    return a->depth > 0 ? a->stack[a->depth - 1] : SCR_CONS;
}

void
app_push_arg(struct app *a, enum screen_id id, int64_t arg)
{
    if (a->depth == APP_STACK) {
        /* Deep chains of pages (similar of similar...) forget the
         * oldest page but keep the first screen. */
        memmove(a->stack + 1, a->stack + 2,
                (APP_STACK - 2) * sizeof *a->stack);
        memmove(a->stack_arg + 1, a->stack_arg + 2,
                (APP_STACK - 2) * sizeof *a->stack_arg);
        a->depth--;
    }
    a->stack[a->depth] = id;
    a->stack_arg[a->depth] = arg;
    a->depth++;
    a->merge_pending = false;
    app_screen(id)->enter(a);
}

void
app_push(struct app *a, enum screen_id id)
{
    app_push_arg(a, id, 0);
}

int64_t
app_top_arg(const struct app *a)
{
    return a->depth > 0 ? a->stack_arg[a->depth - 1] : 0;
}

void
app_pop(struct app *a)
{
    a->merge_pending = false;
    if (a->depth > 1)
        a->depth--;
    app_screen(app_top(a))->enter(a);
}

void
app_reset(struct app *a, enum screen_id id)
{
    a->depth = 0;
    app_push(a, id);
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
app_body_rows(const struct app *a, int top)
{
    int n = msg_row(a) - top;

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

static void
dialog_close(struct app *a)
{
    model_menu_free(&a->dlg.menu);
    tui_edit_clear(&a->dlg.edit);
    a->dlg.kind = DLG_NONE;
}

void
app_menu(struct app *a, const char *title, int purpose, int64_t arg,
         void (*done)(struct app *, bool))
{
    dialog_close(a);
    a->dlg.kind = DLG_MENU;
    snprintf(a->dlg.title, sizeof a->dlg.title, "%s", title);
    model_menu_init(&a->dlg.menu, title);
    a->dlg.digit_values = false;
    a->dlg.purpose = purpose;
    a->dlg.arg = arg;
    a->dlg.done = done;
    a->dlg.changed = NULL;
}

void
app_prompt(struct app *a, const char *label, const char *text, int purpose,
           int64_t arg, void (*done)(struct app *, bool),
           void (*changed)(struct app *))
{
    dialog_close(a);
    a->dlg.kind = DLG_PROMPT;
    snprintf(a->dlg.label, sizeof a->dlg.label, "%s", label);
    tui_edit_init(&a->dlg.edit, false, 1000);
    tui_edit_set(&a->dlg.edit, text);
    a->dlg.purpose = purpose;
    a->dlg.arg = arg;
    a->dlg.done = done;
    a->dlg.changed = changed;
}

void
app_editor(struct app *a, const char *title, const char *text, int purpose,
           int64_t arg, void (*done)(struct app *, bool))
{
    dialog_close(a);
    a->dlg.kind = DLG_EDITOR;
    snprintf(a->dlg.title, sizeof a->dlg.title, "%s", title);
    tui_edit_init(&a->dlg.edit, true, 20000);
    tui_edit_set(&a->dlg.edit, text);
    a->dlg.purpose = purpose;
    a->dlg.arg = arg;
    a->dlg.done = done;
    a->dlg.changed = NULL;
}

/* Close the dialog and report to its owner, who may open another (which
 * frees this one's data when it opens). */
static void
dialog_finish(struct app *a, bool ok)
{
    void (*done)(struct app *, bool) = a->dlg.done;

    a->dlg.kind = DLG_NONE;     /* the owner reads menu and edit first */
    if (done)
        done(a, ok);
    if (a->dlg.kind == DLG_NONE) {
        model_menu_free(&a->dlg.menu);
        tui_edit_clear(&a->dlg.edit);
    }
}

/* ---------------------------------------------------------- status flow */

/* What the status dialogs (menu, templates, editor) carry between them. */
static struct {
    app_status_fn apply;        /* called with the status and the text */
    char what[128];             /* "idea 12", "3 marked ideas" */
    char *prefill;              /* owned: the text the editor starts with */
    int64_t fill_id;            /* the idea templates are filled for, or 0 */
    enum cs_status to;
} flow;

static void
flow_prefill(const char *text)
{
    free(flow.prefill);
    flow.prefill = text ? strdup(text) : NULL;
}

static void
status_text_done(struct app *a, bool ok)
{
    char *text;

    if (!ok) {
        app_message(a, "%s", _("Nothing changed."));
        return;
    }
    text = strdup(tui_edit_text(&a->dlg.edit));
    flow.apply(a, flow.to, text ? text : "");
    free(text);
}

static void
open_answer_editor(struct app *a)
{
    char title[256];

    /* TRANSLATORS: "Official answer (accepted) for idea 12". */
    snprintf(title, sizeof title, _("Official answer (%s) for %s"),
             cs_status_label(flow.to), flow.what);
    app_editor(a, title, flow.prefill ? flow.prefill : "", 0, flow.to,
               status_text_done);
}

/* A template chosen: its text, filled for the idea when there is one
 * (for several, each idea's placeholders are filled as it changes). */
static void
template_done(struct app *a, bool ok)
{
    struct cs_template_list *l = NULL;
    struct cs_error err;
    int64_t n = model_menu_value(&a->dlg.menu);

    if (!ok) {
        app_message(a, "%s", _("Nothing changed."));
        return;
    }
    flow_prefill(NULL);
    if (n > 0 && cs_template_list(a->db, a->cons_id, &l, &err) == CS_OK) {
        for (size_t i = 0; i < l->count; i++) {
            struct cs_idea idea;
            char *filled = NULL;

            if (l->items[i].number != n)
                continue;
            if (flow.fill_id
                && cs_idea_get(a->db, flow.fill_id, &idea, &err) == CS_OK) {
                if (cs_template_fill(l->items[i].body, &idea, &filled, &err)
                    == CS_OK)
                    flow_prefill(filled);
                free(filled);
                cs_idea_clear(&idea);
            } else {
                flow_prefill(l->items[i].body);
            }
        }
    }
    cs_template_list_free(l);
    open_answer_editor(a);
}

/* Offer the consultation's templates before the editor; none: straight
 * to the editor. True if the menu opened. */
static bool
ask_template(struct app *a)
{
    struct cs_template_list *l = NULL;
    struct cs_error err;
    char title[256];

    if (cs_template_list(a->db, a->cons_id, &l, &err) != CS_OK
        || l->count == 0) {
        cs_template_list_free(l);
        return false;
    }
    snprintf(title, sizeof title, _("Start the official answer (%s) for %s "
                                    "from"), cs_status_label(flow.to),
             flow.what);
    app_menu(a, title, 0, 0, template_done);
    a->dlg.digit_values = true;
    model_menu_add(&a->dlg.menu, _("0  a blank answer"), 0);
    for (size_t i = 0; i < l->count; i++) {
        char label[200];

        snprintf(label, sizeof label, "%d  %s", l->items[i].number,
                 l->items[i].title);
        model_menu_add(&a->dlg.menu, label, l->items[i].number);
    }
    cs_template_list_free(l);
    return true;
}

void
app_ask_text(struct app *a, const char *what, enum cs_status to,
             const char *prefill, int64_t fill_id, app_status_fn apply)
{
    /* What was typed for a decision refused on this idea comes back. */
    if (fill_id != 0 && model_stale_kept(&a->stale, fill_id)
        && (to == CS_STATUS_HIDDEN || cs_status_needs_answer(to))) {
        flow_prefill(model_stale_kept(&a->stale, fill_id));
        prefill = flow.prefill;
        model_stale_forget(&a->stale);
    }
    flow.apply = apply;
    flow.to = to;
    flow.fill_id = fill_id;
    if (what != flow.what)
        snprintf(flow.what, sizeof flow.what, "%s", what);
    if (prefill != flow.prefill)
        flow_prefill(prefill);
    switch (cs_status_text(to)) {
    case CS_TEXT_REASON:
        app_prompt(a, _("Reason for hiding: "), prefill ? prefill : "", 0,
                   to, status_text_done, NULL);
        break;
    case CS_TEXT_ANSWER:
        /* An answer being changed starts from itself; a new one may start
         * from a template. */
        if ((prefill && prefill[0]) || !ask_template(a))
            open_answer_editor(a);
        break;
    default:
        apply(a, to, NULL);
    }
}

void
app_status_failed(struct app *a, const struct cs_error *err,
                  enum cs_status to, const char *text)
{
    /* Another user writing for longer than the busy timeout must not cost
     * the answer typed: the dialog opens again with it, ready to save once
     * more. A refusal by a rule only shows its message. */
    if (err->code == CS_ESTALE && a->idea.loaded
        && (app_top(a) == SCR_IDEA || app_top(a) == SCR_TRIAGE)) {
        app_stale(a, err, STALE_STATUS, to, text, 0,
                  app_top(a) == SCR_TRIAGE ? screen_triage_redo
                                           : screen_idea_redo);
        return;
    }
    if (err->code == CS_ESTALE && flow.fill_id != 0)
        model_stale_refused(&a->stale, a->db, flow.fill_id, 0, STALE_STATUS,
                            to, text, 0, NULL);
    a->stale.open = false;
    if (err->code == CS_EBUSY && text != NULL && text[0] != '\0'
        && flow.apply != NULL)
        app_ask_text(a, flow.what, to, text, flow.fill_id, flow.apply);
    app_error(a, err);
}

void
app_stale(struct app *a, const struct cs_error *err, enum stale_op op,
          enum cs_status to, const char *text, int64_t into,
          void (*redo)(struct app *a))
{
    struct cs_error e;

    if (model_stale_refused(&a->stale, a->db, a->idea.id,
                            a->idea.idea.version, op, to, text, into, &e)
        != CS_OK) {
        app_error(a, err);
        return;
    }
    dialog_close(a);
    a->merge_pending = false;
    a->stale_redo = redo;
    a->dlg.kind = DLG_STALE;
    model_stale_title(&a->stale, a->dlg.title, sizeof a->dlg.title);
    a->dlg.done = NULL;
    app_error(a, err);
}

/* The refusal's two ways on. */
static void
stale_key(struct app *a, enum tui_action act)
{
    struct cs_error err;

    if (act != TUI_ACT_APPLY_ANYWAY && act != TUI_ACT_LOOK_AGAIN)
        return;
    a->dlg.kind = DLG_NONE;
    model_stale_close(&a->stale);
    if (act == TUI_ACT_APPLY_ANYWAY) {
        if (a->stale_redo)
            a->stale_redo(a);
        return;
    }
    cs_error_clear(&err);
    if (a->idea.loaded && model_idea_reload(&a->idea, &err) != CS_OK) {
        app_error(a, &err);
        return;
    }
    if (model_stale_kept(&a->stale, a->idea.id))
        app_message(a, _("Idea %lld as it is now (version %lld). What you "
                         "typed is kept for your next try."),
                    (long long)a->idea.id, (long long)a->idea.idea.version);
    else
        app_message(a, _("Idea %lld as it is now (version %lld)."),
                    (long long)a->idea.id, (long long)a->idea.idea.version);
}

static void
status_menu_done(struct app *a, bool ok)
{
    if (!ok) {
        app_message(a, "%s", _("Nothing changed."));
        return;
    }
    app_ask_text(a, flow.what,
                 (enum cs_status)model_menu_value(&a->dlg.menu),
                 flow.prefill, flow.fill_id, flow.apply);
}

void
app_ask_status(struct app *a, const char *what, int current,
               const char *prefill, int64_t fill_id, app_status_fn apply)
{
    char title[256];

    flow_prefill(prefill);
    flow.apply = apply;
    flow.fill_id = fill_id;
    snprintf(flow.what, sizeof flow.what, "%s", what);
    snprintf(title, sizeof title, _("New status for %s"), what);
    app_menu(a, title, 0, 0, status_menu_done);
    for (int s = 0; s < CS_STATUS_COUNT; s++) {
        char label[200], name[64];

        if (s == CS_STATUS_MERGED)
            continue;           /* merges have their own key */
        /* Padded by display width, not bytes: "réalisée" is 8 columns. */
        tui_fit(name, sizeof name, cs_status_label((enum cs_status)s), 14,
                true);
        snprintf(label, sizeof label, "%s %s", name,
                 cs_status_text((enum cs_status)s) == CS_TEXT_ANSWER
                     ? _("(with an official answer)")
                 : cs_status_text((enum cs_status)s) == CS_TEXT_REASON
                     ? _("(with a reason)") : "");
        model_menu_add(&a->dlg.menu, label, s);
    }
    if (current >= 0)
        model_menu_select_value(&a->dlg.menu, current);
}

/* ---------------------------------------------------------------- keys */

static const struct tui_keymap *
active_keys(const struct app *a)
{
    switch (a->dlg.kind) {
    case DLG_MENU: return &tui_keys_menu;
    case DLG_STALE: return &tui_keys_stale;
    case DLG_PROMPT:
    case DLG_EDITOR: return &tui_keys_editor;
    default: return app_screen(app_top(a))->keys;
    }
}

/* Quit, asking first when typed text would be lost. */
static void
quit(struct app *a)
{
    if ((a->dlg.kind == DLG_EDITOR || a->dlg.kind == DLG_PROMPT)
        && a->dlg.edit.changed && !tui_edit_is_blank(&a->dlg.edit)) {
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
dialog_key(struct app *a, int key)
{
    const struct tui_keymap *km = active_keys(a);
    enum tui_action act = tui_keymap_action(km, a->role, key);
    int h = app_body_rows(a, 1);

    if (act == TUI_ACT_QUIT) {
        quit(a);
        return;
    }
    if (act == TUI_ACT_REDRAW) {
        a->repaint = true;
        return;
    }
    switch (a->dlg.kind) {
    case DLG_STALE:
        stale_key(a, act);
        break;
    case DLG_MENU:
        if (act == TUI_ACT_OPEN)
            dialog_finish(a, true);
        else if (act == TUI_ACT_CANCEL)
            dialog_finish(a, false);
        else if (a->dlg.digit_values && key >= '0' && key <= '9') {
            /* Numbered items (templates): the digit is the number. */
            for (size_t i = 0; i < a->dlg.menu.count; i++)
                if (a->dlg.menu.items[i].value == key - '0') {
                    a->dlg.menu.sel = i;
                    dialog_finish(a, true);
                    break;
                }
        } else if (!a->dlg.digit_values && key >= '1' && key <= '9'
                   && (size_t)(key - '1') < a->dlg.menu.count) {
            /* Menus are short: a digit chooses its line at once. */
            a->dlg.menu.sel = (size_t)(key - '1');
            dialog_finish(a, true);
        } else
            model_menu_apply(&a->dlg.menu, act, h);
        break;
    case DLG_PROMPT:
        if (key == TUI_KEY_ENTER || act == TUI_ACT_SAVE)
            dialog_finish(a, true);
        else if (act == TUI_ACT_CANCEL)
            dialog_finish(a, false);
        else if (tui_edit_key(&a->dlg.edit, key, a->cols, 1)
                 && a->dlg.changed)
            a->dlg.changed(a);
        break;
    case DLG_EDITOR:
        if (act == TUI_ACT_SAVE)
            dialog_finish(a, true);
        else if (act == TUI_ACT_CANCEL)
            dialog_finish(a, false);
        else
            tui_edit_key(&a->dlg.edit, key == TUI_KEY_TAB ? ' ' : key,
                         a->cols, h);
        break;
    default:
        break;
    }
}

static void
screen_key(struct app *a, int key)
{
    const struct screen *s = app_screen(app_top(a));
    enum tui_action act = tui_keymap_action(s->keys, a->role, key);

    switch (act) {
    case TUI_ACT_QUIT:
        quit(a);
        return;
    case TUI_ACT_REDRAW:
        a->repaint = true;
        return;
    case TUI_ACT_HELP:
        a->help_for = s->keys;
        app_push(a, SCR_HELP);
        return;
    default:
        s->act(a, act, key);
    }
}

static void
mouse_key(struct app *a)
{
    int y, x;

    term_mouse(&y, &x);
    if (y == a->rows - 1) {
        int f = tui_bar_hit(&a->bar, x);

        if (f)
            (a->dlg.kind != DLG_NONE ? dialog_key : screen_key)(a,
                                                               TUI_KEY_F(f));
        return;
    }
    if (a->dlg.kind == DLG_MENU) {
        if (model_menu_click(&a->dlg.menu, y - 1, app_body_rows(a, 1)))
            dialog_finish(a, true);
        return;
    }
    if (a->dlg.kind == DLG_NONE && app_screen(app_top(a))->click)
        app_screen(app_top(a))->click(a, y);
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

static void
draw(struct app *a)
{
    const struct tui_keymap *km;
    char hint[TUI_ROW_BYTES];
    int cy = 0, cx = 0;
    bool visible = false;

    term_begin(a->repaint);
    a->repaint = false;
    if (a->too_small) {
        draw_too_small(a);
        term_end(0, 0, true);
        return;
    }
    km = active_keys(a);
    if (a->dlg.kind == DLG_MENU || a->dlg.kind == DLG_EDITOR
        || a->dlg.kind == DLG_STALE) {
        term_text(0, 0, a->dlg.title, a->cols, TUI_STYLE_TITLE);
        if (a->dlg.kind == DLG_STALE) {
            struct tui_row rows[64];
            int h = app_body_rows(a, 1);
            size_t n = model_stale_rows(&a->stale, a->cols, rows, 64);

            for (int i = 0; i < h; i++)
                term_text(i + 1, 0, (size_t)i < n ? rows[i].text : "",
                          a->cols, (size_t)i < n ? rows[i].style
                                                 : TUI_STYLE_NORMAL);
        } else if (a->dlg.kind == DLG_MENU) {
            struct tui_row rows[256];
            int h = app_body_rows(a, 1), cur = 0;
            size_t n = model_menu_rows(&a->dlg.menu, a->cols, h < 256 ? h
                                       : 256, rows, &cur);

            for (size_t i = 0; i < n; i++)
                term_text((int)i + 1, 0, rows[i].text, a->cols,
                          rows[i].style);
            cy = 1 + cur;
        } else {
            int h = app_body_rows(a, 1), row, col;
            struct tui_edit_line *lines = calloc((size_t)h, sizeof *lines);

            if (lines != NULL) {
                tui_edit_view(&a->dlg.edit, a->cols, h, lines, &row, &col);
                for (int i = 0; i < h; i++)
                    term_text(1 + i, 0, lines[i].text, a->cols,
                              TUI_STYLE_NORMAL);
                free(lines);
                cy = 1 + row;
                cx = col;
            }
            visible = true;
        }
    } else {
        app_screen(app_top(a))->draw(a, &cy, &cx);
    }
    /* The message line, or the prompt being typed. */
    if (a->dlg.kind == DLG_PROMPT) {
        struct tui_edit_line line;
        int lw = tui_width(a->dlg.label), row, col;

        term_text(msg_row(a), 0, a->dlg.label, lw, TUI_STYLE_HEADING);
        tui_edit_view(&a->dlg.edit, a->cols - lw, 1, &line, &row, &col);
        term_text(msg_row(a), lw, line.text, a->cols - lw,
                  TUI_STYLE_NORMAL);
        cy = msg_row(a);
        cx = lw + col;
        visible = true;
    } else if (a->dlg.kind == DLG_EDITOR && a->msg[0] == '\0') {
        term_text(msg_row(a), 0,
                  _("Enter: new line   F2 or Ctrl-S: save   Esc: cancel"),
                  a->cols, TUI_STYLE_HEADING);
    } else if (a->msg[0] == '\0' && !hint_shown(a)) {
        /* Say what a short terminal leaves out, or the hint that
         * cannot wait. */
        if (a->merge_pending)
            snprintf(hint, sizeof hint, "%s",
                     _("Type the number of the similar idea to merge into, "
                       "or Esc"));
        else
            snprintf(hint, sizeof hint,
                     _("Key hints hidden: the terminal has %d lines, they "
                       "need %d. F1 lists the keys."),
                     a->rows, APP_HINT_ROWS);
        term_text(msg_row(a), 0, hint, a->cols, TUI_STYLE_DIM);
    } else {
        term_text(msg_row(a), 0, a->msg, a->cols,
                  a->msg_error ? TUI_STYLE_ERROR : TUI_STYLE_NORMAL);
    }
    if (a->dlg.kind == DLG_NONE)
        a->accent_note = false;
    if (a->accent_note)
        snprintf(hint, sizeof hint, "%s", accent_note_text());
    else if (a->dlg.kind == DLG_PROMPT)
        snprintf(hint, sizeof hint, "%s",
                 _("Enter confirm  Esc cancel  Ctrl-U clear"));
    else if (a->merge_pending)
        snprintf(hint, sizeof hint, "%s",
                 _("Type the number of the similar idea to merge into, "
                   "or Esc"));
    else
        tui_keymap_hint(km, a->role, a->cols, hint, sizeof hint);
    if (hint_shown(a))
        term_text(a->rows - 2, 0, hint, a->cols, TUI_STYLE_DIM);
    tui_keymap_bar(km, a->role, a->cols, &a->bar);
    term_bar(a->rows - 1, &a->bar);
    term_end(cy, cx, visible);
}

static void
resize(struct app *a)
{
    term_size(&a->rows, &a->cols);
    a->too_small = a->rows < APP_MIN_ROWS || a->cols < APP_MIN_COLS;
    a->repaint = true;
    if (!a->too_small)
        for (int i = 0; i < SCR_COUNT; i++)
            if (app_screen((enum screen_id)i)->resize)
                app_screen((enum screen_id)i)->resize(a);
}

/* ---------------------------------------------------------------- run */

static void
start(struct app *a)
{
    struct cs_error err;
    enum cs_rc rc;

    rc = model_cons_init(&a->cons, a->db, a->cols, app_body_rows(a, 2),
                         &err);
    if (rc != CS_OK) {
        app_error(a, &err);
        a->depth = 1;
        a->stack[0] = SCR_CONS;
        return;
    }
    a->cons_open = true;
    a->depth = 1;
    a->stack[0] = SCR_CONS;
    /* One consultation: straight to its ideas (Esc or "c" goes up). */
    if (a->cons.list->count == 1) {
        a->cons_id = a->cons.list->items[0].id;
        snprintf(a->cons_code, sizeof a->cons_code, "%s",
                 a->cons.list->items[0].code);
        app_push(a, SCR_IDEAS);
    }
}

static void
app_free(struct app *a)
{
    dialog_close(a);
    if (a->cons_open)
        model_cons_free(&a->cons);
    if (a->ideas_open)
        model_ideas_free(&a->ideas);
    model_idea_free(&a->idea);
    model_stats_free(&a->stats);
    model_templates_free(&a->templates);
    model_help_free(&a->help);
    model_stale_free(&a->stale);
    flow_prefill(NULL);
}

/* Without a key, how often what others changed is looked for. */
#define REFRESH_MS 2000

/*
 * What others changed shows within REFRESH_MS, or after the next key: one
 * cheap query (cs_db_change_mark), and the screen's rows are read again
 * only when something was written. Never under an open dialog: a
 * decision being made stays on the version its screen showed (the core
 * refuses it if the idea moved on). True when the screen was read again.
 */
static bool
refresh_if_changed(struct app *a)
{
    struct cs_error err;
    int64_t mark = 0;
    char note[256];
    enum cs_rc rc = CS_OK;

    if (a->too_small || a->dlg.kind != DLG_NONE || a->merge_pending
        || a->ask_quit)
        return false;
    if (cs_db_change_mark(a->db, &mark, NULL) != CS_OK
        || mark == a->change_mark)
        return false;
    a->change_mark = mark;
    cs_error_clear(&err);
    switch (app_top(a)) {
    case SCR_IDEAS:
        if (!a->ideas_open)
            return false;
        rc = model_ideas_apply(&a->ideas, TUI_ACT_REFRESH, &err);
        break;
    case SCR_IDEA:
    case SCR_TRIAGE:
        if (!a->idea.loaded)
            return false;
        rc = model_idea_refresh(&a->idea, note, sizeof note, &err);
        if (rc == CS_OK && note[0])
            app_message(a, "%s", note);
        break;
    default:
        return false;
    }
    if (rc != CS_OK)
        app_error(a, &err);
    return true;
}

/* True while the screen on top has work to finish between keys. */
static bool
busy(const struct app *a)
{
    if (a->too_small || a->dlg.kind == DLG_EDITOR)
        return false;
    if (app_top(a) == SCR_IDEAS && a->ideas_open)
        return a->search_pending || a->ideas.counting;
    return app_top(a) == SCR_CONS && a->cons_open && a->cons.counting;
}

static void
idle_step(struct app *a)
{
    struct cs_error err;
    enum cs_rc rc;

    if (app_top(a) == SCR_CONS)
        rc = model_cons_count_step(&a->cons, &err);
    else if (a->search_pending)
        rc = screen_ideas_search_now(a, &err);
    else
        rc = model_ideas_count_step(&a->ideas, &err);
    if (rc != CS_OK)
        app_error(a, &err);
}

static int
run(struct cs_db *db, const struct term_opts *o)
{
    struct app a;

    memset(&a, 0, sizeof a);
    a.db = db;
    a.role = cs_db_role(db);
    if (!term_start(o)) {
        fprintf(stderr, "%s: %s\n", cli_progname,
                _("cannot start the terminal interface."));
        return EXIT_SOFTWARE;
    }
    term_size(&a.rows, &a.cols);
    a.too_small = a.rows < APP_MIN_ROWS || a.cols < APP_MIN_COLS;
    cs_db_change_mark(db, &a.change_mark, NULL);
    start(&a);
    while (!a.quit) {
        int key;

        draw(&a);
        /* Work left (a count) goes on while no key comes, one short step
         * at a time; the screen is drawn again once it is done. Idle,
         * others' changes are looked for every REFRESH_MS. */
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
                (a.dlg.kind != DLG_NONE ? dialog_key : screen_key)(
                    &a, key == TUI_KEY_WHEEL_UP ? TUI_KEY_UP : TUI_KEY_DOWN);
            continue;
        }
        if (a.dlg.kind != DLG_NONE)
            dialog_key(&a, key);
        else
            screen_key(&a, key);
        /* After the key, not before: it acts on what the screen showed. */
        refresh_if_changed(&a);
    }
    term_stop();
    app_free(&a);
    return EXIT_OK;
}

/* `consult tui --keys` (not in the usage: for the manual's test): every
 * screen's keys as the help screen gives them, for an admin (who sees
 * every action), one "SCREEN<TAB>KEYS<TAB>WHAT THEY DO" line each. */
static int
print_keys(void)
{
    struct tui_help_line lines[64];

    for (size_t k = 0; tui_keymaps[k] != NULL; k++) {
        const struct tui_keymap *km = tui_keymaps[k];
        size_t n = tui_keymap_help(km, CS_ROLE_ADMIN, lines, 64);

        if (n > 64)
            n = 64;
        for (size_t i = 0; i < n; i++)
            printf("%s\t%s\t%s\n", _(km->title), lines[i].keys,
                   lines[i].text);
    }
    return EXIT_OK;
}

int
cmd_tui(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "no-mouse", no_argument, NULL, 'm' },
        { "cursor", no_argument, NULL, 'c' },       /* the default */
        { "no-cursor", no_argument, NULL, 'C' },
        { "keys", no_argument, NULL, 'k' },
        { NULL, 0, NULL, 0 },
    };
    struct term_opts o = { true, true };
    struct cs_db *db = NULL;
    bool keys = false;
    int c, code;

    while (argc > 0 && (c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'm': o.mouse = false; break;
        case 'c': o.cursor = true; break;
        case 'C': o.cursor = false; break;
        case 'k': keys = true; break;
        default: return cli_usage_error("tui", "%s", _("bad option."));
        }
    }
    if (argc > 0 && optind < argc)
        return cli_usage_error("tui", "%s", _("too many arguments."));
    if (keys)
        return print_keys();
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return cli_usage_error("tui", "%s",
                               _("the terminal interface needs a terminal."));
    if ((code = cli_open(g, false, &db)) != 0)
        return code;
    code = run(db, &o);
    cs_db_close(db);
    return code;
}
