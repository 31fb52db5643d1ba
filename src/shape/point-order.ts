/**
 * The contract's point-order rules that hold on every upright face, whatever its pose:
 * left/right, lids and brow edges, lip runs, the chin lowest, the profile's ends at
 * eye-corner height, pupils inside their eyes. Returns the rules a face breaks. The tests
 * hold every answer to them; the point refinement (face-shape.ts) keeps a move only where it
 * breaks none that the fitted map's points kept.
 */
import type { FaceShape, Point } from '../contract/types';

const centre = (pts: Point[]): Point => ({
  x: pts.reduce((s, p) => s + p.x, 0) / pts.length,
  y: pts.reduce((s, p) => s + p.y, 0) / pts.length,
});

const increasing = (xs: number[]): boolean => xs.slice(1).every((x, i) => x >= xs[i]!);

export function orderProblems(f: FaceShape): string[] {
  const eyeDistance = centre(f.right_eye).x - centre(f.left_eye).x;
  const a = f.left_eye[0]!;
  const b = f.right_eye[0]!;
  const acrossEyeLine = (p: Point): number =>
    Math.abs((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)) / Math.hypot(b.x - a.x, b.y - a.y);
  const profile = f.face_profile;
  const rules: [string, boolean][] = [
    ['left eye left of right eye', eyeDistance > 0],
    ['left eye: outer corner left of inner', a.x < f.left_eye[4]!.x],
    ['right eye: outer corner right of inner', b.x > f.right_eye[4]!.x],
    ['left brow: outer end left of inner', f.left_eye_brow[0]!.x < f.left_eye_brow[4]!.x],
    ['right brow: outer end right of inner', f.right_eye_brow[0]!.x > f.right_eye_brow[4]!.x],
    ['mouth corners left to right', f.mouth[0]!.x < f.mouth[6]!.x],
    ['upper lip above lower lip', f.mouth[9]!.y < f.mouth[3]!.y],
    ['pupils left to right', f.left_pupil[0]!.x < f.right_pupil[0]!.x],
    ['left brow above left eye', centre(f.left_eye_brow).y < centre(f.left_eye).y],
    ['right brow above right eye', centre(f.right_eye_brow).y < centre(f.right_eye).y],
    ['nose bridge above tip', f.nose[1]!.y < f.nose[0]!.y],
    ['nose wings left to right', f.nose[5]!.x < f.nose[9]!.x],
    ['nose base below bridge', f.nose[7]!.y > f.nose[1]!.y],
    // Lids and brow edges: the lower run (1-3) under the upper run (5-7).
    ...[f.left_eye, f.right_eye, f.left_eye_brow, f.right_eye_brow].map(
      (ring, i): [string, boolean] => [`ring ${i}: lower run under upper run`, ring[2]!.y > ring[6]!.y],
    ),
    // Lips: lower lip (1-5) left to right, upper lip (7-11) right to left, inner lower under
    // inner upper. The corners are left out: on a turned face the far corner can hide behind
    // the lip's own curve.
    ['outer lower lip left to right', increasing(f.mouth.slice(1, 6).map((p) => p.x))],
    ['outer upper lip right to left', increasing(f.mouth.slice(7, 12).map((p) => -p.x))],
    ['inner lower lip left to right', increasing(f.mouth.slice(12, 17).map((p) => p.x))],
    ['inner upper lip right to left', increasing(f.mouth.slice(17, 22).map((p) => -p.x))],
    ['inner lower lip under inner upper', f.mouth[14]!.y >= f.mouth[19]!.y],
    ['profile left to right', profile[0]!.x < profile[20]!.x],
    // The chin is the lowest point of the profile (within a pixel or two of rounding).
    ['chin lowest', Math.max(...profile.map((p) => p.y)) - profile[10]!.y <= Math.max(2, eyeDistance * 0.05)],
    // The profile starts and ends at eye-corner height, across the (possibly tilted) eye line.
    ['profile starts at eye-corner height', acrossEyeLine(profile[0]!) < eyeDistance * 0.35],
    ['profile ends at eye-corner height', acrossEyeLine(profile[20]!) < eyeDistance * 0.35],
    ...[[f.left_eye, f.left_pupil[0]!], [f.right_eye, f.right_pupil[0]!]].map(([eye, pupil], i): [string, boolean] => {
      const xs = (eye as Point[]).map((p) => p.x);
      const x = (pupil as Point).x;
      return [`pupil ${i} inside its eye`, x >= Math.min(...xs) && x <= Math.max(...xs)];
    }),
  ];
  return rules.filter(([, ok]) => !ok).map(([rule]) => rule);
}

/** The face turned so its outer eye corners are level: the order rules assume an upright face, and many here are tilted. */
export function levelled(f: FaceShape): FaceShape {
  const a = f.left_eye[0]!;
  const b = f.right_eye[0]!;
  const angle = Math.atan2(b.y - a.y, b.x - a.x);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const turn = (p: { x: number; y: number }) => ({ x: c * (p.x - a.x) + s * (p.y - a.y), y: -s * (p.x - a.x) + c * (p.y - a.y) });
  return Object.fromEntries(Object.entries(f).map(([k, pts]) => [k, (pts as { x: number; y: number }[]).map(turn)])) as FaceShape;
}
