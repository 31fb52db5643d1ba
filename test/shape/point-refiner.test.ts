/**
 * The pixel refinement's pure parts: features that turn with the face, stage moves in the
 * face's frame and their bound, the weights' check, and the order guard that drops a move
 * breaking the contract's point order.
 */
import { describe, expect, it } from 'vitest';
import { FaceAnalyzeError } from '../../src/contract/errors';
import type { FaceShape, Point } from '../../src/contract/types';
import type { FaceFrame } from '../../src/shape/face-frame';
import { flatPoints, fromFlat, keepOrder, steadyFace } from '../../src/shape/face-shape';
import { PATCH_SIDE, type GrayPatch } from '../../src/shape/face-patch';
import { FEATURES_PER_POINT, pointFeatures } from '../../src/shape/point-features';
import { orderProblems } from '../../src/shape/point-order';
import { readPointRefiner, refineStage, stageSize } from '../../src/shape/point-refiner';

/** A patch over image pixels 0..127 whose luminance rises along `angle` (a smooth ramp, so bilinear sampling is exact). */
function ramp(angle: number): GrayPatch {
  const data = new Float32Array(PATCH_SIDE * PATCH_SIDE);
  for (let v = 0; v < PATCH_SIDE; v++) for (let u = 0; u < PATCH_SIDE; u++) data[v * PATCH_SIDE + u] = 100 + 0.5 * ((u - 64) * Math.cos(angle) + (v - 64) * Math.sin(angle));
  return { box: { left: 0, top: 0, side: PATCH_SIDE - 1 }, data };
}

/** A frame of eye distance 40 px turned by `angle`, centred on the patch. */
const frame = (angle: number): FaceFrame => ({ origin: { x: 64, y: 64 }, c: 40 * Math.cos(angle), s: 40 * Math.sin(angle) });

describe('point features', () => {
  it('are the same for a face and its picture turned with it', () => {
    const a = pointFeatures(ramp(0.2), frame(0), [{ x: 64, y: 64 }], 0.2);
    const b = pointFeatures(ramp(0.2 + 0.7), frame(0.7), [{ x: 64, y: 64 }], 0.2);
    expect(a).toHaveLength(FEATURES_PER_POINT);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i]!, 4);
    expect(Math.max(...a)).toBeGreaterThan(0);
  });

  it('are zero on a flat patch', () => {
    const flat = { box: { left: 0, top: 0, side: PATCH_SIDE - 1 }, data: new Float32Array(PATCH_SIDE * PATCH_SIDE).fill(90) };
    expect(Math.max(...pointFeatures(flat, frame(0), [{ x: 64, y: 64 }], 0.2))).toBe(0);
  });
});

/** Weights that move every point by (dx, dy) face units whatever it sees: bias rows only. */
function biasOnly(points: number, dx: number, dy: number): number[] {
  const w = new Array<number>(stageSize(points)).fill(0);
  for (let k = 0; k < points; k++) {
    const bias = (k * (FEATURES_PER_POINT + 1) + FEATURES_PER_POINT) * 2;
    w[bias] = dx;
    w[bias + 1] = dy;
  }
  return w;
}

describe('point refiner', () => {
  it('moves points in the face frame', () => {
    const f = frame(Math.PI / 2);
    const [p] = refineStage({ radius: 0.2, weights: biasOnly(1, 0.05, 0) }, ramp(0), f, [{ x: 50, y: 60 }]);
    // Face x runs down the image when the face is turned a quarter: 0.05 × 40 px.
    expect(p!.x).toBeCloseTo(50, 9);
    expect(p!.y).toBeCloseTo(62, 9);
  });

  it('moves a point at most a tenth of the eye distance a stage', () => {
    const [p] = refineStage({ radius: 0.2, weights: biasOnly(1, 3, 4) }, ramp(0), frame(0), [{ x: 50, y: 60 }]);
    expect(p!.x).toBeCloseTo(50 + 0.06 * 40, 9);
    expect(p!.y).toBeCloseTo(60 + 0.08 * 40, 9);
  });

  it('refuses weights that do not fit the points', () => {
    const stage = (weights: number[], radius = 0.2) => ({ stages: [{ radius, weights }] });
    expect(readPointRefiner(stage(biasOnly(3, 0, 0)), 3).stages).toHaveLength(1);
    expect(() => readPointRefiner(stage(biasOnly(2, 0, 0)), 3)).toThrow(FaceAnalyzeError);
    expect(() => readPointRefiner(stage([...biasOnly(3, 0, 0).slice(1), NaN]), 3)).toThrow(FaceAnalyzeError);
    expect(() => readPointRefiner(stage(biasOnly(3, 0, 0), 0), 3)).toThrow(FaceAnalyzeError);
    expect(() => readPointRefiner(null, 3)).toThrow(FaceAnalyzeError);
  });
});

/** A ring of n points on an ellipse from angle `from`, turning by `step`: lids, brows. */
const ring = (cx: number, cy: number, rx: number, ry: number, from: number, step: number, n = 8): Point[] =>
  Array.from({ length: n }, (_, k) => ({ x: Math.round(cx + rx * Math.cos(from + k * step)), y: Math.round(cy - ry * Math.sin(from + k * step)) }));

/** A schematic upright face that keeps every order rule. */
function uprightFace(): FaceShape {
  // Lower lip left to right, upper lip right to left, `h` pixels either side of y.
  const lips = (y: number, h: number, from: number, to: number): Point[] => [
    ...Array.from({ length: 5 }, (_, i) => ({ x: from + ((to - from) * i) / 4, y: y + h })),
    ...Array.from({ length: 5 }, (_, i) => ({ x: to - ((to - from) * i) / 4, y: y - h })),
  ];
  return {
    face_profile: Array.from({ length: 21 }, (_, k) => ({ x: Math.round(160 - 80 * Math.cos((k * Math.PI) / 20)), y: Math.round(100 + 130 * Math.sin((k * Math.PI) / 20)) })),
    left_eye: ring(120, 100, 20, 8, Math.PI, Math.PI / 4),
    right_eye: ring(200, 100, 20, 8, 0, -Math.PI / 4),
    left_eye_brow: ring(120, 75, 22, 4, Math.PI, Math.PI / 4),
    right_eye_brow: ring(200, 75, 22, 4, 0, -Math.PI / 4),
    mouth: [
      { x: 130, y: 185 },
      ...lips(185, 7, 140, 180).slice(0, 5),
      { x: 190, y: 185 },
      ...lips(185, 7, 140, 180).slice(5),
      ...lips(185, 2, 145, 165),
    ],
    nose: [
      { x: 160, y: 150 },
      { x: 160, y: 100 },
      { x: 155, y: 115 },
      { x: 152, y: 130 },
      { x: 148, y: 145 },
      { x: 145, y: 155 },
      { x: 152, y: 158 },
      { x: 160, y: 160 },
      { x: 168, y: 158 },
      { x: 175, y: 155 },
      { x: 172, y: 145 },
      { x: 168, y: 130 },
      { x: 165, y: 115 },
    ],
    left_pupil: [{ x: 120, y: 100 }],
    right_pupil: [{ x: 200, y: 100 }],
  };
}

describe('order guard', () => {
  it('keeps each group moved unless the move breaks a rule the fitted points kept', () => {
    const mapped = uprightFace();
    expect(orderProblems(mapped)).toEqual([]);
    const moved = (pts: Point[], dx: number): Point[] => pts.map((p) => ({ x: p.x + dx, y: p.y }));
    // The left eye's lids swapped (lower run above the upper), the mouth and jaw merely shifted.
    const eye = mapped.left_eye;
    const crossed = [eye[0]!, eye[7]!, eye[6]!, eye[5]!, eye[4]!, eye[3]!, eye[2]!, eye[1]!];
    const refined = { ...mapped, left_eye: crossed, mouth: moved(mapped.mouth, 1), face_profile: moved(mapped.face_profile, -1) };
    const kept = keepOrder(mapped, refined);
    expect(kept.left_eye).toEqual(mapped.left_eye);
    expect(kept.mouth).toEqual(refined.mouth);
    expect(kept.face_profile).toEqual(refined.face_profile);
    expect(orderProblems(kept)).toEqual([]);
  });
});

describe('smoothed video faces', () => {
  it('go through one list of points and back unchanged, groups in the schema order', () => {
    const face = uprightFace();
    const flat = flatPoints(face);
    expect(flat).toHaveLength(90);
    expect(flat[0]).toEqual(face.face_profile[0]);
    expect(fromFlat(flat)).toEqual(face);
  });

  it('take the smoothed points but for a group whose smoothing breaks an order rule the face as found kept', () => {
    const found = uprightFace();
    const eye = found.right_eye;
    // A filter lagging on two lid points of one eye crosses them; the mouth is merely smoothed
    // by a fraction of a pixel, the pupils too (they are no fitted group).
    const smoothed = {
      ...found,
      right_eye: [eye[0]!, eye[7]!, eye[6]!, eye[5]!, eye[4]!, eye[3]!, eye[2]!, eye[1]!],
      mouth: found.mouth.map((p) => ({ x: p.x + 0.4, y: p.y - 0.3 })),
      left_pupil: [{ x: 121.2, y: 100.4 }],
    };
    const steady = steadyFace(found, smoothed);
    expect(steady.right_eye).toEqual(found.right_eye);
    expect(steady.mouth).toEqual(found.mouth.map((p) => ({ x: Math.round(p.x + 0.4), y: Math.round(p.y - 0.3) })));
    expect(steady.left_pupil).toEqual([{ x: 121, y: 100 }]);
    expect(orderProblems(steady)).toEqual([]);
  });
});

