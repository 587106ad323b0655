/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fault_driver.c: run an import, an export and a form save with the n-th
 * allocation, or the n-th read, write, sync or lock, failing (fault.h),
 * for n = 1, 2, 3, ... until the operation runs to its end without meeting
 * the failure.
 *
 * Usage: fault_driver [--op import|export|form|all] [--kind alloc|io|all]
 *                     [--persistent] [--step K] [--at N] [--dir DIR]
 *                     [--verbose] [--leak-each]
 *
 * Each run starts from the same database (a copy of one made at the
 * start: consultation AG21 with themes MOB and ENV, two ideas, a person),
 * with the clock and the random bytes pinned, so that every run that
 * finishes writes exactly the same rows. After each injected failure:
 * - the call returned an error code with a message, and a code that
 *   names the failure (out of memory, input/output, cannot create, busy,
 *   internal), not the input or a rule (CS_EINVAL, CS_ECONFLICT...);
 * - the database passes PRAGMA integrity_check and holds exactly what it
 *   held before, or exactly what the fault-free run left (the digest of
 *   every row of every table, compared);
 * - an export left no file (its data file, a temporary file) behind, and
 *   a finished one is byte for byte the fault-free one;
 * - nothing leaked (with LeakSanitizer: checked once all runs are over, or
 *   after every run with --leak-each, slower but naming the run).
 * --step K tries n = 1, 1 + K, 1 + 2K, ... (a quicker sample);
 * --persistent keeps failing every operation after the n-th; --at N runs
 * n = N alone (with gdb -ex 'break fault_hit', to see where it fails).
 *
 * It prints one line per operation and kind, then the totals:
 *     injected failures: N
 *     injected failures survived: M
 * and exits 0 when every run kept its promises, 1 otherwise.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

#include "consult/consult.h"
#include "fault.h"

#if defined(__SANITIZE_ADDRESS__)
#define WITH_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WITH_LSAN 1
#endif
#endif
#ifdef WITH_LSAN
#include <sanitizer/lsan_interface.h>
#endif

enum op { OP_IMPORT, OP_EXPORT, OP_FORM, OP_COUNT };
static const char *const op_names[OP_COUNT] = { "import", "export", "form" };

static char dir[256];           /* the scratch directory */
static char pristine[300];      /* the database every run starts from */
static char work[300];          /* the database a run changes */
static char csv_path[300];      /* the file imported */
static char out_dir[300];       /* where exports go */
static char out_path[340];      /* the export's data file */
static bool verbose;
static bool leak_each;           /* a leak check after every run */
static long only_n;             /* --at N: that run alone */

static long injected, survived;

#define DIGEST_HEX (SHA256_DIGEST_SIZE * 2 + 1)

/* ---------------------------------------------------------------- files */

static bool
copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out;
    char buf[65536];
    size_t n;
    bool ok = true;

    if (in == NULL)
        return errno == ENOENT && (unlink(to) == 0 || errno == ENOENT);
    if ((out = fopen(to, "wb")) == NULL) {
        fclose(in);
        return false;
    }
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            ok = false;
    if (ferror(in))
        ok = false;
    fclose(in);
    if (fclose(out) != 0)
        ok = false;
    chmod(to, 0600);
    return ok;
}

/* Copy the database `from` (with its key, journal files) to `to`. */
static bool
copy_db(const char *from, const char *to)
{
    static const char *const ext[] = { "", ".key", "-wal", "-shm",
                                       "-journal" };
    char a[400], b[400];

    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
        snprintf(a, sizeof a, "%s%s", from, ext[i]);
        snprintf(b, sizeof b, "%s%s", to, ext[i]);
        if (!copy_file(a, b))
            return false;
    }
    return true;
}

/* Remove every file of the export directory; count those there. */
static int
clear_out_dir(bool remove)
{
    DIR *d = opendir(out_dir);
    struct dirent *e;
    char p[600];
    int n = 0;

    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        n++;
        if (remove) {
            snprintf(p, sizeof p, "%s/%s", out_dir, e->d_name);
            unlink(p);
        }
    }
    closedir(d);
    return n;
}

static char *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, r;

    if (f == NULL)
        return NULL;
    for (;;) {
        if (n + 4096 > cap) {
            char *p = realloc(buf, cap = cap * 2 + 8192);

            if (p == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = p;
        }
        if ((r = fread(buf + n, 1, cap - n, f)) == 0)
            break;
        n += r;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* ---------------------------------------------------------------- digest */

struct row {
    unsigned char *b;
    size_t n;
};

static int
row_cmp(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->b, y->b, n);

    return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* Append `n` bytes of `p` to the row `r` (capacity `*cap`). */
static bool
row_add(struct row *r, size_t *cap, const void *p, size_t n)
{
    if (r->n + n > *cap) {
        size_t ncap = (*cap + n) * 2 + 64;
        unsigned char *q = realloc(r->b, ncap);

        if (q == NULL)
            return false;
        r->b = q;
        *cap = ncap;
    }
    memcpy(r->b + r->n, p, n);
    r->n += n;
    return true;
}

/* Hash the rows of table `name` (in any order: they are sorted). */
static bool
digest_table(sqlite3 *s, const char *name, struct sha256_ctx *h)
{
    char sql[300];
    sqlite3_stmt *st;
    struct row *rows = NULL;
    size_t nrows = 0, caprows = 0;
    bool ok = true;

    /* A name from sqlite_schema, quoted as an identifier. */
    if (strchr(name, '"') != NULL)
        return false;
    snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", name);
    if (sqlite3_prepare_v2(s, sql, -1, &st, NULL) != SQLITE_OK)
        return false;
    while (ok && sqlite3_step(st) == SQLITE_ROW) {
        struct row r = { NULL, 0 };
        size_t cap = 0;
        int ncol = sqlite3_column_count(st);

        for (int i = 0; ok && i < ncol; i++) {
            unsigned char t = (unsigned char)sqlite3_column_type(st, i);
            char num[64];
            const void *p = NULL;
            size_t n = 0;

            if (t == SQLITE_INTEGER) {
                n = (size_t)snprintf(num, sizeof num, "%lld",
                                     sqlite3_column_int64(st, i));
                p = num;
            } else if (t == SQLITE_FLOAT) {
                n = (size_t)snprintf(num, sizeof num, "%.17g",
                                     sqlite3_column_double(st, i));
                p = num;
            } else if (t == SQLITE_TEXT || t == SQLITE_BLOB) {
                p = t == SQLITE_TEXT
                        ? (const void *)sqlite3_column_text(st, i)
                        : sqlite3_column_blob(st, i);
                n = (size_t)sqlite3_column_bytes(st, i);
            }
            ok = row_add(&r, &cap, &t, 1) && row_add(&r, &cap, &n, sizeof n)
                 && (n == 0 || row_add(&r, &cap, p, n));
        }
        if (nrows == caprows) {
            struct row *q = realloc(rows, (caprows = caprows * 2 + 16)
                                              * sizeof *rows);

            if (q == NULL)
                ok = false;
            else
                rows = q;
        }
        if (ok)
            rows[nrows++] = r;
        else
            free(r.b);
    }
    sqlite3_finalize(st);
    if (nrows > 0)
        qsort(rows, nrows, sizeof *rows, row_cmp);
    sha256_update(h, strlen(name) + 1, (const uint8_t *)name);
    for (size_t i = 0; i < nrows; i++) {
        sha256_update(h, sizeof rows[i].n, (const uint8_t *)&rows[i].n);
        sha256_update(h, rows[i].n, rows[i].b);
        free(rows[i].b);
    }
    free(rows);
    return ok;
}

/* Check the database at `path` (integrity_check) and digest every row of
 * every table into `hex`. Returns false, with a message, on failure. */
static bool
digest_db(const char *path, char hex[DIGEST_HEX])
{
    sqlite3 *s = NULL;
    sqlite3_stmt *st = NULL;
    struct sha256_ctx h;
    uint8_t d[SHA256_DIGEST_SIZE];
    bool ok = true;

    sha256_init(&h);
    if (sqlite3_open_v2(path, &s, SQLITE_OPEN_READWRITE, "unix") != SQLITE_OK
        || sqlite3_prepare_v2(s, "PRAGMA integrity_check", -1, &st, NULL)
           != SQLITE_OK
        || sqlite3_step(st) != SQLITE_ROW
        || strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
        fprintf(stderr, "fault_driver: %s: integrity_check: %s\n", path,
                st && sqlite3_column_text(st, 0)
                    ? (const char *)sqlite3_column_text(st, 0)
                    : sqlite3_errmsg(s));
        sqlite3_finalize(st);
        sqlite3_close(s);
        return false;
    }
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(s, "SELECT name FROM sqlite_schema"
                              " WHERE type = 'table'"
                              " AND sql NOT LIKE 'CREATE VIRTUAL%'"
                              " ORDER BY name", -1, &st, NULL) != SQLITE_OK)
        ok = false;
    while (ok && sqlite3_step(st) == SQLITE_ROW) {
        char name[200];

        snprintf(name, sizeof name, "%s", sqlite3_column_text(st, 0));
        ok = digest_table(s, name, &h);
    }
    sqlite3_finalize(st);
    sqlite3_close(s);
    sha256_digest(&h, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    if (!ok)
        fprintf(stderr, "fault_driver: %s: cannot read every table\n", path);
    return ok;
}

/* ---------------------------------------------------------------- set-up */

static bool
open_as_alice(const char *path, unsigned flags, struct cs_db **db)
{
    struct cs_open_opts o = { flags, 0, "alice" };
    struct cs_error err;

    if (cs_db_open(db, path, &o, &err) != CS_OK) {
        fprintf(stderr, "fault_driver: open %s: %s\n", path, err.msg);
        return false;
    }
    return true;
}

static bool
make_pristine(void)
{
    struct cs_consultation_new c = {
        .code = "AG21", .title = "Consultation des agents 2021",
        .kind = CS_CONS_IDEAS, .audience = CS_AUDIENCE_AGENTS,
        .state = CS_STATE_OPEN,
    };
    struct cs_person marc = { .ref = "M-1", .name = "Marc Petit",
                              .service = "Travaux", .consent = true,
                              .channel = CS_CHANNEL_PAPER };
    struct cs_idea_new in = { .kind = CS_KIND_IDEA,
                              .channel = CS_CHANNEL_PAPER };
    struct cs_error err;
    struct cs_db *db;
    int64_t cons, theme[2], id;
    FILE *f;

    if (!open_as_alice(pristine, CS_OPEN_CREATE, &db))
        return false;
    if (cs_consultation_add(db, &c, &cons, &err) != CS_OK
        || cs_theme_add(db, cons, "MOB", "Mobilité", 0, &theme[0], &err)
           != CS_OK
        || cs_theme_add(db, cons, "ENV", "Environnement", 0, &theme[1], &err)
           != CS_OK)
        goto fail;
    in.consultation_id = cons;
    in.theme_id = theme[0];
    in.body = "Des vélos électriques pour les déplacements de service.";
    in.form_ref = "F-1";
    in.author = &marc;
    if (cs_idea_add(db, &in, &id, &err) != CS_OK)
        goto fail;
    in.theme_id = theme[1];
    in.body = "Du compost au réfectoire.";
    in.form_ref = "F-2";
    in.author = NULL;
    if (cs_idea_add(db, &in, &id, &err) != CS_OK)
        goto fail;
    cs_db_close(db);

    if ((f = fopen(csv_path, "w")) == NULL)
        return false;
    fputs("consultation;thème;titre;texte;référence;nom;service;courriel;"
          "consentement;date;tags\n"
          "AG21;MOB;Navette;Une navette entre les sites.;F-10;Anne Dubois;"
          "RH;anne@example.org;oui;2021-03-15;mobilité\n"
          "AG21;ENV;;Des gourdes pour tous.;F-11;Marc Petit;Travaux;;oui;"
          "16/03/2021;\n"
          "AG21;XYZ;;Un thème inconnu.;F-12;;;;;;\n"
          "AG21;ENV;Tri;Le tri des déchets au bureau.;F-13;Léa Martin;"
          "Finances;lea@example.org;non;2021-03-17;déchets;tri\n", f);
    return fclose(f) == 0;

fail:
    fprintf(stderr, "fault_driver: set-up: %s\n", err.msg);
    cs_db_close(db);
    return false;
}

/* ---------------------------------------------------------------- operations */

/* What the fault-free run of an operation produced. */
struct outcome {
    char digest[DIGEST_HEX];    /* of the database after it */
    char *file;                 /* export: the data file */
    size_t file_len;
    long imported;              /* import: rows added */
};

/* Run `op` on the open `db`; fill `o` (file, imported) on success. */
static enum cs_rc
run_op(enum op op, struct cs_db *db, struct outcome *o, struct cs_error *err)
{
    enum cs_rc rc = CS_EINTERNAL;

    switch (op) {
    case OP_IMPORT: {
        struct cs_import_report rep;
        struct cs_import_options opt;

        memset(&opt, 0, sizeof opt);
        opt.consultation = "AG21";
        cs_import_report_init(&rep);
        rc = cs_import_file(db, CS_IMPORT_IDEAS, csv_path, &opt, &rep, err);
        if (rc == CS_OK)
            o->imported = rep.imported;
        cs_import_report_clear(&rep);
        break;
    }
    case OP_EXPORT: {
        struct cs_export_options opt;
        struct cs_export_result res;

        cs_export_options_init(&opt);
        opt.kind = CS_EXPORT_IDEAS;
        opt.consultation = "AG21";
        opt.verify_journal = true;
        rc = cs_export_file(db, &opt, out_path, NULL, NULL, &res, err);
        break;
    }
    case OP_FORM: {
        /* What the entry form's save does (model_form_save): the core's
         * cs_idea_add with the person typed on the form. */
        struct cs_person who = { .name = "Julie Renard", .service = "Écoles",
                                 .postal = "Rue Haute 4, 6000 Charleroi",
                                 .consent = true,
                                 .channel = CS_CHANNEL_PAPER };
        struct cs_idea_filter flt;
        struct cs_idea_new in;
        int64_t id = 0;
        struct cs_idea_list *l = NULL;

        (void)flt;
        (void)l;
        memset(&in, 0, sizeof in);
        in.consultation_id = 1;
        in.theme_id = 1;
        in.kind = CS_KIND_IDEA;
        in.title = "Horaires souples";
        in.body = "Des horaires souples pour les parents d'élèves.";
        in.channel = CS_CHANNEL_PAPER;
        in.form_ref = "F-20";
        in.submitted_at = "2021-03-20";
        in.author = &who;
        rc = cs_idea_add(db, &in, &id, err);
        break;
    }
    case OP_COUNT:
        break;
    }
    return rc;
}

/* One run of `op`, from the pristine database, with the `n`-th operation
 * of `kinds` failing (n = 0: none). `*fired` says whether it failed. */
static bool
run_once(enum op op, unsigned kinds, long n, bool persistent,
         struct outcome *o, enum cs_rc *rc_out, bool *fired,
         struct cs_error *err)
{
    struct cs_db *db = NULL;

    cs_error_clear(err);
    if (!copy_db(pristine, work) || clear_out_dir(true) < 0) {
        fprintf(stderr, "fault_driver: cannot reset %s\n", work);
        return false;
    }
    unlink("ideas.rejects.csv");
    if (!open_as_alice(work, 0, &db))
        return false;
    fault_reseed();
    if (n > 0)
        fault_arm(kinds, n, persistent);
    *rc_out = run_op(op, db, o, err);
    *fired = fault_disarm();
    cs_db_close(db);
    return true;
}

static const char *
kind_name(unsigned kinds)
{
    return kinds == FAULT_ALLOC ? "alloc" : kinds == FAULT_IO ? "io"
                                                               : "alloc+io";
}

/* Run `op` with the n-th operation of `kinds` failing, n = 1, 1 + step,
 * ... until a run meets no failure. Returns false when any run broke a
 * promise. */
static bool
drive(enum op op, unsigned kinds, bool persistent, long step,
      const char *before)
{
    struct outcome ref, o;
    struct cs_error err;
    enum cs_rc rc;
    bool fired, all_ok = true;
    long runs = 0, fails = 0, kept = 0, total_ops = 0;

    memset(&ref, 0, sizeof ref);
    /* The fault-free run: what a finished operation leaves. */
    if (!run_once(op, kinds, 0, false, &ref, &rc, &fired, &err))
        return false;
    if (rc != CS_OK) {
        fprintf(stderr, "fault_driver: %s without faults: %s\n",
                op_names[op], err.msg);
        return false;
    }
    if (!digest_db(work, ref.digest))
        return false;
    if (op == OP_EXPORT
        && (ref.file = slurp(out_path, &ref.file_len)) == NULL) {
        fprintf(stderr, "fault_driver: export wrote no %s\n", out_path);
        return false;
    }

    for (long n = only_n ? only_n : 1;; n += step) {
        char digest[DIGEST_HEX];
        bool ok = true;
        const char *why = NULL;

        memset(&o, 0, sizeof o);
        if (!run_once(op, kinds, n, persistent, &o, &rc, &fired, &err))
            return false;
        total_ops = fault_seen();
        runs++;
        if (!fired) {
            /* n is past the operation's last allocation or file access:
             * it ran whole. */
            if (rc != CS_OK) {
                why = "failed with no fault injected";
                ok = false;
            }
        } else {
            fails++;
            if (rc != CS_OK && err.msg[0] == '\0') {
                why = "returned an error without a message";
                ok = false;
            } else if (rc != CS_OK && rc != CS_ENOMEM && rc != CS_EIO
                       && rc != CS_ECREATE && rc != CS_EBUSY
                       && rc != CS_EINTERNAL) {
                /* The input was good: the failure is the machine's. */
                why = "blamed the input or a rule for a failure of the"
                      " machine";
                ok = false;
            }
        }
#ifdef WITH_LSAN
        if (leak_each && __lsan_do_recoverable_leak_check() != 0) {
            why = "leaked memory (see the report above)";
            ok = false;
        }
#endif
        if (!digest_db(work, digest)) {
            why = "left a damaged database";
            ok = false;
        } else if (rc == CS_OK ? strcmp(digest, ref.digest) != 0
                               : strcmp(digest, before) != 0
                                 && strcmp(digest, ref.digest) != 0) {
            why = rc == CS_OK ? "succeeded but wrote other rows"
                              : "left part of its work in the database";
            ok = false;
        }
        if (op == OP_EXPORT) {
            size_t len = 0;
            char *data = slurp(out_path, &len);
            int files = clear_out_dir(false);

            if (rc == CS_OK
                && (data == NULL || len != ref.file_len
                    || memcmp(data, ref.file, len) != 0)) {
                why = "succeeded but wrote another file";
                ok = false;
                if (verbose && data != NULL)
                    fprintf(stderr, "--- expected\n%.*s--- written\n%.*s",
                            (int)ref.file_len, ref.file, (int)len, data);
            } else if (rc != CS_OK && files != 0) {
                why = "failed but left files behind";
                ok = false;
            }
            free(data);
        }
        if (op == OP_IMPORT && rc == CS_OK && o.imported != ref.imported) {
            why = "succeeded but imported another count of rows";
            ok = false;
        }
        if (fired && ok)
            kept++;
        if (!ok || verbose)
            fprintf(stderr, "fault_driver: %s %s n=%ld: %s (%s: %s)\n",
                    op_names[op], kind_name(kinds), n,
                    ok ? "ok" : why, cs_rc_name(rc),
                    rc == CS_OK ? "-" : err.msg);
        all_ok = all_ok && ok;
        if (!fired || only_n)
            break;
    }
    injected += fails;
    survived += kept;
    printf("%-6s %-5s%s: %ld runs, %ld failures injected, %ld survived"
           " (%ld operations)\n", op_names[op], kind_name(kinds),
           persistent ? " (persistent)" : "", runs, fails, kept, total_ops);
    fflush(stdout);
    free(ref.file);
    return all_ok;
}

int
main(int argc, char **argv)
{
    const char *ops = "all", *kinds = "all", *base = NULL;
    bool persistent = false, ok = true;
    long step = 1;
    char before[DIGEST_HEX];
    struct cs_db *db;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--op") == 0 && i + 1 < argc)
            ops = argv[++i];
        else if (strcmp(argv[i], "--kind") == 0 && i + 1 < argc)
            kinds = argv[++i];
        else if (strcmp(argv[i], "--step") == 0 && i + 1 < argc)
            step = atol(argv[++i]);
        else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
            base = argv[++i];
        else if (strcmp(argv[i], "--persistent") == 0)
            persistent = true;
        else if (strcmp(argv[i], "--verbose") == 0)
            verbose = true;
        else if (strcmp(argv[i], "--at") == 0 && i + 1 < argc)
            only_n = atol(argv[++i]);
        else if (strcmp(argv[i], "--leak-each") == 0)
            leak_each = true;
        else {
            fprintf(stderr, "usage: fault_driver [--op import|export|form|all]"
                            " [--kind alloc|io|all] [--persistent]"
                            " [--step K] [--at N] [--dir DIR] [--verbose]"
                            " [--leak-each]\n");
            return 2;
        }
    }
    if (step < 1)
        step = 1;
    if (!fault_install())
        return 1;
    snprintf(dir, sizeof dir, "%s/consult-faults-XXXXXX",
             base ? base : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (mkdtemp(dir) == NULL) {
        perror("fault_driver: mkdtemp");
        return 1;
    }
    snprintf(pristine, sizeof pristine, "%s/pristine.db", dir);
    snprintf(work, sizeof work, "%s/work.db", dir);
    snprintf(csv_path, sizeof csv_path, "%s/ideas.csv", dir);
    snprintf(out_dir, sizeof out_dir, "%s/out", dir);
    snprintf(out_path, sizeof out_path, "%s/ideas.csv", out_dir);
    if (mkdir(out_dir, 0700) != 0 || chdir(dir) != 0 || !make_pristine())
        return 1;
    /* The digest of the starting point, as a closed database. */
    if (!open_as_alice(pristine, 0, &db))
        return 1;
    cs_db_close(db);
    if (!digest_db(pristine, before))
        return 1;

    for (int op = 0; op < OP_COUNT; op++) {
        if (strcmp(ops, "all") != 0 && strcmp(ops, op_names[op]) != 0)
            continue;
        if (strcmp(kinds, "all") == 0 || strcmp(kinds, "alloc") == 0)
            ok = drive((enum op)op, FAULT_ALLOC, persistent, step, before)
                 && ok;
        if (strcmp(kinds, "all") == 0 || strcmp(kinds, "io") == 0)
            ok = drive((enum op)op, FAULT_IO, persistent, step, before) && ok;
    }
#ifdef WITH_LSAN
    if (__lsan_do_recoverable_leak_check() != 0) {
        fprintf(stderr, "fault_driver: runs leaked memory (see above)\n");
        ok = false;
        survived = 0;
    }
#endif
    printf("injected failures: %ld\ninjected failures survived: %ld\n",
           injected, survived);
    if (ok) {
        char cmd[400];

        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "fault_driver: could not remove %s\n", dir);
    } else {
        fprintf(stderr, "fault_driver: runs broke their promises; files in"
                        " %s\n", dir);
    }
    return ok ? 0 : 1;
}
