/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * held_test.c: a person's own record: contact and consent corrected and
 * withdrawn (audited, refused once anonymised or for an agent), and what
 * is held on them, with an answer shown only once published.
 */
#include "testlib.h"

#include <string.h>

#include "consult/consultation.h"
#include "consult/participant.h"
#include "consult/user.h"
#include "consult/vote.h"

static void
test_edit(void **state)
{
    struct fixture *f = *state;
    const struct cs_person who = { .ref = "M1", .name = "Anne",
        .email = "anne@ville.example", .phone = "071", .consent = true };
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
        .kind = CS_KIND_IDEA, .body = "Un abri.", .author = &who,
    };
    struct cs_participant_edit e = { .consent = 0, .phone = "",
                                     .postal = "Rue A 1\n6000 Charleroi" };
    struct cs_participant p;
    struct cs_error err;
    struct cs_db *agent;
    long long before;
    int64_t idea, pid;

    assert_ok(cs_idea_add(f->db, &in, &idea, &err));
    pid = fixture_count(f, "SELECT author_id FROM idea");
    before = fixture_audit_rows(f);
    assert_ok(cs_participant_edit(f->db, pid, &e, &err));
    assert_int_equal(fixture_audit_rows(f), before + 1);
    assert_ok(cs_participant_get(f->db, pid, &p, &err));
    assert_false(p.consent);
    assert_null(p.phone);
    assert_string_equal(p.postal, "Rue A 1\n6000 Charleroi");
    assert_string_equal(p.email, "anne@ville.example");
    cs_participant_clear(&p);

    e = (struct cs_participant_edit){ .consent = -1, .email = "x\ny@z" };
    assert_int_equal(cs_participant_edit(f->db, pid, &e, &err), CS_EINVAL);
    assert_string_equal(err.field, "email");
    e = (struct cs_participant_edit){ .consent = 1 };
    assert_int_equal(cs_participant_edit(f->db, 9999, &e, &err),
                     CS_ENOTFOUND);
    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    agent = fixture_open_as(f, "bob");
    assert_int_equal(cs_participant_edit(agent, pid, &e, &err), CS_EPERM);
    cs_db_close(agent);
    assert_ok(cs_participant_anonymise(f->db, pid, &err));
    assert_int_equal(cs_participant_edit(f->db, pid, &e, &err),
                     CS_ECONFLICT);
}

static void
test_held(void **state)
{
    struct fixture *f = *state;
    const struct cs_person who = { .ref = "M1", .name = "Anne" };
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
        .kind = CS_KIND_IDEA, .body = "Un abri.", .author = &who,
    };
    struct cs_held *h = NULL;
    struct cs_error err;
    int64_t idea, other, pid, vote, n;

    assert_ok(cs_consultation_set_hold_answers(f->db, f->cons_id, true,
                                               &err));
    assert_ok(cs_idea_add(f->db, &in, &idea, &err));
    other = fixture_idea(f->db, f, "Une autre idée.");
    pid = fixture_count(f, "SELECT author_id FROM idea WHERE id = 1");
    assert_ok(cs_vote_add(f->db, other, &who, CS_CHANNEL_PAPER, NULL, &vote,
                          &err));
    assert_ok(cs_idea_set_status(f->db, idea, 0, CS_STATUS_ACCEPTED,
                                 "Oui.", &err));
    assert_ok(cs_participant_held(f->db, pid, &h, &err));
    assert_int_equal(h->count, 2);
    assert_int_equal(h->items[0].kind, CS_HELD_IDEA);
    assert_int_equal(h->items[0].id, idea);
    assert_null(h->items[0].answer);        /* held: not theirs yet */
    assert_int_equal(h->items[1].kind, CS_HELD_VOTE);
    assert_int_equal(h->items[1].idea_id, other);
    cs_held_free(h);
    assert_ok(cs_consultation_publish(f->db, f->cons_id, &n, &err));
    assert_ok(cs_participant_held(f->db, pid, &h, &err));
    assert_string_equal(h->items[0].answer, "Oui.");
    cs_held_free(h);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_edit, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_held, fixture_setup_cons,
                                        fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
