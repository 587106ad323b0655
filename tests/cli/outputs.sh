# SPDX-License-Identifier: EUPL-1.2
#
# outputs.sh: where an export and a reject report go. A device, a pipe or a
# symbolic link given as the output is written through and never replaced
# by a regular file; "-" is standard output; a reject report that cannot be
# written stops its import before it commits; a killed export's temporary
# file is removed by the next export of that name; every file created is
# 0600 (0660 with --shared), whatever the umask.
. "$CONSULT_SRC/tests/cli/lib.sh"

umask 022
setup_cons
c idea add --consultation AG21 --theme MOB --title "Navette" \
    --body "Une navette entre les sites." --date 2021-03-02
expect_ok

# A file of two rows, one refused (an unknown theme).
cat >"$TMP/in.csv" <<'CSV'
theme,title,body
MOB,Des vélos,Des vélos en libre service.
XYZ,Un thème inconnu,Refusée.
CSV

# What `idea list` says, to compare the database before and after.
ideas() {
    c idea list --consultation AG21
    cp "$OUT" "$TMP/list.$1"
}

no_tmp() {
    check "$1: no temporary file left in $2" \
        sh -c '! ls -a "$1" | grep -q "\.tmp-"' sh "$2"
}

# As root, a regression would replace the system's own /dev/null or
# /dev/full by a regular file: the test then writes only to device nodes
# and links of its own directory. Run as another user, it uses the system's.
if [ "$(id -u)" -eq 0 ]; then
    if mknod "$TMP/null" c 1 3 2>/dev/null \
        && mknod "$TMP/full" c 1 7 2>/dev/null; then
        null=$TMP/null
        full=$TMP/full
    else
        echo "outputs.sh: cannot create device nodes here (mknod) as root:" \
             "device checks skipped" >&2
        null=
        full=
    fi
    ln -s /proc/self/fd/1 "$TMP/fd1"
    stdout=$TMP/fd1
else
    null=/dev/null
    full=/dev/full
    [ -c "$full" ] || full=
    stdout=/dev/stdout
fi

# ---------------------------------------------------------------- devices
if [ -n "$null" ]; then
    c export ideas "$null"
    expect_rc 0
    expect_err ": 1 row (ideas export, codir profile)."
    check "$null is still a character device" test -c "$null"
    check "and gets no manifest" test ! -e "$null.manifest"
    no_tmp "$null" "$(dirname "$null")"

    c import ideas "$TMP/in.csv" --consultation AG21 --rejects "$null"
    expect_rc 65
    expect_out "1 imported, 1 refused"
    check "$null is still a character device after a reject report" \
        test -c "$null"
    no_tmp "rejects to $null" "$(dirname "$null")"
fi

if [ -n "$full" ]; then
    c export ideas "$full"
    expect_rc 74
    expect_err "No space left on device"
    check "a full device stays a device" test -c "$full"
    check "and gets no manifest" test ! -e "$full.manifest"
    no_tmp "$full" "$(dirname "$full")"

    # A reject report that cannot be written: nothing is committed.
    cat >"$TMP/in2.csv" <<'CSV'
theme,title,body
MOB,Un tramway,Un tramway vers la gare.
XYZ,Encore un thème inconnu,Refusée.
CSV
    ideas before
    c import ideas "$TMP/in2.csv" --consultation AG21 --rejects "$full"
    expect_rc 74
    expect_err "No space left on device"
    expect_err "reject file"
    ideas after
    check "a reject report that fails leaves the database unchanged" \
        cmp -s "$TMP/list.before" "$TMP/list.after"
    check "the full device is still a device" test -c "$full"
    no_tmp "rejects to $full" "$(dirname "$full")"
    if [ -n "$null" ]; then
        c import ideas "$TMP/in2.csv" --consultation AG21 --rejects "$null"
        expect_rc 65
        expect_out "1 imported, 1 refused"
    fi
fi

# ---------------------------------------------------------------- FIFO
mkfifo "$TMP/fifo"
cat "$TMP/fifo" >"$TMP/fifo.read" &
reader=$!
c export ideas "$TMP/fifo"
expect_rc 0
expect_err "rows (ideas export"
wait "$reader"
check "a FIFO stays a FIFO" test -p "$TMP/fifo"
check "what went through it is the export" grep -q "Navette" "$TMP/fifo.read"
check "no manifest beside a FIFO" test ! -e "$TMP/fifo.manifest"

cat >"$TMP/in4.csv" <<'CSV'
theme,title,body
MOB,Un banc,Un banc à l'arrêt de bus.
XYZ,Inconnu encore,Refusée.
CSV
cat "$TMP/fifo" >"$TMP/fifo.rejects" &
reader=$!
c import ideas "$TMP/in4.csv" --consultation AG21 --rejects "$TMP/fifo"
expect_rc 65
wait "$reader"
check "a reject report through a FIFO keeps it a FIFO" test -p "$TMP/fifo"
check "the reject report went through it" \
    grep -q "Inconnu encore" "$TMP/fifo.rejects"
no_tmp "FIFO" "$TMP"

# ---------------------------------------------------------------- links
echo old >"$TMP/real.csv"
chmod 0644 "$TMP/real.csv"
ln -s real.csv "$TMP/link.csv"
c export ideas "$TMP/link.csv"
expect_ok
check "a symbolic link stays a link" test -L "$TMP/link.csv"
check "the file it names holds the export" grep -q "Navette" "$TMP/real.csv"
check "the file it names is replaced 0600" \
    test "$(stat -c %a "$TMP/real.csv")" = 600

if [ -n "$null" ]; then
    ln -s "$null" "$TMP/devlink"
    c export ideas "$TMP/devlink"
    expect_rc 0
    expect_err "rows (ideas export"
    check "a link to a device stays a link" test -L "$TMP/devlink"
    check "and the device a device" test -c "$null"
fi

cat >"$TMP/in5.csv" <<'CSV'
theme,title,body
MOB,Une fontaine,Une fontaine au parc.
XYZ,Inconnu toujours,Refusée.
CSV
ln -s rejects-real.csv "$TMP/rejects-link.csv"
c import ideas "$TMP/in5.csv" --consultation AG21 \
    --rejects "$TMP/rejects-link.csv"
expect_rc 65
check "a reject report to a dangling link keeps the link" \
    test -L "$TMP/rejects-link.csv"
check "and creates the file it names" \
    grep -q "Inconnu toujours" "$TMP/rejects-real.csv"
check "0600" test "$(stat -c %a "$TMP/rejects-real.csv")" = 600
no_tmp "links" "$TMP"

# ---------------------------------------------------------------- "-"
c export ideas - --profile open-data
expect_ok
expect_out "Navette"
cp "$OUT" "$TMP/dash.csv"

# /dev/stdout (as root, a link of our own to /proc/self/fd/1) is written
# through, even when it is a regular file (the shell's redirection): the
# same bytes as "-", the summary on stderr.
c export ideas "$stdout" --profile open-data
expect_rc 0
expect_err "rows (ideas export"
check "$stdout writes what - writes" cmp -s "$OUT" "$TMP/dash.csv"
check "no manifest beside it" test ! -e "$stdout.manifest"
check "$stdout is still a link" test -L "$stdout"
"$CONSULT" --db "$DB" export ideas "$stdout" --profile open-data \
    2>/dev/null | cat >"$TMP/piped.csv"
check "$stdout as a pipe" cmp -s "$TMP/piped.csv" "$TMP/dash.csv"

cat >"$TMP/in6.csv" <<'CSV'
theme,title,body
MOB,Un abri,Un abri à vélos.
XYZ,Inconnu là,Refusée.
CSV
c import ideas "$TMP/in6.csv" --consultation AG21 --rejects -
expect_rc 65
expect_out "import_line,import_error,theme,title,body"
expect_out "Inconnu là"
expect_no_out "rows read"
expect_err "1 imported, 1 refused"
check "no file named -" test ! -e ./-

# ---------------------------------------------------------------- killed
# A writer killed mid-export left its temporary file; a live one's stays.
sh -c 'exit 0' &
dead=$!
wait "$dead"
head -c 100000 /dev/zero >"$TMP/big.csv.tmp-$dead-Ab12Cd"
head -c 100 /dev/zero >"$TMP/big.csv.tmp-$$-Xy34Zw"
head -c 100 /dev/zero >"$TMP/other.csv.tmp-$dead-Ab12Cd"
c export ideas "$TMP/big.csv"
expect_ok
check "the dead writer's temporary file is gone" \
    test ! -e "$TMP/big.csv.tmp-$dead-Ab12Cd"
check "a live writer's temporary file stays" \
    test -e "$TMP/big.csv.tmp-$$-Xy34Zw"
check "another name's temporary file stays" \
    test -e "$TMP/other.csv.tmp-$dead-Ab12Cd"
rm -f "$TMP/big.csv.tmp-$$-Xy34Zw" "$TMP/other.csv.tmp-$dead-Ab12Cd"

# A real kill -9 in the middle of writing: the export blocks on a FIFO
# given as its top file, with its main file's temporary file open.
mkfifo "$TMP/topfifo"
"$CONSULT" --db "$DB" export summary "$TMP/sum.csv" --consultation AG21 \
    --top 1 --top-file "$TMP/topfifo" >/dev/null 2>&1 &
writer=$!
i=0
while [ $i -lt 100 ] && ! ls "$TMP" | grep -q '^sum\.csv\.tmp-'; do
    sleep 0.1
    i=$((i + 1))
done
check "the blocked export has its temporary file" \
    sh -c 'ls "$1" | grep -q "^sum\.csv\.tmp-"' sh "$TMP"
kill -9 "$writer"
wait "$writer" 2>/dev/null
check "the kill left it behind" \
    sh -c 'ls "$1" | grep -q "^sum\.csv\.tmp-"' sh "$TMP"
c export summary "$TMP/sum.csv" --consultation AG21
expect_ok
no_tmp "after a killed export, the next one" "$TMP"

# ---------------------------------------------------------------- modes
c export ideas "$TMP/open.csv" --profile open-data
expect_ok
check "an open-data export is 0600" test "$(stat -c %a "$TMP/open.csv")" = 600
check "its manifest is 0600" \
    test "$(stat -c %a "$TMP/open.csv.manifest")" = 600
umask 0
c export ideas "$TMP/open0.csv" --profile open-data
expect_ok
check "0600 whatever the umask" test "$(stat -c %a "$TMP/open0.csv")" = 600
umask 022
c --shared export ideas "$TMP/shared.csv" --profile open-data
expect_ok
check "--shared: an export is 0660" \
    test "$(stat -c %a "$TMP/shared.csv")" = 660
# The top file of a summary written to standard output, and a template,
# are made the same way (they used to follow the umask: 0644 here).
c export summary - --consultation AG21 --top 1 --top-file "$TMP/top-out.csv"
expect_ok
expect_out "theme"
check "a top file beside standard output is 0600" \
    test "$(stat -c %a "$TMP/top-out.csv")" = 600
check "and holds the top ideas" grep -q "rank\|MOB" "$TMP/top-out.csv"
c export template ideas "$TMP/tpl.csv"
expect_ok
check "a template is 0600" test "$(stat -c %a "$TMP/tpl.csv")" = 600
c --shared export template votes "$TMP/tpl-shared.csv"
expect_ok
check "--shared: a template is 0660" \
    test "$(stat -c %a "$TMP/tpl-shared.csv")" = 660
c export template votes /dev/null
expect_ok
check "a template to a device writes through it" test -c /dev/null

cat >"$TMP/in7.csv" <<'CSV'
theme,title,body
MOB,Un arbre,Un arbre de plus.
XYZ,Inconnu ici,Refusée.
CSV
c import ideas "$TMP/in7.csv" --consultation AG21
expect_rc 65
check "a reject file is 0600" \
    test "$(stat -c %a "$TMP/in7.rejects.csv")" = 600
cp "$TMP/in7.csv" "$TMP/in8.csv"
echo "MOB,Un arbre de plus,Encore." >>"$TMP/in8.csv"
run --db "$DB" --shared import ideas "$TMP/in8.csv" --consultation AG21
expect_rc 65
check "--shared: a reject file is 0660" \
    test "$(stat -c %a "$TMP/in8.rejects.csv")" = 660

finish
