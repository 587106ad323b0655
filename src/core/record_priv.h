/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * record_priv.h: what the core's writers share of the record definitions
 * (record.c): the check of a record that hands its parsed values
 * to the writer, so that a value is parsed once.
 */
#ifndef CONSULT_RECORD_PRIV_H
#define CONSULT_RECORD_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/record.h"
#include "dbpriv.h"
#include "value.h"

#define RECORD_TAG_MAX 64       /* characters of a tag */

/* ---------------------------------------------------------------- checks */

/* A record's values as its check parsed them. */
struct rec_parsed {
    int kind;                   /* enum cs_idea_kind; CS_KIND_IDEA */
    int channel;                /* enum cs_channel; CS_CHANNEL_PAPER */
    int status;                 /* enum cs_status; CS_STATUS_NEW */
    int import_kind;            /* enum cs_import_kind, or -1 */
    char date[32];              /* the record's date, "" when none */
    bool flag;                  /* consent */
    int64_t count;              /* a tally's votes for */
    int64_t against;            /* a tally's votes against; 0 */
    int64_t id;                 /* the idea named by idea_id */
    size_t ntags;               /* tags in the tags cell */
};

void rec_parsed_init(struct rec_parsed *p);

/* The spellings of enumerated words seen, and what they mean. */
struct rec_word {
    int type;                   /* enum cs_value_type */
    char s[24];
    int value;
};
struct rec_memo {
    struct rec_word words[32];
    size_t count;
};

/*
 * cs_record_check for a writer: `role` is the acting user's, the values
 * are non-blank and valid text already (an import's cleaned cells), `m`
 * (may be NULL) remembers enumerated words from record to record, and `p`
 * gets the parsed values.
 */
enum cs_rc record_check_parsed(enum cs_role role, const struct cs_record *r,
                               struct rec_memo *m, struct rec_parsed *p,
                               struct cs_error *err);

#endif /* CONSULT_RECORD_PRIV_H */
