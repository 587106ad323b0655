/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * types.h: the enumerations shared by several modules (channels, kinds,
 * statuses, consultation states) and their names.
 *
 * Each enumeration is stored in the database as its English name (a CHECK
 * constraint lists them), so that the file stays readable with sqlite3.
 * `cs_*_name` gives that stored name; `cs_*_label` a translated label for
 * display; `cs_*_parse` accepts the English and French words, case- and
 * accent-insensitively ("atelier", "Papier", "acceptée").
 */
#ifndef CONSULT_TYPES_H
#define CONSULT_TYPES_H

#include <stdbool.h>

#include "consult/error.h"

enum cs_channel {
    CS_CHANNEL_PAPER = 0,   /* a paper form keyed in */
    CS_CHANNEL_WORKSHOP,    /* said or voted at a workshop */
    CS_CHANNEL_WEB,         /* an online platform */
    CS_CHANNEL_EMAIL,
    CS_CHANNEL_PHONE,
    CS_CHANNEL_OTHER,
    CS_CHANNEL_COUNT
};

enum cs_idea_kind {
    CS_KIND_IDEA = 0,       /* a proposal */
    CS_KIND_FINDING,        /* a finding ("constat") */
    CS_KIND_COUNT
};

enum cs_status {
    CS_STATUS_NEW = 0,      /* not yet looked at */
    CS_STATUS_REVIEWING,    /* being studied */
    CS_STATUS_ACCEPTED,     /* the college will do it (needs an answer) */
    CS_STATUS_REJECTED,     /* it will not (needs an answer) */
    CS_STATUS_IMPLEMENTED,  /* done (needs an answer) */
    CS_STATUS_MERGED,       /* a duplicate, counted for another idea */
    CS_STATUS_WITHDRAWN,    /* its author took it back */
    CS_STATUS_HIDDEN,       /* moderated, with a reason */
    CS_STATUS_COUNT
};

enum cs_cons_kind {
    CS_CONS_IDEAS = 0,      /* a call for ideas */
    CS_CONS_FINDINGS,       /* a survey of findings and ideas */
    CS_CONS_KIND_COUNT
};

enum cs_audience {
    CS_AUDIENCE_AGENTS = 0, /* the administration's staff */
    CS_AUDIENCE_CITIZENS,
    CS_AUDIENCE_ALL,
    CS_AUDIENCE_COUNT
};

enum cs_cons_state {
    CS_STATE_DRAFT = 0,
    CS_STATE_OPEN,
    CS_STATE_CLOSED,
    CS_STATE_ARCHIVED,
    CS_STATE_COUNT
};

const char *cs_channel_name(enum cs_channel c);
const char *cs_channel_label(enum cs_channel c);
enum cs_rc cs_channel_parse(const char *s, enum cs_channel *out,
                            struct cs_error *err);

const char *cs_kind_name(enum cs_idea_kind k);
const char *cs_kind_label(enum cs_idea_kind k);
enum cs_rc cs_kind_parse(const char *s, enum cs_idea_kind *out,
                         struct cs_error *err);

const char *cs_status_name(enum cs_status s);
const char *cs_status_label(enum cs_status s);
enum cs_rc cs_status_parse(const char *s, enum cs_status *out,
                           struct cs_error *err);
/* The text a move to a status needs. */
enum cs_status_text {
    CS_TEXT_NONE = 0,       /* none: a text given is ignored */
    CS_TEXT_ANSWER,         /* the official answer (accepted, rejected,
                               implemented) */
    CS_TEXT_REASON          /* the reason for hiding (hidden) */
};
/* What text moving an idea to `s` needs: the one rule that the core, the
 * terminal interface's dialogs and the command line's options follow. */
enum cs_status_text cs_status_text(enum cs_status s);
/* The field that text fills: "answer", "reason", or NULL for none. */
const char *cs_status_text_field(enum cs_status s);
/*
 * Check `text` for a move to `s`: CS_OK when `s` needs no text or `text`
 * is a valid, non-blank one; else CS_EINVAL with err->field "answer" or
 * "reason" and a message saying what is missing (or that the text has
 * invalid characters). Writes nothing.
 */
enum cs_rc cs_status_text_check(enum cs_status s, const char *text,
                                struct cs_error *err);
/* True for ACCEPTED, REJECTED and IMPLEMENTED: they need an official answer
 * (cs_status_text gives CS_TEXT_ANSWER). */
bool cs_status_needs_answer(enum cs_status s);
/*
 * True if an idea may go from `from` to `to` through cs_idea_set_status.
 * MERGED is reached only through cs_idea_merge and left through
 * cs_idea_unmerge; a status to itself is allowed only to change the answer
 * of an answered status.
 */
bool cs_status_transition_ok(enum cs_status from, enum cs_status to);

const char *cs_cons_kind_name(enum cs_cons_kind k);
enum cs_rc cs_cons_kind_parse(const char *s, enum cs_cons_kind *out,
                              struct cs_error *err);
const char *cs_audience_name(enum cs_audience a);
enum cs_rc cs_audience_parse(const char *s, enum cs_audience *out,
                             struct cs_error *err);
const char *cs_state_name(enum cs_cons_state s);
const char *cs_state_label(enum cs_cons_state s);
enum cs_rc cs_state_parse(const char *s, enum cs_cons_state *out,
                          struct cs_error *err);

/*
 * Check and normalise a date typed by a person or read from a file:
 * YYYY-MM-DD, DD/MM/YYYY, either with an optional time (HH:MM[:SS]) and,
 * for ISO forms, an optional zone (Z, +0100, +01:00). Writes the canonical
 * form to `out` (size `n` >= 21): "YYYY-MM-DD" for a date alone, else
 * "YYYY-MM-DDTHH:MM:SSZ" in UTC. Returns CS_OK or CS_EINVAL.
 */
enum cs_rc cs_date_parse(const char *s, char *out, size_t n,
                         struct cs_error *err);

#endif /* CONSULT_TYPES_H */
