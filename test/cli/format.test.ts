import { describe, expect, it } from 'vitest';
import {
  TextLines,
  csvField,
  csvNumber,
  csvText,
  formatCsv,
  formatNumber,
  formatTable,
} from '../../cli/format.js';

describe('CSV fields', () => {
  it('writes numbers in their shortest round-trip form and NaN as NA', () => {
    expect(csvNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvNumber(1e21)).toBe('1e+21');
    expect(csvNumber(-0)).toBe('0');
    expect(csvNumber(Infinity)).toBe('Infinity');
    expect(csvNumber(NaN)).toBe('NA');
  });

  it('quotes text holding a comma, quote or line break', () => {
    expect(csvText('plain £ text')).toBe('plain £ text');
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('NA');
    expect(csvField(undefined)).toBe('NA');
    expect(csvField(2.5)).toBe('2.5');
    expect(csvField('x,y')).toBe('"x,y"');
  });

  it('formats rows under a header line, ending every line with a break', () => {
    expect(formatCsv(['a', 'b'], [])).toBe('a,b\n');
    expect(formatCsv(['a', 'b'], [{ a: 1, b: 'x' }, { a: NaN }])).toBe('a,b\n1,x\nNA,NA\n');
  });
});

describe('text lines', () => {
  it('joins any number of lines, across chunks, each ended by a break', () => {
    expect(new TextLines().text()).toBe('');
    for (const n of [1, 511, 512, 513, 1024, 1500]) {
      const lines = new TextLines();
      const expected: string[] = [];
      for (let i = 0; i < n; ++i) {
        lines.push(`line ${i}`);
        expected.push(`line ${i}\n`);
      }
      expect(lines.text()).toBe(expected.join(''));
    }
  });
});

describe('table numbers', () => {
  it('are the en-GB locale forms: integers grouped, others to the digits asked', () => {
    const values = [
      0, -0, 1, -12, 1234, 987654321, 0.5, 1.23456789, -0.000123456, 12.3456, 999.99951, 1234.5,
      3.14159e-5, 2e15, 123456.789,
    ];
    for (const digits of [4, 6]) {
      for (const v of values) {
        const abs = Math.abs(v);
        const expected =
          Number.isInteger(v) && abs < 1e15
            ? v.toLocaleString('en-GB')
            : abs >= 1e15 || (abs !== 0 && abs < 1e-4)
              ? v.toExponential(digits - 1)
              : v.toLocaleString('en-GB', {
                  minimumFractionDigits: 0,
                  maximumFractionDigits: Math.min(
                    abs >= 1000 ? 0 : Math.max(0, digits - 1 - Math.floor(Math.log10(abs || 1))),
                    12,
                  ),
                });
        expect(formatNumber(v, digits)).toBe(expected);
      }
    }
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(1.23456789, 4)).toBe('1.235');
    expect(formatNumber(NaN)).toBe('NA');
    expect(formatNumber(-Infinity)).toBe('-Inf');
  });
});

describe('tables', () => {
  it('write each number of a row as it reads, repeated, negative zero or missing', () => {
    const row = { name: 'x', a: 0, b: -0, c: -0, d: 1234.5678, e: 1234.5678, f: NaN, g: NaN, h: 2 };
    const columns = Object.keys(row);
    const table = formatTable(columns, [row], { digits: 4 });
    expect(table.split('\n')[2]?.split(/ +/)).toEqual(
      Object.values(row).map((v) => (typeof v === 'number' ? formatNumber(v, 4) : v)),
    );
    expect(table.split('\n')[2]).toBe('x     0  -0  -0  1,235  1,235  NA  NA  2');
  });
});
