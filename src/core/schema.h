/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * schema.h: the versioned schema and its forward migrations.
 */
#ifndef CONSULT_SCHEMA_H
#define CONSULT_SCHEMA_H

#include "dbpriv.h"

/* The full-text index's tokenizer and its arguments, as FTS5's tokenize
 * option takes them: search.c folds a typed word with the same tokenizer
 * to look it up in the index. */
#define SCHEMA_FTS_TOKENIZE "unicode61 remove_diacritics 2"

/* 'Cnsl': PRAGMA application_id of every consult database. */
#define SCHEMA_APPLICATION_ID 0x436e736c

/*
 * Bring the schema from `from` (PRAGMA user_version, 0 for a new file) up to
 * CS_SCHEMA_VERSION, inside the caller's write transaction.
 */
enum cs_rc schema_migrate(struct cs_db *db, int from, struct cs_error *err);

#endif /* CONSULT_SCHEMA_H */
