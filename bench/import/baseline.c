/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * baseline.c: the benchmark's yardstick: libcsv parsing straight into one
 * prepared INSERT on a plain table (every column TEXT, no index, no
 * validation) in one transaction, the fastest a CSV file can go into
 * SQLite. `consult import` is measured against it.
 *
 *   bench-baseline [--journal wal|delete] [--delimiter C] [--then SQL]
 *                  FILE DB
 *
 * With --then, the rows go into a temporary table `load` (c1, c2... TEXT)
 * of DB, and the SQL file SQL is run in the same transaction: the plain
 * SQL load of the same rows into consult's own schema (bench/import/*.sql),
 * with the same page cache as an import (PRAGMA cache_size = -8192) and
 * foreign keys on, as consult opens its databases.
 *
 * The first record names the columns. --journal sets the journal mode:
 * WAL by default, the mode consult's databases (and so its imports) use;
 * synchronous NORMAL as consult sets it. Closing the database checkpoints
 * the WAL, for the baseline as for consult.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <sqlite3.h>

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
        else if (strcmp(argv[i], "--then") == 0)
            then = argv[i + 1];
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
    if (!l.failed && then != NULL && run_file(l.db, then) != 0)
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
