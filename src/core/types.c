/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * types.c: names, labels and parsing of the shared enumerations, the status
 * transition table, and date parsing.
 */
#include "consult/types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dbpriv.h"
#include "i18n.h"

/* A word a person may type for an enumerated value, already folded
 * (lower case, no accents), and the value it means. */
struct word {
    const char *word;
    int value;
};

static int
parse_word(const char *s, const struct word *words, size_t n, int *out)
{
    char *key = NULL;
    int found = -1;

    if (s == NULL || util_fold(s, &key, NULL) != CS_OK)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(key, words[i].word) == 0) {
            found = words[i].value;
            break;
        }
    }
    free(key);
    if (found >= 0)
        *out = found;
    return found;
}

#define NWORDS(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- channels */

static const char *const channel_names[CS_CHANNEL_COUNT] = {
    "paper", "workshop", "web", "email", "phone", "other",
};

const char *
cs_channel_name(enum cs_channel c)
{
    return (unsigned)c < CS_CHANNEL_COUNT ? channel_names[c] : "other";
}

const char *
cs_channel_label(enum cs_channel c)
{
    switch (c) {
    case CS_CHANNEL_PAPER:    return _("paper");
    case CS_CHANNEL_WORKSHOP: return _("workshop");
    case CS_CHANNEL_WEB:      return _("web");
    case CS_CHANNEL_EMAIL:    return _("email");
    case CS_CHANNEL_PHONE:    return _("phone");
    default:                  return _("other");
    }
}

enum cs_rc
cs_channel_parse(const char *s, enum cs_channel *out, struct cs_error *err)
{
    static const struct word w[] = {
        { "paper", CS_CHANNEL_PAPER }, { "papier", CS_CHANNEL_PAPER },
        { "form", CS_CHANNEL_PAPER }, { "formulaire", CS_CHANNEL_PAPER },
        { "courrier", CS_CHANNEL_PAPER }, { "mail", CS_CHANNEL_EMAIL },
        { "workshop", CS_CHANNEL_WORKSHOP }, { "atelier", CS_CHANNEL_WORKSHOP },
        { "web", CS_CHANNEL_WEB }, { "online", CS_CHANNEL_WEB },
        { "en ligne", CS_CHANNEL_WEB }, { "internet", CS_CHANNEL_WEB },
        { "email", CS_CHANNEL_EMAIL }, { "e-mail", CS_CHANNEL_EMAIL },
        { "courriel", CS_CHANNEL_EMAIL }, { "phone", CS_CHANNEL_PHONE },
        { "telephone", CS_CHANNEL_PHONE }, { "tel", CS_CHANNEL_PHONE },
        { "other", CS_CHANNEL_OTHER }, { "autre", CS_CHANNEL_OTHER },
    };
    int v;

    if (parse_word(s, w, NWORDS(w), &v) < 0)
        return cs_error_field(err, CS_EINVAL, "channel",
            _("Unknown channel \"%s\": use paper, workshop, web, email, "
              "phone or other."), s ? s : "");
    *out = (enum cs_channel)v;
    return CS_OK;
}

/* ---------------------------------------------------------------- kinds */

const char *
cs_kind_name(enum cs_idea_kind k)
{
    return k == CS_KIND_FINDING ? "finding" : "idea";
}

const char *
cs_kind_label(enum cs_idea_kind k)
{
    return k == CS_KIND_FINDING ? _("finding") : _("idea");
}

enum cs_rc
cs_kind_parse(const char *s, enum cs_idea_kind *out, struct cs_error *err)
{
    static const struct word w[] = {
        { "idea", CS_KIND_IDEA }, { "idee", CS_KIND_IDEA },
        { "proposal", CS_KIND_IDEA }, { "proposition", CS_KIND_IDEA },
        { "finding", CS_KIND_FINDING }, { "constat", CS_KIND_FINDING },
        { "observation", CS_KIND_FINDING },
    };
    int v;

    if (parse_word(s, w, NWORDS(w), &v) < 0)
        return cs_error_field(err, CS_EINVAL, "kind",
            _("Unknown kind \"%s\": use idea or finding."), s ? s : "");
    *out = (enum cs_idea_kind)v;
    return CS_OK;
}

/* ---------------------------------------------------------------- statuses */

static const char *const status_names[CS_STATUS_COUNT] = {
    "new", "reviewing", "accepted", "rejected", "implemented", "merged",
    "withdrawn", "hidden",
};

const char *
cs_status_name(enum cs_status s)
{
    return (unsigned)s < CS_STATUS_COUNT ? status_names[s] : "new";
}

const char *
cs_status_label(enum cs_status s)
{
    switch (s) {
    case CS_STATUS_NEW:         return _("new");
    case CS_STATUS_REVIEWING:   return _("reviewing");
    case CS_STATUS_ACCEPTED:    return _("accepted");
    case CS_STATUS_REJECTED:    return _("rejected");
    case CS_STATUS_IMPLEMENTED: return _("implemented");
    case CS_STATUS_MERGED:      return _("merged");
    case CS_STATUS_WITHDRAWN:   return _("withdrawn");
    case CS_STATUS_HIDDEN:      return _("hidden");
    default:                    return "?";
    }
}

enum cs_rc
cs_status_parse(const char *s, enum cs_status *out, struct cs_error *err)
{
    static const struct word w[] = {
        { "new", CS_STATUS_NEW }, { "nouveau", CS_STATUS_NEW },
        { "nouvelle", CS_STATUS_NEW },
        { "reviewing", CS_STATUS_REVIEWING }, { "review", CS_STATUS_REVIEWING },
        { "en cours", CS_STATUS_REVIEWING }, { "en examen", CS_STATUS_REVIEWING },
        { "examen", CS_STATUS_REVIEWING },
        { "accepted", CS_STATUS_ACCEPTED }, { "accepte", CS_STATUS_ACCEPTED },
        { "acceptee", CS_STATUS_ACCEPTED }, { "retenu", CS_STATUS_ACCEPTED },
        { "retenue", CS_STATUS_ACCEPTED },
        { "rejected", CS_STATUS_REJECTED }, { "rejete", CS_STATUS_REJECTED },
        { "rejetee", CS_STATUS_REJECTED }, { "refuse", CS_STATUS_REJECTED },
        { "refusee", CS_STATUS_REJECTED },
        { "implemented", CS_STATUS_IMPLEMENTED },
        { "realise", CS_STATUS_IMPLEMENTED },
        { "realisee", CS_STATUS_IMPLEMENTED },
        { "mis en oeuvre", CS_STATUS_IMPLEMENTED },
        { "mise en oeuvre", CS_STATUS_IMPLEMENTED },
        /* Case folding keeps the ligature (it has no decomposition), so
         * the words as usually typed are listed too. */
        { "mis en œuvre", CS_STATUS_IMPLEMENTED },
        { "mise en œuvre", CS_STATUS_IMPLEMENTED },
        { "merged", CS_STATUS_MERGED }, { "fusionne", CS_STATUS_MERGED },
        { "fusionnee", CS_STATUS_MERGED },
        { "withdrawn", CS_STATUS_WITHDRAWN }, { "retire", CS_STATUS_WITHDRAWN },
        { "retiree", CS_STATUS_WITHDRAWN },
        { "hidden", CS_STATUS_HIDDEN }, { "masque", CS_STATUS_HIDDEN },
        { "masquee", CS_STATUS_HIDDEN },
    };
    int v;

    if (parse_word(s, w, NWORDS(w), &v) < 0)
        return cs_error_field(err, CS_EINVAL, "status",
            _("Unknown status \"%s\": use new, reviewing, accepted, "
              "rejected, implemented, withdrawn or hidden."), s ? s : "");
    *out = (enum cs_status)v;
    return CS_OK;
}

enum cs_status_text
cs_status_text(enum cs_status s)
{
    switch (s) {
    case CS_STATUS_ACCEPTED:
    case CS_STATUS_REJECTED:
    case CS_STATUS_IMPLEMENTED:
        return CS_TEXT_ANSWER;
    case CS_STATUS_HIDDEN:
        return CS_TEXT_REASON;
    default:
        return CS_TEXT_NONE;
    }
}

const char *
cs_status_text_field(enum cs_status s)
{
    switch (cs_status_text(s)) {
    case CS_TEXT_ANSWER: return "answer";
    case CS_TEXT_REASON: return "reason";
    default:             return NULL;
    }
}

enum cs_rc
cs_status_text_check(enum cs_status s, const char *text,
                     struct cs_error *err)
{
    enum cs_status_text need = cs_status_text(s);

    if (need == CS_TEXT_NONE)
        return CS_OK;
    if (util_is_blank(text)) {
        if (need == CS_TEXT_REASON)
            return cs_error_field(err, CS_EINVAL, "reason", "%s",
                                  _("Hiding an idea needs a reason."));
        return cs_error_field(err, CS_EINVAL, "answer",
            _("An idea cannot be %s without an official answer."),
            cs_status_label(s));
    }
    return util_text_check(text, cs_status_text_field(s), err);
}

bool
cs_status_needs_answer(enum cs_status s)
{
    return cs_status_text(s) == CS_TEXT_ANSWER;
}

bool
cs_status_transition_ok(enum cs_status from, enum cs_status to)
{
#define B(s) (1u << (s))
    /* allowed[from]: the statuses reachable from it by set_status. */
    static const unsigned allowed[CS_STATUS_COUNT] = {
        [CS_STATUS_NEW] = B(CS_STATUS_REVIEWING) | B(CS_STATUS_ACCEPTED)
            | B(CS_STATUS_REJECTED) | B(CS_STATUS_IMPLEMENTED)
            | B(CS_STATUS_WITHDRAWN) | B(CS_STATUS_HIDDEN),
        [CS_STATUS_REVIEWING] = B(CS_STATUS_NEW) | B(CS_STATUS_ACCEPTED)
            | B(CS_STATUS_REJECTED) | B(CS_STATUS_IMPLEMENTED)
            | B(CS_STATUS_WITHDRAWN) | B(CS_STATUS_HIDDEN),
        [CS_STATUS_ACCEPTED] = B(CS_STATUS_ACCEPTED) | B(CS_STATUS_REVIEWING)
            | B(CS_STATUS_REJECTED) | B(CS_STATUS_IMPLEMENTED)
            | B(CS_STATUS_HIDDEN),
        [CS_STATUS_REJECTED] = B(CS_STATUS_REJECTED) | B(CS_STATUS_REVIEWING)
            | B(CS_STATUS_ACCEPTED) | B(CS_STATUS_HIDDEN),
        [CS_STATUS_IMPLEMENTED] = B(CS_STATUS_IMPLEMENTED)
            | B(CS_STATUS_ACCEPTED) | B(CS_STATUS_HIDDEN),
        [CS_STATUS_MERGED] = 0,
        [CS_STATUS_WITHDRAWN] = B(CS_STATUS_NEW) | B(CS_STATUS_REVIEWING),
        [CS_STATUS_HIDDEN] = B(CS_STATUS_NEW) | B(CS_STATUS_REVIEWING),
    };
#undef B
    if ((unsigned)from >= CS_STATUS_COUNT || (unsigned)to >= CS_STATUS_COUNT)
        return false;
    return (allowed[from] >> to) & 1u;
}

/* ---------------------------------------------------------------- consultations */

const char *
cs_cons_kind_name(enum cs_cons_kind k)
{
    return k == CS_CONS_FINDINGS ? "findings" : "ideas";
}

enum cs_rc
cs_cons_kind_parse(const char *s, enum cs_cons_kind *out, struct cs_error *err)
{
    static const struct word w[] = {
        { "ideas", CS_CONS_IDEAS }, { "idees", CS_CONS_IDEAS },
        { "call for ideas", CS_CONS_IDEAS }, { "appel a idees", CS_CONS_IDEAS },
        { "findings", CS_CONS_FINDINGS }, { "constats", CS_CONS_FINDINGS },
        { "survey", CS_CONS_FINDINGS }, { "enquete", CS_CONS_FINDINGS },
    };
    int v;

    if (parse_word(s, w, NWORDS(w), &v) < 0)
        return cs_error_field(err, CS_EINVAL, "kind",
            _("Unknown consultation kind \"%s\": use ideas or findings."),
            s ? s : "");
    *out = (enum cs_cons_kind)v;
    return CS_OK;
}

const char *
cs_audience_name(enum cs_audience a)
{
    switch (a) {
    case CS_AUDIENCE_CITIZENS: return "citizens";
    case CS_AUDIENCE_ALL:      return "all";
    default:                   return "agents";
    }
}

enum cs_rc
cs_audience_parse(const char *s, enum cs_audience *out, struct cs_error *err)
{
    static const struct word w[] = {
        { "agents", CS_AUDIENCE_AGENTS }, { "staff", CS_AUDIENCE_AGENTS },
        { "personnel", CS_AUDIENCE_AGENTS },
        { "citizens", CS_AUDIENCE_CITIZENS },
        { "citoyens", CS_AUDIENCE_CITIZENS }, { "all", CS_AUDIENCE_ALL },
        { "tous", CS_AUDIENCE_ALL },
    };
    int v;

    if (parse_word(s, w, NWORDS(w), &v) < 0)
        return cs_error_field(err, CS_EINVAL, "audience",
            _("Unknown audience \"%s\": use agents, citizens or all."),
            s ? s : "");
    *out = (enum cs_audience)v;
    return CS_OK;
}

static const char *const state_names[CS_STATE_COUNT] = {
    "draft", "open", "closed", "archived",
};

const char *
cs_state_name(enum cs_cons_state s)
{
    return (unsigned)s < CS_STATE_COUNT ? state_names[s] : "open";
}

const char *
cs_state_label(enum cs_cons_state s)
{
    switch (s) {
    case CS_STATE_DRAFT:    return _("draft");
    case CS_STATE_CLOSED:   return _("closed");
    case CS_STATE_ARCHIVED: return _("archived");
    default:                return _("open");
    }
}

enum cs_rc
cs_state_parse(const char *s, enum cs_cons_state *out, struct cs_error *err)
{
    static const struct word w[] = {
        { "draft", CS_STATE_DRAFT }, { "brouillon", CS_STATE_DRAFT },
        { "open", CS_STATE_OPEN }, { "ouverte", CS_STATE_OPEN },
        { "ouvert", CS_STATE_OPEN }, { "closed", CS_STATE_CLOSED },
        { "fermee", CS_STATE_CLOSED }, { "close", CS_STATE_CLOSED },
        { "cloturee", CS_STATE_CLOSED }, { "archived", CS_STATE_ARCHIVED },
        { "archivee", CS_STATE_ARCHIVED },
    };
    int v;

    if (parse_word(s, w, NWORDS(w), &v) < 0)
        return cs_error_field(err, CS_EINVAL, "state",
            _("Unknown state \"%s\": use draft, open, closed or archived."),
            s ? s : "");
    *out = (enum cs_cons_state)v;
    return CS_OK;
}

/* ---------------------------------------------------------------- dates */

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), for zone shifts
 * without depending on the process's time zone. */
static long long
days_from_civil(int y, int m, int d)
{
    int era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (long long)era * 146097 + doe - 719468;
}

/* True if the `n` bytes at `p` are digits or bytes of `seps`: sscanf alone
 * would let blanks and signs through ("2021-01- 1", "2021-+1-01"). */
static bool
only_digits(const char *p, int n, const char *seps)
{
    /* The end of the text is no separator (strchr finds the NUL of
     * `seps`): stop there, never read past it. */
    for (int i = 0; i < n; i++)
        if (p[i] == '\0'
            || (!(p[i] >= '0' && p[i] <= '9') && strchr(seps, p[i]) == NULL))
            return false;
    return true;
}

enum cs_rc
cs_date_parse(const char *s, char *out, size_t n, struct cs_error *err)
{
    int y = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0, used = 0;
    int zh = 0, zm = 0, zsign = 0;
    bool has_time = false, has_zone = false;
    char *t = util_trim_dup(s);
    const char *p;
    enum cs_rc rc = CS_OK;

    if (t == NULL && s != NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    if (t == NULL || n < 21)
        goto bad;
    p = t;
    if (sscanf(p, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 && used == 10
        && only_digits(p, 4, "") && only_digits(p + 5, 2, "")
        && only_digits(p + 8, 2, "")) {
        p += used;
    } else if (sscanf(p, "%2d/%2d/%4d%n", &d, &m, &y, &used) == 3
               && used >= 8 && only_digits(p, used, "/")) {
        p += used;
    } else {
        goto bad;
    }
    if (!util_ymd_ok(y, m, d))
        goto bad;
    if (*p == 'T' || *p == ' ') {
        const char *q = p + 1;
        int u = 0;

        while (*q == ' ')
            q++;
        if (sscanf(q, "%2d:%2d%n", &hh, &mm, &u) == 2 && u == 5
            && only_digits(q, 5, ":")) {
            q += u;
            if (*q == ':' && sscanf(q, ":%2d%n", &ss, &u) == 1 && u == 3
                && only_digits(q, 3, ":"))
                q += u;
            if (*q == '.' || *q == ',')     /* fractions of a second */
                for (q++; *q >= '0' && *q <= '9'; q++)
                    ;
            has_time = true;
            p = q;
        } else if (*p == ' ' && q[0] == '\0') {
            p = q;
        } else {
            goto bad;
        }
    }
    while (*p == ' ')
        p++;
    if (has_time && (*p == 'Z' || *p == 'z')) {
        has_zone = true;
        p++;
    } else if (has_time && (*p == '+' || *p == '-')) {
        int u = 0;

        zsign = *p == '-' ? -1 : 1;
        p++;
        if (!only_digits(p, 2, ""))
            goto bad;
        if (sscanf(p, "%2d:%2d%n", &zh, &zm, &u) == 2 && u == 5
            && only_digits(p, 5, ":"))
            p += u;
        else if (sscanf(p, "%2d%2d%n", &zh, &zm, &u) == 2 && u == 4
                 && only_digits(p, 4, ""))
            p += u;
        else if (sscanf(p, "%2d%n", &zh, &u) == 1 && u == 2)
            p += u;
        else
            goto bad;
        has_zone = true;
    }
    if (*p != '\0' || hh > 23 || mm > 59 || ss > 60 || zh > 14 || zm > 59)
        goto bad;
    if (!has_time) {
        snprintf(out, n, "%04d-%02d-%02d", y, m, d);
    } else {
        long long secs = days_from_civil(y, m, d) * 86400LL + hh * 3600LL
                         + mm * 60LL + (ss > 59 ? 59 : ss);
        time_t tt;
        struct tm tm;

        /* A time without zone is taken as UTC: files rarely say which
         * local time they mean, and UTC keeps the value as written. */
        if (has_zone)
            secs -= zsign * (zh * 3600LL + zm * 60LL);
        tt = (time_t)secs;
        gmtime_r(&tt, &tm);
        strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
    goto done;
bad:
    rc = cs_error_field(err, CS_EINVAL, "date",
        _("Invalid date \"%s\": use YYYY-MM-DD or DD/MM/YYYY, optionally "
          "with a time HH:MM."), s ? s : "");
done:
    free(t);
    return rc;
}
