# Shared helpers for the end-to-end tests: source this file, call `t_begin`,
# run the real binary with `t_run`, check with the `t_*` assertions, finish
# with `t_end`.  Each test script works in its own temporary directory and
# database; nothing outside it is touched.
#
#   t_run ARGS...          run $DIETBAL with ARGS; sets $T_OUT $T_ERR $T_RC
#   t_ok NAME COND...      pass when the command COND succeeds
#   t_rc NAME N            pass when the last run exited with N
#   t_out_has NAME TEXT    stdout of the last run contains TEXT
#   t_err_has NAME TEXT    stderr of the last run contains TEXT
#   t_eq NAME GOT WANT     string equality
#   t_near NAME GOT WANT TOL  numeric equality within TOL
#   t_fts_diff             entries where the full-text index and food differ

set -u
T_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIETBAL=${DIETBAL:-./dietbal}
case $DIETBAL in /*) ;; *) DIETBAL="$T_ROOT/${DIETBAL#./}" ;; esac
FIX="$T_ROOT/tests/fixtures"
T_PASS=0
T_FAIL=0
T_SKIP=0
T_NAME=$(basename "$0" .sh)

t_begin() {
    T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/dietbal-e2e.XXXXXX")
    trap 't_cleanup' EXIT
    export DIETBAL_DB="$T_DIR/db/dietbal.db"
    export DIETBAL_FOODS_DIR="${DIETBAL_FOODS_DIR:-$T_ROOT/foods}"
    export NO_COLOR=1
    unset XDG_DATA_HOME
}

t_cleanup() { rm -rf "$T_DIR"; }

t_run() {
    "$DIETBAL" "$@" >"$T_DIR/out" 2>"$T_DIR/err"
    T_RC=$?
    T_OUT=$(cat "$T_DIR/out")
    T_ERR=$(cat "$T_DIR/err")
}

t_pass() { T_PASS=$((T_PASS + 1)); echo "ok   $1"; }
t_fail() {
    T_FAIL=$((T_FAIL + 1))
    echo "FAIL $1${2:+: $2}"
    echo "     rc=${T_RC:-} stdout: $(printf '%s' "${T_OUT:-}" | head -c 400)"
    echo "     stderr: $(printf '%s' "${T_ERR:-}" | head -c 400)"
}
t_skip() { T_SKIP=$((T_SKIP + 1)); echo "skip $1${2:+: $2}"; }

t_ok() {
    local name=$1
    shift
    if "$@"; then t_pass "$name"; else t_fail "$name" "$*"; fi
}
t_rc() { if [ "$T_RC" -eq "$2" ]; then t_pass "$1"; else t_fail "$1" "exit $T_RC, want $2"; fi; }
t_out_has() {
    if grep -qF -- "$2" "$T_DIR/out"; then t_pass "$1"; else t_fail "$1" "stdout lacks '$2'"; fi
}
t_err_has() {
    if grep -qF -- "$2" "$T_DIR/err"; then t_pass "$1"; else t_fail "$1" "stderr lacks '$2'"; fi
}
t_eq() { if [ "$2" = "$3" ]; then t_pass "$1"; else t_fail "$1" "got '$2', want '$3'"; fi; }
t_near() {
    if awk -v g="$2" -v w="$3" -v t="$4" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(g != "" && d <= t) }'; then
        t_pass "$1"
    else
        t_fail "$1" "got '$2', want $3 +- $4"
    fi
}

# A digest of everything a user could see in the database: to prove a
# failed command changed nothing.
t_db_digest() {
    sqlite3 "$DIETBAL_DB" .dump 2>/dev/null | sha256sum | cut -d' ' -f1
}

# Does the full-text index hold exactly what the food table says?  (FTS5's
# own 'integrity-check' does not compare an external-content index with
# its table in SQLite 3.40.)  Prints the entries that differ: none is good.
t_fts_diff() {
    sqlite3 "$DIETBAL_DB" "SAVEPOINT c;
CREATE VIRTUAL TABLE temp.fresh USING fts5(name, grp, tokenize='unicode61 remove_diacritics 2');
INSERT INTO temp.fresh(rowid, name, grp) SELECT rowid, name, grp FROM food;
CREATE VIRTUAL TABLE temp.fresh_v USING fts5vocab(temp, fresh, instance);
CREATE VIRTUAL TABLE temp.live_v USING fts5vocab(main, food_fts, instance);
SELECT (SELECT count(*) FROM (SELECT * FROM live_v EXCEPT SELECT * FROM fresh_v))
     + (SELECT count(*) FROM (SELECT * FROM fresh_v EXCEPT SELECT * FROM live_v));
ROLLBACK TO c; RELEASE c;" 2>&1
}

t_end() {
    echo "$T_NAME: $T_PASS passed, $T_FAIL failed${T_SKIP:+, $T_SKIP skipped}" |
        sed 's/, 0 skipped$//'
    [ "$T_FAIL" -eq 0 ]
}
