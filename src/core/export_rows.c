/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * export_rows.c: the exports with one row per record: ideas, votes,
 * tallies, comments, participants, the journal, the college's decisions,
 * and the answers to send back.
 *
 * Each runs one statement stepped row by row, in id order, and writes each
 * row as it comes. The ideas export also needs every idea's votes by
 * channel, which no column keeps: a second statement, grouped by idea and
 * channel and walking the vote_by_idea_channel index in idea order, is
 * stepped alongside the first (a merge join), so no vote is counted twice
 * and nothing is held in memory.
 *
 * Every query is written once, as a macro over the names of the tables it
 * reads, and expanded twice: over the live tables, and over the temporary
 * tables export_asof.c rebuilds from the journal for an as-of export.
 */
#include "export_rows.h"

#include <stdlib.h>
#include <string.h>

#include "consult/types.h"
#include "i18n.h"
#include "idea_row.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* The filters on ideas (alias i) most kinds share (idea_row.h); DATE is
 * the column the date filters apply to. */
#define KIND_FILTERS(DATE) \
    IDEA_F_CONS("i.") IDEA_F_THEME("i.") IDEA_F_DATES(DATE) IDEA_F_OPEN("i.") \
    IDEA_F_PAPER("i.") IDEA_F_TAG("i.") IDEA_F_SEARCH("i.") \
    IDEA_F_SUBMITTED("i.")

/*
 * Whether the answer idea ID has now (or had as of :asof_at) is held: the
 * consultation holds answers and it is not published yet (then). Exports
 * leave a held answer out: the answers export skips the idea, the
 * decisions export the answer, and the ideas export shows the idea as
 * under review, without its answer. Only an idea with an answer has one to
 * hold, which spares the look-up for the others.
 */
#define DECIDED "('accepted','rejected','implemented')"
#define HELD(ID, ANSWER) \
    " (CASE WHEN " ANSWER " IS NULL THEN 0 ELSE coalesce((" \
    "  SELECT h.published_at IS NULL" \
    "   OR (:asof_at IS NOT NULL AND h.published_at > :asof_at)" \
    "  FROM idea_answer h WHERE h.idea_id = " ID \
    "  AND (:asof_at IS NULL OR h.given_at <= :asof_at)" \
    "  ORDER BY h.id DESC LIMIT 1), 0) END)"

/* ---------------------------------------------------------------- ideas */

static const struct export_col idea_cols[] = {
    { "id", "identifiant", SHOW_ALL },
    { "consultation", "consultation", SHOW_ALL },
    { "theme", "thème", SHOW_ALL },
    { "theme_title", "titre du thème", SHOW_ALL },
    { "kind", "type", SHOW_ALL | WORDS_KIND },
    { "status", "statut", SHOW_ALL | WORDS_STATUS },
    { "status_changed_at", "statut changé le", SHOW_ALL },
    { "title", "titre", SHOW_ALL },
    { "body", "texte", SHOW_ALL },
    { "channel", "canal", SHOW_ALL | WORDS_CHANNEL },
    { "form_ref", "n° formulaire", SHOW_ALL },
    { "import_batch", "lot d’import", SHOW_ALL },
    { "verified", "vérifiée", SHOW_ALL | WORDS_CHECK },
    { "submitted_at", "déposée le", SHOW_ALL },
    { "entered_at", "saisie le", SHOW_ALL },
    { "entered_by", "saisie par", SHOW_STAFF },
    { "votes_paper", "votes papier", SHOW_ALL },
    { "votes_workshop", "votes atelier", SHOW_ALL },
    { "votes_web", "votes web", SHOW_ALL },
    { "votes_email", "votes courriel", SHOW_ALL },
    { "votes_phone", "votes téléphone", SHOW_ALL },
    { "votes_other", "votes autre", SHOW_ALL },
    { "votes", "votes", SHOW_ALL },
    { "tallies", "votes décomptés", SHOW_ALL },
    { "support", "soutien", SHOW_ALL },
    { "comments", "commentaires", SHOW_ALL },
    { "tags", "étiquettes", SHOW_ALL },
    { "answer", "réponse officielle", SHOW_ALL },
    { "merged_into", "fusionnée dans", SHOW_ALL },
    { "merged_into_form_ref", "fusionnée dans (n° formulaire)", SHOW_ALL },
    { "hidden", "masquée", SHOW_ALL },
    { "hidden_reason", "motif du masquage", SHOW_ALL },
    { "author", "auteur (pseudonyme)", SHOW_CODIR },
    { "author_ref", "matricule", SHOW_CONTACT },
    { "author_name", "nom", SHOW_CONTACT },
    { "service", "service", SHOW_CONTACT },
    { "email", "courriel", SHOW_CONTACT },
    { "consent", "consentement", SHOW_CONTACT },
};

/* Tags as the importer reads them back: one cell, ", " between tags. */
#define TAGS_LIVE \
    "(SELECT group_concat(name, ', ') FROM (SELECT g.name FROM idea_tag it" \
    " JOIN tag g ON g.id = it.tag_id WHERE it.idea_id = i.id" \
    " ORDER BY g.name_key, g.name))"
#define TAGS_ASOF \
    "(SELECT group_concat(name, ', ') FROM (SELECT name FROM temp.x_tag" \
    " WHERE idea_id = i.id ORDER BY name_key, name))"

#define IDEAS_SQL(IDEA, COMMENT, TAGS, ORDER) \
    "SELECT i.id, c.code, t.code, t.title, i.kind," \
    " CASE WHEN i.held THEN 'reviewing' ELSE i.status END," \
    " i.status_changed_at, i.title, i.body, i.channel, i.form_ref," \
    " i.batch_id, i.entry_check, i.submitted_at, i.entered_at," \
    " i.entered_by, i.votes," \
    " i.tallies, i.support," \
    " (SELECT count(*) FROM " COMMENT " m WHERE m.idea_id = i.id" \
    "  AND m.hidden = 0), " TAGS "," \
    " CASE WHEN i.held THEN NULL ELSE i.answer END, i.merged_into," \
    " (SELECT g.form_ref FROM " IDEA " g WHERE g.id = i.merged_into)," \
    " i.status = 'hidden', i.hidden_reason, i.author_id," \
    " p.ref, p.name, p.service, p.email, p.consent" \
    " FROM (SELECT x.*," HELD("x.id", "x.answer") " AS held" \
    "  FROM " IDEA " x) i" \
    " JOIN consultation c ON c.id = i.consultation_id" \
    " JOIN theme t ON t.id = i.theme_id" \
    " LEFT JOIN participant p ON p.id = i.author_id AND :contact" \
    " WHERE 1" KIND_FILTERS("i.submitted_at") \
    IDEA_F_STATUS("i.") IDEA_F_CHANNEL("i.") \
    " AND (:status IS NULL OR :status NOT IN " DECIDED " OR NOT i.held)" \
    " ORDER BY " ORDER

/* A search's rank for idea i, as the triage desk ranks it (search.c):
 * bm25, a word in the title weighing twice one in the body, negated so
 * that the higher, the better. */
#define RANK_OF_IDEA \
    "(SELECT -bm25(idea_fts, 2.0, 1.0) FROM idea_fts" \
    " WHERE idea_fts MATCH :q AND idea_fts.rowid = i.id)"

#define IDEAS_LIVE(ORDER) IDEAS_SQL("idea", "comment", TAGS_LIVE, ORDER)

/* [order][descending], in the lists' orders and with their ties (idea.c,
 * search.c): the rows come as the triage desk shows them. */
static const char *const ideas_live[4][2] = {
    [CS_ORDER_ID] = { IDEAS_LIVE("i.id"), IDEAS_LIVE("i.id DESC") },
    [CS_ORDER_DATE] = { IDEAS_LIVE("i.submitted_at, i.id"),
                        IDEAS_LIVE("i.submitted_at DESC, i.id DESC") },
    [CS_ORDER_SUPPORT] = { IDEAS_LIVE("i.support, i.id"),
                           IDEAS_LIVE("i.support DESC, i.id DESC") },
    [CS_ORDER_RELEVANCE] = { IDEAS_LIVE(RANK_OF_IDEA ", i.id DESC"),
                             IDEAS_LIVE(RANK_OF_IDEA " DESC, i.id") },
};
/* As of a moment: by number only (cs_export_write refuses the others). */
static const char ideas_asof[] =
    IDEAS_SQL("temp.x_idea", "temp.x_comment", TAGS_ASOF, "i.id");

#define VOTE_COUNTS_SQL(VOTE) \
    "SELECT idea_id, channel, count(*) FROM " VOTE \
    " GROUP BY idea_id, channel ORDER BY idea_id"

static const char vote_counts_live[] = VOTE_COUNTS_SQL("vote");
static const char vote_counts_asof[] = VOTE_COUNTS_SQL("temp.x_vote");

/* The votes per channel of one idea, for an export in another order than
 * by number (live only), through the vote_by_idea_channel index. */
static const char vote_counts_one[] =
    "SELECT idea_id, channel, count(*) FROM vote WHERE idea_id = :id"
    " GROUP BY channel";

/* The votes per channel of each idea, stepped in idea order beside the
 * ideas themselves; or, when the ideas come in another order, read for
 * each idea (`one`). */
struct vote_counts {
    struct stmt st;
    bool has;                   /* a row is ready */
    bool one;                   /* st is vote_counts_one */
};

static int
channel_index(const char *name)
{
    for (int c = 0; c < CS_CHANNEL_COUNT; c++)
        if (strcmp(name, cs_channel_name((enum cs_channel)c)) == 0)
            return c;
    return CS_CHANNEL_OTHER;
}

/* Fill `n` with the votes per channel of idea `id`: skip the rows of
 * ideas before it (filtered out), take its own. */
static void
vote_counts_for(struct vote_counts *vc, int64_t id,
                int64_t n[CS_CHANNEL_COUNT])
{
    memset(n, 0, CS_CHANNEL_COUNT * sizeof n[0]);
    if (vc->one) {
        stmt_reset(&vc->st);
        stmt_bind_int64(&vc->st, ":id", id);
        vc->has = stmt_row(&vc->st);
    }
    while (vc->has && stmt_int64(&vc->st, 0) < id)
        vc->has = stmt_row(&vc->st);
    while (vc->has && stmt_int64(&vc->st, 0) == id) {
        n[channel_index(stmt_text(&vc->st, 1))] += stmt_int64(&vc->st, 2);
        vc->has = stmt_row(&vc->st);
    }
}

enum cs_rc
export_ideas(struct export_ctx *x, struct cs_error *err)
{
    struct export_out *o = &x->out;
    struct stmt st = STMT_INIT;
    struct vote_counts vc = { STMT_INIT, false, false };
    const struct cs_export_options *opt = x->opt;
    int64_t n[CS_CHANNEL_COUNT];
    enum cs_rc rc;

    export_begin(x, o, idea_cols, COUNT(idea_cols));
    /* By number, the votes are merged in alongside; in another order,
     * each idea's are read on their own. */
    vc.one = !x->asof
             && (opt->order != CS_ORDER_ID || opt->descending);
    if (vc.one) {
        stmt_prepare(&vc.st, x->db, vote_counts_one);
    } else {
        stmt_prepare(&vc.st, x->db,
                     x->asof ? vote_counts_asof : vote_counts_live);
        vc.has = stmt_row(&vc.st);
    }
    stmt_prepare(&st, x->db, x->asof ? ideas_asof
                 : ideas_live[opt->order][opt->descending ? 1 : 0]);
    export_bind_filters(x, &st);
    stmt_bind_int64(&st, ":contact",
                    x->profile == CS_PROFILE_INTERNAL_CONTACT);
    while (stmt_row(&st)) {
        vote_counts_for(&vc, stmt_int64(&st, 0), n);
        for (int i = 0; i <= 15; i++)
            export_col(o, &st, i);
        for (int c = 0; c < CS_CHANNEL_COUNT; c++)
            export_int(o, n[c]);
        for (int i = 16; i <= 23; i++)
            export_col(o, &st, i);
        export_bool(o, stmt_int64(&st, 24) != 0);
        export_col(o, &st, 25);
        export_pseudonym(x, o, &st, 26);
        for (int i = 27; i <= 30; i++)
            export_col(o, &st, i);
        if (stmt_is_null(&st, 31))
            export_text(o, NULL);
        else
            export_bool(o, stmt_int64(&st, 31) != 0);
        export_end(o);
    }
    rc = stmt_status(&st, err);
    if (rc == CS_OK)
        rc = stmt_status(&vc.st, err);
    stmt_finish(&st);
    stmt_finish(&vc.st);
    return rc;
}

/* ---------------------------------------------------------------- votes */

static const struct export_col vote_cols[] = {
    { "vote_id", "identifiant du vote", SHOW_ALL },
    { "consultation", "consultation", SHOW_ALL },
    { "idea_id", "idée", SHOW_ALL },
    { "idea_form_ref", "n° formulaire de l’idée", SHOW_ALL },
    { "theme", "thème", SHOW_ALL },
    { "channel", "canal", SHOW_ALL | WORDS_CHANNEL },
    { "voted_at", "voté le", SHOW_ALL },
    { "entered_at", "saisi le", SHOW_ALL },
    { "entered_by", "saisi par", SHOW_STAFF },
    { "import_batch", "lot d’import", SHOW_ALL },
    { "voter", "votant (pseudonyme)", SHOW_CODIR },
    { "participant_ref", "matricule", SHOW_CONTACT },
    { "participant_name", "nom", SHOW_CONTACT },
    { "service", "service", SHOW_CONTACT },
};

#define VOTES_SQL(IDEA, VOTE) \
    "SELECT v.id, c.code, v.idea_id, i.form_ref, t.code, v.channel," \
    " v.voted_at, v.entered_at, v.entered_by, v.batch_id, v.participant_id," \
    " p.ref, p.name, p.service" \
    " FROM " VOTE " v JOIN " IDEA " i ON i.id = v.idea_id" \
    " JOIN consultation c ON c.id = i.consultation_id" \
    " JOIN theme t ON t.id = i.theme_id" \
    " LEFT JOIN participant p ON p.id = v.participant_id AND :contact" \
    " WHERE 1" KIND_FILTERS("v.voted_at") \
    IDEA_F_CHANNEL("v.") \
    " ORDER BY v.id"

static const char votes_live[] = VOTES_SQL("idea", "vote");
static const char votes_asof[] = VOTES_SQL("temp.x_idea", "temp.x_vote");

enum cs_rc
export_votes(struct export_ctx *x, struct cs_error *err)
{
    struct export_out *o = &x->out;
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    export_begin(x, o, vote_cols, COUNT(vote_cols));
    stmt_prepare(&st, x->db, x->asof ? votes_asof : votes_live);
    export_bind_filters(x, &st);
    stmt_bind_int64(&st, ":contact",
                    x->profile == CS_PROFILE_INTERNAL_CONTACT);
    while (stmt_row(&st)) {
        for (int i = 0; i <= 9; i++)
            export_col(o, &st, i);
        export_pseudonym(x, o, &st, 10);
        for (int i = 11; i <= 13; i++)
            export_col(o, &st, i);
        export_end(o);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* ---------------------------------------------------------------- tallies */

static const struct export_col tally_cols[] = {
    { "tally_id", "identifiant du décompte", SHOW_ALL },
    { "consultation", "consultation", SHOW_ALL },
    { "idea_id", "idée", SHOW_ALL },
    { "idea_form_ref", "n° formulaire de l’idée", SHOW_ALL },
    { "theme", "thème", SHOW_ALL },
    { "count", "nombre", SHOW_ALL },
    { "against", "contre", SHOW_ALL },
    { "source", "source", SHOW_ALL },
    { "counted_at", "compté le", SHOW_ALL },
    { "entered_at", "saisi le", SHOW_ALL },
    { "entered_by", "saisi par", SHOW_STAFF },
    { "import_batch", "lot d’import", SHOW_ALL },
};

#define TALLIES_SQL(IDEA, TALLY) \
    "SELECT tl.id, c.code, tl.idea_id, i.form_ref, t.code, tl.count," \
    " tl.against, tl.source, tl.counted_at, tl.entered_at, tl.entered_by, tl.batch_id" \
    " FROM " TALLY " tl JOIN " IDEA " i ON i.id = tl.idea_id" \
    " JOIN consultation c ON c.id = i.consultation_id" \
    " JOIN theme t ON t.id = i.theme_id" \
    " WHERE 1" KIND_FILTERS("tl.counted_at") \
    " ORDER BY tl.id"

/* An export whose rows are its statement's columns as they are: the live
 * statement, or the as-of one over the rebuilt temp tables. */
static enum cs_rc
export_plain(struct export_ctx *x, const struct export_col *cols,
             size_t ncols, const char *live, const char *asof,
             struct cs_error *err)
{
    struct export_out *o = &x->out;
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    export_begin(x, o, cols, ncols);
    stmt_prepare(&st, x->db, x->asof ? asof : live);
    export_bind_filters(x, &st);
    while (stmt_row(&st))
        export_row(o, &st);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

static const char tallies_live[] = TALLIES_SQL("idea", "tally");
static const char tallies_asof[] = TALLIES_SQL("temp.x_idea", "temp.x_tally");

enum cs_rc
export_tallies(struct export_ctx *x, struct cs_error *err)
{
    return export_plain(x, tally_cols, COUNT(tally_cols), tallies_live,
                        tallies_asof, err);
}

/* ---------------------------------------------------------------- comments */

static const struct export_col comment_cols[] = {
    { "comment_id", "identifiant du commentaire", SHOW_ALL },
    { "consultation", "consultation", SHOW_ALL },
    { "idea_id", "idée", SHOW_ALL },
    { "idea_form_ref", "n° formulaire de l’idée", SHOW_ALL },
    { "theme", "thème", SHOW_ALL },
    { "created_at", "écrit le", SHOW_ALL },
    { "body", "texte", SHOW_ALL },
    { "channel", "canal", SHOW_ALL },
    { "form_ref", "référence", SHOW_ALL },
    { "parent_id", "répond à", SHOW_ALL },
    { "parent_ref", "répond au commentaire (référence)", SHOW_ALL },
    { "hidden", "masqué", SHOW_ALL },
    { "hidden_reason", "motif du masquage", SHOW_ALL },
    { "entered_by", "saisi par", SHOW_STAFF },
    { "author", "auteur (pseudonyme)", SHOW_CODIR },
    { "author_ref", "matricule", SHOW_CONTACT },
    { "author_name", "nom", SHOW_CONTACT },
    { "service", "service", SHOW_CONTACT },
};

#define COMMENTS_SQL(IDEA, COMMENT) \
    "SELECT m.id, c.code, m.idea_id, t.code, m.created_at, m.body," \
    " m.hidden, m.hidden_reason, m.entered_by, m.participant_id, p.ref," \
    " p.name, p.service, m.channel, m.form_ref, m.parent_id," \
    " i.form_ref, (SELECT r.form_ref FROM " COMMENT " r" \
    "  WHERE r.id = m.parent_id)" \
    " FROM " COMMENT " m JOIN " IDEA " i ON i.id = m.idea_id" \
    " JOIN consultation c ON c.id = i.consultation_id" \
    " JOIN theme t ON t.id = i.theme_id" \
    " LEFT JOIN participant p ON p.id = m.participant_id AND :contact" \
    " WHERE 1" KIND_FILTERS("m.created_at") \
    " AND (:open IS NULL OR m.hidden = 0)" \
    " ORDER BY m.id"

static const char comments_live[] = COMMENTS_SQL("idea", "comment");
static const char comments_asof[] =
    COMMENTS_SQL("temp.x_idea", "temp.x_comment");

enum cs_rc
export_comments(struct export_ctx *x, struct cs_error *err)
{
    struct export_out *o = &x->out;
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    export_begin(x, o, comment_cols, COUNT(comment_cols));
    stmt_prepare(&st, x->db, x->asof ? comments_asof : comments_live);
    export_bind_filters(x, &st);
    stmt_bind_int64(&st, ":contact",
                    x->profile == CS_PROFILE_INTERNAL_CONTACT);
    while (stmt_row(&st)) {
        for (int i = 0; i <= 2; i++)
            export_col(o, &st, i);
        export_col(o, &st, 16);         /* the idea's form reference */
        for (int i = 3; i <= 5; i++)
            export_col(o, &st, i);
        /* How it came, its reference, the comment it answers (by id and
         * by reference: another desk knows it by the latter). */
        for (int i = 13; i <= 15; i++)
            export_col(o, &st, i);
        export_col(o, &st, 17);
        export_bool(o, stmt_int64(&st, 6) != 0);
        export_col(o, &st, 7);
        export_col(o, &st, 8);
        export_pseudonym(x, o, &st, 9);
        for (int i = 10; i <= 12; i++)
            export_col(o, &st, i);
        export_end(o);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* ------------------------------------------------------------- participants */

static const struct export_col participant_cols[] = {
    { "participant_id", "identifiant", SHOW_CONTACT },
    { "participant", "participant (pseudonyme)", SHOW_CODIR },
    { "ref", "matricule", SHOW_CONTACT },
    { "name", "nom", SHOW_CONTACT },
    { "service", "service", SHOW_STAFF },
    { "email", "courriel", SHOW_CONTACT },
    { "postal", "adresse postale", SHOW_CONTACT },
    { "phone", "téléphone", SHOW_CONTACT },
    { "consent", "consentement", SHOW_ALL },
    { "channel", "canal", SHOW_ALL | WORDS_CHANNEL },
    { "anonymised", "anonymisé", SHOW_ALL },
    { "created_at", "enregistré le", SHOW_ALL },
    { "ideas", "idées", SHOW_ALL },
    { "votes", "votes", SHOW_ALL },
    { "comments", "commentaires", SHOW_ALL },
};

/* Contributions to the consultation asked for (all when none); with a
 * paper batch, the authors of its forms. The "+"
 * keeps SQLite walking each person's own votes and comments and testing
 * them against the consultation's ideas (listed once), rather than
 * probing the person's votes for each of those ideas. */
#define IN_CONS(IDEA, COL) \
    " +" COL " IN (SELECT id FROM " IDEA " WHERE consultation_id = :cons)"
#define PARTICIPANTS_SQL(IDEA, VOTE, COMMENT) \
    "SELECT p.id, p.id, p.ref, p.name, p.service, p.email, p.postal," \
    " p.phone, p.consent, p.channel, p.anonymised, p.created_at," \
    " (SELECT count(*) FROM " IDEA " i WHERE i.author_id = p.id" \
    IDEA_F_CONS("i.") ")," \
    " (SELECT count(*) FROM " VOTE " v WHERE v.participant_id = p.id" \
    "  AND (:cons IS NULL OR" IN_CONS(IDEA, "v.idea_id") "))," \
    " (SELECT count(*) FROM " COMMENT " m WHERE m.participant_id = p.id" \
    "  AND (:cons IS NULL OR" IN_CONS(IDEA, "m.idea_id") "))" \
    " FROM participant p" \
    " WHERE (:channel IS NULL OR p.channel = :channel)" \
    " AND (:since IS NULL OR p.created_at >= :since)" \
    " AND (:until IS NULL OR p.created_at <= :until)" \
    " AND (:asof_at IS NULL OR p.created_at <= :asof_at)" \
    " AND (:paper IS NULL OR EXISTS (SELECT 1 FROM " IDEA " i" \
    "  WHERE i.author_id = p.id AND i.paper_batch_id = :paper))" \
    " AND (:cons IS NULL" \
    "  OR EXISTS (SELECT 1 FROM " IDEA " i WHERE i.author_id = p.id" \
    "   AND i.consultation_id = :cons)" \
    "  OR EXISTS (SELECT 1 FROM " VOTE " v WHERE v.participant_id = p.id" \
    "   AND" IN_CONS(IDEA, "v.idea_id") ")" \
    "  OR EXISTS (SELECT 1 FROM " COMMENT " m" \
    "   WHERE m.participant_id = p.id AND" IN_CONS(IDEA, "m.idea_id") "))" \
    " ORDER BY p.id"

static const char participants_live[] =
    PARTICIPANTS_SQL("idea", "vote", "comment");
static const char participants_asof[] =
    PARTICIPANTS_SQL("temp.x_idea", "temp.x_vote", "temp.x_comment");

enum cs_rc
export_participants(struct export_ctx *x, struct cs_error *err)
{
    struct export_out *o = &x->out;
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    export_begin(x, o, participant_cols, COUNT(participant_cols));
    stmt_prepare(&st, x->db, x->asof ? participants_asof : participants_live);
    export_bind_filters(x, &st);
    while (stmt_row(&st)) {
        export_col(o, &st, 0);
        export_pseudonym(x, o, &st, 1);
        for (int i = 2; i <= 7; i++)
            export_col(o, &st, i);
        export_bool(o, stmt_int64(&st, 8) != 0);
        export_col(o, &st, 9);
        export_bool(o, stmt_int64(&st, 10) != 0);
        for (int i = 11; i <= 14; i++)
            export_col(o, &st, i);
        export_end(o);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* ---------------------------------------------------------------- journal */

static const struct export_col audit_cols[] = {
    { "id", "n°", SHOW_ALL },
    { "at", "le", SHOW_ALL },
    { "actor", "par", SHOW_ALL },
    { "action", "action", SHOW_ALL },
    { "table", "table", SHOW_ALL },
    { "row_id", "ligne", SHOW_ALL },
    { "idea_id", "idée", SHOW_ALL },
    { "before", "avant", SHOW_ALL },
    { "after", "après", SHOW_ALL },
    { "prev_hash", "empreinte précédente", SHOW_ALL },
    { "hash", "empreinte", SHOW_ALL },
};

enum cs_rc
export_audit(struct export_ctx *x, struct cs_error *err)
{
    struct export_out *o = &x->out;
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    export_begin(x, o, audit_cols, COUNT(audit_cols));
    stmt_prepare(&st, x->db,
        "SELECT id, at, actor, action, tbl, row_id, idea_id, before, after,"
        " prev_hash, hash FROM audit"
        " WHERE (:since IS NULL OR at >= :since)"
        "   AND (:until IS NULL OR at <= :until)"
        "   AND (:upto IS NULL OR id <= :upto)"
        " ORDER BY id");
    export_bind_filters(x, &st);
    stmt_bind_id(&st, ":upto", x->asof ? x->audit_id : 0);
    if (x->asof && x->audit_id == 0)
        stmt_bind_int64(&st, ":upto", 0);       /* before the first row */
    while (stmt_row(&st))
        export_row(o, &st);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* ---------------------------------------------------------------- decisions */

static const struct export_col decision_cols[] = {
    { "consultation", "consultation", SHOW_ALL },
    { "theme", "thème", SHOW_ALL },
    { "theme_title", "titre du thème", SHOW_ALL },
    { "idea_id", "idée", SHOW_ALL },
    { "title", "titre", SHOW_ALL },
    { "support", "soutien", SHOW_ALL },
    { "votes", "votes", SHOW_ALL },
    { "tallies", "votes décomptés", SHOW_ALL },
    { "status", "statut", SHOW_ALL | WORDS_STATUS },
    { "answer", "réponse officielle", SHOW_ALL },
    { "decided_by", "décidé par", SHOW_STAFF },
    { "decided_on", "décidé le", SHOW_ALL },
    { "current", "en vigueur", SHOW_ALL },
};

/*
 * One row per decision: every answer given (idea_answer, which a
 * reopening leaves as it is), with the status it came with; `current` is
 * 1 for the answer the idea has now. As of a time, the answers given by
 * then, and the one current then; the answers of an import undone since
 * come back from the journal's "delete" rows of its ideas (undoing is
 * refused once an idea was decided on, so that row holds its only one).
 */
#define ANSWERS_LIVE \
    "WITH ans(id, idea_id, status, answer, given_at, given_by) AS (" \
    " SELECT id, idea_id, status, answer, given_at, given_by" \
    " FROM idea_answer WHERE published_at IS NOT NULL) "
#define ANSWERS_ASOF \
    "WITH ans(id, idea_id, status, answer, given_at, given_by) AS (" \
    " SELECT id, idea_id, status, answer, given_at, given_by" \
    " FROM idea_answer WHERE given_at <= :asof_at" \
    " AND published_at <= :asof_at" \
    " UNION ALL SELECT -u.id, u.row_id, json_extract(u.before, '$.status')," \
    " json_extract(u.before, '$.answer')," \
    " json_extract(u.before, '$.status_changed_at')," \
    " json_extract(u.before, '$.status_changed_by')" \
    " FROM audit u WHERE u.tbl = 'idea' AND u.action = 'delete'" \
    " AND json_extract(u.before, '$.answer') IS NOT NULL" \
    " AND json_extract(u.before, '$.status') IN " DECIDED \
    " AND json_extract(u.before, '$.status_changed_at') <= :asof_at) "

#define DECISIONS_SQL(ANS, IDEA) \
    ANS "SELECT c.code, t.code, t.title, i.id, i.title, i.support, i.votes," \
    " i.tallies, a.status, a.answer, a.given_by," \
    " substr(a.given_at, 1, 10)," \
    " i.status IN " DECIDED " AND i.answer IS NOT NULL" \
    "  AND a.id = (SELECT l.id FROM ans l WHERE l.idea_id = i.id" \
    "   ORDER BY l.given_at DESC, l.id DESC LIMIT 1)" \
    " FROM ans a JOIN " IDEA " i ON i.id = a.idea_id" \
    " JOIN consultation c ON c.id = i.consultation_id" \
    " JOIN theme t ON t.id = i.theme_id" \
    " WHERE 1" KIND_FILTERS("a.given_at") \
    IDEA_F_STATUS("a.") IDEA_F_CHANNEL("i.") \
    " ORDER BY c.code, t.position, t.code, i.support DESC, i.id," \
    " a.given_at, a.id"

static const char decisions_live[] = DECISIONS_SQL(ANSWERS_LIVE, "idea");
static const char decisions_asof[] =
    DECISIONS_SQL(ANSWERS_ASOF, "temp.x_idea");

enum cs_rc
export_decisions(struct export_ctx *x, struct cs_error *err)
{
    return export_plain(x, decision_cols, COUNT(decision_cols),
                        decisions_live, decisions_asof, err);
}

/* ---------------------------------------------------------------- answers */

static const struct export_col answer_cols[] = {
    { "idea_id", "idée", SHOW_ALL },
    { "consultation", "consultation", SHOW_ALL },
    { "theme", "thème", SHOW_ALL },
    { "title", "titre", SHOW_ALL },
    { "status", "statut", SHOW_ALL | WORDS_STATUS },
    { "answer", "réponse officielle", SHOW_ALL },
    { "decided_on", "décidé le", SHOW_ALL },
    { "merged_into", "fusionnée dans", SHOW_ALL },
    { "consent", "consentement", SHOW_STAFF },
    { "author", "auteur (pseudonyme)", SHOW_CODIR },
    { "author_name", "nom", SHOW_CONTACT },
    { "email", "courriel", SHOW_CONTACT },
    { "postal", "adresse postale", SHOW_CONTACT },
    { "service", "service", SHOW_CONTACT },
};

/*
 * The answered ideas, and the merged ones: the author of a duplicate gets
 * the answer given to the idea it was merged into (read by root_answer).
 * The status and date filters of a merged idea apply to that answer, so
 * they are checked in C for those rows.
 */
#define ANSWERS_SQL(IDEA) \
    "SELECT i.id, c.code, t.code, i.title, i.status, i.answer," \
    " substr(i.status_changed_at, 1, 10), i.author_id, p.consent," \
    " p.anonymised, p.name, p.email, p.postal, p.service" \
    " FROM " IDEA " i JOIN consultation c ON c.id = i.consultation_id" \
    " JOIN theme t ON t.id = i.theme_id" \
    " LEFT JOIN participant p ON p.id = i.author_id" \
    " WHERE (i.status = 'merged' OR (i.status IN " DECIDED \
    "   AND i.answer IS NOT NULL AND NOT" HELD("i.id", "i.answer") \
    IDEA_F_STATUS("i.") IDEA_F_DATES("i.status_changed_at") "))" \
    IDEA_F_CONS("i.") IDEA_F_THEME("i.") IDEA_F_CHANNEL("i.") \
    IDEA_F_PAPER("i.") IDEA_F_SUBMITTED("i.") " ORDER BY i.id"

static const char answers_live[] = ANSWERS_SQL("idea");
static const char answers_asof[] = ANSWERS_SQL("temp.x_idea");

/* The end of a merged_into chain; the bound only guards a damaged file. */
#define ROOT_SQL(IDEA) \
    "WITH RECURSIVE up(id, next, depth) AS (" \
    "  SELECT id, merged_into, 0 FROM " IDEA " WHERE id = :id" \
    "  UNION ALL SELECT i.id, i.merged_into, up.depth + 1" \
    "  FROM " IDEA " i JOIN up ON i.id = up.next WHERE up.depth < 1000)" \
    " SELECT r.id, r.status, r.answer, r.status_changed_at," \
    HELD("r.id", "r.answer") \
    " FROM up JOIN " IDEA " r ON r.id = up.id WHERE up.next IS NULL"

static const char root_live[] = ROOT_SQL("idea");
static const char root_asof[] = ROOT_SQL("temp.x_idea");

/* What a merged idea's author is told: its root's answer. */
struct root_answer {
    int64_t id;
    char status[16];
    char *answer;               /* owned; NULL: the root has none */
    char day[16];
    bool held;                  /* its answer is not published yet */
};

static enum cs_rc
root_answer(struct export_ctx *x, int64_t id, struct root_answer *ra,
            struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    memset(ra, 0, sizeof *ra);
    stmt_prepare(&st, x->db, x->asof ? root_asof : root_live);
    stmt_bind_int64(&st, ":id", id);
    stmt_bind_text(&st, ":asof_at", x->asof_at[0] ? x->asof_at : NULL);
    if (stmt_row(&st)) {
        ra->id = stmt_int64(&st, 0);
        snprintf(ra->status, sizeof ra->status, "%s", stmt_text(&st, 1));
        ra->answer = stmt_text_dup(&st, 2);
        export_day(stmt_text(&st, 3), ra->day);
        ra->held = stmt_int64(&st, 4) != 0;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* Whether a merged idea's row goes out: its root is answered and matches
 * the status and date filters. */
static bool
root_wanted(const struct export_ctx *x, const struct root_answer *ra)
{
    if (ra->answer == NULL || ra->held
        || (strcmp(ra->status, "accepted") != 0
                               && strcmp(ra->status, "rejected") != 0
                               && strcmp(ra->status, "implemented") != 0))
        return false;
    if (x->status && strcmp(ra->status, x->status) != 0)
        return false;
    /* The day is enough here: the filters' bounds compare as text, and a
     * day sorts before every time of that day. */
    if (x->since[0] && strncmp(ra->day, x->since, 10) < 0)
        return false;
    if (x->until[0] && strncmp(ra->day, x->until, 10) > 0)
        return false;
    return true;
}

enum cs_rc
export_answers(struct export_ctx *x, struct cs_error *err)
{
    struct export_out *o = &x->out;
    struct stmt st = STMT_INIT;
    enum cs_rc rc = CS_OK;

    export_begin(x, o, answer_cols, COUNT(answer_cols));
    stmt_prepare(&st, x->db, x->asof ? answers_asof : answers_live);
    export_bind_filters(x, &st);
    while (rc == CS_OK && stmt_row(&st)) {
        struct root_answer ra;
        bool merged = strcmp(stmt_text(&st, 4), "merged") == 0;
        bool contact = !stmt_is_null(&st, 7) && stmt_int64(&st, 8) != 0
            && stmt_int64(&st, 9) == 0;

        memset(&ra, 0, sizeof ra);
        if (merged) {
            if ((rc = root_answer(x, stmt_int64(&st, 0), &ra, err)) != CS_OK)
                break;
            if (!root_wanted(x, &ra)) {
                free(ra.answer);
                continue;
            }
        }
        for (int i = 0; i <= 4; i++)
            export_col(o, &st, i);
        if (merged) {
            export_text(o, ra.answer);
            export_text(o, ra.day);
            export_int(o, ra.id);
        } else {
            export_col(o, &st, 5);
            export_col(o, &st, 6);
            export_text(o, NULL);
        }
        if (stmt_is_null(&st, 7))
            export_text(o, NULL);           /* anonymous: nobody to tell */
        else
            export_bool(o, stmt_int64(&st, 8) != 0);
        export_pseudonym(x, o, &st, 7);
        /* Without consent, the answer is published, not sent. */
        for (int i = 10; i <= 13; i++) {
            if (contact)
                export_col(o, &st, i);
            else
                export_text(o, NULL);
        }
        export_end(o);
        free(ra.answer);
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}
