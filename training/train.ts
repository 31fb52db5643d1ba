/**
 * npm run train: fits the point map and its refinement of each mesh version on every usable
 * face of ../shared/faces-train (meshes cached by training/extract.ts, grey patches by
 * training/patches.ts, both run first) and writes models/fitted-map-<version>.json and its checksum into models/manifest.json.
 * Deterministic: the same cache gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheIsCurrent, pipelineStamp } from './cache-stamp';
import { fitMap } from './cv';
import { CACHE_DIR } from './data';
import { loadSamples } from './dataset';
import { SHIPPED } from './spec';

const MODELS = new URL('../models/', import.meta.url).pathname;
/** Seven significant digits: float32's precision, far below a pixel. */
const compact = (x: number): number => Number(x.toPrecision(7));

if (!existsSync(join(CACHE_DIR, 'patches-2.0.bin'))) {
  console.error('No cached meshes or patches: run `npx tsx training/extract.ts && npx tsx training/patches.ts` first (about 5 minutes).');
  process.exit(1);
}
const stamp = pipelineStamp();
const stale = (['3.0', '2.0'] as const).filter((v) => !cacheIsCurrent(v, stamp));
if (stale.length) {
  console.error(`The cached meshes of ${stale.join(' and ')} were cut by other code or models: run \`npx tsx training/extract.ts && npx tsx training/patches.ts\` first (npm run train does).`);
  process.exit(1);
}
const manifestPath = join(MODELS, 'manifest.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, unknown> };
for (const version of ['3.0', '2.0'] as const) {
  const samples = loadSamples(version);
  const map = fitMap(version, samples, SHIPPED);
  const refine = { stages: map.refine.stages.map((st) => ({ radius: st.radius, weights: st.weights.map(compact) })) };
  const json = Buffer.from(JSON.stringify({ ...map, weights: map.weights.map(compact), refine }));
  const file = `fitted-map-${version}.json`;
  writeFileSync(join(MODELS, file), json);
  manifest.files[file] = {
    sha256: createHash('sha256').update(json).digest('hex'),
    bytes: json.length,
    purpose: `point map from the ${version} mesh to the contract's points and its refinement on the pixels, fitted on ../shared/faces-train (research and non-commercial data: see README)`,
  };
  const used = samples.filter((s) => s.ruleError <= SHIPPED.screen).length;
  console.log(`${file}: ${used} of ${samples.length} faces, ${json.length} bytes`);
}
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
