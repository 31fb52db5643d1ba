/**
 * What the refinement sees around each point: histograms of the image's gradient directions
 * (as HOG and SIFT, which dlib's and SDM's landmark regressors read) on a small square centred
 * on the point and turned with the face, so a tilted or smaller face gives the same numbers.
 * An edge (the jaw's outline, a brow's border) shows as weight in the bin of its direction,
 * in the cell on its side of the point.
 */
import { grayAt, PATCH_SIDE, type GrayPatch } from './face-patch';
import type { FaceFrame } from './face-frame';
import type { Vec2 } from './geometry';

/** Gradient samples per side of a point's square, cells per side, direction bins (signed: dark-to-light matters at an outline). */
const GRID = 8;
const CELLS = 4;
const BINS = 8;
export const FEATURES_PER_POINT = CELLS * CELLS * BINS;
/** Added to each histogram's total: a flat square (no gradient) gives zeros, not noise blown up. */
const FLAT = 10;

/**
 * Features of every point, FEATURES_PER_POINT each in point order. `radius` is the square's
 * half side in eye-corner distances. Each point's histogram is divided by its own total (lighting
 * and contrast drop out) and square-rooted (a strong edge does not drown the rest).
 */
export function pointFeatures(patch: GrayPatch, frame: FaceFrame, points: readonly Vec2[], radius: number): Float32Array {
  const { box, data } = patch;
  const k = (PATCH_SIDE - 1) / box.side;
  const step = (2 * radius) / GRID;
  // One lattice step along the face frame's x and y, in patch pixels.
  const [xu, xv] = [frame.c * k * step, frame.s * k * step];
  const [yu, yv] = [-xv, xu];
  // Luminance on a lattice one step wider than the samples each way: the gradient at each
  // sample is the difference of its neighbours, 4 times fewer lookups than sampling around each.
  const side = GRID + 2;
  const lattice = new Float32Array(side * side);
  const out = new Float32Array(points.length * FEATURES_PER_POINT);
  for (let n = 0; n < points.length; n++) {
    const start = -(GRID + 1) / 2;
    const u0 = (points[n]!.x - box.left) * k + start * (xu + yu);
    const v0 = (points[n]!.y - box.top) * k + start * (xv + yv);
    for (let j = 0; j < side; j++) for (let i = 0; i < side; i++) lattice[j * side + i] = grayAt(data, u0 + i * xu + j * yu, v0 + i * xv + j * yv);
    const base = n * FEATURES_PER_POINT;
    for (let j = 1; j <= GRID; j++) {
      for (let i = 1; i <= GRID; i++) {
        const at = j * side + i;
        const gx = lattice[at + 1]! - lattice[at - 1]!;
        const gy = lattice[at + side]! - lattice[at - side]!;
        // Not Math.hypot: several times slower in V8, on the hot path of every frame.
        const m = Math.sqrt(gx * gx + gy * gy);
        const bin = ((Math.atan2(gy, gx) + Math.PI) / (2 * Math.PI)) * BINS;
        const lo = Math.floor(bin - 0.5);
        const w = bin - 0.5 - lo;
        const cell = base + (Math.floor(((j - 1) * CELLS) / GRID) * CELLS + Math.floor(((i - 1) * CELLS) / GRID)) * BINS;
        out[cell + ((lo + BINS) % BINS)]! += m * (1 - w);
        out[cell + ((lo + 1) % BINS)]! += m * w;
      }
    }
  }
  for (let base = 0; base < out.length; base += FEATURES_PER_POINT) {
    let total = FLAT;
    for (let i = 0; i < FEATURES_PER_POINT; i++) total += out[base + i]!;
    for (let i = 0; i < FEATURES_PER_POINT; i++) out[base + i] = Math.sqrt(out[base + i]! / total);
  }
  return out;
}
