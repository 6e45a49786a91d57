/**
 * Demand, cost and capacity: activity by care setting from the replicate's population and
 * registers, unit costs, and the physical capacity that activity needs (beds, theatre and clinic
 * sessions, GP WTE).
 *
 * - Baseline activity of a setting in a year = Σ over ages and national IMD quintiles of the
 *   projected population × the area's quintile mix × the national rate (scaled to England's
 *   2023/24 totals), optionally scaled so the base year matches the area's observed activity.
 * - Condition-driven activity: registered cases beyond what ageing alone implies (secular trend,
 *   prevention, case-finding) × the extra activity per case of each condition and setting, plus
 *   a first-year workload per newly registered case (the year's increase of those cases), and
 *   their medicines cost (cost_extra_medicines, part of cost_services).
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
import { DemandBaselines } from '../../engine/kernels/dot-product-wasm.js';
import type { ReferenceData } from '../../engine/io/reference-data.js';
import {
  prepareDistribution,
  samplePrepared,
  type Distribution,
  type PreparedDistribution,
} from '../../engine/rng/distributions.js';
import { DrawBatch } from '../../engine/rng/draw-batch.js';
import { reuseStream, streamName, type StreamName } from '../../engine/rng/stream.js';
import { areaPopulation, memberPopulation } from '../population/model.js';
import type { AreaSpec, CellSpec, PopulationInputs, PopulationWork } from '../population/model.js';
import { rampAt, type PrevalenceInputs, type PrevalenceWork } from '../prevalence/model.js';
import { QUINTILES, SETTINGS, type DemandReference, type Setting } from './types.js';
import { ATTRIBUTED_METRICS, ATTRIBUTION_PARTS, RESOURCE_METRICS } from '../registry/metrics.js';

/** Capacity resources, in output order. */
export const RESOURCES = ['beds', 'theatre_sessions', 'clinic_sessions', 'gp_wte'] as const;
export type Resource = (typeof RESOURCES)[number];
/** Days in a year, for beds = bed days / 365 / occupancy. */
const DAYS_PER_YEAR = 365;
/** Parts of the change from the base year (attribution). */
export { ATTRIBUTED_METRICS, ATTRIBUTION_PARTS };

/** What a lever does. */
export type LeverKind = 'avoid' | 'surge' | 'shift' | 'los' | 'capacity';

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
  /** avoid/shift: share 0 … 1; surge: share added (≥ 0); los: relative change of stay −1 … 1; capacity: units added. */
  readonly effect: Distribution;
  readonly startYear: number;
  readonly rampYears: number;
  /** Share of the full effect by year (from a scenario expression), instead of the ramp. */
  readonly profile?: Readonly<Record<string, number>>;
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
  /** The lever's effect and yearly cost, prepared for sampling. */
  readonly effect: PreparedDistribution;
  readonly cost: PreparedDistribution;
  readonly effectStream: StreamName;
  readonly costStream: StreamName;
}

interface UseInputs {
  readonly condition: number;
  readonly setting: number;
  /** true: per newly registered case in its first year; false: per registered case a year. */
  readonly perNewCase: boolean;
  /**
   * Whether cases registered by case-finding count (GP appointments): people found by
   * case-finding already had their condition and the hospital, community and mental-health
   * care it brings; being registered adds reviews, tests and medicines, not those.
   */
  readonly detectedCount: boolean;
  readonly extraPerCase: PreparedDistribution;
  readonly stream: StreamName;
}

/** Uncertain admissions per NCC episode of a setting: the replicate scales its activity by draw / mode. */
interface VolumeInputs {
  readonly distribution: PreparedDistribution;
  readonly mode: number;
  readonly stream: StreamName;
}

interface TreatmentInputs {
  readonly condition: number;
  readonly perCase: PreparedDistribution;
  readonly stream: StreamName;
}

/** Everything the demand model needs for one area. */
export interface DemandInputs {
  readonly area: AreaSpec;
  readonly baseYear: number;
  readonly horizon: number;
  /**
   * Quintiles kept apart: 5 when a lever reaches only some quintiles, else 1 (the rates summed
   * over quintiles, five times less work).
   */
  readonly quintiles: number;
  /** Area rates by setting, quintile and age: `[(s·quintiles + q)·91 + a]` (mix × national rate × calibration). */
  readonly rates: Float64Array;
  /** Uncertain values, prepared for sampling (`prepareDistribution`) once per area. */
  readonly unitCosts: readonly PreparedDistribution[];
  readonly unitCostStreams: readonly StreamName[];
  /**
   * By setting: the uncertain admissions-per-episode ratio (admitted settings not calibrated
   * by `demand.observed`), or null. The unit cost per admission moves inversely, so the cost of
   * the NCC episodes is kept.
   */
  readonly volumes: readonly (VolumeInputs | null)[];
  /**
   * Uses of care by condition, grouped by setting (in `SETTINGS` order; within a setting, in
   * the reference's order, the order their extra activity is added in).
   */
  readonly uses: readonly UseInputs[];
  /** The uses of setting s are `uses[settingUses[s]]` … `uses[settingUses[s + 1] − 1]`. */
  readonly settingUses: Int32Array;
  /** Registers (conditions) the prevalence model projects. */
  readonly conditions: number;
  /**
   * By use: which of its condition's cases drive it, as an index into `DemandWork.cases`
   * (`4·condition + CASES.*`, from `perNewCase` and `detectedCount`).
   */
  readonly useCases: Int32Array;
  /**
   * Cell of the prevalence model's `extra_registered_<C>` (cases found by case-finding) by
   * condition and year offset, `[c·(horizon+1) + j]` (−1: none); read from the replicate's
   * output row, which the prevalence model writes first.
   */
  readonly detectedCells: Int32Array;
  /** Medicines cost per registered case and year, by condition (index into the registers). */
  readonly treatments: readonly TreatmentInputs[];
  readonly levers: readonly LeverInputs[];
  readonly costUplift: PreparedDistribution;
  readonly norms: readonly PreparedDistribution[];
  readonly normStreams: readonly StreamName[];
  readonly upliftStream: StreamName;
  /**
   * The replicate's draws of medicines cost per case (by treatment), extra activity per case
   * (by use), capacity norms (4) and unit costs (by setting), in that order, in one call.
   */
  readonly draws: DrawBatch;
  /** Capacity available by resource and year offset before capacity levers (NaN: not stated). */
  readonly capacity: Float64Array;
  readonly attribution: boolean;
  readonly cells: readonly CellSpec[];
  /** Cell of the prevalence interventions' cost by year offset (−1: none). */
  readonly interventionCostCell: Int32Array;
  /** Cell index by output slot and year offset: `cellAt[slot·(horizon+1) + j]` (−1: none); slots in `SLOT`. */
  readonly cellAt: Int32Array;
}

/**
 * The cases beyond ageing that drive a use of care, kept by condition in `DemandWork.cases`
 * at `4·condition + CASES.*`: registered cases; the same less those found by case-finding (in
 * the full variant); and for each, the year's increase (first-year workload, never negative).
 */
const CASES = { registered: 0, notDetected: 1, newRegistered: 2, newNotDetected: 3 } as const;

/** Output slots of the demand model (positions in `cellAt`). */
const SLOT = {
  setting: 0, // + setting index
  cost: SETTINGS.length, // + setting index
  costServices: 2 * SETTINGS.length,
  costProgrammes: 2 * SETTINGS.length + 1,
  costNet: 2 * SETTINGS.length + 2,
  required: 2 * SETTINGS.length + 3, // + resource index
  capacity: 2 * SETTINGS.length + 7, // + 3·resource index: capacity, shortfall, p_shortfall
  leverCost: 2 * SETTINGS.length + 7 + 3 * RESOURCES.length,
  attribution: 2 * SETTINGS.length + 8 + 3 * RESOURCES.length, // + 3·metric + part
} as const;
/** Output slot of the medicines cost (after the attribution slots). */
const TREATMENT_SLOT = SLOT.attribution + 3 * ATTRIBUTED_METRICS.length;
const SLOTS = TREATMENT_SLOT + 1;
/**
 * Metric of the medicines cost of registered cases beyond ageing (£ 2023/24 prices, part of
 * cost_services): Σ over conditions of the cost per case × registered cases beyond ageing.
 */
export const TREATMENT_COST_METRIC = 'cost_extra_medicines';
/** Metric names of the required-capacity slots, by resource. */
const REQUIRED_METRICS = RESOURCE_METRICS.map((r) => r.required);

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
    const s = memberPopulation(data, code);
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

/** `make` of each entry whose condition the run models (with its register index), in order. */
function modelled<T extends { readonly condition: string }, R>(
  entries: readonly T[],
  index: ReadonlyMap<string, number>,
  make: (entry: T, condition: number) => R,
): R[] {
  return entries.flatMap((e) => {
    const c = index.get(e.condition);
    return c === undefined ? [] : [make(e, c)];
  });
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

  const targeted = plan.levers.some(
    (l) => l.quintiles.length > 0 && l.quintiles.length < QUINTILES,
  );
  const Q = targeted ? QUINTILES : 1;
  const rates = new Float64Array(S * Q * AGES);
  const base = population.basePop;
  const unitCosts: PreparedDistribution[] = [];
  const volumes: (VolumeInputs | null)[] = [];
  SETTINGS.forEach((setting, s) => {
    const ref = reference.settings.find((r) => r.setting === setting);
    if (!ref) throw new Error(`demand reference: no setting ${setting}`);
    let modelled = 0;
    for (let q = 0; q < QUINTILES; ++q)
      for (let a = 0; a < AGES; ++a) {
        const r = scale[s]! * mix[q]! * (ref.rates[q * AGES + a] ?? 0);
        const at = (s * Q + (Q === 1 ? 0 : q)) * AGES + a;
        rates[at] = rates[at]! + r;
        modelled += base[a]! * r;
      }
    const observed = plan.observed[setting];
    if (observed !== undefined && modelled > 0) {
      const k = observed / modelled;
      for (let i = s * Q * AGES; i < (s + 1) * Q * AGES; ++i) rates[i] = rates[i]! * k;
    }
    unitCosts.push(prepareDistribution(ref.unitCost.distribution));
    const ratio = ref.spellsPerEpisode?.distribution;
    volumes.push(
      ratio?.dist === 'pert' && observed === undefined
        ? {
            distribution: prepareDistribution(ratio),
            mode: ratio.mode,
            stream: streamName(`${area.code}/demand/spells_per_episode/${setting}`),
          }
        : null,
    );
  });

  const conditionIndex = new Map(prevalence.conditions.map((c, i) => [c.code as string, i]));
  const allUses: UseInputs[] = modelled(reference.conditionUse, conditionIndex, (u, c) => ({
    condition: c,
    setting: idx(u.setting),
    perNewCase: u.perNewCase,
    detectedCount: u.setting === 'gp_appointments',
    extraPerCase: prepareDistribution(u.extraPerCase.distribution),
    stream: streamName(
      `${area.code}/demand/${u.perNewCase ? 'first_year' : 'use'}/${u.condition}/${u.setting}`,
    ),
  }));
  const treatments: TreatmentInputs[] = modelled(
    reference.treatmentCost,
    conditionIndex,
    (t, c) => ({
      condition: c,
      perCase: prepareDistribution(t.perCase.distribution),
      stream: streamName(`${area.code}/demand/treatment/${t.condition}`),
    }),
  );
  // Grouped by setting (a stable sort), so that each setting's extra activity is one running
  // sum over consecutive uses, added in the reference's order as before grouping.
  const uses = allUses.slice().sort((x, y) => x.setting - y.setting);
  const settingUses = new Int32Array(S + 1);
  for (const u of uses) settingUses[u.setting + 1] = settingUses[u.setting + 1]! + 1;
  for (let s = 0; s < S; ++s) settingUses[s + 1] = settingUses[s + 1]! + settingUses[s]!;
  const useCases = Int32Array.from(
    uses,
    (u) =>
      4 * u.condition +
      (u.detectedCount
        ? u.perNewCase
          ? CASES.newRegistered
          : CASES.registered
        : u.perNewCase
          ? CASES.newNotDetected
          : CASES.notDetected),
  );
  const detectedCells = new Int32Array(prevalence.conditions.length * (horizon + 1)).fill(-1);
  prevalence.conditions.forEach((c, k) => detectedCells.set(c.cellExtra, k * (horizon + 1)));
  const levers: LeverInputs[] = plan.levers.map((lever, index) => ({
    lever,
    index,
    reach: Float64Array.from({ length: Q }, (_, q) =>
      Q === 1 || lever.quintiles.length === 0 || lever.quintiles.includes(q + 1) ? 1 : 0,
    ),
    from: lever.setting ? idx(lever.setting) : -1,
    to: lever.to ? idx(lever.to) : -1,
    resource: lever.resource ? RESOURCES.indexOf(lever.resource) : -1,
    effect: prepareDistribution(lever.effect),
    cost: prepareDistribution(lever.costPerYear),
    effectStream: streamName(`${area.code}/lever/${lever.name}/effect`),
    costStream: streamName(`${area.code}/lever/${lever.name}/cost`),
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
  const years = horizon + 1;
  const cellAt = new Int32Array(SLOTS * years).fill(-1);
  const addCell = (slot: number, metric: string, fromYear = 0): void => {
    for (let j = fromYear; j <= horizon; ++j) {
      cellAt[slot * years + j] = cellOffset + cells.length;
      cells.push({ year: baseYear + j, metric });
    }
  };
  SETTINGS.forEach((setting, k) => addCell(SLOT.setting + k, setting));
  SETTINGS.forEach((setting, k) => addCell(SLOT.cost + k, `cost_${setting}`));
  if (treatments.length > 0) addCell(TREATMENT_SLOT, TREATMENT_COST_METRIC);
  addCell(SLOT.costServices, 'cost_services');
  addCell(SLOT.costProgrammes, 'cost_programmes');
  addCell(SLOT.costNet, 'cost_net');
  REQUIRED_METRICS.forEach((m, r) => addCell(SLOT.required + r, m));
  RESOURCES.forEach((resource, r) => {
    if (plan.capacity[resource] === undefined && !levers.some((l) => l.lever.resource === resource))
      return;
    addCell(SLOT.capacity + 3 * r, `capacity_${resource}`);
    addCell(SLOT.capacity + 3 * r + 1, `shortfall_${resource}`);
    addCell(SLOT.capacity + 3 * r + 2, `p_shortfall_${resource}`);
  });
  if (levers.length > 0) addCell(SLOT.leverCost, 'lever_cost', 1);
  if (plan.attribution)
    ATTRIBUTED_METRICS.forEach((m, k) =>
      ATTRIBUTION_PARTS.forEach((part, p) =>
        addCell(SLOT.attribution + 3 * k + p, `change_${m}_${part}`, 1),
      ),
    );

  const unitCostStreams = SETTINGS.map((s) => streamName(`${area.code}/demand/unit_cost/${s}`));
  const norms = [
    plan.occupancy ?? reference.capacity.bedOccupancy.distribution,
    reference.capacity.casesPerTheatreSession.distribution,
    reference.capacity.attendancesPerClinicSession.distribution,
    reference.capacity.gpAppointmentsPerWteYear.distribution,
  ].map(prepareDistribution);
  const normStreams = [
    'occupancy',
    'cases_per_session',
    'attendances_per_session',
    'appointments_per_wte',
  ].map((n) => streamName(`${area.code}/demand/${n}`));
  const draws = new DrawBatch([
    ...treatments.map((t) => ({ distribution: t.perCase, stream: t.stream })),
    ...uses.map((u) => ({ distribution: u.extraPerCase, stream: u.stream })),
    ...norms.map((distribution, r) => ({ distribution, stream: normStreams[r]! })),
    ...unitCosts.map((distribution, s) => ({ distribution, stream: unitCostStreams[s]! })),
  ]);
  return {
    area,
    baseYear,
    horizon,
    quintiles: Q,
    rates,
    unitCosts,
    unitCostStreams,
    volumes,
    uses,
    settingUses,
    conditions: prevalence.conditions.length,
    useCases,
    detectedCells,
    treatments,
    levers,
    costUplift: prepareDistribution(plan.costUplift),
    norms,
    normStreams,
    upliftStream: streamName(`${area.code}/demand/cost_uplift`),
    draws,
    capacity,
    attribution: plan.attribution,
    interventionCostCell: prevalence.cellCost,
    cells,
    cellAt,
  };
}

/** Working buffers of the demand model (one set per thread and area). */
export interface DemandWork {
  /** Activity by setting and quintile of the year being computed. */
  readonly activity: Float64Array;
  /** Base activity by setting and quintile (population × rates) of the year being computed. */
  readonly baseline: Float64Array;
  /** Each quintile's share of its setting's base activity in the year being computed. */
  readonly share: Float64Array;
  /**
   * Cases beyond ageing by condition of the year and variant being computed:
   * `[4·condition + CASES.*]`.
   */
  readonly cases: Float64Array;
  /** Totals by variant (0 demography, 1 trend, 2 full), year and setting, plus total cost. */
  readonly totals: Float64Array;
  /** The replicate's values of `DemandInputs.draws`; `treatment`, `use` and `norms` view it. */
  readonly drawn: Float64Array;
  readonly unitCost: Float64Array;
  /** Activity factor of each setting in the replicate (admissions per episode draw / mode). */
  readonly volume: Float64Array;
  readonly use: Float64Array;
  /** Medicines cost per case of the replicate, by treatment entry. */
  readonly treatment: Float64Array;
  /** Medicines cost by variant of the year being computed. */
  readonly treatmentCost: Float64Array;
  readonly effects: Float64Array;
  readonly costs: Float64Array;
  readonly nelBefore: Float64Array;
  readonly elBefore: Float64Array;
  /** Length-of-stay factors by quintile: non-elective, then elective. */
  readonly losFactor: Float64Array;
  /** Capacity norms of the replicate: occupancy, cases, attendances, appointments. */
  readonly norms: Float64Array;
  /** Capacity required by resource in the year being computed. */
  readonly required: Float64Array;
  /**
   * Base activity of every year of the replicate, in WebAssembly: the thread's instance, shared
   * by the works of its areas (its memory holds the rates of the area that used it last,
   * reloaded on a change of area, and a copy of the replicate's population).
   */
  readonly baselines: DemandBaselines;
}

/** Allocates the demand model's working buffers. */
export function demandWork(inputs: DemandInputs): DemandWork {
  // The replicate's batch of draws (see `DemandInputs.draws`), viewed by part.
  const drawn = new Float64Array(inputs.draws.length);
  const T = inputs.treatments.length;
  const U = inputs.uses.length;
  return {
    drawn,
    activity: new Float64Array(S * QUINTILES),
    baseline: new Float64Array(S * QUINTILES),
    share: new Float64Array(S * QUINTILES),
    cases: new Float64Array(4 * inputs.conditions),
    totals: new Float64Array(3 * (inputs.horizon + 1) * (S + 1)),
    unitCost: new Float64Array(S),
    volume: new Float64Array(S),
    use: drawn.subarray(T, T + U),
    treatment: drawn.subarray(0, T),
    treatmentCost: new Float64Array(3),
    effects: new Float64Array(inputs.levers.length),
    costs: new Float64Array(inputs.levers.length),
    nelBefore: new Float64Array(QUINTILES),
    elBefore: new Float64Array(QUINTILES),
    losFactor: new Float64Array(2 * QUINTILES),
    norms: drawn.subarray(T + U, T + U + 4),
    required: new Float64Array(4),
    baselines: DemandBaselines.shared(inputs.horizon + 1, S * inputs.quintiles, S),
  };
}

function draw(d: PreparedDistribution, seed: number, replicate: number, name: StreamName): number {
  return samplePrepared(d, reuseStream(seed, replicate, name));
}

/**
 * Applies the levers active in `year` to `activity` (setting × quintile), in the order given:
 * avoid removes a share; surge adds a share; shift moves a share to another setting × conversion; los scales bed
 * days. Bed days follow their admissions.
 */
function applyLevers(inputs: DemandInputs, work: DemandWork, year: number): void {
  const Q = inputs.quintiles;
  const { activity: a, nelBefore, elBefore, losFactor, effects } = work;
  losFactor.fill(1);
  for (let q = 0; q < Q; ++q) {
    nelBefore[q] = a[NEL_ADM * Q + q]!;
    elBefore[q] = a[EL_ADM * Q + q]!;
  }
  for (const l of inputs.levers) {
    const share = effects[l.index]! * rampAt(l.lever, year);
    if (share === 0 || l.lever.kind === 'capacity') continue;
    for (let q = 0; q < Q; ++q) {
      if (l.reach[q] === 0) continue;
      if (l.lever.kind === 'los') {
        const which = l.from === NEL_BED ? 0 : 1;
        losFactor[which * Q + q] = losFactor[which * Q + q]! * (1 + share);
        continue;
      }
      if (l.lever.kind === 'surge') {
        a[l.from * Q + q] = a[l.from * Q + q]! * (1 + share);
        continue;
      }
      const moved = a[l.from * Q + q]! * share;
      a[l.from * Q + q] = a[l.from * Q + q]! - moved;
      if (l.lever.kind === 'shift') a[l.to * Q + q] = a[l.to * Q + q]! + moved * l.lever.conversion;
    }
  }
  for (let q = 0; q < Q; ++q) {
    const nel = nelBefore[q]! > 0 ? a[NEL_ADM * Q + q]! / nelBefore[q]! : 1;
    const el = elBefore[q]! > 0 ? a[EL_ADM * Q + q]! / elBefore[q]! : 1;
    a[NEL_BED * Q + q] = a[NEL_BED * Q + q]! * nel * losFactor[q]!;
    a[EL_BED * Q + q] = a[EL_BED * Q + q]! * el * losFactor[Q + q]!;
  }
}

/** Writes `value` into the cell of output slot `slot` in year offset `j`, if the run has it. */
function put(
  inputs: DemandInputs,
  out: Float64Array,
  offset: number,
  slot: number,
  j: number,
  value: number,
): void {
  const at = inputs.cellAt[slot * (inputs.horizon + 1) + j]!;
  if (at >= 0) out[offset + at] = value;
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
  const { horizon, baseYear, rates, uses, treatments, levers, quintiles: Q } = inputs;
  const years = horizon + 1;
  const traj = popWork.trajectory;
  const { activity, baseline, totals, unitCost, use, effects, costs, norms, required } = work;
  const { treatment, treatmentCost, share, cases } = work;
  const { useCases, settingUses, conditions, detectedCells } = inputs;
  inputs.draws.drawInto(seed, replicate, work.drawn);
  const { volume, drawn } = work;
  const unitCostAt = treatments.length + uses.length + 4;
  for (let s = 0; s < S; ++s) {
    const v = inputs.volumes[s];
    // More admissions per episode: more admissions at a lower cost each, the same total.
    volume[s] = v ? draw(v.distribution, seed, replicate, v.stream) / v.mode : 1;
    unitCost[s] = drawn[unitCostAt + s]! / volume[s]!;
  }
  for (const l of levers) {
    effects[l.index] = draw(l.effect, seed, replicate, l.effectStream);
    costs[l.index] = draw(l.cost, seed, replicate, l.costStream);
  }
  const uplift = draw(inputs.costUplift, seed, replicate, inputs.upliftStream);
  const demo = prevWork.demoRegisters;
  const firstVariant = inputs.attribution ? 0 : 2;

  // Base activity by year, setting and quintile: Σ_a population × area rate, times the
  // setting's volume. Readable form (dot-product.ts), for each year j and row sq:
  //   dotProduct(traj, j·AGES, rates, sq·AGES, AGES) · volume[⌊sq / Q⌋]
  // here the same operations in WebAssembly, every year of the replicate in one call.
  const kernel = work.baselines;
  if (kernel.ratesOf !== rates) {
    if (rates.length !== kernel.rates.length)
      throw new RangeError(
        `demand work: buffers for ${kernel.rates.length} rates, inputs of ${rates.length}`,
      );
    kernel.rates.set(rates);
    kernel.ratesOf = rates;
  }
  const kernelTraj = kernel.trajectory;
  kernelTraj.set(traj.length === kernelTraj.length ? traj : traj.subarray(0, kernelTraj.length));
  kernel.volume.set(volume);
  kernel.compute();
  const baselines = kernel.baselines;
  for (let j = 0; j < years; ++j) {
    const b0 = j * S * Q;
    for (let sq = 0; sq < S * Q; ++sq) baseline[sq] = baselines[b0 + sq]!;
    // Each quintile's share of its setting's base activity, which the extra activity of
    // registered cases follows.
    for (let s = 0; s < S; ++s) {
      let all = 0;
      for (let q = 0; q < Q; ++q) all += baseline[s * Q + q]!;
      for (let q = 0; q < Q; ++q) share[s * Q + q] = all > 0 ? baseline[s * Q + q]! / all : 1 / Q;
    }
    const priceIndex = Math.pow(1 + uplift, j);
    for (let v = firstVariant; v < 3; ++v) {
      activity.set(baseline);
      // Registered cases beyond ageing alone drive extra activity, shared over quintiles as
      // the setting's own activity is (variant 0, demography, has none by definition).
      if (v > 0) {
        const registers = v === 1 ? prevWork.baseRegisters : prevWork.registers;
        // By condition: registered cases beyond ageing; less those found by case-finding (full
        // variant); for the first-year workload, the year's increase of each (newly registered
        // cases: case-finding, trend), never a decrease.
        for (let c = 0; c < conditions; ++c) {
          const at = c * years + j;
          const registered = registers[at]! - demo[at]!;
          let notDetected = registered;
          if (v === 2) {
            const cell = detectedCells[at]!;
            notDetected -= cell >= 0 ? out[offset + cell]! : 0;
          }
          cases[4 * c + CASES.registered] = registered;
          cases[4 * c + CASES.notDetected] = notDetected;
          const before = j === 0 ? 0 : registers[at - 1]! - demo[at - 1]!;
          cases[4 * c + CASES.newRegistered] = j === 0 ? 0 : Math.max(0, registered - before);
          cases[4 * c + CASES.newNotDetected] = j === 0 ? 0 : Math.max(0, notDetected - before);
        }
        // Readable form: for each use i with use_i · cases_i ≠ 0, activity[setting_i, q] +=
        // use_i · cases_i · share; here one running sum per setting and quintile over that
        // setting's uses, in the same order, adding the zeros too: x + 0·share is x for every
        // x but −0, and the sum starts at base activity, a sum of products of populations and
        // rates (never −0), with a finite share.
        for (let sq = 0; sq < S * Q; ++sq) {
          const s = Math.floor(sq / Q);
          const sh = share[sq]!;
          let sum = activity[sq]!;
          const end = settingUses[s + 1]!;
          for (let i = settingUses[s]!; i < end; ++i) sum += use[i]! * cases[useCases[i]!]! * sh;
          activity[sq] = sum;
        }
      }
      if (v === 2 && levers.length > 0) applyLevers(inputs, work, baseYear + j);
      // Medicines of the registered cases beyond ageing (none in the demography variant).
      let medicines = 0;
      if (v > 0)
        for (let i = 0; i < treatments.length; ++i)
          medicines += treatment[i]! * cases[4 * treatments[i]!.condition + CASES.registered]!;
      treatmentCost[v] = medicines * priceIndex;
      let cost = treatmentCost[v]!;
      const t0 = (v * years + j) * (S + 1);
      for (let s = 0; s < S; ++s) {
        let sum = 0;
        for (let q = 0; q < Q; ++q) sum += activity[s * Q + q]!;
        totals[t0 + s] = sum;
        cost += sum * unitCost[s]! * priceIndex;
      }
      totals[t0 + S] = cost;
    }
    // Outputs of the full variant.
    const t0 = (2 * years + j) * (S + 1);
    for (let s = 0; s < S; ++s) {
      put(inputs, out, offset, SLOT.setting + s, j, totals[t0 + s]!);
      put(inputs, out, offset, SLOT.cost + s, j, totals[t0 + s]! * unitCost[s]! * priceIndex);
    }
    put(inputs, out, offset, SLOT.costServices, j, totals[t0 + S]!);
    put(inputs, out, offset, TREATMENT_SLOT, j, treatmentCost[2]!);
    required[0] = (totals[t0 + NEL_BED]! + totals[t0 + EL_BED]!) / DAYS_PER_YEAR / norms[0]!;
    required[1] = (totals[t0 + EL_ADM]! + totals[t0 + DAYCASE]!) / norms[1]!;
    required[2] = (totals[t0 + OP[0]]! + totals[t0 + OP[1]]! + totals[t0 + OP[2]]!) / norms[2]!;
    required[3] = totals[t0 + GP]! / norms[3]!;
    for (let r = 0; r < 4; ++r) {
      put(inputs, out, offset, SLOT.required + r, j, required[r]!);
      if (inputs.cellAt[(SLOT.capacity + 3 * r) * years + j]! < 0) continue;
      let available = inputs.capacity[r * years + j]!;
      for (const l of levers)
        if (l.resource === r)
          available =
            (Number.isNaN(available) ? 0 : available) +
            effects[l.index]! * rampAt(l.lever, baseYear + j);
      const shortfall = required[r]! - available;
      put(inputs, out, offset, SLOT.capacity + 3 * r, j, available);
      put(inputs, out, offset, SLOT.capacity + 3 * r + 1, j, shortfall);
      put(inputs, out, offset, SLOT.capacity + 3 * r + 2, j, shortfall > 0 ? 1 : 0);
    }
    // Programme costs: the prevalence interventions' (written already) and the levers'.
    let programmes = 0;
    const interventionCell = inputs.interventionCostCell[j]!;
    if (interventionCell >= 0) programmes += out[offset + interventionCell]!;
    if (j > 0 && levers.length > 0) {
      let leverCost = 0;
      for (const l of levers) if (baseYear + j >= l.lever.startYear) leverCost += costs[l.index]!;
      put(inputs, out, offset, SLOT.leverCost, j, leverCost);
      programmes += leverCost;
    }
    put(inputs, out, offset, SLOT.costProgrammes, j, programmes);
    put(inputs, out, offset, SLOT.costNet, j, totals[t0 + S]! + programmes);
    if (j > 0 && inputs.attribution) {
      const start = 2 * years * (S + 1);
      const d0 = j * (S + 1);
      const d1 = (years + j) * (S + 1);
      // Settings and cost_services, then cost_net: its demography and trend parts are those of
      // services (no programme runs in the variants without interventions); its interventions
      // part adds the programmes' cost to the services saved.
      for (let m = 0; m <= S + 1; ++m) {
        const k = Math.min(m, S);
        const extra = m > S ? programmes : 0;
        const slot = SLOT.attribution + 3 * m;
        // Demography from the full run's base year (all variants agree there), then the steps.
        put(inputs, out, offset, slot, j, totals[d0 + k]! - totals[start + k]!);
        put(inputs, out, offset, slot + 1, j, totals[d1 + k]! - totals[d0 + k]!);
        put(inputs, out, offset, slot + 2, j, totals[t0 + k]! + extra - totals[d1 + k]!);
      }
    }
  }
}

/** The cell (numbered as in the chain's replicate) of a setting's activity in year offset `j`. */
export function activityCell(inputs: DemandInputs, setting: Setting, j: number): number {
  return inputs.cellAt[(SLOT.setting + SETTINGS.indexOf(setting)) * (inputs.horizon + 1) + j]!;
}
