/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * audit_priv.h: how core modules write the journal. Each write function
 * calls one of these inside its own write transaction, so the journal row
 * commits or rolls back with the change it describes.
 *
 * A journal row records the digest of the row it names (`tbl`, `row_id`)
 * as the write left it, and, for a row about an idea's decisions, of the
 * idea's tags and answers. A write that changes other rows too (an import,
 * a new tag, an undo) names them with audit_touch before its journal row
 * is written, after the rows are changed: the next journal row records
 * them as they then stand.
 */
#ifndef CONSULT_AUDIT_PRIV_H
#define CONSULT_AUDIT_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <nettle/sha2.h>

#include "consult/audit.h"
#include "dbpriv.h"

/*
 * Append a journal row with explicit JSON `before` and `after` (either may
 * be NULL). `idea_id` (0: none) ties the row to an idea for
 * `consult audit list --idea`. Refused (CS_EPERM) when the journal is
 * keyed and its key cannot be read.
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

/*
 * Have the next journal row record the digest of row `row_id` of `tbl`
 * (for idea_tag and idea_answer: of the idea `row_id`'s tags or answers).
 * For many rows at once, a caller inserts (tbl, row_id) pairs into
 * temp.audit_touch itself, with INSERT OR IGNORE.
 */
enum cs_rc audit_touch(struct cs_db *db, const char *tbl, int64_t row_id,
                       struct cs_error *err);

/* Have the next journal row record every row of `tbl` that import batch
 * `batch_id` wrote, read by the table's batch_id (an import's hundreds of
 * thousands of rows without a row each in temp.audit_touch). `tbl` is one
 * an import writes: comment, idea, participant, tally or vote. */
enum cs_rc audit_touch_batch(struct cs_db *db, const char *tbl,
                             int64_t batch_id, struct cs_error *err);

/* Have the next journal row record every row of every covered table: a
 * schema upgrade, which may rewrite rows, records them as it left them. */
enum cs_rc audit_touch_all(struct cs_db *db, struct cs_error *err);

/* cs_audit_verify without its role check: for a database that is not
 * the one worked on (a backup being checked before a restore), where the
 * acting login may be no user at all. */
enum cs_rc audit_verify_chain(struct cs_db *db, int64_t *rows,
                              int64_t *bad_id, char head[CS_HASH_HEX],
                              struct cs_error *err);

/* ---------------------------------------------------------------- handle */

/*
 * Set up the journal's side of an open handle: the digest functions, the
 * temporary table of touched rows, and the key read from `key_path` (NULL:
 * the database path and ".key"). A missing or unreadable key is not an
 * error here (writes to a keyed journal are refused later). Returns CS_OK,
 * CS_ENOMEM, or an SQLite failure.
 */
enum cs_rc audit_open(struct cs_db *db, const char *key_path,
                      struct cs_error *err);

/*
 * Create the key file if there is none: 32 random bytes in hex, mode 0600
 * (0640 when the database is group-writable, so that its group may key
 * rows too). A directory where it cannot be created (read-only, no
 * permission) leaves the journal unkeyed. Returns CS_OK, CS_EIO.
 */
enum cs_rc audit_key_create(struct cs_db *db, struct cs_error *err);

/* Write the key to `path` (a backup's: the backup's path and ".key"),
 * created or replaced with `mode` less any write or other bits, so that
 * the backup's journal can be checked with it. Nothing without a usable
 * key. Returns CS_OK, CS_ECREATE, CS_EIO. */
enum cs_rc audit_key_copy(const struct cs_db *db, const char *path,
                          mode_t mode, struct cs_error *err);

/* Remove the key file if audit_key_create made it during this open (a
 * database whose creation failed). */
void audit_key_discard(struct cs_db *db);

/* Free what audit_open set up (NULL-safe on a handle never opened). */
void audit_close(struct cs_db *db);

/* ---------------------------------------------------------------- check */

/* For audit_check.c: what the key and the chain's hashing offer. */

/* The key's state in the handle. */
enum audit_key_state {
    AUDIT_KEY_NONE = 0,     /* no key file */
    AUDIT_KEY_OK,           /* read */
    AUDIT_KEY_UNREADABLE,   /* there, but cannot be read */
    AUDIT_KEY_BAD           /* not a consult key */
};

/* The key's state; `path` gets the key file's path and `note` (may be
 * NULL) why it cannot be used ("" when it can). Borrowed until close. */
enum audit_key_state audit_key_state(const struct cs_db *db,
                                     const char **path, const char **note);

/* The key's fingerprint, 16 hex digits (as the "key" journal row records
 * it); "" when there is no usable key. */
void audit_key_id(const struct cs_db *db, char out[17]);

/* Compute digests (consult_digest) under the key (true) or plainly. */
void audit_digest_keyed(struct cs_db *db, bool keyed);

/* The hash of a journal row in `format` (1: SHA-256 without digests, 2:
 * SHA-256, 3: HMAC-SHA-256 under the key, which must be OK). */
void audit_hash_row(const struct cs_db *db, int format, int64_t id,
                    const char *at, const char *actor, const char *action,
                    const char *tbl, int64_t row_id, int64_t idea_id,
                    const char *before, const char *after,
                    const char *rows_hash, const char *prev,
                    char out[CS_HASH_HEX]);

/* Digests of a journal row's entries, fed in (tbl, row_id) order. */
struct audit_rows_hash {
    struct sha256_ctx ctx;      /* over the entries fed so far */
    int64_t n;                  /* entries fed */
};
void audit_rows_hash_init(struct audit_rows_hash *h);
void audit_rows_hash_add(struct audit_rows_hash *h, const char *tbl,
                         int64_t row_id, const void *digest, int len);
/* The hex hash, or "" when no entry was fed (rows_hash is then NULL). */
void audit_rows_hash_end(struct audit_rows_hash *h, char out[CS_HASH_HEX]);

/* A covered table: its name, whether its rows are keyed by idea (all of
 * an idea's tags, or answers, are one digest), and the query giving the
 * key and the digest of every row, in key order. */
struct audit_cover {
    const char *tbl;
    bool by_idea;
    const char *one_sql;        /* digest of :id, NULL when absent */
    const char *all_sql;        /* (key, digest) of every row, by key */
    const char *touch_sql;      /* touch every row */
    const char *put_sql;        /* digest every touched row under :aid */
    const char *batch_sql;      /* digest every row of import batch
                                   :batch under :aid, if not yet; NULL for
                                   a table no import writes */
};

/* The covered tables, sorted by name; `*n` gets their number. */
const struct audit_cover *audit_covered(size_t *n);

#define AUDIT_ZERO_HASH \
    "0000000000000000000000000000000000000000000000000000000000000000"

#endif /* CONSULT_AUDIT_PRIV_H */
