/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_tally_test.c: the tally sheet screen's model (model_tally.c) on a
 * real database: the consultation's ideas as lines, what the session
 * records shown, counts typed cell by cell (digits, Tab and Enter,
 * Shift-Tab, Up and Down, Backspace), saved in one call (a line left
 * empty not written, a refusal keeping everything typed), and the rows as
 * laid out for 80 columns.
 */
#include "testlib.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_tally.h"
#include "text.h"

struct sheet {
    struct model_tally m;
    int64_t ids[5];
};

static void
type(struct model_tally *m, const char *keys)
{
    for (const char *p = keys; *p; p++) {
        int key = *p == '\t' ? TUI_KEY_TAB
                  : *p == '\n' ? TUI_KEY_ENTER
                  : *p == '<' ? TUI_KEY_BACKSPACE
                  : *p == '^' ? TUI_KEY_UP
                  : *p == 'v' ? TUI_KEY_DOWN
                  : *p == 'b' ? TUI_KEY_BTAB : *p;

        assert_true(model_tally_key(m, key, 10));
    }
}

static int64_t
support_of(struct fixture *f, int64_t id)
{
    char sql[100];

    snprintf(sql, sizeof sql, "SELECT support FROM idea WHERE id = %lld",
             (long long)id);
    return fixture_count(f, sql);
}

static void
open_sheet(struct fixture *f, struct sheet *s)
{
    struct cs_error err;
    static const char *const bodies[] = {
        "Des vélos partagés", "Des bancs au parc", "Une navette", "Retirée",
        "Des fontaines",
    };

    for (int i = 0; i < 5; i++)
        s->ids[i] = fixture_idea(f->db, f, bodies[i]);
    assert_ok(cs_idea_set_status(f->db, s->ids[3], 0, CS_STATUS_WITHDRAWN,
                                 NULL, &err));
    model_tally_init(&s->m);
    assert_ok(model_tally_open(&s->m, f->db, f->cons_id, "AG21",
                               "Atelier Marchienne", "2026-05-02", &err));
}

static void
test_lines_and_cells(void **state)
{
    struct fixture *f = *state;
    struct sheet s;
    struct cs_error err;
    struct cs_tally_sheet_result res;
    struct tui_row rows[10];
    char head[TUI_ROW_BYTES];
    int cy, cx;
    size_t n;

    open_sheet(f, &s);
    /* The withdrawn idea takes no tally: four lines. */
    assert_int_equal(s.m.count, 4);
    assert_int_equal(s.m.lines[3].idea_id, s.ids[4]);

    /* 14 for, 3 against on the first line; Enter goes on to the next
     * line's for; 0 for and 4 against on the second. */
    type(&s.m, "14\t3\n0\t45<\n");
    assert_int_equal(s.m.sel, 2);
    assert_int_equal(s.m.cell, TALLY_FOR);
    assert_int_equal(model_tally_typed(&s.m), 2);
    /* Back up with Shift-Tab and Up; a digit typed and taken off again
     * leaves the third line empty. */
    type(&s.m, "7<b");
    assert_int_equal(s.m.sel, 1);
    assert_int_equal(s.m.cell, TALLY_AGAINST);
    type(&s.m, "^");
    assert_int_equal(s.m.sel, 0);
    assert_int_equal(model_tally_typed(&s.m), 2);

    n = model_tally_rows(&s.m, 80, rows, 10, &cy, &cx);
    assert_int_equal(n, 4);
    assert_int_equal(cy, 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(tui_width(rows[i].text), 80);
    assert_int_equal(rows[0].style, TUI_STYLE_SELECTED);
    assert_non_null(strstr(rows[0].text, ">    "));
    assert_non_null(strstr(rows[0].text, "Des vélos partagés"));
    assert_non_null(strstr(rows[0].text, "- [   14] [      3]"));
    assert_non_null(strstr(rows[1].text, "- [    0] [      4]"));
    assert_non_null(strstr(rows[2].text, "- [     ] [       ]"));
    /* The cursor is on the against cell of the first line, at its
     * bracket; on the for cell, at that one's. */
    assert_int_equal(cx, 79);
    s.m.cell = TALLY_FOR;
    model_tally_rows(&s.m, 80, rows, 10, &cy, &cx);
    assert_int_equal(cx, 80 - 11);
    s.m.cell = TALLY_AGAINST;
    model_tally_header(&s.m, head, sizeof head);
    assert_string_equal(head, "AG21  |  Tally sheet: Atelier Marchienne, "
                              "2026-05-02  |  2 lines typed");

    /* Saved: the two typed lines, not the empty ones. */
    assert_ok(model_tally_save(&s.m, &res, &err));
    assert_int_equal(res.added, 2);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM tally"), 2);
    assert_int_equal(support_of(f, s.ids[0]), 14);
    assert_int_equal(model_tally_typed(&s.m), 0);
    assert_true(s.m.lines[0].saved);
    assert_int_equal(s.m.lines[0].saved_against, 3);
    model_tally_rows(&s.m, 80, rows, 10, &cy, &cx);
    assert_non_null(strstr(rows[0].text, "14/3 [     ] [       ]"));
    assert_non_null(strstr(rows[1].text, "0/4 [     ]"));

    /* Keyed again: an against typed alone keeps the session's for. */
    type(&s.m, "5");
    assert_ok(model_tally_save(&s.m, &res, &err));
    assert_int_equal(res.replaced, 1);
    assert_int_equal(support_of(f, s.ids[0]), 14);
    assert_true(s.m.lines[0].saved_against == 5);

    /* Opened again on the same session, the sheet shows what it has. */
    model_tally_free(&s.m);
    assert_ok(model_tally_open(&s.m, f->db, f->cons_id, "AG21",
                               "atelier marchienne", "2026-05-02", &err));
    assert_true(s.m.lines[0].saved);
    assert_int_equal(s.m.lines[0].saved_for, 14);
    assert_false(s.m.lines[2].saved);
    model_tally_free(&s.m);
}

static void
test_refusal_keeps_typing(void **state)
{
    struct fixture *f = *state;
    struct sheet s;
    struct cs_error err;

    open_sheet(f, &s);
    type(&s.m, "2\t\n\t\n3\t1");
    assert_int_equal(model_tally_typed(&s.m), 2);
    /* Meanwhile another desk withdraws the third idea. */
    assert_ok(cs_idea_set_status(f->db, s.ids[2], 0, CS_STATUS_WITHDRAWN,
                                 NULL, &err));
    type(&s.m, "^^");
    assert_int_equal(model_tally_save(&s.m, NULL, &err), CS_ECONFLICT);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM tally"), 0);
    /* The line refused has the cursor, every digit is still there. */
    assert_int_equal(s.m.sel, 2);
    assert_int_equal(model_tally_typed(&s.m), 2);
    assert_string_equal(s.m.lines[2].typed[TALLY_FOR], "3");
    assert_string_equal(s.m.lines[0].typed[TALLY_FOR], "2");
    /* Emptied, the line is not written and the rest is saved. */
    type(&s.m, "<\t<");
    assert_int_equal(model_tally_typed(&s.m), 1);
    assert_ok(model_tally_save(&s.m, NULL, &err));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM tally"), 1);

    /* A bad day or no source is refused before anything is read. */
    assert_int_equal(model_tally_open(&s.m, f->db, f->cons_id, "AG21",
                                      "Urne", "demain", &err), CS_EINVAL);
    assert_string_equal(err.field, "counted_at");
    assert_int_equal(model_tally_open(&s.m, f->db, f->cons_id, "AG21", " ",
                                      NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "source");
    model_tally_free(&s.m);
}

static void
test_digits(void **state)
{
    struct fixture *f = *state;
    struct sheet s;

    open_sheet(f, &s);
    /* At most six digits; a leading zero is replaced; letters are not
     * the grid's. */
    type(&s.m, "01234567");
    assert_string_equal(s.m.lines[0].typed[TALLY_FOR], "123456");
    assert_false(model_tally_key(&s.m, 'x', 10));
    /* Down past the last line stays on it; Enter on the last against
     * stays there. */
    type(&s.m, "vvvvvv\t\n");
    assert_int_equal(s.m.sel, 3);
    assert_int_equal(s.m.cell, TALLY_AGAINST);
    model_tally_free(&s.m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lines_and_cells,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_refusal_keeps_typing,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_digits, fixture_setup_cons,
                                        fixture_teardown),
    };

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
