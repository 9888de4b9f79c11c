#!/usr/bin/env bash
# End-to-end: issue 16, the paths that go out and the database file itself.
# Each section is one point of the issue, and each test name says which:
#   1-3  files written: never the database, FIFOs and devices as they are
#   2    a damaged schema version: refused, no crash, the file untouched
#   4    text from the database escaped for the terminal and for JSON
#   5    opening validates before it writes; read-only commands create nothing
#   6    a write error on standard output is a failure
#   7    disk full (a 2 MB tmpfs, as root)
#   durable  the WAL is kept between runs, emptied by check and backup
. "$(dirname "$0")/lib.sh"
t_begin
export DIETBAL_TODAY=2026-11-22
S="$T_DIR/s"
mkdir -p "$S" "$(dirname "$DIETBAL_DB")"
SCHEMA_VERSION=$(grep -cE '^    /\* [0-9]+: ' "$T_ROOT/src/store.c")

"$DIETBAL" --quiet import "$FIX/good.xml" >/dev/null 2>&1 || t_fail "import good.xml"
"$DIETBAL" --quiet add "1 cup @test:milk" >/dev/null 2>&1 || t_fail "one entry"
file_sum() { cat "$1" 2>/dev/null | sha256sum | cut -d' ' -f1; }
before=$(t_db_digest)

# --- 1. report --output onto the database, its files and links to them --------
ln "$DIETBAL_DB" "$S/hard.db"
ln -s "$DIETBAL_DB" "$S/sym.db"
ln -s "$DIETBAL_DB-journal" "$S/sym-journal" # dangling: no journal exists
for target in "$DIETBAL_DB" "$DIETBAL_DB-wal" "$DIETBAL_DB-shm" "$DIETBAL_DB-journal" \
    "$S/hard.db" "$S/sym.db" "$S/sym-journal" "$(dirname "$DIETBAL_DB")/../db/dietbal.db"; do
    t_run report --output "$target"
    t_rc "1: report --output $(basename "$target") is refused with 2" 2
    t_err_has "1: report --output $(basename "$target") says why" "would destroy the diary"
    t_run backup --force "$target"
    t_rc "1: backup --force $(basename "$target") is refused with 2" 2
done
t_run --db "$DIETBAL_DB" report --output /dev/fd/3 3>>"$DIETBAL_DB"
t_rc "1: report --output /dev/fd/3 opened on the database is refused" 2
t_eq "1: the diary is intact after every attempt" "$(t_db_digest)" "$before"
t_ok "1: the symbolic link is still a link" test -L "$S/sym.db"
t_ok "1: no journal was made through the dangling link" test ! -e "$DIETBAL_DB-journal"

# --- 3. FIFOs, devices, /dev/stdout, links to reports ----------------------------
mkfifo "$S/fifo"
cat "$S/fifo" >"$S/from-fifo" &
reader=$!
t_run report --output "$S/fifo"
wait "$reader"
t_rc "3: report --output FIFO exits 0" 0
t_ok "3: the FIFO is still a FIFO" test -p "$S/fifo"
t_ok "3: the report came through the FIFO" grep -q "dietbal report" "$S/from-fifo"
"$DIETBAL" report --output /dev/stdout >"$S/stdout.txt" 2>"$S/err"
t_eq "3: report --output /dev/stdout exits 0" "$?" 0
t_ok "3: --output /dev/stdout writes to standard output" grep -q "dietbal report" "$S/stdout.txt"
t_ok "3: /dev/stdout is still a link" test -L /dev/stdout
echo "old" >"$S/real.txt"
ln -s real.txt "$S/link.txt"
t_run report --output "$S/link.txt"
t_rc "3: report --output through a symbolic link exits 0" 0
t_ok "3: the symbolic link is kept" test -L "$S/link.txt"
t_ok "3: the file it points at holds the report" grep -q "dietbal report" "$S/real.txt"
t_eq "3: the replaced file is 0600" "$(stat -c %a "$S/real.txt")" 600
t_run report --output "$S"
t_rc "3: report --output DIRECTORY is refused with 2" 2
t_ok "3: no temporary file is left beside a report" \
    test -z "$(find "$S" -name '.*dietbal-*' -print -quit)"
if [ "$(id -u)" = 0 ]; then
    mknod "$S/null" c 1 3
    t_run report --output "$S/null"
    t_rc "3: report --output a character device exits 0" 0
    t_ok "3: the device is still a character device" test -c "$S/null"
    t_run backup --force "$S/null"
    t_rc "3: backup --force onto a device is refused with 2" 2
    t_ok "3: the device survives backup --force" test -c "$S/null"
else
    t_skip "3: report --output a private character device" "mknod needs root"
fi
mkdir -p "$S/elsewhere" "$S/html"
ln -s ../elsewhere "$S/html/reports"
(cd "$S/html" && "$DIETBAL" report --format html >"$S/out" 2>"$S/err")
t_ok "3: a symbolic-link reports/ is said" grep -q "reports.*symbolic link.*elsewhere" "$S/err"

# --- 2. schema versions that dietbal never writes --------------------------------
for v in -1 -2 -100000 -2147483648 $((SCHEMA_VERSION + 1)); do
    cp "$DIETBAL_DB" "$S/v.db"
    sqlite3 "$S/v.db" "PRAGMA user_version = $v"
    sum=$(file_sum "$S/v.db")
    for cmd in check log "report --format json" "add 1 cup milk" "backup $S/v-copy.db"; do
        # shellcheck disable=SC2086
        t_run --db "$S/v.db" $cmd
        t_rc "2: user_version $v: $cmd exits 2 (no crash)" 2
    done
    t_err_has "2: user_version $v: the message names the version" "schema version $v"
    t_eq "2: user_version $v: the file is untouched" "$(file_sum "$S/v.db")" "$sum"
    t_eq "2: user_version $v: still $v" "$(sqlite3 "$S/v.db" 'PRAGMA user_version')" "$v"
done
cp "$DIETBAL_DB" "$S/app.db"
sqlite3 "$S/app.db" "PRAGMA application_id = 1234"
t_run --db "$S/app.db" log
t_rc "2: another program's application_id is refused with 2" 2
t_err_has "2: the message says whose it is not" "not a dietbal database"
t_eq "2: a new database holds dietbal's application_id" \
    "$(sqlite3 "$DIETBAL_DB" 'PRAGMA application_id')" $((0x4442414C))

# --- 4. text from the database, escaped --------------------------------------------
E="$T_DIR/esc.db"
cp "$DIETBAL_DB" "$E"
sqlite3 "$E" "UPDATE food SET name = 'Milk ' || char(27) || '[2J' || char(27) || ']8;;http://evil.example/' ||
  char(7) || 'click' || char(27) || ']8;;' || char(7) || ' ' || char(0x202E) || '1890 mg' || char(0x200B) ||
  char(0xFEFF) || char(0x9B) || '31m' WHERE id = 'test:milk';
  UPDATE food SET name = CAST(X'436F64FF20C320666973680A' AS TEXT) WHERE id = 'test:cod';"
"$DIETBAL" --db "$E" add "1 cup @test:milk" "100 g @test:cod" >"$S/add.out" 2>&1
raw() { # FILE: does it hold a byte sequence a terminal obeys or hides?
    LC_ALL=C grep -q $'\x1b\|\x07\|\xc2\x9b\|\xe2\x80\xae\|\xe2\x80\x8b\|\xef\xbb\xbf\|\xff' "$1"
}
t_ok "4: add prints no raw control or format character" eval '! raw "$S/add.out"'
t_ok "4: add shows ESC as \\u{001B}" grep -qF '\u{001B}[2J' "$S/add.out"
t_ok "4: add shows U+202E as \\u{202E}" grep -qF '\u{202E}1890 mg' "$S/add.out"
t_ok "4: add shows a byte that is not UTF-8 as \\xHH" grep -qF 'Cod\xFF' "$S/add.out"
for cmd in "log" "foods search milk" "foods search cod" "foods show test:milk" \
    "foods show test:cod" "report" "report --format markdown" "report --format html" \
    "report --format csv" "day" "suggest calcium" "export" "export --format csv"; do
    # shellcheck disable=SC2086
    t_run --db "$E" $cmd
    t_no_crash "4: $cmd on hostile names: no crash"
    t_ok "4: $cmd prints no raw control or format character" eval '! raw "$T_DIR/out"'
done
for cmd in "log" "foods search milk" "foods search cod" "foods show test:cod" "report" "export"; do
    # shellcheck disable=SC2086
    t_run --db "$E" --json $cmd
    t_rc "4: --json $cmd exits 0" 0
    t_ok "4: --json $cmd is valid JSON" jq -e . "$T_DIR/out" >/dev/null
done
t_run --db "$E" --json log
t_eq "4: --json log keeps every row" "$(jq 'length' "$T_DIR/out")" 3
jq -r '.[2].food' "$T_DIR/out" >"$S/cod.txt"
t_ok "4: --json log shows bad UTF-8 as U+FFFD" grep -q "^Cod$(printf '\xef\xbf\xbd') " "$S/cod.txt"
t_run --db "$E" --json foods search cod
t_eq "4: --json foods search keeps a name that is not UTF-8" "$(jq 'length' "$T_DIR/out")" 1
for ch in '&#x202E;' '&#x200B;' '&#xFEFF;' '&#x2066;'; do
    cat >"$S/cf.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<foodtable version="1" source="a table someone sent">
  <food id="cf:1" name="Cheese$ch 1890 mg" group="Dairy">
    <portion name="slice" grams="30"/>
    <nutrient tag="CA" value="700"/>
  </food>
</foodtable>
EOF
    t_run --db "$S/cf.db" import "$S/cf.xml"
    t_rc "4: import refuses a name with $ch" 2
    t_err_has "4: import says which character ($ch)" "invisible format character"
done

# --- 5. opening validates before it writes ------------------------------------------
: >"$S/empty.db"
for cmd in check log "report" "add 1 cup milk" "profile show" "foods search milk" "import $FIX/good.xml"; do
    # shellcheck disable=SC2086
    t_run --db "$S/empty.db" $cmd
    t_rc "5: $cmd on an empty file exits 2" 2
done
t_err_has "5: an empty file: the message says init makes one" "'dietbal init'"
t_eq "5: the empty file stays empty" "$(stat -c %s "$S/empty.db")" 0
for cmd in check log report "foods search milk" "profile show" export "supplement list" \
    "suggest calcium" day "backup $S/x.db" "rm 1"; do
    # shellcheck disable=SC2086
    t_run --db "$S/none/diary.db" $cmd
    t_rc "5: $cmd without a database exits 2" 2
    t_err_has "5: $cmd without a database says to run init" "run 'dietbal init'"
done
t_ok "5: read-only commands create no directory" test ! -e "$S/none"
cp "$DIETBAL_DB" "$S/open.db"
chmod 644 "$S/open.db"
t_run --db "$S/open.db" log
t_rc "5: a 0644 database still opens" 0
t_eq "5: a 0644 database is made 0600" "$(stat -c %a "$S/open.db")" 600
(cd "$S" && XDG_DATA_HOME=relative HOME="$S/home" DIETBAL_DB='' "$DIETBAL" profile set --age 30 \
    >/dev/null 2>&1)
t_ok "5: a relative XDG_DATA_HOME is ignored" test ! -e "$S/relative"
t_ok "5: ... and the default under HOME is used" test -f "$S/home/.local/share/dietbal/dietbal.db"

# --- 6. a write error on standard output is a failure ----------------------------
if [ -w /dev/full ]; then
    for cmd in log "foods search milk" "foods show test:milk" "profile show" check "report" \
        "report --format json" "day" "suggest calcium" export \
        "supplement list" "--json log" "--json foods search milk" "--help" "--version" \
        "log --help"; do
        # shellcheck disable=SC2086
        "$DIETBAL" $cmd >/dev/full 2>"$T_DIR/err"
        T_RC=$?
        T_OUT=
        T_ERR=$(cat "$T_DIR/err")
        t_rc "6: $cmd onto /dev/full exits 1" 1
    done
    "$DIETBAL" add "1 cup @test:milk" >/dev/full 2>"$T_DIR/err"
    T_RC=$?
    T_ERR=$(cat "$T_DIR/err")
    t_rc "6: add onto /dev/full exits 1" 1
else
    t_skip "6: commands onto /dev/full" "no /dev/full"
fi

# --- durable: the WAL is kept between runs, emptied by check and backup --------------
"$DIETBAL" --quiet add "1 cup @test:milk" >/dev/null 2>&1
t_ok "durable: the WAL is kept after an add" test -s "$DIETBAL_DB-wal"
t_run check
t_rc "durable: check exits 0" 0
t_eq "durable: check empties the WAL" "$(stat -c %s "$DIETBAL_DB-wal" 2>/dev/null || echo 0)" 0

# --- 7. a full disk ------------------------------------------------------------------
if [ "$(id -u)" = 0 ] && mkdir -p "$S/tiny" && mount -t tmpfs -o size=2m tmpfs "$S/tiny" 2>/dev/null; then
    t_run --db "$S/tiny/diary.db" init
    t_rc "7: init on a full disk exits 1" 1
    t_err_has "7: init on a full disk says the disk is full" "disk is full"
    t_ok "7: init on a full disk leaves no database" test ! -e "$S/tiny/diary.db"
    t_ok "7: init on a full disk leaves no WAL" test ! -e "$S/tiny/diary.db-wal"
    t_eq "7: the tmpfs is empty again" "$(ls -A "$S/tiny")" ""
    head -c 2M /dev/zero >"$S/tiny/filler" 2>/dev/null
    t_run backup "$S/tiny/bk.db"
    t_rc "7: backup on a full disk exits 1" 1
    t_err_has "7: backup on a full disk says the disk is full" "disk is full"
    t_ok "7: backup on a full disk says it once" eval '! grep -q "backup: backup" "$T_DIR/err"'
    t_ok "7: backup on a full disk leaves no file" test ! -e "$S/tiny/bk.db"
    t_run --db "$S/tiny/none.db" log
    t_rc "7: log without a database on a full disk exits 2" 2
    rm -f "$S/tiny/filler"
    "$DIETBAL" --quiet --db "$S/tiny/small.db" import "$FIX/good.xml" >/dev/null 2>&1
    "$DIETBAL" --quiet --db "$S/tiny/small.db" check >/dev/null 2>&1
    rm -f "$S/tiny/small.db-wal" "$S/tiny/small.db-shm" # as after a clean close
    head -c 2M /dev/zero >"$S/tiny/filler" 2>/dev/null
    sum=$(file_sum "$S/tiny/small.db")
    for cmd in log report check "foods search milk"; do
        # shellcheck disable=SC2086
        t_run --db "$S/tiny/small.db" $cmd
        t_rc "7: $cmd on a full disk exits 1" 1
        t_err_has "7: $cmd on a full disk says the disk is full" "disk is full"
    done
    t_eq "7: the database on the full disk is unchanged" "$(file_sum "$S/tiny/small.db")" "$sum"
    umount "$S/tiny"
else
    t_skip "7: disk full on a 2 MB tmpfs" "needs root and tmpfs"
fi

t_end
