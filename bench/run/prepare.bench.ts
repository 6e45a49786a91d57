/**
 * Preparing the full chain's stages (issue 14, part 3): what a thread does for each area before
 * any of its replicates run (models/chain/simulation.ts `createSimulation`: population; the 21
 * registers with their 64 pinned curve draws each; demand by 12 settings; outcomes with its
 * deciles' calibration), for every English local authority, in-process. A thread hashes each
 * stream name once, so after the first iteration this times the preparing without the hashing.
 */
import type { Bench } from 'tinybench';
import { loadReferenceData } from '../../engine/io/reference-data.js';
import { areaRegistry } from '../../models/areas/registry.js';
import { createSimulation } from '../../models/chain/simulation.js';
import { chainPayload, scenarioAreas } from '../../models/run-scenario.js';
import { parseScenario } from '../../models/scenario/schema.js';
import { check } from '../data.js';

/** Adds the task that prepares every local authority's full chain to `bench`. */
export function prepareBenches(bench: Bench): void {
  const scenario = parseScenario(
    { name: 'bench', model: 'outcomes', area: 'all', replicates: 1, horizon: 5 },
    'benchmark prepare',
  );
  const payloads = scenarioAreas(scenario, areaRegistry(loadReferenceData())).map((area) =>
    chainPayload(scenario, area),
  );
  bench.add(`outcomes: prepare every local authority's stages (${payloads.length} areas)`, () => {
    let cells = 0;
    for (const payload of payloads) cells += createSimulation(payload).cells.length;
    check(payloads.length >= 290 && cells >= 600 * payloads.length, `prepare (${cells} cells)`);
  });
}
