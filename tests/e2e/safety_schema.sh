#!/usr/bin/env bash
# End-to-end: issue 16, `check` of the schema and `check --repair`, and the
# smaller points (8): a busy database, rm's ids, the same food id in two
# files of one import, an invalid DIETBAL_TODAY.
. "$(dirname "$0")/lib.sh"
t_begin
export DIETBAL_TODAY=2026-11-22
S="$T_DIR/s"
mkdir -p "$S"

"$DIETBAL" --quiet import "$FIX/good.xml" >/dev/null 2>&1 || t_fail "import good.xml"
"$DIETBAL" --quiet add "1 cup @test:milk" "100 g @test:cod" "1 cup @test:milk" >/dev/null 2>&1 ||
    t_fail "three entries"
entries() { sqlite3 "$DIETBAL_DB" "SELECT count(*) FROM entry"; }

# --- check: the schema the version needs ---------------------------------------
t_run check
t_rc "schema: check of a sound database exits 0" 0
t_out_has "schema: check says the schema was checked" "schema)"
for drop in "DROP INDEX entry_by_food" "DROP TRIGGER food_ai" "DROP TABLE food_fts" \
    "DROP TABLE food_fts_idx" "DELETE FROM food_fts_docsize"; do
    cp "$DIETBAL_DB" "$S/c.db"
    rm -f "$S"/c.db-*
    sqlite3 "$S/c.db" "$drop"
    before=$(sqlite3 "$S/c.db" "SELECT count(*), sum(grams) FROM entry")
    t_run --db "$S/c.db" check
    t_rc "schema: check after '$drop' exits 1" 1
    t_err_has "schema: check after '$drop' names the fix" "check --repair"
    t_run --db "$S/c.db" check --repair
    t_rc "schema: check --repair after '$drop' exits 0" 0
    t_err_has "schema: check --repair says what it repaired" "repaired"
    t_run --db "$S/c.db" check
    t_rc "schema: check after the repair of '$drop' exits 0" 0
    t_eq "schema: the repair of '$drop' kept every entry" \
        "$(sqlite3 "$S/c.db" "SELECT count(*), sum(grams) FROM entry")" "$before"
    t_run --db "$S/c.db" foods search milk
    t_rc "schema: foods search works after the repair of '$drop'" 0
done
t_run --db "$S/c.db" check
t_out_has "schema: after the repairs check says ok" ": ok ("
cp "$DIETBAL_DB" "$S/t.db"
rm -f "$S"/t.db-*
sqlite3 "$S/t.db" "DROP TABLE choice"
t_run --db "$S/t.db" check --repair
t_rc "schema: a missing table of data is not repaired (exit 1)" 1
t_out_has "schema: the missing table is named" "table choice is missing"
t_err_has "schema: ... with the fix: restore a backup" "restore a backup"
t_run --db "$S/t.db" --json check
t_ok "schema: --json check lists it" jq -e '.ok == false and (.problems | length) == 1' "$T_DIR/out"

# --- 8: a busy database ------------------------------------------------------------
if t_light; then
    mkfifo "$S/cmd"
    sqlite3 "$DIETBAL_DB" <"$S/cmd" >/dev/null 2>&1 &
    holder=$!
    exec 5>"$S/cmd"
    echo "BEGIN IMMEDIATE; INSERT INTO profile(key, value) VALUES ('held', 'x');" >&5
    for _ in $(seq 1 100); do
        [ -n "$(sqlite3 "$DIETBAL_DB" 'BEGIN IMMEDIATE; ROLLBACK' 2>&1)" ] && break
        sleep 0.05
    done
    n=$(entries)
    t_run add "1 cup @test:milk"
    echo "ROLLBACK;" >&5
    exec 5>&-
    wait "$holder"
    t_rc "8: add on a database held by another process exits 1" 1
    t_err_has "8: ... says nothing was stored" "nothing was stored"
    t_err_has "8: ... names the process holding it" "(pid $holder, sqlite3)"
    t_eq "8: ... and stored nothing" "$(entries)" "$n"
else
    t_skip "8: add on a busy database" "10 s of waiting under a sanitizer or valgrind"
fi

# --- 8: rm's ids ----------------------------------------------------------------------
n=$(entries)
for id in " 1" "+2" "-1" "1e0" "0x1" "1 " ""; do
    t_run rm "$id"
    t_rc "8: rm '$id' is refused with 2" 2
done
t_eq "8: nothing was removed by the refused ids" "$(entries)" "$n"
t_run rm 3 3
t_rc "8: rm 3 3 removes entry 3 (exit 0)" 0
t_eq "8: rm 3 3 removed one entry" "$(entries)" $((n - 1))

# --- 8: the same food id in two files of one import ----------------------------------
sed 's/name="Water, tap"/name="Water, from the second file"/' "$FIX/good.xml" >"$S/second.xml"
t_run --db "$S/i.db" import "$FIX/good.xml" "$S/second.xml"
t_rc "8: one food id in two files of one import is refused with 2" 2
t_err_has "8: ... the message names the id and both files" "test:milk is also in $FIX/good.xml"
t_ok "8: ... and nothing was imported" test "$(sqlite3 "$S/i.db" 'SELECT count(*) FROM food' 2>/dev/null || echo 0)" = 0

# --- 8: DIETBAL_TODAY --------------------------------------------------------------------
for bad in "tomorrowish" "2026-13-01" "22/11/2026"; do
    DIETBAL_TODAY=$bad t_run log
    t_rc "8: DIETBAL_TODAY='$bad' is refused with 2" 2
    t_err_has "8: DIETBAL_TODAY='$bad': the message names it" "DIETBAL_TODAY"
done

t_end
