/**
 * The single-year life table kernel (engine/kernels/life-table.ts) and the full outcomes step
 * of one area, replicate and year (models/outcomes: life expectancy at birth and 65 by sex, ten
 * deciles per sex with their gap and SII, the health gain of four treated registers and the
 * under-75 DSRs), and the ten decile tables of one sex and year in JavaScript and in WebAssembly
 * (life-table-wasm.ts). Each timed call does STEPS of them: divide the mean by STEPS for the time of
 * one (µs per area-replicate-year for the outcomes step).
 */
import type { Bench } from 'tinybench';
import { AGES, OPEN_AGE } from '../../engine/kernels/cohort.js';
import { DecileLifeTables } from '../../engine/kernels/life-table-wasm.js';
import {
  infantSeparation,
  lifeExpectanciesAtBirthOfProducts,
  lifeTableInto,
  lifeTableWork,
} from '../../engine/kernels/life-table.js';
import {
  addTreatmentGain,
  DECILES,
  decileFactors,
  outcomesWork,
  outcomesYear,
  YEAR_SLOTS,
  type DecileEntry,
} from '../../models/outcomes/index.js';
import { check, uniformValues } from '../data.js';

/** Kernel calls per timed call. */
const STEPS = 100;
/** Gompertz mortality, m(a) = GOMPERTZ_A·exp(GOMPERTZ_B·a): a plausible English shape. */
const GOMPERTZ_A = 0.00005;
const GOMPERTZ_B = 0.095;
/** Registers whose newly found people are treated (HYP, AF, DM, CVDPP). */
const TREATED = 4;
/** Years of a five-year plan and the base year. */
const YEARS = 6;

/** Adds `lifeTableInto` and the outcomes step (each STEPS calls) to `bench`. */
export function lifeTableBenches(bench: Bench): void {
  const noise = uniformValues('life-table/mx', 2 * AGES, 0.9, 1.1);
  const rates = (sex: number): Float64Array =>
    Float64Array.from({ length: AGES }, (_, a) =>
      a === OPEN_AGE
        ? 0.25
        : GOMPERTZ_A * Math.exp(GOMPERTZ_B * a) * noise[sex * AGES + a]! * (1 - 0.2 * sex),
    );
  const male = rates(0);
  const female = rates(1);
  const ex = new Float64Array(AGES);
  const work = lifeTableWork();
  const each = `91 ages × ${STEPS}`;

  bench.add(`lifeTableInto, ${each}`, () => {
    let sum = 0;
    for (let s = 0; s < STEPS; ++s)
      sum += lifeTableInto(male, infantSeparation(male[0]!, 'male'), ex, work);
    check(sum > 60 * STEPS && sum < 100 * STEPS, `e0 sum ${sum}`);
  });

  // A synthetic area: deciles with a 10-year spread, a national-like gradient.
  const gradient = Array.from(
    { length: AGES },
    (_, a) => 0.3 + 0.7 * Math.exp(-(((a - 50) / 25) ** 2)),
  );
  const entry: DecileEntry = {
    share: new Array<number>(DECILES).fill(0.1),
    k: Array.from({ length: DECILES }, (_, d) => 0.7 - (1.4 * d) / (DECILES - 1)),
    le: new Array<number>(DECILES).fill(NaN),
    suppressed: [],
  };
  const factors = new Float64Array(DECILES * AGES);
  decileFactors(entry, gradient, factors);
  // The ten decile tables of one sex and year: the JavaScript product form and the kernel.
  const le = new Float64Array(DECILES);
  const tables = DecileLifeTables.shared();
  const decileTasks: [string, () => void][] = [
    [
      'JavaScript',
      () => lifeExpectanciesAtBirthOfProducts(male, 0, factors, AGES, DECILES, 'male', le),
    ],
    ['WebAssembly', () => tables.compute(male, factors, 'male', le)],
  ];
  for (const [name, tablesOnce] of decileTasks)
    bench.add(`decile life tables (10 × 91 ages), ${name}, × ${STEPS}`, () => {
      let sum = 0;
      for (let s = 0; s < STEPS; ++s) {
        tablesOnce();
        sum += le[DECILES - 1]! - le[0]!;
      }
      check(sum > 0, `decile gap sum ${sum}`);
    });

  const pop = uniformValues('life-table/pop', AGES, 800, 1600);
  const found = uniformValues('life-table/found', YEARS * AGES, 0, 5);
  const outcomes = outcomesWork();
  const averted = new Float64Array(AGES);
  const out = new Float64Array(Object.keys(YEAR_SLOTS).length);
  const reached = new Float64Array(DECILES).fill(1);
  const input = {
    ratesMale: male,
    ratesFemale: female,
    popMale: pop,
    popFemale: pop,
    decilesMale: entry,
    decilesFemale: entry,
    factorsMale: factors,
    factorsFemale: factors,
    averted,
    reached,
    cvdShare: 0.21,
  };

  bench.add(`outcomes step (area × replicate × year), × ${STEPS}`, () => {
    let years = 0;
    let le = 0;
    for (let s = 0; s < STEPS; ++s) {
      averted.fill(0);
      for (let t = 0; t < TREATED; ++t)
        years += addTreatmentGain(found, s % YEARS, male, 1.5, 0.87, outcomes, averted);
      outcomesYear(input, outcomes, out);
      le += out[YEAR_SLOTS.le_birth_male]! + out[YEAR_SLOTS.sii_le_female]!;
    }
    check(years > 0 && Number.isFinite(le) && le > 0, `outcomes ${years} ${le}`);
  });
}
