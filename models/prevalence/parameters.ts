/**
 * Sourced defaults of the prevalence projection per register: detection ratio (registered /
 * true cases), excess mortality (rate ratio) and the secular trend of age-specific registered
 * prevalence net of ageing. Built from literature-parameters (parameters.csv and the QOF
 * England series) by `conditionParameters`, called by data/build-prevalence.ts, and stored in
 * data/built/prevalence.json. Every default is a Distribution; each `source` cites its rows.
 * The trends are damped trends fitted to the England QOF series (models/prevalence/trend.ts).
 */
import { Z_P90, type Distribution } from '../../engine/rng/distributions.js';
import { fitPolynomial } from '../../engine/stats/least-squares.js';
import { AGES, expit } from './shapes.js';
import { chooseTrend, fitTrend, qofYear, trendPath, type TrendChoice } from './trend.js';
import {
  CONDITIONS,
  type Condition,
  type ConditionCalibration,
  type ConditionParameters,
  type RegisterSeries,
  type SourcedParameter,
  type TrendPath,
} from './types.js';

/** One row of parameters.csv or qof_england_prevalence_2013-14_to_2019-20.csv, parsed. */
export interface LiteratureRow {
  readonly parameter: string;
  readonly condition: string;
  readonly value: number;
  /** NaN where the source gives no interval or range. */
  readonly low: number;
  readonly high: number;
  readonly unit: string;
  readonly year: string;
  readonly source: string;
  readonly note: string;
}

/**
 * Least half-width of a detection ratio's range: the "true" prevalence behind every ratio is
 * itself modelled (CFAS II, HSE-based models), so sources that happen to agree closely still
 * leave at least ±5 points of uncertainty (an assumption).
 */
export const DETECTION_MIN_HALF_WIDTH = 0.05;
/** Least sdlog of an excess-mortality ratio (80 % interval ±21 %): one cohort, one era. */
export const MORTALITY_MIN_SDLOG = 0.15;
/**
 * Default excess mortality where no source was found (assumption): lognormal with median 1.5
 * and 80 % interval 1.0 … 2.25, i.e. "people with a long-term condition die somewhat more
 * often, by an unknown amount".
 */
export const DEFAULT_EXCESS_MORTALITY: Distribution = {
  dist: 'lognormal',
  meanlog: Math.log(1.5),
  sdlog: Math.log(1.5) / Z_P90,
};
/**
 * Palliative care (assumption): the register holds people expected to die within about a year,
 * so their mortality is many times that of people of the same age: median 8, 80 % interval
 * 4 … 16.
 */
export const PALLIATIVE_EXCESS_MORTALITY: Distribution = {
  dist: 'lognormal',
  meanlog: Math.log(8),
  sdlog: Math.log(2) / Z_P90,
};
/** QOF years left out of a trend because the register's definition or denominator changed (PROVENANCE). */
const TREND_EXCLUDED: Readonly<Partial<Record<Condition, readonly number[]>>> = {
  DEM: [2013],
  OB: [2013, 2014],
};
/**
 * First QOF years of a new register definition inside the series: the level shifts, the slope
 * is shared. Asthma from 2020-21: the register holds patients aged 6 and over only (AST005,
 * NHS England QOF 2020/21 guidance; Pulse, "QOF indicator changes and payment thresholds for
 * 2020/21"), so 2022-23 sits below the earlier definition's line.
 */
const TREND_BREAKS: Readonly<Partial<Record<Condition, readonly number[]>>> = {
  AST: [2020],
};
/**
 * Registers still filling after a redefinition: the QOF series shows case-finding of an
 * existing pool, not a lasting trend (osteoporosis: +25 % a year net of ageing over 2015-16 to
 * 2019-20, the register having been redefined in 2014-15), so projecting it would multiply the
 * register by three in five years. Their default is an 80 % interval of 0 to +5 % a year
 * (an assumption), with the observed slope given in the source text.
 */
const FILLING_REGISTERS: Readonly<Partial<Record<Condition, readonly [number, number]>>> = {
  OST: [0, 0.05],
};
const LITERATURE = 'literature-parameters/parameters.csv';
const QOF_SERIES = 'literature-parameters/qof_england_prevalence_2013-14_to_2019-20.csv';
const QOF_LATEST = 'nhs-qof-practice-prevalence-2022-23 (England sum of the practices)';
/** The QOF year of the practice file (2022-23), as the mid-year it starts in. */
export const QOF_LATEST_YEAR = 2022;
/** Population years whose ageing line is extrapolated beyond the newest estimate. */
const AGEING_TAIL = 5;

/** A register-to-true or rate ratio from one source, with the range it allows. */
interface Ratio {
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly cite: string;
}

class Rows {
  private readonly rows: readonly LiteratureRow[];
  private readonly qof: readonly LiteratureRow[];

  constructor(rows: readonly LiteratureRow[], qof: readonly LiteratureRow[]) {
    this.rows = rows;
    this.qof = qof;
  }

  /** The `index`-th row of `parameter` for `condition` (file order). */
  get(parameter: string, condition: string, index = 0): LiteratureRow {
    const row = this.rows.filter((r) => r.parameter === parameter && r.condition === condition)[
      index
    ];
    if (row === undefined) throw new Error(`${LITERATURE}: no row ${parameter} ${condition}`);
    return row;
  }

  /** The England QOF series row of `condition` for `year` (e.g. 2015-16). */
  qofRow(condition: string, year: string): LiteratureRow {
    const row = this.qof.find((r) => r.condition === condition && r.year === year);
    if (row === undefined) throw new Error(`${QOF_SERIES}: no row ${condition} ${year}`);
    return row;
  }
}

/** A number read from a row's note by `pattern` (its first group), commas removed. */
function fromNote(row: LiteratureRow, pattern: RegExp): number {
  const match = pattern.exec(row.note);
  const value = Number((match?.[1] ?? '').replace(/,/g, ''));
  if (match === null || !Number.isFinite(value))
    throw new Error(
      `${LITERATURE}: ${row.parameter} ${row.condition}: note lacks ${String(pattern)}`,
    );
  return value;
}

const cite = (row: LiteratureRow): string =>
  `${row.parameter} ${row.condition} ${row.year}`.replace(/\s+/g, ' ').trim();
const point = (value: number, c: string): Ratio => ({ value, low: value, high: value, cite: c });
/** Registered share 1 − x/100 from an undiagnosed share x %. */
const diagnosed = (row: LiteratureRow): Ratio => point(1 - row.value / 100, cite(row));

/** Detection ratios (registered / true) by source, where a source exists. */
function detectionRatios(r: Rows): Partial<Record<Condition, Ratio[]>> {
  const dmRegister2015 = fromNote(r.qofRow('DM', '2015-16'), /Register ([\d,]+)/);
  const ckdRegister2013 = fromNote(r.qofRow('CKD', '2013-14'), /Register ([\d,]+)/);
  const hf2019 = r.qofRow('HF', '2019-20');
  const adults2019 = fromNote(r.qofRow('CKD', '2019-20'), /list size \(18\+\) ([\d,]+)/);
  const hfAdultShare = fromNote(hf2019, /Register ([\d,]+)/) / adults2019;
  const hfRegister = r.get('detect_register_vs_epidemiological_prevalence', 'HF');
  const ckdUndiagnosed = r.get('detect_undiagnosed_count', 'CKD');
  const ckdDiagnosed = fromNote(ckdUndiagnosed, /about ([\d.]+) million diagnosed/) * 1e6;
  const afCount = r.get('detect_undiagnosed_count', 'AF');
  const afDiagnosed = fromNote(afCount, /More than ([\d.]+) million diagnosed/) * 1e6;
  const copdValidated = r.get('detect_recorded_vs_validated_prevalence', 'COPD');
  const copdTotal = r.get('detect_prevalence_incl_undiagnosed', 'COPD');
  const nacul = r.get('detect_estimated_total_prevalence', 'COPD');
  const hseDm = r.get('detect_survey_undiagnosed_prevalence', 'DM');
  const hseDmDiagnosed = fromNote(hseDm, /diagnosed diabetes was ([\d.]+)%/);
  const pheDm = r.get('detect_estimated_total_prevalence', 'DM');
  const pheCkd = r.get('detect_estimated_total_prevalence', 'CKD');
  const pheCkdCount = fromNote(pheCkd, /([\d.]+) million people/) * 1e6;
  return {
    DM: [
      diagnosed(r.get('detect_undiagnosed_share', 'DM')),
      diagnosed(r.get('detect_not_on_register_share', 'DM')),
      point(
        hseDmDiagnosed / (hseDmDiagnosed + hseDm.value),
        `${cite(hseDm)} (diagnosed ${hseDmDiagnosed}% in the note)`,
      ),
      point(
        dmRegister2015 / (pheDm.value * 1e6),
        `QOF DM register 2015-16 / ${cite(pheDm)} (${pheDm.value} million)`,
      ),
    ],
    HYP: [
      diagnosed(r.get('detect_undiagnosed_share', 'HYP', 0)),
      diagnosed(r.get('detect_undiagnosed_share', 'HYP', 1)),
      point(
        r.get('detect_awareness_share', 'HYP').value / 100,
        cite(r.get('detect_awareness_share', 'HYP')),
      ),
    ],
    DEM: [0, 1].map((i) => {
      const row = r.get('detect_diagnosis_rate', 'DEM', i);
      return point(row.value / 100, cite(row));
    }),
    COPD: [
      point(
        copdValidated.value / fromNote(copdValidated, /diagnosis gives ([\d.]+)%/),
        `${cite(copdValidated)} (QOF-style / validated)`,
      ),
      point(copdValidated.value / copdTotal.value, `${cite(copdValidated)} / ${cite(copdTotal)}`),
      point(
        fromNote(nacul, /diagnosed prevalence was then ([\d.]+)%/) / nacul.value,
        `${cite(nacul)} (Nacul et al. 2007)`,
      ),
    ],
    CKD: [
      point(
        ckdRegister2013 / pheCkdCount,
        `QOF CKD register 2013-14 / ${cite(pheCkd)} (PHE model, 2.6 million)`,
      ),
      {
        value: ckdDiagnosed / (ckdDiagnosed + ckdUndiagnosed.value),
        low: ckdDiagnosed / (ckdDiagnosed + ckdUndiagnosed.high),
        high: ckdDiagnosed / (ckdDiagnosed + ckdUndiagnosed.low),
        cite: `${cite(ckdUndiagnosed)} (1.8 million diagnosed in the note)`,
      },
    ],
    HF: [
      {
        value: (hfRegister.low + hfRegister.high) / 2 / 4,
        low: hfRegister.low / 5,
        high: hfRegister.high / 3,
        cite: `${cite(hfRegister)} (registers 0.7-1.0% against 3-5%)`,
      },
      point(
        hfAdultShare / (r.get('detect_linked_records_prevalence', 'HF').value / 100),
        `QOF HF register 2019-20 per patient 18+ / ${cite(r.get('detect_linked_records_prevalence', 'HF'))}`,
      ),
    ],
    AF: [
      diagnosed(r.get('detect_undiagnosed_share', 'AF')),
      point(
        afDiagnosed / (afDiagnosed + afCount.value),
        `${cite(afCount)} (1.5 million diagnosed in the note)`,
      ),
    ],
  };
}

/** All-cause mortality rate ratios by source. */
function mortalityRatios(r: Rows): Partial<Record<Condition, Ratio[]>> {
  const ratio = (row: LiteratureRow): Ratio => ({
    value: row.value,
    low: Number.isNaN(row.low) ? row.value : row.low,
    high: Number.isNaN(row.high) ? row.value : row.high,
    cite: cite(row),
  });
  const excess = (row: LiteratureRow): Ratio => point(1 + row.value / 100, cite(row));
  const hf = r.get('mort_survival_5yr_vs_population', 'HF');
  const controls = fromNote(hf, /against ([\d.]+)% in the age- and sex-matched/) / 100;
  // Constant hazards: survival S = e^(−m t), so the rate ratio is ln S_case / ln S_control.
  const hazardRatio = (s: number): number => Math.log(s / 100) / Math.log(controls);
  const stroke = r.get('mort_relative_risk_after_stroke_4wk_1yr', 'STIA');
  return {
    DM: [
      excess(r.get('mort_excess_risk_vs_general_pop', 'DM', 0)),
      ratio(r.get('mort_rr_vs_general_pop', 'DM')),
      ratio(r.get('mort_hr_all_cause', 'DM')),
    ],
    COPD: [excess(r.get('mort_excess_risk_vs_general_pop', 'COPD'))],
    HF: [
      {
        value: hazardRatio(hf.value),
        low: hazardRatio(hf.high),
        high: hazardRatio(hf.low),
        cite: `${cite(hf)} (5-year survival against matched controls, as a constant-hazard ratio)`,
      },
    ],
    DEM: [
      ratio(r.get('mort_rr_year1_after_diagnosis', 'DEM')),
      ratio(r.get('mort_rr_year2_after_diagnosis', 'DEM')),
    ],
    CKD: [
      ratio(r.get('mort_hr_all_cause_stage3a', 'CKD')),
      ratio(r.get('mort_hr_all_cause_stage3b', 'CKD')),
      ratio(r.get('mort_smr_vs_general_pop', 'CKD')),
    ],
    AF: [
      ratio(r.get('mort_rr_vs_general_pop', 'AF')),
      ratio(r.get('mort_rr_age_sex_adjusted', 'AF')),
    ],
    // Most people on the register are past the first year, when the ratio is about 2.
    STIA: [
      {
        value: fromNote(stroke, /about (\d+)-fold after 1 year/),
        low: fromNote(stroke, /about (\d+)-fold after 1 year/),
        high: stroke.value,
        cite: `${cite(stroke)} (about 2-fold after the first year, 5-fold within it)`,
      },
    ],
    MH: [ratio(r.get('mort_premature_ratio_under75', 'MH'))],
  };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
}

function rounded(x: number): number {
  return Number(x.toPrecision(6));
}

/** PERT over the sources' ratios: mode their median, range their extremes (widened to ±5 points). */
function detectionParameter(ratios: readonly Ratio[]): SourcedParameter {
  const mode = rounded(median(ratios.map((q) => q.value)));
  const min = rounded(
    Math.max(0.01, Math.min(mode - DETECTION_MIN_HALF_WIDTH, ...ratios.map((q) => q.low))),
  );
  const max = rounded(
    Math.min(0.99, Math.max(mode + DETECTION_MIN_HALF_WIDTH, ...ratios.map((q) => q.high))),
  );
  const values = ratios.map((q) => `${q.cite} → ${rounded(q.value)}`).join('; ');
  return {
    distribution: { dist: 'pert', min, mode, max },
    source: `${LITERATURE}: ${values}. Mode: the median; range: the sources' extremes, at least ±${DETECTION_MIN_HALF_WIDTH}`,
  };
}

/** Lognormal around the sources' median ratio, their spread read as an 80 % interval. */
function mortalityParameter(ratios: readonly Ratio[]): SourcedParameter {
  const centre = median(ratios.map((q) => q.value));
  const low = Math.min(...ratios.map((q) => q.low));
  const high = Math.max(...ratios.map((q) => q.high));
  const sdlog = Math.max(MORTALITY_MIN_SDLOG, Math.log(high / low) / (2 * Z_P90));
  const values = ratios.map((q) => `${q.cite} → ${rounded(q.value)}`).join('; ');
  return {
    distribution: { dist: 'lognormal', meanlog: rounded(Math.log(centre)), sdlog: rounded(sdlog) },
    source: `${LITERATURE}: ${values}. Median ${rounded(centre)}; the range ${rounded(low)}-${rounded(high)} read as an 80% interval (sdlog at least ${MORTALITY_MIN_SDLOG})`,
  };
}

/** Registered prevalence of a curve (national, z = 0) in a population by age. */
function curvePrevalence(c: ConditionCalibration, population: Float64Array): number {
  let cases = 0;
  let people = 0;
  for (let a = c.ageMin; a <= c.ageMax; ++a) {
    const s = c.shape[a] ?? NaN;
    const n = population[a] ?? 0;
    cases += n * expit(c.level + c.tilt * (s - c.shapeMean));
    people += n;
  }
  return cases / people;
}

/** ln of curve prevalence by year; years beyond the population's, extrapolated linearly. */
function ageingByYear(
  c: ConditionCalibration,
  population: ReadonlyMap<number, Float64Array>,
  years: readonly number[],
): Map<number, number> {
  const known = [...population.keys()].sort((a, b) => a - b);
  const out = new Map<number, number>();
  for (const year of known) {
    const pop = population.get(year);
    if (pop !== undefined) out.set(year, Math.log(curvePrevalence(c, pop)));
  }
  // Beyond the newest population: the least-squares line of the last AGEING_TAIL years.
  const tail = known.slice(-AGEING_TAIL);
  const x = Float64Array.from(tail, (y) => y - (tail[0] ?? 0));
  const fit = fitPolynomial(
    x,
    Float64Array.from(tail, (y) => out.get(y) ?? NaN),
    1,
  );
  for (const year of years)
    if (!out.has(year))
      out.set(year, (fit.coef[0] ?? NaN) + (fit.coef[1] ?? NaN) * (year - (tail[0] ?? 0)));
  return out;
}

/**
 * The England QOF series of every register: the 2013-14 … 2019-20 rows (register and list
 * read from each row's note) and the 2022-23 practice sums, with the ageing of each year.
 * @param qof - qof_england_prevalence_2013-14_to_2019-20.csv rows
 * @param qof2022 - England register and list of 2022-23 by register (absent: not in QOF 2022-23)
 * @param calibrations - the fitted curves, in CONDITIONS order
 * @param englandPopulation - England population by year and age 0 … 90+
 */
export function englandSeries(
  qof: readonly LiteratureRow[],
  qof2022: ReadonlyMap<string, { register: number; list: number }>,
  calibrations: readonly ConditionCalibration[],
  englandPopulation: ReadonlyMap<number, Float64Array>,
): RegisterSeries[] {
  return CONDITIONS.map((code) => {
    const c = calibrations.find((k) => k.code === code);
    if (c === undefined) throw new Error(`prevalence series: no calibration for ${code}`);
    const excluded = TREND_EXCLUDED[code] ?? [];
    const raw = qof
      .filter((row) => row.condition === code)
      .map((row) => ({
        year: Number(row.year.slice(0, 4)),
        register: fromNote(row, /Register ([\d,]+)/),
        list: fromNote(row, /list size \([^)]*\) ([\d,]+)/),
      }))
      .filter((p) => !excluded.includes(p.year));
    const latest = qof2022.get(code);
    if (latest !== undefined) raw.push({ year: QOF_LATEST_YEAR, ...latest });
    raw.sort((a, b) => a.year - b.year);
    const ageing = ageingByYear(
      c,
      englandPopulation,
      raw.map((p) => p.year),
    );
    const filling = FILLING_REGISTERS[code];
    return {
      code,
      points: raw.map((p) => ({ ...p, ageing: ageing.get(p.year) ?? NaN })),
      breaks: TREND_BREAKS[code] ?? [],
      ...(filling !== undefined ? { filling } : {}),
    };
  });
}

/** The default trend of one register: its damped trend fitted through the newest year. */
function trendParameter(
  s: RegisterSeries,
  choice: TrendChoice,
): { trend: SourcedParameter; path: TrendPath } {
  const last = s.points.at(-1)?.year ?? NaN;
  const fitted = fitTrend(s, last, choice);
  const path = trendPath(s, choice.damping);
  const span = `${qofYear(s.points[0]?.year ?? NaN)} to ${qofYear(last)}`;
  const sources = `${QOF_SERIES}${last === QOF_LATEST_YEAR ? ` and ${QOF_LATEST}` : ''}`;
  const damped = `damped by φ = ${choice.damping} a year after ${qofYear(last)} (Gardner-McKenzie damped trend; φ chosen on ${choice.folds} held-out forecasts within ${qofYear(s.points[0]?.year ?? NaN)}-${qofYear(choice.fitThrough)}: mean absolute error ${rounded(choice.meanAbsError)} against ${rounded(choice.meanAbsErrorLinear)} undamped)`;
  const excluded = (TREND_EXCLUDED[s.code] ?? []).map(qofYear);
  const notes = [
    ...(excluded.length > 0 ? [`${excluded.join(', ')} left out (definition break)`] : []),
    ...s.breaks.map((b) => `new register definition from ${qofYear(b)} (level shift, same slope)`),
  ];
  const noted = notes.length > 0 ? `; ${notes.join('; ')}` : '';
  if (s.filling !== undefined)
    return {
      trend: {
        distribution: fitted.distribution,
        source: `assumption: the register is still filling after its redefinition, so its past growth (${sources}: net slope ${rounded(fitted.fit.slope)} a year over ${span}) is case-finding, not a lasting trend; 80 % interval ${s.filling[0]} to ${s.filling[1]} a year, ${damped}`,
      },
      path,
    };
  return {
    trend: {
      distribution: {
        dist: 'normal',
        mean: rounded(fitted.mean),
        sd: rounded(fitted.sd),
      },
      source: `${sources}: slope of ln England QOF prevalence ${span} less the ln prevalence from ageing alone (fitted curve × ONS England population of each year)${noted}; ${damped}; sd √(u² + se²) with u = ${rounded(choice.unitSd)} the held-out error per year of horizon and se ${rounded(fitted.fit.se)} the slope's standard error; the observed years fix the level up to ${qofYear(last)}`,
    },
    path,
  };
}

/**
 * Per-register defaults for projection.
 * @param literature - parameters.csv rows
 * @param qof - qof_england_prevalence_2013-14_to_2019-20.csv rows
 * @param calibrations - the fitted curves, in CONDITIONS order
 * @param series - the England QOF series of every register (`englandSeries`)
 */
export function conditionParameters(
  literature: readonly LiteratureRow[],
  qof: readonly LiteratureRow[],
  calibrations: readonly ConditionCalibration[],
  series: readonly RegisterSeries[],
): ConditionParameters[] {
  const r = new Rows(literature, qof);
  const detection = detectionRatios(r);
  const mortality = mortalityRatios(r);
  const newest = Math.max(...series.flatMap((s) => s.points.map((p) => p.year)));
  const choice = chooseTrend(series, newest);
  return CONDITIONS.map((code) => {
    const c = calibrations.find((k) => k.code === code);
    const s = series.find((k) => k.code === code);
    if (c === undefined || c.shape.length !== AGES || s === undefined)
      throw new Error(`prevalence parameters: no calibration for ${code}`);
    const d = detection[code];
    const m = mortality[code];
    const excessMortality: SourcedParameter =
      m !== undefined
        ? mortalityParameter(m)
        : code === 'PC'
          ? {
              distribution: PALLIATIVE_EXCESS_MORTALITY,
              source:
                'assumption (no source row): the palliative-care register holds people expected to die within about a year; lognormal, median 8, 80% interval 4-16',
            }
          : {
              distribution: DEFAULT_EXCESS_MORTALITY,
              source:
                code === 'CHD'
                  ? 'assumption: the only row (mort_coronary_smr_angina_under65_men CHD) is coronary, not all-cause, mortality; default lognormal, median 1.5, 80% interval 1.0-2.25'
                  : 'assumption (no all-cause source row): default lognormal, median 1.5, 80% interval 1.0-2.25',
            };
    return {
      code,
      ...(d !== undefined ? { detection: detectionParameter(d) } : {}),
      excessMortality,
      ...trendParameter(s, choice),
    };
  });
}
