/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_cons_test.c: the consultations screen's model (model_cons.c), the
 * choice menu and list moves (model_menu.c) and the help screen's text
 * (model_help.c), on a real database: columns, counts made in steps, the
 * selection kept across a reload, and help made from a key table.
 */
#include "testlib.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_cons.h"
#include "model_help.h"
#include "model_keys.h"
#include "model_menu.h"
#include "text.h"

static bool
contains(const char *hay, const char *needle)
{
    return strstr(hay, needle) != NULL;
}

static void
test_consultations(void **state)
{
    struct fixture *f = *state;
    struct model_cons m;
    struct cs_error err;
    struct tui_row rows[8];
    char cols[TUI_ROW_BYTES], head[TUI_ROW_BYTES];
    const struct cs_person p = { .ref = "M-1", .name = "Zoé" };
    struct cs_consultation_new b = {
        .code = "BUDGET22", .title = "Budget participatif 2022 : vos "
        "projets pour la commune", .kind = CS_CONS_IDEAS,
        .audience = CS_AUDIENCE_CITIZENS, .opens_on = "2022-01-10",
        .closes_on = "2022-02-28", .state = CS_STATE_DRAFT,
    };
    int64_t bid, i1;
    int cursor;
    size_t n;

    i1 = fixture_idea(f->db, f, "Des vélos");
    fixture_idea(f->db, f, "Un potager");
    assert_ok(cs_vote_add(f->db, i1, &p, CS_CHANNEL_PAPER, NULL, NULL,
                          &err));
    assert_ok(cs_tally_add(f->db, i1, 12, "Atelier", NULL, NULL, &err));
    assert_ok(cs_consultation_add(f->db, &b, &bid, &err));

    assert_ok(model_cons_init(&m, f->db, 80, 6, &err));
    assert_false(m.counting);           /* small: counted at once */
    n = model_cons_rows(&m, rows, 8, &cursor);
    assert_int_equal(n, 2);
    assert_int_equal(cursor, 0);
    /* Ordered by code: AG21, then BUDGET22. */
    assert_true(contains(rows[0].text, "> AG21"));
    assert_true(contains(rows[0].text, "     2    13"));
    assert_true(contains(rows[1].text, "  BUDGET22 Budget participa…"));
    assert_true(contains(rows[1].text, "2022-01-10 2022-02-28 draft"));
    assert_true(contains(rows[1].text, "     0     0"));
    for (size_t i = 0; i < n; i++)
        assert_int_equal(tui_width(rows[i].text), 80);
    model_cons_columns(&m, cols, sizeof cols);
    assert_true(contains(cols, "Code"));
    assert_true(contains(cols, "Ideas Votes"));
    assert_int_equal(tui_width(cols), 80);
    model_cons_header(&m, head, sizeof head);
    assert_true(contains(head, "Consultations  |  2"));

    /* Moves and the selection kept across a reload. */
    model_cons_apply(&m, TUI_ACT_DOWN);
    assert_int_equal(model_cons_selected(&m)->id, bid);
    model_cons_apply(&m, TUI_ACT_DOWN);
    assert_int_equal(model_cons_selected(&m)->id, bid);
    fixture_idea(f->db, f, "Une navette");
    assert_ok(model_cons_reload(&m, &err));
    assert_int_equal(model_cons_selected(&m)->id, bid);
    assert_int_equal(m.list->items[0].idea_count, 3);
    model_cons_apply(&m, TUI_ACT_HOME);
    assert_int_equal(model_cons_selected(&m)->id, f->cons_id);
    model_cons_click(&m, 1);
    assert_int_equal(model_cons_selected(&m)->id, bid);

    /* As on a large table: counts in steps, "..." until done. */
    for (size_t i = 0; i < m.list->count; i++)
        m.list->items[i].idea_count = -1;
    m.counting = true;
    m.count_i = 0;
    m.count_next = 0;
    m.count_last = 2 * MODEL_CONS_COUNT_STEP;
    model_cons_header(&m, head, sizeof head);
    assert_true(contains(head, "counting..."));
    n = model_cons_rows(&m, rows, 8, &cursor);
    assert_true(contains(rows[0].text, "...   ..."));
    for (int i = 0; i < 4; i++)
        assert_ok(model_cons_count_step(&m, &err));
    assert_false(m.counting);
    assert_int_equal(m.list->items[0].idea_count, 3);
    assert_int_equal(m.list->items[0].vote_count, 1);
    assert_int_equal(m.list->items[0].tally_total, 12);
    model_cons_free(&m);

    /* An empty database says how to begin. */
    assert_ok(model_cons_init(&m, f->db, 80, 6, &err));
    model_cons_free(&m);
}

static void
test_empty(void **state)
{
    struct fixture *f = *state;
    struct model_cons m;
    struct cs_error err;
    struct tui_row rows[4];
    char head[TUI_ROW_BYTES];
    int cursor;

    assert_ok(model_cons_init(&m, f->db, 80, 6, &err));
    assert_null(model_cons_selected(&m));
    assert_int_equal(model_cons_rows(&m, rows, 4, &cursor), 0);
    model_cons_header(&m, head, sizeof head);
    assert_true(contains(head, "consult consultation add"));
    model_cons_apply(&m, TUI_ACT_DOWN);
    model_cons_free(&m);
}

static void
test_menu(void **state)
{
    struct model_menu mm;
    struct tui_row rows[3];
    int cursor;

    (void)state;
    model_menu_init(&mm, "Statut");
    for (int i = 0; i < 5; i++) {
        char label[16];

        snprintf(label, sizeof label, "choix %d", i);
        assert_true(model_menu_add(&mm, label, 10 + i));
    }
    assert_int_equal(model_menu_value(&mm), 10);
    model_menu_select_value(&mm, 13);
    assert_int_equal(mm.sel, 3);
    /* Three lines high: the selection stays in view. */
    assert_int_equal(model_menu_rows(&mm, 20, 3, rows, &cursor), 3);
    assert_int_equal(cursor, 2);
    assert_string_equal(rows[2].text, "> choix 3           ");
    assert_int_equal(rows[2].style, TUI_STYLE_SELECTED);
    assert_true(model_menu_apply(&mm, TUI_ACT_END, 3));
    assert_int_equal(model_menu_value(&mm), 14);
    assert_true(model_menu_apply(&mm, TUI_ACT_PGUP, 3));
    assert_int_equal(mm.sel, 2);
    assert_false(model_menu_apply(&mm, TUI_ACT_OPEN, 3));
    assert_true(model_menu_click(&mm, 0, 3));
    assert_int_equal(mm.sel, mm.top);
    assert_false(model_menu_click(&mm, 7, 3));
    model_menu_free(&mm);
    assert_int_equal(model_menu_value(&mm), 0);
}

static void
test_help(void **state)
{
    struct model_help h;
    struct tui_row rows[200];
    size_t n;
    bool status = false, search = false, rule = false, triage = false;
    static struct tui_keys k;

    (void)state;
    memset(&h, 0, sizeof h);
    /* The ideas list's keys, with those that open other screens. */
    assert_true(tui_screen_keys(&k, &model_ideas_keys));
    assert_true(model_help_build(&h, &k.map, CS_ROLE_ADMIN, 80,
                                 20));
    n = model_help_rows(&h, rows, 200);
    assert_int_equal(n, 20);
    assert_true(contains(rows[0].text, "Keys of the screen \"Ideas\""));
    for (size_t i = 0; i < h.count; i++) {
        assert_int_equal(tui_width(h.lines[i].text), 80);
        if (contains(h.lines[i].text, "F2 s") && contains(h.lines[i].text,
                                                          "Set the status"))
            status = true;
        if (contains(h.lines[i].text, "F3 /"))
            search = true;
        if (contains(h.lines[i].text, "Esc then a digit"))
            rule = true;
        if (contains(h.lines[i].text, "F7 t")
            && contains(h.lines[i].text, "Triage the new ideas"))
            triage = true;
    }
    assert_true(status && search && rule && triage);
    model_help_apply(&h, TUI_ACT_END);
    assert_int_equal(h.top, h.count - 20);
    model_help_apply(&h, TUI_ACT_HOME);
    assert_int_equal(h.top, 0);
    /* A viewer is told of no status key. */
    assert_true(model_help_build(&h, &k.map, CS_ROLE_VIEWER, 80,
                                 20));
    for (size_t i = 0; i < h.count; i++)
        assert_false(contains(h.lines[i].text, "Set the status"));
    model_help_free(&h);
}

/* At every width, the help's paragraphs wrap without losing a character:
 * a line that fills the width exactly is not cut with "…". */
static void
test_help_wraps_whole(void **state)
{
    struct model_help h;
    static struct tui_keys k;

    (void)state;
    memset(&h, 0, sizeof h);
    assert_true(tui_screen_keys(&k, &model_ideas_keys));
    for (int w = 40; w <= 120; w++) {
        assert_true(model_help_build(&h, &k.map, CS_ROLE_ADMIN, w,
                                     20));
        for (size_t i = 0; i < h.count; i++) {
            if (contains(h.lines[i].text, "\xe2\x80\xa6"))
                fail_msg("width %d, line %zu cut: %s", w, i,
                         h.lines[i].text);
        }
    }
    model_help_free(&h);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_consultations,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_empty, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test(test_menu),
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_help_wraps_whole),
    };

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
