/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import_rows.c: one imported row of each kind, checked whole, then
 * written.
 *
 * A row is a record of its kind (record.h): its cells are mapped onto the
 * record's fields (import_map.c) and checked by the same check as any
 * other write of that kind (record_check_parsed, which hands back the
 * parsed values); an idea goes in through idea.c's one INSERT
 * (idea_insert_run), a person through participant.c's batch put, a vote
 * through vote.c's one INSERT (the vote put's batch mode: staged, then
 * added together), a tally through vote.c's tally_insert. What differs from a write of one record
 * is the cost per row, since a file may hold a million of them: the row runs
 * inside the import's single transaction, so there is no role check, no
 * savepoint and no audit row per row (the batch is audited as a whole);
 * statements stay prepared for the whole file with their parameters looked
 * up once by name; the people, ideas and themes a file repeats are looked
 * up once (import_cache.c); the votes and tallies added to each idea
 * are added to the ideas once per idea at the end (imp_flush_counts).
 *
 * Every check that can refuse a row comes before the row's first write, so
 * a refused row leaves nothing behind. The writes that follow can only fail
 * for reasons that stop the whole import (the disk, memory), and then the
 * transaction is rolled back.
 */
#include "import_shared.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "consult/consultation.h"
#include "consult/theme.h"
#include "consult/types.h"
#include "i18n.h"
#include "idea_priv.h"
#include "participant_priv.h"

#define TAG_MAX RECORD_TAG_MAX
#define IDEAS_CACHE 98304       /* ideas remembered (votes, tallies) */
#define STAGE_ROWS 32768        /* votes inserted together */
#define VOTE_SUMS 196608        /* ideas whose new votes wait in memory */

/* ---------------------------------------------------------------- statements */

enum held_id {
    S_IDEA_BY_REF = 0,
    S_IDEA_BY_ID,
    S_GROUP_MULTI,
    S_VOTE_IN_GROUP,
    S_TAG_FIND,
    S_TAG_INSERT,
    S_IDEA_TAG,
    S_COUNTS,
    S_IDEA_VOTES,
    S_IDEA_KEY,
    S_ROW_ID_PUT,
    S_MERGE_PUT,
    S_SAME_TEXT,
    S_COUNT
};

static const char *const held_sql[S_COUNT] = {
    /* An idea of the same text, theme and author (the author by the
     * reference, else the name, else the email the row gives; none when
     * it gives none). idea_by_text narrows to the theme's texts of that
     * length. */
    [S_SAME_TEXT] =
        "SELECT 1 FROM idea i WHERE i.theme_id = :t"
        " AND length(i.body) = length(:body) AND i.body = :body"
        " AND i.consultation_id = :c AND CASE"
        "  WHEN :ref IS NOT NULL THEN i.author_id IN"
        "   (SELECT id FROM participant WHERE ref = :ref)"
        "  WHEN :nkey IS NOT NULL THEN i.author_id IN"
        "   (SELECT id FROM participant WHERE name_key = :nkey)"
        "  WHEN :email IS NOT NULL THEN i.author_id IN"
        "   (SELECT id FROM participant WHERE email = :email)"
        "  ELSE i.author_id IS NULL END LIMIT 1",
    [S_IDEA_BY_REF] =
        "SELECT id, status, merged_into FROM idea"
        " WHERE consultation_id = :c AND form_ref = :ref",
    [S_IDEA_BY_ID] =
        "SELECT consultation_id, status, merged_into FROM idea"
        " WHERE id = :id",
    [S_GROUP_MULTI] =
        "SELECT EXISTS (SELECT 1 FROM idea WHERE merged_into = :root)",
    [S_VOTE_IN_GROUP] =
        "WITH RECURSIVE grp(id) AS ("
        "  SELECT :root UNION"
        "  SELECT i.id FROM idea i JOIN grp ON i.merged_into = grp.id)"
        " SELECT v.idea_id FROM vote v"
        " WHERE v.participant_id = :p AND v.idea_id IN grp LIMIT 1",
    [S_TAG_FIND] = "SELECT id FROM tag WHERE name_key = :key",
    [S_TAG_INSERT] = "INSERT INTO tag(name, name_key) VALUES (:name, :key)",
    [S_IDEA_TAG] = "INSERT OR IGNORE INTO idea_tag(idea_id, tag_id)"
                   " VALUES (:idea, :tag)",
    [S_COUNTS] = "UPDATE idea SET votes = votes + :votes,"
                 " tallies = tallies + :tallies, support = support + :support"
                 " WHERE id = :id",
    [S_IDEA_VOTES] = "UPDATE idea SET votes = votes + :n,"
                     " support = support + :n WHERE id = :id",
    /* Where an idea counts in idea_count (kept_add). A SELECT after the
     * UPDATE rather than its RETURNING clause, which costs as much as
     * the trigger it stands in for. */
    [S_IDEA_KEY] = "SELECT theme_id, kind, status, channel FROM idea"
                   " WHERE id = :id",
    /* A merged row's target may come later in the file: the ids rows
     * have in the file, and the merges, wait until every row is in. */
    [S_ROW_ID_PUT] = "INSERT OR IGNORE INTO temp.import_row_id(src, idea_id)"
                     " VALUES (:src, :idea)",
    [S_MERGE_PUT] =
        "INSERT INTO temp.import_merge(idea_id, consultation_id, target_ref,"
        " target_src, line) VALUES (:idea, :c, :ref, :src, :line)",
};

/*
 * A statement kept prepared for the whole import, with its parameters'
 * indexes looked up by name once: sqlite3_bind_parameter_index compares
 * every name each time, and a vote row binds seven values.
 */
struct held {
    struct stmt st;
    const char *names[16];      /* literals seen, compared by address */
    int idx[16];
    int n;
};

struct imp_held {
    struct held s[S_COUNT];
    struct idea_insert idea;    /* idea.c's, prepared on first use */
    /* vote.c's: votes for ideas alone in their group wait in its stage
     * and go in together, in index order (measured: 2.5 times faster for
     * a million than a statement per vote); prepared on first use. */
    struct vote_put vote;
};

static sqlite3_stmt *
held_get(struct imp_ctx *x, struct imp_held *h, enum held_id id,
         struct cs_error *err)
{
    struct held *p = &h->s[id];

    assert(held_sql[id] != NULL);
    if (p->st.st == NULL) {
        p->st = (struct stmt)STMT_INIT;
        stmt_prepare(&p->st, x->db, held_sql[id]);
        if (stmt_status(&p->st, err) != CS_OK) {
            stmt_finish(&p->st);
            p->st = (struct stmt)STMT_INIT;
            return NULL;
        }
        p->n = 0;
    }
    return p->st.st;
}

static int
pidx(struct held *p, const char *name)
{
    int i;

    for (i = 0; i < p->n; i++)
        if (p->names[i] == name)
            return p->idx[i];
    i = sqlite3_bind_parameter_index(p->st.st, name);
    assert(i > 0);              /* a name missing from our own SQL */
    if (p->n < 16) {
        p->names[p->n] = name;
        p->idx[p->n++] = i;
    }
    return i;
}

/* Text lives in the row's arena (or is static) until the statement has
 * run and been reset: SQLITE_STATIC spares a copy per value. */
static void
bt(struct held *p, const char *name, const char *v)
{
    int i = pidx(p, name);

    if (v == NULL)
        sqlite3_bind_null(p->st.st, i);
    else
        sqlite3_bind_text(p->st.st, i, v, -1, SQLITE_STATIC);
}

static void
bi(struct held *p, const char *name, int64_t v)
{
    sqlite3_bind_int64(p->st.st, pidx(p, name), v);
}

/* Step once: SQLITE_ROW or SQLITE_DONE, else the failure in `err`. */
static int
step(struct imp_ctx *x, struct held *p, struct cs_error *err)
{
    int src = sqlite3_step(p->st.st);

    if (src != SQLITE_ROW && src != SQLITE_DONE)
        db_error(x->db, src, err);
    return src;
}

static void
done(struct held *p)
{
    sqlite3_reset(p->st.st);
    sqlite3_clear_bindings(p->st.st);
}

/* The row functions reach the statements through the context. */
static struct imp_held *
H(struct imp_ctx *x)
{
    return (struct imp_held *)x->held;
}

#define PREP(x, id, err) \
    (held_get((x), H(x), (id), (err)) ? &H(x)->s[(id)] : NULL)

/* ---------------------------------------------------------------- context */

enum cs_rc
imp_ctx_init(struct imp_ctx *x, struct cs_db *db, enum cs_import_kind kind,
             struct cs_error *err)
{
    enum cs_rc rc;

    memset(x, 0, sizeof *x);
    x->db = db;
    x->kind = kind;
    /* Statuses, answers and tags in a file are decisions (see row_idea). */
    x->is_admin = cs_db_can(db, CS_OP_SET_STATUS) && cs_db_can(db, CS_OP_TAG);
    x->batch_consultation = 0;
    util_now(x->now);
    if ((x->held = calloc(1, sizeof(struct imp_held))) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    if ((rc = imp_cache_init(&x->consultations, 64, 4096, err)) != CS_OK
        || (rc = imp_cache_init(&x->themes, 1024, 64 * 1024, err)) != CS_OK
        || (rc = imp_cache_init(&x->ideas, IDEAS_CACHE, 4 << 20, err))
           != CS_OK
        || (rc = imp_cache_init(&x->tags, 4096, 256 * 1024, err)) != CS_OK
) {
        imp_ctx_free(x);
        return rc;
    }
    if (kind == CS_IMPORT_VOTES
        && (rc = imp_sums_init(&x->votes, VOTE_SUMS, err)) != CS_OK) {
        imp_ctx_free(x);
        return rc;
    }
    if (kind == CS_IMPORT_IDEAS
        && (rc = db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS"
                         " import_row_id(src TEXT PRIMARY KEY,"
                         " idea_id INTEGER) WITHOUT ROWID;"
                         "CREATE TEMP TABLE IF NOT EXISTS"
                         " import_merge(idea_id INTEGER PRIMARY KEY,"
                         " consultation_id INTEGER, target_ref TEXT,"
                         " target_src TEXT, line INTEGER, target INTEGER);"
                         "DELETE FROM temp.import_row_id;"
                         "DELETE FROM temp.import_merge;", err)) != CS_OK) {
        imp_ctx_free(x);
        return rc;
    }
    return CS_OK;
}

void
imp_ctx_free(struct imp_ctx *x)
{
    struct imp_held *h = H(x);

    for (int i = 0; h && i < S_COUNT; i++)
        stmt_finish(&h->s[i].st);
    if (h) {
        idea_insert_finish(&h->idea);
        vote_put_finish(&h->vote);
    }
    free(h);
    x->held = NULL;
    if (x->kind == CS_IMPORT_VOTES && x->db != NULL && x->db->txn_depth == 0)
        db_exec(x->db, "DROP TABLE IF EXISTS temp.vote_stage", NULL);
    if (x->kind == CS_IMPORT_IDEAS && x->db != NULL && x->db->txn_depth == 0)
        db_exec(x->db, "DROP TABLE IF EXISTS temp.import_row_id;"
                       "DROP TABLE IF EXISTS temp.import_merge", NULL);
    imp_cache_free(&x->consultations);
    imp_cache_free(&x->themes);
    participant_batch_free(x->people);
    x->people = NULL;
    imp_cache_free(&x->ideas);
    imp_cache_free(&x->tags);
    imp_sums_free(&x->votes);
    theme_needs_free(&x->missing);
    free(x->kept);
    x->kept = NULL;
    x->kept_count = x->kept_cap = 0;
}

/* ---------------------------------------------------------------- lookups */

static enum cs_rc
no_memory(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
}

/* A refusal: the row is rejected, the import goes on. */
static bool
is_refusal(enum cs_rc rc)
{
    return rc == CS_EINVAL || rc == CS_ENOTFOUND || rc == CS_ECONFLICT;
}

/* The consultation of a row: its own column, else --consultation. */
static enum cs_rc
row_consultation(struct imp_ctx *x, const struct imp_row *r, int64_t *out,
                 struct cs_error *err)
{
    const char *code = r->v[CS_F_CONSULTATION];
    struct imp_cache_entry *e;
    enum cs_rc rc;

    if (code == NULL) {
        if (x->consultation_id == 0)
            return cs_error_field(err, CS_EINVAL, "consultation", "%s",
                _("The row names no consultation: fill the consultation "
                  "column or give --consultation."));
        *out = x->consultation_id;
        return CS_OK;
    }
    if ((e = imp_cache_get(&x->consultations, code, r->len[CS_F_CONSULTATION])))
    {
        *out = e->id;
        return CS_OK;
    }
    if ((rc = cs_consultation_lookup(x->db, code, out, err)) != CS_OK)
        return rc;
    if ((e = imp_cache_put(&x->consultations, code,
                           r->len[CS_F_CONSULTATION])) != NULL)
        e->id = *out;
    return CS_OK;
}

/* Build a cache key "<number><sep><text>" into `buf` (`n` bytes): the
 * number in hex, which is quicker than snprintf and just as unique.
 * Returns its length, or 0 if it does not fit. */
static size_t
key_build(char *buf, size_t n, char tag, int64_t num, const char *text,
          size_t len)
{
    size_t o = 0;
    uint64_t u = (uint64_t)num;

    if (n < len + 20)
        return 0;
    buf[o++] = tag;
    do {
        buf[o++] = "0123456789abcdef"[u & 15];
        u >>= 4;
    } while (u != 0);
    buf[o++] = '\x1f';
    if (text != NULL) {
        memcpy(buf + o, text, len);
        o += len;
    }
    return o;
}

/* Theme `value` (code or title) of consultation `cons`. One missing is
 * created with --create-themes: titled `title` (the row's theme_title,
 * as consult's exports give it; NULL: none), coded `value` when it is a
 * free code, or found by that title when a theme has it; without a
 * title, titled `value` (the file cannot say more). Without
 * --create-themes, it is noted once, with the rows naming it, for the
 * report, and the row refused. */
static enum cs_rc
theme_lookup(struct imp_ctx *x, int64_t cons, const char *value,
             const char *title, int64_t *out, struct cs_error *err)
{
    char key[600];
    size_t n = key_build(key, sizeof key, 't', cons, value, strlen(value));
    struct imp_cache_entry *e = NULL;
    struct cs_theme t;
    size_t at;
    enum cs_rc rc;

    if (n > 0 && (e = imp_cache_get(&x->themes, key, n)) != NULL
        && e->id != 0) {
        *out = e->id;
        return CS_OK;
    }
    if (e == NULL) {
        rc = cs_theme_find(x->db, cons, value, &t, err);
        if (rc == CS_OK) {
            *out = t.id;
            cs_theme_clear(&t);
            if (n > 0 && (e = imp_cache_put(&x->themes, key, n)) != NULL)
                e->id = *out;
            return CS_OK;
        }
        if (rc != CS_ENOTFOUND)
            return rc;
        cs_error_clear(err);
        if (x->create_themes && title != NULL
            && (rc = cs_theme_find(x->db, cons, title, &t, err)) != CS_ENOTFOUND) {
            if (rc != CS_OK)
                return rc;
            *out = t.id;
            cs_theme_clear(&t);
            if (n > 0 && (e = imp_cache_put(&x->themes, key, n)) != NULL)
                e->id = *out;
            return CS_OK;
        }
        cs_error_clear(err);
        if (x->create_themes) {
            if ((rc = title ? theme_create_coded(x->db, cons, value, title,
                                                 out, err)
                            : theme_create(x->db, cons, value, out, err))
                != CS_OK)
                return rc;
            x->themes_created++;
            if (n > 0 && (e = imp_cache_put(&x->themes, key, n)) != NULL)
                e->id = *out;
            return CS_OK;
        }
        /* Missing: remembered as such (id 0) for the rows that follow. */
        if (n > 0 && (e = imp_cache_put(&x->themes, key, n)) != NULL)
            e->id = 0;
    }
    if ((rc = theme_needs_add(&x->missing, cons, value, &at, err)) != CS_OK)
        return rc;
    x->missing.items[at].rows++;
    return cs_error_field(err, CS_ENOTFOUND, "theme",
        _("No theme \"%s\" in this consultation (give its code or its "
          "title, or import with --create-themes)."), value);
}

/* ---------------------------------------------------------------- people */


/* The person a row names, found or added by participant.c's batch put
 * (checked already by the row's record check). */
static enum cs_rc
person_resolve(struct imp_ctx *x, const struct cs_person *p, int64_t *id,
               struct cs_error *err)
{
    enum cs_rc rc;

    if (x->people == NULL
        && (rc = participant_batch_new(x->db, x->batch_id, x->now,
                                       &x->people, err)) != CS_OK)
        return rc;
    rc = participant_batch_put(x->people, p, id, err);
    x->participants_created = participant_batch_created(x->people);
    return rc;
}

/* ---------------------------------------------------------------- ideas */

static enum cs_rc
tag_one(struct imp_ctx *x, int64_t idea, const char *name,
        struct cs_error *err)
{
    struct imp_cache_entry *e;
    struct held *h;
    char *key = NULL;
    int64_t tag = 0;
    enum cs_rc rc = CS_OK;
    int src;

    if ((rc = util_fold(name, &key, err)) != CS_OK)
        return rc;
    if ((e = imp_cache_get(&x->tags, key, strlen(key))) != NULL) {
        tag = e->id;
    } else {
        if ((h = PREP(x, S_TAG_FIND, err)) == NULL)
            goto fail;
        bt(h, ":key", key);
        if ((src = step(x, h, err)) == SQLITE_ROW)
            tag = sqlite3_column_int64(h->st.st, 0);
        done(h);
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            goto fail;
        if (tag == 0) {
            /* First use: the tag is spelt as it was first written. */
            if ((h = PREP(x, S_TAG_INSERT, err)) == NULL)
                goto fail;
            bt(h, ":name", name);
            bt(h, ":key", key);
            src = step(x, h, err);
            done(h);
            if (src != SQLITE_DONE)
                goto fail;
            tag = sqlite3_last_insert_rowid(x->db->sql);
            if (audit_touch(x->db, "tag", tag, err) != CS_OK)
                goto fail;
        }
        if ((e = imp_cache_put(&x->tags, key, strlen(key))) != NULL)
            e->id = tag;
    }
    if ((h = PREP(x, S_IDEA_TAG, err)) == NULL)
        goto fail;
    bi(h, ":idea", idea);
    bi(h, ":tag", tag);
    src = step(x, h, err);
    done(h);
    if (src != SQLITE_DONE || audit_touch(x->db, "idea_tag", idea, err)
                              != CS_OK)
        goto fail;
    free(key);
    return CS_OK;
fail:
    free(key);
    return err && err->code != CS_OK ? err->code : CS_EINTERNAL;
}

static enum cs_rc
tags_write(struct imp_ctx *x, int64_t idea, const char *cell,
           struct cs_error *err)
{
    char *copy = strdup(cell), *p;
    enum cs_rc rc = CS_OK;

    if (copy == NULL)
        return no_memory(err);
    for (p = copy; *p && rc == CS_OK;) {
        size_t len = strcspn(p, ",;|\n");
        char *s = p, *e = p + len;
        bool more = p[len] != '\0';

        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        *e = '\0';
        if (*s)
            rc = tag_one(x, idea, s, err);
        p += len + (more ? 1 : 0);
    }
    free(copy);
    return rc;
}

/* submitted_at when the row has none: now, to the second, as idea.c. */
static void
now_to_second(const char *now, char out[32])
{
    snprintf(out, 32, "%.19sZ", now);
}

/* A merged row naming its target by its id in the file needs the file's
 * id column (the rest is the record's check). */
static enum cs_rc
merge_check(struct imp_ctx *x, const struct imp_row *r, struct cs_error *err)
{
    if (r->v[CS_F_MERGED_INTO_FORM_REF] == NULL && !x->row_ids)
        return cs_error_field(err, CS_EINVAL, "merged_into", "%s",
            _("Column merged_into gives the id of another row of this "
              "file, but the file has no id column."));
    return CS_OK;
}

/* Check row `r` as a record of its kind (record.c): the same check as any
 * other write, with the parsed values in `p`. */
static enum cs_rc
row_check(struct imp_ctx *x, enum cs_record_kind kind,
          const struct imp_row *r, struct rec_parsed *p,
          struct cs_error *err)
{
    struct cs_record rec;

    rec.kind = kind;
    memcpy(rec.v, r->v, sizeof rec.v);
    rec.has_consultation = x->consultation_id != 0;
    rec.has_theme = x->default_theme != NULL;
    return record_check_parsed(x->is_admin ? CS_ROLE_ADMIN : CS_ROLE_AGENT,
                               &rec, &x->memo, p, err);
}

/* Remember which idea the row's id in the file stands for. */
static enum cs_rc
row_id_put(struct imp_ctx *x, const struct imp_row *r, int64_t id,
           struct cs_error *err)
{
    struct held *h;
    int src;

    if (!x->row_ids || r->v[CS_F_ROW_ID] == NULL)
        return CS_OK;
    if ((h = PREP(x, S_ROW_ID_PUT, err)) == NULL)
        return err ? err->code : CS_EINTERNAL;
    bt(h, ":src", r->v[CS_F_ROW_ID]);
    bi(h, ":idea", id);
    src = step(x, h, err);
    done(h);
    return src == SQLITE_DONE ? CS_OK : (err ? err->code : CS_EINTERNAL);
}

/* Why the file is refused over a merge. */
enum merge_fault { M_NOT_FOUND, M_ELSEWHERE, M_CYCLE };

/* The first waiting merge `sql` finds (columns: line, target named),
 * as the refusal of the file; CS_OK when there is none. */
static enum cs_rc
merge_refuse(struct imp_ctx *x, const char *sql, enum merge_fault why,
             struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, x->db, sql);
    if (stmt_row(&st)) {
        long line = (long)stmt_int64(&st, 0);
        const char *t = stmt_text(&st, 1);

        if (why == M_NOT_FOUND)
            rc = cs_error_set(err, CS_EINVAL,
                _("Line %ld: the idea it is merged into (%s) is neither in "
                  "this file nor in the consultation; nothing was "
                  "imported."), line, t);
        else if (why == M_ELSEWHERE)
            rc = cs_error_set(err, CS_EINVAL,
                _("Line %ld: the idea cannot be merged into %s, which is "
                  "itself or belongs to another consultation; nothing was "
                  "imported."), line, t);
        else
            rc = cs_error_set(err, CS_EINVAL,
                _("Line %ld: merging the idea into %s would make a cycle; "
                  "nothing was imported."), line, t);
        if (err)
            err->line = line;
    } else {
        rc = stmt_status(&st, err);
    }
    stmt_finish(&st);
    return rc;
}

enum cs_rc
imp_merges_finish(struct imp_ctx *x, struct cs_error *err)
{
    enum cs_rc rc;

    if (!x->merges)
        return CS_OK;
    /* The target: by form reference in the row's consultation, failing
     * that by the row of the file with that id. */
    if ((rc = db_exec(x->db,
            "UPDATE temp.import_merge SET target = coalesce("
            " (SELECT i.id FROM idea i WHERE i.consultation_id ="
            "  import_merge.consultation_id AND i.form_ref = target_ref),"
            " (SELECT r.idea_id FROM temp.import_row_id r"
            "  WHERE r.src = target_src))", err)) != CS_OK)
        return rc;
    if ((rc = merge_refuse(x,
            "SELECT line, coalesce(target_ref, target_src)"
            " FROM temp.import_merge WHERE target IS NULL ORDER BY line",
            M_NOT_FOUND, err))
        != CS_OK
        || (rc = merge_refuse(x,
            "SELECT m.line, coalesce(m.target_ref, m.target_src)"
            " FROM temp.import_merge m JOIN idea i ON i.id = m.target"
            " WHERE i.consultation_id <> m.consultation_id"
            " OR m.target = m.idea_id ORDER BY m.line", M_ELSEWHERE, err))
           != CS_OK)
        return rc;
    if ((rc = db_exec(x->db,
            "UPDATE idea SET status = 'merged', status_before = status,"
            " support = 0, merged_into = (SELECT m.target"
            "  FROM temp.import_merge m WHERE m.idea_id = idea.id)"
            " WHERE id IN (SELECT idea_id FROM temp.import_merge)", err))
        != CS_OK)
        return rc;
    /* Every cycle goes through a merge of this file (the database had
     * none): follow each one's chain until it ends, or comes back. */
    return merge_refuse(x,
        "WITH RECURSIVE up(start, id) AS ("
        "  SELECT idea_id, target FROM temp.import_merge"
        "  UNION SELECT up.start, i.merged_into FROM up"
        "  JOIN idea i ON i.id = up.id"
        "  WHERE i.merged_into IS NOT NULL AND up.id <> up.start)"
        " SELECT m.line, coalesce(m.target_ref, m.target_src) FROM up"
        " JOIN temp.import_merge m ON m.idea_id = up.start"
        " WHERE up.id = up.start ORDER BY m.line", M_CYCLE, err);
}

/* The votes on idea `id` of the platform's people (their references
 * start with its name), in `*n`. */
static enum cs_rc
platform_votes(struct imp_ctx *x, int64_t id, int64_t *n,
               struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char pfx[40];
    enum cs_rc rc;

    snprintf(pfx, sizeof pfx, "%s:", cs_import_platform_name(x->platform));
    *n = 0;
    stmt_prepare(&st, x->db, "SELECT count(*) FROM vote v JOIN participant p"
                             " ON p.id = v.participant_id"
                             " WHERE v.idea_id = :id"
                             " AND substr(p.ref, 1, :n) = :pfx");
    stmt_bind_int64(&st, ":id", id);
    stmt_bind_int64(&st, ":n", (int64_t)strlen(pfx));
    stmt_bind_text(&st, ":pfx", pfx);
    if (stmt_row(&st))
        *n = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
imp_platform_finish(struct imp_ctx *x, struct cs_error *err)
{
    struct stmt st = STMT_INIT, up = STMT_INIT;
    char pfx[40], *key = NULL;
    enum cs_rc rc;

    if (x->platform == CS_PLATFORM_NONE)
        return CS_OK;
    if ((rc = util_fold(cs_import_platform_label(x->platform), &key, err))
        != CS_OK)
        return rc;
    snprintf(pfx, sizeof pfx, "%s:", cs_import_platform_name(x->platform));
    /* The votes this file added one by one, taken from the count of
     * their idea's tally from the platform (which counted them). */
    stmt_prepare(&st, x->db,
        "SELECT t.id, t.idea_id, min(t.count, n.votes) FROM tally t"
        " JOIN (SELECT v.idea_id, count(*) AS votes FROM vote v"
        "  JOIN participant p ON p.id = v.participant_id"
        "  WHERE v.batch_id = :batch AND substr(p.ref, 1, :n) = :pfx"
        "  GROUP BY v.idea_id) n ON n.idea_id = t.idea_id"
        " WHERE t.source_key = :key AND t.count > 0 ORDER BY t.id");
    stmt_bind_int64(&st, ":batch", x->batch_id);
    stmt_bind_int64(&st, ":n", (int64_t)strlen(pfx));
    stmt_bind_text(&st, ":pfx", pfx);
    stmt_bind_text(&st, ":key", key);
    stmt_prepare(&up, x->db,
        "UPDATE tally SET count = count - :d WHERE id = :id;");
    while (rc == CS_OK && stmt_row(&st)) {
        int64_t tid = stmt_int64(&st, 0), idea = stmt_int64(&st, 1);
        int64_t d = stmt_int64(&st, 2), root = 0;
        struct stmt ti = STMT_INIT;

        stmt_bind_int64(&up, ":d", d);
        stmt_bind_int64(&up, ":id", tid);
        if ((rc = stmt_run(&up, err)) != CS_OK)
            break;
        stmt_reset(&up);
        stmt_prepare(&ti, x->db, "UPDATE idea SET tallies = tallies - :d"
                                 " WHERE id = :id");
        stmt_bind_int64(&ti, ":d", d);
        stmt_bind_int64(&ti, ":id", idea);
        rc = stmt_run(&ti, err);
        stmt_finish(&ti);
        if (rc == CS_OK)
            rc = idea_root(x->db, idea, &root, NULL, err);
        if (rc == CS_OK)
            rc = idea_support_recompute(x->db, root, err);
        if (rc == CS_OK)
            rc = audit_touch(x->db, "tally", tid, err);
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    stmt_finish(&up);
    free(key);
    return rc;
}

/*
 * The platform's vote count of the row's idea `id` (row->v[CS_F_COUNT],
 * set by the preset) as its one tally from the platform. `out` (NULL for
 * an idea just added) becomes IMP_ADDED when the count of an idea already
 * there changed. A count that cannot be read refuses the row before any
 * write of it (checked first by the caller for a new idea).
 */
static enum cs_rc
platform_count(struct imp_ctx *x, const struct imp_row *r, int64_t id,
               enum imp_outcome *out, struct cs_error *err)
{
    struct cs_tally_result res;
    int64_t n = 0, known = 0;
    enum cs_rc rc;

    if (x->platform == CS_PLATFORM_NONE || r->v[CS_F_COUNT] == NULL)
        return CS_OK;
    if ((rc = value_count(r->v[CS_F_COUNT], "count", &n, err)) != CS_OK)
        return rc;
    /* The platform's count includes the votes of it that are in the
     * database one by one: those are not counted twice. */
    if ((rc = platform_votes(x, id, &known, err)) != CS_OK)
        return rc;
    n = n > known ? n - known : 0;
    rc = tally_platform_put(x->db, id, n,
                            cs_import_platform_label(x->platform), NULL,
                            x->batch_id, &res, err);
    if (rc != CS_OK)
        return rc;
    if (out != NULL && res.outcome == CS_TALLY_REPLACED) {
        x->counts_replaced++;
        *out = IMP_ADDED;
    }
    return CS_OK;
}

/* Whether consultation `cons` has an idea of text `body` in theme
 * `theme` by the author `p` names (S_SAME_TEXT). */
static enum cs_rc
same_text(struct imp_ctx *x, int64_t cons, int64_t theme, const char *body,
          const struct cs_person *p, bool *same, struct cs_error *err)
{
    char *nkey = NULL;
    struct held *h;
    enum cs_rc rc;
    int src;

    *same = false;
    if (p->ref == NULL && p->name != NULL
        && (rc = util_fold(p->name, &nkey, err)) != CS_OK)
        return rc;
    if ((h = PREP(x, S_SAME_TEXT, err)) == NULL) {
        free(nkey);
        return err ? err->code : CS_EINTERNAL;
    }
    bi(h, ":t", theme);
    bi(h, ":c", cons);
    bt(h, ":body", body);
    bt(h, ":ref", p->ref);
    bt(h, ":nkey", nkey);
    bt(h, ":email", p->ref == NULL && p->name == NULL ? p->email : NULL);
    src = step(x, h, err);
    done(h);
    free(nkey);
    if (src != SQLITE_ROW && src != SQLITE_DONE)
        return err ? err->code : CS_EINTERNAL;
    *same = src == SQLITE_ROW;
    return CS_OK;
}

static enum cs_rc
row_idea(struct imp_ctx *x, const struct imp_row *r, enum imp_outcome *out,
         struct cs_error *err)
{
    const char *theme = r->v[CS_F_THEME] ? r->v[CS_F_THEME] : x->default_theme;
    const char *title = r->v[CS_F_TITLE], *body = r->v[CS_F_BODY];
    char submitted[32], *made_title = NULL;
    int kind = CS_KIND_IDEA, channel = CS_CHANNEL_PAPER;
    int status = CS_STATUS_NEW;
    int64_t cons = 0, theme_id = 0, author = 0, id;
    struct cs_person person;
    struct rec_parsed pv;
    struct idea_row row;
    struct held *h;
    size_t ntags = 0;
    enum cs_rc rc;
    int src;

    /* Who may set what comes first: it refuses the file, not a row. */
    if ((rc = row_check(x, CS_RECORD_IDEA, r, &pv, err)) != CS_OK)
        goto refuse;
    if (pv.status == CS_STATUS_MERGED && (rc = merge_check(x, r, err))
                                         != CS_OK)
        goto refuse;
    if (x->platform != CS_PLATFORM_NONE && r->v[CS_F_COUNT]) {
        int64_t n;

        if ((rc = value_count(r->v[CS_F_COUNT], "count", &n, err)) != CS_OK)
            goto refuse;
    }
    kind = pv.kind;
    channel = pv.channel;
    status = pv.status;
    ntags = pv.ntags;
    if (r->v[CS_F_SUBMITTED_AT])
        memcpy(submitted, pv.date, sizeof submitted);
    else
        now_to_second(x->now, submitted);
    if ((rc = row_consultation(x, r, &cons, err)) != CS_OK
        || (rc = cons_state_seen_check(x->db, &x->states, cons,
                                       CONS_WRITE_WORK, -1, NULL, false, err))
           != CS_OK)
        goto refuse;
    if (x->paper_batch_id != 0 && cons != x->paper_cons) {
        rc = cs_error_field(err, CS_EINVAL, "consultation",
                            _("Batch %lld belongs to another consultation."),
                            (long long)x->paper_batch_id);
        goto refuse;
    }
    if ((rc = theme_lookup(x, cons, theme, r->v[CS_F_THEME_TITLE], &theme_id,
                           err)) != CS_OK)
        goto refuse;
    memset(&person, 0, sizeof person);
    person.ref = r->v[CS_F_AUTHOR_REF];
    person.name = r->v[CS_F_AUTHOR_NAME];
    person.service = r->v[CS_F_SERVICE];
    person.email = r->v[CS_F_EMAIL];
    person.postal = r->v[CS_F_POSTAL];
    person.phone = r->v[CS_F_PHONE];
    person.channel = (enum cs_channel)channel;
    person.consent = pv.flag;
    person.refused = !pv.flag && r->v[CS_F_CONSENT] && r->v[CS_F_CONSENT][0];

    /* The form reference makes a second import of the same form a
     * duplicate, whatever else differs. */
    if (r->v[CS_F_FORM_REF]) {
        if ((h = PREP(x, S_IDEA_BY_REF, err)) == NULL)
            return err ? err->code : CS_EINTERNAL;
        bi(h, ":c", cons);
        bt(h, ":ref", r->v[CS_F_FORM_REF]);
        src = step(x, h, err);
        id = src == SQLITE_ROW ? sqlite3_column_int64(h->st.st, 0) : 0;
        done(h);
        if (src == SQLITE_ROW) {
            /* A later row merged into this one finds it all the same. */
            if ((rc = row_id_put(x, r, id, err)) != CS_OK)
                return rc;
            /* A newer export of the platform brings its newer count. */
            *out = IMP_DUPLICATE;
            if ((rc = platform_count(x, r, id, out, err)) != CS_OK)
                goto refuse;
            return CS_OK;
        }
        if (src != SQLITE_DONE)
            return err ? err->code : CS_EINTERNAL;
    } else if (!x->keep_duplicates) {
        /* Without a form reference, a file imported again (one that
         * grew) would double its earlier rows: the same text, theme and
         * author is the same idea. */
        bool same;

        if ((rc = same_text(x, cons, theme_id, body, &person, &same, err))
            != CS_OK)
            return rc;
        if (same) {
            x->same_text++;
            *out = IMP_DUPLICATE;
            return CS_OK;
        }
    }
    /* A closed consultation takes late paper only (cons_state.h). */
    if ((rc = cons_state_seen_check(x->db, &x->states, cons,
                                    CONS_WRITE_CONTRIB, channel,
                                    r->v[CS_F_SUBMITTED_AT] ? submitted
                                                            : NULL,
                                    true, err)) != CS_OK)
        goto refuse;
    if (title == NULL && (title = made_title = idea_title_from_body(body))
                         == NULL)
        return no_memory(err);

    /* Checked: now write. */
    if (cs_person_is_given(&person)
        && (rc = person_resolve(x, &person, &author, err)) != CS_OK)
        goto out;
    if (H(x)->idea.st == NULL
        && (rc = idea_insert_prepare(x->db, &H(x)->idea, err)) != CS_OK)
        goto out;
    memset(&row, 0, sizeof row);
    row.consultation_id = cons;
    row.theme_id = theme_id;
    row.author_id = author;
    row.batch_id = x->batch_id;
    row.paper_batch_id = x->paper_batch_id;
    row.kind = (enum cs_idea_kind)kind;
    row.channel = (enum cs_channel)channel;
    /* A merged row goes in as new and is merged at the end
     * (imp_merges_finish); a hidden one was new before it was hidden. */
    row.status = status == CS_STATUS_MERGED ? CS_STATUS_NEW
                                            : (enum cs_status)status;
    row.title = title;
    row.body = body;
    row.form_ref = r->v[CS_F_FORM_REF];
    row.submitted_at = submitted;
    row.now = x->now;
    row.answer = r->v[CS_F_ANSWER];
    if (status == CS_STATUS_HIDDEN) {
        row.hidden_reason = r->v[CS_F_HIDDEN_REASON];
        row.status_before = cs_status_name(CS_STATUS_NEW);
    }
    if ((rc = idea_insert_run(x->db, &H(x)->idea, &row, &id, err)) != CS_OK)
        goto out;
    if ((rc = row_id_put(x, r, id, err)) != CS_OK)
        goto out;
    if (status == CS_STATUS_MERGED) {
        if ((h = PREP(x, S_MERGE_PUT, err)) == NULL) {
            rc = err ? err->code : CS_EINTERNAL;
            goto out;
        }
        bi(h, ":idea", id);
        bi(h, ":c", cons);
        bt(h, ":ref", r->v[CS_F_MERGED_INTO_FORM_REF]);
        bt(h, ":src", r->v[CS_F_MERGED_INTO]);
        bi(h, ":line", r->line);
        src = step(x, h, err);
        done(h);
        if (src != SQLITE_DONE) {
            rc = err ? err->code : CS_EINTERNAL;
            goto out;
        }
        x->merges = true;
    }
    if (ntags > 0 && (rc = tags_write(x, id, r->v[CS_F_TAGS], err)) != CS_OK)
        goto out;
    if ((rc = platform_count(x, r, id, NULL, err)) != CS_OK
        || (rc = imp_preset_extras(x->preset, x->db, id, err)) != CS_OK)
        goto out;
    if (x->batch_consultation == 0)
        x->batch_consultation = cons;
    else if (x->batch_consultation != cons)
        x->batch_consultation = -1;
    *out = IMP_ADDED;
out:
    free(made_title);
    return rc;
refuse:
    free(made_title);
    if (!is_refusal(rc))
        return rc;
    *out = IMP_REJECTED;
    return CS_OK;
}

/* ---------------------------------------------------------------- idea refs */

/* What votes and tallies need to know of an idea. */
enum {
    I_REFUSES = 1,              /* the idea is withdrawn or hidden */
    I_ROOT_REFUSES = 2,         /* its root is */
    I_GROUP = 4                 /* merged, or others merged into it */
};

struct idea_ref {
    int64_t id;
    int64_t root;
    int64_t consultation_id;
    unsigned flags;
    int status;                 /* the refusing status, for messages */
};

static bool
refuses_support(const char *status, int *which)
{
    if (strcmp(status, cs_status_name(CS_STATUS_WITHDRAWN)) == 0) {
        *which = CS_STATUS_WITHDRAWN;
        return true;
    }
    if (strcmp(status, cs_status_name(CS_STATUS_HIDDEN)) == 0) {
        *which = CS_STATUS_HIDDEN;
        return true;
    }
    return false;
}

/* The idea a vote or tally row names, by id or by form reference in the
 * row's consultation. */
static enum cs_rc
idea_ref(struct imp_ctx *x, const struct imp_row *r, int64_t id,
         struct idea_ref *out, struct cs_error *err)
{
    char key[600];
    int64_t cons = 0;
    struct imp_cache_entry *e;
    enum cs_status root_status;
    struct held *h;
    enum cs_rc rc;
    size_t n;
    int src;

    memset(out, 0, sizeof *out);
    if (r->v[CS_F_CONSULTATION] || x->consultation_id)
        if ((rc = row_consultation(x, r, &cons, err)) != CS_OK)
            return rc;
    /* Checked already (row_check): an id, or a form reference and a
     * consultation. */
    if (r->v[CS_F_IDEA_ID])
        n = key_build(key, sizeof key, '#', id, NULL, 0);
    else
        n = key_build(key, sizeof key, 'f', cons, r->v[CS_F_IDEA_FORM_REF],
                      r->len[CS_F_IDEA_FORM_REF]);
    if (n > 0 && (e = imp_cache_get(&x->ideas, key, n)) != NULL) {
        out->id = e->id;
        out->root = e->aux;
        out->consultation_id = e->extra;
        out->flags = e->flags & 0xff;
        out->status = (int)(e->flags >> 8);
        goto check;
    }

    /* Not seen yet: ask. */
    if ((h = PREP(x, r->v[CS_F_IDEA_ID] ? S_IDEA_BY_ID : S_IDEA_BY_REF, err))
        == NULL)
        return err ? err->code : CS_EINTERNAL;
    if (r->v[CS_F_IDEA_ID]) {
        bi(h, ":id", id);
    } else {
        bi(h, ":c", cons);
        bt(h, ":ref", r->v[CS_F_IDEA_FORM_REF]);
    }
    src = step(x, h, err);
    if (src == SQLITE_ROW) {
        sqlite3_stmt *s = h->st.st;

        if (r->v[CS_F_IDEA_ID]) {
            out->id = id;
            out->consultation_id = sqlite3_column_int64(s, 0);
        } else {
            out->id = sqlite3_column_int64(s, 0);
            out->consultation_id = cons;
        }
        if (refuses_support((const char *)sqlite3_column_text(s, 1),
                            &out->status))
            out->flags |= I_REFUSES;
        if (sqlite3_column_type(s, 2) != SQLITE_NULL)
            out->flags |= I_GROUP;
    }
    done(h);
    if (src != SQLITE_ROW && src != SQLITE_DONE)
        return err ? err->code : CS_EINTERNAL;
    if (src == SQLITE_DONE) {
        if (r->v[CS_F_IDEA_ID])
            return cs_error_field(err, CS_ENOTFOUND, "idea_id",
                                  _("No idea %lld."), (long long)id);
        return cs_error_field(err, CS_ENOTFOUND, "idea_form_ref",
            _("No idea with form reference \"%s\" in this consultation."),
            r->v[CS_F_IDEA_FORM_REF]);
    }
    if (!(out->flags & I_GROUP)) {
        out->root = out->id;    /* not merged: its own root */
        root_status = CS_STATUS_NEW;
    } else if ((rc = idea_root(x->db, out->id, &out->root, &root_status,
                               err)) != CS_OK) {
        return rc;
    }
    if (!(out->flags & I_REFUSES)
        && (root_status == CS_STATUS_WITHDRAWN
            || root_status == CS_STATUS_HIDDEN)) {
        out->flags |= I_ROOT_REFUSES;
        out->status = (int)root_status;
    }
    if (!(out->flags & I_GROUP)) {
        /* Others merged into it make a group too. */
        if ((h = PREP(x, S_GROUP_MULTI, err)) == NULL)
            return err ? err->code : CS_EINTERNAL;
        bi(h, ":root", out->root);
        if ((src = step(x, h, err)) == SQLITE_ROW
            && sqlite3_column_int(h->st.st, 0))
            out->flags |= I_GROUP;
        done(h);
        if (src != SQLITE_ROW)
            return err ? err->code : CS_EINTERNAL;
    }
    if (n > 0 && (e = imp_cache_put(&x->ideas, key, n)) != NULL) {
        e->id = out->id;
        e->aux = out->root;
        e->extra = (int32_t)out->consultation_id;
        e->flags = (uint16_t)(out->flags | ((unsigned)out->status << 8));
    }

check:
    if (cons != 0 && out->consultation_id != cons)
        return cs_error_field(err, CS_ENOTFOUND, "idea_id",
            _("Idea %lld belongs to another consultation."),
            (long long)out->id);
    if (out->flags & I_REFUSES)
        return cs_error_field(err, CS_ECONFLICT, "idea",
            _("Idea %lld is %s: it cannot receive votes or tallies."),
            (long long)out->id, cs_status_label((enum cs_status)out->status));
    if (out->flags & I_ROOT_REFUSES)
        return cs_error_field(err, CS_ECONFLICT, "idea",
            _("Idea %lld counts for idea %lld, which is %s: it cannot "
              "receive votes or tallies."), (long long)out->id,
            (long long)out->root,
            cs_status_label((enum cs_status)out->status));
    return CS_OK;
}

/* Remember which consultation the batch's rows went to: one, or several
 * (-1). */
static void
batch_consultation(struct imp_ctx *x, int64_t cons)
{
    if (cons == 0 || x->batch_consultation == -1)
        return;
    if (x->batch_consultation == 0)
        x->batch_consultation = cons;
    else if (x->batch_consultation != cons)
        x->batch_consultation = -1;
}

/* ---------------------------------------------------------------- votes */

/* Note `n` votes added to idea `id` for idea_count, when its update
 * trigger is put aside: summed by the idea's theme, kind, status and
 * channel. */
static enum cs_rc
kept_add(struct imp_ctx *x, int64_t id, int64_t n, struct cs_error *err)
{
    const char *kind, *status, *channel;
    struct imp_kept *k = NULL;
    struct held *h;
    sqlite3_stmt *st;
    int64_t theme;
    enum cs_rc rc = CS_OK;
    int src;

    if (!x->kept_deferred || n == 0)
        return CS_OK;
    if ((h = PREP(x, S_IDEA_KEY, err)) == NULL)
        return err ? err->code : CS_EINTERNAL;
    bi(h, ":id", id);
    if ((src = step(x, h, err)) != SQLITE_ROW) {
        done(h);
        return src == SQLITE_DONE ? cs_error_set(err, CS_EINTERNAL,
                                                 _("No idea %lld."),
                                                 (long long)id)
                                  : err ? err->code : CS_EINTERNAL;
    }
    st = h->st.st;
    theme = sqlite3_column_int64(st, 0);
    kind = (const char *)sqlite3_column_text(st, 1);
    status = (const char *)sqlite3_column_text(st, 2);
    channel = (const char *)sqlite3_column_text(st, 3);
    if (kind == NULL || status == NULL || channel == NULL
        || strlen(kind) >= sizeof k->kind || strlen(status) >= sizeof k->status
        || strlen(channel) >= sizeof k->channel) {
        rc = cs_error_set(err, CS_EINTERNAL, "%s",
                          _("Unexpected values in an idea."));
        goto out;
    }
    for (size_t i = 0; i < x->kept_count; i++) {
        k = &x->kept[i];
        if (k->theme_id == theme && strcmp(k->status, status) == 0
            && strcmp(k->channel, channel) == 0
            && strcmp(k->kind, kind) == 0) {
            k->votes += n;
            goto out;
        }
    }
    if (x->kept_count == x->kept_cap) {
        void *p = util_grow(x->kept, &x->kept_cap, x->kept_count,
                            sizeof *x->kept);

        if (p == NULL) {
            rc = no_memory(err);
            goto out;
        }
        x->kept = p;
    }
    k = &x->kept[x->kept_count++];
    memset(k, 0, sizeof *k);
    k->theme_id = theme;
    memcpy(k->kind, kind, strlen(kind) + 1);
    memcpy(k->status, status, strlen(status) + 1);
    memcpy(k->channel, channel, strlen(channel) + 1);
    k->votes = n;
out:
    done(h);
    return rc;
}

/* Count a vote added in a group of merged ideas as vote.c does: votes + 1
 * on the idea, support + 1 on its root (the group check made sure this
 * person was not counted there yet). Rare: written at once. */
static enum cs_rc
count_vote(struct imp_ctx *x, int64_t idea, int64_t root,
           struct cs_error *err)
{
    struct held *h;
    enum cs_rc rc;
    int src;

    if ((h = PREP(x, S_COUNTS, err)) == NULL)
        return err ? err->code : CS_EINTERNAL;
    for (int i = 0; i < 2; i++) {
        bi(h, ":votes", i == 0 ? 1 : 0);
        bi(h, ":tallies", 0);
        bi(h, ":support", (i == 0) == (idea == root) ? 1 : 0);
        bi(h, ":id", i == 0 ? idea : root);
        src = step(x, h, err);
        done(h);
        if (src != SQLITE_DONE)
            return err ? err->code : CS_EINTERNAL;
        if (i == 0 && (rc = kept_add(x, idea, 1, err)) != CS_OK)
            return rc;
        if (idea == root)
            break;
    }
    return CS_OK;
}

/* vote.c's vote put, prepared on first use. */
static struct vote_put *
vote_put_of(struct imp_ctx *x, struct cs_error *err)
{
    struct vote_put *vp = &H(x)->vote;

    if (vp->run == NULL && vote_put_prepare(x->db, vp, err) != CS_OK)
        return NULL;
    return vp;
}

static enum cs_rc
vote_one(struct imp_ctx *x, const struct imp_row *r, enum imp_outcome *out,
         struct cs_error *err)
{
    struct idea_ref ir;
    struct cs_person p;
    struct rec_parsed pv;
    struct vote_put *vp;
    struct held *h;
    char when[32];
    int channel, src;
    int64_t pid = 0, other = 0;
    bool fresh = false;
    enum cs_rc rc;

    if ((rc = row_check(x, CS_RECORD_VOTE, r, &pv, err)) != CS_OK
        || (rc = idea_ref(x, r, pv.id, &ir, err)) != CS_OK)
        goto refuse;
    memset(&p, 0, sizeof p);
    p.ref = r->v[CS_F_PARTICIPANT_REF];
    p.name = r->v[CS_F_PARTICIPANT_NAME];
    p.service = r->v[CS_F_SERVICE];
    channel = pv.channel;
    p.channel = (enum cs_channel)channel;
    if (r->v[CS_F_VOTED_AT])
        memcpy(when, pv.date, sizeof when);
    else
        memcpy(when, x->now, sizeof when);
    if ((rc = cons_state_seen_check(x->db, &x->states, ir.consultation_id,
                                    CONS_WRITE_CONTRIB, channel,
                                    r->v[CS_F_VOTED_AT] ? when : NULL, true,
                                    err)) != CS_OK)
        goto refuse;

    /* Checked: the voter is found or added, then the vote. (Only in a
     * group of merged ideas can a known voter still be refused below;
     * what the row taught about that voter is then kept.) */
    if ((rc = person_resolve(x, &p, &pid, err)) != CS_OK)
        return rc;
    if ((ir.flags & I_GROUP) || x->direct_votes) {
        /* A group check must see every vote before it. */
        if ((rc = imp_flush_staged(x, err)) != CS_OK)
            return rc;
        if ((h = PREP(x, S_VOTE_IN_GROUP, err)) == NULL)
            return err ? err->code : CS_EINTERNAL;
        bi(h, ":root", ir.root);
        bi(h, ":p", pid);
        if ((src = step(x, h, err)) == SQLITE_ROW)
            other = sqlite3_column_int64(h->st.st, 0);
        done(h);
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            return err ? err->code : CS_EINTERNAL;
        if (other == ir.id) {
            *out = IMP_DUPLICATE;
            return CS_OK;
        }
        if (other != 0) {
            cs_error_field(err, CS_ECONFLICT, "participant_ref",
                _("This person already supports idea %lld, merged with "
                  "idea %lld: a second vote is not counted."),
                (long long)other, (long long)ir.id);
            *out = IMP_REJECTED;
            return CS_OK;
        }
    }
    if ((vp = vote_put_of(x, err)) == NULL
        || (rc = vote_put_stage(x->db, vp, ir.id, pid,
                                (enum cs_channel)channel, when, -1, &fresh,
                                err)) != CS_OK)
        return err ? err->code : CS_EINTERNAL;
    if (!(ir.flags & I_GROUP) && !x->direct_votes) {
        if (!fresh) {
            *out = IMP_DUPLICATE;   /* twice in this stretch of the file */
            return CS_OK;
        }
        batch_consultation(x, ir.consultation_id);
        *out = IMP_ADDED;       /* unless the flush finds it there */
        if (++x->staged >= STAGE_ROWS)
            return imp_flush_staged(x, err);
        return CS_OK;
    }
    /* Alone in the stage (flushed above): in at once, and counted. */
    if ((rc = vote_put_run(x->db, vp, x->batch_id, x->now, NULL, NULL, NULL,
                           err)) != CS_OK
        || (rc = vote_put_clear(x->db, vp, err)) != CS_OK
        || (rc = count_vote(x, ir.id, ir.root, err)) != CS_OK)
        return rc;
    batch_consultation(x, ir.consultation_id);
    *out = IMP_ADDED;
    return CS_OK;
refuse:
    if (!is_refusal(rc))
        return rc;
    *out = IMP_REJECTED;
    return CS_OK;
}

/* The separators of a cell listing several ideas ("35,36,34"). */
#define IDEA_LIST_SEPS ",;|"

/* The next idea of list `*p` (trimmed, in place), NULL at its end. */
static char *
list_next(char **p)
{
    char *s = *p, *e;
    size_t len;

    while (*s != '\0') {
        len = strcspn(s, IDEA_LIST_SEPS);
        e = s + len;
        *p = *e ? e + 1 : e;
        *e = '\0';
        while (*s == ' ' || *s == '\t')
            s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
            *--e = '\0';
        if (*s != '\0')
            return s;
        s = *p;
    }
    return NULL;
}

/*
 * A votes row: one vote, or, when its idea cell lists several ideas (a
 * ballot: "35,36,34"), one vote for each. Such a row is checked whole
 * first (every idea found and open to votes, the row's other cells), and
 * refused whole, naming the idea in error; then each vote goes in as one
 * row would. The row's outcome is its first vote's; the others are
 * counted in x->more_added and x->more_duplicates.
 */
static enum cs_rc
row_vote(struct imp_ctx *x, const struct imp_row *r, enum imp_outcome *out,
         struct cs_error *err)
{
    enum cs_field_id f = r->v[CS_F_IDEA_ID] ? CS_F_IDEA_ID
                                            : CS_F_IDEA_FORM_REF;
    const char *cell = r->v[f];
    struct imp_row one;
    char *copy, *p, *idea, **ideas = NULL;
    size_t n = 0, cap = 0;
    enum imp_outcome o;
    enum cs_rc rc = CS_OK;

    if (cell == NULL || strpbrk(cell, IDEA_LIST_SEPS) == NULL)
        return vote_one(x, r, out, err);
    if ((copy = strdup(cell)) == NULL)
        return no_memory(err);
    for (p = copy; (idea = list_next(&p)) != NULL;) {
        void *grown = util_grow(ideas, &cap, n, sizeof *ideas);

        if (grown == NULL) {
            rc = no_memory(err);
            goto out;
        }
        ideas = grown;
        ideas[n++] = idea;
    }
    one = *r;
    if (n <= 1) {
        /* "35," is one idea; "," none (vote_one says so). */
        one.v[f] = n ? ideas[0] : NULL;
        one.len[f] = n ? strlen(ideas[0]) : 0;
        rc = vote_one(x, &one, out, err);
        goto out;
    }
    /* Every idea checked first, as vote_one checks one. */
    for (size_t i = 0; i < n; i++) {
        struct rec_parsed pv;
        struct idea_ref ir;

        one.v[f] = ideas[i];
        one.len[f] = strlen(ideas[i]);
        if ((rc = row_check(x, CS_RECORD_VOTE, &one, &pv, err)) == CS_OK)
            rc = idea_ref(x, &one, pv.id, &ir, err);
        if (rc == CS_OK)
            continue;
        if (is_refusal(rc)) {
            char why[sizeof err->msg];

            memcpy(why, err->msg, sizeof why);
            cs_error_field(err, rc, cs_field_name(f),
                           _("Idea \"%s\" of the list \"%s\": %s"),
                           ideas[i], cell, why);
            *out = IMP_REJECTED;
            rc = CS_OK;
        }
        goto out;
    }
    for (size_t i = 0; i < n && rc == CS_OK; i++) {
        one.v[f] = ideas[i];
        one.len[f] = strlen(ideas[i]);
        if ((rc = vote_one(x, &one, &o, err)) != CS_OK)
            break;
        if (i == 0)
            *out = o;
        else if (o == IMP_ADDED)
            x->more_added++;
        else
            /* Already there; or, in a group of merged ideas, the voter
             * supports the group already through another of its ideas:
             * not counted twice either way. */
            x->more_duplicates++;
    }
    if (rc == CS_OK)
        x->several_ideas++;
out:
    free(ideas);
    free(copy);
    return rc;
}

/* ---------------------------------------------------------------- tallies */

static enum cs_rc
row_tally(struct imp_ctx *x, const struct imp_row *r, enum imp_outcome *out,
          struct cs_error *err)
{
    struct idea_ref ir;
    struct rec_parsed pv;
    struct cs_tally_result res;
    char when[32];
    enum cs_rc rc;

    if ((rc = row_check(x, CS_RECORD_TALLY, r, &pv, err)) != CS_OK
        || (rc = idea_ref(x, r, pv.id, &ir, err)) != CS_OK
        || (rc = cons_state_seen_check(x->db, &x->states, ir.consultation_id,
                                       CONS_WRITE_TALLY, -1, NULL, false,
                                       err)) != CS_OK)
        goto refuse;
    if (r->v[CS_F_COUNTED_AT])
        memcpy(when, pv.date, sizeof when);
    /* One tally per idea, source and day: the same counts again are the
     * same session imported twice; other counts replace the session's,
     * as keying it again does. tally_insert checks everything before
     * its first write, so a refusal from it leaves nothing. Tallies are
     * few: its own audit row per tally is kept. */
    rc = tally_insert(x->db, ir.id, pv.count, pv.against, r->v[CS_F_SOURCE],
                      r->v[CS_F_COUNTED_AT] ? when : NULL, x->batch_id, &res,
                      err);
    if (rc != CS_OK)
        goto refuse;
    if (res.outcome == CS_TALLY_UNCHANGED) {
        *out = IMP_DUPLICATE;
        return CS_OK;
    }
    batch_consultation(x, ir.consultation_id);
    *out = IMP_ADDED;
    return CS_OK;
refuse:
    if (!is_refusal(rc))
        return rc;
    *out = IMP_REJECTED;
    return CS_OK;
}

/* ---------------------------------------------------------------- comments */

/* The comment with reference `ref` on an idea of consultation `cons`:
 * its id and its idea, 0 when there is none. */
static enum cs_rc
comment_by_ref(struct imp_ctx *x, int64_t cons, const char *ref,
               int64_t *id, int64_t *idea, struct cs_error *err)
{
    struct stmt st = STMT_INIT;

    *id = *idea = 0;
    stmt_prepare(&st, x->db, "SELECT c.id, c.idea_id FROM comment c"
                             " JOIN idea i ON i.id = c.idea_id"
                             " WHERE c.form_ref = :ref"
                             " AND i.consultation_id = :c LIMIT 1");
    stmt_bind_text(&st, ":ref", ref);
    stmt_bind_int64(&st, ":c", cons);
    if (stmt_row(&st)) {
        *id = stmt_int64(&st, 0);
        *idea = stmt_int64(&st, 1);
    }
    {
        enum cs_rc rc = stmt_status(&st, err);

        stmt_finish(&st);
        return rc;
    }
}

static enum cs_rc
row_comment(struct imp_ctx *x, const struct imp_row *r,
            enum imp_outcome *out, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct idea_ref ir;
    struct cs_person p;
    struct rec_parsed pv;
    char when[32];
    int64_t pid = 0, parent = 0, parent_idea = 0, dup = 0, dup_idea = 0;
    enum cs_rc rc;

    if ((rc = row_check(x, CS_RECORD_COMMENT, r, &pv, err)) != CS_OK)
        goto refuse;
    /* An idea withdrawn or hidden takes no support, but its comments
     * are still its own. */
    rc = idea_ref(x, r, pv.id, &ir, err);
    if (rc == CS_ECONFLICT && ir.id != 0) {
        cs_error_clear(err);
        rc = CS_OK;
    }
    if (rc == CS_OK)
        rc = cons_state_seen_check(x->db, &x->states, ir.consultation_id,
                                   CONS_WRITE_WORK, -1, NULL, false, err);
    if (rc != CS_OK)
        goto refuse;
    if (r->v[CS_F_FORM_REF]) {
        if ((rc = comment_by_ref(x, ir.consultation_id, r->v[CS_F_FORM_REF],
                                 &dup, &dup_idea, err)) != CS_OK)
            return rc;
        if (dup != 0) {
            if (dup_idea != ir.id) {
                rc = cs_error_field(err, CS_ECONFLICT, "form_ref",
                    _("Comment \"%s\" is already on idea %lld, not on idea "
                      "%lld."), r->v[CS_F_FORM_REF], (long long)dup_idea,
                    (long long)ir.id);
                goto refuse;
            }
            *out = IMP_DUPLICATE;
            return CS_OK;
        }
    }
    if (r->v[CS_F_PARENT_REF]) {
        if ((rc = comment_by_ref(x, ir.consultation_id,
                                 r->v[CS_F_PARENT_REF], &parent,
                                 &parent_idea, err)) != CS_OK)
            return rc;
        if (parent == 0) {
            rc = cs_error_field(err, CS_ENOTFOUND, "parent_ref",
                _("It answers comment \"%s\", which is neither earlier in "
                  "this file nor in this consultation."),
                r->v[CS_F_PARENT_REF]);
            goto refuse;
        }
        if (parent_idea != ir.id) {
            rc = cs_error_field(err, CS_ECONFLICT, "parent_ref",
                _("It answers comment \"%s\", which is on idea %lld, not "
                  "on idea %lld."), r->v[CS_F_PARENT_REF],
                (long long)parent_idea, (long long)ir.id);
            goto refuse;
        }
    }
    if (r->v[CS_F_SUBMITTED_AT])
        memcpy(when, pv.date, sizeof when);
    else
        memcpy(when, x->now, sizeof when);
    memset(&p, 0, sizeof p);
    p.ref = r->v[CS_F_PARTICIPANT_REF];
    p.name = r->v[CS_F_PARTICIPANT_NAME];
    p.service = r->v[CS_F_SERVICE];
    p.channel = (enum cs_channel)pv.channel;
    if (cs_person_is_given(&p) && (rc = person_resolve(x, &p, &pid, err))
                                  != CS_OK)
        return rc;
    stmt_prepare(&st, x->db,
        "INSERT INTO comment(idea_id, participant_id, body, created_at,"
        " entered_by, batch_id, channel, form_ref, parent_id)"
        " VALUES (:idea, :p, :body, :when, :login, :batch, :channel, :ref,"
        " :parent)");
    stmt_bind_int64(&st, ":idea", ir.id);
    stmt_bind_id(&st, ":p", pid);
    stmt_bind_text(&st, ":body", r->v[CS_F_BODY]);
    stmt_bind_text(&st, ":when", when);
    stmt_bind_text(&st, ":login", cs_db_login(x->db));
    stmt_bind_id(&st, ":batch", x->batch_id);
    stmt_bind_text(&st, ":channel",
                   cs_channel_name((enum cs_channel)pv.channel));
    stmt_bind_text(&st, ":ref", r->v[CS_F_FORM_REF]);
    stmt_bind_id(&st, ":parent", parent);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        return rc;
    batch_consultation(x, ir.consultation_id);
    *out = IMP_ADDED;
    return CS_OK;
refuse:
    if (!is_refusal(rc))
        return rc;
    *out = IMP_REJECTED;
    return CS_OK;
}

/* ---------------------------------------------------------------- participants */

static enum cs_rc
row_participant(struct imp_ctx *x, const struct imp_row *r,
                enum imp_outcome *out, struct cs_error *err)
{
    struct cs_person p;
    struct rec_parsed pv;
    long before = x->participants_created;
    int64_t id;
    enum cs_rc rc;

    memset(&p, 0, sizeof p);
    p.ref = r->v[CS_F_REF];
    p.name = r->v[CS_F_NAME];
    p.service = r->v[CS_F_SERVICE];
    p.email = r->v[CS_F_EMAIL];
    p.postal = r->v[CS_F_POSTAL];
    p.phone = r->v[CS_F_PHONE];
    if ((rc = row_check(x, CS_RECORD_PARTICIPANT, r, &pv, err)) != CS_OK)
        goto refuse;
    p.consent = pv.flag;
    p.refused = !pv.flag && r->v[CS_F_CONSENT] && r->v[CS_F_CONSENT][0];
    p.channel = (enum cs_channel)pv.channel;
    if ((rc = person_resolve(x, &p, &id, err)) != CS_OK)
        return rc;
    *out = x->participants_created > before ? IMP_ADDED : IMP_DUPLICATE;
    return CS_OK;
refuse:
    if (!is_refusal(rc))
        return rc;
    *out = IMP_REJECTED;
    return CS_OK;
}

/* ---------------------------------------------------------------- entry */

enum cs_rc
imp_row_import(struct imp_ctx *x, const struct imp_row *row,
               enum imp_outcome *out, struct cs_error *err)
{
    return imp_row_import_as(x, x->kind, row, out, err);
}

enum cs_rc
imp_row_import_as(struct imp_ctx *x, enum cs_import_kind kind,
                  const struct imp_row *row, enum imp_outcome *out,
                  struct cs_error *err)
{
    switch (kind) {
    case CS_IMPORT_IDEAS:        return row_idea(x, row, out, err);
    case CS_IMPORT_VOTES:        return row_vote(x, row, out, err);
    case CS_IMPORT_TALLIES:      return row_tally(x, row, out, err);
    case CS_IMPORT_PARTICIPANTS: return row_participant(x, row, out, err);
    case CS_IMPORT_COMMENTS:     return row_comment(x, row, out, err);
    default:
        return cs_error_set(err, CS_EINTERNAL, "%s", _("Unknown kind."));
    }
}

/* imp_flush_staged's: one vote added to idea `idea_id`. */
static void
sum_vote(void *arg, int64_t id, int64_t idea_id)
{
    (void)id;
    imp_sums_add(&((struct imp_ctx *)arg)->votes, idea_id, 1);
}

enum cs_rc
imp_flush_staged(struct imp_ctx *x, struct cs_error *err)
{
    struct vote_put *vp;
    long added = 0;
    enum cs_rc rc;

    if (x->staged == 0)
        return CS_OK;
    /* Room for every idea of this stretch in the sums first: they are
     * written to the ideas only between statements. */
    if (x->votes.used + (size_t)x->staged > x->votes.max_used
        && (rc = imp_flush_counts(x, err)) != CS_OK)
        return rc;
    /* One vote per row added; the others were there already. */
    if ((vp = vote_put_of(x, err)) == NULL)
        return err ? err->code : CS_EINTERNAL;
    if ((rc = vote_put_run(x->db, vp, x->batch_id, x->now, sum_vote, x,
                           &added, err)) != CS_OK
        || (rc = vote_put_clear(x->db, vp, err)) != CS_OK)
        return rc;
    x->late_duplicates += x->staged - added;
    x->staged = 0;
    return CS_OK;
}

static int
cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return x < y ? -1 : x > y;
}

/* Add the votes counted in memory to their ideas, in id order: an idea's
 * row is wide (its text), and one update per idea, in the order of the
 * table, writes each of its pages once. Only ideas alone in their group
 * are staged, so their support grows by their votes. */
enum cs_rc
imp_flush_counts(struct imp_ctx *x, struct cs_error *err)
{
    struct imp_sums *s = &x->votes;
    int64_t (*rows)[2];
    struct held *h;
    size_t n = 0;
    enum cs_rc rc = CS_OK;

    if (s->used == 0)
        return CS_OK;
    if ((h = PREP(x, S_IDEA_VOTES, err)) == NULL)
        return err ? err->code : CS_EINTERNAL;
    if ((rows = malloc(s->used * sizeof *rows)) == NULL)
        return no_memory(err);
    for (size_t i = 0; i < s->cap; i++) {
        if (s->keys[i] == 0)
            continue;
        rows[n][0] = s->keys[i];
        rows[n][1] = s->sum[i];
        n++;
    }
    qsort(rows, n, sizeof *rows, cmp_id);
    for (size_t i = 0; i < n && rc == CS_OK; i++) {
        int src;

        bi(h, ":n", rows[i][1]);
        bi(h, ":id", rows[i][0]);
        src = step(x, h, err);
        done(h);
        if (src != SQLITE_DONE)
            rc = err ? err->code : CS_EINTERNAL;
        else
            rc = kept_add(x, rows[i][0], rows[i][1], err);
    }
    free(rows);
    imp_sums_reset(s);
    return rc;
}
