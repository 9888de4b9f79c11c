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
    "$bin" "$@" --completion-helper 2>/dev/null
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
