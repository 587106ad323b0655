/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_themes_test.c: the themes screen's model (model_themes.c) on a
 * real database: the themes with their ideas, retired ones marked, the
 * selection kept on its theme through changes, and the core's refusals
 * (a theme with ideas is not deleted; an agent changes nothing).
 */
#include "testlib.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "model_themes.h"
#include "text.h"

static void
test_rows_and_changes(void **state)
{
    struct fixture *f = *state;
    struct model_themes m;
    struct cs_error err;
    struct tui_row rows[8];
    char head[TUI_ROW_BYTES];
    int cursor;

    fixture_idea(f->db, f, "Des vélos de service.");    /* MOB */
    memset(&m, 0, sizeof m);
    assert_ok(model_themes_load(&m, f->db, f->cons_id, "AG21", 80, &err));
    assert_int_equal(model_themes_rows(&m, rows, 8, &cursor), 3);
    assert_int_equal(cursor, 1);
    assert_int_equal(rows[0].style, TUI_STYLE_HEADING);
    assert_non_null(strstr(rows[1].text, "> MOB"));
    assert_non_null(strstr(rows[1].text, "     1  Mobilité"));
    assert_int_equal(rows[1].style, TUI_STYLE_SELECTED);
    assert_non_null(strstr(rows[2].text, "  ENV"));
    for (int i = 0; i < 3; i++)
        assert_int_equal(tui_width(rows[i].text), 80);

    /* Retire the selected one: marked, dim once the cursor leaves it. */
    assert_ok(model_themes_toggle_retired(&m, &err));
    assert_true(model_themes_selected(&m)->retired);
    model_themes_header(&m, head, sizeof head);
    assert_non_null(strstr(head, "AG21  |  2, 1 retired"));
    model_themes_apply(&m, TUI_ACT_DOWN, 1);
    model_themes_rows(&m, rows, 8, &cursor);
    assert_int_equal(cursor, 2);
    assert_non_null(strstr(rows[1].text, "Mobilité  (retired)"));
    assert_int_equal(rows[1].style, TUI_STYLE_DIM);

    /* A new title and code: the selection follows the theme. */
    assert_ok(model_themes_update(&m, "NAT", "Nature", &err));
    assert_string_equal(model_themes_selected(&m)->code, "NAT");
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM theme"
                                      " WHERE code = 'NAT' AND title ="
                                      " 'Nature'"), 1);
    /* Refused by the core: nothing changes. */
    assert_int_equal(model_themes_update(&m, "MOB", NULL, &err),
                     CS_ECONFLICT);
    assert_string_equal(model_themes_selected(&m)->code, "NAT");
    model_themes_apply(&m, TUI_ACT_HOME, 1);
    assert_int_equal(model_themes_delete(&m, &err), CS_ECONFLICT);
    assert_non_null(strstr(err.msg, "retire it instead"));
    /* The empty one goes. */
    model_themes_apply(&m, TUI_ACT_END, 1);
    assert_ok(model_themes_delete(&m, &err));
    assert_int_equal(m.list->count, 1);
    assert_int_equal(m.sel, 0);
    assert_ok(model_themes_toggle_retired(&m, &err));
    assert_false(model_themes_selected(&m)->retired);
    model_themes_free(&m);
}

/* Many themes: the list scrolls to keep the selection shown. */
static void
test_scrolls(void **state)
{
    struct fixture *f = *state;
    struct model_themes m;
    struct cs_error err;
    struct tui_row rows[4];
    char code[8], title[16];
    int cursor;

    for (int i = 0; i < 6; i++) {
        snprintf(code, sizeof code, "T%d", i);
        snprintf(title, sizeof title, "Thème %d", i);
        assert_ok(cs_theme_add(f->db, f->cons_id, code, title, 0, NULL,
                               &err));
    }
    memset(&m, 0, sizeof m);
    assert_ok(model_themes_load(&m, f->db, f->cons_id, "AG21", 80, &err));
    model_themes_apply(&m, TUI_ACT_END, 3);
    assert_int_equal(model_themes_rows(&m, rows, 4, &cursor), 4);
    assert_int_equal(cursor, 3);
    assert_non_null(strstr(rows[3].text, "> T5"));
    model_themes_apply(&m, TUI_ACT_PGUP, 3);
    model_themes_rows(&m, rows, 4, &cursor);
    assert_non_null(strstr(rows[cursor].text, "> T2"));
    model_themes_apply(&m, TUI_ACT_HOME, 3);
    model_themes_rows(&m, rows, 4, &cursor);
    assert_int_equal(cursor, 1);
    assert_non_null(strstr(rows[1].text, "> MOB"));
    model_themes_free(&m);
}

static void
test_agent_changes_nothing(void **state)
{
    struct fixture *f = *state;
    struct model_themes m;
    struct cs_error err;
    struct cs_db *agent;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    agent = fixture_open_as(f, "bob");
    memset(&m, 0, sizeof m);
    assert_ok(model_themes_load(&m, agent, f->cons_id, "AG21", 80, &err));
    assert_int_equal(model_themes_toggle_retired(&m, &err), CS_EPERM);
    assert_int_equal(model_themes_update(&m, NULL, "Autre", &err), CS_EPERM);
    assert_int_equal(model_themes_delete(&m, &err), CS_EPERM);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM theme"
                                      " WHERE retired = 0"), 2);
    model_themes_free(&m);
    cs_db_close(agent);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_cons, \
                                              fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_rows_and_changes),
        T(test_scrolls),
        T(test_agent_changes_nothing),
    };
#undef T

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
