/**
 * The engine's WebAssembly kernels (`kernels.wat`, assembled into `kernels-module.ts`): the
 * module is compiled once per thread; each user gets an instance with its own memory, sized
 * once and never grown, so typed-array views of it stay valid.
 */
import { KERNELS_WASM } from './kernels-module.js';

/** `exp(pointer, n)`: replaces the n doubles from byte offset `pointer` by their exponentials. */
export type ExpKernel = (pointer: number, n: number) => void;

/**
 * `project(layout, horizon, fertility, maleShare, infantA0)`: the population projection of one
 * replicate (see `CohortProjection`); `layout` is the byte offset of its buffers' byte offsets.
 */
export type ProjectKernel = (
  layout: number,
  horizon: number,
  fertility: number,
  maleShare: number,
  infantA0: number,
) => void;

/** `dot(x, y, n)`: dotProduct of the n doubles from byte offsets x and y. */
export type DotKernel = (x: number, y: number, n: number) => number;

/**
 * `dotByYear(pop, stride, years, rate, from, to, out)`: dotProductByYear, the population by
 * year from byte offset `pop` (`stride` bytes a year), the rate's age 0 at byte offset `rate`,
 * the `years` results written from byte offset `out`.
 */
export type DotByYearKernel = (
  pop: number,
  stride: number,
  years: number,
  rate: number,
  from: number,
  to: number,
  out: number,
) => void;

/**
 * `demandBaselines(traj, rates, volume, out, years, rows, quintiles)`: the demand model's base
 * activity of every year and row (setting × quintile), `out[j·rows + k]` (see `DemandBaselines`).
 */
export type DemandBaselinesKernel = (
  traj: number,
  rates: number,
  volume: number,
  out: number,
  years: number,
  rows: number,
  quintiles: number,
) => void;

/**
 * `prevalenceCases(traj, years, table, conditions, out, pairs)`: the prevalence model's cases
 * at base-year rates of every condition and year (see `PrevalenceCases`); `pairs` is scratch
 * of 4·91 doubles per whole block of four years.
 */
export type PrevalenceCasesKernel = (
  traj: number,
  years: number,
  table: number,
  conditions: number,
  out: number,
  pairs: number,
) => void;

/**
 * `decileLifeExpectancies(a, b, most, intercept, slope, high, out, check)`: life expectancy at
 * birth of ten life tables (see `DecileLifeTables`): rates at byte offset `a`, factors laid out
 * at `b` and their largest by age at `most`, the sex's a(0) rule; e(0) of each table written
 * at `out`, and at `check` the least rate and the largest rate × factor.
 */
export type DecileLifeExpectanciesKernel = (
  a: number,
  b: number,
  most: number,
  intercept: number,
  slope: number,
  high: number,
  out: number,
  check: number,
) => void;

/**
 * `decileLifeExpectanciesReached(a, b, c, intercept, slope, high, out)`: as
 * `decileLifeExpectancies`, for the rates (a(x)·b(d, x))·c(d, x): rates at byte offset `a`,
 * factors laid out at `b`, multipliers by table then age at `c`; e(0) of each table written at
 * `out`.
 */
export type DecileLifeExpectanciesReachedKernel = (
  a: number,
  b: number,
  c: number,
  intercept: number,
  slope: number,
  high: number,
  out: number,
) => void;

/**
 * `lifeExpectancyPair(m, f, a0m, a0f, out)`: life expectancy at birth and at 65 of two life
 * tables (see `SexLifeTables`), rates at byte offsets `m` and `f` (91 doubles each) with infant
 * separation factors `a0m` and `a0f`; e(0) of both, then e(65) of both, written at `out`.
 */
export type LifeExpectancyPairKernel = (
  m: number,
  f: number,
  a0m: number,
  a0f: number,
  out: number,
) => void;

/**
 * `pertDraws(words, constants, out, n, key)`: n PERT draws, each from its own stream (see
 * `PertDrawsKernel` in pert-draws-wasm.ts): the stream names' three words at byte offset
 * `words` (12 bytes a draw), each draw's a, b, d1, c1, d2, c2 at `constants` (48 bytes a draw),
 * the draws written at `out`; `key` is replicateKey(seed, replicate) as an i32.
 */
export type PertDrawsKernel = (
  words: number,
  constants: number,
  out: number,
  n: number,
  key: number,
) => void;

/** The exported functions of the kernels. */
interface KernelExports {
  readonly exp: ExpKernel;
  readonly project: ProjectKernel;
  readonly dot: DotKernel;
  readonly dotByYear: DotByYearKernel;
  readonly demandBaselines: DemandBaselinesKernel;
  readonly prevalenceCases: PrevalenceCasesKernel;
  readonly decileLifeExpectancies: DecileLifeExpectanciesKernel;
  readonly decileLifeExpectanciesReached: DecileLifeExpectanciesReachedKernel;
  readonly lifeExpectancyPair: LifeExpectancyPairKernel;
  readonly pertDraws: PertDrawsKernel;
}

/** An instance of the kernels: its memory and exported functions. */
export interface Kernels extends KernelExports {
  readonly buffer: ArrayBuffer;
}

/** WebAssembly page size (bytes). */
const PAGE = 65536;
const BYTES = Float64Array.BYTES_PER_ELEMENT;

/** What wcc uses of the WebAssembly API (Node's types do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
  Instance: new (module: object, imports: object) => { exports: KernelExports };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: object | undefined;

/**
 * A new instance of the kernels whose memory holds at least `doubles` doubles.
 * @throws RangeError when `doubles` is not a whole number >= 0
 */
export function kernels(doubles: number): Kernels {
  if (!Number.isInteger(doubles) || doubles < 0)
    throw new RangeError(
      `kernel memory: expected a whole number of doubles >= 0, found ${doubles}`,
    );
  compiled ??= new wasm.Module(Buffer.from(KERNELS_WASM, 'base64'));
  // The memory is made at its full size and given to the instance, never grown: growing a
  // memory detaches its old buffer, and the first buffer detached in a thread makes V8 check
  // for detachment at every typed-array access it compiles from then on (every array loop of
  // the engine about 1.7× slower, measured on a loop of 75 multiply-adds).
  const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil((doubles * BYTES) / PAGE)) });
  const functions = new wasm.Instance(compiled, { env: { memory } }).exports;
  return { buffer: memory.buffer, ...functions };
}

/** One Float64Array view for each length of a `layOut` call (a tuple for a tuple of lengths). */
export type LaidOutViews<L extends readonly number[]> = { -readonly [K in keyof L]: Float64Array };

/**
 * Lays out Float64Array views of the given lengths one after the other in a new kernel
 * instance's memory, after `head` bytes kept for the caller.
 */
export function layOut<const L extends readonly number[]>(
  head: number,
  lengths: L,
): { kernel: Kernels; views: LaidOutViews<L>; offsets: number[] } {
  const start = Math.ceil(head / BYTES);
  const kernel = kernels(start + lengths.reduce((n, l) => n + l, 0));
  let at = start * BYTES;
  const offsets: number[] = [];
  const views = lengths.map((length) => {
    offsets.push(at);
    const view = new Float64Array(kernel.buffer, at, length);
    at += length * BYTES;
    return view;
  }) as LaidOutViews<L>;
  return { kernel, views, offsets };
}
