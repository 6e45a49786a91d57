import { describe, expect, it } from 'vitest';
import { summarise, SUMMARY_STATS } from '../../../engine/run/summary.js';
import { baseYearShortfalls, type AreaCells } from '../../../models/demand/base-year-check.js';
import type { DemandPlan } from '../../../models/demand/model.js';
import type { PrevalencePlan } from '../../../models/prevalence/model.js';
import { CONDITIONS } from '../../../models/prevalence/types.js';
import { runChain } from '../run-chain.js';

/** An area whose base-year (2020) and next-year cells have the given means and quantiles. */
function area(
  stats: Record<string, { mean: number; p10?: number; p90?: number; year?: number }>,
): AreaCells {
  const entries = Object.entries(stats);
  const cells = entries.map(([metric, s]) => ({ metric, year: s.year ?? 2020 }));
  const columns = SUMMARY_STATS.map(() => new Float64Array(entries.length));
  entries.forEach(([, s], i) => {
    columns[0]![i] = s.mean;
    columns[2]![i] = s.p10 ?? s.mean;
    columns[4]![i] = s.p90 ?? s.mean;
  });
  return { area: 'E06000052', cells, summary: { cells: entries.length, stats: columns } };
}

describe('base-year capacity check', () => {
  it('flags a stated capacity short of the base year more likely than not, pointing to demand.observed', () => {
    const [s, ...rest] = baseYearShortfalls(
      [
        area({
          p_shortfall_beds: { mean: 0.97 },
          capacity_beds: { mean: 800 },
          beds_required: { mean: 1000, p10: 930, p90: 1070 },
        }),
      ],
      2020,
    );
    expect(rest).toHaveLength(0);
    expect(s).toMatchObject({
      area: 'E06000052',
      resource: 'beds',
      capacity: 800,
      requiredMean: 1000,
      probability: 0.97,
      beyondInterval: true,
    });
    expect(s?.message).toBe(
      'E06000052: the stated beds capacity (800) is below what the base year 2020 itself requires (1,000, 80 % interval 930-1,070; shortfall in 97 % of replicates, below the whole interval): the national rates likely misfit this area. State its own base-year activity in demand.observed (nel_bed_days, el_bed_days; e.g. demand: { observed: { nel_bed_days: … } }) or check the capacity.',
    );
  });

  it('says nothing when a base-year shortfall is not more likely than not, or comes only later', () => {
    const even = area({
      p_shortfall_gp_wte: { mean: 0.5 },
      capacity_gp_wte: { mean: 100 },
      gp_wte_required: { mean: 100, p10: 90, p90: 110 },
    });
    const later = area({
      p_shortfall_beds: { mean: 1, year: 2021 },
      capacity_beds: { mean: 1, year: 2021 },
      beds_required: { mean: 2, year: 2021 },
    });
    const none = area({ beds_required: { mean: 2 } });
    expect(baseYearShortfalls([even, later, none], 2020)).toEqual([]);
  });

  it('names the settings that calibrate each resource, and whether the capacity is inside the interval', () => {
    const [s] = baseYearShortfalls(
      [
        area({
          p_shortfall_gp_wte: { mean: 0.6 },
          capacity_gp_wte: { mean: 98 },
          gp_wte_required: { mean: 100, p10: 90, p90: 110 },
        }),
      ],
      2020,
    );
    expect(s?.beyondInterval).toBe(false);
    expect(s?.message).toContain('demand.observed (gp_appointments;');
    expect(s?.message).not.toContain('below the whole interval');
  });

  it("catches Cornwall's own capacity stated far below its modelled base-year beds", () => {
    const prevalence: PrevalencePlan = {
      conditions: [...CONDITIONS],
      interventions: [],
      assumptions: {},
      route: 'auto',
    };
    const plan = (beds: number): DemandPlan => ({
      observed: {},
      capacity: { beds },
      capacityChanges: {},
      costUplift: { dist: 'fixed', value: 0 },
      levers: [],
      attribution: false,
    });
    const summaryOf = (beds: number): AreaCells => {
      const runs = Array.from({ length: 20 }, (_, r) =>
        runChain('E06000052', { prevalence, demand: plan(beds), replicate: r, seed: 11 }),
      );
      const cells = runs[0]!.cells;
      const values = new Float64Array(runs.length * cells.length);
      runs.forEach((r, i) => values.set(r.out, i * cells.length));
      return { area: 'E06000052', cells, summary: summarise(values, runs.length, cells.length) };
    };
    const required = runChain('E06000052', { prevalence, demand: plan(1), seed: 11 }).get(
      'beds_required',
      2020,
    );
    expect(baseYearShortfalls([summaryOf(Math.round(required * 0.7))], 2020)).toHaveLength(1);
    expect(baseYearShortfalls([summaryOf(Math.round(required * 1.3))], 2020)).toEqual([]);
  });
});
