/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * pabulib_test.c: the .pb reader (pabulib.c) on the two real files of
 * tests/data/pabulib and on crafted inputs: each bad one refused with the
 * line at fault and its reason, and CRLF or a BOM read as plain LF.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pabulib_priv.h"

#define GOOD_HEAD "META\nkey;value\nunit;Ville\ninstance;2024\n" \
                  "vote_type;approval\nPROJECTS\n" \
                  "project_id;cost;votes;name;category\n" \
                  "1;100;2;Un banc;Parcs\n2;250.5;1;Une fontaine;Eau,Parcs\n"
#define GOOD GOOD_HEAD "VOTES\nvoter_id;vote;age\n10;1,2;34\n11;1;\n"

static char *
slurp(const char *name, size_t *len)
{
    char path[512];
    FILE *fp;
    char *buf;
    long n;

    snprintf(path, sizeof path, "%s/pabulib/%s", CONSULT_TESTDATA_DIR, name);
    fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

static void
test_real_files(void **state)
{
    struct pb_file f;
    struct cs_error err;
    size_t len;
    char *data;
    int64_t total = 0;

    (void)state;
    data = slurp("Netherlands_Amsterdam_166.pb", &len);
    assert_int_equal(pb_parse(data, len, &f, &err), CS_OK);
    assert_int_equal(f.nprojects, 52);
    assert_int_equal(f.nballots, 426);
    assert_int_equal(f.vote_type, PB_APPROVAL);
    assert_string_equal(f.unit, "Amsterdam");
    assert_string_equal(f.instance, "166");
    assert_true(f.col_category >= 0);
    for (size_t i = 0; i < f.nprojects; i++)
        total += f.projects[i].votes;
    assert_int_equal(total, (int64_t)f.nvotes);
    pb_file_clear(&f);
    free(data);

    data = slurp("Poland_Czestochowa_2020_Bleszno.pb", &len);
    assert_int_equal(pb_parse(data, len, &f, &err), CS_OK);
    assert_int_equal(f.nprojects, 17);
    assert_int_equal(f.nballots, 462);
    assert_int_equal(f.vote_type, PB_CUMULATIVE);
    assert_int_equal(f.col_category, -1);
    /* Ballot 135 (the first): 500 and 567, 5 points each. */
    assert_string_equal(f.voters + f.voter_off[0], "135");
    assert_int_equal(f.ballot_first[1] - f.ballot_first[0], 2);
    assert_int_equal(f.votes[0].points, 5);
    assert_string_equal(f.projects[f.votes[0].project].cells[f.col_id],
                        "500");
    pb_file_clear(&f);
    free(data);
}

static void
test_good_crafted(void **state)
{
    struct pb_file f;
    struct cs_error err;

    (void)state;
    assert_int_equal(pb_parse(GOOD, strlen(GOOD), &f, &err), CS_OK);
    assert_int_equal(f.nprojects, 2);
    assert_int_equal(f.nballots, 2);
    assert_int_equal(f.nvotes, 3);
    assert_int_equal(f.votes[0].points, -1);
    /* The age column is not kept: one value counted. */
    assert_int_equal(f.extra_values[2], 1);
    pb_file_clear(&f);
}

/* The same file with CRLF, with a BOM, with both: the same reading. */
static void
test_crlf_and_bom(void **state)
{
    char crlf[1024], bom[1100];
    struct pb_file f;
    struct cs_error err;
    size_t n = 0;

    (void)state;
    for (const char *s = GOOD; *s; s++) {
        if (*s == '\n')
            crlf[n++] = '\r';
        crlf[n++] = *s;
    }
    crlf[n] = '\0';
    assert_int_equal(pb_parse(crlf, n, &f, &err), CS_OK);
    assert_int_equal(f.nvotes, 3);
    assert_string_equal(f.projects[1].cells[3], "Une fontaine");
    pb_file_clear(&f);
    snprintf(bom, sizeof bom, "\xef\xbb\xbf%s", crlf);
    assert_int_equal(pb_parse(bom, strlen(bom), &f, &err), CS_OK);
    assert_int_equal(f.nballots, 2);
    assert_string_equal(f.meta_key[0], "unit");
    pb_file_clear(&f);
}

struct bad_case {
    const char *name;
    const char *in;
    long line;
    const char *reason;         /* a part of the message */
};

static const struct bad_case bad_cases[] = {
    { "empty file", "", 1, "empty" },
    { "blank lines only", "\n\n", 1, "ends without a META section" },
    { "no META first", "PROJECTS\nproject_id\n1\n", 1,
      "PROJECTS section comes here where META was expected" },
    { "missing VOTES", GOOD_HEAD, 9, "ends without a VOTES section" },
    { "missing PROJECTS",
      "META\nunit;X\nvote_type;approval\nVOTES\nvoter_id;vote\n1;1\n", 4,
      "VOTES section comes here where PROJECTS was expected" },
    { "no unit", "META\nvote_type;approval\nPROJECTS\n", 3, "\"unit\"" },
    { "unknown vote type", "META\nunit;X\nvote_type;borda\nPROJECTS\n", 4,
      "borda" },
    { "bad votes number", "META\nunit;X\nvote_type;approval\nPROJECTS\n"
      "project_id;votes;name\n1;1O;A\n", 6, "not a whole number" },
    { "bad cost", "META\nunit;X\nvote_type;approval\nPROJECTS\n"
      "project_id;cost;name\n1;12,5;A\n", 6, "not a number" },
    { "unknown project", GOOD_HEAD "VOTES\nvoter_id;vote\n10;1,3\n", 12,
      "project 3, which PROJECTS does not list" },
    { "bad points", "META\nunit;X\nvote_type;cumulative\nPROJECTS\n"
      "project_id;name\n1;A\nVOTES\nvoter_id;vote;points\n5;1;x\n", 9,
      "points \"x\"" },
    { "points missing", "META\nunit;X\nvote_type;cumulative\nPROJECTS\n"
      "project_id;name\n1;A\n2;B\nVOTES\nvoter_id;vote;points\n5;1,2;3\n",
      10, "fewer points" },
    { "no points column", "META\nunit;X\nvote_type;cumulative\nPROJECTS\n"
      "project_id;name\n1;A\nVOTES\nvoter_id;vote\n", 8, "\"points\"" },
    { "voter twice", GOOD_HEAD "VOTES\nvoter_id;vote\n10;1\n10;2\n", 13,
      "two ballots (lines 12 and 13)" },
    { "project twice in a ballot", GOOD_HEAD "VOTES\nvoter_id;vote\n"
      "10;1,1\n", 12, "twice" },
    { "project listed twice", "META\nunit;X\nvote_type;approval\nPROJECTS\n"
      "project_id;name\n1;A\n1;B\nVOTES\n", 7, "listed twice" },
    { "ragged ballot", GOOD_HEAD "VOTES\nvoter_id;vote\n10;1;9\n", 12,
      "3 cells where the VOTES header has 2" },
    { "empty ballot", GOOD_HEAD "VOTES\nvoter_id;vote\n10;\n", 12,
      "lists no project" },
    { "choose-1 with two", "META\nunit;X\nvote_type;choose-1\nPROJECTS\n"
      "project_id;name\n1;A\n2;B\nVOTES\nvoter_id;vote\n5;1,2\n", 10,
      "choose-1" },
    { "no project_id column", "META\nunit;X\nvote_type;approval\nPROJECTS\n"
      "id;name\n", 5, "project_id" },
    { "no ballot", GOOD_HEAD "VOTES\nvoter_id;vote\n", 11, "no ballot" },
    { "second META", "META\nunit;X\nMETA\n", 3, "second META" },
    { "unclosed quote", GOOD_HEAD "VOTES\nvoter_id;vote\n10;\"1\n", 12, "never closed" },
};

static void
test_bad_inputs(void **state)
{
    int failed = 0;

    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const struct bad_case *b = &bad_cases[i];
        struct pb_file f;
        struct cs_error err;
        enum cs_rc rc;

        cs_error_clear(&err);
        rc = pb_parse(b->in, strlen(b->in), &f, &err);
        if (rc != CS_EINVAL || err.line != b->line
            || strstr(err.msg, b->reason) == NULL)
        {
            print_message("%s: rc %d, line %ld (want %ld): %s\n", b->name,
                          (int)rc, err.line, b->line, err.msg);
            failed++;
        }
        assert_int_equal(f.nprojects, 0);   /* cleared */
    }
    assert_int_equal(failed, 0);
}

static void
test_ordinal_ranks(void **state)
{
    static const char in[] = "META\nunit;X\nvote_type;ordinal\nPROJECTS\n"
        "project_id;name\n1;A\n2;B\n3;C\nVOTES\nvoter_id;vote\n5;3,1,2\n";
    struct pb_file f;
    struct cs_error err;

    (void)state;
    assert_int_equal(pb_parse(in, strlen(in), &f, &err), CS_OK);
    assert_int_equal(f.votes[0].points, 1);
    assert_int_equal(f.votes[2].points, 3);
    assert_string_equal(f.projects[f.votes[0].project].cells[0], "3");
    pb_file_clear(&f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_files),
        cmocka_unit_test(test_good_crafted),
        cmocka_unit_test(test_crlf_and_bom),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_ordinal_ranks),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
