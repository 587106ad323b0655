/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * host_priv.h: the core's file operations on a path the user chose. In
 * the shared-host mode (consult/host.h) each runs with the user's own
 * group, the installation's group set aside for the call; otherwise each
 * is the plain call. They set errno as the plain call does (EPERM when the
 * group could not be set aside: nothing was done).
 */
#ifndef CONSULT_HOST_PRIV_H
#define CONSULT_HOST_PRIV_H

#include <stdio.h>
#include <sys/types.h>

int host_user_open(const char *path, int flags, mode_t mode);
FILE *host_user_fopen(const char *path, const char *mode);
int host_user_mkstemp(char *template);
int host_user_rename(const char *from, const char *to);
int host_user_unlink(const char *path);

/* Set the group aside for longer (a whole output file's opening, a
 * program started): 0, or -1 with errno when it could not be done (then
 * do nothing); host_user_end takes it back. Calls nest: the group comes back at the
 * last end. */
int host_user_begin(void);
void host_user_end(void);

#endif /* CONSULT_HOST_PRIV_H */
