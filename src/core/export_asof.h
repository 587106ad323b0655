/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * export_asof.h: the data as they stood at an earlier moment, rebuilt
 * from the journal into temporary tables (export_asof.c).
 */
#ifndef CONSULT_EXPORT_ASOF_H
#define CONSULT_EXPORT_ASOF_H

#include <stdint.h>

#include "dbpriv.h"

/*
 * The last journal row written at or before `at` (a stored-form bound);
 * 0 when none.
 */
enum cs_rc export_asof_position(struct cs_db *db, const char *at,
                                int64_t *audit_id, struct cs_error *err);

/*
 * Build temp.x_idea, x_vote, x_tally, x_comment and x_tag: the ideas,
 * votes, tallies, comments and tags as they stood after journal row
 * `audit_id`, with the same columns the export queries read from the live
 * tables (counts and support recomputed). `asof_at` is the as-of time (a
 * stored-form bound) for the rare rows that neither the journal nor an
 * import batch dates. Inside the export's read transaction.
 */
enum cs_rc export_asof_build(struct cs_db *db, int64_t audit_id,
                             const char *asof_at, struct cs_error *err);

/* Drop what export_asof_build made (ignores failures). */
void export_asof_drop(struct cs_db *db);

#endif /* CONSULT_EXPORT_ASOF_H */
