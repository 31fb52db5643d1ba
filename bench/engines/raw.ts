/**
 * The engine faceshape stands on, used directly: @tensorflow-models/face-landmarks-detection
 * (tfjs runtime, attention mesh) with the same model files from the built site's models/.
 */
import * as faceLandmarks from '@tensorflow-models/face-landmarks-detection';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Engine, TfBackend } from './engine';
import { tfTensors } from './engine';

const site = new URL('../', location.href);

function create(maxFaces: number): Promise<faceLandmarks.FaceLandmarksDetector> {
  return faceLandmarks.createDetector(faceLandmarks.SupportedModels.MediaPipeFaceMesh, {
    runtime: 'tfjs',
    refineLandmarks: true,
    maxFaces,
    detectorModelUrl: new URL('models/facemesh-detection-short.json', site).href,
    landmarkModelUrl: new URL('models/facemesh-attention.json', site).href,
  });
}

export async function loadRaw(backend: TfBackend): Promise<Engine> {
  // As faceshape does: the SIMD build (threads need cross-origin isolation).
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(new URL('wasm/', site).href);
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} did not start`);
  await tf.ready();
  // Its tracking re-detects every frame while it follows fewer than maxFaces faces, so the
  // video job gets a one-face detector, the photos one that may find ten.
  const single = await create(1);
  let many: faceLandmarks.FaceLandmarksDetector | undefined;
  return {
    backend: tf.getBackend(),
    photo: async (image) => (await single.estimateFaces(image, { staticImageMode: true })).length,
    group: async (image) => {
      many ??= await create(10);
      return (await many.estimateFaces(image, { staticImageMode: true })).length;
    },
    frame: async (frame) =>
      (await single.estimateFaces(frame, { staticImageMode: false })).map((face) => face.keypoints.map(({ x, y }) => ({ x, y }))),
    tensors: tfTensors,
    close: () => {
      single.dispose();
      many?.dispose();
    },
  };
}
