/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cons_state_test.c: a consultation's state enforced by the core
 * (cons_state.c): a closed consultation takes late paper ideas and votes
 * dated on or before its closing date, comments, tallies and the desk's
 * work, and refuses the rest; an archived one refuses every write, an
 * import naming it included, until its state changes back.
 */
#include "testlib.h"

#include <stdio.h>
#include <string.h>

/* Consultation CL (closes 2026-03-31) with theme T, its id in `*theme`. */
static int64_t
closing_cons(struct fixture *f, int64_t *theme)
{
    struct cs_consultation_new c = {
        .code = "CL", .title = "Clôturée", .kind = CS_CONS_IDEAS,
        .audience = CS_AUDIENCE_AGENTS, .opens_on = "2026-03-01",
        .closes_on = "2026-03-31", .state = CS_STATE_OPEN,
    };
    struct cs_error err;
    int64_t id = 0;

    assert_ok(cs_consultation_add(f->db, &c, &id, &err));
    assert_ok(cs_theme_add(f->db, id, "T", "Thème", 0, theme, &err));
    return id;
}

static enum cs_rc
idea_in(struct fixture *f, int64_t cons, int64_t theme,
        enum cs_channel channel, const char *date, int64_t *id,
        struct cs_error *err)
{
    struct cs_idea_new in = {
        .consultation_id = cons, .theme_id = theme, .kind = CS_KIND_IDEA,
        .body = "Une idée.", .channel = channel, .submitted_at = date,
    };

    return cs_idea_add(f->db, &in, id, err);
}

static void
test_closed_takes_late_paper_only(void **state)
{
    struct fixture *f = *state;
    struct cs_person p = { .ref = "P1" }, q = { .ref = "P2" };
    struct cs_error err;
    int64_t cons, theme, idea, id;
    bool late = true;

    cons = closing_cons(f, &theme);
    assert_ok(idea_in(f, cons, theme, CS_CHANNEL_WEB, "2026-03-10", &idea,
                      &err));
    assert_ok(cs_consultation_is_late(f->db, cons, 0, CS_CHANNEL_PAPER,
                                      "2026-03-30", &late, &err));
    assert_false(late);                         /* open: nothing is late */
    assert_ok(cs_consultation_set_state(f->db, cons, CS_STATE_CLOSED, &err));

    assert_ok(idea_in(f, cons, theme, CS_CHANNEL_PAPER, "2026-03-31", &id,
                      &err));
    assert_ok(idea_in(f, cons, theme, CS_CHANNEL_WORKSHOP, "2026-03-02", &id,
                      &err));
    assert_ok(idea_in(f, cons, theme, CS_CHANNEL_PHONE, "2026-03-02", &id,
                      &err));
    assert_int_equal(idea_in(f, cons, theme, CS_CHANNEL_WEB, "2026-03-30",
                             &id, &err), CS_ECONFLICT);
    assert_string_equal(err.field, "channel");
    assert_non_null(strstr(err.msg, "Consultation CL is closed"));
    assert_int_equal(idea_in(f, cons, theme, CS_CHANNEL_EMAIL, "2026-03-30",
                             &id, &err), CS_ECONFLICT);
    assert_int_equal(idea_in(f, cons, theme, CS_CHANNEL_PAPER, "2026-04-01",
                             &id, &err), CS_ECONFLICT);
    assert_string_equal(err.field, "date");
    assert_non_null(strstr(err.msg, "closed on 2026-03-31"));
    /* An undated form from an envelope keyed now is taken. */
    assert_ok(idea_in(f, cons, theme, CS_CHANNEL_PAPER, NULL, &id, &err));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE consultation_id = 2"), 5);

    assert_ok(cs_vote_add(f->db, idea, &p, CS_CHANNEL_PAPER, "2026-03-20",
                          &id, &err));
    assert_int_equal(cs_vote_add(f->db, idea, &q, CS_CHANNEL_WEB,
                                 "2026-03-20", &id, &err), CS_ECONFLICT);
    assert_int_equal(cs_vote_add(f->db, idea, &q, CS_CHANNEL_PAPER,
                                 "2026-04-20", &id, &err), CS_ECONFLICT);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM vote"), 1);

    /* What the front ends warn with. */
    assert_ok(cs_consultation_is_late(f->db, cons, 0, CS_CHANNEL_PAPER,
                                      "30/03/2026", &late, &err));
    assert_true(late);
    assert_ok(cs_consultation_is_late(f->db, 0, idea, CS_CHANNEL_WORKSHOP,
                                      "2026-03-31", &late, &err));
    assert_true(late);
    assert_ok(cs_consultation_is_late(f->db, cons, 0, CS_CHANNEL_WEB,
                                      "2026-03-30", &late, &err));
    assert_false(late);                         /* refused, not late */
    assert_int_equal(cs_consultation_is_late(f->db, 0, 999, CS_CHANNEL_PAPER,
                                             NULL, &late, &err),
                     CS_ENOTFOUND);

    /* The desk's work goes on. */
    assert_ok(cs_comment_add(f->db, idea, NULL, "Vu au guichet.", &id, &err));
    assert_ok(cs_tally_add(f->db, idea, 5, "Atelier", "2026-04-10", &id,
                           &err));
    assert_ok(cs_idea_set_status(f->db, idea, 0, CS_STATUS_REVIEWING, NULL,
                                 &err));
    assert_ok(cs_theme_add(f->db, cons, "U", "Autre", 0, &id, &err));
}

static void
test_archived_refuses_every_write(void **state)
{
    struct fixture *f = *state;
    struct cs_person p = { .ref = "P1" };
    struct cs_session_new s = { .body = CS_BODY_CODIR,
                                .held_on = "2026-05-01" };
    struct cs_error err;
    int64_t cons, theme, idea, id, session, comment;
    long long audit;

    cons = closing_cons(f, &theme);
    assert_ok(idea_in(f, cons, theme, CS_CHANNEL_WEB, "2026-03-10", &idea,
                      &err));
    assert_ok(cs_comment_add(f->db, idea, NULL, "Avant.", &comment, &err));
    s.consultation_id = cons;
    assert_ok(cs_session_add(f->db, &s, &session, NULL, &err));
    assert_ok(cs_consultation_set_state(f->db, cons, CS_STATE_ARCHIVED,
                                        &err));
    audit = fixture_audit_rows(f);

#define REFUSED(call) do { \
        cs_error_clear(&err); \
        assert_int_equal((call), CS_ECONFLICT); \
        assert_non_null(strstr(err.msg, "Consultation CL is archived: it " \
                                        "is read-only")); \
    } while (0)
    REFUSED(idea_in(f, cons, theme, CS_CHANNEL_PAPER, "2026-03-02", &id,
                    &err));
    REFUSED(cs_vote_add(f->db, idea, &p, CS_CHANNEL_PAPER, "2026-03-20", &id,
                        &err));
    REFUSED(cs_tally_add(f->db, idea, 5, "Atelier", NULL, &id, &err));
    REFUSED(cs_comment_add(f->db, idea, NULL, "Après.", &id, &err));
    REFUSED(cs_comment_hide(f->db, comment, "Doublon", &err));
    REFUSED(cs_idea_set_status(f->db, idea, 0, CS_STATUS_REVIEWING, NULL,
                               &err));
    REFUSED(cs_idea_tag(f->db, idea, 0, "vélo", false, &err));
    REFUSED(cs_theme_add(f->db, cons, "U", "Autre", 0, &id, &err));
    REFUSED(cs_theme_update(f->db, theme, NULL, "Nouveau titre", &err));
    REFUSED(cs_session_add(f->db, &s, &id, NULL, &err));
    REFUSED(cs_session_agenda_add(f->db, session, &idea, 1, NULL, &err));
    REFUSED(cs_session_close(f->db, session, NULL, &err));
    REFUSED(cs_consultation_set_hold_answers(f->db, cons, true, &err));
    REFUSED(cs_consultation_publish(f->db, cons, NULL, &err));
    REFUSED(cs_template_set(f->db, cons, 1, "Merci", "Merci.", &err));
#undef REFUSED
    assert_int_equal(fixture_audit_rows(f), audit);     /* nothing written */

    /* Its state alone changes, and then the work goes on. */
    assert_ok(cs_consultation_set_state(f->db, cons, CS_STATE_CLOSED, &err));
    assert_ok(cs_idea_set_status(f->db, idea, 0, CS_STATUS_REVIEWING, NULL,
                                 &err));
}

static enum cs_rc
import_text(struct fixture *f, enum cs_import_kind kind, const char *name,
            const char *text, const char *cons,
            struct cs_import_report *rep, struct cs_error *err)
{
    struct cs_import_options o;
    char path[400];
    FILE *fp;

    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    assert_non_null(fp = fopen(path, "wb"));
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
    memset(&o, 0, sizeof o);
    o.consultation = cons;
    cs_import_report_init(rep);
    return cs_import_file(f->db, kind, path, &o, rep, err);
}

static void
test_imports(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report rep;
    struct cs_error err;
    int64_t cons, theme, idea;
    char text[512];

    cons = closing_cons(f, &theme);
    assert_ok(idea_in(f, cons, theme, CS_CHANNEL_WEB, "2026-03-10", &idea,
                      &err));
    assert_ok(cs_consultation_set_state(f->db, cons, CS_STATE_CLOSED, &err));

    assert_ok(import_text(f, CS_IMPORT_IDEAS, "i.csv",
        "theme,body,channel,date\n"
        "T,Papier à temps,paper,2026-03-30\n"
        "T,Téléphone à temps,phone,2026-03-31\n"
        "T,En ligne,web,2026-03-30\n"
        "T,Papier trop tard,paper,2026-04-01\n"
        "T,Papier sans date,paper,\n", "CL", &rep, &err));
    assert_int_equal(rep.imported, 3);
    assert_int_equal(rep.rejected, 2);
    assert_int_equal(rep.late, 3);
    cs_import_report_clear(&rep);

    snprintf(text, sizeof text, "idea,participant_ref,channel,date\n"
             "%lld,V1,paper,2026-03-20\n%lld,V2,web,2026-03-20\n",
             (long long)idea, (long long)idea);
    assert_ok(import_text(f, CS_IMPORT_VOTES, "v.csv", text, NULL, &rep,
                          &err));
    assert_int_equal(rep.imported, 1);
    assert_int_equal(rep.rejected, 1);
    assert_int_equal(rep.late, 1);
    cs_import_report_clear(&rep);

    snprintf(text, sizeof text, "idea,body\n%lld,Relu.\n", (long long)idea);
    assert_ok(import_text(f, CS_IMPORT_COMMENTS, "c.csv", text, NULL, &rep,
                          &err));
    assert_int_equal(rep.imported, 1);
    assert_int_equal(rep.late, 0);
    cs_import_report_clear(&rep);

    /* Archived: refused whole, by option or by a row, nothing kept. */
    assert_ok(cs_consultation_set_state(f->db, cons, CS_STATE_ARCHIVED,
                                        &err));
    assert_int_equal(import_text(f, CS_IMPORT_IDEAS, "a.csv",
                                 "theme,body,channel,date\n"
                                 "T,Oubliée,paper,2026-03-30\n", "CL", &rep,
                                 &err), CS_ECONFLICT);
    assert_non_null(strstr(err.msg, "is archived"));
    cs_import_report_clear(&rep);
    assert_int_equal(import_text(f, CS_IMPORT_IDEAS, "b.csv",
                                 "consultation,theme,body,channel,date\n"
                                 "AG21,MOB,Ailleurs,paper,2026-03-30\n"
                                 "CL,T,Oubliée,paper,2026-03-30\n", NULL,
                                 &rep, &err), CS_ECONFLICT);
    assert_non_null(strstr(err.msg, "is archived"));
    assert_int_equal(rep.imported, 0);
    cs_import_report_clear(&rep);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE body IN ('Oubliée',"
                                      " 'Ailleurs')"), 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM import_batch"),
                     3);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_cons, \
                                              fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_closed_takes_late_paper_only),
        T(test_archived_refuses_every_write),
        T(test_imports),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
