/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * rows_fuzz.c: libFuzzer target for the importer's row checks.
 *
 * Each input is a CSV file given to cs_import_file, the public entry
 * point, on a real database: created once per process with the core's own
 * calls (consultations AG21, with themes MOB and ENV, and B22, with theme
 * EAU; ideas with form references, one merged, one withdrawn, one hidden;
 * votes, a tally, participants), then copied back into place after any
 * run that committed something, so that every run starts from the same
 * database.
 *
 * The first two bytes choose how the file is imported; the rest is the
 * file.
 *
 *   byte 0: bits 0-1  kind (ideas, votes, tallies, participants)
 *           bit 2     dry run
 *           bit 3     all or nothing
 *           bits 4-5  --consultation: none, "AG21", "b22", "ZZ9" (absent)
 *           bits 6-7  --theme: none, "MOB", "Environnement", "nope"
 *   byte 1: bit 0     import as "bob", an agent (else "alice", the admin)
 *           bits 1-2  --map: none, the kind's first mapping, its second,
 *                     both
 *           bits 3-4  delimiter: sniffed, ',', ';', TAB
 *           bit 5     encoding forced to Windows-1252 (else detected)
 *           bit 6     with a progress callback
 *           bit 7     reject file at its default place (beside the input)
 *
 * ROWS_FUZZ_VERBOSE=1 in the environment prints each import's outcome.
 *
 * Besides crashes and sanitizer reports, it stops on any broken promise
 * of import.h:
 * - a return code the contract does not list, or one this set-up cannot
 *   cause (CS_EPERM for the admin, CS_ENOTFOUND without an absent
 *   consultation or theme in the options, CS_EIO, CS_EINTERNAL...);
 * - a report whose counts do not add up (rows read = imported + rejected
 *   + duplicates after an import), a batch id where none was kept, or the
 *   batch's stored totals differing from the report;
 * - a database changed by a dry run, a refused or a failed import, or by
 *   importing the same file a second time;
 * - after an import: rows added other than reported, maintained counts
 *   (votes, tallies, support) that do not match the votes and tallies
 *   stored, a person voting twice in a group of merged ideas, a vote or
 *   tally for a withdrawn or hidden idea, a broken audit chain;
 * - a reject file that is missing, left over, unreadable by the core's CSV
 *   reader, or without exactly one record per refused row after its
 *   header;
 * - an undo of the batch just imported that is refused, or that does not
 *   bring the rows and counts back to what they were.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "consult/consult.h"

#include "fuzz.h"

/* ---------------------------------------------------------------- state */

static struct {
    bool ready;
    char dir[256];
    char pristine[300];     /* the database as set up */
    char db[300];           /* the one the runs use */
    char input[300];        /* the fuzz input, as a file */
    char rejects[300];      /* the reject file asked for */
    char rejects_default[300];  /* where it goes when not asked for */
    struct cs_db *alice;    /* admin */
    struct cs_db *bob;      /* agent */
    sqlite3 *plain;         /* a plain connection, for counting */
    bool dirty;             /* the database differs from the pristine one */
} g;

/* What the tables hold, to compare before and after. */
struct snap {
    int64_t ideas, votes, tallies, participants, batches, audit, idea_tags;
    int64_t merged, sum_votes, sum_tallies, sum_support;
    int64_t people_text;    /* length of everything participants hold */
};

static void
die_if(bool bad, const char *what, const struct cs_error *err)
{
    if (bad) {
        fprintf(stderr, "rows_fuzz: set-up: %s: %s\n", what,
                err ? err->msg : "");
        abort();
    }
}

static struct cs_db *
open_as(const char *login, bool create)
{
    struct cs_open_opts o = { create ? CS_OPEN_CREATE : 0, 0, login };
    struct cs_db *db = NULL;
    struct cs_error err;

    die_if(cs_db_open(&db, create ? g.pristine : g.db, &o, &err) != CS_OK,
           "open", &err);
    return db;
}

static int64_t
idea(struct cs_db *db, int64_t cons, int64_t theme, const char *ref,
     const char *body, const struct cs_person *author)
{
    struct cs_idea_new in = {
        .consultation_id = cons, .theme_id = theme, .kind = CS_KIND_IDEA,
        .body = body, .channel = CS_CHANNEL_PAPER, .form_ref = ref,
        .author = author,
    };
    struct cs_error err;
    int64_t id = 0;

    die_if(cs_idea_add(db, &in, &id, &err) != CS_OK, "idea", &err);
    return id;
}

/* The database every run starts from, written once to g.pristine. */
static void
make_pristine(void)
{
    struct cs_consultation_new c = {
        .code = "AG21", .title = "Consultation des agents 2021",
        .kind = CS_CONS_IDEAS, .audience = CS_AUDIENCE_AGENTS,
        .state = CS_STATE_OPEN,
    };
    struct cs_person m1 = { .ref = "M1", .name = "Jean Dupont",
                            .service = "Travaux" };
    struct cs_person m2 = { .ref = "M2", .name = "Anne Martin",
                            .service = "RH", .email = "anne@example.org" };
    struct cs_person p3 = { .name = "Élodie Lefèvre", .service = "Finances",
                            .consent = true };
    struct cs_db *db = open_as("alice", true);
    struct cs_error err;
    int64_t ag = 0, b22 = 0, mob = 0, env = 0, eau = 0, id = 0;
    int64_t i1, i2, i3, i4, i5;

    die_if(cs_user_add(db, "bob", CS_ROLE_AGENT, &err) != CS_OK, "user",
           &err);
    die_if(cs_consultation_add(db, &c, &ag, &err) != CS_OK, "cons", &err);
    c.code = "B22";
    c.title = "Budget participatif 2022";
    die_if(cs_consultation_add(db, &c, &b22, &err) != CS_OK, "cons", &err);
    die_if(cs_theme_add(db, ag, "MOB", "Mobilité", 0, &mob, &err) != CS_OK
           || cs_theme_add(db, ag, "ENV", "Environnement", 0, &env, &err)
              != CS_OK
           || cs_theme_add(db, b22, "EAU", "Eau", 0, &eau, &err) != CS_OK,
           "theme", &err);
    i1 = idea(db, ag, mob, "F-1", "Des vélos de service.", &m1);
    i2 = idea(db, ag, env, "F-2", "Trier les déchets.", NULL);
    i3 = idea(db, ag, mob, "F-3", "Navette le samedi.", &p3);
    i4 = idea(db, ag, mob, "F-4", "Vélos partagés entre services.", NULL);
    i5 = idea(db, ag, env, "F-5", "Texte à masquer.", NULL);
    idea(db, b22, eau, "F-1", "Fontaines au parc.", &m2);
    die_if(cs_vote_add(db, i1, &m2, CS_CHANNEL_PAPER, NULL, &id, &err)
           != CS_OK
           || cs_vote_add(db, i4, &p3, CS_CHANNEL_WORKSHOP, "2021-03-02",
                          &id, &err) != CS_OK
           || cs_vote_add(db, i2, &m1, CS_CHANNEL_PAPER, NULL, &id, &err)
              != CS_OK, "vote", &err);
    die_if(cs_tally_add(db, i2, 3, "Atelier Nord", "2021-03-01", &id, &err)
           != CS_OK
           || cs_tally_add(db, i4, 2, "Urne", NULL, &id, &err) != CS_OK,
           "tally", &err);
    die_if(cs_idea_merge(db, i4, 0, i1, &err) != CS_OK, "merge", &err);
    die_if(cs_idea_set_status(db, i3, 0, CS_STATUS_WITHDRAWN, NULL, &err)
           != CS_OK
           || cs_idea_set_status(db, i5, 0, CS_STATUS_HIDDEN, "Propos "
                                 "injurieux.", &err) != CS_OK, "status",
           &err);
    cs_db_close(db);
}

static void
copy_file(const char *from, const char *to)
{
    char buf[65536];
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    size_t n;

    die_if(in == NULL || out == NULL, "copy", NULL);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        die_if(fwrite(buf, 1, n, out) != n, "copy", NULL);
    die_if(ferror(in) || fclose(out) != 0, "copy", NULL);
    fclose(in);
}

static void
close_all(void)
{
    cs_db_close(g.alice);
    cs_db_close(g.bob);
    sqlite3_close(g.plain);
    g.alice = g.bob = NULL;
    g.plain = NULL;
}

/* Put the pristine database in place and open it. */
static void
restore(void)
{
    char side[320];

    close_all();
    snprintf(side, sizeof side, "%s-wal", g.db);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", g.db);
    unlink(side);
    copy_file(g.pristine, g.db);
    /* The journal's key goes with its database (DB.key beside it). */
    {
        char from[320], to[320];

        snprintf(from, sizeof from, "%s.key", g.pristine);
        snprintf(to, sizeof to, "%s.key", g.db);
        copy_file(from, to);
    }
    g.alice = open_as("alice", false);
    g.bob = open_as("bob", false);
    die_if(sqlite3_open_v2(g.db, &g.plain, SQLITE_OPEN_READONLY, NULL)
           != SQLITE_OK, "plain open", NULL);
    g.dirty = false;
}

static void
cleanup(void)
{
    char cmd[300];

    close_all();
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g.dir);
    if (system(cmd) != 0)
        fprintf(stderr, "rows_fuzz: could not remove %s\n", g.dir);
}

static void
setup(void)
{
    const char *tmp = getenv("TMPDIR");

    snprintf(g.dir, sizeof g.dir, "%s/consult-rows-fuzz-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    die_if(mkdtemp(g.dir) == NULL, "mkdtemp", NULL);
    snprintf(g.pristine, sizeof g.pristine, "%s/pristine.db", g.dir);
    snprintf(g.db, sizeof g.db, "%s/run.db", g.dir);
    snprintf(g.input, sizeof g.input, "%s/in.csv", g.dir);
    snprintf(g.rejects, sizeof g.rejects, "%s/rejects.csv", g.dir);
    snprintf(g.rejects_default, sizeof g.rejects_default,
             "%s/in.rejects.csv", g.dir);
    make_pristine();
    restore();
    atexit(cleanup);
    g.ready = true;
}

/* ---------------------------------------------------------------- queries */

static int64_t
query_int(const char *sql)
{
    sqlite3_stmt *st = NULL;
    int64_t v = -1;
    int rc = sqlite3_prepare_v2(g.plain, sql, -1, &st, NULL);

    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    if (v < 0)
        fprintf(stderr, "rows_fuzz: query failed (%s): %s\n",
                sqlite3_errmsg(g.plain), sql);
    sqlite3_finalize(st);
    CHECK(v >= 0);
    return v;
}

static void
snap_take(struct snap *s)
{
    static const char sql[] =
        "SELECT (SELECT count(*) FROM idea), (SELECT count(*) FROM vote),"
        " (SELECT count(*) FROM tally), (SELECT count(*) FROM participant),"
        " (SELECT count(*) FROM import_batch), (SELECT count(*) FROM audit),"
        " (SELECT count(*) FROM idea_tag),"
        " (SELECT count(*) FROM idea WHERE merged_into IS NOT NULL),"
        " (SELECT total(votes) FROM idea), (SELECT total(tallies) FROM idea),"
        " (SELECT total(support) FROM idea),"
        " (SELECT total(length(coalesce(ref, ''))"
        "  + length(coalesce(name, '')) + length(coalesce(service, ''))"
        "  + length(coalesce(email, '')) + length(coalesce(postal, ''))"
        "  + consent) FROM participant)";
    int64_t *const out[] = {
        &s->ideas, &s->votes, &s->tallies, &s->participants, &s->batches,
        &s->audit, &s->idea_tags, &s->merged, &s->sum_votes,
        &s->sum_tallies, &s->sum_support, &s->people_text,
    };
    sqlite3_stmt *st = NULL;

    CHECK(sqlite3_prepare_v2(g.plain, sql, -1, &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    for (int i = 0; i < (int)(sizeof out / sizeof out[0]); i++)
        *out[i] = sqlite3_column_int64(st, i);
    sqlite3_finalize(st);
}

/* The rows and counts an undo must bring back (not the journal, the
 * batches, nor what a batch completed in people already there). */
static bool
snap_same_content(const struct snap *a, const struct snap *b)
{
    return a->ideas == b->ideas && a->votes == b->votes
        && a->tallies == b->tallies && a->participants == b->participants
        && a->idea_tags == b->idea_tags && a->merged == b->merged
        && a->sum_votes == b->sum_votes && a->sum_tallies == b->sum_tallies
        && a->sum_support == b->sum_support;
}

static bool
snap_same(const struct snap *a, const struct snap *b)
{
    return snap_same_content(a, b) && a->batches == b->batches
        && a->audit == b->audit && a->people_text == b->people_text;
}

/* Every idea's maintained counts against the votes and tallies stored
 * (design: support of a group's root = distinct voters in the group +
 * its tallies; a merged idea has none), one vote per person per group,
 * none on a withdrawn or hidden idea or group. */
static void
check_counts(void)
{
    CHECK(query_int(
        "WITH RECURSIVE grp(root, id) AS ("
        "  SELECT id, id FROM idea WHERE merged_into IS NULL"
        "  UNION ALL SELECT g.root, i.id FROM idea i"
        "  JOIN grp g ON i.merged_into = g.id)"
        " SELECT count(*) FROM idea i WHERE"
        " i.votes <> (SELECT count(*) FROM vote v WHERE v.idea_id = i.id)"
        " OR i.tallies <> (SELECT coalesce(sum(t.count), 0) FROM tally t"
        "  WHERE t.idea_id = i.id)"
        " OR i.support <> CASE WHEN i.merged_into IS NOT NULL THEN 0 ELSE"
        "  (SELECT count(DISTINCT v.participant_id) FROM vote v"
        "   JOIN grp g ON g.id = v.idea_id WHERE g.root = i.id)"
        "  + (SELECT coalesce(sum(t.count), 0) FROM tally t"
        "   JOIN grp g ON g.id = t.idea_id WHERE g.root = i.id) END") == 0);
    CHECK(query_int(
        "WITH RECURSIVE grp(root, id) AS ("
        "  SELECT id, id FROM idea WHERE merged_into IS NULL"
        "  UNION ALL SELECT g.root, i.id FROM idea i"
        "  JOIN grp g ON i.merged_into = g.id)"
        " SELECT count(*) FROM (SELECT 1 FROM vote v"
        "  JOIN grp g ON g.id = v.idea_id"
        "  GROUP BY g.root, v.participant_id HAVING count(*) > 1)") == 0);
    /* The file's own merges are checked like the core's: a merged idea
     * points at an idea of its consultation that is not merged. */
    CHECK(query_int(
        "SELECT count(*) FROM idea i JOIN idea t ON t.id = i.merged_into"
        " WHERE t.consultation_id <> i.consultation_id") == 0);
    CHECK(query_int(
        "SELECT count(*) FROM idea i LEFT JOIN theme t ON t.id = i.theme_id"
        " WHERE t.consultation_id IS NOT i.consultation_id") == 0);
    /* The figures kept per theme, kind, status and channel (whose
     * triggers an import puts aside) agree with the ideas, both ways. */
    CHECK(query_int(
        "SELECT count(*) FROM ("
        " SELECT theme_id, kind, status, channel, count(*), sum(votes),"
        "  sum(tallies) FROM idea GROUP BY 1, 2, 3, 4"
        " EXCEPT SELECT theme_id, kind, status, channel, ideas, votes,"
        "  tallies FROM idea_count)") == 0);
    CHECK(query_int(
        "SELECT count(*) FROM ("
        " SELECT theme_id, kind, status, channel, ideas, votes, tallies"
        "  FROM idea_count EXCEPT"
        " SELECT theme_id, kind, status, channel, count(*), sum(votes),"
        "  sum(tallies) FROM idea GROUP BY 1, 2, 3, 4)") == 0);
    CHECK(query_int("SELECT count(*) FROM sqlite_schema WHERE type ="
                    " 'trigger' AND name IN ('idea_fts_ai', 'idea_count_ai',"
                    " 'idea_count_au', 'idea_count_ad')") == 4);
}

/* Votes and tallies of batch `b` given to a withdrawn or hidden idea, or
 * to one whose root is. */
static void
check_refusing(int64_t b)
{
    char sql[900];

    snprintf(sql, sizeof sql,
        "WITH RECURSIVE up(start, id) AS ("
        "  SELECT id, id FROM idea"
        "  UNION ALL SELECT u.start, i.merged_into FROM up u"
        "  JOIN idea i ON i.id = u.id WHERE i.merged_into IS NOT NULL),"
        " root(idea, status) AS (SELECT u.start, i.status FROM up u"
        "  JOIN idea i ON i.id = u.id WHERE i.merged_into IS NULL)"
        " SELECT count(*) FROM (SELECT idea_id FROM vote"
        "  WHERE batch_id = %lld UNION ALL SELECT idea_id FROM tally"
        "  WHERE batch_id = %lld) x JOIN idea i ON i.id = x.idea_id"
        " JOIN root r ON r.idea = i.id WHERE i.status IN ('withdrawn',"
        " 'hidden') OR r.status IN ('withdrawn', 'hidden')",
        (long long)b, (long long)b);
    CHECK(query_int(sql) == 0);
}

static void
check_audit(void)
{
    struct cs_error err;
    int64_t rows = 0, bad = 0;

    if (cs_audit_verify(g.alice, &rows, &bad, NULL, &err) != CS_OK) {
        fprintf(stderr, "rows_fuzz: audit: %s (row %lld)\n", err.msg,
                (long long)bad);
        CHECK(!"audit chain broken");
    }
    CHECK(rows > 0);
}

/* ---------------------------------------------------------------- rejects */

static bool
exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* No "<rejects>.XXXXXX" left behind in the directory. */
static void
check_no_temporaries(void)
{
    DIR *d = opendir(g.dir);
    struct dirent *e;

    CHECK(d != NULL);
    while ((e = readdir(d)) != NULL)
        CHECK(strstr(e->d_name, ".csv.") == NULL);
    closedir(d);
}

/* The reject file reads back: a header, then one record per refused
 * row, each starting with its line (increasing) and a reason. */
static void
check_rejects(const char *path, char delimiter, long rejected)
{
    struct cs_csv_options o = { .delimiter = delimiter };
    struct cs_csv_reader *r = NULL;
    struct cs_csv_record rec;
    struct cs_error err;
    long records = 0, last = 0;
    enum cs_rc rc;

    CHECK(cs_csv_reader_open(path, &o, &r, &err) == CS_OK);
    while ((rc = cs_csv_reader_next(r, &rec, &err)) == CS_OK) {
        CHECK(rec.nfields >= 3);
        if (records > 0) {
            char *end;
            long line = strtol(rec.fields[0].s, &end, 10);

            CHECK(*end == '\0' && line > last);
            last = line;
            CHECK(rec.fields[1].len > 0);
        }
        records++;
    }
    if (rc != CS_ENOTFOUND)
        fprintf(stderr, "rows_fuzz: reject file, record %ld: %s: %s\n",
                records + 1, cs_rc_name(rc), err.msg);
    CHECK(rc == CS_ENOTFOUND);
    cs_csv_reader_close(r);
    CHECK(records == rejected + 1);
}

/* ---------------------------------------------------------------- options */

struct maps {
    struct cs_import_map m[2];
};

static const struct maps kind_maps[CS_IMPORT_KIND_COUNT] = {
    [CS_IMPORT_IDEAS] = { { { "body", "remarque" }, { "form_ref", "" } } },
    [CS_IMPORT_VOTES] = { { { "idea_form_ref", "fiche" },
                            { "participant_ref", "agent" } } },
    [CS_IMPORT_TALLIES] = { { { "count", "n" }, { "source", "lieu" } } },
    [CS_IMPORT_PARTICIPANTS] = { { { "ref", "agent" }, { "name", "qui" } } },
};

struct progress_seen {
    long calls;
    uint64_t bytes;
};

static bool
on_progress(void *ctx, const struct cs_import_progress *p)
{
    struct progress_seen *s = ctx;

    CHECK(p->rows == p->imported + p->rejected + p->duplicates);
    CHECK(p->total == 0 || p->bytes <= p->total);
    CHECK(p->bytes >= s->bytes);
    s->bytes = p->bytes;
    s->calls++;
    return true;
}

/* ---------------------------------------------------------------- the run */

static bool
rc_listed(enum cs_rc rc)
{
    switch (rc) {
    case CS_OK: case CS_EINVAL: case CS_ENOTFOUND: case CS_EPERM:
    case CS_ECANCELED: case CS_EIO: case CS_EBUSY: case CS_ENOMEM:
        return true;
    default:
        return false;
    }
}

static void
write_input(const uint8_t *data, size_t size)
{
    FILE *fp = fopen(g.input, "wb");

    CHECK(fp != NULL);
    CHECK(size == 0 || fwrite(data, 1, size, fp) == size);
    CHECK(fclose(fp) == 0);
}

/* The import batch's stored totals are the report's. */
static void
check_batch_row(int64_t id, const struct cs_import_report *r)
{
    char sql[300];

    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM import_batch WHERE id = %lld"
             " AND rows_read = %ld AND accepted = %ld AND rejected = %ld"
             " AND duplicates = %ld AND undone_at IS NULL", (long long)id,
             r->rows_read, r->imported, r->rejected, r->duplicates);
    CHECK(query_int(sql) == 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const conss[] = { NULL, "AG21", "b22", "ZZ9" };
    static const char *const themes[] = { NULL, "MOB", "Environnement",
                                          "nope" };
    static const char delims[] = { 0, ',', ';', '\t' };
    struct cs_import_options opt;
    struct cs_import_report rep, again;
    struct cs_import_undo_report undo;
    struct progress_seen seen = { 0, 0 };
    struct cs_import_map map[2];
    struct snap before, after, undone;
    struct cs_error err;
    enum cs_import_kind kind;
    const char *rejects;
    bool agent, absent_option;
    size_t nmap = 0;
    enum cs_rc rc;
    uint8_t b0, b1;

    if (size < 2)
        return 0;
    if (!g.ready)
        setup();
    if (g.dirty)
        restore();
    b0 = data[0];
    b1 = data[1];
    data += 2;
    size -= 2;

    kind = (enum cs_import_kind)(b0 & 3);
    memset(&opt, 0, sizeof opt);
    opt.dry_run = (b0 & 4) != 0;
    opt.all_or_nothing = (b0 & 8) != 0;
    opt.consultation = conss[(b0 >> 4) & 3];
    opt.theme = themes[(b0 >> 6) & 3];
    agent = (b1 & 1) != 0;
    if (b1 & 2)
        map[nmap++] = kind_maps[kind].m[0];
    if (b1 & 4)
        map[nmap++] = kind_maps[kind].m[1];
    opt.map = nmap ? map : NULL;
    opt.nmap = nmap;
    opt.delimiter = delims[(b1 >> 3) & 3];
    opt.encoding = (b1 & 0x20) ? CS_CSV_ENC_WINDOWS1252 : CS_CSV_ENC_AUTO;
    if (b1 & 0x40) {
        opt.progress = on_progress;
        opt.progress_ctx = &seen;
    }
    opt.rejects_path = (b1 & 0x80) ? NULL : g.rejects;
    rejects = (b1 & 0x80) ? g.rejects_default : g.rejects;
    /* An absent consultation is looked up; a theme only within a
     * consultation that exists (B22 has neither MOB nor Environnement). */
    absent_option = ((b0 >> 4) & 3) == 3
                    || (((b0 >> 4) & 3) == 1 && ((b0 >> 6) & 3) == 3)
                    || (((b0 >> 4) & 3) == 2 && ((b0 >> 6) & 3) != 0);

    write_input(data, size);
    unlink(g.rejects);
    unlink(g.rejects_default);
    snap_take(&before);

    cs_import_report_init(&rep);
    cs_error_clear(&err);
    rc = cs_import_file(agent ? g.bob : g.alice, kind, g.input, &opt, &rep,
                        &err);
    snap_take(&after);
    if (getenv("ROWS_FUZZ_VERBOSE"))
        fprintf(stderr, "rows_fuzz: %s %s: read %ld, imported %ld, "
                "rejected %ld, duplicates %ld, people %ld%s%s\n",
                cs_import_kind_name(kind), cs_rc_name(rc), rep.rows_read,
                rep.imported, rep.rejected, rep.duplicates,
                rep.participants_created, rc != CS_OK ? ": " : "",
                rc != CS_OK ? err.msg : "");

    /* The codes: listed, and possible here. */
    if (rc != CS_OK && rc != CS_EINVAL && rc != CS_ENOTFOUND
        && rc != CS_EPERM)
        fprintf(stderr, "rows_fuzz: import: %s: %s\n", cs_rc_name(rc),
                err.msg);
    CHECK(rc_listed(rc));
    CHECK(rc == CS_OK || rc == CS_EINVAL || rc == CS_ENOTFOUND
          || rc == CS_EPERM);
    CHECK(rc != CS_EPERM || (agent && kind == CS_IMPORT_IDEAS));
    CHECK(rc != CS_ENOTFOUND || absent_option);
    CHECK(rc == CS_OK || err.msg[0] != '\0');
    CHECK(rep.kind == kind && rep.dry_run == opt.dry_run);
    CHECK(rep.rows_read >= 0 && rep.imported >= 0 && rep.rejected >= 0
          && rep.duplicates >= 0 && rep.participants_created >= 0);
    CHECK(rep.previous_batch == 0);     /* every run starts afresh */
    check_no_temporaries();

    if (rc != CS_OK || opt.dry_run) {
        /* Nothing written; the batch not kept. */
        if (!snap_same(&before, &after))
            fprintf(stderr, "rows_fuzz: %s changed the database (%s)\n",
                    rc == CS_OK ? "a dry run" : "a failed import",
                    cs_rc_name(rc));
        CHECK(snap_same(&before, &after));
        CHECK(rep.batch_id == 0);
    }
    if (rc == CS_OK) {
        CHECK(rep.rows_read == rep.imported + rep.rejected
                               + rep.duplicates);
        CHECK(!opt.all_or_nothing || rep.rejected == 0);
    } else {
        CHECK(rep.imported == 0 && rep.participants_created == 0);
        CHECK(rep.rows_read >= rep.rejected + rep.duplicates);
    }

    /* The reject file: exactly when rows were refused and it was kept. */
    if (rep.rejected > 0 && (rc == CS_OK || rc == CS_EINVAL)) {
        CHECK(rep.rejects_path != NULL);
        CHECK(strcmp(rep.rejects_path, rejects) == 0);
        check_rejects(rejects, rep.delimiter, rep.rejected);
    } else {
        CHECK(rep.rejects_path == NULL);
        CHECK(!exists(rejects));
    }
    CHECK(rep.rejects_path == NULL || rep.rejected > 0);

    if (rc == CS_OK && !opt.dry_run) {
        g.dirty = true;
        CHECK(rep.batch_id > 0);
        CHECK(after.batches == before.batches + 1);
        CHECK(after.audit > before.audit);
        check_batch_row(rep.batch_id, &rep);
        CHECK(after.participants
              == before.participants + rep.participants_created);
        switch (kind) {
        case CS_IMPORT_IDEAS:
            CHECK(after.ideas == before.ideas + rep.imported);
            CHECK(after.votes == before.votes
                  && after.tallies == before.tallies);
            break;
        case CS_IMPORT_VOTES:
            CHECK(after.votes == before.votes + rep.imported);
            CHECK(after.ideas == before.ideas
                  && after.tallies == before.tallies);
            break;
        case CS_IMPORT_TALLIES:
            /* A row keying a source's day again replaces that session's
             * counts: imported, but no new row. */
            CHECK(after.tallies >= before.tallies
                  && after.tallies <= before.tallies + rep.imported);
            CHECK(after.ideas == before.ideas
                  && after.votes == before.votes);
            break;
        case CS_IMPORT_PARTICIPANTS:
        default:
            CHECK(rep.participants_created == rep.imported);
            CHECK(after.ideas == before.ideas && after.votes == before.votes
                  && after.tallies == before.tallies);
            break;
        }
        check_counts();
        check_refusing(rep.batch_id);
        check_audit();

        /* The same file again adds nothing. */
        if (rep.imported > 0) {
            unlink(rejects);
            cs_import_report_init(&again);
            rc = cs_import_file(agent ? g.bob : g.alice, kind, g.input,
                                &opt, &again, &err);
            if (rc != CS_OK)
                fprintf(stderr, "rows_fuzz: again: %s\n", err.msg);
            CHECK(rc == CS_OK);
            CHECK(again.previous_batch == rep.batch_id);
            CHECK(again.batch_id == 0 && again.imported == 0);
            CHECK(again.rejects_path == NULL && !exists(rejects));
            snap_take(&undone);
            CHECK(snap_same(&after, &undone));
            cs_import_report_clear(&again);
        }

        /* Undoing the batch brings the rows and counts back; a tally
         * session it replaced keeps the counts the file gave (its row
         * is the earlier batch's: consult-csv(5)), so such a batch is
         * not compared with the state before it. */
        if (kind == CS_IMPORT_TALLIES
            && after.tallies != before.tallies + rep.imported) {
            cs_import_report_clear(&rep);
            return 0;
        }
        rc = cs_import_undo(g.alice, rep.batch_id, &undo, &err);
        if (rc != CS_OK)
            fprintf(stderr, "rows_fuzz: undo: %s: %s\n", cs_rc_name(rc),
                    err.msg);
        CHECK(rc == CS_OK);
        snap_take(&undone);
        if (!snap_same_content(&before, &undone))
            fprintf(stderr, "rows_fuzz: after undo: ideas %lld/%lld votes "
                    "%lld/%lld tallies %lld/%lld people %lld/%lld tags "
                    "%lld/%lld support %lld/%lld\n",
                    (long long)undone.ideas, (long long)before.ideas,
                    (long long)undone.votes, (long long)before.votes,
                    (long long)undone.tallies, (long long)before.tallies,
                    (long long)undone.participants,
                    (long long)before.participants,
                    (long long)undone.idea_tags,
                    (long long)before.idea_tags,
                    (long long)undone.sum_support,
                    (long long)before.sum_support);
        CHECK(snap_same_content(&before, &undone));
        switch (kind) {
        case CS_IMPORT_IDEAS:
            CHECK(undo.ideas == rep.imported);
            break;
        case CS_IMPORT_VOTES:
            CHECK(undo.votes == rep.imported);
            break;
        case CS_IMPORT_TALLIES:
            CHECK(undo.tallies == rep.imported);
            break;
        default:
            break;
        }
        CHECK(undo.participants == rep.participants_created);
        check_counts();
        check_audit();
    }
    cs_import_report_clear(&rep);
    return 0;
}
