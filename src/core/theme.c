/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * theme.c: the themes of a consultation.
 */
#include "consult/theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "i18n.h"
#include "stmt.h"

enum cs_rc
cs_theme_add(struct cs_db *db, int64_t consultation_id, const char *code,
             const char *title, int position, int64_t *id,
             struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *key = NULL;
    int64_t new_id = 0;
    enum cs_rc rc;

    if (!util_code_ok(code, "-_."))
        return cs_error_field(err, CS_EINVAL, "code",
            _("The code \"%s\" is not valid: 1 to 32 letters, digits, -, _ "
              "or ."), code ? code : "");
    if (util_is_blank(title))
        return cs_error_field(err, CS_EINVAL, "title", "%s",
                              _("A theme needs a title."));
    if (util_line_check(title, "title", err) != CS_OK)
        return CS_EINVAL;
    if (position < 0)
        return cs_error_field(err, CS_EINVAL, "position", "%s",
                              _("The position must be 1 or more."));
    if ((rc = op_require(db, CS_OP_CONSULTATIONS, err)) != CS_OK)
        return rc;
    if ((rc = util_fold(title, &key, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK) {
        free(key);
        return rc;
    }
    stmt_prepare(&st, db, "SELECT 1 FROM consultation WHERE id = :id");
    stmt_bind_int64(&st, ":id", consultation_id);
    if (!stmt_row(&st) && (rc = stmt_status(&st, err)) == CS_OK)
        rc = cs_error_field(err, CS_ENOTFOUND, "consultation",
                            _("No consultation %lld."),
                            (long long)consultation_id);
    stmt_finish(&st);
    if (rc != CS_OK)
        goto out;
    stmt_prepare(&st, db, "SELECT 1 FROM theme WHERE consultation_id = :c"
                          " AND code = :code");
    stmt_bind_int64(&st, ":c", consultation_id);
    stmt_bind_text(&st, ":code", code);
    if (stmt_row(&st))
        rc = cs_error_field(err, CS_ECONFLICT, "code",
            _("This consultation already has a theme \"%s\"."), code);
    else
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        goto out;
    stmt_prepare(&st, db,
        "INSERT INTO theme(consultation_id, code, title, title_key, position)"
        " VALUES (:c, :code, :title, :key, CASE WHEN :pos > 0 THEN :pos ELSE"
        " (SELECT coalesce(max(position), 0) + 1 FROM theme"
        "  WHERE consultation_id = :c) END)");
    stmt_bind_int64(&st, ":c", consultation_id);
    stmt_bind_text(&st, ":code", code);
    stmt_bind_text(&st, ":title", title);
    stmt_bind_text(&st, ":key", key);
    stmt_bind_int64(&st, ":pos", position);
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    new_id = stmt_last_id(&st);
    rc = audit_write(db, "add", "theme", new_id, 0, NULL, err);
out:
    stmt_finish(&st);
    free(key);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && id)
        *id = new_id;
    return rc;
}

#define THEME_COLUMNS \
    "SELECT t.id, t.consultation_id, t.code, t.title, t.position," \
    " (SELECT coalesce(sum(k.ideas), 0) FROM idea_count k" \
    "   WHERE k.theme_id = t.id) FROM theme t"

static void
theme_from_row(struct stmt *st, struct cs_theme *t)
{
    memset(t, 0, sizeof *t);
    t->id = stmt_int64(st, 0);
    t->consultation_id = stmt_int64(st, 1);
    t->code = stmt_text_dup(st, 2);
    t->title = stmt_text_dup(st, 3);
    t->position = (int)stmt_int64(st, 4);
    t->idea_count = stmt_int64(st, 5);
}

enum cs_rc
cs_theme_find(struct cs_db *db, int64_t consultation_id,
              const char *code_or_title, struct cs_theme *out,
              struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_theme t;
    char *key = NULL;
    bool found = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if (util_is_blank(code_or_title))
        return cs_error_field(err, CS_EINVAL, "theme", "%s",
                              _("No theme given."));
    if ((rc = util_fold(code_or_title, &key, err)) != CS_OK)
        return rc;
    /* The code first (exact, case-insensitive), then the folded title. */
    stmt_prepare(&st, db, THEME_COLUMNS
        " WHERE t.consultation_id = :c AND (t.code = :s OR t.title_key = :k)"
        " ORDER BY t.code = :s DESC LIMIT 1");
    stmt_bind_int64(&st, ":c", consultation_id);
    stmt_bind_text(&st, ":s", code_or_title);
    stmt_bind_text(&st, ":k", key);
    if (stmt_row(&st)) {
        theme_from_row(&st, &t);
        found = true;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    free(key);
    if (rc != CS_OK) {
        if (found)
            cs_theme_clear(&t);
        return rc;
    }
    if (!found)
        return cs_error_field(err, CS_ENOTFOUND, "theme",
            _("No theme \"%s\" in this consultation."), code_or_title);
    *out = t;
    return CS_OK;
}

enum cs_rc
cs_theme_get(struct cs_db *db, int64_t id, struct cs_theme *out,
             struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;
    bool found = false;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, THEME_COLUMNS " WHERE t.id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        theme_from_row(&st, out);
        found = true;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK) {
        if (found)
            cs_theme_clear(out);
        return rc;
    }
    if (!found)
        return cs_error_field(err, CS_ENOTFOUND, "theme", _("No theme %lld."),
                              (long long)id);
    return CS_OK;
}

enum cs_rc
cs_theme_list(struct cs_db *db, int64_t consultation_id,
              struct cs_theme_list **out, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_theme_list *list;
    size_t cap = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((list = calloc(1, sizeof *list)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    stmt_prepare(&st, db, THEME_COLUMNS " WHERE t.consultation_id = :c"
                          " ORDER BY t.position, t.code");
    stmt_bind_int64(&st, ":c", consultation_id);
    while (stmt_row(&st)) {
        void *grown = util_grow(list->items, &cap, list->count,
                                sizeof *list->items);

        if (grown == NULL) {
            rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
            goto out;
        }
        list->items = grown;
        theme_from_row(&st, &list->items[list->count++]);
    }
    rc = stmt_status(&st, err);
out:
    stmt_finish(&st);
    if (rc != CS_OK) {
        cs_theme_list_free(list);
        return rc;
    }
    *out = list;
    return CS_OK;
}

void
cs_theme_clear(struct cs_theme *t)
{
    if (t == NULL)
        return;
    free(t->code);
    free(t->title);
    memset(t, 0, sizeof *t);
}

/* Whether folded `key` starts with folded `prefix`. */
static bool
folded_prefix(const char *s, const char *prefix)
{
    char *a = NULL, *b = NULL;
    bool yes;

    if (util_fold(s ? s : "", &a, NULL) != CS_OK
        || util_fold(prefix, &b, NULL) != CS_OK) {
        free(a);
        return false;
    }
    yes = strncmp(a, b, strlen(b)) == 0;
    free(a);
    free(b);
    return yes;
}

bool
cs_theme_matches(const struct cs_theme *t, const char *typed)
{
    if (t == NULL)
        return false;
    if (util_is_blank(typed))
        return true;
    while (*typed == ' ' || *typed == '\t')
        typed++;
    return folded_prefix(t->code, typed) || folded_prefix(t->title, typed);
}

void
cs_theme_list_free(struct cs_theme_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        cs_theme_clear(&list->items[i]);
    free(list->items);
    free(list);
}
