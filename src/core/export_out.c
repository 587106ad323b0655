/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * export_out.c: what every export file shares, at the bottom of them: the
 * names of kinds and profiles, the cell writers that follow a kind's
 * column table and skip the columns the profile hides, and the binding of
 * the export's filters. It calls nothing of the other export files.
 */
#include "export_out.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"

/* ---------------------------------------------------------------- names */

static const char *const kind_names[CS_EXPORT_KIND_COUNT] = {
    "ideas", "votes", "tallies", "comments", "participants", "audit",
    "decisions", "summary", "participation", "answers",
};

static const char *const profile_names[CS_PROFILE_COUNT] = {
    "default", "open-data", "codir", "internal-contact",
};

const char *
cs_export_kind_name(enum cs_export_kind kind)
{
    return (unsigned)kind < CS_EXPORT_KIND_COUNT ? kind_names[kind] : "?";
}

enum cs_rc
cs_export_kind_parse(const char *s, enum cs_export_kind *out,
                     struct cs_error *err)
{
    for (int i = 0; s && i < CS_EXPORT_KIND_COUNT; i++) {
        if (strcasecmp(s, kind_names[i]) == 0) {
            *out = (enum cs_export_kind)i;
            return CS_OK;
        }
    }
    return cs_error_field(err, CS_EINVAL, "kind",
        _("Unknown export \"%s\": ideas, votes, tallies, comments, "
          "participants, audit, decisions, summary, participation or "
          "answers."), s ? s : "");
}

const char *
cs_export_profile_name(enum cs_export_profile profile)
{
    return (unsigned)profile < CS_PROFILE_COUNT ? profile_names[profile]
                                                : "?";
}

enum cs_rc
cs_export_profile_parse(const char *s, enum cs_export_profile *out,
                        struct cs_error *err)
{
    char word[32];
    size_t i;

    for (i = 0; s && s[i] && i < sizeof word - 1; i++)
        word[i] = s[i] == '_' ? '-' : s[i];
    word[i] = '\0';
    for (int p = CS_PROFILE_OPEN_DATA; s && p < CS_PROFILE_COUNT; p++) {
        if (strcasecmp(word, profile_names[p]) == 0) {
            *out = (enum cs_export_profile)p;
            return CS_OK;
        }
    }
    return cs_error_field(err, CS_EINVAL, "profile",
        _("Unknown profile \"%s\": open-data, codir or internal-contact."),
        s ? s : "");
}

/* ---------------------------------------------------------------- cells */

bool
export_shows(const struct export_out *o)
{
    return o->col < o->ncols && (o->cols[o->col].show & o->mask) != 0;
}

/* Move to the next column; true if the one passed is shown. */
static bool
next_col(struct export_out *o)
{
    bool shown = export_shows(o);

    o->col++;
    return shown;
}

/* The French word for stored name `s` (`len` bytes) of vocabulary `v`,
 * or NULL to write it as it is. Ideas are feminine ("une idée"). */
static const char *
french_word(unsigned v, const char *s, size_t len)
{
    static const char *const status_fr[CS_STATUS_COUNT] = {
        "nouvelle", "en examen", "acceptée", "refusée", "mise en œuvre",
        "fusionnée", "retirée", "masquée",
    };
    static const char *const channel_fr[CS_CHANNEL_COUNT] = {
        "papier", "atelier", "web", "courriel", "téléphone", "autre",
    };

    if (s == NULL)
        return NULL;
    switch (v) {
    case WORDS_STATUS:
        for (int i = 0; i < CS_STATUS_COUNT; i++) {
            const char *n = cs_status_name((enum cs_status)i);

            if (strlen(n) == len && memcmp(n, s, len) == 0)
                return status_fr[i];
        }
        return NULL;
    case WORDS_CHANNEL:
        for (int i = 0; i < CS_CHANNEL_COUNT; i++) {
            const char *n = cs_channel_name((enum cs_channel)i);

            if (strlen(n) == len && memcmp(n, s, len) == 0)
                return channel_fr[i];
        }
        return NULL;
    case WORDS_KIND:
        if (len == 4 && memcmp(s, "idea", 4) == 0)
            return "idée";
        if (len == 7 && memcmp(s, "finding", 7) == 0)
            return "constat";
        return NULL;
    case WORDS_CHECK:
        if (len == 7 && memcmp(s, "pending", 7) == 0)
            return "en attente";
        if (len == 8 && memcmp(s, "verified", 8) == 0)
            return "vérifiée";
        if (len == 8 && memcmp(s, "disputed", 8) == 0)
            return "divergente";
        return NULL;
    default:
        return NULL;
    }
}

/* The vocabulary of the column about to be written, when its words are
 * to be French. */
static unsigned
french_vocab(const struct export_out *o)
{
    return o->french && o->col < o->ncols ? o->cols[o->col].show & WORDS_ANY
                                          : 0;
}

void
export_begin(struct export_ctx *x, struct export_out *o,
             const struct export_col *cols, size_t ncols)
{
    o->cols = cols;
    o->ncols = ncols;
    o->col = 0;
    o->french = x->opt->french_headers;
    for (size_t i = 0; i < ncols; i++)
        if (cols[i].show & o->mask)
            cs_csv_writer_cell(o->w, x->opt->french_headers ? cols[i].fr
                                                            : cols[i].en);
    cs_csv_writer_end_row(o->w);
}

void
export_text(struct export_out *o, const char *s)
{
    unsigned v = french_vocab(o);
    const char *fr;

    if (!next_col(o))
        return;
    if (v != 0 && s != NULL
        && (fr = french_word(v, s, strlen(s))) != NULL)
        s = fr;
    cs_csv_writer_cell(o->w, s);
}

void
export_int(struct export_out *o, int64_t v)
{
    if (next_col(o))
        cs_csv_writer_int64(o->w, v);
}

void
export_bool(struct export_out *o, bool v)
{
    if (next_col(o))
        cs_csv_writer_cell(o->w, o->french ? (v ? "oui" : "non")
                                           : (v ? "yes" : "no"));
}

void
export_col(struct export_out *o, struct stmt *st, int i)
{
    unsigned v = french_vocab(o);
    const unsigned char *t;
    const char *fr;

    if (!next_col(o))
        return;
    /* Straight from SQLite's buffer: no copy, no strlen. */
    t = sqlite3_column_text(st->st, i);
    if (v != 0 && t != NULL
        && (fr = french_word(v, (const char *)t,
                             (size_t)sqlite3_column_bytes(st->st, i)))
           != NULL) {
        cs_csv_writer_cell(o->w, fr);
        return;
    }
    cs_csv_writer_field(o->w, (const char *)t,
                        t ? (size_t)sqlite3_column_bytes(st->st, i) : 0);
}

void
export_col_int(struct export_out *o, struct stmt *st, int i)
{
    if (!next_col(o))
        return;
    if (sqlite3_column_type(st->st, i) == SQLITE_NULL)
        cs_csv_writer_field(o->w, "", 0);
    else
        cs_csv_writer_int64(o->w, sqlite3_column_int64(st->st, i));
}

void
export_pseudonym(struct export_ctx *x, struct export_out *o, struct stmt *st,
                 int i)
{
    uint8_t msg[8], mac[SHA256_DIGEST_SIZE];
    char text[2 + 16];
    uint64_t id;

    if (!next_col(o))
        return;
    if (sqlite3_column_type(st->st, i) == SQLITE_NULL) {
        cs_csv_writer_field(o->w, "", 0);
        return;
    }
    id = (uint64_t)sqlite3_column_int64(st->st, i);
    for (int b = 0; b < 8; b++)
        msg[b] = (uint8_t)(id >> (56 - 8 * b));
    hmac_sha256_update(&x->hmac, sizeof msg, msg);
    hmac_sha256_digest(&x->hmac, sizeof mac, mac);    /* and resets */
    /* "p-" keeps a spreadsheet from reading an all-digit one as a
     * number; 64 bits make a collision among a million people
     * unlikely (about 3e-8). */
    memcpy(text, "p-", 2);
    for (int b = 0; b < 8; b++) {
        text[2 + 2 * b] = "0123456789abcdef"[mac[b] >> 4];
        text[3 + 2 * b] = "0123456789abcdef"[mac[b] & 15];
    }
    cs_csv_writer_field(o->w, text, sizeof text);
}

void
export_row(struct export_out *o, struct stmt *st)
{
    for (size_t i = 0; i < o->ncols; i++)
        export_col(o, st, (int)i);
    export_end(o);
}

void
export_end(struct export_out *o)
{
    cs_csv_writer_end_row(o->w);
    o->rows++;
    o->col = 0;
}

enum cs_rc
export_status(struct export_out *o, struct cs_error *err)
{
    /* The writer reports its sticky error with its message on flush. */
    return cs_csv_writer_flush(o->w, err);
}

const char *
export_day(const char *ts, char buf[16])
{
    snprintf(buf, 16, "%.10s", ts ? ts : "");
    return buf;
}

/* ---------------------------------------------------------------- filters */

void
export_idea_filter(const struct export_ctx *x, struct idea_filter *v)
{
    memset(v, 0, sizeof *v);
    v->cons = x->cons_id;
    v->theme = x->theme_id;
    v->status = x->status;
    v->channel = x->channel;
    v->since = x->since[0] ? x->since : NULL;
    v->until = x->until[0] ? x->until : NULL;
    v->sub_until = x->sub_until[0] ? x->sub_until : NULL;
    v->paper = x->paper_batch_id;
    v->open_data = x->open_data;
}

void
export_bind_filters(const struct export_ctx *x, struct stmt *st)
{
    struct idea_filter v;

    export_idea_filter(x, &v);
    idea_filter_bind(st, &v);
    if (stmt_has_param(st, ":tag"))
        stmt_bind_text(st, ":tag", x->tag);
    if (stmt_has_param(st, ":q"))
        stmt_bind_text(st, ":q", x->match);
    if (stmt_has_param(st, ":asof_at"))
        stmt_bind_text(st, ":asof_at", x->asof_at[0] ? x->asof_at : NULL);
}
