/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * export_summary.h: the exports of figures (export_summary.c): the
 * summary of a consultation and its participation.
 */
#ifndef CONSULT_EXPORT_SUMMARY_H
#define CONSULT_EXPORT_SUMMARY_H

#include "export_out.h"

enum cs_rc export_summary(struct export_ctx *x, struct cs_error *err);
enum cs_rc export_participation(struct export_ctx *x, struct cs_error *err);

#endif /* CONSULT_EXPORT_SUMMARY_H */
