/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * export.c: running an export: kinds and profiles, checking the role and
 * the options, resolving the filters, the read transaction that makes the
 * file one consistent picture, the journal row of a personal-data export,
 * and the outputs: a CSV writer (csv.h) over a stream that hashes and
 * counts every byte on its way to the file, so the manifest's SHA-256
 * costs no second reading.
 *
 * The kinds themselves are in export_rows.c (lists) and export_summary.c
 * (figures); the as-of reconstruction in export_asof.c; manifests in
 * export_manifest.c; the names, cell writers and filter binding they all
 * share in export_out.c, at the bottom. This file is on top of them.
 */
#define _GNU_SOURCE 1   /* fopencookie */

#include "consult/export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit_priv.h"
#include "consult/batch.h"
#include "consult/search.h"
#include "consult/consultation.h"
#include "consult/theme.h"
#include "consult/types.h"
#include "export_asof.h"
#include "export_manifest.h"
#include "export_out.h"
#include "export_rows.h"
#include "export_summary.h"
#include "i18n.h"
#include "idea_row.h"
#include "outfile.h"

enum cs_export_profile
cs_export_default_profile(enum cs_export_kind kind)
{
    switch (kind) {
    case CS_EXPORT_PARTICIPANTS:
    case CS_EXPORT_ANSWERS:
        return CS_PROFILE_INTERNAL_CONTACT;
    case CS_EXPORT_TALLIES:
        return CS_PROFILE_OPEN_DATA;
    default:
        return CS_PROFILE_CODIR;
    }
}

void
cs_export_options_init(struct cs_export_options *o)
{
    memset(o, 0, sizeof *o);
    o->kind = CS_EXPORT_IDEAS;
    o->profile = CS_PROFILE_DEFAULT;
    o->status = -1;
    o->channel = -1;
    o->order = CS_ORDER_ID;
}

/* ---------------------------------------------------------------- outputs */

static ssize_t
hashing_write(void *cookie, const char *buf, size_t n)
{
    struct export_out *o = cookie;

    sha256_update(&o->sha, n, (const uint8_t *)buf);
    o->bytes += n;
    if (fwrite(buf, 1, n, o->dest) != n) {
        if (o->dest_errno == 0)
            o->dest_errno = errno ? errno : EIO;
        errno = o->dest_errno;
        return -1;
    }
    return (ssize_t)n;
}

static int
hashing_close(void *cookie)
{
    (void)cookie;       /* the destination belongs to the caller */
    return 0;
}

static enum cs_rc
out_open(struct export_out *o, FILE *dest,
         const struct cs_csv_writer_options *csv, unsigned mask,
         struct cs_error *err)
{
    static const cookie_io_functions_t io = {
        NULL, hashing_write, NULL, hashing_close,
    };
    enum cs_rc rc;

    memset(o, 0, sizeof *o);
    o->dest = dest;
    o->mask = mask;
    sha256_init(&o->sha);
    if ((o->hashing = fopencookie(o, "w", io)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    /* The writer buffers 64 KiB; ours would only copy it again. */
    setvbuf(o->hashing, NULL, _IONBF, 0);
    if ((rc = cs_csv_writer_open(o->hashing, csv, &o->w, err)) != CS_OK) {
        fclose(o->hashing);
        o->hashing = NULL;
    }
    return rc;
}

/* Flush and close the writer and our stream; write the digest. Safe on an
 * output never opened. */
static enum cs_rc
out_close(struct export_out *o, enum cs_rc rc, char sha_hex[CS_HASH_HEX],
          struct cs_error *err)
{
    uint8_t digest[SHA256_DIGEST_SIZE];
    enum cs_rc wrc = CS_OK;

    if (o->w) {
        wrc = cs_csv_writer_close(o->w, rc == CS_OK ? err : NULL);
        o->w = NULL;
    }
    if (o->hashing) {
        fclose(o->hashing);
        o->hashing = NULL;
    }
    if (rc == CS_OK)
        rc = wrc;
    if (rc == CS_OK && o->dest && fflush(o->dest) != 0)
        rc = cs_error_set(err, CS_EIO, _("Cannot write the export: %s."),
                          strerror(errno));
    sha256_digest(&o->sha, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(sha_hex + 2 * i, 3, "%02x", digest[i]);
    return rc;
}

/* Which filters each kind takes. */
enum {
    F_CONS = 1 << 0, F_THEME = 1 << 1, F_STATUS = 1 << 2,
    F_CHANNEL = 1 << 3, F_DATES = 1 << 4, F_ASOF = 1 << 5, F_TOP = 1 << 6,
    F_NEEDS_CONS = 1 << 7, F_BATCH = 1 << 8, F_TAG = 1 << 9,
    F_SUBMITTED = 1 << 10
};

static const unsigned kind_filters[CS_EXPORT_KIND_COUNT] = {
    [CS_EXPORT_IDEAS] = F_SUBMITTED | F_CONS | F_THEME | F_STATUS | F_CHANNEL | F_DATES
                      | F_ASOF | F_BATCH | F_TAG,
    [CS_EXPORT_VOTES] = F_SUBMITTED | F_CONS | F_THEME | F_CHANNEL | F_DATES | F_ASOF
                      | F_BATCH | F_TAG,
    [CS_EXPORT_TALLIES] = F_SUBMITTED | F_CONS | F_THEME | F_DATES | F_ASOF | F_BATCH
                        | F_TAG,
    [CS_EXPORT_COMMENTS] = F_SUBMITTED | F_CONS | F_THEME | F_DATES | F_ASOF | F_BATCH
                         | F_TAG,
    [CS_EXPORT_PARTICIPANTS] = F_CONS | F_CHANNEL | F_DATES | F_ASOF
                             | F_BATCH,
    [CS_EXPORT_AUDIT] = F_DATES | F_ASOF,
    [CS_EXPORT_DECISIONS] = F_SUBMITTED | F_CONS | F_THEME | F_STATUS | F_CHANNEL
                          | F_DATES | F_ASOF | F_BATCH,
    [CS_EXPORT_SUMMARY] = F_SUBMITTED | F_CONS | F_THEME | F_STATUS | F_CHANNEL | F_DATES
                        | F_ASOF | F_TOP | F_NEEDS_CONS,
    [CS_EXPORT_PARTICIPATION] = F_CONS | F_THEME | F_DATES | F_ASOF
                              | F_NEEDS_CONS,
    [CS_EXPORT_ANSWERS] = F_SUBMITTED | F_CONS | F_THEME | F_STATUS | F_CHANNEL | F_DATES
                        | F_ASOF | F_BATCH | F_TAG,
};

static enum cs_rc
not_for_kind(struct cs_error *err, const char *field, const char *what,
             enum cs_export_kind kind)
{
    return cs_error_field(err, CS_EINVAL, field,
        _("The %s filter does not apply to the %s export."), what,
        cs_export_kind_name(kind));
}

static enum cs_rc
check_filters(const struct cs_export_options *o, struct cs_error *err)
{
    unsigned f = kind_filters[o->kind];

    if (o->consultation && !(f & F_CONS))
        return not_for_kind(err, "consultation", "consultation", o->kind);
    if (o->theme && !(f & F_THEME))
        return not_for_kind(err, "theme", "theme", o->kind);
    if (o->status != -1 && !(f & F_STATUS))
        return not_for_kind(err, "status", "status", o->kind);
    if (o->channel != -1 && !(f & F_CHANNEL))
        return not_for_kind(err, "channel", "channel", o->kind);
    if ((o->since || o->until) && !(f & F_DATES))
        return not_for_kind(err, o->since ? "since" : "until", "date",
                            o->kind);
    if (o->submitted_until && !(f & F_SUBMITTED))
        return not_for_kind(err, "submitted_until", "submitted-until",
                            o->kind);
    if (o->as_of && !(f & F_ASOF))
        return not_for_kind(err, "as_of", "as-of", o->kind);
    if (o->paper_batch_id != 0 && !(f & F_BATCH))
        return not_for_kind(err, "batch", "paper batch", o->kind);
    if (o->tag && !(f & F_TAG))
        return not_for_kind(err, "tag", "tag", o->kind);
    if (o->search && !(f & F_TAG))
        return not_for_kind(err, "search", "search", o->kind);
    /* Tags and the search index are today's: the past has neither. */
    if ((o->tag || o->search) && o->as_of)
        return cs_error_field(err, CS_EINVAL, o->tag ? "tag" : "search",
            "%s", _("An export as of a past moment cannot be filtered by "
                    "tag or search: they are today's."));
    /* Only the ideas export follows another order than by number, as a
     * list shows them: now, for the past has no search index. */
    if ((unsigned)o->order > CS_ORDER_RELEVANCE)
        return cs_error_field(err, CS_EINVAL, "sort", "%s",
                              _("Invalid sort order."));
    if ((o->order != CS_ORDER_ID || o->descending)
        && o->kind != CS_EXPORT_IDEAS)
        return cs_error_field(err, CS_EINVAL, "sort",
            _("Only the ideas export has a sort order; the %s export "
              "comes by number."), cs_export_kind_name(o->kind));
    if ((o->order != CS_ORDER_ID || o->descending) && o->as_of)
        return cs_error_field(err, CS_EINVAL, "sort", "%s",
            _("An export as of a past moment comes by number: it has no "
              "other sort order."));
    if (o->order == CS_ORDER_RELEVANCE && util_is_blank(o->search))
        return cs_error_field(err, CS_EINVAL, "sort", "%s",
            _("Sorting by relevance needs a search."));
    if (o->top > 0 && !(f & F_TOP))
        return cs_error_field(err, CS_EINVAL, "top",
            _("Only the summary export has a top file."));
    if (o->by_channel && o->kind != CS_EXPORT_SUMMARY)
        return cs_error_field(err, CS_EINVAL, "by", "%s",
            _("Only the summary export has rows by channel."));
    if (o->by_channel && o->top > 0)
        return cs_error_field(err, CS_EINVAL, "top", "%s",
            _("The summary by channel has no top file: its top ideas are "
              "per theme."));
    if ((f & F_NEEDS_CONS) && util_is_blank(o->consultation))
        return cs_error_field(err, CS_EINVAL, "consultation",
            _("The %s export is made for one consultation: name it."),
            cs_export_kind_name(o->kind));
    if (o->theme && util_is_blank(o->consultation))
        return cs_error_field(err, CS_EINVAL, "theme", "%s",
            _("A theme filter needs the consultation it belongs to."));
    if (o->status != -1 && (unsigned)o->status >= CS_STATUS_COUNT)
        return cs_error_field(err, CS_EINVAL, "status", "%s",
                              _("Invalid status."));
    if (o->channel != -1 && (unsigned)o->channel >= CS_CHANNEL_COUNT)
        return cs_error_field(err, CS_EINVAL, "channel", "%s",
                              _("Invalid channel."));
    return CS_OK;
}

/*
 * Normalise a date option into a bound comparable, as text, with the
 * stored forms ("YYYY-MM-DD", "...THH:MM:SSZ", "...THH:MM:SS.mmmZ").
 * A lower bound with a time starts at its first millisecond; an upper
 * bound covers its whole second, or its whole day for a date alone.
 */
static enum cs_rc
date_bound(const char *s, bool upper, const char *field, char out[32],
           struct cs_error *err)
{
    char d[32];
    enum cs_rc rc;

    out[0] = '\0';
    if (s == NULL)
        return CS_OK;
    if ((rc = cs_date_parse(s, d, sizeof d, err)) != CS_OK)
        return error_rename_field(err, field, rc);
    if (strlen(d) == 10)
        snprintf(out, 32, "%s%s", d, upper ? "T99" : "");
    else if (upper)
        snprintf(out, 32, "%s", d);                 /* ...:SSZ > ...:SS.mmmZ */
    else
        snprintf(out, 32, "%.19s.000Z", d);         /* ...:SS.000Z <= ...:SSZ */
    return CS_OK;
}

/* Figures as of a moment before the first idea was entered would be a
 * file of zeros that looks like a result: say so instead (the journal
 * itself may be exported as of any moment). */
static enum cs_rc
asof_after_first(struct cs_db *db, const char *given, const char *bound,
                 struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char first[32] = "";
    enum cs_rc rc;

    /* Ids grow with entry: the smallest is the first entered. */
    stmt_prepare(&st, db, "SELECT entered_at FROM idea ORDER BY id LIMIT 1");
    if (stmt_row(&st))
        snprintf(first, sizeof first, "%s", stmt_text(&st, 0));
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        return rc;
    if (first[0] == '\0')
        return cs_error_set(err, CS_ENOTFOUND,
            _("No idea had been entered on %s: there is nothing to show "
              "as of then (no idea has been entered yet)."), given);
    if (strcmp(first, bound) > 0)
        return cs_error_set(err, CS_ENOTFOUND,
            _("No idea had been entered on %s: there is nothing to show "
              "as of then (the first was entered on %.10s)."), given, first);
    return CS_OK;
}

/* Resolve the options into `x`: role, profile, filters. */
static enum cs_rc
prepare(struct cs_db *db, const struct cs_export_options *o,
        struct export_ctx *x, struct cs_error *err)
{
    enum cs_export_profile p;
    enum cs_rc rc;
    uint8_t key[32];

    memset(x, 0, sizeof *x);
    x->db = db;
    x->opt = o;
    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((unsigned)o->kind >= CS_EXPORT_KIND_COUNT)
        return cs_error_field(err, CS_EINVAL, "kind", "%s",
                              _("Unknown export."));
    if ((unsigned)o->profile >= CS_PROFILE_COUNT)
        return cs_error_field(err, CS_EINVAL, "profile", "%s",
                              _("Unknown profile."));
    p = o->profile == CS_PROFILE_DEFAULT ? cs_export_default_profile(o->kind)
                                         : o->profile;
    if (p == CS_PROFILE_OPEN_DATA && (o->kind == CS_EXPORT_PARTICIPANTS
                                      || o->kind == CS_EXPORT_AUDIT))
        return cs_error_field(err, CS_EINVAL, "profile",
            _("The %s export is not open data: use the codir or "
              "internal-contact profile."), cs_export_kind_name(o->kind));
    x->profile = p;
    x->open_data = p == CS_PROFILE_OPEN_DATA;
    /* Personal data leave the database only in an administrator's hands. */
    if (p == CS_PROFILE_INTERNAL_CONTACT || o->kind == CS_EXPORT_PARTICIPANTS) {
        if ((rc = op_require(db, CS_OP_EXPORT_PERSONAL, err)) != CS_OK)
            return rc;
    }
    if ((rc = check_filters(o, err)) != CS_OK)
        return rc;
    if (!util_is_blank(o->consultation)
        && (rc = cs_consultation_lookup(db, o->consultation, &x->cons_id,
                                           err))
           != CS_OK)
        return rc;
    if (!util_is_blank(o->theme)) {
        struct cs_theme t;

        if ((rc = cs_theme_find(db, x->cons_id, o->theme, &t, err)) != CS_OK)
            return error_rename_field(err, "theme", rc);
        x->theme_id = t.id;
        cs_theme_clear(&t);
    }
    if (o->status != -1)
        x->status = cs_status_name((enum cs_status)o->status);
    if (o->channel != -1)
        x->channel = cs_channel_name((enum cs_channel)o->channel);
    if (o->paper_batch_id != 0) {
        struct cs_batch b;

        if ((rc = cs_batch_get(db, o->paper_batch_id, &b, err)) != CS_OK)
            return error_rename_field(err, "batch", rc);
        cs_batch_clear(&b);
        x->paper_batch_id = o->paper_batch_id;
    }
    if (!util_is_blank(o->tag)
        && (rc = util_fold(o->tag, &x->tag, err)) != CS_OK)
        return error_rename_field(err, "tag", rc);
    if (!util_is_blank(o->search)) {
        if ((rc = idea_search_match(db, o->search, &x->match, err))
            != CS_OK)
            return error_rename_field(err, "search", rc);
        if (x->match == NULL)
            return cs_error_field(err, CS_EINVAL, "search", "%s",
                                  _("The search has no word to look for."));
    }
    if ((rc = date_bound(o->since, false, "since", x->since, err)) != CS_OK
        || (rc = date_bound(o->until, true, "until", x->until, err))
           != CS_OK
        || (rc = date_bound(o->submitted_until, true, "submitted_until",
                            x->sub_until, err)) != CS_OK)
        return rc;
    if (x->since[0] && x->until[0] && strcmp(x->since, x->until) > 0)
        return cs_error_field(err, CS_EINVAL, "until", "%s",
                              _("The end date comes before the start date."));
    /* A fresh key per export: its pseudonyms cannot be matched with any
     * other export's, and the key is never stored. */
    if (getrandom(key, sizeof key, 0) != (ssize_t)sizeof key)
        return cs_error_set(err, CS_EINTERNAL,
                            _("No random numbers for the pseudonyms: %s."),
                            strerror(errno));
    hmac_sha256_set_key(&x->hmac, sizeof key, key);
    memset(key, 0, sizeof key);
    return CS_OK;
}

/* ---------------------------------------------------------------- journal */

/* The journal row saying that personal data were exported, and how. */
static enum cs_rc
journal_export(struct export_ctx *x, const struct cs_export_result *r,
               struct cs_error *err)
{
    const struct cs_export_options *o = x->opt;
    struct stmt st = STMT_INIT;
    char *json = NULL;
    enum cs_rc rc;

    if ((rc = txn_begin_write(x->db, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, x->db,
        "SELECT json_object('kind', :kind, 'profile', :profile,"
        " 'consultation', :c, 'theme', :t, 'status', :s, 'channel', :ch,"
        " 'since', :since, 'until', :until, 'as_of', :as_of,"
        " 'submitted_until', :sub,"
        " 'paper_batch', :paper, 'tag', :tag, 'search', :search)");
    stmt_bind_text(&st, ":kind", cs_export_kind_name(o->kind));
    stmt_bind_text(&st, ":profile", cs_export_profile_name(x->profile));
    stmt_bind_text(&st, ":c", o->consultation);
    stmt_bind_text(&st, ":t", o->theme);
    stmt_bind_text(&st, ":s", x->status);
    stmt_bind_text(&st, ":ch", x->channel);
    stmt_bind_text(&st, ":since", o->since);
    stmt_bind_text(&st, ":until", o->until);
    stmt_bind_text(&st, ":sub", o->submitted_until);
    stmt_bind_text(&st, ":as_of", r->as_of[0] ? r->as_of : NULL);
    stmt_bind_id(&st, ":paper", o->paper_batch_id);
    stmt_bind_text(&st, ":tag", o->tag);
    stmt_bind_text(&st, ":search", o->search);
    if (stmt_row(&st))
        json = stmt_text_dup(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK)
        rc = audit_write_raw(x->db, "export", "export", 0, 0, NULL, json,
                             err);
    free(json);
    return txn_end(x->db, rc, err);
}

/* The journal row the data reflect (the last one, or the as-of one) and
 * its hash. */
static enum cs_rc
journal_head(struct export_ctx *x, struct cs_export_result *r,
             struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    if (r->as_of[0]) {
        stmt_prepare(&st, x->db, "SELECT id, hash FROM audit WHERE id = :id");
        stmt_bind_int64(&st, ":id", x->audit_id);
    } else {
        stmt_prepare(&st, x->db,
                     "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
    }
    r->audit_id = 0;
    r->audit_head[0] = '\0';
    if (stmt_row(&st)) {
        r->audit_id = stmt_int64(&st, 0);
        snprintf(r->audit_head, sizeof r->audit_head, "%s",
                 stmt_text(&st, 1));
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK)
        rc = cs_db_id(x->db, r->database_id, err);
    return rc;
}

/* ---------------------------------------------------------------- running */

static enum cs_rc
run_kind(struct export_ctx *x, struct cs_error *err)
{
    switch (x->opt->kind) {
    case CS_EXPORT_IDEAS:         return export_ideas(x, err);
    case CS_EXPORT_VOTES:         return export_votes(x, err);
    case CS_EXPORT_TALLIES:       return export_tallies(x, err);
    case CS_EXPORT_COMMENTS:      return export_comments(x, err);
    case CS_EXPORT_PARTICIPANTS:  return export_participants(x, err);
    case CS_EXPORT_AUDIT:         return export_audit(x, err);
    case CS_EXPORT_DECISIONS:     return export_decisions(x, err);
    case CS_EXPORT_SUMMARY:       return export_summary(x, err);
    case CS_EXPORT_PARTICIPATION: return export_participation(x, err);
    case CS_EXPORT_ANSWERS:       return export_answers(x, err);
    default:
        return cs_error_set(err, CS_EINVAL, "%s", _("Unknown export."));
    }
}

/* Everything read inside one read transaction: the figures of one file
 * agree with each other and with the journal position recorded. */
static enum cs_rc
run_read(struct export_ctx *x, struct cs_export_result *r,
         struct cs_error *err)
{
    const struct cs_export_options *o = x->opt;
    bool built = false;
    enum cs_rc rc;

    if ((rc = db_exec(x->db, "SAVEPOINT export_read", err)) != CS_OK)
        return rc;
    if (o->verify_journal) {
        if ((rc = cs_audit_verify(x->db, NULL, NULL, NULL, err)) != CS_OK)
            goto out;
        r->audit_verified = true;
    }
    if (o->as_of) {
        char bound[32];

        if ((rc = date_bound(o->as_of, true, "as_of", bound, err)) != CS_OK
            || (rc = export_asof_position(x->db, bound, &x->audit_id, err))
               != CS_OK
            || (o->kind != CS_EXPORT_AUDIT
                && (rc = asof_after_first(x->db, o->as_of, bound, err))
                   != CS_OK))
            goto out;
        x->asof = true;
        snprintf(x->asof_at, sizeof x->asof_at, "%s", bound);
    }
    if ((rc = journal_head(x, r, err)) != CS_OK)
        goto out;
    if (x->asof && o->kind != CS_EXPORT_AUDIT) {
        built = true;
        if ((rc = export_asof_build(x->db, x->audit_id, x->asof_at, err))
            != CS_OK)
            goto out;
    }
    rc = run_kind(x, err);
    if (rc == CS_OK)
        rc = export_status(&x->out, err);
    if (rc == CS_OK && x->has_top)
        rc = export_status(&x->top, err);
out:
    if (rc != CS_OK)
        db_exec(x->db, "ROLLBACK TO export_read", NULL);
    db_exec(x->db, "RELEASE export_read", NULL);
    if (built)
        export_asof_drop(x->db);
    return rc;
}

enum cs_rc
cs_export_write(struct cs_db *db, const struct cs_export_options *opt,
                FILE *out, FILE *top_out, struct cs_export_result *res,
                struct cs_error *err)
{
    struct export_ctx *x;
    struct cs_export_result r;
    enum cs_rc rc;

    if (opt == NULL || out == NULL)
        return cs_error_set(err, CS_EINVAL, "%s", _("Nothing to export."));
    /* The context holds two SHA-256 states and an HMAC key: keep it off
     * the stack of whoever calls us. */
    if ((x = calloc(1, sizeof *x)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    memset(&r, 0, sizeof r);
    if ((rc = prepare(db, opt, x, err)) != CS_OK)
        goto out;
    r.kind = opt->kind;
    r.profile = x->profile;
    util_now(r.at);
    snprintf(r.by, sizeof r.by, "%s", cs_db_login(db));
    if (opt->as_of) {
        char d[32];

        if ((rc = cs_date_parse(opt->as_of, d, sizeof d, err)) != CS_OK) {
            rc = error_rename_field(err, "as_of", rc);
            goto out;
        }
        snprintf(r.as_of, sizeof r.as_of, "%s", d);
    }
    if (x->profile == CS_PROFILE_INTERNAL_CONTACT
        || opt->kind == CS_EXPORT_PARTICIPANTS) {
        if ((rc = journal_export(x, &r, err)) != CS_OK)
            goto out;
    }
    if ((rc = out_open(&x->out, out, &opt->csv, 1u << x->profile, err))
        != CS_OK)
        goto out;
    if (opt->kind == CS_EXPORT_SUMMARY && opt->top > 0 && top_out) {
        if ((rc = out_open(&x->top, top_out, &opt->csv, 1u << x->profile,
                           err)) != CS_OK)
            goto out;
        x->has_top = true;
    }
    rc = run_read(x, &r, err);
out:
    rc = out_close(&x->out, rc, r.sha256, err);
    r.rows = x->out.rows;
    r.bytes = x->out.bytes;
    if (x->has_top) {
        rc = out_close(&x->top, rc, r.top_sha256, err);
        r.top_rows = x->top.rows;
        r.top_bytes = x->top.bytes;
    }
    memset(&x->hmac, 0, sizeof x->hmac);
    free(x->tag);
    free(x->match);
    free(x);
    if (rc == CS_OK && res)
        *res = r;
    return rc;
}

/* ---------------------------------------------------------------- files */

/* "summary.csv" -> "summary-top.csv"; "out" -> "out-top". */
static char *
top_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    size_t stem;
    char *s;

    if (dot == NULL || (slash && dot < slash) || dot == (slash ? slash + 1
                                                               : path))
        dot = path + strlen(path);
    stem = (size_t)(dot - path);
    if ((s = malloc(strlen(path) + sizeof "-top")) == NULL)
        return NULL;
    memcpy(s, path, stem);
    memcpy(s + stem, "-top", 4);
    strcpy(s + stem + 4, dot);
    return s;
}

bool
cs_export_is_stream(const char *path)
{
    return outfile_is_stream(path);
}

enum cs_rc
cs_export_file(struct cs_db *db, const struct cs_export_options *opt,
               const char *path, const char *top_path, const char *manifest,
               struct cs_export_result *res, struct cs_error *err)
{
    struct outfile data, top, man;
    struct cs_export_result r;
    char *top_auto = NULL, *man_auto = NULL;
    bool want_top;
    mode_t mode;
    enum cs_rc rc;

    if (opt == NULL || util_is_blank(path))
        return cs_error_set(err, CS_EINVAL, "%s", _("No file to export to."));
    memset(&data, 0, sizeof data);
    memset(&top, 0, sizeof top);
    memset(&man, 0, sizeof man);
    want_top = opt->kind == CS_EXPORT_SUMMARY && opt->top > 0;
    /* Every file an export creates is private to its owner (and group,
     * shared): the open-data profile too, until someone publishes it. */
    mode = OUTFILE_MODE(opt->shared);
    if (want_top && top_path == NULL
        && (top_path = top_auto = top_name(path)) == NULL) {
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        goto out;
    }
    if (manifest == NULL) {
        /* A device or a pipe gets no manifest beside it unless asked. */
        if (outfile_is_stream(path))
            manifest = "";
        else if ((manifest = man_auto = export_manifest_path(path))
                 == NULL) {
            rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
            goto out;
        }
    }
    if ((rc = outfile_open(&data, path, mode, err)) != CS_OK)
        goto out;
    if (want_top && (rc = outfile_open(&top, top_path, mode, err)) != CS_OK)
        goto out;
    rc = cs_export_write(db, opt, data.fp, want_top ? top.fp : NULL, &r, err);
    rc = outfile_finish(&data, rc, err);
    rc = outfile_finish(&top, rc, err);
    if (rc != CS_OK)
        goto out;
    if (manifest[0] != '\0') {
        if ((rc = outfile_open(&man, manifest, mode, err)) != CS_OK)
            goto out;
        rc = export_manifest_print(man.fp, opt,
                                   strcmp(path, "-") == 0 ? NULL : path,
                                   want_top ? top_path : NULL, &r, err);
        rc = outfile_finish(&man, rc, err);
    }
    /* Everything is written: put the files in place, the manifest that
     * vouches for them last. */
    rc = outfile_commit(&data, rc, err);
    rc = outfile_commit(&top, rc, err);
    rc = outfile_commit(&man, rc, err);
out:
    outfile_drop(&data);
    outfile_drop(&top);
    outfile_drop(&man);
    free(top_auto);
    free(man_auto);
    if (rc == CS_OK && res)
        *res = r;
    return rc;
}
