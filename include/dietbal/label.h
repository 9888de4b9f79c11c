/*
 * label.h - a supplement label read into numbers: "CA=200mg", "VITD=400IU"
 * (amounts per unit, in the label's units), the dose forms a supplement is
 * counted in (tablet, capsule, softgel, sachet, scoop, ml, drop) with the
 * everyday words for them ("pill", "caps"), and the limits an amount per
 * unit must keep.  Shared by `dietbal supplement define`, the food-table
 * importer (<supplement>) and `dietbal add`.
 *
 * Pure: no SQL, no printing, never exits.  Errors fill a caller's buffer.
 */
#ifndef DIETBAL_LABEL_H
#define DIETBAL_LABEL_H

#include "dietbal/nutrients.h"

#include <stddef.h>

enum { LABEL_OK = 0, LABEL_EINPUT = -1 };

/* One amount from a label. */
struct label_amount {
    int nutrient;   /* nutrients.h id */
    double value;   /* in the nutrient's standard unit (nutrients.h) */
    double given;   /* the number as written */
    enum unit unit; /* the unit as written */
};

/*
 * Parse "TAG=AMOUNT": an INFOODS tag dietbal knows (any case: "ca" is CA),
 * '=', a plain decimal number (no sign, exponent or comma) and a unit (g,
 * mg, ug, µg, mcg, IU; kcal or kJ for energy; any case, a space allowed
 * before it).  IU only for vitamin D (1 ug = 40 IU, IOM 2011) and for the
 * tags measured in IU.  The amount is converted to the nutrient's standard
 * unit and checked with label_check.  LABEL_OK fills *out; LABEL_EINPUT
 * leaves it untouched and says why in err.
 */
int label_parse(const char *text, struct label_amount *out, char *err, size_t errlen);

/*
 * Is value (standard unit of nutrient) a possible amount for one unit of a
 * supplement?  Refused: not finite, negative, more than LABEL_MINERAL_MAX_G
 * of a mineral, more than LABEL_MASS_MAX_G of anything, more than
 * LABEL_ENERGY_MAX_KCAL.  LABEL_OK, or LABEL_EINPUT with the reason.
 */
int label_check(int nutrient, double value, char *err, size_t errlen);

/* No unit of a supplement holds more than 10 g of a mineral: a tablet
 * weighs about a gram and a scoop of powder tens of grams, of which a
 * mineral salt is a part (product.md "Supplements"; the limit). */
#define LABEL_MINERAL_MAX_G 10.0
/* Nor more than 100 g of anything (a scoop of protein powder is ~30 g). */
#define LABEL_MASS_MAX_G 100.0
/* Nor more energy than 100 g of pure fat (9 kcal/g, Atwater). */
#define LABEL_ENERGY_MAX_KCAL 900.0

/* Is this nutrient a mineral (CA MG P K NA FE CU MN SE ZN FD)? */
int label_is_mineral(int nutrient);

/* The dose forms, NULL-terminated: "tablet", "capsule", "softgel",
 * "sachet", "scoop", "ml", "drop". */
const char *const *label_dose_forms(void);

/*
 * The dose form a word names, in any case and number ("Tablets", "caps",
 * "millilitres"), or NULL.  "pill" and "pills" stand for any solid form
 * one swallows (tablet, capsule, softgel): the form returned is "tablet"
 * and *generic is set to 1 (generic may be NULL).
 */
const char *label_dose_form(const char *word, int *generic);

/* May a supplement counted in `form` be logged with `word` ("2 capsules",
 * "1 pill")?  1 when word names that form, or is generic and form is a
 * solid one; else 0. */
int label_form_matches(const char *word, const char *form);

/* Is this dose form also a unit of food ("ml", "scoop", and "sachet" for
 * which USDA has "packet")? */
int label_form_is_food_unit(const char *form);

#endif
