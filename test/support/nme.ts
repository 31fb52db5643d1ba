/**
 * Landmark error of a face against human annotations, normalised by the outer-eye-corner
 * distance (the 300-W convention). Where both schemes have the same anatomical point it is
 * compared point to point; where the contract has a contour and the annotation spaces its
 * points differently (jaw, brows, lids, lips), each annotated point is compared with the
 * nearest point of our contour.
 */
import type { FaceShape, Point } from '../../src/contract/types';

export type Vec = [number, number];

export interface Annotation {
  scheme: 'ibug68' | 'lfpw29';
  points: Vec[];
  names?: string[];
}

export type Region = 'jaw' | 'brows' | 'eyes' | 'nose' | 'mouth' | 'pupils';

export interface FaceError {
  /** Mean error over all compared points / inter-ocular distance. */
  nme: number;
  byRegion: Partial<Record<Region, number>>;
}

const dist = (a: Vec, b: Vec): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
const vec = (p: Point): Vec => [p.x, p.y];
const mid = (a: Vec, b: Vec): Vec => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
const mean = (ps: Vec[]): Vec => [ps.reduce((s, p) => s + p[0], 0) / ps.length, ps.reduce((s, p) => s + p[1], 0) / ps.length];

function toSegment(p: Vec, a: Vec, b: Vec): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len));
  return dist(p, [a[0] + t * dx, a[1] + t * dy]);
}

const toPolyline = (p: Vec, line: Vec[]): number =>
  line.length === 1 ? dist(p, line[0]!) : Math.min(...line.slice(1).map((b, i) => toSegment(p, line[i]!, b)));

/** The middle line of a brow ring: outer end, mid of lower/upper pairs, inner end. */
const browMidline = (b: Point[]): Vec[] => [vec(b[0]!), mid(vec(b[1]!), vec(b[7]!)), mid(vec(b[2]!), vec(b[6]!)), mid(vec(b[3]!), vec(b[5]!)), vec(b[4]!)];

interface Pair {
  region: Region;
  error: number;
}

function ibugPairs(f: FaceShape, a: Vec[]): Pair[] {
  const pairs: Pair[] = [];
  const P = (region: Region, i: number, ours: Point): void => void pairs.push({ region, error: dist(a[i]!, vec(ours)) });
  const C = (region: Region, i: number, line: Vec[]): void => void pairs.push({ region, error: toPolyline(a[i]!, line) });
  const profile = f.face_profile.map(vec);
  for (let i = 0; i <= 16; i++) if (i !== 8) C('jaw', i, profile);
  P('jaw', 8, f.face_profile[10]!);
  const lb = browMidline(f.left_eye_brow);
  const rb = browMidline(f.right_eye_brow);
  for (let i = 17; i <= 21; i++) C('brows', i, lb);
  for (let i = 22; i <= 26; i++) C('brows', i, rb);
  const ring = (pts: Point[]): Vec[] => [...pts.map(vec), vec(pts[0]!)];
  P('eyes', 36, f.left_eye[0]!);
  P('eyes', 39, f.left_eye[4]!);
  P('eyes', 45, f.right_eye[0]!);
  P('eyes', 42, f.right_eye[4]!);
  for (const i of [37, 38, 40, 41]) C('eyes', i, ring(f.left_eye));
  for (const i of [43, 44, 46, 47]) C('eyes', i, ring(f.right_eye));
  pairs.push({ region: 'pupils', error: dist(mean(a.slice(36, 42)), vec(f.left_pupil[0]!)) });
  pairs.push({ region: 'pupils', error: dist(mean(a.slice(42, 48)), vec(f.right_pupil[0]!)) });
  P('nose', 27, f.nose[1]!);
  P('nose', 30, f.nose[0]!);
  P('nose', 33, f.nose[7]!);
  const base = [f.nose[5]!, f.nose[6]!, f.nose[7]!, f.nose[8]!, f.nose[9]!].map(vec);
  for (const i of [31, 32, 34, 35]) C('nose', i, base);
  const outer = ring(f.mouth.slice(0, 12));
  const inner = ring(f.mouth.slice(12, 22));
  P('mouth', 48, f.mouth[0]!);
  P('mouth', 54, f.mouth[6]!);
  P('mouth', 51, f.mouth[9]!);
  P('mouth', 57, f.mouth[3]!);
  for (const i of [49, 50, 52, 53, 55, 56, 58, 59]) C('mouth', i, outer);
  for (const i of [61, 62, 63, 65, 66, 67]) C('mouth', i, inner);
  return pairs;
}

/**
 * The LFPW-29 points scored, and the contract point each means. The brows' eight points, the
 * nose wings ("alar") and the chin are left out: they are placed by another convention than
 * iBUG's, which the contract's points follow (the fitted map is fitted to iBUG markup). The six
 * helen29 faces of ../shared/faces are HELEN training faces that 300-W also marked up with iBUG's
 * 68 points (in ../shared/faces-train); on the same faces, after a similarity fit on the eye and
 * mouth corners, the two human markups differ by 6-9 % of the eye distance on those points
 * (brow ends 5 % further in and inner ends 5-8 % lower; wings 5 % further out and 3 % higher;
 * the chin by 8 % with no common direction), against about 2 % on the points kept. Scored
 * there, a face placed exactly where iBUG's markup puts it would read 6-9 % wrong.
 */
const LFPW: Record<string, [Region, (f: FaceShape) => Point]> = {
  left_eye_outer: ['eyes', (f) => f.left_eye[0]!],
  right_eye_outer: ['eyes', (f) => f.right_eye[0]!],
  left_eye_inner: ['eyes', (f) => f.left_eye[4]!],
  right_eye_inner: ['eyes', (f) => f.right_eye[4]!],
  left_eye_top: ['eyes', (f) => f.left_eye[6]!],
  left_eye_bottom: ['eyes', (f) => f.left_eye[2]!],
  right_eye_top: ['eyes', (f) => f.right_eye[6]!],
  right_eye_bottom: ['eyes', (f) => f.right_eye[2]!],
  left_pupil: ['pupils', (f) => f.left_pupil[0]!],
  right_pupil: ['pupils', (f) => f.right_pupil[0]!],
  nose_tip: ['nose', (f) => f.nose[0]!],
  nose_bottom: ['nose', (f) => f.nose[7]!],
  mouth_left: ['mouth', (f) => f.mouth[0]!],
  mouth_right: ['mouth', (f) => f.mouth[6]!],
  upper_lip_top: ['mouth', (f) => f.mouth[9]!],
  upper_lip_bottom: ['mouth', (f) => f.mouth[19]!],
  lower_lip_top: ['mouth', (f) => f.mouth[14]!],
  lower_lip_bottom: ['mouth', (f) => f.mouth[3]!],
};

function lfpwPairs(f: FaceShape, a: Annotation): Pair[] {
  return a.names!.flatMap((name, i) => {
    const scored = LFPW[name];
    return scored ? [{ region: scored[0], error: dist(a.points[i]!, vec(scored[1](f))) }] : [];
  });
}

export function interocular(a: Annotation): number {
  if (a.scheme === 'ibug68') return dist(a.points[36]!, a.points[45]!);
  const at = (n: string): Vec => a.points[a.names!.indexOf(n)]!;
  return dist(at('left_eye_outer'), at('right_eye_outer'));
}

export function faceError(face: FaceShape, a: Annotation): FaceError {
  const pairs = a.scheme === 'ibug68' ? ibugPairs(face, a.points) : lfpwPairs(face, a);
  const norm = interocular(a);
  const byRegion: Partial<Record<Region, number>> = {};
  for (const region of new Set(pairs.map((p) => p.region))) {
    const errors = pairs.filter((p) => p.region === region).map((p) => p.error);
    byRegion[region] = errors.reduce((s, e) => s + e, 0) / errors.length / norm;
  }
  return { nme: pairs.reduce((s, p) => s + p.error, 0) / pairs.length / norm, byRegion };
}

/** The face of `faces` whose eye centre is nearest the annotation's (photos with several people). */
export function matchFace(faces: readonly FaceShape[], a: Annotation): FaceShape | undefined {
  const target = mean(a.points);
  const centre = (f: FaceShape): Vec => mean([...f.left_eye, ...f.right_eye, ...f.mouth].map(vec));
  let best: FaceShape | undefined;
  for (const f of faces) if (!best || dist(centre(f), target) < dist(centre(best), target)) best = f;
  return best && dist(centre(best), target) < interocular(a) * 1.5 ? best : undefined;
}

/** Reads an annotation file of the shared face set. */
export function readAnnotation(json: { scheme: string; points?: Vec[]; faces?: Vec[][]; point_names_inferred?: string[] }): Annotation[] {
  const scheme = json.scheme === 'ibug68' ? 'ibug68' : 'lfpw29';
  const faces = json.faces ?? (json.points ? [json.points] : []);
  return faces.map((points) => ({ scheme, points, names: json.point_names_inferred }));
}

/**
 * The 20 points a person can place on both schemes: eye corners, brow ends, nose bridge
 * top, tip and base, mouth corners and lip centres, jaw ends and chin, pupils (the iBUG
 * eye contour's mean). Each is compared point to point (the jaw's ends with the profile),
 * normalised by the outer-eye-corner distance. This is the score of the fitted map (issue 13).
 */
export const SHARED_REGIONS: readonly Region[] = ['jaw', 'brows', 'eyes', 'nose', 'mouth', 'pupils'];

export function sharedPointError(f: FaceShape, a: Vec[]): FaceError {
  const pairs: Pair[] = [];
  const P = (region: Region, ours: Point, theirs: Vec): void => void pairs.push({ region, error: dist(theirs, vec(ours)) });
  // The jaw's ends: iBUG's 0 and 16 sit near the ears, often below the eye-corner height
  // where the profile starts, so each is compared with the nearest point of the profile.
  const profile = f.face_profile.map(vec);
  pairs.push({ region: 'jaw', error: toPolyline(a[0]!, profile) });
  P('jaw', f.face_profile[10]!, a[8]!);
  pairs.push({ region: 'jaw', error: toPolyline(a[16]!, profile) });
  P('brows', f.left_eye_brow[0]!, a[17]!);
  P('brows', f.left_eye_brow[4]!, a[21]!);
  P('brows', f.right_eye_brow[4]!, a[22]!);
  P('brows', f.right_eye_brow[0]!, a[26]!);
  P('eyes', f.left_eye[0]!, a[36]!);
  P('eyes', f.left_eye[4]!, a[39]!);
  P('eyes', f.right_eye[4]!, a[42]!);
  P('eyes', f.right_eye[0]!, a[45]!);
  P('nose', f.nose[1]!, a[27]!);
  P('nose', f.nose[0]!, a[30]!);
  P('nose', f.nose[7]!, a[33]!);
  P('mouth', f.mouth[0]!, a[48]!);
  P('mouth', f.mouth[6]!, a[54]!);
  P('mouth', f.mouth[9]!, a[51]!);
  P('mouth', f.mouth[3]!, a[57]!);
  P('pupils', f.left_pupil[0]!, mean(a.slice(36, 42)));
  P('pupils', f.right_pupil[0]!, mean(a.slice(42, 48)));
  const norm = dist(a[36]!, a[45]!);
  const byRegion: Partial<Record<Region, number>> = {};
  for (const region of SHARED_REGIONS) {
    const errors = pairs.filter((p) => p.region === region).map((p) => p.error);
    byRegion[region] = errors.reduce((s, e) => s + e, 0) / errors.length / norm;
  }
  return { nme: pairs.reduce((s, p) => s + p.error, 0) / pairs.length / norm, byRegion };
}
