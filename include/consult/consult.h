/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * consult.h: the whole public API of libconsult.
 *
 *   error.h         status codes and the error record
 *   db.h            open, create, migrate; who is acting, with which role
 *   types.h         channels, kinds, statuses, states; dates
 *   user.h          logins and roles
 *   consultation.h  consultations
 *   theme.h         themes of a consultation
 *   participant.h   participants: find, add, anonymise
 *   idea.h          ideas: add, update, status, merge, tags, lists, counts
 *   batch.h         paper batches: control totals, keying, double entry
 *   record.h        each kind of record: its fields, their checks
 *   vote.h          votes and tallies
 *   comment.h       comments
 *   audit.h         the hash-chained journal
 *   stats.h         the figures of a consultation
 *   csv.h           streaming CSV reader and writer
 *   import.h        CSV import of ideas, votes, tallies, participants
 *   pabulib.h       participatory budgets (.pb files), extra columns, notes
 *   export.h        CSV exports, the CODIR summary, manifests
 *   search.h        accent-insensitive full-text search, similar ideas
 *   template.h      answer templates with placeholders
 *   demo.h          the demo consultation
 *   backup.h        online backups, checked restores
 *   session.h       committee sessions: agendas, decisions, held answers
 *   retention.h     anonymising participants past their retention
 */
#ifndef CONSULT_CONSULT_H
#define CONSULT_CONSULT_H

#include "consult/error.h"
#include "consult/db.h"
#include "consult/types.h"
#include "consult/user.h"
#include "consult/consultation.h"
#include "consult/theme.h"
#include "consult/participant.h"
#include "consult/idea.h"
#include "consult/batch.h"
#include "consult/record.h"
#include "consult/vote.h"
#include "consult/comment.h"
#include "consult/audit.h"
#include "consult/stats.h"
#include "consult/csv.h"
#include "consult/import.h"
#include "consult/pabulib.h"
#include "consult/export.h"
#include "consult/search.h"
#include "consult/template.h"
#include "consult/demo.h"
#include "consult/backup.h"
#include "consult/retention.h"
#include "consult/session.h"
#include "consult/host.h"

#endif /* CONSULT_CONSULT_H */
