/**
 * Runs a face mesh model on square crops of the image and returns each mesh in image pixels.
 * All faces of a photo go through the model as one batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { fromCrop, type Roi, type Vec3 } from '../shape/geometry';
import { squareCrops } from './square-crops';
import type { CompiledGraph } from '../runtime/graph-runner';
import { decodeMesh, type RefinementHead } from './mesh-decoder';

export const LANDMARK_INPUT = 192;
/** Below this face-presence score the crop holds no face (MediaPipe's threshold). */
export const FACE_PRESENCE = 0.5;

export interface Landmarker {
  model: CompiledGraph;
  heads: readonly RefinementHead[];
}

export interface MeshResult {
  roi: Roi;
  /** Face presence probability from the model's face flag. */
  score: number;
  /** 468 or 478 points in image pixels (z in pixels too, towards the camera negative). */
  mesh: Vec3[];
}

/** Crops every ROI to the model's 192×192 input, values in [0, 1], edges replicated. */
const crops = (image: tf.Tensor3D, rois: readonly Roi[]): tf.Tensor4D =>
  tf.tidy(() => tf.div(squareCrops(image, rois, LANDMARK_INPUT), 255) as tf.Tensor4D);

export async function runLandmarks(landmarker: Landmarker, image: tf.Tensor3D, rois: readonly Roi[]): Promise<MeshResult[]> {
  if (rois.length === 0) return [];
  const input = crops(image, rois);
  const names = ['output_faceflag', ...landmarker.heads.map((h) => h.output)];
  const outputs = landmarker.model.execute(input, names);
  // Values per face of each output, and where each starts in a face's row of the joined read-back.
  const sizes = outputs.map((t) => t.size / rois.length);
  const offsets = sizes.map((_, k) => sizes.slice(0, k).reduce((a, b) => a + b, 0));
  const stride = sizes.reduce((a, b) => a + b, 0);
  let joined: tf.Tensor | undefined;
  let data: Float32Array;
  try {
    // One read-back for all heads and faces: on WebGL each read-back waits for the GPU on its own.
    joined = tf.tidy(() => tf.concat(outputs.map((t) => tf.reshape(t, [rois.length, -1])), 1));
    data = (await joined.data()) as Float32Array;
  } finally {
    tf.dispose([input, ...outputs]);
    joined?.dispose();
  }
  return rois.map((roi, i) => {
    const [flag, ...heads] = sizes.map((n, k) => data.subarray(i * stride + offsets[k]!, i * stride + offsets[k]! + n));
    const mesh = decodeMesh(landmarker.heads, heads).map((p) => fromCrop(roi, LANDMARK_INPUT, p));
    return { roi, score: flag![0]!, mesh };
  });
}
