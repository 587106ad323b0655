/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * pty.c: time the consult binary from process start to its first full
 * screen, in a pseudo-terminal of 80x24: fork, exec `consult --db PATH`
 * with TERM=xterm, and read what it writes until the last label of the
 * F-key bar ("Quit"), drawn last, has come; then send "q". Prints the
 * median and the worst of the runs in milliseconds (goal: 50 ms).
 *
 * Usage: pty CONSULT PATH [RUNS]
 */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static double
one_run(const char *consult, const char *path)
{
    struct winsize ws = { 24, 80, 0, 0 };
    char buf[65536];
    size_t len = 0;
    double t0 = now_ms(), t = -1;
    int fd, status;
    pid_t pid = forkpty(&fd, NULL, NULL, &ws);

    if (pid < 0) {
        perror("forkpty");
        exit(1);
    }
    if (pid == 0) {
        setenv("TERM", "xterm", 1);
        setenv("LC_ALL", "C.UTF-8", 1);
        setenv("NO_COLOR", "1", 1);
        execl(consult, consult, "--db", path, (char *)NULL);
        _exit(127);
    }
    for (;;) {
        struct pollfd p = { fd, POLLIN, 0 };
        ssize_t n;

        if (poll(&p, 1, 10000) <= 0)
            break;
        n = read(fd, buf + len, sizeof buf - 1 - len);
        if (n <= 0)
            break;
        len += (size_t)n;
        buf[len] = '\0';
        if (strstr(buf, "Quit") != NULL) {
            t = now_ms() - t0;
            break;
        }
        if (len > sizeof buf - 1024)
            len = 0;    /* keep reading; the label is near the end */
    }
    if (write(fd, "q", 1) != 1)
        kill(pid, SIGTERM);
    /* Drain until it exits. */
    for (;;) {
        struct pollfd p = { fd, POLLIN, 0 };

        if (poll(&p, 1, 2000) <= 0 || read(fd, buf, sizeof buf) <= 0)
            break;
    }
    waitpid(pid, &status, 0);
    close(fd);
    return t;
}

int
main(int argc, char **argv)
{
    int runs = argc > 3 ? atoi(argv[3]) : 7;
    double t[64];

    if (argc < 3 || runs < 1 || runs > 64) {
        fprintf(stderr, "usage: pty CONSULT PATH [RUNS]\n");
        return 64;
    }
    for (int r = 0; r < runs; r++) {
        t[r] = one_run(argv[1], argv[2]);
        if (t[r] < 0) {
            fprintf(stderr, "pty: no full screen came\n");
            return 1;
        }
    }
    qsort(t, (size_t)runs, sizeof *t, cmp);
    printf("%-46s %9.3f %9.3f  %s\n", "process start to first full screen",
           t[runs / 2], t[runs - 1], t[runs - 1] <= 50 ? "ok"
           : t[runs / 2] <= 50 ? "median ok" : "OVER");
    return 0;
}
