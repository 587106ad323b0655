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
 * The triggers that make SQLite refuse any change to the journal, as the
 * schema creates them: `audit verify` compares the database's own with
 * these, so that one dropped or rewritten with the sqlite3 shell is
 * reported. The journal's are in version 1, those of its digests in
 * version 8.
 */
#define SCHEMA_AUDIT_REFUSE "  SELECT RAISE(ABORT, 'the audit log is append-only');"
#define SCHEMA_AUDIT_NO_UPDATE \
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN" \
    SCHEMA_AUDIT_REFUSE "END"
#define SCHEMA_AUDIT_NO_DELETE \
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN" \
    SCHEMA_AUDIT_REFUSE "END"
/* INSERT OR REPLACE deletes the row it replaces without firing the delete
 * trigger (recursive_triggers is off): refuse any id that is not past the
 * last one. */
#define SCHEMA_AUDIT_NO_REPLACE \
    "CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit" \
    "  WHEN new.id <= (SELECT max(id) FROM audit) BEGIN" \
    SCHEMA_AUDIT_REFUSE "END"
#define SCHEMA_AUDIT_ROW_NO_UPDATE \
    "CREATE TRIGGER audit_row_no_update BEFORE UPDATE ON audit_row BEGIN" \
    SCHEMA_AUDIT_REFUSE "END"
#define SCHEMA_AUDIT_ROW_NO_DELETE \
    "CREATE TRIGGER audit_row_no_delete BEFORE DELETE ON audit_row BEGIN" \
    SCHEMA_AUDIT_REFUSE "END"
/* No trigger refuses an INSERT OR REPLACE of a digest: a trigger on each
 * insert would cost an import a statement journal per row, and a digest
 * replaced or added to a row already written breaks that row's
 * rows_hash, which its own hash covers. */
#define SCHEMA_AUDIT_ROW_TRIGGERS \
    SCHEMA_AUDIT_ROW_NO_UPDATE ";" SCHEMA_AUDIT_ROW_NO_DELETE ";"

/*
 * Bring the schema from `from` (PRAGMA user_version, 0 for a new file) up to
 * CS_SCHEMA_VERSION, inside the caller's write transaction.
 */
enum cs_rc schema_migrate(struct cs_db *db, int from, struct cs_error *err);

#endif /* CONSULT_SCHEMA_H */
