import { describe, expect, it } from 'vitest';
import { FaceSmoother, faceExtent, matchFaces } from '../../src/demo/face-smoother';
import { GROUPS } from '../../src/contract/schema';
import type { FaceShape } from '../../src/contract/types';

/** A face of the contract's shape: its points spread over a box of `width` centred at (cx, cy). */
function face(cx: number, cy: number, width = 100): FaceShape {
  const f = {} as FaceShape;
  let k = 0;
  for (const g of GROUPS) {
    f[g.name] = Array.from({ length: g.size }, () => {
      const t = (k++ * 37) % 90;
      return { x: Math.round(cx - width / 2 + (width * t) / 89), y: Math.round(cy - width / 2 + (width * ((t * 7) % 90)) / 89) };
    });
  }
  return f;
}

const shift = (f: FaceShape, dx: number): FaceShape =>
  Object.fromEntries(Object.entries(f).map(([k, ps]) => [k, ps.map((p) => ({ x: p.x + dx, y: p.y }))])) as FaceShape;

describe('matchFaces', () => {
  it('pairs each face with the nearest previous one, closest pairs first', () => {
    const a = faceExtent(face(100, 100));
    const b = faceExtent(face(400, 100));
    expect(matchFaces([a, b], [faceExtent(face(405, 100)), faceExtent(face(95, 100))])).toEqual([1, 0]);
  });

  it('leaves a face unmatched when no previous face is within half a face width', () => {
    expect(matchFaces([faceExtent(face(100, 100))], [faceExtent(face(300, 100))])).toEqual([-1]);
    expect(matchFaces([], [faceExtent(face(100, 100))])).toEqual([-1]);
  });
});

describe('FaceSmoother', () => {
  it('keeps the key order and the 90 points', () => {
    const out = new FaceSmoother().smooth([face(100, 100)], 0)[0]!;
    expect(Object.keys(out)).toEqual(GROUPS.map((g) => g.name));
    expect(GROUPS.reduce((n, g) => n + out[g.name].length, 0)).toBe(90);
  });

  it('keeps each face on its own filters when the response order swaps', () => {
    const s = new FaceSmoother();
    const a = face(100, 100);
    const b = face(400, 100);
    s.smooth([a, b], 0);
    // Same faces, other order: a filter crossed over would drag the point ~300 px.
    const [first, second] = s.smooth([b, a], 1 / 15);
    expect(first!.nose[0]!.x).toBeCloseTo(b.nose[0]!.x, 6);
    expect(second!.nose[0]!.x).toBeCloseTo(a.nose[0]!.x, 6);
  });

  it('smooths a small jump of a tracked face but shows a new face where it is', () => {
    const s = new FaceSmoother();
    const a = face(100, 100);
    s.smooth([a], 0);
    const moved = s.smooth([shift(a, 2)], 1 / 15)[0]!;
    expect(moved.nose[0]!.x).toBeGreaterThan(a.nose[0]!.x);
    expect(moved.nose[0]!.x).toBeLessThan(a.nose[0]!.x + 2);
    const elsewhere = face(600, 300);
    expect(s.smooth([elsewhere], 2 / 15)[0]).toEqual(elsewhere);
  });

  it('forgets every face on reset', () => {
    const s = new FaceSmoother();
    const a = face(100, 100);
    s.smooth([a], 0);
    s.reset();
    const moved = shift(a, 2);
    expect(s.smooth([moved], 1 / 15)[0]).toEqual(moved);
  });
});
