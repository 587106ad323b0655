/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_person_test.c: the participant page's model (model_person.c) on a
 * real database: the author of an idea found (none for an anonymous one),
 * what is held on them listed, their contact changed (a postal address of
 * two lines) and their consent withdrawn and given again through the
 * core, each audited; a viewer is refused by the core.
 */
#include "testlib.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "consult/user.h"
#include "model_person.h"
#include "text.h"

static bool
rows_hold(struct model_person *m, const char *text)
{
    struct tui_row rows[32];
    int cursor;
    size_t n = model_person_rows(m, rows, 32, &cursor);

    for (size_t i = 0; i < n; i++)
        if (strstr(rows[i].text, text))
            return true;
    return false;
}

static void
test_page_and_changes(void **state)
{
    struct fixture *f = *state;
    const struct cs_person who = { .ref = "M-1", .name = "Élise Dupont",
        .service = "Travaux", .email = "elise@ville.example",
        .consent = true };
    struct model_person m;
    struct cs_error err;
    char head[TUI_ROW_BYTES];
    int64_t idea, anon, id = -1;
    long long audit;

    idea = fixture_idea_by(f, &who, "Des bancs au parc.");
    fixture_idea_by(f, &who, "Une fontaine au parc.");
    anon = fixture_idea(f->db, f, "Une idée sans auteur.");
    assert_ok(model_person_author(f->db, anon, &id, &err));
    assert_int_equal(id, 0);
    assert_ok(model_person_author(f->db, idea, &id, &err));
    assert_true(id > 0);

    memset(&m, 0, sizeof m);
    assert_ok(model_person_load(&m, f->db, id, 100, &err));
    model_person_header(&m, head, sizeof head);
    assert_non_null(strstr(head, "Élise Dupont  |  2 held"));
    assert_true(rows_hold(&m, " Service      Travaux"));
    assert_true(rows_hold(&m, " Email        elise@ville.example"));
    assert_true(rows_hold(&m, " Postal       -"));
    assert_true(rows_hold(&m, "given: may be contacted"));
    assert_true(rows_hold(&m, "Held: ideas 2, votes 0; 2 lines in all"));
    assert_true(rows_hold(&m, "Des bancs au parc"));
    /* Two items: the cursor moves between them and stays within. */
    assert_int_equal(m.sel, 0);
    model_person_apply(&m, TUI_ACT_DOWN, 10);
    assert_int_equal(m.sel, 1);
    model_person_apply(&m, TUI_ACT_DOWN, 10);
    assert_int_equal(m.sel, 1);
    model_person_apply(&m, TUI_ACT_HOME, 10);
    assert_int_equal(m.sel, 0);

    /* A postal address of two lines; the email erased. Audited. */
    audit = fixture_audit_rows(f);
    assert_ok(model_person_set(&m, PERSON_POSTAL,
                               "Rue du Parc 3\n6000 Charleroi", &err));
    assert_true(rows_hold(&m, " Postal       Rue du Parc 3 / 6000 Charleroi"));
    assert_string_equal(model_person_value(&m, PERSON_POSTAL),
                        "Rue du Parc 3\n6000 Charleroi");
    assert_ok(model_person_set(&m, PERSON_EMAIL, "", &err));
    assert_true(rows_hold(&m, " Email        -"));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                                      " WHERE email IS NULL AND postal ="
                                      " 'Rue du Parc 3' || char(10) ||"
                                      " '6000 Charleroi'"), 1);
    assert_true(fixture_audit_rows(f) >= audit + 2);

    /* Consent withdrawn, then given again. */
    assert_ok(model_person_toggle_consent(&m, &err));
    assert_false(m.held->person.consent);
    assert_true(rows_hold(&m, "not given"));
    assert_int_equal(fixture_count(f, "SELECT consent FROM participant"
                                      " WHERE ref = 'M-1'"), 0);
    assert_ok(model_person_toggle_consent(&m, &err));
    assert_int_equal(fixture_count(f, "SELECT consent FROM participant"
                                      " WHERE ref = 'M-1'"), 1);

    /* A line break in a one-line field: refused, nothing changed. */
    assert_int_equal(model_person_set(&m, PERSON_PHONE, "071\n22", &err),
                     CS_EINVAL);
    assert_string_equal(model_person_value(&m, PERSON_PHONE), "");
    model_person_free(&m);
}

static void
test_viewer_refused(void **state)
{
    struct fixture *f = *state;
    const struct cs_person who = { .ref = "M-2", .name = "Paul" };
    struct model_person m;
    struct cs_error err;
    struct cs_db *viewer;
    int64_t idea, id = 0;

    idea = fixture_idea_by(f, &who, "Un kiosque.");
    assert_ok(model_person_author(f->db, idea, &id, &err));
    assert_ok(cs_user_add(f->db, "victor", CS_ROLE_VIEWER, &err));
    viewer = fixture_open_as(f, "victor");
    memset(&m, 0, sizeof m);
    assert_int_equal(model_person_load(&m, viewer, id, 80, &err), CS_EPERM);
    assert_null(m.held);
    model_person_free(&m);
    cs_db_close(viewer);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_page_and_changes,
                                        fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_viewer_refused,
                                        fixture_setup_cons,
                                        fixture_teardown),
    };

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    tui_text_set_utf8(true);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
