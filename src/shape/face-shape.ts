/** Turns a dense mesh into one face of the contract: the nine groups, integer pixels. */
import { faceProfile } from './face-profile';
import { applyFittedMap, type FittedMap } from './fitted-map';
import type { Vec2, Vec3 } from './geometry';
import { applyRule, MESH_MAP } from './mesh-map';
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

/** With a fitted map, every point but the pupils is where people put it (fitted-map.ts). */
export function faceShape(mesh: readonly Vec3[], fitted?: FittedMap): FaceShape {
  const rule = rulePoints(mesh);
  const points = fitted ? { ...rule, ...applyFittedMap(fitted, mesh, GROUPS.flatMap((g) => rule[g.name])) } : rule;
  const face = {} as FaceShape;
  for (const { name } of GROUPS) face[name] = points[name].map(toPoint);
  return face;
}
