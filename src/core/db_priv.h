/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * db_priv.h: what db.c, at the top of the core's layers, offers the
 * modules that change who may use a database (user.c).
 */
#ifndef CONSULT_DB_PRIV_H
#define CONSULT_DB_PRIV_H

#include "dbpriv.h"

/* Read the acting login's role again (after cs_user_add). */
enum cs_rc role_reload(struct cs_db *db, struct cs_error *err);

#endif /* CONSULT_DB_PRIV_H */
