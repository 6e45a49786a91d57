/**
 * Expressions in scenario files, evaluated by mathjs in a restricted scope: the
 * functions that would let a scenario reach the evaluator itself (`import`, `createUnit`,
 * `evaluate`, `parse`, `compile`, `simplify`, `derivative`, `resolve`) are replaced by ones that
 * throw, and the scope holds only the year and the intervention's own numbers. An expression
 * is evaluated once per year when the scenario is read, never inside the simulation.
 */
import { createRequire } from 'node:module';
import type { FactoryFunctionMap, MathJsInstance } from 'mathjs';
import { InputError, describeValue } from '../../engine/errors.js';

/** Functions that would let a scenario reach the evaluator itself. */
const DISABLED = [
  'import',
  'createUnit',
  'evaluate',
  'parse',
  'compile',
  'simplify',
  'derivative',
  'resolve',
];

let evaluator: MathJsInstance['evaluate'] | undefined;

/**
 * The restricted evaluator, built on first use: mathjs takes about half a second to load, which
 * every command would otherwise pay at start-up whether or not a scenario has an expression.
 */
function restrictedEvaluate(): MathJsInstance['evaluate'] {
  if (evaluator) return evaluator;
  const mathjs = createRequire(import.meta.url)('mathjs') as typeof import('mathjs');
  const math = mathjs.create(mathjs.all as FactoryFunctionMap);
  // Keep the evaluator before the restricted functions are switched off.
  const evaluate = math.evaluate.bind(math);
  const disabled = (name: string) => (): never => {
    throw new Error(`function ${name} is not available in scenario expressions`);
  };
  math.import(Object.fromEntries(DISABLED.map((name) => [name, disabled(name)])), {
    override: true,
  });
  evaluator = evaluate;
  return evaluate;
}

/** The names an effect profile may use. */
export const PROFILE_SCOPE = ['year', 'start', 'base_year', 'horizon', 't'] as const;

/**
 * Evaluates a profile expression — the share of the full effect in each year — for the years
 * from `start` to the end of the run. Scope: `year`, `start` (the start year), `base_year`,
 * `horizon`, and `t` = year − start (0 in the start year).
 * @returns the share by year (0 … 1)
 * @throws InputError naming `where` when the expression does not evaluate to a share in [0, 1]
 */
export function evaluateProfile(
  expression: string,
  start: number,
  baseYear: number,
  horizon: number,
  where: string,
): Record<string, number> {
  const profile: Record<string, number> = {};
  for (let year = start; year <= baseYear + horizon; ++year) {
    let value: unknown;
    try {
      value = restrictedEvaluate()(expression, {
        year,
        start,
        base_year: baseYear,
        horizon,
        t: year - start,
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new InputError(
        `${where}: expected an expression of ${PROFILE_SCOPE.join(', ')} giving a share in [0, 1], found ${describeValue(expression)} (${why})`,
      );
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1)
      throw new InputError(
        `${where}: expected a share in [0, 1] in every year, found ${describeValue(value)} in ${year} from ${describeValue(expression)}`,
      );
    profile[String(year)] = value;
  }
  return profile;
}
