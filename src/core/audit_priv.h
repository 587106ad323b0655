/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * audit_priv.h: how core modules write the journal. Each write function
 * calls one of these inside its own write transaction, so the journal row
 * commits or rolls back with the change it describes.
 */
#ifndef CONSULT_AUDIT_PRIV_H
#define CONSULT_AUDIT_PRIV_H

#include <stdint.h>

#include "consult/audit.h"
#include "dbpriv.h"

/*
 * Append a journal row with explicit JSON `before` and `after` (either may
 * be NULL). `idea_id` (0: none) ties the row to an idea for
 * `consult audit list --idea`.
 */
enum cs_rc audit_write_raw(struct cs_db *db, const char *action,
                           const char *tbl, int64_t row_id, int64_t idea_id,
                           const char *before, const char *after,
                           struct cs_error *err);

/* Append a journal row whose "after" is the row `row_id` of `tbl` as it
 * is now (NULL if it no longer exists). */
enum cs_rc audit_write(struct cs_db *db, const char *action, const char *tbl,
                       int64_t row_id, int64_t idea_id, const char *before,
                       struct cs_error *err);

/* Row `row_id` of `tbl` as a JSON object; `*json` is NULL if there is no
 * such row. The caller frees `*json`. */
enum cs_rc audit_snapshot(struct cs_db *db, const char *tbl, int64_t row_id,
                          char **json, struct cs_error *err);

/* cs_audit_verify without its role check: for a database that is not
 * the one worked on (a backup being checked before a restore), where the
 * acting login may be no user at all. */
enum cs_rc audit_verify_chain(struct cs_db *db, int64_t *rows,
                              int64_t *bad_id, char head[CS_HASH_HEX],
                              struct cs_error *err);

#endif /* CONSULT_AUDIT_PRIV_H */
