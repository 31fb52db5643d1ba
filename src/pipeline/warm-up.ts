/**
 * Runs every model once on a blank image, so that the first real call does not pay for what
 * a backend does on first use: WebGL compiles its shaders (seconds on a software renderer),
 * wasm sets up its XNNPACK operators. Worth it where it blocks nothing, as in a worker.
 */
import * as tf from '@tensorflow/tfjs-core';
import { detect, type Detector } from './face-detector';
import { runLandmarks, type Landmarker } from './landmarker';

const SIDE = 256;

export async function warmUp(detectors: readonly Detector[], landmarkers: readonly Landmarker[]): Promise<void> {
  const blank = tf.zeros([SIDE, SIDE, 3]) as tf.Tensor3D;
  try {
    for (const d of detectors) await detect(d, blank, { xMin: 0, yMin: 0, xMax: SIDE, yMax: SIDE });
    // Turned a little, so the crop takes the same path as a real face's.
    for (const l of landmarkers) await runLandmarks(l, blank, [{ cx: SIDE / 2, cy: SIDE / 2, size: SIDE * 0.8, angle: 0.1 }]);
  } finally {
    blank.dispose();
  }
}
