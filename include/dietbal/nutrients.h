/*
 * nutrients.h - the food components dietbal knows, by INFOODS tagname.
 *
 * The table is the single source of truth for tags, their standard units
 * and the stable integer id each one has in the database.  Ids are table
 * indexes: entries are only ever appended, never reordered or removed.
 */
#ifndef DIETBAL_NUTRIENTS_H
#define DIETBAL_NUTRIENTS_H

#include <stddef.h>

enum unit {
    UNIT_G,
    UNIT_MG,
    UNIT_UG,
    UNIT_KCAL,
    UNIT_KJ,
    UNIT_IU,
};

/* The nutrients at the centre of the analysis; values are table ids. */
enum nutrient_id {
    NUT_ENERGY = 0, /* ENERC_KCAL, kcal */
    NUT_PROTEIN,    /* PROCNT, g */
    NUT_CALCIUM,    /* CA, mg */
    NUT_MAGNESIUM,  /* MG, mg */
    NUT_PHOSPHORUS, /* P, mg */
    NUT_POTASSIUM,  /* K, mg */
    NUT_SODIUM,     /* NA, mg */
    NUT_WATER,      /* WATER, g */
    NUT_CORE_COUNT
};

/* Vitamin D (VITD, ug): not a core nutrient, but reported with them
 * (IOM 2011; nutrition-science.md 0.8).  Its table id, fixed like every
 * other (nutrients.c is append-only). */
#define NUT_VITAMIN_D 38

/*
 * The nutrients every analysis and report shows, by slot: slots
 * 0 .. NUT_CORE_COUNT - 1 are the core nutrients (slot == id), then
 * vitamin D.  Arrays "per reported nutrient" are indexed by slot.
 */
enum { NUT_SLOT_VITAMIN_D = NUT_CORE_COUNT, NUT_REPORTED_COUNT };

/* The nutrient id of a slot, or -1 out of range. */
int nutrients_reported_id(int slot);

/* The slot of a nutrient id, or -1 when the nutrient is not reported. */
int nutrients_reported_slot(int id);

struct nutrient_def {
    const char *tag;  /* INFOODS (or USDA-extended INFOODS) tagname */
    const char *name; /* plain English */
    enum unit unit;   /* standard unit values are stored in */
    int proximate;    /* counts towards the 100 g per 100 g mass budget */
};

/* Number of entries in the table. */
size_t nutrients_count(void);

/* Entry by id, or NULL when out of range. */
const struct nutrient_def *nutrients_get(int id);

/*
 * Id for a tag as it appears in a food table, or -1 when the tag is not
 * known.  Aliases (ENERC, ENERC_KJ) resolve to their canonical entry; the
 * unit the alias implies when no unit attribute is given is written to
 * *default_unit (which may be NULL).
 */
int nutrients_lookup(const char *tag, enum unit *default_unit);

/* "g", "mg", "ug", "kcal", "kJ", "IU". */
const char *unit_name(enum unit u);

/* Parse a unit name as written in food tables ("µg" and "mcg" are ug). */
int unit_parse(const char *s, enum unit *out);

/*
 * Convert value from unit `from` to the standard unit of nutrient id.
 * Returns 0 and writes *out on success, -1 when the units are of different
 * kinds (mass vs energy) or IU is given for a nutrient with no IU factor.
 */
int nutrients_convert(int id, double value, enum unit from, double *out);

#endif
