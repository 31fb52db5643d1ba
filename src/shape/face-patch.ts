/**
 * The grey square of the image that the point refinement reads (point-refiner.ts): centred on
 * the mesh, a little larger than it so the jaw's edge and the brows lie inside, resampled to
 * PATCH_SIDE² pixels whatever the face's size, so the features see every face at one scale.
 * Patch pixel (u, v) is image point (left + u·side/(PATCH_SIDE−1), top + v·side/(PATCH_SIDE−1)).
 */
import type { Vec2 } from './geometry';

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
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < FACE_VERTICES; i++) {
    const p = mesh[i]!;
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  const side = MARGIN * Math.max(x1 - x0, y1 - y0);
  return { left: (x0 + x1) / 2 - side / 2, top: (y0 + y1) / 2 - side / 2, side };
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
