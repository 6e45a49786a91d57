import { describe, expect, it } from 'vitest';
import { AGES, OPEN_AGE } from '../../../engine/kernels/cohort.js';
import {
  illnessDeathStep,
  incidenceFromPrevalence,
} from '../../../engine/kernels/illness-death.js';

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const prevalence = (shift: number): Float64Array =>
  Float64Array.from({ length: AGES }, (_, a) => (a < 17 ? 0 : logistic(-6 + 0.06 * a + shift)));
const mx = Float64Array.from({ length: AGES }, (_, a) => 0.0003 * Math.exp(0.085 * a));
const pop = Float64Array.from({ length: AGES }, (_, a) => 1000 * Math.exp(-0.01 * a));

function step(now: Float64Array, next: Float64Array, rr: number, reduction = 0): Float64Array {
  const incidence = new Float64Array(AGES);
  const remission = new Float64Array(AGES);
  incidenceFromPrevalence(now, next, mx, rr, incidence, remission);
  const out = new Float64Array(AGES);
  illnessDeathStep(
    pop,
    0,
    now,
    incidence,
    remission,
    new Float64Array(AGES).fill(reduction),
    mx,
    rr,
    next[0]!,
    out,
  );
  return out;
}

describe('illness–death cohort model', () => {
  it('with no intervention reproduces the prevalence curve it derived incidence from (steady state)', () => {
    const p = prevalence(0);
    const out = step(p, p, 1.8);
    for (let a = 0; a < OPEN_AGE; ++a) expect(out[a]).toBeCloseTo(p[a]!, 12);
    expect(Math.abs(out[OPEN_AGE]! - p[OPEN_AGE]!) / p[OPEN_AGE]!).toBeLessThan(0.02);
  });

  it('follows a rising curve too (a secular trend) and handles a register that people leave', () => {
    const now = prevalence(0);
    const next = prevalence(0.05);
    const out = step(now, next, 1.3);
    for (let a = 0; a < OPEN_AGE; ++a) expect(out[a]).toBeCloseTo(next[a]!, 12);
    // A register of ages 30-74 only: leaving it at 75 is remission.
    const capped = Float64Array.from(now, (p, a) => (a >= 30 && a <= 74 ? p : 0));
    const leaving = step(capped, capped, 1.3);
    expect(leaving[75]).toBe(0);
    expect(leaving[74]).toBeCloseTo(capped[74]!, 12);
  });

  it('derives incidence from prevalence: the incidence that lifts prevalence by one age, by hand', () => {
    // One age: P = 0.1, P' = 0.12, m = 0.01, rr = 2 → m_H = 0.01/1.1, s_H = e^(−m_H), s_D = e^(−2 m_H).
    const now = new Float64Array(AGES).fill(0.1);
    const next = new Float64Array(AGES).fill(0.12);
    const m = new Float64Array(AGES).fill(0.01);
    const incidence = new Float64Array(AGES);
    const remission = new Float64Array(AGES);
    incidenceFromPrevalence(now, next, m, 2, incidence, remission);
    const mh = 0.01 / 1.1;
    const sh = Math.exp(-mh);
    const sd = Math.exp(-2 * mh);
    const expected = (0.12 * (0.1 * sd + 0.9 * sh) - 0.1 * sd) / (0.9 * sh);
    expect(incidence[40]).toBeCloseTo(expected, 15);
    expect(remission[40]).toBe(0);
  });

  it('lowers prevalence when incidence is cut, more the larger the cut, with a lag', () => {
    const p = prevalence(0);
    let half = p;
    let full = p;
    for (let year = 0; year < 5; ++year) {
      half = step(half, p, 1.8, 0.5);
      full = step(full, p, 1.8, 1);
    }
    for (const a of [40, 60, 80]) {
      expect(half[a]).toBeLessThan(p[a]!);
      expect(full[a]).toBeLessThan(half[a]!);
    }
    // After one year of a full cut, prevalence at 60 has fallen by one year's incidence at most.
    const oneYear = step(p, p, 1.8, 1);
    expect(p[60]! - oneYear[60]!).toBeLessThan(p[60]! - p[59]! + 0.01);
  });
});
