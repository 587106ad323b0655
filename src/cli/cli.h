/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cli.h: what the command-line front end's files share: the command table,
 * opening the database named by --db / $CONSULT_DB / XDG, turning cs_rc
 * into sysexits codes, and printing errors. Commands hold no rules of their
 * own: they parse arguments, call libconsult and print.
 */
#ifndef CONSULT_CLI_H
#define CONSULT_CLI_H

#include <getopt.h>
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
    EXIT_CANTCREAT = 73,    /* cannot create the database or a file; the
                               database cannot be written (read-only
                               file, directory or file system, full
                               disk) */
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

/* Write into `buf` the directory `rel` (relative to the directory of the
 * running binary) and return true if it exists: how an installed or moved
 * consult finds its data and translations. */
bool cli_beside_exe(const char *rel, char *buf, size_t n);

/* Milliseconds to wait for a lock: $CONSULT_BUSY_TIMEOUT when it is a
 * positive number, else 0 (the library's default, 10 seconds). */
int cli_busy_timeout(void);

/* Open the database (creating it if `create`); on failure print the error
 * and return its exit code, else 0. */
int cli_open(const struct cli_global *g, bool create, struct cs_db **db);

/* The exit code for `rc`. */
int cli_exit_code(enum cs_rc rc);

/* Print "consult: MESSAGE" on stderr for `err` and return its exit code. */
int cli_fail(const struct cs_error *err, enum cs_rc rc);

/* After a contribution was recorded: when its consultation is closed
 * and took it as late input (cs_consultation_is_late), say so on
 * stderr. `date` as the user gave it, or NULL. */
void cli_warn_late(struct cs_db *db, int64_t consultation_id,
                   int64_t idea_id, enum cs_channel channel,
                   const char *date);

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

/* ---------------------------------------------------------------- options */

/* One subcommand of a group ("add" of "idea"): argc/argv start at the
 * subcommand word, and getopt_long is ready to run on them. */
struct cli_sub {
    const char *name;
    int (*run)(struct cli_global *g, int argc, char **argv);
};

/* Run the subcommand named by argv[1] of group `argv[0]` from `subs`
 * (NULL-terminated); a missing or unknown one is a usage error (64). */
int cli_dispatch(struct cli_global *g, int argc, char **argv,
                 const struct cli_sub *subs);

/* Make getopt_long start afresh on a new argv, silently (we print). */
void cli_opt_reset(void);

/* The usage error for what getopt_long returned (`c`: '?' or ':'). */
int cli_bad_option(const char *cmd, int c, char **argv);

/* Parse an integer option value >= `min`; prints a usage error and returns
 * false if it is not one. `opt` names the option ("--count"). */
bool cli_parse_int(const char *cmd, const char *opt, const char *s,
                   int64_t min, int64_t *out);

/* For commands without options and with exactly `n` operands (from
 * argv[optind] on): 0, or the usage error. Starts getopt afresh. */
int cli_args(const char *cmd, int argc, char **argv, int n);

/* A usage error for a required option left out. */
int cli_missing(const char *cmd, const char *opt);

/* A usage error for a missing or extra positional argument. */
int cli_operands(const char *cmd, int have, int want);

/* Read all of standard input (for "--answer -") into `*out` (caller
 * frees), without its final line break. 0 or an exit code. */
int cli_read_stdin(char **out);

/* ---------------------------------------------------------------- fields */

/* getopt_long values of the options that set a record's fields: this
 * base plus the field's number (enum cs_field_id). */
#define CLI_FIELD_BASE 1000

/*
 * Append to `opts` (which holds `*n` options and room for `cap`, the
 * terminating zero included) the options of `kind`'s fields that have one
 * (record.h: struct cs_field's option), and terminate it. Returns false if
 * there is no room (a bug).
 */
bool cli_field_options(enum cs_record_kind kind, struct option *opts,
                       size_t *n, size_t cap);

/* If `o` (a getopt_long value) is a field's option, store its value in
 * `v[field]` ("yes" for an option without a value) and return true. */
bool cli_field_take(int o, const char *arg, const char **v);

/* consult --list-fields [KIND]: the records' fields, one per line: kind,
 * name, option (or "-"), flags, type, aliases ('|'-separated), tab
 * separated. For the shell completion and the tests; not documented. */
int cli_list_fields(const char *kind);

/* ---------------------------------------------------------------- output */

/* Display width of UTF-8 text in the current locale (wcwidth), control
 * characters counting one column each. */
int cli_width(const char *s);

/* Print `s` cut to at most `width` columns by display width (never inside
 * a character), control characters shown as blanks, a cut marked "…"
 * (or "." outside UTF-8); then pad with blanks to `width` if `pad`. */
void cli_put_cell(FILE *out, const char *s, int width, bool pad);

/* Print text `s` as cs_text_display shows it: what could disturb the
 * terminal escaped. Every text from the database goes through this,
 * cli_put_block or cli_put_cell. */
void cli_put_text(FILE *out, const char *s);

/* The same, each line of `s` on its own line after `indent`. */
void cli_put_block(FILE *out, const char *s, const char *indent);

/* The same, right-aligned in `width` columns (headings of number
 * columns). */
void cli_put_rcell(FILE *out, const char *s, int width);

/* Print `label` padded with blanks to `width` display columns. */
void cli_put_label(FILE *out, const char *label, int width);

/* One CSV field (RFC 4180: quoted only if it holds , " CR or LF), then a
 * comma, or CRLF when `last`. NULL is an empty field. */
void cli_csv_field(FILE *out, const char *s, bool last);

/* The same for a number. */
void cli_csv_int(FILE *out, int64_t v, bool last);

/* "YYYY-MM-DD" part of a date or timestamp ("" for NULL). */
const char *cli_day(const char *ts, char buf[16]);

/* Print one audit entry as a line (id, time, actor, action, table#row),
 * with its before/after JSON on further lines when `json`. */
void cli_print_audit(FILE *out, const struct cs_audit_entry *e, bool json);

/* The translated name of a role ("admin", "agent", "viewer", "none"). */
const char *cli_role_label(enum cs_role role);

/* The commands, one cmd_<noun>.c each: argc/argv start at the command
 * word ("idea", "add", ...). Each returns an exit code. */
int cmd_init(struct cli_global *g, int argc, char **argv);
int cmd_demo(struct cli_global *g, int argc, char **argv);
int cmd_consultation(struct cli_global *g, int argc, char **argv);
int cmd_theme(struct cli_global *g, int argc, char **argv);
int cmd_idea(struct cli_global *g, int argc, char **argv);
int cmd_batch(struct cli_global *g, int argc, char **argv);
int cmd_vote(struct cli_global *g, int argc, char **argv);
int cmd_tally(struct cli_global *g, int argc, char **argv);
int cmd_comment(struct cli_global *g, int argc, char **argv);
int cmd_participant(struct cli_global *g, int argc, char **argv);
int cmd_user(struct cli_global *g, int argc, char **argv);
int cmd_audit(struct cli_global *g, int argc, char **argv);
int cmd_stats(struct cli_global *g, int argc, char **argv);
int cmd_import(struct cli_global *g, int argc, char **argv);
/* `import pabulib` and `import show` (cmd_import_pb.c). */
int cmd_import_pabulib(struct cli_global *g, int argc, char **argv);
int cmd_import_show(struct cli_global *g, int argc, char **argv);
int cmd_export(struct cli_global *g, int argc, char **argv);
int cmd_backup(struct cli_global *g, int argc, char **argv);
int cmd_restore(struct cli_global *g, int argc, char **argv);
int cmd_session(struct cli_global *g, int argc, char **argv);
int cmd_retention(struct cli_global *g, int argc, char **argv);
/* The terminal interface (cmd_tui.c). */
int cmd_tui(struct cli_global *g, int argc, char **argv);
/* The same, opened on the entry form (cmd_tui.c). */
int cmd_enter(struct cli_global *g, int argc, char **argv);

#endif /* CONSULT_CLI_H */
