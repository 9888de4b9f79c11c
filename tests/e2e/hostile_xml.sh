#!/usr/bin/env bash
# End-to-end: hostile food tables.  Every one is refused with exit status 2
# and a `dietbal: FILE...: why` message, within bounded time and memory,
# and leaves the database exactly as it was.  Nothing outside the file is
# ever read or fetched.  Big inputs are generated here, into the test's
# temporary directory; the fixtures are in tests/fixtures (see README there).
#
# The valid table streamed through a pipe is 200 MB in make check and 1 GB
# in make check-long (DIETBAL_LONG=1); smaller under sanitizers and valgrind.
. "$(dirname "$0")/lib.sh"
t_begin
GEN="$T_ROOT/tests/tools/genfoods.awk"
H="$T_DIR/hostile"
mkdir -p "$H"

t_run import "$FIX/good.xml"
t_rc "import good.xml exits 0" 0
before=$(t_db_digest)

# refused NAME FILE TEXT [SECS [MB]]: import FILE is refused with TEXT in the
# message, in at most SECS seconds and MB megabytes of memory, and changes
# nothing
refused() {
    local name=$1 file=$2 text=$3 secs=${4:-20} mb=${5:-200}
    t_run_bounded "$secs" import "$file"
    t_rc "$name: exits 2" 2
    t_err_has "$name: says why" "$text"
    if head -n 1 "$T_DIR/err" | grep -qE '^dietbal: [^ ]+: .'; then
        t_pass "$name: message is 'dietbal: FILE...: why'"
    else
        t_fail "$name: message is 'dietbal: FILE...: why'"
    fi
    t_ok "$name: message is short" test "$(wc -c <"$T_DIR/err")" -lt 2048
    t_rss_below "$name: memory < $mb MB" "$mb"
    t_eq "$name: database unchanged" "$(t_db_digest)" "$before"
}

xml() { printf '<?xml version="1.0" encoding="UTF-8"?>\n'; }

# --- the fixtures: one thing wrong in each -----------------------------------
refused "fixture bad-xxe.xml" "$FIX/bad-xxe.xml" "DTDs and entities are not allowed"
refused "fixture bad-entity-bomb.xml" "$FIX/bad-entity-bomb.xml" "DTDs and entities are not allowed"
refused "fixture bad-truncated.xml" "$FIX/bad-truncated.xml" "truncated"
refused "fixture bad-encoding.xml" "$FIX/bad-encoding.xml" "not proper UTF-8"
refused "fixture bad-nan.xml" "$FIX/bad-nan.xml" "NaN"
refused "fixture bad-inf.xml" "$FIX/bad-inf.xml" "infinite"
refused "fixture bad-negative.xml" "$FIX/bad-negative.xml" "negative"
refused "fixture bad-root.xml" "$FIX/bad-root.xml" "not <foodtable>"
refused "fixture bad-version.xml" "$FIX/bad-version.xml" "version"

# --- external entities: a local file that must never be read ---------------
# The "secret" is a named pipe: opening it for reading would block, so a run
# that so much as opens it times out (and fails).  A regular file with a
# marker checks that nothing of it comes out either.
secret_fifo="$H/secret.fifo"
mkfifo "$secret_fifo"
marker="dietbal-secret-$$-$RANDOM$RANDOM"
echo "$marker" >"$H/secret.txt"
leak_check() { # name: the marker is nowhere
    if grep -qF "$marker" "$T_DIR/out" "$T_DIR/err" ||
        sqlite3 "$DIETBAL_DB" .dump | grep -qF "$marker"; then
        t_fail "$1: the file's content never appears"
    else
        t_pass "$1: the file's content never appears"
    fi
}
for target in "$H/secret.txt" "$secret_fifo"; do
    t_keep xxe-targets || continue
    kind=file
    [ "$target" = "$secret_fifo" ] && kind=fifo
    {
        xml
        echo "<!DOCTYPE foodtable [ <!ENTITY xxe SYSTEM \"file://$target\"> ]>"
        echo '<foodtable version="1" source="&xxe;">'
        echo '  <food id="x:1" name="&xxe;" group="&xxe;"><portion name="&xxe;" grams="1"/></food>'
        echo '</foodtable>'
    } >"$H/xxe-$kind.xml"
    refused "XXE to a local $kind (general entity)" "$H/xxe-$kind.xml" \
        "DTDs and entities are not allowed" 10
    leak_check "XXE to a local $kind (general entity)"
    {
        xml
        echo "<!DOCTYPE foodtable [ <!ENTITY % p SYSTEM \"file://$target\"> %p; ]>"
        echo '<foodtable version="1"/>'
    } >"$H/xxe-param-$kind.xml"
    refused "XXE to a local $kind (parameter entity)" "$H/xxe-param-$kind.xml" \
        "DTDs and entities are not allowed" 10
    leak_check "XXE to a local $kind (parameter entity)"
    {
        xml
        echo "<!DOCTYPE foodtable SYSTEM \"file://$target\">"
        echo '<foodtable version="1"/>'
    } >"$H/xxe-dtd-$kind.xml"
    refused "external DTD from a local $kind" "$H/xxe-dtd-$kind.xml" \
        "DTDs and entities are not allowed" 10
    leak_check "external DTD from a local $kind"
    {
        xml
        echo '<foodtable version="1" xmlns:xi="http://www.w3.org/2001/XInclude">'
        echo "  <food id=\"x:1\" name=\"a\"><xi:include href=\"file://$target\" parse=\"text\"/></food>"
        echo '</foodtable>'
    } >"$H/xinclude-$kind.xml"
    refused "XInclude of a local $kind" "$H/xinclude-$kind.xml" "unexpected element <xi:include>" 10
    leak_check "XInclude of a local $kind"
    # the same in UTF-16 and UTF-7, where a byte scan cannot see "<!DOCTYPE"
    { echo '<?xml version="1.0" encoding="UTF-16"?>'; tail -n +2 "$H/xxe-$kind.xml"; } |
        iconv -f UTF-8 -t UTF-16 >"$H/xxe-utf16-$kind.xml"
    refused "XXE to a local $kind in UTF-16" "$H/xxe-utf16-$kind.xml" \
        "DTDs and entities are not allowed" 10
    leak_check "XXE to a local $kind in UTF-16"
    {
        echo '<?xml version="1.0" encoding="UTF-7"?>'
        echo "+ADw-!DOCTYPE foodtable +AFs- +ADw-!ENTITY xxe SYSTEM +ACI-file://$target+ACI-+AD4- +AF0-+AD4-"
        echo '<foodtable version="1"><food id="x:1" name="&xxe;"/></foodtable>'
    } >"$H/xxe-utf7-$kind.xml"
    refused "XXE to a local $kind in UTF-7" "$H/xxe-utf7-$kind.xml" "UTF-7" 10
    leak_check "XXE to a local $kind in UTF-7"
done

# --- entity expansion bombs: bounded time and memory ------------------------
{
    xml
    echo '<!DOCTYPE foodtable ['
    echo ' <!ENTITY l0 "lollollollollollollollollollollollollollollollollollollollollol">'
    for i in $(seq 1 12); do
        printf ' <!ENTITY l%d "' "$i"
        for _ in $(seq 1 10); do printf '&l%d;' $((i - 1)); done
        printf '">\n'
    done
    echo ']>'
    echo '<foodtable version="1" source="&l12;"><food id="b:1" name="&l12;">&l12;</food></foodtable>'
} >"$H/billion-laughs.xml"
refused "billion laughs (10^12 lols)" "$H/billion-laughs.xml" "DTDs and entities are not allowed" 20 200
{
    xml
    printf '<!DOCTYPE foodtable [<!ENTITY a "%s">]>\n' "$(head -c 100000 /dev/zero | tr '\0' a)"
    printf '<foodtable version="1"><food id="b:1" name="'
    for _ in $(seq 1 2000); do printf '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'; done
    printf '"/></foodtable>\n'
} >"$H/quadratic.xml"
refused "quadratic blow-up (20,000 x 100 KB entity)" "$H/quadratic.xml" \
    "DTDs and entities are not allowed" 20 200
{ echo '<?xml version="1.0" encoding="UTF-16"?>'; tail -n +2 "$H/billion-laughs.xml"; } |
    iconv -f UTF-8 -t UTF-16 >"$H/billion-laughs-utf16.xml"
refused "billion laughs in UTF-16" "$H/billion-laughs-utf16.xml" \
    "DTDs and entities are not allowed" 20 200
refused "gzip-compressed billion laughs" <(gzip -c "$H/billion-laughs.xml") \
    "DTDs and entities are not allowed" 20 200

# --- nothing is fetched over the network -----------------------------------
# A listener on a free local port logs every connection made to it.
perl -MIO::Socket::INET -e '
    my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0,
                                  Listen => 16, ReuseAddr => 1) or die "listen: $!";
    open(my $p, ">", "$ARGV[0].tmp") or die; print $p $s->sockport, "\n"; close $p;
    rename "$ARGV[0].tmp", $ARGV[0];
    $SIG{ALRM} = sub { exit 0 }; alarm 900;
    while (my $c = $s->accept) {
        open(my $l, ">>", $ARGV[1]); print $l "connection\n"; close $l; close $c;
    }' "$H/port" "$H/connections" &
listener=$!
for _ in $(seq 1 100); do
    [ -s "$H/port" ] && break
    sleep 0.05
done
port=$(cat "$H/port" 2>/dev/null)
t_ok "a local listener is up" test -n "$port"
url="http://127.0.0.1:$port"
net_check() { # name: no connection reached the listener
    t_ok "$1: nothing connects" test ! -s "$H/connections"
}
{ xml; echo "<!DOCTYPE foodtable SYSTEM \"$url/x.dtd\">"; echo '<foodtable version="1"/>'; } \
    >"$H/net-dtd.xml"
refused "DTD over the network" "$H/net-dtd.xml" "DTDs and entities are not allowed" 10
net_check "DTD over the network"
{ xml; echo '<!DOCTYPE foodtable SYSTEM "http://127.0.0.1:9/x.dtd">'; echo '<foodtable version="1"/>'; } \
    >"$H/net-dtd-9.xml"
refused "DTD from 127.0.0.1:9" "$H/net-dtd-9.xml" "DTDs and entities are not allowed" 10
{
    xml
    echo "<!DOCTYPE foodtable [ <!ENTITY % ext SYSTEM \"$url/ext.ent\"> %ext; ]>"
    echo '<foodtable version="1"/>'
} >"$H/net-param.xml"
refused "parameter entity over the network" "$H/net-param.xml" "DTDs and entities are not allowed" 10
net_check "parameter entity over the network"
{ echo '<?xml version="1.0" encoding="UTF-16"?>'; tail -n +2 "$H/net-dtd.xml"; } |
    iconv -f UTF-8 -t UTF-16 >"$H/net-dtd-utf16.xml"
refused "DTD over the network in UTF-16" "$H/net-dtd-utf16.xml" "DTDs and entities are not allowed" 10
net_check "DTD over the network in UTF-16"
{
    xml
    echo '<foodtable version="1" xmlns:xi="http://www.w3.org/2001/XInclude">'
    echo "  <food id=\"x:1\" name=\"a\"><xi:include href=\"$url/inc.xml\"/></food>"
    echo '</foodtable>'
} >"$H/net-xinclude.xml"
refused "XInclude over the network" "$H/net-xinclude.xml" "unexpected element" 10
net_check "XInclude over the network"
# A schema location is a hint dietbal does not take: it uses its own schema.
{
    xml
    echo "<?xml-stylesheet href=\"$url/style.xsl\" type=\"text/xsl\"?>"
    echo '<foodtable version="1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    echo "           xsi:noNamespaceSchemaLocation=\"$url/foodtable.xsd\"/>"
} >"$H/net-hints.xml"
t_run_bounded 10 import "$H/net-hints.xml"
t_rc "schema location and stylesheet hints: an empty table imports" 0
net_check "schema location and stylesheet hints"
t_eq "schema location and stylesheet hints: database unchanged" "$(t_db_digest)" "$before"
kill "$listener" 2>/dev/null
wait "$listener" 2>/dev/null

# --- cut short, wrong bytes --------------------------------------------------
awk -v n=2000 -f "$GEN" >"$H/2000.xml"
head -c 1234567 "$H/2000.xml" >"$H/cut.xml"
refused "a big table cut mid-food" "$H/cut.xml" "truncated"
gzip -c "$H/2000.xml" | head -c 100000 >"$H/cut.xml.gz"
refused "a .gz cut short" "$H/cut.xml.gz" "truncated"
gzip -c "$H/2000.xml" >"$H/corrupt.xml.gz"
printf 'garbage!' | dd of="$H/corrupt.xml.gz" bs=1 seek=50000 conv=notrunc 2>/dev/null
refused "a corrupt .gz" "$H/corrupt.xml.gz" "dietbal: "
: >"$H/empty.xml"
refused "an empty file" "$H/empty.xml" "the file is empty"
printf '\357\273\277' >"$H/bom.xml"
refused "a file of only a byte order mark" "$H/bom.xml" "the file is empty"
head -c 65536 /dev/urandom >"$H/random.xml"
refused "64 KB of random bytes" "$H/random.xml" "dietbal: "
head -c 100000000 /dev/zero | gzip -1 >"$H/zeros.xml.gz"
refused "a .gz of 100 MB of zero bytes" "$H/zeros.xml.gz" "dietbal: " 20 100
badbytes() { # name bytes-in-a-name message
    t_keep badbytes || return 0
    { xml; printf '<foodtable version="1">\n  <food id="u:1" name="a%bz"/>\n</foodtable>\n' "$2"; } \
        >"$H/bytes.xml"
    refused "$1" "$H/bytes.xml" "$3"
}
badbytes "bytes 0xFF 0xFE" '\377\376' "not proper UTF-8"
badbytes "an overlong '/' (0xC0 0xAF)" '\300\257' "not proper UTF-8"
badbytes "a UTF-8 surrogate (0xED 0xA0 0x80)" '\355\240\200' "0xD800"
badbytes "a lone continuation byte" '\200' "not proper UTF-8"
badbytes "a NUL byte" '\000' "0x0"
badbytes "a control character (0x01)" '\001' "invalid character"
badbytes "a sequence cut short (0xE2 0x82)" '\342\202' "not proper UTF-8"

# --- deep nesting ------------------------------------------------------------
nest() { # depth element: <foodtable> holding DEPTH nested ELEMENTs
    xml
    echo '<foodtable version="1">'
    awk -v d="$1" -v e="$2" 'BEGIN { for (i = 0; i < d; i++) printf "<%s>", e;
                                     for (i = 0; i < d; i++) printf "</%s>", e; print "" }'
    echo '</foodtable>'
}
nest 100000 a >"$H/deep.xml"
refused "100,000 nested elements" "$H/deep.xml" "unexpected element <a>" 20 100
nest 100000 food >"$H/deep-food.xml"
refused "100,000 nested <food>" "$H/deep-food.xml" "dietbal: " 20 100
{
    xml
    echo '<foodtable version="1"><food id="d:1" name="deep">'
    awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<portion name=\"p\" grams=\"1\">";
                 for (i = 0; i < 100000; i++) printf "</portion>"; print "" }'
    echo '</food></foodtable>'
} >"$H/deep-portion.xml"
refused "100,000 nested <portion>" "$H/deep-portion.xml" "dietbal: " 20 100

# --- many of one thing: memory stays bounded ----------------------------------
{
    xml
    echo '<foodtable version="1"><food id="m:1" name="many portions">'
    awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "<portion name=\"p%d\" grams=\"1\"/>\n", i }'
    echo '</food></foodtable>'
} >"$H/portions.xml"
refused "a food of 1,000,000 portions" "$H/portions.xml" "more than 1000 portions" 20 100
{
    xml
    echo '<foodtable version="1"><food id="m:1" name="many tags">'
    awk 'BEGIN { for (i = 0; i < 300000; i++) printf "<nutrient tag=\"X%d\" value=\"1\"/>\n", i }'
    echo '</food></foodtable>'
} >"$H/tags.xml"
refused "300,000 different unknown tags" "$H/tags.xml" "more than 1000 different unknown nutrient tags" 20 100
{
    xml
    echo '<foodtable version="1"><food id="m:1" name="thirty unknown tags">'
    awk 'BEGIN { for (i = 0; i < 30; i++) printf "<nutrient tag=\"X%d\" value=\"1\"/>\n", i }'
    echo '</food></foodtable>'
} >"$H/tags30.xml"
t_run_bounded 20 --db "$T_DIR/tags30.db" import "$H/tags30.xml"
t_rc "30 unknown tags: imported" 0
t_eq "30 unknown tags: 20 named, one line for the rest" \
    "$(grep -c 'warning: unknown tag X' "$T_DIR/err") $(grep -c 'warning: 10 more unknown tags skipped' "$T_DIR/err")" \
    "20 1"
if [ "${DIETBAL_LONG:-}" = 1 ] && t_light; then
    # each id is kept to name a duplicate's first line: at most 1,000,000
    t_run_bounded 600 import <(awk 'BEGIN { print "<?xml version=\"1.0\"?>\n<foodtable version=\"1\">";
        for (i = 0; i < 3000000; i++) printf "<food id=\"t%d\" name=\"n\"/>\n", i; print "</foodtable>" }')
    t_rc "3,000,000 tiny foods: exits 2" 2
    t_err_has "3,000,000 tiny foods: says why" "more than 1000000 foods in one table"
    t_rss_below "3,000,000 tiny foods: memory < 100 MB" 100
    t_eq "3,000,000 tiny foods: database unchanged" "$(t_db_digest)" "$before"
fi

# --- 10 MB values ------------------------------------------------------------
ten_mb() { head -c 10485760 /dev/zero | tr '\0' "$1"; }
big_attr() { # name element-with-@ (the @ becomes 10 MB of CHAR) char message
    t_keep big_attr || return 0
    { xml; echo '<foodtable version="1">'; } >"$H/big.xml"
    local before_at=${2%%@*} after_at=${2#*@}
    { printf '%s' "$before_at"; ten_mb "$3"; printf '%s\n</foodtable>\n' "$after_at"; } >>"$H/big.xml"
    refused "$1" "$H/big.xml" "$4" 20 200
}
big_attr "a 10 MB food name" '<food id="b:1" name="@"/>' x "dietbal: "
big_attr "a 10 MB food id" '<food id="@" name="n"/>' x "dietbal: "
big_attr "a 10 MB group" '<food id="b:1" name="n" group="@"/>' x "dietbal: "
big_attr "a 10 MB value of digits" '<food id="b:1" name="n"><nutrient tag="CA" value="@"/></food>' 1 "dietbal: "
big_attr "a 10 MB tag" '<food id="b:1" name="n"><nutrient tag="@" value="1"/></food>' A "dietbal: "
big_attr "a 10 MB unknown attribute" '<food id="b:1" name="n" zz="@"/>' x "dietbal: "
big_attr "10 MB of text in a food" '<food id="b:1" name="n">@</food>' x "dietbal: "
big_attr "a 10 MB comment" '<!--@-->' x "dietbal: "
big_attr "a 10 MB element name" '<@/>' x "dietbal: "

# --- impossible numbers ------------------------------------------------------
value() { # name nutrient-attributes message
    t_keep value || return 0
    { xml; echo '<foodtable version="1">'; echo "  <food id=\"v:1\" name=\"n\"><$2/></food>"; echo '</foodtable>'; } \
        >"$H/value.xml"
    refused "$1" "$H/value.xml" "$3"
}
value "CA NaN" 'nutrient tag="CA" value="NaN"' "NaN"
value "CA INF" 'nutrient tag="CA" value="INF"' "infinite"
value "CA -INF" 'nutrient tag="CA" value="-INF"' "infinite"
value "CA 1e308 mg" 'nutrient tag="CA" value="1e308"' "more than the 100 g"
value "CA 1e308 g (overflows in mg)" 'nutrient tag="CA" value="1e308" unit="g"' "out of range"
value "CA 1e400" 'nutrient tag="CA" value="1e400"' "infinite"
value "CA -3" 'nutrient tag="CA" value="-3"' "negative"
value "CA -1e-300" 'nutrient tag="CA" value="-1e-300"' "negative"
value "CA 99999999999999999999" 'nutrient tag="CA" value="99999999999999999999"' "more than the 100 g"
value "energy 1e308 kcal" 'nutrient tag="ENERC_KCAL" value="1e308"' "1e+308 kcal per 100 g"
value "energy 1e308 kJ" 'nutrient tag="ENERC_KJ" value="1e308"' "kcal per 100 g"
value "vitamin A 1e308 IU" 'nutrient tag="VITA_IU" value="1e308"' "more than the 100 g"
value "vitamin D 1e308 IU" 'nutrient tag="VITD" value="1e308" unit="IU"' "more than the 100 g"
value "hexadecimal" 'nutrient tag="CA" value="0x10"' "not a number"
value "decimal comma" 'nutrient tag="CA" value="1,5"' "not a number"
value "portion of 1e308 g" 'portion name="cup" grams="1e308"' "more than 100 kg"
value "portion of NaN g" 'portion name="cup" grams="NaN"' "NaN"
value "portion of -1 g" 'portion name="cup" grams="-1"' "not positive"
value "portion amount 0" 'portion name="cup" amount="0" grams="1"' "not positive"

# --- not a dietbal table -----------------------------------------------------
doc() { # name body message
    t_keep doc || return 0
    { xml; printf '%s\n' "$2"; } >"$H/doc.xml"
    refused "$1" "$H/doc.xml" "$3"
}
doc "root <foods>" '<foods version="1"/>' "not <foodtable>"
doc "root in a namespace" '<foodtable xmlns="urn:x" version="1"/>' "not <foodtable>"
doc "version 2" '<foodtable version="2"/>' "unsupported food table version '2'"
doc "version 1.0" '<foodtable version="1.0"/>' "unsupported food table version '1.0'"
doc "no version" '<foodtable/>' "no version attribute"
doc "two roots" '<foodtable version="1"/><foodtable version="1"/>' "dietbal: "
doc "text in the table" '<foodtable version="1">lol</foodtable>' "Character content other than whitespace is not allowed"

# --- a big valid table, streamed: bounded memory -----------------------------
if t_wrapped; then
    foods=300
elif t_sanitized; then
    foods=11000 # ~20 MB
elif [ "${DIETBAL_LONG:-}" = 1 ]; then
    foods=560000 # ~1 GB
else
    foods=110000 # ~200 MB
fi
mb=$((foods * 1836 / 1000000))
start=$SECONDS
t_run_bounded 1800 --db "$T_DIR/big/diary.db" import \
    <(awk -v n="$foods" -v sums="$H/sums" -f "$GEN")
secs=$((SECONDS - start))
echo "     ($mb MB, $foods foods through a pipe: $secs s, peak memory ${T_RSS_KB:-?} KB)"
t_rc "$mb MB table through a pipe: exits 0" 0
read -r want_foods want_values want_sum <"$H/sums"
t_eq "$mb MB table: every food stored" \
    "$(sqlite3 "$T_DIR/big/diary.db" 'SELECT count(*) FROM food')" "$want_foods"
t_eq "$mb MB table: every value stored, the sum as generated" \
    "$(sqlite3 "$T_DIR/big/diary.db" 'SELECT count(*), CAST(sum(value) AS INTEGER) FROM food_value')" \
    "$want_values|$want_sum"
# Flat at ~16 MB from 100k foods on (SQLite's page caches full, nothing
# kept per food); 20 MB catches a per-food cost of 40 bytes or more, such as
# libxml2's state for a repeated xs:choice in the schema (25 MB here).
t_rss_below "$mb MB table: streams in bounded memory" 20
rm -rf "$T_DIR/big"

# a named pipe as the file
mkfifo "$H/table.fifo"
awk -v n=500 -v prefix=fifo -f "$GEN" >"$H/table.fifo" &
t_run_bounded 60 --db "$T_DIR/fifo.db" import "$H/table.fifo"
wait
t_rc "a table from a named pipe: exits 0" 0
t_eq "a table from a named pipe: 500 foods" \
    "$(sqlite3 "$T_DIR/fifo.db" 'SELECT count(*) FROM food')" 500
t_end
