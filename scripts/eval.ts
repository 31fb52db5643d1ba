/**
 * npm run eval: runs the analyzer (Node, wasm backend, the real models) over the shared face
 * set (../shared/faces, or the folder given as argument) and prints, per photo, the faces
 * found against those expected, the NME against human annotations (iBUG 68 / LFPW 29, per
 * region) and the time; then the means and the face recall on group photos. First, when
 * training/cache/ holds the meshes of ../shared/faces-train, the fitted point map's
 * cross-validated error there (training/cv-report.ts).
 */
import '../test/support/setup';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nodeAnalyzer } from '../test/support/analyzer';
import { faceError, matchFace, readAnnotation, type Region } from '../test/support/nme';
import type { AnalyzeResponse, FaceShape } from '../src/contract/types';
import { faceTrainReport } from '../training/cv-report';
import { faceShape } from '../src/shape/face-shape';
import type { Vec3 } from '../src/shape/geometry';

interface Row {
  image: string;
  faces: string;
  scheme: string;
  annotator: string;
}

const root = resolve(process.argv[2] ?? new URL('../../shared/faces/', import.meta.url).pathname);
const version = (process.env.FACE_MODEL_VERSION ?? '3.0') as '3.0' | '2.0';
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Row[];
if (!process.argv[2]) console.log(faceTrainReport());
// The dense meshes of each answer, to score the fixed rules alone beside the fitted map.
let meshes: Vec3[][] = [];
const analyzer = await nodeAnalyzer({ preload: [version], onMeshes: (m) => void (meshes = m) });

type Box = [number, number, number, number];
const centreIn = (f: FaceShape, [l, t, w, h]: Box): boolean => {
  const pts = [...f.left_eye, ...f.right_eye, ...f.mouth];
  const x = pts.reduce((s, p) => s + p.x, 0) / pts.length;
  const y = pts.reduce((s, p) => s + p.y, 0) / pts.length;
  return x >= l && x <= l + w && y >= t && y <= t + h;
};

/** Expected face count: boxes where drawn, else the number of visible people in the manifest. */
function expectedFaces(row: Row, boxes: Box[] | undefined): number {
  if (boxes) return boxes.length;
  const visible = /(\d+) visible/.exec(row.faces) ?? /\/ (\d+)/.exec(row.faces) ?? /^(\d+)/.exec(row.faces);
  return visible ? Number(visible[1]) : 0;
}

const nmes: number[] = [];
const ruleNmes: number[] = [];
const regions: Partial<Record<Region, number[]>> = {};
let groupExpected = 0;
let groupFound = 0;
let falseFaces = 0;
const times: number[] = [];
console.log(`faceshape eval — ${root} — face_model_version ${version}, backend ${analyzer.backend}\n`);
console.log('photo'.padEnd(34), 'faces'.padStart(7), '  NME    jaw   brows  eyes  nose  mouth pupils  rules   ms');
for (const row of manifest) {
  const file = join(root, 'images', row.image);
  const bytes = readFileSync(file);
  const t = performance.now();
  const res = (await analyzer.analyze({ image_base64: bytes.toString('base64'), face_model_version: version })) as AnalyzeResponse;
  const ms = performance.now() - t;
  times.push(ms);
  const annFile = join(root, 'annotations', row.image.replace(/\.[^.]+$/, '.json'));
  const ann = existsSync(annFile) ? JSON.parse(readFileSync(annFile, 'utf8')) : undefined;
  const boxes: Box[] | undefined = ann?.boxes_ltwh;
  const expected = expectedFaces(row, boxes);
  const found = res.face_shape_set.length;
  if (expected === 0) falseFaces += found;
  const isGroup = boxes !== undefined || /vladmandic/.test(row.image);
  if (isGroup) {
    groupExpected += expected;
    groupFound += boxes ? boxes.filter((b) => res.face_shape_set.some((f) => centreIn(f, b))).length : Math.min(found, expected);
  }
  let line = `${row.image.padEnd(34)} ${`${found}/${expected}`.padStart(7)}`;
  const human = ann && !/MODEL/.test(row.annotator) && ann.scheme !== undefined;
  if (human) {
    const a = readAnnotation(ann)[0]!;
    const face = matchFace(res.face_shape_set, a);
    const e = face && faceError(face, a);
    if (e) {
      const rules = faceError(faceShape(meshes[res.face_shape_set.indexOf(face)]!), a).nme;
      nmes.push(e.nme);
      ruleNmes.push(rules);
      for (const [k, v] of Object.entries(e.byRegion)) (regions[k as Region] ??= []).push(v);
      const cell = (r: Region): string => (e.byRegion[r] === undefined ? '   -  ' : (e.byRegion[r]! * 100).toFixed(1).padStart(6));
      line += ` ${(e.nme * 100).toFixed(2).padStart(6)}%${cell('jaw')}${cell('brows')}${cell('eyes')}${cell('nose')}${cell('mouth')}${cell('pupils')}${(rules * 100).toFixed(2).padStart(7)}%`;
    } else line += '   annotated face NOT FOUND';
  } else line += ''.padEnd(57);
  console.log(`${line} ${ms.toFixed(0).padStart(5)}`);
}
const avg = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
console.log(`\nmean NME over ${nmes.length} human-annotated faces: ${(avg(nmes) * 100).toFixed(2)}% of the outer-eye-corner distance (fixed rules alone: ${(avg(ruleNmes) * 100).toFixed(2)}%)`);
console.log('by region: ' + Object.entries(regions).map(([k, v]) => `${k} ${(avg(v!) * 100).toFixed(1)}%`).join(', '));
console.log(`group photos: ${groupFound}/${groupExpected} faces found (${((groupFound / groupExpected) * 100).toFixed(1)}%)`);
console.log(`faces reported on photos with no human face: ${falseFaces}`);
const sorted = [...times].sort((a, b) => a - b);
console.log(`time per photo: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms (Node, wasm, includes decoding)`);
analyzer.close();
