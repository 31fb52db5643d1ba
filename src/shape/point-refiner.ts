/**
 * A small learned refinement that looks at the pixels around each point, on top of the fitted
 * map (a cascade as in SDM, the supervised descent method): each stage reads the gradient
 * histograms around every point (point-features.ts) and moves the point by a linear function
 * of its own histograms, in the face's frame. People trace the jaw and brows on image edges
 * that the mesh does not see; the histograms do. The weights come from training/ and ship
 * inside the fitted map's file (fitted-map.ts).
 */
import { FaceAnalyzeError } from '../contract/errors';
import type { FaceFrame } from './face-frame';
import type { GrayPatch } from './face-patch';
import type { Vec2 } from './geometry';
import { FEATURES_PER_POINT, pointFeatures } from './point-features';

export interface RefineStage {
  /** Half side of each point's square, in eye-corner distances: later stages look closer. */
  radius: number;
  /**
   * For each point in turn, FEATURES_PER_POINT rows and a bias row of two columns: its move
   * along the face frame's x and y (eye-corner distances).
   */
  weights: number[];
}

export interface PointRefiner {
  stages: RefineStage[];
}

/**
 * The most one stage moves a point, in eye-corner distances: twice the map's typical miss.
 * A face whose patch is mostly hair, a hand or the photo's edge can ask for far more.
 */
const MAX_STEP = 0.1;

export const stageSize = (points: number): number => points * (FEATURES_PER_POINT + 1) * 2;

/** Every point moved by one stage, in image pixels. */
export function refineStage({ radius, weights }: RefineStage, patch: GrayPatch, frame: FaceFrame, points: readonly Vec2[]): Vec2[] {
  const x = pointFeatures(patch, frame, points, radius);
  const rows = FEATURES_PER_POINT + 1;
  return points.map((p, k) => {
    let at = k * rows * 2;
    const xs = k * FEATURES_PER_POINT;
    let dx = 0;
    let dy = 0;
    for (let j = 0; j < FEATURES_PER_POINT; j++, at += 2) {
      dx += x[xs + j]! * weights[at]!;
      dy += x[xs + j]! * weights[at + 1]!;
    }
    dx += weights[at]!;
    dy += weights[at + 1]!;
    const step = Math.hypot(dx, dy);
    if (step > MAX_STEP) [dx, dy] = [(dx * MAX_STEP) / step, (dy * MAX_STEP) / step];
    return { x: p.x + frame.c * dx - frame.s * dy, y: p.y + frame.s * dx + frame.c * dy };
  });
}

/** The points (image pixels) after every stage. */
export function refinePoints(refiner: PointRefiner, patch: GrayPatch, frame: FaceFrame, points: readonly Vec2[]): Vec2[] {
  return refiner.stages.reduce<Vec2[]>((at, stage) => refineStage(stage, patch, frame, at), [...points]);
}

/** A refiner's JSON, checked: weights that do not fit the points would move every point wrong without failing. */
export function readPointRefiner(json: unknown, points: number): PointRefiner {
  const r = json as Partial<PointRefiner> | null;
  const fits = (st: Partial<RefineStage> | null): boolean =>
    st !== null &&
    typeof st === 'object' &&
    typeof st.radius === 'number' &&
    st.radius > 0 &&
    Array.isArray(st.weights) &&
    st.weights.length === stageSize(points) &&
    st.weights.every(Number.isFinite);
  const ok = r !== null && typeof r === 'object' && Array.isArray(r.stages) && r.stages.every(fits);
  if (!ok) throw new FaceAnalyzeError('model_load_failed', 'The point refinement does not fit its points.');
  return r as PointRefiner;
}
