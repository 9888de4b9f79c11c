#!/usr/bin/env bash
# End-to-end: `dietbal import` and `dietbal foods` on fixture tables.
# Every bad table exits 2 with FILE:LINE:COL and leaves the database as it was.
. "$(dirname "$0")/lib.sh"
t_begin

t_run import "$FIX/good.xml"
t_rc "import good.xml exits 0" 0
t_ok "database file is 0600" test "$(stat -c %a "$DIETBAL_DB")" = 600
t_ok "database directory is 0700" test "$(stat -c %a "$(dirname "$DIETBAL_DB")")" = 700
foods=$(sqlite3 "$DIETBAL_DB" 'SELECT count(*) FROM food')
want=$(grep -c '<food ' "$FIX/good.xml")
t_eq "every food of good.xml stored" "$foods" "$want"
t_out_has "summary counts added foods" "$want added"

t_run import "$FIX/good.xml"
t_rc "re-import exits 0" 0
t_out_has "re-import is idempotent" "0 added, 0 updated, $want unchanged"
t_eq "re-import adds no rows" "$(sqlite3 "$DIETBAL_DB" 'SELECT count(*) FROM food')" "$want"

t_run import "$FIX/good.xml.gz"
t_rc "gzip table imports" 0
t_eq "full-text index matches the foods" "$(t_fts_diff)" 0

# a changed table: the renamed food is found by its new name only
sed -e 's/name="Milk, whole, 3.25% milkfat"/name="Milk, buttermilk, cultured"/' \
    "$FIX/good.xml" >"$T_DIR/renamed.xml"
t_run import "$T_DIR/renamed.xml"
t_rc "re-import of a changed table exits 0" 0
t_out_has "one food updated" "0 added, 1 updated"
t_run foods search buttermilk --json
t_eq "renamed food found by its new name" "$(jq -r '.[0].id' "$T_DIR/out")" test:milk
t_run foods search milkfat --json
t_eq "old name no longer found" "$(jq -r 'length' "$T_DIR/out")" 0
t_eq "full-text index matches the foods after an update" "$(t_fts_diff)" 0
t_run import "$FIX/good.xml"
t_out_has "and back" "0 added, 1 updated"

before=$(t_db_digest)
for f in "$FIX"/bad-*.xml; do
    b=$(basename "$f")
    t_run import "$f"
    t_rc "$b exits 2" 2
    # compiler-style position: the file name, a line and a column
    if grep -qE "^dietbal: [^:]*$b:[0-9]+(:[0-9]+)?: " "$T_DIR/err"; then
        t_pass "$b error gives FILE:LINE"
    else
        t_fail "$b error gives FILE:LINE"
    fi
    t_eq "$b leaves the database unchanged" "$(t_db_digest)" "$before"
done

# a bad file after a good one: nothing of either is imported
t_run import "$FIX/good.xml" "$FIX/bad-negative.xml"
t_rc "good + bad exits 2" 2
t_eq "good + bad imports nothing" "$(t_db_digest)" "$before"
t_run import "$T_DIR/renamed.xml" "$FIX/bad-negative.xml"
t_rc "changed + bad exits 2" 2
t_eq "changed + bad changes nothing" "$(t_db_digest)" "$before"
t_eq "full-text index still matches the foods" "$(t_fts_diff)" 0

t_run import "$T_DIR/no-such-file.xml"
t_rc "missing file exits 2" 2
t_err_has "missing file says why" "No such file or directory"

t_run import --bogus
t_rc "unknown option exits 2" 2

t_eq "no row points at a missing food or nutrient" \
    "$(sqlite3 "$DIETBAL_DB" 'PRAGMA foreign_key_check' | wc -l)" 0

# the XXE fixture must never leak the file it points at
t_run import "$FIX/bad-xxe.xml"
host=$(cat /etc/hostname 2>/dev/null || true)
if [ -n "$host" ] && grep -qF "$host" "$T_DIR/err" "$T_DIR/out"; then
    t_fail "XXE content never appears"
else
    t_pass "XXE content never appears"
fi

# (last: this breaks the database)
# An import checks foreign keys once, up front: a nutrient table that lacks
# one of dietbal's nutrients (id 5 renumbered) stops it before any row.
sqlite3 "$DIETBAL_DB" 'UPDATE nutrient SET id = 1000 WHERE id = 5'
before=$(t_db_digest)
t_run import "$T_DIR/renamed.xml"
t_rc "import into a database with a broken nutrient table exits 1" 1
t_err_has "it says what is wrong" "the nutrient table lacks 1 of dietbal's"
t_eq "and changes nothing" "$(t_db_digest)" "$before"

t_end
