/**
 * The base-year capacity check: a plan's stated capacity that is short of the capacity its own
 * base year already requires is more likely a mismatch between the national activity rates and
 * the area than a shortfall to come. When a shortfall is more likely than not in the base year
 * (mean of `p_shortfall_<r>` above one half, i.e. the stated capacity is below the median
 * required), the run says so first and points to `demand.observed`, which rescales a setting's
 * rates to the area's own base-year activity.
 */
import type { CellSummary } from '../../engine/run/summary.js';
import type { CellSpec } from '../population/model.js';
import { RESOURCES, type Resource } from './model.js';
import type { Setting } from './types.js';

/** A shortfall is "more likely than not" above this base-year probability. */
const MORE_LIKELY_THAN_NOT = 0.5;

/** Summary column positions (engine/run/summary.ts SUMMARY_STATS order). */
const MEAN = 0;
const P10 = 2;
const P90 = 4;

/** The settings whose observed base-year activity calibrates each resource's requirement. */
export const CALIBRATING_SETTINGS: Readonly<Record<Resource, readonly Setting[]>> = {
  beds: ['nel_bed_days', 'el_bed_days'],
  theatre_sessions: ['el_admissions', 'daycase_admissions'],
  clinic_sessions: ['op_first', 'op_followup', 'op_procedures'],
  gp_wte: ['gp_appointments'],
};

/** One area's summary as a run returns it (engine/run AreaSummary has this shape). */
export interface AreaCells {
  readonly area: string;
  readonly cells: readonly CellSpec[];
  readonly summary: CellSummary;
}

/** A resource whose stated capacity falls short already in the base year. */
export interface BaseYearShortfall {
  readonly area: string;
  readonly resource: Resource;
  readonly year: number;
  /** Capacity the scenario states for the base year. */
  readonly capacity: number;
  /** Required capacity in the base year: mean and 80 % interval over replicates. */
  readonly requiredMean: number;
  readonly requiredP10: number;
  readonly requiredP90: number;
  /** Share of replicates short of capacity in the base year. */
  readonly probability: number;
  /** Whether the stated capacity is below the whole 80 % interval of the requirement. */
  readonly beyondInterval: boolean;
  /** One-line message for the top of the run's output. */
  readonly message: string;
}

/** Statistic `column` of cell `cell` (NaN where absent). */
function stat(summary: CellSummary, column: number, cell: number): number {
  return summary.stats[column]?.[cell] ?? NaN;
}

/** "1234567.8" → "1,234,568" (locale-independent). */
function whole(x: number): string {
  return Math.round(x)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The resources of each area whose stated capacity is short in the base year more likely than
 * not, with a message naming the area, the figures and the `demand.observed` settings that
 * calibrate the requirement. Areas or resources without capacity cells give nothing.
 * @param areas - the run's per-area summaries (cells and their statistics)
 * @param baseYear - the run's base year
 */
export function baseYearShortfalls(
  areas: readonly AreaCells[],
  baseYear: number,
): BaseYearShortfall[] {
  const out: BaseYearShortfall[] = [];
  for (const { area, cells, summary } of areas) {
    const at = new Map<string, number>();
    cells.forEach((c, i) => {
      if (c.year === baseYear) at.set(c.metric, i);
    });
    for (const resource of RESOURCES) {
      const p = at.get(`p_shortfall_${resource}`);
      const cap = at.get(`capacity_${resource}`);
      const req = at.get(resource === 'gp_wte' ? 'gp_wte_required' : `${resource}_required`);
      if (p === undefined || cap === undefined || req === undefined) continue;
      const probability = stat(summary, MEAN, p);
      if (!(probability > MORE_LIKELY_THAN_NOT)) continue;
      const capacity = stat(summary, MEAN, cap);
      const requiredMean = stat(summary, MEAN, req);
      const requiredP10 = stat(summary, P10, req);
      const requiredP90 = stat(summary, P90, req);
      const beyondInterval = capacity < requiredP10;
      const settings = CALIBRATING_SETTINGS[resource];
      const example = `demand: { observed: { ${settings[0] ?? ''}: … } }`;
      out.push({
        area,
        resource,
        year: baseYear,
        capacity,
        requiredMean,
        requiredP10,
        requiredP90,
        probability,
        beyondInterval,
        message: `${area}: the stated ${resource} capacity (${whole(capacity)}) is below what the base year ${baseYear} itself requires (${whole(requiredMean)}, 80 % interval ${whole(requiredP10)}-${whole(requiredP90)}; shortfall in ${Math.round(probability * 100)} % of replicates${beyondInterval ? ', below the whole interval' : ''}): the national rates likely misfit this area. State its own base-year activity in demand.observed (${settings.join(', ')}; e.g. ${example}) or check the capacity.`,
      });
    }
  }
  return out;
}
