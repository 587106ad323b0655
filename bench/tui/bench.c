/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * bench.c: time the ideas list's model in-process on the benchmark
 * database (gen.c): the first screen, the next page at several depths, a
 * filter change, a sort change, each keystroke of a search for a common
 * word and a rare one, and, for the idea page, similar ideas. Every figure
 * is the median and the worst of several runs, in milliseconds. The goal
 * for a list operation is 5 ms, for a search keystroke 16 ms.
 *
 * Usage: bench PATH [WIDTH HEIGHT]
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "consult/consult.h"
#include "consult/search.h"
#include "model_idea.h"
#include "model_ideas.h"

#define RUNS 7

static struct cs_db *db;
static int64_t cons;
static int width = 80, height = 19;

static double
now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
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
        fprintf(stderr, "usage: bench PATH [WIDTH HEIGHT]\n");
        return 64;
    }
    if (argc > 3) {
        width = atoi(argv[2]);
        height = atoi(argv[3]);
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
    printf("%-46s %9s %9s\n", "ideas list model (ms)", "median", "worst");

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
            if (model_idea_open(&p, db, 500000 + r, width, height, &err)
                != CS_OK)
                fail("idea page", &err);
            t[r] = now_ms() - t0;
        }
        model_idea_free(&p);
        report("an idea's page (with similar ideas)", t, RUNS, 50);
    }
    cs_db_close(db);
    return 0;
}
