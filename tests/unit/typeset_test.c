/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * typeset_test.c: what the core's printable documents are made of: text
 * typed by users goes into troff as words, never as requests (a leading
 * dot or apostrophe, backslashes, line breaks), paragraphs keep their
 * lines, and groff turns a document into a PDF (or says why not).
 */
#include "testlib.h"

#include <stdlib.h>
#include <string.h>

#include "typeset.h"

static char *
render(void (*fn)(FILE *, const char *), const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    assert_non_null(fp);
    fn(fp, s);
    assert_int_equal(fclose(fp), 0);
    return buf;
}

static void
test_text_is_never_a_request(void **state)
{
    char *out;

    (void)state;
    out = render(typeset_text, ".bp\\fB'x");
    assert_string_equal(out, "\\&.bp\\[rs]fB'x");
    free(out);
    out = render(typeset_text, "'sp 10c\nnext\tline");
    assert_string_equal(out, "\\&'sp 10c next line");
    free(out);
    out = render(typeset_text, NULL);
    assert_string_equal(out, "");
    free(out);
}

static void
test_block_keeps_its_lines(void **state)
{
    char *out;

    (void)state;
    out = render(typeset_block, "Premier.\n.ds x\n\nAprès un blanc \\");
    assert_string_equal(out, "\\&Premier.\n.br\n"
                             "\\&.ds x\n.br\n"
                             ".sp 0.3c\n"
                             "\\&Après un blanc \\[rs]\n.br\n");
    free(out);
}

static void
test_format_from_name(void **state)
{
    struct cs_error err;
    bool pdf = false;

    (void)state;
    assert_ok(typeset_format("Ordre du jour.PDF", &pdf, &err));
    assert_true(pdf);
    assert_ok(typeset_format("lettres.csv", &pdf, &err));
    assert_false(pdf);
    assert_ok(typeset_format("-", &pdf, &err));
    assert_false(pdf);
    assert_ok(typeset_format("/dev/null", &pdf, &err));
    assert_false(pdf);
    assert_int_equal(typeset_format("notes.txt", &pdf, &err), CS_EINVAL);
    assert_non_null(strstr(err.msg, ".csv or .pdf"));
    assert_int_equal(typeset_format("", &pdf, &err), CS_EINVAL);
}

static void
test_pdf(void **state)
{
    static const char doc[] = ".pl 29.7c\n\\&Été à Liège\n";
    struct cs_error err;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp;
    const char *path;

    (void)state;
    fp = open_memstream(&buf, &len);
    assert_ok(typeset_pdf(doc, strlen(doc), fp, &err));
    assert_int_equal(fclose(fp), 0);
    assert_true(len > 100);
    assert_memory_equal(buf, "%PDF-", 5);
    free(buf);

    /* Without groff on the PATH: the reason, with the package to
     * install. */
    path = getenv("PATH");
    assert_non_null(path);
    {
        char *saved = strdup(path);

        setenv("PATH", "/nonexistent", 1);
        buf = NULL;
        fp = open_memstream(&buf, &len);
        assert_int_equal(typeset_pdf(doc, strlen(doc), fp, &err), CS_EIO);
        assert_int_equal(fclose(fp), 0);
        assert_non_null(strstr(err.msg, "Debian package groff"));
        assert_int_equal(len, 0);
        free(buf);
        setenv("PATH", saved, 1);
        free(saved);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_is_never_a_request),
        cmocka_unit_test(test_block_keeps_its_lines),
        cmocka_unit_test(test_format_from_name),
        cmocka_unit_test(test_pdf),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
