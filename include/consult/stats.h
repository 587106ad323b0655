/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * stats.h: the figures of one consultation, from maintained counts.
 */
#ifndef CONSULT_STATS_H
#define CONSULT_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"
#include "consult/types.h"

struct cs_theme_stats {
    int64_t theme_id;
    char *code;
    char *title;
    int64_t ideas;              /* kind idea */
    int64_t findings;           /* kind finding */
    int64_t votes;              /* individual votes on its ideas */
    int64_t tally_votes;        /* sum of tally counts */
};

struct cs_stats {
    int64_t consultation_id;
    int64_t ideas;              /* kind idea, every status */
    int64_t findings;           /* kind finding */
    int64_t by_status[CS_STATUS_COUNT];
    int64_t by_channel[CS_CHANNEL_COUNT];   /* ideas and findings */
    int64_t votes;              /* individual votes */
    int64_t tally_votes;        /* sum of tally counts */
    int64_t comments;           /* visible comments */
    int64_t participants;       /* distinct authors, voters, commenters */
    int64_t participants_without_email;
    struct cs_theme_stats *themes;  /* owned, in theme order */
    size_t theme_count;
};

/* The figures of consultation `consultation_id`. Viewer or above.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM. Free with cs_stats_free. */
enum cs_rc cs_stats_get(struct cs_db *db, int64_t consultation_id,
                        struct cs_stats **out, struct cs_error *err);
void cs_stats_free(struct cs_stats *s);

/* ---------------------------------------------------------------- weeks */

/* The contributions of one week (weeks start on Monday). */
struct cs_week {
    int number;                 /* 1: the week the consultation opened (or,
                                   with no opening date, the first week with
                                   a contribution); earlier weeks 0, -1... */
    char start[16];             /* its Monday, YYYY-MM-DD */
    int64_t participants;       /* distinct people who contributed in it */
    int64_t ideas;              /* ideas and findings submitted */
    int64_t votes;              /* individual votes */
    int64_t comments;           /* comments, hidden ones included */
};

struct cs_week_list {
    struct cs_week *items;      /* owned, oldest week first; weeks without
                                   a contribution are left out */
    size_t count;
};

/*
 * The contributions of consultation `consultation_id` week by week, the
 * figures of the participation export's "week" rows. Reads every vote of
 * the consultation: ask when they are wanted. Viewer or above.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM, CS_ENOMEM. Free with
 * cs_week_list_free.
 */
enum cs_rc cs_stats_weeks(struct cs_db *db, int64_t consultation_id,
                          struct cs_week_list **out, struct cs_error *err);
void cs_week_list_free(struct cs_week_list *l);

#endif /* CONSULT_STATS_H */
