/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_tally.c: the tally sheet. The source and the day are asked once
 * (two prompts), then the consultation's ideas are a grid where the agent
 * types the votes for and against of each line as the paper sheet gives
 * them; F2 or Ctrl-S saves every typed line at once, Esc leaves (asking
 * first when typed lines are not saved). F4 lists a short list instead
 * of every idea: a paper batch's ideas, a tag's, or numbers typed in the
 * sheet's order. Opened from the ideas list.
 */
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model_tally.h"
#include "term.h"

/* Which ideas the sheet lists, as chosen from the list (F4). */
enum tally_which {
    WHICH_EVERY = 0,            /* every idea of the consultation */
    WHICH_BATCH,                /* a paper batch's */
    WHICH_TAG,                  /* those with a tag */
    WHICH_NUMBERS               /* numbers typed, as on the sheet */
};

struct tally_screen {
    struct model_tally sheet;
    struct dialog dlg;          /* source, day, leave?, the short list */
    bool ready;                 /* the sheet is open */
    char source[200];           /* as typed, kept between prompts */
    char date[32];
    char tag[64];               /* the short list's tag, as typed */
    char numbers[512];          /* ...or its numbers */
};

static void ask_which(struct app *a, struct tally_screen *s);

static void ask_source(struct app *a, struct tally_screen *s);
static void ask_date(struct app *a, struct tally_screen *s);

static int
grid_rows(const struct app *a)
{
    int h = app_body_rows(a, 2);

    return h > 0 ? h : 1;
}

static void
date_done(struct app *a, void *owner, enum dlg_result r)
{
    struct tally_screen *s = owner;
    struct cs_error err;

    if (r != DLG_OK) {
        /* Back to the source, which is kept. */
        ask_source(a, s);
        return;
    }
    snprintf(s->date, sizeof s->date, "%s", dialog_text(&s->dlg));
    cs_error_clear(&err);
    if (model_tally_open(&s->sheet, a->db, a->cons_id, a->cons_code,
                         s->source, s->date, &err) != CS_OK) {
        app_error(a, &err);
        if (strcmp(err.field, "source") == 0)
            ask_source(a, s);
        else
            ask_date(a, s);
        /* Said under the prompt, which takes the message line. */
        snprintf(s->dlg.note, sizeof s->dlg.note, "%s", err.msg);
        return;
    }
    s->ready = true;
    dialog_clear(&s->dlg);
    app_message(a, "%s", _("Type the counts of each line: digits, Tab or "
                           "Enter to the next count; F2 saves."));
}

static void
ask_date(struct app *a, struct tally_screen *s)
{
    dialog_line(&s->dlg, _("Day of the session (YYYY-MM-DD): "), s->date);
    app_dialog(a, &s->dlg, s, date_done);
}

static void
source_done(struct app *a, void *owner, enum dlg_result r)
{
    struct tally_screen *s = owner;

    if (r != DLG_OK) {
        dialog_clear(&s->dlg);
        app_pop(a);
        return;
    }
    snprintf(s->source, sizeof s->source, "%s", dialog_text(&s->dlg));
    ask_date(a, s);
}

static void
ask_source(struct app *a, struct tally_screen *s)
{
    dialog_line(&s->dlg, _("Source (workshop or ballot box): "), s->source);
    app_dialog(a, &s->dlg, s, source_done);
}

static void
tally_open(struct app *a, void *st, int64_t arg)
{
    struct tally_screen *s = st;
    time_t now = time(NULL);
    struct tm tm;

    (void)arg;
    dialog_init(&s->dlg);
    model_tally_init(&s->sheet);
    /* Today, on the desk's clock, unless the agent types another day. */
    if (localtime_r(&now, &tm) != NULL)
        strftime(s->date, sizeof s->date, "%Y-%m-%d", &tm);
    ask_source(a, s);
}

static void
tally_close(struct app *a, void *st)
{
    struct tally_screen *s = st;

    (void)a;
    model_tally_free(&s->sheet);
    dialog_clear(&s->dlg);
}

static void
leave_done(struct app *a, void *owner, enum dlg_result r)
{
    struct tally_screen *s = owner;

    dialog_clear(&s->dlg);
    if (r == DLG_OK)
        app_pop(a);
    else
        app_message(a, "%s", _("Go on typing."));
}

static void
save(struct app *a, struct tally_screen *s)
{
    struct cs_tally_sheet_result res;
    struct cs_error err;

    if (model_tally_typed(&s->sheet) == 0) {
        app_message(a, "%s", _("No line is typed: nothing to save."));
        return;
    }
    cs_error_clear(&err);
    if (model_tally_save(&s->sheet, &res, &err) != CS_OK) {
        app_error(a, &err);
        return;
    }
    /* TRANSLATORS: after saving a tally sheet: how many of its lines were
     * new sessions, replaced counts, or the counts the session had. */
    app_message(a, _("Tally sheet saved: %zu added, %zu replaced, %zu "
                     "unchanged."), res.added, res.replaced, res.unchanged);
}

/* Open the sheet again on `scope`, the same source and day; the sheet
 * shown stays when that is refused. True when it opened. */
static bool
reopen(struct app *a, struct tally_screen *s, const struct tally_scope *sc)
{
    struct model_tally next;
    struct cs_error err;

    model_tally_init(&next);
    cs_error_clear(&err);
    if (model_tally_open_scope(&next, a->db, a->cons_id, a->cons_code,
                               s->sheet.source, s->sheet.date, sc, &err)
        != CS_OK) {
        app_error(a, &err);
        snprintf(s->dlg.note, sizeof s->dlg.note, "%s", err.msg);
        return false;
    }
    model_tally_free(&s->sheet);
    s->sheet = next;
    app_message(a, ngettext("%zu line on the sheet.",
                            "%zu lines on the sheet.", s->sheet.count),
                s->sheet.count);
    return true;
}

static void ask_tag(struct app *a, struct tally_screen *s);
static void ask_numbers(struct app *a, struct tally_screen *s);

static void
batch_done(struct app *a, void *owner, enum dlg_result r)
{
    struct tally_screen *s = owner;
    struct tally_scope sc = { 0 };

    if (r != DLG_OK) {
        ask_which(a, s);
        return;
    }
    sc.batch_id = dialog_value(&s->dlg);
    if (reopen(a, s, &sc))
        dialog_clear(&s->dlg);
    else
        app_dialog(a, &s->dlg, s, batch_done);
}

static void
tag_done(struct app *a, void *owner, enum dlg_result r)
{
    struct tally_screen *s = owner;
    struct tally_scope sc = { 0 };

    if (r != DLG_OK) {
        ask_which(a, s);
        return;
    }
    snprintf(s->tag, sizeof s->tag, "%s", dialog_text(&s->dlg));
    sc.tag = s->tag;
    if (s->tag[0] && reopen(a, s, &sc)) {
        dialog_clear(&s->dlg);
        return;
    }
    ask_tag(a, s);
    if (!s->tag[0])
        snprintf(s->dlg.note, sizeof s->dlg.note, "%s",
                 _("Type the tag of the ideas on the sheet."));
}

static void
ask_tag(struct app *a, struct tally_screen *s)
{
    char note[256];

    snprintf(note, sizeof note, "%s", s->dlg.note);
    dialog_line(&s->dlg, _("Tag of the ideas on the sheet: "), s->tag);
    snprintf(s->dlg.note, sizeof s->dlg.note, "%s", note);
    app_dialog(a, &s->dlg, s, tag_done);
}

static void
numbers_done(struct app *a, void *owner, enum dlg_result r)
{
    struct tally_screen *s = owner;
    struct tally_scope sc = { 0 };
    struct cs_error err;
    int64_t *ids = NULL;
    size_t n = 0;

    if (r != DLG_OK) {
        ask_which(a, s);
        return;
    }
    snprintf(s->numbers, sizeof s->numbers, "%s", dialog_text(&s->dlg));
    cs_error_clear(&err);
    if (model_tally_parse_ids(s->numbers, &ids, &n, &err) != CS_OK) {
        app_error(a, &err);
        snprintf(s->dlg.note, sizeof s->dlg.note, "%s", err.msg);
        ask_numbers(a, s);
        return;
    }
    sc.ids = ids;
    sc.id_count = n;
    if (reopen(a, s, &sc))
        dialog_clear(&s->dlg);
    else
        ask_numbers(a, s);
    free(ids);
}

static void
ask_numbers(struct app *a, struct tally_screen *s)
{
    char note[256];

    snprintf(note, sizeof note, "%s", s->dlg.note);
    dialog_line(&s->dlg, _("Idea numbers, as on the sheet (12 3 7-9): "),
                s->numbers);
    snprintf(s->dlg.note, sizeof s->dlg.note, "%s", note);
    app_dialog(a, &s->dlg, s, numbers_done);
}

static void
which_done(struct app *a, void *owner, enum dlg_result r)
{
    struct tally_screen *s = owner;
    struct cs_batch_list *bl = NULL;
    struct cs_error err;
    char label[200];

    if (r != DLG_OK) {
        dialog_clear(&s->dlg);
        app_message(a, "%s", _("The sheet keeps its lines."));
        return;
    }
    s->dlg.note[0] = '\0';
    switch ((enum tally_which)dialog_value(&s->dlg)) {
    case WHICH_EVERY:
        if (reopen(a, s, NULL))
            dialog_clear(&s->dlg);
        else
            app_dialog(a, &s->dlg, s, which_done);
        return;
    case WHICH_BATCH:
        cs_error_clear(&err);
        if (cs_batch_list(a->db, a->cons_id, &bl, &err) != CS_OK) {
            dialog_clear(&s->dlg);
            app_error(a, &err);
            return;
        }
        dialog_pick(&s->dlg, _("The ideas of paper batch"), DLG_DIGITS_LINE,
                    NULL);
        for (size_t i = 0; i < bl->count; i++) {
            snprintf(label, sizeof label, "%lld %s (%lld)",
                     (long long)bl->items[i].id, bl->items[i].label,
                     (long long)bl->items[i].keyed);
            model_menu_add(&s->dlg.menu, label, bl->items[i].id);
        }
        cs_batch_list_free(bl);
        if (s->dlg.menu.count == 0) {
            dialog_clear(&s->dlg);
            app_message(a, "%s", _("This consultation has no paper "
                                   "batch."));
            return;
        }
        app_dialog(a, &s->dlg, s, batch_done);
        return;
    case WHICH_TAG:
        ask_tag(a, s);
        return;
    case WHICH_NUMBERS:
    default:
        ask_numbers(a, s);
        return;
    }
}

/* Which ideas the sheet lists: every one, or a short list. */
static void
ask_which(struct app *a, struct tally_screen *s)
{
    dialog_pick(&s->dlg, _("Ideas on the sheet"), DLG_DIGITS_LINE, NULL);
    model_menu_add(&s->dlg.menu, _("Every idea of the consultation"),
                   WHICH_EVERY);
    model_menu_add(&s->dlg.menu, _("The ideas of a paper batch"),
                   WHICH_BATCH);
    model_menu_add(&s->dlg.menu, _("The ideas with a tag"), WHICH_TAG);
    model_menu_add(&s->dlg.menu, _("Ideas by number, as on the sheet"),
                   WHICH_NUMBERS);
    app_dialog(a, &s->dlg, s, which_done);
}

static void
tally_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct tally_screen *s = st;
    size_t typed;
    char about[256];

    if (!s->ready) {
        if (act == TUI_ACT_BACK)
            app_pop(a);
        else
            ask_source(a, s);
        return;
    }
    switch (act) {
    case TUI_ACT_SAVE:
        save(a, s);
        break;
    case TALLY_ACT_LIST:
        if (model_tally_typed(&s->sheet) > 0) {
            app_message(a, "%s", _("Save the lines typed first (F2)."));
            break;
        }
        ask_which(a, s);
        break;
    case TUI_ACT_BACK:
        typed = model_tally_typed(&s->sheet);
        if (typed == 0) {
            app_pop(a);
            break;
        }
        snprintf(about, sizeof about,
                 ngettext("%zu line typed is not saved.",
                          "%zu lines typed are not saved.", typed), typed);
        dialog_confirm(&s->dlg, _("Leave the tally sheet?"), about,
                       _("Leave without saving? (y/n) "), false);
        app_dialog(a, &s->dlg, s, leave_done);
        break;
    default:
        model_tally_key(&s->sheet, key, grid_rows(a));
        break;
    }
}

static void
tally_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct tally_screen *s = st;
    struct tui_row rows[256];
    char line[TUI_ROW_BYTES];
    int h = grid_rows(a), y = 0, x = 0;
    size_t n;

    if (!s->ready) {
        term_text(0, 0, _("Tally sheet"), a->cols, TUI_STYLE_TITLE);
        *cy = 0;
        *cx = 0;
        return;
    }
    model_tally_header(&s->sheet, line, sizeof line);
    term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
    model_tally_heading(&s->sheet, a->cols, line, sizeof line);
    term_text(1, 0, line, a->cols, TUI_STYLE_HEADING);
    n = model_tally_rows(&s->sheet, a->cols, rows,
                         (size_t)(h < 256 ? h : 256), &y, &x);
    for (size_t i = 0; i < n; i++)
        term_text(2 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
    if (n == 0)
        term_text(2, 0, _("This consultation has no idea that can receive "
                          "tallies."), a->cols, TUI_STYLE_NORMAL);
    *cy = 2 + y;
    *cx = x < a->cols ? x : a->cols - 1;
}

static bool
tally_unsaved(struct app *a, void *st)
{
    struct tally_screen *s = st;

    (void)a;
    return s->ready && model_tally_typed(&s->sheet) > 0;
}

static void
tally_refresh(struct app *a, void *st)
{
    struct tally_screen *s = st;
    struct cs_error err;

    if (s->ready && model_tally_reread(&s->sheet, &err) != CS_OK)
        app_error(a, &err);
}

static void
tally_click(struct app *a, void *st, int line)
{
    struct tally_screen *s = st;
    size_t i;

    (void)a;
    if (!s->ready || line < 2)
        return;
    i = s->sheet.top + (size_t)(line - 2);
    if (i < s->sheet.count)
        s->sheet.sel = i;
}

const struct screen screen_tally = {
    .size = sizeof(struct tally_screen),
    .open = tally_open,
    .key = tally_key,
    .draw = tally_draw,
    .refresh = tally_refresh,
    .click = tally_click,
    .unsaved = tally_unsaved,
    .close = tally_close,
};
