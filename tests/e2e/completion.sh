#!/usr/bin/env bash
# End-to-end: the bash completion (completions/dietbal.bash) sourced in
# bash, _dietbal called with COMP_WORDS / COMP_CWORD set by hand as bash
# would set them, COMPREPLY checked.
. "$(dirname "$0")/lib.sh"
t_begin

# shellcheck source=../../completions/dietbal.bash
if ! . "$T_ROOT/completions/dietbal.bash"; then
    t_fail "source completions/dietbal.bash"
    t_end
    exit 1
fi
t_eq "registered for dietbal" "$(complete -p dietbal 2>/dev/null)" "complete -F _dietbal dietbal"
# the completion asks the dietbal it completes for the words: the one under test
mkdir -p "$T_DIR/bin" && ln -s "$DIETBAL" "$T_DIR/bin/dietbal"
PATH="$T_DIR/bin:$PATH"

comp() { # words...: complete the last word; prints COMPREPLY sorted, one line
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _dietbal dietbal "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}" | sort | paste -sd' '
}

t_eq "rep -> report" "$(comp dietbal rep)" "report"
t_eq "report --f -> --format, --from" "$(comp dietbal report --f)" "--format --from"
t_eq "report --fo -> --format" "$(comp dietbal report --fo)" "--format"
t_eq "report --format h -> html" "$(comp dietbal report --format h)" "html"
t_eq "report --format: every format" "$(comp dietbal report --format '')" \
    "csv html json markdown text"
t_eq "after global options" "$(comp dietbal --db x.db --quiet r)" "recipe report rm"
t_eq "global options" "$(comp dietbal --v)" "--version"
t_eq "all commands" "$(comp dietbal '')" \
    "add backup check copy cramp day export foods import init log meal profile recipe report rm suggest supplement"
t_eq "foods subcommands" "$(comp dietbal foods s)" "search show"
t_eq "recipe subcommands" "$(comp dietbal recipe '')" "define export list rm show"
t_eq "recipe define options" "$(comp dietbal recipe define soup --s)" "--serves"
t_eq "meal save options" "$(comp dietbal meal save usual --r)" "--replace"
t_eq "meal save --meal values" "$(comp dietbal meal save usual --meal d)" "dinner"
t_eq "copy options" "$(comp dietbal copy --)" "--db --from --help --json --meal --quiet --to"
t_eq "profile set options" "$(comp dietbal profile set --s)" "--sex"
t_eq "profile set --sex values" "$(comp dietbal profile set --sex f)" "female"
t_eq "profile set --tables" "$(comp dietbal profile set --tab)" "--tables"
t_eq "profile set --tables values" "$(comp dietbal profile set --tables i)" "ifct2017 ifct2017,usda-sr24"
t_eq "init --table" "$(comp dietbal init --t)" "--table"
t_eq "init --table values" "$(comp dietbal init --table '')" "ifct2017 usda-sr24"
t_eq "import --table values" "$(comp dietbal import --table i)" "ifct2017"
t_eq "cramp add options" "$(comp dietbal cramp add --si)" "--side --site"
t_eq "cramp add --site values" "$(comp dietbal cramp add --site c)" "calf"
t_eq "cramp add pregnancy signs" "$(comp dietbal cramp add --h)" "--hard-to-walk --headache --help"
t_eq "cramp add --pain-" "$(comp dietbal cramp add --pain-)" "--pain-below-ribs --pain-persists"
t_eq "export options" "$(comp dietbal export --f)" "--format --from"
t_eq "export --format values" "$(comp dietbal export --format '')" "csv json"
t_eq "add --meal values" "$(comp dietbal add --date today --meal b)" "breakfast"
t_eq "add --date values" "$(comp dietbal add --date y)" "yesterday"
t_eq "suggest nutrients" "$(comp dietbal suggest ma)" "magnesium"
t_eq "supplement subcommands" "$(comp dietbal supplement '')" "define list show"
t_eq "supplement define options" "$(comp dietbal supplement define x --u)" "--unit"
t_eq "supplement --unit values" "$(comp dietbal supplement define x --unit s)" "sachet scoop softgel"
t_eq "common options of a command" "$(comp dietbal log --q)" "--quiet"
mkdir -p "$T_DIR/files" && touch "$T_DIR/files/week.xml"
t_eq "report --output completes files" "$(comp dietbal report --output "$T_DIR/files/w")" \
    "$T_DIR/files/week.xml"

# the completion knows every command of `dietbal --help`
t_run --help
for c in $(sed -n 's/^  \([a-z]*\) .*/\1/p' "$T_DIR/out"); do
    t_eq "completes command $c" "$(comp dietbal "$c")" "$c"
done

t_end
