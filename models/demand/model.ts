/**
 * Demand, cost and capacity: activity by care setting from the replicate's population and
 * registers, unit costs, and the physical capacity that activity needs (DESIGN.md models 3, 4).
 *
 * - Baseline activity of a setting in a year = Σ over ages and national IMD quintiles of the
 *   projected population × the area's quintile mix × the national rate (scaled to England's
 *   2023/24 totals), optionally scaled so the base year matches the area's observed activity.
 * - Condition-driven activity: registered cases beyond what ageing alone implies (secular trend,
 *   prevention, case-finding) × the extra activity per case of each condition and setting.
 * - Levers: avoid a share of a setting's activity, shift a share to another setting with a
 *   conversion ratio, change length of stay, change capacity; each with a start year, ramp,
 *   optional deprivation quintiles and a yearly cost. Bed days follow their admissions.
 * - Capacity: beds = bed days / 365 / occupancy; theatre sessions = elective and day-case
 *   admissions / cases per session; clinic sessions = outpatient attendances / attendances per
 *   session; GP WTE = GP appointments / appointments per WTE-year; against the capacity the
 *   scenario states, the shortfall (required − available) and whether there is one.
 * - Attribution: the change from the base year split into demography (registers frozen at
 *   base-year age rates, no interventions), prevalence trend (no interventions) and
 *   interventions, computed within each replicate so the parts are paired and add up exactly.
 */
import { AGES } from '../../engine/kernels/cohort.js';
import type { ReferenceData } from '../../engine/io/reference-data.js';
import { sample, type Distribution } from '../../engine/rng/distributions.js';
import { createStream } from '../../engine/rng/stream.js';
import { areaPopulation } from '../population/model.js';
import type { AreaSpec, CellSpec, PopulationInputs, PopulationWork } from '../population/model.js';
import { rampAt, type PrevalenceInputs, type PrevalenceWork } from '../prevalence/model.js';
import { QUINTILES, SETTINGS, type DemandReference, type Setting } from './types.js';

/** Capacity resources, in output order. */
export const RESOURCES = ['beds', 'theatre_sessions', 'clinic_sessions', 'gp_wte'] as const;
export type Resource = (typeof RESOURCES)[number];
/** Days in a year, for beds = bed days / 365 / occupancy. */
const DAYS_PER_YEAR = 365;
/** Parts of the change from the base year (attribution). */
export const ATTRIBUTION_PARTS = ['demography', 'trend', 'interventions'] as const;
/** Metrics whose change is attributed: every setting and the total cost. */
export const ATTRIBUTED_METRICS: readonly string[] = [...SETTINGS, 'cost_total'];

/** What a lever does. */
export type LeverKind = 'avoid' | 'shift' | 'los' | 'capacity';

/** A demand lever after validation. */
export interface DemandLever {
  readonly name: string;
  readonly kind: LeverKind;
  /** avoid: the setting; shift: the setting activity leaves; los: nel_bed_days or el_bed_days. */
  readonly setting?: Setting;
  /** shift: the setting receiving the activity. */
  readonly to?: Setting;
  /** shift: units of `to` per unit moved (e.g. 1 follow-up → 1 GP appointment). */
  readonly conversion: number;
  /** capacity: the resource changed. */
  readonly resource?: Resource;
  /** avoid/shift: share 0 … 1; los: relative change of stay −1 … 1; capacity: units added. */
  readonly effect: Distribution;
  readonly startYear: number;
  readonly rampYears: number;
  /** National IMD quintiles reached (1 = most deprived); empty: everyone. */
  readonly quintiles: readonly number[];
  readonly costPerYear: Distribution;
}

/** The demand part of a scenario. */
export interface DemandPlan {
  /** The area's own base-year activity; a setting named has its rates scaled to match it. */
  readonly observed: Partial<Record<Setting, number>>;
  /** Capacity in the base year per resource. */
  readonly capacity: Partial<Record<Resource, number>>;
  /** Planned changes of capacity by resource and year (added from that year on). */
  readonly capacityChanges: Partial<Record<Resource, Readonly<Record<string, number>>>>;
  /** Override of the bed occupancy norm. */
  readonly occupancy?: Distribution;
  /** Cost uplift per year (fraction; fixed 0 keeps 2023/24 prices). */
  readonly costUplift: Distribution;
  readonly levers: readonly DemandLever[];
  /** Output the change attribution cells. */
  readonly attribution: boolean;
}

interface LeverInputs {
  readonly lever: DemandLever;
  readonly index: number;
  /** 1 for the quintiles reached, 0 elsewhere. */
  readonly reach: Float64Array;
  readonly from: number;
  readonly to: number;
  readonly resource: number;
  readonly effectStream: string;
  readonly costStream: string;
}

interface UseInputs {
  readonly condition: number;
  readonly setting: number;
  readonly extraPerCase: Distribution;
  readonly stream: string;
}

/** Everything the demand model needs for one area. */
export interface DemandInputs {
  readonly area: AreaSpec;
  readonly baseYear: number;
  readonly horizon: number;
  /** Area rates by setting, quintile and age: `[(s·5 + q)·91 + a]` (mix × national rate × calibration). */
  readonly rates: Float64Array;
  readonly unitCosts: readonly Distribution[];
  readonly unitCostStreams: readonly string[];
  readonly uses: readonly UseInputs[];
  readonly levers: readonly LeverInputs[];
  readonly costUplift: Distribution;
  readonly norms: readonly [Distribution, Distribution, Distribution, Distribution];
  readonly normStreams: readonly string[];
  readonly upliftStream: string;
  /** Capacity available by resource and year offset before capacity levers (NaN: not stated). */
  readonly capacity: Float64Array;
  readonly attribution: boolean;
  readonly cells: readonly CellSpec[];
  /** Cell index by metric and year offset: `cellOf.get(metric)[j]` (−1: none). */
  readonly cellOf: ReadonlyMap<string, Int32Array>;
}

const S = SETTINGS.length;
const idx = (s: Setting): number => SETTINGS.indexOf(s);
const NEL_ADM = idx('nel_admissions');
const NEL_BED = idx('nel_bed_days');
const EL_ADM = idx('el_admissions');
const EL_BED = idx('el_bed_days');
const DAYCASE = idx('daycase_admissions');
const OP = [idx('op_first'), idx('op_followup'), idx('op_procedures')] as const;
const GP = idx('gp_appointments');

/** The quintile mix of `members`: their own mixes weighted by their population in `year`. */
function quintileMix(
  data: ReferenceData,
  reference: DemandReference,
  members: readonly string[],
  year: number,
): Float64Array {
  const mix = new Float64Array(QUINTILES);
  let total = 0;
  for (const code of members) {
    const s = areaPopulation(data, [code]);
    const offset = (year - s.firstYear) * AGES;
    let people = 0;
    for (let a = 0; a < AGES; ++a) people += s.values[offset + a]!;
    const shares = reference.quintileShares[code] ?? [];
    for (let q = 0; q < QUINTILES; ++q) mix[q] = mix[q]! + people * (shares[q] ?? 0);
    total += people;
  }
  for (let q = 0; q < QUINTILES; ++q) mix[q] = mix[q]! / total;
  return mix;
}

let scaleCache: { reference: DemandReference; scale: Float64Array } | undefined;

/**
 * Per-setting factors that make England's activity in the scaling year equal the national
 * total exactly under this model's quintile mix (the reference rates were scaled with the
 * national mix of the source tables, which an England built from its local authorities' LSOA
 * mixes misses by up to about 0.5 %).
 */
export function nationalScale(data: ReferenceData, reference: DemandReference): Float64Array {
  if (scaleCache?.reference === reference) return scaleCache.scale;
  const lads = data.areas.filter((a) => a.kind === 'lad').map((a) => a.code);
  const year = reference.settings[0]?.scalingPopulationYear ?? 2020;
  const mix = quintileMix(data, reference, lads, year);
  const pop = areaPopulation(data, lads);
  const offset = (year - pop.firstYear) * AGES;
  const scale = new Float64Array(S);
  SETTINGS.forEach((setting, s) => {
    const ref = reference.settings.find((r) => r.setting === setting);
    if (!ref) throw new Error(`demand reference: no setting ${setting}`);
    let modelled = 0;
    for (let q = 0; q < QUINTILES; ++q)
      for (let a = 0; a < AGES; ++a)
        modelled += pop.values[offset + a]! * mix[q]! * (ref.rates[q * AGES + a] ?? 0);
    scale[s] = modelled > 0 ? ref.englandTotal / modelled : 1;
  });
  scaleCache = { reference, scale };
  return scale;
}

/**
 * Prepares the demand inputs of an area (deterministic).
 * @param cellOffset - cells written by the models before this one
 */
export function prepareDemand(
  data: ReferenceData,
  reference: DemandReference,
  population: PopulationInputs,
  prevalence: PrevalenceInputs,
  plan: DemandPlan,
  cellOffset: number,
): DemandInputs {
  const { area, baseYear, horizon } = population;
  // The area's quintile mix: its local authorities' mixes weighted by base-year population.
  const mix = quintileMix(data, reference, area.members, baseYear);
  const scale = nationalScale(data, reference);

  const rates = new Float64Array(S * QUINTILES * AGES);
  const base = population.basePop;
  const unitCosts: Distribution[] = [];
  SETTINGS.forEach((setting, s) => {
    const ref = reference.settings.find((r) => r.setting === setting);
    if (!ref) throw new Error(`demand reference: no setting ${setting}`);
    let modelled = 0;
    for (let q = 0; q < QUINTILES; ++q)
      for (let a = 0; a < AGES; ++a) {
        const r = scale[s]! * mix[q]! * (ref.rates[q * AGES + a] ?? 0);
        rates[(s * QUINTILES + q) * AGES + a] = r;
        modelled += base[a]! * r;
      }
    const observed = plan.observed[setting];
    if (observed !== undefined && modelled > 0) {
      const k = observed / modelled;
      for (let i = s * QUINTILES * AGES; i < (s + 1) * QUINTILES * AGES; ++i)
        rates[i] = rates[i]! * k;
    }
    unitCosts.push(ref.unitCost.distribution);
  });

  const conditionIndex = new Map(prevalence.conditions.map((c, i) => [c.code as string, i]));
  const uses: UseInputs[] = [];
  for (const u of reference.conditionUse) {
    const c = conditionIndex.get(u.condition);
    if (c === undefined) continue;
    uses.push({
      condition: c,
      setting: idx(u.setting),
      extraPerCase: u.extraPerCase.distribution,
      stream: `${area.code}/demand/use/${u.condition}/${u.setting}`,
    });
  }
  const levers: LeverInputs[] = plan.levers.map((lever, index) => ({
    lever,
    index,
    reach: Float64Array.from({ length: QUINTILES }, (_, q) =>
      lever.quintiles.length === 0 || lever.quintiles.includes(q + 1) ? 1 : 0,
    ),
    from: lever.setting ? idx(lever.setting) : -1,
    to: lever.to ? idx(lever.to) : -1,
    resource: lever.resource ? RESOURCES.indexOf(lever.resource) : -1,
    effectStream: `${area.code}/lever/${lever.name}/effect`,
    costStream: `${area.code}/lever/${lever.name}/cost`,
  }));

  const capacity = new Float64Array(RESOURCES.length * (horizon + 1)).fill(NaN);
  RESOURCES.forEach((resource, r) => {
    const start = plan.capacity[resource];
    if (start === undefined) return;
    const changes = plan.capacityChanges[resource] ?? {};
    let level = start;
    for (let j = 0; j <= horizon; ++j) {
      level += changes[String(baseYear + j)] ?? 0;
      capacity[r * (horizon + 1) + j] = level;
    }
  });

  const cells: CellSpec[] = [];
  const cellOf = new Map<string, Int32Array>();
  const addCell = (metric: string, fromYear = 0): void => {
    const at = new Int32Array(horizon + 1).fill(-1);
    for (let j = fromYear; j <= horizon; ++j) {
      at[j] = cellOffset + cells.length;
      cells.push({ year: baseYear + j, metric });
    }
    cellOf.set(metric, at);
  };
  for (const s of SETTINGS) addCell(s);
  for (const s of SETTINGS) addCell(`cost_${s}`);
  addCell('cost_total');
  for (const m of [
    'beds_required',
    'theatre_sessions_required',
    'clinic_sessions_required',
    'gp_wte_required',
  ])
    addCell(m);
  RESOURCES.forEach((resource) => {
    if (plan.capacity[resource] === undefined && !levers.some((l) => l.lever.resource === resource))
      return;
    addCell(`capacity_${resource}`);
    addCell(`shortfall_${resource}`);
    addCell(`p_shortfall_${resource}`);
  });
  if (levers.length > 0) addCell('lever_cost', 1);
  if (plan.attribution)
    for (const m of ATTRIBUTED_METRICS)
      for (const part of ATTRIBUTION_PARTS) addCell(`change_${m}_${part}`, 1);

  return {
    area,
    baseYear,
    horizon,
    rates,
    unitCosts,
    unitCostStreams: SETTINGS.map((s) => `${area.code}/demand/unit_cost/${s}`),
    uses,
    levers,
    costUplift: plan.costUplift,
    norms: [
      plan.occupancy ?? reference.capacity.bedOccupancy.distribution,
      reference.capacity.casesPerTheatreSession.distribution,
      reference.capacity.attendancesPerClinicSession.distribution,
      reference.capacity.gpAppointmentsPerWteYear.distribution,
    ],
    normStreams: [
      'occupancy',
      'cases_per_session',
      'attendances_per_session',
      'appointments_per_wte',
    ].map((n) => `${area.code}/demand/${n}`),
    upliftStream: `${area.code}/demand/cost_uplift`,
    capacity,
    attribution: plan.attribution,
    cells,
    cellOf,
  };
}

/** Working buffers of the demand model (one set per thread and area). */
export interface DemandWork {
  /** Activity by setting and quintile of the year being computed. */
  readonly activity: Float64Array;
  /** Base activity by setting and quintile (population × rates) of the year being computed. */
  readonly baseline: Float64Array;
  /** Totals by variant (0 demography, 1 trend, 2 full), year and setting, plus total cost. */
  readonly totals: Float64Array;
  readonly unitCost: Float64Array;
  readonly use: Float64Array;
  readonly effects: Float64Array;
  readonly costs: Float64Array;
  readonly nelBefore: Float64Array;
  readonly elBefore: Float64Array;
  /** Length-of-stay factors by quintile: non-elective, then elective. */
  readonly losFactor: Float64Array;
}

/** Allocates the demand model's working buffers. */
export function demandWork(inputs: DemandInputs): DemandWork {
  return {
    activity: new Float64Array(S * QUINTILES),
    baseline: new Float64Array(S * QUINTILES),
    totals: new Float64Array(3 * (inputs.horizon + 1) * (S + 1)),
    unitCost: new Float64Array(S),
    use: new Float64Array(inputs.uses.length),
    effects: new Float64Array(inputs.levers.length),
    costs: new Float64Array(inputs.levers.length),
    nelBefore: new Float64Array(QUINTILES),
    elBefore: new Float64Array(QUINTILES),
    losFactor: new Float64Array(2 * QUINTILES),
  };
}

function draw(d: Distribution, seed: number, replicate: number, name: string): number {
  return sample(d, createStream(seed, replicate, name));
}

/**
 * Applies the levers active in `year` to `activity` (setting × quintile), in the order given:
 * avoid removes a share; shift moves a share to another setting × conversion; los scales bed
 * days. Bed days follow their admissions.
 */
function applyLevers(inputs: DemandInputs, work: DemandWork, year: number): void {
  const { activity: a, nelBefore, elBefore, losFactor } = work;
  losFactor.fill(1);
  for (let q = 0; q < QUINTILES; ++q) {
    nelBefore[q] = a[NEL_ADM * QUINTILES + q]!;
    elBefore[q] = a[EL_ADM * QUINTILES + q]!;
  }
  for (const l of inputs.levers) {
    const share = work.effects[l.index]! * rampAt(l.lever, year);
    if (share === 0 || l.lever.kind === 'capacity') continue;
    for (let q = 0; q < QUINTILES; ++q) {
      if (l.reach[q] === 0) continue;
      if (l.lever.kind === 'los') {
        const which = l.from === NEL_BED ? 0 : 1;
        losFactor[which * QUINTILES + q] = losFactor[which * QUINTILES + q]! * (1 + share);
        continue;
      }
      const moved = a[l.from * QUINTILES + q]! * share;
      a[l.from * QUINTILES + q] = a[l.from * QUINTILES + q]! - moved;
      if (l.lever.kind === 'shift')
        a[l.to * QUINTILES + q] = a[l.to * QUINTILES + q]! + moved * l.lever.conversion;
    }
  }
  for (let q = 0; q < QUINTILES; ++q) {
    const nel = nelBefore[q]! > 0 ? a[NEL_ADM * QUINTILES + q]! / nelBefore[q]! : 1;
    const el = elBefore[q]! > 0 ? a[EL_ADM * QUINTILES + q]! / elBefore[q]! : 1;
    a[NEL_BED * QUINTILES + q] = a[NEL_BED * QUINTILES + q]! * nel * losFactor[q]!;
    a[EL_BED * QUINTILES + q] = a[EL_BED * QUINTILES + q]! * el * losFactor[QUINTILES + q]!;
  }
}

/**
 * Simulates replicate `replicate` of the demand model on the population and prevalence
 * replicates just computed, writing cells into `out` from `offset`.
 */
export function simulateDemand(
  inputs: DemandInputs,
  popWork: PopulationWork,
  prevWork: PrevalenceWork,
  seed: number,
  replicate: number,
  work: DemandWork,
  out: Float64Array,
  offset: number,
): void {
  const { horizon, baseYear, rates } = inputs;
  const years = horizon + 1;
  const traj = popWork.trajectory;
  const { activity, baseline, totals, unitCost, use, effects, costs } = work;
  for (let s = 0; s < S; ++s)
    unitCost[s] = draw(inputs.unitCosts[s]!, seed, replicate, inputs.unitCostStreams[s]!);
  inputs.uses.forEach((u, i) => (use[i] = draw(u.extraPerCase, seed, replicate, u.stream)));
  for (const l of inputs.levers) {
    effects[l.index] = draw(l.lever.effect, seed, replicate, l.effectStream);
    costs[l.index] = draw(l.lever.costPerYear, seed, replicate, l.costStream);
  }
  const norms = inputs.norms.map((d, i) => draw(d, seed, replicate, inputs.normStreams[i]!));
  const uplift = draw(inputs.costUplift, seed, replicate, inputs.upliftStream);
  const registers = [prevWork.demoRegisters, prevWork.baseRegisters, prevWork.registers] as const;
  const variants = inputs.attribution ? [0, 1, 2] : [2];
  const conditionsYears = years;

  for (let j = 0; j < years; ++j) {
    // Base activity by setting and quintile: Σ_a population × area rate.
    for (let s = 0; s < S; ++s)
      for (let q = 0; q < QUINTILES; ++q) {
        let sum = 0;
        const r0 = (s * QUINTILES + q) * AGES;
        for (let a = 0; a < AGES; ++a) sum += traj[j * AGES + a]! * rates[r0 + a]!;
        baseline[s * QUINTILES + q] = sum;
      }
    const priceIndex = Math.pow(1 + uplift, j);
    for (const v of variants) {
      activity.set(baseline);
      // Registered cases beyond ageing alone drive extra activity, shared over quintiles as the
      // setting's own activity is.
      if (v > 0)
        inputs.uses.forEach((u, i) => {
          const at = u.condition * conditionsYears + j;
          const extra = use[i]! * (registers[v]![at]! - prevWork.demoRegisters[at]!);
          let all = 0;
          for (let q = 0; q < QUINTILES; ++q) all += baseline[u.setting * QUINTILES + q]!;
          for (let q = 0; q < QUINTILES; ++q) {
            const share = all > 0 ? baseline[u.setting * QUINTILES + q]! / all : 1 / QUINTILES;
            activity[u.setting * QUINTILES + q] =
              activity[u.setting * QUINTILES + q]! + extra * share;
          }
        });
      if (v === 2) applyLevers(inputs, work, baseYear + j);
      let cost = 0;
      const t0 = (v * years + j) * (S + 1);
      for (let s = 0; s < S; ++s) {
        let sum = 0;
        for (let q = 0; q < QUINTILES; ++q) sum += activity[s * QUINTILES + q]!;
        totals[t0 + s] = sum;
        cost += sum * unitCost[s]! * priceIndex;
      }
      totals[t0 + S] = cost;
    }
    // Outputs of the full variant.
    const t0 = (2 * years + j) * (S + 1);
    const put = (metric: string, value: number): void => {
      const at = inputs.cellOf.get(metric)?.[j] ?? -1;
      if (at >= 0) out[offset + at] = value;
    };
    for (let s = 0; s < S; ++s) {
      put(SETTINGS[s]!, totals[t0 + s]!);
      put(`cost_${SETTINGS[s]!}`, totals[t0 + s]! * unitCost[s]! * priceIndex);
    }
    put('cost_total', totals[t0 + S]!);
    const required = [
      (totals[t0 + NEL_BED]! + totals[t0 + EL_BED]!) / DAYS_PER_YEAR / norms[0]!,
      (totals[t0 + EL_ADM]! + totals[t0 + DAYCASE]!) / norms[1]!,
      (totals[t0 + OP[0]]! + totals[t0 + OP[1]]! + totals[t0 + OP[2]]!) / norms[2]!,
      totals[t0 + GP]! / norms[3]!,
    ];
    put('beds_required', required[0]!);
    put('theatre_sessions_required', required[1]!);
    put('clinic_sessions_required', required[2]!);
    put('gp_wte_required', required[3]!);
    RESOURCES.forEach((resource, r) => {
      let available = inputs.capacity[r * years + j]!;
      for (const l of inputs.levers)
        if (l.resource === r)
          available =
            (Number.isNaN(available) ? 0 : available) +
            effects[l.index]! * rampAt(l.lever, baseYear + j);
      put(`capacity_${resource}`, available);
      const shortfall = required[r]! - available;
      put(`shortfall_${resource}`, shortfall);
      put(`p_shortfall_${resource}`, shortfall > 0 ? 1 : 0);
    });
    if (j > 0) {
      let leverCost = 0;
      for (const l of inputs.levers)
        if (baseYear + j >= l.lever.startYear) leverCost += costs[l.index]!;
      put('lever_cost', leverCost);
      if (inputs.attribution)
        ATTRIBUTED_METRICS.forEach((metric, m) => {
          const at = (v: number, y: number): number => totals[(v * years + y) * (S + 1) + m]!;
          const start = at(2, 0);
          put(`change_${metric}_demography`, at(0, j) - start);
          put(`change_${metric}_trend`, at(1, j) - at(0, j));
          put(`change_${metric}_interventions`, at(2, j) - at(1, j));
        });
    }
  }
}
