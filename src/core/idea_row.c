/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * idea_row.c: the idea row's decoder, its keyset pages and the binding of
 * the filters on ideas (see idea_row.h). Below idea.c, search.c and the
 * exports, which read ideas through it, and the one reading of the kept
 * figures per theme (idea_count).
 */
#include "idea_row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult/types.h"
#include "i18n.h"

/* ---------------------------------------------------------------- names */

static int
stored_value(const char *name, const char *(*name_of)(int), int count)
{
    for (int i = 0; i < count; i++)
        if (strcmp(name, name_of(i)) == 0)
            return i;
    return 0;
}

static const char *
status_name(int v)
{
    return cs_status_name((enum cs_status)v);
}

static const char *
channel_name(int v)
{
    return cs_channel_name((enum cs_channel)v);
}

static const char *
kind_name(int v)
{
    return cs_kind_name((enum cs_idea_kind)v);
}

enum cs_status
idea_stored_status(const char *name)
{
    return (enum cs_status)stored_value(name, status_name, CS_STATUS_COUNT);
}

enum cs_channel
idea_stored_channel(const char *name)
{
    /* An unknown channel is "other", not the first one. */
    for (int i = 0; i < CS_CHANNEL_COUNT; i++)
        if (strcmp(name, channel_name(i)) == 0)
            return (enum cs_channel)i;
    return CS_CHANNEL_OTHER;
}

enum cs_idea_kind
idea_stored_kind(const char *name)
{
    return (enum cs_idea_kind)stored_value(name, kind_name, CS_KIND_COUNT);
}

/* ---------------------------------------------------------------- rows */

void
idea_row_read(struct stmt *st, struct cs_idea *i)
{
    memset(i, 0, sizeof *i);
    i->id = stmt_int64(st, 0);
    i->consultation_id = stmt_int64(st, 1);
    i->consultation_code = stmt_text_dup(st, 2);
    i->theme_id = stmt_int64(st, 3);
    i->theme_code = stmt_text_dup(st, 4);
    i->kind = idea_stored_kind(stmt_text(st, 5));
    i->title = stmt_text_dup(st, 6);
    i->body = stmt_text_dup(st, 7);
    i->author_id = stmt_int64(st, 8);
    i->channel = idea_stored_channel(stmt_text(st, 9));
    i->form_ref = stmt_text_dup(st, 10);
    i->batch_id = stmt_int64(st, 11);
    i->submitted_at = stmt_text_dup(st, 12);
    i->entered_at = stmt_text_dup(st, 13);
    i->entered_by = stmt_text_dup(st, 14);
    i->status = idea_stored_status(stmt_text(st, 15));
    i->status_changed_at = stmt_text_dup(st, 16);
    i->answer = stmt_text_dup(st, 17);
    i->merged_into = stmt_int64(st, 18);
    i->hidden_reason = stmt_text_dup(st, 19);
    i->votes = stmt_int64(st, 20);
    i->tallies = stmt_int64(st, 21);
    i->support = stmt_int64(st, 22);
    i->version = stmt_int64(st, 23);
    i->paper_batch_id = stmt_int64(st, 24);
    i->entry_check = stmt_text_dup(st, 25);
}

/* ---------------------------------------------------------------- pages */

/* Above every stored date (all ASCII), for the first page newest first. */
#define DATE_TOP "\xf4\x8f\xbf\xbf"

void
idea_keyset_start(const struct cs_idea_cursor *after, bool descending,
                  struct idea_keyset *k)
{
    if (after != NULL && after->valid) {
        k->date = after->date;
        k->support = after->support;
        k->id = after->id;
    } else {
        k->date = descending ? DATE_TOP : "";
        k->support = descending ? INT64_MAX : -1;
        k->id = descending ? INT64_MAX : 0;
    }
}

enum cs_rc
idea_page_fill(struct stmt *st, struct cs_idea_list *list, size_t *cap,
               size_t limit, bool *more, struct cs_error *err)
{
    while (stmt_row(st)) {
        if (list->count == limit) {
            *more = true;
            break;
        }
        if (list->count == *cap) {
            void *p = util_grow(list->items, cap, list->count,
                                sizeof *list->items);

            if (p == NULL)
                return cs_error_set(err, CS_ENOMEM, "%s",
                                    _("Out of memory."));
            list->items = p;
        }
        idea_row_read(st, &list->items[list->count++]);
    }
    return stmt_status(st, err);
}

void
idea_page_next(struct cs_idea_list *list)
{
    const struct cs_idea *last = &list->items[list->count - 1];

    list->next.valid = true;
    list->next.id = last->id;
    list->next.support = last->support;
    snprintf(list->next.date, sizeof list->next.date, "%s",
             last->submitted_at ? last->submitted_at : "");
}

/* ---------------------------------------------------------------- filters */

enum cs_rc
idea_filter_from(const struct cs_idea_filter *f, struct idea_filter *out,
                 struct cs_error *err)
{
    memset(out, 0, sizeof *out);
    if (f == NULL)
        return CS_OK;
    if ((unsigned)f->order > CS_ORDER_SUPPORT
        || (f->status != -1 && (unsigned)f->status >= CS_STATUS_COUNT)
        || (f->channel != -1 && (unsigned)f->channel >= CS_CHANNEL_COUNT)
        || (f->kind != -1 && (unsigned)f->kind >= CS_KIND_COUNT))
        return cs_error_set(err, CS_EINVAL, "%s", _("Invalid filter."));
    out->cons = f->consultation_id;
    out->theme = f->theme_id;
    out->author = f->author_id;
    out->paper = f->paper_batch_id;
    if (f->status != -1)
        out->status = cs_status_name((enum cs_status)f->status);
    if (f->channel != -1)
        out->channel = cs_channel_name((enum cs_channel)f->channel);
    if (f->kind != -1)
        out->kind = cs_kind_name((enum cs_idea_kind)f->kind);
    if (!util_is_blank(f->tag))
        return util_fold(f->tag, &out->tag, err);
    return CS_OK;
}

void
idea_filter_clear(struct idea_filter *v)
{
    free(v->tag);
    v->tag = NULL;
}

void
idea_filter_bind(struct stmt *st, const struct idea_filter *v)
{
    if (stmt_has_param(st, ":cons"))
        stmt_bind_id(st, ":cons", v->cons);
    if (stmt_has_param(st, ":theme"))
        stmt_bind_id(st, ":theme", v->theme);
    if (stmt_has_param(st, ":status"))
        stmt_bind_text(st, ":status", v->status);
    if (stmt_has_param(st, ":channel"))
        stmt_bind_text(st, ":channel", v->channel);
    if (stmt_has_param(st, ":kind"))
        stmt_bind_text(st, ":kind", v->kind);
    if (stmt_has_param(st, ":author"))
        stmt_bind_id(st, ":author", v->author);
    if (stmt_has_param(st, ":tag"))
        stmt_bind_text(st, ":tag", v->tag);
    if (stmt_has_param(st, ":paper"))
        stmt_bind_id(st, ":paper", v->paper);
    if (stmt_has_param(st, ":since"))
        stmt_bind_text(st, ":since", v->since);
    if (stmt_has_param(st, ":until"))
        stmt_bind_text(st, ":until", v->until);
    if (stmt_has_param(st, ":sub_until"))
        stmt_bind_text(st, ":sub_until", v->sub_until);
    if (stmt_has_param(st, ":open"))
        stmt_bind_id(st, ":open", v->open_data ? 1 : 0);
}

/* ---------------------------------------------------------------- counts */

/* The value of stored name `name` (NULL: none), or -1. */
static int
stored_or_none(struct stmt *st, int col, const char *(*name_of)(int),
               int count)
{
    const char *name;

    if (stmt_is_null(st, col))
        return -1;
    name = stmt_text(st, col);
    for (int i = 0; i < count; i++)
        if (strcmp(name, name_of(i)) == 0)
            return i;
    return -1;
}

enum cs_rc
idea_kept_each(struct cs_db *db, const struct idea_filter *v,
               enum idea_kept_by by, idea_kept_fn fn, void *ctx,
               struct cs_error *err)
{
    /* The filters on idea_count sit in the join, so that a theme without
     * matching ideas still comes, once. */
    static const char sql_rows[] =
        "SELECT t.id, t.code, t.title, k.kind, k.status, k.channel,"
        " coalesce(k.ideas, 0), coalesce(k.votes, 0),"
        " coalesce(k.tallies, 0)"
        " FROM theme t LEFT JOIN idea_count k ON k.theme_id = t.id"
        IDEA_F_THEME("k.") IDEA_F_STATUS("k.") IDEA_F_CHANNEL("k.")
        IDEA_F_KIND("k.")
        " WHERE 1" IDEA_F_CONS("t.")
        " ORDER BY t.position, t.code, t.id";
    /* A count asked at every search keystroke: the sum in SQLite, not a
     * callback per row. */
    static const char sql_total[] =
        "SELECT 0, '', '', NULL, NULL, NULL, coalesce(sum(k.ideas), 0),"
        " coalesce(sum(k.votes), 0), coalesce(sum(k.tallies), 0)"
        " FROM idea_count k JOIN theme t ON t.id = k.theme_id"
        " WHERE 1" IDEA_F_CONS("t.") IDEA_F_THEME("k.") IDEA_F_STATUS("k.")
        IDEA_F_CHANNEL("k.") IDEA_F_KIND("k.");
    struct stmt st = STMT_INIT;
    struct idea_kept k;
    int64_t last = 0;
    enum cs_rc rc = CS_OK;

    stmt_prepare(&st, db, by == IDEA_KEPT_TOTAL ? sql_total : sql_rows);
    idea_filter_bind(&st, v);
    while (rc == CS_OK && stmt_row(&st)) {
        k.theme_id = stmt_int64(&st, 0);
        k.first = k.theme_id != last;
        last = k.theme_id;
        k.theme_code = stmt_text(&st, 1);
        k.theme_title = stmt_text(&st, 2);
        k.kind = stored_or_none(&st, 3, kind_name, CS_KIND_COUNT);
        k.status = stored_or_none(&st, 4, status_name, CS_STATUS_COUNT);
        k.channel = stored_or_none(&st, 5, channel_name, CS_CHANNEL_COUNT);
        k.ideas = stmt_int64(&st, 6);
        k.votes = stmt_int64(&st, 7);
        k.tallies = stmt_int64(&st, 8);
        rc = fn(ctx, &k, err);
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}
