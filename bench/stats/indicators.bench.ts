/**
 * Benchmarks of the indicator methods: life expectancy for 10,000 areas and the SII with
 * 100,000 simulated repetitions for 300 areas (issue 4). Inputs come from a seeded generator;
 * every result is checked inside the timed function so the work cannot be optimised away.
 * Run on its own after `npm run build`: `node dist/bench/stats/indicators.bench.js`.
 */
import { pathToFileURL } from 'node:url';
import seedrandom from 'seedrandom';
import { Bench } from 'tinybench';
import {
  allocateEstimateColumns,
  LE_BANDS,
  lifeExpectancyInto,
  lifeTableScratch,
  sii,
} from '../../engine/stats/index.js';

/** Areas in the life-expectancy benchmark. */
const LE_AREAS = 10_000;

/** Areas and repetitions in the SII benchmark. */
const SII_AREAS = 300;
const SII_REPETITIONS = 100_000;

/** Deciles per SII area. */
const DECILES = 10;

/** Seed of the input generator. */
const DATA_SEED = 'wcc-indicator-bench';

/** Mortality by band for a plausible English area (deaths per person-year). */
const BASE_MORTALITY = [
  0.0035, 0.00015, 0.0001, 0.0001, 0.0003, 0.0004, 0.0005, 0.0006, 0.0008, 0.0013, 0.002, 0.003,
  0.0055, 0.0075, 0.014, 0.024, 0.042, 0.07, 0.16, 0.17,
];

/** Deaths and populations of `areas` areas, 20 bands each, area-major. */
function lifeTableInputs(areas: number): { deaths: Float64Array; pops: Float64Array } {
  const random = seedrandom.alea(DATA_SEED);
  const deaths = new Float64Array(areas * LE_BANDS);
  const pops = new Float64Array(areas * LE_BANDS);
  for (let a = 0; a < areas; ++a) {
    const scale = 0.7 + 0.6 * random();
    for (let b = 0; b < LE_BANDS; ++b) {
      const pop = Math.round((b === 0 ? 1500 : 7000) * scale * (0.8 + 0.4 * random()));
      pops[a * LE_BANDS + b] = pop;
      deaths[a * LE_BANDS + b] = Math.max(
        1,
        Math.round(pop * BASE_MORTALITY[b]! * (0.8 + 0.4 * random())),
      );
    }
  }
  return { deaths, pops };
}

/** Decile populations, values and standard errors of `areas` areas, area-major. */
function siiInputs(areas: number): { pops: Float64Array; values: Float64Array; se: Float64Array } {
  const random = seedrandom.alea(DATA_SEED);
  const n = areas * DECILES;
  const pops = new Float64Array(n);
  const values = new Float64Array(n);
  const se = new Float64Array(n);
  for (let i = 0; i < n; ++i) {
    const decile = i % DECILES;
    pops[i] = 5000 + Math.round(3000 * random());
    values[i] = 75 + decile * 0.8 + 2 * random();
    se[i] = 0.5 + random();
  }
  return { pops, values, se };
}

/** Fails the run when a benchmark produced a non-finite result (stdlib `benchmark.js` style). */
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`benchmark produced an invalid ${what}`);
}

/**
 * Adds the indicator tasks to `bench`: `life expectancy, 10,000 areas` and
 * `SII, 300 areas × 100,000 repetitions`.
 * @param bench - the Bench to add to (its options decide iterations and time)
 */
export function indicatorBenches(bench: Bench): void {
  const le = lifeTableInputs(LE_AREAS);
  const leOut = allocateEstimateColumns(LE_AREAS * LE_BANDS, [95, 99.8]);
  const scratch = lifeTableScratch();
  bench.add(`life expectancy, ${LE_AREAS.toLocaleString('en-GB')} areas`, () => {
    let sum = 0;
    for (let a = 0; a < LE_AREAS; ++a) {
      const from = a * LE_BANDS;
      const to = from + LE_BANDS;
      lifeExpectancyInto(
        le.deaths.subarray(from, to),
        le.pops.subarray(from, to),
        leOut,
        from,
        scratch,
      );
      sum += leOut.value[from]!;
    }
    const mean = sum / LE_AREAS;
    check(mean > 60 && mean < 100, `mean life expectancy ${mean}`);
  });

  const s = siiInputs(SII_AREAS);
  bench.add(
    `SII, ${SII_AREAS} areas × ${SII_REPETITIONS.toLocaleString('en-GB')} repetitions`,
    () => {
      let widths = 0;
      for (let a = 0; a < SII_AREAS; ++a) {
        const from = a * DECILES;
        const to = from + DECILES;
        const est = sii(
          {
            pops: s.pops.subarray(from, to),
            values: s.values.subarray(from, to),
            se: s.se.subarray(from, to),
          },
          {
            levels: [95],
            valueType: 0,
            transform: false,
            multiplier: 1,
            repetitions: SII_REPETITIONS,
            random: seedrandom.alea(String(a)),
            rii: true,
          },
        );
        const l = est.limits[0]!;
        check(l.siiLower < est.sii && est.sii < l.siiUpper, `SII interval in area ${a}`);
        widths += l.siiUpper - l.siiLower;
      }
      check(Number.isFinite(widths), 'SII width');
    },
  );
}

// Run on its own: a few iterations each (the SII task takes seconds), then a results table.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const bench = new Bench({ name: 'indicators', iterations: 3, time: 0, warmup: false });
  indicatorBenches(bench);
  await bench.run();
  console.table(bench.table());
}
