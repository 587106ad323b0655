/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * demo.c: load the demo consultation from the CSV files in data/demo/
 * (described in demo.h).
 *
 * Each file is read with libcsv in fixed-size chunks, one record at a time:
 * the field callback copies each field (libcsv reuses its buffer), the
 * record callback hands the row to the file's handler, which goes through
 * the public cs_* calls only, so the demo exercises the same rules, counts
 * and journal as real work. The people and ideas of the files are named by
 * short keys ("P01", "I01"), kept in two small tables to map them to the
 * records they became. The whole load is one write transaction.
 */
#include "consult/demo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <csv.h>

#include "audit_priv.h"
#include "consult/comment.h"
#include "consult/consultation.h"
#include "consult/idea.h"
#include "consult/theme.h"
#include "consult/vote.h"
#include "dbpriv.h"
#include "i18n.h"
#include "schema.h"
#include "stmt.h"

#define DEMO_CHUNK 16384
#define DEMO_MAX_FIELDS 32

/* A participant of participants.csv, owned strings. */
struct demo_person {
    char *key;
    char *ref, *name, *service, *email, *postal;
    bool consent;
    enum cs_channel channel;
};

/* An idea of ideas.csv and the id it got. */
struct demo_idea {
    char *key;
    int64_t id;
};

struct demo {
    struct cs_db *db;
    struct cs_error *err;
    struct cs_demo_report rep;
    int64_t cons_id;
    enum cs_cons_state final_state;
    struct demo_person *people;
    size_t npeople, cap_people;
    struct demo_idea *ideas;
    size_t nideas, cap_ideas;
};

struct demo_file;
typedef enum cs_rc (*demo_row_fn)(struct demo *d, struct demo_file *f);

/* One CSV file being read. */
struct demo_file {
    struct demo *d;
    const char *name;           /* "ideas.csv", for messages */
    const char *const *columns; /* the columns the handler needs */
    demo_row_fn row;
    long line;                  /* line where the current record starts */
    long newlines;              /* newlines inside its quoted fields */
    long records;               /* records seen, header included */
    char *header[DEMO_MAX_FIELDS];
    size_t nheader;
    char *field[DEMO_MAX_FIELDS];
    size_t nfield;
    int col[DEMO_MAX_FIELDS];   /* columns[i] is field col[i] */
    enum cs_rc rc;              /* sticky: the first failure */
};

/* ---------------------------------------------------------------- errors */

/* Prefix the message the failing call left with the file and line, keep
 * its field, and record the line. */
static enum cs_rc
file_fail(struct demo_file *f, enum cs_rc rc)
{
    struct cs_error *err = f->d->err;
    char msg[sizeof err->msg], field[sizeof err->field];

    if (err != NULL) {
        snprintf(msg, sizeof msg, "%s", err->msg);
        snprintf(field, sizeof field, "%s", err->field);
        cs_error_field(err, rc, field, _("%s, line %ld: %s"), f->name,
                       f->line, msg);
        err->line = f->line;
    }
    f->rc = rc;
    return rc;
}

/* ---------------------------------------------------------------- reading */

static void
fields_clear(char **v, size_t *n)
{
    for (size_t i = 0; i < *n; i++)
        free(v[i]);
    *n = 0;
}

/* The value of column `i` of the handler's list in the current record;
 * "" when the record is short. Borrowed until the next record. */
static const char *
col(const struct demo_file *f, int i)
{
    int k = f->col[i];

    return k >= 0 && (size_t)k < f->nfield ? f->field[k] : "";
}

static void
on_field(void *s, size_t len, void *data)
{
    struct demo_file *f = data;
    char *copy;

    if (f->rc != CS_OK)
        return;
    if (f->nfield == DEMO_MAX_FIELDS) {
        cs_error_set(f->d->err, CS_EINVAL, "%s", _("Too many columns."));
        file_fail(f, CS_EINVAL);
        return;
    }
    /* A NUL byte would silently cut the text short further on. */
    if (len > 0 && memchr(s, '\0', len) != NULL) {
        cs_error_set(f->d->err, CS_EINVAL, "%s",
                     _("The file contains a NUL byte."));
        file_fail(f, CS_EINVAL);
        return;
    }
    if ((copy = malloc(len + 1)) == NULL) {
        cs_error_set(f->d->err, CS_ENOMEM, "%s", _("Out of memory."));
        file_fail(f, CS_ENOMEM);
        return;
    }
    if (len > 0)
        memcpy(copy, s, len);
    copy[len] = '\0';
    for (char *p = copy; (p = strchr(p, '\n')) != NULL; p++)
        f->newlines++;
    f->field[f->nfield++] = copy;
}

/* The header: find each column the handler needs, whatever the order. */
static void
take_header(struct demo_file *f)
{
    for (size_t i = 0; i < f->nfield; i++) {
        f->header[i] = f->field[i];
        f->field[i] = NULL;
    }
    f->nheader = f->nfield;
    f->nfield = 0;
    for (int i = 0; f->columns[i] != NULL; i++) {
        f->col[i] = -1;
        for (size_t k = 0; k < f->nheader; k++)
            if (strcmp(f->header[k], f->columns[i]) == 0)
                f->col[i] = (int)k;
        if (f->col[i] < 0) {
            cs_error_field(f->d->err, CS_EINVAL, f->columns[i],
                           _("The column \"%s\" is missing."),
                           f->columns[i]);
            file_fail(f, CS_EINVAL);
            return;
        }
    }
}

static void
on_record(int c, void *data)
{
    struct demo_file *f = data;

    (void)c;
    if (f->rc == CS_OK) {
        if (f->records++ == 0)
            take_header(f);
        else
            f->rc = f->row(f->d, f);
    }
    fields_clear(f->field, &f->nfield);
    f->line += 1 + f->newlines;
    f->newlines = 0;
}

static enum cs_rc
read_file(struct demo *d, const char *dir, struct demo_file *f)
{
    struct csv_parser p;
    unsigned char buf[DEMO_CHUNK];
    char path[4096];
    FILE *fp;
    size_t n;
    bool first = true;

    f->d = d;
    f->line = 1;
    f->rc = CS_OK;
    snprintf(path, sizeof path, "%s/demo/%s", dir, f->name);
    if ((fp = fopen(path, "rb")) == NULL)
        return cs_error_set(d->err, CS_EIO, _("Cannot read %s: %s"), path,
                            strerror(errno));
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        fclose(fp);
        return cs_error_set(d->err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    while (f->rc == CS_OK && (n = fread(buf, 1, sizeof buf, fp)) > 0) {
        const unsigned char *s = buf;

        /* libcsv does not know about the byte order mark. */
        if (first && n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
            s += 3;
            n -= 3;
        }
        first = false;
        if (csv_parse(&p, s, n, on_field, on_record, f) != n
            && f->rc == CS_OK) {
            cs_error_set(d->err, CS_EINVAL, "%s",
                         csv_strerror(csv_error(&p)));
            file_fail(f, CS_EINVAL);
        }
    }
    if (f->rc == CS_OK && ferror(fp))
        f->rc = cs_error_set(d->err, CS_EIO, _("Cannot read %s: %s"), path,
                             strerror(errno));
    if (f->rc == CS_OK && csv_fini(&p, on_field, on_record, f) != 0
        && f->rc == CS_OK) {
        cs_error_set(d->err, CS_EINVAL, "%s", csv_strerror(csv_error(&p)));
        file_fail(f, CS_EINVAL);
    }
    if (f->rc == CS_OK && f->records == 0) {
        cs_error_set(d->err, CS_EINVAL, "%s", _("The file is empty."));
        file_fail(f, CS_EINVAL);
    }
    csv_free(&p);
    fclose(fp);
    fields_clear(f->field, &f->nfield);
    fields_clear(f->header, &f->nheader);
    return f->rc;
}

/* ---------------------------------------------------------------- keys */

static char *
dup_or_null(const char *s)
{
    return util_is_blank(s) ? NULL : util_trim_dup(s);
}

static void
person_clear(struct demo_person *p)
{
    free(p->key);
    free(p->ref);
    free(p->name);
    free(p->service);
    free(p->email);
    free(p->postal);
}

static struct cs_person
person_of(const struct demo_person *p)
{
    struct cs_person c = {
        .ref = p->ref, .name = p->name, .service = p->service,
        .email = p->email, .postal = p->postal, .consent = p->consent,
        .channel = p->channel,
    };

    return c;
}

static const struct demo_person *
person_lookup(const struct demo *d, const char *key)
{
    for (size_t i = 0; i < d->npeople; i++)
        if (strcmp(d->people[i].key, key) == 0)
            return &d->people[i];
    return NULL;
}

/* The person with key `key`; "" is anonymous (*out = NULL). */
static enum cs_rc
person_find(struct demo *d, const char *key, const struct demo_person **out)
{
    *out = NULL;
    if (util_is_blank(key))
        return CS_OK;
    if ((*out = person_lookup(d, key)) != NULL)
        return CS_OK;
    return cs_error_field(d->err, CS_EINVAL, "participant",
                          _("Unknown participant \"%s\"."), key);
}

static const struct demo_idea *
idea_lookup(const struct demo *d, const char *key)
{
    for (size_t i = 0; i < d->nideas; i++)
        if (strcmp(d->ideas[i].key, key) == 0)
            return &d->ideas[i];
    return NULL;
}

static enum cs_rc
idea_find(struct demo *d, const char *key, int64_t *id)
{
    const struct demo_idea *i = idea_lookup(d, key);

    if (i == NULL)
        return cs_error_field(d->err, CS_EINVAL, "idea",
                              _("Unknown idea \"%s\"."), key);
    *id = i->id;
    return CS_OK;
}

/* Grow `*v` (of `size` bytes per element) to hold one more than `n`. */
static bool
grow(void **v, size_t *cap, size_t n, size_t size)
{
    size_t ncap;
    void *p;

    if (n < *cap)
        return true;
    ncap = *cap ? *cap * 2 : 64;
    if ((p = realloc(*v, ncap * size)) == NULL)
        return false;
    *v = p;
    *cap = ncap;
    return true;
}

static enum cs_rc
parse_bool(struct demo *d, const char *s, const char *field, bool *out)
{
    static const char *const yes[] = { "oui", "yes", "1", "true", "vrai" };
    static const char *const no[] = { "non", "no", "0", "false", "faux", "" };

    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (strcasecmp(s, yes[i]) == 0) {
            *out = true;
            return CS_OK;
        }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (strcasecmp(s, no[i]) == 0) {
            *out = false;
            return CS_OK;
        }
    return cs_error_field(d->err, CS_EINVAL, field,
                          _("\"%s\" is neither oui nor non."), s);
}

/* ---------------------------------------------------------------- files */

static const char *const consultation_cols[] = {
    "code", "title", "description", "kind", "audience", "opens_on",
    "closes_on", "state", NULL,
};

static enum cs_rc
consultation_row(struct demo *d, struct demo_file *f)
{
    struct cs_consultation_new c = {
        .code = col(f, 0), .title = col(f, 1), .description = col(f, 2),
        .opens_on = util_is_blank(col(f, 5)) ? NULL : col(f, 5),
        .closes_on = util_is_blank(col(f, 6)) ? NULL : col(f, 6),
        .state = CS_STATE_OPEN,
    };
    enum cs_rc rc;

    if (d->cons_id != 0) {
        cs_error_set(d->err, CS_EINVAL, "%s",
                     _("Only one consultation is expected."));
        return file_fail(f, CS_EINVAL);
    }
    if ((rc = cs_cons_kind_parse(col(f, 3), &c.kind, d->err)) != CS_OK
        || (rc = cs_audience_parse(col(f, 4), &c.audience, d->err)) != CS_OK
        || (rc = cs_state_parse(col(f, 7), &d->final_state, d->err)) != CS_OK
        || (rc = cs_consultation_add(d->db, &c, &d->cons_id, d->err))
           != CS_OK)
        return file_fail(f, rc);
    d->rep.consultations++;
    return CS_OK;
}

static const char *const theme_cols[] = { "code", "title", "position", NULL };

static enum cs_rc
theme_row(struct demo *d, struct demo_file *f)
{
    char *end = NULL;
    long pos = strtol(col(f, 2), &end, 10);
    enum cs_rc rc;

    if (end == col(f, 2) || *end != '\0' || pos < 0 || pos > 1000) {
        cs_error_field(d->err, CS_EINVAL, "position",
                       _("\"%s\" is not a position."), col(f, 2));
        return file_fail(f, CS_EINVAL);
    }
    rc = cs_theme_add(d->db, d->cons_id, col(f, 0), col(f, 1), (int)pos,
                      NULL, d->err);
    if (rc != CS_OK)
        return file_fail(f, rc);
    d->rep.themes++;
    return CS_OK;
}

static const char *const participant_cols[] = {
    "key", "matricule", "name", "service", "email", "postal", "consent",
    "channel", NULL,
};

static enum cs_rc
participant_row(struct demo *d, struct demo_file *f)
{
    struct demo_person *p;
    struct cs_person c;
    int64_t id;
    bool created = false;
    enum cs_rc rc;

    if (util_is_blank(col(f, 0))) {
        cs_error_field(d->err, CS_EINVAL, "key", "%s",
                       _("Each participant needs a key."));
        return file_fail(f, CS_EINVAL);
    }
    if (person_lookup(d, col(f, 0)) != NULL) {
        cs_error_field(d->err, CS_EINVAL, "key", _("Key \"%s\" is used "
                       "twice."), col(f, 0));
        return file_fail(f, CS_EINVAL);
    }
    if (!grow((void **)&d->people, &d->cap_people, d->npeople,
              sizeof *d->people)) {
        cs_error_set(d->err, CS_ENOMEM, "%s", _("Out of memory."));
        return file_fail(f, CS_ENOMEM);
    }
    p = &d->people[d->npeople];
    memset(p, 0, sizeof *p);
    if ((rc = parse_bool(d, col(f, 6), "consent", &p->consent)) != CS_OK
        || (rc = cs_channel_parse(col(f, 7), &p->channel, d->err)) != CS_OK)
        return file_fail(f, rc);
    p->key = util_trim_dup(col(f, 0));
    p->ref = dup_or_null(col(f, 1));
    p->name = dup_or_null(col(f, 2));
    p->service = dup_or_null(col(f, 3));
    p->email = dup_or_null(col(f, 4));
    p->postal = dup_or_null(col(f, 5));
    d->npeople++;       /* owned by the table from here on */
    if (p->key == NULL) {
        cs_error_set(d->err, CS_ENOMEM, "%s", _("Out of memory."));
        return file_fail(f, CS_ENOMEM);
    }
    c = person_of(p);
    if ((rc = cs_participant_resolve(d->db, &c, &id, &created, d->err))
        != CS_OK)
        return file_fail(f, rc);
    if (created)
        d->rep.participants++;
    return CS_OK;
}

static const char *const idea_cols[] = {
    "key", "theme", "kind", "channel", "form_ref", "submitted_at", "author",
    "title", "body", NULL,
};

static enum cs_rc
idea_row(struct demo *d, struct demo_file *f)
{
    const struct demo_person *author = NULL;
    struct cs_person person;
    struct cs_theme theme;
    struct cs_idea_new in = {
        .consultation_id = d->cons_id, .form_ref = col(f, 4),
        .submitted_at = util_is_blank(col(f, 5)) ? NULL : col(f, 5),
        .title = col(f, 7), .body = col(f, 8),
    };
    struct demo_idea *slot;
    int64_t id;
    enum cs_rc rc;

    if (util_is_blank(col(f, 0)) || idea_lookup(d, col(f, 0)) != NULL) {
        cs_error_field(d->err, CS_EINVAL, "key",
                       _("Missing or repeated idea key \"%s\"."), col(f, 0));
        return file_fail(f, CS_EINVAL);
    }
    if ((rc = cs_kind_parse(col(f, 2), &in.kind, d->err)) != CS_OK
        || (rc = cs_channel_parse(col(f, 3), &in.channel, d->err)) != CS_OK
        || (rc = person_find(d, col(f, 6), &author)) != CS_OK)
        return file_fail(f, rc);
    if ((rc = cs_theme_find(d->db, d->cons_id, col(f, 1), &theme, d->err))
        != CS_OK)
        return file_fail(f, rc);
    in.theme_id = theme.id;
    cs_theme_clear(&theme);
    if (author != NULL) {
        person = person_of(author);
        in.author = &person;
    }
    if ((rc = cs_idea_add(d->db, &in, &id, d->err)) != CS_OK)
        return file_fail(f, rc);
    if (!grow((void **)&d->ideas, &d->cap_ideas, d->nideas,
              sizeof *d->ideas)) {
        cs_error_set(d->err, CS_ENOMEM, "%s", _("Out of memory."));
        return file_fail(f, CS_ENOMEM);
    }
    slot = &d->ideas[d->nideas];
    if ((slot->key = util_trim_dup(col(f, 0))) == NULL) {
        cs_error_set(d->err, CS_ENOMEM, "%s", _("Out of memory."));
        return file_fail(f, CS_ENOMEM);
    }
    slot->id = id;
    d->nideas++;
    d->rep.ideas++;
    return CS_OK;
}

static const char *const vote_cols[] = {
    "idea", "participant", "channel", "voted_at", NULL,
};

static enum cs_rc
vote_row(struct demo *d, struct demo_file *f)
{
    const struct demo_person *voter = NULL;
    struct cs_person person;
    enum cs_channel channel;
    int64_t idea = 0;
    enum cs_rc rc;

    if ((rc = idea_find(d, col(f, 0), &idea)) != CS_OK
        || (rc = person_find(d, col(f, 1), &voter)) != CS_OK
        || (rc = cs_channel_parse(col(f, 2), &channel, d->err)) != CS_OK)
        return file_fail(f, rc);
    if (voter == NULL) {
        cs_error_field(d->err, CS_EINVAL, "participant", "%s",
                       _("A vote needs a participant."));
        return file_fail(f, CS_EINVAL);
    }
    person = person_of(voter);
    rc = cs_vote_add(d->db, idea, &person, channel,
                     util_is_blank(col(f, 3)) ? NULL : col(f, 3), NULL,
                     d->err);
    if (rc != CS_OK)
        return file_fail(f, rc);
    d->rep.votes++;
    return CS_OK;
}

static const char *const tally_cols[] = {
    "idea", "source", "count", "counted_at", NULL,
};

static enum cs_rc
tally_row(struct demo *d, struct demo_file *f)
{
    char *end = NULL;
    long long count = strtoll(col(f, 2), &end, 10);
    int64_t idea = 0;
    enum cs_rc rc;

    if (end == col(f, 2) || *end != '\0') {
        cs_error_field(d->err, CS_EINVAL, "count",
                       _("\"%s\" is not a number."), col(f, 2));
        return file_fail(f, CS_EINVAL);
    }
    if ((rc = idea_find(d, col(f, 0), &idea)) != CS_OK
        || (rc = cs_tally_add(d->db, idea, count, col(f, 1),
                              util_is_blank(col(f, 3)) ? NULL : col(f, 3),
                              NULL, d->err)) != CS_OK)
        return file_fail(f, rc);
    d->rep.tallies++;
    return CS_OK;
}

static const char *const comment_cols[] = {
    "idea", "participant", "body", "hidden_reason", NULL,
};

static enum cs_rc
comment_row(struct demo *d, struct demo_file *f)
{
    const struct demo_person *author = NULL;
    struct cs_person person;
    int64_t idea = 0, id;
    enum cs_rc rc;

    if ((rc = idea_find(d, col(f, 0), &idea)) != CS_OK
        || (rc = person_find(d, col(f, 1), &author)) != CS_OK)
        return file_fail(f, rc);
    if (author != NULL)
        person = person_of(author);
    rc = cs_comment_add(d->db, idea, author ? &person : NULL, col(f, 2), &id,
                        d->err);
    if (rc == CS_OK && !util_is_blank(col(f, 3)))
        rc = cs_comment_hide(d->db, id, col(f, 3), d->err);
    if (rc != CS_OK)
        return file_fail(f, rc);
    d->rep.comments++;
    return CS_OK;
}

static const char *const decision_cols[] = {
    "idea", "status", "into", "answer", NULL,
};

static enum cs_rc
decision_row(struct demo *d, struct demo_file *f)
{
    enum cs_status status;
    int64_t idea = 0, into = 0;
    enum cs_rc rc;

    if ((rc = idea_find(d, col(f, 0), &idea)) != CS_OK
        || (rc = cs_status_parse(col(f, 1), &status, d->err)) != CS_OK)
        return file_fail(f, rc);
    if ((status == CS_STATUS_MERGED) != !util_is_blank(col(f, 2))) {
        cs_error_field(d->err, CS_EINVAL, "into", "%s",
            _("A merge names the idea it goes into, and only a merge "
              "does."));
        return file_fail(f, CS_EINVAL);
    }
    if (status == CS_STATUS_MERGED)
        rc = idea_find(d, col(f, 2), &into);
    if (rc == CS_OK)
        rc = status == CS_STATUS_MERGED
             ? cs_idea_merge(d->db, idea, 0, into, d->err)
             : cs_idea_set_status(d->db, idea, 0, status, col(f, 3),
                                  d->err);
    if (rc != CS_OK)
        return file_fail(f, rc);
    d->rep.decisions++;
    return CS_OK;
}

/* ---------------------------------------------------------------- load */

static void
demo_clear(struct demo *d)
{
    for (size_t i = 0; i < d->npeople; i++)
        person_clear(&d->people[i]);
    free(d->people);
    for (size_t i = 0; i < d->nideas; i++)
        free(d->ideas[i].key);
    free(d->ideas);
}

/* Mark the database as a demo, so that `consult demo` may replace it
 * later without risking a real database. */
static enum cs_rc
demo_mark(struct cs_db *db, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char now[32];
    enum cs_rc rc;

    util_now(now);
    stmt_prepare(&st, db, "INSERT OR REPLACE INTO meta(key, value)"
                          " VALUES ('demo', :now)");
    stmt_bind_text(&st, ":now", now);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK)
        rc = audit_write_raw(db, "demo", "meta", 0, 0, NULL,
                             "{\"demo\":true}", err);
    return rc;
}

enum cs_rc
cs_demo_is_demo(const char *path, bool *out, struct cs_error *err)
{
    sqlite3 *s = NULL;
    sqlite3_stmt *st = NULL;
    struct stat sb;
    bool demo = false;
    int app = 0;

    if (path == NULL || path[0] == '\0')
        return cs_error_set(err, CS_EINVAL, "%s", _("No database path."));
    if (stat(path, &sb) != 0) {
        if (errno != ENOENT)
            return cs_error_set(err, CS_EIO, _("Cannot open %s: %s"), path,
                                strerror(errno));
        return cs_error_set(err, CS_ENOTFOUND,
            _("No database at %s (create one with: consult init)."), path);
    }
    /* A plain read-only connection, not cs_db_open: a demo made by an
     * older consult (an older schema, which a read-only open cannot
     * upgrade) or a newer one is still a demo, and may be replaced. */
    if (sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
        && sqlite3_prepare_v2(s, "PRAGMA application_id", -1, &st, NULL)
           == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW)
        app = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if (app == SCHEMA_APPLICATION_ID
        && sqlite3_prepare_v2(s, "SELECT 1 FROM meta WHERE key = 'demo'", -1,
                              &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW)
        demo = true;
    sqlite3_finalize(st);
    sqlite3_close(s);
    *out = demo;
    return CS_OK;
}

enum cs_rc
cs_demo_load(struct cs_db *db, const char *datadir,
             struct cs_demo_report *report, struct cs_error *err)
{
    struct demo_file files[] = {
        { .name = "consultation.csv", .columns = consultation_cols,
          .row = consultation_row },
        { .name = "themes.csv", .columns = theme_cols, .row = theme_row },
        { .name = "participants.csv", .columns = participant_cols,
          .row = participant_row },
        { .name = "ideas.csv", .columns = idea_cols, .row = idea_row },
        { .name = "votes.csv", .columns = vote_cols, .row = vote_row },
        { .name = "tallies.csv", .columns = tally_cols, .row = tally_row },
        { .name = "comments.csv", .columns = comment_cols,
          .row = comment_row },
        { .name = "decisions.csv", .columns = decision_cols,
          .row = decision_row },
    };
    struct demo d;
    enum cs_rc rc;

    if (util_is_blank(datadir))
        return cs_error_set(err, CS_EINVAL, "%s",
                            _("No data directory for the demo."));
    if ((rc = op_require(db, CS_OP_CONSULTATIONS, err)) != CS_OK)
        return rc;
    memset(&d, 0, sizeof d);
    d.db = db;
    d.err = err;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    for (size_t i = 0; rc == CS_OK && i < sizeof files / sizeof files[0];
         i++) {
        rc = read_file(&d, datadir, &files[i]);
        if (rc == CS_OK && i == 0 && d.cons_id == 0) {
            files[0].line = 2;
            cs_error_set(err, CS_EINVAL, "%s", _("No consultation."));
            rc = file_fail(&files[0], CS_EINVAL);
        }
    }
    if (rc == CS_OK && d.final_state != CS_STATE_OPEN)
        rc = cs_consultation_set_state(db, d.cons_id, d.final_state, err);
    if (rc == CS_OK)
        rc = demo_mark(db, err);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && report != NULL)
        *report = d.rep;
    demo_clear(&d);
    return rc;
}
