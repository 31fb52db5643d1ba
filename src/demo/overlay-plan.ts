/**
 * What the overlay draws, in canvas pixels: for each face, each group's polylines (in the order
 * the schema gives) and points, with sizes that suit the face's size on screen. Pure, so the
 * mapping from image pixels to canvas pixels is tested without a canvas.
 */
import type { FaceShape, GroupName, GroupSpec, Point } from '/faceshape.js';

export interface Vec {
  x: number;
  y: number;
}

export interface GroupPlan {
  name: GroupName;
  color: string;
  lines: Vec[][];
  points: Vec[];
}

export interface FacePlan {
  groups: GroupPlan[];
  /** Dot radius and line width in canvas pixels. */
  radius: number;
  lineWidth: number;
  /** Where the face's number goes (above its top point), when there are several faces. */
  tag: Vec & { text: string };
}

export interface PlanOptions {
  /** Canvas pixels per image pixel along x and y. */
  scaleX: number;
  scaleY: number;
  /** Canvas pixels per CSS pixel (devicePixelRatio on screen), so sizes look alike everywhere. */
  unit: number;
  hidden?: ReadonlySet<GroupName>;
}

/** The centre of image pixel (x, y) on the canvas: points name pixels, not pixel corners. */
export const toCanvas = (p: Point, o: Pick<PlanOptions, 'scaleX' | 'scaleY'>): Vec => ({
  x: (p.x + 0.5) * o.scaleX,
  y: (p.y + 0.5) * o.scaleY,
});

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

export function planOverlay(faces: readonly FaceShape[], groups: readonly GroupSpec[], o: PlanOptions): FacePlan[] {
  return faces.map((face, i) => {
    const all = groups.flatMap((g) => face[g.name].map((p) => toCanvas(p, o)));
    const xs = all.map((p) => p.x);
    const width = Math.max(...xs) - Math.min(...xs);
    const radius = clamp(width / 110, 1.5 * o.unit, 5 * o.unit);
    const top = all.reduce((a, b) => (b.y < a.y ? b : a));
    return {
      radius,
      lineWidth: Math.max(o.unit, radius * 0.45),
      tag: { x: top.x, y: top.y - 3 * radius, text: String(i + 1) },
      groups: groups
        .filter((g) => !o.hidden?.has(g.name))
        .map((g) => {
          const points = face[g.name].map((p) => toCanvas(p, o));
          return { name: g.name, color: g.color, points, lines: g.lines.map((run) => run.map((k) => points[k]!)) };
        }),
    };
  });
}
