/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * search.h: full-text search on ideas, and ideas similar to a given one.
 *
 * Search runs on the FTS5 index idea_fts (title and body, tokenizer
 * `unicode61 remove_diacritics 2`) that the schema's triggers keep up to
 * date, so it is accent- and case-insensitive: "electri" finds
 * "électriques" and "ÉLECTRIQUE". What a person typed is never handed to
 * FTS5 as query syntax: it is cut into words, each word is quoted and made
 * a prefix, and the resulting MATCH text is bound as a value. Results come
 * in pages read with keyset queries on the idea id, so a page deep in the
 * results costs what the first one does.
 */
#ifndef CONSULT_SEARCH_H
#define CONSULT_SEARCH_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "consult/consultation.h"
#include "consult/db.h"
#include "consult/idea.h"

/* The most words of a query that count; later ones are ignored. */
#define CS_SEARCH_MAX_WORDS 16

/*
 * Turn `text`, as a person typed it, into an FTS5 MATCH expression: every
 * run of letters, digits and combining marks becomes a quoted prefix term
 * (`"electri"*`; a single letter or digit stays a whole word, `"a"`), and
 * the terms are joined with spaces (all must match).
 * Writes an owned string to `*out` (free it), or NULL when `text` holds no
 * word at all. Returns CS_OK, CS_EINVAL (not UTF-8), CS_ENOMEM.
 */
enum cs_rc cs_search_match(const char *text, char **out,
                           struct cs_error *err);

/*
 * One page of the ideas that match `f` (NULL: all) and contain every word
 * of `query` as a word prefix, in title or body, at most `limit` of them,
 * after `after` (NULL or !valid: from the start), in f->order:
 * CS_ORDER_ID, the order ideas were entered (highest first when
 * f->descending); CS_ORDER_DATE (newest first when f->descending);
 * CS_ORDER_SUPPORT (most first); CS_ORDER_RELEVANCE (FTS5's bm25, a word
 * in the title counting twice one in the body: best first when
 * f->descending, else worst first); ties by id. CS_ORDER_ID walks the
 * index and stops after the page, whatever the number of matches; the
 * other orders read and sort every match, so their cost grows with it
 * (count the matches first, with cs_search_count and a cap). A query
 * without any word gives an empty list. Any role. Free the list with
 * cs_idea_list_free; its `next` cursor continues the same search.
 * Returns CS_OK, CS_EINVAL (bad filter, query not UTF-8), CS_EPERM,
 * CS_ENOMEM.
 */
enum cs_rc cs_search_ideas(struct cs_db *db, const struct cs_idea_filter *f,
                           const char *query,
                           const struct cs_idea_cursor *after, size_t limit,
                           struct cs_idea_list **out, struct cs_error *err);

/*
 * Count the ideas that match `f` (NULL: all) and `query` (NULL or without
 * words: no search), but stop counting at `cap` (0: no cap), so that a
 * count on a large database stays cheap. Writes the count, at most `cap`,
 * to `*count`; a count equal to `cap` means "at least". Any role.
 * Returns CS_OK, CS_EINVAL, CS_EPERM, CS_ENOMEM.
 */
enum cs_rc cs_search_count(struct cs_db *db, const struct cs_idea_filter *f,
                           const char *query, int64_t cap, int64_t *count,
                           struct cs_error *err);

/*
 * Count the ideas that match `f` (NULL: all) at once from the figures the
 * core keeps per theme, kind, status and channel, when `f` filters on
 * nothing else: sets *known and writes *count. With a tag or an author
 * filter *known is false and *count is left alone (count with
 * cs_search_count_range). Any role. Returns CS_OK, CS_EINVAL, CS_EPERM.
 */
enum cs_rc cs_search_count_kept(struct cs_db *db,
                                const struct cs_idea_filter *f,
                                int64_t *count, bool *known,
                                struct cs_error *err);

/*
 * Count, like cs_search_count without a cap, the matching ideas whose id
 * is in (`from`, `to`]: a large count made in short steps between
 * keystrokes. Any role. Returns CS_OK, CS_EINVAL, CS_EPERM, CS_ENOMEM.
 */
enum cs_rc cs_search_count_range(struct cs_db *db,
                                 const struct cs_idea_filter *f,
                                 const char *query, int64_t from, int64_t to,
                                 int64_t *count, struct cs_error *err);

/* The highest idea id (0 when there is none), where counts in steps end.
 * Any role. Returns CS_OK, CS_EPERM. */
enum cs_rc cs_search_last_id(struct cs_db *db, int64_t *id,
                             struct cs_error *err);

/*
 * The consultations, ordered by code, as cs_consultation_list gives them
 * but without their counts (idea_count, vote_count and tally_total are
 * -1), so that the list costs the same however many ideas there are; the
 * counts come from cs_search_totals_range, in steps. Any role. Free with
 * cs_consultation_list_free. Returns CS_OK, CS_EPERM, CS_ENOMEM.
 */
enum cs_rc cs_search_consultations(struct cs_db *db,
                                   struct cs_consultation_list **out,
                                   struct cs_error *err);

/*
 * Over the ideas of consultation `cons_id` whose id is in (`from`, `to`]:
 * how many there are, their votes and their tally counts (the counts the
 * core keeps on each idea). Any role. Returns CS_OK, CS_EPERM.
 */
enum cs_rc cs_search_totals_range(struct cs_db *db, int64_t cons_id,
                                  int64_t from, int64_t to, int64_t *ideas,
                                  int64_t *votes, int64_t *tallies,
                                  struct cs_error *err);

/*
 * Ideas of the same consultation that look like idea `id`: its own words
 * (title and body, without the commonest short words) searched with an OR
 * and ranked by FTS5's bm25, best first, at most `limit` of them. The idea
 * itself and ideas that cannot take a merge (merged, withdrawn, hidden)
 * are left out. Any role. Free with cs_idea_list_free (its cursor is not
 * valid). Returns CS_OK, CS_ENOTFOUND (no idea `id`), CS_EPERM,
 * CS_ENOMEM.
 */
enum cs_rc cs_search_similar(struct cs_db *db, int64_t id, size_t limit,
                             struct cs_idea_list **out,
                             struct cs_error *err);

/* The share of words, in per cent, from which two texts are very similar
 * (cs_search_very_similar). */
#define CS_SIMILAR_PERCENT 50

/*
 * The idea of consultation `cons_id` that a text not yet saved (`title`,
 * may be NULL, and `body`) repeats, if any: the best ranked of the ideas
 * cs_search_similar would give for it (leaving out idea `except`, 0:
 * none) whose meaningful words are at least CS_SIMILAR_PERCENT per cent
 * of the words either text has (the commonest short words aside, case and
 * accents ignored). Writes `*idea_id` (0: none so similar) and `*percent`
 * (may be NULL: the share of words in common). Any role. Returns CS_OK,
 * CS_EPERM, CS_ENOMEM.
 */
enum cs_rc cs_search_very_similar(struct cs_db *db, int64_t cons_id,
                                  int64_t except, const char *title,
                                  const char *body, int64_t *idea_id,
                                  int *percent, struct cs_error *err);

#endif /* CONSULT_SEARCH_H */
