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
 * the caller holds a write transaction. `created` may be NULL. Each person
 * added or completed has its audit row. */
enum cs_rc participant_resolve(struct cs_db *db, const struct cs_person *p,
                               int64_t *id, bool *created,
                               struct cs_error *err);

/*
 * The same in an import's batch: inside its transaction, the statements
 * kept prepared and the people already seen remembered (a file names the
 * same people many times), each person added recorded with the batch
 * rather than audited (the batch has its audit row). The person has been
 * checked (cs_record_check) and its texts trimmed.
 */
struct participant_batch;

enum cs_rc participant_batch_new(struct cs_db *db, int64_t batch_id,
                                 const char *now,
                                 struct participant_batch **out,
                                 struct cs_error *err);
void participant_batch_free(struct participant_batch *b);
/* People the batch added so far. */
long participant_batch_created(const struct participant_batch *b);
/* The participants whose consent an explicit "no" took back. */
long participant_batch_withdrawn(const struct participant_batch *b);
enum cs_rc participant_batch_put(struct participant_batch *b,
                                 const struct cs_person *p, int64_t *id,
                                 struct cs_error *err);

#endif /* CONSULT_PARTICIPANT_PRIV_H */
