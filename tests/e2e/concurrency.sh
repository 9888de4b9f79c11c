#!/usr/bin/env bash
# End-to-end: several dietbal processes on one database at the same time.
#
# 1. Many processes create the same new database at once: every one of them
#    must open it (no "database is locked": switching a new file to WAL and
#    migrating it can meet SQLITE_BUSY that the busy timeout does not cover).
#    (A process that holds the write lock of a new file makes this happen
#    every time; several processes racing make it happen now and then.)
# 2. Two processes each add 500 entries at the same time: all 1,000 are
#    stored, each exactly once, and no failure reaches the user.
#
# make check adds in batches (10 entries per `dietbal add`); make check-long
# (DIETBAL_LONG=1) runs one `dietbal add` per entry.
. "$(dirname "$0")/lib.sh"
t_begin

if t_wrapped; then
    rounds=2 procs=4 batch=100
elif t_sanitized; then
    rounds=5 procs=8 batch=25
elif [ "${DIETBAL_LONG:-}" = 1 ]; then
    rounds=100 procs=8 batch=1
else
    rounds=10 procs=8 batch=10
fi

# shellcheck disable=SC2086 # DIETBAL_WRAP is a command line
dietbal() { ${DIETBAL_WRAP:-} "$DIETBAL" "$@"; }

# --- 1: a new database opened while another process writes to it ----------
# Another process holds the write lock of a new file (rollback journal, as a
# dietbal switching it to WAL does): the opening dietbal must wait for it,
# not fail at once with "database is locked" (SQLite does not call the busy
# handler for a journal-mode change that meets a reserved lock).
mkdir -p "$T_DIR/held"
mkfifo "$T_DIR/held/cmd"
sqlite3 "$T_DIR/held/diary.db" <"$T_DIR/held/cmd" >/dev/null 2>&1 &
holder=$!
exec 5>"$T_DIR/held/cmd"
echo "BEGIN IMMEDIATE; CREATE TABLE hold(x); INSERT INTO hold VALUES (1);" >&5 # (rolled back)
for _ in $(seq 1 100); do # until the lock is held: its journal exists
    [ -e "$T_DIR/held/diary.db-journal" ] && break
    sleep 0.05
done
t_ok "another process holds the write lock" test -e "$T_DIR/held/diary.db-journal"
# (profile set: a command that stores may create a database; log only reads)
dietbal --db "$T_DIR/held/diary.db" profile set --age 30 >"$T_DIR/out" 2>"$T_DIR/err" &
opener=$!
sleep 0.5
echo "ROLLBACK;" >&5
exec 5>&-
wait "$opener"
T_RC=$?
T_ERR=$(cat "$T_DIR/err")
wait "$holder"
# the current schema version: the number of migrations in src/store.c (each
# opens with a "/* N: ..." comment), so that a new migration needs no edit here
SCHEMA_VERSION=$(grep -cE '^    /\* [0-9]+: ' "$T_ROOT/src/store.c")
if t_wrapped; then
    # valgrind starts dietbal after the holder has let go and the empty file
    # is over the 2 s an empty file counts as "being made" by another process
    t_skip "open waits for the other writer and succeeds" "too slow to start under valgrind"
    t_skip "the database was made once the lock was free" "too slow to start under valgrind"
else
    t_rc "open waits for the other writer and succeeds" 0
    t_eq "the database was made once the lock was free" \
        "$(sqlite3 "$T_DIR/held/diary.db" "SELECT count(*) FROM sqlite_master WHERE name = 'hold';
            PRAGMA user_version; PRAGMA journal_mode" | tr '\n' ' ')" \
        "0 $SCHEMA_VERSION wal "
fi
t_eq "no 'database is locked'" "$(grep -c locked "$T_DIR/err")" 0

# --- 2: a new database opened by many processes at once ---------------------
failures=0
for r in $(seq 1 "$rounds"); do
    db="$T_DIR/race/$r/diary.db"
    for k in $(seq 1 "$procs"); do
        (dietbal --db "$db" profile set --age 30 >/dev/null 2>"$T_DIR/race-$k.err"
            echo $? >"$T_DIR/race-$k.rc") &
    done
    wait
    for k in $(seq 1 "$procs"); do
        if [ "$(cat "$T_DIR/race-$k.rc")" != 0 ]; then
            failures=$((failures + 1))
            [ "$failures" -eq 1 ] && cp "$T_DIR/race-$k.err" "$T_DIR/race.err"
        fi
    done
done
T_ERR=$(cat "$T_DIR/race.err" 2>/dev/null)
T_RC=
t_eq "$procs processes x $rounds new databases: every open succeeds" "$failures" 0
t_eq "each new database is at the current schema version" \
    "$(sqlite3 "$T_DIR/race/1/diary.db" 'PRAGMA user_version')" "$SCHEMA_VERSION"
t_eq "each new database is in WAL mode" \
    "$(sqlite3 "$T_DIR/race/1/diary.db" 'PRAGMA journal_mode')" wal
t_eq "the nutrient table was filled once" \
    "$(sqlite3 "$T_DIR/race/$rounds/diary.db" 'SELECT count(*) = count(DISTINCT tag) AND count(*) = max(id) + 1 FROM nutrient')" 1
rm -rf "$T_DIR/race"

# --- 3: two writers, 500 entries each ----------------------------------------
t_run import "$FIX/good.xml"
t_rc "import good.xml exits 0" 0

# writer FOOD: adds "N g @FOOD" for N = 1..500, BATCH entries per command;
# every failed command is kept with its stderr
writer() {
    local food=$1 n=1 args rc
    while [ "$n" -le 500 ]; do
        args=()
        while [ "${#args[@]}" -lt "$batch" ] && [ "$n" -le 500 ]; do
            args+=("$n g @$food")
            n=$((n + 1))
        done
        dietbal --quiet add --date 2026-01-15 "${args[@]}" 2>>"$T_DIR/writer-$food.err"
        rc=$?
        [ "$rc" -ne 0 ] && echo "exit $rc at $n" >>"$T_DIR/writer-$food.fail"
    done
    return 0
}
: >"$T_DIR/writer-test:milk.err"
: >"$T_DIR/writer-test:cod.err"
start=$SECONDS
writer test:milk &
writer test:cod &
wait
echo "     (two writers, batches of $batch: $((SECONDS - start)) s)"

T_ERR=$(cat "$T_DIR"/writer-*.err "$T_DIR"/writer-*.fail 2>/dev/null | head -c 2000)
t_ok "no add failed" test ! -e "$T_DIR/writer-test:milk.fail" -a ! -e "$T_DIR/writer-test:cod.fail"
t_ok "no error reached the user" test ! -s "$T_DIR/writer-test:milk.err" -a ! -s "$T_DIR/writer-test:cod.err"
q() { sqlite3 "$DIETBAL_DB" "$1"; }
t_eq "all 1,000 entries stored" "$(q 'SELECT count(*) FROM entry')" 1000
# each writer stored 1 g, 2 g, ... 500 g once: 500 entries, 500 x 501 / 2 g
for food in test:milk test:cod; do
    t_eq "$food: 500 entries, 1..500 g, each once" \
        "$(q "SELECT count(*), count(DISTINCT e.grams), sum(e.grams), min(e.grams), max(e.grams)
              FROM entry e JOIN food f ON f.rowid = e.food WHERE f.id = '$food'")" \
        "500|500|125250.0|1.0|500.0"
done
t_eq "the database is intact" "$(q 'PRAGMA integrity_check')" ok
t_end
