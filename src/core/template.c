/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * template.c: answer templates of a consultation (see template.h): set,
 * delete and list them, each write journalled, and fill a template's
 * placeholders for an idea.
 */
#include "consult/template.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "cons_state.h"
#include "i18n.h"
#include "stmt.h"

static enum cs_rc
no_memory(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
}

/* The row `id` as JSON for the journal (NULL if it does not exist). */
static enum cs_rc
template_json(struct cs_db *db, int64_t id, char **json, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *json = NULL;
    stmt_prepare(&st, db,
        "SELECT json_object('consultation_id', consultation_id, 'number',"
        " number, 'title', title, 'body', body) FROM answer_template"
        " WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st))
        *json = stmt_text_dup(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* The id of template `number` of consultation `cons`, 0 if none. */
static enum cs_rc
template_find(struct cs_db *db, int64_t cons, int number, int64_t *id,
              struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *id = 0;
    stmt_prepare(&st, db, "SELECT id FROM answer_template"
                          " WHERE consultation_id = :c AND number = :n");
    stmt_bind_int64(&st, ":c", cons);
    stmt_bind_int64(&st, ":n", number);
    if (stmt_row(&st))
        *id = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
cs_template_set(struct cs_db *db, int64_t consultation_id, int number,
                const char *title, const char *body, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *before = NULL, *after = NULL;
    int64_t id = 0;
    enum cs_rc rc;

    if (number < 1 || number > CS_TEMPLATE_MAX)
        return cs_error_field(err, CS_EINVAL, "number",
                              _("A template's number goes from 1 to %d."),
                              CS_TEMPLATE_MAX);
    if (util_is_blank(title))
        return cs_error_field(err, CS_EINVAL, "title", "%s",
                              _("A template needs a title."));
    if (util_is_blank(body))
        return cs_error_field(err, CS_EINVAL, "body", "%s",
                              _("A template needs a text."));
    if (util_line_check(title, "title", err) != CS_OK
        || util_text_check(body, "body", err) != CS_OK)
        return CS_EINVAL;
    if ((rc = op_require(db, CS_OP_TEMPLATES, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT 1 FROM consultation WHERE id = :id");
    stmt_bind_int64(&st, ":id", consultation_id);
    if (!stmt_row(&st) && (rc = stmt_status(&st, err)) == CS_OK)
        rc = cs_error_field(err, CS_ENOTFOUND, "consultation",
                            _("No consultation %lld."),
                            (long long)consultation_id);
    stmt_finish(&st);
    if (rc != CS_OK
        || (rc = cons_check_work(db, consultation_id, err)) != CS_OK
        || (rc = template_find(db, consultation_id, number, &id, err))
           != CS_OK)
        goto out;
    if (id != 0) {
        if ((rc = template_json(db, id, &before, err)) != CS_OK)
            goto out;
        stmt_prepare(&st, db, "UPDATE answer_template SET title = :t,"
                              " body = :b WHERE id = :id");
        stmt_bind_int64(&st, ":id", id);
    } else {
        stmt_prepare(&st, db, "INSERT INTO answer_template(consultation_id,"
                              " number, title, body) VALUES (:c, :n, :t, :b)");
        stmt_bind_int64(&st, ":c", consultation_id);
        stmt_bind_int64(&st, ":n", number);
    }
    stmt_bind_text(&st, ":t", title);
    stmt_bind_text(&st, ":b", body);
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    if (id == 0)
        id = stmt_last_id(&st);
    if ((rc = template_json(db, id, &after, err)) != CS_OK)
        goto out;
    rc = audit_write_raw(db, before ? "update" : "add", "answer_template",
                         id, 0, before, after, err);
out:
    stmt_finish(&st);
    free(before);
    free(after);
    return txn_end(db, rc, err);
}

enum cs_rc
cs_template_delete(struct cs_db *db, int64_t consultation_id, int number,
                   struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *before = NULL;
    int64_t id = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_TEMPLATES, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    if ((rc = template_find(db, consultation_id, number, &id, err)) != CS_OK)
        goto out;
    if (id == 0) {
        rc = cs_error_field(err, CS_ENOTFOUND, "number",
                            _("No answer template %d."), number);
        goto out;
    }
    if ((rc = template_json(db, id, &before, err)) != CS_OK)
        goto out;
    stmt_prepare(&st, db, "DELETE FROM answer_template WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) == CS_OK)
        rc = audit_write_raw(db, "delete", "answer_template", id, 0, before,
                             NULL, err);
out:
    stmt_finish(&st);
    free(before);
    return txn_end(db, rc, err);
}

enum cs_rc
cs_template_list(struct cs_db *db, int64_t consultation_id,
                 struct cs_template_list **out, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_template_list *l;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((l = calloc(1, sizeof *l)) == NULL)
        return no_memory(err);
    /* At most nine: room for all of them at once. */
    if ((l->items = calloc(CS_TEMPLATE_MAX, sizeof *l->items)) == NULL) {
        free(l);
        return no_memory(err);
    }
    stmt_prepare(&st, db, "SELECT id, consultation_id, number, title, body"
                          " FROM answer_template WHERE consultation_id = :c"
                          " ORDER BY number");
    stmt_bind_int64(&st, ":c", consultation_id);
    while (l->count < CS_TEMPLATE_MAX && stmt_row(&st)) {
        struct cs_template *t = &l->items[l->count++];

        t->id = stmt_int64(&st, 0);
        t->consultation_id = stmt_int64(&st, 1);
        t->number = (int)stmt_int64(&st, 2);
        t->title = stmt_text_dup(&st, 3);
        t->body = stmt_text_dup(&st, 4);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK) {
        cs_template_list_free(l);
        return rc;
    }
    *out = l;
    return CS_OK;
}

void
cs_template_list_free(struct cs_template_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].title);
        free(list->items[i].body);
    }
    free(list->items);
    free(list);
}

enum cs_rc
cs_template_fill(const char *body, const struct cs_idea *idea, char **out,
                 struct cs_error *err)
{
    char id[32], date[16];
    const char *names[] = {
        "{title}", "{id}", "{theme}", "{date}", "{consultation}",
    };
    const char *values[5];
    size_t len = 0, cap, n;
    char *buf;

    snprintf(id, sizeof id, "%lld", (long long)idea->id);
    snprintf(date, sizeof date, "%.10s",
             idea->submitted_at ? idea->submitted_at : "");
    values[0] = idea->title ? idea->title : "";
    values[1] = id;
    values[2] = idea->theme_code ? idea->theme_code : "";
    values[3] = date;
    values[4] = idea->consultation_code ? idea->consultation_code : "";
    n = body ? strlen(body) : 0;
    cap = n + 1;
    if ((buf = malloc(cap)) == NULL)
        return no_memory(err);
    for (size_t i = 0; i < n;) {
        const char *add = body + i;
        size_t add_len = 1, skip = 1;

        if (body[i] == '{') {
            for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
                size_t nl = strlen(names[k]);

                if (strncmp(body + i, names[k], nl) == 0) {
                    add = values[k];
                    add_len = strlen(values[k]);
                    skip = nl;
                    break;
                }
            }
        }
        if (len + add_len + 1 > cap) {
            size_t ncap = (len + add_len + 1) * 2;
            char *p = realloc(buf, ncap);

            if (p == NULL) {
                free(buf);
                return no_memory(err);
            }
            buf = p;
            cap = ncap;
        }
        memcpy(buf + len, add, add_len);
        len += add_len;
        i += skip;
    }
    buf[len] = '\0';
    *out = buf;
    return CS_OK;
}
