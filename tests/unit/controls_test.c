/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * controls_test.c: characters that could take over a terminal (a lone
 * carriage return, ESC, DEL, C1 controls, direction overrides and
 * isolates): every core write that takes text refuses them naming the
 * field, the record check too, and cs_text_display shows them escaped.
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
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
