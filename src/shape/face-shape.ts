/** Turns a dense mesh into one face of the contract: the nine groups, integer pixels. */
import { faceProfile } from './face-profile';
import { faceFrame } from './face-frame';
import type { GrayPatch } from './face-patch';
import { applyFittedMap, FITTED_GROUPS, type FittedMap } from './fitted-map';
import type { Vec2, Vec3 } from './geometry';
import { applyRule, MESH_MAP } from './mesh-map';
import { levelled, orderProblems } from './point-order';
import { refinePoints } from './point-refiner';
import { GROUPS, type GroupName } from '../contract/schema';
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

function rounded(points: Record<GroupName, Vec2[]>): FaceShape {
  const face = {} as FaceShape;
  for (const { name } of GROUPS) face[name] = points[name].map(toPoint);
  return face;
}

/**
 * The refined groups that keep the contract's order: each group's move is taken, in turn,
 * only if the face then breaks no order rule (point-order.ts) the fitted map's face kept. A
 * move that crosses the lids of a closed eye or bunches a turned face's lips is dropped, not
 * passed on.
 */
export function keepOrder(mapped: FaceShape, refined: FaceShape): FaceShape {
  const kept = new Set(orderProblems(levelled(mapped)));
  // Most faces keep every rule with all their moves: one check, not one a group.
  if (orderProblems(levelled(refined)).every((p) => kept.has(p))) return refined;
  let face = mapped;
  for (const { name } of FITTED_GROUPS) {
    const trial = { ...face, [name]: refined[name] };
    if (orderProblems(levelled(trial)).every((p) => kept.has(p))) face = trial;
  }
  return face;
}

/**
 * With a fitted map, every point but the pupils is where people put it (fitted-map.ts); with
 * the face's grey patch too, the points are then moved onto what the pixels show (point-refiner.ts).
 */
export function faceShape(mesh: readonly Vec3[], fitted?: FittedMap, patch?: GrayPatch): FaceShape {
  const rule = rulePoints(mesh);
  if (!fitted) return rounded(rule);
  const mapped = { ...rule, ...applyFittedMap(fitted, mesh, GROUPS.flatMap((g) => rule[g.name])) };
  if (!patch) return rounded(mapped);
  const moved = refinePoints(fitted.refine, patch, faceFrame(mesh), FITTED_GROUPS.flatMap((g) => mapped[g.name]));
  const refined = { ...mapped };
  let k = 0;
  for (const g of FITTED_GROUPS) refined[g.name] = moved.slice(k, (k += g.size));
  return keepOrder(rounded(mapped), rounded(refined));
}
