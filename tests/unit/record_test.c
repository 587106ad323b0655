/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * record_test.c: the field tables of the records, cs_record_check for
 * each kind (it names the field at fault and writes nothing), and the
 * writes of each kind in its two modes, one call and an import's batch,
 * which must give the same rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

/* ---------------------------------------------------------------- tables */

static void
test_tables(void **state)
{
    (void)state;
    for (int k = 0; k < CS_RECORD_KIND_COUNT; k++) {
        size_t n = 0;
        const struct cs_field *f = cs_record_fields(k, &n);
        enum cs_record_kind back;

        assert_non_null(f);
        assert_true(n > 0);
        assert_int_equal(cs_record_kind_parse(cs_record_kind_name(k), &back,
                                              NULL), CS_OK);
        assert_int_equal(back, k);
        for (size_t i = 0; i < n; i++) {
            assert_string_equal(f[i].name, cs_field_name(f[i].id));
            assert_true(strlen(cs_field_label(&f[i])) > 0);
            assert_non_null(f[i].aliases);
            assert_ptr_equal(cs_record_field(k, f[i].name), &f[i]);
            for (size_t j = 0; j < i; j++)
                assert_string_not_equal(f[i].name, f[j].name);
        }
    }
    /* Names are compared as headers are. */
    assert_non_null(cs_record_field(CS_RECORD_IDEA, "Form-Ref"));
    assert_null(cs_record_field(CS_RECORD_IDEA, "count"));
    /* The import's templates are the tables' fields. */
    for (int k = 0; k < CS_IMPORT_KIND_COUNT; k++) {
        size_t n = 0, nt = 0, o = 0;
        const struct cs_field *f = cs_record_fields(k, &n);
        const char *const *t = cs_import_fields(k, &nt);

        for (size_t i = 0; i < n; i++)
            if (!(f[i].flags & CS_FIELD_EXTRA))
                assert_string_equal(t[o++], f[i].name);
        assert_int_equal(o, nt);
    }
}

static void
test_field_check(void **state)
{
    const struct cs_field *f;
    struct cs_error err;

    (void)state;
    f = cs_record_field(CS_RECORD_IDEA, "submitted_at");
    assert_int_equal(cs_field_check(f, "2024-03-01", false, &err), CS_OK);
    assert_int_equal(cs_field_check(f, "the day after", false, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "submitted_at");
    assert_int_equal(cs_field_check(f, NULL, false, &err), CS_OK);
    f = cs_record_field(CS_RECORD_IDEA, "body");
    assert_int_equal(cs_field_check(f, "  ", true, &err), CS_EINVAL);
    assert_string_equal(err.field, "body");
    f = cs_record_field(CS_RECORD_TALLY, "count");
    assert_int_equal(cs_field_check(f, "1 204", false, &err), CS_OK);
    assert_int_equal(cs_field_check(f, "-3", false, &err), CS_EINVAL);
    assert_string_equal(err.field, "count");
    f = cs_record_field(CS_RECORD_PARTICIPANT, "email");
    assert_int_equal(cs_field_check(f, "nobody", false, &err), CS_EINVAL);
    assert_string_equal(err.field, "email");
    f = cs_record_field(CS_RECORD_IDEA, "tags");
    assert_int_equal(cs_field_check(f, "a;b|c", false, &err), CS_OK);
    {
        char longtag[100];

        memset(longtag, 'x', sizeof longtag - 1);
        longtag[sizeof longtag - 1] = '\0';
        assert_int_equal(cs_field_check(f, longtag, false, &err), CS_EINVAL);
        assert_string_equal(err.field, "tags");
    }
    f = cs_record_field(CS_RECORD_IDEA, "channel");
    assert_int_equal(cs_field_check(f, "papier", false, &err), CS_OK);
    assert_int_equal(cs_field_check(f, "pigeon", false, &err), CS_EINVAL);
    assert_string_equal(err.field, "channel");
}

/* ---------------------------------------------------------------- checks */

/* Check `r` and expect `rc` with err.field `field`. */
static void
check_rec(struct cs_db *db, const struct cs_record *r, enum cs_rc rc,
             const char *field)
{
    struct cs_error err;

    cs_error_clear(&err);
    assert_int_equal(cs_record_check(db, r, &err), rc);
    if (field)
        assert_string_equal(err.field, field);
}

static void
test_check_idea(void **state)
{
    struct fixture *f = *state;
    struct cs_record r;
    struct cs_db *agent;
    struct cs_error err;
    long long before = fixture_count(f, "SELECT count(*) FROM idea")
                     + fixture_audit_rows(f);

    memset(&r, 0, sizeof r);
    r.kind = CS_RECORD_IDEA;
    r.has_consultation = r.has_theme = true;
    check_rec(f->db, &r, CS_EINVAL, "body");
    r.v[CS_F_BODY] = "Des vélos";
    check_rec(f->db, &r, CS_OK, NULL);
    r.v[CS_F_KIND] = "recipe";
    check_rec(f->db, &r, CS_EINVAL, "kind");
    r.v[CS_F_KIND] = "constat";
    r.v[CS_F_STATUS] = "accepted";
    check_rec(f->db, &r, CS_EINVAL, "answer");
    r.v[CS_F_ANSWER] = "Oui.";
    check_rec(f->db, &r, CS_OK, NULL);
    r.v[CS_F_STATUS] = "hidden";
    check_rec(f->db, &r, CS_EINVAL, "hidden_reason");
    r.v[CS_F_STATUS] = "merged";
    check_rec(f->db, &r, CS_EINVAL, "merged_into_form_ref");
    r.v[CS_F_STATUS] = NULL;
    r.v[CS_F_ANSWER] = NULL;
    /* A service alone is an anonymous contribution from that service;
     * contact details need a name or a reference. */
    r.v[CS_F_SERVICE] = "Travaux";
    check_rec(f->db, &r, CS_OK, NULL);
    r.v[CS_F_PHONE] = "071 23 45 67";
    check_rec(f->db, &r, CS_EINVAL, "author_name");
    r.v[CS_F_PHONE] = NULL;
    r.v[CS_F_EMAIL] = "a@example.be";
    check_rec(f->db, &r, CS_EINVAL, "author_name");
    r.v[CS_F_AUTHOR_NAME] = "Anne";
    r.v[CS_F_SUBMITTED_AT] = "31/02/2024";
    check_rec(f->db, &r, CS_EINVAL, "submitted_at");
    r.v[CS_F_SUBMITTED_AT] = "29/02/2024";
    check_rec(f->db, &r, CS_OK, NULL);
    r.has_theme = false;
    check_rec(f->db, &r, CS_EINVAL, "theme");
    r.has_theme = true;
    r.has_consultation = false;
    check_rec(f->db, &r, CS_EINVAL, "consultation");
    r.has_consultation = true;
    r.v[CS_F_BODY] = "bad \x01 text";
    check_rec(f->db, &r, CS_EINVAL, "body");
    r.v[CS_F_BODY] = "Des vélos";

    /* Statuses, answers and tags are an admin's. */
    cs_error_clear(&err);
    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    agent = fixture_open_as(f, "bob");
    r.v[CS_F_TAGS] = "vélo";
    check_rec(agent, &r, CS_EPERM, "tags");
    check_rec(f->db, &r, CS_OK, NULL);
    cs_db_close(agent);
    /* Nothing was written. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea")
                     + fixture_audit_rows(f), before + 1 /* the user */);
}

static void
test_check_others(void **state)
{
    struct fixture *f = *state;
    struct cs_record r;

    memset(&r, 0, sizeof r);
    r.kind = CS_RECORD_VOTE;
    check_rec(f->db, &r, CS_EINVAL, "idea_id");
    r.v[CS_F_IDEA_FORM_REF] = "F-1";
    check_rec(f->db, &r, CS_EINVAL, "consultation");
    r.has_consultation = true;
    check_rec(f->db, &r, CS_EINVAL, "participant_ref");
    r.v[CS_F_PARTICIPANT_NAME] = "Anne";
    check_rec(f->db, &r, CS_OK, NULL);
    r.v[CS_F_VOTED_AT] = "soon";
    check_rec(f->db, &r, CS_EINVAL, "voted_at");

    memset(&r, 0, sizeof r);
    r.kind = CS_RECORD_TALLY;
    r.v[CS_F_IDEA_ID] = "#12";
    check_rec(f->db, &r, CS_EINVAL, "count");
    r.v[CS_F_COUNT] = "many";
    check_rec(f->db, &r, CS_EINVAL, "count");
    r.v[CS_F_COUNT] = "14";
    check_rec(f->db, &r, CS_EINVAL, "source");
    r.v[CS_F_SOURCE] = "Atelier de Marchienne";
    check_rec(f->db, &r, CS_OK, NULL);
    r.v[CS_F_IDEA_ID] = "twelve";
    check_rec(f->db, &r, CS_EINVAL, "idea_id");

    memset(&r, 0, sizeof r);
    r.kind = CS_RECORD_PARTICIPANT;
    r.v[CS_F_SERVICE] = "Travaux";
    check_rec(f->db, &r, CS_EINVAL, "name");
    r.v[CS_F_REF] = "M-12";
    r.v[CS_F_CONSENT] = "peut-être";
    check_rec(f->db, &r, CS_EINVAL, "consent");
    r.v[CS_F_CONSENT] = "oui";
    r.v[CS_F_EMAIL] = "anne.example";
    check_rec(f->db, &r, CS_EINVAL, "email");
    r.v[CS_F_EMAIL] = "anne@example.be";
    check_rec(f->db, &r, CS_OK, NULL);

    memset(&r, 0, sizeof r);
    r.kind = CS_RECORD_COMMENT;
    r.v[CS_F_IDEA_ID] = "3";
    check_rec(f->db, &r, CS_EINVAL, "body");
    r.v[CS_F_BODY] = "D'accord.";
    check_rec(f->db, &r, CS_OK, NULL);

    memset(&r, 0, sizeof r);
    r.kind = CS_RECORD_BATCH;
    check_rec(f->db, &r, CS_EINVAL, "import_kind");
    r.v[CS_F_IMPORT_KIND] = "idées";
    check_rec(f->db, &r, CS_EINVAL, "file");
    r.v[CS_F_FILE] = "formulaires.csv";
    check_rec(f->db, &r, CS_OK, NULL);
    r.v[CS_F_IMPORT_KIND] = "recettes";
    check_rec(f->db, &r, CS_EINVAL, "import_kind");
}

/* ---------------------------------------------------------------- puts */

/* The row of idea `id` as one text, without what differs by nature
 * between two adds (id, times, batch). */
static char *
idea_row(struct fixture *f, int64_t id)
{
    struct cs_idea i;
    struct cs_error err;
    char *s = malloc(2048);

    assert_non_null(s);
    assert_ok(cs_idea_get(f->db, id, &i, &err));
    assert_true(snprintf(s, 2048, "%lld|%lld|%d|%s|%s|%lld|%d|%s|%s|%d|%s",
                         (long long)i.consultation_id,
                         (long long)i.theme_id, (int)i.kind, i.title,
                         i.body, (long long)(i.author_id != 0),
                         (int)i.channel, i.form_ref ? i.form_ref : "-",
                         i.submitted_at, (int)i.status, i.entered_by) > 0);
    cs_idea_clear(&i);
    return s;
}

static void
test_put_idea_both_modes(void **state)
{
    struct fixture *f = *state;
    struct cs_person author = { .name = "Anne Dupont", .service = "Travaux" };
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
        .kind = CS_KIND_FINDING, .body = "Des vélos de service.",
        .channel = CS_CHANNEL_EMAIL, .form_ref = "F-1",
        .submitted_at = "2024-03-01", .author = &author,
    };
    struct cs_error err;
    long long audit = fixture_audit_rows(f);
    int64_t one = 0, two = 0;
    char *a, *b;

    /* One call: audited on its own. */
    assert_ok(cs_idea_add(f->db, &in, &one, &err));
    assert_int_equal(fixture_audit_rows(f), audit + 2); /* author, idea */
    /* Batch: the same idea through an import. */
    fixture_import(f, CS_IMPORT_IDEAS, "ideas.csv",
        "consultation,theme,kind,body,channel,form_ref,submitted_at,"
        "author_name,service\n"
        "AG21,MOB,finding,Des vélos de service.,email,F-2,2024-03-01,"
        "Anne Dupont,Travaux\n");
    two = one + 1;
    a = idea_row(f, one);
    b = idea_row(f, two);
    /* Only the form reference differs. */
    assert_non_null(strstr(a, "|F-1|"));
    assert_non_null(strstr(b, "|F-2|"));
    *strstr(a, "|F-1|") = '\0';
    *strstr(b, "|F-2|") = '\0';
    assert_string_equal(a, b);
    free(a);
    free(b);
    /* The same author, found again, not a second participant. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"),
                     1);
    assert_int_equal(fixture_count(f, "SELECT count(DISTINCT author_id)"
                                      " FROM idea"), 1);
    /* Both refuse the same form reference again. */
    in.form_ref = "F-2";
    assert_int_equal(cs_idea_add(f->db, &in, NULL, &err), CS_ECONFLICT);
    assert_string_equal(err.field, "form_ref");
}

static void
test_put_others_both_modes(void **state)
{
    struct fixture *f = *state;
    struct cs_person voter = { .ref = "M-1", .name = "Anne" };
    struct cs_error err;
    int64_t idea = fixture_idea(f->db, f, "Des bancs."), id = 0, pid = 0;
    char text[200];
    bool created = false;

    /* Votes: one call, then a batch with another voter and the first one
     * again (a duplicate). */
    assert_ok(cs_vote_add(f->db, idea, &voter, CS_CHANNEL_PAPER, NULL, &id,
                          &err));
    snprintf(text, sizeof text, "idea_id,participant_ref,participant_name\n"
             "%lld,M-2,Bert\n", (long long)idea);
    fixture_import(f, CS_IMPORT_VOTES, "votes.csv", text);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM vote"), 2);
    assert_int_equal(fixture_count(f, "SELECT support FROM idea"), 2);

    /* Tallies. */
    assert_ok(cs_tally_add(f->db, idea, 14, "Atelier A", NULL, &id, &err));
    snprintf(text, sizeof text, "idea_id,count,source\n%lld,6,Atelier B\n",
             (long long)idea);
    fixture_import(f, CS_IMPORT_TALLIES, "tallies.csv", text);
    assert_int_equal(fixture_count(f, "SELECT sum(count) FROM tally"), 20);
    assert_int_equal(fixture_count(f, "SELECT support FROM idea"), 22);

    /* Participants: resolved in one call, then a batch completes them. */
    voter.ref = "M-3";
    voter.name = "Chloé";
    assert_ok(cs_participant_resolve(f->db, &voter, &pid, &created, &err));
    assert_true(created);
    fixture_import(f, CS_IMPORT_PARTICIPANTS, "people.csv",
                   "ref,name,email\nM-3,Chloé,chloe@example.be\n"
                   "M-4,Dan,\n");
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"),
                     4);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                                      " WHERE email IS NOT NULL"), 1);

    /* Comments are keyed in: one call. */
    assert_ok(cs_comment_add(f->db, idea, &voter, "D'accord.", &id, &err));
    assert_int_equal(cs_comment_add(f->db, idea, &voter, " ", &id, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "body");
}

/* cs_record_put: the one-call write of a record given as text, for each
 * kind, against the same rows imported (the batch mode). */
static void
test_record_put(void **state)
{
    struct fixture *f = *state;
    struct cs_record_defaults d = { f->cons_id, 0 };
    struct cs_record r;
    struct cs_error err;
    long long audit;
    int64_t idea = 0, two = 0, id = 0;
    char *a, *b, text[300];

    /* An idea, with its author, as text. */
    memset(&r, 0, sizeof r);
    r.kind = CS_RECORD_IDEA;
    r.v[CS_F_THEME] = "MOB";
    r.v[CS_F_KIND] = "constat";
    r.v[CS_F_BODY] = "Des abris pour les vélos.";
    r.v[CS_F_CHANNEL] = "courriel";
    r.v[CS_F_FORM_REF] = "P-1";
    r.v[CS_F_SUBMITTED_AT] = "01/03/2024";
    r.v[CS_F_AUTHOR_NAME] = "Anne Dupont";
    r.v[CS_F_SERVICE] = "Travaux";
    audit = fixture_audit_rows(f);
    assert_ok(cs_record_put(f->db, &r, &d, &idea, &err));
    assert_int_equal(fixture_audit_rows(f), audit + 2); /* author, idea */
    fixture_import(f, CS_IMPORT_IDEAS, "p.csv",
        "consultation,theme,kind,body,channel,form_ref,submitted_at,"
        "author_name,service\n"
        "AG21,MOB,constat,Des abris pour les vélos.,courriel,P-2,"
        "01/03/2024,Anne Dupont,Travaux\n");
    two = idea + 1;
    a = idea_row(f, idea);
    b = idea_row(f, two);
    *strstr(a, "|P-1|") = '\0';
    *strstr(b, "|P-2|") = '\0';
    assert_string_equal(a, b);
    free(a);
    free(b);
    /* The same refusals as the check's, and nothing written. */
    r.v[CS_F_FORM_REF] = "P-2";
    assert_int_equal(cs_record_put(f->db, &r, &d, NULL, &err), CS_ECONFLICT);
    assert_string_equal(err.field, "form_ref");
    r.v[CS_F_BODY] = " ";
    assert_int_equal(cs_record_put(f->db, &r, &d, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "body");
    r.v[CS_F_BODY] = "Une autre.";
    r.v[CS_F_FORM_REF] = NULL;
    r.v[CS_F_THEME] = "NOPE";
    assert_int_equal(cs_record_put(f->db, &r, &d, NULL, &err),
                     CS_ENOTFOUND);
    assert_string_equal(err.field, "theme");
    /* An admin's idea may come decided and tagged, in one transaction. */
    r.v[CS_F_THEME] = "ENV";
    r.v[CS_F_STATUS] = "accepted";
    r.v[CS_F_ANSWER] = "Oui, au printemps.";
    r.v[CS_F_TAGS] = "vélo; abri";
    assert_ok(cs_record_put(f->db, &r, &d, &id, &err));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE status = 'accepted'"), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea_tag"), 2);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 3);

    /* A vote by form reference, a tally, a comment, a participant. */
    memset(&r, 0, sizeof r);
    r.kind = CS_RECORD_VOTE;
    r.v[CS_F_IDEA_FORM_REF] = "P-1";
    r.v[CS_F_PARTICIPANT_REF] = "M-9";
    r.v[CS_F_PARTICIPANT_NAME] = "Bert";
    assert_ok(cs_record_put(f->db, &r, &d, &id, &err));
    assert_int_equal(cs_record_put(f->db, &r, &d, &id, &err), CS_ECONFLICT);
    snprintf(text, sizeof text, "idea_id,participant_ref\n%lld,M-10\n",
             (long long)idea);
    fixture_import(f, CS_IMPORT_VOTES, "v.csv", text);
    snprintf(text, sizeof text, "SELECT votes FROM idea WHERE id = %lld",
             (long long)idea);
    assert_int_equal(fixture_count(f, text), 2);

    memset(&r, 0, sizeof r);
    r.kind = CS_RECORD_TALLY;
    snprintf(text, sizeof text, "%lld", (long long)idea);
    r.v[CS_F_IDEA_ID] = text;
    r.v[CS_F_COUNT] = "1 200";
    r.v[CS_F_SOURCE] = "Urne de la mairie";
    assert_ok(cs_record_put(f->db, &r, NULL, &id, &err));
    assert_int_equal(fixture_count(f, "SELECT sum(count) FROM tally"),
                     1200);

    memset(&r, 0, sizeof r);
    r.kind = CS_RECORD_COMMENT;
    r.v[CS_F_IDEA_ID] = text;
    r.v[CS_F_BODY] = "Bonne idée.";
    r.v[CS_F_PARTICIPANT_NAME] = "Chloé";
    assert_ok(cs_record_put(f->db, &r, NULL, &id, &err));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM comment"), 1);

    memset(&r, 0, sizeof r);
    r.kind = CS_RECORD_PARTICIPANT;
    r.v[CS_F_REF] = "M-9";
    r.v[CS_F_EMAIL] = "bert@example.be";
    r.v[CS_F_CONSENT] = "oui";
    assert_ok(cs_record_put(f->db, &r, NULL, &id, &err));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                                      " WHERE ref = 'M-9' AND consent = 1"
                                      " AND email IS NOT NULL"), 1);

    memset(&r, 0, sizeof r);
    r.kind = CS_RECORD_BATCH;
    assert_int_equal(cs_record_put(f->db, &r, NULL, &id, &err), CS_EINVAL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_field_check),
        cmocka_unit_test_setup_teardown(test_check_idea, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_check_others,
                                        fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_put_idea_both_modes,
                                        fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_put_others_both_modes,
                                        fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_record_put, fixture_setup_cons,
                                        fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
