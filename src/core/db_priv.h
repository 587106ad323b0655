/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * db_priv.h: what db.c, at the top of the core's layers, offers the
 * modules that change who may use a database (user.c) and the dry runs
 * of the importers (a copy to write on).
 */
#ifndef CONSULT_DB_PRIV_H
#define CONSULT_DB_PRIV_H

#include "dbpriv.h"

/* Read the acting login's role again (after cs_user_add). */
enum cs_rc role_reload(struct cs_db *db, struct cs_error *err);

/*
 * A copy of `db` in memory, writable, for a dry run on a database that
 * cannot be written (a read-only file or directory, a full disk): the
 * same rows, the same login and role, the same journal key, so that a
 * dry run there checks and reports exactly as on a writable database,
 * and what it writes is lost with the copy (cs_db_close). Memory grows
 * with the database. Returns CS_OK, CS_ENOMEM, CS_EIO.
 */
enum cs_rc db_scratch_open(struct cs_db *db, struct cs_db **out,
                           struct cs_error *err);

#endif /* CONSULT_DB_PRIV_H */
