/**
 * The 21 QOF registers: name, eligible ages (the QOF denominators, checked against the House
 * of Commons Library list sizes, which match the GP lists aged 16+, 17+, 18+, 30-74 and 50+ of
 * gp-by-age.csv) and where each curve's age shape comes from.
 */
import type { Condition } from './types.js';
import type { AgePrevalenceRow } from './shapes.js';

/** Where a condition's anchor shape comes from. */
export type ShapeSpec =
  /** Published age bands of age_prevalence.csv, the rows chosen by `rows`. */
  | { readonly kind: 'points'; readonly rows: (row: AgePrevalenceRow) => boolean }
  /** A DisMod II single-year curve (England 2011, persons). */
  | { readonly kind: 'dismod'; readonly disease: 'chd' | 'stroke' }
  /** HSE 2006 doctor-diagnosed diabetes by 5-year band, smoothed (logit quadratic). */
  | { readonly kind: 'hse-diabetes' }
  /** Proportional to national all-cause mortality by age (ONS life tables 2017-19, persons). */
  | { readonly kind: 'mortality' }
  /** Flat over the eligible ages (the tilt then has nothing to act on and stays at 1). */
  | { readonly kind: 'flat' }
  /** The shape of another condition over this condition's ages. */
  | { readonly kind: 'like'; readonly condition: Condition };

/** One register's definition and shape source. */
export interface ConditionSpec {
  readonly code: Condition;
  readonly name: string;
  readonly ageMin: number;
  readonly ageMax: number;
  readonly shape: ShapeSpec;
  /** Citation of the shape, or the constrained family and why. */
  readonly shapeSource: string;
}

/** Said of every anchored shape: survey and register figures differ in level. */
const LEVEL_NOTE = 'shape only: the level comes from the 2019/20 registers';
const ALL_AGES = { ageMin: 0, ageMax: 90 } as const;

const points = (
  condition: Condition,
  keep: (row: AgePrevalenceRow) => boolean = () => true,
): ShapeSpec => ({ kind: 'points', rows: (row) => row.condition === condition && keep(row) });

/** Every register, in CONDITIONS order. */
export const CONDITION_SPECS: readonly ConditionSpec[] = [
  {
    code: 'AF',
    name: 'Atrial fibrillation',
    ...ALL_AGES,
    shape: points('AF'),
    shapeSource: `Majeed et al. 2001 (GPRD 1998: <35 and 85+ bounds) with Sudlow et al. 1998 ECG screening (65+, 75+ sexes averaged); age_prevalence.csv; ${LEVEL_NOTE}`,
  },
  {
    code: 'AST',
    name: 'Asthma',
    ...ALL_AGES,
    shape: { kind: 'flat' },
    shapeSource:
      'constrained: flat over ages; the published rows mix lifetime (HSE 2018 adults) and current (children) diagnosis, so they give no usable age shape',
  },
  {
    code: 'CAN',
    name: 'Cancer',
    ...ALL_AGES,
    shape: points('CAN'),
    shapeSource: `Maddams et al. 2009 complete prevalence (all ages, 65+); age_prevalence.csv; ${LEVEL_NOTE}`,
  },
  {
    code: 'CHD',
    name: 'Coronary heart disease',
    ...ALL_AGES,
    shape: { kind: 'dismod', disease: 'chd' },
    shapeSource: `DisMod II England 2011 CHD prevalence by single year, sexes averaged (IMPACTncd inputs); ${LEVEL_NOTE}`,
  },
  {
    code: 'CKD',
    name: 'Chronic kidney disease (stages 3-5)',
    ageMin: 18,
    ageMax: 90,
    shape: points('CKD', (r) => r.measure === 'survey_measured'),
    shapeSource: `HSE 2016 and 2021-22 measured CKD stage 3-5 (35+, 75+), surveys averaged; age_prevalence.csv; ${LEVEL_NOTE}`,
  },
  {
    code: 'COPD',
    name: 'Chronic obstructive pulmonary disease',
    ...ALL_AGES,
    shape: { kind: 'dismod', disease: 'chd' },
    shapeSource: `constrained: the CHD DisMod II shape (no age profile in the sources, only 40+ levels); both are smoking-related diseases of later life that rise steeply after 40 - an assumption; ${LEVEL_NOTE}`,
  },
  {
    code: 'CVDPP',
    name: 'Cardiovascular disease primary prevention',
    ageMin: 30,
    ageMax: 74,
    shape: { kind: 'like', condition: 'HYP' },
    shapeSource:
      'constrained: the HYP shape over ages 30-74 (no published profile; the register holds people at high cardiovascular risk treated with statins, whose risk rises with age and blood pressure)',
  },
  {
    code: 'DEM',
    name: 'Dementia',
    ...ALL_AGES,
    shape: points('DEM', (r) => r.sex === 'persons'),
    shapeSource: `Dementia UK 2007 (65-69, 95+) and CFAS II / Dementia UK 2014 (65+) persons figures; age_prevalence.csv; ${LEVEL_NOTE}`,
  },
  {
    code: 'DEP',
    name: 'Depression',
    ageMin: 18,
    ageMax: 90,
    shape: points('DEP'),
    shapeSource: `APMS 2014 common mental disorder (16-24 sexes averaged, 16-64), flat beyond 64: CMD, not the depression register; ${LEVEL_NOTE}`,
  },
  {
    code: 'DM',
    name: 'Diabetes mellitus',
    ageMin: 17,
    ageMax: 90,
    shape: { kind: 'hse-diabetes' },
    shapeSource: `HSE 2006 doctor-diagnosed diabetes by 5-year band, sexes averaged, smoothed by a weighted logit quadratic (IMPACTncd inputs); ${LEVEL_NOTE}`,
  },
  {
    code: 'EP',
    name: 'Epilepsy',
    ageMin: 18,
    ageMax: 90,
    shape: points('EP', (r) => r.source.startsWith('Purcell')),
    shapeSource: `Purcell et al. 2002 recorded epilepsy (GPRD 1998) by 10 age bands, sexes averaged; age_prevalence.csv; ${LEVEL_NOTE}`,
  },
  {
    code: 'HF',
    name: 'Heart failure',
    ...ALL_AGES,
    shape: points('HF'),
    shapeSource: `UK echocardiographic prevalence 65-74, 75-84, 85+ (secondary summary); age_prevalence.csv; ${LEVEL_NOTE}`,
  },
  {
    code: 'HYP',
    name: 'Hypertension',
    ...ALL_AGES,
    shape: points('HYP'),
    shapeSource: `HSE 2021 measured hypertension (16-44, 65+); age_prevalence.csv; ${LEVEL_NOTE}`,
  },
  {
    code: 'LD',
    name: 'Learning disability',
    ...ALL_AGES,
    shape: { kind: 'flat' },
    shapeSource:
      'constrained: flat over ages (no published age profile; a lifelong condition, so no rise with age is assumed)',
  },
  {
    code: 'MH',
    name: 'Serious mental illness (schizophrenia, bipolar disorder, other psychoses)',
    ...ALL_AGES,
    shape: { kind: 'flat' },
    shapeSource:
      'constrained: flat over ages (no published age profile; an age slope fitted across areas would be confounded)',
  },
  {
    code: 'OB',
    name: 'Obesity (BMI 30+)',
    ageMin: 18,
    ageMax: 90,
    shape: points('OB', (r) => r.source.startsWith('Health Survey for England 2019')),
    shapeSource: `HSE 2019 measured obesity (16-24, 65-74, 75+); age_prevalence.csv; ${LEVEL_NOTE}`,
  },
  {
    code: 'OST',
    name: 'Osteoporosis (fragility fracture, 50+)',
    ageMin: 50,
    ageMax: 90,
    shape: points('OST'),
    shapeSource: `GPnotebook women at 50 and 80 (secondary; women's shape used for persons); age_prevalence.csv; ${LEVEL_NOTE}`,
  },
  {
    code: 'PAD',
    name: 'Peripheral arterial disease',
    ...ALL_AGES,
    shape: { kind: 'dismod', disease: 'chd' },
    shapeSource: `constrained: the CHD DisMod II shape (no PAD profile published; PAD is atherosclerotic like CHD); ${LEVEL_NOTE}`,
  },
  {
    code: 'PC',
    name: 'Palliative care',
    ...ALL_AGES,
    shape: { kind: 'mortality' },
    shapeSource:
      'constrained: proportional to national all-cause mortality by age (ONS life tables 2017-19, persons), as the register holds people in their last year of life',
  },
  {
    code: 'RA',
    name: 'Rheumatoid arthritis',
    ageMin: 16,
    ageMax: 90,
    shape: { kind: 'like', condition: 'DM' },
    shapeSource:
      'constrained: the diabetes (HSE 2006) shape over ages 16+ (the sources give only sex contrasts for RA); assumed: a long-term condition of adult life that rises several-fold from the twenties to the seventies and levels off in old age',
  },
  {
    code: 'STIA',
    name: 'Stroke and transient ischaemic attack',
    ...ALL_AGES,
    shape: { kind: 'dismod', disease: 'stroke' },
    shapeSource: `DisMod II England 2011 stroke prevalence by single year, sexes averaged (IMPACTncd inputs); ${LEVEL_NOTE}`,
  },
];
