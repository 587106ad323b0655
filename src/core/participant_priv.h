/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * participant_priv.h: finding or adding a participant inside a write
 * transaction that another module (ideas, votes, comments, imports) has
 * already opened and whose role it has already checked.
 */
#ifndef CONSULT_PARTICIPANT_PRIV_H
#define CONSULT_PARTICIPANT_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "consult/participant.h"
#include "dbpriv.h"

/* Like cs_participant_resolve, without the role check and the transaction:
 * the caller holds a write transaction. `created` may be NULL. */
enum cs_rc participant_resolve(struct cs_db *db, const struct cs_person *p,
                               int64_t *id, bool *created,
                               struct cs_error *err);

#endif /* CONSULT_PARTICIPANT_PRIV_H */
