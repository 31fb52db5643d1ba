/** The cached faces as fitting samples: the map's inputs and its targets in the face's frame. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Vec2, Vec3 } from '../src/shape/geometry';
import { FITTED_GROUPS, FITTED_POINTS, headTurn, mapInputs, type FittedMap } from '../src/shape/fitted-map';
import { faceFrame, toFace } from '../src/shape/face-frame';
import { faceShape, rulePoints } from '../src/shape/face-shape';
import { sharedPointError } from '../test/support/nme';
import { GROUPS } from '../src/contract/schema';
import { CACHE_DIR, type CachedFace } from './data';
import { PATCH_SIDE, patchBox, type GrayPatch } from '../src/shape/face-patch';
import { contractTargets } from './targets';

export interface Sample {
  face: CachedFace;
  mesh: Vec3[];
  /** The fixed rules' 90 points, contract order. */
  rule: Vec2[];
  /** Yaw from the mesh's depth, degrees (positive: image-right cheek nearer). */
  yaw: number;
  /** Targets of the fitted points, face frame, x and y interleaved. */
  target: Float64Array;
  /** The fixed rules' error (shared points): far off means the mesh missed the face. */
  ruleError: number;
  /** The grey square the point refinement reads (training/patches.ts). */
  patch: GrayPatch;
}

export function loadFaces(version: '3.0' | '2.0'): CachedFace[] {
  return JSON.parse(readFileSync(join(CACHE_DIR, `faces-${version}.json`), 'utf8')) as CachedFace[];
}

/** A cached face's mesh as points (the face must have one). */
export function meshOf(face: CachedFace): Vec3[] {
  const m = face.mesh!;
  return Array.from({ length: m.length / 3 }, (_, i) => ({ x: m[3 * i]!, y: m[3 * i + 1]!, z: m[3 * i + 2]! }));
}

/** A face with its mesh and patch (PATCH_SIDE² luminances) as a sample. */
export function toSample(face: CachedFace, patch: Float32Array): Sample {
  const mesh = meshOf(face);
  const groups = rulePoints(mesh);
  const targets = contractTargets(face.points.map(([x, y]) => ({ x: x!, y: y! })), groups);
  const f = faceFrame(mesh);
  const target = new Float64Array(2 * FITTED_POINTS);
  let k = 0;
  for (const g of FITTED_GROUPS) {
    for (const p of targets[g.name]!) {
      const q = toFace(f, { ...p, z: 0 });
      target[k++] = q.x;
      target[k++] = q.y;
    }
  }
  const ruleError = sharedPointError(faceShape(mesh), face.points as [number, number][]).nme;
  return { face, mesh, rule: GROUPS.flatMap((g) => groups[g.name]), yaw: (headTurn(mesh) * 180) / Math.PI, target, ruleError, patch: { box: patchBox(mesh), data: patch } };
}

/** Every cached face the mesh found, with its cached patch (training/extract.ts, training/patches.ts). */
export function loadSamples(version: '3.0' | '2.0'): Sample[] {
  const bytes = readFileSync(join(CACHE_DIR, `patches-${version}.bin`));
  const patches = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const size = PATCH_SIDE * PATCH_SIDE;
  return loadFaces(version)
    .filter((f) => f.mesh)
    .map((face, i) => toSample(face, patches.subarray(i * size, (i + 1) * size)));
}

export const inputsOf = (map: Pick<FittedMap, 'vertices' | 'turn_vertices'>, s: Sample): Float64Array => mapInputs(map, s.mesh, s.rule);
