/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * status_test.c: statuses through cs_idea_set_status. Every (from, to)
 * pair is tried on a real idea driven into `from`, and must be allowed or
 * refused exactly as cs_status_transition_ok says; answers and reasons are
 * required where the rules say; each change leaves one journal row showing
 * both statuses; refusals change nothing.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct cs_idea
get_idea(struct fixture *f, int64_t id)
{
    struct cs_idea idea;
    struct cs_error err;

    assert_ok(cs_idea_get(f->db, id, &idea, &err));
    return idea;
}

static enum cs_status
status_of(struct fixture *f, int64_t id)
{
    struct cs_idea i = get_idea(f, id);
    enum cs_status s = i.status;

    cs_idea_clear(&i);
    return s;
}

/* A fresh idea in status `s`, reached the way a user would. */
static int64_t
idea_in(struct fixture *f, enum cs_status s)
{
    struct cs_error err;
    int64_t id = fixture_idea(f->db, f, "Une idée à trier");

    switch (s) {
    case CS_STATUS_NEW:
        break;
    case CS_STATUS_MERGED:
        assert_ok(cs_idea_merge(f->db, id, 0, fixture_idea(f->db, f, "Cible"),
                                &err));
        break;
    case CS_STATUS_HIDDEN:
        assert_ok(cs_idea_set_status(f->db, id, 0, s, "Propos injurieux",
                                     &err));
        break;
    default:
        assert_ok(cs_idea_set_status(f->db, id, 0, s,
                                     cs_status_needs_answer(s)
                                         ? "Réponse du collège" : NULL,
                                     &err));
        break;
    }
    assert_int_equal(status_of(f, id), s);
    return id;
}

static void
test_every_transition(void **state)
{
    struct fixture *f = *state;
    int allowed = 0, refused = 0;

    for (int from = 0; from < CS_STATUS_COUNT; from++) {
        for (int to = 0; to < CS_STATUS_COUNT; to++) {
            int64_t id = idea_in(f, (enum cs_status)from);
            bool ok = cs_status_transition_ok((enum cs_status)from,
                                              (enum cs_status)to);
            long long before = fixture_audit_rows(f);
            struct cs_error err;
            enum cs_rc rc;
            char sql[400];

            rc = cs_idea_set_status(f->db, id, 0, (enum cs_status)to,
                                    "Texte de réponse ou raison", &err);
            if (ok && rc != CS_OK)
                fail_msg("%s -> %s refused: %s", cs_status_name(from),
                         cs_status_name(to), err.msg);
            if (!ok && rc != CS_ECONFLICT)
                fail_msg("%s -> %s gave %s, want CS_ECONFLICT",
                         cs_status_name(from), cs_status_name(to),
                         cs_rc_name(rc));
            if (!ok) {
                refused++;
                assert_int_equal(status_of(f, id), from);
                assert_int_equal(fixture_audit_rows(f), before);
                continue;
            }
            allowed++;
            assert_int_equal(status_of(f, id), to);
            assert_int_equal(fixture_audit_rows(f), before + 1);
            snprintf(sql, sizeof sql,
                "SELECT count(*) FROM audit WHERE id = (SELECT max(id)"
                " FROM audit) AND action = 'status' AND tbl = 'idea'"
                " AND row_id = %lld AND idea_id = %lld"
                " AND json_extract(before, '$.status') = '%s'"
                " AND json_extract(after, '$.status') = '%s'",
                (long long)id, (long long)id, cs_status_name(from),
                cs_status_name(to));
            if (fixture_count(f, sql) != 1)
                fail_msg("%s -> %s: no matching audit row",
                         cs_status_name(from), cs_status_name(to));
        }
    }
    /* The table is not empty either way (a sanity check on the oracle). */
    assert_true(cs_status_transition_ok(CS_STATUS_NEW, CS_STATUS_REVIEWING));
    assert_false(cs_status_transition_ok(CS_STATUS_MERGED, CS_STATUS_NEW));
    assert_false(cs_status_transition_ok(CS_STATUS_NEW, CS_STATUS_MERGED));
    assert_true(allowed > 10);
    assert_true(refused > 10);
}

static void
test_answer_required(void **state)
{
    struct fixture *f = *state;
    static const enum cs_status answered[] = {
        CS_STATUS_ACCEPTED, CS_STATUS_REJECTED, CS_STATUS_IMPLEMENTED,
    };
    struct cs_error err;
    struct cs_idea idea;
    int64_t id = idea_in(f, CS_STATUS_REVIEWING);

    for (size_t i = 0; i < 3; i++) {
        long long before = fixture_audit_rows(f);

        assert_int_equal(cs_idea_set_status(f->db, id, 0, answered[i], NULL,
                                             &err), CS_EINVAL);
        assert_string_equal(err.field, "answer");
        assert_int_equal(cs_idea_set_status(f->db, id, 0, answered[i], " \n ",
                                             &err), CS_EINVAL);
        assert_string_equal(err.field, "answer");
        assert_int_equal(fixture_audit_rows(f), before);
        idea = get_idea(f, id);
        assert_int_equal(idea.status, CS_STATUS_REVIEWING);
        assert_null(idea.answer);
        cs_idea_clear(&idea);
    }

    assert_ok(cs_idea_set_status(f->db, id, 0, CS_STATUS_ACCEPTED,
                                 "  Retenue : le collège la met en œuvre. ",
                                 &err));
    idea = get_idea(f, id);
    assert_string_equal(idea.answer, "Retenue : le collège la met en œuvre.");
    cs_idea_clear(&idea);
    /* The same status again changes only the answer. */
    assert_ok(cs_idea_set_status(f->db, id, 0, CS_STATUS_ACCEPTED,
                                 "Réponse corrigée.", &err));
    idea = get_idea(f, id);
    assert_int_equal(idea.status, CS_STATUS_ACCEPTED);
    assert_string_equal(idea.answer, "Réponse corrigée.");
    cs_idea_clear(&idea);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
        " id = (SELECT max(id) FROM audit)"
        " AND json_extract(before, '$.answer') ="
        "     'Retenue : le collège la met en œuvre.'"
        " AND json_extract(after, '$.answer') = 'Réponse corrigée.'"), 1);
    /* Back to review: the answer goes (the journal keeps it). */
    assert_ok(cs_idea_set_status(f->db, id, 0, CS_STATUS_REVIEWING, NULL,
                                 &err));
    idea = get_idea(f, id);
    assert_null(idea.answer);
    cs_idea_clear(&idea);
    /* Other statuses ignore the text. */
    assert_ok(cs_idea_set_status(f->db, id, 0, CS_STATUS_NEW, "ignoré", &err));
    idea = get_idea(f, id);
    assert_null(idea.answer);
    assert_null(idea.hidden_reason);
    cs_idea_clear(&idea);

    assert_int_equal(cs_idea_set_status(f->db, 9999, 0, CS_STATUS_REVIEWING,
                                        NULL, &err), CS_ENOTFOUND);
    assert_int_equal(cs_idea_set_status(f->db, id, 0, (enum cs_status)42,
                                        "x", &err), CS_EINVAL);
}

static void
test_hidden(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_idea idea;
    int64_t id = idea_in(f, CS_STATUS_ACCEPTED);
    long long before = fixture_audit_rows(f);

    assert_int_equal(cs_idea_set_status(f->db, id, 0, CS_STATUS_HIDDEN, NULL,
                                        &err), CS_EINVAL);
    assert_string_equal(err.field, "reason");
    assert_int_equal(cs_idea_set_status(f->db, id, 0, CS_STATUS_HIDDEN, "  ",
                                        &err), CS_EINVAL);
    assert_string_equal(err.field, "reason");
    assert_int_equal(fixture_audit_rows(f), before);
    assert_int_equal(status_of(f, id), CS_STATUS_ACCEPTED);

    assert_ok(cs_idea_set_status(f->db, id, 0, CS_STATUS_HIDDEN,
                                 "Données personnelles", &err));
    idea = get_idea(f, id);
    assert_int_equal(idea.status, CS_STATUS_HIDDEN);
    assert_string_equal(idea.hidden_reason, "Données personnelles");
    assert_string_equal(idea.answer, "Réponse du collège");
    cs_idea_clear(&idea);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
        " status = 'hidden' AND status_before = 'accepted'"), 1);

    /* Shown again: the reason and the remembered status go. */
    assert_ok(cs_idea_set_status(f->db, id, 0, CS_STATUS_REVIEWING, NULL,
                                 &err));
    idea = get_idea(f, id);
    assert_int_equal(idea.status, CS_STATUS_REVIEWING);
    assert_null(idea.hidden_reason);
    cs_idea_clear(&idea);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
        " status_before IS NOT NULL OR hidden_reason IS NOT NULL"), 0);
}

static void
test_status_roles(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *agent, *viewer;
    int64_t mine;
    long long before;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(f->db, "vic", CS_ROLE_VIEWER, &err));
    agent = fixture_open_as(f, "bob");
    viewer = fixture_open_as(f, "vic");
    mine = fixture_idea(agent, f, "Idée de Bob");
    before = fixture_audit_rows(f);

    for (int to = 0; to < CS_STATUS_COUNT; to++) {
        assert_int_equal(cs_idea_set_status(agent, mine, 0, (enum cs_status)to,
                                            "texte", &err), CS_EPERM);
        assert_int_equal(cs_idea_set_status(viewer, mine, 0,
                                            (enum cs_status)to, "texte",
                                            &err), CS_EPERM);
    }
    assert_int_equal(fixture_audit_rows(f), before);
    assert_int_equal(status_of(f, mine), CS_STATUS_NEW);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
        " status_changed_by <> entered_by"), 0);

    /* Who changed it, and when, is kept on the idea. */
    assert_ok(cs_idea_set_status(f->db, mine, 0, CS_STATUS_REVIEWING, NULL,
                                 &err));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
        " status_changed_by = 'alice' AND status_changed_at >= entered_at"),
        1);
    cs_db_close(agent);
    cs_db_close(viewer);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_transition,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_answer_required,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_hidden, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_status_roles,
                                        fixture_setup_cons, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
