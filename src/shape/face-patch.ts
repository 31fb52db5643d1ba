/**
 * The grey square of the image that the point refinement reads (point-refiner.ts): centred on
 * the mesh, a little larger than it so the jaw's edge and the brows lie inside, resampled to
 * PATCH_SIDE² pixels whatever the face's size, so the features see every face at one scale.
 * Patch pixel (u, v) is image point (left + u·side/(PATCH_SIDE−1), top + v·side/(PATCH_SIDE−1)).
 */
import { boundingBox, type Vec2 } from './geometry';

export const PATCH_SIDE = 128;
/** The square's side over the mesh box's longer side. */
const MARGIN = 1.3;
/** Mesh vertices without the irises: 2.0 meshes have none. */
const FACE_VERTICES = 468;

export interface PatchBox {
  left: number;
  top: number;
  side: number;
}

export interface GrayPatch {
  box: PatchBox;
  /** PATCH_SIDE² luminances (0–255), row after row; outside the image, 0. */
  data: Float32Array;
}

export function patchBox(mesh: readonly Vec2[]): PatchBox {
  const { xMin, yMin, xMax, yMax } = boundingBox(mesh.slice(0, FACE_VERTICES));
  const side = MARGIN * Math.max(xMax - xMin, yMax - yMin);
  return { left: (xMin + xMax) / 2 - side / 2, top: (yMin + yMax) / 2 - side / 2, side };
}

/** Bilinear luminance at patch coordinates (u, v), held at the border. */
export function grayAt(data: Float32Array, u: number, v: number): number {
  const max = PATCH_SIDE - 1;
  const x = u < 0 ? 0 : u > max ? max : u;
  const y = v < 0 ? 0 : v > max ? max : v;
  const x0 = x === max ? max - 1 : Math.floor(x);
  const y0 = y === max ? max - 1 : Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * PATCH_SIDE + x0;
  const top = data[i]! + (data[i + 1]! - data[i]!) * fx;
  const bottom = data[i + PATCH_SIDE]! + (data[i + PATCH_SIDE + 1]! - data[i + PATCH_SIDE]!) * fx;
  return top + (bottom - top) * fy;
}
