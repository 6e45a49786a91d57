/**
 * The outcomes model's entry in the chain, after demand: each year's period life expectancy at
 * birth and 65 by sex from the replicate's projected death rates, its inequality between the
 * area's deprivation deciles (gap and SII), under-75 mortality, and the health gain of the
 * scenario's prevention and case-finding interventions (deaths averted, life-years gained).
 *
 * - Death rates of year offset j: the population model's rates by sex and age for that year,
 *   times the replicate's mortality factor (the base year at factor 1, so its life expectancy is
 *   the published one the area's level was calibrated to).
 * - Prevention: the year's cases avoided (prevalence model) spread over ages as the condition's
 *   registered cases are (its pinned age curve × the year's population) lose the condition's
 *   excess mortality. Case-finding: people newly found each year (the rise in extra registered
 *   cases) are treated (hypertension: antihypertensives; atrial fibrillation: anticoagulation;
 *   diabetes and CVD risk: statins) with sourced uptake, persistence and relative risk.
 * - Deciles: the PHE decile levels of the area, their spread scaled once so that the base year's
 *   gap between deciles 1 and 10 is the PHE data's on the area's base-year rates
 *   (`calibrateDecileSpread`).
 * - The averted deaths come out of the deciles the interventions reach (national IMD deciles
 *   read as the area's own deprivation deciles: an approximation); unreached deciles keep their
 *   rates, so an intervention in deciles 1-3 narrows the gap and leaves decile 10 unchanged.
 * - Feedback into the population: deaths averted in the year from mid-year j − 1 (at that
 *   year's rates and people) keep people alive to mid-year j, a year older, and those saved
 *   survive later years at the background rates of their age (`stepSaved`). The population's
 *   stocks gain the people saved and its `deaths` lose the net deaths averted (`addSaved`), so
 *   `deaths_averted` of year j, a flow over the year ending at mid-year j like `deaths`, equals
 *   the difference in deaths between paired runs with and without the interventions, and
 *   `life_years_gained` of year j is that of the same deaths.
 */
import { AGES } from '../../engine/kernels/cohort.js';
import { loadReferenceData } from '../../engine/io/reference-data.js';
import { prepareDistribution } from '../../engine/rng/distributions.js';
import type { CellSpec } from '../../engine/run/types.js';
import { needStage, type ChainModel, type OutcomesStage } from '../chain/stage.js';
import { activityCell } from '../demand/model.js';
import { addSaved, memberPopulation, populationCell } from '../population/model.js';
import { areaDeciles } from './area-deciles.js';
import { outcomesData } from './data.js';
import { detectionMetric, INDICATOR_NEL_PER_1000, OUTCOME_METRICS } from './metrics.js';
import {
  DECILES,
  TREATMENTS,
  YEAR_SLOTS,
  addPreventionGain,
  addTreatmentGain,
  calibrateDecileSpread,
  decileFactors,
  drawCvdShare,
  drawExcessMortality,
  drawTreatment,
  excessMortalityStream,
  onTreatmentByYear,
  outcomesWork,
  outcomesYear,
  stepSaved,
  treatmentStreams,
  type Treatment,
  type TreatmentDraw,
  type TreatmentStreams,
} from './model.js';

/** Values `outcomesYear` writes, then life-years gained. */
const SLOTS = Object.keys(YEAR_SLOTS).length + 1;
const LIFE_YEARS = SLOTS - 1;
/** Each treatment's streams (national: the same in every area). */
const TREATMENT_STREAMS = Object.fromEntries(
  TREATMENTS.map((t) => [t, treatmentStreams(t)]),
) as Record<Treatment, TreatmentStreams>;

export const outcomesModel: ChainModel<'outcomes'> = {
  name: 'outcomes',
  needs: ['population', 'prevalence', 'demand'],
  description:
    'life expectancy by sex, its inequality between deprivation deciles, under-75 mortality, deaths averted and life-years gained',
  metrics: (p) => [
    ...OUTCOME_METRICS.map((m) => m.name),
    INDICATOR_NEL_PER_1000,
    ...p.prevalence.conditions.map(detectionMetric),
  ],
  stage(p, earlier, cellOffset): OutcomesStage {
    const population = needStage(earlier, 'population', 'outcomes');
    const prevalence = needStage(earlier, 'prevalence', 'outcomes');
    const demand = needStage(earlier, 'demand', 'outcomes');
    const data = outcomesData();
    const ref = loadReferenceData();
    const { horizon, baseYear, area } = population.inputs;
    const years = horizon + 1;
    const weight = (code: string): number => {
      const s = memberPopulation(ref, code);
      const at = (baseYear - s.firstYear) * AGES;
      let n = 0;
      for (let a = 0; a < AGES; ++a) n += s.values[at + a]!;
      return n;
    };
    const work = outcomesWork();
    const factorsMale = new Float64Array(DECILES * AGES);
    const factorsFemale = new Float64Array(DECILES * AGES);
    // The deciles' spread calibrated to the area's base-year rates (factor 1: the published level).
    const phe = areaDeciles(data, ref.areas, area, weight);
    const base = (mx: Float64Array): Float64Array => mx.subarray(0, AGES);
    const deciles = {
      male: calibrateDecileSpread(
        phe.male,
        data.gradient.male,
        base(population.inputs.trendMxMale),
        'male',
        work,
        factorsMale,
      ),
      female: calibrateDecileSpread(
        phe.female,
        data.gradient.female,
        base(population.inputs.trendMxFemale),
        'female',
        work,
        factorsFemale,
      ),
    };
    decileFactors(deciles.male, data.gradient.male, factorsMale);
    decileFactors(deciles.female, data.gradient.female, factorsFemale);

    // Deciles reached: the union of the interventions' (all when one reaches everyone).
    const reached = new Float64Array(DECILES);
    const interventions = p.prevalence.interventions;
    if (interventions.some((i) => i.deciles.length === 0)) reached.fill(1);
    else for (const i of interventions) for (const d of i.deciles) reached[d - 1] = 1;

    // Conditions with a health gain: prevention (cases avoided) and case-finding then treatment.
    const prevented = prevalence.inputs.conditions.filter((c) => c.cellAvoided.some((k) => k >= 0));
    const treated: { c: (typeof prevented)[number]; treatment: Treatment }[] = [];
    for (const c of prevalence.inputs.conditions) {
      if (!c.cellExtra.some((k) => k >= 0)) continue;
      const treatment = TREATMENTS.find((t) => data.treatments[t].conditions.includes(c.code));
      if (treatment) treated.push({ c, treatment });
    }
    // Each condition's excess-mortality stream (where it has a health gain) and index.
    const gainCodes = new Set([...prevented, ...treated.map((t) => t.c)].map((c) => c.code));
    const excessStreams = prevalence.inputs.conditions.map((c) =>
      gainCodes.has(c.code) ? excessMortalityStream(area.code, c.code) : undefined,
    );
    const conditionIndex = new Map(prevalence.inputs.conditions.map((c, i) => [c.code, i]));
    const preventedIndex = prevented.map((c) => conditionIndex.get(c.code) ?? 0);
    const treatedIndex = treated.map((t) => conditionIndex.get(t.c.code) ?? 0);
    const treatedStreams = treated.map((t) => TREATMENT_STREAMS[t.treatment]);

    const cells: CellSpec[] = [];
    const cellAt = new Int32Array(years * SLOTS);
    // Indicators plans read, by year: [its cell, numerator cell, denominator cell, scale].
    const indicators: number[] = [];
    for (let j = 0; j < years; ++j) {
      OUTCOME_METRICS.forEach((m, s) => {
        cellAt[j * SLOTS + s] = cellOffset + cells.length;
        cells.push({ year: baseYear + j, metric: m.name });
      });
      const nel = activityCell(demand.inputs, 'nel_admissions', j);
      const residents = populationCell(population.inputs, 'population_total', j);
      indicators.push(cellOffset + cells.length, nel, residents, 1000);
      cells.push({ year: baseYear + j, metric: INDICATOR_NEL_PER_1000 });
      for (const c of prevalence.inputs.conditions) {
        if (c.cellTrue[j]! < 0) continue;
        indicators.push(cellOffset + cells.length, c.cellRegister[j]!, c.cellTrue[j]!, 1);
        cells.push({ year: baseYear + j, metric: detectionMetric(c.code) });
      }
    }

    const ratesMale = new Float64Array(AGES);
    const ratesFemale = new Float64Array(AGES);
    const rates = new Float64Array(AGES);
    const averted = new Float64Array(AGES);
    const yearOut = new Float64Array(SLOTS);
    const cvdShare = prepareDistribution(data.cvdShareU75.distribution);
    // The replicate's treatment draws (one per treated condition) and excess-mortality ratios.
    const draws: TreatmentDraw[] = treated.map(() => ({ rr: 1, uptake: 0, persistence: 0 }));
    const excess = new Float64Array(prevalence.inputs.conditions.length);
    // By year and age: cases avoided of each prevented condition, people on each treatment.
    const avoided = prevented.map(() => new Float64Array(years * AGES));
    const found = new Float64Array(years * AGES);
    const totals = new Float64Array(years);
    const onTreatment = treated.map(() => new Float64Array(years * AGES));
    const healthGain = prevented.length > 0 || treated.length > 0;
    // By year: deaths averted by sex and age (male 0 … 90, female 91 … 181), life-years gained.
    const avertedYears = new Float64Array(years * 2 * AGES);
    const gainedYears = new Float64Array(years);
    const avertedViews = Array.from({ length: years * 2 }, (_, i) =>
      avertedYears.subarray(i * AGES, (i + 1) * AGES),
    );
    // People saved by each sex at the last mid-year and the next (A and B take turns).
    const savedA = [new Float64Array(AGES), new Float64Array(AGES)] as const;
    const savedB = [new Float64Array(AGES), new Float64Array(AGES)] as const;
    const deathsAvertedCell = YEAR_SLOTS.deaths_averted;
    // Each year's population by sex: views made once (the population stage reuses its buffers).
    const yearView = (all: Float64Array): Float64Array[] =>
      Array.from({ length: years }, (_, j) => all.subarray(j * AGES, (j + 1) * AGES));
    const popMaleByYear = yearView(population.work.trajectoryMale);
    const popFemaleByYear = yearView(population.work.trajectoryFemale);
    // The year's input, one object updated in place (its rates buffers are refilled each year).
    const input = {
      ratesMale,
      ratesFemale,
      popMale: popMaleByYear[0]!,
      popFemale: popFemaleByYear[0]!,
      decilesMale: deciles.male,
      decilesFemale: deciles.female,
      factorsMale,
      factorsFemale,
      // Without a health gain no deaths are averted: none to split.
      averted: healthGain ? averted : undefined,
      reached,
      cvdShare: 0,
      withoutGain: undefined as Float64Array | undefined,
    };
    // The base year's rates are the published ones (factor 1) in every replicate, so its life
    // expectancies without a health gain are computed once here.
    const baseYear0 = new Float64Array(SLOTS);
    ratesMale.set(population.inputs.trendMxMale.subarray(0, AGES));
    ratesFemale.set(population.inputs.trendMxFemale.subarray(0, AGES));
    outcomesYear(input, work, baseYear0);

    /**
     * Spreads `totals[j]` over ages as a condition's registered cases are (its first pinned
     * curve `curve[0 … 90]` × the year's population), into `into` (by year and age).
     */
    const spread = (curve: Float64Array, into: Float64Array): void => {
      const traj = population.work.trajectory;
      for (let j = 0; j < years; ++j) {
        const o = j * AGES;
        let sum = 0;
        for (let a = 0; a < AGES; ++a) sum += curve[a]! * traj[o + a]!;
        const t = totals[j]!;
        for (let a = 0; a < AGES; ++a)
          into[o + a] = sum > 0 && t !== 0 ? (t * curve[a]! * traj[o + a]!) / sum : 0;
      }
    };

    // The population's inputs and work buffers (the same objects in every replicate).
    const pw = population.work;
    const pin = population.inputs;
    const { trendMxMale, trendMxFemale } = pin;
    const { mortalityFactors, trajectoryMale, trajectoryFemale } = pw;

    return {
      cells,
      simulate(replicate, out, offset) {
        const conditions = prevalence.inputs.conditions;
        input.cvdShare = drawCvdShare(cvdShare, p.seed, replicate);
        for (let i = 0; i < conditions.length; ++i) {
          const stream = excessStreams[i];
          excess[i] = stream
            ? drawExcessMortality(stream, conditions[i]!.excessMortality, p.seed, replicate)
            : 1;
        }
        for (let n = 0; n < prevented.length; ++n) {
          const cellAvoided = prevented[n]!.cellAvoided;
          for (let j = 0; j < years; ++j) {
            const k = cellAvoided[j]!;
            totals[j] = k >= 0 ? out[offset + k]! : 0;
          }
          spread(prevented[n]!.curveDraws, avoided[n]!);
        }
        for (let n = 0; n < treated.length; ++n) {
          const { c, treatment } = treated[n]!;
          // Newly found each year: the rise in the cases case-finding added to the register.
          totals[0] = 0;
          for (let j = 1; j < years; ++j) {
            const k = c.cellExtra[j]!;
            const before = c.cellExtra[j - 1]!;
            const now = k >= 0 ? out[offset + k]! : 0;
            totals[j] = Math.max(0, now - (before >= 0 ? out[offset + before]! : 0));
          }
          spread(c.curveDraws, found);
          const draw = draws[n]!;
          drawTreatment(data.treatments[treatment], treatedStreams[n]!, p.seed, replicate, draw);
          onTreatmentByYear(found, years, draw.uptake, draw.persistence, onTreatment[n]!);
        }
        for (let j = 0; j < years; ++j) {
          // The year's rates by sex (the base year as published), and for persons.
          const factor = j === 0 ? 1 : mortalityFactors[j]!;
          const o = j * AGES;
          for (let a = 0; a < AGES; ++a) {
            ratesMale[a] = factor * trendMxMale[o + a]!;
            ratesFemale[a] = factor * trendMxFemale[o + a]!;
          }
          let gained = 0;
          if (healthGain) {
            averted.fill(0);
            for (let a = 0; a < AGES; ++a) {
              const m = trajectoryMale[o + a]!;
              const f = trajectoryFemale[o + a]!;
              rates[a] = m + f > 0 ? (m * ratesMale[a]! + f * ratesFemale[a]!) / (m + f) : 0;
            }
            for (let n = 0; n < prevented.length; ++n) {
              const e = excess[preventedIndex[n]!]!;
              gained += addPreventionGain(avoided[n]!, j, rates, e, work, averted);
            }
            for (let n = 0; n < treated.length; ++n) {
              const e = excess[treatedIndex[n]!]!;
              const rr = draws[n]!.rr;
              gained += addTreatmentGain(onTreatment[n]!, j, rates, e, rr, work, averted);
            }
          }
          input.popMale = popMaleByYear[j]!;
          input.popFemale = popFemaleByYear[j]!;
          input.withoutGain = j === 0 ? baseYear0 : undefined;
          outcomesYear(input, work, yearOut);
          if (healthGain) avertedYears.set(work.avertedBySex, j * 2 * AGES);
          gainedYears[j] = gained;
          // The health gain is written as flows over the year ending at mid-year j (below).
          yearOut[deathsAvertedCell] = 0;
          yearOut[LIFE_YEARS] = 0;
          for (let s = 0; s < SLOTS; ++s) out[offset + cellAt[j * SLOTS + s]!] = yearOut[s]!;
        }
        // Feedback into the population (population cells start at the row's offset).
        for (let j = 1; j < years && healthGain; ++j) {
          const k = j - 1;
          // People saved by mid-year k (in savedA when k is even) and by mid-year j (the other).
          const saved = k % 2 === 0 ? savedA : savedB;
          const next = k % 2 === 0 ? savedB : savedA;
          let net = 0;
          for (let s = 0; s < 2; ++s) {
            if (k === 0) saved[s]!.fill(0);
            const survival = s === 0 ? pw.survivalMale[k]! : pw.survivalFemale[k]!;
            const sexAverted = avertedViews[k * 2 + s]!;
            const died = stepSaved(saved[s]!, survival, sexAverted, next[s]!);
            for (let x = 0; x < AGES; ++x) net += sexAverted[x]!;
            net -= died;
          }
          addSaved(pin, j, next[0], next[1], net, out, offset);
          out[offset + cellAt[j * SLOTS + deathsAvertedCell]!] = net;
          out[offset + cellAt[j * SLOTS + LIFE_YEARS]!] = gainedYears[k]!;
        }
        // The indicators, from the cells of the earlier models (after the feedback).
        for (let i = 0; i < indicators.length; i += 4) {
          const ratio = out[offset + indicators[i + 1]!]! / out[offset + indicators[i + 2]!]!;
          out[offset + indicators[i]!] = indicators[i + 3]! * ratio;
        }
      },
    };
  },
};
