#!/usr/bin/env bash
# End-to-end: making a new database is all or nothing.
#
# The first command that stores something makes the database.  It is built
# under a temporary name beside the file and linked into place only when
# its schema is written, so a dietbal killed at any moment while making it
# leaves either no database or a whole one, never an empty file (which
# every later command would refuse as "not a database").  What a killed
# making leaves under its temporary name is removed by the next making,
# once it is a minute old.
. "$(dirname "$0")/lib.sh"
t_begin

if t_light; then kills=40; else kills=10; fi
C="$T_DIR/create"
mkdir -p "$C"
db="$C/diary.db"

# --- 1: killed while making it -------------------------------------------------
# Delays from 0 ms upwards cover the moments before, while and after the
# schema is written (an add on a new database takes ~20 ms here).
empty=0 refused=0 made=0
for i in $(seq 0 $((kills - 1))); do
    rm -f "$db" "$db-wal" "$db-shm"
    "$DIETBAL" --db "$db" profile set --age 30 >/dev/null 2>&1 &
    pid=$!
    sleep "0.$(printf '%03d' $((i * 40 / kills)))"
    kill -KILL "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null
    [ -e "$db" ] || continue
    made=$((made + 1))
    [ -s "$db" ] || empty=$((empty + 1))
    "$DIETBAL" --db "$db" log --date 2026-01-01 >/dev/null 2>"$C/err" || {
        refused=$((refused + 1))
        T_ERR=$(cat "$C/err")
    }
done
echo "     ($made of $kills killed makings left a database)"
t_eq "a making killed $kills times never leaves an empty file" "$empty" 0
t_eq "every database a killed making left opens" "$refused" 0

# --- 2: what killed makings left is swept ------------------------------------
rm -f "$C"/.diary.db.dietbal-* "$db" "$db-wal" "$db-shm"
for f in .diary.db.dietbal-OLDaaa .diary.db.dietbal-OLDaaa-wal .diary.db.dietbal-OLDbbb-journal; do
    printf 'x' >"$C/$f"
    touch -d '5 minutes ago' "$C/$f"
done
printf 'x' >"$C/.diary.db.dietbal-NEWccc"      # being made by another dietbal
printf 'x' >"$C/.other.db.dietbal-OLDddd"      # another database's
touch -d '5 minutes ago' "$C/.other.db.dietbal-OLDddd"
printf 'x' >"$C/.diary.db.dietbal-OLDeee.html" # not one of the names it makes
touch -d '5 minutes ago' "$C/.diary.db.dietbal-OLDeee.html"
t_run --db "$db" profile set --age 30
t_rc "a new database is made beside leftovers" 0
left=$(cd "$C" && find . -name '.*dietbal-*' | sort | tr '\n' ' ')
t_eq "the leftovers of killed makings are removed, nothing else" "$left" \
    "./.diary.db.dietbal-NEWccc ./.diary.db.dietbal-OLDeee.html ./.other.db.dietbal-OLDddd "
t_eq "the new database is the user's alone" "$(stat -c %a "$db")" 600
t_run --db "$db" profile show --json
t_out_has "the new database holds what was stored" '"age"'

t_end
