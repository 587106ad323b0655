/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * stats.c: the figures of one consultation, for `consult stats` and the
 * statistics screen.
 *
 * Idea, vote and tally figures add up the rows of idea_count, which the
 * schema's triggers keep per theme, kind, status and channel from the
 * counts each idea keeps (idea.votes, idea.tallies), read once through
 * idea_kept_each (idea_row.c); comments and participants come from
 * consultation_count, kept by triggers too: no idea, vote, comment or
 * person is counted on the fly. Every query runs in one read transaction,
 * so the figures agree with each other even while others write.
 */
#include "consult/stats.h"

#include <stdlib.h>
#include <string.h>

#include "cons_state.h"
#include "i18n.h"
#include "idea_row.h"
#include "stmt.h"

/* The figures of the consultation and of its themes, in one walk of the
 * kept figures. */
struct kept_fill {
    struct cs_stats *s;
    size_t cap;                 /* of s->themes */
};

static enum cs_rc
stats_kept(void *ctx, const struct idea_kept *k, struct cs_error *err)
{
    struct kept_fill *x = ctx;
    struct cs_stats *s = x->s;
    struct cs_theme_stats *t;

    if (k->first) {
        void *grown = util_grow(s->themes, &x->cap, s->theme_count,
                                sizeof *s->themes);

        if (grown == NULL)
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        s->themes = grown;
        t = &s->themes[s->theme_count++];
        memset(t, 0, sizeof *t);
        t->theme_id = k->theme_id;
        if ((t->code = strdup(k->theme_code)) == NULL
            || (t->title = strdup(k->theme_title)) == NULL)
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    t = &s->themes[s->theme_count - 1];
    /* No ideas, or names of a newer schema: nothing to add. */
    if (k->kind < 0 || k->status < 0 || k->channel < 0)
        return CS_OK;
    if (k->kind == CS_KIND_FINDING) {
        s->findings += k->ideas;
        t->findings += k->ideas;
    } else {
        s->ideas += k->ideas;
        t->ideas += k->ideas;
    }
    s->by_status[k->status] += k->ideas;
    s->by_channel[k->channel] += k->ideas;
    s->votes += k->votes;
    t->votes += k->votes;
    s->tally_votes += k->tallies;
    t->tally_votes += k->tallies;
    return CS_OK;
}

/* Comments shown to readers (those not hidden by moderation), and
 * everyone who took part: authors, voters and commenters (a hidden
 * comment's author took part too), each once; anonymous contributions
 * have no participant and are not counted. The schema's triggers keep
 * them in consultation_count (see participation in schema.c): one row,
 * where asking each person whether they took part cost a seek per person
 * (half a second for a million ideas, seconds on a cold cache). */
static enum cs_rc
stats_people(struct cs_db *db, struct cs_stats *s, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "SELECT comments, participants, without_email"
        " FROM consultation_count WHERE consultation_id = :c");
    stmt_bind_int64(&st, ":c", s->consultation_id);
    if (stmt_row(&st)) {
        s->comments = stmt_int64(&st, 0);
        s->participants = stmt_int64(&st, 1);
        s->participants_without_email = stmt_int64(&st, 2);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
cs_stats_get(struct cs_db *db, int64_t consultation_id, struct cs_stats **out,
             struct cs_error *err)
{
    struct cs_stats *s;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((s = calloc(1, sizeof *s)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    s->consultation_id = consultation_id;
    /* One snapshot for all the figures (a savepoint opens a read
     * transaction, or nests in the caller's). */
    if ((rc = db_exec(db, "SAVEPOINT stats_read", err)) != CS_OK) {
        free(s);
        return rc;
    }
    rc = cons_exists(db, consultation_id, err);
    if (rc == CS_OK) {
        struct idea_filter v;
        struct kept_fill x = { s, 0 };

        memset(&v, 0, sizeof v);
        v.cons = consultation_id;
        rc = idea_kept_each(db, &v, IDEA_KEPT_ROWS, stats_kept, &x, err);
    }
    if (rc == CS_OK)
        rc = stats_people(db, s, err);
    db_exec(db, "RELEASE stats_read", NULL);
    if (rc != CS_OK) {
        cs_stats_free(s);
        return rc;
    }
    *out = s;
    return CS_OK;
}

void
cs_stats_free(struct cs_stats *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->theme_count; i++) {
        free(s->themes[i].code);
        free(s->themes[i].title);
    }
    free(s->themes);
    free(s);
}
