/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_sessions_test.c: the committee sessions screen's model
 * (model_sessions.c) on a real database: sessions listed, one opened with
 * its agenda, decisions recorded item by item with the cursor going on to
 * the next item to decide, the close setting the statuses in one go, the
 * held answers published, and the figures of who the answers reach; the
 * core's refusals leave everything as it was.
 */
#include "testlib.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "consult/consultation.h"
#include "consult/letters.h"
#include "consult/session.h"
#include "consult/user.h"
#include "model_sessions.h"
#include "text.h"

static bool
rows_hold(struct model_sessions *m, const char *text)
{
    struct tui_row rows[32];
    int cursor;
    size_t n = model_sessions_rows(m, rows, 32, &cursor);

    for (size_t i = 0; i < n; i++)
        if (strstr(rows[i].text, text))
            return true;
    return false;
}

static void
test_decide_close_publish(void **state)
{
    struct fixture *f = *state;
    const struct cs_person post = { .ref = "P1", .name = "Paule Poste",
        .postal = "Rue du Port 3" };
    const struct cs_person nobody = { .ref = "P2", .name = "Noé Personne" };
    struct model_sessions m;
    struct cs_error err;
    struct tui_row rows[32];
    char head[TUI_ROW_BYTES];
    size_t carried = 9;
    int64_t ideas[3], count = 0;
    int cursor;

    ideas[0] = fixture_idea_by(f, &post, "Un banc devant la poste.");
    ideas[1] = fixture_idea_by(f, &nobody, "Des arbres rue Neuve.");
    ideas[2] = fixture_idea_by(f, &post, "Une piste cyclable.");
    assert_ok(cs_consultation_set_hold_answers(f->db, f->cons_id, true,
                                               &err));
    memset(&m, 0, sizeof m);
    assert_ok(model_sessions_load(&m, f->db, f->cons_id, "AG21", 100, &err));
    assert_true(rows_hold(&m, "No sessions yet"));
    assert_int_equal(model_sessions_open(&m, &err), CS_ENOTFOUND);

    /* A session added from the screen is selected; its agenda filled. */
    assert_ok(model_sessions_add(&m, CS_BODY_CODIR, "2026-12-10",
                                 "Séance de décembre", &carried, &err));
    assert_int_equal(carried, 0);
    assert_string_equal(model_sessions_selected(&m)->held_on, "2026-12-10");
    assert_ok(cs_session_agenda_add(f->db, model_sessions_selected(&m)->id,
                                    ideas, 3, NULL, &err));
    assert_ok(model_sessions_load(&m, f->db, f->cons_id, "AG21", 100, &err));
    assert_true(rows_hold(&m, "Séance de décembre"));
    assert_true(rows_hold(&m, "  0/3  "));
    assert_ok(model_sessions_open(&m, &err));
    model_sessions_header(&m, head, sizeof head);
    assert_non_null(strstr(head, "AG21"));
    assert_non_null(strstr(head, "2026-12-10"));
    assert_non_null(strstr(head, "open"));
    assert_int_equal(model_sessions_item(&m)->idea_id, ideas[0]);
    model_sessions_apply(&m, TUI_ACT_END, 10);
    assert_int_equal(model_sessions_item(&m)->idea_id, ideas[2]);
    model_sessions_apply(&m, TUI_ACT_PGUP, 10);
    assert_int_equal(model_sessions_item(&m)->idea_id, ideas[0]);

    /* Decide the first: the cursor goes on to the second. */
    assert_ok(model_sessions_decide(&m, CS_DECISION_ACCEPTED,
                                    "Le banc sera posé.", "Peu coûteux",
                                    &err));
    assert_int_equal(model_sessions_item(&m)->idea_id, ideas[1]);
    assert_true(rows_hold(&m, "accepted: Le banc sera posé."));
    assert_true(rows_hold(&m, "1 of 3 items decided"));
    /* An answer is needed: refused, nothing recorded, cursor stays. */
    assert_int_equal(model_sessions_decide(&m, CS_DECISION_REJECTED, "",
                                           NULL, &err), CS_EINVAL);
    assert_int_equal(model_sessions_item(&m)->idea_id, ideas[1]);
    assert_int_equal(m.detail->items[1].decision, -1);
    assert_ok(model_sessions_decide(&m, CS_DECISION_POSTPONED, NULL,
                                    "À chiffrer", &err));
    assert_int_equal(model_sessions_item(&m)->idea_id, ideas[2]);
    assert_ok(model_sessions_decide(&m, CS_DECISION_IMPLEMENTED,
                                    "Elle est faite.", NULL, &err));
    /* Every item decided: the cursor stays on the last. */
    assert_int_equal(model_sessions_item(&m)->idea_id, ideas[2]);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
                                      " status = 'new'"), 3);

    /* Closed: statuses set in one go; the answers held. */
    assert_ok(model_sessions_close(&m, &carried, &err));
    assert_true(m.detail->session.closed);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
                                      " status IN ('accepted',"
                                      " 'implemented')"), 2);
    model_sessions_header(&m, head, sizeof head);
    assert_non_null(strstr(head, "closed, answers held"));
    assert_int_equal(m.figures.participants, 0);
    assert_int_equal(model_sessions_decide(&m, CS_DECISION_ACCEPTED, "Non.",
                                           NULL, &err), CS_ECONFLICT);

    /* Published: the answers reach Paule by post; both her ideas. */
    assert_ok(model_sessions_publish(&m, &count, &err));
    assert_int_equal(count, 2);
    model_sessions_header(&m, head, sizeof head);
    assert_non_null(strstr(head, "answers published"));
    assert_int_equal(m.figures.participants, 1);
    assert_int_equal(m.figures.by_reach[CS_REACH_POST], 1);
    assert_int_equal(m.figures.prepared, 0);
    assert_true(rows_hold(&m, "Answers: email 0, post 1, internal mail 0, "
                              "unreachable 0; prepared 0"));

    /* Back to the list: the session closed, 3 of 3 decided. */
    assert_true(model_sessions_back(&m));
    assert_false(model_sessions_back(&m));
    model_sessions_rows(&m, rows, 32, &cursor);
    assert_int_equal(cursor, 1);
    assert_non_null(strstr(rows[1].text, "  3/3  "));
    assert_non_null(strstr(rows[1].text, "closed, answers published"));
    for (int i = 0; i < 2; i++)
        assert_int_equal(tui_width(rows[i].text), 100);
    model_sessions_free(&m);
}

/* A viewer reads sessions; adding or deciding is the core's refusal. */
static void
test_viewer_refused(void **state)
{
    struct fixture *f = *state;
    struct model_sessions m;
    struct cs_error err;
    struct cs_db *viewer;
    size_t carried;

    assert_ok(cs_user_add(f->db, "victor", CS_ROLE_VIEWER, &err));
    viewer = fixture_open_as(f, "victor");
    memset(&m, 0, sizeof m);
    assert_ok(model_sessions_load(&m, viewer, f->cons_id, "AG21", 80, &err));
    assert_int_equal(model_sessions_add(&m, CS_BODY_STEERING, "2026-12-11",
                                        NULL, &carried, &err), CS_EPERM);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM"
                                      " committee_session"), 0);
    model_sessions_free(&m);
    cs_db_close(viewer);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_decide_close_publish,
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
