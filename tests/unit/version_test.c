/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * version_test.c: decisions carry the version they were made on (no lost
 * update between desks) and answers are history.
 *
 * Two handles on one file stand for two administrators at two terminals:
 * the second one's decision, made on the version its screen showed, is
 * refused with CS_ESTALE and the facts of the first one's, then applied on
 * purpose with the new version. Every kind of decision adds one to the
 * version and is refused on an old one; votes, tallies and comments leave
 * it as it is. Every answer given stays in the history, reopening or not.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t
version_of(struct cs_db *db, int64_t id)
{
    struct cs_idea i;
    struct cs_error err;
    int64_t v;

    assert_ok(cs_idea_get(db, id, &i, &err));
    v = i.version;
    cs_idea_clear(&i);
    return v;
}

static struct cs_db *
second_admin(struct fixture *f, const char *login)
{
    struct cs_error err;

    assert_ok(cs_user_add(f->db, login, CS_ROLE_ADMIN, &err));
    return fixture_open_as(f, login);
}

/* Alice rejects; Bob, whose screen still shows version 1, accepts. */
static void
test_two_desks(void **state)
{
    struct fixture *f = *state;
    struct cs_db *bob = second_admin(f, "bob");
    struct cs_idea_decision d;
    struct cs_idea i;
    struct cs_error err;
    int64_t id = fixture_idea(f->db, f, "Des vélos pour les agents");
    int64_t shown = version_of(bob, id);
    long long rows;
    char expect[64];

    assert_int_equal(shown, 1);
    assert_ok(cs_idea_set_status(f->db, id, shown, CS_STATUS_REJECTED,
                                 "Pas de budget cette année.", &err));
    assert_int_equal(version_of(f->db, id), 2);

    rows = fixture_audit_rows(f);
    cs_error_clear(&err);
    assert_int_equal(cs_idea_set_status(bob, id, shown, CS_STATUS_ACCEPTED,
                                        "Accepté par le collège.", &err),
                     CS_ESTALE);
    assert_int_equal(err.code, CS_ESTALE);
    assert_string_equal(err.field, "version");
    /* Who, when, to what; and that nothing was saved. */
    assert_non_null(strstr(err.msg, "Idea "));
    assert_non_null(strstr(err.msg, " by alice at "));
    assert_non_null(strstr(err.msg, " UTC ("));
    snprintf(expect, sizeof expect, "now %s, version 2",
             cs_status_label(CS_STATUS_REJECTED));
    assert_non_null(strstr(err.msg, expect));
    assert_non_null(strstr(err.msg, "nothing saved"));
    assert_int_equal(fixture_audit_rows(f), rows);
    assert_ok(cs_idea_get(bob, id, &i, &err));
    assert_int_equal(i.status, CS_STATUS_REJECTED);
    assert_string_equal(i.answer, "Pas de budget cette année.");
    assert_int_equal(i.version, 2);
    cs_idea_clear(&i);

    /* The same facts as a structure, for a screen. */
    assert_ok(cs_idea_last_decision(bob, id, &d, &err));
    assert_int_equal(d.idea_id, id);
    assert_int_equal(d.version, 2);
    assert_int_equal(d.status, CS_STATUS_REJECTED);
    assert_string_equal(d.action, "status");
    assert_string_equal(d.by, "alice");
    assert_int_equal(strlen(d.at), 24);
    assert_string_equal(cs_idea_decision_label(d.action), "status changed");

    /* Bob looked again and applies anyway, on version 2. */
    assert_ok(cs_idea_set_status(bob, id, d.version, CS_STATUS_ACCEPTED,
                                 "Accepté par le collège.", &err));
    assert_ok(cs_idea_get(f->db, id, &i, &err));
    assert_int_equal(i.status, CS_STATUS_ACCEPTED);
    assert_int_equal(i.version, 3);
    cs_idea_clear(&i);
    assert_ok(cs_idea_last_decision(f->db, id, &d, &err));
    assert_string_equal(d.by, "bob");
    assert_int_equal(d.version, 3);
    /* Both answers stay. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea_answer"),
                     2);

    /* 0: no check (scripts); a negative version is a mistake. */
    assert_ok(cs_idea_set_status(bob, id, 0, CS_STATUS_REVIEWING, NULL,
                                 &err));
    assert_int_equal(cs_idea_set_status(bob, id, -1, CS_STATUS_NEW, NULL,
                                        &err), CS_EINVAL);
    assert_int_equal(cs_idea_last_decision(bob, 9999, &d, &err),
                     CS_ENOTFOUND);
    cs_db_close(bob);
}

/* Votes, tallies and comments are counts and remarks, not decisions. */
static void
test_counts_leave_version(void **state)
{
    struct fixture *f = *state;
    struct cs_person p = { 0 };
    struct cs_error err;
    int64_t id = fixture_idea(f->db, f, "Une navette entre les sites");
    int64_t vote = 0, tally = 0;

    p.name = "Paul";
    p.service = "RH";
    assert_ok(cs_vote_add(f->db, id, &p, CS_CHANNEL_PAPER, NULL, &vote,
                          &err));
    assert_ok(cs_tally_add(f->db, id, 14, "Atelier de Marchienne", NULL,
                           &tally, &err));
    assert_ok(cs_tally_update(f->db, tally, 12, &err));
    assert_ok(cs_comment_add(f->db, id, NULL, "Bonne idée", NULL, &err));
    assert_ok(cs_vote_delete(f->db, vote, &err));
    assert_int_equal(version_of(f->db, id), 1);
    /* ...so a desk that read version 1 still decides on it. */
    assert_ok(cs_idea_set_status(f->db, id, 1, CS_STATUS_REVIEWING, NULL,
                                 &err));
    assert_int_equal(version_of(f->db, id), 2);
    /* A merge into an idea counts for its support, not its version. */
    {
        int64_t dup = fixture_idea(f->db, f, "Un bus entre les sites");

        assert_ok(cs_idea_merge(f->db, dup, 1, id, &err));
        assert_int_equal(version_of(f->db, id), 2);
        assert_int_equal(version_of(f->db, dup), 2);
    }
}

/* Each kind of decision: +1, and refused on the version before it. */
static void
test_each_decision(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    int64_t id = fixture_idea(f->db, f, "Des fontaines à eau");
    int64_t other = fixture_idea(f->db, f, "De l'eau potable partout");
    enum cs_idea_kind finding = CS_KIND_FINDING;
    enum cs_channel web = CS_CHANNEL_WEB;
    struct cs_idea_change text = { .body = "Des fontaines à eau filtrée" };
    struct cs_idea_change title = { .title = "Fontaines" };
    struct cs_idea_change theme = { .theme_id = f->theme_id[1] };
    struct cs_idea_change kind = { .kind = &finding };
    struct cs_idea_change channel = { .channel = &web };
    const struct cs_idea_change *changes[] = {
        &text, &title, &theme, &kind, &channel,
    };
    int64_t v = 1;

#define DECIDED(call_on) do { \
        int64_t v_ = (v); \
        assert_int_equal(call_on(v_ - 1 > 0 ? v_ - 1 : v_ + 1), \
                         CS_ESTALE); \
        assert_int_equal(version_of(f->db, id), v_); \
        assert_ok(call_on(v_)); \
        v = v_ + 1; \
        assert_int_equal(version_of(f->db, id), v); \
    } while (0)

    for (size_t k = 0; k < sizeof changes / sizeof changes[0]; k++) {
#define UPDATE(ver) cs_idea_update(f->db, id, (ver), changes[k], &err)
        DECIDED(UPDATE);
#undef UPDATE
    }
#define STATUS(ver) cs_idea_set_status(f->db, id, (ver), CS_STATUS_ACCEPTED, \
                                       "Oui.", &err)
    DECIDED(STATUS);
#undef STATUS
    /* A new answer on the same status is a decision too. */
#define ANSWER(ver) cs_idea_set_status(f->db, id, (ver), CS_STATUS_ACCEPTED, \
                                       "Oui, en 2027.", &err)
    DECIDED(ANSWER);
#undef ANSWER
#define HIDE(ver) cs_idea_set_status(f->db, id, (ver), CS_STATUS_HIDDEN, \
                                     "Hors sujet", &err)
    DECIDED(HIDE);
#undef HIDE
#define SHOW(ver) cs_idea_set_status(f->db, id, (ver), CS_STATUS_REVIEWING, \
                                     NULL, &err)
    DECIDED(SHOW);
#undef SHOW
#define TAG(ver) cs_idea_tag(f->db, id, (ver), "eau", false, &err)
    DECIDED(TAG);
#undef TAG
    /* The tag is there: adding it again changes nothing, not even the
     * version (but an old version is still refused). */
    assert_int_equal(cs_idea_tag(f->db, id, v - 1, "Eau", false, &err),
                     CS_ESTALE);
    assert_ok(cs_idea_tag(f->db, id, v, "Eau", false, &err));
    assert_int_equal(version_of(f->db, id), v);
#define UNTAG(ver) cs_idea_tag(f->db, id, (ver), "eau", true, &err)
    DECIDED(UNTAG);
#undef UNTAG
#define MERGE(ver) cs_idea_merge(f->db, id, (ver), other, &err)
    DECIDED(MERGE);
#undef MERGE
#define UNMERGE(ver) cs_idea_unmerge(f->db, id, (ver), &err)
    DECIDED(UNMERGE);
#undef UNMERGE
#undef DECIDED
    assert_int_equal(v, 14);
    assert_int_equal(version_of(f->db, other), 1);
}

/* Reopening keeps every answer given; the current one goes. */
static void
test_answers_history(void **state)
{
    struct fixture *f = *state;
    struct cs_db *bob = second_admin(f, "bob");
    struct cs_idea_answer_list *l = NULL;
    struct cs_idea i;
    struct cs_error err;
    int64_t id = fixture_idea(f->db, f, "Le télétravail le vendredi");

    assert_ok(cs_idea_answers(f->db, id, &l, &err));
    assert_int_equal(l->count, 0);
    cs_idea_answer_list_free(l);

    assert_ok(cs_idea_set_status(f->db, id, 0, CS_STATUS_ACCEPTED,
                                 "  Accepté pour un an.  ", &err));
    /* Saving the same status and answer again gives nothing new. */
    assert_ok(cs_idea_set_status(f->db, id, 0, CS_STATUS_ACCEPTED,
                                 "Accepté pour un an.", &err));
    assert_ok(cs_idea_set_status(bob, id, 0, CS_STATUS_REVIEWING, NULL,
                                 &err));
    assert_ok(cs_idea_get(f->db, id, &i, &err));
    assert_null(i.answer);
    cs_idea_clear(&i);
    assert_ok(cs_idea_set_status(bob, id, 0, CS_STATUS_REJECTED,
                                 "Refusé après l'essai.", &err));
    assert_ok(cs_idea_set_status(f->db, id, 0, CS_STATUS_REVIEWING, NULL,
                                 &err));
    assert_ok(cs_idea_set_status(f->db, id, 0, CS_STATUS_IMPLEMENTED,
                                 "Mis en place en 2027.", &err));
    assert_ok(cs_idea_set_status(f->db, id, 0, CS_STATUS_HIDDEN,
                                 "Doublon d'un autre site", &err));

    assert_ok(cs_idea_answers(bob, id, &l, &err));
    assert_int_equal(l->count, 3);
    assert_int_equal(l->items[0].status, CS_STATUS_ACCEPTED);
    assert_string_equal(l->items[0].answer, "Accepté pour un an.");
    assert_string_equal(l->items[0].given_by, "alice");
    assert_int_equal(strlen(l->items[0].given_at), 24);
    assert_int_equal(l->items[1].status, CS_STATUS_REJECTED);
    assert_string_equal(l->items[1].answer, "Refusé après l'essai.");
    assert_string_equal(l->items[1].given_by, "bob");
    assert_int_equal(l->items[2].status, CS_STATUS_IMPLEMENTED);
    assert_true(strcmp(l->items[0].given_at, l->items[2].given_at) <= 0);
    cs_idea_answer_list_free(l);

    /* A refused decision keeps nothing. */
    assert_int_equal(cs_idea_set_status(bob, id, 1, CS_STATUS_ACCEPTED,
                                        "Trop tard.", &err), CS_ESTALE);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea_answer"),
                     3);
    assert_int_equal(cs_idea_answers(bob, 9999, &l, &err), CS_ENOTFOUND);
    cs_idea_answer_list_free(NULL);
    cs_db_close(bob);
}

/* Several tags in one decision: checked on one version, all or none. */
static void
test_tags_in_one_decision(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    int64_t id = fixture_idea(f->db, f, "Des fontaines à eau");
    const char *good[] = { "eau", "santé", "Eau" };
    const char *bad[] = { "parc", "" };
    char *tags = NULL;

    /* One bad tag: nothing put, version unchanged. */
    assert_int_equal(cs_idea_tag_many(f->db, id, 1, bad, 2, false, &err),
                     CS_EINVAL);
    assert_int_equal(version_of(f->db, id), 1);
    /* A stale version: nothing put. */
    assert_int_equal(cs_idea_tag_many(f->db, id, 7, good, 3, false, &err),
                     CS_ESTALE);
    assert_ok(cs_idea_tags(f->db, id, ", ", &tags, &err));
    assert_string_equal(tags, "");
    free(tags);
    /* All of them, each a change ("Eau" is "eau" again: no change). */
    assert_ok(cs_idea_tag_many(f->db, id, 1, good, 3, false, &err));
    assert_ok(cs_idea_tags(f->db, id, ", ", &tags, &err));
    assert_string_equal(tags, "eau, santé");
    free(tags);
    assert_int_equal(version_of(f->db, id), 3);
    assert_ok(cs_idea_tag_many(f->db, id, 3, good, 2, true, &err));
    assert_int_equal(version_of(f->db, id), 5);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_two_desks, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_counts_leave_version,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_each_decision,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_tags_in_one_decision,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_answers_history,
                                        fixture_setup_cons, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
