/** Parsing `--confidence`: the confidence levels of the limits. */
import { invalidOption } from '../../engine/errors.js';
import { isConfidenceLevel } from '../../engine/stats/index.js';

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
