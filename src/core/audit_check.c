/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * audit_check.c: `consult audit verify`: the journal, its key, its
 * triggers, and the data against the journal's digests; anchors.
 *
 * The check reads one snapshot of the file. It walks the journal row by
 * row, recomputing each hash (HMAC under the key from the row that began
 * keying, when the key can be read) and the hash of its digests, and
 * checks each row against its own stored predecessor, so that one edited
 * row is one finding and not a cascade. It then walks each covered table
 * beside the last digest the journal holds for each of its rows, and
 * recounts what the core and the triggers keep (votes, tallies, support,
 * the count tables) from their sources. Every problem is reported, by
 * table and row.
 */
#include "consult/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit_priv.h"
#include "i18n.h"
#include "host_priv.h"
#include "schema.h"
#include "stmt.h"

#define CHAIN_REPORTED 20   /* journal rows named one by one, then counted */

struct walk {
    struct cs_db *db;
    cs_audit_finding_fn fn;
    void *arg;
    struct cs_audit_report *rep;
    int64_t chain;              /* chain findings so far */
    int64_t first_bad;          /* first journal row at fault, 0 if none */
    char first[320];            /* the first finding's text */
    bool can_mac;               /* keyed hashes can be checked */
};

static void CS_PRINTF(6, 7)
finding(struct walk *w, enum cs_audit_problem kind, const char *tbl,
        int64_t row_id, int64_t audit_id, const char *fmt, ...)
{
    struct cs_audit_finding f;
    char text[320];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (w->rep->findings++ == 0)
        snprintf(w->first, sizeof w->first, "%s", text);
    if (kind == CS_AUDIT_CHAIN && w->first_bad == 0)
        w->first_bad = audit_id;
    if (kind == CS_AUDIT_CHAIN && ++w->chain > CHAIN_REPORTED)
        return;                 /* counted; summed up at the end */
    if (w->fn == NULL)
        return;
    f.kind = kind;
    f.tbl = tbl;
    f.row_id = row_id;
    f.audit_id = audit_id;
    f.text = text;
    w->fn(&f, w->arg);
}

/* ---------------------------------------------------------------- chain */

/* The cursor over the journal's digests, in (audit_id, tbl, row_id)
 * order. */
struct entries {
    struct stmt st;
    bool more;                  /* a row is ready */
};

static void
entries_next(struct entries *e)
{
    e->more = stmt_row(&e->st);
}

/* The key id a "key" row records, or "" ({"key_id":"..."}). */
static void
key_id_of(const char *after, char out[17])
{
    const char *p = after ? strstr(after, "\"key_id\":\"") : NULL;
    size_t n = 0;

    if (p != NULL) {
        p += 10;
        while (n < 16 && p[n] != '\0' && p[n] != '"')
            n++;
    }
    memcpy(out, p ? p : "", n);
    out[n] = '\0';
}

static enum cs_rc
walk_chain(struct walk *w, struct cs_error *err)
{
    struct cs_db *db = w->db;
    struct cs_audit_report *rep = w->rep;
    struct stmt st = STMT_INIT;
    struct entries e = { STMT_INIT, false };
    char prev[CS_HASH_HEX], want[CS_HASH_HEX], rows[CS_HASH_HEX];
    char our_id[17], their_id[17];
    const char *key_path;
    int64_t expect = 1, orphan = 0;
    int top = 0;
    enum cs_rc rc;

    audit_key_id(db, our_id);
    audit_key_state(db, &key_path, NULL);
    memcpy(prev, AUDIT_ZERO_HASH, CS_HASH_HEX);
    stmt_prepare(&e.st, db, "SELECT audit_id, tbl, row_id, digest"
                            " FROM audit_row ORDER BY audit_id, tbl, row_id");
    entries_next(&e);
    stmt_prepare(&st, db,
        "SELECT id, at, actor, action, tbl, row_id, idea_id, before, after,"
        " prev_hash, hash, format, rows_hash FROM audit ORDER BY id");
    while (stmt_row(&st)) {
        int64_t id = stmt_int64(&st, 0);
        const char *before = stmt_is_null(&st, 7) ? NULL : stmt_text(&st, 7);
        const char *after = stmt_is_null(&st, 8) ? NULL : stmt_text(&st, 8);
        const char *stored_prev = stmt_text(&st, 9);
        const char *hash = stmt_text(&st, 10);
        int format = (int)stmt_int64(&st, 11);
        const char *rows_hash = stmt_text(&st, 12);
        struct audit_rows_hash rh;

        rep->rows++;
        /* Its digests. Those of rows missing before it are the missing
         * rows' own (reported as such). */
        audit_rows_hash_init(&rh);
        while (e.more && stmt_int64(&e.st, 0) < id)
            entries_next(&e);
        while (e.more && stmt_int64(&e.st, 0) == id) {
            int len = 0;
            const void *d = stmt_blob(&e.st, 3, &len);

            audit_rows_hash_add(&rh, stmt_text(&e.st, 1),
                                stmt_int64(&e.st, 2), d, len);
            entries_next(&e);
        }
        audit_rows_hash_end(&rh, rows);

        if (id != expect)
            finding(w, CS_AUDIT_CHAIN, NULL, 0, expect,
                _("Audit row %lld is missing: the journal was edited "
                  "outside consult."), (long long)expect);
        if (format < top)
            finding(w, CS_AUDIT_CHAIN, NULL, 0, id,
                _("Audit row %lld is in an older form than the rows before "
                  "it (not keyed after keying began): the journal was "
                  "rewritten outside consult."), (long long)id);
        if (format == 3 && rep->keyed_from == 0) {
            rep->keyed_from = id;
            key_id_of(after, their_id);
            if (strcmp(stmt_text(&st, 3), "key") != 0)
                finding(w, CS_AUDIT_KEY, NULL, 0, id,
                    _("Audit row %lld is the first keyed row but does not "
                      "begin keying: the journal was edited outside "
                      "consult."), (long long)id);
            else if (w->can_mac && strcmp(our_id, their_id) != 0) {
                finding(w, CS_AUDIT_KEY, NULL, 0, id,
                    _("The key file %s is not this journal's key (the "
                      "journal was keyed at row %lld with key %s; the file "
                      "holds key %s)."), key_path, (long long)id, their_id,
                    our_id);
                w->can_mac = false;
                snprintf(rep->key_note, sizeof rep->key_note, "%s",
                         _("it is not this journal's key"));
            }
        }
        if (strcmp(rows_hash, rows) != 0 || (format == 1 && rows[0] != '\0'))
            finding(w, CS_AUDIT_CHAIN, NULL, 0, id,
                _("The digests of audit row %lld do not match it: they "
                  "were edited outside consult."), (long long)id);
        if (format == 3 && !w->can_mac) {
            rep->unchecked++;
            if (strcmp(stored_prev, prev) != 0 && id == expect)
                finding(w, CS_AUDIT_CHAIN, NULL, 0, id,
                    _("Audit row %lld does not match its hash: the journal "
                      "was edited outside consult."), (long long)id);
        } else {
            audit_hash_row(db, format, id, stmt_text(&st, 1),
                           stmt_text(&st, 2), stmt_text(&st, 3),
                           stmt_text(&st, 4), stmt_int64(&st, 5),
                           stmt_int64(&st, 6), before, after,
                           stmt_is_null(&st, 12) ? NULL : rows_hash,
                           stored_prev, want);
            /* A row after a missing one links to the missing one. */
            if (strcmp(hash, want) != 0
                || (strcmp(stored_prev, prev) != 0 && id == expect))
                finding(w, CS_AUDIT_CHAIN, NULL, 0, id,
                    _("Audit row %lld does not match its hash: the journal "
                      "was edited outside consult."), (long long)id);
        }
        snprintf(prev, sizeof prev, "%s", hash);
        if (format > top)
            top = format;
        expect = id + 1;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    while (rc == CS_OK && e.more) {
        if (stmt_int64(&e.st, 0) != orphan) {
            orphan = stmt_int64(&e.st, 0);
            finding(w, CS_AUDIT_CHAIN, NULL, 0, orphan,
                _("Digests are recorded for audit row %lld, which is not in "
                  "the journal: they were added outside consult."),
                (long long)orphan);
        }
        entries_next(&e);
    }
    if (rc == CS_OK)
        rc = stmt_status(&e.st, err);
    stmt_finish(&e.st);
    if (rc != CS_OK)
        return rc;
    if (w->chain > CHAIN_REPORTED) {
        int64_t more = w->chain - CHAIN_REPORTED;

        w->chain = 0;           /* this summary is shown */
        w->rep->findings--;     /* and counted with the others */
        finding(w, CS_AUDIT_CHAIN, NULL, 0, 0,
            dngettext(CS_TEXTDOMAIN, "And %lld more problem in the journal's rows.",
                     "And %lld more problems in the journal's rows.",
                     (unsigned long)more), (long long)more);
        w->rep->findings += more;
    }
    rep->head.id = expect - 1;
    memcpy(rep->head.hash, prev, CS_HASH_HEX);
    /* A key, and a journal with rows but none keyed: every row after
     * keying began was rewritten without the key. */
    if (w->can_mac && rep->rows > 0 && rep->keyed_from == 0)
        finding(w, CS_AUDIT_KEY, NULL, 0, 0,
            _("The key file %s exists, but no row of the journal is keyed: "
              "the journal was rewritten without the key."), key_path);
    return CS_OK;
}

/* ---------------------------------------------------------------- triggers */

static enum cs_rc
check_triggers(struct walk *w, struct cs_error *err)
{
    static const struct { const char *name, *sql; } want[] = {
        { "audit_no_update", SCHEMA_AUDIT_NO_UPDATE },
        { "audit_no_delete", SCHEMA_AUDIT_NO_DELETE },
        { "audit_no_replace", SCHEMA_AUDIT_NO_REPLACE },
        { "audit_row_no_update", SCHEMA_AUDIT_ROW_NO_UPDATE },
        { "audit_row_no_delete", SCHEMA_AUDIT_ROW_NO_DELETE },
    };
    enum cs_rc rc = CS_OK;

    for (size_t i = 0; rc == CS_OK && i < sizeof want / sizeof want[0]; i++) {
        struct stmt st = STMT_INIT;

        stmt_prepare(&st, w->db, "SELECT sql FROM sqlite_schema"
                                 " WHERE type = 'trigger' AND name = :n");
        stmt_bind_text(&st, ":n", want[i].name);
        if (!stmt_row(&st)) {
            if ((rc = stmt_status(&st, err)) == CS_OK)
                finding(w, CS_AUDIT_TRIGGER, NULL, 0, 0,
                    _("The trigger %s, which keeps the journal append-only, "
                      "is missing: it was dropped outside consult."),
                    want[i].name);
        } else if (strcmp(stmt_text(&st, 0), want[i].sql) != 0) {
            finding(w, CS_AUDIT_TRIGGER, NULL, 0, 0,
                _("The trigger %s, which keeps the journal append-only, was "
                  "changed outside consult."), want[i].name);
        }
        stmt_finish(&st);
    }
    return rc;
}

/* ---------------------------------------------------------------- data */

static void
row_label(const struct audit_cover *c, int64_t id, char *buf, size_t size)
{
    if (c->by_idea)
        snprintf(buf, size, _("%s of idea %lld"), c->tbl, (long long)id);
    else
        snprintf(buf, size, "%s %lld", c->tbl, (long long)id);
}

static bool
same_digest(const void *a, int alen, const void *b, int blen)
{
    return alen == blen && alen > 0 && memcmp(a, b, (size_t)alen) == 0;
}

/* One covered table beside its last digests (`last`, positioned at or
 * before the table's first entry). `compare`: digests can be checked. */
static enum cs_rc
check_table(struct walk *w, const struct audit_cover *c, struct entries *last,
            bool compare, struct cs_error *err)
{
    struct stmt cur = STMT_INIT;
    char label[96];
    bool more;
    enum cs_rc rc;

    while (last->more && strcmp(stmt_text(&last->st, 0), c->tbl) < 0)
        entries_next(last);     /* a table no longer covered */
    stmt_prepare(&cur, w->db, c->all_sql);
    more = stmt_row(&cur);
    for (;;) {
        bool lhere = last->more && strcmp(stmt_text(&last->st, 0), c->tbl)
                                   == 0;
        int64_t lk = lhere ? stmt_int64(&last->st, 1) : 0;
        int64_t ck = more ? stmt_int64(&cur, 0) : 0;
        int64_t aid = lhere ? stmt_int64(&last->st, 3) : 0;
        int llen = 0, clen = 0;
        const void *ld = lhere ? stmt_blob(&last->st, 2, &llen) : NULL;
        const void *cd = more ? stmt_blob(&cur, 1, &clen) : NULL;

        if (!lhere && !more)
            break;
        if (lhere && (!more || lk < ck)) {
            if (ld != NULL) {
                row_label(c, lk, label, sizeof label);
                finding(w, CS_AUDIT_ROW_GONE, c->tbl, lk, aid,
                    _("%s: consult wrote it (audit row %lld) and it is "
                      "gone, with no deletion in the journal."), label,
                    (long long)aid);
            }
            entries_next(last);
            continue;
        }
        row_label(c, ck, label, sizeof label);
        if (!lhere || ck < lk) {
            finding(w, CS_AUDIT_ROW_UNKNOWN, c->tbl, ck, 0,
                _("%s: consult never wrote this row."), label);
            more = stmt_row(&cur);
            continue;
        }
        w->rep->data_rows++;
        if (ld == NULL)
            finding(w, CS_AUDIT_ROW_UNKNOWN, c->tbl, ck, aid,
                _("%s: consult deleted this row (audit row %lld) and it is "
                  "there again."), label, (long long)aid);
        else if (compare && !same_digest(ld, llen, cd, clen))
            finding(w, CS_AUDIT_ROW_CHANGED, c->tbl, ck, aid,
                _("%s: differs from what consult last wrote (audit row "
                  "%lld)."), label, (long long)aid);
        entries_next(last);
        more = stmt_row(&cur);
    }
    rc = stmt_status(&cur, err);
    stmt_finish(&cur);
    return rc;
}

static enum cs_rc
check_data(struct walk *w, bool compare, struct cs_error *err)
{
    struct entries last = { STMT_INIT, false };
    size_t n;
    const struct audit_cover *c = audit_covered(&n);
    enum cs_rc rc = CS_OK;

    /* The bare columns of a max() aggregate come from the row holding
     * the max: the last digest recorded for each row. */
    stmt_prepare(&last.st, w->db,
        "SELECT tbl, row_id, digest, max(audit_id) FROM audit_row"
        " GROUP BY tbl, row_id ORDER BY tbl, row_id");
    entries_next(&last);
    for (size_t i = 0; rc == CS_OK && i < n; i++)
        rc = check_table(w, &c[i], &last, compare, err);
    if (rc == CS_OK)
        rc = stmt_status(&last.st, err);
    stmt_finish(&last.st);
    return rc;
}

/* ---------------------------------------------------------------- counts */

/* The counts an idea keeps: each row is (idea, kept, counted). */
static const char sql_votes[] =
    "SELECT i.id, i.votes, (SELECT count(*) FROM vote v"
    " WHERE v.idea_id = i.id) AS n FROM idea i WHERE i.votes <> n"
    " ORDER BY i.id";
static const char sql_tallies[] =
    "SELECT i.id, i.tallies, (SELECT coalesce(sum(t.count), 0) FROM tally t"
    " WHERE t.idea_id = i.id) AS n FROM idea i WHERE i.tallies <> n"
    " ORDER BY i.id";
/* An idea's support counts each voter of its group once (the ideas merged
 * into it, and theirs) and the tallies of the group: ideas merged away
 * keep what they had. */
static const char sql_support[] =
    "SELECT i.id, i.support, ("
    "  WITH RECURSIVE grp(id) AS (SELECT i.id UNION"
    "    SELECT m.id FROM idea m JOIN grp ON m.merged_into = grp.id)"
    "  SELECT (SELECT count(DISTINCT v.participant_id) FROM vote v"
    "          WHERE v.idea_id IN grp)"
    "       + (SELECT coalesce(sum(t.count), 0) FROM tally t"
    "          WHERE t.idea_id IN grp)) AS n"
    " FROM idea i WHERE i.merged_into IS NULL AND i.support <> n"
    " ORDER BY i.id";

static enum cs_rc
check_idea_counts(struct walk *w, const char *sql, const char *what,
                  struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, w->db, sql);
    while (stmt_row(&st))
        finding(w, CS_AUDIT_DERIVED, "idea", stmt_int64(&st, 0), 0,
            _("idea %lld: its %s is %lld, but its sources count %lld."),
            (long long)stmt_int64(&st, 0), what,
            (long long)stmt_int64(&st, 1), (long long)stmt_int64(&st, 2));
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* The count tables against a recount: rows (table, key, key2) of each
 * side missing from the other. */
static const char sql_count_tables[] =
    "WITH kept_ic AS (SELECT theme_id, kind, status, channel, ideas, votes,"
    "  tallies FROM idea_count),"
    " made_ic AS (SELECT theme_id, kind, status, channel, count(*),"
    "  sum(votes), sum(tallies) FROM idea GROUP BY 1, 2, 3, 4),"
    " kept_p AS (SELECT participant_id, consultation_id, contributions"
    "  FROM participation),"
    " made_p AS (SELECT person, cons, count(*) FROM ("
    "  SELECT i.author_id AS person, t.consultation_id AS cons FROM idea i"
    "  JOIN theme t ON t.id = i.theme_id WHERE i.author_id IS NOT NULL"
    "  UNION ALL SELECT v.participant_id, i.consultation_id FROM vote v"
    "  JOIN idea i ON i.id = v.idea_id"
    "  UNION ALL SELECT m.participant_id, i.consultation_id FROM comment m"
    "  JOIN idea i ON i.id = m.idea_id WHERE m.participant_id IS NOT NULL)"
    "  GROUP BY 1, 2),"
    " kept_c AS (SELECT consultation_id, participants, without_email,"
    "  comments FROM consultation_count"
    "  WHERE participants + without_email + comments > 0),"
    " made_c(id, p, w, n) AS (SELECT c.id, (SELECT count(*) FROM participation p"
    "  WHERE p.consultation_id = c.id), (SELECT count(*) FROM participation p"
    "  JOIN participant q ON q.id = p.participant_id"
    "  WHERE p.consultation_id = c.id AND q.email IS NULL),"
    "  (SELECT count(*) FROM comment m JOIN idea i ON i.id = m.idea_id"
    "  WHERE i.consultation_id = c.id AND m.hidden = 0) FROM consultation c),"
    " made_c2 AS (SELECT * FROM made_c WHERE p + w + n > 0)"
    " SELECT 'idea_count', theme_id, 0 FROM (SELECT * FROM kept_ic EXCEPT"
    "  SELECT * FROM made_ic UNION SELECT * FROM made_ic EXCEPT"
    "  SELECT * FROM kept_ic)"
    " UNION ALL SELECT DISTINCT 'participation', participant_id,"
    "  consultation_id FROM (SELECT * FROM kept_p EXCEPT SELECT * FROM made_p"
    "  UNION SELECT * FROM made_p EXCEPT SELECT * FROM kept_p)"
    " UNION ALL SELECT DISTINCT 'consultation_count', consultation_id, 0"
    "  FROM (SELECT * FROM kept_c EXCEPT SELECT * FROM made_c2 UNION"
    "  SELECT * FROM made_c2 EXCEPT SELECT * FROM kept_c)";

static enum cs_rc
check_count_tables(struct walk *w, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, w->db, sql_count_tables);
    while (stmt_row(&st)) {
        const char *tbl = stmt_text(&st, 0);
        int64_t a = stmt_int64(&st, 1), b = stmt_int64(&st, 2);

        if (strcmp(tbl, "idea_count") == 0)
            finding(w, CS_AUDIT_DERIVED, "idea_count", a, 0,
                _("idea_count: the figures of theme %lld differ from its "
                  "ideas."), (long long)a);
        else if (strcmp(tbl, "participation") == 0)
            finding(w, CS_AUDIT_DERIVED, "participation", a, 0,
                _("participation: participant %lld in consultation %lld "
                  "differs from their contributions."), (long long)a,
                (long long)b);
        else
            finding(w, CS_AUDIT_DERIVED, "consultation_count", a, 0,
                _("consultation_count: the figures of consultation %lld "
                  "differ from its participants and comments."),
                (long long)a);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* ---------------------------------------------------------------- anchor */

static enum cs_rc
check_anchor(struct walk *w, const struct cs_audit_head *anchor,
             struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    if (anchor->id == 0)
        return CS_OK;
    stmt_prepare(&st, w->db, "SELECT hash FROM audit WHERE id = :id");
    stmt_bind_int64(&st, ":id", anchor->id);
    if (stmt_row(&st)) {
        if (strcmp(stmt_text(&st, 0), anchor->hash) != 0)
            finding(w, CS_AUDIT_ANCHOR, NULL, 0, anchor->id,
                _("Audit row %lld no longer has the anchor's hash: the "
                  "journal was rewritten outside consult."),
                (long long)anchor->id);
    } else if (stmt_status(&st, NULL) == CS_OK) {
        if (w->rep->head.id < anchor->id)
            finding(w, CS_AUDIT_ANCHOR, NULL, 0, anchor->id,
                _("The journal ends at row %lld, below the anchor's row "
                  "%lld: it was cut short outside consult."),
                (long long)w->rep->head.id, (long long)anchor->id);
        else
            finding(w, CS_AUDIT_ANCHOR, NULL, 0, anchor->id,
                _("Audit row %lld, the anchor's, is missing: the journal "
                  "was edited outside consult."), (long long)anchor->id);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* ---------------------------------------------------------------- public */

static void
report_init(struct walk *w, struct cs_db *db, struct cs_audit_report *rep,
            cs_audit_finding_fn fn, void *arg)
{
    const char *path, *note;
    enum audit_key_state ks = audit_key_state(db, &path, &note);

    memset(rep, 0, sizeof *rep);
    memset(w, 0, sizeof *w);
    w->db = db;
    w->fn = fn;
    w->arg = arg;
    w->rep = rep;
    w->can_mac = ks == AUDIT_KEY_OK;
    snprintf(rep->key_path, sizeof rep->key_path, "%s", path);
    if (ks == AUDIT_KEY_NONE)
        snprintf(rep->key_note, sizeof rep->key_note, "%s",
                 _("there is no key file"));
    else
        snprintf(rep->key_note, sizeof rep->key_note, "%s", note);
}

static void
report_keying(struct walk *w)
{
    struct cs_audit_report *rep = w->rep;

    if (rep->keyed_from == 0)
        rep->keying = CS_AUDIT_UNKEYED;
    else if (w->can_mac)
        rep->keying = CS_AUDIT_KEYED;
    else
        rep->keying = CS_AUDIT_KEY_MISSING;
    if (rep->keying == CS_AUDIT_KEYED)
        rep->key_note[0] = '\0';
}

enum cs_rc
cs_audit_verify(struct cs_db *db, int64_t *rows, int64_t *bad_id,
                char head[CS_HASH_HEX], struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    return audit_verify_chain(db, rows, bad_id, head, err);
}

enum cs_rc
audit_verify_chain(struct cs_db *db, int64_t *rows, int64_t *bad_id,
                   char head[CS_HASH_HEX], struct cs_error *err)
{
    struct cs_audit_report rep;
    struct walk w;
    enum cs_rc rc;

    report_init(&w, db, &rep, NULL, NULL);
    if ((rc = db_exec(db, "SAVEPOINT audit_verify", err)) != CS_OK)
        return rc;
    rc = walk_chain(&w, err);
    db_exec(db, "RELEASE audit_verify", NULL);
    if (rc == CS_OK && rep.findings > 0)
        rc = cs_error_set(err, CS_ECONFLICT, "%s", w.first);
    if (rows)
        *rows = rep.rows;
    if (bad_id)
        *bad_id = w.first_bad;
    if (rc == CS_OK && head)
        memcpy(head, rep.head.hash, CS_HASH_HEX);
    return rc;
}

enum cs_rc
cs_audit_check(struct cs_db *db, const struct cs_audit_head *anchor,
               struct cs_audit_report *rep, cs_audit_finding_fn fn, void *arg,
               struct cs_error *err)
{
    struct walk w;
    bool compare;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    report_init(&w, db, rep, fn, arg);
    /* One snapshot: a write landing meanwhile is not a finding. */
    if ((rc = db_exec(db, "SAVEPOINT audit_check", err)) != CS_OK)
        return rc;
    if ((rc = walk_chain(&w, err)) == CS_OK)
        rc = check_triggers(&w, err);
    report_keying(&w);
    /* Digests made under the key can only be recomputed with it; without
     * it, the check still finds rows that appeared or went. */
    compare = rep->keying != CS_AUDIT_KEY_MISSING;
    audit_digest_keyed(db, rep->keying == CS_AUDIT_KEYED);
    if (rc == CS_OK)
        rc = check_data(&w, compare, err);
    if (rc == CS_OK)
        rc = check_idea_counts(&w, sql_votes, _("vote count"), err);
    if (rc == CS_OK)
        rc = check_idea_counts(&w, sql_tallies, _("tally count"), err);
    if (rc == CS_OK)
        rc = check_idea_counts(&w, sql_support, _("support"), err);
    if (rc == CS_OK)
        rc = check_count_tables(&w, err);
    if (rc == CS_OK && anchor != NULL)
        rc = check_anchor(&w, anchor, err);
    db_exec(db, "RELEASE audit_check", NULL);
    if (rc == CS_OK && rep->findings > 0)
        rc = cs_error_set(err, CS_ECONFLICT,
            dngettext(CS_TEXTDOMAIN, "The check found %lld problem: the database was "
                     "changed outside consult.",
                     "The check found %lld problems: the database was "
                     "changed outside consult.",
                     (unsigned long)rep->findings),
            (long long)rep->findings);
    return rc;
}

/* ---------------------------------------------------------------- anchors */

#define ANCHOR_MAGIC "consult audit anchor 1\n"

enum cs_rc
cs_audit_anchor_write(struct cs_db *db, const char *path,
                      struct cs_audit_head *out, struct cs_error *err)
{
    struct cs_audit_head h;
    char buf[256], now[32];
    int fd, n, e;
    enum cs_rc rc;

    if ((rc = cs_audit_head(db, &h, err)) != CS_OK)
        return rc;
    util_now(now);
    n = snprintf(buf, sizeof buf, ANCHOR_MAGIC "row %lld\nhash %s\nat %s\n",
                 (long long)h.id, h.hash, now);
    fd = host_user_open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
                        | O_NOCTTY, 0644);
    if (fd < 0)
        return cs_error_set(err, CS_ECREATE, _("Cannot create %s: %s"), path,
                            strerror(errno));
    if (write(fd, buf, (size_t)n) != n || fsync(fd) != 0) {
        e = errno;
        close(fd);
        return cs_error_set(err, CS_EIO, _("Cannot write %s: %s."), path,
                            strerror(e));
    }
    if (close(fd) != 0)
        return cs_error_set(err, CS_EIO, _("Cannot write %s: %s."), path,
                            strerror(errno));
    if (out)
        *out = h;
    return CS_OK;
}

enum cs_rc
cs_audit_anchor_read(const char *path, struct cs_audit_head *out,
                     struct cs_error *err)
{
    char buf[512], hash[CS_HASH_HEX + 8];
    long long id = 0;
    const char *p;
    ssize_t n;
    size_t len;
    int fd;

    if ((fd = host_user_open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0)) < 0)
        return cs_error_set(err, CS_EIO, _("Cannot read %s: %s"), path,
                            strerror(errno));
    n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0)
        return cs_error_set(err, CS_EIO, _("Cannot read %s: %s"), path,
                            strerror(errno));
    buf[n] = '\0';
    len = strlen(ANCHOR_MAGIC);
    p = buf + len;
    if (strncmp(buf, ANCHOR_MAGIC, len) != 0
        || sscanf(p, "row %lld\nhash %72s\n", &id, hash) != 2 || id <= 0
        || strlen(hash) != CS_HASH_HEX - 1
        || strspn(hash, "0123456789abcdef") != CS_HASH_HEX - 1)
        return cs_error_set(err, CS_EINVAL,
                            _("%s is not an audit anchor file."), path);
    out->id = id;
    memcpy(out->hash, hash, CS_HASH_HEX);
    return CS_OK;
}
