/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * retention.h: how long participants are kept.
 *
 * A consultation may set a retention (cs_consultation_set_retention): so
 * many months after its closing date. A participant is due when every
 * contribution of theirs (the ideas they wrote, their votes, their
 * comments) belongs to a closed or archived consultation whose closing
 * date plus its retention has passed; one contribution to a consultation
 * without a retention, or not yet past it, keeps them. Running the
 * retention anonymises the participants due: their reference, name,
 * service, email, postal address and phone are erased, their consent
 * withdrawn; their contributions, the answers given and the journal are
 * kept, and the answered log keeps that they were answered, when and how,
 * no longer who.
 */
#ifndef CONSULT_RETENTION_H
#define CONSULT_RETENTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"

/* A participant due for anonymising, as they are before it. */
struct cs_retention_person {
    int64_t id;
    char *ref;                  /* NULL when none */
    char *name;                 /* NULL when none */
    char *service;              /* NULL when none */
};

/* What a run found (and did, unless a dry run). */
struct cs_retention_report {
    struct cs_retention_person *people; /* owned, by id */
    size_t count;               /* participants anonymised (dry run: due) */
    int64_t ideas;              /* their ideas, kept */
    int64_t votes;              /* their votes, kept */
    int64_t comments;           /* their comments, kept */
    int64_t answers_logged;     /* their answered-log rows, kept: they
                                   lead to an anonymous participant */
    bool dry_run;               /* nothing was written */
};

/*
 * How many participants are due now (0 when none). Cheap enough to ask
 * when the terminal interface opens. Admin only (CS_OP_ANONYMISE).
 * Returns CS_OK, CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_retention_due_count(struct cs_db *db, int64_t *count,
                                  struct cs_error *err);

/*
 * Anonymise every participant due now, in one write transaction: each
 * one's personal fields erased and consent withdrawn, one journal row per
 * participant (action "anonymise", without the erased values); the
 * answered log's rows stay, leading to the anonymous row. With `dry_run`
 * nothing is written and `out` says who would be anonymised. `out`
 * (required) is filled on CS_OK; clear it with cs_retention_report_clear.
 * Admin only (CS_OP_ANONYMISE).
 * Returns CS_OK, CS_EPERM, CS_EREADONLY, CS_EBUSY, CS_ENOMEM.
 */
enum cs_rc cs_retention_run(struct cs_db *db, bool dry_run,
                            struct cs_retention_report *out,
                            struct cs_error *err);

void cs_retention_report_clear(struct cs_retention_report *r);

#endif /* CONSULT_RETENTION_H */
