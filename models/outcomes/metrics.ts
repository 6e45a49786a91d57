/**
 * The metrics of the outcomes model, each with its unit and a one-line description, in the
 * order a replicate writes them (the first eleven are `outcomesYear`'s `YEAR_SLOTS`).
 */

/** One declared metric. */
export interface OutcomeMetric {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
}

/** Every metric the outcomes model produces, per area, replicate and year. */
export const OUTCOME_METRICS: readonly OutcomeMetric[] = [
  {
    name: 'le_birth_male',
    unit: 'years',
    description:
      'Period life expectancy at birth, males (single-year life table of the year’s death rates)',
  },
  {
    name: 'le_birth_female',
    unit: 'years',
    description: 'Period life expectancy at birth, females',
  },
  { name: 'le_65_male', unit: 'years', description: 'Period life expectancy at 65, males' },
  { name: 'le_65_female', unit: 'years', description: 'Period life expectancy at 65, females' },
  {
    name: 'sii_le_male',
    unit: 'years',
    description:
      'Slope index of inequality in male life expectancy at birth across the area’s deprivation deciles (PHE method, point estimate)',
  },
  {
    name: 'sii_le_female',
    unit: 'years',
    description:
      'Slope index of inequality in female life expectancy at birth across the area’s deciles',
  },
  {
    name: 'gap_le_male',
    unit: 'years',
    description:
      'Male life expectancy at birth in the least deprived decile minus the most deprived',
  },
  {
    name: 'gap_le_female',
    unit: 'years',
    description:
      'Female life expectancy at birth in the least deprived decile minus the most deprived',
  },
  {
    name: 'deaths_averted',
    unit: 'deaths',
    description:
      'Deaths averted by prevention and by case-finding followed by treatment in the year to mid-year, net of the later deaths of people saved earlier (the fall in deaths)',
  },
  {
    name: 'u75_mortality_dsr',
    unit: 'per 100,000 (ESP2013)',
    description: 'Deaths under 75 from all causes, directly standardised rate per 100,000',
  },
  {
    name: 'u75_cvd_mortality_dsr',
    unit: 'per 100,000 (ESP2013)',
    description:
      'Deaths under 75 from cardiovascular disease, directly standardised rate per 100,000',
  },
  {
    name: 'life_years_gained',
    unit: 'life-years',
    description:
      'Years of life the deaths averted in the year to mid-year would have cost (remaining life expectancy of those saved)',
  },
];

/** Emergency admissions in the year per 1,000 residents at mid-year (an indicator plans read). */
export const INDICATOR_NEL_PER_1000 = 'nel_admissions_per_1000';

/** A condition's detection rate metric: registered patients / estimated true cases. */
export function detectionMetric(condition: string): string {
  return `detection_rate_${condition}`;
}
