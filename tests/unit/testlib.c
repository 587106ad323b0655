/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * testlib.c: fixtures shared by the unit tests (see testlib.h).
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

int
fixture_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct cs_open_opts o = { CS_OPEN_CREATE, 0, "alice" };
    struct cs_error err;
    const char *tmp = getenv("TMPDIR");

    if (f == NULL)
        return -1;
    snprintf(f->dir, sizeof f->dir, "%s/consult-test-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/test.db", f->dir);
    if (cs_db_open(&f->db, f->path, &o, &err) != CS_OK) {
        fprintf(stderr, "fixture: %s\n", err.msg);
        return -1;
    }
    *state = f;
    return 0;
}

int
fixture_setup_cons(void **state)
{
    struct fixture *f;
    struct cs_error err;
    struct cs_consultation_new c = {
        .code = "AG21", .title = "Consultation des agents 2021",
        .kind = CS_CONS_IDEAS, .audience = CS_AUDIENCE_AGENTS,
        .state = CS_STATE_OPEN,
    };

    if (fixture_setup(state) != 0)
        return -1;
    f = *state;
    if (cs_consultation_add(f->db, &c, &f->cons_id, &err) != CS_OK
        || cs_theme_add(f->db, f->cons_id, "MOB", "Mobilité", 0,
                        &f->theme_id[0], &err) != CS_OK
        || cs_theme_add(f->db, f->cons_id, "ENV", "Environnement", 0,
                        &f->theme_id[1], &err) != CS_OK) {
        fprintf(stderr, "fixture: %s\n", err.msg);
        return -1;
    }
    return 0;
}

int
fixture_teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[600];

    if (f == NULL)
        return 0;
    cs_db_close(f->db);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "fixture: could not remove %s\n", f->dir);
    free(f);
    return 0;
}

struct cs_db *
fixture_open_as(struct fixture *f, const char *login)
{
    struct cs_open_opts o = { 0, 0, login };
    struct cs_db *db = NULL;
    struct cs_error err;

    if (cs_db_open(&db, f->path, &o, &err) != CS_OK)
        fail_msg("open as %s: %s", login, err.msg);
    return db;
}

int64_t
fixture_idea(struct cs_db *db, struct fixture *f, const char *body)
{
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
        .kind = CS_KIND_IDEA, .body = body, .channel = CS_CHANNEL_PAPER,
    };
    struct cs_error err;
    int64_t id = 0;

    if (cs_idea_add(db, &in, &id, &err) != CS_OK)
        fail_msg("idea add: %s", err.msg);
    return id;
}

long long
fixture_count(struct fixture *f, const char *sql)
{
    sqlite3 *s = NULL;
    sqlite3_stmt *st = NULL;
    long long n = -1;

    if (sqlite3_open_v2(f->path, &s, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
        && sqlite3_prepare_v2(s, sql, -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(s);
    if (n < 0)
        fail_msg("count failed: %s", sql);
    return n;
}

int64_t
fixture_import(struct fixture *f, enum cs_import_kind kind, const char *name,
               const char *text)
{
    struct cs_import_report rep;
    struct cs_error err;
    char path[400];
    FILE *fp;
    int64_t batch;

    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    assert_non_null(fp = fopen(path, "wb"));
    assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
    assert_int_equal(fclose(fp), 0);
    cs_import_report_init(&rep);
    assert_ok(cs_import_file(f->db, kind, path, NULL, &rep, &err));
    assert_int_equal(rep.rejected, 0);
    batch = rep.batch_id;
    cs_import_report_clear(&rep);
    return batch;
}

long long
fixture_audit_rows(struct fixture *f)
{
    return fixture_count(f, "SELECT count(*) FROM audit");
}

long long
fixture_count_drift(struct fixture *f)
{
    return fixture_count(f, "SELECT count(*) FROM ("
        " SELECT theme_id, kind, status, channel, count(*), sum(votes),"
        "  sum(tallies) FROM idea GROUP BY 1, 2, 3, 4"
        " EXCEPT SELECT theme_id, kind, status, channel, ideas, votes,"
        "  tallies FROM idea_count)")
         + fixture_count(f, "SELECT count(*) FROM ("
        " SELECT theme_id, kind, status, channel, ideas, votes, tallies"
        "  FROM idea_count EXCEPT"
        " SELECT theme_id, kind, status, channel, count(*), sum(votes),"
        "  sum(tallies) FROM idea GROUP BY 1, 2, 3, 4)")
         + fixture_people_drift(f);
}

/* Who took part where, counted from the ideas, votes and comments. */
#define PEOPLE_NOW \
    " SELECT person, cons, count(*) FROM (" \
    "  SELECT author_id AS person, consultation_id AS cons FROM idea" \
    "  WHERE author_id IS NOT NULL" \
    "  UNION ALL SELECT v.participant_id, i.consultation_id FROM vote v" \
    "  JOIN idea i ON i.id = v.idea_id" \
    "  UNION ALL SELECT m.participant_id, i.consultation_id FROM comment m" \
    "  JOIN idea i ON i.id = m.idea_id WHERE m.participant_id IS NOT NULL)" \
    " GROUP BY 1, 2"
/* Per consultation: people, people without email, comments shown, counted
 * now; consultations with none of them left out. */
#define CONSULTATIONS_NOW \
    " SELECT * FROM (SELECT c.id," \
    "  (SELECT count(DISTINCT person) FROM (" PEOPLE_NOW ")" \
    "   WHERE cons = c.id)" \
    "  AS people," \
    "  (SELECT count(DISTINCT person) FROM (" PEOPLE_NOW ") n" \
    "   JOIN participant q ON q.id = n.person" \
    "   WHERE n.cons = c.id AND q.email IS NULL) AS bare," \
    "  (SELECT count(*) FROM comment m JOIN idea i ON i.id = m.idea_id" \
    "   WHERE i.consultation_id = c.id AND m.hidden = 0) AS shown" \
    "  FROM consultation c) WHERE people + bare + shown > 0"

long long
fixture_people_drift(struct fixture *f)
{
    return fixture_count(f, "SELECT count(*) FROM (" PEOPLE_NOW
        " EXCEPT SELECT participant_id, consultation_id, contributions"
        "  FROM participation)")
         + fixture_count(f, "SELECT count(*) FROM ("
        " SELECT participant_id, consultation_id, contributions"
        "  FROM participation EXCEPT " PEOPLE_NOW ")")
         + fixture_count(f, "SELECT count(*) FROM (" CONSULTATIONS_NOW
        " EXCEPT SELECT consultation_id, participants, without_email,"
        "  comments FROM consultation_count"
        "  WHERE participants + without_email + comments > 0)")
         + fixture_count(f, "SELECT count(*) FROM ("
        " SELECT consultation_id, participants, without_email, comments"
        "  FROM consultation_count"
        "  WHERE participants + without_email + comments > 0"
        " EXCEPT " CONSULTATIONS_NOW ")");
}

void
fixture_assert_audit(struct fixture *f, long long before, const char *action,
                     const char *tbl, int64_t idea_id)
{
    char sql[300];

    assert_int_equal(fixture_audit_rows(f), before + 1);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM audit WHERE id = (SELECT max(id) FROM"
             " audit) AND action = '%s' AND tbl = '%s' AND idea_id = %lld",
             action, tbl, (long long)idea_id);
    if (fixture_count(f, sql) != 1)
        fail_msg("last audit row is not %s/%s/%lld", action, tbl,
                 (long long)idea_id);
}

int64_t
fixture_idea_by(struct fixture *f, const struct cs_person *who,
                const char *body)
{
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
        .kind = CS_KIND_IDEA, .body = body, .channel = CS_CHANNEL_PAPER,
        .author = who,
    };
    struct cs_error err;
    int64_t id = 0;

    assert_ok(cs_idea_add(f->db, &in, &id, &err));
    return id;
}
