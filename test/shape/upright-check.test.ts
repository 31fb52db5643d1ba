import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../src/shape/geometry';
import { uprightLogit, type UprightCheck } from '../../src/shape/upright-check';
import { UPRIGHT_CHECKS } from '../../src/pipeline/upright-weights';

/** A fixed pseudo-random mesh: the check reads only positions, not a face's look. */
const mesh: Vec3[] = Array.from({ length: 478 }, (_, i) => ({ x: 100 + ((i * 37) % 61), y: 80 + ((i * 53) % 71), z: ((i * 29) % 17) - 8 }));
mesh[33] = { x: 110, y: 100, z: 0 };
mesh[263] = { x: 150, y: 104, z: 0 };

/** The same mesh turned by `angle` about the origin, scaled and moved. */
const moved = (angle: number, k: number): Vec3[] =>
  mesh.map((p) => ({ x: 7 + k * (Math.cos(angle) * p.x - Math.sin(angle) * p.y), y: -3 + k * (Math.sin(angle) * p.x + Math.cos(angle) * p.y), z: k * p.z }));

describe("the upright check reads the mesh's shape in the face's own frame", () => {
  const check = UPRIGHT_CHECKS['3.0'];
  it('gives one face the same score wherever it is in the photo, at any size and tilt', () => {
    const at = uprightLogit(check, mesh, 0.9);
    for (const [angle, k] of [[0.3, 1], [Math.PI, 2.5], [-2, 0.4]] as const) expect(uprightLogit(check, moved(angle, k), 0.9)).toBeCloseTo(at, 6);
  });
  it('weighs each input as laid out: x, y, z per vertex, then the face flag logit, then the bias', () => {
    const only = (j: number, n = 2): UprightCheck => ({ vertices: [133], weights: Array.from({ length: 3 * 1 + n }, (_, i) => (i === j ? 1 : 0)) });
    expect(uprightLogit(only(4), mesh, 0.3)).toBe(1);
    expect(uprightLogit(only(3), mesh, 0.5)).toBeCloseTo(0, 9);
    expect(uprightLogit(only(3), mesh, 0.75)).toBeCloseTo(Math.log(3), 9);
    expect(Number.isFinite(uprightLogit(only(3), mesh, 1))).toBe(true);
    // Vertex 133 lies 0.5 eye distances right of the left corner at x = 110 (the frame's x
    // runs along the eye line, one unit its length, from their midpoint).
    const frameX = uprightLogit(only(0), mesh, 0.5);
    const eye = Math.hypot(40, 4);
    expect(frameX).toBeCloseTo(((mesh[133]!.x - 130) * 40 + (mesh[133]!.y - 102) * 4) / eye / eye, 9);
  });
  it('ships a check for each mesh version, with every weight in place and no frame-fixed vertex', () => {
    for (const c of Object.values(UPRIGHT_CHECKS)) {
      expect(c.weights).toHaveLength(3 * c.vertices.length + 2);
      expect(c.weights.every(Number.isFinite)).toBe(true);
      expect(c.vertices).not.toContain(33);
      expect(c.vertices).not.toContain(263);
    }
  });
});
