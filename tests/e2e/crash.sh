#!/usr/bin/env bash
# End-to-end: SIGKILL at random moments.  After every kill the database
# opens (for dietbal and for sqlite3), passes PRAGMA integrity_check, and
# holds either everything of the interrupted command or nothing of it:
#
# 1. import of a 50,000-food table into an empty database: 0 foods, or all
#    of them with the value sum the generator computed;
# 2. re-import of that table with every value changed: all foods of the old
#    version (old sum) or all of the new one (new sum), never a mix;
# 3. add of 200 entries at once: the diary grows by 0 or 200 entries.
#
# Kill times are spread evenly over the length of an uninterrupted run (one
# per slice, at a random point in it), so every phase of the command is hit.
# make check: 8 + 8 + 8 trials; make check-long (DIETBAL_LONG=1): 40 + 40 + 20.
. "$(dirname "$0")/lib.sh"
t_begin
GEN="$T_ROOT/tests/tools/genfoods.awk"
C="$T_DIR/crash"
mkdir -p "$C"

if t_wrapped; then
    t_skip "crash tests" "a killed valgrind proves nothing about dietbal; run without DIETBAL_WRAP"
    t_end
    exit
fi
if [ "${DIETBAL_LONG:-}" = 1 ]; then
    t1=40 t2=40 t3=20
elif t_sanitized; then
    t1=3 t2=3 t3=3
else
    t1=8 t2=8 t3=8
fi
foods=50000
db="$C/diary.db"

awk -v n=$foods -v tags=4 -v sums="$C/old.sums" -f "$GEN" >"$C/old.xml"
awk -v n=$foods -v tags=4 -v seed=1 -v sums="$C/new.sums" -f "$GEN" >"$C/new.xml"
read -r _ _ old_sum <"$C/old.sums"
read -r _ _ new_sum <"$C/new.sums"
t_ok "the two versions of the table differ" test "$old_sum" != "$new_sum"

ms() { date +%s%3N; }

# run_killed DELAY_MS ARGS...: start dietbal ARGS, SIGKILL it after DELAY_MS
# (if it is still running); T_RC is its status (137 when killed)
run_killed() {
    local delay=$1
    shift
    "$DIETBAL" "$@" >"$C/out" 2>"$C/err" &
    local pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -KILL "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null # (no "Killed" from the shell)
    T_RC=$?
}

# slice_delay I N TOTAL_MS: a random point in the I-th of N slices of TOTAL_MS
slice_delay() {
    echo $((($1 * $3 + RANDOM % 1000 * $3 / 1000) / $2))
}

q() { sqlite3 "$db" "$1" 2>&1; }

# healthy NAME: the database opens and is intact
healthy() {
    local name=$1 ok=1 why=""
    if [ -e "$db" ]; then
        local ic
        ic=$(q 'PRAGMA integrity_check')
        [ "$ic" = ok ] || { ok=0; why="integrity_check: $ic"; }
    fi
    if ! "$DIETBAL" --db "$db" log --date 2026-01-01 >/dev/null 2>"$C/open.err"; then
        ok=0
        why="$why dietbal cannot open it: $(head -c 300 "$C/open.err")"
    fi
    [ "$(q 'PRAGMA integrity_check')" = ok ] || { ok=0; why="$why; integrity_check after reopening"; }
    [ -z "$(q 'PRAGMA foreign_key_check')" ] || { ok=0; why="$why; foreign_key_check"; }
    if [ $ok = 1 ]; then healthy_ok=$((healthy_ok + 1)); else
        T_ERR=$why
        t_fail "$name: database opens and is intact"
    fi
}

# table_state: "empty", "old", "new" or "MIXED: ..." from the foods, their
# names (which carry the version) and the sum of all values
table_state() {
    local row
    row=$(q "SELECT count(*), sum(name LIKE '% version 0, %'), sum(name LIKE '% version 1, %'),
                    (SELECT count(*) FROM food_value), (SELECT CAST(sum(value) AS INTEGER) FROM food_value)
             FROM food")
    case $row in
    "0|||0|") echo empty ;;
    "$foods|$foods|0|$((foods * 10))|$old_sum") echo old ;;
    "$foods|0|$foods|$((foods * 10))|$new_sum") echo new ;;
    *) echo "MIXED: $row" ;;
    esac
}

# --- 1: import into an empty database ------------------------------------------
start=$(ms)
"$DIETBAL" --db "$db" --quiet import "$C/old.xml"
import_ms=$(($(ms) - start))
t_eq "an uninterrupted import gives the whole table" "$(table_state)" old
echo "     (import of $foods foods: $import_ms ms)"
cp "$db" "$C/old.db" # a closed database holds everything in the main file
states=""
healthy_ok=0
for i in $(seq 0 $((t1 - 1))); do
    rm -f "$db" "$db-wal" "$db-shm"
    delay=$(slice_delay "$i" "$t1" $((import_ms * 11 / 10)))
    run_killed "$delay" --db "$db" --quiet import "$C/old.xml"
    healthy "import killed at $delay ms"
    state=$(table_state)
    states="$states $delay:$state"
    case $state in empty | old) ;; *) T_ERR="killed at $delay ms: $state"
        t_fail "import killed at $delay ms leaves nothing or everything" ;;
    esac
done
echo "     (kill time in ms: state)$states"
t_eq "import killed $t1 times: the database opened and was intact each time" "$healthy_ok" "$t1"
t_ok "import killed $t1 times: every kill left nothing or the whole table" \
    test -z "$(echo "$states" | grep MIXED)"

# --- 2: re-import with every value changed ------------------------------------
cp "$C/old.db" "$db"
rm -f "$db-wal" "$db-shm"
start=$(ms)
"$DIETBAL" --db "$db" --quiet import "$C/new.xml"
reimport_ms=$(($(ms) - start))
t_eq "an uninterrupted re-import gives the whole new table" "$(table_state)" new
echo "     (re-import of $foods changed foods: $reimport_ms ms)"
states=""
healthy_ok=0
for i in $(seq 0 $((t2 - 1))); do
    cp "$C/old.db" "$db"
    rm -f "$db-wal" "$db-shm"
    delay=$(slice_delay "$i" "$t2" $((reimport_ms * 11 / 10)))
    run_killed "$delay" --db "$db" --quiet import "$C/new.xml"
    healthy "re-import killed at $delay ms"
    state=$(table_state)
    states="$states $delay:$state"
    case $state in old | new) ;; *) T_ERR="killed at $delay ms: $state"
        t_fail "re-import killed at $delay ms leaves the old or the new table" ;;
    esac
done
echo "     (kill time in ms: state)$states"
t_eq "re-import killed $t2 times: the database opened and was intact each time" "$healthy_ok" "$t2"
t_ok "re-import killed $t2 times: the old table or the new one, never a mix" \
    test -z "$(echo "$states" | grep MIXED)"

# --- 3: add of 200 entries -------------------------------------------------------
cp "$C/old.db" "$db"
rm -f "$db-wal" "$db-shm"
entries=()
for k in $(seq 1 200); do entries+=("$k g @gen:$(printf %07d $((k * 250)))"); done
start=$(ms)
"$DIETBAL" --db "$db" --quiet add --date 2026-01-01 "${entries[@]}"
add_ms=$(($(ms) - start))
# 1 + 2 + ... + 200 g = 200 x 201 / 2
t_eq "an uninterrupted add stores 200 entries" "$(q 'SELECT count(*), sum(grams) FROM entry')" "200|20100.0"
echo "     (add of 200 entries: $add_ms ms)"
states=""
healthy_ok=0
for i in $(seq 0 $((t3 - 1))); do
    before=$(q 'SELECT count(*) FROM entry')
    delay=$(slice_delay "$i" "$t3" $((add_ms * 11 / 10)))
    run_killed "$delay" --db "$db" --quiet add --date 2026-01-01 "${entries[@]}"
    healthy "add killed at $delay ms"
    after=$(q 'SELECT count(*) FROM entry')
    states="$states $delay:+$((after - before))"
    if [ $((after - before)) -ne 0 ] && [ $((after - before)) -ne 200 ]; then
        T_ERR="killed at $delay ms: $((after - before)) entries added"
        t_fail "add killed at $delay ms stores all 200 entries or none"
    fi
done
echo "     (kill time in ms: entries added)$states"
t_eq "add killed $t3 times: the database opened and was intact each time" "$healthy_ok" "$t3"
total=$(q 'SELECT count(*) FROM entry')
t_eq "add killed $t3 times: whole adds only (1..200 g once in each)" \
    "$(q 'SELECT (SELECT count(*) % 200 FROM entry), (SELECT count(DISTINCT grams) FROM entry),
             (SELECT max(n) = min(n) FROM (SELECT count(*) AS n FROM entry GROUP BY grams))')" \
    "0|200|1"
echo "     ($total entries after $t3 killed adds and one whole one)"
t_end
