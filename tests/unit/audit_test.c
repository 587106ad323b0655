/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * audit_test.c: the journal (audit.c, audit_check.c): SQLite itself
 * refuses to change it, the hash chain catches edits made outside consult,
 * the chain is keyed from the first row with the key beside the database,
 * the data are checked row by row against the journal's digests, the
 * filters of cs_audit_list, and the absence of personal data about
 * participants.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>
#include <nettle/sha2.h>

#include "audit_priv.h"
#include "dbpriv.h"

/* A plain SQLite connection to the fixture's file, as someone editing it
 * with the sqlite3 shell would have. */
static sqlite3 *
raw_open(struct fixture *f)
{
    sqlite3 *s = NULL;

    assert_int_equal(sqlite3_open(f->path, &s), SQLITE_OK);
    sqlite3_busy_timeout(s, 5000);
    return s;
}

static void
raw_exec(sqlite3 *s, const char *sql)
{
    char *msg = NULL;

    if (sqlite3_exec(s, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
}

/* The text of the first column of `sql`'s first row, copied. */
static char *
raw_text(sqlite3 *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    char *v = NULL;

    if (sqlite3_prepare_v2(s, sql, -1, &st, NULL) != SQLITE_OK
        || sqlite3_step(st) != SQLITE_ROW)
        fail_msg("%s: %s", sql, sqlite3_errmsg(s));
    v = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

/* A few writes of different kinds, by alice (admin) and bob (agent). */
static void
some_writes(struct fixture *f)
{
    struct cs_error err;
    struct cs_person p = { .ref = "M-1001", .name = "Jean Lambert",
                           .service = "Travaux" };
    int64_t pid;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    assert_ok(cs_theme_add(f->db, f->cons_id, "BEA", "Bien-être", 0, NULL,
                           &err));
    assert_ok(cs_consultation_set_state(f->db, f->cons_id, CS_STATE_CLOSED,
                                        &err));
    assert_ok(cs_participant_resolve(f->db, &p, &pid, NULL, &err));
}

/* ------------------------------------------------------------ append-only */

static void
test_sqlite_refuses_changes(void **state)
{
    struct fixture *f = *state;
    sqlite3 *s = raw_open(f);
    char *before, *after;

    some_writes(f);
    before = raw_text(s, "SELECT actor || '|' || action || '|' || hash"
                         " FROM audit WHERE id = 2");

    assert_int_not_equal(sqlite3_exec(s, "UPDATE audit SET actor = 'mallory'"
                                      " WHERE id = 2", NULL, NULL, NULL),
                         SQLITE_OK);
    assert_non_null(strstr(sqlite3_errmsg(s), "append-only"));
    assert_int_not_equal(sqlite3_exec(s, "DELETE FROM audit WHERE id = 2",
                                      NULL, NULL, NULL), SQLITE_OK);
    assert_non_null(strstr(sqlite3_errmsg(s), "append-only"));
    assert_int_not_equal(sqlite3_exec(s, "DELETE FROM audit", NULL, NULL,
                                      NULL), SQLITE_OK);
    /* INSERT OR REPLACE deletes the old row: refused as well. */
    assert_int_not_equal(sqlite3_exec(s,
        "INSERT OR REPLACE INTO audit(id, at, actor, action, tbl, prev_hash,"
        " hash) VALUES (2, 'x', 'mallory', 'add', 'user', 'x', 'x')",
        NULL, NULL, NULL), SQLITE_OK);

    after = raw_text(s, "SELECT actor || '|' || action || '|' || hash"
                        " FROM audit WHERE id = 2");
    assert_string_equal(after, before);
    free(before);
    free(after);
    sqlite3_close(s);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"
                                      " WHERE actor = 'mallory'"), 0);
}

/* ---------------------------------------------------------------- chain */

static void
test_verify_fresh(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    sqlite3 *s;
    char head[CS_HASH_HEX] = "", *want;
    int64_t rows = -1, bad = -1;

    some_writes(f);
    assert_ok(cs_audit_verify(f->db, &rows, &bad, head, &err));
    assert_int_equal(rows, fixture_count(f, "SELECT count(*) FROM audit"));
    assert_true(rows >= 8);
    assert_int_equal(bad, 0);
    s = raw_open(f);
    want = raw_text(s, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1");
    sqlite3_close(s);
    assert_string_equal(head, want);
    assert_int_equal(strlen(head), 64);
    free(want);
    /* NULL out-parameters are allowed. */
    assert_ok(cs_audit_verify(f->db, NULL, NULL, NULL, &err));
    /* Every row links to the one before it. */
    assert_int_equal(fixture_count(f,
        "SELECT count(*) FROM audit a JOIN audit b ON b.id = a.id - 1"
        " WHERE a.prev_hash <> b.hash"), 0);
}

/* Edit one row as the sqlite3 shell would: drop the guard, change it. */
static void
tamper(struct fixture *f, const char *sql)
{
    sqlite3 *s = raw_open(f);

    raw_exec(s, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete");
    raw_exec(s, sql);
    sqlite3_close(s);
}

static void
expect_broken_at(struct fixture *f, int64_t want_bad)
{
    struct cs_error err;
    char head[CS_HASH_HEX] = "unchanged";
    char id[24];
    int64_t bad = 0;

    cs_error_clear(&err);
    assert_int_equal(cs_audit_verify(f->db, NULL, &bad, head, &err),
                     CS_ECONFLICT);
    assert_int_equal(bad, want_bad);
    snprintf(id, sizeof id, "%lld", (long long)want_bad);
    assert_non_null(strstr(err.msg, id));
    assert_string_equal(head, "unchanged");
}

static void
test_edited_actor_detected(void **state)
{
    struct fixture *f = *state;

    some_writes(f);
    tamper(f, "UPDATE audit SET actor = 'mallory' WHERE id = 4");
    expect_broken_at(f, 4);
}

static void
test_edited_after_detected(void **state)
{
    struct fixture *f = *state;

    some_writes(f);
    /* Still valid JSON, still the same length: only the hash can tell. */
    tamper(f, "UPDATE audit SET after = json_set(after, '$.state', 'draft')"
              " WHERE id = (SELECT max(id) FROM audit WHERE action = 'state')");
    expect_broken_at(f, fixture_count(f, "SELECT max(id) FROM audit"
                                         " WHERE action = 'state'"));
}

static void
test_edited_time_detected(void **state)
{
    struct fixture *f = *state;

    some_writes(f);
    tamper(f, "UPDATE audit SET at = '2020-01-01T00:00:00.000Z'"
              " WHERE id = 2");
    expect_broken_at(f, 2);
}

/* Rewriting a row's hash to match its new content still breaks the link
 * of the row after it. */
static void
test_rehashed_row_detected(void **state)
{
    struct fixture *f = *state;

    some_writes(f);
    tamper(f, "UPDATE audit SET hash = (SELECT hash FROM audit WHERE id = 5)"
              " WHERE id = 3");
    expect_broken_at(f, 3);
}

static void
test_deleted_row_detected(void **state)
{
    struct fixture *f = *state;

    some_writes(f);
    tamper(f, "DELETE FROM audit WHERE id = 3");
    expect_broken_at(f, 3);
}

static void
test_deleted_rows_renumbered_detected(void **state)
{
    struct fixture *f = *state;

    some_writes(f);
    /* Close the gap as a careful forger would: the ids follow again, but
     * the chain of hashes does not. */
    tamper(f, "DELETE FROM audit WHERE id = 3;"
              "UPDATE audit SET id = id - 1 WHERE id > 3");
    expect_broken_at(f, 3);
}

/* ---------------------------------------------------------------- keyed */

struct findings {
    int n;
    enum cs_audit_problem kind[32];
    char tbl[32][24];
    int64_t row[32];
    char text[32][320];
};

static void
finding_cb(const struct cs_audit_finding *x, void *arg)
{
    struct findings *fs = arg;

    if (fs->n < 32) {
        fs->kind[fs->n] = x->kind;
        snprintf(fs->tbl[fs->n], sizeof fs->tbl[0], "%s",
                 x->tbl ? x->tbl : "");
        fs->row[fs->n] = x->row_id;
        snprintf(fs->text[fs->n], sizeof fs->text[0], "%s", x->text);
    }
    fs->n++;
}

/* The findings include (kind, tbl, row). */
static bool
has_finding(const struct findings *fs, enum cs_audit_problem kind,
            const char *tbl, int64_t row)
{
    for (int i = 0; i < fs->n && i < 32; i++)
        if (fs->kind[i] == kind && strcmp(fs->tbl[i], tbl) == 0
            && fs->row[i] == row)
            return true;
    return false;
}

static void
reopen(struct fixture *f)
{
    cs_db_close(f->db);
    f->db = fixture_open_as(f, "alice");
}

/* A raw edit of the data (not the journal), as the sqlite3 shell makes. */
static void
raw_edit(struct fixture *f, const char *sql)
{
    sqlite3 *s = raw_open(f);

    raw_exec(s, sql);
    sqlite3_close(s);
}

static void
test_keyed_from_first_row(void **state)
{
    struct fixture *f = *state;
    struct cs_audit_report rep;
    struct findings fs = { 0 };
    struct cs_error err;
    char key[600];
    struct stat sb;

    some_writes(f);
    snprintf(key, sizeof key, "%s.key", f->path);
    assert_int_equal(stat(key, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(sb.st_size, 65);
    /* The first row begins keying; every row is keyed. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"
                                      " WHERE id = 1 AND action = 'key'"), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"
                                      " WHERE format <> 3"), 0);
    assert_ok(cs_audit_check(f->db, NULL, &rep, finding_cb, &fs, &err));
    assert_int_equal(fs.n, 0);
    assert_int_equal(rep.keying, CS_AUDIT_KEYED);
    assert_int_equal(rep.keyed_from, 1);
    assert_int_equal(rep.unchecked, 0);
    assert_int_equal(rep.rows, fixture_audit_rows(f));
    /* Every row of the data has its digest: the users, the consultation,
     * its themes, the participant. */
    assert_int_equal(rep.data_rows,
        fixture_count(f, "SELECT (SELECT count(*) FROM user)"
                         " + (SELECT count(*) FROM consultation)"
                         " + (SELECT count(*) FROM theme)"
                         " + (SELECT count(*) FROM participant)"));
    /* The digests are keyed: no plain SHA-256 of a row is stored. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit_row"
                                      " WHERE length(digest) <> 32"), 0);
}

static void
test_check_names_rows(void **state)
{
    struct fixture *f = *state;
    struct cs_audit_report rep;
    struct findings fs = { 0 };
    struct cs_error err;
    int64_t a, b, vote;
    char sql[200];

    a = fixture_idea(f->db, f, "Des vélos de service.");
    b = fixture_idea(f->db, f, "Moins de papier.");
    {
        struct cs_person p = { .ref = "M-1" };

        assert_ok(cs_vote_add(f->db, a, &p, CS_CHANNEL_PAPER, NULL, &vote,
                              &err));
    }
    assert_ok(cs_audit_check(f->db, NULL, &rep, finding_cb, &fs, &err));
    assert_int_equal(fs.n, 0);

    snprintf(sql, sizeof sql, "UPDATE idea SET body = 'Des trottinettes.'"
                              " WHERE id = %lld", (long long)a);
    raw_edit(f, sql);
    snprintf(sql, sizeof sql, "DELETE FROM vote WHERE id = %lld",
             (long long)vote);
    raw_edit(f, sql);
    raw_edit(f, "UPDATE user SET role = 'admin' WHERE login = 'alice';"
                "INSERT INTO user(login, role, created_at, created_by)"
                " VALUES ('mallory', 'admin', 'x', 'x')");
    cs_error_clear(&err);
    assert_int_equal(cs_audit_check(f->db, NULL, &rep, finding_cb, &fs, &err),
                     CS_ECONFLICT);
    assert_true(has_finding(&fs, CS_AUDIT_ROW_CHANGED, "idea", a));
    assert_false(has_finding(&fs, CS_AUDIT_ROW_CHANGED, "idea", b));
    assert_true(has_finding(&fs, CS_AUDIT_ROW_GONE, "vote", vote));
    assert_true(has_finding(&fs, CS_AUDIT_ROW_UNKNOWN, "user",
        fixture_count(f, "SELECT id FROM user WHERE login = 'mallory'")));
    /* The vote count kept on the idea no longer matches its votes. */
    assert_true(has_finding(&fs, CS_AUDIT_DERIVED, "idea", a));
    assert_int_equal(rep.findings, fs.n);
    assert_non_null(strstr(err.msg, "problems"));
}

/* Votes, tallies, status changes, merges and tags leave digests that the
 * check finds again, counts included. */
static void
test_check_after_decisions(void **state)
{
    struct fixture *f = *state;
    struct cs_audit_report rep;
    struct findings fs = { 0 };
    struct cs_error err;
    struct cs_person p = { .ref = "M-1" }, q = { .ref = "M-2" };
    int64_t a, b, id;
    const char *tags[] = { "vélo", "flotte" };

    a = fixture_idea(f->db, f, "Des vélos de service.");
    b = fixture_idea(f->db, f, "Des vélos partagés.");
    assert_ok(cs_vote_add(f->db, a, &p, CS_CHANNEL_PAPER, NULL, &id, &err));
    assert_ok(cs_vote_add(f->db, b, &q, CS_CHANNEL_PAPER, NULL, &id, &err));
    assert_ok(cs_tally_add(f->db, a, 12, "Atelier", "2026-05-02", &id, &err));
    assert_ok(cs_idea_tag_many(f->db, a, 0, tags, 2, false, &err));
    assert_ok(cs_idea_set_status(f->db, a, 0, CS_STATUS_ACCEPTED, "Oui.",
                                 &err));
    assert_ok(cs_idea_merge(f->db, b, 0, a, &err));
    assert_ok(cs_idea_tag(f->db, a, 0, "flotte", true, &err));
    assert_ok(cs_audit_check(f->db, NULL, &rep, finding_cb, &fs, &err));
    assert_int_equal(fs.n, 0);
}

/* Without its key, the check proves what it can, and consult writes
 * nothing to a keyed journal. */
static void
test_without_the_key(void **state)
{
    struct fixture *f = *state;
    struct cs_audit_report rep;
    struct findings fs = { 0 };
    struct cs_error err;
    char key[600], kept[600];
    int64_t a;

    a = fixture_idea(f->db, f, "Des vélos de service.");
    snprintf(key, sizeof key, "%s.key", f->path);
    snprintf(kept, sizeof kept, "%s/kept.key", f->dir);
    assert_int_equal(rename(key, kept), 0);
    reopen(f);
    assert_ok(cs_audit_check(f->db, NULL, &rep, finding_cb, &fs, &err));
    assert_int_equal(rep.keying, CS_AUDIT_KEY_MISSING);
    assert_int_equal(rep.unchecked, rep.rows);
    assert_string_equal(rep.key_path, key);
    cs_error_clear(&err);
    assert_int_equal(cs_idea_set_status(f->db, a, 0, CS_STATUS_REVIEWING,
                                        NULL, &err), CS_EPERM);
    assert_non_null(strstr(err.msg, key));
    /* A row that appeared is still found; a changed one cannot be. */
    raw_edit(f, "INSERT INTO user(login, role, created_at, created_by)"
                " VALUES ('mallory', 'admin', 'x', 'x')");
    fs.n = 0;
    assert_int_equal(cs_audit_check(f->db, NULL, &rep, finding_cb, &fs, &err),
                     CS_ECONFLICT);
    assert_int_equal(fs.n, 1);
    assert_int_equal(fs.kind[0], CS_AUDIT_ROW_UNKNOWN);
    assert_int_equal(rename(kept, key), 0);
}

/* A journal begun where no key could be made is kept unkeyed, and the
 * check says so while passing it. */
static void
test_unkeyed_journal(void **state)
{
    struct fixture *f = *state;
    struct cs_open_opts o = { CS_OPEN_CREATE, 0, "alice" };
    struct cs_audit_report rep;
    struct findings fs = { 0 };
    struct cs_error err;
    struct cs_db *db = NULL;
    char path[400], key[600];

    /* A dangling link where the key would go: it cannot be created, nor
     * read. */
    snprintf(path, sizeof path, "%s/unkeyed.db", f->dir);
    snprintf(key, sizeof key, "%s.key", path);
    assert_int_equal(symlink("/nonexistent/consult.key", key), 0);
    assert_ok(cs_db_open(&db, path, &o, &err));
    assert_ok(cs_consultation_add(db, &(struct cs_consultation_new){
                                  .code = "U1", .title = "Sans clé" },
                                  NULL, &err));
    assert_ok(cs_audit_check(db, NULL, &rep, finding_cb, &fs, &err));
    assert_int_equal(rep.keying, CS_AUDIT_UNKEYED);
    assert_int_equal(rep.keyed_from, 0);
    assert_true(rep.data_rows >= 2);
    cs_db_close(db);
    {
        sqlite3 *s = NULL;

        assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
        raw_exec(s, "UPDATE consultation SET title = 'Autre'");
        sqlite3_close(s);
    }
    assert_ok(cs_db_open(&db, path, &o, &err));
    fs.n = 0;
    cs_error_clear(&err);
    assert_int_equal(cs_audit_check(db, NULL, &rep, finding_cb, &fs, &err),
                     CS_ECONFLICT);
    assert_true(has_finding(&fs, CS_AUDIT_ROW_CHANGED, "consultation", 1));
    cs_db_close(db);
}

static void
test_anchor(void **state)
{
    struct fixture *f = *state;
    struct cs_audit_report rep;
    struct cs_audit_head h, back;
    struct findings fs = { 0 };
    struct cs_error err;
    char path[600];

    some_writes(f);
    snprintf(path, sizeof path, "%s/anchor", f->dir);
    assert_ok(cs_audit_anchor_write(f->db, path, &h, &err));
    assert_int_equal(h.id, fixture_audit_rows(f));
    assert_ok(cs_audit_anchor_read(path, &back, &err));
    assert_int_equal(back.id, h.id);
    assert_string_equal(back.hash, h.hash);
    assert_ok(cs_audit_check(f->db, &back, &rep, finding_cb, &fs, &err));
    /* Later rows do not matter. */
    fixture_idea(f->db, f, "Une idée de plus.");
    assert_ok(cs_audit_check(f->db, &back, &rep, finding_cb, &fs, &err));
    /* A rewritten anchor row does. */
    tamper(f, "UPDATE audit SET hash = 'x' WHERE id = 3");
    back.id = 3;
    cs_error_clear(&err);
    assert_int_equal(cs_audit_check(f->db, &back, &rep, finding_cb, &fs,
                                    &err), CS_ECONFLICT);
    assert_true(has_finding(&fs, CS_AUDIT_ANCHOR, "", 0));
    /* Not an anchor. */
    cs_error_clear(&err);
    assert_int_equal(cs_audit_anchor_read(f->path, &back, &err), CS_EINVAL);
}

/* ---------------------------------------------------------------- listing */

struct collect {
    int n;
    int64_t ids[256];
    char actors[256][16];
    int stop_after;         /* 0: never */
};

static int
collect_cb(const struct cs_audit_entry *e, void *arg)
{
    struct collect *c = arg;

    if (c->n < 256) {
        c->ids[c->n] = e->id;
        snprintf(c->actors[c->n], sizeof c->actors[c->n], "%s", e->actor);
    }
    c->n++;
    assert_non_null(e->at);
    assert_non_null(e->action);
    assert_non_null(e->tbl);
    assert_int_equal(strlen(e->hash), 64);
    return c->stop_after && c->n >= c->stop_after;
}

static void
test_list_all_and_stop(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct collect c = { 0 };

    some_writes(f);
    assert_ok(cs_audit_list(f->db, NULL, collect_cb, &c, &err));
    assert_int_equal(c.n, fixture_count(f, "SELECT count(*) FROM audit"));
    for (int i = 1; i < c.n; i++)
        assert_true(c.ids[i] > c.ids[i - 1]);       /* oldest first */

    memset(&c, 0, sizeof c);
    c.stop_after = 2;
    assert_ok(cs_audit_list(f->db, NULL, collect_cb, &c, &err));
    assert_int_equal(c.n, 2);
}

static void
test_list_by_actor(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *bob;
    struct cs_person p = { .name = "Aïcha Benali", .service = "Crèche" };
    struct cs_audit_filter flt = { .actor = "bob" };
    struct collect c = { 0 };
    int64_t pid;

    some_writes(f);
    bob = fixture_open_as(f, "bob");
    assert_ok(cs_participant_resolve(bob, &p, &pid, NULL, &err));
    fixture_idea(bob, f, "Des horaires flottants pour les équipes du matin.");
    cs_db_close(bob);

    assert_ok(cs_audit_list(f->db, &flt, collect_cb, &c, &err));
    assert_int_equal(c.n, fixture_count(f, "SELECT count(*) FROM audit"
                                           " WHERE actor = 'bob'"));
    assert_true(c.n >= 2);
    for (int i = 0; i < c.n; i++)
        assert_string_equal(c.actors[i], "bob");

    flt.actor = "nobody";
    memset(&c, 0, sizeof c);
    assert_ok(cs_audit_list(f->db, &flt, collect_cb, &c, &err));
    assert_int_equal(c.n, 0);
}

static void
test_list_by_idea(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_person voter = { .ref = "M-2002", .name = "Luc Martin" };
    struct cs_audit_filter flt = { 0 };
    struct collect c = { 0 };
    int64_t a, b, vote, tally, comment;

    a = fixture_idea(f->db, f, "Un parking vélo couvert à l'hôtel de ville.");
    b = fixture_idea(f->db, f, "Des fontaines à eau dans chaque bâtiment.");
    assert_ok(cs_vote_add(f->db, a, &voter, CS_CHANNEL_PAPER, NULL, &vote,
                          &err));
    assert_ok(cs_tally_add(f->db, a, 12, "Atelier Marchienne", NULL, &tally,
                           &err));
    assert_ok(cs_comment_add(f->db, a, &voter, "Oui, et des prises pour "
                             "les vélos électriques.", &comment, &err));
    assert_ok(cs_vote_add(f->db, b, &voter, CS_CHANNEL_PAPER, NULL, NULL,
                          &err));

    flt.idea_id = a;
    assert_ok(cs_audit_list(f->db, &flt, collect_cb, &c, &err));
    /* The idea itself, its vote, its tally and its comment. */
    assert_int_equal(c.n, fixture_count(f, "SELECT count(*) FROM audit"
                     " WHERE idea_id = (SELECT min(id) FROM idea)"));
    assert_true(c.n >= 4);
    assert_int_equal(fixture_count(f, "SELECT count(DISTINCT tbl) FROM audit"
                     " WHERE idea_id = (SELECT min(id) FROM idea)"
                     " AND tbl IN ('idea', 'vote', 'tally', 'comment')"), 4);

    flt.idea_id = b;
    memset(&c, 0, sizeof c);
    assert_ok(cs_audit_list(f->db, &flt, collect_cb, &c, &err));
    assert_int_equal(c.n, fixture_count(f, "SELECT count(*) FROM audit"
                     " WHERE idea_id = (SELECT max(id) FROM idea)"));
    assert_int_equal(fixture_count(f, "SELECT count(DISTINCT tbl) FROM audit"
                     " WHERE idea_id = (SELECT max(id) FROM idea)"
                     " AND tbl IN ('idea', 'vote', 'tally', 'comment')"), 2);
    (void)vote;
    (void)tally;
    (void)comment;
}

static void
sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    nanosleep(&ts, NULL);
}

static void
test_list_since(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_audit_filter flt = { 0 };
    struct collect c = { 0 };
    sqlite3 *s;
    char *first_later, since[40];
    long long later;

    some_writes(f);
    /* The rows written after the pause fall in a later second. */
    sleep_ms(1100);
    assert_ok(cs_user_add(f->db, "carol", CS_ROLE_VIEWER, &err));
    assert_ok(cs_theme_add(f->db, f->cons_id, "MOD", "Modernisation", 0,
                           NULL, &err));
    later = 2;

    s = raw_open(f);
    first_later = raw_text(s, "SELECT at FROM audit WHERE tbl = 'user'"
                              " AND row_id = (SELECT id FROM user"
                              " WHERE login = 'carol')");
    sqlite3_close(s);

    /* That second, as a person types it: whole seconds, UTC. The rows
     * written within it (at some milliseconds past) belong to it. */
    snprintf(since, sizeof since, "%.19sZ", first_later);
    flt.since = since;
    assert_ok(cs_audit_list(f->db, &flt, collect_cb, &c, &err));
    assert_int_equal(c.n, later);

    /* The same instant written with a zone. */
    {
        struct tm tm = { 0 };
        time_t t;
        char local[40];

        sscanf(first_later, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year,
               &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec);
        tm.tm_year -= 1900;
        tm.tm_mon -= 1;
        t = timegm(&tm) + 3600;
        gmtime_r(&t, &tm);
        strftime(local, sizeof local, "%Y-%m-%d %H:%M:%S +01:00", &tm);
        flt.since = local;
        memset(&c, 0, sizeof c);
        assert_ok(cs_audit_list(f->db, &flt, collect_cb, &c, &err));
        assert_int_equal(c.n, later);
    }

    /* A day: everything written today (and since). */
    snprintf(since, sizeof since, "%.10s", first_later);
    flt.since = since;
    memset(&c, 0, sizeof c);
    assert_ok(cs_audit_list(f->db, &flt, collect_cb, &c, &err));
    assert_true(c.n > later);

    flt.since = "2999-01-01";
    memset(&c, 0, sizeof c);
    assert_ok(cs_audit_list(f->db, &flt, collect_cb, &c, &err));
    assert_int_equal(c.n, 0);

    flt.since = "yesterday";
    assert_int_equal(cs_audit_list(f->db, &flt, collect_cb, &c, &err),
                     CS_EINVAL);
    free(first_later);
}

static void
test_roles(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *carol, *nobody;
    struct collect c = { 0 };

    assert_ok(cs_user_add(f->db, "carol", CS_ROLE_VIEWER, &err));
    carol = fixture_open_as(f, "carol");
    nobody = fixture_open_as(f, "nobody");
    assert_ok(cs_audit_list(carol, NULL, collect_cb, &c, &err));
    assert_true(c.n > 0);
    assert_ok(cs_audit_verify(carol, NULL, NULL, NULL, &err));
    assert_int_equal(cs_audit_list(nobody, NULL, collect_cb, &c, &err),
                     CS_EPERM);
    assert_int_equal(cs_audit_verify(nobody, NULL, NULL, NULL, &err),
                     CS_EPERM);
    cs_db_close(carol);
    cs_db_close(nobody);
}

/* ---------------------------------------------------------------- privacy */

static void
test_no_personal_data(void **state)
{
    static const char *const personal[] = {
        "Élodie", "Dupont", "DUPONT", "M-4711", "elodie.dupont", "example.be",
        "Rue des Tilleuls", "6030",
    };
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_person p = {
        .ref = "M-4711", .name = "Élodie Dupont", .service = "Travaux",
        .postal = "Rue des Tilleuls 8, 6030 Marchienne",
    };
    struct cs_person again = {
        .ref = "M-4711", .email = "elodie.dupont@example.be", .consent = true,
    };
    int64_t id, id2, idea;
    char sql[400];

    assert_ok(cs_participant_resolve(f->db, &p, &id, NULL, &err));
    /* Found again by reference, with the email the first form lacked. */
    assert_ok(cs_participant_resolve(f->db, &again, &id2, NULL, &err));
    assert_int_equal(id2, id);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                     " WHERE email = 'elodie.dupont@example.be'"), 1);
    {
        struct cs_idea_new in = {
            .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
            .kind = CS_KIND_IDEA, .channel = CS_CHANNEL_PAPER,
            .body = "Une navette entre la gare et le dépôt.",
            .author = &p,
        };
        assert_ok(cs_idea_add(f->db, &in, &idea, &err));
    }
    assert_ok(cs_participant_anonymise(f->db, id, &err));

    for (size_t i = 0; i < sizeof personal / sizeof personal[0]; i++) {
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM audit WHERE instr(coalesce(before, '')"
                 " || coalesce(after, '') || actor || action || tbl, '%s')"
                 " > 0", personal[i]);
        if (fixture_count(f, sql) != 0)
            fail_msg("the journal holds \"%s\"", personal[i]);
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM participant WHERE instr(coalesce(ref,"
                 " '') || coalesce(name, '') || coalesce(email, '') ||"
                 " coalesce(postal, '') || coalesce(name_key, ''), '%s') > 0",
                 personal[i]);
        if (fixture_count(f, sql) != 0)
            fail_msg("the participant still holds \"%s\"", personal[i]);
    }
    /* The journal says what happened, without the values. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                     " tbl = 'participant' AND action = 'anonymise'"), 1);
    /* The idea stays, still attributed to the (now anonymous) participant. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
                     " WHERE author_id IS NOT NULL"), 1);
    assert_ok(cs_audit_verify(f->db, NULL, NULL, NULL, &err));
}

/* The SHA-256 of `len` bytes, in hex. */
static void
sha_hex(const void *data, size_t len, char out[65])
{
    struct sha256_ctx c;
    uint8_t d[SHA256_DIGEST_SIZE];

    sha256_init(&c);
    sha256_update(&c, len, data);
    sha256_digest(&c, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

/* The first column of `sql` on consult's own connection, as lower hex. */
static void
digest_of(struct fixture *f, const char *sql, char out[65])
{
    sqlite3_stmt *st = NULL;
    const uint8_t *b;

    if (sqlite3_prepare_v2(f->db->sql, sql, -1, &st, NULL) != SQLITE_OK
        || sqlite3_step(st) != SQLITE_ROW)
        fail_msg("%s: %s", sql, sqlite3_errmsg(f->db->sql));
    assert_int_equal(sqlite3_column_bytes(st, 0), SHA256_DIGEST_SIZE);
    b = sqlite3_column_blob(st, 0);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        sprintf(out + 2 * i, "%02x", b[i]);
    sqlite3_finalize(st);
}

/* The digests kept in every database are made of exactly these bytes:
 * a change would make `audit verify` name every row of every database
 * written before it. Each is computed here from its documented layout
 * (audit.c, schema.c's version 8). */
static void
test_digest_layout(void **state)
{
    struct fixture *f = *state;
    char want[65], got[65], big[1200], *bytes;
    static const char row[] = "row\ni1\ni-9223372036854775808\nt3:abc\n"
                              "b2:\0\xff\nn\nf2.5\nt0:\ni1234567890123\n";
    static const char rows[] = "rows\nr\ni1\nt1:x\nr\ni2\nn\n";
    struct audit_rows_hash rh;
    uint8_t d[SHA256_DIGEST_SIZE];
    size_t n;

    audit_digest_keyed(f->db, false);
    sha_hex(row, sizeof row - 1, want);
    digest_of(f, "SELECT consult_digest(1, -9223372036854775808, 'abc',"
                 " x'00ff', NULL, 2.5, '', 1234567890123)", got);
    assert_string_equal(got, want);

    sha_hex(rows, sizeof rows - 1, want);
    digest_of(f, "SELECT consult_digest_rows(a, b) FROM (SELECT 1 AS a,"
                 " 'x' AS b UNION ALL SELECT 2, NULL)", got);
    assert_string_equal(got, want);

    /* A text longer than any buffer on the way. */
    memset(big, 'q', sizeof big);
    n = (size_t)snprintf(big, sizeof big, "row\nt1000:");
    memset(big + n, 'q', 1000);
    big[n + 1000] = '\n';
    sha_hex(big, n + 1001, want);
    digest_of(f, "SELECT consult_digest(printf('%.1000c', 'q'))", got);
    assert_string_equal(got, want);

    /* A journal row's entries: table, row, digest, each as a field. */
    for (size_t i = 0; i < sizeof d; i++)
        d[i] = (uint8_t)(i * 7 + 1);
    audit_rows_hash_init(&rh);
    audit_rows_hash_add(&rh, "idea", 42, d, sizeof d);
    audit_rows_hash_add(&rh, "vote", -7, NULL, 0);
    audit_rows_hash_end(&rh, got);
    bytes = malloc(256);
    assert_non_null(bytes);
    n = (size_t)sprintf(bytes, "4:idea\n2:42\n64:");
    for (size_t i = 0; i < sizeof d; i++)
        n += (size_t)sprintf(bytes + n, "%02x", d[i]);
    n += (size_t)sprintf(bytes + n, "\n4:vote\n2:-7\n-\n");
    sha_hex(bytes, n, want);
    free(bytes);
    assert_string_equal(got, want);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_cons, \
                                              fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_sqlite_refuses_changes),
        T(test_verify_fresh),
        T(test_edited_actor_detected),
        T(test_edited_after_detected),
        T(test_edited_time_detected),
        T(test_rehashed_row_detected),
        T(test_deleted_row_detected),
        T(test_deleted_rows_renumbered_detected),
        T(test_list_all_and_stop),
        T(test_list_by_actor),
        T(test_list_by_idea),
        T(test_list_since),
        T(test_roles),
        T(test_no_personal_data),
        T(test_keyed_from_first_row),
        T(test_check_names_rows),
        T(test_check_after_decisions),
        T(test_without_the_key),
        T(test_unkeyed_journal),
        T(test_anchor),
        T(test_digest_layout),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
