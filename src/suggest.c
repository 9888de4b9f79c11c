/*
 * suggest.c - foods that raise one nutrient while keeping the balance.
 *
 * Reads candidates from the store, leaves out what nobody should be told to
 * eat for this (the exclusion table below), gives each food a realistic
 * serving and ranks by a documented score.  Prints nothing, decides no
 * wording: the command and the report do that.  It suggests foods, never
 * supplements or doses (nutrition-science.md 5.2 dose note, 5.3).
 *
 * THE SCORE (higher is better; from -0.25 to 1):
 *
 *   score = W_SERVING x S + W_DENSITY x D + W_BALANCE x B
 *
 *   S  serving, 0..1: the nutrient in one serving as a share of the day's
 *      reference amount, full marks at SERVING_SHARE_CAP of the day:
 *          S = min(per_serving / day_ref, SERVING_SHARE_CAP) / SERVING_SHARE_CAP
 *   D  density, 0..1: the nutrient per 100 kcal against the density a whole
 *      day needs (day_ref spread over DAY_KCAL), in doublings, full marks at
 *      DENSITY_RATIO_CAP times the need, 0 at or below the need:
 *          need = day_ref x 100 / DAY_KCAL
 *          D = clamp(log2(per_100kcal / need) / log2(DENSITY_RATIO_CAP), 0, 1)
 *      (energy below KCAL_FLOOR per 100 g counts as KCAL_FLOOR, so water
 *      and tea get full marks instead of a division by zero)
 *   B  balance, -1..0: 0 when the food keeps the balance, down to -1 when
 *      it worsens it.  One rule per nutrient; an unknown input costs
 *      nothing (unknown is neither good nor bad):
 *      calcium    B = 0.5 x ratio + 0.5 x acid
 *                 ratio = clamp((Ca:P - CA_P_NEUTRAL) / CA_P_NEUTRAL, -1, 0)
 *                 acid  = clamp(-PRAL_serving / PRAL_SERVING_REF, -1, 0)
 *      magnesium  B = 0.5 x plant + 0.5 x acid, plant = 0 for the plant
 *                 groups of nutrition-science.md 4.2 (pulses, nuts, seeds,
 *                 grains, vegetables; fruit too), -1 otherwise
 *      potassium  B = -clamp((Na/K) / NA_K_LIMIT, 0, 1)
 *      protein    B = clamp(Ca_serving / CA_WITH_PROTEIN_REF, 0, 1) - 1
 *      water      B = -0.5 x clamp(Na_serving / NA_SERVING_REF, 0, 1)
 *                     -0.5 x clamp(caffeine_serving / CAFFEINE_SERVING_REF, 0, 1)
 *   For calcium, the calcium of high-oxalate greens counts
 *   CA_OXALATE_ABSORPTION of its mass in S and D.
 *
 * THE SERVING: the food's first portion when it is at most
 * MAX_SERVING_KCAL and MAX_SERVING_G; else the largest of its portions
 * within both; else (and for a food with no portion, which starts from
 * 100 g, or 30 g when it is dry) the limit itself in whole grams.  A cup
 * of diced cheese (132 g, 500 kcal) thus becomes its 1 oz portion.  A
 * first portion that is a bare unit of measure (1 fl oz, 1 tbsp, 1 tsp) is
 * not a serving: the largest portion within the limits is taken instead
 * (a bottle of water, not a fluid ounce).  Cheese, nuts, sauces, pastes
 * and dried fruit have smaller limits (the serving_caps table).
 *
 * Ties: equal scores go by id.  Near-duplicates: at most one food per
 * family, the first two comma-separated segments of the name ("Cheese,
 * parmesan"), the best-scored one kept.
 *
 * SPEED: every food with a known value is a candidate (a food that is good
 * per serving need not be near the top per 100 g: milk is below rank 1,300
 * for calcium in USDA SR24).  One walk over the table in storage order
 * ranks every nutrient asked for, keeping only the best `limit` families of
 * each, so memory stays flat however large the table.  Each food first gets
 * an upper bound of its score from its per-100 g values alone (largest
 * serving allowed; every serving-scaled penalty taken as 0); its portions
 * are read from the store only when that bound can beat the last listed
 * family.  An import ranks the whole table once for the five nutrients and
 * stores the first SUGGEST_LIST_MAX of each (suggest_store_lists); the
 * report and `dietbal suggest` read those, and rank the table themselves
 * only when the stored lists are missing, shorter than asked, or made by
 * other rules (rules_fingerprint).
 */
#include "dietbal/suggest.h"

#include "dietbal/stats.h"
#include "dietbal/store.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- weights and constants of the score ------------------------------------ */

/* Half the score is what one serving brings: people eat servings, and a
 * food that is rich per 100 g but eaten by the teaspoon does little. */
#define W_SERVING 0.50
/* A quarter for density: raising one nutrient should not cost a day's
 * energy (pregnancy needs only +340/+452 kcal in trimesters 2/3, 1.4). */
#define W_DENSITY 0.25
/* A quarter for balance, a penalty only: a food that worsens the balance
 * drops below foods of similar richness, but a food is not praised for
 * being "more balanced than neutral" (the Ca:P ratio hardly matters for
 * calcium balance in adults, IOM 1997 p. 154, nutrition-science.md 4.1). */
#define W_BALANCE 0.25

/* One serving bringing half the day's reference is as good as it gets:
 * more in one food is a fortified product or a huge portion, not better
 * advice (a cup of milk brings ~30 % of 1,000 mg calcium, a yogurt pot
 * ~40 %). */
#define SERVING_SHARE_CAP 0.50

/* Energy of the day over which the reference is spread for the density
 * term: about a pregnant woman's EER in trimester 2 (IOM 2005 EER,
 * nutrition-science.md 1.4: ~1,900 kcal + 340).  It only scales D. */
#define DAY_KCAL 2200.0
/* Full density marks at 16 times (4 doublings of) the density a whole day
 * needs.  Densities spread over two orders of magnitude, hence the log
 * scale: for calcium (need 45 mg per 100 kcal) whole milk is ~4 times
 * (D = 0.5), skimmed milk ~8 times (0.75), cooked collards ~12 times,
 * almonds ~1 time (0). */
#define DENSITY_RATIO_CAP 16.0
/* Energy per 100 g below which a food counts as energy-free for the
 * density term (water, tea, coffee: 0-2 kcal). */
#define KCAL_FLOOR 1.0

/* A realistic serving of one food at one meal: portions above these are
 * cut.  A snack or a side dish is ~100-250 kcal; a glass of milk (244 g),
 * a yogurt pot (227 g) or a bowl of soup (245 g) fit in 250 g.  USDA's
 * first portion is sometimes a cup of diced cheese (500 kcal), a 10 oz
 * package of frozen greens (283 g), a can or a whole melon. */
#define MAX_SERVING_KCAL 250.0
#define MAX_SERVING_G 250.0
/* Foods with no household portion start from 100 g (the table's basis)... */
#define DEFAULT_SERVING_G 100.0
/* ... unless they are dry (less than DRY_WATER_G water per 100 g: dried
 * fish, dried agave): then 30 g, the FDA reference amount of most dry
 * foods (21 CFR 101.12 table 2: nuts, cheese, crackers, chips). */
#define DRY_WATER_G 40.0
#define DRY_DEFAULT_SERVING_G 30.0

/* Ca:P mass ratio counted as neutral: the ratio implied by the RDAs of
 * women 19-50, 1,000 / 700 = 1.43 (nutrition-science.md 4.1).  There is no
 * adult cut-off (IOM 1997 p. 154); this only prefers calcium that comes
 * with less phosphorus: a ratio of 0 costs the whole ratio point. */
#define CA_P_NEUTRAL 1.43
/* PRAL of one serving that costs the whole acid point: 5 mEq, a third of
 * the 15 mEq/day ACID_LOAD_HIGH default (nutrition-science.md 3.1; a design
 * choice with no outcome evidence), i.e. one of three meals.  Protein
 * enters PRAL at 0.49 mEq/g, so this also weighs the protein load. */
#define PRAL_SERVING_REF 5.0
/* Na:K mass ratio that costs a potassium food the whole balance point:
 * 1.14, twice the WHO 2012 goals' ratio (sodium < 2 g and potassium
 * >= 3.5 g a day: 2 / 3.5 = 0.57, about 1:1 molar), which costs half.
 * Not in nutrition-science.md: a design choice to be checked. */
#define NA_K_LIMIT 1.14
/* Calcium per serving with which a protein food loses nothing: 300 mg,
 * about a cup of milk; a protein food with no calcium costs the whole
 * balance point. */
#define CA_WITH_PROTEIN_REF 300.0
/* Sodium per serving that costs a food its half balance point (water):
 * 500 mg, a third of the 1,500 mg AI (nutrition-science.md 1.2 (b)). */
#define NA_SERVING_REF 500.0
/* Caffeine per serving that costs a drink its half balance point: 100 mg,
 * half the 200 mg/day limit advised in pregnancy (ACOG Committee Opinion
 * 462, 2010; not in nutrition-science.md). */
#define CAFFEINE_SERVING_REF 100.0

/* Calcium from high-oxalate greens is poorly absorbed: 5.1 % from spinach
 * against 27.6 % from milk at the same load (Heaney RP, Weaver CM, Recker
 * RR, Am J Clin Nutr 1988;47:707-709), so their calcium counts 0.18 of its
 * mass in S and D (the amount shown stays the real content).  Not in
 * nutrition-science.md.  Low-oxalate greens (kale, collards, bok choy,
 * turnip and mustard greens) absorb as well as milk and keep full value. */
#define CA_OXALATE_ABSORPTION 0.18

/* The score can be no higher than this bound; compared with a margin. */
#define BOUND_EPS 1e-9
/* Families (the first two name segments) are compared on at most this
 * many bytes. */
#define FAMILY_MAX 160

/* INFOODS tags read beyond the core nutrients (looked up by tag, since
 * only the core ids are fixed in nutrients.h). */
#define TAG_ALCOHOL "ALC"
#define TAG_CAFFEINE "CAFFN"

/* --- nutrients that can be suggested ---------------------------------------- */

struct target {
    int nutrient;
    /* Day's reference amount, pregnancy 19-30 y (nutrition-science.md 1.2
     * (b)): it scales S and D.  Suggestions are not per person, and a
     * different life stage would change the scale, hardly the order. */
    double day_ref;
};

static const struct target targets[] = {
    {NUT_CALCIUM, 1000.0},   /* RDA, mg */
    {NUT_MAGNESIUM, 350.0},  /* RDA, mg */
    {NUT_POTASSIUM, 2900.0}, /* AI, mg (NASEM 2019) */
    {NUT_PROTEIN, 71.0},     /* RDA, g */
    {NUT_WATER, 3000.0},     /* AI total water 3.0 L, as g */
};

#define N_TARGETS (sizeof(targets) / sizeof(targets[0]))

static const struct target *target_of(int nutrient) {
    for (size_t i = 0; i < N_TARGETS; i++)
        if (targets[i].nutrient == nutrient)
            return &targets[i];
    return NULL;
}

int suggest_supported(int nutrient) { return target_of(nutrient) != NULL; }

/* --- names ------------------------------------------------------------------- */

static const struct {
    const char *word;
    int nutrient;
} names[] = {
    {"calcium", NUT_CALCIUM},       {"ca", NUT_CALCIUM},      {"magnesium", NUT_MAGNESIUM},
    {"mg", NUT_MAGNESIUM}, /* the unit too, but here it means Mg */
    {"phosphorus", NUT_PHOSPHORUS}, {"p", NUT_PHOSPHORUS},    {"potassium", NUT_POTASSIUM},
    {"k", NUT_POTASSIUM},           {"sodium", NUT_SODIUM},   {"na", NUT_SODIUM},
    {"protein", NUT_PROTEIN},       {"water", NUT_WATER},     {"energy", NUT_ENERGY},
    {"kcal", NUT_ENERGY},           {"calories", NUT_ENERGY},
};

static int lower_ascii(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

static int equal_nocase(const char *a, const char *b) {
    for (; *a && *b; a++, b++)
        if (lower_ascii((unsigned char)*a) != lower_ascii((unsigned char)*b))
            return 0;
    return *a == *b;
}

int suggest_nutrient_by_name(const char *name) {
    if (!name)
        return -1;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (equal_nocase(name, names[i].word))
            return names[i].nutrient;
    return -1;
}

/* --- exclusions ------------------------------------------------------------- */

/*
 * What no one should be told to eat to raise a nutrient.  A rule matches
 * when the food's group equals `group` (NULL: any group), its name contains
 * `pat` and `pat2` (NULL: no condition; a leading '^' anchors at the start
 * of the name; case is ignored), and its name contains none of the
 * '|'-separated words of `unless`.  Besides the table, a food with alcohol
 * (ALC > 0) is always left out.
 */
struct exclusion {
    const char *group;
    const char *pat, *pat2;
    const char *unless;
    const char *why;
};

static const struct exclusion exclusions[] = {
    /* not foods, or not foods for an adult */
    {"Baby Foods", NULL, NULL, NULL, "infant formula and baby foods"},
    {NULL, "babyfood", NULL, NULL, "baby foods outside the group"},
    {NULL, "baby food", NULL, NULL, "baby foods outside the group"},
    {NULL, "infant formula", NULL, NULL, "infant formula outside the group"},
    {NULL, "toddler", NULL, NULL, "toddler formula"},
    {NULL, "milk, human", NULL, NULL, "breast milk"},
    {NULL, "supplement", NULL, NULL, "protein, meal and nutritional supplements"},
    {NULL, "protein isolate", NULL, NULL, "protein isolate powders"},
    {NULL, "crude protein basis", NULL, NULL, "soy flours and meals for industry"},
    {NULL, "soy meal", NULL, NULL, "defatted soy meal"},
    {NULL, "partially defatted", NULL, NULL, "defatted seed meals and flours"},
    {NULL, "tablets", NULL, NULL, "tablets (rennin dessert tablets)"},
    {NULL, "leavening agents", NULL, NULL, "baking powder, soda, yeast: calcium phosphates"},
    {NULL, "baking powder", NULL, NULL, "baking powder"},
    {NULL, "baking soda", NULL, NULL, "baking soda"},
    {NULL, "cream of tartar", NULL, NULL, "cream of tartar"},
    {NULL, "^salt,", NULL, NULL, "salts"},
    {NULL, "^sweeteners", NULL, NULL, "table-top sweeteners"},
    {NULL, "sugar substitute", NULL, NULL, "sugar substitutes"},
    {"Spices and Herbs", NULL, NULL, NULL, "eaten by the pinch, not the serving; table salt"},
    {NULL, "gelatin", NULL, "prepared", "gelatin powder and gelatin snacks"},
    /* ingredients and foods as sold, not as eaten: the prepared, cooked or
     * diluted entry of the same food stays */
    {NULL, " flour", NULL, NULL, "flours"},
    {NULL, "cornstarch", NULL, NULL, "starch"},
    {NULL, "powder", NULL, "prepared",
     "powders and powdered drink mixes (fortified, tiny servings)"},
    {NULL, "drink mix", NULL, "prepared", "dry drink mixes"},
    {NULL, "beverage mix", NULL, "prepared", "dry beverage mixes"},
    {NULL, "cocoa mix", NULL, "prepared", "dry cocoa mixes"},
    {NULL, "milkshake mix", NULL, "prepared", "dry milkshake mixes"},
    {NULL, "dry mix", NULL, "prepared", "dry dessert and baking mixes"},
    {NULL, "dry, mix", NULL, "prepared", "dry soup mixes"},
    {NULL, "unprepared", NULL, NULL, "as sold before cooking or diluting"},
    {NULL, "undiluted", NULL, NULL, "juice concentrates"},
    {"Soups, Sauces, and Gravies", ", dry", NULL, "prepared", "dry soup and gravy bases"},
    {"Soups, Sauces, and Gravies", "condensed", NULL, "prepared", "condensed soups"},
    {NULL, "^whey", NULL, "fluid", "dried whey (an ingredient powder)"},
    {NULL, "^milk, dry", NULL, NULL, "milk powder"},
    {"Dairy and Egg Products", "dried", NULL, NULL, "dried buttermilk and eggs"},
    {"Cereal Grains and Pasta", NULL, NULL, "cooked|prepared|canned|steamed|restaurant",
     "grains, flours and pasta as sold (dry, raw, crude): eaten cooked"},
    {"Cereal Grains and Pasta", ", dry", NULL, NULL, "dry precooked rice"},
    {"Breakfast Cereals", ", dry", NULL, "prepared", "hot cereals as sold, before cooking"},
    {"Legumes and Legume Products", "mature seeds, raw", NULL, NULL,
     "dry beans and lentils as sold: eaten cooked"},
    {"Vegetables and Vegetable Products", "dried", NULL, "prepared",
     "dried vegetables and seaweeds (agar): ingredients"},
    {"Vegetables and Vegetable Products", "dehydrated", NULL, "prepared",
     "dehydrated vegetables: ingredients"},
    {NULL, "flakes, dried", NULL, NULL, "dried vegetable flakes outside the group"},
    /* pure fats: energy with hardly any mineral */
    {"Fats and Oils", NULL, NULL, NULL, "fats and oils"},
    {NULL, "^butter,", NULL, NULL, "butter outside the fats group"},
    {NULL, "^butter oil", NULL, NULL, "butter oil"},
    {NULL, "^oil,", NULL, NULL, "oils outside the fats group"},
    {NULL, "^fat,", NULL, NULL, "animal fats"},
    {NULL, "^lard", NULL, NULL, "lard"},
    {NULL, "^shortening", NULL, NULL, "shortening"},
    {NULL, "^margarine", NULL, NULL, "margarine"},
    /* pregnancy food safety (nutrition-science.md 0.6; NHS "Foods to avoid
     * in pregnancy"; FDA/EPA 2017 advice about eating fish) */
    {NULL, "alcoholic", NULL, NULL, "alcohol: none is known to be safe in pregnancy"},
    {NULL, "liver", NULL, NULL, "liver and liver products: too much vitamin A (retinol)"},
    {"Finfish and Shellfish Products", "shark", NULL, NULL, "high-mercury fish"},
    {"Finfish and Shellfish Products", "swordfish", NULL, NULL, "high-mercury fish"},
    {"Finfish and Shellfish Products", "mackerel, king", NULL, NULL, "high-mercury fish"},
    {"Finfish and Shellfish Products", "tilefish", NULL, NULL, "high-mercury fish"},
    {"Finfish and Shellfish Products", "marlin", NULL, NULL, "high-mercury fish"},
    {"Finfish and Shellfish Products", "roughy", NULL, NULL, "high-mercury fish"},
    {"Finfish and Shellfish Products", "bigeye", NULL, NULL, "high-mercury fish (bigeye tuna)"},
    /* soft mould-ripened and soft blue cheeses, unless cooked (listeria;
     * 0.6): "cheese, brie" and not "brie", which O'Brien potatoes hold */
    {NULL, "cheese, brie", NULL, "cooked|baked", "soft mould-ripened cheese, unless cooked"},
    {NULL, "camembert", NULL, "cooked|baked", "soft mould-ripened cheese, unless cooked"},
    {NULL, "cheese, blue", NULL, "cooked|baked", "soft blue cheese, unless cooked"},
    {NULL, "roquefort", NULL, "cooked|baked", "soft blue cheese, unless cooked"},
    {NULL, "gorgonzola", NULL, "cooked|baked", "soft blue cheese, unless cooked"},
    {NULL, "danish blue", NULL, "cooked|baked", "soft blue cheese, unless cooked"},
    /* the table cannot tell a white-rinded soft goat's cheese (chevre,
     * mould-ripened) from a fresh one: both are left out */
    {NULL, "cheese, goat, soft", NULL, "cooked|baked", "soft goat's cheese: may be mould-ripened"},
    {NULL, "chevre", NULL, "cooked|baked", "soft goat's cheese: may be mould-ripened"},
    /* unpasteurised (raw) milk and cheese (0.6) */
    {NULL, "unpasteuri", NULL, NULL, "unpasteurised milk or cheese"},
    {NULL, "raw milk", NULL, NULL, "unpasteurised (raw) milk or cheese"},
    {NULL, "^milk,", ", raw", NULL, "unpasteurised (raw) milk"},
    /* pate, of any kind (NHS, listeria); liver pate is liver above */
    {NULL, "^pate", NULL, NULL, "pate: listeria"},
    {NULL, "^paté", NULL, NULL, "pate: listeria"},
    {"Finfish and Shellfish Products", ", raw", NULL, NULL, "raw fish and shellfish"},
    {"Beef Products", ", raw", NULL, NULL, "raw meat (the cooked entries stay)"},
    {"Pork Products", ", raw", NULL, NULL, "raw meat"},
    {"Poultry Products", ", raw", NULL, NULL, "raw meat"},
    {"Lamb, Veal, and Game Products", ", raw", NULL, NULL, "raw meat"},
    {"Sausages and Luncheon Meats", ", raw", NULL, NULL, "raw sausage meat"},
    /* " raw": "Walrus, meat and subcutaneous fat raw (Alaska Native)" has
     * no comma */
    {"American Indian/Alaska Native Foods", " raw", NULL, NULL, "raw meat and fish"},
    {"Dairy and Egg Products", "egg", ", raw", NULL, "raw egg"},
    {NULL, "^mollusks", ", raw", NULL, "raw shellfish outside the group"},
    {NULL, "^frog", ", raw", NULL, "raw meat outside the groups"},
    {NULL, "^turtle", ", raw", NULL, "raw meat outside the groups"},
    {NULL, "sprout", ", raw", NULL, "raw sprouts"},
};

#define N_EXCLUSIONS (sizeof(exclusions) / sizeof(exclusions[0]))

/*
 * Matching works on a lower-cased copy of the name (lower_dup), made once
 * per food, against patterns folded as they are read: the table is
 * matched against every food of the table at each import.
 */

/* A copy of name with ASCII letters in lower case (other bytes as is);
 * NULL when out of memory. */
static char *lower_dup(const char *name) {
    char *l = strdup(name);
    if (l)
        for (char *c = l; *c; c++)
            *c = (char)lower_ascii((unsigned char)*c);
    return l;
}

/* Whether the n bytes of needle, folded, start at lname. */
static int starts_folded(const char *lname, const char *needle, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (lname[i] != lower_ascii((unsigned char)needle[i]))
            return 0; /* also stops at the end of lname */
    return 1;
}

/* Whether lname (lower case) contains the n bytes of needle, folded. */
static int contains_folded(const char *lname, const char *needle, size_t n) {
    if (n == 0)
        return 1;
    int first = lower_ascii((unsigned char)needle[0]);
    for (const char *p = lname; (p = strchr(p, first)) != NULL; p++)
        if (starts_folded(p, needle, n))
            return 1;
    return 0;
}

/* Whether lname contains one of the '|'-separated words of list. */
static int contains_any(const char *lname, const char *list) {
    while (*list) {
        size_t n = strcspn(list, "|");
        if (contains_folded(lname, list, n))
            return 1;
        list += n;
        if (*list == '|')
            list++;
    }
    return 0;
}

static int name_has(const char *lname, const char *pat) {
    if (!pat)
        return 1;
    if (pat[0] == '^')
        return starts_folded(lname, pat + 1, strlen(pat + 1));
    return contains_folded(lname, pat, strlen(pat));
}

/* Whether rule x matches a food of this name (lower-cased) and group. */
static int rule_matches(const struct exclusion *x, const char *lname, const char *group) {
    if (x->group && (!group || strcmp(x->group, group) != 0))
        return 0;
    if (!name_has(lname, x->pat) || !name_has(lname, x->pat2))
        return 0;
    return !(x->unless && contains_any(lname, x->unless));
}

/* The rule that leaves this food out, or NULL. */
static const struct exclusion *excluded_by_label(const char *lname, const char *group) {
    for (size_t i = 0; i < N_EXCLUSIONS; i++)
        if (rule_matches(&exclusions[i], lname, group))
            return &exclusions[i];
    return NULL;
}

const char *suggest_exclusion(const char *name, const char *group) {
    char *lname = name ? lower_dup(name) : NULL;
    const struct exclusion *x = lname ? excluded_by_label(lname, group) : NULL;
    free(lname);
    return x ? x->why : NULL;
}

/* Plant groups for magnesium (nutrition-science.md 4.2: pulses, nuts,
 * seeds, whole grains, green vegetables; fruit is plant food too). */
static const char *const plant_groups[] = {
    "Legumes and Legume Products", "Nut and Seed Products", "Vegetables and Vegetable Products",
    "Cereal Grains and Pasta",     "Breakfast Cereals",     "Fruits and Fruit Juices",
};

static int is_plant(const char *group) {
    if (!group)
        return 0;
    for (size_t i = 0; i < sizeof(plant_groups) / sizeof(plant_groups[0]); i++)
        if (strcmp(group, plant_groups[i]) == 0)
            return 1;
    return 0;
}

/* High-oxalate foods whose calcium counts CA_OXALATE_ABSORPTION (the same
 * matching as the exclusions; "dock" anchored so that haddock is not). */
static const struct exclusion high_oxalate[] = {
    {NULL, "spinach", NULL, "mustard spinach|pasta|noodles|spaghetti", "spinach"},
    {NULL, "chard", NULL, NULL, "Swiss chard"},
    {NULL, "beet greens", NULL, NULL, "beet greens"},
    {NULL, "rhubarb", NULL, NULL, "rhubarb"},
    {NULL, "lambsquarters", NULL, NULL, "lambsquarters"},
    {NULL, "lambs quarters", NULL, NULL, "lambsquarters"},
    {NULL, "purslane", NULL, NULL, "purslane"},
    {NULL, "amaranth leaves", NULL, NULL, "amaranth leaves"},
    {NULL, "^dock", NULL, NULL, "dock"},
    {NULL, "^sorrel", NULL, NULL, "sorrel"},
};

static int is_high_oxalate(const char *lname) {
    for (size_t i = 0; i < sizeof(high_oxalate) / sizeof(high_oxalate[0]); i++)
        if (rule_matches(&high_oxalate[i], lname, NULL))
            return 1;
    return 0;
}

/*
 * Foods whose USDA first portion is a cooking measure, not a serving, and
 * that the general limits do not cut enough: the largest serving of each.
 */
struct serving_cap {
    struct exclusion match; /* matched as the exclusions are */
    double max_g;
};

static const struct serving_cap serving_caps[] = {
    /* 1.5 oz: MyPlate's cup-equivalent of natural cheese (Dietary
     * Guidelines for Americans 2020-2025); cottage cheese and ricotta are
     * eaten by the half cup and keep the general limits */
    {{NULL, "^cheese", NULL, "cottage|ricotta", "cheese"}, 42.5},
    {{NULL, "commodity, cheese", NULL, "cottage|ricotta", "cheese"}, 42.5},
    /* 1 oz: a handful (FDA reference amount for nuts and seeds, 30 g;
     * 21 CFR 101.12 table 2) */
    {{"Nut and Seed Products", NULL, NULL, NULL, "nuts and seeds"}, 28.35},
    /* 1/4 cup: FDA reference amount of toppings and minor sauces */
    {{NULL, "^sauce", NULL, NULL, "sauces"}, 60.0},
    /* 2 tbsp: FDA reference amount of tomato paste */
    {{NULL, "paste", NULL, NULL, "pastes"}, 30.0},
    /* 40 g: FDA reference amount of dried fruit */
    {{"Fruits and Fruit Juices", "dried", NULL, NULL, "dried fruit"}, 40.0},
    {{"Fruits and Fruit Juices", "dehydrated", NULL, NULL, "dried fruit"}, 40.0},
};

/* --- the score ---------------------------------------------------------------- */

/* What the score needs to know about a food, per 100 g. */
struct facts {
    double v[NUT_CORE_COUNT]; /* core values, NAN unknown */
    double caffeine_mg;       /* NAN unknown (not in the candidate list) */
    int plant;                /* in a plant group (magnesium) */
    double absorb;            /* share of the nutrient counted in S and D */
};

static double clamp(double x, double lo, double hi) { return x < lo ? lo : x > hi ? hi : x; }

/* An amount in `grams` of food from its value per 100 g. */
static double in_serving(double per100, double grams) { return per100 * grams / 100.0; }

/* The cap the serving_caps table puts on a food of this name
 * (lower-cased) and group, or MAX_SERVING_G. */
static double name_cap_g(const char *lname, const char *group) {
    double g = MAX_SERVING_G;
    for (size_t i = 0; i < sizeof(serving_caps) / sizeof(serving_caps[0]); i++)
        if (serving_caps[i].max_g < g && rule_matches(&serving_caps[i].match, lname, group))
            g = serving_caps[i].max_g;
    return g;
}

/* The largest serving allowed for a food of this energy and name cap. */
static double serving_limit_g(double kcal100, double cap_g) {
    double g = cap_g;
    if (kcal100 > 0 && MAX_SERVING_KCAL * 100.0 / kcal100 < g)
        g = MAX_SERVING_KCAL * 100.0 / kcal100;
    return g;
}

/* The acid part of B: -clamp(PRAL_serving / PRAL_SERVING_REF, 0, 1).  It
 * grows with the serving; with `optimistic` it counts 0, its supremum
 * over smaller servings (for the bound). */
static double acid_part(const struct facts *fx, double grams, int optimistic) {
    double pral100 = stats_pral(fx->v[NUT_PROTEIN], fx->v[NUT_PHOSPHORUS], fx->v[NUT_POTASSIUM],
                                fx->v[NUT_MAGNESIUM], fx->v[NUT_CALCIUM]);
    if (isnan(pral100) || pral100 <= 0 || optimistic)
        return 0;
    return -clamp(in_serving(pral100, grams) / PRAL_SERVING_REF, 0, 1);
}

/* The balance term B of the file comment, -1..0.  Parts that grow worse
 * with the serving count 0 with `optimistic`; parts that grow better are
 * taken at `grams` (the largest serving, for the bound). */
static double balance(int nutrient, const struct facts *fx, double grams, int optimistic) {
    double r, na, caf;

    switch (nutrient) {
    case NUT_CALCIUM:
        r = stats_ca_p_ratio(fx->v[NUT_CALCIUM], fx->v[NUT_PHOSPHORUS]);
        r = isnan(r) ? 0 : clamp((r - CA_P_NEUTRAL) / CA_P_NEUTRAL, -1, 0);
        return 0.5 * r + 0.5 * acid_part(fx, grams, optimistic);
    case NUT_MAGNESIUM:
        return 0.5 * (fx->plant ? 0 : -1) + 0.5 * acid_part(fx, grams, optimistic);
    case NUT_POTASSIUM:
        r = stats_ratio(fx->v[NUT_SODIUM], fx->v[NUT_POTASSIUM]);
        return isnan(r) ? 0 : -clamp(r / NA_K_LIMIT, 0, 1);
    case NUT_PROTEIN:
        if (isnan(fx->v[NUT_CALCIUM]))
            return 0;
        return clamp(in_serving(fx->v[NUT_CALCIUM], grams) / CA_WITH_PROTEIN_REF, 0, 1) - 1;
    case NUT_WATER:
        if (optimistic)
            return 0; /* both parts grow worse with the serving */
        na = isnan(fx->v[NUT_SODIUM])
                 ? 0
                 : clamp(in_serving(fx->v[NUT_SODIUM], grams) / NA_SERVING_REF, 0, 1);
        caf = isnan(fx->caffeine_mg)
                  ? 0
                  : clamp(in_serving(fx->caffeine_mg, grams) / CAFFEINE_SERVING_REF, 0, 1);
        return -0.5 * na - 0.5 * caf;
    default:
        return 0;
    }
}

/* The nutrient per 100 kcal, NAN for an energy-free food. */
static double per_100kcal(double per100, double kcal100) {
    return kcal100 > 0 ? per100 * 100.0 / kcal100 : NAN;
}

/* The score of a serving of `grams` (file comment).  With `optimistic`,
 * an upper bound over all servings up to `grams`. */
static double score_of(const struct target *t, const struct facts *fx, double grams,
                       int optimistic) {
    double per100 = fx->v[t->nutrient] * fx->absorb;
    double kcal = fx->v[NUT_ENERGY] > KCAL_FLOOR ? fx->v[NUT_ENERGY] : KCAL_FLOOR;
    double need = t->day_ref * 100.0 / DAY_KCAL;
    double s = fmin(in_serving(per100, grams) / t->day_ref, SERVING_SHARE_CAP) / SERVING_SHARE_CAP;
    double d = clamp(log2(per100 * 100.0 / kcal / need) / log2(DENSITY_RATIO_CAP), 0, 1);
    double b = balance(t->nutrient, fx, grams, optimistic);
    return W_SERVING * s + W_DENSITY * d + W_BALANCE * b;
}

/* --- servings ---------------------------------------------------------------- */

/* A portion that is one unit of a measure, not a serving. */
static int is_unit_measure(const struct portion *p) {
    static const char *const units[] = {"fl oz", "tbsp", "tsp", "tablespoon", "teaspoon"};
    if (p->amount != 1)
        return 0;
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
        if (strcmp(p->name, units[i]) == 0)
            return 1;
    return 0;
}

/* Pick the serving of a food with water_g per 100 g (file comment) within
 * limit grams.  Writes the label and returns the grams. */
static double choose_serving(const struct food *f, double water_g, double limit, char *label,
                             size_t len) {
    double start = water_g < DRY_WATER_G ? DRY_DEFAULT_SERVING_G : DEFAULT_SERVING_G;
    size_t best = f->n_portions;

    if (f->n_portions > 0 && f->portions[0].grams <= limit && !is_unit_measure(&f->portions[0])) {
        best = 0;
    } else {
        for (size_t i = 0; i < f->n_portions; i++)
            if (f->portions[i].grams <= limit &&
                (best == f->n_portions || f->portions[i].grams > f->portions[best].grams))
                best = i;
    }
    if (best < f->n_portions) {
        snprintf(label, len, "%g %s", f->portions[best].amount, f->portions[best].name);
        return f->portions[best].grams;
    }
    double g = f->n_portions == 0 && start <= limit ? start : floor(limit);
    if (g < 1)
        g = 1; /* only for a food of over 25,000 kcal per 100 g: cannot happen */
    snprintf(label, len, "%.0f g", g);
    return g;
}

/* --- families ---------------------------------------------------------------- */

/* The first two comma-separated segments of name, lower case, trimmed:
 * "Cheese, parmesan, grated" -> "cheese, parmesan". */
static void family_of(const char *name, char *out, size_t len) {
    size_t w = 0;
    int commas = 0;

    while (*name == ' ')
        name++;
    for (; *name && w + 1 < len; name++) {
        if (*name == ',' && ++commas == 2)
            break;
        out[w++] = (char)lower_ascii((unsigned char)*name);
    }
    while (w > 0 && out[w - 1] == ' ')
        w--;
    out[w] = '\0';
}

/* --- the ranking -------------------------------------------------------------- */

/* A food scored for one nutrient. */
struct scored {
    char *id, *name; /* owned in a ranking */
    char family[FAMILY_MAX];
    char label[96];
    double grams;
    double score;
    struct facts fx;
};

/* One nutrient's list while the table streams by: the best food of each
 * of the best `limit` families, best first. */
struct ranking {
    const struct target *t;
    size_t limit;
    struct scored *top; /* limit entries */
    size_t n;
};

/* Whether a ranks before b: higher score, then smaller id. */
static int ranks_before(const struct scored *a, const struct scored *b) {
    if (a->score != b->score)
        return a->score > b->score;
    return strcmp(a->id, b->id) < 0;
}

static void scored_clear(struct scored *x) {
    free(x->id);
    free(x->name);
    x->id = x->name = NULL;
}

/*
 * Offer x (its strings not yet owned) to the list.  The list keeps the
 * best of each family among its entries; a family that drops out can come
 * back only with a better food, and then that food is its best so far, so
 * the list is always exactly the best `limit` families of the foods seen.
 * Returns -1 when out of memory.
 */
static int ranking_offer(struct ranking *r, const struct scored *x) {
    size_t at = r->n, slot;
    struct scored y;

    for (size_t i = 0; i < r->n && at == r->n; i++)
        if (strcmp(r->top[i].family, x->family) == 0)
            at = i;
    if (at < r->n) { /* its family is listed: keep the better one */
        if (!ranks_before(x, &r->top[at]))
            return 0;
        slot = at;
    } else if (r->n < r->limit) {
        slot = r->n; /* a new entry at the end */
    } else if (r->n > 0 && ranks_before(x, &r->top[r->n - 1])) {
        slot = r->n - 1; /* the last family drops out */
    } else {
        return 0;
    }
    y = *x;
    y.id = strdup(x->id);
    y.name = strdup(x->name);
    if (!y.id || !y.name) {
        scored_clear(&y);
        return -1;
    }
    if (slot == r->n)
        r->n++;
    else
        scored_clear(&r->top[slot]);
    /* move it up to its place */
    while (slot > 0 && ranks_before(&y, &r->top[slot - 1])) {
        r->top[slot] = r->top[slot - 1];
        slot--;
    }
    r->top[slot] = y;
    return 0;
}

/* The score below which no food can enter the list, or -INFINITY while it
 * is not full. */
static double ranking_floor(const struct ranking *r) {
    return r->n < r->limit ? -INFINITY : r->top[r->n - 1].score;
}

static void ranking_free(struct ranking *r) {
    for (size_t i = 0; i < r->n; i++)
        scored_clear(&r->top[i]);
    free(r->top);
    r->top = NULL;
    r->n = 0;
}

/* The walk over the food table (store_foods_core_each). */
struct walk {
    store *s;
    struct ranking *rk;
    size_t n_rk;
    int alc_id, caf_id;
    int failed; /* err holds why */
    char *err;
    size_t errlen;
};

/* One food of the table against every list (file comment, SPEED). */
static int walk_food(const struct food_hit *h, void *vctx) {
    struct walk *w = vctx;
    struct food *f = NULL;
    char *lname = lower_dup(h->name);
    char family[FAMILY_MAX];
    int plant, oxalate;
    double cap_g;

    if (!lname) {
        snprintf(w->err, w->errlen, "out of memory");
        return w->failed = 1;
    }
    if (excluded_by_label(lname, h->group)) {
        free(lname);
        return 0;
    }
    plant = is_plant(h->group);
    oxalate = is_high_oxalate(lname);
    cap_g = name_cap_g(lname, h->group);
    free(lname);

    for (size_t i = 0; i < w->n_rk; i++) {
        struct ranking *r = &w->rk[i];
        int nutrient = r->t->nutrient;
        struct scored x = {.id = h->id, .name = h->name};

        if (!(h->per100[nutrient] > 0))
            continue; /* a food without any of it raises nothing */
        memcpy(x.fx.v, h->per100, sizeof(x.fx.v));
        x.fx.caffeine_mg = NAN;
        x.fx.plant = plant;
        x.fx.absorb = nutrient == NUT_CALCIUM && oxalate ? CA_OXALATE_ABSORPTION : 1.0;
        double limit_g = serving_limit_g(h->per100[NUT_ENERGY], cap_g);
        if (score_of(r->t, &x.fx, limit_g, 1) + BOUND_EPS < ranking_floor(r))
            continue; /* even its best serving cannot enter the list */
        if (!f) {
            int extra[] = {w->alc_id, w->caf_id};
            if (store_food_get_some(w->s, h->id, extra, 2, &f) != STORE_OK) {
                snprintf(w->err, w->errlen, "%s", store_errmsg(w->s));
                return w->failed = 1;
            }
            if (w->alc_id >= 0 && f->values[w->alc_id] > 0)
                break; /* contains alcohol: never suggested */
            family_of(h->name, family, sizeof(family));
        }
        x.fx.caffeine_mg = w->caf_id >= 0 ? f->values[w->caf_id] : NAN;
        x.grams = choose_serving(f, h->per100[NUT_WATER], limit_g, x.label, sizeof(x.label));
        x.score = score_of(r->t, &x.fx, x.grams, 0);
        memcpy(x.family, family, sizeof(x.family));
        if (ranking_offer(r, &x) != 0) {
            food_free(f);
            snprintf(w->err, w->errlen, "out of memory");
            return w->failed = 1;
        }
    }
    food_free(f);
    return 0;
}

/* Rank the food table for n targets at once, the best limit families of
 * each, in one walk.  Returns 0, or -1 with err filled (rk freed). */
static int rank_foods(store *s, const struct target *const *want, size_t n, size_t limit,
                      struct ranking *rk, char *err, size_t errlen) {
    struct walk w = {.s = s, .rk = rk, .n_rk = n, .err = err, .errlen = errlen};
    int rc = 0;

    w.alc_id = nutrients_lookup(TAG_ALCOHOL, NULL);
    w.caf_id = nutrients_lookup(TAG_CAFFEINE, NULL);
    memset(rk, 0, n * sizeof(*rk));
    for (size_t i = 0; i < n && rc == 0; i++) {
        rk[i].t = want[i];
        rk[i].limit = limit;
        if (limit && !(rk[i].top = calloc(limit, sizeof(*rk[i].top)))) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
        }
    }
    if (rc == 0 && store_foods_core_each(s, walk_food, &w) != STORE_OK) {
        snprintf(err, errlen, "%s", store_errmsg(s));
        rc = -1;
    }
    if (rc == 0 && w.failed)
        rc = -1;
    if (rc != 0)
        for (size_t i = 0; i < n; i++)
            ranking_free(&rk[i]);
    return rc;
}

/* --- the lists ----------------------------------------------------------------- */

static int fill_suggestion(struct suggestion *sg, const struct target *t, const struct scored *r) {
    const double *v = r->fx.v;
    double g = r->grams;

    memset(sg, 0, sizeof(*sg));
    sg->id = strdup(r->id);
    sg->name = strdup(r->name);
    sg->portion = strdup(r->label);
    if (!sg->id || !sg->name || !sg->portion)
        return -1;
    sg->portion_g = g;
    sg->per_100g = v[t->nutrient];
    sg->per_portion = in_serving(v[t->nutrient], g);
    sg->per_100kcal = per_100kcal(v[t->nutrient], v[NUT_ENERGY]);
    sg->ca_p_ratio = stats_ca_p_ratio(v[NUT_CALCIUM], v[NUT_PHOSPHORUS]);
    sg->protein_g = in_serving(v[NUT_PROTEIN], g); /* NAN stays NAN */
    sg->pral_meq = stats_pral(in_serving(v[NUT_PROTEIN], g), in_serving(v[NUT_PHOSPHORUS], g),
                              in_serving(v[NUT_POTASSIUM], g), in_serving(v[NUT_MAGNESIUM], g),
                              in_serving(v[NUT_CALCIUM], g));
    sg->score = r->score;
    return 0;
}

/* FNV-1a, 64 bits, over n bytes. */
static uint64_t fnv1a(uint64_t h, const void *data, size_t n) {
    const unsigned char *b = data;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint64_t hash_str(uint64_t h, const char *str) {
    return fnv1a(h, str ? str : "", str ? strlen(str) + 1 : 1);
}

static uint64_t hash_rule(uint64_t h, const struct exclusion *x) {
    h = hash_str(h, x->group);
    h = hash_str(h, x->pat);
    h = hash_str(h, x->pat2);
    return hash_str(h, x->unless);
}

/* What a stored list was made by: the version of the ranking code, the
 * tables and the constants of this file.  A list made by any other rules
 * is not used (store_suggestions_get). */
#define RULES_VERSION 1 /* raise when the code of the ranking changes */
static int64_t rules_fingerprint(void) {
    char consts[512];
    uint64_t h = 14695981039346656037ULL;

    snprintf(consts, sizeof(consts),
             "%d %a %a %a %a %a %a %a %a %a %a %a %a %a %a %a %a %a %a %a %d", RULES_VERSION,
             W_SERVING, W_DENSITY, W_BALANCE, SERVING_SHARE_CAP, DAY_KCAL, DENSITY_RATIO_CAP,
             KCAL_FLOOR, MAX_SERVING_KCAL, MAX_SERVING_G, DEFAULT_SERVING_G, DRY_WATER_G,
             DRY_DEFAULT_SERVING_G, CA_P_NEUTRAL, PRAL_SERVING_REF, NA_K_LIMIT, CA_WITH_PROTEIN_REF,
             NA_SERVING_REF, CAFFEINE_SERVING_REF, CA_OXALATE_ABSORPTION, FAMILY_MAX);
    h = hash_str(h, consts);
    for (size_t i = 0; i < N_TARGETS; i++) { /* field by field: no padding bytes */
        h = fnv1a(h, &targets[i].nutrient, sizeof(targets[i].nutrient));
        h = fnv1a(h, &targets[i].day_ref, sizeof(targets[i].day_ref));
    }
    for (size_t i = 0; i < N_EXCLUSIONS; i++)
        h = hash_rule(h, &exclusions[i]);
    for (size_t i = 0; i < sizeof(high_oxalate) / sizeof(high_oxalate[0]); i++)
        h = hash_rule(h, &high_oxalate[i]);
    for (size_t i = 0; i < sizeof(serving_caps) / sizeof(serving_caps[0]); i++) {
        h = hash_rule(h, &serving_caps[i].match);
        h = fnv1a(h, &serving_caps[i].max_g, sizeof(serving_caps[i].max_g));
    }
    for (size_t i = 0; i < sizeof(plant_groups) / sizeof(plant_groups[0]); i++)
        h = hash_str(h, plant_groups[i]);
    return (int64_t)h;
}

/* A list of n scored foods as a new list of suggestions. */
static int list_from_scored(const struct target *t, const struct scored *sc, size_t n,
                            struct suggestion **out, size_t *n_out) {
    struct suggestion *list = NULL;

    if (n && !(list = calloc(n, sizeof(*list))))
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (fill_suggestion(&list[i], t, &sc[i]) != 0) {
            suggest_free(list, i + 1);
            return -1;
        }
    }
    *out = list;
    *n_out = n;
    return 0;
}

/* A stored list as a new list (the figures computed as for a ranking). */
static int list_from_stored(const struct target *t, const struct stored_suggestion *st, size_t ns,
                            struct suggestion **out, size_t *n) {
    struct scored *sc = NULL;
    int rc;

    if (ns && !(sc = calloc(ns, sizeof(*sc))))
        return -1;
    for (size_t i = 0; i < ns; i++) {
        sc[i].id = st[i].food.id; /* borrowed */
        sc[i].name = st[i].food.name;
        sc[i].grams = st[i].portion_g;
        sc[i].score = st[i].food.score;
        memcpy(sc[i].fx.v, st[i].food.per100, sizeof(sc[i].fx.v));
        snprintf(sc[i].label, sizeof(sc[i].label), "%s", st[i].portion);
    }
    rc = list_from_scored(t, sc, ns, out, n);
    free(sc);
    return rc;
}

int suggest_foods(store *s, int nutrient, size_t limit, struct suggestion **out, size_t *n,
                  char *err, size_t errlen) {
    const struct target *t = target_of(nutrient);
    const struct nutrient_def *def = nutrients_get(nutrient);
    struct stored_suggestion *stored = NULL;
    struct ranking rk;
    size_t n_stored = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (!t) {
        snprintf(err, errlen, "dietbal does not suggest foods to raise %s",
                 def ? def->name : "this nutrient");
        return -1;
    }
    if (limit == 0)
        return 0;
    /* the list the last import stored, when it can answer */
    rc = store_suggestions_get(s, nutrient, rules_fingerprint(), limit, &stored, &n_stored);
    if (rc == STORE_OK) {
        rc = list_from_stored(t, stored, n_stored, out, n);
        store_suggestions_free(stored, n_stored);
        if (rc != 0)
            snprintf(err, errlen, "out of memory");
        return rc;
    }
    if (rc != STORE_NOTFOUND) {
        snprintf(err, errlen, "%s", store_errmsg(s));
        return -1;
    }
    /* else rank the table */
    if (rank_foods(s, &t, 1, limit, &rk, err, errlen) != 0)
        return -1;
    if ((rc = list_from_scored(t, rk.top, rk.n, out, n)) != 0)
        snprintf(err, errlen, "out of memory");
    ranking_free(&rk);
    return rc;
}

int suggest_store_lists(store *s, char *err, size_t errlen) {
    const struct target *all[N_TARGETS];
    struct ranking rk[N_TARGETS];
    struct stored_suggestion rows[SUGGEST_LIST_MAX];
    int64_t rules = rules_fingerprint();
    int rc = 0;

    for (size_t i = 0; i < N_TARGETS; i++)
        all[i] = &targets[i];
    if (rank_foods(s, all, N_TARGETS, SUGGEST_LIST_MAX, rk, err, errlen) != 0)
        return -1;
    for (size_t i = 0; i < N_TARGETS && rc == 0; i++) {
        memset(rows, 0, sizeof(rows));
        for (size_t k = 0; k < rk[i].n; k++) {
            const struct scored *r = &rk[i].top[k];
            /* borrowed strings: the store copies them */
            rows[k].food.id = r->id;
            rows[k].food.name = r->name;
            rows[k].food.score = r->score;
            rows[k].portion = (char *)r->label;
            rows[k].portion_g = r->grams;
        }
        if (store_suggestions_put(s, targets[i].nutrient, rules, SUGGEST_LIST_MAX, rows, rk[i].n) !=
            STORE_OK) {
            snprintf(err, errlen, "%s", store_errmsg(s));
            rc = -1;
        }
    }
    for (size_t i = 0; i < N_TARGETS; i++)
        ranking_free(&rk[i]);
    return rc;
}

void suggest_free(struct suggestion *list, size_t n) {
    if (!list)
        return;
    for (size_t i = 0; i < n; i++) {
        free(list[i].id);
        free(list[i].name);
        free(list[i].portion);
    }
    free(list);
}
