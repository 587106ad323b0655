/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_import.c: the import screen, opened from the ideas list (I).
 * First a file browser in the current directory (Enter opens a directory
 * or the file, Backspace or ".." goes up); then the file: the encoding
 * and delimiter found, the kind, consultation, channel and paper batch,
 * each column with the field read from it and its first rows' cells
 * (Enter on a column changes its field); d runs a dry run, which lists
 * the themes the file names that the consultation lacks (Enter or t
 * creates the one on the cursor); F2 or i imports with a progress bar on
 * the message line, which Esc stops (after a y): nothing of it is kept.
 * The result gives the counts and the refused rows with their reasons.
 * Every rule is the core's: the model (model_import.c) calls it.
 */
#include "screen.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model_import.h"
#include "term.h"

enum import_ask { ASK_KIND, ASK_CONS, ASK_CHANNEL, ASK_BATCH, ASK_FIELD,
                  ASK_THEME };

struct import_screen {
    struct model_import m;
    bool open;
    struct dialog dlg;
    enum import_ask asking;
    int theme;                  /* the missing theme asked about */
    struct cs_consultation_list *conses;    /* owned: the menu's */
};

static void
import_open(struct app *a, void *st, int64_t arg)
{
    struct import_screen *s = st;
    struct cs_error err;

    (void)arg;
    dialog_init(&s->dlg);
    cs_error_clear(&err);
    if (model_import_init(&s->m, a->db, a->cons_code, NULL, a->cols, &err)
        != CS_OK)
        app_error(a, &err);
    s->open = true;
}

static void
import_close(struct app *a, void *st)
{
    struct import_screen *s = st;

    (void)a;
    if (s->open)
        model_import_free(&s->m);
    cs_consultation_list_free(s->conses);
    dialog_clear(&s->dlg);
}

static void
import_resize(struct app *a, void *st)
{
    struct import_screen *s = st;

    s->m.width = a->cols;
}

static void asked(struct app *a, void *owner, enum dlg_result r);

static void
ask(struct app *a, struct import_screen *s, enum import_ask what)
{
    struct cs_error err;
    char title[512];

    cs_error_clear(&err);
    s->asking = what;
    switch (what) {
    case ASK_KIND:
        dialog_pick(&s->dlg, _("What does the file hold?"), DLG_DIGITS_LINE,
                    NULL);
        model_import_kind_menu(&s->m, &s->dlg.menu);
        break;
    case ASK_CONS:
        dialog_pick(&s->dlg, _("Into which consultation?"), DLG_DIGITS_LINE,
                    NULL);
        cs_consultation_list_free(s->conses);
        s->conses = NULL;
        if (cs_consultation_list(a->db, &s->conses, &err) != CS_OK) {
            dialog_clear(&s->dlg);
            app_error(a, &err);
            return;
        }
        for (size_t i = 0; i < s->conses->count; i++) {
            snprintf(title, sizeof title, "%-10s %s",
                     s->conses->items[i].code,
                     s->conses->items[i].title ? s->conses->items[i].title
                                               : "");
            model_menu_add(&s->dlg.menu, title, (int64_t)i);
            if (strcmp(s->conses->items[i].code, s->m.cons) == 0)
                model_menu_select_value(&s->dlg.menu, (int64_t)i);
        }
        break;
    case ASK_CHANNEL:
        dialog_pick(&s->dlg, _("Channel of the rows that name none"),
                    DLG_DIGITS_LINE, NULL);
        model_import_channel_menu(&s->m, &s->dlg.menu);
        break;
    case ASK_BATCH:
        dialog_pick(&s->dlg, _("The paper batch the file fills"),
                    DLG_DIGITS_LINE, NULL);
        if (model_import_batch_menu(&s->m, &s->dlg.menu, &err) != CS_OK) {
            dialog_clear(&s->dlg);
            app_error(a, &err);
            return;
        }
        break;
    case ASK_FIELD:
        snprintf(title, sizeof title, _("Read column \"%s\" as"),
                 s->m.headers[model_import_column(&s->m)]);
        dialog_pick(&s->dlg, title, DLG_DIGITS_LINE, NULL);
        model_import_field_menu(&s->m, &s->dlg.menu);
        break;
    case ASK_THEME:
        snprintf(title, sizeof title, _("Create the theme \"%s\" in %s?"),
                 s->m.rep.missing_themes[s->theme].title, s->m.cons);
        dialog_confirm(&s->dlg, title, _("Its code is made from its title; "
                                         "the dry run runs again after."),
                       _("Create it?"), true);
        break;
    }
    app_dialog(a, &s->dlg, s, asked);
}

static void
asked(struct app *a, void *owner, enum dlg_result r)
{
    struct import_screen *s = owner;
    struct cs_error err;
    char code[33] = "";
    int64_t v;

    if (r == DLG_CANCEL) {
        dialog_clear(&s->dlg);
        return;
    }
    if (r != DLG_OK)
        return;
    cs_error_clear(&err);
    v = s->asking == ASK_THEME ? 0 : dialog_value(&s->dlg);
    dialog_clear(&s->dlg);
    switch (s->asking) {
    case ASK_KIND:
        model_import_set_kind(&s->m, (enum cs_import_kind)v);
        break;
    case ASK_CONS:
        if (s->conses && v >= 0 && (size_t)v < s->conses->count
            && model_import_set_cons(&s->m, s->conses->items[v].code, &err)
               != CS_OK)
            app_error(a, &err);
        break;
    case ASK_CHANNEL:
        model_import_set_channel(&s->m, (int)v);
        break;
    case ASK_BATCH:
        model_import_set_batch(&s->m, v);
        break;
    case ASK_FIELD:
        if (model_import_column(&s->m) >= 0)
            model_import_map(&s->m, (size_t)model_import_column(&s->m),
                             (int)v);
        break;
    case ASK_THEME:
        if (model_import_create_theme(&s->m, (size_t)s->theme, code, &err)
            != CS_OK)
            app_error(a, &err);
        else
            app_message(a, _("Theme %s created; the dry run ran again."),
                        code);
        break;
    }
}

static void
create_theme(struct app *a, struct import_screen *s)
{
    int t = model_import_missing(&s->m);

    if (t < 0) {
        app_message(a, "%s", _("Put the cursor on a missing theme: a dry "
                               "run (d) lists them."));
        return;
    }
    s->theme = t;
    ask(a, s, ASK_THEME);
}

static void
change(struct app *a, struct import_screen *s)
{
    struct cs_error err;

    cs_error_clear(&err);
    if (s->m.view == IMPORT_VIEW_BROWSE) {
        if (model_import_enter(&s->m, &err) != CS_OK)
            app_error(a, &err);
        return;
    }
    if (s->m.view != IMPORT_VIEW_FILE)
        return;
    if (model_import_column(&s->m) >= 0) {
        ask(a, s, ASK_FIELD);
        return;
    }
    if (model_import_missing(&s->m) >= 0) {
        create_theme(a, s);
        return;
    }
    switch (s->m.line) {
    case IMPORT_LINE_KIND:
        ask(a, s, ASK_KIND);
        return;
    case IMPORT_LINE_CONS:
        ask(a, s, ASK_CONS);
        return;
    case IMPORT_LINE_CHANNEL:
        ask(a, s, ASK_CHANNEL);
        return;
    case IMPORT_LINE_BATCH:
        ask(a, s, ASK_BATCH);
        return;
    default:
        return;
    }
}

/* ---------------------------------------------------------------- progress */

struct progress {
    struct app *a;
    struct timespec start;      /* when the run began */
    struct timespec last;
    bool shown;
    struct cs_import_progress p;
};

static double
since(const struct timespec *t)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec)
           + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void
show_progress(struct progress *pg)
{
    char line[TUI_ROW_BYTES];

    model_import_progress_text(&pg->p, since(&pg->start), pg->a->cols,
                               line, sizeof line);
    app_message(pg->a, "%s", line);
    app_draw(pg->a);
    clock_gettime(CLOCK_MONOTONIC, &pg->last);
    pg->shown = true;
}

/* Called by the import after each block it read: the gauge at most once
 * a second, and a key read without waiting; Esc asks whether to stop. */
static bool
on_progress(void *ctx, const struct cs_import_progress *p)
{
    struct progress *pg = ctx;
    int key;

    pg->p = *p;
    if (!pg->shown || since(&pg->last) >= 1.0)
        show_progress(pg);
    key = term_read_key(0);
    if (key == TUI_KEY_RESIZE) {
        term_size(&pg->a->rows, &pg->a->cols);
        pg->a->repaint = true;
        show_progress(pg);
        return true;
    }
    if (key != TUI_KEY_ESC && key != 'q' && key != TUI_KEY_F(9)
        && key != TUI_KEY_F(10))
        return true;
    app_message(pg->a, "%s", _("Stop the import? Nothing of it will be "
                               "kept. (y/n)"));
    app_draw(pg->a);
    for (;;) {
        key = term_read_key(-1);
        if (key == 'y' || key == 'Y' || key == *_("y"))
            return false;
        if (key == 'n' || key == 'N' || key == TUI_KEY_ESC
            || key == *_("n"))
            break;
    }
    show_progress(pg);
    return true;
}

static void
run(struct app *a, struct import_screen *s, bool dry)
{
    struct progress pg;
    struct cs_error err;
    char sum[TUI_ROW_BYTES];
    enum cs_rc rc;

    memset(&pg, 0, sizeof pg);
    pg.a = a;
    clock_gettime(CLOCK_MONOTONIC, &pg.start);
    cs_error_clear(&err);
    if (s->m.view == IMPORT_VIEW_BROWSE) {
        app_message(a, "%s", _("Choose a file first (Enter)."));
        return;
    }
    if (dry)
        app_message(a, "%s", _("Dry run..."));
    else
        app_message(a, "%s", _("Importing..."));
    app_draw(a);
    rc = model_import_run(&s->m, dry, on_progress, &pg, &err);
    /* A key pressed while the import could not read it (its last
     * statements, the commit) was meant for the import: it does not
     * leave the result unseen. */
    term_flush_input();
    model_import_summary(&s->m, sum, sizeof sum);
    if (rc == CS_OK && !dry)
        model_import_show_result(&s->m);
    if (rc == CS_OK || rc == CS_ECANCELED)
        app_message(a, "%s", sum);
    else
        app_error(a, &err);
}

static void
import_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct import_screen *s = st;
    struct cs_error err;

    (void)key;
    cs_error_clear(&err);
    switch (act) {
    case TUI_ACT_BACK:
        app_pop(a);
        return;
    case IMPORT_ACT_PARENT:
        if (!model_import_parent(&s->m, &err) && err.msg[0])
            app_error(a, &err);
        return;
    case TUI_ACT_OPEN:
        change(a, s);
        return;
    case TUI_ACT_ADD:
        create_theme(a, s);
        return;
    case IMPORT_ACT_DRY:
        run(a, s, true);
        return;
    case IMPORT_ACT_RUN:
        run(a, s, false);
        return;
    case IMPORT_ACT_REFUSED:
        if (!model_import_show_result(&s->m))
            app_message(a, "%s", _("Nothing ran yet: a dry run (d) or an "
                                   "import (F2) first."));
        return;
    default:
        model_import_apply(&s->m, act, app_body_rows(a, 1));
        return;
    }
}

static void
import_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct import_screen *s = st;
    struct tui_row rows[128];
    char line[TUI_ROW_BYTES];
    int cursor = 0;
    size_t n;

    model_import_header(&s->m, line, sizeof line);
    n = model_import_rows(&s->m, rows,
                          app_rows_shown(a, sizeof rows / sizeof rows[0]),
                          &cursor);
    app_draw_rows(a, line, rows, n);
    *cy = 1 + cursor;
    *cx = 0;
}

const struct screen screen_import = {
    .size = sizeof(struct import_screen),
    .open = import_open,
    .key = import_key,
    .draw = import_draw,
    .resize = import_resize,
    .close = import_close,
};
