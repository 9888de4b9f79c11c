#!/usr/bin/env bash
# Checks the committed food table foods/usda-sr24.xml.gz (USDA SR24, built by
# scripts/usda-sr24 from Debian's cronometer package) without dietbal itself:
#   (a) it decompresses and is valid against foods/foodtable.xsd
#   (b) it holds all 8858 foods
#   (c) whole milk usda:01077 has the published SR24 values
#   (d) only with DIETBAL_CHECK_USDA_SOURCE=1: rebuilding it from the package
#       gives the same bytes.  Off by default because it downloads the
#       package (apt-get download cronometer, or $DIETBAL_CRONOMETER_DEB).
# Run from anywhere; it works from the repository root.  Needs gzip, xmllint.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2

NAME=usda_table_check
TABLE=foods/usda-sr24.xml.gz
SCHEMA=foods/foodtable.xsd
PASS=0
FAIL=0
SKIP=0

pass() { PASS=$((PASS + 1)); echo "ok   $1"; }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $1${2:+: $2}"; }
skip() { SKIP=$((SKIP + 1)); echo "skip $1${2:+: $2}"; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/usda_table_check.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
XML=$TMP/usda-sr24.xml

# (a) Streaming validation keeps memory flat on the 18 MB table.
if ! gzip -dc "$TABLE" >"$XML" 2>"$TMP/err"; then
    fail "(a) $TABLE decompresses" "$(head -c 400 "$TMP/err")"
elif ! xmllint --stream --noout --schema "$SCHEMA" "$XML" 2>"$TMP/err"; then
    fail "(a) $TABLE is valid against $SCHEMA" "$(grep -v ' validates$' "$TMP/err" | head -c 400)"
else
    pass "(a) $TABLE is valid against $SCHEMA"
fi

# (b) and (c) read the file once each; an unreadable file gives "" and fails.
xpath() { xmllint --xpath "$1" "$XML" 2>/dev/null; }

got=$(xpath 'count(/foodtable/food)')
if [ "$got" = 8858 ]; then
    pass "(b) 8858 foods"
else
    fail "(b) 8858 foods" "got '$got'"
fi

# (c) USDA SR24 NDB 01077, per 100 g: energy 61 kcal, protein 3.15 g,
# Ca 113 mg, P 84 mg, Mg 10 mg; 1 cup = 244 g.  Compared as text: the table
# keeps the source's digits.
milk='/foodtable/food[@id="usda:01077"]'
n() { printf '%s/nutrient[@tag="%s"]/@value' "$milk" "$1"; }
got=$(xpath "concat($(n CA),' ',$(n P),' ',$(n MG),' ',$(n PROCNT),' ',$(n ENERC_KCAL),' ',$milk/portion[@name=\"cup\"]/@amount,' ',$milk/portion[@name=\"cup\"]/@grams)")
want="113 84 10 3.15 61 1 244"
if [ "$got" = "$want" ]; then
    pass "(c) whole milk usda:01077: CA P MG PROCNT ENERC_KCAL, cup amount grams = $want"
else
    fail "(c) whole milk usda:01077" "CA P MG PROCNT ENERC_KCAL, cup amount grams: got '$got', want '$want'"
fi

# (d)
if [ "${DIETBAL_CHECK_USDA_SOURCE:-}" = 1 ]; then
    if ! scripts/usda-sr24 --out "$TMP/rebuilt.xml.gz" 2>"$TMP/log"; then
        fail "(d) scripts/usda-sr24 rebuilds the table" "$(tail -n 5 "$TMP/log")"
    elif cmp -s "$TMP/rebuilt.xml.gz" "$TABLE"; then
        pass "(d) rebuilt table is byte-identical to $TABLE"
    elif gzip -dc "$TMP/rebuilt.xml.gz" | cmp -s - "$XML"; then
        # Same XML, different deflate output: most likely a zlib other than
        # the classic one (e.g. zlib-ng) behind Python.
        fail "(d) rebuilt table is byte-identical to $TABLE" "the XML is identical but the gzip bytes differ (different zlib?)"
    else
        fail "(d) rebuilt table is byte-identical to $TABLE" "the XML differs: $(gzip -dc "$TMP/rebuilt.xml.gz" | cmp - "$XML" 2>&1 | head -n 1); $(grep -E 'sha256|warning' "$TMP/log" | head -n 3)"
    fi
else
    skip "(d) rebuild from the cronometer package" "set DIETBAL_CHECK_USDA_SOURCE=1 to run it"
fi

if [ "$SKIP" -gt 0 ]; then
    echo "$NAME: $PASS passed, $FAIL failed, $SKIP skipped"
else
    echo "$NAME: $PASS passed, $FAIL failed"
fi
[ "$FAIL" -eq 0 ]
