/** Turns a dense mesh into one face of the contract: the nine groups, integer pixels. */
import { faceProfile } from './face-profile';
import type { Vec2 } from './geometry';
import { applyRule, MESH_MAP } from './mesh-map';
import { GROUPS } from '../contract/schema';
import type { FaceShape, Point } from '../contract/types';

const toPoint = (p: Vec2): Point => ({ x: Math.round(p.x), y: Math.round(p.y) });

export function faceShape(mesh: readonly Vec2[]): FaceShape {
  const face = {} as FaceShape;
  for (const { name } of GROUPS) {
    const points = name === 'face_profile' ? faceProfile(mesh) : MESH_MAP[name].map((rule) => applyRule(rule, mesh));
    face[name] = points.map(toPoint);
  }
  return face;
}
