/**
 * The 19 age bands of the European Standard Population 2013 (0-4, 5-9, …, 85-89, 90+) and the
 * spellings of their labels that public tables use: `0-4`, `00-04`, `0 to 4`, `0–4`,
 * `0-4 years`, `Aged 0-4`, `90+`, `90 and over`, `90plus`, `90 years and over`.
 */

/** Width of an ESP2013 band in years. */
const BAND_WIDTH = 5;

/** Start age of the open band 90+. */
const OPEN_BAND_START = 90;

/** The canonical labels of the ESP2013 bands, in age order. */
export const ESP2013_BAND_LABELS: readonly string[] = [
  ...Array.from({ length: OPEN_BAND_START / BAND_WIDTH }, (_, b) => {
    const start = b * BAND_WIDTH;
    return `${start}-${start + BAND_WIDTH - 1}`;
  }),
  `${OPEN_BAND_START}+`,
];

/** The spellings accepted, for messages. */
export const ESP2013_SPELLINGS =
  'an ESP2013 age band 0-4, 5-9, …, 85-89, 90+ (also written 00-04, "0 to 4", "90 and over", "90plus")';

/** `a-b`, `a to b`, `a–b`, `a_b`. */
const CLOSED = /^(\d{1,3}) ?(?:-|–|—|_|to) ?(\d{1,3})$/;

/** `a+`, `a plus`, `a and over`, `a or over`, `a and older`, `a & over`. */
const OPEN = /^(\d{1,3}) ?(?:\+|-?plus|(?:and|or|&) ?(?:over|above|older))$/;

/**
 * The band index (0 … 18) of an age-band label, or undefined when the label is not an ESP2013
 * band. Case, spaces, a leading "age"/"aged" and the words "years"/"yrs" are ignored.
 */
export function esp2013Band(label: string): number | undefined {
  const text = label
    .toLowerCase()
    .replace(/\b(?:years?|yrs?)\b/g, ' ')
    .replace(/^\s*(?:age[ds]?)\b\s*:?/, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const closed = CLOSED.exec(text);
  if (closed) {
    const start = Number(closed[1]);
    const end = Number(closed[2]);
    const ok =
      start % BAND_WIDTH === 0 && start < OPEN_BAND_START && end === start + BAND_WIDTH - 1;
    return ok ? start / BAND_WIDTH : undefined;
  }
  const open = OPEN.exec(text);
  if (open && Number(open[1]) === OPEN_BAND_START) return OPEN_BAND_START / BAND_WIDTH;
  return undefined;
}
