#!/usr/bin/env bash
# End-to-end: hostile command lines.  Every one is refused with exit status 2
# (1 for a run-time failure such as a path that cannot be written), a short
# `dietbal: what: why` message with no raw control characters in it, no
# crash, and the database exactly as it was.
#
# Linux caps one argument at 128 KB (MAX_ARG_STRLEN), so "1 MB of arguments"
# is eight arguments of 128 KB - 1.
. "$(dirname "$0")/lib.sh"
t_begin
export DIETBAL_TODAY=2026-11-22
H="$T_DIR/cli"
mkdir -p "$H"

# A table whose names are full of quotes, SQL and FTS5 syntax.
cat >"$H/sql.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<foodtable version="1" source="'; DROP TABLE food; --">
  <food id="sql:1" name="Robert'); DROP TABLE entry; -- cheese" group="x' OR '1'='1">
    <portion name="slice &quot;thick&quot;" grams="30"/>
    <nutrient tag="CA" value="700"/>
  </food>
  <food id="sql:2" name="Milk &quot;whole&quot; 100% * NEAR(a b) OR -c ^d col:e" group="%_\">
    <portion name="cup" grams="244"/>
    <nutrient tag="CA" value="113"/>
  </food>
  <food id="sql:'3" name="Plain yoghurt" group="Dairy">
    <portion name="cup" grams="245"/>
    <nutrient tag="CA" value="121"/>
  </food>
</foodtable>
EOF
t_run import "$FIX/good.xml" "$H/sql.xml"
t_rc "import names with quotes and SQL exits 0" 0
t_run add --date 2026-11-20 "1 cup @test:milk"
t_rc "one entry to keep" 0
before=$(t_db_digest)
tables=$(sqlite3 "$DIETBAL_DB" "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master ORDER BY name)")

# refused NAME STATUS ARGS...: dietbal ARGS exits STATUS with a clean, short
# message and changes nothing
refused() {
    local name=$1 want=$2
    shift 2
    t_run_bounded 60 "$@"
    t_no_crash "$name: no crash"
    t_rc "$name: exits $want" "$want"
    if head -n 1 "$T_DIR/err" | grep -qE '^dietbal: .+: .'; then
        t_pass "$name: says 'dietbal: what: why'"
    else
        t_fail "$name: says 'dietbal: what: why'"
    fi
    t_ok "$name: message is short" test "$(wc -c <"$T_DIR/err")" -lt 2048
    if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$T_DIR/err"; then
        t_fail "$name: no raw control character in the message"
    else
        t_pass "$name: no raw control character in the message"
    fi
    t_eq "$name: database unchanged" "$(t_db_digest)" "$before"
}

# --- very long arguments -----------------------------------------------------
long=$(head -c 131071 /dev/zero | tr '\0' a) # the longest one argument can be
refused "128 KB entry" 2 add "$long"
refused "128 KB food name in an entry" 2 add "1 g ${long:0:131000}"
refused "128 KB date" 2 add --date "$long" "1 cup @test:milk"
refused "128 KB time" 2 add --time "$long" "1 cup @test:milk"
refused "128 KB meal" 2 add --meal "$long" "1 cup @test:milk"
refused "128 KB food id" 2 foods show "$long"
refused "128 KB command" 2 "$long"
refused "128 KB option" 2 "--${long:0:131000}" log
refused "128 KB entry id" 2 rm "$long"
refused "128 KB age" 2 profile set --age "$long"
refused "128 KB site" 2 cramp add --site "$long"
refused "128 KB file name" 2 import "$long"
refused "128 KB database path" 2 --db "$long" log
t_err_has "128 KB database path: the reason survives" "File name too long"
refused "1 MB of entries (8 x 128 KB)" 2 add "$long" "$long" "$long" "$long" "$long" "$long" "$long" "$long"
refused "1 MB of search words (8 x 128 KB)" 1 foods search "$long" "$long" "$long" "$long" "$long" "$long" "$long" "$long"
t_err_has "1 MB search: the message keeps its start" "dietbal: foods search: nothing matches 'aaaa"
t_err_has "1 MB search: and says what was left out" "bytes ...]"

# --- control characters and quotes -------------------------------------------
esc=$'\033]0;owned\007\033[2J\033[31m'
refused "terminal escapes in an entry" 2 add "1 cup milk$esc"
t_err_has "terminal escapes in an entry: shown as \\xHH" '\x1B]0;owned\x07'
refused "terminal escapes in a date" 2 add --date "2026-11-20$esc" "1 cup @test:milk"
refused "terminal escapes in a meal" 2 add --meal "lunch$esc" "1 cup @test:milk"
refused "terminal escapes in a food id" 2 foods show "test:milk$esc"
refused "terminal escapes in a command" 2 "log$esc"
refused "a C1 escape (U+009B) in an entry" 2 add $'1 cup milk\xc2\x9b2J'
t_err_has "a C1 escape: shown as \\xHH" '\xC2\x9B'
refused "bytes that are not UTF-8 in an entry" 2 add $'1 cup \xff\xfemilk'
t_err_has "bytes that are not UTF-8: named" "not valid UTF-8"
refused "a newline in an entry id" 2 rm $'1\ndietbal: all entries removed'
t_err_has "a newline in an argument: shown as \\x0A" '\x0Adietbal: all entries removed'
refused "a tab and NUL-like junk in a time" 2 add --time $'12:\t00' "1 cup @test:milk"
refused "quotes in an entry" 2 add "1 cup \"milk' \`whoami\` \$(id)"
refused "printf formats in an entry" 2 add "1 cup %s%s%s%n%n%99999999d"
t_err_has "printf formats: printed as text" "%s%s%s%n%n%99999999d"

# --- SQL and FTS5 syntax ------------------------------------------------------
refused "SQL in an entry" 2 add "1 cup milk'); DROP TABLE entry; --"
refused "SQL in a food id" 2 add "1 g @test:milk' OR '1'='1"
refused "SQL in foods show" 2 foods show "x' OR '1'='1"
refused "SQL in an entry id" 2 rm "1 OR 1=1"
refused "SQL in a date" 2 log --date "2026-11-20' OR '1'='1"
refused "FTS5 syntax in an entry" 2 add '1 cup NEAR(milk cod) OR "x" * ^y col:z'
t_run foods search "Robert'); DROP TABLE entry; --"
t_rc "SQL as search text finds the food named so" 0
t_out_has "SQL as search text: the food" "sql:1"
t_run foods search 'milk "whole" 100% * NEAR(a b) OR -c ^d col:e'
t_rc "FTS5 syntax as search text is only words" 0
t_out_has "FTS5 syntax as search text: the food" "sql:2"
t_run foods show "sql:'3"
t_rc "a quote in a food id" 0
t_out_has "a quote in a food id: the food" "Plain yoghurt"
t_run --json foods show sql:1
t_eq "names with SQL come back as stored" "$(jq -r .name "$T_DIR/out")" "Robert'); DROP TABLE entry; -- cheese"
t_eq "no table was dropped" \
    "$(sqlite3 "$DIETBAL_DB" "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master ORDER BY name)")" \
    "$tables"
t_eq "the searches changed nothing" "$(t_db_digest)" "$before"

# --- dates far away and impossible -------------------------------------------
for d in 0001-01-01 9999-12-31 1899-12-31 2201-01-01; do
    t_keep far-dates || continue
    refused "date $d" 2 add --date "$d" "1 cup @test:milk"
    t_err_has "date $d: says the years" "outside the years 1900 to 2200"
    refused "log of $d" 2 log --date "$d"
    refused "cramp on $d" 2 cramp add --date "$d"
    refused "birth date $d" 2 profile set --birth-date "$d"
done
for d in 2026-13-01 2026-00-10 2026-02-29 2026-04-31 0000-00-00 2026-1-1 20261120 \
    "2026-11-20 " " 2026-11-20" 2026-11-20x -2026-01-01 tomorrow TODAY 2026/11/20; do
    t_keep bad-dates || continue
    refused "date '$d'" 2 add --date "$d" "1 cup @test:milk"
    t_err_has "date '$d': is not a date" "is not a date"
done
refused "a future date" 2 add --date 2026-11-23 "1 cup @test:milk"
refused "--from after --to" 2 log --from 2026-11-20 --to 2026-11-01
t_run log --from 1900-01-01 --to 2200-12-31
t_rc "the widest period is fine" 0

# --- huge, tiny and impossible quantities --------------------------------------
for q in 1e308 1e400 99999999999999999999 100001 0.0001 inf nan NaN 0x10 -1 +1 \
    1,5 1/0 "1 1/0" 0 0.0 ".." 1.2.3 "1e-400" "1/99999999999999999"; do
    t_keep quantities || continue
    refused "quantity '$q'" 2 add -- "$q g @test:milk"
done
refused "6 kg without --force" 2 add "6 kg @test:milk"
refused "100000 cups (24,400 kg) even with --force" 2 add --force "100000 cup @test:milk"
t_err_has "100000 cups: says why" "more than anyone eats at once (at most 100 kg)"
for a in 1e308 99999999999999999999 0x20 -5 " 30" 30.5 inf nan ""; do
    t_keep ages || continue
    refused "age '$a'" 2 profile set --age "$a"
done
for w in 1e400 0x40 inf nan -1 1e308 ""; do
    t_keep weights || continue
    refused "weight '$w'" 2 profile set --weight-kg "$w"
done
for v in 99999999999999999999 1e1 0 11 ""; do
    t_keep severities || continue
    refused "cramp severity '$v'" 2 cramp add --severity "$v"
done
for v in 1e308 nan inf -1 0x10 ""; do
    t_keep minutes || continue
    refused "cramp minutes '$v'" 2 cramp add --duration-min "$v"
done
for v in 99999999999999999999 0 1e2 ""; do
    t_keep limits || continue
    refused "search limit '$v'" 2 foods search --limit "$v" milk
done
for v in 99999999999999999999 0 1e3 0x10 1abc; do
    t_keep ids || continue
    refused "entry id '$v'" 2 rm "$v"
done

# --- empty strings ------------------------------------------------------------
refused "empty entry" 2 add ""
refused "blank entry" 2 add "   "
refused "empty date" 2 add --date "" "1 cup @test:milk"
refused "empty time" 2 add --time "" "1 cup @test:milk"
refused "empty meal" 2 add --meal "" "1 cup @test:milk"
refused "empty search" 2 foods search ""
refused "search of only punctuation" 2 foods search "%%% *"
refused "empty food id" 2 foods show ""
t_err_has "empty food id: shown as \"\"" 'dietbal: "": '
refused "empty entry id" 2 rm ""
refused "empty file name" 2 import ""
refused "empty command" 2 ""
refused "empty --db" 2 --db "" log
refused "empty --db=" 2 --db= log
refused "empty sex" 2 profile set --sex ""

# --- --db pointing at the wrong thing ------------------------------------------
mkdir -p "$H/a-directory"
refused "--db a directory" 2 --db "$H/a-directory" log
t_err_has "--db a directory: says so" "is a directory"
echo "These are my notes, not a database." >"$H/notes.txt"
cp "$H/notes.txt" "$H/notes.copy"
refused "--db a text file" 2 --db "$H/notes.txt" add "1 cup @test:milk"
t_err_has "--db a text file: says so" "file is not a database"
t_ok "--db a text file: the file is untouched" cmp -s "$H/notes.txt" "$H/notes.copy"
refused "--db a gzip file" 2 --db "$FIX/good.xml.gz" log
refused "--db /dev/null" 2 --db /dev/null log
t_err_has "--db /dev/null: says so" "not a regular file"
sqlite3 "$H/other.db" "CREATE TABLE accounts(owner, balance); INSERT INTO accounts VALUES ('me', 10)"
other=$(sqlite3 "$H/other.db" .dump | sha256sum)
refused "--db another program's SQLite file" 2 --db "$H/other.db" add "1 cup @test:milk"
t_err_has "--db another program's SQLite file: says so" "not a dietbal database"
t_eq "--db another program's SQLite file: left alone" "$(sqlite3 "$H/other.db" .dump | sha256sum)" "$other"
refused "--db under a regular file" 1 --db "$H/notes.txt/diary.db" log
t_err_has "--db under a regular file: says why" "Not a directory"
# (a command that stores: log only reads and creates nothing)
refused "--db in /proc (cannot be created)" 1 --db /proc/dietbal-test.db profile set --age 30
refused "--db a device (/dev/full)" 2 --db /dev/full log
if [ "$(id -u)" -ne 0 ]; then
    mkdir -p "$H/read-only"
    chmod 500 "$H/read-only"
    refused "--db in a read-only directory" 1 --db "$H/read-only/diary.db" log
    chmod 700 "$H/read-only"
else
    t_skip "--db in a read-only directory" "root writes anywhere"
fi
t_end
