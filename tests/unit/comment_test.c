/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * comment_test.c: comments on ideas: adding (with or without an author),
 * hiding with a reason, listing with and without the hidden ones, who may
 * do what, and one journal row per write.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long long
comment_digest(struct fixture *f)
{
    return fixture_count(f, "SELECT count(*) * 1000 + total(hidden)"
                            " + total(length(body)) FROM comment");
}

static void
test_add_list(void **state)
{
    struct fixture *f = *state;
    struct cs_person author = { .name = "Élodie Dupont", .service = "RH" };
    struct cs_comment_list *list = NULL;
    struct cs_error err;
    int64_t a = fixture_idea(f->db, f, "Des vélos");
    int64_t b = fixture_idea(f->db, f, "Des bancs");
    int64_t c1 = 0, c2 = 0;
    long long before, digest;

    before = fixture_audit_rows(f);
    assert_ok(cs_comment_add(f->db, a, NULL, "  Bonne idée é œ € ", &c1,
                             &err));
    assert_true(c1 > 0);
    fixture_assert_audit(f, before, "add", "comment", a);
    assert_ok(cs_comment_add(f->db, a, &author, "Et des abris ?", &c2,
                             &err));
    assert_ok(cs_comment_add(f->db, b, NULL, "Ailleurs", NULL, &err));

    assert_ok(cs_comment_list(f->db, a, CS_COMMENTS_VISIBLE, &list,
                              &err));
    assert_int_equal(list->count, 2);
    assert_int_equal(list->items[0].id, c1);
    assert_int_equal(list->items[0].idea_id, a);
    assert_int_equal(list->items[0].participant_id, 0);
    assert_null(list->items[0].author_name);
    assert_string_equal(list->items[0].body, "Bonne idée é œ €");
    assert_non_null(list->items[0].created_at);
    assert_string_equal(list->items[0].entered_by, "alice");
    assert_false(list->items[0].hidden);
    assert_null(list->items[0].hidden_reason);
    assert_int_equal(list->items[1].id, c2);
    assert_true(list->items[1].participant_id > 0);
    assert_string_equal(list->items[1].author_name, "Élodie Dupont");
    cs_comment_list_free(list);

    /* refusals write nothing */
    before = fixture_audit_rows(f);
    digest = comment_digest(f);
    assert_int_equal(cs_comment_add(f->db, a, NULL, " \n", NULL, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "body");
    assert_int_equal(cs_comment_add(f->db, a, NULL, NULL, NULL, &err),
                     CS_EINVAL);
    assert_int_equal(cs_comment_add(f->db, a, NULL, "bad \xff", NULL, &err),
                     CS_EINVAL);
    assert_int_equal(cs_comment_add(f->db, 9999, &author, "Texte", NULL,
                                    &err), CS_ENOTFOUND);
    assert_int_equal(fixture_audit_rows(f), before);
    assert_int_equal(comment_digest(f), digest);

    assert_ok(cs_comment_list(f->db, 9999, CS_COMMENTS_ALL, &list, &err));
    assert_int_equal(list->count, 0);
    cs_comment_list_free(list);
}

static void
test_hide(void **state)
{
    struct fixture *f = *state;
    struct cs_comment_list *list = NULL;
    struct cs_error err;
    int64_t a = fixture_idea(f->db, f, "Des vélos");
    int64_t c1 = 0, c2 = 0;
    long long before, digest;

    assert_ok(cs_comment_add(f->db, a, NULL, "Premier", &c1, &err));
    assert_ok(cs_comment_add(f->db, a, NULL, "Insulte", &c2, &err));

    before = fixture_audit_rows(f);
    digest = comment_digest(f);
    assert_int_equal(cs_comment_hide(f->db, c2, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "reason");
    assert_int_equal(cs_comment_hide(f->db, c2, "   ", &err), CS_EINVAL);
    assert_string_equal(err.field, "reason");
    assert_int_equal(cs_comment_hide(f->db, 9999, "Injure", &err),
                     CS_ENOTFOUND);
    assert_int_equal(fixture_audit_rows(f), before);
    assert_int_equal(comment_digest(f), digest);

    assert_ok(cs_comment_hide(f->db, c2, " Propos injurieux ", &err));
    fixture_assert_audit(f, before, "hide", "comment", a);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
        " id = (SELECT max(id) FROM audit)"
        " AND json_extract(before, '$.hidden') = 0"
        " AND json_extract(after, '$.hidden') = 1"
        " AND json_extract(after, '$.hidden_reason') = 'Propos injurieux'"),
        1);

    assert_ok(cs_comment_list(f->db, a, CS_COMMENTS_VISIBLE, &list,
                              &err));
    assert_int_equal(list->count, 1);
    assert_int_equal(list->items[0].id, c1);
    cs_comment_list_free(list);
    assert_ok(cs_comment_list(f->db, a, CS_COMMENTS_ALL, &list, &err));
    assert_int_equal(list->count, 2);
    assert_int_equal(list->items[1].id, c2);
    assert_true(list->items[1].hidden);
    assert_string_equal(list->items[1].hidden_reason, "Propos injurieux");
    assert_string_equal(list->items[1].body, "Insulte");
    cs_comment_list_free(list);
}

static void
test_roles(void **state)
{
    struct fixture *f = *state;
    struct cs_person author = { .ref = "M7", .name = "Jean Martin" };
    struct cs_comment_list *list = NULL;
    struct cs_error err;
    struct cs_db *bob, *vic;
    int64_t a = fixture_idea(f->db, f, "Des vélos");
    int64_t c = 0, mine = 0;
    long long before, digest;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(f->db, "vic", CS_ROLE_VIEWER, &err));
    bob = fixture_open_as(f, "bob");
    vic = fixture_open_as(f, "vic");
    assert_ok(cs_comment_add(f->db, a, &author, "D'accord", &c, &err));

    before = fixture_audit_rows(f);
    assert_ok(cs_comment_add(bob, a, &author, "Saisi par Bob", &mine, &err));
    fixture_assert_audit(f, before, "add", "comment", a);

    before = fixture_audit_rows(f);
    digest = comment_digest(f);
    assert_int_equal(cs_comment_add(vic, a, NULL, "Lecteur", NULL, &err),
                     CS_EPERM);
    assert_int_equal(cs_comment_hide(vic, c, "Injure", &err), CS_EPERM);
    assert_int_equal(cs_comment_hide(bob, c, "Injure", &err), CS_EPERM);
    assert_int_equal(cs_comment_hide(bob, mine, "Injure", &err), CS_EPERM);
    assert_int_equal(fixture_audit_rows(f), before);
    assert_int_equal(comment_digest(f), digest);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"),
                     1);

    /* Everyone reads comments; only an admin reads the author's name. */
    assert_ok(cs_comment_list(vic, a, CS_COMMENTS_ALLOWED, &list, &err));
    assert_int_equal(list->count, 2);
    assert_true(list->items[0].participant_id > 0);
    assert_null(list->items[0].author_name);
    assert_string_equal(list->items[1].entered_by, "bob");
    cs_comment_list_free(list);
    assert_ok(cs_comment_list(f->db, a, CS_COMMENTS_ALL, &list, &err));
    assert_string_equal(list->items[0].author_name, "Jean Martin");
    cs_comment_list_free(list);

    cs_db_close(bob);
    cs_db_close(vic);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_add_list, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_hide, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_roles, fixture_setup_cons,
                                        fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
