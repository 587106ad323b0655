/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_retention.c: the retention question asked when the interface
 * opens (model_retention.h).
 */
#include "model_retention.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "tui.h"

void
model_retention_init(struct model_retention *m)
{
    memset(m, 0, sizeof *m);
    dialog_init(&m->dlg);
}

void
model_retention_clear(struct model_retention *m)
{
    dialog_clear(&m->dlg);
    memset(m, 0, sizeof *m);
}

bool
model_retention_ask(struct model_retention *m, struct cs_db *db)
{
    char about[1024], question[256];

    m->db = db;
    m->due = 0;
    if (!cs_db_can(db, CS_OP_ANONYMISE) || !cs_db_is_writable(db)
        || cs_retention_due_count(db, &m->due, NULL) != CS_OK
        || m->due == 0)
        return false;
    snprintf(about, sizeof about,
             ngettext("%" PRId64 " participant has contributed only to "
                      "consultations past their retention. Anonymising "
                      "erases their name, service, email, postal address "
                      "and phone and withdraws their consent; their ideas, "
                      "votes, comments and answers are kept, and so is the "
                      "journal.",
                      "%" PRId64 " participants have contributed only to "
                      "consultations past their retention. Anonymising "
                      "erases their names, services, emails, postal "
                      "addresses and phones and withdraws their consent; "
                      "their ideas, votes, comments and answers are kept, "
                      "and so is the journal.",
                      (unsigned long)m->due), m->due);
    snprintf(question, sizeof question, "%s",
             _("Anonymise them now? (y/n) "));
    dialog_confirm(&m->dlg, _("Retention"), about, question, false);
    return true;
}

void
model_retention_answer(struct model_retention *m, enum dlg_result r)
{
    struct cs_retention_report rep;
    struct cs_error err;
    enum cs_rc rc;

    m->failed = false;
    if (r != DLG_OK) {
        snprintf(m->result, sizeof m->result, "%s",
                 _("Nobody anonymised: consult retention run does it "
                   "later."));
        return;
    }
    cs_error_clear(&err);
    if ((rc = cs_retention_run(m->db, false, &rep, &err)) != CS_OK) {
        m->failed = true;
        snprintf(m->result, sizeof m->result, "%s",
                 err.msg[0] ? err.msg : cs_rc_name(rc));
        return;
    }
    snprintf(m->result, sizeof m->result,
             ngettext("%zu participant anonymised.",
                      "%zu participants anonymised.",
                      (unsigned long)rep.count), rep.count);
    cs_retention_report_clear(&rep);
}
