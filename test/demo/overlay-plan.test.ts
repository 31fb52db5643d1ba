import { describe, expect, it } from 'vitest';
import { planOverlay, toCanvas } from '../../src/demo/overlay-plan';
import { GROUPS } from '../../src/contract/schema';
import type { FaceShape } from '../../src/contract/types';

function face(x0: number, width: number): FaceShape {
  const f = {} as FaceShape;
  let k = 0;
  for (const g of GROUPS) f[g.name] = Array.from({ length: g.size }, () => ({ x: x0 + Math.round(((k++ % 90) * width) / 89), y: 50 + (k % 7) }));
  return f;
}

describe('toCanvas', () => {
  it('puts a point at the centre of its pixel, scaled to the canvas', () => {
    expect(toCanvas({ x: 0, y: 0 }, { scaleX: 1, scaleY: 1 })).toEqual({ x: 0.5, y: 0.5 });
    expect(toCanvas({ x: 10, y: 20 }, { scaleX: 2, scaleY: 0.5 })).toEqual({ x: 21, y: 10.25 });
  });
});

describe('planOverlay', () => {
  const opts = { scaleX: 2, scaleY: 2, unit: 2 };

  it('draws every group in its colour, its lines in the schema order', () => {
    const f = face(10, 200);
    const [plan] = planOverlay([f], GROUPS, opts);
    expect(plan!.groups.map((g) => g.name)).toEqual(GROUPS.map((g) => g.name));
    for (const [i, g] of GROUPS.entries()) {
      const p = plan!.groups[i]!;
      expect(p.color).toBe(g.color);
      expect(p.points).toEqual(f[g.name].map((pt) => toCanvas(pt, opts)));
      expect(p.lines).toEqual(g.lines.map((run) => run.map((k) => toCanvas(f[g.name][k]!, opts))));
    }
    const mouth = plan!.groups.find((g) => g.name === 'mouth')!;
    // Outer and inner lip rings, each closed.
    expect(mouth.lines).toHaveLength(2);
    expect(mouth.lines[0]![0]).toEqual(mouth.lines[0]![12]);
  });

  it('leaves hidden groups out', () => {
    const [plan] = planOverlay([face(0, 100)], GROUPS, { ...opts, hidden: new Set(['face_profile', 'mouth'] as const) });
    expect(plan!.groups.map((g) => g.name)).not.toContain('face_profile');
    expect(plan!.groups.map((g) => g.name)).not.toContain('mouth');
    expect(plan!.groups).toHaveLength(GROUPS.length - 2);
  });

  it('sizes dots with the face on screen, within bounds set in CSS pixels', () => {
    const [small, mid, large] = planOverlay([face(0, 20), face(0, 330), face(0, 5000)], GROUPS, opts);
    expect(small!.radius).toBe(1.5 * opts.unit);
    expect(mid!.radius).toBeCloseTo((330 * 2) / 110, 5);
    expect(large!.radius).toBe(5 * opts.unit);
    expect(mid!.lineWidth).toBeGreaterThanOrEqual(opts.unit);
  });

  it('numbers faces in response order, above each face', () => {
    const plans = planOverlay([face(0, 100), face(300, 100)], GROUPS, opts);
    expect(plans.map((p) => p.tag.text)).toEqual(['1', '2']);
    const top = Math.min(...plans[0]!.groups.flatMap((g) => g.points.map((p) => p.y)));
    expect(plans[0]!.tag.y).toBeLessThan(top);
  });
});
