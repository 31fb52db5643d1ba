/**
 * npm run train: fits the point map of each mesh version on every usable face of
 * ../shared/faces-train (cached by training/extract.ts, run first when the cache is missing)
 * and writes models/fitted-map-<version>.json and its checksum into models/manifest.json.
 * Deterministic: the same cache gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitMap } from './cv';
import { CACHE_DIR } from './data';
import { loadFaces, toSample, type Sample } from './dataset';
import { SHIPPED } from './spec';

const MODELS = new URL('../models/', import.meta.url).pathname;
/** Seven significant digits: float32's precision, far below a pixel. */
const compact = (x: number): number => Number(x.toPrecision(7));

if (!existsSync(join(CACHE_DIR, 'faces-2.0.json'))) {
  console.error('No cached meshes: run `npx tsx training/extract.ts` first (about 3 minutes).');
  process.exit(1);
}
const manifestPath = join(MODELS, 'manifest.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, unknown> };
for (const version of ['3.0', '2.0'] as const) {
  const samples = loadFaces(version).map(toSample).filter((s): s is Sample => s !== null);
  const map = fitMap(version, samples, SHIPPED);
  const json = Buffer.from(JSON.stringify({ ...map, weights: map.weights.map(compact) }));
  const file = `fitted-map-${version}.json`;
  writeFileSync(join(MODELS, file), json);
  manifest.files[file] = {
    sha256: createHash('sha256').update(json).digest('hex'),
    bytes: json.length,
    purpose: `point map from the ${version} mesh to the contract's points, fitted on ../shared/faces-train (research and non-commercial data: see README)`,
  };
  const used = samples.filter((s) => s.ruleError <= SHIPPED.screen).length;
  console.log(`${file}: ${used} of ${samples.length} faces, ${json.length} bytes`);
}
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
