# SPDX-License-Identifier: EUPL-1.2
#
# man_keys.sh: the key lists in consult(1)'s TERMINAL INTERFACE section are
# the program's key tables, as `consult tui --keys` prints them: every
# screen registered in src/tui/screen_list.h with its keys (those its model
# declares and those other screens declare to be opened from it), then
# every dialog's: every key and what it does, no more, no less. A screen
# or key added and not to the manual, or the reverse, fails here, and the
# entries to add are printed in the page's form.
#
# In the page, a screen is a `.SS "TITLE"` and each of its keys a
#   .TP
#   .B KEYS
#   What they do (the help screen's line, a full stop allowed at the end)
# where KEYS are the key names as the help screen prints them.
. "$CONSULT_SRC/tests/cli/lib.sh"

page=$CONSULT_SRC/man/consult.1

run tui --keys
expect_ok
cp "$OUT" "$TMP/keys"
check "consult tui --keys prints the key tables" test -s "$TMP/keys"
check "every line is SCREEN<TAB>KEYS<TAB>ACTION" \
    awk -F '\t' 'NF != 3 || $1 == "" || $2 == "" || $3 == "" { bad = 1 }
                 END { exit bad }' "$TMP/keys"
for screen in Consultations Ideas Triage Statistics Help; do
    check "the key tables name the screen $screen" \
        grep -q "^$screen	" "$TMP/keys"
done
check "F1 is help on the ideas list" \
    grep -qx 'Ideas	F1 ? h	Show the keys of this screen' "$TMP/keys"

# The section's entries, in the same form, with roff escapes undone.
sed -n '/^\.SH "\{0,1\}TERMINAL INTERFACE"\{0,1\}$/,/^\.SH /p' "$page" \
    | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(aq/'"'"'/g' \
          -e 's/\\(lq/"/g' -e 's/\\(rq/"/g' -e 's/\\&//g' \
    | awk '
        /^\.SS / { screen = substr($0, 5); gsub(/"/, "", screen); next }
        /^\.TP/ { state = 1; next }
        state == 1 && /^\.B / {
            keys = substr($0, 4); gsub(/"/, "", keys); state = 2; next }
        state == 2 && !/^\./ {
            text = $0; sub(/\.$/, "", text)
            if (screen != "") print screen "\t" keys "\t" text
            state = 0; next }
        { state = 0 }
    ' >"$TMP/page"
check "consult(1) has a TERMINAL INTERFACE section with keys" test -s "$TMP/page"

sort -u "$TMP/keys" >"$TMP/keys.sorted"
sort -u "$TMP/page" >"$TMP/page.sorted"
# Only the screens the program has: the section may hold other lists.
cut -f1 "$TMP/keys.sorted" | sort -u >"$TMP/screens"
awk -F '\t' 'NR == FNR { s[$0] = 1; next } ($1 in s)' \
    "$TMP/screens" "$TMP/page.sorted" >"$TMP/page.screens"

comm -23 "$TMP/keys.sorted" "$TMP/page.screens" >"$TMP/undocumented"
comm -13 "$TMP/keys.sorted" "$TMP/page.screens" >"$TMP/stale"
if [ -s "$TMP/undocumented" ]; then
    printf 'In the key tables, not in consult(1):\n' >&2
    sed 's/^/    /' "$TMP/undocumented" >&2
    printf 'Entries for consult(1), under the .SS of each screen:\n' >&2
    awk -F '\t' '$1 != last { printf ".SS \"%s\"\n", $1; last = $1 }
                 { k = $2; gsub(/-/, "\\-", k)
                   printf ".TP\n.B %s\n%s.\n", k, $3 }' \
        "$TMP/undocumented" >&2
fi
if [ -s "$TMP/stale" ]; then
    printf 'In consult(1), not in the key tables:\n' >&2
    sed 's/^/    /' "$TMP/stale" >&2
fi
check "consult(1) documents every key of every screen" \
    test ! -s "$TMP/undocumented"
check "consult(1) lists no key the program does not have" test ! -s "$TMP/stale"

# The rules that hold on every screen, and the interface's environment.
sed -n '/^\.SH "\{0,1\}TERMINAL INTERFACE"\{0,1\}$/,/^\.SH /p' "$page" \
    | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' | tr '\n' ' ' >"$TMP/section"
for phrase in "Esc then a digit" "is F10" "Alt and a digit" "ESC [11~" \
              "hold Shift while dragging" "--no-mouse" "--cursor"; do
    check "TERMINAL INTERFACE says \"$phrase\"" grep -qF -- "$phrase" "$TMP/section"
done
sed -e 's/\\-/-/g' "$page" >"$TMP/all"
for var in ESCDELAY NO_COLOR NCURSES_NO_UTF8_ACS; do
    check "consult(1) explains $var" grep -qx "\\.B $var" "$TMP/all"
done

finish
