/**
 * Fitting the map and measuring it honestly: folds grouped by source photo (faces cropped
 * from one photo never sit on both sides), assigned by a fixed shuffle so every run agrees.
 */
import { applyFittedMap, FITTED_GROUPS, FITTED_POINTS, type FittedMap } from '../src/shape/fitted-map';
import { faceShape } from '../src/shape/face-shape';
import type { FaceShape } from '../src/contract/types';
import { inputsOf, type Sample } from './dataset';
import { fitRefiner, type RefineSpec } from './refine';
import { fitRidge } from './ridge';

export interface MapSpec {
  vertices: number[];
  turn_vertices: number[];
  lambda: number;
  /** Faces the fixed rules miss by more than this (shared-point error) are left out of fitting: a mesh on the wrong face or upside down teaches nothing. */
  screen: number;
  refine: RefineSpec;
}

/** A fixed pseudo-random sequence (mulberry32): the fold of each photo, the same every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const photoFolds = (samples: readonly Sample[], k: number): number[] => foldsOf(samples.map((s) => s.face.photo), k);

/** The fold of each item, by its photo: one photo's items share a fold. */
export function foldsOf(photoOfEach: readonly string[], k: number): number[] {
  const photos = [...new Set(photoOfEach)].sort();
  const next = random(13);
  for (let i = photos.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [photos[i], photos[j]] = [photos[j]!, photos[i]!];
  }
  const fold = new Map(photos.map((p, i) => [p, i % k]));
  return photoOfEach.map((p) => fold.get(p)!);
}

export function fitMap(version: FittedMap['face_model_version'], samples: readonly Sample[], spec: MapSpec): FittedMap {
  const map = { vertices: spec.vertices, turn_vertices: spec.turn_vertices };
  const kept = samples.filter((s) => s.ruleError <= spec.screen);
  const w = fitRidge(kept.map((s) => inputsOf(map, s)), kept.map((s) => s.target), spec.lambda);
  if (w.length % (2 * FITTED_POINTS) !== 0) throw new Error('weights do not match the fitted points');
  const linear = { face_model_version: version, ...map, weights: Array.from(w) };
  const starts = kept.map((s) => {
    const groups = applyFittedMap(linear, s.mesh, s.rule);
    return FITTED_GROUPS.flatMap((g) => groups[g.name]!);
  });
  return { ...linear, refine: fitRefiner(kept, starts, spec.refine) };
}

/** Each face's points from a map fitted without its photo's fold. */
export function crossValidate(version: FittedMap['face_model_version'], samples: readonly Sample[], spec: MapSpec, k = 10): FaceShape[] {
  const fold = photoFolds(samples, k);
  const out: FaceShape[] = new Array(samples.length);
  for (let f = 0; f < k; f++) {
    const map = fitMap(version, samples.filter((_, i) => fold[i] !== f), spec);
    samples.forEach((s, i) => {
      if (fold[i] === f) out[i] = faceShape(s.mesh, map, s.patch);
    });
  }
  return out;
}
