/**
 * Runs the real analyzer (Node, wasm) over the annotated crops of ../shared/faces-train and
 * caches, per face and face_model_version, the dense mesh the fitted mapping learns from and
 * the fixed-rule points it starts from. The cache (training/cache/, ignored by git) holds
 * data under a non-commercial licence: it must never be committed. A version's cache is cut
 * again when the code or models it was cut by have changed since (cache-stamp.ts).
 *
 * Usage: tsx training/extract.ts [faces-train folder]
 */
import '../test/support/setup';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeAnalyzer } from '../test/support/analyzer';
import { loadPixels } from '../test/support/images';
import type { Vec3 } from '../src/shape/geometry';
import { cacheIsCurrent, pipelineStamp, stampCache } from './cache-stamp';
import { CACHE_DIR, FACES_TRAIN, photoOf, type CachedFace, type TrainRow } from './data';

const root = process.argv[2] ?? FACES_TRAIN;
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as TrainRow[];
const round = (x: number): number => Math.round(x * 100) / 100;

/** The mesh whose eye-corner midpoint is nearest the annotated one, within one eye distance. */
function pick(meshes: Vec3[][], points: number[][]): Vec3[] | null {
  const eyes = (a: number[], b: number[]): number[] => [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2];
  const target = eyes(points[36]!, points[45]!);
  const iod = Math.hypot(points[36]![0]! - points[45]![0]!, points[36]![1]! - points[45]![1]!);
  let best: Vec3[] | null = null;
  let bestD = iod;
  for (const m of meshes) {
    const c = eyes([m[33]!.x, m[33]!.y], [m[263]!.x, m[263]!.y]);
    const d = Math.hypot(c[0]! - target[0]!, c[1]! - target[1]!);
    if (d < bestD) [best, bestD] = [m, d];
  }
  return best;
}

const outFile = (version: '3.0' | '2.0'): string => join(CACHE_DIR, `faces-${version}.json`);
const stamp = pipelineStamp();
const missing = (['3.0', '2.0'] as const).filter((v) => !existsSync(outFile(v)) || !cacheIsCurrent(v, stamp));
for (const v of ['3.0', '2.0'] as const) {
  if (!missing.includes(v)) console.log(`${outFile(v)} was cut by the code and models here: delete it to extract again`);
  else if (existsSync(outFile(v))) console.log(`${outFile(v)} was cut by other code or models: extracting again`);
}
// Started only when there is work: the analyzer loads the shipped maps, which training is about to replace.
let seen: Vec3[][] = [];
const analyzer = missing.length ? await nodeAnalyzer({ preload: missing, onMeshes: (m) => void (seen = m) }) : undefined;
mkdirSync(CACHE_DIR, { recursive: true });
for (const version of missing) {
  const out = outFile(version);
  const faces: CachedFace[] = [];
  const t0 = performance.now();
  for (const [i, row] of manifest.entries()) {
    const ann = JSON.parse(readFileSync(join(root, 'annotations', row.annotation), 'utf8')) as { points: number[][] };
    const pixels = await loadPixels(join(root, 'images', row.file));
    seen = [];
    await analyzer!.analyze({ image: pixels, face_model_version: version });
    const mesh = pick(seen, ann.points);
    faces.push({
      file: row.file,
      set: row.set,
      photo: photoOf(row),
      points: ann.points,
      mesh: mesh ? mesh.flatMap((p) => [round(p.x), round(p.y), round(p.z)]) : null,
    });
    if (i % 100 === 0) console.log(`${version}: ${i}/${manifest.length} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  writeFileSync(out, JSON.stringify(faces));
  // The patches were cut around the old meshes.
  rmSync(join(CACHE_DIR, `patches-${version}.bin`), { force: true });
  stampCache(version, stamp);
  console.log(`${version}: ${faces.filter((f) => f.mesh).length}/${faces.length} faces found → ${out}`);
}
analyzer?.close();
