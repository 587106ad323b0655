/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import_template.c: the empty files people fill in, one per kind of
 * import, for field staff who key their forms in a spreadsheet.
 *
 * A template is made for its reader: it has the columns the user's role
 * may fill (an agent's has no status, answer or tags, which an import by
 * an agent would refuse), and its example line names this database's own
 * consultation, one of its themes and one of its ideas, so that the line,
 * kept as it is, imports.
 */
#include "consult/import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "consult/consultation.h"
#include "consult/record.h"
#include "consult/theme.h"
#include "i18n.h"
#include "outfile.h"
#include "stmt.h"

/* What the example line takes from the database; NULL: the stock value. */
struct example {
    char *consultation;
    char *theme;
    char *idea_id;
    char *idea_form_ref;
};

static void
example_clear(struct example *x)
{
    free(x->consultation);
    free(x->theme);
    free(x->idea_id);
    free(x->idea_form_ref);
    memset(x, 0, sizeof *x);
}

/* An example value for each field, as field staff would write it. */
static const char *
example_of(enum cs_import_kind kind, const char *field,
           const struct example *x)
{
    static const struct { const char *field; const char *value; } ex[] = {
        { "consultation", "AG21" },
        { "theme", "MOB" },
        { "kind", "idea" },
        { "title", "Covoiturage entre services" },
        { "body", "Une plateforme de covoiturage pour les agents qui "
                  "habitent loin du centre administratif." },
        { "channel", "paper" },
        { "form_ref", "F-0001" },
        { "submitted_at", "2021-03-15" },
        { "author_ref", "M012345" },
        { "author_name", "Élodie Dupont" },
        { "service", "Travaux" },
        { "email", "" },
        { "postal", "Rue de la Station 12, 6000 Charleroi" },
        { "phone", "071 23 45 67" },
        { "consent", "yes" },
        { "tags", "" },
        { "status", "" },
        { "answer", "" },
        { "idea_id", "" },
        { "idea_form_ref", "F-0001" },
        { "participant_ref", "M067890" },
        { "participant_name", "Jérôme Lefèvre" },
        { "voted_at", "2021-03-20" },
        { "count", "14" },
        { "against", "3" },
        { "source", "Atelier de Marchienne" },
        { "counted_at", "2021-03-20" },
        { "ref", "M012345" },
        { "name", "Élodie Dupont" },
    };

    if (x->consultation && strcmp(field, "consultation") == 0)
        return x->consultation;
    if (x->theme && strcmp(field, "theme") == 0)
        return x->theme;
    if (kind != CS_IMPORT_IDEAS && (x->idea_id || x->idea_form_ref)) {
        if (strcmp(field, "idea_id") == 0)
            return x->idea_form_ref ? "" : x->idea_id;
        if (strcmp(field, "idea_form_ref") == 0)
            return x->idea_form_ref ? x->idea_form_ref : "";
    }
    if (kind == CS_IMPORT_VOTES && strcmp(field, "channel") == 0)
        return "workshop";
    if (kind == CS_IMPORT_VOTES && strcmp(field, "service") == 0)
        return "Finances";
    if (kind == CS_IMPORT_PARTICIPANTS && strcmp(field, "email") == 0)
        return "elodie.dupont@commune.example.be";
    for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++)
        if (strcmp(ex[i].field, field) == 0)
            return ex[i].value;
    return "";
}

static char *
dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/*
 * The consultation the example names: `id`, or else the newest open one,
 * or else the newest. 0 when the database has none.
 */
static enum cs_rc
example_consultation(struct cs_db *db, int64_t id, int64_t *out,
                     struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *out = id;
    if (id != 0)
        return CS_OK;
    stmt_prepare(&st, db, "SELECT id FROM consultation"
                          " ORDER BY state = 'open' DESC, id DESC LIMIT 1");
    if (stmt_row(&st))
        *out = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* Fill `x` from consultation `cons`: its code, its first theme and an idea
 * to vote for (one with a form reference when it has one). */
static enum cs_rc
example_load(struct cs_db *db, int64_t cons, struct example *x,
             struct cs_error *err)
{
    struct cs_consultation c;
    struct cs_theme_list *themes = NULL;
    struct stmt st = STMT_INIT;
    bool lost;
    enum cs_rc rc;

    memset(&c, 0, sizeof c);
    if ((rc = cs_consultation_get(db, cons, &c, err)) != CS_OK)
        return rc;
    x->consultation = dup_or_null(c.code);
    lost = x->consultation == NULL;
    cs_consultation_clear(&c);
    if ((rc = cs_theme_list(db, cons, &themes, err)) != CS_OK)
        return rc;
    if (themes->count > 0)
        lost = lost || (x->theme = strdup(themes->items[0].code)) == NULL;
    cs_theme_list_free(themes);

    stmt_prepare(&st, db, "SELECT id, form_ref FROM idea"
                          " WHERE consultation_id = :cons"
                          "   AND status NOT IN ('merged', 'hidden')"
                          " ORDER BY form_ref IS NULL, id LIMIT 1");
    stmt_bind_int64(&st, ":cons", cons);
    if (stmt_row(&st)) {
        char num[24];

        snprintf(num, sizeof num, "%lld", (long long)stmt_int64(&st, 0));
        x->idea_id = strdup(num);
        if (!stmt_is_null(&st, 1)
            && (x->idea_form_ref = stmt_text_dup(&st, 1)) == NULL)
            lost = true;
        lost = lost || x->idea_id == NULL;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && lost)
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    return rc;
}

/* Whether the user of `db` may fill field `f` (any field without a
 * database). */
static bool
may_fill(struct cs_db *db, const struct cs_field *f)
{
    return db == NULL || f == NULL || cs_db_can(db, f->op);
}

enum cs_rc
cs_import_template(struct cs_db *db, enum cs_import_kind kind,
                   const struct cs_import_template_options *o, FILE *fp,
                   struct cs_error *err)
{
    static const struct cs_import_template_options none;
    struct cs_csv_writer *w = NULL;
    struct example x;
    const char *const *fields;
    const char *kept[CS_F_COUNT_ALL];
    size_t n, k = 0;
    int64_t cons = 0;
    enum cs_rc rc = CS_OK;

    if ((unsigned)kind >= CS_IMPORT_KIND_COUNT)
        return cs_error_set(err, CS_EINVAL, "%s", _("Unknown kind."));
    if (o == NULL)
        o = &none;
    memset(&x, 0, sizeof x);
    if (db != NULL && o->example
        && kind != CS_IMPORT_PARTICIPANTS
        && (rc = example_consultation(db, o->consultation_id, &cons, err))
               == CS_OK
        && cons != 0)
        rc = example_load(db, cons, &x, err);
    if (rc != CS_OK)
        goto out;

    fields = cs_import_fields(kind, &n);
    for (size_t i = 0; i < n && k < CS_F_COUNT_ALL; i++)
        if (may_fill(db, cs_record_field((enum cs_record_kind)kind,
                                         fields[i])))
            kept[k++] = fields[i];
    if ((rc = cs_csv_writer_open(fp, &o->csv, &w, err)) != CS_OK)
        goto out;
    cs_csv_writer_row(w, kept, k);
    if (o->example) {
        for (size_t i = 0; i < k; i++)
            cs_csv_writer_cell(w, example_of(kind, kept[i], &x));
        cs_csv_writer_end_row(w);
    }
    rc = cs_csv_writer_close(w, err);
out:
    example_clear(&x);
    return rc;
}

enum cs_rc
cs_import_template_file(struct cs_db *db, enum cs_import_kind kind,
                        const struct cs_import_template_options *o,
                        const char *path, bool shared, struct cs_error *err)
{
    struct outfile f;
    struct stat sb;
    enum cs_rc rc;

    if (path == NULL || path[0] == '\0')
        return cs_error_set(err, CS_EINVAL, "%s", _("No file to write to."));
    /* A template may have been filled in since: a file there is never
     * replaced (a device or a pipe is written through). */
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
        return cs_error_set(err, CS_ECREATE, "%s: %s", path,
                            strerror(EEXIST));
    memset(&f, 0, sizeof f);
    if ((rc = outfile_open(&f, path, OUTFILE_MODE(shared), err)) == CS_OK) {
        rc = cs_import_template(db, kind, o, f.fp, err);
        rc = outfile_finish(&f, rc, err);
        rc = outfile_commit(&f, rc, err);
    }
    outfile_drop(&f);
    return rc;
}
