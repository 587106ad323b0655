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
#include "export_priv.h"

#include <stdlib.h>
#include <string.h>

#include "consult/types.h"
#include "i18n.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* The filters of the summary on ideas (alias i); not open-data's: the
 * figures are aggregates, the same in every profile. */
#define SUMMARY_FILTERS \
    " i.consultation_id = :cons" \
    " AND (:theme IS NULL OR i.theme_id = :theme)" \
    " AND (:status IS NULL OR i.status = :status)" \
    " AND (:channel IS NULL OR i.channel = :channel)" \
    " AND (:since IS NULL OR i.submitted_at >= :since)" \
    " AND (:until IS NULL OR i.submitted_at <= :until)"

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
    int64_t votes, tally_votes, support, participants;
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

#define COUNTS_SQL(IDEA) \
    "SELECT i.theme_id, i.kind, i.status, i.channel, count(*)," \
    " sum(i.votes), sum(i.tallies), sum(i.support)" \
    " FROM " IDEA " i WHERE" SUMMARY_FILTERS \
    " GROUP BY i.theme_id, i.kind, i.status, i.channel"

static const char counts_live[] = COUNTS_SQL("idea");
static const char counts_asof[] = COUNTS_SQL("temp.x_idea");

static void
add_counts(struct figures *f, bool finding, int status, int channel,
           int64_t n, int64_t votes, int64_t tallies, int64_t support)
{
    if (finding)
        f->findings += n;
    else
        f->ideas += n;
    if (status >= 0)
        f->by_status[status] += n;
    if (channel >= 0)
        f->by_channel[channel] += n;
    f->votes += votes;
    f->tally_votes += tallies;
    f->support += support;
}

static enum cs_rc
load_counts(struct export_ctx *x, struct summary *s, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, x->db, x->asof ? counts_asof : counts_live);
    export_bind_filters(x, &st);
    while (stmt_row(&st)) {
        struct figures *f = theme_figures(s, stmt_int64(&st, 0));
        bool finding = strcmp(stmt_text(&st, 1), "finding") == 0;
        int status = stored_index(stmt_text(&st, 2), status_name,
                                  CS_STATUS_COUNT);
        int channel = stored_index(stmt_text(&st, 3), channel_name,
                                   CS_CHANNEL_COUNT);
        int64_t n = stmt_int64(&st, 4), v = stmt_int64(&st, 5),
                t = stmt_int64(&st, 6), sup = stmt_int64(&st, 7);

        if (f)
            add_counts(f, finding, status, channel, n, v, t, sup);
        add_counts(&s->total, finding, status, channel, n, v, t, sup);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/*
 * Everyone who took part in the selected ideas: their authors, voters and
 * commenters, each person once per theme (and once in the total). A
 * contribution counts in the theme of the idea it was given to.
 */
#define PEOPLE(IDEA, VOTE, COMMENT) \
    "  SELECT i.theme_id AS theme, i.author_id AS pid FROM " IDEA " i" \
    "   WHERE" SUMMARY_FILTERS " AND i.author_id IS NOT NULL" \
    "  UNION ALL SELECT i.theme_id, v.participant_id FROM " IDEA " i" \
    "   JOIN " VOTE " v ON v.idea_id = i.id WHERE" SUMMARY_FILTERS \
    "  UNION ALL SELECT i.theme_id, m.participant_id FROM " IDEA " i" \
    "   JOIN " COMMENT " m ON m.idea_id = i.id WHERE" SUMMARY_FILTERS \
    "   AND m.participant_id IS NOT NULL"

#define PEOPLE_SQL(IDEA, VOTE, COMMENT) \
    "SELECT theme, count(DISTINCT pid) FROM (" \
    PEOPLE(IDEA, VOTE, COMMENT) ") GROUP BY theme" \
    " UNION ALL SELECT NULL, count(DISTINCT pid) FROM (" \
    PEOPLE(IDEA, VOTE, COMMENT) ")"

static const char people_live[] = PEOPLE_SQL("idea", "vote", "comment");
static const char people_asof[] =
    PEOPLE_SQL("temp.x_idea", "temp.x_vote", "temp.x_comment");

static enum cs_rc
load_people(struct export_ctx *x, struct summary *s, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, x->db, x->asof ? people_asof : people_live);
    export_bind_filters(x, &st);
    while (stmt_row(&st)) {
        struct figures *f = stmt_is_null(&st, 0) ? &s->total
            : theme_figures(s, stmt_int64(&st, 0));

        if (f)
            f->participants = stmt_int64(&st, 1);
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
    { "support", "soutien", SHOW_ALL },
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
    { "kind", "type", SHOW_ALL },
    { "status", "statut", SHOW_ALL },
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
    export_int(o, f->support);
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

enum cs_rc
export_summary(struct export_ctx *x, struct cs_error *err)
{
    struct summary s;
    enum cs_rc rc;

    memset(&s, 0, sizeof s);
    s.want = x->opt->top > 1 ? x->opt->top : 1;
    if ((s.total.title = strdup("Total")) == NULL)
        return no_memory(err);
    if ((rc = load_themes(x, &s, err)) == CS_OK
        && (rc = load_counts(x, &s, err)) == CS_OK
        && (rc = load_people(x, &s, err)) == CS_OK
        && (rc = load_top(x, &s, err)) == CS_OK) {
        export_begin(x, &x->out, summary_cols, COUNT(summary_cols));
        for (size_t i = 0; i < s.nthemes; i++)
            write_figures(&x->out, &s.themes[i]);
        write_figures(&x->out, &s.total);
        if (x->has_top)
            write_top(x, &s);
    }
    summary_clear(&s);
    return rc;
}

/* ---------------------------------------------------------------- participation */

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

/* Every contribution to the consultation: who (NULL: anonymous), what,
 * when, and through which channel (none for a comment). */
#define CONTRIB(IDEA, VOTE, COMMENT) \
    "WITH contrib(pid, what, day, channel) AS (" \
    "  SELECT i.author_id, 'idea', i.submitted_at, i.channel FROM " IDEA \
    "   i WHERE i.consultation_id = :cons" \
    "   AND (:theme IS NULL OR i.theme_id = :theme)" \
    "   AND (:since IS NULL OR i.submitted_at >= :since)" \
    "   AND (:until IS NULL OR i.submitted_at <= :until)" \
    "  UNION ALL SELECT v.participant_id, 'vote', v.voted_at, v.channel" \
    "   FROM " VOTE " v JOIN " IDEA " i ON i.id = v.idea_id" \
    "   WHERE i.consultation_id = :cons" \
    "   AND (:theme IS NULL OR i.theme_id = :theme)" \
    "   AND (:since IS NULL OR v.voted_at >= :since)" \
    "   AND (:until IS NULL OR v.voted_at <= :until)" \
    "  UNION ALL SELECT m.participant_id, 'comment', m.created_at, NULL" \
    "   FROM " COMMENT " m JOIN " IDEA " i ON i.id = m.idea_id" \
    "   WHERE i.consultation_id = :cons" \
    "   AND (:theme IS NULL OR i.theme_id = :theme)" \
    "   AND (:since IS NULL OR m.created_at >= :since)" \
    "   AND (:until IS NULL OR m.created_at <= :until))"

#define P_TOTAL_SQL(I, V, C) CONTRIB(I, V, C) \
    " SELECT count(DISTINCT pid), coalesce(sum(what = 'idea'), 0)," \
    " coalesce(sum(what = 'vote'), 0), coalesce(sum(what = 'comment'), 0)," \
    " (SELECT count(*) FROM participant p WHERE p.email IS NULL" \
    "  AND p.id IN (SELECT pid FROM contrib))" \
    " FROM contrib"
#define P_CHANNEL_SQL(I, V, C) CONTRIB(I, V, C) \
    " SELECT 0, p.channel, count(*), 0, 0 FROM participant p" \
    "  WHERE p.id IN (SELECT pid FROM contrib) GROUP BY p.channel" \
    " UNION ALL SELECT 1, channel, 0, sum(what = 'idea'), sum(what = 'vote')" \
    "  FROM contrib WHERE channel IS NOT NULL GROUP BY channel"
#define P_SERVICE_SQL(I, V, C) CONTRIB(I, V, C) \
    " SELECT min(coalesce(p.service, '')), count(DISTINCT p.id)," \
    " sum(c.what = 'idea'), sum(c.what = 'vote'), sum(c.what = 'comment')" \
    " FROM contrib c JOIN participant p ON p.id = c.pid" \
    " GROUP BY p.service_key ORDER BY p.service_key"
#define P_WEEK_SQL(I, V, C) CONTRIB(I, V, C) \
    " SELECT date(day, 'weekday 0', '-6 days') AS wk," \
    " CAST(julianday(date(day, 'weekday 0', '-6 days')) AS INTEGER)," \
    " count(DISTINCT pid), sum(what = 'idea'), sum(what = 'vote')," \
    " sum(what = 'comment') FROM contrib GROUP BY wk ORDER BY wk"

static const char p_total_live[] = P_TOTAL_SQL("idea", "vote", "comment");
static const char p_total_asof[] =
    P_TOTAL_SQL("temp.x_idea", "temp.x_vote", "temp.x_comment");
static const char p_channel_live[] = P_CHANNEL_SQL("idea", "vote", "comment");
static const char p_channel_asof[] =
    P_CHANNEL_SQL("temp.x_idea", "temp.x_vote", "temp.x_comment");
static const char p_service_live[] = P_SERVICE_SQL("idea", "vote", "comment");
static const char p_service_asof[] =
    P_SERVICE_SQL("temp.x_idea", "temp.x_vote", "temp.x_comment");
static const char p_week_live[] = P_WEEK_SQL("idea", "vote", "comment");
static const char p_week_asof[] =
    P_WEEK_SQL("temp.x_idea", "temp.x_vote", "temp.x_comment");

/* n / d as a percentage with one decimal, rounded half up ("12.5"). */
static void
export_share(struct export_out *o, int64_t n, int64_t d)
{
    char buf[32];
    int64_t tenths;

    if (d <= 0) {
        export_text(o, NULL);
        return;
    }
    tenths = (n * 2000 + d) / (2 * d);
    snprintf(buf, sizeof buf, "%lld.%lld", (long long)(tenths / 10),
             (long long)(tenths % 10));
    export_text(o, buf);
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
        t->ideas = stmt_int64(&st, 1);
        t->votes = stmt_int64(&st, 2);
        t->comments = stmt_int64(&st, 3);
        t->without_email = stmt_int64(&st, 4);
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
    export_share(o, t->people, t->people);
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

        if (c < 0)
            continue;
        people[c] += stmt_int64(&st, 2);
        ideas[c] += stmt_int64(&st, 3);
        votes[c] += stmt_int64(&st, 4);
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
        export_share(o, people[c], t->people);
        export_end(o);
    }
    row_start(o, "email", "with_email", NULL);
    export_int(o, t->people - t->without_email);
    for (int i = 0; i < 3; i++)
        export_text(o, NULL);
    export_share(o, t->people - t->without_email, t->people);
    export_end(o);
    row_start(o, "email", "without_email", NULL);
    export_int(o, t->without_email);
    for (int i = 0; i < 3; i++)
        export_text(o, NULL);
    export_share(o, t->without_email, t->people);
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

    stmt_prepare(&st, x->db, x->asof ? p_service_asof : p_service_live);
    export_bind_filters(x, &st);
    while (stmt_row(&st)) {
        row_start(o, "service", stmt_text(&st, 0), NULL);
        for (int i = 1; i <= 4; i++)
            export_col(o, &st, i);
        export_share(o, stmt_int64(&st, 1), t->people);
        export_end(o);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* The Monday of the week the consultation opened, as a julian day; 0 if
 * it has no opening date. */
static enum cs_rc
opening_week(struct export_ctx *x, int64_t *jd, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *jd = 0;
    stmt_prepare(&st, x->db,
        "SELECT CAST(julianday(date(opens_on, 'weekday 0', '-6 days'))"
        " AS INTEGER) FROM consultation WHERE id = :cons"
        " AND opens_on IS NOT NULL");
    stmt_bind_int64(&st, ":cons", x->cons_id);
    if (stmt_row(&st))
        *jd = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

static enum cs_rc
participation_weeks(struct export_ctx *x, const struct totals *t,
                    struct cs_error *err)
{
    struct export_out *o = &x->out;
    struct stmt st = STMT_INIT;
    int64_t base = 0, all = t->ideas + t->votes + t->comments;
    enum cs_rc rc;

    if ((rc = opening_week(x, &base, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, x->db, x->asof ? p_week_asof : p_week_live);
    export_bind_filters(x, &st);
    while (stmt_row(&st)) {
        char key[24];
        int64_t jd = stmt_int64(&st, 1);

        if (stmt_is_null(&st, 0))
            continue;                       /* an unreadable date */
        if (base == 0)
            base = jd;                      /* weeks from the first one */
        /* Week 1 is the opening week; earlier ones count down from 0. */
        snprintf(key, sizeof key, "%lld",
                 (long long)((jd - base) >= 0 ? (jd - base) / 7 + 1
                                              : -((base - jd + 6) / 7) + 1));
        row_start(o, "week", key, stmt_text(&st, 0));
        for (int i = 2; i <= 5; i++)
            export_col(o, &st, i);
        export_share(o, stmt_int64(&st, 3) + stmt_int64(&st, 4)
                        + stmt_int64(&st, 5), all);
        export_end(o);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
export_participation(struct export_ctx *x, struct cs_error *err)
{
    struct totals t;
    enum cs_rc rc;

    export_begin(x, &x->out, participation_cols, COUNT(participation_cols));
    if ((rc = participation_totals(x, &t, err)) == CS_OK
        && (rc = participation_channels(x, &t, err)) == CS_OK
        && (rc = participation_services(x, &t, err)) == CS_OK)
        rc = participation_weeks(x, &t, err);
    return rc;
}
