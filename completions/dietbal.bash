# bash completion for dietbal(1): commands, their subcommands and options,
# the values of options that take a fixed set (--format, --meal, --table,
# ...), dates (today, yesterday) and file names.
#
# The words come from the binary itself: `dietbal [COMMAND [SUBCOMMAND]]
# --completion-helper` prints what the option tables of src/cmd_*.c
# declare (src/opt.h, opt_complete), one per line:
#     opt --NAME [VALUES]   VALUES: words, @file for file names, - for none offered
#     sub WORD              a subcommand (a command, at the top)
#     arg VALUES            what the operands are
#
# Installed by `make install` as $(PREFIX)/share/bash-completion/completions/dietbal;
# or source it from ~/.bashrc:  . /path/to/dietbal/completions/dietbal.bash

# The lines for the words given (none: the global options and commands),
# from the dietbal being completed.
_dietbal_lines() {
    local bin=$1
    shift
    local lines
    lines=$("$bin" "$@" --completion-helper 2>/dev/null)
    if [ -z "$lines" ] && [ $# -gt 0 ]; then
        lines=$(_dietbal_untabled "$@")
    fi
    printf '%s\n' "$lines"
}

# Transitional: the words of the commands whose options are not yet in a
# table (they do not answer --completion-helper).  Delete each entry when
# its command answers; delete the function when all do.
_dietbal_untabled() {
    local d="opt --date today yesterday" t="opt --time -"
    local meal="opt --meal breakfast lunch dinner snack"
    case "$1 ${2-}" in
    "add "*) printf '%s\n' "$d" "$t" "$meal" "opt --force" "opt --dry-run" ;;
    "copy "*) printf '%s\n' "opt --from today yesterday" "opt --to today yesterday" "$meal" ;;
    "profile set") printf '%s\n' "opt --age -" "opt --birth-date today yesterday" \
        "opt --sex female male" "opt --weight-kg -" "opt --pregnant" \
        "opt --due-date today yesterday" "opt --lactating" "opt --none" \
        "opt --units us uk metric" \
        "opt --tables ifct2017,usda-sr24 usda-sr24,ifct2017 usda-sr24 ifct2017" ;;
    "profile "*) printf '%s\n' "sub set" "sub show" ;;
    "cramp add") printf '%s\n' "$d" "$t" "opt --severity -" "opt --duration-min -" \
        "opt --site calf foot thigh other" "opt --side left right both" "opt --night" \
        "opt --swelling" "opt --redness" "opt --warmth" "opt --hard-to-walk" \
        "opt --pain-persists" "opt --sudden-swelling" "opt --headache" \
        "opt --vision-problems" "opt --pain-below-ribs" ;;
    "cramp "*) printf '%s\n' "sub add" ;;
    "supplement define") printf '%s\n' "opt --name -" \
        "opt --unit tablet capsule softgel sachet scoop ml drop" ;;
    "supplement "*) printf '%s\n' "sub define" "sub list" "sub show" ;;
    "recipe define") printf '%s\n' "opt --yield -" "opt --serves -" "opt --force" ;;
    "recipe rm") printf '%s\n' "opt --force" ;;
    "recipe "*) printf '%s\n' "sub define" "sub show" "sub list" "sub rm" "sub export" ;;
    "meal save") printf '%s\n' "$d" "$meal" "opt --replace" ;;
    "meal define") printf '%s\n' "opt --replace" ;;
    "meal "*) printf '%s\n' "sub save" "sub define" "sub list" "sub show" "sub rm" ;;
    *) return 0 ;;
    esac
    printf '%s\n' "opt --db @file" "opt --json" "opt --quiet" "opt --help"
}

# COMPREPLY from VALUES (words, @file, or - for nothing) matching cur.
_dietbal_offer() {
    local cur=$1
    shift
    case ${1-} in
    "" | -) return 0 ;;
    @file)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        ;;
    *) mapfile -t COMPREPLY < <(compgen -W "$*" -- "$cur") ;;
    esac
}

_dietbal() {
    local bin=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev=""
    local i cmd="" cmd_i=0 sub="" lines kind name rest words=""

    [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()

    # The command is the first word that is not a global option; the word
    # after it may be a subcommand.
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        --db) [ -z "$cmd" ] && i=$((i + 1)) ;;
        -*) ;;
        *)
            if [ -z "$cmd" ]; then
                cmd=${COMP_WORDS[i]}
                cmd_i=$i
            elif [ "$i" -eq $((cmd_i + 1)) ]; then
                sub=${COMP_WORDS[i]}
            fi
            ;;
        esac
    done

    if [ -z "$cmd" ]; then
        lines=$(_dietbal_lines "$bin")
    else
        lines=$(_dietbal_lines "$bin" "$cmd")
        if [ -n "$sub" ] && grep -qxF "sub $sub" <<<"$lines"; then
            lines=$(_dietbal_lines "$bin" "$cmd" "$sub")
        fi
    fi

    # The value of the option just before the cursor.
    if [[ $prev == -* ]]; then
        while read -r kind name rest; do
            if [ "$kind" = opt ] && [ "$name" = "$prev" ] && [ -n "$rest" ]; then
                # shellcheck disable=SC2086 # the values are words
                _dietbal_offer "$cur" $rest
                return 0
            fi
        done <<<"$lines"
    fi

    if [[ $cur == -* ]]; then
        while read -r kind name rest; do
            [ "$kind" = opt ] && words="$words $name"
        done <<<"$lines"
        # shellcheck disable=SC2086 # the option names are words
        _dietbal_offer "$cur" $words
        return 0
    fi

    # A command, or a subcommand right after its command.
    if [ -z "$cmd" ] || [ "$COMP_CWORD" -eq $((cmd_i + 1)) ]; then
        while read -r kind name rest; do
            [ "$kind" = sub ] && words="$words $name"
        done <<<"$lines"
        if [ -n "$words" ] || [ -z "$cmd" ]; then
            # shellcheck disable=SC2086 # the subcommands are words
            _dietbal_offer "$cur" $words
            return 0
        fi
    fi

    # An operand.
    while read -r kind rest; do
        if [ "$kind" = arg ]; then
            # shellcheck disable=SC2086 # the values are words
            _dietbal_offer "$cur" $rest
            return 0
        fi
    done <<<"$lines"
    return 0
}

complete -F _dietbal dietbal
