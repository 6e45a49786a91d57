/**
 * Golden runs: every scenario in data/scenarios is run with its own seed and its summary,
 * rounded to 9 significant digits, must match test/golden/<name>.json. A mismatch writes
 * <name>-changed.json beside it (CI keeps it for review); golden files without a scenario fail
 * the build. Update on purpose with `npx vitest run test/golden -u`.
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
