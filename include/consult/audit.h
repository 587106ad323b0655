/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * audit.h: the append-only, hash-chained journal of every write.
 *
 * Every write made through libconsult adds one row in the same transaction:
 * who (login), when, what action on which table and row, the row's values
 * before and after as JSON, and a digest of every row of the data the
 * write left (an import: each row it brought). Triggers make SQLite itself
 * refuse any UPDATE or DELETE of the journal. Each row carries a hash of
 * its content and its digests chained with the previous row's hash: an
 * HMAC-SHA-256 under the key kept in a file beside the database (DB.key,
 * created by `consult init`), or, in a journal that has no key, a plain
 * SHA-256. cs_audit_check recomputes the chain and the digests, so that an
 * edit of the file made outside consult is found: of the journal, of the
 * data, or of the triggers. Without the key, someone who can write the
 * file could rewrite the journal consistently; with it, they cannot.
 */
#ifndef CONSULT_AUDIT_H
#define CONSULT_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"

#define CS_HASH_HEX 65          /* 64 hex digits and a NUL */

struct cs_audit_entry {
    int64_t id;
    char *at;                   /* UTC, "YYYY-MM-DDTHH:MM:SS.mmmZ" */
    char *actor;                /* login */
    char *action;               /* "add", "update", "status", "merge"... */
    char *tbl;                  /* table name */
    int64_t row_id;             /* row in that table, 0 when none */
    char *before;               /* JSON object, NULL for an addition */
    char *after;                /* JSON object, NULL for a deletion */
    char hash[CS_HASH_HEX];     /* this row's chained hash */
};

struct cs_audit_filter {
    const char *since;          /* cs_date_parse forms, or NULL */
    const char *actor;          /* login, or NULL */
    int64_t idea_id;            /* rows about this idea, its votes, tallies,
                                   comments and tags; 0: any */
};

/* Called once per entry, oldest first; return non-zero to stop early. */
typedef int (*cs_audit_fn)(const struct cs_audit_entry *e, void *arg);

/*
 * Walk the journal rows matching `f` (NULL: all), oldest first, calling `fn`
 * for each; the entry is borrowed for the duration of the call. Viewer or
 * above. Returns CS_OK (also when `fn` stopped early), CS_EINVAL (bad
 * date), CS_EPERM.
 */
enum cs_rc cs_audit_list(struct cs_db *db, const struct cs_audit_filter *f,
                         cs_audit_fn fn, void *arg, struct cs_error *err);

/*
 * Recompute the hash chain from the first row (the journal alone: see
 * cs_audit_check for the data). On success writes the number of rows
 * checked to `*rows` and the head hash to `head` (may be NULL). Keyed rows
 * are checked when the key can be read, else only their links. Returns
 * CS_OK when every row matches; CS_ECONFLICT with `*bad_id` set to the
 * first row whose content or link does not match (err->msg says which);
 * CS_EPERM. `rows`, `bad_id` and `head` may be NULL.
 */
enum cs_rc cs_audit_verify(struct cs_db *db, int64_t *rows, int64_t *bad_id,
                           char head[CS_HASH_HEX], struct cs_error *err);

/* ---------------------------------------------------------------- head */

/* A point of the chain: a journal row and its hash. */
struct cs_audit_head {
    int64_t id;                 /* journal row, 0 for an empty journal */
    char hash[CS_HASH_HEX];     /* its hash (64 zeros for an empty one) */
};

/*
 * The last row of the journal and its hash: what an export manifest, a
 * backup or an anchor records. Viewer or above. Returns CS_OK, CS_EPERM.
 */
enum cs_rc cs_audit_head(struct cs_db *db, struct cs_audit_head *out,
                         struct cs_error *err);

/*
 * Write the head of the chain to the file `path` (created or replaced,
 * mode 0644), so that a later `cs_audit_check` with it finds a journal
 * truncated below it or rewritten. The head written is copied to `*out`
 * (may be NULL). Returns CS_OK, CS_EPERM, CS_ECREATE or CS_EIO (the file).
 */
enum cs_rc cs_audit_anchor_write(struct cs_db *db, const char *path,
                                 struct cs_audit_head *out,
                                 struct cs_error *err);

/* Read an anchor written by cs_audit_anchor_write. Returns CS_OK, CS_EIO
 * (cannot read), CS_EINVAL (not an anchor file). */
enum cs_rc cs_audit_anchor_read(const char *path, struct cs_audit_head *out,
                                struct cs_error *err);

/* ---------------------------------------------------------------- check */

/* What a finding of cs_audit_check is about. */
enum cs_audit_problem {
    CS_AUDIT_CHAIN = 1,     /* a journal row missing, edited or re-hashed */
    CS_AUDIT_KEY,           /* the key does not match, or keying was undone */
    CS_AUDIT_TRIGGER,       /* a trigger guarding the journal dropped or
                               changed */
    CS_AUDIT_ANCHOR,        /* the journal is below the anchor, or differs */
    CS_AUDIT_ROW_CHANGED,   /* a row differs from what consult last wrote */
    CS_AUDIT_ROW_UNKNOWN,   /* a row consult never wrote */
    CS_AUDIT_ROW_GONE,      /* a row consult wrote, gone without a delete */
    CS_AUDIT_DERIVED        /* a kept count differs from its sources */
};

struct cs_audit_finding {
    enum cs_audit_problem kind;
    const char *tbl;            /* table, NULL for the journal as a whole */
    int64_t row_id;             /* its row (for idea_tag and idea_answer:
                                   the idea), 0 when none */
    int64_t audit_id;           /* journal row concerned, 0 when none */
    const char *text;           /* one translated sentence naming them */
};

/* Called once per finding; the finding is borrowed for the call. */
typedef void (*cs_audit_finding_fn)(const struct cs_audit_finding *f,
                                    void *arg);

/* How far the check could prove the journal. */
enum cs_audit_keying {
    CS_AUDIT_UNKEYED = 0,   /* no row is keyed, and there is no key */
    CS_AUDIT_KEYED,         /* keyed rows checked with the key */
    CS_AUDIT_KEY_MISSING    /* keyed rows, but the key cannot be read:
                               their hashes and the data are not proven */
};

struct cs_audit_report {
    int64_t rows;               /* journal rows read */
    struct cs_audit_head head;  /* the last row and its hash */
    enum cs_audit_keying keying;
    int64_t keyed_from;         /* first keyed row, 0 when none */
    int64_t unchecked;          /* keyed rows whose hash was not checked */
    int64_t data_rows;          /* rows of the data compared with the
                                   journal's digests */
    int64_t findings;           /* problems found (all reported to fn) */
    char key_path[512];         /* the key file looked for */
    char key_note[256];         /* why it cannot be used, "" if it can */
};

/*
 * Check the journal and the data against each other: the chain (each
 * row's hash, under the key from the row that began keying on), the
 * triggers that keep the journal append-only, every row of the covered
 * tables against the digest consult last recorded for it (a row that
 * differs, one consult never wrote, one gone without a deletion), the
 * counts kept by the core and by triggers against their sources, and,
 * if `anchor` is not NULL, that the journal still holds the anchor's row
 * with the anchor's hash. Each problem is passed to `fn` (may be NULL).
 *
 * Without the key (the file is missing or unreadable), the keyed rows'
 * hashes and the rows' contents cannot be proven: the report says so
 * (keying, key_note) and the rest is checked.
 *
 * Fills `*rep`. Viewer or above. Returns CS_OK when nothing was found,
 * CS_ECONFLICT when something was (err->msg counts them), CS_EPERM.
 */
enum cs_rc cs_audit_check(struct cs_db *db, const struct cs_audit_head *anchor,
                          struct cs_audit_report *rep, cs_audit_finding_fn fn,
                          void *arg, struct cs_error *err);

#endif /* CONSULT_AUDIT_H */
