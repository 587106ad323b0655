/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * stats_test.c: the figures of a consultation (stats.c), each checked
 * against a small fixture counted by hand (see the table in build_fixture),
 * next to a second consultation whose figures must not leak in.
 */
#include "testlib.h"

#include <stdio.h>

#include <string.h>

#include "consult/export.h"
#include "consult/import.h"

/* The people of the fixture. */
static const struct cs_person P1 = { .ref = "M-0001", .name = "Élodie Dupont",
                                     .email = "elodie.dupont@ville.example" };
static const struct cs_person P2 = { .ref = "M-0002", .name = "Marc Dubois" };
static const struct cs_person P3 = { .name = "Nadia Haddad",
                                     .service = "Crèche",
                                     .email = "nadia.haddad@ville.example" };
static const struct cs_person P4 = { .ref = "M-0004", .name = "Karim Benali" };
static const struct cs_person P5 = { .ref = "M-0005", .name = "Sophie Leroy",
                                     .email = "sophie.leroy@ville.example" };
static const struct cs_person P6 = { .ref = "M-0006", .name = "Luc Martin" };
static const struct cs_person P7 = { .ref = "M-0007", .name = "Zoé Lambert",
                                     .email = "zoe.lambert@ville.example" };
static const struct cs_person P8 = { .ref = "M-0008", .name = "Paul Renard" };

static int64_t
idea(struct fixture *f, int64_t cons, int64_t theme, enum cs_idea_kind kind,
     enum cs_channel channel, const struct cs_person *author,
     const char *body)
{
    struct cs_idea_new in = {
        .consultation_id = cons, .theme_id = theme, .kind = kind,
        .channel = channel, .body = body, .author = author,
    };
    struct cs_error err;
    int64_t id = 0;

    assert_ok(cs_idea_add(f->db, &in, &id, &err));
    return id;
}

static void
vote(struct fixture *f, int64_t idea_id, const struct cs_person *p)
{
    struct cs_error err;

    assert_ok(cs_vote_add(f->db, idea_id, p, CS_CHANNEL_PAPER, NULL, NULL,
                          &err));
}

/*
 * Consultation AG21, themes MOB (1), ENV (2), BEA (3, empty):
 *
 *   idea theme kind    channel  author status      votes      tallies
 *   I1   MOB   idea    paper    P1     reviewing   P2 P3 P4   10 + 4
 *   I2   MOB   finding workshop P2     rejected    P1         6 -> 5
 *   I3   ENV   idea    web      -      new         P1 P2
 *   I4   ENV   idea    email    P1     withdrawn
 *   I5   MOB   idea    paper    P3     merged (I1) P4         3
 *   I6   ENV   finding paper    -      hidden      P3
 *   I7   MOB   idea    web      P4     accepted
 *
 * Comments: I1 by P5, I3 anonymous, I4 by P6 (hidden), I7 by P1.
 * P7 takes part only in CIT22; P8 is known but took part in nothing.
 */
static void
build_fixture(struct fixture *f, int64_t *bea)
{
    struct cs_error err;
    struct cs_consultation_new other = {
        .code = "CIT22", .title = "Budget participatif",
        .kind = CS_CONS_IDEAS, .audience = CS_AUDIENCE_CITIZENS,
        .state = CS_STATE_OPEN,
    };
    int64_t mob = f->theme_id[0], env = f->theme_id[1], c = f->cons_id;
    int64_t i1, i2, i3, i4, i5, i6, i7, t2, cit, qua, x, pid, cm;

    assert_ok(cs_theme_add(f->db, c, "BEA", "Bien-être des agents", 0, bea,
                           &err));
    i1 = idea(f, c, mob, CS_KIND_IDEA, CS_CHANNEL_PAPER, &P1,
              "Un abri vélo sécurisé au dépôt.");
    i2 = idea(f, c, mob, CS_KIND_FINDING, CS_CHANNEL_WORKSHOP, &P2,
              "Le parking est saturé dès 8 h.");
    i3 = idea(f, c, env, CS_KIND_IDEA, CS_CHANNEL_WEB, NULL,
              "Supprimer les gobelets jetables.");
    i4 = idea(f, c, env, CS_KIND_IDEA, CS_CHANNEL_EMAIL, &P1,
              "Des poubelles de tri à chaque étage.");
    i5 = idea(f, c, mob, CS_KIND_IDEA, CS_CHANNEL_PAPER, &P3,
              "Un local fermé pour les vélos du personnel.");
    i6 = idea(f, c, env, CS_KIND_FINDING, CS_CHANNEL_PAPER, NULL,
              "Le chauffage reste allumé le week-end.");
    i7 = idea(f, c, mob, CS_KIND_IDEA, CS_CHANNEL_WEB, &P4,
              "Rembourser l’abonnement de bus à 100 %.");

    vote(f, i1, &P2);
    vote(f, i1, &P3);
    vote(f, i1, &P4);
    vote(f, i2, &P1);
    vote(f, i3, &P1);
    vote(f, i3, &P2);
    vote(f, i5, &P4);
    vote(f, i6, &P3);
    assert_ok(cs_tally_add(f->db, i1, 10, "Atelier Marchienne", NULL, NULL,
                           &err));
    assert_ok(cs_tally_add(f->db, i1, 4, "Urne du hall", NULL, NULL, &err));
    assert_ok(cs_tally_add(f->db, i2, 6, "Atelier Marchienne", NULL, &t2,
                           &err));
    assert_ok(cs_tally_update(f->db, t2, 5, &err));     /* a recount */
    assert_ok(cs_tally_add(f->db, i5, 3, "Atelier Gosselies", NULL, NULL,
                           &err));

    assert_ok(cs_comment_add(f->db, i1, &P5, "Avec des prises de recharge.",
                             NULL, &err));
    assert_ok(cs_comment_add(f->db, i3, NULL, "Oui, des gourdes à la place.",
                             NULL, &err));
    assert_ok(cs_comment_add(f->db, i4, &P6, "Propos déplacés.", &cm, &err));
    assert_ok(cs_comment_hide(f->db, cm, "Propos injurieux.", &err));
    assert_ok(cs_comment_add(f->db, i7, &P1, "Et pour le train aussi ?", NULL,
                             &err));

    assert_ok(cs_idea_set_status(f->db, i1, 0, CS_STATUS_REVIEWING, NULL, &err));
    assert_ok(cs_idea_set_status(f->db, i2, 0, CS_STATUS_REJECTED,
              "Le parking sera agrandi en 2022.", &err));
    assert_ok(cs_idea_set_status(f->db, i4, 0, CS_STATUS_WITHDRAWN, NULL, &err));
    assert_ok(cs_idea_merge(f->db, i5, 0, i1, &err));
    assert_ok(cs_idea_set_status(f->db, i6, 0, CS_STATUS_HIDDEN,
              "Signalement transmis au service technique.", &err));
    assert_ok(cs_idea_set_status(f->db, i7, 0, CS_STATUS_ACCEPTED,
              "Accordé à partir de septembre.", &err));

    /* Another consultation, with people of its own and of AG21. */
    assert_ok(cs_consultation_add(f->db, &other, &cit, &err));
    assert_ok(cs_theme_add(f->db, cit, "QUA", "Quartiers", 0, &qua, &err));
    x = idea(f, cit, qua, CS_KIND_IDEA, CS_CHANNEL_PHONE, &P7,
             "Un banc sur la place.");
    vote(f, x, &P1);
    vote(f, x, &P8);
    assert_ok(cs_tally_add(f->db, x, 50, "Urne de la maison communale", NULL,
                           NULL, &err));
    assert_ok(cs_comment_add(f->db, x, &P6, "Et un arbre.", NULL, &err));
    {
        struct cs_person p8 = P8;
        assert_ok(cs_participant_resolve(f->db, &p8, &pid, NULL, &err));
    }
}

static void
test_figures(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_stats *s = NULL;
    int64_t bea;

    build_fixture(f, &bea);
    assert_ok(cs_stats_get(f->db, f->cons_id, &s, &err));
    assert_int_equal(s->consultation_id, f->cons_id);
    assert_int_equal(s->ideas, 5);
    assert_int_equal(s->findings, 2);

    assert_int_equal(s->by_status[CS_STATUS_NEW], 1);
    assert_int_equal(s->by_status[CS_STATUS_REVIEWING], 1);
    assert_int_equal(s->by_status[CS_STATUS_ACCEPTED], 1);
    assert_int_equal(s->by_status[CS_STATUS_REJECTED], 1);
    assert_int_equal(s->by_status[CS_STATUS_IMPLEMENTED], 0);
    assert_int_equal(s->by_status[CS_STATUS_MERGED], 1);
    assert_int_equal(s->by_status[CS_STATUS_WITHDRAWN], 1);
    assert_int_equal(s->by_status[CS_STATUS_HIDDEN], 1);

    assert_int_equal(s->by_channel[CS_CHANNEL_PAPER], 3);
    assert_int_equal(s->by_channel[CS_CHANNEL_WORKSHOP], 1);
    assert_int_equal(s->by_channel[CS_CHANNEL_WEB], 2);
    assert_int_equal(s->by_channel[CS_CHANNEL_EMAIL], 1);
    assert_int_equal(s->by_channel[CS_CHANNEL_PHONE], 0);
    assert_int_equal(s->by_channel[CS_CHANNEL_OTHER], 0);

    assert_int_equal(s->votes, 8);
    assert_int_equal(s->tally_votes, 22);
    assert_int_equal(s->comments, 3);
    /* P1..P6; not P7 (CIT22 only) nor P8 (nothing). */
    assert_int_equal(s->participants, 6);
    /* P2, P4, P6. */
    assert_int_equal(s->participants_without_email, 3);

    assert_int_equal(s->theme_count, 3);
    assert_string_equal(s->themes[0].code, "MOB");
    assert_string_equal(s->themes[0].title, "Mobilité");
    assert_int_equal(s->themes[0].theme_id, f->theme_id[0]);
    assert_int_equal(s->themes[0].ideas, 3);
    assert_int_equal(s->themes[0].findings, 1);
    assert_int_equal(s->themes[0].votes, 5);
    assert_int_equal(s->themes[0].tally_votes, 22);
    assert_string_equal(s->themes[1].code, "ENV");
    assert_int_equal(s->themes[1].ideas, 2);
    assert_int_equal(s->themes[1].findings, 1);
    assert_int_equal(s->themes[1].votes, 3);
    assert_int_equal(s->themes[1].tally_votes, 0);
    assert_string_equal(s->themes[2].code, "BEA");
    assert_string_equal(s->themes[2].title, "Bien-être des agents");
    assert_int_equal(s->themes[2].theme_id, bea);
    assert_int_equal(s->themes[2].ideas, 0);
    assert_int_equal(s->themes[2].findings, 0);
    assert_int_equal(s->themes[2].votes, 0);
    assert_int_equal(s->themes[2].tally_votes, 0);
    cs_stats_free(s);
}

/* The maintained counts agree with the rows they summarise. */
static void
test_agrees_with_rows(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_stats *s = NULL;
    int64_t bea;

    build_fixture(f, &bea);
    assert_ok(cs_stats_get(f->db, f->cons_id, &s, &err));
    assert_int_equal(s->votes, fixture_count(f, "SELECT count(*) FROM vote v"
                     " JOIN idea i ON i.id = v.idea_id JOIN consultation c"
                     " ON c.id = i.consultation_id WHERE c.code = 'AG21'"));
    assert_int_equal(s->tally_votes, fixture_count(f, "SELECT sum(t.count)"
                     " FROM tally t JOIN idea i ON i.id = t.idea_id"
                     " JOIN consultation c ON c.id = i.consultation_id"
                     " WHERE c.code = 'AG21'"));
    cs_stats_free(s);
}

static void
test_other_consultation(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_stats *s = NULL;
    struct cs_consultation c;
    int64_t bea;

    build_fixture(f, &bea);
    assert_ok(cs_consultation_find(f->db, "CIT22", &c, &err));
    assert_ok(cs_stats_get(f->db, c.id, &s, &err));
    cs_consultation_clear(&c);
    assert_int_equal(s->ideas, 1);
    assert_int_equal(s->findings, 0);
    assert_int_equal(s->by_status[CS_STATUS_NEW], 1);
    assert_int_equal(s->by_channel[CS_CHANNEL_PHONE], 1);
    assert_int_equal(s->votes, 2);
    assert_int_equal(s->tally_votes, 50);
    assert_int_equal(s->comments, 1);
    /* P7 (author), P1 and P8 (voters), P6 (commenter). */
    assert_int_equal(s->participants, 4);
    assert_int_equal(s->participants_without_email, 2);     /* P6, P8 */
    assert_int_equal(s->theme_count, 1);
    assert_int_equal(s->themes[0].ideas, 1);
    assert_int_equal(s->themes[0].tally_votes, 50);
    cs_stats_free(s);
}

static void
test_empty(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_stats *s = NULL;

    assert_ok(cs_stats_get(f->db, f->cons_id, &s, &err));
    assert_int_equal(s->ideas + s->findings + s->votes + s->tally_votes
                     + s->comments + s->participants
                     + s->participants_without_email, 0);
    for (int i = 0; i < CS_STATUS_COUNT; i++)
        assert_int_equal(s->by_status[i], 0);
    for (int i = 0; i < CS_CHANNEL_COUNT; i++)
        assert_int_equal(s->by_channel[i], 0);
    assert_int_equal(s->theme_count, 2);
    assert_int_equal(s->themes[1].ideas, 0);
    cs_stats_free(s);
    cs_stats_free(NULL);
}

static void
test_errors_and_roles(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_stats *s = (struct cs_stats *)&err;  /* must stay as it is */
    struct cs_db *carol, *nobody;

    assert_int_equal(cs_stats_get(f->db, 9999, &s, &err), CS_ENOTFOUND);
    assert_ptr_equal(s, (struct cs_stats *)&err);
    assert_ok(cs_user_add(f->db, "carol", CS_ROLE_VIEWER, &err));
    carol = fixture_open_as(f, "carol");
    nobody = fixture_open_as(f, "mallory");
    s = NULL;
    assert_ok(cs_stats_get(carol, f->cons_id, &s, &err));
    assert_int_equal(s->theme_count, 2);
    cs_stats_free(s);
    s = NULL;
    assert_int_equal(cs_stats_get(nobody, f->cons_id, &s, &err), CS_EPERM);
    assert_null(s);
    cs_db_close(carol);
    cs_db_close(nobody);
}

/* The figures the triggers keep follow every kind of change to the
 * ideas: adds, statuses, merges, votes and tallies (the fixture), a
 * change of theme, kind and channel, a vote taken back, imports of ideas
 * and votes and their undo. */
static void
test_kept_figures_follow(void **state)
{
    struct fixture *f = *state;
    struct cs_import_undo_report u;
    struct cs_error err;
    enum cs_idea_kind finding = CS_KIND_FINDING;
    enum cs_channel phone = CS_CHANNEL_PHONE;
    struct cs_idea_change ch = {
        .theme_id = 0, .kind = &finding, .channel = &phone,
    };
    struct cs_stats *s = NULL;
    int64_t bea, i, v, ideas_batch, votes_batch;

    build_fixture(f, &bea);
    assert_int_equal(fixture_count_drift(f), 0);
    assert_true(fixture_count(f, "SELECT count(*) FROM idea_count") > 5);

    i = idea(f, f->cons_id, f->theme_id[0], CS_KIND_IDEA, CS_CHANNEL_WEB,
             &P2, "Des casiers pour les affaires de sport.");
    assert_ok(cs_vote_add(f->db, i, &P3, CS_CHANNEL_PAPER, NULL, &v, &err));
    ch.theme_id = bea;
    assert_ok(cs_idea_update(f->db, i, 0, &ch, &err));
    assert_int_equal(fixture_count_drift(f), 0);
    assert_ok(cs_vote_delete(f->db, v, &err));
    assert_int_equal(fixture_count_drift(f), 0);

    ideas_batch = fixture_import(f, CS_IMPORT_IDEAS, "ideas.csv",
        "consultation,theme,kind,body,channel,form_ref\n"
        "AG21,MOB,idea,Un parking vélo couvert.,paper,F1\n"
        "AG21,ENV,finding,Trop de papier imprimé.,workshop,F2\n"
        "AG21,BEA,idea,Une salle de repos.,web,F3\n");
    votes_batch = fixture_import(f, CS_IMPORT_VOTES, "votes.csv",
        "consultation,idea_form_ref,participant_ref\n"
        "AG21,F1,M1\nAG21,F1,M2\nAG21,F3,M1\n");
    assert_int_equal(fixture_count_drift(f), 0);
    assert_ok(cs_stats_get(f->db, f->cons_id, &s, &err));
    /* BEA: the idea moved there as a finding, and F3. */
    assert_int_equal(s->themes[2].ideas, 1);
    assert_int_equal(s->themes[2].findings, 1);
    assert_int_equal(s->themes[2].votes, 1);
    cs_stats_free(s);

    assert_ok(cs_import_undo(f->db, votes_batch, &u, &err));
    assert_int_equal(fixture_count_drift(f), 0);
    assert_ok(cs_import_undo(f->db, ideas_batch, &u, &err));
    assert_int_equal(fixture_count_drift(f), 0);
    assert_ok(cs_stats_get(f->db, f->cons_id, &s, &err));
    assert_int_equal(s->themes[2].ideas, 0);
    assert_int_equal(s->themes[2].findings, 1);
    assert_int_equal(s->themes[2].votes, 0);
    cs_stats_free(s);
}

/* The participants' and comments' figures (kept by triggers, see
 * schema.c's version 4) follow every change that makes someone take part
 * or stop: a first vote and its withdrawal, a person's email given later
 * or erased by anonymisation (in each consultation they took part in), a
 * comment hidden, a merge, imports of ideas and votes bringing new people
 * and their undo. After each step they equal a count from the rows. */
static void
test_people_figures_follow(void **state)
{
    struct fixture *f = *state;
    struct cs_import_undo_report u;
    struct cs_error err;
    struct cs_consultation c;
    struct cs_stats *s = NULL, *o = NULL;
    struct cs_person p8_mail = P8;
    int64_t bea, i, v, p1, p8, cm, cit, ideas_batch, votes_batch;

    build_fixture(f, &bea);
    assert_ok(cs_consultation_find(f->db, "CIT22", &c, &err));
    cit = c.id;
    cs_consultation_clear(&c);
    assert_int_equal(fixture_people_drift(f), 0);

    /* P8 votes in AG21 for the first time, then takes it back. */
    assert_ok(cs_vote_add(f->db, fixture_idea(f->db, f, "Un vestiaire."),
                          &P8, CS_CHANNEL_PAPER, NULL, &v, &err));
    assert_ok(cs_stats_get(f->db, f->cons_id, &s, &err));
    assert_int_equal(s->participants, 7);
    assert_int_equal(s->participants_without_email, 4);
    cs_stats_free(s);
    assert_ok(cs_vote_delete(f->db, v, &err));
    assert_int_equal(fixture_people_drift(f), 0);
    assert_ok(cs_stats_get(f->db, f->cons_id, &s, &err));
    assert_int_equal(s->participants, 6);
    assert_int_equal(s->participants_without_email, 3);
    cs_stats_free(s);

    /* P8 gives an email with a later vote (CIT22 only), and P1 (with an
     * email, in both consultations) is anonymised. */
    p8_mail.email = "paul.renard@ville.example";
    i = fixture_idea(f->db, f, "Un second vestiaire.");
    assert_ok(cs_vote_add(f->db, i, &p8_mail, CS_CHANNEL_PAPER, NULL, NULL,
                          &err));
    assert_ok(cs_participant_find(f->db, &P8, &p8, &err));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                     " WHERE email = 'paul.renard@ville.example'"), 1);
    assert_ok(cs_participant_find(f->db, &P1, &p1, &err));
    assert_ok(cs_participant_anonymise(f->db, p1, &err));
    assert_int_equal(fixture_people_drift(f), 0);
    assert_ok(cs_stats_get(f->db, f->cons_id, &s, &err));
    assert_ok(cs_stats_get(f->db, cit, &o, &err));
    assert_int_equal(s->participants, 7);               /* P8 is back */
    assert_int_equal(s->participants_without_email, 4); /* P2 P4 P6 P1 */
    assert_int_equal(o->participants, 4);
    assert_int_equal(o->participants_without_email, 2); /* P6, P1 */
    cs_stats_free(s);
    cs_stats_free(o);
    (void)p8;

    /* A comment hidden, another added by someone new, a merge. */
    assert_ok(cs_comment_add(f->db, i, &P7, "Près des douches.", &cm, &err));
    assert_ok(cs_comment_hide(f->db, cm, "Doublon.", &err));
    assert_ok(cs_idea_merge(f->db, i, 0, fixture_idea(f->db, f, "Vestiaires."),
                            &err));
    assert_int_equal(fixture_people_drift(f), 0);
    assert_ok(cs_stats_get(f->db, f->cons_id, &s, &err));
    assert_int_equal(s->comments, 3);
    assert_int_equal(s->participants, 8);               /* P7 too */
    cs_stats_free(s);

    /* Imports bring new people; undoing them takes them away. */
    ideas_batch = fixture_import(f, CS_IMPORT_IDEAS, "ideas.csv",
        "consultation,theme,body,author_ref,form_ref\n"
        "AG21,MOB,Un parking vélo couvert.,N1,F1\n"
        "AG21,ENV,Trop de papier imprimé.,M-0002,F2\n");
    votes_batch = fixture_import(f, CS_IMPORT_VOTES, "votes.csv",
        "consultation,idea_form_ref,participant_ref\n"
        "AG21,F1,N2\nAG21,F2,N2\nAG21,F1,M-0007\n");
    assert_int_equal(fixture_people_drift(f), 0);
    assert_ok(cs_stats_get(f->db, f->cons_id, &s, &err));
    assert_int_equal(s->participants, 10);              /* N1, N2 */
    assert_int_equal(s->participants_without_email, 6);
    cs_stats_free(s);
    /* The imports put their triggers back. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM sqlite_schema"
                     " WHERE type = 'trigger'"
                     " AND name LIKE 'participation%'"), 12);
    assert_ok(cs_import_undo(f->db, votes_batch, &u, &err));
    assert_int_equal(fixture_people_drift(f), 0);
    assert_ok(cs_import_undo(f->db, ideas_batch, &u, &err));
    assert_int_equal(fixture_people_drift(f), 0);
    assert_ok(cs_stats_get(f->db, f->cons_id, &s, &err));
    assert_int_equal(s->participants, 8);
    assert_int_equal(s->participants_without_email, 4);
    cs_stats_free(s);
}

/* ---------------------------------------------------------------- weeks */

/* An idea of consultation `cons` submitted on `day` by `who`. */
static int64_t
idea_on(struct fixture *f, int64_t cons, int64_t theme, const char *day,
        const struct cs_person *who)
{
    struct cs_idea_new in = {
        .consultation_id = cons, .theme_id = theme, .body = "Une idée datée",
        .submitted_at = day, .author = who,
    };
    struct cs_error err;
    int64_t id = 0;

    assert_ok(cs_idea_add(f->db, &in, &id, &err));
    return id;
}

/* The "week" rows of the participation export of `code`, each as
 * "number,start,participants,ideas,votes,comments", joined with "|". */
static void
export_weeks(struct fixture *f, const char *code, char *buf, size_t size)
{
    struct cs_export_options o;
    struct cs_error err;
    char line[256];
    FILE *out = tmpfile();

    assert_non_null(out);
    cs_export_options_init(&o);
    o.kind = CS_EXPORT_PARTICIPATION;
    o.consultation = code;
    assert_ok(cs_export_write(f->db, &o, out, NULL, NULL, &err));
    rewind(out);
    buf[0] = '\0';
    while (fgets(line, sizeof line, out)) {
        char *share;

        if (strncmp(line, "week,", 5) != 0)
            continue;
        share = strrchr(line, ',');     /* the share is not a figure */
        *share = '\0';
        snprintf(buf + strlen(buf), size - strlen(buf), "%s|", line + 5);
    }
    fclose(out);
}

static void
test_weeks(void **state)
{
    struct fixture *f = *state;
    struct cs_consultation_new c = {
        .code = "WK", .title = "Semaines", .opens_on = "2021-03-03",
        .state = CS_STATE_OPEN,
    };
    struct cs_week_list *l = NULL;
    struct cs_error err;
    struct cs_db *nobody;
    char got[512] = "", want[512];
    int64_t cons, theme, a, b;

    assert_ok(cs_consultation_add(f->db, &c, &cons, &err));
    assert_ok(cs_theme_add(f->db, cons, "T", "Thème", 0, &theme, &err));
    /* The consultation opened on Wednesday 3 March 2021: week 1 starts on
     * Monday 1 March; an idea sent before the opening is in week 0. */
    idea_on(f, cons, theme, "2021-02-24", &P1);
    a = idea_on(f, cons, theme, "2021-03-02", &P2);
    b = idea_on(f, cons, theme, "2021-03-08", &P1);
    idea_on(f, cons, theme, "2021-03-14T23:59:00Z", NULL);
    assert_ok(cs_vote_add(f->db, a, &P3, CS_CHANNEL_PAPER, "2021-03-09",
                          NULL, &err));
    assert_ok(cs_vote_add(f->db, b, &P2, CS_CHANNEL_PAPER, "2021-03-22",
                          NULL, &err));
    /* Another consultation's contributions stay out. */
    idea(f, f->cons_id, f->theme_id[0], CS_KIND_IDEA, CS_CHANNEL_PAPER, &P4,
         "Ailleurs");

    assert_ok(cs_stats_weeks(f->db, cons, &l, &err));
    assert_int_equal(l->count, 4);
    assert_int_equal(l->items[0].number, 0);
    assert_string_equal(l->items[0].start, "2021-02-22");
    assert_int_equal(l->items[0].ideas, 1);
    assert_int_equal(l->items[0].participants, 1);
    assert_int_equal(l->items[1].number, 1);
    assert_string_equal(l->items[1].start, "2021-03-01");
    assert_int_equal(l->items[1].ideas, 1);
    /* Week 2: two ideas (one anonymous) and a vote, from two people. */
    assert_int_equal(l->items[2].number, 2);
    assert_string_equal(l->items[2].start, "2021-03-08");
    assert_int_equal(l->items[2].ideas, 2);
    assert_int_equal(l->items[2].votes, 1);
    assert_int_equal(l->items[2].comments, 0);
    assert_int_equal(l->items[2].participants, 2);
    /* Week 3 had nothing: it is not listed. */
    assert_int_equal(l->items[3].number, 4);
    assert_string_equal(l->items[3].start, "2021-03-22");
    assert_int_equal(l->items[3].votes, 1);

    /* The export's week rows are these figures. */
    for (size_t i = 0; i < l->count; i++) {
        const struct cs_week *w = &l->items[i];

        snprintf(got + strlen(got), sizeof got - strlen(got),
                 "%d,%s,%lld,%lld,%lld,%lld|", w->number, w->start,
                 (long long)w->participants, (long long)w->ideas,
                 (long long)w->votes, (long long)w->comments);
    }
    export_weeks(f, "WK", want, sizeof want);
    assert_string_equal(got, want);
    cs_week_list_free(l);
    cs_week_list_free(NULL);

    /* No opening date: week 1 is the first with a contribution. */
    l = NULL;
    assert_ok(cs_stats_weeks(f->db, f->cons_id, &l, &err));
    assert_int_equal(l->count, 1);
    assert_int_equal(l->items[0].number, 1);
    cs_week_list_free(l);
    l = NULL;
    assert_int_equal(cs_stats_weeks(f->db, 9999, &l, &err), CS_ENOTFOUND);
    assert_null(l);
    nobody = fixture_open_as(f, "mallory");
    assert_int_equal(cs_stats_weeks(nobody, cons, &l, &err), CS_EPERM);
    assert_null(l);
    cs_db_close(nobody);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_cons, \
                                              fixture_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_weeks, fixture_setup_cons,
                                        fixture_teardown),
        T(test_figures),
        T(test_agrees_with_rows),
        T(test_other_consultation),
        T(test_empty),
        T(test_errors_and_roles),
        T(test_kept_figures_follow),
        T(test_people_figures_follow),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
