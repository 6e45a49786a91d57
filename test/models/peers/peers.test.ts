import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/errors.js';
import { loadPeerTable } from '../../../models/peers/load.js';
import { nearestPeers, peerDistance, standardise } from '../../../models/peers/model.js';
import { PEER_VARIABLES, type PeerTable } from '../../../models/peers/variables.js';

const table = loadPeerTable();
const standard = standardise(table);
const BLACKPOOL = 'E06000009';

/** The table with its areas in another order (a fixed permutation). */
function permuted(t: PeerTable, step: number): PeerTable {
  const k = t.variables.length;
  const n = t.codes.length;
  const order = Array.from({ length: n }, (_, i) => (i * step) % n);
  const values = new Float64Array(n * k);
  order.forEach((from, to) => values.set(t.values.subarray(from * k, from * k + k), to * k));
  return { ...t, codes: order.map((i) => t.codes[i]!), values };
}

describe('statistical peers', () => {
  it('has every variable for every local authority but life expectancy where OHID publishes none', () => {
    expect(table.codes.length).toBeGreaterThan(290);
    const missing = table.codes.flatMap((code, i) =>
      PEER_VARIABLES.filter((_, v) =>
        Number.isNaN(table.values[i * PEER_VARIABLES.length + v]!),
      ).map((v) => `${code} ${v.name}`),
    );
    // OHID does not publish life expectancy for the Isles of Scilly or the City of London.
    expect(missing).toEqual([
      'E06000053 le_male',
      'E06000053 le_female',
      'E09000001 le_male',
      'E09000001 le_female',
    ]);
  });

  it('standardises each variable to mean 0 and standard deviation 1 (a missing value at z = 0)', () => {
    const k = standard.variables;
    const n = standard.codes.length;
    for (let v = 0; v < k; ++v) {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; ++i) {
        s += standard.z[i * k + v]!;
        s2 += standard.z[i * k + v]! ** 2;
      }
      const present = table.codes.filter((_, i) => !Number.isNaN(table.values[i * k + v]!)).length;
      expect(s / n).toBeCloseTo(0, 10);
      expect(s2).toBeCloseTo(present, 8);
    }
  });

  it('never lists an area as its own peer, and returns n peers nearest first', () => {
    for (const code of standard.codes) {
      const peers = nearestPeers(standard, code, 10);
      expect(peers).toHaveLength(10);
      expect(peers.map((p) => p.code)).not.toContain(code);
      for (let i = 1; i < peers.length; ++i)
        expect(peers[i]!.distance).toBeGreaterThanOrEqual(peers[i - 1]!.distance);
    }
  });

  it('has symmetric distances, zero only from an area to itself', () => {
    const w = new Array<number>(standard.variables).fill(1);
    const n = standard.codes.length;
    for (let a = 0; a < n; a += 7)
      for (let b = 0; b < n; b += 11) {
        expect(peerDistance(standard, a, b, w)).toBe(peerDistance(standard, b, a, w));
        if (a !== b) expect(peerDistance(standard, a, b, w)).toBeGreaterThan(0);
      }
    expect(peerDistance(standard, 3, 3, w)).toBe(0);
  });

  it('gives everyone the same peers whatever the order of the areas', () => {
    const shuffled = standardise(permuted(table, 101));
    expect(shuffled.codes).toEqual(standard.codes);
    for (const code of standard.codes)
      expect(nearestPeers(shuffled, code)).toEqual(nearestPeers(standard, code));
  });

  it('finds known answers on a small table: equal weights, and a weight of zero ignoring a variable', () => {
    const small: PeerTable = {
      codes: ['A', 'B', 'C', 'D'],
      variables: [
        { name: 'x', description: '' },
        { name: 'y', description: '' },
      ],
      // x: 0, 1, 2, 3 (mean 1.5, sd √1.25); y: 0, 0, 10, 10 (mean 5, sd 5)
      values: Float64Array.from([0, 0, 1, 0, 2, 10, 3, 10]),
    };
    const s = standardise(small);
    const sdX = Math.sqrt(1.25);
    const peers = nearestPeers(s, 'A', 3);
    expect(peers.map((p) => p.code)).toEqual(['B', 'C', 'D']);
    const expected = [1 / sdX, Math.sqrt((2 / sdX) ** 2 + 4), Math.sqrt((3 / sdX) ** 2 + 4)];
    peers.forEach((p, i) => expect(p.distance).toBeCloseTo(expected[i]!, 12));
    // On y alone, B is at distance 0 from A, and C and D tie: the lower code first.
    expect(nearestPeers(s, 'A', 3, [0, 1]).map((p) => [p.code, p.distance])).toEqual([
      ['B', 0],
      ['C', 2],
      ['D', 2],
    ]);
  });

  it('refuses an unknown area, a bad number of peers and bad weights with a clear message', () => {
    expect(() => nearestPeers(standard, 'E99999999')).toThrow(InputError);
    expect(() => nearestPeers(standard, BLACKPOOL, 0)).toThrow(/number of peers/);
    expect(() => nearestPeers(standard, BLACKPOOL, 10, [1])).toThrow(/one per variable/);
  });

  it('pairs Blackpool with deprived northern and coastal towns', () => {
    const peers = nearestPeers(standard, BLACKPOOL).map((p) => p.code);
    const k = PEER_VARIABLES.length;
    const imd = PEER_VARIABLES.findIndex((v) => v.name === 'imd_score');
    const scores = table.codes.map((_, i) => table.values[i * k + imd]!).sort((a, b) => a - b);
    const upperQuartile = scores[Math.floor(0.75 * scores.length)]!;
    // Every peer is among the most deprived quarter of authorities …
    for (const code of peers)
      expect(table.values[table.codes.indexOf(code) * k + imd]!).toBeGreaterThan(upperQuartile);
    // … and at least three are seaside towns: Hastings, Great Yarmouth, Hartlepool, Thanet,
    // North East Lincolnshire (Grimsby, Cleethorpes), Redcar and Cleveland, South Tyneside.
    const coastal = [
      'E07000062',
      'E07000145',
      'E06000001',
      'E07000114',
      'E06000012',
      'E06000003',
      'E08000023',
    ];
    expect(peers.filter((c) => coastal.includes(c)).length).toBeGreaterThanOrEqual(3);
  });
});
