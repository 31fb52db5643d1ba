/**
 * The grey square the point refinement reads (shape/face-patch.ts), cut with one
 * crop-and-resize and read back: PATCH_SIDE² floats, not the whole image.
 */
import * as tf from '@tensorflow/tfjs-core';
import { spanTensor, type PixelSpan } from '../image/image-tensor';
import type { Pixels } from '../image/image-input';
import { PATCH_SIDE, type GrayPatch, type PatchBox } from '../shape/face-patch';

/** Rec. 601 luma weights, R, G, B. */
const LUMA = [0.299, 0.587, 0.114] as const;

/**
 * `box` in image pixels, from a [height, width, 3] RGB (0–255) tensor whose pixel (0, 0) is
 * image point `origin` and which is the image times `scale`. Outside the tensor reads 0.
 */
export function grayPatch(image: tf.Tensor3D, box: PatchBox, scale = 1, origin = { x: 0, y: 0 }): GrayPatch {
  const [h, w] = image.shape;
  const at = (from: number, o: number, size: number): number => ((from - o) * scale) / (size - 1);
  const corners = [at(box.top, origin.y, h), at(box.left, origin.x, w), at(box.top + box.side, origin.y, h), at(box.left + box.side, origin.x, w)];
  const crop = tf.tidy(() => tf.image.cropAndResize(tf.expandDims<tf.Tensor4D>(image, 0), [corners], [0], [PATCH_SIDE, PATCH_SIDE]));
  let rgb: Float32Array;
  try {
    rgb = crop.dataSync() as Float32Array;
  } finally {
    crop.dispose();
  }
  // Grey in a loop here rather than two more tensor ops: each op's dispatch costs more than the loop.
  const data = new Float32Array(PATCH_SIDE * PATCH_SIDE);
  for (let i = 0, j = 0; i < data.length; i++, j += 3) data[i] = LUMA[0] * rgb[j]! + LUMA[1] * rgb[j + 1]! + LUMA[2] * rgb[j + 2]!;
  return { box, data };
}

/**
 * The patch read from the image's own pixels, only the span under `box`: for a tracked frame
 * whose faces were followed without making a tensor of the whole frame.
 */
export function grayPatchFromPixels(pixels: Pixels, box: PatchBox): GrayPatch {
  const span: PixelSpan = {
    xMin: Math.max(0, Math.floor(box.left)),
    yMin: Math.max(0, Math.floor(box.top)),
    xMax: Math.min(pixels.width, Math.ceil(box.left + box.side) + 1),
    yMax: Math.min(pixels.height, Math.ceil(box.top + box.side) + 1),
  };
  // A face all but off the frame: nothing to read, and outside the image reads 0 anyway.
  if (span.xMax - span.xMin < 2 || span.yMax - span.yMin < 2) return { box, data: new Float32Array(PATCH_SIDE * PATCH_SIDE) };
  const part = spanTensor(pixels, span);
  try {
    return grayPatch(part, box, 1, { x: span.xMin, y: span.yMin });
  } finally {
    part.dispose();
  }
}
