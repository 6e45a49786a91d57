/**
 * `isr` and `israte`: indirectly standardised ratios and rates per group, with reference rates
 * in the same file or matched by position from a reference file, and optional observed totals.
 * A missing count, population or reference value is read as 0 (PHEindicatormethods), and a
 * note says on which rows.
 */
import { invalidGroup } from '../../engine/errors.js';
import { isr, poissonMethod } from '../../engine/stats/index.js';
import { type Groups, groupLabel, groupRows, pick } from './groups.js';
import { limitNames } from './limit-columns.js';
import { groupCells, type IndicatorMethod, limitCells, outputColumns } from './output.js';
import {
  hasColumn,
  type IndicatorTable,
  missingAsZeroNote,
  numberColumn,
  requireRows,
} from './table.js';

/** Observed totals per group key from an observed file (group columns + `observed`). */
function observedTotals(observed: IndicatorTable, groups: Groups): Map<string, number> {
  requireRows(observed);
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

/** The ISR method of `kind`: a ratio × refValue, or a rate per multiplier. */
export function isrMethod(kind: 'ratio' | 'rate'): IndicatorMethod {
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
    requireRows(ref);
    const refCounts = numberColumn(ref, 'ref_count', { nonNegative: true });
    const refPops = numberColumn(ref, 'ref_pop', { nonNegative: true });
    // As in the DSR, a missing count, population or reference value is read as 0: say where.
    const allRows = (t: IndicatorTable) => t.rows.map((_, i) => i);
    const notes = [
      missingAsZeroNote(table, 'count', counts, totalsByGroup ? [] : allRows(table)),
      missingAsZeroNote(table, 'pop', pops, allRows(table)),
      missingAsZeroNote(ref, 'ref_count', refCounts, allRows(ref)),
      missingAsZeroNote(ref, 'ref_pop', refPops, allRows(ref)),
    ].filter((note) => note !== undefined);
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
      notes,
    };
  };
}
