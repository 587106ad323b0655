/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * letters_test.c: answering participants: the channel that reaches each
 * (email with consent, else post, else internal mail, else none with the
 * reason), only published answers, a person's ideas together, the
 * mail-merge rows, the answered log written with the file and only then,
 * the letters' settings, and the roles.
 */
#include "testlib.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "consult/consultation.h"
#include "consult/letters.h"
#include "consult/user.h"

static void
decide(struct fixture *f, int64_t id, const char *answer)
{
    struct cs_error err;

    assert_ok(cs_idea_set_status(f->db, id, 0, CS_STATUS_ACCEPTED, answer,
                                 &err));
}

static char *
slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long n;

    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    n = ftell(fp);
    rewind(fp);
    buf = calloc(1, (size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    return buf;
}

static void
test_channels_rows_and_log(void **state)
{
    struct fixture *f = *state;
    const struct cs_person mail = { .ref = "M1", .name = "Anne Mail",
        .email = "anne@ville.example", .consent = true,
        .postal = "Rue A 1" };
    const struct cs_person post = { .ref = "M2", .name = "Bruno Poste",
        .email = "bruno@ville.example", .postal = "Rue B 2\n6000 Charleroi" };
    const struct cs_person internal = { .ref = "M3", .name = "Chloé Service",
        .service = "Travaux" };
    const struct cs_person none = { .ref = "M4", .name = "Denis Nulle",
        .email = "denis@ville.example" };
    struct cs_letters_options o = { .consultation_id = f->cons_id };
    struct cs_letters_result r;
    struct cs_error err;
    char path[400];
    char *csv;
    int64_t a1, a2, b, c, d, held;

    a1 = fixture_idea_by(f, &mail, "Une idée d’Anne.");
    a2 = fixture_idea_by(f, &mail, "Une autre idée d’Anne.");
    b = fixture_idea_by(f, &post, "Une idée de Bruno.");
    c = fixture_idea_by(f, &internal, "Une idée de Chloé.");
    d = fixture_idea_by(f, &none, "Une idée de Denis.");
    held = fixture_idea_by(f, &post, "Une idée de Bruno, pas encore répondue.");
    decide(f, a1, "Oui pour Anne.");
    decide(f, a2, "Encore oui.");
    decide(f, b, "Oui pour Bruno.");
    decide(f, c, "Oui pour Chloé.");
    decide(f, d, "Oui pour Denis.");
    (void)held;     /* still new: no answer to send */

    snprintf(path, sizeof path, "%s/merge.csv", f->dir);
    assert_ok(cs_letters_export(f->db, &o, path, false, &r, &err));
    assert_int_equal(r.participants, 4);
    assert_int_equal(r.by_reach[CS_REACH_EMAIL], 1);
    assert_int_equal(r.by_reach[CS_REACH_POST], 1);
    assert_int_equal(r.by_reach[CS_REACH_INTERNAL], 1);
    assert_int_equal(r.by_reach[CS_REACH_NONE], 1);
    assert_int_equal(r.prepared, 3);
    assert_int_equal(r.rows, 4);
    csv = slurp(path);
    assert_non_null(strstr(csv, "M1,Anne Mail,,Rue A 1,anne@ville.example,"
                                "email,"));
    assert_non_null(strstr(csv, "Oui pour Anne."));
    assert_non_null(strstr(csv, "Encore oui."));
    assert_non_null(strstr(csv, "M2,Bruno Poste,,\"Rue B 2\n6000 Charleroi"
                                "\",bruno@ville.example,post,"));
    assert_non_null(strstr(csv, "M3,Chloé Service,Travaux,,,internal,"));
    assert_null(strstr(csv, "Denis"));
    assert_null(strstr(csv, "pas encore"));
    free(csv);
    /* The log: one row per person in the file, by their channel. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM answer_sent"), 3);
    assert_int_equal(fixture_count(f, "SELECT ideas FROM answer_sent a"
                                      " JOIN participant p"
                                      " ON p.id = a.participant_id"
                                      " WHERE p.ref = 'M1'"), 2);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"
                                      " WHERE tbl = 'answer_sent'"), 3);

    /* The letters: the post and internal mail only; logged again. */
    snprintf(path, sizeof path, "%s/letters.pdf", f->dir);
    assert_ok(cs_letters_export(f->db, &o, path, false, &r, &err));
    assert_int_equal(r.prepared, 2);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM answer_sent"
                                      " WHERE channel IN ('post',"
                                      " 'internal')"), 4);

    /* A file that cannot be written logs nothing. */
    snprintf(path, sizeof path, "%s/no/such/dir/letters.csv", f->dir);
    assert_int_not_equal(cs_letters_export(f->db, &o, path, false, &r, &err),
                         CS_OK);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM answer_sent"), 5);

    /* The answered log says who, how many times, and why not. */
    snprintf(path, sizeof path, "%s/answered.csv", f->dir);
    {
        int64_t rows = 0;

        assert_ok(cs_answered_export(f->db, f->cons_id, path, false, &rows,
                                     &err));
        assert_int_equal(rows, 4);
    }
    csv = slurp(path);
    assert_non_null(strstr(csv, "M2,Bruno Poste,1,post,,2,"));
    assert_non_null(strstr(csv, "M4,Denis Nulle,1,none,\"no consent to be "
                                "contacted, and no postal address or "
                                "service\",0,,,"));
    free(csv);
}

static void
test_held_answers_wait(void **state)
{
    struct fixture *f = *state;
    const struct cs_person post = { .ref = "M2", .name = "Bruno Poste",
        .postal = "Rue B 2" };
    struct cs_letters_options o = { .consultation_id = f->cons_id };
    struct cs_letters_result r;
    struct cs_error err;
    char path[400];
    int64_t b;

    assert_ok(cs_consultation_set_hold_answers(f->db, f->cons_id, true,
                                               &err));
    b = fixture_idea_by(f, &post, "Une idée de Bruno.");
    decide(f, b, "Oui, plus tard.");
    snprintf(path, sizeof path, "%s/held.csv", f->dir);
    assert_ok(cs_letters_export(f->db, &o, path, false, &r, &err));
    assert_int_equal(r.participants, 0);
    assert_int_equal(r.prepared, 0);
    /* A PDF with no one to write to is refused, and says why. */
    snprintf(path, sizeof path, "%s/held.pdf", f->dir);
    assert_int_equal(cs_letters_export(f->db, &o, path, false, &r, &err),
                     CS_ENOTFOUND);
    assert_int_equal(access(path, F_OK), -1);
    {
        int64_t n = 0;

        assert_ok(cs_consultation_publish(f->db, f->cons_id, &n, &err));
    }
    assert_ok(cs_letters_export(f->db, &o, path, false, &r, &err));
    assert_int_equal(r.prepared, 1);
}

static void
test_settings_and_roles(void **state)
{
    struct fixture *f = *state;
    struct cs_letter_settings_edit e = { .sender = "Ville\nService",
                                         .language = "en" };
    struct cs_letter_settings s;
    struct cs_letters_options o = { .consultation_id = f->cons_id };
    struct cs_letters_result r;
    struct cs_error err;
    struct cs_db *agent;
    char path[400];

    assert_ok(cs_letter_settings_set(f->db, f->cons_id, &e, &err));
    e = (struct cs_letter_settings_edit){ .signature = "La bourgmestre" };
    assert_ok(cs_letter_settings_set(f->db, f->cons_id, &e, &err));
    assert_ok(cs_letter_settings_get(f->db, f->cons_id, &s, &err));
    assert_string_equal(s.language, "en");
    assert_string_equal(s.sender, "Ville\nService");
    assert_string_equal(s.signature, "La bourgmestre");
    cs_letter_settings_clear(&s);
    e = (struct cs_letter_settings_edit){ .language = "de" };
    assert_int_equal(cs_letter_settings_set(f->db, f->cons_id, &e, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "language");
    e = (struct cs_letter_settings_edit){ .opening = "Bonjour\x1b[2J" };
    assert_int_equal(cs_letter_settings_set(f->db, f->cons_id, &e, &err),
                     CS_EINVAL);

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    agent = fixture_open_as(f, "bob");
    snprintf(path, sizeof path, "%s/agent.csv", f->dir);
    assert_int_equal(cs_letters_export(agent, &o, path, false, &r, &err),
                     CS_EPERM);
    assert_int_equal(cs_letter_settings_set(agent, f->cons_id, &e, &err),
                     CS_EPERM);
    cs_db_close(agent);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_channels_rows_and_log,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_held_answers_wait,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_settings_and_roles,
                                        fixture_setup_cons, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
