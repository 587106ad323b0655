/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * tui_keymap_test.c: key tables (keymap.c, model_keys.c): lookup by role,
 * the F-key bar, the hint line and the help lines made from one table,
 * key names, Esc-digit and Alt-digit as F1..F10; and, over every screen's
 * table, the rules of TERMINAL.md: labels within six columns, F1 help and
 * F10 quit with letter aliases, every F-key action also on another key, no
 * key with two meanings.
 */
#include "testlib.h"

#include <locale.h>
#include <string.h>

#include "keymap.h"
#include "model_keys.h"
#include "text.h"

static const struct tui_binding sample[] = {
    { TUI_ACT_HELP, 1, { '?', 'h' }, NC_("bar", "Help"), N_("help"),
      N_("Show help"), CS_OP_ANY },
    { TUI_ACT_STATUS, 2, { 's' }, NC_("bar", "Status"), N_("status"),
      N_("Set the status"), CS_OP_SET_STATUS },
    { TUI_ACT_SEARCH, 3, { '/' }, NC_("bar", "Search"), N_("search"),
      N_("Search"), CS_OP_ANY },
    { TUI_ACT_OPEN, 0, { TUI_KEY_ENTER }, NULL, N_("open"), N_("Open"),
      CS_OP_ANY },
    { TUI_ACT_QUIT, 10, { 'q' }, NC_("bar", "Quit"), N_("quit"),
      N_("Quit"), CS_OP_ANY },
};
static const struct tui_keymap km = { "Sample", sample, 5 };

static void
test_lookup_by_role(void **state)
{
    (void)state;
    assert_int_equal(tui_keymap_action(&km, CS_ROLE_ADMIN, 's'),
                     TUI_ACT_STATUS);
    assert_int_equal(tui_keymap_action(&km, CS_ROLE_ADMIN, TUI_KEY_F(2)),
                     TUI_ACT_STATUS);
    /* A viewer has no status key at all. */
    assert_int_equal(tui_keymap_action(&km, CS_ROLE_VIEWER, 's'),
                     TUI_ACT_NONE);
    assert_int_equal(tui_keymap_action(&km, CS_ROLE_VIEWER, TUI_KEY_F(2)),
                     TUI_ACT_NONE);
    assert_null(tui_keymap_find(&km, CS_ROLE_AGENT, TUI_ACT_STATUS));
    assert_non_null(tui_keymap_find(&km, CS_ROLE_ADMIN, TUI_ACT_STATUS));
    assert_int_equal(tui_keymap_action(&km, CS_ROLE_VIEWER, 'h'),
                     TUI_ACT_HELP);
    assert_int_equal(tui_keymap_action(&km, CS_ROLE_VIEWER, TUI_KEY_F(10)),
                     TUI_ACT_QUIT);
    assert_int_equal(tui_keymap_action(&km, CS_ROLE_VIEWER, 'z'),
                     TUI_ACT_NONE);
}

static void
test_bar(void **state)
{
    struct tui_bar bar;

    (void)state;
    tui_keymap_bar(&km, CS_ROLE_ADMIN, 80, &bar);
    for (int s = 0; s < TUI_BAR_SLOTS; s++) {
        assert_int_equal(bar.slots[s].x, s * 8);
        assert_int_equal(bar.slots[s].width, 8);
    }
    assert_string_equal(bar.slots[0].num, "1");
    assert_string_equal(bar.slots[0].label, "Help");
    assert_string_equal(bar.slots[1].label, "Status");
    assert_string_equal(bar.slots[3].label, "");
    assert_string_equal(bar.slots[9].num, "10");
    assert_string_equal(bar.slots[9].label, "Quit");
    /* A click on a slot is its F-key; on a free slot, nothing. */
    assert_int_equal(tui_bar_hit(&bar, 9), 2);
    assert_int_equal(tui_bar_hit(&bar, 79), 10);
    assert_int_equal(tui_bar_hit(&bar, 25), 0);
    /* A viewer's bar leaves the status slot free. */
    tui_keymap_bar(&km, CS_ROLE_VIEWER, 80, &bar);
    assert_string_equal(bar.slots[1].label, "");
    /* Slots share what does not divide evenly, left first. */
    tui_keymap_bar(&km, CS_ROLE_ADMIN, 203, &bar);
    assert_int_equal(bar.slots[0].width, 21);
    assert_int_equal(bar.slots[3].x, 63);
    assert_int_equal(bar.slots[3].width, 20);
    assert_int_equal(bar.slots[9].x + bar.slots[9].width, 203);
}

static void
test_hint_and_help(void **state)
{
    char hint[256];
    struct tui_help_line lines[8];

    (void)state;
    tui_keymap_hint(&km, CS_ROLE_ADMIN, 200, hint, sizeof hint);
    assert_string_equal(hint, "? help  s status  / search  Enter open  "
                              "q quit");
    tui_keymap_hint(&km, CS_ROLE_VIEWER, 200, hint, sizeof hint);
    assert_string_equal(hint, "? help  / search  Enter open  q quit");
    /* Only whole items fit. */
    tui_keymap_hint(&km, CS_ROLE_ADMIN, 20, hint, sizeof hint);
    assert_string_equal(hint, "? help  s status");

    assert_int_equal(tui_keymap_help(&km, CS_ROLE_ADMIN, lines, 8), 5);
    assert_string_equal(lines[0].keys, "F1 ? h");
    assert_string_equal(lines[0].text, "Show help");
    assert_string_equal(lines[3].keys, "Enter");
    assert_int_equal(tui_keymap_help(&km, CS_ROLE_VIEWER, lines, 8), 4);
    assert_string_equal(lines[1].keys, "F3 /");
}

static void
test_key_names(void **state)
{
    char b[32];

    (void)state;
    tui_key_name(TUI_KEY_F(10), b, sizeof b);
    assert_string_equal(b, "F10");
    tui_key_name(TUI_CTRL('l'), b, sizeof b);
    assert_string_equal(b, "Ctrl-L");
    tui_key_name(' ', b, sizeof b);
    assert_string_equal(b, "Space");
    tui_key_name(TUI_KEY_PGDN, b, sizeof b);
    assert_string_equal(b, "PgDn");
    tui_key_name(0xe9, b, sizeof b);
    assert_string_equal(b, "é");
}

static void
test_esc_digit(void **state)
{
    struct tui_keydec d = { false, 0 };

    (void)state;
    assert_int_equal(tui_keydec_feed(&d, 'x'), 'x');
    assert_int_equal(tui_keydec_feed(&d, TUI_KEY_ESC), TUI_KEY_NONE);
    assert_int_equal(tui_keydec_feed(&d, '3'), TUI_KEY_F(3));
    assert_int_equal(tui_keydec_feed(&d, TUI_KEY_ESC), TUI_KEY_NONE);
    assert_int_equal(tui_keydec_feed(&d, '0'), TUI_KEY_F(10));
    /* Esc Esc: Esc at once. */
    assert_int_equal(tui_keydec_feed(&d, TUI_KEY_ESC), TUI_KEY_NONE);
    assert_int_equal(tui_keydec_feed(&d, TUI_KEY_ESC), TUI_KEY_ESC);
    assert_int_equal(tui_keydec_pending(&d), TUI_KEY_NONE);
    assert_int_equal(tui_keydec_feed(&d, '3'), '3');
    /* Esc then a letter, however quick: Esc, then the letter. */
    assert_int_equal(tui_keydec_feed(&d, TUI_KEY_ESC), TUI_KEY_NONE);
    assert_int_equal(tui_keydec_feed(&d, 's'), TUI_KEY_ESC);
    assert_int_equal(tui_keydec_pending(&d), 's');
    assert_int_equal(tui_keydec_pending(&d), TUI_KEY_NONE);
    assert_int_equal(tui_keydec_feed(&d, TUI_KEY_ESC), TUI_KEY_NONE);
    assert_int_equal(tui_keydec_feed(&d, TUI_KEY_DOWN), TUI_KEY_ESC);
    assert_int_equal(tui_keydec_pending(&d), TUI_KEY_DOWN);
    /* Esc alone: Esc once the wait is over. */
    assert_int_equal(tui_keydec_timeout(&d), TUI_KEY_NONE);
    assert_int_equal(tui_keydec_feed(&d, TUI_KEY_ESC), TUI_KEY_NONE);
    assert_int_equal(tui_keydec_timeout(&d), TUI_KEY_ESC);
    assert_int_equal(tui_keydec_feed(&d, '1'), '1');
}

/* The rules every screen's table follows. */
static void
test_every_screen(void **state)
{
    (void)state;
    for (size_t t = 0; tui_keymaps[t] != NULL; t++) {
        const struct tui_keymap *m = tui_keymaps[t];
        /* The editor, a question and a list found as a name is typed
         * take letters as text or answers: they quit by F10 alone, and
         * have no help. */
        bool editor = m == &tui_keys_editor || m == &tui_keys_confirm
                      || m == &tui_keys_find;

        assert_non_null(m->title);
        for (size_t i = 0; i < m->count; i++) {
            const struct tui_binding *b = &m->bindings[i];

            if (b->label != NULL)
                assert_true(tui_width(tui_pgettext(b->label))
                            <= TUI_LABEL_COLS);
            assert_non_null(b->help);
            /* No action only on an F-key (the editor's quit asks). */
            if (b->fkey && !(editor && b->action == TUI_ACT_QUIT))
                assert_int_not_equal(b->keys[0], 0);
            /* No key (nor F-key) bound twice on a screen. */
            for (size_t j = i + 1; j < m->count; j++) {
                const struct tui_binding *c = &m->bindings[j];

                if (b->fkey)
                    assert_int_not_equal(b->fkey, c->fkey);
                for (int k = 0; k < TUI_BINDING_KEYS && b->keys[k]; k++)
                    for (int l = 0; l < TUI_BINDING_KEYS && c->keys[l]; l++)
                        assert_int_not_equal(b->keys[k], c->keys[l]);
            }
        }
        /* F10 quits everywhere; F1, ? and h give help wherever there is
         * help to give. */
        assert_int_equal(tui_keymap_action(m, CS_ROLE_VIEWER, TUI_KEY_F(10)),
                         TUI_ACT_QUIT);
        /* Dialogs (a choice, a refusal) close before help. */
        if (!editor && m != &tui_keys_help && m != &tui_keys_menu
            && m != &tui_keys_stale) {
            assert_int_equal(tui_keymap_action(m, CS_ROLE_VIEWER,
                                               TUI_KEY_F(1)), TUI_ACT_HELP);
            assert_int_equal(tui_keymap_action(m, CS_ROLE_VIEWER, '?'),
                             TUI_ACT_HELP);
            assert_int_equal(tui_keymap_action(m, CS_ROLE_VIEWER, 'q'),
                             TUI_ACT_QUIT);
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup_by_role),
        cmocka_unit_test(test_bar),
        cmocka_unit_test(test_hint_and_help),
        cmocka_unit_test(test_key_names),
        cmocka_unit_test(test_esc_digit),
        cmocka_unit_test(test_every_screen),
    };

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
