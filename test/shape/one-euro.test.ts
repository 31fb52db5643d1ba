import { describe, expect, it } from 'vitest';
import { FACE_POINT_FILTER, OneEuroFilter, smoothingFactor } from '../../src/shape/one-euro';

/** Deterministic noise in [-1, 1] (a small LCG), so the test cannot flake. */
function noise(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 2 ** 32;
    return (s / 2 ** 32) * 2 - 1;
  };
}

const std = (xs: number[]): number => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
};

describe('smoothingFactor', () => {
  it('is 1/2 when the time step equals the time constant, and grows with the cutoff', () => {
    const dt = 1 / 30;
    expect(smoothingFactor(1 / (2 * Math.PI * dt), dt)).toBeCloseTo(0.5, 10);
    expect(smoothingFactor(10, dt)).toBeGreaterThan(smoothingFactor(1, dt));
  });
});

describe('OneEuroFilter', () => {
  const FPS = 15;

  it('passes the first sample through and holds a constant', () => {
    const f = new OneEuroFilter(FACE_POINT_FILTER);
    expect(f.filter(42, 0)).toBe(42);
    for (let k = 1; k < 30; k++) expect(f.filter(42, k / FPS)).toBe(42);
  });

  it('removes most of the jitter of a still point', () => {
    const f = new OneEuroFilter(FACE_POINT_FILTER);
    const rand = noise(7);
    const raw: number[] = [];
    const out: number[] = [];
    // A point on a 200 px wide face, jittering by up to ±1.5 px.
    for (let k = 0; k < 150; k++) {
      const x = 300 + 1.5 * rand();
      raw.push(x);
      out.push(f.filter(x, k / FPS, 1 / 200));
    }
    expect(std(out.slice(30))).toBeLessThan(0.5 * std(raw.slice(30)));
  });

  it('follows a moving point with far less lag than a plain low-pass at its still cutoff', () => {
    const lagAfterOneSecond = (beta: number): number => {
      const f = new OneEuroFilter({ ...FACE_POINT_FILTER, beta });
      let x = 0;
      let y = 0;
      // Half a face width (100 px) per second.
      for (let k = 0; k <= FPS; k++) {
        x = 100 * (k / FPS);
        y = f.filter(x, k / FPS, 1 / 200);
      }
      return x - y;
    };
    const still = lagAfterOneSecond(0);
    const adaptive = lagAfterOneSecond(FACE_POINT_FILTER.beta);
    expect(still).toBeGreaterThan(20);
    expect(adaptive).toBeLessThan(0.15 * still);
    expect(adaptive).toBeGreaterThanOrEqual(0);
  });

  it('ignores a repeated or older timestamp, and starts afresh after reset', () => {
    const f = new OneEuroFilter(FACE_POINT_FILTER);
    f.filter(0, 0);
    const y = f.filter(10, 0.1);
    expect(f.filter(1000, 0.1)).toBe(y);
    expect(f.filter(1000, 0.05)).toBe(y);
    f.reset();
    expect(f.filter(7, 5)).toBe(7);
  });
});
