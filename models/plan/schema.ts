/**
 * The strategic plan in a scenario: up to ten priority outcomes, each a registry metric (or the
 * ratio of two) with a target value in a target year, a direction ("better: higher|lower") and
 * optional yearly milestones, and the P(meet) thresholds of the red / amber / green rating.
 * Life expectancy and health inequality are compulsory, as in the national planning guidance.
 */
import * as z from 'zod';
import { InputError } from '../../engine/errors.js';
import { METRICS } from '../registry/metrics.js';

/** The most outcomes a plan may name. */
export const MAX_OUTCOMES = 10;
/** Default P(meet) thresholds: green at 0.8 and above, amber at 0.5, red below. */
export const DEFAULT_RAG = { green: 0.8, amber: 0.5 } as const;

/** Families of the compulsory outcomes: at least one of each must be in a plan. */
export const COMPULSORY = [
  { what: 'life expectancy', test: (m: string) => /^le_(birth|65)_(male|female)$/.test(m) },
  {
    what: 'health inequality (the SII or gap in life expectancy)',
    test: (m: string) => /^(sii|gap)_le_(male|female)$/.test(m),
  },
] as const;

const yearKey = z.string().regex(/^\d{4}$/, 'expected a year');

/** One outcome as written. */
export const outcomeSchema = z
  .object({
    metric: z
      .string()
      .min(1)
      .describe(
        'a registry metric (wcc metrics), or a ratio of two: "nel_admissions / population_total"',
      ),
    per: z
      .number()
      .positive()
      .optional()
      .describe('a ratio is multiplied by this (e.g. 1000 for a rate per 1,000)'),
    name: z.string().min(1).optional().describe('a label for reports'),
    target: z.number().describe('the value to reach in the target year'),
    year: z.number().int().describe('the target year'),
    better: z.enum(['higher', 'lower']).describe('which direction meets the target'),
    milestones: z
      .record(yearKey, z.number())
      .optional()
      .describe('yearly aspirations on the way, e.g. {2026: 78.9}'),
  })
  .strict();

/** The `plan` block as written. */
export const planSchema = z
  .object({
    outcomes: z.array(outcomeSchema).min(1),
    rag: z
      .object({
        green: z.number().min(0).max(1),
        amber: z.number().min(0).max(1),
      })
      .strict()
      .optional()
      .describe('P(meet) thresholds: green at or above `green`, amber at or above `amber`'),
  })
  .strict()
  .describe(
    'the strategic plan: priority outcomes with targets (life expectancy and inequality compulsory)',
  );

export type PlanInput = z.infer<typeof planSchema>;

/** One outcome after validation. */
export interface PlanOutcome {
  /** What it is called in outputs: its name, else the metric (or ratio) as written. */
  readonly label: string;
  readonly numerator: string;
  /** The denominator metric of a ratio. */
  readonly denominator?: string;
  /** Multiplier of a ratio (1 without one). */
  readonly per: number;
  readonly target: number;
  readonly year: number;
  readonly better: 'higher' | 'lower';
  /** Milestones by year, in year order. */
  readonly milestones: readonly { readonly year: number; readonly value: number }[];
}

/** The plan after validation. */
export interface Plan {
  readonly outcomes: readonly PlanOutcome[];
  readonly rag: { readonly green: number; readonly amber: number };
}

/**
 * Validates a plan block against the run it belongs to.
 * @param produced - every metric the scenario's model produces
 * @throws InputError naming the outcome and field
 */
export function resolvePlan(
  input: PlanInput,
  baseYear: number,
  horizon: number,
  produced: ReadonlySet<string>,
  source: string,
): Plan {
  const fail = (where: string, message: string): never => {
    throw new InputError(`invalid scenario ${source}:\n  plan.${where}: ${message}`);
  };
  if (input.outcomes.length > MAX_OUTCOMES)
    fail('outcomes', `expected at most ${MAX_OUTCOMES} outcomes, found ${input.outcomes.length}`);
  const rag = input.rag ?? DEFAULT_RAG;
  if (rag.amber > rag.green)
    fail('rag', `expected amber ≤ green, found amber ${rag.amber} and green ${rag.green}`);
  const outcomes = input.outcomes.map((o, i): PlanOutcome => {
    const where = `outcomes[${i}]`;
    const parts = o.metric.split('/').map((p) => p.trim());
    if (parts.length > 2 || parts.some((p) => p === ''))
      fail(`${where}.metric`, `expected a metric or "a / b", found "${o.metric}"`);
    for (const m of parts) {
      if (!METRICS.has(m))
        fail(`${where}.metric`, `"${m}" is not a registered metric (\`wcc metrics\` lists them)`);
      if (!produced.has(m))
        fail(
          `${where}.metric`,
          `"${m}" is not produced by this scenario's model (it needs the ${METRICS.get(m)?.model ?? ''} model or later)`,
        );
    }
    if (o.year <= baseYear || o.year > baseYear + horizon)
      fail(
        `${where}.year`,
        `expected a year from ${baseYear + 1} to ${baseYear + horizon}, found ${o.year}`,
      );
    const milestones = Object.entries(o.milestones ?? {})
      .map(([y, value]) => ({ year: Number(y), value }))
      .sort((a, b) => a.year - b.year);
    for (const m of milestones)
      if (m.year <= baseYear || m.year > o.year)
        fail(
          `${where}.milestones.${m.year}`,
          `expected a year from ${baseYear + 1} to the target year ${o.year}`,
        );
    const [numerator = '', denominator] = parts;
    return {
      label: o.name ?? o.metric,
      numerator,
      ...(denominator !== undefined ? { denominator } : {}),
      per: o.per ?? 1,
      target: o.target,
      year: o.year,
      better: o.better,
      milestones,
    };
  });
  for (const c of COMPULSORY)
    if (!outcomes.some((o) => c.test(o.numerator) && o.denominator === undefined))
      fail(
        'outcomes',
        `expected ${c.what} among the outcomes (compulsory in every plan), found none`,
      );
  return { outcomes, rag };
}
