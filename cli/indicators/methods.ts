/**
 * Adapters from an input CSV to each indicator method of engine/stats and back to output rows.
 * They check columns and cells, group rows and call the library; the maths is in engine/stats.
 */
import seedrandom from 'seedrandom';
import { invalidCell, invalidGroup, missingColumn } from '../../engine/errors.js';
import {
  byarsLower,
  byarsUpper,
  type ConfidenceLimits,
  crudeRate,
  dsr,
  dsrNonIndependent,
  ESP2013,
  type EstimateColumns,
  isr,
  LE_BANDS,
  LE_START_AGES,
  lifeExpectancy,
  meanCi,
  poissonMethod,
  proportion,
  sii,
  type SiiValueType,
  sumByGroup,
  wilsonLower,
  wilsonUpper,
  zForConfidence,
} from '../../engine/stats/index.js';
import type { OutputRow } from '../format.js';
import { limitColumns } from './levels.js';
import {
  columnIndex,
  type CsvTable,
  groupLabel,
  groupRows,
  type Groups,
  hasColumn,
  numberColumn,
  pick,
} from './table.js';

/** Resolved options of `wcc indicators` (defaults applied). */
export interface IndicatorOptions {
  readonly levels: readonly number[];
  readonly groupBy: readonly string[];
  /** The `--multiplier` given, or undefined for the method's default. */
  readonly multiplier: number | undefined;
  readonly frequencies: boolean;
  readonly reference: CsvTable | undefined;
  readonly observed: CsvTable | undefined;
  readonly refValue: number;
  readonly se: boolean;
  readonly valueType: SiiValueType;
  readonly transform: boolean;
  readonly rii: boolean;
  readonly intercept: boolean;
  readonly repetitions: number;
  readonly seed: string;
}

/** Output of an adapter: column names and rows, ready for cli/format.ts. */
export interface IndicatorOutput {
  readonly columns: readonly string[];
  readonly rows: readonly OutputRow[];
}

/** One indicator method of the command. */
export type MethodAdapter = (table: CsvTable, options: IndicatorOptions) => IndicatorOutput;

/** PHE's method name for life expectancy. */
const LE_METHOD = 'Chiang, using Silcocks et al for confidence limits';

/** The lower/upper column names of every level, in PHE order (lower95, upper95, lower99.8, …). */
function limitNames(levels: readonly number[], prefix = ''): string[] {
  return levels.flatMap((level) => limitColumns(level, prefix));
}

/** Limit cells of one estimate. */
function limitCells(limits: readonly ConfidenceLimits[], prefix = ''): Record<string, number> {
  const cells: Record<string, number> = {};
  for (const l of limits) {
    const [lower, upper] = limitColumns(l.level, prefix);
    cells[lower] = l.lower;
    cells[upper] = l.upper;
  }
  return cells;
}

/** Limit cells of element `i` of estimate columns. */
function columnLimits(out: EstimateColumns, i: number): ConfidenceLimits[] {
  return out.limits.map((l) => ({
    level: l.level,
    lower: l.lower[i] ?? NaN,
    upper: l.upper[i] ?? NaN,
  }));
}

/** The group-column cells of group `g`. */
function groupCells(groups: Groups, g: number): Record<string, string> {
  const cells: Record<string, string> = {};
  groups.columns.forEach((c, j) => (cells[c] = groups.keys[g]?.[j] ?? ''));
  return cells;
}

/** Output columns: group columns, the method's columns, then statistic and method. */
function outputColumns(groups: Groups, columns: readonly string[]): string[] {
  return [...groups.columns, ...columns, 'statistic', 'method'];
}

/** Methods on totals (proportion, rate): sum rows per group, or row by row without groups. */
function totals(
  table: CsvTable,
  options: IndicatorOptions,
  names: readonly [string, string],
  nonNegative: boolean,
): { groups: Groups; x: Float64Array; n: Float64Array } {
  const groups = groupRows(table, options.groupBy, true);
  const x = numberColumn(table, names[0], { nonNegative });
  const n = numberColumn(table, names[1], { nonNegative });
  return {
    groups,
    x: sumByGroup(x, groups.groupOf, groups.keys.length),
    n: sumByGroup(n, groups.groupOf, groups.keys.length),
  };
}

/** Rows of `value` and limits per group (proportion, rate). */
function valueOutput(
  groups: Groups,
  levels: readonly number[],
  out: EstimateColumns,
  statistic: (g: number) => string,
  method: (g: number) => string | null,
): IndicatorOutput {
  return {
    columns: outputColumns(groups, ['value', ...limitNames(levels)]),
    rows: groups.keys.map((_, g) => ({
      ...groupCells(groups, g),
      value: out.value[g],
      ...limitCells(columnLimits(out, g)),
      statistic: statistic(g),
      method: method(g),
    })),
  };
}

const proportionAdapter: MethodAdapter = (table, options) => {
  const multiplier = options.multiplier ?? 1;
  const { groups, x, n } = totals(table, options, ['numerator', 'denominator'], true);
  x.forEach((xi, g) => {
    if (xi > (n[g] ?? NaN))
      throw invalidGroup(table.file, groupLabel(groups, g), 'numerator above denominator');
  });
  const out = proportion(x, n, { levels: options.levels, multiplier });
  const statistic = multiplier === 100 ? 'percentage' : 'proportion of 1';
  return valueOutput(
    groups,
    options.levels,
    out,
    () => statistic,
    () => 'Wilson',
  );
};

const rateAdapter: MethodAdapter = (table, options) => {
  const multiplier = options.multiplier ?? 100_000;
  const { groups, x, n } = totals(table, options, ['numerator', 'denominator'], true);
  const out = crudeRate(x, n, { levels: options.levels, multiplier });
  return valueOutput(
    groups,
    options.levels,
    out,
    () => `rate per ${multiplier}`,
    (g) => (Number.isNaN(x[g] ?? NaN) ? null : poissonMethod(x[g] ?? NaN)),
  );
};

/** A row holding limits alone (byars, wilson): `limits(z)` gives [lower, upper] at a level. */
function limitsOnlyRow(
  groups: Groups,
  g: number,
  levels: readonly number[],
  limits: (z: number) => [number, number],
  statistic: string,
  method: string,
): OutputRow {
  const values = levels.map((level) => {
    const [lower, upper] = limits(zForConfidence(level));
    return { level, lower, upper };
  });
  return { ...groupCells(groups, g), ...limitCells(values), statistic, method };
}

const byarsAdapter: MethodAdapter = (table, options) => {
  const groups = groupRows(table, options.groupBy, true);
  const x = sumByGroup(
    numberColumn(table, 'x', { nonNegative: true }),
    groups.groupOf,
    groups.keys.length,
  );
  return {
    columns: outputColumns(groups, limitNames(options.levels)),
    rows: groups.keys.map((_, g) => {
      const xg = x[g] ?? NaN;
      return limitsOnlyRow(
        groups,
        g,
        options.levels,
        (z) => [byarsLower(xg, z), byarsUpper(xg, z)],
        'count',
        'Byars',
      );
    }),
  };
};

const wilsonAdapter: MethodAdapter = (table, options) => {
  const { groups, x, n } = totals(table, options, ['x', 'n'], true);
  return {
    columns: outputColumns(groups, limitNames(options.levels)),
    rows: groups.keys.map((_, g) => {
      const xg = x[g] ?? NaN;
      const ng = n[g] ?? NaN;
      if (xg > ng) throw invalidGroup(table.file, groupLabel(groups, g), 'x above n');
      return limitsOnlyRow(
        groups,
        g,
        options.levels,
        (z) => (ng > 0 ? [wilsonLower(xg, ng, z), wilsonUpper(xg, ng, z)] : [NaN, NaN]),
        'proportion of 1',
        'Wilson',
      );
    }),
  };
};

const meanAdapter: MethodAdapter = (table, options) => {
  const groups = groupRows(table, options.groupBy);
  const values = numberColumn(table, 'value');
  return {
    columns: outputColumns(groups, [
      'value_sum',
      'value_count',
      'stdev',
      'value',
      ...limitNames(options.levels),
    ]),
    rows: groups.rows.map((rows, g) => {
      const m = meanCi(pick(values, rows), options.levels);
      return {
        ...groupCells(groups, g),
        value_sum: m.sum,
        value_count: m.count,
        stdev: m.sd,
        value: m.value,
        ...limitCells(m.limits),
        statistic: 'mean',
        method: "Student's t-distribution",
      };
    }),
  };
};

/** The band index of each row in frequency mode: distinct `ageband` labels in first-seen order. */
function bandIndex(
  table: CsvTable,
  rows: readonly number[],
): { bandOf: Int32Array; first: number[] } {
  const j = columnIndex(table, 'ageband');
  const seen = new Map<string, number>();
  const first: number[] = [];
  const bandOf = Int32Array.from(rows, (i) => {
    const label = (table.rows[i]?.[j] ?? '').trim();
    let b = seen.get(label);
    if (b === undefined) {
      b = first.length;
      seen.set(label, b);
      first.push(i);
    }
    return b;
  });
  return { bandOf, first };
}

const dsrAdapter: MethodAdapter = (table, options) => {
  const multiplier = options.multiplier ?? 100_000;
  const groups = groupRows(table, options.groupBy);
  const pops = numberColumn(table, 'pop', { nonNegative: true });
  const stdpop = hasColumn(table, 'stdpop')
    ? numberColumn(table, 'stdpop', { nonNegative: true })
    : undefined;
  const counts = options.frequencies
    ? undefined
    : numberColumn(table, 'count', { nonNegative: true });
  const freq = options.frequencies ? numberColumn(table, 'freq', { nonNegative: true }) : undefined;
  const persons = options.frequencies
    ? numberColumn(table, 'persons', { nonNegative: true })
    : undefined;
  const dsrOptions = { levels: options.levels, multiplier };
  return {
    columns: outputColumns(groups, [
      'total_count',
      'total_pop',
      'value',
      ...limitNames(options.levels),
    ]),
    rows: groups.rows.map((rows, g) => {
      // Band rows: every row (independent events) or the first row of each age band.
      const bands = freq && persons ? bandIndex(table, rows) : undefined;
      const bandRows = bands ? bands.first : rows;
      let standard: Float64Array;
      if (stdpop) standard = pick(stdpop, bandRows);
      else if (bandRows.length === ESP2013.length) standard = Float64Array.from(ESP2013);
      else {
        throw invalidGroup(
          table.file,
          groupLabel(groups, g),
          `has ${bandRows.length} age bands; the default standard (--standard esp2013) needs the 19 ESP2013 bands 0-4 … 90+ in age order, or give a stdpop column`,
        );
      }
      const bandPops = pick(pops, bandRows);
      const est =
        bands && freq && persons
          ? dsrNonIndependent(
              { bandOf: bands.bandOf, frequencies: pick(freq, rows), persons: pick(persons, rows) },
              bandPops,
              standard,
              dsrOptions,
            )
          : dsr(pick(counts ?? new Float64Array(0), rows), bandPops, standard, dsrOptions);
      return {
        ...groupCells(groups, g),
        total_count: est.totalCount,
        total_pop: est.totalPop,
        value: est.value,
        ...limitCells(est.limits),
        statistic:
          Number.isNaN(est.value) && est.totalCount < 10
            ? 'dsr NA for total count < 10'
            : `dsr per ${multiplier}`,
        method: 'Dobson',
      };
    }),
  };
};

/** Observed totals per group from `--observed FILE` (group columns + `observed`). */
function observedTotals(observed: CsvTable, groups: Groups): Map<string, number> {
  const values = numberColumn(observed, 'observed', { nonNegative: true, required: true });
  const obsGroups = groupRows(observed, groups.columns, true);
  const totals = new Map<string, number>();
  obsGroups.keys.forEach((key, g) => {
    const rows = obsGroups.rows[g] ?? [];
    if (rows.length > 1 && groups.columns.length > 0)
      throw invalidGroup(observed.file, groupLabel(obsGroups, g), 'more than one observed total');
    totals.set(key.join('\u0000'), values[rows[0] ?? -1] ?? NaN);
  });
  return totals;
}

function isrAdapter(kind: 'ratio' | 'rate'): MethodAdapter {
  return (table, options) => {
    const multiplier = options.multiplier ?? 100_000;
    const groups = groupRows(table, options.groupBy);
    const pops = numberColumn(table, 'pop', { nonNegative: true });
    const totalsByGroup = options.observed ? observedTotals(options.observed, groups) : undefined;
    const counts =
      totalsByGroup && !hasColumn(table, 'count')
        ? new Float64Array(table.rows.length).fill(NaN)
        : numberColumn(table, 'count', { nonNegative: true });
    const ref = options.reference ?? table;
    const refCounts = numberColumn(ref, 'ref_count', { nonNegative: true });
    const refPops = numberColumn(ref, 'ref_pop', { nonNegative: true });
    const statistic =
      kind === 'ratio'
        ? `indirectly standardised ratio x ${options.refValue}`
        : `indirectly standardised rate per ${multiplier}`;
    const valueColumns = kind === 'ratio' ? ['value'] : ['ref_rate', 'value'];
    return {
      columns: outputColumns(groups, [
        'observed',
        'expected',
        ...valueColumns,
        ...limitNames(options.levels),
      ]),
      rows: groups.rows.map((rows, g) => {
        const label = groupLabel(groups, g);
        let refRows: readonly number[] = rows;
        if (options.reference) {
          if (options.reference.rows.length !== rows.length) {
            throw invalidGroup(
              table.file,
              label,
              `has ${rows.length} rows but ${options.reference.file} has ${options.reference.rows.length} reference rows (matched by position)`,
            );
          }
          refRows = rows.map((_, k) => k);
        }
        let observed: number | undefined;
        if (totalsByGroup) {
          observed = totalsByGroup.get((groups.keys[g] ?? []).join('\u0000'));
          if (observed === undefined) {
            throw invalidGroup(
              options.observed?.file ?? '',
              label,
              'no observed total for this group',
            );
          }
        }
        const est = isr(
          {
            counts: pick(counts, rows),
            pops: pick(pops, rows),
            refCounts: pick(refCounts, refRows),
            refPops: pick(refPops, refRows),
            ...(observed === undefined ? {} : { observed }),
          },
          { levels: options.levels, kind, refValue: options.refValue, multiplier },
        );
        return {
          ...groupCells(groups, g),
          observed: est.observed,
          expected: est.expected,
          ...(kind === 'rate' ? { ref_rate: est.refRate } : {}),
          value: est.value,
          ...limitCells(est.limits),
          statistic,
          method: poissonMethod(est.observed),
        };
      }),
    };
  };
}

const leAdapter: MethodAdapter = (table, options) => {
  const groups = groupRows(table, options.groupBy);
  const ages = numberColumn(table, 'startage', { required: true });
  // `pops` is PHEindicatormethods' own name for the column (phe_life_expectancy(pops = …)) and
  // the header of the public known-answer file; `pop` is wcc's.
  const pops = numberColumn(
    table,
    !hasColumn(table, 'pop') && hasColumn(table, 'pops') ? 'pops' : 'pop',
  );
  const deaths = numberColumn(table, 'deaths');
  const bandOfAge = new Map(LE_START_AGES.map((a, b) => [a, b]));
  const present = new Set<number>();
  ages.forEach((age, i) => {
    if (!bandOfAge.has(age)) {
      throw invalidCell(
        table.file,
        i + 2,
        'startage',
        `one of ${LE_START_AGES.join(', ')}`,
        table.rows[i]?.[columnIndex(table, 'startage')],
      );
    }
    present.add(age);
  });
  // As the package, an age band absent from the whole file is an error; a group missing some
  // bands (that other groups have) is suppressed to NA.
  const absent = LE_START_AGES.filter((a) => !present.has(a));
  if (absent.length > 0 && table.rows.length > 0) {
    throw invalidGroup(
      table.file,
      '(all rows)',
      `no rows for start age ${absent.join(', ')}; life expectancy needs the 20 bands 0, 1, 5, …, 90`,
    );
  }
  const columns = outputColumns(groups, ['startage', 'value', ...limitNames(options.levels)]);
  const rows: OutputRow[] = [];
  groups.rows.forEach((groupRowIndices, g) => {
    const byBand = new Array<number>(LE_BANDS).fill(-1);
    for (const i of groupRowIndices) {
      const b = bandOfAge.get(ages[i] ?? NaN) ?? 0;
      if (byBand[b] !== -1) {
        throw invalidGroup(
          table.file,
          groupLabel(groups, g),
          `start age ${ages[i]} appears twice (rows ${(byBand[b] ?? 0) + 2} and ${i + 2})`,
        );
      }
      byBand[b] = i;
    }
    const complete = byBand.every((i) => i >= 0);
    const bandRows = byBand.filter((i) => i >= 0);
    const out = lifeExpectancy(
      complete ? pick(deaths, bandRows) : new Float64Array(0),
      complete ? pick(pops, bandRows) : new Float64Array(0),
      options.levels,
    );
    byBand.forEach((i, b) => {
      if (i < 0) return;
      const k = complete ? b : 0;
      rows.push({
        ...groupCells(groups, g),
        startage: LE_START_AGES[b],
        value: complete ? out.value[k] : NaN,
        ...limitCells(
          complete
            ? columnLimits(out, k)
            : options.levels.map((level) => ({ level, lower: NaN, upper: NaN })),
        ),
        statistic: `life expectancy at ${LE_START_AGES[b]}`,
        method: LE_METHOD,
      });
    });
  });
  return { columns, rows };
};

const siiAdapter: MethodAdapter = (table, options) => {
  const groups = groupRows(table, options.groupBy);
  const quantiles = numberColumn(table, 'quantile', { required: true });
  const pops = numberColumn(table, 'pop', { positive: true, required: true });
  const values = numberColumn(table, 'value');
  const se = options.se ? numberColumn(table, 'se', { nonNegative: true }) : undefined;
  if (!options.se && (!hasColumn(table, 'lower_cl') || !hasColumn(table, 'upper_cl'))) {
    throw missingColumn(
      table.file,
      hasColumn(table, 'lower_cl') ? 'upper_cl' : 'lower_cl',
      table.columns,
    );
  }
  const lower = se ? undefined : numberColumn(table, 'lower_cl');
  const upper = se ? undefined : numberColumn(table, 'upper_cl');
  if (options.valueType === 2) {
    for (const [name, column] of [
      ['value', values],
      ['lower_cl', lower],
      ['upper_cl', upper],
    ] as const) {
      column?.forEach((v, i) => {
        if (v < 0 || v > 1)
          throw invalidCell(
            table.file,
            i + 2,
            name,
            'a proportion from 0 to 1 (--value-type 2)',
            v,
          );
      });
    }
  }
  const siiNames = ['sii', ...limitNames(options.levels, 'sii_')];
  const riiNames = options.rii ? ['rii', ...limitNames(options.levels, 'rii_')] : [];
  const columns = outputColumns(groups, [
    ...siiNames,
    ...riiNames,
    ...(options.intercept ? ['intercept'] : []),
  ]);
  return {
    columns,
    rows: groups.rows.map((rows, g) => {
      const label = groupLabel(groups, g);
      if (rows.length < 2)
        throw invalidGroup(
          table.file,
          label,
          `has ${rows.length} quantile; the SII needs at least 2`,
        );
      const order = [...rows].sort((a, b) => (quantiles[a] ?? NaN) - (quantiles[b] ?? NaN));
      order.forEach((i, k) => {
        if (k > 0 && quantiles[i] === quantiles[order[k - 1] ?? -1]) {
          throw invalidGroup(table.file, label, `quantile ${quantiles[i]} appears twice`);
        }
      });
      const est = sii(
        {
          pops: pick(pops, order),
          values: pick(values, order),
          ...(se ? { se: pick(se, order) } : {}),
          ...(lower && upper ? { lower: pick(lower, order), upper: pick(upper, order) } : {}),
        },
        {
          levels: options.levels,
          valueType: options.valueType,
          transform: options.transform,
          multiplier: options.multiplier ?? 1,
          repetitions: options.repetitions,
          // Each group gets the stream of the seed alone, so its limits do not depend on the
          // other groups in the file or their order.
          random: seedrandom.alea(options.seed),
          rii: options.rii,
        },
      );
      const cells: Record<string, number> = {
        sii: est.sii,
        rii: est.rii,
        intercept: est.intercept,
      };
      for (const l of est.limits) {
        const [sl, su] = limitColumns(l.level, 'sii_');
        const [rl, ru] = limitColumns(l.level, 'rii_');
        cells[sl] = l.siiLower;
        cells[su] = l.siiUpper;
        cells[rl] = l.riiLower;
        cells[ru] = l.riiUpper;
      }
      return {
        ...groupCells(groups, g),
        ...cells,
        statistic: 'slope index of inequality',
        method: `simulation ${options.repetitions} reps`,
      };
    }),
  };
};

/** The methods of `wcc indicators`, by name. */
export const METHOD_ADAPTERS: Readonly<Record<string, MethodAdapter>> = {
  byars: byarsAdapter,
  dsr: dsrAdapter,
  isr: isrAdapter('ratio'),
  israte: isrAdapter('rate'),
  le: leAdapter,
  mean: meanAdapter,
  proportion: proportionAdapter,
  rate: rateAdapter,
  sii: siiAdapter,
  wilson: wilsonAdapter,
};
