import { describe, expect, it } from 'vitest';
import { indicatorMethod } from '../../../models/indicators/index.js';
import { DEFAULT_OPTIONS } from './options.js';

const isr = indicatorMethod('isr');

describe('isr indicator', () => {
  it('reads missing counts and reference values as 0 and says on which rows', () => {
    const table = {
      file: 'smr.csv',
      columns: ['count', 'pop', 'ref_count', 'ref_pop'],
      rows: [
        ['NA', '1000', '10', '1000'],
        ['30', '2000', '', '2000'],
        ['5', '500', '5', '500'],
      ],
    };
    const out = isr(table, DEFAULT_OPTIONS);
    // O = 0 + 30 + 5; E = 1000·0.01 + 2000·0 + 500·0.01 = 15.
    expect(out.rows[0]!.observed).toBe(35);
    expect(out.rows[0]!.expected).toBeCloseTo(15, 12);
    expect(out.notes).toEqual([
      'smr.csv: column "count" is missing (empty or NA) on row 2; read as 0',
      'smr.csv: column "ref_count" is missing (empty or NA) on row 3; read as 0',
    ]);
    const full = { ...table, rows: table.rows.map(([, p, , rp]) => ['1', p!, '1', rp!]) };
    expect(isr(full, DEFAULT_OPTIONS).notes).toEqual([]);
  });
});
