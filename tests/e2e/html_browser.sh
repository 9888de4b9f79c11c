#!/usr/bin/env bash
# End-to-end: the HTML report opened in a real browser.  A constructed week
# (tests/fixtures/weeks/foods.xml, as in report.sh: five low-calcium meat days,
# a balanced day, a day not logged, a night cramp and a cramp with swelling)
# goes through import, add, cramp add and `report --format html`; headless
# Chromium then renders the page to a PNG and dumps the DOM it built.
#
# Checks: the screenshot is a PNG of the window size and is not blank (its
# size; with ImageMagick, the number of colours and the chart colours of
# the page's CSS among its pixels); the DOM Chromium parsed has the 8 charts
# (6 nutrients + ratios) with their text alternatives, every warning code
# of the week and the red-flag box; the page also renders at phone width.
# Skipped, with a message, where Chromium is not installed (.ci/run
# installs it).
. "$(dirname "$0")/lib.sh"
t_begin
export DIETBAL_TODAY=2026-11-22

CHROMIUM=""
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then
        CHROMIUM=$(command -v "$c")
        break
    fi
done
if [ -z "$CHROMIUM" ]; then
    t_skip "html in a browser" "Chromium is not installed (Debian: apt-get install chromium)"
    t_end
    exit 0
fi

# Headless Chromium, offline and with a throw-away profile; a hung
# browser fails the test instead of stalling the run.
browse() { # output-flag window-size url
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-quic --hide-scrollbars --user-data-dir="$(mktemp -d "$T_DIR/chrome.XXXXXX")" \
        "$1" --window-size="$2" "$3" 2>>"$T_DIR/chromium.log"
}

W="$FIX/weeks"
t_run import "$W/foods.xml"
t_rc "import the test foods" 0
t_run profile set --birth-date 1997-05-01 --sex female --weight-kg 65 --pregnant \
    --due-date 2027-01-10
t_rc "profile set" 0
meat_day() { "$DIETBAL" --quiet add --date "$1" "400 g @test:beef" "200 g @test:bread" \
    "300 g @test:milk" "2500 g @test:water" >/dev/null; }
balanced_day() { "$DIETBAL" --quiet add --date "$1" "500 g @test:milk" "200 g @test:yoghurt" \
    "250 g @test:bread" "200 g @test:spinach" "200 g @test:lentils" "30 g @test:almonds" \
    "300 g @test:banana" "100 g @test:beef" "1800 g @test:water" >/dev/null; }
meat_day 2026-11-16                     # 2026-11-17 not logged
balanced_day 2026-11-18
meat_day 2026-11-19
meat_day 2026-11-20
meat_day 2026-11-21
meat_day 2026-11-22
"$DIETBAL" --quiet cramp add --date 2026-11-18 --night --severity 5 --site calf >/dev/null 2>&1
"$DIETBAL" --quiet cramp add --date 2026-11-20 --severity 6 --site calf --swelling >/dev/null 2>&1

t_run report --week 2026-W47 --json
CODES=$(jq -r '[.warnings[].code] | join(" ")' "$T_DIR/out")
case " $CODES " in
*" CRAMP_RED_FLAG "*"CALCIUM_LOW "*) t_pass "the week has a red flag and calcium warnings" ;;
*) t_fail "the week has a red flag and calcium warnings" "codes: $CODES" ;;
esac

HTML="$T_DIR/week.html"
t_run report --week 2026-W47 --format html --output "$HTML"
t_rc "report --format html exits 0" 0

# --- the screenshot ---------------------------------------------------------------
PNG="$T_DIR/week.png"
browse --screenshot="$PNG" 1200,3000 "file://$HTML" >/dev/null
t_ok "Chromium wrote a screenshot" test -s "$PNG"
t_eq "it is a PNG" "$(head -c 8 "$PNG" | od -An -tx1 | tr -d ' \n')" 89504e470d0a1a0a
# IHDR: width and height, big-endian, at bytes 16-23
t_eq "of the window size" "$(od -An -tu1 -j16 -N8 "$PNG" |
    awk '{ printf "%dx%d", (($1*256+$2)*256+$3)*256+$4, (($5*256+$6)*256+$7)*256+$8 }')" 1200x3000
# A blank 1200x3000 page compresses to a few kilobytes; the report's
# charts, tables and text to far more.
t_ok "the screenshot is not blank (size)" test "$(stat -c %s "$PNG")" -gt 60000
if command -v identify >/dev/null 2>&1 && identify -version 2>/dev/null | grep -q ImageMagick; then
    colours=$(identify -format %k "$PNG" 2>/dev/null)
    t_ok "the screenshot is not blank ($colours colours)" test "${colours:-0}" -ge 200
    convert "$PNG" -format %c histogram:info:- 2>/dev/null >"$T_DIR/histogram"
    # colours of the page's CSS: the bars (--bar) and the red-flag red (--alert)
    t_ok "the bars were drawn (#4F7FB8)" grep -qi '#4F7FB8' "$T_DIR/histogram"
    t_ok "the red-flag box was drawn (#B3261E)" grep -qi '#B3261E' "$T_DIR/histogram"
else
    t_skip "screenshot colours" "ImageMagick is not installed (apt-get install imagemagick)"
fi

# --- the DOM Chromium built -----------------------------------------------------------
DOM="$T_DIR/dom.html"
browse --dump-dom 1200,3000 "file://$HTML" >"$DOM"
t_ok "Chromium dumped the DOM" grep -q '</html>' "$DOM"
t_eq "the DOM has the 8 charts (vitamin D added)" "$(grep -o '<svg class="chart"' "$DOM" | wc -l)" 8
for id in calcium magnesium phosphorus protein potassium water vitamin_d ratios; do
    t_ok "chart $id with its text alternative" \
        grep -q "<figure class=\"chart-card\" id=\"chart-$id\">.*<svg class=\"chart\" viewBox=\"0 0 [0-9]* [0-9]*\" role=\"img\" aria-labelledby=\"c-$id-t c-$id-d\"><title id=\"c-$id-t\">.*<desc id=\"c-$id-d\">" "$DOM"
done
t_ok "calcium by day in words" grep -q \
    'Calcium by day, 2026-11-16 to 2026-11-22: 600, not logged, 1496, 600, 600, 600, 600 mg; EAR 800, RDA 1000, UL 2500 mg' "$DOM"
t_eq "the DOM has every warning code of the week" \
    "$(grep -o '<article class="warning sev-[a-z]*" id="w-[A-Z_]*"' "$DOM" | sed 's/.*id="w-//; s/"//' | paste -sd' ')" \
    "$CODES"
first_line() { grep -n -m1 -- "$1" "$DOM" | cut -d: -f1; }
t_ok "the red-flag box comes before the charts" \
    test "$(first_line '<section class="redflag" role="alert"')" -lt "$(first_line '<svg class="chart"')"
t_ok "the not-medical-advice note" grep -q 'dietbal is not medical advice' "$DOM"
t_eq "no script in the DOM" "$(grep -c '<script' "$DOM")" 0

# --- a phone ----------------------------------------------------------------------------
browse --screenshot="$T_DIR/phone.png" 390,2400 "file://$HTML" >/dev/null
t_eq "phone-width screenshot" "$(od -An -tu1 -j16 -N4 "$T_DIR/phone.png" 2>/dev/null |
    awk '{ print (($1*256+$2)*256+$3)*256+$4 }')" 390
t_ok "phone-width screenshot is not blank" test "$(stat -c %s "$T_DIR/phone.png")" -gt 30000

t_end
