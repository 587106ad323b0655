/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_dialog.h: the dialogs of the terminal interface as models, without
 * curses: confirm (a yes or no question), pick from a list, type a number,
 * type a line of text, and type a longer text in the editor. A dialog
 * takes keys (tui_key values) and says when it is answered; the shell
 * (screen_app.c) draws it from the fields below and gives the answer to
 * whoever opened it. The flows made of several dialogs (a status with its
 * official answer, a merge) are models too (model_status.h, model_merge.h)
 * and are tested by feeding keys to their dialogs.
 *
 * A list may also take a number typed: digits pick a line by its number
 * (short menus), by its value (numbered templates), or are typed into a
 * number field that Enter accepts before the selected line (a merge
 * target: any idea's number, or one of the suggestions). Or it takes text
 * typed into its field, and its owner lists what matches (a voter found
 * by name as it is typed); Enter chooses the selected line.
 *
 * An editor whose text was typed asks before Esc throws it away.
 */
#ifndef CONSULT_TUI_MODEL_DIALOG_H
#define CONSULT_TUI_MODEL_DIALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"
#include "keymap.h"
#include "model_menu.h"
#include "textedit.h"
#include "tui.h"

enum dlg_kind {
    DLG_NONE = 0,
    DLG_CONFIRM,        /* a yes or no question */
    DLG_PICK,           /* choose a line of a list */
    DLG_NUMBER,         /* type a number, on the message line */
    DLG_LINE,           /* type a line of text, on the message line */
    DLG_EDITOR,         /* type a text of several lines, over the body */
    DLG_CHOICE          /* lines laid out already, and two ways on, each
                           an action of its own key table */
};

/* What a key did to a dialog. */
enum dlg_result {
    DLG_GOING = 0,      /* still open */
    DLG_CHANGED,        /* still open, its text changed (search as typed) */
    DLG_OK,             /* answered: yes, chosen, typed */
    DLG_CANCEL          /* closed without an answer: no, Esc */
};

/* What digits do in a list. */
enum dlg_digits {
    DLG_DIGITS_LINE = 0,    /* 1..9 choose that line at once */
    DLG_DIGITS_VALUE,       /* a digit chooses the line of that value */
    DLG_DIGITS_NUMBER,      /* digits are typed into the number field */
    DLG_DIGITS_TEXT         /* every character is typed into the field
                               (a name searched as typed): each change
                               answers DLG_CHANGED, and the owner fills
                               the list again */
};

struct dialog {
    enum dlg_kind kind;
    char title[256];        /* the title line (list, editor, question) */
    char heading[4096];     /* editor, question: what it is about, shown
                               under the title; "" for none */
    char label[256];        /* number, line: the prompt ("Search: ");
                               list with a number field: its prompt;
                               question: the question ("Merge? (y/n)") */
    struct model_menu menu; /* list: the lines, owned */
    struct tui_edit edit;   /* number, line, editor, list's number field:
                               the text, owned */
    enum dlg_digits digits; /* list: what digits do */
    bool yes_default;       /* question: what Enter answers */
    bool asking;            /* editor: "throw the text away?" is open */
    bool live;              /* line: report each change (DLG_CHANGED) */
    const struct tui_keymap *keys;  /* choice: its key table */
    enum tui_action ok_act;     /* choice: the action answering DLG_OK */
    enum tui_action cancel_act; /* ...and the one answering DLG_CANCEL */
    enum tui_action alt_act;    /* choice: a third way, answering DLG_OK
                                   too (TUI_ACT_NONE: none) */
    enum tui_action chosen;     /* choice: the action that answered */
    char note[256];         /* a word on the last answer refused ("there
                               is no idea 41"), shown on the message
                               line; "" for none */
};

/* A closed dialog (kind DLG_NONE) holding nothing. */
void dialog_init(struct dialog *d);
/* Free what it holds; it is closed after. */
void dialog_clear(struct dialog *d);

/* Open `d` (closing what it held) as each kind. Texts are copied. */
void dialog_confirm(struct dialog *d, const char *title, const char *about,
                    const char *question, bool yes_default);
void dialog_pick(struct dialog *d, const char *title, enum dlg_digits digits,
                 const char *number_label);
void dialog_number(struct dialog *d, const char *label, int64_t start);
void dialog_line(struct dialog *d, const char *label, const char *text);
void dialog_editor(struct dialog *d, const char *title, const char *about,
                   const char *text);
/* A choice: `lines` (one a line, fitted already) under `title`; action
 * `ok` of `keys` answers DLG_OK, `cancel` DLG_CANCEL. */
void dialog_choice(struct dialog *d, const char *title, const char *lines,
                   const struct tui_keymap *keys, enum tui_action ok,
                   enum tui_action cancel);

/* The same with a third way on: action `alt` answers DLG_OK too; the
 * dialog's `chosen` says which action answered. */
void dialog_choice3(struct dialog *d, const char *title, const char *lines,
                    const struct tui_keymap *keys, enum tui_action ok,
                    enum tui_action alt, enum tui_action cancel);

/* The key table the bar, hint and help show while `d` is open. */
const struct tui_keymap *dialog_keys(const struct dialog *d);

/* The shared dialogs' key tables: a list to choose from, one found as a
 * name is typed, a text being typed, a yes or no question; and all four,
 * NULL-terminated. */
extern const struct tui_keymap dialog_keys_menu, dialog_keys_find,
    dialog_keys_editor, dialog_keys_confirm;
extern const struct tui_keymap *const dialog_keymaps[];

/*
 * Give key `key` (a tui_key) to `d`, shown `width` columns wide with
 * `height` lines for its list or editor. Returns DLG_OK or DLG_CANCEL when
 * the key answered it (it stays open: the caller reads the answer, then
 * opens the next dialog or clears it), DLG_CHANGED when the text of a
 * line opened `live` changed, DLG_GOING otherwise. Quitting is the shell's: a dialog never
 * takes F10 (nor q in a list or a question).
 */
enum dlg_result dialog_key(struct dialog *d, enum cs_role role, int key,
                           int width, int height);

/* True when the dialog holds text typed that closing it would lose. */
bool dialog_has_typed_text(const struct dialog *d);

/*
 * After saving what editor `d` holds failed with `err`: true, and `d`
 * ready to be shown again with its text (marked unsaved, so Esc asks),
 * when the failure can be waited out (the database busy, the disk full
 * or read-only) and the text would otherwise be lost; false, and `d`
 * untouched, otherwise.
 */
bool dialog_keep_after(struct dialog *d, const struct cs_error *err);

/* Answers: the chosen line's value; the number typed (0: none, or not a
 * number); the text (borrowed until the next key or open). */
int64_t dialog_value(const struct dialog *d);
int64_t dialog_number_value(const struct dialog *d);
const char *dialog_text(const struct dialog *d);

/* The hint line of a dialog that has its own (a question, a number or
 * text on the message line, a list taking a number). False: the key
 * table's hint is the one. */
bool dialog_hint(const struct dialog *d, char *buf, size_t size);

#endif /* CONSULT_TUI_MODEL_DIALOG_H */
