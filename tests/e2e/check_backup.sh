#!/usr/bin/env bash
# End-to-end: `dietbal check`, `dietbal backup`, and the modes of the files
# that hold health data.
. "$(dirname "$0")/lib.sh"
t_begin
export DIETBAL_TODAY=2026-11-22
B="$T_DIR/bk"
mkdir -p "$B"
q() { sqlite3 "$1" "$2" 2>&1; }

t_run check
t_rc "check without a database exits 2" 2
t_err_has "check without a database says so" "no database at $DIETBAL_DB"
t_ok "check creates no database" test ! -e "$DIETBAL_DB"
t_run backup "$B/copy.db"
t_rc "backup without a database exits 2" 2

umask 000 # the files must be private whatever the umask
t_run import "$FIX/good.xml"
t_rc "import exits 0" 0
t_eq "database file is 0600 under umask 000" "$(stat -c %a "$DIETBAL_DB")" 600
t_eq "its directory is 0700 under umask 000" "$(stat -c %a "$(dirname "$DIETBAL_DB")")" 700
t_run add --date 2026-11-20 "1 cup @test:milk" "100 g @test:cod"
t_rc "add exits 0" 0

# --- check ------------------------------------------------------------------
t_run check
t_rc "check of a sound database exits 0" 0
t_out_has "check says ok" "$DIETBAL_DB: ok (integrity_check, foreign_key_check, schema)"
t_run --json check
t_eq "check --json: ok" "$(jq -r '.ok, (.problems | length)' "$T_DIR/out" | tr '\n' ' ')" "true 0 "
before=$(t_db_digest)
t_run check --bogus
t_rc "check --bogus exits 2" 2
t_run check extra
t_rc "check with an argument exits 2" 2

cp "$DIETBAL_DB" "$B/fk.db"
q "$B/fk.db" "PRAGMA foreign_keys = OFF;
    INSERT INTO entry(id, date, food, grams) VALUES (77, '2026-11-21', 9999, 10);
    INSERT INTO food_value(food, nutrient, value) VALUES (8888, 2, 1)" >/dev/null
t_run --db "$B/fk.db" check
t_rc "check of rows pointing at no food exits 1" 1
t_out_has "check names the entry" "foreign_key_check: entry row 77 refers to a missing row of food"
t_out_has "check names the value" "foreign_key_check: a row of food_value refers to a missing row of food"
t_err_has "check says what to do" "the database is damaged (2 problems); restore a backup"
t_run --db "$B/fk.db" --json check
t_eq "check --json lists them" "$(jq -r '.ok, (.problems | length)' "$T_DIR/out" | tr '\n' ' ')" "false 2 "

# garbage over the root page of the entry table
for i in $(seq 1 30); do
    args=()
    for k in $(seq 1 100); do args+=("$k g @test:milk"); done
    "$DIETBAL" --quiet --db "$B/big.db" add --date 2026-11-19 "${args[@]}" 2>/dev/null ||
        { "$DIETBAL" --quiet --db "$B/big.db" import "$FIX/good.xml" 2>/dev/null; }
done
root=$(q "$B/big.db" "SELECT rootpage FROM sqlite_master WHERE name = 'entry'")
psize=$(q "$B/big.db" "PRAGMA page_size")
head -c "$psize" /dev/zero | tr '\0' '\245' |
    dd of="$B/big.db" bs="$psize" seek=$((root - 1)) conv=notrunc 2>/dev/null
t_run --db "$B/big.db" check
t_rc "check of a damaged file exits 1" 1
t_out_has "check lists integrity_check's findings" "integrity_check: "
t_err_has "check says the database is damaged" "the database is damaged"

# --- backup -------------------------------------------------------------------
t_run backup "$B/copy.db"
t_rc "backup exits 0" 0
t_out_has "backup says where" "backed up to $B/copy.db"
t_eq "the copy is 0600 under umask 000" "$(stat -c %a "$B/copy.db")" 600
t_eq "the copy is intact" "$(q "$B/copy.db" 'PRAGMA integrity_check')" ok
t_eq "the copy is one file (no WAL)" "$(q "$B/copy.db" 'PRAGMA journal_mode')" delete
t_eq "the copy holds the diary" "$(q "$B/copy.db" 'SELECT count(*), sum(grams) FROM entry')" "2|344.0"
t_run --db "$B/copy.db" check
t_rc "dietbal opens and checks the copy" 0
t_eq "backup changed nothing" "$(t_db_digest)" "$before"
echo "keep me" >"$B/precious.db"
t_run backup "$B/precious.db"
t_rc "backup over an existing file exits 2" 2
t_err_has "backup over an existing file says --force" "exists (--force replaces it)"
t_eq "the existing file is untouched" "$(cat "$B/precious.db")" "keep me"
t_run backup --force "$B/precious.db"
t_rc "backup --force over an existing file exits 0" 0
t_eq "--force replaced it with the copy" "$(q "$B/precious.db" 'SELECT count(*) FROM entry')" 2
t_eq "the replaced file is 0600" "$(stat -c %a "$B/precious.db")" 600
t_run backup --force "$DIETBAL_DB"
t_rc "backup over the database itself exits 2" 2
t_err_has "backup over the database itself says so" "is the database itself"
# (the WAL is kept between runs: it must be left as it is, not replaced)
for f in "$DIETBAL_DB-wal" "$DIETBAL_DB-shm" "$DIETBAL_DB-journal" \
    "$(dirname "$DIETBAL_DB")/../db/./$(basename "$DIETBAL_DB")"; do
    wal_before=$(stat -c %i "$DIETBAL_DB-wal" 2>/dev/null)
    t_run backup --force "$f"
    t_rc "backup over $(basename "$f") beside the database exits 2" 2
    t_ok "backup over $(basename "$f"): nothing made" test ! -e "$DIETBAL_DB-journal"
    t_eq "backup over $(basename "$f"): the WAL is the same file" \
        "$(stat -c %i "$DIETBAL_DB-wal" 2>/dev/null)" "$wal_before"
done
t_run backup "$B"
t_rc "backup to a directory exits 2" 2
t_run backup "$B/no/such/dir/copy.db"
t_rc "backup into a missing directory exits 1" 1
t_run backup ""
t_rc "backup to an empty name exits 2" 2
t_run backup
t_rc "backup without a file exits 2" 2
t_eq "no temporary file is left" "$(find "$B" -name '*.tmp-*' -o -name '.*.dietbal-*' | wc -l)" 0
t_eq "the database is unchanged" "$(t_db_digest)" "$before"

# --- backup while entries are being added --------------------------------------
# A writer adds 60 batches of 5 entries; each backup taken meanwhile must be
# one consistent state: intact, openable, and holding whole batches only.
# A reader holds the database open meanwhile, so that its -wal and -shm
# files stay there to be looked at.
mkfifo "$B/reader"
sqlite3 "$DIETBAL_DB" <"$B/reader" >/dev/null 2>&1 &
reader=$!
exec 6>"$B/reader"
echo "SELECT count(*) FROM food;" >&6
(
    for i in $(seq 1 60); do
        "$DIETBAL" --quiet add --date 2026-11-21 "1 g @test:cod" "2 g @test:cod" "3 g @test:cod" \
            "4 g @test:cod" "5 g @test:cod" || echo "add $i failed" >>"$B/writer.fail"
    done
) &
writer=$!
copies=0 consistent=0 modes=""
while kill -0 "$writer" 2>/dev/null; do
    copies=$((copies + 1))
    [ -e "$DIETBAL_DB-wal" ] && modes="$modes $(stat -c %a "$DIETBAL_DB-wal" "$DIETBAL_DB-shm" 2>/dev/null | tr '\n' ' ')"
    if "$DIETBAL" --quiet backup --force "$B/live.db" 2>>"$B/backup.err" &&
        [ "$(q "$B/live.db" 'PRAGMA integrity_check')" = ok ] &&
        "$DIETBAL" --quiet --db "$B/live.db" check >/dev/null &&
        [ "$(q "$B/live.db" "SELECT count(*) % 5, coalesce(sum(grams), 0) * 5 = count(*) * 15
              FROM entry WHERE date = '2026-11-21'")" = "0|1" ]; then
        consistent=$((consistent + 1))
    else
        cp "$B/live.db" "$B/inconsistent-$copies.db" 2>/dev/null
    fi
done
wait "$writer"
exec 6>&-
wait "$reader"
echo "     ($copies backups while adding; WAL and SHM modes seen:${modes:- none})"
T_ERR=$(cat "$B/backup.err" "$B/writer.fail" 2>/dev/null)
t_ok "several backups were taken while entries were added" test "$copies" -ge 3
t_eq "every one of them is intact and holds whole adds only" "$consistent" "$copies"
t_ok "the writer never failed" test ! -e "$B/writer.fail"
t_eq "all 300 entries were added" "$(q "$DIETBAL_DB" "SELECT count(*) FROM entry WHERE date = '2026-11-21'")" 300
t_ok "the WAL and shared-memory files were seen" test -n "$(echo "$modes" | tr -d ' ')"
t_ok "the WAL and shared-memory files are 0600 too" \
    test -z "$(echo "$modes" | tr ' ' '\n' | grep -v '^600$' | grep .)"
t_end
