/**
 * The contract's points where people put them: a linear map, fitted on faces annotated by
 * people (training/, numbers in models/fitted-map-*.json), from the dense mesh in the face's
 * own frame to every point of the contract but the pupils (which stay the iris centres).
 * Its inputs are the fixed rules' 90 points (mesh-map.ts, face-profile.ts: the outline
 * among them is a convex hull, which no linear map of the vertices gives) and the depth
 * and position of chosen vertices.
 *
 * The face's frame: origin between the outer eye corners, x along them, one unit their
 * distance, so the map needs to learn neither position, size nor in-plane tilt. The head's
 * turn (yaw, from the mesh's depth) enters both as a term of its own and multiplied with
 * the outline vertices: the outline people trace slides over the mesh as the head turns.
 */
import type { Vec2, Vec3 } from './geometry';
import { faceFrame, LEFT_EYE_OUTER, RIGHT_EYE_OUTER, toFace, toImage } from './face-frame';
import { readPointRefiner, type PointRefiner } from './point-refiner';
import { FaceAnalyzeError } from '../contract/errors';
import { GROUPS, POINT_COUNT, type GroupName } from '../contract/schema';

/** The groups the map places, in contract order (all but the pupils). */
export const FITTED_GROUPS = GROUPS.filter((g) => !g.name.endsWith('_pupil'));
export const FITTED_POINTS = FITTED_GROUPS.reduce((n, g) => n + g.size, 0);

export interface FittedMap {
  face_model_version: '3.0' | '2.0';
  /** Mesh vertices whose x, y, z (face frame) are inputs. */
  vertices: number[];
  /** Mesh vertices whose x, y, z are also inputs multiplied by the turn. */
  turn_vertices: number[];
  /** (inputs + 1) rows × (2 × FITTED_POINTS) columns, row-major; the last row is the bias. */
  weights: number[];
  /** What moves the mapped points onto the image's edges, where the pixels are at hand. */
  refine: PointRefiner;
}

/** The sides of the face at cheekbone height: their depth difference gives the turn. */
const LEFT_CHEEK = 234;
const RIGHT_CHEEK = 454;

/** Yaw in radians from the mesh's depth: positive when the image-right cheek is nearer the camera. */
export function headTurn(mesh: readonly Vec3[]): number {
  const f = faceFrame(mesh);
  const l = toFace(f, mesh[LEFT_CHEEK]!);
  const r = toFace(f, mesh[RIGHT_CHEEK]!);
  return Math.atan2(l.z - r.z, r.x - l.x);
}

/** The map's inputs for one mesh and its rule points (contract order), in the order of its weight rows (bias excluded). */
export function mapInputs(map: Pick<FittedMap, 'vertices' | 'turn_vertices'>, mesh: readonly Vec3[], rule: readonly Vec2[]): Float64Array {
  const f = faceFrame(mesh);
  const face = (i: number): Vec3 => toFace(f, mesh[i]!);
  const turn = headTurn(mesh);
  // Depth relative to the eye corners, so the mesh's arbitrary z origin drops out.
  const z0 = (face(LEFT_EYE_OUTER).z + face(RIGHT_EYE_OUTER).z) / 2;
  const out = new Float64Array(inputCount(map));
  let k = 0;
  for (const q of rule) {
    const p = toFace(f, { ...q, z: 0 });
    out[k++] = p.x;
    out[k++] = p.y;
  }
  for (const i of map.vertices) {
    const p = face(i);
    out[k++] = p.x;
    out[k++] = p.y;
    out[k++] = p.z - z0;
  }
  for (const i of map.turn_vertices) {
    const p = face(i);
    out[k++] = p.x * turn;
    out[k++] = p.y * turn;
    out[k++] = (p.z - z0) * turn;
  }
  out[k++] = turn;
  out[k++] = Math.abs(turn);
  return out;
}

export const inputCount = (map: Pick<FittedMap, 'vertices' | 'turn_vertices'>): number =>
  2 * POINT_COUNT + 3 * map.vertices.length + 3 * map.turn_vertices.length + 2;

const isIndexList = (v: unknown): v is number[] => Array.isArray(v) && v.every((i) => Number.isInteger(i) && i >= 0 && i < 468);

/**
 * A map file's JSON, checked before use: a map for another version, or weights that do not
 * fit its inputs, would place every point wrong without failing anywhere.
 */
export function readFittedMap(json: unknown, version: FittedMap['face_model_version']): FittedMap {
  const m = json as Partial<FittedMap> | null;
  const ok =
    m !== null &&
    typeof m === 'object' &&
    m.face_model_version === version &&
    isIndexList(m.vertices) &&
    isIndexList(m.turn_vertices) &&
    Array.isArray(m.weights) &&
    m.weights.length === (inputCount({ vertices: m.vertices, turn_vertices: m.turn_vertices }) + 1) * 2 * FITTED_POINTS &&
    m.weights.every(Number.isFinite);
  if (!ok) throw new FaceAnalyzeError('model_load_failed', `The point map for face_model_version ${version} does not fit its inputs.`);
  return { ...(m as FittedMap), refine: readPointRefiner(m.refine, FITTED_POINTS) };
}

/**
 * Runs of a group that face each other across a closed eye or mouth: [lower, upper] index
 * pairs at the same place along the contour (lids and brow edges: 1-3 outward, 5-7 inward;
 * inner lips: 12-16 left to right, 17-21 right to left).
 */
const FACING: Partial<Record<GroupName, [number, number][]>> = {
  left_eye: [[1, 7], [2, 6], [3, 5]],
  right_eye: [[1, 7], [2, 6], [3, 5]],
  left_eye_brow: [[1, 7], [2, 6], [3, 5]],
  right_eye_brow: [[1, 7], [2, 6], [3, 5]],
  mouth: [[12, 21], [13, 20], [14, 19], [15, 18], [16, 17]],
};

/**
 * A lower run fitted above its upper run, or within a pixel of it (a closed eye or mouth,
 * where both are one line), would break the contract's order: the two points then sit a
 * pixel apart around where they meet. `pixel` is one image pixel in face-frame units.
 */
function keepApart(points: Vec2[], pairs: [number, number][], pixel: number): void {
  for (const [lo, up] of pairs) {
    const a = points[lo]!;
    const b = points[up]!;
    if (a.y - b.y >= pixel) continue;
    const x = (a.x + b.x) / 2;
    const y = (a.y + b.y) / 2;
    points[lo] = { x, y: y + pixel / 2 };
    points[up] = { x, y: y - pixel / 2 };
  }
}

/** The fitted points of every group but the pupils, in image pixels. */
export function applyFittedMap(map: Omit<FittedMap, 'refine'>, mesh: readonly Vec3[], rule: readonly Vec2[]): Partial<Record<GroupName, Vec2[]>> {
  const x = mapInputs(map, mesh, rule);
  const cols = 2 * FITTED_POINTS;
  const out = new Float64Array(cols);
  out.set(map.weights.slice(x.length * cols, (x.length + 1) * cols));
  for (let r = 0; r < x.length; r++) {
    const xr = x[r]!;
    const row = r * cols;
    for (let c = 0; c < cols; c++) out[c]! += xr * map.weights[row + c]!;
  }
  const f = faceFrame(mesh);
  const groups: Partial<Record<GroupName, Vec2[]>> = {};
  let k = 0;
  for (const g of FITTED_GROUPS) {
    // In the face's frame, where "lower" is larger y whatever the tilt.
    const points = Array.from({ length: g.size }, () => {
      const p = { x: out[k]!, y: out[k + 1]! };
      k += 2;
      return p;
    });
    keepApart(points, FACING[g.name] ?? [], 1 / Math.hypot(f.c, f.s));
    groups[g.name] = points.map((p) => toImage(f, p));
  }
  return groups;
}
