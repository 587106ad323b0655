/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * contrib_sql.h: the SQL conditions that pick a consultation's
 * contributions (ideas, votes, comments), shared by the participation
 * export (export_summary.c) and the weekly figures (stats_weeks.c), so
 * that both count the same rows. Core-private.
 *
 * A contribution counts if it is on an idea of the consultation (and
 * theme) and dated within :since / :until by its own date; every bound
 * parameter may be NULL (no bound). IDEA names the idea table (live, or
 * the as-of copy temp.x_idea). The "+" keeps each table walked whole and
 * tested against the consultation's ideas, listed once.
 */
#ifndef CONSULT_CONTRIB_SQL_H
#define CONSULT_CONTRIB_SQL_H

#include "idea_row.h"

/* The filter terms are idea_row.h's. */
#define P_IDEAS(IDEA) \
    " (SELECT id FROM " IDEA " WHERE consultation_id = :cons" \
    IDEA_F_THEME("") ")"
#define P_IDEA_WHERE \
    " i.consultation_id = :cons" IDEA_F_THEME("i.") \
    IDEA_F_DATES("i.submitted_at")
#define P_VOTE_WHERE(IDEA) \
    " +v.idea_id IN" P_IDEAS(IDEA) IDEA_F_DATES("v.voted_at")
#define P_COMMENT_WHERE(IDEA) \
    " +m.idea_id IN" P_IDEAS(IDEA) IDEA_F_DATES("m.created_at")

#endif /* CONSULT_CONTRIB_SQL_H */
