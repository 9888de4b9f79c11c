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
#   t_no_crash NAME        the last run ended with status 0, 1 or 2 (no signal,
#                          no timeout, no valgrind error)
#   t_run_bounded SECS ARGS...  t_run under `timeout SECS`, also setting
#                          $T_RSS_KB (peak memory, "" without /usr/bin/time)
#   t_light / t_wrapped / t_sanitized  how the binary runs (see below)
#   t_keep LIST            in a loop over cases: under valgrind, true for the
#                          first two cases of LIST only (each run there costs
#                          seconds and the rest add nothing about memory)
#
# Environment:
#   DIETBAL        the binary under test (default ./dietbal)
#   DIETBAL_WRAP   a command line the binary runs under, split on spaces:
#                  DIETBAL_WRAP="valgrind --error-exitcode=99 -q" (make valgrind)
#   DIETBAL_LONG   1: the long versions of the big tests (make check-long)

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
    # shellcheck disable=SC2086 # DIETBAL_WRAP is a command line
    ${DIETBAL_WRAP:-} "$DIETBAL" "$@" >"$T_DIR/out" 2>"$T_DIR/err"
    T_RC=$?
    T_OUT=$(cat "$T_DIR/out")
    T_ERR=$(cat "$T_DIR/err")
}

# The binary runs under a wrapper (valgrind): everything is ~50 times slower.
t_wrapped() { [ -n "${DIETBAL_WRAP:-}" ]; }
# The binary is built with AddressSanitizer: slower, and its memory use is
# not the program's own.
t_sanitized() { ldd "$DIETBAL" 2>/dev/null | grep -q 'libasan'; }
# Neither: timings and peak memory mean something.
t_light() { ! t_wrapped && ! t_sanitized; }

t_run_bounded() {
    local secs=$1
    shift
    T_RSS_KB=
    if [ -x /usr/bin/time ]; then
        # shellcheck disable=SC2086
        timeout -k 5 "$secs" /usr/bin/time -f '%M' -o "$T_DIR/rss" \
            ${DIETBAL_WRAP:-} "$DIETBAL" "$@" >"$T_DIR/out" 2>"$T_DIR/err"
        T_RC=$?
        T_RSS_KB=$(tail -n 1 "$T_DIR/rss" 2>/dev/null | grep -E '^[0-9]+$')
    else
        # shellcheck disable=SC2086
        timeout -k 5 "$secs" ${DIETBAL_WRAP:-} "$DIETBAL" "$@" >"$T_DIR/out" 2>"$T_DIR/err"
        T_RC=$?
    fi
    T_OUT=$(head -c 100000 "$T_DIR/out")
    T_ERR=$(head -c 100000 "$T_DIR/err")
}

declare -A T_KEPT
T_LEFT_OUT=0
t_keep() {
    t_wrapped || return 0
    T_KEPT[$1]=$((${T_KEPT[$1]:-0} + 1))
    [ "${T_KEPT[$1]}" -le 2 ] && return 0
    T_LEFT_OUT=$((T_LEFT_OUT + 1))
    return 1
}

# Peak memory of the last t_run_bounded below MB megabytes (skipped when
# it cannot be measured or means nothing: no /usr/bin/time, sanitizers,
# valgrind).
t_rss_below() {
    if ! t_light; then
        t_skip "$1" "peak memory is not the program's own under a sanitizer or valgrind"
    elif [ -z "${T_RSS_KB:-}" ]; then
        t_skip "$1" "/usr/bin/time is not installed (apt-get install time)"
    elif [ "$T_RSS_KB" -lt $(($2 * 1024)) ]; then
        t_pass "$1"
    else
        t_fail "$1" "peak memory $((T_RSS_KB / 1024)) MB, want < $2 MB"
    fi
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
t_no_crash() { # dietbal's own statuses only: no signal (>= 128), timeout (124), valgrind (99)
    case $T_RC in
    0 | 1 | 2) t_pass "$1" ;;
    *) t_fail "$1" "exit $T_RC: killed by a signal, timed out or a valgrind error" ;;
    esac
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
    [ "$T_LEFT_OUT" -gt 0 ] &&
        t_skip "$T_LEFT_OUT more cases of the same kinds" "under valgrind only two of each list run"
    echo "$T_NAME: $T_PASS passed, $T_FAIL failed${T_SKIP:+, $T_SKIP skipped}" |
        sed 's/, 0 skipped$//'
    [ "$T_FAIL" -eq 0 ]
}
