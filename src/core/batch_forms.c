/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * batch_forms.c: a paper batch's blank forms, printed before any is keyed.
 *
 * The paper loop starts with paper: each form of a batch is printed with
 * the reference it will be keyed under (the batch's prefix and number, as
 * the entry form proposes them), the consultation's title, its themes as
 * boxes to tick, a line for each field the batch's layout has, and the
 * consent box. The document is plain troff typeset by groff (typeset.c);
 * its words are the user's language.
 */
#include "consult/batch.h"

#include <stdlib.h>
#include <string.h>

#include "consult/consultation.h"
#include "consult/theme.h"
#include "i18n.h"
#include "outfile.h"
#include "typeset.h"

/* Themes whose titles are longer than this are listed one per line. */
#define TWO_COLUMNS_MAX 38

static void
box(FILE *fp)
{
    fputs("\\s[+6]\\[sq]\\s[0]\\~", fp);
}

/* A label, then a line to the right margin. */
static void
field_line(FILE *fp, const char *label)
{
    fputs(".sp 0.5c\n", fp);
    typeset_text(fp, label);
    fputs("\\~\\l'|17c'\n", fp);
}

static void
themes_part(FILE *fp, const struct cs_theme_list *themes)
{
    bool two = true;

    for (size_t i = 0; i < themes->count; i++)
        if (strlen(themes->items[i].title) > TWO_COLUMNS_MAX)
            two = false;
    fputs(".sp 0.6c\n.ft B\n", fp);
    typeset_text(fp, _("Theme (tick one box)"));
    fputs("\n.ft R\n.sp 0.2c\n", fp);
    for (size_t i = 0; i < themes->count; i++) {
        const struct cs_theme *t = &themes->items[i];

        /* One line of troff per row: in fill mode a new input line
         * would join the row before it. */
        if (two && i % 2 == 1)
            fputs("\\h'|8.5c'", fp);
        box(fp);
        typeset_text(fp, t->title);
        fputs(" \\s[-2](", fp);
        typeset_text(fp, t->code);
        fputs(")\\s[0]", fp);
        if (!two || i % 2 == 1 || i + 1 == themes->count)
            fputs("\n.br\n", fp);
    }
}

/* One form: its page. */
static void
form_page(FILE *fp, const struct cs_batch *b, const char *cons_title,
          const struct cs_theme_list *themes, const char *ref)
{
    fputs(".sp 1.2c\n.ps 17\n.vs 21p\n.ft B\n", fp);
    typeset_text(fp, cons_title);
    fputs("\n.ft R\n.ps 11\n.vs 15p\n.sp 0.4c\n", fp);
    typeset_text(fp, _("Form no."));
    fputs("\\~\\f[B]\\s[+3]", fp);
    typeset_text(fp, ref);
    fputs("\\s[0]\\f[R]\\h'|9c'", fp);
    typeset_text(fp, b->label);
    if (b->point) {
        fputs(", ", fp);
        typeset_text(fp, b->point);
    }
    fputs("\n", fp);

    if (cs_batch_has_field(b, "theme") && themes->count > 0)
        themes_part(fp, themes);
    fputs(".sp 0.3c\n", fp);
    if (cs_batch_has_field(b, "author_name"))
        field_line(fp, _("Your name:"));
    if (cs_batch_has_field(b, "service"))
        field_line(fp, _("Your service:"));
    if (cs_batch_has_field(b, "postal")) {
        field_line(fp, _("Postal address:"));
        fputs(".sp 0.5c\n\\l'|17c'\n", fp);
    }
    if (cs_batch_has_field(b, "email") && cs_batch_has_field(b, "phone")) {
        fputs(".sp 0.5c\n", fp);
        typeset_text(fp, _("Email:"));
        fputs("\\~\\l'|8c'\\h'|8.5c'", fp);
        typeset_text(fp, _("Phone:"));
        fputs("\\~\\l'|17c'\n", fp);
    } else if (cs_batch_has_field(b, "email")) {
        field_line(fp, _("Email:"));
    } else if (cs_batch_has_field(b, "phone")) {
        field_line(fp, _("Phone:"));
    }
    if (cs_batch_has_field(b, "consent")) {
        fputs(".sp 0.6c\n", fp);
        box(fp);
        typeset_text(fp, _("I agree to be contacted about my idea, and to "
                           "receive the answer to it."));
        fputs("\n", fp);
    }
    if (cs_batch_has_field(b, "title"))
        field_line(fp, _("Title of your idea:"));
    if (cs_batch_has_field(b, "body")) {
        fputs(".sp 0.5c\n", fp);
        typeset_text(fp, _("Your idea:"));
        /* Lines down to the date's place at the foot of the page. */
        fputs("\n.sp 0.1c\n.while (\\n[.d] < 24.5c) \\{\\\n"
              ".sp 0.45c\n\\l'|17c'\n.\\}\n", fp);
    }
    if (cs_batch_has_field(b, "submitted_at")) {
        fputs(".sp |25.8c\n", fp);
        typeset_text(fp, _("Date:"));
        fputs("\\~\\l'|5c'\n", fp);
    }
    fputs(".sp |27.6c\n.ps 8\n", fp);
    typeset_text(fp, b->consultation_code);
    fputs(" \\[em] ", fp);
    typeset_text(fp, b->label);
    fputs(" \\[em] ", fp);
    typeset_text(fp, ref);
    fputs("\n.ps 11\n", fp);
}

enum cs_rc
cs_batch_forms(struct cs_db *db, int64_t id, int64_t count,
               const char *path, bool shared, int64_t *written,
               struct cs_error *err)
{
    struct cs_batch b;
    struct cs_consultation c;
    struct cs_theme_list *themes = NULL;
    struct outfile f;
    char **refs = NULL;
    char *src = NULL;
    size_t len = 0, n = 0;
    FILE *mem = NULL;
    enum cs_rc rc;

    memset(&b, 0, sizeof b);
    memset(&c, 0, sizeof c);
    memset(&f, 0, sizeof f);
    if (path == NULL || path[0] == '\0')
        return cs_error_set(err, CS_EINVAL, "%s", _("No file to write to."));
    if (count < 0)
        return cs_error_set(err, CS_EINVAL, _("A number of forms from 1 to "
                                              "%d."), CS_BATCH_FORMS_MAX);
    if ((rc = cs_batch_get(db, id, &b, err)) != CS_OK)
        return rc;
    if (count == 0 && (count = b.expected - b.keyed) <= 0) {
        rc = cs_error_set(err, CS_EINVAL,
                          _("Every form of batch %lld is keyed (%lld of "
                            "%lld); give the number of forms to print."),
                          (long long)id, (long long)b.keyed,
                          (long long)b.expected);
        goto out;
    }
    if ((rc = cs_batch_next_refs(db, id, (size_t)count, &refs, err))
            != CS_OK
        || (rc = cs_consultation_get(db, b.consultation_id, &c, err))
            != CS_OK
        || (rc = cs_theme_list(db, b.consultation_id, &themes, err))
            != CS_OK)
        goto out;

    if ((mem = open_memstream(&src, &len)) == NULL) {
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        goto out;
    }
    typeset_page(mem, false);
    for (n = 0; refs[n]; n++) {
        if (n > 0)
            fputs(".bp\n", mem);
        form_page(mem, &b, c.title, themes, refs[n]);
    }
    if (fclose(mem) != 0) {
        mem = NULL;
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        goto out;
    }
    mem = NULL;

    if ((rc = outfile_open(&f, path, OUTFILE_MODE(shared), err)) == CS_OK) {
        rc = typeset_pdf(src, len, f.fp, err);
        rc = outfile_finish(&f, rc, err);
        rc = outfile_commit(&f, rc, err);
    }
    outfile_drop(&f);
    if (rc == CS_OK && written)
        *written = (int64_t)n;
out:
    if (mem)
        fclose(mem);
    free(src);
    cs_batch_refs_free(refs);
    cs_theme_list_free(themes);
    cs_consultation_clear(&c);
    cs_batch_clear(&b);
    return rc;
}
