/*
 * advice.c - texts for people, kept in one place so every output format
 * says the same thing.  Sources: nutrition-science.md 5.3-5.5 (CDC blood
 * clot checklist for pregnant women; HSE Ireland; NHS GGC obstetric VTE
 * guideline; WHO 2016 antenatal care guideline, section D), 0.4 (NHS
 * pre-eclampsia guidance) and 0.7 (NHS foot exercises).
 */
#include "dietbal/advice.h"

#include <stddef.h>

const char ADVICE_RED_FLAG[] =
    "See a clinician now (today: your midwife, GP or maternity unit). Swelling, redness, "
    "warmth, difficulty walking, or leg pain that does not ease can be a sign of a blood clot "
    "in the leg (deep vein thrombosis), which is more likely in pregnancy and for about three "
    "months after birth. It cannot be ruled out without a test.";

const char ADVICE_EMERGENCY[] =
    "Call emergency services at once if you are suddenly short of breath, have chest pain "
    "that is worse when you breathe in or cough, cough up blood, have a fast or irregular "
    "heartbeat, or collapse.";

const char ADVICE_PREECLAMPSIA[] =
    "Call your midwife or maternity unit now. Sudden swelling of the face, hands or feet, a "
    "severe headache, problems with your sight (blurring, flashing lights) or pain just below "
    "the ribs can be signs of pre-eclampsia, which needs your blood pressure and urine checked "
    "the same day. It can also begin in the weeks after the birth.";

const char ADVICE_PREECLAMPSIA_EMERGENCY[] =
    "Call emergency services at once if you have a fit (seizure).";

const char ADVICE_NOT_MEDICAL[] =
    "dietbal is not medical advice. It compares what you logged with dietary reference values; "
    "it cannot measure blood electrolytes or tell why cramps happen. Talk to your midwife, "
    "doctor or dietitian before changing your diet or taking supplements.";

const char *const ADVICE_CRAMP_CARE[] = {
    "During a cramp: straighten the knee and gently pull the toes up towards the shin, then "
    "rub the muscle and walk about.",
    "Before bed: stretch the calf against a wall for about 30 seconds on each side.",
    "Foot exercises may help: bend and stretch the foot up and down about 30 times, then "
    "rotate it 8 times one way and 8 times the other; do it with each foot.",
    "When you stretch, do not point your toes, which can bring a cramp on; pulling them up "
    "towards the shin may help instead.",
    "In bed: lying on the left side with the knees and ankles raised on a pillow may help "
    "some women.",
    "Keep active in the day, but do not overdo walking; avoid long spells standing or sitting "
    "with crossed legs.",
    "Warmth (a warm bath or shower before bed) may ease tight muscles.",
    "These are common advice, not tested in trials; they are harmless to try.",
    NULL,
};
