/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * demo_test.c: loading the demo consultation (demo.c) from the source
 * tree's data/demo/ ($CONSULT_DATADIR, set by ctest): what it reports, what
 * the database then holds, text kept byte for byte, the journal intact; and
 * a load that fails (bad file, missing file, wrong role, twice) leaves the
 * database as it was.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

/* The data files, with the number of data rows each holds. */
static const struct {
    const char *name;
    long rows;
} demo_files[] = {
    { "consultation.csv", 1 }, { "themes.csv", 5 },
    { "participants.csv", 60 }, { "ideas.csv", 50 }, { "votes.csv", 150 },
    { "tallies.csv", 19 }, { "comments.csv", 21 }, { "decisions.csv", 21 },
};

static const char *
datadir(void)
{
    const char *d = getenv("CONSULT_DATADIR");

    if (d == NULL || *d == '\0')
        fail_msg("CONSULT_DATADIR is not set (ctest sets it)");
    return d;
}

/* The whole text of `path`; the caller frees it. */
static char *
slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long n;

    if (fp == NULL)
        fail_msg("cannot open %s", path);
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    rewind(fp);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static void
spit(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    assert_int_equal(fputs(text, fp) >= 0, 1);
    assert_int_equal(fclose(fp), 0);
}

/* A copy of the demo in `f->dir`/data/demo, to be spoilt by the test;
 * returns the new data directory (static buffer). */
static const char *
copy_demo(struct fixture *f)
{
    static char dir[400];
    char sub[420], src[600], dst[600];

    snprintf(dir, sizeof dir, "%s/data", f->dir);
    snprintf(sub, sizeof sub, "%s/demo", dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_int_equal(mkdir(sub, 0700), 0);
    for (size_t i = 0; i < sizeof demo_files / sizeof demo_files[0]; i++) {
        char *text;

        snprintf(src, sizeof src, "%s/demo/%s", datadir(), demo_files[i].name);
        snprintf(dst, sizeof dst, "%s/%s", sub, demo_files[i].name);
        text = slurp(src);
        spit(dst, text);
        free(text);
    }
    return dir;
}

/* Replace the first `from` in `dir`/demo/`name` by `to`. */
static void
edit_demo(const char *dir, const char *name, const char *from,
          const char *to)
{
    char path[600], *text, *at, *out;

    snprintf(path, sizeof path, "%s/demo/%s", dir, name);
    text = slurp(path);
    at = strstr(text, from);
    if (at == NULL)
        fail_msg("\"%s\" not in %s", from, name);
    out = malloc(strlen(text) + strlen(to) + 1);
    assert_non_null(out);
    memcpy(out, text, (size_t)(at - text));
    strcpy(out + (at - text), to);
    strcat(out, at + strlen(from));
    spit(path, out);
    free(out);
    free(text);
}

/* Row counts of every table the demo fills, and of the journal. */
struct snapshot {
    long long n[9];
};

static void
snapshot(struct fixture *f, struct snapshot *s)
{
    static const char *const sql[] = {
        "SELECT count(*) FROM consultation", "SELECT count(*) FROM theme",
        "SELECT count(*) FROM participant", "SELECT count(*) FROM idea",
        "SELECT count(*) FROM vote", "SELECT count(*) FROM tally",
        "SELECT count(*) FROM comment", "SELECT count(*) FROM audit",
        "SELECT count(*) FROM user",
    };

    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
        s->n[i] = fixture_count(f, sql[i]);
}

/* The text of the first column of `sql`'s first row, copied. */
static char *
raw_text(struct fixture *f, const char *sql)
{
    sqlite3 *s = NULL;
    sqlite3_stmt *st = NULL;
    char *v = NULL;

    assert_int_equal(sqlite3_open_v2(f->path, &s, SQLITE_OPEN_READONLY,
                                     NULL), SQLITE_OK);
    if (sqlite3_prepare_v2(s, sql, -1, &st, NULL) != SQLITE_OK
        || sqlite3_step(st) != SQLITE_ROW)
        fail_msg("%s: %s", sql, sqlite3_errmsg(s));
    v = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(s);
    return v;
}

static void
load(struct fixture *f, struct cs_demo_report *r)
{
    struct cs_error err;

    memset(r, 0x5a, sizeof *r);
    assert_ok(cs_demo_load(f->db, datadir(), r, &err));
}

/* ---------------------------------------------------------------- success */

static void
test_report_and_counts(void **state)
{
    struct fixture *f = *state;
    struct cs_demo_report r;

    load(f, &r);
    assert_int_equal(r.consultations, demo_files[0].rows);
    assert_int_equal(r.themes, demo_files[1].rows);
    assert_int_equal(r.participants, demo_files[2].rows);
    assert_int_equal(r.ideas, demo_files[3].rows);
    assert_int_equal(r.votes, demo_files[4].rows);
    assert_int_equal(r.tallies, demo_files[5].rows);
    assert_int_equal(r.comments, demo_files[6].rows);
    assert_int_equal(r.decisions, demo_files[7].rows);

    assert_int_equal(fixture_count(f, "SELECT count(*) FROM consultation"),
                     r.consultations);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM theme"),
                     r.themes);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"),
                     r.participants);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), r.ideas);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM vote"), r.votes);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM tally"),
                     r.tallies);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM comment"),
                     r.comments);
    /* The maintained counts agree with the rows. */
    assert_int_equal(fixture_count(f, "SELECT sum(votes) FROM idea"),
                     r.votes);
    assert_int_equal(fixture_count(f, "SELECT sum(tallies) FROM idea"),
                     fixture_count(f, "SELECT sum(count) FROM tally"));
    assert_int_equal(fixture_count(f, "SELECT sum(count) FROM tally"), 174);
}

static void
test_shape(void **state)
{
    struct fixture *f = *state;
    struct cs_demo_report r;
    struct cs_error err;
    struct cs_consultation c;

    load(f, &r);
    assert_ok(cs_consultation_find(f->db, "AGENTS21", &c, &err));
    assert_int_equal(c.kind, CS_CONS_IDEAS);
    assert_int_equal(c.audience, CS_AUDIENCE_AGENTS);
    assert_int_equal(c.state, CS_STATE_CLOSED);
    assert_string_equal(c.opens_on, "2021-03-01");
    assert_string_equal(c.closes_on, "2021-04-12");
    cs_consultation_clear(&c);

    /* Ideas and findings, through every channel, some anonymous. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE kind = 'finding'"), 11);
    assert_int_equal(fixture_count(f, "SELECT count(DISTINCT channel)"
                                      " FROM idea"), 4);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE author_id IS NULL"), 5);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE form_ref LIKE 'F-00%'"),
                     fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE channel = 'paper'"));
    /* About one participant in seven without email (field staff). */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                                      " WHERE email IS NULL"), 9);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                                      " WHERE ref IS NULL"), 4);
    /* Each of the three workshops counted votes. */
    assert_int_equal(fixture_count(f, "SELECT count(DISTINCT source)"
                                      " FROM tally"), 3);

    /* The decisions. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE status = 'accepted'"), 6);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE status = 'implemented'"), 3);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE status = 'rejected'"), 2);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE status = 'reviewing'"), 4);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE status = 'withdrawn'"), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE status = 'new'"), 32);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
        " status IN ('accepted', 'rejected', 'implemented')"
        " AND length(answer) > 20"), 11);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
        " WHERE status = 'hidden' AND length(hidden_reason) > 0"), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM comment"
        " WHERE hidden = 1 AND length(hidden_reason) > 0"), 1);

    /* The duplicate: merged into the other, whose support counts a person
     * who supported both once, plus the tallies of both. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea d"
        " JOIN idea t ON t.id = d.merged_into WHERE d.status = 'merged'"
        " AND d.form_ref = 'F-0034' AND t.title = 'Paiement par carte à"
        " tous les guichets'"), 1);
    assert_int_equal(fixture_count(f, "SELECT support FROM idea"
                                      " WHERE status = 'merged'"), 0);
    assert_int_equal(fixture_count(f, "SELECT t.support FROM idea d"
                                      " JOIN idea t ON t.id = d.merged_into"),
                     fixture_count(f, "SELECT count(DISTINCT v.participant_id)"
                         " FROM idea d JOIN vote v ON v.idea_id IN"
                         " (d.id, d.merged_into) WHERE d.status = 'merged'")
                     + fixture_count(f, "SELECT sum(t.count) FROM idea d"
                         " JOIN tally t ON t.idea_id IN (d.id, d.merged_into)"
                         " WHERE d.status = 'merged'"));
    assert_true(fixture_count(f, "SELECT count(*) FROM vote v1 JOIN vote v2"
        " ON v1.participant_id = v2.participant_id JOIN idea d"
        " ON d.id = v1.idea_id AND d.merged_into = v2.idea_id") >= 1);
}

static void
test_accents_byte_for_byte(void **state)
{
    static const struct { const char *sql; const char *want; } texts[] = {
        { "SELECT title FROM consultation",
          "Appel \xc3\xa0 id\xc3\xa9" "es des agents 2021 : "
          "l\xe2\x80\x99" "administration de demain" },
        { "SELECT title FROM theme WHERE code = 'BEA'",
          "Bien-\xc3\xaatre des agents" },
        { "SELECT title FROM theme WHERE code = 'COMP'",
          "D\xc3\xa9veloppement des comp\xc3\xa9tences" },
        { "SELECT title FROM idea WHERE form_ref = 'F-0034'",
          "Terminal Bancontact \xc3\xa0 la Population et \xc3\xa0 "
          "l\xe2\x80\x99\xc3\x89tat civil" },
        { "SELECT substr(body, 1, 200) FROM idea WHERE form_ref = 'F-0058'",
          "Financer le permis poids lourd des ouvriers volontaires : le "
          "service Travaux manque de chauffeurs et de main-d\xe2\x80\x99"
          "\xc5\x93uvre qualifi\xc3\xa9" "e, et loue des camions avec "
          "chauffeur." },
        { "SELECT name FROM participant WHERE ref = 'M-06543'",
          "Jean-Marie Lema\xc3\xaetre" },
        { "SELECT name FROM participant WHERE ref = 'M-12222'",
          "Zo\xc3\xa9 Mar\xc3\xa9" "chal" },
        { "SELECT service FROM participant WHERE ref = 'M-10998'",
          "\xc3\x89nergie et b\xc3\xa2timents" },
        { "SELECT answer FROM idea WHERE form_ref = 'F-0040'",
          "Un budget de 15 000 \xe2\x82\xac est inscrit pour du mobilier "
          "ergonomique \xc3\xa0 l\xe2\x80\x99" "accueil en 2022." },
        { "SELECT body FROM comment WHERE body LIKE 'Je viens%'",
          "Je viens \xc3\xa0 v\xc3\xa9lo depuis Gosselies : aujourd"
          "\xe2\x80\x99hui, mon v\xc3\xa9lo reste attach\xc3\xa9 \xc3\xa0 "
          "une grille sous la pluie." },
        { "SELECT source FROM tally ORDER BY id LIMIT 1",
          "Atelier Marchienne" },
    };
    struct fixture *f = *state;
    struct cs_demo_report r;
    struct cs_error err;
    struct cs_theme t;

    load(f, &r);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char *got = raw_text(f, texts[i].sql);

        if (strlen(got) != strlen(texts[i].want)
            || memcmp(got, texts[i].want, strlen(got)) != 0)
            fail_msg("%s\n got: %s\nwant: %s", texts[i].sql, got,
                     texts[i].want);
        free(got);
    }
    /* And through the library, found without the accents. */
    {
        struct cs_consultation c;
        assert_ok(cs_consultation_find(f->db, "agents21", &c, &err));
        assert_ok(cs_theme_find(f->db, c.id, "Developpement durable", &t,
                                &err));
        assert_string_equal(t.code, "DD");
        assert_string_equal(t.title, "D\xc3\xa9veloppement durable");
        cs_theme_clear(&t);
        cs_consultation_clear(&c);
    }
    /* The search index saw the same text. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea_fts"
                                      " WHERE idea_fts MATCH 'teletravail*'"),
                     fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE body LIKE '%t_l_travail%'"
                                      " OR title LIKE '%t_l_travail%'"));
}

static void
test_journal(void **state)
{
    struct fixture *f = *state;
    struct cs_demo_report r;
    struct cs_error err;
    int64_t rows = 0;
    char head[CS_HASH_HEX];

    load(f, &r);
    assert_ok(cs_audit_verify(f->db, &rows, NULL, head, &err));
    assert_int_equal(rows, fixture_count(f, "SELECT count(*) FROM audit"));
    /* At least one row per record added, all by the loading admin. */
    assert_true(rows > r.ideas + r.votes + r.tallies + r.comments
                       + r.decisions + r.participants + r.themes);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"
                                      " WHERE actor <> 'alice'"), 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"
                                      " WHERE tbl = 'vote'"), r.votes);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                                      " action = 'merge'"), 1);
}

static void
test_stats_of_demo(void **state)
{
    struct fixture *f = *state;
    struct cs_demo_report r;
    struct cs_error err;
    struct cs_consultation c;
    struct cs_stats *s = NULL;
    int64_t themes_ideas = 0;

    load(f, &r);
    assert_ok(cs_consultation_find(f->db, "AGENTS21", &c, &err));
    assert_ok(cs_stats_get(f->db, c.id, &s, &err));
    cs_consultation_clear(&c);
    assert_int_equal(s->ideas + s->findings, r.ideas);
    assert_int_equal(s->votes, r.votes);
    assert_int_equal(s->tally_votes, 174);
    assert_int_equal(s->comments, r.comments - 1);      /* one hidden */
    assert_int_equal(s->participants, 60);
    assert_int_equal(s->participants_without_email, 9);
    assert_int_equal(s->theme_count, 5);
    assert_string_equal(s->themes[0].code, "CIT");
    assert_string_equal(s->themes[4].code, "DD");
    for (size_t i = 0; i < s->theme_count; i++)
        themes_ideas += s->themes[i].ideas + s->themes[i].findings;
    assert_int_equal(themes_ideas, r.ideas);
    cs_stats_free(s);
}

/* ---------------------------------------------------------------- failures */

static void
expect_nothing_loaded(struct fixture *f, const struct snapshot *before)
{
    struct snapshot after;

    snapshot(f, &after);
    assert_memory_equal(&after, before, sizeof after);
}

/* Only a database the demo filled counts as a demo: a real one (and a
 * failed load) does not, so `consult demo` never replaces real work. */
static void
test_is_demo(void **state)
{
    struct fixture *f = *state;
    struct cs_demo_report r;
    struct cs_error err;
    bool is_demo = true;

    assert_ok(cs_demo_is_demo(f->path, &is_demo, &err));
    assert_false(is_demo);
    assert_int_equal(cs_demo_load(f->db, "/nonexistent/consult", NULL, &err),
                     CS_EIO);
    assert_ok(cs_demo_is_demo(f->path, &is_demo, &err));
    assert_false(is_demo);
    load(f, &r);
    assert_ok(cs_demo_is_demo(f->path, &is_demo, &err));
    assert_true(is_demo);
    assert_int_equal(cs_demo_is_demo("/nonexistent/x.db", &is_demo, &err),
                     CS_ENOTFOUND);
    /* Made by an older consult (a schema a read-only open cannot
     * upgrade), or a newer one: still a demo. */
    cs_db_close(f->db);
    f->db = NULL;
    for (int v = 0; v < 2; v++) {
        sqlite3 *raw = NULL;
        char sql[64];

        snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
                 v == 0 ? 1 : CS_SCHEMA_VERSION + 1);
        assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
        assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(raw);
        is_demo = false;
        assert_ok(cs_demo_is_demo(f->path, &is_demo, &err));
        assert_true(is_demo);
    }
}

/* A file that is not a consult database is no demo, and says so without
 * an error. */
static void
test_is_demo_other_files(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    bool is_demo = true;
    char path[400];
    FILE *fp;

    snprintf(path, sizeof path, "%s/notes.txt", f->dir);
    assert_non_null(fp = fopen(path, "w"));
    fputs("Des notes, pas une base.\n", fp);
    fclose(fp);
    assert_ok(cs_demo_is_demo(path, &is_demo, &err));
    assert_false(is_demo);
    is_demo = true;
    assert_ok(cs_demo_is_demo(f->dir, &is_demo, &err));
    assert_false(is_demo);
}

static void
test_twice(void **state)
{
    struct fixture *f = *state;
    struct cs_demo_report r, r2;
    struct cs_error err;
    struct snapshot before;

    load(f, &r);
    snapshot(f, &before);
    memset(&r2, 0x11, sizeof r2);
    assert_int_equal(cs_demo_load(f->db, datadir(), &r2, &err),
                     CS_ECONFLICT);
    assert_non_null(strstr(err.msg, "consultation.csv"));
    assert_int_equal(err.line, 2);
    expect_nothing_loaded(f, &before);
    /* The report is written only on success. */
    assert_int_equal(r2.ideas, 0x1111111111111111L);
}

static void
test_roles(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_db *bob, *nobody;
    struct snapshot before;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    snapshot(f, &before);
    bob = fixture_open_as(f, "bob");
    nobody = fixture_open_as(f, "mallory");
    assert_int_equal(cs_demo_load(bob, datadir(), NULL, &err), CS_EPERM);
    assert_int_equal(cs_demo_load(nobody, datadir(), NULL, &err), CS_EPERM);
    cs_db_close(bob);
    cs_db_close(nobody);
    expect_nothing_loaded(f, &before);
}

static void
test_missing_files(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct snapshot before;
    char path[600];
    const char *dir;

    snapshot(f, &before);
    assert_int_equal(cs_demo_load(f->db, "/nonexistent/consult", NULL, &err),
                     CS_EIO);
    assert_non_null(strstr(err.msg, "consultation.csv"));
    assert_int_equal(cs_demo_load(f->db, NULL, NULL, &err), CS_EINVAL);
    assert_int_equal(cs_demo_load(f->db, "", NULL, &err), CS_EINVAL);
    /* A file missing half-way: what came before is undone too. */
    dir = copy_demo(f);
    snprintf(path, sizeof path, "%s/demo/tallies.csv", dir);
    assert_int_equal(remove(path), 0);
    assert_int_equal(cs_demo_load(f->db, dir, NULL, &err), CS_EIO);
    assert_non_null(strstr(err.msg, "tallies.csv"));
    expect_nothing_loaded(f, &before);
}

static void
test_bad_row_rolls_back(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct snapshot before;
    const char *dir = copy_demo(f);
    char *votes, *line;
    char path[600], want[64];
    int n = 0;

    snapshot(f, &before);
    /* Line 10 of votes.csv names an idea that does not exist. */
    snprintf(path, sizeof path, "%s/demo/votes.csv", dir);
    votes = slurp(path);
    for (line = votes; n < 9; n++)
        line = strchr(line, '\n') + 1;
    line[1] = '9';      /* "I.." -> "I9." */
    line[2] = '9';
    spit(path, votes);
    free(votes);

    cs_error_clear(&err);
    assert_int_equal(cs_demo_load(f->db, dir, NULL, &err), CS_EINVAL);
    assert_int_equal(err.line, 10);
    snprintf(want, sizeof want, "votes.csv, line 10");
    assert_non_null(strstr(err.msg, want));
    assert_non_null(strstr(err.msg, "I99"));
    assert_string_equal(err.field, "idea");
    expect_nothing_loaded(f, &before);
}

static void
test_refused_by_a_rule(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct snapshot before;
    const char *dir = copy_demo(f);

    snapshot(f, &before);
    /* An official answer removed: the library refuses the decision. */
    edit_demo(dir, "decisions.csv", "Un budget de 15 000 € est inscrit pour "
              "du mobilier ergonomique à l’accueil en 2022.", "");
    assert_int_equal(cs_demo_load(f->db, dir, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "answer");
    assert_non_null(strstr(err.msg, "decisions.csv, line 13"));
    expect_nothing_loaded(f, &before);
}

static void
test_bad_files(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct snapshot before;
    const char *dir = copy_demo(f);

    snapshot(f, &before);
    /* A column missing from the header. */
    edit_demo(dir, "ideas.csv", "key,theme,", "key,thème,");
    assert_int_equal(cs_demo_load(f->db, dir, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "theme");
    assert_non_null(strstr(err.msg, "ideas.csv, line 1"));
    expect_nothing_loaded(f, &before);
    edit_demo(dir, "ideas.csv", "key,thème,", "key,theme,");

    /* A quote left open. */
    edit_demo(dir, "comments.csv", "I40,P24,Une station",
              "I40,P24,\"Une station");
    assert_int_equal(cs_demo_load(f->db, dir, NULL, &err), CS_EINVAL);
    assert_non_null(strstr(err.msg, "comments.csv"));
    expect_nothing_loaded(f, &before);
    edit_demo(dir, "comments.csv", "I40,P24,\"Une station",
              "I40,P24,Une station");

    /* A count that is not a number. */
    edit_demo(dir, "tallies.csv", "Atelier Jumet,13,", "Atelier Jumet,13a,");
    assert_int_equal(cs_demo_load(f->db, dir, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "count");
    expect_nothing_loaded(f, &before);
}

/* What spreadsheets write: a byte order mark and CRLF line ends. A line
 * break inside a quoted cell is refused in a theme's title, which is one
 * line. */
static void
test_bom_and_crlf(void **state)
{
    static const char head[] =
        "\xef\xbb\xbf" "code,title,position\r\n"
        "CIT,Satisfaction des citoyens,1\r\n"
        "BEA,Bien-être des agents,2\r\n"
        "MOD,Modernisation de l’administration,3\r\n"
        "COMP,Développement des compétences,4\r\n";
    struct fixture *f = *state;
    struct cs_demo_report r;
    struct cs_error err;
    const char *dir = copy_demo(f);
    char path[600], text[600];

    snprintf(path, sizeof path, "%s/demo/themes.csv", dir);
    snprintf(text, sizeof text, "%s%s", head,
             "DD,\"Développement\r\ndurable\",5\r\n");
    spit(path, text);
    assert_int_equal(cs_demo_load(f->db, dir, &r, &err), CS_EINVAL);
    assert_string_equal(err.field, "title");
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM theme"), 0);

    snprintf(text, sizeof text, "%s%s", head,
             "DD,\"Développement, durable\",5\r\n");
    spit(path, text);
    assert_ok(cs_demo_load(f->db, dir, &r, &err));
    assert_int_equal(r.themes, 5);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM theme WHERE"
                                      " title = 'Bien-être des agents'"), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM theme WHERE"
                                      " title = 'Développement, durable'"
                                      " AND code = 'DD'"), 1);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, \
                                              fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_report_and_counts),
        T(test_shape),
        T(test_accents_byte_for_byte),
        T(test_journal),
        T(test_stats_of_demo),
        T(test_twice),
        T(test_is_demo),
        T(test_is_demo_other_files),
        T(test_roles),
        T(test_missing_files),
        T(test_bad_row_rolls_back),
        T(test_refused_by_a_rule),
        T(test_bad_files),
        T(test_bom_and_crlf),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
