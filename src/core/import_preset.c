/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import_preset.c: the exports of participation platforms (Decidim,
 * CONSUL, Cap Collectif) read as they are (`--from`).
 *
 * A platform's export is not a file of consult's columns: its ids are the
 * platform's own, its texts may come in one column per language
 * (Decidim's "title/fr", "title/en"), a Cap Collectif file mixes
 * proposals, their comments and their votes, one kind per row. A preset
 * names, for each field of a row, the platform's columns that feed it in
 * order of preference (the first non-empty cell wins), and says how a
 * value is made from it: an id becomes a reference prefixed with the
 * platform ("decidim:123"), so that it never meets a paper form's number;
 * the vote count goes to row->v[CS_F_COUNT], which the idea's row makes
 * into the platform's tally. The row then goes through the same checks
 * and writes as any other (import_rows.c).
 */
#include "import_shared.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"

/* What feeds a value beyond the record's fields. */
enum {
    P_TYPE = CS_F_COUNT_ALL,    /* Cap Collectif: the row's kind */
    P_CTYPE,                    /* Decidim comment: what it is on */
    P_CID,                      /* Decidim comment: the id of that */
    P_URL,                      /* Decidim comment: its proposal's URL */
    P_VOTE_VALUE,               /* Cap Collectif: ok, nok, mitigé */
    P_COUNT
};

#define MAX_COLS 12             /* columns feeding one value */

/* One value of a row: the columns it is read from, in order. A name
 * ending in '/' stands for every column starting with it (one per
 * language), the French one first. */
struct slot_def {
    int slot;                   /* enum cs_field_id or P_* */
    bool prefixed;              /* the platform's name before the id */
    const char *names;          /* '|'-separated header names */
};

/* ------------------------------------------------------------ Decidim */

static const struct slot_def decidim_ideas[] = {
    { CS_F_FORM_REF, true, "id" },
    { CS_F_TITLE, false, "title/" },
    { CS_F_BODY, false, "body/" },
    { CS_F_THEME, false, "category/name/" },
    { CS_F_SUBMITTED_AT, false, "published_at|created_at" },
    { CS_F_AUTHOR_REF, true, "author/id" },
    { CS_F_AUTHOR_NAME, false, "author/name" },
    { CS_F_COUNT, false, "votes|supports|proposal_votes_count" },
    { -1, false, NULL },
};

static const struct slot_def decidim_comments[] = {
    { CS_F_FORM_REF, true, "id" },
    { CS_F_BODY, false, "body/|body" },
    { CS_F_SUBMITTED_AT, false, "created_at" },
    { CS_F_PARTICIPANT_REF, true, "author/id" },
    { CS_F_PARTICIPANT_NAME, false, "author/name" },
    { P_CTYPE, false, "commentable_type" },
    { P_CID, false, "commentable_id" },
    { P_URL, false, "root_commentable_url" },
    { -1, false, NULL },
};

/* ------------------------------------------------------------ CONSUL */

/* Decide Madrid's proposals as CONSUL publishes them (and the admin
 * export's names). */
static const struct slot_def consul_ideas[] = {
    { CS_F_FORM_REF, true, "id" },
    { CS_F_TITLE, false, "title" },
    { CS_F_BODY, false, "text|description|summary" },
    { CS_F_THEME, false, "tag_list|category" },
    { CS_F_SUBMITTED_AT, false, "date|created_at" },
    { CS_F_AUTHOR_REF, true, "userId|author_id" },
    { CS_F_AUTHOR_NAME, false, "author|username" },
    { CS_F_COUNT, false, "numSupports|cached_votes_up|supports" },
    { -1, false, NULL },
};

static const struct slot_def consul_comments[] = {
    { CS_F_FORM_REF, true, "id" },
    { CS_F_PARENT_REF, true, "parentId|parent_id" },
    { CS_F_IDEA_FORM_REF, true, "proposalId|proposal_id|commentable_id" },
    { CS_F_BODY, false, "text|body" },
    { CS_F_SUBMITTED_AT, false, "date|created_at" },
    { CS_F_PARTICIPANT_REF, true, "userId|user_id" },
    { -1, false, NULL },
};

/* ------------------------------------------------------------ Cap Collectif */

/* Its contributions exports (a collect or vote step: proposals; a
 * consultation: opinions; a debate: arguments) and its proposals import
 * template. The idea's columns, the comment's and the vote's are all in
 * the one table: a row fills those of its kind. */
static const struct slot_def capco_ideas[] = {
    { P_TYPE, false, "export_contribution_type" },
    /* The idea: a proposal, or an opinion of a consultation. */
    { CS_F_FORM_REF, true, "export_proposal_id|export_contribution_id" },
    { CS_F_TITLE, false, "export_proposal_title|export_contribution_title"
      "|title" },
    { CS_F_BODY, false, "export_proposal_description|export_proposal_summary"
      "|export_contribution_body_text|export_contribution_argument_content"
      "|body|summary" },
    { CS_F_THEME, false, "export_proposal_category_name"
      "|export_proposal_theme_title|export_contribution_section_title"
      "|category|theme" },
    { CS_F_SUBMITTED_AT, false, "export_proposal_published_at"
      "|export_proposal_created_at|export_contributions_created_at"
      "|export_contribution_argument_created_at" },
    { CS_F_AUTHOR_REF, true, "export_proposal_author_id"
      "|export_contribution_author_id"
      "|export_contribution_argument_author_id" },
    { CS_F_AUTHOR_NAME, false, "export_proposal_author_username"
      "|export_contribution_argument_author_username|author" },
    { CS_F_COUNT, false, "export_proposal_votes_total_count"
      "|export_contribution_votes_count_ok" },
    /* A comment on it: a proposal's comment, an argument on an opinion. */
    { CS_F_IDEA_FORM_REF, true, "export_contribution_arguments_related_id"
      "|export_contribution_votes_related_id" },
    /* A vote for it. */
    { CS_F_PARTICIPANT_REF, true, "export_proposal_comments_author_id"
      "|export_proposal_votes_author_id|export_contribution_arguments_author_id"
      "|export_contribution_votes_author_id" },
    { CS_F_PARTICIPANT_NAME, false, "export_proposal_comments_author_username"
      "|export_proposal_votes_author_username" },
    { CS_F_VOTED_AT, false, "export_proposal_votes_created_at"
      "|export_contribution_votes_created_at" },
    { P_VOTE_VALUE, false, "export_contribution_votes_value" },
    { -1, false, NULL },
};

/* Columns a comment row reads instead of the idea's. */
static const struct slot_def capco_comment_cols[] = {
    { CS_F_FORM_REF, true, "export_proposal_comments_id"
      "|export_contribution_arguments_id" },
    { CS_F_BODY, false, "export_proposal_comments_body"
      "|export_contribution_arguments_body" },
    { CS_F_SUBMITTED_AT, false, "export_proposal_comments_created_at"
      "|export_contribution_arguments_created_at" },
    { -1, false, NULL },
};

/* ------------------------------------------------------------ extras */

/* The columns of a platform's proposals kept with each idea, by their
 * own names (idea_extra, shown by `consult idea show`): its address, its
 * own count of comments, its reference and state on the platform. */
static const char *const decidim_extras[] = {
    "url", "comments", "reference", "state", "address", NULL
};
static const char *const consul_extras[] = {
    "url", "numComments", "code", "status", NULL
};
static const char *const capco_extras[] = {
    "export_proposal_reference", "export_proposal_link",
    "export_proposal_district_name", "export_proposal_estimation",
    "export_proposal_status_name", "export_contribution_url", NULL
};

/* ------------------------------------------------------------ the preset */

struct slot {
    int cols[MAX_COLS];         /* column indexes, in order of preference */
    int n;
    bool prefixed;
};

struct imp_preset {
    enum cs_import_platform platform;
    enum cs_import_kind kind;
    struct slot s[P_COUNT];     /* the file's kind of row */
    struct slot c[P_COUNT];     /* Cap Collectif: a comment row's */
    struct imp_columns ident;   /* field f read from cell f */
    struct cs_csv_field cells[CS_F_COUNT_ALL];
    char *buf[CS_F_COUNT_ALL];  /* owned: prefixed values */
    size_t cap[CS_F_COUNT_ALL];
    int extra_col[8];           /* columns kept as the idea's extras */
    const char *extra_name[8];  /* their names (the header's, borrowed
                                   from the preset's tables) */
    int nextra;
    const struct cs_csv_field *row; /* the record being read, and its */
    size_t row_n;               /* cells, until the next row */
    struct stmt put_extra;      /* INSERT INTO idea_extra */
};

static const struct slot_def *
defs_of(enum cs_import_platform p, enum cs_import_kind kind)
{
    switch (p) {
    case CS_PLATFORM_DECIDIM:
        return kind == CS_IMPORT_IDEAS ? decidim_ideas : decidim_comments;
    case CS_PLATFORM_CONSUL:
        return kind == CS_IMPORT_IDEAS ? consul_ideas : consul_comments;
    case CS_PLATFORM_CAPCOLLECTIF:
        return kind == CS_IMPORT_IDEAS ? capco_ideas : NULL;
    default:
        return NULL;
    }
}

/* Does header `h` answer name `name` ("x/" a prefix)? */
static bool
header_is(const char *h, const char *name, size_t len)
{
    if (len > 0 && name[len - 1] == '/')
        return strncasecmp(h, name, len) == 0 && h[len] != '\0';
    return strlen(h) == len && strncasecmp(h, name, len) == 0;
}

/* The columns of `names` answering `def`, into `sl`; each one marked
 * read in `used`. */
static void
slot_match(const struct slot_def *def, const char *const *names, size_t n,
           struct slot *sl, bool *used)
{
    const char *p = def->names;

    sl->n = 0;
    sl->prefixed = def->prefixed;
    while (*p) {
        size_t len = strcspn(p, "|");

        /* A column per language: the French one first. */
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < n && sl->n < MAX_COLS; i++) {
                bool fr;

                if (names[i] == NULL || !header_is(names[i], p, len))
                    continue;
                fr = p[len - 1] == '/' && strcasecmp(names[i] + len, "fr")
                                          == 0;
                if ((pass == 0) != fr && p[len - 1] == '/')
                    continue;
                if (pass == 1 && p[len - 1] != '/')
                    continue;
                sl->cols[sl->n++] = (int)i;
                used[i] = true;
            }
        p += len;
        if (*p == '|')
            p++;
    }
}

void
imp_preset_free(struct imp_preset *pr)
{
    if (pr == NULL)
        return;
    for (int f = 0; f < CS_F_COUNT_ALL; f++)
        free(pr->buf[f]);
    stmt_finish(&pr->put_extra);
    free(pr);
}

enum cs_rc
imp_preset_new(enum cs_import_platform p, enum cs_import_kind kind,
               const char *const *names, size_t n, struct imp_columns *cols,
               struct imp_preset **out, struct cs_error *err)
{
    const struct slot_def *defs = defs_of(p, kind);
    struct imp_preset *pr;
    bool *used = NULL;
    enum cs_rc rc = CS_OK;

    if (defs == NULL)
        return cs_error_set(err, CS_EINVAL,
            _("%s exports no file of %s that consult reads."),
            cs_import_platform_label(p), cs_import_kind_name(kind));
    if ((pr = calloc(1, sizeof *pr)) == NULL
        || (used = calloc(n ? n : 1, sizeof *used)) == NULL
        || (cols->names = calloc(n ? n : 1, sizeof *cols->names)) == NULL) {
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        goto out;
    }
    pr->platform = p;
    pr->kind = kind;
    for (int f = 0; f < CS_F_COUNT_ALL; f++)
        pr->ident.col[f] = f;
    pr->ident.ncols = CS_F_COUNT_ALL;
    for (const struct slot_def *d = defs; d->names; d++)
        slot_match(d, names, n, &pr->s[d->slot], used);
    if (p == CS_PLATFORM_CAPCOLLECTIF)
        for (const struct slot_def *d = capco_comment_cols; d->names; d++)
            slot_match(d, names, n, &pr->c[d->slot], used);
    pr->put_extra = (struct stmt)STMT_INIT;
    if (kind == CS_IMPORT_IDEAS) {
        const char *const *ex = p == CS_PLATFORM_DECIDIM ? decidim_extras
                              : p == CS_PLATFORM_CONSUL ? consul_extras
                              : capco_extras;

        for (size_t k = 0; ex[k] && pr->nextra < 8; k++)
            for (size_t i = 0; i < n; i++)
                if (names[i] && !used[i] && strcasecmp(names[i], ex[k]) == 0) {
                    pr->extra_col[pr->nextra] = (int)i;
                    pr->extra_name[pr->nextra++] = ex[k];
                    used[i] = true;
                    break;
                }
    }
    /* What says which rows are this platform's: an id and a text for
     * ideas (Cap Collectif's template and debates have no id), the
     * idea a comment is on. */
    if (pr->s[CS_F_BODY].n == 0 && pr->s[CS_F_TITLE].n == 0
        && pr->c[CS_F_BODY].n == 0) {
        rc = cs_error_field(err, CS_EINVAL, "body",
            _("This file is not a %s export of %s: none of its columns "
              "holds a text."), cs_import_platform_label(p),
            cs_import_kind_name(kind));
        goto out;
    }
    if (kind == CS_IMPORT_COMMENTS && pr->s[CS_F_IDEA_FORM_REF].n == 0
        && pr->s[P_CID].n == 0) {
        rc = cs_error_field(err, CS_EINVAL, "idea_form_ref",
            _("This file is not a %s export of comments: no column names "
              "the proposal a comment is on."), cs_import_platform_label(p));
        goto out;
    }
    cols->ncols = n;
    for (size_t i = 0; i < n; i++) {
        if ((cols->names[i] = strdup(names[i] ? names[i] : "")) == NULL) {
            rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
            goto out;
        }
        if (!used[i] && names[i] && names[i][0]) {
            char **grown = realloc(cols->unknown, (cols->unknown_count + 1)
                                                  * sizeof *grown);

            if (grown == NULL
                || (grown[cols->unknown_count] = strdup(names[i])) == NULL) {
                if (grown)
                    cols->unknown = grown;
                rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
                goto out;
            }
            cols->unknown = grown;
            cols->unknown_count++;
        }
    }
    for (int f = 0; f < CS_F_COUNT_ALL; f++)
        cols->col[f] = -1;
out:
    free(used);
    if (rc != CS_OK) {
        imp_preset_free(pr);
        return rc;
    }
    *out = pr;
    return CS_OK;
}

/* The first cell of `sl` that is not blank, or NULL. */
static const struct cs_csv_field *
first_cell(const struct slot *sl, const struct cs_csv_field *fields,
           size_t n)
{
    for (int i = 0; i < sl->n; i++) {
        const struct cs_csv_field *c;

        if ((size_t)sl->cols[i] >= n)
            continue;
        c = &fields[sl->cols[i]];
        for (size_t k = 0; k < c->len; k++)
            if (c->s[k] != ' ' && c->s[k] != '\t' && c->s[k] != '\r'
                && c->s[k] != '\n')
                return c;
    }
    return NULL;
}

/* A cell as text: `buf` gets a NUL-terminated copy. */
static const char *
cell_text(const struct cs_csv_field *c, char *buf, size_t size)
{
    size_t len;

    if (c == NULL)
        return "";
    len = c->len < size - 1 ? c->len : size - 1;
    memcpy(buf, c->s, len);
    buf[len] = '\0';
    return buf;
}

/* Value `f` of the row: `text` (`len` bytes), with the platform's name
 * before it for an id. */
static enum cs_rc
put(struct imp_preset *pr, int f, bool prefixed, const char *text,
    size_t len, struct cs_error *err)
{
    const char *name = cs_import_platform_name(pr->platform);
    size_t need = prefixed ? strlen(name) + 1 + len + 1 : len + 1;

    /* A platform's ids are numbers, sometimes quoted: the digits. */
    if (prefixed)
        while (len > 0 && (text[0] == '"' || text[0] == ' ')) {
            text++;
            len--;
        }
    if (prefixed)
        while (len > 0 && (text[len - 1] == '"' || text[len - 1] == ' '))
            len--;
    if (!prefixed) {
        pr->cells[f].s = text;
        pr->cells[f].len = len;
        return CS_OK;
    }
    if (need > pr->cap[f]) {
        char *grown = realloc(pr->buf[f], need);

        if (grown == NULL)
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        pr->buf[f] = grown;
        pr->cap[f] = need;
    }
    if (len == 0) {
        pr->cells[f].s = "";
        pr->cells[f].len = 0;
        return CS_OK;
    }
    snprintf(pr->buf[f], need, "%s:%.*s", name, (int)len, text);
    pr->cells[f].s = pr->buf[f];
    pr->cells[f].len = strlen(pr->buf[f]);
    return CS_OK;
}

/* Fill the record's fields from slots `s`. */
static enum cs_rc
fill(struct imp_preset *pr, const struct slot *s,
     const struct cs_csv_field *fields, size_t n, struct cs_error *err)
{
    enum cs_rc rc;

    for (int f = 0; f < CS_F_COUNT_ALL; f++) {
        const struct cs_csv_field *c = first_cell(&s[f], fields, n);

        if (c == NULL)
            continue;
        if ((rc = put(pr, f, s[f].prefixed, c->s, c->len, err)) != CS_OK)
            return rc;
    }
    return CS_OK;
}

/* The author of a comment or a vote row. */
static enum cs_rc
put_person(struct imp_preset *pr, const struct slot *s,
           const struct cs_csv_field *fields, size_t n, struct cs_error *err)
{
    const struct cs_csv_field *c;
    enum cs_rc rc;

    if ((c = first_cell(&s[CS_F_PARTICIPANT_REF], fields, n)) != NULL
        && (rc = put(pr, CS_F_PARTICIPANT_REF, true, c->s, c->len, err))
           != CS_OK)
        return rc;
    if ((c = first_cell(&s[CS_F_PARTICIPANT_NAME], fields, n)) != NULL
        && (rc = put(pr, CS_F_PARTICIPANT_NAME, false, c->s, c->len, err))
           != CS_OK)
        return rc;
    return CS_OK;
}

/* Cap Collectif's kind of row, without its "export_contribution_type_". */
static const char *
capco_type(const char *t)
{
    static const char pre[] = "export_contribution_type_";

    return strncmp(t, pre, sizeof pre - 1) == 0 ? t + sizeof pre - 1 : t;
}

static enum cs_rc
capco_row(struct imp_preset *pr, const struct cs_csv_field *fields,
          size_t n, enum cs_import_kind *as, struct cs_error *err)
{
    char tbuf[80], vbuf[40];
    const char *type = capco_type(cell_text(first_cell(&pr->s[P_TYPE],
                                                      fields, n),
                                           tbuf, sizeof tbuf));
    const struct slot *s = pr->s;
    enum cs_rc rc;

    /* A file without kinds of row (a debate's arguments, the proposals
     * template): each row an idea. */
    if (type[0] == '\0' || strcmp(type, "proposal") == 0
        || strcmp(type, "opinion") == 0) {
        *as = CS_IMPORT_IDEAS;
        rc = fill(pr, s, fields, n, err);
        /* What a row of another kind names is not the idea's. */
        pr->cells[CS_F_IDEA_FORM_REF].len = 0;
        pr->cells[CS_F_PARTICIPANT_REF].len = 0;
        pr->cells[CS_F_PARTICIPANT_NAME].len = 0;
        pr->cells[CS_F_VOTED_AT].len = 0;
        return rc;
    }
    if (strcmp(type, "proposal_comment") == 0
        || strcmp(type, "argument") == 0) {
        const struct cs_csv_field *idea;

        *as = CS_IMPORT_COMMENTS;
        if ((rc = fill(pr, pr->c, fields, n, err)) != CS_OK)
            return rc;
        /* The proposal's id names the idea; an argument names it. */
        idea = first_cell(&s[CS_F_IDEA_FORM_REF], fields, n);
        if (idea == NULL)
            idea = first_cell(&s[CS_F_FORM_REF], fields, n);
        if (idea && (rc = put(pr, CS_F_IDEA_FORM_REF, true, idea->s,
                              idea->len, err)) != CS_OK)
            return rc;
        if ((rc = put_person(pr, s, fields, n, err)) != CS_OK)
            return rc;
        return CS_OK;
    }
    if (strcmp(type, "proposal_vote") == 0
        || strcmp(type, "opinion_vote") == 0) {
        const struct cs_csv_field *idea, *v;

        v = first_cell(&s[P_VOTE_VALUE], fields, n);
        if (v && !(v->len >= 2 && strncmp(v->s + v->len - 2, "ok", 2) == 0
                   && !(v->len >= 3 && strncmp(v->s + v->len - 3, "nok", 3)
                                       == 0)))
            return cs_error_field(err, CS_EINVAL, "export_contribution_type",
                _("A vote \"%s\" (against or mixed) is no support: it is "
                  "not imported."), cell_text(v, vbuf, sizeof vbuf));
        *as = CS_IMPORT_VOTES;
        idea = first_cell(&s[CS_F_IDEA_FORM_REF], fields, n);
        if (idea == NULL)
            idea = first_cell(&s[CS_F_FORM_REF], fields, n);
        if (idea && (rc = put(pr, CS_F_IDEA_FORM_REF, true, idea->s,
                              idea->len, err)) != CS_OK)
            return rc;
        if ((v = first_cell(&s[CS_F_VOTED_AT], fields, n)) != NULL
            && (rc = put(pr, CS_F_VOTED_AT, false, v->s, v->len, err))
               != CS_OK)
            return rc;
        return put_person(pr, s, fields, n, err);
    }
    return cs_error_field(err, CS_EINVAL, "export_contribution_type",
        _("A Cap Collectif row of kind \"%s\": consult keeps proposals and "
          "opinions, their comments and arguments, and their votes; this "
          "one is not imported."), type);
}

/* The number at the end of `url` after "/proposals/", or NULL. */
static const char *
url_proposal(const char *url, size_t *len)
{
    const char *p = strstr(url, "/proposals/"), *e;

    if (p == NULL)
        return NULL;
    p += sizeof "/proposals/" - 1;
    for (e = p; *e >= '0' && *e <= '9'; e++)
        ;
    if (e == p || (*e != '\0' && *e != '?' && *e != '#' && *e != '/'))
        return NULL;
    *len = (size_t)(e - p);
    return p;
}

/*
 * A Decidim comment: on a proposal (commentable_type ends in "Proposal",
 * commentable_id its id), or a reply (on a "Comment": its parent), the
 * proposal then known from root_commentable_url. Anything else, or a URL
 * naming another proposal than the comment's, is refused.
 */
static enum cs_rc
decidim_comment(struct imp_preset *pr, const struct cs_csv_field *fields,
                size_t n, struct cs_error *err)
{
    char tbuf[120], ibuf[40], ubuf[600];
    const char *type = cell_text(first_cell(&pr->s[P_CTYPE], fields, n),
                                 tbuf, sizeof tbuf);
    const char *cid = cell_text(first_cell(&pr->s[P_CID], fields, n), ibuf,
                                sizeof ibuf);
    const char *url = cell_text(first_cell(&pr->s[P_URL], fields, n), ubuf,
                                sizeof ubuf);
    const char *prop;
    size_t plen = 0, tlen = strlen(type);
    bool on_proposal = tlen >= 8 && strcmp(type + tlen - 8, "Proposal") == 0;
    bool reply = tlen >= 7 && strcmp(type + tlen - 7, "Comment") == 0;
    enum cs_rc rc;

    if (!on_proposal && !reply)
        return cs_error_field(err, CS_EINVAL, "commentable_type",
            _("The comment is on a \"%s\", not on a proposal: it belongs "
              "to no idea."), type[0] ? type : "?");
    prop = url[0] ? url_proposal(url, &plen) : NULL;
    if (url[0] && prop == NULL)
        return cs_error_field(err, CS_EINVAL, "root_commentable_url",
            _("The comment's address %s is not a proposal's: it belongs "
              "to no idea."), url);
    if (on_proposal) {
        if (prop && (plen != strlen(cid) || strncmp(prop, cid, plen) != 0))
            return cs_error_field(err, CS_EINVAL, "root_commentable_url",
                _("The comment names proposal %s, but its address %s "
                  "another one: it is not imported."), cid, url);
        return put(pr, CS_F_IDEA_FORM_REF, true, cid, strlen(cid), err);
    }
    if (prop == NULL)
        return cs_error_field(err, CS_EINVAL, "root_commentable_url", "%s",
            _("A reply without the address of its proposal belongs to no "
              "idea."));
    if ((rc = put(pr, CS_F_PARENT_REF, true, cid, strlen(cid), err))
        != CS_OK)
        return rc;
    /* put() keeps a pointer for an unprefixed value: copy the digits. */
    memmove(ibuf, prop, plen < sizeof ibuf - 1 ? plen : sizeof ibuf - 1);
    ibuf[plen < sizeof ibuf - 1 ? plen : sizeof ibuf - 1] = '\0';
    return put(pr, CS_F_IDEA_FORM_REF, true, ibuf, strlen(ibuf), err);
}

enum cs_rc
imp_preset_row(struct imp_preset *pr, const struct cs_csv_field *fields,
               size_t n, struct imp_row *row, enum cs_import_kind *as,
               struct cs_error *err)
{
    enum cs_rc rc;

    for (int f = 0; f < CS_F_COUNT_ALL; f++) {
        pr->cells[f].s = "";
        pr->cells[f].len = 0;
    }
    pr->row = fields;
    pr->row_n = n;
    *as = pr->kind;
    if (pr->platform == CS_PLATFORM_CAPCOLLECTIF)
        rc = capco_row(pr, fields, n, as, err);
    else if ((rc = fill(pr, pr->s, fields, n, err)) == CS_OK
             && pr->platform == CS_PLATFORM_DECIDIM
             && pr->kind == CS_IMPORT_COMMENTS)
        rc = decidim_comment(pr, fields, n, err);
    if (rc != CS_OK)
        return rc;
    /* CONSUL: a comment on the proposal itself has parent -1. */
    if (pr->cells[CS_F_PARENT_REF].len > 0) {
        const char *v = pr->cells[CS_F_PARENT_REF].s;
        const char *c = strchr(v, ':');

        if (c && (strcmp(c + 1, "-1") == 0 || strcmp(c + 1, "0") == 0))
            pr->cells[CS_F_PARENT_REF].len = 0;
    }
    /* An idea with a title and no text: the title is its text. */
    if (*as == CS_IMPORT_IDEAS && pr->cells[CS_F_BODY].len == 0
        && pr->cells[CS_F_TITLE].len > 0)
        pr->cells[CS_F_BODY] = pr->cells[CS_F_TITLE];
    return imp_row_fill(row, &pr->ident, pr->cells, CS_F_COUNT_ALL, false,
                        err);
}

enum cs_rc
imp_preset_extras(struct imp_preset *pr, struct cs_db *db, int64_t idea,
                  struct cs_error *err)
{
    int position = 0;
    enum cs_rc rc = CS_OK;

    if (pr == NULL || pr->nextra == 0 || pr->row == NULL)
        return CS_OK;
    if (pr->put_extra.st == NULL)
        stmt_prepare(&pr->put_extra, db,
                     "INSERT INTO idea_extra(idea_id, position, name, value)"
                     " VALUES (:idea, :pos, :name, :value)");
    for (int k = 0; k < pr->nextra && rc == CS_OK; k++) {
        const struct cs_csv_field *c;
        char *v;

        if ((size_t)pr->extra_col[k] >= pr->row_n)
            continue;
        c = &pr->row[pr->extra_col[k]];
        if (c->len == 0)
            continue;
        /* What a value may not hold (a control character) is left out. */
        if (util_text_check(c->s, pr->extra_name[k], NULL) != CS_OK)
            continue;
        if ((v = util_trim_dup(c->s)) == NULL)
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        if (*v) {
            stmt_bind_int64(&pr->put_extra, ":idea", idea);
            stmt_bind_int64(&pr->put_extra, ":pos", ++position);
            stmt_bind_text(&pr->put_extra, ":name", pr->extra_name[k]);
            stmt_bind_text(&pr->put_extra, ":value", v);
            rc = stmt_run(&pr->put_extra, err);
            stmt_reset(&pr->put_extra);
        }
        free(v);
    }
    return rc;
}
