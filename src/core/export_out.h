/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * export_out.h: what the export files share, at the bottom of them
 * (export_out.c): the running export's context (resolved filters,
 * profile, pseudonym key, outputs), the column tables that decide which
 * columns a profile shows, the cell writers that follow them, and the
 * binding of the filters. The kinds (export_rows.h, export_summary.h),
 * the as-of tables (export_asof.h) and the manifests (export_manifest.h)
 * sit on it, and export.c, which runs an export, on them all.
 *
 * Each kind's code (export_rows.c, export_summary.c) writes every column of
 * its table on every row, in table order; the cell writers skip the columns
 * the profile does not show, so the header and the rows always agree. An
 * output hashes and counts the bytes it writes (the manifest's SHA-256).
 *
 * With an as-of time, export_asof.c rebuilds the tables the queries read
 * (ideas, votes, tallies, comments, tags) as temporary tables from the
 * journal, and each kind runs the "asof" variant of its SQL, written from
 * the same macro as the live one with other table names.
 */
#ifndef CONSULT_EXPORT_OUT_H
#define CONSULT_EXPORT_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <nettle/hmac.h>
#include <nettle/sha2.h>

#include "consult/export.h"
#include "dbpriv.h"
#include "idea_row.h"
#include "stmt.h"

/* ---------------------------------------------------------------- columns */

/* Profiles that show a column (bit 1 << enum cs_export_profile). */
#define SHOW_OPEN (1u << CS_PROFILE_OPEN_DATA)
#define SHOW_CODIR (1u << CS_PROFILE_CODIR)
#define SHOW_CONTACT (1u << CS_PROFILE_INTERNAL_CONTACT)
#define SHOW_ALL (SHOW_OPEN | SHOW_CODIR | SHOW_CONTACT)
#define SHOW_STAFF (SHOW_CODIR | SHOW_CONTACT)  /* staff logins */

/* What a column's values are, when they are words of a vocabulary (in
 * export_col.show, above the profile bits): with French headers they are
 * written in French too ("acceptée", "papier"), which the importer reads
 * back; otherwise the stored English names, for machines. */
#define WORDS_STATUS (1u << 8)
#define WORDS_CHANNEL (1u << 9)
#define WORDS_KIND (1u << 10)
#define WORDS_CHECK (1u << 11)      /* a double entry's check */
#define WORDS_ANY (WORDS_STATUS | WORDS_CHANNEL | WORDS_KIND | WORDS_CHECK)

struct export_col {
    const char *en;         /* stable English snake_case header */
    const char *fr;         /* French header (--headers fr) */
    unsigned show;          /* SHOW_* bits of the profiles showing it,
                               and its WORDS_* vocabulary if any */
};

/* ---------------------------------------------------------------- outputs */

/* One CSV output: the writer, over a stream that hashes and counts. */
struct export_out {
    struct cs_csv_writer *w;    /* NULL until opened */
    FILE *hashing;              /* our stream, forwarding to `dest` */
    FILE *dest;                 /* borrowed */
    struct sha256_ctx sha;      /* over every byte written */
    uint64_t bytes;
    int dest_errno;             /* first write failure on `dest`, or 0 */
    int64_t rows;               /* data rows ended */
    const struct export_col *cols;  /* the table being written */
    size_t ncols;
    size_t col;                 /* next column of the current row */
    unsigned mask;              /* SHOW_* bit of the profile */
    bool french;                /* French headers, and French words */
};

/* ---------------------------------------------------------------- context */

struct export_ctx {
    struct cs_db *db;
    const struct cs_export_options *opt;
    enum cs_export_profile profile;     /* resolved, never DEFAULT */
    bool open_data;             /* leave hidden content out */
    struct export_out out;      /* the main file */
    struct export_out top;      /* the summary's top file (if any) */
    bool has_top;
    /* resolved filters: 0 / NULL when not given */
    int64_t cons_id;
    int64_t theme_id;
    const char *status;         /* stored name */
    const char *channel;        /* stored name */
    char since[32];             /* lower bound, in stored form */
    char until[32];             /* upper bound, in stored form */
    char sub_until[32];         /* --submitted-until, in stored form */
    int64_t paper_batch_id;     /* paper batch of the ideas */
    char *tag;                  /* folded tag (tag.name_key); owned */
    char *match;                /* FTS5 MATCH text of the search; owned */
    /* as-of */
    bool asof;                  /* read the temp.x_* tables */
    int64_t audit_id;           /* journal position reflected */
    char asof_at[32];           /* the as-of bound, in stored form, or "" */
    /* pseudonyms */
    struct hmac_sha256_ctx hmac;        /* keyed with a random per-export key */
};

/* ---------------------------------------------------------------- cells */

/* Start the table `cols` on `o` and write its header (shown columns only). */
void export_begin(struct export_ctx *x, struct export_out *o,
                  const struct export_col *cols, size_t ncols);

/* The next cell: text (NULL: empty), number, or statement column `i` as
 * it is (NULL: empty), or "yes"/"no" ("oui"/"non" with French headers).
 * A vocabulary column's words are French with French headers. Skipped if
 * the column is hidden. */
void export_text(struct export_out *o, const char *s);
void export_int(struct export_out *o, int64_t v);
void export_col(struct export_out *o, struct stmt *st, int i);
/* Write one column of the row per declared column (result columns 0 to
 * ncols - 1 of `st`, each as export_col does), then end the row. */
void export_row(struct export_out *o, struct stmt *st);
void export_bool(struct export_out *o, bool v);
/* Statement column `i` as a number, or an empty cell for NULL. */
void export_col_int(struct export_out *o, struct stmt *st, int i);
/* The pseudonym of participant `id` (statement column `i`; empty for
 * NULL). Skipped, without computing it, if the column is hidden. */
void export_pseudonym(struct export_ctx *x, struct export_out *o,
                      struct stmt *st, int i);
/* True if the next column is shown (to avoid preparing a costly value). */
bool export_shows(const struct export_out *o);

/* End the row (a data row: counted). */
void export_end(struct export_out *o);

/* CS_OK, or the writer's sticky error (copied into `err`). */
enum cs_rc export_status(struct export_out *o, struct cs_error *err);

/* ---------------------------------------------------------------- filters */

/*
 * Bind the filters of `x` to the parameters of `st` that exist among
 * :cons :theme :status :channel :since :until :open (NULL when a filter is
 * not given; :open is 1 for open-data).
 */
void export_bind_filters(const struct export_ctx *x, struct stmt *st);

/* The filters of `x` as the values of a filter on ideas (idea_row.h). */
void export_idea_filter(const struct export_ctx *x, struct idea_filter *v);

/* "YYYY-MM-DD" of a stored timestamp, in `buf` ("" for NULL). */
const char *export_day(const char *ts, char buf[16]);

#endif /* CONSULT_EXPORT_OUT_H */
