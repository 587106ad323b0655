/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * pabulib_priv.h: reading a participatory-budget file (.pb, the format of
 * Pabulib, the participatory-budgeting data library) into memory, for
 * import_pb.c, the unit tests and the fuzz target.
 *
 * A .pb file has three sections, each introduced by a line holding only
 * its name and each a `;`-separated table read with the project's CSV
 * reader (csv.h, so quoting, CRLF, a BOM and the encodings are handled as
 * in every other file):
 *
 *   META      key;value lines (unit, instance, district, vote_type...)
 *   PROJECTS  a header (project_id, then cost, votes, name, category... in
 *             any order), one project per line
 *   VOTES     a header (voter_id, vote, then points, age, sex...), one
 *             ballot per line; "vote" lists project ids separated by
 *             commas, "points" the points of each, in the same order
 *
 * The whole file is checked before anything is written: a file that does
 * not hold together is refused with the line at fault and the reason, and
 * nothing of it is imported.
 */
#ifndef CONSULT_PABULIB_PRIV_H
#define CONSULT_PABULIB_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/error.h"

/* How a ballot counts (META vote_type). */
enum pb_vote_type {
    PB_APPROVAL = 0,            /* any number of projects, equal weight */
    PB_CUMULATIVE,              /* points spread over projects */
    PB_SCORING,                 /* a score per project */
    PB_ORDINAL,                 /* projects ranked, first first */
    PB_CHOOSE_ONE               /* exactly one project */
};

/* One project: its cells as read (owned), in the PROJECTS header's order. */
struct pb_project {
    char **cells;               /* `ncols` of pb_file: NUL-terminated */
    long line;                  /* physical line in the file */
    int64_t votes;              /* the file's votes column, -1 when none */
};

/* One vote of a ballot. */
struct pb_vote {
    uint32_t project;           /* index into pb_file.projects */
    int32_t points;             /* points, or the rank for an ordinal
                                   ballot; -1 when the file gives none */
};

/* A whole file, in memory. Everything is owned; pb_file_clear frees it. */
struct pb_file {
    char **meta_key, **meta_value;  /* META, in file order */
    size_t nmeta;
    enum pb_vote_type vote_type;
    const char *unit, *instance, *district, *subunit; /* META, or NULL */

    char **pcols;               /* PROJECTS header */
    size_t npcols;
    int col_id, col_name, col_votes, col_category, col_description;
    struct pb_project *projects;
    size_t nprojects;

    char **vcols;               /* VOTES header */
    size_t nvcols;
    int col_voter, col_vote, col_points, col_method;
    size_t nballots;
    char *voters;               /* voter ids, NUL-separated */
    size_t voters_len;
    size_t *voter_off;          /* ballot -> its id in `voters` */
    uint32_t *ballot_first;     /* ballot -> its first vote; one more
                                   entry: the end */
    unsigned char *ballot_web;  /* ballot -> 1 when voting_method says
                                   internet, 2 paper, 0 unknown */
    struct pb_vote *votes;
    size_t nvotes;
    long *extra_values;         /* per VOTES column: cells not empty that
                                   nothing keeps (voter columns) */
};

/* The vote_type's name as the file writes it. */
const char *pb_vote_type_name(enum pb_vote_type t);

/*
 * Read the .pb file in `data` (`len` bytes). Returns CS_OK and fills `f`
 * (free with pb_file_clear), CS_EINVAL with err->line the line at fault
 * (1 for an empty file) and the reason, CS_ENOMEM. On failure `f` holds
 * nothing (already cleared).
 */
enum cs_rc pb_parse(const void *data, size_t len, struct pb_file *f,
                    struct cs_error *err);
void pb_file_clear(struct pb_file *f);

/* The META value of `key` (case-insensitive), or NULL. Borrowed. */
const char *pb_meta(const struct pb_file *f, const char *key);

#endif /* CONSULT_PABULIB_PRIV_H */
