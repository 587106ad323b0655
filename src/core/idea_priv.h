/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * idea_priv.h: adding ideas, votes, tallies and comments for another
 * module (the CSV import, the demo loader) that has checked the role
 * itself and usually holds a write transaction, plus the support
 * bookkeeping shared by idea.c and vote.c.
 *
 * Each *_insert function is the public cs_*_add without the role check: it
 * validates its input the same way, writes its journal rows, and records
 * `batch_id` (0: keyed in) on the rows it adds. It is atomic on its own: a
 * SAVEPOINT inside the caller's transaction (its own transaction when none
 * is open), so a refused row leaves nothing behind (not even a participant
 * it found or added) and the caller can go on with the next row.
 */
#ifndef CONSULT_IDEA_PRIV_H
#define CONSULT_IDEA_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "consult/idea.h"
#include "consult/vote.h"
#include "dbpriv.h"

/*
 * The one statement that adds an idea row, for cs_idea_add (one call) and
 * the import (prepared once for the whole file). The values are checked
 * already (cs_idea_add's checks, or the record check of an imported row);
 * texts are bound without a copy: they must live until
 * idea_insert_run returns.
 */
struct idea_row {
    int64_t consultation_id;
    int64_t theme_id;
    int64_t author_id;          /* 0: anonymous */
    int64_t batch_id;           /* 0: keyed in */
    enum cs_idea_kind kind;
    enum cs_channel channel;
    enum cs_status status;      /* as stored: NEW, HIDDEN, or a decision */
    const char *title, *body;
    const char *form_ref;       /* NULL when none */
    const char *submitted_at;   /* normalised */
    const char *now;            /* entered_at and status_changed_at */
    const char *answer;         /* NULL when none */
    const char *hidden_reason;  /* NULL unless HIDDEN */
    const char *status_before;  /* NULL unless HIDDEN */
    int64_t paper_batch_id;     /* 0: none */
    const char *entry_check;    /* NULL outside double-entry batches */
};

struct idea_insert {
    sqlite3_stmt *st;
    int idx[20];                /* the parameters, by name, looked up once */
};

enum cs_rc idea_insert_prepare(struct cs_db *db, struct idea_insert *ins,
                               struct cs_error *err);
/* Add the row; `*id` gets its id. No audit row (the caller writes it). */
enum cs_rc idea_insert_run(struct cs_db *db, struct idea_insert *ins,
                           const struct idea_row *row, int64_t *id,
                           struct cs_error *err);
void idea_insert_finish(struct idea_insert *ins);

/* cs_idea_add without the role check. */
enum cs_rc idea_insert(struct cs_db *db, const struct cs_idea_new *in,
                       int64_t batch_id, int64_t *id, struct cs_error *err);

/* The same for the first entry of a form of a double-entry paper batch
 * (batch.c): the idea is stored with `entry_check` ("pending"), which a
 * double-entry batch requires. */
enum cs_rc idea_insert_entry(struct cs_db *db, const struct cs_idea_new *in,
                             const char *entry_check, int64_t *id,
                             struct cs_error *err);

/*
 * Whether ideas of consultation `consultation_id` may go into paper batch
 * `paper_batch_id`: it exists (CS_ENOTFOUND), is of that consultation and
 * open (CS_ECONFLICT), and is not double-entry unless `double_ok`
 * (CS_ECONFLICT: such a batch takes one form at a time, through
 * cs_batch_key_form). err->field is "batch".
 */
enum cs_rc idea_paper_batch_check(struct cs_db *db, int64_t consultation_id,
                                  int64_t paper_batch_id, bool double_ok,
                                  struct cs_error *err);

/*
 * Settle fields of idea `id` from a double entry (batch.c), without the
 * role checks (the caller has made its own): `ch` as cs_idea_update takes
 * it (may be NULL), `submitted_at` (NULL: unchanged; normalised) and
 * `author` (NULL: unchanged; else the person found or added becomes the
 * author, an empty person making the idea anonymous). Adds one to the
 * version; one audit row ("update"), inside the caller's transaction.
 */
enum cs_rc idea_entry_update(struct cs_db *db, int64_t id,
                             const struct cs_idea_change *ch,
                             const char *submitted_at,
                             const struct cs_person *author,
                             struct cs_error *err);

/*
 * The one statement that adds vote rows, for cs_vote_add (one call) and the
 * imports (a file's votes, prepared once for the whole file). Votes are
 * staged in temp.vote_stage, keyed (idea, participant), and go in together
 * in that key's order: one INSERT ... SELECT keeps its index cursors where
 * they are from row to row, where a statement per vote starts every index
 * search from the top. A vote whose idea and participant have a vote
 * already is left out. The values are checked already (vote_insert's
 * checks, or the record check of an imported row); texts are bound
 * without a copy: they must live until the vote is staged.
 */
struct vote_put {
    sqlite3_stmt *stage;        /* one vote into temp.vote_stage */
    sqlite3_stmt *run;          /* the INSERT INTO vote, RETURNING */
    sqlite3_stmt *quiet;        /* the same, returning nothing */
    sqlite3_stmt *clear;        /* empties temp.vote_stage */
    int idx[11];                /* the parameters, by name, looked up once */
    long staged;                /* votes in temp.vote_stage */
};

/* Prepare the statements (and make temp.vote_stage, empty). */
enum cs_rc vote_put_prepare(struct cs_db *db, struct vote_put *vp,
                            struct cs_error *err);
/* Stage one vote; `points` < 0: none. `*fresh` (may be NULL) is false when
 * the same idea and participant are staged already (the vote is left
 * out). */
enum cs_rc vote_put_stage(struct cs_db *db, struct vote_put *vp,
                          int64_t idea_id, int64_t participant_id,
                          enum cs_channel channel, const char *voted_at,
                          int points, bool *fresh, struct cs_error *err);
/*
 * Add the staged votes for import batch `batch_id` (0: keyed in), entered
 * at `now` by the acting login, leaving out those already there; `each`
 * (may be NULL) is called with each vote added and its idea, `*added`
 * (may be NULL) gets their number. No audit row, no count (the caller's).
 * The stage is kept until vote_put_clear (a caller may read it).
 */
enum cs_rc vote_put_run(struct cs_db *db, struct vote_put *vp,
                        int64_t batch_id, const char *now,
                        void (*each)(void *arg, int64_t id, int64_t idea_id),
                        void *arg, long *added, struct cs_error *err);
/*
 * The same, for votes held in memory already rather than staged (an import
 * that has them all, sorted in key order: a .pb file's ballots): `rows`
 * (memrows.h) gives c0 the idea, c1 the participant, c2 the points (or
 * NULL), c3 the channel (enum cs_channel), t0 the date voted (NULL:
 * `voted_at`). The stage is not read.
 */
struct memrows;
enum cs_rc vote_put_run_rows(struct cs_db *db, struct vote_put *vp,
                             const struct memrows *rows,
                             const char *voted_at, int64_t batch_id,
                             const char *now, long *added,
                             struct cs_error *err);
/* Empty the stage. */
enum cs_rc vote_put_clear(struct cs_db *db, struct vote_put *vp,
                          struct cs_error *err);
void vote_put_finish(struct vote_put *vp);

/* cs_vote_add without the role check. */
enum cs_rc vote_insert(struct cs_db *db, int64_t idea_id,
                       const struct cs_person *voter, enum cs_channel channel,
                       const char *voted_at, int64_t batch_id, int64_t *id,
                       struct cs_error *err);

/* cs_tally_put without the role check, for import batch `batch_id` (0:
 * none); `*res` may be NULL. */
enum cs_rc tally_insert(struct cs_db *db, int64_t idea_id, int64_t count,
                        int64_t against, const char *source,
                        const char *counted_at, int64_t batch_id,
                        struct cs_tally_result *res, struct cs_error *err);

/* A platform's vote count for idea `idea_id` as its one tally from
 * `source` (any day), replacing the count there; inside the caller's
 * transaction, for import batch `batch_id`, without a journal row. */
enum cs_rc tally_platform_put(struct cs_db *db, int64_t idea_id,
                              int64_t count, const char *source,
                              const char *counted_at, int64_t batch_id,
                              struct cs_tally_result *res,
                              struct cs_error *err);

/* cs_comment_add_via without the role check. */
enum cs_rc comment_insert(struct cs_db *db, int64_t idea_id,
                          const struct cs_person *author, const char *body,
                          int channel, int64_t batch_id, int64_t *id,
                          struct cs_error *err);

/*
 * The root of idea `id` (the idea its support counts for: itself unless it
 * is merged, else the end of its merged_into chain) and that root's status.
 * Returns CS_OK, CS_ENOTFOUND (no idea `id`), or a database failure.
 */
enum cs_rc idea_root(struct cs_db *db, int64_t id, int64_t *root,
                     enum cs_status *root_status, struct cs_error *err);

/*
 * Set the support of root idea `root` from scratch: distinct voters over
 * its group (itself and every idea merged into it, recursively) plus the
 * tally counts of the group. Used after a merge, an unmerge or a vote
 * deletion, where a maintained +1/-1 could count a person twice.
 */
enum cs_rc idea_support_recompute(struct cs_db *db, int64_t root,
                                  struct cs_error *err);

/*
 * The SQL text cs_idea_list runs for `order`, `descending`, whether a
 * consultation is given, and which part of a page: `tie` (the rest of the
 * cursor's key, in id order; NULL for CS_ORDER_ID, which has no ties) or
 * the rows beyond the cursor's key. Exposed so that a test can check the
 * query plans.
 */
const char *idea_list_sql(enum cs_idea_order order, bool descending,
                          bool by_consultation, bool tie);

/*
 * Move idea `id` to `to` with `text` (already checked with
 * cs_status_text_check) if it is still at `if_version` (0: any), inside
 * the caller's write transaction, with its audit row and, for an answer,
 * its row in the answer history (held unpublished when the idea's
 * consultation holds answers). `session_id` (0: none) is the committee
 * session whose close sets the status: the answer records it, and the
 * journal row's "after" names it as "session_id". The caller checks the
 * role and ends the transaction. The one path every status change takes
 * (cs_idea_set_status, cs_idea_set_status_many, cs_session_close).
 */
enum cs_rc idea_status_apply(struct cs_db *db, int64_t id, int64_t if_version,
                             enum cs_status to, const char *text,
                             int64_t session_id, struct cs_error *err);

/*
 * The title cs_idea_add makes for a body given without one: blanks (line
 * breaks included) collapsed to single spaces, at most 80 characters, cut
 * after the last whole word that fits and ended with "…" when cut; a single
 * longer word is cut at a character boundary. NULL when out of memory; the
 * caller frees it. The importer uses it too, so both make the same title.
 */
char *idea_title_from_body(const char *body);

#endif /* CONSULT_IDEA_PRIV_H */
