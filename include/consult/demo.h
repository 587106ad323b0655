/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * demo.h: fill a database with the demo consultation kept in data/demo/.
 *
 * The demo is an agents' call for ideas in a Walloon town administration,
 * "AGENTS21", in French. It lives in CSV files (UTF-8, comma, one header
 * row; columns matched by name, in any order) in the directory demo/ of the
 * data directory:
 *
 *   consultation.csv  code, title, description, kind, audience, opens_on,
 *                     closes_on, state: one row. The consultation is
 *                     created open and moved to `state` once everything
 *                     else is in.
 *   themes.csv        code, title, position: the five ambitions.
 *   participants.csv  key, matricule, name, service, email, postal,
 *                     consent (oui/non), channel. `key` ("P01") names the
 *                     person in the other files; `matricule` is the
 *                     employee number (the participant's reference).
 *   ideas.csv         key, theme (code), kind, channel, form_ref,
 *                     submitted_at, author (a participant key, or empty
 *                     for anonymous), title, body. `key` ("I01") names the
 *                     idea in the files below.
 *   votes.csv         idea, participant, channel, voted_at.
 *   tallies.csv       idea, source (the workshop), count, counted_at.
 *   comments.csv      idea, participant (or empty), body, hidden_reason
 *                     (non-empty: the comment is then hidden).
 *   decisions.csv     idea, status, into, answer, applied in file order:
 *                     with `into` (an idea key) the idea is merged into
 *                     that one, else it moves to `status` with `answer`
 *                     as the official answer (or the reason, for hidden).
 *
 * Enumerated values take the words cs_*_parse accepts (French or
 * English), dates the forms cs_date_parse accepts.
 */
#ifndef CONSULT_DEMO_H
#define CONSULT_DEMO_H

#include <stdbool.h>

#include "consult/db.h"

/* What a demo load added. */
struct cs_demo_report {
    long consultations;     /* 1 */
    long themes;
    long participants;      /* participants added (not found again) */
    long ideas;             /* ideas and findings */
    long votes;
    long tallies;
    long comments;          /* hidden ones included */
    long decisions;         /* rows of decisions.csv applied */
};

/*
 * Load the demo consultation from `datadir`/demo/ (see above) into `db`
 * through the library's public calls, as the acting login, who must be
 * admin. Everything is loaded in one transaction: on failure the database
 * is left as it was. `report` (may be NULL) is written only on success.
 *
 * Returns CS_OK; CS_EPERM (not admin); CS_EIO (a file missing or
 * unreadable); CS_EINVAL (a file has an error: err->line is the line and
 * err->msg names the file); CS_ECONFLICT (the demo is already loaded:
 * consultation AGENTS21 exists); or any code of the calls it makes.
 * A loaded database is marked as a demo (cs_demo_is_demo).
 */
enum cs_rc cs_demo_load(struct cs_db *db, const char *datadir,
                        struct cs_demo_report *report, struct cs_error *err);

/*
 * Tell whether the file at `path` is a consult database that cs_demo_load
 * filled, so that it may be replaced without losing real work: whatever
 * its schema version (a demo made by an older or a newer consult is still
 * one); anything else, including a file that is no database, is not.
 * Reads the file without changing it. Returns CS_OK and writes `*out`;
 * CS_ENOTFOUND (no such file), CS_EIO, CS_EINVAL (no path).
 */
enum cs_rc cs_demo_is_demo(const char *path, bool *out,
                           struct cs_error *err);

#endif /* CONSULT_DEMO_H */
