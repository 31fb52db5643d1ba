/**
 * Square crops of the image, one per ROI (turned with it), resampled to side×side, edges
 * replicated, as one batch in the image's own values: the mesh model's input and the upright
 * check's detector input, each then scaled to its model's range.
 */
import * as tf from '@tensorflow/tfjs-core';
import { cropTransform, type Roi } from '../shape/geometry';

export function squareCrops(image: tf.Tensor3D, rois: readonly Roi[], side: number): tf.Tensor4D {
  return tf.tidy(() => {
    const batch = tf.expandDims(image, 0) as tf.Tensor4D;
    const each = rois.map((roi) => tf.image.transform(batch, tf.tensor2d([cropTransform(roi, side)], [1, 8]), 'bilinear', 'nearest', 0, [side, side]));
    return each.length === 1 ? each[0]! : tf.concat(each, 0);
  });
}
