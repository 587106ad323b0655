/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fault.h: fault injection for the test build (-DCONSULT_FAULTS=ON), the
 * way SQLite tests itself: the n-th allocation fails, or the n-th read,
 * write, sync or lock of a database file.
 *
 * Allocations are counted in two places: SQLite's own, through an
 * allocator given with sqlite3_config(SQLITE_CONFIG_MALLOC), and the
 * core's (malloc, calloc, realloc, strdup, strndup), through the linker's
 * --wrap of those symbols in the driver executable, whose link holds the
 * whole core. File operations are counted by a VFS shim registered as the
 * default VFS in front of the real one ("unix"). The clock and the random
 * bytes the core reads are pinned too, so that two runs of the same
 * operation write the same rows.
 */
#ifndef CONSULT_FAULT_H
#define CONSULT_FAULT_H

#include <stdbool.h>

enum fault_kind {
    FAULT_ALLOC = 1 << 0,   /* an allocation returns NULL */
    FAULT_IO = 1 << 1       /* a read, write, sync or lock of a file
                               SQLite opened fails with SQLITE_IOERR_* */
};

/* Install the allocator and the VFS shim, and pin the clock; before any
 * other SQLite call. Returns false (with a message on stderr) on failure. */
bool fault_install(void);

/* Count the operations of `kinds` from now on; the `n`-th fails (n >= 1),
 * and with `persistent` every one after it too. */
void fault_arm(unsigned kinds, long n, bool persistent);

/* Stop counting and failing. Returns true when a failure was injected
 * since fault_arm. */
bool fault_disarm(void);

/* Start the random bytes the core reads over from the same seed (a run
 * then draws the same pseudonyms as every other). */
void fault_reseed(void);

/* Operations counted since the last fault_arm. */
long fault_seen(void);

#endif /* CONSULT_FAULT_H */
