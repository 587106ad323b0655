/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * export_rows.h: the exports with one row per record (export_rows.c).
 * Each writes its kind for the running export `x`.
 */
#ifndef CONSULT_EXPORT_ROWS_H
#define CONSULT_EXPORT_ROWS_H

#include "export_out.h"

enum cs_rc export_ideas(struct export_ctx *x, struct cs_error *err);
enum cs_rc export_votes(struct export_ctx *x, struct cs_error *err);
enum cs_rc export_tallies(struct export_ctx *x, struct cs_error *err);
enum cs_rc export_comments(struct export_ctx *x, struct cs_error *err);
enum cs_rc export_participants(struct export_ctx *x, struct cs_error *err);
enum cs_rc export_audit(struct export_ctx *x, struct cs_error *err);
enum cs_rc export_decisions(struct export_ctx *x, struct cs_error *err);
enum cs_rc export_answers(struct export_ctx *x, struct cs_error *err);

#endif /* CONSULT_EXPORT_ROWS_H */
