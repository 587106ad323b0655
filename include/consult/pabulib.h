/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * pabulib.h: importing a participatory budget (a .pb file, the format of
 * Pabulib), and reading back what such a file brings beyond ideas and
 * votes.
 *
 * Each project becomes an idea (form reference "pabulib:ID", channel web),
 * each ballot a participant with a pseudonymous reference made of the
 * file's unit, instance, subunit or district and the voter id
 * ("pabulib:Amsterdam-166-Noord:135"), supporting every project it lists;
 * cumulative and scoring points (and ordinal ranks) stay with the votes;
 * the projects' other columns are kept with their ideas (cs_idea_extras);
 * the META lines, the warnings and what was not kept are noted with the
 * import batch (cs_import_notes). consult-csv(5) documents the mapping.
 */
#ifndef CONSULT_PABULIB_H
#define CONSULT_PABULIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"

struct cs_pabulib_options {
    const char *consultation;   /* code; required */
    const char *theme;          /* code or title: for every project whose
                                   category has no theme, or that has none;
                                   NULL: none */
    bool create_themes;         /* add the themes the file names that the
                                   consultation lacks (admin) */
    bool dry_run;               /* check everything, then roll back */
};

/* A theme the file needs that the consultation lacks. */
struct cs_pabulib_missing {
    char *title;                /* owned: the category, or the district or
                                   unit for a file without categories */
    long projects;              /* projects that would go to it */
};

struct cs_pabulib_report {
    long projects;              /* ideas added (dry run: would be) */
    long ballots;               /* participants voting */
    long votes;                 /* votes added */
    long participants_created;  /* of the ballots, people added */
    long themes_created;        /* with create_themes */
    long with_points;           /* votes carrying points or a rank */
    const char *vote_type;      /* static: "approval", "cumulative"... */
    char **warnings;            /* owned: support differing from the
                                   file's votes, one sentence each */
    size_t nwarnings;
    char **not_kept;            /* owned: what the file had that nothing
                                   keeps, one sentence each */
    size_t nnot_kept;
    struct cs_pabulib_missing *missing; /* owned: when refused for themes */
    size_t nmissing;
    int64_t batch_id;           /* the import batch; 0 when none kept */
    int64_t previous_batch;     /* already imported as this batch: nothing
                                   added; else 0 */
    char checksum[65];          /* SHA-256 of the file, hex */
    bool dry_run;
};

void cs_pabulib_report_init(struct cs_pabulib_report *r);
void cs_pabulib_report_clear(struct cs_pabulib_report *r);

/*
 * Import the .pb file at `path` into consultation opt->consultation,
 * acting as the login that opened `db` (agent or admin; creating themes
 * is for an admin). One write transaction: all of the file or nothing,
 * one import batch (undone as a whole by cs_import_undo) with its audit
 * row and its notes.
 *
 * Returns:
 * - CS_OK: imported (or, dry run, checked); report->previous_batch set
 *   means the same file was already imported and nothing was added;
 *   report->warnings lists the projects whose support differs from the
 *   file's votes (the file is imported as it is).
 * - CS_EINVAL: nothing imported: the file does not hold together
 *   (err->line the line at fault, the message why), or themes are
 *   missing (report->missing lists each once, with its projects).
 * - CS_ECONFLICT: a project of the file is already an idea of the
 *   consultation (another version of the file was imported).
 * - CS_ENOTFOUND (the file, the consultation or the --theme), CS_EPERM,
 *   CS_EIO, CS_EBUSY, CS_ENOMEM: nothing imported.
 */
enum cs_rc cs_pabulib_import(struct cs_db *db, const char *path,
                             const struct cs_pabulib_options *opt,
                             struct cs_pabulib_report *report,
                             struct cs_error *err);

/* ---------------------------------------------------------------- extras */

/* A column of an imported file that no field of the idea holds. */
struct cs_idea_extra {
    char *name;                 /* as the file wrote it */
    char *value;
};

struct cs_idea_extra_list {
    struct cs_idea_extra *items;    /* owned, in the file's order */
    size_t count;
    int64_t points;             /* sum of the points of its votes */
    int64_t voters_with_points; /* votes carrying points (0: none) */
};

/* The extra columns and the points of idea `id`. Any role. Returns CS_OK
 * (an empty list when there are none), CS_EPERM, CS_ENOMEM. Free with
 * cs_idea_extra_list_free. */
enum cs_rc cs_idea_extras(struct cs_db *db, int64_t id,
                          struct cs_idea_extra_list **out,
                          struct cs_error *err);
void cs_idea_extra_list_free(struct cs_idea_extra_list *list);

/* ---------------------------------------------------------------- notes */

struct cs_import_note {
    char *kind;                 /* "format", "meta", "warning", "not_kept" */
    char *text;
};

struct cs_import_note_list {
    struct cs_import_note *items;   /* owned, in order */
    size_t count;
};

/* The notes of import batch `batch_id`. Any role. Returns CS_OK (empty
 * when none), CS_EPERM, CS_ENOMEM. */
enum cs_rc cs_import_notes(struct cs_db *db, int64_t batch_id,
                           struct cs_import_note_list **out,
                           struct cs_error *err);
void cs_import_note_list_free(struct cs_import_note_list *list);

#endif /* CONSULT_PABULIB_H */
