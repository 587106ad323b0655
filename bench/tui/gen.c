/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * gen.c: make the terminal interface's benchmark database: consultation
 * BENCH with 10 themes, N ideas (default 2,000,000) whose texts are drawn
 * from a made-up vocabulary, M votes (default 20,000,000) from 200,000
 * participants, and the counts the core keeps (votes, support) set to
 * match. The schema comes from libconsult (cs_db_open); the rows are bulk
 * inserts on a plain SQLite connection, since going through the public
 * calls (one transaction and journal row each) would take hours. The FTS5
 * index fills through the schema's own triggers.
 *
 * In the texts, "électrique" (spelt with and without accents and capitals)
 * is in about half the ideas: the common word; "ornithorynque" in about one
 * in 100,000: the rare one. One idea in a hundred has the tag "énergie".
 *
 * Usage: gen PATH [IDEAS [VOTES]]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "consult/consult.h"

#define PARTICIPANTS 200000
#define THEMES 10
#define VOCAB 5000

static uint64_t rng = 88172645463325252ULL;

static uint64_t
next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static double
uniform(void)
{
    return (double)(next() >> 11) / 9007199254740992.0;
}

static char vocab[VOCAB][16];

static void
make_vocab(void)
{
    static const char *const syl[] = {
        "ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa",
        "té", "vi", "zo", "ché", "bro", "cla", "dre", "fri", "gla", "mon",
        "par", "ser", "tion", "ment", "eau", "oir", "ique", "age", "ité",
    };
    size_t ns = sizeof syl / sizeof *syl;

    for (int i = 0; i < VOCAB; i++) {
        int n = 2 + (int)(next() % 3);

        vocab[i][0] = '\0';
        for (int k = 0; k < n; k++)
            strcat(vocab[i], syl[next() % ns]);
    }
}

/* A word by a rough Zipf law: low indexes much more often. */
static const char *
word(void)
{
    double u = uniform();

    return vocab[(int)(VOCAB * u * u * u)];
}

static void
die(sqlite3 *s, const char *what)
{
    fprintf(stderr, "gen: %s: %s\n", what, s ? sqlite3_errmsg(s) : "");
    exit(1);
}

static void
exec(sqlite3 *s, const char *sql)
{
    if (sqlite3_exec(s, sql, NULL, NULL, NULL) != SQLITE_OK)
        die(s, sql);
}

static double
now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
    const char *path;
    long ideas = 2000000, votes = 20000000;
    struct cs_db *db = NULL;
    struct cs_error err;
    struct cs_open_opts o = { CS_OPEN_CREATE, 0, NULL };
    struct cs_consultation_new cn = {
        .code = "BENCH", .title = "Consultation de mesure",
        .kind = CS_CONS_IDEAS, .audience = CS_AUDIENCE_ALL,
        .state = CS_STATE_OPEN,
    };
    int64_t cons, theme[THEMES];
    sqlite3 *s;
    sqlite3_stmt *ins_idea, *ins_part, *ins_vote, *ins_tag;
    double t0 = now();
    long given = 0;
    static const char *const statuses[] = {
        "new", "new", "new", "new", "new", "new", "reviewing", "reviewing",
        "accepted", "rejected",
    };
    static const char *const channels[] = {
        "paper", "paper", "paper", "workshop", "web", "web", "email", "phone",
    };
    static const char *const common[] = {
        "électrique", "ÉLECTRIQUES", "electrique", "électriques",
    };

    if (argc < 2) {
        fprintf(stderr, "usage: gen PATH [IDEAS [VOTES]]\n");
        return 64;
    }
    path = argv[1];
    if (argc > 2)
        ideas = atol(argv[2]);
    if (argc > 3)
        votes = atol(argv[3]);
    remove(path);
    if (cs_db_open(&db, path, &o, &err) != CS_OK
        || cs_consultation_add(db, &cn, &cons, &err) != CS_OK) {
        fprintf(stderr, "gen: %s\n", err.msg);
        return 1;
    }
    for (int t = 0; t < THEMES; t++) {
        char code[8], title[32];

        snprintf(code, sizeof code, "T%02d", t + 1);
        snprintf(title, sizeof title, "Thème numéro %d", t + 1);
        if (cs_theme_add(db, cons, code, title, 0, &theme[t], &err)
            != CS_OK) {
            fprintf(stderr, "gen: %s\n", err.msg);
            return 1;
        }
    }
    cs_db_close(db);

    if (sqlite3_open(path, &s) != SQLITE_OK)
        die(s, "open");
    exec(s, "PRAGMA synchronous = OFF; PRAGMA cache_size = -512000;"
            " BEGIN");
    make_vocab();
    if (sqlite3_prepare_v2(s,
            "INSERT INTO participant(id, ref, name, name_key, service,"
            " service_key, channel, created_at, created_by)"
            " VALUES (?1, 'P' || ?1, 'Agent ' || ?1, 'agent ' || ?1,"
            " 'Service', 'service', 'paper', '2021-01-01T00:00:00Z',"
            " 'bench')", -1, &ins_part, NULL) != SQLITE_OK)
        die(s, "prepare participant");
    for (long p = 1; p <= PARTICIPANTS; p++) {
        sqlite3_bind_int64(ins_part, 1, p);
        if (sqlite3_step(ins_part) != SQLITE_DONE)
            die(s, "participant");
        sqlite3_reset(ins_part);
    }
    if (sqlite3_prepare_v2(s,
            "INSERT INTO idea(id, consultation_id, theme_id, kind, title,"
            " body, author_id, channel, submitted_at, entered_at,"
            " entered_by, status, status_changed_at, status_changed_by,"
            " answer, votes, support)"
            " VALUES (?1, ?2, ?3, 'idea', ?4, ?5, ?6, ?7, ?8,"
            " '2021-06-01T00:00:00.000Z', 'bench', ?9,"
            " '2021-06-01T00:00:00.000Z', 'bench',"
            " CASE WHEN ?9 IN ('accepted', 'rejected') THEN 'Réponse.'"
            " END, ?10, ?10)", -1, &ins_idea, NULL) != SQLITE_OK)
        die(s, "prepare idea");
    if (sqlite3_prepare_v2(s,
            "INSERT INTO vote(idea_id, participant_id, channel, voted_at,"
            " entered_at, entered_by) VALUES (?1, ?2, 'paper',"
            " '2021-06-01', '2021-06-01T00:00:00.000Z', 'bench')", -1,
            &ins_vote, NULL) != SQLITE_OK)
        die(s, "prepare vote");
    exec(s, "INSERT INTO tag(id, name, name_key) VALUES (1, 'énergie',"
            " 'energie')");
    if (sqlite3_prepare_v2(s, "INSERT INTO idea_tag(idea_id, tag_id)"
                              " VALUES (?1, 1)", -1, &ins_tag, NULL)
        != SQLITE_OK)
        die(s, "prepare tag");
    for (long i = 1; i <= ideas; i++) {
        char title[200] = "", body[1200] = "", date[32];
        /* Votes per idea: skewed, averaging votes / ideas. */
        double u = uniform();
        long v = (long)(4.0 * (double)votes / (double)ideas * u * u * u
                        + 0.5);
        int nb = 15 + (int)(next() % 40);

        if (given + v > votes)
            v = votes - given;
        given += v;
        for (int k = 0; k < 5; k++) {
            strcat(title, k ? " " : "");
            strcat(title, word());
        }
        for (int k = 0; k < nb; k++) {
            strcat(body, k ? " " : "");
            strcat(body, word());
        }
        if (next() % 2 == 0) {
            strcat(body, " ");
            strcat(body, common[next() % 4]);
        }
        if (next() % 100000 == 0)
            strcat(body, " ornithorynque");
        /* Dates over 2021, many ideas on the same day and minute. */
        snprintf(date, sizeof date, "2021-%02d-%02dT%02d:%02d:00Z",
                 (int)(1 + (i * 12) / (ideas + 1)), (int)(1 + next() % 28),
                 (int)(8 + next() % 10), (int)(next() % 60));
        sqlite3_bind_int64(ins_idea, 1, i);
        sqlite3_bind_int64(ins_idea, 2, cons);
        sqlite3_bind_int64(ins_idea, 3, theme[next() % THEMES]);
        sqlite3_bind_text(ins_idea, 4, title, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins_idea, 5, body, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(ins_idea, 6, 1 + (int64_t)(next() % PARTICIPANTS));
        sqlite3_bind_text(ins_idea, 7, channels[next() % 8], -1,
                          SQLITE_STATIC);
        sqlite3_bind_text(ins_idea, 8, date, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins_idea, 9, statuses[next() % 10], -1,
                          SQLITE_STATIC);
        sqlite3_bind_int64(ins_idea, 10, v);
        if (sqlite3_step(ins_idea) != SQLITE_DONE)
            die(s, "idea");
        sqlite3_reset(ins_idea);
        for (long k = 0; k < v; k++) {
            sqlite3_bind_int64(ins_vote, 1, i);
            sqlite3_bind_int64(ins_vote, 2,
                               1 + (i * 7919 + k * 104729) % PARTICIPANTS);
            if (sqlite3_step(ins_vote) != SQLITE_DONE)
                die(s, "vote");
            sqlite3_reset(ins_vote);
        }
        if (i % 100 == 0) {
            sqlite3_bind_int64(ins_tag, 1, i);
            if (sqlite3_step(ins_tag) != SQLITE_DONE)
                die(s, "tag");
            sqlite3_reset(ins_tag);
        }
        if (i % 100000 == 0) {
            exec(s, "COMMIT; BEGIN");
            fprintf(stderr, "gen: %ld ideas, %ld votes, %.0f s\n", i, given,
                    now() - t0);
        }
    }
    exec(s, "COMMIT");
    fprintf(stderr, "gen: optimizing the full-text index...\n");
    exec(s, "INSERT INTO idea_fts(idea_fts) VALUES ('optimize');"
            " PRAGMA wal_checkpoint(TRUNCATE);");
    sqlite3_finalize(ins_idea);
    sqlite3_finalize(ins_part);
    sqlite3_finalize(ins_vote);
    sqlite3_finalize(ins_tag);
    sqlite3_close(s);
    fprintf(stderr, "gen: %ld ideas, %ld votes in %s, %.0f s\n", ideas,
            given, path, now() - t0);
    return 0;
}
