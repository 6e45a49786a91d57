/** Options shared by the commands that run scenarios and write results (`run`, `merge`, `compare`). */
import { extname } from 'node:path';
import { checkOutputPath } from '../engine/io/atomic-write.js';
import { invalidValue } from '../engine/errors.js';
import { METRIC_FAMILIES } from '../models/registry/metrics.js';
import { MODEL_REGISTRY } from '../models/registry/models.js';

/** Endings of a results file (Arrow IPC file format). */
const RESULTS_ENDINGS = ['.arrow', '.feather', '.ipc'];

/**
 * Checks `path` as the results file of `--out`: an Arrow IPC file in an existing folder. A file
 * named for another format (`x.csv`) is refused rather than filled with Arrow bytes.
 */
export function checkResultsPath(path: string, written: string): void {
  const ending = extname(path).toLowerCase();
  if (!RESULTS_ENDINGS.includes(ending))
    throw invalidValue(
      'option --out',
      `a file ending ${RESULTS_ENDINGS.join(', ')} (every replicate as an Arrow IPC table; for a CSV summary use --format csv > file.csv)`,
      written,
    );
  checkOutputPath(path, 'option --out');
}

/** The metrics of each model, from the registry, for `--help`. */
export function metricsHelp(): string {
  return (
    MODEL_REGISTRY.map((model) => {
      const families = METRIC_FAMILIES.filter((f) => f.model === model.name)
        .map((f) => `${f.pattern} (${f.unit})`)
        .join(', ');
      return `--model ${model.name}${model.needs.length > 0 ? ' adds' : ''}: ${families}.`;
    }).join('\n') + '\n`wcc metrics` describes each one.'
  );
}
