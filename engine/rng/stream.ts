/**
 * Seeded random streams. Every stream is derived only from (seed, replicate, name), so a
 * replicate's draws never depend on thread count, chunking or what else the run contains
 * (common random numbers: adding a parameter never shifts the draws of the others).
 *
 * Generator: Alea (Baagøe 2010), exactly as the seedrandom package implements it (a test
 * checks the two give identical sequences from the same state). A stream's name is hashed once
 * by seedrandom's Alea/Mash into three 32-bit words; the stream's state is those words mixed
 * with the seed and the replicate by an integer finaliser, so creating a stream costs a few
 * multiplications instead of hashing a key string (a run creates one per replicate and
 * parameter: hundreds of thousands).
 */

/** Version tag of the serialised state (bump it when the layout or generator changes). */
export const RNG_STATE_VERSION = 2;
/** 2^32 and 2^-32: Alea's state words are multiples of 2^-32. */
const TWO_POW_32 = 4294967296;
/** @internal */
export const TWO_POW_MINUS_32 = 2.3283064365386963e-10;
/** Alea's multiplier (Baagøe). @internal */
export const ALEA_MULTIPLIER = 2091639;
/** 2^32 / golden ratio, the Weyl increment that separates the three state words. @internal */
export const GOLDEN_GAMMA = 0x9e3779b9;

/** A uniform random stream on [0, 1). */
export interface Rng {
  /** The next uniform deviate in [0, 1), 32 bits of randomness. */
  next(): number;
  /** The generator's state as a versioned Uint32Array (can be posted to a worker and restored). */
  state(): Uint32Array;
}

/**
 * Alea generator over plain numbers (s0, s1, s2 in [0, 1) as multiples of 2^-32, carry c).
 * The fields are `declare`d so that no field initialiser is emitted: an ES2022 class field
 * starts as `undefined`, which makes V8 store the state words as generic (boxed) values and
 * allocate a heap number on every write; assigned first in the constructor they stay unboxed
 * doubles (a stream's seeding and first draw about 4× faster).
 */
class AleaStream implements Rng {
  declare s0: number;
  declare s1: number;
  declare s2: number;
  declare c: number;
  constructor(s0: number, s1: number, s2: number, c: number) {
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.c = c;
  }
  next(): number {
    const t = ALEA_MULTIPLIER * this.s0 + this.c * TWO_POW_MINUS_32;
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    this.s2 = t - this.c;
    return this.s2;
  }
  state(): Uint32Array {
    return Uint32Array.of(
      RNG_STATE_VERSION,
      this.c >>> 0,
      Math.round(this.s0 * TWO_POW_32) >>> 0,
      Math.round(this.s1 * TWO_POW_32) >>> 0,
      Math.round(this.s2 * TWO_POW_32) >>> 0,
    );
  }
}

/**
 * 32-bit integer finaliser with full avalanche.
 * Method: "lowbias32" (C. Wellons, "Prospecting for hash functions", 2018).
 */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Names hashed lately, for streams created by name in loops. Bounded: preparing every area
 * hashes about 114,000 names, each once (they are kept hashed in the prepared inputs), and a
 * cache holding them all (about 40 MB) made every later garbage collection slower.
 */
const nameWords = new Map<string, Uint32Array>();
const MAX_CACHED_NAMES = 4096;

/** Initial state of Baagøe's Mash hash (as in seedrandom's Alea). */
const MASH_START = 0xefc8249d;
/** Mash's multiplier. */
const MASH_MULTIPLIER = 0.02519603282416938;

/**
 * Mash (Baagøe 2010) of `text` continuing from state `n`, exactly as seedrandom's Alea does it
 * (its `mash` closure; the caller reads the hash as `(n >>> 0) · 2^-32`).
 * @returns the new state
 */
function mash(n: number, text: string): number {
  for (let i = 0; i < text.length; ++i) {
    n += text.charCodeAt(i);
    let h = MASH_MULTIPLIER * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * TWO_POW_32;
  }
  return n;
}

/**
 * The three words of a stream name: the first three `int32()` outputs of seedrandom's Alea keyed
 * by `wcc/<name>` (a test checks them against seedrandom). Alea's seeding and generator are
 * written out here, with the hash state in a local, instead of calling seedrandom, which builds
 * closures per key (each area hashes a few hundred names when it is prepared).
 */
export function streamNameWords(name: string): Uint32Array {
  let words = nameWords.get(name);
  if (!words) {
    const key = `wcc/${name}`;
    // Alea's seeding: s_k = mash(' ') − mash(key), wrapped into [0, 1), the hash state running on.
    let n = MASH_START;
    n = mash(n, ' ');
    let s0 = (n >>> 0) * TWO_POW_MINUS_32;
    n = mash(n, ' ');
    let s1 = (n >>> 0) * TWO_POW_MINUS_32;
    n = mash(n, ' ');
    let s2 = (n >>> 0) * TWO_POW_MINUS_32;
    n = mash(n, key);
    s0 -= (n >>> 0) * TWO_POW_MINUS_32;
    if (s0 < 0) s0 += 1;
    n = mash(n, key);
    s1 -= (n >>> 0) * TWO_POW_MINUS_32;
    if (s1 < 0) s1 += 1;
    n = mash(n, key);
    s2 -= (n >>> 0) * TWO_POW_MINUS_32;
    if (s2 < 0) s2 += 1;
    const g = new AleaStream(s0, s1, s2, 1);
    // seedrandom's int32(): (next() · 2^32) | 0, read here as unsigned.
    words = Uint32Array.of(
      (g.next() * TWO_POW_32) >>> 0,
      (g.next() * TWO_POW_32) >>> 0,
      (g.next() * TWO_POW_32) >>> 0,
    );
    if (nameWords.size >= MAX_CACHED_NAMES) nameWords.clear();
    nameWords.set(name, words);
  }
  return words;
}

/** A stream name hashed once (see `streamNameWords`), for streams created in inner loops. */
export type StreamName = Uint32Array & { readonly __streamName__: unique symbol };

/** Hashes `name` for `createStream`/`reuseStream`; the same words `createStream(…, name)` uses. */
export function streamName(name: string): StreamName {
  return streamNameWords(name) as StreamName;
}

// The replicate key of the last (seed, replicate) asked for: a replicate seeds one stream per
// parameter in a row, so the key is computed once per replicate rather than once per stream.
let keySeed = -1;
let keyReplicate = -1;
let lastKey = 0;

/** The key every stream of replicate `replicate` of a run seeded with `seed` starts from. */
export function replicateKey(seed: number, replicate: number): number {
  const s = seed >>> 0;
  const r = replicate >>> 0;
  if (s !== keySeed || r !== keyReplicate) {
    keySeed = s;
    keyReplicate = r;
    lastKey = mix32(mix32(s) ^ r);
  }
  return lastKey;
}

/** Sets `g` to the start of the stream (seed, replicate, words). */
function seedInto(g: AleaStream, seed: number, replicate: number, w: Uint32Array): AleaStream {
  const key = replicateKey(seed, replicate);
  g.s0 = mix32(key ^ w[0]!) * TWO_POW_MINUS_32;
  g.s1 = mix32(((key + GOLDEN_GAMMA) >>> 0) ^ w[1]!) * TWO_POW_MINUS_32;
  g.s2 = mix32(((key + 2 * GOLDEN_GAMMA) >>> 0) ^ w[2]!) * TWO_POW_MINUS_32;
  g.c = 1;
  return g;
}

/**
 * The stream of `name` in replicate `replicate` of a run seeded with `seed`.
 * @param seed - the run's seed (a whole number, 0 … 2^32 − 1)
 * @param replicate - the replicate index (0-based)
 * @param name - the parameter or component the stream belongs to, e.g. `E08000025/fertility`
 */
export function createStream(seed: number, replicate: number, name: string | StreamName): Rng {
  const w = typeof name === 'string' ? streamNameWords(name) : name;
  return seedInto(new AleaStream(0, 0, 0, 1), seed, replicate, w);
}

const shared = new AleaStream(0, 0, 0, 1);

/**
 * The same stream as `createStream`, in a generator this thread reuses: valid until the next
 * call, so it suits a draw that consumes its stream at once (no allocation in inner loops).
 */
export function reuseStream(seed: number, replicate: number, name: StreamName): Rng {
  return seedInto(shared, seed, replicate, name);
}

/** Restores a stream from `state()`; throws on a state of another version or length. */
export function restoreStream(state: Uint32Array): Rng {
  if (state.length !== 5 || state[0] !== RNG_STATE_VERSION)
    throw new RangeError(
      `invalid RNG state: expected a Uint32Array of length 5 with version ${RNG_STATE_VERSION}, found length ${state.length} version ${state[0]}`,
    );
  return new AleaStream(
    state[2]! * TWO_POW_MINUS_32,
    state[3]! * TWO_POW_MINUS_32,
    state[4]! * TWO_POW_MINUS_32,
    state[1]! | 0,
  );
}
