/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_form.h: the entry form, without curses: one paper form keyed in
 * field by field, in the paper's order (theme, form reference, name,
 * service, email, postal address, phone, consent, title, text, date on
 * the form), the fields a batch's layout lacks skipped; then saved as an
 * idea through the core, and a blank form ready for the next paper, with
 * the theme, batch and date kept.
 *
 * Before a new form is saved, two things are checked and come back as a
 * warning for the screen to show: the form reference is already in the
 * consultation (that form is shown), or a very similar idea is there
 * (cs_search_very_similar): save anyway, record this person's support for
 * it with the text as a remark, or go back. A save the core refuses keeps
 * every value, focuses the field the core names (err->field) and says
 * why. A form keyed earlier is corrected in the same form and saved with
 * the version it was read at (the core refuses it if someone changed the
 * idea meanwhile).
 */
#ifndef CONSULT_TUI_MODEL_FORM_H
#define CONSULT_TUI_MODEL_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "keymap.h"
#include "model_menu.h"
#include "textedit.h"
#include "tui.h"

/* The entry form's own action (see tui.h): choose the paper batch the
 * forms are keyed into. */
#define FORM_ACT_PICK_BATCH TUI_ACT_OWN1

/* The fields, in Tab order. */
enum form_field {
    FORM_THEME = 0,
    FORM_REF,
    FORM_NAME,
    FORM_SERVICE,
    FORM_EMAIL,
    FORM_POSTAL,
    FORM_PHONE,
    FORM_CONSENT,
    FORM_TITLE,
    FORM_TEXT,
    FORM_DATE,
    FORM_FIELDS
};

#define FORM_THEME_ROWS 4       /* matching themes listed under the field */

/* What a save (or a support) came to. */
enum form_step {
    FORM_SAVED = 0,         /* written; a blank form is ready */
    FORM_WARN_REF,          /* not written: the reference is in the
                               consultation (warn_id) */
    FORM_WARN_SIMILAR,      /* not written: a very similar idea is there
                               (warn_id, warn_percent) */
    FORM_FAILED             /* not written: err says why; the field it
                               names has the focus */
};

struct model_form {
    struct cs_db *db;               /* borrowed */
    int64_t cons_id;
    bool undated;                   /* the consultation is closed: the
                                       date is not today's by default,
                                       since its forms come late, dated
                                       on the form or not at all */
    char cons_code[40];
    struct cs_theme_list *themes;   /* owned: the consultation's */
    size_t match[64];               /* indexes of themes matching the typed
                                       theme, at most 64 */
    size_t nmatch;
    size_t match_sel;               /* the one Tab or Enter takes */
    int64_t theme_id;               /* the theme taken, 0: none yet */

    struct tui_edit edit[FORM_FIELDS];  /* owned: the texts (not consent) */
    bool consent;
    bool present[FORM_FIELDS];      /* in this form's layout */
    enum form_field focus;
    int err_field;                  /* the field a refusal named, or -1 */
    char note[256];                 /* why the last key was refused, or "" */
    int view_w, box_h;              /* a one-line field's columns and the
                                       text's lines, as last laid out */

    int64_t editing_id;             /* the idea being corrected, 0: new */
    int64_t editing_version;        /* its version when read */
    bool editing_consent;           /* its consent when read */
    char editing_ref[64];           /* its form reference when read */

    int64_t batch_id;               /* the paper batch, 0: none */
    struct cs_batch batch;          /* ...as last read (owned fields) */
    char proposed_ref[64];          /* the batch's next reference, put in
                                       the field (typing over it is
                                       typing); "" for none */
    enum cs_key_outcome outcome;    /* what the last save into a batch
                                       did */

    int64_t warn_id;                /* a warning's idea */
    int warn_percent;               /* ...and the words in common, in % */
    int64_t saved_id;               /* the idea the last save wrote (or
                                       supported) */

    /* This session's pace: forms saved and the time spent on them. */
    int saved_count;
    int64_t keying_ms;
    int64_t opened_ms;              /* when the current form was blank */
    int64_t (*clock_ms)(void);      /* monotonic milliseconds; tests may
                                       set their own */
};

/* Start a blank form on consultation `cons_id` (every field present);
 * reads its themes. Returns the codes of cs_theme_list. */
enum cs_rc model_form_open(struct model_form *m, struct cs_db *db,
                           int64_t cons_id, const char *cons_code,
                           struct cs_error *err);
void model_form_free(struct model_form *m);

/* Keep only the fields named in `fields` (the idea record's field names,
 * comma-separated, as a batch's layout gives them: "theme,author_name,
 * service,body"); the theme and the text are always kept. NULL or "":
 * every field. */
void model_form_set_layout(struct model_form *m, const char *fields);

/* Key into paper batch `batch_id` (of the form's consultation): its
 * layout, its next reference proposed, its counts on the title line; the
 * saves go through cs_batch_key_form. 0: no batch (every field). The form
 * is blank after. Returns the codes of cs_batch_get. */
enum cs_rc model_form_set_batch(struct model_form *m, int64_t batch_id,
                                struct cs_error *err);

/* The batches forms may be keyed into, for a list to choose from: "(no
 * batch)" (value 0), then the consultation's open batches (value: the
 * batch), the one keyed into selected. Returns the codes of
 * cs_batch_list. */
enum cs_rc model_form_batch_choices(const struct model_form *m,
                                    struct model_menu *mm,
                                    struct cs_error *err);

/* Clear the form for the next paper: the theme, the batch and the date
 * stay; the focus goes to the first field after the theme when a theme
 * is set, else to the theme. */
void model_form_blank(struct model_form *m);

/* Read idea `id` into the form to correct it (its author as keyed, if the
 * acting login may read it: cs_participant_of_idea). Returns CS_OK,
 * CS_ENOTFOUND, CS_EPERM, CS_ENOMEM. */
enum cs_rc model_form_load(struct model_form *m, int64_t id,
                           struct cs_error *err);

/* The idea of this consultation with form reference `ref`, to correct it:
 * as model_form_load. CS_ENOTFOUND (with a message) when there is none. */
enum cs_rc model_form_load_ref(struct model_form *m, const char *ref,
                               struct cs_error *err);

/*
 * A key: `act` as the form's key table maps it (TUI_ACT_NEXT_SECTION for
 * Tab and Enter, TUI_ACT_PREV_SECTION for Shift-Tab; TUI_ACT_NONE for
 * the others), `key` as typed. Enter adds a line in the text and goes to
 * the next field elsewhere; Space ticks and unticks consent; Up and Down
 * choose among the matching themes, and move between one-line fields
 * elsewhere. `width` and `height` are the focused editor's. Returns true
 * when the key was the form's. A theme that matches nothing keeps the
 * focus (model_form_note says why).
 */
bool model_form_key(struct model_form *m, enum tui_action act, int key,
                    int width, int height);

/* Move the focus to field `f` (or the next present one after it). */
void model_form_focus(struct model_form *m, enum form_field f);

/* The field of the form an error names (err->field), or -1. */
int model_form_field_of(const char *name);

/* True when something was typed that a blank form would lose (the kept
 * theme and date aside). */
bool model_form_is_dirty(const struct model_form *m);

/*
 * Save the form. Unless `anyway`, a new form is first checked: its
 * reference already in the consultation (FORM_WARN_REF), a very similar
 * idea (FORM_WARN_SIMILAR); `anyway` saves past the similar idea (never
 * past a reference taken: the core refuses it). A correction is saved
 * with cs_idea_update on the version read. On FORM_SAVED the form is blank
 * and ready for the next paper.
 */
enum form_step model_form_save(struct model_form *m, bool anyway,
                               struct cs_error *err);

/* True when the form names a person (a name or a reference), so that
 * their support may be recorded instead of a new idea. */
bool model_form_has_person(const struct model_form *m);

/* Record the form's person as supporting idea `m->warn_id`, the typed text
 * kept as their remark on it, in one core call
 * (cs_vote_add_with_remark); on FORM_SAVED the form is blank. */
enum form_step model_form_support(struct model_form *m,
                                  struct cs_error *err);

/* The warning's idea laid out for a `width`-column dialog: what it is
 * ("Form F-10 is already in this consultation: idea 12." or "Very like
 * idea 12 (80 % of its words)"), its theme, title, date and text. Writes
 * lines separated by newlines to `buf`. */
void model_form_warning(const struct model_form *m, enum form_step step,
                        int width, char *buf, size_t size);

/* The title line: what is being keyed ("New form", "Correcting idea 12"),
 * the consultation, this session's pace. */
void model_form_header(const struct model_form *m, char *buf, size_t size);

/* The form laid out in `width` x `height` lines: labels and values, the
 * matching themes under the theme while it has the focus, the text in a
 * box taking the lines left. Writes the cursor's place (the focused
 * field's) to `*cy` and `*cx`. Returns the number of rows written. */
size_t model_form_rows(struct model_form *m, int width, int height,
                       struct tui_row *rows, size_t max, int *cy, int *cx);

/* The value of field `f` as typed ("yes"/"" for consent). */
const char *model_form_value(const struct model_form *m, enum form_field f);
/* Replace the value of field `f` (consent: "yes" or anything else). */
void model_form_set_value(struct model_form *m, enum form_field f,
                          const char *text);

/* A label of field `f`, translated. */
const char *model_form_label(enum form_field f);

/* The pace of this session: forms saved and average seconds per form
 * (0 when none). */
double model_form_average_s(const struct model_form *m);

/* A note on the last key refused (a theme that matches nothing), or "". */
const char *model_form_note(const struct model_form *m);

/* The keys of the form's dialogs: a form very like an idea already there
 * (and its anonymous variant, with no support to record), and a
 * reference already taken. */
extern const struct tui_keymap model_form_similar_keys,
    model_form_similar_anon_keys, model_form_ref_taken_keys;

#endif /* CONSULT_TUI_MODEL_FORM_H */
