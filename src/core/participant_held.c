/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * participant_held.c: a person's own record: correcting their contact
 * details and consent, and everything held on them (what they wrote and
 * voted, the answers prepared for them), on screen or in a file for a
 * person who asks.
 *
 * The published answer of an idea is given only once published: a held
 * answer is not yet the person's to read.
 */
#include "consult/participant.h"

#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "consult/csv.h"
#include "i18n.h"
#include "outfile.h"
#include "stmt.h"

const char *
cs_held_kind_name(enum cs_held_kind k)
{
    switch (k) {
    case CS_HELD_IDEA:        return "idea";
    case CS_HELD_VOTE:        return "vote";
    case CS_HELD_COMMENT:     return "comment";
    case CS_HELD_ANSWER_SENT: return "answer_sent";
    }
    return "";
}

/* ---------------------------------------------------------------- edit */

/* NULL as NULL (left as it is), "" as "" (erased). */
static void
bind_given(struct stmt *st, const char *name, const char *v)
{
    if (v)
        stmt_bind_text(st, name, v);
    else
        stmt_bind_null(st, name);
}

enum cs_rc
cs_participant_edit(struct cs_db *db, int64_t id,
                    const struct cs_participant_edit *e,
                    struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    bool found = false, anonymised = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_ANONYMISE, err)) != CS_OK)
        return rc;
    if ((rc = util_line_check(e->service, "service", err)) != CS_OK
        || (rc = util_line_check(e->email, "email", err)) != CS_OK
        || (rc = util_line_check(e->phone, "phone", err)) != CS_OK
        || (rc = util_text_check(e->postal, "postal", err)) != CS_OK)
        return rc;
    if (e->email && e->email[0] && !strchr(e->email, '@'))
        return cs_error_field(err, CS_EINVAL, "email",
                              _("\"%s\" is not an email address."),
                              e->email);
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT anonymised FROM participant"
                          " WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        found = true;
        anonymised = stmt_int64(&st, 0) != 0;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = cs_error_set(err, CS_ENOTFOUND, _("No participant %lld."),
                          (long long)id);
    if (rc == CS_OK && anonymised)
        rc = cs_error_set(err, CS_ECONFLICT, _("Participant %lld is "
                                               "anonymised: nothing is left "
                                               "to edit."), (long long)id);
    if (rc != CS_OK)
        goto out;

    /* "" erases; the service's key follows the service, as the
     * participant's look-up by name and service reads it. */
    stmt_prepare(&st, db,
        "UPDATE participant SET"
        " service = CASE WHEN :service IS NULL THEN service"
        "   ELSE nullif(:service, '') END,"
        " service_key = CASE WHEN :service IS NULL THEN service_key"
        "   ELSE coalesce(:service_key, '') END,"
        " email = CASE WHEN :email IS NULL THEN email"
        "   ELSE nullif(:email, '') END,"
        " postal = CASE WHEN :postal IS NULL THEN postal"
        "   ELSE nullif(:postal, '') END,"
        " phone = CASE WHEN :phone IS NULL THEN phone"
        "   ELSE nullif(:phone, '') END,"
        " consent = CASE WHEN :consent < 0 THEN consent ELSE :consent END"
        " WHERE id = :id");
    bind_given(&st, ":service", e->service);
    if (e->service && e->service[0]) {
        char *key = NULL;

        if ((rc = util_fold(e->service, &key, err)) != CS_OK) {
            stmt_finish(&st);
            goto out;
        }
        stmt_bind_text(&st, ":service_key", key);
        free(key);
    } else {
        stmt_bind_null(&st, ":service_key");
    }
    bind_given(&st, ":email", e->email);
    bind_given(&st, ":postal", e->postal);
    bind_given(&st, ":phone", e->phone);
    stmt_bind_int64(&st, ":consent", e->consent < 0 ? -1
                                                    : e->consent ? 1 : 0);
    stmt_bind_int64(&st, ":id", id);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK)
        rc = audit_write(db, "update", "participant", id, 0, NULL, err);
out:
    return txn_end(db, rc, err);
}

/* ---------------------------------------------------------------- held */

void
cs_held_free(struct cs_held *h)
{
    if (h == NULL)
        return;
    for (size_t i = 0; i < h->count; i++) {
        struct cs_held_item *x = &h->items[i];

        free(x->consultation);
        free(x->date);
        free(x->title);
        free(x->text);
        free(x->status);
        free(x->answer);
        free(x->channel);
    }
    free(h->items);
    cs_participant_clear(&h->person);
    free(h);
}

/* Every item, in one query: kind, id, idea, consultation, date, title,
 * text, status, published answer, channel. */
#define HELD_SQL \
    "SELECT 0, i.id, i.id, c.code, i.submitted_at, i.title, i.body," \
    "  i.status," \
    "  CASE WHEN i.answer IS NOT NULL AND (SELECT h.published_at" \
    "    FROM idea_answer h WHERE h.idea_id = i.id ORDER BY h.id DESC" \
    "    LIMIT 1) IS NOT NULL THEN i.answer END, i.channel" \
    " FROM idea i JOIN consultation c ON c.id = i.consultation_id" \
    " WHERE i.author_id = :p" \
    " UNION ALL" \
    " SELECT 1, v.id, v.idea_id, c.code, v.voted_at, i.title, NULL, NULL," \
    "  NULL, v.channel" \
    " FROM vote v JOIN idea i ON i.id = v.idea_id" \
    " JOIN consultation c ON c.id = i.consultation_id" \
    " WHERE v.participant_id = :p" \
    " UNION ALL" \
    " SELECT 2, m.id, m.idea_id, c.code, m.created_at, i.title, m.body," \
    "  NULL, NULL, NULL" \
    " FROM comment m JOIN idea i ON i.id = m.idea_id" \
    " JOIN consultation c ON c.id = i.consultation_id" \
    " WHERE m.participant_id = :p" \
    " UNION ALL" \
    " SELECT 3, a.id, NULL, c.code, a.prepared_at, NULL, NULL, NULL, NULL," \
    "  a.channel" \
    " FROM answer_sent a JOIN consultation c ON c.id = a.consultation_id" \
    " WHERE a.participant_id = :p" \
    " ORDER BY 1, 5, 2"

enum cs_rc
cs_participant_held(struct cs_db *db, int64_t id, struct cs_held **out,
                    struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_held *h;
    size_t cap = 0;
    bool lost = false;
    enum cs_rc rc;

    *out = NULL;
    if ((h = calloc(1, sizeof *h)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    if ((rc = cs_participant_get(db, id, &h->person, err)) != CS_OK) {
        free(h);
        return rc;
    }
    stmt_prepare(&st, db, HELD_SQL);
    stmt_bind_int64(&st, ":p", id);
    while (!lost && stmt_row(&st)) {
        struct cs_held_item *items = util_grow(h->items, &cap, h->count,
                                               sizeof *items), *x;

        if (items == NULL) {
            lost = true;
            break;
        }
        h->items = items;
        x = &h->items[h->count++];
        memset(x, 0, sizeof *x);
        x->kind = (enum cs_held_kind)stmt_int64(&st, 0);
        x->id = stmt_int64(&st, 1);
        x->idea_id = stmt_int64(&st, 2);
        x->consultation = stmt_text_dup(&st, 3);
        x->date = stmt_text_dup(&st, 4);
        x->title = stmt_text_dup(&st, 5);
        x->text = stmt_text_dup(&st, 6);
        x->status = stmt_text_dup(&st, 7);
        x->answer = stmt_text_dup(&st, 8);
        x->channel = stmt_text_dup(&st, 9);
        lost = x->consultation == NULL || x->date == NULL;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && lost)
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    if (rc != CS_OK) {
        cs_held_free(h);
        return rc;
    }
    *out = h;
    return CS_OK;
}

enum cs_rc
cs_participant_export(struct cs_db *db, int64_t id, const char *path,
                      bool shared, struct cs_error *err)
{
    static const char *const head[] = {
        "kind", "id", "idea_id", "consultation", "date", "title", "text",
        "status", "answer", "channel",
    };
    struct cs_csv_writer *w = NULL;
    struct cs_held *h = NULL;
    struct outfile f;
    enum cs_rc rc;

    memset(&f, 0, sizeof f);
    if ((rc = op_require(db, CS_OP_EXPORT_PERSONAL, err)) != CS_OK)
        return rc;
    if (path == NULL || path[0] == '\0')
        return cs_error_set(err, CS_EINVAL, "%s", _("No file to write to."));
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    if ((rc = cs_participant_held(db, id, &h, err)) != CS_OK
        || (rc = outfile_open(&f, path, OUTFILE_MODE(shared), err)) != CS_OK)
        goto out;
    if ((rc = cs_csv_writer_open(f.fp, NULL, &w, err)) == CS_OK) {
        const struct cs_participant *p = &h->person;

        cs_csv_writer_row(w, head, sizeof head / sizeof head[0]);
        /* The person: reference and name, then the contact in the text
         * column, one detail per line. */
        {
            char *contact = NULL;
            size_t len = 0;
            FILE *mem = open_memstream(&contact, &len);

            if (mem == NULL) {
                rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
            } else {
                fputs("ref: ", mem);
                fputs(p->ref ? p->ref : "", mem);
                fputs("\nname: ", mem);
                fputs(p->name ? p->name : "", mem);
                fputs("\nservice: ", mem);
                fputs(p->service ? p->service : "", mem);
                fputs("\nemail: ", mem);
                fputs(p->email ? p->email : "", mem);
                fputs("\npostal: ", mem);
                fputs(p->postal ? p->postal : "", mem);
                fputs("\nphone: ", mem);
                fputs(p->phone ? p->phone : "", mem);
                fputs("\nconsent: ", mem);
                fputs(p->consent ? "yes" : "no", mem);
                if (fclose(mem) != 0)
                    rc = cs_error_set(err, CS_ENOMEM, "%s",
                                      _("Out of memory."));
            }
            if (rc == CS_OK) {
                cs_csv_writer_cell(w, "person");
                cs_csv_writer_int64(w, p->id);
                cs_csv_writer_cell(w, "");
                cs_csv_writer_cell(w, "");
                cs_csv_writer_cell(w, p->created_at);
                cs_csv_writer_cell(w, p->name);
                cs_csv_writer_cell(w, contact);
                cs_csv_writer_cell(w, "");
                cs_csv_writer_cell(w, "");
                cs_csv_writer_cell(w, cs_channel_name(p->channel));
                cs_csv_writer_end_row(w);
            }
            free(contact);
        }
        for (size_t i = 0; rc == CS_OK && i < h->count; i++) {
            const struct cs_held_item *x = &h->items[i];

            cs_csv_writer_cell(w, cs_held_kind_name(x->kind));
            cs_csv_writer_int64(w, x->id);
            if (x->idea_id > 0)
                cs_csv_writer_int64(w, x->idea_id);
            else
                cs_csv_writer_cell(w, "");
            cs_csv_writer_cell(w, x->consultation);
            cs_csv_writer_cell(w, x->date);
            cs_csv_writer_cell(w, x->title);
            cs_csv_writer_cell(w, x->text);
            cs_csv_writer_cell(w, x->status);
            cs_csv_writer_cell(w, x->answer);
            cs_csv_writer_cell(w, x->channel);
            cs_csv_writer_end_row(w);
        }
        if (rc == CS_OK)
            rc = cs_csv_writer_close(w, err);
        else
            cs_csv_writer_close(w, NULL);
    }
    rc = outfile_finish(&f, rc, err);
    /* Who exported what is held on whom is in the journal. */
    if (rc == CS_OK)
        rc = audit_write(db, "export", "participant", id, 0, NULL, err);
    rc = outfile_commit(&f, rc, err);
out:
    outfile_drop(&f);
    cs_held_free(h);
    return txn_end(db, rc, err);
}
