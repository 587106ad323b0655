/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * csvread.c: micro-benchmark of the CSV reader (src/core/csv.c).
 *
 * Generates (fixed seed) a CSV file of paper-form submissions: French text
 * with accents, doubled quotes, semicolons and newlines inside quoted
 * bodies of 200-800 bytes; then reads it, alternating, with
 *   - the baseline: plain libcsv, 64 KiB reads, callbacks that only count;
 *   - cs_csv_reader: detection, lexing, conversion checks, copies, records;
 * and prints the best of each, their ratio, and the peak memory.
 *
 *   csvread [MB]            generate MB megabytes (default 50) and read
 *   csvread --file PATH     read an existing file instead
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <csv.h>

#include "consult/csv.h"

static const char *const words[] = {
    "mobilité", "vélo", "réunion", "télétravail", "écoles", "œuvre",
    "l’accueil", "des", "agents", "service", "horaires", "été", "cantine",
    "propreté", "forêt", "déchets", "énergie", "ça", "à", "côté",
    "\"navette\"", "parking;", "bâtiment", "formation", "sécurité",
};

static uint32_t seed = 20210315;

static uint32_t
rnd(uint32_t n)
{
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % n;
}

/* One quoted field of about `len` bytes of text. */
static void
put_text(FILE *fp, size_t len)
{
    size_t n = 0;

    fputc('"', fp);
    while (n < len) {
        const char *w = words[rnd(sizeof words / sizeof words[0])];
        for (const char *p = w; *p; p++) {
            if (*p == '"')
                fputc('"', fp);
            fputc(*p, fp);
        }
        n += strlen(w) + 1;
        fputc(rnd(40) == 0 ? '\n' : ' ', fp);
    }
    fputc('"', fp);
}

static void
generate(const char *path, size_t bytes)
{
    FILE *fp = fopen(path, "wb");
    long id = 0;

    if (fp == NULL) {
        perror(path);
        exit(1);
    }
    fputs("form_ref,theme,title,body,author_name,service\n", fp);
    while ((size_t)ftell(fp) < bytes) {
        fprintf(fp, "F-%06ld,%s,", ++id, rnd(2) ? "MOB" : "ENV");
        put_text(fp, 20 + rnd(40));
        fputc(',', fp);
        put_text(fp, 200 + rnd(600));
        fprintf(fp, ",Agent %u,Direction %u\n", rnd(25000), rnd(40));
    }
    fclose(fp);
}

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t base_fields, base_rows;

static void
count_field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    (void)data;
    base_fields++;
}

static void
count_row(int c, void *data)
{
    (void)c;
    (void)data;
    base_rows++;
}

static double
run_baseline(const char *path, size_t *rows)
{
    static char buf[64 * 1024];
    struct csv_parser p;
    FILE *fp = fopen(path, "rb");
    double t = now();
    size_t n;

    base_fields = base_rows = 0;
    csv_init(&p, 0);
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        csv_parse(&p, buf, n, count_field, count_row, NULL);
    csv_fini(&p, count_field, count_row, NULL);
    csv_free(&p);
    fclose(fp);
    *rows = base_rows;
    return now() - t;
}

static double
run_reader(const char *path, size_t *rows, size_t *bad)
{
    struct cs_csv_reader *r;
    struct cs_csv_record rec;
    struct cs_error err;
    enum cs_rc rc;
    double t = now();

    *rows = *bad = 0;
    if (cs_csv_reader_open(path, NULL, &r, &err) != CS_OK) {
        fprintf(stderr, "%s: %s\n", path, err.msg);
        exit(1);
    }
    while ((rc = cs_csv_reader_next(r, &rec, &err)) == CS_OK
           || rc == CS_EINVAL) {
        (*rows)++;
        *bad += rc == CS_EINVAL;
    }
    if (rc != CS_ENOTFOUND) {
        fprintf(stderr, "%s: %s\n", path, err.msg);
        exit(1);
    }
    cs_csv_reader_close(r);
    return now() - t;
}

int
main(int argc, char **argv)
{
    char path[256];
    const char *file = NULL;
    size_t mb = 50, rows_b = 0, rows_r = 0, bad = 0, size;
    double best_b = 1e9, best_r = 1e9;
    struct rusage ru;
    FILE *fp;

    if (argc == 3 && strcmp(argv[1], "--file") == 0)
        file = argv[2];
    else if (argc == 2)
        mb = (size_t)strtoul(argv[1], NULL, 10);
    if (file == NULL) {
        snprintf(path, sizeof path, "%s/consult-csvread-%zu.csv",
                 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", mb);
        generate(path, mb * 1024 * 1024);
        file = path;
    }
    fp = fopen(file, "rb");
    fseek(fp, 0, SEEK_END);
    size = (size_t)ftell(fp);
    fclose(fp);

    for (int i = 0; i < 3; i++) {
        double b = run_baseline(file, &rows_b);
        double r = run_reader(file, &rows_r, &bad);
        best_b = b < best_b ? b : best_b;
        best_r = r < best_r ? r : best_r;
    }
    getrusage(RUSAGE_SELF, &ru);
    printf("file       %s (%.1f MB)\n", file, (double)size / 1048576.0);
    printf("baseline   %.3f s  %8.1f MB/s  %9.0f rows/s  (%zu rows)\n",
           best_b, (double)size / 1048576.0 / best_b,
           (double)rows_b / best_b, rows_b);
    printf("cs_csv     %.3f s  %8.1f MB/s  %9.0f rows/s  (%zu rows, %zu "
           "bad)\n", best_r, (double)size / 1048576.0 / best_r,
           (double)rows_r / best_r, rows_r, bad);
    printf("ratio      %.2fx the baseline's time\n", best_r / best_b);
    printf("peak RSS   %.1f MiB\n", (double)ru.ru_maxrss / 1024.0);
    if (argc < 3 && file == path)
        remove(path);
    return 0;
}
