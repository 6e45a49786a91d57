/**
 * Batches of PERT draws in WebAssembly (`wasm/kernels.wat`: `pertDraws`), each draw from its own
 * seeded stream: `out[i] = samplePreparedInto(pert_i, reuseStream(seed, replicate, name_i), out,
 * i)` for a whole batch in one call. The kernel restates the JavaScript operation for operation:
 * the stream's seeding and Alea generator (Baagøe 2010; engine/rng/stream.ts), Beta(α, β) as
 * X/(X + Y) from two Gamma deviates by Marsaglia & Tsang (2000) (engine/rng/distributions.ts),
 * their normals by inversion with AS 241 (Wichura 1988; engine/stats/qnorm.ts), and the
 * logarithms of the acceptance test and of qnorm's tails by fdlibm's `__ieee754_log`, the
 * algorithm of V8's Math.log (fdlibm-log.ts). WebAssembly has no fused multiply-add, so the same
 * operations in the same order give the same bits: the results are bit-identical to
 * `samplePreparedInto` (tested). The buffers are views of the kernel's memory, sized once and
 * never grown: the caller loads the names and constants and reads the draws in place.
 */
import type { PreparedDistribution } from '../rng/distributions.js';
import type { StreamName } from '../rng/stream.js';
import { kernels, type PertDrawsKernel as PertDrawsExport } from './wasm/instance.js';

const BYTES = Float64Array.BYTES_PER_ELEMENT;
/** Doubles of constants per draw: a (min), b (max − min), d1, c1, d2, c2. */
const CONSTANTS_PER_DRAW = 6;
/** 32-bit words of a stream name (`streamName`'s three words). */
const WORDS_PER_DRAW = 3;

/** The thread's shared instance (see `PertDrawsKernel.shared`). */
let shared: PertDrawsKernel | undefined;

/**
 * Room for `capacity` PERT draws in a kernel instance's memory: each draw's stream name
 * (`words`) and its distribution's constants (`constants`), loaded by the caller, and the draws
 * (`out`) written by `draw`.
 */
export class PertDrawsKernel {
  /** How many draws a call can make. */
  readonly capacity: number;
  /** Input: the stream name of draw i at `[3i … 3i + 2]` (the words of `streamName`). */
  readonly words: Uint32Array;
  /**
   * Input: the constants of draw i at `[6i … 6i + 5]`: a (min), b (max − min), then d and c of
   * each shape's gamma constants (`g1.d`, `g1.c`, `g2.d`, `g2.c` of `prepareDistribution`).
   */
  readonly constants: Float64Array;
  /** Output: draw i at `[i]`. */
  readonly out: Float64Array;
  /** What the inputs were last loaded from (the caller's key, to load them only when it changed). */
  loadedBy: unknown = undefined;
  private readonly kernel: PertDrawsExport;
  private readonly wordsAt: number;
  private readonly outAt: number;

  /** @param capacity - how many draws a call can make (a whole number >= 0) */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0)
      throw new RangeError(`PertDrawsKernel: expected a whole capacity >= 0, found ${capacity}`);
    this.capacity = capacity;
    // Constants, then the draws, then the words (half a double each).
    const doubles = (CONSTANTS_PER_DRAW + 1) * capacity;
    const instance = kernels(doubles + Math.ceil((WORDS_PER_DRAW * capacity) / 2));
    this.constants = new Float64Array(instance.buffer, 0, CONSTANTS_PER_DRAW * capacity);
    this.outAt = CONSTANTS_PER_DRAW * capacity * BYTES;
    this.out = new Float64Array(instance.buffer, this.outAt, capacity);
    this.wordsAt = doubles * BYTES;
    this.words = new Uint32Array(instance.buffer, this.wordsAt, WORDS_PER_DRAW * capacity);
    this.kernel = instance.pertDraws;
  }

  /**
   * The thread's shared instance, with room for at least `capacity` draws: the same one while
   * it is large enough, else a new one that replaces it. Its inputs may hold another caller's
   * values, so check `loadedBy` before each use.
   */
  static shared(capacity: number): PertDrawsKernel {
    if (shared === undefined || shared.capacity < capacity) shared = new PertDrawsKernel(capacity);
    return shared;
  }

  /**
   * Loads draw `i`: the stream `name` and the constants of `p`.
   * @param i - the draw (0 … capacity − 1)
   * @param p - a prepared PERT (`prepareDistribution` of a `pert` with min < max)
   * @param name - the draw's stream name
   * @throws RangeError when `i` is out of range, `p` is not a PERT or one of its shapes is
   *   below 1 (a boosted gamma, which the kernel does not draw; a PERT's shapes are >= 1)
   */
  load(i: number, p: PreparedDistribution, name: StreamName): void {
    if (!(Number.isInteger(i) && i >= 0 && i < this.capacity))
      throw new RangeError(
        `PertDrawsKernel.load: expected a draw within 0 … ${this.capacity - 1}, found ${i}`,
      );
    if (p.dist !== 'pert' || p.g1.boost !== 0 || p.g2.boost !== 0)
      throw new RangeError(
        `PertDrawsKernel.load: expected a PERT with both shapes >= 1, found ${p.dist} with boosts ${p.g1.boost}, ${p.g2.boost}`,
      );
    const constants = this.constants;
    const at = CONSTANTS_PER_DRAW * i;
    constants[at] = p.a;
    constants[at + 1] = p.b;
    constants[at + 2] = p.g1.d;
    constants[at + 3] = p.g1.c;
    constants[at + 4] = p.g2.d;
    constants[at + 5] = p.g2.c;
    this.words.set(name.subarray(0, WORDS_PER_DRAW), WORDS_PER_DRAW * i);
  }

  /**
   * Draws `out[0 … n − 1]` from the loaded names and constants: draw i from the stream of name
   * i in the replicate whose key is `key`.
   * @param n - how many draws (0 … capacity)
   * @param key - `replicateKey(seed, replicate)` (a u32)
   */
  draw(n: number, key: number): void {
    if (!(Number.isInteger(n) && n >= 0 && n <= this.capacity))
      throw new RangeError(
        `PertDrawsKernel.draw: expected a count within 0 … ${this.capacity}, found ${n}`,
      );
    this.kernel(this.wordsAt, 0, this.outAt, n, key | 0);
  }
}
