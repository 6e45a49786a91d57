/**
 * The JSON record of a benchmark run (`wcc bench --json FILE`): each task's mean and 95 %
 * confidence interval with the machine and commit it ran on, so runs can be tracked and
 * compared from release to release. `parseBenchRecord` validates a saved record.
 */
import { InputError, invalidValue } from '../engine/errors.js';

/** Format tag of the record; bump it when the layout changes. */
export const BENCH_RECORD_FORMAT = 'wcc-bench/1';

/** How the interval fields are defined (written into every record). */
export const INTERVAL_DEFINITION =
  'mean ± moe is the nominal 95% confidence interval of the mean latency (tinybench latency.moe: Student t × standard error); rme = 100·moe/mean (%)';

/** Where and when a run happened. */
export interface BenchMeta {
  /** `git rev-parse HEAD` of the working tree, or "unknown". */
  readonly commit: string;
  /** Node.js version, e.g. "v20.19.5". */
  readonly node: string;
  /** `os.cpus()[0].model`. */
  readonly cpu: string;
  /** Logical cores (`os.availableParallelism()`). */
  readonly cores: number;
  /** 1-minute load average when the run started (other processes competing for the cores). */
  readonly loadAverage: number;
  /** ISO 8601 time the run started. */
  readonly date: string;
  /** True for a `--quick` run (short timings: a smoke test, not a measurement). */
  readonly quick: boolean;
  /** The `--filter` substring, or null for every task. */
  readonly filter: string | null;
}

/** One timed task. */
export interface BenchTaskRecord {
  /** `suite: task`, unique within a record; comparisons match on it. */
  readonly name: string;
  readonly suite: string;
  /** Mean time per call, milliseconds. */
  readonly mean: number;
  /** Half-width of the 95 % confidence interval of the mean, milliseconds. */
  readonly moe: number;
  /** Relative margin of error, percent of the mean (100·moe/mean). */
  readonly rme: number;
  /** Timed calls. */
  readonly samples: number;
  /** Mean divided by the reference kernel's mean in the same run. */
  readonly referenceRatio: number;
  /** Relative margin of error of `referenceRatio`, percent: √(rme² + rme_reference²). */
  readonly referenceRatioRme: number;
}

/** A benchmark run. */
export interface BenchRecord {
  readonly format: typeof BENCH_RECORD_FORMAT;
  readonly interval: string;
  /** Name of the reference task whose mean is the unit of `referenceRatio`. */
  readonly reference: string;
  readonly meta: BenchMeta;
  readonly tasks: readonly BenchTaskRecord[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `object[key]`, throwing unless `test` accepts it; `where` prefixes the key in messages. */
function field<T>(
  object: Record<string, unknown>,
  key: string,
  where: string,
  expected: string,
  test: (value: unknown) => value is T,
): T {
  const value = object[key];
  if (!test(value)) throw invalidValue(`${where}${key}`, expected, value);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNonNegative = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;

function parseTask(value: unknown, path: string): BenchTaskRecord {
  if (!isRecord(value)) throw invalidValue(path, 'a task object', value);
  const where = `${path}.`;
  const num = (key: string): number =>
    field(value, key, where, 'a finite number ≥ 0', isNonNegative);
  return {
    name: field(value, 'name', where, 'a task name', isString),
    suite: field(value, 'suite', where, 'a suite name', isString),
    mean: num('mean'),
    moe: num('moe'),
    rme: num('rme'),
    samples: field(value, 'samples', where, 'a whole number ≥ 1', isCount),
    referenceRatio: num('referenceRatio'),
    referenceRatioRme: num('referenceRatioRme'),
  };
}

/**
 * Validates a parsed JSON benchmark record.
 * @param value - the parsed file
 * @param source - where it came from (a file name), for messages
 * @throws InputError naming the field, what was expected and what was found
 */
export function parseBenchRecord(value: unknown, source: string): BenchRecord {
  if (!isRecord(value)) throw invalidValue(source, 'a wcc benchmark record (a JSON object)', value);
  if (value.format !== BENCH_RECORD_FORMAT)
    throw invalidValue(`${source}: format`, `"${BENCH_RECORD_FORMAT}"`, value.format);
  const meta = value.meta;
  if (!isRecord(meta)) throw invalidValue(`${source}: meta`, 'an object', meta);
  const tasks = value.tasks;
  if (!Array.isArray(tasks)) throw invalidValue(`${source}: tasks`, 'an array of tasks', tasks);
  const parsed = tasks.map((t, i) => parseTask(t, `${source}: tasks[${i}]`));
  const names = new Set<string>();
  for (const t of parsed) {
    if (names.has(t.name)) throw new InputError(`${source}: task "${t.name}" appears twice`);
    names.add(t.name);
  }
  const where = `${source}: meta.`;
  return {
    format: BENCH_RECORD_FORMAT,
    interval: typeof value.interval === 'string' ? value.interval : INTERVAL_DEFINITION,
    reference: field(value, 'reference', `${source}: `, 'the reference task name', isString),
    meta: {
      commit: field(meta, 'commit', where, 'a commit hash or "unknown"', isString),
      node: field(meta, 'node', where, 'a Node.js version', isString),
      cpu: field(meta, 'cpu', where, 'a CPU model', isString),
      cores: field(meta, 'cores', where, 'a whole number ≥ 1', isCount),
      loadAverage: field(meta, 'loadAverage', where, 'a finite number ≥ 0', isNonNegative),
      date: field(meta, 'date', where, 'an ISO 8601 date', isString),
      quick: meta.quick === true,
      filter: typeof meta.filter === 'string' ? meta.filter : null,
    },
    tasks: parsed,
  };
}
