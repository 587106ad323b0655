/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * tui_text_test.c: display widths, fitting and wrapping (text.c) and the
 * line and text editor (textedit.c): UTF-8 cursor moves, insertion and
 * deletion, wide and combining characters, word wrap by display width,
 * and what the editor shows for a width.
 */
#include "testlib.h"

#include <locale.h>
#include <string.h>

#include "text.h"
#include "textedit.h"
#include "tui.h"

/* ---------------------------------------------------------------- helpers */

static void
type(struct tui_edit *e, const char *s, int width)
{
    size_t n = strlen(s), i = 0;

    while (i < n) {
        uint32_t cp;

        i += tui_u8_next(s + i, n - i, &cp);
        assert_true(tui_edit_key(e, cp == '\n' ? TUI_KEY_ENTER : (int)cp,
                                 width, 5));
    }
}

static void
keys(struct tui_edit *e, int key, int times, int width)
{
    for (int i = 0; i < times; i++)
        tui_edit_key(e, key, width, 5);
}

static void
assert_span(const char *s, const struct tui_span *sp, const char *want)
{
    char got[256];

    assert_true(sp->len < sizeof got);
    memcpy(got, s + sp->start, sp->len);
    got[sp->len] = '\0';
    assert_string_equal(got, want);
}

/* ---------------------------------------------------------------- widths */

static void
test_widths(void **state)
{
    (void)state;
    assert_int_equal(tui_width("abc"), 3);
    assert_int_equal(tui_width("é€œ"), 3);
    assert_int_equal(tui_width("日本"), 4);
    assert_int_equal(tui_width("e\xcc\x81"), 1);    /* e + combining acute */
    assert_int_equal(tui_width(""), 0);
    assert_int_equal(tui_width(NULL), 0);
    assert_int_equal(tui_width("a\xff" "b"), 3);    /* a bad byte: one */
}

static void
test_fit(void **state)
{
    char buf[64];

    (void)state;
    assert_int_equal(tui_fit(buf, sizeof buf, "Électricité", 5, false), 5);
    assert_string_equal(buf, "Élec…");
    assert_int_equal(tui_fit(buf, sizeof buf, "Œuvre", 8, true), 8);
    assert_string_equal(buf, "Œuvre   ");
    assert_int_equal(tui_fit(buf, sizeof buf, "Œuvre", 5, true), 5);
    assert_string_equal(buf, "Œuvre");
    /* A wide character that does not fit leaves a blank, not half. */
    assert_int_equal(tui_fit(buf, sizeof buf, "日本語", 4, true), 4);
    assert_string_equal(buf, "日… ");
    assert_int_equal(tui_fit(buf, sizeof buf, "a\nb\tc\r", 10, false), 5);
    assert_string_equal(buf, "a b c");
    assert_int_equal(tui_fit(buf, sizeof buf, "10 €", 6, false), 4);
    assert_string_equal(buf, "10 €");
    assert_int_equal(tui_fit(buf, sizeof buf, "abc", 0, true), 0);
    assert_string_equal(buf, "");
    assert_int_equal(tui_fit_right(buf, sizeof buf, "42", 5), 5);
    assert_string_equal(buf, "   42");
    /* A small buffer is never overrun nor left with half a character. */
    assert_int_equal(tui_fit(buf, 4, "ééé", 10, false), 1);
    assert_string_equal(buf, "é");

    tui_text_set_utf8(false);
    tui_fit(buf, sizeof buf, "Élodie", 4, false);
    assert_string_equal(buf, "?lo~");
    tui_text_set_utf8(true);
}

static void
test_wrap(void **state)
{
    struct tui_span sp[8];
    const char *s = "the quick brown fox jumps";
    const char *long_word = "anticonstitutionnellement";
    const char *accents = "élève à l'école";

    (void)state;
    assert_int_equal(tui_wrap(s, strlen(s), 10, sp, 8), 3);
    assert_span(s, &sp[0], "the quick ");
    assert_span(s, &sp[1], "brown fox ");
    assert_span(s, &sp[2], "jumps");
    /* A word longer than the line is cut. */
    assert_int_equal(tui_wrap(long_word, strlen(long_word), 10, sp, 8), 3);
    assert_span(long_word, &sp[0], "anticonsti");
    assert_span(long_word, &sp[2], "ement");
    /* Widths count columns, not bytes. */
    assert_int_equal(tui_wrap(accents, strlen(accents), 7, sp, 8), 2);
    assert_span(accents, &sp[0], "élève à ");
    assert_span(accents, &sp[1], "l'école");
    /* Newlines end lines; an empty last line is a line. */
    assert_int_equal(tui_wrap("a\n\nb\n", 5, 10, sp, 8), 4);
    assert_int_equal(sp[1].len, 0);
    assert_span("a\n\nb\n", &sp[2], "b");
    assert_int_equal(sp[3].len, 0);
    assert_int_equal(tui_wrap("", 0, 10, sp, 8), 1);
    assert_int_equal(sp[0].len, 0);
    /* Counting only. */
    assert_int_equal(tui_wrap(s, strlen(s), 5, NULL, 0), 5);
}

/* Every non-blank character of `s`, in order (for "nothing is lost"). */
static void
letters(const char *s, size_t n, char *out, size_t size)
{
    size_t o = 0;

    for (size_t i = 0; i < n && o + 1 < size; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
            out[o++] = s[i];
    out[o] = '\0';
}

/* Wrap `s` for display at `width`: each line, tabs expanded, fits and
 * keeps every letter of the text, in order. */
static void
assert_wrap_keeps_all(const char *s, int width)
{
    struct tui_span sp[64];
    char want[1024], got[1024] = "", line[512], tmp[1024];
    size_t n = tui_wrap_display(s, strlen(s), width, sp, 64);

    assert_true(n <= 64);
    for (size_t i = 0; i < n; i++) {
        tui_span_text(line, sizeof line, s, &sp[i]);
        assert_true(tui_width(line) <= width);
        assert_null(strchr(line, '\t'));
        /* tui_fit keeps all of it: no ellipsis in its place. */
        tui_fit(tmp, sizeof tmp, line, width, true);
        assert_null(strstr(tmp, "…"));
        letters(line, strlen(line), tmp, sizeof tmp);
        strcat(got, tmp);
    }
    letters(s, strlen(s), want, sizeof want);
    assert_string_equal(got, want);
}

static void
test_wrap_display(void **state)
{
    struct tui_span sp[8];
    char line[128];
    const char *vie = "Des postes de travail à maintenir en vie tant "
                      "qu'ils marchent encore.";
    const char *tabs = "Objet :\tparking\tvélos\n\tcouvert et\tfermé "
                       "à clé pour\t\tles agents du\tsite";

    (void)state;
    /* The blank a line breaks at is not part of it: a line filling the
     * width exactly keeps its last letter. */
    assert_int_equal(tui_wrap_display(vie, strlen(vie), 40, sp, 8), 2);
    assert_span(vie, &sp[0], "Des postes de travail à maintenir en vie");
    assert_span(vie, &sp[1], "tant qu'ils marchent encore.");
    /* Several blanks, and blanks before a newline, are left out too. */
    assert_int_equal(tui_wrap_display("abc   def  \nx", 14, 5, sp, 8), 3);
    assert_span("abc   def  \nx", &sp[0], "abc");
    assert_span("abc   def  \nx", &sp[1], "def");
    /* A tab reaches the next multiple of 8 columns. */
    assert_int_equal(tui_wrap_display("a\tb", 3, 40, sp, 8), 1);
    tui_span_text(line, sizeof line, "a\tb", &sp[0]);
    assert_string_equal(line, "a       b");
    assert_int_equal(tui_wrap_display("ab\tcd\tef", 8, 12, sp, 8), 2);
    tui_span_text(line, sizeof line, "ab\tcd\tef", &sp[0]);
    assert_string_equal(line, "ab      cd");
    tui_span_text(line, sizeof line, "ab\tcd\tef", &sp[1]);
    assert_string_equal(line, "ef");
    /* A small buffer never gets half a character. */
    tui_span_text(line, 4, "ééé", &(struct tui_span){ 0, 6 });
    assert_string_equal(line, "é");
    /* Nothing is lost, at any width, with tabs, runs of blanks, accents
     * and a word longer than the line. */
    for (int w = 4; w <= 80; w++) {
        assert_wrap_keeps_all(vie, w);
        assert_wrap_keeps_all(tabs, w);
        assert_wrap_keeps_all("anticonstitutionnellement  et   puis\t\t"
                              "fin", w);
    }
}

/* ---------------------------------------------------------------- editing */

static void
test_edit_utf8(void **state)
{
    struct tui_edit e;

    (void)state;
    tui_edit_init(&e, false, 0);
    type(&e, "écolé", 40);
    assert_string_equal(tui_edit_text(&e), "écolé");
    assert_int_equal(e.cur, strlen("écolé"));
    assert_true(e.changed);
    /* Backspace takes a whole character, not a byte. */
    tui_edit_key(&e, TUI_KEY_BACKSPACE, 40, 1);
    assert_string_equal(tui_edit_text(&e), "écol");
    keys(&e, TUI_KEY_LEFT, 3, 40);
    assert_int_equal(e.cur, strlen("é"));
    type(&e, "€", 40);
    assert_string_equal(tui_edit_text(&e), "é€col");
    tui_edit_key(&e, TUI_KEY_HOME, 40, 1);
    tui_edit_key(&e, TUI_KEY_DELETE, 40, 1);
    assert_string_equal(tui_edit_text(&e), "€col");
    tui_edit_key(&e, TUI_KEY_END, 40, 1);
    assert_int_equal(e.cur, strlen("€col"));
    /* Left at the start and Right at the end stay put. */
    keys(&e, TUI_KEY_RIGHT, 3, 40);
    assert_int_equal(e.cur, strlen("€col"));
    keys(&e, TUI_KEY_LEFT, 10, 40);
    assert_int_equal(e.cur, 0);
    tui_edit_key(&e, TUI_KEY_BACKSPACE, 40, 1);
    assert_string_equal(tui_edit_text(&e), "€col");

    /* A base character and its combining mark go together. */
    assert_true(tui_edit_set(&e, "cafe\xcc\x81!"));
    assert_false(e.changed);
    tui_edit_key(&e, TUI_KEY_LEFT, 40, 1);
    tui_edit_key(&e, TUI_KEY_LEFT, 40, 1);
    assert_int_equal(e.cur, 3);
    tui_edit_key(&e, TUI_KEY_RIGHT, 40, 1);
    assert_int_equal(e.cur, 6);
    tui_edit_key(&e, TUI_KEY_BACKSPACE, 40, 1);
    assert_string_equal(tui_edit_text(&e), "caf!");
    tui_edit_clear(&e);
}

static void
test_edit_words_and_kills(void **state)
{
    struct tui_edit e;

    (void)state;
    tui_edit_init(&e, false, 0);
    tui_edit_set(&e, "vélos électriques, bornes");
    tui_edit_key(&e, TUI_KEY_CTRL_LEFT, 40, 1);
    assert_string_equal(tui_edit_text(&e) + e.cur, "bornes");
    tui_edit_key(&e, TUI_KEY_CTRL_LEFT, 40, 1);
    assert_string_equal(tui_edit_text(&e) + e.cur, "électriques, bornes");
    tui_edit_key(&e, TUI_KEY_CTRL_RIGHT, 40, 1);
    assert_string_equal(tui_edit_text(&e) + e.cur, ", bornes");
    tui_edit_key(&e, TUI_CTRL('w'), 40, 1);
    assert_string_equal(tui_edit_text(&e), "vélos , bornes");
    tui_edit_key(&e, TUI_CTRL('k'), 40, 1);
    assert_string_equal(tui_edit_text(&e), "vélos ");
    tui_edit_key(&e, TUI_CTRL('u'), 40, 1);
    assert_string_equal(tui_edit_text(&e), "");
    assert_true(tui_edit_is_blank(&e));
    /* Keys that are not the editor's are left to the caller. */
    assert_false(tui_edit_key(&e, TUI_KEY_ESC, 40, 1));
    assert_false(tui_edit_key(&e, TUI_KEY_F(2), 40, 1));
    assert_false(tui_edit_key(&e, TUI_KEY_ENTER, 40, 1));
    assert_false(tui_edit_key(&e, TUI_KEY_UP, 40, 1));
    assert_false(tui_edit_key(&e, TUI_KEY_TAB, 40, 1));
    /* A one-line editor takes no newline, even from a pasted text. */
    tui_edit_set(&e, "a\nb");
    assert_string_equal(tui_edit_text(&e), "a b");
    tui_edit_clear(&e);
}

static void
test_edit_max(void **state)
{
    struct tui_edit e;

    (void)state;
    tui_edit_init(&e, false, 4);
    type(&e, "ab", 40);
    assert_true(tui_edit_key(&e, 0xe9, 40, 1));    /* é: 2 bytes, fits */
    assert_string_equal(tui_edit_text(&e), "abé");
    tui_edit_key(&e, 'c', 40, 1);
    assert_string_equal(tui_edit_text(&e), "abé");
    /* Set cuts at a character boundary. */
    tui_edit_set(&e, "aéé");
    assert_string_equal(tui_edit_text(&e), "aé");
    tui_edit_clear(&e);
}

static void
test_edit_multiline(void **state)
{
    struct tui_edit e;
    struct tui_edit_line lines[3];
    int row, col;
    size_t total;

    (void)state;
    tui_edit_init(&e, true, 0);
    /* Width 11: text wraps at 10 columns, leaving one for the cursor. */
    type(&e, "Nous allons étudier\nvotre idée", 11);
    total = tui_edit_view(&e, 11, 3, lines, &row, &col);
    /* "Nous", "allons", "étudier", "votre idée": the cursor's line
     * scrolled into view shows lines 2..4. */
    assert_int_equal(total, 4);
    assert_int_equal(e.top, 1);
    assert_string_equal(lines[0].text, "allons");
    assert_string_equal(lines[1].text, "étudier");
    assert_string_equal(lines[2].text, "votre idée");
    assert_int_equal(row, 2);
    assert_int_equal(col, 10);

    /* Up keeps the column as far as the line allows. */
    tui_edit_key(&e, TUI_KEY_UP, 11, 3);
    assert_string_equal(tui_edit_text(&e) + e.cur, "\nvotre idée");
    /* "allons " ends in a soft break: the cursor stops before it. */
    tui_edit_key(&e, TUI_KEY_UP, 11, 3);
    assert_string_equal(tui_edit_text(&e) + e.cur, " étudier\nvotre idée");
    tui_edit_key(&e, TUI_KEY_DOWN, 11, 3);
    tui_edit_key(&e, TUI_KEY_DOWN, 11, 3);
    assert_int_equal(e.cur, e.len);     /* back to column 10 */
    tui_edit_key(&e, TUI_KEY_HOME, 11, 3);
    assert_string_equal(tui_edit_text(&e) + e.cur, "votre idée");
    tui_edit_key(&e, TUI_KEY_UP, 11, 3);
    tui_edit_key(&e, TUI_KEY_UP, 11, 3);
    tui_edit_key(&e, TUI_KEY_UP, 11, 3);
    assert_int_equal(e.cur, 0);
    tui_edit_view(&e, 11, 3, lines, &row, &col);
    assert_int_equal(row, 0);
    assert_int_equal(col, 0);
    assert_string_equal(lines[0].text, "Nous");
    tui_edit_key(&e, TUI_KEY_UP, 11, 3);   /* above the first: the start */
    assert_int_equal(e.cur, 0);
    tui_edit_key(&e, TUI_KEY_PGDN, 11, 3);
    assert_string_equal(tui_edit_text(&e) + e.cur, "étudier\nvotre idée");
    /* Backspace at a line start joins the lines. */
    tui_edit_key(&e, TUI_KEY_END, 11, 3);
    tui_edit_key(&e, TUI_KEY_RIGHT, 11, 3);
    tui_edit_key(&e, TUI_KEY_BACKSPACE, 11, 3);
    assert_string_equal(tui_edit_text(&e), "Nous allons étudiervotre idée");
    tui_edit_clear(&e);
}

static void
test_edit_one_line_scroll(void **state)
{
    struct tui_edit e;
    struct tui_edit_line line;
    int row, col;

    (void)state;
    tui_edit_init(&e, false, 0);
    type(&e, "électrique", 40);
    tui_edit_view(&e, 6, 1, &line, &row, &col);
    /* The end shows, with a column left for the cursor. */
    assert_string_equal(line.text, "rique");
    assert_int_equal(col, 5);
    tui_edit_key(&e, TUI_KEY_HOME, 6, 1);
    tui_edit_view(&e, 6, 1, &line, &row, &col);
    assert_string_equal(line.text, "élect…");
    assert_int_equal(col, 0);
    assert_int_equal(row, 0);
    tui_edit_clear(&e);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_widths),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_wrap_display),
        cmocka_unit_test(test_edit_utf8),
        cmocka_unit_test(test_edit_words_and_kills),
        cmocka_unit_test(test_edit_max),
        cmocka_unit_test(test_edit_multiline),
        cmocka_unit_test(test_edit_one_line_scroll),
    };

    /* Widths come from the C library, as in ncursesw: a UTF-8 locale. */
    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
