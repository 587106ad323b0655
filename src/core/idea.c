/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * idea.c: ideas and findings: adding and editing them, their statuses and
 * official answers, merges of duplicates, tags, keyset-paged lists and the
 * theme x status counts of a consultation.
 *
 * Support is a maintained count (see DESIGN.md): vote.c adds and removes
 * single units; here, merges and unmerges recompute the support of the
 * roots involved from the votes and tallies of their groups, so that a
 * person who supported two merged ideas counts once.
 */
#include "consult/idea.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "i18n.h"
#include "cons_state.h"
#include "idea_priv.h"
#include "idea_row.h"
#include "participant_priv.h"
#include "stmt.h"

#define TITLE_MAX 80        /* characters of a title made from the body */
#define TAG_MAX 64          /* characters of a tag */

static enum cs_rc idea_exists(struct cs_db *db, int64_t id,
                              struct cs_error *err);

/* ---------------------------------------------------------------- names */

static enum cs_rc
no_idea(struct cs_error *err, int64_t id)
{
    return cs_error_field(err, CS_ENOTFOUND, "idea", _("No idea %lld."),
                          (long long)id);
}

static enum cs_rc
no_memory(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
}

/* Counts UTF-8 characters (the text is already checked as UTF-8). */
static size_t
u8_chars(const char *s, size_t n)
{
    size_t c = 0;

    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            c++;
    return c;
}

static bool
is_blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'
        || c == '\f';
}

/*
 * A title from the first words of `body`: blanks (line breaks included)
 * collapsed to single spaces, at most TITLE_MAX characters, cut after the
 * last whole word that fits and ended with "…" when cut. A single word
 * longer than that is cut at a character boundary. NULL when out of memory.
 */
char *
idea_title_from_body(const char *body)
{
    size_t n = strlen(body), o = 0, limit = 0, cut, kept = 0;
    char *flat = malloc(n + 1), *out;
    bool space = false;

    if (flat == NULL)
        return NULL;
    for (const char *p = body; *p; p++) {
        if (is_blank_char(*p)) {
            space = o > 0;
            continue;
        }
        if (space) {
            flat[o++] = ' ';
            space = false;
        }
        flat[o++] = *p;
    }
    flat[o] = '\0';
    if (u8_chars(flat, o) <= TITLE_MAX)
        return flat;
    /* Room for TITLE_MAX - 1 characters and the ellipsis. */
    while (limit < o) {
        if (((unsigned char)flat[limit] & 0xc0) != 0x80) {
            if (kept == TITLE_MAX - 1)
                break;
            kept++;
        }
        limit++;
    }
    cut = limit;
    while (cut > 0 && flat[cut] != ' ')
        cut--;
    while (cut > 0 && strchr(" ,;:-", flat[cut - 1]) != NULL)
        cut--;
    if (cut == 0)
        cut = limit;
    if ((out = malloc(cut + sizeof "\xe2\x80\xa6")) == NULL) {
        free(flat);
        return NULL;
    }
    memcpy(out, flat, cut);
    memcpy(out + cut, "\xe2\x80\xa6", sizeof "\xe2\x80\xa6");
    free(flat);
    return out;
}

/* submitted_at when none is given: now, to the second, in the form
 * cs_date_parse writes, so that dates from both sources sort together. */
static void
now_to_second(char out[32])
{
    char now[32];

    util_now(now);
    snprintf(out, 32, "%.19sZ", now);
}

/* ---------------------------------------------------------------- checks */

/* What the write functions need to know of an idea before changing it. */
struct idea_head {
    int64_t id;
    int64_t consultation_id;
    int64_t merged_into;            /* 0 unless merged */
    int64_t version;                /* what a decision checks */
    enum cs_status status;
    char *status_before;            /* owned, NULL when none */
    char *answer;                   /* owned, NULL when none */
    char *entered_by;               /* owned */
    char *body;                     /* owned */
};

static void
head_clear(struct idea_head *h)
{
    free(h->status_before);
    free(h->answer);
    free(h->entered_by);
    free(h->body);
    memset(h, 0, sizeof *h);
}

static enum cs_rc
head_read(struct cs_db *db, int64_t id, struct idea_head *h,
          struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    bool found = false;
    enum cs_rc rc;

    memset(h, 0, sizeof *h);
    stmt_prepare(&st, db,
        "SELECT consultation_id, coalesce(merged_into, 0), status,"
        " status_before, entered_by, body, version, answer FROM idea"
        " WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        found = true;
        h->id = id;
        h->consultation_id = stmt_int64(&st, 0);
        h->merged_into = stmt_int64(&st, 1);
        h->status = idea_stored_status(stmt_text(&st, 2));
        h->status_before = stmt_text_dup(&st, 3);
        h->entered_by = stmt_text_dup(&st, 4);
        h->body = stmt_text_dup(&st, 5);
        h->version = stmt_int64(&st, 6);
        h->answer = stmt_text_dup(&st, 7);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = no_idea(err, id);
    if (rc != CS_OK)
        head_clear(h);
    return rc;
}

/* ---------------------------------------------------------------- versions */

static enum cs_rc
decision_read(struct cs_db *db, int64_t id, struct cs_idea_decision *out,
              struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    bool found = false;
    enum cs_rc rc;

    memset(out, 0, sizeof *out);
    /* The journal names the last decision; an import's merge has no row
     * of its own there, and the idea's status fields say who and when. */
    stmt_prepare(&st, db,
        "SELECT i.version, i.status, coalesce(a.action, ''),"
        " coalesce(a.actor, i.status_changed_by),"
        " coalesce(a.at, i.status_changed_at)"
        " FROM idea i LEFT JOIN (SELECT action, actor, at FROM audit"
        "   WHERE idea_id = :id AND tbl IN ('idea', 'idea_tag')"
        "   AND action <> 'add' ORDER BY id DESC LIMIT 1) a ON 1"
        " WHERE i.id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        found = true;
        out->idea_id = id;
        out->version = stmt_int64(&st, 0);
        out->status = idea_stored_status(stmt_text(&st, 1));
        snprintf(out->action, sizeof out->action, "%s", stmt_text(&st, 2));
        snprintf(out->by, sizeof out->by, "%s", stmt_text(&st, 3));
        snprintf(out->at, sizeof out->at, "%s", stmt_text(&st, 4));
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = no_idea(err, id);
    return rc;
}

const char *
cs_idea_decision_label(const char *action)
{
    static const struct { const char *action, *label; } labels[] = {
        { "status", N_("status changed") },
        { "merge", N_("merged") },
        { "unmerge", N_("unmerged") },
        { "tag", N_("tagged") },
        { "untag", N_("tag taken off") },
        { "update", N_("text or classification edited") },
    };

    for (size_t i = 0; action && i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(action, labels[i].action) == 0)
            return _(labels[i].label);
    return _("changed");
}

/*
 * The check every decision makes, inside its transaction: the caller
 * decided on version `if_version` (0: no check) and the idea is at
 * h->version. Refused with the facts of the decision that came between.
 */
static enum cs_rc
version_check(struct cs_db *db, const struct idea_head *h,
              int64_t if_version, struct cs_error *err)
{
    struct cs_idea_decision d;
    enum cs_rc rc;

    /* Every change to an idea comes here first: an archived
     * consultation's ideas are not changed. */
    if ((rc = cons_write_check(db, h->consultation_id, CONS_WRITE_WORK, -1,
                               NULL, NULL, err)) != CS_OK)
        return rc;
    if (if_version < 0)
        return cs_error_field(err, CS_EINVAL, "version", "%s",
                              _("A version is a number from 1."));
    if (if_version == 0 || if_version == h->version)
        return CS_OK;
    if ((rc = decision_read(db, h->id, &d, err)) != CS_OK)
        return rc;
    /* TRANSLATORS: "Idea 82 was changed by mdupont at 2026-12-04 14:03
     * UTC (status changed; now rejected, version 3); nothing saved." */
    return cs_error_field(err, CS_ESTALE, "version",
        _("Idea %lld was changed by %s at %.10s %.5s UTC (%s; now %s, "
          "version %lld); nothing saved."), (long long)h->id, d.by, d.at,
        strlen(d.at) > 11 ? d.at + 11 : "", cs_idea_decision_label(d.action),
        cs_status_label(d.status), (long long)d.version);
}

enum cs_rc
cs_idea_last_decision(struct cs_db *db, int64_t id,
                      struct cs_idea_decision *out, struct cs_error *err)
{
    struct cs_idea_decision d;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((rc = decision_read(db, id, &d, err)) != CS_OK)
        return rc;
    *out = d;
    return CS_OK;
}

static enum cs_rc
consultation_check(struct cs_db *db, int64_t consultation_id,
                   struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, "SELECT 1 FROM consultation WHERE id = :id");
    stmt_bind_int64(&st, ":id", consultation_id);
    if (stmt_row(&st))
        rc = CS_OK;
    else if ((rc = stmt_status(&st, err)) == CS_OK)
        rc = cs_error_field(err, CS_ENOTFOUND, "consultation",
                            _("No consultation %lld."),
                            (long long)consultation_id);
    stmt_finish(&st);
    return rc;
}

/* The theme must exist and belong to the idea's consultation. */
static enum cs_rc
theme_check(struct cs_db *db, int64_t consultation_id, int64_t theme_id,
            struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    if (theme_id <= 0)
        return cs_error_field(err, CS_EINVAL, "theme", "%s",
                              _("An idea needs a theme."));
    stmt_prepare(&st, db, "SELECT consultation_id, code FROM theme"
                          " WHERE id = :id");
    stmt_bind_int64(&st, ":id", theme_id);
    if (stmt_row(&st)) {
        rc = CS_OK;
        if (stmt_int64(&st, 0) != consultation_id)
            rc = cs_error_field(err, CS_EINVAL, "theme",
                _("Theme %s belongs to another consultation."),
                stmt_text(&st, 1));
    } else if ((rc = stmt_status(&st, err)) == CS_OK) {
        rc = cs_error_field(err, CS_ENOTFOUND, "theme", _("No theme %lld."),
                            (long long)theme_id);
    }
    stmt_finish(&st);
    return rc;
}

/* A form reference names one idea per consultation (what makes a
 * re-import idempotent); `self` is the idea being edited, 0 when adding. */
static enum cs_rc
form_ref_check(struct cs_db *db, int64_t consultation_id, const char *ref,
               int64_t self, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, "SELECT id FROM idea WHERE consultation_id = :c"
                          " AND form_ref = :ref AND id <> :self");
    stmt_bind_int64(&st, ":c", consultation_id);
    stmt_bind_text(&st, ":ref", ref);
    stmt_bind_int64(&st, ":self", self);
    if (stmt_row(&st))
        rc = cs_error_field(err, CS_ECONFLICT, "form_ref",
            _("Form reference \"%s\" is already used by idea %lld in this "
              "consultation."), ref, (long long)stmt_int64(&st, 0));
    else
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
cs_idea_find_ref(struct cs_db *db, int64_t consultation_id, const char *ref,
                 int64_t *id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *trimmed;
    int64_t found = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if (util_is_blank(ref))
        return CS_ENOTFOUND;
    if ((trimmed = util_trim_dup(ref)) == NULL)
        return no_memory(err);
    stmt_prepare(&st, db, "SELECT id FROM idea WHERE consultation_id = :c"
                          " AND form_ref = :ref");
    stmt_bind_int64(&st, ":c", consultation_id);
    stmt_bind_text(&st, ":ref", trimmed);
    if (stmt_row(&st))
        found = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    free(trimmed);
    if (rc == CS_OK && found == 0)
        return CS_ENOTFOUND;
    if (rc == CS_OK)
        *id = found;
    return rc;
}

static enum cs_rc
text_check(const char *s, const char *field, struct cs_error *err)
{
    return util_text_check(s, field, err);
}

static enum cs_rc
line_check(const char *s, const char *field, struct cs_error *err)
{
    return util_line_check(s, field, err);
}

/* ---------------------------------------------------------------- support */

enum cs_rc
idea_root(struct cs_db *db, int64_t id, int64_t *root,
          enum cs_status *root_status, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    bool found = false;
    enum cs_rc rc;

    /* The depth bound only guards against a damaged file: merges never
     * make a cycle. */
    stmt_prepare(&st, db,
        "WITH RECURSIVE up(id, next, status, depth) AS ("
        "  SELECT id, merged_into, status, 0 FROM idea WHERE id = :id"
        "  UNION ALL"
        "  SELECT i.id, i.merged_into, i.status, up.depth + 1"
        "  FROM idea i JOIN up ON i.id = up.next WHERE up.depth < 1000)"
        " SELECT id, status FROM up WHERE next IS NULL");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        found = true;
        *root = stmt_int64(&st, 0);
        if (root_status)
            *root_status = idea_stored_status(stmt_text(&st, 1));
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = no_idea(err, id);
    return rc;
}

enum cs_rc
idea_support_recompute(struct cs_db *db, int64_t root, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "UPDATE idea SET support = ("
        "  WITH RECURSIVE grp(id) AS ("
        "    SELECT :root UNION"
        "    SELECT i.id FROM idea i JOIN grp ON i.merged_into = grp.id)"
        "  SELECT (SELECT count(DISTINCT v.participant_id) FROM vote v"
        "          WHERE v.idea_id IN grp)"
        "       + (SELECT coalesce(sum(t.count), 0) FROM tally t"
        "          WHERE t.idea_id IN grp))"
        " WHERE id = :root");
    stmt_bind_int64(&st, ":root", root);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    return rc;
}

/* ---------------------------------------------------------------- add */

/* The parameters of the one INSERT INTO idea, in idx[] order. */
static const char *const insert_params[20] = {
    ":c", ":theme", ":kind", ":title", ":body", ":author", ":channel",
    ":ref", ":batch", ":submitted", ":now", ":login", ":status", ":answer",
    ":reason", ":before", ":paper", ":check", NULL
};

static const char sql_insert[] =
    "INSERT INTO idea(consultation_id, theme_id, kind, title, body,"
    " author_id, channel, form_ref, batch_id, submitted_at, entered_at,"
    " entered_by, status, status_changed_at, status_changed_by, answer,"
    " hidden_reason, status_before, paper_batch_id, entry_check)"
    " VALUES (:c, :theme, :kind, :title, :body, :author, :channel, :ref,"
    " :batch, :submitted, :now, :login, :status, :now, :login, :answer,"
    " :reason, :before, :paper, :check)";

static void
insert_params_find(struct idea_insert *ins)
{
    for (int i = 0; insert_params[i]; i++)
        ins->idx[i] = sqlite3_bind_parameter_index(ins->st, insert_params[i]);
}

enum cs_rc
idea_insert_prepare(struct cs_db *db, struct idea_insert *ins,
                    struct cs_error *err)
{
    int src;

    memset(ins, 0, sizeof *ins);
    src = sqlite3_prepare_v3(db->sql, sql_insert, -1,
                             SQLITE_PREPARE_PERSISTENT, &ins->st, NULL);
    if (src != SQLITE_OK) {
        ins->st = NULL;
        return db_error(db, src, err);
    }
    insert_params_find(ins);
    return CS_OK;
}

/* The same statement from the handle's cache, for one idea: preparing it
 * compiles the idea table's triggers, a tenth of the time of an idea
 * keyed in. `st` gives it back (stmt_finish). */
static enum cs_rc
insert_cached(struct cs_db *db, struct idea_insert *ins, struct stmt *st,
              struct cs_error *err)
{
    enum cs_rc rc;

    memset(ins, 0, sizeof *ins);
    stmt_prepare(st, db, sql_insert);
    if ((rc = stmt_status(st, err)) != CS_OK)
        return rc;
    ins->st = st->st;
    insert_params_find(ins);
    return CS_OK;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v == NULL)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static void
bind_id(sqlite3_stmt *st, int i, int64_t v)
{
    if (v == 0)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int64(st, i, v);
}

enum cs_rc
idea_insert_run(struct cs_db *db, struct idea_insert *ins,
                const struct idea_row *r, int64_t *id, struct cs_error *err)
{
    sqlite3_stmt *st = ins->st;
    const int *x = ins->idx;
    int src;

    sqlite3_bind_int64(st, x[0], r->consultation_id);
    sqlite3_bind_int64(st, x[1], r->theme_id);
    bind_text(st, x[2], cs_kind_name(r->kind));
    bind_text(st, x[3], r->title);
    bind_text(st, x[4], r->body);
    bind_id(st, x[5], r->author_id);
    bind_text(st, x[6], cs_channel_name(r->channel));
    bind_text(st, x[7], r->form_ref);
    bind_id(st, x[8], r->batch_id);
    bind_text(st, x[9], r->submitted_at);
    bind_text(st, x[10], r->now);
    bind_text(st, x[11], db->login);
    bind_text(st, x[12], cs_status_name(r->status));
    bind_text(st, x[13], r->answer);
    bind_text(st, x[14], r->hidden_reason);
    bind_text(st, x[15], r->status_before);
    bind_id(st, x[16], r->paper_batch_id);
    bind_text(st, x[17], r->entry_check);
    src = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (src != SQLITE_DONE)
        return db_error(db, src, err);
    *id = sqlite3_last_insert_rowid(db->sql);
    return CS_OK;
}

void
idea_insert_finish(struct idea_insert *ins)
{
    sqlite3_finalize(ins->st);
    ins->st = NULL;
}

enum cs_rc
idea_paper_batch_check(struct cs_db *db, int64_t consultation_id,
                       int64_t paper_batch_id, bool double_ok,
                       struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, "SELECT consultation_id, closed_at IS NOT NULL,"
                          " double_entry FROM paper_batch WHERE id = :id");
    stmt_bind_int64(&st, ":id", paper_batch_id);
    if (stmt_row(&st)) {
        rc = CS_OK;
        if (stmt_int64(&st, 0) != consultation_id)
            rc = cs_error_field(err, CS_ECONFLICT, "batch",
                _("Batch %lld belongs to another consultation."),
                (long long)paper_batch_id);
        else if (stmt_int64(&st, 1))
            rc = cs_error_field(err, CS_ECONFLICT, "batch",
                _("Batch %lld is closed: no form can be added to it."),
                (long long)paper_batch_id);
        else if (stmt_int64(&st, 2) && !double_ok)
            rc = cs_error_field(err, CS_ECONFLICT, "batch",
                _("Batch %lld is keyed twice (double entry): its forms are "
                  "keyed one at a time, each with its form reference."),
                (long long)paper_batch_id);
    } else if ((rc = stmt_status(&st, err)) == CS_OK) {
        rc = cs_error_field(err, CS_ENOTFOUND, "batch", _("No batch %lld."),
                            (long long)paper_batch_id);
    }
    stmt_finish(&st);
    return rc;
}

/* idea_insert's work, inside its savepoint. */
static enum cs_rc
idea_insert_rows(struct cs_db *db, const struct cs_idea_new *in,
                 int64_t batch_id, const char *entry_check, int64_t *id,
                 struct cs_error *err)
{
    struct idea_insert ins;
    struct stmt st = STMT_INIT;
    struct idea_row row;
    char submitted[32], now[32];
    char *body = NULL, *title = NULL, *ref = NULL;
    int64_t author = 0, new_id = 0;
    enum cs_rc rc;

    if (in == NULL)
        return cs_error_set(err, CS_EINVAL, "%s", _("No idea given."));
    if (util_is_blank(in->body))
        return cs_error_field(err, CS_EINVAL, "body", "%s",
                              _("An idea needs a text."));
    if ((rc = text_check(in->body, "body", err)) != CS_OK
        || (rc = line_check(in->title, "title", err)) != CS_OK
        || (rc = line_check(in->form_ref, "form_ref", err)) != CS_OK)
        return rc;
    if ((unsigned)in->kind >= CS_KIND_COUNT)
        return cs_error_field(err, CS_EINVAL, "kind", "%s",
                              _("Invalid kind."));
    if ((unsigned)in->channel >= CS_CHANNEL_COUNT)
        return cs_error_field(err, CS_EINVAL, "channel", "%s",
                              _("Invalid channel."));
    if (!util_is_blank(in->submitted_at)) {
        rc = cs_date_parse(in->submitted_at, submitted, sizeof submitted,
                           err);
        if (rc != CS_OK)
            return error_rename_field(err, "submitted_at", rc);
    } else {
        now_to_second(submitted);
    }

    body = util_trim_dup(in->body);
    title = util_is_blank(in->title) ? idea_title_from_body(body ? body : "")
                                     : util_trim_dup(in->title);
    ref = util_is_blank(in->form_ref) ? NULL : util_trim_dup(in->form_ref);
    if (body == NULL || title == NULL
        || (!util_is_blank(in->form_ref) && ref == NULL)) {
        rc = no_memory(err);
        goto out;
    }
    if ((rc = consultation_check(db, in->consultation_id, err)) != CS_OK
        || (rc = cons_write_check(db, in->consultation_id, CONS_WRITE_CONTRIB,
                                  (int)in->channel,
                                  util_is_blank(in->submitted_at)
                                  ? NULL : submitted, NULL, err))
           != CS_OK
        || (rc = theme_check(db, in->consultation_id, in->theme_id, err))
           != CS_OK)
        goto out;
    if (in->paper_batch_id != 0
        && (rc = idea_paper_batch_check(db, in->consultation_id,
                                        in->paper_batch_id,
                                        entry_check != NULL, err)) != CS_OK)
        goto out;
    if (ref && (rc = form_ref_check(db, in->consultation_id, ref, 0, err))
               != CS_OK)
        goto out;
    if (in->author
        && (rc = participant_resolve(db, in->author, &author, NULL, err))
           != CS_OK)
        goto out;

    util_now(now);
    memset(&row, 0, sizeof row);
    row.consultation_id = in->consultation_id;
    row.theme_id = in->theme_id;
    row.author_id = author;
    row.batch_id = batch_id;
    row.kind = in->kind;
    row.channel = in->channel;
    row.status = CS_STATUS_NEW;
    row.title = title;
    row.body = body;
    row.form_ref = ref;
    row.submitted_at = submitted;
    row.now = now;
    row.paper_batch_id = in->paper_batch_id;
    row.entry_check = in->paper_batch_id != 0 ? entry_check : NULL;
    if ((rc = insert_cached(db, &ins, &st, err)) == CS_OK)
        rc = idea_insert_run(db, &ins, &row, &new_id, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        goto out;
    rc = audit_write(db, "add", "idea", new_id, new_id, NULL, err);
out:
    free(body);
    free(title);
    free(ref);
    if (rc == CS_OK && id)
        *id = new_id;
    return rc;
}

enum cs_rc
idea_insert(struct cs_db *db, const struct cs_idea_new *in, int64_t batch_id,
            int64_t *id, struct cs_error *err)
{
    int64_t new_id = 0;
    enum cs_rc rc;

    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    rc = idea_insert_rows(db, in, batch_id, NULL, &new_id, err);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && id)
        *id = new_id;
    return rc;
}

enum cs_rc
idea_insert_entry(struct cs_db *db, const struct cs_idea_new *in,
                  const char *entry_check, int64_t *id, struct cs_error *err)
{
    int64_t new_id = 0;
    enum cs_rc rc;

    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    rc = idea_insert_rows(db, in, 0, entry_check, &new_id, err);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && id)
        *id = new_id;
    return rc;
}

enum cs_rc
cs_idea_add(struct cs_db *db, const struct cs_idea_new *in, int64_t *id,
            struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_ADD_IDEA, err)) != CS_OK)
        return rc;
    return idea_insert(db, in, 0, id, err);
}

/* ---------------------------------------------------------------- read */

enum cs_rc
cs_idea_get(struct cs_db *db, int64_t id, struct cs_idea *out,
            struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_idea idea;
    bool found = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, IDEA_ROW_COLUMNS " FROM idea i WHERE i.id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        idea_row_read(&st, &idea);
        found = true;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = no_idea(err, id);
    if (rc != CS_OK) {
        if (found)
            cs_idea_clear(&idea);
        return rc;
    }
    *out = idea;
    return CS_OK;
}

/* ---------------------------------------------------------------- update */

/*
 * The update of cs_idea_update, and of idea_entry_update (`owner`
 * false: no owner check; `submitted` and `author` set too, when not
 * NULL), inside its own transaction or savepoint.
 */
static enum cs_rc
idea_update_do(struct cs_db *db, int64_t id, int64_t if_version,
               const struct cs_idea_change *ch, const char *submitted,
               const struct cs_person *author, bool owner,
               struct cs_error *err)
{
    static const struct cs_idea_change none;
    struct stmt st = STMT_INIT;
    struct idea_head h;
    char *before = NULL, *title = NULL, *body = NULL, *ref = NULL;
    int64_t author_id = 0;
    enum cs_rc rc;

    if (ch == NULL)
        ch = &none;
    if (ch->body && util_is_blank(ch->body))
        return cs_error_field(err, CS_EINVAL, "body", "%s",
                              _("An idea needs a text."));
    if ((rc = text_check(ch->body, "body", err)) != CS_OK
        || (rc = line_check(ch->title, "title", err)) != CS_OK
        || (rc = line_check(ch->form_ref, "form_ref", err)) != CS_OK)
        return rc;
    if (ch->kind && (unsigned)*ch->kind >= CS_KIND_COUNT)
        return cs_error_field(err, CS_EINVAL, "kind", "%s",
                              _("Invalid kind."));
    if (ch->channel && (unsigned)*ch->channel >= CS_CHANNEL_COUNT)
        return cs_error_field(err, CS_EINVAL, "channel", "%s",
                              _("Invalid channel."));
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    if ((rc = head_read(db, id, &h, err)) != CS_OK)
        goto out;
    if ((owner && (rc = role_require_owner(db, h.entered_by, err)) != CS_OK)
        || (rc = version_check(db, &h, if_version, err)) != CS_OK)
        goto out;
    /* A service alone is that service's anonymous participant. */
    if (author && cs_person_is_given(author)
        && (rc = participant_resolve(db, author, &author_id, NULL, err))
           != CS_OK)
        goto out;
    if (ch->theme_id != 0
        && (rc = theme_check(db, h.consultation_id, ch->theme_id, err))
           != CS_OK)
        goto out;
    if (ch->body && (body = util_trim_dup(ch->body)) == NULL) {
        rc = no_memory(err);
        goto out;
    }
    /* An empty title is made again from the (new) body, as when adding. */
    if (ch->title) {
        title = util_is_blank(ch->title)
            ? idea_title_from_body(body ? body : h.body ? h.body : "")
            : util_trim_dup(ch->title);
        if (title == NULL) {
            rc = no_memory(err);
            goto out;
        }
    }
    /* An empty form reference takes the reference off. */
    if (!util_is_blank(ch->form_ref)) {
        if ((ref = util_trim_dup(ch->form_ref)) == NULL) {
            rc = no_memory(err);
            goto out;
        }
        if ((rc = form_ref_check(db, h.consultation_id, ref, id, err))
            != CS_OK)
            goto out;
    }
    if ((rc = audit_snapshot(db, "idea", id, &before, err)) != CS_OK)
        goto out;
    stmt_prepare(&st, db,
        "UPDATE idea SET theme_id = coalesce(:theme, theme_id),"
        " title = coalesce(:title, title), body = coalesce(:body, body),"
        " form_ref = CASE WHEN :set_ref THEN :ref ELSE form_ref END,"
        " kind = coalesce(:kind, kind), channel = coalesce(:channel, channel),"
        " submitted_at = coalesce(:submitted, submitted_at),"
        " author_id = CASE WHEN :set_author THEN :author ELSE author_id END,"
        " version = version + 1 WHERE id = :id");
    stmt_bind_id(&st, ":theme", ch->theme_id);
    stmt_bind_text(&st, ":title", title);
    stmt_bind_text(&st, ":body", body);
    stmt_bind_int64(&st, ":set_ref", ch->form_ref != NULL);
    stmt_bind_text(&st, ":ref", ref);
    stmt_bind_text(&st, ":kind", ch->kind ? cs_kind_name(*ch->kind) : NULL);
    stmt_bind_text(&st, ":channel",
                   ch->channel ? cs_channel_name(*ch->channel) : NULL);
    stmt_bind_text(&st, ":submitted", submitted);
    stmt_bind_int64(&st, ":set_author", author != NULL);
    stmt_bind_id(&st, ":author", author_id);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) == CS_OK)
        rc = audit_write(db, "update", "idea", id, id, before, err);
out:
    stmt_finish(&st);
    head_clear(&h);
    free(before);
    free(title);
    free(body);
    free(ref);
    return txn_end(db, rc, err);
}

enum cs_rc
cs_idea_update(struct cs_db *db, int64_t id, int64_t if_version,
               const struct cs_idea_change *ch, struct cs_error *err)
{
    static const struct cs_person anonymous;
    char submitted[32];
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_EDIT_IDEA, err)) != CS_OK)
        return rc;
    if (ch == NULL)
        return cs_error_set(err, CS_EINVAL, "%s", _("No change given."));
    submitted[0] = '\0';
    if (!util_is_blank(ch->submitted_at)
        && (rc = cs_date_parse(ch->submitted_at, submitted, sizeof submitted,
                               err)) != CS_OK)
        return error_rename_field(err, "submitted_at", rc);
    return idea_update_do(db, id, if_version, ch,
                          submitted[0] ? submitted : NULL,
                          !ch->set_author ? NULL
                          : ch->author ? ch->author : &anonymous,
                          true, err);
}

enum cs_rc
idea_entry_update(struct cs_db *db, int64_t id,
                  const struct cs_idea_change *ch, const char *submitted_at,
                  const struct cs_person *author, struct cs_error *err)
{
    return idea_update_do(db, id, 0, ch, submitted_at, author, false, err);
}

/* ---------------------------------------------------------------- status */

/* Keep an answer given to idea `id` (by session `session_id`, 0: none):
 * published at once, unless the idea's consultation holds its answers
 * until an admin publishes them (cs_session_publish,
 * cs_consultation_publish). */
static enum cs_rc
answer_keep(struct cs_db *db, int64_t id, enum cs_status to,
            const char *answer, const char *now, int64_t session_id,
            struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "INSERT INTO idea_answer(idea_id, status, answer, given_at, given_by,"
        " published_at, published_by, session_id)"
        " SELECT :id, :status, :answer, :now, :login,"
        " CASE WHEN c.hold_answers THEN NULL ELSE :now END,"
        " CASE WHEN c.hold_answers THEN NULL ELSE :login END, :session"
        " FROM idea i JOIN consultation c ON c.id = i.consultation_id"
        " WHERE i.id = :id");
    stmt_bind_int64(&st, ":id", id);
    stmt_bind_text(&st, ":status", cs_status_name(to));
    stmt_bind_text(&st, ":answer", answer);
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    stmt_bind_id(&st, ":session", session_id);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
cs_idea_answers(struct cs_db *db, int64_t id, struct cs_idea_answer_list **out,
                struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_idea_answer_list *l;
    size_t cap = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((rc = idea_exists(db, id, err)) != CS_OK)
        return rc;
    if ((l = calloc(1, sizeof *l)) == NULL)
        return no_memory(err);
    stmt_prepare(&st, db,
        "SELECT id, status, answer, given_at, given_by, published_at,"
        " published_by, coalesce(session_id, 0) FROM idea_answer"
        " WHERE idea_id = :id ORDER BY id");
    stmt_bind_int64(&st, ":id", id);
    while (stmt_row(&st)) {
        struct cs_idea_answer *a;
        void *grown = util_grow(l->items, &cap, l->count, sizeof *l->items);

        if (grown == NULL) {
            rc = no_memory(err);
            goto out;
        }
        l->items = grown;
        a = &l->items[l->count++];
        a->id = stmt_int64(&st, 0);
        a->status = idea_stored_status(stmt_text(&st, 1));
        a->answer = stmt_text_dup(&st, 2);
        a->given_at = stmt_text_dup(&st, 3);
        a->given_by = stmt_text_dup(&st, 4);
        a->published_at = stmt_text_dup(&st, 5);
        a->published_by = stmt_text_dup(&st, 6);
        a->session_id = stmt_int64(&st, 7);
    }
    rc = stmt_status(&st, err);
out:
    stmt_finish(&st);
    if (rc != CS_OK) {
        cs_idea_answer_list_free(l);
        return rc;
    }
    *out = l;
    return CS_OK;
}

void
cs_idea_answer_list_free(struct cs_idea_answer_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].answer);
        free(list->items[i].given_at);
        free(list->items[i].given_by);
        free(list->items[i].published_at);
        free(list->items[i].published_by);
    }
    free(list->items);
    free(list);
}

/* What every move to `to` needs before a transaction: a known status and
 * the role for it (hiding is moderation, the rest are decisions). */
static enum cs_rc
status_precheck(struct cs_db *db, enum cs_status to, struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = op_require(db, to == CS_STATUS_HIDDEN ? CS_OP_HIDE
                                                     : CS_OP_SET_STATUS,
                         err)) != CS_OK)
        return rc;
    if ((unsigned)to >= CS_STATUS_COUNT)
        return cs_error_field(err, CS_EINVAL, "status", "%s",
                              _("Invalid status."));
    return CS_OK;
}

/* The journal row of a status set by the close of session `session_id`:
 * the idea as it is now, with the session named in "after". */
static enum cs_rc
audit_status_by_session(struct cs_db *db, int64_t id, const char *before,
                        int64_t session_id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *after = NULL, *named = NULL;
    enum cs_rc rc;

    if ((rc = audit_snapshot(db, "idea", id, &after, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT json_set(:after, '$.session_id', :s)");
    stmt_bind_text(&st, ":after", after);
    stmt_bind_int64(&st, ":s", session_id);
    if (stmt_row(&st))
        named = stmt_text_dup(&st, 0);
    if ((rc = stmt_status(&st, err)) == CS_OK)
        rc = audit_write_raw(db, "status", "idea", id, id, before,
                             named ? named : after, err);
    stmt_finish(&st);
    free(after);
    free(named);
    return rc;
}

enum cs_rc
idea_status_apply(struct cs_db *db, int64_t id, int64_t if_version,
                  enum cs_status to, const char *text, int64_t session_id,
                  struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct idea_head h;
    char *before = NULL, *trimmed = NULL;
    char now[32];
    enum cs_rc rc;

    if ((rc = head_read(db, id, &h, err)) != CS_OK)
        return rc;
    if ((rc = version_check(db, &h, if_version, err)) != CS_OK)
        goto out;
    if (h.status == CS_STATUS_MERGED) {
        rc = cs_error_set(err, CS_ECONFLICT,
            _("Idea %lld is merged into idea %lld: unmerge it first."),
            (long long)id, (long long)h.merged_into);
        goto out;
    }
    if (to == CS_STATUS_MERGED) {
        rc = cs_error_set(err, CS_ECONFLICT, "%s",
            _("An idea becomes merged only by merging it into another."));
        goto out;
    }
    if (!cs_status_transition_ok(h.status, to)) {
        rc = cs_error_set(err, CS_ECONFLICT,
            _("Cannot move idea %lld from %s to %s."), (long long)id,
            cs_status_label(h.status), cs_status_label(to));
        goto out;
    }
    if (cs_status_text(to) != CS_TEXT_NONE
        && (trimmed = util_trim_dup(text)) == NULL) {
        rc = no_memory(err);
        goto out;
    }
    if ((rc = audit_snapshot(db, "idea", id, &before, err)) != CS_OK)
        goto out;
    /*
     * Hiding keeps the answer and remembers the status it hid; showing
     * again forgets both the reason and that status. An answer belongs to
     * an answered status: going back to new, reviewing or withdrawn drops
     * it (the journal keeps the text).
     */
    util_now(now);
    stmt_prepare(&st, db,
        "UPDATE idea SET status = :to,"
        " answer = CASE WHEN :answered THEN :text"
        "   WHEN :to = 'hidden' THEN answer ELSE NULL END,"
        " hidden_reason = CASE WHEN :to = 'hidden' THEN :text ELSE NULL END,"
        " status_before = CASE WHEN :to = 'hidden' THEN status ELSE NULL END,"
        " status_changed_at = :now, status_changed_by = :login,"
        " version = version + 1 WHERE id = :id");
    stmt_bind_text(&st, ":to", cs_status_name(to));
    stmt_bind_int64(&st, ":answered", cs_status_needs_answer(to));
    stmt_bind_text(&st, ":text", trimmed);
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    /* Answers are history: a new answer is kept for good (a reopening
     * takes only the current one off); saving the same status and text
     * again gives nothing new to keep. */
    if (cs_status_needs_answer(to)
        && !(h.status == to && h.answer && strcmp(h.answer, trimmed) == 0)
        && (rc = answer_keep(db, id, to, trimmed, now, session_id, err))
           != CS_OK)
        goto out;
    rc = session_id ? audit_status_by_session(db, id, before, session_id, err)
                    : audit_write(db, "status", "idea", id, id, before, err);
out:
    stmt_finish(&st);
    head_clear(&h);
    free(before);
    free(trimmed);
    return rc;
}

enum cs_rc
cs_idea_set_status(struct cs_db *db, int64_t id, int64_t if_version,
                   enum cs_status to, const char *text, struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = status_precheck(db, to, err)) != CS_OK
        || (rc = cs_status_text_check(to, text, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    rc = idea_status_apply(db, id, if_version, to, text, 0, err);
    return txn_end(db, rc, err);
}

/* Name idea `id` in the message of a failure among several. */
static enum cs_rc
name_idea(struct cs_error *err, int64_t id, enum cs_rc rc)
{
    char msg[sizeof err->msg];

    if (err != NULL) {
        snprintf(msg, sizeof msg, "%s", err->msg);
        snprintf(err->msg, sizeof err->msg, _("Idea %lld: %s"),
                 (long long)id, msg);
    }
    return rc;
}

static int
cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return (x > y) - (x < y);
}

/* CS_EINVAL naming the first idea listed twice in `items`. */
static enum cs_rc
status_items_unique(const struct cs_status_item *items, size_t n,
                    struct cs_error *err)
{
    int64_t *ids;
    enum cs_rc rc = CS_OK;

    if (n < 2)
        return CS_OK;
    if ((ids = malloc(n * sizeof *ids)) == NULL)
        return no_memory(err);
    for (size_t i = 0; i < n; i++)
        ids[i] = items[i].id;
    qsort(ids, n, sizeof *ids, cmp_id);
    for (size_t i = 1; i < n && rc == CS_OK; i++)
        if (ids[i] == ids[i - 1])
            rc = cs_error_field(err, CS_EINVAL, "idea",
                                _("Idea %lld is listed twice."),
                                (long long)ids[i]);
    free(ids);
    return rc;
}

enum cs_rc
cs_idea_set_status_many(struct cs_db *db, const struct cs_status_item *items,
                        size_t n, enum cs_status to, const char *text,
                        size_t *failed, struct cs_error *err)
{
    size_t i = 0;
    enum cs_rc rc;

    if (failed)
        *failed = n;
    if ((rc = status_precheck(db, to, err)) != CS_OK
        || (rc = status_items_unique(items, n, err)) != CS_OK)
        return rc;
    /* Every text is checked before the write lock is taken. */
    for (i = 0; i < n; i++) {
        const char *t = items[i].text ? items[i].text : text;

        if ((rc = cs_status_text_check(to, t, err)) != CS_OK)
            goto named;
    }
    if (n == 0)
        return CS_OK;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    for (i = 0; i < n && rc == CS_OK; i++)
        rc = idea_status_apply(db, items[i].id, items[i].if_version, to,
                               items[i].text ? items[i].text : text, 0,
                               err);
    if (rc != CS_OK) {
        i--;                            /* the one that failed */
        txn_end(db, rc, NULL);          /* none of them */
        goto named;
    }
    return txn_end(db, rc, err);
named:
    if (failed)
        *failed = i;
    return n > 1 ? name_idea(err, items[i].id, rc) : rc;
}

/* ---------------------------------------------------------------- edit */

enum cs_rc
cs_idea_can_edit(struct cs_db *db, int64_t id, bool *can,
                 struct cs_error *err)
{
    struct idea_head h;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK
        || (rc = head_read(db, id, &h, err)) != CS_OK)
        return rc;
    *can = cs_db_can(db, CS_OP_EDIT_IDEA) && role_owns(db, h.entered_by);
    head_clear(&h);
    return CS_OK;
}

/* ---------------------------------------------------------------- merge */

/* True (in *cycle) if `id` is `into` or lies on the merged_into chain
 * that starts at `into`. */
static enum cs_rc
merge_would_cycle(struct cs_db *db, int64_t id, int64_t into, bool *cycle,
                  struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "WITH RECURSIVE up(id) AS ("
        "  SELECT :into UNION"
        "  SELECT i.merged_into FROM idea i JOIN up ON i.id = up.id"
        "  WHERE i.merged_into IS NOT NULL)"
        " SELECT 1 FROM up WHERE id = :id");
    stmt_bind_int64(&st, ":into", into);
    stmt_bind_int64(&st, ":id", id);
    *cycle = stmt_row(&st);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
cs_idea_merge(struct cs_db *db, int64_t id, int64_t if_version, int64_t into,
              struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct idea_head src, dst;
    char *before = NULL;
    char now[32];
    bool cycle = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_MERGE, err)) != CS_OK)
        return rc;
    if (id == into)
        return cs_error_field(err, CS_EINVAL, "into", "%s",
                              _("An idea cannot be merged into itself."));
    memset(&src, 0, sizeof src);
    memset(&dst, 0, sizeof dst);
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    if ((rc = head_read(db, id, &src, err)) != CS_OK
        || (rc = version_check(db, &src, if_version, err)) != CS_OK
        || (rc = head_read(db, into, &dst, err)) != CS_OK)
        goto out;
    if (src.consultation_id != dst.consultation_id) {
        rc = cs_error_set(err, CS_ECONFLICT,
            _("Ideas %lld and %lld belong to different consultations."),
            (long long)id, (long long)into);
    } else if (src.status == CS_STATUS_MERGED) {
        rc = cs_error_set(err, CS_ECONFLICT,
            _("Idea %lld is already merged into idea %lld."), (long long)id,
            (long long)src.merged_into);
    } else if (src.status == CS_STATUS_HIDDEN) {
        rc = cs_error_set(err, CS_ECONFLICT,
            _("Idea %lld is hidden: show it again before merging it."),
            (long long)id);
    } else if (dst.status == CS_STATUS_MERGED) {
        rc = cs_error_set(err, CS_ECONFLICT,
            _("Idea %lld is itself merged into idea %lld: merge into that "
              "one instead."), (long long)into, (long long)dst.merged_into);
    } else if (dst.status == CS_STATUS_WITHDRAWN
               || dst.status == CS_STATUS_HIDDEN) {
        rc = cs_error_set(err, CS_ECONFLICT,
            _("Idea %lld is %s: nothing can be merged into it."),
            (long long)into, cs_status_label(dst.status));
    } else if ((rc = merge_would_cycle(db, id, into, &cycle, err)) == CS_OK
               && cycle) {
        rc = cs_error_set(err, CS_ECONFLICT,
            _("Merging idea %lld into idea %lld would make a cycle."),
            (long long)id, (long long)into);
    }
    if (rc != CS_OK)
        goto out;
    if ((rc = audit_snapshot(db, "idea", id, &before, err)) != CS_OK)
        goto out;
    util_now(now);
    stmt_prepare(&st, db,
        "UPDATE idea SET status = 'merged', status_before = status,"
        " merged_into = :into, support = 0, status_changed_at = :now,"
        " status_changed_by = :login, version = version + 1 WHERE id = :id");
    stmt_bind_int64(&st, ":into", into);
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    /* `into` is a root (not merged), so it is the only root that gains. */
    if ((rc = idea_support_recompute(db, into, err)) != CS_OK)
        goto out;
    rc = audit_write(db, "merge", "idea", id, id, before, err);
out:
    stmt_finish(&st);
    head_clear(&src);
    head_clear(&dst);
    free(before);
    return txn_end(db, rc, err);
}

enum cs_rc
cs_idea_unmerge(struct cs_db *db, int64_t id, int64_t if_version,
                struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct idea_head h;
    char *before = NULL;
    char now[32];
    int64_t old_root = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_MERGE, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    if ((rc = head_read(db, id, &h, err)) != CS_OK
        || (rc = version_check(db, &h, if_version, err)) != CS_OK)
        goto out;
    if (h.status != CS_STATUS_MERGED) {
        rc = cs_error_set(err, CS_ECONFLICT, _("Idea %lld is not merged."),
                          (long long)id);
        goto out;
    }
    if ((rc = idea_root(db, h.merged_into, &old_root, NULL, err)) != CS_OK
        || (rc = audit_snapshot(db, "idea", id, &before, err)) != CS_OK)
        goto out;
    util_now(now);
    stmt_prepare(&st, db,
        "UPDATE idea SET status = coalesce(status_before, 'new'),"
        " status_before = NULL, merged_into = NULL, status_changed_at = :now,"
        " status_changed_by = :login, version = version + 1 WHERE id = :id");
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    /* The idea (with whatever was merged into it) leaves its old root's
     * group and becomes a root again. */
    if ((rc = idea_support_recompute(db, old_root, err)) != CS_OK
        || (rc = idea_support_recompute(db, id, err)) != CS_OK)
        goto out;
    rc = audit_write(db, "unmerge", "idea", id, id, before, err);
out:
    stmt_finish(&st);
    head_clear(&h);
    free(before);
    return txn_end(db, rc, err);
}

/* ---------------------------------------------------------------- tags */

static enum cs_rc
idea_exists(struct cs_db *db, int64_t id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, "SELECT 1 FROM idea WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st))
        rc = CS_OK;
    else if ((rc = stmt_status(&st, err)) == CS_OK)
        rc = no_idea(err, id);
    stmt_finish(&st);
    return rc;
}

/* The tag whose folded name is `key`: its id (0 when none) and name. */
static enum cs_rc
tag_find(struct cs_db *db, const char *key, int64_t *tag_id, char **name,
         struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *tag_id = 0;
    *name = NULL;
    stmt_prepare(&st, db, "SELECT id, name FROM tag WHERE name_key = :key");
    stmt_bind_text(&st, ":key", key);
    if (stmt_row(&st)) {
        *tag_id = stmt_int64(&st, 0);
        *name = stmt_text_dup(&st, 1);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK) {
        free(*name);
        *name = NULL;
    }
    return rc;
}

/* The journal's picture of one idea-tag link. */
static enum cs_rc
tag_json(struct cs_db *db, int64_t idea_id, const char *name, char **json,
         struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *json = NULL;
    stmt_prepare(&st, db, "SELECT json_object('idea_id', :idea, 'tag', :tag)");
    stmt_bind_int64(&st, ":idea", idea_id);
    stmt_bind_text(&st, ":tag", name);
    if (stmt_row(&st))
        *json = stmt_text_dup(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* Tag `tag` (checked) made ready: trimmed, and its folded key. */
static enum cs_rc
tag_name(const char *tag, char **name, char **key, struct cs_error *err)
{
    enum cs_rc rc;

    *name = *key = NULL;
    if (util_is_blank(tag))
        return cs_error_field(err, CS_EINVAL, "tag", "%s",
                              _("The tag is empty."));
    if ((rc = line_check(tag, "tag", err)) != CS_OK)
        return rc;
    /* Files list an idea's tags in one cell, split at these: a tag holding
     * one would come back from an export as two. */
    if (strpbrk(tag, ",;|\n") != NULL)
        return cs_error_field(err, CS_EINVAL, "tag",
            _("A tag cannot contain \",\", \";\" or \"|\": they separate "
              "the tags of an idea in files (\"%s\")."), tag);
    if ((*name = util_trim_dup(tag)) == NULL)
        return no_memory(err);
    if (u8_chars(*name, strlen(*name)) > TAG_MAX) {
        free(*name);
        *name = NULL;
        return cs_error_field(err, CS_EINVAL, "tag",
                              _("A tag has at most %d characters."), TAG_MAX);
    }
    if ((rc = util_fold(*name, key, err)) != CS_OK) {
        free(*name);
        *name = NULL;
    }
    return rc;
}

/* Put tag `name` (folded: `key`) on idea `id`, or take it off, inside the
 * caller's transaction: the version goes up and the journal says so only
 * when something changed. */
static enum cs_rc
tag_apply(struct cs_db *db, int64_t id, const char *name, const char *key,
          bool remove, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *stored = NULL, *json = NULL;
    int64_t tag_id = 0;
    enum cs_rc rc;

    if ((rc = tag_find(db, key, &tag_id, &stored, err)) != CS_OK)
        goto out;
    if (remove) {
        if (tag_id == 0)
            goto out;               /* no such tag: nothing to take off */
        stmt_prepare(&st, db, "DELETE FROM idea_tag WHERE idea_id = :idea"
                              " AND tag_id = :tag");
    } else {
        if (tag_id == 0) {
            /* First use: the tag is spelt as it was first typed. */
            stmt_prepare(&st, db, "INSERT INTO tag(name, name_key)"
                                  " VALUES (:name, :key)");
            stmt_bind_text(&st, ":name", name);
            stmt_bind_text(&st, ":key", key);
            if ((rc = stmt_run(&st, err)) != CS_OK)
                goto out;
            tag_id = stmt_last_id(&st);
            stmt_finish(&st);
            if ((rc = audit_touch(db, "tag", tag_id, err)) != CS_OK)
                goto out;
            free(stored);
            if ((stored = strdup(name)) == NULL) {
                rc = no_memory(err);
                goto out;
            }
        }
        stmt_prepare(&st, db, "INSERT OR IGNORE INTO idea_tag(idea_id, tag_id)"
                              " VALUES (:idea, :tag)");
    }
    stmt_bind_int64(&st, ":idea", id);
    stmt_bind_int64(&st, ":tag", tag_id);
    if ((rc = stmt_run(&st, err)) != CS_OK || stmt_changes(&st) == 0)
        goto out;                   /* nothing changed: nothing to journal */
    stmt_finish(&st);
    stmt_prepare(&st, db, "UPDATE idea SET version = version + 1"
                          " WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) != CS_OK
        || (rc = tag_json(db, id, stored, &json, err)) != CS_OK)
        goto out;
    rc = audit_write_raw(db, remove ? "untag" : "tag", "idea_tag", tag_id, id,
                         remove ? json : NULL, remove ? NULL : json, err);
out:
    stmt_finish(&st);
    free(stored);
    free(json);
    return rc;
}

enum cs_rc
cs_idea_tag_many(struct cs_db *db, int64_t id, int64_t if_version,
                 const char *const *tags, size_t n, bool remove,
                 struct cs_error *err)
{
    struct idea_head h;
    char **names = NULL, **keys = NULL;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_TAG, err)) != CS_OK)
        return rc;
    if ((names = calloc(n ? n : 1, sizeof *names)) == NULL
        || (keys = calloc(n ? n : 1, sizeof *keys)) == NULL) {
        free(names);
        return no_memory(err);
    }
    /* Every tag checked before anything is written. */
    for (size_t i = 0; i < n; i++)
        if ((rc = tag_name(tags[i], &names[i], &keys[i], err)) != CS_OK)
            goto done;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        goto done;
    memset(&h, 0, sizeof h);
    if ((rc = head_read(db, id, &h, err)) == CS_OK
        && (rc = version_check(db, &h, if_version, err)) == CS_OK) {
        for (size_t i = 0; i < n && rc == CS_OK; i++)
            rc = tag_apply(db, id, names[i], keys[i], remove, err);
    }
    head_clear(&h);
    rc = txn_end(db, rc, err);
done:
    for (size_t i = 0; i < n; i++) {
        free(names[i]);
        free(keys[i]);
    }
    free(names);
    free(keys);
    return rc;
}

enum cs_rc
cs_idea_tag(struct cs_db *db, int64_t id, int64_t if_version, const char *tag,
            bool remove, struct cs_error *err)
{
    return cs_idea_tag_many(db, id, if_version, &tag, 1, remove, err);
}

enum cs_rc
cs_idea_tags(struct cs_db *db, int64_t id, const char *sep, char **out,
             struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *buf = NULL;
    size_t len = 0, cap = 0, seplen;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((rc = idea_exists(db, id, err)) != CS_OK)
        return rc;
    if (sep == NULL)
        sep = ", ";
    seplen = strlen(sep);
    if ((buf = calloc(1, 1)) == NULL)
        return no_memory(err);
    stmt_prepare(&st, db,
        "SELECT g.name FROM idea_tag it JOIN tag g ON g.id = it.tag_id"
        " WHERE it.idea_id = :id ORDER BY g.name_key, g.name");
    stmt_bind_int64(&st, ":id", id);
    while (stmt_row(&st)) {
        const char *name = stmt_text(&st, 0);
        size_t n = strlen(name), need = len + (len ? seplen : 0) + n + 1;

        if (need > cap) {
            size_t ncap = need * 2;
            char *p = realloc(buf, ncap);

            if (p == NULL) {
                rc = no_memory(err);
                goto out;
            }
            buf = p;
            cap = ncap;
        }
        if (len) {
            memcpy(buf + len, sep, seplen);
            len += seplen;
        }
        memcpy(buf + len, name, n + 1);
        len += n;
    }
    rc = stmt_status(&st, err);
out:
    stmt_finish(&st);
    if (rc != CS_OK) {
        free(buf);
        return rc;
    }
    *out = buf;
    return CS_OK;
}

/* ---------------------------------------------------------------- lists */

/*
 * Keyset pages. A page after the cursor (k, id) in an order on column k is
 * read in two index seeks: the rest of the cursor's tie (k = :k and id
 * beyond :id, in id order), then the rows beyond :k. One row-value test
 * (k, id) > (:k, :id) would be simpler, but SQLite 3.40 seeks on k alone
 * when the second column is the rowid, so a deep page inside a large tie
 * (thousands of forms dated the same day) would walk the whole tie.
 *
 * One literal per order, direction, part, and "consultation given or
 * not", each with its own plan. Filters that are not given bind NULL and
 * fall away; the consultation and the keys are the only indexable terms,
 * so with a consultation the date and support orders walk idea_by_date
 * and idea_by_support in order and stop after one page, however deep. The
 * first page binds a key below (or above) every row rather than testing
 * for "no cursor", which would hide the range from the planner.
 */
#define LIST_FROM IDEA_ROW_COLUMNS " FROM idea i"
#define LIST_CONS LIST_FROM " WHERE i.consultation_id = :cons" IDEA_FILTERS
#define LIST_ALL LIST_FROM " WHERE 1" IDEA_FILTERS
/* "+" keeps the planner from taking an idea_by_* range and sorting it by
 * id: the rowid walk is already in order. */
#define LIST_CONS_BY_ID \
    LIST_FROM " WHERE +i.consultation_id = :cons" IDEA_FILTERS

#define TIE_DATE_ASC " AND i.submitted_at = :k_date AND i.id > :k_id" \
    " ORDER BY i.id LIMIT :lim"
#define TIE_DATE_DESC " AND i.submitted_at = :k_date AND i.id < :k_id" \
    " ORDER BY i.id DESC LIMIT :lim"
#define AFTER_DATE_ASC " AND i.submitted_at > :k_date" \
    " ORDER BY i.submitted_at, i.id LIMIT :lim"
#define AFTER_DATE_DESC " AND i.submitted_at < :k_date" \
    " ORDER BY i.submitted_at DESC, i.id DESC LIMIT :lim"
#define TIE_SUPPORT_ASC " AND i.support = :k_support AND i.id > :k_id" \
    " ORDER BY i.id LIMIT :lim"
#define TIE_SUPPORT_DESC " AND i.support = :k_support AND i.id < :k_id" \
    " ORDER BY i.id DESC LIMIT :lim"
#define AFTER_SUPPORT_ASC " AND i.support > :k_support" \
    " ORDER BY i.support, i.id LIMIT :lim"
#define AFTER_SUPPORT_DESC " AND i.support < :k_support" \
    " ORDER BY i.support DESC, i.id DESC LIMIT :lim"
#define AFTER_ID_ASC " AND i.id > :k_id ORDER BY i.id LIMIT :lim"
#define AFTER_ID_DESC " AND i.id < :k_id ORDER BY i.id DESC LIMIT :lim"

const char *
idea_list_sql(enum cs_idea_order order, bool descending, bool by_consultation,
              bool tie)
{
    /* [consultation given][order][tie part][descending] */
    static const char *const sql[2][3][2][2] = {
        {
            { { LIST_ALL AFTER_DATE_ASC, LIST_ALL AFTER_DATE_DESC },
              { LIST_ALL TIE_DATE_ASC, LIST_ALL TIE_DATE_DESC } },
            { { LIST_ALL AFTER_ID_ASC, LIST_ALL AFTER_ID_DESC },
              { NULL, NULL } },
            { { LIST_ALL AFTER_SUPPORT_ASC, LIST_ALL AFTER_SUPPORT_DESC },
              { LIST_ALL TIE_SUPPORT_ASC, LIST_ALL TIE_SUPPORT_DESC } },
        },
        {
            { { LIST_CONS AFTER_DATE_ASC, LIST_CONS AFTER_DATE_DESC },
              { LIST_CONS TIE_DATE_ASC, LIST_CONS TIE_DATE_DESC } },
            { { LIST_CONS_BY_ID AFTER_ID_ASC, LIST_CONS_BY_ID AFTER_ID_DESC },
              { NULL, NULL } },
            { { LIST_CONS AFTER_SUPPORT_ASC, LIST_CONS AFTER_SUPPORT_DESC },
              { LIST_CONS TIE_SUPPORT_ASC, LIST_CONS TIE_SUPPORT_DESC } },
        },
    };
    unsigned o = (unsigned)order <= CS_ORDER_SUPPORT ? (unsigned)order : 0;

    return sql[by_consultation ? 1 : 0][o][tie ? 1 : 0][descending ? 1 : 0];
}

/* Where a part of a page starts, and what the page asks for. */
struct list_query {
    const struct cs_idea_filter *f;
    const struct idea_filter *v;    /* the filter's values */
    struct idea_keyset k;
    size_t limit;                   /* rows in a page */
};

/* Run one part (`tie` or not) of a page, appending to `list` until it
 * holds q->limit rows; sets *more when a row beyond those exists. */
static enum cs_rc
list_part(struct cs_db *db, const struct list_query *q, bool tie,
          struct cs_idea_list *list, size_t *cap, bool *more,
          struct cs_error *err)
{
    const struct cs_idea_filter *f = q->f;
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, idea_list_sql(f->order, f->descending,
                                        f->consultation_id != 0, tie));
    idea_filter_bind(&st, q->v);
    if (f->order == CS_ORDER_DATE)
        stmt_bind_text(&st, ":k_date", q->k.date);
    else if (f->order == CS_ORDER_SUPPORT)
        stmt_bind_int64(&st, ":k_support", q->k.support);
    if (tie || f->order == CS_ORDER_ID)
        stmt_bind_int64(&st, ":k_id", q->k.id);
    /* One row more than the page holds says whether another follows. */
    stmt_bind_int64(&st, ":lim", (int64_t)(q->limit - list->count) + 1);
    rc = idea_page_fill(&st, list, cap, q->limit, more, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
cs_idea_list(struct cs_db *db, const struct cs_idea_filter *f,
             const struct cs_idea_cursor *after, size_t limit,
             struct cs_idea_list **out, struct cs_error *err)
{
    struct cs_idea_filter all;
    struct idea_filter v;
    struct list_query q;
    struct cs_idea_list *list;
    size_t cap = 0;
    bool more = false, start = after == NULL || !after->valid;
    enum cs_rc rc = CS_OK;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if (f == NULL) {
        cs_idea_filter_init(&all);
        f = &all;
    }
    if ((rc = idea_filter_from(f, &v, err)) != CS_OK)
        return rc;
    if ((list = calloc(1, sizeof *list)) == NULL) {
        idea_filter_clear(&v);
        return no_memory(err);
    }
    q.f = f;
    q.v = &v;
    q.limit = limit < (size_t)INT32_MAX ? limit : (size_t)INT32_MAX;
    idea_keyset_start(after, f->descending, &q.k);
    if (q.limit == 0)
        goto out;
    if (!start && f->order != CS_ORDER_ID)
        rc = list_part(db, &q, true, list, &cap, &more, err);
    if (rc == CS_OK && !more)
        rc = list_part(db, &q, false, list, &cap, &more, err);
    if (rc == CS_OK && more)
        idea_page_next(list);
out:
    idea_filter_clear(&v);
    if (rc != CS_OK) {
        cs_idea_list_free(list);
        return rc;
    }
    *out = list;
    return CS_OK;
}

void
cs_idea_list_free(struct cs_idea_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        cs_idea_clear(&list->items[i]);
    free(list->items);
    free(list);
}

void
cs_idea_filter_init(struct cs_idea_filter *f)
{
    memset(f, 0, sizeof *f);
    f->status = -1;
    f->channel = -1;
    f->kind = -1;
    f->order = CS_ORDER_DATE;
    f->descending = false;
}

/* ---------------------------------------------------------------- counts */

/* cs_idea_count's table, filled from the kept figures. */
struct count_fill {
    struct cs_idea_counts *c;
    size_t cap;
};

static enum cs_rc
count_row(void *ctx, const struct idea_kept *k, struct cs_error *err)
{
    struct count_fill *x = ctx;
    struct cs_idea_counts *c = x->c;
    struct cs_idea_count_row *r;

    if (k->first) {
        void *grown = util_grow(c->rows, &x->cap, c->count, sizeof *c->rows);

        if (grown == NULL)
            return no_memory(err);
        c->rows = grown;
        r = &c->rows[c->count++];
        memset(r, 0, sizeof *r);
        r->theme_id = k->theme_id;
        if ((r->theme_code = strdup(k->theme_code)) == NULL
            || (r->theme_title = strdup(k->theme_title)) == NULL)
            return no_memory(err);
    }
    r = &c->rows[c->count - 1];
    if (k->status >= 0) {
        r->by_status[k->status] += k->ideas;
        c->all.by_status[k->status] += k->ideas;
    }
    r->total += k->ideas;
    c->all.total += k->ideas;
    return CS_OK;
}

enum cs_rc
cs_idea_count(struct cs_db *db, int64_t consultation_id,
              struct cs_idea_counts **out, struct cs_error *err)
{
    struct idea_filter v;
    struct count_fill x = { NULL, 0 };
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((rc = consultation_check(db, consultation_id, err)) != CS_OK)
        return rc;
    if ((x.c = calloc(1, sizeof *x.c)) == NULL)
        return no_memory(err);
    memset(&v, 0, sizeof v);
    v.cons = consultation_id;
    rc = idea_kept_each(db, &v, IDEA_KEPT_ROWS, count_row, &x, err);
    if (rc != CS_OK) {
        cs_idea_counts_free(x.c);
        return rc;
    }
    *out = x.c;
    return CS_OK;
}

void
cs_idea_counts_free(struct cs_idea_counts *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->count; i++) {
        free(c->rows[i].theme_code);
        free(c->rows[i].theme_title);
    }
    free(c->rows);
    free(c);
}

void
cs_idea_clear(struct cs_idea *idea)
{
    if (idea == NULL)
        return;
    free(idea->consultation_code);
    free(idea->theme_code);
    free(idea->title);
    free(idea->body);
    free(idea->form_ref);
    free(idea->submitted_at);
    free(idea->entered_at);
    free(idea->entered_by);
    free(idea->status_changed_at);
    free(idea->answer);
    free(idea->hidden_reason);
    free(idea->entry_check);
    memset(idea, 0, sizeof *idea);
}
