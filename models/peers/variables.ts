/**
 * The variables statistical peers are found on, one value per local authority: age structure
 * (shares aged 0-15, 65+ and 85+ in the mid-2023 estimates), deprivation (IMD 2019 average
 * score), the expected registered prevalence of the main QOF registers, and published life
 * expectancy at birth by sex (OHID, the newest period). Population density or rurality is not
 * among them: no area in hectares is held in the built data.
 */
import type { ReferenceData } from '../../engine/io/reference-data.js';
import { AGES } from '../../engine/kernels/cohort.js';
import { curveByAge } from '../prevalence/calibration.js';
import type { PrevalenceCalibration } from '../prevalence/types.js';

/** The year of the population estimates the age structure is taken from. */
export const PEER_POPULATION_YEAR = 2023;

/** The registers whose prevalence is a peer variable (the largest long-term condition registers). */
export const PEER_REGISTERS = ['HYP', 'DM', 'CHD', 'COPD', 'DEP'] as const;

/** One peer variable: its name and what it measures. */
export interface PeerVariable {
  readonly name: string;
  readonly description: string;
}

/** Every peer variable, in column order. */
export const PEER_VARIABLES: readonly PeerVariable[] = [
  { name: 'share_0_15', description: 'share of residents aged 0-15, mid-2023 (ONS)' },
  { name: 'share_65_plus', description: 'share of residents aged 65+, mid-2023 (ONS)' },
  { name: 'share_85_plus', description: 'share of residents aged 85+, mid-2023 (ONS)' },
  { name: 'imd_score', description: 'IMD 2019 average score (MHCLG), April 2023 boundaries' },
  ...PEER_REGISTERS.map((code) => ({
    name: `prevalence_${code}`,
    description: `expected registered prevalence of ${code} (all ages, % of residents): the QOF calibration's curve by age at the area's deprivation, over its mid-2023 ages`,
  })),
  { name: 'le_male', description: 'life expectancy at birth, males, newest OHID period' },
  { name: 'le_female', description: 'life expectancy at birth, females, newest OHID period' },
];

/** Values of every peer variable for a set of areas: `values[i·variables + v]`. */
export interface PeerTable {
  readonly codes: readonly string[];
  readonly variables: readonly PeerVariable[];
  /** Area-major; NaN where a value is missing. */
  readonly values: Float64Array;
}

/** The newest non-missing value of a series (NaN if none). */
function newest(series: Float64Array): number {
  for (let i = series.length - 1; i >= 0; --i) {
    const x = series[i] ?? NaN;
    if (!Number.isNaN(x)) return x;
  }
  return NaN;
}

/**
 * The peer variables of every local authority in `codes`.
 * @param data - the reference data (population, area mortality)
 * @param calibration - the prevalence calibration (deprivation and register curves)
 * @param codes - local authority codes (April 2023)
 */
export function peerTable(
  data: ReferenceData,
  calibration: PrevalenceCalibration,
  codes: readonly string[],
): PeerTable {
  const k = PEER_VARIABLES.length;
  const values = new Float64Array(codes.length * k).fill(NaN);
  const curve = new Float64Array(AGES);
  const registers = PEER_REGISTERS.map((code) =>
    calibration.conditions.find((c) => c.code === code),
  );
  codes.forEach((code, i) => {
    const row = i * k;
    const z = calibration.deprivationZ[code];
    const pop = data.population.get(code);
    if (
      pop &&
      PEER_POPULATION_YEAR >= pop.firstYear &&
      PEER_POPULATION_YEAR < pop.firstYear + pop.years
    ) {
      const at = (PEER_POPULATION_YEAR - pop.firstYear) * AGES;
      let total = 0;
      let young = 0;
      let old = 0;
      let oldest = 0;
      for (let a = 0; a < AGES; ++a) {
        const p = pop.values[at + a] ?? 0;
        total += p;
        if (a <= 15) young += p;
        if (a >= 65) old += p;
        if (a >= 85) oldest += p;
      }
      values[row] = young / total;
      values[row + 1] = old / total;
      values[row + 2] = oldest / total;
      if (z !== undefined)
        registers.forEach((c, r) => {
          if (!c) return;
          curveByAge(c, z, curve);
          let cases = 0;
          for (let a = 0; a < AGES; ++a) cases += (curve[a] ?? 0) * (pop.values[at + a] ?? 0);
          values[row + 4 + r] = (100 * cases) / total;
        });
    }
    if (z !== undefined) values[row + 3] = calibration.imdMean + calibration.imdSd * z;
    const mortality = data.areaMortality.get(code);
    if (mortality) {
      values[row + k - 2] = newest(mortality.lifeExpectancyMale);
      values[row + k - 1] = newest(mortality.lifeExpectancyFemale);
    }
  });
  return { codes, variables: PEER_VARIABLES, values };
}
