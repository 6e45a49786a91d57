import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExamples } from '../../data/build-examples.js';
import { packageRoot } from '../../engine/io/paths.js';

describe('example files', () => {
  it('are rebuilt byte for byte from the raw data', () => {
    const built = buildExamples(packageRoot());
    expect(built.size).toBeGreaterThan(0);
    for (const [file, text] of built)
      expect(readFileSync(join(packageRoot(), file), 'utf8'), file).toBe(text);
  });

  it('hold England’s deaths and population by quintile and ESP2013 band, most deprived first', () => {
    const text = buildExamples(packageRoot()).get('data/examples/deaths-by-imd-quintile.csv')!;
    const rows = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows).toHaveLength(5 * 19);
    // Five quintiles of about a fifth of England's 53.9 million (mid-2013) each.
    const pop = rows.reduce((s, r) => s + Number(r[3]), 0);
    expect(pop).toBeGreaterThan(53e6);
    expect(pop).toBeLessThan(55e6);
    // Death rates under 75 are higher in quintile 1 (most deprived) than in quintile 5.
    const rate = (q: string) => {
      const r = rows.filter((x) => x[0] === q && !/^(75|80|85|90)/.test(x[1]!));
      return r.reduce((s, x) => s + Number(x[2]), 0) / r.reduce((s, x) => s + Number(x[3]), 0);
    };
    expect(rate('1')).toBeGreaterThan(1.5 * rate('5'));
  });
});
