/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * session_test.c: committee sessions on a real database: agendas by id
 * and by filter, decisions recorded with their reasons, the close that
 * sets every decided idea's status in one transaction (or none of them)
 * with the session named in the journal, postponed items carried to the
 * next session, closed sessions refusing edits, held answers kept out of
 * every export of answers until published, and roles.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum cs_status
status_of(struct fixture *f, int64_t id)
{
    struct cs_idea i;
    struct cs_error err;
    enum cs_status s;

    assert_ok(cs_idea_get(f->db, id, &i, &err));
    s = i.status;
    cs_idea_clear(&i);
    return s;
}

static int64_t
session_new(struct cs_db *db, int64_t cons, enum cs_body body,
            const char *day)
{
    struct cs_session_new in = { 0 };
    struct cs_error err;
    int64_t id = 0;

    in.consultation_id = cons;
    in.body = body;
    in.held_on = day;
    in.title = "Séance";
    assert_ok(cs_session_add(db, &in, &id, NULL, &err));
    return id;
}

/* Give idea `id` `n` votes from new participants. */
static void
votes(struct fixture *f, int64_t id, int n)
{
    static int serial;
    struct cs_error err;
    char ref[32];

    for (int i = 0; i < n; i++) {
        snprintf(ref, sizeof ref, "V%d", ++serial);
        assert_ok(cs_vote_add(f->db, id, &(struct cs_person){ .ref = ref },
                              CS_CHANNEL_PAPER, NULL, NULL, &err));
    }
}

static int64_t
idea_in_theme(struct fixture *f, int theme, const char *body)
{
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[theme],
        .kind = CS_KIND_IDEA, .body = body, .channel = CS_CHANNEL_PAPER,
    };
    struct cs_error err;
    int64_t id;

    assert_ok(cs_idea_add(f->db, &in, &id, &err));
    return id;
}

/* The whole of an export, as text (the caller frees it). */
static char *
export_text(struct fixture *f, enum cs_export_kind kind,
            enum cs_export_profile profile)
{
    struct cs_export_options o;
    struct cs_error err;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    assert_non_null(fp);
    cs_export_options_init(&o);
    o.kind = kind;
    o.profile = profile;
    o.consultation = "AG21";
    assert_ok(cs_export_write(f->db, &o, fp, NULL, NULL, &err));
    fclose(fp);
    return buf;
}

/* Whether `text` appears in an export of answers, decisions or ideas, in
 * any of its profiles. */
static bool
in_any_export(struct fixture *f, const char *text)
{
    static const enum cs_export_kind kinds[] = {
        CS_EXPORT_ANSWERS, CS_EXPORT_DECISIONS, CS_EXPORT_IDEAS,
    };
    bool found = false;

    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        for (int p = CS_PROFILE_OPEN_DATA; p < CS_PROFILE_COUNT; p++) {
            char *t;

            if (kinds[k] == CS_EXPORT_ANSWERS && p == CS_PROFILE_OPEN_DATA)
                continue;
            t = export_text(f, kinds[k], (enum cs_export_profile)p);
            found = found || strstr(t, text) != NULL;
            free(t);
        }
    return found;
}

/* The journal has one row more than `before`, the newest (`action`,
 * `tbl`), tied to no idea. */
static void
assert_last_audit(struct fixture *f, long long before, const char *action,
                  const char *tbl)
{
    char sql[300];

    assert_int_equal(fixture_audit_rows(f), before + 1);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM audit WHERE id = (SELECT max(id) FROM"
             " audit) AND action = '%s' AND tbl = '%s' AND idea_id IS NULL",
             action, tbl);
    assert_int_equal(fixture_count(f, sql), 1);
}

/* ---------------------------------------------------------------- tests */

static void
test_add_and_read(void **state)
{
    struct fixture *f = *state;
    struct cs_session_new in = { 0 };
    struct cs_session_list *l = NULL;
    struct cs_session_detail *d = NULL;
    struct cs_error err;
    enum cs_body b;
    int64_t s, t;
    long long before;

    before = fixture_audit_rows(f);
    in.consultation_id = f->cons_id;
    in.body = CS_BODY_CODIR;
    in.held_on = "10/12/2026 14:30";
    in.title = "  Bilan du trimestre ";
    assert_ok(cs_session_add(f->db, &in, &s, NULL, &err));
    assert_last_audit(f, before, "add", "committee_session");
    t = session_new(f->db, f->cons_id, CS_BODY_COLLEGE, "2026-12-01");

    assert_ok(cs_session_get(f->db, s, &d, &err));
    assert_string_equal(d->session.held_on, "2026-12-10");
    assert_string_equal(d->session.title, "Bilan du trimestre");
    assert_string_equal(d->session.consultation_code, "AG21");
    assert_int_equal(d->session.body, CS_BODY_CODIR);
    assert_false(d->session.closed);
    assert_null(d->session.published_at);
    assert_int_equal(d->item_count, 0);
    cs_session_detail_free(d);

    /* By date. */
    assert_ok(cs_session_list(f->db, f->cons_id, &l, &err));
    assert_int_equal(l->count, 2);
    assert_int_equal(l->items[0].id, t);
    assert_int_equal(l->items[1].id, s);
    cs_session_list_free(l);

    in.held_on = "le dix";
    assert_int_equal(cs_session_add(f->db, &in, NULL, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "date");
    in.held_on = "2026-12-10";
    in.body = CS_BODY_COUNT;
    assert_int_equal(cs_session_add(f->db, &in, NULL, NULL, &err), CS_EINVAL);
    in.body = CS_BODY_STEERING;
    in.consultation_id = 999;
    assert_int_equal(cs_session_add(f->db, &in, NULL, NULL, &err),
                     CS_ENOTFOUND);
    assert_int_equal(cs_session_get(f->db, 999, &d, &err), CS_ENOTFOUND);

    assert_ok(cs_body_parse("Collège", &b, &err));
    assert_int_equal(b, CS_BODY_COLLEGE);
    assert_ok(cs_body_parse("copil", &b, &err));
    assert_int_equal(b, CS_BODY_STEERING);
    assert_int_equal(cs_body_parse("board", &b, &err), CS_EINVAL);
}

static void
test_agenda(void **state)
{
    struct fixture *f = *state;
    struct cs_session_detail *d = NULL;
    struct cs_idea_filter flt;
    struct cs_error err;
    int64_t a, b, c, e, m, other, s, ids[2];
    size_t added = 0;

    a = idea_in_theme(f, 0, "Un abri vélo au dépôt.");
    b = idea_in_theme(f, 0, "Des vélos de service.");
    c = idea_in_theme(f, 0, "Des navettes le samedi.");
    e = idea_in_theme(f, 1, "Des fontaines à eau.");
    m = idea_in_theme(f, 0, "Un abri à vélos.");
    votes(f, a, 12);
    votes(f, b, 3);
    votes(f, c, 10);
    votes(f, e, 20);
    assert_ok(cs_idea_set_status(f->db, a, 0, CS_STATUS_REVIEWING, NULL,
                                 &err));
    assert_ok(cs_idea_set_status(f->db, b, 0, CS_STATUS_REVIEWING, NULL,
                                 &err));
    assert_ok(cs_idea_set_status(f->db, e, 0, CS_STATUS_REVIEWING, NULL,
                                 &err));
    assert_ok(cs_idea_merge(f->db, m, 0, a, &err));
    s = session_new(f->db, f->cons_id, CS_BODY_STEERING, "2026-12-10");

    /* "Every reviewing idea of theme MOB with at least 10 supports". */
    cs_idea_filter_init(&flt);
    flt.theme_id = f->theme_id[0];
    flt.status = CS_STATUS_REVIEWING;
    assert_ok(cs_session_agenda_filter(f->db, s, &flt, 10, &added, &err));
    assert_int_equal(added, 1);
    assert_ok(cs_session_get(f->db, s, &d, &err));
    assert_int_equal(d->item_count, 1);
    assert_int_equal(d->items[0].idea_id, a);
    assert_int_equal(d->items[0].support, 12);
    assert_int_equal(d->items[0].decision, -1);
    cs_session_detail_free(d);

    /* Without a status: every idea but merged, hidden, withdrawn ones,
     * most supported first; those there already stay where they are. */
    cs_idea_filter_init(&flt);
    assert_ok(cs_session_agenda_filter(f->db, s, &flt, 0, &added, &err));
    assert_int_equal(added, 3);
    assert_ok(cs_session_get(f->db, s, &d, &err));
    assert_int_equal(d->item_count, 4);
    assert_int_equal(d->items[0].idea_id, a);
    assert_int_equal(d->items[1].idea_id, e);
    assert_int_equal(d->items[2].idea_id, c);
    assert_int_equal(d->items[3].idea_id, b);
    assert_int_equal(d->items[3].position, 4);
    cs_session_detail_free(d);

    /* By id: all or none. */
    other = session_new(f->db, f->cons_id, CS_BODY_CODIR, "2026-12-11");
    ids[0] = b;
    ids[1] = m;
    assert_int_equal(cs_session_agenda_add(f->db, other, ids, 2, &added,
                                           &err), CS_EINVAL);
    assert_string_equal(err.field, "idea");
    ids[1] = 99999;
    assert_int_equal(cs_session_agenda_add(f->db, other, ids, 2, &added,
                                           &err), CS_ENOTFOUND);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM agenda_item"
                                      " WHERE session_id = 2"), 0);
    ids[1] = a;
    assert_ok(cs_session_agenda_add(f->db, other, ids, 2, &added, &err));
    assert_int_equal(added, 2);
    assert_ok(cs_session_agenda_add(f->db, other, ids, 2, &added, &err));
    assert_int_equal(added, 0);
    assert_int_equal(cs_session_agenda_add(f->db, 999, ids, 1, &added, &err),
                     CS_ENOTFOUND);
}

static void
test_idea_of_another_consultation(void **state)
{
    struct fixture *f = *state;
    struct cs_consultation_new cn = { .code = "AUTRE", .title = "Autre",
                                      .state = CS_STATE_OPEN };
    struct cs_error err;
    int64_t cons, theme, idea, s;
    size_t added = 9;

    assert_ok(cs_consultation_add(f->db, &cn, &cons, &err));
    assert_ok(cs_theme_add(f->db, cons, "GEN", "Général", 0, &theme, &err));
    {
        struct cs_idea_new in = {
            .consultation_id = cons, .theme_id = theme, .kind = CS_KIND_IDEA,
            .body = "Ailleurs.", .channel = CS_CHANNEL_PAPER,
        };

        assert_ok(cs_idea_add(f->db, &in, &idea, &err));
    }
    s = session_new(f->db, f->cons_id, CS_BODY_CODIR, "2026-12-10");
    assert_int_equal(cs_session_agenda_add(f->db, s, &idea, 1, &added, &err),
                     CS_EINVAL);
    assert_int_equal(added, 9);
}

static void
test_decide_then_close(void **state)
{
    struct fixture *f = *state;
    struct cs_session_detail *d = NULL;
    struct cs_error err;
    int64_t a, b, s, ids[2];
    long long before;
    char sql[300];

    a = fixture_idea(f->db, f, "Un abri vélo au dépôt.");
    b = fixture_idea(f->db, f, "Des fontaines à eau.");
    s = session_new(f->db, f->cons_id, CS_BODY_COLLEGE, "2026-12-10");
    ids[0] = a;
    ids[1] = b;
    assert_ok(cs_session_agenda_add(f->db, s, ids, 2, NULL, &err));
    assert_ok(cs_session_attendee_add(f->db, s, "Anne Dupont", "présidente",
                                      NULL, &err));

    /* The answer is required by the status's rule; the reason is not. */
    assert_int_equal(cs_session_decide(f->db, s, a, CS_DECISION_ACCEPTED,
                                       "  ", NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "answer");
    assert_int_equal(cs_session_decide(f->db, s, 999, CS_DECISION_ACCEPTED,
                                       "Oui.", NULL, &err), CS_ENOTFOUND);
    before = fixture_audit_rows(f);
    assert_ok(cs_session_decide(f->db, s, a, CS_DECISION_REJECTED,
                                "Pas cette année.", NULL, &err));
    fixture_assert_audit(f, before, "decide", "agenda_item", a);
    /* Decided again: the later decision stands. */
    assert_ok(cs_session_decide(f->db, s, a, CS_DECISION_ACCEPTED,
                                "Dix arceaux au printemps.",
                                "Budget voté au conseil.", &err));
    assert_ok(cs_session_decide(f->db, s, b, CS_DECISION_IMPLEMENTED,
                                "Installées en novembre.", NULL, &err));

    /* Recorded at once, the statuses unchanged until the close. */
    assert_ok(cs_session_get(f->db, s, &d, &err));
    assert_int_equal(d->items[0].decision, CS_DECISION_ACCEPTED);
    assert_string_equal(d->items[0].reason, "Budget voté au conseil.");
    assert_string_equal(d->items[0].answer, "Dix arceaux au printemps.");
    assert_string_equal(d->items[0].decided_by, "alice");
    assert_null(d->items[1].reason);
    assert_int_equal(d->attendee_count, 1);
    assert_string_equal(d->attendees[0].name, "Anne Dupont");
    assert_string_equal(d->attendees[0].role, "présidente");
    assert_int_equal(d->session.decided, 2);
    cs_session_detail_free(d);
    assert_int_equal(status_of(f, a), CS_STATUS_NEW);
    assert_int_equal(status_of(f, b), CS_STATUS_NEW);

    before = fixture_audit_rows(f);
    assert_ok(cs_session_close(f->db, s, NULL, &err));
    assert_int_equal(status_of(f, a), CS_STATUS_ACCEPTED);
    assert_int_equal(status_of(f, b), CS_STATUS_IMPLEMENTED);
    /* Two status rows naming the session, then the close. */
    assert_int_equal(fixture_audit_rows(f), before + 3);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM audit WHERE action = 'status'"
             " AND tbl = 'idea' AND json_extract(after, '$.session_id') = %lld"
             " AND json_extract(after, '$.status') IN ('accepted',"
             " 'implemented') AND id > %lld", (long long)s, before);
    assert_int_equal(fixture_count(f, sql), 2);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM audit WHERE action = 'close'"
             " AND tbl = 'committee_session' AND row_id = %lld"
             " AND json_extract(after, '$.state') = 'closed'", (long long)s);
    assert_int_equal(fixture_count(f, sql), 1);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM idea_answer WHERE session_id = %lld"
             " AND published_at IS NOT NULL", (long long)s);
    assert_int_equal(fixture_count(f, sql), 2);
    /* The reason stays with the session's record. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM agenda_item"
                                      " WHERE reason = 'Budget voté au"
                                      " conseil.'"), 1);
    /* Without held answers, the close published them. */
    assert_ok(cs_session_get(f->db, s, &d, &err));
    assert_true(d->session.closed);
    assert_string_equal(d->session.closed_by, "alice");
    assert_non_null(d->session.published_at);
    assert_int_equal(d->items[0].idea_status, CS_STATUS_ACCEPTED);
    cs_session_detail_free(d);
    assert_ok(cs_audit_verify(f->db, NULL, NULL, NULL, &err));
}

/* A close that fails on one idea changes none, and the session stays
 * open. */
static void
test_close_is_one_transaction(void **state)
{
    struct fixture *f = *state;
    struct cs_session_detail *d = NULL;
    struct cs_error err;
    int64_t a, b, s, ids[2];
    long long before;

    a = fixture_idea(f->db, f, "Un abri vélo au dépôt.");
    b = fixture_idea(f->db, f, "Des fontaines à eau.");
    s = session_new(f->db, f->cons_id, CS_BODY_COLLEGE, "2026-12-10");
    ids[0] = a;
    ids[1] = b;
    assert_ok(cs_session_agenda_add(f->db, s, ids, 2, NULL, &err));
    assert_ok(cs_session_decide(f->db, s, a, CS_DECISION_ACCEPTED,
                                "Au printemps.", NULL, &err));
    assert_ok(cs_session_decide(f->db, s, b, CS_DECISION_REJECTED,
                                "Non.", NULL, &err));
    /* Between the meeting and the close, idea b is moderated: hidden
     * cannot become rejected. */
    assert_ok(cs_idea_set_status(f->db, b, 0, CS_STATUS_HIDDEN,
                                 "Propos injurieux", &err));
    before = fixture_audit_rows(f);
    assert_int_equal(cs_session_close(f->db, s, NULL, &err), CS_ECONFLICT);
    {
        char want[64];

        snprintf(want, sizeof want, "Idea %lld: ", (long long)b);
        assert_non_null(strstr(err.msg, want));
    }
    assert_int_equal(status_of(f, a), CS_STATUS_NEW);
    assert_int_equal(status_of(f, b), CS_STATUS_HIDDEN);
    assert_int_equal(fixture_audit_rows(f), before);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea_answer"), 0);
    assert_ok(cs_session_get(f->db, s, &d, &err));
    assert_false(d->session.closed);
    cs_session_detail_free(d);

    /* The decision is refused at once too. */
    assert_int_equal(cs_session_decide(f->db, s, b, CS_DECISION_REJECTED,
                                       "Non.", NULL, &err), CS_ECONFLICT);
}

static void
test_closed_session_refuses_edits(void **state)
{
    struct fixture *f = *state;
    struct cs_idea_filter flt;
    struct cs_error err;
    int64_t a, b, s;
    long long before;

    a = fixture_idea(f->db, f, "Un abri vélo au dépôt.");
    b = fixture_idea(f->db, f, "Des fontaines à eau.");
    s = session_new(f->db, f->cons_id, CS_BODY_CODIR, "2026-12-10");
    assert_ok(cs_session_agenda_add(f->db, s, &a, 1, NULL, &err));
    assert_ok(cs_session_close(f->db, s, NULL, &err));
    before = fixture_audit_rows(f);
    cs_idea_filter_init(&flt);
    assert_int_equal(cs_session_agenda_add(f->db, s, &b, 1, NULL, &err),
                     CS_ECONFLICT);
    assert_int_equal(cs_session_agenda_filter(f->db, s, &flt, 0, NULL, &err),
                     CS_ECONFLICT);
    assert_int_equal(cs_session_attendee_add(f->db, s, "Luc", NULL, NULL,
                                             &err), CS_ECONFLICT);
    assert_int_equal(cs_session_decide(f->db, s, a, CS_DECISION_ACCEPTED,
                                       "Oui.", NULL, &err), CS_ECONFLICT);
    assert_int_equal(cs_session_close(f->db, s, NULL, &err), CS_ECONFLICT);
    assert_int_equal(fixture_audit_rows(f), before);
    assert_int_equal(status_of(f, a), CS_STATUS_NEW);
}

static int64_t
items_of(struct fixture *f, int64_t s)
{
    char sql[128];

    snprintf(sql, sizeof sql, "SELECT count(*) FROM agenda_item"
                              " WHERE session_id = %lld", (long long)s);
    return fixture_count(f, sql);
}

/* Postponed and undecided items go to the next session of the same body:
 * when it is added after the close, or at the close when it exists. */
static void
test_postponed_carried_over(void **state)
{
    struct fixture *f = *state;
    struct cs_session_detail *d = NULL;
    struct cs_error err;
    int64_t a, b, c, s1, s2, s3, other, ids[3];
    size_t carried = 9;

    a = fixture_idea(f->db, f, "Un abri vélo au dépôt.");
    b = fixture_idea(f->db, f, "Des fontaines à eau.");
    c = fixture_idea(f->db, f, "Des navettes.");
    s1 = session_new(f->db, f->cons_id, CS_BODY_STEERING, "2026-12-01");
    ids[0] = a;
    ids[1] = b;
    ids[2] = c;
    assert_ok(cs_session_agenda_add(f->db, s1, ids, 3, NULL, &err));
    assert_ok(cs_session_decide(f->db, s1, a, CS_DECISION_POSTPONED, NULL,
                                "Chiffrage attendu.", &err));
    assert_ok(cs_session_decide(f->db, s1, c, CS_DECISION_REJECTED,
                                "Non.", NULL, &err));
    assert_ok(cs_session_close(f->db, s1, &carried, &err));
    assert_int_equal(carried, 0);           /* no next session yet */
    /* Under review from now on. */
    assert_int_equal(status_of(f, a), CS_STATUS_REVIEWING);
    assert_int_equal(status_of(f, b), CS_STATUS_NEW);

    /* Another body's session takes nothing. */
    other = session_new(f->db, f->cons_id, CS_BODY_COLLEGE, "2026-12-05");
    assert_int_equal(items_of(f, other), 0);
    {
        struct cs_session_new in = { f->cons_id, CS_BODY_STEERING,
                                     "2026-12-15", NULL };

        assert_ok(cs_session_add(f->db, &in, &s2, &carried, &err));
        assert_int_equal(carried, 2);
    }
    assert_ok(cs_session_get(f->db, s2, &d, &err));
    assert_int_equal(d->item_count, 2);
    assert_int_equal(d->items[0].idea_id, a);
    assert_int_equal(d->items[1].idea_id, b);
    cs_session_detail_free(d);
    assert_ok(cs_session_get(f->db, s1, &d, &err));
    assert_int_equal(d->items[0].carried_to, s2);
    assert_int_equal(d->items[1].carried_to, s2);
    assert_int_equal(d->items[2].carried_to, 0);    /* rejected */
    cs_session_detail_free(d);

    /* Once carried, not again. */
    s3 = session_new(f->db, f->cons_id, CS_BODY_STEERING, "2026-12-29");
    assert_int_equal(items_of(f, s3), 0);
    /* At the close, to the next open session that exists. */
    assert_ok(cs_session_decide(f->db, s2, a, CS_DECISION_POSTPONED, NULL,
                                NULL, &err));
    assert_ok(cs_session_decide(f->db, s2, b, CS_DECISION_ACCEPTED, "Oui.",
                                NULL, &err));
    assert_ok(cs_session_close(f->db, s2, &carried, &err));
    assert_int_equal(carried, 1);
    assert_ok(cs_session_get(f->db, s3, &d, &err));
    assert_int_equal(d->item_count, 1);
    assert_int_equal(d->items[0].idea_id, a);
    cs_session_detail_free(d);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"
                                      " WHERE action = 'carry'"), 3);
}

/* Held answers: out of every export of answers, decisions and ideas until
 * published, whether given in a session or not. */
static void
test_held_answers(void **state)
{
    struct fixture *f = *state;
    struct cs_idea_answer_list *al = NULL;
    struct cs_consultation c;
    struct cs_error err;
    int64_t a, b, m, s, n = 0;
    long long before;

    a = fixture_idea(f->db, f, "Un abri vélo au dépôt.");
    b = fixture_idea(f->db, f, "Des fontaines à eau.");
    m = fixture_idea(f->db, f, "Un abri pour les vélos.");
    assert_ok(cs_idea_merge(f->db, m, 0, a, &err));
    before = fixture_audit_rows(f);
    assert_ok(cs_consultation_set_hold_answers(f->db, f->cons_id, true,
                                               &err));
    assert_last_audit(f, before, "update", "consultation");
    assert_ok(cs_consultation_get(f->db, f->cons_id, &c, &err));
    assert_true(c.hold_answers);
    cs_consultation_clear(&c);

    s = session_new(f->db, f->cons_id, CS_BODY_COLLEGE, "2026-12-10");
    assert_ok(cs_session_agenda_add(f->db, s, &a, 1, NULL, &err));
    assert_ok(cs_session_decide(f->db, s, a, CS_DECISION_ACCEPTED,
                                "Réponse de séance", NULL, &err));
    assert_ok(cs_session_close(f->db, s, NULL, &err));
    /* Outside a session too. */
    assert_ok(cs_idea_set_status(f->db, b, 0, CS_STATUS_REJECTED,
                                 "Réponse hors séance", &err));

    assert_int_equal(status_of(f, a), CS_STATUS_ACCEPTED);
    assert_ok(cs_idea_answers(f->db, a, &al, &err));
    assert_int_equal(al->count, 1);
    assert_null(al->items[0].published_at);
    assert_int_equal(al->items[0].session_id, s);
    cs_idea_answer_list_free(al);
    assert_false(in_any_export(f, "Réponse de séance"));
    assert_false(in_any_export(f, "Réponse hors séance"));
    /* The decided status is not shown either, nor the merged idea's
     * root answer. */
    {
        char *t = export_text(f, CS_EXPORT_IDEAS, CS_PROFILE_OPEN_DATA);

        assert_null(strstr(t, "accepted"));
        assert_null(strstr(t, "rejected"));
        free(t);
        /* The header alone: no answer to send, not even the merged
         * idea's. */
        t = export_text(f, CS_EXPORT_ANSWERS, CS_PROFILE_CODIR);
        assert_non_null(strchr(t, '\n'));
        assert_string_equal(strchr(t, '\n'), "\n");
        free(t);
    }

    /* The session's answers only. */
    before = fixture_audit_rows(f);
    assert_ok(cs_session_publish(f->db, s, &n, &err));
    assert_int_equal(n, 1);
    assert_last_audit(f, before, "publish", "committee_session");
    assert_true(in_any_export(f, "Réponse de séance"));
    assert_false(in_any_export(f, "Réponse hors séance"));
    {
        char *t = export_text(f, CS_EXPORT_ANSWERS, CS_PROFILE_CODIR);
        char want[32];

        /* The merged idea's author gets its root's answer now. */
        snprintf(want, sizeof want, "\n%lld,", (long long)m);
        assert_non_null(strstr(t, want));
        free(t);
    }

    /* Every answer of the consultation. */
    before = fixture_audit_rows(f);
    assert_ok(cs_consultation_publish(f->db, f->cons_id, &n, &err));
    assert_int_equal(n, 1);
    assert_last_audit(f, before, "publish", "consultation");
    assert_true(in_any_export(f, "Réponse hors séance"));
    assert_ok(cs_consultation_publish(f->db, f->cons_id, &n, &err));
    assert_int_equal(n, 0);

    /* Without the setting, answers are published as they are given. */
    assert_ok(cs_consultation_set_hold_answers(f->db, f->cons_id, false,
                                               &err));
    assert_ok(cs_idea_set_status(f->db, b, 0, CS_STATUS_ACCEPTED,
                                 "Finalement oui", &err));
    assert_true(in_any_export(f, "Finalement oui"));
}

/* A session still open has nothing to publish yet. */
static void
test_publish_needs_close(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    int64_t s = session_new(f->db, f->cons_id, CS_BODY_CODIR, "2026-12-10");

    assert_int_equal(cs_session_publish(f->db, s, NULL, &err), CS_ECONFLICT);
    assert_int_equal(cs_session_publish(f->db, 999, NULL, &err),
                     CS_ENOTFOUND);
    assert_int_equal(cs_consultation_publish(f->db, 999, NULL, &err),
                     CS_ENOTFOUND);
}

static void
test_roles(void **state)
{
    struct fixture *f = *state;
    struct cs_session_list *l = NULL;
    struct cs_session_detail *d = NULL;
    struct cs_idea_filter flt;
    struct cs_session_new in = { 0 };
    struct cs_error err;
    struct cs_db *who[2];
    int64_t a, s;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(f->db, "carol", CS_ROLE_VIEWER, &err));
    a = fixture_idea(f->db, f, "Un abri vélo au dépôt.");
    s = session_new(f->db, f->cons_id, CS_BODY_CODIR, "2026-12-10");
    assert_ok(cs_session_agenda_add(f->db, s, &a, 1, NULL, &err));
    who[0] = fixture_open_as(f, "bob");
    who[1] = fixture_open_as(f, "carol");
    cs_idea_filter_init(&flt);
    in.consultation_id = f->cons_id;
    in.body = CS_BODY_CODIR;
    in.held_on = "2026-12-11";
    for (int k = 0; k < 2; k++) {
        struct cs_db *db = who[k];

        /* They read. */
        assert_ok(cs_session_list(db, 0, &l, &err));
        assert_int_equal(l->count, 1);
        cs_session_list_free(l);
        assert_ok(cs_session_get(db, s, &d, &err));
        cs_session_detail_free(d);
        /* Admins prepare, decide, close and publish. */
        assert_int_equal(cs_session_add(db, &in, NULL, NULL, &err), CS_EPERM);
        assert_int_equal(cs_session_agenda_add(db, s, &a, 1, NULL, &err),
                         CS_EPERM);
        assert_int_equal(cs_session_agenda_filter(db, s, &flt, 0, NULL, &err),
                         CS_EPERM);
        assert_int_equal(cs_session_attendee_add(db, s, "Luc", NULL, NULL,
                                                 &err), CS_EPERM);
        assert_int_equal(cs_session_decide(db, s, a, CS_DECISION_ACCEPTED,
                                           "Oui.", NULL, &err), CS_EPERM);
        assert_int_equal(cs_session_close(db, s, NULL, &err), CS_EPERM);
        assert_int_equal(cs_session_publish(db, s, NULL, &err), CS_EPERM);
        assert_int_equal(cs_consultation_publish(db, f->cons_id, NULL, &err),
                         CS_EPERM);
        assert_int_equal(cs_consultation_set_hold_answers(db, f->cons_id,
                                                          true, &err),
                         CS_EPERM);
        cs_db_close(db);
    }
    assert_false(cs_role_can(CS_ROLE_AGENT, CS_OP_SESSIONS));
    assert_false(cs_role_can(CS_ROLE_AGENT, CS_OP_PUBLISH));
    assert_true(cs_role_can(CS_ROLE_ADMIN, CS_OP_PUBLISH));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM agenda_item"
                                      " WHERE decision IS NOT NULL"), 0);
}

static void
test_names(void **state)
{
    struct cs_error err;
    enum cs_decision d;

    (void)state;
    assert_ok(cs_decision_parse("reporté", &d, &err));
    assert_int_equal(d, CS_DECISION_POSTPONED);
    assert_ok(cs_decision_parse("acceptée", &d, &err));
    assert_int_equal(d, CS_DECISION_ACCEPTED);
    assert_ok(cs_decision_parse("implemented", &d, &err));
    assert_int_equal(d, CS_DECISION_IMPLEMENTED);
    assert_int_equal(cs_decision_parse("hidden", &d, &err), CS_EINVAL);
    assert_string_equal(err.field, "decision");
    assert_int_equal(cs_decision_status(CS_DECISION_POSTPONED),
                     CS_STATUS_REVIEWING);
    assert_string_equal(cs_body_name(CS_BODY_CODIR), "codir");
    assert_string_equal(cs_decision_name(CS_DECISION_REJECTED), "rejected");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_add_and_read,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_agenda,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_idea_of_another_consultation,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_decide_then_close,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_close_is_one_transaction,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_closed_session_refuses_edits,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_postponed_carried_over,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_held_answers,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_publish_needs_close,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_roles,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test(test_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
