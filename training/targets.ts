/**
 * What the map is fitted to: for each contract point, where the iBUG 68-point markup puts
 * the same thing. Contours are spread along the annotated polyline with the contract's own
 * spacing (profile: from eye-corner height to the chin [10] and up again; lids and lips at
 * the contract's fractions). Points the markup has no counterpart for (the brows' lower edges, the nose's
 * sides) keep the fixed rule's point, moved as its group's annotated ends moved, so they
 * stay on their contour between them.
 */
import type { Vec2 } from '../src/shape/geometry';
import { FITTED_GROUPS } from '../src/shape/fitted-map';
import { pointAlong, resample } from '../src/shape/polyline';
import type { GroupName } from '../src/contract/schema';

type Shape = Partial<Record<GroupName, Vec2[]>>;

const QUARTERS = [0.25, 0.5, 0.75];
const INNER_FIFTHS = [0.1, 0.3, 0.5, 0.7, 0.9];

const along = (line: Vec2[], ts: number[]): Vec2[] => ts.map((t) => pointAlong(line, t));
const add = (p: Vec2, d: Vec2): Vec2 => ({ x: p.x + d.x, y: p.y + d.y });
const minus = (a: Vec2, b: Vec2): Vec2 => ({ x: a.x - b.x, y: a.y - b.y });
const mix = (a: Vec2, b: Vec2, t: number): Vec2 => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });

/** A rule point at fraction t between two ends, moved as the ends moved (from → to). */
const carried = (rule: Vec2, t: number, fromA: Vec2, toA: Vec2, fromB: Vec2, toB: Vec2): Vec2 =>
  add(rule, mix(minus(toA, fromA), minus(toB, fromB), t));

/** Halves of a contour through a middle point, each cut into `n` equal steps (both ends kept). */
function throughMiddle(line: Vec2[], middle: number, n: number): Vec2[] {
  return [...resample(line.slice(0, middle + 1), n + 1), ...resample(line.slice(middle), n + 1).slice(1)];
}

function eye(p: Vec2[], outer: number, upper: [number, number], inner: number, lower: [number, number]): Vec2[] {
  const lowerLine = [p[outer]!, p[lower[1]]!, p[lower[0]]!, p[inner]!];
  const upperLine = [p[inner]!, p[upper[1]]!, p[upper[0]]!, p[outer]!];
  return [p[outer]!, ...along(lowerLine, QUARTERS), p[inner]!, ...along(upperLine, QUARTERS)];
}

/**
 * The brow: ends and upper edge from the markup (300-W traces the brow's upper edge, outer
 * end to inner end); the lower edge is the rule's, carried with the ends.
 */
function brow(p: Vec2[], from: number, to: number, rule: Vec2[]): Vec2[] {
  const outer = p[from]!;
  const inner = p[to]!;
  const line = (from < to ? p.slice(from, to + 1) : p.slice(to, from + 1).reverse()).reverse();
  const lower = QUARTERS.map((t, i) => carried(rule[1 + i]!, t, rule[0]!, outer, rule[4]!, inner));
  return [outer, ...lower, inner, ...along(line, QUARTERS)];
}

/**
 * The jaw as the contract wants it: iBUG's 0-16 start and end near the ears, often below
 * the eye corners, while the profile runs from eye-corner height. Each end is cut at, or
 * carried straight on up to, the line through the outer eye corners (36, 45).
 */
function jawToEyeLine(p: Vec2[]): Vec2[] {
  const a = p[36]!;
  const b = p[45]!;
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  // Signed height below the eye line (positive downwards on an upright face).
  const below = (q: Vec2): number => ((b.x - a.x) * (q.y - a.y) - (b.y - a.y) * (q.x - a.x)) / len;
  const end = (line: Vec2[]): Vec2[] => {
    // line runs from the chin outwards; find where it reaches the eye line, or extend its last step.
    for (let i = 1; i < line.length; i++) {
      const h0 = below(line[i - 1]!);
      const h1 = below(line[i]!);
      if (h1 <= 0) return [...line.slice(0, i), mix(line[i - 1]!, line[i]!, h0 / (h0 - h1))];
    }
    const last = line[line.length - 1]!;
    const prev = line[line.length - 2]!;
    const h0 = below(prev);
    const h1 = below(last);
    return h1 < h0 ? [...line, mix(prev, last, h0 / (h0 - h1))] : line;
  };
  const left = end(p.slice(0, 9).reverse()).reverse();
  const right = end(p.slice(8, 17));
  return [...left, ...right.slice(1)];
}

export function contractTargets(p: Vec2[], rule: Shape): Shape {
  const r = (g: GroupName): Vec2[] => rule[g]!;
  const nose = r('nose');
  const bridge = p[27]!;
  // The base from wing to wing through the subnasale (33): wing, quarter, 33, quarter, wing.
  const base = throughMiddle([31, 32, 33, 34, 35].map((i) => p[i]!), 2, 2);
  const leftWing = base[0]!;
  const rightWing = base[4]!;
  const out: Shape = {
    face_profile: ((jaw) => throughMiddle(jaw, jaw.indexOf(p[8]!), 10))(jawToEyeLine(p)),
    left_eye: eye(p, 36, [37, 38], 39, [40, 41]),
    right_eye: eye(p, 45, [44, 43], 42, [47, 46]),
    left_eye_brow: brow(p, 17, 21, r('left_eye_brow')),
    right_eye_brow: brow(p, 26, 22, r('right_eye_brow')),
    mouth: [
      ...throughMiddle([48, 59, 58, 57, 56, 55, 54].map((i) => p[i]!), 3, 3),
      ...throughMiddle([54, 53, 52, 51, 50, 49, 48].map((i) => p[i]!), 3, 3).slice(1, -1),
      ...along([60, 67, 66, 65, 64].map((i) => p[i]!), INNER_FIFTHS),
      ...along([64, 63, 62, 61, 60].map((i) => p[i]!), INNER_FIFTHS),
    ],
    nose: [
      p[30]!,
      bridge,
      ...QUARTERS.map((t, i) => carried(nose[2 + i]!, t, nose[1]!, bridge, nose[5]!, leftWing)),
      ...base,
      ...QUARTERS.map((t, i) => carried(nose[10 + i]!, t, nose[9]!, rightWing, nose[1]!, bridge)),
    ],
  };
  for (const g of FITTED_GROUPS) if (out[g.name]!.length !== g.size) throw new Error(`${g.name}: ${out[g.name]!.length} targets`);
  return out;
}
