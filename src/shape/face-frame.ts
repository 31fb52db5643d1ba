/**
 * The face's own frame: origin between the outer eye corners, x along them, one unit their
 * distance. Maps and refinements work in it, so they need to learn neither the face's
 * position, size nor in-plane tilt.
 */
import type { Vec2, Vec3 } from './geometry';

export const LEFT_EYE_OUTER = 33;
export const RIGHT_EYE_OUTER = 263;

export interface FaceFrame {
  origin: Vec2;
  /** Cosine and sine of the eye line's angle, times the eye-corner distance. */
  c: number;
  s: number;
}

export function faceFrame(mesh: readonly Vec2[]): FaceFrame {
  const a = mesh[LEFT_EYE_OUTER]!;
  const b = mesh[RIGHT_EYE_OUTER]!;
  return { origin: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, c: b.x - a.x, s: b.y - a.y };
}

/** Image → face frame (z scaled alike, not shifted: only differences of z are used). */
export function toFace(f: FaceFrame, p: Vec3): Vec3 {
  const n = f.c * f.c + f.s * f.s;
  const dx = p.x - f.origin.x;
  const dy = p.y - f.origin.y;
  return { x: (f.c * dx + f.s * dy) / n, y: (-f.s * dx + f.c * dy) / n, z: p.z / Math.sqrt(n) };
}

export function toImage(f: FaceFrame, p: Vec2): Vec2 {
  return { x: f.origin.x + f.c * p.x - f.s * p.y, y: f.origin.y + f.s * p.x + f.c * p.y };
}
