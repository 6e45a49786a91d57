/**
 * Anchor shapes of the prevalence curves: the age pattern, on the logit scale, of published
 * age-specific prevalence (survey, model or primary-care figures), by single year of age
 * 0 … 90+. Only the shape is used; the level comes from the registers (see calibrate.ts).
 */
import { fitPolynomial, polynomialAt } from '../../engine/stats/least-squares.js';
import type { PublishedPoint } from './types.js';

import { AGES } from '../../engine/ages.js';

export { AGES };
/**
 * Floor of an extrapolated shape (prevalence 1 in 100,000): keeps logits finite where a
 * published profile is continued below its youngest band.
 */
const MIN_PREVALENCE = 1e-5;
/** Centre and scale of age in the diabetes quadratic (keeps the normal equations well scaled). */
const AGE_CENTRE = 50;
const AGE_SCALE = 10;

/** One row of literature-parameters/age_prevalence.csv, parsed. */
export interface AgePrevalenceRow {
  readonly condition: string;
  readonly ageLow: number;
  /** null for an open band (e.g. 75+). */
  readonly ageHigh: number | null;
  readonly sex: string;
  /** Prevalence as a proportion (the file's % or per-1,000 figure converted). */
  readonly prevalence: number;
  readonly measure: string;
  readonly source: string;
  readonly year: string;
}

/** A published band of prevalence with its standard error (proportions). */
export interface PrevalenceBand {
  readonly ageLow: number;
  readonly ageHigh: number | null;
  readonly prevalence: number;
  readonly se: number;
}

/** logit(p) = ln(p / (1 − p)). */
export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/** The inverse of logit: 1 / (1 + e^−x). */
export function expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * The age a band stands for: the mean age of `population` (by single year, 0 … 90+) within
 * it, the open group counted at 90.
 */
export function bandAge(ageLow: number, ageHigh: number | null, population: Float64Array): number {
  const lo = Math.min(ageLow, AGES - 1);
  const hi = Math.min(ageHigh ?? AGES - 1, AGES - 1);
  let people = 0;
  let years = 0;
  for (let a = lo; a <= hi; ++a) {
    const n = population[a] ?? 0;
    people += n;
    years += n * a;
  }
  return people > 0 ? years / people : (lo + hi) / 2;
}

/**
 * Shape through published points: linear in logit between the points' ages, flat above the
 * oldest point; below the youngest point the first segment's slope continues when prevalence
 * rises with age (a chronic disease of ageing: holding the youngest band's level flat down to
 * childhood would give children the prevalence of the middle-aged), flat otherwise, floored at
 * MIN_PREVALENCE. NaN outside ageMin … ageMax.
 */
export function interpolatedShape(
  points: readonly { readonly age: number; readonly prevalence: number }[],
  ageMin: number,
  ageMax: number,
): Float64Array {
  const sorted = [...points].sort((p, q) => p.age - q.age);
  const x = sorted.map((p) => p.age);
  const y = sorted.map((p) => logit(p.prevalence));
  const out = new Float64Array(AGES).fill(NaN);
  const last = x.length - 1;
  const floor = logit(MIN_PREVALENCE);
  const firstSlope =
    last > 0 ? ((y[1] ?? NaN) - (y[0] ?? NaN)) / ((x[1] ?? NaN) - (x[0] ?? NaN)) : 0;
  for (let a = ageMin; a <= ageMax; ++a) {
    let v: number;
    if (a <= (x[0] ?? NaN)) {
      const below = firstSlope > 0 ? firstSlope * (a - (x[0] ?? NaN)) : 0;
      v = Math.max(floor, (y[0] ?? NaN) + below);
    } else if (a >= (x[last] ?? NaN)) v = y[last] ?? NaN;
    else {
      let j = 0;
      while ((x[j + 1] ?? Infinity) < a) ++j;
      const x0 = x[j] ?? NaN;
      const x1 = x[j + 1] ?? NaN;
      const t = x1 > x0 ? (a - x0) / (x1 - x0) : 0;
      v = (y[j] ?? NaN) + t * ((y[j + 1] ?? NaN) - (y[j] ?? NaN));
    }
    out[a] = v;
  }
  return out;
}

/** A short label of a source: its title up to the first punctuation, and the data year. */
function sourceLabel(row: AgePrevalenceRow): string {
  const title = (row.source.split(/[.:,;]/)[0] ?? '').trim();
  return title.includes(row.year) ? title : `${title} ${row.year}`.trim();
}

/**
 * Published points of one condition from age_prevalence.csv rows: one point per age band and
 * source, the persons figure where there is one (several averaged), else the average of the
 * male and female figures.
 */
export function bandPoints(
  rows: readonly AgePrevalenceRow[],
  population: Float64Array,
  anchor: boolean,
): PublishedPoint[] {
  const groups = new Map<string, AgePrevalenceRow[]>();
  for (const row of rows) {
    const key = `${row.ageLow}-${row.ageHigh ?? ''}|${sourceLabel(row)}`;
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  const mean = (values: number[]): number => values.reduce((s, v) => s + v, 0) / values.length;
  const points: PublishedPoint[] = [];
  for (const list of groups.values()) {
    const persons = list.filter((r) => r.sex === 'persons');
    const first = list[0];
    if (first === undefined) continue;
    const bySex = ['male', 'female']
      .map((sex) => list.filter((r) => r.sex === sex).map((r) => r.prevalence))
      .filter((v) => v.length > 0)
      .map(mean);
    points.push({
      ageLow: first.ageLow,
      ageHigh: first.ageHigh,
      age: bandAge(first.ageLow, first.ageHigh, population),
      prevalence: persons.length > 0 ? mean(persons.map((r) => r.prevalence)) : mean(bySex),
      measure: [...new Set(list.map((r) => r.measure))].join('+'),
      source: sourceLabel(first),
      anchor,
    });
  }
  return points.sort((p, q) => p.age - q.age || p.ageLow - q.ageLow);
}

/**
 * Persons prevalence by age 0 … 90+ from DisMod II single-year curves by sex (ages 0 … 100):
 * the average of the sexes, the open group 90+ the average over 90 … 100 weighted by the
 * stationary life-table population `lx` (persons).
 */
export function dismodPersons(
  male: Float64Array,
  female: Float64Array,
  lx: Float64Array,
): Float64Array {
  const out = new Float64Array(AGES);
  for (let a = 0; a < AGES - 1; ++a) out[a] = ((male[a] ?? NaN) + (female[a] ?? NaN)) / 2;
  let sum = 0;
  let weight = 0;
  for (let a = AGES - 1; a < male.length; ++a) {
    const w = lx[a] ?? 0;
    sum += (w * ((male[a] ?? NaN) + (female[a] ?? NaN))) / 2;
    weight += w;
  }
  out[AGES - 1] = sum / weight;
  return out;
}

/** Logit shape of a full single-year prevalence curve; NaN outside ageMin … ageMax. */
export function curveShape(prevalence: Float64Array, ageMin: number, ageMax: number): Float64Array {
  const out = new Float64Array(AGES).fill(NaN);
  for (let a = ageMin; a <= ageMax; ++a)
    out[a] = logit(Math.max(MIN_PREVALENCE, prevalence[a] ?? NaN));
  return out;
}

/**
 * Smooth shape through noisy survey bands: a quadratic in age on the logit scale fitted by
 * weighted least squares, weights 1 / var(logit p̂) with var ≈ se² / (p(1 − p))² (the delta
 * method); bands with no cases are left out. NaN outside ageMin … ageMax.
 */
export function smoothedBandShape(
  bands: readonly PrevalenceBand[],
  population: Float64Array,
  ageMin: number,
  ageMax: number,
): Float64Array {
  const used = bands.filter((b) => b.prevalence > 0 && b.se > 0);
  const x = Float64Array.from(
    used,
    (b) => (bandAge(b.ageLow, b.ageHigh, population) - AGE_CENTRE) / AGE_SCALE,
  );
  const y = Float64Array.from(used, (b) => logit(b.prevalence));
  const w = Float64Array.from(used, (b) => {
    const slope = b.prevalence * (1 - b.prevalence);
    return (slope * slope) / (b.se * b.se);
  });
  const fit = fitPolynomial(x, y, 2, w);
  const out = new Float64Array(AGES).fill(NaN);
  for (let a = ageMin; a <= ageMax; ++a)
    out[a] = polynomialAt(fit.coef, (a - AGE_CENTRE) / AGE_SCALE);
  return out;
}
