/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_templates_test.c: the answer templates screen's model
 * (model_templates.c) on a real database: nine slots, free or held, the
 * selection, changes through the core (and its refusals), and the bulk
 * status change of the ideas list filling a template's placeholders for
 * each idea.
 */
#include "testlib.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_ideas.h"
#include "model_templates.h"
#include "text.h"

static void
test_slots(void **state)
{
    struct fixture *f = *state;
    struct model_templates m;
    struct cs_error err;
    struct tui_row rows[9];
    char head[TUI_ROW_BYTES];
    int cursor;

    memset(&m, 0, sizeof m);
    assert_ok(model_templates_load(&m, f->db, f->cons_id, "AG21", 80, &err));
    assert_int_equal(model_templates_rows(&m, rows, 9, &cursor), 9);
    assert_int_equal(cursor, 0);
    assert_string_equal(rows[0].text, "> 1  (free)" "                      "
                        "                                               ");
    assert_int_equal(rows[0].style, TUI_STYLE_SELECTED);
    assert_int_equal(rows[1].style, TUI_STYLE_DIM);
    model_templates_apply(&m, TUI_ACT_DOWN);
    model_templates_apply(&m, TUI_ACT_DOWN);
    assert_int_equal(model_templates_number(&m), 3);
    assert_ok(model_templates_set(&m, 3, "Refus", "Non, car {title}.", &err));
    assert_non_null(model_templates_get(&m, 3));
    assert_null(model_templates_get(&m, 1));
    model_templates_rows(&m, rows, 9, &cursor);
    assert_int_equal(cursor, 2);
    assert_non_null(strstr(rows[2].text, "> 3  Refus"));
    assert_non_null(strstr(rows[2].text, "Non, car {title}."));
    for (int i = 0; i < 9; i++)
        assert_int_equal(tui_width(rows[i].text), 80);
    model_templates_header(&m, head, sizeof head);
    assert_non_null(strstr(head, "AG21  |  1 of 9"));
    /* The core refuses an empty text; nothing changes. */
    assert_int_equal(model_templates_set(&m, 3, "Refus", " ", &err),
                     CS_EINVAL);
    assert_string_equal(model_templates_get(&m, 3)->body, "Non, car {title}.");
    model_templates_apply(&m, TUI_ACT_END);
    assert_int_equal(model_templates_number(&m), 9);
    model_templates_apply(&m, TUI_ACT_DOWN);
    assert_int_equal(model_templates_number(&m), 9);
    assert_ok(model_templates_delete(&m, 3, &err));
    assert_null(model_templates_get(&m, 3));
    assert_int_equal(model_templates_delete(&m, 3, &err), CS_ENOTFOUND);
    model_templates_free(&m);
}

static void
test_bulk_answer_filled_per_idea(void **state)
{
    struct fixture *f = *state;
    struct model_ideas m;
    struct cs_error err;
    size_t changed, refused;
    int64_t a = fixture_idea(f->db, f, "Une navette vers la gare");
    int64_t b = fixture_idea(f->db, f, "Un potager partagé");
    char sql[300];

    assert_ok(model_ideas_init(&m, f->db, f->cons_id, "AG21", 80, 10, &err));
    assert_ok(model_ideas_apply(&m, TUI_ACT_MARK, &err));
    assert_ok(model_ideas_apply(&m, TUI_ACT_MARK, &err));
    assert_ok(model_ideas_set_status(&m, CS_STATUS_ACCEPTED,
                                     "Idée {id} « {title} » : retenue.",
                                     &changed, &refused, &err));
    assert_int_equal(changed, 2);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM idea WHERE id = %lld AND"
             " answer = 'Idée %lld « Une navette vers la gare » : retenue.'",
             (long long)a, (long long)a);
    assert_int_equal(fixture_count(f, sql), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM idea WHERE id = %lld AND"
             " answer = 'Idée %lld « Un potager partagé » : retenue.'",
             (long long)b, (long long)b);
    assert_int_equal(fixture_count(f, sql), 1);
    model_ideas_free(&m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_slots, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_bulk_answer_filled_per_idea,
                                        fixture_setup_cons, fixture_teardown),
    };

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
