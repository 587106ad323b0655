/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cons_state.h: what a consultation's state lets in. An open (or draft)
 * consultation takes every write; a closed one only late paper, workshop
 * and phone contributions and votes dated on or before its closing date,
 * the workshops' tallies and the committee's work on what it holds
 * (triage, comments, sessions, answers, letters); an archived one
 * nothing at all.
 * Every write of the core asks here before it writes.
 */
#ifndef CONSULT_CONS_STATE_H
#define CONSULT_CONS_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "consult/types.h"
#include "dbpriv.h"

/* What a write does to a consultation. */
enum cons_write {
    CONS_WRITE_WORK,        /* triage, comments, sessions, answers, themes,
                               settings, letters:
                               refused only when archived */
    CONS_WRITE_CONTRIB,     /* an idea, a vote: refused when
                               closed unless late paper (channel, date) */
    CONS_WRITE_TALLY        /* a workshop's count: as CONS_WRITE_WORK */
};

/* A consultation's state as read once (an import keeps one). */
struct cons_state {
    int64_t id;             /* 0: none read yet */
    char code[40];
    enum cs_cons_state state;
    char closes_on[11];     /* "YYYY-MM-DD", or "" */
};

/* Whether consultation `id` exists: CS_OK, or CS_ENOTFOUND naming it. */
enum cs_rc cons_exists(struct cs_db *db, int64_t id, struct cs_error *err);

/* Read consultation `id`'s state into `s`. CS_OK, CS_ENOTFOUND, CS_EBUSY. */
enum cs_rc cons_state_load(struct cs_db *db, int64_t id, struct cons_state *s,
                           struct cs_error *err);

/*
 * Whether `s` takes write `w`. For CONS_WRITE_CONTRIB, `channel` (enum
 * cs_channel, -1: unknown) and `date` (the date on the form or of the vote,
 * stored form; NULL: none given) decide on a closed consultation: paper,
 * workshop and phone input dated on or before its closing date, or
 * undated (a form from an envelope keyed after the call ended), is late. Sets `*late`
 * (may be NULL) when a closed consultation takes it as a late
 * contribution. CS_OK, or CS_ECONFLICT with the reason.
 */
enum cs_rc cons_state_check(const struct cons_state *s, enum cons_write w,
                            int channel, const char *date, bool *late,
                            struct cs_error *err);

/* cons_state_load then cons_state_check. */
enum cs_rc cons_write_check(struct cs_db *db, int64_t consultation_id,
                            enum cons_write w, int channel, const char *date,
                            bool *late, struct cs_error *err);

/* The same for the consultation of idea `idea_id`. */
enum cs_rc cons_write_check_idea(struct cs_db *db, int64_t idea_id,
                                 enum cons_write w, int channel,
                                 const char *date, bool *late,
                                 struct cs_error *err);

/* Whether consultation `consultation_id` takes the desk's work (triage,
 * comments, sessions, themes, settings, letters): refused only when it
 * is archived. CS_OK, CS_ECONFLICT, CS_ENOTFOUND, CS_EBUSY. */
enum cs_rc cons_check_work(struct cs_db *db, int64_t consultation_id,
                           struct cs_error *err);

/*
 * The consultations an import meets, each read once: `n` of them in
 * `items`, the oldest dropped when full. `late` counts the rows taken as
 * late contributions, `archived` is set when a row named an archived
 * consultation (the import then stops).
 */
#define CONS_STATE_SEEN 16
struct cons_state_seen {
    struct cons_state items[CONS_STATE_SEEN];
    size_t n;
    long late;                  /* rows taken late (closed consultation) */
    bool archived;              /* a row met an archived consultation */
};

/*
 * Whether a row of an import may write `w` to consultation
 * `consultation_id` (see cons_state_check for `channel` and `date`).
 * Counts a late row in `seen->late` when `count_late`. CS_OK; CS_ECONFLICT
 * with the reason (an archived consultation also sets seen->archived);
 * CS_ENOTFOUND, CS_EBUSY.
 */
enum cs_rc cons_state_seen_check(struct cs_db *db,
                                 struct cons_state_seen *seen,
                                 int64_t consultation_id, enum cons_write w,
                                 int channel, const char *date,
                                 bool count_late, struct cs_error *err);

#endif /* CONSULT_CONS_STATE_H */
