/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * retention_test.c: anonymising the participants past their
 * consultations' retention (retention.c): who is due (every contribution
 * in a consultation past its retention), a dry run that writes nothing,
 * a run that erases the personal fields and keeps the contributions, the
 * journal checking clean after it, and the admin's role.
 */
#include "testlib.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* The day `months` months ago, "YYYY-MM-DD". */
static void
months_ago(int months, char out[16])
{
    time_t now = time(NULL);
    struct tm tm;

    gmtime_r(&now, &tm);
    tm.tm_mday = 1;             /* no 31st of a shorter month */
    tm.tm_mon -= months;
    tm.tm_isdst = 0;
    timegm(&tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
}

/* Consultation `code` closing `months` ago (state closed), with a theme,
 * and with `retention` months of retention (0: none). */
static int64_t
cons_add(struct fixture *f, const char *code, int months, int retention,
         int64_t *theme)
{
    char closes[16];
    struct cs_consultation_new c = {
        .code = code, .title = code, .kind = CS_CONS_IDEAS,
        .audience = CS_AUDIENCE_AGENTS, .closes_on = closes,
        .state = CS_STATE_CLOSED,
    };
    struct cs_error err;
    int64_t id;

    months_ago(months, closes);
    assert_ok(cs_consultation_add(f->db, &c, &id, &err));
    assert_ok(cs_theme_add(f->db, id, "T", "Thème", 0, theme, &err));
    if (retention > 0)
        assert_ok(cs_consultation_set_retention(f->db, id, retention, &err));
    return id;
}

static int64_t
idea_by(struct fixture *f, int64_t cons, int64_t theme,
        const struct cs_person *who, const char *body)
{
    struct cs_idea_new in = {
        .consultation_id = cons, .theme_id = theme, .kind = CS_KIND_IDEA,
        .body = body, .channel = CS_CHANNEL_PAPER, .author = who,
    };
    struct cs_error err;
    int64_t id = 0;

    assert_ok(cs_idea_add(f->db, &in, &id, &err));
    return id;
}

static void
test_due_run_and_kept(void **state)
{
    struct fixture *f = *state;
    struct cs_person anne = { .ref = "M1", .name = "Anne Dupré",
                              .service = "Voirie", .email = "anne@ex.be",
                              .postal = "Rue Haute 1", .phone = "071 00",
                              .consent = true };
    struct cs_person bruno = { .ref = "M2", .name = "Bruno Lenoir" };
    struct cs_person chloe = { .ref = "M3", .name = "Chloé Mail" };
    struct cs_person service = { .service = "Écoles" };
    struct cs_retention_report r;
    struct cs_audit_report rep;
    struct cs_error err;
    int64_t old, open, recent, t_old, t_open, t_recent, a_idea, due, id;

    old = cons_add(f, "OLD", 13, 12, &t_old);
    recent = cons_add(f, "RECENT", 13, 14, &t_recent);
    open = cons_add(f, "OPEN", 0, 0, &t_open);
    assert_ok(cs_consultation_set_state(f->db, open, CS_STATE_OPEN, &err));

    a_idea = idea_by(f, old, t_old, &anne, "Des bancs.");
    /* Bruno also wrote to an open consultation: kept. */
    assert_ok(cs_vote_add(f->db, a_idea, &bruno, CS_CHANNEL_PAPER, NULL, &id,
                          &err));
    idea_by(f, open, t_open, &bruno, "Des arbres.");
    /* Chloé commented only, on the old one. */
    assert_ok(cs_comment_add(f->db, a_idea, &chloe, "D'accord.", &id, &err));
    /* The service's anonymous participant holds no one's data. */
    idea_by(f, old, t_old, &service, "Une idée des écoles.");
    /* A consultation not yet past its retention keeps its people. */
    idea_by(f, recent, t_recent, &(struct cs_person){ .ref = "M4",
                                                      .name = "Denis" },
            "Plus tard.");

    assert_ok(cs_retention_due_count(f->db, &due, &err));
    assert_int_equal(due, 2);

    /* A dry run says who, and writes nothing. */
    long long audit = fixture_audit_rows(f);
    assert_ok(cs_retention_run(f->db, true, &r, &err));
    assert_true(r.dry_run);
    assert_int_equal(r.count, 2);
    assert_string_equal(r.people[0].name, "Anne Dupré");
    assert_string_equal(r.people[0].service, "Voirie");
    assert_string_equal(r.people[1].name, "Chloé Mail");
    assert_int_equal(r.ideas, 1);
    assert_int_equal(r.comments, 1);
    assert_int_equal(r.votes, 0);
    cs_retention_report_clear(&r);
    assert_int_equal(fixture_audit_rows(f), audit);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                                      " WHERE anonymised = 1"), 0);

    /* The run. */
    assert_ok(cs_retention_run(f->db, false, &r, &err));
    assert_false(r.dry_run);
    assert_int_equal(r.count, 2);
    cs_retention_report_clear(&r);
    assert_int_equal(fixture_audit_rows(f), audit + 2);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                                      " action = 'anonymise' AND tbl ="
                                      " 'participant'"), 2);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                     " WHERE anonymised = 1 AND ref IS NULL AND name IS NULL"
                     " AND service IS NULL AND email IS NULL"
                     " AND postal IS NULL AND phone IS NULL"
                     " AND consent = 0"), 2);
    /* Nothing erased stays in the journal. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                                      " instr(coalesce(after, ''),"
                                      " 'anne@ex.be') > 0 OR"
                                      " instr(coalesce(after, ''),"
                                      " 'Anne Dupré') > 0"), 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                                      " WHERE ref IN ('M2', 'M4')"
                                      " AND anonymised = 0"), 2);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                                      " WHERE service = 'Écoles'"
                                      " AND anonymised = 0"), 1);
    /* Contributions kept, their author anonymous now. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea i"
                                      " JOIN participant p"
                                      " ON p.id = i.author_id"
                                      " WHERE i.body = 'Des bancs.'"
                                      " AND p.anonymised = 1"), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM comment"), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM vote"), 1);
    assert_ok(cs_audit_check(f->db, NULL, &rep, NULL, NULL, &err));
    assert_int_equal(rep.findings, 0);

    /* Done: nobody is due any more. */
    assert_ok(cs_retention_due_count(f->db, &due, &err));
    assert_int_equal(due, 0);
    assert_ok(cs_retention_run(f->db, false, &r, &err));
    assert_int_equal(r.count, 0);
    cs_retention_report_clear(&r);
    (void)old;
}

static void
test_retention_setting(void **state)
{
    struct fixture *f = *state;
    struct cs_consultation c;
    struct cs_error err;

    assert_ok(cs_consultation_set_retention(f->db, f->cons_id, 24, &err));
    assert_ok(cs_consultation_get(f->db, f->cons_id, &c, &err));
    assert_int_equal(c.retention_months, 24);
    cs_consultation_clear(&c);
    /* Archived, it may still be set: the consultation's life. */
    assert_ok(cs_consultation_set_state(f->db, f->cons_id, CS_STATE_ARCHIVED,
                                        &err));
    assert_ok(cs_consultation_set_retention(f->db, f->cons_id, 0, &err));
    assert_ok(cs_consultation_get(f->db, f->cons_id, &c, &err));
    assert_int_equal(c.retention_months, 0);
    cs_consultation_clear(&c);
    assert_int_equal(cs_consultation_set_retention(f->db, f->cons_id, -1,
                                                   &err), CS_EINVAL);
    assert_string_equal(err.field, "retention");
    assert_int_equal(cs_consultation_set_retention(f->db, f->cons_id, 1201,
                                                   &err), CS_EINVAL);
    assert_int_equal(cs_consultation_set_retention(f->db, 999, 12, &err),
                     CS_ENOTFOUND);
}

static void
test_admin_only(void **state)
{
    struct fixture *f = *state;
    struct cs_retention_report r;
    struct cs_error err;
    struct cs_db *agent, *coord;
    int64_t n;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(f->db, "carla", CS_ROLE_COORDINATOR, &err));
    agent = fixture_open_as(f, "bob");
    coord = fixture_open_as(f, "carla");
    assert_int_equal(cs_retention_run(agent, true, &r, &err), CS_EPERM);
    assert_int_equal(cs_retention_run(coord, false, &r, &err), CS_EPERM);
    assert_int_equal(cs_retention_due_count(coord, &n, &err), CS_EPERM);
    assert_int_equal(cs_consultation_set_retention(agent, f->cons_id, 12,
                                                   &err), CS_EPERM);
    cs_db_close(agent);
    cs_db_close(coord);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_cons, \
                                              fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_due_run_and_kept),
        T(test_retention_setting),
        T(test_admin_only),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
