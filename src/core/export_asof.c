/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * export_asof.c: the data as they stood at an earlier moment, rebuilt from
 * the journal, so that a committee can reproduce the figures it was shown.
 *
 * The moment is a journal position H: the last row written at or before
 * the time asked. Every write leaves one journal row per changed record,
 * with the record's values after the change (audit.c's snapshots), so the
 * state of a record at H is the `after` of its last row at or before H (a
 * deletion has none). From those, temporary tables are filled with the
 * columns the export queries read from the live tables:
 *
 *   x_idea      ideas (what the snapshot holds, plus the dates and logins
 *               of their creation and of their last status change, taken
 *               from the journal rows themselves)
 *   x_vote, x_tally, x_comment   the same for votes, tallies, comments
 *   x_tag       the tags an idea had ("tag" and "untag" rows)
 *
 * then the counts the core maintains are recomputed the way the core
 * defines them: votes and tallies per idea, and the support of every idea
 * that is not merged (distinct voters over its group, the ideas merged
 * into it recursively, plus the group's tally counts).
 *
 * The journal never holds personal data, so names and contacts are today's;
 * consultations and themes too (their codes are what the files name).
 *
 * The snapshots hold every value the exports show, the times of entry and
 * of the last status change included, so the rows rebuilt are the rows as
 * they were: an export as of a moment is byte for byte the file an export
 * made at that moment wrote. (Should a snapshot lack one of those times,
 * the time of the journal row that made the change stands in for it.)
 *
 * Everything runs inside the export's read transaction; the temporary
 * tables live in SQLite's temporary store (spilled to a file when large),
 * not in our memory.
 */
#include "export_priv.h"

#include "i18n.h"

enum cs_rc
export_asof_position(struct cs_db *db, const char *at, int64_t *audit_id,
                     struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    /* audit_by_time walked backwards from the bound: one seek. */
    stmt_prepare(&st, db, "SELECT id FROM audit WHERE at <= :at"
                          " ORDER BY at DESC, id DESC LIMIT 1");
    stmt_bind_text(&st, ":at", at);
    *audit_id = stmt_row(&st) ? stmt_int64(&st, 0) : 0;
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

static const char asof_drop_sql[] =
    "DROP TABLE IF EXISTS temp.x_log;"
    "DROP TABLE IF EXISTS temp.x_idea;"
    "DROP TABLE IF EXISTS temp.x_vote;"
    "DROP TABLE IF EXISTS temp.x_tally;"
    "DROP TABLE IF EXISTS temp.x_comment;"
    "DROP TABLE IF EXISTS temp.x_tag;";

static const char asof_create_sql[] =
    "CREATE TEMP TABLE x_log (id INTEGER PRIMARY KEY, tbl TEXT,"
    "  row_id INTEGER, idea_id INTEGER, action TEXT);"
    "CREATE TEMP TABLE x_idea (id INTEGER PRIMARY KEY,"
    "  consultation_id INTEGER, theme_id INTEGER, kind TEXT, title TEXT,"
    "  body TEXT, author_id INTEGER, channel TEXT, form_ref TEXT,"
    "  batch_id INTEGER, submitted_at TEXT, entered_at TEXT,"
    "  entered_by TEXT, status TEXT, status_changed_at TEXT,"
    "  status_changed_by TEXT, answer TEXT, merged_into INTEGER,"
    "  hidden_reason TEXT, votes INTEGER NOT NULL DEFAULT 0,"
    "  tallies INTEGER NOT NULL DEFAULT 0,"
    "  support INTEGER NOT NULL DEFAULT 0, root INTEGER);"
    "CREATE TEMP TABLE x_vote (id INTEGER PRIMARY KEY, idea_id INTEGER,"
    "  participant_id INTEGER, channel TEXT, voted_at TEXT,"
    "  batch_id INTEGER, entered_at TEXT, entered_by TEXT);"
    "CREATE TEMP TABLE x_tally (id INTEGER PRIMARY KEY, idea_id INTEGER,"
    "  count INTEGER, source TEXT, counted_at TEXT, batch_id INTEGER,"
    "  entered_at TEXT, entered_by TEXT);"
    "CREATE TEMP TABLE x_comment (id INTEGER PRIMARY KEY, idea_id INTEGER,"
    "  participant_id INTEGER, body TEXT, created_at TEXT,"
    "  entered_by TEXT, batch_id INTEGER, hidden INTEGER,"
    "  hidden_reason TEXT);"
    "CREATE TEMP TABLE x_tag (idea_id INTEGER, name TEXT, name_key TEXT);";

/* Indexes made after the loads (cheaper than maintained during them). */
static const char asof_index_sql[] =
    "CREATE INDEX temp.x_idea_support ON x_idea(consultation_id, support, id);"
    "CREATE INDEX temp.x_idea_merge ON x_idea(merged_into);"
    "CREATE INDEX temp.x_idea_root ON x_idea(root);"
    "CREATE INDEX temp.x_idea_author ON x_idea(author_id);"
    "CREATE INDEX temp.x_idea_theme ON x_idea(theme_id, status, kind,"
    "  channel, author_id);"
    "CREATE INDEX temp.x_vote_idea ON x_vote(idea_id, channel);"
    "CREATE INDEX temp.x_vote_voter ON x_vote(idea_id, participant_id);"
    "CREATE INDEX temp.x_vote_participant ON x_vote(participant_id);"
    "CREATE INDEX temp.x_tally_idea ON x_tally(idea_id);"
    "CREATE INDEX temp.x_comment_idea ON x_comment(idea_id);"
    "CREATE INDEX temp.x_comment_participant ON x_comment(participant_id);"
    "CREATE INDEX temp.x_tag_idea ON x_tag(idea_id);";

/* One pass over the journal, up to H, keeping what says which row holds
 * each record's state (the JSON stays in the journal). */
static const char asof_log_sql[] =
    "INSERT INTO temp.x_log(id, tbl, row_id, idea_id, action)"
    " SELECT id, tbl, row_id, idea_id, action FROM main.audit"
    " WHERE id <= :h"
    "   AND tbl IN ('idea', 'vote', 'tally', 'comment', 'idea_tag')";

static const char asof_log_index_sql[] =
    "CREATE INDEX temp.x_log_record ON x_log(tbl, row_id, id);";

/*
 * Per record of a table: `mid` its last row (its state at H; none, or a
 * deletion, and it did not exist then), `aid` its last "add" (the creation
 * of the record that had this id then: an id freed by a deletion can be
 * given again), `sid` its last status event.
 */
#define GROUPS(TBL) \
    "(SELECT row_id, max(id) AS mid," \
    "  max(CASE WHEN action = 'add' THEN id END) AS aid," \
    "  max(CASE WHEN action IN ('add', 'status', 'merge', 'unmerge')" \
    "   THEN id END) AS sid" \
    " FROM temp.x_log WHERE tbl = '" TBL "' GROUP BY row_id) g" \
    " JOIN main.audit a ON a.id = g.mid" \
    " LEFT JOIN main.audit f ON f.id = g.aid"

#define J(col) "json_extract(a.after, '$." col "')"
/* A value of the snapshot, or the journal row's own time or login. */
#define J_OR(col, alt) "coalesce(" J(col) ", " alt ")"

static const char asof_idea_sql[] =
    "INSERT INTO temp.x_idea(id, consultation_id, theme_id, kind, title,"
    " body, author_id, channel, form_ref, batch_id, submitted_at,"
    " entered_at, entered_by, status, status_changed_at, status_changed_by,"
    " answer, merged_into, hidden_reason)"
    " SELECT g.row_id, " J("consultation_id") ", " J("theme_id") ", "
    J("kind") ", " J("title") ", " J("body") ", " J("author_id") ", "
    J("channel") ", " J("form_ref") ", " J("batch_id") ", "
    J("submitted_at") ", " J_OR("entered_at", "f.at") ", "
    J_OR("entered_by", "f.actor") ", " J("status") ", "
    J_OR("status_changed_at", "s.at") ", "
    J_OR("status_changed_by", "s.actor") ", "
    J("answer") ", " J("merged_into") ", " J("hidden_reason")
    " FROM " GROUPS("idea")
    " LEFT JOIN main.audit s ON s.id = g.sid"
    " WHERE a.after IS NOT NULL";

static const char asof_vote_sql[] =
    "INSERT INTO temp.x_vote(id, idea_id, participant_id, channel, voted_at,"
    " batch_id, entered_at, entered_by)"
    " SELECT g.row_id, " J("idea_id") ", " J("participant_id") ", "
    J("channel") ", " J("voted_at") ", " J("batch_id") ", "
    J_OR("entered_at", "f.at") ", " J_OR("entered_by", "f.actor")
    " FROM " GROUPS("vote")
    " WHERE a.after IS NOT NULL";

static const char asof_tally_sql[] =
    "INSERT INTO temp.x_tally(id, idea_id, count, source, counted_at,"
    " batch_id, entered_at, entered_by)"
    " SELECT g.row_id, " J("idea_id") ", " J("count") ", " J("source") ", "
    J("counted_at") ", " J("batch_id") ", " J_OR("entered_at", "f.at") ", "
    J_OR("entered_by", "f.actor")
    " FROM " GROUPS("tally")
    " WHERE a.after IS NOT NULL";

static const char asof_comment_sql[] =
    "INSERT INTO temp.x_comment(id, idea_id, participant_id, body,"
    " created_at, entered_by, batch_id, hidden, hidden_reason)"
    " SELECT g.row_id, " J("idea_id") ", " J("participant_id") ", "
    J("body") ", " J_OR("created_at", "f.at") ", "
    J_OR("entered_by", "f.actor") ", " J("batch_id") ", " J("hidden") ", "
    J("hidden_reason")
    " FROM " GROUPS("comment")
    " WHERE a.after IS NOT NULL";

/* A tag link is keyed by (idea, tag): row_id is the tag. */
static const char asof_tag_sql[] =
    "INSERT INTO temp.x_tag(idea_id, name, name_key)"
    " SELECT g.idea_id, json_extract(a.after, '$.tag'), tg.name_key"
    " FROM (SELECT idea_id, row_id, max(id) AS mid FROM temp.x_log"
    "  WHERE tbl = 'idea_tag' GROUP BY idea_id, row_id) g"
    " JOIN main.audit a ON a.id = g.mid"
    " JOIN main.tag tg ON tg.id = g.row_id"
    " WHERE a.action = 'tag'";

static const char asof_counts_sql[] =
    "UPDATE temp.x_idea SET"
    " votes = (SELECT count(*) FROM temp.x_vote v"
    "          WHERE v.idea_id = x_idea.id),"
    " tallies = (SELECT coalesce(sum(t.count), 0) FROM temp.x_tally t"
    "            WHERE t.idea_id = x_idea.id),"
    " root = CASE WHEN merged_into IS NULL THEN id END";

/* One more level of merged ideas finds its root. */
static const char asof_root_sql[] =
    "UPDATE temp.x_idea SET root = (SELECT p.root FROM temp.x_idea p"
    "  WHERE p.id = x_idea.merged_into)"
    " WHERE root IS NULL AND (SELECT p.root FROM temp.x_idea p"
    "  WHERE p.id = x_idea.merged_into) IS NOT NULL";

static const char asof_support_sql[] =
    "UPDATE temp.x_idea SET support = CASE WHEN merged_into IS NOT NULL"
    " THEN 0 ELSE"
    " (SELECT count(DISTINCT v.participant_id) FROM temp.x_idea m"
    "  JOIN temp.x_vote v ON v.idea_id = m.id WHERE m.root = x_idea.id)"
    " + (SELECT coalesce(sum(t.count), 0) FROM temp.x_idea m"
    "  JOIN temp.x_tally t ON t.idea_id = m.id WHERE m.root = x_idea.id)"
    " END";

static enum cs_rc
run(struct cs_db *db, const char *sql, int64_t h, int *changes,
    struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, sql);
    if (st.st && sqlite3_bind_parameter_index(st.st, ":h") != 0)
        stmt_bind_int64(&st, ":h", h);
    rc = stmt_run(&st, err);
    if (changes)
        *changes = rc == CS_OK ? stmt_changes(&st) : 0;
    stmt_finish(&st);
    return rc;
}

enum cs_rc
export_asof_build(struct cs_db *db, int64_t audit_id, struct cs_error *err)
{
    static const char *const loads[] = {
        asof_idea_sql, asof_vote_sql, asof_tally_sql, asof_comment_sql,
        asof_tag_sql,
    };
    enum cs_rc rc;
    int changed = 1;

    if ((rc = db_exec(db, asof_drop_sql, err)) != CS_OK
        || (rc = db_exec(db, asof_create_sql, err)) != CS_OK
        || (rc = run(db, asof_log_sql, audit_id, NULL, err)) != CS_OK
        || (rc = db_exec(db, asof_log_index_sql, err)) != CS_OK)
        return rc;
    for (size_t i = 0; i < sizeof loads / sizeof loads[0]; i++)
        if ((rc = run(db, loads[i], audit_id, NULL, err)) != CS_OK)
            return rc;
    if ((rc = db_exec(db, asof_index_sql, err)) != CS_OK
        || (rc = run(db, asof_counts_sql, 0, NULL, err)) != CS_OK)
        return rc;
    /* Merges form trees a few levels deep; the bound guards a damaged
     * journal. */
    for (int depth = 0; changed > 0 && depth < 1000; depth++)
        if ((rc = run(db, asof_root_sql, 0, &changed, err)) != CS_OK)
            return rc;
    return run(db, asof_support_sql, 0, NULL, err);
}

void
export_asof_drop(struct cs_db *db)
{
    db_exec(db, asof_drop_sql, NULL);
}
