#!/usr/bin/env bash
# End-to-end measurement: how many everyday food entries, typed the way a
# pregnant woman in the US or the UK logs a week, land on a food and an amount
# a dietitian would accept (tests/everyday/entries.txt; the format and how the
# ranges were chosen are in tests/everyday/README).
#
# Each entry runs as `dietbal add $ADD_ARGS --json ENTRY` on a database with
# the whole USDA table and that dialect's units profile, and is classified:
#   resolved      exit 0, food_id among IDS, grams within [MIN_G, MAX_G]
#   unparsed      exit 2, the message is about the quantity, unit or syntax
#   not found     exit 2, no food matched
#   ambiguous     exit 2, several foods listed
#   wrong food    exit 0, a food outside IDS
#   wrong amount  exit 0, the right food but grams outside the range
#   error         anything else (other messages, exit 1, crashes)
# It prints every failure, then `everyday: N/M resolved (x.x%)` and the counts
# per cause.  The one check: at least 95 % resolved.
#
# Environment:
#   ENTRIES    the set to run (default tests/everyday/entries.txt)
#   PASS_PERCENT  the rate the check asks for (default 95)
#   ADD_ARGS   options for `add` before --json (default --dry-run; set it
#              empty, ADD_ARGS=, to use plain `add` on the throw-away database)
#   VERBOSE=1  print every entry with its result, not only the failures
#   INIT_ARGS  options for `init` (default none: the USDA table; the Indian
#              set of tests/e2e/ifct2017.sh gives --table ifct2017 --table
#              usda-sr24)
#   SET_NAME   the name printed with the rate (default everyday)
# DIALECT "in" (India) runs with metric units.
# Under valgrind (DIETBAL_WRAP) only every 25th entry runs and the rate is not
# checked: the check is then that none of them crashed or made valgrind fail.
. "$(dirname "$0")/lib.sh"
t_begin
export DIETBAL_TODAY=2026-11-22
ENTRIES=${ENTRIES:-$T_ROOT/tests/everyday/entries.txt}
ADD_ARGS=${ADD_ARGS-"--dry-run"}
VERBOSE=${VERBOSE:-0}
PASS_PERCENT=${PASS_PERCENT:-95}
INIT_ARGS=${INIT_ARGS:-}
SET_NAME=${SET_NAME:-everyday}
SAMPLE_EVERY=25 # under valgrind: one entry in this many

if [ ! -r "$ENTRIES" ]; then
    t_fail "everyday set" "cannot read $ENTRIES"
    t_end
    exit 1
fi
# shellcheck disable=SC2086 # INIT_ARGS is a list of options
"$DIETBAL" --quiet init $INIT_ARGS >/dev/null 2>&1 || {
    t_fail "init" "dietbal init failed"
    t_end
    exit 1
}
# One food table, one copy per dialect with that dialect's units.  `profile set
# --units` is new: its failure is ignored until every binary has it.
for dialect in us uk in; do
    units=$dialect
    [ "$dialect" = in ] && units=metric
    cp "$DIETBAL_DB" "$T_DIR/$dialect.db"
    "$DIETBAL" --db "$T_DIR/$dialect.db" --quiet profile set --units "$units" \
        >/dev/null 2>&1 </dev/null || true
done

no_run() { # t_fail shows the last run: say there is none when it is not the cause
    T_RC=''
    T_OUT=''
    T_ERR=''
}

trim() { # NAME: strip leading and trailing blanks from the variable NAME
    local -n v=$1
    v=${v#"${v%%[![:space:]]*}"}
    v=${v%"${v##*[![:space:]]}"}
}

first_line() { # FILE: sets LINE to its first non-blank line (300 characters)
    LINE=
    local l
    while IFS= read -r l || [ -n "$l" ]; do
        if [[ $l =~ [^[:space:]] ]]; then
            LINE=${l:0:300}
            return
        fi
    done <"$1"
}

# classify IDS MIN MAX: sets CAUSE ("" when resolved) and SAID (what dietbal
# said or chose) from the last t_run
classify() {
    local ids=$1 lo=$2 hi=$3 id grams name
    CAUSE=error
    SAID=
    if [ "$T_RC" -eq 0 ]; then
        IFS=$'\t' read -r id grams name < <(jq -r 'if type == "array" and length == 1
            then [.[0].food_id // "", (.[0].grams // "" | tostring), .[0].food // ""] | join("\t")
            else "-" end' "$T_DIR/out" 2>/dev/null)
        if [ -z "$id" ] || [ "$id" = - ]; then
            first_line "$T_DIR/out"
            SAID="exit 0 but the output is not an array of one JSON object: $LINE"
            return
        fi
        SAID="$id ($name) $grams g"
        if [[ ",$ids," != *",$id,"* ]]; then
            CAUSE="wrong food"
        elif ! awk -v g="$grams" -v lo="$lo" -v hi="$hi" \
            'BEGIN { exit !(g != "" && g + 0 >= lo + 0 && g + 0 <= hi + 0) }'; then
            CAUSE="wrong amount"
            SAID="$SAID, want $lo-$hi g"
        else
            CAUSE=
        fi
        return
    fi
    first_line "$T_DIR/err"
    SAID=${LINE:-"nothing on stderr"}
    if [ "$T_RC" -ne 2 ]; then
        SAID="exit $T_RC: $SAID"
        return
    fi
    # The order matters: a list of candidates also names foods and units.
    local err=${T_ERR,,} ats=${T_ERR//[^@]/}
    if [ "${#ats}" -ge 2 ] || [[ $err =~ several\ foods|ambiguous|say\ which|which\ one ]]; then
        CAUSE=ambiguous
    elif [[ $err =~ no\ food|not\ found|nothing\ matches|unknown\ food ]]; then
        CAUSE="not found"
    elif [[ $err =~ quantity|unit|volume|portion|it\ takes|syntax|not\ understood ]]; then
        CAUSE=unparsed
    fi
}

declare -A BY_CAUSE=([unparsed]=0 ["not found"]=0 [ambiguous]=0 ["wrong food"]=0
    ["wrong amount"]=0 [error]=0)
CAUSES=(unparsed "not found" ambiguous "wrong food" "wrong amount" error)
total=0
resolved=0
line_no=0
crashed=0
# shellcheck disable=SC2206 # ADD_ARGS is a list of options
add_args=($ADD_ARGS)

while IFS= read -r line || [ -n "$line" ]; do
    line_no=$((line_no + 1))
    case $line in '' | '#'*) continue ;; esac
    IFS='|' read -r dialect meal entry ids lo hi _note <<<"$line"
    for field in dialect meal entry ids lo hi; do trim "$field"; done
    ids=${ids// /}
    case $dialect in us | uk | in) ;; *)
        no_run
        t_fail "${ENTRIES##*/} line $line_no" "dialect '$dialect' is not us, uk or in"
        continue
        ;;
    esac
    if [ -z "$entry" ] || [ -z "$ids" ] || [ -z "$lo" ] || [ -z "$hi" ]; then
        no_run
        t_fail "${ENTRIES##*/} line $line_no" "a field is empty"
        continue
    fi
    total=$((total + 1))
    if t_wrapped && [ $((total % SAMPLE_EVERY)) -ne 1 ]; then
        continue
    fi
    t_run --db "$T_DIR/$dialect.db" add "${add_args[@]}" --json "$entry" </dev/null
    case $T_RC in 0 | 1 | 2) ;; *) crashed=$((crashed + 1)) ;; esac
    classify "$ids" "$lo" "$hi"
    if [ -z "$CAUSE" ]; then
        resolved=$((resolved + 1))
        [ "$VERBOSE" = 1 ] && echo "info $dialect $meal \"$entry\": resolved: $SAID"
    else
        BY_CAUSE[$CAUSE]=$((BY_CAUSE[$CAUSE] + 1))
        echo "info $dialect $meal \"$entry\": $CAUSE: $SAID"
    fi
done <"$ENTRIES"

ran=$total
if t_wrapped; then
    ran=$(((total + SAMPLE_EVERY - 1) / SAMPLE_EVERY))
fi
rate=$(awk -v r="$resolved" -v n="$ran" 'BEGIN { printf "%.1f", n ? 100 * r / n : 0 }')
echo "$SET_NAME: $resolved/$ran resolved ($rate%)"
for c in "${CAUSES[@]}"; do
    echo "$SET_NAME:   $c: ${BY_CAUSE[$c]}"
done

if t_wrapped; then
    t_skip "$SET_NAME: at least $PASS_PERCENT% resolved" \
        "under valgrind only one entry in $SAMPLE_EVERY runs"
    t_ok "$SET_NAME: no crash or valgrind error in $ran sampled entries" [ "$crashed" -eq 0 ]
elif [ "$ran" -eq 0 ]; then
    t_fail "$SET_NAME: at least $PASS_PERCENT% resolved" "no entries in $ENTRIES"
else
    if awk -v r="$resolved" -v n="$ran" -v p="$PASS_PERCENT" 'BEGIN { exit !(100 * r >= p * n) }'; then
        t_pass "$SET_NAME: at least $PASS_PERCENT% resolved ($rate%)"
    else
        no_run
        t_fail "$SET_NAME: at least $PASS_PERCENT% resolved" "$resolved/$ran resolved ($rate%)"
    fi
fi
t_end
