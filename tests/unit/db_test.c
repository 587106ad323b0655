/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * db_test.c: opening, creating and migrating a database (db.c): file
 * modes, pragmas, the schema marks, the first admin, and the files it must
 * refuse without touching them.
 */
#include "testlib.h"

#include "consult/letters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "audit_priv.h"
#include "dbpriv.h"
#include "schema.h"

static void
path_in(const struct fixture *f, const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", f->dir, name);
}

static bool
exists(const char *path)
{
    struct stat sb;

    return stat(path, &sb) == 0;
}

static unsigned
mode_of(const char *path)
{
    struct stat sb;

    if (stat(path, &sb) != 0)
        fail_msg("stat %s failed", path);
    return (unsigned)(sb.st_mode & 07777);
}

/* The whole file, for before/after comparisons; the caller frees it. */
static unsigned char *
slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *buf = NULL;
    long n = 0;

    if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0)
        fail_msg("cannot read %s", path);
    rewind(fp);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    if (fread(buf, 1, (size_t)n, fp) != (size_t)n)
        fail_msg("short read on %s", path);
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

static void
write_file(const char *path, const void *data, size_t len)
{
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

/* Run `sql` on `path` through a plain SQLite connection. */
static void
raw_exec(const char *path, const char *sql)
{
    sqlite3 *s = NULL;
    char *msg = NULL;

    assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
    if (sqlite3_exec(s, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
    sqlite3_close(s);
}

/* The result code of `sql` run on the file, without failing the test. */
static int
raw_exec_rc(const char *path, const char *sql)
{
    sqlite3 *s = NULL;
    int rc;

    assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
    rc = sqlite3_exec(s, sql, NULL, NULL, NULL);
    sqlite3_close(s);
    return rc;
}

static long long
raw_int(const char *path, const char *sql)
{
    sqlite3 *s = NULL;
    sqlite3_stmt *st = NULL;
    long long v = -1;

    assert_int_equal(sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    if (sqlite3_prepare_v2(s, sql, -1, &st, NULL) != SQLITE_OK
        || sqlite3_step(st) != SQLITE_ROW)
        fail_msg("%s: %s", sql, sqlite3_errmsg(s));
    v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(s);
    return v;
}

static long long
handle_int(struct cs_db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v;

    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK
        || sqlite3_step(st) != SQLITE_ROW)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db->sql));
    v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static enum cs_rc
open_as(struct cs_db **db, const char *path, unsigned flags,
        const char *login, struct cs_error *err)
{
    struct cs_open_opts o = { flags, 0, login };

    *db = NULL;
    return cs_db_open(db, path, &o, err);
}

/* ---------------------------------------------------------------- creation */

static void
check_created_mode(struct fixture *f, const char *name, mode_t umask_value,
                   unsigned flags, unsigned want)
{
    struct cs_error err;
    struct cs_db *db = NULL;
    char path[320], wal[330];
    mode_t old;

    path_in(f, name, path, sizeof path);
    snprintf(wal, sizeof wal, "%s-wal", path);
    old = umask(umask_value);
    assert_ok(open_as(&db, path, CS_OPEN_CREATE | flags, "alice", &err));
    umask(old);
    if (mode_of(path) != want)
        fail_msg("%s: mode %o under umask %03o, want %o", name,
                 mode_of(path), (unsigned)umask_value, want);
    /* SQLite gives the journal the database's mode: check it too, since
     * it holds the same data. */
    if (exists(wal) && mode_of(wal) != want)
        fail_msg("%s-wal: mode %o, want %o", name, mode_of(wal), want);
    cs_db_close(db);
}

static void
test_create_mode(void **state)
{
    struct fixture *f = *state;

    check_created_mode(f, "a.db", 0, 0, 0600);
    check_created_mode(f, "b.db", 022, 0, 0600);
    check_created_mode(f, "c.db", 0277, 0, 0600);
    check_created_mode(f, "d.db", 0, CS_OPEN_SHARED, 0660);
    check_created_mode(f, "e.db", 077, CS_OPEN_SHARED, 0660);
    check_created_mode(f, "g.db", 0777, CS_OPEN_SHARED, 0660);
}

static void
test_pragmas(void **state)
{
    struct fixture *f = *state;
    char mode[16] = "";
    sqlite3 *s = NULL;
    sqlite3_stmt *st = NULL;

    assert_int_equal(handle_int(f->db, "PRAGMA foreign_keys"), 1);
    assert_true(handle_int(f->db, "PRAGMA busy_timeout") > 0);
    /* journal_mode is stored in the file: a plain connection sees it. */
    assert_int_equal(sqlite3_open(f->path, &s), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(s, "PRAGMA journal_mode", -1, &st,
                                        NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(mode, sizeof mode, "%s", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(s);
    assert_string_equal(mode, "wal");
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
                     CS_SCHEMA_VERSION);
    assert_int_equal(raw_int(f->path, "PRAGMA application_id"),
                     SCHEMA_APPLICATION_ID);
    assert_int_equal(cs_db_version_found(f->db), 0);
    assert_string_equal(cs_db_path(f->db), f->path);
}

static void
test_foreign_keys_enforced(void **state)
{
    struct fixture *f = *state;

    /* A theme of a consultation that does not exist. */
    assert_int_not_equal(sqlite3_exec(f->db->sql,
        "INSERT INTO theme(consultation_id, code, title, title_key, position)"
        " VALUES (999, 'X', 'X', 'x', 1)", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM theme"), 0);
}

static void
test_creator_is_admin(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *other = NULL;

    assert_int_equal(cs_db_role(f->db), CS_ROLE_ADMIN);
    assert_string_equal(cs_db_login(f->db), "alice");
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM user WHERE"
                     " login = 'alice' AND role = 'admin'"), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM user"), 1);
    /* The creation is journalled. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                     " tbl = 'user' AND action = 'add' AND actor = 'alice'"),
                     1);
    /* Opened again, the version found is current and alice still admin;
     * another login is nobody. */
    assert_ok(open_as(&other, f->path, 0, "alice", &err));
    assert_int_equal(cs_db_version_found(other), CS_SCHEMA_VERSION);
    assert_int_equal(cs_db_role(other), CS_ROLE_ADMIN);
    cs_db_close(other);
    assert_ok(open_as(&other, f->path, 0, "mallory", &err));
    assert_int_equal(cs_db_role(other), CS_ROLE_NONE);
    cs_db_close(other);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM user"), 1);
}

static void
test_empty_file_migrates(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    char path[320];

    path_in(f, "empty.db", path, sizeof path);
    write_file(path, "", 0);
    /* No CS_OPEN_CREATE: the file exists, it is merely empty. */
    assert_ok(open_as(&db, path, 0, "bob", &err));
    assert_int_equal(cs_db_role(db), CS_ROLE_ADMIN);
    assert_int_equal(cs_db_version_found(db), 0);
    cs_db_close(db);
    assert_int_equal(raw_int(path, "PRAGMA user_version"), CS_SCHEMA_VERSION);
    assert_int_equal(raw_int(path, "PRAGMA application_id"),
                     SCHEMA_APPLICATION_ID);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM user WHERE"
                             " login = 'bob' AND role = 'admin'"), 1);
}

/* ---------------------------------------------------------------- refusals */

static void
test_text_file_refused(void **state)
{
    static const char text[] =
        "titre;thème;texte\n"
        "Vélos;MOB;Un abri sécurisé pour les vélos du personnel.\n";
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    unsigned char *after;
    size_t len;
    char path[320];

    path_in(f, "ideas.csv", path, sizeof path);
    write_file(path, text, sizeof text - 1);
    assert_int_equal(open_as(&db, path, CS_OPEN_CREATE, "alice", &err),
                     CS_ENOTDB);
    assert_null(db);
    assert_true(err.msg[0] != '\0');
    after = slurp(path, &len);
    assert_int_equal(len, sizeof text - 1);
    assert_memory_equal(after, text, len);
    free(after);
}

static void
test_foreign_sqlite_refused(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    unsigned char *before, *after;
    size_t blen, alen;
    char path[320], wal[330];

    path_in(f, "other.sqlite", path, sizeof path);
    raw_exec(path, "CREATE TABLE invoice(id INTEGER PRIMARY KEY, total REAL);"
                   "INSERT INTO invoice(total) VALUES (12.5), (99);");
    before = slurp(path, &blen);
    assert_int_equal(open_as(&db, path, CS_OPEN_CREATE, "alice", &err),
                     CS_ENOTDB);
    assert_null(db);
    assert_non_null(strstr(err.msg, path));
    after = slurp(path, &alen);
    assert_int_equal(alen, blen);
    assert_memory_equal(after, before, blen);
    free(before);
    free(after);
    snprintf(wal, sizeof wal, "%s-wal", path);
    assert_false(exists(wal));
    assert_int_equal(raw_int(path, "PRAGMA user_version"), 0);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM invoice"), 2);
}

/* What version 14 added: a consultation's retention. */
#define DROP_V14 "ALTER TABLE consultation DROP COLUMN retention_months;"

/* What version 13 changed: the user table allows the coordinator. */
#define DROP_V13 DROP_V14 \
    "CREATE TABLE user_v12 (id INTEGER PRIMARY KEY," \
    "  login TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 64)," \
    "  role TEXT NOT NULL CHECK (role IN ('admin','agent','viewer'))," \
    "  created_at TEXT NOT NULL, created_by TEXT NOT NULL) STRICT;" \
    "INSERT INTO user_v12 SELECT * FROM user;" \
    "DROP TABLE user; ALTER TABLE user_v12 RENAME TO user;"

/* What version 12 added: the database's id. */
#define DROP_V12 DROP_V13 "DELETE FROM meta WHERE key = 'database_id';"

/* What version 11 added: a comment's channel, reference and parent. */
#define DROP_V11 DROP_V12 \
    "DROP INDEX comment_by_form_ref; DROP INDEX comment_by_parent;" \
    "ALTER TABLE comment DROP COLUMN parent_id;" \
    "ALTER TABLE comment DROP COLUMN form_ref;" \
    "ALTER TABLE comment DROP COLUMN channel;"

/* What version 10 added: the letters' settings and the answered log. */
#define DROP_V10 DROP_V11 \
    "DROP TABLE answer_sent; DROP TABLE letter_setting;"

/* What version 9 added: retired themes. */
#define DROP_V9 DROP_V10 \
    "ALTER TABLE theme DROP COLUMN retired; DROP INDEX idea_by_text;"

/* What version 8 added: the journal's digests of the data and the form
 * of each row's hash. */
#define DROP_V8 DROP_V9 \
    "DROP TRIGGER audit_row_no_update; DROP TRIGGER audit_row_no_delete;" \
    "DROP TABLE audit_row;" \
    "ALTER TABLE audit DROP COLUMN format;" \
    "ALTER TABLE audit DROP COLUMN rows_hash;"

/* What version 7 added: the extra columns of imported files, the points
 * of a vote, the notes of an import batch. */
#define DROP_V7 DROP_V8 \
    "DROP TABLE idea_extra; DROP TABLE import_note;" \
    "ALTER TABLE vote DROP COLUMN points;"

/* What version 6 added: committee sessions and held answers. */
#define DROP_V6 DROP_V7 \
    "DROP TABLE session_attendee; DROP TABLE agenda_item;" \
    "DROP TABLE committee_session; DROP INDEX idea_answer_by_session;" \
    "ALTER TABLE idea_answer DROP COLUMN session_id;" \
    "ALTER TABLE idea_answer DROP COLUMN published_by;" \
    "ALTER TABLE idea_answer DROP COLUMN published_at;" \
    "ALTER TABLE consultation DROP COLUMN hold_answers;"

/* What version 5 added: paper batches, double entry, phone numbers, and
 * tallies by session (the tally table as it was). */
#define DROP_V5 DROP_V6 \
    "DROP TABLE paper_entry; DROP INDEX idea_by_paper_batch;" \
    "ALTER TABLE idea DROP COLUMN paper_batch_id;" \
    "ALTER TABLE idea DROP COLUMN entry_check; DROP TABLE paper_batch;" \
    "ALTER TABLE participant DROP COLUMN phone;" \
    "CREATE TABLE tally_v4 (id INTEGER PRIMARY KEY," \
    "  idea_id INTEGER NOT NULL REFERENCES idea(id)," \
    "  count INTEGER NOT NULL CHECK (count >= 0)," \
    "  source TEXT NOT NULL CHECK (length(source) > 0)," \
    "  source_key TEXT NOT NULL, counted_at TEXT NOT NULL," \
    "  batch_id INTEGER REFERENCES import_batch(id)," \
    "  entered_at TEXT NOT NULL, entered_by TEXT NOT NULL," \
    "  UNIQUE (idea_id, source_key)) STRICT;" \
    "INSERT INTO tally_v4 SELECT id, idea_id, count, source, source_key," \
    "  counted_at, batch_id, entered_at, entered_by FROM tally;" \
    "DROP TABLE tally; ALTER TABLE tally_v4 RENAME TO tally;"

/* What version 4 added: the kept figures of who took part. */
#define DROP_V4 DROP_V5 \
    "DROP TRIGGER participation_ai; DROP TRIGGER participation_ad;" \
    "DROP TRIGGER participation_email; DROP TRIGGER participation_idea_ai;" \
    "DROP TRIGGER participation_idea_ad; DROP TRIGGER participation_idea_au;" \
    "DROP TRIGGER participation_vote_ai; DROP TRIGGER participation_vote_ad;" \
    "DROP TRIGGER participation_vote_au;" \
    "DROP TRIGGER participation_comment_ai;" \
    "DROP TRIGGER participation_comment_ad;" \
    "DROP TRIGGER participation_comment_au;" \
    "DROP TABLE participation; DROP TABLE consultation_count;"

/* A version 1 database (before the kept figures per theme) opened by this
 * build is upgraded in place: the figures are counted from the ideas it
 * holds, kept from then on, and the upgrade is journalled. */
static void
test_version_1_upgrades(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    long long journal;

    fixture_idea(f->db, f, "Un abri vélo au dépôt.");
    fixture_idea(f->db, f, "Des fontaines à eau.");
    assert_ok(cs_vote_add(f->db, fixture_idea(f->db, f, "Moins de papier."),
                          &(struct cs_person){ .ref = "M1" },
                          CS_CHANNEL_PAPER, NULL, NULL, &err));
    cs_db_close(f->db);
    f->db = NULL;
    /* What version 1 was: no idea_count, nor its triggers (nor what
     * versions 3 and 4 added). */
    raw_exec(f->path, DROP_V4
                      "DROP TRIGGER idea_count_ai; DROP TRIGGER idea_count_ad;"
                      "DROP TRIGGER idea_count_au; DROP TABLE idea_count;"
                      "DROP TABLE idea_answer;"
                      "ALTER TABLE idea DROP COLUMN version;"
                      "PRAGMA user_version = 1;");
    journal = fixture_audit_rows(f);

    assert_ok(open_as(&db, f->path, 0, "alice", &err));
    assert_int_equal(cs_db_version_found(db), 1);
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
                     CS_SCHEMA_VERSION);
    assert_int_equal(raw_int(f->path, "SELECT sum(ideas) FROM idea_count"),
                     3);
    assert_int_equal(raw_int(f->path, "SELECT sum(votes) FROM idea_count"),
                     1);
    /* The journal says where keying began, then that it was upgraded. */
    assert_int_equal(fixture_audit_rows(f), journal + 2);
    /* Kept from then on. */
    f->db = db;
    fixture_idea(f->db, f, "Un quatrième.");
    assert_int_equal(raw_int(f->path, "SELECT sum(ideas) FROM idea_count"),
                     4);
}

/* Version 2 to 3: every idea starts at version 1 and the answers already
 * given become the first rows of their history. */
static void
test_version_2_upgrades(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    int64_t a, b;

    a = fixture_idea(f->db, f, "Un abri vélo au dépôt.");
    b = fixture_idea(f->db, f, "Des fontaines à eau.");
    assert_ok(cs_idea_set_status(f->db, a, 0, CS_STATUS_REVIEWING, NULL, &err));
    assert_ok(cs_idea_set_status(f->db, a, 0, CS_STATUS_ACCEPTED,
                                 "Au printemps.", &err));
    cs_db_close(f->db);
    f->db = NULL;
    raw_exec(f->path, DROP_V4 "DROP TABLE idea_answer;"
                      "ALTER TABLE idea DROP COLUMN version;"
                      "PRAGMA user_version = 2;");

    assert_ok(open_as(&db, f->path, 0, "alice", &err));
    f->db = db;
    assert_int_equal(cs_db_version_found(db), 2);
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
                     CS_SCHEMA_VERSION);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM idea"
                                      " WHERE version = 1"), 2);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM idea_answer"), 1);
    assert_int_equal(raw_int(f->path, "SELECT idea_id FROM idea_answer"), a);
    assert_int_equal(raw_int(f->path, "SELECT answer = 'Au printemps.'"
                                      " AND status = 'accepted'"
                                      " AND given_by = 'alice'"
                                      " FROM idea_answer"), 1);
    (void)b;
}

/* Version 3 to 4: who took part where, and the comments shown, are
 * counted from the rows already there (authors, voters, commenters, hidden
 * comments' authors; the anonymous left out), then kept from then on. */
static void
test_version_3_upgrades(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    struct cs_stats *s = NULL;
    int64_t a, b, cm;

    a = fixture_idea(f->db, f, "Un abri vélo au dépôt.");
    b = fixture_idea(f->db, f, "Des fontaines à eau.");
    assert_ok(cs_vote_add(f->db, a, &(struct cs_person){ .ref = "M1" },
                          CS_CHANNEL_PAPER, NULL, NULL, &err));
    assert_ok(cs_vote_add(f->db, b, &(struct cs_person){ .ref = "M1" },
                          CS_CHANNEL_PAPER, NULL, NULL, &err));
    assert_ok(cs_vote_add(f->db, b, &(struct cs_person){
                              .ref = "M2", .email = "m2@ville.example" },
                          CS_CHANNEL_PAPER, NULL, NULL, &err));
    assert_ok(cs_comment_add(f->db, a, &(struct cs_person){ .ref = "M3" },
                             "Oui.", &cm, &err));
    assert_ok(cs_comment_hide(f->db, cm, "Hors sujet.", &err));
    assert_ok(cs_comment_add(f->db, b, NULL, "Bien.", NULL, &err));
    {
        struct cs_idea_new in = {
            .consultation_id = f->cons_id, .theme_id = f->theme_id[1],
            .kind = CS_KIND_IDEA, .body = "Un vestiaire.",
            .channel = CS_CHANNEL_PAPER,
            .author = &(struct cs_person){ .ref = "M5",
                                           .email = "m5@ville.example" },
        };

        assert_ok(cs_idea_add(f->db, &in, NULL, &err));
    }
    cs_db_close(f->db);
    f->db = NULL;
    raw_exec(f->path, DROP_V4 "PRAGMA user_version = 3;");

    assert_ok(open_as(&db, f->path, 0, "alice", &err));
    f->db = db;
    assert_int_equal(cs_db_version_found(db), 3);
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
                     CS_SCHEMA_VERSION);
    assert_int_equal(fixture_people_drift(f), 0);
    assert_ok(cs_stats_get(db, f->cons_id, &s, &err));
    assert_int_equal(s->participants, 4);           /* M1, M2, M3, M5 */
    assert_int_equal(s->participants_without_email, 2); /* M1, M3 */
    assert_int_equal(s->comments, 1);
    cs_stats_free(s);
    /* Kept from then on. */
    assert_ok(cs_vote_add(db, a, &(struct cs_person){ .ref = "M4" },
                          CS_CHANNEL_PAPER, NULL, NULL, &err));
    assert_int_equal(fixture_people_drift(f), 0);
    assert_int_equal(raw_int(f->path, "SELECT participants"
                                      " FROM consultation_count"), 5);
}

/* Version 4 to 5: the tallies are kept, with no votes against; a tally
 * becomes one session of its source (another date is another tally);
 * paper batches and phone numbers can be written. */
static void
test_version_4_upgrades(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    int64_t a, t1;

    a = fixture_idea(f->db, f, "Un abri vélo au dépôt.");
    assert_ok(cs_tally_add(f->db, a, 12, "Atelier Marchienne", "2026-05-02",
                           &t1, &err));
    cs_db_close(f->db);
    f->db = NULL;
    raw_exec(f->path, DROP_V5 "PRAGMA user_version = 4;");
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_schema"
                                      " WHERE name = 'paper_batch'"), 0);

    assert_ok(open_as(&db, f->path, 0, "alice", &err));
    f->db = db;
    assert_int_equal(cs_db_version_found(db), 4);
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
                     CS_SCHEMA_VERSION);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM tally"
                                      " WHERE count = 12 AND against = 0"
                                      " AND source = 'Atelier Marchienne'"),
                     1);
    assert_int_equal(raw_int(f->path, "SELECT id FROM tally"), t1);
    assert_int_equal(raw_int(f->path, "SELECT tallies FROM idea"), 12);
    /* The session key: the same source and day twice is refused by the
     * database itself, another day is not. */
    raw_exec(f->path, "INSERT INTO tally(idea_id, count, source, source_key,"
                      " counted_at, entered_at, entered_by) SELECT idea_id,"
                      " 3, source, source_key, '2026-05-09', entered_at,"
                      " entered_by FROM tally;");
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM tally"), 2);
    {
        sqlite3 *s = NULL;

        assert_int_equal(sqlite3_open(f->path, &s), SQLITE_OK);
        assert_int_equal(sqlite3_exec(s, "INSERT INTO tally(idea_id, count,"
                                         " source, source_key, counted_at,"
                                         " entered_at, entered_by) SELECT"
                                         " idea_id, 4, source, source_key,"
                                         " '2026-05-09T10:00:00Z', entered_at,"
                                         " entered_by FROM tally LIMIT 1",
                                      NULL, NULL, NULL),
                         SQLITE_CONSTRAINT);
        sqlite3_close(s);
    }
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_schema"
                                      " WHERE name IN ('paper_batch',"
                                      " 'paper_entry', 'tally_session')"), 3);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM pragma_table_info"
                                      "('participant') WHERE name = 'phone'"),
                     1);
}

/* Hash the journal of `path` again as version 7 did (plain SHA-256, no
 * digests), as a database written by it would hold it. */
static void
rehash_v1(const char *path)
{
    sqlite3 *s = NULL;
    sqlite3_stmt *st = NULL, *up = NULL;
    char prev[CS_HASH_HEX] = AUDIT_ZERO_HASH, hash[CS_HASH_HEX];

    assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
    assert_int_equal(sqlite3_exec(s, "DROP TRIGGER audit_no_update", NULL,
                                  NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(s,
        "SELECT id, at, actor, action, tbl, row_id, coalesce(idea_id, 0),"
        " before, after FROM audit ORDER BY id", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(s,
        "UPDATE audit SET prev_hash = ?1, hash = ?2 WHERE id = ?3", -1, &up,
        NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        audit_hash_row(NULL, 1, sqlite3_column_int64(st, 0),
                       (const char *)sqlite3_column_text(st, 1),
                       (const char *)sqlite3_column_text(st, 2),
                       (const char *)sqlite3_column_text(st, 3),
                       (const char *)sqlite3_column_text(st, 4),
                       sqlite3_column_int64(st, 5),
                       sqlite3_column_int64(st, 6),
                       (const char *)sqlite3_column_text(st, 7),
                       (const char *)sqlite3_column_text(st, 8), NULL, prev,
                       hash);
        sqlite3_bind_text(up, 1, prev, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(up, 2, hash, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(up, 3, sqlite3_column_int64(st, 0));
        assert_int_equal(sqlite3_step(up), SQLITE_DONE);
        sqlite3_reset(up);
        memcpy(prev, hash, sizeof prev);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(up);
    assert_int_equal(sqlite3_exec(s, SCHEMA_AUDIT_NO_UPDATE, NULL, NULL,
                                  NULL), SQLITE_OK);
    sqlite3_close(s);
}

/* A new database has an id of 32 hex digits, which another new database
 * does not share; a database of version 11 gets one at its upgrade and
 * keeps it from then on. */
static void
test_version_11_upgrades(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL, *other = NULL;
    char id[CS_DB_ID_HEX], again[CS_DB_ID_HEX], theirs[CS_DB_ID_HEX];
    char path[320];

    assert_ok(cs_db_id(f->db, id, &err));
    assert_int_equal(strlen(id), 32);
    assert_int_equal(strspn(id, "0123456789abcdef"), 32);
    path_in(f, "other.db", path, sizeof path);
    assert_ok(open_as(&other, path, CS_OPEN_CREATE, "alice", &err));
    assert_ok(cs_db_id(other, theirs, &err));
    assert_int_equal(strlen(theirs), 32);
    assert_string_not_equal(id, theirs);
    cs_db_close(other);

    cs_db_close(f->db);
    f->db = NULL;
    raw_exec(f->path, DROP_V12 "PRAGMA user_version = 11;");
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM meta"
                                      " WHERE key = 'database_id'"), 0);
    assert_ok(open_as(&db, f->path, 0, "alice", &err));
    f->db = db;
    assert_int_equal(cs_db_version_found(db), 11);
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
                     CS_SCHEMA_VERSION);
    assert_ok(cs_db_id(db, again, &err));
    assert_int_equal(strlen(again), 32);
    assert_string_not_equal(again, id);     /* a new one, not the old */
    cs_db_close(f->db);
    f->db = NULL;
    assert_ok(open_as(&db, f->path, 0, "alice", &err));
    f->db = db;
    assert_ok(cs_db_id(db, id, &err));
    assert_string_equal(id, again);         /* kept */
}

/* Version 13 to 14: the consultations there have no retention, and may
 * then be given one, audited; the journal checks clean. */
static void
test_version_13_upgrades(void **state)
{
    struct fixture *f = *state;
    struct cs_consultation_new in = {
        .code = "OLD", .title = "Ancienne", .kind = CS_CONS_IDEAS,
        .audience = CS_AUDIENCE_AGENTS, .closes_on = "2020-01-31",
        .state = CS_STATE_CLOSED,
    };
    struct cs_audit_report rep;
    struct cs_consultation c;
    struct cs_error err;
    struct cs_db *db = NULL;
    int64_t id;

    assert_ok(cs_consultation_add(f->db, &in, &id, &err));
    cs_db_close(f->db);
    f->db = NULL;
    raw_exec(f->path, DROP_V14 "PRAGMA user_version = 13;");

    assert_ok(open_as(&db, f->path, 0, "alice", &err));
    f->db = db;
    assert_int_equal(cs_db_version_found(db), 13);
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
                     CS_SCHEMA_VERSION);
    assert_ok(cs_consultation_get(db, id, &c, &err));
    assert_int_equal(c.retention_months, 0);
    assert_string_equal(c.closes_on, "2020-01-31");
    cs_consultation_clear(&c);
    assert_ok(cs_audit_check(db, NULL, &rep, NULL, NULL, &err));
    assert_int_equal(rep.findings, 0);
    assert_ok(cs_consultation_set_retention(db, id, 12, &err));
    assert_ok(cs_consultation_get(db, id, &c, &err));
    assert_int_equal(c.retention_months, 12);
    cs_consultation_clear(&c);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit WHERE"
                                      " tbl = 'consultation' AND action ="
                                      " 'update' AND json_extract(after,"
                                      " '$.retention_months') = 12"), 1);
    assert_int_not_equal(raw_exec_rc(f->path, "UPDATE consultation SET"
                                     " retention_months = 0"), SQLITE_OK);
    assert_ok(cs_audit_check(db, NULL, &rep, NULL, NULL, &err));
    assert_int_equal(rep.findings, 0);
}

/* Version 12 to 13: the users there keep their logins, roles and ids, and
 * a login may then be a coordinator; the journal checks clean. */
static void
test_version_12_upgrades(void **state)
{
    struct fixture *f = *state;
    struct cs_audit_report rep;
    struct cs_error err;
    struct cs_db *db = NULL;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_VIEWER, &err));
    cs_db_close(f->db);
    f->db = NULL;
    raw_exec(f->path, DROP_V13 "PRAGMA user_version = 12;");
    assert_int_not_equal(raw_exec_rc(f->path, "UPDATE user SET role ="
                                     " 'coordinator' WHERE login = 'bob'"),
                         SQLITE_OK);

    assert_ok(open_as(&db, f->path, 0, "alice", &err));
    f->db = db;
    assert_int_equal(cs_db_version_found(db), 12);
    assert_int_equal(cs_db_role(db), CS_ROLE_ADMIN);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM user WHERE"
                                      " (login = 'alice' AND role = 'admin')"
                                      " OR (login = 'bob'"
                                      " AND role = 'viewer')"), 2);
    assert_ok(cs_audit_check(db, NULL, &rep, NULL, NULL, &err));
    assert_int_equal(rep.findings, 0);
    assert_ok(cs_user_add(db, "bob", CS_ROLE_COORDINATOR, &err));
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM user WHERE"
                                      " login = 'bob'"
                                      " AND role = 'coordinator'"), 1);
    assert_int_not_equal(raw_exec_rc(f->path, "UPDATE user SET role ="
                                     " 'clerk' WHERE login = 'bob'"),
                         SQLITE_OK);
    assert_ok(cs_audit_check(db, NULL, &rep, NULL, NULL, &err));
    assert_int_equal(rep.findings, 0);
}

/* Version 10 to 11: the comments already there came on paper, answer
 * the idea itself and have no reference; a reply can then name its
 * parent; a file of comments is a batch of its own kind, and the batches
 * there keep the rows that name them. */
static void
test_version_10_upgrades(void **state)
{
    struct fixture *f = *state;
    struct cs_audit_report rep;
    struct cs_error err;
    struct cs_db *db = NULL;
    int64_t a, c;

    a = fixture_idea(f->db, f, "Un abri vélo au dépôt.");
    assert_ok(cs_comment_add(f->db, a, NULL, "Bonne idée.", &c, &err));
    cs_db_close(f->db);
    f->db = NULL;
    raw_exec(f->path, DROP_V11 "PRAGMA user_version = 10;");
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM"
                                      " pragma_table_info('comment')"
                                      " WHERE name = 'parent_id'"), 0);
    /* A batch that rows name, through the table's remaking. */
    raw_exec(f->path, "INSERT INTO import_batch(kind, file_name, checksum,"
                      " imported_by, imported_at) VALUES ('ideas', 'a.csv',"
                      " 'x', 'alice', '2026-01-01');"
                      "UPDATE comment SET batch_id = last_insert_rowid();");

    assert_ok(open_as(&db, f->path, 0, "alice", &err));
    f->db = db;
    assert_int_equal(cs_db_version_found(db), 10);
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
                     CS_SCHEMA_VERSION);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM comment"
                                      " WHERE channel = 'paper'"
                                      " AND form_ref IS NULL"
                                      " AND parent_id IS NULL"), 1);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM comment c"
                                      " JOIN import_batch b"
                                      " ON b.id = c.batch_id"), 1);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM"
                                      " pragma_foreign_key_check"), 0);
    /* The journal recorded the remade table as the upgrade left it. */
    assert_ok(cs_audit_check(db, NULL, &rep, NULL, NULL, &err));
    assert_int_equal(rep.findings, 0);
    raw_exec(f->path, "INSERT INTO comment(idea_id, body, created_at,"
                      " entered_by, channel, form_ref, parent_id)"
                      " SELECT idea_id, 'Oui.', created_at, 'alice', 'web',"
                      " 'consul:2', id FROM comment;");
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM comment"
                                      " WHERE parent_id IS NOT NULL"
                                      " AND channel = 'web'"), 1);
    assert_int_not_equal(raw_exec_rc(f->path,
                         "UPDATE comment SET channel = 'fax'"), SQLITE_OK);
    raw_exec(f->path, "INSERT INTO import_batch(kind, file_name, checksum,"
                      " imported_by, imported_at) VALUES ('comments',"
                      " 'c.csv', 'y', 'alice', '2026-01-02');");
}

/* Version 9 to 10: a consultation's letters have their defaults, and the
 * answered log starts empty and takes rows. */
static void
test_version_9_upgrades(void **state)
{
    struct fixture *f = *state;
    struct cs_letter_settings set;
    struct cs_letter_settings_edit e = { .language = "en" };
    struct cs_error err;
    struct cs_db *db = NULL;

    cs_db_close(f->db);
    f->db = NULL;
    raw_exec(f->path, DROP_V10 "PRAGMA user_version = 9;");
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_schema"
                                      " WHERE name = 'answer_sent'"), 0);
    assert_ok(open_as(&db, f->path, 0, "alice", &err));
    f->db = db;
    assert_int_equal(cs_db_version_found(db), 9);
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
                     CS_SCHEMA_VERSION);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM answer_sent"),
                     0);
    assert_ok(cs_letter_settings_get(db, f->cons_id, &set, &err));
    assert_string_equal(set.language, "fr");
    assert_string_equal(set.sender, "");
    cs_letter_settings_clear(&set);
    assert_ok(cs_letter_settings_set(db, f->cons_id, &e, &err));
    assert_ok(cs_letter_settings_get(db, f->cons_id, &set, &err));
    assert_string_equal(set.language, "en");
    cs_letter_settings_clear(&set);
}

/* Version 8 to 9: the themes there are kept, none retired, and the
 * journal, which records them as the upgrade left them, checks clean. */
static void
test_version_8_upgrades(void **state)
{
    struct fixture *f = *state;
    struct cs_audit_report rep;
    struct cs_error err;
    struct cs_db *db = NULL;
    struct cs_theme t;

    fixture_idea(f->db, f, "Un abri vélo au dépôt.");
    cs_db_close(f->db);
    f->db = NULL;
    raw_exec(f->path, DROP_V9 "PRAGMA user_version = 8;");
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM pragma_table_info"
                                      "('theme') WHERE name = 'retired'"), 0);

    assert_ok(open_as(&db, f->path, 0, "alice", &err));
    f->db = db;
    assert_int_equal(cs_db_version_found(db), 8);
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
                     CS_SCHEMA_VERSION);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM theme"
                                      " WHERE retired = 0"), 2);
    assert_ok(cs_audit_check(db, NULL, &rep, NULL, NULL, &err));
    assert_int_equal(rep.findings, 0);
    /* And a theme can be retired from then on, its idea kept. */
    assert_ok(cs_theme_retire(db, f->theme_id[0], true, &err));
    assert_ok(cs_theme_get(db, f->theme_id[0], &t, &err));
    assert_true(t.retired);
    assert_int_equal(t.idea_count, 1);
    cs_theme_clear(&t);
    assert_ok(cs_audit_check(db, NULL, &rep, NULL, NULL, &err));
    assert_int_equal(rep.findings, 0);
}

/* Version 7 to 8: a journal as version 7 wrote it (no digests, no key) is
 * keyed from its next row on; that row records every row of the data as
 * it stands, and the check then finds the journal and the data intact. */
static void
test_version_7_upgrades(void **state)
{
    struct fixture *f = *state;
    struct cs_audit_report rep;
    struct cs_error err;
    struct cs_db *db = NULL;
    char key[600];
    long long rows;
    int64_t a;

    a = fixture_idea(f->db, f, "Un abri vélo au dépôt.");
    assert_ok(cs_idea_set_status(f->db, a, 0, CS_STATUS_ACCEPTED,
                                 "Au printemps.", &err));
    cs_db_close(f->db);
    f->db = NULL;
    snprintf(key, sizeof key, "%s.key", f->path);
    assert_int_equal(unlink(key), 0);
    raw_exec(f->path, DROP_V8 "PRAGMA user_version = 7;");
    rehash_v1(f->path);
    rows = raw_int(f->path, "SELECT count(*) FROM audit");

    assert_ok(open_as(&db, f->path, 0, "alice", &err));
    f->db = db;
    assert_int_equal(cs_db_version_found(db), 7);
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
                     CS_SCHEMA_VERSION);
    assert_true(exists(key));
    /* The key row, then the upgrade's. */
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit"),
                     rows + 2);
    assert_int_equal(raw_int(f->path, "SELECT max(id) FROM audit"
                                      " WHERE action = 'key'"), rows + 1);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit"
                                      " WHERE format = 1"), rows);
    /* It recorded the idea, its answer, the consultation and its themes,
     * and alice. */
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit_row"
                                      " WHERE audit_id = (SELECT max(id)"
                                      " FROM audit WHERE action = 'key')"),
                     6);
    assert_ok(cs_audit_check(db, NULL, &rep, NULL, NULL, &err));
    assert_int_equal(rep.keying, CS_AUDIT_KEYED);
    assert_int_equal(rep.keyed_from, rows + 1);
    assert_int_equal(rep.findings, 0);
    /* And a version 7 journal edited before the upgrade still fails its
     * chain. */
    raw_exec(f->path, "DROP TRIGGER audit_no_update;"
                      "UPDATE audit SET actor = 'mallory' WHERE id = 2;");
    cs_error_clear(&err);
    assert_int_equal(cs_audit_check(db, NULL, &rep, NULL, NULL, &err),
                     CS_ECONFLICT);
}

/* Version 6 to 7: the votes are kept, without points; ideas may have
 * extra columns and batches notes. */
static void
test_version_6_upgrades(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    struct cs_person voter = { .ref = "M1" };
    int64_t a, v;

    a = fixture_idea(f->db, f, "Un abri vélo au dépôt.");
    assert_ok(cs_vote_add(f->db, a, &voter, CS_CHANNEL_PAPER, NULL, &v,
                          &err));
    cs_db_close(f->db);
    f->db = NULL;
    raw_exec(f->path, DROP_V7 "PRAGMA user_version = 6;");
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_schema"
                                      " WHERE name = 'idea_extra'"), 0);

    assert_ok(open_as(&db, f->path, 0, "alice", &err));
    f->db = db;
    assert_int_equal(cs_db_version_found(db), 6);
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
                     CS_SCHEMA_VERSION);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM vote WHERE id ="
                                      " (SELECT max(id) FROM vote)"
                                      " AND points IS NULL"), 1);
    assert_int_equal(raw_int(f->path, "SELECT votes FROM idea"), 1);
    raw_exec(f->path, "INSERT INTO idea_extra VALUES ((SELECT id FROM idea),"
                      " 1, 'cost', '1000');"
                      "UPDATE vote SET points = 5;");
    assert_int_equal(raw_int(f->path, "SELECT sum(points) FROM vote"), 5);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_schema"
                                      " WHERE name = 'import_note'"), 1);
}

/* Version 5 to 6: the answers already given count as published when
 * they were given, no consultation holds answers, and sessions can be
 * added. */
static void
test_version_5_upgrades(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    struct cs_idea_answer_list *al = NULL;
    struct cs_session_new in = { 0 };
    int64_t a, s;

    a = fixture_idea(f->db, f, "Un abri vélo au dépôt.");
    assert_ok(cs_idea_set_status(f->db, a, 0, CS_STATUS_ACCEPTED,
                                 "Au printemps.", &err));
    cs_db_close(f->db);
    f->db = NULL;
    raw_exec(f->path, DROP_V6 "PRAGMA user_version = 5;");
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_schema"
                                      " WHERE name = 'committee_session'"),
                     0);

    assert_ok(open_as(&db, f->path, 0, "alice", &err));
    f->db = db;
    assert_int_equal(cs_db_version_found(db), 5);
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
                     CS_SCHEMA_VERSION);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM idea_answer"
                                      " WHERE published_at = given_at"
                                      " AND published_by = 'alice'"
                                      " AND session_id IS NULL"), 1);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM consultation"
                                      " WHERE hold_answers = 0"), 1);
    assert_ok(cs_idea_answers(db, a, &al, &err));
    assert_int_equal(al->count, 1);
    assert_non_null(al->items[0].published_at);
    cs_idea_answer_list_free(al);
    in.consultation_id = f->cons_id;
    in.body = CS_BODY_CODIR;
    in.held_on = "2026-12-10";
    assert_ok(cs_session_add(db, &in, &s, NULL, &err));
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM"
                                      " committee_session"), 1);
}

/* An SQLite file with a user_version but our tables absent and no
 * application id is not ours either, even if it looks like a schema. */
static void
test_foreign_versioned_sqlite_refused(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    char path[320];

    path_in(f, "versioned.sqlite", path, sizeof path);
    raw_exec(path, "PRAGMA user_version = 1;");
    assert_int_equal(open_as(&db, path, 0, "alice", &err), CS_ENOTDB);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_schema"), 0);
}

static void
test_newer_version_refused(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    char sql[64];

    cs_db_close(f->db);
    f->db = NULL;
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
             CS_SCHEMA_VERSION + 1);
    raw_exec(f->path, sql);
    assert_int_equal(open_as(&db, f->path, 0, "alice", &err), CS_EVERSION);
    assert_null(db);
    assert_non_null(strstr(err.msg, "upgrade"));
    /* Nothing was done to it. */
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
                     CS_SCHEMA_VERSION + 1);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM user"), 1);
}

static void
test_missing_file(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    char path[320];

    path_in(f, "absent.db", path, sizeof path);
    assert_int_equal(open_as(&db, path, 0, "alice", &err), CS_ENOTFOUND);
    assert_null(db);
    assert_false(exists(path));
    assert_int_equal(open_as(&db, path, CS_OPEN_READONLY, "alice", &err),
                     CS_ENOTFOUND);
    assert_false(exists(path));
    assert_int_equal(open_as(&db, "", 0, "alice", &err), CS_EINVAL);
    assert_int_equal(open_as(&db, NULL, 0, "alice", &err), CS_EINVAL);
}

static void
test_failed_create_leaves_nothing(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    char path[320], wal[330], shm[330];

    /* The directory does not exist. */
    path_in(f, "no/such/dir/x.db", path, sizeof path);
    assert_int_equal(open_as(&db, path, CS_OPEN_CREATE, "alice", &err),
                     CS_ECREATE);
    assert_null(db);
    assert_false(exists(path));

    /* Created, then the open fails (a read-only handle cannot install
     * the schema): the file made for it is removed again. */
    path_in(f, "ro.db", path, sizeof path);
    snprintf(wal, sizeof wal, "%s-wal", path);
    snprintf(shm, sizeof shm, "%s-shm", path);
    assert_int_equal(open_as(&db, path, CS_OPEN_CREATE | CS_OPEN_READONLY,
                             "alice", &err), CS_EVERSION);
    assert_null(db);
    assert_false(exists(path));
    assert_false(exists(wal));
    assert_false(exists(shm));
}

static void
test_directory_refused(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;

    assert_int_equal(open_as(&db, f->dir, CS_OPEN_CREATE, "alice", &err),
                     CS_ENOTDB);
    assert_null(db);
}

static void
test_readonly_open(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    struct cs_consultation_new c = {
        .code = "RO", .title = "Lecture seule", .kind = CS_CONS_IDEAS,
        .audience = CS_AUDIENCE_AGENTS, .state = CS_STATE_OPEN,
    };

    assert_ok(open_as(&db, f->path, CS_OPEN_READONLY, "alice", &err));
    assert_int_equal(cs_db_role(db), CS_ROLE_ADMIN);
    assert_false(cs_db_is_writable(db));
    assert_int_equal(cs_db_readonly(db), CS_READONLY_ASKED);
    assert_string_equal(cs_db_readonly_reason(db), "it was opened read-only");
    /* Refused as a database that cannot be written, not by the role. */
    assert_int_equal(cs_consultation_add(db, &c, NULL, &err), CS_EREADONLY);
    assert_string_equal(err.msg, "Cannot write: it was opened read-only.");
    assert_string_equal(cs_rc_name(CS_EREADONLY), "CS_EREADONLY");
    cs_db_close(db);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM consultation"),
                     0);
    cs_db_close(NULL);      /* harmless */
}

/* A read-only open goes through a URI: characters that mean something
 * there are escaped, so the very file named is opened. */
static void
test_readonly_uri_names(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    char path[320];

    path_in(f, "a%20b?c=1#d.db", path, sizeof path);
    assert_ok(open_as(&db, path, CS_OPEN_CREATE, "alice", &err));
    cs_db_close(db);
    assert_ok(open_as(&db, path, CS_OPEN_READONLY, "alice", &err));
    assert_string_equal(cs_db_path(db), path);
    assert_int_equal(cs_db_role(db), CS_ROLE_ADMIN);
    assert_int_equal(handle_int(db, "SELECT count(*) FROM user"), 1);
    cs_db_close(db);
}

/* A file its user may not write is opened read-only, says why, and
 * leaves no -wal or -shm behind (a read-only -shm would keep the database
 * read-only once the file is writable again). Root writes anything: the
 * command-line test covers it by running as another user. */
static void
test_readonly_file(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *db = NULL;
    char path[320], wal[330], shm[330], want[400];
    struct cs_consultation_new c = {
        .code = "RO", .title = "Lecture seule", .kind = CS_CONS_IDEAS,
        .audience = CS_AUDIENCE_AGENTS, .state = CS_STATE_OPEN,
    };

    if (geteuid() == 0)
        skip();
    path_in(f, "ro.db", path, sizeof path);
    snprintf(wal, sizeof wal, "%s-wal", path);
    snprintf(shm, sizeof shm, "%s-shm", path);
    assert_ok(open_as(&db, path, CS_OPEN_CREATE, "alice", &err));
    cs_db_close(db);
    assert_int_equal(chmod(path, 0444), 0);
    assert_ok(open_as(&db, path, 0, "alice", &err));
    assert_int_equal(cs_db_readonly(db), CS_READONLY_FILE);
    assert_int_equal(cs_consultation_add(db, &c, NULL, &err), CS_EREADONLY);
    snprintf(want, sizeof want,
             "Cannot write: the database file %s is read-only.", path);
    assert_string_equal(err.msg, want);
    cs_db_close(db);
    assert_false(exists(wal));
    assert_false(exists(shm));
    assert_int_equal(chmod(path, 0644), 0);
    assert_ok(open_as(&db, path, 0, "alice", &err));
    assert_true(cs_db_is_writable(db));
    assert_ok(cs_consultation_add(db, &c, NULL, &err));
    cs_db_close(db);
}

static void
test_op_writes(void **state)
{
    (void)state;
    assert_false(cs_op_writes(CS_OP_ANY));
    assert_false(cs_op_writes(CS_OP_READ));
    assert_false(cs_op_writes(CS_OP_SEE_PERSONAL));
    assert_false(cs_op_writes(CS_OP_SEE_HIDDEN));
    assert_true(cs_op_writes(CS_OP_ADD_IDEA));
    assert_true(cs_op_writes(CS_OP_SET_STATUS));
    /* Its journal row is a write. */
    assert_true(cs_op_writes(CS_OP_EXPORT_PERSONAL));
}

static void
test_role_names(void **state)
{
    struct cs_error err;
    enum cs_role r;

    (void)state;
    assert_ok(cs_role_parse("Admin", &r, &err));
    assert_int_equal(r, CS_ROLE_ADMIN);
    assert_ok(cs_role_parse("lecteur", &r, &err));
    assert_int_equal(r, CS_ROLE_VIEWER);
    assert_int_equal(cs_role_parse("root", &r, &err), CS_EINVAL);
    assert_int_equal(cs_role_parse(NULL, &r, &err), CS_EINVAL);
    assert_string_equal(cs_role_name(CS_ROLE_AGENT), "agent");
    assert_string_equal(cs_role_name(CS_ROLE_NONE), "none");
    assert_true(cs_version()[0] != '\0');
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_mode, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_pragmas, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_foreign_keys_enforced,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_creator_is_admin, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_empty_file_migrates,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_text_file_refused,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_foreign_sqlite_refused,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_foreign_versioned_sqlite_refused,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_newer_version_refused,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_version_13_upgrades,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_version_12_upgrades,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_version_11_upgrades,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_version_10_upgrades,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_version_9_upgrades,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_version_8_upgrades,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_version_7_upgrades,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_version_6_upgrades,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_version_5_upgrades,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_version_4_upgrades,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_version_3_upgrades,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_version_2_upgrades,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_version_1_upgrades,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_failed_create_leaves_nothing,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_directory_refused,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_readonly_open, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_readonly_uri_names,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_readonly_file, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test(test_op_writes),
        cmocka_unit_test(test_role_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
