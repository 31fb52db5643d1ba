/**
 * Which way up is a face? The mesh model places an upright face on any crop it is given: on
 * a face upside down its face flag stays near 1 and every point is invented, and the
 * detectors' keypoints put such a face's eyes above its mouth as if it were upright. The
 * short-range detector's confidence does tell the ways up apart (need_rotate_detection relies
 * on it): shown the face's crop at the mesh's angle and turned by quarter turns, it is surest
 * of the turn that shows the face upright.
 *
 * Slow for every face (about 20 ms on wasm, 40 at two crop sizes), so face-finder.ts asks it
 * only about the faces the mesh's own shape leaves in doubt (shape/upright-check.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { runDetector, type Detector } from './face-detector';
import type { Roi } from '../shape/geometry';
import { squareCrops } from './square-crops';

/** Values per anchor in the detector's output: the logit first. */
const VALUES = 17;
/** Only anchors this near the crop's centre (share of its side) count: a neighbour's face is not this one. */
const CENTRE = 0.25;
/**
 * Crop sizes, times the mesh crop's. Two sizes (1 and 1.5, logits summed, margin 1) agree more
 * often than either, but at twice the cost: on a sixth of faces-train turned by quarter turns,
 * of 215 wrongly turned meshes the one size 1.5 left 14 with invented points and dropped 9 it
 * could not right, the two sizes left 15 and dropped none; neither changed an upright face.
 */
const CROP_SCALES = [1.5];
const TURNS = [0, 1, 2, 3];
/** Summed logits by which a turn must beat the mesh's own way up: at 0, upright faces were turned (1 in 90). */
export const TURN_MARGIN = 0.5;

export const turned = (roi: Roi, quarterTurns: number): Roi => ({ ...roi, angle: roi.angle + (quarterTurns * Math.PI) / 2 });

/**
 * The detector's surest logit near the centre of the face's crop at each quarter turn
 * (clockwise in the crop), summed over the crop sizes: one row of four per ROI. All crops go
 * through the detector as one batch.
 */
export async function turnLogits(detector: Detector, image: tf.Tensor3D, rois: readonly Roi[]): Promise<number[][]> {
  if (rois.length === 0) return [];
  const size = detector.config.inputSize;
  const all = rois.flatMap((roi) => CROP_SCALES.flatMap((k) => TURNS.map((q) => turned({ ...roi, size: roi.size * k }, q))));
  const input = tf.tidy(() => tf.sub(tf.div(squareCrops(image, all, size), 127.5), 1));
  const raw = await runDetector(detector, input);
  const anchors = detector.anchors;
  const central = anchors.flatMap((a, i) => (Math.abs(a.x - 0.5) <= CENTRE && Math.abs(a.y - 0.5) <= CENTRE ? [i] : []));
  const perCrop = anchors.length * VALUES;
  const best = all.map((_, c) => Math.max(...central.map((i) => raw[c * perCrop + i * VALUES]!)));
  const perRoi = CROP_SCALES.length * TURNS.length;
  return rois.map((_, r) => TURNS.map((q) => CROP_SCALES.reduce((s, _k, j) => s + best[r * perRoi + j * TURNS.length + q]!, 0)));
}

/** The quarter turns that show the face upright, if clearly not the mesh's own (0 otherwise). */
export function uprightTurn(logits: readonly number[]): number {
  const best = logits.indexOf(Math.max(...logits));
  return best !== 0 && logits[best]! - logits[0]! > TURN_MARGIN ? best : 0;
}

/** A mesh found again on the turned crop is kept only if the detector now prefers its own way up. */
export const confirmsUpright = (logits: readonly number[]): boolean => logits[0]! >= Math.max(...logits);
