/*
 * advice.h - the fixed texts dietbal shows people: red-flag advice, the
 * not-medical-advice note, cramp self-care.  Written in the project's own
 * words from the guidance in nutrition-science.md 5.4 and 5.5.
 */
#ifndef DIETBAL_ADVICE_H
#define DIETBAL_ADVICE_H

/* Seek care now: possible deep vein thrombosis (5.5). */
extern const char ADVICE_RED_FLAG[];

/* Call emergency services: signs of pulmonary embolism (5.5). */
extern const char ADVICE_EMERGENCY[];

/* Call the midwife or maternity unit now: possible pre-eclampsia
 * (nutrition-science.md 0.4, NHS pre-eclampsia guidance). */
extern const char ADVICE_PREECLAMPSIA[];

/* Its emergency line. */
extern const char ADVICE_PREECLAMPSIA_EMERGENCY[];

/* Every report and day view carries this. */
extern const char ADVICE_NOT_MEDICAL[];

/* What may help with cramps (5.4, 0.7), one item per line, each hedged. */
extern const char *const ADVICE_CRAMP_CARE[];

#endif
