/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * bench.c: time the ideas list's model in-process on the benchmark
 * database (gen.c): the first screen, the next page at several depths, a
 * filter change, a sort change, each keystroke of a search for a common
 * word and a rare one, an idea's page with its similar ideas, and the
 * statistics (the screen's model, cs_stats_get and, given the binary,
 * `consult stats`). Every figure is the median and the worst of several
 * runs, in milliseconds, with its goal: 5 ms for a list operation, 16 ms
 * for a search keystroke and an idea's page, 50 ms for the statistics.
 *
 * Two figures are set beside a baseline, run alternately with them: the
 * statistics from the figures the schema keeps against the same figures
 * counted from the ideas, votes, comments and people; similar ideas
 * against a plain FTS5 query of the idea's words ranked by bm25.
 *
 * Usage: bench PATH [WIDTH HEIGHT [CONSULT]]
 * With BENCH_CLOCK=cpu in the environment, times are CPU times (of the
 * child for `consult stats`) rather than wall-clock times; with
 * BENCH_BASELINES=0, the baselines are left out.
 */
#define _DEFAULT_SOURCE         /* wait4 */

#include <fcntl.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "consult/consult.h"
#include "consult/search.h"
#include "model_idea.h"
#include "model_ideas.h"
#include "model_stats.h"

#define RUNS 7
#define BASE_RUNS 3     /* runs of the statistics' baseline (seconds each) */

static struct cs_db *db;
static int64_t cons;
static int width = 80, height = 19;

/* Wall-clock time, or with BENCH_CLOCK=cpu the process's CPU time: on a
 * machine shared with other work, what the operation itself costs. */
static clockid_t clock_id = CLOCK_MONOTONIC;

static double
now_ms(void)
{
    struct timespec t;

    clock_gettime(clock_id, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static void
report(const char *what, double *t, int n, double goal)
{
    qsort(t, (size_t)n, sizeof *t, cmp);
    printf("%-46s %9.3f %9.3f  %s\n", what, t[n / 2], t[n - 1],
           t[n - 1] <= goal ? "ok" : t[n / 2] <= goal ? "median ok"
                                                       : "OVER");
}

static void
fail(const char *what, const struct cs_error *err)
{
    fprintf(stderr, "bench: %s: %s\n", what, err->msg);
    exit(1);
}

static void
open_model(struct model_ideas *m)
{
    struct cs_error err;

    if (model_ideas_init(m, db, cons, "BENCH", width, height, &err) != CS_OK)
        fail("init", &err);
}

/* Time `fn` on a fresh model RUNS times, after `prep`. */
typedef enum cs_rc (*op_fn)(struct model_ideas *m, const void *arg,
                            struct cs_error *err);

static void
time_op(const char *what, void (*prep)(struct model_ideas *), op_fn fn,
        const void *arg, double goal)
{
    double t[RUNS];

    for (int r = 0; r < RUNS; r++) {
        struct model_ideas m;
        struct cs_error err;
        double t0;

        open_model(&m);
        if (prep)
            prep(&m);
        t0 = now_ms();
        if (fn(&m, arg, &err) != CS_OK)
            fail(what, &err);
        t[r] = now_ms() - t0;
        model_ideas_free(&m);
    }
    report(what, t, RUNS, goal);
}

static enum cs_rc
op_apply(struct model_ideas *m, const void *arg, struct cs_error *err)
{
    return model_ideas_apply(m, *(const enum tui_action *)arg, err);
}

static enum cs_rc
op_status(struct model_ideas *m, const void *arg, struct cs_error *err)
{
    return model_ideas_filter_status(m, *(const int *)arg, err);
}

static enum cs_rc
op_theme(struct model_ideas *m, const void *arg, struct cs_error *err)
{
    (void)arg;
    return model_ideas_filter_theme(m, m->themes[3].id, err);
}

static enum cs_rc
op_themes(struct model_ideas *m, const void *arg, struct cs_error *err)
{
    (void)arg;
    return model_ideas_themes(m, err);
}

static void
prep_themes(struct model_ideas *m)
{
    struct cs_error err;

    if (model_ideas_themes(m, &err) != CS_OK)
        fail("themes", &err);
}

static enum cs_rc
op_channel(struct model_ideas *m, const void *arg, struct cs_error *err)
{
    return model_ideas_filter_channel(m, *(const int *)arg, err);
}

static enum cs_rc
op_tag(struct model_ideas *m, const void *arg, struct cs_error *err)
{
    return model_ideas_filter_tag(m, arg, err);
}

static void
prep_end(struct model_ideas *m)
{
    struct cs_error err;

    if (model_ideas_apply(m, TUI_ACT_END, &err) != CS_OK)
        fail("end", &err);
}

static void
prep_deep(struct model_ideas *m)
{
    struct cs_error err;

    for (int i = 0; i < 200; i++)
        if (model_ideas_apply(m, TUI_ACT_PGDN, &err) != CS_OK)
            fail("pgdn", &err);
}

static void
prep_support(struct model_ideas *m)
{
    struct cs_error err;

    if (model_ideas_apply(m, TUI_ACT_SORT, &err) != CS_OK)
        fail("sort", &err);
}

/* A page of cs_idea_list after the row at `depth` of the date order, as
 * PgDn at that depth asks for. */
static void
page_at(long depth)
{
    struct cs_idea_filter f;
    struct cs_idea_cursor c = { 0 };
    struct cs_idea_list *l = NULL;
    struct cs_error err;
    double t[RUNS];
    char what[64];
    long got = 0;

    cs_idea_filter_init(&f);
    f.consultation_id = cons;
    f.descending = true;
    /* Walk there page by page (not timed): keyset pages have no offset. */
    while (got < depth) {
        size_t n = depth - got > 10000 ? 10000 : (size_t)(depth - got);

        if (cs_idea_list(db, &f, &c, n, &l, &err) != CS_OK)
            fail("walk", &err);
        got += (long)l->count;
        c = l->next;
        cs_idea_list_free(l);
        if (!c.valid)
            break;
    }
    for (int r = 0; r < RUNS; r++) {
        double t0 = now_ms();

        if (cs_idea_list(db, &f, &c, (size_t)height, &l, &err) != CS_OK)
            fail("page", &err);
        t[r] = now_ms() - t0;
        cs_idea_list_free(l);
    }
    snprintf(what, sizeof what, "next page at row %ld (keyset)", depth);
    report(what, t, RUNS, 5);
}

static void
keystrokes(const char *label, const char *word)
{
    size_t n = strlen(word), i = 0;

    printf("search as typed, %s word \"%s\":\n", label, word);
    while (i < n) {
        char prefix[64], what[96];
        double t[RUNS];

        do
            i++;
        while (i < n && ((unsigned char)word[i] & 0xc0) == 0x80);
        snprintf(prefix, sizeof prefix, "%.*s", (int)i, word);
        for (int r = 0; r < RUNS; r++) {
            struct model_ideas m;
            struct cs_error err;
            double t0;

            open_model(&m);
            t0 = now_ms();
            if (model_ideas_search(&m, prefix, &err) != CS_OK)
                fail("search", &err);
            t[r] = now_ms() - t0;
            if (r == 0)
                snprintf(what, sizeof what, "  \"%s\" (%lld%s found)",
                         prefix, (long long)m.total,
                         m.counting ? "+ so far" : "");
            model_ideas_free(&m);
        }
        report(what, t, RUNS, 16);
    }
}

/* ---------------------------------------------------------- baselines */

static const char *db_path, *consult_path;
static sqlite3 *raw;            /* a plain connection, for the baselines */

static int
median_of(double *t, int n, double *worst)
{
    qsort(t, (size_t)n, sizeof *t, cmp);
    *worst = t[n - 1];
    return n / 2;
}

/* With BENCH_BASELINES=0 the baselines are left out (at two million
 * ideas the statistics' one takes minutes a run). */
static bool no_baselines;

/* Run `a` and `b` alternately `runs` times each (at most RUNS; run r of
 * both on the same argument), print both and the ratio of their
 * medians; `a` alone, RUNS times, without the baselines. */
static void
compare(const char *what, double (*a)(int), const char *base,
        double (*b)(int), int runs, double goal)
{
    double ta[RUNS], tb[RUNS], wa, wb;
    int ma, mb;

    if (no_baselines)
        runs = RUNS;
    for (int r = 0; r < runs; r++) {
        ta[r] = a(r);
        if (!no_baselines)
            tb[r] = b(r);
    }
    ma = median_of(ta, runs, &wa);
    printf("%-46s %9.3f %9.3f  %s\n", what, ta[ma], wa,
           wa <= goal ? "ok" : ta[ma] <= goal ? "median ok" : "OVER");
    if (no_baselines)
        return;
    mb = median_of(tb, runs, &wb);
    printf("  %-44s %9.3f %9.3f  (%.1fx the time)\n", base, tb[mb], wb,
           ta[ma] > 0 ? tb[mb] / ta[ma] : 0);
}

static void
raw_step_all(const char *sql, int64_t bind)
{
    sqlite3_stmt *st = NULL;

    if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench: %s: %s\n", sql, sqlite3_errmsg(raw));
        exit(1);
    }
    if (bind)
        sqlite3_bind_int64(st, 1, bind);
    while (sqlite3_step(st) == SQLITE_ROW)
        ;
    sqlite3_finalize(st);
}

static double
stats_kept(int r)
{
    struct cs_stats *st = NULL;
    struct cs_error err;
    double t0 = now_ms();

    (void)r;
    if (cs_stats_get(db, cons, &st, &err) != CS_OK)
        fail("stats", &err);
    cs_stats_free(st);
    return now_ms() - t0;
}

/* The same figures from the rows: ideas by kind, status and channel with
 * their votes and tallies, per theme, the comments shown, and everyone
 * who authored, voted or commented (asked person by person, with a
 * seek each, the fastest way the rows allow), in one read transaction. */
static double
stats_counted(int r)
{
    double t0 = now_ms();

    (void)r;
    raw_step_all("BEGIN", 0);
    raw_step_all("SELECT kind, status, channel, count(*), sum(votes),"
                 " sum(tallies) FROM idea WHERE consultation_id = ?1"
                 " GROUP BY 1, 2, 3", cons);
    raw_step_all("SELECT t.id, count(i.id), sum(i.votes), sum(i.tallies)"
                 " FROM theme t LEFT JOIN idea i ON i.theme_id = t.id"
                 " WHERE t.consultation_id = ?1 GROUP BY t.id", cons);
    raw_step_all("SELECT count(*) FROM idea i JOIN comment c"
                 " ON c.idea_id = i.id WHERE i.consultation_id = ?1"
                 " AND c.hidden = 0", cons);
    raw_step_all("SELECT count(*), sum(p.email IS NULL) FROM participant p"
                 " WHERE EXISTS (SELECT 1 FROM idea i WHERE i.author_id ="
                 " p.id AND i.consultation_id = ?1) OR EXISTS (SELECT 1"
                 " FROM vote v CROSS JOIN idea i ON i.id = v.idea_id"
                 " WHERE v.participant_id = p.id AND i.consultation_id ="
                 " ?1) OR EXISTS (SELECT 1 FROM comment m CROSS JOIN idea i"
                 " ON i.id = m.idea_id WHERE m.participant_id = p.id"
                 " AND i.consultation_id = ?1)", cons);
    raw_step_all("COMMIT", 0);
    return now_ms() - t0;
}

/* The ideas whose similar ones are looked for: in the middle of the
 * table, one per run. */
static int64_t middle;           /* max(id) / 2 */

static int64_t
similar_id(int r)
{
    return middle + r;
}

static double
similar_core(int r)
{
    struct cs_idea_list *l = NULL;
    struct cs_error err;
    double t0 = now_ms();

    if (cs_search_similar(db, similar_id(r), 5, &l, &err) != CS_OK)
        fail("similar", &err);
    cs_idea_list_free(l);
    return now_ms() - t0;
}

/* Every distinct word of the idea's title and body, quoted, joined with
 * OR, ranked by bm25 (title twice the body), best five. */
static double
similar_plain(int r)
{
    sqlite3_stmt *st = NULL;
    char q[8192] = "", word[256];
    double t0 = now_ms();
    size_t qn = 0;

    if (sqlite3_prepare_v2(raw, "SELECT title || ' ' || body FROM idea"
                           " WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
        exit(1);
    sqlite3_bind_int64(st, 1, similar_id(r));
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *p = sqlite3_column_text(st, 0);

        while (*p) {
            size_t n = 0;

            while (*p && *p < 0x80 && !((*p >= 'a' && *p <= 'z')
                   || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
                p++;
            while (*p && (*p >= 0x80 || (*p >= 'a' && *p <= 'z')
                   || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
                   && n < sizeof word - 3)
                word[n++] = (char)*p++;
            word[n] = '\0';
            if (n == 0 || strstr(q, word) != NULL
                || qn + n + 8 >= sizeof q)
                continue;
            qn += (size_t)snprintf(q + qn, sizeof q - qn, "%s\"%s\"",
                                   qn ? " OR " : "", word);
        }
    }
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(raw, "SELECT rowid FROM idea_fts"
                           " WHERE idea_fts MATCH ?1 AND rowid <> ?2"
                           " ORDER BY bm25(idea_fts, 2.0, 1.0) LIMIT 5", -1,
                           &st, NULL) != SQLITE_OK)
        exit(1);
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, similar_id(r));
    while (sqlite3_step(st) == SQLITE_ROW)
        ;
    sqlite3_finalize(st);
    return now_ms() - t0;
}

/* `consult --db PATH stats --consultation BENCH`, output thrown away:
 * process start, opening, the figures and printing them. */
static double
stats_process(void)
{
    double t0 = now_ms();
    pid_t pid = fork();
    struct rusage ru;
    int status;

    if (pid < 0) {
        perror("fork");
        exit(1);
    }
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);

        dup2(fd, 1);
        execl(consult_path, consult_path, "--db", db_path, "stats",
              "--consultation", "BENCH", (char *)NULL);
        _exit(127);
    }
    wait4(pid, &status, 0, &ru);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench: consult stats failed\n");
        exit(1);
    }
    if (clock_id != CLOCK_MONOTONIC)
        return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3
               + (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    return now_ms() - t0;
}

static void
statistics(void)
{
    double t[RUNS], t0;
    struct cs_error err;

    for (int r = 0; r < RUNS; r++) {
        struct model_stats m;

        memset(&m, 0, sizeof m);
        t0 = now_ms();
        if (model_stats_load(&m, db, cons, "BENCH", width, height, &err)
            != CS_OK)
            fail("statistics screen", &err);
        t[r] = now_ms() - t0;
        model_stats_free(&m);
    }
    report("statistics screen (model_stats_load)", t, RUNS, 50);
    compare("statistics (cs_stats_get, kept figures)", stats_kept,
            "baseline: the same counted from the rows", stats_counted,
            BASE_RUNS, 50);
    if (consult_path != NULL) {
        for (int r = 0; r < RUNS; r++)
            t[r] = stats_process();
        report("consult stats (process start to exit)", t, RUNS, 50);
    }
}

int
main(int argc, char **argv)
{
    struct cs_error err;
    struct cs_consultation c;
    struct cs_open_opts o = { CS_OPEN_READONLY, 0, NULL };
    double t[RUNS], t0;
    enum tui_action pgdn = TUI_ACT_PGDN, pgup = TUI_ACT_PGUP,
                    sort = TUI_ACT_SORT, rev = TUI_ACT_REVERSE,
                    end = TUI_ACT_END, refresh = TUI_ACT_REFRESH;
    int st_new = CS_STATUS_NEW, st_acc = CS_STATUS_ACCEPTED,
        ch_email = CS_CHANNEL_EMAIL;

    if (argc < 2) {
        fprintf(stderr, "usage: bench PATH [WIDTH HEIGHT [CONSULT]]\n");
        return 64;
    }
    if (argc > 3) {
        width = atoi(argv[2]);
        height = atoi(argv[3]);
    }
    if (argc > 4)
        consult_path = argv[4];
    if (getenv("BENCH_CLOCK") && strcmp(getenv("BENCH_CLOCK"), "cpu") == 0)
        clock_id = CLOCK_PROCESS_CPUTIME_ID;
    no_baselines = getenv("BENCH_BASELINES")
                   && strcmp(getenv("BENCH_BASELINES"), "0") == 0;
    db_path = argv[1];
    if (sqlite3_open_v2(db_path, &raw, SQLITE_OPEN_READONLY, NULL)
        != SQLITE_OK) {
        fprintf(stderr, "bench: cannot open %s\n", db_path);
        return 1;
    }
    {
        sqlite3_stmt *st = NULL;

        if (sqlite3_prepare_v2(raw, "SELECT max(id) / 2 FROM idea", -1, &st,
                               NULL) == SQLITE_OK
            && sqlite3_step(st) == SQLITE_ROW)
            middle = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    setlocale(LC_ALL, "C.UTF-8");
    setvbuf(stdout, NULL, _IOLBF, 0);
    t0 = now_ms();
    if (cs_db_open(&db, argv[1], &o, &err) != CS_OK)
        fail("open", &err);
    printf("%-46s %9.3f\n", "open the database", now_ms() - t0);
    t0 = now_ms();
    {
        struct cs_consultation_list *l = NULL;

        if (cs_search_consultations(db, &l, &err) != CS_OK || l->count == 0)
            fail("consultations", &err);
        cons = l->items[0].id;
        cs_consultation_list_free(l);
    }
    printf("%-46s %9.3f\n", "list the consultations (no counts)",
           now_ms() - t0);
    t0 = now_ms();
    if (cs_consultation_find(db, "BENCH", &c, &err) != CS_OK)
        fail("find", &err);
    printf("%-46s %9.3f  (counts computed by the core)\n",
           "cs_consultation_find, for comparison", now_ms() - t0);
    printf("%lld ideas, window %dx%d\n\n", (long long)c.idea_count, width,
           height);
    cs_consultation_clear(&c);
    printf("%-46s %9s %9s\n", clock_id == CLOCK_MONOTONIC
           ? "ideas list model (ms)" : "ideas list model (CPU ms)",
           "median", "worst");

    for (int r = 0; r < RUNS; r++) {
        struct model_ideas m;

        t0 = now_ms();
        open_model(&m);
        t[r] = now_ms() - t0;
        model_ideas_free(&m);
    }
    report("first screen (page, first count step)", t, RUNS, 5);
    {
        struct model_ideas m;
        double worst = 0, total = 0;
        int steps = 0;

        open_model(&m);
        while (m.counting) {
            t0 = now_ms();
            if (model_ideas_count_step(&m, &err) != CS_OK)
                fail("count", &err);
            t0 = now_ms() - t0;
            total += t0;
            worst = t0 > worst ? t0 : worst;
            steps++;
        }
        printf("%-46s %9.3f %9.3f  (%d steps, %lld ideas, %.0f ms in all)\n",
               "count step between keys", steps ? total / steps : 0, worst,
               steps, (long long)m.total, total);
        model_ideas_free(&m);
    }
    time_op("PgDn from the top", NULL, op_apply, &pgdn, 5);
    time_op("PgDn 200 pages down", prep_deep, op_apply, &pgdn, 5);
    time_op("End (last page)", NULL, op_apply, &end, 5);
    time_op("PgUp from the end", prep_end, op_apply, &pgup, 5);
    time_op("refresh", prep_deep, op_apply, &refresh, 5);
    page_at(0);
    page_at(100000);
    page_at(500000);
    page_at(900000);
    page_at(1900000);
    time_op("filter: status new", NULL, op_status,
            &st_new, 5);
    time_op("filter: status accepted", NULL, op_status, &st_acc, 5);
    time_op("themes for the filter menu (counted by the core)", NULL,
            op_themes, NULL, 50);
    time_op("filter: one theme", prep_themes, op_theme, NULL, 5);
    time_op("filter: channel email", NULL, op_channel, &ch_email, 5);
    time_op("filter: tag (1 idea in 100)", NULL, op_tag, "Énergie", 5);
    time_op("sort: by support", NULL, op_apply, &sort, 5);
    time_op("sort: by number", prep_support, op_apply, &sort, 5);
    time_op("sort: reverse", NULL, op_apply, &rev, 5);
    putchar('\n');
    keystrokes("common", "électrique");
    keystrokes("rare", "ornithorynque");
    putchar('\n');
    {
        struct model_idea p;

        memset(&p, 0, sizeof p);
        for (int r = 0; r < RUNS; r++) {
            t0 = now_ms();
            if (model_idea_open(&p, db, similar_id(r), width, height, &err)
                != CS_OK)
                fail("idea page", &err);
            t[r] = now_ms() - t0;
        }
        model_idea_free(&p);
        report("an idea's page (with similar ideas)", t, RUNS, 16);
    }
    compare("similar ideas (cs_search_similar)", similar_core,
            "baseline: plain FTS5 query of its words", similar_plain, RUNS,
            16);
    putchar('\n');
    statistics();
    sqlite3_close(raw);
    cs_db_close(db);
    return 0;
}
