/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * record_put.c: cs_record_put, the write of one record given as text (a
 * form, a command line): the record's check (record.c), then the kind's
 * own write in one transaction, audited as each write is. A file's rows
 * are written by the import instead (import_rows.c), which checks them
 * with the same check and writes them through the same statements, in
 * its batch.
 */
#include "consult/record.h"

#include <stdlib.h>
#include <string.h>

#include "consult/comment.h"
#include "consult/consultation.h"
#include "consult/idea.h"
#include "consult/participant.h"
#include "consult/theme.h"
#include "consult/vote.h"
#include "i18n.h"
#include "idea_priv.h"
#include "participant_priv.h"
#include "record_priv.h"
#include "stmt.h"

/* The consultation a record names (its code), else `dflt`. */
static enum cs_rc
consultation_of(struct cs_db *db, const struct cs_record *r, int64_t dflt,
                int64_t *out, struct cs_error *err)
{
    if (r->v[CS_F_CONSULTATION] == NULL) {
        if (dflt == 0)
            return cs_error_field(err, CS_EINVAL, "consultation", "%s",
                _("The row names no consultation: fill the consultation "
                  "column or give --consultation."));
        *out = dflt;
        return CS_OK;
    }
    return cs_consultation_lookup(db, r->v[CS_F_CONSULTATION], out, err);
}

/* The idea a vote or tally names: by id, or by form reference in its
 * consultation. */
static enum cs_rc
idea_of(struct cs_db *db, const struct cs_record *r,
        const struct rec_parsed *p, int64_t cons, int64_t *out,
        struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    bool found = false;
    enum cs_rc rc;

    if (r->v[CS_F_IDEA_ID]) {
        *out = p->id;
        return CS_OK;
    }
    stmt_prepare(&st, db, "SELECT id FROM idea WHERE consultation_id = :c"
                          " AND form_ref = :ref");
    stmt_bind_int64(&st, ":c", cons);
    stmt_bind_text(&st, ":ref", r->v[CS_F_IDEA_FORM_REF]);
    if (stmt_row(&st)) {
        *out = stmt_int64(&st, 0);
        found = true;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = cs_error_field(err, CS_ENOTFOUND, "idea_form_ref",
            _("No idea with form reference \"%s\" in this consultation."),
            r->v[CS_F_IDEA_FORM_REF]);
    return rc;
}

/* Tags of a cell, one cs_idea_tag each. */
static enum cs_rc
tags_put(struct cs_db *db, int64_t idea, const char *cell,
         struct cs_error *err)
{
    char *copy = strdup(cell), *p;
    enum cs_rc rc = CS_OK;

    if (copy == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    for (p = copy; *p && rc == CS_OK;) {
        size_t len = strcspn(p, ",;|\n");
        char *s = p, *e = p + len;
        bool more = p[len] != '\0';

        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        *e = '\0';
        if (*s)
            rc = cs_idea_tag(db, idea, 0, s, false, err);
        p += len + (more ? 1 : 0);
    }
    free(copy);
    return rc;
}

static enum cs_rc
idea_put(struct cs_db *db, const struct cs_record *r,
         const struct rec_parsed *p, const struct cs_record_defaults *d,
         int64_t *id, struct cs_error *err)
{
    const char *const *v = r->v;
    struct cs_person author = {
        .ref = v[CS_F_AUTHOR_REF], .name = v[CS_F_AUTHOR_NAME],
        .service = v[CS_F_SERVICE], .email = v[CS_F_EMAIL],
        .postal = v[CS_F_POSTAL], .phone = v[CS_F_PHONE],
        .consent = p->flag,
        .channel = (enum cs_channel)p->channel,
    };
    struct cs_idea_new in;
    struct cs_theme t;
    enum cs_rc rc;

    memset(&in, 0, sizeof in);
    if (v[CS_F_STATUS] && p->status == CS_STATUS_MERGED)
        return cs_error_field(err, CS_EINVAL, "status", "%s",
            _("An idea is merged into another once it is in (consult idea "
              "merge)."));
    if ((rc = consultation_of(db, r, d ? d->consultation_id : 0,
                              &in.consultation_id, err)) != CS_OK)
        return rc;
    if (v[CS_F_THEME] == NULL && d && d->theme_id) {
        in.theme_id = d->theme_id;
    } else {
        rc = cs_theme_find(db, in.consultation_id,
                           v[CS_F_THEME] ? v[CS_F_THEME] : "", &t, err);
        if (rc != CS_OK)
            return error_rename_field(err, "theme", rc);
        in.theme_id = t.id;
        cs_theme_clear(&t);
    }
    in.kind = (enum cs_idea_kind)p->kind;
    in.channel = (enum cs_channel)p->channel;
    in.title = v[CS_F_TITLE];
    in.body = v[CS_F_BODY];
    in.form_ref = v[CS_F_FORM_REF];
    in.submitted_at = v[CS_F_SUBMITTED_AT];
    if (cs_person_is_given(&author))
        in.author = &author;
    if ((rc = idea_insert(db, &in, 0, id, err)) != CS_OK)
        return rc;
    if (v[CS_F_STATUS] && p->status != CS_STATUS_NEW
        && (rc = cs_idea_set_status(db, *id, 0, (enum cs_status)p->status,
                                    p->status == CS_STATUS_HIDDEN
                                    ? v[CS_F_HIDDEN_REASON]
                                    : v[CS_F_ANSWER], err)) != CS_OK)
        return rc;
    if (v[CS_F_TAGS])
        rc = tags_put(db, *id, v[CS_F_TAGS], err);
    return rc;
}

enum cs_rc
cs_record_put(struct cs_db *db, const struct cs_record *r,
              const struct cs_record_defaults *d, int64_t *id,
              struct cs_error *err)
{
    struct cs_record clean;
    struct rec_parsed p;
    struct cs_person who;
    int64_t new_id = 0, cons = 0, idea = 0;
    enum cs_rc rc;

    if ((rc = role_require(db, CS_ROLE_AGENT, err)) != CS_OK)
        return rc;
    if (r == NULL)
        return cs_error_set(err, CS_EINVAL, "%s", _("Unknown kind."));
    if (r->kind == CS_RECORD_BATCH)
        return cs_error_set(err, CS_EINVAL, "%s",
            _("An import is written from its file (consult import)."));
    if (r->kind == CS_RECORD_PAPER_BATCH)
        return cs_error_set(err, CS_EINVAL, "%s",
            _("A paper batch is added with consult batch add."));
    clean = *r;
    if (d) {
        clean.has_consultation = clean.has_consultation
                                 || d->consultation_id != 0;
        clean.has_theme = clean.has_theme || d->theme_id != 0;
    }
    /* cs_record_check's, keeping the parsed values. */
    for (int i = 0; i < CS_F_COUNT_ALL; i++) {
        if (clean.v[i] != NULL && util_is_blank(clean.v[i]))
            clean.v[i] = NULL;
        else if (clean.v[i] != NULL && !util_text_ok(clean.v[i]))
            return cs_error_field(err, CS_EINVAL,
                                  cs_field_name((enum cs_field_id)i), "%s",
                _("The text has invalid characters (not UTF-8, or control "
                  "characters)."));
    }
    if ((rc = record_check_parsed(cs_db_role(db), &clean, NULL, &p, err))
        != CS_OK)
        return rc;

    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    memset(&who, 0, sizeof who);
    who.service = clean.v[CS_F_SERVICE];
    who.channel = (enum cs_channel)p.channel;
    switch (clean.kind) {
    case CS_RECORD_IDEA:
        rc = idea_put(db, &clean, &p, d, &new_id, err);
        break;
    case CS_RECORD_VOTE:
    case CS_RECORD_TALLY:
        if ((clean.v[CS_F_IDEA_ID] == NULL
             && (rc = consultation_of(db, &clean,
                                      d ? d->consultation_id : 0, &cons,
                                      err)) != CS_OK)
            || (rc = idea_of(db, &clean, &p, cons, &idea, err)) != CS_OK)
            break;
        if (clean.kind == CS_RECORD_TALLY) {
            struct cs_tally_result tr;

            rc = tally_insert(db, idea, p.count, p.against,
                              clean.v[CS_F_SOURCE],
                              clean.v[CS_F_COUNTED_AT] ? p.date : NULL, 0,
                              &tr, err);
            new_id = tr.id;
            break;
        }
        who.ref = clean.v[CS_F_PARTICIPANT_REF];
        who.name = clean.v[CS_F_PARTICIPANT_NAME];
        rc = vote_insert(db, idea, &who, who.channel,
                         clean.v[CS_F_VOTED_AT] ? p.date : NULL, 0, &new_id,
                         err);
        break;
    case CS_RECORD_PARTICIPANT:
        who.ref = clean.v[CS_F_REF];
        who.name = clean.v[CS_F_NAME];
        who.email = clean.v[CS_F_EMAIL];
        who.postal = clean.v[CS_F_POSTAL];
        who.phone = clean.v[CS_F_PHONE];
        who.consent = p.flag;
        rc = participant_resolve(db, &who, &new_id, NULL, err);
        break;
    case CS_RECORD_COMMENT:
        who.ref = clean.v[CS_F_PARTICIPANT_REF];
        who.name = clean.v[CS_F_PARTICIPANT_NAME];
        rc = comment_insert(db, p.id, who.ref || who.name ? &who : NULL,
                            clean.v[CS_F_BODY], p.channel, 0, &new_id, err);
        break;
    default:
        rc = cs_error_set(err, CS_EINVAL, "%s", _("Unknown kind."));
        break;
    }
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && id)
        *id = new_id;
    return rc;
}
