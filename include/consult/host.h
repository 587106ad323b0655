/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * host.h: consult installed for a shared host (see SECURITY.md).
 *
 * On a host where several logins use one database, the database can be
 * made readable and writable by a dedicated group alone, and consult
 * installed setgid to that group (scripts/install-shared-host): the logins
 * then reach the data only through consult, which checks their roles. Such
 * a consult runs with a group its user does not have, so it trusts nothing
 * the user chooses: the environment is scrubbed, the database is the
 * installation's own, the user is the real uid's login, and every file the
 * user names (imports, exports, anchors, backups) is opened, created,
 * renamed or removed with the user's own rights, never the group's, as are
 * the programs it runs (the typesetter).
 */
#ifndef CONSULT_HOST_H
#define CONSULT_HOST_H

#include <stdbool.h>
#include <stddef.h>

#include "consult/error.h"

/* Whether this process runs with a group or user it was not started with
 * (a setgid or setuid binary). */
bool cs_host_privileged(void);

/* Enter the shared-host mode when the process is privileged (nothing is
 * done otherwise, and CS_OK returned): refuses a setuid consult (CS_EPERM),
 * keeps from the environment only what it trusts (cs_host_scrub_env) and
 * remembers the group, which the user-file calls below set aside. Call it
 * first thing in main, before the locale is read. */
enum cs_rc cs_host_enter(struct cs_error *err);

/* Whether cs_host_enter entered the shared-host mode. */
bool cs_host_mode(void);

/* Keep only TERM, the locale variables (LANG, LANGUAGE, LC_*), COLUMNS,
 * LINES, ESCDELAY, NO_COLOR, TZ and CONSULT_BUSY_TIMEOUT, each only when
 * its value is of the form it should be (a terminal or locale name, a
 * number; no path); set PATH to /usr/bin:/bin. Everything else goes:
 * HOME, XDG_*, CONSULT_DB, CONSULT_DATADIR, TERMINFO, LOCPATH, NLSPATH,
 * TMPDIR... Returns how many variables were removed or replaced, or -1
 * (errno) when the environment could not be rebuilt. */
int cs_host_scrub_env(void);

/* Check that `dir`, the shared host's database directory, is the group's
 * alone: a directory of the process's effective group, with no rights for
 * others, and writable by the group. CS_EPERM with the reason otherwise. */
enum cs_rc cs_host_check_dir(const char *dir, struct cs_error *err);

#endif /* CONSULT_HOST_H */
