#!/usr/bin/env bash
# End-to-end: `dietbal suggest` on the whole bundled USDA SR24 table.
# Checks what must hold whatever the weights: rich top foods, nothing from
# the excluded groups or names, one food per name family, plant foods first
# for magnesium, and the usage errors.
. "$(dirname "$0")/lib.sh"
t_begin
j() { jq -r "$1" "$T_DIR/out"; }
# groups of the ids in the last JSON output, one per line
groups() {
    local ids
    ids=$(jq -r '[.[].id | "'"'"'" + . + "'"'"'"] | join(",")' "$T_DIR/out")
    sqlite3 "$DIETBAL_DB" "SELECT ifnull(grp, '') FROM food WHERE id IN ($ids)"
}

t_run suggest calcium
t_rc "no database yet: exits 2 (suggest only reads; issue 16)" 2
t_err_has "and says to run init" "dietbal init"
t_ok "and creates none" test ! -e "$DIETBAL_DB"

t_run init
t_rc "init exits 0" 0
before=$(t_db_digest)

t_run suggest calcium --json
t_rc "suggest calcium --json exits 0" 0
t_eq "ten foods by default" "$(j length)" 10
t_ok "the top food brings more than 200 mg calcium per portion" \
    awk -v v="$(j '.[0].per_portion')" 'BEGIN { exit !(v > 200) }'
t_eq "unit is mg" "$(j '.[0].unit')" mg
t_eq "every object has the documented keys" \
    "$(j 'all(.[]; [keys[]] == (["ca_p_ratio","id","name","per_100kcal","per_portion","portion","portion_g","pral_meq","protein_g","score","unit"]))')" true
t_eq "best first" "$(j '[.[].score] as $s | $s == ($s | sort | reverse)')" true
t_eq "the group of every food is found" "$(groups | wc -l)" 10
t_eq "no food from an excluded group" \
    "$(groups | grep -cE '^(Baby Foods|Fats and Oils|Spices and Herbs)$')" 0
t_eq "no leavening, formula, supplement or dry powder by name" \
    "$(j '[.[].name | ascii_downcase | select(test("leavening|baking powder|infant formula|babyfood|supplement|powder") and (test("prepared") | not))] | length')" 0
t_eq "at most one food per name family" \
    "$(j '[.[].name | split(",")[0:2] | map(ascii_downcase | gsub("^ +| +$"; "")) | join(",")] | length == (unique | length)')" true
t_eq "suggest reads, never writes" "$(t_db_digest)" "$before"

t_run suggest calcium --json --limit 40
t_eq "--limit 40 gives 40" "$(j length)" 40
t_eq "no excluded group in 40 either" \
    "$(groups | grep -cE '^(Baby Foods|Fats and Oils|Spices and Herbs)$')" 0
t_eq "one per family in 40 either" \
    "$(j '[.[].name | split(",")[0:2] | map(ascii_downcase | gsub("^ +| +$"; "")) | join(",")] | length == (unique | length)')" true

t_run suggest magnesium --json --limit 5
t_rc "suggest magnesium exits 0" 0
t_eq "the group of every magnesium food is found" "$(groups | wc -l)" 5
t_eq "the top 5 magnesium foods are plant foods" \
    "$(groups | grep -cvE '^(Legumes and Legume Products|Nut and Seed Products|Vegetables and Vegetable Products|Cereal Grains and Pasta|Breakfast Cereals)$')" 0
t_eq "5 foods" "$(j length)" 5

t_run suggest mg --json --limit 5
t_eq "'mg' is magnesium here" "$(j '.[0].unit')" mg

t_run suggest calcium
t_rc "text output exits 0" 0
t_out_has "text shows Ca:P" "Ca:P"
t_out_has "text says foods, not supplements" "not supplements"
t_out_has "text gives no doses" "no supplement doses"

for n in potassium protein water; do
    t_run suggest $n --json --limit 3
    t_rc "suggest $n exits 0" 0
    t_eq "suggest $n gives 3" "$(j length)" 3
done

# --- the lists the import stored: the same as ranking the table -------------
t_eq "init stored a list for each of the five nutrients" \
    "$(sqlite3 "$DIETBAL_DB" "SELECT count(*) || ' ' || min(asked) || ' ' || max(asked) FROM suggestion_list")" \
    "5 100 100"
t_eq "of 100 foods each (USDA has more families than that)" \
    "$(sqlite3 "$DIETBAL_DB" "SELECT group_concat(c) FROM (SELECT count(*) AS c FROM suggestion GROUP BY nutrient)")" \
    "100,100,100,100,100"
for n in calcium magnesium potassium protein water; do
    "$DIETBAL" --db "$DIETBAL_DB" suggest "$n" --json --limit 100 >"$T_DIR/stored.$n.json"
done
cp "$DIETBAL_DB" "$T_DIR/nolists.db"
sqlite3 "$T_DIR/nolists.db" "DELETE FROM suggestion; DELETE FROM suggestion_list"
for n in calcium magnesium potassium protein water; do
    "$DIETBAL" --db "$T_DIR/nolists.db" suggest "$n" --json --limit 100 >"$T_DIR/ranked.$n.json"
    t_ok "$n: the stored list is the ranking of the table, all 100 foods" \
        cmp -s "$T_DIR/stored.$n.json" "$T_DIR/ranked.$n.json"
done
# nutrition-science.md 0.6 (the whole table is checked food by food in
# tests/test_suggest.c): none of the 500 stored suggestions is a soft
# mould-ripened or blue cheese, pate, raw meat, fish, egg or sausage, liver
# or high-mercury fish
t_eq "no food unsafe in pregnancy in any stored list" \
    "$(sqlite3 "$DIETBAL_DB" "SELECT count(*) FROM suggestion x JOIN food f ON f.rowid = x.food
        WHERE lower(f.name) GLOB 'cheese, brie*' OR lower(f.name) GLOB 'cheese, camembert*'
           OR lower(f.name) GLOB 'cheese, blue*' OR lower(f.name) GLOB 'cheese, roquefort*'
           OR lower(f.name) GLOB 'cheese, goat, soft*' OR lower(f.name) GLOB 'pate*'
           OR lower(f.name) LIKE '%liver%'
           OR (f.grp IN ('Beef Products', 'Pork Products', 'Poultry Products',
                         'Lamb, Veal, and Game Products', 'Finfish and Shellfish Products',
                         'Sausages and Luncheon Meats', 'American Indian/Alaska Native Foods')
               AND (lower(f.name) LIKE '% raw%' OR lower(f.name) LIKE '%,raw%'))
           OR (f.grp = 'Dairy and Egg Products' AND lower(f.name) GLOB 'egg*raw*')
           OR (f.grp = 'Finfish and Shellfish Products' AND (lower(f.name) LIKE '%shark%'
               OR lower(f.name) LIKE '%swordfish%' OR lower(f.name) LIKE '%mackerel, king%'
               OR lower(f.name) LIKE '%tilefish%' OR lower(f.name) LIKE '%marlin%'
               OR lower(f.name) LIKE '%roughy%'))")" 0
t_eq "the database without lists gets none from reading" \
    "$(sqlite3 "$T_DIR/nolists.db" "SELECT count(*) FROM suggestion_list")" 0
t_eq "the stored calcium list starts with the food dietbal suggests first" \
    "$(sqlite3 "$DIETBAL_DB" "SELECT f.id FROM suggestion x JOIN food f ON f.rowid = x.food
        WHERE x.nutrient = (SELECT id FROM nutrient WHERE tag = 'CA') AND x.rank = 0")" \
    "$(jq -r '.[0].id' "$T_DIR/stored.calcium.json")"

t_run suggest iron
t_rc "unknown nutrient exits 2" 2
t_err_has "unknown nutrient message" \
    "dietbal: iron: unknown nutrient (try calcium, magnesium, potassium, protein, water)"
for n in sodium phosphorus energy; do
    t_run suggest $n
    t_rc "suggest $n is refused with exit 2" 2
    t_err_has "suggest $n says why" "does not suggest raising $n"
done
t_run suggest calcium --limit 0
t_rc "--limit 0 exits 2" 2
t_run suggest
t_rc "no nutrient exits 2" 2
t_eq "nothing was written by any of it" "$(t_db_digest)" "$before"
t_end
