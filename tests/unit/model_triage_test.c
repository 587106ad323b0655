/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_triage_test.c: triage mode's queue (model_triage.c) on a real
 * database: new ideas only, oldest first, one decision or skip per idea,
 * refusals keeping the queue in place, ideas decided elsewhere dropping
 * out, the end of the queue and starting again with the skipped ones.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_triage.h"

#define N 6

struct ctx {
    struct fixture *f;
    int64_t ids[N];             /* ids[i] submitted on day N - i: newest
                                   first, so the queue goes backwards */
    struct model_triage t;
};

static int
setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    struct cs_error err;

    if (fixture_setup_cons(state) != 0)
        return -1;
    c->f = *state;
    for (int i = 0; i < N; i++) {
        char body[64], date[16];
        struct cs_idea_new in = {
            .consultation_id = c->f->cons_id,
            .theme_id = c->f->theme_id[0], .kind = CS_KIND_IDEA,
            .channel = CS_CHANNEL_PAPER, .body = body, .submitted_at = date,
        };

        snprintf(body, sizeof body, "Idée %d", i);
        snprintf(date, sizeof date, "2021-03-%02d", N - i);
        assert_ok(cs_idea_add(c->f->db, &in, &c->ids[i], &err));
    }
    /* Not new: never in the queue. */
    assert_ok(cs_idea_set_status(c->f->db, c->ids[2], 0, CS_STATUS_REVIEWING,
                                 NULL, &err));
    *state = c;
    return 0;
}

static int
teardown(void **state)
{
    struct ctx *c = *state;

    *state = c->f;
    free(c);
    return fixture_teardown(state);
}

static void
test_walk_the_queue(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;

    assert_ok(model_triage_start(&c->t, c->f->db, c->f->cons_id, &err));
    assert_int_equal(c->t.current, c->ids[5]);      /* the oldest */
    assert_int_equal(c->t.left, N - 1);
    assert_ok(model_triage_decide(&c->t, 0, CS_STATUS_REVIEWING, NULL, &err));
    assert_int_equal(c->t.current, c->ids[4]);
    assert_int_equal(c->t.left, N - 2);
    /* A refusal (no answer) keeps the queue on the idea. */
    assert_int_equal(model_triage_decide(&c->t, 0, CS_STATUS_ACCEPTED, " ",
                                         &err), CS_EINVAL);
    assert_string_equal(err.field, "answer");
    assert_int_equal(c->t.current, c->ids[4]);
    assert_ok(model_triage_decide(&c->t, 0, CS_STATUS_ACCEPTED, "Oui.", &err));
    assert_int_equal(c->t.current, c->ids[3]);
    assert_ok(model_triage_next(&c->t, true, &err));
    /* ids[2] is reviewing already: straight to ids[1]. */
    assert_int_equal(c->t.current, c->ids[1]);
    assert_ok(model_triage_decide(&c->t, 0, CS_STATUS_HIDDEN, "Hors sujet",
                                  &err));
    assert_int_equal(c->t.current, c->ids[0]);
    assert_ok(model_triage_decide(&c->t, 0, CS_STATUS_REJECTED, "Non.", &err));
    assert_int_equal(c->t.current, 0);
    assert_int_equal(c->t.decided, 4);
    assert_int_equal(c->t.skipped, 1);
    assert_int_equal(c->t.left, 1);                 /* the skipped one */
    assert_int_equal(model_triage_decide(&c->t, 0, CS_STATUS_REVIEWING, NULL,
                                         &err), CS_ENOTFOUND);
    /* Again: the skipped idea comes back. */
    assert_ok(model_triage_restart(&c->t, &err));
    assert_int_equal(c->t.current, c->ids[3]);
    assert_int_equal(c->t.skipped, 0);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea WHERE"
                                         " status = 'new'"), 1);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea WHERE"
                                         " status = 'hidden' AND"
                                         " hidden_reason = 'Hors sujet'"), 1);
}

static void
test_decided_elsewhere(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    struct cs_db *other;

    assert_ok(model_triage_start(&c->t, c->f->db, c->f->cons_id, &err));
    assert_int_equal(c->t.current, c->ids[5]);
    /* A colleague triages the next two meanwhile. */
    assert_ok(cs_user_add(c->f->db, "chloe", CS_ROLE_ADMIN, &err));
    other = fixture_open_as(c->f, "chloe");
    assert_ok(cs_idea_set_status(other, c->ids[4], 0, CS_STATUS_REVIEWING,
                                 NULL, &err));
    assert_ok(cs_idea_merge(other, c->ids[3], 0, c->ids[0], &err));
    cs_db_close(other);
    assert_ok(model_triage_next(&c->t, true, &err));
    assert_int_equal(c->t.current, c->ids[1]);
    /* The current idea merged from its page: counted, next. */
    assert_ok(cs_idea_merge(c->f->db, c->ids[1], 0, c->ids[0], &err));
    assert_ok(model_triage_done(&c->t, &err));
    assert_int_equal(c->t.current, c->ids[0]);
    assert_int_equal(c->t.decided, 1);
}

static void
test_roles(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    struct cs_db *agent;

    assert_ok(cs_user_add(c->f->db, "bruno", CS_ROLE_AGENT, &err));
    agent = fixture_open_as(c->f, "bruno");
    assert_ok(model_triage_start(&c->t, agent, c->f->cons_id, &err));
    assert_int_equal(model_triage_decide(&c->t, 0, CS_STATUS_REVIEWING, NULL,
                                         &err), CS_EPERM);
    assert_int_equal(c->t.current, c->ids[5]);
    cs_db_close(agent);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_walk_the_queue),
        T(test_decided_elsewhere),
        T(test_roles),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
