/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * letters.h: an answer in every participant's hands.
 *
 * Once answers are published, each participant who wrote an idea gets
 * the answers to all their ideas together, by the channel that reaches
 * them: email when they gave an email and their consent to be contacted;
 * else the post when they gave a postal address; else internal mail
 * through their service; else they cannot be reached, and the reason is
 * said (no consent, no contact). Letters are printed for the post and
 * internal mail (a PDF, one page per participant, the address placed for
 * a windowed envelope) or written as mail-merge rows (CSV, every channel
 * but none). Each preparation is recorded in the answered log, per
 * participant: when, by whom, by which channel, for which session.
 *
 * A consultation's letters are in its language (French by default, or
 * English), with the sender block, opening, closing and signature its
 * admin writes (cs_letter_settings_set).
 */
#ifndef CONSULT_LETTERS_H
#define CONSULT_LETTERS_H

#include <stdbool.h>
#include <stdint.h>

#include "consult/db.h"
#include "consult/error.h"

enum cs_reach {
    CS_REACH_EMAIL = 0,     /* an email, and consent to be contacted */
    CS_REACH_POST,          /* a postal address */
    CS_REACH_INTERNAL,      /* internal mail, through their service */
    CS_REACH_NONE,          /* cannot be reached */
    CS_REACH_COUNT
};

/* "email", "post", "internal", "none". */
const char *cs_reach_name(enum cs_reach r);

/* The texts of a consultation's letters; "" when not written. */
struct cs_letter_settings {
    char *language;         /* "fr" or "en" */
    char *sender;           /* the sender block, lines */
    char *opening;          /* "Madame, Monsieur," when "" (or English) */
    char *closing;          /* a thank-you when "" */
    char *signature;        /* lines */
};

/* What cs_letter_settings_set changes: NULL leaves a text as it is. */
struct cs_letter_settings_edit {
    const char *language;
    const char *sender;
    const char *opening;
    const char *closing;
    const char *signature;
};

/* Consultation `id`'s letter settings (defaults when never set). Any
 * role. Clear with cs_letter_settings_clear. Returns CS_OK, CS_ENOTFOUND,
 * CS_EPERM, CS_ENOMEM. */
enum cs_rc cs_letter_settings_get(struct cs_db *db, int64_t id,
                                  struct cs_letter_settings *out,
                                  struct cs_error *err);
void cs_letter_settings_clear(struct cs_letter_settings *s);

/* Change them. Admin (CS_OP_CONSULTATIONS). Audited. Returns CS_OK,
 * CS_EINVAL (field "language", or a text with control characters),
 * CS_ENOTFOUND, CS_EPERM, CS_EBUSY. */
enum cs_rc cs_letter_settings_set(struct cs_db *db, int64_t id,
                                  const struct cs_letter_settings_edit *e,
                                  struct cs_error *err);

struct cs_letters_options {
    int64_t consultation_id;    /* the answers of this consultation, */
    int64_t session_id;         /* or those of this session (wins) */
};

struct cs_letters_result {
    int64_t participants;       /* with a published answer */
    int64_t prepared;           /* in the file: pages, or people in rows */
    int64_t rows;               /* CSV: rows (one per idea) */
    int64_t by_reach[CS_REACH_COUNT];   /* participants per channel */
};

/*
 * Write the answers to `path`: ".pdf" a letter per participant reached by
 * post or internal mail; ".csv" (or "-", a device, a pipe) mail-merge rows,
 * one per idea, for every participant who can be reached (name, service,
 * postal, email, channel, idea, title, status, answer, date). Only
 * published answers. Records, in the same transaction as nothing else
 * (after the file is whole), one answered-log row per participant in the
 * file. Admin (CS_OP_EXPORT_PERSONAL). Returns CS_OK, CS_EINVAL (file
 * name, no scope), CS_ENOTFOUND, CS_EPERM, CS_EIO, CS_ECREATE, CS_EBUSY,
 * CS_ENOMEM.
 */
enum cs_rc cs_letters_export(struct cs_db *db,
                             const struct cs_letters_options *o,
                             const char *path, bool shared,
                             struct cs_letters_result *out,
                             struct cs_error *err);

/*
 * The answered log of consultation `id` as CSV at `path`: one row per
 * participant with a published answer (ref, name, ideas, channel that
 * reaches them or "none" with the reason, times prepared, last prepared
 * at and by, by which channel). Admin (CS_OP_EXPORT_PERSONAL). `*rows`
 * (may be NULL) gets the rows. Returns CS_OK, CS_ENOTFOUND, CS_EPERM,
 * CS_EIO, CS_ECREATE, CS_ENOMEM.
 */
enum cs_rc cs_answered_export(struct cs_db *db, int64_t id,
                              const char *path, bool shared, int64_t *rows,
                              struct cs_error *err);

/* Who a session's (or a consultation's) published answers reach, without
 * a name: what cs_letters_export would find now. */
struct cs_answer_figures {
    int64_t participants;       /* with a published answer in the scope */
    int64_t by_reach[CS_REACH_COUNT];   /* ...per channel that reaches
                                   them; CS_REACH_NONE: cannot be reached */
    int64_t prepared;           /* ...for whom an answer was prepared (a
                                   letter or mail-merge row) in the scope */
};

/* The figures of `o`'s scope. Any role (counts only). Returns CS_OK,
 * CS_EINVAL (no scope), CS_ENOTFOUND, CS_EPERM, CS_ENOMEM. */
enum cs_rc cs_letters_figures(struct cs_db *db,
                              const struct cs_letters_options *o,
                              struct cs_answer_figures *out,
                              struct cs_error *err);

#endif /* CONSULT_LETTERS_H */
