/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_dialog.c: the dialogs as models (see model_dialog.h): keys in,
 * an answer out, no curses.
 */
#include "model_dialog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_keys.h"

/* The dialogs' keys. TRANSLATORS: the bar labels ("bar" context) must fit
 * in 6 columns. */

/* A list to choose from. */
static const struct tui_binding menu_bindings[] = {
    { TUI_ACT_OPEN, 2, { TUI_KEY_ENTER }, NC_("bar", "Choose"),
      N_("choose"), N_("Choose the selected line"), CS_OP_ANY },
    { TUI_ACT_CANCEL, 9, { TUI_KEY_ESC }, NC_("bar", "Cancel"),
      N_("cancel"), N_("Close without choosing"), CS_OP_ANY },
    TUI_QUIT_BINDING,
    TUI_MOVE_BINDINGS,
    TUI_REDRAW_BINDING,
};

/* A list found as a name is typed: letters are text, so only F-keys,
 * Esc, Enter and the moving keys act. */
static const struct tui_binding find_bindings[] = {
    { TUI_ACT_OPEN, 2, { TUI_KEY_ENTER }, NC_("bar", "Choose"),
      N_("choose"), N_("Choose the selected line"), CS_OP_ANY },
    { TUI_ACT_CANCEL, 9, { TUI_KEY_ESC }, NC_("bar", "Cancel"),
      N_("cancel"), N_("Close without choosing"), CS_OP_ANY },
    TUI_DIALOG_QUIT_BINDING,
    { TUI_ACT_UP, 0, { TUI_KEY_UP }, NULL, NULL,
      N_("Move up one line"), CS_OP_ANY },
    { TUI_ACT_DOWN, 0, { TUI_KEY_DOWN }, NULL, NULL,
      N_("Move down one line"), CS_OP_ANY },
    { TUI_ACT_PGUP, 0, { TUI_KEY_PGUP }, NULL, NULL,
      N_("Move up one page"), CS_OP_ANY },
    { TUI_ACT_PGDN, 0, { TUI_KEY_PGDN }, NULL, NULL,
      N_("Move down one page"), CS_OP_ANY },
    TUI_REDRAW_BINDING,
};

/* In an editor, letters are text: only F-keys, Esc and control keys act. */
static const struct tui_binding editor_bindings[] = {
    { TUI_ACT_SAVE, 2, { TUI_CTRL('s') }, NC_("bar", "Save"), N_("save"),
      N_("Save the text"), CS_OP_ANY },
    { TUI_ACT_CANCEL, 9, { TUI_KEY_ESC }, NC_("bar", "Cancel"),
      N_("cancel"), N_("Close without saving"), CS_OP_ANY },
    TUI_DIALOG_QUIT_BINDING,
    TUI_REDRAW_BINDING,
};

/* A yes or no question: Enter gives the answer the question names as its
 * default. */
static const struct tui_binding confirm_bindings[] = {
    { TUI_ACT_SAVE, 2, { 'y' }, NC_("bar", "Yes"), N_("yes"),
      N_("Answer yes"), CS_OP_ANY },
    { TUI_ACT_CANCEL, 9, { 'n', TUI_KEY_ESC }, NC_("bar", "No"), N_("no"),
      N_("Answer no"), CS_OP_ANY },
    TUI_DIALOG_QUIT_BINDING,
    TUI_REDRAW_BINDING,
};

const struct tui_keymap dialog_keys_menu =
    TUI_KEYMAP(N_("Choice"), menu_bindings);
const struct tui_keymap dialog_keys_find =
    TUI_KEYMAP(N_("Find as you type"), find_bindings);
const struct tui_keymap dialog_keys_editor =
    TUI_KEYMAP(N_("Text editor"), editor_bindings);
const struct tui_keymap dialog_keys_confirm =
    TUI_KEYMAP(N_("Question"), confirm_bindings);

const struct tui_keymap *const dialog_keymaps[] = {
    &dialog_keys_menu, &dialog_keys_editor, &dialog_keys_confirm,
    &dialog_keys_find, NULL,
};

void
dialog_init(struct dialog *d)
{
    memset(d, 0, sizeof *d);
    tui_edit_init(&d->edit, false, 0);
}

void
dialog_clear(struct dialog *d)
{
    model_menu_free(&d->menu);
    tui_edit_clear(&d->edit);
    dialog_init(d);
}

static void
dialog_open(struct dialog *d, enum dlg_kind kind, const char *title,
            const char *about, const char *label)
{
    dialog_clear(d);
    d->kind = kind;
    snprintf(d->title, sizeof d->title, "%s", title ? title : "");
    snprintf(d->heading, sizeof d->heading, "%s", about ? about : "");
    snprintf(d->label, sizeof d->label, "%s", label ? label : "");
}

void
dialog_confirm(struct dialog *d, const char *title, const char *about,
               const char *question, bool yes_default)
{
    dialog_open(d, DLG_CONFIRM, title, about, question);
    d->yes_default = yes_default;
}

void
dialog_pick(struct dialog *d, const char *title, enum dlg_digits digits,
            const char *number_label)
{
    dialog_open(d, DLG_PICK, title, NULL, number_label);
    model_menu_init(&d->menu, title);
    d->digits = digits;
    tui_edit_init(&d->edit, false, digits == DLG_DIGITS_TEXT ? 200 : 18);
}

void
dialog_number(struct dialog *d, const char *label, int64_t start)
{
    char text[32] = "";

    dialog_open(d, DLG_NUMBER, NULL, NULL, label);
    tui_edit_init(&d->edit, false, 18);
    if (start > 0)
        snprintf(text, sizeof text, "%lld", (long long)start);
    tui_edit_set(&d->edit, text);
}

void
dialog_line(struct dialog *d, const char *label, const char *text)
{
    dialog_open(d, DLG_LINE, NULL, NULL, label);
    tui_edit_init(&d->edit, false, 1000);
    tui_edit_set(&d->edit, text ? text : "");
}

void
dialog_editor(struct dialog *d, const char *title, const char *about,
              const char *text)
{
    dialog_open(d, DLG_EDITOR, title, about, NULL);
    tui_edit_init(&d->edit, true, 20000);
    tui_edit_set(&d->edit, text ? text : "");
}

void
dialog_choice(struct dialog *d, const char *title, const char *lines,
              const struct tui_keymap *keys, enum tui_action ok,
              enum tui_action cancel)
{
    dialog_open(d, DLG_CHOICE, title, lines, NULL);
    d->keys = keys;
    d->ok_act = ok;
    d->cancel_act = cancel;
    d->alt_act = TUI_ACT_NONE;
}

void
dialog_choice3(struct dialog *d, const char *title, const char *lines,
               const struct tui_keymap *keys, enum tui_action ok,
               enum tui_action alt, enum tui_action cancel)
{
    dialog_choice(d, title, lines, keys, ok, cancel);
    d->alt_act = alt;
}

const struct tui_keymap *
dialog_keys(const struct dialog *d)
{
    switch (d->kind) {
    case DLG_CHOICE: return d->keys;
    case DLG_PICK:
        return d->digits == DLG_DIGITS_TEXT ? &dialog_keys_find
                                            : &dialog_keys_menu;
    case DLG_CONFIRM: return &dialog_keys_confirm;
    case DLG_EDITOR: return d->asking ? &dialog_keys_confirm : &dialog_keys_editor;
    default: return &dialog_keys_editor;
    }
}

/* y (or the translated yes letter) and n, Esc and Enter (the default). */
static enum dlg_result
answer_key(enum tui_action act, int key, bool yes_default)
{
    /* TRANSLATORS: the key that answers yes to a "(y/n)" question. */
    const char *yes = _("y");
    /* TRANSLATORS: the key that answers no to a "(y/n)" question. */
    const char *no = _("n");

    if (key == TUI_KEY_ENTER)
        return yes_default ? DLG_OK : DLG_CANCEL;
    if (act == TUI_ACT_SAVE || key == (unsigned char)yes[0] || key == 'y'
        || key == 'Y')
        return DLG_OK;
    if (act == TUI_ACT_CANCEL || key == (unsigned char)no[0] || key == 'n'
        || key == 'N')
        return DLG_CANCEL;
    return DLG_GOING;
}

static bool
is_digit(int key)
{
    return key >= '0' && key <= '9';
}

static enum dlg_result
pick_key(struct dialog *d, enum tui_action act, int key, int width,
         int height)
{
    struct model_menu *mm = &d->menu;

    if (act == TUI_ACT_OPEN || key == TUI_KEY_ENTER)
        return DLG_OK;
    if (act == TUI_ACT_CANCEL)
        return DLG_CANCEL;
    switch (d->digits) {
    case DLG_DIGITS_VALUE:
        if (!is_digit(key))
            break;
        for (size_t i = 0; i < mm->count; i++)
            if (mm->items[i].value == key - '0') {
                mm->sel = i;
                return DLG_OK;
            }
        return DLG_GOING;
    case DLG_DIGITS_LINE:
        /* Menus are short: a digit chooses its line at once. */
        if (key >= '1' && key <= '9' && (size_t)(key - '1') < mm->count) {
            mm->sel = (size_t)(key - '1');
            return DLG_OK;
        }
        break;
    case DLG_DIGITS_TEXT:
        /* Letters, digits and the editing keys are the field's; the
         * moving keys the list's. */
        if ((key >= ' ' && key < TUI_KEY_BASE) || key == TUI_KEY_BACKSPACE
            || key == TUI_KEY_DELETE || key == TUI_KEY_LEFT
            || key == TUI_KEY_RIGHT || key == TUI_CTRL('u')) {
            d->note[0] = '\0';
            return tui_edit_key(&d->edit, key, width, 1) ? DLG_CHANGED
                                                         : DLG_GOING;
        }
        break;
    case DLG_DIGITS_NUMBER:
        if (is_digit(key) || ((key == TUI_KEY_BACKSPACE
                               || key == TUI_CTRL('u'))
                              && d->edit.len > 0)) {
            d->note[0] = '\0';
            tui_edit_key(&d->edit, key, width, 1);
            return DLG_GOING;
        }
        break;
    }
    if (model_menu_apply(mm, act, height)) {
        /* Choosing a line puts the number typed aside: Enter takes the
         * line the cursor is on. */
        if (d->digits == DLG_DIGITS_NUMBER)
            tui_edit_set(&d->edit, "");
        d->note[0] = '\0';
    }
    return DLG_GOING;
}

enum dlg_result
dialog_key(struct dialog *d, enum cs_role role, int key, int width,
           int height)
{
    enum tui_action act = tui_keymap_action(dialog_keys(d), role, key);

    switch (d->kind) {
    case DLG_CHOICE:
        if (act != TUI_ACT_NONE
            && (act == d->ok_act || act == d->alt_act
                || act == d->cancel_act))
            d->chosen = act;
        return act == d->ok_act ? DLG_OK
               : act != TUI_ACT_NONE && act == d->alt_act ? DLG_OK
               : act == d->cancel_act ? DLG_CANCEL : DLG_GOING;
    case DLG_CONFIRM:
        return answer_key(act, key, d->yes_default);
    case DLG_PICK:
        return pick_key(d, act, key, width, height);
    case DLG_NUMBER:
        if (key == TUI_KEY_ENTER || act == TUI_ACT_SAVE)
            return DLG_OK;
        if (act == TUI_ACT_CANCEL)
            return DLG_CANCEL;
        /* Digits and the editing keys; other characters are not a
         * number's. */
        if (key < TUI_KEY_BASE && key >= ' ' && !is_digit(key))
            return DLG_GOING;
        d->note[0] = '\0';
        tui_edit_key(&d->edit, key, width, 1);
        return DLG_GOING;
    case DLG_LINE:
        if (key == TUI_KEY_ENTER || act == TUI_ACT_SAVE)
            return DLG_OK;
        if (act == TUI_ACT_CANCEL)
            return DLG_CANCEL;
        return tui_edit_key(&d->edit, key, width, 1) && d->live
               ? DLG_CHANGED : DLG_GOING;
    case DLG_EDITOR:
        if (d->asking) {
            /* Throw the text away? Only a yes does; Esc, n or Enter go
             * back to the text. */
            d->asking = false;
            return answer_key(act, key, false) == DLG_OK ? DLG_CANCEL
                                                          : DLG_GOING;
        }
        if (act == TUI_ACT_SAVE)
            return DLG_OK;
        if (act == TUI_ACT_CANCEL) {
            if (!dialog_has_typed_text(d))
                return DLG_CANCEL;
            d->asking = true;
            return DLG_GOING;
        }
        tui_edit_key(&d->edit, key == TUI_KEY_TAB ? ' ' : key, width,
                     height);
        return DLG_GOING;
    default:
        return DLG_GOING;
    }
}

bool
dialog_has_typed_text(const struct dialog *d)
{
    return (d->kind == DLG_EDITOR || d->kind == DLG_LINE
            || (d->kind == DLG_PICK && d->digits == DLG_DIGITS_TEXT))
           && d->edit.changed && !tui_edit_is_blank(&d->edit);
}

bool
dialog_keep_after(struct dialog *d, const struct cs_error *err)
{
    if (err->code != CS_EBUSY && err->code != CS_EREADONLY)
        return false;
    if ((d->kind != DLG_EDITOR && d->kind != DLG_LINE)
        || tui_edit_is_blank(&d->edit))
        return false;
    d->edit.changed = true;     /* not saved: Esc asks */
    d->asking = false;
    return true;
}

int64_t
dialog_value(const struct dialog *d)
{
    return model_menu_value(&d->menu);
}

int64_t
dialog_number_value(const struct dialog *d)
{
    const char *s = tui_edit_text(&d->edit);
    char *end;
    long long v;

    if (s[0] < '0' || s[0] > '9')
        return 0;
    v = strtoll(s, &end, 10);
    return *end == '\0' && v > 0 ? (int64_t)v : 0;
}

const char *
dialog_text(const struct dialog *d)
{
    return tui_edit_text(&d->edit);
}

bool
dialog_hint(const struct dialog *d, char *buf, size_t size)
{
    const char *h = NULL;

    switch (d->kind) {
    case DLG_CONFIRM:
        h = d->yes_default ? _("y or Enter: yes   n or Esc: no")
                           : _("y: yes   n, Esc or Enter: no");
        break;
    case DLG_EDITOR:
        if (d->asking)
            h = _("y: throw the text away   n, Esc or Enter: go on typing");
        break;
    case DLG_NUMBER:
    case DLG_LINE:
        h = _("Enter confirm  Esc cancel  Ctrl-U clear");
        break;
    case DLG_PICK:
        if (d->digits == DLG_DIGITS_NUMBER)
            h = _("Type a number and Enter, or choose a line with the "
                  "arrows and Enter; Esc cancels");
        else if (d->digits == DLG_DIGITS_TEXT)
            h = _("Type to narrow the list; choose a line with the arrows "
                  "and Enter; Esc cancels");
        break;
    default:
        break;
    }
    if (h == NULL)
        return false;
    snprintf(buf, size, "%s", h);
    return true;
}
