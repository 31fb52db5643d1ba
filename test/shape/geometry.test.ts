import { describe, expect, it } from 'vitest';
import { createAnchors, FULL_RANGE, SHORT_RANGE } from '../../src/pipeline/anchors';
import { cropTransform, fromCrop, unrotatePoint, type Roi } from '../../src/shape/geometry';
import { weightedNms } from '../../src/pipeline/nms';
import { pointAlong, resample } from '../../src/shape/polyline';
import { convexHull } from '../../src/shape/face-profile';
import { sha256Sync } from '../../src/runtime/sha256';
import { createHash } from 'node:crypto';

describe('anchors', () => {
  it('match the detectors’ output sizes (896 short-range, 2304 full-range)', () => {
    expect(createAnchors(SHORT_RANGE)).toHaveLength(896);
    expect(createAnchors(FULL_RANGE)).toHaveLength(2304);
    expect(createAnchors(FULL_RANGE)[0]).toEqual({ x: 0.5 / 48, y: 0.5 / 48 });
  });
});

describe('crops', () => {
  it('sample the same image point that fromCrop maps a crop point back to', () => {
    const roi: Roi = { cx: 300, cy: 200, size: 150, angle: 0.4 };
    const [a0, a1, a2, b0, b1, b2] = cropTransform(roi, 192);
    for (const [u, v] of [[0, 0], [96, 40], [191, 191]] as const) {
      // Pixel index (u, v) has its centre at (u + 0.5, v + 0.5) in continuous crop coordinates.
      const viaTransform = { x: a0! * u + a1! * v + a2! + 0.5, y: b0! * u + b1! * v + b2! + 0.5 };
      const viaFromCrop = fromCrop(roi, 192, { x: u + 0.5, y: v + 0.5, z: 0 });
      expect(viaTransform.x).toBeCloseTo(viaFromCrop.x, 6);
      expect(viaTransform.y).toBeCloseTo(viaFromCrop.y, 6);
    }
  });

  it('undo quarter turns', () => {
    const w = 40;
    const h = 30;
    // A point of the upright image, turned clockwise: (x, y) → (h - y, x) in a h×w image.
    const p = { x: 10, y: 5 };
    expect(unrotatePoint({ x: h - p.y, y: p.x }, 1, w, h)).toEqual(p);
    expect(unrotatePoint({ x: w - p.x, y: h - p.y }, 2, w, h)).toEqual(p);
    expect(unrotatePoint({ x: p.y, y: w - p.x }, 3, w, h)).toEqual(p);
  });
});

describe('weighted NMS', () => {
  it('merges overlapping detections of one face and keeps separate faces apart', () => {
    const d = (x: number, score: number) => ({ score, xMin: x, yMin: 0, xMax: x + 10, yMax: 10, keypoints: [{ x: x + 5, y: 5 }] });
    const out = weightedNms([d(0, 0.9), d(1, 0.6), d(50, 0.7)], 0.3);
    expect(out).toHaveLength(2);
    expect(out[0]!.score).toBe(0.9);
    expect(out[0]!.xMin).toBeCloseTo(0.6 / 1.5, 6);
    expect(out[1]!.xMin).toBe(50);
  });
});

describe('polylines and hulls', () => {
  it('spread points evenly by length', () => {
    const line = [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 3 }];
    expect(pointAlong(line, 0.5)).toEqual({ x: 1, y: 1 });
    expect(resample(line, 3)).toEqual([{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 1, y: 3 }]);
  });

  it('find the outline of a point cloud', () => {
    const hull = convexHull([{ x: 0, y: 0 }, { x: 2, y: 0 }, { x: 1, y: 1 }, { x: 2, y: 2 }, { x: 0, y: 2 }]);
    expect(hull).toHaveLength(4);
    expect(hull).not.toContainEqual({ x: 1, y: 1 });
  });
});

describe('sha256 fallback', () => {
  it('agrees with node:crypto', () => {
    for (const text of ['', 'abc', 'x'.repeat(200)]) {
      expect(sha256Sync(new TextEncoder().encode(text))).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });
});
