/**
 * The engine's age range, defined once: single years of age 0 … 89 and the open group 90+
 * (index 90), as the ONS single-year estimates and the cohort projection use them.
 */

/** Number of age groups: 0 … 89 and 90+. */
export const AGES = 91;
/** Index of the open age group 90+. */
export const OPEN_AGE = 90;
