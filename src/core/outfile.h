/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * outfile.h: a file the core writes for the user (an export, its top file
 * and manifest, an import's reject file), whatever the name given is.
 *
 *   - "-" is standard output, written and flushed, never closed;
 *   - a device, a pipe or a socket (/dev/null, /dev/stdout, a FIFO) is
 *     written through, in place: it is never replaced nor removed;
 *   - a regular file, or a name that does not exist yet, is written under
 *     a temporary name beside it, NAME.tmp-PID-XXXXXX, then renamed over
 *     it once complete: a reader sees the old file or the new one, never
 *     half of one. Before that, the temporary files of the same NAME left
 *     by a writer that is gone (a killed export) are removed;
 *   - a symbolic link is followed: to a regular file, that file is
 *     replaced as above in its own directory and the link is kept; to a
 *     device or a pipe, written through; a dangling link creates its
 *     target in place.
 * A file created gets exactly `mode` (0600, or 0660 for --shared),
 * whatever the umask. The core never prints: "-" is the data asked for.
 */
#ifndef CONSULT_OUTFILE_H
#define CONSULT_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "consult/error.h"

struct outfile {
    char *path;             /* owned: the name given, for messages */
    char *final;            /* owned: the rename's target, or NULL */
    char *tmp;              /* owned: the temporary name; "" once gone */
    FILE *fp;               /* open while writing */
    bool std;               /* "-": standard output */
};

/* The mode of the files created: 0600, or 0660 when shared. */
#define OUTFILE_MODE(shared) ((mode_t)((shared) ? 0660 : 0600))

/* Open `path` for writing as above. CS_OK, CS_ECREATE, CS_ENOMEM. */
enum cs_rc outfile_open(struct outfile *f, const char *path, mode_t mode,
                        struct cs_error *err);

/* True when `path` names "-", a device, a pipe or a socket (directly or by
 * a symbolic link): something written through, not a file to keep. */
bool outfile_is_stream(const char *path);

/* Flush and close the stream; a failed write is CS_EIO. Returns `rc` when
 * it was not CS_OK already. */
enum cs_rc outfile_finish(struct outfile *f, enum cs_rc rc,
                          struct cs_error *err);

/* When `rc` is CS_OK, put a temporary file in place (CS_ECREATE if the
 * rename fails). Returns the outcome. */
enum cs_rc outfile_commit(struct outfile *f, enum cs_rc rc,
                          struct cs_error *err);

/* Close what is open, remove a temporary file not put in place, free. */
void outfile_drop(struct outfile *f);

#endif /* CONSULT_OUTFILE_H */
