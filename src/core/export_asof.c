/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * export_asof.c: the data as they stood at an earlier moment, rebuilt from
 * the journal, so that a committee can reproduce the figures it was shown.
 *
 * The moment is a journal position H: the last row written at or before
 * the time asked. Every write made through the core's calls leaves one
 * journal row per changed record with the record's values before and
 * after the change (audit.c's snapshots, which hold every value the
 * exports show). The state of a record at H is therefore:
 *
 *   1. the `after` of its last journal row at or before H (none for a
 *      deletion: the record did not exist then);
 *   2. failing that, the `before` of its first journal row after H (the
 *      record as it was when that change came; none for an addition:
 *      it did not exist yet);
 *   3. failing that (no journal row at all), the live row.
 *
 * Imports journal the batch, not its rows: a record known by (2) or (3)
 * and brought by an import batch existed at H only if the batch had been
 * imported, and not undone, by then (its own journal rows say so). A
 * record known by (2) or (3) with no batch, which the core's calls never
 * leave, counts if it was entered by then. An undo journals every record
 * it removes ("delete", "untag", with the record in `before`), so such a
 * record is found by (2) for a moment before the undo, and admitted
 * because its batch was imported and not yet undone then.
 *
 * From those states temporary tables are filled with the columns the
 * export queries read from the live tables:
 *
 *   x_idea      ideas
 *   x_vote, x_tally, x_comment   votes, tallies, comments
 *   x_tag       the tags an idea had ("tag" and "untag" rows, and the
 *               tags an import gave)
 *
 * then the counts the core maintains are recomputed the way the core
 * defines them: votes and tallies per idea, and the support of every idea
 * that is not merged (distinct voters over its group, the ideas merged
 * into it recursively, plus the group's tally counts).
 *
 * The journal never holds personal data, so names and contacts are today's;
 * consultations and themes too (their codes are what the files name).
 *
 * Everything runs inside the export's read transaction; the temporary
 * tables live in SQLite's temporary store (spilled to a file when large),
 * not in our memory.
 */
#include "export_asof.h"
#include "stmt.h"

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
    "DROP TABLE IF EXISTS temp.x_batch;"
    "DROP TABLE IF EXISTS temp.x_idea;"
    "DROP TABLE IF EXISTS temp.x_vote;"
    "DROP TABLE IF EXISTS temp.x_tally;"
    "DROP TABLE IF EXISTS temp.x_comment;"
    "DROP TABLE IF EXISTS temp.x_tag;";

static const char asof_create_sql[] =
    "CREATE TEMP TABLE x_log (id INTEGER PRIMARY KEY, tbl TEXT,"
    "  row_id INTEGER, idea_id INTEGER, action TEXT, late INTEGER);"
    "CREATE TEMP TABLE x_batch (id INTEGER PRIMARY KEY);"
    "CREATE TEMP TABLE x_idea (id INTEGER PRIMARY KEY,"
    "  consultation_id INTEGER, theme_id INTEGER, kind TEXT, title TEXT,"
    "  body TEXT, author_id INTEGER, channel TEXT, form_ref TEXT,"
    "  batch_id INTEGER, submitted_at TEXT, entered_at TEXT,"
    "  entered_by TEXT, status TEXT, status_changed_at TEXT,"
    "  status_changed_by TEXT, answer TEXT, merged_into INTEGER,"
    "  hidden_reason TEXT, paper_batch_id INTEGER, entry_check TEXT,"
    "  votes INTEGER NOT NULL DEFAULT 0,"
    "  tallies INTEGER NOT NULL DEFAULT 0,"
    "  support INTEGER NOT NULL DEFAULT 0, root INTEGER);"
    "CREATE TEMP TABLE x_vote (id INTEGER PRIMARY KEY, idea_id INTEGER,"
    "  participant_id INTEGER, channel TEXT, voted_at TEXT,"
    "  batch_id INTEGER, entered_at TEXT, entered_by TEXT);"
    "CREATE TEMP TABLE x_tally (id INTEGER PRIMARY KEY, idea_id INTEGER,"
    "  count INTEGER, against INTEGER, source TEXT, counted_at TEXT,"
    "  batch_id INTEGER, entered_at TEXT, entered_by TEXT);"
    "CREATE TEMP TABLE x_comment (id INTEGER PRIMARY KEY, idea_id INTEGER,"
    "  participant_id INTEGER, body TEXT, created_at TEXT,"
    "  entered_by TEXT, batch_id INTEGER, hidden INTEGER,"
    "  hidden_reason TEXT, channel TEXT, form_ref TEXT, parent_id INTEGER);"
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

/* One pass over the journal, keeping which rows concern which record
 * (their JSON stays in the journal); `late` marks the rows after H. */
static const char asof_log_sql[] =
    "INSERT INTO temp.x_log(id, tbl, row_id, idea_id, action, late)"
    " SELECT id, tbl, row_id, idea_id, action, id > :h FROM main.audit"
    " WHERE tbl IN ('idea', 'vote', 'tally', 'comment', 'idea_tag',"
    "  'import_batch')";

static const char asof_log_index_sql[] =
    "CREATE INDEX temp.x_log_record ON x_log(tbl, row_id, late, id);"
    "CREATE INDEX temp.x_log_link ON x_log(tbl, idea_id, row_id);";

/* The import batches whose rows were in the database at H: imported by
 * then (the batch's "add" row is written when its rows are in) and not
 * undone by then. */
static const char asof_batch_sql[] =
    "INSERT INTO temp.x_batch(id)"
    " SELECT l.row_id FROM temp.x_log l"
    " WHERE l.tbl = 'import_batch' AND l.action = 'add' AND NOT l.late"
    " AND NOT EXISTS (SELECT 1 FROM temp.x_log u JOIN main.audit a"
    "  ON a.id = u.id WHERE u.tbl = 'import_batch' AND u.row_id = l.row_id"
    "  AND NOT u.late AND json_extract(a.after, '$.undone_at') IS NOT NULL)";

/*
 * The state at H of each journaled record of a table, as JSON (`j`):
 * rule 1 (`mid`, its last row at or before H) or rule 2 (`nid`, its first
 * row after H); `known` says which. `fid` is its last "add" at or before
 * H and `sid` its last status event, whose times stand in for values a
 * snapshot would lack. Rows whose `j` is NULL did not exist at H.
 */
#define STATES(TBL) \
    "(SELECT g.row_id," \
    "  CASE WHEN g.mid IS NOT NULL THEN a.after ELSE n.before END AS j," \
    "  g.mid IS NOT NULL AS known, f.at AS f_at, f.actor AS f_actor," \
    "  s.at AS s_at, s.actor AS s_actor" \
    " FROM (SELECT row_id," \
    "   max(CASE WHEN NOT late THEN id END) AS mid," \
    "   min(CASE WHEN late THEN id END) AS nid," \
    "   max(CASE WHEN NOT late AND action = 'add' THEN id END) AS fid," \
    "   max(CASE WHEN NOT late AND action IN ('add', 'status', 'merge'," \
    "    'unmerge') THEN id END) AS sid" \
    "  FROM temp.x_log WHERE tbl = '" TBL "' GROUP BY row_id) g" \
    " LEFT JOIN main.audit a ON a.id = g.mid" \
    " LEFT JOIN main.audit n ON n.id = g.nid" \
    " LEFT JOIN main.audit f ON f.id = g.fid" \
    " LEFT JOIN main.audit s ON s.id = g.sid) st"

#define J(col) "json_extract(st.j, '$." col "')"
/* A value of the snapshot, or the journal row's own time or login. */
#define J_OR(col, alt) "coalesce(" J(col) ", " alt ")"

/* Rules 2 and 3 admit a record only if it was there at H: brought by a
 * batch in x_batch, or (no batch) entered by then. */
#define THERE(BATCH, ENTERED) \
    " (" BATCH " IN (SELECT id FROM temp.x_batch)" \
    "  OR (" BATCH " IS NULL AND " ENTERED " <= :asof_at))"

/* Live rows without any journal row (rule 3). */
#define UNJOURNALED(TBL, ALIAS) \
    " NOT EXISTS (SELECT 1 FROM temp.x_log l WHERE l.tbl = '" TBL "'" \
    "  AND l.row_id = " ALIAS ".id)"

#define IDEA_COLS \
    "id, consultation_id, theme_id, kind, title, body, author_id, channel," \
    " form_ref, batch_id, submitted_at, entered_at, entered_by, status," \
    " status_changed_at, status_changed_by, answer, merged_into," \
    " hidden_reason, paper_batch_id, entry_check"

static const char asof_idea_sql[] =
    "INSERT INTO temp.x_idea(" IDEA_COLS ")"
    " SELECT st.row_id, " J("consultation_id") ", " J("theme_id") ", "
    J("kind") ", " J("title") ", " J("body") ", " J("author_id") ", "
    J("channel") ", " J("form_ref") ", " J("batch_id") ", "
    J("submitted_at") ", " J_OR("entered_at", "st.f_at") ", "
    J_OR("entered_by", "st.f_actor") ", " J("status") ", "
    J_OR("status_changed_at", "st.s_at") ", "
    J_OR("status_changed_by", "st.s_actor") ", "
    J("answer") ", " J("merged_into") ", " J("hidden_reason") ", "
    J("paper_batch_id") ", " J("entry_check")
    " FROM " STATES("idea")
    " WHERE st.j IS NOT NULL AND (st.known OR"
    THERE(J("batch_id"), J("entered_at")) ")"
    " UNION ALL SELECT " IDEA_COLS " FROM main.idea i WHERE"
    UNJOURNALED("idea", "i") " AND" THERE("i.batch_id", "i.entered_at");

#define VOTE_COLS \
    "id, idea_id, participant_id, channel, voted_at, batch_id, entered_at," \
    " entered_by"

static const char asof_vote_sql[] =
    "INSERT INTO temp.x_vote(" VOTE_COLS ")"
    " SELECT st.row_id, " J("idea_id") ", " J("participant_id") ", "
    J("channel") ", " J("voted_at") ", " J("batch_id") ", "
    J_OR("entered_at", "st.f_at") ", " J_OR("entered_by", "st.f_actor")
    " FROM " STATES("vote")
    " WHERE st.j IS NOT NULL AND (st.known OR"
    THERE(J("batch_id"), J("entered_at")) ")"
    " UNION ALL SELECT " VOTE_COLS " FROM main.vote v WHERE"
    UNJOURNALED("vote", "v") " AND" THERE("v.batch_id", "v.entered_at");

#define TALLY_COLS \
    "id, idea_id, count, against, source, counted_at, batch_id, entered_at," \
    " entered_by"

/* Journal rows written before votes against existed have none: 0. */
static const char asof_tally_sql[] =
    "INSERT INTO temp.x_tally(" TALLY_COLS ")"
    " SELECT st.row_id, " J("idea_id") ", " J("count") ", "
    J_OR("against", "0") ", " J("source") ", "
    J("counted_at") ", " J("batch_id") ", " J_OR("entered_at", "st.f_at")
    ", " J_OR("entered_by", "st.f_actor")
    " FROM " STATES("tally")
    " WHERE st.j IS NOT NULL AND (st.known OR"
    THERE(J("batch_id"), J("entered_at")) ")"
    " UNION ALL SELECT " TALLY_COLS " FROM main.tally t WHERE"
    UNJOURNALED("tally", "t") " AND" THERE("t.batch_id", "t.entered_at");

#define COMMENT_COLS \
    "id, idea_id, participant_id, body, created_at, entered_by, batch_id," \
    " hidden, hidden_reason, channel, form_ref, parent_id"

static const char asof_comment_sql[] =
    "INSERT INTO temp.x_comment(" COMMENT_COLS ")"
    " SELECT st.row_id, " J("idea_id") ", " J("participant_id") ", "
    J("body") ", " J_OR("created_at", "st.f_at") ", "
    J_OR("entered_by", "st.f_actor") ", " J("batch_id") ", " J("hidden")
    ", " J("hidden_reason") ", " J("channel") ", " J("form_ref") ", "
    J("parent_id")
    " FROM " STATES("comment")
    " WHERE st.j IS NOT NULL AND (st.known OR"
    THERE(J("batch_id"), J("created_at")) ")"
    " UNION ALL SELECT " COMMENT_COLS " FROM main.comment m WHERE"
    UNJOURNALED("comment", "m") " AND" THERE("m.batch_id", "m.created_at");

/*
 * A tag link is keyed by (idea, tag): row_id is the tag. It was there at
 * H if its last row by then is "tag", or, with no row by then, if its
 * first row after is "untag" or it has no row at all and is still there
 * (tags an import gave); in those two cases only on an idea there at H.
 */
static const char asof_tag_sql[] =
    "INSERT INTO temp.x_tag(idea_id, name, name_key)"
    " SELECT g.idea_id,"
    "  json_extract(CASE WHEN g.mid IS NOT NULL THEN a.after"
    "   ELSE n.before END, '$.tag'), tg.name_key"
    " FROM (SELECT idea_id, row_id,"
    "   max(CASE WHEN NOT late THEN id END) AS mid,"
    "   min(CASE WHEN late THEN id END) AS nid"
    "  FROM temp.x_log WHERE tbl = 'idea_tag' GROUP BY idea_id, row_id) g"
    " LEFT JOIN main.audit a ON a.id = g.mid"
    " LEFT JOIN main.audit n ON n.id = g.nid"
    " JOIN main.tag tg ON tg.id = g.row_id"
    " WHERE (g.mid IS NOT NULL AND a.action = 'tag')"
    "  OR (g.mid IS NULL AND n.action = 'untag'"
    "   AND g.idea_id IN (SELECT id FROM temp.x_idea))"
    " UNION ALL SELECT it.idea_id, tg.name, tg.name_key"
    " FROM main.idea_tag it JOIN main.tag tg ON tg.id = it.tag_id"
    " WHERE it.idea_id IN (SELECT id FROM temp.x_idea)"
    " AND NOT EXISTS (SELECT 1 FROM temp.x_log l WHERE l.tbl = 'idea_tag'"
    "  AND l.idea_id = it.idea_id AND l.row_id = it.tag_id)";

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
run(struct cs_db *db, const char *sql, int64_t h, const char *asof_at,
    int *changes, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, sql);
    if (st.st && sqlite3_bind_parameter_index(st.st, ":h") != 0)
        stmt_bind_int64(&st, ":h", h);
    if (st.st && sqlite3_bind_parameter_index(st.st, ":asof_at") != 0)
        stmt_bind_text(&st, ":asof_at", asof_at);
    rc = stmt_run(&st, err);
    if (changes)
        *changes = rc == CS_OK ? stmt_changes(&st) : 0;
    stmt_finish(&st);
    return rc;
}

enum cs_rc
export_asof_build(struct cs_db *db, int64_t audit_id, const char *asof_at,
                  struct cs_error *err)
{
    static const char *const loads[] = {
        asof_idea_sql, asof_vote_sql, asof_tally_sql, asof_comment_sql,
        asof_tag_sql,
    };
    enum cs_rc rc;
    int changed = 1;

    if ((rc = db_exec(db, asof_drop_sql, err)) != CS_OK
        || (rc = db_exec(db, asof_create_sql, err)) != CS_OK
        || (rc = run(db, asof_log_sql, audit_id, asof_at, NULL, err))
           != CS_OK
        || (rc = db_exec(db, asof_log_index_sql, err)) != CS_OK
        || (rc = run(db, asof_batch_sql, audit_id, asof_at, NULL, err))
           != CS_OK)
        return rc;
    for (size_t i = 0; i < sizeof loads / sizeof loads[0]; i++)
        if ((rc = run(db, loads[i], audit_id, asof_at, NULL, err)) != CS_OK)
            return rc;
    if ((rc = db_exec(db, asof_index_sql, err)) != CS_OK
        || (rc = run(db, asof_counts_sql, 0, NULL, NULL, err)) != CS_OK)
        return rc;
    /* Merges form trees a few levels deep; the bound guards a damaged
     * journal. */
    for (int depth = 0; changed > 0 && depth < 1000; depth++)
        if ((rc = run(db, asof_root_sql, 0, NULL, &changed, err)) != CS_OK)
            return rc;
    return run(db, asof_support_sql, 0, NULL, NULL, err);
}

void
export_asof_drop(struct cs_db *db)
{
    db_exec(db, asof_drop_sql, NULL);
}
