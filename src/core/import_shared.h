/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import_shared.h: what the importer's files share.
 *
 *   import.c        cs_import_file: the file, the transaction, the batch,
 *                   the reject file, the report
 *   import_map.c    header cells onto the records' fields (record.c),
 *                   --map
 *   import_value.c  cleaning one row's cells (blanks, control characters);
 *                   parsing values is value.c's, checking a record
 *                   record.c's
 *   import_cache.c  bounded lookup tables (participants, ideas, counts)
 *   import_rows.c   one row of each kind: check it whole, then write it
 *   import_batch.c  listing and undoing batches, templates
 *
 * Speed: a file is one transaction, so the rows are written by internal
 * functions without the per-row role check and audit row of the public
 * calls (the batch has one audit row); lookups that repeat (participants,
 * ideas, themes, words) are cached; statements are prepared once. A row is
 * checked completely before anything of it is written, so a refused row
 * leaves nothing behind without a savepoint.
 */
#ifndef CONSULT_IMPORT_SHARED_H
#define CONSULT_IMPORT_SHARED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/import.h"
#include "consult/record.h"
#include "cons_state.h"
#include "record_priv.h"
#include "dbpriv.h"
#include "import_cache.h"
#include "stmt.h"
#include "theme_priv.h"

/* ---------------------------------------------------------------- fields */

/* Which column feeds each field, and which columns nothing reads. */
struct imp_columns {
    int col[CS_F_COUNT_ALL];       /* column index, or -1 */
    size_t ncols;               /* columns in the header */
    char **names;               /* owned copies of the header cells */
    char **unknown;             /* owned header names matching nothing */
    size_t unknown_count;
};

void imp_columns_clear(struct imp_columns *c);

/*
 * Match the header `names` (`n` of them, as read) against the fields of
 * `kind`, applying `map` first. Unknown headers are listed, not refused.
 * Returns CS_OK, CS_EINVAL (a --map field unknown for this kind, a mapped
 * header absent from the file, or a required column missing: err->field
 * names it), CS_ENOMEM.
 */
enum cs_rc imp_columns_match(enum cs_import_kind kind,
                             const char *const *names, size_t n,
                             const struct cs_import_map *map, size_t nmap,
                             bool has_consultation, bool has_theme,
                             struct imp_columns *out, struct cs_error *err);

/*
 * The kind of file whose fields the header `names` fits better than
 * `kind`'s, `fed` of whose columns feed a field (-1: `kind` lacks a
 * column it needs): another kind whose needed columns are all there and
 * that feeds more of them. CS_IMPORT_KIND_COUNT when none does.
 */
enum cs_import_kind imp_columns_guess(enum cs_import_kind kind,
                                      const char *const *names, size_t n,
                                      long fed);

/* ---------------------------------------------------------------- values */

/* One row's values, cleaned: NUL-terminated copies in the row's arena;
 * NULL when the field has no column or the cell is empty. */
struct imp_row {
    const char *v[CS_F_COUNT_ALL];
    size_t len[CS_F_COUNT_ALL];
    long line;                  /* physical line in the input */
    char *arena;                /* owned, reused from row to row */
    size_t arena_len, arena_cap;
};

void imp_row_free(struct imp_row *row);

/*
 * Fill `row` from the `n` fields of a record: for each field with a
 * column, the cell with the spreadsheet neutralisation undone
 * (cs_csv_unneutralise), CRLF made LF, blanks trimmed. A lone CR is a
 * line break (made LF) when `cr_ends_lines` (the file's lines end with a
 * bare CR); elsewhere it would write over a line on a terminal and the
 * cell is refused, as is one with another control character than newline
 * and tab (CS_EINVAL, err->field names the field, the message its
 * column). Returns CS_OK, CS_EINVAL, CS_ENOMEM.
 */
enum cs_rc imp_row_fill(struct imp_row *row, const struct imp_columns *cols,
                        const struct cs_csv_field *fields, size_t n,
                        bool cr_ends_lines, struct cs_error *err);

/* ---------------------------------------------------------------- rows */

/* What a row came to. */
enum imp_outcome {
    IMP_ADDED = 0,
    IMP_DUPLICATE,
    IMP_REJECTED
};

struct imp_ctx;
struct participant_batch;  /* participant_priv.h */

/*
 * The state of one import inside its transaction: the statements, caches
 * and defaults the row functions use. Set up by import.c.
 */
struct imp_ctx {
    struct cs_db *db;
    enum cs_import_kind kind;
    int64_t batch_id;
    int64_t consultation_id;    /* --consultation, 0 when none */
    int64_t paper_batch_id;     /* --batch: paper batch of the ideas, or 0 */
    int64_t paper_cons;         /* its consultation */
    const char *default_theme;  /* --theme, or NULL */
    const char *default_channel; /* --channel (or the web with --from):
                                   rows giving none take it; NULL */
    bool create_themes;         /* --create-themes */
    bool keep_duplicates;       /* --keep-duplicates */
    bool is_admin;
    char now[32];               /* the import's timestamp */

    struct imp_cache consultations; /* code -> id */
    struct imp_cache themes;        /* "<cons>\x1f<value>" -> theme id */
    struct participant_batch *people; /* participant.c's batch put */
    struct imp_cache ideas;         /* "<cons>\x1f<form_ref>", "#id" -> idea */
    struct imp_cache tags;          /* tag key -> tag id */
    struct rec_memo memo;           /* kind, channel, status spellings */
    void *held;                     /* statements kept prepared
                                       (import_rows.c) */

    struct cons_state_seen states;  /* the consultations' states met, the
                                   late rows (cons_state.h) */
    long participants_created;
    long themes_created;
    struct theme_needs missing;     /* themes named and missing, with the
                                       rows naming them */
    long same_text;                 /* ideas already there by text */
    long several_ideas;             /* votes: rows listing several ideas */
    long more_added, more_duplicates; /* votes: the outcomes of the ideas
                                       of such rows after their first */
    struct imp_sums votes;          /* idea -> votes added (staged ones) */
    long staged;                    /* votes waiting in temp.vote_stage */
    long late_duplicates;           /* staged votes found already there */
    int64_t batch_consultation;     /* the one consultation of the rows
                                       added, -1 when several */
    bool row_ids;                   /* ideas: the file has id and
                                       merged_into columns, so ids are
                                       kept in temp.import_row_id */
    bool merges;                    /* ideas: rows wait in
                                       temp.import_merge */
    enum cs_import_platform platform; /* --from, or CS_PLATFORM_NONE */
    struct imp_preset *preset;      /* its columns (borrowed), or NULL */
    bool direct_votes;              /* votes in another kind's file (a
                                       platform's): written at once */
    long counts_replaced;           /* platform counts replaced */
    /* votes: what the votes added change in idea_count, by theme, kind,
     * status and channel, while its update trigger is put aside
     * (imp_kept_finish writes it) */
    struct imp_kept *kept;
    size_t kept_count, kept_cap;
    bool kept_deferred;
};

/* Votes added to the ideas of one theme, kind, status and channel. */
struct imp_kept {
    int64_t theme_id;
    char kind[16], status[16], channel[16];
    int64_t votes;
};

enum cs_rc imp_ctx_init(struct imp_ctx *x, struct cs_db *db,
                        enum cs_import_kind kind, struct cs_error *err);
void imp_ctx_free(struct imp_ctx *x);

/*
 * Check row `row` whole and, if it holds, write it. Sets `*out`. A refused
 * row writes nothing and returns CS_OK with IMP_REJECTED and the reason in
 * `err` (err->field: the column). Any other code is a failure of the
 * database or of memory: the import stops.
 */
enum cs_rc imp_row_import(struct imp_ctx *x, const struct imp_row *row,
                          enum imp_outcome *out, struct cs_error *err);

/* The same for a row of kind `kind` in a file of another kind (a
 * platform's export mixes ideas, comments and votes). */
enum cs_rc imp_row_import_as(struct imp_ctx *x, enum cs_import_kind kind,
                             const struct imp_row *row,
                             enum imp_outcome *out, struct cs_error *err);

/* A platform's file: the votes it added one by one are taken from the
 * count of their idea's tally from the platform, which counted them
 * already. At the end, once every row is in. */
enum cs_rc imp_platform_finish(struct imp_ctx *x, struct cs_error *err);

/* ---------------------------------------------------------------- presets */

/* A platform's export read through its own columns (import_preset.c). */
struct imp_preset;

/*
 * The preset of platform `p` for a file of `kind` (ideas or comments)
 * whose header is `names` (`n` cells): which columns feed what. The
 * columns it does not read go to `cols->unknown`; `cols->names` gets the
 * header (for the reject file). Returns CS_OK, CS_EINVAL (not that
 * platform's export of that kind: the message says what is missing),
 * CS_ENOMEM.
 */
enum cs_rc imp_preset_new(enum cs_import_platform p, enum cs_import_kind kind,
                          const char *const *names, size_t n,
                          struct imp_columns *cols, struct imp_preset **out,
                          struct cs_error *err);
void imp_preset_free(struct imp_preset *pr);

/* The platform's columns kept with idea `idea` just added from the last
 * row read (its address, its comment count...), as its extras
 * (idea_extra). CS_OK, or a failure of the database. */
enum cs_rc imp_preset_extras(struct imp_preset *pr, struct cs_db *db,
                             int64_t idea, struct cs_error *err);

/*
 * One record of the file as a row of `*as` (an idea, a comment or a vote)
 * in `row`: ids prefixed with the platform, the platform's vote count in
 * row->v[CS_F_COUNT]. A record the preset cannot take (a kind of
 * contribution consult does not keep, a comment on something that is not
 * a proposal) is CS_EINVAL with the reason. CS_OK, CS_EINVAL, CS_ENOMEM.
 */
enum cs_rc imp_preset_row(struct imp_preset *pr,
                          const struct cs_csv_field *fields, size_t n,
                          struct imp_row *row, enum cs_import_kind *as,
                          struct cs_error *err);

/* Insert the votes waiting in the staging table (IMP_ADDED rows that may
 * turn out to be duplicates: x->late_duplicates counts them). Called when
 * it fills up, before any vote that needs the rows before it, and at the
 * end. */
enum cs_rc imp_flush_staged(struct imp_ctx *x, struct cs_error *err);

/* Add the votes of the batch's staged rows to the maintained counts of
 * their ideas (votes, support), once, at the end. */
enum cs_rc imp_flush_counts(struct imp_ctx *x, struct cs_error *err);

/*
 * Merge the ideas of merged rows into their targets, once every row is in
 * (a target may come later in the file): the target is the idea with the
 * row's merged_into_form_ref in its consultation, else the row of the file
 * whose id is its merged_into. A target found nowhere, in another
 * consultation, or a merge that would make a cycle refuses the whole file
 * (CS_EINVAL, err->line the row's line): its row is already counted in.
 */
enum cs_rc imp_merges_finish(struct imp_ctx *x, struct cs_error *err);

#endif /* CONSULT_IMPORT_SHARED_H */
