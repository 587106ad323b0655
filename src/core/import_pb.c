/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import_pb.c: cs_pabulib_import, a participatory-budget file (.pb) into
 * a consultation (pabulib.h), and reading back the extras it keeps.
 *
 * The file is read whole and checked (pabulib.c) before the transaction
 * starts: a file that does not hold together is refused with its line
 * and writes nothing. Then, in one write transaction:
 *   1. a batch of the same bytes already imported (and not undone) stops
 *      here, as for every import; a project already an idea of the
 *      consultation refuses the file (another version of it came first);
 *   2. the themes: each project's first category, matched to the
 *      consultation's themes by code or title (case and accents ignored),
 *      created with --create-themes, else --theme; themes still missing
 *      refuse the file, each listed once with its number of projects;
 *   3. the import batch, the ideas and their extra columns (idea_extra);
 *   4. one participant per ballot, all in one INSERT ... SELECT reading
 *      the ballots where the parser left them (consult_rows, memrows.c),
 *      rather than a statement each; the votes sorted in memory by
 *      (idea, participant), then inserted in that order by one INSERT ...
 *      SELECT straight from memory (each row lands at its idea's end of
 *      the unique index); the triggers that count who took part, per vote
 *      and per new person, are put aside meanwhile and their rows added in
 *      a few statements (as import.c does). Measured on
 *      bench/pabulib.sh's 65,000 ballots: a statement per vote straight
 *      into the vote table took twice the CPU time of one INSERT ...
 *      SELECT, and the file's order a third more than the index's; the
 *      votes copied first into a temporary table, row by row, and the
 *      people handed over as a JSON array, a fifth more than memory.
 *   5. each idea's votes and support counted from the votes, compared
 *      with the file's own count: a difference is a warning, noted with
 *      the batch (import_note) with the META lines and what was not kept;
 *   6. the batch's totals and its audit row.
 * Foreign key checks are off for the transaction, as in import.c: every
 * reference written comes from a lookup or an insert made in it.
 */
#include "consult/pabulib.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <nettle/sha2.h>

#include "audit_priv.h"
#include "cons_state.h"
#include "db_priv.h"
#include "consult/consultation.h"
#include "consult/theme.h"
#include "host_priv.h"
#include "theme_priv.h"
#include "i18n.h"
#include "idea_priv.h"
#include "memrows.h"
#include "pabulib_priv.h"
#include "stmt.h"
#include "value.h"

static enum cs_rc
no_memory(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
}

void
cs_pabulib_report_init(struct cs_pabulib_report *r)
{
    memset(r, 0, sizeof *r);
    r->vote_type = "";
}

void
cs_pabulib_report_clear(struct cs_pabulib_report *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->nwarnings; i++)
        free(r->warnings[i]);
    free(r->warnings);
    for (size_t i = 0; i < r->nnot_kept; i++)
        free(r->not_kept[i]);
    free(r->not_kept);
    for (size_t i = 0; i < r->nmissing; i++)
        free(r->missing[i].title);
    free(r->missing);
    cs_pabulib_report_init(r);
}

/* Append a formatted sentence to a list of owned strings. */
static enum cs_rc
list_add(char ***items, size_t *n, struct cs_error *err, const char *fmt,
         ...) CS_PRINTF(4, 5);

static enum cs_rc
list_add(char ***items, size_t *n, struct cs_error *err, const char *fmt, ...)
{
    char buf[512], **grown;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if ((grown = realloc(*items, (*n + 1) * sizeof *grown)) == NULL)
        return no_memory(err);
    *items = grown;
    if ((grown[*n] = strdup(buf)) == NULL)
        return no_memory(err);
    (*n)++;
    return CS_OK;
}

/* ---------------------------------------------------------------- file */

/* The file's bytes and their SHA-256. */
static enum cs_rc
read_file(const char *path, char **data, size_t *len, char sum[65],
          struct cs_error *err)
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    struct stat sb;
    FILE *fp;
    char *buf;
    size_t n;
    int e;

    if (stat(path, &sb) != 0) {
        e = errno;
        if (e == ENOENT || e == ENOTDIR)
            return cs_error_set(err, CS_ENOTFOUND, _("No file %s."), path);
        return cs_error_set(err, CS_EIO, _("Cannot read %s: %s"), path,
                            strerror(e));
    }
    if (!S_ISREG(sb.st_mode))
        return cs_error_set(err, CS_EINVAL,
            _("%s is not a file that can be imported (a directory, a "
              "pipe...)."), path);
    if ((fp = host_user_fopen(path, "rb")) == NULL) {
        e = errno;
        return cs_error_set(err, CS_EIO, _("Cannot read %s: %s"), path,
                            strerror(e));
    }
    if ((buf = malloc((size_t)sb.st_size + 1)) == NULL) {
        fclose(fp);
        return no_memory(err);
    }
    n = fread(buf, 1, (size_t)sb.st_size, fp);
    e = ferror(fp) ? errno : 0;
    fclose(fp);
    if (e != 0 || n != (size_t)sb.st_size) {
        free(buf);
        return cs_error_set(err, CS_EIO, _("Cannot read %s: %s"), path,
                            strerror(e ? e : EIO));
    }
    sha256_init(&ctx);
    sha256_update(&ctx, n, (const uint8_t *)buf);
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(sum + 2 * i, 3, "%02x", digest[i]);
    *data = buf;
    *len = n;
    return CS_OK;
}

/* ---------------------------------------------------------------- themes */

/* The themes the file needs (theme_priv.h: a category, or the district
 * or unit), and each project's. */
struct themes {
    struct theme_needs needs;
    int64_t *of_project;        /* project -> theme id */
};

/* The first category of a project's cell ("A,B" gives "A"), in `buf`. */
static const char *
first_category(const char *cell, char *buf, size_t size)
{
    const char *comma = strchr(cell, ',');
    size_t n = comma ? (size_t)(comma - cell) : strlen(cell);

    while (n > 0 && cell[n - 1] == ' ')
        n--;
    if (n >= size)
        n = size - 1;
    memcpy(buf, cell, n);
    buf[n] = '\0';
    return buf;
}

/* The theme of code or title `t`, 0 when the consultation has none. */
static enum cs_rc
theme_lookup(struct cs_db *db, int64_t cons, const char *t, int64_t *id,
             struct cs_error *err)
{
    struct cs_theme th;
    enum cs_rc rc;

    *id = 0;
    rc = cs_theme_find(db, cons, t, &th, err);
    if (rc == CS_ENOTFOUND) {
        cs_error_clear(err);
        return CS_OK;
    }
    if (rc == CS_OK) {
        *id = th.id;
        cs_theme_clear(&th);
    }
    return rc;
}

/*
 * Each project's theme (t->of_project), or the list of those missing in
 * the report (CS_EINVAL). Themes are created here with create_themes.
 */
static enum cs_rc
themes_resolve(struct cs_db *db, int64_t cons, const struct pb_file *f,
               const struct cs_pabulib_options *opt, struct themes *t,
               char **cats, struct cs_pabulib_report *r,
               struct cs_error *err)
{
    const char *place = f->district ? f->district
                      : f->subunit ? f->subunit : f->unit;
    struct theme_needs *nd = &t->needs;
    int64_t fallback = 0;
    size_t *need_of;
    enum cs_rc rc = CS_OK;

    if (opt->theme != NULL && opt->theme[0] != '\0') {
        struct cs_theme th;

        if ((rc = cs_theme_find(db, cons, opt->theme, &th, err)) != CS_OK)
            return rc == CS_ENOTFOUND
                ? cs_error_field(err, CS_ENOTFOUND, "theme",
                      _("No theme \"%s\" in consultation %s."), opt->theme,
                      opt->consultation)
                : rc;
        fallback = th.id;
        cs_theme_clear(&th);
    }
    if ((t->of_project = calloc(f->nprojects, sizeof *t->of_project))
        == NULL || (need_of = calloc(f->nprojects, sizeof *need_of)) == NULL)
        return no_memory(err);
    for (size_t i = 0; i < f->nprojects && rc == CS_OK; i++) {
        const char *title = cats[i];

        if (title == NULL && fallback != 0) {
            t->of_project[i] = fallback;
            need_of[i] = (size_t)-1;
            continue;
        }
        if ((rc = theme_needs_add(nd, cons, title ? title : place,
                                  &need_of[i], err)) == CS_OK)
            nd->items[need_of[i]].rows++;
    }
    for (size_t k = 0; k < nd->count && rc == CS_OK; k++) {
        struct theme_need *n = &nd->items[k];

        if ((rc = theme_lookup(db, cons, n->title, &n->theme_id, err))
            != CS_OK || n->theme_id != 0)
            continue;
        if (opt->create_themes) {
            if ((rc = theme_create(db, cons, n->title, &n->theme_id, err))
                == CS_OK)
                r->themes_created++;
        } else if (fallback != 0) {
            n->theme_id = fallback;
        }
    }
    for (size_t k = 0; k < nd->count && rc == CS_OK; k++) {
        struct cs_pabulib_missing *grown;

        if (nd->items[k].theme_id != 0)
            continue;
        grown = realloc(r->missing, (r->nmissing + 1) * sizeof *grown);
        if (grown == NULL) {
            rc = no_memory(err);
            break;
        }
        r->missing = grown;
        if ((grown[r->nmissing].title = strdup(nd->items[k].title)) == NULL) {
            rc = no_memory(err);
            break;
        }
        grown[r->nmissing].projects = nd->items[k].rows;
        r->nmissing++;
    }
    if (rc == CS_OK && r->nmissing > 0)
        rc = cs_error_field(err, CS_EINVAL, "theme",
            ngettext("%zu theme the file needs is missing from consultation "
                     "%s: add it, or import with --create-themes or "
                     "--theme CODE.",
                     "%zu themes the file needs are missing from "
                     "consultation %s: add them, or import with "
                     "--create-themes or --theme CODE.", r->nmissing),
            r->nmissing, opt->consultation);
    for (size_t i = 0; i < f->nprojects && rc == CS_OK; i++)
        if (need_of[i] != (size_t)-1)
            t->of_project[i] = nd->items[need_of[i]].theme_id;
    free(need_of);
    return rc;
}

/* ---------------------------------------------------------------- writing */

/* Page cache while importing, in KiB (see cs_pabulib_import). */
#define PB_CACHE_KIB "32768"

static int
pragma_int(struct cs_db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int v = 0;

    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Run `sql` once with only :batch bound. */
static enum cs_rc
run_batch(struct cs_db *db, const char *sql, int64_t batch,
          struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, sql);
    stmt_bind_int64(&st, ":batch", batch);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    return rc;
}

static enum cs_rc
prepare(struct cs_db *db, const char *sql, sqlite3_stmt **st,
        struct cs_error *err)
{
    int src = sqlite3_prepare_v2(db->sql, sql, -1, st, NULL);

    return src == SQLITE_OK ? CS_OK : db_error(db, src, err);
}

/* Step a raw statement to its end and reset it. */
static enum cs_rc
step_done(struct cs_db *db, sqlite3_stmt *st, struct cs_error *err)
{
    int src = sqlite3_step(st);

    sqlite3_reset(st);
    return src == SQLITE_DONE ? CS_OK : db_error(db, src, err);
}

/* A date of the file (META date_begin, date_end) as the core stores
 * dates, or `now` when it gives none that reads as a whole date. */
static void
file_date(const char *s, const char *now, char out[32])
{
    char buf[32];

    /* Pabulib writes 06.09.2019 as often as 2019-09-06. */
    if (s != NULL && strlen(s) < sizeof buf) {
        strcpy(buf, s);
        for (char *p = buf; *p; p++)
            if (*p == '.')
                *p = '/';
        if (value_date(buf, "date", out, NULL) == CS_OK)
            return;
    }
    snprintf(out, 32, "%s", now);
}

struct run {
    struct cs_db *db;
    const struct pb_file *f;
    int64_t cons;
    int64_t batch;
    int64_t *idea_of;           /* project -> idea id */
    char now[32];
    long notes;                 /* notes written */
};

static enum cs_rc
note(struct run *w, const char *kind, const char *text, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, w->db, "INSERT INTO import_note(batch_id, position,"
                             " kind, text) VALUES (:b, :p, :k, :t)");
    stmt_bind_int64(&st, ":b", w->batch);
    stmt_bind_int64(&st, ":p", ++w->notes);
    stmt_bind_text(&st, ":k", kind);
    stmt_bind_text(&st, ":t", text);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    return rc;
}

/* The ideas, with their extra columns. */
static enum cs_rc
write_ideas(struct run *w, const int64_t *theme_of, const char *submitted,
            struct cs_error *err)
{
    const struct pb_file *f = w->f;
    struct idea_insert ins;
    sqlite3_stmt *extra = NULL;
    enum cs_rc rc;

    memset(&ins, 0, sizeof ins);
    if ((rc = idea_insert_prepare(w->db, &ins, err)) != CS_OK)
        return rc;
    if ((rc = prepare(w->db, "INSERT INTO idea_extra(idea_id, position,"
                      " name, value) VALUES (?1, ?2, ?3, ?4)", &extra, err))
        != CS_OK)
        goto out;
    for (size_t i = 0; i < f->nprojects && rc == CS_OK; i++) {
        char **cells = f->projects[i].cells;
        const char *id = cells[f->col_id];
        const char *name = f->col_name >= 0 ? cells[f->col_name] : "";
        const char *desc = f->col_description >= 0
                         ? cells[f->col_description] : "";
        char *title = NULL, *body = NULL, *ref = NULL;
        struct idea_row row;
        int pos = 0;

        if (name[0] == '\0') {
            char buf[128];

            snprintf(buf, sizeof buf, _("Project %s"), id);
            title = strdup(buf);
        } else {
            title = strdup(name);
        }
        if (title != NULL && (body = malloc(strlen(title) + strlen(desc)
                                            + 3)) != NULL)
            sprintf(body, desc[0] ? "%s\n\n%s" : "%s%s", title, desc);
        if (title != NULL && body != NULL
            && (ref = malloc(strlen(id) + sizeof "pabulib:")) != NULL)
            sprintf(ref, "pabulib:%s", id);
        if (ref == NULL) {
            rc = no_memory(err);
        } else if ((rc = util_line_check(title, "title", err)) != CS_OK
                   || (rc = util_text_check(body, "body", err)) != CS_OK) {
            if (err)
                err->line = f->projects[i].line;
        } else {
            memset(&row, 0, sizeof row);
            row.consultation_id = w->cons;
            row.theme_id = theme_of[i];
            row.batch_id = w->batch;
            row.kind = CS_KIND_IDEA;
            row.channel = CS_CHANNEL_WEB;
            row.status = CS_STATUS_NEW;
            row.title = title;
            row.body = body;
            row.form_ref = ref;
            row.submitted_at = submitted;
            row.now = w->now;
            rc = idea_insert_run(w->db, &ins, &row, &w->idea_of[i], err);
        }
        for (size_t c = 0; c < f->npcols && rc == CS_OK; c++) {
            if ((int)c == f->col_id || (int)c == f->col_name
                || (int)c == f->col_description || cells[c][0] == '\0')
                continue;
            sqlite3_bind_int64(extra, 1, w->idea_of[i]);
            sqlite3_bind_int(extra, 2, ++pos);
            sqlite3_bind_text(extra, 3, f->pcols[c], -1, SQLITE_STATIC);
            sqlite3_bind_text(extra, 4, cells[c], -1, SQLITE_STATIC);
            rc = step_done(w->db, extra, err);
        }
        free(title);
        free(body);
        free(ref);
    }
out:
    sqlite3_finalize(extra);
    idea_insert_finish(&ins);
    return rc;
}

/* The pseudonymous reference prefix of the file's voters. */
static char *
voter_prefix(const struct pb_file *f)
{
    const char *place = f->subunit ? f->subunit : f->district;
    size_t n = strlen(f->unit) + (f->instance ? strlen(f->instance) : 0)
             + (place ? strlen(place) : 0) + 16;
    char *out = malloc(n);

    if (out == NULL)
        return NULL;
    snprintf(out, n, "pabulib:%s%s%s%s%s:", f->unit, f->instance ? "-" : "",
             f->instance ? f->instance : "", place ? "-" : "",
             place ? place : "");
    return out;
}

/* Put aside trigger `name` (its SQL in *sql; NULL when there is none).
 * Names cannot be bound: one literal per trigger. */
static enum cs_rc
trigger_aside(struct cs_db *db, const char *name, char **sql,
              struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *sql = NULL;
    stmt_prepare(&st, db, "SELECT sql FROM sqlite_schema WHERE type ="
                          " 'trigger' AND name = :name");
    stmt_bind_text(&st, ":name", name);
    if (stmt_row(&st))
        *sql = stmt_text_dup(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK || *sql == NULL)
        return rc;
    return db_exec(db, strcmp(name, "participation_ai") == 0
                       ? "DROP TRIGGER participation_ai"
                       : "DROP TRIGGER participation_vote_ai", err);
}

/* A vote waiting to go in, as vote_put_run_rows reads it: c0 the idea,
 * c1 the person, c2 the points (MEMROWS_NULL: none), c3 the channel. */
typedef int64_t pending_row[MEMROWS_INTS];

static int
cmp_pending(const void *a, const void *b)
{
    const int64_t *x = a, *y = b;

    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* Who took part: one row per voter, or one more contribution for a person
 * already counted in the consultation (a person found again, through
 * participation's own trigger); the people the batch added (ids past
 * `before`) are new to it, and counted in consultation_count at once, all
 * without an email, with that trigger put aside. `people`: c0 the person,
 * c1 the votes of their ballot. */
static enum cs_rc
write_participation(struct run *w, const struct memrows *people,
                    int64_t before, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *counted = NULL;
    int64_t added = 0;
    enum cs_rc rc;

    stmt_prepare(&st, w->db,
        "INSERT INTO participation SELECT c0, :c, c1"
        " FROM consult_rows(:people) WHERE c0 <= :before"
        " ON CONFLICT DO UPDATE"
        " SET contributions = contributions + excluded.contributions");
    stmt_bind_int64(&st, ":c", w->cons);
    stmt_bind_rows(&st, ":people", people);
    stmt_bind_int64(&st, ":before", before);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK)
        rc = trigger_aside(w->db, "participation_ai", &counted, err);
    if (rc == CS_OK) {
        stmt_prepare(&st, w->db,
            "INSERT INTO participation SELECT c0, :c, c1"
            " FROM consult_rows(:people) WHERE c0 > :before");
        stmt_bind_int64(&st, ":c", w->cons);
        stmt_bind_rows(&st, ":people", people);
        stmt_bind_int64(&st, ":before", before);
        if ((rc = stmt_run(&st, err)) == CS_OK)
            added = stmt_changes(&st);
        stmt_finish(&st);
    }
    if (rc == CS_OK && added > 0) {
        stmt_prepare(&st, w->db,
            "INSERT INTO consultation_count VALUES (:c, :n, :n, 0)"
            " ON CONFLICT DO UPDATE SET participants = participants + :n,"
            " without_email = without_email + :n");
        stmt_bind_int64(&st, ":c", w->cons);
        stmt_bind_int64(&st, ":n", added);
        rc = stmt_run(&st, err);
        stmt_finish(&st);
    }
    if (rc == CS_OK && counted != NULL)
        rc = db_exec(w->db, counted, err);
    free(counted);
    return rc;
}

/* The person id of participant `ref`, 0 if none. */
static enum cs_rc
person_of(struct cs_db *db, const char *prefix, const char *voter,
          int64_t *id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *id = 0;
    stmt_prepare(&st, db, "SELECT id FROM participant"
                          " WHERE ref = :prefix || :voter");
    stmt_bind_text(&st, ":prefix", prefix);
    stmt_bind_text(&st, ":voter", voter);
    if (stmt_row(&st))
        *id = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/*
 * Each ballot's person (into ballot[b][1]), once the new ones are in:
 * `created` of them, after ids up to `before`. When every ballot made a
 * person, one statement made them in the ballots' order, each with the
 * next id (SQLite gives a new row one more than the largest id): ballot b
 * is person before + 1 + b, checked at both ends. Otherwise each is found
 * by the index on ref (the file's voters are distinct: pabulib.c), the
 * ballots read first (CROSS JOIN).
 */
static enum cs_rc
find_people(struct run *w, const char *prefix, const struct memrows *rows,
            int64_t before, long created, int64_t (*ballot)[MEMROWS_INTS],
            struct cs_error *err)
{
    const struct pb_file *f = w->f;
    const char *const *voter = rows->texts;
    struct stmt st = STMT_INIT;
    size_t found = 0;
    int64_t first = 0, last = 0;
    enum cs_rc rc;

    if (f->nballots > 0 && created == (long)f->nballots) {
        if ((rc = person_of(w->db, prefix, voter[0], &first, err)) != CS_OK
            || (rc = person_of(w->db, prefix, voter[f->nballots - 1], &last,
                               err)) != CS_OK)
            return rc;
        if (first == before + 1
            && last == before + (int64_t)f->nballots) {
            for (size_t b = 0; b < f->nballots; b++)
                ballot[b][1] = before + 1 + (int64_t)b;
            return CS_OK;
        }
    }
    stmt_prepare(&st, w->db,
        "SELECT b.c0, p.id FROM consult_rows(:ballots) b"
        " CROSS JOIN participant p ON p.ref = :prefix || b.t0");
    stmt_bind_rows(&st, ":ballots", rows);
    stmt_bind_text(&st, ":prefix", prefix);
    while (stmt_row(&st)) {
        int64_t k = stmt_int64(&st, 0);

        if (k >= 0 && (size_t)k < f->nballots
            && ballot[k][1] == MEMROWS_NULL) {
            ballot[k][1] = stmt_int64(&st, 1);
            found++;
        }
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && found != f->nballots)
        rc = cs_error_set(err, CS_EINTERNAL, "%s",
                          _("A voter of the file could not be found again."));
    return rc;
}

/* A project's place in the order of its idea's id. */
struct by_idea {
    int64_t idea;
    size_t project;
};

static int
cmp_by_idea(const void *a, const void *b)
{
    const struct by_idea *x = a, *y = b;

    return x->idea < y->idea ? -1 : x->idea > y->idea;
}

/*
 * The file's votes into `pend`, in the order of the vote table's unique
 * index (idea, participant), read from memory by vote.c's one INSERT ...
 * SELECT: each row lands at its idea's end of that index. Put in one pass
 * into a slice per idea, in the ballots' order, which is the persons'
 * order when the file made them all (find_people); a slice out of that
 * order is sorted. `*with_points` counts the votes with points.
 */
static enum cs_rc
order_votes(struct run *w, int64_t (*ballot)[MEMROWS_INTS],
            pending_row *pend, long *with_points, struct cs_error *err)
{
    const struct pb_file *f = w->f;
    size_t np = f->nprojects;
    struct by_idea *order = malloc((np ? np : 1) * sizeof *order);
    size_t *rank = malloc((np ? np : 1) * sizeof *rank);
    size_t *at = calloc(np + 1, sizeof *at);

    if (order == NULL || rank == NULL || at == NULL) {
        free(order);
        free(rank);
        free(at);
        return no_memory(err);
    }
    for (size_t i = 0; i < np; i++) {
        order[i].idea = w->idea_of[i];
        order[i].project = i;
    }
    qsort(order, np, sizeof *order, cmp_by_idea);
    for (size_t i = 0; i < np; i++)
        rank[order[i].project] = i;
    /* at[i + 1]: the votes of the idea ranked i; then at[i] where its
     * slice starts, moved on by each vote put there. */
    for (size_t k = 0; k < f->nvotes; k++)
        at[rank[f->votes[k].project] + 1]++;
    for (size_t i = 0; i < np; i++)
        at[i + 1] += at[i];
    for (size_t b = 0; b < f->nballots; b++)
        for (uint32_t k = f->ballot_first[b]; k < f->ballot_first[b + 1];
             k++) {
            size_t i = at[rank[f->votes[k].project]]++;

            pend[i][0] = w->idea_of[f->votes[k].project];
            pend[i][1] = ballot[b][1];
            pend[i][2] = f->votes[k].points >= 0 ? f->votes[k].points
                                                 : MEMROWS_NULL;
            pend[i][3] = ballot[b][3] ? CS_CHANNEL_PAPER : CS_CHANNEL_WEB;
            if (f->votes[k].points >= 0)
                (*with_points)++;
        }
    /* Each at[i] is now where slice i ends (and slice i + 1 starts). */
    for (size_t i = 0, from = 0; i < np; from = at[i], i++)
        for (size_t j = from + 1; j < at[i]; j++)
            if (pend[j - 1][1] > pend[j][1]) {
                qsort(pend + from, at[i] - from, sizeof *pend, cmp_pending);
                break;
            }
    free(order);
    free(rank);
    free(at);
    return CS_OK;
}

/* The participants and their votes. */
static enum cs_rc
write_ballots(struct run *w, const char *voted_at,
              struct cs_pabulib_report *r, struct cs_error *err)
{
    const struct pb_file *f = w->f;
    size_t nb = f->nballots ? f->nballots : 1;
    char *prefix = voter_prefix(f), *trigger = NULL;
    const char **voter = calloc(nb, sizeof *voter);
    int64_t (*ballot)[MEMROWS_INTS] = calloc(nb, sizeof *ballot);
    pending_row *pend = malloc((f->nvotes ? f->nvotes : 1) * sizeof *pend);
    struct memrows rows = { 0, NULL, NULL };
    struct vote_put vp = { 0 };
    int64_t before = 0;
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    if (prefix == NULL || voter == NULL || ballot == NULL || pend == NULL) {
        rc = no_memory(err);
        goto out;
    }
    /* The ballots: c0 the ballot, c3 1 on paper; t0 the voter id. */
    for (size_t b = 0; b < f->nballots; b++) {
        ballot[b][0] = (int64_t)b;
        ballot[b][1] = ballot[b][2] = MEMROWS_NULL;
        ballot[b][3] = f->ballot_web[b] == 2;
        voter[b] = f->voters + f->voter_off[b];
    }
    rows.n = f->nballots;
    rows.ints = &ballot[0][0];
    rows.texts = voter;
    stmt_prepare(&st, w->db, "SELECT coalesce(max(id), 0) FROM participant");
    if (stmt_row(&st))
        before = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        goto out;
    stmt_prepare(&st, w->db,
        "INSERT INTO participant(ref, channel, batch_id, created_at,"
        " created_by) SELECT :prefix || t0,"
        " CASE c3 WHEN 1 THEN :paper ELSE :web END,"
        " :batch, :now, :login FROM consult_rows(:ballots) WHERE true"
        " ON CONFLICT (ref) DO NOTHING");
    stmt_bind_text(&st, ":prefix", prefix);
    stmt_bind_text(&st, ":paper", cs_channel_name(CS_CHANNEL_PAPER));
    stmt_bind_text(&st, ":web", cs_channel_name(CS_CHANNEL_WEB));
    stmt_bind_int64(&st, ":batch", w->batch);
    stmt_bind_text(&st, ":now", w->now);
    stmt_bind_text(&st, ":login", cs_db_login(w->db));
    stmt_bind_rows(&st, ":ballots", &rows);
    if ((rc = stmt_run(&st, err)) == CS_OK)
        r->participants_created = stmt_changes(&st);
    stmt_finish(&st);
    if (rc != CS_OK)
        goto out;
    if ((rc = find_people(w, prefix, &rows, before,
                          r->participants_created, ballot, err)) != CS_OK)
        goto out;
    if ((rc = order_votes(w, ballot, pend, &r->with_points, err)) != CS_OK)
        goto out;
    if ((rc = trigger_aside(w->db, "participation_vote_ai", &trigger,
                            err)) != CS_OK)
        goto out;
    rows.n = f->nvotes;
    rows.ints = &pend[0][0];
    rows.texts = NULL;
    if ((rc = vote_put_prepare(w->db, &vp, err)) != CS_OK
        || (rc = vote_put_run_rows(w->db, &vp, &rows, voted_at, w->batch,
                                   w->now, &r->votes, err)) != CS_OK)
        goto out;
    /* Who took part: each person and the votes of their ballot. */
    for (size_t b = 0; b < f->nballots; b++) {
        ballot[b][0] = ballot[b][1];
        ballot[b][1] = (int64_t)(f->ballot_first[b + 1]
                                 - f->ballot_first[b]);
    }
    rows.n = f->nballots;
    rows.ints = &ballot[0][0];
    rc = write_participation(w, &rows, before, err);
    if (rc == CS_OK && trigger != NULL)
        rc = db_exec(w->db, trigger, err);
out:
    vote_put_finish(&vp);
    free(trigger);
    free(prefix);
    free(pend);
    free(ballot);
    free(voter);
    return rc;
}

/* Votes and support from the votes; differences from the file's votes
 * column become warnings. */
static enum cs_rc
count_and_compare(struct run *w, struct cs_pabulib_report *r,
                  struct cs_error *err)
{
    const struct pb_file *f = w->f;
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    rc = run_batch(w->db, "UPDATE idea SET votes = (SELECT count(*) FROM vote"
                   " v WHERE v.idea_id = idea.id), support = (SELECT"
                   " count(*) FROM vote v WHERE v.idea_id = idea.id)"
                   " WHERE batch_id = :batch", w->batch, err);
    if (rc != CS_OK || f->col_votes < 0)
        return rc;
    for (size_t i = 0; i < f->nprojects && rc == CS_OK; i++) {
        int64_t support = 0;

        stmt_prepare(&st, w->db, "SELECT support FROM idea WHERE id = :id");
        stmt_bind_int64(&st, ":id", w->idea_of[i]);
        if (stmt_row(&st))
            support = stmt_int64(&st, 0);
        rc = stmt_status(&st, err);
        stmt_finish(&st);
        if (rc == CS_OK && support != f->projects[i].votes) {
            rc = list_add(&r->warnings, &r->nwarnings, err,
                          _("Project %s (idea %lld): the file says %lld "
                            "votes, its ballots give %lld."),
                          f->projects[i].cells[f->col_id],
                          (long long)w->idea_of[i],
                          (long long)f->projects[i].votes,
                          (long long)support);
            if (rc == CS_OK)
                rc = note(w, "warning", r->warnings[r->nwarnings - 1], err);
        }
    }
    return rc;
}

/* What the file said about itself and what nothing keeps. */
static enum cs_rc
write_notes(struct run *w, const char *path, struct cs_pabulib_report *r,
            struct cs_error *err)
{
    const struct pb_file *f = w->f;
    char buf[512];
    enum cs_rc rc;

    snprintf(buf, sizeof buf, "pabulib %s: %s", pb_vote_type_name(
             f->vote_type), path);
    if ((rc = note(w, "format", buf, err)) != CS_OK)
        return rc;
    for (size_t i = 0; i < f->nmeta && rc == CS_OK; i++) {
        char *line = malloc(strlen(f->meta_key[i])
                            + strlen(f->meta_value[i]) + 3);

        if (line == NULL)
            return no_memory(err);
        sprintf(line, "%s: %s", f->meta_key[i], f->meta_value[i]);
        rc = note(w, "meta", line, err);
        free(line);
    }
    for (size_t c = 0; c < f->nvcols && rc == CS_OK; c++) {
        if (f->extra_values[c] == 0)
            continue;
        rc = list_add(&r->not_kept, &r->nnot_kept, err,
            (int)c == f->col_method
            ? ngettext("VOTES column \"%s\": %ld value saying neither paper "
                       "nor internet not kept (those votes count as web).",
                       "VOTES column \"%s\": %ld values saying neither "
                       "paper nor internet not kept (those votes count as "
                       "web).", f->extra_values[c])
            : ngettext("VOTES column \"%s\": %ld value not kept (voters are "
                       "pseudonymous participants).",
                       "VOTES column \"%s\": %ld values not kept (voters "
                       "are pseudonymous participants).",
                       f->extra_values[c]),
            f->vcols[c], f->extra_values[c]);
        if (rc == CS_OK)
            rc = note(w, "not_kept", r->not_kept[r->nnot_kept - 1], err);
    }
    return rc;
}

/* A batch of these bytes that imported something and was not undone. */
static enum cs_rc
previous_batch(struct cs_db *db, const char *sum, int64_t *id,
               struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *id = 0;
    stmt_prepare(&st, db, "SELECT id FROM import_batch WHERE checksum = :sum"
                          " AND undone_at IS NULL AND accepted > 0"
                          " ORDER BY id LIMIT 1");
    stmt_bind_text(&st, ":sum", sum);
    if (stmt_row(&st))
        *id = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* A project already an idea of the consultation refuses the file. */
static enum cs_rc
projects_new(struct run *w, struct cs_error *err)
{
    const struct pb_file *f = w->f;
    struct stmt st = STMT_INIT;
    enum cs_rc rc = CS_OK;

    for (size_t i = 0; i < f->nprojects && rc == CS_OK; i++) {
        const char *id = f->projects[i].cells[f->col_id];
        char ref[256];
        int64_t idea = 0;

        snprintf(ref, sizeof ref, "pabulib:%s", id);
        stmt_prepare(&st, w->db, "SELECT id FROM idea WHERE consultation_id"
                                 " = :c AND form_ref = :ref");
        stmt_bind_int64(&st, ":c", w->cons);
        stmt_bind_text(&st, ":ref", ref);
        if (stmt_row(&st))
            idea = stmt_int64(&st, 0);
        rc = stmt_status(&st, err);
        stmt_finish(&st);
        if (rc == CS_OK && idea != 0) {
            rc = cs_error_set(err, CS_ECONFLICT,
                _("Project %s is already idea %lld of this consultation "
                  "(form reference %s): another version of this file was "
                  "imported. Nothing was imported."), id, (long long)idea,
                ref);
            if (err)
                err->line = f->projects[i].line;
        }
    }
    return rc;
}

/* The rows an import of a .pb file writes and the journal covers. */
static const char *const pb_touched[] = { "idea", "vote", "participant" };

enum cs_rc
cs_pabulib_import(struct cs_db *db, const char *path,
                  const struct cs_pabulib_options *opt,
                  struct cs_pabulib_report *report, struct cs_error *err)
{
    struct cs_error local;
    struct pb_file f;
    struct themes th;
    struct run w;
    struct stmt st = STMT_INIT;
    char *data = NULL, **cats = NULL, (*catbuf)[256] = NULL;
    char submitted[32], voted[32];
    size_t len = 0;
    bool parsed = false, in_txn = false, fk_off = false;
    bool cache_changed = false;
    int old_cache = 0, old_temp = 0;
    enum cs_rc rc;

    if (err == NULL)
        err = &local;
    cs_error_clear(err);
    memset(&f, 0, sizeof f);
    memset(&th, 0, sizeof th);
    memset(&w, 0, sizeof w);
    if (report == NULL || opt == NULL || path == NULL)
        return cs_error_set(err, CS_EINVAL, "%s", _("Nothing to import."));
    cs_pabulib_report_clear(report);
    report->dry_run = opt->dry_run;
    if (opt->consultation == NULL || opt->consultation[0] == '\0')
        return cs_error_field(err, CS_EINVAL, "consultation", "%s",
            _("A participatory-budget file goes into one consultation: "
              "give it with --consultation."));
    if ((rc = op_require(db, CS_OP_IMPORT, err)) != CS_OK)
        return rc;
    /* A dry run writes nothing: on a database that cannot be written it
     * runs on a copy. */
    if (opt->dry_run && db->readonly != CS_READONLY_NO) {
        struct cs_db *scratch = NULL;

        if ((rc = db_scratch_open(db, &scratch, err)) != CS_OK)
            return rc;
        rc = cs_pabulib_import(scratch, path, opt, report, err);
        cs_db_close(scratch);
        return rc;
    }
    if ((rc = read_file(path, &data, &len, report->checksum, err)) != CS_OK)
        return rc;
    if ((rc = pb_parse(data, len, &f, err)) != CS_OK)
        goto out;
    parsed = true;
    report->vote_type = pb_vote_type_name(f.vote_type);
    w.db = db;
    w.f = &f;
    util_now(w.now);
    if ((rc = cs_consultation_lookup(db, opt->consultation, &w.cons, err))
        != CS_OK)
        goto out;
    if ((w.idea_of = calloc(f.nprojects, sizeof *w.idea_of)) == NULL
        || (cats = calloc(f.nprojects, sizeof *cats)) == NULL
        || (catbuf = calloc(f.nprojects, sizeof *catbuf)) == NULL) {
        rc = no_memory(err);
        goto out;
    }
    for (size_t i = 0; i < f.nprojects; i++)
        if (f.col_category >= 0
            && f.projects[i].cells[f.col_category][0] != '\0'
            && first_category(f.projects[i].cells[f.col_category],
                              catbuf[i], sizeof catbuf[i])[0] != '\0')
            cats[i] = catbuf[i];
    file_date(pb_meta(&f, "date_begin"), w.now, submitted);
    file_date(pb_meta(&f, "date_end"), w.now, voted);
    /* The projects become ideas of the web: a closed consultation takes
     * none (only late paper), an archived one nothing. */
    if ((rc = cons_write_check(db, w.cons, CONS_WRITE_CONTRIB, CS_CHANNEL_WEB,
                               submitted, NULL, err)) != CS_OK)
        goto out;

    if (db->txn_depth == 0) {
        sqlite3_exec(db->sql, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
        fk_off = true;
    }
    /* The vote table's four indexes stay in memory while they grow (the
     * default page cache is 2 MiB); put back at the end. */
    old_cache = pragma_int(db, "PRAGMA main.cache_size");
    old_temp = pragma_int(db, "PRAGMA temp.cache_size");
    sqlite3_exec(db->sql, "PRAGMA main.cache_size = -" PB_CACHE_KIB ";"
                 "PRAGMA temp.cache_size = -" PB_CACHE_KIB, NULL, NULL, NULL);
    cache_changed = true;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        goto out;
    in_txn = true;
    if ((rc = previous_batch(db, report->checksum, &report->previous_batch,
                             err)) != CS_OK
        || report->previous_batch != 0)
        goto out;
    if ((rc = projects_new(&w, err)) != CS_OK
        || (rc = themes_resolve(db, w.cons, &f, opt, &th, cats, report, err))
           != CS_OK)
        goto out;

    stmt_prepare(&st, db, "INSERT INTO import_batch(kind, consultation_id,"
                          " file_name, checksum, imported_by, imported_at)"
                          " VALUES ('ideas', :c, :file, :sum, :login, :now)");
    stmt_bind_int64(&st, ":c", w.cons);
    stmt_bind_text(&st, ":file", path);
    stmt_bind_text(&st, ":sum", report->checksum);
    stmt_bind_text(&st, ":login", cs_db_login(db));
    stmt_bind_text(&st, ":now", w.now);
    if ((rc = stmt_run(&st, err)) == CS_OK)
        w.batch = stmt_last_id(&st);
    stmt_finish(&st);
    if (rc != CS_OK)
        goto out;

    if ((rc = write_ideas(&w, th.of_project, submitted, err)) != CS_OK
        || (rc = write_ballots(&w, voted, report, err)) != CS_OK
        || (rc = write_notes(&w, path, report, err)) != CS_OK
        || (rc = count_and_compare(&w, report, err)) != CS_OK)
        goto out;
    report->projects = (long)f.nprojects;
    report->ballots = (long)f.nballots;

    stmt_prepare(&st, db, "UPDATE import_batch SET rows_read = :n,"
                          " accepted = :n WHERE id = :id");
    stmt_bind_int64(&st, ":n", (int64_t)(f.nprojects + f.nballots));
    stmt_bind_int64(&st, ":id", w.batch);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    /* The rows the file made, for the batch's journal row to record
     * (audit verify knows them then as consult's own). */
    for (size_t i = 0; rc == CS_OK && i < sizeof pb_touched
                                            / sizeof pb_touched[0]; i++)
        rc = audit_touch_batch(db, pb_touched[i], w.batch, err);
    if (rc == CS_OK)
        rc = audit_write(db, "add", "import_batch", w.batch, 0, NULL, err);

out:
    if (in_txn) {
        if (rc == CS_OK && !opt->dry_run && report->previous_batch == 0)
            rc = txn_end(db, CS_OK, err);
        else
            txn_end(db, CS_ECANCELED, NULL);
    }
    if (fk_off)
        sqlite3_exec(db->sql, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    if (cache_changed) {
        char sql[96];

        /* PRAGMA values cannot be bound; these are our own integers. */
        snprintf(sql, sizeof sql, "PRAGMA main.cache_size = %d;"
                 "PRAGMA temp.cache_size = %d", old_cache, old_temp);
        sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
    }
    if (rc == CS_OK && !opt->dry_run && report->previous_batch == 0)
        report->batch_id = w.batch;
    if (rc != CS_OK) {
        report->projects = report->ballots = report->votes = 0;
        report->participants_created = report->themes_created = 0;
        report->with_points = 0;
    }
    if (parsed)
        pb_file_clear(&f);
    theme_needs_free(&th.needs);
    free(th.of_project);
    free(w.idea_of);
    free(cats);
    free(catbuf);
    free(data);
    return rc;
}

/* ---------------------------------------------------------------- extras */

void
cs_idea_extra_list_free(struct cs_idea_extra_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].name);
        free(list->items[i].value);
    }
    free(list->items);
    free(list);
}

enum cs_rc
cs_idea_extras(struct cs_db *db, int64_t id, struct cs_idea_extra_list **out,
               struct cs_error *err)
{
    struct cs_idea_extra_list *list;
    struct stmt st = STMT_INIT;
    size_t cap = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((list = calloc(1, sizeof *list)) == NULL)
        return no_memory(err);
    stmt_prepare(&st, db, "SELECT name, value FROM idea_extra"
                          " WHERE idea_id = :id ORDER BY position");
    stmt_bind_int64(&st, ":id", id);
    while (rc == CS_OK && stmt_row(&st)) {
        struct cs_idea_extra *e;

        if (list->count == cap) {
            void *grown = util_grow(list->items, &cap, list->count,
                                    sizeof *list->items);

            if (grown == NULL) {
                rc = no_memory(err);
                break;
            }
            list->items = grown;
        }
        e = &list->items[list->count++];
        e->name = stmt_text_dup(&st, 0);
        e->value = stmt_text_dup(&st, 1);
        if (e->name == NULL || e->value == NULL)
            rc = no_memory(err);
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK) {
        stmt_prepare(&st, db, "SELECT coalesce(sum(points), 0),"
                              " count(points) FROM vote"
                              " WHERE idea_id = :id");
        stmt_bind_int64(&st, ":id", id);
        if (stmt_row(&st)) {
            list->points = stmt_int64(&st, 0);
            list->voters_with_points = stmt_int64(&st, 1);
        }
        rc = stmt_status(&st, err);
        stmt_finish(&st);
    }
    if (rc != CS_OK) {
        cs_idea_extra_list_free(list);
        return rc;
    }
    *out = list;
    return CS_OK;
}

/* ---------------------------------------------------------------- notes */

void
cs_import_note_list_free(struct cs_import_note_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].kind);
        free(list->items[i].text);
    }
    free(list->items);
    free(list);
}

enum cs_rc
cs_import_notes(struct cs_db *db, int64_t batch_id,
                struct cs_import_note_list **out, struct cs_error *err)
{
    struct cs_import_note_list *list;
    struct stmt st = STMT_INIT;
    size_t cap = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((list = calloc(1, sizeof *list)) == NULL)
        return no_memory(err);
    stmt_prepare(&st, db, "SELECT kind, text FROM import_note"
                          " WHERE batch_id = :b ORDER BY position");
    stmt_bind_int64(&st, ":b", batch_id);
    while (rc == CS_OK && stmt_row(&st)) {
        struct cs_import_note *n;

        if (list->count == cap) {
            void *grown = util_grow(list->items, &cap, list->count,
                                    sizeof *list->items);

            if (grown == NULL) {
                rc = no_memory(err);
                break;
            }
            list->items = grown;
        }
        n = &list->items[list->count++];
        n->kind = stmt_text_dup(&st, 0);
        n->text = stmt_text_dup(&st, 1);
        if (n->kind == NULL || n->text == NULL)
            rc = no_memory(err);
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK) {
        cs_import_note_list_free(list);
        return rc;
    }
    *out = list;
    return CS_OK;
}
