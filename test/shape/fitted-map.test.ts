/**
 * The fitted point map: its pure parts, the shipped files, and its cross-validated error on
 * a subset of ../shared/faces-train (when that folder is there), bounded so a regression fails.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import manifest from '../../models/manifest.json';
import { applyFittedMap, FITTED_GROUPS, FITTED_POINTS, inputCount, readFittedMap, type FittedMap } from '../../src/shape/fitted-map';
import { faceFrame, toFace, toImage } from '../../src/shape/face-frame';
import { faceShape, rulePoints } from '../../src/shape/face-shape';
import { levelled, orderProblems } from '../../src/shape/point-order';
import type { FaceShape } from '../../src/contract/types';
import type { Vec3 } from '../../src/shape/geometry';
import { patchBox } from '../../src/shape/face-patch';
import { rgbInto } from '../../src/image/image-tensor';
import type { RgbaPixels } from '../../src/image/image-input';
import { grayPatch } from '../../src/pipeline/gray-patch';
import { GROUPS, POINT_COUNT } from '../../src/contract/schema';
import { crossValidate, fitMap } from '../../training/cv';
import { FACES_TRAIN, photoOf, type TrainRow } from '../../training/data';
import { toSample, type Sample } from '../../training/dataset';
import { figures } from '../../training/report';
import { SHIPPED } from '../../training/spec';
import { nodeAnalyzer } from '../support/analyzer';
import { loadPixels } from '../support/images';

/** A mesh-shaped point cloud: the 478 vertices on a tilted ellipse, eyes at 33 and 263. */
function fakeMesh(): Vec3[] {
  return Array.from({ length: 478 }, (_, i) => {
    const a = (i / 478) * 2 * Math.PI;
    const p = { x: 200 + 80 * Math.cos(a) + 10 * Math.sin(3 * a), y: 220 + 100 * Math.sin(a), z: 5 * Math.cos(a) };
    if (i === 33) return { x: 160, y: 190, z: 0 };
    if (i === 263) return { x: 240, y: 200, z: 0 };
    return p;
  });
}

/** The map that copies the rule points it is given (inputs 2k, 2k+1 of fitted point k). */
function identityMap(): Omit<FittedMap, 'refine'> {
  const rows = inputCount({ vertices: [], turn_vertices: [] });
  const cols = 2 * FITTED_POINTS;
  const weights = new Array<number>((rows + 1) * cols).fill(0);
  let input = 0;
  let output = 0;
  for (const g of GROUPS) {
    const fitted = FITTED_GROUPS.includes(g);
    for (let i = 0; i < g.size; i++, input += 2) {
      if (!fitted) continue;
      weights[input * cols + output] = 1;
      weights[(input + 1) * cols + output + 1] = 1;
      output += 2;
    }
  }
  return { face_model_version: '3.0', vertices: [], turn_vertices: [], weights };
}

describe('fitted map, pure', () => {
  it('goes to the face frame and back', () => {
    const f = faceFrame(fakeMesh());
    const p = { x: 123.4, y: 321.5, z: 0 };
    const q = toImage(f, toFace(f, p));
    expect(q.x).toBeCloseTo(p.x, 9);
    expect(q.y).toBeCloseTo(p.y, 9);
    expect(toFace(f, { x: 160, y: 190, z: 0 }).x).toBeCloseTo(-0.5, 9);
  });

  it('applies its weights in the face frame: an identity map returns the rule points', () => {
    const mesh = fakeMesh();
    const rule = rulePoints(mesh);
    const fitted = applyFittedMap(identityMap(), mesh, GROUPS.flatMap((g) => rule[g.name]));
    expect(Object.keys(fitted)).toEqual(FITTED_GROUPS.map((g) => g.name));
    for (const [i, p] of fitted.face_profile!.entries()) {
      expect(p.x).toBeCloseTo(rule.face_profile[i]!.x, 6);
      expect(p.y).toBeCloseTo(rule.face_profile[i]!.y, 6);
    }
  });

  it('keeps a lower lid at least a pixel under its upper lid', () => {
    const mesh = fakeMesh();
    const rule = rulePoints(mesh);
    // Every input point of the left eye at the same place: a closed eye.
    const eye = rule.left_eye[0]!;
    rule.left_eye = rule.left_eye.map(() => ({ ...eye }));
    const fitted = applyFittedMap(identityMap(), mesh, GROUPS.flatMap((g) => rule[g.name]));
    const f = faceFrame(mesh);
    const pixel = 1 / Math.hypot(f.c, f.s);
    for (const [lo, up] of [[1, 7], [2, 6], [3, 5]] as const) {
      const dy = toFace(f, { ...fitted.left_eye![lo]!, z: 0 }).y - toFace(f, { ...fitted.left_eye![up]!, z: 0 }).y;
      expect(dy).toBeCloseTo(pixel, 9);
    }
  });
});

describe('shipped fitted maps', () => {
  it.each(['3.0', '2.0'])('%s: checksummed in the manifest, weights the size of its inputs, with its refinement', (version) => {
    const file = `fitted-map-${version}.json`;
    const bytes = readFileSync(new URL(`../../models/${file}`, import.meta.url));
    const entry = (manifest.files as Record<string, { sha256: string; bytes: number }>)[file]!;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
    expect(bytes.length).toBe(entry.bytes);
    const map = JSON.parse(bytes.toString('utf8')) as FittedMap;
    expect(map.face_model_version).toBe(version);
    expect(map.weights).toHaveLength((inputCount(map) + 1) * 2 * FITTED_POINTS);
    expect(inputCount(map)).toBeGreaterThanOrEqual(2 * POINT_COUNT);
    expect(readFittedMap(map, version as FittedMap['face_model_version']).refine.stages.length).toBeGreaterThan(0);
  });
});

/**
 * Cross-validated on every 5th face of faces-train (3.0; folds grouped by photo), map and
 * pixel refinement, measured 2026-12-02 16:02 with the analyzer as it is now (fewer faces to
 * fit each fold than the full set has, so above its 3.60 %). The bounds are the measured values
 * plus 3 %: the map alone measured 4.22 % (jaw 6.43 %) here, so losing the refinement fails the
 * mean's bound.
 */
const SUBSET_MEASURED = { mean: 4.02, jaw: 6.31 };

/** The refinement's grey patch of a face, cut as training/patches.ts cuts it. */
function patchOf(pixels: RgbaPixels, mesh: Vec3[]): Float32Array {
  const rgb = new Float32Array(pixels.width * pixels.height * 3);
  rgbInto(pixels.data, rgb);
  const image = tf.tensor3d(rgb, [pixels.height, pixels.width, 3]);
  try {
    return grayPatch(image, patchBox(mesh)).data;
  } finally {
    image.dispose();
  }
}

/** Every 5th face of faces-train, through the real analyzer (wasm), with its patch. */
async function subsetSamples(): Promise<{ rows: number; samples: Sample[] }> {
  const rows = (JSON.parse(readFileSync(join(FACES_TRAIN, 'manifest.json'), 'utf8')) as TrainRow[]).filter((_, i) => i % 5 === 0);
  let seen: Vec3[][] = [];
  const analyzer = await nodeAnalyzer({ onMeshes: (m) => void (seen = m) });
  const samples: Sample[] = [];
  try {
    for (const row of rows) {
      const points = (JSON.parse(readFileSync(join(FACES_TRAIN, 'annotations', row.annotation), 'utf8')) as { points: number[][] }).points;
      seen = [];
      const pixels = await loadPixels(join(FACES_TRAIN, 'images', row.file));
      await analyzer.analyze({ image: pixels });
      // The largest face is the annotated one in these crops.
      const mesh = seen[0];
      if (mesh) samples.push(toSample({ file: row.file, set: row.set, photo: photoOf(row), points, mesh: mesh.flatMap((p) => [p.x, p.y, p.z]) }, patchOf(pixels, mesh)));
    }
  } finally {
    analyzer.close();
  }
  return { rows: rows.length, samples };
}

describe.skipIf(!existsSync(join(FACES_TRAIN, 'manifest.json')))('fitted map on faces-train', () => {
  let subset: { rows: number; samples: Sample[] };
  beforeAll(async () => {
    subset = await subsetSamples();
  }, 600_000);

  it('keeps the cross-validated error of a subset under its measured bound', () => {
    const { rows, samples } = subset;
    const f = figures(samples, crossValidate('3.0', samples, SHIPPED));
    console.log(`faces-train subset: ${samples.length} faces, CV mean ${(f.mean * 100).toFixed(2)}%, jaw ${(f.byRegion.jaw! * 100).toFixed(2)}%`);
    expect(samples.length).toBeGreaterThan(rows * 0.97);
    expect(f.mean * 100).toBeLessThan(SUBSET_MEASURED.mean * 1.03);
    expect(f.byRegion.jaw! * 100).toBeLessThan(SUBSET_MEASURED.jaw * 1.03);
  });

  it('refines no face into breaking a point-order rule that the map alone kept', () => {
    const map = fitMap('3.0', subset.samples, SHIPPED);
    const problems = (f: FaceShape): string[] => orderProblems(levelled(f));
    const broken = subset.samples.flatMap((s) => {
      const kept = new Set(problems(faceShape(s.mesh, map)));
      const added = problems(faceShape(s.mesh, map, s.patch)).filter((p) => !kept.has(p));
      return added.length ? [`${s.face.file}: ${added.join(', ')}`] : [];
    });
    expect(broken).toEqual([]);
  });
});
