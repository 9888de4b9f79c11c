/*
 * nutrients.c - the table of food components dietbal knows.
 *
 * Tagnames and standard units: FAO/INFOODS tagname list (Klensin et al.,
 * UNU 1989, 2010 update) and the USDA SR NUTR_DEF tags that extend it
 * (ENERC_KCAL, VITA_IU, the _G amino acids).  See nutrition-science.md 6.1.
 * This module only describes components; it knows nothing of files or SQL.
 */
#include "dietbal/nutrients.h"

#include <string.h>

/* Append only: the index is the nutrient's id in every database. */
static const struct nutrient_def table[] = {
    {"ENERC_KCAL", "energy", UNIT_KCAL, 0},
    {"PROCNT", "protein", UNIT_G, 1},
    {"CA", "calcium", UNIT_MG, 0},
    {"MG", "magnesium", UNIT_MG, 0},
    {"P", "phosphorus", UNIT_MG, 0},
    {"K", "potassium", UNIT_MG, 0},
    {"NA", "sodium", UNIT_MG, 0},
    {"WATER", "water", UNIT_G, 1},
    {"FAT", "fat, total", UNIT_G, 1},
    {"CHOCDF", "carbohydrate, by difference", UNIT_G, 1},
    {"FIBTG", "fibre, total dietary", UNIT_G, 0},
    {"SUGAR", "sugars, total", UNIT_G, 0},
    {"ALC", "alcohol", UNIT_G, 1},
    {"ASH", "ash", UNIT_G, 1},
    {"CAFFN", "caffeine", UNIT_MG, 0},
    {"FE", "iron", UNIT_MG, 0},
    {"CU", "copper", UNIT_MG, 0},
    {"MN", "manganese", UNIT_MG, 0},
    {"SE", "selenium", UNIT_UG, 0},
    {"ZN", "zinc", UNIT_MG, 0},
    {"FD", "fluoride", UNIT_UG, 0},
    {"VITA_IU", "vitamin A, IU", UNIT_IU, 0},
    {"VITA_RAE", "vitamin A, RAE", UNIT_UG, 0},
    {"RETOL", "retinol", UNIT_UG, 0},
    {"CARTA", "alpha-carotene", UNIT_UG, 0},
    {"CARTB", "beta-carotene", UNIT_UG, 0},
    {"CRYPX", "beta-cryptoxanthin", UNIT_UG, 0},
    {"LYCPN", "lycopene", UNIT_UG, 0},
    {"LUT+ZEA", "lutein + zeaxanthin", UNIT_UG, 0},
    {"FOL", "folate, total", UNIT_UG, 0},
    {"FOLDFE", "folate, DFE", UNIT_UG, 0},
    {"THIA", "thiamin", UNIT_MG, 0},
    {"RIBF", "riboflavin", UNIT_MG, 0},
    {"NIA", "niacin", UNIT_MG, 0},
    {"PANTAC", "pantothenic acid", UNIT_MG, 0},
    {"VITB6A", "vitamin B6", UNIT_MG, 0},
    {"VITB12", "vitamin B12", UNIT_UG, 0},
    {"VITC", "vitamin C", UNIT_MG, 0},
    {"VITD", "vitamin D (D2 + D3)", UNIT_UG, 0},
    {"TOCPHA", "alpha-tocopherol", UNIT_MG, 0},
    {"TOCPHB", "beta-tocopherol", UNIT_MG, 0},
    {"TOCPHG", "gamma-tocopherol", UNIT_MG, 0},
    {"TOCPHD", "delta-tocopherol", UNIT_MG, 0},
    {"VITK1", "vitamin K (phylloquinone)", UNIT_UG, 0},
    {"CHOLN", "choline, total", UNIT_MG, 0},
    {"FASAT", "fatty acids, saturated", UNIT_G, 0},
    {"FAMS", "fatty acids, monounsaturated", UNIT_G, 0},
    {"FAPU", "fatty acids, polyunsaturated", UNIT_G, 0},
    {"FATRN", "fatty acids, trans", UNIT_G, 0},
    {"CHOLE", "cholesterol", UNIT_MG, 0},
    {"STARCH", "starch", UNIT_G, 0},
    {"PHYSTR", "phytosterols", UNIT_MG, 0},
    {"TRP_G", "tryptophan", UNIT_G, 0},
    {"THR_G", "threonine", UNIT_G, 0},
    {"ILE_G", "isoleucine", UNIT_G, 0},
    {"LEU_G", "leucine", UNIT_G, 0},
    {"LYS_G", "lysine", UNIT_G, 0},
    {"MET_G", "methionine", UNIT_G, 0},
    {"CYS_G", "cystine", UNIT_G, 0},
    {"PHE_G", "phenylalanine", UNIT_G, 0},
    {"TYR_G", "tyrosine", UNIT_G, 0},
    {"VAL_G", "valine", UNIT_G, 0},
    {"ARG_G", "arginine", UNIT_G, 0},
    {"HISTN_G", "histidine", UNIT_G, 0},
    {"ALA_G", "alanine", UNIT_G, 0},
    {"ASP_G", "aspartic acid", UNIT_G, 0},
    {"GLU_G", "glutamic acid", UNIT_G, 0},
    {"GLY_G", "glycine", UNIT_G, 0},
    {"PRO_G", "proline", UNIT_G, 0},
    {"SER_G", "serine", UNIT_G, 0},
    {"HYP", "hydroxyproline", UNIT_G, 0},
    /* Related components kept distinct, never merged with the core tags
     * (nutrition-science.md 6.1). */
    {"ENERA", "energy, gross", UNIT_KJ, 0},
    {"ENER-", "energy, method unknown", UNIT_KJ, 0},
    {"PRO-", "protein, method unknown", UNIT_G, 0},
    {"CHOCSM", "carbohydrate, by summation", UNIT_G, 0},
    {"FATCE", "fat, continuous extraction", UNIT_G, 0},
    {"CHOCAL", "cholecalciferol (D3)", UNIT_UG, 0},
    {"ERGCAL", "ergocalciferol (D2)", UNIT_UG, 0},
};

/* INFOODS ENERC is kJ by default; USDA splits it by unit. */
static const struct {
    const char *tag;
    int id;
    enum unit unit;
} aliases[] = {
    {"ENERC", NUT_ENERGY, UNIT_KJ},
    {"ENERC_KJ", NUT_ENERGY, UNIT_KJ},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

size_t nutrients_count(void) { return COUNT(table); }

const struct nutrient_def *nutrients_get(int id) {
    if (id < 0 || (size_t)id >= COUNT(table))
        return NULL;
    return &table[id];
}

int nutrients_lookup(const char *tag, enum unit *default_unit) {
    for (size_t i = 0; i < COUNT(table); i++) {
        if (strcmp(table[i].tag, tag) == 0) {
            if (default_unit)
                *default_unit = table[i].unit;
            return (int)i;
        }
    }
    for (size_t i = 0; i < COUNT(aliases); i++) {
        if (strcmp(aliases[i].tag, tag) == 0) {
            if (default_unit)
                *default_unit = aliases[i].unit;
            return aliases[i].id;
        }
    }
    return -1;
}

int nutrients_reported_id(int slot) {
    if (slot >= 0 && slot < NUT_CORE_COUNT)
        return slot;
    return slot == NUT_SLOT_VITAMIN_D ? NUT_VITAMIN_D : -1;
}

int nutrients_reported_slot(int id) {
    if (id >= 0 && id < NUT_CORE_COUNT)
        return id;
    return id == NUT_VITAMIN_D ? NUT_SLOT_VITAMIN_D : -1;
}

static const char *const unit_names[] = {"g", "mg", "ug", "kcal", "kJ", "IU"};

const char *unit_name(enum unit u) {
    if ((size_t)u >= COUNT(unit_names))
        return "?";
    return unit_names[u];
}

int unit_parse(const char *s, enum unit *out) {
    static const struct {
        const char *name;
        enum unit unit;
    } names[] = {
        {"g", UNIT_G},          {"mg", UNIT_MG},
        {"ug", UNIT_UG},        {"\xc2\xb5g", UNIT_UG}, /* µg (micro sign) */
        {"\xce\xbcg", UNIT_UG},                         /* μg (Greek mu) */
        {"mcg", UNIT_UG},       {"kcal", UNIT_KCAL},
        {"kJ", UNIT_KJ},        {"IU", UNIT_IU},
    };
    for (size_t i = 0; i < COUNT(names); i++) {
        if (strcmp(names[i].name, s) == 0) {
            *out = names[i].unit;
            return 0;
        }
    }
    return -1;
}

/* Grams per unit for masses, kcal per unit for energy. */
static int unit_factor(enum unit u, int *kind, double *factor) {
    switch (u) {
    case UNIT_G:
        *kind = 0;
        *factor = 1.0;
        return 0;
    case UNIT_MG:
        *kind = 0;
        *factor = 1e-3;
        return 0;
    case UNIT_UG:
        *kind = 0;
        *factor = 1e-6;
        return 0;
    case UNIT_KCAL:
        *kind = 1;
        *factor = 1.0;
        return 0;
    /* 1 kcal = 4.184 kJ (thermochemical calorie; INFOODS, nutrition-science.md 6.1) */
    case UNIT_KJ:
        *kind = 1;
        *factor = 1.0 / 4.184;
        return 0;
    case UNIT_IU:
        *kind = 2;
        *factor = 1.0;
        return 0;
    }
    return -1;
}

int nutrients_convert(int id, double value, enum unit from, double *out) {
    const struct nutrient_def *def = nutrients_get(id);
    int kf, kt;
    double ff, ft;

    if (!def || unit_factor(from, &kf, &ff) || unit_factor(def->unit, &kt, &ft))
        return -1;
    if (from == def->unit) {
        *out = value;
        return 0;
    }
    /* Vitamin D: 1 ug = 40 IU (IOM 2011; nutrition-science.md 1.2). */
    if (from == UNIT_IU && id == nutrients_lookup("VITD", NULL) && def->unit == UNIT_UG) {
        *out = value / 40.0;
        return 0;
    }
    if (kf != kt || kf == 2)
        return -1;
    *out = value * ff / ft;
    return 0;
}
