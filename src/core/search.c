/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * search.c: full-text search on ideas through the FTS5 index idea_fts, for
 * the terminal interface's search-as-you-type and "similar ideas".
 *
 * A person's input is never FTS5 syntax: cs_search_match cuts it into
 * words (runs of letters, digits and marks, as the unicode61 tokenizer
 * sees them), quotes each word (doubling any quote) and makes it a prefix,
 * and the result is bound to MATCH like any other value. Inside quotes
 * FTS5 only tokenizes, so an apostrophe or a dash typed by the user cannot
 * turn into an operator. Pages are keyset pages on the rowid, which FTS5
 * walks in either direction and stops after the page.
 */
#include "consult/search.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "i18n.h"
#include "idea_row.h"
#include "schema.h"
#include "stmt.h"

#define SIMILAR_MAX_WORDS 24    /* words of an idea used to find others */

static enum cs_rc
no_memory(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
}

/* ---------------------------------------------------------------- words */

/* True for the characters the tokenizer keeps inside a word. */
static bool
is_word_char(ucs4_t c)
{
    return uc_is_general_category(c, UC_CATEGORY_L)
           || uc_is_general_category(c, UC_CATEGORY_N)
           || uc_is_general_category(c, UC_CATEGORY_M)
           || uc_is_general_category(c, UC_CATEGORY_Co);
}

/* A growing string; `failed` is sticky. */
struct buf {
    char *s;
    size_t len, cap;
    bool failed;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t ncap = (b->len + n + 1) * 2;
        char *p = realloc(b->s, ncap);

        if (p == NULL) {
            b->failed = true;
            return;
        }
        b->s = p;
        b->cap = ncap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* Append `w` (n bytes) quoted for FTS5: inside double quotes, a double
 * quote is written twice. */
static void
buf_add_quoted(struct buf *b, const char *w, size_t n)
{
    buf_add(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (w[i] == '"')
            buf_add(b, "\"\"", 2);
        else
            buf_add(b, w + i, 1);
    }
    buf_add(b, "\"", 1);
}

/* Find the next word of `s` from byte `*pos`: writes its start and length
 * and advances `*pos` past it. False when no word is left. `s` is valid
 * UTF-8. */
static bool
next_word(const char *s, size_t len, size_t *pos, size_t *start,
          size_t *wlen)
{
    const uint8_t *u = (const uint8_t *)s;
    size_t i = *pos, b = 0;
    bool in = false;

    while (i < len) {
        ucs4_t c;
        int n = u8_mbtouc(&c, u + i, len - i);

        if (n <= 0)
            n = 1;
        if (is_word_char(c)) {
            if (!in) {
                in = true;
                b = i;
            }
        } else if (in) {
            break;
        }
        i += (size_t)n;
    }
    *pos = i;
    if (!in)
        return false;
    *start = b;
    *wlen = i - b;
    return true;
}

/* Letters in a word, combining marks not counted (the tokenizer drops
 * them). */
static size_t
letters(const char *w, size_t n)
{
    const uint8_t *u = (const uint8_t *)w;
    size_t i = 0, count = 0;

    while (i < n) {
        ucs4_t c;
        int k = u8_mbtouc(&c, u + i, n - i);

        if (!uc_is_general_category(c, UC_CATEGORY_M))
            count++;
        i += k > 0 ? (size_t)k : 1;
    }
    return count;
}

/* ---------------------------------------------------------------- prefixes */

/*
 * A word typed with four letters or more has no prefix index (schema.c
 * keeps those for two and three letters): for "elec"* FTS5 reads and
 * merges, before its first row, the whole doclist of every word of the
 * index that starts with it, tens of milliseconds for a common word on a
 * million ideas. Those words are few, and found in a few steps of the
 * index itself (temp.idea_fts_terms, an fts5vocab table: one step per
 * word, each a seek); the query then names them ("electrique" OR
 * "electriques"), which FTS5 walks newest first, stopping after the page.
 * The set of ideas is the same. Past EXPAND_MAX words, the prefix query
 * as it is.
 */
#define EXPAND_MAX 16           /* words a prefix may stand for */
#define EXPAND_LETTERS 4        /* shorter prefixes have an index */
#define WORD_MAX 256            /* bytes of a folded word */

/* The fts5vocab table over idea_fts, made once per connection in the
 * connection's own temp schema (nothing is written to the file). */
static enum cs_rc
terms_table(struct cs_db *db, struct cs_error *err)
{
    enum cs_rc rc;

    if (db->fts_terms)
        return CS_OK;
    rc = db_exec(db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.idea_fts_terms"
                     " USING fts5vocab(main, idea_fts, 'instance')", err);
    if (rc == CS_OK)
        db->fts_terms = true;
    return rc;
}

struct fold {
    char word[WORD_MAX];
    size_t len;
    int tokens;
};

static int
fold_token(void *ctx, int flags, const char *token, int n, int start,
           int end)
{
    struct fold *f = ctx;

    (void)flags;
    (void)start;
    (void)end;
    if (f->tokens++ == 0 && n > 0 && (size_t)n < sizeof f->word) {
        memcpy(f->word, token, (size_t)n);
        f->len = (size_t)n;
    }
    return SQLITE_OK;
}

/* `w` (n bytes) as the index's tokenizer makes it (lower case, no
 * accents) into f->word. False when the tokenizer is not at hand or the
 * word is not exactly one token of it: the caller then keeps the prefix
 * query. */
static bool
fold_word(struct cs_db *db, const char *w, size_t n, struct fold *f)
{
    char spec[] = SCHEMA_FTS_TOKENIZE;
    const char *args[8];
    int nargs = 0;
    fts5_api *api = NULL;
    fts5_tokenizer tk;
    Fts5Tokenizer *t = NULL;
    void *ud = NULL;
    sqlite3_stmt *st = NULL;
    char *save = NULL, *name;

    memset(f, 0, sizeof *f);
    if (sqlite3_prepare_v2(db->sql, "SELECT fts5(?1)", -1, &st, NULL)
        != SQLITE_OK) {
        sqlite3_finalize(st);
        return false;
    }
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (api == NULL || (name = strtok_r(spec, " ", &save)) == NULL)
        return false;
    while (nargs < 8 && (args[nargs] = strtok_r(NULL, " ", &save)) != NULL)
        nargs++;
    if (api->xFindTokenizer(api, name, &ud, &tk) != SQLITE_OK
        || tk.xCreate(ud, args, nargs, &t) != SQLITE_OK)
        return false;
    tk.xTokenize(t, f, FTS5_TOKENIZE_QUERY, w, (int)n, fold_token);
    tk.xDelete(t);
    return f->tokens == 1 && f->len > 0;
}

/* Append to `b` the words of the index that start with the folded word
 * `p`, as ("w1" OR "w2" ...), and set *done. *done stays false, and
 * nothing is appended, when they are more than EXPAND_MAX or one is
 * longer than WORD_MAX. */
static enum cs_rc
expand_prefix(struct cs_db *db, const struct fold *p, struct buf *b,
              bool *done, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char from[WORD_MAX + 1], terms[EXPAND_MAX][WORD_MAX];
    size_t lens[EXPAND_MAX];
    int count = 0;
    bool more = true;
    enum cs_rc rc;

    *done = false;
    if ((rc = terms_table(db, err)) != CS_OK)
        return rc;
    memcpy(from, p->word, p->len);
    from[p->len] = '\0';
    stmt_prepare(&st, db, "SELECT term FROM temp.idea_fts_terms"
                          " WHERE term >= :from LIMIT 1");
    /* One seek per word: the next word after w is the first one from
     * w + "\x01" on (a word holds no byte below that). */
    while (more) {
        const char *term;
        size_t n;

        stmt_bind_text(&st, ":from", from);
        more = false;
        if (stmt_row(&st) && (term = stmt_text(&st, 0)) != NULL
            && (n = strlen(term)) >= p->len
            && memcmp(term, p->word, p->len) == 0) {
            if (count == EXPAND_MAX || n >= WORD_MAX) {
                count = -1;         /* too many, too long: the prefix query */
            } else {
                memcpy(terms[count], term, n + 1);
                lens[count++] = n;
                memcpy(from, term, n);
                from[n] = '\x01';
                from[n + 1] = '\0';
                more = true;
            }
        }
        if ((rc = stmt_status(&st, err)) != CS_OK)
            break;
        stmt_reset(&st);
    }
    stmt_finish(&st);
    if (rc != CS_OK || count < 0)
        return rc;
    if (count == 0) {
        /* No word starts so: the plain word, which matches nothing. */
        buf_add_quoted(b, p->word, p->len);
    } else {
        buf_add(b, "(", 1);
        for (int i = 0; i < count; i++) {
            if (i > 0)
                buf_add(b, " OR ", 4);
            buf_add_quoted(b, terms[i], lens[i]);
        }
        buf_add(b, ")", 1);
    }
    *done = true;
    return CS_OK;
}

/* The MATCH text for `text`; with a database, long prefixes are expanded
 * into the words they stand for. */
static enum cs_rc
match_build(struct cs_db *db, const char *text, char **out,
            struct cs_error *err)
{
    struct buf b = { NULL, 0, 0, false };
    size_t len, pos = 0, start, wlen, n;
    int words = 0;
    enum cs_rc rc = CS_OK;

    if (text == NULL) {
        *out = NULL;
        return CS_OK;
    }
    len = strlen(text);
    if (u8_check((const uint8_t *)text, len) != NULL)
        return cs_error_field(err, CS_EINVAL, "query", "%s",
                              _("The search text is not valid UTF-8."));
    while (words < CS_SEARCH_MAX_WORDS
           && next_word(text, len, &pos, &start, &wlen)) {
        struct fold f;
        bool done = false;

        /* AND said: FTS5 only implies it between plain phrases. */
        if (words++ > 0)
            buf_add(&b, " AND ", 5);
        n = letters(text + start, wlen);
        if (db != NULL && n >= EXPAND_LETTERS
            && fold_word(db, text + start, wlen, &f)) {
            if ((rc = expand_prefix(db, &f, &b, &done, err)) != CS_OK)
                break;
            if (done)
                continue;
        }
        buf_add_quoted(&b, text + start, wlen);
        /* A one-letter word is a whole word: as a prefix it would merge
         * the doclists of a good part of the vocabulary. */
        if (n > 1)
            buf_add(&b, "*", 1);
    }
    if (rc == CS_OK && b.failed)
        rc = no_memory(err);
    if (rc != CS_OK) {
        free(b.s);
        return rc;
    }
    *out = b.s;     /* NULL when no word was found */
    return CS_OK;
}

enum cs_rc
cs_search_match(const char *text, char **out, struct cs_error *err)
{
    return match_build(NULL, text, out, err);
}

enum cs_rc
idea_search_match(struct cs_db *db, const char *text, char **out,
                  struct cs_error *err)
{
    return match_build(db, text, out, err);
}

/* ---------------------------------------------------------------- filters */

/* Filters not given bind NULL and fall away, as in cs_idea_list. */
#define SEARCH_FILTERS IDEA_F_CONS("i.") IDEA_FILTERS

#define FROM_MATCH \
    " FROM idea_fts JOIN idea i ON i.id = idea_fts.rowid" \
    " WHERE idea_fts MATCH :q"

/* A match's rank: bm25 (a word in the title weighing twice one in the
 * body), negated so that the higher, the better. */
#define RANK "-bm25(idea_fts, 2.0, 1.0)"
/* The rank of the cursor's row, for the same query. */
#define RANK_OF_KEY "SELECT -bm25(idea_fts, 2.0, 1.0) FROM idea_fts" \
    " WHERE idea_fts MATCH :q AND idea_fts.rowid = :k_id"

/* What every search call starts with: the role check, the filter's values
 * (NULL: everything) and the MATCH text for `query` (NULL when there is
 * nothing to search). On failure nothing is left to free. */
static enum cs_rc
search_begin(struct cs_db *db, const struct cs_idea_filter *f,
             const char *query, struct idea_filter *v, char **match,
             struct cs_error *err)
{
    enum cs_rc rc;

    *match = NULL;
    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK
        || (rc = idea_filter_from(f, v, err)) != CS_OK)
        return rc;
    if ((rc = match_build(db, query, match, err)) != CS_OK)
        idea_filter_clear(v);
    return rc;
}

/* ---------------------------------------------------------------- search */

enum cs_rc
cs_search_ideas(struct cs_db *db, const struct cs_idea_filter *f,
                const char *query, const struct cs_idea_cursor *after,
                size_t limit, struct cs_idea_list **out,
                struct cs_error *err)
{
    /* [order][descending]. By id, FTS5 walks its doclists in rowid
     * order and stops after the page. The others sort every match, after
     * the cursor's row in that order (ties by id). bm25 is the same for
     * a row whichever query asks for it, so the cursor's score is read
     * again from its id. */
    static const char *const sql[4][2] = {
        [CS_ORDER_ID] = {
            IDEA_ROW_COLUMNS FROM_MATCH " AND idea_fts.rowid > :k_id"
            SEARCH_FILTERS " ORDER BY idea_fts.rowid LIMIT :lim",
            IDEA_ROW_COLUMNS FROM_MATCH " AND idea_fts.rowid < :k_id"
            SEARCH_FILTERS " ORDER BY idea_fts.rowid DESC LIMIT :lim",
        },
        [CS_ORDER_DATE] = {
            IDEA_ROW_COLUMNS FROM_MATCH
            " AND (i.submitted_at, i.id) > (:k_date, :k_id)" SEARCH_FILTERS
            " ORDER BY i.submitted_at, i.id LIMIT :lim",
            IDEA_ROW_COLUMNS FROM_MATCH
            " AND (i.submitted_at, i.id) < (:k_date, :k_id)" SEARCH_FILTERS
            " ORDER BY i.submitted_at DESC, i.id DESC LIMIT :lim",
        },
        [CS_ORDER_SUPPORT] = {
            IDEA_ROW_COLUMNS FROM_MATCH
            " AND (i.support, i.id) > (:k_support, :k_id)" SEARCH_FILTERS
            " ORDER BY i.support, i.id LIMIT :lim",
            IDEA_ROW_COLUMNS FROM_MATCH
            " AND (i.support, i.id) < (:k_support, :k_id)" SEARCH_FILTERS
            " ORDER BY i.support DESC, i.id DESC LIMIT :lim",
        },
        [CS_ORDER_RELEVANCE] = {
            IDEA_ROW_COLUMNS ", " RANK " AS score" FROM_MATCH
            " AND (:start OR (" RANK ", -i.id) > ((" RANK_OF_KEY "), -:k_id))"
            SEARCH_FILTERS " ORDER BY score, i.id DESC LIMIT :lim",
            IDEA_ROW_COLUMNS ", " RANK " AS score" FROM_MATCH
            " AND (:start OR (" RANK ", -i.id) < ((" RANK_OF_KEY "), -:k_id))"
            SEARCH_FILTERS " ORDER BY score DESC, i.id LIMIT :lim",
        },
    };
    struct cs_idea_filter g;
    struct idea_filter v;
    struct idea_keyset k;
    struct stmt st = STMT_INIT;
    struct cs_idea_list *list;
    char *match = NULL;
    size_t cap = 0;
    bool more = false, descending = f != NULL && f->descending;
    bool start = after == NULL || !after->valid;
    enum cs_idea_order order = f != NULL ? f->order : CS_ORDER_DATE;
    enum cs_rc rc;

    if ((unsigned)order > CS_ORDER_RELEVANCE)
        return cs_error_set(err, CS_EINVAL, "%s", _("Invalid filter."));
    /* The lists know no relevance: the filter's values without it. */
    if (f != NULL && order == CS_ORDER_RELEVANCE) {
        g = *f;
        g.order = CS_ORDER_DATE;
        f = &g;
    }
    if ((rc = search_begin(db, f, query, &v, &match, err)) != CS_OK)
        return rc;
    if ((list = calloc(1, sizeof *list)) == NULL) {
        rc = no_memory(err);
        goto out;
    }
    if (limit > (size_t)INT32_MAX)
        limit = INT32_MAX;
    if (match == NULL || limit == 0)
        goto out;
    idea_keyset_start(after, descending, &k);
    stmt_prepare(&st, db, sql[order][descending ? 1 : 0]);
    stmt_bind_text(&st, ":q", match);
    stmt_bind_int64(&st, ":k_id", k.id);
    if (order == CS_ORDER_DATE)
        stmt_bind_text(&st, ":k_date", k.date);
    else if (order == CS_ORDER_SUPPORT)
        stmt_bind_int64(&st, ":k_support", k.support);
    else if (order == CS_ORDER_RELEVANCE)
        stmt_bind_int64(&st, ":start", start ? 1 : 0);
    idea_filter_bind(&st, &v);
    /* One row more than the page says whether another follows. */
    stmt_bind_int64(&st, ":lim", (int64_t)limit + 1);
    rc = idea_page_fill(&st, list, &cap, limit, &more, err);
    if (rc == CS_OK && more)
        idea_page_next(list);
out:
    stmt_finish(&st);
    free(match);
    idea_filter_clear(&v);
    if (rc != CS_OK) {
        cs_idea_list_free(list);
        return rc;
    }
    *out = list;
    return CS_OK;
}

enum cs_rc
cs_search_count(struct cs_db *db, const struct cs_idea_filter *f,
                const char *query, int64_t cap, int64_t *count,
                struct cs_error *err)
{
    static const char sql_match[] = "SELECT count(*) FROM (SELECT 1"
        FROM_MATCH SEARCH_FILTERS " LIMIT :cap)";
    /* With a consultation, its own term lets an index on
     * (consultation_id, ...) bound the walk. */
    static const char sql_cons[] = "SELECT count(*) FROM (SELECT 1"
        " FROM idea i WHERE i.consultation_id = :cons" SEARCH_FILTERS
        " LIMIT :cap)";
    static const char sql_all[] = "SELECT count(*) FROM (SELECT 1"
        " FROM idea i WHERE 1" SEARCH_FILTERS " LIMIT :cap)";
    struct idea_filter v;
    struct stmt st = STMT_INIT;
    char *match = NULL;
    int64_t n = 0;
    enum cs_rc rc;

    if ((rc = search_begin(db, f, query, &v, &match, err)) != CS_OK)
        return rc;
    if (match != NULL) {
        stmt_prepare(&st, db, sql_match);
        stmt_bind_text(&st, ":q", match);
    } else {
        stmt_prepare(&st, db, v.cons != 0 ? sql_cons : sql_all);
    }
    idea_filter_bind(&st, &v);
    stmt_bind_int64(&st, ":cap", cap > 0 ? cap : -1);   /* -1: no limit */
    if (stmt_row(&st))
        n = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    free(match);
    idea_filter_clear(&v);
    if (rc == CS_OK)
        *count = n;
    return rc;
}

static enum cs_rc
kept_add(void *ctx, const struct idea_kept *k, struct cs_error *err)
{
    (void)err;
    *(int64_t *)ctx += k->ideas;
    return CS_OK;
}

enum cs_rc
cs_search_count_kept(struct cs_db *db, const struct cs_idea_filter *f,
                     int64_t *count, bool *known, struct cs_error *err)
{
    struct idea_filter v;
    char *match = NULL;
    int64_t n = 0;
    enum cs_rc rc;

    *known = false;
    if ((rc = search_begin(db, f, NULL, &v, &match, err)) != CS_OK)
        return rc;
    /* The kept figures know nothing of authors, tags and paper batches. */
    if (v.tag != NULL || v.author != 0 || v.paper != 0) {
        idea_filter_clear(&v);
        return CS_OK;
    }
    rc = idea_kept_each(db, &v, IDEA_KEPT_TOTAL, kept_add, &n, err);
    if (rc == CS_OK) {
        *count = n;
        *known = true;
    }
    return rc;
}

enum cs_rc
cs_search_count_range(struct cs_db *db, const struct cs_idea_filter *f,
                      const char *query, int64_t from, int64_t to,
                      int64_t *count, struct cs_error *err)
{
    /* The rowid range bounds the walk, in the index or the table. */
    static const char sql_match[] = "SELECT count(*)" FROM_MATCH
        " AND idea_fts.rowid > :lo AND idea_fts.rowid <= :hi"
        SEARCH_FILTERS;
    static const char sql_all[] = "SELECT count(*) FROM idea i"
        " WHERE i.id > :lo AND i.id <= :hi" SEARCH_FILTERS;
    /* With a tag, from the tag's own index: only its ideas are read, not
     * every idea of the range (measured on a million ideas, one in a
     * hundred tagged: 0.3 ms a step against 3 ms, or 7 against 450 when
     * the file is not in memory). */
    static const char sql_tag[] = "SELECT count(*) FROM tag g"
        " JOIN idea_tag t ON t.tag_id = g.id CROSS JOIN idea i"
        " ON i.id = t.idea_id WHERE g.name_key = :tag"
        " AND t.idea_id > :lo AND t.idea_id <= :hi" SEARCH_FILTERS;
    struct idea_filter v;
    struct stmt st = STMT_INIT;
    char *match = NULL;
    int64_t n = 0;
    enum cs_rc rc;

    if ((rc = search_begin(db, f, query, &v, &match, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, match ? sql_match : v.tag ? sql_tag : sql_all);
    if (match)
        stmt_bind_text(&st, ":q", match);
    stmt_bind_int64(&st, ":lo", from);
    stmt_bind_int64(&st, ":hi", to);
    idea_filter_bind(&st, &v);
    if (stmt_row(&st))
        n = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    free(match);
    idea_filter_clear(&v);
    if (rc == CS_OK)
        *count = n;
    return rc;
}

enum cs_rc
cs_search_last_id(struct cs_db *db, int64_t *id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    int64_t n = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT coalesce(max(id), 0) FROM idea");
    if (stmt_row(&st))
        n = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK)
        *id = n;
    return rc;
}

/* ---------------------------------------------------------- consultations */

enum cs_rc
cs_search_consultations(struct cs_db *db, struct cs_consultation_list **out,
                        struct cs_error *err)
{
    static const char sql[] =
        "SELECT id, code, title, description, kind, audience, opens_on,"
        " closes_on, state, created_at FROM consultation ORDER BY code";
    struct stmt st = STMT_INIT;
    struct cs_consultation_list *l;
    size_t cap = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((l = calloc(1, sizeof *l)) == NULL)
        return no_memory(err);
    stmt_prepare(&st, db, sql);
    while (stmt_row(&st)) {
        struct cs_consultation *c;

        if (l->count == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            void *p = realloc(l->items, ncap * sizeof *l->items);

            if (p == NULL) {
                rc = no_memory(err);
                break;
            }
            l->items = p;
            cap = ncap;
        }
        c = &l->items[l->count++];
        memset(c, 0, sizeof *c);
        c->id = stmt_int64(&st, 0);
        c->code = stmt_text_dup(&st, 1);
        c->title = stmt_text_dup(&st, 2);
        c->description = stmt_text_dup(&st, 3);
        cs_cons_kind_parse(stmt_text(&st, 4), &c->kind, NULL);
        cs_audience_parse(stmt_text(&st, 5), &c->audience, NULL);
        c->opens_on = stmt_text_dup(&st, 6);
        c->closes_on = stmt_text_dup(&st, 7);
        cs_state_parse(stmt_text(&st, 8), &c->state, NULL);
        c->created_at = stmt_text_dup(&st, 9);
        c->idea_count = c->vote_count = c->tally_total = -1;
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK) {
        cs_consultation_list_free(l);
        return rc;
    }
    *out = l;
    return CS_OK;
}

enum cs_rc
cs_search_totals_range(struct cs_db *db, int64_t cons_id, int64_t from,
                       int64_t to, int64_t *ideas, int64_t *votes,
                       int64_t *tallies, struct cs_error *err)
{
    /* "+": walk the rowid range, not the consultation's whole index. */
    static const char sql[] =
        "SELECT count(*), coalesce(sum(votes), 0), coalesce(sum(tallies), 0)"
        " FROM idea WHERE id > :lo AND id <= :hi AND +consultation_id = :c";
    struct stmt st = STMT_INIT;
    int64_t n = 0, v = 0, t = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, sql);
    stmt_bind_int64(&st, ":lo", from);
    stmt_bind_int64(&st, ":hi", to);
    stmt_bind_int64(&st, ":c", cons_id);
    if (stmt_row(&st)) {
        n = stmt_int64(&st, 0);
        v = stmt_int64(&st, 1);
        t = stmt_int64(&st, 2);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK) {
        *ideas = n;
        *votes = v;
        *tallies = t;
    }
    return rc;
}

/* ---------------------------------------------------------------- similar */

/*
 * Words that say nothing about what an idea is about, as util_fold gives
 * them (lower case, no accents). Words shorter than three letters are
 * dropped anyway.
 */
static const char *const common_words[] = {
    "aux", "avec", "ces", "cet", "cette", "comme", "dans", "des", "donc",
    "elle", "elles", "est", "etre", "faire", "fait", "ils", "les", "leur",
    "leurs", "mais", "meme", "nos", "notre", "nous", "par", "pas", "peu",
    "plus", "pour", "qui", "que", "quand", "sans", "ses", "son", "sont",
    "sur", "tous", "tout", "tres", "une", "vos", "votre", "vous",
    "and", "are", "for", "from", "has", "have", "not", "that", "the",
    "this", "with", "was", "were", "which", "will",
};

static bool
is_common(const char *key)
{
    for (size_t i = 0; i < sizeof common_words / sizeof *common_words; i++)
        if (strcmp(key, common_words[i]) == 0)
            return true;
    return false;
}

/* Add the distinct, meaningful words of `text` to `keys` (folded), at most
 * SIMILAR_MAX_WORDS in all. */
static enum cs_rc
collect_words(const char *text, char **keys, size_t *n, struct cs_error *err)
{
    size_t len = text ? strlen(text) : 0, pos = 0, start, wlen;
    enum cs_rc rc;

    while (*n < SIMILAR_MAX_WORDS
           && next_word(text, len, &pos, &start, &wlen)) {
        char *w, *key;
        bool seen = false;

        if ((w = strndup(text + start, wlen)) == NULL)
            return no_memory(err);
        rc = util_fold(w, &key, err);
        free(w);
        if (rc != CS_OK)
            return rc;
        if (u8_mbsnlen((const uint8_t *)key, strlen(key)) < 3
            || is_common(key)) {
            free(key);
            continue;
        }
        for (size_t i = 0; i < *n && !seen; i++)
            seen = strcmp(keys[i], key) == 0;
        if (seen)
            free(key);
        else
            keys[(*n)++] = key;
    }
    return CS_OK;
}

/*
 * Keep the words that say most about the idea: those in few other ideas.
 * How many ideas hold a word is measured on a sample (the SIMILAR_SAMPLE
 * newest ids), one cheap indexed count per word. The rarest words are
 * kept, at most SIMILAR_KEEP, while the ideas they are in add up to no
 * more than SIMILAR_BUDGET per cent of the sample (or SIMILAR_FLOOR
 * ideas, for a small database), and, past the rarest, to no more than
 * SIMILAR_RANKED ideas of the whole table, as the sample lets one
 * reckon: every idea that holds one of them is ranked (about a
 * microsecond each), so a word in half a million ideas would cost half a
 * million scores. The rarest word alone may still be in more (2 per cent
 * of two million ideas is 40,000): then only the newest SIMILAR_RANKED
 * ideas that hold it are ranked (similar_fill). Up to 50,000 ideas the
 * per cent is the tighter bound. An idea made only of common words has
 * no similar ideas.
 */
#define SIMILAR_SAMPLE 10000
#define SIMILAR_KEEP 8
#define SIMILAR_BUDGET 2
#define SIMILAR_FLOOR 200
#define SIMILAR_RANKED 1000

static enum cs_rc
rarest_words(struct cs_db *db, int64_t id, char **keys, size_t *n,
             int64_t *ranked, struct cs_error *err)
{
    static const char sql_last[] = "SELECT coalesce(max(id), 0) FROM idea";
    /* A word in more sampled ideas than the budget is never kept, and
     * sorts after every word that may be: counting stops there. */
    static const char sql_df[] = "SELECT count(*) FROM (SELECT 1"
        " FROM idea_fts WHERE idea_fts MATCH :t AND rowid > :lo"
        " AND rowid <> :id LIMIT :cap)";
    struct stmt st = STMT_INIT;
    int64_t df[SIMILAR_MAX_WORDS], last = 0, lo, budget, sum = 0;
    size_t keep = 0, first;
    enum cs_rc rc = CS_OK;

    stmt_prepare(&st, db, sql_last);
    if (stmt_row(&st))
        last = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        return rc;
    lo = last > SIMILAR_SAMPLE ? last - SIMILAR_SAMPLE : 0;
    budget = (last - lo) * SIMILAR_BUDGET / 100;
    if (budget < SIMILAR_FLOOR)
        budget = SIMILAR_FLOOR;
    for (size_t i = 0; i < *n && rc == CS_OK; i++) {
        char *q = NULL;
        struct buf b = { NULL, 0, 0, false };

        buf_add_quoted(&b, keys[i], strlen(keys[i]));
        if (b.failed)
            return no_memory(err);
        q = b.s;
        stmt_prepare(&st, db, sql_df);
        stmt_bind_text(&st, ":t", q);
        stmt_bind_int64(&st, ":lo", lo);
        stmt_bind_int64(&st, ":id", id);
        stmt_bind_int64(&st, ":cap", budget + 1);
        df[i] = stmt_row(&st) ? stmt_int64(&st, 0) : 0;
        rc = stmt_status(&st, err);
        stmt_finish(&st);
        free(q);
    }
    if (rc != CS_OK)
        return rc;
    /* Rarest first (a few words: a simple insertion sort). */
    for (size_t i = 1; i < *n; i++)
        for (size_t j = i; j > 0 && df[j] < df[j - 1]; j--) {
            int64_t d = df[j];
            char *k = keys[j];

            df[j] = df[j - 1];
            keys[j] = keys[j - 1];
            df[j - 1] = d;
            keys[j - 1] = k;
        }
    /* Words in no other sampled idea come first: they tell nothing (or,
     * for an old idea, nothing the sample knows). Skip them, unless no
     * word is left. */
    for (first = 0; first < *n && df[first] == 0; first++)
        ;
    if (first == *n)
        first = 0;
    /* The rarest word within the per cent, then more while the ideas to
     * rank stay within SIMILAR_RANKED too (the sample holds (last - lo)
     * of the `last` ids): an idea keeps its similar ideas, its rarest
     * word at least, whatever the size of the table. */
    if (first < *n && df[first] <= budget) {
        sum = df[first];
        keep = 1;
    }
    if (last > 0 && budget > SIMILAR_RANKED * (last - lo) / last)
        budget = SIMILAR_RANKED * (last - lo) / last;
    while (keep > 0 && first + keep < *n && keep < SIMILAR_KEEP
           && sum + df[first + keep] <= budget)
        sum += df[first + keep++];
    for (size_t i = 0; i < first; i++)
        free(keys[i]);
    for (size_t i = first + keep; i < *n; i++)
        free(keys[i]);
    memmove(keys, keys + first, keep * sizeof *keys);
    *n = keep;
    /* The ideas of the whole table that hold them, as the sample says. */
    *ranked = last > lo ? sum * last / (last - lo) : sum;
    return CS_OK;
}

/*
 * The rank of an idea among those holding some of the words looked for
 * (the FTS5 auxiliary function similar_rank(idea_fts)): the sum, over the
 * words it holds, of the word's weight, twice that for a word in the
 * title. A word's weight grows as the ideas holding it get fewer (log2 of
 * their share of the table, counted once per query, as bm25 counts it).
 * Unlike bm25 it never reads a row's length (a lookup in the index's
 * docsize table per idea ranked, and most of bm25's cost): an idea is as
 * similar as the rare words it shares say, whatever its length.
 */
struct rank_weights {
    int n;
    double w[];
};

static int
rank_count(const Fts5ExtensionApi *api, Fts5Context *fts, void *arg)
{
    (void)api;
    (void)fts;
    (*(sqlite3_int64 *)arg)++;
    return SQLITE_OK;
}

static struct rank_weights *
rank_weights(const Fts5ExtensionApi *api, Fts5Context *fts)
{
    struct rank_weights *rw;
    sqlite3_int64 rows = 0;
    int n = api->xPhraseCount(fts);

    if (n < 0 || api->xRowCount(fts, &rows) != SQLITE_OK)
        return NULL;
    rw = sqlite3_malloc64(sizeof *rw + (size_t)n * sizeof rw->w[0]);
    if (rw == NULL)
        return NULL;
    rw->n = n;
    for (int p = 0; p < n; p++) {
        sqlite3_int64 hits = 0;
        double share;
        int bits = 1;

        if (api->xQueryPhrase(fts, p, &hits, rank_count) != SQLITE_OK) {
            sqlite3_free(rw);
            return NULL;
        }
        for (share = (double)(rows + 1) / (double)(hits + 1); share >= 2.0;
             share /= 2.0)
            bits++;
        rw->w[p] = bits + (share - 1.0);  /* log2 + 1, linear in between */
    }
    if (api->xSetAuxdata(fts, rw, sqlite3_free) != SQLITE_OK)
        return NULL;            /* xSetAuxdata freed it */
    return rw;
}

static void
similar_rank(const Fts5ExtensionApi *api, Fts5Context *fts,
             sqlite3_context *ctx, int nval, sqlite3_value **val)
{
    struct rank_weights *rw = api->xGetAuxdata(fts, 0);
    double score = 0;

    (void)nval;
    (void)val;
    if (rw == NULL && (rw = rank_weights(api, fts)) == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    for (int p = 0; p < rw->n; p++) {
        Fts5PhraseIter it;
        int col = -1, in = 0;

        /* Column 0 is the title, 1 the body. */
        for (api->xPhraseFirstColumn(fts, p, &it, &col); col >= 0 && in < 2;
             api->xPhraseNextColumn(fts, &it, &col))
            in = col == 0 ? 2 : in > 1 ? in : 1;
        score += rw->w[p] * in;
    }
    sqlite3_result_double(ctx, score);
}

/* similar_rank, registered on the connection once. */
static enum cs_rc
rank_register(struct cs_db *db, struct cs_error *err)
{
    sqlite3_stmt *st = NULL;
    fts5_api *api = NULL;
    int src;

    if (db->fts_rank)
        return CS_OK;
    src = sqlite3_prepare_v2(db->sql, "SELECT fts5(:api)", -1, &st, NULL);
    if (src == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
        src = sqlite3_finalize(st);
    } else {
        sqlite3_finalize(st);
    }
    if (src != SQLITE_OK)
        return db_error(db, src, err);
    if (api == NULL || api->iVersion < 2)
        return cs_error_set(err, CS_EINTERNAL, "%s",
                            _("The full-text index cannot be used."));
    src = api->xCreateFunction(api, "similar_rank", NULL, similar_rank, NULL);
    if (src != SQLITE_OK)
        return db_error(db, src, err);
    db->fts_rank = true;
    return CS_OK;
}

/* The best :pool are ranked on the index alone; only they are read from
 * the table (thousands of random row reads would cost more than the
 * ranking) and the ones that cannot take a merge fall away. Of ideas that
 * share the same words, the shorter comes first (it is more nearly
 * about them alone). Ideas from :from on (the newest SIMILAR_RANKED that
 * hold a word, when more do). */
static const char sql_similar[] = IDEA_ROW_COLUMNS
    " FROM (SELECT rowid AS r, similar_rank(idea_fts) AS score"
    "       FROM idea_fts WHERE idea_fts MATCH :q AND rowid <> :id"
    "       AND rowid >= :from ORDER BY score DESC LIMIT :pool) f"
    " JOIN idea i ON i.id = f.r"
    " WHERE i.consultation_id = :cons"
    " AND i.status NOT IN ('merged', 'withdrawn', 'hidden')"
    " ORDER BY f.score DESC, length(i.title) + length(i.body), i.id"
    " LIMIT :lim";

/* The SIMILAR_RANKED-th newest idea holding a word of :q, or none. */
static const char sql_similar_from[] = "SELECT rowid FROM idea_fts"
    " WHERE idea_fts MATCH :q ORDER BY rowid DESC LIMIT 1 OFFSET :n";

/* The ideas of `cons` (other than `id`; 0: none) most like `title` and
 * `body`, best first, at most `limit`, into `list`. */
static enum cs_rc
similar_fill(struct cs_db *db, int64_t cons, int64_t id, const char *title,
             const char *body, size_t limit, struct cs_idea_list *list,
             struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct buf q = { NULL, 0, 0, false };
    char *keys[SIMILAR_MAX_WORDS];
    size_t nkeys = 0, cap = 0;
    int64_t ranked = 0, from = 0;
    bool more = false;
    enum cs_rc rc;

    if ((rc = collect_words(title, keys, &nkeys, err)) != CS_OK
        || (rc = collect_words(body, keys, &nkeys, err)) != CS_OK)
        goto out;
    if (nkeys == 0 || limit == 0)
        goto out;
    if ((rc = rarest_words(db, id, keys, &nkeys, &ranked, err)) != CS_OK
        || nkeys == 0 || (rc = rank_register(db, err)) != CS_OK)
        goto out;
    for (size_t i = 0; i < nkeys; i++) {
        if (i > 0)
            buf_add(&q, " OR ", 4);
        buf_add_quoted(&q, keys[i], strlen(keys[i]));
    }
    if (q.failed) {
        rc = no_memory(err);
        goto out;
    }
    if (limit > (size_t)INT32_MAX)
        limit = INT32_MAX;
    /* A word in more ideas than can be ranked (the rarest one is kept
     * whatever its count, within the per cent): the newest of them. */
    if (ranked > SIMILAR_RANKED) {
        stmt_prepare(&st, db, sql_similar_from);
        stmt_bind_text(&st, ":q", q.s);
        stmt_bind_int64(&st, ":n", SIMILAR_RANKED - 1);
        if (stmt_row(&st))
            from = stmt_int64(&st, 0);
        rc = stmt_status(&st, err);
        stmt_finish(&st);
        if (rc != CS_OK)
            goto out;
    }
    stmt_prepare(&st, db, sql_similar);
    stmt_bind_text(&st, ":q", q.s);
    stmt_bind_int64(&st, ":id", id);
    stmt_bind_int64(&st, ":from", from);
    stmt_bind_int64(&st, ":cons", cons);
    stmt_bind_int64(&st, ":lim", (int64_t)limit);
    stmt_bind_int64(&st, ":pool", (int64_t)limit * 4 + 16);
    rc = idea_page_fill(&st, list, &cap, limit, &more, err);
    stmt_finish(&st);
out:
    for (size_t i = 0; i < nkeys; i++)
        free(keys[i]);
    free(q.s);
    return rc;
}

enum cs_rc
cs_search_similar(struct cs_db *db, int64_t id, size_t limit,
                  struct cs_idea_list **out, struct cs_error *err)
{
    static const char sql_idea[] =
        "SELECT consultation_id, title, body FROM idea WHERE id = :id";
    struct stmt st = STMT_INIT;
    struct cs_idea_list *list = NULL;
    char *title = NULL, *body = NULL;
    int64_t cons = 0;
    bool found = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, sql_idea);
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        found = true;
        cons = stmt_int64(&st, 0);
        title = stmt_text_dup(&st, 1);
        body = stmt_text_dup(&st, 2);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        goto out;
    if (!found) {
        rc = cs_error_field(err, CS_ENOTFOUND, "idea", _("No idea %lld."),
                            (long long)id);
        goto out;
    }
    if ((list = calloc(1, sizeof *list)) == NULL) {
        rc = no_memory(err);
        goto out;
    }
    rc = similar_fill(db, cons, id, title, body, limit, list, err);
out:
    free(title);
    free(body);
    if (rc != CS_OK) {
        cs_idea_list_free(list);
        return rc;
    }
    *out = list;
    return CS_OK;
}

/* How much of their meaningful words two texts share, in per cent of the
 * words either has (0 when either has none). */
static enum cs_rc
shared_words(const char *t1, const char *b1, const char *t2, const char *b2,
             int *percent, struct cs_error *err)
{
    char *a[SIMILAR_MAX_WORDS], *b[SIMILAR_MAX_WORDS];
    size_t na = 0, nb = 0, both = 0;
    enum cs_rc rc;

    *percent = 0;
    if ((rc = collect_words(t1, a, &na, err)) == CS_OK
        && (rc = collect_words(b1, a, &na, err)) == CS_OK
        && (rc = collect_words(t2, b, &nb, err)) == CS_OK)
        rc = collect_words(b2, b, &nb, err);
    if (rc == CS_OK && na > 0 && nb > 0) {
        for (size_t i = 0; i < na; i++)
            for (size_t j = 0; j < nb; j++)
                if (strcmp(a[i], b[j]) == 0) {
                    both++;
                    break;
                }
        *percent = (int)(both * 100 / (na + nb - both));
    }
    for (size_t i = 0; i < na; i++)
        free(a[i]);
    for (size_t i = 0; i < nb; i++)
        free(b[i]);
    return rc;
}

/* Best ranked ideas a text is compared to: the rank counts the rare
 * words an idea shares, not how many of its own words they are, so a
 * short near copy may come after longer ideas that hold the same words. */
#define SIMILAR_CANDIDATES 6

enum cs_rc
cs_search_very_similar(struct cs_db *db, int64_t cons_id, int64_t except,
                       const char *title, const char *body,
                       int64_t *idea_id, int *percent, struct cs_error *err)
{
    struct cs_idea_list *list;
    int best = 0, p;
    int64_t found = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((list = calloc(1, sizeof *list)) == NULL)
        return no_memory(err);
    rc = similar_fill(db, cons_id, except, title, body, SIMILAR_CANDIDATES,
                      list, err);
    for (size_t i = 0; rc == CS_OK && i < list->count; i++) {
        rc = shared_words(title, body, list->items[i].title,
                          list->items[i].body, &p, err);
        if (rc == CS_OK && p >= CS_SIMILAR_PERCENT && p > best) {
            best = p;
            found = list->items[i].id;
        }
    }
    cs_idea_list_free(list);
    if (rc != CS_OK)
        return rc;
    *idea_id = found;
    if (percent)
        *percent = best;
    return CS_OK;
}
