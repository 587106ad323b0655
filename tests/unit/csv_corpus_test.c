/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * csv_corpus_test.c: the CSV reader on real files (tests/data): every
 * CSV file of the corpus is read, none may crash the reader or lose a
 * line (each physical line is a record's, good or reported bad, or a
 * counted empty line); csv-spectrum files are checked against their JSON
 * expectations, Apache Commons CSV files against their .txt expectations,
 * the participation platforms' exports (CONSUL Decide Madrid, Cap
 * Collectif, the Grand Débat aggregates, a French Excel file) against the
 * counts and sums their SOURCE.txt notes give; our own corpus
 * (tests/data/csv, see its SOURCE.txt) record by record; and a 10 MB
 * field made at run time.
 *
 * The files are found through $CONSULT_TESTDATA, else the source tree's
 * tests/data (CONSULT_TESTDATA_DIR, set by the build).
 */
#include "csvtest.h"

#include <dirent.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------- files */

static const char *
data_dir(void)
{
    const char *d = getenv("CONSULT_TESTDATA");

    return d != NULL && d[0] != '\0' ? d : CONSULT_TESTDATA_DIR;
}

/* The full path of `rel` under the data directory (static buffer). */
static const char *
data_path(const char *rel)
{
    static char path[4096];

    snprintf(path, sizeof path, "%s/%s", data_dir(), rel);
    return path;
}

static unsigned char *
slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *buf;
    long n;

    if (fp == NULL)
        fail_msg("cannot open %s", path);
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

/* Read the file `rel` with `opt` into `d` (at most `limit` records in the
 * text); fails the test if it cannot be opened. */
static void
read_file(const char *rel, const struct cs_csv_options *opt,
          struct csv_dump *d, long limit)
{
    struct cs_csv_reader *r;
    struct cs_error err;

    memset(d, 0, sizeof *d);
    if (cs_csv_reader_open(data_path(rel), opt, &r, &err) != CS_OK)
        fail_msg("%s: %s", rel, err.msg);
    csv_dump_reader(r, d, limit);
    cs_csv_reader_close(r);
    if (d->end != CS_ENOTFOUND)
        fail_msg("%s: stopped with %s: %s", rel, cs_rc_name(d->end),
                 d->err.msg);
}

/* Physical lines of a file in the encoding the reader found. */
static long
file_lines(const unsigned char *buf, size_t len,
           const struct cs_csv_info *info)
{
    if (info->encoding == CS_CSV_ENC_UTF16LE
        || info->encoding == CS_CSV_ENC_UTF16BE) {
        const char *from = info->encoding == CS_CSV_ENC_UTF16LE
                           ? "UTF-16LE" : "UTF-16BE";
        iconv_t cd = iconv_open("UTF-8", from);
        size_t skip = info->bom ? 2 : 0, il = len - skip, cap = len * 2 + 8;
        size_t ol = cap;
        char *out = malloc(cap), *ip = (char *)buf + skip, *op = out;
        long lines;

        assert_true(cd != (iconv_t)-1);
        assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
        iconv_close(cd);
        lines = csv_physical_lines((unsigned char *)out, cap - ol);
        free(out);
        return lines;
    }
    if (info->bom)
        return csv_physical_lines(buf + 3, len - 3);
    return csv_physical_lines(buf, len);
}

/* ---------------------------------------------------------------- every file */

/* Expected counts for every CSV file of the corpus: records (good and
 * bad), of which bad, and empty lines. The counts of the participation
 * exports are those of their SOURCE.txt (data rows + 1 header). */
struct expect {
    const char *rel;
    long records, bad, blank;
};

static const struct expect every[] = {
    /* Apache Commons CSV: CSV-141 has a quote never closed (backslash
     * escapes), so its last record is reported bad */
    { "apache-commons-csv/CSV-141_csv-141.csv", 3, 1, 0 },
    { "apache-commons-csv/CSV-196_emoji.csv", 5, 0, 0 },
    { "apache-commons-csv/CSV-196_japanese.csv", 4, 0, 0 },
    { "apache-commons-csv/CSV-213_999751170.patch.csv", 2, 0, 0 },
    { "apache-commons-csv/CSV-254_csv-254.csv", 3, 0, 0 },
    { "apache-commons-csv/CSV-290_psql.csv", 3, 0, 0 },
    { "apache-commons-csv/CSV-290_psql.tsv", 3, 0, 0 },
    { "apache-commons-csv/CSVFileParser_bom.csv", 252, 0, 0 },
    { "apache-commons-csv/CSVFileParser_test.csv", 13, 0, 3 },
    { "apache-commons-csv/CSVFileParser_testCSV246.csv", 7, 0, 1 },
    { "apache-commons-csv/CSVFileParser_testCSV85.csv", 8, 0, 1 },
    { "apache-commons-csv/csv-167_sample1.csv", 8, 0, 0 },
    { "belgium-zipcodes/zipcodes_num_fr.csv", 2823, 0, 0 },
    { "cap-collectif/contributions_budget-participatif-idf-3_"
      "vote-des-franciliens.csv", 306, 0, 0 },
    { "cap-collectif/contributions_budget-participatif-rennes_"
      "collecte-des-propositions.csv", 172, 0, 0 },
    { "cap-collectif/contributions_debat-du-mois_pour-ou-contre-le-"
      "reconfinement.csv", 197, 0, 0 },
    { "cap-collectif/contributions_projet-de-loi-renseignement_"
      "elaboration-de-la-loi.csv", 213, 0, 0 },
    { "cap-collectif/proposals_idf_bp3.csv", 7, 0, 0 },
    { "consul-decide-madrid/comments.csv", 5634, 0, 0 },
    { "consul-decide-madrid/proposals.csv", 81, 0, 0 },
    { "csv-spectrum/csvs/comma_in_quotes.csv", 2, 0, 0 },
    { "csv-spectrum/csvs/empty.csv", 3, 0, 0 },
    { "csv-spectrum/csvs/empty_crlf.csv", 3, 0, 0 },
    { "csv-spectrum/csvs/escaped_quotes.csv", 3, 0, 0 },
    { "csv-spectrum/csvs/json.csv", 2, 0, 0 },
    { "csv-spectrum/csvs/location_coordinates.csv", 2, 0, 0 },
    { "csv-spectrum/csvs/newlines.csv", 4, 0, 0 },
    { "csv-spectrum/csvs/newlines_crlf.csv", 4, 0, 0 },
    { "csv-spectrum/csvs/quotes_and_newlines.csv", 3, 0, 0 },
    { "csv-spectrum/csvs/simple.csv", 2, 0, 0 },
    { "csv-spectrum/csvs/simple_crlf.csv", 2, 0, 0 },
    { "csv-spectrum/csvs/utf8.csv", 3, 0, 0 },
    { "decidim/comments.csv", 8, 0, 0 },
    { "decidim/proposals-newer.csv", 6, 0, 0 },
    { "decidim/proposals.csv", 5, 0, 0 },
    { "csvkit-examples/bad.csv", 4, 0, 0 },
    { "csvkit-examples/bad_skip_lines.csv", 4, 0, 3 },
    { "csvkit-examples/blanks.csv", 2, 0, 0 },
    { "csvkit-examples/dummy.csv", 2, 0, 0 },
    { "csvkit-examples/dummy.tsv", 2, 0, 0 },
    { "csvkit-examples/dummy_col_shuffled_ragged.csv", 2, 0, 0 },
    { "csvkit-examples/empty.csv", 0, 0, 1 },
    { "csvkit-examples/mac_newlines.csv", 3, 0, 0 },
    { "csvkit-examples/no_header_row.csv", 1, 0, 0 },
    { "csvkit-examples/null_byte.csv", 2, 1, 0 },
    { "csvkit-examples/optional_quote_characters.csv", 2, 0, 0 },
    { "csvkit-examples/realdata-ks_1033_data.csv", 1576, 0, 0 },
    { "csvkit-examples/sniff_limit.csv", 2, 0, 0 },
    { "csvkit-examples/test_empty_columns.csv", 4, 0, 0 },
    { "csvkit-examples/test_empty_columns_long_row.csv", 2, 0, 0 },
    { "csvkit-examples/test_empty_columns_short_row.csv", 2, 0, 0 },
    { "csvkit-examples/test_extra_header.csv", 2, 0, 0 },
    { "csvkit-examples/test_header_newline.csv", 2, 0, 0 },
    { "csvkit-examples/test_join_short_rows.csv", 4, 0, 0 },
    { "csvkit-examples/test_latin1.csv", 3, 0, 0 },
    { "csvkit-examples/test_locale.csv", 2, 0, 0 },
    { "csvkit-examples/test_skip_lines.csv", 2, 0, 3 },
    { "csvkit-examples/test_utf16_big.csv", 3, 0, 0 },
    { "csvkit-examples/test_utf16_little.csv", 3, 0, 0 },
    { "csvkit-examples/test_utf8.csv", 3, 0, 0 },
    { "csvkit-examples/test_utf8_bom.csv", 3, 0, 0 },
    { "french-excel-latin1/conso-annuelles_v1.csv", 2264, 0, 0 },
    { "granddebat-synthese/fiscalite_21mars.csv", 1969, 0, 0 },
    { "granddebat-synthese/transition_21mars.csv", 3921, 0, 0 },
    /* univocity: escape.csv and european.csv use backslash escapes, which
     * RFC 4180 does not know: read as one record, and as a record whose
     * quote is never closed */
    { "univocity-parsers/escape.csv", 1, 0, 0 },
    { "univocity-parsers/essential-dos.csv", 20, 0, 2 },
    { "univocity-parsers/essential-mac.csv", 20, 0, 2 },
    { "univocity-parsers/essential.csv", 20, 0, 2 },
    { "univocity-parsers/european.csv", 4, 1, 0 },
    { "univocity-parsers/example.csv", 13, 0, 1 },
    { "w3c-csvw-tests/manifest.csv", 302, 0, 0 },
    { "w3c-csvw-tests/test020.csv", 3, 0, 0 },
    { "w3c-csvw-tests/test022.csv", 3, 0, 0 },
    { "w3c-csvw-tests/test034-junior-roles.csv", 3, 0, 0 },
    { "w3c-csvw-tests/test034-senior-roles.csv", 3, 0, 0 },
    { "w3c-csvw-tests/test051.csv", 5, 0, 0 },
    { "w3c-csvw-tests/test052.csv", 5, 0, 0 },
    { "w3c-csvw-tests/test055.csv", 5, 0, 1 },
    { "w3c-csvw-tests/test056.csv", 3, 0, 0 },
    { "w3c-csvw-tests/tree-ops.csv", 3, 0, 0 },
    { "w3c-csvw-tests/tree-ops.tsv", 3, 0, 0 },
    { "w3c-csvw-tests/unicode-nfc.csv", 3, 0, 0 },
    /* our own corpus */
    { "csv/binary-random.csv", -1, 0, 0 },          /* refused at open */
    { "csv/workbook-saved-as-csv.csv", -1, 0, 0 },  /* refused at open */
    { "csv/cp1252-undefined-byte.csv", 4, 1, 0 },
    { "csv/empty-lines.csv", 4, 0, 7 },
    { "csv/empty.csv", 0, 0, 0 },
    { "csv/excel-fr-cp1252.csv", 5, 0, 0 },
    { "csv/excel-trailing-empty-rows.csv", 5, 0, 0 },
    { "csv/excel-utf8-bom.csv", 5, 0, 0 },
    { "csv/header-only.csv", 1, 0, 0 },
    { "csv/invalid-utf8.csv", 4, 1, 0 },
    { "csv/libreoffice.csv", 4, 0, 0 },
    { "csv/mac-cr.csv", 4, 0, 0 },
    { "csv/quotes-newlines.csv", 6, 0, 0 },
    { "csv/ragged.csv", 6, 0, 0 },
    { "csv/tabs.tsv", 4, 0, 0 },
};

static const struct expect *
expect_of(const char *rel)
{
    for (size_t i = 0; i < sizeof every / sizeof every[0]; i++)
        if (strcmp(every[i].rel, rel) == 0)
            return &every[i];
    return NULL;
}

static bool
is_csv_name(const char *name)
{
    size_t n = strlen(name);

    return n > 4 && (strcmp(name + n - 4, ".csv") == 0
                     || strcmp(name + n - 4, ".tsv") == 0);
}

/* Check one file: opened (or refused as expected), read to the end, no
 * line lost, the expected counts; then again with allow_binary. */
static void
check_file(const char *rel, size_t *seen)
{
    const struct expect *e = expect_of(rel);
    struct cs_csv_options allow = { .allow_binary = true };
    struct cs_csv_reader *r = NULL;
    struct csv_dump d;
    struct cs_error err;
    unsigned char *buf;
    size_t len;

    if (e == NULL)
        fail_msg("%s: a CSV file with no expectation in this test", rel);
    (*seen)++;
    buf = slurp(data_path(rel), &len);
    if (e->records < 0) {
        assert_int_equal(cs_csv_reader_open(data_path(rel), NULL, &r, &err),
                         CS_EINVAL);
        assert_null(r);
        read_file(rel, &allow, &d, 0);
    } else {
        read_file(rel, NULL, &d, 0);
        if (d.records != e->records || d.bad != e->bad
            || d.info.blank_lines != e->blank)
            fail_msg("%s: %ld records (%ld bad), %ld empty lines; want "
                     "%ld (%ld), %ld", rel, d.records, d.bad,
                     d.info.blank_lines, e->records, e->bad, e->blank);
    }
    csv_dump_check_lines(&d, file_lines(buf, len, &d.info));
    assert_int_equal(d.info.bytes_read, len);
    assert_int_equal(d.info.size, len);
    csv_dump_free(&d);
    free(buf);
}

static void
walk(const char *rel, size_t *seen)
{
    char path[1024];
    DIR *dir;
    struct dirent *de;

    snprintf(path, sizeof path, "%s%s%s", data_dir(), rel[0] ? "/" : "",
             rel);
    dir = opendir(path);
    if (dir == NULL)
        fail_msg("cannot read the directory %s", path);
    while ((de = readdir(dir)) != NULL) {
        char sub[1024];
        struct stat sb;

        if (de->d_name[0] == '.')
            continue;
        snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "",
                 de->d_name);
        if (stat(data_path(sub), &sb) != 0)
            fail_msg("cannot stat %s", sub);
        if (S_ISDIR(sb.st_mode))
            walk(sub, seen);
        else if (is_csv_name(de->d_name))
            check_file(sub, seen);
    }
    closedir(dir);
}

static void
test_every_file(void **state)
{
    size_t seen = 0;

    (void)state;
    walk("", &seen);
    /* every expectation was met by a file: none went missing */
    assert_int_equal(seen, sizeof every / sizeof every[0]);
}

/* ---------------------------------------------------------------- csv-spectrum */

/* The JSON of csv-spectrum: an array of flat objects of strings (or one
 * such object). Parsed by hand into `keys` (of the first object) and rows
 * of values, all as UTF-8 strings. */
struct json_rows {
    char *keys[8];
    size_t nkeys;
    char *values[8][8];
    size_t nrows;
};

static void
json_ws(const char **p)
{
    while (**p == ' ' || **p == '\n' || **p == '\r' || **p == '\t')
        (*p)++;
}

static char *
json_string(const char **p)
{
    char *out = malloc(strlen(*p) + 1), *o = out;

    json_ws(p);
    assert_int_equal(**p, '"');
    for ((*p)++; **p != '"'; (*p)++) {
        if (**p != '\\') {
            *o++ = **p;
            continue;
        }
        (*p)++;
        switch (**p) {
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            unsigned cp;
            assert_int_equal(sscanf(*p + 1, "%4x", &cp), 1);
            assert_true(cp < 0x800);    /* enough for these files */
            if (cp < 0x80) {
                *o++ = (char)cp;
            } else {
                *o++ = (char)(0xC0 | cp >> 6);
                *o++ = (char)(0x80 | (cp & 0x3F));
            }
            *p += 4;
            break;
        }
        default: *o++ = **p; break;   /* \" \\ \/ */
        }
    }
    (*p)++;
    *o = '\0';
    return out;
}

static void
json_object(const char **p, struct json_rows *j)
{
    size_t n = 0;

    json_ws(p);
    assert_int_equal(**p, '{');
    (*p)++;
    for (;;) {
        char *k = json_string(p);
        json_ws(p);
        assert_int_equal(**p, ':');
        (*p)++;
        assert_true(n < 8);
        j->values[j->nrows][n] = json_string(p);
        if (j->nrows == 0)
            j->keys[j->nkeys++] = k;
        else
            free(k);
        n++;
        json_ws(p);
        if (**p == ',') {
            (*p)++;
            continue;
        }
        assert_int_equal(**p, '}');
        (*p)++;
        break;
    }
    assert_int_equal(n, j->nkeys);
    j->nrows++;
}

static void
json_parse(const char *text, struct json_rows *j)
{
    const char *p = text;

    memset(j, 0, sizeof *j);
    json_ws(&p);
    if (*p != '[') {
        json_object(&p, j);
        return;
    }
    p++;
    for (;;) {
        json_object(&p, j);
        json_ws(&p);
        if (*p == ',') {
            p++;
            continue;
        }
        assert_int_equal(*p, ']');
        break;
    }
}

static void
json_free(struct json_rows *j)
{
    for (size_t i = 0; i < j->nkeys; i++) {
        free(j->keys[i]);
        for (size_t r = 0; r < j->nrows; r++)
            free(j->values[r][i]);
    }
}

static void
test_csv_spectrum(void **state)
{
    static const char *const names[] = {
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json",
        "location_coordinates", "newlines", "newlines_crlf",
        "quotes_and_newlines", "simple", "simple_crlf", "utf8",
    };

    (void)state;
    for (size_t f = 0; f < sizeof names / sizeof names[0]; f++) {
        char rel[128];
        size_t len;
        unsigned char *json;
        struct json_rows j;
        struct cs_csv_reader *r;
        struct cs_csv_record rec;
        struct cs_error err;

        snprintf(rel, sizeof rel, "csv-spectrum/json/%s.json", names[f]);
        json = slurp(data_path(rel), &len);
        json_parse((const char *)json, &j);
        snprintf(rel, sizeof rel, "csv-spectrum/csvs/%s.csv", names[f]);
        assert_ok(cs_csv_reader_open(data_path(rel), NULL, &r, &err));
        assert_ok(cs_csv_reader_next(r, &rec, &err));
        assert_int_equal(rec.nfields, j.nkeys);
        for (size_t i = 0; i < j.nkeys; i++)
            assert_string_equal(rec.fields[i].s, j.keys[i]);
        for (size_t row = 0; row < j.nrows; row++) {
            assert_ok(cs_csv_reader_next(r, &rec, &err));
            assert_int_equal(rec.nfields, j.nkeys);
            for (size_t i = 0; i < j.nkeys; i++) {
                const char *want = j.values[row][i];
                /* upstream's expectation has another phone number than
                 * its CSV file (csv-spectrum issue: the JSON was not
                 * updated when the CSV was) */
                if (strcmp(names[f], "location_coordinates") == 0 && i == 0)
                    want = "2095257564";
                if (strcmp(rec.fields[i].s, want) != 0)
                    fail_msg("%s row %zu field %zu: \"%s\", want \"%s\"",
                             rel, row, i, rec.fields[i].s, want);
            }
        }
        assert_int_equal(cs_csv_reader_next(r, &rec, &err), CS_ENOTFOUND);
        cs_csv_reader_close(r);
        json_free(&j);
        free(json);
    }
}

/* ---------------------------------------------------------------- commons-csv */

/* The records of `rel` in the .txt format of CSVFileParserTest:
 * "n:[a, b, c]" a line, records starting with '#' left out when
 * `no_comments`. */
static char *
commons_format(const char *rel, bool no_comments)
{
    struct cs_csv_reader *r;
    struct cs_csv_record rec;
    struct cs_error err;
    struct csv_dump out = { 0 };
    char head[32];

    csv_dump_add(&out, "", 0);
    assert_ok(cs_csv_reader_open(data_path(rel), NULL, &r, &err));
    while (cs_csv_reader_next(r, &rec, &err) == CS_OK) {
        if (no_comments && rec.fields[0].s[0] == '#')
            continue;
        snprintf(head, sizeof head, "%zu:[", rec.nfields);
        csv_dump_add(&out, head, strlen(head));
        for (size_t i = 0; i < rec.nfields; i++) {
            if (i > 0)
                csv_dump_add(&out, ", ", 2);
            csv_dump_add(&out, rec.fields[i].s, rec.fields[i].len);
        }
        csv_dump_add(&out, "]\n", 2);
    }
    cs_csv_reader_close(r);
    return out.text;
}

/* The expected records of a .txt control file: from its third line,
 * without comment lines, "1:[]" lines (empty lines, which we skip) and
 * trailing "#comment" checks. */
static char *
commons_expected(const char *rel)
{
    size_t len;
    char *txt = (char *)slurp(data_path(rel), &len), *line, *save = NULL;
    struct csv_dump out = { 0 };
    int n = 0;

    csv_dump_add(&out, "", 0);
    for (line = strtok_r(txt, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save)) {
        char *end;
        if (n++ < 2 || line[0] == '#' || strcmp(line, "1:[]") == 0
            || strncmp(line, "1:[]#", 5) == 0)
            continue;
        end = strstr(line, "]#");
        csv_dump_add(&out, line, end ? (size_t)(end - line) + 1
                                     : strlen(line));
        csv_dump_add(&out, "\n", 1);
    }
    free(txt);
    return out.text;
}

static void
expect_commons(const char *csv, const char *txt, bool no_comments)
{
    char *got = commons_format(csv, no_comments);
    char *want = commons_expected(txt);

    if (strcmp(got, want) != 0)
        fail_msg("%s:\n got: %s\nwant: %s", txt, got, want);
    free(got);
    free(want);
}

static void
test_commons_csv(void **state)
{
    (void)state;
    /* IgnoreEmpty=true, no trimming: exactly what we do */
    expect_commons("apache-commons-csv/CSVFileParser_test.csv",
                   "apache-commons-csv/CSVFileParser_test_default.txt",
                   false);
    /* the same with empty lines as records (which we skip) */
    expect_commons("apache-commons-csv/CSVFileParser_test.csv",
                   "apache-commons-csv/CSVFileParser_test_rfc4180.txt",
                   false);
    /* comment lines: we have none, so "#" records are left out here */
    expect_commons("apache-commons-csv/CSVFileParser_testCSV85.csv",
                   "apache-commons-csv/CSVFileParser_testCSV85_default.txt",
                   true);
    /* CSVFileParser_test_rfc4180_trim.txt trims blanks around quoted
     * fields too (" \" j \" " gives " j "), which a reader that keeps
     * bytes cannot match: the importer trims, per column. */
}

/* ---------------------------------------------------------------- exports */

/* Index of the header field `name` in the first record of `rel`. */
static size_t
column_of(struct cs_csv_reader *r, struct cs_csv_record *rec,
          const char *name)
{
    struct cs_error err;

    assert_ok(cs_csv_reader_next(r, rec, &err));
    for (size_t i = 0; i < rec->nfields; i++)
        if (strcmp(rec->fields[i].s, name) == 0)
            return i;
    fail_msg("no column %s", name);
    return 0;
}

/* Every record of `rel` has `width` fields; returns the record count. */
static long
all_of_width(const char *rel, size_t width, struct cs_csv_info *info)
{
    struct cs_csv_reader *r;
    struct cs_csv_record rec;
    struct cs_error err;
    enum cs_rc rc;
    long n = 0;

    assert_ok(cs_csv_reader_open(data_path(rel), NULL, &r, &err));
    while ((rc = cs_csv_reader_next(r, &rec, &err)) == CS_OK) {
        n++;
        if (rec.nfields != width)
            fail_msg("%s line %ld: %zu fields, want %zu", rel, rec.line,
                     rec.nfields, width);
    }
    assert_int_equal(rc, CS_ENOTFOUND);
    cs_csv_reader_info(r, info);
    cs_csv_reader_close(r);
    return n;
}

static void
test_consul_madrid(void **state)
{
    struct cs_csv_reader *r;
    struct cs_csv_record rec;
    struct cs_csv_info info;
    struct cs_error err;
    size_t supports, status;
    long sum = 0, archived = 0, open = 0, n = 0;

    (void)state;
    assert_int_equal(all_of_width("consul-decide-madrid/proposals.csv", 13,
                                  &info), 81);
    assert_int_equal(info.encoding, CS_CSV_ENC_UTF8);
    assert_int_equal(info.delimiter, ',');
    assert_false(info.bom);
    assert_int_equal(all_of_width("consul-decide-madrid/comments.csv", 13,
                                  &info), 5634);

    /* SOURCE.txt: numSupports sums to 228140; 75 archived, 5 open */
    assert_ok(cs_csv_reader_open(data_path("consul-decide-madrid/"
                                           "proposals.csv"), NULL, &r, &err));
    supports = column_of(r, &rec, "numSupports");
    assert_string_equal(rec.fields[0].s, "");   /* the pandas index */
    for (status = 0; status < rec.nfields; status++)
        if (strcmp(rec.fields[status].s, "status") == 0)
            break;
    while (cs_csv_reader_next(r, &rec, &err) == CS_OK) {
        n++;
        sum += strtol(rec.fields[supports].s, NULL, 10);
        archived += strcmp(rec.fields[status].s, "archived") == 0;
        open += strcmp(rec.fields[status].s, "open") == 0;
    }
    assert_int_equal(n, 80);
    assert_int_equal(sum, 228140);
    assert_int_equal(archived, 75);
    assert_int_equal(open, 5);
    cs_csv_reader_close(r);
}

static void
test_cap_collectif(void **state)
{
    static const struct {
        const char *rel;
        size_t width;
        long records;
        const char *first;
        bool bom, crlf;
    } files[] = {
        { "cap-collectif/contributions_budget-participatif-idf-3_"
          "vote-des-franciliens.csv", 126, 306, "export_contribution_type",
          true, false },
        { "cap-collectif/contributions_budget-participatif-rennes_"
          "collecte-des-propositions.csv", 119, 172,
          "export_contribution_type", true, false },
        { "cap-collectif/contributions_debat-du-mois_pour-ou-contre-le-"
          "reconfinement.csv", 21, 197,
          "export_contribution_argument_created_at", true, false },
        { "cap-collectif/contributions_projet-de-loi-renseignement_"
          "elaboration-de-la-loi.csv", 78, 213, "export_contribution_type",
          true, false },
        { "cap-collectif/proposals_idf_bp3.csv", 18, 7, "title", false,
          true },
    };

    (void)state;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        struct cs_csv_info info;
        struct cs_csv_reader *r;
        struct cs_csv_record rec;
        struct cs_error err;

        assert_int_equal(all_of_width(files[i].rel, files[i].width, &info),
                         files[i].records);
        assert_int_equal(info.bom, files[i].bom);
        assert_int_equal(info.eol,
                         files[i].crlf ? CS_CSV_EOL_CRLF : CS_CSV_EOL_LF);
        /* the BOM is not part of the first header name */
        assert_ok(cs_csv_reader_open(data_path(files[i].rel), NULL, &r,
                                     &err));
        assert_ok(cs_csv_reader_next(r, &rec, &err));
        assert_string_equal(rec.fields[0].s, files[i].first);
        cs_csv_reader_close(r);
    }
}

static void
test_granddebat(void **state)
{
    struct cs_csv_info info;

    (void)state;
    assert_int_equal(all_of_width("granddebat-synthese/fiscalite_21mars.csv",
                                  14, &info), 1969);
    assert_true(info.bom);
    assert_int_equal(info.eol, CS_CSV_EOL_CRLF);
    assert_int_equal(info.encoding, CS_CSV_ENC_UTF8);
    assert_int_equal(all_of_width("granddebat-synthese/"
                                  "transition_21mars.csv", 14, &info), 3921);
    assert_true(info.bom);
}

static void
test_french_excel(void **state)
{
    struct cs_csv_reader *r;
    struct cs_csv_record rec;
    struct cs_csv_info info;
    struct cs_error err;
    double sum = 0;
    long rows = 0, no_an2 = 0, some_empty = 0;
    bool seen_e = false, seen_a = false;

    (void)state;
    assert_int_equal(all_of_width("french-excel-latin1/conso-annuelles_v1"
                                  ".csv", 5, &info), 2264);
    assert_int_equal(info.encoding, CS_CSV_ENC_WINDOWS1252);
    assert_true(info.encoding_detected);
    assert_int_equal(info.delimiter, ';');
    assert_int_equal(info.eol, CS_CSV_EOL_CRLF);

    assert_ok(cs_csv_reader_open(data_path("french-excel-latin1/"
                                           "conso-annuelles_v1.csv"), NULL,
                                 &r, &err));
    assert_ok(cs_csv_reader_next(r, &rec, &err));
    assert_string_equal(rec.fields[2].s, "Consommation annuelle  AN1");
    while (cs_csv_reader_next(r, &rec, &err) == CS_OK) {
        char num[64], *comma;
        rows++;
        snprintf(num, sizeof num, "%s", rec.fields[2].s);
        if ((comma = strchr(num, ',')) != NULL)
            *comma = '.';
        sum += strtod(num, NULL);
        no_an2 += rec.fields[3].len == 0;
        for (size_t i = 0; i < rec.nfields; i++)
            if (rec.fields[i].len == 0) {
                some_empty++;
                break;
            }
        /* accents decoded as Windows-1252, stored as UTF-8 */
        seen_e |= strcmp(rec.fields[4].s, "COGÉ GAZ") == 0;
        seen_a |= strcmp(rec.fields[4].s, "MACHINE À PAIN") == 0;
    }
    cs_csv_reader_close(r);
    assert_int_equal(rows, 2263);
    assert_true(sum > 927902.59 && sum < 927902.61);   /* SOURCE.txt */
    assert_int_equal(no_an2, 413);
    assert_int_equal(some_empty, 1708);
    assert_true(seen_e);
    assert_true(seen_a);
}

static void
test_other_shapes(void **state)
{
    struct cs_csv_reader *r;
    struct cs_csv_record rec;
    struct cs_csv_info info;
    struct cs_error err;
    struct csv_dump a, b, c;
    long eleven = 0, eight = 0;
    enum cs_rc rc;

    (void)state;
    /* manifest.csv: CR-only line endings, 209 records of 11 fields and
     * 93 of 8 (SOURCE.txt) */
    assert_ok(cs_csv_reader_open(data_path("w3c-csvw-tests/manifest.csv"),
                                 NULL, &r, &err));
    while ((rc = cs_csv_reader_next(r, &rec, &err)) == CS_OK) {
        eleven += rec.nfields == 11;
        eight += rec.nfields == 8;
    }
    assert_int_equal(rc, CS_ENOTFOUND);
    cs_csv_reader_info(r, &info);
    assert_int_equal(info.eol, CS_CSV_EOL_CR);
    cs_csv_reader_close(r);
    assert_int_equal(eleven, 209);
    assert_int_equal(eight, 93);

    /* the belgian postal codes: no header, accents */
    assert_int_equal(all_of_width("belgium-zipcodes/zipcodes_num_fr.csv", 4,
                                  &info), 2823);
    read_file("belgium-zipcodes/zipcodes_num_fr.csv", NULL, &a, 3000);
    assert_non_null(strstr(a.text, "1:[1000|BRUXELLES|Non|Bruxelles (19 "
                                   "communes)]\n"));
    assert_non_null(strstr(a.text, "[1005|Assemblée Réunie de la Commission"
                                   " Communautaire||]\n"));
    csv_dump_free(&a);

    /* UTF-16 with BOM, UTF-8 with and without BOM: the same records */
    read_file("csvkit-examples/test_utf8.csv", NULL, &a, 10);
    read_file("csvkit-examples/test_utf16_little.csv", NULL, &b, 10);
    read_file("csvkit-examples/test_utf16_big.csv", NULL, &c, 10);
    assert_string_equal(b.text, "1:[a|b|c]\n2:[1|2|3]\n3:[4|5|ʤ]\n");
    assert_string_equal(c.text, b.text);
    assert_string_equal(strchr(a.text, '\n'), strchr(b.text, '\n'));
    csv_dump_free(&a);
    csv_dump_free(&b);
    csv_dump_free(&c);
    read_file("csvkit-examples/test_utf8_bom.csv", NULL, &a, 10);
    assert_string_equal(a.text,
                        "1:[foo|bar|baz]\n2:[1|2|3]\n3:[4|5|ʤ]\n");
    assert_true(a.info.bom);
    csv_dump_free(&a);

    /* a Latin-1 byte in an otherwise ASCII file, no final newline */
    read_file("csvkit-examples/test_latin1.csv", NULL, &a, 10);
    assert_string_equal(a.text, "1:[a|b|c]\n2:[1|2|3]\n3:[4|5|©]\n");
    csv_dump_free(&a);

    /* the NUL byte: its record is reported with its line */
    read_file("csvkit-examples/null_byte.csv", NULL, &a, 10);
    assert_string_equal(a.text, "1:[a|b|c]\n2:BAD\n");
    csv_dump_free(&a);

    /* CR-only with a quoted CR */
    read_file("csvkit-examples/mac_newlines.csv", NULL, &a, 10);
    assert_string_equal(a.text, "1:[a|b|c]\n2:[1|2|3]\n"
                                "3-4:[Once upon\\ra time|5|6]\n");
    csv_dump_free(&a);

    /* a header cell holding TAB, LF, VT, FF and CR */
    read_file("csvkit-examples/test_header_newline.csv", NULL, &a, 10);
    assert_string_equal(a.text, "1-7:[\\t\\n\\x0b\\x0c\\r start \\t\\n\\x0b"
                        "\\x0c\\r end \\t\\n\\x0b\\x0c\\r|b|c]\n8:[d|e|f]\n");
    csv_dump_free(&a);

    /* the same data with LF, CRLF and CR: the same records and lines,
     * line endings inside quotes kept as they were */
    read_file("univocity-parsers/essential.csv", NULL, &a, 100);
    read_file("univocity-parsers/essential-dos.csv", NULL, &b, 100);
    read_file("univocity-parsers/essential-mac.csv", NULL, &c, 100);
    assert_non_null(strstr(a.text, "8-9:[1996|Jeep|Grand Cherokee|MUST "
                                   "SELL!\\nair, moon roof, loaded|4799.00]"));
    assert_non_null(strstr(b.text, "MUST SELL!\\r\\nair"));
    assert_non_null(strstr(c.text, "MUST SELL!\\rair"));
    assert_non_null(strstr(a.text, "17:[1997 | Ford |E350|ac, abs, moon| "
                                   "\"3000.00\" \\t]\n"));
    for (char *p = b.text; (p = strstr(p, "\\r\\n")) != NULL;)
        memmove(p, p + 2, strlen(p + 2) + 1);
    for (char *p = c.text; (p = strstr(p, "\\r")) != NULL;)
        p[1] = 'n';
    assert_string_equal(b.text, a.text);
    assert_string_equal(c.text, a.text);
    csv_dump_free(&a);
    csv_dump_free(&b);
    csv_dump_free(&c);

    /* non-NFC text is kept byte for byte */
    read_file("w3c-csvw-tests/unicode-nfc.csv", NULL, &a, 10);
    assert_non_null(strstr(a.text, "2:[\xE2\x84\xAB|212B|00C5|"));
    assert_non_null(strstr(a.text, "3:[\xE1\xB8\x8B\xCC\xA3|"));
    csv_dump_free(&a);
}

/* ---------------------------------------------------------------- own corpus */

static void
expect_corpus(const char *name, const char *want, enum cs_csv_encoding enc,
              bool bom, char delim, enum cs_csv_eol eol)
{
    char rel[128];
    struct csv_dump d;

    snprintf(rel, sizeof rel, "csv/%s", name);
    read_file(rel, NULL, &d, 100);
    if (strcmp(d.text, want) != 0)
        fail_msg("%s:\n got: %s\nwant: %s", name, d.text, want);
    if (d.info.encoding != enc || d.info.bom != bom
        || d.info.delimiter != delim || d.info.eol != eol)
        fail_msg("%s: %s bom=%d '%c' %s", name,
                 cs_csv_encoding_name(d.info.encoding), d.info.bom,
                 d.info.delimiter, cs_csv_eol_name(d.info.eol));
    csv_dump_free(&d);
}

static void
test_own_corpus(void **state)
{
    static const char excel[] =
        "1:[Thème|Titre|Proposition|Coût estimé (€)|Matricule]\n"
        "2:[MOB|Vélos de service|Mettre à disposition des vélos pour les "
        "trajets entre sites ; l’entretien serait fait par l’atelier.|"
        "1 250,50|A1023]\n"
        "3:[ENV|Cœur de l’îlot|Planter des arbres dans la cour de l’hôtel "
        "de ville… et œuvrer avec les écoles.|3 000,00|B0042]\n"
        "4:[MOB|Navette|Une navette le mardi \"matin\" vers le dépôt||C7]\n"
        "5:[ENV|Économie d’énergie|Éteindre les écrans le soir – 80 € par "
        "an et par poste|80,00|]\n";
    struct cs_csv_reader *r = NULL;
    struct cs_error err;

    (void)state;
    expect_corpus("excel-fr-cp1252.csv", excel, CS_CSV_ENC_WINDOWS1252,
                  false, ';', CS_CSV_EOL_CRLF);
    expect_corpus("excel-utf8-bom.csv", excel, CS_CSV_ENC_UTF8, true, ';',
                  CS_CSV_EOL_CRLF);
    expect_corpus("libreoffice.csv",
                  "1:[titre|thème|texte|date]\n"
                  "2:[Horaires souples|RH|Permettre d'arriver entre 7 h et "
                  "9 h30|15/03/2021]\n"
                  "3:[Cantine|Bien-être|Des repas végétariens, bio, locaux|"
                  "16/03/2021]\n"
                  "4:[Télétravail|RH|Deux jours par semaine, \"sur "
                  "demande\"|2021-03-17]\n",
                  CS_CSV_ENC_UTF8, false, ',', CS_CSV_EOL_LF);
    expect_corpus("quotes-newlines.csv",
                  "1:[id|titre|texte]\n"
                  "2-3:[1|Une ligne|Première ligne\\nDeuxième ligne]\n"
                  "4:[2|Guillemets|Il a dit \"bonjour\", puis \"au "
                  "revoir\"]\n"
                  "5-7:[3|CRLF dedans|ligne A\\r\\nligne B\\r\\nligne C]\n"
                  "8:[4|Virgules, et ; points-virgules|a,b;c]\n"
                  "9:[5||vide avant]\n",
                  CS_CSV_ENC_UTF8, false, ',', CS_CSV_EOL_LF);
    expect_corpus("ragged.csv",
                  "1:[titre|thème|texte]\n2:[Complet|MOB|trois champs]\n"
                  "3:[Court|ENV]\n4:[Long|MOB|trois|et un quatrième]\n"
                  "5:[Seul]\n6:[||]\n",
                  CS_CSV_ENC_UTF8, false, ';', CS_CSV_EOL_LF);
    expect_corpus("empty-lines.csv",
                  "3:[titre|texte]\n4:[a|1]\n7:[b|2]\n9:[c|3]\n",
                  CS_CSV_ENC_UTF8, false, ',', CS_CSV_EOL_LF);
    expect_corpus("header-only.csv", "1:[titre|thème|texte|matricule]\n",
                  CS_CSV_ENC_UTF8, false, ';', CS_CSV_EOL_CRLF);
    expect_corpus("empty.csv", "", CS_CSV_ENC_UTF8, false, ',',
                  CS_CSV_EOL_NONE);
    expect_corpus("invalid-utf8.csv",
                  "1:[titre|texte]\n2:[Café|crème brûlée]\n3:BAD\n"
                  "4:[Forêt|œuvre]\n",
                  CS_CSV_ENC_UTF8, false, ',', CS_CSV_EOL_LF);
    expect_corpus("cp1252-undefined-byte.csv",
                  "1:[titre|texte]\n2:[Été|chaud]\n3:BAD\n"
                  "4:[Automne|feuilles mortes]\n",
                  CS_CSV_ENC_WINDOWS1252, false, ';', CS_CSV_EOL_CRLF);
    expect_corpus("mac-cr.csv",
                  "1:[titre|texte]\n2:[Première|un]\n"
                  "3-4:[Seconde|deux\\rlignes]\n5:[Troisième|trois]\n",
                  CS_CSV_ENC_UTF8, false, ';', CS_CSV_EOL_CR);
    expect_corpus("tabs.tsv",
                  "1:[titre|thème|texte]\n2:[A|MOB|un, deux, trois]\n"
                  "3:[B||]\n4:[||seul texte]\n",
                  CS_CSV_ENC_UTF8, false, '\t', CS_CSV_EOL_LF);
    expect_corpus("excel-trailing-empty-rows.csv",
                  "1:[titre|texte]\n2:[A|1]\n3:[|]\n4:[|]\n5:[|]\n",
                  CS_CSV_ENC_UTF8, false, ';', CS_CSV_EOL_CRLF);

    /* not CSV at all: refused with a reason */
    assert_int_equal(cs_csv_reader_open(data_path("csv/binary-random.csv"),
                                        NULL, &r, &err), CS_EINVAL);
    assert_non_null(strstr(err.msg, "binary"));
    assert_int_equal(cs_csv_reader_open(data_path("csv/workbook-saved-as-"
                                                  "csv.csv"), NULL, &r, &err),
                     CS_EINVAL);
    assert_non_null(strstr(err.msg, "xlsx"));
    assert_null(r);
}

/* ---------------------------------------------------------------- 10 MB */

/* A record with a 10 MB quoted field full of line endings and doubled
 * quotes, made at run time (not committed). */
static void
test_ten_megabyte_field(void **state)
{
    static const char chunk[] = "abcdefghijabcdefghijabcdefghijabcdefghij"
                                "abcdefghijabcdefghijabcdefghijabcdefghij"
                                "abcdefghij\xC3\xA9\"\";\r\nxyz";
    size_t chunks = 100000, clen = sizeof chunk - 1, flen = clen - 1;
    char dir[] = "/tmp/consult-csv-big-XXXXXX", path[64];
    char *want = malloc(chunks * flen), *p = want;
    struct cs_csv_reader *r;
    struct cs_csv_record rec;
    struct cs_error err;
    FILE *fp;

    (void)state;
    assert_int_equal(clen, 100);
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/big.csv", dir);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("id;texte\r\n1;\"", fp);
    for (size_t i = 0; i < chunks; i++) {
        const char *q = strstr(chunk, "\"\"");
        fwrite(chunk, 1, clen, fp);
        memcpy(p, chunk, (size_t)(q - chunk) + 1);
        p += q - chunk + 1;
        memcpy(p, q + 2, clen - (size_t)(q - chunk) - 2);
        p += clen - (size_t)(q - chunk) - 2;
    }
    fputs("\"\r\n2;fin\r\n", fp);
    assert_int_equal(fclose(fp), 0);
    assert_int_equal((size_t)(p - want), chunks * flen);

    assert_ok(cs_csv_reader_open(path, NULL, &r, &err));
    assert_ok(cs_csv_reader_next(r, &rec, &err));
    assert_ok(cs_csv_reader_next(r, &rec, &err));
    assert_int_equal(rec.line, 2);
    assert_int_equal(rec.end_line, 2 + (long)chunks);
    assert_int_equal(rec.nfields, 2);
    assert_int_equal(rec.fields[1].len, chunks * flen);
    assert_memory_equal(rec.fields[1].s, want, chunks * flen);
    assert_ok(cs_csv_reader_next(r, &rec, &err));
    assert_int_equal(rec.line, 3 + (long)chunks);
    assert_string_equal(rec.fields[1].s, "fin");
    assert_int_equal(cs_csv_reader_next(r, &rec, &err), CS_ENOTFOUND);
    cs_csv_reader_close(r);
    unlink(path);
    rmdir(dir);
    free(want);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_file),
        cmocka_unit_test(test_csv_spectrum),
        cmocka_unit_test(test_commons_csv),
        cmocka_unit_test(test_consul_madrid),
        cmocka_unit_test(test_cap_collectif),
        cmocka_unit_test(test_granddebat),
        cmocka_unit_test(test_french_excel),
        cmocka_unit_test(test_other_shapes),
        cmocka_unit_test(test_own_corpus),
        cmocka_unit_test(test_ten_megabyte_field),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
