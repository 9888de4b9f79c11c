#!/usr/bin/env bash
# End-to-end: what `dietbal COMMAND -h` offers and what dietbal(1) documents
# for it are the same options (as git's t/t0450-txt-doc-vs-help.sh).  For
# each command of `dietbal --help`: the options named in the man page's
# synopsis lines of that command (".TP" then ".B, .BR or .BI COMMAND ..."), against
# those `dietbal COMMAND -h` and `dietbal COMMAND SUB -h` print for every
# subcommand those lines name.  The options every command takes (--db,
# --json, --quiet, --help) are the man page's GLOBAL OPTIONS and left out.
. "$(dirname "$0")/lib.sh"
t_begin

MAN="$T_ROOT/dietbal.1"
COMMON="--db --help --json --quiet"

# The synopsis lines of command $1, font escapes and \- undone.
man_lines() {
    awk -v cmd="$1" '
        prev == ".TP" && ($1 == ".B" || $1 == ".BR" || $1 == ".BI") {
            line = substr($0, length($1) + 2)
            gsub(/\\f[BIR]/, "", line)
            gsub(/\\-/, "-", line)
            gsub(/"/, "", line)
            split(line, w, " ")
            if (w[1] == cmd) print line
        }
        { prev = $1 }' "$MAN"
}

# The --options in stdin, sorted, once each, the common ones left out.
options() {
    grep -oE -- '--[a-z][a-z0-9-]*' | sort -u | grep -vxF -f <(tr ' ' '\n' <<<"$COMMON")
}

t_run --help
commands=$(sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' "$T_DIR/out")
t_ok "dietbal --help lists the commands" test -n "$commands"

for cmd in $commands; do
    lines=$(man_lines "$cmd")
    if [ -z "$lines" ]; then
        t_fail "$cmd: no synopsis line in dietbal.1"
        continue
    fi
    # the subcommands: the lowercase words of the synopsis, options' values aside
    subs=$(tr ' |' '\n\n' <<<"$lines" | grep -xE '[a-z]+' | grep -vxF "$cmd" | sort -u)
    help=$("$DIETBAL" "$cmd" -h 2>&1)
    for sub in $subs; do
        help="$help
$("$DIETBAL" "$cmd" "$sub" -h 2>/dev/null)"
    done
    documented=$(options <<<"$lines")
    offered=$(options <<<"$help")
    t_eq "$cmd: the options of -h are those of dietbal.1" \
        "$(paste -sd' ' <<<"$offered")" "$(paste -sd' ' <<<"$documented")"
done

t_end
