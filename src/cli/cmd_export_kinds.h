/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_export_kinds.h: `consult export KIND FILE|- [options]` and
 * `consult export verify FILE`, called by cmd_export.c's dispatch for
 * every word but `template`.
 */
#ifndef CONSULT_CMD_EXPORT_KINDS_H
#define CONSULT_CMD_EXPORT_KINDS_H

#include "cli.h"

/*
 * Run `consult export KIND ...` or `consult export verify ...`: argc/argv
 * start at the word after "export" (argv[0] is "ideas", "verify"...), and
 * getopt_long is ready to run on them. Returns an exit code.
 */
int cmd_export_kind(struct cli_global *g, int argc, char **argv);

#endif /* CONSULT_CMD_EXPORT_KINDS_H */
