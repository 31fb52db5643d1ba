import { describe, expect, it } from 'vitest';
import { PointSmoother, pointsExtent, matchFaces } from '../../src/shape/point-smoother';
import { FACE_POINT_FILTER } from '../../src/shape/one-euro';
import type { Vec2 } from '../../src/shape/geometry';

/** 90 points spread over a box of `width` centred at (cx, cy), in integer pixels. */
function face(cx: number, cy: number, width = 100): Vec2[] {
  return Array.from({ length: 90 }, (_, k) => {
    const t = (k * 37) % 90;
    return { x: Math.round(cx - width / 2 + (width * t) / 89), y: Math.round(cy - width / 2 + (width * ((t * 7) % 90)) / 89) };
  });
}

const shift = (f: Vec2[], dx: number, dy = 0): Vec2[] => f.map((p) => ({ x: p.x + dx, y: p.y + dy }));

/** Deterministic noise in [-1, 1] (a small LCG), so the test cannot flake. */
function noise(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 2 ** 32;
    return (s / 2 ** 32) * 2 - 1;
  };
}

describe('matchFaces', () => {
  it('pairs each face with the nearest previous one, closest pairs first', () => {
    const a = pointsExtent(face(100, 100));
    const b = pointsExtent(face(400, 100));
    expect(matchFaces([a, b], [pointsExtent(face(405, 100)), pointsExtent(face(95, 100))])).toEqual([1, 0]);
  });

  it('leaves a face unmatched when no previous face is within half a face width', () => {
    expect(matchFaces([pointsExtent(face(100, 100))], [pointsExtent(face(300, 100))])).toEqual([-1]);
    expect(matchFaces([], [pointsExtent(face(100, 100))])).toEqual([-1]);
  });
});

describe('PointSmoother', () => {
  it('keeps every point, in order, and what else each point carries', () => {
    const points = face(100, 100).map((p, i) => ({ ...p, z: i }));
    const out = new PointSmoother().smooth([points], 0)[0]!;
    expect(out).toEqual(points);
  });

  it('keeps each face on its own filters when the response order swaps', () => {
    const s = new PointSmoother();
    const a = face(100, 100);
    const b = face(400, 100);
    s.smooth([a, b], 0);
    // Same faces, other order: a filter crossed over would drag the point ~300 px.
    const [first, second] = s.smooth([b, a], 1 / 15);
    expect(first![0]!.x).toBeCloseTo(b[0]!.x, 6);
    expect(second![0]!.x).toBeCloseTo(a[0]!.x, 6);
  });

  it('smooths a small jump of a tracked face but shows a new face where it is', () => {
    const s = new PointSmoother();
    const a = face(100, 100);
    s.smooth([a], 0);
    const moved = s.smooth([shift(a, 2)], 1 / 15)[0]!;
    expect(moved[0]!.x).toBeGreaterThan(a[0]!.x);
    expect(moved[0]!.x).toBeLessThan(a[0]!.x + 2);
    const elsewhere = face(600, 300);
    expect(s.smooth([elsewhere], 2 / 15)[0]).toEqual(elsewhere);
  });

  it('forgets every face on reset', () => {
    const s = new PointSmoother();
    const a = face(100, 100);
    s.smooth([a], 0);
    s.reset();
    const moved = shift(a, 2);
    expect(s.smooth([moved], 1 / 15)[0]).toEqual(moved);
  });

  it('a still face with noise converges: its points settle within a tenth of the noise of the input', () => {
    const s = new PointSmoother();
    const rand = noise(3);
    const still = face(300, 200, 200);
    const motion: number[] = [];
    const rawMotion: number[] = [];
    let last: Vec2[] | undefined;
    let lastRaw: Vec2[] | undefined;
    for (let k = 0; k < 90; k++) {
      // ±1 px of noise on each point of a 200 px face, at 30 fps.
      const raw = still.map((p) => ({ x: p.x + rand(), y: p.y + rand() }));
      const out = s.smooth([raw], k / 30)[0]!;
      if (k >= 30 && last && lastRaw) {
        motion.push(Math.max(...out.map((p, i) => Math.hypot(p.x - last![i]!.x, p.y - last![i]!.y))));
        rawMotion.push(Math.max(...raw.map((p, i) => Math.hypot(p.x - lastRaw![i]!.x, p.y - lastRaw![i]!.y))));
      }
      last = out;
      lastRaw = raw;
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(motion)).toBeLessThan(0.35 * mean(rawMotion));
  });

  it('a step of a still face is followed within two frames', () => {
    const s = new PointSmoother();
    const a = face(300, 200, 200);
    for (let k = 0; k < 30; k++) s.smooth([a], k / 30);
    // A tenth of a face width in one frame (a quick turn of the head).
    const stepped = shift(a, 20, 10);
    const afterOne = s.smooth([stepped], 30 / 30)[0]!;
    const afterTwo = s.smooth([stepped], 31 / 30)[0]!;
    const left = (out: Vec2[]): number => Math.hypot(stepped[0]!.x - out[0]!.x, stepped[0]!.y - out[0]!.y);
    expect(left(afterOne)).toBeLessThan(0.35 * Math.hypot(20, 10));
    expect(left(afterTwo)).toBeLessThan(0.1 * Math.hypot(20, 10));
  });

  it('takes new parameters and keeps its state', () => {
    const s = new PointSmoother();
    const a = face(100, 100);
    s.smooth([a], 0);
    s.setParams({ ...FACE_POINT_FILTER, minCutoff: 1000, beta: 0 });
    // With a very high cutoff the filter passes the new position almost untouched.
    expect(s.smooth([shift(a, 2)], 1 / 30)[0]![0]!.x).toBeCloseTo(a[0]!.x + 2, 1);
  });
});
