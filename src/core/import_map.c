/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import_map.c: the fields of each kind of file and the column names that
 * feed them.
 *
 * A header cell is compared through a key (imp_header_key) that ignores
 * case, accents, blanks and punctuation, so "N° formulaire", "n_formulaire"
 * and "No Formulaire" are one name. Each field of each kind has its
 * canonical English name (the templates' header) and aliases in French and
 * English; the same word may feed different fields in different kinds
 * ("date" is when an idea was submitted, a vote cast or a tally counted).
 * --map FIELD=HEADER comes first and overrides all of this. consult-csv(5)
 * lists the same aliases: keep them in step.
 */
#include "import_shared.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "i18n.h"

static const char *const field_names[F_COUNT_ALL] = {
    [F_CONSULTATION] = "consultation",
    [F_THEME] = "theme",
    [F_KIND] = "kind",
    [F_TITLE] = "title",
    [F_BODY] = "body",
    [F_CHANNEL] = "channel",
    [F_FORM_REF] = "form_ref",
    [F_SUBMITTED_AT] = "submitted_at",
    [F_AUTHOR_REF] = "author_ref",
    [F_AUTHOR_NAME] = "author_name",
    [F_SERVICE] = "service",
    [F_EMAIL] = "email",
    [F_CONSENT] = "consent",
    [F_POSTAL] = "postal",
    [F_TAGS] = "tags",
    [F_STATUS] = "status",
    [F_ANSWER] = "answer",
    [F_IDEA_ID] = "idea_id",
    [F_IDEA_FORM_REF] = "idea_form_ref",
    [F_PARTICIPANT_REF] = "participant_ref",
    [F_PARTICIPANT_NAME] = "participant_name",
    [F_VOTED_AT] = "voted_at",
    [F_COUNT] = "count",
    [F_SOURCE] = "source",
    [F_COUNTED_AT] = "counted_at",
    [F_REF] = "ref",
    [F_NAME] = "name",
    [F_ROW_ID] = "id",
    [F_MERGED_INTO] = "merged_into",
    [F_MERGED_INTO_FORM_REF] = "merged_into_form_ref",
    [F_HIDDEN_REASON] = "hidden_reason",
};

const char *
imp_field_name(enum imp_field f)
{
    return (unsigned)f < F_COUNT_ALL ? field_names[f] : "";
}

/* Field flags. */
enum {
    FD_REQUIRED = 1,        /* the file must have a column for it */
    FD_EXTRA = 2,           /* accepted, but not in the template */
    FD_IDEA_REF = 4,        /* one of idea_id / idea_form_ref is required */
    FD_PERSON = 8           /* one of ref / name is required */
};

struct field_def {
    enum imp_field f;
    unsigned flags;
    const char *aliases;    /* header keys, '|' separated, canonical
                               name's key included */
};

/* Aliases shared by several kinds. */
#define A_CONSULTATION "consultation|code consultation|consultation code" \
    "|code de la consultation"
#define A_SERVICE "service|direction|departement|department|division" \
    "|entite|unite|unit"
#define A_EMAIL "email|courriel|e mail|mail|adresse email|adresse e mail" \
    "|adresse electronique|adresse mail"
#define A_CONSENT "consent|consentement|accord|accepte d etre contacte" \
    "|accord contact"
#define A_POSTAL "postal|adresse postale|adresse|postal address|address"
#define A_CHANNEL "channel|canal|canal de depot"
#define A_PERSON_REF "matricule|employee number|ref|numero d agent" \
    "|numero agent|n agent|no agent|matricule agent|id agent|employee id"
#define A_PERSON_NAME "nom|name|nom prenom|prenom nom|nom et prenom" \
    "|nom complet|full name"
#define A_IDEA_ID "idea id|id idee|idee id|numero idee|numero de l idee" \
    "|n idee|no idee|idee|idea"
#define A_IDEA_FORM_REF "idea form ref|form ref|n formulaire|no formulaire" \
    "|numero formulaire|numero de formulaire|n de formulaire" \
    "|num formulaire|formulaire|ref idee|reference idee|idea ref"

static const struct field_def ideas_fields[] = {
    { F_CONSULTATION, 0, A_CONSULTATION },
    { F_THEME, 0, "theme|ambition|axe|thematique|categorie|category|topic"
                  "|code theme|theme code" },
    { F_KIND, 0, "kind|type|nature|type de contribution" },
    { F_TITLE, 0, "title|titre|intitule|objet|subject|titre de l idee"
                  "|titre de la proposition" },
    { F_BODY, FD_REQUIRED,
      "body|texte|text|proposition|description|contenu|content|idee"
      "|votre idee|votre proposition|proposal|contribution|message" },
    { F_CHANNEL, 0, A_CHANNEL },
    { F_FORM_REF, 0, "form ref|n formulaire|no formulaire|numero formulaire"
                     "|numero de formulaire|n de formulaire|num formulaire"
                     "|formulaire|ref formulaire|reference formulaire"
                     "|form number|reference" },
    { F_SUBMITTED_AT, 0, "submitted at|date|date de depot|date depot"
                         "|date de soumission|date soumission|submitted"
                         "|submission date|date de reception|recu le" },
    { F_AUTHOR_REF, 0, "author ref|author id|reference agent|" A_PERSON_REF },
    { F_AUTHOR_NAME, 0, "author name|auteur|author|participant|"
                        A_PERSON_NAME },
    { F_SERVICE, 0, A_SERVICE },
    { F_EMAIL, 0, A_EMAIL },
    { F_CONSENT, 0, A_CONSENT },
    { F_TAGS, 0, "tags|tag|etiquettes|etiquette|mots cles|mot cle"
                 "|keywords" },
    { F_STATUS, 0, "status|statut" },
    { F_ANSWER, 0, "answer|reponse|reponse officielle|official answer"
                   "|official response" },
    { F_POSTAL, FD_EXTRA, A_POSTAL },
    /* What an ideas export carries for merged and hidden ideas, so that
     * it imports back whole. */
    { F_ROW_ID, FD_EXTRA, "id|identifiant" },
    { F_MERGED_INTO, FD_EXTRA, "merged into|fusionnee dans" },
    { F_MERGED_INTO_FORM_REF, FD_EXTRA, "merged into form ref"
                                        "|fusionnee dans n formulaire" },
    { F_HIDDEN_REASON, FD_EXTRA, "hidden reason|motif du masquage"
                                 "|motif de masquage|raison du masquage" },
};

static const struct field_def votes_fields[] = {
    { F_CONSULTATION, 0, A_CONSULTATION },
    { F_IDEA_ID, FD_IDEA_REF, A_IDEA_ID },
    { F_IDEA_FORM_REF, FD_IDEA_REF, A_IDEA_FORM_REF },
    { F_PARTICIPANT_REF, FD_PERSON, "participant ref|voter ref|ref votant|"
                                    "reference|" A_PERSON_REF },
    { F_PARTICIPANT_NAME, FD_PERSON, "participant name|votant|voter"
                                     "|participant|" A_PERSON_NAME },
    { F_SERVICE, 0, A_SERVICE },
    { F_VOTED_AT, 0, "voted at|date|date du vote|date vote|vote date" },
    { F_CHANNEL, 0, A_CHANNEL },
};

static const struct field_def tallies_fields[] = {
    { F_CONSULTATION, 0, A_CONSULTATION },
    { F_IDEA_ID, FD_IDEA_REF, A_IDEA_ID },
    { F_IDEA_FORM_REF, FD_IDEA_REF, A_IDEA_FORM_REF },
    { F_COUNT, FD_REQUIRED, "count|nombre|total|voix|votes|gommettes|nb"
                            "|nombre de voix|nombre de votes|compte|nb voix"
                            "|nb votes|soutiens|supports" },
    { F_SOURCE, FD_REQUIRED, "source|atelier|urne|lieu|workshop|ballot box"
                             "|bureau de vote" },
    { F_COUNTED_AT, 0, "counted at|date|date du comptage|date comptage"
                       "|date du decompte" },
};

static const struct field_def participants_fields[] = {
    { F_REF, FD_PERSON, "participant ref|reference|" A_PERSON_REF },
    { F_NAME, FD_PERSON, "participant name|participant|" A_PERSON_NAME },
    { F_SERVICE, 0, A_SERVICE },
    { F_EMAIL, 0, A_EMAIL },
    { F_CONSENT, 0, A_CONSENT },
    { F_CHANNEL, 0, A_CHANNEL },
    { F_POSTAL, FD_EXTRA, A_POSTAL },
};

/* The two columns a reject file adds (see import.c): read back, they are
 * neither data nor unknown. */
static const char reject_columns[] =
    "import line|import error|ligne import|erreur import";

static const struct field_def *
kind_fields(enum cs_import_kind kind, size_t *n)
{
    switch (kind) {
    case CS_IMPORT_VOTES:
        *n = sizeof votes_fields / sizeof votes_fields[0];
        return votes_fields;
    case CS_IMPORT_TALLIES:
        *n = sizeof tallies_fields / sizeof tallies_fields[0];
        return tallies_fields;
    case CS_IMPORT_PARTICIPANTS:
        *n = sizeof participants_fields / sizeof participants_fields[0];
        return participants_fields;
    case CS_IMPORT_IDEAS:
    default:
        *n = sizeof ideas_fields / sizeof ideas_fields[0];
        return ideas_fields;
    }
}

const char *const *
cs_import_fields(enum cs_import_kind kind, size_t *n)
{
    static const char *lists[CS_IMPORT_KIND_COUNT][F_COUNT_ALL];
    static size_t counts[CS_IMPORT_KIND_COUNT];
    const struct field_def *defs;
    size_t nd, k = (unsigned)kind < CS_IMPORT_KIND_COUNT ? kind : 0;

    /* Built on first use from the tables above; the same every time, so
     * a second thread building it too writes the same values. */
    if (counts[k] == 0) {
        defs = kind_fields((enum cs_import_kind)k, &nd);
        for (size_t i = 0; i < nd; i++)
            if (!(defs[i].flags & FD_EXTRA))
                lists[k][counts[k]++] = field_names[defs[i].f];
    }
    *n = counts[k];
    return lists[k];
}

/* ---------------------------------------------------------------- keys */

char *
imp_header_key(const char *s)
{
    char *folded = NULL, *key;
    size_t o = 0, len;
    bool space = false;

    if (util_fold(s ? s : "", &folded, NULL) != CS_OK)
        return NULL;
    len = strlen(folded);
    if ((key = malloc(len + 1)) == NULL) {
        free(folded);
        return NULL;
    }
    for (size_t i = 0; i < len;) {
        ucs4_t uc;
        int n = u8_mbtouc(&uc, (const uint8_t *)folded + i, len - i);

        if (n <= 0)
            break;
        if (!uc_is_alnum(uc)) {
            space = o > 0;
            i += (size_t)n;
            continue;
        }
        if (space) {
            key[o++] = ' ';
            space = false;
        }
        memcpy(key + o, folded + i, (size_t)n);
        o += (size_t)n;
        i += (size_t)n;
    }
    key[o] = '\0';
    free(folded);
    return key;
}

/* True if `key` is one of the '|'-separated `list`. */
static bool
in_list(const char *list, const char *key)
{
    size_t klen = strlen(key);

    if (klen == 0)
        return false;
    for (const char *p = list; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);

        if (n == klen && memcmp(p, key, n) == 0)
            return true;
        if (!bar)
            break;
        p = bar + 1;
    }
    return false;
}

/* The field of `kind` named `name` (canonical name, compared by key). */
static const struct field_def *
field_by_name(enum cs_import_kind kind, const char *name)
{
    const struct field_def *defs;
    char *key = imp_header_key(name), *canon;
    const struct field_def *found = NULL;
    size_t nd;

    if (key == NULL)
        return NULL;
    defs = kind_fields(kind, &nd);
    for (size_t i = 0; i < nd && !found; i++) {
        if ((canon = imp_header_key(field_names[defs[i].f])) == NULL)
            break;
        if (strcmp(canon, key) == 0)
            found = &defs[i];
        free(canon);
    }
    free(key);
    return found;
}

void
imp_columns_clear(struct imp_columns *c)
{
    for (size_t i = 0; c->names && i < c->ncols; i++)
        free(c->names[i]);
    free(c->names);
    for (size_t i = 0; i < c->unknown_count; i++)
        free(c->unknown[i]);
    free(c->unknown);
    memset(c, 0, sizeof *c);
}

/* The fields a user may name in --map, for a message. */
static void
field_list(enum cs_import_kind kind, char *buf, size_t n)
{
    const struct field_def *defs;
    size_t nd, o = 0;

    defs = kind_fields(kind, &nd);
    buf[0] = '\0';
    for (size_t i = 0; i < nd && o < n; i++)
        o += (size_t)snprintf(buf + o, n - o, "%s%s", i ? ", " : "",
                              field_names[defs[i].f]);
}

static enum cs_rc
add_unknown(struct imp_columns *c, const char *name, size_t index)
{
    char num[32], **grown;
    char *copy;

    if (name == NULL || name[0] == '\0') {
        /* A header cell left empty (pandas' index column): say where. */
        snprintf(num, sizeof num, "#%zu", index + 1);
        name = num;
    }
    if ((copy = strdup(name)) == NULL)
        return CS_ENOMEM;
    grown = realloc(c->unknown, (c->unknown_count + 1) * sizeof *grown);
    if (grown == NULL) {
        free(copy);
        return CS_ENOMEM;
    }
    c->unknown = grown;
    c->unknown[c->unknown_count++] = copy;
    return CS_OK;
}

/* What a required field's message calls it: its name and first aliases. */
/* `also` names the other headers that would do (TRANSLATORS: keep the
 * French and English header words of those hints as they are; translate
 * "or"). */
static enum cs_rc
missing(struct cs_error *err, const char *field, const char *also)
{
    return cs_error_field(err, CS_EINVAL, field,
        _("The file has no \"%s\" column (%s): name the column that holds "
          "it with --map %s=HEADER."), field, also, field);
}

enum cs_rc
imp_columns_match(enum cs_import_kind kind, const char *const *names,
                  size_t n, const struct cs_import_map *map, size_t nmap,
                  bool has_consultation, bool has_theme,
                  struct imp_columns *out, struct cs_error *err)
{
    const struct field_def *defs;
    char **keys = NULL;
    bool *taken = NULL, claimed[F_COUNT_ALL] = { false };
    bool no_column[F_COUNT_ALL] = { false };
    struct imp_columns c;
    enum cs_rc rc = CS_OK;
    size_t nd;

    memset(&c, 0, sizeof c);
    for (int f = 0; f < F_COUNT_ALL; f++)
        c.col[f] = -1;
    c.ncols = n;
    defs = kind_fields(kind, &nd);
    keys = calloc(n ? n : 1, sizeof *keys);
    taken = calloc(n ? n : 1, sizeof *taken);
    c.names = calloc(n ? n : 1, sizeof *c.names);
    if (keys == NULL || taken == NULL || c.names == NULL)
        goto nomem;
    for (size_t i = 0; i < n; i++)
        if ((keys[i] = imp_header_key(names[i])) == NULL
            || (c.names[i] = strdup(names[i])) == NULL)
            goto nomem;

    /* --map first: it says exactly which column feeds which field. */
    for (size_t m = 0; m < nmap; m++) {
        const struct field_def *fd = field_by_name(kind, map[m].field);
        char *hkey, list[400];
        bool found = false;

        if (fd == NULL) {
            field_list(kind, list, sizeof list);
            rc = cs_error_field(err, CS_EINVAL, "map",
                _("--map: \"%s\" is not a field of a %s file; the fields "
                  "are: %s."), map[m].field ? map[m].field : "",
                cs_import_kind_name(kind), list);
            goto out;
        }
        claimed[fd->f] = true;
        if (map[m].header == NULL || map[m].header[0] == '\0') {
            no_column[fd->f] = true;    /* "no column for this field" */
            continue;
        }
        if ((hkey = imp_header_key(map[m].header)) == NULL)
            goto nomem;
        for (size_t i = 0; i < n && !found; i++) {
            if (!taken[i] && strcmp(keys[i], hkey) == 0) {
                c.col[fd->f] = (int)i;
                taken[i] = found = true;
            }
        }
        free(hkey);
        if (!found) {
            rc = cs_error_field(err, CS_EINVAL, "map",
                _("--map %s=%s: the file has no column \"%s\"."),
                field_names[fd->f], map[m].header, map[m].header);
            goto out;
        }
    }

    /* Then the names and aliases, column by column, the first column for
     * a field winning. */
    for (size_t i = 0; i < n; i++) {
        bool used = taken[i], ignored = false;

        for (size_t d = 0; d < nd && !used; d++) {
            if (!in_list(defs[d].aliases, keys[i]))
                continue;
            used = true;        /* known, even if it loses to another */
            ignored = no_column[defs[d].f];
            if (claimed[defs[d].f])
                continue;
            c.col[defs[d].f] = (int)i;
            claimed[defs[d].f] = true;
            taken[i] = true;
        }
        if (ignored)
            continue;           /* as --map FIELD= asked */
        if (used && !taken[i]) {
            /* A second column for a field already fed: nothing reads it. */
            if (add_unknown(&c, names[i], i) != CS_OK)
                goto nomem;
            continue;
        }
        if (!used && !in_list(reject_columns, keys[i])
            && add_unknown(&c, names[i], i) != CS_OK)
            goto nomem;
    }

    /* What must be there before any row is read. */
    for (size_t d = 0; d < nd; d++)
        if ((defs[d].flags & FD_REQUIRED) && c.col[defs[d].f] < 0) {
            rc = missing(err, field_names[defs[d].f],
                         defs[d].f == F_BODY ? _("texte, proposition, "
                                               "description...")
                         : defs[d].f == F_COUNT ? _("nombre, voix, total...")
                         : _("atelier, urne, lieu..."));
            goto out;
        }
    if (kind == CS_IMPORT_IDEAS && !has_theme && c.col[F_THEME] < 0) {
        rc = missing(err, "theme", _("thème, ambition, axe... or --theme"));
        goto out;
    }
    if (kind == CS_IMPORT_IDEAS && !has_consultation
        && c.col[F_CONSULTATION] < 0) {
        rc = missing(err, "consultation", _("or --consultation"));
        goto out;
    }
    if ((kind == CS_IMPORT_VOTES || kind == CS_IMPORT_TALLIES)
        && c.col[F_IDEA_ID] < 0 && c.col[F_IDEA_FORM_REF] < 0) {
        rc = missing(err, "idea_id", _("or idea_form_ref, n° formulaire"));
        goto out;
    }
    if ((kind == CS_IMPORT_VOTES || kind == CS_IMPORT_TALLIES)
        && c.col[F_IDEA_ID] < 0 && !has_consultation
        && c.col[F_CONSULTATION] < 0) {
        /* A form reference names an idea within a consultation only. */
        rc = missing(err, "consultation", _("or --consultation"));
        goto out;
    }
    if (kind == CS_IMPORT_VOTES && c.col[F_PARTICIPANT_REF] < 0
        && c.col[F_PARTICIPANT_NAME] < 0) {
        rc = missing(err, "participant_ref", _("or participant_name, "
                     "matricule, nom"));
        goto out;
    }
    if (kind == CS_IMPORT_PARTICIPANTS && c.col[F_REF] < 0
        && c.col[F_NAME] < 0) {
        rc = missing(err, "ref", _("or name, matricule, nom"));
        goto out;
    }
    goto out;

nomem:
    rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
out:
    for (size_t i = 0; keys && i < n; i++)
        free(keys[i]);
    free(keys);
    free(taken);
    if (rc != CS_OK) {
        imp_columns_clear(&c);
        return rc;
    }
    *out = c;
    return CS_OK;
}

/* ---------------------------------------------------------------- kinds */

const char *
cs_import_kind_name(enum cs_import_kind kind)
{
    switch (kind) {
    case CS_IMPORT_IDEAS:        return "ideas";
    case CS_IMPORT_VOTES:        return "votes";
    case CS_IMPORT_TALLIES:      return "tallies";
    case CS_IMPORT_PARTICIPANTS: return "participants";
    default:                     return "";
    }
}

enum cs_rc
cs_import_kind_parse(const char *s, enum cs_import_kind *out,
                     struct cs_error *err)
{
    static const struct { const char *words; enum cs_import_kind kind; }
    kinds[] = {
        { "ideas|idea|idees|idee|propositions|contributions",
          CS_IMPORT_IDEAS },
        { "votes|vote|soutiens", CS_IMPORT_VOTES },
        { "tallies|tally|comptages|comptage|decomptes|decompte",
          CS_IMPORT_TALLIES },
        { "participants|participant|personnes", CS_IMPORT_PARTICIPANTS },
    };
    char *key = imp_header_key(s);

    for (size_t i = 0; key && i < sizeof kinds / sizeof kinds[0]; i++) {
        if (in_list(kinds[i].words, key)) {
            free(key);
            *out = kinds[i].kind;
            return CS_OK;
        }
    }
    free(key);
    return cs_error_field(err, CS_EINVAL, "kind",
        _("Unknown kind of file \"%s\": use ideas, votes, tallies or "
          "participants."), s ? s : "");
}
