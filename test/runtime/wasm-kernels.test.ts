/** Our wasm GatherV2, Transform and DepthToSpace kernels against TF.js's cpu kernels, on every case they take. */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaceAnalyzer } from '../../src/analyzer/api';
import { nodeAnalyzer } from '../support/analyzer';

let analyzer: FaceAnalyzer;
beforeAll(async () => {
  analyzer = await nodeAnalyzer({ preload: [] });
});
afterAll(() => analyzer.close());

/** The gather computed on one backend, read back as plain numbers. */
async function gatherOn(backend: string, values: number[], shape: number[], indices: number[][] | number[], axis: number, batchDims: number): Promise<{ shape: number[]; values: number[] }> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const i = tf.tensor(indices, undefined, 'int32');
    const out = tf.gather(tf.tensor(values, shape), i, axis, batchDims);
    return { shape: out.shape, values: Array.from(out.dataSync()) };
  });
}

describe('GatherV2 on wasm', () => {
  const values = Array.from({ length: 2 * 5 * 4 * 3 }, (_, i) => i * 0.5 - 7);
  const shape = [2, 5, 4, 3];

  it('runs ours, not the element-by-element kernel', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getKernel('GatherV2', 'wasm')?.kernelFunc.name).not.toBe('gatherV2');
  });

  it.each([
    { axis: 0, batchDims: 0, indices: [1, 0, 1] },
    { axis: 1, batchDims: 0, indices: [4, 0, 2, 2] },
    { axis: 2, batchDims: 0, indices: [[3, 1], [0, 0]] },
    { axis: 3, batchDims: 0, indices: [2] },
    { axis: 1, batchDims: 1, indices: [[0, 4], [3, 3]] },
    { axis: 2, batchDims: 1, indices: [[1, 2, 3], [0, 0, 1]] },
  ])('axis $axis, batchDims $batchDims, indices $indices: as the cpu backend', async ({ axis, batchDims, indices }) => {
    const expected = await gatherOn('cpu', values, shape, indices, axis, batchDims);
    const got = await gatherOn('wasm', values, shape, indices, axis, batchDims);
    expect(got).toEqual(expected);
  });

  it('gathers int32 and bool tensors', async () => {
    await tf.setBackend('wasm');
    const [ints, bools] = tf.tidy(() => [
      Array.from(tf.gather(tf.tensor1d([5, 6, 7], 'int32'), tf.tensor1d([2, 0], 'int32')).dataSync()),
      Array.from(tf.gather(tf.tensor1d([true, false, true], 'bool'), tf.tensor1d([1, 2], 'int32')).dataSync()),
    ]);
    expect(ints).toEqual([7, 5]);
    expect(bools).toEqual([0, 1]);
  });

  it('refuses an index out of range, and leaks nothing doing so', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    expect(() => tf.tidy(() => tf.gather(tf.ones([4, 2]), tf.tensor1d([1, 4], 'int32')))).toThrow(/index value 4 is not in \[0, 3\]/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('Transform on wasm', () => {
  // A 5×7 image with 3 channels, every value distinct, so a wrong tap shows.
  const shape = [1, 5, 7, 3];
  const values = Array.from({ length: 5 * 7 * 3 }, (_, i) => (i * 37) % 101);

  async function transformOn(backend: string, transform: number[], attrs: Omit<tf.TransformAttrs, 'outputShape'>) {
    await tf.setBackend(backend);
    return tf.tidy(() => {
      const out = tf.image.transform(tf.tensor4d(values, shape as [number, number, number, number]), tf.tensor2d([transform]), attrs.interpolation, attrs.fillMode, attrs.fillValue, [6, 9]);
      return { shape: out.shape, values: Array.from(out.dataSync()) };
    });
  }

  it('runs ours, not the element-by-element kernel', () => {
    expect(tf.getKernel('Transform', 'wasm')?.kernelFunc.name).not.toBe('transform');
  });

  // A face crop's kind of transform (rotated, scaled, shifted past the edges), and a projective one.
  const TRANSFORMS = [
    [0.9, -0.3, -1.2, 0.35, 0.8, -0.7, 0, 0],
    [1.1, 0.2, 0.5, -0.1, 0.9, 0.3, 0.02, -0.03],
  ];
  const MODES = (['nearest', 'constant', 'reflect', 'wrap'] as const).flatMap((fillMode) =>
    (['bilinear', 'nearest'] as const).flatMap((interpolation) => TRANSFORMS.map((transform) => ({ fillMode, interpolation, transform }))),
  );
  it.each(MODES)('fill $fillMode, $interpolation, $transform: as the cpu backend', async ({ fillMode, interpolation, transform }) => {
    const attrs = { interpolation, fillMode, fillValue: 3 };
    const expected = await transformOn('cpu', transform, attrs);
    const got = await transformOn('wasm', transform, attrs);
    expect(got.shape).toEqual(expected.shape);
    got.values.forEach((v, i) => expect(v).toBeCloseTo(expected.values[i]!, 4));
  });
});

describe('DepthToSpace on wasm', () => {
  it('runs ours, not the element-by-element kernel', () => {
    expect(tf.getKernel('DepthToSpace', 'wasm')?.kernelFunc.name).not.toBe('depthToSpace');
  });

  it.each([
    { shape: [2, 3, 4, 8], block: 2 },
    { shape: [1, 2, 2, 18], block: 3 },
    { shape: [1, 24, 24, 64], block: 2 },
  ])('shape $shape, block $block: as the cpu backend', async ({ shape, block }) => {
    const values = Array.from({ length: shape.reduce((a, b) => a * b) }, (_, i) => i);
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const out = tf.depthToSpace(tf.tensor4d(values, shape as [number, number, number, number]), block);
        return { shape: out.shape, values: Array.from(out.dataSync()) };
      });
    };
    const expected = await run('cpu');
    expect(await run('wasm')).toEqual(expected);
  });
});
