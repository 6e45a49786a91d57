/**
 * Runs a scenario's plan and its baseline on the same replicates (common random numbers) and
 * assesses every target in both.
 */
import { InputError } from '../../engine/errors.js';
import { runScenario, type RunScenarioOptions, type ScenarioResult } from '../run-scenario.js';
import { baselineOf } from '../scenario/baseline.js';
import type { ValidatedScenario } from '../scenario/schema.js';
import type { Plan } from './schema.js';
import { assessTargets, planDerivation, type TargetAssessment } from './model.js';

/** A plan's assessment and the run behind it. */
export interface TargetsResult {
  readonly plan: Plan;
  readonly result: ScenarioResult;
  readonly assessments: readonly TargetAssessment[];
}

/** The plan of `scenario`, or an input error saying that it has none. */
export function planOf(scenario: ValidatedScenario, source: string): Plan {
  if (!scenario.plan)
    throw new InputError(
      `${source}: expected a plan block (plan: {outcomes: [...]}) with the outcomes and their targets, found none`,
    );
  return scenario.plan;
}

/**
 * Runs `scenario` (and, unless `withBaseline` is false, its baseline on the same seed) and
 * assesses its plan's targets from what each replicate gives as it streams; `keepValues` keeps
 * the plan run's replicate values too (for callers that need more of them, as the scorecard).
 */
export async function runTargets(
  scenario: ValidatedScenario,
  source: string,
  options: Omit<RunScenarioOptions, 'keepValues' | 'outPath' | 'derive'>,
  withBaseline = true,
  keepValues = false,
): Promise<TargetsResult> {
  const plan = planOf(scenario, source);
  const derive = planDerivation(plan, scenario.baseYear);
  const result = await runScenario(scenario, {
    ...options,
    derive,
    ...(keepValues ? { keepValues } : {}),
  });
  const baseline = withBaseline
    ? await runScenario(baselineOf(scenario), { ...options, derive })
    : undefined;
  return {
    plan,
    result,
    assessments: assessTargets(plan, scenario.baseYear, result.summaries, baseline?.summaries),
  };
}
