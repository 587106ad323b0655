/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_tally_test.c: the tally sheet screen's model (model_tally.c) on a
 * real database: the consultation's ideas as lines, what the session
 * records shown, counts typed cell by cell (digits, Tab and Enter,
 * Shift-Tab, Up and Down, Backspace), saved in one call (a line left
 * empty not written, a refusal keeping everything typed), and the rows as
 * laid out for 80 columns; a short list (numbers typed in the sheet's
 * order, a tag's ideas, a paper batch's) instead of every idea.
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

/* A workshop's short list: numbers typed in the sheet's order, a tag's
 * ideas, a paper batch's; refusals name the idea; a save writes the
 * short list's lines only. */
static void
test_short_list(void **state)
{
    struct fixture *f = *state;
    struct sheet s;
    struct model_tally m;
    struct tally_scope sc = { 0 };
    struct cs_tally_sheet_result res;
    struct cs_batch_new bn = { .consultation_id = f->cons_id,
                               .label = "Atelier", .expected = 1 };
    struct cs_idea_new in = { .kind = CS_KIND_IDEA, .body = "Un potager",
                              .channel = CS_CHANNEL_PAPER };
    struct cs_error err;
    char head[TUI_ROW_BYTES], text[64];
    int64_t *ids = NULL, batch = 0, keyed = 0, bad[2];
    size_t n = 0;

    open_sheet(f, &s);
    model_tally_free(&s.m);

    /* Numbers as an agent types them from the sheet. */
    assert_ok(model_tally_parse_ids(" 12, 3;7-9 ", &ids, &n, &err));
    assert_int_equal(n, 5);
    assert_int_equal(ids[0], 12);
    assert_int_equal(ids[1], 3);
    assert_int_equal(ids[4], 9);
    free(ids);
    assert_int_equal(model_tally_parse_ids("3 x", &ids, &n, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "ideas");
    assert_int_equal(model_tally_parse_ids("9-7", &ids, &n, &err),
                     CS_EINVAL);
    assert_int_equal(model_tally_parse_ids("0", &ids, &n, &err), CS_EINVAL);
    assert_int_equal(model_tally_parse_ids("1-99999", &ids, &n, &err),
                     CS_EINVAL);
    assert_int_equal(model_tally_parse_ids("  ", &ids, &n, &err),
                     CS_EINVAL);

    /* Three ideas, in the order typed: the lines follow the paper. */
    snprintf(text, sizeof text, "%lld %lld %lld", (long long)s.ids[4],
             (long long)s.ids[0], (long long)s.ids[2]);
    assert_ok(model_tally_parse_ids(text, &ids, &n, &err));
    sc.ids = ids;
    sc.id_count = n;
    model_tally_init(&m);
    assert_ok(model_tally_open_scope(&m, f->db, f->cons_id, "AG21",
                                     "Atelier Marchienne", "2026-05-02", &sc,
                                     &err));
    free(ids);
    assert_int_equal(m.count, 3);
    assert_int_equal(m.lines[0].idea_id, s.ids[4]);
    assert_int_equal(m.lines[1].idea_id, s.ids[0]);
    assert_int_equal(m.lines[2].idea_id, s.ids[2]);
    model_tally_header(&m, head, sizeof head);
    assert_non_null(strstr(head, "|  3 ideas chosen"));
    /* 9 for the first line, 4 for the third: saved, read back on the
     * lines in the sheet's order. */
    type(&m, "9\t\t\t\t4\t1");
    assert_ok(model_tally_save(&m, &res, &err));
    assert_int_equal(res.added, 2);
    assert_int_equal(support_of(f, s.ids[4]), 9);
    assert_int_equal(support_of(f, s.ids[2]), 4);
    assert_true(m.lines[0].saved);
    assert_int_equal(m.lines[0].saved_for, 9);
    assert_false(m.lines[1].saved);
    assert_int_equal(m.lines[2].saved_against, 1);
    model_tally_free(&m);

    /* Refused, naming the idea: a withdrawn one, one of no
     * consultation, one twice. */
    bad[0] = s.ids[3];
    sc.ids = bad;
    sc.id_count = 1;
    assert_int_equal(model_tally_open_scope(&m, f->db, f->cons_id, "AG21",
                                            "Atelier", NULL, &sc, &err),
                     CS_EINVAL);
    assert_non_null(strstr(err.msg, "takes no tally"));
    bad[0] = 999;
    assert_int_equal(model_tally_open_scope(&m, f->db, f->cons_id, "AG21",
                                            "Atelier", NULL, &sc, &err),
                     CS_ENOTFOUND);
    assert_non_null(strstr(err.msg, "No idea 999 in consultation AG21"));
    bad[0] = bad[1] = s.ids[0];
    sc.id_count = 2;
    assert_int_equal(model_tally_open_scope(&m, f->db, f->cons_id, "AG21",
                                            "Atelier", NULL, &sc, &err),
                     CS_EINVAL);
    assert_non_null(strstr(err.msg, "twice"));
    assert_int_equal(m.count, 0);

    /* A tag's ideas (the withdrawn one left out), in number order. */
    assert_ok(cs_idea_tag(f->db, s.ids[1], 0, "atelier", false, &err));
    assert_ok(cs_idea_tag(f->db, s.ids[3], 0, "atelier", false, &err));
    assert_ok(cs_idea_tag(f->db, s.ids[2], 0, "Atelier", false, &err));
    memset(&sc, 0, sizeof sc);
    sc.tag = "atelier";
    assert_ok(model_tally_open_scope(&m, f->db, f->cons_id, "AG21",
                                     "Atelier", NULL, &sc, &err));
    assert_int_equal(m.count, 2);
    assert_int_equal(m.lines[0].idea_id, s.ids[1]);
    assert_int_equal(m.lines[1].idea_id, s.ids[2]);
    model_tally_header(&m, head, sizeof head);
    assert_non_null(strstr(head, "|  tag atelier"));
    model_tally_free(&m);
    sc.tag = "personne";
    assert_int_equal(model_tally_open_scope(&m, f->db, f->cons_id, "AG21",
                                            "Atelier", NULL, &sc, &err),
                     CS_ENOTFOUND);

    /* A paper batch's ideas. */
    assert_ok(cs_batch_add(f->db, &bn, &batch, &err));
    in.theme_id = f->theme_id[0];
    assert_ok(cs_batch_key_form(f->db, batch, &in, &keyed, NULL, &err));
    memset(&sc, 0, sizeof sc);
    sc.batch_id = batch;
    assert_ok(model_tally_open_scope(&m, f->db, f->cons_id, "AG21",
                                     "Atelier", NULL, &sc, &err));
    assert_int_equal(m.count, 1);
    assert_int_equal(m.lines[0].idea_id, keyed);
    model_tally_header(&m, head, sizeof head);
    snprintf(text, sizeof text, "|  paper batch %lld", (long long)batch);
    assert_non_null(strstr(head, text));
    model_tally_free(&m);
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
        cmocka_unit_test_setup_teardown(test_short_list, fixture_setup_cons,
                                        fixture_teardown),
    };

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
