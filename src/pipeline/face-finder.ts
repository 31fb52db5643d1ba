/**
 * Finds the faces of a still image and their dense meshes: both detectors (the full-range
 * one skipped when only the largest face is wanted and a close-up was found), optionally on
 * the image turned by quarter turns and on tiles of a large photo, one landmark batch, the
 * duplicates of one face removed by the overlap of their meshes, and (need_rotate_detection 0)
 * every face checked the right way up.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RawDetection } from './anchors';
import { detect, type Detector } from './face-detector';
import { angleOf, boundingBox, boxArea, iou, roiAround, unrotatePoint, type Box, type Roi } from '../shape/geometry';
import { FACE_PRESENCE, runLandmarks, type Landmarker, type MeshResult } from './landmarker';
import { weightedNms } from './nms';
import { confirmsUpright, turned, turnLogits, uprightTurn } from './upright';
import { uprightLogit, type UprightCheck } from '../shape/upright-check';

export interface FinderOptions {
  rotate: boolean;
  maxFaces: number;
  /** Faces already known (a tracker's): detections centred inside these get no mesh. */
  known?: readonly Box[];
  /** Video: what the full-range detector may look at in this frame; default all (a photo). */
  budget?: SearchBudget;
  /**
   * The mesh model's upright check: without rotate, the detectors saw the photo one way up
   * only and may have set a face's crop upside down, where the mesh invents its points; each
   * face is then checked (rightWayUp). With rotate the detectors' surest turn sets the crop.
   */
  upright?: UprightCheck;
}

/**
 * A share of the full-range detector's work, for video, where a frame with nothing in it would
 * otherwise pay for the whole search (the whole frame and every tile) frame after frame.
 */
export interface SearchBudget {
  /** Whether the full-range detector looks at the whole frame (the short-range one always does). */
  wholeFrame: boolean;
  /** The tiles to look at, of all those the image has, when tiling is called for. */
  pickTiles(tiles: readonly Box[]): readonly Box[];
}

/** Overlap above which two detections (of any detector or turn) are one face. */
const SAME_FACE_IOU = 0.3;
/** Overlap above which two meshes are one face. */
const SAME_MESH_IOU = 0.5;
/** A face this narrow (share of the image's long side, ~19 px of the full-range input) is
 * near the detector's limit: smaller faces may have gone unseen, so look again on tiles. */
const SMALL_FACE = 0.1;
/** A face this wide (share of the long side) is a close-up, the short-range detector's. */
const CLOSE_UP = 0.3;
/** Tiles of smaller images would be smaller than the detector input: nothing to gain. */
const TILE_MIN_SIDE = 256;
/** The first mesh moved the crop by more than this (share of its size, or radians): the
 * detector's box was off, so run the mesh again on the crop it implies. */
const CROP_MOVED = 0.08;

interface Candidate {
  detection: RawDetection;
  roiScale: number;
}

function turn(image: tf.Tensor3D, quarterTurns: number): tf.Tensor3D {
  return tf.tidy(() => {
    if (quarterTurns === 2) return tf.reverse(image, [0, 1]);
    const t = tf.transpose(image, [1, 0, 2]);
    return quarterTurns === 1 ? tf.reverse(t, 1) : tf.reverse(t, 0);
  });
}

function unturn(d: RawDetection, q: number, width: number, height: number): RawDetection {
  if (q === 0) return d;
  const corners = [
    unrotatePoint({ x: d.xMin, y: d.yMin }, q, width, height),
    unrotatePoint({ x: d.xMax, y: d.yMax }, q, width, height),
  ];
  return { ...boundingBox(corners), score: d.score, keypoints: d.keypoints.map((k) => unrotatePoint(k, q, width, height)) };
}

/**
 * Overlapping tiles, each about half the long side, so faces too small for one pass are found.
 * Two a side where their overlap holds any face the tiles are for (narrower than SMALL_FACE of
 * the long side), so every such face lies whole in some tile: 4 tiles for a usual photo, not 9.
 * A middle one is added where the overlap is narrower (sides further apart than 2.5:1).
 */
function tiles(width: number, height: number): Box[] {
  const long = Math.max(width, height);
  const side = Math.round(long / 2 + Math.min(width, height) / 8);
  const starts = (length: number): number[] =>
    length <= side ? [0] : 2 * side - length >= SMALL_FACE * long ? [0, length - side] : [0, Math.round((length - side) / 2), length - side];
  return starts(height).flatMap((y) =>
    starts(width).map((x) => ({ xMin: x, yMin: y, xMax: Math.min(width, x + side), yMax: Math.min(height, y + side) })),
  );
}

async function detectIn(detectors: readonly Detector[], image: tf.Tensor3D, region: Box): Promise<Candidate[]> {
  const found: Candidate[] = [];
  for (const detector of detectors) {
    for (const detection of weightedNms(await detect(detector, image, region), SAME_FACE_IOU)) {
      found.push({ detection, roiScale: detector.config.roiScale });
    }
  }
  return found;
}

/**
 * Detections from the detectors in turn (short-range first). When only the largest face is
 * wanted and one detector already found a close-up, a later one cannot find a larger face:
 * the close-up detector sees every face that large.
 */
async function detectLargest(detectors: readonly Detector[], image: tf.Tensor3D, region: Box, largestOnly: boolean): Promise<Candidate[]> {
  if (!largestOnly) return detectIn(detectors, image, region);
  const long = Math.max(region.xMax - region.xMin, region.yMax - region.yMin);
  const found: Candidate[] = [];
  for (const detector of detectors) {
    if (found.some((c) => c.detection.xMax - c.detection.xMin >= CLOSE_UP * long)) break;
    found.push(...(await detectIn([detector], image, region)));
  }
  return found;
}

async function candidates(detectors: readonly Detector[], image: tf.Tensor3D, options: FinderOptions): Promise<Candidate[]> {
  const { rotate } = options;
  const [height, width] = image.shape;
  const whole: Box = { xMin: 0, yMin: 0, xMax: width, yMax: height };
  const largestInput = Math.max(...detectors.map((x) => x.config.inputSize));
  const fullRange = detectors.filter((d) => d.config.inputSize === largestInput);
  const onWhole = options.budget?.wholeFrame === false ? detectors.filter((d) => !fullRange.includes(d)) : detectors;
  const found = await detectLargest(onWhole, image, whole, options.maxFaces === 1 && !rotate);
  if (rotate) {
    for (const q of [1, 2, 3]) {
      const turned = turn(image, q);
      try {
        const [h, w] = turned.shape;
        for (const c of await detectIn(detectors, turned, { xMin: 0, yMin: 0, xMax: w, yMax: h })) {
          found.push({ ...c, detection: unturn(c.detection, q, width, height) });
        }
      } finally {
        turned.dispose();
      }
    }
  }
  const long = Math.max(width, height);
  const smallest = Math.min(...found.map((c) => c.detection.xMax - c.detection.xMin));
  if (long >= TILE_MIN_SIDE && (found.length === 0 || smallest < SMALL_FACE * long)) {
    const all = tiles(width, height);
    for (const region of options.budget?.pickTiles(all) ?? all) found.push(...(await detectIn(fullRange, image, region)));
  }
  // One face seen by several detectors, turns or tiles: keep its most confident sighting.
  found.sort((a, b) => b.detection.score - a.detection.score);
  return found.filter((c, i) => found.slice(0, i).every((k) => iou(k.detection, c.detection) <= SAME_FACE_IOU));
}

/** The crop the landmark model needs around a detection: eye line level, face centred. */
export function roiFromDetection(c: Candidate): Roi {
  const [rightEye, leftEye] = c.detection.keypoints;
  return roiAround(c.detection, angleOf(rightEye!, leftEye!), c.roiScale);
}

/** MediaPipe's crop from a previous mesh: its bounding box, levelled on the eye corners. */
export function roiFromMesh(mesh: MeshResult['mesh']): Roi {
  return roiAround(boundingBox(mesh), angleOf(mesh[33]!, mesh[263]!), 1.5);
}

/** How far apart two crops are: centre shift and size change relative to the size, and turn. */
export function cropMoved(a: Roi, b: Roi): boolean {
  const turn = Math.abs(Math.atan2(Math.sin(a.angle - b.angle), Math.cos(a.angle - b.angle)));
  return (
    Math.hypot(a.cx - b.cx, a.cy - b.cy) > CROP_MOVED * a.size ||
    Math.abs(a.size - b.size) > CROP_MOVED * a.size ||
    turn > CROP_MOVED
  );
}

export const meshArea = (m: MeshResult): number => {
  const b = boundingBox(m.mesh);
  return (b.xMax - b.xMin) * (b.yMax - b.yMin);
};

/** Keeps one mesh per face (the most confident) and orders them largest first. */
export function distinctFaces(meshes: readonly MeshResult[], maxFaces: number): MeshResult[] {
  const faces = meshes.filter((m) => m.score >= FACE_PRESENCE).sort((a, b) => b.score - a.score);
  const kept = faces.filter(
    (m, i) => faces.slice(0, i).every((k) => iou(boundingBox(k.mesh), boundingBox(m.mesh)) <= SAME_MESH_IOU),
  );
  return kept.sort((a, b) => meshArea(b) - meshArea(a)).slice(0, maxFaces);
}

export async function findFaces(
  detectors: readonly Detector[],
  landmarker: Landmarker,
  image: tf.Tensor3D,
  options: FinderOptions,
): Promise<MeshResult[]> {
  // Largest first, and only a margin more than the faces wanted: a crowd of tiny faces must
  // not cost a mesh each when only the largest ten are returned (the margin covers
  // detections the face flag turns down).
  const inKnown = (d: RawDetection): boolean => {
    const x = (d.xMin + d.xMax) / 2;
    const y = (d.yMin + d.yMax) / 2;
    return (options.known ?? []).some((b) => x >= b.xMin && x <= b.xMax && y >= b.yMin && y <= b.yMax);
  };
  const found = (await candidates(detectors, image, options))
    .filter((c) => !inKnown(c.detection))
    .sort((a, b) => boxArea(b.detection) - boxArea(a.detection))
    .slice(0, Math.max(options.maxFaces * 2, options.maxFaces + 4));
  const first = await runLandmarks(landmarker, image, found.map(roiFromDetection));
  // A detector's box is a rough crop; the mesh it yields, even when the face flag doubts it,
  // gives the crop the mesh model was trained on. Where that crop is far from the first one
  // (or the face is in doubt), run the mesh again there.
  const again = first.filter((m) => m.score < FACE_PRESENCE || cropMoved(m.roi, roiFromMesh(m.mesh)));
  const second = await runLandmarks(landmarker, image, again.map((m) => roiFromMesh(m.mesh)));
  const faces = distinctFaces([...first.filter((m) => !again.includes(m)), ...second], options.maxFaces);
  return options.upright && !options.rotate ? rightWayUp(detectors[0]!, landmarker, image, faces, options.upright, options.maxFaces) : faces;
}

/**
 * A mesh whose upright check scores below this is doubted: of the faces-train meshes (CV by
 * photo) it doubts 4 % of the upright faces of upright photos and lets through 2 % of the
 * wrongly turned meshes.
 */
const DOUBT = 1;
/** Passes on the crop each mesh implies, at most, for a face found another way up: its first
 * crop is the wrong way up face's, turned, rarely where the upright face's would be. */
const SETTLE_PASSES = 3;
/** A face turned this far in the photo (the detectors' boxes and keypoints are rough there) is doubted too. */
const notLevel = (angle: number): boolean => Math.abs(Math.atan2(Math.sin(angle), Math.cos(angle))) > Math.PI / 4;

/**
 * Never a face upside down with invented points. The mesh's own shape (upright-check.ts)
 * clears almost every upright face at no cost; a doubted face, or one not level in the photo,
 * is shown to the short-range detector on its crop at the four quarter turns (upright.ts): a
 * face the detector is clearly surer of another way up, or one not level, is meshed again
 * (turned), its crop settled, and kept only if the detector then agrees; otherwise it is not
 * reported, as its points would be invented.
 */
async function rightWayUp(
  detector: Detector,
  landmarker: Landmarker,
  image: tf.Tensor3D,
  faces: MeshResult[],
  check: UprightCheck,
  maxFaces: number,
): Promise<MeshResult[]> {
  const tilted = (f: MeshResult): boolean => notLevel(roiFromMesh(f.mesh).angle);
  const doubted = faces.filter((f) => tilted(f) || uprightLogit(check, f.mesh, f.score) < DOUBT);
  if (doubted.length === 0) return faces;
  const turns = (await turnLogits(detector, image, doubted.map((f) => roiFromMesh(f.mesh)))).map(uprightTurn);
  const unsure = doubted.filter((f, i) => turns[i] !== 0 || tilted(f));
  if (unsure.length === 0) return faces;
  let meshes = await runLandmarks(landmarker, image, unsure.map((f) => turned(roiFromMesh(f.mesh), turns[doubted.indexOf(f)]!)));
  for (let pass = 0; pass < SETTLE_PASSES; pass++) {
    const moving = meshes.filter((m) => cropMoved(m.roi, roiFromMesh(m.mesh)));
    if (moving.length === 0) break;
    const moved = await runLandmarks(landmarker, image, moving.map((m) => roiFromMesh(m.mesh)));
    meshes = meshes.map((m) => (moving.includes(m) ? moved[moving.indexOf(m)]! : m));
  }
  const checks = await turnLogits(detector, image, meshes.map((m) => roiFromMesh(m.mesh)));
  const righted = meshes.filter((m, i) => m.score >= FACE_PRESENCE && confirmsUpright(checks[i]!));
  return distinctFaces([...faces.filter((f) => !unsure.includes(f)), ...righted], maxFaces);
}
