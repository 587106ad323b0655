/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * backup.h: a copy of the live database, and putting one back.
 *
 * A backup is made with SQLite's online backup while others keep working:
 * one read transaction copies every page, so the copy is the database as
 * it stood at one moment, whatever was written meanwhile. It is a single
 * file (rollback journal, no -wal or -shm to go with it) with a manifest
 * beside it (FILE.manifest): its size and SHA-256, and the head of the
 * audit log it holds (the last row's id and hash).
 *
 * A restore checks the copy before anything is replaced: its manifest
 * (size and SHA-256), PRAGMA integrity_check, that it is a consult
 * database, and its audit chain, row by row. The database being replaced
 * is first copied beside itself (DB.before-restore-YYYYMMDD-HHMMSS); the
 * copy is then written into the live database with the same online
 * backup, through SQLite's locks, so that other open connections see the
 * restored content and never a file swapped under them.
 */
#ifndef CONSULT_BACKUP_H
#define CONSULT_BACKUP_H

#include <stdbool.h>
#include <stdint.h>

#include "consult/audit.h"
#include "consult/db.h"

/* What a backup holds, as its manifest records it. */
struct cs_backup_info {
    uint64_t bytes;                 /* size of the copy */
    char sha256[CS_HASH_HEX];       /* SHA-256 of the copy, hex */
    int64_t audit_id;               /* the copy's last audit row, 0: none */
    char audit_head[CS_HASH_HEX];   /* ...and its hash ("" for none) */
    int schema;                     /* its schema version */
    char by[65];                    /* login that made it */
    char at[32];                    /* when, UTC */
};

/*
 * Copy the database of `db` into `path` (a regular file, replaced if it
 * exists, never the database itself) and write its manifest, `path`
 * followed by ".manifest". The copy is written under a temporary name and
 * renamed when complete; both files are 0600 (0660 when `shared`).
 * Needs CS_OP_BACKUP. `info` (may be NULL) receives what was recorded.
 *
 * Returns CS_OK, CS_EPERM, CS_EINVAL (path is the database), CS_ECREATE,
 * CS_EIO, CS_EBUSY, CS_ENOMEM.
 */
enum cs_rc cs_backup_write(struct cs_db *db, const char *path, bool shared,
                           struct cs_backup_info *info,
                           struct cs_error *err);

/*
 * Check the backup at `path` against its manifest (`path`.manifest):
 * size and SHA-256, PRAGMA integrity_check, a consult database this
 * build can open, an unbroken audit chain whose head is the one
 * recorded. Writes nothing. `info` (may be NULL) receives the manifest's
 * facts when it could be read.
 *
 * Returns CS_OK; CS_ENOTFOUND (no file or no manifest); CS_ECONFLICT (the
 * copy does not match its manifest, fails the integrity check, or its
 * audit chain is broken), with a message saying which; CS_ENOTDB,
 * CS_EVERSION, CS_EINVAL (not a backup manifest), CS_EIO, CS_ENOMEM.
 */
enum cs_rc cs_backup_check(const char *path, struct cs_backup_info *info,
                           struct cs_error *err);

/*
 * Replace the content of the database of `db` by the backup at `path`,
 * after cs_backup_check passes. The database as it was is first backed up
 * to `kept` (its path followed by ".before-restore-YYYYMMDD-HHMMSS"; at
 * least 64 bytes more than the path), with its manifest, so that restoring
 * `kept` undoes the restore; then the backup is written into it
 * with the online backup, and a "restore" row is added to the (restored)
 * audit log. Needs CS_OP_RESTORE, and a writable database.
 *
 * Returns CS_OK; what cs_backup_check returns (nothing replaced);
 * CS_EPERM, CS_EREADONLY, CS_EBUSY, CS_ECREATE, CS_EIO, CS_ENOMEM.
 */
enum cs_rc cs_backup_restore(struct cs_db *db, const char *path,
                             char *kept, size_t kept_size,
                             struct cs_error *err);

#endif /* CONSULT_BACKUP_H */
