#!/usr/bin/env bash
# End-to-end: the Corrections of nutrition-science.md section 0 (issue 14),
# through the real commands, on the foods of tests/fixtures/weeks/foods.xml
# (per 100 g: bread 250 kcal, protein 9 g, Ca 100, Mg 40, P 100, K 120,
# Na 450 mg, water 38 g; milk Ca 120, protein 3 g; beef protein 26 g, Ca 10;
# mystery: only energy and protein known).  Every figure is worked out by
# hand in the comments.
#
# The person: born 1997-05-01 (29 in November 2026), 65 kg, pregnant.
# Pregnancy 19-30 values: Ca EAR 800, SDr 100, SDw 325; Mg EAR 290;
# protein 0.88 g/kg (trimester 2-3), 0.66 g/kg (trimester 1).
. "$(dirname "$0")/lib.sh"
t_begin
export DIETBAL_TODAY=2026-11-22
W="$FIX/weeks"
j() { jq -r "$1" "$T_DIR/out"; }
jqt() { jq -e "$@" >/dev/null; } # a jq test, quietly

# A fresh database with the test foods and a profile due on $1.
fresh() {
    export DIETBAL_DB="$T_DIR/$2/dietbal.db"
    "$DIETBAL" --quiet import "$W/foods.xml" >/dev/null 2>&1 || t_fail "import for $2"
    "$DIETBAL" --quiet profile set --birth-date 1997-05-01 --sex female --weight-kg 65 \
        --pregnant --due-date "$1" >/dev/null 2>&1 || t_fail "profile for $2"
}
add() { # date entries...
    local d=$1
    shift
    "$DIETBAL" --quiet add --date "$d" "$@" >/dev/null 2>"$T_DIR/add.err" ||
        t_fail "add on $d" "$(cat "$T_DIR/add.err")"
}
week() { # entries...: 2026-W47, the 16th to the 22nd
    for d in 16 17 18 19 20 21 22; do add "2026-11-$d" "$@"; done
}

# --- 0.1: a probability for every intake ----------------------------------------
# 437 g of bread a day: calcium 437 mg, 7 days.  SD_D = sqrt(100^2 +
# 325^2 / 7) = 158.40, z = (437 - 800) / 158.40 = -2.2917, P = 0.011 (the
# old rule, 325 / 437 = 0.74 > 0.6, gave none).  With SDw = 0.43 x 437:
# SD_D = 122.66, z = -2.959, P = 0.0015.
fresh 2027-01-10 p01
week "437 g @test:bread"
t_run report --week 2026-W47 --json
t_rc "437 mg week: report exits 0" 0
t_near "437 mg week: calcium mean" "$(j .nutrients.calcium.mean)" 437 0.05
t_near "437 mg week: p_adequate 0.011" "$(j .nutrients.calcium.p_adequate)" 0.011 0.003
t_near "437 mg week: sensitivity figure" "$(j .nutrients.calcium.p_adequate_scaled)" 0.0015 0.0005
t_eq "437 mg week: no probability withheld" "$(j .nutrients.calcium.cv_unreliable)" false
t_ok "437 mg week: CALCIUM_LOW" jqt '[.warnings[].code] | index("CALCIUM_LOW")' "$T_DIR/out"
# phosphorus 437 mg too is below the old cut-off of 683 mg (410 / 0.6):
t_ok "437 mg week: phosphorus has a probability" jqt '.nutrients.phosphorus.p_adequate | type == "number"' "$T_DIR/out"
t_ok "437 mg week: the warning gives the sensitivity figure" jqt \
    '.warnings[] | select(.code == "CALCIUM_LOW") | .message |
        test("adequate 0.01 \\(0.002 if day-to-day variation scales with intake\\)")' "$T_DIR/out"
t_run report --week 2026-W47
t_out_has "437 mg week: text gives the figure" "probability that usual intake is adequate 0.01"

# --- 0.9: how many more days ------------------------------------------------------
# 650 g of bread: calcium 650 mg, P = Phi(-150 / 158.40) = 0.172 (uncertain);
# n >= 325^2 / ((150 / 1.036433)^2 - 100^2) = 105625 / 10946 = 9.65 -> 10
# days, 3 more.
fresh 2027-01-10 p09
week "650 g @test:bread"
t_run report --week 2026-W47 --json
t_near "650 mg week: p_adequate" "$(j .nutrients.calcium.p_adequate)" 0.172 0.0005
t_eq "650 mg week: days_needed 3" "$(j .nutrients.calcium.days_needed)" 3
t_eq "650 mg week: no days_needed for energy" "$(j .nutrients.energy.days_needed)" null
t_run report --week 2026-W47
t_out_has "650 mg week: text says how many more days" "calcium: log 3 more days at this mean for a firm answer."
t_run report --week 2026-W47 --format markdown
t_out_has "650 mg week: markdown says it too" "- calcium: log 3 more days at this mean for a firm answer."

# --- 0.2: past the due date ---------------------------------------------------------
# Due 2026-11-14, two days before the week: still pregnancy values (Mg EAR
# 290, not 255; water AI 3000 g, not 2700; protein 0.88 x 65 = 57.2 g, not
# 0.66 x 65 = 42.9), with the note.
fresh 2026-11-14 p02
week "437 g @test:bread"
t_run report --week 2026-W47 --json
t_eq "past due: life stage pregnancy" "$(j .profile.life_stage)" pregnancy
t_eq "past due: magnesium EAR of pregnancy" "$(j .nutrients.magnesium.ear)" 290
t_eq "past due: water AI of pregnancy" "$(j .nutrients.water.ai)" 3000
t_near "past due: protein EAR of pregnancy" "$(j .nutrients.protein.ear)" 57.2 0.005
t_ok "past due: the note" jqt '.profile.notes[0] | test("Past the due date \\(2026-11-14\\)")' "$T_DIR/out"
t_ok "past due: update the profile" jqt '.profile.notes[0] | test("update the profile after the birth")' "$T_DIR/out"
t_run report --week 2026-W47
t_out_has "past due: text note" "Note: Past the due date (2026-11-14)"
t_run report --week 2026-W47 --format html --output "$T_DIR/p02.html"
t_ok "past due: html note" grep -q "<b>Note:</b> Past the due date (2026-11-14)" "$T_DIR/p02.html"
t_run profile show
t_out_has "past due: profile show says so" "note: Past the due date (2026-11-14)"
t_run profile show --json
t_ok "past due: profile show --json notes" jqt '.notes[0] | test("Past the due date")' "$T_DIR/out"
# 2026-11-22 is 8 days past; on 2026-11-29 (15 days) she is past 42+0:
# pregnancy values, approximate
DIETBAL_TODAY=2026-11-29 t_run profile show
t_out_has "past 42 weeks: the note" "More than 42 weeks of pregnancy"
t_out_has "past 42 weeks: approximate" "past due (approximate)"

# --- 0.3: a week across a stage change ------------------------------------------------
# Due 2027-05-20: the 16th-18th are 185-183 days before it (trimester 1,
# week 13), the 19th-22nd 182-179 (trimester 2).  Protein EAR = 65 x (3 x
# 0.66 + 4 x 0.88) / 7 = 51.07 g; RDA 65 x (3 x 0.8 + 4 x 1.1) / 7 = 63.14 g.
fresh 2027-05-20 p03
week "437 g @test:bread"
t_run report --week 2026-W47 --json
t_near "stage change: day-weighted protein EAR" "$(j .nutrients.protein.ear)" 51.07 0.005
t_near "stage change: day-weighted protein RDA" "$(j .nutrients.protein.rda)" 63.14 0.005
t_eq "stage change: mixed" "$(j .profile.stage_mixed)" true
t_ok "stage change: the note names both stages" jqt \
    '.profile.notes[0] | test("trimester 1 on 3 days") and test("trimester 2 on 4 days")' "$T_DIR/out"

# --- 0.4: pregnancy warning signs, and pain into the next day --------------------------
fresh 2027-01-10 p04
week "437 g @test:bread"
before=$(t_db_digest)
for sign in sudden-swelling headache vision-problems pain-below-ribs; do
    export DIETBAL_DB="$T_DIR/p04-$sign/dietbal.db"
    mkdir -p "$T_DIR/p04-$sign"
    cp "$T_DIR/p04/dietbal.db" "$DIETBAL_DB"
    t_run cramp add --date 2026-11-20 --$sign --json
    t_rc "--$sign: exits 0 (no --severity needed)" 0
    t_err_has "--$sign: call your midwife now" "Call your midwife or maternity unit now"
    t_eq "--$sign: flagged in JSON" "$(j .preeclampsia_signs)" true
    t_eq "--$sign: no cramp episode" "$(j .episode)" false
    t_run report --week 2026-W47 --json
    t_eq "--$sign: PREECLAMPSIA_SIGNS first" "$(j '.warnings[0].code + " " + .warnings[0].severity')" \
        "PREECLAMPSIA_SIGNS alert"
    want=${sign//-/ }
    [ "$sign" = headache ] && want="severe headache"
    [ "$sign" = pain-below-ribs ] && want="pain below the ribs"
    t_ok "--$sign: the message names it" jqt --arg w "$want" '.warnings[0].message | contains($w)' "$T_DIR/out"
    t_eq "--$sign: cramps.preeclampsia_signs" "$(j .cramps.preeclampsia_signs)" true
    t_eq "--$sign: not a cramp" "$(j .cramps.episodes)" 0
    t_run report --week 2026-W47
    t_eq "--$sign: text leads with it" \
        "$(grep -m1 '!!!' "$T_DIR/out")" "!!! CALL YOUR MIDWIFE OR MATERNITY UNIT NOW: POSSIBLE PRE-ECLAMPSIA !!!"
    t_run report --week 2026-W47 --format csv
    # preeclampsia_signs is column 20 (date, logged, 8 totals, 8
    # completenesses, cramp_episodes); the supplement columns follow it
    t_eq "--$sign: csv counts it on its day" "$(sed -n 6p "$T_DIR/out" | tr -d '\r' | awk -F, '{print $1, $20}')" \
        "2026-11-20 1"
done
export DIETBAL_DB="$T_DIR/p04/dietbal.db"
t_eq "nothing logged in the original diary" "$(t_db_digest)" "$before"
# swelling of both legs: not only a clot sign - both alerts
t_run cramp add --date 2026-11-21 --severity 4 --swelling --side both
t_err_has "both legs swollen: midwife" "Call your midwife or maternity unit now"
t_err_has "both legs swollen: clot" "deep vein thrombosis"
t_run report --week 2026-W47 --json
t_eq "both legs swollen: both alerts, pre-eclampsia first" "$(j '[.warnings[0].code, .warnings[1].code] | join(" ")')" \
    "PREECLAMPSIA_SIGNS CRAMP_RED_FLAG"
# pain in one leg that persists into the next day
fresh 2027-01-10 p05
t_run cramp add --date 2026-11-19 --severity 5 --side left --pain-persists --json
t_eq "one leg, first day: no red flag yet" "$(j .red_flag)" false
t_run cramp add --date 2026-11-20 --severity 4 --side left --pain-persists --json
t_eq "one leg, next day: red flag" "$(j .red_flag)" true
t_eq "one leg, next day: 2 days" "$(j .one_leg_pain_days)" 2
t_err_has "one leg, next day: see a clinician" "See a clinician now"
t_err_has "one leg, next day: says why" "pain in one leg that did not ease logged on 2 days running"
t_run report --week 2026-W47 --json
t_eq "one leg: CRAMP_RED_FLAG in the report" "$(j '.warnings[0].code')" CRAMP_RED_FLAG
fresh 2027-01-10 p06
"$DIETBAL" --quiet cramp add --date 2026-11-19 --side both --pain-persists >/dev/null 2>&1
t_run cramp add --date 2026-11-20 --side both --pain-persists --json
t_eq "both legs, two days: not yet" "$(j .red_flag)" false
t_run cramp add --date 2026-11-21 --side both --pain-persists --json
t_eq "both legs, three days: red flag" "$(j .red_flag)" true
t_eq "the new cramp columns" \
    "$(sqlite3 "$DIETBAL_DB" "SELECT group_concat(name, ' ') FROM pragma_table_info('cramp') WHERE cid >= 13")" \
    "sudden_swelling headache vision_problems pain_below_ribs"

# --- 0.5: ACID_LOAD_HIGH and CALCIUM_LOW together ------------------------------------
# Each day 400 g beef, 200 g bread, 300 g milk, 2500 g water: calcium 600
# (P = 0.103), PRAL 0.49 x 131 + 0.037 x 1270 - 0.021 x 1890 - 0.026 x 190
# - 0.013 x 600 = 58.75, protein 35.4 % of energy.
fresh 2027-01-10 p07
week "400 g @test:beef" "200 g @test:bread" "300 g @test:milk" "2500 g @test:water"
t_run report --week 2026-W47 --json
t_ok "ACID_LOAD_HIGH and CALCIUM_LOW together" jqt \
    '[.warnings[].code] | index("ACID_LOAD_HIGH") and index("CALCIUM_LOW")' "$T_DIR/out"
t_eq "the acid-load advice names no dairy" \
    "$(j '.warnings[] | select(.code == "ACID_LOAD_HIGH") | .advice' | grep -ciE 'cheese|dairy|milk|yog')" 0
t_ok "while calcium's advice names it" jqt \
    '.warnings[] | select(.code == "CALCIUM_LOW") | .advice | test("cheese")' "$T_DIR/out"
t_eq "no warning tells her to eat less of a food CALCIUM_LOW advises" \
    "$(j '.warnings[].advice' | grep -ciE '(less|fewer|cut|swap some)[^.;]*(milk|yoghurt|cheese|dairy|tofu|fish|kale)')" 0
t_ok "PROTEIN_EXCESS keeps fish" jqt \
    '.warnings[] | select(.code == "PROTEIN_EXCESS") | .advice | test("low-mercury fish") and (test("meat, fish") | not)' \
    "$T_DIR/out"

# --- 9: where it came from ------------------------------------------------------------
# Each day 300 g milk, 200 g bread, 100 g mystery.  Calcium known for milk
# and bread only: milk 7 x 360 = 2520 mg, bread 7 x 200 = 1400 mg, total
# 3920 mg = the sum of the daily totals (560 x 7): shares 0.6429, 0.3571,
# adding up to 1; the mystery dish (unknown calcium) is not a source.
# Protein: milk 63, bread 126, mystery 35 g (all known): 224 g.
fresh 2027-01-10 p08
week "300 g @test:milk" "200 g @test:bread" "100 g @test:mystery"
t_run report --week 2026-W47 --json
t_eq "sources: calcium from two foods, largest first" \
    "$(j '[.nutrients.calcium.sources[].id] | join(" ")')" "test:milk test:bread"
t_near "sources: milk's share" "$(j '.nutrients.calcium.sources[0].share')" 0.6429 0.0001
t_near "sources: milk's amount" "$(j '.nutrients.calcium.sources[0].amount')" 2520 0.05
t_near "sources: milk's grams" "$(j '.nutrients.calcium.sources[0].grams')" 2100 0.05
t_near "sources: calcium shares add up to 1" "$(j '[.nutrients.calcium.sources[].share] | add')" 1 0.001
t_near "sources: the known total is the sum of the days" \
    "$(j '.nutrients.calcium.sources_total')" "$(j '[.nutrients.calcium.daily[]] | add')" 0.1
t_near "sources: protein shares add up to 1" "$(j '[.nutrients.protein.sources[].share] | add')" 1 0.001
t_near "sources: mystery's protein share 35 / 224" \
    "$(j '.nutrients.protein.sources[] | select(.id == "test:mystery") | .share')" 0.1563 0.0001
t_eq "sources: every source has the keys" \
    "$(j '[.nutrients[].sources[] | keys == ["amount","grams","id","name","share"]] | all')" true
t_run report --week 2026-W47
t_out_has "sources: text" "64 % from Test milk [test:milk] (2100 g, 2520 mg)"
t_run report --week 2026-W47 --format markdown
t_out_has "sources: markdown" "| calcium | 64 % | Test milk | test:milk | 2100 g | 2520 mg |"
t_run report --week 2026-W47 --format html --output "$T_DIR/p08.html"
t_eq "sources: html, a bar per nutrient with sources" "$(grep -o '<svg class="srcbar"' "$T_DIR/p08.html" | wc -l)" 8
t_ok "sources: html list" grep -q "64 % from Test milk \[test:milk\] (2100 g, 2520 mg)" "$T_DIR/p08.html"

# --- 11: export -------------------------------------------------------------------------
# the diary of p08 (21 entries) and a cramp, and a food whose name is a
# formula
cat >"$T_DIR/evil.xml" <<'EOF_XML'
<?xml version="1.0" encoding="UTF-8"?>
<foodtable version="1" source="test">
  <food id="evil:1" name="=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" group="Test">
    <nutrient tag="CA" value="50"/>
  </food>
</foodtable>
EOF_XML
"$DIETBAL" --quiet import "$T_DIR/evil.xml" >/dev/null 2>&1 || t_fail "import evil.xml"
add 2026-11-15 "100 g @evil:1"
"$DIETBAL" --quiet cramp add --date 2026-11-20 --time 02:30 --severity 6 --site calf \
    --side right --night >/dev/null 2>&1
before=$(t_db_digest)
t_run export --format csv
t_rc "export csv exits 0" 0
t_eq "export: header + 22 entries + 1 cramp" "$(wc -l <"$T_DIR/out")" 24
t_eq "export: CRLF rows" "$(grep -c $'\r$' "$T_DIR/out")" 24
t_eq "export: header" "$(head -n 1 "$T_DIR/out" | tr -d '\r' | cut -d, -f1-16)" \
    "record,id,date,time,meal,food_id,food,grams,energy_kcal,protein_g,calcium_mg,magnesium_mg,phosphorus_mg,potassium_mg,sodium_mg,water_g"
# 300 g milk: 180 kcal, 9 g protein, 360 mg Ca, 30 Mg, 270 P, 450 K, 120 Na, 264 g water
t_eq "export: a milk row" "$(grep -m1 'test:milk' "$T_DIR/out" | tr -d '\r' | cut -d, -f1,3,6-16)" \
    "food,2026-11-16,test:milk,Test milk,300.0,180.0,9.00,360.0,30.0,270.0,450.0,120.0,264.0"
t_eq "export: unknown values are empty" "$(grep -m1 'test:mystery' "$T_DIR/out" | tr -d '\r' | cut -d, -f11-16)" ",,,,,"
t_eq "export: the cramp, after the entries of the 20th without a time" \
    "$(grep '^cramp' "$T_DIR/out" | tr -d '\r' | cut -d, -f1-4,17-21)" "cramp,$(sqlite3 "$DIETBAL_DB" 'SELECT id FROM cramp'),2026-11-20,02:30,6,,calf,right,1"
# (the last two columns, a supplement's units and unit, are empty for a food)
t_eq "export: a formula is neutralised" "$(grep 'evil:1' "$T_DIR/out" | tr -d '\r' | cut -d, -f6-)" \
    "evil:1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",100.0,,,50.0,,,,,,,,,,,,,,,,,,,,,"
t_eq "export: no cell starts a formula" \
    "$(tr -d '\r' <"$T_DIR/out" | awk -F, '{ for (i = 1; i <= NF; i++) if ($i ~ /^[=+@-]/) n++ } END { print n + 0 }')" 0
t_run export --from 2026-11-22 --to 2026-11-22 --json
t_rc "export json exits 0" 0
t_eq "export json: one day" "$(j '[.from, .to, (.entries | length), (.cramps | length)] | map(tostring) | join(" ")')" \
    "2026-11-22 2026-11-22 3 0"
t_eq "export json: unknown is null" "$(j '.entries[] | select(.food_id == "test:mystery") | .calcium_mg')" null
t_run --json export --from 2026-11-20 --to 2026-11-20
t_eq "export --json: the cramp" "$(j '.cramps[0].side + " " + (.cramps[0].severity | tostring)')" "right 6"
t_run export --format xml
t_rc "export: bad format exits 2" 2
t_err_has "export: says which" "dietbal: --format: 'xml' is not one of csv, json"
t_run export --from 2026-11-22 --to 2026-11-01
t_rc "export: from after to exits 2" 2
t_run export --json --format csv
t_rc "export: --json with csv exits 2" 2
t_run export extra
t_rc "export: an operand exits 2" 2
t_eq "export changes nothing" "$(t_db_digest)" "$before"
t_end
