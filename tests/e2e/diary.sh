#!/usr/bin/env bash
# End-to-end: profile, add, log, rm on the real USDA table.  Expected figures
# are worked out by hand below from the USDA SR24 values (per 100 g):
#   usda:01077 milk, whole      cup 244 g   Ca 113  Mg 10  P 84   protein 3.15
#   usda:18075 bread, whole-wheat slice 28 g Ca 107 Mg 82  P 202  protein 12.95
#   usda:08121 oats, cooked     cup 234 g   Ca 9    Mg 27  P 77   protein 2.54
#   usda:15237 salmon, cooked               Ca 15   Mg 30  P 252  protein 22.1
. "$(dirname "$0")/lib.sh"
t_begin
export DIETBAL_TODAY=2026-11-22
"$DIETBAL" --quiet init >/dev/null 2>&1 || { t_fail "init"; t_end; exit 1; }

t_run profile set --age 29 --sex female --weight-kg 65 --pregnant --due-date 2027-02-15
t_rc "profile set exits 0" 0
t_run profile show --json
t_eq "life stage from the profile" "$(jq -r .life_stage "$T_DIR/out")" \
    "pregnancy 19-30 y, trimester 2"
t_eq "calcium EAR in pregnancy 19-30" "$(jq -r .reference_values.calcium.ear "$T_DIR/out")" 800
# protein EAR 0.88 g/kg x 65 kg = 57.2 g (nutrition-science.md 1.3)
t_eq "protein EAR from weight" "$(jq -r .reference_values.protein.ear "$T_DIR/out")" 57.2

t_run add --date 2026-11-20 --meal breakfast "1 cup whole milk" "2 slices whole-wheat bread" \
    "1/2 cup oatmeal"
t_rc "add three entries exits 0" 0
t_out_has "add prints the conversion" "1 cup = 244 g"
t_out_has "add prints the food and id" "Milk, whole, 3.25% milkfat, with added vitamin D (usda:01077)"
# 244 g x 113 mg / 100 g = 275.72 mg, printed to whole mg
t_out_has "add prints the calcium" "Ca 276 mg"
t_run add --date 2026-11-20 --meal dinner --time 19:30 "150 g salmon" "250 ml @usda:01077"
t_rc "add by id and volume exits 0" 0

t_run log --date 2026-11-20 --json
g() { jq -r "$1" "$T_DIR/out"; }
t_eq "five entries logged" "$(g length)" 5
t_eq "1 cup milk = 244 g" "$(g '.[0].grams')" 244
t_eq "2 slices bread = 2 x 28 g" "$(g '.[1].grams')" 56
t_eq "1/2 cup oatmeal = 0.5 x 234 g" "$(g '.[2].grams')" 117
t_eq "oatmeal is the cooked oats" "$(g '.[2].food_id')" usda:08121
t_eq "150 g salmon" "$(g '.[3].grams')" 150
# 250 ml of milk: 244 g per cup of 236.6 ml -> 250 x 244 / 236.6 = 257.82 g
t_near "250 ml milk via the cup's density" "$(g '.[4].grams')" 257.82 0.01
t_eq "meal stored" "$(g '.[3].meal')" dinner
t_eq "time stored" "$(g '.[3].time')" 19:30
# day calcium: 275.72 + 56 x 1.07 + 117 x 0.09 + 150 x 0.15 + 257.819 x 1.13
#            = 275.72 + 59.92 + 10.53 + 22.5 + 291.336 = 660.006 mg
ca=$(sqlite3 "$DIETBAL_DB" "SELECT sum(e.grams * v.value / 100) FROM entry e
     JOIN food_value v ON v.food = e.food AND v.nutrient = (SELECT id FROM nutrient WHERE tag = 'CA')
     WHERE e.date = '2026-11-20'")
t_near "the day's calcium from the stored grams" "$ca" 660.006 0.01

# --- day --json against the same day worked out by hand ------------------
# grams: milk 244 + 257.819, bread 56, oats 117, salmon 150
# protein 2.44x3.15 + 0.56x12.95 + 1.17x2.54 + 1.5x22.1 + 2.57819x3.15
#       = 7.686 + 7.252 + 2.972 + 33.15 + 8.121 = 59.181 g
# energy  148.84 + 138.32 + 83.07 + 309 + 157.27 = 836.50 kcal
# Mg      24.4 + 45.92 + 31.59 + 45 + 25.78 = 172.69 mg
# P       204.96 + 113.12 + 90.09 + 378 + 216.57 = 1002.74 mg
# K (milk 132, bread 248, oats 70, salmon 384 mg/100 g)
#         662.4 + 138.88 + 81.9 + 576 = 1459.2 mg
t_run day 2026-11-20 --json
d() { jq -r "$1" "$T_DIR/out"; }
t_rc "day --json exits 0" 0
t_eq "day: one day" "$(d .days)" 1
t_near "day calcium" "$(d .nutrients.calcium.mean)" 660.006 0.05
t_near "day protein" "$(d .nutrients.protein.mean)" 59.181 0.01
t_near "day energy" "$(d .nutrients.energy.mean)" 836.50 0.1
t_near "day magnesium" "$(d .nutrients.magnesium.mean)" 172.69 0.05
t_near "day phosphorus" "$(d .nutrients.phosphorus.mean)" 1002.74 0.05
t_near "day potassium" "$(d .nutrients.potassium.mean)" 1459.2 0.05
t_eq "day calcium completeness" "$(d .nutrients.calcium.completeness)" 1
t_eq "day calcium EAR" "$(d .nutrients.calcium.ear)" 800
# IOM 2000: z = (660.006 - 800) / sqrt(100^2 + 325^2 / 1) = -0.4118 -> 0.340
t_near "day calcium p_adequate" "$(d .nutrients.calcium.p_adequate)" 0.340 0.001
# Ca:P 660.006 / 1002.74 = 0.658; Ca:Mg 660.006 / 172.69 = 3.82
t_near "day Ca:P" "$(d .balance.ca_p_ratio)" 0.658 0.005
t_near "day Ca:Mg" "$(d .balance.ca_mg_ratio)" 3.822 0.005
# protein share 100 x 4 x 59.181 / 836.50 = 28.30 %; 59.181 / 65 = 0.91 g/kg
t_near "day protein % of energy" "$(d .balance.protein_energy_pct)" 28.30 0.05
t_near "day protein g/kg" "$(d .balance.protein_g_per_kg)" 0.910 0.005
# PRAL 0.49x59.181 + 0.037x1002.74 - 0.021x1459.2 - 0.026x172.69 - 0.013x660.006
#    = 29.00 + 37.10 - 30.64 - 4.49 - 8.58 = 22.39 mEq
t_near "day PRAL" "$(d .balance.pral_meq)" 22.39 0.05
t_eq "day life stage" "$(d .profile.life_stage)" pregnancy
t_eq "day trimester" "$(d .profile.trimester)" 2

t_run add --date 2026-11-21 "2 egg" "1 banana"
t_rc "bare counts exit 0" 0
# eggs default to large (USDA, FDA reference egg; foods/containers.txt): 2 x 50 g
t_out_has "2 egg counts large eggs" "2 × large (50 g, default portion) = 100 g"

# --- bad input: exit 2, a clear message, nothing stored ---------------------
before=$(t_db_digest)
bad() { # name expected-stderr args...
    local name=$1 msg=$2
    shift 2
    t_run "$@"
    t_rc "$name exits 2" 2
    t_err_has "$name says why" "$msg"
    t_eq "$name stores nothing" "$(t_db_digest)" "$before"
}
bad "zero quantity" "dietbal: " add "0 cup milk"
bad "negative quantity" "dietbal: " add "-1 cup milk"
bad "non-numeric quantity" "dietbal: " add "lots of milk"
bad "division by zero" "dietbal: " add "1/0 cup milk"
bad "over 5 kg" "--force" add "6 kg milk"
bad "unknown unit" "is not a unit of" add "2 buckets milk"
bad "volume without a volume portion" "dietbal: " add "1 cup @usda:23999"
bad "unknown food" "no food matches" add "1 cup zzqxjv"
bad "ambiguous food" "matches several foods" add "1 cup soup"
bad "impossible date" "2026-02-30" add --date 2026-02-30 "1 cup milk"
bad "future date" "in the future" add --date 2026-12-24 "1 cup milk"
bad "bad meal" "--meal" add --meal brunch "1 cup milk"
bad "bad time" "--time" add --time 25:00 "1 cup milk"
bad "one bad entry among good ones" "zzqxjv" add "1 cup milk" "1 cup zzqxjv"
bad "unknown id" "no food with id" add "1 cup @usda:99999"
bad "quotes and SQL in the food" "dietbal: " add "1 cup milk'); DROP TABLE entry; --"
bad "due date too far" "more than 42 weeks" profile set --due-date 2028-01-01
bad "rm of an unknown id" "no entry with id" rm 99999
bad "rm of a non-number" "not an entry id" rm abc
bad "unknown option" "bad usage" add --bogus "1 cup milk"
DIETBAL_DB="$T_DIR/empty.db" t_run add "1 cup milk"
t_rc "add before init exits 2" 2
t_err_has "add before init says to run init" "run 'dietbal init' first"

t_run add --force "6 kg water"
t_rc "over 5 kg with --force exits 0" 0

# --- rm, and entries survive a re-import of the table ----------------------
t_run log --date 2026-11-20 --json
first=$(jq -r '.[0].id' "$T_DIR/out")
t_run rm "$first"
t_rc "rm exits 0" 0
t_run log --date 2026-11-20 --json
t_eq "rm removed one entry" "$(jq -r length "$T_DIR/out")" 4
t_run import "$T_ROOT/foods/usda-sr24.xml.gz"
t_rc "re-import exits 0" 0
t_run log --date 2026-11-20 --json
t_eq "entries survive a re-import" "$(jq -r length "$T_DIR/out")" 4
t_end
