/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * host_test.c: what a consult installed for a shared host keeps of the
 * environment (consult/host.h): the terminal, the locale and a few
 * numbers, each only in the form it should have; no path, no database, no
 * home; PATH set. And the database directory's check. The setgid part
 * itself is tested by tests/cli/shared_host.sh, installed for real.
 */
#include "testlib.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
test_scrub_keeps_what_it_trusts(void **state)
{
    (void)state;
    setenv("TERM", "xterm-256color", 1);
    setenv("LANG", "fr_FR.UTF-8", 1);
    setenv("LC_MESSAGES", "fr_BE.UTF-8@euro", 1);
    setenv("LANGUAGE", "fr:en", 1);
    setenv("COLUMNS", "132", 1);
    setenv("NO_COLOR", "yes please", 1);
    setenv("TZ", "Europe/Brussels", 1);
    setenv("CONSULT_BUSY_TIMEOUT", "2000", 1);
    setenv("HOME", "/home/someone", 1);
    setenv("CONSULT_DB", "/tmp/other.db", 1);
    setenv("CONSULT_DATADIR", "/tmp/data", 1);
    setenv("CONSULT_FORM_TIMINGS", "/tmp/log", 1);
    setenv("TERMINFO", "/tmp/terminfo", 1);
    setenv("LOCPATH", "/tmp/locale", 1);
    setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
    setenv("PATH", "/tmp/bin:/usr/bin", 1);

    assert_true(cs_host_scrub_env() > 0);
    assert_string_equal(getenv("TERM"), "xterm-256color");
    assert_string_equal(getenv("LANG"), "fr_FR.UTF-8");
    assert_string_equal(getenv("LC_MESSAGES"), "fr_BE.UTF-8@euro");
    assert_string_equal(getenv("LANGUAGE"), "fr:en");
    assert_string_equal(getenv("COLUMNS"), "132");
    assert_string_equal(getenv("NO_COLOR"), "1");
    assert_string_equal(getenv("TZ"), "Europe/Brussels");
    assert_string_equal(getenv("CONSULT_BUSY_TIMEOUT"), "2000");
    assert_string_equal(getenv("PATH"), "/usr/bin:/bin");
    assert_null(getenv("HOME"));
    assert_null(getenv("CONSULT_DB"));
    assert_null(getenv("CONSULT_DATADIR"));
    assert_null(getenv("CONSULT_FORM_TIMINGS"));
    assert_null(getenv("TERMINFO"));
    assert_null(getenv("LOCPATH"));
    assert_null(getenv("XDG_DATA_HOME"));
}

/* A value not of its form is dropped, not kept nor cut. */
static void
test_scrub_drops_bad_values(void **state)
{
    char longname[100];

    (void)state;
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    setenv("TERM", "../../tmp/evil", 1);
    setenv("LANG", "/tmp/locale/fr", 1);
    setenv("LC_ALL", longname, 1);
    setenv("COLUMNS", "80x", 1);
    setenv("TZ", "/tmp/zone", 1);
    setenv("LINES", "", 1);
    setenv("LC_CTYPE", "C.UTF-8", 1);

    assert_true(cs_host_scrub_env() > 0);
    assert_null(getenv("TERM"));
    assert_null(getenv("LANG"));
    assert_null(getenv("LC_ALL"));
    assert_null(getenv("COLUMNS"));
    assert_null(getenv("TZ"));
    assert_null(getenv("LINES"));
    assert_string_equal(getenv("LC_CTYPE"), "C.UTF-8");
    setenv("TZ", "Europe/../../tmp/zone", 1);
    assert_true(cs_host_scrub_env() > 0);
    assert_null(getenv("TZ"));
}

/* Not installed setgid: no shared-host mode, nothing changed. */
static void
test_not_privileged(void **state)
{
    struct cs_error err;

    (void)state;
    setenv("CONSULT_DB", "/tmp/kept.db", 1);
    cs_error_clear(&err);
    assert_false(cs_host_privileged());
    assert_int_equal(cs_host_enter(&err), CS_OK);
    assert_false(cs_host_mode());
    assert_string_equal(getenv("CONSULT_DB"), "/tmp/kept.db");
}

/* The database directory must be the group's alone: 0770 is, 0775 and a
 * file are not. */
static void
test_check_dir(void **state)
{
    char dir[] = "/tmp/consult-hostdir.XXXXXX", file[64];
    struct cs_error err;
    FILE *fp;

    (void)state;
    assert_non_null(mkdtemp(dir));
    assert_int_equal(chmod(dir, 0770), 0);
    cs_error_clear(&err);
    assert_int_equal(cs_host_check_dir(dir, &err), CS_OK);
    assert_int_equal(chmod(dir, 0775), 0);
    assert_int_equal(cs_host_check_dir(dir, &err), CS_EPERM);
    assert_non_null(strstr(err.msg, "0770"));
    assert_int_equal(chmod(dir, 0700), 0);
    assert_int_equal(cs_host_check_dir(dir, &err), CS_EPERM);
    snprintf(file, sizeof file, "%s/f", dir);
    assert_non_null(fp = fopen(file, "w"));
    fclose(fp);
    assert_int_equal(cs_host_check_dir(file, &err), CS_EPERM);
    unlink(file);
    assert_int_equal(cs_host_check_dir(file, &err), CS_EPERM);
    assert_non_null(strstr(err.msg, "missing"));
    rmdir(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scrub_keeps_what_it_trusts),
        cmocka_unit_test(test_scrub_drops_bad_values),
        cmocka_unit_test(test_not_privileged),
        cmocka_unit_test(test_check_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
