/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_retention_test.c: the question asked when the interface opens
 * (model_retention.c): asked of an admin only when someone is due, what
 * it says, and what each answer does.
 */
#include "testlib.h"

#include <string.h>

#include "model_retention.h"

/* Consultation AG21 closed in 2020 with a retention of 12 months, and one
 * idea by Anne in it. */
static void
anne_due(struct fixture *f)
{
    struct cs_person anne = { .ref = "M1", .name = "Anne Dupré",
                              .email = "anne@ex.be", .consent = true };
    struct cs_error err;

    fixture_idea_by(f, &anne, "Des bancs.");
    assert_ok(cs_consultation_set_retention(f->db, f->cons_id, 12, &err));
    assert_ok(cs_consultation_set_state(f->db, f->cons_id, CS_STATE_CLOSED,
                                        &err));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM consultation"
                                      " WHERE closes_on IS NOT NULL"), 0);
}

static void
test_nothing_due_asks_nothing(void **state)
{
    struct fixture *f = *state;
    struct model_retention m;

    model_retention_init(&m);
    fixture_idea(f->db, f, "Une idée.");
    assert_false(model_retention_ask(&m, f->db));
    assert_int_equal(m.dlg.kind, DLG_NONE);
    /* No closing date: no retention runs out. */
    anne_due(f);
    assert_false(model_retention_ask(&m, f->db));
    model_retention_clear(&m);
}

static void
test_ask_then_answer(void **state)
{
    struct fixture *f = *state;
    struct model_retention m;
    struct cs_db *agent;
    struct cs_error err;
    struct cs_consultation_new c = {
        .code = "OLD", .title = "Ancienne", .kind = CS_CONS_IDEAS,
        .audience = CS_AUDIENCE_AGENTS, .closes_on = "2020-01-31",
        .state = CS_STATE_OPEN,
    };
    struct cs_person anne = { .ref = "M1", .name = "Anne Dupré" };
    int64_t cons, theme, id;
    struct cs_idea_new in = { .kind = CS_KIND_IDEA, .body = "Des bancs.",
                              .channel = CS_CHANNEL_PAPER, .author = &anne };

    assert_ok(cs_consultation_add(f->db, &c, &cons, &err));
    assert_ok(cs_theme_add(f->db, cons, "T", "Thème", 0, &theme, &err));
    in.consultation_id = cons;
    in.theme_id = theme;
    assert_ok(cs_idea_add(f->db, &in, &id, &err));
    assert_ok(cs_consultation_set_state(f->db, cons, CS_STATE_CLOSED, &err));
    assert_ok(cs_consultation_set_retention(f->db, cons, 12, &err));

    /* Not asked of an agent. */
    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    agent = fixture_open_as(f, "bob");
    model_retention_init(&m);
    assert_false(model_retention_ask(&m, agent));
    cs_db_close(agent);

    assert_true(model_retention_ask(&m, f->db));
    assert_int_equal(m.due, 1);
    assert_int_equal(m.dlg.kind, DLG_CONFIRM);
    assert_false(m.dlg.yes_default);
    assert_non_null(strstr(m.dlg.heading, "1 participant has contributed"));
    assert_non_null(strstr(m.dlg.label, "Anonymise them now?"));
    model_retention_answer(&m, DLG_CANCEL);
    assert_non_null(strstr(m.result, "Nobody anonymised"));
    assert_false(m.failed);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                                      " WHERE anonymised = 1"), 0);

    assert_true(model_retention_ask(&m, f->db));
    model_retention_answer(&m, DLG_OK);
    assert_string_equal(m.result, "1 participant anonymised.");
    assert_false(m.failed);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                                      " WHERE anonymised = 1"), 1);
    assert_false(model_retention_ask(&m, f->db));
    model_retention_clear(&m);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_cons, \
                                              fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_nothing_due_asks_nothing),
        T(test_ask_then_answer),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
