/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * screen_form.c: the entry form, where an agent keys paper forms one
 * after the other (model_form.h): Tab and Enter go from field to field,
 * F2 or Ctrl-S saves and opens the next blank form. A reference already
 * used and a very similar idea come up as a choice over the form; a save
 * refused keeps everything typed and says why; Esc on a half-typed form
 * asks first. Opened on a keyed idea, the form corrects it.
 *
 * With CONSULT_FORM_TIMINGS naming a file, each save appends two lines:
 * "keys<TAB>KEYS", the navigation keys (Tab, Shift-Tab, Enter out of a
 * field, the save) the form took, and "save<TAB>MS<TAB>CPU", the
 * milliseconds from the save key to the next blank form drawn (the checks
 * and the write included, not the typing) and the processor time the
 * program spent in them (the same unless other work shares the
 * processor); a benchmark reads them (bench/form.sh).
 */
#define _POSIX_C_SOURCE 200809L

#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model_form.h"
#include "term.h"

#define FORM_ROWS 200

struct form_screen {
    struct model_form form;
    bool ready;                 /* the form opened */
    struct dialog dlg;          /* a warning, a question, a reference */
    bool pop_after_save;        /* opened from the list to correct one */
    FILE *timings;              /* CONSULT_FORM_TIMINGS, or NULL */
    int64_t t_save_us;          /* when the save key came, 0: none */
    int64_t c_save_us;          /* the process's processor time then */
    int nav_keys;               /* navigation keys of this form */
};

static int64_t
us_of(clockid_t clock)
{
    struct timespec ts;

    clock_gettime(clock, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int64_t
clock_us(void)
{
    return us_of(CLOCK_MONOTONIC);
}

static void save(struct app *a, struct form_screen *s, bool anyway);

static void
form_open(struct app *a, void *st, int64_t arg)
{
    struct form_screen *s = st;
    struct cs_error err;
    const char *log = getenv("CONSULT_FORM_TIMINGS");
    int64_t batch = a->start_batch;

    dialog_init(&s->dlg);
    a->start_batch = 0;
    if (a->cons_id == 0) {
        app_message(a, "%s", _("Choose a consultation first."));
        return;
    }
    cs_error_clear(&err);
    if (model_form_open(&s->form, a->db, a->cons_id, a->cons_code, &err)
        != CS_OK) {
        app_error(a, &err);
        return;
    }
    s->ready = true;
    if (log && log[0])
        s->timings = fopen(log, "a");
    if (batch != 0 && model_form_set_batch(&s->form, batch, &err) != CS_OK)
        app_error(a, &err);
    if (arg != 0) {
        s->pop_after_save = true;
        if (model_form_load(&s->form, arg, &err) != CS_OK) {
            app_error(a, &err);
            s->pop_after_save = false;
        }
    }
}

static void
form_close(struct app *a, void *st)
{
    struct form_screen *s = st;

    (void)a;
    if (s->form.db != NULL)     /* opened, even if it failed half-way */
        model_form_free(&s->form);
    dialog_clear(&s->dlg);
    if (s->timings)
        fclose(s->timings);
}

static bool
form_unsaved(struct app *a, void *st)
{
    struct form_screen *s = st;

    (void)a;
    return s->ready && model_form_is_dirty(&s->form);
}

/* After a save: say what was written, and measure until the blank form
 * is drawn. */
static void
saved(struct app *a, struct form_screen *s, int64_t t0, bool support,
      bool corrected)
{
    if (support)
        app_message(a, _("Support recorded for idea %lld, the text as a "
                         "remark; next form."),
                    (long long)s->form.saved_id);
    else if (corrected)
        app_message(a, _("Idea %lld corrected."),
                    (long long)s->form.saved_id);
    else if (s->form.batch_id && s->form.outcome == CS_KEY_FIRST)
        app_message(a, _("Saved as idea %lld, first entry: another agent "
                         "keys it again to check it; next form."),
                    (long long)s->form.saved_id);
    else if (s->form.batch_id && s->form.outcome == CS_KEY_VERIFIED)
        app_message(a, _("Second entry: it agrees with the first, idea %lld "
                         "is verified; next form."),
                    (long long)s->form.saved_id);
    else if (s->form.batch_id && s->form.outcome == CS_KEY_DISPUTED)
        app_message(a, _("Second entry: it differs from the first, idea "
                         "%lld is disputed until someone settles it; next "
                         "form."), (long long)s->form.saved_id);
    else
        app_message(a, _("Saved as idea %lld; next form."),
                    (long long)s->form.saved_id);
    if (s->timings) {
        s->t_save_us = t0;
        fprintf(s->timings, "keys\t%d\n", s->nav_keys);
    }
    s->nav_keys = 0;
    if (s->pop_after_save)
        app_pop(a);
}

static void
warning_done(struct app *a, void *owner, enum dlg_result r)
{
    struct form_screen *s = owner;
    enum tui_action chosen = s->dlg.chosen;
    struct cs_error err;
    int64_t t0 = clock_us();

    s->c_save_us = us_of(CLOCK_PROCESS_CPUTIME_ID);
    if (r != DLG_OK) {
        app_message(a, "%s", _("Back to the form: nothing saved."));
        return;
    }
    cs_error_clear(&err);
    switch (chosen) {
    case TUI_ACT_APPLY_ANYWAY:
        save(a, s, true);
        break;
    case TUI_ACT_SUPPORT:
        if (model_form_support(&s->form, &err) == FORM_SAVED)
            saved(a, s, t0, true, false);
        else
            app_error(a, &err);
        break;
    case TUI_ACT_EDIT:
        if (model_form_load(&s->form, s->form.warn_id, &err) != CS_OK)
            app_error(a, &err);
        else
            app_message(a, _("Correcting idea %lld: F2 saves it."),
                        (long long)s->form.editing_id);
        break;
    default:
        break;
    }
}

static void
save(struct app *a, struct form_screen *s, bool anyway)
{
    struct cs_error err;
    char lines[4096], title[256];
    int64_t t0 = clock_us();
    bool correcting = s->form.editing_id != 0;
    enum form_step step;

    s->c_save_us = us_of(CLOCK_PROCESS_CPUTIME_ID);
    cs_error_clear(&err);
    step = model_form_save(&s->form, anyway, &err);
    switch (step) {
    case FORM_SAVED:
        saved(a, s, t0, false, correcting);
        break;
    case FORM_WARN_REF:
        model_form_warning(&s->form, step, a->cols - 2, lines, sizeof lines);
        snprintf(title, sizeof title, " %s", _("Form reference taken"));
        dialog_choice(&s->dlg, title, lines, &model_form_ref_taken_keys,
                      TUI_ACT_EDIT, TUI_ACT_CANCEL);
        app_dialog(a, &s->dlg, s, warning_done);
        break;
    case FORM_WARN_SIMILAR:
        model_form_warning(&s->form, step, a->cols - 2, lines, sizeof lines);
        snprintf(title, sizeof title, " %s", _("A very similar idea"));
        if (model_form_has_person(&s->form))
            dialog_choice3(&s->dlg, title, lines, &model_form_similar_keys,
                           TUI_ACT_APPLY_ANYWAY, TUI_ACT_SUPPORT,
                           TUI_ACT_CANCEL);
        else
            dialog_choice(&s->dlg, title, lines,
                          &model_form_similar_anon_keys,
                          TUI_ACT_APPLY_ANYWAY, TUI_ACT_CANCEL);
        app_dialog(a, &s->dlg, s, warning_done);
        break;
    case FORM_FAILED:
    default:
        app_error(a, &err);
        break;
    }
}

static void
leave_done(struct app *a, void *owner, enum dlg_result r)
{
    struct form_screen *s = owner;

    dialog_clear(&s->dlg);
    if (r == DLG_OK)
        app_pop(a);
    else
        app_message(a, "%s", _("Go on typing."));
}

static void
ref_done(struct app *a, void *owner, enum dlg_result r)
{
    struct form_screen *s = owner;
    struct cs_error err;
    char ref[128];

    if (r != DLG_OK) {
        dialog_clear(&s->dlg);
        return;
    }
    snprintf(ref, sizeof ref, "%s", dialog_text(&s->dlg));
    dialog_clear(&s->dlg);
    cs_error_clear(&err);
    if (model_form_load_ref(&s->form, ref, &err) != CS_OK)
        app_error(a, &err);
    else
        app_message(a, _("Correcting idea %lld: F2 saves it."),
                    (long long)s->form.editing_id);
}

static void
batch_done(struct app *a, void *owner, enum dlg_result r)
{
    struct form_screen *s = owner;
    struct cs_error err;
    int64_t id;

    if (r != DLG_OK) {
        dialog_clear(&s->dlg);
        app_message(a, "%s", _("The form keeps its batch."));
        return;
    }
    id = dialog_value(&s->dlg);
    dialog_clear(&s->dlg);
    cs_error_clear(&err);
    if (model_form_set_batch(&s->form, id, &err) != CS_OK)
        app_error(a, &err);
    else if (id == 0)
        app_message(a, "%s", _("Forms are keyed into no batch now."));
    else
        app_message(a, _("Forms are keyed into batch %lld now."),
                    (long long)id);
}

/* Choose the batch the next forms go into. */
static void
pick_batch(struct app *a, struct form_screen *s)
{
    struct cs_error err;

    if (model_form_is_dirty(&s->form) || s->form.editing_id) {
        app_message(a, "%s", _("Save this form first, or leave it with "
                               "Esc."));
        return;
    }
    dialog_pick(&s->dlg, _("Key the forms into paper batch"),
                DLG_DIGITS_LINE, NULL);
    cs_error_clear(&err);
    if (model_form_batch_choices(&s->form, &s->dlg.menu, &err) != CS_OK) {
        dialog_clear(&s->dlg);
        app_error(a, &err);
        return;
    }
    app_dialog(a, &s->dlg, s, batch_done);
}

static void
form_key(struct app *a, void *st, enum tui_action act, int key)
{
    struct form_screen *s = st;

    if (!s->ready) {
        if (act == TUI_ACT_BACK)
            app_pop(a);
        return;
    }
    switch (act) {
    case TUI_ACT_SAVE:
        s->nav_keys++;
        save(a, s, false);
        return;
    case TUI_ACT_BACK:
        if (!model_form_is_dirty(&s->form)) {
            app_pop(a);
            return;
        }
        dialog_confirm(&s->dlg, "", NULL,
                       _("Leave the form? What is typed would be lost. "
                         "(y/n)"), false);
        app_dialog(a, &s->dlg, s, leave_done);
        return;
    case TUI_ACT_OPEN:
        if (model_form_is_dirty(&s->form)) {
            app_message(a, "%s", _("Save this form first, or leave it "
                                   "with Esc."));
            return;
        }
        dialog_line(&s->dlg, _("Reference of the form to correct: "), "");
        app_dialog(a, &s->dlg, s, ref_done);
        return;
    case FORM_ACT_PICK_BATCH:
        pick_batch(a, s);
        return;
    case TUI_ACT_NEXT_SECTION:
    case TUI_ACT_PREV_SECTION:
        if (!(act == TUI_ACT_NEXT_SECTION && key == TUI_KEY_ENTER
              && s->form.focus == FORM_TEXT))
            s->nav_keys++;
        break;
    default:
        break;
    }
    model_form_key(&s->form, act, key, 0, 0);
    if (model_form_note(&s->form)[0])
        app_message(a, "%s", model_form_note(&s->form));
}

static void
form_draw(struct app *a, void *st, int *cy, int *cx)
{
    struct form_screen *s = st;
    static struct tui_row rows[FORM_ROWS];
    char line[TUI_ROW_BYTES];
    int h = app_body_rows(a, 1), y = 0, x = 0;
    size_t n;

    if (!s->ready) {
        term_text(0, 0, _(" Entry form"), a->cols, TUI_STYLE_TITLE);
        *cy = 0;
        *cx = 0;
        return;
    }
    model_form_header(&s->form, line, sizeof line);
    term_text(0, 0, line, a->cols, TUI_STYLE_TITLE);
    n = model_form_rows(&s->form, a->cols, h < FORM_ROWS ? h : FORM_ROWS,
                        rows, FORM_ROWS, &y, &x);
    for (size_t i = 0; i < n && (int)i < h; i++)
        term_text(1 + (int)i, 0, rows[i].text, a->cols, rows[i].style);
    *cy = 1 + y;
    *cx = x;
    if (s->timings && s->t_save_us) {
        fprintf(s->timings, "save\t%.3f\t%.3f\n",
                (double)(clock_us() - s->t_save_us) / 1000.0,
                (double)(us_of(CLOCK_PROCESS_CPUTIME_ID) - s->c_save_us)
                / 1000.0);
        fflush(s->timings);
        s->t_save_us = 0;
    }
}

static void
form_resize(struct app *a, void *st)
{
    (void)a;
    (void)st;
}

/* Opened about an idea: only its own agent, or an admin, corrects its
 * form (the core says). */
static bool
form_can_open(struct app *a, int64_t idea)
{
    struct cs_error err;
    bool can = false;

    if (idea == 0)
        return true;
    cs_error_clear(&err);
    if (cs_idea_can_edit(a->db, idea, &can, &err) != CS_OK) {
        app_error(a, &err);
        return false;
    }
    if (!can)
        app_message(a, "%s", _("Only an admin, or the agent who keyed it, "
                               "may correct this form."));
    return can;
}

const struct screen screen_form = {
    .typing = true,
    .size = sizeof(struct form_screen),
    .open = form_open,
    .can_open = form_can_open,
    .key = form_key,
    .draw = form_draw,
    .resize = form_resize,
    .unsaved = form_unsaved,
    .close = form_close,
};
