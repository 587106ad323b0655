/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * consultation_test.c: adding, finding, listing consultations and changing
 * their state (consultation.c).
 */
#include "testlib.h"

#include <string.h>

static struct cs_consultation_new
sample(const char *code)
{
    struct cs_consultation_new c = {
        .code = code, .title = "Appel à idées des agents 2021",
        .description = "Améliorer le quotidien : bien-être, modernisation.",
        .kind = CS_CONS_IDEAS, .audience = CS_AUDIENCE_AGENTS,
        .opens_on = "01/03/2021", .closes_on = "2021-04-12",
        .state = CS_STATE_OPEN,
    };

    return c;
}

static void
test_add_and_get(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_consultation_new in = sample("AGENTS21");
    struct cs_consultation c;
    int64_t id = 0;

    assert_ok(cs_consultation_add(f->db, &in, &id, &err));
    assert_true(id > 0);
    assert_ok(cs_consultation_get(f->db, id, &c, &err));
    assert_int_equal(c.id, id);
    assert_string_equal(c.code, "AGENTS21");
    assert_string_equal(c.title, "Appel à idées des agents 2021");
    assert_string_equal(c.description,
                        "Améliorer le quotidien : bien-être, modernisation.");
    assert_int_equal(c.kind, CS_CONS_IDEAS);
    assert_int_equal(c.audience, CS_AUDIENCE_AGENTS);
    assert_string_equal(c.opens_on, "2021-03-01");     /* normalised */
    assert_string_equal(c.closes_on, "2021-04-12");
    assert_int_equal(c.state, CS_STATE_OPEN);
    assert_non_null(c.created_at);
    assert_int_equal(c.idea_count, 0);
    assert_int_equal(c.vote_count, 0);
    assert_int_equal(c.tally_total, 0);
    cs_consultation_clear(&c);
    assert_null(c.code);
    cs_consultation_clear(NULL);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                     " tbl = 'consultation' AND action = 'add' AND"
                     " json_extract(after, '$.code') = 'AGENTS21'"), 1);
}

static void
test_find_case_insensitive(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_consultation_new in = sample("AGENTS21");
    struct cs_consultation c;
    int64_t id;

    assert_ok(cs_consultation_add(f->db, &in, &id, &err));
    assert_ok(cs_consultation_find(f->db, "agents21", &c, &err));
    assert_int_equal(c.id, id);
    cs_consultation_clear(&c);
    assert_ok(cs_consultation_find(f->db, "Agents21", &c, &err));
    assert_int_equal(c.id, id);
    cs_consultation_clear(&c);
    assert_int_equal(cs_consultation_find(f->db, "AGENTS22", &c, &err),
                     CS_ENOTFOUND);
    assert_int_equal(cs_consultation_find(f->db, NULL, &c, &err),
                     CS_ENOTFOUND);
    assert_int_equal(cs_consultation_get(f->db, 9999, &c, &err),
                     CS_ENOTFOUND);
}

/* The id by code alone: case-insensitive, a clear "not found" naming the
 * field, and no access for a login the database does not know. */
static void
test_lookup(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_consultation_new in = sample("AGENTS21");
    struct cs_db *stranger;
    int64_t id, got = -1;

    assert_ok(cs_consultation_add(f->db, &in, &id, &err));
    assert_ok(cs_consultation_lookup(f->db, "agents21", &got, &err));
    assert_int_equal(got, id);
    got = -1;
    assert_int_equal(cs_consultation_lookup(f->db, "AGENTS22", &got, &err),
                     CS_ENOTFOUND);
    assert_string_equal(err.field, "consultation");
    assert_non_null(strstr(err.msg, "AGENTS22"));
    assert_int_equal(got, -1);
    assert_int_equal(cs_consultation_lookup(f->db, NULL, &got, &err),
                     CS_ENOTFOUND);
    stranger = fixture_open_as(f, "mallory");
    assert_int_equal(cs_consultation_lookup(stranger, "AGENTS21", &got,
                                            &err), CS_EPERM);
    assert_int_equal(got, -1);
    cs_db_close(stranger);
}

static void
test_duplicate_code(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_consultation_new in = sample("ag21");     /* fixture has AG21 */

    assert_int_equal(cs_consultation_add(f->db, &in, NULL, &err),
                     CS_ECONFLICT);
    assert_string_equal(err.field, "code");
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM consultation"),
                     1);
}

static void
test_invalid_input(void **state)
{
    static const char *const bad_codes[] = {
        "", "AG 21", "AGENTS/21", "ÉTÉ21", "123456789012345678901234567890123",
    };
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_consultation_new in;
    long long audit_before = fixture_count(f, "SELECT count(*) FROM audit");

    for (size_t i = 0; i < sizeof bad_codes / sizeof bad_codes[0]; i++) {
        in = sample(bad_codes[i]);
        assert_int_equal(cs_consultation_add(f->db, &in, NULL, &err),
                         CS_EINVAL);
        assert_string_equal(err.field, "code");
    }
    in = sample(NULL);
    assert_int_equal(cs_consultation_add(f->db, &in, NULL, &err), CS_EINVAL);

    in = sample("X1");
    in.title = "   ";
    assert_int_equal(cs_consultation_add(f->db, &in, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "title");

    in = sample("X2");
    in.opens_on = "31/02/2021";
    assert_int_equal(cs_consultation_add(f->db, &in, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "opens");

    in = sample("X3");
    in.closes_on = "soon";
    assert_int_equal(cs_consultation_add(f->db, &in, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "closes");

    in = sample("X4");
    in.opens_on = "2021-04-12";
    in.closes_on = "01/03/2021";
    assert_int_equal(cs_consultation_add(f->db, &in, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "closes");

    in = sample("X5");
    in.kind = CS_CONS_KIND_COUNT;
    assert_int_equal(cs_consultation_add(f->db, &in, NULL, &err), CS_EINVAL);

    in = sample("X6");
    in.description = "bell\a";
    assert_int_equal(cs_consultation_add(f->db, &in, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "description");

    assert_int_equal(fixture_count(f, "SELECT count(*) FROM consultation"),
                     1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"),
                     audit_before);
}

static void
test_same_day_and_no_dates(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_consultation_new in = sample("ONEDAY");
    struct cs_consultation c;
    int64_t id;

    in.opens_on = in.closes_on = "2021-05-20";
    assert_ok(cs_consultation_add(f->db, &in, NULL, &err));
    in = sample("NODATE");
    in.opens_on = in.closes_on = NULL;
    in.description = NULL;
    assert_ok(cs_consultation_add(f->db, &in, &id, &err));
    assert_ok(cs_consultation_get(f->db, id, &c, &err));
    assert_null(c.opens_on);
    assert_null(c.closes_on);
    assert_string_equal(c.description, "");
    cs_consultation_clear(&c);
}

static void
test_list_ordered(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_consultation_new in;
    struct cs_consultation_list *list = NULL;

    in = sample("ZETA");
    assert_ok(cs_consultation_add(f->db, &in, NULL, &err));
    in = sample("BETA");
    in.kind = CS_CONS_FINDINGS;
    in.audience = CS_AUDIENCE_CITIZENS;
    assert_ok(cs_consultation_add(f->db, &in, NULL, &err));
    assert_ok(cs_consultation_list(f->db, &list, &err));
    assert_int_equal(list->count, 3);
    assert_string_equal(list->items[0].code, "AG21");
    assert_string_equal(list->items[1].code, "BETA");
    assert_string_equal(list->items[2].code, "ZETA");
    assert_int_equal(list->items[1].kind, CS_CONS_FINDINGS);
    assert_int_equal(list->items[1].audience, CS_AUDIENCE_CITIZENS);
    cs_consultation_list_free(list);
    cs_consultation_list_free(NULL);
}

static void
test_counts(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_consultation c;
    struct cs_person v = { .ref = "M-3003", .name = "Anne Petit" };
    int64_t a;

    a = fixture_idea(f->db, f, "Des casiers pour les agents de terrain.");
    fixture_idea(f->db, f, "Un vestiaire chauffé au dépôt.");
    assert_ok(cs_vote_add(f->db, a, &v, CS_CHANNEL_WEB, NULL, NULL, &err));
    assert_ok(cs_tally_add(f->db, a, 7, "Urne du dépôt", NULL, NULL, &err));
    assert_ok(cs_consultation_get(f->db, f->cons_id, &c, &err));
    assert_int_equal(c.idea_count, 2);
    assert_int_equal(c.vote_count, 1);
    assert_int_equal(c.tally_total, 7);
    cs_consultation_clear(&c);
}

static void
test_set_state(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_consultation c;

    assert_ok(cs_consultation_set_state(f->db, f->cons_id, CS_STATE_CLOSED,
                                        &err));
    assert_ok(cs_consultation_get(f->db, f->cons_id, &c, &err));
    assert_int_equal(c.state, CS_STATE_CLOSED);
    cs_consultation_clear(&c);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                     " action = 'state' AND json_extract(before, '$.state')"
                     " = 'open' AND json_extract(after, '$.state')"
                     " = 'closed'"), 1);
    assert_int_equal(cs_consultation_set_state(f->db, 9999, CS_STATE_OPEN,
                                               &err), CS_ENOTFOUND);
    assert_int_equal(cs_consultation_set_state(f->db, f->cons_id,
                                               CS_STATE_COUNT, &err),
                     CS_EINVAL);
}

static void
test_roles(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_consultation_new in = sample("AGENTONLY");
    struct cs_consultation_list *list = NULL;
    struct cs_consultation c;
    struct cs_db *agent, *viewer, *nobody;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(f->db, "carol", CS_ROLE_VIEWER, &err));
    agent = fixture_open_as(f, "bob");
    viewer = fixture_open_as(f, "carol");
    nobody = fixture_open_as(f, "mallory");

    assert_int_equal(cs_consultation_add(agent, &in, NULL, &err), CS_EPERM);
    assert_int_equal(cs_consultation_add(viewer, &in, NULL, &err), CS_EPERM);
    assert_int_equal(cs_consultation_set_state(agent, f->cons_id,
                                               CS_STATE_CLOSED, &err),
                     CS_EPERM);
    assert_ok(cs_consultation_list(viewer, &list, &err));
    assert_int_equal(list->count, 1);
    cs_consultation_list_free(list);
    assert_ok(cs_consultation_find(agent, "AG21", &c, &err));
    cs_consultation_clear(&c);

    assert_int_equal(cs_consultation_list(nobody, &list, &err), CS_EPERM);
    assert_non_null(strstr(err.msg, "mallory"));
    assert_int_equal(cs_consultation_find(nobody, "AG21", &c, &err),
                     CS_EPERM);
    assert_int_equal(cs_consultation_get(nobody, f->cons_id, &c, &err),
                     CS_EPERM);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM consultation"),
                     1);
    cs_db_close(agent);
    cs_db_close(viewer);
    cs_db_close(nobody);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_cons, \
                                              fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_add_and_get),
        T(test_find_case_insensitive),
        T(test_lookup),
        T(test_duplicate_code),
        T(test_invalid_input),
        T(test_same_day_and_no_dates),
        T(test_list_ordered),
        T(test_counts),
        T(test_set_state),
        T(test_roles),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
