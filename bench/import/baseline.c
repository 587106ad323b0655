/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * baseline.c: the benchmark's yardstick: libcsv parsing straight into one
 * prepared INSERT on a plain table (every column TEXT, no index, no
 * validation) in one transaction, the fastest a CSV file can go into
 * SQLite. `consult import` is measured against it.
 *
 *   bench-baseline [--journal wal|delete] [--delimiter C] [--then SQL]...
 *                  FILE DB
 *
 * With --then, the rows go into a temporary table `load` (c1, c2... TEXT)
 * of DB, and the SQL files are run in order in the same transaction: the
 * plain SQL load of the same rows into consult's own schema
 * (bench/import/*.sql), with the same page cache as an import (PRAGMA
 * cache_size = -8192) and foreign keys on, as consult opens its databases.
 * Those files may call consult_digest(v, ...) (the keyed digest of one
 * row's values, HMAC-SHA-256 as consult's journal computes it) and the
 * aggregate bench_rows_hash(tbl, row_id, digest) (the digest of a write's
 * rows, fed in the order given): bench/import/journal.sql records the
 * load in the journal as consult does.
 *
 * The first record names the columns. --journal sets the journal mode:
 * WAL by default, the mode consult's databases (and so its imports) use;
 * synchronous NORMAL as consult sets it. Closing the database checkpoints
 * the WAL, for the baseline as for consult.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <nettle/hmac.h>
#include <nettle/sha2.h>
#include <sqlite3.h>

/* ------------------------------------------------ the journal's digests */

/* A fixed key: the work of a keyed journal, not its secret. Set once,
 * as consult sets its key once per handle. */
static const uint8_t bench_key[32] = "bench-journal-key-0123456789abcd";
static struct hmac_sha256_ctx keyed;

static void
put_value(struct hmac_sha256_ctx *h, sqlite3_value *v)
{
    char buf[48];
    int n, len;
    const void *p;

    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
        n = snprintf(buf, sizeof buf, "i%lld\n",
                     (long long)sqlite3_value_int64(v));
        hmac_sha256_update(h, (size_t)n, (const uint8_t *)buf);
        break;
    case SQLITE_FLOAT:
        n = snprintf(buf, sizeof buf, "f%.17g\n", sqlite3_value_double(v));
        hmac_sha256_update(h, (size_t)n, (const uint8_t *)buf);
        break;
    case SQLITE_TEXT:
    case SQLITE_BLOB:
        p = sqlite3_value_type(v) == SQLITE_TEXT
                ? (const void *)sqlite3_value_text(v) : sqlite3_value_blob(v);
        len = sqlite3_value_bytes(v);
        n = snprintf(buf, sizeof buf, "t%d:", len);
        hmac_sha256_update(h, (size_t)n, (const uint8_t *)buf);
        if (len > 0)
            hmac_sha256_update(h, (size_t)len, p);
        hmac_sha256_update(h, 1, (const uint8_t *)"\n");
        break;
    default:
        hmac_sha256_update(h, 2, (const uint8_t *)"n\n");
        break;
    }
}

static void
fn_digest(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    struct hmac_sha256_ctx h;
    uint8_t out[SHA256_DIGEST_SIZE];

    h = keyed;
    hmac_sha256_update(&h, 4, (const uint8_t *)"row\n");
    for (int i = 0; i < argc; i++)
        put_value(&h, argv[i]);
    hmac_sha256_digest(&h, sizeof out, out);
    sqlite3_result_blob(cx, out, sizeof out, SQLITE_TRANSIENT);
}

static void
fn_rows_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    struct { int started; struct sha256_ctx s; } *a;
    static const char hexd[] = "0123456789abcdef";
    char num[24], hex[2 * SHA256_DIGEST_SIZE + 1];
    const uint8_t *d;
    int n;

    (void)argc;
    if ((a = sqlite3_aggregate_context(cx, sizeof *a)) == NULL)
        return;
    if (!a->started) {
        sha256_init(&a->s);
        a->started = 1;
    }
    sha256_update(&a->s, (size_t)sqlite3_value_bytes(argv[0]),
                  sqlite3_value_text(argv[0]));
    n = snprintf(num, sizeof num, "\n%lld\n",
                 (long long)sqlite3_value_int64(argv[1]));
    sha256_update(&a->s, (size_t)n, (const uint8_t *)num);
    d = sqlite3_value_blob(argv[2]);
    n = sqlite3_value_bytes(argv[2]);
    for (int i = 0; d && i < n && i < SHA256_DIGEST_SIZE; i++) {
        hex[2 * i] = hexd[d[i] >> 4];
        hex[2 * i + 1] = hexd[d[i] & 15];
    }
    sha256_update(&a->s, (size_t)(d ? 2 * n : 0), (const uint8_t *)hex);
    sha256_update(&a->s, 1, (const uint8_t *)"\n");
}

static void
fn_rows_final(sqlite3_context *cx)
{
    struct { int started; struct sha256_ctx s; } *a;
    uint8_t out[SHA256_DIGEST_SIZE];

    a = sqlite3_aggregate_context(cx, 0);
    if (a == NULL || !a->started) {
        sqlite3_result_null(cx);
        return;
    }
    sha256_digest(&a->s, sizeof out, out);
    sqlite3_result_blob(cx, out, sizeof out, SQLITE_TRANSIENT);
}

struct load {
    sqlite3 *db;
    sqlite3_stmt *ins;
    char *create;           /* CREATE TABLE text, built from the header */
    const char *table;      /* "load" or "temp.load" */
    size_t create_len;
    int ncols;              /* columns of the table */
    int col;                /* next field of the current record */
    long rows;
    int failed;
};

static void
on_field(void *s, size_t len, void *ctx)
{
    struct load *l = ctx;

    if (l->ins == NULL) {
        /* Header: one TEXT column per field, named c1, c2... */
        char name[32];
        size_t n = (size_t)snprintf(name, sizeof name, "%sc%d TEXT",
                                    l->ncols ? ", " : "", l->ncols + 1);
        char *p = realloc(l->create, l->create_len + n + 1);

        (void)s;
        (void)len;
        if (p == NULL) {
            l->failed = 1;
            return;
        }
        memcpy(p + l->create_len, name, n + 1);
        l->create = p;
        l->create_len += n;
        l->ncols++;
        return;
    }
    if (l->col < l->ncols)
        sqlite3_bind_text(l->ins, l->col + 1, s ? s : "", (int)len,
                          SQLITE_TRANSIENT);
    l->col++;
}

static void
on_record(int c, void *ctx)
{
    struct load *l = ctx;

    (void)c;
    if (l->failed)
        return;
    if (l->ins == NULL) {
        char *sql;
        size_t n = l->create_len + 64 + (size_t)l->ncols * 3;

        if ((sql = malloc(n)) == NULL) {
            l->failed = 1;
            return;
        }
        snprintf(sql, n, "CREATE TABLE %s(%s)", l->table, l->create);
        if (sqlite3_exec(l->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
            fprintf(stderr, "%s\n", sqlite3_errmsg(l->db));
            l->failed = 1;
        }
        snprintf(sql, n, "INSERT INTO %s VALUES (?", l->table);
        for (int i = 1; i < l->ncols; i++)
            strcat(sql, ",?");
        strcat(sql, ")");
        if (!l->failed
            && sqlite3_prepare_v2(l->db, sql, -1, &l->ins, NULL) != SQLITE_OK) {
            fprintf(stderr, "%s\n", sqlite3_errmsg(l->db));
            l->failed = 1;
        }
        free(sql);
        l->col = 0;
        return;
    }
    for (int i = l->col; i < l->ncols; i++)
        sqlite3_bind_null(l->ins, i + 1);
    if (sqlite3_step(l->ins) != SQLITE_DONE) {
        fprintf(stderr, "%s\n", sqlite3_errmsg(l->db));
        l->failed = 1;
    }
    sqlite3_reset(l->ins);
    l->col = 0;
    l->rows++;
}

/* Run the SQL statements of file `path` on `db`. */
static int
run_file(sqlite3 *db, const char *path)
{
    FILE *f = fopen(path, "rb");
    char *sql, *msg = NULL;
    long n;
    int rc;

    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0
        || fseek(f, 0, SEEK_SET) != 0 || (sql = malloc((size_t)n + 1)) == NULL) {
        perror(path);
        if (f)
            fclose(f);
        return 1;
    }
    sql[fread(sql, 1, (size_t)n, f)] = '\0';
    fclose(f);
    rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "%s: %s\n", path, msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    free(sql);
    return rc == SQLITE_OK ? 0 : 1;
}

int
main(int argc, char **argv)
{
    const char *journal = "wal", *path, *dbpath, *then = NULL;
    const char *more[4];
    int nthen = 0;
    unsigned char delim = 0;
    static char buf[65536];
    struct csv_parser p;
    struct load l;
    FILE *in;
    size_t n;
    int i = 1;
    char pragma[128];

    while (i + 1 < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "--journal") == 0)
            journal = argv[i + 1];
        else if (strcmp(argv[i], "--delimiter") == 0)
            delim = (unsigned char)argv[i + 1][0];
        else if (strcmp(argv[i], "--then") == 0 && nthen < 4)
            then = more[nthen++] = argv[i + 1];
        else
            break;
        i += 2;
    }
    if (argc - i != 2) {
        fputs("usage: bench-baseline [--journal wal|delete]"
              " [--delimiter C] [--then SQL] FILE DB\n", stderr);
        return 64;
    }
    path = argv[i];
    dbpath = argv[i + 1];
    memset(&l, 0, sizeof l);
    l.table = then ? "temp.load" : "load";
    if ((in = fopen(path, "rb")) == NULL) {
        perror(path);
        return 66;
    }
    if (sqlite3_open(dbpath, &l.db) != SQLITE_OK) {
        fprintf(stderr, "%s\n", sqlite3_errmsg(l.db));
        return 1;
    }
    snprintf(pragma, sizeof pragma,
             "PRAGMA journal_mode = %s; PRAGMA synchronous = NORMAL;%s",
             strcmp(journal, "delete") == 0 ? "DELETE" : "WAL",
             then ? " PRAGMA cache_size = -8192; PRAGMA foreign_keys = ON;"
                  : "");
    hmac_sha256_set_key(&keyed, sizeof bench_key, bench_key);
    sqlite3_create_function(l.db, "consult_digest", -1, SQLITE_UTF8, NULL,
                            fn_digest, NULL, NULL);
    sqlite3_create_function(l.db, "bench_rows_hash", 3, SQLITE_UTF8, NULL,
                            NULL, fn_rows_step, fn_rows_final);
    if (sqlite3_exec(l.db, pragma, NULL, NULL, NULL) != SQLITE_OK
        || sqlite3_exec(l.db, "BEGIN IMMEDIATE", NULL, NULL, NULL)
           != SQLITE_OK) {
        fprintf(stderr, "%s\n", sqlite3_errmsg(l.db));
        return 1;
    }
    if (csv_init(&p, CSV_STRICT_FINI) != 0)
        return 1;
    if (delim == 0) {
        /* The benchmark's files: ';' for the ideas, ',' for the votes. */
        n = fread(buf, 1, sizeof buf, in);
        delim = memchr(buf, ';', n < 200 ? n : 200) ? ';' : ',';
        csv_set_delim(&p, delim);
        if (csv_parse(&p, buf, n, on_field, on_record, &l) != n)
            l.failed = 1;
    } else {
        csv_set_delim(&p, delim);
    }
    while (!l.failed && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_record, &l) != n)
            l.failed = 1;
    csv_fini(&p, on_field, on_record, &l);
    csv_free(&p);
    fclose(in);
    sqlite3_finalize(l.ins);
    for (int k = 0; k < nthen && !l.failed; k++)
        if (run_file(l.db, more[k]) != 0)
            l.failed = 1;
    if (l.failed
        || sqlite3_exec(l.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "load failed: %s\n", sqlite3_errmsg(l.db));
        sqlite3_close(l.db);
        return 1;
    }
    /* A WAL file is written back into the database by a checkpoint; the
     * import pays for it too (it runs when the import commits), so does
     * the baseline. */
    sqlite3_close(l.db);
    free(l.create);
    printf("%ld rows\n", l.rows);
    return 0;
}
