# bash completion for dietbal(1): commands, their subcommands and options,
# and the values of options that take a fixed set (--format, --meal, --sex,
# --site, --side, --unit, --table, --tables), dates (today, yesterday) and
# file names.
#
# Installed by `make install` as $(PREFIX)/share/bash-completion/completions/dietbal;
# or source it from ~/.bashrc:  . /path/to/dietbal/completions/dietbal.bash
# Keep it in step with the options of src/cmd_*.c and dietbal.1.

_dietbal() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=""
    local commands="init import foods profile add supplement recipe meal copy log rm day cramp report
                    suggest export check backup"
    local global="--db --json --quiet --help --version"
    local common="--db --json --quiet --help"
    local i cmd="" cmd_i=0 sub="" words=""

    [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()

    # The command is the first word that is not a global option; for foods,
    # profile, cramp, supplement, recipe and meal the word after it is a
    # subcommand.
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

    # Values of the option just before the cursor.
    case $prev in
    --db | --output | -o)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return 0
        ;;
    --format)
        if [ "$cmd" = export ]; then words="csv json"; else words="text markdown html json csv"; fi
        ;;
    --meal) words="breakfast lunch dinner snack" ;;
    --sex) words="female male" ;;
    --site) words="calf foot thigh other" ;;
    --side) words="left right both" ;;
    --units) words="us uk metric" ;;
    --table) words="usda-sr24 ifct2017" ;;
    --tables) words="ifct2017,usda-sr24 usda-sr24,ifct2017 usda-sr24 ifct2017" ;;
    --unit) words="tablet capsule softgel sachet scoop ml drop" ;;
    --date | --from | --to | --due-date | --birth-date) words="today yesterday" ;;
    --week | --time | --severity | --duration-min | --age | --weight-kg | --limit | --name | \
        --yield | --serves)
        return 0 # a number, a time or a week: nothing to offer
        ;;
    esac
    if [ -n "$words" ]; then
        mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
        return 0
    fi

    if [ -z "$cmd" ]; then
        if [[ $cur == -* ]]; then
            words=$global
        else
            words=$commands
        fi
        mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
        return 0
    fi

    case $cmd in
    foods | profile | cramp | supplement | recipe | meal)
        if [ "$COMP_CWORD" -eq $((cmd_i + 1)) ] && [[ $cur != -* ]]; then
            case $cmd in
            foods) words="search show forget" ;;
            supplement) words="define list show" ;;
            recipe) words="define show list rm export" ;;
            meal) words="save define list show rm" ;;
            profile) words="set show" ;;
            cramp) words="add" ;;
            esac
            mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
            return 0
        fi
        ;;
    esac

    if [[ $cur == -* ]]; then
        case $cmd in
        add) words="--date --time --meal --force --dry-run" ;;
        init | import) words="--table" ;;
        log) words="--date --from --to" ;;
        report) words="--week --from --to --format --output" ;;
        export) words="--from --to --format" ;;
        suggest) words="--limit" ;;
        backup) words="--force" ;;
        copy) words="--from --to --meal" ;;
        recipe)
            case $sub in
            define) words="--yield --serves --force" ;;
            rm) words="--force" ;;
            esac
            ;;
        meal)
            case $sub in
            save) words="--date --meal --replace" ;;
            define) words="--replace" ;;
            esac
            ;;
        check) words="--repair" ;;
        foods) [ "$sub" = search ] && words="--limit" ;;
        supplement) [ "$sub" = define ] && words="--name --unit" ;;
        profile)
            [ "$sub" = set ] &&
                words="--age --birth-date --sex --weight-kg --pregnant --due-date --lactating --none
                       --units --tables"
            ;;
        cramp)
            [ "$sub" = add ] &&
                words="--date --time --severity --duration-min --site --side --night --swelling
                       --redness --warmth --hard-to-walk --pain-persists --sudden-swelling
                       --headache --vision-problems --pain-below-ribs"
            ;;
        esac
        mapfile -t COMPREPLY < <(compgen -W "$words $common" -- "$cur")
        return 0
    fi

    case $cmd in
    import | backup)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        ;;
    suggest)
        mapfile -t COMPREPLY < <(compgen -W "calcium magnesium potassium protein water" -- "$cur")
        ;;
    day)
        mapfile -t COMPREPLY < <(compgen -W "today yesterday" -- "$cur")
        ;;
    esac
    return 0
}

complete -F _dietbal dietbal
