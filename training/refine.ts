/**
 * Fitting the point refinement (src/shape/point-refiner.ts): stage by stage, each point's move
 * from where the previous stage left it to its target, as a ridge regression on that point's
 * gradient histograms. The first stage starts from the fitted map's points on the faces it
 * was fitted on.
 */
import { FITTED_POINTS } from '../src/shape/fitted-map';
import { faceFrame, toFace } from '../src/shape/face-frame';
import type { Vec2 } from '../src/shape/geometry';
import { FEATURES_PER_POINT, pointFeatures } from '../src/shape/point-features';
import { refineStage, stageSize, type PointRefiner, type RefineStage } from '../src/shape/point-refiner';
import type { Sample } from './dataset';
import { fitRidge } from './ridge';

export interface RefineSpec {
  /** Each stage's square half side, eye-corner distances. */
  radii: number[];
  lambda: number;
}

/** `starts`: each sample's fitted points (image pixels, contract order without the pupils). */
export function fitRefiner(samples: readonly Sample[], starts: readonly Vec2[][], spec: RefineSpec): PointRefiner {
  const frames = samples.map((s) => faceFrame(s.mesh));
  const stages: RefineStage[] = [];
  let at = starts;
  for (const radius of spec.radii) {
    const features = samples.map((s, i) => pointFeatures(s.patch, frames[i]!, at[i]!, radius));
    const weights = new Array<number>(stageSize(FITTED_POINTS));
    for (let k = 0; k < FITTED_POINTS; k++) {
      const xs = features.map((x) => Float64Array.from(x.subarray(k * FEATURES_PER_POINT, (k + 1) * FEATURES_PER_POINT)));
      const ys = samples.map((s, i) => {
        const p = toFace(frames[i]!, { ...at[i]![k]!, z: 0 });
        return Float64Array.of(s.target[2 * k]! - p.x, s.target[2 * k + 1]! - p.y);
      });
      const w = fitRidge(xs, ys, spec.lambda);
      for (let j = 0; j < w.length; j++) weights[k * w.length + j] = w[j]!;
    }
    const stage = { radius, weights };
    stages.push(stage);
    at = samples.map((s, i) => refineStage(stage, s.patch, frames[i]!, at[i]!));
  }
  return { stages };
}
