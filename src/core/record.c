/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * record.c: the field table of each kind of record, and the check of a
 * record given as text (see record.h).
 *
 * The aliases are written as people write column headers; they are
 * compared through value_header_key (case, accents, blanks and punctuation
 * ignored), so "N° formulaire" also stands for "n_formulaire". The same
 * word may feed different fields in different kinds ("date" is when an
 * idea was submitted, a vote cast or a tally counted).
 */
#include "consult/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult/import.h"
#include "consult/types.h"
#include "i18n.h"
#include "record_priv.h"

static const char *const field_names[CS_F_COUNT_ALL] = {
    [CS_F_CONSULTATION] = "consultation",
    [CS_F_THEME] = "theme",
    [CS_F_KIND] = "kind",
    [CS_F_TITLE] = "title",
    [CS_F_BODY] = "body",
    [CS_F_CHANNEL] = "channel",
    [CS_F_FORM_REF] = "form_ref",
    [CS_F_SUBMITTED_AT] = "submitted_at",
    [CS_F_AUTHOR_REF] = "author_ref",
    [CS_F_AUTHOR_NAME] = "author_name",
    [CS_F_SERVICE] = "service",
    [CS_F_EMAIL] = "email",
    [CS_F_CONSENT] = "consent",
    [CS_F_POSTAL] = "postal",
    [CS_F_TAGS] = "tags",
    [CS_F_STATUS] = "status",
    [CS_F_ANSWER] = "answer",
    [CS_F_IDEA_ID] = "idea_id",
    [CS_F_IDEA_FORM_REF] = "idea_form_ref",
    [CS_F_PARTICIPANT_REF] = "participant_ref",
    [CS_F_PARTICIPANT_NAME] = "participant_name",
    [CS_F_VOTED_AT] = "voted_at",
    [CS_F_COUNT] = "count",
    [CS_F_AGAINST] = "against",
    [CS_F_SOURCE] = "source",
    [CS_F_COUNTED_AT] = "counted_at",
    [CS_F_REF] = "ref",
    [CS_F_NAME] = "name",
    [CS_F_ROW_ID] = "id",
    [CS_F_MERGED_INTO] = "merged_into",
    [CS_F_MERGED_INTO_FORM_REF] = "merged_into_form_ref",
    [CS_F_HIDDEN_REASON] = "hidden_reason",
    [CS_F_FILE] = "file",
    [CS_F_ENCODING] = "encoding",
    [CS_F_DELIMITER] = "delimiter",
    [CS_F_IMPORT_KIND] = "import_kind",
    [CS_F_PHONE] = "phone",
    [CS_F_LABEL] = "label",
    [CS_F_POINT] = "point",
    [CS_F_RECEIVED_ON] = "received_on",
    [CS_F_KEYER] = "keyer",
    [CS_F_EXPECTED] = "expected",
    [CS_F_LAYOUT] = "fields",
    [CS_F_DOUBLE_ENTRY] = "double_entry",
    [CS_F_PREFIX] = "prefix",
    [CS_F_PARENT_REF] = "parent_ref",
    [CS_F_PLATFORM] = "from",
    [CS_F_THEME_TITLE] = "theme_title",
};

const char *
cs_field_name(enum cs_field_id id)
{
    return (unsigned)id < CS_F_COUNT_ALL ? field_names[id] : "";
}

/* Aliases shared by several kinds. */
#define A_CONSULTATION "code consultation|consultation code" \
    "|code de la consultation"
#define A_SERVICE "direction|département|department|division|entité|unité" \
    "|unit"
#define A_EMAIL "courriel|e-mail|mail|adresse email|adresse e-mail" \
    "|adresse électronique|adresse mail"
#define A_CONSENT "consentement|accord|accepte d'être contacté" \
    "|accord contact"
#define A_POSTAL "adresse postale|adresse|postal address|address"
#define A_PHONE "téléphone|telephone|tél|tel|portable|gsm|mobile" \
    "|numéro de téléphone|n° de téléphone|n° téléphone|phone number" \
    "|telephone number|mobile phone"
#define A_CHANNEL "canal|canal de dépôt"
#define A_PERSON_REF "matricule|employee number|ref|numéro d'agent" \
    "|numéro agent|n° agent|no agent|matricule agent|id agent|employee id"
#define A_PERSON_NAME "nom|name|nom prénom|prénom nom|nom et prénom" \
    "|nom complet|full name"
#define A_IDEA_ID "id idée|idée id|numéro idée|numéro de l'idée|n° idée" \
    "|no idée|idée|idea"
#define A_IDEA_FORM_REF "form_ref|n° formulaire|no formulaire" \
    "|numéro formulaire|numéro de formulaire|n° de formulaire" \
    "|num formulaire|formulaire|ref idée|référence idée|idea ref"

#define TEXT CS_VALUE_TEXT
/* What setting a field takes beyond writing its record (cs_role_can says
 * who may): nothing for most; a decision for a status or an answer. */
#define AGENT CS_OP_ANY

static const struct cs_field idea_fields[] = {
    { CS_F_CONSULTATION, "consultation", N_("Consultation"), A_CONSULTATION,
      "consultation", CS_VALUE_CODE, 0, 0, AGENT },
    { CS_F_THEME, "theme", N_("Theme"), "thème|ambition|axe|thématique"
      "|catégorie|category|topic|code thème|theme code", "theme",
      CS_VALUE_CODE, 0, 0, AGENT },
    /* What --create-themes titles a theme the file names by its code
     * (consult's ideas export writes both). */
    { CS_F_THEME_TITLE, "theme_title", N_("Theme's title"),
      "titre du thème|theme title", NULL, TEXT, CS_FIELD_EXTRA, 0, AGENT },
    { CS_F_KIND, "kind", N_("Kind"), "type|nature|type de contribution",
      "kind", CS_VALUE_KIND, 0, 0, AGENT },
    { CS_F_TITLE, "title", N_("Title"), "titre|intitulé|objet|subject"
      "|titre de l'idée|titre de la proposition", "title", TEXT, 0, 0,
      AGENT },
    { CS_F_BODY, "body", N_("Text"), "texte|text|proposition|description"
      "|contenu|content|idée|votre idée|votre proposition|proposal"
      "|contribution|message", "body", TEXT,
      CS_FIELD_REQUIRED | CS_FIELD_LINES, 0, AGENT },
    { CS_F_CHANNEL, "channel", N_("Channel"), A_CHANNEL, "channel",
      CS_VALUE_CHANNEL, 0, 0, AGENT },
    { CS_F_FORM_REF, "form_ref", N_("Form reference"), "n° formulaire"
      "|no formulaire|numéro formulaire|numéro de formulaire"
      "|n° de formulaire|num formulaire|formulaire|ref formulaire"
      "|référence formulaire|form number|référence", "form-ref", TEXT, 0, 0,
      AGENT },
    { CS_F_SUBMITTED_AT, "submitted_at", N_("Submitted on"), "date"
      "|date de dépôt|date dépôt|date de soumission|date soumission"
      "|submitted|submission date|date de réception|reçu le", "date",
      CS_VALUE_DATE, 0, 0, AGENT },
    { CS_F_AUTHOR_REF, "author_ref", N_("Author's reference"), "author id"
      "|référence agent|" A_PERSON_REF, "author-ref", TEXT, 0, 0, AGENT },
    { CS_F_AUTHOR_NAME, "author_name", N_("Author's name"), "auteur|author"
      "|participant|" A_PERSON_NAME, "author-name", TEXT, 0, 0, AGENT },
    { CS_F_SERVICE, "service", N_("Service"), A_SERVICE, "service", TEXT, 0,
      0, AGENT },
    { CS_F_EMAIL, "email", N_("Email"), A_EMAIL, "email", CS_VALUE_EMAIL, 0,
      0, AGENT },
    { CS_F_POSTAL, "postal", N_("Postal address"), A_POSTAL, "postal", TEXT,
      CS_FIELD_LINES, 0, AGENT },
    { CS_F_PHONE, "phone", N_("Phone"), A_PHONE, "phone", TEXT, 0, 0,
      AGENT },
    { CS_F_CONSENT, "consent", N_("Consent to be contacted"), A_CONSENT,
      "consent", CS_VALUE_BOOL, CS_FIELD_FLAG, 0, AGENT },
    { CS_F_TAGS, "tags", N_("Tags"), "tag|étiquettes|étiquette|mots clés"
      "|mot clé|keywords", NULL, CS_VALUE_TAGS, CS_FIELD_LINES,
      RECORD_TAG_MAX, CS_OP_TAG },
    { CS_F_STATUS, "status", N_("Status"), "statut", NULL, CS_VALUE_STATUS,
      0, 0, CS_OP_SET_STATUS },
    { CS_F_ANSWER, "answer", N_("Official answer"), "réponse"
      "|réponse officielle|official answer|official response", NULL, TEXT,
      CS_FIELD_LINES, 0, CS_OP_SET_STATUS },
    /* What an ideas export carries for merged and hidden ideas, so that
     * it imports back whole. */
    { CS_F_ROW_ID, "id", N_("Row number in the file"), "identifiant", NULL,
      TEXT, CS_FIELD_EXTRA, 0, AGENT },
    { CS_F_MERGED_INTO, "merged_into", N_("Merged into (row number)"),
      "fusionnée dans", NULL, TEXT, CS_FIELD_EXTRA, 0, AGENT },
    { CS_F_MERGED_INTO_FORM_REF, "merged_into_form_ref",
      N_("Merged into (form reference)"), "fusionnée dans (n° formulaire)",
      NULL, TEXT, CS_FIELD_EXTRA, 0, AGENT },
    { CS_F_HIDDEN_REASON, "hidden_reason", N_("Reason for hiding"),
      "motif du masquage|motif de masquage|raison du masquage", NULL, TEXT,
      CS_FIELD_EXTRA | CS_FIELD_LINES, 0, AGENT },
};

static const struct cs_field vote_fields[] = {
    { CS_F_CONSULTATION, "consultation", N_("Consultation"), A_CONSULTATION,
      NULL, CS_VALUE_CODE, 0, 0, AGENT },
    { CS_F_IDEA_ID, "idea_id", N_("Idea"), A_IDEA_ID, NULL, CS_VALUE_ID,
      CS_FIELD_IDEA_REF, 0, AGENT },
    { CS_F_IDEA_FORM_REF, "idea_form_ref", N_("Idea's form reference"),
      A_IDEA_FORM_REF, NULL, TEXT, CS_FIELD_IDEA_REF, 0, AGENT },
    { CS_F_PARTICIPANT_REF, "participant_ref", N_("Voter's reference"),
      "voter ref|ref votant|référence|" A_PERSON_REF, "participant", TEXT,
      CS_FIELD_PERSON, 0, AGENT },
    { CS_F_PARTICIPANT_NAME, "participant_name", N_("Voter's name"),
      "votant|voter|participant|" A_PERSON_NAME, "participant-name", TEXT,
      CS_FIELD_PERSON, 0, AGENT },
    { CS_F_SERVICE, "service", N_("Service"), A_SERVICE, "service", TEXT, 0,
      0, AGENT },
    { CS_F_VOTED_AT, "voted_at", N_("Voted on"), "date|date du vote"
      "|date vote|vote date", "date", CS_VALUE_DATE, 0, 0, AGENT },
    { CS_F_CHANNEL, "channel", N_("Channel"), A_CHANNEL, "channel",
      CS_VALUE_CHANNEL, 0, 0, AGENT },
};

static const struct cs_field tally_fields[] = {
    { CS_F_CONSULTATION, "consultation", N_("Consultation"), A_CONSULTATION,
      NULL, CS_VALUE_CODE, 0, 0, AGENT },
    { CS_F_IDEA_ID, "idea_id", N_("Idea"), A_IDEA_ID, NULL, CS_VALUE_ID,
      CS_FIELD_IDEA_REF, 0, AGENT },
    { CS_F_IDEA_FORM_REF, "idea_form_ref", N_("Idea's form reference"),
      A_IDEA_FORM_REF, NULL, TEXT, CS_FIELD_IDEA_REF, 0, AGENT },
    /* The votes for; the command line's --for (--count too). */
    { CS_F_COUNT, "count", N_("Votes for"), "nombre|total|voix|votes"
      "|gommettes|nb|nombre de voix|nombre de votes|compte|nb voix|nb votes"
      "|soutiens|supports|pour|votes pour|voix pour|for|votes for", "for",
      CS_VALUE_COUNT, CS_FIELD_REQUIRED, 0, AGENT },
    { CS_F_AGAINST, "against", N_("Votes against"), "contre|votes contre"
      "|voix contre|nombre contre|nb contre|votes against", "against",
      CS_VALUE_COUNT, 0, 0, AGENT },
    { CS_F_SOURCE, "source", N_("Source"), "atelier|urne|lieu|workshop"
      "|ballot box|bureau de vote", "source", TEXT, CS_FIELD_REQUIRED, 0,
      AGENT },
    { CS_F_COUNTED_AT, "counted_at", N_("Counted on"), "date"
      "|date du comptage|date comptage|date du décompte", "date",
      CS_VALUE_DATE, 0, 0, AGENT },
};

static const struct cs_field participant_fields[] = {
    { CS_F_REF, "ref", N_("Reference"), "participant ref|référence|"
      A_PERSON_REF, "ref", TEXT, CS_FIELD_PERSON, 0, AGENT },
    { CS_F_NAME, "name", N_("Name"), "participant name|participant|"
      A_PERSON_NAME, "name", TEXT, CS_FIELD_PERSON, 0, AGENT },
    { CS_F_SERVICE, "service", N_("Service"), A_SERVICE, "service", TEXT, 0,
      0, AGENT },
    { CS_F_EMAIL, "email", N_("Email"), A_EMAIL, NULL, CS_VALUE_EMAIL, 0, 0,
      AGENT },
    { CS_F_CONSENT, "consent", N_("Consent to be contacted"), A_CONSENT,
      NULL, CS_VALUE_BOOL, CS_FIELD_FLAG, 0, AGENT },
    { CS_F_CHANNEL, "channel", N_("Channel"), A_CHANNEL, NULL,
      CS_VALUE_CHANNEL, 0, 0, AGENT },
    { CS_F_POSTAL, "postal", N_("Postal address"), A_POSTAL, NULL, TEXT,
      CS_FIELD_EXTRA | CS_FIELD_LINES, 0, AGENT },
    { CS_F_PHONE, "phone", N_("Phone"), A_PHONE, NULL, TEXT,
      CS_FIELD_EXTRA, 0, AGENT },
};

/* A comment: keyed in (`consult comment add`, the idea's page) or read
 * from a file of comments. */
static const struct cs_field comment_fields[] = {
    { CS_F_CONSULTATION, "consultation", N_("Consultation"), A_CONSULTATION,
      NULL, CS_VALUE_CODE, 0, 0, AGENT },
    { CS_F_IDEA_ID, "idea_id", N_("Idea"), A_IDEA_ID, NULL, CS_VALUE_ID,
      CS_FIELD_IDEA_REF, 0, AGENT },
    /* Not "form_ref": in a file of comments, that is the comment's. */
    { CS_F_IDEA_FORM_REF, "idea_form_ref", N_("Idea's form reference"),
      "n° formulaire|no formulaire|numéro formulaire|numéro de formulaire"
      "|n° de formulaire|num formulaire|formulaire|ref idée|référence idée"
      "|idea ref", NULL, TEXT, CS_FIELD_IDEA_REF, 0, AGENT },
    { CS_F_BODY, "body", N_("Text"), "texte|text|commentaire|comment"
      "|contenu|content|message|remarque", "body", TEXT, CS_FIELD_REQUIRED | CS_FIELD_LINES,
      0, AGENT },
    { CS_F_PARTICIPANT_REF, "participant_ref", N_("Author's reference"),
      "author ref|author id|" A_PERSON_REF, "participant", TEXT,
      CS_FIELD_PERSON, 0, AGENT },
    { CS_F_PARTICIPANT_NAME, "participant_name", N_("Author's name"),
      "auteur|author|participant|" A_PERSON_NAME, "participant-name", TEXT,
      CS_FIELD_PERSON, 0, AGENT },
    { CS_F_SERVICE, "service", N_("Service"), A_SERVICE, "service", TEXT, 0,
      0, AGENT },
    { CS_F_SUBMITTED_AT, "submitted_at", N_("Written on"), "date"
      "|date du commentaire|created at|created_at", NULL, CS_VALUE_DATE, 0,
      0, AGENT },
    { CS_F_CHANNEL, "channel", N_("Channel"), A_CHANNEL, "channel",
      CS_VALUE_CHANNEL, 0, 0, AGENT },
    { CS_F_FORM_REF, "form_ref", N_("Comment's reference"),
      "ref commentaire|référence commentaire|n° commentaire|comment ref"
      "|comment id", NULL, TEXT, 0, 0, AGENT },
    { CS_F_PARENT_REF, "parent_ref", N_("Answers the comment"),
      "parent|réponse à|en réponse à|reply to|in reply to|ref parent",
      NULL, TEXT, 0, 0, AGENT },
};

/* An import: what `consult import` is given. */
static const struct cs_field batch_fields[] = {
    { CS_F_IMPORT_KIND, "import_kind", N_("Kind of file"), "", NULL,
      CS_VALUE_IMPORT_KIND, CS_FIELD_REQUIRED | CS_FIELD_NO_FILE, 0, AGENT },
    { CS_F_FILE, "file", N_("File"), "", NULL, CS_VALUE_PATH,
      CS_FIELD_REQUIRED | CS_FIELD_NO_FILE, 0, AGENT },
    { CS_F_CONSULTATION, "consultation", N_("Consultation"), "",
      "consultation", CS_VALUE_CODE, CS_FIELD_NO_FILE, 0, AGENT },
    { CS_F_THEME, "theme", N_("Theme"), "", "theme", CS_VALUE_CODE,
      CS_FIELD_NO_FILE, 0, AGENT },
    { CS_F_ENCODING, "encoding", N_("Encoding"), "", "encoding", TEXT,
      CS_FIELD_NO_FILE, 0, AGENT },
    /* A tab is a delimiter ("tab" too). */
    { CS_F_DELIMITER, "delimiter", N_("Delimiter"), "", "delimiter", TEXT,
      CS_FIELD_NO_FILE | CS_FIELD_LINES, 0, AGENT },
    { CS_F_CHANNEL, "channel", N_("Channel"), "", "channel",
      CS_VALUE_CHANNEL, CS_FIELD_NO_FILE, 0, AGENT },
    { CS_F_PLATFORM, "from", N_("Platform"), "", "from", CS_VALUE_PLATFORM,
      CS_FIELD_NO_FILE, 0, AGENT },
};

/* A paper batch: what `consult batch add` is given (cs_batch_add). */
static const struct cs_field paper_batch_fields[] = {
    { CS_F_CONSULTATION, "consultation", N_("Consultation"), "",
      "consultation", CS_VALUE_CODE, CS_FIELD_REQUIRED | CS_FIELD_NO_FILE, 0,
      CS_OP_BATCHES },
    { CS_F_LABEL, "label", N_("Label"), "", "label", TEXT,
      CS_FIELD_REQUIRED | CS_FIELD_NO_FILE, 0, CS_OP_BATCHES },
    { CS_F_POINT, "point", N_("Collection point"), "", "point", TEXT,
      CS_FIELD_NO_FILE, 0, CS_OP_BATCHES },
    { CS_F_RECEIVED_ON, "received_on", N_("Date"), "", "date",
      CS_VALUE_DATE, CS_FIELD_NO_FILE, 0, CS_OP_BATCHES },
    { CS_F_EXPECTED, "expected", N_("Forms expected"), "", "expect",
      CS_VALUE_COUNT, CS_FIELD_REQUIRED | CS_FIELD_NO_FILE, 0,
      CS_OP_BATCHES },
    { CS_F_LAYOUT, "fields", N_("Form fields"), "", "fields", TEXT,
      CS_FIELD_NO_FILE, 0, CS_OP_BATCHES },
    { CS_F_DOUBLE_ENTRY, "double_entry", N_("Double entry"), "", "double",
      CS_VALUE_BOOL, CS_FIELD_FLAG | CS_FIELD_NO_FILE, 0, CS_OP_BATCHES },
    { CS_F_KEYER, "keyer", N_("Keyed by"), "", "keyer", TEXT,
      CS_FIELD_NO_FILE, 64, CS_OP_BATCHES },
    { CS_F_PREFIX, "prefix", N_("Reference prefix"), "", "prefix", TEXT,
      CS_FIELD_NO_FILE, 16, CS_OP_BATCHES },
};

#define N(a) (sizeof (a) / sizeof (a)[0])

static const struct {
    const char *name;
    const struct cs_field *fields;
    size_t n;
} kinds[CS_RECORD_KIND_COUNT] = {
    [CS_RECORD_IDEA] = { "idea", idea_fields, N(idea_fields) },
    [CS_RECORD_VOTE] = { "vote", vote_fields, N(vote_fields) },
    [CS_RECORD_TALLY] = { "tally", tally_fields, N(tally_fields) },
    [CS_RECORD_PARTICIPANT] = { "participant", participant_fields,
                                N(participant_fields) },
    [CS_RECORD_COMMENT] = { "comment", comment_fields, N(comment_fields) },
    [CS_RECORD_BATCH] = { "batch", batch_fields, N(batch_fields) },
    [CS_RECORD_PAPER_BATCH] = { "paper_batch", paper_batch_fields,
                                N(paper_batch_fields) },
};

const char *
cs_record_kind_name(enum cs_record_kind kind)
{
    return (unsigned)kind < CS_RECORD_KIND_COUNT ? kinds[kind].name : "";
}

enum cs_rc
cs_record_kind_parse(const char *s, enum cs_record_kind *out,
                     struct cs_error *err)
{
    for (int k = 0; s && k < CS_RECORD_KIND_COUNT; k++)
        if (strcmp(s, kinds[k].name) == 0) {
            *out = (enum cs_record_kind)k;
            return CS_OK;
        }
    return cs_error_field(err, CS_EINVAL, "kind",
                          _("Unknown kind of record \"%s\"."), s ? s : "");
}

const struct cs_field *
cs_record_fields(enum cs_record_kind kind, size_t *n)
{
    if ((unsigned)kind >= CS_RECORD_KIND_COUNT) {
        *n = 0;
        return NULL;
    }
    *n = kinds[kind].n;
    return kinds[kind].fields;
}

/* The name compared as a header key, without allocating for the usual
 * names: lower case, every run of non-alphanumerics one space. */
const struct cs_field *
cs_record_field(enum cs_record_kind kind, const char *name)
{
    const struct cs_field *defs;
    const struct cs_field *found = NULL;
    char *key, *canon;
    size_t n;

    if (name == NULL || (defs = cs_record_fields(kind, &n)) == NULL)
        return NULL;
    if ((key = value_header_key(name)) == NULL)
        return NULL;
    for (size_t i = 0; i < n && !found; i++) {
        if ((canon = value_header_key(defs[i].name)) == NULL)
            break;
        if (strcmp(canon, key) == 0)
            found = &defs[i];
        free(canon);
    }
    free(key);
    return found;
}

const char *
cs_field_label(const struct cs_field *f)
{
    return f ? _(f->label) : "";
}

const char *
cs_value_type_label(enum cs_value_type type)
{
    switch (type) {
    case CS_VALUE_CODE:        return _("Code");
    case CS_VALUE_DATE:        return _("Date");
    case CS_VALUE_BOOL:        return _("Yes or no");
    case CS_VALUE_COUNT:       return _("Number");
    case CS_VALUE_ID:          return _("Number");
    case CS_VALUE_EMAIL:       return _("Address");
    case CS_VALUE_KIND:        return _("Idea or finding");
    case CS_VALUE_CHANNEL:     return _("Channel");
    case CS_VALUE_STATUS:      return _("Status");
    case CS_VALUE_TAGS:        return _("List");
    case CS_VALUE_IMPORT_KIND: return _("Kind of file");
    case CS_VALUE_PATH:        return _("File");
    case CS_VALUE_PLATFORM:    return _("Platform");
    case CS_VALUE_TEXT:
    default:                   return _("Text");
    }
}

/* ------------------------------------------------------------ kinds of file */

const char *
cs_import_kind_name(enum cs_import_kind kind)
{
    switch (kind) {
    case CS_IMPORT_IDEAS:        return "ideas";
    case CS_IMPORT_VOTES:        return "votes";
    case CS_IMPORT_TALLIES:      return "tallies";
    case CS_IMPORT_PARTICIPANTS: return "participants";
    case CS_IMPORT_COMMENTS:     return "comments";
    default:                     return "";
    }
}

enum cs_rc
cs_import_kind_parse(const char *s, enum cs_import_kind *out,
                     struct cs_error *err)
{
    static const struct { const char *words; enum cs_import_kind kind; }
    files[] = {
        { "ideas|idea|idees|idee|propositions|contributions",
          CS_IMPORT_IDEAS },
        { "votes|vote|soutiens", CS_IMPORT_VOTES },
        { "tallies|tally|comptages|comptage|decomptes|decompte",
          CS_IMPORT_TALLIES },
        { "participants|participant|personnes", CS_IMPORT_PARTICIPANTS },
        { "comments|comment|commentaires|commentaire", CS_IMPORT_COMMENTS },
    };
    char *key = value_header_key(s);

    for (size_t i = 0; key && i < sizeof files / sizeof files[0]; i++) {
        if (value_in_list(files[i].words, key)) {
            free(key);
            *out = files[i].kind;
            return CS_OK;
        }
    }
    free(key);
    return cs_error_field(err, CS_EINVAL, "kind",
        _("Unknown kind of file \"%s\": use ideas, votes, tallies, "
          "participants or comments."), s ? s : "");
}

/* ---------------------------------------------------------------- platforms */

static const struct {
    const char *name, *label, *words;
} platforms[CS_PLATFORM_COUNT] = {
    [CS_PLATFORM_NONE] = { "", "", "" },
    [CS_PLATFORM_DECIDIM] = { "decidim", "Decidim", "decidim" },
    [CS_PLATFORM_CONSUL] = { "consul", "CONSUL",
                             "consul|consul democracy|decide madrid" },
    [CS_PLATFORM_CAPCOLLECTIF] = { "capcollectif", "Cap Collectif",
                                   "capcollectif|cap collectif" },
};

const char *
cs_import_platform_name(enum cs_import_platform p)
{
    return (unsigned)p < CS_PLATFORM_COUNT ? platforms[p].name : "";
}

const char *
cs_import_platform_label(enum cs_import_platform p)
{
    return (unsigned)p < CS_PLATFORM_COUNT ? platforms[p].label : "";
}

enum cs_rc
cs_import_platform_parse(const char *s, enum cs_import_platform *out,
                         struct cs_error *err)
{
    char *key = value_header_key(s ? s : "");

    for (int i = 1; key && i < CS_PLATFORM_COUNT; i++) {
        if (value_in_list(platforms[i].words, key)) {
            free(key);
            *out = (enum cs_import_platform)i;
            return CS_OK;
        }
    }
    free(key);
    return cs_error_field(err, CS_EINVAL, "from",
        _("Unknown platform \"%s\": use decidim, consul or capcollectif."),
        s ? s : "");
}

/* ---------------------------------------------------------------- values */

static bool
given(const char *s)
{
    return s != NULL && !util_is_blank(s);
}

/* An enumerated word through its parse function, remembered per spelling
 * in `m` (may be NULL): a column holds a handful of words many times. */
static enum cs_rc
word(struct rec_memo *m, enum cs_value_type type, const char *s,
     const char *field, int *out, struct cs_error *err)
{
    struct rec_word *w = NULL;
    size_t len = strlen(s);
    enum cs_rc rc;

    if (m != NULL && len < sizeof m->words[0].s) {
        for (size_t i = 0; i < m->count; i++) {
            w = &m->words[i];
            if (w->type == (int)type && strcmp(w->s, s) == 0) {
                *out = w->value;
                return CS_OK;
            }
        }
    }
    switch (type) {
    case CS_VALUE_KIND: {
        enum cs_idea_kind k;

        rc = cs_kind_parse(s, &k, err);
        *out = (int)k;
        break;
    }
    case CS_VALUE_CHANNEL: {
        enum cs_channel c;

        rc = cs_channel_parse(s, &c, err);
        *out = (int)c;
        break;
    }
    case CS_VALUE_STATUS: {
        enum cs_status st;

        rc = cs_status_parse(s, &st, err);
        *out = (int)st;
        break;
    }
    case CS_VALUE_IMPORT_KIND: {
        enum cs_import_kind ik;

        rc = cs_import_kind_parse(s, &ik, err);
        *out = (int)ik;
        break;
    }
    case CS_VALUE_PLATFORM: {
        enum cs_import_platform pf;

        rc = cs_import_platform_parse(s, &pf, err);
        *out = (int)pf;
        break;
    }
    default:
        return CS_OK;
    }
    if (rc != CS_OK)
        return error_rename_field(err, field, rc);
    if (m != NULL && len < sizeof m->words[0].s
        && m->count < sizeof m->words / sizeof m->words[0]) {
        w = &m->words[m->count++];
        w->type = (int)type;
        memcpy(w->s, s, len + 1);
        w->value = *out;
    }
    return CS_OK;
}

/* Tags of a cell: separated by , ; | or line breaks; `n` gets their
 * number. */
static enum cs_rc
tags_check(const char *cell, const char *field, unsigned max, size_t *n,
           struct cs_error *err)
{
    const char *p = cell;

    *n = 0;
    while (p && *p) {
        size_t len = strcspn(p, ",;|\n");
        const char *s = p, *e = p + len;

        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        if (e > s) {
            if (memchr(s, '\t', (size_t)(e - s)) != NULL)
                return cs_error_field(err, CS_EINVAL, field, "%s",
                    _("A tag is one line: it cannot hold a tab."));
            if (max > 0 && value_u8_chars(s, (size_t)(e - s)) > max)
                return cs_error_field(err, CS_EINVAL, field,
                    _("A tag has at most %d characters."), (int)max);
            (*n)++;
        }
        p += len;
        if (*p)
            p++;
    }
    return CS_OK;
}

/* Check (and parse) value `s` of field `f` into `out`. */
static enum cs_rc
value_check(const struct cs_field *f, const char *s, struct rec_memo *m,
            struct rec_parsed *out, struct cs_error *err)
{
    enum cs_rc trc;
    int w;

    /* What could disturb a terminal is refused in every value; line
     * breaks and tabs in a text of several lines only. */
    if ((trc = (f->flags & CS_FIELD_LINES) ? util_text_check(s, f->name, err)
                                           : util_line_check(s, f->name, err))
        != CS_OK)
        return trc;
    switch (f->type) {
    case CS_VALUE_DATE:
        return value_date(s, f->name, out->date, err);
    case CS_VALUE_BOOL:
        return value_bool(s, f->name, &out->flag, err);
    case CS_VALUE_COUNT:
        return value_count(s, f->name, f->id == CS_F_AGAINST ? &out->against
                                                             : &out->count,
                           err);
    case CS_VALUE_ID:
        return value_id(s, f->name, &out->id, err);
    case CS_VALUE_EMAIL:
        if (!strchr(s, '@'))
            return cs_error_field(err, CS_EINVAL, f->name,
                _("\"%s\" is not an email address."), s);
        return CS_OK;
    case CS_VALUE_TAGS:
        return tags_check(s, f->name, f->max_chars, &out->ntags, err);
    case CS_VALUE_PLATFORM: {
        enum cs_rc rc = word(m, f->type, s, f->name, &w, err);

        return rc;
    }
    case CS_VALUE_KIND:
    case CS_VALUE_CHANNEL:
    case CS_VALUE_STATUS:
    case CS_VALUE_IMPORT_KIND: {
        enum cs_rc rc = word(m, f->type, s, f->name, &w, err);

        if (rc != CS_OK)
            return rc;
        if (f->type == CS_VALUE_KIND)
            out->kind = w;
        else if (f->type == CS_VALUE_CHANNEL)
            out->channel = w;
        else if (f->type == CS_VALUE_STATUS)
            out->status = w;
        else
            out->import_kind = w;
        return CS_OK;
    }
    case CS_VALUE_TEXT:
    case CS_VALUE_CODE:
    case CS_VALUE_PATH:
    default:
        if (f->max_chars > 0 && value_u8_chars(s, strlen(s)) > f->max_chars)
            return cs_error_field(err, CS_EINVAL, f->name,
                _("At most %u characters."), f->max_chars);
        return CS_OK;
    }
}

enum cs_rc
cs_field_check(const struct cs_field *f, const char *s, bool required,
               struct cs_error *err)
{
    struct rec_parsed p;

    if (f == NULL)
        return cs_error_set(err, CS_EINVAL, "%s", _("Unknown field."));
    if (!given(s)) {
        if (required)
            return cs_error_field(err, CS_EINVAL, f->name,
                                  _("%s is required."), cs_field_label(f));
        return CS_OK;
    }
    rec_parsed_init(&p);
    return value_check(f, s, NULL, &p, err);
}

void
rec_parsed_init(struct rec_parsed *p)
{
    memset(p, 0, sizeof *p);
    p->kind = CS_KIND_IDEA;
    p->channel = CS_CHANNEL_PAPER;
    p->status = CS_STATUS_NEW;
    p->import_kind = -1;
}

/* ---------------------------------------------------------------- records */

/* A field only an admin may set. */
static enum cs_rc
admin_only(const char *field, struct cs_error *err)
{
    return cs_error_field(err, CS_EPERM, field,
        _("Permission denied: only an admin may import statuses, answers "
          "and tags (column \"%s\"); remove the column, or ask an admin."),
        field);
}

static enum cs_rc
no_consultation(struct cs_error *err)
{
    return cs_error_field(err, CS_EINVAL, "consultation", "%s",
        _("The row names no consultation: fill the consultation column or "
          "give --consultation."));
}

/* Each value given, in table order. */
static enum cs_rc
values_check(enum cs_record_kind kind, const char *const *v,
             struct rec_memo *m, struct rec_parsed *p, struct cs_error *err)
{
    const struct cs_field *defs;
    size_t n;
    enum cs_rc rc;

    defs = cs_record_fields(kind, &n);
    for (size_t i = 0; i < n; i++)
        if (v[defs[i].id] != NULL
            && (rc = value_check(&defs[i], v[defs[i].id], m, p, err))
               != CS_OK)
            return rc;
    return CS_OK;
}

static enum cs_rc
idea_check(const struct cs_record *r, struct rec_memo *m,
           struct rec_parsed *p, struct cs_error *err)
{
    const char *const *v = r->v;
    const char *ref = v[CS_F_MERGED_INTO_FORM_REF], *src = v[CS_F_MERGED_INTO];
    enum cs_rc rc;

    if (v[CS_F_CONSULTATION] == NULL && !r->has_consultation)
        return no_consultation(err);
    if (v[CS_F_BODY] == NULL)
        return cs_error_field(err, CS_EINVAL, "body", "%s",
                              _("An idea needs a text."));
    if (v[CS_F_THEME] == NULL && !r->has_theme)
        return cs_error_field(err, CS_EINVAL, "theme", "%s",
            _("The row has no theme: fill the theme column or give "
              "--theme."));
    if ((rc = values_check(CS_RECORD_IDEA, v, m, p, err)) != CS_OK)
        return rc;
    if (v[CS_F_STATUS] == NULL)
        p->status = CS_STATUS_NEW;
    if (v[CS_F_STATUS]
        && cs_status_text((enum cs_status)p->status) == CS_TEXT_REASON
        && v[CS_F_HIDDEN_REASON] == NULL)
        return cs_error_field(err, CS_EINVAL, "hidden_reason", "%s",
            _("A hidden idea needs the reason it is hidden (column "
              "hidden_reason)."));
    if (v[CS_F_STATUS] && p->status == CS_STATUS_MERGED) {
        if (ref == NULL && src == NULL)
            return cs_error_field(err, CS_EINVAL, "merged_into_form_ref",
                "%s", _("A merged idea needs the idea it is merged into: "
                        "its form reference (column merged_into_form_ref) "
                        "or its id in this file (column merged_into)."));
        if ((ref && v[CS_F_FORM_REF] && strcmp(ref, v[CS_F_FORM_REF]) == 0)
            || (ref == NULL && v[CS_F_ROW_ID]
                && strcmp(src, v[CS_F_ROW_ID]) == 0))
            return cs_error_field(err, CS_EINVAL,
                                  ref ? "merged_into_form_ref"
                                      : "merged_into", "%s",
                                  _("An idea cannot be merged into "
                                    "itself."));
    }
    if (v[CS_F_STATUS]
        && cs_status_text((enum cs_status)p->status) == CS_TEXT_ANSWER
        && v[CS_F_ANSWER] == NULL)
        return cs_error_field(err, CS_EINVAL, "answer", "%s",
                              _("An official answer is required."));
    /* A service alone is an anonymous contribution from that service;
     * contact details need someone to contact. */
    if ((v[CS_F_EMAIL] || v[CS_F_POSTAL] || v[CS_F_PHONE])
        && v[CS_F_AUTHOR_REF] == NULL && v[CS_F_AUTHOR_NAME] == NULL)
        return cs_error_field(err, CS_EINVAL, "author_name", "%s",
            _("A participant needs a reference or a name."));
    return CS_OK;
}

/* Votes and tallies name their idea. */
static enum cs_rc
idea_ref_check(const struct cs_record *r, struct rec_parsed *p,
               struct cs_error *err)
{
    const char *const *v = r->v;

    if (v[CS_F_IDEA_ID])
        return value_id(v[CS_F_IDEA_ID], "idea_id", &p->id, err);
    if (v[CS_F_IDEA_FORM_REF]) {
        if (v[CS_F_CONSULTATION] == NULL && !r->has_consultation)
            return no_consultation(err);
        return CS_OK;
    }
    return cs_error_field(err, CS_EINVAL, "idea_id", "%s",
        _("The row names no idea (idea_id or idea_form_ref)."));
}

static enum cs_rc
vote_check(const struct cs_record *r, struct rec_memo *m,
           struct rec_parsed *p, struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = idea_ref_check(r, p, err)) != CS_OK)
        return rc;
    if (r->v[CS_F_PARTICIPANT_REF] == NULL
        && r->v[CS_F_PARTICIPANT_NAME] == NULL)
        return cs_error_field(err, CS_EINVAL, "participant_ref", "%s",
            _("A vote needs a voter: a reference (matricule) or a name."));
    return values_check(CS_RECORD_VOTE, r->v, m, p, err);
}

static enum cs_rc
tally_check(const struct cs_record *r, struct rec_memo *m,
            struct rec_parsed *p, struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = idea_ref_check(r, p, err)) != CS_OK)
        return rc;
    if (r->v[CS_F_COUNT] == NULL)
        return cs_error_field(err, CS_EINVAL, "count", "%s",
                              _("The row has no count."));
    if ((rc = value_count(r->v[CS_F_COUNT], "count", &p->count, err))
        != CS_OK)
        return rc;
    if (r->v[CS_F_SOURCE] == NULL)
        return cs_error_field(err, CS_EINVAL, "source", "%s",
            _("A tally needs its source (the workshop or ballot box)."));
    return values_check(CS_RECORD_TALLY, r->v, m, p, err);
}

static enum cs_rc
participant_check(const struct cs_record *r, struct rec_memo *m,
                  struct rec_parsed *p, struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = value_bool(r->v[CS_F_CONSENT], "consent", &p->flag, err))
        != CS_OK
        || (r->v[CS_F_CHANNEL]
            && (rc = word(m, CS_VALUE_CHANNEL, r->v[CS_F_CHANNEL], "channel",
                          &p->channel, err)) != CS_OK))
        return rc;
    /* A participants file registers people: a service alone is no one. */
    if (r->v[CS_F_REF] == NULL && r->v[CS_F_NAME] == NULL)
        return cs_error_field(err, CS_EINVAL, "name", "%s",
            _("A participant needs a reference or a name."));
    return values_check(CS_RECORD_PARTICIPANT, r->v, m, p, err);
}

static enum cs_rc
comment_check(const struct cs_record *r, struct rec_memo *m,
              struct rec_parsed *p, struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = idea_ref_check(r, p, err)) != CS_OK)
        return rc;
    if (r->v[CS_F_BODY] == NULL)
        return cs_error_field(err, CS_EINVAL, "body", "%s",
                              _("A comment needs a text."));
    return values_check(CS_RECORD_COMMENT, r->v, m, p, err);
}

/* An import or a paper batch: its required fields, then each value. */
static enum cs_rc
batch_check(const struct cs_record *r, struct rec_memo *m,
            struct rec_parsed *p, struct cs_error *err)
{
    const struct cs_field *defs;
    size_t n;
    enum cs_rc rc;

    defs = cs_record_fields(r->kind, &n);
    for (size_t i = 0; i < n; i++)
        if ((defs[i].flags & CS_FIELD_REQUIRED) && r->v[defs[i].id] == NULL)
            return cs_error_field(err, CS_EINVAL, defs[i].name,
                                  _("%s is required."),
                                  cs_field_label(&defs[i]));
    if ((rc = values_check(r->kind, r->v, m, p, err)) != CS_OK)
        return rc;
    return CS_OK;
}

enum cs_rc
record_check_parsed(enum cs_role role, const struct cs_record *r,
                    struct rec_memo *m, struct rec_parsed *p,
                    struct cs_error *err)
{
    const struct cs_field *defs;
    size_t n;

    rec_parsed_init(p);
    /* Who may set what comes first. */
    defs = cs_record_fields(r->kind, &n);
    for (size_t i = 0; i < n; i++)
        if (!cs_role_can(role, defs[i].op) && r->v[defs[i].id] != NULL)
            return admin_only(defs[i].name, err);
    switch (r->kind) {
    case CS_RECORD_IDEA:        return idea_check(r, m, p, err);
    case CS_RECORD_VOTE:        return vote_check(r, m, p, err);
    case CS_RECORD_TALLY:       return tally_check(r, m, p, err);
    case CS_RECORD_PARTICIPANT: return participant_check(r, m, p, err);
    case CS_RECORD_COMMENT:     return comment_check(r, m, p, err);
    case CS_RECORD_BATCH:
    case CS_RECORD_PAPER_BATCH: return batch_check(r, m, p, err);
    default:
        return cs_error_set(err, CS_EINVAL, "%s", _("Unknown kind."));
    }
}

/* What writing a record of `kind` takes. */
static enum cs_op
record_op(enum cs_record_kind kind)
{
    switch (kind) {
    case CS_RECORD_VOTE:
    case CS_RECORD_TALLY:   return CS_OP_VOTE;
    case CS_RECORD_COMMENT: return CS_OP_COMMENT;
    case CS_RECORD_BATCH:   return CS_OP_IMPORT;
    case CS_RECORD_PAPER_BATCH: return CS_OP_BATCHES;
    default:                return CS_OP_ADD_IDEA;
    }
}

enum cs_rc
cs_record_check(struct cs_db *db, const struct cs_record *r,
                struct cs_error *err)
{
    struct cs_record clean;
    struct rec_parsed p;
    struct rec_memo m;
    enum cs_rc rc;

    if (r == NULL)
        return cs_error_set(err, CS_EINVAL, "%s", _("Unknown kind."));
    /* Blank values count as absent, as in a file; every text is checked
     * for what no record may hold. */
    clean = *r;
    for (int i = 0; i < CS_F_COUNT_ALL; i++) {
        if (!given(r->v[i])) {
            clean.v[i] = NULL;
            continue;
        }
        if ((rc = util_text_check(r->v[i],
                                  cs_field_name((enum cs_field_id)i), err))
            != CS_OK)
            return rc;
    }
    if (db != NULL
        && (rc = op_require(db, record_op(r->kind), err)) != CS_OK)
        return rc;
    m.count = 0;
    rc = record_check_parsed(db ? cs_db_role(db) : CS_ROLE_ADMIN, &clean,
                             &m, &p, err);
    return rc;
}
