# SPDX-License-Identifier: EUPL-1.2
#
# mouse.sh: clicks and the wheel in tmux, on the demo database. A click is
# what a terminal sends for it, written into consult's input in one piece
# (tmux send-keys -H): the press of the left button, then its release.
# Both encodings are tried, each with the TERM whose terminfo (kmous)
# announces it:
#
#   X10, TERM=screen    ESC [ M b x y, each of b x y a byte (value + 32,
#                       lines and columns from 1), b = 0 press, 3 release
#   SGR, TERM=xterm     ESC [ < b ; x ; y M, or m for the release
#
# (tmux's own send-keys -M only passes on an event tmux received from a
# client's mouse, inside a mouse key binding: it has none to pass here.)
#
# At 80x24: consult asks the terminal for clicks; a click on a row selects
# it and a second click another one (the first's release was understood);
# Enter opens the selected idea; bar slots (Back, Filter, Help, Quit); a
# click on a menu item chooses it; the wheel moves three lines; a slower
# click (its press and its release apart) acts once. At 200x50
# (X10): columns past 95 are bytes above 127. With --no-mouse: consult
# asks for no clicks, and a report that comes anyway presses no key.
. "$CONSULT_SRC/tests/screen/lib.sh"

MOUSE=x10

# The hex bytes of one report: BUTTON X Y and M (press) or m (release);
# X and Y from 0, as tmux counts them.
report() {
    if [ "$MOUSE" = x10 ]; then
        b=$1
        [ "$4" = m ] && b=3
        printf '1b 5b 4d %x %x %x' $((b + 32)) $(($2 + 33)) $(($3 + 33))
    else
        printf '\033[<%d;%d;%d%s' "$1" $(($2 + 1)) $(($3 + 1)) "$4" |
            od -An -tx1
    fi
}

# click X Y: the left button pressed and released at column X, line Y,
# in one write (a quick click, or one read while consult was busy).
click() {
    # The hex words are split on purpose: one send-keys argument each.
    # shellcheck disable=SC2046
    $T send-keys -H $(report 0 "$1" "$2" M) $(report 0 "$1" "$2" m)
}

# press X Y, release X Y: the two halves of a slower click.
press() {
    # shellcheck disable=SC2046
    $T send-keys -H $(report 0 "$1" "$2" M)
}

release() {
    # shellcheck disable=SC2046
    $T send-keys -H $(report 0 "$1" "$2" m)
}

# wheel up|down X Y: one notch (a press, no release).
wheel() {
    b=64
    [ "$1" = down ] && b=65
    # shellcheck disable=SC2046
    $T send-keys -H $(report "$b" "$2" "$3" M)
}

# The column of LABEL on the bottom bar (ASCII there).
slot() {
    line $((rows - 1)) | awk -v l="$1" '{ print index($0, l) - 1 }'
}

# The first screen line (from 0) that contains TEXT.
line_of() {
    screen | grep -nF -- "$1" | sed -n '1s/:.*//p' | awk '{ print $1 - 1 }'
}

flag() {
    $T display -p "#{$1}"
}

# ---------------------------------------------------------------- 80x24
for MOUSE in x10 sgr; do
    if [ "$MOUSE" = x10 ]; then SCREEN_TERM=screen; else SCREEN_TERM=xterm; fi
    start 80 24
    wait_for "50 ideas"
    wait_cursor 2
    check "consult asks the terminal for clicks ($MOUSE)" \
        [ "$(flag mouse_standard_flag)" = 1 ]
    if [ "$MOUSE" = sgr ]; then
        check "in the SGR encoding" [ "$(flag mouse_sgr_flag)" = 1 ]
    fi

    # A row, then another.
    click 10 5
    wait_cursor 5
    expect_cursor_on ">  38 new"
    expect_line_has 2 "   48 new"
    click 40 7
    wait_cursor 7
    expect_cursor_on ">  32 new"
    expect_line_has 5 "   38 new"
    # A slower click selects on the press; its release presses nothing,
    # and the click after it is a click again (not a drag).
    press 40 4
    wait_cursor 4
    expect_cursor_on ">  46 new"
    release 40 4
    click 40 7
    wait_cursor 7
    expect_cursor_on ">  32 new"

    # Enter opens it; the bar's Back slot comes back to the same row.
    keys Enter
    wait_for "Idea 32  |"
    click "$(slot 9Back)" 23
    wait_for "50 ideas"
    wait_cursor 7
    expect_cursor_on ">  32 new"

    # The wheel: three lines a notch.
    wheel down 30 10
    wait_cursor 10
    expect_cursor_on ">  37 new"
    wheel up 30 10
    wait_cursor 7
    expect_cursor_on ">  32 new"

    # The Filter slot opens a menu; clicks choose its items.
    click "$(slot 4Filter)" 23
    wait_for "Filter the ideas by"
    click 4 "$(line_of Theme)"
    wait_for "Show the ideas of theme"
    click 4 "$(line_of COMP)"
    wait_for "theme COMP"
    expect_line_has 2 " COMP "
    keys x
    wait_for "50 ideas"

    # The Help slot, then Back.
    click "$(slot 1Help)" 23
    wait_for "Keys of the screen"
    expect_line_has 0 "Help"
    click "$(slot 9Back)" 23
    wait_for "50 ideas"

    # The Quit slot.
    click "$(slot 10Quit)" 23
    wait_exit
done
MOUSE=x10
SCREEN_TERM=screen

# ---------------------------------------------------------------- 200x50
start 200 50
wait_for "50 ideas"
wait_cursor 2
click 150 30
wait_cursor 30
check "line 30 is the selected idea" eval 'line 30 | grep -q "^>  *[0-9]"'
click "$(slot 8Stats)" 49
wait_for "Statistics  |  AGENTS21"
click "$(slot 10Quit)" 49
wait_exit

# ---------------------------------------------------------------- --no-mouse
start 80 24 tui --no-mouse
wait_for "50 ideas"
wait_cursor 2
check "with --no-mouse consult asks for no clicks" \
    [ "$(flag mouse_standard_flag)" = 0 ]
check "nor for any mouse report" [ "$(flag mouse_any_flag)" = 0 ]
# A terminal that sends reports anyway (left on by another program): the
# report is dropped whole, its bytes are no keys (the space in X10 would
# mark an idea). Down then shows consult went on from where it was.
click 10 5
click "$(slot 10Quit)" 23
keys Down
wait_cursor 3
expect_cursor_on ">  47 new"
expect_line 0 "AGENTS21  |  50 ideas  |  by date, newest first"
expect_line_has 2 "   48 new"
check "consult is still running" lacks_text "consult-exited-"
keys q
wait_exit

finish
