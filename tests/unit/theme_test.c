/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * theme_test.c: the themes of a consultation (theme.c): codes, titles
 * found without regard to case or accents, positions.
 */
#include "testlib.h"

#include <string.h>

static void
expect_found(struct fixture *f, const char *what, int64_t want)
{
    struct cs_error err;
    struct cs_theme t;

    if (cs_theme_find(f->db, f->cons_id, what, &t, &err) != CS_OK)
        fail_msg("\"%s\" not found: %s", what, err.msg);
    if (t.id != want)
        fail_msg("\"%s\" found theme %lld, want %lld", what,
                 (long long)t.id, (long long)want);
    cs_theme_clear(&t);
}

static void
test_find_by_code(void **state)
{
    struct fixture *f = *state;

    expect_found(f, "MOB", f->theme_id[0]);
    expect_found(f, "mob", f->theme_id[0]);
    expect_found(f, "Env", f->theme_id[1]);
}

static void
test_find_by_title(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_theme t;

    expect_found(f, "Mobilité", f->theme_id[0]);
    expect_found(f, "Mobilite", f->theme_id[0]);
    expect_found(f, "MOBILITÉ", f->theme_id[0]);
    expect_found(f, "  mobilite ", f->theme_id[0]);
    expect_found(f, "environnement", f->theme_id[1]);
    assert_int_equal(cs_theme_find(f->db, f->cons_id, "Mobil", &t, &err),
                     CS_ENOTFOUND);
    assert_string_equal(err.field, "theme");
    assert_int_equal(cs_theme_find(f->db, f->cons_id, "", &t, &err),
                     CS_EINVAL);
    assert_int_equal(cs_theme_find(f->db, f->cons_id, NULL, &t, &err),
                     CS_EINVAL);
}

/* A code that is another theme's title: the code wins. */
static void
test_code_before_title(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    int64_t id;

    assert_ok(cs_theme_add(f->db, f->cons_id, "mobilite", "Déplacements", 0,
                           &id, &err));
    expect_found(f, "Mobilite", id);
    expect_found(f, "Mobilité", f->theme_id[0]);
}

static void
test_other_consultation(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_consultation_new c = {
        .code = "CIT22", .title = "Budget participatif",
        .kind = CS_CONS_IDEAS, .audience = CS_AUDIENCE_CITIZENS,
        .state = CS_STATE_DRAFT,
    };
    struct cs_theme t;
    int64_t cons2, mob2;

    assert_ok(cs_consultation_add(f->db, &c, &cons2, &err));
    /* The same code in another consultation is fine. */
    assert_ok(cs_theme_add(f->db, cons2, "MOB", "Mobilité douce", 0, &mob2,
                           &err));
    assert_int_not_equal(mob2, f->theme_id[0]);
    assert_ok(cs_theme_find(f->db, cons2, "mob", &t, &err));
    assert_int_equal(t.id, mob2);
    assert_int_equal(t.consultation_id, cons2);
    cs_theme_clear(&t);
    assert_int_equal(cs_theme_find(f->db, cons2, "ENV", &t, &err),
                     CS_ENOTFOUND);
    expect_found(f, "MOB", f->theme_id[0]);
}

static void
test_duplicate_code(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;

    assert_int_equal(cs_theme_add(f->db, f->cons_id, "MOB", "Autre", 0, NULL,
                                  &err), CS_ECONFLICT);
    assert_string_equal(err.field, "code");
    assert_int_equal(cs_theme_add(f->db, f->cons_id, "mob", "Autre", 0, NULL,
                                  &err), CS_ECONFLICT);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM theme"), 2);
}

static void
test_invalid(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;

    assert_int_equal(cs_theme_add(f->db, f->cons_id, "", "Titre", 0, NULL,
                                  &err), CS_EINVAL);
    assert_string_equal(err.field, "code");
    assert_int_equal(cs_theme_add(f->db, f->cons_id, "A B", "Titre", 0, NULL,
                                  &err), CS_EINVAL);
    assert_int_equal(cs_theme_add(f->db, f->cons_id, "OK", " ", 0, NULL,
                                  &err), CS_EINVAL);
    assert_string_equal(err.field, "title");
    assert_int_equal(cs_theme_add(f->db, f->cons_id, "OK", "Titre", -1, NULL,
                                  &err), CS_EINVAL);
    assert_string_equal(err.field, "position");
    assert_int_equal(cs_theme_add(f->db, 9999, "OK", "Titre", 0, NULL,
                                  &err), CS_ENOTFOUND);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM theme"), 2);
}

static void
test_positions(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_theme_list *list = NULL;
    struct cs_theme t;
    int64_t first, last;

    /* The fixture's MOB and ENV took 1 and 2; 0 means "last". */
    assert_ok(cs_theme_add(f->db, f->cons_id, "COMP", "Compétences", 0, &last,
                           &err));
    assert_ok(cs_theme_get(f->db, last, &t, &err));
    assert_int_equal(t.position, 3);
    assert_string_equal(t.title, "Compétences");
    cs_theme_clear(&t);
    /* An explicit position sorts before the others. */
    assert_ok(cs_theme_add(f->db, f->cons_id, "SAT", "Satisfaction des "
                           "citoyens", 1, &first, &err));

    assert_ok(cs_theme_list(f->db, f->cons_id, &list, &err));
    assert_int_equal(list->count, 4);
    /* Position 1 twice (MOB and SAT): then by code. */
    assert_string_equal(list->items[0].code, "MOB");
    assert_string_equal(list->items[1].code, "SAT");
    assert_int_equal(list->items[1].id, first);
    assert_string_equal(list->items[2].code, "ENV");
    assert_string_equal(list->items[3].code, "COMP");
    assert_int_equal(list->items[3].position, 3);
    for (size_t i = 0; i < list->count; i++)
        assert_int_equal(list->items[i].idea_count, 0);
    cs_theme_list_free(list);
    cs_theme_list_free(NULL);
    cs_theme_clear(NULL);

    assert_int_equal(cs_theme_get(f->db, 9999, &t, &err), CS_ENOTFOUND);
}

static void
test_idea_counts(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_theme_list *list = NULL;

    fixture_idea(f->db, f, "Des trottinettes de service.");
    fixture_idea(f->db, f, "Un covoiturage organisé entre collègues.");
    assert_ok(cs_theme_list(f->db, f->cons_id, &list, &err));
    assert_int_equal(list->items[0].idea_count, 2);     /* MOB */
    assert_int_equal(list->items[1].idea_count, 0);     /* ENV */
    cs_theme_list_free(list);
}

static void
test_roles(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *agent, *nobody;
    struct cs_theme t;
    struct cs_theme_list *list = NULL;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    agent = fixture_open_as(f, "bob");
    nobody = fixture_open_as(f, "mallory");
    assert_int_equal(cs_theme_add(agent, f->cons_id, "NEW", "Nouveau", 0,
                                  NULL, &err), CS_EPERM);
    assert_ok(cs_theme_find(agent, f->cons_id, "mob", &t, &err));
    cs_theme_clear(&t);
    assert_int_equal(cs_theme_find(nobody, f->cons_id, "mob", &t, &err),
                     CS_EPERM);
    assert_int_equal(cs_theme_list(nobody, f->cons_id, &list, &err),
                     CS_EPERM);
    assert_int_equal(cs_theme_get(nobody, f->theme_id[0], &t, &err),
                     CS_EPERM);
    cs_db_close(agent);
    cs_db_close(nobody);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_cons, \
                                              fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_find_by_code),
        T(test_find_by_title),
        T(test_code_before_title),
        T(test_other_consultation),
        T(test_duplicate_code),
        T(test_invalid),
        T(test_positions),
        T(test_idea_counts),
        T(test_roles),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
