/**
 * The PHE names of confidence-limit columns (`lower95_0cl`, `upper99_8cl`, …), as
 * PHEindicatormethods writes them.
 */

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

/** The lower/upper column names of every level, in PHE order (lower95, upper95, lower99.8, …). */
export function limitNames(levels: readonly number[], prefix = ''): string[] {
  return levels.flatMap((level) => limitColumns(level, prefix));
}
