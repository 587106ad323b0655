/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * stats_weeks.c: a consultation's contributions week by week, for the
 * statistics screen, `consult stats --weeks` and the participation export
 * (which adds its filters and shares).
 *
 * Weeks start on Monday. Week 1 is the week the consultation opened (or,
 * with no opening date, the first week with a contribution); weeks before
 * it count down from 0. Every contribution (idea, vote, comment) counts
 * once, in the week of its own date; it reads every vote of the
 * consultation, so callers ask for it when it is wanted.
 */
#include "stats_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult/consultation.h"
#include "contrib_sql.h"
#include "i18n.h"
#include "stmt.h"

#define WEEK_SQL(I, V, C) \
    "WITH contrib(pid, what, day) AS (" \
    "  SELECT i.author_id, 1, i.submitted_at FROM " I " i" \
    "   WHERE" P_IDEA_WHERE \
    "  UNION ALL SELECT v.participant_id, 2, v.voted_at FROM " V " v" \
    "   WHERE" P_VOTE_WHERE(I) \
    "  UNION ALL SELECT m.participant_id, 3, m.created_at FROM " C " m" \
    "   WHERE" P_COMMENT_WHERE(I) ")" \
    " SELECT date(day, 'weekday 0', '-6 days') AS wk," \
    " CAST(julianday(date(day, 'weekday 0', '-6 days')) AS INTEGER)," \
    " count(DISTINCT pid), sum(what = 1), sum(what = 2), sum(what = 3)" \
    " FROM contrib GROUP BY wk ORDER BY wk"

static const char week_live[] = WEEK_SQL("idea", "vote", "comment");
static const char week_asof[] =
    WEEK_SQL("temp.x_idea", "temp.x_vote", "temp.x_comment");

static enum cs_rc
no_memory(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
}

/* The Monday of the week the consultation opened, as a julian day; 0 if
 * it has no opening date. */
static enum cs_rc
opening_week(struct cs_db *db, int64_t cons_id, int64_t *jd,
             struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *jd = 0;
    stmt_prepare(&st, db,
        "SELECT CAST(julianday(date(opens_on, 'weekday 0', '-6 days'))"
        " AS INTEGER) FROM consultation WHERE id = :cons"
        " AND opens_on IS NOT NULL");
    stmt_bind_int64(&st, ":cons", cons_id);
    if (stmt_row(&st))
        *jd = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

static void
bind_or_null(struct stmt *st, const char *name, const char *v)
{
    stmt_bind_text(st, name, v != NULL && v[0] != '\0' ? v : NULL);
}

enum cs_rc
stats_weeks(struct cs_db *db, const struct stats_week_query *q,
            struct cs_week_list **out, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_week_list *l;
    int64_t base = 0;
    size_t cap = 0;
    enum cs_rc rc;

    if ((rc = opening_week(db, q->consultation_id, &base, err)) != CS_OK)
        return rc;
    if ((l = calloc(1, sizeof *l)) == NULL)
        return no_memory(err);
    stmt_prepare(&st, db, q->asof ? week_asof : week_live);
    stmt_bind_int64(&st, ":cons", q->consultation_id);
    stmt_bind_id(&st, ":theme", q->theme_id);
    bind_or_null(&st, ":since", q->since);
    bind_or_null(&st, ":until", q->until);
    while (stmt_row(&st)) {
        int64_t jd = stmt_int64(&st, 1);
        struct cs_week *w;
        void *grown;

        if (stmt_is_null(&st, 0))
            continue;                       /* an unreadable date */
        if ((grown = util_grow(l->items, &cap, l->count, sizeof *l->items))
            == NULL) {
            rc = no_memory(err);
            goto out;
        }
        l->items = grown;
        w = &l->items[l->count++];
        memset(w, 0, sizeof *w);
        if (base == 0)
            base = jd;                      /* weeks from the first one */
        w->number = (int)(jd - base >= 0 ? (jd - base) / 7 + 1
                                         : -((base - jd + 6) / 7) + 1);
        snprintf(w->start, sizeof w->start, "%s", stmt_text(&st, 0));
        w->participants = stmt_int64(&st, 2);
        w->ideas = stmt_int64(&st, 3);
        w->votes = stmt_int64(&st, 4);
        w->comments = stmt_int64(&st, 5);
    }
    rc = stmt_status(&st, err);
out:
    stmt_finish(&st);
    if (rc != CS_OK) {
        cs_week_list_free(l);
        return rc;
    }
    *out = l;
    return CS_OK;
}

enum cs_rc
cs_stats_weeks(struct cs_db *db, int64_t consultation_id,
               struct cs_week_list **out, struct cs_error *err)
{
    struct stats_week_query q = { consultation_id, 0, NULL, NULL, false };
    struct cs_consultation c;
    enum cs_rc rc;

    /* Checks the role and that the consultation exists. */
    if ((rc = cs_consultation_get(db, consultation_id, &c, err)) != CS_OK)
        return rc;
    cs_consultation_clear(&c);
    return stats_weeks(db, &q, out, err);
}

void
cs_week_list_free(struct cs_week_list *l)
{
    if (l == NULL)
        return;
    free(l->items);
    free(l);
}
