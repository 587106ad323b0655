/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * user_test.c: logins and roles (user.c, db.c): what each role may do, the
 * last admin, and a login the database does not know.
 */
#include "testlib.h"

#include <string.h>

static enum cs_role
role_in_list(struct cs_db *db, const char *login)
{
    struct cs_error err;
    struct cs_user_list *list = NULL;
    enum cs_role r = CS_ROLE_NONE;

    assert_ok(cs_user_list(db, &list, &err));
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i].login, login) == 0)
            r = list->items[i].role;
    cs_user_list_free(list);
    return r;
}

static void
test_admin_adds_users(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_user_list *list = NULL;
    struct cs_db *bob, *carol;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(f->db, "carol", CS_ROLE_VIEWER, &err));
    assert_ok(cs_user_list(f->db, &list, &err));
    assert_int_equal(list->count, 3);
    assert_string_equal(list->items[0].login, "alice");     /* by login */
    assert_string_equal(list->items[1].login, "bob");
    assert_int_equal(list->items[1].role, CS_ROLE_AGENT);
    assert_string_equal(list->items[1].created_by, "alice");
    assert_non_null(list->items[1].created_at);
    assert_string_equal(list->items[2].login, "carol");
    assert_int_equal(list->items[2].role, CS_ROLE_VIEWER);
    cs_user_list_free(list);
    cs_user_list_free(NULL);

    bob = fixture_open_as(f, "bob");
    carol = fixture_open_as(f, "carol");
    assert_int_equal(cs_db_role(bob), CS_ROLE_AGENT);
    assert_int_equal(cs_db_role(carol), CS_ROLE_VIEWER);
    cs_db_close(bob);
    cs_db_close(carol);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                     " tbl = 'user' AND action = 'add'"), 3);
}

static void
test_role_change(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *bob;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_ADMIN, &err));
    assert_int_equal(role_in_list(f->db, "bob"), CS_ROLE_ADMIN);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM user"), 2);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                     " action = 'role' AND json_extract(before, '$.role')"
                     " = 'agent' AND json_extract(after, '$.role')"
                     " = 'admin'"), 1);
    bob = fixture_open_as(f, "bob");
    assert_int_equal(cs_db_role(bob), CS_ROLE_ADMIN);
    /* Now alice may step down: bob is admin too. Her handle follows. */
    assert_ok(cs_user_add(f->db, "alice", CS_ROLE_VIEWER, &err));
    assert_int_equal(cs_db_role(f->db), CS_ROLE_VIEWER);
    assert_int_equal(cs_user_add(f->db, "dave", CS_ROLE_AGENT, &err),
                     CS_EPERM);
    /* Bob deletes alice; nobody is left behind. */
    assert_ok(cs_user_delete(bob, "alice", &err));
    assert_int_equal(role_in_list(bob, "alice"), CS_ROLE_NONE);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                     " tbl = 'user' AND action = 'delete'"), 1);
    cs_db_close(bob);
}

static void
test_last_admin(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    long long audit = fixture_count(f, "SELECT count(*) FROM audit");

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    audit++;
    assert_int_equal(cs_user_add(f->db, "alice", CS_ROLE_AGENT, &err),
                     CS_ECONFLICT);
    assert_non_null(strstr(err.msg, "alice"));
    assert_int_equal(cs_user_add(f->db, "alice", CS_ROLE_VIEWER, &err),
                     CS_ECONFLICT);
    assert_int_equal(cs_user_delete(f->db, "alice", &err), CS_ECONFLICT);
    assert_int_equal(cs_db_role(f->db), CS_ROLE_ADMIN);
    assert_int_equal(role_in_list(f->db, "alice"), CS_ROLE_ADMIN);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"), audit);
    /* Re-granting admin to the last admin is harmless. */
    assert_ok(cs_user_add(f->db, "alice", CS_ROLE_ADMIN, &err));
    /* Deleting or demoting someone else is fine. */
    assert_ok(cs_user_delete(f->db, "bob", &err));
    assert_int_equal(cs_user_delete(f->db, "bob", &err), CS_ENOTFOUND);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM user WHERE"
                     " role = 'admin'"), 1);
}

static void
test_invalid(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;

    assert_int_equal(cs_user_add(f->db, "", CS_ROLE_AGENT, &err), CS_EINVAL);
    assert_string_equal(err.field, "login");
    assert_int_equal(cs_user_add(f->db, NULL, CS_ROLE_AGENT, &err),
                     CS_EINVAL);
    assert_int_equal(cs_user_add(f->db, "jean dupont", CS_ROLE_AGENT, &err),
                     CS_EINVAL);
    assert_int_equal(cs_user_add(f->db, "bob", CS_ROLE_NONE, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "role");
    assert_int_equal(cs_user_add(f->db, "bob", (enum cs_role)42, &err),
                     CS_EINVAL);
    assert_int_equal(cs_user_delete(f->db, "nobody", &err), CS_ENOTFOUND);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM user"), 1);
}

/* A login that is not listed can neither read nor write anything. */
static void
test_unknown_login(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *m = fixture_open_as(f, "mallory");
    struct cs_user_list *users = NULL;
    struct cs_consultation_list *cons = NULL;
    struct cs_theme_list *themes = NULL;
    struct cs_consultation c;
    struct cs_person p = { .name = "Mallory" };
    struct cs_consultation_new in = {
        .code = "EVIL", .title = "x", .kind = CS_CONS_IDEAS,
        .audience = CS_AUDIENCE_ALL, .state = CS_STATE_OPEN,
    };
    struct cs_idea_new idea = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
        .kind = CS_KIND_IDEA, .body = "x", .channel = CS_CHANNEL_WEB,
    };
    long long audit = fixture_count(f, "SELECT count(*) FROM audit");
    int64_t id;

    assert_int_equal(cs_db_role(m), CS_ROLE_NONE);
    /* Reads. */
    assert_int_equal(cs_user_list(m, &users, &err), CS_EPERM);
    assert_non_null(strstr(err.msg, "mallory"));
    assert_int_equal(cs_consultation_list(m, &cons, &err), CS_EPERM);
    assert_int_equal(cs_consultation_get(m, f->cons_id, &c, &err), CS_EPERM);
    assert_int_equal(cs_theme_list(m, f->cons_id, &themes, &err), CS_EPERM);
    assert_int_equal(cs_audit_verify(m, NULL, NULL, NULL, &err), CS_EPERM);
    assert_null(users);
    assert_null(cons);
    assert_null(themes);
    /* Writes, including making itself a user. */
    assert_int_equal(cs_user_add(m, "mallory", CS_ROLE_ADMIN, &err),
                     CS_EPERM);
    assert_int_equal(cs_user_delete(m, "alice", &err), CS_EPERM);
    assert_int_equal(cs_consultation_add(m, &in, NULL, &err), CS_EPERM);
    assert_int_equal(cs_theme_add(m, f->cons_id, "X", "x", 0, NULL, &err),
                     CS_EPERM);
    assert_int_equal(cs_participant_resolve(m, &p, &id, NULL, &err),
                     CS_EPERM);
    assert_int_equal(cs_idea_add(m, &idea, &id, &err), CS_EPERM);
    cs_db_close(m);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"), audit);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM user"), 1);
}

static void
test_agents_and_viewers_cannot_manage_users(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *bob, *carol;
    struct cs_user_list *list = NULL;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(f->db, "carol", CS_ROLE_VIEWER, &err));
    bob = fixture_open_as(f, "bob");
    carol = fixture_open_as(f, "carol");

    assert_int_equal(cs_user_add(bob, "bob", CS_ROLE_ADMIN, &err), CS_EPERM);
    assert_non_null(strstr(err.msg, "bob"));
    assert_int_equal(cs_user_add(bob, "eve", CS_ROLE_VIEWER, &err),
                     CS_EPERM);
    assert_int_equal(cs_user_delete(bob, "carol", &err), CS_EPERM);
    assert_int_equal(cs_user_add(carol, "carol", CS_ROLE_AGENT, &err),
                     CS_EPERM);
    assert_int_equal(cs_user_delete(carol, "alice", &err), CS_EPERM);
    assert_int_equal(cs_db_role(bob), CS_ROLE_AGENT);
    assert_int_equal(cs_db_role(carol), CS_ROLE_VIEWER);
    /* Both may see who the users are. */
    assert_ok(cs_user_list(bob, &list, &err));
    assert_int_equal(list->count, 3);
    cs_user_list_free(list);
    assert_ok(cs_user_list(carol, &list, &err));
    cs_user_list_free(list);
    /* A viewer cannot key anything in. */
    {
        struct cs_person p = { .name = "Quelqu’un" };
        int64_t id;
        assert_int_equal(cs_participant_resolve(carol, &p, &id, NULL, &err),
                         CS_EPERM);
    }
    cs_db_close(bob);
    cs_db_close(carol);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM user"), 3);
    assert_int_equal(role_in_list(f->db, "bob"), CS_ROLE_AGENT);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_cons, \
                                              fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_admin_adds_users),
        T(test_role_change),
        T(test_last_admin),
        T(test_invalid),
        T(test_unknown_login),
        T(test_agents_and_viewers_cannot_manage_users),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
