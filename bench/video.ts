/**
 * The video jobs of faceshape's own engines: what a frame with no face costs against a tracked
 * one, how still the points of a still face in camera noise are, and how far they trail a
 * moving face. Frames are 640×480 canvases, timed as a 30 fps camera would time them.
 */
import type { FaceShape } from '/faceshape.js';
import type { Engine } from './engines/engine';
import { summarize, type Summary } from './stats';

export interface VideoResult {
  /** track() of frames without a face, drawing included, after 2 s of such video. */
  noFace: Summary;
  /** noFace median / the tracked frame's median. */
  noFaceRatio: number;
  /** Median over frames of the points' mean movement from the frame before, in % of the eye-corner distance. */
  jitter: { smoothed: number; raw: number };
  /** How many frames the smoothed points trail the points as found, on a face moving at `speed`. */
  lag: { frames: number; speedPxPerFrame: number; faceWidthPx: number };
}

type Tracking = Required<Pick<Engine, 'track' | 'resetTracking'>>;
const FRAME_MS = 1000 / 30;

function canvas(): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = 640;
  c.height = 480;
  return c;
}

/** `source` drawn into a 640×480 frame at `x`, with camera-like noise (uniform, ±`noise` levels a channel). */
export function cameraFrame(source: CanvasImageSource, x: number, noise: number, seed: number): HTMLCanvasElement {
  const c = canvas();
  const g = c.getContext('2d', { willReadFrequently: true })!;
  g.fillStyle = '#606060';
  g.fillRect(0, 0, 640, 480);
  g.drawImage(source, x, 0, 480, 480);
  if (noise > 0) {
    const image = g.getImageData(0, 0, 640, 480);
    let s = seed;
    for (let i = 0; i < image.data.length; i++) {
      if (i % 4 === 3) continue;
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      image.data[i] = image.data[i]! + Math.round(((s / 2 ** 32) * 2 - 1) * noise);
    }
    g.putImageData(image, 0, 0);
  }
  return c;
}

const points = (face: FaceShape): Array<{ x: number; y: number }> => Object.values(face).flat();
const eyeCorners = (face: FaceShape): number => Math.hypot(face.left_eye[0]!.x - face.right_eye[0]!.x, face.left_eye[0]!.y - face.right_eye[0]!.y);

/** The first face of each frame, tracked from a fresh start, frames 1/30 s apart. */
async function run(engine: Tracking, frames: HTMLCanvasElement[], smoothing: boolean): Promise<FaceShape[]> {
  engine.resetTracking();
  const faces: FaceShape[] = [];
  for (const [k, frame] of frames.entries()) {
    const [face] = await engine.track(frame, { smoothing, timestamp: k * FRAME_MS });
    if (!face) throw new Error(`no face in frame ${k} of a video made from a portrait`);
    faces.push(face);
  }
  engine.resetTracking();
  return faces;
}

/** Median over frames (after `skip`) of the points' mean move from the frame before, in % of the eye-corner distance. */
function jitter(faces: FaceShape[], skip: number): number {
  const moves: number[] = [];
  for (let k = Math.max(1, skip); k < faces.length; k++) {
    const a = points(faces[k - 1]!);
    const b = points(faces[k]!);
    const mean = a.reduce((sum, p, i) => sum + Math.hypot(p.x - b[i]!.x, p.y - b[i]!.y), 0) / a.length;
    moves.push((100 * mean) / eyeCorners(faces[k]!));
  }
  return summarize(moves).median;
}

const meanX = (face: FaceShape): number => {
  const ps = points(face);
  return ps.reduce((s, p) => s + p.x, 0) / ps.length;
};

export async function videoJobs(engine: Tracking, still: HTMLImageElement, empty: HTMLImageElement, draw: (frame: HTMLCanvasElement, faces: FaceShape[]) => void, trackedMedian: number, runs: number): Promise<VideoResult> {
  // No face: a drifting picture without one, drawn like the tracked frames, after 2 s of it.
  const blank = Array.from({ length: 30 }, (_, k) => cameraFrame(empty, 80 + Math.round(8 * Math.sin(k / 3)), 4, k + 1));
  engine.resetTracking();
  const times: number[] = [];
  for (let k = 0; k < 60 + runs; k++) {
    const frame = blank[k % blank.length]!;
    const t = performance.now();
    draw(frame, await engine.track(frame, { timestamp: k * FRAME_MS }));
    if (k >= 60) times.push(performance.now() - t);
  }
  const noFace = summarize(times);

  // A still face in camera noise: 90 frames, the first 30 not counted (the filters settle).
  const noisy = Array.from({ length: 30 }, (_, k) => cameraFrame(still, 80, 6, 1000 + k));
  const loop = Array.from({ length: 90 }, (_, k) => noisy[k % noisy.length]!);
  const jitterOf = async (smoothing: boolean): Promise<number> => jitter(await run(engine, loop, smoothing), 30);
  const smoothedJitter = await jitterOf(true);
  const rawJitter = await jitterOf(false);

  // A face moving sideways at a steady 3 px a frame (90 px/s), in camera noise.
  const speed = 3;
  const moving = Array.from({ length: 50 }, (_, k) => cameraFrame(still, 5 + speed * k, 6, 2000 + k));
  const smoothed = await run(engine, moving, true);
  const raw = await run(engine, moving, false);
  // The trail, in frames: how far the smoothed points are behind those found, over the speed.
  const trail = raw.slice(10).map((r, i) => (meanX(r) - meanX(smoothed[i + 10]!)) / speed);
  const faceWidth = Math.max(...points(raw[0]!).map((p) => p.x)) - Math.min(...points(raw[0]!).map((p) => p.x));
  return {
    noFace,
    noFaceRatio: noFace.median / trackedMedian,
    jitter: { smoothed: smoothedJitter, raw: rawJitter },
    lag: { frames: trail.reduce((a, b) => a + b, 0) / trail.length, speedPxPerFrame: speed, faceWidthPx: Math.round(faceWidth) },
  };
}
