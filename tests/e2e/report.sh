#!/usr/bin/env bash
# End-to-end: `dietbal report` and `dietbal day` on constructed weeks logged
# through the real commands (import, profile set, add, cramp add).  Each
# week gets exactly the warnings it should; the figures are worked out by
# hand below from tests/fixtures/weeks/foods.xml (per 100 g):
#
#            kcal  protein   Ca   Mg    P     K    Na  water
#   milk       60    3.0    120   10   90   150    40   88
#   yoghurt    60    4.0    150   15  120   200    50   85
#   beef      200   26.0     10   20  200   300    60   65
#   bread     250    9.0    100   40  100   120   450   38
#   spinach    25    3.0    100   80   50   560    80   91
#   lentils   120    9.0     20   40  180   370     2   70
#   almonds   580   21.0    270  270  480   730     1    4
#   banana     90    1.0      5   27   22   360     1   75
#   water       0    0        0    0    0     0     0  100
#   mystery   100    5.0      ?    ?    ?     ?     ?    ?
#
# The person: worked example 3 of nutrition-science.md 2.6 - pregnant, born
# 1997-05-01 (29), 65 kg, due 2027-01-10, so every day from 2026-10-26 on
# is in the 3rd trimester (76 days or fewer before the due date: week 29+).
# References (pregnancy 19-30): Ca EAR 800 RDA 1000 UL 2500 SDr 100 SDw 325;
# Mg EAR 290 RDA 350 SDr 29 SDw 86; P EAR 580 UL 3500; protein EAR 0.88 x 65
# = 57.2 g; K AI 2900; Na CDRR 2300; water AI 3000 g; SDw 0.40 x mean for
# K, Na, water, 0.42 x mean for protein.
. "$(dirname "$0")/lib.sh"
t_begin
export DIETBAL_TODAY=2026-11-22
W="$FIX/weeks"

# The importer and `add` come from other modules: without them nothing
# here can run.
if ! "$DIETBAL" add --help >/dev/null 2>&1 || ! "$DIETBAL" report --help >/dev/null 2>&1; then
    t_skip "report e2e" "this build has no 'add' or 'report' command"
    t_end
    exit 0
fi

t_run import "$W/foods.xml"
t_rc "import the test foods" 0
t_run profile set --birth-date 1997-05-01 --sex female --weight-kg 65 --pregnant \
    --due-date 2027-01-10
t_rc "profile set" 0

add() { # date entries...: log a day, failing the test on error
    local d=$1
    shift
    "$DIETBAL" --quiet add --date "$d" "$@" >/dev/null 2>"$T_DIR/add.err" ||
        t_fail "add on $d" "$(cat "$T_DIR/add.err")"
}
# Week A day: 400 g beef, 200 g bread, 300 g milk, 2500 g water
#            kcal  prot    Ca   Mg     P     K    Na  water
#   beef      800   104    40   80   800  1200   240   260
#   bread     500    18   200   80   200   240   900    76
#   milk      180     9   360   30   270   450   120   264
#   water       0     0     0    0     0     0     0  2500
#   day      1480   131   600  190  1270  1890  1260  3100
meat_day() { add "$1" "400 g @test:beef" "200 g @test:bread" "300 g @test:milk" "2500 g @test:water"; }
# Week B day: 500 g milk, 200 g yoghurt, 250 g bread, 200 g spinach,
# 200 g lentils, 30 g almonds, 300 g banana, 100 g beef, 1800 g water
#   day      1979 kcal, protein 104.8 g, Ca 1496, Mg 602, P 1810, K 4909,
#            Na 1652.3, water 3118.2 g
balanced_day() {
    add "$1" "500 g @test:milk" "200 g @test:yoghurt" "250 g @test:bread" "200 g @test:spinach" \
        "200 g @test:lentils" "30 g @test:almonds" "300 g @test:banana" "100 g @test:beef" \
        "1800 g @test:water"
}
jqt() { jq -e "$@" >/dev/null; } # a jq test, quietly
codes() { jq -r '[.warnings[].code] | join(" ")' "$T_DIR/out"; }
j() { jq -r "$1" "$T_DIR/out"; }

for d in 16 17 18 19 20 21 22; do meat_day "2026-11-$d"; done         # A: 2026-W47
for d in 09 10 11 12 13 14 15; do balanced_day "2026-11-$d"; done     # B: 2026-W46
meat_day 2026-11-03                                                   # C: 2026-W45
meat_day 2026-11-06
for d in 10-26 10-27 10-28 10-29 10-30 10-31 11-01; do balanced_day "2026-$d"; done  # D: W44
"$DIETBAL" --quiet cramp add --date 2026-10-26 --night --severity 4 --site calf >/dev/null 2>&1
"$DIETBAL" --quiet cramp add --date 2026-10-28 --night --severity 5 --site calf >/dev/null 2>&1
"$DIETBAL" --quiet cramp add --date 2026-10-30 --severity 6 --site calf --swelling >/dev/null 2>&1

before=$(t_db_digest)

# --- Week A: low calcium, high meat -----------------------------------------
# Calcium 600: SD_D = sqrt(100^2 + 325^2/7) = 158.40, z = -1.263, P = 0.103.
# Magnesium 190: SD_D = sqrt(29^2 + 86^2/7) = 43.56, z = -2.296, P = 0.011.
# Protein 4 x 131 / 1480 = 35.4 % > 35 (AMDR).  Ca:P 600/1270 = 0.47 <
# 1000/700 with calcium short; Ca:Mg 600/190 = 3.16 > 2.8 with magnesium
# short.  PRAL 0.49x131 + 0.037x1270 - 0.021x1890 - 0.026x190 - 0.013x600
# = 58.75 > 15.  Potassium 1890 < AI 2900: z = -1010/(756/sqrt 7) = -3.53.
# Water 3100: z = 100/(1240/sqrt 7) = 0.21, P = 0.58: no WATER_LOW.
# Sodium 1260 < 2300.
t_run report --week 2026-W47 --json
t_rc "week A report exits 0" 0
t_eq "week A period" "$(j '.from + " " + .to + " " + (.days|tostring) + " " + (.days_logged|tostring)')" \
    "2026-11-16 2026-11-22 7 7"
t_eq "week A warnings" "$(codes)" \
    "CALCIUM_LOW MAGNESIUM_LOW PROTEIN_EXCESS CA_P_RATIO_LOW CA_MG_RATIO_HIGH ACID_LOAD_HIGH POTASSIUM_LOW"
t_eq "week A severities" "$(j '[.warnings[].severity] | join(" ")')" \
    "warning warning warning info info info info"
t_eq "week A life stage" "$(j '.profile.life_stage + " " + (.profile.trimester|tostring)')" \
    "pregnancy 3"
t_near "week A calcium mean" "$(j .nutrients.calcium.mean)" 600 0.05
t_near "week A calcium P(adequate)" "$(j .nutrients.calcium.p_adequate)" 0.103 0.0005
t_near "week A magnesium P(adequate)" "$(j .nutrients.magnesium.p_adequate)" 0.011 0.0005
t_near "week A protein % energy" "$(j .balance.protein_energy_pct)" 35.4 0.05
t_near "week A Ca:P" "$(j .balance.ca_p_ratio)" 0.47 0.005
t_near "week A Ca:Mg" "$(j .balance.ca_mg_ratio)" 3.16 0.005
t_near "week A PRAL" "$(j .balance.pral_meq)" 58.75 0.06
t_near "week A g/kg" "$(j .balance.protein_g_per_kg)" 2.02 0.005
t_eq "week A daily calcium" "$(j '.nutrients.calcium.daily | map(tostring) | join(",")')" \
    "600,600,600,600,600,600,600"
t_eq "week A suggestions for calcium" "$(j '.suggestions.calcium | type')" array
t_eq "week A no red flag" "$(j .cramps.red_flag)" false

t_run report --week 2026-W47
t_rc "week A text exits 0" 0
t_eq "text lines fit 80 columns" "$(awk 'length > 80' "$T_DIR/out" | head -3)" ""
t_out_has "text names the warning" "CALCIUM_LOW"
t_out_has "text gives the figures" "mean 600 mg/day over 7 days, below the EAR 800 mg"
t_out_has "text bar against the RDA" "60% of RDA 1000 mg"
t_out_has "text marks placeholders" "approximate"
t_out_has "text ends with the note" "dietbal is not medical advice"
t_eq "no colour without a terminal" "$(grep -c $'\033' "$T_DIR/out")" 0
t_eq "not-medical-advice note last" "$(tail -n 1 "$T_DIR/out")" "taking supplements."

# --- Week B: balanced ----------------------------------------------------------
# Calcium 1496 (P = 1.000), magnesium 602, protein 104.8 g = 21.2 % of
# 1979 kcal (< 25), PRAL 51.35 + 66.97 - 103.09 - 15.65 - 19.45 = -19.87,
# potassium 4909 > 2900, sodium 1652 < 2300, water 3118.2: z = 118.2 /
# (1247.3/sqrt 7) = 0.25, P = 0.60.  No warning at all.
t_run report --week 2026-W46 --json
t_rc "week B report exits 0" 0
t_eq "week B warnings" "$(codes)" ""
t_near "week B calcium mean" "$(j .nutrients.calcium.mean)" 1496 0.05
t_near "week B water mean" "$(j .nutrients.water.mean)" 3118.2 0.05
t_near "week B PRAL" "$(j .balance.pral_meq)" -19.9 0.05
t_near "week B protein %" "$(j .balance.protein_energy_pct)" 21.2 0.05
t_near "week B water P(>AI)" "$(j .nutrients.water.p_above_ai)" 0.599 0.0005

# --- Week C: two days ---------------------------------------------------------
# Meat days on the 3rd and 6th only.  n = 2: calcium SD_D = sqrt(100^2 +
# 325^2/2) = 250.6, z = -0.80, P = 0.212; magnesium P = 0.069; potassium
# P(>AI) = 0.029; water P = 0.545 (no WATER_LOW).  DATA_SPARSE, and every
# intake warning of week A again, tentative and as info.
t_run report --from 2026-11-02 --to 2026-11-08 --json
t_rc "week C report exits 0" 0
t_eq "week C days logged" "$(j .days_logged)" 2
t_eq "week C warnings" "$(codes)" \
    "DATA_SPARSE CALCIUM_LOW MAGNESIUM_LOW PROTEIN_EXCESS CA_P_RATIO_LOW CA_MG_RATIO_HIGH ACID_LOAD_HIGH POTASSIUM_LOW"
t_eq "week C all info" "$(j '[.warnings[].severity] | unique | join(" ")')" info
t_near "week C calcium P(adequate)" "$(j .nutrients.calcium.p_adequate)" 0.212 0.0005
t_eq "week C unlogged dates" "$(j '.unlogged_dates | join(" ")')" \
    "2026-11-02 2026-11-04 2026-11-05 2026-11-07 2026-11-08"
t_eq "week C daily has nulls" "$(j '.nutrients.calcium.daily | map(tostring) | join(",")')" \
    "null,600,null,null,600,null,null"

# --- Week D: balanced, with a red-flag cramp ---------------------------------
t_run report --week 2026-W44 --json
t_rc "week D report exits 0" 0
t_eq "week D warnings" "$(codes)" "CRAMP_RED_FLAG"
t_eq "week D alert" "$(j '.warnings[0].severity')" alert
t_eq "week D cramps" "$(j '[.cramps.episodes, .cramps.days_with_cramps, .cramps.red_flag] | map(tostring) | join(" ")')" \
    "3 3 true"
t_eq "week D too few days to relate" "$(j .cramps.relation.state)" too_few_days
t_run report --week 2026-W44
t_out_has "week D text leads with the red flag" "SEE A CLINICIAN TODAY"
t_out_has "week D text names DVT" "deep vein thrombosis"
t_out_has "week D self-care advice" "What may help:"
t_out_has "week D too few days" "Too few days to say anything"

# a report reads and never writes
t_eq "reports change nothing" "$(t_db_digest)" "$before"

# --- formats and options ---------------------------------------------------------
t_run report --json
t_eq "default period: 7 days ending today" "$(j '.from + " " + .to')" "2026-11-16 2026-11-22"

t_run report --week 2026-W47 --format csv
t_rc "csv exits 0" 0
t_eq "csv: header + 7 rows" "$(wc -l <"$T_DIR/out")" 8
t_eq "csv rows end CRLF" "$(grep -c $'\r$' "$T_DIR/out")" 8
t_eq "csv header" "$(head -n 1 "$T_DIR/out" | tr -d '\r' | cut -d, -f1-5)" \
    "date,logged,energy_kcal,protein_g,calcium_mg"
t_eq "csv a day" "$(sed -n 2p "$T_DIR/out" | tr -d '\r' | cut -d, -f1-5)" \
    "2026-11-16,1,1480.0,131.00,600.0"
t_run report --from 2026-11-02 --to 2026-11-08 --format csv
t_eq "csv unlogged day: empty cells, never NA" \
    "$(sed -n 2p "$T_DIR/out" | tr -d '\r')" "2026-11-02,0,,,,,,,,,,,,,,,,,0,0,,,,,,,,,,,"

t_run report --week 2026-W47 --format markdown
t_rc "markdown exits 0" 0
t_out_has "markdown table" "| calcium | mg | 600 |"

# html: a file, by default reports/dietbal-FROM_TO.html under the current
# directory (reports/ created 0700, the file 0600); the page itself is
# checked in tests/test_report_html.c and, in a browser, html_browser.sh.
mkdir -p "$T_DIR/cwd"
(cd "$T_DIR/cwd" && "$DIETBAL" report --week 2026-W47 --format html >"$T_DIR/out" 2>"$T_DIR/err")
T_RC=$? T_OUT=$(cat "$T_DIR/out") T_ERR=$(cat "$T_DIR/err")
H="$T_DIR/cwd/reports/dietbal-2026-11-16_2026-11-22.html"
t_rc "html exits 0" 0
t_eq "html says where it went" "$T_OUT" "HTML report written to reports/dietbal-2026-11-16_2026-11-22.html"
t_eq "html default file is 0600" "$(stat -c %a "$H" 2>&1)" 600
t_eq "reports/ created 0700" "$(stat -c %a "$T_DIR/cwd/reports")" 700
t_eq "html: the 8 charts (vitamin D added)" "$(grep -o '<svg class="chart"' "$H" | wc -l)" 8
t_eq "html: the warnings of week A" \
    "$(grep -o '<article class="warning sev-[a-z]*" id="w-[A-Z_]*"' "$H" | sed 's/.*id="w-//; s/"//' | paste -sd' ')" \
    "CALCIUM_LOW MAGNESIUM_LOW PROTEIN_EXCESS CA_P_RATIO_LOW CA_MG_RATIO_HIGH ACID_LOAD_HIGH POTASSIUM_LOW"
t_eq "html: no script, no URL" "$(grep -ciE '<script|https?://' "$H")" 0
t_run --quiet report --week 2026-W47 --format html --output "$T_DIR/w47.html"
t_rc "html --output exits 0" 0
t_eq "html --output --quiet prints nothing" "$T_OUT" ""
t_ok "html --output written" grep -q 'dietbal is not medical advice' "$T_DIR/w47.html"
mkdir -p "$T_DIR/cwd2" && touch "$T_DIR/cwd2/reports"
(cd "$T_DIR/cwd2" && "$DIETBAL" report --week 2026-W47 --format html >"$T_DIR/out" 2>"$T_DIR/err")
T_RC=$? T_OUT=$(cat "$T_DIR/out") T_ERR=$(cat "$T_DIR/err")
t_rc "html when reports is a file exits 1" 1
t_err_has "html when reports is a file says so" "dietbal: reports: not a directory"
t_run report --format xml
t_rc "unknown format exits 2" 2
t_run report --week 2026-W99
t_rc "bad week exits 2" 2
t_err_has "bad week message" "dietbal: --week:"
t_run report --from 2026-11-22 --to 2026-11-01
t_rc "from after to exits 2" 2
t_run report --from 2026-02-30
t_rc "bad date exits 2" 2
t_run report --from 2025-01-01 --to 2026-11-22
t_rc "more than 366 days exits 2" 2
t_err_has "too long says the limit" "366"
t_run report --week 2026-W47 --from 2026-11-16
t_rc "week with from exits 2" 2
t_run report --bogus
t_rc "unknown option exits 2" 2

mkdir -p "$T_DIR/out-dir"
t_run report --week 2026-W47 --json --output "$T_DIR/out-dir/a.json"
t_rc "--output exits 0" 0
t_eq "--output: nothing on stdout" "$T_OUT" ""
t_ok "--output file is valid JSON" jqt '.days == 7' "$T_DIR/out-dir/a.json"
t_eq "--output file is 0600" "$(stat -c %a "$T_DIR/out-dir/a.json")" 600
t_eq "--output leaves no temporary file" "$(ls -A "$T_DIR/out-dir")" "a.json"
t_run report --week 2026-W47 --output "$T_DIR/no-such-dir/a.txt"
t_rc "--output into a missing directory exits 1" 1
t_ok "nothing created" test ! -e "$T_DIR/no-such-dir"
t_run report --week 2026-W47 --output "$T_DIR/out-dir"
t_rc "--output naming a directory exits 2" 2
t_eq "the directory is untouched" "$(ls -A "$T_DIR/out-dir")" "a.json"
if [ -w /dev/full ]; then
    "$DIETBAL" report --week 2026-W47 >/dev/full 2>"$T_DIR/err"
    T_RC=$?
    t_rc "a write error on stdout exits 1" 1
fi

# --- day ----------------------------------------------------------------------------
t_run day 2026-11-18 --json
t_rc "day exits 0" 0
t_eq "day: one day" "$(j '[.from, .to, (.days|tostring), (.days_logged|tostring)] | join(" ")')" \
    "2026-11-18 2026-11-18 1 1"
t_eq "day: calcium" "$(j '.nutrients.calcium.daily | map(tostring) | join(",")')" 600
t_ok "day: same keys as report" jqt \
    'has("profile") and has("nutrients") and has("balance") and has("warnings") and has("cramps")' \
    "$T_DIR/out"
t_run day --json
t_eq "day defaults to today" "$(j .from)" 2026-11-22
t_run day 2026-11-18
t_rc "day text exits 0" 0
t_out_has "day text title" "dietbal day: 2026-11-18 (logged)"
t_eq "day text fits 80 columns" "$(awk 'length > 80' "$T_DIR/out" | head -3)" ""
t_run day not-a-date
t_rc "day with a bad date exits 2" 2

# incomplete values: 800 g milk + 300 g mystery -> calcium known for 800 of
# 1100 g = 0.727 < 0.8
add 2026-10-20 "800 g @test:milk" "300 g @test:mystery"
t_run day 2026-10-20 --json
t_near "day completeness" "$(j .nutrients.calcium.completeness)" 0.727 0.0005
t_ok "DATA_INCOMPLETE on an incomplete day" jqt '[.warnings[].code] | index("DATA_INCOMPLETE")' \
    "$T_DIR/out"

# --- no profile ----------------------------------------------------------------------
export DIETBAL_DB="$T_DIR/db2/dietbal.db"
"$DIETBAL" --quiet import "$W/foods.xml" >/dev/null 2>&1
meat_day 2026-11-22
t_run report --json
t_rc "report without a profile exits 0" 0
t_eq "no profile: life stage unknown" "$(j .profile.life_stage)" unknown
t_ok "no profile: note says what to do" jqt '.profile.note | test("dietbal profile set")' \
    "$T_DIR/out"
t_eq "no profile: female 19-30 values" "$(j .nutrients.magnesium.ear)" 255
t_end
