/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * export.h: CSV exports of a database: the lists (ideas, votes, tallies,
 * comments, participants, the journal), the college's decisions, the
 * answers to send back to participants, and the figures the management
 * committee (CODIR) reads (summary, participation).
 *
 * Every export streams: rows are read with stepped statements and written
 * through the CSV writer (csv.h) as they come, so memory does not grow with
 * the number of ideas or votes. Each cell a spreadsheet would run as a
 * formula is neutralised by the writer. All the queries of one export run
 * in one read transaction: the file is one consistent picture even while
 * others write.
 *
 * Exports are reproducible: `as_of` gives the data as it stood at an
 * earlier moment, rebuilt from the journal's before/after values, and each
 * export reports (and cs_export_file writes beside the file, as a
 * manifest) what it was asked for, the journal position it reflects, its
 * row count and the SHA-256 of its bytes; cs_export_verify checks a file
 * against its manifest.
 *
 * Personal data follow a profile rather than ad-hoc flags: `open-data` (no
 * personal data, no staff logins, hidden content left out), `codir`
 * (authors and voters as a pseudonym that is stable within one export and
 * means nothing outside it) and `internal-contact` (names and contacts:
 * admin only, and the export itself is journaled).
 */
#ifndef CONSULT_EXPORT_H
#define CONSULT_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "consult/audit.h"
#include "consult/csv.h"
#include "consult/db.h"
#include "consult/idea.h"

/* ---------------------------------------------------------------- kinds */

enum cs_export_kind {
    CS_EXPORT_IDEAS = 0,        /* one row per idea or finding */
    CS_EXPORT_VOTES,            /* one row per vote */
    CS_EXPORT_TALLIES,          /* one row per tally */
    CS_EXPORT_COMMENTS,         /* one row per comment */
    CS_EXPORT_PARTICIPANTS,     /* one row per participant (admin only) */
    CS_EXPORT_AUDIT,            /* the journal, for an inspector */
    CS_EXPORT_DECISIONS,        /* ideas accepted, rejected, implemented */
    CS_EXPORT_SUMMARY,          /* the CODIR table: one row per theme */
    CS_EXPORT_PARTICIPATION,    /* who took part, how, and when */
    CS_EXPORT_ANSWERS,          /* official answers and whom to send them */
    CS_EXPORT_KIND_COUNT
};

enum cs_export_profile {
    CS_PROFILE_DEFAULT = 0,     /* the kind's default profile */
    CS_PROFILE_OPEN_DATA,       /* no personal data, hidden content left out */
    CS_PROFILE_CODIR,           /* pseudonymised authors and voters */
    CS_PROFILE_INTERNAL_CONTACT,/* names and contacts; admin only, journaled */
    CS_PROFILE_COUNT
};

/* "ideas", "votes"... (untranslated, as typed on the command line). */
const char *cs_export_kind_name(enum cs_export_kind kind);
/* Parse a kind name (case-insensitive). Returns CS_OK or CS_EINVAL. */
enum cs_rc cs_export_kind_parse(const char *s, enum cs_export_kind *out,
                                struct cs_error *err);

/* "open-data", "codir", "internal-contact" ("default" for DEFAULT). */
const char *cs_export_profile_name(enum cs_export_profile profile);
/* Parse a profile name (case-insensitive; "_" taken for "-").
 * Returns CS_OK or CS_EINVAL. */
enum cs_rc cs_export_profile_parse(const char *s,
                                   enum cs_export_profile *out,
                                   struct cs_error *err);

/*
 * The profile a kind uses when none is asked for: internal-contact for
 * participants and answers (they exist to reach people), open-data for
 * tallies (anonymous by nature), codir for every other kind.
 */
enum cs_export_profile cs_export_default_profile(enum cs_export_kind kind);

/* ---------------------------------------------------------------- options */

/* What to export and how. Strings are borrowed for the call. */
struct cs_export_options {
    enum cs_export_kind kind;
    enum cs_export_profile profile; /* CS_PROFILE_DEFAULT: the kind's */
    const char *consultation;   /* code; NULL: every consultation (summary
                                   and participation need one) */
    const char *theme;          /* theme code or title; needs consultation */
    int status;                 /* enum cs_status, or -1: any */
    int channel;                /* enum cs_channel, or -1: any */
    const char *since;          /* cs_date_parse forms, inclusive; or NULL */
    const char *until;          /* inclusive (a date alone: the whole day) */
    const char *submitted_until; /* the ideas whose form is dated on or
                                   before this (inclusive), and what was
                                   given on them; NULL: any */
    int64_t paper_batch_id;     /* the ideas of this paper batch (batch.h)
                                   and what was given on them; 0: any */
    const char *tag;            /* the ideas with this tag; NULL: any */
    const char *search;         /* the ideas that hold every word of this
                                   text, as the triage desk searches;
                                   NULL: any */
    enum cs_idea_order order;   /* ideas: the rows' order, the lists'
                                   (idea.h): CS_ORDER_ID (the default),
                                   DATE, SUPPORT, or RELEVANCE (needs
                                   `search`; as the triage desk ranks a
                                   search); ties by number. Other kinds
                                   and as_of come by number only */
    bool descending;            /* ideas: that order reversed (newest, most
                                   supported, best match first) */
    const char *as_of;          /* the data as it stood then; NULL: now.
                                   A date alone means the end of that day */
    size_t top;                 /* summary: the `top` most supported ideas
                                   of each theme go to the second file */
    bool by_channel;            /* summary: one row per channel (its ideas
                                   by status), not per theme */
    bool french_headers;        /* French column names for the committee */
    bool verify_journal;        /* check the whole journal's hash chain
                                   first (slow on a large journal) */
    bool shared;                /* files created 0660 rather than 0600 */
    struct cs_csv_writer_options csv; /* delimiter, CRLF, BOM */
};

/* Fill `o` with the defaults: ideas, default profile, no filter, RFC 4180
 * with LF. */
void cs_export_options_init(struct cs_export_options *o);

/* ---------------------------------------------------------------- result */

/* What an export wrote and the state it reflects (the manifest's facts). */
struct cs_export_result {
    enum cs_export_kind kind;
    enum cs_export_profile profile;     /* the profile used (never DEFAULT) */
    int64_t rows;               /* data rows, header not counted */
    uint64_t bytes;             /* bytes written, BOM included */
    char sha256[CS_HASH_HEX];   /* SHA-256 of those bytes, lower-case hex */
    int64_t top_rows;           /* the same for the summary's top file */
    uint64_t top_bytes;
    char top_sha256[CS_HASH_HEX];
    int64_t audit_id;           /* last journal row the data reflect, 0 for
                                   an empty journal */
    char audit_head[CS_HASH_HEX]; /* that row's chained hash ("" if none) */
    bool audit_verified;        /* the chain up to it was recomputed */
    char as_of[32];             /* the as-of time asked, normalised; "" */
    char at[32];                /* when the export ran (UTC) */
    char by[65];                /* the acting login */
    char database_id[CS_DB_ID_HEX]; /* the database's id (cs_db_id) */
};

/* ---------------------------------------------------------------- running */

/*
 * Write the export `opt` describes as CSV to `out` and, for a summary with
 * opt->top > 0, the top ideas of each theme to `top_out` (NULL: no top
 * file). Streams are borrowed and flushed, not closed. On success `*res`
 * (may be NULL) says what was written.
 *
 * Viewer or above. Participants exports and the internal-contact profile
 * need the admin role, and leave one journal row (action "export", table
 * "export") before any data is read. A filter that does not apply to the
 * kind is refused, as is open-data for participants and the journal.
 *
 * Returns CS_OK; CS_EINVAL (a bad date or option, a filter that does not
 * apply; err->field names the option: "as_of", "since", "theme"...);
 * CS_ENOTFOUND (consultation or theme; an as_of before the first idea
 * was entered, for every kind but the journal); CS_EPERM (role); CS_ECONFLICT
 * (verify_journal and the chain is broken); CS_EIO (a write failed);
 * CS_EBUSY; CS_ENOMEM. On failure part of the output may have been
 * written.
 */
enum cs_rc cs_export_write(struct cs_db *db,
                           const struct cs_export_options *opt, FILE *out,
                           FILE *top_out, struct cs_export_result *res,
                           struct cs_error *err);

/*
 * cs_export_write into the file `path`, and its manifest. A regular file
 * (or a new one) appears only complete: it is written beside its final
 * name (NAME.tmp-PID-XXXXXX, the stale ones of a killed writer removed
 * first) and renamed at the end; a failure leaves no file behind (and an
 * existing one untouched). A device or a pipe ("/dev/null", a FIFO) is
 * written through, never replaced, and gets no manifest unless one is
 * named; "-" is standard output; a symbolic link is kept, the file it
 * names replaced. `top_path` is the summary's top file (NULL: `path` with
 * "-top" before its extension, "summary.csv" -> "summary-top.csv"; ignored
 * unless opt->top > 0). `manifest` is the manifest's path (NULL: `path`
 * followed by ".manifest"; "": no manifest). Every file created is mode
 * 0600 (0660 with opt->shared), whatever the umask.
 *
 * Returns what cs_export_write returns, and CS_ECREATE (a file cannot be
 * created or renamed; the message names it).
 */
/* True when `path` is written through rather than replaced by
 * cs_export_file: "-", a device, a pipe, a socket, or a name of one of the
 * process's descriptors ("/dev/stdout", "/proc/self/fd/1"), directly or by
 * symbolic links. */
bool cs_export_is_stream(const char *path);

enum cs_rc cs_export_file(struct cs_db *db,
                          const struct cs_export_options *opt,
                          const char *path, const char *top_path,
                          const char *manifest, struct cs_export_result *res,
                          struct cs_error *err);

/*
 * Write the manifest of an export already made (by cs_export_write to a
 * stream) to `manifest`: the export's options, `res`, and the names of the
 * data file `path` and top file `top_path` (either may be NULL or "-" when
 * the data went to a stream). Plain text, one "key: value" per line.
 * Returns CS_OK, CS_ECREATE, CS_EIO.
 */
enum cs_rc cs_export_manifest_write(const char *manifest,
                                    const struct cs_export_options *opt,
                                    const char *path, const char *top_path,
                                    const struct cs_export_result *res,
                                    struct cs_error *err);

/* ---------------------------------------------------------------- verifying */

/* What cs_export_verify found. */
struct cs_export_check {
    char kind[32];              /* the manifest's kind */
    int64_t rows;               /* data rows counted in the file */
    int64_t manifest_rows;      /* rows the manifest records */
    uint64_t bytes;             /* the file's size */
    uint64_t manifest_bytes;
    char sha256[CS_HASH_HEX];   /* the file's SHA-256 */
    char manifest_sha256[CS_HASH_HEX];
    bool sha256_ok, rows_ok, bytes_ok;
    bool top_checked;           /* the manifest names a top file too */
    bool top_ok;                /* and it matches */
    int64_t audit_id;           /* the manifest's journal position */
    char audit_head[CS_HASH_HEX];
    char database_id[CS_DB_ID_HEX]; /* the database it was made from; ""
                                   when the manifest names none */
};

/*
 * Check the export file `path` against its manifest (`manifest`, NULL:
 * `path` followed by ".manifest"): SHA-256, size and data row count, and
 * the top file's when the manifest names one (looked for beside the
 * manifest). Needs no database. `out` (may be NULL) is written in every
 * case where both files could be read.
 *
 * Returns CS_OK when everything matches; CS_ECONFLICT when something
 * differs (err->msg says what: "the SHA-256 differs; 119 rows, the
 * manifest says 120"); CS_EIO (a file cannot be read; CS_ENOTFOUND when
 * it does not exist); CS_EINVAL (not a consult manifest).
 */
enum cs_rc cs_export_verify(const char *path, const char *manifest,
                            struct cs_export_check *out,
                            struct cs_error *err);

/*
 * Check that the journal of `db` still holds, at the manifest's position,
 * the row the manifest names (its hash is the same): the export reflects
 * a state this database really went through. Viewer or above.
 * Returns CS_OK, CS_ECONFLICT (the row is missing or differs), CS_EPERM.
 */
enum cs_rc cs_export_check_journal(struct cs_db *db,
                                   const struct cs_export_check *chk,
                                   struct cs_error *err);

#endif /* CONSULT_EXPORT_H */
