/**
 * Runs the BlazeFace detectors (short- and full-range) on a whole image and returns faces in
 * the image's pixels. The two models are complementary: short-range is sure of close-ups,
 * full-range sees the small faces of group photos.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createAnchors, decodeDetections, type DetectorConfig, type RawDetection } from './anchors';
import type { Box } from '../shape/geometry';
import type { CompiledGraph } from '../runtime/graph-runner';

export interface Detector {
  config: DetectorConfig;
  model: CompiledGraph;
  anchors: ReturnType<typeof createAnchors>;
}

export const makeDetector = (config: DetectorConfig, model: CompiledGraph): Detector => ({
  config,
  model,
  anchors: createAnchors(config),
});

/**
 * `region` of the image resized to outW×outH in one op, sampled where resizeBilinear with half
 * pixel centres samples the region. A slice fed to resizeBilinear gives the same numbers, but
 * on wasm that resize of a slice took 12 ms (a 380 px tile of a 640×480 frame) against 1 ms
 * for cropAndResize: the cost of a video frame's tile.
 */
function cropResized(image: tf.Tensor3D, region: Box, outW: number, outH: number): tf.Tensor4D {
  const [height, width] = image.shape;
  const w = region.xMax - region.xMin;
  const h = region.yMax - region.yMin;
  // Output pixel i sits at region + (i + ½)·(in / out) − ½ of the input, as in resizeBilinear.
  const at = (start: number, length: number, out: number, i: number, side: number): number =>
    Math.min(side - 1, Math.max(0, start + ((i + 0.5) * length) / out - 0.5)) / Math.max(1, side - 1);
  const box = [at(region.yMin, h, outH, 0, height), at(region.xMin, w, outW, 0, width), at(region.yMin, h, outH, outH - 1, height), at(region.xMin, w, outW, outW - 1, width)];
  return tf.image.cropAndResize(tf.expandDims(image, 0) as tf.Tensor4D, [box], [0], [outH, outW]);
}

/**
 * Letterboxes `region` of `image` (float32 RGB 0-255) into the detector's square input,
 * with the pixels averaged before resizing when shrinking a lot, so that downscaling does
 * not alias away small faces. Returns the input and the scale/offset back to image pixels.
 */
function detectorInput(image: tf.Tensor3D, region: Box, size: number): { input: tf.Tensor4D; scale: number; padX: number; padY: number } {
  const w = region.xMax - region.xMin;
  const h = region.yMax - region.yMin;
  const scale = size / Math.max(w, h);
  const outW = Math.max(1, Math.round(w * scale));
  const outH = Math.max(1, Math.round(h * scale));
  const padX = Math.floor((size - outW) / 2);
  const padY = Math.floor((size - outH) / 2);
  const [height, width] = image.shape;
  const whole = region.xMin === 0 && region.yMin === 0 && w === width && h === height;
  const pool = Math.floor(1 / scale / 1.5);
  const input = tf.tidy(() => {
    let x: tf.Tensor4D;
    if (!whole && pool < 2) {
      x = cropResized(image, region, outW, outH);
    } else {
      // tf.slice copies even the whole image, and on wasm copies a 3-D region pixel by pixel in
      // JavaScript; seen as rows of width·3 values it copies row by row, the same numbers.
      const cut = whole
        ? image
        : tf.reshape(tf.slice(tf.reshape(image, [height, width * 3]), [region.yMin, region.xMin * 3], [h, w * 3]), [h, w, 3]);
      x = tf.expandDims(cut, 0) as tf.Tensor4D;
      if (pool >= 2) x = tf.avgPool(x, pool, pool, 'valid');
      x = tf.image.resizeBilinear(x, [outH, outW], false, true);
    }
    return tf.pad(tf.sub(tf.div(x, 127.5), 1), [[0, 0], [padY, size - outH - padY], [padX, size - outW - padX], [0, 0]]) as tf.Tensor4D;
  });
  return { input, scale, padX, padY };
}

/** The detector's raw output for a batch of inputs (which it frees): per crop, per anchor, its values. */
export async function runDetector(detector: Detector, input: tf.Tensor): Promise<Float32Array> {
  const [output] = detector.model.execute(input, ['Identity:0']);
  try {
    return (await output!.data()) as Float32Array;
  } finally {
    tf.dispose([input, output!]);
  }
}

/** Faces in `region` of the image, in image pixels, before suppression of overlaps. */
export async function detect(detector: Detector, image: tf.Tensor3D, region: Box): Promise<RawDetection[]> {
  const { input, scale, padX, padY } = detectorInput(image, region, detector.config.inputSize);
  const raw = await runDetector(detector, input);
  const toImage = (x: number, y: number) => ({ x: (x - padX) / scale + region.xMin, y: (y - padY) / scale + region.yMin });
  return decodeDetections(raw, detector.anchors, detector.config).map((d) => {
    const a = toImage(d.xMin, d.yMin);
    const b = toImage(d.xMax, d.yMax);
    return { score: d.score, xMin: a.x, yMin: a.y, xMax: b.x, yMax: b.y, keypoints: d.keypoints.map((k) => toImage(k.x, k.y)) };
  });
}
