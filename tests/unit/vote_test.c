/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * vote_test.c: votes and tallies, and the counts they keep on ideas: one
 * vote per person per idea (or merge group), votes for merged ideas
 * counted for the target, deletions, one tally per idea and source
 * whatever its spelling, corrections, refusals on hidden and withdrawn
 * ideas, roles, and one journal row per write; the one statement that
 * adds votes (vote_put), as the imports use it.
 */
#include "testlib.h"

#include "idea_priv.h"
#include "memrows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct counts {
    long long n[6];
};

static void
counts_take(struct fixture *f, struct counts *c)
{
    static const char *const sql[] = {
        "SELECT count(*) FROM vote", "SELECT count(*) FROM tally",
        "SELECT count(*) FROM participant", "SELECT count(*) FROM audit",
        ("SELECT total(votes * 1000000 + tallies * 1000 + support)"
         " FROM idea"),
        "SELECT total(count) FROM tally",
    };

    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
        c->n[i] = fixture_count(f, sql[i]);
}

static void
assert_nothing_written(struct fixture *f, const struct counts *before)
{
    struct counts now;

    counts_take(f, &now);
    for (size_t i = 0; i < sizeof now.n / sizeof now.n[0]; i++)
        if (now.n[i] != before->n[i])
            fail_msg("count %zu changed: %lld -> %lld", i, before->n[i],
                     now.n[i]);
}

/* votes, tallies and support of idea `id` */
static void
assert_idea_counts(struct fixture *f, int64_t id, int64_t votes,
                   int64_t tallies, int64_t support)
{
    struct cs_idea idea;
    struct cs_error err;

    assert_ok(cs_idea_get(f->db, id, &idea, &err));
    if (idea.votes != votes || idea.tallies != tallies
        || idea.support != support)
        fail_msg("idea %lld: votes %lld tallies %lld support %lld, want "
                 "%lld %lld %lld", (long long)id, (long long)idea.votes,
                 (long long)idea.tallies, (long long)idea.support,
                 (long long)votes, (long long)tallies, (long long)support);
    cs_idea_clear(&idea);
}

static enum cs_rc
vote_as(struct cs_db *db, int64_t idea, const char *name,
        const char *service, int64_t *id, struct cs_error *err)
{
    struct cs_person p = { .name = name, .service = service,
                           .channel = CS_CHANNEL_WORKSHOP };

    return cs_vote_add(db, idea, &p, CS_CHANNEL_WORKSHOP, NULL, id, err);
}

static void
test_vote_once(void **state)
{
    struct fixture *f = *state;
    struct cs_person ref = { .ref = "M42", .name = "Jean Dupont" };
    struct cs_error err;
    struct counts c;
    int64_t a = fixture_idea(f->db, f, "Des vélos");
    int64_t v = 0, x;
    long long before = fixture_audit_rows(f);

    assert_ok(cs_vote_add(f->db, a, &ref, CS_CHANNEL_PAPER, "2021-03-04",
                          &v, &err));
    assert_true(v > 0);
    /* the new voter's participant row, then the vote's */
    assert_int_equal(fixture_audit_rows(f), before + 2);
    fixture_assert_audit(f, before + 1, "add", "vote", a);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM vote WHERE"
        " voted_at = '2021-03-04' AND channel = 'paper'"
        " AND entered_by = 'alice'"), 1);
    assert_idea_counts(f, a, 1, 0, 1);

    /* An existing voter: exactly one journal row. */
    assert_ok(vote_as(f->db, a, "Élodie Martin", "Travaux", NULL, &err));
    x = fixture_idea(f->db, f, "x");
    before = fixture_audit_rows(f);
    assert_ok(vote_as(f->db, x, "élodie martin", "TRAVAUX", NULL, &err));
    fixture_assert_audit(f, before, "add", "vote", x);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"),
                     2);
    assert_idea_counts(f, a, 2, 0, 2);
    assert_idea_counts(f, x, 1, 0, 1);

    counts_take(f, &c);
    ref.name = "Autre nom";     /* the reference decides */
    assert_int_equal(cs_vote_add(f->db, a, &ref, CS_CHANNEL_PAPER, NULL,
                                 &v, &err), CS_ECONFLICT);
    assert_int_equal(vote_as(f->db, a, "ELODIE  MARTIN", "travaux", NULL,
                             &err), CS_ECONFLICT);
    assert_non_null(strstr(err.msg, "already"));
    assert_nothing_written(f, &c);

    /* bad input */
    assert_int_equal(cs_vote_add(f->db, a, NULL, CS_CHANNEL_PAPER, NULL,
                                 NULL, &err), CS_EINVAL);
    assert_int_equal(cs_vote_add(f->db, a, &ref, CS_CHANNEL_PAPER,
                                 "32/01/2021", NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "voted_at");
    assert_int_equal(cs_vote_add(f->db, 9999, &ref, CS_CHANNEL_PAPER, NULL,
                                 NULL, &err), CS_ENOTFOUND);
    assert_nothing_written(f, &c);
}

static void
test_vote_merge_group(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct counts c;
    int64_t a = fixture_idea(f->db, f, "Des vélos");
    int64_t b = fixture_idea(f->db, f, "Des bicyclettes");
    int64_t v = 0;

    assert_ok(vote_as(f->db, a, "Paul", "RH", NULL, &err));
    assert_ok(cs_idea_merge(f->db, b, 0, a, &err));

    /* Paul supports the group already: a vote on b is a second vote. */
    counts_take(f, &c);
    assert_int_equal(vote_as(f->db, b, "Paul", "RH", NULL, &err),
                     CS_ECONFLICT);
    assert_nothing_written(f, &c);

    /* Marie votes for the merged idea: it counts once, for the target. */
    assert_ok(vote_as(f->db, b, "Marie", "RH", &v, &err));
    assert_idea_counts(f, b, 1, 0, 0);
    assert_idea_counts(f, a, 1, 0, 2);
    assert_int_equal(vote_as(f->db, a, "Marie", "RH", NULL, &err),
                     CS_ECONFLICT);
    assert_int_equal(vote_as(f->db, b, "Marie", "RH", NULL, &err),
                     CS_ECONFLICT);

    /* Unmerged, each keeps its own. */
    assert_ok(cs_idea_unmerge(f->db, b, 0, &err));
    assert_idea_counts(f, a, 1, 0, 1);
    assert_idea_counts(f, b, 1, 0, 1);
    /* ... and Paul may now support b on its own. */
    assert_ok(vote_as(f->db, b, "Paul", "RH", NULL, &err));
    assert_idea_counts(f, b, 2, 0, 2);
    /* Merged again, Paul counts once. */
    assert_ok(cs_idea_merge(f->db, b, 0, a, &err));
    assert_idea_counts(f, a, 1, 0, 2);
}

static void
test_vote_delete(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *bob, *carol, *vic;
    struct counts c;
    int64_t a = fixture_idea(f->db, f, "A");
    int64_t b = fixture_idea(f->db, f, "B");
    int64_t va = 0, vb = 0, vbob = 0;
    long long before;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(f->db, "carol", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(f->db, "vic", CS_ROLE_VIEWER, &err));
    bob = fixture_open_as(f, "bob");
    carol = fixture_open_as(f, "carol");
    vic = fixture_open_as(f, "vic");

    /* Paul voted for both before they were found to be duplicates. */
    assert_ok(vote_as(f->db, a, "Paul", "RH", &va, &err));
    assert_ok(vote_as(f->db, b, "Paul", "RH", &vb, &err));
    assert_ok(vote_as(bob, a, "Zoé", "RH", &vbob, &err));
    assert_ok(cs_idea_merge(f->db, b, 0, a, &err));
    assert_idea_counts(f, a, 2, 0, 2);

    /* Deleting one of Paul's two votes leaves him a supporter. */
    before = fixture_audit_rows(f);
    assert_ok(cs_vote_delete(f->db, vb, &err));
    fixture_assert_audit(f, before, "delete", "vote", b);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
        " id = (SELECT max(id) FROM audit) AND after IS NULL"
        " AND json_extract(before, '$.participant_id') IS NOT NULL"), 1);
    assert_idea_counts(f, b, 0, 0, 0);
    assert_idea_counts(f, a, 2, 0, 2);
    assert_ok(cs_vote_delete(f->db, va, &err));
    assert_idea_counts(f, a, 1, 0, 1);

    /* Only the agent who entered it (or an admin) deletes a vote. */
    counts_take(f, &c);
    assert_int_equal(cs_vote_delete(carol, vbob, &err), CS_EPERM);
    assert_int_equal(cs_vote_delete(vic, vbob, &err), CS_EPERM);
    assert_int_equal(cs_vote_delete(f->db, 9999, &err), CS_ENOTFOUND);
    assert_nothing_written(f, &c);
    before = fixture_audit_rows(f);
    assert_ok(cs_vote_delete(bob, vbob, &err));
    fixture_assert_audit(f, before, "delete", "vote", a);
    assert_idea_counts(f, a, 0, 0, 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM vote"), 0);

    cs_db_close(bob);
    cs_db_close(carol);
    cs_db_close(vic);
}

static void
test_tally(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_tally_list *list = NULL;
    struct counts c;
    int64_t a = fixture_idea(f->db, f, "Des vélos");
    int64_t b = fixture_idea(f->db, f, "Des bicyclettes");
    int64_t t = 0, t2 = 0;
    long long before = fixture_audit_rows(f);

    assert_ok(cs_tally_add(f->db, a, 14, " Atelier de Marchienne ",
                           "2021-03-04", &t, &err));
    fixture_assert_audit(f, before, "add", "tally", a);
    assert_idea_counts(f, a, 0, 14, 14);

    /* The same source and day however it is typed: the same session,
     * the same counts again write nothing. */
    counts_take(f, &c);
    assert_ok(cs_tally_add(f->db, a, 14, "ATELIER  DE  MARCHIÉNNE",
                           "2021-03-04", &t2, &err));
    assert_int_equal(t2, t);
    t2 = 0;
    /* bad input */
    assert_int_equal(cs_tally_add(f->db, a, -1, "Urne", NULL, NULL, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "count");
    assert_int_equal(cs_tally_put(f->db, a, 1, -1, "Urne", NULL, NULL,
                                  &err), CS_EINVAL);
    assert_string_equal(err.field, "against");
    assert_int_equal(cs_tally_add(f->db, a, 1, "  ", NULL, NULL, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "source");
    assert_int_equal(cs_tally_add(f->db, a, 1, "Urne", "demain", NULL,
                                  &err), CS_EINVAL);
    assert_string_equal(err.field, "counted_at");
    assert_int_equal(cs_tally_add(f->db, 9999, 1, "Urne", NULL, NULL, &err),
                     CS_ENOTFOUND);
    assert_int_equal(cs_tally_update(f->db, t, -2, &err), CS_EINVAL);
    assert_int_equal(cs_tally_update(f->db, 9999, 2, &err), CS_ENOTFOUND);
    assert_nothing_written(f, &c);

    /* The same source for another idea is another tally. */
    assert_ok(cs_tally_add(f->db, b, 5, "Atelier de Marchienne", NULL, &t2,
                           &err));
    assert_ok(cs_tally_add(f->db, a, 0, "Boîte à idées", NULL, NULL, &err));

    /* Correction: the delta goes to the idea and to its root. */
    before = fixture_audit_rows(f);
    assert_ok(cs_tally_update(f->db, t, 9, &err));
    fixture_assert_audit(f, before, "update", "tally", a);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
        " id = (SELECT max(id) FROM audit)"
        " AND json_extract(before, '$.count') = 14"
        " AND json_extract(after, '$.count') = 9"), 1);
    assert_idea_counts(f, a, 0, 9, 9);
    assert_ok(cs_idea_merge(f->db, b, 0, a, &err));
    assert_idea_counts(f, a, 0, 9, 14);
    assert_ok(cs_tally_update(f->db, t2, 7, &err));
    assert_idea_counts(f, b, 0, 7, 0);
    assert_idea_counts(f, a, 0, 9, 16);
    /* a tally given for a merged idea also counts for the target */
    assert_ok(cs_tally_add(f->db, b, 2, "Urne mairie", NULL, NULL, &err));
    assert_idea_counts(f, b, 0, 9, 0);
    assert_idea_counts(f, a, 0, 9, 18);

    assert_ok(cs_tally_list(f->db, a, &list, &err));
    assert_int_equal(list->count, 2);
    assert_string_equal(list->items[0].source, "Atelier de Marchienne");
    assert_int_equal(list->items[0].count, 9);
    assert_int_equal(list->items[0].idea_id, a);
    assert_string_equal(list->items[0].counted_at, "2021-03-04");
    assert_string_equal(list->items[0].entered_by, "alice");
    assert_string_equal(list->items[1].source, "Boîte à idées");
    assert_int_equal(list->items[1].count, 0);
    cs_tally_list_free(list);
}

/* A tally is one session of its source: the same source and day again
 * replaces its counts (audited before and after), another day is another
 * tally, and votes against stay beside the support. */
static void
test_tally_sessions(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_tally_result r;
    struct cs_tally_list *list = NULL;
    struct cs_db *bob;
    struct counts c;
    int64_t a = fixture_idea(f->db, f, "Des vélos");
    int64_t b = fixture_idea(f->db, f, "Des bancs");
    int64_t against = -1, first;
    long long before;

    assert_ok(cs_tally_put(f->db, a, 14, 3, "Atelier Marchienne",
                           "2026-05-02", &r, &err));
    assert_int_equal(r.outcome, CS_TALLY_ADDED);
    first = r.id;
    assert_idea_counts(f, a, 0, 14, 14);
    assert_ok(cs_tally_against(f->db, a, &against, &err));
    assert_int_equal(against, 3);

    /* Keyed again the same day (a time of day does not make another
     * session): replaced, for and against. */
    before = fixture_audit_rows(f);
    assert_ok(cs_tally_put(f->db, a, 12, 5, "atelier marchienne",
                           "2026-05-02T16:30:00Z", &r, &err));
    assert_int_equal(r.outcome, CS_TALLY_REPLACED);
    assert_int_equal(r.id, first);
    assert_int_equal(r.was_count, 14);
    assert_int_equal(r.was_against, 3);
    fixture_assert_audit(f, before, "update", "tally", a);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
        " id = (SELECT max(id) FROM audit)"
        " AND json_extract(before, '$.count') = 14"
        " AND json_extract(before, '$.against') = 3"
        " AND json_extract(after, '$.count') = 12"
        " AND json_extract(after, '$.against') = 5"), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM tally"), 1);
    /* against is never subtracted from the support */
    assert_idea_counts(f, a, 0, 12, 12);
    assert_ok(cs_tally_against(f->db, a, &against, &err));
    assert_int_equal(against, 5);

    /* The same counts again: nothing written. */
    counts_take(f, &c);
    assert_ok(cs_tally_put(f->db, a, 12, 5, "Atelier Marchienne",
                           "2026-05-02", &r, &err));
    assert_int_equal(r.outcome, CS_TALLY_UNCHANGED);
    assert_nothing_written(f, &c);

    /* Another day of the same source is another session. */
    assert_ok(cs_tally_put(f->db, a, 4, 1, "Atelier Marchienne",
                           "2026-05-09", &r, &err));
    assert_int_equal(r.outcome, CS_TALLY_ADDED);
    assert_true(r.id != first);
    assert_idea_counts(f, a, 0, 16, 16);
    assert_ok(cs_tally_against(f->db, a, &against, &err));
    assert_int_equal(against, 6);
    assert_ok(cs_tally_list(f->db, a, &list, &err));
    assert_int_equal(list->count, 2);
    assert_int_equal(list->items[0].count, 12);
    assert_int_equal(list->items[0].against, 5);
    assert_string_equal(list->items[0].counted_at, "2026-05-02");
    assert_int_equal(list->items[1].against, 1);
    cs_tally_list_free(list);

    /* A merged idea's votes against count beside its target's support. */
    assert_ok(cs_tally_put(f->db, b, 2, 7, "Urne", "2026-05-02", NULL,
                           &err));
    assert_ok(cs_idea_merge(f->db, b, 0, a, &err));
    assert_idea_counts(f, a, 0, 16, 18);
    assert_ok(cs_tally_against(f->db, a, &against, &err));
    assert_int_equal(against, 13);
    assert_int_equal(cs_tally_against(f->db, 9999, &against, &err),
                     CS_ENOTFOUND);

    /* Another agent's session is replaced by an admin only. */
    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    bob = fixture_open_as(f, "bob");
    counts_take(f, &c);
    assert_int_equal(cs_tally_put(bob, a, 1, 0, "Atelier Marchienne",
                                  "2026-05-02", NULL, &err), CS_EPERM);
    assert_nothing_written(f, &c);
    cs_db_close(bob);
}

/* A tally sheet: one session, many ideas, one transaction. */
static void
test_tally_sheet(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_tally_sheet_result res;
    struct cs_tally_list *list = NULL;
    struct counts c;
    int64_t a = fixture_idea(f->db, f, "A");
    int64_t b = fixture_idea(f->db, f, "B");
    int64_t w = fixture_idea(f->db, f, "Retirée");
    struct cs_tally_line lines[3] = {
        { a, 10, 2 }, { b, 0, 4 }, { w, 1, 0 },
    };
    long long before;

    assert_ok(cs_idea_set_status(f->db, w, 0, CS_STATUS_WITHDRAWN, NULL,
                                 &err));
    /* A refused line: nothing written, the line named. */
    counts_take(f, &c);
    assert_int_equal(cs_tally_sheet_save(f->db, "Atelier Marchienne",
                                         "2026-05-02", lines, 3, &res, &err),
                     CS_ECONFLICT);
    assert_int_equal(err.line, 3);
    assert_nothing_written(f, &c);

    before = fixture_audit_rows(f);
    assert_ok(cs_tally_sheet_save(f->db, "Atelier Marchienne", "2026-05-02",
                                  lines, 2, &res, &err));
    assert_int_equal(res.added, 2);
    assert_int_equal(res.replaced, 0);
    assert_int_equal(fixture_audit_rows(f), before + 2);
    assert_idea_counts(f, a, 0, 10, 10);
    assert_idea_counts(f, b, 0, 0, 0);

    /* Keyed again: b changed, a the same. */
    lines[1].count = 3;
    assert_ok(cs_tally_sheet_save(f->db, "atelier marchienne", "2026-05-02",
                                  lines, 2, &res, &err));
    assert_int_equal(res.added, 0);
    assert_int_equal(res.replaced, 1);
    assert_int_equal(res.unchanged, 1);
    assert_idea_counts(f, b, 0, 3, 3);

    assert_ok(cs_tally_session_list(f->db, f->cons_id, "ATELIER MARCHIENNE",
                                    "2026-05-02", &list, &err));
    assert_int_equal(list->count, 2);
    assert_int_equal(list->items[0].idea_id, a);
    assert_int_equal(list->items[0].count, 10);
    assert_int_equal(list->items[0].against, 2);
    assert_int_equal(list->items[1].idea_id, b);
    assert_int_equal(list->items[1].against, 4);
    cs_tally_list_free(list);
    assert_ok(cs_tally_session_list(f->db, f->cons_id, "Atelier Marchienne",
                                    "2026-05-03", &list, &err));
    assert_int_equal(list->count, 0);
    cs_tally_list_free(list);
}

static void
test_refused_on_hidden_withdrawn(void **state)
{
    struct fixture *f = *state;
    struct cs_person p = { .ref = "M1" };
    struct cs_error err;
    struct counts c;
    int64_t w = fixture_idea(f->db, f, "Retirée");
    int64_t h = fixture_idea(f->db, f, "Masquée");
    int64_t root = fixture_idea(f->db, f, "Cible");
    int64_t child = fixture_idea(f->db, f, "Doublon");
    int64_t t = 0;

    assert_ok(cs_tally_add(f->db, w, 3, "Urne", NULL, &t, &err));
    assert_ok(cs_idea_set_status(f->db, w, 0, CS_STATUS_WITHDRAWN, NULL, &err));
    assert_ok(cs_idea_set_status(f->db, h, 0, CS_STATUS_HIDDEN, "Injure",
                                 &err));
    assert_ok(cs_idea_merge(f->db, child, 0, root, &err));
    assert_ok(cs_idea_set_status(f->db, root, 0, CS_STATUS_HIDDEN, "Doublon "
                                 "injurieux", &err));

    counts_take(f, &c);
    assert_int_equal(cs_vote_add(f->db, w, &p, CS_CHANNEL_PAPER, NULL, NULL,
                                 &err), CS_ECONFLICT);
    assert_int_equal(cs_vote_add(f->db, h, &p, CS_CHANNEL_PAPER, NULL, NULL,
                                 &err), CS_ECONFLICT);
    /* merged into a hidden idea: the vote would count for it */
    assert_int_equal(cs_vote_add(f->db, child, &p, CS_CHANNEL_PAPER, NULL,
                                 NULL, &err), CS_ECONFLICT);
    assert_int_equal(cs_tally_add(f->db, w, 1, "Atelier", NULL, NULL, &err),
                     CS_ECONFLICT);
    assert_int_equal(cs_tally_add(f->db, h, 1, "Atelier", NULL, NULL, &err),
                     CS_ECONFLICT);
    assert_int_equal(cs_tally_add(f->db, child, 1, "Atelier", NULL, NULL,
                                  &err), CS_ECONFLICT);
    assert_nothing_written(f, &c);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"),
                     0);

    /* A tally already given can still be corrected. */
    assert_ok(cs_tally_update(f->db, t, 4, &err));
    assert_idea_counts(f, w, 0, 4, 4);

    /* Back to review, the idea takes votes again. */
    assert_ok(cs_idea_set_status(f->db, w, 0, CS_STATUS_REVIEWING, NULL, &err));
    assert_ok(cs_vote_add(f->db, w, &p, CS_CHANNEL_PAPER, NULL, NULL, &err));
    assert_idea_counts(f, w, 1, 4, 5);
}

static void
test_roles(void **state)
{
    struct fixture *f = *state;
    struct cs_person p = { .ref = "M1" };
    struct cs_tally_list *list = NULL;
    struct cs_error err;
    struct cs_db *bob, *carol, *vic;
    struct counts c;
    int64_t a = fixture_idea(f->db, f, "A");
    int64_t t = 0, v = 0;
    long long before;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(f->db, "carol", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(f->db, "vic", CS_ROLE_VIEWER, &err));
    bob = fixture_open_as(f, "bob");
    carol = fixture_open_as(f, "carol");
    vic = fixture_open_as(f, "vic");

    before = fixture_audit_rows(f);
    assert_ok(cs_tally_add(bob, a, 6, "Atelier", NULL, &t, &err));
    fixture_assert_audit(f, before, "add", "tally", a);

    counts_take(f, &c);
    assert_int_equal(cs_vote_add(vic, a, &p, CS_CHANNEL_PAPER, NULL, &v,
                                 &err), CS_EPERM);
    assert_int_equal(v, 0);
    assert_int_equal(cs_tally_add(vic, a, 1, "Urne", NULL, NULL, &err),
                     CS_EPERM);
    assert_int_equal(cs_tally_update(vic, t, 1, &err), CS_EPERM);
    assert_int_equal(cs_tally_update(carol, t, 1, &err), CS_EPERM);
    assert_nothing_written(f, &c);

    assert_ok(cs_tally_update(bob, t, 8, &err));
    assert_ok(cs_tally_update(f->db, t, 7, &err));
    assert_ok(cs_vote_add(carol, a, &p, CS_CHANNEL_PAPER, NULL, NULL, &err));
    assert_idea_counts(f, a, 1, 7, 8);
    assert_ok(cs_tally_list(vic, a, &list, &err));
    assert_int_equal(list->count, 1);
    assert_string_equal(list->items[0].entered_by, "bob");
    cs_tally_list_free(list);

    cs_db_close(bob);
    cs_db_close(carol);
    cs_db_close(vic);
}

/* Support with a remark: both rows or neither. */
static void
test_vote_with_remark(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_person p = { .name = "Léa", .service = "Écoles" };
    int64_t idea = fixture_idea(f->db, f, "Des fontaines à eau");
    int64_t vid = 0, cid = 0;

    assert_ok(cs_vote_add_with_remark(f->db, idea, &p, CS_CHANNEL_PAPER,
                                      NULL, "Aussi au parc", &vid, &cid,
                                      &err));
    assert_true(vid > 0 && cid > 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM comment"
                                      " WHERE body = 'Aussi au parc'"
                                      " AND participant_id IS NOT NULL"), 1);
    /* A second vote is refused, and its remark is not kept either. */
    assert_int_equal(cs_vote_add_with_remark(f->db, idea, &p,
                                             CS_CHANNEL_PAPER, NULL,
                                             "Encore", NULL, NULL, &err),
                     CS_ECONFLICT);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM comment"), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM vote"), 1);
    assert_int_equal(fixture_count_drift(f), 0);
}

/* Rows of the vote put's stage, seen by the connection that stages. */
static long long
staged_rows(struct cs_db *db)
{
    sqlite3_stmt *st = NULL;
    long long n = -1;

    if (sqlite3_prepare_v2(db->sql, "SELECT count(*) FROM temp.vote_stage",
                           -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

struct seen {
    int64_t id[4], idea[4];
    int n;
};

static void
seen_add(void *arg, int64_t id, int64_t idea)
{
    struct seen *s = arg;

    if (s->n < 4) {
        s->id[s->n] = id;
        s->idea[s->n] = idea;
    }
    s->n++;
}

/* The batch mode of the vote put: votes staged (a pair staged twice is
 * left out at once), then added together, leaving out a vote already
 * there; each added vote reported with its idea; the stage kept until
 * cleared. */
static void
test_vote_put(void **state)
{
    struct fixture *f = *state;
    struct cs_person anne = { .ref = "M1", .name = "Anne" };
    struct cs_person paul = { .ref = "M2", .name = "Paul" };
    struct vote_put vp;
    struct seen seen = { { 0 }, { 0 }, 0 };
    struct cs_error err;
    int64_t a = fixture_idea(f->db, f, "Des vélos");
    int64_t b = fixture_idea(f->db, f, "Des bancs");
    int64_t pa = 0, pp = 0;
    bool fresh = false, created;
    long added = -1;

    assert_ok(cs_participant_resolve(f->db, &anne, &pa, &created, &err));
    assert_ok(cs_participant_resolve(f->db, &paul, &pp, &created, &err));
    assert_ok(cs_vote_add(f->db, a, &anne, CS_CHANNEL_PAPER, NULL, NULL,
                          &err));
    assert_ok(db_exec(f->db, "BEGIN", &err));
    assert_ok(vote_put_prepare(f->db, &vp, &err));
    /* Out of key order: the stage sorts them. */
    assert_ok(vote_put_stage(f->db, &vp, b, pa, CS_CHANNEL_WEB,
                             "2021-05-02", 3, &fresh, &err));
    assert_true(fresh);
    assert_ok(vote_put_stage(f->db, &vp, b, pa, CS_CHANNEL_PAPER,
                             "2021-05-03", -1, &fresh, &err));
    assert_false(fresh);
    assert_ok(vote_put_stage(f->db, &vp, a, pp, CS_CHANNEL_PAPER,
                             "2021-05-02", -1, &fresh, &err));
    assert_ok(vote_put_stage(f->db, &vp, a, pa, CS_CHANNEL_PAPER,
                             "2021-05-02", -1, &fresh, &err));
    assert_true(fresh);         /* in the stage; the vote is there */
    assert_int_equal(vp.staged, 3);
    assert_ok(vote_put_run(f->db, &vp, 0, "2021-05-04T10:00:00Z", seen_add,
                           &seen, &added, &err));
    assert_int_equal(added, 2);
    assert_int_equal(seen.n, 2);
    assert_int_equal(seen.idea[0], a);
    assert_int_equal(seen.idea[1], b);
    assert_int_equal(staged_rows(f->db), 3);
    assert_ok(vote_put_clear(f->db, &vp, &err));
    assert_int_equal(staged_rows(f->db), 0);
    vote_put_finish(&vp);
    assert_ok(db_exec(f->db, "COMMIT", &err));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM vote"), 3);
    {
        char sql[400];

        snprintf(sql, sizeof sql, "SELECT count(*) FROM vote WHERE id = %lld"
                 " AND idea_id = %lld AND participant_id = %lld AND"
                 " channel = 'web' AND voted_at = '2021-05-02' AND points = 3"
                 " AND entered_at = '2021-05-04T10:00:00Z' AND batch_id IS"
                 " NULL AND entered_by = 'alice'", (long long)seen.id[1],
                 (long long)b, (long long)pa);
        assert_int_equal(fixture_count(f, sql), 1);
    }
}

/* Votes from memory (vote_put_run_rows): through the same statement as the
 * stage's, each column as given (the date voted, or the default), a vote
 * already there left out; the stage untouched meanwhile and read again by
 * the next vote_put_run. */
static void
test_vote_put_rows(void **state)
{
    struct fixture *f = *state;
    struct cs_person anne = { .ref = "M1", .name = "Anne" };
    struct cs_person paul = { .ref = "M2", .name = "Paul" };
    struct vote_put vp;
    struct cs_error err;
    int64_t a = fixture_idea(f->db, f, "Des vélos");
    int64_t b = fixture_idea(f->db, f, "Des bancs");
    int64_t pa = 0, pp = 0;
    int64_t ints[3][MEMROWS_INTS];
    const char *texts[3] = { NULL, "2021-06-01", NULL };
    struct memrows rows = { 3, &ints[0][0], texts };
    bool created;
    long added = -1;
    char sql[400];

    assert_ok(cs_participant_resolve(f->db, &anne, &pa, &created, &err));
    assert_ok(cs_participant_resolve(f->db, &paul, &pp, &created, &err));
    assert_ok(cs_vote_add(f->db, a, &anne, CS_CHANNEL_PAPER, NULL, NULL,
                          &err));
    ints[0][0] = a, ints[0][1] = pa, ints[0][2] = MEMROWS_NULL;
    ints[0][3] = CS_CHANNEL_PAPER;
    ints[1][0] = a, ints[1][1] = pp, ints[1][2] = 5;
    ints[1][3] = CS_CHANNEL_WORKSHOP;
    ints[2][0] = b, ints[2][1] = pa, ints[2][2] = MEMROWS_NULL;
    ints[2][3] = CS_CHANNEL_EMAIL;
    assert_ok(db_exec(f->db, "BEGIN", &err));
    assert_ok(vote_put_prepare(f->db, &vp, &err));
    assert_ok(vote_put_stage(f->db, &vp, b, pp, CS_CHANNEL_WEB,
                             "2021-05-02", -1, NULL, &err));
    assert_ok(vote_put_run_rows(f->db, &vp, &rows, "2021-06-02", 0,
                                "2021-06-04T10:00:00Z", &added, &err));
    assert_int_equal(added, 2);
    /* The stage, as it was, goes in next. */
    assert_int_equal(staged_rows(f->db), 1);
    assert_ok(vote_put_run(f->db, &vp, 0, "2021-06-04T10:00:00Z", NULL, NULL,
                           &added, &err));
    assert_int_equal(added, 1);
    assert_ok(vote_put_clear(f->db, &vp, &err));
    vote_put_finish(&vp);
    assert_ok(db_exec(f->db, "COMMIT", &err));
    snprintf(sql, sizeof sql, "SELECT count(*) FROM vote WHERE idea_id ="
             " %lld AND participant_id = %lld AND channel = 'workshop' AND"
             " voted_at = '2021-06-01' AND points = 5 AND batch_id IS NULL"
             " AND entered_at = '2021-06-04T10:00:00Z'", (long long)a,
             (long long)pp);
    assert_int_equal(fixture_count(f, sql), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM vote WHERE idea_id ="
             " %lld AND participant_id = %lld AND channel = 'email' AND"
             " voted_at = '2021-06-02' AND points IS NULL", (long long)b,
             (long long)pa);
    assert_int_equal(fixture_count(f, sql), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM vote WHERE idea_id ="
             " %lld AND participant_id = %lld AND channel = 'web'",
             (long long)b, (long long)pp);
    assert_int_equal(fixture_count(f, sql), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM vote"), 4);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_vote_with_remark,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_vote_once, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_vote_merge_group,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_vote_delete, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_tally, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_tally_sessions,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_tally_sheet, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_refused_on_hidden_withdrawn,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_roles, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_vote_put, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_vote_put_rows,
                                        fixture_setup_cons, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
