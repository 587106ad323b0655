# SPDX-License-Identifier: EUPL-1.2
#
# Bash completion for consult: commands, subcommands, the options of the
# session commands, and the options of the commands that write a record
# (idea add, vote add, tally add, comment add, participant find, import,
# batch add), which come from the records' own field tables: `consult
# --list-fields KIND` prints them (name, option, flags, type, column
# names), so a field added to the core is completed at once.
# Installed as share/bash-completion/completions/consult.

# The fields of record kind $2 as consult $1 lists them.
_consult_fields()
{
    "$1" --list-fields "$2" 2>/dev/null
}

_consult()
{
    local cur prev prog i cmd="" sub="" kind="" extra="" subs="" opts="" w
    local channels="paper workshop web email phone other"
    local statuses="new reviewing accepted rejected implemented merged
                    withdrawn hidden"
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=""
    [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
    prog=${COMP_WORDS[0]}
    COMPREPLY=()

    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case $w in
        --db) ((i++)) ;;
        -*) ;;
        *)
            if [ -z "$cmd" ]; then
                cmd=$w
            elif [ -z "$sub" ]; then
                sub=$w
            fi
            ;;
        esac
    done
    if [ "$prev" = --db ]; then
        COMPREPLY=($(compgen -f -- "$cur"))
        return
    fi
    if [ -z "$cmd" ]; then
        COMPREPLY=($(compgen -W "--db --shared --help --version init demo
            consultation theme idea batch vote tally comment participant user
            audit stats import export session retention backup restore tui
            help" -- "$cur"))
        return
    fi
    case $cmd in
    idea)
        subs="add list show edit status tag merge unmerge counts"
        [ "$sub" = add ] && kind=idea && extra="--batch" ;;
    batch)
        subs="add list show close diff resolve"
        case $sub in
        add) kind=paper_batch ;;
        list) opts="--consultation" ;;
        close) opts="--reason" ;;
        esac ;;
    vote)
        subs="add delete"
        [ "$sub" = add ] && kind=vote ;;
    tally)
        subs="add set list"
        # --count: the older name of --for.
        [ "$sub" = add ] && kind=tally && extra="--count" ;;
    comment)
        subs="add list hide"
        [ "$sub" = add ] && kind=comment ;;
    participant)
        subs="find show anonymise"
        [ "$sub" = find ] && kind=participant ;;
    import)
        subs="ideas votes tallies participants comments pabulib list show undo"
        case $sub in
        ideas|votes|tallies|participants|comments)
            kind=batch
            extra="--map --rejects --dry-run --all-or-nothing --progress
                   --no-progress --batch --create-themes --keep-duplicates
                   --force-kind --no-verify" ;;
        pabulib)
            opts="--consultation --theme --create-themes --dry-run" ;;
        esac ;;
    export)
        subs="template forms agenda minutes letters answered person ideas
              votes tallies comments participants audit decisions summary
              participation answers verify"
        case $prev in
        --profile)
            COMPREPLY=($(compgen -W "open-data codir internal-contact" \
                         -- "$cur"))
            return ;;
        --headers) COMPREPLY=($(compgen -W "en fr" -- "$cur")); return ;;
        --by) COMPREPLY=($(compgen -W "theme channel" -- "$cur")); return ;;
        --status) COMPREPLY=($(compgen -W "$statuses" -- "$cur")); return ;;
        --channel) COMPREPLY=($(compgen -W "$channels" -- "$cur")); return ;;
        --manifest|--top-file)
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
        esac
        if [ -n "$sub" ]; then
            case $sub in
            template) opts="--example --excel --consultation" ;;
            forms) opts="--batch --count" ;;
            agenda|minutes) opts="--session" ;;
            letters) opts="--session --consultation" ;;
            answered) opts="--consultation" ;;
            person) opts="" ;;
            verify) opts="--manifest --journal" ;;
            *) opts="--consultation --theme --status --channel --since
                     --until --submitted-until --batch --tag --search
                     --as-of --profile --excel --delimiter --headers --top
                     --top-file --by --manifest --no-manifest
                     --verify-journal" ;;
            esac
            if [[ $cur == -* ]]; then
                [ -n "$opts" ] && COMPREPLY=($(compgen -W "$opts" -- "$cur"))
            elif [ "$prev" = template ]; then
                COMPREPLY=($(compgen -W "ideas votes tallies participants" \
                             -- "$cur"))
            else
                COMPREPLY=($(compgen -f -- "$cur"))
            fi
            return
        fi ;;
    consultation)
        subs="add list show state edit publish"
        if [ "$sub" = edit ] && [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--state --retention --hold-answers
                         --no-hold-answers
                         --letter-language --letter-sender --letter-opening
                         --letter-closing --letter-signature" \
                         -- "$cur"))
            return
        fi ;;
    session)
        subs="add list show agenda attendee decide close publish"
        case $prev in
        --body)
            COMPREPLY=($(compgen -W "steering codir college" -- "$cur"))
            return ;;
        --status) COMPREPLY=($(compgen -W "$statuses" -- "$cur")); return ;;
        --channel) COMPREPLY=($(compgen -W "$channels" -- "$cur")); return ;;
        esac
        if [[ $cur == -* ]]; then
            case $sub in
            add) extra="--consultation --body --date --title" ;;
            list) extra="--consultation" ;;
            agenda) extra="--add --filter --theme --status --channel --tag
                           --min-support" ;;
            attendee) extra="--name --role" ;;
            decide) extra="--answer --reason" ;;
            esac
            [ -n "$extra" ] && COMPREPLY=($(compgen -W "$extra" -- "$cur"))
            return
        fi
        if [ "$sub" = decide ] && [ "$COMP_CWORD" -ge 5 ]; then
            COMPREPLY=($(compgen -W "accepted rejected implemented postponed" \
                         -- "$cur"))
            return
        fi ;;
    theme) subs="add list edit retire delete" ;;
    retention)
        subs="run"
        if [ "$sub" = run ] && [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--dry-run" -- "$cur"))
            return
        fi ;;
    user) subs="add delete list whoami" ;;
    audit) subs="list verify" ;;
    backup)
        COMPREPLY=($(compgen -f -- "$cur"))
        return ;;
    restore)
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--check" -- "$cur"))
        else
            COMPREPLY=($(compgen -f -- "$cur"))
        fi
        return ;;
    help)
        subs="init demo consultation theme idea batch vote tally comment
              participant user audit stats import export session backup restore
              tui" ;;
    esac
    if [ -z "$sub" ]; then
        [ -n "$subs" ] && COMPREPLY=($(compgen -W "$subs" -- "$cur"))
        return
    fi
    # Commands whose options are not a record's fields.
    if [ -n "$opts" ]; then
        [[ $cur == -* ]] && COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    if [ -z "$kind" ]; then
        return
    fi
    if [ "$prev" = --map ] && [ "$kind" = batch ]; then
        # --map FIELD=HEADER: the fields of that kind of file.
        local rec=${sub%s}
        [ "$sub" = tallies ] && rec=tally
        compopt -o nospace 2>/dev/null
        COMPREPLY=($(compgen -W "$(_consult_fields "$prog" "$rec" \
            | awk -F'\t' '$4 !~ /no-file/ { print $2 "=" }')" -- "$cur"))
        return
    fi
    if [ "$prev" = --rejects ]; then
        COMPREPLY=($(compgen -f -- "$cur"))
        return
    fi
    case $prev in
    --*)
        # The value of a field's option: the words of its type.
        local type
        type=$(_consult_fields "$prog" "$kind" | awk -F'\t' \
               -v o="${prev#--}" '$3 == o && $4 !~ /flag/ { print $5 }')
        case $type in
        channel) COMPREPLY=($(compgen -W "$channels" -- "$cur")) ;;
        kind) COMPREPLY=($(compgen -W "idea finding" -- "$cur")) ;;
        esac
        [ -n "$type" ] && return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_consult_fields "$prog" "$kind" \
            | awk -F'\t' '$3 != "-" { print "--" $3 }') $extra" -- "$cur"))
        return
    fi
    [ "$kind" = batch ] && COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _consult consult
