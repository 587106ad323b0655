/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * user.c: logins and their roles. The acting login's role is read at open
 * and again after any change here, so a handle never acts on a stale role
 * of its own.
 */
#include "consult/user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "db_priv.h"
#include "i18n.h"
#include "stmt.h"

static bool
login_ok(const char *login)
{
    size_t n = login ? strlen(login) : 0;

    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)login[i];
        if (c <= ' ' || c == 0x7f || c == ':' || c == '/')
            return false;
    }
    return true;
}

static enum cs_rc
admins_other_than(struct cs_db *db, const char *login, int64_t *n,
                  struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, "SELECT count(*) FROM user WHERE role = 'admin'"
                          " AND login <> :login");
    stmt_bind_text(&st, ":login", login);
    *n = stmt_row(&st) ? stmt_int64(&st, 0) : 0;
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
cs_user_add(struct cs_db *db, const char *login, enum cs_role role,
            struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *before = NULL;
    char now[32];
    int64_t id = 0, admins = 0;
    enum cs_rc rc;

    if (!login_ok(login))
        return cs_error_field(err, CS_EINVAL, "login",
            _("\"%s\" is not a valid login."), login ? login : "");
    if (role != CS_ROLE_ADMIN && role != CS_ROLE_COORDINATOR
        && role != CS_ROLE_AGENT && role != CS_ROLE_VIEWER)
        return cs_error_field(err, CS_EINVAL, "role", "%s",
                              _("Choose a role: admin, coordinator, agent or "
                                "viewer."));
    if ((rc = op_require(db, CS_OP_MANAGE_USERS, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT id FROM user WHERE login = :login");
    stmt_bind_text(&st, ":login", login);
    if (stmt_row(&st))
        id = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        goto out;
    if (id != 0) {
        if (role != CS_ROLE_ADMIN
            && (rc = admins_other_than(db, login, &admins, err)) == CS_OK
            && admins == 0)
            rc = cs_error_set(err, CS_ECONFLICT,
                _("\"%s\" is the last admin: make another login admin "
                  "first."), login);
        if (rc == CS_OK)
            rc = audit_snapshot(db, "user", id, &before, err);
        if (rc != CS_OK)
            goto out;
        stmt_prepare(&st, db, "UPDATE user SET role = :role WHERE id = :id");
        stmt_bind_text(&st, ":role", cs_role_name(role));
        stmt_bind_int64(&st, ":id", id);
        if ((rc = stmt_run(&st, err)) == CS_OK)
            rc = audit_write(db, "role", "user", id, 0, before, err);
    } else {
        util_now(now);
        stmt_prepare(&st, db, "INSERT INTO user(login, role, created_at,"
                              " created_by) VALUES (:login, :role, :now, :by)");
        stmt_bind_text(&st, ":login", login);
        stmt_bind_text(&st, ":role", cs_role_name(role));
        stmt_bind_text(&st, ":now", now);
        stmt_bind_text(&st, ":by", db->login);
        if ((rc = stmt_run(&st, err)) == CS_OK)
            rc = audit_write(db, "add", "user", stmt_last_id(&st), 0, NULL,
                             err);
    }
out:
    stmt_finish(&st);
    free(before);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK)
        rc = role_reload(db, err);
    return rc;
}

enum cs_rc
cs_user_delete(struct cs_db *db, const char *login, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *before = NULL;
    int64_t id = 0, admins = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_MANAGE_USERS, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT id FROM user WHERE login = :login");
    stmt_bind_text(&st, ":login", login ? login : "");
    if (stmt_row(&st))
        id = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && id == 0)
        rc = cs_error_set(err, CS_ENOTFOUND, _("No user \"%s\"."),
                          login ? login : "");
    if (rc == CS_OK && (rc = admins_other_than(db, login, &admins, err))
        == CS_OK && admins == 0)
        rc = cs_error_set(err, CS_ECONFLICT,
            _("\"%s\" is the last admin: make another login admin first."),
            login);
    if (rc == CS_OK)
        rc = audit_snapshot(db, "user", id, &before, err);
    if (rc != CS_OK)
        goto out;
    stmt_prepare(&st, db, "DELETE FROM user WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) == CS_OK)
        rc = audit_write_raw(db, "delete", "user", id, 0, before, NULL, err);
out:
    stmt_finish(&st);
    free(before);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK)
        rc = role_reload(db, err);
    return rc;
}

enum cs_rc
cs_user_list(struct cs_db *db, struct cs_user_list **out,
             struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_user_list *list;
    size_t cap = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((list = calloc(1, sizeof *list)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    stmt_prepare(&st, db, "SELECT login, role, created_at, created_by"
                          " FROM user ORDER BY login");
    while (stmt_row(&st)) {
        struct cs_user *u;

        void *grown = util_grow(list->items, &cap, list->count,
                                sizeof *list->items);

        if (grown == NULL) {
            rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
            goto out;
        }
        list->items = grown;
        u = &list->items[list->count++];
        u->login = stmt_text_dup(&st, 0);
        cs_role_parse(stmt_text(&st, 1), &u->role, NULL);
        u->created_at = stmt_text_dup(&st, 2);
        u->created_by = stmt_text_dup(&st, 3);
    }
    rc = stmt_status(&st, err);
out:
    stmt_finish(&st);
    if (rc != CS_OK) {
        cs_user_list_free(list);
        return rc;
    }
    *out = list;
    return CS_OK;
}

void
cs_user_list_free(struct cs_user_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].login);
        free(list->items[i].created_at);
        free(list->items[i].created_by);
    }
    free(list->items);
    free(list);
}
