# SPDX-License-Identifier: EUPL-1.2
#
# terminals.sh: terminals that cannot show the interface, and extreme
# sizes. TERM=dumb (no cursor addressing) and an unknown TERM end at once
# with a readable reason and exit 64 (curses used to exit by itself with
# "Error opening terminal" and status 1); 10x5 shows the size notice and
# quits; 1000x300 shows the whole list. No crash in any of them.
. "$CONSULT_SRC/tests/screen/lib.sh"

# Start consult in tmux without waiting for its screen: it may have none.
start_bare() {
    term=$1 cols=$2 rows=$3
    [ "$servers" -gt 0 ] && $T kill-server >/dev/null 2>&1
    servers=$((servers + 1))
    T="$TMUX_BIN -L consult-test-$$-$servers -f /dev/null"
    $T new-session -d -x "$cols" -y "$rows" \
        "env NO_COLOR=1 LC_ALL=C.UTF-8 LANGUAGE= TERM=$term \
         '$CONSULT' --db '$DB'; echo consult-exited-\$?; sleep 30"
}

start_bare dumb 120 24
wait_for "consult-exited-64"
wait_for "cannot start the terminal interface"
wait_for 'the terminal "dumb" (TERM) cannot place the cursor'

start_bare no-such-terminal-here 120 24
wait_for "consult-exited-64"
wait_for 'the terminal type "no-such-terminal-here" (TERM) is unknown'
lacks_text "Error opening terminal" || fail "curses' own exit message"
checks=$((checks + 1))

# In French, the reason is French too (when the locale is installed).
if locale -a 2>/dev/null | grep -qixE 'fr_FR\.utf-?8'; then
    $T kill-server >/dev/null 2>&1
    servers=$((servers + 1))
    T="$TMUX_BIN -L consult-test-$$-$servers -f /dev/null"
    $T new-session -d -x 120 -y 24 \
        "env LC_ALL=fr_FR.UTF-8 LANGUAGE= TERM=dumb \
         '$CONSULT' --db '$DB'; echo consult-exited-\$?; sleep 30"
    wait_for "consult-exited-64"
    wait_for "ne peut pas placer le curseur"
fi

start_bare screen 10 5
wait_for "needs a"
keys q
wait_for "ited-0"       # "consult-exited-0", wrapped at 10 columns

start_bare screen 1000 300
wait_for "50 ideas"
wait_for "10Quit"
expect_line_has 2 "Des produits locaux et de saison à la cuisine centrale"
keys q
wait_for "consult-exited-0"

finish
