#!/usr/bin/env bash
# End-to-end: recipes, saved meals and copying (issue 13) on the whole USDA
# table.  A recipe's values per 100 g are checked against the weighted sum of
# its USDA ingredients' values divided by the yield, worked out here from the
# database itself (never a figure copied from dietbal's output); its
# ingredients are read exactly as `add` reads them; an ingredient with no
# value makes the recipe's value unknown, with its completeness; entries
# follow a recipe defined again; export -> import on a fresh database gives
# the same values.  Saved meals and copies are all or nothing, also when a
# failure comes part-way through (a trigger put in the test's database makes
# the store fail on the second row).  Bad input exits 2 and changes nothing
# (a digest of the whole database before and after).
. "$(dirname "$0")/lib.sh"
t_begin
export DIETBAL_TODAY=2026-11-22

j() { jq -r "$1" "$T_DIR/out"; }
sql() { sqlite3 "$DIETBAL_DB" "$1"; }
# A digest of what a command could change: every row but the USDA foods'
# portions and values, and each food's content hash (a dump of the whole
# USDA table takes seconds, and this runs twice for every bad input).
t_db_digest() {
    sql "SELECT id, name, grp, hash FROM food ORDER BY rowid;
         SELECT v.* FROM food_value v JOIN food f ON f.rowid = v.food WHERE f.id NOT LIKE 'usda:%';
         SELECT p.* FROM portion p JOIN food f ON f.rowid = p.food WHERE f.id NOT LIKE 'usda:%';
         SELECT * FROM entry; SELECT * FROM recipe; SELECT * FROM recipe_ingredient;
         SELECT * FROM saved_meal; SELECT * FROM saved_meal_item; SELECT * FROM choice;
         SELECT * FROM supplement; SELECT * FROM profile; SELECT * FROM cramp;
         SELECT count(*) FROM suggestion;" | sha256sum | cut -d' ' -f1
}
# The value of nutrient TAG per 100 g of food ID, as stored ("" when none).
value_of() {
    sql "SELECT v.value FROM food_value v JOIN food f ON f.rowid = v.food
         JOIN nutrient n ON n.id = v.nutrient WHERE f.id = '$1' AND n.tag = '$2'"
}
# The hand-computed value per 100 g of TAG for the recipe whose `recipe
# show --json` is in FILE: sum of grams x value / 100 over the ingredients,
# divided by the yield, x 100 ("unknown" when an ingredient has no value).
expected() {
    local file=$1 tag=$2 sum=0 id g v
    local yield
    yield=$(jq -r '.yield_g' "$file")
    while read -r id g; do
        v=$(value_of "$id" "$tag")
        [ -z "$v" ] && { echo unknown; return; }
        sum=$(awk -v s="$sum" -v g="$g" -v v="$v" 'BEGIN { printf "%.10f", s + g * v / 100 }')
    done < <(jq -r '.ingredients[] | "\(.food_id) \(.grams)"' "$file")
    awk -v s="$sum" -v y="$yield" 'BEGIN { printf "%.10f", s / y * 100 }'
}

t_run --quiet init
t_rc "init" 0

# --- a recipe: values from the ingredients and the yield -------------------
t_run recipe define "pork rib soup" --yield 1.6kg --serves 4 \
    "500 g pork spareribs" "1.5 l water" "200 g daikon" "1 medium carrot" "1 tsp salt"
t_rc "recipe define" 0
t_out_has "the recipe's id is the slug of its name" "recipe:pork-rib-soup defined"
t_out_has "the serving is the yield over the servings" "a serving is 400 g"

# the ingredients are read as add reads them: same food, same grams
t_run --json recipe show pork-rib-soup
cp "$T_DIR/out" "$T_DIR/soup.json"
i=0
for entry in "500 g pork spareribs" "1.5 l water" "200 g daikon" "1 medium carrot" "1 tsp salt"; do
    t_run --json add --dry-run "$entry"
    t_eq "ingredient '$entry': the food add would log" "$(j '.[0].food_id')" \
        "$(jq -r ".ingredients[$i].food_id" "$T_DIR/soup.json")"
    t_near "ingredient '$entry': the grams add would log" "$(j '.[0].grams')" \
        "$(jq -r ".ingredients[$i].grams" "$T_DIR/soup.json")" 0.005
    i=$((i + 1))
done
t_eq "five ingredients" "$(jq '.ingredients | length' "$T_DIR/soup.json")" 5
t_eq "yield as given" "$(jq '.yield_g' "$T_DIR/soup.json")" 1600

for tag in CA MG P PROCNT; do
    want=$(expected "$T_DIR/soup.json" "$tag")
    got=$(jq -r ".nutrients.$tag.value" "$T_DIR/soup.json")
    t_near "recipe $tag per 100 g = USDA weighted sum / yield ($want)" "$got" "$want" 1e-9
    t_eq "recipe $tag complete" "$(jq -r ".nutrients.$tag.completeness" "$T_DIR/soup.json")" 1
    stored=$(value_of recipe:pork-rib-soup "$tag")
    t_near "recipe $tag stored as the food's value" "$stored" "$want" 1e-9
done
# water: the 670 g lost in the pot is water boiled off
w_sum=$(jq -r '.ingredients[] | "\(.food_id) \(.grams)"' "$T_DIR/soup.json" | while read -r id g; do
    echo "$g $(value_of "$id" WATER)"
done | awk '{ s += $1 * $2 / 100; g += $1 } END { printf "%.10f", (s - (g - 1600)) / 1600 * 100 }')
t_near "water per 100 g: the ingredients' water less what boiled off" \
    "$(jq -r '.nutrients.WATER.value' "$T_DIR/soup.json")" "$w_sum" 1e-9

# searchable like foods, and logged like one
t_run foods search rib soup
t_out_has "foods search finds the recipe" "recipe:pork-rib-soup"
ca100=$(jq -r '.nutrients.CA.value' "$T_DIR/soup.json")
t_run --json add --date 2026-11-20 --meal lunch "1 serving pork rib soup"
t_rc "add a serving" 0
t_eq "a serving is 400 g" "$(j '.[0].grams')" 400
t_eq "by the recipe's id" "$(j '.[0].food_id')" "recipe:pork-rib-soup"
t_near "a serving's calcium" "$(j '.[0].calcium_mg')" "$(awk -v v="$ca100" 'BEGIN { print v * 4 }')" 0.051
t_run --json add --date 2026-11-20 --meal dinner "1/4 recipe @recipe:pork-rib-soup" \
    "1 bowl of pork rib soup"
t_rc "add a quarter of the pot and a bowl" 0
t_eq "a quarter of the pot" "$(j '.[0].grams')" 400
t_eq "a bowl through the container table" "$(j '.[1].food_id')" "recipe:pork-rib-soup"
t_ok "a bowl weighs something sensible" awk -v g="$(j '.[1].grams')" 'BEGIN { exit !(g > 200 && g < 500) }'
t_run --json day 2026-11-20
day_ca=$(j '.nutrients.calcium.daily[0]')
bowl_g=$(sql "SELECT grams FROM entry WHERE date = '2026-11-20' ORDER BY id DESC LIMIT 1")
t_near "the day adds up the recipe's calcium" "$day_ca" \
    "$(awk -v v="$ca100" -v b="$bowl_g" 'BEGIN { print v * (800 + b) / 100 }')" 0.05

# --- defined again: the entries follow ------------------------------------
t_run recipe define "Pork rib soup" --yield 2kg --serves 5 \
    "500 g pork spareribs" "1.5 l water" "200 g daikon" "1 medium carrot" "1 tsp salt"
t_rc "recipe defined again" 0
t_out_has "said replaced" "replaced"
t_run --json recipe show pork-rib-soup
cp "$T_DIR/out" "$T_DIR/soup2.json"
ca100b=$(jq -r '.nutrients.CA.value' "$T_DIR/soup2.json")
t_near "more yield, less calcium per 100 g" "$ca100b" "$(expected "$T_DIR/soup2.json" CA)" 1e-9
t_run --json day 2026-11-20
t_near "the day's entries follow the recipe" "$(j '.nutrients.calcium.daily[0]')" \
    "$(awk -v v="$ca100b" -v b="$bowl_g" 'BEGIN { print v * (800 + b) / 100 }')" 0.05

# --- an ingredient with no value: unknown, with its completeness ----------
no_mg=$(sql "SELECT f.id FROM food f WHERE f.id LIKE 'usda:%'
    AND EXISTS (SELECT 1 FROM food_value v JOIN nutrient n ON n.id = v.nutrient
                WHERE v.food = f.rowid AND n.tag = 'CA')
    AND NOT EXISTS (SELECT 1 FROM food_value v JOIN nutrient n ON n.id = v.nutrient
                    WHERE v.food = f.rowid AND n.tag = 'MG') ORDER BY f.id LIMIT 1")
t_ok "a USDA food without magnesium" test -n "$no_mg"
t_run --json recipe define "carrot mix" "150 g carrot" "50 g @$no_mg"
t_rc "recipe with an incomplete ingredient" 0
t_eq "magnesium unknown" "$(j '.nutrients.MG.value')" null
t_near "magnesium completeness 150 of 200 g" "$(j '.nutrients.MG.completeness')" 0.75 0.001
t_near "calcium still known" "$(j '.nutrients.CA.value')" "$(expected "$T_DIR/out" CA)" 1e-9
t_run recipe show carrot-mix
t_out_has "show says which ingredient lacks it" "magnesium is not known: no value for '50 g @$no_mg'"
t_eq "no magnesium row stored for the recipe" "$(value_of recipe:carrot-mix MG)" ""

# --- recipes of recipes ------------------------------------------------------
t_run --json recipe define "rib soup with rice" "400 g pork rib soup" "150 g cooked white rice"
t_rc "a recipe with a recipe in it" 0
t_eq "her recipe found by its name" "$(j '.ingredients[0].food_id')" "recipe:pork-rib-soup"
cp "$T_DIR/out" "$T_DIR/rice.json"
t_near "nested values from the stored recipe" "$(jq -r '.nutrients.CA.value' "$T_DIR/rice.json")" \
    "$(expected "$T_DIR/rice.json" CA)" 1e-9

# --- bad input: exit 2, nothing changed --------------------------------------
bad() { # NAME ARGS...: exit 2 and the database as it was
    local name=$1 before
    shift
    before=$(t_db_digest)
    t_run "$@"
    t_rc "$name: exit 2" 2
    t_eq "$name: nothing changed" "$(t_db_digest)" "$before"
}
bad "unknown ingredient" recipe define "odd soup" "100 g zzqxyv" "100 g water"
t_err_has "unknown ingredient named" "zzqxyv"
bad "ambiguous ingredient" recipe define "odd soup" "1 cup soup" "100 g water"
t_err_has "ambiguous: candidates listed" "@usda:"
bad "zero yield" recipe define "odd soup" --yield 0 "100 g water"
bad "yield below a tenth" recipe define "odd soup" --yield 10g "500 g water"
t_err_has "says --force" "--force"
bad "yield above ten times" recipe define "odd soup" --yield 6kg "500 g water"
bad "a yield that is no weight" recipe define "odd soup" --yield 2l "500 g water"
bad "contains itself" recipe define "pork rib soup" "100 g @recipe:pork-rib-soup" "100 g water"
t_err_has "says why" "cannot contain itself"
bad "contains itself through another" recipe define "pork rib soup" "100 g rib soup with rice"
bad "a supplement is no ingredient" recipe define "odd soup" "2 @supp:nosuch"
bad "a saved meal is no ingredient" recipe define "odd soup" "@meal:nosuch"
bad "a name with no letter" recipe define "!!!" "100 g water"
bad "redefined with a bad ingredient keeps the old" recipe define "pork rib soup" "100 g zzqxyv"
t_run --json recipe show pork-rib-soup
t_eq "the old recipe stands" "$(j '.yield_g')" 2000
t_run recipe define "odd stock" --yield 50g --force "1 kg water"
t_rc "--force takes an unusual yield" 0

# --- saved meals ------------------------------------------------------------------
t_run add --date 2026-11-21 --meal breakfast "1 cup whole milk" "2 slices of toast" "1 banana"
t_rc "breakfast logged" 0
t_run add --date 2026-11-21 --meal lunch "1 serving pork rib soup"
t_run meal save usual-breakfast --date 2026-11-21 --meal breakfast
t_rc "meal save" 0
t_out_has "saved with its entries" "3 entries"
bad "meal name clash" meal save usual-breakfast --date 2026-11-21 --meal lunch
t_err_has "clash says --replace" "--replace"
bad "meal define name clash" meal define "Usual breakfast" "1 apple"
bad "meal define with an unknown food" meal define weekend "1 apple" "2 zzqxyv"
bad "meal save of an empty day" meal save nothing --date 2026-11-01
t_run --json add --date 2026-11-22 --meal breakfast @meal:usual-breakfast
t_rc "add @meal" 0
t_eq "all its entries stored, printed each" "$(j 'length')" 3
t_eq "the same grams as the day saved" "$(j '[.[].grams] | join(" ")')" \
    "$(sql "SELECT group_concat(printf('%g', grams), ' ') FROM (SELECT grams FROM entry WHERE date = '2026-11-21' AND meal = 'breakfast' ORDER BY id)")"
t_eq "stored under the meal given" "$(sql "SELECT count(*) FROM entry WHERE date = '2026-11-22' AND meal = 'breakfast'")" 3
t_run --json add --dry-run "2 @meal:usual-breakfast"
t_eq "twice the meal: twice the grams" "$(j '.[0].grams')" \
    "$(sql "SELECT printf('%g', grams * 2) FROM entry WHERE date = '2026-11-21' AND meal = 'breakfast' ORDER BY id LIMIT 1")"
t_run meal define weekend "1 apple" "@meal:usual-breakfast" "150 g plain yogurt"
t_rc "meal define with a saved meal in it" 0
t_out_has "its entries counted" "5 entries"
bad "add @meal with a bad entry beside it" add --date 2026-11-22 @meal:weekend "3 zzqxyv"
bad "add @meal of no such meal" add --date 2026-11-22 @meal:nosuch
t_run meal list
t_out_has "meal list" "@meal:weekend"
t_run --json meal show weekend
t_eq "meal show --json" "$(j '.entries | length')" 5
t_run meal rm weekend
t_rc "meal rm" 0
bad "meal rm of no such meal" meal rm weekend

# --- copy -----------------------------------------------------------------------------
t_run --json copy --from 2026-11-21 --meal breakfast --to 2026-11-19
t_rc "copy a meal" 0
t_eq "copied entries printed" "$(j 'length')" 3
t_eq "copied with their meal" "$(sql "SELECT group_concat(DISTINCT meal) FROM entry WHERE date = '2026-11-19'")" breakfast
t_run copy --from 2026-11-21 --to 2026-11-18
t_rc "copy a day" 0
t_eq "the whole day" "$(sql "SELECT count(*) FROM entry WHERE date = '2026-11-18'")" \
    "$(sql "SELECT count(*) FROM entry WHERE date = '2026-11-21'")"
t_run copy --from 2026-11-21
t_eq "to today by default" "$(sql "SELECT count(*) FROM entry WHERE date = '2026-11-22' AND meal = 'lunch'")" 1
bad "copy from an empty day" copy --from 2026-11-02
bad "copy into the future" copy --from 2026-11-21 --to 2026-12-25
bad "copy a bad date" copy --from 2026-13-01

# --- a failure part-way stores nothing --------------------------------------------------
sql "CREATE TRIGGER test_fail_second BEFORE INSERT ON entry
     WHEN (SELECT count(*) FROM entry WHERE date = '2026-11-10') >= 1
     BEGIN SELECT RAISE(ABORT, 'injected failure'); END;
     CREATE TRIGGER test_fail_meal BEFORE INSERT ON saved_meal_item WHEN NEW.seq >= 1
     BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
before=$(t_db_digest)
t_run copy --from 2026-11-21 --to 2026-11-10
t_rc "copy failing at its second entry: exit 1" 1
t_err_has "says nothing was stored" "nothing was stored"
t_eq "copy part-way: nothing stored" "$(t_db_digest)" "$before"
t_run add --date 2026-11-10 @meal:usual-breakfast
t_rc "add @meal failing at its second entry: exit 1" 1
t_eq "add @meal part-way: nothing stored" "$(t_db_digest)" "$before"
t_run meal save other --date 2026-11-21
t_rc "meal save failing at its second entry: exit 1" 1
t_eq "meal save part-way: nothing saved" "$(t_db_digest)" "$before"
sql "DROP TRIGGER test_fail_second; DROP TRIGGER test_fail_meal;"

# --- removing a recipe ---------------------------------------------------------
bad "rm a recipe in use" recipe rm pork-rib-soup
t_err_has "says what uses it" "diary entr"
t_run --json day 2026-11-20
ca_before=$(j '.nutrients.calcium.daily[0]')
t_run recipe rm pork-rib-soup --force
t_rc "rm --force" 0
t_out_has "frozen under a new id" "removed:pork-rib-soup"
t_run --json day 2026-11-20
t_eq "the entries keep their values" "$(j '.nutrients.calcium.daily[0]')" "$ca_before"
t_eq "no recipe of that id" "$(sql "SELECT count(*) FROM food WHERE id = 'recipe:pork-rib-soup'")" 0
t_run --json recipe show rib-soup-with-rice
t_eq "a recipe made with it keeps it" "$(j '.ingredients[0].food_id')" "removed:pork-rib-soup"
t_run recipe rm carrot-mix
t_rc "rm an unused recipe" 0
t_eq "its food is gone" "$(sql "SELECT count(*) FROM food WHERE id = 'recipe:carrot-mix'")" 0
bad "rm no such recipe" recipe rm carrot-mix

# --- export -> import on a fresh database: the same values -------------------
t_run recipe define "lentil soup" --serves 3 "1 cup lentils" "1 l water" "1 onion" "1 tbsp olive oil"
t_rc "another recipe" 0
t_run recipe define "lentil soup with bread" "1 serving lentil soup" "2 slices of bread"
t_run recipe export "lentil soup with bread" > /dev/null
t_rc "export" 0
cp "$T_DIR/out" "$T_DIR/recipes.xml"
t_ok "the export is a valid food table" xmllint --noout --schema "$T_ROOT/foods/foodtable.xsd" \
    "$T_DIR/recipes.xml" 2>/dev/null
t_eq "the recipe it uses comes first" \
    "$(xmllint --xpath 'string(/foodtable/food[1]/@id)' "$T_DIR/recipes.xml")" "recipe:lentil-soup"
for id in lentil-soup lentil-soup-with-bread; do
    t_run --json recipe show "$id"
    cp "$T_DIR/out" "$T_DIR/$id.here.json"
    t_run --json foods show "recipe:$id"
    cp "$T_DIR/out" "$T_DIR/$id.food.json"
done
fresh="$T_DIR/fresh.db"
t_run --db "$fresh" --quiet init
t_run --db "$fresh" import "$T_DIR/recipes.xml"
t_rc "import on a fresh database" 0
for id in lentil-soup lentil-soup-with-bread; do
    t_run --db "$fresh" --json recipe show "$id"
    t_eq "$id: the same recipe there" "$(cat "$T_DIR/out")" "$(cat "$T_DIR/$id.here.json")"
    t_run --db "$fresh" --json foods show "recipe:$id"
    t_eq "$id: the same food values there" "$(cat "$T_DIR/out")" "$(cat "$T_DIR/$id.food.json")"
done
t_run --db "$fresh" --json add --dry-run "1 serving lentil soup"
t_eq "logged there by its serving" "$(j '.[0].grams')" \
    "$(jq -r '.serving_g' "$T_DIR/lentil-soup.here.json" | awk '{ printf "%g", int($1 * 100 + 0.5) / 100 }')"
# a table whose ingredients the database does not have
small="$T_DIR/small.db"
t_run --db "$small" import "$FIX/weeks/foods.xml"
before=$(sqlite3 "$small" .dump | sha256sum)
t_run --db "$small" import "$T_DIR/recipes.xml"
t_rc "import without the ingredients: exit 2" 2
t_err_has "says the ingredient must be there" "ingredient"
t_eq "import without the ingredients: nothing changed" "$(sqlite3 "$small" .dump | sha256sum)" "$before"

t_run check
t_rc "the database is sound" 0
t_eq "full-text index agrees with the food table" "$(t_fts_diff)" 0
t_end
