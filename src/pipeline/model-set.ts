/**
 * Which model files each part of the pipeline runs, as data: the two detectors, and for each
 * face_model_version the mesh and the output heads it is decoded with.
 */
import type { FaceModelVersion } from '../contract/types';
import type { ModelFile } from '../runtime/asset-urls';
import type { ModelName } from '../runtime/model-loader';
import { FULL_RANGE, SHORT_RANGE, type DetectorConfig } from './anchors';
import type { Landmarker } from './landmarker';
import { ATTENTION_HEADS, MESH_HEAD } from './mesh-decoder';
import { UPRIGHT_CHECKS } from './upright-weights';
import type { UprightCheck } from '../shape/upright-check';

/** Short range first: where only the largest face is wanted and it finds a close-up, the
 * full-range pass is skipped (face-finder.ts). */
export const DETECTOR_MODELS: readonly { model: ModelName; config: DetectorConfig }[] = [
  { model: 'facemesh-detection-short', config: SHORT_RANGE },
  { model: 'facemesh-detection-full', config: FULL_RANGE },
];

/**
 * Each mesh with its heads, the fitted map from its meshes to the contract's points
 * (shape/fitted-map.ts) and the check that a mesh of it is the right way up (shape/upright-check.ts).
 */
export const LANDMARK_MODELS: Record<FaceModelVersion, { model: ModelName; heads: Landmarker['heads']; pointMap: ModelFile; upright: UprightCheck }> = {
  '3.0': { model: 'facemesh-attention', heads: ATTENTION_HEADS, pointMap: 'fitted-map-3.0.json', upright: UPRIGHT_CHECKS['3.0'] },
  '2.0': { model: 'facemesh', heads: [MESH_HEAD], pointMap: 'fitted-map-2.0.json', upright: UPRIGHT_CHECKS['2.0'] },
};
