/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * record.h: one definition per kind of record (idea, vote, tally,
 * participant, comment, import batch, paper batch).
 *
 * Each kind has a table of fields: the canonical name (a template's
 * header, a --map field, the name an error gives in err->field), a label
 * for forms (translated by cs_field_label), the other names a CSV column
 * may have, the command line option that sets it, what its value is, its
 * limits, and the operation setting it takes (enum cs_op: who may is
 * the core's one table, cs_role_can). The importer matches a
 * file's header through it, the templates, the man page's column lists,
 * the command line's options and the shell completion read it; a kind
 * added later (paper batches, committee sessions, decisions) is one more
 * table.
 *
 * cs_record_check checks a record given as text, field by field and
 * whole, and writes nothing; the importer checks its rows with it, the
 * command line and forms may ask it before they write.
 */
#ifndef CONSULT_RECORD_H
#define CONSULT_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"
#include "consult/error.h"

/* The kinds of record. The first five are the kinds of import file, in
 * the order of enum cs_import_kind. */
enum cs_record_kind {
    CS_RECORD_IDEA = 0,
    CS_RECORD_VOTE,
    CS_RECORD_TALLY,
    CS_RECORD_PARTICIPANT,
    CS_RECORD_COMMENT,
    CS_RECORD_BATCH,            /* an import: its file and defaults */
    CS_RECORD_PAPER_BATCH,      /* a paper batch (batch.h) */
    CS_RECORD_KIND_COUNT
};

/* What a field's value is, as text. */
enum cs_value_type {
    CS_VALUE_TEXT = 0,          /* valid UTF-8 without control chars; one
                                   line unless CS_FIELD_LINES */
    CS_VALUE_CODE,              /* a consultation or theme, by code */
    CS_VALUE_DATE,              /* the forms cs_date_parse takes */
    CS_VALUE_BOOL,              /* yes or no, in French or English */
    CS_VALUE_COUNT,             /* a whole number >= 0 */
    CS_VALUE_ID,                /* a positive id ("12", "#12") */
    CS_VALUE_EMAIL,             /* an address with an @ */
    CS_VALUE_KIND,              /* idea or finding (cs_kind_parse) */
    CS_VALUE_CHANNEL,           /* cs_channel_parse */
    CS_VALUE_STATUS,            /* cs_status_parse */
    CS_VALUE_TAGS,              /* tags separated by , ; | or lines */
    CS_VALUE_IMPORT_KIND,       /* cs_import_kind_parse */
    CS_VALUE_PATH,              /* a file name */
    CS_VALUE_PLATFORM           /* cs_import_platform_parse */
};

/* Every field of every kind; a kind uses some of them. */
enum cs_field_id {
    CS_F_CONSULTATION = 0,
    CS_F_THEME,
    CS_F_KIND,
    CS_F_TITLE,
    CS_F_BODY,
    CS_F_CHANNEL,
    CS_F_FORM_REF,
    CS_F_SUBMITTED_AT,
    CS_F_AUTHOR_REF,
    CS_F_AUTHOR_NAME,
    CS_F_SERVICE,
    CS_F_EMAIL,
    CS_F_CONSENT,
    CS_F_POSTAL,
    CS_F_TAGS,
    CS_F_STATUS,
    CS_F_ANSWER,
    CS_F_IDEA_ID,
    CS_F_IDEA_FORM_REF,
    CS_F_PARTICIPANT_REF,
    CS_F_PARTICIPANT_NAME,
    CS_F_VOTED_AT,
    CS_F_COUNT,                 /* a tally's votes for */
    CS_F_AGAINST,               /* a tally's votes against */
    CS_F_SOURCE,
    CS_F_COUNTED_AT,
    CS_F_REF,
    CS_F_NAME,
    CS_F_ROW_ID,                /* ideas: the row's id in the file */
    CS_F_MERGED_INTO,           /* ideas: the target's CS_F_ROW_ID */
    CS_F_MERGED_INTO_FORM_REF,  /* ideas: the target's form reference */
    CS_F_HIDDEN_REASON,
    CS_F_FILE,                  /* batch: the file imported */
    CS_F_ENCODING,              /* batch: the file's encoding */
    CS_F_DELIMITER,             /* batch: the file's delimiter */
    CS_F_IMPORT_KIND,           /* batch: what the file holds */
    CS_F_PHONE,                 /* a person's telephone number */
    CS_F_LABEL,                 /* paper batch: its label */
    CS_F_POINT,                 /* paper batch: where it was collected */
    CS_F_RECEIVED_ON,           /* paper batch: its date */
    CS_F_KEYER,                 /* paper batch: the login keying it */
    CS_F_EXPECTED,              /* paper batch: forms counted by hand */
    CS_F_LAYOUT,                /* paper batch: its paper form's fields */
    CS_F_DOUBLE_ENTRY,          /* paper batch: each form keyed twice */
    CS_F_PREFIX,                /* paper batch: its references' prefix */
    CS_F_PARENT_REF,            /* comment: the reference of the comment
                                   it answers */
    CS_F_PLATFORM,              /* batch: the platform of the file */
    CS_F_THEME_TITLE,           /* ideas: the theme's title, beside its
                                   code (consult's own exports) */
    CS_F_COUNT_ALL              /* number of fields */
};

/* Field flags. */
enum {
    CS_FIELD_REQUIRED = 1,      /* a record (and a file) must give it */
    CS_FIELD_EXTRA = 2,         /* read from a file, not in its template */
    CS_FIELD_IDEA_REF = 4,      /* one of the idea_id / idea_form_ref */
    CS_FIELD_PERSON = 8,        /* one of a person's reference / name */
    CS_FIELD_NO_FILE = 16,      /* not a column of an import file */
    CS_FIELD_FLAG = 32,         /* its option takes no value */
    CS_FIELD_LINES = 64         /* a text of several lines: line breaks
                                   and tabs allowed (every other field is
                                   one line and refuses them) */
};

struct cs_field {
    enum cs_field_id id;
    const char *name;           /* canonical, English */
    const char *label;          /* English; see cs_field_label */
    const char *aliases;        /* other column names, '|'-separated, as
                                   written (compared without case, accents
                                   or punctuation); "" when none */
    const char *option;         /* command line option without "--", or
                                   NULL */
    enum cs_value_type type;
    unsigned flags;
    unsigned max_chars;         /* characters at most, 0: no limit */
    enum cs_op op;              /* what setting it takes beyond writing
                                   the record (CS_OP_ANY: nothing);
                                   cs_role_can says who may */
};

/* "idea", "vote", "tally", "participant", "comment", "batch",
 * "paper_batch". */
const char *cs_record_kind_name(enum cs_record_kind kind);

/* Parse one of the names above. CS_OK or CS_EINVAL. */
enum cs_rc cs_record_kind_parse(const char *s, enum cs_record_kind *out,
                                struct cs_error *err);

/* The fields of `kind`, in template order; `*n` gets their number.
 * Static storage. */
const struct cs_field *cs_record_fields(enum cs_record_kind kind,
                                        size_t *n);

/* The field of `kind` called `name` (its canonical name, compared without
 * case, accents or punctuation: "form-ref" is form_ref), or NULL. */
const struct cs_field *cs_record_field(enum cs_record_kind kind,
                                       const char *name);

/* The field's label in the current language. */
const char *cs_field_label(const struct cs_field *f);

/* A short, translated description of what the field's value is ("Date",
 * "Yes or no"...). */
const char *cs_value_type_label(enum cs_value_type type);

/*
 * Check the value `s` of field `f` (NULL or blank: absent; a required
 * field absent is an error here only if `required` is true): its type, its
 * limits. Writes nothing. CS_OK or CS_EINVAL with err->field = f->name.
 */
enum cs_rc cs_field_check(const struct cs_field *f, const char *s,
                          bool required, struct cs_error *err);

/* The canonical name of field `id` ("" when out of range). */
const char *cs_field_name(enum cs_field_id id);

/*
 * A record as text: v[id] is the value of the field numbered id (NULL
 * when not given; fields the kind lacks are ignored). For an idea,
 * `consultation` and `theme` may be left out when the caller gives them
 * otherwise (has_consultation, has_theme).
 */
struct cs_record {
    enum cs_record_kind kind;
    const char *v[CS_F_COUNT_ALL];
    bool has_consultation;      /* given otherwise (--consultation) */
    bool has_theme;             /* given otherwise (--theme) */
};

/*
 * Check record `r` whole, as a write of it by the acting user would, and
 * write nothing: each value (cs_field_check), the fields only an admin
 * may set (CS_EPERM), what the kind needs (a text, a voter, a count and a
 * source, a reference or a name, an answer for a decided status...).
 * `db` may be NULL: the role is then not checked. CS_OK, CS_EINVAL or
 * CS_EPERM, with err->field naming the field at fault.
 */
enum cs_rc cs_record_check(struct cs_db *db, const struct cs_record *r,
                           struct cs_error *err);

/* What a record leaves out and the caller gives otherwise (the command
 * line's --consultation and --theme); 0: none. */
struct cs_record_defaults {
    int64_t consultation_id;
    int64_t theme_id;
};

/*
 * Write record `r` in one call: the role (agent or admin; statuses,
 * answers and tags are an admin's), cs_record_check, then the kind's
 * write (an idea with its author, and its status and tags when given; a
 * vote and its voter; a tally; a participant, found or added and
 * completed; a comment) in one write transaction (BEGIN IMMEDIATE), each
 * row audited as cs_idea_add, cs_vote_add... audit theirs. `d` may be
 * NULL. An import batch is not written this way: cs_import_file writes a
 * file's rows with the same checks and statements, in its own
 * transaction. Returns CS_OK and writes `*id` (may be NULL: the new row,
 * or the participant found), or what the check or the write returns
 * (CS_EINVAL with err->field, CS_ENOTFOUND, CS_ECONFLICT, CS_EPERM,
 * CS_EBUSY).
 */
enum cs_rc cs_record_put(struct cs_db *db, const struct cs_record *r,
                         const struct cs_record_defaults *d, int64_t *id,
                         struct cs_error *err);

#endif /* CONSULT_RECORD_H */
