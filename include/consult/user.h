/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * user.h: the logins allowed to work on a database, and their roles.
 *
 * Roles are enforced in the core, whatever the front end: admin does
 * everything; agent enters and imports submissions, votes, tallies and
 * comments, and edits what it entered; viewer reads and exports. A login
 * that is not listed has no access at all.
 */
#ifndef CONSULT_USER_H
#define CONSULT_USER_H

#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"

struct cs_user {
    char *login;            /* OS login name */
    enum cs_role role;
    char *created_at;       /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
    char *created_by;       /* login of the admin who added it */
};

struct cs_user_list {
    struct cs_user *items;  /* owned, `count` of them, ordered by login */
    size_t count;
};

/*
 * Give `login` the role `role`: adds the login, or changes its role if it is
 * listed. Admin only. An admin cannot take away the last admin.
 * Returns CS_OK, CS_EINVAL (empty login or CS_ROLE_NONE), CS_EPERM,
 * CS_ECONFLICT (would leave no admin), CS_EBUSY. Audited.
 */
enum cs_rc cs_user_add(struct cs_db *db, const char *login, enum cs_role role,
                       struct cs_error *err);

/* Remove `login`. Admin only; not the last admin. Audited.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM, CS_ECONFLICT, CS_EBUSY. */
enum cs_rc cs_user_delete(struct cs_db *db, const char *login,
                          struct cs_error *err);

/* All users. Any role. Free with cs_user_list_free. */
enum cs_rc cs_user_list(struct cs_db *db, struct cs_user_list **out,
                        struct cs_error *err);
void cs_user_list_free(struct cs_user_list *list);

#endif /* CONSULT_USER_H */
