/**
 * Is a mesh the right way up? The mesh model draws an upright face on any crop it is given,
 * a face upside down included, with its face flag near 1: every point is then invented. But
 * the face it invents there is an odd one: its shape (the brows, nose and mouth where the
 * real chin, mouth and eyes are) is not the shape it gives a real upright face. A logistic
 * model of the mesh's own shape (chosen vertices in the face's frame, face-frame.ts) and its
 * face flag tells the two apart at no cost beyond the mesh already computed; the numbers are
 * fitted by training/upright.ts on faces-train crops meshed at four quarter turns.
 */
import type { Vec3 } from './geometry';
import { faceFrame, toFace } from './face-frame';

export interface UprightCheck {
  /** Mesh vertices whose x, y, z in the face's frame are inputs. */
  vertices: readonly number[];
  /** x, y, z weights of each vertex in turn, then the face flag's logit's weight, then the bias. */
  weights: readonly number[];
}

/** The face flag is a probability: kept off 0 and 1 so that its logit stays finite. */
const FLAG_FLOOR = 1e-6;

/** Log-odds that the mesh is the right way up: below 0 the model thinks it more likely invented. */
export function uprightLogit(check: UprightCheck, mesh: readonly Vec3[], faceFlag: number): number {
  const frame = faceFrame(mesh);
  const { vertices, weights } = check;
  let sum = weights[weights.length - 1]!;
  vertices.forEach((v, i) => {
    const p = toFace(frame, mesh[v]!);
    sum += weights[3 * i]! * p.x + weights[3 * i + 1]! * p.y + weights[3 * i + 2]! * p.z;
  });
  const flag = Math.min(1 - FLAG_FLOOR, Math.max(FLAG_FLOOR, faceFlag));
  return sum + weights[3 * vertices.length]! * Math.log(flag / (1 - flag));
}
