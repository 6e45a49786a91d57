/**
 * The header of a run: in one or two lines, what is being run (areas, base year, horizon,
 * replicates, seed) and the plan in force (interventions, levers, capacity) or that it is a
 * baseline. No maths.
 */
import type { ScenarioResult } from '../models/run-scenario.js';
import { describeDistribution } from './describe-distribution.js';
import { formatNumber } from './format.js';
import { runsModel } from '../models/registry/models.js';

/** What the plan of a run puts in force, or "baseline: no interventions, levers or capacity". */
export function describePlan(result: ScenarioResult): string {
  const s = result.scenario;
  const parts: string[] = [];
  const interventions = s.model === 'population' ? [] : s.prevalence.interventions;
  if (interventions.length > 0)
    parts.push(
      `interventions: ${interventions
        .map(
          (i) =>
            `${i.name} (${i.condition} ${i.actsOn}, effect ${describeDistribution(i.effect)}, from ${i.startYear}${i.deciles.length > 0 ? `, deciles ${i.deciles.join(',')}` : ''})`,
        )
        .join('; ')}`,
    );
  const levers = runsModel(s.model, 'demand') ? s.demand.levers : [];
  if (levers.length > 0)
    parts.push(
      `levers: ${levers
        .map((l) => {
          const what =
            l.kind === 'shift'
              ? `shift ${l.setting ?? ''} → ${l.to ?? ''}`
              : l.kind === 'capacity'
                ? `capacity ${l.resource ?? ''}`
                : `${l.kind} ${l.setting ?? ''}`;
          return `${l.name} (${what}, effect ${describeDistribution(l.effect)}, from ${l.startYear})`;
        })
        .join('; ')}`,
    );
  if (runsModel(s.model, 'demand')) {
    const capacities = result.areas
      .map((a) => {
        const c = result.capacity[a.code] ?? {};
        const stated = Object.entries(c)
          .filter((e): e is [string, number] => e[1] !== undefined)
          .map(([r, v]) => `${r} ${formatNumber(v)}`);
        if (stated.length === 0) return '';
        return result.areas.length > 1 ? `${a.code} ${stated.join(', ')}` : stated.join(', ');
      })
      .filter((t) => t !== '');
    if (capacities.length > 0) parts.push(`capacity: ${capacities.join('; ')}`);
  }
  return parts.length === 0
    ? 'baseline: no interventions, levers or capacity'
    : `plan: ${parts.join('; ')}`;
}

/** The run header: what is run, then the plan in force. */
export function describeRun(result: ScenarioResult): string {
  const s = result.scenario;
  const n = result.range.to - result.range.from;
  const areas =
    result.areas.length <= 3
      ? result.areas.map((a) => `${a.name} (${a.code})`).join(', ')
      : `${result.areas.length} areas`;
  const slice =
    result.range.from > 0 || result.range.to < s.replicates
      ? ` (replicates ${result.range.from}-${result.range.to - 1})`
      : '';
  return (
    `${s.name}: ${s.model} model, ${areas}, from mid-${s.baseYear} for ${s.horizon} years, ` +
    `${n} replicates${slice}, seed ${s.seed}\n${describePlan(result)}\n`
  );
}
