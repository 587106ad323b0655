/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * stats_priv.h: the weekly figures with the filters of an export
 * (theme, dates, as of a moment), for the participation export.
 * Core-private.
 */
#ifndef CONSULT_STATS_PRIV_H
#define CONSULT_STATS_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "consult/stats.h"
#include "dbpriv.h"

struct stats_week_query {
    int64_t consultation_id;    /* required */
    int64_t theme_id;           /* 0: every theme */
    const char *since;          /* stored form, NULL or "": no bound */
    const char *until;          /* stored form, NULL or "": no bound */
    bool asof;                  /* read the as-of tables (temp.x_idea...)
                                   that export_asof.c built */
};

/* The weeks of `q`, as cs_stats_weeks gives them, with no role check
 * (the caller made it). Free with cs_week_list_free. Returns CS_OK,
 * CS_ENOMEM, or a database failure. */
enum cs_rc stats_weeks(struct cs_db *db, const struct stats_week_query *q,
                       struct cs_week_list **out, struct cs_error *err);

#endif /* CONSULT_STATS_PRIV_H */
