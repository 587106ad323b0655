/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dbpriv.h: the database handle's insides and the helpers every core module
 * shares (statement cache, transactions, roles, clock, strings).
 * Core-private: never included by front ends.
 *
 * The functions are defined at the bottom of the core, below the modules
 * that use them: errors, transactions and roles in handle.c, the small
 * tools in util.c. Opening a handle (db.c) sits on top of them all.
 */
#ifndef CONSULT_DBPRIV_H
#define CONSULT_DBPRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "consult/db.h"
#include "consult/error.h"

#define DB_STMT_CACHE 96    /* prepared statements kept per handle */

struct stmt_cache_slot {
    const char *sql;        /* the literal's address is the key */
    sqlite3_stmt *st;       /* prepared, reset, bindings cleared */
};

struct audit_state;         /* the journal's key and digests (audit.c) */

struct cs_db {
    sqlite3 *sql;           /* the connection */
    char *path;             /* as given to cs_db_open */
    char *login;            /* acting login */
    enum cs_role role;      /* its role, read at open and after user changes */
    int version_found;      /* user_version before migration */
    int txn_depth;          /* 0: no transaction; >1: savepoints */
    bool fts_terms;         /* temp.idea_fts_terms exists (search.c) */
    bool fts_rank;          /* similar_rank is registered (search.c) */
    enum cs_readonly readonly;  /* why it cannot be written, or _NO */
    char readonly_reason[512];  /* cs_db_readonly_reason, or "" */
    struct audit_state *audit;  /* key, digest mode; NULL until open */
    struct stmt_cache_slot cache[DB_STMT_CACHE];
};

/* ---------------------------------------------------------------- errors */

/* Turn SQLite result `src` into a cs_rc, copying sqlite3_errmsg at once. */
enum cs_rc db_error(struct cs_db *db, int src, struct cs_error *err);

/* Set err->field to `field` (err may be NULL) and return rc: for a value
 * checked by a shared parser (a date) that names a generic field. */
enum cs_rc error_rename_field(struct cs_error *err, const char *field,
                              enum cs_rc rc);

/* ---------------------------------------------------------------- transactions */

/*
 * Start a write: BEGIN IMMEDIATE at the outermost level (so the write lock
 * is taken up front and SQLITE_BUSY waits in the busy handler rather than
 * failing at the first write), a SAVEPOINT inside another transaction.
 */
enum cs_rc txn_begin_write(struct cs_db *db, struct cs_error *err);

/* Commit (rc == CS_OK) or undo (otherwise) what txn_begin_write started;
 * returns rc, or the commit's failure. */
enum cs_rc txn_end(struct cs_db *db, enum cs_rc rc, struct cs_error *err);

/* Run `sql` (no parameters, no results) directly. */
enum cs_rc db_exec(struct cs_db *db, const char *sql, struct cs_error *err);

/* ---------------------------------------------------------------- roles */

/* CS_OK if the acting login may do `op` (cs_db_can), else CS_EPERM with
 * a message saying which role is needed. Every core check goes through
 * here, so the core refuses exactly what the front ends do not offer. */
enum cs_rc op_require(struct cs_db *db, enum cs_op op, struct cs_error *err);

/* CS_OK if the acting login has at least `role` on the ladder viewer <
 * agent < admin (a coordinator passes for a viewer only), else CS_EPERM
 * with a message saying what is needed. Prefer op_require. */
enum cs_rc role_require(struct cs_db *db, enum cs_role role,
                        struct cs_error *err);

/* True if the acting login is admin, or an agent and `entered_by` is its
 * own login: who may change a record once entered. */
bool role_owns(const struct cs_db *db, const char *entered_by);

/* CS_OK if role_owns, CS_EPERM otherwise. */
enum cs_rc role_require_owner(struct cs_db *db, const char *entered_by,
                              struct cs_error *err);

/* ---------------------------------------------------------------- small tools */

/* The current UTC time, "YYYY-MM-DDTHH:MM:SS.mmmZ" (buf >= 32). */
void util_now(char buf[32]);

/*
 * Room for one more element in a growing array: returns `items` (moved if
 * needed) with capacity for more than `count` elements of `size` bytes,
 * doubling `*cap` when full, or NULL when out of memory (then `items` is
 * untouched and still owned by the caller).
 */
void *util_grow(void *items, size_t *cap, size_t count, size_t size);

/* True if `code` is 1 to 32 ASCII letters, digits or bytes of `extra`:
 * the short codes typed on forms and in files. */
bool util_code_ok(const char *code, const char *extra);

/* Whether year `y`, month `m` and day `d` make a date of the calendar,
 * in the years consult takes (1900 to 2999). */
bool util_ymd_ok(int y, int m, int d);

/* strdup that returns NULL for NULL. */
char *util_strdup(const char *s);

/* True if `s` is NULL or only blanks. */
bool util_is_blank(const char *s);

/*
 * A case- and accent-insensitive key for `s`: Unicode case folding and
 * compatibility decomposition (libunistring), combining marks dropped,
 * blanks collapsed to one space and trimmed. "  Élodie  DUPONT" and
 * "elodie dupont" give the same key. The caller frees `*out`.
 * Returns CS_OK, CS_EINVAL (not UTF-8), CS_ENOMEM.
 */
enum cs_rc util_fold(const char *s, char **out, struct cs_error *err);

/*
 * The key two titles are the same by (a theme's, in a file or typed):
 * util_fold's, with the apostrophe and quote variants (' ’ ʼ ‘ ...) made
 * one, the double quotes (" “ ” « ») one, and the dashes and the minus
 * sign (- ‐ – — −) one. The caller frees `*out`. Returns as util_fold.
 */
enum cs_rc util_fold_title(const char *s, char **out, struct cs_error *err);

/* A copy of `s` with leading and trailing blanks removed (NULL -> NULL). */
char *util_trim_dup(const char *s);

/* True if `s` is valid UTF-8 with no character that could disturb a
 * terminal: no control character but tab, newline and CR before a
 * newline, no bidirectional embedding, override or isolate. */
bool util_text_ok(const char *s);

/* util_text_ok as a check of field `field`: CS_OK, or CS_EINVAL with a
 * message naming the field and the character. */
enum cs_rc util_text_check(const char *s, const char *field,
                           struct cs_error *err);

/* util_text_check for a field of one line (a title, a name, a code, a
 * reference): no line break and no tab either. The texts that may hold
 * several lines are an idea's text, an official answer, a reason, a
 * comment or remark, a description and a postal address. */
enum cs_rc util_line_check(const char *s, const char *field,
                           struct cs_error *err);

#endif /* CONSULT_DBPRIV_H */
