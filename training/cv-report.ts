/** The cross-validated figures of the shipped map on faces-train, for npm run eval. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { faceShape } from '../src/shape/face-shape';
import { crossValidate } from './cv';
import { CACHE_DIR } from './data';
import { loadFaces, loadSamples } from './dataset';
import { table } from './report';
import { SHIPPED } from './spec';

export function faceTrainReport(): string {
  if (!existsSync(join(CACHE_DIR, 'patches-3.0.bin'))) return 'faces-train: no cached meshes and patches (npm run train)\n';
  const out: string[] = [];
  for (const version of ['3.0', '2.0'] as const) {
    const faces = loadFaces(version);
    const samples = loadSamples(version);
    out.push(`faces-train, face_model_version ${version}: ${samples.length} of ${faces.length} faces found; error over 20 shared points / outer-eye-corner distance; "order": faces breaking a point-order rule (levelled)`);
    out.push(`fixed rules:\n${table(samples, samples.map((s) => faceShape(s.mesh)))}`);
    out.push(`fitted map, 10-fold cross-validated (folds grouped by photo):\n${table(samples, crossValidate(version, samples, SHIPPED))}\n`);
  }
  return out.join('\n');
}
