/**
 * The dot products of the demand and prevalence models (engine/kernels/dot-product.ts) in
 * JavaScript and in WebAssembly SIMD (dot-product-wasm.ts), which give the same bits: a
 * replicate's demand baselines (every year × setting: 91 ages each, times the setting's
 * volume), one condition's prevalence cases by year (`dotProductByYear`) and a replicate's
 * cases of every condition. One replicate takes microseconds, so each timed call does
 * REPLICATES of them.
 */
import type { Bench } from 'tinybench';
import { AGES } from '../../engine/ages.js';
import { dotProduct, dotProductByYear } from '../../engine/kernels/dot-product.js';
import {
  DemandBaselines,
  DotArray,
  PrevalenceCases,
} from '../../engine/kernels/dot-product-wasm.js';
import { check, uniformValues } from '../data.js';

/** Replicates per timed call. */
const REPLICATES = 1000;
/** Years of a replicate's trajectory (the default horizon of five years, and the base year). */
const YEARS = 6;
/** Care settings of the demand model. */
const SETTINGS = 12;
/** The prevalence model's conditions and the pinned curve draws of each. */
const CONDITIONS = 21;
const CURVE_DRAWS = 64;
/** Ages of a condition's dot products (most registers count adults: 18 … 90+). */
const FROM = 18;
const TO = 90;

/** Adds the JavaScript and WebAssembly tasks of both models' dot products to `bench`. */
export function dotProductBenches(bench: Bench): void {
  const traj = uniformValues('dot-product/trajectory', YEARS * AGES, 3000, 9000);
  const each = `${REPLICATES.toLocaleString('en-GB')} replicates`;

  for (const quintiles of [1, 5]) {
    const rows = SETTINGS * quintiles;
    const rates = uniformValues(`dot-product/demand-rates-${quintiles}`, rows * AGES, 0, 0.5);
    const volume = uniformValues('dot-product/volume', SETTINGS, 0.9, 1.1);
    const baseline = new Float64Array(YEARS * rows);
    const shape = `${YEARS} years × ${rows} rows`;
    bench.add(`demand baselines, JavaScript, ${shape} × ${each}`, () => {
      let sum = 0;
      for (let r = 0; r < REPLICATES; ++r) {
        for (let j = 0; j < YEARS; ++j)
          for (let sq = 0; sq < rows; ++sq)
            baseline[j * rows + sq] =
              dotProduct(traj, j * AGES, rates, sq * AGES, AGES) *
              volume[Math.floor(sq / quintiles)]!;
        sum += baseline[r % baseline.length]!;
      }
      check(sum > 0 && Number.isFinite(sum), `baseline sum ${sum}`);
    });
    const kernel = new DemandBaselines(YEARS, rows, SETTINGS);
    kernel.rates.set(rates);
    kernel.volume.set(volume);
    bench.add(`demand baselines, WebAssembly (DemandBaselines), ${shape} × ${each}`, () => {
      let sum = 0;
      for (let r = 0; r < REPLICATES; ++r) {
        kernel.trajectory.set(traj);
        kernel.compute();
        sum += kernel.baselines[r % kernel.baselines.length]!;
      }
      check(sum > 0 && Number.isFinite(sum), `baseline sum ${sum}`);
    });
  }

  // One condition: the replicate's picked curve draw of the condition's CURVE_DRAWS.
  const curves = uniformValues('dot-product/curves', CONDITIONS * CURVE_DRAWS * AGES, 0, 0.2);
  const cases = new Float64Array(CONDITIONS * YEARS);
  const one = `${YEARS} years × ages ${FROM} … ${TO} × ${each}`;
  bench.add(`prevalence cases of one condition, JavaScript, ${one}`, () => {
    let sum = 0;
    for (let r = 0; r < REPLICATES; ++r) {
      dotProductByYear(traj, AGES, YEARS, curves, (r % CURVE_DRAWS) * AGES, FROM, TO, cases, 0);
      sum += cases[r % YEARS]!;
    }
    check(sum > 0 && Number.isFinite(sum), `cases sum ${sum}`);
  });
  const array = new DotArray(YEARS * AGES + CURVE_DRAWS * AGES + YEARS);
  array.values.set(traj);
  array.values.set(curves.subarray(0, CURVE_DRAWS * AGES), YEARS * AGES);
  const out = YEARS * AGES + CURVE_DRAWS * AGES;
  bench.add(`prevalence cases of one condition, WebAssembly (dotByYear), ${one}`, () => {
    let sum = 0;
    for (let r = 0; r < REPLICATES; ++r) {
      const rate = YEARS * AGES + (r % CURVE_DRAWS) * AGES;
      array.dotByYear(0, AGES, YEARS, rate, FROM, TO, out);
      sum += array.values[out + (r % YEARS)]!;
    }
    check(sum > 0 && Number.isFinite(sum), `cases sum ${sum}`);
  });

  // A replicate: every condition, each with its own pick.
  const all = `${CONDITIONS} conditions × ${one}`;
  const pick = (r: number, c: number): number => ((r * 7 + c * 13) % CURVE_DRAWS) * AGES;
  bench.add(`prevalence cases of a replicate, JavaScript, ${all}`, () => {
    let sum = 0;
    for (let r = 0; r < REPLICATES; ++r) {
      for (let c = 0; c < CONDITIONS; ++c) {
        const rate = c * CURVE_DRAWS * AGES + pick(r, c);
        dotProductByYear(traj, AGES, YEARS, curves, rate, FROM, TO, cases, c * YEARS);
      }
      sum += cases[r % cases.length]!;
    }
    check(sum > 0 && Number.isFinite(sum), `cases sum ${sum}`);
  });
  const kernel = new PrevalenceCases(YEARS, CONDITIONS, CURVE_DRAWS * AGES);
  kernel.curves.set(curves);
  for (let c = 0; c < CONDITIONS; ++c) kernel.setAges(c, FROM, TO);
  bench.add(`prevalence cases of a replicate, WebAssembly (PrevalenceCases), ${all}`, () => {
    let sum = 0;
    for (let r = 0; r < REPLICATES; ++r) {
      kernel.trajectory.set(traj);
      for (let c = 0; c < CONDITIONS; ++c) kernel.pick(c, pick(r, c));
      kernel.compute();
      sum += kernel.cases[r % kernel.cases.length]!;
    }
    check(sum > 0 && Number.isFinite(sum), `cases sum ${sum}`);
  });
}
