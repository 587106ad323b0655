/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * participant.c: participants, found by reference or by name and service.
 *
 * Names and services are matched through a folded key (util_fold: case
 * folding, accents dropped, blanks collapsed), stored beside the text as
 * written, so that "Élodie Dupont / Travaux" and "ELODIE DUPONT / travaux"
 * are one person and the lookup uses an index.
 *
 * A service given alone (cs_person_is_service_only) is the service's
 * anonymous participant: a row with no reference and no name, whose name
 * key is "" (a named person's key is never empty, an anonymised person's is
 * NULL), found by the same lookup as a name and service. The figures per
 * service read the service of an idea's author, so an anonymous form from
 * a service is counted with that service.
 */
#include "consult/participant.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "i18n.h"
#include "import_cache.h"
#include "participant_priv.h"
#include "stmt.h"

#define PEOPLE_CACHE 49152      /* participants a batch remembers */

/* The statements that find, add and complete a participant, for one call
 * and for a batch alike. */
#define SQL_BY_REF \
    "SELECT id, email IS NOT NULL, postal IS NOT NULL," \
    " service IS NOT NULL, name IS NOT NULL, consent, anonymised," \
    " phone IS NOT NULL FROM participant WHERE ref = :ref"
#define SQL_BY_NAME \
    "SELECT id, email IS NOT NULL, postal IS NOT NULL," \
    " service IS NOT NULL, name IS NOT NULL, consent, anonymised," \
    " phone IS NOT NULL" \
    " FROM participant WHERE name_key = :n AND service_key = :s" \
    " ORDER BY id LIMIT 1"
#define SQL_INSERT \
    "INSERT INTO participant(ref, name, name_key, service, service_key," \
    " email, postal, phone, consent, channel, batch_id, created_at," \
    " created_by)" \
    " VALUES (:ref, :name, :nkey, :service, :skey, :email, :postal," \
    " :phone, :consent, :channel, :batch, :now, :login)"
/* A person found again may bring what the first form lacked (an email, a
 * service, consent to be contacted): keep it, never erase. Only an
 * explicit no (:refused) takes consent back. */
#define SQL_COMPLETE \
    "UPDATE participant SET" \
    " email = coalesce(email, :email), postal = coalesce(postal, :postal)," \
    " phone = coalesce(phone, :phone)," \
    " service = coalesce(service, :service)," \
    " service_key = CASE WHEN service IS NULL AND :service IS NOT NULL" \
    "   THEN :skey ELSE service_key END," \
    " name = coalesce(name, :name), name_key = coalesce(name_key, :nkey)," \
    " consent = CASE WHEN :refused THEN 0 ELSE max(consent, :consent) END" \
    " WHERE id = :id AND anonymised = 0 AND (email IS NULL AND :email" \
    "   IS NOT NULL OR postal IS NULL AND :postal IS NOT NULL" \
    "   OR phone IS NULL AND :phone IS NOT NULL" \
    "   OR service IS NULL AND :service IS NOT NULL" \
    "   OR name IS NULL AND :name IS NOT NULL OR consent < :consent" \
    "   OR consent AND :refused)"

/* The trimmed fields of a person, owned. */
struct person_keys {
    char *ref, *name, *service, *email, *postal, *phone;
    char *name_key, *service_key;   /* name_key: NULL without a name,
                                       "" for a service alone */
    bool service_only;              /* cs_person_is_service_only */
};

static void
keys_clear(struct person_keys *k)
{
    free(k->ref);
    free(k->name);
    free(k->service);
    free(k->email);
    free(k->postal);
    free(k->phone);
    free(k->name_key);
    free(k->service_key);
    memset(k, 0, sizeof *k);
}

/* Trimmed copy, NULL for NULL or blank. */
static char *
trim_or_null(const char *s)
{
    return util_is_blank(s) ? NULL : util_trim_dup(s);
}

bool
cs_person_is_given(const struct cs_person *p)
{
    return p != NULL
        && (!util_is_blank(p->ref) || !util_is_blank(p->name)
            || !util_is_blank(p->service) || !util_is_blank(p->email)
            || !util_is_blank(p->postal) || !util_is_blank(p->phone));
}

bool
cs_person_is_service_only(const struct cs_person *p)
{
    return p != NULL && util_is_blank(p->ref) && util_is_blank(p->name)
        && !util_is_blank(p->service) && util_is_blank(p->email)
        && util_is_blank(p->postal) && util_is_blank(p->phone);
}

static enum cs_rc
keys_init(const struct cs_person *p, struct person_keys *k,
          struct cs_error *err)
{
    enum cs_rc rc;
    const char *fields[] = { p->ref, p->name, p->service, p->email,
                             p->postal, p->phone };
    const char *names[] = { "ref", "name", "service", "email", "postal",
                            "phone" };

    memset(k, 0, sizeof *k);
    /* The postal address may take several lines, as on an envelope. */
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if ((fields[i] == p->postal
             ? util_text_check(fields[i], names[i], err)
             : util_line_check(fields[i], names[i], err)) != CS_OK)
            return CS_EINVAL;
    k->service_only = cs_person_is_service_only(p);
    if (util_is_blank(p->ref) && util_is_blank(p->name) && !k->service_only)
        return cs_error_field(err, CS_EINVAL, "name", "%s",
            _("A participant needs a reference or a name."));
    if ((unsigned)p->channel >= CS_CHANNEL_COUNT)
        return cs_error_field(err, CS_EINVAL, "channel", "%s",
                              _("Invalid channel."));
    k->ref = trim_or_null(p->ref);
    k->name = trim_or_null(p->name);
    k->service = trim_or_null(p->service);
    k->email = trim_or_null(p->email);
    k->postal = trim_or_null(p->postal);
    k->phone = trim_or_null(p->phone);
    /* A field given but not copied: out of memory, not a blank. */
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *copy = i == 0 ? k->ref : i == 1 ? k->name
                           : i == 2 ? k->service : i == 3 ? k->email
                           : i == 4 ? k->postal : k->phone;

        if (copy == NULL && !util_is_blank(fields[i])) {
            keys_clear(k);
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        }
    }
    if (k->email && !strchr(k->email, '@')) {
        keys_clear(k);
        return cs_error_field(err, CS_EINVAL, "email",
            _("\"%s\" is not an email address."), p->email);
    }
    if ((rc = util_fold(k->name ? k->name : "", &k->name_key, err)) != CS_OK
        || (rc = util_fold(k->service ? k->service : "", &k->service_key,
                           err)) != CS_OK) {
        keys_clear(k);
        return rc;
    }
    if (k->name == NULL && !k->service_only) {
        free(k->name_key);
        k->name_key = NULL;
    }
    return CS_OK;
}

static enum cs_rc
keys_find(struct cs_db *db, const struct person_keys *k, int64_t *id,
          struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;
    bool found = false;

    if (k->ref) {
        stmt_prepare(&st, db, SQL_BY_REF);
        stmt_bind_text(&st, ":ref", k->ref);
    } else {
        stmt_prepare(&st, db, SQL_BY_NAME);
        stmt_bind_text(&st, ":n", k->name_key);
        stmt_bind_text(&st, ":s", k->service_key);
    }
    if (stmt_row(&st)) {
        *id = stmt_int64(&st, 0);
        found = true;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = CS_ENOTFOUND;  /* no message: callers decide */
    return rc;
}

enum cs_rc
cs_participant_find(struct cs_db *db, const struct cs_person *p, int64_t *id,
                    struct cs_error *err)
{
    struct person_keys k;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((rc = keys_init(p, &k, err)) != CS_OK)
        return rc;
    rc = keys_find(db, &k, id, err);
    if (rc == CS_ENOTFOUND)
        rc = cs_error_set(err, CS_ENOTFOUND, "%s",
                          _("No such participant."));
    keys_clear(&k);
    return rc;
}

/* What a person found again brings (SQL_COMPLETE), audited. */
static enum cs_rc
participant_complete(struct cs_db *db, int64_t id, const struct person_keys *k,
                     bool consent, bool refused, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *before = NULL;
    enum cs_rc rc;

    if (!k->email && !k->postal && !k->phone && !k->service && !k->name
        && !consent && !refused)
        return CS_OK;
    if ((rc = audit_snapshot(db, "participant", id, &before, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db, SQL_COMPLETE);
    stmt_bind_text(&st, ":email", k->email);
    stmt_bind_text(&st, ":postal", k->postal);
    stmt_bind_text(&st, ":phone", k->phone);
    stmt_bind_text(&st, ":service", k->service);
    stmt_bind_text(&st, ":skey", k->service_key);
    stmt_bind_text(&st, ":name", k->name);
    stmt_bind_text(&st, ":nkey", k->name ? k->name_key : NULL);
    stmt_bind_int64(&st, ":consent", consent ? 1 : 0);
    stmt_bind_int64(&st, ":refused", refused ? 1 : 0);
    stmt_bind_int64(&st, ":id", id);
    rc = stmt_run(&st, err);
    if (rc == CS_OK && stmt_changes(&st) > 0)
        rc = audit_write(db, "update", "participant", id, 0, before, err);
    stmt_finish(&st);
    free(before);
    return rc;
}

enum cs_rc
participant_resolve(struct cs_db *db, const struct cs_person *p, int64_t *id,
                    bool *created, struct cs_error *err)
{
    struct person_keys k;
    struct stmt st = STMT_INIT;
    char now[32];
    int64_t found = 0;
    enum cs_rc rc;

    if ((rc = keys_init(p, &k, err)) != CS_OK)
        return rc;
    rc = keys_find(db, &k, &found, err);
    if (rc == CS_OK) {
        rc = participant_complete(db, found, &k,
                                  p->consent && !k.service_only,
                                  p->refused && !p->consent, err);
        if (rc == CS_OK) {
            *id = found;
            if (created)
                *created = false;
        }
        goto out;
    }
    if (rc != CS_ENOTFOUND)
        goto out;
    util_now(now);
    stmt_prepare(&st, db, SQL_INSERT);
    stmt_bind_null(&st, ":batch");
    stmt_bind_text(&st, ":ref", k.ref);
    stmt_bind_text(&st, ":name", k.name);
    stmt_bind_text(&st, ":nkey", k.name_key);
    stmt_bind_text(&st, ":service", k.service);
    stmt_bind_text(&st, ":skey", k.service_key);
    stmt_bind_text(&st, ":email", k.email);
    stmt_bind_text(&st, ":postal", k.postal);
    stmt_bind_text(&st, ":phone", k.phone);
    stmt_bind_int64(&st, ":consent", p->consent && !k.service_only ? 1 : 0);
    stmt_bind_text(&st, ":channel", cs_channel_name(p->channel));
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", db->login);
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    found = stmt_last_id(&st);
    if ((rc = audit_write(db, "add", "participant", found, 0, NULL, err))
        == CS_OK) {
        *id = found;
        if (created)
            *created = true;
    }
out:
    stmt_finish(&st);
    keys_clear(&k);
    return rc;
}

/* ---------------------------------------------------------------- batch */

enum {
    P_EMAIL = 1, P_POSTAL = 2, P_SERVICE = 4, P_NAME = 8, P_CONSENT = 16,
    P_PHONE = 32, P_ALL = 63,
    P_ANON = 64         /* anonymised: nothing to fill in or take back */
};

enum { B_BY_REF = 0, B_BY_NAME, B_INSERT, B_COMPLETE, B_COUNT };

/* A statement kept for the batch, its parameters looked up once. */
struct bstmt {
    sqlite3_stmt *st;
    int idx[14];
};

struct participant_batch {
    struct cs_db *db;
    int64_t batch_id;
    char now[32];
    struct bstmt s[B_COUNT];
    struct imp_cache people;    /* ref or name+service -> id, flags */
    long created;
    long withdrawn;             /* consents taken back by a "no" */
};

static const char *const batch_sql[B_COUNT] = {
    SQL_BY_REF, SQL_BY_NAME, SQL_INSERT, SQL_COMPLETE
};
/* The parameters of each, in idx[] order. */
static const char *const batch_params[B_COUNT][15] = {
    { ":ref", NULL },
    { ":n", ":s", NULL },
    { ":ref", ":name", ":nkey", ":service", ":skey", ":email", ":postal",
      ":consent", ":channel", ":batch", ":now", ":login", ":phone", NULL },
    { ":email", ":postal", ":service", ":skey", ":name", ":nkey",
      ":consent", ":id", ":phone", ":refused", NULL },
};

enum cs_rc
participant_batch_new(struct cs_db *db, int64_t batch_id, const char *now,
                      struct participant_batch **out, struct cs_error *err)
{
    struct participant_batch *b = calloc(1, sizeof *b);
    enum cs_rc rc;

    if (b == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    b->db = db;
    b->batch_id = batch_id;
    snprintf(b->now, sizeof b->now, "%s", now);
    if ((rc = imp_cache_init(&b->people, PEOPLE_CACHE, 2 << 20, err))
        != CS_OK) {
        free(b);
        return rc;
    }
    *out = b;
    return CS_OK;
}

void
participant_batch_free(struct participant_batch *b)
{
    if (b == NULL)
        return;
    for (int i = 0; i < B_COUNT; i++)
        sqlite3_finalize(b->s[i].st);
    imp_cache_free(&b->people);
    free(b);
}

long
participant_batch_created(const struct participant_batch *b)
{
    return b ? b->created : 0;
}

long
participant_batch_withdrawn(const struct participant_batch *b)
{
    return b ? b->withdrawn : 0;
}

static struct bstmt *
bget(struct participant_batch *b, int which, struct cs_error *err)
{
    struct bstmt *p = &b->s[which];
    int src;

    if (p->st != NULL)
        return p;
    src = sqlite3_prepare_v3(b->db->sql, batch_sql[which], -1,
                             SQLITE_PREPARE_PERSISTENT, &p->st, NULL);
    if (src != SQLITE_OK) {
        p->st = NULL;
        db_error(b->db, src, err);
        return NULL;
    }
    for (int i = 0; batch_params[which][i]; i++)
        p->idx[i] = sqlite3_bind_parameter_index(p->st,
                                                 batch_params[which][i]);
    return p;
}

/* Texts live until the statement has run: no copy. */
static void
btext(struct bstmt *p, int i, const char *v)
{
    if (v == NULL)
        sqlite3_bind_null(p->st, p->idx[i]);
    else
        sqlite3_bind_text(p->st, p->idx[i], v, -1, SQLITE_STATIC);
}

/* Run to the end (or the first row); SQLITE_ROW, SQLITE_DONE or the
 * failure in `err`. The caller resets. */
static int
bstep(struct participant_batch *b, struct bstmt *p, struct cs_error *err)
{
    int src = sqlite3_step(p->st);

    if (src != SQLITE_ROW && src != SQLITE_DONE)
        db_error(b->db, src, err);
    return src;
}

static void
bdone(struct bstmt *p)
{
    sqlite3_reset(p->st);
    sqlite3_clear_bindings(p->st);
}

/* A "no" takes back the consent of one who gave it and is still named. */
#define WITHDRAWS(refuses, have) \
    ((refuses) && ((have) & (P_CONSENT | P_ANON)) == P_CONSENT)

static unsigned
person_brings(const struct cs_person *p, bool service_only)
{
    return (p->email ? P_EMAIL : 0) | (p->postal ? P_POSTAL : 0)
         | (p->service ? P_SERVICE : 0) | (p->name ? P_NAME : 0)
         | (p->consent && !service_only ? P_CONSENT : 0)
         | (p->phone ? P_PHONE : 0);
}

static enum cs_rc
batch_failed(struct cs_error *err)
{
    return err && err->code != CS_OK ? err->code : CS_EINTERNAL;
}

enum cs_rc
participant_batch_put(struct participant_batch *b, const struct cs_person *p,
                      int64_t *id, struct cs_error *err)
{
    char small[512], *key = small, *nkey = NULL, *skey = NULL;
    size_t klen;
    struct imp_cache_entry *e;
    struct bstmt *h;
    bool alone = cs_person_is_service_only(p);
    const char *name = p->name ? p->name : "";
    unsigned have = 0, want = person_brings(p, alone);
    bool refuses = p->refused && !p->consent && !alone;
    int64_t found = 0;
    enum cs_rc rc = CS_OK;
    int src;

    /* Remembered by the reference, or the name and service as written
     * (the database is asked with folded keys; two spellings of one
     * person become two entries for the same id). */
    klen = p->ref ? 1 + strlen(p->ref)
                  : 2 + strlen(name) + (p->service ? strlen(p->service)
                                                   : 0);
    if (klen >= sizeof small && (key = malloc(klen + 1)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    if (p->ref) {
        key[0] = 'r';
        memcpy(key + 1, p->ref, klen - 1);
    } else {
        size_t nl = strlen(name);

        key[0] = 'n';
        memcpy(key + 1, name, nl);
        key[1 + nl] = '\x1f';
        if (p->service)
            memcpy(key + 2 + nl, p->service, klen - 2 - nl);
    }
    key[klen] = '\0';

    if ((e = imp_cache_get(&b->people, key, klen)) != NULL) {
        found = e->id;
        have = e->flags;
        if ((want & ~have) == 0 && !WITHDRAWS(refuses, have))
            goto out;
    }
    if ((rc = util_fold(p->name ? p->name : "", &nkey, err)) != CS_OK
        || (rc = util_fold(p->service ? p->service : "", &skey, err))
           != CS_OK)
        goto out;
    if (found == 0) {
        if ((h = bget(b, p->ref ? B_BY_REF : B_BY_NAME, err)) == NULL) {
            rc = batch_failed(err);
            goto out;
        }
        if (p->ref) {
            btext(h, 0, p->ref);
        } else {
            btext(h, 0, nkey);
            btext(h, 1, skey);
        }
        src = bstep(b, h, err);
        if (src == SQLITE_ROW) {
            found = sqlite3_column_int64(h->st, 0);
            have = (sqlite3_column_int(h->st, 1) ? P_EMAIL : 0)
                 | (sqlite3_column_int(h->st, 2) ? P_POSTAL : 0)
                 | (sqlite3_column_int(h->st, 3) ? P_SERVICE : 0)
                 | (sqlite3_column_int(h->st, 4) ? P_NAME : 0)
                 | (sqlite3_column_int(h->st, 5) ? P_CONSENT : 0)
                 | (sqlite3_column_int(h->st, 7) ? P_PHONE : 0);
            if (sqlite3_column_int(h->st, 6))
                have = P_ALL | P_ANON;  /* never filled in again */
        } else if (src != SQLITE_DONE) {
            rc = batch_failed(err);
        }
        bdone(h);
        if (rc != CS_OK)
            goto out;
    }
    if (found != 0 && ((want & ~have) != 0 || WITHDRAWS(refuses, have))) {
        bool withdraw = WITHDRAWS(refuses, have);

        if ((h = bget(b, B_COMPLETE, err)) == NULL) {
            rc = batch_failed(err);
            goto out;
        }
        btext(h, 0, p->email);
        btext(h, 1, p->postal);
        btext(h, 2, p->service);
        btext(h, 3, skey);
        btext(h, 4, p->name);
        btext(h, 5, p->name ? nkey : NULL);
        sqlite3_bind_int(h->st, h->idx[6], p->consent && !alone ? 1 : 0);
        sqlite3_bind_int64(h->st, h->idx[7], found);
        btext(h, 8, p->phone);
        sqlite3_bind_int(h->st, h->idx[9], withdraw ? 1 : 0);
        if (bstep(b, h, err) != SQLITE_DONE)
            rc = batch_failed(err);
        bdone(h);
        /* Completed under the batch's journal row. */
        if (rc != CS_OK
            || (rc = audit_touch(b->db, "participant", found, err)) != CS_OK)
            goto out;
        have |= want;
        if (withdraw) {
            have &= ~(unsigned)P_CONSENT;
            b->withdrawn++;
        }
    } else if (found == 0) {
        if ((h = bget(b, B_INSERT, err)) == NULL) {
            rc = batch_failed(err);
            goto out;
        }
        btext(h, 0, p->ref);
        btext(h, 1, p->name);
        btext(h, 2, p->name || alone ? nkey : NULL);
        btext(h, 3, p->service);
        btext(h, 4, skey);
        btext(h, 5, p->email);
        btext(h, 6, p->postal);
        sqlite3_bind_int(h->st, h->idx[7], p->consent && !alone ? 1 : 0);
        btext(h, 8, cs_channel_name(p->channel));
        if (b->batch_id != 0)
            sqlite3_bind_int64(h->st, h->idx[9], b->batch_id);
        else
            sqlite3_bind_null(h->st, h->idx[9]);
        btext(h, 10, b->now);
        btext(h, 11, b->db->login);
        btext(h, 12, p->phone);
        if (bstep(b, h, err) != SQLITE_DONE)
            rc = batch_failed(err);
        bdone(h);
        if (rc != CS_OK)
            goto out;
        found = sqlite3_last_insert_rowid(b->db->sql);
        have = want;
        b->created++;
        /* An import names the people of its batch at its end. */
        if (b->batch_id == 0
            && (rc = audit_touch(b->db, "participant", found, err)) != CS_OK)
            goto out;
    }
    if ((e = imp_cache_put(&b->people, key, klen)) != NULL) {
        e->id = found;
        e->flags = (uint16_t)have;
    }
out:
    if (rc == CS_OK)
        *id = found;
    if (key != small)
        free(key);
    free(nkey);
    free(skey);
    return rc;
}

/* ---------------------------------------------------------------- public */

enum cs_rc
cs_participant_resolve(struct cs_db *db, const struct cs_person *p,
                       int64_t *id, bool *created, struct cs_error *err)
{
    int64_t found = 0;
    bool made = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_ADD_IDEA, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    rc = participant_resolve(db, p, &found, &made, err);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK) {
        *id = found;
        if (created)
            *created = made;
    }
    return rc;
}

enum cs_rc
cs_participant_get(struct cs_db *db, int64_t id, struct cs_participant *out,
                   struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_participant p;
    bool found = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_SEE_PERSONAL, err)) != CS_OK)
        return rc;
    memset(&p, 0, sizeof p);
    stmt_prepare(&st, db,
        "SELECT id, ref, name, service, email, postal, consent, channel,"
        " anonymised, created_at, phone,"
        " (SELECT count(*) FROM idea WHERE author_id = p.id),"
        " (SELECT count(*) FROM vote WHERE participant_id = p.id)"
        " FROM participant p WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        found = true;
        p.id = stmt_int64(&st, 0);
        p.ref = stmt_text_dup(&st, 1);
        p.name = stmt_text_dup(&st, 2);
        p.service = stmt_text_dup(&st, 3);
        p.email = stmt_text_dup(&st, 4);
        p.postal = stmt_text_dup(&st, 5);
        p.consent = stmt_int64(&st, 6) != 0;
        cs_channel_parse(stmt_text(&st, 7), &p.channel, NULL);
        p.anonymised = stmt_int64(&st, 8) != 0;
        p.created_at = stmt_text_dup(&st, 9);
        p.phone = stmt_text_dup(&st, 10);
        p.idea_count = stmt_int64(&st, 11);
        p.vote_count = stmt_int64(&st, 12);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = cs_error_set(err, CS_ENOTFOUND, _("No participant %lld."),
                          (long long)id);
    if (rc != CS_OK) {
        cs_participant_clear(&p);
        return rc;
    }
    *out = p;
    return CS_OK;
}

enum cs_rc
cs_participant_of_idea(struct cs_db *db, int64_t idea_id,
                       struct cs_participant *out, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_participant p;
    char *entered_by = NULL;
    bool found = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    memset(&p, 0, sizeof p);
    stmt_prepare(&st, db,
        "SELECT i.entered_by, p.id, p.ref, p.name, p.service, p.email,"
        " p.postal, p.phone, p.consent, p.channel, p.anonymised,"
        " p.created_at FROM idea i"
        " LEFT JOIN participant p ON p.id = i.author_id WHERE i.id = :id");
    stmt_bind_int64(&st, ":id", idea_id);
    if (stmt_row(&st)) {
        found = true;
        entered_by = stmt_text_dup(&st, 0);
        p.id = stmt_int64(&st, 1);
        p.ref = stmt_text_dup(&st, 2);
        p.name = stmt_text_dup(&st, 3);
        p.service = stmt_text_dup(&st, 4);
        p.email = stmt_text_dup(&st, 5);
        p.postal = stmt_text_dup(&st, 6);
        p.phone = stmt_text_dup(&st, 7);
        p.consent = stmt_int64(&st, 8) != 0;
        if (p.id != 0)
            cs_channel_parse(stmt_text(&st, 9), &p.channel, NULL);
        p.anonymised = stmt_int64(&st, 10) != 0;
        p.created_at = stmt_text_dup(&st, 11);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = cs_error_set(err, CS_ENOTFOUND, _("No idea %lld."),
                          (long long)idea_id);
    if (rc == CS_OK && !cs_db_can(db, CS_OP_SEE_PERSONAL))
        rc = role_require_owner(db, entered_by, err);
    free(entered_by);
    if (rc != CS_OK) {
        cs_participant_clear(&p);
        return rc;
    }
    *out = p;
    return CS_OK;
}

enum cs_rc
cs_participant_anonymise(struct cs_db *db, int64_t id, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_ANONYMISE, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db,
        "UPDATE participant SET ref = NULL, name = NULL, name_key = NULL,"
        " service_key = '', email = NULL, postal = NULL, phone = NULL,"
        " consent = 0,"
        " anonymised = 1 WHERE id = :id");
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    if (stmt_changes(&st) == 0) {
        rc = cs_error_set(err, CS_ENOTFOUND, _("No participant %lld."),
                          (long long)id);
        goto out;
    }
    /* The journal must not keep what was erased: it records the act, and
     * the row as it now is, without the before values. */
    rc = audit_write(db, "anonymise", "participant", id, 0, NULL, err);
out:
    stmt_finish(&st);
    rc = txn_end(db, rc, err);
    /* The erased values also sit in the WAL until a checkpoint copies the
     * pages back: checkpoint now, best effort (a reader may hold it up;
     * the next checkpoint then finishes the job). */
    if (rc == CS_OK && db->txn_depth == 0)
        sqlite3_wal_checkpoint_v2(db->sql, NULL, SQLITE_CHECKPOINT_TRUNCATE,
                                  NULL, NULL);
    return rc;
}

void
cs_participant_clear(struct cs_participant *p)
{
    if (p == NULL)
        return;
    free(p->ref);
    free(p->name);
    free(p->service);
    free(p->email);
    free(p->postal);
    free(p->phone);
    free(p->created_at);
    memset(p, 0, sizeof *p);
}

/* ---------------------------------------------------------------- search */

/* Add the rows of `st` (id, ref, name, service) not in `list` yet, up to
 * `limit`. */
static enum cs_rc
search_take(struct stmt *st, struct cs_participant_list *list, size_t *cap,
            size_t limit, struct cs_error *err)
{
    while (list->count < limit && stmt_row(st)) {
        int64_t id = stmt_int64(st, 0);
        struct cs_participant *p;
        bool seen = false;
        void *grown;

        for (size_t i = 0; i < list->count && !seen; i++)
            seen = list->items[i].id == id;
        if (seen)
            continue;
        grown = util_grow(list->items, cap, list->count,
                          sizeof *list->items);
        if (grown == NULL)
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        list->items = grown;
        p = &list->items[list->count++];
        memset(p, 0, sizeof *p);
        p->id = id;
        p->ref = stmt_is_null(st, 1) ? NULL : stmt_text_dup(st, 1);
        p->name = stmt_is_null(st, 2) ? NULL : stmt_text_dup(st, 2);
        p->service = stmt_is_null(st, 3) ? NULL : stmt_text_dup(st, 3);
    }
    return stmt_status(st, err);
}

/* The highest code point: every text starting with a prefix sorts below
 * the prefix followed by it. */
#define PREFIX_END "\xf4\x8f\xbf\xbf"

enum cs_rc
cs_participant_search(struct cs_db *db, const char *text, size_t limit,
                      struct cs_participant_list **out, struct cs_error *err)
{
    struct cs_participant_list *list;
    struct stmt st = STMT_INIT;
    char *t = NULL, *key = NULL, *hi = NULL, *rhi = NULL, *like = NULL;
    size_t cap = 0, n;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_VOTE, err)) != CS_OK)
        return rc;
    if ((list = calloc(1, sizeof *list)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    if (util_is_blank(text) || limit == 0) {
        *out = list;
        return CS_OK;
    }
    if ((t = util_trim_dup(text)) == NULL
        || (rc = util_fold(t, &key, err)) != CS_OK) {
        rc = rc != CS_OK ? rc
                         : cs_error_set(err, CS_ENOMEM, "%s",
                                        _("Out of memory."));
        goto out;
    }
    n = strlen(key);
    hi = malloc(n + sizeof PREFIX_END);
    rhi = malloc(strlen(t) + sizeof PREFIX_END);
    like = malloc(2 * n + 4);
    if (hi == NULL || rhi == NULL || like == NULL) {
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        goto out;
    }
    sprintf(hi, "%s" PREFIX_END, key);
    sprintf(rhi, "%s" PREFIX_END, t);
    /* "% word%", the word's LIKE wildcards escaped. */
    {
        size_t o = 0;

        like[o++] = '%';
        like[o++] = ' ';
        for (size_t i = 0; i < n; i++) {
            if (key[i] == '%' || key[i] == '_' || key[i] == '\\')
                like[o++] = '\\';
            like[o++] = key[i];
        }
        like[o++] = '%';
        like[o] = '\0';
    }

    /* Through the indexes: names, then references, starting so. */
    stmt_prepare(&st, db,
        "SELECT id, ref, name, service FROM participant"
        " WHERE name_key >= :k AND name_key < :hi AND anonymised = 0"
        " ORDER BY name_key, service_key, id LIMIT :n");
    stmt_bind_text(&st, ":k", key);
    stmt_bind_text(&st, ":hi", hi);
    stmt_bind_int64(&st, ":n", (int64_t)limit);
    rc = search_take(&st, list, &cap, limit, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        goto out;
    stmt_prepare(&st, db,
        "SELECT id, ref, name, service FROM participant"
        " WHERE ref >= :r AND ref < :rhi AND anonymised = 0"
        " ORDER BY ref LIMIT :n");
    stmt_bind_text(&st, ":r", t);
    stmt_bind_text(&st, ":rhi", rhi);
    stmt_bind_int64(&st, ":n", (int64_t)limit);
    rc = search_take(&st, list, &cap, limit, err);
    stmt_finish(&st);
    if (rc != CS_OK || list->count >= limit || n < 3)
        goto out;
    /* A word inside the name ("dupont" for "Anne Dupont"): a scan of the
     * names, so only once a few letters narrow it. */
    stmt_prepare(&st, db,
        "SELECT id, ref, name, service FROM participant"
        " WHERE name_key LIKE :like ESCAPE '\\' AND anonymised = 0"
        " ORDER BY name_key, service_key, id LIMIT :n");
    stmt_bind_text(&st, ":like", like);
    stmt_bind_int64(&st, ":n", (int64_t)limit);
    rc = search_take(&st, list, &cap, limit, err);
    stmt_finish(&st);
out:
    free(t);
    free(key);
    free(hi);
    free(rhi);
    free(like);
    if (rc != CS_OK) {
        cs_participant_list_free(list);
        return rc;
    }
    *out = list;
    return CS_OK;
}

void
cs_participant_list_free(struct cs_participant_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        cs_participant_clear(&list->items[i]);
    free(list->items);
    free(list);
}
