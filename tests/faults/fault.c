/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fault.c: the counters, the allocator given to SQLite, the wrapped C
 * library allocation calls and the VFS shim of fault.h.
 *
 * The wrapped symbols (__wrap_malloc...) are what the core's calls bind to
 * when the driver is linked with -Wl,--wrap=malloc,...; __real_malloc is
 * the C library's (or the sanitizer's) malloc.
 */
#include "fault.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include <sqlite3.h>

/* ---------------------------------------------------------------- counter */

static unsigned armed;          /* enum fault_kind, or-ed; 0: off */
static long target;             /* the operation that fails first */
static bool keep_failing;       /* every one after it fails too */
static long seen;               /* operations counted since fault_arm */
static bool fired;              /* a failure was injected */

void
fault_arm(unsigned kinds, long n, bool persistent)
{
    seen = 0;
    fired = false;
    target = n;
    keep_failing = persistent;
    armed = kinds;
}

bool
fault_disarm(void)
{
    armed = 0;
    return fired;
}

long
fault_seen(void)
{
    return seen;
}

/* Where every injected failure passes: a place for a debugger's
 * breakpoint (gdb -ex 'break fault_hit'). */
void fault_hit(void);

__attribute__((noinline)) void
fault_hit(void)
{
    __asm__ volatile("");
}

/* Count one operation of `kind`: true when it must fail. */
static bool
tick(unsigned kind)
{
    if (!(armed & kind))
        return false;
    seen++;
    if (seen == target || (keep_failing && seen > target)) {
        fired = true;
        fault_hit();
        return true;
    }
    return false;
}

/* ---------------------------------------------------------------- libc */

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
int __real_clock_gettime(clockid_t clock, struct timespec *ts);
ssize_t __real_getrandom(void *buf, size_t n, unsigned flags);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
int __wrap_clock_gettime(clockid_t clock, struct timespec *ts);
ssize_t __wrap_getrandom(void *buf, size_t n, unsigned flags);

void *
__wrap_malloc(size_t n)
{
    return tick(FAULT_ALLOC) ? NULL : __real_malloc(n);
}

void *
__wrap_calloc(size_t k, size_t n)
{
    return tick(FAULT_ALLOC) ? NULL : __real_calloc(k, n);
}

void *
__wrap_realloc(void *p, size_t n)
{
    return tick(FAULT_ALLOC) ? NULL : __real_realloc(p, n);
}

char *
__wrap_strdup(const char *s)
{
    return tick(FAULT_ALLOC) ? NULL : __real_strdup(s);
}

char *
__wrap_strndup(const char *s, size_t n)
{
    return tick(FAULT_ALLOC) ? NULL : __real_strndup(s, n);
}

/* The wall clock stands still at the moment fault_install ran: the times
 * the core writes (journal rows, dates of entry) are the same in every
 * run. */
static struct timespec frozen;

int
__wrap_clock_gettime(clockid_t clock, struct timespec *ts)
{
    if (clock == CLOCK_REALTIME && frozen.tv_sec != 0) {
        *ts = frozen;
        return 0;
    }
    return __real_clock_gettime(clock, ts);
}

/* The same bytes in every run (a counter), for the same reason. */
#define RANDOM_SEED 0x9e3779b97f4a7c15u
static uint64_t random_state = RANDOM_SEED;

void
fault_reseed(void)
{
    random_state = RANDOM_SEED;
}

ssize_t
__wrap_getrandom(void *buf, size_t n, unsigned flags)
{
    unsigned char *b = buf;

    (void)flags;
    for (size_t i = 0; i < n; i++) {
        random_state = random_state * 6364136223846793005u
                       + 1442695040888963407u;
        b[i] = (unsigned char)(random_state >> 56);
    }
    return (ssize_t)n;
}

/* ---------------------------------------------------------------- SQLite's allocator */

/* Each block carries its size before it (xSize needs it), in 16 bytes so
 * that the block stays aligned. */
#define HEAD 16

static void *
mem_malloc(int n)
{
    unsigned char *p;

    if (n <= 0 || tick(FAULT_ALLOC))
        return NULL;
    if ((p = __real_malloc((size_t)n + HEAD)) == NULL)
        return NULL;
    memcpy(p, &n, sizeof n);
    return p + HEAD;
}

static void
mem_free(void *q)
{
    if (q != NULL)
        free((unsigned char *)q - HEAD);
}

static int
mem_size(void *q)
{
    int n = 0;

    if (q != NULL)
        memcpy(&n, (unsigned char *)q - HEAD, sizeof n);
    return n;
}

static void *
mem_realloc(void *q, int n)
{
    unsigned char *p;

    if (n <= 0 || tick(FAULT_ALLOC))
        return NULL;
    if ((p = __real_realloc((unsigned char *)q - HEAD, (size_t)n + HEAD))
        == NULL)
        return NULL;
    memcpy(p, &n, sizeof n);
    return p + HEAD;
}

static int
mem_roundup(int n)
{
    return (n + 7) & ~7;
}

static int
mem_init(void *unused)
{
    (void)unused;
    return SQLITE_OK;
}

static void
mem_shutdown(void *unused)
{
    (void)unused;
}

static const sqlite3_mem_methods mem_methods = {
    mem_malloc, mem_free, mem_realloc, mem_size, mem_roundup, mem_init,
    mem_shutdown, NULL
};

/* ---------------------------------------------------------------- VFS shim */

struct shim_file {
    sqlite3_file base;          /* pMethods: &shim_io */
    sqlite3_file *real;         /* the real VFS's file, just after this */
};

static sqlite3_vfs *real_vfs;

#define REAL(f) (((struct shim_file *)(f))->real)
#define RM(f) (REAL(f)->pMethods)

static int
shim_close(sqlite3_file *f)
{
    return RM(f)->xClose(REAL(f));
}

static int
shim_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    if (tick(FAULT_IO))
        return SQLITE_IOERR_READ;
    return RM(f)->xRead(REAL(f), buf, n, off);
}

static int
shim_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    if (tick(FAULT_IO))
        return SQLITE_IOERR_WRITE;
    return RM(f)->xWrite(REAL(f), buf, n, off);
}

static int
shim_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    return RM(f)->xTruncate(REAL(f), size);
}

static int
shim_sync(sqlite3_file *f, int flags)
{
    /* Counted, but not passed on: the runs test what a failing sync does
     * to the calls, not durability across a power cut, and thousands of
     * runs would wait on the disk. */
    (void)f;
    (void)flags;
    return tick(FAULT_IO) ? SQLITE_IOERR_FSYNC : SQLITE_OK;
}

static int
shim_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    return RM(f)->xFileSize(REAL(f), size);
}

static int
shim_lock(sqlite3_file *f, int level)
{
    if (tick(FAULT_IO))
        return SQLITE_IOERR_LOCK;
    return RM(f)->xLock(REAL(f), level);
}

static int
shim_unlock(sqlite3_file *f, int level)
{
    return RM(f)->xUnlock(REAL(f), level);
}

static int
shim_check_reserved(sqlite3_file *f, int *out)
{
    return RM(f)->xCheckReservedLock(REAL(f), out);
}

static int
shim_file_control(sqlite3_file *f, int op, void *arg)
{
    return RM(f)->xFileControl(REAL(f), op, arg);
}

static int
shim_sector_size(sqlite3_file *f)
{
    return RM(f)->xSectorSize(REAL(f));
}

static int
shim_device_chars(sqlite3_file *f)
{
    return RM(f)->xDeviceCharacteristics(REAL(f));
}

static int
shim_shm_map(sqlite3_file *f, int page, int size, int extend,
             void volatile **out)
{
    if (RM(f)->iVersion < 2)
        return SQLITE_IOERR_SHMMAP;
    return RM(f)->xShmMap(REAL(f), page, size, extend, out);
}

static int
shim_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
    if (RM(f)->iVersion < 2)
        return SQLITE_IOERR_SHMLOCK;
    /* Only taking a lock fails: releasing one always works. */
    if ((flags & SQLITE_SHM_LOCK) && tick(FAULT_IO))
        return SQLITE_IOERR_SHMLOCK;
    return RM(f)->xShmLock(REAL(f), offset, n, flags);
}

static void
shim_shm_barrier(sqlite3_file *f)
{
    if (RM(f)->iVersion >= 2)
        RM(f)->xShmBarrier(REAL(f));
}

static int
shim_shm_unmap(sqlite3_file *f, int del)
{
    if (RM(f)->iVersion < 2)
        return SQLITE_OK;
    return RM(f)->xShmUnmap(REAL(f), del);
}

static int
shim_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **out)
{
    if (RM(f)->iVersion < 3) {
        *out = NULL;
        return SQLITE_OK;
    }
    return RM(f)->xFetch(REAL(f), off, n, out);
}

static int
shim_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    if (RM(f)->iVersion < 3)
        return SQLITE_OK;
    return RM(f)->xUnfetch(REAL(f), off, p);
}

static const sqlite3_io_methods shim_io = {
    3, shim_close, shim_read, shim_write, shim_truncate, shim_sync,
    shim_file_size, shim_lock, shim_unlock, shim_check_reserved,
    shim_file_control, shim_sector_size, shim_device_chars, shim_shm_map,
    shim_shm_lock, shim_shm_barrier, shim_shm_unmap, shim_fetch,
    shim_unfetch
};

static int
shim_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
          int *out_flags)
{
    struct shim_file *s = (struct shim_file *)f;
    int rc;

    (void)vfs;
    s->real = (sqlite3_file *)(s + 1);
    rc = real_vfs->xOpen(real_vfs, name, s->real, flags, out_flags);
    s->base.pMethods = s->real->pMethods != NULL ? &shim_io : NULL;
    return rc;
}

static int
shim_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    (void)vfs;
    (void)sync_dir;
    return real_vfs->xDelete(real_vfs, name, 0);
}

static int
shim_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int
shim_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *
shim_dlopen(sqlite3_vfs *vfs, const char *name)
{
    (void)vfs;
    return real_vfs->xDlOpen(real_vfs, name);
}

static void
shim_dlerror(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    real_vfs->xDlError(real_vfs, n, out);
}

static void (*shim_dlsym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
    (void)vfs;
    return real_vfs->xDlSym(real_vfs, h, sym);
}

static void
shim_dlclose(sqlite3_vfs *vfs, void *h)
{
    (void)vfs;
    real_vfs->xDlClose(real_vfs, h);
}

static int
shim_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return real_vfs->xRandomness(real_vfs, n, out);
}

static int
shim_sleep(sqlite3_vfs *vfs, int us)
{
    (void)vfs;
    return real_vfs->xSleep(real_vfs, us);
}

static int
shim_current_time(sqlite3_vfs *vfs, double *out)
{
    (void)vfs;
    return real_vfs->xCurrentTime(real_vfs, out);
}

static int
shim_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return real_vfs->xGetLastError(real_vfs, n, out);
}

static int
shim_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    (void)vfs;
    return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static sqlite3_vfs shim_vfs = {
    2, 0, 0, NULL, "consult-faults", NULL, shim_open, shim_delete,
    shim_access, shim_full_pathname, shim_dlopen, shim_dlerror, shim_dlsym,
    shim_dlclose, shim_randomness, shim_sleep, shim_current_time,
    shim_last_error, shim_current_time64, NULL, NULL, NULL
};

/* ---------------------------------------------------------------- set-up */

bool
fault_install(void)
{
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &mem_methods) != SQLITE_OK) {
        fprintf(stderr, "fault: SQLITE_CONFIG_MALLOC refused\n");
        return false;
    }
    if (sqlite3_initialize() != SQLITE_OK
        || (real_vfs = sqlite3_vfs_find(NULL)) == NULL
        || real_vfs->iVersion < 2) {
        fprintf(stderr, "fault: no default VFS to wrap\n");
        return false;
    }
    shim_vfs.szOsFile = (int)sizeof(struct shim_file) + real_vfs->szOsFile;
    shim_vfs.mxPathname = real_vfs->mxPathname;
    if (sqlite3_vfs_register(&shim_vfs, 1) != SQLITE_OK) {
        fprintf(stderr, "fault: the VFS shim was refused\n");
        return false;
    }
    __real_clock_gettime(CLOCK_REALTIME, &frozen);
    return true;
}
