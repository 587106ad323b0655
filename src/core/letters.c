/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * letters.c: the answers, back to the people who wrote the ideas (see
 * letters.h): who can be reached and how, the letters (troff typeset by
 * groff), the mail-merge rows, the answered log.
 *
 * The letters speak the consultation's language, not the user's: their
 * few fixed words are in the table below for each language a
 * consultation may have, rather than in the user's message catalogue.
 */
#include "consult/letters.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "cons_state.h"
#include "consult/csv.h"
#include "consult/types.h"
#include "i18n.h"
#include "outfile.h"
#include "stmt.h"
#include "typeset.h"

const char *
cs_reach_name(enum cs_reach r)
{
    static const char *const names[CS_REACH_COUNT] = {
        "email", "post", "internal", "none",
    };

    return (unsigned)r < CS_REACH_COUNT ? names[r] : "none";
}

/* ---------------------------------------------------------------- words */

struct words {
    const char *lang;
    const char *subject;        /* %s: the consultation's title */
    const char *opening;
    const char *intro_one;      /* %s: the consultation's title */
    const char *intro_many;
    const char *idea;           /* %s: the date on the form */
    const char *decision;
    const char *closing;
    const char *internal;
    const char *status[3];      /* accepted, rejected, implemented */
    const char *months[12];
};

static const struct words words[] = {
    { "fr", "Objet : votre participation à « %s »", "Madame, Monsieur,",
      "Vous avez pris part à la consultation « %s ». Voici la réponse "
      "donnée à votre idée.",
      "Vous avez pris part à la consultation « %s ». Voici la réponse "
      "donnée à chacune de vos idées.",
      "Votre idée du %s :", "Décision :",
      "Nous vous remercions de votre participation.", "Courrier interne",
      { "acceptée", "rejetée", "réalisée" },
      { "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
        "août", "septembre", "octobre", "novembre", "décembre" } },
    { "en", "Subject: your part in “%s”", "Dear Sir or Madam,",
      "You took part in the consultation “%s”. Here is the answer given "
      "to your idea.",
      "You took part in the consultation “%s”. Here is the answer given "
      "to each of your ideas.",
      "Your idea of %s:", "Decision:", "Thank you for taking part.",
      "Internal mail",
      { "accepted", "rejected", "implemented" },
      { "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December" } },
};

/* `tmpl` with its one "%s" replaced by `arg`, into `out` (cut to fit). The
 * words are data, not formats. */
static void
subst(char *out, size_t n, const char *tmpl, const char *arg)
{
    const char *at = strstr(tmpl, "%s");

    if (at == NULL)
        snprintf(out, n, "%s", tmpl);
    else
        snprintf(out, n, "%.*s%s%s", (int)(at - tmpl), tmpl, arg ? arg : "",
                 at + 2);
}

static const struct words *
words_of(const char *lang)
{
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (lang && strcmp(words[i].lang, lang) == 0)
            return &words[i];
    return &words[0];
}

/* "4 décembre 2026" / "4 December 2026" from "YYYY-MM-DD...". */
static void
long_date(const struct words *w, const char *ymd, char *out, size_t n)
{
    int y, m, d;

    if (ymd == NULL || sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3
        || m < 1 || m > 12) {
        snprintf(out, n, "%s", ymd ? ymd : "");
        return;
    }
    snprintf(out, n, "%d %s %d", d, w->months[m - 1], y);
}

static const char *
status_word(const struct words *w, const char *status)
{
    static const char *const names[] = { "accepted", "rejected",
                                         "implemented" };

    for (size_t i = 0; i < 3; i++)
        if (status && strcmp(status, names[i]) == 0)
            return w->status[i];
    return status ? status : "";
}

/* ---------------------------------------------------------------- settings */

void
cs_letter_settings_clear(struct cs_letter_settings *s)
{
    free(s->language);
    free(s->sender);
    free(s->opening);
    free(s->closing);
    free(s->signature);
    memset(s, 0, sizeof *s);
}

enum cs_rc
cs_letter_settings_get(struct cs_db *db, int64_t id,
                       struct cs_letter_settings *out, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    memset(out, 0, sizeof *out);
    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK
        || (rc = cons_exists(db, id, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT language, sender, opening, closing,"
                          " signature FROM letter_setting"
                          " WHERE consultation_id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        out->language = stmt_text_dup(&st, 0);
        out->sender = stmt_text_dup(&st, 1);
        out->opening = stmt_text_dup(&st, 2);
        out->closing = stmt_text_dup(&st, 3);
        out->signature = stmt_text_dup(&st, 4);
    } else {
        out->language = strdup("fr");
        out->sender = strdup("");
        out->opening = strdup("");
        out->closing = strdup("");
        out->signature = strdup("");
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && (!out->language || !out->sender || !out->opening
                        || !out->closing || !out->signature))
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    if (rc != CS_OK)
        cs_letter_settings_clear(out);
    return rc;
}

enum cs_rc
cs_letter_settings_set(struct cs_db *db, int64_t id,
                       const struct cs_letter_settings_edit *e,
                       struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_CONSULTATIONS, err)) != CS_OK)
        return rc;
    if (e->language && strcmp(e->language, "fr") != 0
        && strcmp(e->language, "en") != 0)
        return cs_error_field(err, CS_EINVAL, "language",
                              _("A letter's language is fr or en, not "
                                "\"%s\"."), e->language);
    if ((rc = util_text_check(e->sender, "sender", err)) != CS_OK
        || (rc = util_text_check(e->opening, "opening", err)) != CS_OK
        || (rc = util_text_check(e->closing, "closing", err)) != CS_OK
        || (rc = util_text_check(e->signature, "signature", err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    if ((rc = cons_exists(db, id, err)) != CS_OK
        || (rc = cons_check_work(db, id, err)) != CS_OK)
        goto out;
    stmt_prepare(&st, db,
                 "INSERT INTO letter_setting (consultation_id, language,"
                 " sender, opening, closing, signature)"
                 " VALUES (:id, coalesce(:lang, 'fr'), coalesce(:sender, ''),"
                 " coalesce(:opening, ''), coalesce(:closing, ''),"
                 " coalesce(:signature, ''))"
                 " ON CONFLICT (consultation_id) DO UPDATE SET"
                 " language = coalesce(:lang, language),"
                 " sender = coalesce(:sender, sender),"
                 " opening = coalesce(:opening, opening),"
                 " closing = coalesce(:closing, closing),"
                 " signature = coalesce(:signature, signature)");
    stmt_bind_int64(&st, ":id", id);
    stmt_bind_text_or_null(&st, ":lang", e->language);
    stmt_bind_text_or_null(&st, ":sender", e->sender);
    stmt_bind_text_or_null(&st, ":opening", e->opening);
    stmt_bind_text_or_null(&st, ":closing", e->closing);
    stmt_bind_text_or_null(&st, ":signature", e->signature);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK)
        rc = audit_write(db, "update", "letter_setting", id, 0, NULL, err);
out:
    return txn_end(db, rc, err);
}

/* ---------------------------------------------------------------- people */

struct answer {
    int64_t idea_id;
    char *title;
    char *status;
    char *answer;
    char *submitted_at;
    char *given_at;
};

struct person {
    int64_t id;
    char *ref, *name, *service, *email, *postal;
    bool consent;
    enum cs_reach reach;
    const char *why;            /* CS_REACH_NONE: the reason */
    struct answer *answers;
    size_t count, cap;
};

struct people {
    struct person *items;
    size_t count, cap;
    int64_t consultation_id;
    char *cons_title;
};

static void
people_free(struct people *p)
{
    for (size_t i = 0; i < p->count; i++) {
        struct person *x = &p->items[i];

        for (size_t k = 0; k < x->count; k++) {
            free(x->answers[k].title);
            free(x->answers[k].status);
            free(x->answers[k].answer);
            free(x->answers[k].submitted_at);
            free(x->answers[k].given_at);
        }
        free(x->answers);
        free(x->ref);
        free(x->name);
        free(x->service);
        free(x->email);
        free(x->postal);
    }
    free(p->items);
    free(p->cons_title);
    memset(p, 0, sizeof *p);
}

static bool
given(const char *s)
{
    return s != NULL && s[0] != '\0';
}

/* Who reaches a person, and when none, why. */
static void
reach_of(struct person *x)
{
    x->why = NULL;
    if (given(x->email) && x->consent)
        x->reach = CS_REACH_EMAIL;
    else if (given(x->postal))
        x->reach = CS_REACH_POST;
    else if (given(x->service))
        x->reach = CS_REACH_INTERNAL;
    else {
        x->reach = CS_REACH_NONE;
        x->why = given(x->email) ? N_("no consent to be contacted, and no "
                                      "postal address or service")
                                 : N_("no email, postal address or service");
    }
}

/*
 * The people with a published answer in the scope, each with their
 * answered ideas, by name. Anonymised people and anonymous ideas have no
 * one to answer.
 */
static enum cs_rc
people_load(struct cs_db *db, int64_t cons, int64_t session,
            struct people *out, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct person *x = NULL;
    enum cs_rc rc = CS_OK;
    bool lost = false;

    stmt_prepare(&st, db,
        "SELECT p.id, p.ref, p.name, p.service, p.email, p.postal,"
        "  p.consent, i.id, i.title, i.status, i.answer, i.submitted_at,"
        "  h.given_at"
        " FROM idea i"
        " JOIN participant p ON p.id = i.author_id AND p.anonymised = 0"
        " JOIN idea_answer h ON h.id = (SELECT max(id) FROM idea_answer"
        "   WHERE idea_id = i.id)"
        " WHERE i.consultation_id = :cons"
        "   AND i.status IN ('accepted', 'rejected', 'implemented')"
        "   AND i.answer IS NOT NULL AND h.published_at IS NOT NULL"
        "   AND (:session IS NULL OR i.id IN (SELECT idea_id FROM"
        "        agenda_item WHERE session_id = :session))"
        " ORDER BY coalesce(p.name_key, p.ref, ''), p.id, i.id");
    stmt_bind_int64(&st, ":cons", cons);
    if (session > 0)
        stmt_bind_int64(&st, ":session", session);
    else
        stmt_bind_null(&st, ":session");
    while (!lost && stmt_row(&st)) {
        struct answer *a;
        int64_t pid = stmt_int64(&st, 0);

        if (x == NULL || x->id != pid) {
            struct person *items = util_grow(out->items, &out->cap,
                                             out->count, sizeof *items);

            if (items == NULL) {
                lost = true;
                break;
            }
            out->items = items;
            x = &out->items[out->count++];
            memset(x, 0, sizeof *x);
            x->id = pid;
            x->ref = stmt_text_dup(&st, 1);
            x->name = stmt_text_dup(&st, 2);
            x->service = stmt_text_dup(&st, 3);
            x->email = stmt_text_dup(&st, 4);
            x->postal = stmt_text_dup(&st, 5);
            x->consent = stmt_int64(&st, 6) != 0;
            reach_of(x);
        }
        if ((a = util_grow(x->answers, &x->cap, x->count, sizeof *a))
            == NULL) {
            lost = true;
            break;
        }
        x->answers = a;
        a = &x->answers[x->count++];
        a->idea_id = stmt_int64(&st, 7);
        a->title = stmt_text_dup(&st, 8);
        a->status = stmt_text_dup(&st, 9);
        a->answer = stmt_text_dup(&st, 10);
        a->submitted_at = stmt_text_dup(&st, 11);
        a->given_at = stmt_text_dup(&st, 12);
        lost = !a->title || !a->status || !a->answer;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && lost)
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    return rc;
}

/* The consultation (and its title) a scope names. */
static enum cs_rc
scope_load(struct cs_db *db, const struct cs_letters_options *o,
           struct people *p, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    if (o->session_id > 0) {
        stmt_prepare(&st, db, "SELECT s.consultation_id, c.title"
                              " FROM committee_session s JOIN consultation c"
                              " ON c.id = s.consultation_id"
                              " WHERE s.id = :id");
        stmt_bind_int64(&st, ":id", o->session_id);
    } else if (o->consultation_id > 0) {
        stmt_prepare(&st, db, "SELECT id, title FROM consultation"
                              " WHERE id = :id");
        stmt_bind_int64(&st, ":id", o->consultation_id);
    } else {
        return cs_error_set(err, CS_EINVAL, "%s", _("Name a session or a "
                                                    "consultation."));
    }
    if (stmt_row(&st)) {
        p->consultation_id = stmt_int64(&st, 0);
        p->cons_title = stmt_text_dup(&st, 1);
        rc = stmt_status(&st, err);
        if (rc == CS_OK && p->cons_title == NULL)
            rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    } else if ((rc = stmt_status(&st, err)) == CS_OK) {
        rc = o->session_id > 0
                 ? cs_error_set(err, CS_ENOTFOUND, _("No session %lld."),
                                (long long)o->session_id)
                 : cs_error_set(err, CS_ENOTFOUND, _("No consultation "
                                                     "%lld."),
                                (long long)o->consultation_id);
    }
    stmt_finish(&st);
    return rc;
}

/* ---------------------------------------------------------------- letters */

static void
line_of(FILE *fp, const char *s)
{
    typeset_text(fp, s);
    fputs("\n.br\n", fp);
}

struct letters_ctx {
    const struct words *w;
    const struct cs_letter_settings *set;
    const char *cons_title;
    char today[40];
};

static void
letter_page(FILE *fp, const struct letters_ctx *cx, const struct person *x)
{
    const struct words *w = cx->w;
    char line[600];

    fputs(".sp |1.5c\n.ps 10\n.vs 13p\n", fp);
    typeset_block(fp, cx->set->sender);
    /* The address, where a windowed envelope shows it (DL, window on the
     * right: 11 cm from the left edge, 4.5 cm from the top). */
    fputs(".ps 11\n.vs 14p\n.sp |4.8c\n.in 9c\n", fp);
    line_of(fp, x->name ? x->name : x->ref);
    if (x->reach == CS_REACH_INTERNAL) {
        line_of(fp, x->service);
        line_of(fp, w->internal);
    } else {
        typeset_block(fp, x->postal);
    }
    fputs(".in 0\n.sp |9.5c\n.in 9c\n", fp);
    line_of(fp, cx->today);
    fputs(".in 0\n.vs 15p\n.sp 0.8c\n.ft B\n", fp);
    subst(line, sizeof line, w->subject, cx->cons_title);
    line_of(fp, line);
    fputs(".ft R\n.sp 0.6c\n", fp);
    line_of(fp, given(cx->set->opening) ? cx->set->opening : w->opening);
    fputs(".sp 0.4c\n", fp);
    subst(line, sizeof line, x->count > 1 ? w->intro_many : w->intro_one,
          cx->cons_title);
    line_of(fp, line);
    for (size_t k = 0; k < x->count; k++) {
        const struct answer *a = &x->answers[k];
        char day[40];

        long_date(w, a->submitted_at, day, sizeof day);
        fputs(".ne 2.5c\n.sp 0.4c\n.ft B\n", fp);
        subst(line, sizeof line, w->idea, day);
        typeset_text(fp, line);
        fputs(" ", fp);
        typeset_text(fp, a->title);
        fputs("\n.ft R\n.br\n\\f[I]", fp);
        typeset_text(fp, w->decision);
        fputs("\\f[R] ", fp);
        typeset_text(fp, status_word(w, a->status));
        fputs("\n.br\n", fp);
        typeset_block(fp, a->answer);
    }
    fputs(".sp 0.6c\n", fp);
    typeset_block(fp, given(cx->set->closing) ? cx->set->closing
                                              : w->closing);
    fputs(".sp 1c\n.in 9c\n", fp);
    typeset_block(fp, cx->set->signature);
    fputs(".in 0\n", fp);
}

static enum cs_rc
letters_pdf(const struct people *p, const struct letters_ctx *cx, FILE *out,
            int64_t *pages, struct cs_error *err)
{
    char *src = NULL;
    size_t len = 0;
    FILE *fp;
    enum cs_rc rc = CS_OK;

    *pages = 0;
    if ((fp = open_memstream(&src, &len)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    typeset_page(fp, false);
    for (size_t i = 0; i < p->count; i++) {
        const struct person *x = &p->items[i];

        if (x->reach != CS_REACH_POST && x->reach != CS_REACH_INTERNAL)
            continue;
        if (*pages > 0)
            fputs(".bp\n", fp);
        letter_page(fp, cx, x);
        (*pages)++;
    }
    if (fclose(fp) != 0)
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    if (rc == CS_OK && *pages == 0)
        rc = cs_error_set(err, CS_ENOTFOUND, "%s",
                          _("No one to write to: no published answer goes "
                            "to a participant reached by post or internal "
                            "mail."));
    if (rc == CS_OK)
        rc = typeset_pdf(src, len, out, err);
    free(src);
    return rc;
}

static enum cs_rc
letters_csv(const struct people *p, FILE *out, int64_t *people,
            int64_t *rows, struct cs_error *err)
{
    static const char *const head[] = {
        "ref", "name", "service", "postal", "email", "channel", "idea_id",
        "title", "status", "answer", "date",
    };
    struct cs_csv_writer *w = NULL;
    enum cs_rc rc;

    *people = *rows = 0;
    if ((rc = cs_csv_writer_open(out, NULL, &w, err)) != CS_OK)
        return rc;
    cs_csv_writer_row(w, head, sizeof head / sizeof head[0]);
    for (size_t i = 0; i < p->count; i++) {
        const struct person *x = &p->items[i];

        if (x->reach == CS_REACH_NONE)
            continue;
        (*people)++;
        for (size_t k = 0; k < x->count; k++) {
            const struct answer *a = &x->answers[k];

            cs_csv_writer_cell(w, x->ref);
            cs_csv_writer_cell(w, x->name);
            cs_csv_writer_cell(w, x->service);
            cs_csv_writer_cell(w, x->postal);
            cs_csv_writer_cell(w, x->email);
            cs_csv_writer_cell(w, cs_reach_name(x->reach));
            cs_csv_writer_int64(w, a->idea_id);
            cs_csv_writer_cell(w, a->title);
            cs_csv_writer_cell(w, a->status);
            cs_csv_writer_cell(w, a->answer);
            /* The day the answer was given. */
            cs_csv_writer_field(w, a->given_at ? a->given_at : "",
                                a->given_at ? strnlen(a->given_at, 10) : 0);
            cs_csv_writer_end_row(w);
            (*rows)++;
        }
    }
    return cs_csv_writer_close(w, err);
}

/* ---------------------------------------------------------------- the log */

/* One answered-log row per person in the file, with its journal row. */
static enum cs_rc
log_prepared(struct cs_db *db, const struct people *p, int64_t session,
             bool pdf, struct cs_error *err)
{
    char now[32];
    enum cs_rc rc = CS_OK;

    util_now(now);
    for (size_t i = 0; rc == CS_OK && i < p->count; i++) {
        const struct person *x = &p->items[i];
        struct stmt st = STMT_INIT;
        int64_t id;

        if (x->reach == CS_REACH_NONE
            || (pdf && x->reach == CS_REACH_EMAIL))
            continue;
        stmt_prepare(&st, db, "INSERT INTO answer_sent (participant_id,"
                              " consultation_id, session_id, channel, ideas,"
                              " prepared_at, prepared_by)"
                              " VALUES (:p, :c, :s, :ch, :n, :now, :by)");
        stmt_bind_int64(&st, ":p", x->id);
        stmt_bind_int64(&st, ":c", p->consultation_id);
        if (session > 0)
            stmt_bind_int64(&st, ":s", session);
        else
            stmt_bind_null(&st, ":s");
        stmt_bind_text(&st, ":ch", cs_reach_name(x->reach));
        stmt_bind_int64(&st, ":n", (int64_t)x->count);
        stmt_bind_text(&st, ":now", now);
        stmt_bind_text(&st, ":by", cs_db_login(db));
        rc = stmt_run(&st, err);
        id = stmt_last_id(&st);
        stmt_finish(&st);
        if (rc == CS_OK)
            rc = audit_write(db, "insert", "answer_sent", id, 0, NULL, err);
    }
    return rc;
}


enum cs_rc
cs_letters_export(struct cs_db *db, const struct cs_letters_options *o,
                  const char *path, bool shared,
                  struct cs_letters_result *out, struct cs_error *err)
{
    struct cs_letter_settings set;
    struct cs_letters_result res;
    struct letters_ctx cx;
    struct people p;
    struct outfile f;
    char now[32];
    bool pdf, in_txn = false;
    enum cs_rc rc;

    memset(&set, 0, sizeof set);
    memset(&res, 0, sizeof res);
    memset(&p, 0, sizeof p);
    memset(&f, 0, sizeof f);
    if ((rc = op_require(db, CS_OP_EXPORT_PERSONAL, err)) != CS_OK)
        return rc;
    if ((rc = typeset_format(path, &pdf, err)) != CS_OK)
        return rc;
    /* The log and the file go together: the write lock is taken first,
     * the log rows are written, the file is made, and the rows are kept
     * only when the file is whole. */
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    in_txn = true;
    if ((rc = scope_load(db, o, &p, err)) != CS_OK
        || (rc = cons_check_work(db, p.consultation_id, err)) != CS_OK
        || (rc = people_load(db, p.consultation_id, o->session_id, &p, err))
               != CS_OK
        || (rc = cs_letter_settings_get(db, p.consultation_id, &set, err))
               != CS_OK)
        goto out;
    res.participants = (int64_t)p.count;
    for (size_t i = 0; i < p.count; i++)
        res.by_reach[p.items[i].reach]++;

    memset(&cx, 0, sizeof cx);
    cx.w = words_of(set.language);
    cx.set = &set;
    cx.cons_title = p.cons_title;
    util_now(now);
    long_date(cx.w, now, cx.today, sizeof cx.today);

    if ((rc = log_prepared(db, &p, o->session_id, pdf, err)) != CS_OK
        || (rc = outfile_open(&f, path, OUTFILE_MODE(shared), err)) != CS_OK)
        goto out;
    if (pdf) {
        rc = letters_pdf(&p, &cx, f.fp, &res.prepared, err);
        res.rows = res.prepared;
    } else {
        rc = letters_csv(&p, f.fp, &res.prepared, &res.rows, err);
    }
    rc = outfile_finish(&f, rc, err);
    rc = outfile_commit(&f, rc, err);
out:
    outfile_drop(&f);
    if (in_txn)
        rc = txn_end(db, rc, err);
    cs_letter_settings_clear(&set);
    people_free(&p);
    if (rc == CS_OK && out)
        *out = res;
    return rc;
}

/* ---------------------------------------------------------------- answered */

/* The answered log of the participants anonymised since (retention.h):
 * that they were answered, when and how, without who. */
static enum cs_rc
anonymised_rows(struct cs_db *db, int64_t cons, struct cs_csv_writer *w,
                int64_t *n, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "SELECT (SELECT ideas FROM answer_sent b"
        "        WHERE b.participant_id = a.participant_id"
        "        AND b.consultation_id = :c ORDER BY b.id DESC LIMIT 1),"
        " count(*), max(a.prepared_at),"
        " (SELECT prepared_by FROM answer_sent b"
        "  WHERE b.participant_id = a.participant_id"
        "  AND b.consultation_id = :c ORDER BY b.id DESC LIMIT 1),"
        " (SELECT channel FROM answer_sent b"
        "  WHERE b.participant_id = a.participant_id"
        "  AND b.consultation_id = :c ORDER BY b.id DESC LIMIT 1)"
        " FROM answer_sent a"
        " JOIN participant p ON p.id = a.participant_id AND p.anonymised = 1"
        " WHERE a.consultation_id = :c"
        " GROUP BY a.participant_id ORDER BY a.participant_id");
    stmt_bind_int64(&st, ":c", cons);
    while (stmt_row(&st)) {
        cs_csv_writer_cell(w, "");
        cs_csv_writer_cell(w, "");
        cs_csv_writer_int64(w, stmt_int64(&st, 0));
        cs_csv_writer_cell(w, cs_reach_name(CS_REACH_NONE));
        cs_csv_writer_cell(w, _("anonymised"));
        cs_csv_writer_int64(w, stmt_int64(&st, 1));
        cs_csv_writer_cell(w, stmt_text(&st, 2));
        cs_csv_writer_cell(w, stmt_text(&st, 3));
        cs_csv_writer_cell(w, stmt_text(&st, 4));
        cs_csv_writer_end_row(w);
        (*n)++;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
cs_answered_export(struct cs_db *db, int64_t id, const char *path,
                   bool shared, int64_t *rows, struct cs_error *err)
{
    static const char *const head[] = {
        "ref", "name", "ideas", "channel", "unreachable_because",
        "times_prepared", "last_prepared_at", "last_prepared_by",
        "last_channel",
    };
    struct cs_letters_options o = { .consultation_id = id };
    struct cs_csv_writer *w = NULL;
    struct people p;
    struct outfile f;
    int64_t n = 0;
    enum cs_rc rc;

    memset(&p, 0, sizeof p);
    memset(&f, 0, sizeof f);
    if ((rc = op_require(db, CS_OP_EXPORT_PERSONAL, err)) != CS_OK)
        return rc;
    /* The journal row and the file go together, as for letters. */
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    if ((rc = scope_load(db, &o, &p, err)) != CS_OK
        || (rc = people_load(db, id, 0, &p, err)) != CS_OK
        || (rc = outfile_open(&f, path, OUTFILE_MODE(shared), err)) != CS_OK)
        goto out;
    if ((rc = cs_csv_writer_open(f.fp, NULL, &w, err)) == CS_OK) {
        cs_csv_writer_row(w, head, sizeof head / sizeof head[0]);
        for (size_t i = 0; rc == CS_OK && i < p.count; i++) {
            const struct person *x = &p.items[i];
            struct stmt st = STMT_INIT;

            cs_csv_writer_cell(w, x->ref);
            cs_csv_writer_cell(w, x->name);
            cs_csv_writer_int64(w, (int64_t)x->count);
            cs_csv_writer_cell(w, cs_reach_name(x->reach));
            cs_csv_writer_cell(w, x->why ? _(x->why) : "");
            stmt_prepare(&st, db, "SELECT count(*), max(prepared_at),"
                                  " (SELECT prepared_by FROM answer_sent b"
                                  "  WHERE b.participant_id = :p"
                                  "  AND b.consultation_id = :c"
                                  "  ORDER BY b.id DESC LIMIT 1),"
                                  " (SELECT channel FROM answer_sent b"
                                  "  WHERE b.participant_id = :p"
                                  "  AND b.consultation_id = :c"
                                  "  ORDER BY b.id DESC LIMIT 1)"
                                  " FROM answer_sent WHERE participant_id = :p"
                                  " AND consultation_id = :c");
            stmt_bind_int64(&st, ":p", x->id);
            stmt_bind_int64(&st, ":c", id);
            if (stmt_row(&st)) {
                cs_csv_writer_int64(w, stmt_int64(&st, 0));
                cs_csv_writer_cell(w, stmt_text(&st, 1));
                cs_csv_writer_cell(w, stmt_text(&st, 2));
                cs_csv_writer_cell(w, stmt_text(&st, 3));
            }
            rc = stmt_status(&st, err);
            stmt_finish(&st);
            cs_csv_writer_end_row(w);
            n++;
        }
        if (rc == CS_OK)
            rc = anonymised_rows(db, id, w, &n, err);
        if (rc == CS_OK)
            rc = cs_csv_writer_close(w, err);
        else
            cs_csv_writer_close(w, NULL);
    }
    rc = outfile_finish(&f, rc, err);
    /* Who was answered is personal data: its export is journaled. */
    if (rc == CS_OK) {
        char what[80];

        snprintf(what, sizeof what,
                 "{\"kind\":\"answered\",\"consultation_id\":%" PRId64 "}",
                 id);
        rc = audit_write_raw(db, "export", "export", 0, 0, NULL, what, err);
    }
    rc = outfile_commit(&f, rc, err);
    if (rc == CS_OK && rows)
        *rows = n;
out:
    outfile_drop(&f);
    people_free(&p);
    return txn_end(db, rc, err);
}

/* ---------------------------------------------------------------- figures */

enum cs_rc
cs_letters_figures(struct cs_db *db, const struct cs_letters_options *o,
                   struct cs_answer_figures *out, struct cs_error *err)
{
    struct people p;
    enum cs_rc rc;

    memset(&p, 0, sizeof p);
    memset(out, 0, sizeof *out);
    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((rc = scope_load(db, o, &p, err)) != CS_OK
        || (rc = people_load(db, p.consultation_id, o->session_id, &p, err))
               != CS_OK)
        goto out;
    out->participants = (int64_t)p.count;
    for (size_t i = 0; rc == CS_OK && i < p.count; i++) {
        const struct person *x = &p.items[i];
        struct stmt st = STMT_INIT;

        out->by_reach[x->reach]++;
        /* Prepared for this scope: the session's, or any of the
         * consultation's when no session is named. */
        stmt_prepare(&st, db, "SELECT count(*) FROM answer_sent"
                              " WHERE participant_id = :p"
                              " AND consultation_id = :c"
                              " AND (:s IS NULL OR session_id = :s)");
        stmt_bind_int64(&st, ":p", x->id);
        stmt_bind_int64(&st, ":c", p.consultation_id);
        if (o->session_id > 0)
            stmt_bind_int64(&st, ":s", o->session_id);
        else
            stmt_bind_null(&st, ":s");
        if (stmt_row(&st) && stmt_int64(&st, 0) > 0)
            out->prepared++;
        rc = stmt_status(&st, err);
        stmt_finish(&st);
    }
out:
    people_free(&p);
    return rc;
}
