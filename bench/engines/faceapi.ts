/**
 * @vladmandic/face-api 1.7.15 (its default SSD MobileNet v1 detector, or its Tiny Face
 * Detector, and the 68-point landmark net), the crowd comparison the issue measured against: its weights are copied into faceapi-models/ by
 * the bench build. It runs in a page of its own, on its bundled TF.js (4.22, as faceshape's)
 * and the site's wasm binaries: in faceshape's page its kernels would replace faceshape's in
 * the one kernel registry TF.js keeps per page, and fail ("w0 is not a function").
 */
import * as faceapi from '@vladmandic/face-api';

export interface FaceApi {
  backend: string;
  /** Every face (up to 10) with its 68 points; resolves to the number found. */
  group(image: HTMLImageElement): Promise<number>;
}

/** The parts of its bundled TF.js used here (its types leave them out). */
const tf = faceapi.tf as unknown as {
  setWasmPaths(prefix: string): void;
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
};

export async function loadFaceApi(backend: string, detector: 'ssd' | 'tiny'): Promise<FaceApi> {
  tf.setWasmPaths(new URL('../wasm/', location.href).href);
  if (!(await tf.setBackend(backend))) throw new Error(`face-api: backend ${backend} did not start`);
  await tf.ready();
  const models = new URL('faceapi-models/', location.href).href;
  await (detector === 'ssd' ? faceapi.nets.ssdMobilenetv1 : faceapi.nets.tinyFaceDetector).loadFromUri(models);
  await faceapi.nets.faceLandmark68Net.loadFromUri(models);
  // Their defaults, but at most 10 faces where the detector has such a limit (as faceshape's mode 0).
  const options = detector === 'ssd' ? new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 10 }) : new faceapi.TinyFaceDetectorOptions();
  return {
    backend: tf.getBackend(),
    group: async (image) => (await faceapi.detectAllFaces(image, options).withFaceLandmarks()).length,
  };
}
