/**
 * Golden runs: every scenario in data/scenarios is run with its own seed and its summary,
 * rounded to 9 significant digits, must match test/golden/<name>.json. A mismatch writes
 * <name>-changed.json beside it (CI keeps it for review); golden files without a scenario fail
 * the build. Update on purpose with `npx vitest run test/golden -u`.
 *
 * What these snapshots are, and are not: each golden file was recorded by wcc itself, so it
 * proves nothing about whether a number is right; it proves that a number has not moved. Any
 * change to a model, its reference data, the random streams or the summary statistics shows up
 * here, and must be explained in the commit that re-records it. Correctness rests on the
 * invariants tested beside each model: people conserved and every year balanced
 * (test/models/population), the same registers by the incidence and the prevalence route and
 * unchanged results for a zero-effect intervention (test/models/prevalence), change
 * attribution that adds up exactly and common random numbers for a zero-effect lever
 * (test/models/demand), byte-identical files whatever the threads or chunks
 * (test/engine/run), and the indicator methods' published known answers (test/engine/stats).
 *
 * What each snapshot protects:
 * - default: the embedded plan `wcc run` runs with no arguments, the whole chain (population →
 *   21 registers → activity by setting → cost → capacity) for Birmingham with an incidence
 *   intervention, a setting-shift lever, stated bed and GP capacity with a change in 2023, and
 *   change attribution: the numbers a first-time user sees, and every model at once.
 * - birmingham-solihull-icb: a named group of two authorities projected as one area over ten
 *   years with sampled migration and fertility assumptions (a range and a PERT): aggregation of
 *   areas, long horizons and assumption sampling in the population model.
 * - hartlepool-prevention: the prevalence model on five conditions with an incidence
 *   intervention in deprivation deciles 1-3 and a detection (case-finding) intervention by age,
 *   with uncertain costs: the illness–death route, targeting by decile and age, and
 *   intervention costs.
 * - north-east-backcast: a region and a unitary authority from an older base year (mid-2015),
 *   population only: base years other than 2020, several areas in one run, and the backcast
 *   that is set against the mid-2020 estimates.
 */
import { readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join, basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../engine/io/paths.js';
import { runScenario } from '../../models/run-scenario.js';
import { parseScenarioText } from '../../models/scenario/schema.js';
import { summaryRows, SUMMARY_COLUMNS } from '../../cli/results.js';

const SCENARIOS = join(packageRoot(), 'data', 'scenarios');
const GOLDEN = join(packageRoot(), 'test', 'golden');
/** Significant digits kept: far above Monte Carlo noise, far below floating-point noise. */
const DIGITS = 9;

const round = (v: unknown): unknown => (typeof v === 'number' ? (Number.isFinite(v) ? Number(v.toPrecision(DIGITS)) : null) : v);

const names = readdirSync(SCENARIOS)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .map((f) => f.replace(/\.(ya?ml|json)$/, ''))
  .sort();

describe('golden runs', () => {
  it.each(names)('%s matches its golden summary', async (name) => {
    const file = readdirSync(SCENARIOS).find((f) => f.replace(/\.(ya?ml|json)$/, '') === name)!;
    const scenario = parseScenarioText(readFileSync(join(SCENARIOS, file), 'utf8'), file);
    const result = await runScenario(scenario, { threads: 2 });
    const rows = summaryRows(result).map((r) => Object.fromEntries(SUMMARY_COLUMNS.map((c) => [c, round(r[c])])));
    const text = `${JSON.stringify({ scenario: name, seed: scenario.seed, replicates: scenario.replicates, summary: rows }, null, 1)}\n`;
    const changed = join(GOLDEN, `${name}-changed.json`);
    rmSync(changed, { force: true });
    try {
      await expect(text).toMatchFileSnapshot(join(GOLDEN, `${name}.json`));
    } catch (error) {
      writeFileSync(changed, text);
      throw error;
    }
  }, 60_000);

  it('has no orphaned golden files', () => {
    const golden = readdirSync(GOLDEN)
      .filter((f) => f.endsWith('.json') && !f.endsWith('-changed.json'))
      .map((f) => basename(f, '.json'));
    expect(golden.filter((g) => !names.includes(g))).toEqual([]);
  });
});
