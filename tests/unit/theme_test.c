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

/* Titles typed with another apostrophe, quote or dash, or with more
 * blanks, are the same title. */
static void
test_find_punctuation_variants(void **state)
{
    struct fixture *f = *state;
    static const char *const same[] = {
        "Qualité de l'air - Éco-mobilité",
        "Qualité de l\u2019air - Éco-mobilité",      /* ’ */
        "Qualité de l\u02bcair - Éco-mobilité",      /* ʼ */
        "Qualité de l\u2018air - Éco-mobilité",      /* ‘ */
        "qualite de l`air \u2013 eco\u2010mobilite",  /* ` – ‐ */
        "QUALITE  DE L\u2019AIR \u2014 ECO\u2212MOBILITE", /* — − */
        "  Qualité de l'air   -   Éco-mobilité ",
    };
    struct cs_error err;
    struct cs_theme t;
    int64_t air, q;

    assert_ok(cs_theme_add(f->db, f->cons_id, "AIR",
                           "Qualité de l\u2019air \u2013 Éco-mobilité", 0,
                           &air, &err));
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        expect_found(f, same[i], air);
    /* Other letters are another title. */
    assert_int_equal(cs_theme_find(f->db, f->cons_id,
                                   "Qualité de lair - Éco-mobilité", &t,
                                   &err), CS_ENOTFOUND);
    /* Double quotes too. */
    assert_ok(cs_theme_add(f->db, f->cons_id, "Q",
                           "Le \u201cbien-vivre\u201d", 0, &q, &err));
    expect_found(f, "le \"bien-vivre\"", q);
    expect_found(f, "Le \u00abbien\u2011vivre\u00bb", q);
    /* A title that differs only so from another's is refused. */
    assert_int_equal(cs_theme_add(f->db, f->cons_id, "AIR2",
                                  "Qualité de l'air - éco-mobilité", 0, NULL,
                                  &err), CS_ECONFLICT);
    assert_string_equal(err.field, "title");
}

static void
test_edit(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_theme t;
    long long journal = fixture_audit_rows(f);

    assert_ok(cs_theme_update(f->db, f->theme_id[0], "DEPL",
                              "Déplacements", &err));
    assert_ok(cs_theme_get(f->db, f->theme_id[0], &t, &err));
    assert_string_equal(t.code, "DEPL");
    assert_string_equal(t.title, "Déplacements");
    cs_theme_clear(&t);
    expect_found(f, "deplacements", f->theme_id[0]);
    expect_found(f, "depl", f->theme_id[0]);
    assert_int_equal(cs_theme_find(f->db, f->cons_id, "MOB", &t, &err),
                     CS_ENOTFOUND);
    assert_int_equal(fixture_audit_rows(f), journal + 1);
    /* The title alone. */
    assert_ok(cs_theme_update(f->db, f->theme_id[0], NULL, "Mobilité",
                              &err));
    expect_found(f, "DEPL", f->theme_id[0]);
    expect_found(f, "mobilite", f->theme_id[0]);
    /* Another theme's code or title; nothing to change; a bad code. */
    assert_int_equal(cs_theme_update(f->db, f->theme_id[0], "env", NULL,
                                     &err), CS_ECONFLICT);
    assert_string_equal(err.field, "code");
    assert_int_equal(cs_theme_update(f->db, f->theme_id[0], NULL,
                                     "ENVIRONNEMENT", &err), CS_ECONFLICT);
    assert_string_equal(err.field, "title");
    assert_int_equal(cs_theme_update(f->db, f->theme_id[0], NULL, NULL,
                                     &err), CS_EINVAL);
    assert_int_equal(cs_theme_update(f->db, f->theme_id[0], "A B", NULL,
                                     &err), CS_EINVAL);
    assert_int_equal(cs_theme_update(f->db, 9999, "X", NULL, &err),
                     CS_ENOTFOUND);
    assert_int_equal(fixture_audit_rows(f), journal + 2);
}

static void
test_retire(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_theme t;
    struct cs_theme_list *list = NULL;
    int64_t idea = fixture_idea(f->db, f, "Des trottinettes de service.");
    long long journal = fixture_audit_rows(f);

    assert_ok(cs_theme_retire(f->db, f->theme_id[0], true, &err));
    assert_int_equal(fixture_audit_rows(f), journal + 1);
    assert_int_equal(cs_theme_retire(f->db, f->theme_id[0], true, &err),
                     CS_ECONFLICT);
    /* Still found, listed as retired, and its idea keeps it. */
    assert_ok(cs_theme_find(f->db, f->cons_id, "MOB", &t, &err));
    assert_true(t.retired);
    assert_int_equal(t.idea_count, 1);
    cs_theme_clear(&t);
    assert_ok(cs_theme_list(f->db, f->cons_id, &list, &err));
    assert_true(list->items[0].retired);
    assert_false(list->items[1].retired);
    cs_theme_list_free(list);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
                                      " theme_id = (SELECT id FROM theme"
                                      " WHERE code = 'MOB')"), 1);
    (void)idea;
    assert_ok(cs_theme_retire(f->db, f->theme_id[0], false, &err));
    assert_ok(cs_theme_get(f->db, f->theme_id[0], &t, &err));
    assert_false(t.retired);
    cs_theme_clear(&t);
}

static void
test_delete(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_theme t;
    long long journal;

    fixture_idea(f->db, f, "Des trottinettes de service.");   /* MOB */
    journal = fixture_audit_rows(f);
    assert_int_equal(cs_theme_delete(f->db, f->theme_id[0], &err),
                     CS_ECONFLICT);
    assert_non_null(strstr(err.msg, "1 idea"));
    assert_ok(cs_theme_get(f->db, f->theme_id[0], &t, &err));
    cs_theme_clear(&t);
    assert_int_equal(fixture_audit_rows(f), journal);
    assert_ok(cs_theme_delete(f->db, f->theme_id[1], &err));     /* ENV */
    assert_int_equal(cs_theme_get(f->db, f->theme_id[1], &t, &err),
                     CS_ENOTFOUND);
    assert_int_equal(fixture_audit_rows(f), journal + 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                                      " action = 'delete' AND tbl = 'theme'"
                                      " AND before LIKE '%Environnement%'"
                                      " AND after IS NULL"), 1);
    assert_int_equal(cs_theme_delete(f->db, f->theme_id[1], &err),
                     CS_ENOTFOUND);
}

static void
test_changes_admin_only(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *agent;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    agent = fixture_open_as(f, "bob");
    assert_int_equal(cs_theme_update(agent, f->theme_id[1], NULL, "Autre",
                                     &err), CS_EPERM);
    assert_int_equal(cs_theme_retire(agent, f->theme_id[1], true, &err),
                     CS_EPERM);
    assert_int_equal(cs_theme_delete(agent, f->theme_id[1], &err),
                     CS_EPERM);
    cs_db_close(agent);
}

/* A theme added from its title alone: the code an import would make,
 * unique in the consultation. */
static void
test_add_titled(void **state)
{
    struct fixture *f = *state;
    struct cs_theme t;
    struct cs_error err;
    char code[33];
    int64_t id = 0, id2 = 0;

    assert_ok(cs_theme_add_titled(f->db, f->cons_id, "Qualité de l’air",
                                  &id, code, &err));
    assert_string_equal(code, "QUALITE-DE-L-AIR");
    assert_ok(cs_theme_get(f->db, id, &t, &err));
    assert_string_equal(t.title, "Qualité de l’air");
    assert_string_equal(t.code, "QUALITE-DE-L-AIR");
    cs_theme_clear(&t);
    assert_ok(cs_theme_add_titled(f->db, f->cons_id, "Qualite de l'air !",
                                  &id2, code, &err));
    assert_true(id2 != id);
    assert_string_equal(code, "QUALITE-DE-L-AIR-2");
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_cons, \
                                              fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_find_by_code),
        T(test_add_titled),
        T(test_find_by_title),
        T(test_code_before_title),
        T(test_other_consultation),
        T(test_duplicate_code),
        T(test_invalid),
        T(test_positions),
        T(test_idea_counts),
        T(test_roles),
        T(test_find_punctuation_variants),
        T(test_edit),
        T(test_retire),
        T(test_delete),
        T(test_changes_admin_only),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
