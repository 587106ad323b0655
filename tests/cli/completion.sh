# SPDX-License-Identifier: EUPL-1.2
#
# completion.sh: the bash completion offers, for each command that writes
# a record, every option of that record's field table (consult
# --list-fields), and `cmake --install` puts it where bash-completion
# looks.
. "$CONSULT_SRC/tests/cli/lib.sh"

script=$CONSULT_SRC/completion/consult.bash
check "completion/consult.bash exists" test -s "$script"

# complete WORD...: what the completion offers for the command line WORD...
# (the last word being completed), one per line, into $TMP/reply.
complete_words() {
    bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
             _consult; printf "%s\n" "${COMPREPLY[@]}"' \
        sh "$script" "$CONSULT" "$@" >"$TMP/reply"
}

run --list-fields
expect_ok
cp "$OUT" "$TMP/fields"
check "--list-fields lists the idea's body" grep -q "^idea	body	body	required" "$TMP/fields"
for kind in idea vote tally comment participant batch paper_batch; do
    check "--list-fields lists fields of $kind" grep -q "^$kind	" "$TMP/fields"
done

# Each kind's options are offered where they are used.
words_for() {
    case $1 in
    idea) echo "idea add" ;;
    vote) echo "vote add 1" ;;
    tally) echo "tally add 1" ;;
    comment) echo "comment add 1" ;;
    participant) echo "participant find" ;;
    batch) echo "import ideas" ;;
    paper_batch) echo "batch add" ;;
    esac
}
for kind in idea vote tally comment participant batch paper_batch; do
    complete_words $(words_for $kind) --
    awk -F'\t' -v k=$kind '$1 == k && $3 != "-" { print "--" $3 }' "$TMP/fields" >"$TMP/want"
    check "$kind has options" test -s "$TMP/want"
    while read -r opt; do
        check "completion offers $opt for $kind" grep -qx -- "$opt" "$TMP/reply"
    done <"$TMP/want"
done
complete_words import ideas --d
check "import offers --delimiter and --dry-run" \
    sh -c "grep -qx -- --delimiter '$TMP/reply' && grep -qx -- --dry-run '$TMP/reply'"
complete_words idea add --channel w
check "a channel's values" sh -c "grep -qx web '$TMP/reply' && grep -qx workshop '$TMP/reply'"
complete_words import votes --map participant_
check "--map offers the fields of the file" grep -qx "participant_ref=" "$TMP/reply"
complete_words ide
check "commands are completed" grep -qx idea "$TMP/reply"
complete_words bat
check "batch is completed" grep -qx batch "$TMP/reply"
complete_words batch re
check "batch resolve is completed" grep -qx resolve "$TMP/reply"
complete_words batch add --
for opt in --consultation --label --point --date --expect --fields --double; do
    check "batch add offers $opt" grep -qx -- "$opt" "$TMP/reply"
done
complete_words batch close --
check "batch close offers --reason" grep -qx -- --reason "$TMP/reply"
complete_words idea add --ba
check "idea add offers --batch" grep -qx -- --batch "$TMP/reply"
complete_words import ideas --ba
check "import ideas offers --batch" grep -qx -- --batch "$TMP/reply"
complete_words import pa
check "import pabulib is completed" grep -qx pabulib "$TMP/reply"
complete_words import pabulib --
for opt in --consultation --theme --create-themes --dry-run; do
    check "import pabulib offers $opt" grep -qx -- "$opt" "$TMP/reply"
done
# Every export, its options, and the words some of them take.
complete_words export ""
for sub in template forms agenda minutes letters answered person ideas \
           summary verify; do
    check "export $sub is completed" grep -qx "$sub" "$TMP/reply"
done
complete_words export summary --
for opt in --consultation --profile --excel --headers --top --by \
           --manifest --no-manifest --as-of --verify-journal; do
    check "export summary offers $opt" grep -qx -- "$opt" "$TMP/reply"
done
complete_words export letters --
check "export letters offers --session" grep -qx -- --session "$TMP/reply"
check "export letters offers no filter" test "$(grep -c -- --status "$TMP/reply")" -eq 0
complete_words export ideas --profile ""
for v in open-data codir internal-contact; do
    check "export --profile offers $v" grep -qx "$v" "$TMP/reply"
done
complete_words export ideas --headers ""
check "export --headers offers fr" grep -qx fr "$TMP/reply"
complete_words export ideas --status ""
check "export --status offers the statuses" \
    sh -c "grep -qx reviewing '$TMP/reply' && grep -qx withdrawn '$TMP/reply'"
complete_words session agenda 1 --channel ""
check "session agenda --channel offers the channels" grep -qx phone "$TMP/reply"
complete_words export template ""
check "export template offers the kinds" grep -qx tallies "$TMP/reply"
complete_words back
check "backup is completed" grep -qx backup "$TMP/reply"
complete_words restore --
check "restore's option" grep -qx -- --check "$TMP/reply"
complete_words sess
check "session is completed" grep -qx session "$TMP/reply"
# Every subcommand of `session` in its usage text is offered.
run help session
for sub in $(sed -n 's/^.*consult session \([a-z]*\).*/\1/p' "$OUT" | sort -u); do
    complete_words session ""
    check "completion offers session $sub" grep -qx "$sub" "$TMP/reply"
done
complete_words session add --body c
check "session add --body offers codir and college" \
    sh -c "grep -qx codir '$TMP/reply' && grep -qx college '$TMP/reply'"
complete_words session agenda 1 --m
check "session agenda offers --min-support" grep -qx -- --min-support "$TMP/reply"
complete_words session decide 1 2 p
check "session decide offers postponed" grep -qx postponed "$TMP/reply"
complete_words consultation ""
check "consultation offers edit and publish" \
    sh -c "grep -qx edit '$TMP/reply' && grep -qx publish '$TMP/reply'"
complete_words consultation edit AG21 --h
check "consultation edit offers --hold-answers" grep -qx -- --hold-answers "$TMP/reply"

# The installed tree has it under bash-completion's directory.
if [ -n "${CONSULT_BUILD:-}" ] && [ -f "$CONSULT_BUILD/cmake_install.cmake" ]; then
    cmake --install "$CONSULT_BUILD" --prefix "$TMP/inst" >/dev/null 2>&1
    check "cmake --install puts the completion in share/bash-completion/completions/consult" \
        cmp -s "$script" "$TMP/inst/share/bash-completion/completions/consult"
fi

finish
