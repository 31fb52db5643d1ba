/**
 * The 90 points of the contract, each defined on the MediaPipe face mesh: a vertex, a point
 * at a fraction of the length of a vertex path (so points spread evenly along a contour, as
 * the contract wants), or the mean of vertices. "Left" is image-left on an upright face,
 * which is the subject's right: mesh vertices 33 (eye), 70 (brow), 61 (mouth corner).
 * The face profile is not a fixed set of vertices: see face-profile.ts.
 */
import type { Vec2 } from './geometry';
import { pointAlong } from './polyline';
import type { GroupName } from '../contract/schema';

export type PointRule =
  | { vertex: number }
  | { path: readonly number[]; at: number }
  | { mean: readonly number[] }
  /** The iris centre where the mesh has irises (3.0), else the mean of the eye contour (2.0). */
  | { iris: number; eye: readonly number[] };

const v = (vertex: number): PointRule => ({ vertex });
const along = (path: readonly number[], ...at: number[]): PointRule[] => at.map((t) => ({ path, at: t }));
const mean = (...vertices: number[]): PointRule => ({ mean: vertices });

// Eyes: lower lid from the outer to the inner corner, upper lid from the inner corner back out.
const LEFT_EYE_LOWER = [33, 7, 163, 144, 145, 153, 154, 155, 133];
const LEFT_EYE_UPPER = [133, 173, 157, 158, 159, 160, 161, 246, 33];
const RIGHT_EYE_LOWER = [263, 249, 390, 373, 374, 380, 381, 382, 362];
const RIGHT_EYE_UPPER = [362, 398, 384, 385, 386, 387, 388, 466, 263];

// Brows: ends are between the lower and upper edge vertices.
const LEFT_BROW_LOWER = [46, 53, 52, 65, 55];
const LEFT_BROW_UPPER = [107, 66, 105, 63, 70];
const RIGHT_BROW_LOWER = [276, 283, 282, 295, 285];
const RIGHT_BROW_UPPER = [336, 296, 334, 293, 300];

// Nose: the sides from the bridge top down the nasal sidewall to the wing, and the base
// under the nostrils through the subnasale (vertex 2).
const NOSE_LEFT_SIDE = [168, 193, 122, 196, 174, 198, 209, 49, 64];
const NOSE_RIGHT_SIDE = [294, 279, 429, 420, 399, 419, 351, 417, 168];
const NOSE_BASE = [64, 240, 75, 60, 99, 97, 2, 326, 328, 290, 305, 460, 294];

// Lips: outer lower lip left to right, outer upper lip right to left, and the inner edges.
const LIP_OUTER_LOWER = [61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291];
const LIP_OUTER_UPPER = [291, 409, 270, 269, 267, 0, 37, 39, 40, 185, 61];
const LIP_INNER_LOWER = [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308];
const LIP_INNER_UPPER = [308, 415, 310, 311, 312, 13, 82, 81, 80, 191, 78];

export const LEFT_EYE_CONTOUR = [...LEFT_EYE_LOWER, ...LEFT_EYE_UPPER.slice(1, -1)];
export const RIGHT_EYE_CONTOUR = [...RIGHT_EYE_LOWER, ...RIGHT_EYE_UPPER.slice(1, -1)];

const QUARTERS = [0.25, 0.5, 0.75];
const SIXTHS = [1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6];
const INNER_FIFTHS = [0.1, 0.3, 0.5, 0.7, 0.9];

export const MESH_MAP: Readonly<Record<Exclude<GroupName, 'face_profile'>, readonly PointRule[]>> = {
  left_eye: [v(33), ...along(LEFT_EYE_LOWER, ...QUARTERS), v(133), ...along(LEFT_EYE_UPPER, ...QUARTERS)],
  right_eye: [v(263), ...along(RIGHT_EYE_LOWER, ...QUARTERS), v(362), ...along(RIGHT_EYE_UPPER, ...QUARTERS)],
  left_eye_brow: [
    mean(46, 70),
    ...along(LEFT_BROW_LOWER, ...QUARTERS),
    mean(55, 107),
    ...along(LEFT_BROW_UPPER, ...QUARTERS),
  ],
  right_eye_brow: [
    mean(276, 300),
    ...along(RIGHT_BROW_LOWER, ...QUARTERS),
    mean(285, 336),
    ...along(RIGHT_BROW_UPPER, ...QUARTERS),
  ],
  mouth: [
    v(61),
    ...along(LIP_OUTER_LOWER, ...SIXTHS),
    v(291),
    ...along(LIP_OUTER_UPPER, ...SIXTHS),
    ...along(LIP_INNER_LOWER, ...INNER_FIFTHS),
    ...along(LIP_INNER_UPPER, ...INNER_FIFTHS),
  ],
  nose: [
    v(1),
    v(168),
    ...along(NOSE_LEFT_SIDE, ...QUARTERS),
    v(64),
    ...along(NOSE_BASE, ...QUARTERS),
    v(294),
    ...along(NOSE_RIGHT_SIDE, ...QUARTERS),
  ],
  left_pupil: [{ iris: 468, eye: LEFT_EYE_CONTOUR }],
  right_pupil: [{ iris: 473, eye: RIGHT_EYE_CONTOUR }],
};

export function applyRule(rule: PointRule, mesh: readonly Vec2[]): Vec2 {
  if ('vertex' in rule) return { x: mesh[rule.vertex]!.x, y: mesh[rule.vertex]!.y };
  if ('path' in rule) return pointAlong(rule.path.map((i) => mesh[i]!), rule.at);
  const vertices = 'mean' in rule ? rule.mean : rule.iris < mesh.length ? [rule.iris] : rule.eye;
  return {
    x: vertices.reduce((s, i) => s + mesh[i]!.x, 0) / vertices.length,
    y: vertices.reduce((s, i) => s + mesh[i]!.y, 0) / vertices.length,
  };
}
