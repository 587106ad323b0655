/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * types_test.c: the shared enumerations and dates (types.c): date
 * normalisation, the French and English words each enumeration accepts,
 * names and labels, and the status transition table.
 */
#include "testlib.h"

#include <string.h>

/* ---------------------------------------------------------------- dates */

static void
expect_date(const char *in, const char *want)
{
    struct cs_error err;
    char out[32];
    enum cs_rc rc;

    memset(out, 'x', sizeof out);
    out[sizeof out - 1] = '\0';
    rc = cs_date_parse(in, out, sizeof out, &err);
    if (rc != CS_OK)
        fail_msg("\"%s\" refused: %s", in, err.msg);
    if (strcmp(out, want) != 0)
        fail_msg("\"%s\" gave \"%s\", want \"%s\"", in, out, want);
}

static void
expect_bad_date(const char *in)
{
    struct cs_error err;
    char out[32] = "untouched";
    enum cs_rc rc;

    cs_error_clear(&err);
    rc = cs_date_parse(in, out, sizeof out, &err);
    if (rc != CS_EINVAL)
        fail_msg("\"%s\" accepted as \"%s\"", in ? in : "(null)", out);
    assert_int_equal(err.code, CS_EINVAL);
    assert_string_equal(err.field, "date");
    assert_true(err.msg[0] != '\0');
}

static void
test_date_iso(void **state)
{
    (void)state;
    expect_date("2021-03-15", "2021-03-15");
    expect_date("  2021-03-15 ", "2021-03-15");
    expect_date("2020-02-29", "2020-02-29");             /* leap year */
    expect_date("2000-02-29", "2000-02-29");             /* every 400 */
    expect_date("2021-03-15T10:20", "2021-03-15T10:20:00Z");
    expect_date("2021-03-15T10:20:30", "2021-03-15T10:20:30Z");
    expect_date("2021-03-15 10:20:30", "2021-03-15T10:20:30Z");
    expect_date("2021-03-15T10:20:30Z", "2021-03-15T10:20:30Z");
    expect_date("2021-03-15T10:20:30.250Z", "2021-03-15T10:20:30Z");
}

static void
test_date_zones(void **state)
{
    (void)state;
    expect_date("2021-03-15T10:20:30+0100", "2021-03-15T09:20:30Z");
    expect_date("2021-03-15T10:20:30+01:00", "2021-03-15T09:20:30Z");
    expect_date("2021-03-15T10:20:30-05:00", "2021-03-15T15:20:30Z");
    /* As git and mail clients write it. */
    expect_date("2019-01-24 22:29:15 +0100", "2019-01-24T21:29:15Z");
    /* A zone can move the date, across a month and a year. */
    expect_date("2021-01-01T00:30+01:00", "2020-12-31T23:30:00Z");
    expect_date("2021-02-28T23:30-01:00", "2021-03-01T00:30:00Z");
    expect_date("2020-02-28T23:30-01:00", "2020-02-29T00:30:00Z");
}

static void
test_date_french(void **state)
{
    (void)state;
    expect_date("24/01/2019", "2019-01-24");
    expect_date("1/2/2021", "2021-02-01");
    expect_date("24/01/2019 22:29", "2019-01-24T22:29:00Z");
    expect_date("24/01/2019 22:29:15", "2019-01-24T22:29:15Z");
    expect_date("29/02/2024", "2024-02-29");
}

static void
test_date_invalid(void **state)
{
    (void)state;
    expect_bad_date(NULL);
    expect_bad_date("");
    expect_bad_date("   ");
    expect_bad_date("tomorrow");
    expect_bad_date("demain");
    expect_bad_date("31/02/2021");
    expect_bad_date("29/02/2021");          /* not a leap year */
    expect_bad_date("29/02/1900");          /* nor is 1900 */
    expect_bad_date("2021-13-01");
    expect_bad_date("2021-00-10");
    expect_bad_date("2021-04-31");
    expect_bad_date("2021-04-00");
    expect_bad_date("32/01/2021");
    expect_bad_date("2021-03-15x");
    expect_bad_date("2021-03-15 garbage");
    expect_bad_date("15/03/2021 10h");
    expect_bad_date("2021-03-15T25:00");
    expect_bad_date("2021-03-15T10:60");
    expect_bad_date("2021-03-15T10:20+0100 extra");
    expect_bad_date("2021-03-15T10:20+2500");
    expect_bad_date("2021-03-15Z");         /* a zone needs a time */
    expect_bad_date("2021-01- 1");          /* blanks inside the date */
    expect_bad_date("2021-+1-01");          /* signs inside the date */
    expect_bad_date("+1/03/2021");
    expect_bad_date("01/ 3/2021");
    expect_bad_date("2021-03-15T1 :20");
    expect_bad_date("2021-03-15T10:20+-100");
    expect_bad_date("15/03/21");            /* two-digit year */
    expect_bad_date("2021/03/15");
}

static void
test_date_small_buffer(void **state)
{
    struct cs_error err;
    char out[8];

    (void)state;
    assert_int_equal(cs_date_parse("2021-03-15", out, sizeof out, &err),
                     CS_EINVAL);
}

/* ----------------------------------------------------------- enumerations */

static void
test_channel_parse(void **state)
{
    static const struct { const char *s; enum cs_channel want; } ok[] = {
        { "paper", CS_CHANNEL_PAPER }, { "Papier", CS_CHANNEL_PAPER },
        { "FORMULAIRE", CS_CHANNEL_PAPER }, { "Atelier", CS_CHANNEL_WORKSHOP },
        { "workshop", CS_CHANNEL_WORKSHOP }, { " web ", CS_CHANNEL_WEB },
        { "En ligne", CS_CHANNEL_WEB }, { "Courriel", CS_CHANNEL_EMAIL },
        { "e-mail", CS_CHANNEL_EMAIL }, { "Téléphone", CS_CHANNEL_PHONE },
        { "TÉLÉPHONE", CS_CHANNEL_PHONE }, { "autre", CS_CHANNEL_OTHER },
    };
    struct cs_error err;
    enum cs_channel c;

    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        c = CS_CHANNEL_COUNT;
        assert_ok(cs_channel_parse(ok[i].s, &c, &err));
        if (c != ok[i].want)
            fail_msg("\"%s\" gave %d", ok[i].s, (int)c);
    }
    c = CS_CHANNEL_WEB;
    assert_int_equal(cs_channel_parse("pigeon", &c, &err), CS_EINVAL);
    assert_string_equal(err.field, "channel");
    assert_int_equal(c, CS_CHANNEL_WEB);        /* untouched on failure */
    assert_int_equal(cs_channel_parse(NULL, &c, &err), CS_EINVAL);
    assert_int_equal(cs_channel_parse("", &c, &err), CS_EINVAL);
}

static void
test_kind_parse(void **state)
{
    static const struct { const char *s; enum cs_idea_kind want; } ok[] = {
        { "idea", CS_KIND_IDEA }, { "Idée", CS_KIND_IDEA },
        { "IDÉE", CS_KIND_IDEA }, { "proposition", CS_KIND_IDEA },
        { "constat", CS_KIND_FINDING }, { "Constat", CS_KIND_FINDING },
        { "finding", CS_KIND_FINDING },
    };
    struct cs_error err;
    enum cs_idea_kind k;

    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        k = CS_KIND_COUNT;
        assert_ok(cs_kind_parse(ok[i].s, &k, &err));
        if (k != ok[i].want)
            fail_msg("\"%s\" gave %d", ok[i].s, (int)k);
    }
    assert_int_equal(cs_kind_parse("constats!", &k, &err), CS_EINVAL);
    assert_string_equal(err.field, "kind");
}

static void
test_status_parse(void **state)
{
    static const struct { const char *s; enum cs_status want; } ok[] = {
        { "new", CS_STATUS_NEW }, { "Nouvelle", CS_STATUS_NEW },
        { "En cours", CS_STATUS_REVIEWING },
        { "EN EXAMEN", CS_STATUS_REVIEWING },
        { "accepted", CS_STATUS_ACCEPTED }, { "ACCEPTÉE", CS_STATUS_ACCEPTED },
        { "acceptée", CS_STATUS_ACCEPTED }, { "Retenue", CS_STATUS_ACCEPTED },
        { "Rejetée", CS_STATUS_REJECTED }, { "refusé", CS_STATUS_REJECTED },
        { "implemented", CS_STATUS_IMPLEMENTED },
        { "Réalisée", CS_STATUS_IMPLEMENTED },
        /* With the ligature, as a French keyboard or Word writes it, and
         * spelt out, as people type it elsewhere. */
        { "mis en œuvre", CS_STATUS_IMPLEMENTED },
        { "Mise en Œuvre", CS_STATUS_IMPLEMENTED },
        { "MISE EN ŒUVRE", CS_STATUS_IMPLEMENTED },
        { "mis en oeuvre", CS_STATUS_IMPLEMENTED },
        { "Mise  en  oeuvre", CS_STATUS_IMPLEMENTED },
        { "fusionnée", CS_STATUS_MERGED }, { "Retirée", CS_STATUS_WITHDRAWN },
        { "masqué", CS_STATUS_HIDDEN }, { "HIDDEN", CS_STATUS_HIDDEN },
    };
    struct cs_error err;
    enum cs_status s;

    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        s = CS_STATUS_COUNT;
        if (cs_status_parse(ok[i].s, &s, &err) != CS_OK)
            fail_msg("\"%s\" refused: %s", ok[i].s, err.msg);
        if (s != ok[i].want)
            fail_msg("\"%s\" gave %d", ok[i].s, (int)s);
    }
    assert_int_equal(cs_status_parse("peut-être", &s, &err), CS_EINVAL);
    assert_string_equal(err.field, "status");
    assert_non_null(strstr(err.msg, "peut-être"));
}

static void
test_other_enums_parse(void **state)
{
    struct cs_error err;
    enum cs_cons_kind k;
    enum cs_audience a;
    enum cs_cons_state st;

    (void)state;
    assert_ok(cs_cons_kind_parse("Appel à idées", &k, &err));
    assert_int_equal(k, CS_CONS_IDEAS);
    assert_ok(cs_cons_kind_parse("Enquête", &k, &err));
    assert_int_equal(k, CS_CONS_FINDINGS);
    assert_ok(cs_audience_parse("Citoyens", &a, &err));
    assert_int_equal(a, CS_AUDIENCE_CITIZENS);
    assert_ok(cs_audience_parse("PERSONNEL", &a, &err));
    assert_int_equal(a, CS_AUDIENCE_AGENTS);
    assert_ok(cs_state_parse("Clôturée", &st, &err));
    assert_int_equal(st, CS_STATE_CLOSED);
    assert_ok(cs_state_parse("brouillon", &st, &err));
    assert_int_equal(st, CS_STATE_DRAFT);
    assert_int_equal(cs_state_parse("ajar", &st, &err), CS_EINVAL);
    assert_string_equal(err.field, "state");
    assert_int_equal(cs_audience_parse("", &a, &err), CS_EINVAL);
    assert_int_equal(cs_cons_kind_parse(NULL, &k, &err), CS_EINVAL);
}

/* Every stored name parses back to its value, and every value has a
 * label: what the database holds can always be read again. */
static void
test_names_round_trip(void **state)
{
    struct cs_error err;

    (void)state;
    for (int i = 0; i < CS_CHANNEL_COUNT; i++) {
        enum cs_channel c;
        assert_ok(cs_channel_parse(cs_channel_name(i), &c, &err));
        assert_int_equal(c, i);
        assert_true(cs_channel_label(i)[0] != '\0');
    }
    for (int i = 0; i < CS_KIND_COUNT; i++) {
        enum cs_idea_kind k;
        assert_ok(cs_kind_parse(cs_kind_name(i), &k, &err));
        assert_int_equal(k, i);
        assert_true(cs_kind_label(i)[0] != '\0');
    }
    for (int i = 0; i < CS_STATUS_COUNT; i++) {
        enum cs_status s;
        assert_ok(cs_status_parse(cs_status_name(i), &s, &err));
        assert_int_equal(s, i);
        assert_true(cs_status_label(i)[0] != '\0');
        /* The labels (untranslated here) parse too. */
        assert_ok(cs_status_parse(cs_status_label(i), &s, &err));
        assert_int_equal(s, i);
    }
    for (int i = 0; i < CS_CONS_KIND_COUNT; i++) {
        enum cs_cons_kind k;
        assert_ok(cs_cons_kind_parse(cs_cons_kind_name(i), &k, &err));
        assert_int_equal(k, i);
    }
    for (int i = 0; i < CS_AUDIENCE_COUNT; i++) {
        enum cs_audience a;
        assert_ok(cs_audience_parse(cs_audience_name(i), &a, &err));
        assert_int_equal(a, i);
    }
    for (int i = 0; i < CS_STATE_COUNT; i++) {
        enum cs_cons_state s;
        assert_ok(cs_state_parse(cs_state_name(i), &s, &err));
        assert_int_equal(s, i);
        assert_true(cs_state_label(i)[0] != '\0');
    }
    /* The names are what the schema's CHECK constraints list. */
    assert_string_equal(cs_channel_name(CS_CHANNEL_WORKSHOP), "workshop");
    assert_string_equal(cs_kind_name(CS_KIND_FINDING), "finding");
    assert_string_equal(cs_status_name(CS_STATUS_IMPLEMENTED), "implemented");
    assert_string_equal(cs_status_name(CS_STATUS_WITHDRAWN), "withdrawn");
    assert_string_equal(cs_audience_name(CS_AUDIENCE_ALL), "all");
    assert_string_equal(cs_state_name(CS_STATE_ARCHIVED), "archived");
    /* Out of range values get a safe name, never a wild pointer. */
    assert_string_equal(cs_status_name(CS_STATUS_COUNT), "new");
    assert_string_equal(cs_channel_name(CS_CHANNEL_COUNT), "other");
}

static void
test_needs_answer(void **state)
{
    (void)state;
    for (int i = 0; i < CS_STATUS_COUNT; i++)
        assert_int_equal(cs_status_needs_answer(i),
                         i == CS_STATUS_ACCEPTED || i == CS_STATUS_REJECTED
                         || i == CS_STATUS_IMPLEMENTED);
}

static void
test_transitions(void **state)
{
    (void)state;
    /* The usual path. */
    assert_true(cs_status_transition_ok(CS_STATUS_NEW, CS_STATUS_REVIEWING));
    assert_true(cs_status_transition_ok(CS_STATUS_REVIEWING,
                                        CS_STATUS_ACCEPTED));
    assert_true(cs_status_transition_ok(CS_STATUS_ACCEPTED,
                                        CS_STATUS_IMPLEMENTED));
    assert_true(cs_status_transition_ok(CS_STATUS_REVIEWING,
                                        CS_STATUS_REJECTED));
    /* Reconsidering. */
    assert_true(cs_status_transition_ok(CS_STATUS_REJECTED,
                                        CS_STATUS_REVIEWING));
    assert_true(cs_status_transition_ok(CS_STATUS_WITHDRAWN, CS_STATUS_NEW));
    assert_true(cs_status_transition_ok(CS_STATUS_HIDDEN,
                                        CS_STATUS_REVIEWING));
    /* Changing the answer of an answered status. */
    assert_true(cs_status_transition_ok(CS_STATUS_ACCEPTED,
                                        CS_STATUS_ACCEPTED));
    assert_true(cs_status_transition_ok(CS_STATUS_REJECTED,
                                        CS_STATUS_REJECTED));
    /* ...but not a status to itself otherwise. */
    assert_false(cs_status_transition_ok(CS_STATUS_NEW, CS_STATUS_NEW));
    assert_false(cs_status_transition_ok(CS_STATUS_HIDDEN, CS_STATUS_HIDDEN));
    /* Refused. */
    assert_false(cs_status_transition_ok(CS_STATUS_IMPLEMENTED,
                                         CS_STATUS_NEW));
    assert_false(cs_status_transition_ok(CS_STATUS_IMPLEMENTED,
                                         CS_STATUS_REJECTED));
    assert_false(cs_status_transition_ok(CS_STATUS_WITHDRAWN,
                                         CS_STATUS_ACCEPTED));
    assert_false(cs_status_transition_ok(CS_STATUS_HIDDEN,
                                         CS_STATUS_ACCEPTED));
    /* Out of range. */
    assert_false(cs_status_transition_ok(CS_STATUS_COUNT, CS_STATUS_NEW));
    assert_false(cs_status_transition_ok(CS_STATUS_NEW, CS_STATUS_COUNT));
    assert_false(cs_status_transition_ok((enum cs_status)-1, CS_STATUS_NEW));
}

/* MERGED is entered and left only through merge and unmerge. */
static void
test_merged_is_closed(void **state)
{
    (void)state;
    for (int i = 0; i < CS_STATUS_COUNT; i++) {
        if (cs_status_transition_ok(CS_STATUS_MERGED, i))
            fail_msg("merged -> %s allowed", cs_status_name(i));
        if (cs_status_transition_ok(i, CS_STATUS_MERGED))
            fail_msg("%s -> merged allowed", cs_status_name(i));
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_iso),
        cmocka_unit_test(test_date_zones),
        cmocka_unit_test(test_date_french),
        cmocka_unit_test(test_date_invalid),
        cmocka_unit_test(test_date_small_buffer),
        cmocka_unit_test(test_channel_parse),
        cmocka_unit_test(test_kind_parse),
        cmocka_unit_test(test_status_parse),
        cmocka_unit_test(test_other_enums_parse),
        cmocka_unit_test(test_names_round_trip),
        cmocka_unit_test(test_needs_answer),
        cmocka_unit_test(test_transitions),
        cmocka_unit_test(test_merged_is_closed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
