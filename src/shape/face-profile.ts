/**
 * The 21-point face profile. People who annotate faces trace the visible outline of the jaw,
 * which slides over the mesh as the head turns, so no fixed set of mesh vertices will do.
 * Instead: in the face's own frame (eye line level), take the outline of the mesh seen from
 * the camera (its convex hull, leaving out the nose and lips, which may stick out past a
 * turned cheek), keep the part below the eye corners, and spread points along it:
 * 0-10 from the image-left end at eye-corner height to the chin, 10-20 on to the right end.
 */
import { angleOf, type Vec2 } from './geometry';
import { resample } from './polyline';

export const PROFILE_SIZE = 21;
const CHIN = 152;
const LEFT_EYE_OUTER = 33;
const RIGHT_EYE_OUTER = 263;

/** Mesh vertices of the nose and lips (found on a frontal face): never part of the outline. */
const CENTRAL = new Set([
  0, 1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16, 17, 19, 20, 37, 38, 39, 40, 41, 42, 44, 45, 48, 49, 51, 59, 60,
  61, 62, 64, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 84, 85, 86, 87, 88, 89, 90, 91, 94, 95, 96, 97, 98, 99,
  102, 115, 122, 125, 131, 134, 141, 146, 166, 168, 174, 178, 179, 180, 181, 183, 184, 185, 191, 193, 195, 196,
  197, 198, 209, 218, 219, 220, 235, 236, 237, 238, 239, 240, 241, 242, 248, 250, 267, 268, 269, 270, 271, 272,
  274, 275, 278, 279, 281, 289, 290, 291, 292, 294, 302, 303, 304, 305, 306, 307, 308, 309, 310, 311, 312, 314,
  315, 316, 317, 318, 319, 320, 321, 324, 325, 326, 327, 328, 331, 344, 351, 354, 360, 363, 370, 375, 392, 399,
  402, 403, 404, 405, 407, 408, 409, 415, 417, 419, 420, 429, 438, 439, 440, 455, 456, 457, 458, 459, 460, 461,
  462,
]);

const cross = (o: Vec2, a: Vec2, b: Vec2): number => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/** Convex hull, counter-clockwise in y-up terms (Andrew's monotone chain). */
export function convexHull(points: readonly Vec2[]): Vec2[] {
  const p = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (p.length < 3) return p;
  const lower: Vec2[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: Vec2[] = [];
  for (const q of [...p].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0) upper.pop();
    upper.push(q);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** Where the segment a→b crosses the line y = 0, or null. */
function crossingAtZero(a: Vec2, b: Vec2): Vec2 | null {
  if ((a.y < 0) === (b.y < 0)) return null;
  const t = a.y / (a.y - b.y);
  return { x: a.x + (b.x - a.x) * t, y: 0 };
}

export function faceProfile(mesh: readonly Vec2[]): Vec2[] {
  const left = mesh[LEFT_EYE_OUTER]!;
  const right = mesh[RIGHT_EYE_OUTER]!;
  const origin = { x: (left.x + right.x) / 2, y: (left.y + right.y) / 2 };
  const a = angleOf(left, right);
  const c = Math.cos(a);
  const s = Math.sin(a);
  const toFace = (p: Vec2): Vec2 => ({ x: c * (p.x - origin.x) + s * (p.y - origin.y), y: -s * (p.x - origin.x) + c * (p.y - origin.y) });
  const toImage = (p: Vec2): Vec2 => ({ x: origin.x + c * p.x - s * p.y, y: origin.y + s * p.x + c * p.y });

  const outline = mesh.slice(0, 468).filter((_, i) => !CENTRAL.has(i)).map(toFace);
  const hull = convexHull(outline);
  // Walk the hull from its lowest point (the jaw) both ways until it rises above the eye line.
  const chin = toFace(mesh[CHIN]!);
  let start = 0;
  hull.forEach((p, i) => {
    if (Math.hypot(p.x - chin.x, p.y - chin.y) < Math.hypot(hull[start]!.x - chin.x, hull[start]!.y - chin.y)) start = i;
  });
  const walk = (step: 1 | -1): Vec2[] => {
    const chain: Vec2[] = [hull[start]!];
    for (let k = 1; k < hull.length; k++) {
      const prev = chain[chain.length - 1]!;
      const next = hull[(start + step * k + hull.length * 2) % hull.length]!;
      const at = crossingAtZero(prev, next);
      if (at) return [...chain, at];
      chain.push(next);
    }
    return chain;
  };
  const one = walk(1);
  const other = walk(-1);
  // Image-left half is the one whose end has the smaller x in the face frame.
  const [leftHalf, rightHalf] = one[one.length - 1]!.x < other[other.length - 1]!.x ? [one, other] : [other, one];
  const half = (PROFILE_SIZE - 1) / 2;
  const points = [...resample([...leftHalf].reverse(), half + 1), ...resample(rightHalf, half + 1).slice(1)];
  return points.map(toImage);
}
