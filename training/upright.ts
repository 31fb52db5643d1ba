/**
 * Fits the upright check (src/shape/upright-check.ts) of each mesh version: every crop of
 * ../shared/faces-train turned 0, 90, 180 and 270° in the photo, its face found as the
 * analyzer finds it with need_rotate_detection 0, and that face's crop meshed again at each
 * quarter turn, so the model sees both the meshes the finder reports and the turned ones it
 * tries when it doubts one. A mesh is the right way up when its eyes-above-mouth direction is
 * within 45° of the people's points'. Logistic regression (Newton), folds grouped by photo;
 * writes src/pipeline/upright-weights.ts and prints the cross-validated rates.
 *
 * Usage: tsx training/upright.ts [every Nth crop, default 1]. The cache (training/cache/
 * upright-<version>.json, ignored by git) holds figures derived from non-commercial data.
 */
import '../test/support/setup';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveOptions } from '../src/analyzer/options';
import { startEngine } from '../src/analyzer/engine';
import { fileFetch } from '../src/node/file-fetch';
import { toTensor } from '../src/image/image-tensor';
import { findFaces } from '../src/pipeline/face-finder';
import { runLandmarks } from '../src/pipeline/landmarker';
import type { Vec2, Vec3 } from '../src/shape/geometry';
import { uprightLogit } from '../src/shape/upright-check';
import { loadPixels, rotatePixels } from '../test/support/images';
import { foldsOf } from './cv';
import { CACHE_DIR, FACES_TRAIN, photoOf, type TrainRow } from './data';
import { choleskySolve } from './ridge';

/** Brows, eyes, nose, mouth, chin and cheeks: where an invented face differs from a real one (not the outer eye
 * corners: they make the face's frame, fixed there). */
export const VERTICES = [
  10, 152, 234, 454, 1, 4, 13, 14, 133, 362, 61, 291, 0, 17, 159, 145, 386, 374, 105, 334, 168, 6, 197, 195, 5, 98, 327, 58,
  288, 172, 397, 127, 356, 21, 251, 148, 377, 199,
];
/** Ridge penalty on the standardised inputs, per sample (chosen by CV: 0.1–10 all within 0.3 % error). */
const LAMBDA = 1;
const FOLDS = 5;

interface Row {
  photo: string;
  /** Quarter turns of the photo, and of the crop relative to the face the finder reported. */
  q: number;
  t: number;
  /** The face flag and the mesh's inputs, as uprightLogit reads them. */
  flag: number;
  mesh: number[];
  upright: boolean;
}

const centre = (ps: readonly Vec2[]): Vec2 => ({ x: ps.reduce((s, p) => s + p.x, 0) / ps.length, y: ps.reduce((s, p) => s + p.y, 0) / ps.length });
/** Angle between two directions, degrees. */
function between(a: Vec2, b: Vec2): number {
  const d = Math.atan2(a.x * b.y - a.y * b.x, a.x * b.x + a.y * b.y);
  return Math.abs((d * 180) / Math.PI);
}
const MESH_EYES = [33, 133, 263, 362];
/** The outer eye corners, which fix the face's frame (fitted-map.ts). */
const FRAME = [33, 263];
const MESH_MOUTH = [13, 14, 61, 291];

async function extract(version: '3.0' | '2.0', step: number): Promise<Row[]> {
  const engine = await startEngine({ ...resolveOptions({ backend: 'wasm', fetch: fileFetch }), preload: [version] } as never);
  const landmarker = await engine.landmarker(version);
  const manifest = JSON.parse(readFileSync(join(FACES_TRAIN, 'manifest.json'), 'utf8')) as TrainRow[];
  const rows: Row[] = [];
  for (let i = 0; i < manifest.length; i += step) {
    const row = manifest[i]!;
    const points = (JSON.parse(readFileSync(join(FACES_TRAIN, 'annotations', row.annotation), 'utf8')) as { points: number[][] }).points;
    const upright = await loadPixels(join(FACES_TRAIN, 'images', row.file));
    const [w, h] = [upright.width, upright.height];
    for (const q of [0, 1, 2, 3]) {
      const px = rotatePixels(upright, q);
      const gt = points.map(([x, y]): Vec2 =>
        q === 1 ? { x: h - 1 - y!, y: x! } : q === 2 ? { x: w - 1 - x!, y: h - 1 - y! } : q === 3 ? { x: y!, y: w - 1 - x! } : { x: x!, y: y! },
      );
      const eyes = centre(gt.slice(36, 48));
      const mouth = centre(gt.slice(48, 60));
      const { image } = toTensor({ source: px, width: px.width, height: px.height, release: () => undefined } as never);
      try {
        const faces = await findFaces(engine.detectors, landmarker, image, { rotate: false, maxFaces: 1 });
        for (const f of faces) {
          const meshes = await runLandmarks(landmarker, image, [0, 1, 2, 3].map((t) => ({ ...f.roi, angle: f.roi.angle + (t * Math.PI) / 2 })));
          meshes.forEach((m, t) => {
            const me = centre(MESH_EYES.map((v) => m.mesh[v]!));
            const mm = centre(MESH_MOUTH.map((v) => m.mesh[v]!));
            const ok = between({ x: eyes.x - mouth.x, y: eyes.y - mouth.y }, { x: me.x - mm.x, y: me.y - mm.y }) < 45;
            const kept = [...VERTICES, ...FRAME].flatMap((v) => [m.mesh[v]!.x, m.mesh[v]!.y, m.mesh[v]!.z]);
            rows.push({ photo: photoOf(row), q, t, flag: m.score, mesh: kept.map((x) => Math.round(x * 1000) / 1000), upright: ok });
          });
        }
      } finally {
        image.dispose();
      }
    }
    if ((i / step) % 100 === 0) console.log(`${version}: ${i} of ${manifest.length} crops`);
  }
  await engine.dispose();
  return rows;
}

/** The rows' meshes as uprightLogit sees them: only the chosen vertices and the outer eye corners are kept. */
function meshOf(r: Row): Vec3[] {
  const mesh: Vec3[] = [];
  [...VERTICES, ...FRAME].forEach((v, k) => (mesh[v] = { x: r.mesh[3 * k]!, y: r.mesh[3 * k + 1]!, z: r.mesh[3 * k + 2]! }));
  return mesh;
}

/** The inputs of one row, read through uprightLogit itself with unit weights per input. */
function inputs(r: Row): Float64Array {
  const n = 3 * VERTICES.length + 1;
  const x = new Float64Array(n);
  const mesh = meshOf(r);
  for (let j = 0; j < n; j++) {
    const weights = new Array<number>(n + 1).fill(0);
    weights[j] = 1;
    x[j] = uprightLogit({ vertices: VERTICES, weights }, mesh, r.flag);
  }
  return x;
}

/** L2-penalised logistic regression by Newton's method on standardised inputs; weights on the raw inputs, bias last. */
function fitLogistic(xs: readonly Float64Array[], ys: readonly number[]): number[] {
  const n = xs.length;
  const p = xs[0]!.length;
  const mu = new Float64Array(p);
  const sd = new Float64Array(p);
  for (const x of xs) for (let j = 0; j < p; j++) mu[j]! += x[j]! / n;
  for (const x of xs) for (let j = 0; j < p; j++) sd[j]! += (x[j]! - mu[j]!) ** 2 / n;
  for (let j = 0; j < p; j++) sd[j] = Math.sqrt(sd[j]!) + 1e-9;
  const z = xs.map((x) => Float64Array.from({ length: p + 1 }, (_, j) => (j < p ? (x[j]! - mu[j]!) / sd[j]! : 1)));
  const w = new Float64Array(p + 1);
  const m = p + 1;
  for (let iter = 0; iter < 25; iter++) {
    const hess = new Float64Array(m * m);
    const grad = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      const zi = z[i]!;
      let s = 0;
      for (let j = 0; j < m; j++) s += zi[j]! * w[j]!;
      const pr = 1 / (1 + Math.exp(-s));
      const g = pr - ys[i]!;
      const h = pr * (1 - pr);
      for (let j = 0; j < m; j++) {
        grad[j]! += g * zi[j]!;
        for (let k = 0; k <= j; k++) hess[j * m + k]! += h * zi[j]! * zi[k]!;
      }
    }
    for (let j = 0; j < p; j++) {
      grad[j]! += LAMBDA * w[j]!;
      hess[j * m + j]! += LAMBDA;
    }
    choleskySolve(hess, grad, m, 1);
    let step = 0;
    for (let j = 0; j < m; j++) {
      w[j]! -= grad[j]!;
      step = Math.max(step, Math.abs(grad[j]!));
    }
    if (step < 1e-8) break;
  }
  const raw = Array.from({ length: p }, (_, j) => w[j]! / sd[j]!);
  const bias = w[p]! - raw.reduce((s, r, j) => s + r * mu[j]!, 0);
  return [...raw, bias];
}

const logitOf = (weights: readonly number[], x: Float64Array): number => weights.reduce((s, w, j) => s + w * (j < x.length ? x[j]! : 1), 0);

const step = Number(process.argv[2] ?? 1);
mkdirSync(CACHE_DIR, { recursive: true });
const out: string[] = [];
for (const version of ['3.0', '2.0'] as const) {
  const cache = join(CACHE_DIR, `upright-${version}.json`);
  if (!existsSync(cache)) writeFileSync(cache, JSON.stringify(await extract(version, step)));
  const rows = JSON.parse(readFileSync(cache, 'utf8')) as Row[];
  const xs = rows.map(inputs);
  const ys = rows.map((r) => (r.upright ? 1 : 0));
  const folds = foldsOf(rows.map((r) => r.photo), FOLDS);
  const oof = new Float64Array(rows.length);
  for (let k = 0; k < FOLDS; k++) {
    const train = rows.flatMap((_, i) => (folds[i] !== k ? [i] : []));
    const weights = fitLogistic(train.map((i) => xs[i]!), train.map((i) => ys[i]!));
    rows.forEach((_, i) => folds[i] === k && (oof[i] = logitOf(weights, xs[i]!)));
  }
  const wrong = rows.filter((r, i) => (oof[i]! >= 0) !== r.upright).length;
  const reported = rows.flatMap((r, i) => (r.t === 0 ? [i] : []));
  const upright = reported.filter((i) => rows[i]!.upright);
  const inUprightPhotos = upright.filter((i) => rows[i]!.q === 0);
  const turned = reported.filter((i) => !rows[i]!.upright);
  console.log(`${version}: ${rows.length} meshes, ${((100 * wrong) / rows.length).toFixed(2)} % misjudged at 0 (CV by photo)`);
  for (const gate of [2, 1, 0, -1]) {
    const flagged = (i: number): boolean => oof[i]! < gate;
    console.log(
      `  doubt below ${gate}: upright meshes doubted ${upright.filter(flagged).length} of ${upright.length} ` +
        `(of upright photos ${inUprightPhotos.filter(flagged).length} of ${inUprightPhotos.length}), ` +
        `wrongly turned not doubted ${turned.filter((i) => !flagged(i)).length} of ${turned.length}`,
    );
  }
  const weights = fitLogistic(xs, ys).map((x) => Number(x.toPrecision(6)));
  out.push(`  '${version}': { vertices: VERTICES, weights: [${weights.join(', ')}] },`);
}
writeFileSync(
  new URL('../src/pipeline/upright-weights.ts', import.meta.url),
  `/** Written by training/upright.ts (fitted on ../shared/faces-train: research and non-commercial data, see models/README.md). */\n` +
    `import type { FaceModelVersion } from '../contract/types';\nimport type { UprightCheck } from '../shape/upright-check';\n\n` +
    `const VERTICES = [${VERTICES.join(', ')}];\n\nexport const UPRIGHT_CHECKS: Record<FaceModelVersion, UprightCheck> = {\n${out.join('\n')}\n};\n`,
);
