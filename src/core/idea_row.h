/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * idea_row.h: the idea row, written once for every core file that reads
 * ideas: the columns of a whole idea and their decoder (idea.c's get and
 * lists, search.c's searches and similar ideas), the keyset cursor of a
 * page, and the filters on ideas, as SQL terms and their binding (the
 * lists, the searches, the exports and the kept counts).
 *
 * SQL is made of string literals (a statement's cache key is its
 * literal's address), so the columns and the filter terms are macros that
 * each query pastes into its own literal; what varies at run time is only
 * bound. A filter term falls away when its parameter is bound NULL.
 */
#ifndef CONSULT_IDEA_ROW_H
#define CONSULT_IDEA_ROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/idea.h"
#include "stmt.h"

/* ---------------------------------------------------------------- columns */

/*
 * The columns of a whole idea (alias i), in the order idea_row_read
 * decodes them; the query adds FROM and the rest. The codes come from
 * scalar subqueries rather than joins, so that the list queries keep one
 * table in FROM and walk one index in order.
 */
#define IDEA_ROW_COLUMNS \
    "SELECT i.id, i.consultation_id," \
    " (SELECT code FROM consultation WHERE id = i.consultation_id)," \
    " i.theme_id, (SELECT code FROM theme WHERE id = i.theme_id)," \
    " i.kind, i.title, i.body, coalesce(i.author_id, 0), i.channel," \
    " i.form_ref, coalesce(i.batch_id, 0), i.submitted_at, i.entered_at," \
    " i.entered_by, i.status, i.status_changed_at, i.answer," \
    " coalesce(i.merged_into, 0), i.hidden_reason, i.votes, i.tallies," \
    " i.support, i.version, coalesce(i.paper_batch_id, 0), i.entry_check"

/* Decode the current row of a statement selecting IDEA_ROW_COLUMNS into
 * `out` (its strings owned, freed by cs_idea_clear). A string that could
 * not be copied is NULL and the statement records CS_ENOMEM. */
void idea_row_read(struct stmt *st, struct cs_idea *out);

/* The value of a stored name (the schema's CHECK constraints list them);
 * the first value when the name is unknown. */
enum cs_status idea_stored_status(const char *name);
enum cs_channel idea_stored_channel(const char *name);
enum cs_idea_kind idea_stored_kind(const char *name);

/* ---------------------------------------------------------------- pages */

/* Where a keyset page starts: the key of the cursor's row in each order,
 * or, for the first page, keys below (or, newest first, above) every row. */
struct idea_keyset {
    const char *date;           /* submitted_at; borrowed */
    int64_t support;
    int64_t id;
};

/* The start of the page after `after` (NULL or not valid: the first
 * page), walking up or down (`descending`). Borrows `after`. */
void idea_keyset_start(const struct cs_idea_cursor *after, bool descending,
                       struct idea_keyset *k);

/*
 * Step `st` (bound with one row more than the page still has room for)
 * and append its rows, decoded, to `list` until it holds `limit` ideas;
 * *more is set when a row beyond them exists. `*cap` is the capacity of
 * list->items. Returns CS_OK, CS_ENOMEM or the statement's failure.
 */
enum cs_rc idea_page_fill(struct stmt *st, struct cs_idea_list *list,
                          size_t *cap, size_t limit, bool *more,
                          struct cs_error *err);

/* Set list->next from the last idea of a page that has more after it. */
void idea_page_next(struct cs_idea_list *list);

/* ---------------------------------------------------------------- filters */

/*
 * The filter terms on ideas. A is the alias with its dot ("i.", or "" for
 * an unaliased table; "k." for idea_count, which keeps the theme, kind,
 * status and channel of its ideas). DATE is the column a date range
 * applies to (an idea's submission, a vote's date...).
 */
#define IDEA_F_CONS(A) " AND (:cons IS NULL OR " A "consultation_id = :cons)"
#define IDEA_F_THEME(A) " AND (:theme IS NULL OR " A "theme_id = :theme)"
#define IDEA_F_STATUS(A) " AND (:status IS NULL OR " A "status = :status)"
#define IDEA_F_CHANNEL(A) \
    " AND (:channel IS NULL OR " A "channel = :channel)"
#define IDEA_F_KIND(A) " AND (:kind IS NULL OR " A "kind = :kind)"
#define IDEA_F_AUTHOR(A) " AND (:author IS NULL OR " A "author_id = :author)"
#define IDEA_F_PAPER(A) \
    " AND (:paper IS NULL OR " A "paper_batch_id = :paper)"
#define IDEA_F_TAG(A) \
    " AND (:tag IS NULL OR EXISTS (SELECT 1 FROM idea_tag it" \
    "   JOIN tag g ON g.id = it.tag_id" \
    "   WHERE it.idea_id = " A "id AND g.name_key = :tag))"
/* The ideas the search index finds for :q, an FTS5 MATCH text
 * (cs_search_match). */
#define IDEA_F_SEARCH(A) \
    " AND (:q IS NULL OR " A "id IN (SELECT rowid FROM idea_fts" \
    "   WHERE idea_fts MATCH :q))"
/* The MATCH text of a search `text` as the lists and searches run it
 * (search.c: long prefixes expanded into this database's words), so that
 * an export ranks its matches as the triage desk does. NULL in `*out`
 * when `text` holds no word. Returns CS_OK, CS_EINVAL, CS_ENOMEM. */
enum cs_rc idea_search_match(struct cs_db *db, const char *text, char **out,
                             struct cs_error *err);
#define IDEA_F_DATES(DATE) \
    " AND (:since IS NULL OR " DATE " >= :since)" \
    " AND (:until IS NULL OR " DATE " <= :until)"
/* The ideas dated on their form on or before :sub_until. */
#define IDEA_F_SUBMITTED(A) \
    " AND (:sub_until IS NULL OR " A "submitted_at <= :sub_until)"
/* Open data leaves hidden ideas out. */
#define IDEA_F_OPEN(A) " AND (:open IS NULL OR " A "status <> 'hidden')"

/* The filters of a struct cs_idea_filter on ideas (alias i), but the
 * consultation, which each query places where its index needs it. */
#define IDEA_FILTERS \
    IDEA_F_THEME("i.") IDEA_F_STATUS("i.") IDEA_F_CHANNEL("i.") \
    IDEA_F_KIND("i.") IDEA_F_AUTHOR("i.") IDEA_F_TAG("i.") IDEA_F_PAPER("i.")

/* The filter values a query binds: 0 and NULL for a filter not given. */
struct idea_filter {
    int64_t cons;               /* consultation id */
    int64_t theme;              /* theme id */
    const char *status;         /* stored name; borrowed */
    const char *channel;        /* stored name; borrowed */
    const char *kind;           /* stored name; borrowed */
    int64_t author;             /* participant id */
    int64_t paper;              /* paper batch id */
    char *tag;                  /* folded tag (tag.name_key); owned */
    const char *since;          /* stored-form bounds; borrowed */
    const char *until;
    const char *sub_until;      /* submitted on or before; borrowed */
    bool open_data;             /* leave hidden ideas out */
};

/*
 * The values of `f` (NULL: no filter) into `out`, checked (CS_EINVAL,
 * "Invalid filter.", for a status, channel, kind or order out of range)
 * and with the tag folded. idea_filter_clear frees what it holds, on
 * success only. Returns CS_OK, CS_EINVAL or CS_ENOMEM.
 */
enum cs_rc idea_filter_from(const struct cs_idea_filter *f,
                            struct idea_filter *out, struct cs_error *err);
void idea_filter_clear(struct idea_filter *v);

/* Bind the values of `v` to those of :cons :theme :status :channel :kind
 * :author :tag :paper :since :until :open that `st` has. */
void idea_filter_bind(struct stmt *st, const struct idea_filter *v);

/* ---------------------------------------------------------------- counts */

/*
 * The kept figures (idea_count, which the schema's triggers keep per
 * theme, kind, status and channel) are the one source of the counts of
 * ideas, votes and tallies per theme: statistics, the theme x status
 * table, a search's count. One row of them, or of a theme without ideas.
 */
struct idea_kept {
    int64_t theme_id;
    const char *theme_code;     /* borrowed until the next row */
    const char *theme_title;    /* borrowed until the next row */
    bool first;                 /* the first row of its theme */
    int kind;                   /* enum cs_idea_kind, -1: none */
    int status;                 /* enum cs_status, -1: none */
    int channel;                /* enum cs_channel, -1: none */
    int64_t ideas;
    int64_t votes;              /* individual votes on those ideas */
    int64_t tallies;            /* sum of their tally counts */
};

/* Called for each row; a failure stops the walk and is returned. */
typedef enum cs_rc (*idea_kept_fn)(void *ctx, const struct idea_kept *k,
                                   struct cs_error *err);

/* How finely idea_kept_each gives the figures. */
enum idea_kept_by {
    IDEA_KEPT_ROWS,             /* every row, theme by theme */
    IDEA_KEPT_TOTAL             /* one row: the sums of what matches, added
                                   up by SQLite (theme 0, names -1) */
};

/*
 * Call `fn` for the kept figures that match `v` (its consultation, theme,
 * status, channel and kind; the kept figures know nothing of authors,
 * tags, paper batches, dates or hidden ideas, which must not be set). By
 * rows: theme by
 * theme in the themes' order; every theme of the consultation (of every
 * one when none is given) comes at least once, a theme without matching
 * ideas as one row with kind, status and channel -1 and no ideas, and a
 * row of a name this build does not know (a newer schema) has -1 there
 * too. In total: one row.
 */
enum cs_rc idea_kept_each(struct cs_db *db, const struct idea_filter *v,
                          enum idea_kept_by by, idea_kept_fn fn, void *ctx,
                          struct cs_error *err);

#endif /* CONSULT_IDEA_ROW_H */
