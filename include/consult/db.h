/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * db.h: opening, creating and migrating a consult database.
 *
 * One SQLite file holds an organisation's consultations. It is opened in WAL
 * mode with foreign keys on and a busy timeout, so that several terminals can
 * work at once; writes use BEGIN IMMEDIATE and are short. The handle knows
 * who is acting (the OS login of the real uid) and with which role;
 * every write checks that role and leaves a row in the audit log.
 */
#ifndef CONSULT_DB_H
#define CONSULT_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "consult/error.h"

/* The schema version this build writes (PRAGMA user_version). */
#define CS_SCHEMA_VERSION 14

struct cs_db;   /* opaque handle, like sqlite3 */

enum cs_role {
    CS_ROLE_NONE = 0,   /* login unknown to this database: no access */
    CS_ROLE_VIEWER,     /* reads and exports */
    CS_ROLE_COORDINATOR,/* reads everything, prepares sessions, exports
                           answers, letters and contact lists (journaled);
                           enters nothing and triages nothing */
    CS_ROLE_AGENT,      /* enters and imports submissions, votes, tallies */
    CS_ROLE_ADMIN       /* everything */
};

/*
 * What a user may do. Each operation has the roles that may do it
 * (cs_role_can); the core's own checks, the terminal interface's keys and
 * the command line all ask this one table. The roles are not a ladder: a
 * coordinator sees and exports personal data, which an agent does not,
 * but keys in nothing, which an agent does.
 */
enum cs_op {
    CS_OP_ANY = 0,          /* nothing to check: help, quit, moving about */
    CS_OP_READ,             /* read consultations, ideas, figures, journal;
                               open exports */
    CS_OP_ADD_IDEA,         /* key in an idea or a finding */
    CS_OP_EDIT_IDEA,        /* change an idea's text or classification:
                               an admin any idea, an agent those it entered
                               (cs_idea_can_edit asks for one idea) */
    CS_OP_VOTE,             /* record votes and workshop tallies */
    CS_OP_COMMENT,          /* add a comment */
    CS_OP_IMPORT,           /* import a file of submissions */
    CS_OP_SET_STATUS,       /* decide: a status, its official answer; an
                               import that sets statuses, answers or tags */
    CS_OP_HIDE,             /* hide an idea or a comment (moderation) */
    CS_OP_MERGE,            /* merge duplicates, undo a merge */
    CS_OP_TAG,              /* add and take off tags */
    CS_OP_SEE_HIDDEN,       /* read hidden comments */
    CS_OP_SEE_PERSONAL,     /* read participants' names and contacts */
    CS_OP_EXPORT_PERSONAL,  /* export answers and contact lists */
    CS_OP_UNDO_IMPORT,      /* take an import batch back */
    CS_OP_TEMPLATES,        /* write and delete answer templates */
    CS_OP_CONSULTATIONS,    /* add consultations and themes, change states,
                               load the demo */
    CS_OP_MANAGE_USERS,     /* add, change and delete users */
    CS_OP_ANONYMISE,        /* erase a participant's personal fields */
    CS_OP_BATCHES,          /* add and close paper batches; settle the
                               disputed fields of a double-entry batch */
    CS_OP_BATCH_CLOSE_DIFF, /* close a paper batch whose keyed count
                               differs from its control total (with the
                               reason) */
    CS_OP_BACKUP,           /* copy the whole database (personal data
                               included) to a backup file */
    CS_OP_RESTORE,          /* replace the database by a backup */
    CS_OP_SESSIONS,         /* prepare committee sessions: add them, put
                               ideas on their agendas, list attendees
                               (deciding and closing: CS_OP_SET_STATUS) */
    CS_OP_PUBLISH,          /* publish held answers (a session's, or a
                               consultation's) */
    CS_OP_COUNT
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
 * Creating a database, or upgrading one from before keyed journals, also
 * creates its key file, the database path and ".key" (audit.h), unless its directory cannot be written.
 *
 * A database that cannot be written (see enum cs_readonly) is opened
 * read-only, without creating any file beside it when none is there;
 * opening never writes unless the schema must be created or upgraded.
 *
 * Returns CS_OK and sets `*out` (close it with cs_db_close), CS_ENOTFOUND
 * (no file and no CS_OPEN_CREATE), CS_ECREATE (file cannot be created),
 * CS_ENOTDB (not SQLite, or SQLite without consult's marks), CS_EVERSION
 * (written by a newer consult, or an older one needing an upgrade that a
 * read-only database cannot take), CS_EBUSY, CS_EIO, CS_ENOMEM.
 */
enum cs_rc cs_db_open(struct cs_db **out, const char *path,
                      const struct cs_open_opts *opts, struct cs_error *err);

/* Close `db` (NULL does nothing). */
void cs_db_close(struct cs_db *db);

/* The login acting on `db`; borrowed, lives as long as `db`. */
const char *cs_db_login(const struct cs_db *db);

/* The acting login's role, read when the database was opened. */
enum cs_role cs_db_role(const struct cs_db *db);

/* True if role `role` may do `op` (CS_OP_ANY: always). */
bool cs_role_can(enum cs_role role, enum cs_op op);

/* True if the acting login may do `op` on `db`: what keys, menus and
 * commands offer. The core checks the same table when it is asked to do
 * it, and refuses with CS_EPERM. */
bool cs_db_can(const struct cs_db *db, enum cs_op op);

/* The first role that may do `op`, in the order viewer, coordinator,
 * agent, admin (CS_ROLE_NONE for CS_OP_ANY): the role a refusal names. */
enum cs_role cs_op_role(enum cs_op op);

/* "set-status", "merge"...: the operation's name (untranslated), as the
 * command line and the journal of refusals write it; "?" if unknown. */
const char *cs_op_name(enum cs_op op);

/* True if `op` changes the database (every operation but reading, seeing,
 * backing up and CS_OP_ANY): what a read-only database turns off. */
bool cs_op_writes(enum cs_op op);

/*
 * Why a database cannot be written, as cs_db_open found it. A database
 * whose file, directory or file system is read-only, or whose disk is too
 * full to read it in WAL mode, is opened read-only rather than refused:
 * reads and exports work, and every write fails with CS_EREADONLY naming
 * the cause.
 */
enum cs_readonly {
    CS_READONLY_NO = 0,     /* writable */
    CS_READONLY_ASKED,      /* opened with CS_OPEN_READONLY */
    CS_READONLY_FILE,       /* the file is not writable by this user */
    CS_READONLY_DIR,        /* its directory is not (SQLite must create
                               the -wal and -shm files there) */
    CS_READONLY_FS,         /* the file system is mounted read-only */
    CS_READONLY_FULL        /* the disk is full */
};

/* Whether `db` was opened writable, and if not why. */
enum cs_readonly cs_db_readonly(const struct cs_db *db);

/* True if `db` may be written (cs_db_readonly is CS_READONLY_NO); a write
 * can still fail later when the disk fills up (CS_EREADONLY). */
bool cs_db_is_writable(const struct cs_db *db);

/* Why `db` cannot be written, as a translated clause naming the cause and
 * the file ("the database file /x/c.db is read-only"), or "" when it is
 * writable. Borrowed, lives as long as `db`. */
const char *cs_db_readonly_reason(const struct cs_db *db);

/* The file's path as opened; borrowed, lives as long as `db`. */
const char *cs_db_path(const struct cs_db *db);

/*
 * A number that grows with every write anyone makes to the database (the
 * journal's newest row; every write adds one). A screen compares it with
 * the one it last read to learn, in one cheap query, that it should read
 * its rows again. Returns CS_OK, CS_EBUSY.
 */
enum cs_rc cs_db_change_mark(struct cs_db *db, int64_t *mark,
                             struct cs_error *err);

/* The schema version found on disk before any migration at open. */
int cs_db_version_found(const struct cs_db *db);

/* Size of a database id: 32 hex digits and the NUL. */
#define CS_DB_ID_HEX 33

/*
 * The database's id: 32 random hex digits given when it was created (or
 * upgraded to schema version 12), never changed. Every export's manifest
 * names it, so that an import knows whether a file's idea numbers are
 * this database's own (an idea number means something only in its own
 * database; between desks, ideas are named by their form reference).
 * `out` is "" for a database that has none (an older file opened
 * read-only). Any role. Returns CS_OK, CS_EBUSY.
 */
enum cs_rc cs_db_id(struct cs_db *db, char out[CS_DB_ID_HEX],
                    struct cs_error *err);

/* "admin", "coordinator", "agent", "viewer" or "none" (untranslated, as
 * stored). */
const char *cs_role_name(enum cs_role role);

/* Parse a role name; returns CS_EINVAL for anything else. */
enum cs_rc cs_role_parse(const char *name, enum cs_role *out,
                         struct cs_error *err);

/* The library's version string ("0.1.0"). */
const char *cs_version(void);

#endif /* CONSULT_DB_H */
