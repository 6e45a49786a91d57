/**
 * IMD 2019 average score of each April 2023 local authority: the published district scores
 * (humaniverse/IMD, April 2021 codes) with each 2023 merger's score the population-weighted
 * mean of its former districts' scores (a district's score is itself the population-weighted
 * mean of its LSOAs' scores, so this is the score of the merged area).
 */
import { successorOf } from './code-changes.js';
import { formerDistrictTotals } from './build-population.js';
import { num, readCsv } from './raw-csv.js';

/** Population year weighting merged districts: mid-2019, the IMD 2019 denominators' year. */
const WEIGHT_YEAR = 2019;

/** IMD 2019 average score by April 2023 local authority code. */
export function imdScoresLad23(root: string): Map<string, number> {
  const current = successorOf(root);
  const weights = formerDistrictTotals(root, WEIGHT_YEAR);
  const sums = new Map<string, { score: number; weight: number }>();
  for (const row of readCsv(root, 'imd-lad-2004-2019/imd2019_lad21_england.csv')) {
    const code = row.ltla21_code ?? '';
    const score = num(row, 'Score', `IMD 2019 ${code}`);
    const weight = weights.get(code);
    if (weight === undefined)
      throw new Error(`IMD 2019: no mid-${WEIGHT_YEAR} population for ${code}`);
    const to = current(code);
    const acc = sums.get(to) ?? { score: 0, weight: 0 };
    acc.score += score * weight;
    acc.weight += weight;
    sums.set(to, acc);
  }
  return new Map([...sums].map(([code, s]) => [code, s.score / s.weight]));
}
