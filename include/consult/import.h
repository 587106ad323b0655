/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import.h: importing CSV files of ideas, votes, tallies and participants.
 *
 * Agents transcribe paper forms into spreadsheets, field staff send a
 * spreadsheet, other platforms export CSV: the importer takes what people
 * have (see csv.h for encodings, delimiters and quoting), matches the
 * columns by name in French or English (or as told by a mapping), checks
 * every row as the core's own calls do, and never loses or doubles a row:
 *
 * - a row it refuses goes to a reject file (the row as it was, its line in
 *   the input and the reason, in the user's language), ready to be fixed
 *   and imported again;
 * - one file is one transaction: the accepted rows are all in, or none
 *   (an interrupted or killed import leaves the database as it was);
 * - importing the same file again adds nothing (the file's SHA-256 is kept
 *   in its import batch), a form reference already in the consultation is a
 *   duplicate, not a second idea, and a vote already there is not doubled;
 * - each import is an import batch, in the audit journal too, that an
 *   admin can undo as a whole.
 *
 * Column names, aliases and rules are documented in consult-csv(5).
 */
#ifndef CONSULT_IMPORT_H
#define CONSULT_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "consult/csv.h"
#include "consult/db.h"

/* What a file holds. */
enum cs_import_kind {
    CS_IMPORT_IDEAS = 0,        /* submissions: ideas and findings */
    CS_IMPORT_VOTES,            /* one participant supports one idea */
    CS_IMPORT_TALLIES,          /* anonymous counts per idea and source */
    CS_IMPORT_PARTICIPANTS,     /* people, before they contribute */
    CS_IMPORT_COMMENTS,         /* remarks on ideas, with their threads */
    CS_IMPORT_KIND_COUNT
};

/* "ideas", "votes", "tallies", "participants", "comments" (as stored;
 * untranslated). */
const char *cs_import_kind_name(enum cs_import_kind kind);

/* Parse a kind as a user types it, in English or French ("idées",
 * "comptages"), case- and accent-insensitively. CS_OK or CS_EINVAL. */
enum cs_rc cs_import_kind_parse(const char *s, enum cs_import_kind *out,
                                struct cs_error *err);

/*
 * The canonical column names of `kind`, in template order; `*n` gets their
 * number. Static storage. They are the field names --map takes.
 */
const char *const *cs_import_fields(enum cs_import_kind kind, size_t *n);

/* ---------------------------------------------------------------- platforms */

/* The participation platforms whose exports an import reads as they are
 * (--from): each one's columns, its ids kept as form references prefixed
 * with its name ("decidim:123"), the web as channel, its vote counts as
 * one tally per idea whose source is the platform. */
enum cs_import_platform {
    CS_PLATFORM_NONE = 0,       /* the generic columns (record.h) */
    CS_PLATFORM_DECIDIM,
    CS_PLATFORM_CONSUL,
    CS_PLATFORM_CAPCOLLECTIF,
    CS_PLATFORM_COUNT
};

/* "decidim", "consul", "capcollectif"; "" for none. */
const char *cs_import_platform_name(enum cs_import_platform p);

/* The platform's name as shown, and as the source of its tallies
 * ("Decidim", "CONSUL", "Cap Collectif"). */
const char *cs_import_platform_label(enum cs_import_platform p);

/* Parse a platform as typed ("decidim", "Cap Collectif", "cap-collectif"),
 * case- and punctuation-insensitively. CS_OK or CS_EINVAL. */
enum cs_rc cs_import_platform_parse(const char *s,
                                    enum cs_import_platform *out,
                                    struct cs_error *err);

/* ---------------------------------------------------------------- import */

/* "Read field FIELD from column HEADER"; HEADER NULL or "" means "this
 * field has no column" (a column that would match it is then ignored). */
struct cs_import_map {
    const char *field;          /* a name cs_import_fields gives */
    const char *header;         /* matched like any header: case and
                                   accents ignored */
};

/*
 * How an import reads the header `headers` (`n` cells) of a file of kind
 * `kind`, after the mapping `map` (`nmap` of them, as
 * cs_import_options.map): fields[i] (the caller's array of `n`) is set to
 * the field column i feeds (a name cs_import_fields gives), or NULL when
 * nothing reads it (an unknown header, a second column for a field
 * already fed, a reject file's own columns, or a field the map sets
 * aside). `has_consultation` and `has_theme`: the import gives a default
 * consultation or theme (cs_import_options), so a file without that
 * column is still whole.
 * Returns CS_OK; CS_EINVAL with `fields` filled all the same when a
 * column the kind needs is missing (err->field names the field, the
 * message the headers it is read from), or with `fields` all NULL for a
 * bad mapping (err->field "map"); CS_ENOMEM.
 */
enum cs_rc cs_import_columns(enum cs_import_kind kind,
                             const char *const *headers, size_t n,
                             const struct cs_import_map *map, size_t nmap,
                             bool has_consultation, bool has_theme,
                             const char **fields, struct cs_error *err);

/* How far an import has gone, for a progress display. */
struct cs_import_progress {
    long rows;                  /* data rows read so far */
    long imported;              /* of which accepted */
    long rejected;              /* of which refused */
    long duplicates;            /* of which already there */
    uint64_t bytes;             /* input bytes read */
    uint64_t total;             /* input size, 0 when unknown */
};

/* Called after each block of input (about every 64 KiB); borrowed `p`.
 * Return false to stop: the import is then rolled back and returns
 * CS_ECANCELED. */
typedef bool (*cs_import_progress_fn)(void *ctx,
                                      const struct cs_import_progress *p);

/* Import options; a zeroed struct (or NULL) means "detect everything,
 * default reject file, import for real". Strings are borrowed for the call. */
struct cs_import_options {
    const char *consultation;   /* code, for rows without a consultation
                                   column (or with it empty) */
    const char *theme;          /* code or title, for ideas without one */
    enum cs_csv_encoding encoding; /* CS_CSV_ENC_AUTO: detect */
    char delimiter;             /* 0: sniff among , ; TAB */
    const struct cs_import_map *map;    /* `nmap` mappings, or NULL */
    size_t nmap;
    const char *rejects_path;   /* NULL: beside the input, its name with
                                   ".rejects.csv" for its extension */
    bool dry_run;               /* check and report, then roll back */
    bool shared;                /* reject file created 0660, not 0600 */
    bool all_or_nothing;        /* one refused row refuses the file */
    cs_import_progress_fn progress;     /* may be NULL */
    void *progress_ctx;
    int64_t paper_batch_id;     /* ideas: the paper batch (batch.h) every
                                   idea added goes into; open, not double
                                   entry, and the consultation of the rows
                                   (the default one when they name none);
                                   0: none */
    const char *channel;        /* the channel of every row that gives
                                   none (cs_channel_parse); NULL: paper,
                                   or the web with a platform */
    enum cs_import_platform from; /* ideas and comments: the file is this
                                   platform's export */
    bool create_themes;         /* ideas: add the themes the file names
                                   that the consultation lacks (title from
                                   the file, a code made from it; admin) */
    bool keep_duplicates;       /* ideas: import a row without a form
                                   reference even when an idea of the same
                                   text, theme and author is there */
    bool force_kind;            /* import as `kind` even when the columns
                                   fit another kind better */
    bool no_verify;             /* import a file that fails the manifest
                                   beside it (FILE.manifest) */
};

/* A theme a file names that its consultation lacks. */
struct cs_import_missing_theme {
    char *title;                /* owned: as the file first spells it */
    long rows;                  /* rows naming it (all refused) */
};

/* What an import did. */
struct cs_import_report {
    enum cs_import_kind kind;
    long rows_read;             /* data rows (empty lines not counted) */
    long imported;              /* rows added (dry run: would be added) */
    long rejected;              /* rows refused, all in the reject file */
    long duplicates;            /* rows already in the database: skipped */
    long participants_created;  /* new participants (authors, voters...) */
    long counts_replaced;       /* platform vote counts of ideas already
                                   there, replaced by this file's */
    char **unknown_columns;     /* owned: headers matching no field */
    size_t unknown_count;
    enum cs_csv_encoding encoding;  /* of the input */
    bool encoding_detected;     /* false when forced */
    char delimiter;
    bool delimiter_sniffed;     /* false when forced */
    int64_t batch_id;           /* the import batch; 0 when none was kept
                                   (dry run, refused, already imported) */
    int64_t previous_batch;     /* the file was already imported as this
                                   batch: nothing was added; else 0 */
    char checksum[65];          /* SHA-256 of the file, hex */
    char *rejects_path;         /* owned: the reject file written, NULL
                                   when no row was refused */
    bool dry_run;               /* nothing was written to the database */
    long same_text;             /* ideas: of the duplicates, rows without
                                   a form reference whose text, theme and
                                   author were there */
    long themes_created;        /* with create_themes (dry run: would be) */
    struct cs_import_missing_theme *missing_themes; /* owned: each theme
                                   the rows name that is missing, once,
                                   in the order met */
    size_t nmissing_themes;
    long several_ideas;         /* votes: rows listing several ideas in
                                   one cell; each idea is one vote, and
                                   imported and duplicates count votes */
    long late;                  /* of the rows imported, late paper,
                                   workshop or phone contributions taken
                                   by a closed consultation (dated on or
                                   before its closing date) */
    long consents_withdrawn;    /* participants found again whose consent
                                   a "no" in the consent column took back */
    bool no_consent_column;     /* ideas: the file has no consent column */
    long unanswerable;          /* ideas without a consent column: the
                                   authors of the file's ideas who cannot
                                   be answered (no email with consent, no
                                   postal address, no service) */
    enum cs_import_kind looks_like; /* refused because the columns fit
                                   this kind better; CS_IMPORT_KIND_COUNT
                                   otherwise */
};

/* Make `r` empty (before cs_import_file) / free what it holds. */
void cs_import_report_init(struct cs_import_report *r);
void cs_import_report_clear(struct cs_import_report *r);

/*
 * Import the CSV file at `path`, of kind `kind`, acting as the login that
 * opened `db` (agent or admin). The whole file is one write transaction;
 * see the top of this header for the guarantees and consult-csv(5) for the
 * formats.
 *
 * `report` (required, initialised with cs_import_report_init) is filled as
 * far as the import got, on failure too; the caller clears it.
 *
 * Returns:
 * - CS_OK: the file was read to the end; its accepted rows are in (unless
 *   dry run). Refused rows are counted in report->rejected and written to
 *   the reject file; report->previous_batch set means the same file was
 *   already imported and nothing was added.
 * - CS_EINVAL: nothing imported: no report given, a bad option or
 *   mapping, an empty or binary file, a required column missing
 *   (err->field names it), columns that fit another kind of file better
 *   (report->looks_like; unless force_kind or a map is given), or with
 *   all_or_nothing, refused rows (the reject file lists them).
 * - CS_ECONFLICT: the file fails the manifest beside it (FILE.manifest:
 *   another size, row count or SHA-256), unless no_verify; nothing
 *   imported. A manifest that names another database than `db` makes the
 *   file's idea numbers (votes, tallies, comments) ignored: each row
 *   finds its idea by its form reference, or is refused.
 * A closed consultation takes only late paper, workshop and phone ideas
 * and votes dated on or before its closing date (counted in
 * report->late), comments and tallies; its other rows are refused with
 * the reason. An archived consultation refuses the whole file
 * (CS_ECONFLICT, nothing imported).
 *
 * - CS_ENOTFOUND: the file does not exist, or the consultation or theme
 *   given in the options does not; nothing imported.
 * - CS_EPERM: the role does not allow it (viewer; an agent's ideas file
 *   setting a status, an answer or tags); nothing imported.
 * - CS_ECANCELED (the progress callback stopped it), CS_EIO (reading the
 *   file or writing the reject file failed), CS_EBUSY, CS_ENOMEM: nothing
 *   imported.
 */
enum cs_rc cs_import_file(struct cs_db *db, enum cs_import_kind kind,
                          const char *path,
                          const struct cs_import_options *opt,
                          struct cs_import_report *report,
                          struct cs_error *err);

/* What a template holds beyond its header. */
struct cs_import_template_options {
    bool example;               /* a line of example values */
    int64_t consultation_id;    /* whose code, theme and idea the example
                                   names; 0: the newest open consultation */
    struct cs_csv_writer_options csv;   /* zeros: UTF-8, ',' and LF */
};

/*
 * Write an empty file of kind `kind` to `fp` (borrowed, not closed): the
 * header of the canonical columns the user of `db` may fill (an agent's
 * ideas template has no status, answer or tags) and, with `o->example`,
 * one line of example values that names the database's own consultation,
 * theme and idea. `db` NULL: every column, stock example values. `o` NULL:
 * the header alone.
 * Returns CS_OK, CS_EINVAL, CS_EIO, CS_ENOMEM.
 */
enum cs_rc cs_import_template(struct cs_db *db, enum cs_import_kind kind,
                              const struct cs_import_template_options *o,
                              FILE *fp, struct cs_error *err);

/*
 * The same, written to `path` as exports are: "-" is standard output, a
 * device or a pipe is written through, a new file is created 0600 (0660
 * when `shared`) whatever the umask and appears whole. A regular file
 * already there is never replaced (CS_ECREATE: it may have been filled).
 * Returns CS_OK, CS_EINVAL, CS_ECREATE, CS_EIO, CS_ENOMEM.
 */
enum cs_rc cs_import_template_file(struct cs_db *db,
                                   enum cs_import_kind kind,
                                   const struct cs_import_template_options *o,
                                   const char *path, bool shared,
                                   struct cs_error *err);

/* ---------------------------------------------------------------- batches */

struct cs_import_batch {
    int64_t id;
    enum cs_import_kind kind;
    int64_t consultation_id;    /* 0 when the file spanned several, or
                                   none (participants) */
    char *consultation_code;    /* NULL when consultation_id is 0 */
    char *file_name;            /* as given to the import */
    char checksum[65];          /* SHA-256, hex */
    long rows_read;
    long accepted;
    long rejected;
    long duplicates;
    char *imported_by;          /* login */
    char *imported_at;          /* UTC */
    char *undone_at;            /* UTC, NULL unless undone */
    char *undone_by;            /* login, NULL unless undone */
};

struct cs_import_batch_list {
    struct cs_import_batch *items;  /* owned, newest first */
    size_t count;
};

/* Every import batch. Viewer or above. Returns CS_OK, CS_EPERM, CS_ENOMEM.
 * Free with cs_import_batch_list_free. */
enum cs_rc cs_import_list(struct cs_db *db,
                          struct cs_import_batch_list **out,
                          struct cs_error *err);
void cs_import_batch_list_free(struct cs_import_batch_list *list);

/* What an undo removed. */
struct cs_import_undo_report {
    long ideas;
    long votes;
    long tallies;
    long comments;
    long participants;          /* created by the batch, used by nothing
                                   else: removed */
};

/*
 * Undo import batch `batch_id`: remove exactly the rows it added (ideas
 * with their tags, votes, tallies; the participants it created unless
 * something else now refers to them), put the maintained counts (votes,
 * tallies, support) back, and mark the batch undone, so that the same file
 * may be imported again. One write transaction; one audit row for the
 * batch and one per record removed ("delete", "untag" for a tag of one of
 * its ideas) with the record in `before`, so that an as-of export for an
 * earlier moment still shows it. Admin only.
 *
 * Refused (CS_ECONFLICT, the message says why) when work done since
 * depends on the batch: votes, tallies or comments from elsewhere on its
 * ideas, a merge involving them, or a status changed since the import.
 * Returns CS_OK (and fills `out`, which may be NULL), CS_ENOTFOUND,
 * CS_ECONFLICT (also: already undone), CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_import_undo(struct cs_db *db, int64_t batch_id,
                          struct cs_import_undo_report *out,
                          struct cs_error *err);

#endif /* CONSULT_IMPORT_H */
