/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * pabulib.c: reading a .pb file into memory (pabulib_priv.h).
 *
 * The records come from the CSV reader with `;` as the delimiter; this
 * file only knows which section a record belongs to and what its cells
 * must hold. Every refusal names the physical line and says why, in the
 * user's language. Projects are found by id through a sorted index
 * (a file has a few hundred at most; a ballot names a handful).
 */
#include "pabulib_priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "consult/csv.h"
#include "dbpriv.h"
#include "i18n.h"

enum section { S_NONE = 0, S_META, S_PROJECTS, S_VOTES };

struct parse {
    struct pb_file *f;
    uint32_t *order;            /* projects sorted by id */
    size_t cap_ballots, cap_votes, cap_voters, cap_projects;
    struct cs_error *err;
};

const char *
pb_vote_type_name(enum pb_vote_type t)
{
    switch (t) {
    case PB_CUMULATIVE: return "cumulative";
    case PB_SCORING:    return "scoring";
    case PB_ORDINAL:    return "ordinal";
    case PB_CHOOSE_ONE: return "choose-1";
    case PB_APPROVAL:
    default:            return "approval";
    }
}

static void
free_cells(char **cells, size_t n)
{
    if (cells == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        free(cells[i]);
    free(cells);
}

void
pb_file_clear(struct pb_file *f)
{
    if (f == NULL)
        return;
    free_cells(f->meta_key, f->nmeta);
    free_cells(f->meta_value, f->nmeta);
    for (size_t i = 0; i < f->nprojects; i++)
        free_cells(f->projects[i].cells, f->npcols);
    free(f->projects);
    free_cells(f->pcols, f->npcols);
    free_cells(f->vcols, f->nvcols);
    free(f->voters);
    free(f->voter_off);
    free(f->ballot_first);
    free(f->ballot_web);
    free(f->votes);
    free(f->extra_values);
    memset(f, 0, sizeof *f);
}

const char *
pb_meta(const struct pb_file *f, const char *key)
{
    for (size_t i = 0; i < f->nmeta; i++)
        if (strcasecmp(f->meta_key[i], key) == 0)
            return f->meta_value[i][0] ? f->meta_value[i] : NULL;
    return NULL;
}

static enum cs_rc
no_memory(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
}

/* A refusal at line `line`. */
static enum cs_rc
bad(struct cs_error *err, long line, const char *fmt, ...) CS_PRINTF(3, 4);

static enum cs_rc
bad(struct cs_error *err, long line, const char *fmt, ...)
{
    char msg[sizeof err->msg];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cs_error_set(err, CS_EINVAL, "%s", msg);
    if (err)
        err->line = line;
    return CS_EINVAL;
}

/* Copies of a record's cells, blanks around each trimmed. */
static char **
dup_cells(const struct cs_csv_record *rec)
{
    char **out = calloc(rec->nfields ? rec->nfields : 1, sizeof *out);

    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < rec->nfields; i++) {
        const char *s = rec->fields[i].s;
        size_t n = rec->fields[i].len;

        while (n > 0 && (*s == ' ' || *s == '\t'))
            s++, n--;
        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        if ((out[i] = malloc(n + 1)) == NULL) {
            free_cells(out, i);
            return NULL;
        }
        memcpy(out[i], s, n);
        out[i][n] = '\0';
    }
    return out;
}

/* The section a record opens, or S_NONE. */
static enum section
section_of(const struct cs_csv_record *rec)
{
    char word[16];
    size_t n;
    const char *s;

    if (rec->nfields != 1)
        return S_NONE;
    s = rec->fields[0].s;
    n = rec->fields[0].len;
    while (n > 0 && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0 || n >= sizeof word)
        return S_NONE;
    memcpy(word, s, n);
    word[n] = '\0';
    if (strcasecmp(word, "META") == 0)
        return S_META;
    if (strcasecmp(word, "PROJECTS") == 0)
        return S_PROJECTS;
    if (strcasecmp(word, "VOTES") == 0)
        return S_VOTES;
    return S_NONE;
}

static const char *
section_name(enum section s)
{
    return s == S_META ? "META" : s == S_PROJECTS ? "PROJECTS" : "VOTES";
}

/* A whole number >= 0 of at most 15 digits: digits only. */
static bool
parse_count(const char *s, int64_t *out)
{
    int64_t v = 0;
    size_t n = 0;

    for (; *s; s++, n++) {
        if (*s < '0' || *s > '9' || n >= 15)
            return false;
        v = v * 10 + (*s - '0');
    }
    if (n == 0)
        return false;
    *out = v;
    return true;
}

/* An amount >= 0: digits, then optionally a point and digits. */
static bool
is_amount(const char *s)
{
    size_t n = 0;

    for (; *s >= '0' && *s <= '9'; s++)
        n++;
    if (n == 0)
        return false;
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9')
            return false;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

static int
col_index(char **cols, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(cols[i], name) == 0)
            return (int)i;
    return -1;
}

/* ---------------------------------------------------------------- META */

static enum cs_rc
meta_line(struct parse *p, const struct cs_csv_record *rec)
{
    struct pb_file *f = p->f;
    char **cells, **k, **v;
    size_t len = 0;
    char *value;

    if (rec->nfields < 2)
        return bad(p->err, rec->line, _("A META line is \"key;value\"; "
                   "this one has no \";\"."));
    if ((cells = dup_cells(rec)) == NULL)
        return no_memory(p->err);
    /* The "key;value" header some files have. */
    if (f->nmeta == 0 && strcasecmp(cells[0], "key") == 0
        && strcasecmp(cells[1], "value") == 0 && rec->nfields == 2) {
        free_cells(cells, rec->nfields);
        return CS_OK;
    }
    if (cells[0][0] == '\0') {
        free_cells(cells, rec->nfields);
        return bad(p->err, rec->line, "%s", _("A META line has no key."));
    }
    /* A value with unquoted ";" in it: the cells after the key, joined. */
    for (size_t i = 1; i < rec->nfields; i++)
        len += strlen(cells[i]) + 1;
    if ((value = malloc(len + 1)) == NULL) {
        free_cells(cells, rec->nfields);
        return no_memory(p->err);
    }
    value[0] = '\0';
    for (size_t i = 1; i < rec->nfields; i++) {
        if (i > 1)
            strcat(value, ";");
        strcat(value, cells[i]);
    }
    k = realloc(f->meta_key, (f->nmeta + 1) * sizeof *k);
    if (k != NULL)
        f->meta_key = k;
    v = k ? realloc(f->meta_value, (f->nmeta + 1) * sizeof *v) : NULL;
    if (v == NULL) {
        free(value);
        free_cells(cells, rec->nfields);
        return no_memory(p->err);
    }
    f->meta_value = v;
    f->meta_key[f->nmeta] = cells[0];
    f->meta_value[f->nmeta] = value;
    f->nmeta++;
    for (size_t i = 1; i < rec->nfields; i++)
        free(cells[i]);
    free(cells);
    return CS_OK;
}

/* What META says, checked once the section is over. */
static enum cs_rc
meta_finish(struct parse *p, long line)
{
    struct pb_file *f = p->f;
    const char *t = pb_meta(f, "vote_type");

    f->unit = pb_meta(f, "unit");
    f->instance = pb_meta(f, "instance");
    f->district = pb_meta(f, "district");
    f->subunit = pb_meta(f, "subunit");
    if (f->unit == NULL)
        return bad(p->err, line, "%s", _("META has no \"unit\": the voters "
                   "could not be told apart from another file's."));
    if (t == NULL)
        return bad(p->err, line, "%s", _("META has no \"vote_type\" "
                   "(approval, cumulative, scoring, ordinal or choose-1)."));
    if (strcasecmp(t, "approval") == 0)
        f->vote_type = PB_APPROVAL;
    else if (strcasecmp(t, "cumulative") == 0)
        f->vote_type = PB_CUMULATIVE;
    else if (strcasecmp(t, "scoring") == 0)
        f->vote_type = PB_SCORING;
    else if (strcasecmp(t, "ordinal") == 0)
        f->vote_type = PB_ORDINAL;
    else if (strcasecmp(t, "choose-1") == 0)
        f->vote_type = PB_CHOOSE_ONE;
    else
        return bad(p->err, line, _("META's vote_type \"%s\" is none of "
                   "approval, cumulative, scoring, ordinal, choose-1."), t);
    return CS_OK;
}

/* ---------------------------------------------------------------- PROJECTS */

static enum cs_rc
projects_header(struct parse *p, const struct cs_csv_record *rec)
{
    struct pb_file *f = p->f;

    if ((f->pcols = dup_cells(rec)) == NULL)
        return no_memory(p->err);
    f->npcols = rec->nfields;
    for (size_t i = 0; i < f->npcols; i++) {
        if (f->pcols[i][0] == '\0')
            return bad(p->err, rec->line, _("Column %zu of the PROJECTS "
                       "header has no name."), i + 1);
        for (size_t j = 0; j < i; j++)
            if (strcasecmp(f->pcols[i], f->pcols[j]) == 0)
                return bad(p->err, rec->line, _("The PROJECTS header names "
                           "the column \"%s\" twice."), f->pcols[i]);
    }
    f->col_id = col_index(f->pcols, f->npcols, "project_id");
    f->col_name = col_index(f->pcols, f->npcols, "name");
    f->col_votes = col_index(f->pcols, f->npcols, "votes");
    f->col_category = col_index(f->pcols, f->npcols, "category");
    f->col_description = col_index(f->pcols, f->npcols, "description");
    if (f->col_id < 0)
        return bad(p->err, rec->line, "%s", _("The PROJECTS header has no "
                   "\"project_id\" column."));
    return CS_OK;
}

static enum cs_rc
project_line(struct parse *p, const struct cs_csv_record *rec)
{
    struct pb_file *f = p->f;
    struct pb_project *pr;
    int c;

    if (rec->nfields != f->npcols)
        return bad(p->err, rec->line, _("This project has %zu cells where "
                   "the PROJECTS header has %zu."), rec->nfields, f->npcols);
    if (f->nprojects == p->cap_projects) {
        size_t ncap = p->cap_projects ? p->cap_projects * 2 : 64;
        struct pb_project *grown = realloc(f->projects,
                                           ncap * sizeof *grown);

        if (grown == NULL)
            return no_memory(p->err);
        f->projects = grown;
        p->cap_projects = ncap;
    }
    pr = &f->projects[f->nprojects];
    memset(pr, 0, sizeof *pr);
    if ((pr->cells = dup_cells(rec)) == NULL)
        return no_memory(p->err);
    f->nprojects++;
    pr->line = rec->line;
    pr->votes = -1;
    if (pr->cells[f->col_id][0] == '\0')
        return bad(p->err, rec->line, "%s", _("A project has no id."));
    if (strchr(pr->cells[f->col_id], ',') != NULL)
        return bad(p->err, rec->line, _("The project id \"%s\" holds a "
                   "comma, which separates ids in a ballot."),
                   pr->cells[f->col_id]);
    if (f->col_votes >= 0
        && !parse_count(pr->cells[f->col_votes], &pr->votes))
        return bad(p->err, rec->line, _("Project %s: its votes \"%s\" are "
                   "not a whole number."), pr->cells[f->col_id],
                   pr->cells[f->col_votes]);
    if ((c = col_index(f->pcols, f->npcols, "cost")) >= 0
        && !is_amount(pr->cells[c]))
        return bad(p->err, rec->line, _("Project %s: its cost \"%s\" is not "
                   "a number."), pr->cells[f->col_id], pr->cells[c]);
    return CS_OK;
}

static const struct pb_file *sort_file;     /* for cmp_project */

static int
cmp_project(const void *a, const void *b)
{
    const struct pb_file *f = sort_file;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

    return strcmp(f->projects[x].cells[f->col_id],
                  f->projects[y].cells[f->col_id]);
}

/* The sorted index of projects, refusing an id given twice. */
static enum cs_rc
projects_finish(struct parse *p, long line)
{
    struct pb_file *f = p->f;

    if (f->nprojects == 0)
        return bad(p->err, line, "%s", _("The PROJECTS section lists no "
                   "project."));
    if (f->nprojects > UINT32_MAX / 2)
        return bad(p->err, line, "%s", _("Too many projects."));
    if ((p->order = malloc(f->nprojects * sizeof *p->order)) == NULL)
        return no_memory(p->err);
    for (size_t i = 0; i < f->nprojects; i++)
        p->order[i] = (uint32_t)i;
    sort_file = f;
    qsort(p->order, f->nprojects, sizeof *p->order, cmp_project);
    for (size_t i = 1; i < f->nprojects; i++) {
        const struct pb_project *a = &f->projects[p->order[i - 1]];
        const struct pb_project *b = &f->projects[p->order[i]];

        if (strcmp(a->cells[f->col_id], b->cells[f->col_id]) == 0)
            return bad(p->err, a->line > b->line ? a->line : b->line,
                       _("Project %s is listed twice (lines %ld and %ld)."),
                       a->cells[f->col_id], a->line < b->line ? a->line
                       : b->line, a->line > b->line ? a->line : b->line);
    }
    return CS_OK;
}

/* The index of project `id` (`n` bytes), or -1. */
static long
project_find(const struct parse *p, const char *id, size_t n)
{
    const struct pb_file *f = p->f;
    size_t lo = 0, hi = f->nprojects;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *s = f->projects[p->order[mid]].cells[f->col_id];
        int c = strncmp(s, id, n);

        if (c == 0 && s[n] != '\0')
            c = 1;
        if (c == 0)
            return (long)p->order[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* ---------------------------------------------------------------- VOTES */

static enum cs_rc
votes_header(struct parse *p, const struct cs_csv_record *rec)
{
    struct pb_file *f = p->f;

    if ((f->vcols = dup_cells(rec)) == NULL)
        return no_memory(p->err);
    f->nvcols = rec->nfields;
    for (size_t i = 0; i < f->nvcols; i++)
        for (size_t j = 0; j < i; j++)
            if (strcasecmp(f->vcols[i], f->vcols[j]) == 0)
                return bad(p->err, rec->line, _("The VOTES header names "
                           "the column \"%s\" twice."), f->vcols[i]);
    f->col_voter = col_index(f->vcols, f->nvcols, "voter_id");
    f->col_vote = col_index(f->vcols, f->nvcols, "vote");
    f->col_points = col_index(f->vcols, f->nvcols, "points");
    f->col_method = col_index(f->vcols, f->nvcols, "voting_method");
    if (f->col_voter < 0 || f->col_vote < 0)
        return bad(p->err, rec->line, "%s", _("The VOTES header needs the "
                   "columns \"voter_id\" and \"vote\"."));
    if (f->col_points < 0 && (f->vote_type == PB_CUMULATIVE
                              || f->vote_type == PB_SCORING))
        return bad(p->err, rec->line, _("A %s vote needs a \"points\" "
                   "column in VOTES."), pb_vote_type_name(f->vote_type));
    if ((f->extra_values = calloc(f->nvcols, sizeof *f->extra_values))
        == NULL
        || (f->ballot_first = malloc(sizeof *f->ballot_first)) == NULL)
        return no_memory(p->err);
    f->ballot_first[0] = 0;
    return CS_OK;
}

static enum cs_rc
grow(void **items, size_t *cap, size_t need, size_t size, size_t first,
     struct cs_error *err)
{
    size_t ncap;
    void *grown;

    if (need <= *cap)
        return CS_OK;
    ncap = *cap ? *cap : first;
    while (ncap < need)
        ncap *= 2;
    if ((grown = realloc(*items, ncap * size)) == NULL)
        return no_memory(err);
    *items = grown;
    *cap = ncap;
    return CS_OK;
}

/* The ballot's cell `s` split at commas: the next item in [*b, *e). */
static bool
next_item(const char **s, const char **b, const char **e)
{
    const char *p = *s;

    if (*p == '\0')
        return false;
    while (*p == ' ')
        p++;
    *b = p;
    while (*p && *p != ',')
        p++;
    *e = p;
    while (*e > *b && (*e)[-1] == ' ')
        (*e)--;
    *s = *p == ',' ? p + 1 : p;
    return true;
}

static enum cs_rc
ballot_line(struct parse *p, const struct cs_csv_record *rec)
{
    struct pb_file *f = p->f;
    const char *vote, *points = NULL, *voter, *b, *e, *pb = NULL, *pe = NULL;
    size_t first = f->nvotes, vlen, old_cap;
    size_t ballot = f->nballots;
    enum cs_rc rc;

    if (rec->nfields != f->nvcols)
        return bad(p->err, rec->line, _("This ballot has %zu cells where "
                   "the VOTES header has %zu."), rec->nfields, f->nvcols);
    voter = rec->fields[f->col_voter].s;
    vote = rec->fields[f->col_vote].s;
    if (f->col_points >= 0)
        points = rec->fields[f->col_points].s;
    if (voter[0] == '\0')
        return bad(p->err, rec->line, "%s", _("A ballot has no voter_id."));
    vlen = rec->fields[f->col_voter].len;
    old_cap = p->cap_ballots;
    if ((rc = grow((void **)&f->voters, &p->cap_voters,
                   f->voters_len + vlen + 1, 1, 4096, p->err)) != CS_OK
        || (rc = grow((void **)&f->voter_off, &p->cap_ballots, ballot + 1,
                      sizeof *f->voter_off, 1024, p->err)) != CS_OK)
        return rc;
    /* ballot_first and ballot_web follow the same capacity. */
    if (p->cap_ballots != old_cap) {
        uint32_t *bf = realloc(f->ballot_first,
                               (p->cap_ballots + 1) * sizeof *bf);
        unsigned char *bw;

        if (bf == NULL)
            return no_memory(p->err);
        f->ballot_first = bf;
        if ((bw = realloc(f->ballot_web, p->cap_ballots)) == NULL)
            return no_memory(p->err);
        f->ballot_web = bw;
    }
    f->voter_off[ballot] = f->voters_len;
    memcpy(f->voters + f->voters_len, voter, vlen + 1);
    f->voters_len += vlen + 1;
    f->ballot_web[ballot] = 0;
    if (f->col_method >= 0) {
        const char *m = rec->fields[f->col_method].s;

        if (strcasecmp(m, "internet") == 0 || strcasecmp(m, "online") == 0
            || strcasecmp(m, "web") == 0)
            f->ballot_web[ballot] = 1;
        else if (strcasecmp(m, "paper") == 0)
            f->ballot_web[ballot] = 2;
    }
    /* Cells nothing keeps: voter columns, and a voting method that
     * says neither paper nor internet (those say the channel). */
    for (size_t i = 0; i < f->nvcols; i++)
        if ((int)i != f->col_voter && (int)i != f->col_vote
            && (int)i != f->col_points && rec->fields[i].len > 0
            && ((int)i != f->col_method || f->ballot_web[ballot] == 0))
            f->extra_values[i]++;

    while (next_item(&vote, &b, &e)) {
        long idx = project_find(p, b, (size_t)(e - b));
        int64_t pts = -1;
        size_t k;

        if (e == b)
            return bad(p->err, rec->line, _("Ballot %s: an empty project id "
                       "in its vote \"%s\"."), voter,
                       rec->fields[f->col_vote].s);
        if (idx < 0)
            return bad(p->err, rec->line, _("Ballot %s votes for project "
                       "%.*s, which PROJECTS does not list."), voter,
                       (int)(e - b), b);
        if (points != NULL) {
            if (!next_item(&points, &pb, &pe))
                return bad(p->err, rec->line, _("Ballot %s: fewer points "
                           "than projects."), voter);
            {
                char num[24];
                size_t n = (size_t)(pe - pb);

                if (n == 0 || n >= sizeof num)
                    return bad(p->err, rec->line, _("Ballot %s: the points "
                               "\"%.*s\" are not a whole number."), voter,
                               (int)n, pb);
                memcpy(num, pb, n);
                num[n] = '\0';
                if (!parse_count(num, &pts) || pts > INT32_MAX)
                    return bad(p->err, rec->line, _("Ballot %s: the points "
                               "\"%s\" are not a whole number."), voter,
                               num);
            }
        } else if (f->vote_type == PB_ORDINAL) {
            pts = (int64_t)(f->nvotes - first) + 1;
        }
        for (k = first; k < f->nvotes; k++)
            if (f->votes[k].project == (uint32_t)idx)
                return bad(p->err, rec->line, _("Ballot %s lists project %s "
                           "twice."), voter,
                           f->projects[idx].cells[f->col_id]);
        if ((rc = grow((void **)&f->votes, &p->cap_votes, f->nvotes + 1,
                       sizeof *f->votes, 4096, p->err)) != CS_OK)
            return rc;
        f->votes[f->nvotes].project = (uint32_t)idx;
        f->votes[f->nvotes].points = (int32_t)pts;
        f->nvotes++;
        if (f->nvotes >= UINT32_MAX)
            return bad(p->err, rec->line, "%s", _("Too many votes."));
    }
    if (points != NULL && next_item(&points, &pb, &pe))
        return bad(p->err, rec->line, _("Ballot %s: more points than "
                   "projects."), voter);
    if (f->nvotes == first)
        return bad(p->err, rec->line, _("Ballot %s lists no project."),
                   voter);
    if (f->vote_type == PB_CHOOSE_ONE && f->nvotes - first != 1)
        return bad(p->err, rec->line, _("Ballot %s lists %zu projects in a "
                   "choose-1 vote."), voter, f->nvotes - first);
    f->nballots++;
    f->ballot_first[f->nballots] = (uint32_t)f->nvotes;
    return CS_OK;
}

static const struct pb_file *voter_file;    /* for cmp_voter */

static int
cmp_voter(const void *a, const void *b)
{
    const struct pb_file *f = voter_file;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return strcmp(f->voters + f->voter_off[x], f->voters + f->voter_off[y]);
}

/* A voter id given twice would make one person of two ballots. */
static enum cs_rc
votes_finish(struct parse *p, long line, const long *lines)
{
    struct pb_file *f = p->f;
    size_t *order;
    enum cs_rc rc = CS_OK;

    if (f->nballots == 0)
        return bad(p->err, line, "%s", _("The VOTES section lists no "
                   "ballot."));
    if ((order = malloc(f->nballots * sizeof *order)) == NULL)
        return no_memory(p->err);
    for (size_t i = 0; i < f->nballots; i++)
        order[i] = i;
    voter_file = f;
    qsort(order, f->nballots, sizeof *order, cmp_voter);
    for (size_t i = 1; i < f->nballots && rc == CS_OK; i++) {
        size_t a = order[i - 1], b = order[i];

        if (strcmp(f->voters + f->voter_off[a], f->voters + f->voter_off[b])
            == 0) {
            if (a > b) {
                size_t t = a;

                a = b;
                b = t;
            }
            rc = bad(p->err, lines[b], _("Voter %s has two ballots (lines "
                     "%ld and %ld)."), f->voters + f->voter_off[a], lines[a],
                     lines[b]);
        }
    }
    free(order);
    return rc;
}

/* ---------------------------------------------------------------- parse */

enum cs_rc
pb_parse(const void *data, size_t len, struct pb_file *f,
         struct cs_error *err)
{
    struct cs_csv_options copt;
    struct cs_csv_reader *rd = NULL;
    struct cs_csv_record rec;
    struct parse p;
    enum section sec = S_NONE;
    bool seen[4] = { false, false, false, false };
    bool header = false;
    long *lines = NULL, last = 1;
    size_t cap_lines = 0;
    enum cs_rc rc;

    memset(f, 0, sizeof *f);
    memset(&p, 0, sizeof p);
    p.f = f;
    p.err = err;
    f->col_id = f->col_name = f->col_votes = f->col_category = -1;
    f->col_description = f->col_voter = f->col_vote = -1;
    f->col_points = f->col_method = -1;
    if (len == 0)
        return bad(err, 1, "%s", _("The file is empty: a .pb file has the "
                   "sections META, PROJECTS and VOTES."));
    memset(&copt, 0, sizeof copt);
    copt.delimiter = ';';
    if ((rc = cs_csv_reader_open_mem(data, len, &copt, &rd, err)) != CS_OK) {
        if (rc == CS_EINVAL && err && err->line == 0)
            err->line = 1;
        return rc;
    }
    for (;;) {
        enum section next;

        rc = cs_csv_reader_next(rd, &rec, err);
        if (rc == CS_ENOTFOUND) {
            rc = CS_OK;
            break;
        }
        if (rc == CS_EINVAL) {
            char why[sizeof err->msg];

            snprintf(why, sizeof why, "%s", err ? err->msg : "");
            rc = bad(err, rec.line, "%s", why);
            goto out;
        }
        if (rc != CS_OK)
            goto out;
        if (cs_csv_record_is_empty(&rec))
            continue;
        last = rec.end_line;
        /* What could disturb a terminal is refused in every cell (a line
         * break or a tab in a quoted cell is text). */
        if (!util_text_ok(rec.raw)) {
            rc = bad(err, rec.line, "%s",
                     _("The line holds a control or direction character "
                       "that could disturb a terminal; only line breaks "
                       "and tabs are allowed."));
            goto out;
        }
        next = section_of(&rec);
        if (next != S_NONE) {
            /* The sections come in their order, once each. */
            if (seen[next] || (int)next != (int)sec + 1) {
                rc = seen[next]
                    ? bad(err, rec.line, _("A second %s section."),
                          section_name(next))
                    : bad(err, rec.line, _("The %s section comes here where "
                          "%s was expected: a .pb file has META, PROJECTS "
                          "and VOTES, in that order."), section_name(next),
                          section_name((enum section)(sec + 1)));
                goto out;
            }
            if (sec == S_META && (rc = meta_finish(&p, rec.line)) != CS_OK)
                goto out;
            if (sec == S_PROJECTS
                && (rc = (header ? projects_finish(&p, rec.line)
                          : bad(err, rec.line, "%s", _("The PROJECTS section "
                                "has no header line."))))
                   != CS_OK)
                goto out;
            seen[next] = true;
            sec = next;
            header = false;
            continue;
        }
        switch (sec) {
        case S_NONE:
            rc = bad(err, rec.line, "%s", _("A .pb file starts with a line "
                     "holding only META."));
            break;
        case S_META:
            rc = meta_line(&p, &rec);
            break;
        case S_PROJECTS:
            rc = header ? project_line(&p, &rec) : projects_header(&p, &rec);
            header = true;
            break;
        case S_VOTES:
            if (!header) {
                rc = votes_header(&p, &rec);
                header = true;
                break;
            }
            if ((rc = grow((void **)&lines, &cap_lines, f->nballots + 1,
                           sizeof *lines, 1024, err)) != CS_OK)
                break;
            lines[f->nballots] = rec.line;
            rc = ballot_line(&p, &rec);
            break;
        }
        if (rc != CS_OK)
            goto out;
    }
    if (sec != S_VOTES) {
        rc = bad(err, last, _("The file ends without a %s section."),
                 section_name((enum section)(sec + 1)));
        goto out;
    }
    if (!header) {
        rc = bad(err, last, "%s", _("The VOTES section has no header "
                 "line."));
        goto out;
    }
    rc = votes_finish(&p, last, lines);
out:
    cs_csv_reader_close(rd);
    free(p.order);
    free(lines);
    if (rc != CS_OK)
        pb_file_clear(f);
    return rc;
}
