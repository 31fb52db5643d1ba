/**
 * What the cached meshes and patches were cut by. Fitting on a cache cut by older code ships
 * maps fitted to meshes the analyzer no longer makes: the maps of 2026-12-02's morning were
 * fitted on meshes from before the upright check, which held 4 infant faces with invented
 * points that the analyzer now withholds. The stamp is a hash of every file the
 * meshes and patches depend on: the code that decodes, finds, meshes and cuts, and the models
 * it runs, but not the fitted maps that training writes (nor the manifest holding their sums).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CACHE_DIR } from './data';

const ROOT = new URL('../', import.meta.url).pathname;
const SOURCES = [
  'src/analyzer',
  'src/image',
  'src/node',
  'src/pipeline',
  'src/runtime',
  ...['face-frame', 'face-patch', 'geometry', 'upright-check'].map((m) => `src/shape/${m}.ts`),
  'test/support/analyzer.ts',
  'test/support/images.ts',
  'training/extract.ts',
  'training/patches.ts',
  'models',
];
const WRITTEN_BY_TRAINING = /^models\/(fitted-map-[^/]*|manifest)\.json$/;

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/** `root`: the repository's root (another only in tests). */
export function pipelineStamp(root = ROOT): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap((s) => filesUnder(join(root, s)))) {
    const name = relative(root, file);
    if (WRITTEN_BY_TRAINING.test(name) || name.endsWith('README.md')) continue;
    hash.update(name).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const stampFile = (version: string): string => join(CACHE_DIR, `faces-${version}.stamp`);

/** Whether the cache of `version` was cut by the code and models here now. */
export const cacheIsCurrent = (version: string, stamp: string): boolean =>
  existsSync(stampFile(version)) && readFileSync(stampFile(version), 'utf8') === stamp;

export const stampCache = (version: string, stamp: string): void => writeFileSync(stampFile(version), stamp);
