/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * demo.h: fill a database with the demo consultation kept in data/.
 */
#ifndef CONSULT_DEMO_H
#define CONSULT_DEMO_H

#include "consult/db.h"

/* Statistics of a demo load. */
struct cs_demo_report {
    long consultations, themes, ideas, votes, tallies, comments, decisions;
};

/*
 * Load the demo consultation from the directory `datadir` (which holds
 * demo.txt and its companions) into `db` through the library's own calls,
 * as the acting login (who must be admin). `report` may be NULL.
 * Returns CS_OK, CS_EIO (file missing or unreadable), CS_EINVAL (the file
 * has an error: err->line says where), or any code of the calls it makes.
 */
enum cs_rc cs_demo_load(struct cs_db *db, const char *datadir,
                        struct cs_demo_report *report, struct cs_error *err);

#endif /* CONSULT_DEMO_H */
