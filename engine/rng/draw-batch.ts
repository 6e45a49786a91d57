/**
 * Many parameters of a replicate drawn in one call, each from its own stream (seed, replicate,
 * name), exactly as drawing them one by one with `samplePreparedInto(d, reuseStream(…))` would.
 *
 * A model that draws hundreds of parameters a replicate (the demand model draws about 270
 * PERTs: extra activity per case, treatment costs, capacity norms, unit costs) spends much of
 * that time in per-draw overheads: the stream object's state written back to its fields at
 * every uniform, the family switch, two calls per gamma deviate. Here a batch's PERT draws run
 * in one call of the WebAssembly kernel (engine/kernels/pert-draws-wasm.ts), or in one
 * JavaScript loop with Alea's state in locals (`pertDrawsInto`, the kernel's reference): the
 * same operations in the same order either way, so the same bits (both tested against
 * `samplePreparedInto`). Other families go through `samplePreparedInto`.
 *
 * PERT(min, mode, max) = min + (max − min)·X/(X + Y), X ~ Gamma(α), Y ~ Gamma(β), each gamma by
 * Marsaglia & Tsang (2000) from a normal by inversion (AS 241); Alea (Baagøe 2010) seeded as
 * `reuseStream` seeds it.
 */
import { PertDrawsKernel } from '../kernels/pert-draws-wasm.js';
import { qnorm } from '../stats/qnorm.js';
import {
  GAMMA_SQUEEZE,
  LEAST_UNIFORM,
  samplePreparedInto,
  type PreparedDistribution,
} from './distributions.js';
import {
  ALEA_MULTIPLIER,
  GOLDEN_GAMMA,
  mix32,
  replicateKey,
  reuseStream,
  TWO_POW_MINUS_32,
  type StreamName,
} from './stream.js';

/** One parameter of a batch: its prepared distribution and its stream's name. */
export interface BatchDraw {
  readonly distribution: PreparedDistribution;
  readonly stream: StreamName;
}

/** Doubles of a PERT draw's constants: a, b, then d and c of each gamma (`pertConstants`). */
export const PERT_CONSTANTS = 6;

/**
 * What draws a batch's PERTs: the WebAssembly kernel (the default; about 75 ns a draw against
 * about 95 for the loop) or the JavaScript loop.
 */
export type DrawEngine = 'wasm' | 'js';

/**
 * A fixed list of parameters drawn together: `drawInto(seed, r, out)` writes
 * `out[i] = samplePrepared(draws[i].distribution, reuseStream(seed, r, draws[i].stream))`.
 */
export class DrawBatch {
  /** The number of parameters (the length `drawInto` writes). */
  readonly length: number;
  /** The PERT draws: their stream name words, three a draw. */
  readonly words: Uint32Array;
  /** The PERT draws' constants, `PERT_CONSTANTS` a draw (see `pertConstants`). */
  readonly constants: Float64Array;
  /** Where each PERT draw goes in `out`. */
  readonly pertAt: Int32Array;
  /** The PERT draws' values, in their order (the JavaScript loop's). */
  private readonly perts: Float64Array;
  /** The PERT draws, in their order (what is loaded into the kernel). */
  private readonly pertDraws: readonly BatchDraw[];
  /** The other parameters (fixed values and other families), drawn one by one. */
  private readonly others: readonly (BatchDraw & { readonly at: number })[];
  private readonly engine: DrawEngine;

  /**
   * @param draws - the parameters, in the order `drawInto` writes them
   * @param engine - what draws the PERTs (the same values either way)
   */
  constructor(draws: readonly BatchDraw[], engine: DrawEngine = 'wasm') {
    this.length = draws.length;
    this.engine = engine;
    const perts = draws.flatMap((d, at) => (isBatchedPert(d.distribution) ? [{ ...d, at }] : []));
    this.pertDraws = perts;
    this.words = new Uint32Array(3 * perts.length);
    this.constants = new Float64Array(PERT_CONSTANTS * perts.length);
    this.pertAt = Int32Array.from(perts, (d) => d.at);
    this.perts = new Float64Array(perts.length);
    perts.forEach((d, i) => {
      this.words.set(d.stream, 3 * i);
      this.constants.set(pertConstants(d.distribution), PERT_CONSTANTS * i);
    });
    this.others = draws.flatMap((d, at) => (isBatchedPert(d.distribution) ? [] : [{ ...d, at }]));
  }

  /** Writes replicate `replicate`'s value of every parameter into `out[0 … length − 1]`. */
  drawInto(seed: number, replicate: number, out: Float64Array): void {
    const n = this.pertDraws.length;
    const key = replicateKey(seed, replicate);
    let perts = this.perts;
    if (this.engine === 'wasm' && n > 0) {
      // The thread's kernel holds one batch's names and constants at a time: reloaded when
      // another batch (another area's) used it last.
      const kernel = PertDrawsKernel.shared(n);
      if (kernel.loadedBy !== this) {
        this.pertDraws.forEach((d, i) => kernel.load(i, d.distribution, d.stream));
        kernel.loadedBy = this;
      }
      kernel.draw(n, key);
      perts = kernel.out;
    } else pertDrawsInto(key, this.words, this.constants, n, perts);
    const pertAt = this.pertAt;
    for (let i = 0; i < n; ++i) out[pertAt[i]!] = perts[i]!;
    for (const d of this.others)
      samplePreparedInto(d.distribution, reuseStream(seed, replicate, d.stream), out, d.at);
  }
}

/** Whether `d` is a PERT the batch draws itself (a PERT's gammas never need the boost). */
function isBatchedPert(d: PreparedDistribution): boolean {
  return d.dist === 'pert' && d.g1.boost === 0 && d.g2.boost === 0;
}

/** A prepared PERT's constants as the batch lays them out: a, b, d₁, c₁, d₂, c₂. */
export function pertConstants(d: PreparedDistribution): readonly number[] {
  return [d.a, d.b, d.g1.d, d.g1.c, d.g2.d, d.g2.c];
}

/**
 * PERT draw i of `n` into `out[i]`, from the stream of name words `words[3i … 3i + 2]` and the
 * replicate key `key` (`replicateKey(seed, replicate)`), with constants
 * `constants[6i … 6i + 5]`: the operations of `reuseStream`'s seeding, `AleaStream.next`,
 * `standardNormal`, `gammaInto` and `samplePreparedInto`'s PERT case, in their order.
 */
export function pertDrawsInto(
  key: number,
  words: Uint32Array,
  constants: Float64Array,
  n: number,
  out: Float64Array,
): void {
  const key1 = (key + GOLDEN_GAMMA) >>> 0;
  const key2 = (key + 2 * GOLDEN_GAMMA) >>> 0;
  for (let i = 0; i < n; ++i) {
    // reuseStream: Alea's state from the replicate key and the name's words.
    let s0 = mix32(key ^ words[3 * i]!) * TWO_POW_MINUS_32;
    let s1 = mix32(key1 ^ words[3 * i + 1]!) * TWO_POW_MINUS_32;
    let s2 = mix32(key2 ^ words[3 * i + 2]!) * TWO_POW_MINUS_32;
    let c = 1;
    const k = PERT_CONSTANTS * i;
    let x = 0;
    let y = 0;
    for (let which = 0; which < 2; ++which) {
      const d = constants[k + 2 + 2 * which]!;
      const cg = constants[k + 3 + 2 * which]!;
      // gammaInto, with next() inlined: t = M·s0 + c·2^-32; s0 ← s1 ← s2 ← t − ⌊t⌋.
      let g: number;
      for (;;) {
        let t = ALEA_MULTIPLIER * s0 + c * TWO_POW_MINUS_32;
        s0 = s1;
        s1 = s2;
        c = t | 0;
        s2 = t - c;
        let u = s2;
        if (u === 0) u = LEAST_UNIFORM;
        const z = qnorm(u);
        const tz = 1 + cg * z;
        if (tz <= 0) continue;
        const v = tz * tz * tz;
        t = ALEA_MULTIPLIER * s0 + c * TWO_POW_MINUS_32;
        s0 = s1;
        s1 = s2;
        c = t | 0;
        s2 = t - c;
        if (
          s2 < 1 - GAMMA_SQUEEZE * z * z * z * z ||
          Math.log(s2) < 0.5 * z * z + d * (1 - v + Math.log(v))
        ) {
          g = d * v;
          break;
        }
      }
      if (which === 0) x = g;
      else y = g;
    }
    out[i] = constants[k]! + constants[k + 1]! * (x / (x + y));
  }
}
