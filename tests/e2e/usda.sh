#!/usr/bin/env bash
# End-to-end: `dietbal init` imports the whole bundled USDA SR24 table, and
# `foods show` / `foods search` give the USDA values.
. "$(dirname "$0")/lib.sh"
t_begin

t_run init
t_rc "init exits 0" 0
t_eq "all 8858 USDA foods imported" "$(sqlite3 "$DIETBAL_DB" 'SELECT count(*) FROM food')" 8858
t_ok "database file is 0600" test "$(stat -c %a "$DIETBAL_DB")" = 600

t_eq "full-text index matches the foods" "$(t_fts_diff)" 0

t_run init
t_rc "second init exits 0" 0
t_out_has "second init changes nothing" "0 added, 0 updated, 8858 unchanged"

# USDA SR24, NDB 01077, per 100 g: Ca 113 mg, P 84 mg, Mg 10 mg, protein 3.15 g
t_run foods show usda:01077 --json
t_rc "foods show --json exits 0" 0
j() { jq -r "$1" "$T_DIR/out"; }
t_eq "milk calcium" "$(j .nutrients.CA.value)" 113
t_eq "milk calcium unit" "$(j .nutrients.CA.unit)" mg
t_eq "milk phosphorus" "$(j .nutrients.P.value)" 84
t_eq "milk magnesium" "$(j .nutrients.MG.value)" 10
t_eq "milk protein" "$(j .nutrients.PROCNT.value)" 3.15
t_eq "milk energy" "$(j .nutrients.ENERC_KCAL.value)" 61
t_eq "milk first portion is the cup" "$(j '.portions[0].name')" cup
t_eq "milk cup grams" "$(j '.portions[0].grams')" 244
t_eq "milk group" "$(j .group)" "Dairy and Egg Products"

t_run foods show usda:01077
t_rc "foods show text exits 0" 0
t_out_has "text view names the food" "Milk, whole, 3.25% milkfat"

t_run foods show usda:00000
t_rc "unknown id exits 2" 2
t_err_has "unknown id says so" "usda:00000: no such food"

t_run foods search whole milk --json
t_rc "search exits 0" 0
t_eq "search 'whole milk' ranks whole milk first" "$(j '.[0].id')" usda:01077
t_run foods search milk --json
t_eq "search 'milk' ranks whole milk first" "$(j '.[0].id')" usda:01077
t_run foods search "'; DROP TABLE food; --"
t_eq "SQL in search text is only text" "$(sqlite3 "$DIETBAL_DB" 'SELECT count(*) FROM food')" 8858
t_end
