/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * schema.h: the versioned schema and its forward migrations.
 */
#ifndef CONSULT_SCHEMA_H
#define CONSULT_SCHEMA_H

#include "dbpriv.h"

/* 'Cnsl': PRAGMA application_id of every consult database. */
#define SCHEMA_APPLICATION_ID 0x436e736c

/*
 * Bring the schema from `from` (PRAGMA user_version, 0 for a new file) up to
 * CS_SCHEMA_VERSION, inside the caller's write transaction.
 */
enum cs_rc schema_migrate(struct cs_db *db, int from, struct cs_error *err);

#endif /* CONSULT_SCHEMA_H */
