/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * export_summary.c: the figures the management committee reads: the
 * summary of a consultation (one row per theme and a total row, and the
 * most supported ideas of each theme in a second file), and participation
 * (who took part, through which channel, from which service, with or
 * without email, and week by week).
 *
 * The figures come from grouped queries over the maintained counts
 * (idea.votes, idea.tallies, idea.support: a merged idea's support counts
 * for the idea it was merged into); only the number of distinct
 * participants reads the votes themselves. What is held in memory is one
 * record per theme (and the top N of each), never one per idea or vote.
 * The top ideas come from one walk down the ideas by support, which stops
 * as soon as every theme has its N.
 */
#include "export_summary.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "consult/types.h"
#include "contrib_sql.h"
#include "i18n.h"
#include "stats_priv.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* The filters of the summary on ideas (alias i); not open-data's: the
 * figures are aggregates, the same in every profile. */
#define SUMMARY_FILTERS \
    " i.consultation_id = :cons" IDEA_F_THEME("i.") IDEA_F_STATUS("i.") \
    IDEA_F_CHANNEL("i.") IDEA_F_DATES("i.submitted_at") \
    IDEA_F_SUBMITTED("i.")

/* ---------------------------------------------------------------- themes */

/* One of the top ideas of a theme. */
struct top_idea {
    int64_t id;
    char *title;                /* owned */
    char kind[16];
    char status[16];
    int64_t support;
    int64_t votes;
    int64_t tallies;
};

/* The figures of one theme, or of the whole consultation. */
struct figures {
    int64_t theme_id;           /* 0 for the total */
    char *code;                 /* owned; NULL for the total */
    char *title;                /* owned */
    int64_t ideas, findings;
    int64_t by_status[CS_STATUS_COUNT];
    int64_t by_channel[CS_CHANNEL_COUNT];
    int64_t votes, tally_votes, participants;
    struct top_idea *top;       /* owned, `ntop` of at most `want` */
    size_t ntop;
};

struct summary {
    struct figures *themes;     /* owned, in theme order */
    size_t nthemes;
    struct figures total;
    size_t want;                /* top ideas kept per theme (>= 1) */
};

static void
figures_clear(struct figures *f)
{
    for (size_t i = 0; i < f->ntop; i++)
        free(f->top[i].title);
    free(f->top);
    free(f->code);
    free(f->title);
}

static void
summary_clear(struct summary *s)
{
    for (size_t i = 0; i < s->nthemes; i++)
        figures_clear(&s->themes[i]);
    free(s->themes);
    figures_clear(&s->total);
}

static struct figures *
theme_figures(struct summary *s, int64_t theme_id)
{
    for (size_t i = 0; i < s->nthemes; i++)
        if (s->themes[i].theme_id == theme_id)
            return &s->themes[i];
    return NULL;
}

static enum cs_rc
no_memory(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
}

static enum cs_rc
load_themes(struct export_ctx *x, struct summary *s, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    size_t cap = 0;
    enum cs_rc rc = CS_OK;

    stmt_prepare(&st, x->db,
        "SELECT id, code, title FROM theme WHERE consultation_id = :cons"
        " AND (:theme IS NULL OR id = :theme) ORDER BY position, code");
    export_bind_filters(x, &st);
    while (stmt_row(&st)) {
        struct figures *f;

        if (s->nthemes == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            void *p = realloc(s->themes, ncap * sizeof *s->themes);

            if (p == NULL) {
                rc = no_memory(err);
                break;
            }
            s->themes = p;
            cap = ncap;
        }
        f = &s->themes[s->nthemes++];
        memset(f, 0, sizeof *f);
        f->theme_id = stmt_int64(&st, 0);
        f->code = stmt_text_dup(&st, 1);
        f->title = stmt_text_dup(&st, 2);
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

static int
stored_index(const char *name, const char *(*name_of)(int), int count)
{
    for (int i = 0; i < count; i++)
        if (strcmp(name, name_of(i)) == 0)
            return i;
    return -1;
}

static const char *
status_name(int i)
{
    return cs_status_name((enum cs_status)i);
}

static const char *
channel_name(int i)
{
    return cs_channel_name((enum cs_channel)i);
}

static void
add_counts(struct figures *f, bool finding, int status, int channel,
           int64_t n)
{
    if (finding)
        f->findings += n;
    else
        f->ideas += n;
    if (status >= 0)
        f->by_status[status] += n;
    if (channel >= 0)
        f->by_channel[channel] += n;
}

/*
 * The counts of ideas by kind, status and channel are the kept figures
 * (idea_count, through idea_kept_each) unless the summary is dated or
 * as of an earlier moment, which they know nothing of; then the walk
 * below counts them. The rest of the figures of the themes come from one
 * walk of each theme's entries in idea_by_theme (it covers status, kind,
 * channel and author: the ideas themselves are not read), then one pass
 * over each of the vote, comment and tally indexes in idea order. Ideas of
 * a theme are spread over all ids, so a pass over the votes per theme
 * would read the whole vote index once per theme; one pass needs to know
 * each idea's theme instead: the walk fills a map from idea id to theme
 * (two bytes per idea). Distinct
 * people are bits in a bitmap per theme and one for the consultation (one
 * bit per participant id), where SQLite's count(DISTINCT) would sort every
 * vote. A date filter (not in the index) makes the walk read the ideas.
 */
#define THEME_IDEAS_SQL(IDEA) \
    "SELECT i.id, i.status, i.kind, i.channel, i.author_id" \
    " FROM " IDEA " i WHERE i.theme_id = :t" IDEA_F_STATUS("i.") \
    IDEA_F_CHANNEL("i.") IDEA_F_DATES("i.submitted_at") \
    IDEA_F_SUBMITTED("i.")

static const char theme_ideas_live[] = THEME_IDEAS_SQL("idea");
static const char theme_ideas_asof[] = THEME_IDEAS_SQL("temp.x_idea");

/* Contributions on ideas lo..hi, in idea order: who (participant, or
 * the tally count for a tally) and what (1 vote, 2 comment, 3 tally). */
#define CONTRIBUTIONS_SQL(VOTE, COMMENT, TALLY) \
    "SELECT idea_id, participant_id, 1 FROM " VOTE \
    " WHERE idea_id BETWEEN :lo AND :hi" \
    " UNION ALL SELECT idea_id, participant_id, 2 FROM " COMMENT \
    " WHERE idea_id BETWEEN :lo AND :hi AND participant_id IS NOT NULL" \
    " UNION ALL SELECT idea_id, count, 3 FROM " TALLY \
    " WHERE idea_id BETWEEN :lo AND :hi"

static const char contributions_live[] =
    CONTRIBUTIONS_SQL("vote", "comment", "tally");
static const char contributions_asof[] =
    CONTRIBUTIONS_SQL("temp.x_vote", "temp.x_comment", "temp.x_tally");

/* The themes' shared state while counting. */
struct counting {
    uint16_t *theme_of;         /* owned: idea id - lo -> theme index + 1 */
    int64_t lo, hi;             /* ideas covered by theme_of */
    uint8_t *bits;              /* owned: (nthemes + 1) bitmaps */
    size_t bitmap_bytes;        /* bytes of one bitmap */
    int64_t max_pid;            /* highest participant id */
};

static bool
mark(uint8_t *bits, int64_t id)
{
    uint8_t m = (uint8_t)(1u << (id & 7));
    bool fresh = (bits[id >> 3] & m) == 0;

    bits[id >> 3] |= m;
    return fresh;
}

/* Count participant `pid` in theme `f` (bitmap `k`) and in the total. */
static void
count_person(struct counting *c, size_t k, size_t nthemes, struct figures *f,
             struct figures *total, int64_t pid)
{
    if (pid <= 0 || pid > c->max_pid)
        return;                 /* not a participant (a damaged row) */
    if (mark(c->bits + k * c->bitmap_bytes, pid))
        f->participants++;
    if (mark(c->bits + nthemes * c->bitmap_bytes, pid))
        total->participants++;
}

static enum cs_rc
counting_init(struct export_ctx *x, struct summary *s, struct counting *c,
              struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    memset(c, 0, sizeof *c);
    stmt_prepare(&st, x->db,
        "SELECT (SELECT coalesce(max(id), 0) FROM participant),"
        " (SELECT coalesce(min(id), 0) FROM idea),"
        " (SELECT coalesce(max(id), 0) FROM idea)");
    if (stmt_row(&st)) {
        c->max_pid = stmt_int64(&st, 0);
        c->lo = stmt_int64(&st, 1);
        c->hi = stmt_int64(&st, 2);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        return rc;
    if (x->asof) {
        /* Ideas gone since then (an import undone) are in x_idea only. */
        stmt_prepare(&st, x->db, "SELECT coalesce(min(id), 0),"
                                 " coalesce(max(id), 0) FROM temp.x_idea");
        if (stmt_row(&st)) {
            c->lo = stmt_int64(&st, 0);
            c->hi = stmt_int64(&st, 1);
        }
        if ((rc = stmt_status(&st, err)) != CS_OK) {
            stmt_finish(&st);
            return rc;
        }
        stmt_finish(&st);
    }
    if (s->nthemes > UINT16_MAX - 1)
        return cs_error_set(err, CS_EINVAL, "%s",
                            _("Too many themes for a summary."));
    c->bitmap_bytes = (size_t)(c->max_pid / 8 + 1);
    c->theme_of = calloc((size_t)(c->hi - c->lo + 1), sizeof *c->theme_of);
    c->bits = calloc(s->nthemes + 1, c->bitmap_bytes);
    if (c->theme_of == NULL || c->bits == NULL)
        return no_memory(err);
    return CS_OK;
}

static void
counting_clear(struct counting *c)
{
    free(c->theme_of);
    free(c->bits);
}

/* Walk the ideas of theme `k`: authors, the map, and the counts when
 * `count` (they do not come from the kept figures). */
static enum cs_rc
walk_theme(struct export_ctx *x, struct summary *s, struct counting *c,
           size_t k, bool count, struct cs_error *err)
{
    struct figures *f = &s->themes[k];
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, x->db, x->asof ? theme_ideas_asof : theme_ideas_live);
    export_bind_filters(x, &st);
    stmt_bind_int64(&st, ":t", f->theme_id);
    while (stmt_row(&st)) {
        int64_t id = sqlite3_column_int64(st.st, 0);
        bool finding = strcmp(stmt_text(&st, 2), "finding") == 0;
        int status = stored_index(stmt_text(&st, 1), status_name,
                                  CS_STATUS_COUNT);
        int channel = stored_index(stmt_text(&st, 3), channel_name,
                                   CS_CHANNEL_COUNT);

        if (count) {
            add_counts(f, finding, status, channel, 1);
            add_counts(&s->total, finding, status, channel, 1);
        }
        if (id >= c->lo && id <= c->hi)
            c->theme_of[id - c->lo] = (uint16_t)(k + 1);
        if (sqlite3_column_type(st.st, 4) != SQLITE_NULL)
            count_person(c, k, s->nthemes, f, &s->total,
                         sqlite3_column_int64(st.st, 4));
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* The counts of a theme from the kept figures (idea_row.c), for a live
 * summary without dates: they know nothing of the past or of dates. */
static enum cs_rc
kept_counts(void *ctx, const struct idea_kept *k, struct cs_error *err)
{
    struct summary *s = ctx;
    struct figures *f = theme_figures(s, k->theme_id);
    bool finding = k->kind == CS_KIND_FINDING;

    (void)err;
    if (f == NULL || k->kind < 0)
        return CS_OK;           /* a theme left out, or no ideas */
    add_counts(f, finding, k->status, k->channel, k->ideas);
    add_counts(&s->total, finding, k->status, k->channel, k->ideas);
    return CS_OK;
}

/* One pass over the votes, comments and tallies of the mapped ideas. */
static enum cs_rc
walk_contributions(struct export_ctx *x, struct summary *s,
                   struct counting *c, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, x->db, x->asof ? contributions_asof
                                     : contributions_live);
    stmt_bind_int64(&st, ":lo", c->lo);
    stmt_bind_int64(&st, ":hi", c->hi);
    while (stmt_row(&st)) {
        int64_t id = sqlite3_column_int64(st.st, 0);
        int64_t who = sqlite3_column_int64(st.st, 1);
        int what = sqlite3_column_int(st.st, 2);
        struct figures *f;
        unsigned k;

        if (id < c->lo || id > c->hi || (k = c->theme_of[id - c->lo]) == 0)
            continue;           /* an idea left out by the filters */
        f = &s->themes[k - 1];
        if (what == 3) {
            f->tally_votes += who;
            s->total.tally_votes += who;
            continue;
        }
        if (what == 1) {
            f->votes++;
            s->total.votes++;
        }
        count_person(c, k - 1, s->nthemes, f, &s->total, who);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/*
 * The most supported ideas, walking idea_by_support downwards: hidden
 * ideas are left out (moderated content is not put forward), and so are
 * merged ones (their support counts for their target) and withdrawn ones.
 * Equal support: the older idea first.
 */
#define TOP_SQL(IDEA) \
    "SELECT i.id, i.theme_id, i.title, i.kind, i.status, i.support," \
    " i.votes, i.tallies FROM " IDEA " i WHERE" SUMMARY_FILTERS \
    " AND i.status NOT IN ('hidden', 'merged', 'withdrawn')" \
    " ORDER BY i.support DESC, i.id"

static const char top_live[] = TOP_SQL("idea");
static const char top_asof[] = TOP_SQL("temp.x_idea");

static enum cs_rc
top_add(struct figures *f, size_t want, struct stmt *st)
{
    struct top_idea *t;

    if (f->ntop >= want)
        return CS_OK;
    if (f->top == NULL && (f->top = calloc(want, sizeof *f->top)) == NULL)
        return CS_ENOMEM;
    t = &f->top[f->ntop];
    t->id = stmt_int64(st, 0);
    if ((t->title = stmt_text_dup(st, 2)) == NULL)
        return CS_ENOMEM;
    snprintf(t->kind, sizeof t->kind, "%s", stmt_text(st, 3));
    snprintf(t->status, sizeof t->status, "%s", stmt_text(st, 4));
    t->support = stmt_int64(st, 5);
    t->votes = stmt_int64(st, 6);
    t->tallies = stmt_int64(st, 7);
    f->ntop++;
    return CS_OK;
}

static enum cs_rc
load_top(struct export_ctx *x, struct summary *s, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    size_t full = 0;
    enum cs_rc rc = CS_OK;

    stmt_prepare(&st, x->db, x->asof ? top_asof : top_live);
    export_bind_filters(x, &st);
    while (full < s->nthemes && stmt_row(&st)) {
        struct figures *f = theme_figures(s, stmt_int64(&st, 1));

        if (s->total.ntop == 0 && top_add(&s->total, 1, &st) != CS_OK) {
            rc = no_memory(err);
            break;
        }
        if (f == NULL || f->ntop >= s->want)
            continue;
        if (top_add(f, s->want, &st) != CS_OK) {
            rc = no_memory(err);
            break;
        }
        if (f->ntop == s->want)
            full++;
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* ---------------------------------------------------------------- summary */

static const struct export_col summary_cols[] = {
    { "theme", "thème", SHOW_ALL },
    { "theme_title", "titre du thème", SHOW_ALL },
    { "ideas", "idées", SHOW_ALL },
    { "findings", "constats", SHOW_ALL },
    { "new", "nouvelles", SHOW_ALL },
    { "reviewing", "en examen", SHOW_ALL },
    { "accepted", "acceptées", SHOW_ALL },
    { "rejected", "refusées", SHOW_ALL },
    { "implemented", "mises en œuvre", SHOW_ALL },
    { "merged", "fusionnées", SHOW_ALL },
    { "withdrawn", "retirées", SHOW_ALL },
    { "hidden", "masquées", SHOW_ALL },
    { "paper", "papier", SHOW_ALL },
    { "workshop", "atelier", SHOW_ALL },
    { "web", "web", SHOW_ALL },
    { "email", "courriel", SHOW_ALL },
    { "phone", "téléphone", SHOW_ALL },
    { "other", "autre", SHOW_ALL },
    { "votes", "votes", SHOW_ALL },
    { "tally_votes", "votes décomptés", SHOW_ALL },
    { "participants", "participants", SHOW_ALL },
    { "top_idea_id", "idée en tête", SHOW_ALL },
    { "top_idea_title", "titre de l’idée en tête", SHOW_ALL },
    { "top_idea_support", "soutien de l’idée en tête", SHOW_ALL },
};

static const struct export_col top_cols[] = {
    { "theme", "thème", SHOW_ALL },
    { "theme_title", "titre du thème", SHOW_ALL },
    { "rank", "rang", SHOW_ALL },
    { "idea_id", "idée", SHOW_ALL },
    { "title", "titre", SHOW_ALL },
    { "kind", "type", SHOW_ALL | WORDS_KIND },
    { "status", "statut", SHOW_ALL | WORDS_STATUS },
    { "support", "soutien", SHOW_ALL },
    { "votes", "votes", SHOW_ALL },
    { "tallies", "votes décomptés", SHOW_ALL },
};

static void
write_figures(struct export_out *o, const struct figures *f)
{
    export_text(o, f->code ? f->code : "");
    export_text(o, f->title);
    export_int(o, f->ideas);
    export_int(o, f->findings);
    for (int i = 0; i < CS_STATUS_COUNT; i++)
        export_int(o, f->by_status[i]);
    for (int i = 0; i < CS_CHANNEL_COUNT; i++)
        export_int(o, f->by_channel[i]);
    export_int(o, f->votes);
    export_int(o, f->tally_votes);
    export_int(o, f->participants);
    if (f->ntop > 0) {
        export_int(o, f->top[0].id);
        export_text(o, f->top[0].title);
        export_int(o, f->top[0].support);
    } else {
        export_text(o, NULL);
        export_text(o, NULL);
        export_text(o, NULL);
    }
    export_end(o);
}

static void
write_top(struct export_ctx *x, const struct summary *s)
{
    struct export_out *o = &x->top;

    export_begin(x, o, top_cols, COUNT(top_cols));
    for (size_t i = 0; i < s->nthemes; i++) {
        const struct figures *f = &s->themes[i];

        for (size_t r = 0; r < f->ntop; r++) {
            export_text(o, f->code);
            export_text(o, f->title);
            export_int(o, (int64_t)r + 1);
            export_int(o, f->top[r].id);
            export_text(o, f->top[r].title);
            export_text(o, f->top[r].kind);
            export_text(o, f->top[r].status);
            export_int(o, f->top[r].support);
            export_int(o, f->top[r].votes);
            export_int(o, f->top[r].tallies);
            export_end(o);
        }
    }
}

/* ------------------------------------------------------- by channel */

/* The committee's status-by-channel breakdown: do paper contributions
 * fare as web ones do? One row per channel, the same filters. */
static const struct export_col channel_cols[] = {
    { "channel", "canal", SHOW_ALL | WORDS_CHANNEL },
    { "ideas", "idées", SHOW_ALL },
    { "findings", "constats", SHOW_ALL },
    { "new", "nouvelles", SHOW_ALL },
    { "reviewing", "en examen", SHOW_ALL },
    { "accepted", "acceptées", SHOW_ALL },
    { "rejected", "refusées", SHOW_ALL },
    { "implemented", "mises en œuvre", SHOW_ALL },
    { "merged", "fusionnées", SHOW_ALL },
    { "withdrawn", "retirées", SHOW_ALL },
    { "hidden", "masquées", SHOW_ALL },
    { "votes", "votes", SHOW_ALL },
    { "tally_votes", "votes décomptés", SHOW_ALL },
};

#define CHANNELS_SQL(IDEA) \
    "SELECT i.channel, i.kind, i.status, count(*), sum(i.votes)," \
    " sum(i.tallies) FROM " IDEA " i WHERE" SUMMARY_FILTERS \
    " GROUP BY 1, 2, 3"

static const char channels_live[] = CHANNELS_SQL("idea");
static const char channels_asof[] = CHANNELS_SQL("temp.x_idea");

static enum cs_rc
summary_by_channel(struct export_ctx *x, struct cs_error *err)
{
    struct figures rows[CS_CHANNEL_COUNT], total;
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    memset(rows, 0, sizeof rows);
    memset(&total, 0, sizeof total);
    stmt_prepare(&st, x->db, x->asof ? channels_asof : channels_live);
    export_bind_filters(x, &st);
    while (stmt_row(&st)) {
        int c = stored_index(stmt_text(&st, 0), channel_name,
                             CS_CHANNEL_COUNT);
        bool finding = strcmp(stmt_text(&st, 1), "finding") == 0;
        int status = stored_index(stmt_text(&st, 2), status_name,
                                  CS_STATUS_COUNT);
        int64_t n = stmt_int64(&st, 3);

        if (c < 0)
            c = CS_CHANNEL_OTHER;
        add_counts(&rows[c], finding, status, c, n);
        add_counts(&total, finding, status, c, n);
        rows[c].votes += stmt_int64(&st, 4);
        rows[c].tally_votes += stmt_int64(&st, 5);
        total.votes += stmt_int64(&st, 4);
        total.tally_votes += stmt_int64(&st, 5);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        return rc;
    export_begin(x, &x->out, channel_cols, COUNT(channel_cols));
    for (int c = 0; c <= CS_CHANNEL_COUNT; c++) {
        const struct figures *f = c < CS_CHANNEL_COUNT ? &rows[c] : &total;

        /* Every channel, even with no idea: a zero is a finding too. */
        export_text(&x->out, c < CS_CHANNEL_COUNT
                                 ? cs_channel_name((enum cs_channel)c)
                                 : "Total");
        export_int(&x->out, f->ideas);
        export_int(&x->out, f->findings);
        for (int i = 0; i < CS_STATUS_COUNT; i++)
            export_int(&x->out, f->by_status[i]);
        export_int(&x->out, f->votes);
        export_int(&x->out, f->tally_votes);
        export_end(&x->out);
    }
    return CS_OK;
}

enum cs_rc
export_summary(struct export_ctx *x, struct cs_error *err)
{
    struct summary s;
    struct counting c;
    struct idea_filter v;
    bool kept = !x->asof && x->since[0] == '\0' && x->until[0] == '\0'
                && x->sub_until[0] == '\0';
    enum cs_rc rc;

    if (x->opt->by_channel)
        return summary_by_channel(x, err);
    memset(&s, 0, sizeof s);
    memset(&c, 0, sizeof c);
    s.want = x->opt->top > 1 ? x->opt->top : 1;
    if ((s.total.title = strdup("Total")) == NULL)
        return no_memory(err);
    export_idea_filter(x, &v);
    if ((rc = load_themes(x, &s, err)) != CS_OK
        || (rc = counting_init(x, &s, &c, err)) != CS_OK)
        goto out;
    if (kept && (rc = idea_kept_each(x->db, &v, IDEA_KEPT_ROWS, kept_counts,
                                     &s, err)) != CS_OK)
        goto out;
    for (size_t k = 0; k < s.nthemes; k++)
        if ((rc = walk_theme(x, &s, &c, k, !kept, err)) != CS_OK)
            goto out;
    if ((rc = walk_contributions(x, &s, &c, err)) != CS_OK
        || (rc = load_top(x, &s, err)) != CS_OK)
        goto out;
    export_begin(x, &x->out, summary_cols, COUNT(summary_cols));
    for (size_t i = 0; i < s.nthemes; i++)
        write_figures(&x->out, &s.themes[i]);
    write_figures(&x->out, &s.total);
    if (x->has_top)
        write_top(x, &s);
out:
    counting_clear(&c);
    summary_clear(&s);
    return rc;
}

/* ------------------------------------------------------------ participation */

static const struct export_col participation_cols[] = {
    { "section", "rubrique", SHOW_ALL },
    { "key", "clé", SHOW_ALL },
    { "week_start", "semaine du", SHOW_ALL },
    { "participants", "participants", SHOW_ALL },
    { "ideas", "idées", SHOW_ALL },
    { "votes", "votes", SHOW_ALL },
    { "comments", "commentaires", SHOW_ALL },
    { "share_percent", "part (%)", SHOW_ALL },
};

/*
 * Participation reads each contribution once or twice, never per person:
 * the people who contributed are first gathered in temp.x_people (one row
 * per person with what they gave: SQLite's temporary store, not our
 * memory), from the votes walked in participant order, then the ideas and
 * comments added to it; the figures by channel, service and email come
 * from that table. Which contributions count is contrib_sql.h's rule,
 * shared with the weekly figures (stats_weeks.c).
 */
static const char people_create_sql[] =
    "DROP TABLE IF EXISTS temp.x_people;"
    "CREATE TEMP TABLE x_people (pid INTEGER PRIMARY KEY,"
    "  ideas INTEGER NOT NULL, votes INTEGER NOT NULL,"
    "  comments INTEGER NOT NULL);";
static const char people_drop_sql[] = "DROP TABLE IF EXISTS temp.x_people;";

#define P_VOTERS_SQL(I, V) \
    "INSERT INTO temp.x_people(pid, ideas, votes, comments)" \
    " SELECT v.participant_id, 0, count(*), 0 FROM " V " v" \
    " WHERE" P_VOTE_WHERE(I) " GROUP BY v.participant_id"
#define P_AUTHORS_SQL(I) \
    "INSERT INTO temp.x_people(pid, ideas, votes, comments)" \
    " SELECT i.author_id, count(*), 0, 0 FROM " I " i" \
    " WHERE" P_IDEA_WHERE " AND i.author_id IS NOT NULL" \
    " GROUP BY i.author_id" \
    " ON CONFLICT(pid) DO UPDATE SET ideas = ideas + excluded.ideas"
#define P_COMMENTERS_SQL(I, C) \
    "INSERT INTO temp.x_people(pid, ideas, votes, comments)" \
    " SELECT m.participant_id, 0, 0, count(*) FROM " C " m" \
    " WHERE" P_COMMENT_WHERE(I) " AND m.participant_id IS NOT NULL" \
    " GROUP BY m.participant_id" \
    " ON CONFLICT(pid) DO UPDATE SET comments = comments + excluded.comments"

/* People, people without email, ideas and comments (anonymous ones
 * included), votes. */
#define P_TOTAL_SQL(I, C) \
    "SELECT (SELECT count(*) FROM temp.x_people)," \
    " (SELECT count(*) FROM temp.x_people x JOIN participant p" \
    "  ON p.id = x.pid WHERE p.email IS NULL)," \
    " (SELECT count(*) FROM " I " i WHERE" P_IDEA_WHERE ")," \
    " (SELECT coalesce(sum(votes), 0) FROM temp.x_people)," \
    " (SELECT count(*) FROM " C " m WHERE" P_COMMENT_WHERE(I) ")"
/* People by the channel they came through; ideas and votes by theirs. */
#define P_CHANNEL_SQL(I, V) \
    "SELECT 0, p.channel, count(*) FROM temp.x_people x" \
    " JOIN participant p ON p.id = x.pid GROUP BY p.channel" \
    " UNION ALL SELECT 1, i.channel, count(*) FROM " I " i" \
    " WHERE" P_IDEA_WHERE " GROUP BY i.channel" \
    " UNION ALL SELECT 2, v.channel, count(*) FROM " V " v" \
    " WHERE" P_VOTE_WHERE(I) " GROUP BY v.channel"
#define P_SERVICE_SQL \
    "SELECT min(coalesce(p.service, '')), count(*), sum(x.ideas)," \
    " sum(x.votes), sum(x.comments) FROM temp.x_people x" \
    " JOIN participant p ON p.id = x.pid" \
    " GROUP BY p.service_key ORDER BY p.service_key"
static const char p_voters_live[] = P_VOTERS_SQL("idea", "vote");
static const char p_voters_asof[] = P_VOTERS_SQL("temp.x_idea", "temp.x_vote");
static const char p_authors_live[] = P_AUTHORS_SQL("idea");
static const char p_authors_asof[] = P_AUTHORS_SQL("temp.x_idea");
static const char p_commenters_live[] = P_COMMENTERS_SQL("idea", "comment");
static const char p_commenters_asof[] =
    P_COMMENTERS_SQL("temp.x_idea", "temp.x_comment");
static const char p_total_live[] = P_TOTAL_SQL("idea", "comment");
static const char p_total_asof[] =
    P_TOTAL_SQL("temp.x_idea", "temp.x_comment");
static const char p_channel_live[] = P_CHANNEL_SQL("idea", "vote");
static const char p_channel_asof[] =
    P_CHANNEL_SQL("temp.x_idea", "temp.x_vote");
static const char p_service_sql[] = P_SERVICE_SQL;

/*
 * n / d as a percentage with one decimal, rounded half up: "12.5", or
 * "12,5" in a file delimited with ";" (what French spreadsheets write and
 * read: a French Excel takes "12.5" for the 12th of May).
 */
static void
export_share(struct export_ctx *x, int64_t n, int64_t d)
{
    char buf[32];
    int64_t tenths;

    if (d <= 0) {
        export_text(&x->out, NULL);
        return;
    }
    tenths = (n * 2000 + d) / (2 * d);
    snprintf(buf, sizeof buf, "%lld%c%lld", (long long)(tenths / 10),
             x->opt->csv.delimiter == ';' ? ',' : '.',
             (long long)(tenths % 10));
    export_text(&x->out, buf);
}

struct totals {
    int64_t people, ideas, votes, comments, without_email;
};

static void
row_start(struct export_out *o, const char *section, const char *key,
          const char *week)
{
    export_text(o, section);
    export_text(o, key);
    export_text(o, week);
}

/* Gather the people who contributed into temp.x_people. */
static enum cs_rc
gather_people(struct export_ctx *x, struct cs_error *err)
{
    const char *const steps[] = {
        x->asof ? p_voters_asof : p_voters_live,
        x->asof ? p_authors_asof : p_authors_live,
        x->asof ? p_commenters_asof : p_commenters_live,
    };
    enum cs_rc rc;

    if ((rc = db_exec(x->db, people_create_sql, err)) != CS_OK)
        return rc;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        struct stmt st = STMT_INIT;

        stmt_prepare(&st, x->db, steps[i]);
        export_bind_filters(x, &st);
        rc = stmt_run(&st, err);
        stmt_finish(&st);
        if (rc != CS_OK)
            return rc;
    }
    return CS_OK;
}

static enum cs_rc
participation_totals(struct export_ctx *x, struct totals *t,
                     struct cs_error *err)
{
    struct export_out *o = &x->out;
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    memset(t, 0, sizeof *t);
    stmt_prepare(&st, x->db, x->asof ? p_total_asof : p_total_live);
    export_bind_filters(x, &st);
    if (stmt_row(&st)) {
        t->people = stmt_int64(&st, 0);
        t->without_email = stmt_int64(&st, 1);
        t->ideas = stmt_int64(&st, 2);
        t->votes = stmt_int64(&st, 3);
        t->comments = stmt_int64(&st, 4);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        return rc;
    row_start(o, "total", "", NULL);
    export_int(o, t->people);
    export_int(o, t->ideas);
    export_int(o, t->votes);
    export_int(o, t->comments);
    export_share(x, t->people, t->people);
    export_end(o);
    return CS_OK;
}

static enum cs_rc
participation_channels(struct export_ctx *x, const struct totals *t,
                       struct cs_error *err)
{
    struct export_out *o = &x->out;
    struct stmt st = STMT_INIT;
    int64_t people[CS_CHANNEL_COUNT] = { 0 }, ideas[CS_CHANNEL_COUNT] = { 0 },
            votes[CS_CHANNEL_COUNT] = { 0 };
    enum cs_rc rc;

    stmt_prepare(&st, x->db, x->asof ? p_channel_asof : p_channel_live);
    export_bind_filters(x, &st);
    while (stmt_row(&st)) {
        int c = stored_index(stmt_text(&st, 1), channel_name,
                             CS_CHANNEL_COUNT);
        int64_t n = stmt_int64(&st, 2);

        if (c < 0)
            continue;
        switch (stmt_int64(&st, 0)) {
        case 0:  people[c] += n; break;
        case 1:  ideas[c] += n; break;
        default: votes[c] += n; break;
        }
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        return rc;
    for (int c = 0; c < CS_CHANNEL_COUNT; c++) {
        row_start(o, "channel", cs_channel_name((enum cs_channel)c), NULL);
        export_int(o, people[c]);
        export_int(o, ideas[c]);
        export_int(o, votes[c]);
        export_text(o, NULL);               /* comments have no channel */
        export_share(x, people[c], t->people);
        export_end(o);
    }
    row_start(o, "email", "with_email", NULL);
    export_int(o, t->people - t->without_email);
    for (int i = 0; i < 3; i++)
        export_text(o, NULL);
    export_share(x, t->people - t->without_email, t->people);
    export_end(o);
    row_start(o, "email", "without_email", NULL);
    export_int(o, t->without_email);
    for (int i = 0; i < 3; i++)
        export_text(o, NULL);
    export_share(x, t->without_email, t->people);
    export_end(o);
    return CS_OK;
}

static enum cs_rc
participation_services(struct export_ctx *x, const struct totals *t,
                       struct cs_error *err)
{
    struct export_out *o = &x->out;
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, x->db, p_service_sql);
    export_bind_filters(x, &st);
    while (stmt_row(&st)) {
        row_start(o, "service", stmt_text(&st, 0), NULL);
        for (int i = 1; i <= 4; i++)
            export_col(o, &st, i);
        export_share(x, stmt_int64(&st, 1), t->people);
        export_end(o);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* The "week" rows: the weekly figures (stats_weeks.c) with this export's
 * filters, and each week's share of every contribution. */
static enum cs_rc
participation_weeks(struct export_ctx *x, const struct totals *t,
                    struct cs_error *err)
{
    struct export_out *o = &x->out;
    struct stats_week_query q = {
        x->cons_id, x->theme_id, x->since, x->until, x->asof,
    };
    struct cs_week_list *l = NULL;
    int64_t all = t->ideas + t->votes + t->comments;
    enum cs_rc rc;

    if ((rc = stats_weeks(x->db, &q, &l, err)) != CS_OK)
        return rc;
    for (size_t i = 0; i < l->count; i++) {
        const struct cs_week *w = &l->items[i];
        char key[24];

        snprintf(key, sizeof key, "%d", w->number);
        row_start(o, "week", key, w->start);
        export_int(o, w->participants);
        export_int(o, w->ideas);
        export_int(o, w->votes);
        export_int(o, w->comments);
        export_share(x, w->ideas + w->votes + w->comments, all);
        export_end(o);
    }
    cs_week_list_free(l);
    return CS_OK;
}

enum cs_rc
export_participation(struct export_ctx *x, struct cs_error *err)
{
    struct totals t;
    enum cs_rc rc;

    export_begin(x, &x->out, participation_cols, COUNT(participation_cols));
    if ((rc = gather_people(x, err)) == CS_OK
        && (rc = participation_totals(x, &t, err)) == CS_OK
        && (rc = participation_channels(x, &t, err)) == CS_OK
        && (rc = participation_services(x, &t, err)) == CS_OK)
        rc = participation_weeks(x, &t, err);
    db_exec(x->db, people_drop_sql, NULL);
    return rc;
}
