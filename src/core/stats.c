/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * stats.c: the figures of one consultation, for `consult stats` and the
 * statistics screen.
 *
 * Idea, vote and tally figures add up the rows of idea_count, which the
 * schema's triggers keep per theme, kind, status and channel from the
 * counts each idea keeps (idea.votes, idea.tallies); no idea or vote is
 * counted on the fly. Only the number of
 * distinct participants needs the votes themselves, a seek per person. Every query runs in one read
 * transaction, so the figures agree with each other even while others
 * write.
 */
#include "consult/stats.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "stmt.h"

/* The value whose stored name is `name`, or -1. The names come from the
 * schema's CHECK constraints, so an unknown one means a newer schema. */
static int
stored(const char *name, const char *(*name_of)(int), int count)
{
    for (int i = 0; i < count; i++)
        if (strcmp(name, name_of(i)) == 0)
            return i;
    return -1;
}

static const char *
kind_name(int v)
{
    return cs_kind_name((enum cs_idea_kind)v);
}

static const char *
status_name(int v)
{
    return cs_status_name((enum cs_status)v);
}

static const char *
channel_name(int v)
{
    return cs_channel_name((enum cs_channel)v);
}

static enum cs_rc
stats_totals(struct cs_db *db, struct cs_stats *s, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    int kind, status, channel;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "SELECT k.kind, k.status, k.channel, sum(k.ideas), sum(k.votes),"
        " sum(k.tallies) FROM theme t JOIN idea_count k ON k.theme_id = t.id"
        " WHERE t.consultation_id = :c GROUP BY k.kind, k.status, k.channel");
    stmt_bind_int64(&st, ":c", s->consultation_id);
    while (stmt_row(&st)) {
        int64_t n = stmt_int64(&st, 3);

        kind = stored(stmt_text(&st, 0), kind_name, CS_KIND_COUNT);
        status = stored(stmt_text(&st, 1), status_name, CS_STATUS_COUNT);
        channel = stored(stmt_text(&st, 2), channel_name, CS_CHANNEL_COUNT);
        if (kind < 0 || status < 0 || channel < 0)
            continue;
        if (kind == CS_KIND_FINDING)
            s->findings += n;
        else
            s->ideas += n;
        s->by_status[status] += n;
        s->by_channel[channel] += n;
        s->votes += stmt_int64(&st, 4);
        s->tally_votes += stmt_int64(&st, 5);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* Comments shown to readers: those not hidden by moderation. */
static enum cs_rc
stats_comments(struct cs_db *db, struct cs_stats *s, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "SELECT count(*) FROM idea i JOIN comment c ON c.idea_id = i.id"
        " WHERE i.consultation_id = :c AND c.hidden = 0");
    stmt_bind_int64(&st, ":c", s->consultation_id);
    if (stmt_row(&st))
        s->comments = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* Everyone who took part: authors, voters and commenters (a hidden
 * comment's author took part too), each once; anonymous contributions
 * have no participant and are not counted.
 *
 * Asked person by person: has this one an idea, a vote or a comment in
 * the consultation? Each question is a seek in an index by participant
 * that stops at the first answer, so the cost follows the number of
 * people, where collecting every voter of the consultation read every
 * vote (11 s for 10 million). CROSS JOIN keeps SQLite from walking the
 * consultation's ideas for each person instead. */
static enum cs_rc
stats_participants(struct cs_db *db, struct cs_stats *s, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "SELECT count(*), coalesce(sum(p.email IS NULL), 0)"
        " FROM participant p WHERE"
        " EXISTS (SELECT 1 FROM idea i"
        "   WHERE i.author_id = p.id AND i.consultation_id = :c)"
        " OR EXISTS (SELECT 1 FROM vote v CROSS JOIN idea i"
        "   ON i.id = v.idea_id"
        "   WHERE v.participant_id = p.id AND i.consultation_id = :c)"
        " OR EXISTS (SELECT 1 FROM comment m CROSS JOIN idea i"
        "   ON i.id = m.idea_id"
        "   WHERE m.participant_id = p.id AND i.consultation_id = :c)");
    stmt_bind_int64(&st, ":c", s->consultation_id);
    if (stmt_row(&st)) {
        s->participants = stmt_int64(&st, 0);
        s->participants_without_email = stmt_int64(&st, 1);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

static enum cs_rc
stats_themes(struct cs_db *db, struct cs_stats *s, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    size_t cap = 0;
    enum cs_rc rc = CS_OK;

    stmt_prepare(&st, db,
        "SELECT t.id, t.code, t.title,"
        " coalesce(sum(CASE k.kind WHEN 'idea' THEN k.ideas END), 0),"
        " coalesce(sum(CASE k.kind WHEN 'finding' THEN k.ideas END), 0),"
        " coalesce(sum(k.votes), 0), coalesce(sum(k.tallies), 0)"
        " FROM theme t LEFT JOIN idea_count k ON k.theme_id = t.id"
        " WHERE t.consultation_id = :c"
        " GROUP BY t.id ORDER BY t.position, t.code");
    stmt_bind_int64(&st, ":c", s->consultation_id);
    while (stmt_row(&st)) {
        struct cs_theme_stats *t;

        void *grown = util_grow(s->themes, &cap, s->theme_count,
                                sizeof *s->themes);

        if (grown == NULL) {
            rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
            goto out;
        }
        s->themes = grown;
        t = &s->themes[s->theme_count++];
        memset(t, 0, sizeof *t);
        t->theme_id = stmt_int64(&st, 0);
        t->code = stmt_text_dup(&st, 1);
        t->title = stmt_text_dup(&st, 2);
        t->ideas = stmt_int64(&st, 3);
        t->findings = stmt_int64(&st, 4);
        t->votes = stmt_int64(&st, 5);
        t->tally_votes = stmt_int64(&st, 6);
    }
    rc = stmt_status(&st, err);
out:
    stmt_finish(&st);
    return rc;
}

static enum cs_rc
stats_consultation_exists(struct cs_db *db, int64_t id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    bool found;
    enum cs_rc rc;

    stmt_prepare(&st, db, "SELECT 1 FROM consultation WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    found = stmt_row(&st);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = cs_error_field(err, CS_ENOTFOUND, "consultation",
                            _("No consultation %lld."), (long long)id);
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
    rc = stats_consultation_exists(db, consultation_id, err);
    if (rc == CS_OK)
        rc = stats_totals(db, s, err);
    if (rc == CS_OK)
        rc = stats_comments(db, s, err);
    if (rc == CS_OK)
        rc = stats_participants(db, s, err);
    if (rc == CS_OK)
        rc = stats_themes(db, s, err);
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
