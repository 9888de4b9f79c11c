#!/usr/bin/env bash
# End-to-end: a real day logged with everyday words resolves to the foods a
# person means (issue: "milk" is whole milk, not milk chocolate; "egg" the
# whole egg), on the whole USDA table.
. "$(dirname "$0")/lib.sh"
t_begin
export DIETBAL_TODAY=2026-11-22
"$DIETBAL" --quiet init >/dev/null 2>&1 || { t_fail "init"; t_end; exit 1; }

# entry | the USDA foods it may be (comma-separated)
while IFS='|' read -r entry want; do
    t_run add --json "$entry"
    got=$(jq -r '.[0].food_id' "$T_DIR/out" 2>/dev/null)
    case ",$want," in
    *",$got,"*) t_pass "'$entry' is $got" ;;
    *) t_fail "'$entry' is one of $want" "got '$got'" ;;
    esac
done <<'EOF_LIST'
1 cup milk|usda:01077
2 eggs|usda:01123
1 boiled egg|usda:01129
2 slices bread|usda:18075,usda:18069
2 slices white bread|usda:18069
1 cup oatmeal|usda:08121
1 cup yogurt|usda:01116
30 g cheddar|usda:01009
1 banana|usda:09040
1 apple|usda:09003
1 cup orange juice|usda:09206,usda:09209
1 cup rice|usda:20045
150 g chicken breast|usda:05064
150 g salmon|usda:15237
1 cup broccoli|usda:11090,usda:11091
1 cup spinach|usda:11457
30 g almonds|usda:12061
2 tbsp peanut butter|usda:16098
1 cup lentils|usda:16070
100 g tofu|usda:16126,usda:16427
1 cup coffee|usda:14209
500 ml water|usda:14411
1 cup pasta|usda:20121
1 potato|usda:11674
EOF_LIST

t_run foods search milk chocolate --json
t_eq "'milk chocolate' still finds the sweet" "$(jq -r '.[0].name' "$T_DIR/out" | cut -d, -f1)" Candies
t_end
