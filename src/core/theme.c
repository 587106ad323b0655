/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * theme.c: the themes of a consultation: adding, finding by code or title
 * (case, accents, apostrophes, dashes and blanks aside), editing, retiring
 * and deleting them, and what imports share to match and create the
 * themes a file names (theme_priv.h).
 */
#include "consult/theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "cons_state.h"
#include "i18n.h"
#include "stmt.h"
#include "theme_priv.h"

/* CS_ECONFLICT when another theme than `except` of consultation `cons`
 * has code `code` (case aside). */
static enum cs_rc
code_free(struct cs_db *db, int64_t cons, const char *code, int64_t except,
          struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, "SELECT 1 FROM theme WHERE consultation_id = :c"
                          " AND code = :code AND id <> :id");
    stmt_bind_int64(&st, ":c", cons);
    stmt_bind_text(&st, ":code", code);
    stmt_bind_int64(&st, ":id", except);
    if (stmt_row(&st))
        rc = cs_error_field(err, CS_ECONFLICT, "code",
            _("This consultation already has a theme \"%s\"."), code);
    else
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* CS_ECONFLICT when another theme than `except` of consultation `cons`
 * has a title that matches `title` (theme_title_key): a file naming
 * it could not say which. */
static enum cs_rc
title_free(struct cs_db *db, int64_t cons, const char *title, int64_t except,
           struct cs_error *err)
{
    struct cs_theme t;
    enum cs_rc rc;

    rc = theme_find_title(db, cons, title, &t, err);
    if (rc == CS_ENOTFOUND) {
        cs_error_clear(err);
        return CS_OK;
    }
    if (rc != CS_OK)
        return rc;
    if (t.id != except)
        rc = cs_error_field(err, CS_ECONFLICT, "title",
            _("Theme %s already has the title \"%s\"."), t.code, t.title);
    cs_theme_clear(&t);
    return rc;
}

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
    if (rc == CS_OK)
        rc = cons_check_work(db, consultation_id, err);
    if (rc != CS_OK)
        goto out;
    if ((rc = code_free(db, consultation_id, code, 0, err)) != CS_OK
        || (rc = title_free(db, consultation_id, title, 0, err)) != CS_OK)
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
    "   WHERE k.theme_id = t.id), t.retired FROM theme t"

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
    t->retired = stmt_int64(st, 6) != 0;
}

/* The theme of consultation `cons` whose code is `s` (case aside) when
 * `by_code`, else whose title matches `s` as theme_title_key folds it;
 * 0 in `*id` when none. A consultation has a few dozen themes, and their
 * stored title keys were made before apostrophes and dashes were folded:
 * each title is folded again here. No role check. */
static enum cs_rc
find_id(struct cs_db *db, int64_t cons, const char *s, bool by_code,
        int64_t *id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *key = NULL;
    enum cs_rc rc;

    *id = 0;
    if ((rc = util_fold_title(s, &key, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT id, :by_code AND code = :s, title"
                          " FROM theme WHERE consultation_id = :c"
                          " ORDER BY 2 DESC, position, id");
    stmt_bind_int64(&st, ":c", cons);
    stmt_bind_text(&st, ":s", s);
    stmt_bind_int64(&st, ":by_code", by_code);
    while (*id == 0 && stmt_row(&st)) {
        char *tkey = NULL;

        if (stmt_int64(&st, 1) != 0) {
            *id = stmt_int64(&st, 0);
            break;
        }
        if (util_fold_title(stmt_text(&st, 2), &tkey, NULL) == CS_OK
            && strcmp(tkey, key) == 0)
            *id = stmt_int64(&st, 0);
        free(tkey);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    free(key);
    return rc;
}

enum cs_rc
theme_find_title(struct cs_db *db, int64_t cons, const char *title,
                 struct cs_theme *out, struct cs_error *err)
{
    int64_t id;
    enum cs_rc rc;

    if ((rc = find_id(db, cons, title, false, &id, err)) != CS_OK)
        return rc;
    if (id == 0)
        return cs_error_field(err, CS_ENOTFOUND, "theme",
            _("No theme \"%s\" in this consultation."), title);
    return cs_theme_get(db, id, out, err);
}

enum cs_rc
cs_theme_find(struct cs_db *db, int64_t consultation_id,
              const char *code_or_title, struct cs_theme *out,
              struct cs_error *err)
{
    int64_t id;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if (util_is_blank(code_or_title))
        return cs_error_field(err, CS_EINVAL, "theme", "%s",
                              _("No theme given."));
    if ((rc = find_id(db, consultation_id, code_or_title, true, &id, err))
        != CS_OK)
        return rc;
    if (id == 0)
        return cs_error_field(err, CS_ENOTFOUND, "theme",
            _("No theme \"%s\" in this consultation."), code_or_title);
    return cs_theme_get(db, id, out, err);
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

/* ---------------------------------------------------------------- changes */

/* Open the write of a change to theme `id`: the role, the transaction
 * and the theme as it was (for the journal). On success the caller ends
 * the transaction and frees `*before`. */
static enum cs_rc
change_begin(struct cs_db *db, int64_t id, struct cs_theme *t,
             char **before, struct cs_error *err)
{
    enum cs_rc rc;

    *before = NULL;
    if ((rc = op_require(db, CS_OP_CONSULTATIONS, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    if ((rc = cs_theme_get(db, id, t, err)) == CS_OK
        && ((rc = cons_check_work(db, t->consultation_id, err)) != CS_OK
            || (rc = audit_snapshot(db, "theme", id, before, err)) != CS_OK))
        cs_theme_clear(t);
    if (rc != CS_OK)
        return txn_end(db, rc, err);
    return CS_OK;
}

enum cs_rc
cs_theme_update(struct cs_db *db, int64_t id, const char *code,
                const char *title, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_theme t;
    char *before = NULL, *key = NULL;
    enum cs_rc rc;

    if (code == NULL && title == NULL)
        return cs_error_set(err, CS_EINVAL, "%s",
                            _("Nothing to change: give a new title or a new "
                              "code."));
    if (code != NULL && !util_code_ok(code, "-_."))
        return cs_error_field(err, CS_EINVAL, "code",
            _("The code \"%s\" is not valid: 1 to 32 letters, digits, -, _ "
              "or ."), code);
    if (title != NULL) {
        if (util_is_blank(title))
            return cs_error_field(err, CS_EINVAL, "title", "%s",
                                  _("A theme needs a title."));
        if (util_line_check(title, "title", err) != CS_OK)
            return CS_EINVAL;
    }
    if ((rc = change_begin(db, id, &t, &before, err)) != CS_OK)
        return rc;
    if (code != NULL
        && (rc = code_free(db, t.consultation_id, code, id, err)) != CS_OK)
        goto out;
    if (title != NULL
        && ((rc = title_free(db, t.consultation_id, title, id, err))
            != CS_OK || (rc = util_fold(title, &key, err)) != CS_OK))
        goto out;
    stmt_prepare(&st, db, "UPDATE theme SET code = coalesce(:code, code),"
                          " title = coalesce(:title, title),"
                          " title_key = coalesce(:key, title_key)"
                          " WHERE id = :id");
    stmt_bind_text(&st, ":code", code);
    stmt_bind_text(&st, ":title", title);
    stmt_bind_text(&st, ":key", key);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) == CS_OK)
        rc = audit_write(db, "update", "theme", id, 0, before, err);
out:
    stmt_finish(&st);
    cs_theme_clear(&t);
    free(before);
    free(key);
    return txn_end(db, rc, err);
}

enum cs_rc
cs_theme_retire(struct cs_db *db, int64_t id, bool retired,
                struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_theme t;
    char *before = NULL;
    enum cs_rc rc;

    if ((rc = change_begin(db, id, &t, &before, err)) != CS_OK)
        return rc;
    if (t.retired == retired) {
        rc = cs_error_set(err, CS_ECONFLICT,
                          retired ? _("Theme %s is already retired.")
                                  : _("Theme %s is not retired."), t.code);
        goto out;
    }
    stmt_prepare(&st, db, "UPDATE theme SET retired = :r WHERE id = :id");
    stmt_bind_int64(&st, ":r", retired);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) == CS_OK)
        rc = audit_write(db, retired ? "retire" : "restore", "theme", id, 0,
                         before, err);
out:
    stmt_finish(&st);
    cs_theme_clear(&t);
    free(before);
    return txn_end(db, rc, err);
}

enum cs_rc
cs_theme_delete(struct cs_db *db, int64_t id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_theme t;
    char *before = NULL;
    int64_t ideas = 0;
    enum cs_rc rc;

    if ((rc = change_begin(db, id, &t, &before, err)) != CS_OK)
        return rc;
    /* Every idea counts, hidden, merged or withdrawn ones too: each keeps
     * its theme. */
    stmt_prepare(&st, db, "SELECT count(*) FROM idea WHERE theme_id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st))
        ideas = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && ideas > 0)
        rc = cs_error_set(err, CS_ECONFLICT,
            ngettext("Theme %s has %lld idea: only an empty theme can be "
                     "deleted (retire it instead: it stays for its ideas "
                     "and leaves the lists).",
                     "Theme %s has %lld ideas: only an empty theme can be "
                     "deleted (retire it instead: it stays for its ideas "
                     "and leaves the lists).", (unsigned long)ideas),
            t.code, (long long)ideas);
    if (rc != CS_OK)
        goto out;
    stmt_prepare(&st, db, "DELETE FROM theme WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) == CS_OK)
        rc = audit_write(db, "delete", "theme", id, 0, before, err);
out:
    stmt_finish(&st);
    cs_theme_clear(&t);
    free(before);
    return txn_end(db, rc, err);
}

/* ---------------------------------------------------------------- imports */

enum cs_rc
theme_code_make(struct cs_db *db, int64_t cons, const char *title,
                char out[33], struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *key = NULL, base[24];
    size_t n = 0;
    enum cs_rc rc;

    /* Folded as titles are matched: "l’air" gives L-AIR, as "l'air". */
    if ((rc = util_fold_title(title, &key, err)) != CS_OK)
        return rc;
    for (const char *s = key; *s && n < sizeof base - 1; s++) {
        char c = *s;

        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            base[n++] = (char)(c >= 'a' ? c - 'a' + 'A' : c);
        else if ((unsigned char)c >= 0x80)
            continue;       /* a letter folding leaves as it is (ł) */
        else if (n > 0 && base[n - 1] != '-')
            base[n++] = '-';
    }
    free(key);
    while (n > 0 && base[n - 1] == '-')
        n--;
    base[n] = '\0';
    if (n == 0)
        snprintf(base, sizeof base, "%s", "THEME");
    snprintf(out, 33, "%s", base);
    for (int k = 2;; k++) {
        bool taken;

        stmt_prepare(&st, db, "SELECT 1 FROM theme WHERE consultation_id ="
                              " :c AND code = :code");
        stmt_bind_int64(&st, ":c", cons);
        stmt_bind_text(&st, ":code", out);
        taken = stmt_row(&st);
        rc = stmt_status(&st, err);
        stmt_finish(&st);
        if (rc != CS_OK || !taken)
            return rc;
        snprintf(out, 33, "%.23s-%d", base, k % 10000);
    }
}

enum cs_rc
theme_create(struct cs_db *db, int64_t cons, const char *title, int64_t *id,
             struct cs_error *err)
{
    char code[33];
    enum cs_rc rc;

    if ((rc = theme_code_make(db, cons, title, code, err)) != CS_OK)
        return rc;
    return cs_theme_add(db, cons, code, title, 0, id, err);
}

enum cs_rc
cs_theme_add_titled(struct cs_db *db, int64_t consultation_id,
                    const char *title, int64_t *id, char code[33],
                    struct cs_error *err)
{
    char made[33];
    enum cs_rc rc;

    if ((rc = theme_code_make(db, consultation_id, title, made, err))
        != CS_OK)
        return rc;
    if ((rc = cs_theme_add(db, consultation_id, made, title, 0, id, err))
        != CS_OK)
        return rc;
    if (code)
        memcpy(code, made, sizeof made);
    return CS_OK;
}

enum cs_rc
theme_create_coded(struct cs_db *db, int64_t cons, const char *code,
                   const char *title, int64_t *id, struct cs_error *err)
{
    enum cs_rc rc;

    if (code == NULL || !util_code_ok(code, "-_."))
        return theme_create(db, cons, title, id, err);
    rc = code_free(db, cons, code, 0, NULL);
    if (rc == CS_ECONFLICT)
        return theme_create(db, cons, title, id, err);
    if (rc != CS_OK)
        return cs_error_set(err, rc, "%s", _("Cannot read the themes."));
    return cs_theme_add(db, cons, code, title, 0, id, err);
}

enum cs_rc
theme_needs_add(struct theme_needs *n, int64_t cons, const char *title,
                size_t *at, struct cs_error *err)
{
    char *key = NULL;
    enum cs_rc rc;

    if ((rc = util_fold_title(title, &key, err)) != CS_OK)
        return rc;
    for (size_t i = 0; i < n->count; i++)
        if (n->items[i].cons == cons && strcmp(n->items[i].key, key) == 0) {
            free(key);
            *at = i;
            return CS_OK;
        }
    if (n->count == n->cap) {
        size_t ncap = n->cap ? n->cap * 2 : 16;
        struct theme_need *grown = realloc(n->items, ncap * sizeof *grown);

        if (grown == NULL) {
            free(key);
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        }
        n->items = grown;
        n->cap = ncap;
    }
    memset(&n->items[n->count], 0, sizeof n->items[n->count]);
    n->items[n->count].cons = cons;
    n->items[n->count].key = key;
    if ((n->items[n->count].title = strdup(title)) == NULL) {
        free(key);
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    *at = n->count++;
    return CS_OK;
}

void
theme_needs_free(struct theme_needs *n)
{
    for (size_t i = 0; i < n->count; i++) {
        free(n->items[i].title);
        free(n->items[i].key);
    }
    free(n->items);
    memset(n, 0, sizeof *n);
}
