/**
 * Confidence levels on the command line and the PHE names of their limit columns.
 */
import { invalidOption } from '../../engine/errors.js';
import { isConfidenceLevel } from '../../engine/stats/index.js';

/**
 * A level as PHE writes it in column names: one decimal at least, '.' as '_'
 * (95 → `95_0`, 99.8 → `99_8`, 98 → `98_0`, 99.95 → `99_95`).
 */
export function levelLabel(level: number): string {
  const text = Number(level.toFixed(1)) === level ? level.toFixed(1) : level.toFixed(2);
  return text.replace('.', '_');
}

/** `lower95_0cl`-style column names of a level. */
export function limitColumns(level: number, prefix = ''): [string, string] {
  const label = levelLabel(level);
  return [`${prefix}lower${label}cl`, `${prefix}upper${label}cl`];
}

/** Parses `--confidence 95[,99.8]`: levels from 90 to 99.99 with at most two decimals. */
export function parseLevels(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const levels = parts.map((part) => {
    const level = Number(part);
    if (part === '' || !isConfidenceLevel(level) || Number(level.toFixed(2)) !== level) {
      throw invalidOption(
        '--confidence',
        'levels in percent from 90 to 99.99 with at most two decimals, e.g. 95,99.8',
        part,
      );
    }
    return level;
  });
  if (new Set(levels).size !== levels.length)
    throw invalidOption('--confidence', 'distinct levels', text);
  return levels;
}
