/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * tui_keymap_test.c: key tables (keymap.c, model_keys.c): lookup by role,
 * the F-key bar, the hint line and the help lines made from one table,
 * key names, Esc-digit and Alt-digit as F1..F10; a screen's keys composed
 * with the keys other screens declare to be opened from it; and, over
 * every screen's keys (as composed) and every dialog's, the rules of
 * TERMINAL.md: labels within six columns, F1 help and F10 quit with
 * letter aliases, every F-key action also on another key, no key with two
 * meanings, every binding reachable, every screen reachable from the
 * first, and hint lines and bars that offer a role only what the core
 * grants it (cs_role_can).
 */
#include "testlib.h"

#include <locale.h>
#include <stdio.h>
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
static const struct tui_keymap km = TUI_KEYMAP("Sample", sample);

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

/* ---------------------------------------------------------- all tables */

#define MAX_TABLES 64

static struct tui_keys composed[MAX_TABLES];

/* Every table the user meets: each registered screen's keys as composed
 * (tables[0..*screens-1], in the order of tui_screens), then each
 * dialog's. */
static size_t
all_tables(const struct tui_keymap **tables, size_t *screens)
{
    size_t n = 0, d;

    for (size_t i = 0; tui_screen_keymaps[i] != NULL; i++) {
        assert_true(n < MAX_TABLES);
        /* No screen has more keys than the composed table holds. */
        assert_true(tui_screen_keys(&composed[n], tui_screen_keymaps[i]));
        tables[n] = &composed[n].map;
        n++;
    }
    *screens = n;
    d = tui_dialog_keymaps(tables + n, MAX_TABLES - n);
    assert_true(d <= MAX_TABLES - n);
    return n + d;
}

/* True when the table binds no printable letter: letters are text there
 * (an editor, a list found as a name is typed, the entry form). */
static bool
takes_text(const struct tui_keymap *m)
{
    for (size_t i = 0; i < m->count; i++)
        for (int k = 0; k < TUI_BINDING_KEYS && m->bindings[i].keys[k]; k++)
            if (m->bindings[i].keys[k] > ' '
                && m->bindings[i].keys[k] < 127)
                return false;
    return true;
}

static const enum cs_role roles[] = {
    CS_ROLE_VIEWER, CS_ROLE_AGENT, CS_ROLE_ADMIN,
};

/* The rules every screen's and dialog's table follows. */
static void
test_every_table(void **state)
{
    const struct tui_keymap *tables[MAX_TABLES];
    size_t screens, n = all_tables(tables, &screens);

    (void)state;
    assert_true(screens >= 9);
    assert_true(n >= screens + 8);
    for (size_t t = 0; t < n; t++) {
        const struct tui_keymap *m = tables[t];
        bool dialog = t >= screens, text = takes_text(m);

        assert_non_null(m->title);
        for (size_t i = 0; i < m->count; i++) {
            const struct tui_binding *b = &m->bindings[i];

            if (b->label != NULL)
                assert_true(tui_width(tui_pgettext(b->label))
                            <= TUI_LABEL_COLS);
            assert_non_null(b->help);
            /* No action only on an F-key (but quit where letters are
             * text or answers: it asks first). */
            if (b->fkey && !((text || dialog) && b->action == TUI_ACT_QUIT))
                assert_int_not_equal(b->keys[0], 0);
            /* No key (nor F-key) bound twice on a screen. */
            for (size_t j = i + 1; j < m->count; j++) {
                const struct tui_binding *c = &m->bindings[j];

                if (b->fkey)
                    assert_int_not_equal(b->fkey, c->fkey);
                for (int k = 0; k < TUI_BINDING_KEYS && b->keys[k]; k++)
                    for (int l = 0; l < TUI_BINDING_KEYS && c->keys[l]; l++)
                        if (b->keys[k] == c->keys[l])
                            fail_msg("%s: a key bound twice (%d)", m->title,
                                     b->keys[k]);
            }
        }
        /* F10 quits everywhere. */
        assert_int_equal(tui_keymap_action(m, CS_ROLE_VIEWER, TUI_KEY_F(10)),
                         TUI_ACT_QUIT);
        /* Every screen but help gives help on F1; where letters act, on ?
         * too, and q quits. Dialogs close before help. */
        if (dialog || m->title == model_help_keys.title)
            continue;
        assert_int_equal(tui_keymap_action(m, CS_ROLE_VIEWER, TUI_KEY_F(1)),
                         TUI_ACT_HELP);
        if (!text) {
            assert_int_equal(tui_keymap_action(m, CS_ROLE_VIEWER, '?'),
                             TUI_ACT_HELP);
            assert_int_equal(tui_keymap_action(m, CS_ROLE_VIEWER, 'q'),
                             TUI_ACT_QUIT);
        }
    }
}

/* Every binding is reached by one of its keys, for every role the core
 * grants its operation: no key is shadowed by another binding. */
static void
test_every_binding_reachable(void **state)
{
    const struct tui_keymap *tables[MAX_TABLES];
    size_t screens, n = all_tables(tables, &screens);

    (void)state;
    for (size_t t = 0; t < n; t++) {
        const struct tui_keymap *m = tables[t];

        for (size_t i = 0; i < m->count; i++) {
            const struct tui_binding *b = &m->bindings[i];

            for (size_t r = 0; r < TUI_COUNT(roles); r++) {
                bool reached = false;

                if (!cs_role_can(roles[r], b->op)) {
                    /* Not granted: none of its keys does it. */
                    if (b->fkey)
                        assert_ptr_not_equal(tui_keymap_binding(m, roles[r],
                                             TUI_KEY_F(b->fkey)), b);
                    continue;
                }
                if (b->fkey && tui_keymap_binding(m, roles[r],
                                                  TUI_KEY_F(b->fkey)) == b)
                    reached = true;
                for (int k = 0; k < TUI_BINDING_KEYS && b->keys[k]; k++)
                    if (tui_keymap_binding(m, roles[r], b->keys[k]) == b)
                        reached = true;
                if (!reached)
                    fail_msg("%s: \"%s\" has no key that reaches it",
                             m->title, b->help);
            }
        }
    }
}

/* How screens are opened: each route names a registered opener, goes
 * after a key the opener has, is in the opener's keys and opens its own
 * screen; and every screen is opened from the first, by routes (help by
 * the help key). */
static void
test_every_screen_reachable(void **state)
{
    const struct tui_keymap *tables[MAX_TABLES];
    size_t screens = 0;
    bool reached[MAX_TABLES] = { true };
    bool grew = true;

    (void)state;
    all_tables(tables, &screens);
    for (size_t t = 0; t < screens; t++) {
        const struct tui_keymap *own = tui_screen_keymaps[t];

        for (size_t r = 0; r < own->route_count; r++) {
            const struct tui_route *route = &own->routes[r];
            const struct tui_keys *opener = NULL;
            bool after = route->after == TUI_ACT_NONE, found = false;

            for (size_t o = 0; o < screens; o++)
                if (tui_screen_keymaps[o] == route->from)
                    opener = &composed[o];
            assert_non_null(opener);
            for (size_t i = 0; i < opener->map.count; i++) {
                const struct tui_route *via;

                if (opener->bindings[i].action == route->after
                    && opener->route[i] != route)
                    after = true;
                if (tui_keys_opens(opener, &opener->bindings[i], &via)
                    == (int)t && via == route)
                    found = true;
            }
            if (!after || !found)
                fail_msg("%s: a route into it is misplaced", own->title);
            assert_false(route->key.action == TUI_ACT_HELP
                         || route->key.action == TUI_ACT_QUIT);
            /* A screen's own actions are its own: composed into the
             * opener's keys, one would mean the opener's own action of
             * the same value. */
            if (TUI_ACT_IS_OWN(route->key.action)
                || TUI_ACT_IS_OWN(route->after))
                fail_msg("%s: a route into it takes a screen's own action",
                         own->title);
        }
    }
    while (grew) {
        grew = false;
        for (size_t t = 0; t < screens; t++) {
            const struct tui_keymap *own = tui_screen_keymaps[t];

            for (size_t r = 0; r < own->route_count && !reached[t]; r++)
                for (size_t o = 0; o < screens; o++)
                    if (reached[o] && own->routes[r].from
                                      == tui_screen_keymaps[o])
                        reached[t] = grew = true;
        }
    }
    for (size_t t = 0; t < screens; t++) {
        if (tui_screen_keymaps[t] == &model_help_keys) {
            /* Opened by the help key, which the first screen has. */
            assert_int_equal(tui_keymap_action(tables[0], CS_ROLE_VIEWER,
                                               TUI_KEY_F(1)), TUI_ACT_HELP);
            continue;
        }
        if (!reached[t])
            fail_msg("%s: no key opens it", tui_screen_keymaps[t]->title);
    }
}

/* A screen added with its keys and its route into another screen: the
 * other screen's keys gain it, in the place the route names, without a
 * change to its table; a key of a role the core refuses is not offered. */
static const struct tui_route sample_routes[] = {
    { &km, TUI_ACT_SEARCH, TUI_OPEN_SELECTED,
      { TUI_ACT_STATS, 8, { 'g' }, NC_("bar", "Stats"), N_("stats"),
        N_("Show the statistics"), CS_OP_ANY } },
    { &km, TUI_ACT_STATS, 0,
      { TUI_ACT_TAG, 0, { 't' }, NULL, N_("tag"), N_("Tag"), CS_OP_TAG } },
};
static const struct tui_binding sample_new[] = {
    { TUI_ACT_QUIT, 10, { 'q' }, NC_("bar", "Quit"), N_("quit"),
      N_("Quit"), CS_OP_ANY },
};
static const struct tui_keymap km_new =
    TUI_SCREEN_KEYMAP("New", sample_new, sample_routes, NULL);

static void
test_compose(void **state)
{
    const struct tui_keymap *list[] = { &km, &km_new, NULL };
    struct tui_keys k;
    const struct tui_route *via;
    char hint[256];

    (void)state;
    assert_true(tui_keys_compose(&k, list, 0));
    assert_int_equal(k.map.count, 7);
    assert_int_equal(k.bindings[2].action, TUI_ACT_SEARCH);
    assert_int_equal(k.bindings[3].action, TUI_ACT_STATS);
    assert_int_equal(k.bindings[4].action, TUI_ACT_TAG);
    assert_int_equal(k.bindings[5].action, TUI_ACT_OPEN);
    assert_int_equal(tui_keys_opens(&k, &k.bindings[3], &via), 1);
    assert_ptr_equal(via, &sample_routes[0]);
    assert_int_equal(tui_keys_opens(&k, &k.bindings[0], &via), -1);
    assert_null(via);
    assert_int_equal(tui_keymap_action(&k.map, CS_ROLE_VIEWER, 'g'),
                     TUI_ACT_STATS);
    assert_int_equal(tui_keymap_action(&k.map, CS_ROLE_VIEWER,
                                       TUI_KEY_F(8)), TUI_ACT_STATS);
    tui_keymap_hint(&k.map, CS_ROLE_ADMIN, 200, hint, sizeof hint);
    assert_string_equal(hint, "? help  s status  / search  g stats  t tag  "
                              "Enter open  q quit");
    tui_keymap_hint(&k.map, CS_ROLE_VIEWER, 200, hint, sizeof hint);
    assert_string_equal(hint, "? help  / search  g stats  Enter open  "
                              "q quit");
    /* The new screen's own keys gain nothing. */
    assert_true(tui_keys_compose(&k, list, 1));
    assert_int_equal(k.map.count, 1);
}

/* What each role is offered, on every screen: its hint line and its bar
 * show a key exactly when the core grants the role what the key does. */
static void
test_offered_by_role(void **state)
{
    const struct tui_keymap *tables[MAX_TABLES];
    size_t n, screens;

    (void)state;
    n = all_tables(tables, &screens);
    for (size_t t = 0; t < n; t++) {
        const struct tui_keymap *m = tables[t];

        for (size_t r = 0; r < TUI_COUNT(roles); r++) {
            char hint[1024];
            struct tui_bar bar;

            tui_keymap_hint(m, roles[r], 1000, hint, sizeof hint);
            tui_keymap_bar(m, roles[r], 200, &bar);
            for (size_t i = 0; i < m->count; i++) {
                const struct tui_binding *b = &m->bindings[i];
                bool can = cs_role_can(roles[r], b->op), other = false;
                char key[32], item[160];

                if (b->hint == NULL || (!b->keys[0] && !b->fkey))
                    continue;
                tui_key_name(b->keys[0] ? b->keys[0] : TUI_KEY_F(b->fkey),
                             key, sizeof key);
                snprintf(item, sizeof item, "%s %s", key,
                         tui_pgettext(b->hint));
                /* The same words for a key the role has: not telling. */
                for (size_t j = 0; j < m->count; j++)
                    if (j != i && m->bindings[j].hint
                        && cs_role_can(roles[r], m->bindings[j].op)
                        && strcmp(tui_pgettext(m->bindings[j].hint),
                                  tui_pgettext(b->hint)) == 0)
                        other = true;
                if (can && strstr(hint, item) == NULL)
                    fail_msg("%s: \"%s\" not offered to role %d", m->title,
                             item, (int)roles[r]);
                if (!can && !other && strstr(hint, item) != NULL)
                    fail_msg("%s: \"%s\" offered to role %d, which the core "
                             "refuses it", m->title, item, (int)roles[r]);
            }
            for (int s = 0; s < TUI_BAR_SLOTS; s++) {
                const struct tui_binding *b;

                if (bar.slots[s].label[0] == '\0')
                    continue;
                b = tui_keymap_binding(m, roles[r], TUI_KEY_F(s + 1));
                assert_non_null(b);
                assert_true(cs_role_can(roles[r], b->op));
            }
        }
    }
}

/* The ideas list offers the entry form to the roles that may add ideas
 * (the core's table), on the hint line; the form's keys take no letter
 * (letters are text). */
static void
test_entry_form_keys(void **state)
{
    static struct tui_keys ideas, form;
    char hint[256];
    int f = 0;

    (void)state;
    assert_true(tui_screen_keys(&ideas, &model_ideas_keys));
    assert_true(tui_screen_keys(&form, &model_form_keys));
    assert_int_equal(tui_keymap_action(&ideas.map, CS_ROLE_AGENT, 'a'),
                     TUI_ACT_ADD);
    assert_int_equal(tui_keymap_action(&ideas.map, CS_ROLE_ADMIN, 'a'),
                     TUI_ACT_ADD);
    assert_int_equal(tui_keymap_action(&ideas.map, CS_ROLE_VIEWER, 'a'),
                     TUI_ACT_NONE);
    /* The key opens the form, as the form declares. */
    while (tui_screen_keymaps[f] != &model_form_keys)
        f++;
    assert_int_equal(tui_keys_opens(&ideas,
                                    tui_keymap_binding(&ideas.map,
                                                       CS_ROLE_AGENT, 'a'),
                                    NULL), f);

    tui_keymap_hint(&ideas.map, CS_ROLE_AGENT, 80, hint, sizeof hint);
    assert_non_null(strstr(hint, "a add"));
    tui_keymap_hint(&ideas.map, CS_ROLE_VIEWER, 80, hint, sizeof hint);
    assert_null(strstr(hint, "a add"));
    for (int c = ' '; c < 127; c++)
        assert_int_equal(tui_keymap_action(&form.map, CS_ROLE_ADMIN, c),
                         TUI_ACT_NONE);
    assert_int_equal(tui_keymap_action(&form.map, CS_ROLE_AGENT,
                                       TUI_CTRL('s')), TUI_ACT_SAVE);
    assert_int_equal(tui_keymap_action(&form.map, CS_ROLE_AGENT,
                                       TUI_KEY_F(2)), TUI_ACT_SAVE);
    assert_int_equal(tui_keymap_action(&form.map, CS_ROLE_AGENT,
                                       TUI_KEY_ENTER), TUI_ACT_NEXT_SECTION);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup_by_role),
        cmocka_unit_test(test_entry_form_keys),
        cmocka_unit_test(test_bar),
        cmocka_unit_test(test_hint_and_help),
        cmocka_unit_test(test_key_names),
        cmocka_unit_test(test_esc_digit),
        cmocka_unit_test(test_compose),
        cmocka_unit_test(test_every_table),
        cmocka_unit_test(test_every_binding_reachable),
        cmocka_unit_test(test_every_screen_reachable),
        cmocka_unit_test(test_offered_by_role),
    };

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
