/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * template_test.c: answer templates (template.c): set, replace, delete
 * and list, one journal row per write, the refusals (number, empty text,
 * unknown consultation, roles), and placeholders filled for an idea.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult/template.h"

static long long
audit_rows(struct fixture *f, const char *action)
{
    char sql[200];

    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE tbl ="
             " 'answer_template' AND action = '%s'", action);
    return fixture_count(f, sql);
}

static void
test_set_list_delete(void **state)
{
    struct fixture *f = *state;
    struct cs_template_list *l = NULL;
    struct cs_error err;

    assert_ok(cs_template_set(f->db, f->cons_id, 3, "Refus : hors champ",
                              "Votre idée « {title} » ne relève pas de la "
                              "commune.", &err));
    assert_ok(cs_template_set(f->db, f->cons_id, 1, "Accord",
                              "Merci, nous retenons l'idée {id}.", &err));
    assert_int_equal(audit_rows(f, "add"), 2);
    assert_ok(cs_template_list(f->db, f->cons_id, &l, &err));
    assert_int_equal(l->count, 2);
    assert_int_equal(l->items[0].number, 1);
    assert_string_equal(l->items[0].title, "Accord");
    assert_int_equal(l->items[1].number, 3);
    cs_template_list_free(l);

    /* Setting a number again replaces it. */
    assert_ok(cs_template_set(f->db, f->cons_id, 1, "Accord (budget 2022)",
                              "Retenue pour 2022.", &err));
    assert_int_equal(audit_rows(f, "update"), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM answer_template"),
                     2);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                                      " action = 'update' AND before LIKE"
                                      " '%\"Accord\"%' AND after LIKE"
                                      " '%budget 2022%'"), 1);
    assert_ok(cs_template_list(f->db, f->cons_id, &l, &err));
    assert_string_equal(l->items[0].body, "Retenue pour 2022.");
    cs_template_list_free(l);

    assert_ok(cs_template_delete(f->db, f->cons_id, 3, &err));
    assert_int_equal(audit_rows(f, "delete"), 1);
    assert_int_equal(cs_template_delete(f->db, f->cons_id, 3, &err),
                     CS_ENOTFOUND);
    assert_ok(cs_template_list(f->db, f->cons_id, &l, &err));
    assert_int_equal(l->count, 1);
    cs_template_list_free(l);
    /* Another consultation has its own. */
    assert_ok(cs_template_list(f->db, f->cons_id + 1, &l, &err));
    assert_int_equal(l->count, 0);
    cs_template_list_free(l);
}

static void
test_refusals(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *agent, *viewer;
    struct cs_template_list *l = NULL;

    assert_int_equal(cs_template_set(f->db, f->cons_id, 0, "a", "b", &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "number");
    assert_int_equal(cs_template_set(f->db, f->cons_id, 10, "a", "b", &err),
                     CS_EINVAL);
    assert_int_equal(cs_template_set(f->db, f->cons_id, 2, " ", "b", &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "title");
    assert_int_equal(cs_template_set(f->db, f->cons_id, 2, "a", "", &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "body");
    assert_int_equal(cs_template_set(f->db, 999, 2, "a", "b", &err),
                     CS_ENOTFOUND);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM answer_template"),
                     0);
    assert_int_equal(audit_rows(f, "add"), 0);

    assert_ok(cs_user_add(f->db, "bruno", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(f->db, "vera", CS_ROLE_VIEWER, &err));
    assert_ok(cs_template_set(f->db, f->cons_id, 2, "a", "b", &err));
    agent = fixture_open_as(f, "bruno");
    viewer = fixture_open_as(f, "vera");
    assert_int_equal(cs_template_set(agent, f->cons_id, 2, "x", "y", &err),
                     CS_EPERM);
    assert_int_equal(cs_template_delete(agent, f->cons_id, 2, &err),
                     CS_EPERM);
    assert_ok(cs_template_list(viewer, f->cons_id, &l, &err));
    assert_int_equal(l->count, 1);
    cs_template_list_free(l);
    cs_db_close(agent);
    cs_db_close(viewer);
}

static void
test_fill(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_idea idea;
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[1],
        .kind = CS_KIND_IDEA, .title = "Un abri à vélos « sécurisé »",
        .body = "Près de la gare.", .channel = CS_CHANNEL_PAPER,
        .submitted_at = "12/03/2021",
    };
    int64_t id;
    char *out = NULL, want[300];

    assert_ok(cs_idea_add(f->db, &in, &id, &err));
    assert_ok(cs_idea_get(f->db, id, &idea, &err));
    assert_ok(cs_template_fill("Votre idée {id} « {title} » ({theme}, "
                               "{date}, {consultation}) : {unknown} {id",
                               &idea, &out, &err));
    snprintf(want, sizeof want, "Votre idée %lld « Un abri à vélos "
             "« sécurisé » » (ENV, 2021-03-12, AG21) : {unknown} {id",
             (long long)id);
    assert_string_equal(out, want);
    free(out);
    assert_ok(cs_template_fill("", &idea, &out, &err));
    assert_string_equal(out, "");
    free(out);
    assert_ok(cs_template_fill("{title}{title}", &idea, &out, &err));
    assert_string_equal(out, "Un abri à vélos « sécurisé »Un abri à vélos "
                             "« sécurisé »");
    free(out);
    cs_idea_clear(&idea);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_set_list_delete,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_refusals, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_fill, fixture_setup_cons,
                                        fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
