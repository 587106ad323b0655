/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import_batch.c: what happens to an import afterwards: the list of
 * batches and undoing one.
 *
 * Undoing removes exactly what the batch added, found by the batch_id the
 * import put on every row it wrote (ideas, votes, tallies, participants),
 * and puts the maintained counts back the way vote.c and idea.c keep them.
 * It refuses when later work hangs on the batch (a vote, a comment, a
 * merge, a status set on one of its ideas), rather than take that work
 * away too.
 *
 * Every record the undo removes gets its own journal row ("delete", or
 * "untag" for a tag an idea had) with the record as it was in `before`,
 * as the core's own deletions do: an as-of export for a moment before the
 * undo (export_asof.c) finds the records there, where the live tables no
 * longer have them.
 */
#include "consult/import.h"

#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "cons_state.h"
#include "i18n.h"
#include "idea_priv.h"
#include "import_shared.h"

static enum cs_rc
no_memory(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
}

/* ---------------------------------------------------------------- list */

void
cs_import_batch_list_free(struct cs_import_batch_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++) {
        struct cs_import_batch *b = &list->items[i];

        free(b->consultation_code);
        free(b->file_name);
        free(b->imported_by);
        free(b->imported_at);
        free(b->undone_at);
        free(b->undone_by);
    }
    free(list->items);
    free(list);
}

enum cs_rc
cs_import_list(struct cs_db *db, struct cs_import_batch_list **out,
               struct cs_error *err)
{
    struct cs_import_batch_list *list;
    struct stmt st = STMT_INIT;
    size_t cap = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((list = calloc(1, sizeof *list)) == NULL)
        return no_memory(err);
    stmt_prepare(&st, db,
        "SELECT b.id, b.kind, coalesce(b.consultation_id, 0), c.code,"
        " b.file_name, b.checksum, b.rows_read, b.accepted, b.rejected,"
        " b.duplicates, b.imported_by, b.imported_at, b.undone_at,"
        " b.undone_by FROM import_batch b"
        " LEFT JOIN consultation c ON c.id = b.consultation_id"
        " ORDER BY b.id DESC");
    while (stmt_row(&st)) {
        struct cs_import_batch *b;

        if (list->count == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct cs_import_batch *grown =
                realloc(list->items, ncap * sizeof *grown);

            if (grown == NULL) {
                rc = no_memory(err);
                break;
            }
            list->items = grown;
            cap = ncap;
        }
        b = &list->items[list->count++];
        memset(b, 0, sizeof *b);
        b->id = stmt_int64(&st, 0);
        cs_import_kind_parse(stmt_text(&st, 1), &b->kind, NULL);
        b->consultation_id = stmt_int64(&st, 2);
        b->consultation_code = stmt_text_dup(&st, 3);
        b->file_name = stmt_text_dup(&st, 4);
        snprintf(b->checksum, sizeof b->checksum, "%s", stmt_text(&st, 5));
        b->rows_read = (long)stmt_int64(&st, 6);
        b->accepted = (long)stmt_int64(&st, 7);
        b->rejected = (long)stmt_int64(&st, 8);
        b->duplicates = (long)stmt_int64(&st, 9);
        b->imported_by = stmt_text_dup(&st, 10);
        b->imported_at = stmt_text_dup(&st, 11);
        b->undone_at = stmt_text_dup(&st, 12);
        b->undone_by = stmt_text_dup(&st, 13);
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK) {
        cs_import_batch_list_free(list);
        return rc;
    }
    *out = list;
    return CS_OK;
}

/* ---------------------------------------------------------------- undo */

/* Run a statement with only :batch bound; `*changes` gets the rows it
 * changed (may be NULL). */
static enum cs_rc
run_batch(struct cs_db *db, const char *sql, int64_t batch, long *changes,
          struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, sql);
    stmt_bind_int64(&st, ":batch", batch);
    rc = stmt_run(&st, err);
    if (rc == CS_OK && changes)
        *changes = stmt_changes(&st);
    stmt_finish(&st);
    return rc;
}

/* The first row of `sql` (one integer column, :batch bound), or 0. */
static enum cs_rc
first_id(struct cs_db *db, const char *sql, int64_t batch, int64_t *out,
         struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *out = 0;
    stmt_prepare(&st, db, sql);
    stmt_bind_int64(&st, ":batch", batch);
    if (stmt_row(&st))
        *out = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* Later work on the batch's ideas, which undoing would take away too. */
static enum cs_rc
ideas_untouched(struct cs_db *db, int64_t batch, struct cs_error *err)
{
    static const char *const checks[] = {
        /* A participatory budget's own votes go with it. */
        "SELECT v.idea_id FROM vote v JOIN idea i ON i.id = v.idea_id"
        " WHERE i.batch_id = :batch AND v.batch_id IS NOT :batch LIMIT 1",
        "SELECT t.idea_id FROM tally t JOIN idea i ON i.id = t.idea_id"
        " WHERE i.batch_id = :batch AND t.batch_id IS NOT :batch LIMIT 1",
        "SELECT c.idea_id FROM comment c JOIN idea i ON i.id = c.idea_id"
        " WHERE i.batch_id = :batch AND c.batch_id IS NOT :batch LIMIT 1",
        /* Merges the file itself made go with it. */
        "SELECT j.merged_into FROM idea j JOIN idea i"
        " ON i.id = j.merged_into WHERE i.batch_id = :batch"
        " AND j.batch_id IS NOT :batch LIMIT 1",
        /* The import itself writes no journal row per idea: any row
         * about one of them is later work (an edit, a status, a tag, a
         * merge), except rows about votes and tallies of a batch undone
         * since, whose undo took that work away already. */
        "SELECT a.idea_id FROM audit a WHERE a.idea_id IN"
        " (SELECT id FROM idea WHERE batch_id = :batch)"
        " AND NOT (a.tbl IN ('vote', 'tally')"
        "  AND coalesce(json_extract(a.after, '$.batch_id'),"
        "   json_extract(a.before, '$.batch_id')) IN"
        "   (SELECT id FROM import_batch WHERE undone_at IS NOT NULL))"
        " LIMIT 1",
    };
    char why[200];
    int64_t id;
    enum cs_rc rc;

    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        if ((rc = first_id(db, checks[i], batch, &id, err)) != CS_OK)
            return rc;
        if (id == 0)
            continue;
        switch (i) {
        case 0:
            snprintf(why, sizeof why, _("idea %lld of this batch has "
                     "received votes since"), (long long)id);
            break;
        case 1:
            snprintf(why, sizeof why, _("idea %lld of this batch has "
                     "received tallies since"), (long long)id);
            break;
        case 2:
            snprintf(why, sizeof why, _("idea %lld of this batch has "
                     "comments"), (long long)id);
            break;
        case 3:
            snprintf(why, sizeof why, _("another idea was merged into idea "
                     "%lld of this batch"), (long long)id);
            break;
        default:
            snprintf(why, sizeof why, _("idea %lld of this batch was "
                     "changed since (see consult audit list --idea %lld)"),
                     (long long)id, (long long)id);
            break;
        }
        return cs_error_set(err, CS_ECONFLICT,
            _("Cannot undo this import: %s. Undoing it would remove that "
              "work too."), why);
    }
    return CS_OK;
}

/* The roots whose support the batch's votes or tallies counted for:
 * gathered before the rows go, recomputed after. */
static enum cs_rc
roots_of(struct cs_db *db, const char *sql, int64_t batch,
         struct imp_sums *roots, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    int64_t *ideas = NULL, root;
    size_t n = 0, cap = 0;
    enum cs_rc rc;

    stmt_prepare(&st, db, sql);
    stmt_bind_int64(&st, ":batch", batch);
    while (stmt_row(&st)) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 256;
            int64_t *grown = realloc(ideas, ncap * sizeof *grown);

            if (grown == NULL) {
                free(ideas);
                stmt_finish(&st);
                return no_memory(err);
            }
            ideas = grown;
            cap = ncap;
        }
        ideas[n++] = stmt_int64(&st, 0);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && (rc = imp_sums_init(roots, n ? n : 1, err)) == CS_OK)
        for (size_t i = 0; i < n && rc == CS_OK; i++)
            if ((rc = idea_root(db, ideas[i], &root, NULL, err)) == CS_OK
                && !imp_sums_add(roots, root, 0))
                rc = no_memory(err);
    free(ideas);
    return rc;
}

/*
 * Journal the removal of each record `sql` finds (:batch bound; columns:
 * the record's id, its idea or NULL, and its JSON or NULL for the
 * table's snapshot), before the removal itself. One row per record, in
 * id order, so memory does not grow with the batch.
 */
static enum cs_rc
journal_removed(struct cs_db *db, const char *sql, const char *action,
                const char *tbl, int64_t batch, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc = CS_OK;

    stmt_prepare(&st, db, sql);
    stmt_bind_int64(&st, ":batch", batch);
    while (rc == CS_OK && stmt_row(&st)) {
        int64_t id = stmt_int64(&st, 0);
        int64_t idea = stmt_is_null(&st, 1) ? 0 : stmt_int64(&st, 1);
        char *before = NULL;

        if (stmt_is_null(&st, 2))
            rc = audit_snapshot(db, tbl, id, &before, err);
        else if ((before = stmt_text_dup(&st, 2)) == NULL)
            rc = no_memory(err);
        if (rc == CS_OK)
            rc = audit_write_raw(db, action, tbl, id, idea, before, NULL,
                                 err);
        free(before);
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

static enum cs_rc
recompute(struct cs_db *db, struct imp_sums *roots, struct cs_error *err)
{
    enum cs_rc rc = CS_OK;

    for (size_t i = 0; i < roots->cap && rc == CS_OK; i++)
        if (roots->keys[i] != 0)
            rc = idea_support_recompute(db, roots->keys[i], err);
    return rc;
}

/* The comments of the batch, journalled and removed: replies that are
 * not the batch's refuse it (they would lose their parent). */
static enum cs_rc
undo_comments(struct cs_db *db, int64_t batch, long *n, struct cs_error *err)
{
    int64_t id;
    enum cs_rc rc;

    if ((rc = first_id(db, "SELECT c.id FROM comment c JOIN comment p"
                           " ON p.id = c.parent_id WHERE p.batch_id = :batch"
                           " AND c.batch_id IS NOT :batch LIMIT 1", batch,
                       &id, err)) != CS_OK)
        return rc;
    if (id != 0)
        return cs_error_set(err, CS_ECONFLICT,
            _("Cannot undo this import: comment %lld answers one of its "
              "comments. Undoing it would remove that work too."),
            (long long)id);
    if ((rc = journal_removed(db, "SELECT id, idea_id, NULL FROM comment"
                              " WHERE batch_id = :batch ORDER BY id",
                              "delete", "comment", batch, err)) != CS_OK
        || (rc = run_batch(db, "INSERT OR IGNORE INTO temp.audit_touch"
                           " SELECT 'comment', id FROM comment"
                           " WHERE batch_id = :batch", batch, NULL, err))
           != CS_OK)
        return rc;
    return run_batch(db, "DELETE FROM comment WHERE batch_id = :batch",
                     batch, n, err);
}

/* An import into an archived consultation is not undone: what it
 * added belongs to a consultation that is read-only. */
static enum cs_rc
batch_not_archived(struct cs_db *db, int64_t batch, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    int64_t cons = 0;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "SELECT c.id FROM consultation c WHERE c.state = 'archived'"
        " AND (c.id = (SELECT consultation_id FROM import_batch"
        "              WHERE id = :batch)"
        "  OR c.id IN (SELECT consultation_id FROM idea"
        "              WHERE batch_id = :batch)"
        "  OR c.id IN (SELECT i.consultation_id FROM vote v"
        "              JOIN idea i ON i.id = v.idea_id"
        "              WHERE v.batch_id = :batch)"
        "  OR c.id IN (SELECT i.consultation_id FROM tally t"
        "              JOIN idea i ON i.id = t.idea_id"
        "              WHERE t.batch_id = :batch)"
        "  OR c.id IN (SELECT i.consultation_id FROM comment m"
        "              JOIN idea i ON i.id = m.idea_id"
        "              WHERE m.batch_id = :batch)) LIMIT 1");
    stmt_bind_int64(&st, ":batch", batch);
    if (stmt_row(&st))
        cons = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK || cons == 0)
        return rc;
    return cons_check_work(db, cons, err);
}

enum cs_rc
cs_import_undo(struct cs_db *db, int64_t batch_id,
               struct cs_import_undo_report *out, struct cs_error *err)
{
    struct cs_import_undo_report u;
    struct imp_sums roots;
    struct stmt st = STMT_INIT;
    enum cs_import_kind kind = CS_IMPORT_IDEAS;
    char *before = NULL, now[32];
    bool found = false, undone = false;
    enum cs_rc rc;

    memset(&u, 0, sizeof u);
    memset(&roots, 0, sizeof roots);
    if ((rc = op_require(db, CS_OP_UNDO_IMPORT, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT kind, undone_at IS NOT NULL"
                          " FROM import_batch WHERE id = :id");
    stmt_bind_int64(&st, ":id", batch_id);
    if (stmt_row(&st)) {
        found = true;
        cs_import_kind_parse(stmt_text(&st, 0), &kind, NULL);
        undone = stmt_int64(&st, 1) != 0;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        goto out;
    if (!found) {
        rc = cs_error_set(err, CS_ENOTFOUND, _("No import batch %lld."),
                          (long long)batch_id);
        goto out;
    }
    if (undone) {
        rc = cs_error_set(err, CS_ECONFLICT,
                          _("Import batch %lld is already undone."),
                          (long long)batch_id);
        goto out;
    }
    if ((rc = batch_not_archived(db, batch_id, err)) != CS_OK
        || (rc = audit_snapshot(db, "import_batch", batch_id, &before, err))
           != CS_OK)
        goto out;

    switch (kind) {
    case CS_IMPORT_IDEAS:
        if ((rc = ideas_untouched(db, batch_id, err)) != CS_OK
            /* A platform's export brought the tallies of its counts, and
             * comments and votes, on its ideas or on ideas already
             * there: the counts of those go back. */
            || (rc = roots_of(db, "SELECT DISTINCT t.idea_id FROM tally t"
                              " JOIN idea i ON i.id = t.idea_id"
                              " WHERE t.batch_id = :batch"
                              " AND i.batch_id IS NOT :batch UNION"
                              " SELECT DISTINCT v.idea_id FROM vote v"
                              " JOIN idea i ON i.id = v.idea_id"
                              " WHERE v.batch_id = :batch"
                              " AND i.batch_id IS NOT :batch", batch_id,
                              &roots, err)) != CS_OK
            || (rc = run_batch(db,
                   "UPDATE idea SET tallies = tallies - (SELECT"
                   " coalesce(sum(t.count), 0) FROM tally t"
                   " WHERE t.batch_id = :batch AND t.idea_id = idea.id),"
                   " votes = votes - (SELECT count(*) FROM vote v"
                   " WHERE v.batch_id = :batch AND v.idea_id = idea.id)"
                   " WHERE batch_id IS NOT :batch AND (id IN (SELECT idea_id"
                   " FROM tally WHERE batch_id = :batch) OR id IN (SELECT"
                   " idea_id FROM vote WHERE batch_id = :batch))",
                   batch_id, NULL, err)) != CS_OK
            || (rc = journal_removed(db,
                   "SELECT id, idea_id, NULL FROM tally WHERE batch_id ="
                   " :batch ORDER BY id", "delete", "tally", batch_id, err))
               != CS_OK
            || (rc = run_batch(db, "INSERT OR IGNORE INTO temp.audit_touch"
                               " SELECT 'tally', id FROM tally"
                               " WHERE batch_id = :batch", batch_id, NULL,
                               err)) != CS_OK
            || (rc = run_batch(db, "DELETE FROM tally WHERE batch_id ="
                               " :batch", batch_id, &u.tallies, err))
               != CS_OK
            || (rc = undo_comments(db, batch_id, &u.comments, err)) != CS_OK
            /* A participatory budget (import_pb.c) brought its ballots
             * with its ideas, and columns kept beside them. */
            || (rc = journal_removed(db,
                   "SELECT id, idea_id, NULL FROM vote WHERE batch_id ="
                   " :batch ORDER BY id", "delete", "vote", batch_id, err))
               != CS_OK
            /* The batch's journal row records them gone. */
            || (rc = run_batch(db, "INSERT OR IGNORE INTO temp.audit_touch"
                               " SELECT 'vote', id FROM vote"
                               " WHERE batch_id = :batch", batch_id, NULL,
                               err)) != CS_OK
            || (rc = run_batch(db, "DELETE FROM vote WHERE batch_id = :batch",
                               batch_id, &u.votes, err)) != CS_OK
            || (rc = run_batch(db, "DELETE FROM idea_extra WHERE idea_id IN"
                               " (SELECT id FROM idea WHERE batch_id ="
                               " :batch)", batch_id, NULL, err)) != CS_OK
            /* idea.c's "untag" rows: the tag's name in `before`. */
            || (rc = journal_removed(db,
                   "SELECT it.tag_id, it.idea_id, json_object('idea_id',"
                   " it.idea_id, 'tag', g.name) FROM idea_tag it"
                   " JOIN tag g ON g.id = it.tag_id WHERE it.idea_id IN"
                   " (SELECT id FROM idea WHERE batch_id = :batch)"
                   " ORDER BY it.idea_id, it.tag_id", "untag", "idea_tag",
                   batch_id, err)) != CS_OK
            || (rc = journal_removed(db,
                   "SELECT id, id, NULL FROM idea WHERE batch_id = :batch"
                   " ORDER BY id", "delete", "idea", batch_id, err))
               != CS_OK
            /* The next journal row records them gone (the rows above
             * were written while they were there). */
            || (rc = run_batch(db, "INSERT OR IGNORE INTO temp.audit_touch"
                               " SELECT t.tbl, i.id FROM idea i, (SELECT"
                               " 'idea' AS tbl UNION ALL SELECT 'idea_tag'"
                               " UNION ALL SELECT 'idea_answer') t"
                               " WHERE i.batch_id = :batch", batch_id, NULL,
                               err)) != CS_OK
            || (rc = run_batch(db, "DELETE FROM idea_tag WHERE idea_id IN"
                               " (SELECT id FROM idea WHERE batch_id ="
                               " :batch)", batch_id, NULL, err)) != CS_OK
            /* The answers the file gave (nothing was decided since:
             * ideas_untouched); an as-of export finds them again in the
             * journal's "delete" rows. */
            || (rc = run_batch(db, "DELETE FROM idea_answer WHERE idea_id IN"
                               " (SELECT id FROM idea WHERE batch_id ="
                               " :batch)", batch_id, NULL, err)) != CS_OK
            || (rc = run_batch(db, "DELETE FROM idea WHERE batch_id = :batch",
                               batch_id, &u.ideas, err)) != CS_OK
            || (rc = recompute(db, &roots, err)) != CS_OK)
            goto out;
        break;
    case CS_IMPORT_COMMENTS:
        if ((rc = undo_comments(db, batch_id, &u.comments, err)) != CS_OK)
            goto out;
        break;
    case CS_IMPORT_VOTES:
        if ((rc = roots_of(db, "SELECT DISTINCT idea_id FROM vote"
                           " WHERE batch_id = :batch", batch_id, &roots,
                           err)) != CS_OK
            || (rc = run_batch(db,
                   "UPDATE idea SET votes = votes - (SELECT count(*)"
                   " FROM vote v WHERE v.batch_id = :batch"
                   " AND v.idea_id = idea.id) WHERE id IN"
                   " (SELECT idea_id FROM vote WHERE batch_id = :batch)",
                   batch_id, NULL, err)) != CS_OK
            || (rc = journal_removed(db,
                   "SELECT id, idea_id, NULL FROM vote WHERE batch_id ="
                   " :batch ORDER BY id", "delete", "vote", batch_id, err))
               != CS_OK
            || (rc = run_batch(db, "INSERT OR IGNORE INTO temp.audit_touch"
                               " SELECT 'vote', id FROM vote"
                               " WHERE batch_id = :batch", batch_id, NULL,
                               err)) != CS_OK
            || (rc = run_batch(db, "DELETE FROM vote WHERE batch_id = :batch",
                               batch_id, &u.votes, err)) != CS_OK
            || (rc = recompute(db, &roots, err)) != CS_OK)
            goto out;
        break;
    case CS_IMPORT_TALLIES:
        if ((rc = roots_of(db, "SELECT DISTINCT idea_id FROM tally"
                           " WHERE batch_id = :batch", batch_id, &roots,
                           err)) != CS_OK
            || (rc = run_batch(db,
                   "UPDATE idea SET tallies = tallies - (SELECT"
                   " coalesce(sum(t.count), 0) FROM tally t"
                   " WHERE t.batch_id = :batch AND t.idea_id = idea.id)"
                   " WHERE id IN (SELECT idea_id FROM tally"
                   " WHERE batch_id = :batch)", batch_id, NULL, err))
               != CS_OK
            || (rc = journal_removed(db,
                   "SELECT id, idea_id, NULL FROM tally WHERE batch_id ="
                   " :batch ORDER BY id", "delete", "tally", batch_id, err))
               != CS_OK
            || (rc = run_batch(db, "INSERT OR IGNORE INTO temp.audit_touch"
                               " SELECT 'tally', id FROM tally"
                               " WHERE batch_id = :batch", batch_id, NULL,
                               err)) != CS_OK
            || (rc = run_batch(db, "DELETE FROM tally WHERE batch_id ="
                               " :batch", batch_id, &u.tallies, err))
               != CS_OK
            || (rc = recompute(db, &roots, err)) != CS_OK)
            goto out;
        break;
    case CS_IMPORT_PARTICIPANTS:
    default:
        break;
    }
    /* The people the batch brought in, unless they are now someone's
     * author, voter or commenter. */
    if ((rc = journal_removed(db,
            "SELECT id, NULL, NULL FROM participant WHERE batch_id = :batch"
            " AND NOT EXISTS (SELECT 1 FROM idea WHERE author_id ="
            "   participant.id)"
            " AND NOT EXISTS (SELECT 1 FROM vote WHERE participant_id ="
            "   participant.id)"
            " AND NOT EXISTS (SELECT 1 FROM comment WHERE participant_id ="
            "   participant.id) ORDER BY id", "delete", "participant",
            batch_id, err)) != CS_OK
        || (rc = run_batch(db,
            "INSERT OR IGNORE INTO temp.audit_touch SELECT 'participant', id"
            " FROM participant WHERE batch_id = :batch"
            " AND NOT EXISTS (SELECT 1 FROM idea WHERE author_id ="
            "   participant.id)"
            " AND NOT EXISTS (SELECT 1 FROM vote WHERE participant_id ="
            "   participant.id)"
            " AND NOT EXISTS (SELECT 1 FROM comment WHERE participant_id ="
            "   participant.id)", batch_id, NULL, err)) != CS_OK
        || (rc = run_batch(db,
            "DELETE FROM participant WHERE batch_id = :batch"
            " AND NOT EXISTS (SELECT 1 FROM idea WHERE author_id ="
            "   participant.id)"
            " AND NOT EXISTS (SELECT 1 FROM vote WHERE participant_id ="
            "   participant.id)"
            " AND NOT EXISTS (SELECT 1 FROM comment WHERE participant_id ="
            "   participant.id)", batch_id, &u.participants, err))
        != CS_OK)
        goto out;

    util_now(now);
    stmt_prepare(&st, db, "UPDATE import_batch SET undone_at = :now,"
                          " undone_by = :login WHERE id = :id");
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", cs_db_login(db));
    stmt_bind_int64(&st, ":id", batch_id);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK)
        rc = audit_write(db, "update", "import_batch", batch_id, 0, before,
                         err);
out:
    free(before);
    imp_sums_free(&roots);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && out)
        *out = u;
    return rc;
}
