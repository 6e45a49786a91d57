/**
 * Exports what the population model reads for every local authority, for the vectorised numpy
 * implementation in `population.py`: each area's prepared inputs (base population by sex and
 * age, the trend of death rates by year, fertility, net migration and its shape) and each
 * replicate's five parameter draws, exactly as `wcc run --model population --area all` draws
 * them; and, for the first area, the cells wcc writes for every replicate (numpy checks its
 * own against them).
 *
 * Usage: `node dist/bench/numpy/export-population.js DIR [replicates] [horizon] [seed]`; writes
 * `DIR/population.json` (the layout) and `DIR/population.f64` (little-endian float64 records).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGES } from '../../engine/kernels/cohort.js';
import { loadReferenceData } from '../../engine/io/reference-data.js';
import { areaRegistry } from '../../models/areas/registry.js';
import {
  POPULATION_PARAMETERS,
  drawPopulation,
  populationWork,
  preparePopulation,
  projectPopulation,
} from '../../models/population/model.js';

const [dir = 'bench/results/numpy', replicatesArg = '1000', horizonArg = '5', seedArg = '1'] =
  process.argv.slice(2);
const replicates = Number(replicatesArg);
const horizon = Number(horizonArg);
const seed = Number(seedArg);
const BASE_YEAR = 2023;

const data = loadReferenceData();
const lads = areaRegistry(data).lads;
const years = horizon + 1;
/** Fields of one area's record, in order, with their lengths. */
const FIELDS: readonly (readonly [string, number])[] = [
  ['base_male', AGES],
  ['base_female', AGES],
  ['mx_male', years * AGES],
  ['mx_female', years * AGES],
  ['fertility', 1],
  ['migration_male', AGES],
  ['migration_female', AGES],
  ['migration_shape', 2 * AGES],
  ['draws', replicates * POPULATION_PARAMETERS.length],
];
const recordLength = FIELDS.reduce((n, [, length]) => n + length, 0);
const values = new Float64Array(lads.length * recordLength);
let checkCells: string[] = [];
let check = new Float64Array(0);
lads.forEach((lad, i) => {
  const inputs = preparePopulation(
    data,
    { code: lad.code, name: lad.name, members: [lad.code] },
    BASE_YEAR,
    horizon,
  );
  let at = i * recordLength;
  const put = (v: ArrayLike<number>): void => {
    values.set(Array.from(v), at);
    at += v.length;
  };
  put(inputs.basePopMale);
  put(inputs.basePopFemale);
  put(inputs.trendMxMale);
  put(inputs.trendMxFemale);
  put([inputs.fertility]);
  put(inputs.migrationMale);
  put(inputs.migrationFemale);
  put(inputs.migrationShape);
  const work = populationWork(horizon);
  const cells = inputs.cells.length;
  if (i === 0) {
    checkCells = inputs.cells.map((c) => `${c.metric} ${c.year}`);
    check = new Float64Array(replicates * cells);
  }
  for (let r = 0; r < replicates; ++r) {
    const p = drawPopulation(inputs, seed, r);
    put(POPULATION_PARAMETERS.map((name) => p[name]));
    if (i === 0) projectPopulation(inputs, p, work, check, r * cells);
  }
});

mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'population.f64'), new Uint8Array(values.buffer));
writeFileSync(join(dir, 'population-check.f64'), new Uint8Array(check.buffer));
writeFileSync(
  join(dir, 'population.json'),
  JSON.stringify(
    {
      areas: lads.map((l) => l.code),
      ages: AGES,
      horizon,
      replicates,
      seed,
      baseYear: BASE_YEAR,
      parameters: POPULATION_PARAMETERS,
      fields: FIELDS.map(([name, length]) => ({ name, length })),
      recordLength,
      checkCells,
    },
    null,
    1,
  ),
);
console.log(`wrote ${lads.length} areas × ${replicates} replicates to ${dir}`);
