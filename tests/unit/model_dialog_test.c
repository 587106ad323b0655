/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_dialog_test.c: the dialogs as models (model_dialog.c), fed keys
 * as the shell feeds them: a question (y, n, Esc, Enter as its default),
 * a list (digits by line, by value, or typed as a number that Enter takes
 * before the line chosen), a number, a line (reporting changes only when
 * live), and the editor asking before Esc throws typed text away.
 */
#include "testlib.h"

#include <string.h>

#include "model_dialog.h"
#include "model_keys.h"
#include "text.h"

#define W 80
#define H 10

static enum dlg_result
key(struct dialog *d, int k)
{
    return dialog_key(d, CS_ROLE_ADMIN, k, W, H);
}

/* Type UTF-8 `s`, one code point a key, as term.c gives them. */
static enum dlg_result
type(struct dialog *d, const char *s)
{
    enum dlg_result r = DLG_GOING;
    size_t n = strlen(s);

    while (n > 0) {
        uint32_t cp;
        size_t len = tui_u8_next(s, n, &cp);

        r = key(d, (int)cp);
        s += len;
        n -= len;
    }
    return r;
}

static void
test_confirm(void **state)
{
    struct dialog d;
    char hint[256];

    (void)state;
    dialog_init(&d);
    dialog_confirm(&d, "Merge", "about", "Merge? (y/n) ", true);
    assert_int_equal(d.kind, DLG_CONFIRM);
    assert_string_equal(d.label, "Merge? (y/n) ");
    assert_int_equal(key(&d, 'x'), DLG_GOING);
    assert_int_equal(key(&d, '4'), DLG_GOING);
    assert_int_equal(key(&d, 'y'), DLG_OK);
    assert_int_equal(key(&d, 'n'), DLG_CANCEL);
    assert_int_equal(key(&d, TUI_KEY_ESC), DLG_CANCEL);
    assert_int_equal(key(&d, TUI_KEY_F(2)), DLG_OK);
    assert_int_equal(key(&d, TUI_KEY_F(9)), DLG_CANCEL);
    assert_int_equal(key(&d, TUI_KEY_ENTER), DLG_OK);
    assert_true(dialog_hint(&d, hint, sizeof hint));
    assert_non_null(strstr(hint, "Enter: yes"));
    assert_ptr_equal(dialog_keys(&d), &dialog_keys_confirm);
    /* A question whose default is no: Enter says no. */
    dialog_confirm(&d, "", "", "Throw it away? (y/n) ", false);
    assert_int_equal(key(&d, TUI_KEY_ENTER), DLG_CANCEL);
    assert_false(dialog_has_typed_text(&d));
    dialog_clear(&d);
    assert_int_equal(d.kind, DLG_NONE);
}

static void
fill(struct dialog *d, enum dlg_digits digits)
{
    dialog_pick(d, "Choose", digits, "Number: ");
    model_menu_add(&d->menu, "first", 10);
    model_menu_add(&d->menu, "second", 3);
    model_menu_add(&d->menu, "third", 30);
}

static void
test_pick_by_line_and_value(void **state)
{
    struct dialog d;

    (void)state;
    dialog_init(&d);
    fill(&d, DLG_DIGITS_LINE);
    assert_int_equal(key(&d, '9'), DLG_GOING);     /* no 9th line */
    assert_int_equal(key(&d, '2'), DLG_OK);
    assert_int_equal(dialog_value(&d), 3);
    fill(&d, DLG_DIGITS_LINE);
    assert_int_equal(key(&d, TUI_KEY_DOWN), DLG_GOING);
    assert_int_equal(key(&d, TUI_KEY_DOWN), DLG_GOING);
    assert_int_equal(key(&d, TUI_KEY_ENTER), DLG_OK);
    assert_int_equal(dialog_value(&d), 30);
    assert_int_equal(key(&d, TUI_KEY_ESC), DLG_CANCEL);
    /* By value: 3 is the line of value 3, whatever its place. */
    fill(&d, DLG_DIGITS_VALUE);
    assert_int_equal(key(&d, '1'), DLG_GOING);
    assert_int_equal(key(&d, '3'), DLG_OK);
    assert_int_equal(dialog_value(&d), 3);
    dialog_clear(&d);
}

/* Typing "41" types the number 41: the first digit never chooses. */
static void
test_pick_or_type_a_number(void **state)
{
    struct dialog d;
    char hint[256];

    (void)state;
    dialog_init(&d);
    fill(&d, DLG_DIGITS_NUMBER);
    assert_true(dialog_hint(&d, hint, sizeof hint));
    assert_int_equal(key(&d, '4'), DLG_GOING);
    assert_int_equal(dialog_number_value(&d), 4);
    assert_int_equal(key(&d, '1'), DLG_GOING);
    assert_int_equal(dialog_number_value(&d), 41);
    assert_string_equal(dialog_text(&d), "41");
    assert_int_equal(key(&d, TUI_KEY_BACKSPACE), DLG_GOING);
    assert_int_equal(dialog_number_value(&d), 4);
    assert_int_equal(key(&d, '2'), DLG_GOING);
    assert_int_equal(key(&d, TUI_KEY_ENTER), DLG_OK);
    assert_int_equal(dialog_number_value(&d), 42);
    /* An arrow puts the number aside: Enter takes the line. */
    assert_int_equal(key(&d, TUI_KEY_DOWN), DLG_GOING);
    assert_int_equal(dialog_number_value(&d), 0);
    assert_string_equal(dialog_text(&d), "");
    assert_int_equal(key(&d, TUI_KEY_ENTER), DLG_OK);
    assert_int_equal(dialog_value(&d), 3);
    /* Letters are neither a number nor a choice; q is left to quit. */
    assert_int_equal(key(&d, 'x'), DLG_GOING);
    assert_int_equal(dialog_number_value(&d), 0);
    assert_int_equal(tui_keymap_action(dialog_keys(&d), CS_ROLE_ADMIN, 'q'),
                     TUI_ACT_QUIT);
    assert_int_equal(key(&d, TUI_KEY_ESC), DLG_CANCEL);
    dialog_clear(&d);
}

static void
test_number(void **state)
{
    struct dialog d;

    (void)state;
    dialog_init(&d);
    dialog_number(&d, "Idea: ", 0);
    assert_int_equal(dialog_number_value(&d), 0);
    assert_int_equal(type(&d, "1a2"), DLG_GOING);
    assert_string_equal(dialog_text(&d), "12");
    assert_int_equal(key(&d, TUI_KEY_ENTER), DLG_OK);
    assert_int_equal(dialog_number_value(&d), 12);
    dialog_number(&d, "Idea: ", 7);
    assert_int_equal(dialog_number_value(&d), 7);
    assert_int_equal(key(&d, TUI_KEY_ESC), DLG_CANCEL);
    dialog_clear(&d);
}

static void
test_line(void **state)
{
    struct dialog d;

    (void)state;
    dialog_init(&d);
    dialog_line(&d, "Tag: ", "");
    /* Not live: typing is no answer. */
    assert_int_equal(type(&d, "vélo"), DLG_GOING);
    assert_true(dialog_has_typed_text(&d));
    assert_int_equal(key(&d, TUI_KEY_ENTER), DLG_OK);
    assert_string_equal(dialog_text(&d), "vélo");
    /* Live (a search): each change is reported. */
    dialog_line(&d, "Search: ", "v");
    d.live = true;
    assert_false(dialog_has_typed_text(&d));
    assert_int_equal(key(&d, 'e'), DLG_CHANGED);
    assert_int_equal(key(&d, TUI_KEY_LEFT), DLG_CHANGED);
    assert_int_equal(key(&d, TUI_KEY_F(5)), DLG_GOING);
    assert_string_equal(dialog_text(&d), "ve");
    /* Esc leaves a line at once. */
    assert_int_equal(key(&d, TUI_KEY_ESC), DLG_CANCEL);
    dialog_clear(&d);
}

/* Esc asks before throwing typed text away, as F10 does; n goes on
 * typing, y throws it away. */
static void
test_editor_asks_before_esc(void **state)
{
    struct dialog d;
    char hint[256];

    (void)state;
    dialog_init(&d);
    dialog_editor(&d, "Official answer", "Idea 4: Des vélos", "");
    assert_string_equal(d.heading, "Idea 4: Des vélos");
    /* Nothing typed: Esc closes at once. */
    assert_int_equal(key(&d, TUI_KEY_ESC), DLG_CANCEL);
    assert_int_equal(type(&d, "Oui"), DLG_GOING);
    assert_int_equal(key(&d, TUI_KEY_ENTER), DLG_GOING);   /* a new line */
    assert_int_equal(type(&d, "merci"), DLG_GOING);
    assert_string_equal(dialog_text(&d), "Oui\nmerci");
    assert_true(dialog_has_typed_text(&d));
    assert_int_equal(key(&d, TUI_KEY_ESC), DLG_GOING);
    assert_true(d.asking);
    assert_ptr_equal(dialog_keys(&d), &dialog_keys_confirm);
    assert_true(dialog_hint(&d, hint, sizeof hint));
    assert_int_equal(key(&d, 'n'), DLG_GOING);
    assert_false(d.asking);
    assert_string_equal(dialog_text(&d), "Oui\nmerci");
    assert_int_equal(key(&d, TUI_KEY_ESC), DLG_GOING);
    assert_int_equal(key(&d, TUI_KEY_ENTER), DLG_GOING);   /* Enter: no */
    assert_false(d.asking);
    assert_int_equal(key(&d, TUI_KEY_ESC), DLG_GOING);
    assert_int_equal(key(&d, TUI_KEY_ESC), DLG_GOING);     /* Esc: no */
    assert_int_equal(type(&d, "!"), DLG_GOING);
    assert_string_equal(dialog_text(&d), "Oui\nmerci!");
    assert_int_equal(key(&d, TUI_KEY_F(2)), DLG_OK);
    assert_int_equal(key(&d, TUI_KEY_ESC), DLG_GOING);
    assert_int_equal(key(&d, 'y'), DLG_CANCEL);
    /* Text given, not typed: Esc closes at once. */
    dialog_editor(&d, "Official answer", "", "Un modèle");
    assert_false(dialog_has_typed_text(&d));
    assert_int_equal(key(&d, TUI_KEY_ESC), DLG_CANCEL);
    dialog_clear(&d);
}

/* A save that failed for a reason that can be waited out (busy, a disk
 * full or read-only) keeps the text typed, unsaved; a rule's refusal and
 * an empty text do not. */
static void
test_keep_after_failed_save(void **state)
{
    struct dialog d;
    struct cs_error err;

    (void)state;
    dialog_init(&d);
    dialog_editor(&d, "Remark", "", "");
    assert_int_equal(type(&d, "Vu."), DLG_GOING);
    assert_int_equal(key(&d, TUI_KEY_F(2)), DLG_OK);
    cs_error_set(&err, CS_EREADONLY, "full");
    assert_true(dialog_keep_after(&d, &err));
    assert_string_equal(dialog_text(&d), "Vu.");
    assert_true(dialog_has_typed_text(&d));
    assert_int_equal(key(&d, TUI_KEY_ESC), DLG_GOING);    /* Esc asks */
    assert_true(d.asking);
    assert_int_equal(key(&d, 'n'), DLG_GOING);
    cs_error_set(&err, CS_EBUSY, "busy");
    assert_true(dialog_keep_after(&d, &err));
    cs_error_set(&err, CS_EINVAL, "refused");
    assert_false(dialog_keep_after(&d, &err));
    dialog_editor(&d, "Remark", "", "");
    cs_error_set(&err, CS_EREADONLY, "full");
    assert_false(dialog_keep_after(&d, &err));
    dialog_clear(&d);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_confirm),
        cmocka_unit_test(test_pick_by_line_and_value),
        cmocka_unit_test(test_pick_or_type_a_number),
        cmocka_unit_test(test_number),
        cmocka_unit_test(test_line),
        cmocka_unit_test(test_editor_asks_before_esc),
        cmocka_unit_test(test_keep_after_failed_save),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
