/**
 * Seeded random streams. Every stream is derived only from (seed, replicate, name), so a
 * replicate's draws never depend on thread count, chunking or what else the run contains
 * (common random numbers: adding a parameter never shifts the draws of the others).
 * Generator: Alea (Baagøe 2010) from the seedrandom package, whose Mash hash turns the key
 * string into the generator state; chosen over seedrandom's default ARC4 because creating a
 * stream costs a few hundred nanoseconds, and a run creates one per replicate and parameter.
 */
import seedrandom from 'seedrandom';

/** Version tag of the serialised state (bump it when the layout or generator changes). */
export const RNG_STATE_VERSION = 1;
/** 2^32: Alea's state words are multiples of 2^-32. */
const TWO_POW_32 = 4294967296;

/** A uniform random stream on [0, 1). */
export interface Rng {
  /** The next uniform deviate in [0, 1), 32 bits of randomness. */
  next(): number;
  /** The generator's state as a versioned Uint32Array (can be posted to a worker and restored). */
  state(): Uint32Array;
}

type AleaState = seedrandom.State.Alea;

function wrap(prng: seedrandom.StatefulPRNG<AleaState>): Rng {
  return {
    next: () => prng(),
    state() {
      const s = prng.state();
      return Uint32Array.of(
        RNG_STATE_VERSION,
        s.c >>> 0,
        Math.round(s.s0 * TWO_POW_32) >>> 0,
        Math.round(s.s1 * TWO_POW_32) >>> 0,
        Math.round(s.s2 * TWO_POW_32) >>> 0,
      );
    },
  };
}

/** The key string a stream is derived from; exported for tests and documentation. */
export function streamKey(seed: number, replicate: number, name: string): string {
  return `wcc/1/${seed}/${replicate}/${name}`;
}

/**
 * The stream of `name` in replicate `replicate` of a run seeded with `seed`.
 * @param seed - the run's seed (a whole number)
 * @param replicate - the replicate index (0-based)
 * @param name - the parameter or component the stream belongs to, e.g. `E08000025/fertility`
 */
export function createStream(seed: number, replicate: number, name: string): Rng {
  return wrap(seedrandom.alea(streamKey(seed, replicate, name), { state: true }));
}

/** Restores a stream from `state()`; throws on a state of another version or length. */
export function restoreStream(state: Uint32Array): Rng {
  if (state.length !== 5 || state[0] !== RNG_STATE_VERSION)
    throw new RangeError(
      `invalid RNG state: expected a Uint32Array of length 5 with version ${RNG_STATE_VERSION}, found length ${state.length} version ${state[0]}`,
    );
  const restored: AleaState = {
    c: state[1]!,
    s0: state[2]! / TWO_POW_32,
    s1: state[3]! / TWO_POW_32,
    s2: state[4]! / TWO_POW_32,
  };
  return wrap(seedrandom.alea('', { state: restored }));
}
