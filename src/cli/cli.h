/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cli.h: what the command-line front end's files share: the command table,
 * opening the database named by --db / $CONSULT_DB / XDG, turning cs_rc
 * into sysexits codes, and printing errors. Commands hold no rules of their
 * own: they parse arguments, call libconsult and print.
 */
#ifndef CONSULT_CLI_H
#define CONSULT_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <libintl.h>

#include "consult/consult.h"

#define _(s) gettext(s)
#define N_(s) (s)

/* Exit codes (sysexits.h values), documented in consult(1). */
enum cli_exit {
    EXIT_OK = 0,
    EXIT_USAGE = 64,        /* bad command line */
    EXIT_DATA = 65,         /* bad data, refused by a rule, not found */
    EXIT_NOINPUT = 66,      /* database or input file missing */
    EXIT_SOFTWARE = 70,     /* internal error */
    EXIT_CANTCREAT = 73,    /* cannot create the database or a file */
    EXIT_IOERR = 74,        /* read or write error */
    EXIT_TEMPFAIL = 75,     /* database busy beyond the timeout */
    EXIT_NOPERM = 77        /* the role does not allow it */
};

/* Global options, parsed before the command word. */
struct cli_global {
    const char *db_path;    /* --db, or NULL */
    bool shared;            /* --shared: a new database is 0660 */
};

/* One command group ("idea") or command ("init"). */
struct cli_command {
    const char *name;
    int (*run)(struct cli_global *g, int argc, char **argv);
    const char *summary;    /* one line, untranslated (N_), for --help */
    const char *usage;      /* synopsis lines, untranslated (N_) */
};

/* The table of commands, NULL-terminated (main.c). */
extern const struct cli_command cli_commands[];

/* The program name for messages ("consult"). */
extern const char *cli_progname;

/* Resolve the database path: --db, $CONSULT_DB, else
 * $XDG_DATA_HOME/consult/consult.db (directory created). Writes into `buf`.
 * Returns 0 or an exit code after printing why. */
int cli_db_path(const struct cli_global *g, char *buf, size_t n,
                const char *file_name);

/* Open the database (creating it if `create`); on failure print the error
 * and return its exit code, else 0. */
int cli_open(const struct cli_global *g, bool create, struct cs_db **db);

/* The exit code for `rc`. */
int cli_exit_code(enum cs_rc rc);

/* Print "consult: MESSAGE" on stderr for `err` and return its exit code. */
int cli_fail(const struct cs_error *err, enum cs_rc rc);

/* Print a usage error ("consult: MESSAGE" then a hint) and return 64. */
int cli_usage_error(const char *cmd, const char *fmt, ...) CS_PRINTF(2, 3);

/* Print the usage of command `name` (from the table) on `out`. */
void cli_print_usage(FILE *out, const char *name);

/* Parse a positive id; prints a usage error and returns false if bad. */
bool cli_parse_id(const char *cmd, const char *s, int64_t *out);

/* Find consultation `code`, print its error if not found; 0 or exit code. */
int cli_consultation(struct cs_db *db, const char *code, int64_t *id);

/* True if `argv[i]` asks for help ("--help" or "-h"). */
bool cli_wants_help(int argc, char **argv);

/* The commands, one cmd_<noun>.c each: argc/argv start at the command
 * word ("idea", "add", ...). Each returns an exit code. */
int cmd_init(struct cli_global *g, int argc, char **argv);
int cmd_demo(struct cli_global *g, int argc, char **argv);
int cmd_consultation(struct cli_global *g, int argc, char **argv);
int cmd_theme(struct cli_global *g, int argc, char **argv);
int cmd_idea(struct cli_global *g, int argc, char **argv);
int cmd_vote(struct cli_global *g, int argc, char **argv);
int cmd_tally(struct cli_global *g, int argc, char **argv);
int cmd_comment(struct cli_global *g, int argc, char **argv);
int cmd_participant(struct cli_global *g, int argc, char **argv);
int cmd_user(struct cli_global *g, int argc, char **argv);
int cmd_audit(struct cli_global *g, int argc, char **argv);
int cmd_stats(struct cli_global *g, int argc, char **argv);

#endif /* CONSULT_CLI_H */
