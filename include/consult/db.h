/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * db.h: opening, creating and migrating a consult database.
 *
 * One SQLite file holds an organisation's consultations. It is opened in WAL
 * mode with foreign keys on and a busy timeout, so that several terminals can
 * work at once; writes use BEGIN IMMEDIATE and are short. The handle knows
 * who is acting (the OS login of the effective uid) and with which role;
 * every write checks that role and leaves a row in the audit log.
 */
#ifndef CONSULT_DB_H
#define CONSULT_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "consult/error.h"

/* The schema version this build writes (PRAGMA user_version). */
#define CS_SCHEMA_VERSION 4

struct cs_db;   /* opaque handle, like sqlite3 */

enum cs_role {
    CS_ROLE_NONE = 0,   /* login unknown to this database: no access */
    CS_ROLE_VIEWER,     /* reads and exports */
    CS_ROLE_AGENT,      /* enters and imports submissions, votes, tallies */
    CS_ROLE_ADMIN       /* everything */
};

enum cs_open_flags {
    CS_OPEN_CREATE = 1 << 0,    /* create the file if it does not exist */
    CS_OPEN_SHARED = 1 << 1,    /* a created file is 0660, not 0600 */
    CS_OPEN_READONLY = 1 << 2   /* no writes, no migration */
};

struct cs_open_opts {
    unsigned flags;         /* enum cs_open_flags, or-ed */
    int busy_timeout_ms;    /* wait this long for a lock; 0: 10000 */
    const char *login;      /* act as this login; NULL: the OS login */
};

/*
 * Open the consult database at `path`, creating it if CS_OPEN_CREATE is set.
 *
 * A new (or empty, zero-byte) file gets the current schema, and the acting
 * login becomes its first admin. An older schema is upgraded in one
 * transaction. `opts` may be NULL (defaults). `opts->login` is copied.
 *
 * Returns CS_OK and sets `*out` (close it with cs_db_close), CS_ENOTFOUND
 * (no file and no CS_OPEN_CREATE), CS_ECREATE (file cannot be created),
 * CS_ENOTDB (not SQLite, or SQLite without consult's marks), CS_EVERSION
 * (written by a newer consult), CS_EBUSY, CS_EIO, CS_ENOMEM.
 */
enum cs_rc cs_db_open(struct cs_db **out, const char *path,
                      const struct cs_open_opts *opts, struct cs_error *err);

/* Close `db` (NULL does nothing). */
void cs_db_close(struct cs_db *db);

/* The login acting on `db`; borrowed, lives as long as `db`. */
const char *cs_db_login(const struct cs_db *db);

/* The acting login's role, read when the database was opened. */
enum cs_role cs_db_role(const struct cs_db *db);

/* The file's path as opened; borrowed, lives as long as `db`. */
const char *cs_db_path(const struct cs_db *db);

/* The schema version found on disk before any migration at open. */
int cs_db_version_found(const struct cs_db *db);

/* "admin", "agent", "viewer" or "none" (untranslated, as stored). */
const char *cs_role_name(enum cs_role role);

/* Parse a role name; returns CS_EINVAL for anything else. */
enum cs_rc cs_role_parse(const char *name, enum cs_role *out,
                         struct cs_error *err);

/* The library's version string ("0.1.0"). */
const char *cs_version(void);

#endif /* CONSULT_DB_H */
