/** Turns a dense mesh into one face of the contract: the nine groups, integer pixels. */
import { faceProfile } from './face-profile';
import { faceFrame } from './face-frame';
import type { GrayPatch } from './face-patch';
import { applyFittedMap, FITTED_GROUPS, type FittedMap } from './fitted-map';
import type { Vec2, Vec3 } from './geometry';
import { applyRule, MESH_MAP } from './mesh-map';
import { levelled, orderProblems } from './point-order';
import { refinePoints } from './point-refiner';
import { GROUPS, type GroupName, type GroupSpec } from '../contract/schema';
import type { FaceShape, Point } from '../contract/types';

const toPoint = (p: Vec2): Point => ({ x: Math.round(p.x), y: Math.round(p.y) });

/** The fixed rules' points (mesh-map.ts, face-profile.ts), unrounded, by group. */
export function rulePoints(mesh: readonly Vec2[]): Record<GroupName, Vec2[]> {
  const groups = {} as Record<GroupName, Vec2[]>;
  for (const { name } of GROUPS) {
    groups[name] = name === 'face_profile' ? faceProfile(mesh) : MESH_MAP[name].map((rule) => applyRule(rule, mesh));
  }
  return groups;
}

/** A face's points by group, unrounded: what the contract's integer points are rounded from. */
export type FacePoints = Record<GroupName, Vec2[]>;

export function roundedFace(points: Readonly<Record<GroupName, readonly Vec2[]>>): FaceShape {
  const face = {} as FaceShape;
  for (const { name } of GROUPS) face[name] = points[name].map(toPoint);
  return face;
}

/**
 * `base` with the groups of `candidate` that keep the contract's order: all of them when the
 * face then breaks no order rule (point-order.ts, on the rounded points) that `base` kept, else
 * each of `groups` in turn only if it breaks none. A refinement's move that crosses the lids of
 * a closed eye or bunches a turned face's lips is dropped, not passed on.
 */
export function keepOrder<F extends Readonly<Record<GroupName, readonly Vec2[]>>>(base: F, candidate: F, groups: readonly { name: GroupName }[] = FITTED_GROUPS): F {
  const problems = (face: F): string[] => orderProblems(levelled(roundedFace(face)));
  const kept = new Set(problems(base));
  // Most faces keep every rule with all their moves: one check, not one a group.
  if (problems(candidate).every((p) => kept.has(p))) return candidate;
  let face = base;
  for (const { name } of groups) {
    const trial = { ...face, [name]: candidate[name] };
    if (problems(trial).every((p) => kept.has(p))) face = trial;
  }
  return face;
}

/**
 * With a fitted map, every point but the pupils is where people put it (fitted-map.ts); with
 * the face's grey patch too, the points are then moved onto what the pixels show (point-refiner.ts).
 */
export function facePoints(mesh: readonly Vec3[], fitted?: FittedMap, patch?: GrayPatch): FacePoints {
  const rule = rulePoints(mesh);
  if (!fitted) return rule;
  const mapped = { ...rule, ...applyFittedMap(fitted, mesh, GROUPS.flatMap((g) => rule[g.name])) };
  if (!patch) return mapped;
  const moved = refinePoints(fitted.refine, patch, faceFrame(mesh), flatPoints(mapped, FITTED_GROUPS));
  return keepOrder(mapped, { ...mapped, ...regroup(moved, FITTED_GROUPS) });
}

export const faceShape = (mesh: readonly Vec3[], fitted?: FittedMap, patch?: GrayPatch): FaceShape => roundedFace(facePoints(mesh, fitted, patch));

/** A face's points as one list, `groups` in order (all of the schema's: what a smoother filters), and back. */
export const flatPoints = (face: FacePoints, groups: readonly GroupSpec[] = GROUPS): Vec2[] => groups.flatMap((g) => face[g.name]);

/** `points` cut into `groups` in turn, by their sizes. */
function regroup(points: readonly Vec2[], groups: readonly GroupSpec[]): Partial<FacePoints> {
  const face: Partial<FacePoints> = {};
  let k = 0;
  for (const g of groups) face[g.name] = points.slice(k, (k += g.size));
  return face;
}

export const fromFlat = (points: readonly Vec2[]): FacePoints => regroup(points, GROUPS) as FacePoints;

/**
 * The face of a video frame as smoothed, but for a group whose smoothing would break a
 * point-order rule the face as found keeps (each point has its own filter, so two close
 * points can cross): that group stays as found.
 */
export const steadyFace = (found: FacePoints, smoothed: FacePoints): FaceShape => roundedFace(keepOrder(found, smoothed, GROUPS));
