/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * controls_test.c: characters that could take over a terminal (a lone
 * carriage return, ESC, DEL, C1 controls, direction overrides and
 * isolates): every core write that takes text refuses them naming the
 * field, the record check too, and cs_text_display shows them escaped.
 * A line break or a tab is refused the same way in a field of one line.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const bad[] = {
    "HIDDEN\rvisible",          /* a lone carriage return */
    "a\x1b[2Jb",                /* ESC */
    "a\xc2\x9b" "31mb",         /* U+009B, a C1 control */
    "a\xe2\x80\xae" "b",        /* U+202E, right-to-left override */
    "a\xe2\x80\xaa" "b",        /* U+202A */
    "a\xe2\x81\xa6" "b",        /* U+2066 */
    "a\xe2\x81\xa9" "b",        /* U+2069 */
    "a\x7f" "b",                /* DEL */
};
#define NBAD (sizeof bad / sizeof bad[0])

static void
test_display(void **state)
{
    static const struct { const char *in, *out; } cases[] = {
        { "HIDDEN\resible", "HIDDEN\\resible" },
        { "a\x1b[2Jb", "a\\x1b[2Jb" },
        { "a\xc2\x9b" "b", "a<U+009B>b" },
        { "a\xe2\x80\xae" "b", "a<U+202E>b" },
        { "a\xe2\x81\xa9" "b", "a<U+2069>b" },
        { "a\x7f" "b", "a\\x7fb" },
        { "a\x07" "b", "a\\x07b" },
        { "l1\r\nl2\tx", "l1\nl2\tx" },
        { "é œ € 中", "é œ € 中" },
        { "bad \xff byte", "bad \\xff byte" },
        { "", "" },
    };
    char *s;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        s = cs_text_display(cases[i].in);
        assert_non_null(s);
        assert_string_equal(s, cases[i].out);
        free(s);
    }
    s = cs_text_display(NULL);
    assert_non_null(s);
    assert_string_equal(s, "");
    free(s);
}

static void
assert_field(enum cs_rc rc, const struct cs_error *err, const char *field)
{
    assert_int_equal(rc, CS_EINVAL);
    assert_string_equal(err->field, field);
    assert_non_null(strstr(err->msg, field));
}

static void
test_writes_refuse(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    int64_t id = fixture_idea(f->db, f, "Des bancs");
    long long ideas = fixture_count(f, "SELECT count(*) FROM idea");
    long long audit = fixture_audit_rows(f);

    for (size_t i = 0; i < NBAD; i++) {
        struct cs_idea_new in = {
            .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
            .body = bad[i],
        };
        struct cs_person who = { .name = bad[i] };
        int64_t out = 0;

        assert_field(cs_idea_add(f->db, &in, &out, &err), &err, "body");
        in.body = "ok";
        in.title = bad[i];
        assert_field(cs_idea_add(f->db, &in, &out, &err), &err, "title");
        in.title = NULL;
        in.author = &who;
        assert_field(cs_idea_add(f->db, &in, &out, &err), &err, "name");
        assert_field(cs_comment_add(f->db, id, NULL, bad[i], NULL, &err),
                     &err, "body");
        assert_field(cs_idea_set_status(f->db, id, 0, CS_STATUS_ACCEPTED,
                                        bad[i], &err), &err, "answer");
        assert_field(cs_idea_tag(f->db, id, 0, bad[i], false, &err), &err,
                     "tag");
        assert_field(cs_theme_add(f->db, f->cons_id, "BAD", bad[i], 0, NULL,
                                  &err), &err, "title");
    }
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), ideas);
    assert_int_equal(fixture_audit_rows(f), audit);

    /* Newlines, tabs and CR LF line ends stay allowed in a text. */
    {
        struct cs_idea_new in = {
            .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
            .body = "Ligne 1\r\nLigne\t2\n",
        };
        int64_t out = 0;

        assert_ok(cs_idea_add(f->db, &in, &out, &err));
    }
}

static void
test_record_check(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;

    for (size_t i = 0; i < NBAD; i++) {
        struct cs_record r = { .kind = CS_RECORD_IDEA,
                               .has_consultation = true,
                               .has_theme = true };
        const struct cs_field *body = cs_record_field(CS_RECORD_IDEA,
                                                      "body");

        r.v[CS_F_BODY] = bad[i];
        assert_field(cs_record_check(f->db, &r, &err), &err, "body");
        r.v[CS_F_BODY] = "ok";
        r.v[CS_F_SERVICE] = bad[i];
        assert_field(cs_record_check(f->db, &r, &err), &err, "service");
        assert_field(cs_field_check(body, bad[i], true, &err), &err,
                     "body");
    }
}

/* A line break or a tab in a field of one line (a title, a name, a
 * reference, a code, a label) is refused naming the field; the texts of
 * several lines (an idea's text, an answer, a reason, a comment, a
 * description, a postal address) keep them. */
static const char *const breaks[] = { "a\nb", "a\tb", "a\r\nb" };
#define NBREAKS (sizeof breaks / sizeof breaks[0])

static void
test_one_line(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    int64_t id = fixture_idea(f->db, f, "Des bancs");
    long long ideas = fixture_count(f, "SELECT count(*) FROM idea");
    long long audit = fixture_audit_rows(f);

    for (size_t i = 0; i < NBREAKS; i++) {
        const char *b = breaks[i];
        struct cs_idea_new in = {
            .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
            .body = "ok", .title = b,
        };
        struct cs_idea_change ch = { .title = b };
        struct cs_person who = { .name = "Anne" };
        struct cs_consultation_new c = { .code = "X1", .title = b };
        struct cs_batch_new bn = { .consultation_id = f->cons_id,
                                   .label = b, .expected = 1 };
        struct cs_session_new sn = { .consultation_id = f->cons_id,
                                     .held_on = "2026-01-05", .title = b };
        int64_t out = 0;

        assert_field(cs_idea_add(f->db, &in, &out, &err), &err, "title");
        in.title = NULL;
        in.form_ref = b;
        assert_field(cs_idea_add(f->db, &in, &out, &err), &err,
                     "form_ref");
        in.form_ref = NULL;
        in.author = &who;
        who.name = b;
        assert_field(cs_idea_add(f->db, &in, &out, &err), &err, "name");
        who.name = "Anne";
        who.service = b;
        assert_field(cs_idea_add(f->db, &in, &out, &err), &err, "service");
        who.service = NULL;
        who.email = b;
        assert_field(cs_idea_add(f->db, &in, &out, &err), &err, "email");
        who.email = NULL;
        who.phone = b;
        assert_field(cs_idea_add(f->db, &in, &out, &err), &err, "phone");
        who.phone = NULL;
        who.ref = b;
        assert_field(cs_idea_add(f->db, &in, &out, &err), &err, "ref");
        assert_field(cs_idea_update(f->db, id, 0, &ch, &err), &err,
                     "title");
        assert_field(cs_idea_tag(f->db, id, 0, b, false, &err), &err,
                     "tag");
        assert_field(cs_theme_add(f->db, f->cons_id, "BAD", b, 0, NULL,
                                  &err), &err, "title");
        assert_field(cs_consultation_add(f->db, &c, &out, &err), &err,
                     "title");
        assert_field(cs_batch_add(f->db, &bn, &out, &err), &err, "label");
        bn.label = "Enveloppe";
        bn.point = b;
        assert_field(cs_batch_add(f->db, &bn, &out, &err), &err, "point");
        assert_field(cs_session_add(f->db, &sn, &out, NULL, &err), &err,
                     "title");
        assert_field(cs_template_set(f->db, f->cons_id, 1, b, "Texte",
                                     &err), &err, "title");
        assert_field(cs_tally_add(f->db, id, 3, b, NULL, &out, &err), &err,
                     "source");
    }
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), ideas);
    assert_int_equal(fixture_audit_rows(f), audit);

    /* The texts of several lines keep them. */
    {
        struct cs_person who = { .name = "Anne",
                                 .postal = "Rue Haute 1\n6000 Charleroi" };
        struct cs_idea_new in = {
            .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
            .body = "Ligne 1\nLigne\t2", .title = "Un titre",
            .author = &who,
        };
        struct cs_consultation_new c = { .code = "X2", .title = "Titre",
                                         .description = "Deux\nlignes" };
        int64_t out = 0;

        assert_ok(cs_idea_add(f->db, &in, &out, &err));
        assert_ok(cs_idea_set_status(f->db, out, 0, CS_STATUS_ACCEPTED,
                                     "Oui,\npour\tdeux ans.", &err));
        assert_ok(cs_comment_add(f->db, out, NULL, "Un\navis", NULL,
                                 &err));
        assert_ok(cs_template_set(f->db, f->cons_id, 1, "Accord",
                                  "Merci.\nCordialement", &err));
        assert_ok(cs_consultation_add(f->db, &c, &out, &err));
    }
}

/* The record check: the same fields of one line, the same texts of
 * several lines, whoever asks (the importer checks its rows with it). */
static void
test_record_one_line(void **state)
{
    static const struct { enum cs_field_id id; bool lines; } fields[] = {
        { CS_F_TITLE, false }, { CS_F_FORM_REF, false },
        { CS_F_AUTHOR_NAME, false }, { CS_F_AUTHOR_REF, false },
        { CS_F_SERVICE, false }, { CS_F_EMAIL, false },
        { CS_F_PHONE, false }, { CS_F_THEME, false },
        { CS_F_BODY, true }, { CS_F_POSTAL, true },
    };
    struct fixture *f = *state;
    struct cs_error err;

    for (size_t i = 0; i < NBREAKS; i++)
        for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
            struct cs_record r = { .kind = CS_RECORD_IDEA,
                                   .has_consultation = true,
                                   .has_theme = true };
            const char *name = cs_field_name(fields[k].id);
            char v[40];

            r.v[CS_F_BODY] = "ok";
            r.v[CS_F_AUTHOR_NAME] = "Anne";
            snprintf(v, sizeof v, "x%s@y", breaks[i]);
            r.v[fields[k].id] = v;
            if (fields[k].lines) {
                assert_ok(cs_record_check(f->db, &r, &err));
                continue;
            }
            assert_int_equal(cs_record_check(f->db, &r, &err), CS_EINVAL);
            assert_string_equal(err.field, name);
            assert_non_null(strstr(err.msg, name));
        }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_display),
        cmocka_unit_test_setup_teardown(test_writes_refuse,
                                        fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_record_check,
                                        fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_one_line, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_record_one_line,
                                        fixture_setup_cons,
                                        fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
