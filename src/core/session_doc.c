/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * session_doc.c: the committee's pack: a session's agenda before the
 * meeting, its minutes after it, as CSV rows or as a printable PDF.
 *
 * The agenda gives each idea put before the committee with its text,
 * theme, support and status, after the consultation's figures and a bar
 * chart of support per theme. The minutes give the attendees and, item
 * by item, the decision, its reason and the official answer. The format
 * follows the file's name: ".pdf" typeset by groff (typeset.c), ".csv"
 * (or standard output, a device or a pipe) CSV rows with English column
 * names for machines. The words of the PDF are the user's language.
 */
#include "consult/session.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "consult/consultation.h"
#include "consult/csv.h"
#include "consult/stats.h"
#include "i18n.h"
#include "outfile.h"
#include "typeset.h"

/* The longest bar of the chart, in points (9 cm). Whole points: a
 * decimal number would follow the locale's separator ("3,5"). */
#define BAR_MAX_PT 255


const char *
cs_session_doc_name(enum cs_session_doc doc)
{
    return doc == CS_SESSION_MINUTES ? "minutes" : "agenda";
}

/* ---------------------------------------------------------------- CSV */

static void
csv_ids(struct cs_csv_writer *w, const struct cs_agenda_item *it)
{
    cs_csv_writer_int64(w, it->position);
    cs_csv_writer_int64(w, it->idea_id);
}

static enum cs_rc
agenda_csv(struct cs_db *db, const struct cs_session_detail *d,
           struct cs_csv_writer *w, struct cs_error *err)
{
    static const char *const head[] = {
        "position", "idea_id", "form_ref", "theme", "title", "body",
        "support", "status",
    };
    enum cs_rc rc;

    cs_csv_writer_row(w, head, sizeof head / sizeof head[0]);
    for (size_t i = 0; i < d->item_count; i++) {
        const struct cs_agenda_item *it = &d->items[i];
        struct cs_idea idea;

        memset(&idea, 0, sizeof idea);
        if ((rc = cs_idea_get(db, it->idea_id, &idea, err)) != CS_OK)
            return rc;
        csv_ids(w, it);
        cs_csv_writer_cell(w, idea.form_ref);
        cs_csv_writer_cell(w, it->theme_code);
        cs_csv_writer_cell(w, it->idea_title);
        cs_csv_writer_cell(w, idea.body);
        cs_csv_writer_int64(w, it->support);
        cs_csv_writer_cell(w, cs_status_name(it->idea_status));
        cs_csv_writer_end_row(w);
        cs_idea_clear(&idea);
    }
    return CS_OK;
}

static void
minutes_csv(const struct cs_session_detail *d, struct cs_csv_writer *w)
{
    static const char *const head[] = {
        "position", "idea_id", "theme", "title", "decision", "reason",
        "answer", "decided_at", "decided_by", "carried_to",
    };

    cs_csv_writer_row(w, head, sizeof head / sizeof head[0]);
    for (size_t i = 0; i < d->item_count; i++) {
        const struct cs_agenda_item *it = &d->items[i];

        csv_ids(w, it);
        cs_csv_writer_cell(w, it->theme_code);
        cs_csv_writer_cell(w, it->idea_title);
        cs_csv_writer_cell(w, it->decision >= 0
                                  ? cs_decision_name(
                                        (enum cs_decision)it->decision)
                                  : "");
        cs_csv_writer_cell(w, it->reason);
        cs_csv_writer_cell(w, it->answer);
        cs_csv_writer_cell(w, it->decided_at);
        cs_csv_writer_cell(w, it->decided_by);
        if (it->carried_to > 0)
            cs_csv_writer_int64(w, it->carried_to);
        else
            cs_csv_writer_cell(w, "");
        cs_csv_writer_end_row(w);
    }
}

/* ---------------------------------------------------------------- PDF */

static void
heading(FILE *fp, const char *text)
{
    fputs(".sp 0.6c\n.ft B\n.ps 13\n", fp);
    typeset_text(fp, text);
    fputs("\n.ps 11\n.ft R\n.sp 0.2c\n", fp);
}

/* The title block: the consultation, the body, the date, the title. */
static void
title_block(FILE *fp, const struct cs_session *s, const char *cons_title,
            const char *what)
{
    fputs(".ps 17\n.vs 21p\n.ft B\n", fp);
    typeset_text(fp, cons_title);
    fputs("\n.ft R\n.ps 11\n.vs 15p\n.sp 0.3c\n.ft B\n", fp);
    typeset_text(fp, what);
    fputs("\n.ft R\n.br\n", fp);
    typeset_text(fp, cs_body_label(s->body));
    fputs(" \\[em] ", fp);
    typeset_text(fp, s->held_on);
    if (s->title) {
        fputs(" \\[em] ", fp);
        typeset_text(fp, s->title);
    }
    fputs("\n.br\n", fp);
}

static void
attendees(FILE *fp, const struct cs_session_detail *d)
{
    if (d->attendee_count == 0)
        return;
    heading(fp, _("Attendees"));
    for (size_t i = 0; i < d->attendee_count; i++) {
        typeset_text(fp, d->attendees[i].name);
        if (d->attendees[i].role && d->attendees[i].role[0]) {
            fputs(", ", fp);
            typeset_text(fp, d->attendees[i].role);
        }
        fputs("\n.br\n", fp);
    }
}

/* The consultation's figures and the bar chart of support per theme. */
static void
figures(FILE *fp, const struct cs_stats *st)
{
    int64_t most = 0;
    char line[200];

    heading(fp, _("The consultation in figures"));
    snprintf(line, sizeof line, _("%" PRId64 " ideas, %" PRId64
                                  " findings, %" PRId64 " participants."),
             st->ideas, st->findings, st->participants);
    typeset_text(fp, line);
    fputs("\n.br\n", fp);
    snprintf(line, sizeof line, _("Support: %" PRId64 " individual votes "
                                  "and %" PRId64 " votes counted on paper."),
             st->votes, st->tally_votes);
    typeset_text(fp, line);
    fputs("\n.br\n", fp);

    heading(fp, _("Support per theme"));
    for (size_t i = 0; i < st->theme_count; i++) {
        int64_t v = st->themes[i].votes + st->themes[i].tally_votes;

        if (v > most)
            most = v;
    }
    /* No fill: a line of the chart never wraps. */
    fputs(".nf\n", fp);
    for (size_t i = 0; i < st->theme_count; i++) {
        const struct cs_theme_stats *t = &st->themes[i];
        int64_t v = t->votes + t->tally_votes;
        int64_t pt = most > 0 ? BAR_MAX_PT * v / most : 0;
        char bar[120];

        typeset_text(fp, t->code);
        fputs("\\h'|3c'", fp);
        /* A thick line, raised to the middle of the text. */
        if (pt > 0) {
            snprintf(bar, sizeof bar, "\\v'-0.12c'\\D't 7p'\\D'l %" PRId64
                     "p 0'\\D't 0'\\v'0.12c'", pt);
            fputs(bar, fp);
        }
        snprintf(bar, sizeof bar, "\\h'0.3c'%" PRId64 "\n", v);
        fputs(bar, fp);
    }
    /* The legend: each code with its theme's title. */
    fputs(".fi\n.sp 0.2c\n.ps 9\n.vs 12p\n", fp);
    for (size_t i = 0; i < st->theme_count; i++) {
        if (i > 0)
            fputs("\\~\\[md]\n", fp);
        fputs("\\f[B]", fp);
        typeset_text(fp, st->themes[i].code);
        fputs("\\f[R]\\~", fp);
        typeset_text(fp, st->themes[i].title);
        fputs("\n", fp);
    }
    fputs(".br\n.ps 11\n.vs 15p\n", fp);
}

static void
agenda_pdf_item(FILE *fp, const struct cs_agenda_item *it,
                const struct cs_idea *idea)
{
    char line[300];

    fputs(".ne 2.5c\n.sp 0.4c\n.ft B\n", fp);
    snprintf(line, sizeof line, "%" PRId64 ". ", it->position);
    typeset_text(fp, line);
    fputs("\\&", fp);
    typeset_text(fp, it->idea_title);
    fputs("\n.ft R\n.br\n\\s[-1]", fp);
    snprintf(line, sizeof line, _("Idea %" PRId64 ", theme %s, support "
                                  "%" PRId64 ", %s"),
             it->idea_id, it->theme_code ? it->theme_code : "",
             it->support, cs_status_label(it->idea_status));
    typeset_text(fp, line);
    if (idea->form_ref) {
        fputs(", ", fp);
        snprintf(line, sizeof line, _("form %s"), idea->form_ref);
        typeset_text(fp, line);
    }
    fputs("\\s[0]\n.br\n", fp);
    typeset_block(fp, idea->body);
}

static void
minutes_pdf_item(FILE *fp, const struct cs_agenda_item *it)
{
    char line[300];

    fputs(".ne 2.5c\n.sp 0.4c\n.ft B\n", fp);
    snprintf(line, sizeof line, _("%" PRId64 ". Idea %" PRId64 ": "),
             it->position, it->idea_id);
    typeset_text(fp, line);
    fputs("\\&", fp);
    typeset_text(fp, it->idea_title);
    fputs("\n.ft R\n.br\n", fp);
    if (it->decision < 0) {
        typeset_text(fp, _("No decision: carried to the next session."));
        fputs("\n.br\n", fp);
        return;
    }
    fputs("\\f[I]", fp);
    typeset_text(fp, _("Decision:"));
    fputs("\\f[R] ", fp);
    typeset_text(fp, cs_decision_label((enum cs_decision)it->decision));
    fputs("\n.br\n", fp);
    /* The label, then the text on the same line (lines join in fill
     * mode). */
    if (it->reason && it->reason[0]) {
        fputs("\\f[I]", fp);
        typeset_text(fp, _("Reason:"));
        fputs("\\f[R]\n", fp);
        typeset_block(fp, it->reason);
    }
    if (it->answer && it->answer[0]) {
        fputs("\\f[I]", fp);
        typeset_text(fp, _("Official answer:"));
        fputs("\\f[R]\n", fp);
        typeset_block(fp, it->answer);
    }
    if (it->carried_to > 0) {
        snprintf(line, sizeof line, _("Carried to session %" PRId64 "."),
                 it->carried_to);
        typeset_text(fp, line);
        fputs("\n.br\n", fp);
    }
}

static enum cs_rc
session_pdf(struct cs_db *db, enum cs_session_doc doc,
            const struct cs_session_detail *d, FILE *out,
            struct cs_error *err)
{
    struct cs_consultation c;
    struct cs_stats *st = NULL;
    char *src = NULL;
    size_t len = 0;
    FILE *fp;
    enum cs_rc rc;

    memset(&c, 0, sizeof c);
    if ((rc = cs_consultation_get(db, d->session.consultation_id, &c, err))
        != CS_OK)
        return rc;
    if (doc == CS_SESSION_AGENDA
        && (rc = cs_stats_get(db, d->session.consultation_id, &st, err))
               != CS_OK)
        goto out;
    if ((fp = open_memstream(&src, &len)) == NULL) {
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        goto out;
    }
    typeset_page(fp, true);
    title_block(fp, &d->session, c.title,
                doc == CS_SESSION_AGENDA ? _("Agenda") : _("Minutes"));
    attendees(fp, d);
    if (doc == CS_SESSION_AGENDA) {
        figures(fp, st);
        heading(fp, _("The ideas put before the committee"));
    } else {
        heading(fp, _("Decisions"));
    }
    if (d->item_count == 0) {
        typeset_text(fp, _("Nothing is on the agenda."));
        fputs("\n.br\n", fp);
    }
    for (size_t i = 0; i < d->item_count && rc == CS_OK; i++) {
        if (doc == CS_SESSION_AGENDA) {
            struct cs_idea idea;

            memset(&idea, 0, sizeof idea);
            if ((rc = cs_idea_get(db, d->items[i].idea_id, &idea, err))
                == CS_OK)
                agenda_pdf_item(fp, &d->items[i], &idea);
            cs_idea_clear(&idea);
        } else {
            minutes_pdf_item(fp, &d->items[i]);
        }
    }
    if (doc == CS_SESSION_MINUTES) {
        char line[300];

        fputs(".sp 0.8c\n", fp);
        if (d->session.closed)
            snprintf(line, sizeof line, _("Session closed on %.10s by %s."),
                     d->session.closed_at, d->session.closed_by);
        else
            snprintf(line, sizeof line, "%s",
                     _("Session not closed yet: these decisions are not "
                       "final."));
        typeset_text(fp, line);
        fputs("\n.br\n", fp);
    }
    if (fclose(fp) != 0 && rc == CS_OK)
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    if (rc == CS_OK)
        rc = typeset_pdf(src, len, out, err);
out:
    free(src);
    cs_stats_free(st);
    cs_consultation_clear(&c);
    return rc;
}

/* ---------------------------------------------------------------- file */

enum cs_rc
cs_session_export(struct cs_db *db, int64_t id, enum cs_session_doc doc,
                  const char *path, bool shared, int64_t *items,
                  struct cs_error *err)
{
    struct cs_session_detail *d = NULL;
    struct cs_csv_writer *w = NULL;
    struct outfile f;
    bool pdf;
    enum cs_rc rc;

    memset(&f, 0, sizeof f);
    if ((rc = typeset_format(path, &pdf, err)) != CS_OK)
        return rc;
    if ((rc = cs_session_get(db, id, &d, err)) != CS_OK)
        return rc;
    if ((rc = outfile_open(&f, path, OUTFILE_MODE(shared), err)) != CS_OK)
        goto out;
    if (pdf) {
        rc = session_pdf(db, doc, d, f.fp, err);
    } else if ((rc = cs_csv_writer_open(f.fp, NULL, &w, err)) == CS_OK) {
        if (doc == CS_SESSION_AGENDA)
            rc = agenda_csv(db, d, w, err);
        else
            minutes_csv(d, w);
        if (rc == CS_OK)
            rc = cs_csv_writer_close(w, err);
        else
            cs_csv_writer_close(w, NULL);
    }
    rc = outfile_finish(&f, rc, err);
    rc = outfile_commit(&f, rc, err);
    if (rc == CS_OK && items)
        *items = (int64_t)d->item_count;
out:
    outfile_drop(&f);
    cs_session_detail_free(d);
    return rc;
}
