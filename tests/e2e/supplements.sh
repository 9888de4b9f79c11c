#!/usr/bin/env bash
# End-to-end: supplements from their labels (`supplement define`, <supplement>
# in a food table), logged with `add` in units, shown by log/rm/day/report,
# and counted with food: every total is food + supplements, the magnesium UL
# is tested on supplemental magnesium only, the calcium and vitamin D ULs on
# the total.  Figures are worked out by hand from the fixtures:
#
# tests/fixtures/weeks/foods.xml, per 100 g:   Ca   Mg   (no vitamin D value)
#   milk     120   10
#   spinach  100   80
#   almonds  270  270
# tests/fixtures/supplements/table.xml: test:fish per 100 g has vitamin D 10 ug
# (and every core value); per unit: supp:mag200 Mg 200 mg a capsule,
# supp:cal500 Ca 0.5 g = 500 mg a tablet, supp:d5000 5000 IU / 40 = 125 ug of
# vitamin D a softgel.
#
# The person of tests/e2e/report.sh: pregnant, 29, 65 kg, 3rd trimester from
# 2026-10-26 on.  Pregnancy 19-30 (IOM): Ca EAR 800, SDr 100, SDw 325;
# Mg UL 350 mg from supplements only (IOM 1997); vitamin D EAR 10, RDA 15,
# UL 100 ug (IOM 2011), SDw placeholder 0.4 x the mean from food.
. "$(dirname "$0")/lib.sh"
t_begin
export DIETBAL_TODAY=2026-11-22
S="$FIX/supplements"

j() { jq -r "$1" "$T_DIR/out"; }

t_run import "$FIX/weeks/foods.xml" "$S/table.xml"
t_rc "import foods and supplements" 0
t_out_has "import counts supplements" "table.xml: 3 supplements: 3 added, 0 updated, 0 unchanged"
t_run profile set --birth-date 1997-05-01 --sex female --weight-kg 65 --pregnant \
    --due-date 2027-01-10
t_rc "profile" 0

t_run --json profile show
t_eq "profile show: vitamin D reference values (IOM 2011)" \
    "$(j '.reference_values.vitamin_d | "\(.ear) \(.rda) \(.ul) \(.unit)"')" "10 15 100 ug"

# --- defining from a label -----------------------------------------------------
t_run supplement define prenatal --name "Prenatal multivitamin" --unit tablet \
    CA=200mg MG=100mg VITD=400IU FOL=400ug FE=17mg
t_rc "define prenatal" 0
t_out_has "stored as supp:prenatal" "supp:prenatal defined: Prenatal multivitamin"
# 400 IU / 40 = 10 ug
t_out_has "IU converted to ug" "VITD 10 ug"
t_run --json supplement show supp:prenatal
t_eq "show: vitamin D 10 ug" "$(j '.nutrients.VITD.value') $(j '.nutrients.VITD.unit')" "10 ug"
t_eq "show: unit" "$(j .unit)" "tablet"
t_run --json supplement list
t_eq "list: 4 supplements" "$(j 'length')" 4
t_eq "list: by id" "$(j '[.[].id] | join(" ")')" "supp:cal500 supp:d5000 supp:mag200 supp:prenatal"

# --- bad input: exit 2, nothing changed -----------------------------------------
before=$(t_db_digest)
bad() { # name args...
    local name=$1
    shift
    t_run "$@"
    t_rc "$name: exit 2" 2
    t_eq "$name: nothing changed" "$(t_db_digest)" "$before"
}
bad "unknown tag" supplement define x --name X --unit tablet CA=200mg XYZZY=5mg
t_err_has "unknown tag named" "unknown nutrient tag 'XYZZY'"
bad "negative amount" supplement define x --name X --unit tablet CA=-200mg
bad "absurd amount: 12 g of calcium in a tablet" supplement define x --name X --unit tablet CA=12g
t_err_has "absurd amount explained" "more than 10 g of a mineral"
bad "absurd amount: 11000 mg of magnesium" supplement define x --name X --unit capsule MG=11000mg
bad "not a dose form" supplement define x --name X --unit cup CA=200mg
t_err_has "dose forms listed" "tablet, capsule, softgel, sachet, scoop, ml, drop"
bad "amount without unit" supplement define x --name X --unit tablet CA=200
bad "IU for calcium" supplement define x --name X --unit tablet CA=200IU
bad "no amount" supplement define x --name X --unit tablet
bad "a food's id as a supplement" supplement define test:milk --name Milk --unit tablet CA=1mg
t_err_has "says it is a food" "is a food's id"
for f in bad-negative bad-absurd bad-unit bad-tag bad-food-id bad-iu; do
    bad "import $f" import "$S/$f.xml"
done
bad "import a food with a supplement's id" import "$S/bad-food-as-supplement-id.xml"
t_err_has "a food cannot take a supplement's id" "a food cannot take a supplement's id"
bad "add: wrong dose form" add --date 2026-11-09 "1 capsule prenatal"
t_err_has "says the form" "is counted in tablets"
bad "add: unknown supplement id" add --date 2026-11-09 "2 @supp:nothing"
bad "add: 101 tablets" add --date 2026-11-09 "101 tablets prenatal"
bad "add: a supplement weighed" add --date 2026-11-09 "200 g @supp:prenatal"

# --- magnesium: the UL is for supplements only ------------------------------------
# W46, each day 100 g almonds + 250 g spinach + 300 g milk:
# Mg 270 + 200 + 30 = 500 mg from food.
for d in 09 10 11 12 13 14 15; do
    "$DIETBAL" --quiet add --date "2026-11-$d" "100 g @test:almonds" "250 g @test:spinach" \
        "300 g @test:milk"
done
t_run --json report --week 2026-W46
t_eq "food Mg 500/day: mean" "$(j .nutrients.magnesium.mean)" 500
t_eq "food Mg 500/day: no MAGNESIUM_SUPPLEMENT_UL" \
    "$(j '[.warnings[].code] | index("MAGNESIUM_SUPPLEMENT_UL")')" null
t_eq "food Mg is never tested against the UL" "$(j .nutrients.magnesium.p_above_ul)" null
t_eq "nothing from supplements" "$(j .nutrients.magnesium.from_supplements)" 0

# the same week plus 2 capsules of 200 mg a day: 400 mg/day from supplements
for d in 09 10 11 12 13 14 15; do
    "$DIETBAL" --quiet add --date "2026-11-$d" --meal breakfast "2 capsules magnesium"
done
t_run --json report --week 2026-W46
w='.warnings[] | select(.code == "MAGNESIUM_SUPPLEMENT_UL")'
t_eq "plus 400 mg/day supplemental: MAGNESIUM_SUPPLEMENT_UL" "$(j "$w | .severity")" warning
t_eq "its figure: supplement mean 400" "$(j "$w | .figures.supplement_mean")" 400
t_eq "its figure: above on 7 days" "$(j "$w | .figures.days_above")" 7
t_eq "total Mg = 500 + 400" "$(j .nutrients.magnesium.mean)" 900
t_eq "from_supplements 400" "$(j .nutrients.magnesium.from_supplements)" 400
t_eq "daily share" "$(j '.nutrients.magnesium.daily_from_supplements[0]')" 400
t_eq "completeness of the food unchanged" "$(j .nutrients.magnesium.completeness)" 1

# log, day and rm show and take supplement entries
t_run log --date 2026-11-09
t_out_has "log shows the dose" "2 capsules of Test magnesium citrate 200 mg (supp:mag200)"
t_run --json log --date 2026-11-09
sid=$(j '[.[] | select(.kind == "supplement")][0].id')
t_eq "log json: kind, units, unit, grams null" \
    "$(j '[.[] | select(.kind == "supplement")][0] | "\(.units) \(.unit) \(.grams) \(.magnesium_mg)"')" \
    "2 capsule null 400"
t_run day 2026-11-09
t_out_has "day shows the supplement part" "  suppl."
t_run rm "$sid"
t_rc "rm a supplement entry" 0
t_run --json day 2026-11-09
t_eq "after rm: no supplement that day" "$(j .nutrients.magnesium.from_supplements)" 0

# redefining updates in place; entries keep pointing at it: 2 x 100 = 200
t_run supplement define mag200 --name "Test magnesium, new label" --unit capsule MG=100mg
t_rc "redefine" 0
t_out_has "updated" "supp:mag200 updated"
t_run --json report --week 2026-W46
# 6 days of 2 x 100 mg and the day emptied by rm: 1200 / 7 = 171.4
t_near "entries count the new amounts" "$(j .nutrients.magnesium.from_supplements)" 171.4 0.05
t_eq "under the UL now" "$(j '[.warnings[].code] | index("MAGNESIUM_SUPPLEMENT_UL")')" null

# --- calcium: a supplement moves the mean and P(adequate) by its amount -------
# W47, 500 g milk a day: Ca 600 mg.  SD_D = sqrt(100^2 + 325^2 / 7) = 158.396.
# P = Phi((600 - 800) / 158.396) = Phi(-1.2627) = 0.103.
for d in 16 17 18 19 20 21 22; do
    "$DIETBAL" --quiet add --date "2026-11-$d" "500 g @test:milk"
done
t_run --json report --week 2026-W47
t_eq "food Ca 600: mean" "$(j .nutrients.calcium.mean)" 600
t_eq "food Ca 600: P(adequate) 0.103" "$(j .nutrients.calcium.p_adequate)" 0.103
# plus one 500 mg tablet a day: mean 1100, P = Phi(300 / 158.396) = Phi(1.8940) = 0.971
for d in 16 17 18 19 20 21 22; do
    "$DIETBAL" --quiet add --date "2026-11-$d" "1 pill calcium"
done
t_run --json report --week 2026-W47
t_eq "plus 500 mg/day: mean 1100" "$(j .nutrients.calcium.mean)" 1100
t_eq "plus 500 mg/day: P(adequate) 0.971" "$(j .nutrients.calcium.p_adequate)" 0.971
t_eq "from_supplements 500" "$(j .nutrients.calcium.from_supplements)" 500
t_eq "calcium completeness still 1" "$(j .nutrients.calcium.completeness)" 1
t_eq "no CALCIUM_LOW" "$(j '[.warnings[].code] | index("CALCIUM_LOW")')" null
t_run report --week 2026-W47 --format csv
# columns: date, logged, 8 totals, 8 completenesses, cramp_episodes,
# preeclampsia_signs (20), vitamin D and its completeness (22), then the
# supplement parts: energy 23, protein 24, calcium 25
t_eq "csv: calcium from supplements column" \
    "$(sed -n 1p "$T_DIR/out" | tr -d '\r' | tr ',' '\n' | grep -n calcium_from_supplements_mg)" \
    "25:calcium_from_supplements_mg"
t_eq "csv: 500 from supplements on the first day" \
    "$(sed -n 2p "$T_DIR/out" | tr -d '\r' | cut -d, -f25)" "500.0"
t_run report --week 2026-W47
t_out_has "text: supplement column" "suppl."
t_run report --week 2026-W47 --format markdown
t_out_has "markdown: supplement rows" "| of which supplements |"
t_run report --week 2026-W47 --format html --output "$T_DIR/w47.html"
t_eq "html: a stacked supplement segment a day (calcium)" \
    "$(grep -o '<title>2026-11-1[6-9]: 500 mg from supplements</title>' "$T_DIR/w47.html" | wc -l)" 4
t_eq "html: the vitamin D chart" "$(grep -c 'id="chart-vitamin_d"' "$T_DIR/w47.html")" 1

# --- vitamin D above the UL from supplements ----------------------------------
# W45: 200 g fish a day (vitamin D 20 ug, every food has a value) + one
# 5000 IU softgel (125 ug): 145 ug/day.  SDw = 0.4 x 20 = 8;
# z = (145 - 100) / (8 / sqrt 7) = 14.9: P(above the UL) = 1.
for d in 02 03 04 05 06 07 08; do
    "$DIETBAL" --quiet add --date "2026-11-$d" "200 g @test:fish" "1 softgel @supp:d5000"
done
t_run --json report --week 2026-W45
t_eq "vitamin D: EAR RDA UL (IOM 2011)" \
    "$(j '.nutrients.vitamin_d | "\(.ear) \(.rda) \(.ul) \(.unit)"')" "10 15 100 ug"
t_eq "vitamin D mean 145" "$(j .nutrients.vitamin_d.mean)" 145
t_eq "vitamin D from supplements 125" "$(j .nutrients.vitamin_d.from_supplements)" 125
t_eq "vitamin D P(above UL) 1" "$(j .nutrients.vitamin_d.p_above_ul)" 1
t_eq "VITAMIN_D_HIGH warns" "$(j '.warnings[] | select(.code == "VITAMIN_D_HIGH") | .severity')" \
    warning
t_eq "the probability is approximate" "$(j .nutrients.vitamin_d.approximate)" true
# W44: milk only (no vitamin D value: completeness 0) + the softgel: the
# supplement alone is above the UL of the total
for d in 10-26 10-27 10-28 10-29 10-30 10-31 11-01; do
    "$DIETBAL" --quiet add --date "2026-$d" "500 g @test:milk" "1 softgel @supp:d5000"
done
t_run --json report --week 2026-W44
t_eq "no food value: completeness 0" "$(j .nutrients.vitamin_d.completeness)" 0
t_eq "supplements alone above the UL warn" \
    "$(j '.warnings[] | select(.code == "VITAMIN_D_HIGH") | .message' | grep -c 'supplements alone give 125.0 ug/day')" 1

# --- where it came from: supplements are sources too (issue 14's `sources`) ------
# W47: 500 g milk a day (Ca 120 / 100 g) = 3500 g, 4200 mg over the week, and
# 7 tablets of 500 mg = 3500 mg: total 7700; shares 4200 / 7700 = 0.5455 and
# 3500 / 7700 = 0.4545.  A supplement has no grams, but its units.
t_run --json report --week 2026-W47
src='.nutrients.calcium.sources'
t_eq "calcium sources: milk, then the tablet" "$(j "[$src[].id] | join(\" \")")" \
    "test:milk supp:cal500"
t_eq "the milk: grams, amount, share" "$(j "$src[0] | \"\(.grams) \(.amount) \(.share)\"")" \
    "3500 4200 0.5455"
t_eq "the tablet: no grams; 7 tablets, 3500 mg, its share" \
    "$(j "$src[1] | \"\(.grams) \(.kind) \(.units) \(.unit) \(.amount) \(.share)\"")" \
    "null supplement 7 tablet 3500 0.4545"
t_run report --week 2026-W47
t_out_has "text: the tablet with its units" \
    "45 % from Test calcium carbonate [supp:cal500] (7 tablets, 3500 mg)"
# W45 vitamin D: 1400 g fish x 10 / 100 = 140 ug, 7 softgels x 125 = 875 ug:
# 875 / 1015 = 0.8621.  Its table CV (a placeholder, 0.4) is far below 0.6,
# so the probability is computed (nutrition-science.md 0.1), firm here.
t_run --json report --week 2026-W45
t_eq "vitamin D sources: the softgel first" \
    "$(j '.nutrients.vitamin_d.sources | map("\(.id) \(.share)") | join(", ")')" \
    "supp:d5000 0.8621, test:fish 0.1379"
t_eq "vitamin D: table CV 0.4, P(adequate) 1, firm, no days needed" \
    "$(j '.nutrients.vitamin_d | "\(.table_cv) \(.p_adequate) \(.firmness) \(.days_needed)"')" \
    "0.4 1 firm null"
t_run report --week 2026-W45 --format markdown
t_out_has "markdown: the softgel's units in the sources" \
    "| Test vitamin D3 5000 IU | supp:d5000 | 7 softgels | 875.0 ug |"

# --- add: --dry-run and --json for both kinds; one transaction for both --------
before=$(t_db_digest)
t_run --json add --dry-run --date 2026-11-22 "1 tablet prenatal" "500 g @test:milk"
t_rc "dry run with a supplement: exit 0" 0
t_eq "dry run stores nothing" "$(t_db_digest)" "$before"
t_eq "dry run json: kinds, ids null" "$(j 'map("\(.kind) \(.id)") | join(", ")')" \
    "supplement null, food null"
# 1 tablet: Ca 200 mg; 500 g milk: 600 mg
t_eq "dry run json: calcium of each" "$(j 'map(.calcium_mg) | join(" ")')" "200 600"
t_run add --dry-run --date 2026-11-22 "2 pills prenatal"
t_out_has "dry run text: would store the dose" "would store 2026-11-22: 2 tablets (supplement)"
bad "a bad food stores the good supplement neither" add --date 2026-11-22 "1 tablet prenatal" \
    "2 buckets @test:milk"
bad "a bad supplement stores the good food neither" add --date 2026-11-22 "500 g @test:milk" \
    "1 capsule prenatal"
bad "a dose form that names no supplement, and no food" add --date 2026-11-22 "2 capsules zzzq"
t_err_has "the food error says no supplement matched either" "no supplement matches 'zzzq' either"

# --- export: a supplement entry is a record of its own ------------------------
t_run export --from 2026-11-02 --to 2026-11-02
t_eq "export: the softgel, no grams, 1 softgel, 125 ug not a column (core only)" \
    "$(grep '^supplement' "$T_DIR/out" | tr -d '\r' | cut -d, -f1,6,8,11,31-32)" \
    "supplement,supp:d5000,,0.0,1.00,softgel"
t_run --json export --from 2026-11-02 --to 2026-11-02
t_eq "export json: kind, units, unit" \
    "$(j '.entries[] | select(.kind == "supplement") | "\(.food_id) \(.grams) \(.units) \(.unit)"')" \
    "supp:d5000 null 1 softgel"

# --- the example supplements and everyday words ---------------------------------
t_run import "$T_ROOT/foods/supplements-examples.xml"
t_rc "import the examples" 0
t_run --json add --date 2026-11-01 "1 tablet prenatal"
t_eq "the user's own supp:prenatal wins over the example" "$(j '.[0].supplement_id')" "supp:prenatal"
before=$(t_db_digest)
bad "two supplements match: listed, nothing stored" add --date 2026-11-01 "1 softgel vitamin d3"
t_err_has "the candidates listed" "@supp:example-vitamin-d3"
t_run --json add --date 2026-11-01 "1 softgel example vitamin d3"
t_eq "an example by name" "$(j '.[0].supplement_id')" "supp:example-vitamin-d3"
t_eq "its vitamin D, 400 IU = 10 ug" "$(j '.[0].vitamin_d_ug')" 10

# --- a database of the schema before supplements keeps its diary ----------------
# tests/fixtures/supplements/v2-database.sql: made by dietbal before this
# change (sqlite3 .dump, user_version 2): 3 entries, ids 1-3.
export DIETBAL_DB="$T_DIR/old/dietbal.db"
mkdir -p "$T_DIR/old"
sqlite3 "$DIETBAL_DB" <"$S/v2-database.sql"
t_run log --from 2026-11-20 --to 2026-11-21
t_rc "old database: log" 0
t_out_has "entry 1 kept" "    1 2026-11-20       breakfast   244.0    293"
t_out_has "entry 3 kept" "    3 2026-11-21                    50.0      5"
t_eq "all food entries" "$(sqlite3 "$DIETBAL_DB" "SELECT group_concat(id || kind, ' ') FROM entry")" \
    "1food 2food 3food"
t_run check
t_rc "old database: check passes after the migration" 0
t_run add --date 2026-11-21 "1 @supp:nothing"
t_rc "old database: unknown supplement refused" 2

t_end
